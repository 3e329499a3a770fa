"""What the comparison pane shows before there is anything to compare."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

WELCOME = ("<h2>Compare versions of an article</h2>"
           "<p>Drop two or more versions here — files, a folder, or text or HTML dragged "
           "from a browser — or open them.</p>"
           "<p>Every version appears side by side, passage by passage, with each changed "
           "word marked; the clean article builds up on the right.</p>")


class EmptyState(QWidget):
    """A drop zone with "Open Files…" and "Open the samples" buttons."""

    open_files = Signal()
    open_samples = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        self.setAccessibleName("Nothing to compare yet")
        self.setAutoFillBackground(True)
        self.message = QLabel(WELCOME)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton("Open Files…")
        self.open_button.setAccessibleName("Open Files")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_files)
        self.samples_button = QPushButton("Open the samples")
        self.samples_button.setAccessibleName("Open the samples")
        self.samples_button.setToolTip("Four versions of one news article, bundled")
        self.samples_button.clicked.connect(self.open_samples)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.samples_button)
        buttons.addStretch(1)
        frame = QWidget()
        frame.setObjectName("drop-zone")
        frame.setStyleSheet("QWidget#drop-zone { border: 2px dashed palette(mid); "
                            "border-radius: 12px; }")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.addWidget(self.message)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        frame.setMaximumWidth(580)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 8)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
