"""Bounding how many attributes one tag carries, before an HTML5 parser sees it.

The parser checks every new attribute of a tag against the ones it already has, so one
tag with 100,000 differently named attributes costs it a quadratic number of steps
(half a minute). No real tag carries more than a few dozen; a tag with more than
`MAX_ATTRIBUTES` keeps its name and its first `MAX_ATTRIBUTES` attributes. Attributes
hold no text a reader sees, so nothing of the article is lost.

Linear: one left-to-right pass of a pattern that cannot fail once it starts (a comment,
a tag up to its ``>`` outside quoted values, a script's or style's tag and body), so no
failed attempt ever scans ahead; only tags long enough to hold that many attributes
(two characters each at least) have their attributes counted.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 256

# A start tag's attributes up to its ">", as the HTML5 tokenizer reads them: a quote opens
# a value only right after "=" (elsewhere it is a character of a name or a value).
_ATTRIBUTES = r"""(?:[^>="']++|=\s*+(?:"[^"]*+"?|'[^']*+'?)?|["'])*+>?"""
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp")
_PIECE = re.compile(
    r"""<!--(?:[^-]++|-(?!->))*+(?:-->)?"""  # a comment, closed or not
    + "".join(  # a raw-text element's tag and body: the body is not markup
        rf"""|<(?i:{name})\b{_ATTRIBUTES}(?:[^<]++|<(?!/(?i:{name})))*+"""
        for name in _RAW_TEXT)
    + r"""|<[A-Za-z]""" + _ATTRIBUTES  # any other start tag
)
_TAG = re.compile(r"<[A-Za-z]" + _ATTRIBUTES)
_TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?""")


def bounded_attributes(html: str) -> str:
    """``html`` itself, or ``html`` with every tag of over `MAX_ATTRIBUTES` attributes
    cut down to its first `MAX_ATTRIBUTES`."""
    if html.count("=") + html.count(" ") < 2 * MAX_ATTRIBUTES:
        return html
    shortest = 2 * MAX_ATTRIBUTES
    # every piece in one call at C speed; only the rare long ones are looked into
    if not any(_attributes(piece) for piece in _PIECE.findall(html) if len(piece) >= shortest):
        return html
    pieces: list[str] = []
    last = 0
    for match in _PIECE.finditer(html):
        if match.end() - match.start() < shortest:
            continue
        found = _attributes(match.group())
        if not found:
            continue
        name, tag, attributes = found
        pieces.append(html[last:match.start()])
        pieces.append(f"<{name} {' '.join(attributes[:MAX_ATTRIBUTES])}>")
        last = match.start() + len(tag)
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


def _attributes(piece: str) -> tuple[str, str, list[str]] | None:
    """For a piece that begins with a start tag of over `MAX_ATTRIBUTES` attributes:
    the tag's name, the tag and its attributes; else None."""
    tag = _TAG.match(piece)
    if tag is None or tag.end() < 2 * MAX_ATTRIBUTES:
        return None
    name = _TAG_NAME.match(piece)
    assert name is not None
    attributes = _ATTRIBUTE.findall(tag.group(), name.end())
    if len(attributes) <= MAX_ATTRIBUTES:
        return None
    return name.group(1), tag.group(), attributes
