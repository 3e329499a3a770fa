"""Align N versions of an article: rows of corresponding blocks, one cell per version.

The base version's blocks give the initial rows. The other versions are added one at a
time to that growing profile, in an order fixed by their content (most similar to the base
first, ties broken by the text itself), so the result does not depend on the order the
versions were given. Each version is matched against every text a row already holds:

1. exact matches on normalised text, patience style (unique keys kept in order, recursing
   into the stretches between them);
2. fuzzy word-level scores (rapidfuzz, C++ loop, no matrix) only inside the stretches
   left between exact anchors, then the best order-preserving chain of pairs;
3. moves: leftover blocks matching a leftover row elsewhere (well, or as each other's
   clear best); then, of all matches, the order-preserving chain keeping the most blocks
   stays in place and the rest are marked moved (:func:`core.align_gaps.attribute`);
4. a second look between in-place matches for blocks the word ratio under-rates: grown or
   shrunk (containment), sentences reordered (word-pair overlap; :mod:`core.align_score`);
5. splits and merges: a matched block grows over unmatched neighbours when the
   concatenation scores much better than either part, or the neighbour is a short piece
   whose words the other side holds;
6. short blocks (headings, labels, values) between two aligned neighbours pair by slot;
7. the rest become new rows, placed before the row of the next matched block.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import repeat

from core.align_gaps import attribute, leftover_scores, rescue, slots
from core.align_match import Pair, WordCoder, best_chain, exact_anchors, fuzzy_pairs
from core.align_rows import (
    Options,
    Plan,
    Prepared,
    WorkRow,
    cell_text,
    grow,
    grow_moved,
    refresh,
)
from core.normalize import normalize
from core.similarity import dice_matrix

DEFAULT_THRESHOLD = 50.0
"""Word-level similarity (0-100) at which two blocks count as versions of each other."""


class RowStatus(StrEnum):
    """How the versions agree on one row."""

    SAME = "same"
    CHANGED = "changed"
    PARTIAL = "partial"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of corresponding blocks.

    ``cells[v]`` holds version ``v``'s block indexes in this row: ``()`` for a gap,
    ``(i,)`` for one block, ``(i, i+1, ...)`` where that version splits what another has as
    one block. ``moved`` lists the versions whose block here is out of the base order.
    """

    cells: tuple[tuple[int, ...], ...]
    moved: frozenset[int] = frozenset()
    status: RowStatus = RowStatus.PARTIAL

    def present(self) -> tuple[int, ...]:
        """Versions that have a block in this row."""
        return tuple(v for v, cell in enumerate(self.cells) if cell)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The rows of an alignment of ``len(rows[0].cells)`` versions against ``base``."""

    rows: tuple[Row, ...]
    base: int = 0
    versions: int = 0

    def row_of(self) -> tuple[dict[int, int], ...]:
        """For each version, a map from block index to the index of its row."""
        maps: tuple[dict[int, int], ...] = tuple({} for _ in range(self.versions))
        for r, row in enumerate(self.rows):
            for v, cell in enumerate(row.cells):
                for b in cell:
                    maps[v][b] = r
        return maps


def align(
    versions: Sequence[Sequence[str]],
    *,
    base: int = 0,
    threshold: float = DEFAULT_THRESHOLD,
    short_words: int = 4,
    short_threshold: float = 90.0,
    move_threshold: float | None = None,
    prepared: Sequence[Prepared] | None = None,
) -> Alignment:
    """Align the blocks of several versions into rows.

    ``versions[v]`` is version ``v``'s ordered block texts. Blocks match when their
    word-level similarity reaches ``threshold``; blocks with fewer than ``short_words``
    words need ``short_threshold``; moves need ``move_threshold`` (default: the larger of
    ``threshold`` and 70). Every block of every version ends up in exactly one row.
    ``prepared`` is :func:`prepare` of the same ``versions``, when the caller has it.

    >>> a = align([["Title", "One two three four.", "End"], ["Title", "One two three five."]])
    >>> [(row.cells, row.status.value) for row in a.rows]
    [(((0,), (0,)), 'same'), (((1,), (1,)), 'changed'), (((2,), ()), 'partial')]
    """
    n = len(versions)
    if n == 0:
        return Alignment(rows=(), base=0, versions=0)
    if not 0 <= base < n:
        raise ValueError(f"base {base} out of range for {n} versions")
    opt = Options(
        threshold=threshold,
        short_words=short_words,
        short_threshold=max(threshold, short_threshold),
        move_threshold=max(threshold, 70.0) if move_threshold is None else move_threshold,
    )
    preps = list(prepared) if prepared is not None else prepare(versions)
    rows = [WorkRow(cells={base: (b,)}, keys={key}, wids=[wid], rep=wid)  # = refresh()
            for b, (key, wid) in enumerate(zip(preps[base].keys, preps[base].wids,
                                               strict=True))]
    done: dict[tuple[str, ...], int] = {tuple(preps[base].keys): base}
    for v in _order(versions, preps, base):
        twin = done.setdefault(tuple(preps[v].keys), v)
        if twin != v:  # same text as a version already placed: same cells, symmetrically
            _copy(rows, twin, v)
            continue
        plan = _match(rows, preps[v], opt)
        rows = _apply(rows, v, plan, preps)
    return Alignment(rows=tuple(_freeze(row, n, preps) for row in rows), base=base, versions=n)


def prepare(versions: Sequence[Sequence[str]]) -> list[Prepared]:
    """Each version's blocks normalised (:func:`core.normalize.normalize`) and word-coded,
    with one :class:`WordCoder` for all versions.

    Compute it once and share it: :func:`align`, :func:`core.clean.clean` (``keys``),
    :func:`core.merge.consensus` and :func:`core.similarity.dice_matrix` (over the joined
    word ids) all work on it.
    """
    coder = WordCoder()
    cache: dict[str, str] = {}
    return [_prepare(texts, coder, cache) for texts in versions]


def _prepare(texts: Sequence[str], coder: WordCoder, cache: dict[str, str]) -> Prepared:
    keys = []
    for text in texts:
        key = cache.get(text)
        if key is None:
            key = cache[text] = normalize(text)
        keys.append(key)
    return Prepared(keys=keys, wids=[coder.encode_normalized(key) for key in keys])


def _order(versions: Sequence[Sequence[str]], preps: list[Prepared], base: int) -> list[int]:
    """Non-base versions in the order they join the profile: each time the one most
    similar to a version already placed (Prim's order over shingle similarity), ties
    broken by content only, so input order never matters."""
    if len(versions) <= 2:
        return [v for v in range(len(versions)) if v != base]
    sims = dice_matrix(["".join(p.wids) for p in preps])
    best = list(sims[base])
    left = set(range(len(versions))) - {base}
    order = []
    while left:
        v = min(left, key=lambda u: (-best[u], tuple(preps[u].keys), tuple(versions[u])))
        order.append(v)
        left.remove(v)
        for u in left:
            best[u] = max(best[u], sims[v][u])
    return order


def _match(rows: list[WorkRow], prep: Prepared, opt: Options) -> Plan:
    """Plan how one version's blocks join the rows."""
    keys = prep.keys
    anchors, gaps = exact_anchors(
        [row.keys for row in rows], keys, weight=lambda b: 1.0 + len(keys[b])
    )
    pairs = list(anchors)
    twins = _unique_twins(rows, keys)
    for gap in gaps:
        pairs.extend(_gap_chain(rows, prep, gap, opt, twins))
    pairs.sort()
    pairs, moves = attribute(pairs, _move_candidates(pairs, rows, prep, opt, twins), prep)
    pairs = rescue(pairs, moves, rows, prep, opt)
    groups = [[p.b, p.b + 1, p.r, p.r + 1] for p in pairs]
    moved = [[p.b, p.b + 1, p.r, p.r + 1] for p in moves]
    blocked_b = {p.b for p in moves}
    grow(groups, rows, prep, opt, blocked_b=blocked_b, blocked_r={p.r for p in moves})
    groups = slots(groups, moved, rows, prep, opt)
    taken = {b for g in groups for b in range(g[0], g[1])}
    grow_moved(moved, rows, prep, opt, taken=taken)
    taken.update(b for g in moved for b in range(g[0], g[1]))
    inserts = [b for b in range(len(keys)) if b not in taken]
    return Plan(groups=groups, moved=moved, inserts=inserts)


def _unique_twins(rows: list[WorkRow], keys: Sequence[str]) -> tuple[dict[int, int],
                                                                      dict[int, int]]:
    """Blocks and rows with an exact twin on the other side whose text is unique on both
    sides: block -> its row, row -> its block."""
    block_of: dict[str, int] = {}
    for b, key in enumerate(keys):
        block_of[key] = -1 if key in block_of else b
    row_of: dict[str, int] = {}
    for r, row in enumerate(rows):
        for key in row.keys:
            if key in block_of:
                row_of[key] = -1 if key in row_of else r  # a row's keys are a set
    by_block = {block_of[k]: r for k, r in row_of.items() if r >= 0 and block_of[k] >= 0}
    return by_block, {r: b for b, r in by_block.items()}


def _gap_chain(
    rows: list[WorkRow], prep: Prepared, gap: tuple[int, int, int, int], opt: Options,
    twins: tuple[dict[int, int], dict[int, int]] = ({}, {}),
) -> list[Pair]:
    """Best order-preserving pairs inside one stretch left between exact anchors.

    A block whose exact twin (unique on both sides) is a row outside the stretch moved
    there, and such a row's block came from elsewhere: neither is matched inside the
    stretch (`_move_candidates` pairs them), so a shuffled book costs a look-up a block,
    not a fuzzy match of every block of a stretch with every row."""
    r_lo, r_hi, b_lo, b_hi = gap
    if r_lo >= r_hi or b_lo >= b_hi:
        return []
    row_twin, block_twin = twins
    choices = [(r, text) for r in range(r_lo, r_hi)
               if b_lo <= block_twin.get(r, b_lo) < b_hi for text in rows[r].wids]
    queries = [(b, prep.wids[b]) for b in range(b_lo, b_hi)
               if r_lo <= row_twin.get(b, r_lo) < r_hi]
    if not choices or not queries:
        return []
    big = len(choices) * len(queries) > opt.full_cells
    scores = fuzzy_pairs(
        queries,
        choices,
        cutoff=opt.threshold,
        short_words=opt.short_words,
        short_cutoff=opt.short_threshold,
        band=opt.band if big else None,
    )
    if not big:
        for b in range(b_lo, b_hi):
            for r in range(r_lo, r_hi):
                if prep.keys[b] in rows[r].keys:
                    scores[(b, r)] = 100.0
    return best_chain(Pair(b, r, s) for (b, r), s in scores.items())


def _move_candidates(
    pairs: list[Pair], rows: list[WorkRow], prep: Prepared, opt: Options,
    twins: tuple[dict[int, int], dict[int, int]] = ({}, {}),
) -> list[Pair]:
    """Leftover blocks that match a leftover row well, one row per block, best first
    (:func:`core.align_gaps.attribute` then decides which of all matches are moves).

    A leftover block and row that are each other's exact twin (`_unique_twins`) pair at
    100 and are taken first; they are not fuzzily matched with the rest."""
    used = {p.r for p in pairs}
    taken = {p.b for p in pairs}
    free_rows = [r for r in range(len(rows)) if r not in used]
    free_blocks = [b for b in range(len(prep.keys)) if b not in taken]
    if not free_rows or not free_blocks:
        return []
    row_twin = twins[0]
    paired = {b: row_twin[b] for b in free_blocks if row_twin.get(b, -1) not in used
              and b in row_twin}
    paired_rows = set(paired.values())
    exact = {(b, r): 100.0 for b, r in paired.items()}
    free_blocks = [b for b in free_blocks if b not in paired]
    wanted = {prep.keys[b] for b in free_blocks}
    by_key: dict[str, list[int]] = {}  # free rows (twins' too) holding a free block's text
    for r in free_rows if wanted else ():
        for key in rows[r].keys:
            if key in wanted:
                by_key.setdefault(key, []).append(r)
    free_rows = [r for r in free_rows if r not in paired_rows]
    scores: dict[tuple[int, int], float] = {}
    choices = [(r, text) for r in free_rows for text in rows[r].wids]
    if len(choices) * len(free_blocks) <= opt.move_cells:
        scores = _clear_winners(
            fuzzy_pairs(
                [(b, prep.wids[b]) for b in free_blocks],
                choices,
                cutoff=opt.threshold,
                short_words=opt.short_words,
                short_cutoff=max(opt.move_threshold, opt.short_threshold),
            ),
            opt,
        )
    second = leftover_scores(
        free_blocks, free_rows, rows, prep, cutoff=opt.move_threshold, limit=opt.move_second_cells
    )
    for pair, score in second.items():
        scores[pair] = max(score, scores.get(pair, 0.0))
    for b in free_blocks:
        for r in by_key.get(prep.keys[b], ()):
            scores[(b, r)] = 100.0
    scores.update(exact)
    moves: list[Pair] = []
    done_b: set[int] = set()
    done_r: set[int] = set()
    for (b, r), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if b in done_b or r in done_r:
            continue
        done_b.add(b)
        done_r.add(r)
        moves.append(Pair(b, r, score))
    return moves


def _clear_winners(
    scores: dict[tuple[int, int], float], opt: Options
) -> dict[tuple[int, int], float]:
    """Scores that reach ``move_threshold``, and those between ``threshold`` and it that
    are each other's clear best (no other candidate of the block or of the row within
    ``move_margin``): an edited paragraph that moved, not a look-alike."""
    best_b: dict[int, list[float]] = {}
    best_r: dict[int, list[float]] = {}
    for (b, r), score in scores.items():
        best_b.setdefault(b, []).append(score)
        best_r.setdefault(r, []).append(score)

    def clear(score: float, rivals: list[float]) -> bool:
        top = sorted(rivals, reverse=True)[:2]
        return top[0] == score and (len(top) == 1 or top[1] <= score - opt.move_margin)

    return {
        (b, r): score
        for (b, r), score in scores.items()
        if score >= opt.move_threshold or (clear(score, best_b[b]) and clear(score, best_r[r]))
    }


def _apply(rows: list[WorkRow], v: int, plan: Plan, preps: list[Prepared]) -> list[WorkRow]:
    """The new list of rows with version ``v`` placed as ``plan`` says."""
    prep = preps[v]
    cell_at: dict[int, tuple[int, ...]] = {}
    span: dict[int, int] = {}
    for b_lo, b_hi, r_lo, r_hi in plan.groups:
        cell_at[r_lo] = tuple(range(b_lo, b_hi))
        span[r_lo] = r_hi
    starts = [g[0] for g in plan.groups]
    before: dict[int, list[int]] = {}
    for b in plan.inserts:
        k = bisect_right(starts, b)
        before.setdefault(plan.groups[k][2] if k < len(plan.groups) else len(rows), []).append(b)
    moved = {g[2]: tuple(range(g[0], g[1])) for g in plan.moved}
    out: list[WorkRow] = []
    r = 0
    while r <= len(rows):
        for b in before.get(r, ()):
            new = WorkRow(cells={})
            _add_cell(new, v, (b,), prep)
            out.append(new)
        if r == len(rows):
            break
        row, end = rows[r], span.get(r, r + 1)
        if end > r + 1:
            row = _merge(rows[r:end])
            refresh(row, preps)
        if r in cell_at:
            _add_cell(row, v, cell_at[r], prep)
        elif r in moved:
            _add_cell(row, v, moved[r], prep)
            row.moved.add(v)
        out.append(row)
        r = end
    return out


def _add_cell(row: WorkRow, v: int, cell: tuple[int, ...], prep: Prepared) -> None:
    row.cells[v] = cell
    key, wid = cell_text(prep, cell)
    row.keys.add(key)
    if wid not in row.wids:
        row.wids.append(wid)
    if not row.rep:
        row.rep = wid


def _copy(rows: list[WorkRow], twin: int, v: int) -> None:
    """Give version ``v`` the cells (and moves) of ``twin``, whose texts are the same."""
    for row in rows:
        if twin in row.cells:
            row.cells[v] = row.cells[twin]
            if twin in row.moved:
                row.moved.add(v)


def _merge(rows: Sequence[WorkRow]) -> WorkRow:
    cells: dict[int, tuple[int, ...]] = {}
    for row in rows:
        for v, cell in row.cells.items():
            cells[v] = cells.get(v, ()) + cell
    return WorkRow(cells=cells, rep="".join(row.rep for row in rows))


def _freeze(row: WorkRow, n: int, preps: list[Prepared]) -> Row:
    cells = tuple(map(row.cells.get, range(n), repeat((), n)))
    if len(row.cells) < n:
        status = RowStatus.PARTIAL
    elif len(row.keys) == 1:
        status = RowStatus.SAME
    else:
        texts = {cell_text(preps[v], cell)[0] for v, cell in enumerate(cells)}
        status = RowStatus.SAME if len(texts) == 1 else RowStatus.CHANGED
    return Row(cells=cells, moved=frozenset(row.moved), status=status)
