"""Work off the UI thread: in a worker process, with progress, results, errors and Cancel."""

from __future__ import annotations

import multiprocessing
import os
import time
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from gui import compare_job, worker_process
from gui.main_window import MainWindow
from gui.tasks import TaskRunner


def _pid_job(token, report) -> int:
    report(1, 2, "half way")
    return os.getpid()


def _failing_job(token, report) -> None:
    raise ValueError("no such thing")


def _sleeping_job(seconds: float, token, report) -> str:
    report(0, 1, str(os.getpid()))
    time.sleep(seconds)  # stands for one long C call: no progress, no cancel checks
    return "too late"


def _children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children()}


def test_a_job_runs_in_another_process_and_reports_back(qtbot) -> None:
    runner = TaskRunner()
    progress: list[tuple] = []
    runner.progress.connect(lambda *args: progress.append(args))
    with qtbot.waitSignal(runner.finished, timeout=60000) as result:
        runner.start(_pid_job, in_process=True)
    assert result.args[0] != os.getpid()
    assert progress == [(1, 2, "half way")]
    assert not runner.busy


def test_a_prewarmed_process_takes_the_first_job(qtbot) -> None:
    worker_process.shutdown()
    worker_process.prewarm()
    warm = _children()
    runner = TaskRunner()
    with qtbot.waitSignal(runner.finished, timeout=60000) as result:
        runner.start(_pid_job, in_process=True)
    assert result.args[0] in warm


def test_an_error_in_the_process_comes_back_as_failed(qtbot) -> None:
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=60000) as failure:
        runner.start(_failing_job, in_process=True)
    message, details = failure.args
    assert message == "ValueError: no such thing"
    assert "_failing_job" in details


def test_cancel_kills_a_process_stuck_in_a_long_call(qtbot) -> None:
    runner = TaskRunner()
    results: list[object] = []
    runner.finished.connect(results.append)
    with qtbot.waitSignal(runner.progress, timeout=60000) as progress:
        runner.start(partial(_sleeping_job, 60.0), in_process=True)
    pid = int(progress.args[2])
    assert pid in _children()
    runner.cancel()
    assert not runner.busy
    qtbot.waitUntil(lambda: pid not in _children(), timeout=5000)
    qtbot.wait(200)
    assert results == []


def _book(words: int, seed: int) -> str:
    """A long text of made-up words in paragraphs (slow enough to compare to cancel)."""
    import random

    rng = random.Random(seed)
    vocabulary = [f"{a}{b}{c}" for a in "bdgklmnprst" for b in "aeiou" for c in "lmnrst"]
    out = [rng.choice(vocabulary) for _ in range(words)]
    return "\n\n".join(" ".join(out[i : i + 80]) + "." for i in range(0, words, 80))


def test_cancel_in_the_window_stops_a_comparison_running_in_the_process(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compare_job, "PROCESS_ABOVE", 1_000)
    for name, seed in (("a.txt", 1), ("b.txt", 2)):
        (tmp_path / name).write_text(_book(120_000, seed), encoding="utf-8")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    before = _children()
    window.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    qtbot.waitUntil(lambda: window.comparer.busy, timeout=60000)
    qtbot.waitUntil(lambda: bool(_children() - before), timeout=10000)
    assert window.cancel_button.isVisible()
    window.cancel_button.click()
    assert not window.comparer.busy
    assert not window.cancel_button.isVisible()
    assert window.summary.text().startswith("Cancelled")
    qtbot.waitUntil(lambda: len(_children() - before) <= 1, timeout=5000)  # warm loader only
    qtbot.wait(300)
    assert window.comparison is None  # the cancelled result never arrives
    window.clean_view.set_saved()


def test_a_big_result_is_unpickled_without_the_gc_running_and_then_frozen() -> None:
    import gc
    import pickle

    data = pickle.dumps(("done", [[i, str(i)] for i in range(200_000)]))
    assert len(data) > worker_process._BIG
    collections: list[int] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    frozen = gc.get_freeze_count()
    gc.callbacks.append(watch)
    try:
        kind, result = worker_process._unpickle(data)
    finally:
        gc.callbacks.remove(watch)
    try:
        assert kind == "done" and result[-1] == [199_999, "199999"]
        assert collections == []  # 200,000 lists would have set off collections
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + 200_000
    finally:
        gc.unfreeze()
