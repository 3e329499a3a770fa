"""Which parts the program is built from, which versions are installed, and whether each works.

Every third-party package the code imports is listed here once. ``--version`` and Help ▸ About
print the list; a part that is installed but cannot be imported is reported as broken there
and logged once when the window starts, never skipped in silence.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import platform
import sys
from dataclasses import dataclass
from enum import Enum

log = logging.getLogger("article-compare")


class Role(Enum):
    REQUIRED = "required"
    OPTIONAL = "optional"


class State(Enum):
    ACTIVE = "active"
    MISSING = "not installed"
    BROKEN = "broken"


@dataclass(frozen=True, slots=True)
class Component:
    """A package the program imports: its import name, distribution name and what it does."""

    name: str
    module: str
    distribution: str
    role: Role
    purpose: str


@dataclass(frozen=True, slots=True)
class ComponentStatus:
    component: Component
    state: State
    version: str | None
    problem: str | None = None

    def line(self) -> str:
        """One line for ``--version`` and About, e.g. ``rapidfuzz 3.14.3 (required): active``."""
        comp = self.component
        version = f" {self.version}" if self.version else ""
        text = f"{comp.name}{version} ({comp.role.value}, {comp.purpose}): {self.state.value}"
        return f"{text}: {self.problem}" if self.problem else text


COMPONENTS: tuple[Component, ...] = (
    Component("rapidfuzz", "rapidfuzz", "rapidfuzz", Role.REQUIRED, "fuzzy matching"),
    Component("selectolax", "selectolax.lexbor", "selectolax", Role.REQUIRED,
              "HTML5 parser (Lexbor)"),
    Component("charset-normalizer", "charset_normalizer", "charset-normalizer", Role.REQUIRED,
              "encoding detection"),
    Component("markdown-it-py", "markdown_it", "markdown-it-py", Role.REQUIRED, "Markdown"),
)


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _installed(component: Component) -> bool:
    if installed_version(component.distribution) is not None:
        return True
    try:
        return importlib.util.find_spec(component.module.partition(".")[0]) is not None
    except (ImportError, ValueError):
        return False


def check(component: Component) -> ComponentStatus:
    """Import ``component`` and say whether it works; never raises."""
    version = installed_version(component.distribution)
    if not _installed(component):
        return ComponentStatus(component, State.MISSING, None)
    try:
        importlib.import_module(component.module)
    except Exception as exc:  # an installed part that cannot be imported is broken
        problem = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        return ComponentStatus(component, State.BROKEN, version, problem)
    return ComponentStatus(component, State.ACTIVE, version)


def component(name: str) -> Component:
    for comp in COMPONENTS:
        if comp.name == name:
            return comp
    raise KeyError(name)


_logged: set[str] = set()


def _log_if_broken(status: ComponentStatus) -> None:
    name = status.component.name
    if status.state is State.BROKEN and name not in _logged:
        _logged.add(name)
        log.warning("%s is installed but broken, so it is not used: %s", name, status.problem)


def statuses(*, log_broken: bool = False) -> list[ComponentStatus]:
    """Every component checked; ``log_broken`` logs each broken one (once per process)."""
    found = [check(comp) for comp in COMPONENTS]
    if log_broken:
        for status in found:
            _log_if_broken(status)
    return found


def report_lines(program_version: str) -> list[str]:
    """The app's version, Python's, then one line per component (Qt is added by the GUI)."""
    return [
        f"article-compare {program_version}",
        f"Python {platform.python_version()} ({sys.implementation.name}, {platform.system()})",
        *(status.line() for status in statuses()),
    ]


def program_version() -> str:
    return installed_version("article-compare") or "unknown (not installed)"
