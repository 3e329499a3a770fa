"""Which runs of identical rows "Show Only Differences" folds into one thin row.

Pure functions over row facts (no Qt), so the rule is easy to test on its own.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

MAX_CONTEXT = 3
MIN_RUN = 2
"""A lone identical row between two differences stays as it is: a fold row would take
nearly the same room and say less."""


def fold_runs(differs: Sequence[bool], hidden: Collection[int], *, context: int,
              min_run: int = MIN_RUN) -> list[list[int]]:
    """Runs of shown rows to fold: identical rows more than ``context`` shown rows away
    from any differing one, each run in order and at least ``min_run`` rows long.

    ``hidden`` rows (left out for another reason) are neither shown nor counted; they
    never split a run.

    >>> fold_runs([False] * 3 + [True] + [False] * 5, set(), context=1)
    [[0, 1], [5, 6, 7, 8]]
    >>> fold_runs([False, False, True, False, False], {1}, context=0)
    [[3, 4]]
    """
    context = max(0, min(MAX_CONTEXT, context))
    shown = [r for r in range(len(differs)) if r not in hidden]
    near = [False] * len(shown)
    for i, row in enumerate(shown):
        if differs[row]:
            for j in range(max(0, i - context), min(len(shown), i + context + 1)):
                near[j] = True
    runs: list[list[int]] = []
    current: list[int] = []
    for i, row in enumerate(shown):
        if near[i]:
            if len(current) >= min_run:
                runs.append(current)
            current = []
        else:
            current.append(row)
    if len(current) >= min_run:
        runs.append(current)
    return runs


def fold_label(count: int) -> str:
    return f"{count} identical passage{'s' if count != 1 else ''}"
