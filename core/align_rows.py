"""Working state of :mod:`core.align`: options, prepared versions, mutable rows, and the
growth of 1:1 matches into splits and merges. Internal to the align package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.distance import LCSseq

from core.align_score import order_free_ratio


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
    move_margin: float = 15.0  # lead an edited move needs over the block's/row's next best
    move_second_cells: int = 100_000  # ... and by the second opinions of core.align_score
    piece_share: float = 0.6  # share of a split-off piece's words the row must account for


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
    moved: list[list[int]]  # [b_lo, b_hi, r, r + 1], out of order
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
    """Best :func:`core.align_score.order_free_ratio` of ``wid`` against the row's texts."""
    return max((order_free_ratio(wid, text) for text in row.wids), default=0.0)


def grow(
    groups: list[list[int]],
    rows: list[WorkRow],
    prep: Prepared,
    opt: Options,
    *,
    blocked_b: set[int] = frozenset(),  # type: ignore[assignment]
    blocked_r: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Extend 1:1 groups over unmatched neighbours into splits (1 row, n blocks) or
    merges (n rows, 1 block) when the concatenation scores much better than either part,
    or when the neighbour's words are what the other side still lacks (a short piece).
    Blocks in ``blocked_b`` and rows in ``blocked_r`` (taken by moves) are never taken."""
    for k, g in enumerate(groups):
        b_min = groups[k - 1][1] if k else 0
        r_min = groups[k - 1][3] if k else 0
        b_max = groups[k + 1][0] if k + 1 < len(groups) else len(prep.wids)
        r_max = groups[k + 1][2] if k + 1 < len(groups) else len(rows)
        b_min, b_max = _free_span(g[0], g[1], b_min, b_max, blocked_b)
        r_min, r_max = _free_span(g[2], g[3], r_min, r_max, blocked_r)
        if (b_min, b_max, r_min, r_max) == tuple(g):
            continue  # nothing free on either side
        if not _grow_split(g, rows[g[2]], prep.wids, b_min, b_max, opt):
            _grow_merge(g, rows, prep.wids[g[0]], r_min, r_max, opt)


def grow_moved(
    moved: list[list[int]], rows: list[WorkRow], prep: Prepared, opt: Options, *, taken: set[int]
) -> None:
    """Let moved 1:1 groups take free neighbouring blocks into a split of their row."""
    busy = taken | {g[0] for g in moved}
    for g in sorted(moved):
        if g[0] - 1 in busy and g[1] in busy:
            continue  # no free neighbour to take
        busy.discard(g[0])
        lo, hi = _free_span(g[0], g[1], 0, len(prep.wids), busy)
        _grow_split(g, rows[g[2]], prep.wids, lo, hi, opt)
        busy.update(range(g[0], g[1]))


def _free_span(lo: int, hi: int, floor: int, ceil: int, blocked: set[int]) -> tuple[int, int]:
    """The widest ``[a, b)`` within ``[floor, ceil)`` around ``[lo, hi)`` with no blocked index."""
    a = lo
    while a > floor and a - 1 not in blocked:
        a -= 1
    b = hi
    while b < ceil and b not in blocked:
        b += 1
    return a, b


def _fits(joined: str, old: str, part: str, text: str, opt: Options) -> bool:
    """Whether adding ``part`` to ``old`` is explained by ``text``: the joined blocks score
    ``split_gain`` more than either part, or ``text`` holds most of ``part``'s words
    in order beyond what ``old`` already matched (a short piece split off)."""
    j = order_free_ratio(joined, text)
    if j < opt.threshold:
        return False
    o = order_free_ratio(old, text)
    if j >= max(o, order_free_ratio(part, text)) + opt.split_gain:
        return True
    gained = LCSseq.similarity(joined, text) - LCSseq.similarity(old, text)
    return j > o and gained >= max(1.0, opt.piece_share * len(part))


def _grow_split(
    g: list[int], row: WorkRow, wids: list[str], b_min: int, b_max: int, opt: Options
) -> bool:
    """Take neighbouring free blocks ``[b_min, b_max)`` into the group's one row while,
    against some text of the row, they fit (:func:`_fits`) and the joined blocks score no
    worse than before against the row's best text."""
    score: float | None = None
    start = g[:]
    for step in (1, -1):
        while True:
            lo, hi = (g[0], g[1] + 1) if step == 1 else (g[0] - 1, g[1])
            if lo < b_min or hi > b_max:
                break
            joined = "".join(wids[lo:hi])
            old = "".join(wids[g[0] : g[1]])
            part = wids[hi - 1] if step == 1 else wids[lo]
            if not any(_fits(joined, old, part, t, opt) for t in row.wids):
                break
            new = best_score(joined, row)
            if score is None:
                score = best_score(old, row)
            if new < score:
                break
            score, g[0], g[1] = new, lo, hi
    return g != start


def _grow_merge(
    g: list[int], rows: list[WorkRow], block: str, r_min: int, r_max: int, opt: Options
) -> None:
    """Merge neighbouring rows ``[r_min, r_max)`` into the group when its one block
    matches their joined text much better, or holds most of the added row's words."""
    score: float | None = None
    for step in (1, -1):
        while True:
            lo, hi = (g[2], g[3] + 1) if step == 1 else (g[2] - 1, g[3])
            if lo < r_min or hi > r_max or not mergeable(rows[lo:hi]):
                break
            joined = "".join(r.rep for r in rows[lo:hi])
            old = "".join(r.rep for r in rows[g[2] : g[3]])
            added = rows[hi - 1] if step == 1 else rows[lo]
            if not _fits(joined, old, added.rep, block, opt):
                break
            new = order_free_ratio(block, joined)
            if score is None:
                score = best_score(block, rows[g[2]])
            if new < score:
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
