"""Long texts as strings of one character per compared token.

With whitespace ignored, a text is cut at whitespace into *chunks* (``str.split``, at C
speed), and each distinct chunk is tokenized and keyed once: it becomes a short string
with one code character per token, the code standing for the token's comparison key
(:func:`core.tokens.comparison_key`) and :data:`LEFT_OUT` for a token left out of the
comparison (punctuation, when punctuation is ignored). Joined, the chunk codes give the
text's *code string*: two texts compare as their code strings do, so slicing, searching
(``str.find``) and the exact LCS diff (rapidfuzz ``Indel`` on strings) all run at C speed
with no per-token Python object, and a million words cost a few bytes each.

>>> coded = encode_codes(["A cat, a  cat.", " cat"])
>>> [len(c.codes) for c in coded], [c.n_tokens for c in coded]
([6, 1], [9, 2])
>>> coded[0].codes[1] == coded[0].codes[4] == coded[1].codes[0]  # 'cat' three times
True
>>> [coded[0].token_index(p) for p in range(6)], coded[1].token_index(0)
([0, 2, 3, 5, 7, 8], 1)
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain, compress, count, repeat
from operator import is_, not_
from typing import NamedTuple

from core.tokens import _TOKEN, KeyOptions, _finish_key, _fold
from core.word_codes import CAPACITY, word_char

__all__ = ["LEFT_OUT", "Coded", "TooManyKeys", "encode_codes"]

LEFT_OUT = "\x00"
"""The code of a token left out of the comparison (never a key's code)."""

_DEFAULTS = KeyOptions()
_NEW = "\x01"  # stands for a chunk not coded yet (no code string holds it)
_MORE = "\x02"  # in a chunk's code string: the next token is of the same chunk
_PIECE = 1 << 18  # texts are split this many characters at a time (bounds the peak memory)
_SPACE = re.compile(r"\s")


def _positions(items: list[str], item: str) -> list[int]:
    """The indexes of ``item`` (the object) in ``items``: C-level scans only."""
    n = items.count(item)
    if n > 32:
        return list(compress(count(), map(is_, items, repeat(item))))
    found: list[int] = []
    k = -1
    for _ in range(n):
        k = items.index(item, k + 1)
        found.append(k)
    return found


class TooManyKeys(ValueError):
    """More distinct comparison keys than there are one-character codes."""


class Coded(NamedTuple):
    """One text as codes: ``codes`` has one character per compared token, and
    ``layout[p]`` is the index of compared token ``p`` in :func:`core.tokens.tokenize`'s
    list, ``n_tokens`` the length of that list."""

    codes: str
    n_tokens: int
    layout: CodeLayout

    def token_index(self, p: int) -> int:
        return self.layout[p]


class CodeLayout(Sequence[int]):
    """Token index of each compared token of a coded text, computed when asked for.

    Every whitespace run is one token between two chunks; a chunk's tokens follow one
    another. With every token compared but whitespace, token ``p`` is token
    ``lead + 2p - k`` where ``k`` is the number of tokens up to ``p`` that are not the
    first of their chunk (their positions are ``_more``). With tokens left out, the
    compared and all tokens before each chunk are counted (``_before``, ``_tokens``).
    """

    __slots__ = ("_before", "_chunks", "_lead", "_more", "_size", "_tokens")

    def __init__(
        self, lead: int, size: int, more: list[int], chunks: list[str] | None = None
    ) -> None:
        self._lead = lead  # 1 when the text starts with whitespace
        self._size = size  # compared tokens in all
        self._more = more  # compared tokens that are not the first of their chunk
        self._chunks = chunks  # with tokens left out: the code string of each chunk
        self._before = self._tokens = None
        if chunks is not None:
            compared = map(int.__sub__, map(len, chunks), map(str.count, chunks, repeat(LEFT_OUT)))
            self._before = array("q", accumulate(compared, initial=0))
            self._tokens = array("q", accumulate(map(len, chunks), initial=0))

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, p: int) -> int:  # type: ignore[override]
        if p < 0:
            p += self._size
        if not 0 <= p < self._size:
            raise IndexError(p)
        before = self._before
        if before is None:
            return self._lead + 2 * p - bisect_right(self._more, p)
        c = bisect_right(before, p) - 1
        k = p - before[c]  # the k-th compared token of chunk c
        chunk = self._chunks[c]  # type: ignore[index]
        offset = [i for i, code in enumerate(chunk) if code != LEFT_OUT][k]
        return self._lead + c + self._tokens[c] + offset  # type: ignore[index]

    def many(self, ps: list[int]) -> list[int]:
        """``[self[p] for p in ps]`` for ``0 <= p < len(self)``, in bulk."""
        if self._before is not None:
            return [self[p] for p in ps]
        lead = self._lead
        if not self._more:
            return [lead + 2 * p for p in ps]
        more = map(bisect_right, repeat(self._more), ps)
        return [lead + 2 * p - k for p, k in zip(ps, more, strict=True)]


def encode_codes(texts: Sequence[str], options: KeyOptions = _DEFAULTS) -> list[Coded]:
    """The code strings of ``texts`` under ``options`` (codes shared by the texts of one
    call). Requires ``options.ignore_whitespace``; raises :class:`TooManyKeys` past
    :data:`core.word_codes.CAPACITY` distinct keys."""
    if not options.ignore_whitespace:
        raise ValueError("code strings leave whitespace out of the comparison")
    coder = _Coder(options)
    return [coder.encode(text) for text in texts]


class _Coder:
    __slots__ = ("key_codes", "memo", "options")

    def __init__(self, options: KeyOptions) -> None:
        self.options = options
        self.memo: dict[str, str] = {}  # chunk -> its code string
        self.key_codes: dict[str | None, str] = {None: LEFT_OUT}  # key -> code

    def encode(self, text: str) -> Coded:
        memo = self.memo
        chunks: list[str] = []
        start, size = 0, len(text)
        while start < size:
            stop = start + _PIECE
            if stop < size:
                found = _SPACE.search(text, stop)
                stop = found.start() if found else size
            part = text[start:stop].split()
            got = list(map(memo.get, part, repeat(_NEW)))
            where = _positions(got, _NEW)
            if where:  # chunks not seen before: key them, then fill them in
                self._add(list(dict.fromkeys(map(part.__getitem__, where))))
                for k in where:
                    got[k] = memo[part[k]]
            chunks.extend(got)
            start = stop
        joined = "".join(chunks)
        lead = 1 if text[:1].isspace() else 0
        if self.options.ignore_punctuation:  # tokens may be left out
            codes = joined.replace(LEFT_OUT, "")
            n_in_chunks = len(joined)
            layout = CodeLayout(lead, len(codes), [], chunks if codes != joined else None)
        else:  # the tokens of a chunk are joined by _MORE
            pieces = joined.split(_MORE)
            codes = "".join(pieces)
            n_in_chunks = len(codes)
            layout = CodeLayout(lead, len(codes), list(accumulate(map(len, pieces[:-1]))))
        if chunks:
            n_tokens = lead + n_in_chunks + len(chunks) - 1 + (1 if text[-1].isspace() else 0)
        else:
            n_tokens = 1 if text else 0
        return Coded(codes, n_tokens, layout)

    def _add(self, chunks: list[str]) -> None:
        """Key the new distinct ``chunks`` and store their code strings."""
        options = self.options
        # A chunk of letters and digits only is one word token: no need to cut it.
        single = list(map(str.isalnum, chunks))
        tokens_of = [
            [c] if one else _TOKEN.findall(c) for c, one in zip(chunks, single, strict=True)
        ]
        flat = list(chain.from_iterable(tokens_of))
        distinct = list(dict.fromkeys(flat))
        folded = _fold(distinct, options)
        if options.ignore_punctuation:
            keys: list[str | None] = [
                _finish_key(t, k, options) for t, k in zip(distinct, folded, strict=True)
            ]
        else:  # no whitespace inside a chunk: every token is compared
            keys = list(folded)
        key_codes = self.key_codes
        for key in compress(keys, map(not_, map(key_codes.__contains__, keys))):
            if key not in key_codes:
                if len(key_codes) > CAPACITY:
                    raise TooManyKeys(f"more than {CAPACITY:,} distinct tokens")
                key_codes[key] = word_char(len(key_codes) - 1)
        token_code = dict(zip(distinct, map(key_codes.__getitem__, keys), strict=True))
        del distinct, folded, keys
        all_codes = "".join(map(token_code.__getitem__, flat))
        ends = list(accumulate(map(len, tokens_of)))
        starts = [0, *ends[:-1]]
        codes = list(map(all_codes.__getitem__, map(slice, starts, ends)))
        if not options.ignore_punctuation:  # a chunk's further tokens follow _MORE
            for k in compress(count(), map(int.__gt__, map(len, tokens_of), repeat(1))):
                codes[k] = _MORE.join(codes[k])
        self.memo.update(zip(chunks, codes, strict=True))
