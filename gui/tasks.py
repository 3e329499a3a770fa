"""Running heavy work off the UI thread.

A `TaskRunner` runs one function at a time per purpose in Qt's thread pool and posts its
result (or exception) back to the UI thread. Each start bumps a generation number; a result
whose generation is no longer current arrived after the inputs changed and is discarded.
Started with ``in_process=True``, the function (which must then pickle: a module-level
function or a ``functools.partial`` of one) runs in a worker process instead
(:mod:`gui.worker_process`), so that not even a long C call can stall the window, and
cancelling kills that process.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from gui.worker_process import Cancelled, CancelToken, RemoteError, run_in_process

__all__ = ["CancelToken", "Cancelled", "TaskRunner"]


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str, str)
    progress = Signal(int, int, int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, func: Callable[..., Any], token: CancelToken,
                 signals: _Signals, in_process: bool = False,
                 then: Callable[[Any], Any] | None = None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._generation = generation
        self._func = func
        self._token = token
        self._signals = signals
        self._in_process = in_process
        self._then = then

    def run(self) -> None:
        def report(done: int, total: int, what: str = "") -> None:
            self._token.check()
            self._signals.progress.emit(self._generation, done, total, what)

        try:
            if self._in_process:
                result = run_in_process(self._func, self._token, report)
            else:
                result = self._func(self._token, report)
            self._token.check()
            if self._then is not None:
                result = self._then(result)
        except Cancelled:
            return
        except RemoteError as error:
            self._emit_failed(error.message, error.details)
            return
        except Exception as error:  # shown to the user by the runner's owner
            self._emit_failed(f"{type(error).__name__}: {error}", traceback.format_exc())
            return
        with suppress(RuntimeError):  # the runner is gone (its window closed): nobody to tell
            self._signals.finished.emit(self._generation, result)

    def _emit_failed(self, message: str, details: str) -> None:
        with suppress(RuntimeError):  # the runner is gone
            self._signals.failed.emit(self._generation, message, details)


class TaskRunner(QObject):
    """Runs the latest task of one kind; older results are dropped, not applied.

    ``func(token, report)`` runs on a worker thread; ``report(done, total, what)`` posts
    progress and raises `Cancelled` if the task was cancelled. With ``supersede`` False
    (for loading files, where every result counts) each task's result is delivered.
    """

    finished = Signal(object)
    failed = Signal(str, str)
    progress = Signal(int, int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None, *,
                 supersede: bool = True) -> None:
        super().__init__(parent)
        self._supersede = supersede
        self._running: dict[int, CancelToken] = {}
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _Signals()
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._generation = 0

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(self, func: Callable[[CancelToken, Callable[..., None]], Any], *,
              in_process: bool = False, then: Callable[[Any], Any] | None = None) -> int:
        """Run ``func`` off the UI thread (superseding any task still running, if so set);
        with ``in_process``, in a worker process (``func`` must pickle). ``then(result)``
        runs on the worker thread once the result is back, and its value is delivered:
        for Qt objects built off the UI thread (`gui.article_document`)."""
        if self._supersede:
            for token in self._running.values():
                token.cancel()
            self._running.clear()
        self._generation += 1
        token = CancelToken()
        self._running[self._generation] = token
        self._pool.start(_Job(self._generation, func, token, self._signals, in_process, then))
        self.busy_changed.emit(True)
        return self._generation

    def cancel(self) -> None:
        """Stop waiting for the running tasks; their results, if any, are discarded."""
        if self._running:
            for token in self._running.values():
                token.cancel()
            self._running.clear()
            self.busy_changed.emit(False)

    def _settle(self, generation: int) -> bool:
        """True when the result of ``generation`` is still wanted (and forget it)."""
        if self._running.pop(generation, None) is None:
            return False
        if not self._running:
            self.busy_changed.emit(False)
        return True

    @Slot(int, object)
    def _on_finished(self, generation: int, result: object) -> None:
        if self._settle(generation):
            self.finished.emit(result)

    @Slot(int, str, str)
    def _on_failed(self, generation: int, message: str, details: str) -> None:
        if self._settle(generation):
            self.failed.emit(message, details)

    @Slot(int, int, int, str)
    def _on_progress(self, generation: int, done: int, total: int, what: str) -> None:
        if generation in self._running:
            self.progress.emit(done, total, what)
