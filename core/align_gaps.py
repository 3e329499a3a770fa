"""Second passes of :mod:`core.align` over what the first left unmatched.

- :func:`attribute` decides which matches are moves: the order-preserving chain keeping
  the most blocks stays in place (text length breaks ties), so one long paragraph that
  moved is marked, not the five short ones it jumped over;
- :func:`rescue` looks again inside each stretch between two in-place matches: blocks the
  word ratio under-rates (grown, shrunk, reordered; :mod:`core.align_score`) and short
  blocks that sit in the same slot between two aligned neighbours (a heading, a label, an
  updated value).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from core.align_match import Pair, best_chain, word_ratio
from core.align_rows import Options, Prepared, WorkRow
from core.align_score import char_ratio, pairs_of, second_score

SLOT_CUTOFF = 60.0
"""Character-level similarity at which a short block pairs with a short row in its slot."""
RESCUE_CELLS = 40_000
"""Block x row text pairs scored in one stretch at most (larger stretches are left as is)."""
RESCUE_BUDGET = 200_000
"""Block x row text pairs scored for one version in all, beyond ``RESCUE_PER_BLOCK`` each."""
RESCUE_PER_BLOCK = 20


def attribute(
    in_place: Sequence[Pair], moves: Sequence[Pair], prep: Prepared
) -> tuple[list[Pair], list[Pair]]:
    """Split all matches into those kept in place (an order-preserving chain) and moves.

    The chain maximises the number of blocks in place; among chains of the same length,
    the one holding the most words, then the one the first pass chose.
    """
    cands = [(p, True) for p in in_place] + [(p, False) for p in moves]
    if not moves:
        return list(in_place), []
    total = sum(len(prep.wids[p.b]) for p, _ in cands) + len(cands) + 1
    weighted = [
        Pair(p.b, p.r, 1.0 + (len(prep.wids[p.b]) + (0.5 if first else 0.0)) / total)
        for p, first in cands
    ]
    keep = {(p.b, p.r) for p in best_chain(weighted)}
    chain = sorted(p for p, _ in cands if (p.b, p.r) in keep)
    moved = sorted(p for p, _ in cands if (p.b, p.r) not in keep)
    return chain, moved


def rescue(
    pairs: Sequence[Pair],
    moved: Sequence[Pair],
    rows: Sequence[WorkRow],
    prep: Prepared,
    opt: Options,
) -> list[Pair]:
    """``pairs`` (in place, sorted) with further in-place matches found between them."""
    taken_b = {p.b for p in moved}
    taken_r = {p.r for p in moved}
    found: list[Pair] = []
    cache: dict[str, frozenset[str]] = {}
    bounds = [Pair(-1, -1, 0.0), *pairs, Pair(len(prep.wids), len(rows), 0.0)]
    budget = RESCUE_BUDGET + RESCUE_PER_BLOCK * len(prep.wids)
    for left, right in pairwise(bounds):
        if right.b - left.b < 2 or right.r - left.r < 2:
            continue
        blocks = [b for b in range(left.b + 1, right.b) if b not in taken_b]
        free = [r for r in range(left.r + 1, right.r) if r not in taken_r]
        if not blocks or not free:
            continue
        cells = len(blocks) * sum(len(rows[r].wids) for r in free)
        if cells > min(RESCUE_CELLS, budget):
            continue
        budget -= cells
        ends = (left.b >= 0, right.b < len(prep.wids))
        found.extend(_stretch(blocks, free, rows, prep, opt, ends, cache))
    return sorted([*pairs, *found])


def _stretch(
    blocks: list[int],
    free: list[int],
    rows: Sequence[WorkRow],
    prep: Prepared,
    opt: Options,
    ends: tuple[bool, bool],
    cache: dict[str, frozenset[str]],
) -> list[Pair]:
    """Best order-preserving matches between the free blocks and rows of one stretch;
    ``ends`` tells whether an aligned neighbour bounds it on the left and on the right."""

    def pairs(wid: str) -> frozenset[str]:
        got = cache.get(wid)
        if got is None:
            got = cache[wid] = pairs_of(wid)
        return got

    short = opt.short_words
    bounded = all(ends)
    scores: list[Pair] = []
    for b in blocks:
        wid, key = prep.wids[b], prep.keys[b]
        for r in free:
            row = rows[r]
            best = 100.0 if key in row.keys else 0.0
            for text in row.wids if best < 100.0 else ():
                if min(len(wid), len(text)) < short:
                    ratio = word_ratio(wid, text)
                    if ratio >= opt.short_threshold:
                        best = max(best, ratio)
                    continue
                ratio = word_ratio(wid, text)
                if ratio >= opt.threshold:
                    best = max(best, ratio)
                else:
                    best = max(
                        best,
                        second_score(
                            wid, text, cutoff=opt.threshold, pairs_a=pairs(wid), pairs_b=pairs(text)
                        ),
                    )
            if not best and bounded:
                best = _slot_score(wid, key, row, short)
            if best:
                scores.append(Pair(b, r, best))
    chain = best_chain(scores)
    edges = [Pair(blocks[0] - 1, free[0] - 1, 0.0), *chain, Pair(blocks[-1] + 1, free[-1] + 1, 0.0)]
    slots: list[Pair] = []
    last = len(edges) - 2
    for k, (left, right) in enumerate(pairwise(edges)):
        if (k > 0 or ends[0]) and (k < last or ends[1]):
            slots.extend(_same_slot(blocks, free, left, right, rows, prep, short))
    return sorted([*chain, *slots])


def _same_slot(
    blocks: list[int],
    free: list[int],
    left: Pair,
    right: Pair,
    rows: Sequence[WorkRow],
    prep: Prepared,
    short: int,
) -> list[Pair]:
    """The short blocks and short rows between two aligned neighbours, paired in order
    when there are as many of each (at most three): the same slot holds the same heading,
    label or value, however much its words changed."""
    mine = [b for b in blocks if left.b < b < right.b and 0 < len(prep.wids[b]) < short]
    theirs = [
        r
        for r in free
        if left.r < r < right.r and rows[r].wids and all(0 < len(t) < short for t in rows[r].wids)
    ]
    if not mine or len(mine) != len(theirs) or len(mine) > 3:
        return []
    return [Pair(b, r, 1.0) for b, r in zip(mine, theirs, strict=True)]


def _slot_score(wid: str, key: str, row: WorkRow, short: int) -> float:
    """A low score for a short block and a row of short texts whose characters mostly
    agree ("67.81 years" / "68.7 years", "Labor force:" / "Labour force:")."""
    if not wid or len(wid) >= short or any(len(t) >= short for t in row.wids):
        return 0.0
    sim = max((char_ratio(key, k) for k in row.keys), default=0.0)
    return sim / 10.0 if sim >= SLOT_CUTOFF else 0.0


def leftover_scores(
    blocks: Iterable[int],
    free_rows: Sequence[int],
    rows: Sequence[WorkRow],
    prep: Prepared,
    *,
    cutoff: float,
    limit: int,
) -> dict[tuple[int, int], float]:
    """:func:`core.align_score.second_score` of leftover blocks against leftover rows
    (for moves), when there are at most ``limit`` text pairs to score."""
    blocks = [b for b in blocks if len(prep.wids[b]) >= 4]
    texts = [(r, t) for r in free_rows for t in rows[r].wids if len(t) >= 4]
    if not blocks or not texts or len(blocks) * len(texts) > limit:
        return {}
    text_pairs = [pairs_of(t) for _, t in texts]
    out: dict[tuple[int, int], float] = {}
    for b in blocks:
        wid = prep.wids[b]
        mine = pairs_of(wid)
        for (r, text), theirs in zip(texts, text_pairs, strict=True):
            if not mine & theirs:
                continue
            score = second_score(wid, text, cutoff=cutoff, pairs_a=mine, pairs_b=theirs)
            if score > out.get((b, r), 0.0):
                out[(b, r)] = score
    return out
