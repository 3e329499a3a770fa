"""What ``--version`` prints and Help ▸ About shows: the app's version and every component."""

from __future__ import annotations

import html

from core.components import State, installed_version, program_version, report_lines


def qt_lines() -> list[str]:
    """PySide6 and the Qt it runs on, or why the window toolkit cannot be used."""
    version = installed_version("PySide6-Essentials") or installed_version("PySide6")
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except Exception as exc:  # reported, not raised: --version must always answer
        problem = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        state = State.BROKEN if version else State.MISSING
        return [f"PySide6 {version or ''} (required, window): {state.value}: {problem}"]
    return [
        f"PySide6 {PySide6.__version__} (required, window): {State.ACTIVE.value}",
        f"Qt {qVersion()} (required, window): {State.ACTIVE.value}",
    ]


def version_lines() -> list[str]:
    lines = report_lines(program_version())
    return [*lines[:2], *qt_lines(), *lines[2:]]


def about_html() -> str:
    lines = version_lines()
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
    return (
        f"<b>Article Compare {html.escape(program_version())}</b>"
        "<p>Compare several versions of one news article, see every changed word, and save "
        "one clean text without repeated headlines, captions, credits and site clutter.</p>"
        f"<p>Components:</p><ul>{items}</ul>"
    )
