"""Sections of a page announced by their heading: "12 Comments", "More stories",
"About the author". Sites often give such sections no telling class, but the heading
says what follows it, up to the end of the container the heading sits in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Block, BlockKind

_LABEL_CHARS = 60
_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("comments", r"(\d+ |no )?(reader )?(comments?|responses?|replies|reactions)"
                     r"( \(\d+\))?|(leave|post|add|write) a (comment|reply|response)"
                     r"|join the (discussion|conversation)|what do you think\??"
                     r"|(\d+ )?thoughts on .{1,40}"),
        ("related stories", r"(more|related|recommended|other|latest|popular|trending|similar)"
                            r" (stories|articles|posts|news|reads|reading|content|coverage)"
                            r"|read (more|next|also)|you (may|might) also (like|enjoy)"
                            r"|(most )?(popular|read|viewed|shared)( now| today| this week)?"
                            r"|more from .{1,30}|related( links)?|recommended( for you)?"
                            r"|don'?t miss|up next|see also|trending( now)?|what to read next"),
        ("author bio", r"about (the|this) (author|writer|contributor)s?|about me"
                       r"|author (bio|info|information)"),
    )
)
_PUNCTUATION = " .:!?»>|-–—•\u00a0"
_BIO_BLOCKS = 3  # an author's bio is a paragraph or two
_STORY_PARAGRAPH = 100  # an unlinked paragraph this long after "Related" is the story again


def section_reason(text: str) -> str | None:
    """What a heading announces, if it is one of these labels."""
    key = " ".join(text.split()).strip(_PUNCTUATION)
    if not key or len(key) > _LABEL_CHARS:
        return None
    for reason, pattern in _SECTIONS:
        if pattern.fullmatch(key):
            return reason
    return None


def _parent(path: str) -> str:
    return path.rpartition("/")[0]


def mark_announced_sections(blocks: Sequence[Block], title_index: int | None) -> list[Block]:
    """Blocks under a label heading, to the end of the heading's container, marked with
    what the heading announces (one pass: a section ends where its container ends)."""
    result = list(blocks)
    index = (title_index or 0) + 1
    while index < len(result):
        block = result[index]
        reason = None
        if block.kind is BlockKind.HEADING and block.clutter is None:
            reason = section_reason(block.text)
        if reason is None:
            index += 1
            continue
        container = _parent(block.origin.path)
        label = f"{reason} (under the heading {block.text.strip()[:_LABEL_CHARS]!r})"
        result[index] = block.with_clutter(label)
        index += 1
        prefix = container + "/"
        taken = 0
        while index < len(result) and (
            container == "" or result[index].origin.path.startswith(prefix)
        ):
            if _section_ends(reason, result[index], taken):
                break
            if result[index].clutter is None:
                result[index] = result[index].with_clutter(label)
            index += 1
            taken += 1
    return result


def _section_ends(reason: str, block: Block, taken: int) -> bool:
    """A related-stories box inside the story's container ends where the story's prose
    starts again; a bio after a paragraph or two. Comments run to the container's end."""
    if reason == "author bio":
        return taken >= _BIO_BLOCKS
    if reason == "related stories":
        return (block.kind is BlockKind.PARAGRAPH and len(block.text) >= _STORY_PARAGRAPH
                and block.link_density < 0.2)
    return False
