"""Show Only Differences trims a differing passage to the words around its changes."""

from __future__ import annotations

import random

import pytest

from core.highlight import Span
from core.trim import ELLIPSIS, TRIM_MARK, place, trim_spans

LONG = " ".join(f"w{i}" for i in range(30)) + " "


def _texts(spans: list[Span]) -> list[tuple[str, str]]:
    return [(s.text, s.mark) for s in spans]


def test_a_change_keeps_its_words_and_a_few_either_side() -> None:
    spans, _ = trim_spans([Span(LONG, ""), Span("new", "chg"), Span(" " + LONG, "")], words=2)
    assert _texts(spans) == [(ELLIPSIS, TRIM_MARK), ("w28 w29 ", ""), ("new", "chg"),
                             (" w0 w1 ", ""), (ELLIPSIS, TRIM_MARK)]


def test_between_two_changes_the_middle_goes() -> None:
    spans, _ = trim_spans([Span("old", "del"), Span(" " + LONG, ""), Span("new", "ins")],
                          words=2)
    assert _texts(spans) == [("old", "del"), (" w0 w1 ", ""), (ELLIPSIS, TRIM_MARK),
                             ("w28 w29 ", ""), ("new", "ins")]


def test_an_unmarked_passage_keeps_its_first_words_and_short_ones_stay() -> None:
    spans, _ = trim_spans([Span(LONG, "")], words=2)
    assert _texts(spans) == [("w0 w1 ", ""), (ELLIPSIS, TRIM_MARK)]
    short = [Span("a b c d e f g", ""), Span("x", "chg")]
    assert trim_spans(short, words=2)[0] == short


def test_every_marked_span_survives_whole_and_kept_pieces_map_back() -> None:
    rng = random.Random(3)
    for _ in range(300):
        spans, text = [], ""
        mark = None
        for _ in range(rng.randint(1, 8)):  # neighbours differ in mark, as in a cell
            mark = rng.choice([m for m in ("", "", "chg", "ins", "del", "char") if m != mark])
            words = " ".join(f"t{rng.randint(0, 99)}" for _ in range(rng.randint(1, 40)))
            spans.append(Span(words + " ", mark))
            text += words + " "
        trimmed, pieces = trim_spans(spans, words=rng.randint(1, 6))
        shown = "".join(s.text for s in trimmed)
        assert [s for s in trimmed if s.mark not in ("", TRIM_MARK)] == [
            s for s in spans if s.mark]
        for piece in pieces:
            assert shown[piece.trimmed_start:piece.trimmed_start + piece.end - piece.start] \
                == text[piece.start:piece.end]
        for start in range(0, len(text), 7):
            where = place(pieces, start, start + 3)
            if where is not None:
                assert shown[where[0]:where[1]] == text[start:start + 3]


pytest.importorskip("pytestqt")

from gui.cell_delegate import CELL_ROLE  # noqa: E402
from tests.test_folding_rule import _settle, _view, syndicated  # noqa: E402


@pytest.fixture(scope="module")
def reworded():
    return syndicated(copies=6)


def _content(view, row: int, version: int):
    return view.model.index(row, version).data(CELL_ROLE)


def test_differing_rows_are_trimmed_the_current_one_is_whole(qtbot, reworded) -> None:
    view = _view(qtbot, reworded)
    model = view.model
    # the reworded passage: one copy changed two words and added a sentence
    row = next(r for r in range(model.rowCount()) if model.row_kind(r) == "changed")
    whole = "".join(s.text for s in _content(view, row, 0).spans)
    height = view.table.rowHeight(row)
    view.set_only_differences(True)
    _settle(qtbot, view)
    trimmed = _content(view, row, 0).spans
    assert any(s.mark == TRIM_MARK for s in trimmed)
    assert len("".join(s.text for s in trimmed)) < len(whole)
    assert view.table.rowHeight(row) < height
    view.set_current_row(row)  # the passage being read is shown whole
    _settle(qtbot, view)
    assert "".join(s.text for s in _content(view, row, 0).spans) == whole
    assert view.table.rowHeight(row) == height
    view.set_current_row(row + 1 if row + 1 < model.rowCount() else row - 1)
    _settle(qtbot, view)
    assert any(s.mark == TRIM_MARK for s in _content(view, row, 0).spans)
    view.set_only_differences(False)
    _settle(qtbot, view)
    assert "".join(s.text for s in _content(view, row, 0).spans) == whole
    assert view.table.rowHeight(row) == height


def test_find_matches_in_a_trimmed_passage_are_drawn_on_the_words_kept(qtbot, reworded
                                                                        ) -> None:
    view = _view(qtbot, reworded)
    view.set_only_differences(True)
    _settle(qtbot, view)
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.row_kind(r) == "changed")
    version = next(v for v in range(model.columnCount())
                   if any(s.mark == "ins" for s in _content(view, row, v).spans))
    view.set_current_row(0 if row else 1)
    _settle(qtbot, view)
    view.set_find("Officials")
    qtbot.waitUntil(lambda: not view.finding(), timeout=10000)
    content = _content(view, row, version)
    shown = "".join(s.text for s in content.spans)
    assert any(s.mark == TRIM_MARK for s in content.spans) and content.finds
    assert all(shown[start:end] == "Officials" for start, end, _ in content.finds)
