"""Book-size work on the window's worker threads leaves the UI thread its share of the GIL:
pickles read and written a frame at a time with rests, the article's document filled in
slices, and the row header's size hint not worked out again after every row resize."""

from __future__ import annotations

import pickle
import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTableView

from gui import article_document, gil_share, worker_process
from gui.gil_share import PacedReader, PacedWriter, Pacer, sharing_the_gil
from gui.row_header import RowHeader

PAYLOAD = {"rows": [(i, f"word {i}", [i] * 3) for i in range(60_000)], "text": "x\r\n" * 9}


@pytest.mark.parametrize("protocol", [4, 5])
def test_paced_pickles_round_trip_and_rest(protocol: int) -> None:
    writer = PacedWriter(Pacer(work=0.0, rest=0.0))
    pickle.Pickler(writer, protocol=protocol).dump(PAYLOAD)
    data = writer.getvalue()
    assert pickle.loads(data) == PAYLOAD
    reader = PacedReader(data, Pacer(work=0.0, rest=0.0))
    assert pickle.Unpickler(reader).load() == PAYLOAD
    assert writer.pacer.rests > 10 and reader.pacer.rests > 10  # it let go between frames


@pytest.mark.parametrize("protocol", [0, 2])
def test_old_protocols_read_back_too(protocol: int) -> None:
    small = {"rows": PAYLOAD["rows"][:300], "text": PAYLOAD["text"]}
    data = pickle.dumps(small, protocol=protocol)
    assert pickle.Unpickler(PacedReader(data)).load() == small


def test_a_big_message_is_unpickled_paced(monkeypatch: pytest.MonkeyPatch) -> None:
    readers: list[PacedReader] = []
    real = worker_process.PacedReader
    monkeypatch.setattr(worker_process, "PacedReader",
                        lambda data: readers.append(real(data)) or readers[-1])
    data = worker_process._pickle(("done", PAYLOAD))
    assert len(data) > worker_process._BIG
    try:
        assert worker_process._unpickle(data) == ("done", PAYLOAD)
    finally:
        import gc

        gc.unfreeze()
    assert readers and readers[0].pacer.rests > 0
    assert worker_process._unpickle(pickle.dumps(("progress", 1, 2, "x"))) == \
        ("progress", 1, 2, "x")  # a small one is read at once
    assert len(readers) == 1


def test_the_switch_interval_is_short_while_sharing_and_restored_after() -> None:
    before = sys.getswitchinterval()
    with sharing_the_gil():
        assert sys.getswitchinterval() == pytest.approx(gil_share.SWITCH_SECONDS)
        with sharing_the_gil():
            pass
        assert sys.getswitchinterval() == pytest.approx(gil_share.SWITCH_SECONDS)
    assert sys.getswitchinterval() == pytest.approx(before)


@pytest.mark.parametrize("text", ["", "one line", "a\n\nb\n", "x\r\ny\r\n" * 50,
                                  "para " * 40 + "\n\n" + "é€😀\n" * 200])
def test_the_document_filled_in_slices_is_the_one_set_at_once(
    qtbot, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    rests: list[float] = []
    monkeypatch.setattr(article_document.time, "sleep", rests.append)
    sliced, whole = QTextDocument(), QTextDocument()
    article_document.fill(sliced, text, slice_chars=7)
    whole.setPlainText(text)
    assert sliced.toPlainText() == whole.toPlainText()
    assert sliced.blockCount() == whole.blockCount()
    assert len(rests) >= len(text) // 8  # the GIL was let go between the slices


class _Rows(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked = 0

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        self.asked += 1
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def grow(self, rows: int) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


def test_the_row_header_keeps_its_hint_across_row_resizes(qtbot) -> None:
    model = _Rows(50)
    table = QTableView()
    qtbot.addWidget(table)
    header = RowHeader(table)
    table.setVerticalHeader(header)
    table.setModel(model)
    hint = header.sizeHint()
    plain = QTableView()
    qtbot.addWidget(plain)
    plain.setModel(_Rows(50))
    assert hint == plain.verticalHeader().sizeHint()  # the hint Qt works out itself
    asked = model.asked
    for row in range(50):
        header.resizeSection(row, 40 + row)
        assert header.sizeHint() == hint
    assert model.asked == asked  # no header data asked for again
    model.grow(200_000)  # six-digit row numbers: a wider header
    assert header.sizeHint().width() > hint.width()
    assert model.asked > asked
