"""Painting one cell of the comparison view: colours, rich-text documents and the delegate.

A cell is drawn from a `CellContent` (spans from `core.highlight`, plus gap / dropped /
moved facts) laid out in a `QTextDocument`; laid-out documents are cached per
(row, column, width) so scrolling never lays text out twice.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from core.highlight import Span
from core.trim import TRIM_MARK
from gui.colours import Scheme, mix

Index = QModelIndex | QPersistentModelIndex
CELL_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Model role returning a `CellContent` (or None for an index outside the comparison)."""

PAD_X = 8
DRAIN_SECONDS = 0.008
"""How long one event-loop turn spends deleting documents a cleared cache forgot."""
PAD_Y = 5


@dataclass(frozen=True, slots=True)
class CellContent:
    """What one cell shows: the marked text and the facts drawn around it."""

    spans: tuple[Span, ...]
    gap: bool = False
    dropped: bool = False
    reason: str | None = None
    badge: str | None = None
    fold: str | None = None  # the label of a fold row ("12 identical passages")
    finds: tuple[tuple[int, int, bool], ...] = ()  # find matches: start, end, current
    note: str | None = None  # drawn small in a gap: which versions have the passage
    fate_note: str | None = None
    """What the clean article does with this cell beyond the usual ("your text")."""
    in_article: bool = False
    """This cell's wording is the one in the clean article."""
    preview: bool = False
    """Shown as one line, elided to the column (nothing in it is marked; `core.trim`)."""


FOLD_PAD_Y = 3
"""Room above and below a fold row's label: a fold row is as thin as its small text."""


def fold_height(font: QFont) -> int:
    """The height of a fold row: one line of the small label font and a little room, so
    it follows the text size (zoom, scale factors) and takes no more room than it says."""
    return int(QFontMetricsF(small_font(font)).lineSpacing() + 0.999) + 2 * FOLD_PAD_Y


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def build_document(content: CellContent, font: QFont, scheme: Scheme, width: float
                   ) -> QTextDocument:
    """Lay out a cell's text wrapped to ``width`` pixels."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setUndoRedoEnabled(False)
    doc.setTextWidth(max(20.0, width))
    cursor = QTextCursor(doc)
    small = small_font(font)
    if content.badge:
        fmt = QTextCharFormat()
        fmt.setFont(small)
        fmt.setForeground(scheme.badge_fg)
        fmt.setBackground(scheme.badge_bg)
        block = QTextBlockFormat()
        block.setBottomMargin(3)
        cursor.setBlockFormat(block)
        cursor.insertText(f"\u2009\u21c5 {content.badge}\u2009", fmt)
        cursor.insertBlock(QTextBlockFormat())
    text_start = cursor.position()
    spans = content.spans
    finds = content.finds
    if content.preview:
        spans, finds = _one_line(spans, finds, font, doc.textWidth())
    for span in spans:
        fmt = QTextCharFormat()
        fmt.setForeground(scheme.dim if content.dropped or span.mark == TRIM_MARK
                          else scheme.text)
        # removed words are struck through too: the mark never rests on colour alone
        fmt.setFontStrikeOut(content.dropped or span.mark == "del")
        colour = scheme.mark_colour(span.mark)
        if colour is not None:
            fmt.setBackground(mix(colour, scheme.base, 0.45) if content.dropped else colour)
        cursor.insertText(span.text, fmt)
    for start, end, current in finds:
        found = QTextCursor(doc)
        found.setPosition(text_start + start)
        found.setPosition(text_start + end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(scheme.find_current if current else scheme.find)
        fmt.setForeground(scheme.text)
        if current:
            fmt.setFontUnderline(True)
        found.mergeCharFormat(fmt)
    if content.dropped:
        _note_line(cursor, f"left out: {content.reason or 'dropped'}", small, scheme.dim)
    if content.fate_note:
        _note_line(cursor, f"\u2713 in the clean article: {content.fate_note}", small,
                   scheme.mark_partial)
    return doc


def _one_line(spans: tuple[Span, ...], finds: tuple[tuple[int, int, bool], ...],
              font: QFont, width: float
              ) -> tuple[tuple[Span, ...], tuple[tuple[int, int, bool], ...]]:
    """A passage's text as one line elided to ``width``: its first words and a dimmed
    "…", with the find matches that are on it."""
    text = "".join(span.text for span in spans).replace("\n", " ")
    # a pixel to spare: the document's layout may round widths differently
    elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width - 2)
    if elided == text:
        return (Span(text, ""),), finds
    kept = elided.rstrip("\u2026")
    return ((Span(kept, ""), Span("\u2026", TRIM_MARK)),
            tuple(f for f in finds if f[1] <= len(kept)))


def _note_line(cursor: QTextCursor, text: str, font: QFont, colour: QColor) -> None:
    """A small italic line below the cell's text (why it is left out, what the article
    does with it)."""
    block = QTextBlockFormat()
    block.setTopMargin(3)
    cursor.insertBlock(block)
    fmt = QTextCharFormat()
    fmt.setFont(font)
    fmt.setFontItalic(True)
    fmt.setForeground(colour)
    cursor.insertText(text, fmt)


class HeightEstimator:
    """Cheap guesses of cell heights from text length alone: arithmetic, no layout."""

    def __init__(self, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        self._char = max(1.0, metrics.averageCharWidth() * 1.1)
        self._line = metrics.lineSpacing()
        small = QFontMetricsF(small_font(font))
        self._extra = small.lineSpacing() + 3
        self._small_line = small.lineSpacing()
        self._small_char = max(1.0, small.averageCharWidth() * 1.1)

    def height(self, length: int, width: int, extras: int = 0) -> int:
        """Height of ``length`` characters wrapped in a column ``width`` wide."""
        per_line = max(1, int((width - 2 * PAD_X) / self._char))
        lines = max(1, -(-length // per_line))
        return int(lines * self._line + extras * self._extra) + 2 * PAD_Y + 1

    def badge_height(self, chars: int, width: int) -> int:
        """What a moved badge of ``chars`` characters adds beyond its first line: it wraps
        in a narrow column, and a guess one line short clips the cell's last line."""
        per_line = max(1, int((width - 2 * PAD_X) / self._small_char))
        return int((max(1, -(-chars // per_line)) - 1) * self._small_line)


class DocumentCache:
    """Laid-out documents keyed by (row, column, width), least recently used dropped."""

    def __init__(self, limit: int = 3000, on_retire: Callable[[], None] | None = None
                 ) -> None:
        self._docs: OrderedDict[tuple[int, int, int], QTextDocument] = OrderedDict()
        self._limit = limit
        self._retired: list[OrderedDict[tuple[int, int, int], QTextDocument]] = []
        self._on_retire = on_retire

    def get(self, key: tuple[int, int, int]) -> QTextDocument | None:
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
        return doc

    def put(self, key: tuple[int, int, int], doc: QTextDocument) -> None:
        self._docs[key] = doc
        self._docs.move_to_end(key)
        while len(self._docs) > self._limit:
            self._docs.popitem(last=False)

    def clear(self) -> None:
        """Forget every document. They are deleted later, a few at a time (`drain`):
        deleting a full cache's 3,000 laid-out documents at once held the UI thread for
        0.1-0.2 s (measured turning Show Only Differences on and off)."""
        if self._docs:
            self._retired.append(self._docs)
            self._docs = OrderedDict()
            if self._on_retire is not None:
                self._on_retire()

    def drain(self, seconds: float) -> bool:
        """Delete forgotten documents for up to ``seconds``; True while some are left."""
        deadline = time.perf_counter() + seconds
        while self._retired:
            docs = self._retired[-1]
            while docs:
                for _ in range(min(20, len(docs))):
                    docs.popitem()
                if time.perf_counter() > deadline:
                    return bool(docs) or len(self._retired) > 1
            self._retired.pop()
        return False

    def retired(self) -> int:
        """How many forgotten documents wait to be deleted."""
        return sum(len(docs) for docs in self._retired)

    def discard_cell(self, row: int, column: int) -> None:
        """Forget one cell's documents, at every width."""
        for key in [k for k in self._docs if k[0] == row and k[1] == column]:
            del self._docs[key]

    def discard_cells(self, cells: set[tuple[int, int]]) -> None:
        """Forget the documents of every (row, column) in ``cells``, in one pass."""
        for key in [k for k in self._docs if (k[0], k[1]) in cells]:
            del self._docs[key]

    def __len__(self) -> int:
        return len(self._docs)


class CellDelegate(QStyledItemDelegate):
    """Paints a cell's rich text, gap hatching and the current-row highlight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drain_timer = QTimer(self)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self.cache = DocumentCache(on_retire=self._drain_timer.start)
        self.scheme = Scheme.from_palette(QPalette())
        self.font = QFont()
        self.current_row = -1
        self.first_column = 0  # the column drawn with the current row's accent bar
        self.fold_height = fold_height(self.font)

    def reset(self, font: QFont, palette: QPalette) -> None:
        """Forget every laid-out document (new comparison, font or palette)."""
        self.cache.clear()
        self.font = QFont(font)
        self.scheme = Scheme.from_palette(palette)
        self.fold_height = fold_height(self.font)

    def _drain(self) -> None:
        if not self.cache.drain(DRAIN_SECONDS):
            self._drain_timer.stop()

    def document(self, index: Index, width: int) -> QTextDocument | None:
        """The cell's laid-out document at column ``width`` (cached)."""
        key = (index.row(), index.column(), width)
        doc = self.cache.get(key)
        if doc is None:
            content = index.data(CELL_ROLE)
            if not isinstance(content, CellContent) or content.gap or content.fold:
                return None
            doc = build_document(content, self.font, self.scheme, width - 2 * PAD_X)
            self.cache.put(key, doc)
        return doc

    def cell_height(self, index: Index, width: int) -> int:
        content = index.data(CELL_ROLE)
        if isinstance(content, CellContent) and content.fold:
            return self.fold_height
        doc = self.document(index, width)
        if doc is None:
            return 0
        return int(doc.size().height() + 0.999) + 2 * PAD_Y + 1

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width() or 300
        return QSize(width, max(self.cell_height(index, width), 24))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect
        scheme = self.scheme
        painter.save()
        content = index.data(CELL_ROLE)
        if isinstance(content, CellContent) and content.fold:
            self._paint_fold(painter, option, index, content.fold)
            painter.restore()
            return
        if isinstance(content, CellContent) and content.gap:
            painter.fillRect(rect, scheme.base)
            brush = QBrush(scheme.gap, Qt.BrushStyle.BDiagPattern)
            painter.fillRect(rect, brush)
            if content.note:
                self._paint_note(painter, rect, content.note)
        if isinstance(content, CellContent) and content.in_article:
            painter.fillRect(rect.left(), rect.top(), 3, rect.height(), scheme.mark_partial)
        if index.row() == self.current_row:
            painter.fillRect(rect, scheme.current)
            if index.column() == self.first_column:
                painter.fillRect(rect.left(), rect.top(), 3, rect.height(), scheme.accent)
        doc = self.document(index, rect.width())
        if doc is not None:
            painter.translate(rect.left() + PAD_X, rect.top() + PAD_Y)
            clip = QRectF(0, 0, rect.width() - PAD_X, rect.height() - PAD_Y)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            context.palette = option.palette
            doc.documentLayout().draw(painter, context)
        painter.restore()

    def _paint_fold(self, painter: QPainter, option: QStyleOptionViewItem, index: Index,
                    label: str) -> None:
        """A thin row standing for a run of identical passages; the label in the base
        column (always in view), a dashed line across the others."""
        rect = option.rect
        scheme = self.scheme
        painter.fillRect(rect, scheme.fold_bg)
        if index.row() == self.current_row:
            painter.fillRect(rect, scheme.current)
        pen = painter.pen()
        pen.setColor(scheme.dim)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        middle = rect.center().y()
        if index.column() != self.first_column:
            painter.drawLine(rect.left(), middle, rect.right(), middle)
            return
        font = small_font(self.font)
        painter.setFont(font)
        painter.setPen(scheme.fold_fg)
        metrics = QFontMetricsF(font)
        room = rect.width() - 2 * PAD_X
        text = f"\u22ef {label} \u2014 click to show"
        if metrics.horizontalAdvance(text) > room:
            text = metrics.elidedText(f"\u22ef {label}", Qt.TextElideMode.ElideRight, room)
        painter.drawText(rect.adjusted(PAD_X, 0, -PAD_X, 0),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)

    def _paint_note(self, painter: QPainter, rect: QRect, note: str) -> None:
        """A small line in a gap saying which versions have the passage (they may be
        scrolled out of view to the right)."""
        font = small_font(self.font)
        metrics = QFontMetricsF(font)
        box = QRectF(rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y))
        text = metrics.elidedText(note, Qt.TextElideMode.ElideRight, box.width())
        back = QRectF(box.left() - 2, box.top(), metrics.horizontalAdvance(text) + 4,
                      metrics.height())
        painter.fillRect(back, self.scheme.base)
        painter.setFont(font)
        painter.setPen(self.scheme.dim)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)
