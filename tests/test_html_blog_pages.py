"""Old blog and news pages (sidebars, blogrolls, teaser lists, reader comments without a
comment class): the story is found by the page's structure, not its class names.
Every page here is made up for the test."""

from __future__ import annotations

import random
import time

from core.clean import clean
from core.load import load_text
from core.model import BlockKind
from core.sources.html import parse_html

SHORT_LINES = [
    "Slice two onions and soften them in butter for ten minutes.",
    "Add the lentils, a bay leaf and a litre of stock.",
    "Simmer until the lentils fall apart, about forty minutes.",
    "Season with pepper and a squeeze of lemon before serving.",
    "Blend half of the pot if you like it smooth, or leave it as it is.",
    "A spoonful of yoghurt on top cools it down for the children.",
    "It keeps for three days in the fridge and freezes well in jars.",
    "Next week I will try the same with split peas and smoked paprika.",
]


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def body_texts(html: str) -> list[str]:
    return [b.text for b in clean(load_text(html, name="page.html")).body_blocks()]


def test_a_date_class_on_the_container_of_a_post_does_not_make_its_lines_date_lines() -> None:
    # Blog templates wrap each day's posts in a "date-outer" element; its short lines
    # are the post, only the short element with the date is a date line.
    lines = "<br>".join(SHORT_LINES)
    html = page(
        "<div class='date-outer'><h2 class='date-header'>Tuesday, 6 March 2012</h2>"
        "<div class='post'><h3>Lentil soup for a cold evening</h3>"
        f"<div class='post-body'>{lines}</div>"
        "<div class='post-timestamp'>posted at 6:00 PM</div></div></div>"
    )
    blocks, _ = parse_html(html)
    kinds = {b.text: b.kind for b in blocks}
    assert all(kinds[line] is BlockKind.PARAGRAPH for line in SHORT_LINES)
    assert kinds["posted at 6:00 PM"] is BlockKind.DATELINE
    assert all(line in body_texts(html) for line in SHORT_LINES)


STORY = [
    "The parish council met on Thursday to decide the future of the old library, which has "
    "stood empty since the county moved its books to the new school three years ago.",
    "Residents packed the hall; most of those who spoke wanted the building kept for the "
    "village, as a café, a meeting room or a small museum of the quarry that built it.",
    "The council's treasurer warned that the roof alone would cost more than the parish "
    "raises in a year, and that grants for such work had become hard to win.",
    "In the end the members voted to lease it for a peppercorn rent to a group of "
    "volunteers, who must show within twelve months that they can pay for the repairs.",
]
SUMMARIES = [
    "A look back at the storm that took the church spire and what it cost to rebuild it.",
    "Why the bus to the market town now runs twice a day instead of every hour.",
    "The school choir sang at the county show and came home with a second prize.",
    "Allotment holders fear the new houses will shade their plots from the south.",
    "A retired teacher has written the history of every house on Station Road.",
]


def teaser_items(tag: str = "li") -> str:
    return "".join(
        f"<{tag}><h4><a href='/post{n}'>Earlier post number {n}</a></h4>"
        f"<p>{summary}</p><span>March {n + 1}, 2012</span></{tag}>"
        for n, summary in enumerate(SUMMARIES)
    )


def test_recent_posts_with_summaries_beside_a_story_are_a_teaser_list() -> None:
    # The summaries are unlinked prose, as much as the story's; each sits in a unit of
    # its own (a linked headline, the summary, a date), as no story paragraph does.
    story = "".join(f"<p>{p}</p>" for p in STORY)
    html = page(
        "<div id='wrap'><div class='col-a'><h1>The old library gets a second life</h1>"
        f"{story}</div><div class='col-b'><h3>Recent</h3><ul>{teaser_items()}</ul>"
        f"<h3>Also on the blog</h3><div>{teaser_items('div')}</div></div></div>"
    )
    body = body_texts(html)
    assert all(p in body for p in STORY)
    assert not any(s in body for s in SUMMARIES)
    blocks, _ = parse_html(html)
    reasons = {b.text: b.clutter or "" for b in blocks}
    assert reasons[SUMMARIES[0]].startswith("teaser list")


def test_a_page_that_is_a_list_of_posts_keeps_it() -> None:
    # A blog's archive page: the list holds nearly all of the page's prose, it is the page.
    html = page(f"<h1>Posts from March</h1><ul>{teaser_items()}</ul>")
    body = body_texts(html)
    assert all(s in body for s in SUMMARIES)


def test_links_between_a_storys_paragraphs_do_not_make_it_a_teaser_list() -> None:
    # "Read more" style links set between paragraphs of one container are not units.
    parts = []
    for n, paragraph in enumerate(STORY):
        parts.append(f"<p><a href='/more{n}'>Earlier post number {n}</a></p><p>{paragraph}</p>")
    html = page(f"<article><h1>The old library gets a second life</h1>{''.join(parts)}</article>")
    body = body_texts(html)
    assert all(p in body for p in STORY)


def test_teaser_lists_are_found_in_linear_time_on_a_deep_page() -> None:
    # Thousands of units 200 levels down: every path is long, the work stays linear.
    from core.sources.html_teasers import mark_teaser_lists

    items = "".join(
        f"<div><div><h4><a href='/p{n}'>Post {n}</a></h4><p>Summary {n} of a post.</p>"
        "</div></div>"
        for n in range(4000)
    )
    blocks, _ = parse_html(page("<div>" * 200 + items))
    start = time.perf_counter()
    marked = mark_teaser_lists(blocks)
    assert time.perf_counter() - start < 2.0
    assert len(marked) == len(blocks)


_VOCABULARY = (
    "river bridge council school market harbour library clinic ferry orchard mill weir "
    "engineers farmers teachers nurses drivers bakers wardens students builders walkers "
    "rain flood winter spring summer autumn morning evening week month year road lane "
    "repaired closed opened visited counted measured promised delayed funded planned "
    "quietly slowly early late again twice always never often north south east west"
)


def _sentences(count: int, topic: str) -> list[str]:
    """Distinct paragraphs (no two alike, so none is taken for a repeat)."""
    vocabulary = _VOCABULARY.split()
    paragraphs = []
    for n in range(count):
        chooser = random.Random(f"{topic} {n}")
        words = " ".join(chooser.choice(vocabulary) for _ in range(26))
        paragraphs.append(f"{words.capitalize()}, said the report on {topic}.")
    return paragraphs


def test_the_storys_first_paragraphs_set_apart_from_the_rest_are_kept() -> None:
    # Templates put a story's opening paragraphs in one wrapper and the rest, after a
    # share bar or a photo, in another; the opening holds too little to count as a
    # sibling share, but it sits between the headline and the rest of the story.
    opening = _sentences(2, "the opening")
    rest = _sentences(14, "the rest of the story")
    html = page(
        "<div id='page'><div class='story'><h1>The committee reports on the flood</h1>"
        "<div class='byline'>By A. Writer</div>"
        f"<div class='top'><div class='lead'>{''.join(f'<p>{p}</p>' for p in opening)}"
        "</div></div><div class='bar'><a href='/share'>Share</a></div>"
        f"<div class='main'><div class='text'>{''.join(f'<p>{p}</p>' for p in rest)}"
        "</div></div></div></div>"
    )
    body = body_texts(html)
    assert all(p in body for p in opening + rest)


def test_a_caption_between_headline_and_story_stays_out() -> None:
    # A single paragraph there is as often a photo's caption: only a run of them is lead.
    caption = ("The river at dawn on Tuesday, seen from the old bridge, with the church "
               "tower in the distance and the fields under water.")
    rest = _sentences(14, "the story")
    html = page(
        "<div id='page'><div class='story'><h1>The committee reports on the flood</h1>"
        f"<div class='photo'><div><div>{caption}</div></div></div>"
        f"<div class='main'><div class='text'>{''.join(f'<p>{p}</p>' for p in rest)}"
        "</div></div></div></div>"
    )
    body = body_texts(html)
    assert all(p in body for p in rest)
    assert caption not in body


def test_a_long_quotation_is_part_of_the_story_not_its_container() -> None:
    # A statement quoted in full can hold most of the prose; the paragraph that
    # introduces it belongs to the same story.
    intro = ("Today the council published the statement below from its chair, who was "
             "unable to attend the meeting in person because of the closed roads.")
    quoted = _sentences(8, "the statement")
    html = page(
        "<div class='post'><h2>The chair's statement</h2>"
        f"<div class='entry'><p>{intro}</p><blockquote>"
        f"{''.join(f'<p>{p}</p>' for p in quoted)}</blockquote></div></div>"
        "<div class='side'><p>Our blog covers the valley's news every week, written by "
        "volunteers who live there.</p></div>"
    )
    body = body_texts(html)
    assert intro in body
    assert all(p in body for p in quoted)


def test_a_posts_topic_class_is_not_evidence_of_clutter() -> None:
    # Templates label a post's container with its category: "entry-category-social_media"
    # says what the post is about, not that it is a row of share buttons.
    from core.sources.boilerplate import attribute_reason

    assert attribute_reason({"class": "entry entry-category-social_media"}) is None
    assert attribute_reason({"class": "post category-sidebar-news"}) is None
    assert (attribute_reason({"class": "social-share"}) or "").startswith("share buttons")
    assert (attribute_reason({"class": "widget-tag-cloud"}) or "").startswith("sidebar")


COMMENTS = [
    "Great write-up, I had no idea the library was that old. Will there be a meeting?",
    "The roof was already leaking when I worked there in the nineties, good luck to them.",
    "Why not sell it and spend the money on the school instead? Just a thought.",
    "My grandmother used to take me there every Saturday. So glad it is staying open.",
]


def _comment_units() -> str:
    return "".join(
        f"<div><div><p>{text}</p></div><p>Posted by: Reader {n} at March {n + 3}, 2012 "
        f"{n + 1}:15 PM</p></div>"
        for n, text in enumerate(COMMENTS)
    )


def test_reader_comments_without_a_comment_class_are_found_by_their_signatures() -> None:
    story = _sentences(5, "the library")
    html = page(
        "<div id='main'><h1>The old library gets a second life</h1>"
        f"<div class='entry'>{''.join(f'<p>{p}</p>' for p in story)}"
        "<p>Posted on March 2, 2012 at 9:00 AM</p></div>"
        f"{_comment_units()}</div>"
    )
    body = body_texts(html)
    assert all(p in body for p in story)
    assert not any(c in body for c in COMMENTS)
    blocks, _ = parse_html(html)
    reasons = {b.text: b.clutter or "" for b in blocks}
    assert reasons[COMMENTS[0]].startswith("reader comments")


def test_posts_on_a_blogs_front_page_are_not_comments() -> None:
    # Each post has a heading and a signed footer: a heading makes a unit a post.
    posts = "".join(
        f"<div><h2>Post number {n}</h2><div><p>{p}</p></div>"
        f"<p>Posted by Ann at March {n + 1}, 2012 9:00 AM</p></div>"
        for n, p in enumerate(_sentences(4, "the front page"))
    )
    html = page(f"<h1>The valley blog</h1><div id='posts'>{posts}</div>")
    body = body_texts(html)
    assert all(p in body for p in _sentences(4, "the front page"))


def test_quotations_signed_with_a_date_are_not_comments() -> None:
    quotes = "".join(
        f"<p>{p}</p><blockquote><p>We will finish the repairs this year.</p>"
        f"<p>The chair of the trust, speaking on March {n + 1}, 2012</p></blockquote>"
        for n, p in enumerate(_sentences(4, "the quotes"))
    )
    html = page(f"<article><h1>What the trust said</h1>{quotes}</article>")
    blocks, _ = parse_html(html)
    assert not any((b.clutter or "").startswith("reader comments") for b in blocks)
