"""One language switch for everything a trainee, facilitator or manager sees: zh-CN or en.

Set it once per session with :func:`set_language` (the notebooks do this in
their first cell) or for a whole server with the environment variable
``CRM_LANG``; ``python -m sim --lang zh-CN`` sets it for the command line.
Texts live in ``sim/locale/messages.yaml``, every key in every language.

The toolkit's code never writes a sentence a person reads: it names a catalog
key and its parameters (:class:`Text`, or the ``key`` of a
:class:`~sim.scenario.Problem`), and the sentence is written where it is shown
(the command line, a widget) in that reader's language.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import yaml

from sim.resources import MissingResource, locale_file

LANGUAGES = ("en", "zh-CN")
_current: str | None = None


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, dict[str, str]]]:
    """The message catalog: section -> key -> language -> text."""
    return yaml.safe_load(locale_file().read_text(encoding="utf-8"))


def set_language(language: str) -> None:
    """Use ``language`` (``en`` or ``zh-CN``) from now on in this process.

    Raises:
        ValueError: for a language the toolkit does not have.
    """
    global _current
    if language not in LANGUAGES:
        raise ValueError(t("error.language", language=language, languages=", ".join(LANGUAGES)))
    _current = language


@contextmanager
def using(language: str) -> Iterator[None]:
    """Use ``language`` inside a ``with`` block, then the one in use before (for a chart drawn in another language)."""
    global _current
    before = _current
    set_language(language)
    try:
        yield
    finally:
        _current = before


def get_language() -> str:
    """The language in use: set by :func:`set_language`, else ``CRM_LANG``, else English."""
    if _current is not None:
        return _current
    wanted = os.environ.get("CRM_LANG", "en")
    return wanted if wanted in LANGUAGES else "en"


class Text:
    """A catalog message with its parameters, written out only when shown, in the reader's language.

    Parameters may themselves be :class:`Text` (or anything with a ``render(language)``
    method); they are written in the same language.

    Args:
        key: ``section.key`` of the catalog.
        **params: The message's ``{placeholders}``.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def render(self, language: str | None = None) -> str:
        """The message in the current (or given) language."""
        return t(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]


def _written(value: Any, language: str) -> Any:
    if isinstance(value, MissingResource):
        return t("error.missing_resource", language, path=value.path)
    render = getattr(value, "render", None)
    return render(language) if callable(render) else value


def t(key: str, language: str | None = None, /, **values: Any) -> str:
    """The text of ``section.key`` in the current (or given) language, with ``{placeholders}`` filled.

    An unknown key is returned as it is, so a missing text shows up plainly instead of failing a page.
    """
    section, _, name = key.partition(".")
    entry = catalog().get(section, {}).get(name)
    if entry is None:
        return key
    language = language or get_language()
    text = entry.get(language, entry["en"])
    if not values:
        return text
    return text.format(**{k: _written(v, language) for k, v in values.items()})


def has(key: str) -> bool:
    """Whether the catalog holds ``section.key``."""
    section, _, name = key.partition(".")
    return isinstance(key, str) and name in catalog().get(section, {})


def unit_name(unit: str, language: str | None = None) -> str:
    """A unit as the language writes it (the declared English unit itself in English)."""
    language = language or get_language()
    return unit if language == "en" or not has(f"unit.{unit}") else t(f"unit.{unit}", language)


def format_amount(value_wan: float, language: str | None = None) -> str:
    """An amount given in 万元 (wan CNY), written the way the language writes money.

    zh-CN: ``2,500 万元``, and ``1.25 亿元`` from 10,000 万元 up; en: ``2,500 wan CNY``.
    """
    language = language or get_language()
    if language == "zh-CN":
        if abs(value_wan) >= 10_000:
            return f"{value_wan / 10_000:,.2f} 亿元"
        return f"{value_wan:,.0f} 万元"
    return f"{value_wan:,.0f} wan CNY"


def format_date(day: Any, language: str | None = None) -> str:
    """A date the way the language writes it: ``2025年1月5日`` in zh-CN, ``2025-01-05`` in English."""
    language = language or get_language()
    if language == "zh-CN":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()
