"""The window's comparison as one picklable job, and where it should run.

The window hands :func:`compare_for_window` (bound with ``functools.partial``) to its
`gui.tasks.TaskRunner`; book-size inputs go to a worker process (:func:`wants_process`),
where neither the comparison's long C calls nor its memory touch the window's process.
This module imports no Qt: the worker process imports it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.align import Alignment
from core.compare import Comparison, DiffOptions, compare
from core.export import to_text
from core.merge import consensus
from core.model import Version

__all__ = ["PROCESS_ABOVE", "Choice", "compare_for_window", "row_choices", "wants_process"]

PROCESS_ABOVE = 400_000
"""Characters of input above which a comparison runs in a worker process.

Below it a comparison takes well under a second and no single step holds the GIL for
long, so the thread is cheaper than shipping the versions to a process and the result
back (measured by benchmarks/bench_gui.py).
"""

Choice = tuple[int, tuple[int, ...]]
"""A wording the user chose: the entry's uid and the blocks of its passage."""


def wants_process(versions: Sequence[Version]) -> bool:
    """True when comparing ``versions`` is book-size work, for a worker process."""
    total = 0
    for version in versions:
        total += sum(len(block.text) for block in version.blocks)
        if total > PROCESS_ABOVE:
            return True
    return False


def row_choices(alignment: Alignment, uids: Sequence[int],
                choices: Sequence[Choice]) -> dict[int, int]:
    """``compare``'s row choices (row -> version position) for ``choices`` in ``alignment``.

    A choice applies to the row whose cell in the chosen version holds all of its blocks;
    it is dormant while its version is not compared or no such row exists. Later choices
    win over earlier ones for the same row.
    """
    position = {uid: i for i, uid in enumerate(uids)}
    out: dict[int, int] = {}
    rows_of: dict[int, dict[int, int]] = {}
    for uid, blocks in choices:
        version = position.get(uid)
        if version is None or not blocks:
            continue
        if version not in rows_of:
            rows_of[version] = {b: r for r, row in enumerate(alignment.rows)
                                for b in row.cells[version]}
        rows = {rows_of[version].get(b) for b in blocks}
        if len(rows) == 1 and None not in rows:
            out[rows.pop()] = version
    return out


def compare_for_window(
    versions: Sequence[Version],
    base: int,
    options: DiffOptions,
    corrections: Mapping[tuple[int, int], bool],
    uids: Sequence[int],
    chosen: Sequence[Choice],
    token: Any,
    report: Callable[..., None],
) -> tuple[list[int], Comparison, tuple[Any, str, int]]:
    """Compare, apply the user's chosen wordings, and build the clean article's text.

    Returns ``(uids, comparison, (article, text, words))``, what the window shows.
    """
    result = compare(versions, base=base, options=options, corrections=corrections,
                     progress=report)
    choices = row_choices(result.alignment, uids, chosen)
    if choices:  # the rows are known only now: take the chosen wordings
        agreed = consensus(result.cleaned, result.alignment, choices=choices)
        result = dataclasses.replace(result, consensus=agreed)
    article = result.consensus.article
    text = to_text(article) if article else ""
    return list(uids), result, (article, text, len(text.split()))
