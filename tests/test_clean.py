"""Cleaning one version: verdicts, reasons and restoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.article import article_from_cleaned
from core.clean import Role, clean
from core.export import to_text
from core.load import load_path
from core.model import Block, BlockKind, Format, Version

P = BlockKind.PARAGRAPH
PROSE = (
    "The council approved the new budget on Tuesday after a long debate about the cost "
    "of repairing the city's bridges and roads."
)
PROSE_2 = (
    "Opponents said the plan leaves too little for schools, and promised to bring the "
    "question back at the next meeting in spring."
)


def version(*items: tuple[BlockKind, str] | str) -> Version:
    blocks = tuple(
        Block(kind=P, text=item) if isinstance(item, str) else Block(kind=item[0], text=item[1])
        for item in items
    )
    return Version(path="test.txt", format=Format.TEXT, encoding="utf-8", blocks=blocks)


def reasons(cleaned) -> dict[int, str]:
    return {index: reason for index, _, reason in cleaned.removed()}


def test_seed_cleans_to_expected_exactly(data_dir: Path) -> None:
    cleaned = clean(load_path(data_dir / "scraped.txt"))
    expected = (data_dir / "expected_clean.txt").read_text(encoding="utf-8")
    assert to_text(article_from_cleaned(cleaned)).strip() == expected.strip()


def test_seed_every_removal_has_a_reason(data_dir: Path) -> None:
    cleaned = clean(load_path(data_dir / "scraped.txt"))
    removed = cleaned.removed()
    assert removed, "the seed has repeated headlines and credits to remove"
    texts = {block.text: reason for _, block, reason in removed}
    assert texts["© Getty Images/Alex Wong"] == "photo credit"
    assert texts["Joe Biden Ukraine Russia"].startswith("tag line")
    assert any(r.startswith("repeats block 1 (the title)") for r in texts.values())


def test_roles_title_subtitle_byline() -> None:
    cleaned = clean(version(
        (BlockKind.HEADING, "Council Passes Budget"),
        "Bridges First, Schools Later",
        (BlockKind.BYLINE, "By Ann Lee"),
        PROSE,
    ))
    assert [v.role for v in cleaned.verdicts] == [
        Role.TITLE, Role.SUBTITLE, Role.BYLINE, Role.BODY,
    ]
    assert (cleaned.title, cleaned.subtitle, cleaned.byline) == (
        "Council Passes Budget", "Bridges First, Schools Later", "By Ann Lee",
    )


def test_repeated_headline_dropped_with_evidence() -> None:
    cleaned = clean(version("Council Passes Budget", PROSE, "Council passes budget", PROSE_2))
    assert reasons(cleaned) == {2: "repeats block 1 (the title), 100% similar"}


def test_near_duplicate_paragraph_dropped_with_similarity() -> None:
    edited = PROSE.replace("Tuesday", "Tuesday,")
    cleaned = clean(version("Council Passes Budget", PROSE, PROSE_2, edited))
    reason = reasons(cleaned)[3]
    assert reason.startswith("repeats block 2, ") and reason.endswith("% similar")


def test_short_repeated_label_is_content_not_duplicate() -> None:
    cleaned = clean(version(
        "An Interview With the Mayor", "Q:", PROSE, "Q:", PROSE_2,
        (BlockKind.TABLE_ROW, "Year | Cost"), (BlockKind.TABLE_ROW, "Year | Cost"),
    ))
    assert reasons(cleaned) == {}


def test_single_block_rules_name_their_rule() -> None:
    cleaned = clean(version(
        "Council Passes Budget",
        PROSE,
        "Advertisement",
        "Read also: Mayor resigns after scandal",
        "Sign up for our daily newsletter to get the news delivered to your inbox.",
        "We use cookies to improve your experience.",
        "Copyright 2018 The Associated Press. All rights reserved.",
        "(AP Photo/Evan Vucci)",
        PROSE_2,
    ))
    got = reasons(cleaned)
    assert got[2].startswith("advertisement")
    assert got[3].startswith("promotion of other stories")
    assert got[4] == "newsletter sign-up"
    assert got[5] == "cookie/consent banner"
    assert got[6] == "copyright line"
    assert got[7] == "photo credit"
    assert 8 not in got and 1 not in got


def test_structural_clutter_from_loader_becomes_the_reason() -> None:
    blocks = (
        Block(kind=P, text="Home News Sport", clutter="navigation (<nav>)"),
        Block(kind=BlockKind.HEADING, text="Council Passes Budget", level=1),
        Block(kind=P, text=PROSE),
    )
    cleaned = clean(Version("p.html", Format.HTML, "utf-8", blocks))
    assert reasons(cleaned) == {0: "navigation (<nav>)"}
    assert cleaned.title == "Council Passes Budget"


def test_tag_line_only_when_all_words_in_headline() -> None:
    kept = clean(version("Council Passes Budget", PROSE, "Council Budget Schools"))
    dropped = clean(version("Council Passes Budget", PROSE, "Council Budget"))
    assert reasons(kept) == {}
    assert reasons(dropped) == {2: "tag line: all its words are in the headline"}


def test_captions_dropped_and_restorable() -> None:
    cleaned = clean(version(
        "Council Passes Budget", (BlockKind.CAPTION, "The mayor speaks on Tuesday."), PROSE,
    ))
    assert reasons(cleaned) == {1: "photo caption"}
    restored = cleaned.restore(1)
    assert [b.text for b in restored.body_blocks()] == ["The mayor speaks on Tuesday.", PROSE]
    assert restored.version is cleaned.version
    again = restored.drop(1)
    assert reasons(again) == {1: "removed by the user"}


def test_dropped_blocks_stay_in_the_version() -> None:
    v = version("Council Passes Budget", PROSE, "Advertisement")
    cleaned = clean(v)
    assert cleaned.version.blocks == v.blocks
    assert len(cleaned.verdicts) == len(v.blocks)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_blocks_are_dropped_with_reason(text: str) -> None:
    cleaned = clean(version("Council Passes Budget", text, PROSE))
    assert reasons(cleaned) == {1: "empty block"}


def test_date_line_becomes_the_date() -> None:
    cleaned = clean(version(
        "Council Passes Budget", (BlockKind.DATELINE, "July 16, 2018"), PROSE,
    ))
    assert reasons(cleaned) == {1: "date line (kept as the article's date)"}
    assert cleaned.date == "July 16, 2018"


@pytest.mark.parametrize(
    "line,reason",
    [
        ("___", "separator line"),
        ("Image 3 of 10", "gallery counter"),
        ("https://platform.twitter.com/widgets.js", "bare link"),
        ("FacebookEmail Twitter Google+ LinkedIn Pinterest", "share buttons"),
        ("High 86F. Winds NNE at 5 to 10 mph..", "weather widget"),
        ("Follow the Daily Planet on Facebook for the latest news.", "social media prompt"),
        ("AFP PHOTO / SPUTNIK / Mikhail KLIMENTYEV", "photo credit"),
        ("Most Read Nation & World Stories", "site widget"),
        ("Sign up for one of our email newsletters.", "newsletter sign-up"),
        ("SEE PHOTOS 13 moments that tell the story", "promotion of other stories"),
        ("The mayor, left, greets residents at the bridge in Springfield, Ohio, Monday, "
         "July 16, 2018.", "photo caption (names positions in a photo and its date)"),
        ("Residents walk past the closed bridge in Springfield, Ohio, Sunday, July 15, 2018 "
         "ahead of the vote.", "photo caption (place and full date"),
        ("Residents cross the river on a ferry. (AP Photo/Jane Doe)", "ends with a photo credit"),
        ("FILE - In this Nov. 11, 2017 file photo, the mayor talks to residents.", "file-photo"),
        ("window._ads = window._ads || []; _ads.push({ mode: 'thumbs' });", "script code"),
        ("Your weather is set to . You can change the location at any time.", "weather"),
        ("Associated Press writers Ann Lee and Bo Chan in Washington contributed to this "
         "report.", "contributor note"),
        ("Follow Lee on Twitter at http://twitter.com/@annlee", "social media prompt"),
        ("— Jane Mayor (@janemayor) July 16, 2018", "embedded social media post"),
        ("Great day at the bridge opening! https://t.co/AbC123", "embedded social media post"),
        ("And with a digital subscription, you'll never miss a local story.", "newsletter"),
        ("The mayor, center, and council members cut the ribbon at the bridge.",
         "names where people stand"),
    ],
)
def test_scraped_site_clutter(line: str, reason: str) -> None:
    cleaned = clean(version("Council Passes Budget", PROSE, line, PROSE_2))
    assert reason in reasons(cleaned).get(2, ""), reasons(cleaned)


def test_extra_bylines_dropped_first_kept() -> None:
    cleaned = clean(version(
        "Council Passes Budget", (BlockKind.BYLINE, "By Ann Lee"), PROSE,
        (BlockKind.BYLINE, "By The Associated Press"), PROSE_2,
    ))
    assert cleaned.byline == "By Ann Lee"
    assert reasons(cleaned) == {3: "another byline (the article's byline is block 2)"}


def test_article_text_collapses_scraped_space_runs() -> None:
    cleaned = clean(version(
        "Council Passes Budget", (BlockKind.BYLINE, "By      ANN LEE |  AP"), PROSE,
    ))
    assert article_from_cleaned(cleaned).byline == "By ANN LEE | AP"


def test_story_sentence_with_a_date_is_not_a_caption() -> None:
    line = "The council met on Monday, July 16, 2018, and will vote again in September."
    assert reasons(clean(version("Council Passes Budget", PROSE, line, PROSE_2))) == {}


def test_what_a_widget_label_introduces_goes_with_it() -> None:
    cleaned = clean(version(
        "Council Passes Budget", PROSE,
        "Recommended Video:", "The mayor explains the budget in two minutes",
        "Related content", "Mayor resigns after scandal", "Bridge closed for repairs",
        PROSE_2,
    ))
    got = reasons(cleaned)
    assert got[3] == "introduced by block 3 ('Recommended Video:')"
    assert got[5] == got[6] == "listed under block 5 ('Related content')"
    assert 7 not in got


def test_content_that_looks_like_clutter_is_kept() -> None:
    long_prose = ("Print subscriptions fell by a third last year, the publisher said, while "
                  "digital subscriptions grew for the fourth year in a row across its titles.")
    cleaned = clean(version(
        "Council Passes Budget", PROSE,
        (BlockKind.LIST_ITEM, "Breakfast: 1 cup oats, 1 cup berries, 8 oz. almond milk"),
        (BlockKind.LIST_ITEM, "Breakfast: 1 cup oats, 1 cup berries, 8 oz. almond milk"),
        "(I know, a radical statement, right?)",
        (BlockKind.QUOTE, "Half a million dollars on a slogan! https://t.co/AbC123"),
        long_prose, PROSE_2,
    ))
    assert reasons(cleaned) == {}


def test_section_label_above_headline_and_site_suffix() -> None:
    cleaned = clean(version(
        (BlockKind.HEADING, "News Nation"),
        (BlockKind.HEADING, "Council Passes Budget | The Daily Planet"),
        PROSE, PROSE_2,
    ))
    assert reasons(cleaned) == {0: "section or site label above the headline"}
    assert article_from_cleaned(cleaned).title == "Council Passes Budget"
