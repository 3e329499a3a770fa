"""Find in a large comparison runs in slices: the window never waits for the whole search,
the count grows to the full one, steps wait for their match, match case holds."""

from __future__ import annotations

import itertools

import pytest

pytest.importorskip("pytestqt")

from core.compare import compare
from core.model import Block, BlockKind, Format, Version
from gui.compare_view import CompareView
from gui.find_bar import FindBar
from gui.find_search import ROWS_PER_CHECK, CellTexts, fold_case, search

SENTENCE = "the harbour board said new ferries would sail from spring while fares rose"
WORDS = SENTENCE.split(" ")


def _comparison(rows: int = 600):
    texts = [" ".join(WORDS[(i + k) % len(WORDS)] for k in range(30)) + f" Passage {i}."
             for i in range(rows)]
    other = [t.replace("Passage", "PASSAGE") if i % 3 == 0 else t for i, t in enumerate(texts)]
    versions = [Version(name, Format.TEXT, "utf-8",
                        tuple(Block(BlockKind.PARAGRAPH, t) for t in body))
                for name, body in (("a.txt", texts), ("b.txt", other))]
    return compare(versions)


@pytest.fixture(scope="module")
def big():
    return _comparison()


def _slow_clock(view: CompareView) -> None:
    """Every check of the clock sees the slice's time spent: each slice searches only
    `ROWS_PER_CHECK` rows, as on a comparison too large for one."""
    ticks = itertools.count(step=1.0)
    view._finder.clock = lambda: next(ticks)


def _brute(comparison, needle: str, match_case: bool) -> int:
    total = 0
    for row in range(len(comparison.alignment.rows)):
        for version in range(len(comparison.versions)):
            text = comparison.cell_text(row, version)
            total += (text if match_case else text.casefold()).count(
                needle if match_case else needle.casefold())
    return total


def test_fold_case_keeps_offsets() -> None:
    assert fold_case("Straße MAIN") == "straße main"
    assert len(fold_case("İstanbul ß ǅ")) == len("İstanbul ß ǅ")
    texts = CellTexts(_comparison(3))
    found = [m for row in search(texts, "PASSAGE 0", match_case=False, columns=[0, 1],
                                 skip=set()) for m in row]
    at = texts.text(0, 0).index("Passage 0")
    assert found == [(0, 0, at, at + 9), (0, 1, at, at + 9)]
    assert texts.text(0, 1)[at:at + 9] == "PASSAGE 0"


def _shown_view(qtbot, comparison) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.set_comparison(comparison)
    return view


def test_a_large_find_is_searched_in_slices(qtbot, big) -> None:
    view = _shown_view(qtbot, big)
    _slow_clock(view)
    first = view.set_find("passage")
    assert view.finding()  # set_find returned after the first slice, not the whole search
    assert first <= 2 * ROWS_PER_CHECK < _brute(big, "passage", False)
    progress = []
    view.find_progress.connect(lambda: progress.append(view.match_count()))
    qtbot.waitUntil(lambda: not view.finding(), timeout=20000)
    assert view.match_count() == _brute(big, "passage", False) == 1200
    assert len(progress) > 10 and progress == sorted(progress)
    # every match is drawn in its cell
    row, version, start, end = view._matches[-1]
    assert (start, end) in view.model.finds[(row, version)]
    # match case: only the upper-case copies
    view.set_find("PASSAGE", match_case=True)
    qtbot.waitUntil(lambda: not view.finding(), timeout=20000)
    assert view.match_count() == _brute(big, "PASSAGE", True) == 200


def test_a_step_waits_for_its_match_while_searching(qtbot, big) -> None:
    view = _shown_view(qtbot, big)
    view.set_current_row(400)
    _slow_clock(view)
    view.set_find("PASSAGE", match_case=True)
    assert view.step_match(1) == -1  # row 400's next match is not found yet
    qtbot.waitUntil(lambda: view.current_match() >= 0, timeout=20000)
    row, version, _, _ = view._matches[view.current_match()]
    assert row == 402 and version == 1 and view.current_row() == 402
    view.set_find("PASSAGE", match_case=True)  # backwards wraps to the last: waits the end
    view.set_current_row(0)
    assert view.step_match(-1) == -1 and view.finding()
    qtbot.waitUntil(lambda: not view.finding(), timeout=20000)
    assert view.current_match() == view.match_count() - 1 and view.current_row() == 597


def test_find_bar_says_more_are_coming(qtbot, big) -> None:
    view = CompareView()
    qtbot.addWidget(view)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    view.set_comparison(big)
    _slow_clock(view)
    bar.show()
    bar.edit.setText("passage")
    bar.refresh()
    assert bar.status.text().endswith("+ matches")
    qtbot.waitUntil(lambda: not view.finding(), timeout=20000)
    assert bar.status.text() == "1200 matches"
    bar.step(1)
    assert bar.status.text() == "1 of 1200"
