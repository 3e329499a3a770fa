"""How much "Show Only Differences" saves: the comparison's height folded, per context.

Usage: python benchmarks/eval_folding.py [FOLDER ...] [--max N]
Each folder is one set of versions (e.g. a cluster of syndicated copies; ``--max`` keeps
its first N files). The bundled samples are measured in the same run as the anchor.
Prints, per set: the rows shown (View ▸ Show Removed Passages off, the window's default),
the rows that differ in the clean article, the folded height as a share of that view's
height at context 0-3 (differing passages trimmed to the words around their changes),
the floor (the height of the article's differing rows alone, trimmed: no rule that keeps
every differing passage in sight can fold below it), the folded height
(context 1) as a share of every passage (Show Removed Passages on, nothing folded), and
whether turning folding off restores every row. Runs offscreen; a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication


def measure(paths: list[Path], app: QApplication) -> str:
    from core.compare import compare
    from core.load import load_path
    from gui.compare_view import CompareView

    comparison = compare([load_path(p) for p in paths])
    view = CompareView()
    view.resize(1600, 900)
    view.show()
    view.set_comparison(comparison)

    def settle() -> None:
        while view.layout_pending():
            app.processEvents()

    settle()
    every = view.shown_height()  # removed passages shown, nothing folded
    view.set_show_dropped(False)  # the window's default
    settle()
    rows = view.model.rowCount()
    shown = [r for r in range(rows) if not view.is_row_hidden(r)]
    header = view.table.verticalHeader()
    article_diffs = [r for r in shown if view.model.differs(r) and not view.model.left_out(r)]
    full = view.shown_height()
    shares = []
    of_every = 0.0
    for context in range(4):
        view.set_context(context)
        view.set_only_differences(True)
        settle()
        shares.append(f"{view.shown_height() / full:.2f}")
        if context == 1:
            of_every = view.shown_height() / every
        view.set_only_differences(False)
        settle()
    restored = view.shown_height() == full and not any(view.is_row_hidden(r) for r in shown)
    view.set_context(0)
    view.set_only_differences(True)  # the article's differing rows, trimmed, alone
    settle()
    floor = sum(header.sectionSize(r) for r in article_diffs) / full
    view.close()
    return (f"{len(paths):3d} {len(shown):5d} {len(article_diffs):6d}   {' '.join(shares)}"
            f"   {floor:5.2f}   {of_every:5.2f}     {'yes' if restored else 'NO'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--max", type=int, default=0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from gui.main_window import sample_files

    print(f"{'':20s}  versions rows differ  folded/shown ctx 0-3  floor  "
          "ctx1/every  restored")
    print(f"{'samples (anchor)':20s}", measure([Path(p) for p in sample_files()], app))
    for folder in args.folders:
        files = sorted(p for p in folder.iterdir() if p.is_file())
        if args.max:
            files = files[: args.max]
        name = folder.name + (f" (first {len(files)})" if args.max else "")
        print(f"{name:20s}", measure(files, app))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
