"""Second passes of :mod:`core.align` over what the first left unmatched.

- :func:`attribute` decides which matches are moves: the order-preserving chain keeping
  the most blocks stays in place (text length breaks ties), so one long paragraph that
  moved is marked, not the five short ones it jumped over;
- :func:`rescue` looks again inside each stretch between two in-place matches for blocks
  the word ratio under-rates (grown, shrunk, reordered; :mod:`core.align_score`);
- :func:`slots`, once splits and merges have grown, pairs the short blocks that sit in
  the same slot between two aligned neighbours (a heading, a label, an updated value).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from core.align_match import Pair, best_chain, word_ratio
from core.align_rows import Options, Prepared, WorkRow
from core.align_score import char_ratio, pairs_of, second_score

SLOT_CUTOFF = 60.0
"""Character-level similarity at which a short block pairs with a short row in its slot."""
SLOT_CELLS = 100
"""Short block x row pairs a slot may hold; wider stretches are not one slot."""
RESCUE_CELLS = 40_000
"""Block x row text pairs scored in one stretch at most (larger stretches are left as is)."""
RESCUE_BUDGET = 10_000
"""Block x row text pairs scored for one version in all, beyond ``RESCUE_PER_BLOCK`` each."""
RESCUE_PER_BLOCK = 2


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
        found.extend(_stretch(blocks, free, rows, prep, opt, cache))
    return sorted([*pairs, *found])


def _stretch(
    blocks: list[int],
    free: list[int],
    rows: Sequence[WorkRow],
    prep: Prepared,
    opt: Options,
    cache: dict[str, frozenset[str]],
) -> list[Pair]:
    """Best order-preserving matches between the free blocks and rows of one stretch."""

    def pairs(wid: str) -> frozenset[str]:
        got = cache.get(wid)
        if got is None:
            got = cache[wid] = pairs_of(wid)
        return got

    def vocab(wid: str) -> frozenset[str]:
        got = sets.get(wid)
        if got is None:
            got = sets[wid] = frozenset(wid)
        return got

    sets: dict[str, frozenset[str]] = {}

    short = opt.short_words
    scores: list[Pair] = []
    for b in blocks:
        wid, key = prep.wids[b], prep.keys[b]
        for r in free:
            row = rows[r]
            best = 100.0 if key in row.keys else 0.0
            for text in row.wids if best < 100.0 else ():
                ratio = word_ratio(wid, text)
                if min(len(wid), len(text)) < short:
                    if ratio >= opt.short_threshold:
                        best = max(best, ratio)
                elif ratio >= opt.threshold:
                    best = max(best, ratio)
                elif 2 * len(vocab(wid) & vocab(text)) >= min(len(vocab(wid)), len(vocab(text))):
                    # (a second opinion needs half the words of one in the other)
                    second = second_score(
                        wid, text, cutoff=opt.threshold, pairs_a=pairs(wid), pairs_b=pairs(text)
                    )
                    best = max(best, second)
            if best:
                scores.append(Pair(b, r, best))
    return best_chain(scores)


def slots(
    groups: list[list[int]],
    moved: Sequence[Sequence[int]],
    rows: Sequence[WorkRow],
    prep: Prepared,
    opt: Options,
) -> list[list[int]]:
    """``groups`` (in place, ``[b_lo, b_hi, r_lo, r_hi]``, sorted) with short blocks
    paired with rows between two aligned neighbours.

    Between two groups, a short block and a row whose characters mostly agree pair first
    ("67.81 years" / "68.7 years", "Depth:" / "Depth (low tide):"; one side short, the
    other under twice that); the short ones left between two aligned neighbours then pair
    in order when there are as many of each (at most three): the same slot holds the same
    heading, label or value, however much its words changed.
    """
    taken_b = {b for g in moved for b in range(g[0], g[1])}
    taken_r = {g[2] for g in moved}
    near = 2 * opt.short_words
    out: list[list[int]] = []
    for left, right in pairwise(groups):
        out.append(left)
        mine = {
            b: len(prep.wids[b])
            for b in range(left[1], right[0])
            if b not in taken_b and 0 < len(prep.wids[b]) < near
        }
        theirs = {
            r: max(map(len, rows[r].wids))
            for r in range(left[3], right[2])
            if r not in taken_r and rows[r].wids and all(0 < len(t) < near for t in rows[r].wids)
        }
        if mine and theirs and len(mine) * len(theirs) <= SLOT_CELLS:
            found = _slot_pairs(mine, theirs, rows, prep, opt.short_words)
            out.extend([p.b, p.b + 1, p.r, p.r + 1] for p in found)
    out.extend(groups[-1:])
    return out


def _slot_pairs(
    mine: dict[int, int],
    theirs: dict[int, int],
    rows: Sequence[WorkRow],
    prep: Prepared,
    short: int,
) -> list[Pair]:
    """Pairs between the candidate blocks and rows of one slot (both with word counts)."""
    scores = []
    for b, size in mine.items():
        for r, other in theirs.items():
            if min(size, other) >= short:
                continue
            sim = max((char_ratio(prep.keys[b], k) for k in rows[r].keys), default=0.0)
            if sim >= SLOT_CUTOFF:
                scores.append(Pair(b, r, sim))
    chain = best_chain(scores)
    edges = [Pair(-1, -1, 0.0), *chain, Pair(len(prep.wids), len(rows), 0.0)]
    found = list(chain)
    for left, right in pairwise(edges):
        bs = [b for b, size in mine.items() if left.b < b < right.b and size < short]
        rs = [r for r, size in theirs.items() if left.r < r < right.r and size < short]
        if bs and len(bs) == len(rs) <= 3:
            found.extend(Pair(b, r, 1.0) for b, r in zip(bs, rs, strict=True))
    return sorted(found)


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
