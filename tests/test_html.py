"""HTML loading: structure, metadata, clutter evidence and main-content detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.model import Block, BlockKind
from core.sources.boilerplate import split_credit
from core.sources.html import parse_html

DATA = Path(__file__).parent / "data"
AEB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "aeb-dev"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def kept(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if b.clutter is None]


def by_text(blocks: list[Block], text: str) -> Block:
    return next(b for b in blocks if b.text == text)


def test_structure_kinds() -> None:
    blocks, _ = parse_html(
        page(
            "<h1>Title</h1><h3>Sub</h3><p>Para <b>bold</b> text.</p>"
            "<ul><li>one</li><li>two</li></ul><blockquote><p>Said so.</p></blockquote>"
            "<pre>a  b\n  c</pre>"
        )
    )
    got = [(b.kind, b.text, b.level) for b in blocks]
    assert got == [
        (BlockKind.HEADING, "Title", 1),
        (BlockKind.HEADING, "Sub", 3),
        (BlockKind.PARAGRAPH, "Para bold text.", 0),
        (BlockKind.LIST_ITEM, "one", 0),
        (BlockKind.LIST_ITEM, "two", 0),
        (BlockKind.QUOTE, "Said so.", 0),
        (BlockKind.CODE, "a  b\n  c", 0),
    ]


def test_whitespace_collapsed_and_paths() -> None:
    blocks, _ = parse_html(page("<div><p>a\n   b</p><p>c</p></div><div><p>d</p></div>"))
    assert [b.text for b in blocks] == ["a b", "c", "d"]
    paths = [b.origin.path for b in blocks]
    assert paths == ["body/div[1]/p[1]", "body/div[1]/p[2]", "body/div[2]/p"]


def test_div_text_and_br_split() -> None:
    blocks, _ = parse_html(page("<div>First part<br><br>Second part<br>Third <i>part</i></div>"))
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "First part"),
        (BlockKind.PARAGRAPH, "Second part"),
        (BlockKind.PARAGRAPH, "Third part"),
    ]


def test_text_beside_child_blocks_in_a_div() -> None:
    blocks, _ = parse_html(page("<div>Before<p>Inside</p>After</div>"))
    assert [b.text for b in blocks] == ["Before", "Inside", "After"]


def test_figure_caption_and_credits() -> None:
    blocks, _ = parse_html(
        page(
            "<figure><img src=a.jpg><figcaption>The mayor speaks. Photo: Jane Doe/AP"
            "</figcaption></figure>"
            "<figure><figcaption>A crowd.<span class='credit'>Getty Images</span>"
            "</figcaption></figure>"
        )
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.CAPTION, "The mayor speaks."),
        (BlockKind.CREDIT, "Photo: Jane Doe/AP"),
        (BlockKind.CAPTION, "A crowd."),
        (BlockKind.CREDIT, "Getty Images"),
    ]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Fans cheer. (AP Photo/Evan Vucci)", ("Fans cheer.", "(AP Photo/Evan Vucci)")),
        ("Dawn over the bay. © Getty Images", ("Dawn over the bay.", "© Getty Images")),
        ("Rain in town. John Smith/Reuters", ("Rain in town.", "John Smith/Reuters")),
        ("Nothing to split here.", ("Nothing to split here.", None)),
    ],
)
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(caption) == expected


def test_table_rows() -> None:
    blocks, _ = parse_html(
        page("<table><caption>Results</caption><tr><th>Team</th><th>Score</th></tr>"
             "<tr><td>Reds</td><td><p>3</p></td></tr></table>")
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.CAPTION, "Results"),
        (BlockKind.TABLE_ROW, "Team | Score"),
        (BlockKind.TABLE_ROW, "Reds | 3"),
    ]


def test_layout_table_is_read_as_prose() -> None:
    long = "word " * 100
    blocks, _ = parse_html(page(f"<table><tr><td><p>{long}</p><p>Next.</p></td></tr></table>"))
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_byline_and_dateline() -> None:
    blocks, _ = parse_html(
        page("<p>By <a rel='author' href='/x'>Ann Lee</a></p><div class='byline'>Bo Wu</div>"
             "<p><time datetime='2024-01-01'>1 Jan 2024</time></p>")
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.BYLINE, "By Ann Lee"),
        (BlockKind.BYLINE, "Bo Wu"),
        (BlockKind.DATELINE, "1 Jan 2024"),
    ]


def test_link_density() -> None:
    blocks, _ = parse_html(page("<p><a href='#'>abcd</a>efgh</p>"))
    assert blocks[0].link_density == pytest.approx(0.5)


def test_script_style_and_controls_never_in_text() -> None:
    html = page(
        "<p>Visible<script>var secret = 1;</script></p><style>.x{color:red}</style>"
        "<template><p>tmpl</p></template><noscript>ns</noscript><iframe>frame</iframe>"
        "<form><input value=v><button>Send</button></form><svg><text>svg</text></svg>"
        "<select><option>opt</option></select><!-- a comment -->",
        head="<script>var head = 2;</script>",
    )
    blocks, _ = parse_html(html)
    assert [b.text for b in blocks] == ["Visible"]


def test_form_wrapping_the_whole_page_is_read() -> None:
    paragraphs = "".join(f"<p>Paragraph number {n} of the story.</p>" for n in range(4))
    blocks, _ = parse_html(page(f"<form method=post><h1>Headline</h1>{paragraphs}</form>"))
    assert len(blocks) == 5


def test_metadata_from_opengraph_and_meta() -> None:
    head = (
        "<title>Story title here | Daily Site</title>"
        "<meta property='og:title' content='Story title here'>"
        "<meta property='og:site_name' content='Daily Site'>"
        "<meta property='og:description' content='What happened.'>"
        "<meta property='og:url' content='https://site.example/story'>"
        "<meta property='article:published_time' content='2024-05-06'>"
        "<meta name='author' content='Ann Lee'>"
    )
    _, meta = parse_html(page("<p>x</p>", head))
    assert meta.title == "Story title here"
    assert meta.site_name == "Daily Site"
    assert meta.description == "What happened."
    assert meta.url == "https://site.example/story"
    assert meta.date == "2024-05-06"
    assert meta.byline == "Ann Lee"


def test_metadata_from_json_ld_graph_and_lists() -> None:
    head = (
        "<script type='application/ld+json'>[{\"@graph\": [{\"@type\": \"WebPage\"},"
        "{\"@type\": [\"NewsArticle\"], \"headline\": \"From JSON\", \"datePublished\": "
        "\"2023-02-03\", \"author\": [{\"name\": \"A One\"}, {\"name\": \"B Two\"}],"
        "\"publisher\": {\"name\": \"Pub\"},}]}]</script>"
    )
    _, meta = parse_html(page("<p>x</p>", head))
    assert (meta.title, meta.date, meta.byline, meta.site_name) == (
        "From JSON", "2023-02-03", "A One, B Two", "Pub"
    )


def test_broken_json_ld_is_ignored() -> None:
    head = "<title>Plain title</title><script type='application/ld+json'>{not json</script>"
    _, meta = parse_html(page("<p>x</p>", head))
    assert meta.title == "Plain title"


def test_title_from_h1_and_time_element() -> None:
    head = "<title>Long headline of the day - Site</title>"
    _, meta = parse_html(
        page("<h1>Long headline of the day</h1><time datetime='2022-01-01'>x</time>", head)
    )
    assert meta.title == "Long headline of the day"
    assert meta.date == "2022-01-01"


def test_title_site_suffix_stripped() -> None:
    head = "<title>Budget passes after long night | Metro News</title>"
    _, meta = parse_html(page("<p>x</p>", head))
    assert meta.title == "Budget passes after long night"


@pytest.mark.parametrize(
    ("markup", "evidence"),
    [
        ("<nav><a href='/'>Home</a> <a href='/a'>World</a></nav>", "<nav>"),
        ("<div class='cookie-banner'>We use cookies on this site.</div>", "cookie-banner"),
        ("<div class='share-buttons'>Share this story</div>", "share-buttons"),
        ("<div class='newsletter'>Sign up for our newsletter today.</div>", "newsletter"),
        ("<div class='related-articles'><p>Another story entirely</p></div>", "related"),
        ("<section id='comments'><p>I disagree with this.</p></section>", "comments"),
        ("<footer><p>Copyright 2024 The Site.</p></footer>", "<footer>"),
        ("<div class='ad-container'>Advertisement</div>", "ad-container"),
        ("<div role='navigation'>Skip to menu</div>", "role"),
    ],
)
def test_clutter_classes_flagged_with_evidence(markup: str, evidence: str) -> None:
    story = "".join(f"<p>Story paragraph {n} with enough words to be prose.</p>" for n in range(5))
    blocks, _ = parse_html(page(f"<article><h1>Title</h1>{story}</article>{markup}"))
    flagged = [b for b in blocks if b.clutter]
    assert flagged, "the chrome block must be flagged"
    assert all(evidence in (b.clutter or "") for b in flagged)
    assert len(kept(blocks)) == 6


def test_wrapper_with_chrome_word_does_not_hide_the_story() -> None:
    story = "".join(f"<p>Story paragraph {n} with enough words to be prose.</p>" for n in range(9))
    blocks, _ = parse_html(page(f"<div class='page-with-sidebar'><h1>T</h1>{story}</div>"))
    assert all(b.clutter is None for b in blocks)


def test_social_embed_in_story_is_not_share_buttons() -> None:
    blocks, _ = parse_html(
        page("<div class='social-media-embed'><blockquote class='twitter-tweet'>"
             "<p>A tweet.</p></blockquote></div>")
    )
    assert blocks[0].clutter is None


def test_broken_html_does_not_crash() -> None:
    blocks, _ = parse_html("<html><body><div><p>Open <b>bold<p>Next</div></span><table><tr><td>x")
    assert [b.text for b in blocks][:2] == ["Open bold", "Next"]
    for text in ["", "   ", "<", "plain text only", "<html>", "<p>&#xffffff; &bogus;</p>"]:
        parse_html(text)


def test_deep_nesting_does_not_recurse() -> None:
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "<p>deep text</p>" + "</div>" * depth
    html += "<p>after</p></body></html>"
    blocks, _ = parse_html(html)
    assert [b.text for b in blocks] == ["deep text", "after"]


def test_news_page_main_content_is_exactly_the_story() -> None:
    blocks, meta = parse_html((DATA / "news_page.html").read_text(encoding="utf-8"))
    assert meta.title == "Harbour bridge reopens after two years of repairs"
    assert meta.byline == "Mara Lind"
    assert meta.site_name == "The Coastal Ledger"
    assert kept(blocks) == [
        "Harbour bridge reopens after two years of repairs",
        "By Mara Lind",
        "4 March 2024",
        "The old harbour bridge opened to traffic again on Monday morning, two years after "
        "engineers closed it when cracks were found in its western pier.",
        "About two hundred people walked across the deck before the first buses arrived, many "
        "of them carrying flasks of coffee against the cold wind off the water.",
        "Walkers cross the bridge at dawn on Monday.",
        "Photo: Tom Reyes/Ledger",
        "The repairs cost more than the council had planned, mostly because the steel for the "
        "new bearings had to be made to measure in a foundry up the coast.",
        "What changed",
        "A new western pier with a deeper foundation",
        "Wider footpaths on both sides of the deck",
        "We built it to last another hundred years, and we mean it.",
        "The council says the bridge will be inspected every six months for the first three "
        "years, and that the results will be published on its website each time.",
    ]
    reasons = {b.text: b.clutter for b in blocks}
    assert "cookie" in (reasons["We use cookies to improve your experience. Privacy policy"] or "")
    assert "share" in (reasons["Share on Facebook Share on X Email"] or "")
    assert "comments" in (reasons["Shame about the cost, but it does look good and the new "
                                  "paths are wide."] or "")
    assert "never shown" not in " ".join(b.text for b in blocks)


def test_result_does_not_depend_on_pages_seen_before() -> None:
    text = (DATA / "news_page.html").read_text(encoding="utf-8")
    first = parse_html(text)
    for _ in range(3):
        assert parse_html(text) == first


@pytest.mark.skipif(not AEB.is_dir(), reason="shared evaluation data not present")
def test_benchmark_pages_parse() -> None:
    import gzip

    for path in sorted((AEB / "html").glob("*.html.gz"))[:5]:
        text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        blocks, _ = parse_html(text)
        assert kept(blocks)
