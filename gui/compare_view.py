"""The comparison view: one column per version, one row per aligned passage.

`CompareModel` exposes a `core.compare.Comparison` as a table (rows = alignment rows,
columns = versions); `CompareView` shows it in one `QTableView` (so scrolling is always
synchronised) with an overview strip of where the differences are. Row heights start as
cheap estimates and are refined in small timer-driven chunks, visible rows first.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)
from rapidfuzz import fuzz

from core.clean import Verdict
from core.compare import Comparison
from core.draft import Fate
from core.highlight import cell_spans
from gui.cell_delegate import (
    CELL_ROLE,
    CellContent,
    CellDelegate,
    HeightEstimator,
    Index,
    Scheme,
)
from gui.overview_strip import OverviewStrip

MIN_COLUMN_WIDTH = 170
MIN_ROW_HEIGHT = 24
REFINE_ROWS = 50
REFINE_SECONDS = 0.012
EAGER_ROWS = 2000
"""Up to this many rows every row gets its estimated height at once; beyond, the rows
start at one typical height and get their estimates in timer ticks too."""
SAMPLE_ROWS = 400

_RowFacts = tuple[tuple[int, ...], tuple[int, ...], bool]
"""Per row: each cell's length in characters, its extra lines, and whether all is dropped."""


class CompareModel(QAbstractTableModel):
    """A `Comparison` as a table: ``CELL_ROLE`` gives each cell's `CellContent`."""

    def __init__(self) -> None:
        super().__init__()
        self.comparison: Comparison | None = None
        self.scheme = Scheme.from_palette(QGuiApplication.palette())
        self._differs: list[bool] = []
        self._facts: list[_RowFacts | None] = []
        self._blocks: list[list[int]] = []
        self._verdicts: list[Sequence[Verdict]] = []
        self._row_of: tuple[dict[int, int], ...] = ()
        self.current_row = -1
        self.fates: Sequence[Fate | None] = ()
        """Per row, what the clean article does with it (`core.draft.Fate`)."""

    def set_current_row(self, row: int) -> None:
        """Which row number to draw bold in the row header."""
        old, self.current_row = self.current_row, row
        for changed in (old, row):
            if 0 <= changed < self.rowCount():
                self.headerDataChanged.emit(Qt.Orientation.Vertical, changed, changed)

    def set_comparison(self, comparison: Comparison | None,
                       fates: Sequence[Fate | None] = ()) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.current_row = -1
        self.fates = tuple(fates)
        self._row_of = ()
        self._differs, self._facts, self._blocks, self._verdicts = [], [], [], []
        if comparison is not None:
            rows = comparison.alignment.rows
            self._differs = [row.status != "same" or bool(row.moved) for row in rows]
            # the other per-row facts are worked out when first asked for: a huge
            # comparison has tens of thousands of rows, most never looked at closely
            self._facts = [None] * len(rows)
            self._blocks = [[len(b.text) for b in v.blocks] for v in comparison.versions]
            self._verdicts = [c.verdicts for c in comparison.cleaned]
        self.endResetModel()

    def _row_facts(self, row: int) -> _RowFacts:
        facts = self._facts[row]
        if facts is None:
            aligned = self._comparison().alignment.rows[row]
            blocks, verdicts = self._blocks, self._verdicts
            lengths = tuple(sum(blocks[v][b] + 1 for b in cell)
                            for v, cell in enumerate(aligned.cells))
            dropped = tuple(bool(cell) and all(not verdicts[v][b].keep for b in cell)
                            for v, cell in enumerate(aligned.cells))
            all_dropped = all(d for d, cell in zip(dropped, aligned.cells, strict=True) if cell)
            extras = tuple(int(d) + int(v in aligned.moved) + self._fate_lines(row, v, d)
                           for v, d in enumerate(dropped))
            facts = self._facts[row] = (lengths, extras, all_dropped)
        return facts

    def _fate(self, row: int) -> Fate | None:
        return self.fates[row] if row < len(self.fates) else None

    def _fate_lines(self, row: int, version: int, dropped: bool) -> int:
        """Lines the article's fate adds to a cell: a reason or a note."""
        fate = self._fate(row)
        if fate is None or not self._cell(row, version):
            return 0
        if not fate.in_article:
            return int(not dropped)
        return int(fate.version == version and fate.how != "kept")

    # --- facts the view asks for ---------------------------------------------------------
    def differs(self, row: int) -> bool:
        """True for a row whose status is not "same" or that has a move."""
        return self._differs[row]

    def differing_rows(self) -> list[int]:
        """The rows for which `differs` is true, in order."""
        return [r for r, differs in enumerate(self._differs) if differs]

    def all_dropped_rows(self) -> list[int]:
        """The rows for which `all_dropped` is true, in order (found from the dropped
        blocks, so a comparison with few of them is cheap however many rows it has)."""
        dropped = [[b for b, verdict in enumerate(verdicts) if not verdict.keep]
                   for verdicts in self._verdicts]
        if not any(dropped):
            return []
        if not self._row_of:
            self._row_of = self._comparison().alignment.row_of()
        candidates = {self._row_of[v].get(b, -1) for v, blocks in enumerate(dropped)
                      for b in blocks}
        return sorted(r for r in candidates if r >= 0 and self.all_dropped(r))

    def all_dropped(self, row: int) -> bool:
        """True when every block of every cell in ``row`` is left out."""
        return self._row_facts(row)[2]

    def length(self, row: int, version: int) -> int:
        """Characters in a cell's text (for height estimates)."""
        return self._row_facts(row)[0][version]

    def extras(self, row: int, version: int) -> int:
        """Small lines drawn with a cell's text: a moved badge, a drop reason."""
        return self._row_facts(row)[1][version]

    def cell_dropped(self, row: int, version: int) -> bool:
        cell = self._cell(row, version)
        verdicts = self._comparison().cleaned[version].verdicts
        return bool(cell) and all(not verdicts[b].keep for b in cell)

    def drop_reason(self, row: int, version: int) -> str | None:
        verdicts = self._comparison().cleaned[version].verdicts
        reasons = [verdicts[b].reason for b in self._cell(row, version) if not verdicts[b].keep]
        return "; ".join(dict.fromkeys(r or "dropped" for r in reasons)) or None

    def moved_note(self, row: int, version: int) -> str | None:
        """Where a moved cell sits in its own version, by the rows of its neighbours."""
        comparison = self._comparison()
        if version not in comparison.alignment.rows[row].moved:
            return None
        if not self._row_of:
            self._row_of = comparison.alignment.row_of()
        cell = self._cell(row, version)
        where = self._row_of[version]
        before = where.get(cell[0] - 1)
        if before is not None:
            return f"moved · in this version after row {before + 1}"
        after = where.get(cell[-1] + 1)
        if after is not None:
            return f"moved · in this version before row {after + 1}"
        return "moved"

    def row_text(self, row: int) -> str:
        comparison = self._comparison()
        return "\n".join(comparison.cell_text(row, v) for v in range(len(comparison.versions)))

    def _comparison(self) -> Comparison:
        assert self.comparison is not None
        return self.comparison

    def _cell(self, row: int, version: int) -> tuple[int, ...]:
        return self._comparison().alignment.rows[row].cells[version]

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.comparison is None:
            return 0
        return len(self.comparison.alignment.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.comparison is None:
            return 0
        return len(self.comparison.versions)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.comparison is None:
            return None
        row, version = index.row(), index.column()
        if role == CELL_ROLE:
            if not self._cell(row, version):
                return CellContent((), gap=True)
            dropped = self.cell_dropped(row, version)
            reason = self.drop_reason(row, version) if dropped else None
            fate = self._fate(row)
            chosen = fate is not None and fate.in_article and fate.version == version
            if fate is not None and not fate.in_article:  # as the Left-out list says
                dropped, reason = True, fate.reason if fate.how != "left out" or not dropped \
                    else reason
            elif chosen:
                dropped, reason = False, None
            return CellContent(
                tuple(cell_spans(self.comparison, row, version)),
                dropped=dropped,
                reason=reason,
                badge=self.moved_note(row, version),
                note=fate.how if chosen and fate.how != "kept" else None,
                in_article=chosen,
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self.comparison.cell_text(row, version)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, version)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        comparison = self.comparison
        if comparison is None:
            return None
        if orientation is Qt.Orientation.Horizontal:
            version = comparison.versions[section]
            base = section == comparison.base
            if role == Qt.ItemDataRole.DisplayRole:
                return f"★ {version.name}  (base)" if base else version.name
            if role == Qt.ItemDataRole.FontRole and base:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{version.path}\n{version.format.value}, {len(version.blocks)} blocks, "
                        f"{version.word_count:,} words" + ("\nthe base version" if base else ""))
            return None
        row = comparison.alignment.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role == Qt.ItemDataRole.FontRole and section == self.current_row:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._differs[section]:
            return (self.scheme.tint_changed if row.status == "changed" or row.moved
                    else self.scheme.tint_partial)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._row_summary(section)
        return None

    # --- tooltips ------------------------------------------------------------------------
    def _row_summary(self, row: int) -> str:
        comparison = self._comparison()
        aligned = comparison.alignment.rows[row]
        names = [v.name for v in comparison.versions]
        lines = [f"Row {row + 1}: {aligned.status}"]
        if aligned.moved:
            lines.append("Moved in: " + ", ".join(names[v] for v in sorted(aligned.moved)))
        verdict = comparison.consensus.rows[row]
        if verdict.keep:
            chosen = names[verdict.chosen] if verdict.chosen is not None else "—"
            lines.append(f"Clean article: kept, wording of {chosen}"
                         + (" (your choice)" if verdict.by_user else ""))
        else:
            lines.append(f"Clean article: left out ({verdict.reason or 'dropped'})")
        if verdict.support:
            lines.append("Supported by: " + ", ".join(names[v] for v in verdict.support))
        return "\n".join(lines)

    def tooltip(self, row: int, version: int) -> str:
        comparison = self._comparison()
        name = comparison.versions[version].name
        lines = [self._row_summary(row), ""]
        if not self._cell(row, version):
            lines.append(f"{name} has no passage here.")
            return "\n".join(lines)
        reference = comparison.references[row]
        if reference is not None and reference != version:
            score = fuzz.ratio(comparison.cell_text(row, reference),
                               comparison.cell_text(row, version))
            lines.append(f"{name}: {score:.0f}% similar to "
                         f"{comparison.versions[reference].name}")
        elif reference == version:
            lines.append(f"{name}: the reference text of this row")
        note = self.moved_note(row, version)
        if note:
            lines.append(note)
        if self.cell_dropped(row, version):
            lines.append(f"Left out of {name}: {self.drop_reason(row, version)}")
        return "\n".join(lines)


class _Table(QTableView):
    """The table, telling its owner when its viewport changes size."""

    viewport_resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.viewport_resized.emit()


class CompareView(QWidget):
    """Versions side by side, aligned row by row, with differences marked."""

    current_row_changed = Signal(int)
    wording_chosen = Signal(int, int)
    block_keep_requested = Signal(int, int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CompareModel()
        self.delegate = CellDelegate(self)
        self.table = _Table(self)
        table = self.table
        table.setModel(self.model)
        table.setItemDelegate(self.delegate)
        # the current row is drawn by the delegate: a style's selection fill would hide
        # the word highlights
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        table.setWordWrap(True)
        table.setCornerButtonEnabled(False)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(MIN_ROW_HEIGHT)
        rows.setMinimumSectionSize(0)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setMinimumSectionSize(120)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        columns.sectionResized.connect(self._column_resized)

        self.strip = OverviewStrip(rows, table.verticalScrollBar(), self)
        self.strip.row_clicked.connect(self.set_current_row)
        self.strip.fraction_clicked.connect(self._scroll_to_fraction)
        table.verticalScrollBar().valueChanged.connect(self.strip.update)
        table.verticalScrollBar().rangeChanged.connect(self.strip.update)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.viewport_resized.connect(self._viewport_resized)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(table, 1)
        layout.addWidget(self.strip)

        self._show_dropped = True
        self._hidden: set[int] = set()
        self._fitting = False
        self._widths: tuple[int, ...] = ()
        self._exact: set[int] = set()
        self._pending: deque[int] = deque()
        self._estimating: deque[int] = deque()
        self._heights: dict[tuple[int, int, int], int] = {}
        self._refine_timer = QTimer(self)
        self._refine_timer.setInterval(0)
        self._refine_timer.timeout.connect(self._refine_step)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self._resize_settled)
        self._reset_looks()

    # --- public API ----------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None,
                       fates: Sequence[Fate | None] = ()) -> None:
        """Show ``comparison`` (None clears the view); ``fates`` as for `set_fates`."""
        self._refine_timer.stop()
        self._heights.clear()
        self._widths = ()
        self.delegate.current_row = -1
        self.delegate.cache.clear()
        self.model.set_comparison(comparison, fates)
        # a model reset may keep rows hidden (Qt keeps the sections it can): ask the header
        self._hidden = set()
        if self.table.verticalHeader().hiddenSectionCount():
            self._hidden = {r for r in range(self.model.rowCount())
                            if self.table.isRowHidden(r)}
        marks: list[tuple[int, str]] = []
        if comparison is not None:
            rows = comparison.alignment.rows
            marks = [(r, "moved" if rows[r].moved else str(rows[r].status))
                     for r in self.model.differing_rows()]
        self.strip.set_marks(marks)
        self._apply_hidden()
        self._fit_columns()
        self._relayout(fresh=True)
        self.current_row_changed.emit(-1)

    def comparison(self) -> Comparison | None:
        return self.model.comparison

    def set_fates(self, fates: Sequence[Fate | None]) -> None:
        """Mark what the clean article does with each row; rows whose mark changed are
        drawn and laid out again."""
        model = self.model
        old = model.fates
        if tuple(old) == tuple(fates):
            return
        model.fates = tuple(fates)
        count = model.rowCount()
        self.delegate.cache.clear()
        if not old:  # a new comparison's marks: lay every row out again
            model._facts = [None] * count
            self._heights.clear()
            self._relayout()
            self.table.viewport().update()
            return
        changed = [r for r in range(min(count, max(len(old), len(fates))))
                   if (old[r] if r < len(old) else None) != (fates[r] if r < len(fates)
                                                              else None)]
        if not changed:
            return
        again = set(changed)
        for row in changed:
            model._facts[row] = None
            self._exact.discard(row)
        self._heights = {k: h for k, h in self._heights.items() if k[0] not in again}
        self._pending.extendleft(reversed(changed))
        model.dataChanged.emit(model.index(changed[0], 0),
                               model.index(changed[-1], model.columnCount() - 1))
        if not self._estimating:
            self._refine_timer.start()

    def set_show_dropped(self, show: bool) -> None:
        """Show left-out blocks dimmed and struck through, or hide rows left out in full."""
        if show != self._show_dropped:
            self._show_dropped = show
            self._apply_hidden()
            self._relayout()

    def show_dropped(self) -> bool:
        return self._show_dropped

    def is_row_hidden(self, row: int) -> bool:
        return self.table.isRowHidden(row)

    def set_font_point_size(self, size: int) -> None:
        """Text size of the cells, in points (clamped to 6-48)."""
        font = QFont(self.table.font())
        font.setPointSize(max(6, min(48, size)))
        self.table.setFont(font)
        self._reset_looks()
        self._heights.clear()
        self._relayout()

    def font_point_size(self) -> int:
        return self.table.font().pointSize()

    def zoom(self, delta: int) -> None:
        """Make the text ``delta`` points larger (negative: smaller)."""
        self.set_font_point_size(self.font_point_size() + delta)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        """Select ``row``, scroll it into view and highlight it."""
        if not 0 <= row < self.model.rowCount():
            return
        column = max(0, self.table.currentIndex().column())
        self.table.setCurrentIndex(self.model.index(row, column))
        self._scroll_to_row(row)

    def next_difference(self) -> bool:
        """Move to the next changed, partial or moved row; False when there is none."""
        return self._step(1)

    def previous_difference(self) -> bool:
        """Move to the previous changed, partial or moved row; False when there is none."""
        return self._step(-1)

    def find(self, text: str, *, backwards: bool = False) -> bool:
        """Move to the next row (after the current one, wrapping) containing ``text``."""
        needle = text.casefold()
        count = self.model.rowCount()
        if not needle or count == 0:
            return False
        current = self.current_row()
        if backwards:
            start = current - 1 if current >= 0 else count - 1
            order = [(start - i) % count for i in range(count)]
        else:
            order = [(current + 1 + i) % count for i in range(count)]
        for row in order:
            if not self.table.isRowHidden(row) and needle in self.model.row_text(row).casefold():
                self.set_current_row(row)
                return True
        return False

    def layout_pending(self) -> bool:
        """True while row heights are still being refined in the background."""
        return self._refine_timer.isActive() or self._resize_timer.isActive()

    def context_menu(self, row: int, version: int) -> QMenu | None:
        """The actions for one cell: choose its wording, keep or leave out its blocks."""
        comparison = self.model.comparison
        if comparison is None or not (0 <= row < self.model.rowCount()):
            return None
        cell = comparison.alignment.rows[row].cells[version]
        if not cell:
            return None
        menu = QMenu(self)
        choose = menu.addAction("Use this version's wording in the clean article")
        verdict = comparison.consensus.rows[row]
        choose.setCheckable(True)
        choose.setChecked(verdict.keep and verdict.chosen == version)
        choose.triggered.connect(lambda *_: self.wording_chosen.emit(row, version))
        verdicts = comparison.cleaned[version].verdicts
        dropped = [b for b in cell if not verdicts[b].keep]
        kept = [b for b in cell if verdicts[b].keep]
        if dropped:
            keep = menu.addAction("Keep this passage in the clean article")
            keep.triggered.connect(lambda *_: self._request(version, dropped, True))
        if kept:
            leave = menu.addAction("Leave this passage out")
            leave.triggered.connect(lambda *_: self._request(version, kept, False))
        menu.addSeparator()
        copy = menu.addAction("Copy text")
        text = comparison.cell_text(row, version)
        copy.triggered.connect(lambda *_: QGuiApplication.clipboard().setText(text))
        return menu

    # --- internals -----------------------------------------------------------------------
    def _request(self, version: int, blocks: list[int], keep: bool) -> None:
        for block in blocks:
            self.block_keep_requested.emit(version, block, keep)

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.set_current_row(index.row())
        menu = self.context_menu(index.row(), index.column())
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _step(self, direction: int) -> bool:
        count = self.model.rowCount()
        current = self.current_row()
        start = (0 if direction > 0 else count - 1) if current < 0 else current + direction
        stop = count if direction > 0 else -1
        for row in range(start, stop, direction):
            if self.model.differs(row) and not self.table.isRowHidden(row):
                self.set_current_row(row)
                return True
        return False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else -1
        if row != (previous.row() if previous.isValid() else -1):
            self.delegate.current_row = row
            self.model.set_current_row(row)
            self.table.viewport().update()
            self.strip.update()
            self.current_row_changed.emit(row)

    def _scroll_to_row(self, row: int) -> None:
        header = self.table.verticalHeader()
        self._refine_rows([row])
        top, height = header.sectionPosition(row), header.sectionSize(row)
        page = self.table.viewport().height()
        margin = 0 if height >= page else (page - height) // 3
        self.table.verticalScrollBar().setValue(max(0, top - margin))

    def _scroll_to_fraction(self, fraction: float) -> None:
        bar = self.table.verticalScrollBar()
        length = self.table.verticalHeader().length()
        bar.setValue(int(fraction * length - bar.pageStep() / 2))

    def _apply_hidden(self) -> None:
        table = self.table
        wanted = set() if self._show_dropped else set(self.model.all_dropped_rows())
        for row in sorted(self._hidden ^ wanted):
            if table.isRowHidden(row) != (row in wanted):
                table.setRowHidden(row, row in wanted)
        self._hidden = wanted
        self.strip.update()

    def _reset_looks(self) -> None:
        palette = self.palette()
        self.delegate.reset(self.table.font(), palette)
        self.model.scheme = self.delegate.scheme
        self.strip.scheme = self.delegate.scheme
        self._estimator = HeightEstimator(self.table.font())
        self.table.viewport().update()
        self.table.verticalHeader().viewport().update()
        self.strip.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._reset_looks()
            if event.type() == QEvent.Type.FontChange:
                self._heights.clear()
                self._relayout()

    def _viewport_resized(self) -> None:
        self._resize_timer.start()
        self._sync_strip()

    def _resize_settled(self) -> None:
        self._fit_columns()
        self._relayout()

    def _column_resized(self, *_: int) -> None:
        if not self._fitting:
            self._resize_timer.start()

    def _fit_columns(self) -> None:
        """Share the width among the columns, none narrower than MIN_COLUMN_WIDTH."""
        count = self.model.columnCount()
        if count == 0:
            return
        width = max(MIN_COLUMN_WIDTH, self.table.viewport().width() // count)
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column in range(count):
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _sync_strip(self) -> None:
        self.strip.top_margin = self.table.horizontalHeader().height() + self.table.frameWidth()
        bar = self.table.horizontalScrollBar()
        below = bar.height() if bar.isVisible() else 0
        self.strip.bottom_margin = below + self.table.frameWidth()
        self.strip.update()

    def _column_widths(self) -> tuple[int, ...]:
        header = self.table.horizontalHeader()
        return tuple(header.sectionSize(c) for c in range(self.model.columnCount()))

    def _relayout(self, *, fresh: bool = False) -> None:
        """Estimated heights for the rows; exact ones follow in timer ticks.

        Up to `EAGER_ROWS` rows all are estimated now. Beyond, ``fresh`` rows (a new
        comparison) start at a typical height and every row is estimated in timer ticks
        before the exact pass, so a huge comparison never stalls the window in one go.
        """
        self._widths = self._column_widths()
        self._exact.clear()
        count = self.model.rowCount()
        header = self.table.verticalHeader()
        self._estimating = deque()
        if count <= EAGER_ROWS:
            if header.defaultSectionSize() != MIN_ROW_HEIGHT:
                header.setDefaultSectionSize(MIN_ROW_HEIGHT)
            for row in range(count):
                if header.isSectionHidden(row):
                    continue
                height = self._estimate(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
        else:
            if fresh:
                step = max(1, count // SAMPLE_ROWS)
                sample = [self._estimate(row) for row in range(0, count, step)]
                header.setDefaultSectionSize(max(MIN_ROW_HEIGHT, sum(sample) // len(sample)))
            self._estimating = deque(range(count))
        self._pending = deque(range(count))
        if count:
            self._refine_timer.start()
        self._sync_strip()

    def _estimate(self, row: int) -> int:
        """A row's height guessed from its cells' lengths (see `HeightEstimator`)."""
        estimate = self._estimator.height
        model = self.model
        height = MIN_ROW_HEIGHT
        for column, width in enumerate(self._widths):
            length = model.length(row, column)
            if length:
                height = max(height, estimate(length, width, model.extras(row, column)))
        return height

    def _estimate_rows(self, deadline: float) -> None:
        """Estimated heights for queued rows until ``deadline``, keeping the view still."""
        table = self.table
        header = table.verticalHeader()
        anchor = self._scroll_anchor()
        queue = self._estimating
        exact = self._exact
        done = 0
        while queue:
            row = queue.popleft()
            if row in exact or header.isSectionHidden(row):
                continue
            height = self._estimate(row)
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)
            done += 1
            if done % 32 == 0 and time.perf_counter() > deadline:
                break
        self._restore_scroll_anchor(anchor)

    def _scroll_anchor(self) -> tuple[int, int]:
        """The top visible row and its position, so height changes above it don't jump."""
        row = self.table.rowAt(0)
        return row, self.table.rowViewportPosition(row) if row >= 0 else 0

    def _restore_scroll_anchor(self, anchor: tuple[int, int]) -> None:
        row, offset = anchor
        if row >= 0:
            shift = self.table.rowViewportPosition(row) - offset
            if shift:
                bar = self.table.verticalScrollBar()
                bar.setValue(bar.value() + shift)

    def _visible_rows(self) -> list[int]:
        table = self.table
        first = table.rowAt(0)
        if first < 0:
            return []
        last = table.rowAt(table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        header = table.verticalHeader()
        # hidden rows are never laid out: counting them would keep the timer spinning
        return [r for r in range(first, last + 1)
                if r not in self._exact and not header.isSectionHidden(r)]

    def _refine_step(self) -> None:
        """Lay out a chunk of rows (visible ones first), keeping the view still."""
        deadline = time.perf_counter() + REFINE_SECONDS
        batch = self._visible_rows()[:REFINE_ROWS]
        if self._estimating:
            if batch:
                self._refine_rows(batch, deadline)
            self._estimate_rows(deadline)
            if not self._estimating:
                self.strip.update()
            return
        header = self.table.verticalHeader()
        while len(batch) < REFINE_ROWS and self._pending:
            row = self._pending.popleft()
            if row not in self._exact and not header.isSectionHidden(row):
                batch.append(row)
        if not batch:
            self._refine_timer.stop()
            self.strip.update()
            return
        self._refine_rows(batch, deadline)

    def _refine_rows(self, rows: list[int], deadline: float | None = None) -> None:
        table = self.table
        header = table.verticalHeader()
        anchor = self._scroll_anchor()
        widths = self._widths or self._column_widths()
        measured = 0
        for i, row in enumerate(rows):
            if deadline is not None and time.perf_counter() > deadline:
                self._pending.extendleft(reversed(rows[i:]))
                break
            if row in self._exact or header.isSectionHidden(row):
                continue
            height = MIN_ROW_HEIGHT
            for column, width in enumerate(widths):
                key = (row, column, width)
                cell = self._heights.get(key)
                if cell is None:
                    # with many versions a row is many cells: stop between cells, not only
                    # between rows (the cells measured stay cached for the next tick)
                    if deadline is not None and measured and time.perf_counter() > deadline:
                        break
                    cell = self._heights[key] = self.delegate.cell_height(
                        self.model.index(row, column), width)
                    measured += 1
                height = max(height, cell)
            else:
                self._exact.add(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                continue
            self._pending.extendleft(reversed(rows[i:]))
            break
        self._restore_scroll_anchor(anchor)
