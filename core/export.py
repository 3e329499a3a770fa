"""Writing the clean article as plain text, Markdown, HTML or JSON."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from core.article import Article
from core.model import BlockKind

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""Content-Security-Policy of every HTML file we write: no script, nothing external."""


def _head_lines(article: Article) -> list[str]:
    return [part for part in (article.title, article.subtitle, article.byline) if part]


def to_text(article: Article) -> str:
    """Title, subtitle, byline, then the body; paragraphs separated by one blank line."""
    parts = _head_lines(article) + [block.text for block in article.body]
    return "\n\n".join(part.strip() for part in parts) + "\n"


def to_markdown(article: Article) -> str:
    parts: list[str] = []
    if article.title:
        parts.append(f"# {article.title}")
    if article.subtitle:
        parts.append(f"*{article.subtitle}*")
    if article.byline:
        parts.append(article.byline)
    for block in article.body:
        if block.kind is BlockKind.HEADING:
            parts.append("#" * min(max(block.level, 2), 6) + " " + block.text)
        elif block.kind is BlockKind.LIST_ITEM:
            parts.append(f"- {block.text}")
        elif block.kind is BlockKind.QUOTE:
            parts.append(f"> {block.text}")
        elif block.kind is BlockKind.CODE:
            parts.append(f"```\n{block.text}\n```")
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def to_html(article: Article) -> str:
    """A self-contained HTML page; every piece of article text is escaped."""
    esc = html.escape
    body: list[str] = []
    if article.title:
        body.append(f"<h1>{esc(article.title)}</h1>")
    if article.subtitle:
        body.append(f'<p class="subtitle">{esc(article.subtitle)}</p>')
    if article.byline:
        body.append(f'<p class="byline">{esc(article.byline)}</p>')
    if article.date:
        body.append(f'<p class="date">{esc(article.date)}</p>')
    for block in article.body:
        text = esc(block.text)
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 2), 6)
            body.append(f"<h{level}>{text}</h{level}>")
        elif block.kind is BlockKind.LIST_ITEM:
            body.append(f"<ul><li>{text}</li></ul>")
        elif block.kind is BlockKind.QUOTE:
            body.append(f"<blockquote>{text}</blockquote>")
        elif block.kind is BlockKind.CODE:
            body.append(f"<pre>{text}</pre>")
        else:
            body.append(f"<p>{text}</p>")
    title = esc(article.title or "Article")
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{title}</title>"
        "<style>body{max-width:42em;margin:2em auto;font:17px/1.55 Georgia,serif;"
        "padding:0 1em}.subtitle{font-size:1.15em;color:#555}.byline,.date{color:#666}"
        "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def to_json(article: Article, *, with_sources: bool = False) -> str:
    """``{"title", "byline", "date", "body": [...], "removed": [...]}``."""
    def body_entry(block) -> dict:
        entry = {"kind": block.kind.value, "text": block.text}
        if with_sources:
            entry["sources"] = list(block.sources)
        return entry

    data = {
        "title": article.title,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "date": article.date,
        "body": [body_entry(block) for block in article.body],
        "removed": [
            {"block": r.block, "kind": r.kind.value, "text": r.text, "reason": r.reason}
            | ({"version": r.version} if with_sources else {})
            for r in article.removed
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Callable[[Article], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "html": to_html,
    "json": to_json,
}
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}
