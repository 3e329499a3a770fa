"""A tag with a huge number of attributes: parsed at once, its text kept."""

from __future__ import annotations

import time

from core.sources.html import parse_html
from core.sources.html_attrs import MAX_ATTRIBUTES, bounded_attributes

STORY = ("The council met on Tuesday evening and voted for the new budget after a long "
         "debate about the bridge, the schools and the parks of the city. ") * 3


def _page(attributes: str) -> str:
    return (f"<html><head><title>Council passes the budget</title></head><body>"
            f"<h1>Council passes the budget</h1><p {attributes}>{STORY}</p>"
            f"<p>The mayor said the vote was a good day for the city and its people.</p>"
            f"</body></html>")


def test_a_tag_of_100000_attributes_is_cut_down_and_its_text_kept() -> None:
    html = _page(" ".join(f"data-a{i}='v{i}'" for i in range(100_000)))
    started = time.process_time()
    blocks, _ = parse_html(html)
    assert time.process_time() - started < 5  # half a minute before the bound
    texts = [b.text for b in blocks]
    assert STORY.strip() in texts
    assert "The mayor said the vote was a good day for the city and its people." in texts


def test_the_first_attributes_stay_in_order_and_quoted_values_whole() -> None:
    many = " ".join(f'data-a{i}="x > {i}"' for i in range(MAX_ATTRIBUTES + 50))
    out = bounded_attributes(f'<div class="story" {many}>text</div>')
    assert out.startswith('<div class="story" data-a0="x > 0" data-a1="x > 1"')
    assert out.endswith(f'data-a{MAX_ATTRIBUTES - 2}="x > {MAX_ATTRIBUTES - 2}">text</div>')
    assert out.count("data-a") == MAX_ATTRIBUTES - 1  # the class is one of them


def test_ordinary_tags_are_left_alone() -> None:
    long_value = "x" * 50_000
    html = (f'<img src="a.jpg" srcset="{long_value}" alt="A bridge">'
            + "".join(f'<p class="c{i}" id="p{i}" data-x="{i}">one two</p>' for i in range(2000))
            + '<div ' + " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES)) + ">end</div>")
    assert bounded_attributes(html) is html


def test_quotes_holding_markup_and_raw_text_do_not_hide_or_make_a_long_tag() -> None:
    many = " ".join(f"a{i}='<b>{i}</b>'" for i in range(1000))
    for tag in ("p", "script", "title"):
        out = bounded_attributes(f"<{tag} {many}>x</{tag}>")
        assert out.count("a") <= MAX_ATTRIBUTES + 3, tag
    script = "<script>" + " ".join(f"if (a<b{i} && c) d{i}={i};" for i in range(2000)) + "</script>"
    assert bounded_attributes(script + "<p>text</p>") == script + "<p>text</p>"


def test_hostile_tag_shapes_stay_linear() -> None:
    for html in ("<a " * 40_000, "<a \"" + "x" * 100_000, "<a<a" * 25_000,
                 "<script " + "a='" * 30_000, "<!--" + "-" * 100_000, "<p " + "a=b " * 30_000):
        started = time.process_time()
        bounded_attributes(html)
        assert time.process_time() - started < 1, html[:20]
