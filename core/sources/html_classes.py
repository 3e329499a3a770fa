"""What the class and id names around a container say it is: the story's own part of
the page ("post", "entry", "article", "content", "main") or the page's furniture beside
it ("sidebar", "comments", "footer"). "widget" is neither: page builders and blog
templates put the post itself in one.

Containers are named by the block paths the loader gives them (``body/div[2]/div``);
`ClassLeaning` finds the element of a path in the parsed tree, one step a segment, with
each element's children indexed once, so looking up every container of a page is linear
in its size.
"""

from __future__ import annotations

from core.sources.boilerplate import class_words
from core.sources.html_tree import Element

_STORY_WORDS = frozenset(
    {"article", "articlebody", "body", "content", "entry", "hentry", "main", "post",
     "story", "text", "blog"}
)
_ASIDE_WORDS = frozenset(
    {"sidebar", "sidebars", "comment", "comments", "footer", "rail",
     "aside", "related", "sponsor", "sponsored", "share", "social", "nav", "navigation",
     "menu", "header", "masthead", "promo", "ad", "ads", "advert", "teaser", "profile"}
)
_ASIDE_TAGS = frozenset({"aside", "nav", "footer"})
_MAX_VALUE = 200  # longer class/id values are generated junk, not words

STORY, NEUTRAL, ASIDE = 1, 0, -1


def _own_leaning(element: Element) -> int:
    """ASIDE if the element's class and id values name furniture, STORY if they name the
    story, NEUTRAL if they name neither or both (Blogger's "widget Blog" around a post)."""
    if element.name in _ASIDE_TAGS:
        return ASIDE
    story = aside = False
    for attr in ("class", "id"):
        for value in element.words(attr):
            if len(value) > _MAX_VALUE:
                continue
            words = set(class_words(value))
            aside = aside or not words.isdisjoint(_ASIDE_WORDS)
            story = story or not words.isdisjoint(_STORY_WORDS)
    return NEUTRAL if story == aside else (STORY if story else ASIDE)


class ClassLeaning:
    """The elements of block paths in one parsed page, and what their names say."""

    def __init__(self, body: Element) -> None:
        self._elements: dict[str, Element | None] = {body.name: body}
        self._children: dict[int, dict[str, Element]] = {}
        self._leanings: dict[str, int] = {}

    def element(self, path: str) -> Element | None:
        """The element a block path names (None when the path is not in the tree)."""
        if path in self._elements:
            return self._elements[path]
        parent_path, _, segment = path.rpartition("/")
        parent = self.element(parent_path) if parent_path else None
        found = self._index(parent).get(segment) if parent is not None else None
        self._elements[path] = found
        return found

    def _index(self, parent: Element) -> dict[str, Element]:
        """Children by path segment, as the loader names them: ``p[3]`` when several
        siblings share a name, the bare name when one has it."""
        index = self._children.get(id(parent))
        if index is None:
            elements = [c for c in parent.children if isinstance(c, Element)]
            totals: dict[str, int] = {}
            for child in elements:
                totals[child.name] = totals.get(child.name, 0) + 1
            seen: dict[str, int] = {}
            index = {}
            for child in elements:
                seen[child.name] = seen.get(child.name, 0) + 1
                unique = totals[child.name] == 1
                index[child.name if unique else f"{child.name}[{seen[child.name]}]"] = child
            self._children[id(parent)] = index
        return index

    def leaning(self, path: str) -> int:
        """ASIDE if the element of ``path`` or one around it is named as furniture, STORY
        if one is named as the story and none as furniture, else NEUTRAL."""
        cached = self._leanings.get(path)
        if cached is not None:
            return cached
        parent_path = path.rpartition("/")[0]
        around = self.leaning(parent_path) if parent_path else NEUTRAL
        element = self.element(path)
        own = _own_leaning(element) if element is not None else NEUTRAL
        leaning = ASIDE if ASIDE in (around, own) else max(around, own)
        self._leanings[path] = leaning
        return leaning

    def aside_owner(self, path: str) -> str | None:
        """The path of the outermost element at or around ``path`` named as furniture."""
        parts = path.split("/")
        prefix = ""
        for part in parts:
            prefix = f"{prefix}/{part}" if prefix else part
            if self.leaning(prefix) == ASIDE:
                return prefix
        return None
