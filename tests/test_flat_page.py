"""A page of 100,000 unclosed ``<p>`` elements: the parser closes each at the next, so the
tree is flat and every paragraph is its own block, found in time linear in the page (a
generous limit: it took about 3 s of CPU on a 2-core machine, 7 s before the per-block
passes skipped what cannot apply; a walk per element would take minutes). What keeps it
fast is tested structurally in test_rule_gates.py."""

from __future__ import annotations

import time

from core.model import BlockKind
from core.sources.html import parse_html

PARAGRAPHS = 100_000
CPU_LIMIT = 30.0


def _page(count: int) -> str:
    words = ("council", "budget", "river", "bridge", "vote", "school")
    body = "".join(
        f"<p>Item {i}: " + " ".join(words[(i + k) % len(words)] for k in range(6))
        for i in range(count)
    )
    return f"<html><body><h1>The council votes on the bridge</h1>{body}\n"


def test_hundred_thousand_unclosed_paragraphs_are_flat_blocks_within_a_generous_limit() -> None:
    page = _page(PARAGRAPHS)
    start = time.process_time()
    blocks, _ = parse_html(page)
    seconds = time.process_time() - start
    assert seconds < CPU_LIMIT, f"{seconds:.1f} s of CPU"
    items = [b for b in blocks if b.text.startswith("Item ")]
    assert len(items) == PARAGRAPHS
    assert all(b.kind is BlockKind.PARAGRAPH for b in items)
    # Closed at the next <p>: siblings at one depth, never nested inside each other.
    depths = {b.origin.path.count("/") for b in items}
    assert len(depths) == 1
    assert items[-1].text == "Item 99999: " + " ".join(
        ("council", "budget", "river", "bridge", "vote", "school")[(99_999 + k) % 6]
        for k in range(6)
    )
