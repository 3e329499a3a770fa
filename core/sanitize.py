"""Making text from a file safe to show, compare and write out.

Three things in a file's text are never article text and each is an attack on some output:
control characters (printed to a terminal they recolour, retitle or clear it; bidirectional
embeddings, overrides and isolates reorder the letters a terminal, the window and the
report show, so the text read is not the text compared), lone UTF-16
surrogates (no output encoding can write them: every writer would fail), and runs of
hundreds of combining marks on one letter ("Zalgo" text: Unicode normalisation reorders
such a run in quadratic time, and no renderer shows more than a few). They can come from
the bytes themselves or appear only after decoding, from an HTML entity (``&#27;``), a
JSON-LD escape (``\\u001b``, ``\\ud800``) or a Markdown character reference, so every
text a loader produces passes through `clean_text`.

File names are shown, not cleaned: `shown_name` escapes what must not reach a terminal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["MAX_COMBINING", "cap_combining", "clean_text", "shown_name"]

MAX_COMBINING = 30
"""Most combining marks kept after one character: Unicode's stream-safe text format limit
(UAX #15), far above what any language writes on one letter."""

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab, LF, VT, FF, CR; DEL; C1 controls (escape sequences start here);
the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): an
override shows "txt.exe" as "exe.txt", and Unicode's own bidi rules show right-to-left
text right without them. The marks LRM, RLM and ALM (U+200E, U+200F, U+061C) stay: they
only settle the direction of neighbouring punctuation and digits, cannot turn a run of
letters around, and right-to-left writing uses them."""
_SURROGATES = re.compile("[\ud800-\udfff]")


@cache
def _combining_runs(astral: bool) -> re.Pattern[str]:
    """Runs of more than `MAX_COMBINING` marks that normalisation reorders (canonical
    combining class above 0, all in planes 0 and 1), built on first use. A class with
    characters beyond the BMP is several times slower to scan, so it is only used for
    text that has such characters."""
    codes = [c for c in range(0x300, 0x20000 if astral else 0x10000)
             if unicodedata.combining(chr(c))]
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(re.escape(chr(start)) if start == previous
                      else f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
        start = previous = code
    marks = "".join(ranges)
    return re.compile(f"([{marks}]{{{MAX_COMBINING}}})[{marks}]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def cap_combining(text: str) -> str:
    """``text`` with every run of combining marks cut to `MAX_COMBINING`: before NFC/NFKC
    normalisation, which sorts such a run in quadratic time (15 s for 100,000 marks)."""
    if text.isascii():
        return text
    return _combining_runs(bool(_ASTRAL.search(text))).sub(r"\1", text)


def clean_text(text: str) -> str:
    """``text`` without control characters (but tab and line breaks; a vertical tab or
    form feed becomes a line break) and bidirectional overrides, with lone surrogates
    replaced by U+FFFD and combining-mark runs cut to `MAX_COMBINING`.

    >>> clean_text("a\\x1b[2Jb\\ud800c")
    'a[2Jb\\ufffdc'
    """
    text = _CONTROLS.sub("", text)
    if "\x0b" in text or "\x0c" in text:  # vertical tab, form feed: breaks, not controls
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    if not text.isascii():
        text = cap_combining(_SURROGATES.sub("\ufffd", text))
    return text


# Controls, bidirectional overrides/isolates/marks (they reorder what a terminal shows:
# "evil\u202etxt.exe" reads as "evilexe.txt"), line/paragraph separators, lone surrogates
# (an undecodable byte in a file name, kept by Python as U+DC80-U+DCFF).
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid in the file system's encoding
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}"


def shown_name(text: str) -> str:
    """``text`` (a file name, an error line) on one line with nothing that can steer a
    terminal or fail to encode: such characters are shown as ``\\n``, ``\\x1b``,
    ``\\u202e``, ``\\xff``.

    >>> shown_name("a\\nb\\u202ec\\udcff.txt")
    'a\\\\nb\\\\u202ec\\\\xff.txt'
    """
    return _UNSHOWABLE.sub(_escape, text)
