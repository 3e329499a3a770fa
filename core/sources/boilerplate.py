"""Evidence that a piece of an HTML page is site chrome rather than the story.

Each rule returns a short reason naming its evidence, e.g. ``"share buttons (class
'social-share')"``; the HTML loader attaches it to every block inside the element.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise

# Element names that are chrome wherever they appear (header is decided by the caller).
_TAG_REASONS = {
    "nav": "navigation (<nav>)",
    "menu": "navigation (<menu>)",
    "footer": "footer (<footer>)",
    "aside": "sidebar (<aside>)",
    "dialog": "dialog (<dialog>)",
}

_ROLE_REASONS = {
    "navigation": "navigation",
    "menu": "navigation",
    "menubar": "navigation",
    "banner": "site header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "search": "search box",
    "dialog": "dialog",
    "alertdialog": "dialog",
}

# (reason, pattern over one class/id word). Words are split on -, _, spaces and camelCase.
_WORD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern))
    for reason, pattern in (
        ("cookie/consent banner", r"cookies?|consent|gdpr|cmp|onetrust|cookiebanner"),
        ("share buttons", r"share|shares|sharing|sharebar|social|socials|sociallinks|addthis"),
        ("newsletter sign-up", r"newsletters?|subscribe|subscription|signup|optin"),
        (
            "related stories",
            r"related|recommended|recommendations|trending|popular|mostread|"
            r"mostpopular|outbrain|taboola|recirc|recirculation|morestories|readmore|"
            r"readnext|upnext",
        ),
        ("comments", r"comments?|commenting|disqus|discussion|respond|replies"),
        (
            "advertisement",
            r"ads?|advert|adverts|advertisement|advertising|adslot|adunit|adcontainer|"
            r"adwrapper|sponsor|sponsored|dfp|gpt|banner[- ]?ad|promo|promotion|commercial",
        ),
        ("navigation", r"nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|skip"),
        ("site header", r"masthead|siteheader|topbar|header"),
        ("footer", r"footer|sitefooter|colophon|copyright"),
        ("sidebar", r"sidebar|rail|widget|widgets"),
        ("tags", r"tags|taglist|tagcloud|keywords|topics"),
        ("overlay", r"modal|popup|overlay|paywall|interstitial"),
        ("author bio", r"authorbio|bio|aboutauthor"),
        ("print/utility links", r"print|tools|toolbar|utility|utilities"),
    )
)

_MAX_VALUE = 200  # longer class/id values are generated junk, not words
_WORD_SPLIT = re.compile(r"[-_\s:./]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Class/id words that mean "this is the story" and so veto a rule on the same element.
_CONTENT_WORDS = frozenset(
    {"article", "story", "content", "body", "post", "entry", "main", "text", "articlebody"}
)


def class_words(value: str) -> list[str]:
    """Lower-cased words of a class or id value: ``'socialShare-bar'`` -> social, share, bar."""
    words = [w.lower() for w in _WORD_SPLIT.split(value) if w]
    joined = [a + b for a, b in pairwise(words)]
    return words + joined


def _attr_text(attrs: Mapping[str, object], name: str) -> str:
    value = attrs.get(name)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value else ""


_RELEVANT_ATTRIBUTES = frozenset({"role", "hidden", "aria-hidden", "style", "class", "id"})
RELEVANT_ATTRIBUTES = _RELEVANT_ATTRIBUTES
"""The attributes `attribute_reason` reads: an element with none of them has no reason."""
TAG_REASONS = frozenset(_TAG_REASONS)
"""The element names `tag_reason` gives a reason for."""


def attribute_reason(attrs: Mapping[str, object]) -> str | None:
    """A clutter reason from an element's role, hidden state, class or id."""
    if not attrs or _RELEVANT_ATTRIBUTES.isdisjoint(attrs):
        return None
    role = _attr_text(attrs, "role").lower().strip()
    if role in _ROLE_REASONS:
        return f"{_ROLE_REASONS[role]} (role '{role}')"
    if "hidden" in attrs or _attr_text(attrs, "aria-hidden").lower() == "true":
        return "hidden element"
    if _HIDDEN_STYLE.search(_attr_text(attrs, "style")):
        return "hidden element (style)"
    for attr in ("class", "id"):
        for value in _attr_text(attrs, attr).split():
            reason = _value_reason(value)
            if reason:
                return f"{reason} ({attr} '{value}')"
    return None


@lru_cache(maxsize=8192)
def _value_reason(value: str) -> str | None:
    """The first rule that one of the value's words matches (pages repeat their class
    names thousands of times, so each distinct value is judged once)."""
    if len(value) > _MAX_VALUE:
        return None
    words = class_words(value)
    if not words or _is_content_value(words) or any(w in _EMBED_WORDS for w in words):
        return None
    if _is_taxonomy_value(words):
        return None  # 'category-social-media', 'tag-ads': the story's topic, not a role
    for reason, pattern in _WORD_RULES:
        if any(pattern.fullmatch(w) for w in words):
            return reason
    return None


def _is_taxonomy_value(words: list[str]) -> bool:
    """'category-social-media', 'entry-category-social_media', 'tag-ads': a topic label,
    a taxonomy word followed by the topic (not by a layout word, as in 'tag-cloud')."""
    plain = words[: (len(words) + 1) // 2]  # class_words appends joined pairs after these
    return any(
        word in _TAXONOMY_WORDS and following not in _LAYOUT_WORDS
        for word, following in pairwise(plain)
    )


def _is_content_value(words: list[str]) -> bool:
    """'article-body', 'entry-content': the story's own container, not chrome."""
    plain = words[: (len(words) + 1) // 2]  # class_words appends joined pairs after these
    return plain[-1] in _CONTENT_WORDS and not any(w in _STRONG_WORDS for w in plain)


# Templates label a post's container with its topics: "category-sidebar-news", "tag-ads".
_TAXONOMY_WORDS = frozenset({"category", "cat", "tag", "topic", "term"})
_LAYOUT_WORDS = frozenset({"list", "cloud", "links", "bar", "box", "container", "wrapper",
                           "nav", "menu", "widget", "block", "items"})

# Embedded posts (tweets, Instagram) quoted by the story are part of it.
_EMBED_WORDS = frozenset({"embed", "embedded", "tweet", "twitter-tweet", "instagram"})

_STRONG_WORDS = frozenset(
    {"related", "comment", "comments", "share", "social", "newsletter", "promo", "ad", "ads",
     "advert", "advertisement", "sponsor", "sponsored", "cookie", "cookies", "consent"}
)


def tag_reason(tag: str) -> str | None:
    return _TAG_REASONS.get(tag)


def link_list_reason(link_density: float) -> str:
    return f"link list ({round(link_density * 100)}% of text in links)"


# Photo credits: explicit labels, agency notes and copyright signs at a caption's end.
_CREDIT_TAIL = re.compile(
    r"""(?ix)
    (?:^|(?<=[\s.;,]))
    (
      \( ?(?:AP|AFP|Reuters|EPA|Getty)\ Photo\b[^)]*\)          # (AP Photo/Evan Vucci)
    | (?:Photo(?:graph)?s?|Image|Picture|Pic|Credit|Illustration|Video|Foto)
      \ ?(?:credit)?\ ?[:|]\ ?\S.*                              # Photo: Jane Doe/AP
    | (?:©|\(c\)|Copyright)\ ?\S.*                              # © Getty Images
    | (?-i:(?:[A-Z][\w.'-]*\ ){0,3}[A-Z][\w.'-]*)\ ?/\ ?
      (?:AP|AFP|Reuters|Getty\ Images|EPA|Shutterstock)
      \b.*                                                       # John Smith/Getty Images
    | (?:Getty\ Images|Shutterstock|Reuters|AFP|AP|EPA)(?:\ via\ [\w\ ]+)?\.?  # Getty Images
    )\s*$""",
)


_MAX_CREDIT = 300


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a trailing photo credit from a caption: ``(caption, credit or None)``.

    >>> split_credit("The mayor speaks. Photo: Jane Doe/AP")
    ('The mayor speaks.', 'Photo: Jane Doe/AP')
    """
    # A credit is short: searching only the end keeps this linear on a long caption (from
    # every start the pattern's name and ".*" parts would otherwise read to the end).
    match = _CREDIT_TAIL.search(text, max(0, len(text) - _MAX_CREDIT))
    if not match:
        return text, None
    return text[: match.start(1)].strip(), match.group(1).strip()
