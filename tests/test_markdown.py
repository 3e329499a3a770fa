"""Markdown to blocks: structure kept, inline markup dropped, front matter read."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import BlockKind, Metadata
from core.sources import markdown as markdown_module
from core.sources.markdown import parse_markdown

K = BlockKind

DOCUMENT = """\
# Biden *eases* limits

Biden **authorized** strikes with [American](https://example.com) munitions and `ATACMS`.
The decision came on Thursday.

![Biden at the White House](biden.jpg "Biden")

## Reaction

1. Kyiv welcomed it
2. Moscow did not
   - the Kremlin warned
   - analysts doubted

- a bullet

> “We adapt,” Blinken said.
> He spoke in Moldova.

```python
x = 1
    y = 2
```

    indented code

| Country | Position |
|---------|----------|
| France  | *Supports* |
| Germany | Supports |

<div class="ad"><p>Sponsored <b>content</b></p><script>track();</script><style>p{}</style></div>

Setext heading
--------------
"""


def test_doctests() -> None:
    assert doctest.testmod(markdown_module).failed == 0


def test_document_structure() -> None:
    blocks, metadata = parse_markdown(DOCUMENT)
    assert metadata == Metadata()
    assert [(b.kind, b.text, b.level, b.origin.line) for b in blocks] == [
        (K.HEADING, "Biden eases limits", 1, 1),
        (K.PARAGRAPH, "Biden authorized strikes with American munitions and ATACMS. "
                      "The decision came on Thursday.", 0, 3),
        (K.CAPTION, "Biden at the White House", 0, 6),
        (K.HEADING, "Reaction", 2, 8),
        (K.LIST_ITEM, "1. Kyiv welcomed it", 0, 10),
        (K.LIST_ITEM, "2. Moscow did not", 0, 11),
        (K.LIST_ITEM, "the Kremlin warned", 0, 12),
        (K.LIST_ITEM, "analysts doubted", 0, 13),
        (K.LIST_ITEM, "a bullet", 0, 15),
        (K.QUOTE, "“We adapt,” Blinken said. He spoke in Moldova.", 0, 17),
        (K.CODE, "x = 1\n    y = 2", 0, 20),
        (K.CODE, "indented code", 0, 25),
        (K.TABLE_ROW, "Country | Position", 0, 27),
        (K.TABLE_ROW, "France | Supports", 0, 29),
        (K.TABLE_ROW, "Germany | Supports", 0, 30),
        (K.PARAGRAPH, "Sponsored content", 0, 32),
        (K.HEADING, "Setext heading", 2, 34),
    ]


def test_image_with_empty_alt_gives_no_caption() -> None:
    blocks, _ = parse_markdown("![](pixel.gif)\n\nText.\n")
    assert [(b.kind, b.text) for b in blocks] == [(K.PARAGRAPH, "Text.")]


def test_image_inside_paragraph_gives_paragraph_and_caption() -> None:
    blocks, _ = parse_markdown("Before ![a map](map.png) after.\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (K.PARAGRAPH, "Before after."),
        (K.CAPTION, "a map"),
    ]


def test_inline_html_tags_dropped_and_script_content_removed() -> None:
    blocks, _ = parse_markdown("Some <em>marked</em> text<br>here <script>evil()</script>end.\n")
    assert [b.text for b in blocks] == ["Some marked text here end."]


def test_html_heading_block() -> None:
    blocks, _ = parse_markdown("<h3>From HTML</h3>\n\n<!-- a comment -->\n")
    assert [(b.kind, b.text, b.level) for b in blocks] == [(K.HEADING, "From HTML", 3)]


def test_quote_with_list_and_list_with_quote() -> None:
    blocks, _ = parse_markdown("> - quoted item\n\n- item\n\n  > quote in item\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (K.LIST_ITEM, "quoted item"),
        (K.LIST_ITEM, "item"),
        (K.QUOTE, "quote in item"),
    ]


def test_crlf_input() -> None:
    blocks, _ = parse_markdown("# Title\r\n\r\nLine one\r\nline two\r\n")
    assert [(b.text, b.origin.line) for b in blocks] == [("Title", 1), ("Line one line two", 3)]


# --- front matter ----------------------------------------------------------------


def test_front_matter_metadata_and_line_numbers() -> None:
    source = (
        "---\n"
        'title: "Biden Eases Restrictions"\n'
        "author: Faruk Imamovic\n"
        "date: 2024-05-31\n"
        "description: >\n"
        "  Ukraine may strike\n"
        "  inside Russia.\n"
        "url: https://example.com/story  # canonical\n"
        "site_name: 'Example News'\n"
        "tags: [ukraine, russia]\n"
        "---\n"
        "\n"
        "Body text.\n"
    )
    blocks, metadata = parse_markdown(source)
    assert metadata == Metadata(
        title="Biden Eases Restrictions",
        byline="Faruk Imamovic",
        date="2024-05-31",
        site_name="Example News",
        description="Ukraine may strike inside Russia.",
        url="https://example.com/story",
    )
    assert [(b.kind, b.text, b.origin.line) for b in blocks] == [(K.PARAGRAPH, "Body text.", 13)]


@pytest.mark.parametrize(
    ("authors", "byline"),
    [
        ("authors:\n  - Jane Doe\n  - John Roe\n", "Jane Doe, John Roe"),
        ("authors: [Jane Doe, 'John Roe']\n", "Jane Doe, John Roe"),
        ("author:\n  name: Jane Doe\n  email: jane@example.com\n", "Jane Doe"),
        ("byline: By Jane Doe\n", "By Jane Doe"),
    ],
)
def test_front_matter_authors(authors: str, byline: str) -> None:
    _, metadata = parse_markdown(f"---\ntitle: T\n{authors}---\nText\n")
    assert metadata.byline == byline


def test_thematic_break_is_not_front_matter() -> None:
    source = "---\nJust a line\n---\n\nText.\n"
    blocks, metadata = parse_markdown(source)
    assert metadata == Metadata()
    assert [(b.kind, b.text) for b in blocks] == [
        (K.HEADING, "Just a line"),
        (K.PARAGRAPH, "Text."),
    ]


def test_unclosed_front_matter_is_text() -> None:
    blocks, metadata = parse_markdown("---\ntitle: x\n\nText.\n")
    assert metadata == Metadata()
    assert blocks[-1].text == "Text."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab #*-_>`|![]()<>/:\n1.", "---\n", "title: x\n"]),
                max_size=80).map("".join))
def test_never_raises_and_blocks_are_stripped(source: str) -> None:
    blocks, _ = parse_markdown(source)
    for block in blocks:
        assert block.text
        assert block.kind is K.CODE or block.text == block.text.strip()
        assert block.origin.line is None or block.origin.line >= 1
