"""Cues for differences scrolled out of sight sideways.

With many versions only a few columns fit beside the frozen base column; a row whose
differing copies are all scrolled off looks the same as its neighbours. Like the arrows
Beyond Compare and WinMerge put beside an off-screen difference, each such row gets a small
label at the edge its differences lie beyond ("differs in 3 versions →"); clicking it
scrolls sideways to the first of them (F7 does the same for the next differing row).
The labels are drawn by a transparent widget over the table's viewport; clicks on them
are caught by an event filter on the viewport, so every other click reaches the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView, QToolTip, QWidget

from gui.cell_delegate import PAD_Y, small_font
from gui.colours import Scheme, mix

MIN_SHOWN = 1 / 3
"""A column counts as in sight when at least this share of its width is."""


class Hint(NamedTuple):
    row: int
    column: int  # the first differing column beyond the edge
    rect: QRect  # in viewport coordinates
    text: str
    kind: str  # the row's kind ("changed", "partial", "moved"): the label's colour


def differing_columns(model, row: int, columns: list[int]) -> tuple[list[int], str]:
    """The columns of ``row`` (other than the base, ``columns[0]``) whose cell shows a
    difference, and what they show: "text" (wording that differs, or the passage where
    the base lacks it) or "gap" (the passage missing)."""
    comparison = model.comparison
    cells = comparison.alignment.rows[row].cells
    others = columns[1:]
    base_gap = not cells[columns[0]]
    texts = [c for c in others if cells[c] and (base_gap or model.cell_differs(row, c))]
    if texts:
        return texts, "text"
    return [c for c in others if not cells[c]], "gap"


def hint_text(count: int, what: str, base_gap: bool, arrow: str) -> str:
    """ "differs in 3 versions →", "in 2 versions →", "missing in 1 version →"."""
    versions = f"{count} version{'s' if count != 1 else ''}"
    if what == "gap":
        words = f"missing in {versions}"
    elif base_gap:
        words = f"in {versions}"
    else:
        words = f"differs in {versions}"
    return f"{words} {arrow}" if arrow == "\u2192" else f"{arrow} {words}"


class OffscreenHints(QWidget):
    """Draws the cues over ``table``'s viewport and scrolls to a cue's cell on a click."""

    def __init__(self, table: QTableView, *, base_width: Callable[[], int],
                 columns: Callable[[], list[int]], go_to: Callable[[int, int], None],
                 scheme: Callable[[], Scheme]) -> None:
        super().__init__(table)
        self._table = table
        self._base_width = base_width
        self._columns = columns
        self._go_to = go_to
        self._scheme = scheme
        self.setObjectName("offscreen-difference-hints")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        table.viewport().installEventFilter(self)
        for bar in (table.horizontalScrollBar(), table.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
        table.horizontalHeader().sectionResized.connect(self.update)
        # not the rows' sectionResized: a relayout resizes thousands of rows, a Python
        # call each; the scroll range changes with them once per layout pass
        table.verticalScrollBar().rangeChanged.connect(self.update)
        self.raise_()

    def follow_viewport(self) -> None:
        """Lie exactly over the viewport (after the table's geometry changed)."""
        self.setGeometry(self._table.viewport().geometry())
        self.raise_()

    def hints(self) -> list[Hint]:
        """The cues for the rows in sight."""
        table = self._table
        model = table.model()
        if model is None or getattr(model, "comparison", None) is None:
            return []
        columns = self._columns()
        covered = self._base_width()
        if len(columns) < 2 or not covered:
            return []  # every column fits: nothing is out of sight
        view = table.viewport()
        header = table.horizontalHeader()
        font = small_font(table.font())
        metrics = QFontMetricsF(font)
        height = int(metrics.height() + 0.999) + 4
        first = table.rowAt(0)
        if first < 0:
            return []
        last = table.rowAt(view.height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        out: list[Hint] = []
        for row in range(first, last + 1):
            if table.isRowHidden(row) or row in model.folds or not model.differs(row):
                continue
            differing, what = differing_columns(model, row, columns)
            if not differing:
                continue
            left_of, right_of, in_sight = [], [], False
            for column in differing:
                left = header.sectionViewportPosition(column)
                width = header.sectionSize(column)
                shown = min(left + width, view.width()) - max(left, covered)
                if shown >= width * MIN_SHOWN:
                    in_sight = True
                    break
                (left_of if left < covered else right_of).append(column)
            if in_sight:
                continue
            right = bool(right_of)
            targets = right_of if right else left_of
            base_gap = not model.comparison.alignment.rows[row].cells[columns[0]]
            text = hint_text(len(differing), what, base_gap, "\u2192" if right else "\u2190")
            width = int(metrics.horizontalAdvance(text) + 0.999) + 12
            top = table.rowViewportPosition(row) + PAD_Y - 2
            x = view.width() - width - 4 if right else covered + 4
            out.append(Hint(row, targets[0] if right else targets[-1],
                            QRect(x, top, width, height), text, model.row_kind(row)))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        hints = self.hints()
        if not hints:
            return
        scheme = self._scheme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(small_font(self._table.font()))
        for hint in hints:
            colour = scheme.status_colour(hint.kind)
            painter.setPen(colour)
            painter.setBrush(mix(scheme.base, colour, 0.18))
            painter.drawRoundedRect(QRectF(hint.rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            painter.setPen(scheme.text)
            painter.drawText(hint.rect, int(Qt.AlignmentFlag.AlignCenter), hint.text)
        painter.end()

    def hint_at(self, x: int, y: int) -> Hint | None:
        return next((h for h in self.hints() if h.rect.contains(x, y)), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Move):
            self.follow_viewport()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            hint = self.hint_at(point.x(), point.y())
            if hint is not None:
                self._go_to(hint.row, hint.column)
                return True
        elif kind == QEvent.Type.ToolTip:
            point = event.pos()
            hint = self.hint_at(point.x(), point.y())
            if hint is not None:
                QToolTip.showText(event.globalPos(), "Click to scroll to it (F7 goes to "
                                  "the next difference and scrolls to it).", self._table)
                return True
        return super().eventFilter(watched, event)
