"""Finding the story on kinds of page our rules were not tuned for (pages made up here)."""

from __future__ import annotations

import time

from core.clean import clean
from core.load import load_text
from core.model import Block
from core.sources.html import parse_html
from core.sources.html_depth import MAX_DEPTH, bounded_nesting

PARAGRAPHS = [
    "The river rose two metres overnight and the old bridge at Millford was closed before "
    "dawn, leaving the farms on the east bank cut off from the town.",
    "Volunteers filled sandbags in the school car park until the water reached the gates; "
    "by noon the headteacher had sent every pupil home by the northern road.",
    "Engineers from the county said the bridge would be inspected once the level fell, "
    "a process they expected to take at least three days of dry weather.",
    "Shopkeepers on Mill Street moved their stock upstairs, and the bakery handed out bread "
    "to the families who had spent the night in the church hall.",
    "The mayor thanked the fire crews and promised an inquiry into why the flood barrier, "
    "paid for after the last flood, had not been raised in time.",
    "Forecasters expect more rain at the weekend, though less than fell on Tuesday, and "
    "the river is not expected to reach the same height again.",
]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
SIDEBAR = "".join(f"<li><a href='/s{n}'>Another headline number {n}</a></li>" for n in range(8))


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def kept(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.clutter is None]


def story_kept(blocks: list[Block]) -> bool:
    texts = kept(blocks)
    return all(p in texts for p in PARAGRAPHS)


def test_a_div_inside_a_button_does_not_swallow_the_page() -> None:
    # HTML 4 parsers leave the <button> open, so the whole story ends up inside it.
    html = page(
        "<header><button><div><span>Menu</span></button></header>"
        f"<main><h1>The headline of the story</h1>{STORY}</main>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert "Menu" not in [b.text for b in blocks]


def test_a_form_around_the_whole_page_is_read() -> None:
    html = page(
        "<form method='post' action='/page.aspx'>"
        "<div class='top'><form><label>Search the site</label><input name=q></form></div>"
        f"<h1>The headline of the story</h1>{STORY}</form>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)


def test_a_small_form_beside_the_story_is_left_out() -> None:
    html = page(
        f"<article><h1>The headline</h1>{STORY}</article>"
        "<form><p>Get our newsletter every morning in your inbox.</p><input name=mail></form>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert "Get our newsletter every morning in your inbox." not in kept(blocks)


def test_class_words_on_the_story_containers_do_not_drop_the_story() -> None:
    # A page builder wraps each section of the story in a "widget" container.
    sections = "".join(
        f"<section><div class='builder-widget-wrap'><p>{PARAGRAPHS[i]}</p>"
        f"<p>{PARAGRAPHS[i + 1]}</p><p>{PARAGRAPHS[i + 2]}</p></div></section>"
        for i in (0, 3)
    )
    html = page(
        f"<div class='content'><h1>The headline</h1>{sections}</div>"
        f"<div class='sidebar-widget'><ul>{SIDEBAR}</ul></div>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert "Another headline number 3" not in kept(blocks)


def test_topic_classes_are_not_roles() -> None:
    html = page(
        f"<article class='post category-social-media tag-ads'><h1>Headline</h1>{STORY}"
        "</article><div class='social-share'><p>Share this on every network</p></div>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert "Share this on every network" not in kept(blocks)


def test_prose_in_quotes_lists_and_code_counts_for_the_densest_container() -> None:
    quotes = "".join(f"<blockquote>{p}</blockquote>" for p in PARAGRAPHS)
    other = "".join(f"<p>Short note {n} about the site and its sections.</p>" for n in range(3))
    html = page(f"<div id='a'><h1>Title of the paper</h1>{quotes}</div><div id='b'>{other}</div>")
    blocks, _ = parse_html(html)
    assert all(p in kept(blocks) for p in PARAGRAPHS)
    assert "Short note 1 about the site and its sections." not in kept(blocks)


def test_a_story_split_across_sibling_containers_is_joined() -> None:
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[4:])
    html = page(
        "<div class='page'><h1>The headline</h1>"
        f"<div class='body-container'>{first}</div>"
        "<div class='ad-slot'><p>Advertisement</p></div>"
        f"<div class='body-container'>{second}</div></div>"
        f"<nav><ul>{SIDEBAR}</ul></nav>"
        "<div class='elsewhere'><p>A paragraph elsewhere on the page, about something else "
        "entirely, long enough to count as prose of its own.</p></div>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert not any(t.startswith("A paragraph elsewhere") for t in kept(blocks))


def test_a_syndication_note_is_left_out_of_the_clean_text() -> None:
    note = ("This article originally appeared on The Valley Times and is republished here "
            "with permission.")
    version = load_text(page(f"<article><h1>The headline</h1>{STORY}<p>{note}</p></article>"),
                        name="p.html")
    body = [b.text for b in clean(version).body_blocks()]
    assert note not in body
    assert PARAGRAPHS[-1] in body


# --- hostile pages: every walk linear, nothing silently lost --------------------------

_LIMIT = 5.0  # seconds; quadratic walks take minutes on these pages


def _timed(html: str) -> tuple[list[Block], float]:
    start = time.perf_counter()
    blocks, _ = parse_html(html)
    return blocks, time.perf_counter() - start


def test_ten_thousand_nested_forms_read_quickly() -> None:
    blocks, seconds = _timed(page("<form>" * 10_000 + STORY + "</form>" * 10_000))
    assert seconds < _LIMIT
    assert story_kept(blocks)


def test_thousands_of_nested_tables_read_quickly() -> None:
    html = page("<table><tr><td>" * 5_000 + STORY + "</td></tr></table>" * 5_000)
    blocks, seconds = _timed(html)
    assert seconds < _LIMIT
    assert all(any(p in t for t in kept(blocks)) for p in PARAGRAPHS)


def test_a_story_nested_thousands_of_levels_deep_keeps_its_paragraphs() -> None:
    html = page("<div>" * 10_000 + f"<h1>The headline</h1>{STORY}" + "</div>" * 10_000)
    blocks, seconds = _timed(html)
    assert seconds < _LIMIT
    assert story_kept(blocks)


def test_a_story_nested_just_past_the_old_limit_is_kept() -> None:
    html = page("<div>" * 300 + f"<h1>The headline</h1>{STORY}" + "</div>" * 300)
    blocks, _ = parse_html(html)
    assert story_kept(blocks)


def test_a_text_node_over_ten_megabytes_is_kept() -> None:
    text = "word " * 2_200_000
    blocks, seconds = _timed(page(f"<h1>The headline</h1><p>{text}</p>"))
    assert seconds < _LIMIT
    assert any(len(b.text) > 10_000_000 for b in blocks if b.clutter is None)


def test_nesting_is_bounded_only_on_pages_nested_beyond_any_real_page() -> None:
    shallow = page("<div>" * 100 + "<p>text</p>" + "</div>" * 100)
    assert bounded_nesting(shallow) == shallow
    deep = page("<div>" * 5_000 + "<ul><li>one</li><li>two</li></ul>" + "</div>" * 5_000)
    flattened = bounded_nesting(deep)
    assert flattened.count("<div>") <= MAX_DEPTH
    assert "<ul><li>one</li><li>two</li></ul>" in flattened


def test_unclosed_paragraphs_do_not_count_as_nesting() -> None:
    html = page("<p>para" * 3_000)
    assert bounded_nesting(html) == html


def test_comments_without_a_comment_class_are_left_out() -> None:
    comments = "".join(
        f"<div class='c{n}'><b>Reader{n}</b><p>I think this is the best thing I have read all "
        f"week, and I have read a lot of things this week, number {n}.</p></div>"
        for n in range(3)
    )
    html = page(f"<article><h1>The headline</h1>{STORY}<div class='thread'><h3>3 Responses</h3>"
                f"{comments}</div></article>")
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert not any("best thing I have read" in t for t in kept(blocks))


def test_a_more_stories_list_and_an_author_bio_are_left_out() -> None:
    teasers = "".join(
        f"<div><a href='/t{n}'>Other story {n}</a><p>Its short summary, number {n}.</p></div>"
        for n in range(4)
    )
    html = page(
        f"<article><h1>The headline</h1>{STORY}"
        "<div><h4>About the author</h4><p>Jane Doe has covered the valley for the paper "
        "since 2001 and lives there with two dogs.</p></div>"
        f"<div><h2>More stories</h2>{teasers}</div></article>"
    )
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    texts = kept(blocks)
    assert not any(t.startswith(("Jane Doe", "Its short summary", "Other story")) for t in texts)


def test_a_related_box_inside_the_story_ends_where_the_story_goes_on() -> None:
    html = page(
        f"<article><h1>The headline</h1><p>{PARAGRAPHS[0]}</p><h3>Related</h3>"
        "<p><a href='/x'>A link to another story</a></p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) + "</article>"
    )
    blocks, _ = parse_html(html)
    texts = kept(blocks)
    assert "A link to another story" not in texts
    assert story_kept(blocks)


def test_paragraphs_inside_one_table_cell_stay_apart() -> None:
    blocks, _ = parse_html(page("<table><tr><td><p>First line.</p><p>Second line.</p></td>"
                                "<td>Other cell</td></tr></table>"))
    assert [b.text for b in blocks] == ["First line. Second line. | Other cell"]


def test_a_layout_class_on_every_piece_of_the_story_is_no_evidence() -> None:
    # Each paragraph in its own "widget": no one container holds much of the story.
    widgets = "".join(f"<div class='pb-widget'><p>{p}</p></div>" for p in PARAGRAPHS)
    html = page(f"<div><h1>The headline</h1>{widgets}</div>"
                f"<div class='pb-widget'><ul>{SIDEBAR}</ul></div>")
    blocks, _ = parse_html(html)
    assert story_kept(blocks)
    assert "Another headline number 3" not in kept(blocks)


def test_a_short_story_on_a_busy_page_is_found_by_its_paragraphs() -> None:
    # No container holds most of the page's prose: the one with the most paragraphs of its
    # own is the story's, not the whole page.
    boxes = "".join(
        f"<div><p>Box {n} tells visitors something about the site that they may like to "
        f"know about, at some length.</p></div>" for n in range(4)
    )
    html = page(f"{boxes}<div><h1>The headline</h1>"
                + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3]) + f"</div>{boxes}")
    blocks, _ = parse_html(html)
    texts = kept(blocks)
    assert all(p in texts for p in PARAGRAPHS[:3])
    assert not any(t.startswith("Box ") for t in texts)


def test_on_a_busy_page_the_story_is_looked_for_where_its_headline_is() -> None:
    footer = "".join(
        f"<p>Customer service line {n}: write to us, call us or visit the office any day.</p>"
        for n in range(7)
    )
    boxes = "".join(
        f"<div><p>Box {n} tells visitors something about the site that they may like to "
        f"know about, at some length.</p></div>" for n in range(6)
    )
    html = page(f"<div class='main'><div><h1>The headline</h1></div><div><p>{PARAGRAPHS[0]}</p>"
                f"<p>{PARAGRAPHS[1]}</p></div></div>{boxes}<div class='bottom'>{footer}</div>")
    blocks, _ = parse_html(html)
    texts = kept(blocks)
    assert PARAGRAPHS[0] in texts and PARAGRAPHS[1] in texts
    assert not any(t.startswith("Customer service") for t in texts)
