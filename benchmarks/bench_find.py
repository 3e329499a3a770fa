"""Find in a large comparison: how long the window waits at most, against the whole search.

Usage: python benchmarks/bench_find.py [--rows N] [--versions N] [FILE ...]
With files, they are the versions; else a generated story of N passages in N versions,
one passage in ten reworded per version. Prints, for a common and a rare word: the whole
search done in one go (the anchor: what a find on the window's thread used to block for),
the first slice (before `set_find` returns), the longest slice between events, the
number of slices, and the wall time until the last match is found. Offscreen.
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

from PySide6.QtWidgets import QApplication

SENTENCE = ("the council said new rules would apply from next year while critics warned that "
            "costs could rise for families in the north and the south of the region")
WORDS = SENTENCE.split(" ")


def generated(rows: int, versions: int):
    from core.model import Block, BlockKind, Format, Version

    rng = random.Random(5)
    story = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 80))) + f" ({i})."
             for i in range(rows)]
    out = []
    for v in range(versions):
        texts = [t.replace(" the ", " a ", 1) if (i + v) % 10 == 0 else t
                 for i, t in enumerate(story)]
        out.append(Version(f"v{v}.txt", Format.TEXT, "utf-8",
                           tuple(Block(BlockKind.PARAGRAPH, t) for t in texts)))
    return out


def one_go(comparison, needle: str) -> tuple[float, int]:
    """The search as one loop over every cell, case-folding each (the anchor)."""
    start = time.perf_counter()
    folded = needle.casefold()
    count = 0
    for row in range(len(comparison.alignment.rows)):
        for version in range(len(comparison.versions)):
            hay = comparison.cell_text(row, version).casefold()
            at = hay.find(folded)
            while at >= 0:
                count += 1
                at = hay.find(folded, at + len(folded))
    return time.perf_counter() - start, count


def sliced(view, app: QApplication, needle: str) -> tuple[float, float, int, float, int]:
    finder = view._finder
    slices: list[float] = []
    original = finder._slice

    def timed(deadline: float | None = None) -> None:
        start = time.perf_counter()
        original(deadline)
        slices.append(time.perf_counter() - start)

    finder._slice = timed  # type: ignore[method-assign]
    finder._timer.timeout.disconnect()
    finder._timer.timeout.connect(timed)
    start = time.perf_counter()
    view.set_find(needle)
    while view.finding():
        app.processEvents()
    wall = time.perf_counter() - start
    finder._slice = original  # type: ignore[method-assign]
    finder._timer.timeout.disconnect()
    finder._timer.timeout.connect(original)
    return slices[0], max(slices), len(slices), wall, view.match_count()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--versions", type=int, default=13)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from core.compare import compare
    from core.load import load_path
    from gui.compare_view import CompareView

    versions = ([load_path(p) for p in args.files] if args.files
                else generated(args.rows, args.versions))
    comparison = compare(versions)
    view = CompareView()
    view.resize(1600, 900)
    view.show()
    view.set_comparison(comparison)
    while view.layout_pending():  # the rows laid out first: only the find is measured
        app.processEvents()
    cells = len(comparison.alignment.rows) * len(comparison.versions)
    print(f"{len(comparison.versions)} versions, {len(comparison.alignment.rows)} rows, "
          f"{cells} cells")
    print(f"{'word':8s} {'matches':>8s} {'one go (anchor)':>16s} {'first slice':>12s} "
          f"{'longest slice':>14s} {'slices':>7s} {'until done':>11s}")
    for needle in ("the", "region", "critics", "(2999)"):
        anchor, count = one_go(comparison, needle)
        for label in ("", " again"):  # the second search reuses the folded texts
            first, longest, slices, wall, found = sliced(view, app, needle)
            assert found == count, (found, count)
            print(f"{needle + label:14s} {count:>8d} {anchor * 1000:>10.0f} ms "
                  f"{first * 1000:>9.1f} ms {longest * 1000:>11.1f} ms {slices:>7d} "
                  f"{wall * 1000:>8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
