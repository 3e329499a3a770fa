"""The clean article pane: the editable article and the list of what was left out."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.article import Article
from core.export import to_text
from gui.editor_find import EditorFindBar


@dataclass(frozen=True)
class Passage:
    """A passage of one version, named by the version's position and the block index."""

    version: int
    block: int


class CleanView(QWidget):
    """Shows the article; emits requests to keep or leave out passages.

    ``restore_requested(version, block)`` asks to keep a removed passage;
    ``undo_requested(version, block)`` asks to drop the user's own decision about it.
    """

    restore_requested = Signal(int, int)
    undo_requested = Signal(int, int)
    modified_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self._article: Article | None = None
        self._names: list[str] = []
        self._setting = False

        self.heading = QLabel("Clean article")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.source = QLabel("")
        self.source.setWordWrap(True)
        self.source.setForegroundRole(self.source.foregroundRole())

        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("The clean article appears here once versions are loaded.")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.document().modificationChanged.connect(self._on_modified)
        serif = QFont("Serif")
        serif.setStyleHint(QFont.StyleHint.Serif)
        serif.setPointSizeF(self.editor.font().pointSizeF() + 1)
        self.editor.setFont(serif)

        self.removed = QTreeWidget()
        self.removed.setHeaderLabels(["Left out", "Why", "Version"])
        self.removed.setRootIsDecorated(False)
        self.removed.setAlternatingRowColors(True)
        self.removed.setUniformRowHeights(True)
        self.removed.setColumnWidth(0, 220)
        self.removed.setColumnWidth(1, 200)
        self.removed.currentItemChanged.connect(self._update_buttons)
        self.removed.itemDoubleClicked.connect(lambda *_: self.restore_current())
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Put the selected passage back into the clean article")
        self.restore_button.clicked.connect(self.restore_current)
        self.undo_button = QPushButton("Leave out again")
        self.undo_button.setToolTip("Undo your decision about the selected passage")
        self.undo_button.clicked.connect(self.undo_current)
        self.removed_label = QLabel("Left out")

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.removed_label)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.undo_button)
        bottom_layout.addLayout(buttons)
        bottom_layout.addWidget(self.removed)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.source)
        top_layout.addWidget(self.editor)
        self.find_bar = EditorFindBar(self.editor)
        top_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._update_buttons()

    # --- article -------------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    def set_article(self, article: Article | None, names: list[str], *,
                    user_decisions: dict[tuple[int, int], bool] | None = None,
                    replace_text: bool = True, text: str | None = None) -> None:
        """Show ``article``; with ``replace_text`` False the user's edited text stays.

        ``text`` is the article's plain text when the caller already has it.
        """
        self._article = article
        self._names = names
        if replace_text:
            self._setting = True
            if text is None:
                text = to_text(article) if article else ""
            self.editor.setPlainText(text)
            self.editor.document().setModified(False)
            self._setting = False
        if article is None:
            self.source.setText("")
        elif len(names) > 1:
            self.source.setText(f"Consensus of {len(names)} versions — edit freely, then save.")
        else:
            self.source.setText(f"From {names[0]} — edit freely, then save." if names else "")
        self._fill_removed(article, user_decisions or {})

    def _fill_removed(self, article: Article | None,
                      decisions: dict[tuple[int, int], bool]) -> None:
        self.removed.clear()
        items = []
        for removal in article.removed if article else ():
            snippet = " ".join(removal.text.split())
            item = QTreeWidgetItem([snippet, removal.reason,
                                    self._names[removal.version]
                                    if removal.version < len(self._names) else ""])
            item.setToolTip(0, removal.text[:2000])
            item.setToolTip(1, removal.reason)
            item.setData(0, Qt.ItemDataRole.UserRole, Passage(removal.version, removal.block))
            items.append(item)
        for (version, block), keep in sorted(decisions.items()):
            if keep and article is not None:
                item = QTreeWidgetItem(["(restored by you)", "kept at your request",
                                        self._names[version] if version < len(self._names)
                                        else ""])
                item.setData(0, Qt.ItemDataRole.UserRole, Passage(version, block))
                item.setData(1, Qt.ItemDataRole.UserRole, True)
                items.append(item)
        self.removed.addTopLevelItems(items)
        self.removed_label.setText(f"Left out ({len(article.removed) if article else 0})")
        self._update_buttons()

    def _current(self) -> tuple[Passage | None, bool]:
        item = self.removed.currentItem()
        if item is None:
            return None, False
        return item.data(0, Qt.ItemDataRole.UserRole), bool(item.data(1, Qt.ItemDataRole.UserRole))

    def _update_buttons(self, *_: object) -> None:
        passage, restored = self._current()
        self.restore_button.setEnabled(passage is not None and not restored)
        reason = self.removed.currentItem().text(1) if self.removed.currentItem() else ""
        self.undo_button.setEnabled(passage is not None and (restored or
                                                             reason == "removed by the user"))

    def restore_current(self) -> None:
        passage, restored = self._current()
        if passage is not None and not restored:
            self.restore_requested.emit(passage.version, passage.block)

    def undo_current(self) -> None:
        passage, _ = self._current()
        if passage is not None:
            self.undo_requested.emit(passage.version, passage.block)

    # --- text ----------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def is_modified(self) -> bool:
        return self.editor.document().isModified()

    def set_saved(self) -> None:
        self.editor.document().setModified(False)

    def _on_modified(self, modified: bool) -> None:
        if not self._setting:
            self.modified_changed.emit(modified)
