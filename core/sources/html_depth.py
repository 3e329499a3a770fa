"""Bounding how deeply a page nests, before an HTML5 parser sees it.

The HTML5 tree builder checks "is there a <p> in button scope?" and the like by walking
its stack of open elements, so a page of 30,000 nested <div>s costs it a quadratic
number of steps (seconds). No real page nests more than a few hundred levels; a page
that does is rewritten here so that only its innermost `KEEP_INNER` levels and its
outermost levels up to `MAX_DEPTH` keep their tags: the wrappers in between lose theirs,
their text stays. The story at the bottom of such a page keeps its paragraphs.

Both passes are linear: a quick upper bound of the depth from the tag names alone, and,
only when that bound is high, a scan that estimates each element's depth and height.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_DEPTH = 512
"""Nesting this deep (estimated) is rewritten; browsers, too, stop nesting about here."""
KEEP_INNER = 256
"""Innermost levels that keep their tags when a page is rewritten."""
_OUTER = MAX_DEPTH - KEEP_INNER

_NAME = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:-]*)")
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
     "param", "source", "track", "wbr"}
)
_RAW_TEXT = {
    name: re.compile(f"</{name}", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp", "noembed", "noframes")
}
_IMPLIED_END = {  # a start tag closes an open element of these names on top of the stack
    "p": ("p",), "li": ("li",), "option": ("option",), "tr": ("td", "th", "tr"),
    "td": ("td", "th"), "th": ("td", "th"), "dt": ("dt", "dd"), "dd": ("dt", "dd"),
}


def depth_bound(html: str) -> int:
    """An upper bound of the page's nesting (within a few tbody levels): every start tag
    opens, an end tag closes one open element of its name, and the only implicit close
    is that of an element whose start tag comes right before one that closes it (``<p>``
    after ``<p>``, ``<li>`` after ``<li>``): it is on top of any stack of open elements
    then, so every parser closes it too (a page of 100,000 unclosed paragraphs is flat)."""
    open_names: dict[str, int] = {}  # (a dict's get: a Counter's missing key costs a call)
    get = open_names.get
    depth = deepest = 0
    previous = ""  # the name of the start tag just before, if the last tag was one
    for name in map(str.lower, _NAME.findall(html)):
        if name[0] == "/":
            name = name[1:]
            if get(name):
                open_names[name] -= 1
                depth -= 1
            previous = ""
        elif name not in _VOID:
            if previous and previous in _IMPLIED_END.get(name, ()) and get(previous):
                open_names[previous] -= 1
                depth -= 1
            open_names[name] = get(name, 0) + 1
            depth += 1
            if depth > deepest:
                deepest = depth
            previous = name
        else:
            previous = ""
    return deepest


def bounded_nesting(html: str) -> str:
    """``html`` itself, or, when it nests deeper than `MAX_DEPTH`, ``html`` without the
    tags of the wrappers between its outer and its innermost levels."""
    if depth_bound(html) <= MAX_DEPTH:
        return html
    removed = _wrapper_tags(html)
    if not removed:
        return html
    pieces, last = [], 0
    for start, end in sorted(removed):
        pieces.append(html[last:start])
        last = end
    pieces.append(html[last:])
    return "".join(pieces)


class _Open:
    __slots__ = ("depth", "height", "name", "start")

    def __init__(self, name: str, start: tuple[int, int], depth: int) -> None:
        self.name, self.start, self.depth, self.height = name, start, depth, 0


def _wrapper_tags(html: str) -> list[tuple[int, int]]:
    """Spans of the start and end tags of elements deeper than the outer levels that
    have more than `KEEP_INNER` levels below them."""
    stack: list[_Open] = []
    open_names: Counter[str] = Counter()
    removed: list[tuple[int, int]] = []

    def close(element: _Open, end_tag: tuple[int, int] | None) -> None:
        open_names[element.name] -= 1
        if stack:
            stack[-1].height = max(stack[-1].height, element.height + 1)
        if element.depth > _OUTER and element.height > KEEP_INNER:
            removed.append(element.start)
            if end_tag is not None:
                removed.append(end_tag)

    position = 0
    while (match := _TAG.search(html, position)) is not None:
        span = match.span()
        position = span[1]
        if match.group(2) is None:  # a comment: skip to its end
            end = html.find("-->", position)
            if end < 0:
                break
            position = end + 3
            continue
        name = match.group(2).lower()
        if match.group(1):  # an end tag closes its element and all opened inside it
            while open_names[name] and stack:
                top = stack.pop()
                close(top, span if top.name == name else None)
                if top.name == name:
                    break
            continue
        if name in _VOID or match.group(3).endswith("/"):
            continue
        for implied in _IMPLIED_END.get(name, ()):
            if stack and stack[-1].name == implied:
                close(stack.pop(), None)
        stack.append(_Open(name, span, len(stack) + 1))
        open_names[name] += 1
        if name in _RAW_TEXT:  # its text is not markup
            end_tag = _RAW_TEXT[name].search(html, position)
            if end_tag is None:
                break
            position = end_tag.start()
    while stack:
        close(stack.pop(), None)
    return removed
