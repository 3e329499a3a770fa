"""The clean article: what is saved and exported, from one version or a consensus."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.clean import CleanedVersion
from core.model import BlockKind


@dataclass(frozen=True, slots=True)
class ArticleBlock:
    """One block of the clean article; ``sources`` are the supporting version indexes."""

    kind: BlockKind
    text: str
    sources: tuple[int, ...] = ()
    level: int = 0


@dataclass(frozen=True, slots=True)
class Removal:
    """A block left out of the clean article, and why."""

    block: int
    kind: BlockKind
    text: str
    reason: str
    version: int = 0


@dataclass(frozen=True, slots=True)
class Article:
    title: str | None
    subtitle: str | None
    byline: str | None
    date: str | None
    body: tuple[ArticleBlock, ...]
    removed: tuple[Removal, ...] = field(default=())


_SITE_SUFFIX = re.compile(r"(?<!\s)\s+\|\s+[^|]{1,40}$")


def headline(text: str | None) -> str | None:
    """A title without the " | Site Name" that pages put after it."""
    text = tidy(text)
    if text:
        suffix = _SITE_SUFFIX.search(text)
        if suffix and len(suffix.group().split()) <= 6 and suffix.start() > 10:
            return text[: suffix.start()]
    return text


def tidy(text: str | None) -> str | None:
    """Runs of spaces and line breaks (scrapers leave dozens inside bylines) made single."""
    return " ".join(text.split()) if text else text


def article_from_cleaned(cleaned: CleanedVersion, *, version_index: int = 0) -> Article:
    """The clean article of a single cleaned version."""
    return Article(
        title=headline(cleaned.title),
        subtitle=tidy(cleaned.subtitle),
        byline=tidy(cleaned.byline),
        date=cleaned.date,
        body=tuple(
            ArticleBlock(
                kind=b.kind,
                text=b.text.strip() if b.kind is BlockKind.CODE else tidy(b.text) or "",
                sources=(version_index,),
                level=b.level,
            )
            for b in cleaned.body_blocks()
        ),
        removed=tuple(
            Removal(block=i, kind=b.kind, text=b.text, reason=reason, version=version_index)
            for i, b, reason in cleaned.removed()
        ),
    )


def article_from_text(text: str, template: Article) -> Article:
    """The article as the user edited it: paragraphs at blank lines.

    Leading paragraphs equal to the template's title, subtitle and byline stay those; a
    paragraph equal to one of the template's blocks keeps that block's kind (so headings
    stay headings in Markdown and HTML); anything else is a paragraph.
    """
    paragraphs = [tidy(p) or "" for p in text.replace("\r\n", "\n").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    head: dict[str, str | None] = {"title": None, "subtitle": None, "byline": None}
    for field_name in ("title", "subtitle", "byline"):
        wanted = getattr(template, field_name)
        if wanted and paragraphs and paragraphs[0] == tidy(wanted):
            head[field_name] = paragraphs.pop(0)
    known = {block.text: block for block in template.body}
    body = tuple(
        ArticleBlock(kind=known[p].kind, text=p, sources=known[p].sources, level=known[p].level)
        if p in known else ArticleBlock(kind=BlockKind.PARAGRAPH, text=p)
        for p in paragraphs
    )
    return Article(title=head["title"], subtitle=head["subtitle"], byline=head["byline"],
                   date=template.date, body=body, removed=template.removed)
