"""Window speed: launch with N versions to comparison shown; longest UI stalls while working.

Usage: python benchmarks/bench_gui.py [--cluster DIR] [--big-mb 6.5] [--hostile-kb 40]
       [--threads] [--hostile-seconds 20] [--shot FILE.png]

Runs offscreen. Prints figures; it is a measurement, not a test. A 10 ms timer on the UI
thread records its ticks; a stall is the longest gap between two ticks, printed with the
99th percentile of the gaps and, beside the same run's total comparison time, how much of
the longest stall the window process spent on a CPU (near 50% on a loaded machine: the
other half it was waiting for one). For the ``--big-mb`` case the longest stall ending in
each phase (loading, comparing, showing) and the time of the window's slots are printed
too; the machine's load average is printed first, since timings under load are noisy.
Compare a change by running this script over both trees one after the other. ``--threads``
runs every job on a thread of the window's process (as before jobs went to a worker
process), the anchor to compare with in the same session.
Cases: the bundled samples (or a cluster's versions); two 100,000-word texts; two
``--big-mb`` versions of generated prose (2% of words edited, 1% deleted); and a .txt
holding a ``--hostile-kb`` run of spaces, cancelled after ``--hostile-seconds`` if still
loading (the time from the Cancel click to the window being idle is printed).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication


class Ticks:
    """Timestamps of a 10 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.cpu: list[float] = []  # the window process's CPU time at each tick
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.times.append(time.perf_counter())
        self.cpu.append(time.process_time())

    def __enter__(self) -> Ticks:
        self.times.clear()
        self.cpu.clear()
        self._tick()
        self.timer.start(10)
        return self

    def __exit__(self, *_: object) -> None:
        self.timer.stop()
        self._tick()

    def busy_share(self) -> float:
        """How much of the longest gap the window process spent on a CPU (all its threads):
        near 0 means the machine gave it no CPU (other processes), not that it was busy."""
        gaps = [(b - a, i) for i, (a, b) in enumerate(itertools.pairwise(self.times))]
        if not gaps:
            return 0.0
        gap, i = max(gaps)
        return (self.cpu[i + 1] - self.cpu[i]) / gap if gap > 0 else 0.0

    def gaps(self, start: float = 0.0, stop: float = float("inf")) -> list[float]:
        """The gaps (seconds) between ticks that end in the span."""
        return [b - a for a, b in itertools.pairwise(self.times) if start < b <= stop]

    def longest(self, start: float = 0.0, stop: float = float("inf")) -> float:
        """The longest gap (seconds) between ticks, counting gaps that end in the span."""
        return max(self.gaps(start, stop), default=0.0)

    def p99(self) -> float:
        """The 99th percentile of the gaps (seconds)."""
        gaps = sorted(self.gaps())
        return gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))] if gaps else 0.0


def _idle(window) -> bool:
    return (not window.comparer.busy and not window.loader.busy
            and not window._compare_timer.isActive())


def _wait(app: QApplication, window, versions: int, limit: float = 600.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        c = window.comparison
        if c is not None and len(c.versions) == versions and _idle(window):
            return time.perf_counter() - start
    raise TimeoutError


def _make_texts(folder: Path, words: int) -> list[str]:
    rng = random.Random(7)
    vocab = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ri") for b in
             ("ba", "de", "fo", "gu", "hi", "jo", "ku", "le", "mo", "nu")] * 3
    tokens = [rng.choice(vocab) for _ in range(words)]
    edited = [("edit" if rng.random() < 0.02 else t) for t in tokens if rng.random() >= 0.01]
    paths = []
    for name, seq in (("a.txt", tokens), ("b.txt", edited)):
        paras = [" ".join(seq[i:i + 50]) + "." for i in range(0, len(seq), 50)]
        path = folder / name
        path.write_text("\n\n".join(paras), encoding="utf-8")
        paths.append(str(path))
    return paths


def _make_big(folder: Path, megabytes: float) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_wordiff import make_pair

    a, b = make_pair(int(megabytes * 1_000_000 / 5.85))
    paths = []
    for name, text in (("big_a.txt", a), ("big_b.txt", b)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


class Phases:
    """Moments of one comparison in the window, to say in which phase each stall fell,
    and how long the window's slots for the loaded files and the result took."""

    def __init__(self, window) -> None:
        self.marks: list[tuple[float, str]] = []
        self.slots: list[str] = []
        self._window = window
        self._wrapped = [(window.loader.finished, window._on_loaded, "files loaded"),
                         (window.comparer.finished, window._on_compared, "result shown")]
        window.comparer.busy_changed.connect(self._on_busy)
        self._wrappers = []
        for signal, slot, what in self._wrapped:
            signal.disconnect(slot)
            wrapper = self._timed(slot, what)
            signal.connect(wrapper)
            self._wrappers.append(wrapper)

    def _on_busy(self, busy: bool) -> None:
        self.mark("comparing" if busy else "comparer idle")

    def _timed(self, slot, what: str):
        def run(payload) -> None:
            start = time.perf_counter()
            slot(payload)
            self.mark(what)
            self.slots.append(f"{what}: the window's slot took "
                              f"{(time.perf_counter() - start) * 1000:.0f} ms")
        return run

    def mark(self, what: str) -> None:
        self.marks.append((time.perf_counter(), what))

    def close(self) -> None:
        self._window.comparer.busy_changed.disconnect(self._on_busy)
        for (signal, slot, _), wrapper in zip(self._wrapped, self._wrappers, strict=True):
            signal.disconnect(wrapper)
            signal.connect(slot)

    def report(self, ticks: Ticks) -> str:
        """The longest stall ending in each phase ("after MOMENT: N ms"), then the slots."""
        lines = []
        bounds = [*self.marks, (ticks.times[-1], "end")]
        start, label = ticks.times[0], "start"
        for stop, name in bounds:
            gaps = ticks.gaps(start, stop)
            if gaps:
                lines.append(f"    after {label:<24} {stop - start:7.2f} s"
                             f"  longest stall {max(gaps) * 1000:4.0f} ms")
            start, label = stop, name
        return "\n".join(lines + [f"    {line}" for line in self.slots])


def _pair_case(app, window, label: str, paths: list[str], *, phases: bool = False,
               shot: Path | None = None) -> None:
    finished: list[float] = []

    def arrived_now(*_: object) -> None:
        finished.append(time.perf_counter())

    window.comparer.finished.connect(arrived_now)
    moments = Phases(window) if phases else None
    start = time.perf_counter()
    with Ticks() as ticks:
        window.add_paths(paths)
        _wait(app, window, len(paths))
        # what the window does just after (row heights refined, the strip drawn)
        settle = time.perf_counter()
        while time.perf_counter() - settle < 1.0:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    total = time.perf_counter() - start - 1.0
    arrived = finished[-1] if finished else float("inf")
    window.comparer.finished.disconnect(arrived_now)
    size = sum(os.path.getsize(p) for p in paths) / 2**20
    print(f"{label} ({size:.1f} MiB): comparison shown after {total:.2f} s; UI stalls: longest "
          f"{ticks.longest() * 1000:.0f} ms, 99th percentile {ticks.p99() * 1000:.0f} ms "
          f"(while working {ticks.longest(0, arrived) * 1000:.0f} ms, showing the result "
          f"{ticks.longest(arrived) * 1000:.0f} ms; target < 100 ms); the window process "
          f"was on a CPU {ticks.busy_share():.0%} of its longest stall")
    if moments is not None:
        print(moments.report(ticks))
        moments.close()
    if shot is not None:
        window.grab().save(str(shot))
    window.versions.clear()
    app.processEvents()


def _hostile_case(app, window, folder: Path, kilobytes: int, patience: float) -> None:
    path = folder / "spaces.txt"
    path.write_text("A headline\n\nSome words" + " " * (kilobytes * 1000)
                    + "more words.\n\nAnother paragraph.\n", encoding="utf-8")
    start = time.perf_counter()
    with Ticks() as ticks:
        window.add_paths([str(path)])
        while time.perf_counter() - start < patience and not _idle(window):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        cancelled = None
        if not _idle(window):
            clicked = time.perf_counter()
            window.cancel_button.click()
            while not _idle(window):
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            cancelled = time.perf_counter() - clicked
    took = time.perf_counter() - start
    outcome = (f"cancelled after {patience:.0f} s, idle {cancelled * 1000:.0f} ms after the click"
               if cancelled is not None else f"loaded in {took:.2f} s")
    print(f"a .txt with a {kilobytes} KB run of spaces: {outcome}; longest UI stall "
          f"{ticks.longest() * 1000:.0f} ms")
    window.versions.clear()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", type=Path, help="a folder of .txt versions to launch with")
    parser.add_argument("--big-mb", type=float, default=0.0, help="size of each big version")
    parser.add_argument("--hostile-kb", type=int, default=0)
    parser.add_argument("--hostile-seconds", type=float, default=20.0)
    parser.add_argument("--shot", type=Path, help="save the window with the big comparison")
    parser.add_argument("--threads", action="store_true",
                        help="run every job on a thread of the window's process")
    args = parser.parse_args()

    from gui import tasks
    from gui.main_window import SAMPLES, MainWindow

    if args.threads:
        tasks.run_in_process = lambda func, token, report: func(token, report)
    print("jobs on threads of the window's process" if args.threads
          else "loading and book-size comparisons in a worker process")
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    files = (sorted(str(p) for p in args.cluster.glob("*.txt")) if args.cluster
             else sorted(str(p) for p in SAMPLES.iterdir()))

    start = time.perf_counter()
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    with Ticks() as ticks:
        window.add_paths(files)
        _wait(app, window, len(files))
    shown = time.perf_counter() - start
    print(f"launch with {len(files)} versions to comparison shown: {shown:.2f} s; longest UI "
          f"stall {ticks.longest() * 1000:.0f} ms")
    window.versions.clear()
    app.processEvents()

    _pair_case(app, window, "two 100,000-word texts", _make_texts(tmp, 100_000))
    if args.big_mb:
        _pair_case(app, window, f"two {args.big_mb:g} MB versions", _make_big(tmp, args.big_mb),
                   phases=True, shot=args.shot)
    if args.hostile_kb:
        _hostile_case(app, window, tmp, args.hostile_kb, args.hostile_seconds)
    window.clean_view.set_saved()
    window.close()


if __name__ == "__main__":
    main()
