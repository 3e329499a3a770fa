"""Rules that recognise clutter in a single block of text, whatever the source format.

Each rule returns a reason naming its evidence, or None. They look at one block only;
rules that need the whole article (duplicates, tag lines) live in ``clean``.
"""

from __future__ import annotations

import re

from core.model import Block, BlockKind

_AGENCIES = (
    r"getty\s*images|ap\s*photo|associated\s*press|reuters|afp|epa|shutterstock|"
    r"alamy|istock|bloomberg|pa\s*images|pa\s*wire|xinhua|anadolu|sipa|zuma|"
    r"rex\s*features|nurphoto|imago|dpa|efe"
)
_CREDIT = re.compile(
    rf"^\s*(\(?\s*(©|\(c\)|copyright\b)?\s*(photo|image|picture|pic|foto|video|illustration)s?"
    rf"(\s*(credit|courtesy|by))?\s*[:/]"
    rf"|\(?\s*(©|\(c\))\s*({_AGENCIES}|[\w .'-]{{1,40}}/)"
    rf"|\(?\s*(credit|courtesy|source)\s*:"
    rf"|\(?\s*({_AGENCIES})\s*(/|\)|$))",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^\s*(copyright|©|\(c\))\s*(\d{4}|[\w .,&'-]{0,60}\ball rights reserved)"
    r"|all rights reserved\.?\s*$"
    r"|may not be published, broadcast, rewritten,? or redistributed",
    re.IGNORECASE,
)
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
}
_PROMO = re.compile(
    r"^\s*(read (also|more|next)|see also|related( stories| articles| coverage)?|"
    r"more (on|from) this|recommended|most (read|popular)|trending( now)?|"
    r"also read|don't miss|watch|listen|click here|tap here)\s*[:|»>-]",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\b(sign up for (our|the)\b.{0,40}\bnewsletter|subscribe to (our|the)\b.{0,40}"
    r"\b(newsletter|channel)|get (our|the) \w+( \w+)? newsletter|"
    r"delivered (straight )?to your inbox|enter your email( address)?|"
    r"by signing up,? you agree|sign up now|subscribe now)\b",
    re.IGNORECASE,
)
_CONSENT = re.compile(
    r"\b(we use cookies|this (web)?site uses cookies|cookie (policy|settings|preferences)|"
    r"accept (all )?cookies|by (continuing to )?(using|browsing) (this|our) (site|website))",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^\s*(follow (us|me)( on)?|like us on facebook|join (us|the conversation) on)\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"^\s*(tags?|topics?|filed under|categories|keywords)\s*:", re.IGNORECASE)


def photo_credit(block: Block) -> str | None:
    """A photo or picture-agency credit such as "© Getty Images/Alex Wong"."""
    text = block.text.strip()
    if len(text.split()) > 16:
        return None
    if block.kind is BlockKind.CREDIT or _CREDIT.match(text):
        return "photo credit"
    return None


def copyright_line(block: Block) -> str | None:
    """A copyright notice ("Copyright 2018 The Associated Press. All rights reserved.")."""
    text = block.text.strip()
    if len(text.split()) <= 40 and _COPYRIGHT.search(text):
        return "copyright line"
    return None


def widget_line(block: Block) -> str | None:
    """A site widget's label: "Advertisement", "Share", "Save", "More" ..."""
    key = block.text.strip().strip(".:!|»>-–— ").casefold()
    kind = _WIDGET_LINES.get(key)
    return f"{kind}: a site widget label ({block.text.strip()!r})" if kind else None


def promo_line(block: Block) -> str | None:
    """A "Read also:" / "Related:" promotion of other stories."""
    text = block.text.strip()
    if len(text.split()) <= 30 and _PROMO.match(text):
        return "promotion of other stories (starts like 'Read also:')"
    return None


def newsletter_box(block: Block) -> str | None:
    """A newsletter or subscription sign-up box."""
    if len(block.text.split()) <= 60 and _NEWSLETTER.search(block.text):
        return "newsletter sign-up"
    return None


def consent_banner(block: Block) -> str | None:
    """A cookie or consent banner."""
    if len(block.text.split()) <= 80 and _CONSENT.search(block.text):
        return "cookie/consent banner"
    return None


def social_line(block: Block) -> str | None:
    """A "Follow us on ..." line."""
    if len(block.text.split()) <= 20 and _SOCIAL.match(block.text):
        return "social media prompt"
    return None


def tags_line(block: Block) -> str | None:
    """An explicit "Tags: ..." line."""
    if len(block.text.split()) <= 30 and _TAGS.match(block.text):
        return "tag line ('Tags:')"
    return None


SINGLE_BLOCK_RULES = (
    photo_credit,
    copyright_line,
    widget_line,
    promo_line,
    newsletter_box,
    consent_banner,
    social_line,
    tags_line,
)


def single_block_reason(block: Block) -> str | None:
    """The first single-block rule that calls ``block`` clutter, if any."""
    for rule in SINGLE_BLOCK_RULES:
        reason = rule(block)
        if reason:
            return reason
    return None
