"""Letting go of a book-size comparison a slice at a time.

When a new comparison replaces the last, the old one's millions of objects are freed.
Dropping the last reference frees them all in one go on the UI thread (80-300 ms for two
6.5 MB versions), and handing them to a thread would not help: the freeing holds the GIL.
`Graveyard` takes the old objects before the window lets go of them and frees them in
slices of a few milliseconds between the window's events: an object only the graveyard
still holds is taken apart (its parts held, the object dropped) down to parts small
enough to drop at once; whatever something else still holds is just dropped.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer

__all__ = ["Graveyard"]

SLICE_SECONDS = 0.004
"""The UI thread's time for one slice."""
SPLIT_DEPTH = 3
"""Levels taken apart whatever their size (a comparison, its fields, their items)."""
SPLIT_ABOVE = 64
"""Deeper down, objects holding more parts than this are taken apart too."""


class Graveyard(QObject):
    """Holds objects the window no longer needs and frees them between events."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[tuple[object, int]] = deque()
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self.step)

    def __len__(self) -> int:
        return len(self._queue)

    def bury(self, *objects: object) -> None:
        """Take ``objects`` (call before letting go of them elsewhere)."""
        self._queue.extend((o, 0) for o in objects if o is not None)
        if self._queue and not self._timer.isActive():
            self._timer.start()

    def step(self, seconds: float = SLICE_SECONDS) -> None:
        """Free objects for about ``seconds``; stops the timer once all are freed."""
        queue = self._queue
        deadline = time.perf_counter() + seconds
        while queue:
            thing, depth = queue.pop()  # depth first: the queue stays short
            # 2 references: ``thing`` and getrefcount's argument. Only then is it ours.
            if sys.getrefcount(thing) <= 2 and gc.is_tracked(thing):
                parts = gc.get_referents(thing)
                if depth < SPLIT_DEPTH or len(parts) > SPLIT_ABOVE:
                    queue.extend((p, depth + 1) for p in parts if gc.is_tracked(p))
                del parts
            del thing
            if time.perf_counter() >= deadline:
                break
        if not queue:
            self._timer.stop()
