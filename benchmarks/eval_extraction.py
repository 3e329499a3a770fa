"""Score main-content extraction on the dev sets, ours beside trafilatura and readability.

Usage::

    python benchmarks/eval_extraction.py [DATA_DIR ...] [--worst N] [--dump FILE] [--halves]

With no DATA_DIR it runs every set in ``../shared/eval`` that has a ``ground-truth.json``
and an ``html/`` folder (aeb-dev, l3s-dev, dragnet-dev, wcxb-dev). Each page is given,
in turn, to our pipeline (load + clean, the text a user gets), to trafilatura
(``include_comments=False``) and to readability-lxml, all in the same run and on the
same decoded text, so the timings share the machine's load.

Score: 4-word shingle precision/recall per page (``\\w+`` tokens, lower-cased,
multisets), macro-averaged over pages; F1 from the mean precision and mean recall.
On a set whose truth includes the headline (Dragnet), every extractor is scored on its
head followed by its body: for ours the title, subtitle and byline that ``clean`` prints
above the story, for the others the title they report.

``--halves`` adds each set's F1 on the first and on the second half of its pages (page
ids in sorted order): develop a rule on one half, confirm it on the other.

The anchors are not dependencies of the project: ``pip install trafilatura
readability-lxml`` for this script (an anchor that is not installed is left out).
The data is read at run time only; nothing of it belongs in the repository.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # this checkout's core, not an installed copy
    sys.path.insert(0, str(_ROOT))

_TOKEN = re.compile(r"\w+")
_DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "eval"
_SETS = ("aeb-dev", "l3s-dev", "dragnet-dev", "wcxb-dev")
_WITH_TITLE = frozenset({"dragnet-dev", "dragnet"})  # truth carries the headline
_EMPTY_ANCHOR_F1 = 0.5  # an anchor this good where ours is empty counts as a regression


class Case(NamedTuple):
    page_id: str
    html: str
    truth: str
    url: str


class Output(NamedTuple):
    title: str
    body: str


class Score(NamedTuple):
    precision: float
    recall: float
    empty: bool


Extractor = Callable[[str], Output]


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-word shingles of lower-cased ``\\w+`` tokens."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score(predicted: str, truth: str) -> Score:
    """Shingle precision and recall of one page (empty vs empty counts as perfect)."""
    ours, gold = shingles(predicted), shingles(truth)
    common = sum((ours & gold).values())
    precision = common / sum(ours.values()) if ours else float(not gold)
    recall = common / sum(gold.values()) if gold else float(not ours)
    return Score(precision, recall, not ours)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def decode(raw: bytes) -> str:
    """The page's text as the project decodes it (all extractors get the same text)."""
    from core.sources.detect import decode as project_decode

    try:
        return project_decode(raw, html=True)[0]
    except ValueError:
        return raw.decode("utf-8", "replace")


def load_cases(data_dir: Path) -> list[Case]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        if path.exists():
            entry = truth[page_id]
            html = decode(gzip.decompress(path.read_bytes()))
            cases.append(Case(page_id, html, entry["articleBody"], entry.get("url", "")))
    return cases


# --- the extractors -------------------------------------------------------------------


def ours(html: str) -> Output:
    """The whole pipeline: load the page as a version, clean it, take title and body."""
    from core.clean import clean
    from core.load import load_text
    from core.model import InputError

    try:
        cleaned = clean(load_text(html, name="page.html"))
    except InputError:
        return Output("", "")
    body = "\n".join(block.text for block in cleaned.body_blocks())
    head = [cleaned.title, cleaned.subtitle, cleaned.byline]  # as `clean` prints them
    return Output("\n".join(part for part in head if part), body)


def trafilatura_extractor(html: str) -> Output:
    import trafilatura

    # deduplicate=False: its module-global LRU cache would make results order-dependent.
    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, deduplicate=False, with_metadata=True
    )
    if document is None:
        return Output("", "")
    return Output(document.title or "", document.text or "")


_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td",
     "th", "dd", "dt", "figcaption", "br", "section"}
)


def readability_extractor(html: str) -> Output:
    import lxml.html
    from readability import Document

    document = Document(html)
    summary = document.summary(html_partial=True)
    if not summary.strip():
        return Output(document.short_title() or "", "")
    root = lxml.html.fromstring(summary)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return Output(document.short_title() or "", root.text_content())


# --- running --------------------------------------------------------------------------


class Result(NamedTuple):
    scores: dict[str, Score]
    seconds: float


def run_set(
    cases: list[Case], extractors: dict[str, Extractor], with_title: bool
) -> dict[str, Result]:
    """Every page through every extractor in turn (interleaved, so load noise is shared)."""
    scores: dict[str, dict[str, Score]] = {name: {} for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    for case in cases:
        for name, extract in extractors.items():
            start = time.perf_counter()
            try:
                output = extract(case.html)
            except Exception as error:  # a crash scores zero but must not stop the run
                print(f"  {name} {case.page_id[:12]}: {type(error).__name__}: {error}",
                      file=sys.stderr)
                output = Output("", "")
            seconds[name] += time.perf_counter() - start
            predicted = f"{output.title}\n{output.body}" if with_title else output.body
            scores[name][case.page_id] = score(predicted, case.truth)
    return {name: Result(scores[name], seconds[name]) for name in extractors}


def mean(scores: dict[str, Score]) -> tuple[float, float, float]:
    count = max(len(scores), 1)
    precision = sum(s.precision for s in scores.values()) / count
    recall = sum(s.recall for s in scores.values()) / count
    return precision, recall, f1(precision, recall)


def empty_regressions(results: dict[str, Result], anchors: list[str]) -> list[str]:
    """Pages where our body is empty but an anchor extracts it well."""
    found = []
    for page_id, own in results["ours"].scores.items():
        if own.empty and any(
            f1(*results[a].scores[page_id][:2]) >= _EMPTY_ANCHOR_F1 for a in anchors
        ):
            found.append(page_id)
    return found


def print_table(table: dict[str, dict[str, Result]], counts: dict[str, int]) -> None:
    names = list(next(iter(table.values())))
    sets = list(table)
    width = max(len(n) for n in names) + 2
    header = f"{'extractor':<{width}}" + "".join(f" | {s[:18]:^20}" for s in sets)
    print(header + " |   all  | ms/page")
    print(f"{'':<{width}}" + " |   P     R     F1 " * len(sets) + " |   F1   |")
    for name in names:
        line = f"{name:<{width}}"
        total_f1 = total_time = 0.0
        pages = 0
        for set_name in sets:
            result = table[set_name][name]
            precision, recall, score_f1 = mean(result.scores)
            line += f" | {precision:.3f} {recall:.3f} {score_f1:.3f}"
            total_f1 += score_f1
            total_time += result.seconds
            pages += counts[set_name]
        line += f" | {total_f1 / len(sets):.3f}  | {1000 * total_time / max(pages, 1):6.1f}"
        print(line)
    print("(all = mean F1 over the sets; ms/page over every page of every set)")


def print_worst(table: dict[str, dict[str, Result]], urls: dict[str, str], count: int) -> None:
    for set_name, results in table.items():
        own = results["ours"].scores
        ranked = sorted(own, key=lambda page: f1(*own[page][:2]))[:count]
        print(f"\nworst {count} pages of {set_name} (ours; trafilatura, readability F1):")
        for page_id in ranked:
            anchors = "  ".join(
                f"{f1(*results[a].scores[page_id][:2]):.2f}" for a in results if a != "ours"
            )
            s = own[page_id]
            print(f"  {page_id[:14]:<14} P {s.precision:.2f} R {s.recall:.2f} "
                  f"F1 {f1(s.precision, s.recall):.2f}  [{anchors}]  {urls.get(page_id, '')}")


def print_halves(table: dict[str, dict[str, Result]]) -> None:
    """F1 of every extractor on each half of each set's pages (ids sorted)."""
    print("\nF1 on each half of the pages (ids sorted):")
    for set_name, results in table.items():
        ids = sorted(next(iter(results.values())).scores)
        halves = (ids[: len(ids) // 2], ids[len(ids) // 2 :])
        cells = []
        for name, result in results.items():
            figures = "/".join(
                f"{mean({p: result.scores[p] for p in half})[2]:.3f}" for half in halves
            )
            cells.append(f"{name} {figures}")
        print(f"  {set_name:<12} " + "   ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dirs", type=Path, nargs="*")
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages per set")
    parser.add_argument("--dump", type=Path, help="write per-page scores as JSON here")
    parser.add_argument("--halves", action="store_true",
                        help="also print F1 on each half of every set's pages")
    args = parser.parse_args(argv)
    dirs = args.data_dirs or [_DEFAULT_ROOT / name for name in _SETS]
    dirs = [d for d in dirs if (d / "ground-truth.json").exists()]
    if not dirs:
        print("no evaluation sets found (give DATA_DIR)", file=sys.stderr)
        return 1
    extractors: dict[str, Extractor] = {"ours": ours}
    for name, module, extract in (
        ("trafilatura", "trafilatura", trafilatura_extractor),
        ("readability-lxml", "readability", readability_extractor),
    ):
        if importlib.util.find_spec(module) is None:
            print(f"{name} is not installed: left out (pip install {name})", file=sys.stderr)
        else:
            extractors[name] = extract
    anchors = [name for name in extractors if name != "ours"]
    table: dict[str, dict[str, Result]] = {}
    counts: dict[str, int] = {}
    urls: dict[str, str] = {}
    for data_dir in dirs:
        cases = load_cases(data_dir)
        counts[data_dir.name] = len(cases)
        urls.update((c.page_id, c.url) for c in cases)
        table[data_dir.name] = run_set(cases, extractors, data_dir.name in _WITH_TITLE)
        print(f"{data_dir.name}: {len(cases)} pages", file=sys.stderr)
    print()
    print_table(table, counts)
    for set_name, results in table.items():
        empty = empty_regressions(results, anchors)
        print(f"{set_name}: {len(empty)} pages with an empty body that an anchor extracts"
              + (f" ({', '.join(p[:12] for p in empty)})" if empty else ""))
    if args.halves:
        print_halves(table)
    if args.worst:
        print_worst(table, urls, args.worst)
    if args.dump:
        args.dump.write_text(json.dumps({
            s: {n: {p: list(sc) for p, sc in r.scores.items()} for n, r in res.items()}
            for s, res in table.items()
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
