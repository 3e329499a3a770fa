"""Which blocks of an HTML page are the article: a content extractor's verdict mapped
back onto our blocks, or (without trafilatura) our own content-root scoring.

The extractor only votes; the blocks, their structure and their order stay ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from core.components import optional_module
from core.model import Block, BlockKind
from core.sources.boilerplate import link_list_reason

OUTSIDE = "outside the main article (content extractor)"
OUTSIDE_ROOT = "outside the main article (densest text container: {root})"
_TOKEN = re.compile(r"\w+")
_LABEL_KINDS = frozenset({BlockKind.BYLINE, BlockKind.DATELINE})
_MIN_SAFE_TOKENS = 4  # a block this long found anywhere in the extract is the extract's


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def extractor_text(html: str) -> str | None:
    """trafilatura's main text of the page, or None when it is absent or finds nothing.

    ``deduplicate=False`` keeps its module-global LRU cache out of the way, so the result
    does not depend on pages processed before.
    """
    if too_complex_for_extractor(html):
        return None
    trafilatura = optional_module("trafilatura")  # a broken install is logged once
    if trafilatura is None:
        return None
    try:
        text = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            favor_precision=False,
        )
    except Exception:  # the extractor is a vote, never a reason to fail loading
        return None
    return text or None


EXTRACTOR_MAX_ELEMENTS = 40_000
"""Pages with more tags are scored by our own rule only: the extractor slows down on them."""
_EXTRACTOR_MAX_ATTRIBUTES = 500  # lxml checks attributes pairwise: a tag with more stalls it
_START_TAG = re.compile(r"<[A-Za-z]")
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{5000,}")


def too_complex_for_extractor(html: str) -> bool:
    """True for a page the extractor would take seconds on: very many tags, or a tag with
    hundreds of attributes. Our own walk reads such pages in linear time."""
    if len(_START_TAG.findall(html)) > EXTRACTOR_MAX_ELEMENTS:
        return True
    return any(
        len(match.group().split()) > _EXTRACTOR_MAX_ATTRIBUTES for match in _LONG_TAG.finditer(html)
    )


def _shingles(tokens: Sequence[str], size: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def extractor_votes(blocks: Sequence[Block], extract: str) -> list[bool]:
    """For each block: is its text part of the extract? Matched in order where possible."""
    ref_tokens = _tokens(extract)
    joined = " " + " ".join(ref_tokens) + " "
    ref_shingles = _shingles(ref_tokens)
    cursor = 0
    votes = []
    for block in blocks:
        tokens = _tokens(block.text)
        if not tokens:
            votes.append(False)
            continue
        needle = " " + " ".join(tokens) + " "
        at = joined.find(needle, cursor)
        if at >= 0:
            cursor = at + len(needle) - 1
            votes.append(True)
        elif block.link_density >= 0.5 or len(tokens) < 3:
            votes.append(False)  # teasers repeat story words elsewhere on the page
        elif len(tokens) >= _MIN_SAFE_TOKENS and needle in joined:
            votes.append(True)
        else:
            own = _shingles(tokens)
            votes.append(len(own & ref_shingles) >= 0.8 * len(own))
    return votes


def mark_main_content(
    blocks: list[Block], html: str, *, title_index: int | None = None
) -> list[Block]:
    """Blocks with ``clutter`` set on those outside the article's main content."""
    extract = extractor_text(html)
    if extract is None:
        return mark_by_density(blocks, title_index=title_index)
    votes = extractor_votes(blocks, extract)
    start = title_index or 0
    first_kept = next(
        (i for i, vote in enumerate(votes) if vote and i >= start and blocks[i].clutter is None),
        len(blocks),
    )
    story_start = next(
        (i for i in range(first_kept, len(blocks))
         if votes[i] and blocks[i].kind is BlockKind.PARAGRAPH and blocks[i].clutter is None),
        first_kept,
    )
    last_kept = max((i for i, vote in enumerate(votes) if vote), default=-1)
    result = []
    for index, (block, vote) in enumerate(zip(blocks, votes, strict=True)):
        if block.clutter is None and index != title_index and _is_link_list(block):
            result.append(replace(block, clutter=link_list_reason(block.link_density)))
            continue
        keep = (
            block.clutter is not None
            or vote
            or index == title_index
            or _is_story_label(blocks, index, title_index, story_start)
            or (first_kept < index < last_kept and _is_inset(block))
        )
        result.append(block if keep else replace(block, clutter=OUTSIDE))
    return result


def _is_story_label(
    blocks: Sequence[Block], index: int, title_index: int | None, first_kept: int
) -> bool:
    """Byline/dateline between the headline and the story's first kept block."""
    if blocks[index].kind not in _LABEL_KINDS or title_index is None:
        return False
    return title_index < index < first_kept + 3


_INSET_KINDS = frozenset({BlockKind.QUOTE, BlockKind.CAPTION, BlockKind.CREDIT})


def _is_inset(block: Block) -> bool:
    """Quoted posts (tweets) and captions inside the story: extractors drop them, but they
    belong to it (cleaning decides about captions and credits)."""
    return block.kind in _INSET_KINDS and block.link_density < 0.5


def _is_link_list(block: Block) -> bool:
    """A teaser or menu entry: (nearly) all of its text is a link."""
    return block.link_density >= 0.8 and block.kind not in _LINKED_KINDS


_LINKED_KINDS = frozenset({BlockKind.QUOTE, BlockKind.BYLINE, BlockKind.DATELINE})


def _inside(block: Block, root: str) -> bool:
    return block.origin.path == root or block.origin.path.startswith(root + "/")


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]


def mark_by_density(blocks: list[Block], *, title_index: int | None = None) -> list[Block]:
    """Own rule: the container holding most low-link prose is the article."""
    weight: dict[str, float] = {}
    for block in blocks:
        if block.clutter is None and block.kind is BlockKind.PARAGRAPH:
            chars = len(block.text) * (1 - block.link_density)
            if chars < 40:
                continue
            for prefix in _ancestors(block.origin.path):
                weight[prefix] = weight.get(prefix, 0.0) + chars
    if not weight:
        return blocks
    best = max(weight.values())
    # The deepest container that still holds 80% of the best prose weight.
    root = max((p for p, w in weight.items() if w >= 0.8 * best), key=lambda p: p.count("/"))
    reason = OUTSIDE_ROOT.format(root=root)
    first_inside = next((i for i, b in enumerate(blocks) if _inside(b, root)), len(blocks))
    result = []
    for index, block in enumerate(blocks):
        keep_anyway = index == title_index or _is_story_label(
            blocks, index, title_index, first_inside
        )
        if block.clutter is None and not _inside(block, root) and not keep_anyway:
            result.append(replace(block, clutter=reason))
        elif block.clutter is None and index != title_index and _is_link_list(block):
            result.append(replace(block, clutter=link_list_reason(block.link_density)))
        else:
            result.append(block)
    return result
