"""How similar whole versions are: one 0-100 score for every pair of versions."""

from __future__ import annotations

from collections.abc import Sequence

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
    """Shingle Dice 0-100 of every pair of word-id strings (see :class:`WordCoder`)."""
    sets = [_shingles(text) for text in texts]
    n = len(sets)
    matrix = [[100.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = sets[i], sets[j]
            score = 100.0 if a == b else 200.0 * len(a & b) / (len(a) + len(b))
            matrix[i][j] = matrix[j][i] = round(score, 1)
    return matrix


def _shingles(wids: str) -> frozenset[str]:
    """Word n-grams of a word-id string (the whole text when it is shorter than n)."""
    if len(wids) <= SHINGLE:
        return frozenset((wids,)) if wids else frozenset()
    return frozenset(wids[k : k + SHINGLE] for k in range(len(wids) - SHINGLE + 1))
