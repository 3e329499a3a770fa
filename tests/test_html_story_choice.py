"""Which container holds the story when the page's prose says one thing and its
headline or its element names say another: a short post in a column beside longer
notes, a blog's home page whose headline is the blog's name at the top of a sidebar,
a post made of headings and short lines. Every page here is made up for the test."""

from __future__ import annotations

import time

from core.clean import clean
from core.load import load_text
from core.sources.html import parse_html
from core.sources.html_classes import ASIDE, NEUTRAL, STORY, ClassLeaning
from core.sources.html_tree import parse_page


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def body_texts(html: str) -> list[str]:
    return [b.text for b in clean(load_text(html, name="page.html")).body_blocks()]


def kept(html: str) -> list[str]:
    """Text of the blocks the loader keeps (the headline and its subtitle included)."""
    blocks, _ = parse_html(html)
    return [b.text for b in blocks if b.clutter is None]


POST = [
    "The ferry across the estuary will stop running for three weeks in March, while its "
    "slipway is rebuilt, and the council has promised a minibus round by the bridge instead.",
    "Passengers who hold a season ticket can claim back a third of its price, and cyclists "
    "are asked to allow an extra forty minutes for the longer way round.",
    "The last crossing before the work starts leaves at six on the Friday evening, and the "
    "first after it, if the weather allows, on the morning of the twelfth.",
]
NOTES = [
    "This newsletter is written by volunteers in the villages on both banks of the river "
    "who meet once a month in the back room of the library to decide what goes in and who "
    "will write it and who will take the photographs and who will carry the copies round "
    "to the shops in the week before it comes out",
    "We print four hundred copies of every issue and leave them in the shops and the "
    "surgery and the station and anyone can send us news or photographs or letters by post "
    "or leave them in the box by the library door and we read every one of them before "
    "we decide what will go into the next issue",
]


def column_page() -> str:
    return page(
        "<div id='page'><div class='col'>"
        "<div class='item'><h2>Ferry stops for three weeks</h2>"
        f"<div class='words'>{''.join(f'<p>{p}</p>' for p in POST)}</div></div>"
        f"<div class='box'><h3>About us</h3>{''.join(f'<p>{n}</p>' for n in NOTES)}</div>"
        "</div></div>",
        head="<title>Ferry stops for three weeks</title>",
    )


def test_a_short_post_in_a_column_beside_longer_notes_is_the_story() -> None:
    # The column holds the post and, below it, a box of notes about the site: together
    # they are the page's densest container, but the headline and the best paragraphs
    # sit in the post, and the post holds a fair share of the column's prose.
    html = column_page()
    body = body_texts(html)
    assert all(p in body for p in POST)
    assert not any(n in body for n in NOTES)


PROFILE = (
    "I have written about the valley's footpaths for twenty years, first for the county "
    "paper and then here, walking every one of them in every season, with a notebook, a "
    "map and a dog that has seen more stiles than any dog alive. Before that I taught "
    "geography at the grammar school, which is where I learnt that nobody reads a map "
    "until they are lost. I answer every letter, though sometimes it takes me a month, "
    "and I am always glad to hear about a path that has been ploughed up or blocked."
)
LINES = [
    "Stile by the mill repaired at last.",
    "Bridleway past the quarry still flooded after the rain.",
    "New gate on the ridge path, and it closes properly.",
    "Signpost at the crossroads turned to point the wrong way again.",
    "Three fallen trees cleared from the wood above the church.",
]


def blog_home(headline: str) -> str:
    return page(
        "<div id='outer'>"
        f"<div id='sidebar'>{headline}<p>Notes from the footpaths</p>"
        f"<div class='profile'><p>{PROFILE}</p></div>"
        "<ul><li><a href='/1'>Older notes</a></li><li><a href='/2'>Oldest notes</a></li></ul>"
        "</div>"
        "<div id='main'><h2 class='date-header'>Sunday, 4 March</h2>"
        "<div class='post'><h3>This week on the paths</h3>"
        f"<div class='post-body'>{'<br>'.join(LINES)}</div></div></div>"
        "</div>",
        head="<title>Footpath notes</title>",
    )


def test_a_blogs_name_at_the_top_of_its_sidebar_does_not_make_the_sidebar_the_story() -> None:
    # The headline that matches the page's title is the blog's name, a link home, at
    # the top of the element named "sidebar", above a profile longer than the post; the
    # element named "post" holds the story.
    html = blog_home("<h1><a href='/'>Footpath notes</a></h1>")
    body = body_texts(html)
    assert all(line in body for line in LINES)
    assert PROFILE not in body


def test_an_unlinked_headline_keeps_the_container_named_as_furniture() -> None:
    # A headline that is not a link is the story's: the sidebar it sits in holds the
    # story (templates misname containers), whatever an element named "post" elsewhere holds.
    html = blog_home("<h1>Footpath notes</h1>")
    body = body_texts(html)
    assert PROFILE in body


CREDITS = [
    "Editor: Ann Example", "Photographs: Ben Example", "Design: Cas Example",
    "Printed by the Valley Press",
]
NOTE = ("Every issue is put together in the back room of the library on the first "
        "Monday of the month.")


def headings_page() -> str:
    return page(
        "<div id='container'><div id='content-box'>"
        "<div id='content'><div class='post entry'>"
        "<div class='headline'><h1>The spring issue</h1></div>"
        f"<div class='entry-content'>{''.join(f'<h3>{c}</h3>' for c in CREDITS)}"
        f"<p>{NOTE}</p></div></div></div>"
        f"<div id='sidebar'><ul><li><h2>About</h2><p>{PROFILE}</p></li>"
        "<li><h2>Elsewhere</h2><p><a href='/x'>Another site</a></p></li></ul></div>"
        "</div></div>",
        head="<title>The spring issue</title>",
    )


def test_a_post_made_of_headings_beside_a_sidebar_of_paragraphs_is_the_story() -> None:
    # The post is a list of credits set as headings, so the sidebar's "about" paragraph
    # is the page's longest prose; the element names tell the post from the sidebar.
    html = headings_page()
    body = kept(html)
    assert all(c in body for c in CREDITS)
    assert NOTE in body
    assert PROFILE not in body


def test_element_names_are_read_for_block_paths() -> None:
    html = page(
        "<div id='main'><div class='post'><p>one</p><p>two</p></div></div>"
        "<div class='sidebar widget-content'><p>side</p></div><div id='comments'><p>c</p>"
        "</div><div class='widget Blog'><p>post in a widget</p></div>"
    )
    blocks, _ = parse_html(html)
    leaning = ClassLeaning(parse_page(html).body)
    by_text = {b.text: leaning.leaning(b.origin.path) for b in blocks}
    assert by_text["one"] == STORY and by_text["two"] == STORY
    assert by_text["side"] == NEUTRAL  # both kinds of name: no evidence either way
    assert by_text["c"] == ASIDE
    assert by_text["post in a widget"] == STORY  # page builders put posts in widgets
    for block in blocks:
        element = leaning.element(block.origin.path)
        assert element is not None
        assert block.origin.path.rsplit("/", 1)[-1].startswith(element.name)


def test_element_names_of_a_hundred_thousand_siblings_are_read_in_linear_time() -> None:
    items = "".join(f"<li class='item'><p>entry {n}</p></li>" for n in range(100_000))
    html = page(f"<div id='sidebar'><ul>{items}</ul></div>")
    body = parse_page(html).body
    paths = [f"body/div/ul/li[{n}]/p" for n in range(1, 100_001)]
    start = time.process_time()
    leaning = ClassLeaning(body)
    assert all(leaning.leaning(path) == ASIDE for path in paths)
    assert time.process_time() - start < 5.0


def test_the_header_of_a_section_is_the_storys_not_the_sites() -> None:
    # HTML5 gives a <header> inside a <section> to that section (no banner role): its
    # headline and standfirst are the story's, while the page's own <header> is chrome,
    # even when the page's title matches neither headline and the site's name comes first.
    html = page(
        "<div id='top'><a href='/'><h1>Valley Weekly</h1></a></div>"
        "<header><p>The news of the valley, every Thursday</p></header>"
        "<div id='page'><section class='feature'><header><h1>The ferry stops in March</h1>"
        "<h2>Three weeks without a crossing</h2></header>"
        f"{''.join(f'<p>{p}</p>' for p in POST)}</section></div>",
        head="<title>Ferry timetable changes | Valley Weekly</title>",
    )
    texts = kept(html)
    assert "The ferry stops in March" in texts
    assert "Three weeks without a crossing" in texts
    assert all(p in texts for p in POST)
    assert "The news of the valley, every Thursday" not in texts


def test_a_short_post_set_in_a_div_with_line_breaks_is_found_beside_notes() -> None:
    # The post's paragraphs are text straight in a <div>, parted by <br>: they count as
    # the post's paragraphs when the notes beside it are set in <p>.
    html = page(
        "<div id='page'><div class='col'>"
        "<div class='item'><h2>Ferry stops for three weeks</h2>"
        f"<div class='words'>{'<br><br>'.join(POST)}</div></div>"
        f"<div class='box'><h3>About us</h3>{''.join(f'<p>{n}</p>' for n in NOTES)}</div>"
        "</div></div>",
        head="<title>Ferry stops for three weeks</title>",
    )
    body = body_texts(html)
    assert all(p in body for p in POST)
    assert not any(n in body for n in NOTES)


def test_the_part_of_the_page_title_that_is_the_posts_heading_is_the_title() -> None:
    # Blog templates title a post page "Blog name: Post title"; the post's heading gives
    # the part that is the headline, which then is not repeated as the story's first line.
    story = "".join(f"<p>{p}</p>" for p in POST)
    html = page(
        "<div id='header'><p><a href='/'>Footpath notes</a></p></div>"
        f"<div class='post'><h3>The ferry stops in March</h3>{story}</div>",
        head="<title>Footpath notes: The ferry stops in March</title>",
    )
    _, metadata = parse_html(html)
    assert metadata.title == "The ferry stops in March"
    cleaned = clean(load_text(html, name="page.html"))
    assert cleaned.title == "The ferry stops in March"
    assert [b.text for b in cleaned.body_blocks()] == POST


def test_a_page_title_with_no_part_among_the_headings_stays_whole() -> None:
    html = page(
        f"<div class='post'><h3>Notes from the week</h3>{''.join(f'<p>{p}</p>' for p in POST)}"
        "</div>",
        head="<title>Footpath notes: The ferry stops in March</title>",
    )
    _, metadata = parse_html(html)
    assert metadata.title == "Footpath notes: The ferry stops in March"
