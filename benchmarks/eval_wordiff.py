"""How many tokens word diffs mark, beside the fewest possible (the LCS optimum).

Run:  python benchmarks/eval_wordiff.py ../shared/eval/wiki-versions ../shared/eval/syndicated

Every folder of versions (``*.txt``; a folder of folders is walked) gives pairs: each
version against the next (revisions) and, with ``--all-pairs``, every pair. For each pair
the whole texts are diffed, and so are the cells of every aligned row of
``core.compare.compare`` (what the window shows). A diff's *changed tokens* are the
compared tokens (whitespace left out) inside its non-equal opcodes, both sides; the
optimum is ``len(a) + len(b) - 2 * LCS`` over the same compared tokens (rapidfuzz
``Indel.distance``, exact). Beside ours: Levenshtein opcodes and difflib on the same
tokens, and ours with the long-text path forced on (``--direct-cells``): windows of a few
tokens between probes, as book-size input is diffed (in windows of hundreds there).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterator
from itertools import combinations, pairwise
from pathlib import Path

from rapidfuzz.distance import Indel, Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import wordiff
from core.compare import compare
from core.load import load_path
from core.tokens import comparison_key, tokenize
from core.wordiff import changed_tokens, word_diff


def compared(text: str) -> list[str]:
    """The compared tokens' keys under the default options."""
    return [k for k in map(comparison_key, tokenize(text)) if k is not None]


def marked(ops: list[tuple[str, int, int, int, int]]) -> int:
    return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal")


def version_folders(root: Path) -> Iterator[Path]:
    if any(root.glob("*.txt")):
        yield root
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        yield from version_folders(sub)


def pairs_of(texts: list[str], all_pairs: bool) -> list[tuple[str, str]]:
    return list(combinations(texts, 2) if all_pairs else pairwise(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--all-pairs", action="store_true")
    parser.add_argument(
        "--direct-cells",
        type=int,
        default=200,
        help="largest range diffed at once in the forced run (windows: its root / 4)",
    )
    args = parser.parse_args()
    print(
        f"{'set':<34} {'pairs':>5} {'optimum':>8} {'ours':>8} {'anchored':>8} "
        f"{'Levensh.':>8} {'difflib':>8}"
    )
    totals = [0] * 5
    disjoint: list[tuple[str, str]] = []
    for root in args.folders:
        for folder in version_folders(root):
            paths = sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
            texts = [p.read_text(encoding="utf-8") for p in paths]
            pairs = pairs_of(texts, args.all_pairs)
            disjoint.extend(zip(texts[0::2], texts[1::2], strict=False))
            # the rows of the comparison: each version's cell against the base's
            versions = [load_path(str(p)) for p in paths]
            rows: list[tuple[str, str]] = []
            for a_index, b_index in (
                combinations(range(len(paths)), 2)
                if args.all_pairs
                else pairwise(range(len(paths)))
            ):
                result = compare([versions[a_index], versions[b_index]])
                rows.extend((d.a_text, d.b_text) for row in result.diffs for d in row.values())
            for label, items in (("whole", pairs), ("rows", rows)):
                sums = [0] * 5
                for a, b in items:
                    ka, kb = compared(a), compared(b)
                    sums[0] += Indel.distance(ka, kb)
                    sums[1] += changed_tokens(word_diff(a, b))
                    old = wordiff._DIRECT_CELLS
                    wordiff._DIRECT_CELLS = args.direct_cells
                    try:
                        sums[2] += changed_tokens(word_diff(a, b))
                    finally:
                        wordiff._DIRECT_CELLS = old
                    sums[3] += marked(Levenshtein.opcodes(ka, kb).as_list())
                    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
                    sums[4] += marked(matcher.get_opcodes())
                name = f"{folder.parent.name}/{folder.name} {label}"[-34:]
                print(f"{name:<34} {len(items):>5} " + " ".join(f"{x:>8,}" for x in sums))
                totals = [t + x for t, x in zip(totals, sums, strict=True)]
    # Disjoint pairs (versions 0-1, 2-3, ... of each folder) one after the other: one long
    # pair, where the anchoring really runs.
    book = [(" ".join(a for a, _ in disjoint), " ".join(b for _, b in disjoint))]
    sums = [0] * 5
    for a, b in book:
        ka, kb = compared(a), compared(b)
        sums[0] += Indel.distance(ka, kb)
        sums[1] += changed_tokens(word_diff(a, b))
        sums[2] = sums[1]
        sums[3] += marked(Levenshtein.opcodes(ka, kb).as_list())
        sums[4] += marked(difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes())
    print(
        f"{'disjoint pairs as one text':<34} {len(book):>5} " + " ".join(f"{x:>8,}" for x in sums)
    )
    print(
        f"{'  vs optimum':<34} {'':>5} "
        + " ".join(f"{x / max(sums[0], 1) - 1:>+8.2%}" for x in sums)
    )
    opt = max(totals[0], 1)
    print(f"{'all':<34} {'':>5} " + " ".join(f"{x:>8,}" for x in totals))
    print(f"{'vs optimum':<34} {'':>5} " + " ".join(f"{x / opt - 1:>+8.2%}" for x in totals))
    print(
        "changed tokens (fewer is better; 'optimum' is the LCS bound, rapidfuzz "
        "Indel.distance);\n'anchored' = ours with ranges over "
        f"{args.direct_cells} cells cut into windows of a few tokens, as book-size input is."
    )


if __name__ == "__main__":
    main()
