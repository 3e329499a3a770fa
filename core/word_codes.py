"""A code of its own for every distinct word, however many distinct words there are.

Word-id strings (see :class:`core.align_match.WordCoder`) give each distinct word a code,
so that rapidfuzz scores and shingles work on words at C speed. The first
:data:`CAPACITY` words get one character each (code points from U+0100 up, surrogates
left out), which is every text short of a few megabytes of unique tokens. Unicode has no
more characters than that, so words past it (serial numbers, hashes, made-up words in
book-size input) get two or more: one or more *lead* characters, then one *trail*
character, each from a band kept for that alone. No code is a prefix of another or
shares a character with a one-character code, so two words never get the same code and
a word-id string spells exactly one word list; fuzzy scores count such a long code as
that many characters, which only shifts the scores of those giant inputs a little.
"""

from __future__ import annotations

__all__ = ["CAPACITY", "word_char"]

_FIRST = 0x100  # keep clear of ASCII so a word-id string never looks like text
_SURROGATES = range(0xD800, 0xE000)
_BAND = 1024  # characters kept for leads, and as many for trails, at the top of Unicode
_TRAIL = 0x110000 - _BAND
_LEAD = _TRAIL - _BAND
CAPACITY = _LEAD - _FIRST - len(_SURROGATES)
"""How many distinct words get a character of their own."""


def word_char(n: int) -> str:
    """The code of the ``n``-th distinct word seen (counting from 0).

    One character below :data:`CAPACITY`, more past it; distinct for every ``n``.

    >>> word_char(0), word_char(1)
    ('Ā', 'ā')
    >>> len(word_char(CAPACITY)), word_char(CAPACITY) != word_char(CAPACITY + 1)
    (2, True)
    """
    if n < CAPACITY:
        n += _FIRST
        if n >= _SURROGATES.start:
            n += len(_SURROGATES)
        return chr(n)
    # Past the capacity: k leads and a trail stand for the next _BAND ** (k + 1) words.
    n -= CAPACITY
    k = 1
    while n >= _BAND ** (k + 1):
        n -= _BAND ** (k + 1)
        k += 1
    n, trail = divmod(n, _BAND)
    leads = []
    for _ in range(k):
        n, lead = divmod(n, _BAND)
        leads.append(chr(_LEAD + lead))
    leads.reverse()
    return "".join(leads) + chr(_TRAIL + trail)
