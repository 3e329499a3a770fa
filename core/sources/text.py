"""Plain text to blocks: paragraphs, and the label lines scraped text is full of.

Real scraped copies (one paragraph per line, blank lines between) carry short label lines
next to the story: the headline repeated, bylines, "Photo: ..., AP", "(AP Photo/...)",
"Updated 3:45 p.m. ET", "Close", "Save". Text wrapped at a fixed width (email, older
archives) comes as several lines per paragraph. Inside a blank-line block a line is joined
to the one before only when that one looks wrapped; every other line is its own block, so
labels never hide inside a paragraph. Text is kept exactly, apart from stripping the
whitespace around lines, joining wrapped lines with a space and dropping bullet marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.model import Block, BlockKind, Origin
from core.sources.detect import TooComplex

__all__ = ["parse_text"]


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based line in the source
    text: str  # stripped
    indented: bool = False  # the raw line started with whitespace


# --- credits ---------------------------------------------------------------------

_AGENCY = (
    r"(?:AP|Getty\s+Images|Getty|Reuters|AFP|EPA(?:-EFE)?|Shutterstock|Associated\s+Press|"
    r"Bloomberg|Alamy|iStock(?:photo)?|Lehtikuva|Sputnik|Xinhua|Pool|TASS|ANSA|dpa|NurPhoto|"
    r"SIPA|Corbis|WireImage|Zuma(?:\s+Press)?)"
)
_CREDIT_START = re.compile(
    r"""^(?:
        [©Ⓒ] | \(c\)\s | copyright\b
      | (?:photo(?:graph)?s?|images?|pictures?|illustrations?|photo\s+credits?|image\s+credits?
          |picture\s+credits?|credits?|courtesy|source)\s*:
      | (?:photo(?:graph)?|image|picture|illustration)s?\s+(?:by|courtesy\s+of)\s+\S
      | courtesy\s+of\s+\S
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A whole line in parentheses naming a photo or an agency: "(AP Photo/Evan Vucci)".
_CREDIT_PARENS = re.compile(
    rf"^\((?=[^()]*(?:(?i:photo|via\s|getty|reuters|afp|shutterstock|file\b)|\bAP\b|/\s*{_AGENCY}))"
    r"[^()]{2,150}\)$"
)
# "Getty Images/Alex Wong", "Pablo Martinez Monsivais | AP", "Name/AP".
_CREDIT_SLASH = re.compile(
    rf"(?:^{_AGENCY}\s*[/|]|[/|]\s*{_AGENCY}(?:\s*,\s*File)?$|^{_AGENCY}\s+Photo\b)"
)
# Where a credit glued onto other text starts: "...Restrictions© Getty Images/Alex Wong".
_GLUED_CREDIT = re.compile(
    rf"""(?:
        (?<=\S)\s*(?=[©Ⓒ]\s*\S)
      | (?<=\S)\s*(?=\((?:AP\s+Photo|Photo:|(?i:photo\s+by))[^()]{{0,100}}\)$)
      | (?<=\S)\s*(?=\([^()]{{0,100}}/\s*{_AGENCY}[^()]{{0,100}}\)$)
      | (?<=\S)\s{{2,}}(?=(?i:photo\s+credit|image\s+credit|photo|credit)\s*:)
    )""",
    re.VERBOSE,
)
_GLUED_NEEDS = re.compile("[©Ⓒ(:]")
_MAX_GLUED_CREDIT = 100


def _is_credit(text: str) -> bool:
    """A photo credit or rights line: "© ...", "Photo: ...", "(AP Photo/...)"."""
    return len(text) <= 200 and bool(_CREDIT_START.match(text) or _CREDIT_PARENS.match(text))


def _is_agency_credit(text: str) -> bool:
    """A photographer and agency joined by a slash or bar: "Getty Images/Alex Wong".

    Checked after bylines, so "A, B and C / AP" stays a byline.
    """
    if len(text) > 100 or not ("/" in text or "|" in text or "Photo" in text):
        return False  # what each of the pattern's alternatives needs
    return not _ends_sentence(text) and bool(_CREDIT_SLASH.search(text))


def _split_glued_credit(line: _Line) -> list[_Line]:
    """Split a credit glued to the end of a line off into a line of its own.

    Only the line's last characters are searched: a glued credit is short, and the
    pattern's lookaheads to the line's end would make a search of a long line quadratic.
    """
    start = max(0, len(line.text) - _MAX_GLUED_CREDIT - 4)
    if not _GLUED_NEEDS.search(line.text, start):  # each alternative looks ahead at one
        return [line]
    match = _GLUED_CREDIT.search(line.text, start)
    if match is None:
        return [line]
    head, credit = line.text[: match.start()].rstrip(), line.text[match.end() :].strip()
    if not head or not credit or len(credit) > _MAX_GLUED_CREDIT:
        return [line]
    return [_Line(line.number, head, line.indented), _Line(line.number, credit)]


# --- bylines ---------------------------------------------------------------------

_BYLINE = re.compile(r"^by\s+(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CONNECTORS = frozenset(
    {"and", "of", "the", "for", "in", "at", "de", "del", "der", "den", "van", "von", "la",
     "le", "da", "di", "du", "dos", "y", "e"}
)
_ROLE_WORDS = frozenset(
    {"staff", "writer", "writers", "reporter", "reporters", "correspondent", "editor",
     "editors", "contributor", "columnist", "special", "press", "news", "wire"}
)
_AGENCY_BYLINE = re.compile(
    r"^(?P<names>.*?)(?<!\s)\s*(?:[,|/\-–—]\s*)?(?:The\s+)?"
    r"(?:Associated\s+Press|AP|Reuters|AFP|CNN|Bloomberg|Agence\s+France-Presse)$",
    re.IGNORECASE,
)


def _names_like(text: str) -> bool:
    """Words that read as a list of names: capitalised, few ordinary lowercase words."""
    words = _NAME_WORD.findall(text)
    if not words or len(words) > 20 or not words[0][0].isupper():
        return False
    ordinary = [
        w for w in words
        if w[0].islower() and w.lower() not in _CONNECTORS and w.lower() not in _ROLE_WORDS
    ]
    return len(ordinary) <= 1


_AGENCY_ENDS = ("press", "ap", "reuters", "afp", "cnn", "bloomberg", "presse")
"""How `_AGENCY_BYLINE` can end, lower-cased (a pattern tried from every position of a
line costs 20-70 µs; checking the end first rules out almost every line)."""
_PUBLISHED_WORDS = ("published", "updated", "posted")
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
"""Characters IGNORECASE matches to an ASCII letter that ``str.lower`` does not give."""


def _folds(text: str) -> bool:
    return not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(text)


def _may_hold(text: str, literals: tuple[str, ...]) -> bool:
    """Whether lower-cased ``text`` may hold one of ``literals``, as an IGNORECASE
    pattern needing one would find it."""
    low = text.lower()
    return any(literal in low for literal in literals) or _folds(text)


def _may_end_with(text: str, endings: tuple[str, ...]) -> bool:
    """Whether lower-cased ``text`` may end with one of ``endings`` (``$`` also matches
    before a last line break)."""
    return text.lower().removesuffix("\n").endswith(endings) or _folds(text)


_PUBLISHED_TAIL = re.compile(r"\s(?:Published|Updated|Posted)\b.*$", re.IGNORECASE)
_MAX_BYLINE = 300


def _is_byline(text: str) -> bool:
    """"By Jane Doe", "by JANE DOE, Associated Press", "A, B and C, Associated Press".

    A publication time after the names ("... Associated Press Published 6:23 a.m. ET")
    is allowed.
    """
    if len(text) > _MAX_BYLINE + 100:  # names, then at most a date line
        return False
    tail = _PUBLISHED_TAIL.search(text) if _may_hold(text, _PUBLISHED_WORDS) else None
    dated = bool(tail) and _is_dateline(tail.group().strip())
    if tail and dated:
        text = text[: tail.start()].rstrip()
    if len(text) > _MAX_BYLINE or _ends_sentence(text.removesuffix(" Jr.").removesuffix(" Sr.")):
        return False
    match = _BYLINE.match(text)
    if match:
        return _names_like(match.group("rest"))
    match = _AGENCY_BYLINE.match(text) if _may_end_with(text, _AGENCY_ENDS) else None
    if match is None:
        return False
    names = match.group("names").strip(" ,|/-–—")
    if not names or names.lower() == "the":
        return True  # the agency alone: "The Associated Press"
    several = bool(re.search(r"\s(?:and|&)\s", names)) or names.count(",") >= 1
    return (several or dated) and _names_like(names)


# --- datelines -------------------------------------------------------------------

_DATE_PREFIX = re.compile(
    r"^(?:(?:last\s+)?updated|posted|published|originally\s+published|first\s+published"
    r"|modified)(?:\s+(?:on|at))?\s*:?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_DATE_NUM = r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
_DATE_TOKEN = (
    rf"(?:{_DATE_NUM}|{_TIME}|{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?"
    r"|[ap]\.?m\.?|[ECMP][SD]?T|GMT|UTC|BST|CES?T|at|on|of|the|today|yesterday|ago"
    r"|mins?|minutes?|hours?|hrs?|days?|weeks?|seconds?|secs?|[,;@|/\u2014\u2013\-·•])"
)
_DATE_ONLY = re.compile(rf"(?:\s*{_DATE_TOKEN}(?![\w:]))*\s*", re.IGNORECASE)
_DATE_ANCHOR = re.compile(
    rf"\b{_MONTH}(?!\w)|\b{_WEEKDAY}(?!\w)|\d:\d\d|\d\s*[ap]\.?\s?m\b|{_DATE_NUM}|\bago\b",
    re.IGNORECASE,
)


def _is_dateline(text: str) -> bool:
    """A line that is only a date or time, optionally "Updated"/"Posted"/"Published"."""
    if len(text) > 100:
        return False
    prefix = _DATE_PREFIX.match(text)
    rest = text[prefix.end() :] if prefix else text
    if not _DATE_ONLY.fullmatch(rest):
        return False
    return bool(prefix) or bool(_DATE_ANCHOR.search(rest))


# --- lists, headings -------------------------------------------------------------

# En and em dashes are left out: they also open tweet attributions and dialogue.
_ALNUM = re.compile(r"[^\W_]")  # = str.isalnum: \w is that and the underscore
_BULLET = re.compile(r"^[-*+•◦▪▸►‣·]\s+(?=\S)")
_COUNTER = re.compile(r"^(?:(?:image|photo|slide|picture)\s*)?\d+\s*(?:of|/)\s*/?\s*\d+$", re.I)
_URL = re.compile(r"https?://|www\.\w", re.I)
_NUMBERED = re.compile(r"^\(?\d{1,3}[.)]\s+(?=\S)")
_TERMINAL = ".!?:;,…"
_CLOSERS = "\"'”’»)]*"


def _ends_sentence(text: str) -> bool:
    """True when text ends with sentence punctuation (closing quotes ignored)."""
    core = text.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] in ".!?…"


def _is_heading(text: str) -> bool:
    """A short standalone line without terminal punctuation: a headline or section title."""
    words = text.split()
    if not 2 <= len(words) <= 20 or len(text) > 150 or _URL.search(text):
        return False
    first = text.lstrip("\"'“‘«([")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    core = text.rstrip(_CLOSERS + " ")
    if not core:
        return False
    if core[-1] == "?":
        return len(words) <= 12
    return core[-1] not in _TERMINAL


def _title_like(text: str) -> bool:
    """Most longer words capitalised and no sentence end: a headline, never wrapped prose."""
    if _ends_sentence(text):
        return False
    long_words = [w for w in _NAME_WORD.findall(text) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def _is_label(text: str) -> bool:
    return _is_credit(text) or _is_byline(text) or _is_agency_credit(text) or _is_dateline(text)


# --- segmentation ----------------------------------------------------------------

_MIN_WRAP, _MAX_WRAP = 30, 160
# A line ending in one of these words stops mid-sentence; headlines do not end so.
_GOES_ON = frozenset(
    {"the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
     "from", "as", "that", "which", "who", "is", "are", "was", "were", "has", "have", "had",
     "be", "his", "her", "their", "its", "our", "not", "into", "than"}
)


MAX_BLOCKS = 50_000
"""Blocks (paragraphs and lines of their own) a plain text may give: a block costs 30-60 µs
to read and clean (more to compare), so 500,000 short lines took most of a minute and
100,000 six seconds. A long article has a few hundred; a hard-wrapped book of 6 MB about
20,000, however many lines it has, because its wrapped lines join into paragraphs."""

_MAX_LINES = 5 * MAX_BLOCKS
"""Non-blank lines past which the text is refused before it is split at all (a wrapped
book of 15 MB has fewer)."""


def _too_many() -> TooComplex:
    return TooComplex(f"too many paragraphs and lines (the limit is {MAX_BLOCKS:,})")


def _groups(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines, split at blank lines.

    Raises `TooComplex` for text with more than `_MAX_LINES` non-blank lines, or more
    runs than `MAX_BLOCKS` (as soon as it has them: each run is one block at least)."""
    lines = text.split("\n")
    if len(lines) > _MAX_LINES:
        count = sum(1 for line in lines if not line.isspace() and line)
        if count > _MAX_LINES:
            raise _too_many()
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped:
            current.append(_Line(number, stripped, indented=raw[:1].isspace()))
        elif current:
            groups.append(current)
            current = []
            if len(groups) > MAX_BLOCKS:  # each run is a block at least
                raise _too_many()
    if current:
        groups.append(current)
    return groups


def _wrap_width(groups: list[list[_Line]]) -> int | None:
    """The column the text seems hard-wrapped at, or None when it is not wrapped.

    Measured on lines followed by another line in the same block (a paragraph's last
    line is short); the 90th percentile resists a stray long line.
    """
    lengths = sorted(len(line.text) for group in groups for line in group[:-1])
    if not lengths:
        return None
    width = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    return width if _MIN_WRAP <= width <= _MAX_WRAP else None


def _continues(segment: list[_Line], nxt: _Line, width: int | None) -> bool:
    """Whether ``nxt`` continues the (possibly wrapped) paragraph ``segment``.

    A line continues when the sentence plainly goes on (lower-case start, or the line
    before ends in a comma or dash), or when its first word would not have fitted on the
    line before at the text's wrap width. A headline-like single line is never extended
    by a capitalised line: that is a headline over a paragraph, not a wrap. An indented
    line under a bullet continues the list item whatever the width.
    """
    first, prev = segment[0], segment[-1]
    starts_item = bool(_BULLET.match(first.text) or _NUMBERED.match(first.text))
    if starts_item and nxt.indented and not (_BULLET.match(nxt.text) or _NUMBERED.match(nxt.text)):
        return True
    if width is None or _is_label(prev.text) or _is_label(nxt.text):
        return False
    if _BULLET.match(nxt.text) or _NUMBERED.match(nxt.text) or prev.text == nxt.text:
        return False
    if len(prev.text) < 0.5 * width:
        return False
    first_word = nxt.text.split(maxsplit=1)[0]
    last_word = prev.text.rsplit(maxsplit=1)[-1]
    if nxt.text[0].islower() or prev.text[-1] in ",;-–—(" or last_word in _GOES_ON:
        return True  # the sentence plainly goes on
    if len(prev.text) + 1 + len(first_word) <= width:
        return False  # the word would have fitted: the line ended on purpose
    return len(segment) > 1 or not _title_like(prev.text)


def _segments(group: list[_Line], width: int | None) -> list[list[_Line]]:
    """Lines of one blank-line block grouped into wrapped paragraphs and single lines."""
    pieces = [piece for line in group for piece in _split_glued_credit(line)]
    segments: list[list[_Line]] = []
    for piece in pieces:
        if segments and _continues(segments[-1], piece, width):
            segments[-1].append(piece)
        else:
            segments.append([piece])
    return segments


def _classify(text: str, *, single_line: bool) -> tuple[BlockKind, str]:
    """The kind of one segment and its text (bullet marks removed from list items)."""
    if not _ALNUM.search(text):
        return BlockKind.OTHER, text
    bullet = _BULLET.match(text)
    if bullet:
        return BlockKind.LIST_ITEM, text[bullet.end() :]
    if _NUMBERED.match(text):
        return BlockKind.LIST_ITEM, text
    if _is_credit(text):
        return BlockKind.CREDIT, text
    if _is_byline(text):
        return BlockKind.BYLINE, text
    if _is_agency_credit(text):
        return BlockKind.CREDIT, text
    if _COUNTER.match(text):
        return BlockKind.OTHER, text  # gallery counters: "Image 2 of 10", "1 / 4"
    if _is_dateline(text):
        return BlockKind.DATELINE, text
    if single_line and _is_heading(text):
        return BlockKind.HEADING, text
    if single_line and len(text) <= 40 and text[-1] not in _TERMINAL and (
        len(text.split()) == 1 or text[0].islower()
    ):
        return BlockKind.OTHER, text  # widget words: "Close", "Save", "comments"
    return BlockKind.PARAGRAPH, text


def parse_text(text: str) -> list[Block]:
    """Split plain text into blocks.

    Paragraphs end at blank lines. Inside a blank-line block, hard-wrapped lines are
    joined with single spaces; any other line is a block of its own, so a repeated
    headline, byline or photo credit is never glued to the story. A credit glued onto a
    line (``"...Restrictions© Getty Images/Alex Wong"``) is split off as a CREDIT block.

    >>> [(b.kind.value, b.text) for b in parse_text("Big News Today\\nBy Jane Doe\\n\\nIt rained.")]
    [('heading', 'Big News Today'), ('byline', 'By Jane Doe'), ('paragraph', 'It rained.')]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    groups = _groups(text)
    width = _wrap_width(groups)
    blocks: list[Block] = []
    for group in groups:
        for segment in _segments(group, width):
            if len(blocks) >= MAX_BLOCKS:
                raise _too_many()
            joined = " ".join(line.text for line in segment)
            kind, body = _classify(joined, single_line=len(segment) == 1)
            level = (1 if not blocks else 2) if kind is BlockKind.HEADING else 0
            blocks.append(Block(kind, body, Origin(line=segment[0].number), level=level))
    return blocks
