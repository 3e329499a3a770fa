"""Working state of :mod:`core.align`: options, prepared versions, mutable rows, and the
growth of 1:1 matches into splits and merges. Internal to the align package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from core.align_match import word_ratio


@dataclass(frozen=True, slots=True)
class Options:
    """The knobs of one alignment (see :func:`core.align.align`)."""

    threshold: float
    short_words: int
    short_threshold: float
    move_threshold: float
    split_gain: float = 10.0
    full_cells: int = 1_000_000  # fuzzy stretch size above which a diagonal band is used
    band: int = 200
    move_cells: int = 2_000_000  # leftover block x row pairs scored fuzzily for moves


class Prepared(NamedTuple):
    """One version's blocks reduced for matching."""

    keys: list[str]  # normalised text, for exact matching and status
    wids: list[str]  # word-id strings, for fuzzy scores


@dataclass(slots=True)
class WorkRow:
    """A row while versions are still being added: cells by version and its texts."""

    cells: dict[int, tuple[int, ...]]
    moved: set[int] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    wids: list[str] = field(default_factory=list)
    rep: str = ""


class Plan(NamedTuple):
    """How one version joins the rows."""

    groups: list[list[int]]  # [b_lo, b_hi, r_lo, r_hi], in order, not moved
    moved: list[tuple[int, int]]  # (block, row)
    inserts: list[int]


def cell_text(prep: Prepared, cell: tuple[int, ...]) -> tuple[str, str]:
    """Normalised text and word-id string of a cell (its blocks joined)."""
    return " ".join(prep.keys[b] for b in cell), "".join(prep.wids[b] for b in cell)


def refresh(row: WorkRow, preps: list[Prepared]) -> None:
    """Recompute a row's keys and texts from its cells (in version-processing order)."""
    row.keys, row.wids = set(), []
    for v, cell in row.cells.items():
        key, wid = cell_text(preps[v], cell)
        row.keys.add(key)
        if wid not in row.wids:
            row.wids.append(wid)
    if not row.rep:
        row.rep = row.wids[0] if row.wids else ""


def best_score(wid: str, row: WorkRow) -> float:
    """Best word ratio of ``wid`` against any text the row holds."""
    return max((word_ratio(wid, text) for text in row.wids), default=0.0)


def grow(groups: list[list[int]], rows: list[WorkRow], prep: Prepared, opt: Options) -> None:
    """Extend 1:1 groups over unmatched neighbours into splits (1 row, n blocks) or
    merges (n rows, 1 block) when the concatenation scores much better than either part."""
    for k, g in enumerate(groups):
        b_min = groups[k - 1][1] if k else 0
        r_min = groups[k - 1][3] if k else 0
        b_max = groups[k + 1][0] if k + 1 < len(groups) else len(prep.wids)
        r_max = groups[k + 1][2] if k + 1 < len(groups) else len(rows)
        if not _grow_split(g, rows[g[2]], prep.wids, b_min, b_max, opt):
            _grow_merge(g, rows, prep.wids[g[0]], r_min, r_max, opt)


def _grow_split(
    g: list[int], row: WorkRow, wids: list[str], b_min: int, b_max: int, opt: Options
) -> bool:
    """Take neighbouring free blocks ``[b_min, b_max)`` into the group's one row while,
    against some text of the row, the joined blocks score ``split_gain`` more than either
    part (and no worse than before against the row's best text)."""
    score = best_score(wids[g[0]], row)
    start = g[:]
    for step in (1, -1):
        while True:
            lo, hi = (g[0], g[1] + 1) if step == 1 else (g[0] - 1, g[1])
            if lo < b_min or hi > b_max:
                break
            joined = "".join(wids[lo:hi])
            old = "".join(wids[g[0] : g[1]])
            part = wids[hi - 1] if step == 1 else wids[lo]
            new = best_score(joined, row)
            if new < score or not any(
                (j := word_ratio(joined, t)) >= opt.threshold
                and j >= max(word_ratio(old, t), word_ratio(part, t)) + opt.split_gain
                for t in row.wids
            ):
                break
            score, g[0], g[1] = new, lo, hi
    return g != start


def _grow_merge(
    g: list[int], rows: list[WorkRow], block: str, r_min: int, r_max: int, opt: Options
) -> None:
    """Merge neighbouring rows ``[r_min, r_max)`` into the group when its one block
    matches their joined text much better."""
    score = best_score(block, rows[g[2]])
    for step in (1, -1):
        while True:
            lo, hi = (g[2], g[3] + 1) if step == 1 else (g[2] - 1, g[3])
            if lo < r_min or hi > r_max or not mergeable(rows[lo:hi]):
                break
            new = word_ratio(block, "".join(r.rep for r in rows[lo:hi]))
            part = best_score(block, rows[hi - 1] if step == 1 else rows[lo])
            if new < opt.threshold or new < max(score, part) + opt.split_gain:
                break
            score, g[2], g[3] = new, lo, hi


def mergeable(rows: Sequence[WorkRow]) -> bool:
    """Rows can become one if no block is moved and each version's blocks stay consecutive."""
    blocks: dict[int, list[int]] = {}
    for row in rows:
        if row.moved:
            return False
        for v, cell in row.cells.items():
            blocks.setdefault(v, []).extend(cell)
    return all(bs == list(range(bs[0], bs[0] + len(bs))) for bs in blocks.values())
