"""The comparison's find bar: every match marked, "3 of 17", previous / next, match case."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from gui.compare_view import CompareView


class FindBar(QWidget):
    """Finds text in every version of the comparison; Enter / Shift+Enter step, Esc closes."""

    def __init__(self, view: CompareView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setAccessibleName("Find in the versions")
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Find text")
        self.edit.setPlaceholderText("Find in the versions (Enter: next, Shift+Enter: "
                                     "previous, Esc: close)")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._schedule)
        self.edit.installEventFilter(self)
        self.case = QCheckBox("Match case")
        self.case.setAccessibleName("Match case")
        self.case.toggled.connect(lambda _: self.refresh())
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.previous_button.setAccessibleName("Previous match")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.next_button.setAccessibleName("Next match")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.status = QLabel()
        self.status.setAccessibleName("Matches")
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance("8888 of 88888+ "))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.case)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        self._searched: tuple[str, bool] | None = None
        view.find_progress.connect(self._show_status)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.hide()
        self.view.set_find("")
        self._searched = None

    def _schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> int:
        """Search again (the text, the case option or the comparison changed)."""
        self._timer.stop()
        text = self.edit.text() if not self.isHidden() else ""
        count = self.view.set_find(text, match_case=self.case.isChecked())
        self._searched = (text, self.case.isChecked())
        self._show_status()
        return count

    def step(self, direction: int) -> bool:
        """Go to the next (1) or previous (-1) match; False when there is none."""
        if self._timer.isActive() or self._searched != (self.edit.text(),
                                                        self.case.isChecked()):
            self.refresh()
        found = self.view.step_match(direction) >= 0
        self._show_status()
        return found

    def _show_status(self) -> None:
        """"3 of 17"; while a large comparison is still being searched, "3 of 17+"."""
        count = self.view.match_count()
        current = self.view.current_match()
        more = "+" if self.view.finding() else ""
        if not self.edit.text():
            self.status.setText("")
        elif count == 0:
            self.status.setText("Searching…" if more else "Not found")
        elif current < 0:
            self.status.setText(f"{count}{more} match{'es' if count != 1 or more else ''}")
        else:
            self.status.setText(f"{current + 1} of {count}{more}")

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and \
                event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.step(-1 if backwards else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
