"""Write the curriculum notebooks in every language from one source per module.

Texts: curriculum/i18n/notebooks.yaml (each text in en and zh-CN); objectives
come from curriculum/syllabus.yaml and exercises from curriculum/exercises.yaml
at run time, so nothing is repeated. English notebooks go to notebooks/, Chinese
ones to notebooks/zh-CN/. Committed without outputs; run after editing a text:
    .venv/bin/python tools/build_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat as nbf
import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = yaml.safe_load((ROOT / "curriculum" / "solutions" / "answers.yaml").read_text(encoding="utf-8"))
EXERCISES = yaml.safe_load((ROOT / "curriculum" / "exercises.yaml").read_text(encoding="utf-8"))["exercises"]
TEXTS = yaml.safe_load((ROOT / "curriculum" / "i18n" / "notebooks.yaml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "zh-CN")


def text(entry: dict, language: str) -> str:
    """One text of the catalog in ``language``."""
    return entry[language]


def has_language(language: str) -> bool:
    """Whether every text of the catalog exists in ``language``."""

    def complete(node: object) -> bool:
        if isinstance(node, dict):
            if "en" in node and all(isinstance(v, str) for v in node.values()):
                return language in node
            return all(complete(v) for k, v in node.items() if k not in ("static_code", "lab"))
        if isinstance(node, list):
            return all(complete(v) for v in node if not isinstance(v, str))
        return True

    return complete(TEXTS)


def local(node: object, language: str) -> object:
    """A bilingual text (``{en: ..., zh-CN: ...}``) in ``language``; lists and mappings of them too."""
    if isinstance(node, dict) and "en" in node and set(node) <= set(LANGUAGES):
        return node.get(language) or node["en"]
    if isinstance(node, list):
        return [local(item, language) for item in node]
    return node


def solution_cell(exercise: dict, language: str) -> nbf.NotebookNode:
    """A facilitator-only cell with the reference answer (tagged; left out of the trainee release)."""
    answer = ANSWERS.get(exercise["id"])
    explanation = local(exercise.get("explanation", ""), language)
    label = "参考答案" if language == "zh-CN" else "Reference answer"
    if answer is not None:
        choices = local(exercise["choices"], language)
        body = f"{choices[answer['answer']]}. {explanation}"
    elif language == "zh-CN":
        body = f"由检查程序根据固定随机种子的重复运行计算（见其给出的可接受范围）。{explanation}"
    else:
        body = f"computed by the check from fixed-seed replications (see the accepted range it prints). {explanation}"
    cell = nbf.v4.new_markdown_cell(f"**{label} ({exercise['id']}):** {body}")
    cell.metadata["tags"] = ["solution"]
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": exercise["id"]}
    return cell


def build(module_id: str, language: str) -> nbf.NotebookNode:
    """The notebook of one module in one language."""
    syllabus = yaml.safe_load((ROOT / "curriculum" / "syllabus.yaml").read_text(encoding="utf-8"))
    info = next(m for m in syllabus["modules"] if m["id"] == module_id)
    spec = TEXTS["modules"][module_id]
    common = TEXTS["common"]
    heads = {k: text(v, language) for k, v in common["headings"].items()}
    md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
    number = module_id[:2]
    title, subtitle = local(info["title"], language), local(info["title"], "en" if language != "en" else "zh-CN")
    cells = [
        md(
            f"# {number} · {title}\n\n{subtitle}\n\n{text(common['illustrative'], language)}\n\n"
            f"{text(common['run_hint'], language)}"
        ),
    ]
    if language != "en":
        cells.append(code(f'from sim.i18n import set_language\n\nset_language("{language}")'))
    cells += [
        md(f"## {heads['objectives']}"),
        code(f'from sim.course.widgets import show_objectives\n\nshow_objectives("{module_id}")'),
        md(f"## {heads['reading']}\n\n" + text(spec["reading"], language)),
        md(text(spec["static"], language)),
        *[code(c) for c in spec["static_code"]],
        md(f"## {heads['lab']}\n\n" + text(spec["lab_intro"], language) + " " + text(common["lab_suffix"], language)),
        *[code(c) for c in spec["lab"]],
        md(f"## {heads['exercises']}\n\n" + text(common["exercises_intro"], language)),
    ]
    for exercise in (e for e in EXERCISES if e["module"] == module_id):
        cells.append(code(f'from sim.course.widgets import ExerciseWidget\n\nExerciseWidget("{exercise["id"]}").widget'))
        cells.append(solution_cell(exercise, language))
    discussion = "\n".join(f"- {text(q, language)}" for q in spec["discussion"])
    summary = "\n".join(f"- {text(q, language)}" for q in spec["summary"])
    cells.append(md(f"## {heads['discussion']}\n\n{discussion}"))
    cells.append(md(f"## {heads['summary']}\n\n{summary}"))
    for index, cell in enumerate(cells):
        cell["id"] = f"{language}-{number}-{index:02d}"  # stable ids: rebuilding changes nothing that is the same
    nb = nbf.v4.new_notebook()
    nb["cells"] = cells
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb["metadata"]["curriculum"] = {"module": module_id, "language": language}
    return nb


def main() -> None:
    """Write every module's notebook in every language whose texts are complete."""
    for language in LANGUAGES:
        if not has_language(language):
            print(f"skipped {language}: not every text of curriculum/i18n/notebooks.yaml has it yet")
            continue
        folder = ROOT / "notebooks" if language == "en" else ROOT / "notebooks" / language
        folder.mkdir(exist_ok=True)
        for module_id in TEXTS["modules"]:
            nbf.write(build(module_id, language), folder / f"{module_id}.ipynb")
        print("wrote", language, len(TEXTS["modules"]), "notebooks")


if __name__ == "__main__":
    main()
