"""Hostile inputs through the command line: seconds, exit status and peak memory of each.

    python benchmarks/bench_hostile.py [--tree PATH] [--timeout S] [--only KEY...] [--big]

Writes the bad-input corpus of tests/make_bad_inputs.py to a temporary folder (with
``--big`` also the resource cases: two 3 MB versions of near-duplicate paragraphs, 8 MB of
short lines, ten paragraphs of 420 KB, a 10 MB text node in HTML, 100,000 unclosed ``<p>``,
100,000 nested Markdown quotes, 50,000 short lines (the plain-text limit), 2,000 small files
for ``clean --each``, and the page and text shapes of benchmarks/hostile_shapes.py) and runs
``article-compare`` on each case as a user would, with the code of ``--tree`` (default:
this checkout; give an older checkout to compare). The anchor, measured in the same run,
is ``clean`` of a small good file: start-up time and memory of the interpreter.
Each row: case, seconds, exit status, max RSS, stderr lines, and whether any output holds
a control character (other than tab and line breaks).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests"))
from hostile_shapes import shape_cases  # noqa: E402
from make_bad_inputs import STORY, make_corpus  # noqa: E402

_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def _resource_cases(root: Path) -> dict[str, list[str]]:
    rng = random.Random(5)
    words = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote",
             "debate", "money", "street", "water", "power", "people")

    def para(i: int) -> str:
        return f"Paragraph {i}: " + " ".join(rng.choice(words) for _ in range(30)) + "."

    base = [para(i) for i in range(3_000_000 // 200)]
    other = [p if rng.random() < 0.8 else p.replace("city", "town", 1) + " More." for p in base]
    (root / "near-a.txt").write_text("\n\n".join(base) + "\n")
    (root / "near-b.txt").write_text("\n\n".join(other) + "\n")
    lines = (f"line {i} {rng.choice(words)}" for i in range(8_000_000 // 16))
    (root / "short-lines.txt").write_text("\n".join(lines) + "\n")
    limit = (f"line {i} {rng.choice(words)}" for i in range(50_000))
    (root / "lines-at-limit.txt").write_text("\n".join(limit) + "\n")
    big = [" ".join(rng.choice(words) for _ in range(420_000 // 6)) + "." for _ in range(9)]
    big.insert(5, big[2].replace("city", "town", 3))  # a near-duplicate to find
    (root / "ten-big.txt").write_text("\n\n".join(big) + "\n")
    each = root / "each"
    each.mkdir(exist_ok=True)
    for i in range(2000):
        (each / f"f{i:04}.txt").write_text(f"Title {i}\n\n{para(i)} {STORY}\n")
    node = " ".join(rng.choice(words) + ("." if i % 15 == 14 else "")
                    for i in range(10_000_000 // 6))
    (root / "text-node.html").write_text(
        f"<html><head><title>{STORY[:40]}</title></head><body><h1>{STORY[:40]}</h1>"
        f"<p>{node}</p></body></html>\n")
    unclosed = "".join(f"<p>Item {i}: " + " ".join(rng.choice(words) for _ in range(6))
                       for i in range(100_000))
    (root / "unclosed-p.html").write_text(f"<html><body><h1>{STORY[:40]}</h1>{unclosed}\n")
    (root / "deep-quotes.md").write_text(">" * 100_000 + " " + STORY + "\n")
    near = [str(root / "near-a.txt"), str(root / "near-b.txt")]
    return {
        "near_dup_clean": ["clean", *near],
        "near_dup_align": ["align", *near],
        "near_dup_report": ["report", *near, "-o", str(root / "out-report.html"), "--force"],
        "short_lines_8mb": ["clean", str(root / "short-lines.txt")],
        "lines_at_limit_50k": ["clean", str(root / "lines-at-limit.txt")],
        "ten_paragraphs_420kb": ["clean", "--explain", str(root / "ten-big.txt")],
        "html_text_node_10mb": ["clean", str(root / "text-node.html")],
        "html_unclosed_p_100k": ["clean", str(root / "unclosed-p.html")],
        "md_deep_quotes_100k": ["clean", str(root / "deep-quotes.md")],
        "clean_each_2000": ["clean", "--each", *sorted(map(str, each.iterdir())),
                            "-o", str(root / "each-out"), "--force"],
    }


def run(tree: Path, args: list[str], timeout: float
        ) -> tuple[float, str, int, int, bool, float]:
    """(seconds, exit status, max RSS in MB, stderr lines, control character in output,
    CPU seconds: on a shared machine the wall clock also counts the others' work)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "gui.launcher", *args], stdout=out,
                                 stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=tree)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        code = "timeout" if seconds > timeout else str(child.returncode)
        out.seek(0)
        err.seek(0)
        data, errors = out.read(), err.read()
    control = bool(_CONTROL.search(data) or _CONTROL.search(errors))
    return (seconds, code, usage.ru_maxrss // 1024, errors.count(b"\n"), control,
            usage.ru_utime + usage.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=HERE)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--big", action="store_true", help="add the resource cases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = make_corpus(root / "corpus")
        cases = {key: ["clean", str(path)] for key, path in sorted(files.items())
                 if path.is_file() and key not in ("fifo", "too_large")}
        if args.big:
            cases.update(_resource_cases(root))
            cases.update(shape_cases(root / "shapes"))
        if args.only:
            cases = {k: v for k, v in cases.items() if any(o in k for o in args.only)}
        anchor = run(args.tree, ["clean", str(files["good"])], args.timeout)
        print(f"tree: {args.tree}")
        print(f"anchor (clean of a small good file): {anchor[0]:.2f} s ({anchor[5]:.2f} s CPU), "
              f"{anchor[2]} MB")
        print(f"{'case':28} {'seconds':>8} {'CPU s':>7} {'exit':>7} {'max MB':>7} "
              f"{'errlines':>8} control")
        for key, argv in cases.items():
            seconds, code, rss, lines, control, cpu = run(args.tree, argv, args.timeout)
            print(f"{key:28} {seconds:8.2f} {cpu:7.2f} {code:>7} {rss:7d} {lines:8d} "
                  f"{'YES' if control else 'no'}", flush=True)


if __name__ == "__main__":
    main()
