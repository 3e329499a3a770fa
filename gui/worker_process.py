"""Jobs in a worker process, where they cannot hold the window's GIL.

A thread of the window's process still stalls the UI while a long C call (a regular
expression over a hostile file, a rapidfuzz matrix) holds the GIL. A job run here goes to
a child process started with ``spawn`` instead; its progress and its result (or error)
come back pickled over a pipe, and cancelling kills the child, whatever it is doing.
Finished children stay warm for the next job (spawning one costs a fresh interpreter and
the imports of ``core``).

This module imports no Qt: the child imports it too.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from gui.gil_share import PacedReader, PacedWriter, sharing_the_gil

__all__ = ["CancelToken", "Cancelled", "RemoteError", "prewarm", "run_in_process", "shutdown"]

_POLL = 0.02  # seconds between looks at the cancel flag while waiting for the child
_KEEP_IDLE = 2  # warm children kept for later jobs


class Cancelled(Exception):
    """Raised inside a task whose cancel flag was set."""


class CancelToken:
    """A flag a task polls between steps; `check` raises `Cancelled` once it is set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


class RemoteError(Exception):
    """The job raised in the child: ``message`` and the child's ``details`` (traceback)."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


Job = Callable[[CancelToken, Callable[..., None]], Any]
Progress = Callable[[int, int, str], None]


def run_in_process(job: Job, token: CancelToken, progress: Progress) -> Any:
    """Run ``job(token, report)`` in a worker process and return its result.

    Blocks the calling thread (never call it on the UI thread). ``progress`` gets the
    child's ``report(done, total, what)`` calls. Once ``token`` is cancelled the child is
    killed and `Cancelled` raised; an exception in the job comes back as `RemoteError`.
    """
    worker = _take()
    try:
        result = worker.run(job, token, progress)
    except RemoteError:
        _give_back(worker)  # the job failed; the child is fine
        raise
    except BaseException:
        worker.kill()
        raise
    _give_back(worker)
    return result


def prewarm() -> None:
    """Start a child now, so that the first job does not wait for one to start up."""
    with _LOCK:
        if _IDLE:
            return
    worker = _Worker()
    with _LOCK:
        _IDLE.append(worker)


def shutdown() -> None:
    """Stop the idle children (running ones stop when their jobs end or are cancelled)."""
    with _LOCK:
        idle, _IDLE[:] = list(_IDLE), []
    for worker in idle:
        worker.kill()


class _Worker:
    """One child process serving jobs one at a time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child_end,), daemon=True, name="article-compare worker"
        )
        self.process.start()
        child_end.close()

    def run(self, job: Job, token: CancelToken, progress: Progress) -> Any:
        self._conn.send_bytes(_pickle(job))  # pickled here, off the UI thread
        while True:
            while not self._conn.poll(_POLL):
                if token.cancelled:
                    raise Cancelled
                if not self.process.is_alive():
                    raise RuntimeError(f"the worker process stopped (exit {self.process.exitcode})")
            if token.cancelled:
                raise Cancelled
            try:
                kind, *payload = _unpickle(self._conn.recv_bytes())
            except EOFError:
                raise RuntimeError("the worker process stopped") from None
            if kind == "progress":
                progress(*payload)
            elif kind == "done":
                return payload[0]
            else:
                raise RemoteError(*payload)

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self._conn.close()


_BIG = 1 << 20  # bytes: a message this big is a result of many objects


def _pickle(job: Any) -> bytes:
    """``job`` pickled a frame at a time, leaving the UI thread its share of the GIL
    (the versions of two 6.5 MB books took 1.5 s to pickle; see `gui.gil_share`)."""
    with sharing_the_gil():
        out = PacedWriter()
        pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(job)
        return out.getvalue()


def _unpickle(data: bytes) -> Any:
    """A message from the child; a big one unpickled a frame at a time, sharing the GIL
    with the UI thread (`gui.gil_share`), with the cyclic GC held off.

    Unpickling a book-size result makes millions of objects; a collection in the middle
    of that scans them all while holding the GIL (the window froze for most of a second
    at 2 x 6.5 MB). So the GC waits, and the new objects are then frozen out of later
    collections (``gc.freeze``): they hold no reference cycles and are freed by reference
    counting as usual once the window lets go of them.
    """
    if len(data) < _BIG:
        return pickle.loads(data)
    enabled = gc.isenabled()
    gc.disable()
    try:
        with sharing_the_gil():
            return pickle.Unpickler(PacedReader(data)).load()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


_LOCK = threading.Lock()
_IDLE: list[_Worker] = []


def _take() -> _Worker:
    with _LOCK:
        while _IDLE:
            worker = _IDLE.pop()
            if worker.alive:
                return worker
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _LOCK:
        if worker.alive and len(_IDLE) < _KEEP_IDLE:
            _IDLE.append(worker)
            return
    worker.kill()


def _serve(conn: Connection) -> None:
    """The child: run each job sent, answer with progress messages and the outcome."""
    token = CancelToken()  # never set here: a cancelled job's process is killed

    def report(done: int, total: int, what: str = "") -> None:
        conn.send(("progress", done, total, what))

    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            job = pickle.loads(data)
            result = job(token, report)
            conn.send(("done", result))
        except Exception as error:
            conn.send(("failed", f"{type(error).__name__}: {error}", traceback.format_exc()))
