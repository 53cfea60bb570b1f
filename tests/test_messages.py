"""Every message a person reads is a catalog key, rendered in the reader's language where it is shown.

The code names a key (``Problem(path, value, "error.out_of_range", ...)``,
``t("ui.done")``, ``Text("archive.empty")``) and never writes an English sentence
into an error: a test here fails on any such literal.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sim.i18n import catalog, has, set_language, t
from sim.scenario import NO_VALUE, Problem, ScenarioError, problem

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "sim").rglob("*.py"))

#: Callables that take a catalog key, and the position of the key among their arguments.
KEYED = {"t": 0, "has": 0, "Text": 0, "rule": 0, "problem": 2, "Problem": 2, "RowError": 3}
#: Exceptions that reach a person: their message must come from the catalog.
INPUT_ERRORS = {"ValueError", "KeyError", "LookupError", "OSError", "FileNotFoundError", "ScenarioError"}


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Call)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_key_named_in_the_code_is_in_the_catalog(path):
    for call in _calls(path):
        position = KEYED.get(_name(call))
        if position is None or len(call.args) <= position:
            continue
        key = call.args[position]
        assert not isinstance(key, ast.JoinedStr) or _name(call) in ("t", "has", "Text"), (
            f"{path.relative_to(ROOT)}:{call.lineno}: a message built with an f-string instead of a catalog key"
        )
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            assert has(key.value), f"{path.relative_to(ROOT)}:{call.lineno}: {key.value!r} is not in the catalog"


def sentences_raised(path: Path) -> list[int]:
    """Lines where an input error is raised with a sentence (a string or f-string) instead of a catalog key."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        if _name(node.exc) not in INPUT_ERRORS:
            continue
        for argument in node.exc.args:
            if isinstance(argument, ast.JoinedStr) or (
                isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            ):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_input_error_carries_an_english_literal(path):
    assert sentences_raised(path) == [], f"{path.relative_to(ROOT)}: raise with a sentence, not a catalog key"


def test_the_literal_check_catches_a_sentence(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('def f():\n    raise ValueError(f"x = {1}: too big")\n    raise KeyError("no")\n', encoding="utf-8")
    assert sentences_raised(bad) == [2, 3]


def test_a_problem_is_written_in_the_language_of_whoever_reads_it():
    error = ScenarioError([Problem("managers.count", 0, "error.out_of_range", {"range": ">= 1"})])
    try:
        set_language("zh-CN")
        chinese = str(error)
    finally:
        set_language("en")
    assert "超出范围" in chinese and "out of range" in str(error)
    assert error.render("zh-CN") == chinese
    assert "managers.count = 0" in chinese


def test_an_unknown_field_has_one_text_whoever_finds_it():
    from sim import Scenario

    data = Scenario().model_dump(mode="json")
    data["managers"]["cout"] = 3
    with pytest.raises(ScenarioError) as by_validation:
        Scenario.from_dict(data)
    with pytest.raises(ScenarioError) as by_path:
        Scenario().with_values({"managers.cout": 3})
    assert by_validation.value.problems[0].key == by_path.value.problems[0].key == "error.unknown_field"


def test_a_runaway_value_is_cut_in_the_message():
    shown = str(problem("grid", list(range(100_000)), "error.grid_values"))
    assert len(shown) < 200


def test_no_value_shows_no_value():
    assert str(Problem("", NO_VALUE, "error.missing")) == f"{t('error.root')}: {t('error.missing')}"


def test_every_message_has_every_language():
    for section, entries in catalog().items():
        for key, texts in entries.items():
            assert texts.get("en") and texts.get("zh-CN"), f"{section}.{key}"
