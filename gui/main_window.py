"""The main window: versions on the left, the aligned comparison, the clean article.

The window only collects input, starts work off the UI thread and shows results; every
comparison is computed by `core.compare.compare`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QSaveFile, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.article import Article, article_from_text
from core.compare import Comparison, DiffOptions
from core.export import SUFFIXES, WRITERS
from core.model import Format
from core.report import to_report
from core.save import SaveRefused, check_target
from gui.about import about_html
from gui.actions import ACTIONS
from gui.article_actions import SHORT, PreferMenu, undo_actions
from gui.article_commands import VersionsHistory
from gui.article_document import prepare as prepare_document
from gui.article_session import ArticleSession
from gui.clean_view import CleanView
from gui.compare_job import WindowResult, compare_for_window, wants_process
from gui.compare_view import CompareView
from gui.empty_state import EmptyState
from gui.errors import install_exception_hook
from gui.find_bar import FindBar
from gui.graveyard import Graveyard
from gui.loading import LoadResult, load_dropped_text, load_paths
from gui.similarity import SimilarityMatrix
from gui.tasks import TaskRunner
from gui.versions_panel import VersionsModel, VersionsView
from gui.view_options import ViewOptions

APP_NAME = "article-compare"
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SAMPLES = RESOURCES / "samples"
SAMPLE_ORDER = ("site-page.html", "scraped.txt", "syndicated.md", "revised.txt")


def sample_files() -> list[str]:
    """The bundled versions, the news site's page first (it becomes the base)."""
    present = {p.name: str(p) for p in SAMPLES.iterdir() if p.is_file()}
    ordered = [present.pop(name) for name in SAMPLE_ORDER if name in present]
    return ordered + sorted(present.values())

MAX_RECENT = 10
FORMAT_FILTERS = {
    "text": "Plain text (*.txt)",
    "markdown": "Markdown (*.md)",
    "html": "HTML page (*.html)",
    "json": "JSON (*.json)",
}


def icon(name: str) -> QIcon:
    path = RESOURCES / "icons" / f"{name}.svg"
    return QIcon(str(path)) if name and path.exists() else QIcon()


class ProblemBar(QWidget):
    """A dismissible strip listing inputs that could not be used; it never blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setIcon(icon("close"))
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setAutoFillBackground(True)
        self.setStyleSheet("ProblemBar { background: palette(alternate-base); "
                           "border-bottom: 2px solid #d08a20; }")
        self.messages: list[str] = []
        self.hide()

    def show_problems(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        shown = self.messages[:8]
        more = len(self.messages) - len(shown)
        text = "<b>Not loaded:</b><br>" + "<br>".join(_html_escape(m) for m in shown)
        if more:
            text += f"<br>… and {more} more"
        self.label.setText(text)
        self.show()


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MainWindow(QMainWindow):
    """The application window."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.save_path: str | None = None
        self.comparison: Comparison | None = None
        self._compared_uids: list[int] = []
        self._dropped_texts = 0
        self._loaded_paths: set[str] = set()
        # True while what is shown is not the comparison of the versions listed (the user
        # cancelled it, or it failed); the next change compares again
        self.stale = False
        # files this session wrote, with (size, mtime) as written: saving there again
        # needs no question unless someone else changed the file since
        self._written: dict[str, tuple[int, int]] = {}
        install_exception_hook()

        self.versions = VersionsModel()
        self.versions_view = VersionsView(self.versions)
        self.similarity = SimilarityMatrix()
        self.compare_view = CompareView()
        # the user's decisions and edits, with the one undo stack (gui.article_session)
        self.session = ArticleSession(self)
        self.graveyard = Graveyard(self)  # the last comparison, freed between events
        self.history = VersionsHistory(self.versions, self.session)
        self.clean_view = CleanView(self.session)
        self.clean_view.editor.drop_handler = self.handle_drop
        self.problems = ProblemBar()
        self.find_bar = FindBar(self.compare_view)
        self.find_edit = self.find_bar.edit
        self.empty_state = EmptyState()
        for widget, name in ((self.compare_view.table, "Comparison"),
                             (self.versions_view, "Versions"), (self.similarity, "Similarity")):
            widget.setAccessibleName(name)

        self.loader = TaskRunner(self, supersede=False)
        self.comparer = TaskRunner(self)
        self._compare_timer = QTimer(self, singleShot=True, interval=60)
        self._compare_timer.timeout.connect(self._start_compare)

        self._build_layout()
        self.actions_by_name = self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._connect()
        self._read_settings()
        self._update_title()
        self._update_actions()

    # --- construction --------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.versions_view)
        left.addWidget(self.similarity)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.left_splitter = left

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(0)
        self.center_stack = QStackedWidget()
        self.center_stack.addWidget(self.empty_state)
        self.center_stack.addWidget(self.compare_view)
        center_layout.addWidget(self.center_stack, 1)
        center_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.clean_view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([290, 760, 350])

        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.problems)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(root)

    def _create_actions(self) -> dict[str, QAction]:
        handlers: dict[str, Callable[[], object]] = {
            "open": self.open_files,
            "open_folder": self.open_folder,
            "paste": self.paste_version,
            "demo": self.open_samples,
            "save": self.save,
            "save_as": self.save_as,
            "export": self.export_report,
            "close_version": self.close_version,
            "close_all": self.close_all,
            "quit": self.close,
            "find": self.show_find,
            "find_in_article": self.clean_view.find_bar.open,
            "find_next": lambda: self.find(backwards=False),
            "find_previous": lambda: self.find(backwards=True),
            "next_diff": self.next_difference,
            "prev_diff": self.previous_difference,
            "zoom_in": lambda: self.zoom(1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(0),
            "set_base": self.set_base,
            "about": self.about,
        }
        actions: dict[str, QAction] = {}
        for name, spec in ACTIONS.items():
            action = QAction(icon(spec.icon), spec.text, self)
            keys: list[QKeySequence] = []
            for shortcut in spec.shortcuts:
                if isinstance(shortcut, QKeySequence.StandardKey):
                    keys.extend(QKeySequence.keyBindings(shortcut))
                else:
                    keys.append(QKeySequence(shortcut))
            unique: list[QKeySequence] = []
            for key in keys:
                if not key.isEmpty() and key not in unique:
                    unique.append(key)
            action.setShortcuts(unique)
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip + (f" ({unique[0].toString()})" if unique else ""))
            action.setCheckable(spec.checkable)
            if name in handlers:
                action.triggered.connect(lambda _=False, h=handlers[name]: h())
            actions[name] = action
        actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        actions["show_dropped"].toggled.connect(self._on_show_dropped)
        for name in ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace"):
            actions[name].toggled.connect(lambda _=False: self.schedule_compare())
        self.addActions(list(actions.values()))
        return actions

    def _create_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for name in ("open", "open_folder", "paste"):
            file_menu.addAction(a[name])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(a["demo"])
        file_menu.addSeparator()
        for name in ("save", "save_as", "export"):
            file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["close_version"])
        file_menu.addAction(a["close_all"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu("&Edit")
        self.undo_action, self.redo_action = undo_actions(self, self.session)
        edit_menu.addActions([self.undo_action, self.redo_action])
        self.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        for name in ("find", "find_next", "find_previous", "find_in_article"):
            edit_menu.addAction(a[name])
        view_menu = bar.addMenu("&View")
        for name in ("next_diff", "prev_diff"):
            view_menu.addAction(a[name])
        view_menu.addSeparator()
        view_menu.addAction(a["show_dropped"])
        view_menu.addSeparator()
        for name in ("zoom_in", "zoom_out", "zoom_reset"):
            view_menu.addAction(a[name])
        compare_menu = bar.addMenu("&Compare")
        compare_menu.addAction(a["set_base"])
        compare_menu.addSeparator()
        for name in ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace"):
            compare_menu.addAction(a[name])
        compare_menu.addSeparator()
        self.prefer_menu = PreferMenu(self.settings, self.session,
                                      lambda _: self._on_prefer_changed())
        compare_menu.addMenu(self.prefer_menu)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a["about"])
        self.view_options = ViewOptions(self, view_menu, help_menu)

    def _create_toolbar(self) -> None:
        a = self.actions_by_name
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("open", "save", "export"):
            toolbar.addAction(a[name])
        toolbar.addSeparator()
        for name in ("prev_diff", "next_diff"):
            toolbar.addAction(a[name])
        toolbar.addSeparator()
        toolbar.addAction(a["show_dropped"])
        toolbar.addAction(a["set_base"])
        toolbar.addAction(a["find"])

    def _create_status_bar(self) -> None:
        status = self.statusBar()
        self.summary = QLabel("Drop article versions here, or use File ▸ Open.")
        status.addWidget(self.summary, 1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_work)
        self.cancel_button.hide()
        self.policy_label = QLabel()
        self.policy_label.setAccessibleName("Policy")
        self._on_prefer_changed(compare=False)
        status.addPermanentWidget(self.policy_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)

    def _connect(self) -> None:
        self.versions.changed.connect(self._on_versions_changed)
        self.versions_view.base_requested.connect(self.versions.set_base)
        self.empty_state.open_files.connect(self.open_files)
        self.empty_state.open_samples.connect(self.open_samples)
        self.versions_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_actions())
        self.similarity.version_clicked.connect(self._select_version)
        self.loader.finished.connect(self._on_loaded)
        self.loader.failed.connect(self._on_worker_failed)
        self.loader.busy_changed.connect(self._on_busy)
        self.loader.progress.connect(self._on_progress)
        self.comparer.finished.connect(self._on_compared)
        self.comparer.failed.connect(self._on_compare_failed)
        self.comparer.busy_changed.connect(self._on_busy)
        self.comparer.progress.connect(self._on_progress)
        self.compare_view.wording_chosen.connect(self._on_wording_chosen)
        self.compare_view.block_keep_requested.connect(self._on_keep_requested)
        self.compare_view.current_row_changed.connect(self.clean_view.show_row)
        self.clean_view.row_selected.connect(self.compare_view.set_current_row)
        self.clean_view.editor.cursorPositionChanged.connect(self.compare_view.yield_to_input)
        self.clean_view.modified_changed.connect(lambda _: self._update_title())
        self.session.recompute_needed.connect(self.schedule_compare)
        self.session.changed.connect(self._on_article_changed)

    # --- loading -------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[str]) -> None:
        """Load files and folders off the UI thread; they join the comparison."""
        if not paths:
            return
        paths = list(paths)
        for path in paths:
            if os.path.isfile(path):
                self._remember_recent(path)
                self._loaded_paths.add(path)  # an input from now on, while it still loads
        self.summary.setText(f"Loading {len(paths)} item(s)…")
        self.loader.start(partial(load_paths, list(paths)), in_process=True)

    def add_text(self, text: str, *, html: bool) -> None:
        """A version from text or HTML dragged or pasted from another program."""
        self._dropped_texts += 1
        name = f"Dropped text {self._dropped_texts}"
        fmt = Format.HTML if html else Format.TEXT
        self.loader.start(lambda token, report: load_dropped_text(text, name, fmt))

    def _on_loaded(self, result: LoadResult) -> None:
        self._loaded_paths.update(v.path for v in result.versions)
        self.versions.add(list(result.versions), result.words)
        if result.problems:
            self.problems.show_problems(result.problems)
        loaded = len(result.versions)
        self.statusBar().showMessage(
            f"Loaded {loaded} version(s)" + (f"; {len(result.problems)} not loaded"
                                             if result.problems else ""), 6000)
        if loaded and self.versions_view.current_row() < 0:
            self.versions_view.selectRow(0)

    def open_files(self) -> None:
        start = self.settings.value("last_folder", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(
            self, "Open article versions", str(start),
            "Articles (*.txt *.text *.html *.htm *.xhtml *.md *.markdown);;All files (*)")
        if files:
            self.settings.setValue("last_folder", str(Path(files[0]).parent))
            self.add_paths(files)

    def open_folder(self) -> None:
        start = self.settings.value("last_folder", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of versions", str(start))
        if folder:
            self.settings.setValue("last_folder", folder)
            self.add_paths([folder])

    def open_samples(self) -> None:
        self.add_paths(sample_files())

    def paste_version(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return
        if mime.hasHtml():
            self.add_text(mime.html(), html=True)
        elif mime.hasText() and mime.text().strip():
            self.add_text(mime.text(), html=False)
        else:
            self.statusBar().showMessage("The clipboard holds no text.", 4000)

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasHtml() or mime.hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Only collects what was dropped and hands it on."""
        if self.handle_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def handle_drop(self, mime: QMimeData) -> bool:
        """Files, folders, text or HTML dropped anywhere (the article editor too) are
        versions to add; False when the drop holds nothing usable."""
        if mime.hasUrls():
            urls: list[QUrl] = mime.urls()
            paths = [url.toLocalFile() for url in urls if url.isLocalFile()]
            remote = [url.toString() for url in urls if not url.isLocalFile()]
            if remote:
                self.problems.show_problems(
                    [f"{url}: a web address; save the page and drop the file instead"
                     for url in remote])
            if paths:
                self.add_paths(paths)
                return True
            if remote:
                return True
        if mime.hasHtml() and mime.html().strip():
            self.add_text(mime.html(), html=True)
        elif mime.hasText() and mime.text().strip():
            self.add_text(mime.text(), html=False)
        else:
            return False
        return True

    # --- comparing -----------------------------------------------------------------------
    def _on_versions_changed(self) -> None:
        self.schedule_compare()
        self._update_actions()

    def options(self) -> DiffOptions:
        a = self.actions_by_name
        return DiffOptions(
            ignore_case=a["ignore_case"].isChecked(),
            ignore_punctuation=a["ignore_punctuation"].isChecked(),
            ignore_quotes=a["ignore_quotes"].isChecked(),
            ignore_whitespace=a["ignore_whitespace"].isChecked(),
        )

    def schedule_compare(self) -> None:
        self._compare_timer.start()

    def _start_compare(self) -> None:
        rows = self.versions.included_rows()
        entries = [self.versions.entries[r] for r in rows]
        if not entries:
            self.comparer.cancel()
            self._show_comparison(None, [])
            return
        uids = [e.uid for e in entries]
        versions = [e.version for e in entries]
        base_uid = self.versions.entries[self.versions.base].uid
        base = uids.index(base_uid) if base_uid in uids else 0
        decisions = dict(self.session.decisions)
        options = self.options()
        prefer = self.prefer_menu.current

        work = partial(compare_for_window, versions, base, options, decisions, prefer, uids)
        self.comparer.start(work, in_process=wants_process(versions), then=prepare_document)

    def _on_compared(self, result: WindowResult) -> None:
        if self._compare_timer.isActive():
            return  # the inputs changed since this started; a fresh result follows
        self._show_comparison(result.comparison, result.uids, result.draft, result)

    def _show_comparison(self, comparison: Comparison | None, uids: list[int],
                         draft: object = None, ready: WindowResult | None = None) -> None:
        self.stale = False
        self.graveyard.bury(self.comparison, self.session.draft, self.session.rendered)
        self.comparison = comparison
        self._compared_uids = uids
        self.center_stack.setCurrentWidget(self.compare_view if comparison else self.empty_state)
        names = [v.name for v in comparison.versions] if comparison else []
        self.clean_view.set_names(names, self.prefer_menu.current)
        if ready is not None and ready.document is not None:
            self.clean_view.offer_document(*ready.document)
        self.session.set_draft(draft, ready.rendering if ready else None)  # type: ignore[arg-type]
        rendered = self.session.rendered
        self.compare_view.set_comparison(comparison, rendered.fates if rendered else (),
                                         kinds=ready.kinds if ready else None,
                                         index=ready.index if ready else None)
        if not self.find_bar.isHidden():
            self.find_bar.refresh()
        self.similarity.set_matrix(names, comparison.similarity if comparison else [])
        similarities: dict[int, float] = {}
        if comparison:
            by_uid = {e.uid: row for row, e in enumerate(self.versions.entries)}
            for i, uid in enumerate(uids):
                if uid in by_uid:
                    similarities[by_uid[uid]] = comparison.similarity[comparison.base][i]
        self.versions.set_similarities(similarities)
        self._update_summary()
        self._update_actions()

    def _on_article_changed(self) -> None:
        rendered = self.session.rendered
        if self.compare_view.comparison() is self.comparison:  # else it comes with it
            self.compare_view.set_fates(rendered.fates if rendered is not None else (),
                                        self.session.touched_rows())
        self._update_title()

    def _on_prefer_changed(self, *, compare: bool = True) -> None:
        policy = self.prefer_menu.current
        self.policy_label.setText(f"Article: {SHORT[policy]} wording")
        self.policy_label.setToolTip("Which wording the clean article takes "
                                     "(Compare ▸ Prefer)")
        if compare:
            self.schedule_compare()

    def _update_summary(self) -> None:
        c = self.comparison
        if c is None:
            loaded = len(self.versions.entries)
            self.summary.setText("Drop article versions here, or use File ▸ Open."
                                 if not loaded else "No version is included.")
            return
        rows = c.alignment.rows
        changed = sum(1 for r in rows if r.status != "same")  # a StrEnum: no .value lookups
        moved = sum(1 for r in rows if r.moved)
        words = self.session.word_count()
        self.summary.setText(
            f"{len(c.versions)} versions · {len(rows)} rows · {changed} differ · "
            f"{moved} moved · clean article {words:,} words")

    # --- user decisions ------------------------------------------------------------------
    def _uid_of(self, version: int) -> int | None:
        if 0 <= version < len(self._compared_uids):
            return self._compared_uids[version]
        return None

    def _on_keep_requested(self, version: int, block: int, keep: bool) -> None:
        shown = self.compare_view.comparison()
        if shown is None or not 0 <= version < len(shown.versions):
            return
        row = next((r for r, aligned in enumerate(shown.alignment.rows)
                    if block in aligned.cells[version]), None)
        passage = self.session.passage_of_row(row) if row is not None else None
        if passage is not None:
            self.session.keep(passage, version, keep)

    def _on_wording_chosen(self, row: int, version: int) -> None:
        """``row`` and ``version`` name a cell of the comparison on screen."""
        passage = self.session.passage_of_row(row)
        if passage is not None:
            self.session.choose_wording(passage, version)

    # --- navigation ----------------------------------------------------------------------
    def next_difference(self) -> None:
        if not self.compare_view.next_difference():
            self.statusBar().showMessage("No more differences below.", 3000)

    def previous_difference(self) -> None:
        if not self.compare_view.previous_difference():
            self.statusBar().showMessage("No more differences above.", 3000)

    def _in_article(self) -> bool:
        """True when the keyboard is in the clean article (its editor or its find bar)."""
        focus = QApplication.focusWidget()
        return focus is not None and self.clean_view.isAncestorOf(focus)

    def show_find(self) -> None:
        """Ctrl+F: the editor's own find bar in the clean article, else the comparison's."""
        if self._in_article():
            self.clean_view.find_bar.open()
        else:
            self.find_bar.open()

    def find(self, *, backwards: bool) -> None:
        if self._in_article() and not self.clean_view.find_bar.isHidden():
            self.clean_view.find_bar.find(backwards=backwards)
            return
        if not self.find_edit.text():
            self.show_find()
            return
        self.find_bar.show()
        self.find_bar.step(-1 if backwards else 1)

    def zoom(self, step: int) -> None:
        size = _as_font_size(self.settings.value("font_size", 0)) or self.font().pointSize()
        size = self.font().pointSize() if step == 0 else max(6, min(32, size + step))
        self.settings.setValue("font_size", size)
        self.compare_view.set_font_point_size(size)
        font = self.clean_view.editor.font()
        font.setPointSize(size + 1)
        self.clean_view.editor.setFont(font)

    def _on_show_dropped(self, show: bool) -> None:
        self.compare_view.set_show_dropped(show)
        self.settings.setValue("show_dropped", show)

    # --- versions ------------------------------------------------------------------------
    def _select_version(self, row: int) -> None:
        if 0 <= row < len(self._compared_uids):
            uid = self._compared_uids[row]
            for model_row, entry in enumerate(self.versions.entries):
                if entry.uid == uid:
                    self.versions_view.selectRow(model_row)

    def set_base(self) -> None:
        row = self.versions_view.current_row()
        if row >= 0:
            self.versions.set_base(row)

    def close_version(self) -> None:
        row = self.versions_view.current_row()
        if row < 0 and self.versions.entries:
            row = len(self.versions.entries) - 1
        if row >= 0:
            self.versions.remove(row)

    def close_all(self) -> None:
        """Start over: no versions, and the next Save asks where to write."""
        if self._confirm_discard():
            self.loader.cancel()  # files still loading would come back after closing
            self.versions.clear()
            self.session.forget()
            self.clean_view.set_saved()
            self.save_path = None
            self._update_title()

    # --- saving --------------------------------------------------------------------------
    def input_paths(self) -> list[str]:
        """Every file loaded in this session, closed or not: none is ever saved over."""
        return [path for path in self._loaded_paths if os.path.exists(path)]

    def save(self) -> bool:
        if self.save_path is None:
            return self.save_as()
        return self.save_to(self.save_path)

    def save_as(self) -> bool:
        if self.clean_view.article is None and not self.clean_view.text().strip():
            self.statusBar().showMessage("There is no clean article to save yet.", 4000)
            return False
        start = self.save_path or str(Path(str(self.settings.value(
            "last_folder", str(Path.home())))) / "clean-article.txt")
        path, chosen = QFileDialog.getSaveFileName(
            self, "Save the clean article", start, ";;".join(FORMAT_FILTERS.values()))
        if not path:
            return False
        # the dialog asked before replacing the name it returned, not a name we extend
        confirmed = True
        if not Path(path).suffix:
            fmt = next((k for k, v in FORMAT_FILTERS.items() if v == chosen), "text")
            path += SUFFIXES[fmt]
            confirmed = False
        return self.save_to(path, confirmed=confirmed)

    def save_to(self, path: str, *, confirmed: bool = False) -> bool:
        """Write the clean article, in the format its suffix names, atomically.

        An existing file is replaced without asking only when ``confirmed`` (the file
        dialog asked) or when this window wrote it and nobody changed it since.
        """
        fmt = format_for_suffix(Path(path).suffix)
        text = self.clean_view.text()
        if fmt != "text":
            template = self.clean_view.article or Article(None, None, None, None, ())
            text = WRITERS[fmt](article_from_text(text, template))
        elif not text.endswith("\n"):
            text += "\n"
        if not self._write_output(path, text, confirmed=confirmed, failed="Not saved"):
            return False
        self.save_path = path
        self.clean_view.set_saved()
        self._remember_recent(path, key="recent_saves")
        self.statusBar().showMessage(f"Saved {path}", 5000)
        self._update_title()
        return True

    def export_report(self) -> bool:
        if self.comparison is None:
            self.statusBar().showMessage("Load at least one version first.", 4000)
            return False
        start = str(Path(str(self.settings.value("last_folder", str(Path.home()))))
                    / "comparison.html")
        path, _ = QFileDialog.getSaveFileName(self, "Export the comparison report", start,
                                              "HTML page (*.html)")
        if not path:
            return False
        return self.export_report_to(path, confirmed=True)

    def export_report_to(self, path: str, *, confirmed: bool = False) -> bool:
        if self.comparison is None:
            return False
        title = self.comparison.consensus.article.title or "Comparison"
        if not self._write_output(path, to_report(self.comparison, title=title),
                                  confirmed=confirmed, failed="Not exported"):
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def _write_output(self, path: str, text: str, *, confirmed: bool, failed: str) -> bool:
        """Write ``text`` atomically to ``path``: never an input, and never over a file the
        user has not agreed to replace. ``failed`` titles the message if it cannot be."""
        try:
            check_target(path, self.input_paths())
        except SaveRefused as error:
            QMessageBox.warning(self, failed, str(error))
            return False
        if not confirmed and not self._may_replace(path):
            self.statusBar().showMessage(f"{failed}.", 4000)
            return False
        error = write_with_qsavefile(path, text)
        if error:
            QMessageBox.warning(self, failed, f"{path}: {error}")
            return False
        self._note_written(path)
        return True

    def _may_replace(self, path: str) -> bool:
        """True when ``path`` is free, or this window wrote it as it is, or the user agrees."""
        if not os.path.lexists(path):
            return True
        written = self._written.get(os.path.realpath(path))
        if written is not None and written == _stamp(path):
            return True
        why = ("was changed by another program since it was saved here"
               if written is not None else "already exists")
        answer = QMessageBox.question(
            self, "Replace the file?", f"{path} {why}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _note_written(self, path: str) -> None:
        stamp = _stamp(path)
        if stamp is not None:
            self._written[os.path.realpath(path)] = stamp

    # --- state -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        name = Path(self.save_path).name if self.save_path else "Untitled clean article"
        self.setWindowTitle(f"{name}[*] — Article Compare")
        self.setWindowModified(self.clean_view.is_modified())

    def _update_actions(self) -> None:
        a = self.actions_by_name
        has_versions = bool(self.versions.entries)
        has_result = self.comparison is not None
        for name in ("save", "save_as", "export", "next_diff", "prev_diff", "find",
                     "find_next", "find_previous"):
            a[name].setEnabled(has_result)
        a["close_version"].setEnabled(has_versions)
        a["close_all"].setEnabled(has_versions)
        a["set_base"].setEnabled(self.versions_view.current_row() >= 0)

    def _on_busy(self, _: bool) -> None:
        busy = self.loader.busy or self.comparer.busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if what:
            self.summary.setText(what[:1].upper() + what[1:] + "…")

    def cancel_work(self) -> None:
        comparing = self.comparer.busy or self._compare_timer.isActive()
        self._compare_timer.stop()
        self.loader.cancel()
        self.comparer.cancel()
        if comparing or self.stale:
            self.stale = True
            self.summary.setText("Cancelled: the comparison shown is out of date until the "
                                 "next change.")
        else:
            self.summary.setText("Cancelled.")

    def _on_compare_failed(self, message: str, details: str) -> None:
        self.stale = True
        self._on_worker_failed(message, details)

    def _on_worker_failed(self, message: str, details: str) -> None:
        self.summary.setText("Something went wrong; see the message.")
        box = QMessageBox(QMessageBox.Icon.Critical, "Could not finish", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setDetailedText(details)
        box.setModal(False)
        box.show()

    def _remember_recent(self, path: str, *, key: str = "recent") -> None:
        recent = [p for p in _as_paths(self.settings.value(key, [])) if p != path]
        self.settings.setValue(key, [path, *recent][:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = _as_paths(self.settings.value("recent", []))
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.add_paths([p]))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List").triggered.connect(
                lambda: self.settings.setValue("recent", []))

    def about(self) -> None:
        QMessageBox.about(self, "About Article Compare", about_html())

    def _confirm_discard(self) -> bool:
        if not self.clean_view.is_modified():
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "The clean article has unsaved edits. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_discard():
            event.ignore()
            return
        self.comparer.cancel()
        self.loader.cancel()
        self._write_settings()
        event.accept()

    def _read_settings(self) -> None:
        s = self.settings
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = s.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for name, splitter in (("splitter", self.splitter), ("left_splitter", self.left_splitter),
                               ("clean_splitter", self.clean_view.splitter)):
            value = s.value(name)
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        a = self.actions_by_name
        defaults = {"ignore_case": False, "ignore_punctuation": False, "ignore_quotes": True,
                    "ignore_whitespace": True, "show_dropped": False}
        for name, default in defaults.items():
            a[name].blockSignals(True)
            a[name].setChecked(_as_bool(s.value(name, default)))
            a[name].blockSignals(False)
        self.compare_view.set_show_dropped(a["show_dropped"].isChecked())
        size = _as_font_size(s.value("font_size", 0))
        if size:
            self.compare_view.set_font_point_size(size)

    def _write_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("window_state", self.saveState())
        s.setValue("splitter", self.splitter.saveState())
        s.setValue("left_splitter", self.left_splitter.saveState())
        s.setValue("clean_splitter", self.clean_view.splitter.saveState())
        for name in ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace",
                     "show_dropped"):
            s.setValue(name, self.actions_by_name[name].isChecked())


def _stamp(path: str) -> tuple[int, int] | None:
    """A file's size and modification time, to tell whether it changed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _as_paths(value: object) -> list[str]:
    """A stored list of paths; one string (an edited settings file) is a list of one."""
    if isinstance(value, str):
        return [value] if value else []
    return [str(p) for p in value if p] if isinstance(value, list | tuple) else []


def _as_font_size(value: object) -> int:
    """A stored point size, or 0 when the settings file holds anything else ("abc", -3)."""
    try:
        size = int(str(value).strip() or 0)
    except (TypeError, ValueError):
        return 0
    return size if 6 <= size <= 32 else 0


def format_for_suffix(suffix: str) -> str:
    suffix = suffix.lower()
    for fmt, known in SUFFIXES.items():
        if suffix == known or (fmt == "markdown" and suffix == ".markdown") or (
                fmt == "html" and suffix == ".htm"):
            return fmt
    return "text"


def write_with_qsavefile(path: str, text: str) -> str | None:
    """Write atomically with QSaveFile; None on success, else the reason."""
    out = QSaveFile(path)
    if not out.open(QSaveFile.OpenModeFlag.WriteOnly):
        return out.errorString() or "cannot open for writing"
    data = text.encode("utf-8", "replace")  # a lone surrogate cannot be written as UTF-8
    if out.write(data) != len(data):
        reason = out.errorString() or "write failed"
        out.cancelWriting()
        out.commit()
        return reason
    if not out.commit():
        return out.errorString() or "could not replace the file"
    return None

