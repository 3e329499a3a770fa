"""One character per distinct word, however many distinct words there are.

Word-id strings (see :class:`core.align_match.WordCoder`) give each distinct word one
character, so that rapidfuzz scores and shingles work on words at C speed. Unicode has
room for :data:`CAPACITY` such characters (all code points from U+0100 up, surrogates
left out). A text with more distinct words than that (a few megabytes of unique tokens:
serial numbers, hashes, made-up words) still gets one character per word: the words past
the capacity share characters by a stable hash of their text, so two of them may count
as the same word, which only nudges similarity scores of such inputs.
"""

from __future__ import annotations

from zlib import crc32

__all__ = ["CAPACITY", "word_char"]

_FIRST = 0x100  # keep clear of ASCII so a word-id string never looks like text
_SURROGATES = range(0xD800, 0xE000)
CAPACITY = 0x110000 - _FIRST - len(_SURROGATES)
"""How many distinct words get a character of their own."""


def word_char(n: int, word: str) -> str:
    """The character for ``word``, the ``n``-th distinct word seen (counting from 0).

    >>> word_char(0, "a"), word_char(1, "b")
    ('Ā', 'ā')
    >>> word_char(CAPACITY, "x") == word_char(CAPACITY + 5, "x")
    True
    """
    if n >= CAPACITY:  # out of room: a stable hash of the word (not of the process)
        n = crc32(word.encode("utf-8", "surrogatepass")) % CAPACITY
    n += _FIRST
    if n >= _SURROGATES.start:
        n += len(_SURROGATES)
    return chr(n)
