"""Tests for the second-opinion scores and the move attribution of the aligner."""

from __future__ import annotations

from core.align_gaps import attribute
from core.align_match import Pair, WordCoder
from core.align_rows import Prepared
from core.align_score import containment, order_free_ratio, second_score

CODER = WordCoder()
BRIDGE = (
    "The old bridge over the river will close for repairs in March. Drivers will be sent "
    "through the town centre while the deck is replaced. The work is due to end in the "
    "autumn if the weather allows."
)
SCHOOL = (
    "Parents at the village school have started a petition against the plan to merge the "
    "two classes for the youngest pupils, saying the teachers are already stretched."
)


def wids(text: str) -> str:
    return CODER.encode(text)


def test_containment_of_a_paragraph_that_grew():
    grown = BRIDGE + " " + SCHOOL
    assert containment(wids(BRIDGE), wids(grown)) == 100.0
    assert second_score(wids(BRIDGE), wids(grown), cutoff=50) >= 50


def test_unrelated_paragraphs_get_no_second_score():
    assert second_score(wids(BRIDGE), wids(SCHOOL), cutoff=50) == 0.0
    assert order_free_ratio(wids(BRIDGE), wids(SCHOOL)) < 35


def test_short_block_inside_a_long_one_is_not_containment():
    words = BRIDGE.split()
    piece = " ".join(words[:5])  # five words: too few to trust
    assert containment(wids(piece), wids(BRIDGE)) == 100.0
    assert second_score(wids(piece), wids(BRIDGE), cutoff=50) == 0.0
    repeated = " ".join([BRIDGE] * 8)  # the same words, a block eight times as long
    assert second_score(wids(BRIDGE), wids(repeated), cutoff=50) == 0.0


def test_reordered_sentences_score_high_order_free():
    sentences = [s.strip() + "." for s in BRIDGE.split(".") if s.strip()]
    swapped = " ".join(reversed(sentences))
    a, b = wids(BRIDGE), wids(swapped)
    assert order_free_ratio(a, b) >= 85
    assert second_score(a, b, cutoff=50) >= 85


def test_attribute_keeps_the_most_blocks_in_place():
    # block 0 (long) sits at row 5; blocks 1..5 (short) at rows 0..4: one move, not five
    prep = Prepared(keys=[""] * 6, wids=["x" * 200] + ["y" * 20] * 5)
    in_place = [Pair(0, 5, 100.0)]
    moves = [Pair(b, b - 1, 80.0) for b in range(1, 6)]
    chain, moved = attribute(in_place, moves, prep)
    assert [p.b for p in chain] == [1, 2, 3, 4, 5]
    assert [p.b for p in moved] == [0]


def test_attribute_breaks_ties_by_text_length():
    # two blocks swapped: the longer one stays in place, the shorter is the move
    prep = Prepared(keys=["", ""], wids=["x" * 10, "y" * 90])
    chain, moved = attribute([Pair(0, 1, 100.0)], [Pair(1, 0, 100.0)], prep)
    assert [p.b for p in chain] == [1]
    assert [p.b for p in moved] == [0]
