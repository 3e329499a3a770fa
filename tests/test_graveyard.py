"""The last comparison is freed a slice at a time between the window's events, not in one
go when a new result arrives; what something else still holds is left whole."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pytest

pytest.importorskip("PySide6")

from window_helpers import settled_with

from gui.graveyard import Graveyard
from gui.main_window import sample_files


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Node:
    name: str
    parts: tuple[object, ...] = ()


def _tree(width: int, depth: int) -> Node:
    if depth == 0:
        return Node("leaf", tuple([f"word {i}"] for i in range(4)))
    return Node(f"level {depth}", tuple(_tree(width, depth - 1) for _ in range(width)))


def test_a_big_structure_is_freed_over_several_slices(qtbot) -> None:
    graveyard = Graveyard()
    tree = _tree(30, 3)  # 27,000 leaves
    shared = tree.parts[5]
    watch = weakref.ref(tree.parts[0].parts[0])
    graveyard.bury(tree)
    del tree
    assert watch() is not None  # nothing is freed while burying
    graveyard.step(0.0)  # the smallest slice frees a little
    assert len(graveyard) > 0
    qtbot.waitUntil(lambda: len(graveyard) == 0, timeout=20000)
    assert watch() is None
    assert len(shared.parts) == 30 and shared.parts[0].parts[0].name == "leaf"  # left whole


def test_the_replaced_comparison_goes_to_the_graveyard(qtbot, window) -> None:
    window.add_paths(sample_files()[:2])
    qtbot.waitUntil(lambda: settled_with(window, 2), timeout=30000)
    old = (id(window.comparison), id(window.session.draft), id(window.session.rendered))
    buried: list[tuple[int, ...]] = []
    real = window.graveyard.bury
    window.graveyard.bury = lambda *objects: buried.append(tuple(map(id, objects))) or real(
        *objects)
    window.actions_by_name["ignore_case"].trigger()
    qtbot.waitUntil(lambda: settled_with(window, 2) and bool(buried), timeout=30000)
    assert buried[0] == old  # taken while the window still held them
    qtbot.waitUntil(lambda: len(window.graveyard) == 0, timeout=10000)
