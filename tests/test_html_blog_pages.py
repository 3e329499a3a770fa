"""Old blog and news pages (sidebars, blogrolls, teaser lists, reader comments without a
comment class): the story is found by the page's structure, not its class names.
Every page here is made up for the test."""

from __future__ import annotations

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
