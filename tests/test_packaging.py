"""Packaging: conda and pip list the same dependencies; the README's quick start is what it says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return requirement.strip().replace(" ", "").lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_side = project["dependencies"] + project["optional-dependencies"]["test"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_side = [d for d in env["dependencies"] if isinstance(d, str) and _name(d) not in {"python", "pip"}]
    assert sorted(map(_spec, conda_side)) == sorted(map(_spec, pip_side))


def test_required_packages_are_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert {"jupyterlab", "pandas", "numpy", "simpy", "ipywidgets", "nbval"} <= names


def test_readme_quick_start_is_exactly_make_lab_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", quick, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["make lab", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_script_installs_and_calls_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert "make test" in ci


def test_readme_layout_names_every_top_level_package_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1]
    for path in sorted((ROOT / "sim").iterdir()):
        if path.name.startswith("_") or path.suffix not in {".py", ""} or path.name == "__pycache__":
            continue
        assert f"{path.stem}" in layout, f"sim/{path.name} missing from the README layout"


def test_readme_python_examples_run(tmp_path, monkeypatch):
    """Every ```python block of the README runs, in order, in one namespace (docs must not drift)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)  # examples may write result files
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert (tmp_path / "results.csv").exists()
