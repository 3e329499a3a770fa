"""Window speed: launch with N versions to comparison shown; longest UI stall while comparing.

Usage: python benchmarks/bench_gui.py [SYNDICATED_CLUSTER_DIR]
Runs offscreen. Prints figures; it is a measurement, not a test.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication


def _wait(app: QApplication, window, versions: int, limit: float = 120.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        c = window.comparison
        if (c is not None and len(c.versions) == versions and not window.comparer.busy
                and not window.loader.busy and not window._compare_timer.isActive()):
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


def main() -> None:
    from gui.main_window import SAMPLES, MainWindow

    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    cluster = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    files = (sorted(str(p) for p in cluster.glob("*.txt")) if cluster
             else sorted(str(p) for p in SAMPLES.iterdir()))

    start = time.perf_counter()
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    window.add_paths(files)
    _wait(app, window, len(files))
    shown = time.perf_counter() - start
    print(f"launch with {len(files)} versions to comparison shown: {shown:.2f} s")
    window.versions.clear()
    app.processEvents()

    paths = _make_texts(tmp, 100_000)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    start = time.perf_counter()
    window.add_paths(paths)
    _wait(app, window, 2, limit=300)
    total = time.perf_counter() - start
    timer.stop()
    gaps = sorted((b - a for a, b in itertools.pairwise(ticks)), reverse=True)
    print(f"two 100,000-word texts: comparison shown after {total:.2f} s; "
          f"longest UI stall {gaps[0] * 1000:.0f} ms (target < 100 ms); "
          f"next longest {', '.join(f'{g * 1000:.0f}' for g in gaps[1:5])} ms")
    window.clean_view.set_saved()
    window.close()


if __name__ == "__main__":
    main()
