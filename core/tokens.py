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
from array import array
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import accumulate, chain, compress, count, repeat
from operator import eq, not_
from typing import NamedTuple

from core.normalize import fold_quotes

__all__ = [
    "IGNORED",
    "Chunked",
    "Encoded",
    "KeyOptions",
    "TokenKind",
    "comparison_key",
    "encode",
    "encode_chunks",
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


# --- whitespace-separated chunks, for long texts ----------------------------------------

_PIECE = 1 << 18  # texts are split this many characters at a time (bounds the peak memory)


class Chunked(NamedTuple):
    """One text cut at whitespace into *chunks*, each standing for its compared tokens.

    ``seq`` holds one int id per chunk that has compared tokens; two chunks get the same
    id exactly when their compared tokens are the same under the options. Chunks with
    nothing compared (punctuation only, with punctuation ignored) have no id: like
    whitespace, they take no part in the comparison. ``parts[e]`` are the token ids of
    element id ``e`` (its compared tokens' ids; an element of one token has that token's
    id, so ``parts[e] == (e,)``) and ``keys[e]`` its comparison key: a str for one token,
    the tuple of the tokens' keys for more (``parts`` and ``keys`` are shared by the texts
    of one call). ``before[k]`` is the number of compared tokens before element ``k`` (and
    in all, last; None when every element is one compared token). ``layout[p]`` is the
    index in :func:`tokenize`'s list of compared token ``p``; ``n_tokens`` is the length
    of that list. Only made with whitespace ignored: every whitespace run is a token of
    its own, between two chunks, and never compared.
    """

    seq: list[int]
    before: array | None
    layout: Layout
    n_tokens: int
    parts: list[tuple[int, ...]]
    keys: list[Hashable]


class Layout(Sequence[int]):
    """Token index of each compared token of a chunked text, computed when asked for."""

    __slots__ = ("_chunks", "_compared", "_lead", "_offsets", "_tokens", "hints")

    def __init__(
        self,
        chunks: list[str],
        compared: array | None,
        tokens: array | None,
        offsets: dict[str, tuple[int, ...]],
        lead: int,
    ) -> None:
        self._chunks = chunks  # the chunk texts
        self._compared = compared  # compared tokens before each chunk (None: one per chunk)
        self._tokens = tokens  # tokens before each chunk (None: the same as compared)
        self._offsets = offsets  # chunk -> where its compared tokens sit in it, if not all
        self._lead = lead  # 1 when the text starts with whitespace
        self.hints: dict[int, int] = {}
        """Compared token -> the chunk holding it, where the caller already knows."""

    @property
    def simple(self) -> bool:
        """True when every token but whitespace is compared (token ``lead + p + c``)."""
        return self._tokens is None and not self._offsets

    @property
    def lead(self) -> int:
        """1 when the text starts with whitespace, else 0."""
        return self._lead

    def chunk_of(self, p: int) -> int:
        """The chunk holding compared token ``p``."""
        if self._compared is None:
            return p
        return bisect_right(self._compared, p) - 1

    @property
    def compared_before(self) -> array | None:
        """Compared tokens before each chunk (and in all, last); None: one per chunk."""
        return self._compared

    def __len__(self) -> int:
        return len(self._chunks) if self._compared is None else self._compared[-1]

    def __getitem__(self, p: int) -> int:  # type: ignore[override]
        if p < 0:
            p += len(self)
        if not 0 <= p < len(self):
            raise IndexError(p)
        if self._compared is None:
            return self._lead + 2 * p  # one token per chunk, whitespace between
        c = self.hints.get(p)
        if c is None:
            c = bisect_right(self._compared, p) - 1
        k = p - self._compared[c]
        before = self._compared[c] if self._tokens is None else self._tokens[c]
        offsets = self._offsets.get(self._chunks[c])
        return self._lead + c + before + (k if offsets is None else offsets[k])


def encode_chunks(texts: Sequence[str], options: KeyOptions = KeyOptions()) -> list[Chunked]:
    """Cut each text at whitespace into chunks and give each chunk its element id.

    Made for long texts: ``str.split`` does the cutting at C speed, a piece of the text
    at a time; each distinct chunk is tokenized and keyed once, and every chunk costs one
    dict look-up, so a text of a million words costs a few list passes and about 8 bytes
    per word. Requires ``options.ignore_whitespace``.

    >>> chunked = encode_chunks(["A cat, a  cat.", " cat"])
    >>> [[c.keys[e] for e in c.seq] for c in chunked]
    [['A', ('cat', ','), 'a', ('cat', '.')], ['cat']]
    >>> [list(c.layout) for c in chunked]
    [[0, 2, 3, 5, 7, 8], [1]]
    >>> [chunked[0].keys[t] for t in chunked[0].parts[chunked[0].seq[1]]]
    ['cat', ',']
    >>> chunked = encode_chunks(["a , b"], KeyOptions(ignore_punctuation=True))[0]
    >>> [chunked.keys[e] for e in chunked.seq]
    ['a', 'b']
    """
    if not options.ignore_whitespace:
        raise ValueError("chunks leave whitespace out of the comparison")
    coder = _ChunkCoder(options)
    cut = [coder.cut(text) for text in texts]
    counts = coder.counts
    out = []
    for text, (ids, chunks) in zip(texts, cut, strict=True):
        before = before_tokens = None
        if coder.multi or coder.tokens:
            before = array("q", accumulate(map(counts.__getitem__, ids), initial=0))
        if coder.tokens:
            tokens = coder.tokens
            before_tokens = array("q", accumulate(map(tokens.get, chunks, repeat(1)), initial=0))
        lead = 1 if text[:1].isspace() else 0
        if ids:
            total = before_tokens[-1] if before_tokens else before[-1] if before else len(ids)
            n_tokens = lead + len(ids) - 1 + total + (1 if text[-1].isspace() else 0)
        else:
            n_tokens = 1 if text else 0
        layout = Layout(chunks, before, before_tokens, coder.offsets, lead)
        seq, seq_before = ids, before
        if coder.empty is not None and before is not None and coder.empty in ids:
            # chunks with nothing compared have no element (see Chunked)
            kept = list(map(bool, map(counts.__getitem__, ids)))
            seq = list(compress(ids, kept))
            seq_before = array("q", compress(before, chain(kept, (True,))))
        out.append(Chunked(seq, seq_before, layout, n_tokens, coder.parts, coder.keys))
    return out


class _ChunkCoder:
    """Element ids of the chunks of the texts of one call (see :class:`Chunked`)."""

    __slots__ = (
        "_element_ids", "canon", "counts", "empty", "ids", "keys", "multi", "offsets",
        "options", "parts", "tokens",
    )  # fmt: skip

    def __init__(self, options: KeyOptions) -> None:
        self.options = options
        self.ids: dict[str, int] = {}  # chunk -> element id
        self.canon: dict[str, str] | None = {} if options.ignore_punctuation else None
        self._element_ids: dict[Hashable, int] = {}  # key or tuple of keys -> id
        self.keys: list[Hashable] = []  # id -> key or tuple of keys
        self.parts: list[tuple[int, ...]] = []  # id -> token ids
        self.counts: list[int] = []  # id -> compared tokens
        self.multi = False  # some element is not one compared token
        self.empty: int | None = None  # the id of the element with nothing compared
        self.tokens: dict[str, int] = {}  # chunk -> its tokens, where some are not compared
        self.offsets: dict[str, tuple[int, ...]] = {}  # chunk -> where its compared ones are

    def cut(self, text: str) -> tuple[list[int], list]:
        """The element ids of ``text``'s chunks, and the chunks (canonical strings, only
        with punctuation ignored; else the ids again, as only their number is needed)."""
        ids = self.ids
        seq: list[int] = []
        chunks: list[str] = []
        start, size = 0, len(text)
        while start < size:
            stop = start + _PIECE
            if stop < size:
                found = _SPACE.search(text, stop)
                stop = found.start() if found else size
            part = text[start:stop].split()
            got = list(map(ids.get, part, repeat(-1)))
            if -1 in got:  # chunks not seen before: key them, then fill them in
                where = list(compress(count(), map(eq, got, repeat(-1))))
                self._add(list(dict.fromkeys(map(part.__getitem__, where))))
                for k in where:
                    got[k] = ids[part[k]]
            seq.extend(got)
            if self.canon is not None:
                chunks.extend(map(self.canon.setdefault, part, part))
            start = stop
        return seq, (chunks if self.canon is not None else seq)

    def _add(self, chunks: list[str]) -> None:
        elements, _, tokens, offsets = _chunk_elements(chunks, self.options)
        self.tokens.update(tokens)
        self.offsets.update(offsets)
        ids = self.ids
        for chunk in chunks:
            ids[chunk] = self._element_id(elements.get(chunk, chunk))

    def _element_id(self, element: Hashable) -> int:
        found = self._element_ids.get(element)
        if found is not None:
            return found
        if element.__class__ is str:
            parts: tuple[int, ...] = (len(self.keys),)
        else:
            parts = tuple(map(self._element_id, element))  # type: ignore[call-overload]
            if len(parts) != 1:
                self.multi = True
            if not parts:
                self.empty = len(self.keys)
        new = self._element_ids[element] = len(self.keys)
        self.keys.append(element)
        self.parts.append(parts)
        self.counts.append(len(parts))
        return new


def _chunk_elements(
    chunks: list[str], options: KeyOptions
) -> tuple[dict[str, Hashable], dict[str, int], dict[str, int], dict[str, tuple[int, ...]]]:
    """For the distinct chunks: their elements where not the chunk itself; the number of
    compared tokens and of all tokens where not 1; compared-token offsets where not all."""
    elements: dict[str, Hashable] = {}
    compared: dict[str, int] = {}
    tokens: dict[str, int] = {}
    offsets: dict[str, tuple[int, ...]] = {}
    # A chunk of letters and digits only is one word token: key it in bulk.
    words = list(compress(chunks, map(str.isalnum, chunks)))
    keys = _fold(words, options)
    if keys is not words:
        elements.update((w, k) for w, k in zip(words, keys, strict=True) if w != k)
    del words, keys
    others = list(compress(chunks, map(not_, map(str.isalnum, chunks))))
    parts_of = list(map(_TOKEN.findall, others))
    distinct = list(dict.fromkeys(chain.from_iterable(parts_of)))
    folded = _fold(distinct, options)
    if options.ignore_punctuation:
        key_of = {t: _finish_key(t, k, options) for t, k in zip(distinct, folded, strict=True)}
    else:  # no whitespace inside a chunk: every token is compared
        key_of = dict(zip(distinct, folded, strict=True))
    del distinct, folded
    for chunk, parts in zip(others, parts_of, strict=True):
        part_keys = tuple(map(key_of.__getitem__, parts))
        kept = part_keys
        if options.ignore_punctuation and None in part_keys:
            kept = tuple(k for k in part_keys if k is not None)
            tokens[chunk] = len(parts)
            offsets[chunk] = tuple(k for k, key in enumerate(part_keys) if key is not None)
        element: Hashable = kept[0] if len(kept) == 1 else kept  # type: ignore[assignment]
        if element != chunk:
            elements[chunk] = element
        if len(kept) != 1:
            compared[chunk] = len(kept)
    return elements, compared, tokens, offsets
