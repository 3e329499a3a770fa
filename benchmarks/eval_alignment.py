"""Evaluate core.align on real version sets and synthetic sizes.

Usage: python benchmarks/eval_alignment.py DATA_DIR [--no-perf] [--cases N]

Meld's matcher is looked for in MELD_PATH (a folder holding the ``meld`` package, as
Debian's meld installs it) or the system's Python path; CollateX is ``pip install
collatex levenshtein``. Each is skipped when absent.

DATA_DIR holds ``wiki-versions/<article>/{0,1,...}.txt`` (successive revisions) and/or
``syndicated/<cluster>/*.txt`` (outlets' copies of one story). Files are split into blocks
at blank lines. Data is read at run time only; nothing of it is kept.

wiki-versions: persisting paragraphs are found independently of the aligner (mutual best
character-level matches >= 90 between consecutive revisions, linked into chains); the
figure is how many chains sit in one row. Each detected move is checked: text similarity
to the base block, and whether the version's order really inverts around it.
syndicated: rows, rows holding at least half the copies, status counts, timing, and a
check that reversing the non-base versions gives the same grouping.
synthetic edit cases (benchmarks/align_cases.py, known correspondences): pairwise
precision/recall/F1 of blocks put in one row, for a base with 1-3 edited copies and for
5-version revision chains, beside difflib, Meld's Myers matcher and CollateX (each where
installed; the line differs run base-to-each, replaced runs paired position by position).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import align_cases as cases

from core.align import Alignment, align
from core.normalize import normalize
from core.similarity import similarity_matrix

_BLANK = re.compile(r"\n\s*\n")


def blocks_of(path: Path) -> list[str]:
    """Blank-line blocks of a text file (the eval's stand-in for the real loader)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [b.strip() for b in _BLANK.split(text) if b.strip()]


def timed(versions: Sequence[Sequence[str]], **kw: object) -> tuple[Alignment, float]:
    start = time.perf_counter()
    result = align(versions, **kw)  # type: ignore[arg-type]
    return result, time.perf_counter() - start


def persisting_chains(
    versions: list[list[str]], cutoff: float = 90.0
) -> list[set[tuple[int, int]]]:
    """Chains of (version, block) linked by mutual best matches between consecutive
    revisions (character-level ratio on normalised text, brute force)."""
    norm = [[normalize(t) for t in v] for v in versions]
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for k in range(len(versions) - 1):
        a, b = norm[k], norm[k + 1]
        if not a or not b:
            continue
        score = [[fuzz.ratio(x, y) for y in b] for x in a]
        for i in range(len(a)):
            j = max(range(len(b)), key=lambda j, i=i: score[i][j])
            mutual = max(range(len(a)), key=lambda i2, j=j: score[i2][j]) == i
            if mutual and score[i][j] >= cutoff and len(a[i].split()) >= 4:
                parent[find((k, i))] = find((k + 1, j))
    chains: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for x in list(parent):
        chains.setdefault(find(x), set()).add(x)
    return [c for c in chains.values() if len(c) > 1]


def check_moves(a: Alignment, versions: list[list[str]]) -> list[tuple[str, float, int]]:
    """Per detected move: a line, its similarity to the row's unmoved block, and how many
    of the version's in-order blocks it crosses (> 0: the position really changed)."""
    lines = []
    row_of = a.row_of()
    for r, row in enumerate(a.rows):
        for v in sorted(row.moved):
            b = row.cells[v][0]
            ref = next((w for w in row.present() if w not in row.moved), None)
            sim = (
                fuzz.ratio(normalize(versions[v][b]), normalize(versions[ref][row.cells[ref][0]]))
                if ref is not None
                else 0.0
            )
            # real move: some in-order block of v before b sits in a later row, or after b earlier
            inv = sum(
                1
                for b2, r2 in row_of[v].items()
                if v not in a.rows[r2].moved and ((b2 < b and r2 > r) or (b2 > b and r2 < r))
            )
            preview = versions[v][b][:60].replace("\n", " ")
            line = f"    row {r}: version {v} block {b} sim={sim:.0f} inversions={inv} {preview!r}"
            lines.append((line, sim, inv))
    return lines


def grouping(a: Alignment, remap: dict[int, int]) -> set[frozenset[tuple[int, tuple[int, ...]]]]:
    return {frozenset((remap[v], c) for v, c in enumerate(row.cells) if c) for row in a.rows}


def eval_wiki(root: Path) -> None:
    print("== wiki-versions")
    for article in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(article.glob("*.txt"), key=lambda p: int(p.stem))
        versions = [blocks_of(f) for f in files]
        for base in (0, len(versions) - 1):
            a, secs = timed(versions, base=base)
            chains = persisting_chains(versions)
            row_of = a.row_of()
            whole = sum(1 for c in chains if len({row_of[v][b] for v, b in c}) == 1)
            moves = check_moves(a, versions)
            print(
                f"  {article.name}: {len(versions)} revisions, blocks "
                f"{[len(v) for v in versions]}, base {base}: {len(a.rows)} rows in "
                f"{secs * 1000:.1f} ms; persisting paragraphs (chains) {len(chains)}, "
                f"in one row {whole}; moves {len(moves)}"
            )
            for line, _, _ in moves:
                print(line)


def eval_syndicated(root: Path) -> None:
    print("== syndicated")
    totals = [0, 0, 0.0]
    for cluster in sorted(p for p in root.iterdir() if p.is_dir()):
        versions = [blocks_of(f) for f in sorted(cluster.glob("*.txt"))]
        n = len(versions)
        a, secs = timed(versions)
        sims = similarity_matrix(versions)
        base = max(range(n), key=lambda v: sum(sims[v]))
        b, _ = timed(versions, base=base)
        half = sum(1 for row in a.rows if len(row.present()) * 2 >= n)
        status = {s: sum(1 for row in a.rows if row.status == s) for s in ("same", "changed")}
        order = [0, *range(n - 1, 0, -1)]
        rev = align([versions[v] for v in order])
        stable = grouping(a, {v: v for v in range(n)}) == grouping(rev, dict(enumerate(order)))
        moves = check_moves(a, versions)
        moved = (
            f"{len(moves)} moves ({sum(1 for _, sim, _ in moves if sim >= 99)} identical text, "
            f"{sum(1 for _, _, inv in moves if inv > 0)} really out of order)"
        )
        splits = sum(1 for row in a.rows for c in row.cells if len(c) > 1)
        print(
            f"  {cluster.name}: {n} copies, {sum(map(len, versions))} blocks -> {len(a.rows)} rows "
            f"({half} with >= half the copies, {status['same']} same, {status['changed']} "
            f"changed, {moved}, {splits} multi-block cells) in {secs * 1000:.1f} ms;"
            f" order-independent: {stable}; with most central base {base}: {len(b.rows)} rows"
        )
        totals[0] += len(a.rows)
        totals[1] += half
        totals[2] += secs
    print(f"  total: {totals[0]} rows, {totals[1]} with >= half the copies, {totals[2]:.3f} s")


def eval_perf() -> None:
    print("== synthetic sizes")
    rnd = random.Random(7)
    vocab = [f"w{k}" for k in range(5000)]

    def para(k: int = 24) -> str:
        return " ".join(rnd.choices(vocab, k=k))

    def variant(blocks: list[str], edits: int) -> list[str]:
        out = list(blocks)
        for _ in range(edits):
            i = rnd.randrange(len(out))
            kind = rnd.random()
            if kind < 0.4:
                words = out[i].split()
                words[rnd.randrange(len(words))] = "edited"
                out[i] = " ".join(words)
            elif kind < 0.6:
                del out[i]
            elif kind < 0.8:
                out.insert(i, para())
            else:
                out.insert(rnd.randrange(len(out)), out.pop(i))
        return out

    for n, size, edits in ((13, 40, 4), (6, 500, 40), (2, 50_000, 2000)):
        base = [para() for _ in range(size)]
        versions = [base] + [variant(base, edits) for _ in range(n - 1)]
        tracemalloc.start()
        a, secs = timed(versions)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        a, secs = timed(versions)
        print(
            f"  {n} versions x {size} blocks ({edits} edits each): {len(a.rows)} rows, "
            f"{secs * 1000:.0f} ms, peak {peak / 2**20:.0f} MiB (traced run)"
        )
    base = [para() for _ in range(20_000)]
    other = [para() for _ in range(20_000)]
    a, secs = timed([base, other])
    print(f"  2 unrelated versions x 20000 blocks: {len(a.rows)} rows, {secs:.1f} s")
    versions = [[para() for _ in range(500)] for _ in range(50)]
    start = time.perf_counter()
    similarity_matrix(versions)
    print(f"  similarity_matrix 50 x 12000 words: {time.perf_counter() - start:.2f} s")


def _score(name: str, results: list[tuple[list, set]], secs: float) -> str:
    found = right = truth = 0
    for rows, true in results:
        pairs = cases.row_pairs(rows)
        found, right, truth = found + len(pairs), right + len(pairs & true), truth + len(true)
    p, r, f = cases.prf(found, right, truth)
    return f"    {name:<10} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({secs:.2f} s)"


def eval_synthetic(count: int) -> None:
    meld = cases.meld_opcodes()
    sets = (
        (f"base + 1-3 edited copies, 1-12 edits ({count} cases)", cases.star_cases(count)),
        (f"5-version revision chains ({count // 4} cases)", cases.chain_cases(count // 4)),
    )
    print("== synthetic edit cases (pairwise F1 of blocks sharing a row)")
    for title, group in sets:
        print(f"  {title}:")
        texts = [[[b.text for b in v] for v in case] for case in group]
        truths = [cases.truth_pairs(case) for case in group]
        engines: list[tuple[str, object]] = [
            ("ours", lambda t: [row.cells for row in align(t).rows]),
            ("difflib", lambda t: cases.star_rows(t, cases.difflib_opcodes)),
        ]
        if meld is not None:
            engines.append(("meld", lambda t: cases.star_rows(t, meld)))
        if cases.collatex_rows([["a"], ["a"]]) is not None:
            engines.append(("collatex", cases.collatex_rows))
        for name, run in engines:
            start = time.perf_counter()
            results = [(run(t), true) for t, true in zip(texts, truths, strict=True)]  # type: ignore[operator]
            print(_score(name, results, time.perf_counter() - start))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--no-perf", action="store_true", help="skip synthetic timings")
    parser.add_argument("--cases", type=int, default=600, help="synthetic edit cases")
    args = parser.parse_args(argv)
    if (args.data_dir / "wiki-versions").is_dir():
        eval_wiki(args.data_dir / "wiki-versions")
    if (args.data_dir / "syndicated").is_dir():
        eval_syndicated(args.data_dir / "syndicated")
    if args.cases:
        eval_synthetic(args.cases)
    if not args.no_perf:
        eval_perf()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
