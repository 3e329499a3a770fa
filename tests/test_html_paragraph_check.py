"""A short post beside a sidebar with more text: when the headline found is the site's
name in the page header, the story is the container with the best paragraphs, not the
densest one. Every page here is made up for the test."""

from __future__ import annotations

import time

from core.clean import clean
from core.load import load_text

POST = [
    "The footpath along the old quarry reopened on Saturday, after a winter of repairs to "
    "the steps, the fences and the little bridge over the stream.",
    "Volunteers from the village did most of the work, and the council paid for the timber, "
    "the gravel and a new map at the gate.",
]
NOTICE = [
    "This site is written by one person in their spare time and is not linked to any club.",
    "Everything here is my own opinion and may be out of date by the time you read it.",
    "Photographs are mine unless a caption says otherwise; ask before you use them.",
    "Walks are described as I found them; check the conditions before you set off.",
    "I do not take payment for any mention of a shop, a pub or a product on these pages.",
    "Comments are read before they appear, and rude or off-topic ones are removed.",
    "If you spot a mistake, write to me and I will correct it as soon as I can.",
    "Nothing here replaces a proper map, a charged phone and good boots.",
]


def blog_page(notice_lines: list[str]) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in POST)
    notice = "<br>".join(notice_lines)
    return (
        "<!doctype html><html><head><title>Quarry Notes</title></head><body>"
        "<div><h1>Quarry Notes</h1><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/about'>About</a></li></ul></div>"
        "<div><div><div><h3>The quarry path is open again</h3>"
        f"<div>{paragraphs}</div></div></div>"
        f"<div><div><h4>About this site</h4><div>{notice}</div></div></div></div>"
        "</body></html>"
    )


def body_texts(html: str) -> list[str]:
    return [b.text for b in clean(load_text(html, name="page.html")).body_blocks()]


def test_a_short_post_beside_a_longer_sidebar_notice_is_the_story() -> None:
    texts = body_texts(blog_page(NOTICE))
    assert all(text in texts for text in POST)
    assert not any(line in texts for line in NOTICE)


def test_a_post_that_outweighs_the_sidebar_is_kept_as_before() -> None:
    texts = body_texts(blog_page(NOTICE[:1]))
    assert all(text in texts for text in POST)
    assert NOTICE[0] not in texts


def test_the_check_is_linear_on_a_large_page() -> None:
    # ~210 KB: a deep sidebar full of paragraphs, so that the check runs over all of them.
    sidebar = "<div>" * 40 + f"<p>{NOTICE[0]}</p>" + "</div>" * 40
    html = blog_page(NOTICE).replace("<h4>About this site</h4>", sidebar * 400)
    start = time.perf_counter()
    texts = body_texts(html)
    assert time.perf_counter() - start < 5.0
    assert texts


def aside_page(aside_paragraphs: str, headline: str = "The quarry path is open again") -> str:
    story = "".join(f"<p>{text}</p>" for text in POST)
    return (
        "<!doctype html><html><head><title>The quarry path is open again</title></head><body>"
        f"<div><div><h1>{headline}</h1><div>{story}</div></div>"
        f"<aside><h2>About this site</h2>{aside_paragraphs}</aside></div>"
        "</body></html>"
    )


def test_an_aside_with_more_prose_than_the_story_beside_its_headline_is_not_kept() -> None:
    texts = body_texts(aside_page("".join(f"<p>{line}</p>" for line in NOTICE)))
    assert all(text in texts for text in POST)
    assert not any(line in texts for line in NOTICE)


def test_an_aside_that_holds_the_headline_is_the_story() -> None:
    story = "".join(f"<p>{text}</p>" for text in POST + NOTICE)
    html = (
        "<!doctype html><html><head><title>The quarry path is open again</title></head><body>"
        "<div><p><a href='/'>Home</a></p><aside><h1>The quarry path is open again</h1>"
        f"{story}</aside></div></body></html>"
    )
    texts = body_texts(html)
    assert all(text in texts for text in POST + NOTICE)
