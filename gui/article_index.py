"""Where each paragraph of the clean-article editor is, kept up to date edit by edit.

The editor's document is a list of lines (Qt's blocks). `ParagraphIndex` holds the
article's paragraphs as `core.draft.split_paragraphs` reads the document's text, the
passage each belongs to, and the line each starts on. An edit is put in by reading back
only the lines it touched and the paragraphs around them (`ParagraphIndex.edit`), so a
keystroke in a book costs its paragraph, and the paragraph at a line is found by bisection.
This module imports no Qt: the editor hands it line numbers and texts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from core.draft import map_edit, split_paragraphs

__all__ = ["ParagraphIndex", "paragraphs_of_lines", "plain"]


def plain(line: str) -> str:
    """A line as `QTextDocument.toPlainText` gives it (no-break spaces and line separators
    made plain), so that the index reads the text the editor would save."""
    return line.replace("\xa0", " ").replace("\u2028", "\n").replace("\u2029", "\n")


def paragraphs_of_lines(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """The paragraphs of the text ``"\\n".join(lines)`` and the line each starts on."""
    text = "\n".join(lines)
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return [], []
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    first: list[int] = []
    at = 0
    for paragraph in paragraphs:
        at = text.index(paragraph, at)
        first.append(bisect_right(starts, at) - 1)
        at += len(paragraph)
    return paragraphs, first


class ParagraphIndex:
    """The editor's paragraphs, their owners (passage ids) and first lines.

    ``paragraphs[i]`` starts on line ``first[i]``; a paragraph's lines run to the line
    before the next paragraph's, the blank lines after it included. ``lines`` is the
    number of lines in the document.

    Edits are noted as they come (`note`: a few integer operations a keystroke) and
    mapped onto the passages when the index is next read (`settle`), all at once, so the
    mapping never depends on the steps an edit took (Qt reports replacing a whole text as
    a removal and an insertion).
    """

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.owners: list[str] = []
        self.first: list[int] = []
        self.lines = 1
        self._pending: tuple[int, int, int, int, int] | None = None
        """Paragraphs ``start:stop`` (lines ``begin:end`` before the edits) are edited;
        the document has ``delta`` lines more than before."""
        self._read: Callable[[int, int], list[str]] = lambda start, stop: []
        self._fallback: str | None = None

    def reset(self, paragraphs: Sequence[str], owners: Sequence[str], lines: Sequence[str]
              ) -> None:
        """The document now holds ``lines``, whose paragraphs are ``paragraphs`` (the
        caller checked), with ``owners``."""
        found, first = paragraphs_of_lines(lines)
        assert len(found) == len(paragraphs)
        self.paragraphs, self.owners, self.first = list(paragraphs), list(owners), first
        self.lines = max(1, len(lines))
        self._pending = None

    def reset_rendered(self, paragraphs: Sequence[str], owners: Sequence[str]) -> None:
        """The document holds exactly ``"\n\n".join(paragraphs) + "\n"`` (as rendered),
        so the lines are counted without reading the document back."""
        self.paragraphs, self.owners = list(paragraphs), list(owners)
        heights = [p.count("\n") + 2 for p in self.paragraphs]
        self.first = list(accumulate(heights[:-1], initial=0)) if heights else []
        self.lines = sum(heights) if heights else 1
        self._pending = None

    def paragraph_at(self, line: int) -> int:
        """The paragraph ``line`` belongs to: the last starting on or before it (-1 when
        the line is before the first). Call `settle` first."""
        return bisect_right(self.first, line) - 1

    def owned_by(self, key: str) -> tuple[int, int]:
        """The paragraphs ``key`` owns, as ``(start, end)`` (contiguous; empty if none)."""
        try:
            start = self.owners.index(key)
        except ValueError:
            return 0, 0
        end = start + 1
        while end < len(self.owners) and self.owners[end] == key:
            end += 1
        return start, end

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def note(self, first_line: int, last_line: int, lines_now: int,
             read: Callable[[int, int], list[str]], *, fallback: str | None = None) -> None:
        """An edit of the document touched lines ``first_line`` to ``last_line`` (as
        numbered now); the document now has ``lines_now`` lines. ``read(start, stop)``
        gives the document's lines ``start:stop`` (used by `settle`)."""
        self._read, self._fallback = read, fallback
        count = len(self.paragraphs)
        if self._pending is None:
            start = max(self.paragraph_at(first_line) - 1, 0)
            stop = min(self.paragraph_at(last_line - (lines_now - self.lines)) + 2, count)
        else:
            start, stop, begin, end, shift = self._pending
            moved = lines_now - (self.lines + shift)  # lines this edit added
            # lines before the edited stretch are as they were, lines after it moved by
            # ``shift``; a line inside it widens nothing
            if first_line < begin:
                start = min(start, max(self.paragraph_at(first_line) - 1, 0))
            last = last_line - moved
            if last >= end + shift:
                stop = max(stop, min(self.paragraph_at(last - shift) + 2, count))
            elif last >= end + shift - 1:  # its last line: the next paragraph may join it
                stop = min(stop + 1, count)
        stop = max(stop, min(start + 1, count))
        begin = self.first[start] if 0 < start < count else 0
        end = self.first[stop] if stop < count else self.lines
        self._pending = (start, stop, begin, end, lines_now - self.lines)

    def settle(self) -> dict[str, list[str]]:
        """Map the edits noted since the last time onto the passages: the paragraphs from
        the one before the edits to the one after them are read again. Returns the
        passages whose paragraphs changed, with their paragraphs in that stretch."""
        if self._pending is None:
            return {}
        start, stop, begin, end, delta = self._pending
        self._pending = None
        new, rel = paragraphs_of_lines(self._read(begin, end + delta))
        paragraphs, owners, changed = map_edit(self.paragraphs[start:stop],
                                               self.owners[start:stop], "\n\n".join(new),
                                               fallback=self._fallback)
        if len(paragraphs) != len(new):  # nothing to attach the text to: keep the lines
            owners = [self._fallback or ""] * len(new)
        self.paragraphs[start:stop] = new
        self.owners[start:stop] = owners
        if delta:
            self.first[stop:] = [line + delta for line in self.first[stop:]]
        self.first[start:stop] = [begin + r for r in rel]
        self.lines += delta
        return changed
