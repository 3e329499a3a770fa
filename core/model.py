"""The data every stage of the pipeline passes on: versions made of blocks.

Everything here is immutable; later stages (cleaning, alignment) describe their
results beside a `Version` instead of changing it, so nothing a stage drops is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is in the article's structure."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    DATELINE = "dateline"
    TABLE_ROW = "table_row"
    CODE = "code"
    OTHER = "other"


class Format(StrEnum):
    """The format a version was read from."""

    TEXT = "text"
    HTML = "html"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where in the source file a block came from.

    ``line`` is the 1-based first line for text formats (None for HTML);
    ``path`` is an element path such as ``body/article/p[3]`` for HTML.
    """

    line: int | None = None
    path: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of article text: a paragraph, heading, caption, list item, ...

    ``clutter`` is evidence from the source's structure that the block is not part of
    the story (for example ``"navigation (<nav>)"``); the loader sets it, and cleaning
    turns it into a drop verdict. ``level`` is the heading level (1-6), 0 otherwise.
    ``link_density`` is the share of the block's characters inside links (HTML only).
    """

    kind: BlockKind
    text: str
    origin: Origin = field(default_factory=Origin)
    level: int = 0
    clutter: str | None = None
    link_density: float = 0.0

    def with_clutter(self, clutter: str | None) -> Block:
        """= ``dataclasses.replace(self, clutter=clutter)``, at a sixth of the cost (the
        loader marks thousands of blocks on a big page)."""
        block = _new(Block)
        _set_kind(block, self.kind)
        _set_text(block, self.text)
        _set_origin(block, self.origin)
        _set_level(block, self.level)
        _set_clutter(block, clutter)
        _set_link_density(block, self.link_density)
        return block


# A frozen dataclass's __init__ sets each field through object.__setattr__; setting the
# slots directly makes the same object in half the time (see `new_block`).
_new = object.__new__
_set_line, _set_path = (Origin.__dict__[name].__set__ for name in ("line", "path"))
_set_kind, _set_text, _set_origin, _set_level, _set_clutter, _set_link_density = (
    Block.__dict__[name].__set__
    for name in ("kind", "text", "origin", "level", "clutter", "link_density")
)


def new_origin(line: int | None, path: str) -> Origin:
    """= ``Origin(line, path)``, cheaper (one is made for every block of a page)."""
    origin = _new(Origin)
    _set_line(origin, line)
    _set_path(origin, path)
    return origin


def new_block(
    kind: BlockKind, text: str, origin: Origin, level: int, clutter: str | None,
    link_density: float,
) -> Block:
    """= ``Block(kind, text, origin, level, clutter, link_density)``, in half the time (a
    page of 100,000 paragraphs makes as many blocks)."""
    block = _new(Block)
    _set_kind(block, kind)
    _set_text(block, text)
    _set_origin(block, origin)
    _set_level(block, level)
    _set_clutter(block, clutter)
    _set_link_density(block, link_density)
    return block


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the source says about the article itself."""

    title: str | None = None
    byline: str | None = None
    date: str | None = None
    site_name: str | None = None
    description: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """One loaded version of the article: its blocks in source order."""

    path: str
    format: Format
    encoding: str
    blocks: tuple[Block, ...]
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def name(self) -> str:
        """The file name shown to the user, with whatever could steer a terminal (a line
        break, an escape, a bidi override) or fail to encode (an undecodable byte) escaped."""
        from pathlib import PurePath

        from core.sanitize import shown_name

        return shown_name(PurePath(self.path).name or self.path)

    @property
    def word_count(self) -> int:
        return sum(len(block.text.split()) for block in self.blocks)


class InputError(Exception):
    """A file that cannot be used as a version; the message says why, in one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
