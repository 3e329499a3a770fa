"""The versions panel: a table model over the loaded versions, and its view."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from core.model import Version

_ROW_MIME = "application/x-article-compare-row"
Index = QModelIndex | QPersistentModelIndex


_ids = itertools.count(1)


@dataclass
class Entry:
    """A loaded version and whether it takes part in the comparison.

    ``uid`` names the entry for as long as it is loaded, whatever its position.
    """

    version: Version
    included: bool = True
    similarity: float | None = None
    uid: int = field(default_factory=lambda: next(_ids))
    words: int | None = None
    """The version's word count, once known (counted off the UI thread when loaded)."""


class VersionsModel(QAbstractTableModel):
    """Columns: name, format, words, similarity to the base. Check state = included.

    The model owns the list of entries and the base; ``changed`` fires whenever what is
    compared changes (a version added, removed, moved, in- or excluded, a new base).
    """

    changed = Signal()
    HEADERS = ("Version", "Format", "Words", "Similarity")

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.base = 0

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.version.name + ("  (base)" if index.row() == self.base else "")
            if column == 1:
                return entry.version.format.value
            if column == 2:
                if entry.words is None:
                    entry.words = entry.version.word_count
                return f"{entry.words:,}"
            if column == 3:
                if index.row() == self.base:
                    return "base"
                return "—" if entry.similarity is None else f"{entry.similarity:.0f}%"
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if entry.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and index.row() == self.base and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            v = entry.version
            parts = [v.path, f"{v.format.value}, {v.encoding}, {len(v.blocks)} blocks"]
            if v.metadata.title:
                parts.append(f"Title: {v.metadata.title}")
            return "\n".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_included(index.row(), checked)
            return True
        return False

    # --- changing ------------------------------------------------------------------------
    def add(self, versions: list[Version], words: Sequence[int] = ()) -> None:
        """Add ``versions``; ``words``, if given, their word counts."""
        if not versions:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(versions) - 1)
        counts = list(words) if len(words) == len(versions) else [None] * len(versions)
        self.entries.extend(Entry(v, words=n) for v, n in zip(versions, counts, strict=True))
        self.endInsertRows()
        self.changed.emit()

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.entries[row]
        self.endRemoveRows()
        if row < self.base or self.base >= len(self.entries):
            self.base = max(0, self.base - 1)
        if self.entries:  # the base always takes part, also when it is a new one
            self.entries[self.base].included = True
        self._refresh()
        self.changed.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.entries.clear()
        self.base = 0
        self.endResetModel()
        self.changed.emit()

    def set_base(self, row: int) -> None:
        if 0 <= row < len(self.entries) and row != self.base:
            self.base = row
            self.entries[row].included = True
            self._refresh()
            self.changed.emit()

    def set_included(self, row: int, included: bool) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.included == included or (row == self.base and not included):
            return
        entry.included = included
        self._refresh()
        self.changed.emit()

    def move(self, source: int, target: int) -> None:
        """Move the version at ``source`` so that it sits before row ``target``."""
        count = len(self.entries)
        if not (0 <= source < count and 0 <= target <= count):
            return
        if source == target or source + 1 == target:
            return
        if not self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target):
            return
        base_entry = self.entries[self.base]
        entry = self.entries.pop(source)
        self.entries.insert(target - 1 if target > source else target, entry)
        self.base = self.entries.index(base_entry)
        self.endMoveRows()
        self._refresh()
        self.changed.emit()

    def set_similarities(self, values: dict[int, float]) -> None:
        """Similarity to the base, keyed by row; shown in the last column."""
        for row, entry in enumerate(self.entries):
            entry.similarity = values.get(row)
        if self.entries:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.entries) - 1, 3))

    def included_rows(self) -> list[int]:
        return [row for row, entry in enumerate(self.entries) if entry.included]

    def _refresh(self) -> None:
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 3))

    # --- reordering by drag --------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_ROW_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        if indexes:
            data.setData(_ROW_MIME, QByteArray(str(indexes[0].row()).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,
                     column: int, parent: Index) -> bool:
        if not data.hasFormat(_ROW_MIME):
            return False
        source = int(bytes(data.data(_ROW_MIME).data()).decode())
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.entries))
        self.move(source, target)
        return False  # the move is done; Qt must not remove the source row itself


class VersionsView(QTableView):
    """The table of versions; rows reorder by dragging."""

    base_requested = Signal(int)

    def __init__(self, model: VersionsModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.doubleClicked.connect(lambda index: self.base_requested.emit(index.row()))

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1
