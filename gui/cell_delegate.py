"""Painting one cell of the comparison view: colours, rich-text documents and the delegate.

A cell is drawn from a `CellContent` (spans from `core.highlight`, plus gap / dropped /
moved facts) laid out in a `QTextDocument`; laid-out documents are cached per
(row, column, width) so scrolling never lays text out twice.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
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

Index = QModelIndex | QPersistentModelIndex
CELL_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Model role returning a `CellContent` (or None for an index outside the comparison)."""

PAD_X = 8
PAD_Y = 5


@dataclass(frozen=True, slots=True)
class CellContent:
    """What one cell shows: the marked text and the facts drawn around it."""

    spans: tuple[Span, ...]
    gap: bool = False
    dropped: bool = False
    reason: str | None = None
    badge: str | None = None
    note: str | None = None
    """What the clean article does with this cell beyond the usual ("your text")."""
    in_article: bool = False
    """This cell's wording is the one in the clean article."""


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass(frozen=True)
class Scheme:
    """Colours for one palette, chosen by whether its base colour is dark."""

    dark: bool
    text: QColor
    dim: QColor
    base: QColor
    ins: QColor
    delete: QColor
    chg: QColor
    badge_bg: QColor
    badge_fg: QColor
    gap: QColor
    current: QColor
    accent: QColor
    tint_changed: QColor
    tint_partial: QColor
    mark_changed: QColor
    mark_partial: QColor
    mark_moved: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Scheme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        current = QColor(highlight)
        current.setAlpha(60 if dark else 40)
        if dark:
            return cls(
                dark, text, _mix(text, base, 0.5), base,
                ins=QColor("#1e5a2b"), delete=QColor("#6e2a2d"), chg=QColor("#6a5212"),
                badge_bg=QColor("#27476e"), badge_fg=QColor("#dce9fb"),
                gap=_mix(base, text, 0.12), current=current, accent=highlight,
                tint_changed=QColor("#5a4a1c"), tint_partial=QColor("#24422c"),
                mark_changed=QColor("#d9a53a"), mark_partial=QColor("#5cb270"),
                mark_moved=QColor("#6aa5ef"),
            )
        return cls(
            dark, text, _mix(text, base, 0.5), base,
            ins=QColor("#c9efcc"), delete=QColor("#f7cdcd"), chg=QColor("#fbe3a4"),
            badge_bg=QColor("#dbe8fb"), badge_fg=QColor("#1c3f73"),
            gap=_mix(base, text, 0.10), current=current, accent=highlight,
            tint_changed=QColor("#f8e7b6"), tint_partial=QColor("#d9f0dc"),
            mark_changed=QColor("#d08c00"), mark_partial=QColor("#3a9a4f"),
            mark_moved=QColor("#2f6fd0"),
        )

    def mark_colour(self, mark: str) -> QColor | None:
        return {"ins": self.ins, "del": self.delete, "chg": self.chg}.get(mark)


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
    for span in content.spans:
        fmt = QTextCharFormat()
        fmt.setForeground(scheme.dim if content.dropped else scheme.text)
        fmt.setFontStrikeOut(content.dropped)
        colour = scheme.mark_colour(span.mark)
        if colour is not None:
            fmt.setBackground(_mix(colour, scheme.base, 0.45) if content.dropped else colour)
        cursor.insertText(span.text, fmt)
    if content.dropped:
        block = QTextBlockFormat()
        block.setTopMargin(3)
        cursor.insertBlock(block)
        fmt = QTextCharFormat()
        fmt.setFont(small)
        fmt.setFontItalic(True)
        fmt.setForeground(scheme.dim)
        cursor.insertText(f"left out: {content.reason or 'dropped'}", fmt)
    if content.note:
        block = QTextBlockFormat()
        block.setTopMargin(3)
        cursor.insertBlock(block)
        fmt = QTextCharFormat()
        fmt.setFont(small)
        fmt.setFontItalic(True)
        fmt.setForeground(scheme.mark_partial)
        cursor.insertText(f"\u2713 in the clean article: {content.note}", fmt)
    return doc


class HeightEstimator:
    """Cheap guesses of cell heights from text length alone: arithmetic, no layout."""

    def __init__(self, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        self._char = max(1.0, metrics.averageCharWidth() * 1.1)
        self._line = metrics.lineSpacing()
        self._extra = QFontMetricsF(small_font(font)).lineSpacing() + 3

    def height(self, length: int, width: int, extras: int = 0) -> int:
        """Height of ``length`` characters wrapped in a column ``width`` wide."""
        per_line = max(1, int((width - 2 * PAD_X) / self._char))
        lines = max(1, -(-length // per_line))
        return int(lines * self._line + extras * self._extra) + 2 * PAD_Y + 1


class DocumentCache:
    """Laid-out documents keyed by (row, column, width), least recently used dropped."""

    def __init__(self, limit: int = 3000) -> None:
        self._docs: OrderedDict[tuple[int, int, int], QTextDocument] = OrderedDict()
        self._limit = limit

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
        self._docs.clear()

    def __len__(self) -> int:
        return len(self._docs)


class CellDelegate(QStyledItemDelegate):
    """Paints a cell's rich text, gap hatching and the current-row highlight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = DocumentCache()
        self.scheme = Scheme.from_palette(QPalette())
        self.font = QFont()
        self.current_row = -1

    def reset(self, font: QFont, palette: QPalette) -> None:
        """Forget every laid-out document (new comparison, font or palette)."""
        self.cache.clear()
        self.font = QFont(font)
        self.scheme = Scheme.from_palette(palette)

    def document(self, index: Index, width: int) -> QTextDocument | None:
        """The cell's laid-out document at column ``width`` (cached)."""
        key = (index.row(), index.column(), width)
        doc = self.cache.get(key)
        if doc is None:
            content = index.data(CELL_ROLE)
            if not isinstance(content, CellContent) or content.gap:
                return None
            doc = build_document(content, self.font, self.scheme, width - 2 * PAD_X)
            self.cache.put(key, doc)
        return doc

    def cell_height(self, index: Index, width: int) -> int:
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
        if isinstance(content, CellContent) and content.gap:
            painter.fillRect(rect, scheme.base)
            brush = QBrush(scheme.gap, Qt.BrushStyle.BDiagPattern)
            painter.fillRect(rect, brush)
        if isinstance(content, CellContent) and content.in_article:
            painter.fillRect(rect.left(), rect.top(), 3, rect.height(), scheme.mark_partial)
        if index.row() == self.current_row:
            painter.fillRect(rect, scheme.current)
            if index.column() == 0:
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
