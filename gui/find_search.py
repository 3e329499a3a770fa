"""Find in the comparison without stalling the window.

`CellTexts` keeps every cell's text of one comparison, and its case-folded copy, made
once when first searched (so typing a longer word searches folded text already there).
`IncrementalFind` runs one search in slices on a zero-interval timer: the first slice at
once (a small comparison is searched in full before `start` returns), the rest between events, each
slice's matches handed on as they are found, in order (row by row, the columns as shown).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterator, Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from core.compare import Comparison

Match = tuple[int, int, int, int]
"""row, version, start, end: where a match is, in the cell's text."""

SLICE_SECONDS = 0.008
ROWS_PER_CHECK = 16
SEARCH_AT_ONCE = 1000
"""A comparison of at most this many cells is searched in full before `start` returns:
a bounded few milliseconds, and the count is known at once."""
MATCHES_PER_SLICE = 2000
"""A slice also ends after this many matches: each is then drawn and counted."""


def fold_case(text: str) -> str:
    """``text`` case-folded with its length kept, so an offset in the folded text is the
    same offset in the text (a letter that folds to two, as ß, is left as it is)."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := c.casefold()) == 1 else c for c in text)


class CellTexts:
    """One comparison's cell texts, and their folded copies, made once each."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        rows = len(comparison.alignment.rows)
        versions = len(comparison.versions)
        self._raw: list[list[str | None]] = [[None] * rows for _ in range(versions)]
        self._folded: list[list[str | None]] = [[None] * rows for _ in range(versions)]

    def text(self, row: int, version: int, *, folded: bool = False) -> str:
        cache = self._folded if folded else self._raw
        text = cache[version][row]
        if text is None:
            text = self._raw[version][row]
            if text is None:
                text = self._raw[version][row] = self.comparison.cell_text(row, version)
            if folded:
                text = self._folded[version][row] = fold_case(text)
        return text


def search(texts: CellTexts, needle: str, *, match_case: bool, columns: Sequence[int],
           skip: Collection[int]) -> Iterator[list[Match]]:
    """The matches of ``needle``, one list per row searched (empty for a row without any);
    rows in ``skip`` are left out. Matches do not overlap."""
    if not match_case:
        needle = fold_case(needle)
    size = len(needle)
    step = max(1, size)
    for row in range(len(texts.comparison.alignment.rows)):
        found: list[Match] = []
        if row not in skip:
            for version in columns:
                hay = texts.text(row, version, folded=not match_case)
                at = hay.find(needle)
                while at >= 0:
                    found.append((row, version, at, at + size))
                    at = hay.find(needle, at + step)
        yield found


class IncrementalFind(QObject):
    """One search at a time, run in slices; a new `start` (or `stop`) ends the last one."""

    found = Signal(list)  # a slice's matches, in order
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)
        self._rows: Iterator[list[Match]] | None = None
        self.clock: Callable[[], float] = time.perf_counter

    def start(self, texts: CellTexts | None, needle: str, *, match_case: bool,
              columns: Sequence[int], skip: Collection[int]) -> None:
        self.stop()
        if texts is None or not needle:
            self.finished.emit()
            return
        self._rows = search(texts, needle, match_case=match_case, columns=columns, skip=skip)
        comparison = texts.comparison
        if len(comparison.alignment.rows) * len(comparison.versions) <= SEARCH_AT_ONCE:
            self.finish()
        else:
            self._slice()

    def stop(self) -> None:
        self._timer.stop()
        self._rows = None

    def running(self) -> bool:
        return self._rows is not None

    def finish(self) -> None:
        """Search the rest now (a caller that cannot wait, such as a test)."""
        while self._rows is not None:
            self._slice(deadline=float("inf"))

    def _slice(self, deadline: float | None = None) -> None:
        rows = self._rows
        if rows is None:
            return
        deadline = self.clock() + SLICE_SECONDS if deadline is None else deadline
        batch: list[Match] = []
        done = False
        for count, found in enumerate(rows, 1):
            batch.extend(found)
            if count % ROWS_PER_CHECK == 0 and (self.clock() > deadline
                                                or len(batch) > MATCHES_PER_SLICE):
                break
        else:
            done = True
        if done:
            self._rows = None
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()
        if batch:
            self.found.emit(batch)
        if done:
            self.finished.emit()
