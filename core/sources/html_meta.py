"""Article metadata from an HTML page: <title>, OpenGraph, JSON-LD, meta tags, <time>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from core.model import Metadata
from core.sources.html_tree import Element, Page

_ARTICLE_TYPES = frozenset(
    {
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
        "liveblogposting", "scholarlyarticle", "techarticle", "report", "socialmediaposting",
    }
)
# A run of spaces is entered only at its start: from inside it, \s+ and \s* would read
# the rest of the run again at every position (quadratic on a title of spaces).
_TITLE_SEPARATORS = re.compile(r"(?<!\s)\s+[|\-–—·•:»]\s+|(?<!\s)\s*\|\s*")
_SPACE = re.compile(r"\s+")


def _clean(value: object) -> str | None:
    if not isinstance(value, str | int | float):
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


class _Index:
    """The few kinds of element metadata comes from, gathered in one pass over the page."""

    def __init__(self, page: Page) -> None:
        self.metas: list[Element] = []
        self.ld_scripts: list[Element] = []
        self.title: Element | None = None
        self.author: Element | None = None  # first rel=author
        self.byline_class: Element | None = None
        self.time: Element | None = None  # first <time datetime>
        self.canonical: Element | None = None
        for tag in page.root.iter():
            self._add(tag)

    def _add(self, tag: Element) -> None:
        name = tag.name
        if name == "meta":
            self.metas.append(tag)
        elif name == "script":
            kind = tag.get("type")
            if isinstance(kind, str) and _LD_JSON.search(kind):
                self.ld_scripts.append(tag)
        elif name == "title" and self.title is None:
            self.title = tag
        elif name == "time" and self.time is None and "datetime" in tag.attrs:
            self.time = tag
        attrs = tag.attrs
        if "rel" in attrs:
            rels = tag.words("rel")
            if self.author is None and "author" in rels:
                self.author = tag
            if name == "link" and self.canonical is None and "canonical" in rels:
                self.canonical = tag
        classes = attrs.get("class")
        if classes and self.byline_class is None and not tag.opaque and \
                _BYLINE_CLASS.search(classes):
            self.byline_class = tag


_LD_JSON = re.compile(r"ld\+json", re.IGNORECASE)
_BYLINE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:byline|author-name|article-author)(?:$|[-_\s])", re.IGNORECASE
)


def _meta_values(index: _Index) -> dict[str, str]:
    """First content of every <meta> by its lower-cased name/property/itemprop."""
    values: dict[str, str] = {}
    for meta in index.metas:
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = _clean(meta.get("content"))
        if isinstance(key, str) and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _loads_lenient(text: str) -> Any:
    """json.loads that survives comments, CDATA, trailing commas and control characters."""
    text = text.strip()
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", text)
    text = re.sub(r"(?:-->|//\s*\]\]>|\]\]>)\s*$", "", text).strip()
    for candidate in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):  # RecursionError: thousands of nested [ or {
            continue
    return None


def _json_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value, depth-first without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def _names(value: Any) -> list[str]:
    """Author/publisher names from a string, an object with name, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not name.startswith(("http://", "https://")):
            names.append(name)
    return names


def json_ld_article(page: Page | _Index) -> dict[str, Any]:
    """The first article-typed JSON-LD object on the page (or {})."""
    index = page if isinstance(page, _Index) else _Index(page)
    for script in index.ld_scripts:
        data = _loads_lenient(script.text())
        for obj in _json_objects(data):
            if _types(obj) & _ARTICLE_TYPES:
                return obj
    return {}


def strip_site_suffix(title: str, site_name: str | None) -> str:
    """'Story | Site' -> 'Story' when the suffix (or prefix) is the site's name."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = (site_name or "").casefold()
    for candidate, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
        name = candidate.strip().casefold()
        if site and (name == site or name in site or site in name):
            return _rejoin(title, rest)
    if "|" in title:  # a pipe almost always separates the site name
        head = title.split("|")[0].strip()
        return head if len(head.split()) >= 3 else title
    return title


# As _TITLE_SEPARATORS, and "Blog name: Post title" (a part is taken only when it is a
# heading of the page, so a colon inside a headline does no harm).
_PART_SEPARATORS = re.compile(r"(?<!\s)\s+[|\-–—·•:»]\s+|(?<!\s)\s*\|\s*|(?<!\s):\s+")


def title_of_headings(title: str, headings: Iterable[str]) -> str:
    """The part of a title that is one of the page's headings: 'Blog name: Post title'
    -> 'Post title' when the post's heading reads so (the title as it is otherwise)."""
    parts = _PART_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    texts = {" ".join(text.split()).casefold() for text in headings}
    if " ".join(title.split()).casefold() in texts:
        return title
    for rest in (parts[1:], parts[:-1]):
        candidate = _rejoin(title, rest)
        if len(candidate.split()) >= 2 and " ".join(candidate.split()).casefold() in texts:
            return candidate
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 else " ".join(parts)


def _byline_elements(index: _Index) -> str | None:
    found = index.author or index.byline_class
    if isinstance(found, Element):
        text = _clean(found.text(" "))
        if text and len(text) <= 120:
            return text
    return None


def _time_element(index: _Index) -> str | None:
    time = index.time
    return _clean(time.get("datetime")) if isinstance(time, Element) else None


def extract_metadata(page: Page, first_h1: str | None = None) -> Metadata:
    """Metadata from the page's head and markup; the title prefers og/JSON-LD/h1."""
    index = _Index(page)
    meta = _meta_values(index)
    article = json_ld_article(index)
    publisher = _names(article.get("publisher"))
    site_name = meta.get("og:site_name") or (publisher[0] if publisher else None)
    site_name = site_name or meta.get("application-name")
    title_tag = index.title
    raw_title = (
        meta.get("og:title")
        or _clean(article.get("headline"))
        or meta.get("twitter:title")
        or first_h1
        or (_clean(title_tag.text()) if isinstance(title_tag, Element) else None)
    )
    title = strip_site_suffix(raw_title, site_name) if raw_title else None
    authors = _names(article.get("author"))
    meta_author = _names(meta.get("author") or meta.get("article:author"))
    byline = ", ".join(authors or meta_author) or _byline_elements(index)
    date = (
        meta.get("article:published_time")
        or _clean(article.get("datePublished"))
        or meta.get("date")
        or meta.get("pubdate")
        or meta.get("parsely-pub-date")
        or meta.get("dc.date")
        or _time_element(index)
    )
    canonical = index.canonical
    url = (
        meta.get("og:url")
        or (_clean(canonical.get("href")) if isinstance(canonical, Element) else None)
        or _clean(article.get("url"))
    )
    return Metadata(
        title=title,
        byline=byline or None,
        date=date,
        site_name=site_name,
        description=meta.get("og:description")
        or meta.get("description")
        or _clean(article.get("description")),
        url=url,
    )
