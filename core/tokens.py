"""Lossless word tokens and their int ids under comparison keys.

A text is cut into word tokens, whitespace runs and single other characters, so that
joining the tokens always gives the text back. For diffing, each token is mapped to an
int id through a *comparison key* that folds what the options ignore: two tokens get
the same id exactly when they count as the same. Tokens that are ignored altogether
(whitespace runs, or punctuation when punctuation is ignored) get :data:`IGNORED`.

>>> tokenize("Don't  stop—now!")
["Don't", '  ', 'stop', '—', 'now', '!']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import chain, compress, count
from typing import NamedTuple

from core.normalize import fold_quotes

__all__ = [
    "IGNORED",
    "Encoded",
    "KeyOptions",
    "TokenKind",
    "comparison_key",
    "encode",
    "token_kind",
    "tokenize",
]

_WORD_CHARS = r"\w\u0300-\u036f"  # letters, digits, _ and combining accents
# Apostrophes and hyphens (incl. the en dash of "10–20") join word parts: "don't", "co-op".
_JOINERS = "'\u2019\u02bc\\-\u2010\u2011\u2013"
_TOKEN = re.compile(
    rf"[{_WORD_CHARS}]+(?:[{_JOINERS}][{_WORD_CHARS}]+)*|\s+|.",
    re.DOTALL,
)
_WORD_START = re.compile(rf"[{_WORD_CHARS}]")
_SPACE = re.compile(r"\s")
_NOT_WORD_CHAR = re.compile(rf"[^{_WORD_CHARS}]")

IGNORED = 0
"""The id of a token left out of the comparison (see :func:`comparison_key`).

It is the only false id, so ``filter(None, ids)`` keeps the compared ones at C speed.
"""


class TokenKind(IntEnum):
    """What a token is."""

    WORD = 0
    SPACE = 1
    PUNCT = 2


def tokenize(text: str) -> list[str]:
    """Cut ``text`` into word tokens, whitespace runs and single other characters.

    Lossless: ``"".join(tokenize(text)) == text`` for every string.

    >>> tokenize("A co-op’s 10–20 cats.")
    ['A', ' ', 'co-op’s', ' ', '10–20', ' ', 'cats', '.']
    >>> tokenize("")
    []
    """
    return _TOKEN.findall(text)


def token_kind(token: str) -> TokenKind:
    """The kind of a (non-empty) token from :func:`tokenize`.

    >>> token_kind("word"), token_kind(" \\n"), token_kind("“")
    (<TokenKind.WORD: 0>, <TokenKind.SPACE: 1>, <TokenKind.PUNCT: 2>)
    """
    if token[0].isspace():
        return TokenKind.SPACE
    if _WORD_START.match(token):
        return TokenKind.WORD
    return TokenKind.PUNCT


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyOptions:
    """What two tokens may differ in and still count as the same.

    ``ignore_whitespace`` leaves whitespace runs out of the comparison (like ``git diff
    -w``): only the words and punctuation around them are compared, so "a  b" equals
    "a\\nb" and "end.Next" equals "end. Next"; "foobar" still differs from "foo bar",
    since those are different words. ``ignore_punctuation`` likewise leaves punctuation
    tokens out and drops apostrophes and hyphens inside words ("don't" = "dont").
    ``ignore_quotes`` folds curly quotes, dashes and odd spaces with
    :func:`core.normalize.fold_quotes`. ``ignore_case`` compares case-folded.
    """

    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = True
    ignore_whitespace: bool = True


def comparison_key(token: str, options: KeyOptions = KeyOptions()) -> str | None:
    """The key two tokens must share to count as equal; ``None`` if left out.

    >>> comparison_key("don’t"), comparison_key("  ")
    ("don't", None)
    >>> comparison_key("Don't", KeyOptions(ignore_case=True, ignore_punctuation=True))
    'dont'
    """
    key = fold_quotes(token) if options.ignore_quotes else token
    if options.ignore_case:
        key = key.casefold()
    return _finish_key(token, key, options)


def _finish_key(token: str, key: str, options: KeyOptions) -> str | None:
    """The key of ``token`` given its quote- and case-folded text ``key``."""
    kind = token_kind(token)
    if kind is TokenKind.SPACE:
        return None if options.ignore_whitespace else key
    if options.ignore_punctuation:
        return None if kind is TokenKind.PUNCT else _NOT_WORD_CHAR.sub("", key)
    return key


class Encoded(NamedTuple):
    """Token lists turned into int ids (:data:`IGNORED` for left-out tokens).

    ``words`` holds the ids that stand for word tokens (the only good anchors);
    ``keys[i]`` is the comparison key of id ``i`` (``keys[IGNORED]`` is empty).
    """

    ids: tuple[list[int], ...]
    words: frozenset[int]
    keys: tuple[str, ...]


def encode(token_lists: Iterable[Sequence[str]], options: KeyOptions = KeyOptions()) -> Encoded:
    """Map each token to an int id; equal ids exactly when the comparison keys are equal.

    Each distinct token is keyed once (folded in bulk), so this runs at dict-lookup speed.
    Ids are only meaningful within one call (no state is kept between calls).

    >>> enc = encode([["A", " ", "cat"], ["a", "  ", "Cat", "!"]], KeyOptions(ignore_case=True))
    >>> enc.ids
    ([1, 0, 2], [1, 0, 2, 3])
    >>> sorted(enc.words), enc.keys
    ([1, 2], ('', 'a', 'cat', '!'))
    """
    lists = [tokens if isinstance(tokens, list) else list(tokens) for tokens in token_lists]
    distinct = list(dict.fromkeys(chain.from_iterable(lists)))
    folded = _fold(distinct, options)
    if options.ignore_punctuation:
        keys: list[str | None] = [
            _finish_key(token, key, options) for token, key in zip(distinct, folded, strict=True)
        ]
    else:  # whitespace is the only thing that may be left out: find it at C speed
        keys = list(folded)
        if options.ignore_whitespace:
            for k in compress(count(), map(str.isspace, distinct)):
                keys[k] = None
    key_ids = dict(zip(dict.fromkeys(filter(None, keys)), count(IGNORED + 1)))
    key_ids[None] = IGNORED  # type: ignore[index]
    memo = dict(zip(distinct, map(key_ids.__getitem__, keys), strict=True))
    del key_ids[None]  # type: ignore[arg-type]
    words = set(map(memo.__getitem__, compress(distinct, map(_WORD_START.match, distinct))))
    words.discard(IGNORED)
    ids = tuple(list(map(memo.__getitem__, tokens)) for tokens in lists)
    return Encoded(ids, frozenset(words), ("", *key_ids))


def _fold(strings: list[str], options: KeyOptions) -> list[str]:
    """``strings`` with quote style and case folded as ``options`` say (the same list
    object when nothing is folded)."""
    if options.ignore_quotes:
        strings = _in_bulk(fold_quotes, strings)
    if options.ignore_case:
        strings = _in_bulk(str.casefold, strings)
    return strings


def _in_bulk(fold: Callable[[str], str], texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, done on one joined string when that is safe."""
    out = fold("\0".join(texts)).split("\0")
    if len(out) != len(texts):  # a token held a NUL (or the fold made one)
        return [fold(t) for t in texts]
    return out
