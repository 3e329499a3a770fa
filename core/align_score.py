"""Second opinions on whether two blocks are versions of each other, for the pairs the
plain word ratio misses.

``fuzz.ratio`` over word-id strings is ``200 * LCS / (len a + len b)``: it halves a
paragraph that kept all its text and doubled, and it sees only one of three sentences that
swapped places. Two order- and size-tolerant measures cover those cases:

- *containment*: the share of the shorter block's words found, in order, in the longer one
  (a paragraph that grew or shrank), for blocks of comparable size;
- *word-pair overlap*: the Dice coefficient of the two sets of adjacent word pairs, which
  only loses the pairs across sentence boundaries when sentences are reordered (and its
  containment form, for a reordered paragraph that also grew).

All work on word-id strings (:class:`core.align_match.WordCoder`), one character per word.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from operator import add

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

CONTAIN_CUTOFF = 80.0
"""Containment (0-100) at which a grown or shrunk block still counts as the same block."""
CONTAIN_WORDS = 8
"""The shorter block needs this many words for containment to be trusted."""
MAX_GROWTH = 6.0
"""Containment is only considered while the longer block is at most this many times longer."""


def containment(a: str, b: str) -> float:
    """Share 0-100 of the shorter word-id string found in order in the longer one.

    >>> containment("abc", "xaybzc")
    100.0
    """
    if not a or not b:
        return 0.0
    return 100.0 * LCSseq.similarity(a, b) / min(len(a), len(b))


def pairs_of(wids: str) -> frozenset[str]:
    """Adjacent word pairs of a word-id string (the one word when there is only one).

    Paragraph-sized strings are memoised: a pure function, so the cache only saves time
    (and book-sized blocks are not kept in it)."""
    return _pairs_memo(wids) if len(wids) <= _MEMO_WORDS else _pairs(wids)


_MEMO_WORDS = 2000


def _pairs(wids: str) -> frozenset[str]:
    if len(wids) < 2:
        return frozenset((wids,)) if wids else frozenset()
    return frozenset(map(add, wids, islice(wids, 1, None)))


_pairs_memo = lru_cache(maxsize=512)(_pairs)


def order_free_ratio(a: str, b: str) -> float:
    """The larger of the word ratio and the word-pair Dice of two word-id strings: the
    similarity of two blocks whatever the order of their sentences.

    >>> round(order_free_ratio("abcdefghi", "ghidefabc"))
    75
    """
    if not a or not b:
        return 0.0
    pa, pb = pairs_of(a), pairs_of(b)
    return max(fuzz.ratio(a, b), 200.0 * len(pa & pb) / (len(pa) + len(pb)))


def comparable(a: str, b: str) -> bool:
    """Whether two blocks are long enough and close enough in size for containment."""
    short, long = sorted((len(a), len(b)))
    return short >= CONTAIN_WORDS and long <= MAX_GROWTH * short


def second_score(
    a: str,
    b: str,
    *,
    cutoff: float,
    pairs_a: frozenset[str] | None = None,
    pairs_b: frozenset[str] | None = None,
) -> float:
    """A score 0-100 for two word-id strings the word ratio may under-rate, or 0.

    Nothing counts between blocks more than :data:`MAX_GROWTH` times apart in length.
    The word-pair Dice counts when it reaches ``cutoff``; for comparable sizes
    (:func:`comparable`) so do containment and word-pair containment reaching
    :data:`CONTAIN_CUTOFF`, scored as ``cutoff`` plus a tenth of the excess (a match,
    but never preferred to a well-scoring plain one).

    >>> second_score("abcdefghij", "abcdefghij" + "klmnopqrstuvwxyzABCD", cutoff=50)
    52.0
    """
    if not a or not b or max(len(a), len(b)) > MAX_GROWTH * min(len(a), len(b)):
        return 0.0
    pa = pairs_a if pairs_a is not None else pairs_of(a)
    pb = pairs_b if pairs_b is not None else pairs_of(b)
    shared = len(pa & pb)
    best = 0.0
    if len(pa) >= 3 and len(pb) >= 3:
        dice = 200.0 * shared / (len(pa) + len(pb))
        if dice >= cutoff:
            best = dice
    if comparable(a, b):
        contain = max(containment(a, b), 100.0 * shared / min(len(pa), len(pb)))
        if contain >= CONTAIN_CUTOFF:
            best = max(best, cutoff + (contain - CONTAIN_CUTOFF) / 10.0)
    return best


def char_ratio(a: str, b: str) -> float:
    """Character-level similarity 0-100 of two normalised texts (for short blocks, where
    one changed word is a third of the words but a few of the characters)."""
    return fuzz.ratio(a, b) if a and b else 0.0
