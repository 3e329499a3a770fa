"""Which clutter evidence on an HTML page to believe: class words against the prose.

A class or tag rule (``widget`` -> sidebar, ``<form>``, ``comments``) marks everything
inside an element; page builders put such words on the story's own containers. So an
element's reason is set aside when what it holds is the story: most of the page's
prose, the headline, or - for the weaker kinds of evidence - several paragraphs of
unlinked prose that make up a good share of the page's prose; and a weak reason that the
containers of most of the page's prose share is no evidence anywhere on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.model import Block, BlockKind

PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE,
                         BlockKind.CODE})
"""Blocks whose text counts as the page's prose (a story may be a list, a quote, code)."""

_MOST = 0.5  # an owner holding this share of the page's prose wraps the story
_SHARE = 0.15  # a weak owner holding this share, in ...
_PARAGRAPHS = 3  # ... at least this many unlinked paragraphs, holds part of the story
_PARAGRAPH_CHARS = 80
_UNLINKED = 0.2
# Evidence that page builders and templates put on content containers too; the strong
# kinds (comments, share buttons, newsletter, cookie banner, author bio, hidden) only
# give way to the whole story or the headline.
_WEAK = ("sidebar", "navigation", "site header", "footer", "tags", "print/utility",
         "overlay", "advertisement", "related stories", "form")
_ASIDE = "sidebar (<aside>)"
_STORY_BESIDE = 2  # paragraphs outside an <aside> that make a story beside it


@dataclass(slots=True)
class _Holding:
    prose: int = 0
    paragraphs: int = 0


def prose_chars(block: Block) -> int:
    """Characters of ``block`` that count as prose (none for links, labels, headings)."""
    if block.kind in PROSE_KINDS and block.link_density < 0.5:
        return len(block.text)
    return 0


def _holds_story(holding: _Holding, total: int, reason: str) -> bool:
    if total > 300 and holding.prose > _MOST * total:
        return True
    return (
        reason.startswith(_WEAK)
        and holding.paragraphs >= _PARAGRAPHS
        and holding.prose >= _SHARE * total
    )


def resolve_clutter(
    blocks: Sequence[Block],
    owners: Sequence[tuple[tuple[int, str], ...]],
    title_index: int | None,
) -> list[Block]:
    """Each block with its outermost believed clutter reason (``owners[i]``: the
    (element id, reason) pairs of the elements around block ``i``, outermost first)."""
    held: dict[int, _Holding] = {}
    by_reason: dict[str, int] = {}
    total = 0
    for block, around in zip(blocks, owners, strict=True):
        chars = prose_chars(block)
        total += chars
        paragraph = chars >= _PARAGRAPH_CHARS and block.link_density < _UNLINKED
        for owner, _ in around:
            holding = held.setdefault(owner, _Holding())
            holding.prose += chars
            holding.paragraphs += paragraph
        for reason in {reason for _, reason in around}:
            by_reason[reason] = by_reason.get(reason, 0) + chars
    # A weak class word on the containers of most of the page's prose is the page
    # builder's layout ("elementor-widget" on every section), not evidence.
    layout = {
        reason for reason, chars in by_reason.items()
        if reason.startswith(_WEAK) and total > 300 and chars > _MOST * total
    }
    story = {owner for owner, _ in owners[title_index]} if title_index is not None else set()
    reasons = {owner: reason for around in owners for owner, reason in around}
    paragraphs = sum(
        prose_chars(b) >= _PARAGRAPH_CHARS and b.link_density < _UNLINKED for b in blocks
    )
    for owner, holding in held.items():
        if reasons[owner] == _ASIDE and title_index is not None and owner not in story and (
            paragraphs - holding.paragraphs >= _STORY_BESIDE
        ):
            continue  # an <aside> beside the headline's story is not the story
        if reasons[owner] in layout or _holds_story(holding, total, reasons[owner]):
            story.add(owner)
    result = []
    for block, around in zip(blocks, owners, strict=True):
        believed = [reason for owner, reason in around if owner not in story]
        result.append(block.with_clutter(believed[0]) if believed else block)
    return result
