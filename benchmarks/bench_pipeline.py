"""Full pipeline speed (load, clean, align, word diffs, consensus, similarity).

Usage: python benchmarks/bench_pipeline.py [SYNDICATED_DIR]
Prints, side by side in one run: each syndicated cluster; six versions of a 12,000-word
text; the growth from 1k to 1M words for two versions, with difflib on the same texts as
the anchor where it finishes; and peak memory for two 10 MB texts (tracemalloc).
"""

from __future__ import annotations

import difflib
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from core.compare import compare
from core.load import load_path


def _texts(words: int, versions: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"{a}{b}{c}" for a in "bcdfgklmnprst" for b in "aeiou" for c in ("n", "r", "s", "")]
    base = [rng.choice(vocab) for _ in range(words)]
    out = []
    for v in range(versions):
        seq = base if v == 0 else [("edited" if rng.random() < 0.02 else w) for w in base
                                   if rng.random() >= 0.01]
        paras = [" ".join(seq[i:i + 45]).capitalize() + "." for i in range(0, len(seq), 45)]
        if v and len(paras) > 10:  # one paragraph moved
            paras.insert(len(paras) // 2, paras.pop(3))
        out.append("\n\n".join(paras))
    return out


def _pipeline(paths: list[str]) -> float:
    start = time.perf_counter()
    compare([load_path(p) for p in paths])
    return time.perf_counter() - start


def _write(folder: Path, texts: list[str], tag: str) -> list[str]:
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{tag}-{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    if len(sys.argv) > 1:
        print("syndicated clusters (target < 0.5 s each):")
        for cluster in sorted(Path(sys.argv[1]).glob("c*")):
            files = sorted(str(p) for p in cluster.glob("*.txt"))
            words = sum(len(Path(f).read_text(encoding="utf-8").split()) for f in files)
            best = min(_pipeline(files) for _ in range(3))
            print(f"  {cluster.name}: {len(files):2} copies, {words:6,} words  {best:.3f} s")
    six = _write(folder, _texts(12_000, 6), "six")
    print(f"six versions x 12,000 words (target < 1.5 s): "
          f"{min(_pipeline(six) for _ in range(2)):.2f} s")
    print("growth, two versions (difflib.SequenceMatcher on the paragraphs as anchor):")
    for words in (1_000, 10_000, 100_000, 1_000_000):
        texts = _texts(words, 2)
        paths = _write(folder, texts, f"g{words}")
        ours = _pipeline(paths)
        anchor = "-"
        if words <= 100_000:
            start = time.perf_counter()
            a, b = (t.split("\n\n") for t in texts)
            difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            anchor = f"{time.perf_counter() - start:.3f} s"
        print(f"  {words:>9,} words: ours {ours:7.2f} s   difflib (paragraphs only) {anchor}")
    big = _write(folder, _texts(1_700_000, 2), "big")
    size = sum(Path(p).stat().st_size for p in big) / 2 / 1e6
    tracemalloc.start()
    start = time.perf_counter()
    _pipeline(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"two {size:.1f} MB texts: {time.perf_counter() - start:.1f} s, peak traced memory "
          f"{peak / 2**20:.0f} MiB (target < 500 MB)")


if __name__ == "__main__":
    main()
