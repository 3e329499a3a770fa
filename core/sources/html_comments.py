"""Reader comments recognised by their shape, whatever their class names.

Comment threads on old blogs and news pages are runs of small units of the same shape,
each a reader's text with a signature line: a name and a date ("Posted by: Sam at
November 7, 2012 1:56 PM", "Jo | 12/11/2012 at 9:04 am", "Ann says: 3 days ago"). A
signature line is short and holds a date or time; its unit is the innermost element
holding it and the text beside it. Where at least `MIN_COMMENTS` units of one shape
(the same path but for their positions) follow the headline, without holding it, they
are the comments. The story's own byline and date sit in the story's unit, which
holds the headline, so a story is never taken for a comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Block, BlockKind
from core.sources.html_teasers import common_path, enclosing_unit, unit_depths

MIN_COMMENTS = 3
_SIGNATURE_CHARS = 150
_MONTH = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?")
_DATE = re.compile(
    rf"\b{_MONTH} \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}\b"  # November 7, 2012
    rf"|\b\d{{1,2}}(st|nd|rd|th)? {_MONTH},? \d{{4}}\b"  # 7 November 2012
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 11/07/2012, 2012-11-07
    r"|\b\d{1,2}:\d{2} ?(am|pm)\b"  # 1:56 PM
    r"|\b\d{1,3} (second|minute|hour|day|week|month|year)s? ago\b",
    re.IGNORECASE,
)
_MONTHS_OR_AGO = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                  "nov", "dec", "ago")
_DIGITS_APART = re.compile(r"\d[/.:-]\d")
"""What `_DATE` needs, checked before it: a month's or "ago"'s letters (lower-cased), or
two digits with a separator between (the numeric dates and times)."""
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")  # IGNORECASE matches them to i, s, k


def _may_hold_date(text: str) -> bool:
    """Whether `_DATE` can match ``text`` (never false when it can)."""
    if _DIGITS_APART.search(text):
        return True
    if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text):
        return True
    low = text.lower()
    return any(literal in low for literal in _MONTHS_OR_AGO)


# Not quotations: a quote's attribution carries a name and a date too ("..., on the
# earnings call of August 15").
_TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.OTHER})
_SIGNATURE_KINDS = _TEXT_KINDS | {BlockKind.BYLINE, BlockKind.DATELINE, BlockKind.HEADING}


def _is_signature(block: Block) -> bool:
    text = block.text
    return (
        block.kind in _SIGNATURE_KINDS
        and len(text) <= _SIGNATURE_CHARS
        and _may_hold_date(text)
        and _DATE.search(text) is not None
    )


def _is_comment_text(block: Block) -> bool:
    return block.kind in _TEXT_KINDS and not _is_signature(block) and block.link_density < 0.5


def mark_comment_threads(blocks: Sequence[Block], title_index: int | None) -> list[Block]:
    """Blocks with ``clutter`` set on those of comment units (see the module's note)."""
    start = (title_index or 0) + 1 if title_index is not None else 0
    units: dict[str, dict[str, None]] = {}  # shape -> unit paths, in page order
    # A comment unit is at least three path segments deep and holds its signature and a
    # neighbour: a block that shares its first three segments with neither neighbour is
    # no signature (on a page of flat paragraphs none is looked for). Each path is split
    # once: the heads of the previous, this and the next block roll along.
    previous: list[str] | None = None
    following = _head(blocks[start].origin.path) if start < len(blocks) else None
    for index in range(start, len(blocks)):
        head = following
        following = _head(blocks[index + 1].origin.path) if index + 1 < len(blocks) else None
        in_unit = len(head) == 3 and head in (previous, following)  # type: ignore[arg-type]
        previous = head
        signature = blocks[index]
        if signature.clutter or not in_unit or not _is_signature(signature):
            continue
        found = [
            common_path(signature.origin.path, blocks[other].origin.path)
            for other in (index - 1, index + 1)
            if start <= other < len(blocks) and not blocks[other].clutter
            and _is_comment_text(blocks[other])
            and not _inside(blocks[other].origin.path, signature.origin.path)
        ]
        unit = max(found, key=len, default="")  # the innermost: this comment's own
        if unit and unit.count("/") > 1:
            units.setdefault(_shape(unit), {})[unit] = None
    candidates = {unit for paths in units.values() if len(paths) >= MIN_COMMENTS for unit in paths}
    if not candidates:
        return list(blocks)
    # A unit with a heading is a post or a teaser, not a reader's comment.
    depths = unit_depths(candidates)
    headed = {
        unit for block in blocks if block.kind is BlockKind.HEADING
        and (unit := enclosing_unit(block.origin.path, depths, candidates)) is not None
    }
    # The story follows its headline: the unit of the first paragraph after it is the
    # story's own, signed by its author, however like the comments it is shaped.
    first = next((b for b in blocks[start:] if _is_story_paragraph(b)), None)
    story = enclosing_unit(first.origin.path, depths, candidates) if first else None
    kept: dict[str, list[str]] = {}
    for shape, paths in units.items():
        if len(paths) >= MIN_COMMENTS:
            plain = [unit for unit in paths if unit not in headed and unit != story]
            if len(plain) >= MIN_COMMENTS:
                kept[shape] = plain
    chosen = {unit: len(paths) for paths in kept.values() for unit in paths}
    if not chosen:
        return list(blocks)
    depths = unit_depths(chosen)
    title_path = blocks[title_index].origin.path if title_index is not None else None
    if title_path is not None and enclosing_unit(title_path, depths, chosen) is not None:
        return list(blocks)  # the headline's own unit: posts on a blog's front page
    result = []
    for block in blocks:
        unit = enclosing_unit(block.origin.path, depths, chosen)
        if unit is not None and block.clutter is None:
            block = block.with_clutter(
                f"reader comments ({chosen[unit]} signed with a name and a date)")
        result.append(block)
    return result


def _head(path: str) -> list[str]:
    return path.split("/", 3)[:3]


def _is_story_paragraph(block: Block) -> bool:
    return (
        block.clutter is None
        and block.kind is BlockKind.PARAGRAPH
        and len(block.text) >= _STORY_CHARS
        and block.link_density < 0.3
    )


_STORY_CHARS = 80


def _inside(path: str, unit: str) -> bool:
    return path == unit or path.startswith(unit + "/")


_INDEX = re.compile(r"\[\d+\]")


def _shape(unit: str) -> str:
    return _INDEX.sub("", unit)
