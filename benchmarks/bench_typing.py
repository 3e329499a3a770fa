"""Editing the clean article: the window's time per keystroke, cursor move and Undo.

Usage: python benchmarks/bench_typing.py [--big-mb 6.5] [--keys 50] [--no-big]
       [--shot-dir DIR]

Runs offscreen; a measurement, not a test. For the 4 bundled samples and for two
``--big-mb`` versions of generated prose (a book-size article), it types ``--keys``
characters into a passage in the middle of the clean article, moves the cursor with the
arrow keys and PageDown, takes the typing back with Undo and puts it again with Redo,
searches the article, toggles View options, selects rows of the comparison, and makes
the window take a new comparison result in place of the last one (Compare > Ignore Case;
the work the window does in the background after a result is waited for and its longest
stall printed, before anything is timed). Each step's UI time is
timed from the key (or click) to the window being idle again; a 10 ms timer on the UI
thread (the stall probe) records the longest gap in each phase, which takes in what the
window does a moment later (the typing recorded as an undo step, the comparison following
the cursor). The anchor, measured in the same run: a plain `QPlainTextEdit` holding the
same article, with none of the window's handlers, typed into and moved around the same
way.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gui import Ticks, _make_big, _wait
from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

TEXT = "and a few words typed by hand into the middle here"


def _idle(app: QApplication) -> None:
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def _timed(app: QApplication, step: Callable[[], object]) -> float:
    """Milliseconds from ``step`` to the event queue being empty again."""
    start = time.perf_counter()
    step()
    _idle(app)
    return (time.perf_counter() - start) * 1000


def _settle(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


class Report:
    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: list[str] = []

    def steps(self, what: str, times: list[float], ticks: Ticks | None = None) -> None:
        stall = f"; longest stall {ticks.longest() * 1000:5.0f} ms" if ticks else ""
        self.lines.append(f"  {what:<34} median {statistics.median(times):6.1f} ms, "
                          f"max {max(times):6.1f} ms{stall}")

    def stall(self, what: str, ticks: Ticks) -> None:
        self.lines.append(f"  {what:<34} longest stall {ticks.longest() * 1000:5.0f} ms")

    def print(self) -> None:
        print(self.label)
        print("\n".join(self.lines))
        sys.stdout.flush()


def _middle(editor: QPlainTextEdit) -> None:
    """Put the cursor ten characters into a non-blank line in the middle."""
    document = editor.document()
    block = document.findBlockByNumber(document.blockCount() // 2)
    while block.isValid() and len(block.text()) < 20:
        block = block.next()
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + 10)
    editor.setTextCursor(cursor)
    editor.setFocus()


def _type_and_move(app: QApplication, editor: QPlainTextEdit, report: Report, keys: int,
                   pause: float) -> None:
    _middle(editor)
    _idle(app)
    text = (TEXT * (keys // len(TEXT) + 1))[:keys]
    with Ticks() as ticks:
        typed = [_timed(app, lambda ch=ch: QTest.keyClick(editor, ch)) for ch in text]
    report.steps(f"type {keys} characters, per key", typed, ticks)
    with Ticks() as ticks:
        _settle(app, pause)
    report.stall("the typing recorded (pause)", ticks)
    with Ticks() as ticks:
        down = [_timed(app, lambda: QTest.keyClick(editor, Qt.Key.Key_Down))
                for _ in range(30)]
        pages = [_timed(app, lambda: QTest.keyClick(editor, Qt.Key.Key_PageDown))
                 for _ in range(10)]
    report.steps("arrow Down, per key", down)
    report.steps("PageDown, per key", pages, ticks)
    with Ticks() as ticks:
        _settle(app, 0.4)
    report.stall("the comparison follows the cursor", ticks)


def _window_steps(app: QApplication, window, report: Report, keys: int) -> None:
    from gui.clean_view import TYPING_PAUSE_MS

    view = window.clean_view
    editor = view.editor
    _type_and_move(app, editor, report, keys, TYPING_PAUSE_MS / 1000 + 0.3)
    with Ticks() as ticks:
        undo = [_timed(app, window.undo_action.trigger)]
        redo = [_timed(app, window.redo_action.trigger)]
        undo.append(_timed(app, window.undo_action.trigger))
        redo.append(_timed(app, window.redo_action.trigger))
    report.steps("Undo", undo)
    report.steps("Redo", redo, ticks)
    assert TEXT[:keys][:20] in editor.toPlainText(), "the typing is not back after Redo"

    find = view.find_bar
    with Ticks() as ticks:
        opened = [_timed(app, find.open)]
        word = [_timed(app, lambda ch=ch: QTest.keyClick(find.find_edit, ch))
                for ch in "hand"]
        steps = [_timed(app, find.find) for _ in range(5)]
        closed = [_timed(app, find.close_bar)]
    report.steps("Find in article: open", opened)
    report.steps("  type the word, per key", word)
    report.steps("  next match", steps)
    report.steps("  close", closed, ticks)

    compare = window.compare_view
    rows = compare.model.rowCount()
    with Ticks() as ticks:
        picked = [_timed(app, lambda r=r: compare.set_current_row(r))
                  for r in (rows // 3, rows // 2, 2 * rows // 3, rows - 1, 1)]
        _settle(app, 0.3)
    report.steps("select a row of the comparison", picked, ticks)

    actions = window.actions_by_name
    with Ticks() as ticks:
        toggles = []
        for name in ("only_differences", "show_dropped"):
            action = actions.get(name)
            if action is not None:
                toggles.append(_timed(app, action.trigger))
                toggles.append(_timed(app, action.trigger))
        _settle(app, 0.5)
    if toggles:
        report.steps("View option toggled on and off", toggles, ticks)


def _new_result(app: QApplication, window, report: Report, versions: int) -> None:
    """A comparison result takes the place of the last one (Compare > Ignore case)."""
    with Ticks() as ticks:
        window.actions_by_name["ignore_case"].trigger()
        _wait(app, window, versions)
        arrived = time.perf_counter()
        _settle(app, 1.0)
    report.lines.append(f"  {'a new result replaces the last':<34} longest stall "
                        f"{ticks.longest() * 1000:5.0f} ms (after it arrived "
                        f"{ticks.longest(arrived) * 1000:.0f} ms)")
    _background(app, window, report)


def _background(app: QApplication, window, report: Report, limit: float = 180.0) -> None:
    """Wait (the stall probe running) for the window's work after a result: row heights
    refined in slices, the last comparison freed, and so on."""
    graveyard = getattr(window, "graveyard", ())
    start = time.perf_counter()
    with Ticks() as ticks:
        _settle(app, 0.5)
        while (window.compare_view.layout_pending() or len(graveyard)) and \
                time.perf_counter() - start < limit:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    report.lines.append(f"  {'work in the background':<34} {time.perf_counter() - start:5.1f} s,"
                        f" longest stall {ticks.longest() * 1000:5.0f} ms, 99th percentile "
                        f"{ticks.p99() * 1000:.0f} ms")


def _anchor(app: QApplication, window, text: str, like: QPlainTextEdit, report: Report,
            keys: int) -> None:
    """Type into a plain editor; the window's row refining is held meanwhile, so that the
    anchor is Qt's own cost."""
    refine = getattr(window.compare_view, "_refine_timer", None)
    held = refine is not None and refine.isActive()
    if held:
        refine.stop()
    holder = QWidget()
    editor = QPlainTextEdit(holder)
    editor.setFont(like.font())
    editor.document().setUndoRedoEnabled(False)
    editor.setPlainText(text)
    holder.resize(like.size())
    editor.resize(like.size())
    holder.show()
    _idle(app)
    _type_and_move(app, editor, report, keys, 0.0)
    holder.close()
    holder.deleteLater()
    _idle(app)
    if held:
        refine.start()


def _case(app, window, label: str, paths: list[str], keys: int, *, new_result: bool,
          shot_dir: Path | None) -> None:
    window.versions.clear()
    _idle(app)
    window.add_paths(paths)
    _wait(app, window, len(paths))
    background = Report(f"{label}: the window just after the comparison is shown")
    _background(app, window, background)
    background.print()
    text = window.clean_view.text()
    gc.collect()
    anchor = Report(f"{label}: plain QPlainTextEdit with the same {len(text):,} characters "
                    "(anchor)")
    _anchor(app, window, text, window.clean_view.editor, anchor, keys)
    anchor.print()
    report = Report(f"{label}: the window's clean article ({len(text):,} characters, "
                    f"{window.compare_view.model.rowCount():,} rows)")
    _window_steps(app, window, report, keys)
    if shot_dir is not None:
        window.clean_view.editor.setFocus()
        window.grab().save(str(shot_dir / f"typing-{label.split()[0]}.png"))
    if new_result:
        _new_result(app, window, report, len(paths))
    report.print()
    window.clean_view.set_saved()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=float, default=6.5, help="size of each big version")
    parser.add_argument("--keys", type=int, default=50, help="characters typed")
    parser.add_argument("--no-big", action="store_true", help="the samples only")
    parser.add_argument("--shot-dir", type=Path, help="save the window after typing")
    args = parser.parse_args()

    from gui.main_window import SAMPLES, MainWindow

    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    samples = sorted(str(p) for p in SAMPLES.iterdir())
    _case(app, window, "4 samples", samples, args.keys, new_result=True,
          shot_dir=args.shot_dir)
    if not args.no_big:
        _case(app, window, f"two {args.big_mb:g} MB versions", _make_big(tmp, args.big_mb),
              args.keys, new_result=True, shot_dir=args.shot_dir)
    window.clean_view.set_saved()
    window.close()


if __name__ == "__main__":
    main()
