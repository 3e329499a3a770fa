"""A heat map of how similar every pair of versions is (0-100), painted with QPainter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget


def heat_color(value: float, *, dark: bool, low: float = 0.0) -> QColor:
    """Cool for different, warm for alike; readable on either palette.

    ``low`` is the smallest value shown, so that versions that are all fairly alike
    (87 to 99, say) still get colours far enough apart to tell.
    """
    span = max(100.0 - low, 1.0)
    t = max(0.0, min(1.0, (value - low) / span))
    hue = int(220 - 190 * t)  # blue (different) -> orange (alike)
    sat = int(90 + 140 * t)
    val = int(110 + 100 * t) if dark else int(250 - 40 * t)
    return QColor.fromHsv(hue, min(sat, 255), min(val, 255))


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
        label = min(90.0, self.width() * 0.35)
        cell = max(4.0, min((self.width() - label - 4) / n, (self.height() - 16) / n))
        return label, 14.0, cell

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = palette.window().color().lightness() < 128
        if not self._names:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Similarity of versions\nappears here")
            return
        label_w, top, cell = self._geometry()
        font = painter.font()
        font.setPointSizeF(max(6.5, min(9.0, cell / 3.2)))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        n = len(self._names)
        others = [v for i, row in enumerate(self._values) for j, v in enumerate(row) if i != j]
        low = max(0.0, min(others) - 5.0) if others else 0.0
        for i in range(n):
            name = metrics.elidedText(f"{i + 1}. {self._names[i]}", Qt.TextElideMode.ElideRight,
                                      int(label_w - 6))
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(0, top + i * cell, label_w - 4, cell),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, name)
            painter.drawText(QRectF(label_w + i * cell, 0, cell, top),
                             Qt.AlignmentFlag.AlignCenter, str(i + 1))
            for j in range(n):
                value = self._values[i][j] if i < len(self._values) else 0.0
                rect = QRectF(label_w + j * cell, top + i * cell, cell - 1, cell - 1)
                color = (palette.alternateBase().color() if i == j
                         else heat_color(value, dark=dark, low=low))
                painter.fillRect(rect, color)
                if cell >= 22:
                    painter.setPen(QColor("#111") if not dark else QColor("#f4f4f4"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{value:.0f}")

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
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self._cell_at(event.position())
        if hit:
            self.version_clicked.emit(hit[0])
