"""Alignment of the harder edits revisions make: short blocks, grown, reordered and split
paragraphs, moves of edited paragraphs, which block a move is blamed on."""

from __future__ import annotations

import textwrap

import pytest

from core.align import Alignment, align
from core.load import load_text

TEXT = [
    "The harbour board met on Tuesday to settle the dredging contract, which had been "
    "delayed twice since the spring because two bidders disputed the survey of the channel.",
    "Fishermen on the north quay said the silt had grown so thick that larger boats now wait "
    "for high tide before they can unload, costing them a day of work every week.",
    "The board's chair told the meeting that the new contract covers five years and includes "
    "a clause that lets the port end it early if the channel is not kept at full depth.",
    "A second vote, on raising mooring fees for visiting yachts, was put off until the "
    "autumn after several members asked for figures from other ports along the coast.",
    "Local traders welcomed the decision but warned that the work must not close the "
    "market road, which carries most of the fish lorries leaving the town each morning.",
    "The dredger is expected to arrive in late May and to work mostly at night, when "
    "traffic in the harbour is light and the noise disturbs the fewest residents.",
    "Council officers will publish the full timetable next week together with a map of "
    "the areas of the channel that will be closed to shipping during the work.",
    "The last major dredging of the harbour took place eleven years ago and cost about a "
    "third of the sum agreed this week, according to the board's own records.",
]


def cells_of(a: Alignment, version: int, block: int) -> tuple[tuple[int, ...], ...]:
    """The cells of the row holding ``block`` of ``version``."""
    return next(row.cells for row in a.rows if block in row.cells[version])


def moved_blocks(a: Alignment, version: int) -> list[int]:
    return sorted(b for row in a.rows if version in row.moved for b in row.cells[version])


def test_labels_and_updated_values_between_aligned_rows_share_their_slot():
    base = [
        TEXT[0],
        "Labor force:",
        "5.21 million",
        "Life expectancy:",
        "67.81 years",
        TEXT[1],
        "Early Years",
        TEXT[2],
    ]
    other = [
        TEXT[0],
        "Labour force:",
        "5.4 million",
        "Life expectancy:",
        "68.7 years",
        TEXT[1],
        "Early Life",
        TEXT[2],
    ]
    a = align([base, other])
    assert len(a.rows) == len(base)
    assert [row.cells for row in a.rows] == [((b,), (b,)) for b in range(len(base))]
    b = align([other, base])
    assert [row.cells for row in b.rows] == [((b,), (b,)) for b in range(len(base))]


def test_label_that_grew_past_three_words_keeps_its_slot():
    base = [TEXT[0], "Channel depth:", "4.85 metres", TEXT[1]]
    other = [TEXT[0], "Channel depth (low tide):", "4.2 metres", TEXT[1]]
    a = align([base, other])
    assert [row.cells for row in a.rows] == [((b,), (b,)) for b in range(4)]


def test_short_blocks_outside_a_bounded_slot_are_not_paired():
    base = ["Advertisement", *TEXT[:3], "Photo: harbour office"]
    other = ["Share this", *TEXT[:3], "Listen to the story"]
    a = align([base, other])
    assert cells_of(a, 0, 0) == ((0,), ())
    assert cells_of(a, 0, 4) == ((4,), ())


def test_short_blocks_in_a_slot_with_a_long_stranger_are_not_paired():
    base = [TEXT[0], "Background", TEXT[1]]
    other = [TEXT[0], TEXT[5], TEXT[1]]
    a = align([base, other])
    assert cells_of(a, 0, 1) == ((1,), ())


def test_edited_paragraph_moved_to_the_end():
    edited = (
        "Fishermen working from the north quay complained that the mud has become so deep that "
        "the bigger trawlers must now wait for the tide before they are able to unload, and "
        "that costs them about one day every week."
    )
    other = [TEXT[0], *TEXT[2:], edited]
    a = align([TEXT, other])
    assert cells_of(a, 0, 1) == ((1,), (7,))
    assert moved_blocks(a, 1) == [7]


def test_edited_paragraph_like_two_others_is_not_taken_for_a_move():
    edited = (
        "Fishermen working from the north quay complained that the mud has become so deep that "
        "the bigger trawlers must now wait for the tide before they are able to unload, and "
        "that costs them about one day every week."
    )
    twin = TEXT[1].replace("larger boats", "larger ships")
    base = [TEXT[0], TEXT[1], TEXT[2], TEXT[3], twin]
    other = [edited, TEXT[0], TEXT[2], TEXT[3]]
    a = align([base, other])
    assert cells_of(a, 1, 0) == ((), (0,))  # as near to one as to the other: no match
    assert moved_blocks(a, 1) == []


def test_split_with_a_short_piece():
    words = TEXT[3].split()
    other = [*TEXT[:3], " ".join(words[:-4]), " ".join(words[-4:]), *TEXT[4:]]
    a = align([TEXT, other])
    assert cells_of(a, 0, 3) == ((3,), (3, 4))
    c = align([other, TEXT])
    assert cells_of(c, 1, 3) == ((3, 4), (3,))


def test_short_piece_split_off_the_front():
    words = TEXT[2].split()
    other = [*TEXT[:2], " ".join(words[:3]), " ".join(words[3:]), *TEXT[3:]]
    a = align([TEXT, other])
    assert cells_of(a, 0, 2) == ((2,), (2, 3))


def test_paragraph_that_keeps_its_text_and_grows_two_and_a_half_times():
    grown = (
        TEXT[2].replace("five years", "six years")
        + " Two members voted against it, saying the price was too high for a port of this size."
        + " The chair replied that the cost of doing nothing would be higher still within a decade."
        + " She added that the port had already lost two shipping lines to deeper harbours down"
        + " the coast, and that a third was now asking about its options for next year."
    )
    assert len(grown.split()) >= 2.5 * len(TEXT[2].split())
    other = [*TEXT[:2], grown, *TEXT[3:]]
    a = align([TEXT, other])
    assert cells_of(a, 0, 2) == ((2,), (2,))
    shrunk = align([other, TEXT])
    assert cells_of(shrunk, 0, 2) == ((2,), (2,))


def test_three_sentences_reversed():
    para = (
        "The ferry to the island will run twice a day from June. Tickets can be bought at the "
        "kiosk beside the old customs house. Children under five travel free on every crossing."
    )
    reversed_para = " ".join(reversed([s.strip() + "." for s in para.split(".") if s.strip()]))
    base = [*TEXT[:2], para, *TEXT[2:4]]
    other = [*TEXT[:2], reversed_para, *TEXT[2:4]]
    a = align([base, other])
    assert cells_of(a, 0, 2) == ((2,), (2,))
    assert len(a.rows) == len(base)


def test_reordered_and_split_paragraph():
    para = (
        "The ferry to the island will run twice a day from June. Tickets can be bought at the "
        "kiosk beside the old customs house. Children under five travel free on every crossing."
    )
    s1, s2, s3 = (s.strip() + "." for s in para.split(".") if s.strip())
    base = [TEXT[0], para, TEXT[1]]
    other = [TEXT[0], s3 + " " + s1, s2, TEXT[1]]
    a = align([base, other])
    assert cells_of(a, 0, 1) == ((1,), (1, 2))


def test_paragraph_split_with_its_pieces_swapped():
    para = " ".join(TEXT[5:7])
    first, second = TEXT[5], TEXT[6]
    base = [TEXT[0], para, TEXT[1]]
    other = [TEXT[0], second, first, TEXT[1]]
    a = align([base, other])
    assert cells_of(a, 0, 1) == ((1,), (1, 2))
    assert len(a.rows) == 3


def test_long_paragraph_moved_over_short_edited_ones_is_the_one_marked_moved():
    long_para = " ".join(TEXT[4:8])
    shorts = [t.replace("the", "teh", 1) for t in TEXT[:5]]
    base = [long_para, *TEXT[:5]]
    other = [*shorts, long_para]
    a = align([base, other])
    assert moved_blocks(a, 1) == [5]
    assert cells_of(a, 0, 0) == ((0,), (5,))
    for b in range(5):
        assert cells_of(a, 1, b) == ((b + 1,), (b,))


URL_PARA = "Map: https://harbour.example.net/maps/channel-depths-2024.pdf"


@pytest.mark.parametrize("width", [40, 60])
def test_hard_wrapped_url_on_its_own_line_still_aligns(width):
    paragraphs = [TEXT[0], URL_PARA, TEXT[1]]
    wrapped = "\n\n".join(
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs
    )
    assert "\nhttps://" in wrapped
    texts = []
    for k, text in enumerate(("\n\n".join(paragraphs), wrapped)):
        texts.append([b.text for b in load_text(text, name=f"v{k}.txt").blocks])
    assert len(texts[1]) == 4  # the loader takes "Map:" for a label line
    a = align(texts)
    assert [row.cells for row in a.rows] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
