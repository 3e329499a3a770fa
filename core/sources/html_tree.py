"""An HTML page parsed the way browsers parse it, as a small tree of our own.

The page is parsed by Lexbor (through selectolax), which follows the HTML5 parsing
algorithm: ``<button><div></button>`` closes where a browser closes it, a ``<p>`` inside
a ``<form>`` stays there, nesting depth and text length are unlimited. The result is
copied into plain `Element` objects in one pass, and every figure the loader needs about
an element's content (its text length, whether it holds a table, its longest table cell)
is summed bottom-up in a second pass, so no rule ever searches below an element: every
walk over the page is linear in its size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from core.sources.html_attrs import bounded_attributes
from core.sources.html_depth import bounded_nesting

# Content never read as text (an ld+json script is kept for the metadata, as a string).
OPAQUE = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "svg", "button", "select",
        "textarea", "video", "audio", "canvas", "object", "embed", "noembed", "math",
        "input", "option", "datalist", "map", "head",
    }
)
_KEEP_TEXT_OF = frozenset({"title", "script"})  # inside the opaque <head>, for metadata
_CELLS = ("td", "th")


@dataclass(eq=False, slots=True)
class Element:
    """One element: name, attributes and children (elements and text strings)."""

    name: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)
    chars: int = 0  # visible characters of text below, opaque elements' excluded
    tables: int = 0  # <table> elements below
    longest_cell: int = 0  # visible characters of the longest td/th below
    opaque: bool = False  # never read as text (scripts, styles, controls, <head>)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def words(self, name: str) -> list[str]:
        """A space-separated attribute (class, rel) as a list."""
        value = self.attrs.get(name)
        return value.split() if value else []

    def text(self, separator: str = "") -> str:
        """The readable text below, in document order (an explicit stack: any depth);
        an opaque element gives its own text (a script's, a title's)."""
        parts: list[str] = []
        stack: list[Element | str] = list(reversed(self.children))
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif not item.opaque:
                stack.extend(reversed(item.children))
        return separator.join(parts)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))


@dataclass(slots=True)
class Page:
    """The parsed page: its root <html> element and its <body>."""

    root: Element
    body: Element
    elements: int


def visible_chars(text: str) -> int:
    """Characters of ``text`` that are not white space (the common kinds, counted at C
    speed: this runs on every text of the page, some of them megabytes long)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\xa0")


def parse_page(html: str) -> Page:
    """Parse ``html`` into our tree (see the module's note)."""
    parser = LexborHTMLParser(bounded_nesting(bounded_attributes(html)))
    lex_root = parser.root
    root = Element("html", {})
    if lex_root is None:
        return Page(root, root, 1)
    root.attrs = _attributes(lex_root)
    order: list[Element] = [root]  # creation order: every parent before its children
    body: Element | None = None
    stack: list[tuple[LexborNode, Element, bool]] = [(lex_root, root, False)]
    new_element = Element
    while stack:
        node, element, opaque = stack.pop()
        keep_text = not opaque or element.name in _KEEP_TEXT_OF
        children = element.children
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                if keep_text:
                    text = child.text_content
                    if text:
                        children.append(text)
                        if not opaque:  # = visible_chars(text), inlined
                            element.chars += len(text) - text.count(" ") - text.count(
                                "\n") - text.count("\t") - text.count("\xa0")
                continue
            if not tag or tag[0] in "-_#!":  # comments, doctype
                continue
            attrs = child.attributes  # = _attributes(child), inlined
            if attrs and None in attrs.values():
                attrs = {k: v if v is not None else "" for k, v in attrs.items()}
            new_opaque = opaque or tag in OPAQUE
            new = new_element(tag, attrs, element, [], 0, 0, 0, new_opaque)
            children.append(new)
            order.append(new)
            if tag == "body" and body is None:
                body = new
            stack.append((child, new, new_opaque))
    _sum_up(order)
    return Page(root, body or root, len(order))


def _attributes(node: LexborNode) -> dict[str, str]:
    """The element's attributes (names come lower-cased from the parser; a value-less
    attribute such as ``hidden`` has the value "")."""
    attrs = node.attributes
    if None in attrs.values():
        return {k: v if v is not None else "" for k, v in attrs.items()}
    return attrs


def _sum_up(order: list[Element]) -> None:
    """Children's figures into their parents', deepest first (creation order reversed
    visits every child before its parent)."""
    for element in reversed(order):
        parent = element.parent
        if parent is None or element.opaque:
            continue
        parent.chars += element.chars
        if element.name == "table":
            parent.tables += 1 + element.tables
            if element.longest_cell > parent.longest_cell:
                parent.longest_cell = element.longest_cell
        else:
            parent.tables += element.tables
            cell = element.chars if element.name in _CELLS else element.longest_cell
            if cell > parent.longest_cell:
                parent.longest_cell = cell
