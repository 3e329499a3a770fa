"""The versions panel model: include/exclude, base, reorder by dragging, remove."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, Qt

from core.model import Block, BlockKind, Format, Version
from gui.versions_panel import VersionsModel


def version(name: str) -> Version:
    block = Block(BlockKind.PARAGRAPH, f"Text of {name} with a few words in it.")
    return Version(path=f"/tmp/{name}.txt", format=Format.TEXT, encoding="utf-8",
                   blocks=(block,))


@pytest.fixture
def model(qapp) -> VersionsModel:
    m = VersionsModel()
    m.add([version(n) for n in "abcd"])
    return m


def names(model: VersionsModel) -> list[str]:
    return [e.version.name for e in model.entries]


def test_reorder_by_drag_keeps_the_base_entry(model: VersionsModel) -> None:
    model.set_base(2)
    mime = model.mimeData([model.index(0, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert names(model) == ["b.txt", "c.txt", "d.txt", "a.txt"]
    assert model.entries[model.base].version.name == "c.txt"


def test_checkbox_excludes_but_never_the_base(model: VersionsModel) -> None:
    changes: list[int] = []
    model.changed.connect(lambda: changes.append(1))
    assert model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert model.included_rows() == [0, 2, 3]
    model.set_included(0, False)  # the base stays in
    assert model.included_rows() == [0, 2, 3]
    assert changes == [1]


def test_remove_before_base_shifts_it(model: VersionsModel) -> None:
    model.set_base(3)
    model.remove(0)
    assert names(model) == ["b.txt", "c.txt", "d.txt"]
    assert model.entries[model.base].version.name == "d.txt"
    assert model.data(model.index(model.base, 3)) == "base"
