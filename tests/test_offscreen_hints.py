"""With many versions, a row whose differing copies are all scrolled out of sight sideways
says so at the edge they lie beyond, and a click on that cue scrolls to them."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt

from core.compare import compare
from core.model import Block, BlockKind, Format, Version
from gui.compare_view import CompareView
from gui.offscreen_hint import hint_text

WORDS = [
    "the",
    "council",
    "said",
    "new",
    "rules",
    "would",
    "apply",
    "from",
    "next",
    "year",
    "while",
    "critics",
    "warned",
    "that",
    "costs",
    "could",
    "rise",
    "for",
    "families",
    "in",
    "the",
    "north",
]


def _texts(count: int) -> list[str]:
    rng = random.Random(11)
    return [" ".join(rng.choice(WORDS) for _ in range(8)) + f" ({i})." for i in range(count)]


@pytest.fixture(scope="module")
def thirteen():
    """13 copies: the last two carry a passage of their own (row "right"), the first two
    after the base another (row "left"), and only the last rewords passage 6."""
    story = _texts(10)
    versions = []
    for v in range(13):
        texts = list(story)
        if v == 12:
            texts[6] = texts[6].replace("(6).", "(6), officials said.")
        if v in (11, 12):
            texts.insert(3, "Harbour workers unloaded grain ships all night, a spokesman added.")
        if v in (1, 2):
            texts.insert(8, "Passengers waited at the station for hours as trains were cancelled.")
        versions.append(
            Version(
                f"copy-{v:02d}.txt",
                Format.TEXT,
                "utf-8",
                tuple(Block(BlockKind.PARAGRAPH, t) for t in texts),
            )
        )
    return compare(versions)


def _row_with(comparison, needle: str) -> int:
    return next(
        r
        for r in range(len(comparison.alignment.rows))
        if any(needle in comparison.cell_text(r, v) for v in range(len(comparison.versions)))
    )


def _view(qtbot, comparison) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1000, 1200)
    view.show()
    view.set_comparison(comparison)
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=30000)
    return view


def test_hint_wording() -> None:
    assert hint_text(3, "text", False, "\u2192") == "differs in 3 versions \u2192"
    assert hint_text(1, "text", True, "\u2190") == "\u2190 in 1 version"
    assert hint_text(2, "gap", False, "\u2192") == "missing in 2 versions \u2192"


def test_rows_differing_out_of_sight_say_so_and_a_click_scrolls_there(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen)
    assert view.frozen.active  # not every column fits
    right = _row_with(thirteen, "Harbour")
    left = _row_with(thirteen, "station")
    reworded = _row_with(thirteen, "officials said")
    hints = {h.row: h for h in view.hints.hints()}
    assert hints[right].text == "in 2 versions \u2192"
    assert hints[reworded].text == "differs in 1 version \u2192"
    assert left not in hints  # its copies are in sight
    hint = hints[right]
    viewport = view.table.viewport()
    assert hint.rect.right() > viewport.width() - 20  # at the right edge
    assert hint.rect.top() >= view.table.rowViewportPosition(right)
    assert view.hints.isVisible() and view.hints.geometry() == viewport.geometry()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=hint.rect.center())
    assert view.current_row() == right
    header = view.table.horizontalHeader()
    column = hint.column
    assert column in (11, 12)
    assert header.sectionViewportPosition(column) >= view.frozen.width_covered()
    assert header.sectionViewportPosition(column) + header.sectionSize(column) <= viewport.width()
    assert right not in {h.row for h in view.hints.hints()}  # in sight now
    # scrolled fully right, the early copies' passage is out of sight to the left
    bar = view.table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    hints = {h.row: h for h in view.hints.hints()}
    assert hints[left].text == "\u2190 in 2 versions"
    assert hints[left].rect.left() < view.frozen.width_covered() + 20
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=hints[left].rect.center())
    assert view.current_row() == left and left not in {h.row for h in view.hints.hints()}


def test_no_hints_when_every_column_fits_and_clicks_elsewhere_reach_the_table(
    qtbot, thirteen
) -> None:
    view = _view(qtbot, thirteen)
    reworded = _row_with(thirteen, "officials said")
    point = QPoint(view.frozen.width_covered() + 40, view.table.rowViewportPosition(reworded) + 8)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.current_row() == reworded
    assert view.table.horizontalScrollBar().value() == 0  # an ordinary click: no scroll
    view.resize(4000, 900)
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=30000)
    assert not view.frozen.active and view.hints.hints() == []
