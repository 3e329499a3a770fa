"""Score main-content extraction on an article-extraction benchmark directory.

Usage: ``python benchmarks/eval_extraction.py DATA_DIR [--no-trafilatura] [--worst N]``

DATA_DIR holds ``html/<id>.html.gz``, ``ground-truth.json`` ({id: {articleBody, url}})
and optionally ``reference-<tool>.json`` ({id: {articleBody}}). The score is the
4-word shingle precision/recall per page (``\\w+`` tokens, lower-cased, multisets),
macro-averaged over pages; F1 comes from the mean precision and mean recall.
The data is read at run time only; nothing of it belongs in the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from core.model import Block, BlockKind, Metadata

_TOKEN = re.compile(r"\w+")
_LABELS = (BlockKind.BYLINE, BlockKind.DATELINE)


class Case(NamedTuple):
    page_id: str
    raw: bytes
    truth: str
    url: str


class Score(NamedTuple):
    precision: float
    recall: float


class Row(NamedTuple):
    name: str
    precision: float
    recall: float
    f1: float
    seconds: float | None


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
    return Score(precision, recall)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_cases(data_dir: Path) -> list[Case]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        if path.exists():
            entry = truth[page_id]
            raw = gzip.decompress(path.read_bytes())
            cases.append(Case(page_id, raw, entry["articleBody"], entry.get("url", "")))
    return cases


def decode(raw: bytes) -> str:
    """Bytes to text with the project's loader when present, else a small fallback."""
    try:
        from core.sources.detect import decode as project_decode  # type: ignore[attr-defined]
    except ImportError:
        project_decode = None
    if project_decode is not None:
        try:
            result = project_decode(raw, html=True)
            return result if isinstance(result, str) else result[0]
        except Exception:
            pass
    head = raw[:4096].decode("ascii", "replace")
    match = re.search(r"""charset=["']?([\w-]+)""", head, re.IGNORECASE)
    for encoding in ([match.group(1)] if match else []) + ["utf-8"]:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", "replace")


def fallback_body(blocks: Iterable[Block], metadata: Metadata) -> str:
    """Kept blocks minus headline, a heading right after it, and bylines/datelines.

    Used when core.clean is absent; it mirrors what ``body_blocks()`` leaves out.
    """
    kept = [b for b in blocks if b.clutter is None and b.kind not in _LABELS]
    title = (metadata.title or "").strip().casefold()
    for index, block in enumerate(kept):
        if block.kind is BlockKind.HEADING and (
            block.level == 1 or block.text.strip().casefold() == title
        ):
            after = kept[index + 1] if index + 1 < len(kept) else None
            is_subtitle = after is not None and after.kind is BlockKind.HEADING
            del kept[index : index + 1 + is_subtitle]
            break
    return "\n".join(b.text for b in kept)


def parse_html_extractor(case: Case) -> str:
    """The HTML loader alone: parse_html, then kept blocks minus headline and bylines."""
    from core.sources.html import parse_html

    blocks, metadata = parse_html(decode(case.raw))
    return fallback_body(blocks, metadata)


def own_rules_row(cases: list[Case]) -> Row:
    """parse_html with trafilatura's vote switched off: our density and class rules only."""
    from core.sources import html_content

    saved = html_content.extractor_text
    html_content.extractor_text = lambda html: None
    try:
        scores, seconds = evaluate(cases, parse_html_extractor)
    finally:
        html_content.extractor_text = saved
    return summarise("ours (own rules, no traf.)", scores, seconds)


def clean_extractor() -> Callable[[Case], str] | None:
    """The whole pipeline (load + clean) when core.clean and core.load exist."""
    try:
        from core.clean import clean
        from core.load import load_bytes
    except ImportError:
        return None

    def run(case: Case) -> str:
        version = load_bytes(case.raw, name=f"{case.page_id}.html")
        return "\n".join(b.text for b in clean(version).body_blocks())

    return run


def trafilatura_extractor(case: Case) -> str:
    import trafilatura

    # deduplicate=False: its module-global LRU cache would make results order-dependent.
    text = trafilatura.extract(
        decode(case.raw), include_comments=False, include_tables=True, deduplicate=False
    )
    return text or ""


def evaluate(
    cases: list[Case], extract: Callable[[Case], str]
) -> tuple[dict[str, Score], float]:
    scores: dict[str, Score] = {}
    start = time.perf_counter()
    for case in cases:
        try:
            predicted = extract(case)
        except Exception as error:  # a crash scores zero but must not stop the run
            print(f"  {case.page_id[:12]}: {type(error).__name__}: {error}", file=sys.stderr)
            predicted = ""
        scores[case.page_id] = score(predicted, case.truth)
    return scores, time.perf_counter() - start


def summarise(name: str, scores: dict[str, Score], seconds: float | None) -> Row:
    count = max(len(scores), 1)
    precision = sum(s.precision for s in scores.values()) / count
    recall = sum(s.recall for s in scores.values()) / count
    return Row(name, precision, recall, f1(precision, recall), seconds)


def reference_scores(data_dir: Path, cases: list[Case]) -> dict[str, dict[str, Score]]:
    results = {}
    for path in sorted(data_dir.glob("reference-*.json")):
        outputs = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem.removeprefix("reference-") + " (reference)"
        results[name] = {
            c.page_id: score(outputs.get(c.page_id, {}).get("articleBody", ""), c.truth)
            for c in cases
        }
    return results


def print_table(rows: list[Row]) -> None:
    print(f"{'extractor':<28} {'P':>6} {'R':>6} {'F1':>6} {'time s':>8}")
    for row in rows:
        seconds = f"{row.seconds:8.2f}" if row.seconds is not None else f"{'-':>8}"
        print(f"{row.name:<28} {row.precision:6.3f} {row.recall:6.3f} {row.f1:6.3f} {seconds}")


def print_worst(scores: dict[str, Score], cases: list[Case], count: int) -> None:
    urls = {c.page_id: c.url for c in cases}
    ranked = sorted(scores.items(), key=lambda item: f1(*item[1]))[:count]
    print(f"\nworst {count} pages (ours, parse_html):")
    for page_id, s in ranked:
        print(
            f"  {page_id[:12]}  P {s.precision:.3f}  R {s.recall:.3f}  F1 {f1(*s):.3f}"
            f"  {urls[page_id]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--worst", type=int, default=10)
    args = parser.parse_args(argv)
    cases = load_cases(args.data_dir)
    if not cases:
        print(f"no pages found in {args.data_dir}", file=sys.stderr)
        return 1
    our_scores, our_time = evaluate(cases, parse_html_extractor)
    rows = [summarise("ours (parse_html)", our_scores, our_time)]
    rows.append(own_rules_row(cases))
    pipeline = clean_extractor()
    if pipeline is not None:
        clean_scores, clean_time = evaluate(cases, pipeline)
        rows.append(summarise("ours (load + clean)", clean_scores, clean_time))
    if not args.no_trafilatura:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            print("trafilatura not installed; skipping it", file=sys.stderr)
        else:
            traf_scores, traf_time = evaluate(cases, trafilatura_extractor)
            rows.append(summarise("trafilatura (in process)", traf_scores, traf_time))
    for ref_name, ref_scores in reference_scores(args.data_dir, cases).items():
        rows.append(summarise(ref_name, ref_scores, None))
    print(f"{len(cases)} pages from {args.data_dir}\n")
    print_table(rows)
    print_worst(our_scores, cases, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
