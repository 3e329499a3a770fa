"""The legend of the comparison's colours, drawn from the one scheme (`gui.colours`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from core.colours import MARK_NAMES, STATUS_NAMES
from gui.colours import Scheme


class Legend(QWidget):
    """Word marks and row marks, each a swatch in its colour with what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Colour legend")
        self.labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        for key in [*MARK_NAMES, "char", "partial", "moved"]:
            label = QLabel()
            label.setAccessibleName(f"legend {key}")
            self.labels[key] = label
            layout.addWidget(label)
        self.refresh()

    def entries(self) -> dict[str, tuple[str, str]]:
        """key -> (text shown, background colour name)."""
        scheme = Scheme.from_palette(self.palette())
        words = {k: (v, scheme.mark_colour(k).name()) for k, v in MARK_NAMES.items()}
        words["char"] = ("changed letters", scheme.detail.name())
        words["partial"] = (STATUS_NAMES["partial"], scheme.tint_partial.name())
        words["moved"] = (STATUS_NAMES["moved"], scheme.badge_bg.name())
        return words

    def refresh(self) -> None:
        scheme = Scheme.from_palette(self.palette())
        for key, (text, colour) in self.entries().items():
            style = "text-decoration: line-through;" if key == "del" else ""
            fg = scheme.badge_fg.name() if key == "moved" else scheme.text.name()
            self.labels[key].setText(
                f'<span style="background:{colour}; color:{fg}; {style}">&nbsp;{text}&nbsp;'
                "</span>")
        self.setToolTip("Word marks: added (blue), changed (amber), removed (struck through), "
                        "changed letters inside a changed word; row numbers tinted where "
                        "versions lack a passage or have it elsewhere.")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()
