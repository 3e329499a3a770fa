"""Writing the clean article as plain text, Markdown, HTML or JSON."""

from __future__ import annotations

import html
import json
import re
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


# Characters that start inline markup anywhere in a line: emphasis, code, links and
# images, raw HTML and autolinks, table cells, strikethrough, backslash escapes.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w{1,32};)")
# What makes a line a block of its own: a heading, quote, list item, setext underline,
# thematic break, or (with four spaces) code.
_MD_LINE_START = re.compile(r"^[ \t]*(?:([#>+=-])|(\d{1,9})([.)]))", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")


def markdown_text(text: str) -> str:
    """``text`` escaped so a Markdown renderer shows exactly it, as text: no link, image,
    HTML tag, emphasis or code of the text's own becomes markup.

    >>> markdown_text("<img onerror=x> [a](javascript:x) *b*")
    '\\\\<img onerror=x\\\\> \\\\[a\\\\](javascript:x) \\\\*b\\\\*'
    """
    text = _MD_INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return _MD_LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def _code_fence(code: str) -> str:
    """A fenced code block no line of ``code`` can close: the fence is longer than any
    run of backticks inside it."""
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def to_markdown(article: Article) -> str:
    """The article as Markdown; its text is escaped (`markdown_text`), never markup."""
    esc = markdown_text
    parts: list[str] = []
    if article.title:
        parts.append("# " + re.sub(r"#$", r"\\#", " ".join(esc(article.title).split())))
    if article.subtitle:
        parts.append(f"*{esc(article.subtitle)}*")
    if article.byline:
        parts.append(esc(article.byline))
    for block in article.body:
        if block.kind is BlockKind.CODE:
            parts.append(_code_fence(block.text))
            continue
        text = esc(block.text)
        if not text:
            continue
        if block.kind is BlockKind.HEADING:
            text = re.sub(r"#$", r"\\#", " ".join(text.split()))  # not a closing "#"
            parts.append("#" * min(max(block.level, 2), 6) + " " + text)
        elif block.kind is BlockKind.LIST_ITEM:
            parts.append("- " + text.replace("\n", "\n  "))
        elif block.kind is BlockKind.QUOTE:
            parts.append("> " + text.replace("\n", "\n> "))
        else:
            parts.append(text)
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
