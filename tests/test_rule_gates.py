"""The cheap checks that let the per-block passes skip work never skip a result.

Every clutter rule with a gate (`clutter_rules._GATES`) is only called on a block within
it; a block the rule calls clutter must always pass its gate, in every spelling
IGNORECASE matches (``ſ``, ``K``, ``ı``, ``İ``). The same for the checks before the
comment signatures' date pattern and the nesting bound that decides whether a page is
scanned for wrappers.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from core import clutter_rules as rules
from core.model import Block, BlockKind
from core.sources import html_comments, html_depth

sys.path.insert(0, str(Path(__file__).parent))
from test_block_budget import FOLDS, GUARDED, _variants

CLUTTER = [
    "Photo: AP", "(Photo: Jane Doe/AP)", "( credit: The Agency", "© Getty Images",
    "Getty Images/Alex Wong", "Read more: the council's plan", "See also: bridge",
    "Follow us on Twitter", "Tags: council, bridge", "Filed under politics",
    "— Jane Doe (@jdoe) July 16, 2018", "The mayor spoke. https://t.co/abc123",
    "Trump, left, and May talk", "FILE - In this photo, the mayor waves to voters",
    "In this file photo the bridge is seen from the river",
    "Mayor Jane Doe, left, speaks in the city hall on Monday, July 16, 2018.",
    "The mayor at the bridge (AP Photo/Evan Vucci) less",
    "The bridge at night in the city ... more", "https://example.com/story",
    "www.example.com", "Copyright 2018 The Associated Press. All rights reserved.",
    "window._taboola = window._taboola || [];", "Sign up for our daily newsletter",
    "We use cookies", "Associated Press writers A and B contributed to this report.",
    "AccuWeather", "This article originally appeared on Example.",
]


def _texts() -> list[str]:
    examples = [text for _, _, texts in GUARDED.values() for text in texts]
    rng = random.Random(11)
    out = []
    for text in [*CLUTTER, *examples]:
        out.extend(_variants(text, rng))
        out.extend(["  " + text, "( " + text])
    return out


def test_a_rule_that_calls_a_block_clutter_is_always_within_its_gate() -> None:
    fired = 0
    for text in _texts():
        for kind in (BlockKind.PARAGRAPH, BlockKind.CREDIT, BlockKind.OTHER):
            block = Block(kind, text)
            facts = rules._facts(text)
            present = frozenset(s for s in rules._GATE_LITERALS if s in facts.low)
            for rule, gate in rules._GATES.items():
                if rule(block):
                    fired += 1
                    assert rules._passes(gate, block, facts, present, facts.low.lstrip()), (
                        rule.__name__, text)
    assert fired >= len(CLUTTER)


@pytest.mark.parametrize("text", CLUTTER)
def test_single_block_reason_is_the_first_rule_that_fires(text: str) -> None:
    block = Block(BlockKind.PARAGRAPH, text)
    expected = next((r for rule in rules.SINGLE_BLOCK_RULES if (r := rule(block))), None)
    assert expected is not None
    assert rules.single_block_reason(block) == expected


def test_a_plain_paragraph_runs_only_the_ungated_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[str] = []
    counted = {rule: _counting(rule, called) for rule in rules.SINGLE_BLOCK_RULES}
    monkeypatch.setattr(rules, "SINGLE_BLOCK_RULES",
                        tuple(counted[rule] for rule in rules.SINGLE_BLOCK_RULES))
    monkeypatch.setattr(rules, "_GATES", {counted[r]: g for r, g in rules._GATES.items()})
    ungated = [rule.__name__ for rule in rules._UNGATED]
    monkeypatch.setattr(rules, "_UNGATED", tuple(counted[rule] for rule in rules._UNGATED))
    block = Block(BlockKind.PARAGRAPH, "Item 4: council budget river bridge vote school")
    assert rules.single_block_reason(block) is None
    assert called == ungated
    assert len(called) <= 5  # of the 18 rules
    called.clear()
    assert rules.single_block_reason(Block(BlockKind.PARAGRAPH, "Sign up now")) is not None
    assert "newsletter_box" in called  # a gate that lets the block through calls its rule


def _counting(rule: Callable[[Block], str | None], called: list[str]
              ) -> Callable[[Block], str | None]:
    def counted(block: Block) -> str | None:
        called.append(rule.__name__)
        return rule(block)

    return counted


def test_the_date_check_never_skips_a_signature() -> None:
    rng = random.Random(5)
    for text in ["Posted by: Sam at November 7, 2012 1:56 PM", "Jo | 12/11/2012 at 9:04 am",
                 "Ann says: 3 days ago", "7 November 2012", "Sam, 2012-11-07", "at 9:04pm",
                 "SEPT 3, 2020", "5 minutes ago"]:
        for variant in [*_variants(text, rng), *(text.replace(a, b) for a, b in FOLDS.items())]:
            if html_comments._DATE.search(variant):
                assert html_comments._may_hold_date(variant), variant


def test_a_flat_page_of_unclosed_paragraphs_is_not_scanned_for_wrappers() -> None:
    flat = "<html><body>" + "<p>Item" * 100_000
    assert html_depth.depth_bound(flat) <= 4
    assert html_depth.bounded_nesting(flat) is flat
    deep = "<div>" * 600 + "<p>x" * 10
    assert html_depth.depth_bound(deep) > html_depth.MAX_DEPTH  # nesting still counted
    nested_p = "<p><b>x" * 600  # a <p> after <b> is not closed by the bound
    assert html_depth.depth_bound(nested_p) > html_depth.MAX_DEPTH
