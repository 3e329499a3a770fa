"""Benchmark core.wordiff.word_diff against git --word-diff, difflib and rapidfuzz.

Run:  python benchmarks/bench_wordiff.py [--sizes 1000,10000,100000,1000000] [--full]

Two prose-like texts are generated with a seeded RNG (Zipf-distributed vocabulary,
sentences and paragraphs); the second has 2% of its words replaced and 1% deleted.
Both are written to a temp folder and every contender runs on the same pair, best of
``--repeat`` runs (the machine is shared). ``word_diff`` is timed from the raw strings
(tokenising included); ``git diff --no-index --word-diff`` as a subprocess on the files
(process start included); difflib and rapidfuzz ``Indel.opcodes`` on the ready token lists.
difflib runs up to 100k words and ``Indel`` up to 10k unless ``--full`` is given
(they are quadratic). Memory: tracemalloc peak of ``word_diff`` on the largest size and
the peak RSS of this process and of the git children.
"""

from __future__ import annotations

import argparse
import difflib
import random
import resource
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
from core.wordiff import word_diff

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


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.1f} s "


def ratio(x: float | None, y: float | None) -> str:
    return "-" if x is None or y is None else f"{x / y:6.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--full", action="store_true", help="difflib and Indel at every size (slow)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    big = max(sizes) if args.full else 0
    difflib_max = max(big, 100_000)  # on word tokens
    difflib_all_max = max(big, 1_000)  # on all tokens, spaces too: far slower
    indel_max = max(big, 10_000)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_wordiff_") as tmp:
        for n in sizes:
            a, b = make_pair(n)
            a_path, b_path = Path(tmp, f"a_{n}.txt"), Path(tmp, f"b_{n}.txt")
            a_path.write_text(a, encoding="utf-8")
            b_path.write_text(b, encoding="utf-8")
            a_tokens, b_tokens = tokenize(a), tokenize(b)
            # What word_diff compares by default: tokens other than whitespace.
            a_words = [t for t in a_tokens if not t.isspace()]
            b_words = [t for t in b_tokens if not t.isspace()]
            slow_repeat = 1 if n >= 100_000 else args.repeat

            diff = word_diff(a, b)
            changed = sum(1 for op in diff.opcodes if op.tag != "equal")
            ours = best_of(lambda a=a, b=b: word_diff(a, b), args.repeat)
            git = best_of(lambda p=a_path, q=b_path: git_word_diff(p, q), args.repeat)
            dl = dl_all = indel = None
            if n <= difflib_max:
                dl = best_of(lambda x=a_words, y=b_words: _difflib(x, y), slow_repeat)
            if n <= difflib_all_max:
                dl_all = best_of(lambda x=a_tokens, y=b_tokens: _difflib(x, y), slow_repeat)
            if n <= indel_max:
                indel = best_of(lambda x=a_words, y=b_words: Indel.opcodes(x, y), slow_repeat)
            rows.append((n, len(a_words), changed, ours, git, dl, dl_all, indel))
            print(
                f"  {n:>9,} words done: ours {fmt(ours)}, git {fmt(git)}, "
                f"difflib {fmt(dl)}, difflib (all tokens) {fmt(dl_all)}, Indel {fmt(indel)}",
                file=sys.stderr,
                flush=True,
            )

        print()
        print(
            f"word_diff benchmark (best of {args.repeat}, slow contenders once at >= 100k; "
            f"seed {SEED}; python {sys.version.split()[0]})"
        )
        header = (
            f"{'words':>9} {'w+p tok':>9} {'changes':>7} | {'ours':>12} {'git':>12} "
            f"{'difflib':>12} {'difflib-all':>12} {'Indel':>12} | {'ours/git':>8} "
            f"{'difflib/ours':>12} {'Indel/ours':>10}"
        )
        print(header)
        print("-" * len(header))
        for n, n_words, changed, ours, git, dl, dl_all, indel in rows:
            print(
                f"{n:>9,} {n_words:>9,} {changed:>7,} | {fmt(ours):>12} {fmt(git):>12} "
                f"{fmt(dl):>12} {fmt(dl_all):>12} {fmt(indel):>12} | {ratio(ours, git):>8} "
                f"{ratio(dl, ours):>12} {ratio(indel, ours):>10}"
            )
        print(
            "ours = word_diff(a, b) from the strings (tokenising included); git = process "
            "wall time;\ndifflib / Indel = SequenceMatcher(autojunk=False) / rapidfuzz "
            "Indel.opcodes on the ready word+punctuation token lists\n(what word_diff "
            "compares); difflib-all = on all tokens, whitespace runs too.\n"
            "targets: ours/git <= 3x, difflib/ours >= 10x"
        )

        n = max(sizes)
        a, b = make_pair(n)
        tracemalloc.start()
        word_diff(a, b)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        text_mb = (len(a.encode()) + len(b.encode())) / 2**20
        print()
        print(f"memory at {n:,} words ({text_mb:.1f} MiB of text):")
        print(f"  word_diff tracemalloc peak: {peak / 2**20:8.1f} MiB")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  this process peak RSS:      {own:8.1f} MiB (includes difflib/Indel runs)")
        print(f"  git child peak RSS:         {kids:8.1f} MiB")


if __name__ == "__main__":
    main()
