"""Plain text segmentation: paragraphs, wrapped lines, label lines, glued credits."""

from __future__ import annotations

import doctest
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import Block, BlockKind
from core.sources import text as text_module
from core.sources.text import parse_text

K = BlockKind


def kinds_and_texts(source: str) -> list[tuple[BlockKind, str]]:
    return [(block.kind, block.text) for block in parse_text(source)]


def test_doctests() -> None:
    assert doctest.testmod(text_module).failed == 0


# --- the seed article ------------------------------------------------------------

HEADLINE = "Joe Biden Allows Ukraine to Strike Inside Russia with Restrictions"


def _simple_clean(blocks: list[Block]) -> list[str]:
    """The cleaning the seed needs: drop credits, repeats, and a closing tag line."""
    kept: list[str] = []
    first_words = set(blocks[0].text.lower().split())
    for index, block in enumerate(blocks):
        if block.kind is K.CREDIT or block.text in kept:
            continue
        last = index == len(blocks) - 1
        if last and set(block.text.lower().split()) <= first_words | {"ukraine"}:
            continue  # tag line: its words are headline words
        kept.append(block.text)
    return kept


def test_seed_segments_into_the_expected_article(data_dir) -> None:
    blocks = parse_text((data_dir / "scraped.txt").read_text(encoding="utf-8"))
    expected = (data_dir / "expected_clean.txt").read_text(encoding="utf-8")
    assert "\n\n".join(_simple_clean(blocks)) + "\n" == expected


def test_seed_labels(data_dir) -> None:
    blocks = parse_text((data_dir / "scraped.txt").read_text(encoding="utf-8"))
    assert [(b.kind, b.text, b.origin.line) for b in blocks[:5]] == [
        (K.HEADING, HEADLINE, 1),
        (K.HEADING, "Joe Biden Eases Restrictions on Ukrainian Strikes Inside Russia", 3),
        (K.BYLINE, "by Faruk Imamovic", 5),
        (K.HEADING, HEADLINE, 6),
        (K.CREDIT, "© Getty Images/Alex Wong", 7),
    ]
    glued = [(b.kind, b.text) for b in blocks if b.origin.line == 28]
    assert glued == [(K.HEADING, HEADLINE), (K.CREDIT, "© Getty Images/Alex Wong")]
    assert (blocks[-1].kind, blocks[-1].text) == (K.HEADING, "Joe Biden Ukraine Russia")
    assert blocks[0].level == 1
    assert {b.level for b in blocks[1:] if b.kind is K.HEADING} == {2}


def test_seed_story_paragraphs_unchanged(data_dir) -> None:
    lines = (data_dir / "scraped.txt").read_text(encoding="utf-8").splitlines()
    long_lines = [(n, line) for n, line in enumerate(lines, 1) if len(line) > 120]
    paragraphs = [(b.origin.line, b.text) for b in
                  parse_text("\n".join(lines)) if b.kind is K.PARAGRAPH]
    assert paragraphs == long_lines


# --- paragraphs and wrapping -----------------------------------------------------

STORY = [
    "In a significant policy shift, President Joe Biden has authorized Ukraine to strike "
    "targets within Russian territory using American munitions. However, this permission "
    "comes with stringent restrictions.",
    "“The president recently directed his team to ensure that Ukraine is able to use "
    "U.S.-supplied weapons for counterfire purposes in Kharkiv,” one official stated. "
    "Europe agreed, and NATO said so too.",
    "A third, short paragraph.",
]


def test_blank_lines_separate_paragraphs() -> None:
    source = "\n\n\n".join(STORY) + "\n"
    assert kinds_and_texts(source) == [(K.PARAGRAPH, p) for p in STORY[:2]] + [
        (K.PARAGRAPH, STORY[2])
    ]


@pytest.mark.parametrize("width", [50, 60, 72, 80])
def test_hard_wrapped_paragraphs_are_joined(width: int) -> None:
    source = "\n\n".join(textwrap.fill(p, width) for p in STORY)
    assert [text for _, text in kinds_and_texts(source)] == STORY


def test_wrapped_paragraph_under_label_lines() -> None:
    source = (
        "Biden Eases Restrictions on Strikes\n"
        "By Jane Doe, Associated Press\n"
        "Updated 3:45 p.m. ET, July 16, 2018\n"
        "\n" + textwrap.fill(STORY[0], 70) + "\n"
    )
    assert kinds_and_texts(source) == [
        (K.HEADING, "Biden Eases Restrictions on Strikes"),
        (K.BYLINE, "By Jane Doe, Associated Press"),
        (K.DATELINE, "Updated 3:45 p.m. ET, July 16, 2018"),
        (K.PARAGRAPH, STORY[0]),
    ]


def test_origin_lines_are_first_source_lines() -> None:
    source = "Title Line Here\n\n" + textwrap.fill(STORY[0], 60) + "\n\n" + STORY[2]
    blocks = parse_text(source)
    wrapped_lines = textwrap.fill(STORY[0], 60).count("\n") + 1
    assert [b.origin.line for b in blocks] == [1, 3, 4 + wrapped_lines]


def test_one_paragraph_per_line_is_not_joined() -> None:
    # Scrapers that put one paragraph per line with single newlines between.
    source = "\n".join(STORY[:2] * 2)
    assert [text for _, text in kinds_and_texts(source)] == STORY[:2] * 2


def test_short_label_lines_in_a_block_are_split_out() -> None:
    source = (
        "Amid investigations and tensions, Trump-Putin going 1-on-1\n"
        "By JANE DOE, Associated Press\n"
        "Photo: Martti Kainulainen, AP\n"
        "(AP Photo/Pablo Martinez Monsivais)\n"
        "July 16, 2018\n"
    )
    assert [kind for kind, _ in kinds_and_texts(source)] == [
        K.HEADING, K.BYLINE, K.CREDIT, K.CREDIT, K.DATELINE
    ]


def test_text_is_kept_exactly() -> None:
    line = "  “Quoted,”   she said — twice\u00a0over.  "
    assert kinds_and_texts(line) == [(K.PARAGRAPH, line.strip())]


def test_crlf_and_cr_input() -> None:
    assert kinds_and_texts("One Headline Here\r\n\r\nA sentence.\rAnother line.") == [
        (K.HEADING, "One Headline Here"),
        (K.PARAGRAPH, "A sentence."),
        (K.PARAGRAPH, "Another line."),
    ]


def test_empty_and_blank_input() -> None:
    assert parse_text("") == []
    assert parse_text(" \n\t\n\n") == []


# --- glued credits ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "head", "credit"),
    [
        (f"{HEADLINE}© Getty Images/Alex Wong", HEADLINE, "© Getty Images/Alex Wong"),
        (f"{HEADLINE} © Reuters", HEADLINE, "© Reuters"),
        (
            "Trump arrives at the airport in Helsinki. (AP Photo/Pablo Martinez Monsivais)",
            "Trump arrives at the airport in Helsinki.",
            "(AP Photo/Pablo Martinez Monsivais)",
        ),
        (
            "Trump attends a breakfast in Helsinki.       Photo Credit: AP/Pablo Martinez",
            "Trump attends a breakfast in Helsinki.",
            "Photo Credit: AP/Pablo Martinez",
        ),
        (
            "Niinisto and Trump talk on the balcony. (Martti Kainulainen/Lehtikuva via AP)",
            "Niinisto and Trump talk on the balcony.",
            "(Martti Kainulainen/Lehtikuva via AP)",
        ),
    ],
)
def test_glued_credit_is_split(line: str, head: str, credit: str) -> None:
    blocks = parse_text(line)
    assert [b.text for b in blocks] == [head, credit]
    assert blocks[1].kind is K.CREDIT
    assert blocks[0].origin.line == blocks[1].origin.line == 1


def test_copyright_sign_inside_long_text_is_not_split() -> None:
    line = "The © sign " + "and a long tail of ordinary words " * 5
    assert len(parse_text(line)) == 1


# --- kinds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Doe", K.BYLINE),
        ("by Faruk Imamovic", K.BYLINE),
        ("By JANE DOE, Associated Press", K.BYLINE),
        ("By The Associated Press", K.BYLINE),
        ("Jonathan Lemire, Jill Colvin and Vladimir Isachenkov, Associated Press", K.BYLINE),
        ("JONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV / AP", K.BYLINE),
        ("Angela Charlton, Associated Press Published 6:18 a.m. ET July 16, 2018", K.BYLINE),
        ("By Monday, officials had agreed to the plan.", K.PARAGRAPH),
        ("© Getty Images/Alex Wong", K.CREDIT),
        ("Photo: Martti Kainulainen, AP", K.CREDIT),
        ("(AP Photo/Evan Vucci, File)", K.CREDIT),
        ("(Pablo Martinez Monsivais / AP)", K.CREDIT),
        ("Getty Images/Alex Wong", K.CREDIT),
        ("Pablo Martinez Monsivais | AP", K.CREDIT),
        ("Image credit: NASA", K.CREDIT),
        ("Credit: Jane Doe", K.CREDIT),
        ("Copyright 2018 The Associated Press. All rights reserved.", K.CREDIT),
        ("Updated 3:45 p.m. ET, July 16, 2018", K.DATELINE),
        ("July 16, 2018", K.DATELINE),
        ("Monday, July 16, 2018 3:50", K.DATELINE),
        ("Updated: July 16, 2018 @ 2:52 am", K.DATELINE),
        ("Posted: 4:29 AM, July 16, 2018", K.DATELINE),
        ("7:50 a.m.", K.DATELINE),
        ("2018-07-16", K.DATELINE),
        ("11 min ago", K.DATELINE),
        ("Pressure from Allies and a Changing Battlefield", K.HEADING),
        ("Responding to Escalation: A Coordinated Decision", K.HEADING),
        ("Is this the end of the alliance?", K.HEADING),
        ("Trump did not respond; Putin appeared to smirk.", K.PARAGRAPH),
        ("Follow Lemire on Twitter at http://twitter.com/JonLemire", K.PARAGRAPH),
        ("1. First numbered point", K.LIST_ITEM),
        ("Image 2 of 10", K.OTHER),
        ("Close", K.OTHER),
        ("___", K.OTHER),
        ("- - - - -", K.OTHER),
        ("fbShare Tweet gShare Email", K.OTHER),
        ("2018", K.OTHER),
    ],
)
def test_line_kinds(line: str, kind: BlockKind) -> None:
    assert kinds_and_texts(line) == [(kind, line)]


def test_bullets_become_list_items_without_their_mark() -> None:
    source = "Key points:\n- first point\n* second point\n• third point\n2. fourth point"
    assert kinds_and_texts(source) == [
        (K.PARAGRAPH, "Key points:"),
        (K.LIST_ITEM, "first point"),
        (K.LIST_ITEM, "second point"),
        (K.LIST_ITEM, "third point"),
        (K.LIST_ITEM, "2. fourth point"),
    ]


def test_indented_list_continuation_is_joined() -> None:
    assert kinds_and_texts("- a point that\n  goes on\n- next") == [
        (K.LIST_ITEM, "a point that goes on"),
        (K.LIST_ITEM, "next"),
    ]


def test_real_scraped_copies_parse(shared_dir) -> None:
    """Every syndicated copy parses, keeps its text, and finds bylines/credits somewhere."""
    files = sorted((shared_dir / "eval" / "syndicated").glob("c0*/*.txt"))
    assert files
    kinds: set[BlockKind] = set()
    for path in files:
        source = path.read_text(encoding="utf-8")
        blocks = _assert_nothing_lost(source)
        kinds.update(b.kind for b in blocks)
    assert {K.BYLINE, K.CREDIT, K.DATELINE, K.HEADING, K.PARAGRAPH} <= kinds


# --- nothing is lost (property) --------------------------------------------------

_BULLET_CHARS = "-*+•◦▪▸►‣·"


def _chars_of(source: str, blocks: list[Block]) -> str:
    """The non-space characters of ``source``, less the bullet marks of list items.

    A bullet mark becomes the block's kind, so it leaves the text; nothing else may.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for block in blocks:
        if block.kind is not K.LIST_ITEM or block.origin.line is None:
            continue
        line = lines[block.origin.line - 1].strip()
        if line[:1] in _BULLET_CHARS and not block.text.startswith(line):
            lines[block.origin.line - 1] = line[1:]
    return "".join("".join(lines).split())


def _chars(blocks: list[Block]) -> str:
    return "".join("".join(block.text for block in blocks).split())


def _assert_nothing_lost(source: str) -> list[Block]:
    blocks = parse_text(source)
    assert _chars(blocks) == _chars_of(source, blocks)
    return blocks


_ALPHABET = st.sampled_from(
    [*"abcXYZ019 .,:;!?\"'()-*+/|@#©•–—“”’", "\n", "\n\n", "\r\n", "\t", "\u00a0",
     "By ", "Photo: ", "(AP Photo/X)", "Getty Images/", "Updated ", "July 16, 2018",
     "7:50 a.m.", "- ", "1. ", "  ", HEADLINE, "word " * 12]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_nothing_is_lost_on_label_like_text(source: str) -> None:
    blocks = _assert_nothing_lost(source)
    assert all(block.text and block.text == block.text.strip() for block in blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_nothing_is_lost_on_any_text(source: str) -> None:
    blocks = _assert_nothing_lost(source)
    lines = [b.origin.line for b in blocks]
    assert lines == sorted(lines)
