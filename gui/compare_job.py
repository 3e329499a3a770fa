"""The window's comparison as one picklable job, and where it should run.

The window hands :func:`compare_for_window` (bound with ``functools.partial``) to its
`gui.tasks.TaskRunner`; book-size inputs go to a worker process (:func:`wants_process`),
where neither the comparison's long C calls nor its memory touch the window's process.
The job also works out what the window would otherwise compute per row on its UI thread
when the result arrives (each row's kind, the article rendered under the user's decisions
and its word count): for a book that was most of a second of frozen window.
This module imports no Qt: the worker process imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from core.compare import Comparison, DiffOptions, compare
from core.draft import Decisions, Draft, Rendered, derive, render
from core.highlight import row_status
from core.model import Version

__all__ = ["PROCESS_ABOVE", "Rendering", "RowIndex", "WindowResult", "compare_for_window",
           "row_index", "row_kinds", "wants_process", "word_count"]

PROCESS_ABOVE = 400_000
"""Characters of input above which a comparison runs in a worker process.

Below it a comparison takes well under a second and no single step holds the GIL for
long, so the thread is cheaper than shipping the versions to a process and the result
back (measured by benchmarks/bench_gui.py).
"""

def wants_process(versions: Sequence[Version]) -> bool:
    """True when comparing ``versions`` is book-size work, for a worker process."""
    total = 0
    for version in versions:
        total += sum(len(block.text) for block in version.blocks)
        if total > PROCESS_ABOVE:
            return True
    return False


class Rendering(NamedTuple):
    """The article rendered under ``decisions`` (valid while the user's are still those)."""

    decisions: dict[str, Any]
    rendered: Rendered
    words: int


class RowIndex(NamedTuple):
    """What the comparison view looks its rows up by (`gui.compare_view.CompareModel`):
    on the UI thread these took 60-120 ms for two 6.5 MB versions."""

    row_of: tuple[dict[int, int], ...]
    """Per version, block index -> row (`core.align.Alignment.row_of`)."""
    block_lengths: tuple[tuple[int, ...], ...]
    """Per version, each block's characters."""
    marks: tuple[tuple[int, str], ...]
    """``(row, kind)`` of every row that differs, in order (the overview strip's marks)."""


class WindowResult(NamedTuple):
    """What the window shows for one comparison, with the per-row work already done."""

    uids: list[int]
    comparison: Comparison
    draft: Draft
    kinds: tuple[str, ...]
    """Per row: "moved", "same", "changed" or "partial" (`row_kinds`)."""
    rendering: Rendering
    document: Any = None
    """``(text, QTextDocument)``: the article's text already in an editor document,
    built off the UI thread for a book-size article (`gui.article_document`)."""
    index: RowIndex | None = None


def row_kinds(comparison: Comparison) -> tuple[str, ...]:
    """Per row, the kind the comparison view and its legend name it by."""
    return tuple("moved" if row.moved else row_status(comparison, r)
                 for r, row in enumerate(comparison.alignment.rows))


def row_index(comparison: Comparison, kinds: Sequence[str]) -> RowIndex:
    """The comparison's `RowIndex`, for rows of the kinds ``kinds`` (`row_kinds`)."""
    return RowIndex(
        comparison.alignment.row_of(),
        tuple(tuple(len(b.text) for b in v.blocks) for v in comparison.versions),
        tuple((r, kind) for r, kind in enumerate(kinds) if kind != "same"))


def word_count(rendered: Rendered) -> int:
    """Words in the rendered article, as the status bar counts them."""
    return sum(len(p.split()) for p in rendered.paragraphs)


def compare_for_window(
    versions: Sequence[Version],
    base: int,
    options: DiffOptions,
    decisions: Decisions,
    prefer: str,
    uids: Sequence[int],
    token: Any,
    report: Callable[..., None],
) -> WindowResult:
    """Compare under the ``prefer`` policy and apply the user's decisions to the consensus.

    Returns what the window shows (`core.draft.derive`), with the rows' kinds and the
    article rendered under ``decisions``.
    """
    result = compare(versions, base=base, options=options, prefer=prefer, progress=report)
    comparison, draft = derive(result, decisions, prefer=prefer)
    rendered = render(draft, decisions)
    kinds = row_kinds(comparison)
    return WindowResult(list(uids), comparison, draft, kinds,
                        Rendering(dict(decisions), rendered, word_count(rendered)),
                        index=row_index(comparison, kinds))
