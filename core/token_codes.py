"""Long texts as strings of one character per compared token.

With whitespace ignored, a text is cut at whitespace into *chunks* (``str.split``, at C
speed), and each distinct chunk is tokenized and keyed once: it becomes a short string
with one code character per token, the code standing for the token's comparison key
(:func:`core.tokens.comparison_key`) and :data:`LEFT_OUT` for a token left out of the
comparison (punctuation, when punctuation is ignored). Joined, the chunk codes give the
text's *code string*: two texts compare as their code strings do, so slicing, searching
(``str.find``) and the exact LCS diff (rapidfuzz ``Indel`` on strings) all run at C speed
with no per-token Python object, and a million words cost a few bytes each. Sentences
(up to a ". ") are memoised too, so a sentence the other text shares is one lookup.

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
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, repeat
from typing import NamedTuple

from core.normalize import fold_quotes
from core.tokens import _TOKEN, KeyOptions, comparison_key
from core.word_codes import CAPACITY, word_char

__all__ = ["LEFT_OUT", "Coded", "Coder", "TooManyKeys", "encode_codes"]

LEFT_OUT = "\x00"
"""The code of a token left out of the comparison (never a key's code)."""

_DEFAULTS = KeyOptions()
_MORE = "\x02"  # in a chunk's code string: the next token is of the same chunk
_PIECE = 1 << 18  # texts are split this many characters at a time (bounds the peak memory)
_FIRST_CODE = ord(word_char(0))  # word_char(n) is chr(n + _FIRST_CODE) below the surrogates
_SENTENCE_END = ". "
_SENTENCE_MAX = 4096  # a longer "sentence" is not kept in the memo
_SPACE = re.compile(r"\s")


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
    coder = Coder(options)
    return [coder.encode(text) for text in texts]


class _Memo(dict):
    """A dict that makes a missing value with ``make`` and keeps it."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], object]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> object:
        value = self[key] = self.make(key)
        return value


class Coder:
    """Codes texts under one set of options, remembering what it has coded.

    Three memos, from coarse to fine: a *sentence* (the text up to a ". ", which cuts at
    whitespace, so sentences code one by one as the whole text does) gives the codes of its
    chunks, a chunk its tokens' codes, a token its key's code. A sentence that the other
    text has too (most of them, in two revisions) is thus one dict lookup, not one per word;
    only sentences not seen before are cut into chunks.
    """

    __slots__ = ("chunks", "key_codes", "options", "sentences", "tokens")

    def __init__(self, options: KeyOptions) -> None:
        self.options = options
        self.key_codes: dict[str | None, str] = {None: LEFT_OUT}  # key -> code
        token_code = _token_coder(self.key_codes, options)
        self.tokens = tokens = _Memo(token_code)  # token -> its code
        punctuation = options.ignore_punctuation
        join = "".join if punctuation else _MORE.join
        findall = _TOKEN.findall
        token_codes = tokens.__getitem__

        def chunk_code(chunk: str) -> str:
            """The codes of a chunk's tokens (joined by :data:`_MORE` unless punctuation
            is ignored, which may leave tokens out: the chunk's codes count them then)."""
            if chunk.isalnum():  # letters and digits only: one word token, not cut
                return token_code(chunk)
            return join(map(token_codes, findall(chunk)))

        self.chunks = chunks = _Memo(chunk_code)  # chunk -> its tokens' codes
        chunk_codes = chunks.__getitem__
        if punctuation:  # a tuple of the chunks' codes: a chunk's codes are not joined

            def sentence_code(sentence: str) -> str | tuple[str, ...]:
                return tuple(map(chunk_codes, (sentence + ".").split()))
        else:

            def sentence_code(sentence: str) -> str | tuple[str, ...]:
                return "".join(map(chunk_codes, (sentence + ".").split()))

        # sentence (without its final ". ") -> the codes of its chunks and full stop
        self.sentences = _Memo(sentence_code)

    def encode(self, text: str, *, by_sentence: bool = True) -> Coded:
        """The codes of ``text``; sentence by sentence (memoised) unless ``by_sentence``
        is false, for a text whose sentences will not come again."""
        if by_sentence:
            pieces = text.split(_SENTENCE_END)
            last = pieces.pop()
            sentences = self.sentences
            parts = [
                sentences[piece] if len(piece) <= _SENTENCE_MAX else self._code(piece + ".")
                for piece in pieces
            ]
            parts.append(self._code(last))
            del pieces
        else:
            parts = [self._code(text)]
        lead = 1 if text[:1].isspace() else 0
        if self.options.ignore_punctuation:  # tokens may be left out
            chunks: list[str] = list(chain.from_iterable(parts))
            del parts
            joined = "".join(chunks)
            n_chunks = len(chunks)
            codes = joined.replace(LEFT_OUT, "")
            n_in_chunks = len(joined)
            layout = CodeLayout(lead, len(codes), [], chunks if codes != joined else None)
        else:  # the tokens of a chunk are joined by _MORE
            joined = "".join(parts)
            del parts
            n_more = joined.count(_MORE)
            n_chunks = len(joined) - 2 * n_more  # a chunk of t tokens has 2t - 1 codes
            pieces = joined.split(_MORE)
            codes = "".join(pieces)
            n_in_chunks = len(codes)
            layout = CodeLayout(lead, len(codes), list(accumulate(map(len, pieces[:-1]))))
        if n_chunks:
            n_tokens = lead + n_in_chunks + n_chunks - 1 + (1 if text[-1].isspace() else 0)
        else:
            n_tokens = 1 if text else 0
        return Coded(codes, n_tokens, layout)

    def chunk_tokens(self, chunks: list[str]) -> int:
        """How many tokens the ``chunks`` (cut by ``str.split``) hold, from their codes."""
        codes = sum(map(len, map(self.chunks.__getitem__, chunks)))
        if self.options.ignore_punctuation:  # one code per token
            return codes
        return (codes + len(chunks)) // 2  # a chunk of t tokens has 2t - 1 codes

    def word_code(self, word: str) -> str:
        """The code of one word token."""
        return self.chunks[word]

    def _code(self, text: str) -> str | tuple[str, ...]:
        """The chunk codes of ``text``, cut into pieces of about :data:`_PIECE`
        characters at whitespace (a list of every chunk of a long text would be big)."""
        chunks = self.chunks
        parts: list[str] = []
        start, size = 0, len(text)
        while start < size:
            stop = start + _PIECE
            if stop < size:
                found = _SPACE.search(text, stop)
                stop = found.start() if found else size
            parts.extend(map(chunks.__getitem__, text[start:stop].split()))
            start = stop
        return tuple(parts) if self.options.ignore_punctuation else "".join(parts)


def _token_coder(key_codes: dict[str | None, str], options: KeyOptions) -> Callable[[str], str]:
    """The code of a token's comparison key, a new one (kept in ``key_codes``) for a key
    not seen before."""
    punctuation, quotes, case = (
        options.ignore_punctuation,
        options.ignore_quotes,
        options.ignore_case,
    )

    def token_code(token: str) -> str:
        if punctuation:
            key = comparison_key(token, options)
        else:  # no whitespace inside a chunk: every token is compared
            key = fold_quotes(token) if quotes else token
            if case:
                key = key.casefold()
        code = key_codes.get(key)
        if code is None:
            if len(key_codes) > CAPACITY:
                raise TooManyKeys(f"more than {CAPACITY:,} distinct tokens")
            n = len(key_codes) + _FIRST_CODE - 1
            code = key_codes[key] = chr(n) if n < 0xD800 else word_char(n - _FIRST_CODE)
        return code

    return token_code
