"""Sequence-matching helpers for :mod:`core.align`: word ids, exact anchors, fuzzy pairs.

Everything here works on plain lists of strings and ints; no knowledge of rows or versions.
Fuzzy scores are rapidfuzz ``fuzz.ratio`` over *word-id strings* (one character per word),
so the score is a word-level similarity: unrelated English paragraphs score ~20-35 instead
of the ~50 a character-level ratio gives them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import fuzz, process

from core.normalize import normalize
from core.word_codes import word_char

_WORD = re.compile(r"\w+")  # as core.normalize.words, applied to normalised text


class WordCoder:
    """Maps each distinct word to one character, so word lists become short strings.

    One coder per comparison (no module state), so results never depend on what was
    processed before.
    """

    __slots__ = ("_ids", "_seen")

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._seen: dict[str, str] = {}

    def encode(self, text: str) -> str:
        """Word-id string of ``text`` (lower-cased ``\\w+`` words, punctuation ignored)."""
        return self.encode_normalized(normalize(text))

    def encode_normalized(self, key: str) -> str:
        """Word-id string of text already passed through :func:`normalize`."""
        done = self._seen.get(key)
        if done is not None:
            return done
        ids = self._ids
        words = _WORD.findall(key)
        for word in [w for w in dict.fromkeys(words) if w not in ids]:  # new words, in order
            ids[word] = word_char(len(ids))
        done = self._seen[key] = "".join(map(ids.__getitem__, words))
        return done


def word_ratio(a: str, b: str) -> float:
    """Word-level similarity 0-100 of two word-id strings (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b)


class Pair(NamedTuple):
    """A candidate match: block ``b`` of the version with row ``r``, and its score."""

    b: int
    r: int
    score: float


_BLOCK_ROW = itemgetter(0, 1)


def best_chain(pairs: Iterable[Pair]) -> list[Pair]:
    """The order-preserving subset of ``pairs`` with the largest total score.

    Strictly increasing in both ``b`` and ``r`` (a weighted longest common subsequence
    over sparse candidates), O(K log K). Ties go to the earliest rows.

    >>> [p[:2] for p in best_chain([Pair(0, 1, 90), Pair(1, 0, 80), Pair(1, 2, 70)])]
    [(0, 1), (1, 2)]
    """
    items = sorted(pairs, key=_BLOCK_ROW)
    if not items:
        return []
    rank = {r: i + 1 for i, r in enumerate(sorted({p.r for p in items}))}
    size = len(rank)
    # A Fenwick tree of (best total, index of its last pair), its loops written inline:
    # a function call per step cost more than the step on a shuffled book.
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    back = [-1] * len(items)
    total = [0.0] * len(items)
    ranks = [rank[p.r] for p in items]
    start, count = 0, len(items)
    while start < count:  # one block at a time: pairs sharing b never chain
        end = start + 1
        b = items[start].b
        while end < count and items[end].b == b:
            end += 1
        for k in range(start, end):
            best, idx, pos = 0.0, -1, ranks[k] - 1
            while pos > 0:
                if tree_val[pos] > best:
                    best, idx = tree_val[pos], tree_idx[pos]
                pos &= pos - 1
            total[k], back[k] = best + items[k].score, idx
        for k in range(start, end):
            val, pos = total[k], ranks[k]
            while pos <= size:
                if val > tree_val[pos]:
                    tree_val[pos], tree_idx[pos] = val, k
                pos += pos & -pos
        start = end
    best, idx, pos = 0.0, -1, size
    while pos > 0:
        if tree_val[pos] > best:
            best, idx = tree_val[pos], tree_idx[pos]
        pos &= pos - 1
    chain = []
    while idx >= 0:
        chain.append(items[idx])
        idx = back[idx]
    chain.reverse()
    return chain


def exact_anchors(
    row_keys: Sequence[frozenset[str] | set[str]],
    keys: Sequence[str],
    *,
    weight: Callable[[int], float],
) -> tuple[list[Pair], list[tuple[int, int, int, int]]]:
    """Exact matches of ``keys`` (one per block) into rows that hold a set of keys each.

    Patience style: common prefix/suffix, then keys unique on both sides, kept in order by
    :func:`best_chain` (weighted by ``weight(b)``), recursing into the gaps between them.
    Returns the anchors and the gaps ``(r_lo, r_hi, b_lo, b_hi)`` left for fuzzy matching.
    """
    anchors: list[Pair] = []
    gaps: list[tuple[int, int, int, int]] = []
    stack = [(0, len(row_keys), 0, len(keys))]
    while stack:
        r_lo, r_hi, b_lo, b_hi = stack.pop()
        while r_lo < r_hi and b_lo < b_hi and keys[b_lo] in row_keys[r_lo]:
            anchors.append(Pair(b_lo, r_lo, 100.0))
            r_lo, b_lo = r_lo + 1, b_lo + 1
        while r_lo < r_hi and b_lo < b_hi and keys[b_hi - 1] in row_keys[r_hi - 1]:
            r_hi, b_hi = r_hi - 1, b_hi - 1
            anchors.append(Pair(b_hi, r_hi, 100.0))
        if r_lo >= r_hi or b_lo >= b_hi:
            if r_lo < r_hi or b_lo < b_hi:
                gaps.append((r_lo, r_hi, b_lo, b_hi))
            continue
        counts = Counter(keys[b_lo:b_hi])
        where: dict[str, list[int]] = {}
        for r in range(r_lo, r_hi):
            for key in row_keys[r]:
                if counts.get(key) == 1:
                    where.setdefault(key, []).append(r)
        unique = [
            Pair(b, where[keys[b]][0], weight(b))
            for b in range(b_lo, b_hi)
            if len(where.get(keys[b], ())) == 1
        ]
        chain = best_chain(unique)
        if not chain:
            gaps.append((r_lo, r_hi, b_lo, b_hi))
            continue
        anchors.extend(Pair(p.b, p.r, 100.0) for p in chain)
        bounds = [Pair(b_lo - 1, r_lo - 1, 0.0), *chain, Pair(b_hi, r_hi, 0.0)]
        for left, right in pairwise(bounds):
            if left.b + 1 < right.b or left.r + 1 < right.r:
                stack.append((left.r + 1, right.r, left.b + 1, right.b))
    anchors.sort()
    gaps.sort()
    return anchors, gaps


def fuzzy_pairs(
    queries: Sequence[tuple[int, str]],
    choices: Sequence[tuple[int, str]],
    *,
    cutoff: float,
    short_words: int = 0,
    short_cutoff: float = 100.0,
    band: int | None = None,
) -> dict[tuple[int, int], float]:
    """Best word-ratio per (block, row) for every query/choice pair scoring ``>= cutoff``.

    A pair where either side has fewer than ``short_words`` words needs ``short_cutoff``.

    ``queries`` are ``(block, word_ids)``, ``choices`` ``(row, word_ids)`` sorted by row.
    With ``band``, each query is only compared with rows within ``band`` of its
    proportional position (keeps huge unmatched stretches linear in time and memory).
    Scores come from rapidfuzz's C++ ``process.extract`` loop; no matrix is built.
    """
    out: dict[tuple[int, int], float] = {}
    if not queries or not choices:
        return out
    rows = [r for r, _ in choices]
    texts = [t for _, t in choices]
    r_first, r_span = rows[0], rows[-1] - rows[0] + 1
    for k, (b, query) in enumerate(queries):
        if not query:
            continue
        lo, hi = 0, len(texts)
        if band is not None:
            center = r_first + (k * r_span) // len(queries)
            lo = bisect_left(rows, center - band)
            hi = bisect_right(rows, center + band)
        found = process.extract(
            query, texts[lo:hi], scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
        )
        for choice, score, idx in found:
            if min(len(query), len(choice)) < short_words and score < short_cutoff:
                continue
            key = (b, rows[lo + idx])
            if score > out.get(key, -1.0):
                out[key] = score
    return out
