"""Benchmark core.wordiff.word_diff against git --word-diff, difflib and Meld's matcher.

Run:  python benchmarks/bench_wordiff.py [--sizes 1000,10000,100000,1000000]
          [--meld PATH/TO/meld/matchers/myers.py] [--full]

Two prose-like texts are generated with a seeded RNG (Zipf-distributed vocabulary,
sentences and paragraphs); the second has 2% of its words replaced and 1% deleted.
Both are written to a temp folder and every contender runs on the same pair, best of
``--repeat`` runs (the machine is shared). ``ours`` is ``word_diff`` timed from the raw
strings (tokenising included); ``ours (process)`` and ``git`` are whole processes on the
two files (``git diff --no-index --word-diff``; ours: a Python that imports core, reads
the files and diffs them). difflib, Meld's ``MyersSequenceMatcher`` (given its file with
``--meld``; it is GPL code and not part of this project) and rapidfuzz ``Indel.opcodes``
(one LCS over the whole) run on the ready compared-token lists; they are quadratic or
worse, so difflib and Meld run up to 100k words and Indel up to 10k unless ``--full``.
Changed tokens (compared tokens inside changes, both sides) are shown beside the LCS
optimum where it is computed (up to 100k words). Memory: the tracemalloc peak of
``word_diff`` and the peak RSS of a process doing only that, of one that only reads the
texts, and of git, at the largest size.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from rapidfuzz.distance import Indel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.tokens import tokenize
from core.wordiff import changed_tokens, word_diff

SEED = 20240611
_SYLLABLE_TEXT = (
    "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe pi po "
    "ra re ri ro sa se si so ta te ti to va ve vi vo an en in on ar er ir or st tr pl gr"
)
_FUNCTION_WORD_TEXT = (
    "the of and to a in that is was he for it with as his on be at by had are but from "
    "or have an they which one you were her all she there would their we him been has "
    "when who will more no if out so said what up its about into than them can only"
)
_SYLLABLES = tuple(_SYLLABLE_TEXT.split())
_FUNCTION_WORDS = tuple(_FUNCTION_WORD_TEXT.split())


def make_vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    """Function words first, then made-up words of 1-4 syllables, no duplicates."""
    words = dict.fromkeys(_FUNCTION_WORDS)
    while len(words) < size:
        words["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))] = None
    return list(words)


def make_words(rng: random.Random, vocabulary: list[str], n: int) -> list[str]:
    """``n`` words drawn with Zipf weights (rank r has weight 1/r), like real prose."""
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    return rng.choices(vocabulary, weights, k=n)


def render(rng: random.Random, words: list[str]) -> list[tuple[str, str]]:
    """Words laid out as prose: ``(word, separator)`` pieces; sentences of 8-25 words,
    commas now and then, paragraphs (one line each) of 3-6 sentences."""
    pieces: list[tuple[str, str]] = []
    sentence_left = rng.randint(8, 25)
    sentences_left = rng.randint(3, 6)
    start = True
    for word in words:
        shown = word.capitalize() if start else word
        start = False
        sentence_left -= 1
        if sentence_left == 0:
            sentence_left = rng.randint(8, 25)
            sentences_left -= 1
            start = True
            if sentences_left == 0:
                sentences_left = rng.randint(3, 6)
                sep = ".\n\n"
            else:
                sep = ". "
        elif rng.random() < 0.07:
            sep = ", "
        else:
            sep = " "
        pieces.append((shown, sep))
    return pieces


def make_pair(n: int, seed: int = SEED) -> tuple[str, str]:
    """Two texts of ``n`` words; the second with 2% of words edited and 1% deleted."""
    rng = random.Random(seed)
    vocabulary = make_vocabulary(rng)
    pieces = render(rng, make_words(rng, vocabulary, n))
    edited: list[tuple[str, str]] = []
    for word, sep in pieces:
        r = rng.random()
        if r < 0.01:
            continue
        if r < 0.03:
            new = rng.choice(vocabulary)
            word = new.capitalize() if word[0].isupper() else new
        edited.append((word, sep))
    return _join(pieces), _join(edited)


def _join(pieces: list[tuple[str, str]]) -> str:
    return "".join(w + s for w, s in pieces).rstrip() + "\n"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` wall-clock runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def git_word_diff(a_path: Path, b_path: Path) -> None:
    """``git diff --no-index --word-diff`` (exit code 1 just means "differs")."""
    subprocess.run(
        ["git", "diff", "--no-index", "--word-diff", "--no-color", str(a_path), str(b_path)],
        capture_output=True,
        check=False,
    )


def _difflib(a: list[str], b: list[str]) -> list:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def load_meld(path: Path | None) -> Callable[[list[str], list[str]], list] | None:
    """Meld's ``MyersSequenceMatcher`` from its source file, if one is given."""
    if path is None:
        return None
    spec = importlib.util.spec_from_file_location("meld_myers", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return lambda a, b: module.MyersSequenceMatcher(None, a, b).get_opcodes()


def marked(ops: list) -> int:
    """Tokens inside changes, both sides, of opcodes over compared tokens."""
    return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in ops if tag != "equal")


_OURS_PROCESS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from core.wordiff import changed_tokens, word_diff
a = Path(sys.argv[1]).read_text(encoding="utf-8")
b = Path(sys.argv[2]).read_text(encoding="utf-8")
if sys.argv[4] == "diff":
    word_diff(a, b)
# peak RSS of this program (ru_maxrss would carry the parent's over from before exec)
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""
_GIT_PROCESS = """
import resource, subprocess, sys
subprocess.run(["git", "diff", "--no-index", "--word-diff", "--no-color", *sys.argv[1:]],
               capture_output=True, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def ours_process(a_path: Path, b_path: Path, what: str = "diff") -> int:
    """Run ``word_diff`` on the two files in a fresh Python; its peak RSS in KiB."""
    root = str(Path(__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", _OURS_PROCESS, str(a_path), str(b_path), root, what],
        capture_output=True, text=True, check=True,
    )
    return int(done.stdout.split()[-1])


def git_rss(a_path: Path, b_path: Path) -> int:
    done = subprocess.run([sys.executable, "-c", _GIT_PROCESS, str(a_path), str(b_path)],
                          capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def ratio(x: float | None, y: float | None) -> str:
    return "-" if x is None or y is None else f"{x / y:.2f}x"


def count(x: int | None) -> str:
    return "-" if x is None else f"{x:,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--meld", type=Path, help="path to Meld's meld/matchers/myers.py")
    parser.add_argument(
        "--full", action="store_true", help="difflib, Meld and Indel at every size (slow)"
    )
    parser.add_argument("--difflib-max", type=int, default=100_000,
                        help="largest size difflib runs at (it takes minutes at 100k)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    big = max(sizes) if args.full else 0
    slow_max = max(big, 100_000)  # difflib, Meld, the LCS optimum
    indel_max = max(big, 10_000)
    meld = load_meld(args.meld)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_wordiff_") as tmp:
        for n in sizes:
            a, b = make_pair(n)
            a_path, b_path = Path(tmp, f"a_{n}.txt"), Path(tmp, f"b_{n}.txt")
            a_path.write_text(a, encoding="utf-8")
            b_path.write_text(b, encoding="utf-8")
            # What word_diff compares by default: tokens other than whitespace.
            a_words = [t for t in tokenize(a) if not t.isspace()]
            b_words = [t for t in tokenize(b) if not t.isspace()]
            slow_repeat = 1 if n >= 100_000 else args.repeat

            diff = word_diff(a, b)
            ours_changed = changed_tokens(diff)
            del diff
            ours = best_of(lambda a=a, b=b: word_diff(a, b), args.repeat)
            git = best_of(lambda p=a_path, q=b_path: git_word_diff(p, q), args.repeat)
            ours_proc = best_of(lambda p=a_path, q=b_path: ours_process(p, q), args.repeat)
            row = {"n": n, "ours": ours, "ours_proc": ours_proc, "git": git,
                   "ours_changed": ours_changed}
            if n <= slow_max:
                row["optimum"] = Indel.distance(a_words, b_words)
                ops: list = []
                if n <= max(big, args.difflib_max):
                    row["difflib"] = best_of(
                        lambda x=a_words, y=b_words, o=ops: o.append(_difflib(x, y)), slow_repeat
                    )
                    row["difflib_changed"] = marked(ops[-1])
                if meld is not None:
                    row["meld"] = best_of(
                        lambda x=a_words, y=b_words, o=ops: o.append(meld(x, y)), slow_repeat)
                    row["meld_changed"] = marked(ops[-1])
            if n <= indel_max:
                row["indel"] = best_of(
                    lambda x=a_words, y=b_words: Indel.opcodes(x, y), slow_repeat)
            rows.append(row)
            print(f"  {n:>9,} words done: ours {fmt(ours)}, git {fmt(git)}", file=sys.stderr,
                  flush=True)

        print()
        print(f"word_diff benchmark (best of {args.repeat}; slow contenders once at >= 100k; "
              f"seed {SEED}; python {sys.version.split()[0]})")
        header = ["words", "ours", "ours (process)", "git (process)", "difflib", "Meld myers",
                  "Indel (whole)", "ours/git", "process/git"]
        table = [header]
        for r in rows:
            table.append([f"{r['n']:,}", fmt(r["ours"]), fmt(r["ours_proc"]), fmt(r["git"]),
                          fmt(r.get("difflib")), fmt(r.get("meld")), fmt(r.get("indel")),
                          ratio(r["ours"], r["git"]), ratio(r["ours_proc"], r["git"])])
        _print_table(table)
        print()
        print("changed tokens (compared tokens inside changes, both sides; fewer is better)")
        table = [["words", "optimum (LCS)", "ours", "difflib", "Meld myers", "ours vs optimum"]]
        for r in rows:
            optimum = r.get("optimum")
            excess = (f"{r['ours_changed'] / optimum - 1:+.2%}" if optimum else "-")
            table.append([f"{r['n']:,}", count(optimum), count(r["ours_changed"]),
                          count(r.get("difflib_changed")), count(r.get("meld_changed")),
                          excess])
        _print_table(table)
        print("targets: ours within 3x git's whole-process time; changed tokens within 1% "
              "of the optimum")

        n = max(sizes)
        a_path, b_path = Path(tmp, f"a_{n}.txt"), Path(tmp, f"b_{n}.txt")
        a = a_path.read_text(encoding="utf-8")
        b = b_path.read_text(encoding="utf-8")
        tracemalloc.start()
        word_diff(a, b)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        text_mb = (len(a.encode()) + len(b.encode())) / 2**20
        print()
        print(f"memory at {n:,} words ({text_mb:.1f} MiB of text; target < 150 MiB):")
        print(f"  word_diff tracemalloc peak:          {peak / 2**20:8.1f} MiB")
        print(f"  peak RSS, a process diffing the two:  {ours_process(a_path, b_path) / 1024:8.1f}"
              f" MiB (one only reading them: "
              f"{ours_process(a_path, b_path, 'read') / 1024:.1f} MiB)")
        print(f"  peak RSS of git:                      {git_rss(a_path, b_path) / 1024:8.1f} MiB")


def _print_table(table: list[list[str]]) -> None:
    widths = [max(len(row[k]) for row in table) for k in range(len(table[0]))]
    for index, row in enumerate(table):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
