"""Long Python work on a worker thread that leaves the UI thread its share of the GIL.

A thread of the window's process that unpickles a book-size result (millions of objects,
2-4 s) holds the GIL between its switch points. The UI thread takes the GIL again after
each call into Qt that released it, and each time it may wait a whole switch interval
(5 ms) for it: painting the comparison re-enters Python hundreds of times, so the window
froze for 100-230 ms at a time while a result came in. Here such work runs with a short
switch interval (`SWITCH_SECONDS`) and rests `REST_SECONDS` after every `WORK_SECONDS`
of it (the stream it reads or writes calls `Pacer.pace`), so the UI thread waits little.
Measured with a 46 MB result: the UI-like loop's longest iteration 228 -> 29 ms, the
unpickling 2.2 -> 2.4 s.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["PacedReader", "PacedWriter", "Pacer", "sharing_the_gil"]

WORK_SECONDS = 0.002
REST_SECONDS = 0.001
SWITCH_SECONDS = 0.0005

_LOCK = threading.Lock()
_SHARING = [0, 0.0]  # threads inside `sharing_the_gil`, the switch interval before them


@contextmanager
def sharing_the_gil() -> Iterator[None]:
    """The process's switch interval is `SWITCH_SECONDS` while any thread is in here."""
    with _LOCK:
        if _SHARING[0] == 0:
            _SHARING[1] = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_SECONDS, _SHARING[1]))
        _SHARING[0] += 1
    try:
        yield
    finally:
        with _LOCK:
            _SHARING[0] -= 1
            if _SHARING[0] == 0:
                sys.setswitchinterval(_SHARING[1])


class Pacer:
    """Sleeps `REST_SECONDS` (GIL let go) once `WORK_SECONDS` have passed since the last."""

    def __init__(self, work: float = WORK_SECONDS, rest: float = REST_SECONDS) -> None:
        self._work, self._rest = work, rest
        self._since = time.perf_counter()
        self.rests = 0

    def pace(self) -> None:
        if time.perf_counter() - self._since >= self._work:
            time.sleep(self._rest)
            self.rests += 1
            self._since = time.perf_counter()


class PacedReader:
    """A binary file over ``data`` for `pickle.Unpickler`, resting between reads."""

    def __init__(self, data: bytes, pacer: Pacer | None = None) -> None:
        self._data = data
        self._view = memoryview(data)
        self._at = 0
        self.pacer = pacer or Pacer()

    def read(self, size: int = -1) -> bytes:
        self.pacer.pace()
        end = len(self._data) if size < 0 else self._at + size
        chunk = self._view[self._at:end].tobytes()
        self._at += len(chunk)
        return chunk

    def readinto(self, buffer: memoryview | bytearray) -> int:
        self.pacer.pace()
        size = min(len(buffer), len(self._data) - self._at)
        buffer[:size] = self._view[self._at:self._at + size]
        self._at += size
        return size

    def readline(self) -> bytes:
        self.pacer.pace()
        end = self._data.find(b"\n", self._at)
        end = len(self._data) if end < 0 else end + 1
        chunk = self._view[self._at:end].tobytes()
        self._at = end
        return chunk


class PacedWriter:
    """A binary file for `pickle.Pickler` gathering what it writes, resting between writes."""

    def __init__(self, pacer: Pacer | None = None) -> None:
        self._parts: list[bytes] = []
        self.pacer = pacer or Pacer()

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self.pacer.pace()
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self._parts)
