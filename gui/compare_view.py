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
from core.colours import STATUS_NAMES
from core.compare import Comparison
from core.draft import Fate
from core.highlight import cell_spans, row_status
from core.trim import PREVIEW_LENGTH, is_preview, place, shown_length, trim_spans
from gui.cell_delegate import (
    CELL_ROLE,
    CellContent,
    CellDelegate,
    HeightEstimator,
    Index,
    Scheme,
)
from gui.compare_job import RowIndex
from gui.find_search import CellTexts, IncrementalFind
from gui.folding import fold_label, fold_runs, fold_tip
from gui.frozen_column import FrozenColumn
from gui.offscreen_hint import OffscreenHints
from gui.overview_strip import OverviewStrip
from gui.row_header import RowHeader

MIN_COLUMN_WIDTH = 170
READABLE_CHARS = 30
"""A column is never narrower than this many average characters (nor MIN_COLUMN_WIDTH)."""
MIN_ROW_HEIGHT = 24
REFINE_ROWS = 50
REFINE_SECONDS = 0.012
REFINE_PAUSE_SECONDS = 0.3
"""How long after the user's last keystroke in the clean article row refining waits."""
EAGER_ROWS = 500
"""Up to this many rows every row gets its estimated height at once; beyond, the rows
start at one typical height and get their estimates in timer ticks too."""
EAGER_SECONDS = 0.04
"""The most the at-once estimates take: a trimmed cell's estimate needs its marks (about
half a millisecond), and 500 rows of 13 differing cells took 3.3 s; the rows left over get
theirs in timer ticks."""
SAMPLE_ROWS = 100
"""Rows, evenly spaced, whose estimates give a huge comparison's typical height: the mean
of 100 is within a few pixels of the mean of all, and each estimate costs the UI thread
about 70 µs."""

Anchor = tuple[tuple[tuple[str, int], ...], int]
"""A row named by its passages (version path, block) and a pixel offset: survives recomputes."""

_RowFacts = tuple[tuple[int, ...], tuple[int, ...], bool]
"""Per row: each cell's length in characters, its extra lines, and whether all is dropped."""


class CompareModel(QAbstractTableModel):
    """A `Comparison` as a table: ``CELL_ROLE`` gives each cell's `CellContent`."""

    def __init__(self) -> None:
        super().__init__()
        self.comparison: Comparison | None = None
        self.scheme = Scheme.from_palette(QGuiApplication.palette())
        self._differs: list[bool] = []
        self._kinds: list[str] = []
        self.folds: dict[int, int] = {}  # fold row -> passages it stands for
        self.fold_left_out: dict[int, int] = {}  # fold row -> how many of them are left out
        self.finds: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self.current_find: tuple[int, int, int] | None = None  # row, version, start
        self._facts: list[_RowFacts | None] = []
        self._blocks: Sequence[Sequence[int]] = []
        self._verdicts: list[Sequence[Verdict]] = []
        self._row_of: tuple[dict[int, int], ...] = ()
        self._differing: Sequence[tuple[int, str]] | None = None  # (row, kind) if known
        self.current_row = -1
        self.fates: Sequence[Fate | None] = ()
        """Per row, what the clean article does with it (`core.draft.Fate`)."""
        self.trim = False
        """Differing rows show only the words around their changes (see `trimmed`)."""
        self._trimmed_lengths: dict[tuple[int, int], int] = {}

    def trimmed(self, row: int) -> bool:
        """True when the row's cells show only the words around their changes: "Show
        Only Differences" trims every differing row but the current one (`core.trim`)."""
        return self.compact(row) and self._differs[row]

    def compact(self, row: int) -> bool:
        """True when the row is shown compact: every row shown with "Show Only
        Differences" but the current one and the fold rows. Differing cells are trimmed,
        cells with nothing marked (context passages, copies equal to the reference) are
        one-line previews; the current row opens whole."""
        return self.trim and row != self.current_row and row not in self.folds

    def set_current_row(self, row: int) -> None:
        """Which row number to draw bold in the row header."""
        old, self.current_row = self.current_row, row
        for changed in (old, row):
            if 0 <= changed < self.rowCount():
                self.headerDataChanged.emit(Qt.Orientation.Vertical, changed, changed)

    def set_comparison(self, comparison: Comparison | None,
                       fates: Sequence[Fate | None] = (),
                       kinds: Sequence[str] | None = None,
                       index: RowIndex | None = None) -> None:
        """``kinds``: each row's kind if already known (`gui.compare_job.row_kinds`);
        ``index`` the rows' look-ups if worked out off the UI thread (the same)."""
        self.beginResetModel()
        self.comparison = comparison
        self.current_row = -1
        self._trimmed_lengths = {}
        self.fates = tuple(fates)
        self._row_of, self._differing = (), None
        self._differs, self._facts, self._blocks, self._verdicts = [], [], [], []
        self._kinds, self.folds, self.finds, self.fold_left_out = [], {}, {}, {}
        self.current_find = None
        if comparison is not None:
            rows = comparison.alignment.rows
            self._kinds = list(kinds) if kinds is not None and len(kinds) == len(rows) else [
                "moved" if row.moved else row_status(comparison, r) for r, row in enumerate(rows)]
            self._differs = [kind != "same" for kind in self._kinds]
            # the other per-row facts are worked out when first asked for: a huge
            # comparison has tens of thousands of rows, most never looked at closely
            self._facts = [None] * len(rows)
            self._verdicts = [c.verdicts for c in comparison.cleaned]
            if index is not None and kinds is not None and len(kinds) == len(rows):
                self._row_of, self._blocks = index.row_of, index.block_lengths
                self._differing = index.marks
            else:
                self._blocks = [[len(b.text) for b in v.blocks] for v in comparison.versions]
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
        """True for a row with a mark, a gap or a move (see `core.highlight.row_status`)."""
        return self._differs[row]

    def differs_list(self) -> list[bool]:
        return self._differs

    def row_kinds(self) -> Sequence[str]:
        """`row_kind` of every row."""
        return self._kinds

    def row_kind(self, row: int) -> str:
        """"same", "changed", "partial" or "moved": the names the legend uses."""
        return self._kinds[row]

    def cell_differs(self, row: int, version: int) -> bool:
        """True when this cell shows a difference: a gap, a move or marked words."""
        comparison = self._comparison()
        aligned = comparison.alignment.rows[row]
        if not aligned.cells[version] or version in aligned.moved:
            return True
        if version == comparison.references[row]:
            return any(not d.is_equal for d in comparison.diffs[row].values())
        diff = comparison.diffs[row].get(version)
        return diff is not None and not diff.is_equal

    def gap_note(self, row: int, version: int) -> str | None:
        """For the base's gap: which versions have the passage instead ("in 2 of 13: …")."""
        comparison = self._comparison()
        if version != comparison.base:
            return None
        present = comparison.alignment.rows[row].present()
        names = [comparison.versions[v].name for v in present]
        shown = ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")
        return f"not in the base · in {len(names)} of {len(comparison.versions)}: {shown}"

    def left_out(self, row: int) -> bool:
        """True when the clean article leaves this row out (its fate, or the consensus
        when no fates are known)."""
        fate = self._fate(row)
        if fate is not None:
            return not fate.in_article
        return not self._comparison().consensus.rows[row].keep

    def set_folds(self, folds: dict[int, int], left_out: dict[int, int] | None = None
                  ) -> None:
        """Which rows stand for a fold (row -> how many passages), and how many of each
        fold's passages are left out of the clean article."""
        left_out = left_out or {}
        changed = set(folds) ^ set(self.folds) | {
            r for r in folds if self.folds.get(r) != folds[r]
            or self.fold_left_out.get(r, 0) != left_out.get(r, 0)}
        self.folds = dict(folds)
        self.fold_left_out = {r: n for r, n in left_out.items() if n}
        last = self.columnCount() - 1
        for row in sorted(changed):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def set_finds(self, finds: dict[tuple[int, int], tuple[tuple[int, int], ...]]) -> None:
        """Find matches to draw: (row, version) -> (start, end) pairs in the cell."""
        touched = set(finds) | set(self.finds)
        self.finds = finds
        self.current_find = None
        if touched:  # one signal for the stretch of rows touched, not one per cell
            rows = [row for row, _ in touched]
            self.dataChanged.emit(self.index(min(rows), 0),
                                  self.index(max(rows), self.columnCount() - 1))

    def add_finds(self, finds: dict[tuple[int, int], tuple[tuple[int, int], ...]]) -> None:
        """More find matches to draw (a search found them after the first ones). No
        signal: the view repaints what of them is in sight (one signal per slice of a
        search would repaint the whole view each time)."""
        if not finds:
            return
        for key, spans in finds.items():
            self.finds[key] = self.finds.get(key, ()) + spans

    def set_current_find(self, match: tuple[int, int, int] | None) -> list[tuple[int, int]]:
        """The match drawn as the current one; returns the cells whose drawing changed."""
        cells = [(m[0], m[1]) for m in (self.current_find, match) if m is not None]
        self.current_find = match
        for row, version in cells:
            index = self.index(row, version)
            self.dataChanged.emit(index, index)
        return cells

    def _cell_finds(self, row: int, version: int) -> tuple[tuple[int, int, bool], ...]:
        found = self.finds.get((row, version), ())
        current = self.current_find
        return tuple((start, end, current == (row, version, start)) for start, end in found)

    def differing_rows(self) -> list[int]:
        """The rows for which `differs` is true, in order."""
        if self._differing is not None:
            return [r for r, _ in self._differing]
        return [r for r, differs in enumerate(self._differs) if differs]

    def differing_marks(self) -> list[tuple[int, str]]:
        """``(row, kind)`` for the rows that differ, in order."""
        if self._differing is not None:
            return list(self._differing)
        return [(r, self._kinds[r]) for r in self.differing_rows()]

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
        """Characters in a cell's text as shown (for height estimates)."""
        length = self._row_facts(row)[0][version]
        if length and self.compact(row):
            if not self._differs[row]:
                return PREVIEW_LENGTH
            key = (row, version)
            if key not in self._trimmed_lengths:
                self._trimmed_lengths[key] = shown_length(
                    cell_spans(self._comparison(), row, version))
            return self._trimmed_lengths[key]
        return length

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
            if row in self.folds:
                return CellContent((), fold=self.fold_label(row))
            if not self._cell(row, version):
                return CellContent((), gap=True, note=self.gap_note(row, version))
            dropped = self.cell_dropped(row, version)
            reason = self.drop_reason(row, version) if dropped else None
            fate = self._fate(row)
            chosen = fate is not None and fate.in_article and fate.version == version
            if fate is not None and not fate.in_article:  # as the Left-out list says
                dropped, reason = True, fate.reason if fate.how != "left out" or not dropped \
                    else reason
            elif chosen:
                dropped, reason = False, None
            spans = tuple(cell_spans(self.comparison, row, version))
            finds = self._cell_finds(row, version) if self.finds else ()
            preview = self.compact(row) and is_preview(spans)
            if self.trimmed(row) and not preview:
                kept, pieces = trim_spans(spans)
                spans = tuple(kept)
                finds = tuple((*placed, current) for start, end, current in finds
                              if (placed := place(pieces, start, end)) is not None)
            return CellContent(
                spans,
                dropped=dropped,
                reason=reason,
                badge=self.moved_note(row, version),
                finds=finds,
                fate_note=fate.how if chosen and fate.how != "kept" else None,
                in_article=chosen,
                preview=preview,
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self.comparison.cell_text(row, version)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row in self.folds:
                return self._fold_tip(row)
            return self.tooltip(row, version)
        return None

    def fold_label(self, row: int) -> str:
        return fold_label(self.folds[row], self.fold_left_out.get(row, 0))

    def _fold_tip(self, row: int) -> str:
        return fold_tip(self.folds[row], self.fold_left_out.get(row, 0))

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
                return (f"{version.name}\n{version.path}\n{version.format.value}, "
                        f"{len(version.blocks)} blocks, {version.word_count:,} words"
                        + ("\nthe base version" if base else ""))
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "\u22ef" if section in self.folds else str(section + 1)
        if role == Qt.ItemDataRole.FontRole and section == self.current_row:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._differs[section]:
            return self.scheme.row_tint(self.row_kind(section))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._fold_tip(section) if section in self.folds else \
                self._row_summary(section)
        return None

    # --- tooltips ------------------------------------------------------------------------
    def _row_summary(self, row: int) -> str:
        comparison = self._comparison()
        aligned = comparison.alignment.rows[row]
        names = [v.name for v in comparison.versions]
        lines = [f"Row {row + 1}: {STATUS_NAMES[self._kinds[row]]}"]
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
    find_progress = Signal()
    """More find matches were found, the search ended, or a waiting step was taken."""
    wording_chosen = Signal(int, int)
    block_keep_requested = Signal(int, int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CompareModel()
        self.delegate = CellDelegate(self)
        self.table = _Table(self)
        table = self.table
        table.setVerticalHeader(RowHeader(table))  # its size hint kept across row resizes
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

        self.frozen = FrozenColumn(table)
        self.frozen.customContextMenuRequested.connect(self._show_frozen_context_menu)
        table.clicked.connect(self._clicked)
        self.frozen.clicked.connect(self._clicked)
        table.installEventFilter(self)
        table.horizontalHeader().geometriesChanged.connect(self.frozen.update_geometry)
        table.verticalHeader().geometriesChanged.connect(self.frozen.update_geometry)
        self.hints = OffscreenHints(
            table, base_width=self.frozen.width_covered, columns=self._visual_columns,
            go_to=lambda row, column: self.set_current_row(row, column=column),
            scheme=lambda: self.delegate.scheme)
        self.model.modelReset.connect(self.hints.update)
        self.model.dataChanged.connect(self.hints.update)

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
        self._only_differences = False
        self._context = 1
        self._unfolded: set[int] = set()  # rows the user unfolded: they stay open
        self._fold_of: dict[int, int] = {}  # a folded row -> its fold row
        self._matches: list[tuple[int, int, int, int]] = []  # row, version, start, end
        self._find_args = ("", False)
        self._match = -1
        self._pending_step = 0  # a find step waiting for the search to reach its match
        self._texts: CellTexts | None = None
        self._finder = IncrementalFind(self)
        self._finder.found.connect(self._matches_found)
        self._finder.finished.connect(self._find_finished)
        self._hidden: set[int] = set()
        self._fitting = False
        self._widths: tuple[int, ...] = ()
        self._badge_chars = 0
        self._exact: set[int] = set()
        self._pending: deque[int] = deque()
        self._estimating: deque[int] = deque()
        self._heights: dict[tuple[int, int, int], int] = {}
        self._refine_timer = QTimer(self)
        self._refine_timer.setInterval(0)
        self._refine_timer.timeout.connect(self._refine_step)
        self._quiet_until = 0.0  # the user is typing elsewhere: refine after this moment
        self._resume_timer = QTimer(self, singleShot=True)
        self._resume_timer.timeout.connect(self._refine_timer.start)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(120)
        self._resize_timer.timeout.connect(self._resize_settled)
        self._reset_looks()

    # --- public API ----------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None,
                       fates: Sequence[Fate | None] = (),
                       kinds: Sequence[str] | None = None,
                       index: RowIndex | None = None) -> None:
        """Show ``comparison`` (None clears the view); ``fates`` as for `set_fates`;
        ``kinds`` each row's kind and ``index`` its look-ups if worked out off the UI
        thread (`gui.compare_job`).

        The current row and the top of the view are named by their passages before and
        found again after, so a recompute (an ignore option, another base) keeps the
        reader's place.
        """
        keep_top = self._anchor_of(self._scroll_anchor())
        keep_current = self._anchor_of((self.current_row(), 0))
        keep_column = self._version_key(self.table.currentIndex().column())
        # folds the reader opened stay open, and the selected passage never folds away
        keep_open = [a for a in map(self._anchor_of, ((r, 0) for r in sorted(self._unfolded)))
                     if a is not None]
        if keep_current is not None:
            keep_open.append(keep_current)
        self._refine_timer.stop()
        self.frozen.detach()  # never laid out while the model resets; _fit_columns decides
        self._unfolded = set()
        self._finder.stop()
        self._matches, self._match, self._pending_step = [], -1, 0
        self._texts = None
        self._heights.clear()
        self._widths = ()
        self.delegate.current_row = -1
        self.delegate.cache.clear()
        self.model.set_comparison(comparison, fates, kinds, index)
        # a model reset may keep rows hidden (Qt keeps the sections it can): ask the header
        self._hidden = set()
        if self.table.verticalHeader().hiddenSectionCount():
            self._hidden = {r for r in range(self.model.rowCount())
                            if self.table.isRowHidden(r)}
        marks: list[tuple[int, str]] = []
        if comparison is not None:
            marks = self.model.differing_marks()
        self.strip.set_marks(marks)
        self._order_columns()
        self._unfolded = {r for r in map(self._find_anchor, keep_open) if r >= 0}
        self._apply_hidden()
        self._fit_columns()
        self._relayout(fresh=True)
        self.current_row_changed.emit(-1)
        self._restore_place(keep_current, keep_column, keep_top)

    def comparison(self) -> Comparison | None:
        return self.model.comparison

    def set_fates(self, fates: Sequence[Fate | None],
                  rows: Sequence[int] | None = None) -> None:
        """Mark what the clean article does with each row; rows whose mark changed are
        drawn and laid out again. ``rows``: the only rows whose mark may have changed,
        when known (typing in one passage of a book need not compare every row)."""
        model = self.model
        old = model.fates
        count = model.rowCount()
        if old and rows is not None and len(old) == len(fates):
            changed = sorted(r for r in set(rows) if 0 <= r < count and old[r] != fates[r])
            model.fates = tuple(fates)
        else:
            if tuple(old) == tuple(fates):
                return
            model.fates = tuple(fates)
            if not old:  # a new comparison's marks: lay every row out again
                self.delegate.cache.clear()
                model._facts = [None] * count
                self._heights.clear()
                if self._only_differences:
                    self._apply_hidden()
                self._relayout()
                self.table.viewport().update()
                return
            changed = [r for r in range(min(count, max(len(old), len(fates))))
                       if (old[r] if r < len(old) else None) != (fates[r] if r < len(fates)
                                                                  else None)]
        if not changed:
            return
        columns = range(model.columnCount())
        self.delegate.cache.discard_cells({(r, c) for r in changed for c in columns})
        if self._only_differences and not self._show_dropped:
            self._refold_after_decisions(changed, old)
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

    def _refold_after_decisions(self, changed: list[int], old: Sequence[Fate | None]
                                ) -> None:
        """A passage taken into or left out of the article folds or unfolds with it; the
        run around a passage just decided on stays open, so it never vanishes under the
        reader's eyes."""
        model = self.model

        def was_out(row: int) -> bool:
            fate = old[row] if row < len(old) else None
            return (not fate.in_article) if fate is not None else \
                not self._comparison_rows_keep(row)

        flipped = [r for r in changed if was_out(r) != model.left_out(r)]
        if flipped:
            anchor = self._scroll_anchor()
            self._unfolded.update(flipped)
            self._apply_hidden()
            self._relayout()
            self._keep_in_view(anchor)

    def _comparison_rows_keep(self, row: int) -> bool:
        comparison = self.model.comparison
        return comparison is not None and comparison.consensus.rows[row].keep

    def set_show_dropped(self, show: bool) -> None:
        """Show left-out blocks dimmed and struck through, or hide rows left out in full."""
        if show != self._show_dropped:
            self._show_dropped = show
            self._apply_hidden()
            self._relayout()
            if self._find_args[0]:  # matches in rows now hidden (or shown) change
                self.set_find(self._find_args[0], match_case=self._find_args[1])

    def show_dropped(self) -> bool:
        return self._show_dropped

    def set_only_differences(self, on: bool) -> None:
        """Fold runs of passages identical in every version into one thin row each."""
        if on != self._only_differences:
            anchor = self._scroll_anchor()
            self._only_differences = on
            self._unfolded = set()
            self._apply_hidden()
            self._set_trim(on)
            self._relayout()
            self._keep_in_view(anchor)

    def only_differences(self) -> bool:
        return self._only_differences

    def _set_trim(self, on: bool) -> None:
        """Differing rows trimmed to the words around their changes, or whole again:
        every cell is drawn and measured anew."""
        self.model.trim = on
        self.model._trimmed_lengths.clear()
        self.delegate.cache.clear()
        self._heights.clear()

    def _retrim(self, rows: set[int]) -> None:
        """Rows whose trimming changed (the current row is shown whole): measured again
        now, keeping the view still."""
        count = self.model.rowCount()
        rows = {r for r in rows if 0 <= r < count and r not in self.model.folds}
        if not rows:
            return
        columns = range(self.model.columnCount())
        self.delegate.cache.discard_cells({(r, c) for r in rows for c in columns})
        self._heights = {k: h for k, h in self._heights.items() if k[0] not in rows}
        self._exact.difference_update(rows)
        self._refine_rows(sorted(rows))

    def set_context(self, rows: int) -> None:
        """How many identical passages stay shown around each difference (0-3)."""
        rows = max(0, min(3, rows))
        if rows != self._context:
            anchor = self._scroll_anchor()
            self._context = rows
            if self._only_differences:
                self._apply_hidden()
                self._relayout()
                self._keep_in_view(anchor)

    def context(self) -> int:
        return self._context

    def fold_rows(self) -> dict[int, int]:
        """The rows shown as folds, with how many passages each stands for."""
        return dict(self.model.folds)

    def unfold(self, row: int) -> bool:
        """Show the passages folded into ``row`` (a fold row, or a row folded away)."""
        start = self._fold_of.get(row, row)
        count = self.model.folds.get(start)
        if count is None:
            return False
        anchor = self._scroll_anchor()
        self._unfolded.update([start, *(r for r, s in self._fold_of.items() if s == start)])
        self._apply_hidden()
        self._relayout()
        self._keep_in_view(anchor)
        return True

    def shown_height(self) -> int:
        """The height of every shown row together, in pixels (estimates included)."""
        return self.table.verticalHeader().length()

    # --- find ---------------------------------------------------------------------------
    def set_find(self, text: str, *, match_case: bool = False) -> int:
        """Mark every match of ``text`` in the shown rows; returns how many are found so
        far. A large comparison is searched in slices between events (`find_progress`
        tells when more are found; `finding` is true until the search ends)."""
        self._find_args = (text, match_case)
        self._matches, self._match, self._pending_step = [], -1, 0
        self.delegate.cache.clear()
        self.model.set_finds({})
        if text and self._texts is None and self.model.comparison is not None:
            self._texts = CellTexts(self.model.comparison)
        self._finder.start(self._texts, text, match_case=match_case,
                           columns=self._visual_columns(), skip=self._dropped_hidden())
        self._repaint()
        return len(self._matches)

    def finding(self) -> bool:
        """True while a find is still searching the comparison."""
        return self._finder.running()

    def finish_find(self) -> None:
        """Search the rest at once (for a caller that needs the full count now)."""
        self._finder.finish()

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """Index of the match the find bar is on (-1 before the first step, or while a
        step waits for the search to reach its match)."""
        return self._match

    def step_match(self, direction: int) -> int:
        """Go to the next (1) or previous (-1) match after the current row; wraps. While
        the search is still running, a step whose match is not found yet is taken as soon
        as it is (then `find_progress` is emitted); -1 until then."""
        target = self._step_target(direction)
        if target is None:
            self._pending_step = direction
            return -1
        self._pending_step = 0
        if target < 0:
            return -1
        self._match = target
        row, version, start, _ = self._matches[target]
        for cell in self.model.set_current_find((row, version, start)):
            self.delegate.cache.discard_cell(*cell)  # only these two cells are redrawn
        self.set_current_row(row, column=version)
        self._repaint()
        return target

    def _step_target(self, direction: int) -> int | None:
        """The match a step lands on; -1 for none; None while it is not found yet."""
        matches, running = self._matches, self._finder.running()
        if self._match >= 0:
            target = self._match + direction
            if 0 <= target < len(matches):
                return target
        elif direction > 0:
            row = self.current_row()
            after = next((i for i, m in enumerate(matches) if m[0] > row), None)
            if after is not None:
                return after
        if running:  # the match may be further on, or (wrapping backwards) at the end
            return None
        if not matches:
            return -1
        if self._match >= 0:
            return (self._match + direction) % len(matches)
        if direction > 0:
            return 0
        row = self.current_row()
        before = [i for i, m in enumerate(matches) if m[0] < row]
        return before[-1] if before else len(matches) - 1

    def _matches_found(self, batch: list[tuple[int, int, int, int]]) -> None:
        self._matches.extend(batch)
        finds: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for row, version, start, end in batch:
            finds.setdefault((row, version), []).append((start, end))
        self.delegate.cache.discard_cells(set(finds))
        self.model.add_finds({k: tuple(v) for k, v in finds.items()})
        if self._pending_step and self._step_target(self._pending_step) is not None:
            self.step_match(self._pending_step)
        first, last = self.table.rowAt(0), self.table.rowAt(self.table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        if first >= 0 and batch[0][0] <= last and batch[-1][0] >= first:
            self._repaint()  # some of them are in sight
        self.find_progress.emit()

    def _find_finished(self) -> None:
        if self._pending_step:
            self.step_match(self._pending_step)
        self.find_progress.emit()

    def _repaint(self) -> None:
        self.table.viewport().update()
        self.frozen.viewport().update()
        self.hints.update()

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

    def set_current_row(self, row: int, *, column: int | None = None) -> None:
        """Select ``row``, scroll it into view and highlight it; with ``column``, scroll
        sideways so that cell is in view too. A folded row is unfolded first."""
        if not 0 <= row < self.model.rowCount():
            return
        if row in self._fold_of:
            self.unfold(row)
        if column is None:
            column = max(0, self.table.currentIndex().column())
        self.table.setCurrentIndex(self.model.index(row, column))
        self._scroll_to_row(row)
        self.reveal_column(column)

    def reveal_column(self, column: int) -> None:
        """Scroll sideways until ``column`` is in view beside the frozen base column."""
        if not 0 <= column < self.model.columnCount() or (
                self.frozen.active and column == self.frozen.column):
            return
        header = self.table.horizontalHeader()
        bar = self.table.horizontalScrollBar()
        left = header.sectionViewportPosition(column)
        width = header.sectionSize(column)
        covered = self.frozen.width_covered()
        view = self.table.viewport().width()
        if left < covered:
            bar.setValue(bar.value() - (covered - left))
        elif left + width > view:
            bar.setValue(bar.value() + min(left + width - view, left - covered))

    def differing_column(self, row: int) -> int:
        """The first column (left to right, base first) whose cell in ``row`` differs."""
        columns = self._visual_columns()
        if not columns:
            return 0
        comparison = self.model.comparison
        cells = comparison.alignment.rows[row].cells if comparison is not None else ()
        # text that differs first (a gap is seen from any cell's neighbours), then gaps
        base_gap = bool(cells) and not cells[columns[0]]
        texts = [c for c in columns[1:] if cells and cells[c]
                 and (base_gap or self.model.cell_differs(row, c))]
        if texts:
            return texts[0]
        gaps = [c for c in columns[1:] if self.model.cell_differs(row, c)]
        return gaps[0] if gaps else columns[0]

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
        skip = self._dropped_hidden()
        for row in order:
            if row not in skip and needle in self.model.row_text(row).casefold():
                column = next((v for v in self._visual_columns() if needle in
                               self.model.comparison.cell_text(row, v).casefold()), None)
                self.set_current_row(row, column=column)
                return True
        return False

    def layout_pending(self) -> bool:
        """True while row heights are still being refined in the background."""
        return self._refine_timer.isActive() or self._resize_timer.isActive() or \
            self._resume_timer.isActive()

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
    def _visual_columns(self) -> list[int]:
        header = self.table.horizontalHeader()
        return [header.logicalIndex(i) for i in range(self.model.columnCount())]

    def _order_columns(self) -> None:
        """Versions in their order, the base moved to the left edge."""
        header = self.table.horizontalHeader()
        for visual in range(self.model.columnCount()):
            logical_at = header.logicalIndex(visual)
            if logical_at != visual:
                header.moveSection(header.visualIndex(visual), visual)
        comparison = self.model.comparison
        base = comparison.base if comparison is not None else 0
        if base and base < self.model.columnCount():
            header.moveSection(header.visualIndex(base), 0)
        self.delegate.first_column = base

    def _dropped_hidden(self) -> set[int]:
        return set() if self._show_dropped else set(self.model.all_dropped_rows())

    def _version_key(self, version: int) -> str | None:
        comparison = self.model.comparison
        if comparison is None or not 0 <= version < len(comparison.versions):
            return None
        return comparison.versions[version].path

    def _anchor_of(self, place: tuple[int, int]) -> Anchor | None:
        """A row named by its passages, with ``place``'s pixel offset."""
        row, offset = place
        comparison = self.model.comparison
        if comparison is None or not 0 <= row < self.model.rowCount():
            return None
        cells = comparison.alignment.rows[row].cells
        names = tuple((comparison.versions[v].path, cell[0]) for v, cell in enumerate(cells)
                      if cell)
        return names, offset

    def _find_anchor(self, anchor: Anchor | None) -> int:
        comparison = self.model.comparison
        if anchor is None or comparison is None:
            return -1
        position = {v.path: i for i, v in enumerate(comparison.versions)}
        if not self.model._row_of:
            self.model._row_of = comparison.alignment.row_of()
        for path, block in anchor[0]:
            version = position.get(path)
            if version is not None:
                row = self.model._row_of[version].get(block)
                if row is not None:
                    return row
        return -1

    def _restore_place(self, current: Anchor | None, column: str | None,
                       top: Anchor | None) -> None:
        comparison = self.model.comparison
        if comparison is None:
            return
        row = self._find_anchor(current)
        if row >= 0:
            paths = [v.path for v in comparison.versions]
            col = paths.index(column) if column in paths else 0
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, col),
                self.table.selectionModel().SelectionFlag.NoUpdate)
        top_row = self._find_anchor(top)
        if top_row >= 0 and top is not None:
            if top_row in self._fold_of:
                top_row = self._fold_of[top_row]
            self._restore_scroll_anchor((top_row, top[1]), absolute=True)

    def _keep_in_view(self, anchor: tuple[int, int]) -> None:
        """After folding or unfolding: the row that was on top stays where it was."""
        row = anchor[0]
        if row < 0:
            return
        if self.table.isRowHidden(row):
            row = self._fold_of.get(row, row)
        current = self.current_row()
        if current >= 0 and not self.table.isRowHidden(current):
            self._scroll_to_row(current)
        else:
            self._restore_scroll_anchor((row, anchor[1]), absolute=True)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() in self.model.folds:
            self.unfold(index.row())

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.current_row() in self.model.folds):
            self.unfold(self.current_row())
            return True
        return super().eventFilter(watched, event)

    def _show_frozen_context_menu(self, pos: QPoint) -> None:
        mapped = self.frozen.viewport().mapTo(self.table.viewport(), pos)
        self._show_context_menu(mapped, frozen_index=self.frozen.indexAt(pos))

    def _request(self, version: int, blocks: list[int], keep: bool) -> None:
        for block in blocks:
            self.block_keep_requested.emit(version, block, keep)

    def _show_context_menu(self, pos: QPoint, frozen_index: QModelIndex | None = None) -> None:
        index = frozen_index if frozen_index is not None else self.table.indexAt(pos)
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
            if (self.model.differs(row) and not self.table.isRowHidden(row)
                    and row not in self.model.folds):
                self.set_current_row(row, column=self.differing_column(row))
                return True
        return False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else -1
        before = previous.row() if previous.isValid() else -1
        if row != before:
            self.delegate.current_row = row
            self.model.set_current_row(row)
            if self.model.trim:
                self._retrim({before, row})
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
        """Hide rows left out everywhere (unless shown) and rows folded away."""
        table = self.table
        wanted = self._dropped_hidden()
        folds: dict[int, int] = {}
        left_counts: dict[int, int] = {}
        self._fold_of = {}
        if self._only_differences and self.model.rowCount():
            left_out = self._left_out_rows(wanted)
            for run in fold_runs(self.model.differs_list(), wanted, context=self._context,
                                 left_out=left_out):
                if self._unfolded and not self._unfolded.isdisjoint(run):
                    continue  # the user opened (part of) it
                folds[run[0]] = len(run)
                left_counts[run[0]] = sum(1 for row in run if row in left_out)
                for row in run[1:]:
                    self._fold_of[row] = run[0]
            wanted |= set(self._fold_of)
        # a fold row's height is never measured or cached (see `_refine_rows`), so the
        # cached cell heights stay true; the rows only need laying out again
        self._exact.difference_update(set(folds) ^ set(self.model.folds))
        self.model.set_folds(folds, left_counts)
        for row in sorted(self._hidden ^ wanted):
            if table.isRowHidden(row) != (row in wanted):
                table.setRowHidden(row, row in wanted)
                self.frozen.set_row_hidden(row, row in wanted)
        self._hidden = wanted
        self.strip.set_skipped(set(folds))
        self.strip.update()

    def _left_out_rows(self, hidden: set[int]) -> set[int]:
        """Rows the clean article leaves out that folding may fold away: none while
        removed passages are shown (then they are differences like any other)."""
        if self._show_dropped:
            return set()
        model = self.model
        return {r for r in range(model.rowCount()) if r not in hidden and model.left_out(r)}

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
        self.frozen.update_geometry()

    def _resize_settled(self) -> None:
        self._fit_columns()
        self._relayout()

    def _column_resized(self, *_: int) -> None:
        if not self._fitting:
            self._resize_timer.start()

    def readable_width(self) -> int:
        """The narrowest a column gets: `READABLE_CHARS` average characters."""
        chars = self.table.fontMetrics().averageCharWidth() * READABLE_CHARS
        return max(MIN_COLUMN_WIDTH, chars)

    def _fit_columns(self) -> None:
        """Share the width among the columns, none narrower than `readable_width`.

        When they do not all fit, as many as fit share the width exactly, and the base
        column stays frozen at the left while the others scroll sideways under it.
        """
        count = self.model.columnCount()
        if count == 0:
            self.frozen.detach()
            return
        view = self.table.viewport().width()
        minimum = self.readable_width()
        fitting = max(1, min(count, view // minimum))
        width = max(minimum, view // fitting)
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column in range(count):
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        if fitting < count and count > 1:
            self.frozen.attach(self._visual_columns()[0])
        else:
            self.frozen.detach()

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
        # "moved · in this version before row N" (+ the arrow and spaces), for estimates
        self._badge_chars = len("moved · in this version before row ") + len(str(count)) + 4
        header = self.table.verticalHeader()
        self._estimating = deque()
        if count <= EAGER_ROWS:
            if header.defaultSectionSize() != MIN_ROW_HEIGHT:
                header.setDefaultSectionSize(MIN_ROW_HEIGHT)
            deadline = time.perf_counter() + EAGER_SECONDS
            for row in range(count):
                if header.isSectionHidden(row):
                    continue
                height = self._estimate(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                if time.perf_counter() > deadline:
                    self._estimating = deque(range(row + 1, count))
                    break
        else:
            if fresh:
                step = max(1, count // SAMPLE_ROWS)
                sample = [self._estimate(row) for row in range(0, count, step)]
                header.setDefaultSectionSize(max(MIN_ROW_HEIGHT, sum(sample) // len(sample)))
            self._estimating = deque(range(count))
        if fresh and self.frozen.active:
            self.frozen.attach(self.frozen.column)  # rows at the new default size too
        self._pending = deque(range(count))
        if count:
            self._refine_timer.start()
        self._sync_strip()

    def _estimate(self, row: int) -> int:
        """A row's height guessed from its cells' lengths (see `HeightEstimator`)."""
        estimate = self._estimator.height
        model = self.model
        if row in model.folds:
            return self.delegate.fold_height
        height = MIN_ROW_HEIGHT
        moved = model.comparison.alignment.rows[row].moved if model.comparison else ()
        for column, width in enumerate(self._widths):
            length = model.length(row, column)
            if length:
                cell = estimate(length, width, model.extras(row, column))
                if column in moved:
                    cell += self._estimator.badge_height(self._badge_chars, width)
                height = max(height, cell)
        return height

    def _estimate_rows(self, deadline: float) -> None:
        """Estimated heights for queued rows until ``deadline``, keeping the view still."""
        table = self.table
        header = table.verticalHeader()
        anchor = self._scroll_anchor()
        queue = self._estimating
        exact = self._exact
        while queue:
            row = queue.popleft()
            if row in exact or header.isSectionHidden(row):
                continue
            height = self._estimate(row)
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)
            # a row of trimmed cells costs milliseconds: look at the clock after each
            if time.perf_counter() > deadline:
                break
        self._restore_scroll_anchor(anchor)

    def _scroll_anchor(self) -> tuple[int, int]:
        """The top visible row and its position, so height changes above it don't jump."""
        row = self.table.rowAt(0)
        return row, self.table.rowViewportPosition(row) if row >= 0 else 0

    def _restore_scroll_anchor(self, anchor: tuple[int, int], *, absolute: bool = False
                               ) -> None:
        row, offset = anchor
        if row >= 0 and absolute:
            header = self.table.verticalHeader()
            # the scroll range follows the rows' heights only on the next layout pass:
            # bring it up to date first, or the value would be clamped short
            self.table.updateGeometries()
            self.table.verticalScrollBar().setValue(header.sectionPosition(row) - offset)
        elif row >= 0:
            shift = self.table.rowViewportPosition(row) - offset
            if shift:
                bar = self.table.verticalScrollBar()
                if bar.value() + shift > bar.maximum():
                    self.table.updateGeometries()  # the range lags the new row heights
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

    def yield_to_input(self) -> None:
        """The user is typing or moving about (in the clean article): the rows' heights are
        refined again only once they pause, so no keystroke waits for a slice of it."""
        self._quiet_until = time.perf_counter() + REFINE_PAUSE_SECONDS

    def _refine_step(self) -> None:
        """Lay out a chunk of rows (visible ones first), keeping the view still."""
        wait = self._quiet_until - time.perf_counter()
        if wait > 0:
            self._refine_timer.stop()
            self._resume_timer.start(int(wait * 1000) + 1)
            return
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
            if row in self.model.folds:
                self._exact.add(row)
                if header.sectionSize(row) != self.delegate.fold_height:
                    header.resizeSection(row, self.delegate.fold_height)
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
