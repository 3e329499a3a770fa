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
from dataclasses import replace
from typing import NamedTuple

from core.model import Block, BlockKind, Metadata, new_block, new_origin
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
    """What an open element passes on to the text inside it (a tuple: an element that
    changes none of it passes its own context on; its path travels beside it)."""

    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    clutter: tuple[tuple[int, str], ...] = ()  # (owner element id, reason), outermost first
    in_article: bool = False
    table: str = ""  # "", "data" (rows become TABLE_ROW) or "cell" (inside a data row)


class _Builder:
    """Collects blocks from the events of one walk over the tree: the inline text
    gathered for the block being built, and the blocks made so far with the clutter
    owners around each."""

    __slots__ = ("blocks", "byline_hint", "chars", "date_hint", "known", "link_chars", "owners",
                 "parts")

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.owners: list[tuple[tuple[int, str], ...]] = []
        self.parts: list[str] = []
        self.chars = 0  # visible characters gathered
        self.link_chars = 0  # ... of them inside links
        self.byline_hint = False
        self.date_hint = False
        self.known: dict[tuple[object, ...], tuple[_Context, _Context]] = {}  # see `_enter`

    def text(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        visible = visible_chars(text)
        self.chars += visible
        if in_link:
            self.link_chars += visible

    def flush(self, context: _Context, path: str) -> None:
        parts = self.parts
        if not parts:  # nothing gathered (every element boundary flushes)
            self.byline_hint = self.date_hint = False
            return
        byline_hint, date_hint = self.byline_hint, self.date_hint
        chars, link_chars = self.chars, self.link_chars
        self.parts = []
        self.chars = self.link_chars = 0
        self.byline_hint = self.date_hint = False
        raw = parts[0] if len(parts) == 1 else "".join(parts)
        kind = context.kind
        if kind is _CODE:
            text = raw.strip("\n")
            if not text.strip():
                return
        else:
            # = " ".join(raw.split()), without a list of every word of a 10 MB text node
            text = " ".join(raw.split()) if len(raw) <= _SPLIT_CHARS else \
                _SPACE.sub(" ", raw).strip()
            if not text:
                return
        density = link_chars / chars if link_chars else 0.0
        if context.table == "data":
            kind = BlockKind.TABLE_ROW
        elif kind is _PARAGRAPH:
            if len(text) <= _MAX_LABEL and (byline_hint or date_hint):
                kind = BlockKind.BYLINE if byline_hint else BlockKind.DATELINE
        elif kind in _LABEL_KINDS and len(text) > _MAX_LABEL:
            kind = _PARAGRAPH
        origin = new_origin(None, path)
        if kind is _CAPTION:
            caption, credit = boilerplate.split_credit(text)
            if credit:
                if caption:
                    self._add(new_block(kind, caption, origin, 0, None, density), context)
                self._add(new_block(BlockKind.CREDIT, credit, origin, 0, None, density), context)
                return
        level = context.level if kind is _HEADING else 0
        self.blocks.append(
            new_block(kind, text, origin, level, None, round(density, 3) if density else 0.0))
        self.owners.append(context.clutter)

    def _add(self, block: Block, context: _Context) -> None:
        self.blocks.append(block)
        self.owners.append(context.clutter)


_CODE, _PARAGRAPH, _CAPTION, _HEADING = (
    BlockKind.CODE, BlockKind.PARAGRAPH, BlockKind.CAPTION, BlockKind.HEADING)
_LABEL_KINDS = (BlockKind.BYLINE, BlockKind.DATELINE)


def _children_paths(
    tag: Element, path: str, depth: int
) -> list[tuple[Element | str, str]] | None:
    """Children with their path segments: ``p[3]`` when several siblings share a name;
    None when all children are text (most paragraphs: the walk reads them at once).

    Below `MAX_PATH_DEPTH` children take their parent's path, so paths stay short.
    """
    children = tag.children
    if len(children) == 1 and children[0].__class__ is str:
        return None  # one text: the commonest paragraph
    totals: dict[str, int] = {}
    for child in children:
        if child.__class__ is not str:
            name = child.name  # type: ignore[union-attr]
            totals[name] = totals.get(name, 0) + 1
    if not totals:
        return None
    if depth >= MAX_PATH_DEPTH:
        return [(child, path) for child in children]
    seen: dict[str, int] = {}
    result: list[tuple[Element | str, str]] = []
    prefix = f"{path}/" if path else ""
    for child in children:
        if child.__class__ is not str:
            name = child.name  # type: ignore[union-attr]
            if totals[name] == 1:
                result.append((child, prefix + name))
            else:
                seen[name] = number = seen.get(name, 0) + 1
                result.append((child, f"{prefix}{name}[{number}]"))
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
# Names that change what an element passes on, whatever its attributes ("p" only in a
# list item); an element of another name with none of `_RELEVANT_ATTRIBUTES` passes its
# context on as it is.
_SPECIAL_TAGS = frozenset(
    {*_HEADINGS, *_KIND_OF_TAG, *boilerplate.TAG_REASONS, "table", "caption", "header",
     "form", "p"}
)
_RELEVANT_ATTRIBUTES = boilerplate.RELEVANT_ATTRIBUTES  # those `_enter` reads too


def _enter(tag: Element, context: _Context, known: dict[tuple[object, ...], tuple[
        _Context, _Context]]) -> _Context:
    """The context the element gives its content. ``known``: contexts already worked out
    on this page, by what decides them (pages repeat their tags and class names)."""
    name = tag.name
    attrs = tag.attrs
    if (name not in _SPECIAL_TAGS or (name == "p" and context.kind is not BlockKind.LIST_ITEM)) \
            and (not attrs or _RELEVANT_ATTRIBUTES.isdisjoint(attrs)):
        if name in _ARTICLE_TAGS and not context.in_article:
            return context._replace(in_article=True)
        return context
    # Without a table (its own content decides it) or an id (seldom repeated), the new
    # context follows from the name, the context, the label test and these attributes.
    key = None
    if name != "table" and "id" not in attrs:
        label = tag.chars <= _MAX_LABEL_CONTAINER
        key = (name, id(context), label, attrs.get("class"), attrs.get("role"),
               attrs.get("style"), attrs.get("hidden"), attrs.get("aria-hidden")
               ) if attrs else (name, id(context), label)
        found = known.get(key)
        if found is not None and found[0] is context:
            return found[1]
    new = _worked_out(tag, context)
    if key is not None and new.clutter is context.clutter:  # no owner: nothing of the tag's
        known[key] = (context, new)  # holds the context too: its id stays its own
    return new


def _worked_out(tag: Element, context: _Context) -> _Context:
    name = tag.name
    attrs = tag.attrs
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
    classes = attrs.get("class") or ""
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
    return _Context(  # positional: kind, level, clutter, in_article, table
        kind, level, clutter, context.in_article or name in _ARTICLE_TAGS, table)


_CELLS = frozenset({"td", "th"})
_TABLE_PARTS = frozenset({"table", "caption"})


def _walk(root: Element, builder: _Builder) -> None:
    """Depth-first walk with an explicit stack, so nesting depth is unlimited. A frame:
    (context, path, depth in path segments, children to read with their paths, whether
    the element is a block boundary, whether it is a link)."""
    children = _children_paths(root, root.name, 0) or [(child, "") for child in root.children]
    stack = [(_Context(), root.name, 0, iter(children), False, False)]
    links = 0
    while stack:
        context, path, depth, todo, boundary, is_link = stack[-1]
        for child, child_path in todo:
            if child.__class__ is str:
                builder.text(child, links > 0)  # type: ignore[arg-type]
                continue
            if child.opaque:  # type: ignore[union-attr]
                continue
            opened = _open(child, context, path, builder)  # type: ignore[arg-type]
            if opened is None:
                continue
            new, new_boundary = opened
            is_a = child.name == "a"  # type: ignore[union-attr]
            new_depth = depth + (child_path != path)
            paths = _children_paths(child, child_path, new_depth)  # type: ignore[arg-type]
            if paths is None:  # only text inside: read it without a frame
                texts = child.children  # type: ignore[union-attr]
                if texts:
                    builder.parts.extend(texts)  # type: ignore[arg-type]
                    chars = child.chars  # type: ignore[union-attr]  # = their visible_chars
                    builder.chars += chars
                    if links or is_a:
                        builder.link_chars += chars
                if new_boundary:
                    builder.flush(new, child_path)
                continue
            stack.append((new, child_path, new_depth, iter(paths), new_boundary, is_a))
            links += is_a
            break
        else:
            stack.pop()
            if boundary:
                builder.flush(context, path)
            links -= is_link


def _open(
    tag: Element, context: _Context, path: str, builder: _Builder
) -> tuple[_Context, bool] | None:
    """Start an element (``path``: its parent's): flush the block before it if it is a
    boundary; its context and whether it is one, or None for <br>."""
    name = tag.name
    table = context.table
    if name == "br":
        if table == "cell":
            builder.text(" ", False)
        elif context.kind is _CODE:
            builder.text("\n", False)
        else:
            builder.flush(context, path)
        return None
    if table == "data" and name in _CELLS:
        builder.text(" | " if builder.chars else "", False)
    elif table == "cell" and name in _BLOCK:
        builder.text(" ", False)  # paragraphs inside one cell stay apart
    new = _enter(tag, context, builder.known)
    # Does the element start a new block (rather than continue inline text)?
    if table in ("data", "cell") and name not in _TABLE_PARTS:
        boundary = name == "tr"
    elif name in _BLOCK:
        boundary = True
    else:
        classes = tag.attrs.get("class") if tag.attrs else None
        boundary = bool(classes and _CREDIT_CLASS.search(classes))
    if table == "data" and name in _CELLS:
        new = new._replace(table="cell")
    if boundary:
        builder.flush(context, path)
    attrs = tag.attrs
    if attrs:
        rel = attrs.get("rel")
        if rel and "author" in rel.split():
            builder.byline_hint = True
    if name == "time":
        builder.date_hint = True
    return new, boundary


def _title_index(raw: list[Block], title: str | None) -> int | None:
    """The heading that carries the headline: matching the title, else the first h1."""
    key = _SPACE.sub(" ", (title or "")).strip().casefold()
    first_h1 = None
    for index, block in enumerate(raw):
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
    builder.flush(_Context(), "")
    raw = builder.blocks
    h1 = next(
        (b.text for b in raw if b.kind is BlockKind.HEADING and b.level == 1), None)
    metadata = extract_metadata(page, h1)
    if metadata.title:
        headings = (b.text for b in raw if b.kind is BlockKind.HEADING)
        metadata = replace(metadata, title=title_of_headings(metadata.title, headings))
    title_index = _title_index(raw, metadata.title)
    blocks = resolve_clutter(raw, builder.owners, title_index)
    blocks = mark_announced_sections(blocks, title_index)
    blocks = mark_teaser_lists(blocks)
    blocks = mark_comment_threads(blocks, title_index)
    leaning = ClassLeaning(page.body)
    return mark_by_density(blocks, title_index=title_index, leaning=leaning), metadata
