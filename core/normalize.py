"""Text normalisation for comparing passages: what counts as "the same words"."""

from __future__ import annotations

import re
import unicodedata

from core.sanitize import cap_combining

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")
_SPLIT_CHARS = 10_000  # text this short has its spaces collapsed by str.split (faster)


def fold_quotes(text: str) -> str:
    """Straighten curly quotes and unify dashes and odd spaces."""
    return text.translate(_QUOTES)


def normalize(text: str, *, case: bool = True, punctuation: bool = False) -> str:
    """Text reduced to what matters when comparing passages.

    NFKC, invisible characters removed, quotes straightened, whitespace collapsed;
    lower-cased when ``case`` is true; punctuation removed when ``punctuation`` is true.

    >>> normalize("  \u201cHello\u201d,\\n  World ")
    '"hello", world'
    """
    if text.isascii():  # NFKC, the invisible characters and casefold change no ASCII text
        if "`" in text:
            text = text.replace("`", "'")  # the one ASCII character `_QUOTES` maps
        if case:
            text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", cap_combining(text))
        text = _INVISIBLE.sub("", text).translate(_QUOTES)
        if case:
            text = text.casefold()
    if punctuation:
        text = _PUNCT.sub(" ", text)
    if len(text) <= _SPLIT_CHARS:
        return " ".join(text.split())
    return _SPACE.sub(" ", text).strip()  # no list of every word of a long text


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits), for overlap measures."""
    return _WORD.findall(normalize(text))
