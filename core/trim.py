"""Long unchanged stretches of a passage cut down to the words around its changes.

With "Show Only Differences" the comparison shows what differs: a paragraph that differs
by two words shows those words with a few words either side, the unchanged stretches
between cut to "…". A passage with nothing marked (the same as the row's reference: a
passage kept in sight only for orientation, a copy equal to the base, a passage only some
versions have, the same in each) is a one-line preview: its first words, as many as fit
(`is_preview`; the window elides it to its column). The words kept are the cell's own,
unchanged; the marks stay where they were. `trim_spans` also says where each kept piece
of text was, so anything placed by its offset in the whole text (find matches) can be
placed in the trimmed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from core.highlight import Span

TRIM_WORDS = 6
"""Words kept on each side of a change (and at a passage's start and end)."""
ELLIPSIS = "… "
TRIM_MARK = "trim"
"""The mark of an ellipsis span: drawn dimmed, never a difference."""

_WORD_END = re.compile(r"\S+\s*")


class Piece(NamedTuple):
    """A stretch of the whole text kept in the trimmed text: where it starts and ends in
    the whole text, and where it starts in the trimmed one."""

    start: int
    end: int
    trimmed_start: int


def _cut_points(text: str, words: int) -> tuple[int, int] | None:
    """Where the first ``words`` words of ``text`` end and its last ``words`` begin, when
    enough words lie between them to be worth cutting (else None)."""
    ends = [m.end() for m in _WORD_END.finditer(text)]
    if len(ends) < 2 * words + 4:
        return None
    head = ends[words - 1] if words else 0
    tail = ends[len(ends) - words - 1] if words else len(text)
    return head, tail


def trim_spans(spans: Sequence[Span], words: int = TRIM_WORDS
               ) -> tuple[list[Span], list[Piece]]:
    """``spans`` with each unmarked stretch of over ``2 * words + 4`` words cut to its
    first and last ``words`` words (only the last at the start of the passage, only the
    first at its end, only the first when nothing in it is marked: those tell which
    passage it is), and the pieces of the whole text that were kept.

    >>> spans, _ = trim_spans([Span("one two three four five six seven eight ", ""),
    ...                        Span("nine", "chg")], words=1)
    >>> [s.text for s in spans]
    ['… ', 'eight ', 'nine']
    """
    out: list[Span] = []
    pieces: list[Piece] = []
    position = trimmed = 0

    def keep(start: int, end: int, span_text: str, offset: int, mark: str) -> None:
        nonlocal trimmed
        if end > start:
            out.append(Span(span_text[start - offset:end - offset], mark))
            pieces.append(Piece(start, end, trimmed))
            trimmed += end - start

    def ellipsis() -> None:
        nonlocal trimmed
        out.append(Span(ELLIPSIS, TRIM_MARK))
        trimmed += len(ELLIPSIS)

    last = len(spans) - 1
    for i, span in enumerate(spans):
        end = position + len(span.text)
        cut = None if span.mark else _cut_points(span.text, words)
        if cut is None:
            keep(position, end, span.text, position, span.mark)
        else:
            head, tail = cut
            alone = last == 0  # nothing marked: its first words tell which passage it is
            if i > 0 or alone:  # words leading on from the change before
                keep(position, position + head, span.text, position, "")
            ellipsis()
            if i < last:  # words leading up to the change after
                keep(position + tail, end, span.text, position, "")
        position = end
    return _merged(out), _merged_pieces(pieces)


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].mark == span.mark and span.mark != TRIM_MARK:
            merged[-1] = Span(merged[-1].text + span.text, span.mark)
        else:
            merged.append(span)
    return merged


def _merged_pieces(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and last.end == piece.start and \
                last.trimmed_start + last.end - last.start == piece.trimmed_start:
            merged[-1] = Piece(last.start, piece.end, last.trimmed_start)
        else:
            merged.append(piece)
    return merged


def place(pieces: Sequence[Piece], start: int, end: int) -> tuple[int, int] | None:
    """Where the stretch ``start:end`` of the whole text is in the trimmed text, or None
    when any of it was cut away."""
    for piece in pieces:
        if piece.start <= start and end <= piece.end:
            shift = piece.trimmed_start - piece.start
            return start + shift, end + shift
    return None


def trimmed_length(spans: Sequence[Span], words: int = TRIM_WORDS) -> int:
    """Characters of the trimmed text (for height estimates)."""
    return sum(len(span.text) for span in trim_spans(spans, words)[0])


PREVIEW_LENGTH = 1
"""The length `shown_length` gives a one-line preview: any length a line holds gives a
height estimate of one line."""


def is_preview(spans: Sequence[Span]) -> bool:
    """True when nothing in the passage is marked: shown as a one-line preview.

    >>> is_preview([Span("same everywhere", "")]), is_preview([Span("new", "ins")])
    (True, False)
    """
    return not any(span.mark for span in spans)


def shown_length(spans: Sequence[Span], words: int = TRIM_WORDS) -> int:
    """Characters a height estimate counts for a passage shown compact: `PREVIEW_LENGTH`
    for a one-line preview, else the trimmed text's length."""
    return PREVIEW_LENGTH if is_preview(spans) else trimmed_length(spans, words)
