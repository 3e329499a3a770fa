"""The clean article in the real window: edits and decisions that are never lost, one
undo stack, the consensus policy, fate marks in the comparison, linked selection."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from window_helpers import file_mime, settled_with

from gui import main_window as mw
from gui.cell_delegate import CELL_ROLE
from gui.main_window import SAMPLES, MainWindow, sample_files

SAMPLE_FILES = sample_files()
EDIT = "Edited by hand: "
LEAD = "In a significant policy shift"


@pytest.fixture
def window(window, monkeypatch):
    """The shared main window (conftest), which must never ask the user anything here."""
    def no_question(*args, **kwargs):
        raise AssertionError(f"unexpected question: {args[1:3]}")

    monkeypatch.setattr(mw.QMessageBox, "question", no_question)
    return window



def wait_compared(qtbot, win: MainWindow, versions: int) -> None:
    qtbot.waitUntil(lambda: settled_with(win, versions), timeout=30000)


def recompute(qtbot, win: MainWindow) -> None:
    win.schedule_compare()
    wait_compared(qtbot, win, len(win.versions.included_rows()))


def type_at(qtbot, win: MainWindow, needle: str, text: str) -> None:
    """Put the cursor before ``needle`` in the article and type ``text`` as a user does."""
    editor = win.clean_view.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(needle))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def left_out_item(win: MainWindow, reason_part: str):
    tree = win.clean_view.removed
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if reason_part in item.text(1):
            return item
    raise AssertionError(reason_part)


def test_edit_toggle_restore_undo_redo_recompute(qtbot, window) -> None:
    """The issue's own scenario, in the real window with the four samples."""
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    view = window.clean_view
    type_at(qtbot, window, LEAD, EDIT)
    assert window.isWindowModified()
    window.actions_by_name["ignore_case"].trigger()  # a recompute, no question asked
    wait_compared(qtbot, window, 4)
    assert EDIT + LEAD in view.text()
    item = left_out_item(window, "only in 1 of 4 versions")
    restored = item.text(0)
    view.removed.setCurrentItem(item)
    view.restore_button.click()
    qtbot.waitUntil(lambda: restored in view.text() and settled_with(window, 4), timeout=20000)
    assert EDIT + LEAD in view.text()
    # Undo takes back the restore, then the edit
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: restored not in view.text() and settled_with(window, 4), timeout=20000)
    assert EDIT + LEAD in view.text()
    window.undo_action.trigger()
    assert EDIT not in view.text() and LEAD in view.text()
    assert not window.undo_action.isEnabled() or window.session.stack.index() == 0
    # Redo brings both back
    window.redo_action.trigger()
    assert EDIT + LEAD in view.text()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: restored in view.text() and settled_with(window, 4), timeout=20000)
    # another recompute keeps both
    window.actions_by_name["ignore_case"].trigger()
    wait_compared(qtbot, window, 4)
    recompute(qtbot, window)
    assert EDIT + LEAD in view.text() and restored in view.text()


def test_undo_shortcuts_reach_the_one_stack_from_the_editor(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:2])
    wait_compared(qtbot, window, 2)
    editor = window.clean_view.editor
    assert QKeySequence(QKeySequence.StandardKey.Undo) in window.undo_action.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Redo) in window.redo_action.shortcuts()
    assert window.undo_action.text().replace("&", "") == "Undo"
    assert window.redo_action.text().replace("&", "") == "Redo"
    type_at(qtbot, window, LEAD, "abc ")
    # the editor leaves Ctrl+Z to the window's action instead of its own undo
    editor.document().setUndoRedoEnabled(False)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "abc " + LEAD not in editor.toPlainText(), timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "abc " + LEAD in editor.toPlainText(), timeout=5000)


def test_typing_in_one_passage_is_one_undo_step(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:2])
    wait_compared(qtbot, window, 2)
    view = window.clean_view
    stack = window.session.stack
    type_at(qtbot, window, LEAD, "Zq1 ")
    view.flush()
    type_at(qtbot, window, LEAD, "Zq2 ")
    view.flush()
    assert stack.count() == 1, "typing in the same passage merges"
    second = view.text().rstrip().split("\n\n")[-1]
    type_at(qtbot, window, second, "Zq3 ")
    view.flush()
    assert stack.count() == 2
    window.undo_action.trigger()
    assert "Zq3" not in view.text() and "Zq1 Zq2 " + LEAD in view.text()
    window.undo_action.trigger()
    assert "Zq" not in view.text()


def test_deleted_passage_is_listed_and_restorable(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:2])
    wait_compared(qtbot, window, 2)
    view = window.clean_view
    paragraph = next(p for p in view.text().split("\n\n") if p.startswith(LEAD))
    editor = view.editor
    editor.setPlainText(view.text().replace(paragraph + "\n\n", ""))
    view.flush()
    assert LEAD not in view.text()
    item = left_out_item(window, "deleted from the article by you")
    view.removed.setCurrentItem(item)
    view.restore_current()
    qtbot.waitUntil(lambda: LEAD in view.text() and settled_with(window, 2), timeout=20000)


def test_version_changes_are_undoable_and_keep_the_edit(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    view = window.clean_view
    type_at(qtbot, window, LEAD, EDIT)
    view.flush()
    assert window.save_to(str(Path(window.settings.fileName()).parent / "saved.txt"))
    assert not window.isWindowModified()
    window.versions.set_included(3, False)  # untick
    wait_compared(qtbot, window, 3)
    assert window.isWindowModified(), "a change after saving marks the article"
    assert EDIT + LEAD in view.text()
    window.versions.set_base(1)  # another base
    wait_compared(qtbot, window, 3)
    assert EDIT + LEAD in view.text()
    window.versions_view.selectRow(2)
    window.close_version()  # close one
    wait_compared(qtbot, window, 2)
    assert EDIT + LEAD in view.text()
    names = [e.version.name for e in window.versions.entries]
    assert len(names) == 3
    window.undo_action.trigger()  # the closed version comes back
    wait_compared(qtbot, window, 3)
    assert len(window.versions.entries) == 4
    window.undo_action.trigger()  # the base goes back
    wait_compared(qtbot, window, 3)
    assert window.versions.base == 0
    window.undo_action.trigger()  # ticked again
    wait_compared(qtbot, window, 4)
    assert EDIT + LEAD in view.text()
    window.redo_action.trigger()
    wait_compared(qtbot, window, 3)
    assert not window.versions.entries[3].included


def test_a_wording_choice_and_leaving_out_are_undone(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    c = window.comparison
    rows = c.consensus.rows
    # a row whose wording differs between versions; take a version the article did not
    row, version = next((r, v) for r, verdict in enumerate(rows) if verdict.keep
                        for v in range(4) if c.alignment.rows[r].cells[v]
                        and v != verdict.chosen
                        and c.cell_text(r, v) != c.cell_text(r, verdict.chosen))
    before = window.clean_view.text()
    menu = window.compare_view.context_menu(row, version)
    menu.actions()[0].trigger()
    wait_compared(qtbot, window, 4)
    assert window.comparison.consensus.rows[row].chosen == version
    assert " ".join(c.cell_text(row, version).split()) in window.clean_view.text()
    window.undo_action.trigger()
    wait_compared(qtbot, window, 4)
    assert window.clean_view.text() == before
    # leave a kept passage out from the comparison, then undo
    menu = window.compare_view.context_menu(row, rows[row].chosen)
    leave = next(a for a in menu.actions() if a.text() == "Leave this passage out")
    leave.trigger()
    wait_compared(qtbot, window, 4)
    assert window.clean_view.text() != before
    assert left_out_item(window, "left out by the user")
    window.undo_action.trigger()
    wait_compared(qtbot, window, 4)
    assert window.clean_view.text() == before


def test_comparison_marks_each_passage_fate_like_the_left_out_list(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    model = window.compare_view.model
    c = window.comparison
    row = next(r for r, v in enumerate(c.consensus.rows)
               if not v.keep and v.reason == "only in 1 of 4 versions")
    version = next(v for v in range(4) if c.alignment.rows[row].cells[v])
    content = model.index(row, version).data(CELL_ROLE)
    assert content.dropped and content.reason == "only in 1 of 4 versions"
    assert left_out_item(window, "only in 1 of 4 versions").text(0) in c.cell_text(row, version)
    kept = next(r for r, v in enumerate(c.consensus.rows) if v.keep and v.chosen is not None
                and LEAD in c.cell_text(r, v.chosen))
    chosen = c.consensus.rows[kept].chosen
    content = model.index(kept, chosen).data(CELL_ROLE)
    assert content.in_article and not content.dropped and content.fate_note is None
    type_at(qtbot, window, LEAD, EDIT)
    window.clean_view.flush()
    content = model.index(kept, chosen).data(CELL_ROLE)
    assert content.in_article and content.fate_note == "your text"


def test_row_and_article_passage_selection_are_linked(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    c = window.comparison
    editor = window.clean_view.editor
    row = next(r for r, v in enumerate(c.consensus.rows) if v.keep and v.chosen is not None
               and LEAD in c.cell_text(r, v.chosen))
    window.compare_view.set_current_row(row)
    block = editor.textCursor().block().text()
    assert block.startswith(LEAD)
    # the other way: a cursor in the article selects its row
    window.compare_view.set_current_row(0)
    last = editor.toPlainText().rstrip().split("\n\n")[-1]
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(last) + 3)
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: window.compare_view.current_row() > row, timeout=5000)
    shown = window.compare_view.current_row()
    verdict = c.consensus.rows[shown]
    assert " ".join(c.cell_text(shown, verdict.chosen).split()) == last
    # a left-out passage selected in the list selects its row
    item = left_out_item(window, "only in 1 of 4 versions")
    window.clean_view.removed.setCurrentItem(item)
    assert not c.consensus.rows[window.compare_view.current_row()].keep


def test_prefer_policy_is_chosen_shown_and_remembered(qtbot, window, tmp_path) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    assert "majority" in window.policy_label.text()
    menu = window.prefer_menu
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Majority of Versions", "Newest Version", "Base Version"]
    majority = window.clean_view.text()
    type_at(qtbot, window, LEAD, EDIT)
    menu.actions_by_policy["newest"].trigger()
    wait_compared(qtbot, window, 4)
    assert "newest" in window.policy_label.text()
    assert "newest" in window.clean_view.source.text()
    assert window.clean_view.text() != majority.replace(LEAD, EDIT + LEAD, 1)
    assert EDIT + LEAD in window.clean_view.text()
    # newest = the last version given: its own passage is in the article
    last = window.comparison.versions[-1]
    assert window.comparison.consensus.rows and all(
        v.chosen in (None, len(window.comparison.versions) - 1) or v.by_user
        for v in window.comparison.consensus.rows if v.keep)
    assert last.name == Path(SAMPLE_FILES[-1]).name
    assert window.settings.value("prefer") == "newest"


def policy_shown(win: MainWindow) -> tuple[str, str, str, str]:
    """The policy as every place shows it: menu check, setting, status bar, article header."""
    checked = [p for p, a in win.prefer_menu.actions_by_policy.items() if a.isChecked()]
    assert len(checked) == 1
    return (checked[0], str(win.settings.value("prefer", "majority")), win.policy_label.text(),
            win.clean_view.source.text())


def test_prefer_change_is_one_undo_step_that_keeps_typing_and_decisions(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    view = window.clean_view
    type_at(qtbot, window, LEAD, EDIT)
    item = left_out_item(window, "only in 1 of 4 versions")
    restored = item.text(0)
    view.removed.setCurrentItem(item)
    view.restore_button.click()
    qtbot.waitUntil(lambda: restored in view.text() and settled_with(window, 4), timeout=20000)
    majority, majority_shown = view.text(), policy_shown(window)
    assert majority_shown[0] == "majority" and "majority" in majority_shown[2]

    window.prefer_menu.actions_by_policy["newest"].trigger()
    wait_compared(qtbot, window, 4)
    newest, newest_shown = view.text(), policy_shown(window)
    assert newest_shown[:2] == ("newest", "newest") and "newest" in newest_shown[2]
    assert "newest" in newest_shown[3] and newest != majority
    assert EDIT + LEAD in newest and restored in newest
    assert window.undo_action.text() == "&Undo Prefer newest wording"

    window.undo_action.trigger()  # the policy goes back; typing and restore stay
    wait_compared(qtbot, window, 4)
    assert policy_shown(window) == majority_shown
    assert view.text() == majority
    assert window.undo_action.text() == "&Undo Restore passage"
    assert window.redo_action.text() == "&Redo Prefer newest wording"
    window.redo_action.trigger()
    wait_compared(qtbot, window, 4)
    assert policy_shown(window) == newest_shown and view.text() == newest

    # typing after the change is its own step: Undo takes it back first, then the policy
    more = "Typed under newest: "
    type_at(qtbot, window, LEAD, more)
    assert window.undo_action.text() == "&Undo Typing"
    window.undo_action.trigger()
    assert more not in view.text() and policy_shown(window)[0] == "newest"
    window.undo_action.trigger()
    wait_compared(qtbot, window, 4)
    assert policy_shown(window) == majority_shown and view.text() == majority
    window.redo_action.trigger()
    wait_compared(qtbot, window, 4)
    window.redo_action.trigger()
    assert policy_shown(window)[0] == "newest" and EDIT + more + LEAD in view.text()


def test_undo_names_typing_until_it_turns_out_to_change_nothing(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:2])
    wait_compared(qtbot, window, 2)
    type_at(qtbot, window, LEAD, "x")
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Typing"
    qtbot.keyClick(window.clean_view.editor, Qt.Key.Key_Backspace)
    window.clean_view.flush()  # as the pause in typing does
    assert window.session.stack.count() == 0
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"


def test_prefer_before_any_article_is_a_setting_only(qtbot, window) -> None:
    window.prefer_menu.actions_by_policy["base"].trigger()
    assert window.prefer_menu.current == "base" and "base" in window.policy_label.text()
    assert not window.undo_action.isEnabled() and not window.isWindowModified()


def test_ignore_options_are_view_options_off_the_undo_stack(qtbot, window) -> None:
    """Like Meld and WinMerge: they change what is highlighted, never the article."""
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, 4)
    article = window.clean_view.text()
    for name in ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace"):
        window.actions_by_name[name].trigger()
        wait_compared(qtbot, window, 4)
        assert window.clean_view.text() == article
    assert window.session.stack.count() == 0 and not window.isWindowModified()


def drag_onto(widget, mime: QMimeData) -> None:
    """A drag from another program entering ``widget`` and dropped on it."""
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


def test_drop_on_the_article_editor_adds_versions(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:1])
    wait_compared(qtbot, window, 1)
    editor = window.clean_view.editor
    drag_onto(editor.viewport(), file_mime([str(SAMPLES / "revised.txt")]))
    wait_compared(qtbot, window, 2)
    assert "file://" not in editor.toPlainText()
    dragged = QMimeData()
    dragged.setText("A Headline\n\nA paragraph of text dragged from a browser window today.")
    drag_onto(editor.viewport(), dragged)
    wait_compared(qtbot, window, 3)
    assert window.versions.entries[-1].version.name == "Dropped text 1"
    assert "dragged from a browser" not in editor.toPlainText()


def test_parts_have_accessible_names(qtbot, window) -> None:
    names = {"Comparison": window.compare_view.table, "Versions": window.versions_view,
             "Clean article": window.clean_view.editor, "Left out": window.clean_view.removed,
             "Similarity": window.similarity}
    for name, widget in names.items():
        assert widget.accessibleName() == name
    for button in (window.clean_view.restore_button, window.clean_view.undo_button):
        assert button.accessibleName() == button.text()
