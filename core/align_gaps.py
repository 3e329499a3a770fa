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

from rapidfuzz import fuzz, process

from core.align_match import Pair, best_chain
from core.align_rows import Options, Prepared, WorkRow
from core.align_score import MAX_GROWTH, char_ratio, pairs_of, second_score

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
    short, threshold = opt.short_words, opt.threshold
    flat = [(r, text, len(text)) for r in free for text in rows[r].wids]
    texts = [text for _, text, _ in flat]
    vocab = [frozenset(text) for text in texts]
    scores: list[Pair] = []
    for b in blocks:
        wid, key = prep.wids[b], prep.keys[b]
        size = len(wid)
        if not size:
            continue
        mine: frozenset[str] | None = None
        best: dict[int, float] = {r: 100.0 for r in free if key in rows[r].keys}
        ratios = process.extract(wid, texts, scorer=fuzz.ratio, limit=None)
        for _, ratio, k in ratios:
            r, text, length = flat[k]
            if best.get(r, 0.0) >= 100.0 or not length:
                continue
            score = 0.0
            if min(size, length) < short:
                score = ratio if ratio >= opt.short_threshold else 0.0
            elif ratio >= threshold:
                score = ratio
            elif max(size, length) <= MAX_GROWTH * min(size, length):
                mine = mine if mine is not None else frozenset(wid)
                theirs = vocab[k]
                # a second opinion needs half the words of one in the other
                if 2 * len(mine & theirs) >= min(len(mine), len(theirs)):
                    pa = cache.get(wid) or cache.setdefault(wid, pairs_of(wid))
                    pb = cache.get(text) or cache.setdefault(text, pairs_of(text))
                    score = second_score(wid, text, cutoff=threshold, pairs_a=pa, pairs_b=pb)
            if score > best.get(r, 0.0):
                best[r] = score
        scores.extend(Pair(b, r, score) for r, score in best.items() if score > 0.0)
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
        size = len(wid)
        for (r, text), theirs in zip(texts, text_pairs, strict=True):
            small, large = (size, len(text)) if size <= len(text) else (len(text), size)
            if large > MAX_GROWTH * small:
                continue
            # every second opinion needs a good share of one's word pairs in the other
            if 10 * len(mine & theirs) < 3 * min(len(mine), len(theirs)):
                continue
            score = second_score(wid, text, cutoff=cutoff, pairs_a=mine, pairs_b=theirs)
            if score > out.get((b, r), 0.0):
                out[(b, r)] = score
    return out
