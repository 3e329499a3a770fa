"""Rules that recognise clutter in a single block of text, whatever the source format.

Each rule returns a reason naming its evidence, or None. They look at one block only;
rules that need the whole article (duplicates, tag lines) live in ``clean``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from core.model import Block, BlockKind

_CHARS_PER_WORD = 20
"""The longest average word a short block's word limit allows: a "word" of 100 KB
("A.A.A...") would otherwise pass a word-count guard and be searched whole."""


def _at_most(text: str, words: int) -> bool:
    """Whether ``text`` has at most ``words`` words (and so at most 20 characters each),
    checked without splitting a long text."""
    return len(text) <= _CHARS_PER_WORD * words and _facts(text).words <= words


_COUNTED_WORDS = 160
"""Words of a text counted: more than any rule's limit (the longest block a rule looks
at has 150), so a long paragraph is not split whole to count its words."""

_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
"""The characters an IGNORECASE pattern matches to an ASCII letter that ``str.lower``
does not turn into that letter (İ, dotless ı, long ſ, the Kelvin sign)."""


class _Facts(NamedTuple):
    """What the rules ask about one text, worked out once."""

    text: str
    low: str
    words: int  # up to `_COUNTED_WORDS` + 1 ("more than any limit")
    folds: bool


_last: list[_Facts] = [_Facts("", "", 0, False)]
"""The last text's facts: the rules look at one block after another (a pure function of
the text, so keeping them changes no result; each call reads one whole tuple, so threads
never mix two texts' facts)."""


def _facts(text: str) -> _Facts:
    facts = _last[0]
    if facts.text is not text:
        facts = _last[0] = _Facts(text, text.lower(), len(text.split(None, _COUNTED_WORDS)),
                                  not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text))
    return facts


def _has_any(text: str, literals: tuple[str, ...]) -> bool:
    """Whether lower-cased ``text`` holds one of ``literals`` (ASCII, lower case): what
    each of a pattern's alternatives needs, checked before the pattern. A pattern tries
    every alternative at every position (40 µs for a 200-character paragraph); a substring
    search is many times faster and rules almost every block out. Text holding a
    character of `_FOLDS_TO_ASCII` always passes, so no match is ever skipped."""
    facts = _facts(text)
    if facts.folds:
        return True
    low = facts.low
    for literal in literals:  # noqa: SIM110 (a loop is twice as fast as any() here)
        if literal in low:
            return True
    return False


def _may_start(text: str, starts: tuple[str, ...], *, paren: bool = False) -> bool:
    """Whether lower-cased ``text``, after leading white space (and, with ``paren``, an
    opening parenthesis and white space after it), starts with one of ``starts``: what an
    anchored pattern's alternatives need, checked before it (as in `_has_any`, text
    holding a character of `_FOLDS_TO_ASCII` always passes)."""
    facts = _facts(text)
    if facts.folds:
        return True
    head = facts.low.lstrip()
    if head.startswith(starts):
        return True
    return paren and head.startswith("(") and head[1:].lstrip().startswith(starts)


_AGENCIES = (
    r"getty\s*images|ap\s*photo|associated\s*press|reuters|afp|epa|shutterstock|"
    r"alamy|istock|bloomberg|pa\s*images|pa\s*wire|xinhua|anadolu|sipa|zuma|"
    r"rex\s*features|nurphoto|imago|dpa|efe"
)
# No two whitespace quantifiers touch (an optional "(" between them still lets a run of
# spaces be split every way between them, quadratic or worse).
_CREDIT = re.compile(
    rf"^\s*(?:\(\s*)?(?:((?:©|\(c\)|copyright\b)\s*)?"
    rf"(photo|image|picture|pic|foto|video|illustration)s?(\s*(credit|courtesy|by))?\s*[:/]"
    rf"|(©|\(c\))\s*({_AGENCIES}|[\w .'-]{{1,40}}/)"
    rf"|(credit|courtesy|source)\s*:"
    rf"|({_AGENCIES})\s*(/|\)|$))",
    re.IGNORECASE,
)
_CREDIT_STARTS = (
    "©", "(c)", "copyright", "photo", "image", "picture", "pic", "foto", "video",
    "illustration", "credit", "courtesy", "source", "getty", "ap", "associated", "reuters",
    "afp", "epa", "shutterstock", "alamy", "istock", "bloomberg", "pa", "xinhua", "anadolu",
    "sipa", "zuma", "rex", "nurphoto", "imago", "dpa", "efe",
)
"""What `_CREDIT` needs at its start (after white space and an optional "(")."""
_COPYRIGHT = re.compile(
    r"^\s*(copyright|©|\(c\))\s*(\d{4}|[\w .,&'-]{0,60}\ball rights reserved)"
    r"|all rights reserved\.?\s*$"
    r"|may not be published, broadcast, rewritten,? or redistributed",
    re.IGNORECASE,
)
_COPYRIGHT_NEEDS = ("copyright", "©", "(c)", "all rights reserved", "may not be published")
# Whole-block phrases sites put around the story (compared after lower-casing and
# stripping punctuation at the ends).
_WIDGET_LINES = {
    "advertisement": "advertisement",
    "ad": "advertisement",
    "sponsored": "advertisement",
    "sponsored content": "advertisement",
    "story continues below advertisement": "advertisement",
    "continue reading the main story": "advertisement",
    "share": "share buttons",
    "share this": "share buttons",
    "share this article": "share buttons",
    "share this story": "share buttons",
    "share story": "share buttons",
    "share on facebook": "share buttons",
    "share on twitter": "share buttons",
    "tweet": "share buttons",
    "email": "share buttons",
    "print": "share buttons",
    "save": "share buttons",
    "more": "site widget",
    "comments": "comments",
    "show comments": "comments",
    "view comments": "comments",
    "close": "site widget",
    "skip to content": "navigation",
    "skip to main content": "navigation",
    "back to top": "navigation",
    "menu": "navigation",
    "home": "navigation",
    "watch": "site widget",
    "listen": "site widget",
    "play": "site widget",
    "loading": "site widget",
    "image": "site widget",
    "video": "site widget",
    "photo": "site widget",
    "next": "navigation",
    "previous": "navigation",
    "next article": "navigation",
    "previous article": "navigation",
    "prev": "navigation",
    "scroll to top": "navigation",
    "scroll to top of page": "navigation",
    "back to gallery": "navigation",
    "edit": "site widget",
    "comment": "comments",
    "join the conversation": "comments",
    "sign up": "newsletter sign-up",
    "subscribe": "newsletter sign-up",
    "posted": "date line",
    "updated": "date line",
    "published": "date line",
    "congratulations": "site widget",
    "uh-oh": "site widget",
    "related content": "related stories",
    "related stories": "related stories",
    "related articles": "related stories",
    "more stories": "related stories",
    "most read": "related stories",
    "most popular": "related stories",
    "popular stories": "related stories",
    "top stories": "related stories",
    "you may also like": "related stories",
    "purchase: order reprint": "site widget",
    "order reprint": "site widget",
    "cancel": "site widget",
    "send": "site widget",
    "cancelsend": "site widget",
    "powered by ask": "site widget",
}
_PROMO = re.compile(
    r"^\s*((read (also|more|next)|see also|related( stories| articles| coverage)?|"
    r"more (on|from) this|recommended|most (read|popular)|trending( now)?|"
    r"also read|don't miss|watch|listen|click here|tap here|previous story|next story|"
    r"now playing|recommended video|media)\s*[:|»>-]"
    r"|see (photos|more|the video)\b|photos?:|videos?:)",
    re.IGNORECASE,
)
_PROMO_STARTS = (
    "read ", "see ", "related", "more ", "recommended", "most ", "trending", "also read",
    "don't miss", "watch", "listen", "click here", "tap here", "previous story",
    "next story", "now playing", "media", "photo", "video",
)
"""What `_PROMO` needs at its start (after white space)."""
_NEWSLETTER = re.compile(
    r"\b(sign up for\b.{0,40}\bnewsletters?|subscribe to (our|the)\b.{0,40}"
    r"\b(newsletter|channel)|get (our|the) \w+( \w+)? newsletter|"
    r"delivered (straight )?to your inbox|enter your email( address)?|"
    r"by (signing up|clicking [\w ]{1,20}),? you agree|sign up now|subscribe now|"
    r"sign me up|thank you for signing up|be the first to know|"
    r"get (the latest )?breaking news( alerts)?|turn on notifications|"
    r"enable notifications|you are signed in as|"
    r"subscription associated with|get (daily|weekly) [\w ]{1,30} headlines|"
    r"with a digital subscription|never miss a (local )?story)\b",
    re.IGNORECASE,
)
_NEWSLETTER_NEEDS = (
    "sign up for", "subscribe to ", "newsletter", "delivered ", "enter your email",
    "you agree", "sign up now", "subscribe now", "sign me up", "thank you for signing up",
    "be the first to know", "breaking news", "notifications", "you are signed in as",
    "subscription associated with", "headlines", "with a digital subscription",
    "never miss a ",
)
# Phrases that also occur in reporting ("print subscriptions fell"): only in short blocks.
_SUBSCRIPTION_PITCH = re.compile(
    r"\b(digital access|unlimited access|(digital|print) subscription)\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings|preferences)|"
    r"accept (all )?cookies|by (continuing to )?(using|browsing) (this|our) (site|website))",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^\s*(follow (us|me|the [\w .'&-]{1,40})( on\b)?|like us on facebook|"
    r"follow [\w .'&-]{1,60} on (twitter|facebook|instagram|x|threads|bluesky)\b|"
    r"join (us|the conversation)\b|read or share this story|share this (story|article)|"
    r"a link has been (sent|posted)|post to (facebook|twitter))",
    re.IGNORECASE,
)
_SOCIAL_STARTS = ("follow ", "like us on facebook", "join ", "read or share this story",
                  "share this ", "a link has been ", "post to ")
"""What `_SOCIAL` needs at its start (after white space)."""
_SHARE_WORDS = re.compile(
    r"facebook|twitter|tweet|e-?mail|linkedin|pinterest|google\+?|share|comments?|more|"
    r"whatsapp|reddit|print|messenger|flipboard|connect|copy link|fb|g",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^\s*((tags?|topics?|categories|keywords)\s*:|filed under\b)",
                   re.IGNORECASE)
_TAGS_STARTS = ("tag", "topic", "categories", "keywords", "filed under")
"""What `_TAGS` needs at its start (after white space)."""
_WEATHER = re.compile(
    r"accuweather|\b(high|low) -?\d+°?\s?[fc]\b.{0,40}\bwinds?\b|"
    r"enter city and state|zip code|your weather is set to",
    re.IGNORECASE,
)
_WEATHER_NEEDS = ("accuweather", "wind", "enter city and state", "zip code",
                  "your weather is set to")
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
_COUNTER = re.compile(r"^\s*((image|photo|slide|picture) \d+ of \d+|\d+\s*/\s*\d+)\s*$",
                      re.IGNORECASE)


_CREDIT_INSIDE = re.compile(
    r"getty\s*images|\bap photo\b|\bafp photo\b|/\s*(ap|afp|reuters|epa|getty)\b|"
    r"\b(ap|afp|reuters|epa)\s*/|shutterstock|\bvia (ap|getty|reuters|afp|cnn)\b",
    re.IGNORECASE,
)


_CREDIT_INSIDE_NEEDS = ("getty", "ap photo", "afp photo", "/", "shutterstock", "via ")


def photo_credit(block: Block) -> str | None:
    """A photo or picture-agency credit such as "© Getty Images/Alex Wong"."""
    text = block.text.strip()
    if not _at_most(text, 16):
        return None
    if block.kind is BlockKind.CREDIT or \
            (_may_start(text, _CREDIT_STARTS, paren=True) and _CREDIT.match(text)):
        return "photo credit"
    if _facts(text).words <= 12 and not text.endswith(".") and \
            _has_any(text, _CREDIT_INSIDE_NEEDS) and _CREDIT_INSIDE.search(text):
        return "photo credit"
    return None


_WEEKDAY_DATE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? "
    r"(jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(r"\b[A-Z][\w.]{0,40}, (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                         r"Sunday),? [A-Z][a-z]+\.? \d{1,2},? \d{4}\b")
_PHOTO_POSITION = re.compile(r", (left|right|center|centre|second (left|right)|foreground|"
                             r"background|top|bottom)(,|\))|\bfrom left\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")  # a full date has its year
_POSITION_NEEDS = ("left", "right", "cent", "ground", "top", "bottom")
_GALLERY_TOGGLE = re.compile(r"(\s(less|\.\.\. ?more)|…\s?more)\s*$", re.IGNORECASE)
_TRAILING_CREDIT = re.compile(r"\((ap|afp|reuters|getty)[^()]{0,60}\)\s*(less|more)?\s*$|"
                              r"\([^()]{0,60}\b(via ap|ap photo|/ap|/afp|/reuters)\)\s*"
                              r"(less|more)?\s*$", re.IGNORECASE)


_FILE_PHOTO = re.compile(r"^\s*(file\s*[-–—:]\s*)?in (this|these) .{0,60}?\b(file )?"
                         r"(photo|image|picture)s?\b", re.IGNORECASE)
_SCRIPT = re.compile(r"\bwindow\.\w+\s*=|\bfunction\s*\(|\}\);|\.push\(\{|"
                     r"\bvar \w+\s*=|document\.(write|getelementbyid)|<script\b",
                     re.IGNORECASE)


_SCRIPT_NEEDS = ("window.", "function", "});", ".push({", "var ", "document.", "<script")
_SCRIPT_SAMPLE = 5_000
"""Characters of a block looked at for script code (leaked code shows at once)."""


def script_code(block: Block) -> str | None:
    """Script source that leaked into the text ("window._taboola = ...")."""
    if block.kind is not BlockKind.CODE and _has_any(
            block.text if len(block.text) <= _SCRIPT_SAMPLE else block.text[:_SCRIPT_SAMPLE],
            _SCRIPT_NEEDS) \
            and _SCRIPT.search(block.text, 0, _SCRIPT_SAMPLE):
        return "script code, not text"
    return None


def photo_caption(block: Block) -> str | None:
    """A news photo's caption in running text.

    Agency captions name where people stand ("Trump, left, and ..."), carry the full
    weekday-and-date ("Monday, July 16, 2018") and often end in the photo credit or a
    gallery's "less"/"... more" toggle; story paragraphs almost never do.
    """
    text = block.text.strip()
    if not _at_most(text, 150):
        return None
    parens = "(" in text  # every trailing credit is in parentheses
    if (len(_TRAILING_CREDIT.sub("", text).split()) if parens else _facts(text).words) < 4:
        return None
    evidence = []
    if _may_start(text, ("file", "in th")) and _FILE_PHOTO.match(text):
        evidence.append("starts like an agency's file-photo caption")
    if parens and _TRAILING_CREDIT.search(text):
        evidence.append("ends with a photo credit")
    if _has_any(text, ("less", "more")) and _GALLERY_TOGGLE.search(text):
        evidence.append("ends with a gallery's 'more'/'less'")
    dated = _has_any(text, ("day",)) and _DIGIT.search(text) and _WEEKDAY_DATE.search(text)
    placed = _has_any(text, _POSITION_NEEDS)
    if not dated and placed and _PHOTO_POSITION.search(text) and _facts(text).words <= 45 \
            and not ('"' in text or "“" in text or "”" in text):
        evidence.append("names where people stand in a photo")
    if dated and placed and _PHOTO_POSITION.search(text):
        evidence.append("names positions in a photo and its date")
    elif dated and _PLACE_DATE.search(text):
        evidence.append("place and full date as in an agency caption")
    if evidence:
        return f"photo caption ({'; '.join(evidence)})"
    return None


def copyright_line(block: Block) -> str | None:
    """A copyright notice ("Copyright 2018 The Associated Press. All rights reserved.")."""
    text = block.text.strip()
    if _at_most(text, 40) and _has_any(text, _COPYRIGHT_NEEDS) and _COPYRIGHT.search(text):
        return "copyright line"
    return None


_WIDGET_PATTERN = re.compile(
    r"^(trending|most (read|popular|viewed|shared)|more) (in|from|on) [\w &'-]{1,30}$"
    r"|^most (read|popular|viewed|shared)\b[\w &'-]{0,30} stories$|^[\w.-]+ video$"
    r"|^[\w.-]+ icon$|^powered by \w+$",
    re.IGNORECASE,
)


_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+){0,2}")


_WIDGET_STRIP = ".:!|»>-–—•; "
_WIDGET_WORDS = 20
"""The most words a label `widget_line` knows has: one of 40 characters or fewer."""


def widget_line(block: Block) -> str | None:
    """A site widget's label: "Advertisement", "Share", "Save", "More" ..."""
    text = block.text
    if _facts(text).words > _WIDGET_WORDS and text.split(None, 1)[0].strip(_WIDGET_STRIP) \
            and text.rsplit(None, 1)[-1].strip(_WIDGET_STRIP):
        return None  # no end word is all stripped away: the label would keep every word
    key = " ".join(text.split()).strip(_WIDGET_STRIP).casefold()
    kind = _WIDGET_LINES.get(key)
    if kind is None and len(key) <= 40 and _WIDGET_PATTERN.match(key):
        kind = "site widget"
    # a short label line that is not one of the phrases above is a widget's only when it
    # is more than plain words ("thumb|photo", "(68102)", "×"): one to three plain words
    # alone on a line are as often the article's own section heading ("Development")
    if kind is None and block.kind is BlockKind.OTHER and len(key.split()) <= 3 \
            and not _PLAIN_WORDS.fullmatch(key):
        kind = "site widget"
    return f"{kind}: a site widget label ({block.text.strip()!r})" if kind else None


def promo_line(block: Block) -> str | None:
    """A "Read also:" / "Related:" promotion of other stories."""
    text = block.text.strip()
    if _at_most(text, 30) and _may_start(text, _PROMO_STARTS) and _PROMO.match(text):
        return "promotion of other stories (starts like 'Read also:')"
    return None


def newsletter_box(block: Block) -> str | None:
    """A newsletter or subscription sign-up box."""
    if _at_most(block.text, 60) and _has_any(block.text, _NEWSLETTER_NEEDS) and \
            _NEWSLETTER.search(block.text):
        return "newsletter sign-up"
    if _at_most(block.text, 25) and _has_any(block.text, ("access", "subscription")) and \
            _SUBSCRIPTION_PITCH.search(block.text):
        return "newsletter sign-up"
    return None


def consent_banner(block: Block) -> str | None:
    """A cookie or consent banner."""
    if _at_most(block.text, 80) and \
            _has_any(block.text, ("cookie", "by using", "by browsing", "by continuing to")) and \
            _CONSENT.search(block.text):
        return "cookie/consent banner"
    return None


def social_line(block: Block) -> str | None:
    """A "Follow us on ..." line."""
    if _at_most(block.text, 20) and _may_start(block.text, _SOCIAL_STARTS) and \
            _SOCIAL.match(block.text):
        return "social media prompt"
    return None


_THREE_NO_SHARE = re.compile("[jquvxz0-9][^jquvxz0-9]*[jquvxz0-9][^jquvxz0-9]*[jquvxz0-9]")
"""Three word characters (lower-cased) that none of `_SHARE_WORDS` holds."""


def share_line(block: Block) -> str | None:
    """A row of share-button labels ("Facebook Twitter Email", "fbShare Tweet gShare")."""
    text = block.text.strip()
    if len(text) > 80 or not text:
        return None
    if _THREE_NO_SHARE.search(_facts(text).low):
        return None  # three word characters no share word has are left whatever is removed
    rest = _SHARE_WORDS.sub("", text)
    if len(re.sub(r"[\W_]", "", rest)) <= 2 and len(text) >= 5:
        return "share buttons"
    return None


def weather_widget(block: Block) -> str | None:
    if _at_most(block.text, 30) and _has_any(block.text, _WEATHER_NEEDS) and \
            _WEATHER.search(block.text):
        return "weather widget"
    return None


def bare_link(block: Block) -> str | None:
    if _URL_ONLY.match(block.text):
        return "bare link (embed code or link list)"
    return None


def gallery_counter(block: Block) -> str | None:
    if _COUNTER.match(block.text):
        return f"gallery counter ({block.text.strip()!r})"
    return None


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def separator_line(block: Block) -> str | None:
    if not _LETTER_OR_DIGIT.search(block.text):
        return "separator line (no words)"
    return None


_CONTRIBUTORS = re.compile(
    r"\b(associated press|ap|reuters|afp|cnn|staff) (writers?|reporters?|correspondents?)\b"
    r".{0,120}\bcontributed\b|^[A-Z][\w'-]+ (reported|contributed) from [A-Z]|"
    r"\bcontributed (to )?this (report|story|article)\b",
    re.IGNORECASE,
)
_TWEET_SIGNOFF = re.compile(
    r"^\s*[-–—]{1,2}\s*[^()]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}\s*$")
_TWEET_LINK = re.compile(r"(https?://t\.co/\w+|pic\.twitter\.com/\w+)\s*$")


def contributor_line(block: Block) -> str | None:
    """ "Associated Press writers X and Y contributed to this report." """
    if _at_most(block.text, 60) and _has_any(block.text, ("contributed", "reported from")) \
            and _CONTRIBUTORS.search(block.text):
        return "contributor note"
    return None


def embedded_post(block: Block) -> str | None:
    """An embedded tweet: its "— Name (@handle) July 16, 2018" line or its text with link.

    In plain text a scraper leaves these as loose lines beside the story's own account of
    the post; in HTML an embed marked up as a quotation is kept as part of the story.
    """
    if block.kind is BlockKind.QUOTE:
        return None
    if _TWEET_SIGNOFF.match(block.text):
        return "embedded social media post (its sign-off line)"
    if _at_most(block.text, 60) and ("t.co/" in block.text or "pic.twitter.com/" in block.text) \
            and _TWEET_LINK.search(block.text):
        return "embedded social media post (ends with its link)"
    return None


def tags_line(block: Block) -> str | None:
    """An explicit "Tags: ..." line."""
    if _at_most(block.text, 30) and _may_start(block.text, _TAGS_STARTS) and \
            _TAGS.match(block.text):
        return "tag line ('Tags:')"
    return None


_SYNDICATION = re.compile(
    r"\b(this|the) (article|story|post|piece|essay|column|report) (was )?(originally|first) "
    r"(appeared|appears|published|ran|posted)\b"
    r"|\b(originally|first) (appeared|published|ran|posted) (on|in|at|by)\b.{0,160}"
    r"\b(is|was|has been) (republished|reprinted|reposted)\b"
    r"|\b(republished|reprinted|reposted) (here )?(with|by) (the )?(kind )?permission\b"
    r"|\bis republished from\b.{0,120}\bcreative commons\b",
    re.IGNORECASE,
)
_SYNDICATION_NEEDS = ("originally", "first appear", "first published", "first ran",
                      "first posted", "permission", "republished")
_SYNDICATION_CHARS = 400


def syndication_line(block: Block) -> str | None:
    """A note that the story ran elsewhere first ("This article originally appeared on
    ... and is republished with permission.")."""
    text = block.text
    if len(text) <= _SYNDICATION_CHARS and _has_any(text, _SYNDICATION_NEEDS) and \
            _SYNDICATION.search(text):
        return "syndication note (where the story first appeared)"
    return None


SINGLE_BLOCK_RULES = (
    separator_line,
    script_code,
    gallery_counter,
    bare_link,
    photo_caption,
    photo_credit,
    copyright_line,
    widget_line,
    promo_line,
    newsletter_box,
    consent_banner,
    social_line,
    contributor_line,
    embedded_post,
    share_line,
    weather_widget,
    tags_line,
    syndication_line,
)


_LONGEST_CLUTTER = 20_000
"""Characters; every rule here is about a line or a short box, never a passage this long."""

_NO_LIMIT = 1 << 62


class _Gate(NamedTuple):
    """What a rule checks before anything else, so a block outside its gate is one the
    rule never calls clutter: at most ``words`` words and ``chars`` characters, and, when
    ``needs`` or ``starts`` are given, one of ``needs`` in the lower-cased text or the text
    starting (after white space, with ``paren`` also after a "(") with one of ``starts``
    (text holding a character of `_FOLDS_TO_ASCII` always passes); a block of one of
    ``kinds`` passes the literal part."""

    words: int = _NO_LIMIT
    chars: int = _NO_LIMIT
    needs: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    paren: bool = False
    kinds: frozenset[BlockKind] = frozenset()


_CAPTION_NEEDS = ("(", "less", "more", "day", *_POSITION_NEEDS, "file", "in th")
"""What one piece of `photo_caption`'s evidence needs (its file-photo start, a trailing
credit's parenthesis, the gallery toggle, a weekday's date, a position in the photo)."""
_GATES: dict[object, _Gate] = {
    script_code: _Gate(needs=_SCRIPT_NEEDS),
    photo_caption: _Gate(words=150, needs=_CAPTION_NEEDS),
    photo_credit: _Gate(words=16, needs=_CREDIT_INSIDE_NEEDS, starts=_CREDIT_STARTS,
                        paren=True, kinds=frozenset({BlockKind.CREDIT})),
    copyright_line: _Gate(words=40, needs=_COPYRIGHT_NEEDS),
    promo_line: _Gate(words=30, starts=_PROMO_STARTS),
    newsletter_box: _Gate(words=60, needs=(*_NEWSLETTER_NEEDS, "access", "subscription")),
    consent_banner: _Gate(words=80, needs=("cookie", "by using", "by browsing",
                                           "by continuing to")),
    social_line: _Gate(words=20, starts=_SOCIAL_STARTS),
    contributor_line: _Gate(words=60, needs=("contributed", "reported from")),
    embedded_post: _Gate(needs=("(@", "t.co/", "pic.twitter.com/")),
    weather_widget: _Gate(words=30, needs=_WEATHER_NEEDS),
    tags_line: _Gate(words=30, starts=_TAGS_STARTS),
    syndication_line: _Gate(chars=_SYNDICATION_CHARS, needs=_SYNDICATION_NEEDS),
    bare_link: _Gate(starts=("http", "www.")),
}


def _shortest_inside(literals: tuple[str, ...]) -> tuple[str, ...]:
    """``literals`` without those holding another of them (present whenever they are)."""
    return tuple(a for a in literals if not any(b != a and b in a for b in literals))


_GATE_LITERALS = _shortest_inside(
    tuple(dict.fromkeys(n for gate in _GATES.values() for n in gate.needs)))
_COVERS = {gate: frozenset(short for short in _GATE_LITERALS for need in gate.needs
                          if short in need) for gate in _GATES.values()}
"""Per gate, the `_GATE_LITERALS` inside its needs: one of them is there when a need is."""
_GATE_STARTS = ("(", *dict.fromkeys(t for gate in _GATES.values() for t in gate.starts))
_GATE_KINDS = frozenset(k for gate in _GATES.values() for k in gate.kinds)
_UNGATED = tuple(rule for rule in SINGLE_BLOCK_RULES if rule not in _GATES)
"""The rules called on a block that no gate's literal, start or kind lets through."""


def _passes(gate: _Gate, block: Block, facts: _Facts, present: frozenset[str],
            head: str) -> bool:
    """Whether ``block`` is within ``gate``; ``present`` are the `_GATE_LITERALS` its
    lower-cased text holds, ``head`` that text without the white space before it."""
    if facts.words > gate.words or len(facts.text) > gate.chars:
        return False
    if facts.folds or block.kind in gate.kinds or not (gate.needs or gate.starts):
        return True
    if not present.isdisjoint(_COVERS[gate]):
        return True
    if gate.starts:
        if head.startswith(gate.starts):
            return True
        return gate.paren and head.startswith("(") and head[1:].lstrip().startswith(gate.starts)
    return False


_WORD_LIMITS = tuple(sorted({g.words for g in _GATES.values()} - {_NO_LIMIT}))
_CHAR_LIMITS = tuple(sorted({g.chars for g in _GATES.values()} - {_NO_LIMIT}))
_START_GATES = tuple(g for g in dict.fromkeys(_GATES.values()) if g.starts)
_START_TUPLES = tuple(gate.starts for gate in _START_GATES)
_PLANS_HELD = 4_096
"""Rule lists kept (`_plan`): the combinations of facts real text gives are few."""


class _Plans:
    """The rules to call for each combination of the facts the gates look at, worked out
    once per combination for the rules and gates of the moment (tests replace them)."""

    def __init__(self) -> None:
        self.made_for: tuple[object, object] = ((), {})
        self.literals: dict[tuple[int, int], tuple[str, ...]] = {}
        self.rules: dict[tuple[object, ...], tuple[object, ...]] = {}

    def check(self) -> None:
        made_for = self.made_for
        if made_for[0] is not SINGLE_BLOCK_RULES or made_for[1] is not _GATES:
            self.made_for = (SINGLE_BLOCK_RULES, _GATES)
            self.literals.clear()
            self.rules.clear()


_plans = _Plans()


def _size_literals(size: tuple[int, int]) -> tuple[str, ...]:
    """The `_GATE_LITERALS` some gate that a text of this size class fits needs."""
    found = _plans.literals.get(size)
    if found is None:
        words, chars = size
        wanted = frozenset(
            short for gate in _GATES.values()
            if (gate.words == _NO_LIMIT or _WORD_LIMITS.index(gate.words) >= words)
            and (gate.chars == _NO_LIMIT or _CHAR_LIMITS.index(gate.chars) >= chars)
            for short in _COVERS[gate])
        found = _plans.literals[size] = tuple(s for s in _GATE_LITERALS if s in wanted)
    return found


def single_block_reason(block: Block) -> str | None:
    """The first single-block rule that calls ``block`` clutter, if any.

    A rule is only called on a block within its gate (`_GATES`), checked on facts worked
    out once per block: on a page of 100,000 short paragraphs, calling every rule only
    for it to find that a word it needs is missing was most of the work. The gates'
    verdicts depend on a few facts only (size class, the literals present, the start,
    the kind), so the list of rules to call is worked out once per combination of them,
    and only the literals of gates a text's size fits are looked for.
    """
    text = block.text
    if len(text) > _LONGEST_CLUTTER:
        return None
    _plans.check()
    facts = _facts(text)
    size = (bisect_left(_WORD_LIMITS, facts.words), bisect_left(_CHAR_LIMITS, len(text)))
    literals = _plans.literals.get(size) or _size_literals(size)
    low = facts.low
    present = frozenset([literal for literal in literals if literal in low])
    head = low.lstrip()
    starts = None
    if head.startswith(_GATE_STARTS):
        starts = tuple(map(head.startswith, _START_TUPLES)) if head[0] != "(" else \
            tuple(_starts_within(gate, head) for gate in _START_GATES)
    key = (size, present, facts.folds, block.kind, starts)
    rules = _plans.rules.get(key)
    if rules is None:
        rules = _plan(block, facts, present, head)
        if len(_plans.rules) >= _PLANS_HELD:
            _plans.rules.clear()
        _plans.rules[key] = rules
    for rule in rules:
        reason = rule(block)  # type: ignore[operator]
        if reason:
            return reason
    return None


def _starts_within(gate: _Gate, head: str) -> bool:
    if head.startswith(gate.starts):
        return True
    return gate.paren and head.startswith("(") and head[1:].lstrip().startswith(gate.starts)


def _plan(block: Block, facts: _Facts, present: frozenset[str], head: str
          ) -> tuple[object, ...]:
    """The rules ``block`` is within the gates of, in their order (`_passes` for each)."""
    gates = _GATES
    return tuple(rule for rule in SINGLE_BLOCK_RULES
                 if (gate := gates.get(rule)) is None
                 or _passes(gate, block, facts, present, head))
