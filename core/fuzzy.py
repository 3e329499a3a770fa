"""Which earlier passage says nearly the same: character similarity, bounded in cost.

rapidfuzz's ratio is an edit distance: O(n * m / 64) for texts of n and m characters, 4 s
for two 420 KB paragraphs. Up to `LONG` characters it is used as it is; longer texts are
compared by resemblance (the Jaccard similarity of their runs of five words, repeats
counted, estimated from a bottom-k sketch: Broder, 1997), in time linear in their length,
with the same cutoff read as a percentage. Five-word runs keep two texts that merely share
a vocabulary apart; the measure is stricter than the ratio on scattered edits, so a long
passage is only dropped as a repeat when it is nearly word for word the same. A
`Matcher` keeps the sketches of the texts it has seen, for one run only (no module-level
cache: results never depend on earlier inputs).
"""

from __future__ import annotations

import heapq
import zlib
from collections import Counter
from collections.abc import Mapping

from rapidfuzz import fuzz, process

LONG = 2_000
"""Characters above which a text is compared by resemblance, not edit distance."""

_RATIO_BOUND = 200 * LONG / (LONG + 2 * LONG)
"""The highest ratio a text of `LONG` characters reaches against one over twice as long."""

SKETCH_SIZE = 128
_SHINGLE = 5


def sketch(text: str, *, size: int = SKETCH_SIZE) -> frozenset[int]:
    """The ``size`` smallest hashes of the five-word runs of ``text``, the n-th repeat of
    a run hashed with n. Words are hashed with CRC-32 and runs as tuples of those ints:
    both are the same in every run (Python's ``hash`` of a string is salted)."""
    ids = [zlib.crc32(word.encode("utf-8", "replace")) for word in text.split()]
    runs = Counter(map(hash, zip(*(ids[i:] for i in range(_SHINGLE)), strict=False)))
    if not runs:
        runs = Counter([hash(tuple(ids))])
    hashes = [hash((run, n)) if n > 1 else run
              for run, count in runs.items() for n in range(1, count + 1)]
    return frozenset(heapq.nsmallest(size, hashes))


def resemblance(a: frozenset[int], b: frozenset[int], *, size: int = SKETCH_SIZE) -> float:
    """The Dice similarity (0-100, the scale of ``fuzz.ratio``) of the shingle sets two
    sketches come from, from their estimated Jaccard similarity J: 2J / (1 + J)."""
    union = heapq.nsmallest(size, a | b)
    if not union:
        return 100.0
    jaccard = sum(1 for h in union if h in a and h in b) / len(union)
    return 200.0 * jaccard / (1.0 + jaccard)


def similarity(a: str, b: str, *, cutoff: float = 0.0) -> float:
    """``fuzz.ratio`` of two texts (0 below ``cutoff``), by `resemblance` when both are
    longer than `LONG` characters."""
    if len(a) > LONG and len(b) > LONG:
        score = resemblance(sketch(a), sketch(b))
        return score if score >= cutoff else 0.0
    return fuzz.ratio(a, b, score_cutoff=cutoff)


class Matcher:
    """Best match of a text among candidates at or above a cutoff (0-100)."""

    def __init__(self) -> None:
        self._sketches: dict[str, frozenset[int]] = {}

    def _sketch(self, text: str) -> frozenset[int]:
        found = self._sketches.get(text)
        if found is None:
            found = self._sketches[text] = sketch(text)
        return found

    def best(
        self, key: str, candidates: Mapping[int, str], cutoff: float
    ) -> tuple[int, float] | None:
        """``(candidate, score)`` of the most similar candidate scoring ``cutoff`` or more.

        Texts of up to `LONG` characters are scored by ``fuzz.ratio``; when ``key`` is
        longer, candidates of `LONG` characters or more by `resemblance` (a shorter one
        cannot reach a cutoff of 67 or more by ratio: it is at most 200 * shorter / sum).
        """
        if len(key) <= LONG:
            # A text over 2 * LONG cannot reach a cutoff over 66.7 against this one (a
            # ratio is at most 200 * shorter / sum); rapidfuzz's own length check then
            # rules it out, so the candidates are only filtered for lower cutoffs.
            pool = candidates if cutoff > _RATIO_BOUND else {
                i: text for i, text in candidates.items() if len(text) <= 2 * LONG}
            found = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff,
                                       processor=None) if pool else None
            return (found[2], found[1]) if found else None
        long = {i: text for i, text in candidates.items() if len(text) >= LONG // 2}
        if not long:
            return None
        own = self._sketch(key)
        best: tuple[int, float] | None = None
        for index, text in long.items():
            score = resemblance(own, self._sketch(text))
            if score >= cutoff and (best is None or score > best[1]):
                best = (index, score)
        return best
