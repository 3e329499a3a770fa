"""The comparison view: model shape, navigation, hiding, find, menus, speed, screenshots."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from core.compare import Comparison, compare
from core.highlight import row_differs
from core.load import load_path
from core.model import Block, BlockKind, Format, Version
from gui.cell_delegate import CELL_ROLE, CellContent
from gui.compare_view import CompareView

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
NAMES = ("revised.txt", "scraped.txt", "site-page.html", "syndicated.md")


@pytest.fixture(scope="module")
def samples() -> Comparison:
    return compare([load_path(SAMPLES / name) for name in NAMES])


@pytest.fixture(scope="module")
def large() -> Comparison:
    """Two versions of 2,000 generated paragraphs, every tenth one edited."""
    rng = random.Random(7)
    words = "the a minister said that new rules would apply from next year while critics warned"
    words = words.split()
    paras = [" ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) + f" ({i})."
             for i in range(2000)]
    edited = [p.replace(" the ", " a ", 1) if i % 10 == 0 else p for i, p in enumerate(paras)]

    def version(name: str, texts: list[str]) -> Version:
        blocks = tuple(Block(BlockKind.PARAGRAPH, t) for t in texts)
        return Version(name, Format.TEXT, "utf-8", blocks)

    return compare([version("a.txt", paras), version("b.txt", edited)])


@pytest.fixture
def view(qtbot, samples: Comparison) -> CompareView:
    widget = CompareView()
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.set_comparison(samples)
    return widget


def _differing(comparison: Comparison) -> list[int]:
    """Rows with a mark, a gap or a move (a case change counts, whatever the aligner's
    normalised status says)."""
    return [r for r in range(len(comparison.alignment.rows)) if row_differs(comparison, r)]


def _all_dropped(comparison: Comparison) -> list[int]:
    return [r for r, row in enumerate(comparison.alignment.rows)
            if all(not comparison.cleaned[v].verdicts[b].keep
                   for v, cell in enumerate(row.cells) for b in cell)]


def test_model_shape_follows_the_alignment(view: CompareView, samples: Comparison) -> None:
    assert view.model.rowCount() == len(samples.alignment.rows)
    assert view.model.columnCount() == len(samples.versions)
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert "revised.txt" in headers[0] and "base" in headers[0]
    assert headers[1:] == ["scraped.txt", "site-page.html", "syndicated.md"]


def test_cells_carry_spans_gaps_drops_and_moves(view: CompareView, samples: Comparison) -> None:
    rows = samples.alignment.rows
    gap = next((r, v) for r, row in enumerate(rows) for v, c in enumerate(row.cells) if not c)
    assert view.model.index(*gap).data(CELL_ROLE).gap
    dropped = _all_dropped(samples)[0]
    v = rows[dropped].present()[0]
    content = view.model.index(dropped, v).data(CELL_ROLE)
    assert isinstance(content, CellContent) and content.dropped and content.reason
    moved_row = next(r for r, row in enumerate(rows) if row.moved)
    mv = min(rows[moved_row].moved)
    badge = view.model.index(moved_row, mv).data(CELL_ROLE).badge
    assert badge and badge.startswith("moved")
    tip = view.model.index(moved_row, mv).data(Qt.ItemDataRole.ToolTipRole)
    assert "similar to" in tip and "Supported by" in tip


def test_next_and_previous_difference(qtbot, view: CompareView, samples: Comparison) -> None:
    expected = _differing(samples)
    assert expected
    seen = []
    with qtbot.waitSignal(view.current_row_changed):
        assert view.next_difference()
    seen.append(view.current_row())
    while view.next_difference():
        seen.append(view.current_row())
    assert seen == expected
    assert view.current_row() == expected[-1]
    assert not view.next_difference()
    back = [view.current_row()]
    while view.previous_difference():
        back.append(view.current_row())
    assert back == expected[::-1]
    assert not view.previous_difference()


def test_hiding_dropped_hides_rows_dropped_everywhere(view: CompareView,
                                                      samples: Comparison) -> None:
    expected = _all_dropped(samples)
    assert expected and len(expected) < len(samples.alignment.rows)
    view.set_show_dropped(False)
    hidden = [r for r in range(view.model.rowCount()) if view.is_row_hidden(r)]
    assert hidden == expected
    view.set_current_row(-1)
    steps = []
    while view.next_difference():
        steps.append(view.current_row())
    assert not set(steps) & set(expected)
    view.set_show_dropped(True)
    assert not any(view.is_row_hidden(r) for r in range(view.model.rowCount()))


def test_find_moves_to_a_matching_row_and_wraps(view: CompareView, samples: Comparison) -> None:
    matches = [r for r in range(len(samples.alignment.rows))
               if "atacms" in " ".join(samples.cell_text(r, v) for v in range(4)).lower()]
    assert len(matches) >= 2
    assert view.find("AtAcMs")
    assert view.current_row() == matches[0]
    assert view.find("atacms")
    assert view.current_row() == matches[1]
    view.set_current_row(matches[-1])
    assert view.find("atacms")  # wraps around to the first
    assert view.current_row() == matches[0]
    assert view.find("atacms", backwards=True)  # and backwards to the last
    assert view.current_row() == matches[-1]
    assert not view.find("no such words anywhere")
    assert view.current_row() == matches[-1]


def test_keyboard_moves_the_current_row(qtbot, view: CompareView) -> None:
    view.show()
    view.set_current_row(3)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.current_row() == 4
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.current_row() == 3


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def test_context_menu_emits_signals(qtbot, view: CompareView, samples: Comparison) -> None:
    rows = samples.alignment.rows
    row = next(r for r, x in enumerate(rows) if x.status == "changed")
    menu = view.context_menu(row, 1)
    with qtbot.waitSignal(view.wording_chosen) as chosen:
        _action(menu, "Use this version's wording in the clean article").trigger()
    assert chosen.args == [row, 1]
    block = rows[row].cells[1][0]
    with qtbot.waitSignal(view.block_keep_requested) as leave:
        _action(menu, "Leave this passage out").trigger()
    assert leave.args == [1, block, False]

    dropped = _all_dropped(samples)[0]
    v = rows[dropped].present()[0]
    menu = view.context_menu(dropped, v)
    with qtbot.waitSignal(view.block_keep_requested) as keep:
        _action(menu, "Keep this passage in the clean article").trigger()
    assert keep.args == [v, rows[dropped].cells[v][0], True]
    gap = next((r, c) for r, x in enumerate(rows) for c, cell in enumerate(x.cells) if not cell)
    assert view.context_menu(*gap) is None


def test_set_comparison_none_clears(qtbot, view: CompareView) -> None:
    view.set_current_row(5)
    with qtbot.waitSignal(view.current_row_changed) as changed:
        view.set_comparison(None)
    assert changed.args == [-1]
    assert view.model.rowCount() == 0 and view.model.columnCount() == 0
    assert view.current_row() == -1
    assert not view.next_difference() and not view.find("biden")


def test_zoom_changes_the_font_and_row_heights(qtbot, view: CompareView) -> None:
    view.show()
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)
    size, height = view.font_point_size(), view.table.verticalHeader().length()
    view.zoom(3)
    assert view.font_point_size() == size + 3
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)
    assert view.table.verticalHeader().length() > height


def test_overview_strip_click_jumps(qtbot, view: CompareView, samples: Comparison) -> None:
    view.show()
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)
    strip = view.strip
    bottom = strip.height() - strip.bottom_margin - 2
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(7, bottom))
    bar = view.table.verticalScrollBar()
    assert bar.value() > bar.maximum() // 2


def test_large_comparison_sets_up_fast(qtbot, large: Comparison) -> None:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    start = time.perf_counter()
    view.set_comparison(large)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, elapsed
    assert view.model.rowCount() == len(large.alignment.rows) >= 2000
    assert view.layout_pending()  # exact heights follow in timer ticks
    assert view.next_difference()
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=20000)


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.Base, "#1e1e1e"),
                         (roles.AlternateBase, "#262626"), (roles.Text, "#e6e6e6"),
                         (roles.WindowText, "#e6e6e6"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d7fd6"),
                         (roles.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


def _light_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#efefef"), (roles.Base, "#ffffff"),
                         (roles.AlternateBase, "#f5f5f5"), (roles.Text, "#1a1a1a"),
                         (roles.WindowText, "#1a1a1a"), (roles.Button, "#e8e8e8"),
                         (roles.ButtonText, "#1a1a1a"), (roles.Highlight, "#2f6fd0"),
                         (roles.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot(qtbot, tmp_path: Path, samples: Comparison, scheme: str) -> None:
    view = CompareView()
    qtbot.addWidget(view)
    view.setPalette(_dark_palette() if scheme == "dark" else _light_palette())
    view.resize(1400, 900)
    view.show()
    view.set_comparison(samples)
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)
    assert view.delegate.scheme.dark == (scheme == "dark")
    view.find("Despite this change")
    QApplication.processEvents()
    image = view.grab()
    assert image.width() == 1400 and image.height() == 900
    path = tmp_path / f"compare_view_{scheme}.png"
    assert image.save(str(path))
    target = Path("/tmp/compare_view.png" if scheme == "light" else "/tmp/compare_view_dark.png")
    shutil.copyfile(path, target)
