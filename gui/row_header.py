"""The comparison's row-number header, whose size hint is not worked out again per resize.

Qt forgets a header's size hint whenever one of its sections is resized, and working it
out again asks the model for the header data of 200 rows (five roles each). Refining the
row heights of a book-size comparison resizes rows in every timer slice, so the window
spent a seventh of its time in ``headerData`` (100,000 calls in 8 s). The hint depends on
the rows' labels and the font, not on their heights: `RowHeader` keeps it until the rows,
their labels or the font change.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

__all__ = ["RowHeader"]


class RowHeader(QHeaderView):
    """A vertical header that remembers its size hint (see the module's docstring)."""

    # class defaults too: Qt may ask for the hint while the instance's own are not set
    _hint: QSize | None = None
    _model: QAbstractItemModel | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hint: QSize | None = None
        self._model: QAbstractItemModel | None = None
        self.sectionCountChanged.connect(self.forget_hint)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if self._model is not None:
            for signal in self._signals(self._model):
                signal.disconnect(self.forget_hint)
        super().setModel(model)
        self._model = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self.forget_hint)
        self.forget_hint()

    @staticmethod
    def _signals(model: QAbstractItemModel) -> tuple:
        return (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                model.headerDataChanged)

    def forget_hint(self, *_: object) -> None:
        self._hint = None

    def sizeHint(self) -> QSize:
        if self._hint is None:
            self._hint = super().sizeHint()
        return QSize(self._hint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.forget_hint()
        super().changeEvent(event)
