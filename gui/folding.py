"""Which runs of rows "Show Only Differences" folds into one thin row.

The rule, in one sentence: only the passages of the clean article that differ between the
versions stay in sight; runs of the rest (passages the same in every version, and, unless
View ▸ Show Removed Passages is on, passages the clean article leaves out) fold into one
thin row that says what it holds.

Pure functions over row facts (no Qt), so the rule is easy to test on its own.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

MAX_CONTEXT = 3
MIN_RUN = 2
"""A lone row between two differences stays as it is: a fold row would take nearly the
same room and say less."""


def fold_runs(differs: Sequence[bool], hidden: Collection[int], *, context: int,
              min_run: int = MIN_RUN, left_out: Collection[int] = ()) -> list[list[int]]:
    """Runs of shown rows to fold, each in order and at least ``min_run`` rows long.

    A row folds when it is identical in every version (``differs`` false) and more than
    ``context`` article rows away from any differing one, or when it is in ``left_out``
    (not in the clean article): those fold whatever they hold, never count as context,
    and fold even alone. ``hidden`` rows (left out for another reason) are neither shown
    nor counted; they never split a run.

    >>> fold_runs([False] * 3 + [True] + [False] * 5, set(), context=1)
    [[0, 1], [5, 6, 7, 8]]
    >>> fold_runs([False, False, True, False, False], {1}, context=0)
    [[3, 4]]
    >>> fold_runs([True, True, False, True, False], set(), context=1, left_out={1, 2})
    [[1, 2]]
    >>> fold_runs([True, True, True], set(), context=0, left_out={1})
    [[1]]
    """
    context = max(0, min(MAX_CONTEXT, context))
    shown = [r for r in range(len(differs)) if r not in hidden]
    outside = set(left_out)
    article = [i for i, row in enumerate(shown) if row not in outside]
    near = [False] * len(shown)
    for k, i in enumerate(article):
        if differs[shown[i]]:
            for j in article[max(0, k - context):k + context + 1]:
                near[j] = True
    runs: list[list[int]] = []
    current: list[int] = []

    def close() -> None:
        # a lone left-out row folds too: it is no reading context, and often tall
        if len(current) >= min_run or (current and not outside.isdisjoint(current)):
            runs.append(current)

    for i, row in enumerate(shown):
        if near[i]:
            close()
            current = []
        else:
            current.append(row)
    close()
    return runs


def fold_label(count: int, left_out: int = 0) -> str:
    """What a fold row holds: "12 identical passages", "12 identical passages, 5 left
    out", "5 passages left out"."""
    same = count - left_out
    if same <= 0:
        return f"{left_out} passage{'s' if left_out != 1 else ''} left out"
    label = f"{same} identical passage{'s' if same != 1 else ''}"
    return label + (f", {left_out} left out" if left_out else "")


def fold_tip(count: int, left_out: int = 0) -> str:
    """The tooltip of a fold row: what its passages are and how to see them."""
    same = count - left_out
    parts = []
    if same > 0:
        parts.append(f"{same} passage{'s' if same != 1 else ''} the same in every version "
                     "shown")
    if left_out:
        parts.append(f"{left_out} passage{'s' if left_out != 1 else ''} the clean article "
                     "leaves out (View ▸ Show Removed Passages shows them)")
    return "Folded: " + " and ".join(parts) + ".\nClick, or press Enter, to show them."
