"""HTML page -> ordered blocks with structure, metadata, and clutter evidence.

The page is parsed as a browser parses it (`html_tree`, HTML5), then walked with an
explicit stack (no recursion), so any nesting depth works, in time linear in the page's
size: paths stop growing below `MAX_PATH_DEPTH`, an element passes on at most
`_MAX_CLUTTER` clutter owners, and what a rule needs to know about an element's content
was summed once, bottom-up, by the parser. A page with more than `MAX_ELEMENTS` tags is
refused (`TooComplex`) before it is parsed. Nothing on the page is fetched or run:
scripts, styles and embeds are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from core.model import Block, BlockKind, Metadata, Origin
from core.sources import boilerplate
from core.sources.detect import TooComplex
from core.sources.html_classes import ClassLeaning
from core.sources.html_comments import mark_comment_threads
from core.sources.html_content import mark_by_density
from core.sources.html_meta import extract_metadata, title_of_headings
from core.sources.html_owners import resolve_clutter
from core.sources.html_sections import mark_announced_sections
from core.sources.html_teasers import mark_teaser_lists
from core.sources.html_tree import Element, parse_page, visible_chars

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "thead", "tfoot", "tr", "td", "th", "caption", "ul",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_KIND_OF_TAG = {
    "li": BlockKind.LIST_ITEM, "dt": BlockKind.LIST_ITEM, "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE, "figure": BlockKind.CAPTION,
    "figcaption": BlockKind.CAPTION, "caption": BlockKind.CAPTION, "pre": BlockKind.CODE,
    "address": BlockKind.BYLINE,
}
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"(^|[-_])(byline|author|authors|by-line)($|[-_])", re.IGNORECASE)
_DATE_CLASS = re.compile(r"(^|[-_])(dateline|date|published|timestamp|pubdate)($|[-_])", re.I)
_SPACE = re.compile(r"\s+")
_MAX_LABEL = 150  # a byline or dateline longer than this is a paragraph
_MAX_LABEL_CONTAINER = 400  # visible characters; an element holding more is no label

MAX_ELEMENTS = 200_000
"""Most tags a page may have (news pages have a few thousand); more takes too long to read."""
MAX_PATH_DEPTH = 256
"""Elements nested deeper share their ancestor's path (keeps paths short on hostile pages)."""
_SPLIT_CHARS = 10_000  # a text this short is collapsed by str.split (faster than a pattern)
_MAX_CLUTTER = 16  # clutter owners passed on; deeper ones never decide a block's reason
_START_TAG = re.compile(r"<[A-Za-z]")


class _Context(NamedTuple):
    """What an open element passes on to the text inside it (a tuple: one is made per
    element, and a frozen dataclass costs several times as much to make)."""

    path: str = ""
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    clutter: tuple[tuple[int, str], ...] = ()  # (owner element id, reason), outermost first
    in_article: bool = False
    table: str = ""  # "", "data" (rows become TABLE_ROW) or "cell" (inside a data row)
    depth: int = 0  # segments in path


@dataclass(slots=True)
class _Pending:
    """Inline text gathered for the block being built."""

    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    chars: int = 0
    byline_hint: bool = False
    date_hint: bool = False

    def add(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        visible = visible_chars(text)
        self.chars += visible
        if in_link:
            self.link_chars += visible


@dataclass(slots=True)
class _RawBlock:
    block: Block
    owners: tuple[tuple[int, str], ...]


class _Builder:
    """Collects blocks from the events of one walk over the tree."""

    def __init__(self) -> None:
        self.blocks: list[_RawBlock] = []
        self.pending = _Pending()
        self.line: int | None = None

    def text(self, text: str, in_link: bool, line: int | None) -> None:
        if line is not None and self.line is None and text.strip():
            self.line = line
        self.pending.add(text, in_link)

    def flush(self, context: _Context) -> None:
        pending = self.pending
        if not pending.parts:  # nothing gathered (every element boundary flushes)
            if pending.byline_hint or pending.date_hint:
                self.pending = _Pending()
            return
        self.pending = _Pending()
        line, self.line = self.line, None
        parts = pending.parts
        raw = parts[0] if len(parts) == 1 else "".join(parts)
        if context.kind is BlockKind.CODE:
            text = raw.strip("\n")
            if not text.strip():
                return
        else:
            # = " ".join(raw.split()), without a list of every word of a 10 MB text node
            text = " ".join(raw.split()) if len(raw) <= _SPLIT_CHARS else \
                _SPACE.sub(" ", raw).strip()
            if not text:
                return
        density = pending.link_chars / pending.chars if pending.link_chars else 0.0
        kind = self._kind(context, pending, text)
        origin = Origin(line=line, path=context.path)
        level = context.level if kind is BlockKind.HEADING else 0
        if kind is BlockKind.CAPTION:
            caption, credit = boilerplate.split_credit(text)
            if credit:
                if caption:
                    self._add(Block(kind, caption, origin, 0, None, density), context)
                self._add(Block(BlockKind.CREDIT, credit, origin, 0, None, density), context)
                return
        self._add(Block(kind, text, origin, level, None, round(density, 3) if density else 0.0),
                  context)

    @staticmethod
    def _kind(context: _Context, pending: _Pending, text: str) -> BlockKind:
        if context.table == "data":
            return BlockKind.TABLE_ROW
        short = len(text) <= _MAX_LABEL
        if context.kind is BlockKind.PARAGRAPH and short and pending.byline_hint:
            return BlockKind.BYLINE
        if context.kind is BlockKind.PARAGRAPH and short and pending.date_hint:
            return BlockKind.DATELINE
        if context.kind in (BlockKind.BYLINE, BlockKind.DATELINE) and not short:
            return BlockKind.PARAGRAPH
        return context.kind

    def _add(self, block: Block, context: _Context) -> None:
        self.blocks.append(_RawBlock(block, context.clutter))


def _children_contexts(tag: Element, parent: _Context) -> list[tuple[Element | str, str]] | None:
    """Children with their path segments: ``p[3]`` when several siblings share a name;
    None when all children are text (most paragraphs: the walk reads them at once).

    Below `MAX_PATH_DEPTH` children take their parent's path, so paths stay short.
    """
    children = tag.children
    if len(children) == 1 and isinstance(children[0], str):
        return None  # one text: the commonest paragraph
    totals: dict[str, int] = {}
    for child in children:
        if isinstance(child, Element):
            totals[child.name] = totals.get(child.name, 0) + 1
    if not totals:
        return None
    if parent.depth >= MAX_PATH_DEPTH:
        return [(child, parent.path) for child in tag.children]
    seen: dict[str, int] = {}
    result: list[tuple[Element | str, str]] = []
    for child in tag.children:
        if isinstance(child, Element):
            seen[child.name] = seen.get(child.name, 0) + 1
            segment = child.name if totals[child.name] == 1 else f"{child.name}[{seen[child.name]}]"
            prefix = f"{parent.path}/" if parent.path else ""
            result.append((child, prefix + segment))
        else:
            result.append((child, ""))
    return result


def _is_layout_table(table: Element) -> bool:
    """Tables used for page layout hold other tables or long passages of prose."""
    return table.tables > 0 or table.longest_cell > 400


def _element_clutter(tag: Element, context: _Context) -> str | None:
    if tag.name == "header" and not context.in_article:
        return "site header (<header>)"
    if tag.name == "form":
        return "form (<form>)"  # read all the same: a form may wrap the whole page
    reason = boilerplate.tag_reason(tag.name) or boilerplate.attribute_reason(tag.attrs)
    if reason and reason.startswith("site header") and context.in_article:
        return None
    return reason


_ARTICLE_TAGS = frozenset({"article", "main", "section"})


def _enter(tag: Element, path: str, context: _Context) -> _Context:
    """The context the element gives its content."""
    name = tag.name
    kind, level, table = context.kind, context.level, context.table
    if name in _HEADINGS:
        kind, level = BlockKind.HEADING, _HEADINGS[name]
    elif name == "table":
        table = "" if _is_layout_table(tag) else "data"
        if table == "" and context.table:
            table = context.table
    elif name == "caption":
        kind, table = BlockKind.CAPTION, ""
    elif name in _KIND_OF_TAG and not (name == "figure" and kind is BlockKind.QUOTE):
        kind = _KIND_OF_TAG[name]
    elif name == "p" and kind is BlockKind.LIST_ITEM:
        kind = BlockKind.PARAGRAPH  # paragraphs of a post laid out as a list item
    classes = tag.attrs.get("class") or ""
    if kind is not BlockKind.CODE and classes:
        # A label class on a container of a story's worth of text ("date-outer" around a
        # blog post) names where the post sits, not a byline or date line.
        label = kind is BlockKind.PARAGRAPH and tag.chars <= _MAX_LABEL_CONTAINER
        if _CREDIT_CLASS.search(classes):
            kind = BlockKind.CREDIT
        elif label and _BYLINE_CLASS.search(classes):
            kind = BlockKind.BYLINE
        elif label and _DATE_CLASS.search(classes):
            kind = BlockKind.DATELINE
    reason = _element_clutter(tag, context)
    clutter = context.clutter
    if reason and len(clutter) < _MAX_CLUTTER:
        clutter = (*clutter, (id(tag), reason))
    return _Context(  # positional: path, kind, level, clutter, in_article, table, depth
        path, kind, level, clutter, context.in_article or name in _ARTICLE_TAGS, table,
        context.depth + (path != context.path),
    )


def _is_boundary(tag: Element, context: _Context) -> bool:
    """Does the element start a new block (rather than continue inline text)?"""
    if context.table in ("data", "cell") and tag.name not in {"table", "caption"}:
        return tag.name == "tr"
    if tag.name in _BLOCK:
        return True
    classes = tag.attrs.get("class") or ""
    return bool(classes and _CREDIT_CLASS.search(classes))


@dataclass(slots=True)
class _Frame:
    """An open element during the walk."""

    context: _Context
    children: list[tuple[Element | str, str]] | None  # None: text only
    boundary: bool
    is_link: bool
    index: int = 0


def _walk(root: Element, builder: _Builder) -> None:
    """Depth-first walk with an explicit stack, so nesting depth is unlimited."""
    root_context = _Context(path=root.name)
    stack = [_Frame(root_context, _children_contexts(root, root_context) or [
        (child, "") for child in root.children], False, False)]
    links = 0
    while stack:
        frame = stack[-1]
        if frame.index >= len(frame.children):
            stack.pop()
            if frame.boundary:
                builder.flush(frame.context)
            links -= frame.is_link
            continue
        child, path = frame.children[frame.index]
        frame.index += 1
        if isinstance(child, str):
            builder.text(child, links > 0, None)
        elif not child.opaque:
            opened = _open(child, path, frame.context, builder)
            if opened is None:
                continue
            if opened.children is None:  # only text inside: read it without a frame
                in_link = links > 0 or opened.is_link
                for text in child.children:
                    builder.text(text, in_link, None)  # type: ignore[arg-type]
                if opened.boundary:
                    builder.flush(opened.context)
            else:
                stack.append(opened)
                links += opened.is_link


def _open(tag: Element, path: str, context: _Context, builder: _Builder) -> _Frame | None:
    """Start an element: flush the block before it if it is a boundary; None for <br>."""
    name = tag.name
    if name == "br":
        if context.table == "cell":
            builder.text(" ", False, None)
        elif context.kind is BlockKind.CODE:
            builder.text("\n", False, None)
        else:
            builder.flush(context)
        return None
    if name in {"td", "th"} and context.table == "data":
        builder.text(" | " if builder.pending.chars else "", False, None)
    elif context.table == "cell" and name in _BLOCK:
        builder.text(" ", False, None)  # paragraphs inside one cell stay apart
    new = _enter(tag, path, context)
    boundary = _is_boundary(tag, context)
    if name == "tr" and context.table == "data":
        boundary = True
    elif name in {"td", "th"} and context.table == "data":
        new = new._replace(table="cell")
    if boundary:
        builder.flush(context)
    rel = tag.attrs.get("rel")
    if rel and "author" in rel.split():
        builder.pending.byline_hint = True
    if name == "time":
        builder.pending.date_hint = True
    return _Frame(new, _children_contexts(tag, new), boundary, name == "a")


def _title_index(raw: list[_RawBlock], title: str | None) -> int | None:
    """The heading that carries the headline: matching the title, else the first h1."""
    key = _SPACE.sub(" ", (title or "")).strip().casefold()
    first_h1 = None
    for index, item in enumerate(raw):
        block = item.block
        if block.kind is not BlockKind.HEADING:
            continue
        text = block.text.casefold()
        if key and (text == key or (len(text) > 20 and (text in key or key in text))):
            return index
        if first_h1 is None and block.level == 1:
            first_h1 = index
    return first_h1


def parse_html(text: str) -> tuple[list[Block], Metadata]:
    """Blocks of an HTML page in source order, with clutter evidence, and its metadata.

    Raises `TooComplex` for a page with more than `MAX_ELEMENTS` tags.
    """
    tags = len(_START_TAG.findall(text))
    if tags > MAX_ELEMENTS:
        raise TooComplex(
            f"too many HTML elements ({tags:,}; the limit is {MAX_ELEMENTS:,})"
        )
    page = parse_page(text)
    builder = _Builder()
    _walk(page.body, builder)
    builder.flush(_Context())
    raw = builder.blocks
    h1 = next(
        (r.block.text for r in raw if r.block.kind is BlockKind.HEADING and r.block.level == 1),
        None,
    )
    metadata = extract_metadata(page, h1)
    if metadata.title:
        headings = (r.block.text for r in raw if r.block.kind is BlockKind.HEADING)
        metadata = replace(metadata, title=title_of_headings(metadata.title, headings))
    title_index = _title_index(raw, metadata.title)
    blocks = resolve_clutter([r.block for r in raw], [r.owners for r in raw], title_index)
    blocks = mark_announced_sections(blocks, title_index)
    blocks = mark_teaser_lists(blocks)
    blocks = mark_comment_threads(blocks, title_index)
    leaning = ClassLeaning(page.body)
    return mark_by_density(blocks, title_index=title_index, leaning=leaning), metadata
