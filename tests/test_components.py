"""Every component the code imports is declared, installed and working, and says so.

No test here skips for a part that is installed but broken: that is exactly what must fail.
"""

from __future__ import annotations

import ast
import importlib.metadata
import logging
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from core import components
from core.components import COMPONENTS, Component, Role, State

ROOT = Path(__file__).resolve().parents[1]
STDLIB = set(sys.stdlib_module_names) | {"__future__"}
OWN = {"core", "gui", "resources"}


def declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
        assert match, requirement
        names.add(canonical(match.group()))
    return names


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_top_modules() -> set[str]:
    found: set[str] = set()
    for folder in ("core", "gui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module.split(".")[0])
    for comp in COMPONENTS:  # imported by name through core.components
        found.add(comp.module.split(".")[0])
    return found - STDLIB - OWN


def test_every_installed_component_imports_and_is_active() -> None:
    problems = [s.line() for s in components.statuses() if s.state is not State.ACTIVE]
    assert problems == []


def test_every_imported_package_is_declared_directly() -> None:
    by_module = importlib.metadata.packages_distributions()
    declared = declared_distributions()
    undeclared = {
        module: by_module.get(module, []) for module in imported_top_modules()
        if not {canonical(d) for d in by_module.get(module, [])} & declared
    }
    assert undeclared == {}


def test_every_declared_package_is_a_listed_component() -> None:
    listed = {canonical(c.distribution) for c in COMPONENTS} | {"pyside6-essentials"}
    assert declared_distributions() - listed == set()


@pytest.fixture
def broken_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Component:
    package = tmp_path / "brokenpart"
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('cannot import name html_clean')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    broken = Component("brokenpart", "brokenpart", "brokenpart", Role.OPTIONAL, "a test part")
    monkeypatch.setattr(components, "COMPONENTS", (*COMPONENTS, broken))
    yield broken
    sys.modules.pop("brokenpart", None)


def test_installed_but_broken_part_is_reported_and_logged_once(
    broken_package: Component, caplog: pytest.LogCaptureFixture
) -> None:
    status = components.check(broken_package)
    assert status.state is State.BROKEN
    assert "broken: ImportError: cannot import name html_clean" in status.line()
    with caplog.at_level(logging.WARNING, logger="article-compare"):
        components.statuses(log_broken=True)
        components.statuses(log_broken=True)
    warnings = [r for r in caplog.records if "brokenpart is installed but broken" in r.message]
    assert len(warnings) == 1


def test_missing_optional_part_is_not_installed_not_broken() -> None:
    ghost = Component("ghost", "no_such_module_here", "no-such-dist", Role.OPTIONAL, "x")
    assert components.check(ghost).state is State.MISSING


def _version_output(env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "gui.launcher", "--version"], capture_output=True, text=True,
        timeout=60, cwd=ROOT, env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_version_lists_every_component_none_broken() -> None:
    lines = _version_output().splitlines()
    assert lines[0].startswith("article-compare ")
    assert lines[1].startswith("Python ")
    text = "\n".join(lines)
    for name in ("PySide6", "Qt", *(c.name for c in COMPONENTS)):
        assert re.search(rf"^{re.escape(name)} \S+ \(.*\): active$", text, re.M), name
    assert "broken" not in text and "not installed" not in text


def test_version_names_a_part_that_is_installed_but_broken(tmp_path: Path) -> None:
    """A package that fails to import (as jusText did when lxml lost html_clean) is named."""
    shadow = tmp_path / "shadow" / "markdown_it"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('a part of it is missing')\n")
    out = _version_output({**os.environ, "PYTHONPATH": str(tmp_path / "shadow")})
    assert re.search(r"^markdown-it-py .*: broken: ImportError: a part of it is missing$", out,
                     re.M)
    assert re.search(r"^rapidfuzz .*: active$", out, re.M)
