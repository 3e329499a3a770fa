"""A heat map of how similar every pair of versions is, painted with QPainter.

The colours are on the absolute 0-100 % scale of the one scheme (`core.colours.heat`):
92 % is the same colour whatever else is loaded. A legend bar under the map says so, and
each cell shows its number where the number fits."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.colours import Scheme

LEGEND_HEIGHT = 26


class SimilarityMatrix(QWidget):
    """Cells i,j show the similarity of versions i and j; clicking a row's label picks it."""

    version_clicked = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._names: list[str] = []
        self._values: list[list[float]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_matrix(self, names: Sequence[str], values: Sequence[Sequence[float]]) -> None:
        self._names = list(names)
        self._values = [list(row) for row in values]
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 200)

    def _geometry(self) -> tuple[float, float, float]:
        n = max(1, len(self._names))
        if self._numbers_only():
            label = QFontMetrics(self.font()).horizontalAdvance(f"{n}.") + 8.0
        else:
            label = min(90.0, self.width() * 0.35)
        cell = max(4.0, min((self.width() - label - 4) / n,
                            (self.height() - 16 - LEGEND_HEIGHT) / n))
        return label, 14.0, cell

    def _numbers_only(self) -> bool:
        """Many versions: the rows are labelled by number (names in the tooltips)."""
        return len(self._names) > 8 or self.width() < 200

    def numbers_shown(self) -> bool:
        """True when the cells are large enough to carry their numbers."""
        _, _, cell = self._geometry()
        return cell >= QFontMetrics(self._cell_font(cell)).horizontalAdvance("100") + 2

    def _cell_font(self, cell: float) -> QFont:
        """The largest font (9 pt down to 5.5 pt) in which "100" fits a cell."""
        font = self.font()
        size = 9.0
        while size > 5.5:
            font.setPointSizeF(size)
            if QFontMetrics(font).horizontalAdvance("100") + 2 <= cell:
                break
            size -= 0.5
        font.setPointSizeF(size)
        return font

    def column_labels(self, cell: float) -> tuple[QFont, int]:
        """The font of the column numbers and which of them are drawn (every ``stride``-th):
        the largest font (the window's down to 5.5 pt) in which the widest number fits a
        cell, and when even that does not, every second or third number, so numbers never
        run together ("10111213")."""
        widest = str(len(self._names))
        font = self.font()
        size = font.pointSizeF()
        while size > 5.5 and QFontMetrics(font).horizontalAdvance(widest) + 2 > cell:
            size -= 0.5
            font.setPointSizeF(size)
        width = QFontMetrics(font).horizontalAdvance(widest) + 2
        stride = max(1, -(-width // max(1, int(cell))))
        return font, int(stride)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        scheme = Scheme.from_palette(palette)
        if not self._names:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Similarity of versions\nappears here")
            return
        label_w, top, cell = self._geometry()
        metrics = QFontMetrics(self.font())
        n = len(self._names)
        numbers = self.numbers_shown()
        cell_font = self._cell_font(cell)
        label_font, stride = self.column_labels(cell)
        for i in range(n):
            painter.setFont(self.font())
            name = f"{i + 1}." if self._numbers_only() else metrics.elidedText(
                f"{i + 1}. {self._names[i]}", Qt.TextElideMode.ElideMiddle, int(label_w - 6))
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(0, top + i * cell, label_w - 4, cell),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, name)
            if i % stride == 0:
                painter.setFont(label_font)
                painter.drawText(QRectF(label_w + i * cell, 0, cell, top),
                                 Qt.AlignmentFlag.AlignCenter, str(i + 1))
            painter.setFont(cell_font)
            for j in range(n):
                value = self._values[i][j] if i < len(self._values) else 0.0
                rect = QRectF(label_w + j * cell, top + i * cell, cell - 1, cell - 1)
                if i == j:
                    painter.fillRect(rect, palette.alternateBase().color())
                    continue
                background, ink = scheme.heat(value)
                painter.fillRect(rect, background)
                if numbers:
                    painter.setPen(ink)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{value:.0f}")
        self._paint_legend(painter, scheme, label_w, top + n * cell + 6)

    def _paint_legend(self, painter: QPainter, scheme: Scheme, left: float, y: float) -> None:
        """A 0-100 % bar in the map's colours, under the map."""
        width = max(60.0, self.width() - left - 8)
        height = 8.0
        steps = 50
        for k in range(steps):
            background, _ = scheme.heat(100.0 * k / (steps - 1))
            painter.fillRect(QRectF(left + width * k / steps, y, width / steps + 0.5, height),
                             background)
        font = self.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(left, y + height, width, 14), Qt.AlignmentFlag.AlignLeft,
                         "0 %  different")
        painter.drawText(QRectF(left, y + height, width, 14), Qt.AlignmentFlag.AlignRight,
                         "alike  100 %")

    def _cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        label_w, top, cell = self._geometry()
        j = int((pos.x() - label_w) // cell)
        i = int((pos.y() - top) // cell)
        n = len(self._names)
        if 0 <= i < n and pos.y() >= top and (0 <= j < n and pos.x() >= label_w):
            return i, j
        if 0 <= i < n and pos.x() < label_w and pos.y() >= top:
            return i, -1
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._cell_at(event.position())
        if hit and hit[1] >= 0:
            i, j = hit
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{self._names[i]}\n{self._names[j]}\n"
                              f"{self._values[i][j]:.0f}% similar", self)
        elif hit:
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{hit[0] + 1}. {self._names[hit[0]]}", self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._cell_at(event.position())
        if hit:
            self.version_clicked.emit(hit[0])
