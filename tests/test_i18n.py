"""Chinese (zh-CN) and English for everything a trainee, facilitator or manager sees."""

from __future__ import annotations

import re
import string
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest
import yaml

import sim
from sim.i18n import LANGUAGES, catalog, format_amount, get_language, set_language, t
from sim.results.kpis import KPI_DEFS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def chinese():
    before = get_language()
    set_language("zh-CN")
    yield
    set_language(before)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_every_language_with_the_same_placeholders():
    for section, entries in catalog().items():
        for key, texts in entries.items():
            assert set(texts) == set(LANGUAGES), f"{section}.{key}"
            assert all(texts.values()), f"{section}.{key}"
            assert _placeholders(texts["en"]) == _placeholders(texts["zh-CN"]), f"{section}.{key}"


def test_every_kpi_and_unit_has_a_chinese_name():
    for definition in KPI_DEFS:
        assert re.search(r"[\u4e00-\u9fff]", t(f"kpi.{definition.name}", "zh-CN")), definition.name
        assert t(f"unit.{definition.unit}", "zh-CN") != f"unit.{definition.unit}", definition.unit


def test_language_comes_from_the_environment_or_the_switch(monkeypatch):
    monkeypatch.setenv("CRM_LANG", "zh-CN")
    code = "from sim.i18n import get_language, t; print(get_language(), t('kpi.order_intake'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["zh-CN", "订货额"]
    with pytest.raises(ValueError, match="zh-CN"):
        set_language("fr")


def test_amounts_follow_the_language():
    assert format_amount(2500, "zh-CN") == "2,500 万元"
    assert format_amount(25_000, "zh-CN") == "2.50 亿元"
    assert format_amount(2500, "en") == "2,500 wan CNY"


def test_cli_speaks_chinese_with_lang():
    out = subprocess.run(
        [sys.executable, "-m", "sim", "run", "--days", "30", "--lang", "zh-CN"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "订货额" in out.stdout and "万元" in out.stdout and "随机种子" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "sim", "run", "--lang", "zh-CN", "--set", "managers.count=0"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "错误" in bad.stderr and "超出范围" in bad.stderr


def test_chart_with_chinese_labels_renders_without_missing_glyphs(chinese, tmp_path):
    from sim.ui.charts import pipeline_flow
    from sim.ui.fonts import cjk_font

    assert cjk_font() is not None, "no CJK font: install Debian's fonts-wqy-microhei (make and .ci/run do)"
    figure = pipeline_flow(sim.run(sim.Scenario().with_values({"horizon_days": 60})))
    assert "客户" in figure.axes[0].get_title()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail here
        figure.savefig(tmp_path / "zh.png")


def test_widgets_speak_chinese(chinese):
    from sim.course.widgets import ExerciseWidget
    from sim.ui import visit_policy_comparator

    panel = visit_policy_comparator(reps=2)
    assert panel.button.description == "运行并比较"
    assert "项目实施阶段" in panel.left.controls["visit_policy.implementation.min_days"].description
    panel.backend = "serial"
    panel.right.controls["visit_policy.implementation.min_days"].value = 30.0
    panel.right.controls["visit_policy.implementation.max_days"].value = 10.0
    assert panel.run() is False and "请检查设置" in panel.status.value
    exercise = ExerciseWidget("m03_stage_order")
    assert re.search(r"[\u4e00-\u9fff]", exercise.exercise.localized().prompt)
    exercise.answer.value = 0
    assert exercise.submit().correct and "正确" in exercise.feedback.value


NOTEBOOK_TEXTS = yaml.safe_load((ROOT / "curriculum" / "i18n" / "notebooks.yaml").read_text(encoding="utf-8"))


def _texts(node, path="") -> list[tuple[str, dict]]:
    if isinstance(node, dict):
        if "en" in node:
            return [(path, node)]
        return [t for k, v in node.items() if k not in ("static_code", "lab") for t in _texts(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [t for i, v in enumerate(node) if not isinstance(v, str) for t in _texts(v, f"{path}[{i}]")]
    return []


def test_every_notebook_text_has_both_languages_and_both_notebooks_exist():
    texts = _texts(NOTEBOOK_TEXTS)
    assert len(texts) > 60
    for path, entry in texts:
        assert entry.get("en") and entry.get("zh-CN"), path
    for module in NOTEBOOK_TEXTS["modules"]:
        assert (ROOT / "notebooks" / f"{module}.ipynb").exists()
        assert (ROOT / "notebooks" / "zh-CN" / f"{module}.ipynb").exists()


def test_notebooks_are_built_from_the_texts():
    """The committed notebooks are exactly what tools/build_notebooks.py makes of the texts: they cannot drift."""
    import importlib.util

    import nbformat

    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    for module in NOTEBOOK_TEXTS["modules"]:
        for language, folder in (("en", ROOT / "notebooks"), ("zh-CN", ROOT / "notebooks" / "zh-CN")):
            built = builder.build(module, language)
            committed = nbformat.read(folder / f"{module}.ipynb", as_version=4)
            assert [c.source for c in built.cells] == [c.source for c in committed.cells], (module, language)


CURRICULUM_DATA = sorted((ROOT / "curriculum").rglob("*.yaml"))


@pytest.mark.parametrize("path", CURRICULUM_DATA, ids=lambda p: str(p.relative_to(ROOT)))
def test_curriculum_data_uses_one_bilingual_convention(path):
    """Every text is {en: ..., zh-CN: ...} with both languages; no key spells a language any other way."""
    from sim.course.texts import untranslated

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert untranslated(data) == [], path

    def other_conventions(node, where=""):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (key.endswith(("_zh", "_en")) or key in ("zh", "zh_CN")):
                    yield f"{where}.{key}"
                if key == "zh-CN" and "en" not in node:
                    yield f"{where}.zh-CN"
                yield from other_conventions(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from other_conventions(value, f"{where}[{index}]")

    assert list(other_conventions(data)) == [], path


def test_exercises_and_syllabus_have_chinese_texts():
    from sim.course import load_catalog, load_syllabus, localized

    for exercise in load_catalog().values():
        zh = exercise.localized("zh-CN")
        for text in (zh.prompt, zh.hint):
            assert re.search(r"[\u4e00-\u9fff]", text), (exercise.id, text)
        for text in (zh.explanation, *zh.choices, *zh.feedback.values()):
            assert text and text != "", exercise.id
        assert len(zh.choices) == len(exercise.choices) and set(zh.feedback) == set(exercise.feedback), exercise.id
    for module in load_syllabus()["modules"]:
        assert all(re.search(r"[\u4e00-\u9fff]", o) for o in localized(module["objectives"], "zh-CN")), module["id"]


def _headings(path: Path) -> list[str]:
    return [line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


DOCS = sorted((ROOT / "curriculum" / "cases").glob("*/README.md")) + sorted(
    p for p in (ROOT / "curriculum" / "facilitator").glob("*.md") if not p.name.endswith(".zh-CN.md")
)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_case_and_facilitator_document_exists_in_chinese_with_the_same_structure(doc):
    chinese = doc.with_name(doc.stem + ".zh-CN.md")
    assert chinese.exists(), f"{chinese.name} is missing"
    assert _headings(chinese) == _headings(doc)
    assert re.search(r"[\u4e00-\u9fff]{20}", chinese.read_text(encoding="utf-8"))


def test_glossary_gives_the_papers_terms_and_the_toolkit_uses_them():
    glossary = yaml.safe_load((ROOT / "curriculum" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    by_zh = {term["term"]["zh-CN"] for term in glossary}
    for required in (
        "客户经理",
        "客户关系管理档案",
        "定期回访",
        "例会",
        "军兵种",
        "投标阶段",
        "项目实施阶段",
        "竣工后阶段",
        "关系营销",
    ):
        assert required in by_zh, required
    for term in glossary:
        assert term["term"]["en"] and term["definition"]["en"] and term["definition"]["zh-CN"], term
    # The stage names the charts and tables show are the glossary's.
    for stage in ("bidding", "implementation", "after_completion"):
        assert t(f"stage.{stage}", "zh-CN") in by_zh


def test_dates_follow_the_language():
    from datetime import date

    from sim.i18n import format_date

    assert format_date(date(2025, 1, 5), "zh-CN") == "2025年1月5日"
    assert format_date(date(2025, 1, 5), "en") == "2025-01-05"


def test_other_commands_speak_chinese_too(tmp_path):
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "sim", *args, "--lang", "zh-CN"], capture_output=True, text=True)

    generated = cli("archive", "generate", "--years", "1", "--out", str(tmp_path / "a"))
    assert generated.returncode == 0 and "已将" in generated.stdout
    checked = cli("archive", "check", str(tmp_path / "a"))
    assert "读取" in checked.stdout and "导入" in checked.stdout
    calibrated = cli("calibrate", str(tmp_path / "a"), "--out", str(tmp_path / "s.yaml"))
    assert calibrated.returncode == 0 and "置信区间" in calibrated.stdout
