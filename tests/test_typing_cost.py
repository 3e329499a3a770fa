"""Typing, Undo, Redo and cursor moves in a long clean article cost the passage edited, not
the article: one passage rendered again, a few lines of the editor read, the whole text
never read back or set again, the cursor's paragraph found without walking the lines."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QTextCursor
from window_helpers import settled_with

from core import draft as draft_module
from core.draft import split_paragraphs
from gui import article_session, compare_view
from gui.article_index import paragraphs_of_lines

PARAGRAPHS = 1200


def _story(edited: bool) -> str:
    rng = random.Random(5)
    vocabulary = [f"{a}{b}{c}" for a in "bdgklmnprst" for b in "aeiou" for c in "lmnrst"]
    out = []
    for i in range(PARAGRAPHS):
        words = [rng.choice(vocabulary) for _ in range(30 + i % 20)]
        if edited and i % 50 == 7:
            words[3] = "changed"
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out) + "\n"


class Costs:
    """Counts what the window does on the UI thread while the user edits."""

    def __init__(self, view, monkeypatch: pytest.MonkeyPatch) -> None:
        self.renders = self.pieces = self.lines = self.texts = self.walks = 0
        editor = view.editor
        real_render, real_piece = article_session.render, draft_module._piece
        real_lines, real_text = view._lines, editor.toPlainText

        def render(*args):
            self.renders += 1
            return real_render(*args)

        def piece(*args):
            self.pieces += 1
            return real_piece(*args)

        def lines(start: int, stop: int):
            self.lines += stop - start
            return real_lines(start, stop)

        def text() -> str:
            self.texts += 1
            return real_text()

        real_document = editor.document
        costs = self

        class Document:  # the editor's document, counting walks from its first line
            def __getattr__(self, name: str):
                if name == "begin":
                    costs.walks += 1
                return getattr(real_document(), name)

        monkeypatch.setattr(article_session, "render", render)
        monkeypatch.setattr(draft_module, "_piece", piece)
        monkeypatch.setattr(view, "_lines", lines)
        monkeypatch.setattr(editor, "toPlainText", text)
        monkeypatch.setattr(editor, "document", lambda: Document())
        self.full_text = real_text

    def reset(self) -> None:
        self.renders = self.pieces = self.lines = self.texts = self.walks = 0


def _in_step(window, full_text) -> None:
    """The editor, its paragraph index and the rendered article agree."""
    view, rendered = window.clean_view, window.session.rendered
    text = full_text()
    assert split_paragraphs(text) == list(rendered.paragraphs)
    assert view._index.paragraphs == list(rendered.paragraphs)
    assert view._index.owners == list(rendered.owners)
    assert view._index.first == paragraphs_of_lines(text.split("\n"))[1]


@pytest.fixture
def long_article(qtbot, window, tmp_path: Path):
    paths = []
    for name, edited in (("a.txt", False), ("b.txt", True)):
        (tmp_path / name).write_text(_story(edited), encoding="utf-8")
        paths.append(str(tmp_path / name))
    window.add_paths(paths)
    qtbot.waitUntil(lambda: settled_with(window, 2), timeout=120000)
    assert len(window.session.rendered.paragraphs) >= PARAGRAPHS
    return window


def _put_cursor(editor, line: int, column: int = 0) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(line).position() + column)
    editor.setTextCursor(cursor)


def test_typing_undo_and_redo_cost_the_passage_not_the_article(
    qtbot, long_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_article
    view, editor = window.clean_view, window.clean_view.editor
    original = editor.toPlainText()
    middle = len(view._index.paragraphs) // 2
    key = view._index.owners[middle]
    costs = Costs(view, monkeypatch)
    _put_cursor(editor, view._index.first[middle], 10)
    editor.setFocus()
    qtbot.keyClicks(editor, "typed by hand ")
    assert costs.lines == 0  # a keystroke reads nothing back
    view.flush()
    assert costs.renders == 0 and costs.pieces <= 2 and costs.texts == 0
    assert costs.lines <= 12
    decision = window.session.decisions[key]
    assert decision.text is not None and "typed by hand " in decision.text
    assert window.session.rendered.fates[window.session.draft.passages[
        window.session.rendered.passage_of[key]].row].how == "your text"
    _in_step(window, costs.full_text)

    costs.reset()
    window.undo_action.trigger()
    assert costs.renders == 0 and costs.pieces <= 2 and costs.texts == 0
    assert costs.lines <= 12
    assert costs.full_text() == original
    assert key not in window.session.decisions
    _in_step(window, costs.full_text)

    costs.reset()
    window.redo_action.trigger()
    assert costs.renders == 0 and costs.pieces <= 2 and costs.texts == 0
    assert "typed by hand " in costs.full_text()
    _in_step(window, costs.full_text)


def test_the_cursor_finds_its_passage_without_walking_the_lines(
    qtbot, long_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_article
    view, editor = window.clean_view, window.clean_view.editor
    rendered, draft = window.session.rendered, window.session.draft
    costs = Costs(view, monkeypatch)
    rows: list[int] = []
    view.row_selected.connect(rows.append)
    for paragraph in (3, len(rendered.paragraphs) // 2, len(rendered.paragraphs) - 2):
        _put_cursor(editor, view._index.first[paragraph], 4)
        view._sync_from_cursor()
        passage = rendered.passage_of[rendered.owners[paragraph]]
        assert rows[-1] == draft.passages[passage].row
    assert costs.walks == 0 and costs.lines == 0 and costs.texts == 0

    # and back: a row selected in the comparison puts the cursor on its passage
    passage = len(draft.passages) // 3
    view.show_row(draft.passages[passage].row)
    line = editor.textCursor().blockNumber()
    assert view._index.paragraph_at(line) == rendered.first[passage]
    assert costs.walks == 0 and costs.texts == 0


def test_a_deleted_passage_comes_back_in_place_on_undo(
    qtbot, long_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = long_article
    view, editor = window.clean_view, window.clean_view.editor
    original = editor.toPlainText()
    index = view._index
    middle = len(index.paragraphs) // 2
    document = editor.document()
    cursor = QTextCursor(document)
    cursor.setPosition(document.findBlockByNumber(index.first[middle]).position())
    cursor.setPosition(document.findBlockByNumber(index.first[middle + 1]).position(),
                       QTextCursor.MoveMode.KeepAnchor)
    costs = Costs(view, monkeypatch)
    cursor.removeSelectedText()  # the whole paragraph and the blank line after it
    view.flush()
    assert costs.renders == 0 and costs.texts == 0
    gone = window.session.rendered
    assert len(gone.paragraphs) == len(index.paragraphs) and any(
        e.reason == "deleted from the article by you" for e in gone.left_out)
    _in_step(window, costs.full_text)
    costs.reset()
    window.undo_action.trigger()
    assert costs.renders == 0 and costs.texts == 0 and costs.lines <= 12
    assert costs.full_text() == original
    _in_step(window, costs.full_text)


def test_row_heights_wait_while_the_user_types_in_the_article(
    qtbot, long_article, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison refines its rows' heights in slices; none of them runs between two
    keystrokes in the clean article, so typing never waits for one."""
    window = long_article
    compare, editor = window.compare_view, window.clean_view.editor
    monkeypatch.setattr(compare_view, "REFINE_PAUSE_SECONDS", 30.0)
    slices: list[int] = []
    monkeypatch.setattr(compare, "_refine_rows", lambda rows, deadline=None: slices.append(1))
    monkeypatch.setattr(compare, "_estimate_rows", lambda deadline: slices.append(2))
    compare._exact.clear()
    compare._pending.extend(range(100))
    editor.setFocus()
    qtbot.keyClicks(editor, "ab")
    compare._refine_step()
    assert slices == [] and compare.layout_pending()
    compare._quiet_until = 0.0  # the user paused
    compare._refine_step()
    assert slices
