"""The recent passages a new one is checked against for repeats, and which of them need
the check at all.

Cleaning compares a block with the last kept blocks, the consensus a row with the last
kept rows, by ``fuzz.ratio``: a few microseconds a pair, and every pair of a window is
compared once, however unlike the passages are. A book of 15,000 paragraphs that all
look alike (one vocabulary, one length) then costs millions of edit distances and none
can be ruled out by length. Character counts do not rule them out either: a ratio of 90
allows a tenth of the characters to differ, and passages of one language share most of
their letters.

So a text of more than `EXHAUSTIVE_UP_TO` passages (a book, not an article) takes as
candidates only the recent passages that share a run of `RUN` words with the new one,
each word cut to its first `PREFIX` characters: repeats keep most of their wording, and
a changed ending ("colour", "color"), punctuation after a word or a word changed every
few words still leave such a run. Passages of an article (up to `EXHAUSTIVE_UP_TO`) are
all compared, as before; the index holds only the window, so its memory is bounded.
"""

from __future__ import annotations

from operator import itemgetter

EXHAUSTIVE_UP_TO = 2_000
"""Passages in a text up to which every recent passage is a candidate."""

RUN = 4  # `word_runs` spells out its four shifted lists
PREFIX = 4
_CUT = itemgetter(slice(None, PREFIX))


def word_runs(text: str) -> set[int]:
    """The hashes of the runs of `RUN` consecutive words of ``text``, each word cut to
    `PREFIX` characters (the whole text as one run when it is shorter). Integers make
    the index cheaper than tuples, which hash their words again at every look-up; two
    runs of one hash only add a candidate."""
    cut = list(map(_CUT, text.split()))
    if len(cut) < RUN:
        return {hash(tuple(cut))}
    return set(map(hash, zip(cut, cut[1:], cut[2:], cut[3:], strict=False)))


HELD_RUNS = 750_000
"""Word runs `runs_of` keeps, counting `_ENTRY` more for each passage: about 40 bytes
each in a tuple, so about 30 MB at most, with the passages' texts 40 MB. (A tuple, not
an array: the pool goes through the runs twice, and an array makes each an object.)"""
_ENTRY = 4
"""A held passage's own cost (tuple, table entry), in runs."""


class _HeldRuns:
    """The word runs of the passages seen last, by text: the versions of one comparison
    share most passages, and cleaning each version and then the consensus look the same
    passage up again (a pure function of the text, so holding it changes no result).
    Bounded by `HELD_RUNS`; full, it starts again."""

    def __init__(self) -> None:
        self._runs: dict[str, tuple[int, ...]] = {}
        self._count = 0

    def __call__(self, text: str) -> tuple[int, ...]:
        found = self._runs.get(text)
        if found is None:
            found = tuple(word_runs(text))
            if self._count + len(found) + _ENTRY > HELD_RUNS:
                self._runs.clear()
                self._count = 0
            self._runs[text] = found
            self._count += len(found) + _ENTRY
        return found


runs_of = _HeldRuns()


class RecentPool:
    """Passages by index, oldest first; when ``indexed``, an index from each word run to
    the newest passage that has it.

    (A passage whose every run is also in a newer one in the pool is no candidate: a
    repeat shares most of its runs with what it repeats, which a few passages in between
    do not all have.) A passage leaving the pool stays in the index until the index is
    rebuilt, after four times as many additions as the pool holds: each addition costs
    the same on average, and the index holds about five pools' worth of runs at most."""

    def __init__(self, *, indexed: bool) -> None:
        self.indexed = indexed
        self._texts: dict[int, str] = {}
        self._runs: dict[int, tuple[int, ...]] = {}
        self._index: dict[int, int] = {}
        self._added = 0

    def __len__(self) -> int:
        return len(self._texts)

    def oldest(self) -> int:
        return next(iter(self._texts))

    def add(self, index: int, text: str) -> None:
        """Add a passage; indices must grow, so that the oldest comes first."""
        self._texts[index] = text
        if not self.indexed:
            return
        runs = self._runs[index] = runs_of(text)
        self._added += 1
        if self._added > 4 * len(self._texts) + 256:
            self._index.clear()
            for held, held_runs in self._runs.items():
                self._index.update(dict.fromkeys(held_runs, held))
            self._added = 0
        else:
            self._index.update(dict.fromkeys(runs, index))

    def discard(self, index: int) -> None:
        self._texts.pop(index, None)
        self._runs.pop(index, None)

    def candidates(self, text: str) -> dict[int, str]:
        """The passages that may repeat ``text``, oldest first (a new dict)."""
        texts = self._texts
        if not self.indexed:
            return dict(texts)
        found = set(map(self._index.get, runs_of(text)))
        found.discard(None)
        return {held: texts[held] for held in sorted(found) if held in texts}
