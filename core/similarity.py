"""How similar whole versions are: one 0-100 score for every pair of versions."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import chain, islice, repeat
from operator import eq, lshift, or_

from core.align_match import WordCoder

SHINGLE = 3
"""Words per shingle."""


def similarity_matrix(versions: Sequence[Sequence[str]]) -> list[list[float]]:
    """Word-level similarity 0-100 of every pair of versions (symmetric, 100 on the diagonal).

    Each version's blocks are joined and reduced to lower-cased words; the score is the
    Dice coefficient of the two sets of word 3-grams (shingles),
    ``200 * shared / (shingles of a + shingles of b)``, which ignores paragraph order and
    costs one set intersection per pair. Two empty versions score 100.

    >>> similarity_matrix([["a b c d e"], ["a b c d x"], []])
    [[100.0, 66.7, 0.0], [66.7, 100.0, 0.0], [0.0, 0.0, 100.0]]
    """
    coder = WordCoder()
    return dice_matrix([coder.encode(" ".join(blocks)) for blocks in versions])


def dice_matrix(texts: Sequence[str]) -> list[list[float]]:
    """Shingle Dice 0-100 of every pair of word-id strings (see :class:`WordCoder`).

    Long texts (books) take the same scores from sorted arrays of shingle codes, which
    need a tenth of the memory of sets of shingle strings.
    """
    if sum(map(len, texts)) > _ARRAY_ABOVE:
        return _dice_sorted(texts)
    sets = [_shingles(text) for text in texts]
    return _pairwise([len(s) for s in sets], lambda i, j: len(sets[i] & sets[j]))


def _pairwise(sizes: Sequence[int], shared: Callable[[int, int], int]) -> list[list[float]]:
    """The symmetric Dice matrix (0-100) from set sizes and a count of shared members."""
    n = len(sizes)
    matrix = [[100.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = shared(i, j)
            same = common == sizes[i] == sizes[j]
            score = 100.0 if same else 200.0 * common / (sizes[i] + sizes[j])
            matrix[i][j] = matrix[j][i] = round(score, 1)
    return matrix


def _shingles(wids: str) -> frozenset[str]:
    """Word n-grams of a word-id string (the whole text when it is shorter than n)."""
    if len(wids) <= SHINGLE:
        return frozenset((wids,)) if wids else frozenset()
    return frozenset(wids[k : k + SHINGLE] for k in range(len(wids) - SHINGLE + 1))


_ARRAY_ABOVE = 800_000  # words in all texts together above which sorted arrays are used
_CHUNK = 1 << 16


def _dice_sorted(texts: Sequence[str]) -> list[list[float]]:
    """:func:`dice_matrix` over sorted arrays of distinct shingle codes."""
    codes = [_codes(text) for text in texts]
    return _pairwise([len(c) for c in codes], lambda i, j: _shared(codes[i], codes[j]))


def _codes(wids: str) -> array:
    """Sorted distinct shingles of a word-id string as 64-bit codes.

    A word id is a code point (< 2**21), so three of them fit in 63 bits; a text shorter
    than a shingle is coded with the top bit set, so it never equals a real shingle.
    """
    ids = array("I")
    ids.frombytes(wids.encode("utf-32-le"))
    if len(ids) < SHINGLE:
        if not ids:
            return array("Q")
        code = (1 << 63) | (len(ids) << 60) | (ids[0] << 21) | (ids[-1] if len(ids) > 1 else 0)
        return array("Q", (code,))
    # (x << 42) | (y << 21) | z for each three ids in a row, by C-level maps (a Python
    # call per shingle cost a second for a 3 MB book); a set drops repeats before the sort.
    values = sorted(set(map(or_, map(or_, map(lshift, ids, repeat(42)),
                                     map(lshift, islice(ids, 1, None), repeat(21))),
                            islice(ids, 2, None))))
    del ids
    return array("Q", values)


def _shared(a: array, b: array) -> int:
    """How many codes two sorted arrays of distinct codes have in common."""
    if not a or not b:
        return 0
    shared = 0
    for start in range(0, len(a), _CHUNK):
        stop = min(start + _CHUNK, len(a))
        lo = bisect_left(b, a[start])
        hi = bisect_left(b, a[stop]) if stop < len(a) else len(b)
        if lo == hi:
            continue
        merged = sorted(chain(a[start:stop], b[lo:hi]))  # two sorted runs: a linear merge
        shared += sum(map(eq, merged, islice(merged, 1, None)))
    return shared
