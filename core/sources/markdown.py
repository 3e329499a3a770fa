"""Markdown to blocks, through markdown-it-py's token stream.

Structure is kept (headings with their level, list items, quotes, code, table rows,
image alt text as captions); inline markup is dropped, leaving its text. YAML front
matter is read by simple line rules into `Metadata` (no YAML dependency) and replaced by
blank lines before parsing, so token line numbers stay those of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from core.model import Block, BlockKind, Metadata, Origin

__all__ = ["parse_markdown"]


# --- front matter ----------------------------------------------------------------

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$")
_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "byline": ("author", "authors", "byline", "by", "creator"),
    "date": ("date", "published", "pubdate", "published_at", "publish_date", "created"),
    "site_name": ("site_name", "site", "publisher", "publication", "source"),
    "description": ("description", "summary", "excerpt", "subtitle", "dek"),
    "url": ("url", "link", "canonical", "canonical_url", "permalink", "source_url"),
}


def _scalar(value: str) -> str:
    """A YAML scalar's text: quotes removed, inline lists joined, comments dropped."""
    value = value.strip()
    if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) >= 2:
        return value[1:-1]
    value = re.sub(r"\s+#.*$", "", value)
    if value.startswith("[") and value.endswith("]"):
        items = [_scalar(item) for item in value[1:-1].split(",")]
        return ", ".join(item for item in items if item)
    return value


def _front_matter_fields(lines: Sequence[str]) -> dict[str, str] | None:
    """Top-level ``key: value`` pairs; None when the lines are not YAML-like at all.

    A key with an empty value takes its indented lines: ``- item`` lines are joined
    with commas, ``name:`` wins in a mapping, and ``>``/``|`` block scalars are joined.
    """
    fields: dict[str, str] = {}
    key: str | None = None
    nested: list[str] = []

    def close() -> None:
        if key is not None and nested and not fields.get(key):
            items = [line.strip() for line in nested]
            listed = [_scalar(item[1:]) for item in items if item.startswith("- ")]
            named = [_scalar(m.group(2) or "") for item in items
                     if (m := _KEY_LINE.match(item)) and m.group(1).lower() == "name"]
            if listed:
                fields[key] = ", ".join(listed)
            elif named:
                fields[key] = named[0]
            elif not any(_KEY_LINE.match(item) for item in items):
                fields[key] = " ".join(items)

    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1].isspace() or line.startswith("- "):
            if key is None:
                return None
            nested.append(line)
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            return None
        close()
        key, nested = match.group(1).lower(), []
        value = match.group(2) or ""
        fields[key] = "" if value.strip() in {">", "|", ">-", "|-"} else _scalar(value)
    close()
    return fields or None


def _split_front_matter(text: str) -> tuple[Metadata, str]:
    """Metadata from front matter, and the text with those lines blanked out."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Metadata(), text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
    if end is None:
        return Metadata(), text
    fields = _front_matter_fields(lines[1:end])
    if fields is None:
        return Metadata(), text  # a thematic break, not front matter
    values = {
        name: next((fields[key] for key in keys if fields.get(key)), None)
        for name, keys in _FIELDS.items()
    }
    return Metadata(**values), "\n" * (end + 1) + "\n".join(lines[end + 1 :])


# --- inline text -----------------------------------------------------------------

_RAW_TEXT_OPEN = re.compile(r"^<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_CLOSE = re.compile(r"^</(script|style)\s*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def _inline_text(children: Sequence[Token]) -> tuple[str, list[str]]:
    """Plain text of an inline token's children, and the alt texts of its images.

    Emphasis, links and inline HTML tags go; their text stays. Whitespace runs and line
    breaks become single spaces (markdown does not keep them); the content of inline
    ``<script>``/``<style>`` is dropped.
    """
    parts: list[str] = []
    alts: list[str] = []
    in_raw = False
    for child in children:
        if child.type == "html_inline":
            if _RAW_TEXT_OPEN.match(child.content):
                in_raw = True
            elif _RAW_TEXT_CLOSE.match(child.content):
                in_raw = False
            elif _BREAK_TAG.match(child.content):
                parts.append(" ")
            continue
        if in_raw:
            continue
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "image":
            alt = child.content.strip()
            if alt:
                alts.append(alt)
    return " ".join("".join(parts).split()), alts


# --- HTML blocks -----------------------------------------------------------------

_HTML_KINDS = {
    **{f"h{n}": BlockKind.HEADING for n in range(1, 7)},
    "blockquote": BlockKind.QUOTE,
    "figure": BlockKind.CAPTION,
    "figcaption": BlockKind.CAPTION,
    "li": BlockKind.LIST_ITEM,
    "ul": BlockKind.LIST_ITEM,
    "ol": BlockKind.LIST_ITEM,
    "pre": BlockKind.CODE,
}


_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})


class _HtmlText(HTMLParser):
    """Text of an HTML fragment, without a tree: linear whatever its nesting (a tree of
    100,000 nested ``<div>`` takes a tree builder minutes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.first: str = ""
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.first = self.first or tag
        if tag in _SKIPPED_TAGS:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_block(content: str) -> tuple[BlockKind, int, str]:
    """Kind, heading level and tag-free text of a raw HTML block (no script/style text)."""
    parser = _HtmlText()
    parser.feed(content)
    parser.close()
    name = parser.first
    kind = _HTML_KINDS.get(name, BlockKind.PARAGRAPH)
    level = int(name[1]) if kind is BlockKind.HEADING else 0
    return kind, level, " ".join(" ".join(parser.parts).split())


# --- token walk ------------------------------------------------------------------


@dataclass
class _Walk:
    """State while walking the token stream: open containers, the pending list mark."""

    containers: list[str] = field(default_factory=list)
    item_prefix: str | None = None
    row: list[str] = field(default_factory=list)
    row_line: int | None = None


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _paragraph_kind(walk: _Walk) -> BlockKind:
    for container in reversed(walk.containers):
        if container == "list_item":
            return BlockKind.LIST_ITEM
        if container == "blockquote":
            return BlockKind.QUOTE
    return BlockKind.PARAGRAPH


def _blocks(tokens: Sequence[Token]) -> Iterator[Block]:
    walk = _Walk()
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in {"blockquote_open", "list_item_open"}:
            walk.containers.append(kind.removesuffix("_open"))
            if kind == "list_item_open":
                # Ordered items keep their number, as plain text does; bullets go.
                walk.item_prefix = f"{token.info}{token.markup} " if token.info else ""
        elif kind in {"blockquote_close", "list_item_close"}:
            walk.containers.pop()
            walk.item_prefix = None
        elif kind == "inline":
            yield from _inline_blocks(tokens[index - 1] if index else token, token, walk)
        elif kind in {"fence", "code_block"}:
            code = token.content.rstrip("\n")
            if code.strip():  # an empty fence ("```" alone) is no block
                yield Block(BlockKind.CODE, code, Origin(line=_line(token)))
        elif kind == "html_block":
            html_kind, level, text = _html_block(token.content)
            if text:
                yield Block(html_kind, text, Origin(line=_line(token)), level=level)
        elif kind == "tr_open":
            walk.row, walk.row_line = [], _line(token)
        elif kind == "tr_close":
            if any(walk.row):
                yield Block(BlockKind.TABLE_ROW, " | ".join(walk.row), Origin(line=walk.row_line))
            walk.row = []


def _inline_blocks(opener: Token, inline: Token, walk: _Walk) -> Iterator[Block]:
    """Blocks for one inline token, given the block token that opened it."""
    text, alts = _inline_text(inline.children or [])
    origin = Origin(line=_line(inline))
    if opener.type in {"th_open", "td_open"}:
        walk.row.append(text)
        return
    if opener.type == "heading_open":
        if text:
            yield Block(BlockKind.HEADING, text, origin, level=int(opener.tag[1]))
    elif text:
        kind = _paragraph_kind(walk)
        if kind is BlockKind.LIST_ITEM and walk.item_prefix is not None:
            text, walk.item_prefix = walk.item_prefix + text, None
        yield Block(kind, text, origin)
    for alt in alts:
        yield Block(BlockKind.CAPTION, alt, origin)


_MANY_BRACKETS = 500
_BARE_BRACKET = re.compile(r"(?<!\\)\[")
_CODE_MARKS = re.compile(r"^(?: {4}|\t| {0,3}(?:```|~~~))", re.MULTILINE)


def _defuse_brackets(text: str) -> str:
    """``text`` with the ``[`` of bracket-heavy paragraphs escaped (shown the same).

    markdown-it looks for the end of a link label from every ``[`` of a paragraph, which
    is quadratic: 100,000 ``[`` take minutes. A paragraph with hundreds of them is no
    prose with links; escaped, its brackets stay text. Code is left alone.
    """
    if text.count("[") < _MANY_BRACKETS:
        return text
    chunks = re.split(r"(\n[ \t]*\n)", text)
    for i, chunk in enumerate(chunks):
        if chunk.count("[") >= _MANY_BRACKETS and not _CODE_MARKS.search(chunk):
            chunks[i] = _BARE_BRACKET.sub(r"\\[", chunk)
    return "".join(chunks)


MAX_NESTING = 1_000
"""Container levels markdown-it opens before it skips the rest of a container (its
commonmark preset says 20: a quote 25 levels deep lost its text). Its parser does not
recurse per level, and the cuts below keep the levels far under this."""
_INDENT_KEPT = 256
"""Leading blanks kept on a line: a list nested by indentation stays under 130 levels."""
_MARKERS_KEPT = 16
"""Leading quote and list markers kept on a line (a list item is two levels)."""
_MARKER = r"(?:>[ \t]*|[-*+][ \t]+|\d{1,9}[.)][ \t]+)"
_DEEP_MARKERS = re.compile(rf"^([ \t]{{0,3}}{_MARKER}{{{_MARKERS_KEPT}}}){_MARKER}+", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^([ \t]{{{_INDENT_KEPT}}})[ \t]+", re.MULTILINE)


def _flatten_markers(text: str) -> str:
    """``text`` with lines opening more than `_MARKERS_KEPT` quotes or lists cut down to
    that many, and indentation to `_INDENT_KEPT` blanks: 100,000 ``>`` are one quote of
    the words after them, not a tree that deep. (Each marker starts with its own kind of
    character, so the patterns cannot backtrack.)"""
    return _DEEP_INDENT.sub(r"\1", _DEEP_MARKERS.sub(r"\1", text))


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.options["maxNesting"] = MAX_NESTING
    return parser


def parse_markdown(text: str) -> tuple[list[Block], Metadata]:
    """Blocks and front-matter metadata of a markdown document.

    >>> blocks, meta = parse_markdown("---\\ntitle: T\\n---\\n# Head\\n\\nSome *text*.\\n")
    >>> meta.title, [(b.kind.value, b.text, b.origin.line) for b in blocks]
    ('T', [('heading', 'Head', 4), ('paragraph', 'Some text.', 6)])
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    metadata, body = _split_front_matter(text)
    body = _flatten_markers(_defuse_brackets(body))
    return list(_blocks(_parser().parse(body))), metadata
