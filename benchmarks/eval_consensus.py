"""Evaluate the consensus article on syndicated copies of one wire story.

Usage: python benchmarks/eval_consensus.py DATA_DIR [--labels FILE] [--base2 N] [--verbose]

DATA_DIR is ``syndicated/`` (``<cluster>/*.txt``: several outlets' scraped copies of one
story). Labels (``benchmarks/syndicated_labels.json``) hold only SHA-1 hashes of
``core.normalize.normalize(text)`` of blocks; the texts are recomputed from the data files
at run time, so no publisher's text is kept in the repository.

How the labels were established (per cluster)
---------------------------------------------
1. Every copy is loaded with ``core.load.load_path`` (so label units are the loader's
   blocks, the same units the consensus is made of) and each block is normalised.
2. Blocks of all copies are grouped: identical normalised text, then single-link union of
   pairs with ``rapidfuzz.fuzz.ratio >= 80`` (length within 40 %).
3. A group was proposed as story when it is prose (>= 12 words, sentence punctuation),
   carried by >= 2 copies and not caption-like (``photo_caption`` rule or an "(AP Photo/"
   credit in any variant); everything else was proposed as clutter.
4. Every group carried by >= 2 copies was then read and its label confirmed or overridden
   by hand: photo descriptions ("X arrives at ... Sunday, July 15, 2018 ..."), video
   descriptions, weather and subscription widgets, "Associated Press writers ...
   contributed", embedded tweets, copyright lines and headlines of other stories are
   clutter; short shared story sentences (8-11 words) are story; the story's own headlines
   are ``title`` (a subheadline ``subtitle``), its bylines and "The Associated Press"
   agency lines ``byline``; live-blog time stamps and "___" separators ``neutral``.
5. Multi-version clusters (AP write-throughs, a "The Latest" live blog, a CNN update):
   a paragraph of ANY version carried by >= 2 copies counts as story, so each version's
   ledes are separate story groups. Paragraphs only one copy carries are unlabelled
   (neither story nor clutter), except non-prose/caption-like ones, which are clutter.
   Per-cluster choices are in each cluster's ``notes``.

Metrics (per cluster, for base 0 and a second base to show stability)
---------------------------------------------------------------------
story recall     story groups with a kept body block matching one of the group's
                 variants (same hash, or ratio >= 90 against the variant texts found in
                 the data at run time).
clutter kept     kept body blocks labelled clutter (listed, 80 chars).
head in body     kept body blocks labelled title/subtitle/byline.
unlabelled kept  kept body blocks matching no label (listed).
dups             extra body blocks of a story group already in the body.
near-dups        pairs of kept story blocks from different groups that say the same thing
                 (token_set_ratio >= 90 and partial_ratio >= 90: write-through rewrites).
title            the consensus title matches a ``title`` label (exact or ratio >= 90).
time             the full ``compare`` call (cleaning, alignment, diffs, consensus).
With ``--verbose`` every miss and every kept clutter block is explained: each copy's
cleaning verdict for the passage, and the verdict of the row(s) it was aligned into.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.compare import Comparison, compare
from core.load import load_path
from core.model import Version
from core.normalize import normalize

FUZZY = 90.0
HEAD_KINDS = ("title", "subtitle", "byline")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class Labels:
    """One cluster's labels, with the texts of its hashes found in the data."""

    group_of: dict[str, int]  # hash -> story group index
    kind_of: dict[str, str]  # hash -> clutter/title/subtitle/byline/neutral
    groups: int
    texts: dict[str, str] = field(default_factory=dict)  # hash -> normalised text
    variants: dict[int, list[str]] = field(default_factory=dict)  # group -> texts in data

    def classify(self, text: str) -> tuple[str, int | None]:
        """('story', group) / (kind, None) / ('unlabelled', None) for a block's text."""
        key = normalize(text)
        digest = sha1(key)
        if digest in self.group_of:
            return "story", self.group_of[digest]
        if digest in self.kind_of:
            return self.kind_of[digest], None
        best, best_score = None, 0.0
        for other_hash, other in self.texts.items():
            if abs(len(other) - len(key)) > 0.25 * max(len(other), len(key), 1):
                continue
            score = fuzz.ratio(key, other, score_cutoff=FUZZY)
            if score > best_score:
                best, best_score = other_hash, score
        if best is None:
            return "unlabelled", None
        if best in self.group_of:
            return "story", self.group_of[best]
        return self.kind_of[best], None


def load_labels(entry: dict, versions: Sequence[Version]) -> Labels:
    group_of = {h: g for g, variants in enumerate(entry.get("story", [])) for h in variants}
    kind_of = {h: kind for kind in ("clutter", "neutral", *HEAD_KINDS)
               for h in entry.get(kind, [])}
    labels = Labels(group_of, kind_of, len(entry.get("story", [])))
    for version in versions:
        for block in version.blocks:
            key = normalize(block.text)
            digest = sha1(key)
            if digest in group_of or digest in kind_of:
                labels.texts[digest] = key
                if digest in group_of and key not in labels.variants.get(group_of[digest], []):
                    labels.variants.setdefault(group_of[digest], []).append(key)
    return labels


@dataclass
class Result:
    found: set[int]
    clutter: list[str]
    head: list[str]
    unlabelled: list[str]
    dups: list[str]
    near_dups: list[tuple[str, str]]
    title_ok: bool
    title: str | None
    seconds: float
    comparison: Comparison
    alternate: set[int]  # missed groups whose rows were kept with another version's wording


def evaluate(versions: Sequence[Version], labels: Labels, base: int) -> Result:
    start = time.perf_counter()
    comparison = compare(versions, base=base)
    seconds = time.perf_counter() - start
    article = comparison.consensus.article
    found: set[int] = set()
    clutter, head, unlabelled, dups = [], [], [], []
    story_blocks: list[tuple[int, str]] = []
    for block in article.body:
        kind, group = labels.classify(block.text)
        if kind == "story" and group is not None:
            if group in found and (not story_blocks or story_blocks[-1][0] != group):
                dups.append(block.text)  # a split paragraph's pieces in a row are not dups
            found.add(group)
            story_blocks.append((group, normalize(block.text)))
        elif kind == "clutter":
            clutter.append(block.text)
        elif kind in HEAD_KINDS:
            head.append(block.text)
        elif kind == "unlabelled":
            unlabelled.append(block.text)
    body_text = " ".join(normalize(block.text) for block in article.body)
    covered: set[int] = set()
    for group in set(range(labels.groups)) - found:
        for variant in labels.variants.get(group, []):
            if len(variant) <= len(body_text) and fuzz.partial_ratio(variant, body_text) >= 95:
                covered.add(group)
                break
    in_kept_row = {g for g in set(range(labels.groups)) - found - covered
                   if _rows_kept(labels.variants.get(g, []), comparison)}
    near = []
    for i, (ga, a) in enumerate(story_blocks):
        for gb, b in story_blocks[i + 1:]:
            if ga != gb and fuzz.token_set_ratio(a, b) >= 90 and fuzz.partial_ratio(a, b) >= 90:
                near.append((a, b))
    title_kind = labels.classify(article.title)[0] if article.title else "none"
    return Result(found | covered, clutter, head, unlabelled, dups, near,
                  title_kind == "title", article.title, seconds, comparison, in_kept_row)


def _rows_kept(variants: Sequence[str], comparison: Comparison) -> bool:
    """Whether the passage's blocks sit in rows the consensus kept (with other wording)."""
    if not variants:
        return False
    wanted = set(variants)
    verdicts = comparison.consensus.rows
    rows = []
    for r, row in enumerate(comparison.alignment.rows):
        for v, cell in enumerate(row.cells):
            if any(normalize(comparison.versions[v].blocks[b].text) in wanted for b in cell):
                rows.append(r)
    return bool(rows) and all(verdicts[r].keep for r in rows)


def explain(text: str, comparison: Comparison) -> list[str]:
    """Where a passage went: each copy's cleaning verdict and its row's verdict."""
    key = normalize(text)
    lines = []
    rows = comparison.alignment.rows
    row_of: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for v, cell in enumerate(row.cells):
            for b in cell:
                row_of[(v, b)] = r
    verdicts = {v.row: v for v in comparison.consensus.rows}
    for v, cleaned in enumerate(comparison.cleaned):
        for b, block in enumerate(cleaned.version.blocks):
            if fuzz.ratio(key, normalize(block.text), score_cutoff=80):
                verdict = cleaned.verdicts[b]
                r = row_of.get((v, b))
                rv = verdicts.get(r) if r is not None else None
                cell = rows[r].cells[v] if r is not None else ()
                row_text = (f"row {r}: {'KEEP' if rv.keep else 'drop'} "
                            f"support={len(rv.support)} role={rv.role.value} "
                            f"{rv.reason or ''}") if rv else "no row"
                clean_text = "kept" if verdict.keep else f"dropped ({verdict.reason})"
                width = f" cell={len(cell)} blocks" if len(cell) > 1 else ""
                lines.append(f"      v{v} b{b}: {clean_text[:70]}; {row_text[:90]}{width}")
    return lines


def run_cluster(name: str, folder: Path, entry: dict, base2: int | None,
                verbose: bool) -> dict:
    files = sorted(folder.glob("*.txt"))
    versions = [load_path(f) for f in files]
    labels = load_labels(entry, versions)
    second = base2 if base2 is not None else len(versions) // 2
    second = min(second, len(versions) - 1)
    first = evaluate(versions, labels, 0)
    other = evaluate(versions, labels, second)
    if verbose:
        print(f"\n== {name} ({len(versions)} copies) title: {first.title!r:.90}")
        missed = sorted(set(range(labels.groups)) - first.found)
        for group in missed:
            text = max(labels.variants.get(group, [""]), key=len)
            why = "row kept, other wording" if group in first.alternate else "LOST"
            print(f"  MISSED story group {group} ({why}): {short(text)}")
            for line in explain(text, first.comparison)[:16]:
                print(line)
        for kind, blocks in (("CLUTTER kept", first.clutter), ("HEAD in body", first.head),
                             ("UNLABELLED kept", first.unlabelled),
                             ("DUPLICATE kept", first.dups)):
            for text in blocks:
                print(f"  {kind}: {short(text)}")
                if kind != "UNLABELLED kept":
                    for line in explain(text, first.comparison)[:16]:
                        print(line)
        for a, b in first.near_dups:
            print(f"  NEAR-DUP: {short(a, 60)}  ~  {short(b, 60)}")
    return {
        "cluster": name, "copies": len(versions), "groups": labels.groups,
        "found": len(first.found), "found2": len(other.found), "base2": second,
        "alt": len(first.alternate),
        "clutter": len(first.clutter), "clutter2": len(other.clutter),
        "head": len(first.head), "unlabelled": len(first.unlabelled),
        "dups": len(first.dups), "near": len(first.near_dups),
        "title": first.title_ok, "title2": other.title_ok,
        "body": len(first.comparison.consensus.article.body),
        "seconds": first.seconds, "seconds2": other.seconds,
        "lists": (first.clutter, first.unlabelled),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--labels", type=Path,
                        default=Path(__file__).with_name("syndicated_labels.json"))
    parser.add_argument("--base2", type=int, default=None,
                        help="second base version (default: the middle copy)")
    parser.add_argument("--cluster", action="append", help="only these clusters")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="explain every miss and every kept clutter block")
    args = parser.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    results = []
    for name in sorted(labels):
        folder = args.data / name
        if (args.cluster and name not in args.cluster) or not folder.is_dir():
            continue
        results.append(run_cluster(name, folder, labels[name], args.base2, args.verbose))

    print("\ncluster copies body  recall(base0)  recall(base2) alt  clutter  head unlab dups near"
          "  title   time(s)")
    for r in results:
        print(f"{r['cluster']:<7} {r['copies']:>6} {r['body']:>4}  "
              f"{r['found']:>3}/{r['groups']:<3} {r['found'] / max(r['groups'], 1):5.0%}  "
              f"{r['found2']:>3}/{r['groups']:<3} {r['found2'] / max(r['groups'], 1):5.0%}"
              f"(b{r['base2']}) {r['alt']:>3}  {r['clutter']:>3}/{r['clutter2']:<3} {r['head']:>4} "
              f"{r['unlabelled']:>5} {r['dups']:>4} {r['near']:>4}  "
              f"{'ok' if r['title'] else 'WRONG':>5}/{'ok' if r['title2'] else 'WRONG':<5}"
              f" {r['seconds']:5.2f}/{r['seconds2']:.2f}")
    groups = sum(r["groups"] for r in results)
    found = sum(r["found"] for r in results)
    found2 = sum(r["found2"] for r in results)
    print(f"{'total':<7} {sum(r['copies'] for r in results):>6} "
          f"{sum(r['body'] for r in results):>4}  {found:>3}/{groups:<3} "
          f"{found / max(groups, 1):5.0%}  {found2:>3}/{groups:<3} {found2 / max(groups, 1):5.0%}"
          f"     {sum(r['alt'] for r in results):>3}  {sum(r['clutter'] for r in results):>3}/"
          f"{sum(r['clutter2'] for r in results):<3}"
          f" {sum(r['head'] for r in results):>4} {sum(r['unlabelled'] for r in results):>5}"
          f" {sum(r['dups'] for r in results):>4} {sum(r['near'] for r in results):>4}  "
          f"{sum(r['title'] for r in results):>3}/{len(results)} ok"
          f" {sum(r['seconds'] for r in results):6.2f}s")
    print("(recall: story passages found, as a kept block or covered by the body's text; alt:"
          " missed passages whose rows were kept with another write-through's wording;"
          " clutter: kept body blocks labelled clutter, base 0 / second base)")
    for r in results:
        clutter, unlabelled = r["lists"]
        for text in clutter:
            print(f"  {r['cluster']} clutter kept: {short(text)}")
        for text in unlabelled:
            print(f"  {r['cluster']} unlabelled kept: {short(text)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
