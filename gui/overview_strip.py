"""A narrow strip beside the comparison's scroll bar showing where the differences are."""

from __future__ import annotations

import time
from bisect import bisect_left

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QScrollBar, QSizePolicy, QWidget

from gui.colours import Scheme

LARGE_MARKS = 500
REBAND_SECONDS = 0.5
"""While only the rows' heights change, the bands are worked out at most this often."""


class OverviewStrip(QWidget):
    """Marks for changed / partial / moved rows at their proportional heights.

    The visible stretch of the table is outlined; clicking jumps: ``row_clicked`` when a
    mark is under the mouse, else ``fraction_clicked`` with the position (0-1).
    """

    row_clicked = Signal(int)
    fraction_clicked = Signal(float)

    def __init__(self, header: QHeaderView, scroll_bar: QScrollBar,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._header = header
        self._scroll = scroll_bar
        self._marks: list[tuple[int, str]] = []
        self._bands: list[tuple[float, float, str]] = []
        self._bands_key: tuple[int, int, int] | None = None
        self._skipped: frozenset[int] = frozenset()
        self._bands_at = 0.0
        self._reband = QTimer(self, singleShot=True, interval=int(REBAND_SECONDS * 1000))
        self._reband.timeout.connect(self.update)
        self.scheme = Scheme.from_palette(self.palette())
        self.top_margin = 0
        self.bottom_margin = 0
        self.setFixedWidth(14)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the versions differ: click to jump")

    def sizeHint(self) -> QSize:
        return QSize(14, 100)

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        """(row, kind) pairs; kind is "changed", "partial" or "moved"."""
        self._marks = marks
        self._bands_key = None
        self.update()

    def set_skipped(self, rows: set[int] | frozenset[int]) -> None:
        """Rows shown but never marked: fold rows, which stand for passages folded away
        (a folded passage left out of the article is no difference to jump to)."""
        rows = frozenset(rows)
        if rows != self._skipped:
            self._skipped = rows
            self._bands_key = None
            self.update()

    def _shown(self, row: int) -> bool:
        return row not in self._skipped and not self._header.isSectionHidden(row)

    def _current_bands(self) -> list[tuple[float, float, str]]:
        """Marks merged into at most one band per pixel row and kind, worked out again
        when the table's height, the strip's or the marks change.

        Up to ``LARGE_MARKS`` marks each is placed by its row; beyond, each pixel row of
        the strip asks the header which rows it covers (a few hundred lookups, where
        walking tens of thousands of rows took ~100 ms of the UI thread per layout change).
        """
        key = (self._header.length(), self.height(), len(self._marks))
        if key != self._bands_key:
            if self._bands_key is not None and key[1:] == self._bands_key[1:] and \
                    time.perf_counter() - self._bands_at < REBAND_SECONDS:
                # only the rows' heights changed (refined in the background): the bands
                # drawn a moment ago stay until the next look
                if not self._reband.isActive():
                    self._reband.start()
                return self._bands
            self._bands_at = time.perf_counter()
            if len(self._marks) > LARGE_MARKS:
                self._bands = self._pixel_bands()
            else:
                bands: list[tuple[float, float, str]] = []
                for _, kind, rect in self._mark_rects():
                    top, bottom = int(rect.top()), int(rect.bottom() + 0.999)
                    if bands and bands[-1][2] == kind and bands[-1][1] >= top:
                        bands[-1] = (bands[-1][0], max(bands[-1][1], bottom), kind)
                    else:
                        bands.append((top, bottom, kind))
                self._bands = bands
            self._bands_key = key
        return self._bands

    def _pixel_bands(self) -> list[tuple[float, float, str]]:
        header = self._header
        total = header.length()
        if total <= 0:
            return []
        marks = sorted(self._marks)
        rows = [row for row, _ in marks]
        track = self._track()
        scale = track.height() / total
        offset, last = header.offset(), total - 1
        top, bottom = int(track.top()), int(track.bottom() + 0.999)
        # the row at each pixel boundary, asked once: the strip is a few hundred pixels
        at = [header.logicalIndexAt(min(int((y - track.top()) / scale), last) - offset)
              for y in range(top, bottom + 1)]
        hidden = header.hiddenSectionCount() > 0
        bands: list[tuple[float, float, str]] = []
        for y in range(top, bottom):
            first_row, last_row = at[y - top], at[y - top + 1]
            if first_row < 0:
                continue
            found = self._first_shown(rows, first_row, max(first_row, last_row), hidden)
            if found is None:
                continue
            kind = marks[found][1]
            if bands and bands[-1][2] == kind and bands[-1][1] >= y:
                bands[-1] = (bands[-1][0], y + 1, kind)
            else:
                bands.append((y, y + 1, kind))
        return bands

    def _first_shown(self, rows: list[int], first_row: int, last_row: int,
                     hidden: bool = True) -> int | None:
        """The index in ``rows`` (sorted marked rows) of the first shown one from
        ``first_row`` to ``last_row``."""
        for i in range(bisect_left(rows, first_row), len(rows)):
            if rows[i] > last_row:
                return None
            if rows[i] not in self._skipped and (
                    not hidden or not self._header.isSectionHidden(rows[i])):
                return i
        return None

    def _first_marked(self, rows: list[int], start: float, stop: float) -> int | None:
        """The index in ``rows`` (sorted marked rows) of the first shown one between two
        positions of the table."""
        header, offset = self._header, self._header.offset()
        last = header.length() - 1
        first_row = header.logicalIndexAt(min(int(start), last) - offset)
        last_row = header.logicalIndexAt(min(int(stop), last) - offset)
        if first_row < 0:
            return None
        return self._first_shown(rows, first_row, max(first_row, last_row))

    def _track(self) -> QRectF:
        return QRectF(0, self.top_margin, self.width(),
                      max(1, self.height() - self.top_margin - self.bottom_margin))

    def _colour(self, kind: str) -> QColor:
        return self.scheme.status_colour(kind)

    def _mark_rects(self) -> list[tuple[int, str, QRectF]]:
        total = self._header.length()
        if total <= 0:
            return []
        track = self._track()
        scale = track.height() / total
        out = []
        for row, kind in self._marks:
            if not self._shown(row):
                continue
            y = track.top() + self._header.sectionPosition(row) * scale
            h = max(2.0, self._header.sectionSize(row) * scale)
            out.append((row, kind, QRectF(2, y, track.width() - 4, h)))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        track = self._track()
        painter.fillRect(self.rect(), self.scheme.gap)
        for top, bottom, kind in self._current_bands():
            painter.fillRect(QRectF(2, top, track.width() - 4, max(2.0, bottom - top)),
                             self._colour(kind))
        total = self._header.length()
        if total > 0:
            scale = track.height() / total
            top = track.top() + self._scroll.value() * scale
            height = max(4.0, self._scroll.pageStep() * scale)
            outline = QColor(self.scheme.text)
            outline.setAlpha(150)
            painter.setPen(QPen(outline, 1))
            fill = QColor(self.scheme.text)
            fill.setAlpha(28)
            painter.setBrush(fill)
            height = min(height, track.bottom() - top)
            painter.drawRect(QRectF(0.5, top, self.width() - 1.0, height))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._jump(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.fraction_clicked.emit(self._fraction(event.position()))

    def _fraction(self, pos: QPointF) -> float:
        track = self._track()
        return min(1.0, max(0.0, (pos.y() - track.top()) / track.height()))

    def _jump(self, pos: QPointF) -> None:
        best: tuple[float, int] | None = None
        total = self._header.length()
        if len(self._marks) > LARGE_MARKS and total > 0:  # the marks within 3 pixels
            track = self._track()
            scale = track.height() / total
            rows = sorted(row for row, _ in self._marks)
            found = self._first_marked(rows, (pos.y() - 3 - track.top()) / scale,
                                       (pos.y() + 3 - track.top()) / scale)
            if found is not None:
                self.row_clicked.emit(rows[found])
            else:
                self.fraction_clicked.emit(self._fraction(pos))
            return
        for row, _, rect in self._mark_rects():
            distance = 0.0 if rect.top() <= pos.y() <= rect.bottom() else min(
                abs(rect.top() - pos.y()), abs(rect.bottom() - pos.y()))
            if distance <= 3 and (best is None or distance < best[0]):
                best = (distance, row)
        if best is not None:
            self.row_clicked.emit(best[1])
        else:
            self.fraction_clicked.emit(self._fraction(pos))
