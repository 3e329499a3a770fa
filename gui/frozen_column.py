"""The base column kept in view while the other columns scroll sideways.

A second `QTableView` over the same model, selection model and delegate lies on top of
the comparison table's first visual column (as in Qt's "frozen column" example). It is
shown only while the columns do not all fit; row heights, hidden rows and the vertical
scroll position are mirrored from the table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView


class FrozenColumn(QTableView):
    """Shows one column of ``table`` at its left edge, above the scrolling ones."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self.column = 0
        self.setObjectName("frozen-base-column")
        self.setAccessibleName("Base version (kept in view)")
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setItemDelegate(table.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(0)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultAlignment(table.horizontalHeader().defaultAlignment())
        columns.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setStyleSheet("QTableView#frozen-base-column { border-right: 2px solid "
                           "palette(mid); }")
        table.viewport().stackUnder(self)
        self._rows_synced = False  # row heights are followed only while shown (see attach)
        table.horizontalHeader().sectionResized.connect(self._column_resized)
        # synced only while shown: a hidden column's shorter scroll range would clamp the
        # table's scroll position through the echo
        self.verticalScrollBar().valueChanged.connect(self._scrolled_here)
        table.verticalScrollBar().valueChanged.connect(self._table_scrolled)
        self.hide()

    @property
    def active(self) -> bool:
        return not self.isHidden()

    def attach(self, column: int) -> None:
        """Show ``column`` frozen, copying every row's height and visibility."""
        table = self._table
        self.column = column
        count = table.model().columnCount()
        for c in range(count):
            if self.isColumnHidden(c) != (c != column):
                self.setColumnHidden(c, c != column)
        source, mine = table.verticalHeader(), self.verticalHeader()
        mine.setDefaultSectionSize(source.defaultSectionSize())
        for row in range(table.model().rowCount()):
            hidden = source.isSectionHidden(row)
            if mine.isSectionHidden(row) != hidden:
                mine.setSectionHidden(row, hidden)
            size = source.sectionSize(row) if not hidden else 0
            if not hidden and mine.sectionSize(row) != size:
                mine.resizeSection(row, size)
        if not self._rows_synced:
            source.sectionResized.connect(self._row_resized)
            self._rows_synced = True
        self.setColumnWidth(column, table.columnWidth(column))
        self.show()
        self.update_geometry()
        self.verticalScrollBar().setValue(table.verticalScrollBar().value())

    def _scrolled_here(self, value: int) -> None:
        if self.active:
            self._table.verticalScrollBar().setValue(value)

    def _table_scrolled(self, value: int) -> None:
        if self.active:
            self.verticalScrollBar().setValue(value)

    def detach(self) -> None:
        """Hide the column and stop following row heights: a hidden column needs none, and
        a huge comparison resizes every row at once (a Python call per row for nothing);
        `attach` copies them all again."""
        self.hide()
        if self._rows_synced:
            self._table.verticalHeader().sectionResized.disconnect(self._row_resized)
            self._rows_synced = False

    def set_row_hidden(self, row: int, hidden: bool) -> None:
        if self.active and self.isRowHidden(row) != hidden:
            self.setRowHidden(row, hidden)

    def update_geometry(self) -> None:
        table = self._table
        model = table.model()
        if not self.active or model is None or not 0 <= self.column < model.columnCount():
            return
        frame = table.frameWidth()
        self.setGeometry(table.verticalHeader().width() + frame, frame,
                         table.columnWidth(self.column),
                         table.viewport().height() + table.horizontalHeader().height())

    def width_covered(self) -> int:
        """How much of the table's viewport this column covers (0 when not shown)."""
        return self._table.columnWidth(self.column) if self.active else 0

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        if self.active and new > 0 and self.rowHeight(row) != new:
            self.setRowHeight(row, new)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        model = self.model()
        if self.active and model is not None and column == self.column < model.columnCount():
            self.setColumnWidth(column, new)
            self.update_geometry()
