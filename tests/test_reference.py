"""Reference results: every number the materials quote comes from one generated file, and is the model's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sim.course.reference import (
    build_reference,
    load_reference,
    reference_file,
    render,
    section_names,
    write_reference,
)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = load_reference()
QUOTES: dict[str, list[str]] = REFERENCE.get("quotes") or {}
#: The texts that quote results of the model: each must quote through the reference file.
QUOTING = [
    "README.md",
    "curriculum/exercises.yaml",
    "curriculum/facilitator/debrief.md",
    "curriculum/facilitator/debrief.zh-CN.md",
    "curriculum/facilitator/knowledge_checks.yaml",
    "curriculum/facilitator/session_plans.md",
    "curriculum/facilitator/session_plans.zh-CN.md",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "curriculum" / "cases").glob("*/README*.md")),
]
#: A simulated figure said to be approximate: "about 3,410", "roughly 30%", "约3,410", "约 98%".
APPROXIMATE = re.compile(r"(?:\babout|\broughly|约|大约)\s*-?[0-9][0-9,.]*%?")


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _text(relative: str) -> str:
    """A file's words with runs of white space made one space (YAML files: their strings)."""
    raw = (ROOT / relative).read_text(encoding="utf-8")
    if relative.endswith((".yaml", ".yml")):
        raw = "\n".join(_strings(yaml.safe_load(raw)))
    return re.sub(r"\s+", " ", raw)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("relative", "template"), [(f, q) for f, quotes in QUOTES.items() for q in quotes], ids=lambda v: str(v)[:60]
)
def test_every_quote_says_what_the_reference_gives(relative, template):
    quoted = _normal(render(template, REFERENCE))
    assert quoted in _text(relative), f"{relative} no longer says: {quoted!r}"


@pytest.mark.parametrize("relative", QUOTING)
def test_every_text_that_quotes_the_model_quotes_through_the_reference(relative):
    assert QUOTES.get(relative), f"{relative} has no quotes in curriculum/reference.yaml"


@pytest.mark.parametrize("relative", QUOTING)
def test_every_approximate_figure_in_a_text_is_a_quoted_one(relative):
    text = _text(relative)
    covered = [
        (m.start(), m.end())
        for quote in QUOTES.get(relative, [])
        for m in re.finditer(re.escape(_normal(render(quote, REFERENCE))), text)
    ]
    loose = [
        m.group(0) for m in APPROXIMATE.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in covered)
    ]
    assert not loose, f"{relative}: approximate figures not quoted from the reference: {loose}"


def test_every_section_is_stored_and_every_quoted_file_exists():
    assert [k for k in REFERENCE if k != "quotes"] == section_names()
    for relative in QUOTES:
        assert (ROOT / relative).is_file(), relative


def test_the_stored_results_are_of_the_model_as_it_is():
    # One short run of every scenario the materials use, hashed: a change to the model changes it.
    assert build_reference(["model"], "serial") == {"model": REFERENCE["model"]}, (
        "the model has changed: run `python -m sim reference`, then check the texts it quotes"
    )


@pytest.mark.slow
def test_the_default_and_return_visit_sections_rebuild_to_the_stored_values():
    fresh = build_reference(["default", "return_visits"], "processes")
    assert fresh == {name: REFERENCE[name] for name in fresh}


def test_render_fills_dotted_keys_with_formats():
    reference = {"a": {"b": 2512.4, "c": 0.871}, "n": {"8": 3}}
    assert render("about {a.b:,.0f} wan CNY, {a.c:.0%} of runs", reference) == "about 2,512 wan CNY, 87% of runs"
    with pytest.raises(KeyError):
        render("{a.missing}", reference)


def test_writing_keeps_the_header_the_quotes_and_the_sections_not_rebuilt(tmp_path):
    target = tmp_path / "reference.yaml"
    target.write_text(
        "# header line\n" + yaml.safe_dump({"default": {"x": 1}, "meeting": {"y": 2}, "quotes": {"README.md": ["q"]}}),
        encoding="utf-8",
    )
    write_reference({"meeting": {"y": 3}}, target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# header line\n")
    data = yaml.safe_load(text)
    assert data == {"default": {"x": 1}, "meeting": {"y": 3}, "quotes": {"README.md": ["q"]}}
    assert reference_file().name == "reference.yaml"
