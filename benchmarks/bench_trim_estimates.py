"""The UI thread's longest slice when "Show Only Differences" turns on for a comparison of
many versions in which nearly every row differs (each differing cell's height estimate
needs its marks and its trimmed length).

Usage: python benchmarks/bench_trim_estimates.py [--versions 13] [--rows 500]
Prints, for the comparison shown (just under `EAGER_ROWS` rows: every row is estimated at
once), the longest gap between two ticks of a 5 ms UI timer and the time of the call itself,
for turning folding on (trimming) beside turning it off again and a column resize (no
trimming: the anchor, measured in the same run). Offscreen; a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

WORDS = [
    "the",
    "ministers",
    "met",
    "in",
    "the",
    "capital",
    "on",
    "monday",
    "to",
    "discuss",
    "trade",
    "rules",
    "energy",
    "prices",
    "and",
    "the",
    "border",
    "while",
    "crowds",
    "gathered",
    "outside",
    "the",
    "palace",
    "in",
    "the",
    "rain",
    "as",
    "officials",
    "said",
    "talks",
    "would",
    "go",
    "on",
]


def comparison(versions: int, rows: int):
    from core.compare import compare
    from core.model import Block, BlockKind, Format, Version

    rng = random.Random(5)
    story = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + f" ({i})."
        for i in range(rows)
    ]
    out = []
    for v in range(versions):
        texts = []
        for i, text in enumerate(story):
            words = text.split(" ")
            if (i + v) % 7:  # nearly every row: some versions reword a few words
                for _ in range(3):
                    at = rng.randrange(len(words) - 1)
                    words[at] = rng.choice(WORDS) + "s"
            texts.append(" ".join(words))
        out.append(
            Version(
                f"copy-{v:02d}.txt",
                Format.TEXT,
                "utf-8",
                tuple(Block(BlockKind.PARAGRAPH, t) for t in texts),
            )
        )
    return compare(out)


def timed(app: QApplication, view, action) -> tuple[float, float]:
    """(seconds the call took, longest gap between UI ticks until the view settles)."""
    last = [time.perf_counter()]
    gaps = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    app.processEvents()
    start = time.perf_counter()
    last[0] = start
    action()
    took = time.perf_counter() - start
    while view.layout_pending():
        app.processEvents()
    tick()
    timer.stop()
    return took, max(max(gaps), took)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=13)
    parser.add_argument("--rows", type=int, default=0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gui.compare_view import EAGER_ROWS, CompareView

    rows = args.rows or EAGER_ROWS - 5
    comp = comparison(args.versions, rows)
    view = CompareView()
    view.resize(1600, 900)
    view.show()
    view.set_comparison(comp)
    while view.layout_pending():
        app.processEvents()
    differing = sum(view.model.differs_list())
    print(
        f"{args.versions} versions, {view.model.rowCount()} rows, {differing} differ "
        f"(EAGER_ROWS {EAGER_ROWS})"
    )
    print(f"{'':28s} call ms  longest UI slice ms")
    cases = [
        (
            "column resize (anchor)",
            lambda: view.table.horizontalHeader().resizeSection(1, view.table.columnWidth(1) + 20),
        ),
        ("only differences on", lambda: view.set_only_differences(True)),
        (
            "column resize, trimmed",
            lambda: view.table.horizontalHeader().resizeSection(1, view.table.columnWidth(1) - 20),
        ),
        ("only differences off", lambda: view.set_only_differences(False)),
    ]
    for name, action in cases:
        took, longest = timed(app, view, action)
        print(f"{name:28s} {took * 1000:7.0f}  {longest * 1000:7.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
