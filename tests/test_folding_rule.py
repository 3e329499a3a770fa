"""Show Only Differences on copies of one story from many sites: each copy brings lines
of its own (clutter the clean article leaves out), some copies are cut short. Only the
passages of the article that differ stay in sight; the rest folds into rows that say
what they hold; turning it off restores every row."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pytestqt")

from core.compare import Comparison, DiffOptions, compare
from core.draft import Fate
from core.model import Block, BlockKind, Format, Version
from gui.cell_delegate import CELL_ROLE
from gui.compare_view import CompareView
from gui.folding import fold_label, fold_runs, fold_tip

SENTENCE = ("the ministers met in the capital on monday to discuss trade rules, energy prices "
            "and the border while crowds gathered outside the palace in the rain")
WORDS = SENTENCE.split(" ")


CLUTTER_WORDS = ("puzzle radio bread soup garden weather football tickets concert recipe "
                 "column podcast horoscope lottery traffic crossword cinema holiday auction "
                 "museum garage bakery festival quiz")
CLUTTER = CLUTTER_WORDS.split(" ")


def _story(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))).capitalize()
            + f" ({i})." for i in range(count)]


def syndicated(copies: int = 13, paragraphs: int = 24) -> Comparison:
    """``copies`` copies of one story: each site adds two lines of its own, two copies
    stop four passages early, one copy rewords one passage."""
    story = _story(paragraphs)
    versions = []
    for v in range(copies):
        texts = list(story)
        if v in (3, 8):
            texts = texts[:-4]  # cut short
        if v == 5:
            texts[10] = texts[10].replace(" the ", " a ", 2) + " Officials declined to comment."
        rng = random.Random(100 + v)
        own = [" ".join(rng.sample(CLUTTER, 12)).capitalize() + "." for _ in range(2)]
        texts.insert(1 + v % 5, own[0])
        texts.insert(12 + v % 7, own[1])
        versions.append(Version(f"site-{v:02d}.txt", Format.TEXT, "utf-8",
                                tuple(Block(BlockKind.PARAGRAPH, t) for t in texts)))
    return compare(versions)


@pytest.fixture(scope="module")
def copies() -> Comparison:
    return syndicated()


def _view(qtbot, comparison: Comparison, *, show_removed: bool = False) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1600, 900)
    view.show()
    view.set_show_dropped(show_removed)
    view.set_comparison(comparison)
    _settle(qtbot, view)
    return view


def _folded(qtbot, comparison: Comparison) -> CompareView:
    """A view of ``comparison`` with Show Only Differences on, no context around."""
    view = _view(qtbot, comparison)
    view.set_context(0)
    view.set_only_differences(True)
    _settle(qtbot, view)
    return view


def _settle(qtbot, view: CompareView) -> None:
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=30000)


def _shown(view: CompareView) -> list[int]:
    return [r for r in range(view.model.rowCount()) if not view.is_row_hidden(r)]


def test_left_out_rows_fold_even_alone_and_never_count_as_context() -> None:
    differs = [True, True, False, False, True, False, False, False]
    # rows 1 and 5 are left out of the article: 1 folds alone, 5 is no context for 4
    assert fold_runs(differs, set(), context=1, left_out={1, 5}) == [[1], [5]]
    assert fold_runs(differs, set(), context=1) == [[6, 7]]
    assert fold_label(5) == "5 identical passages"
    assert fold_label(7, 2) == "5 identical passages, 2 left out"
    assert fold_label(1, 1) == "1 passage left out"
    assert "Show Removed Passages" in fold_tip(3, 1) and "the same" in fold_tip(3, 1)


def test_only_the_articles_differences_stay_in_sight(qtbot, copies) -> None:
    view = _view(qtbot, copies)
    model = view.model
    before = _shown(view)
    full = view.shown_height()
    left_out = [r for r in before if model.left_out(r)]
    article_diffs = [r for r in before if model.differs(r) and not model.left_out(r)]
    assert len(left_out) >= 13 and len(article_diffs) >= 5  # the sites' own lines; cuts
    view.set_context(0)
    view.set_only_differences(True)
    _settle(qtbot, view)
    folds = view.fold_rows()
    shown = set(_shown(view))
    # nothing of the article that differs is hidden or folded
    assert all(r in shown and r not in folds for r in article_diffs)
    # every left-out row is folded, and each fold row says what it holds
    assert all(r in folds or r not in shown for r in left_out)
    assert sum(model.fold_left_out.values()) == len(left_out)
    for row, count in folds.items():
        content = model.index(row, 0).data(CELL_ROLE)
        assert content.fold == fold_label(count, model.fold_left_out.get(row, 0))
    # every row shown before is shown, folded into a fold row, or a fold row itself
    assert sum(folds.values()) + len([r for r in shown if r not in folds]) == len(before)
    assert view.shown_height() <= full / 2
    view.set_only_differences(False)
    _settle(qtbot, view)
    assert _shown(view) == before and view.shown_height() == full
    assert not view.fold_rows()


def test_with_removed_passages_shown_left_out_rows_are_differences(qtbot, copies) -> None:
    view = _view(qtbot, copies, show_removed=True)
    view.set_only_differences(True)
    _settle(qtbot, view)
    folds = view.fold_rows()
    assert not view.model.fold_left_out
    shown = set(_shown(view))
    for row in range(view.model.rowCount()):
        if view.model.differs(row):
            assert row in shown and row not in folds
    view.set_show_dropped(False)  # Show Removed Passages off: they fold now
    _settle(qtbot, view)
    assert view.model.fold_left_out
    assert view.only_differences()


def test_a_passage_taken_into_the_article_comes_out_of_its_fold(qtbot, copies) -> None:
    view = _folded(qtbot, copies)
    model = view.model
    folds = view.fold_rows()
    row = next(r for r in range(model.rowCount())
               if model.left_out(r) and (view.is_row_hidden(r) or r in folds))
    version = next(v for v, cell in enumerate(copies.alignment.rows[row].cells) if cell)
    fates = [Fate(not model.left_out(r), "kept", None, None) for r in range(model.rowCount())]
    view.set_fates(fates)  # the same decisions as before: nothing moves
    assert row in view.fold_rows() or view.is_row_hidden(row)
    fates[row] = Fate(True, "your choice", None, version)
    view.set_fates(fates)
    _settle(qtbot, view)
    assert not model.left_out(row)
    assert not view.is_row_hidden(row) and row not in view.fold_rows()
    fates[row] = Fate(False, "left out by you", "left out by you", None)
    view.set_fates(fates)  # left out again: it stays in sight until folding is redone
    assert not view.is_row_hidden(row)
    view.set_only_differences(False)
    view.set_only_differences(True)
    assert view.is_row_hidden(row) or row in view.fold_rows()


def test_opened_folds_and_the_selected_row_survive_a_recompute(qtbot, copies) -> None:
    view = _folded(qtbot, copies)
    first, second = sorted(view.fold_rows())[:2]
    opened = view.fold_rows()[first]
    view.unfold(first)
    inside = second + 1
    view.set_current_row(inside)  # going to a folded passage opens its fold
    text = copies.cell_text(inside, 0)
    top = view.table.rowAt(0)
    again = compare(list(copies.versions), options=DiffOptions(ignore_case=True))
    view.set_comparison(again)
    _settle(qtbot, view)
    assert view.current_row() == inside and again.cell_text(inside, 0) == text
    assert not view.is_row_hidden(inside)
    assert not any(view.is_row_hidden(r) for r in range(first, first + opened))
    assert view.table.rowAt(0) == top
    assert first not in view.fold_rows() and second not in view.fold_rows()
    view.set_only_differences(False)
    view.set_only_differences(True)  # folding afresh closes them again
    assert first in view.fold_rows() and second in view.fold_rows()


def test_f7_and_the_overview_strip_pass_over_folds(qtbot, copies) -> None:
    """A fold may stand for left-out passages that differ; it is no difference to land
    on: F7 steps over it and the strip beside the scroll bar does not mark it."""
    view = _folded(qtbot, copies)
    model = view.model
    folds = view.fold_rows()
    assert any(model.differs(r) for r in folds)  # a left-out passage heads a fold
    landed = []
    view.set_current_row(-1)
    while view.next_difference():
        landed.append(view.current_row())
    assert landed and not set(landed) & set(folds)
    assert landed == [r for r in _shown(view) if model.differs(r) and r not in folds]
    marked = {row for row, _, _ in view.strip._mark_rects()}
    assert marked and not marked & set(folds)
    view.set_only_differences(False)
    _settle(qtbot, view)
    assert {row for row, _, _ in view.strip._mark_rects()} >= set(folds) & set(
        model.differing_rows())
