"""The one bilingual convention of the curriculum's files.

* In data files (YAML), every text a person reads is a mapping from language to
  text, ``{en: ..., zh-CN: ...}``; a list of texts is a list of such mappings.
  Everything else (ids, numbers, keys) is written once.
* Whole documents (Markdown) come as twins: ``name.md`` in English and
  ``name.zh-CN.md`` in Chinese, with the same headings.

:func:`localized` reads the first, :func:`document` the second; nothing else in
the toolkit knows how the files are laid out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.i18n import LANGUAGES, get_language


def is_text(node: object) -> bool:
    """Whether ``node`` is a bilingual text: a mapping whose keys are languages, English among them."""
    return isinstance(node, dict) and "en" in node and set(node) <= set(LANGUAGES)


def localized(node: Any, language: str | None = None) -> Any:
    """``node`` with every bilingual text replaced by its text in ``language`` (English where one is missing).

    Works on a single text, a list, or a whole tree read from YAML.
    """
    language = language or get_language()
    if is_text(node):
        return node.get(language) or node["en"]
    if isinstance(node, dict):
        return {key: localized(value, language) for key, value in node.items()}
    if isinstance(node, list):
        return [localized(value, language) for value in node]
    return node


def untranslated(node: Any, where: str = "") -> list[str]:
    """Paths of the bilingual texts in ``node`` that lack a language (for the tests and the curriculum checks)."""
    if is_text(node):
        return [where] if any(not node.get(language) for language in LANGUAGES) else []
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in untranslated(value, f"{where}.{key}" if where else str(key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in untranslated(value, f"{where}[{i}]")]
    return []


def document(path: Path, language: str | None = None) -> Path:
    """The twin of Markdown document ``path`` (``name.md``) in ``language``, or ``path`` when there is none."""
    language = language or get_language()
    if language == "en":
        return path
    twin = path.with_name(f"{path.stem}.{language}{path.suffix}")
    return twin if twin.exists() else path
