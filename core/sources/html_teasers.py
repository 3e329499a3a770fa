"""Teaser lists: other stories announced by a linked headline and a short summary each.

Blogs and news pages list their recent, featured or related posts as a run of small
units of the same shape - a linked headline, a sentence or two of summary, perhaps a
date - whatever class names the template gives them. The summaries are unlinked prose
and so look like the story to a density count. Here a unit is the innermost element
holding a linked headline and the summary right after it; where several units of the
same shape (the same path but for their positions) each hold only a short text, all
their blocks are a teaser list. A story's own paragraphs sit side by side in one
container, never one unit each, so they are not taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from os.path import commonprefix

from core.model import Block, BlockKind

_HEADLINE_LINKS = 0.8  # a teaser's headline is (nearly) all link
_HEADLINE_CHARS = 160
_SUMMARY_LINKS = 0.3
_SUMMARY_CHARS = 400
_UNIT_CHARS = 600  # all the text of one unit: a headline, a summary, a date line
_MIN_UNITS = 3
_PAGE_SHARE = 0.75  # a list holding this share of the page's prose is what the page is
_INDEX = re.compile(r"\[\d+\]")
_TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.OTHER})
_HEADLINE_KINDS = _TEXT_KINDS | {BlockKind.HEADING}


def common_path(a: str, b: str) -> str:
    """The path of the innermost element that holds both paths (compared at C speed)."""
    prefix = commonprefix((a, b))  # noqa: RUF071 - characters, then cut to a segment
    for whole in (a, b):
        if prefix == whole and (len(a) == len(b) or max(a, b, key=len)[len(whole)] == "/"):
            return whole
    return prefix[: max(prefix.rfind("/"), 0)]


def _is_headline(block: Block) -> bool:
    return (
        block.kind in _HEADLINE_KINDS
        and block.link_density >= _HEADLINE_LINKS
        and len(block.text) <= _HEADLINE_CHARS
    )


def _is_summary(block: Block) -> bool:
    return (
        block.kind in _TEXT_KINDS
        and block.link_density <= _SUMMARY_LINKS
        and len(block.text) <= _SUMMARY_CHARS
    )


def mark_teaser_lists(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with ``clutter`` set on those of teaser-list units (see the module's note)."""
    units: dict[str, dict[str, None]] = {}  # shape -> unit paths, in page order
    for headline, summary in pairwise(blocks):
        if headline.clutter or summary.clutter:
            continue
        if not (_is_headline(headline) and _is_summary(summary)):
            continue
        unit = common_path(headline.origin.path, summary.origin.path)
        if not unit or summary.origin.path == unit:
            continue  # side by side in one container: a story's links and paragraphs
        shape = _INDEX.sub("", unit)
        units.setdefault(shape, {})[unit] = None
    chosen = [list(paths) for paths in units.values() if len(paths) >= _MIN_UNITS]
    if not chosen:
        return list(blocks)
    unit_of = {unit: n for n, paths in enumerate(chosen) for unit in paths}
    text: dict[str, int] = {}  # characters of each unit
    listed = [0.0] * len(chosen)  # prose of each list
    owner: list[str | None] = []  # the chosen unit each block lies in, if any
    depths = unit_depths(unit_of)
    for block in blocks:
        unit = enclosing_unit(block.origin.path, depths, unit_of)
        owner.append(unit)
        if unit is not None:
            text[unit] = text.get(unit, 0) + len(block.text)
            listed[unit_of[unit]] += _prose(block)
    page_prose = sum(_prose(b) for b in blocks if not b.clutter)
    reasons: dict[str, str] = {}
    for n, paths in enumerate(chosen):
        short = [unit for unit in paths if text.get(unit, 0) <= _UNIT_CHARS]
        if listed[n] > _PAGE_SHARE * page_prose:
            continue  # the page is the list (events, courses, a blog's front page)
        if len(short) >= _MIN_UNITS and len(short) * 3 >= len(paths) * 2:
            reason = f"teaser list ({len(paths)} items of a linked headline and a summary)"
            reasons.update(dict.fromkeys(short, reason))
    result = []
    for block, unit in zip(blocks, owner, strict=True):
        reason = reasons.get(unit) if unit is not None else None
        result.append(block.with_clutter(reason) if reason and not block.clutter else block)
    return result


def _prose(block: Block) -> float:
    return len(block.text) * (1 - block.link_density) if block.kind in _TEXT_KINDS else 0.0


def unit_depths(units: Iterable[str]) -> list[int]:
    """The lengths in segments of ``units``' paths, deepest first."""
    return sorted({unit.count("/") + 1 for unit in units}, reverse=True)


def enclosing_unit(path: str, depths: list[int], units: dict[str, int]) -> str | None:
    """The innermost of ``units`` that ``path`` lies in (``depths``: their lengths in
    segments, deepest first)."""
    parts = path.split("/")
    for depth in depths:
        if depth <= len(parts) and (prefix := "/".join(parts[:depth])) in units:
            return prefix
    return None
