"""Where the toolkit's own files are: data, curriculum, notebooks, apps and the message catalog.

These files are part of the toolkit, not of the user's work: the default
scenario, the service-branch lists, the sample archive, the syllabus and
exercises, the notebooks a release is built from. Installed from a wheel they
travel inside the package (``sim/_data``, ``sim/_curriculum``, ...; see
``[tool.setuptools.package-dir]`` in ``pyproject.toml``); in a source checkout
(``pip install -e .``) they are the checkout's own top-level folders. This module
is the one place that knows both layouts, through :mod:`importlib.resources`;
nothing else finds a file relative to a source file.

A file that should be there and is not raises :class:`MissingResource`, naming
the file, so an incomplete installation is never mistaken for a user's mistake.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

#: The packaged folders, by the name they have in a source checkout.
FOLDERS = ("data", "curriculum", "notebooks", "apps")


class MissingResource(FileNotFoundError):
    """A file the toolkit ships with is missing (an incomplete installation or checkout).

    Attributes:
        path: The file or folder that was looked for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(str(path))


def package_dir() -> Path:
    """The folder of the installed ``sim`` package."""
    return Path(str(files("sim")))


@cache
def folder(name: str) -> Path:
    """One of the packaged :data:`FOLDERS`, wherever this installation keeps it.

    Raises:
        KeyError: for a name that is not one of :data:`FOLDERS` (a programming mistake).
        MissingResource: when the folder is in neither layout.
    """
    if name not in FOLDERS:
        raise KeyError(name)
    package = package_dir()
    for candidate in (package / f"_{name}", package.parent / name):
        if candidate.is_dir():
            return candidate
    raise MissingResource(package / f"_{name}")


def path(name: str, *parts: str) -> Path:
    """A file or folder inside packaged folder ``name``, checked to exist.

    Example: ``path("data", "branches", "service_branches.yaml")``.

    Raises:
        MissingResource: naming the file when it is not there.
    """
    found = folder(name).joinpath(*parts)
    if not found.exists():
        raise MissingResource(found)
    return found


def locale_file(name: str = "messages.yaml") -> Path:
    """A file of the message catalog (``sim/locale``).

    Raises:
        MissingResource: naming the file when it is not there.
    """
    found = package_dir() / "locale" / name
    if not found.exists():
        raise MissingResource(found)
    return found
