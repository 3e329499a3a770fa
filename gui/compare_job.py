"""The window's comparison as one picklable job, and where it should run.

The window hands :func:`compare_for_window` (bound with ``functools.partial``) to its
`gui.tasks.TaskRunner`; book-size inputs go to a worker process (:func:`wants_process`),
where neither the comparison's long C calls nor its memory touch the window's process.
This module imports no Qt: the worker process imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from core.compare import Comparison, DiffOptions, compare
from core.draft import Decisions, Draft, derive
from core.model import Version

__all__ = ["PROCESS_ABOVE", "compare_for_window", "wants_process"]

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


def compare_for_window(
    versions: Sequence[Version],
    base: int,
    options: DiffOptions,
    decisions: Decisions,
    prefer: str,
    uids: Sequence[int],
    token: Any,
    report: Callable[..., None],
) -> tuple[list[int], Comparison, Draft]:
    """Compare under the ``prefer`` policy and apply the user's decisions to the consensus.

    Returns ``(uids, comparison, draft)``, what the window shows (`core.draft.derive`).
    """
    result = compare(versions, base=base, options=options, prefer=prefer, progress=report)
    return list(uids), *derive(result, decisions, prefer=prefer)
