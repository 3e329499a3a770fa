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
