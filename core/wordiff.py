"""Word-level diff of two texts: lossless tokens, difflib-shaped opcodes, LCS-optimal.

The texts are cut into tokens (:func:`core.tokens.tokenize`) and compared under the
options as sequences of comparison keys, LCS-optimal: the fewest tokens are marked as
changed (rapidfuzz ``Indel.opcodes``, a bit-parallel LCS). A Levenshtein diff would give
matched words away to substitutions; merging short equal "islands" into the changes
around them would mark words that did not change, so neither is done.

With whitespace ignored (the default) each text becomes a string of one code character
per compared token (:mod:`core.token_codes`: cut at whitespace with ``str.split``, each
distinct chunk keyed once), and the two strings are diffed at C speed: at once when
small, else window by window between points found in step (:mod:`core.windows`), which
is what makes a million words cheap. Long texts (:data:`COARSE_CHARS`) are first shrunk
to the clauses that differ (:mod:`core.coarse_sync`): a run of clauses unchanged and in
step becomes one stand-in word on each side, so only what differs is coded word by word;
if the diff leaves a stand-in unpaired, the full texts are diffed. With whitespace
compared, the token ids are cut at *anchors* first (:func:`core.seqdiff.split_gaps`:
words that occur once on each side, kept in order, recursively) and the small gaps
between them diffed exactly; a gap too large for that with nothing to anchor on is one
replacement, so the worst case stays bounded.

Whitespace runs (and punctuation, with ``ignore_punctuation``) are left out of the
comparison and then handed to the neighbouring opcode, preferring ``equal`` ones, so
changes show the changed words only.

>>> segments(word_diff("The cat sat on the “mat”.", 'The dog sat on the "mat".'))
[('equal', 'The ', 'The '), ('replace', 'cat', 'dog'), ('equal', ' sat on the “mat”.', \
' sat on the "mat".')]
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import compress, count, repeat
from math import isqrt
from typing import NamedTuple

from rapidfuzz.distance import Indel, Levenshtein

from core.coarse_sync import STAND_IN, grow, paired, shrink
from core.seqdiff import Op, join_ops, span, split_gaps
from core.token_codes import CodeLayout, Coder, TooManyKeys, encode_codes
from core.tokens import KeyOptions, encode, tokenize
from core.windows import window_diff

__all__ = [
    "Opcode",
    "WordDiff",
    "changed_tokens",
    "char_detail",
    "diff_ids",
    "segments",
    "word_diff",
]

# Sizes (products of the two lengths) that decide how a range is compared.
_DIRECT_CELLS = 16_000_000  # at most this: one exact LCS diff (a millisecond or two)
_MAX_CELLS = 60_000_000  # more than this and nothing to anchor on: one replacement
# (rapidfuzz keeps a bit matrix of the cells: 60M cells are 7.5 MB and ~0.1 s)

_WINDOW = 256  # compared tokens per window of a long diff (see core.windows)
_PROBE = 8  # compared tokens a window's end is found by
COARSE_CHARS = 1 << 16  # texts this long (both together) are shrunk to what differs first
_PAUSE_GC_CHARS = 1 << 20  # texts longer than this are diffed with the cyclic GC paused

_Op = Op
_CHANGE = {(True, True): "replace", (True, False): "delete", (False, True): "insert"}


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """The cyclic garbage collector off for a while, if ``pause`` and it was on.

    A diff of book-size texts makes some hundred thousand small tuples that all live on,
    which sets off full collections, each walking the million-element lists again (about
    a tenth of the time). Nothing made here forms a cycle, so nothing is left for the
    collector; it is switched back on when done.
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Opcode(NamedTuple):
    """One step turning ``a[i1:i2]`` into ``b[j1:j2]``, as in :mod:`difflib`.

    ``tag`` is 'equal', 'replace', 'delete' or 'insert'.
    """

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The two texts, their tokens and the opcodes (over token indexes) from ``a`` to ``b``.

    The opcodes cover both token lists fully and in order. An 'equal' opcode means the
    tokens are the same *under the options*; the tokens themselves always keep each side's
    real text, and with ignored whitespace or punctuation an 'equal' opcode's two ranges
    may differ in length.

    Only the texts (shared with the caller, not copied) and the opcodes are stored: the
    token tuples are cut again from the texts when asked for (:func:`core.tokens.tokenize`
    is deterministic), so keeping thousands of diffs costs little memory. ``ops`` is None
    when both texts are the same string: then nothing was diffed and the one 'equal'
    opcode is made on demand.
    """

    a_text: str
    b_text: str
    ops: tuple[Opcode, ...] | None = None

    @property
    def a_tokens(self) -> tuple[str, ...]:
        """The tokens of ``a`` (lossless: they join to ``a_text``)."""
        return tuple(tokenize(self.a_text))

    @property
    def b_tokens(self) -> tuple[str, ...]:
        """The tokens of ``b``."""
        return tuple(tokenize(self.b_text))

    @property
    def opcodes(self) -> tuple[Opcode, ...]:
        """Opcodes turning ``a_tokens`` into ``b_tokens``."""
        if self.ops is not None:
            return self.ops
        n = len(tokenize(self.a_text))
        return (Opcode("equal", 0, n, 0, n),) if n else ()

    @property
    def is_equal(self) -> bool:
        """True when the texts are the same under the options."""
        return self.ops is None or all(op.tag == "equal" for op in self.ops)


def word_diff(
    a: str,
    b: str,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    ignore_quotes: bool = True,
    ignore_whitespace: bool = True,
) -> WordDiff:
    """Compare two texts word by word.

    The options say which differences do not count (see :class:`core.tokens.KeyOptions`):
    by default quote style and whitespace are ignored, case and punctuation are not.
    Ignored differences come out inside 'equal' opcodes whose two texts may differ.

    >>> [op.tag for op in word_diff("a  ‘b’", "a 'b'").opcodes]
    ['equal']
    >>> [op.tag for op in word_diff("a ‘b’", "a 'b'", ignore_quotes=False).opcodes]
    ['equal', 'replace', 'equal', 'replace']
    >>> word_diff("", "").opcodes
    ()
    """
    if a == b:  # nothing to compare: one 'equal' opcode, made when asked for
        return WordDiff(a, b)
    options = KeyOptions(
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_quotes=ignore_quotes,
        ignore_whitespace=ignore_whitespace,
    )
    with _collector_paused(len(a) + len(b) > _PAUSE_GC_CHARS):
        return _word_diff(a, b, options)


def _word_diff(a: str, b: str, options: KeyOptions) -> WordDiff:
    """:func:`word_diff` of two different texts under ``options``."""
    coded = None
    if options.ignore_whitespace:
        with suppress(TooManyKeys):  # more distinct words than characters: diff ints
            if len(a) + len(b) >= COARSE_CHARS:
                full = _shrunk_diff(a, b, options)
                if full is not None:
                    return WordDiff(a, b, tuple(map(tuple.__new__, repeat(Opcode), full)))
            coded = encode_codes((a, b), options)
    if coded is not None:
        a_coded, b_coded = coded
        ops = _diff_codes(a_coded.codes, b_coded.codes)
        full = _expand(ops, a_coded.layout, a_coded.n_tokens, b_coded.layout, b_coded.n_tokens)
    else:
        a_tokens = tokenize(a)
        b_tokens = tokenize(b)
        (a_ids, b_ids), words, _ = encode((a_tokens, b_tokens), options)
        del a_tokens, b_tokens
        # IGNORED is the only false id: compress and filter pick the compared ones in C.
        a_kept = list(compress(count(), a_ids))
        b_kept = list(compress(count(), b_ids))
        a_seq = a_ids if len(a_kept) == len(a_ids) else list(filter(None, a_ids))
        b_seq = b_ids if len(b_kept) == len(b_ids) else list(filter(None, b_ids))
        ops = _diff_flat(a_seq, b_seq, words.__contains__)
        full = _expand(ops, a_kept, len(a_ids), b_kept, len(b_ids))
    return WordDiff(a, b, tuple(map(tuple.__new__, repeat(Opcode), full)))


def _shrunk_diff(a: str, b: str, options: KeyOptions) -> list[_Op] | None:
    """Opcodes over all tokens of ``a`` and ``b``, found on the texts shrunk to the
    sentences that differ (:mod:`core.coarse_sync`); None where that cannot be done."""
    coder = Coder(options)
    shrunk = shrink(a, b, coder.chunk_tokens)
    if shrunk is None:
        return None
    a_coded = coder.encode(shrunk.a_text, by_sentence=False)
    b_coded = coder.encode(shrunk.b_text, by_sentence=False)
    stand_ins = [coder.word_code(f"{STAND_IN}{r}") for r in range(len(shrunk.runs))]
    a_codes, b_codes = _find_all(a_coded.codes, stand_ins), _find_all(b_coded.codes, stand_ins)
    ops = _diff_codes(a_coded.codes, b_coded.codes)
    if not paired(ops, a_codes, b_codes):
        return None
    full = _expand(ops, a_coded.layout, a_coded.n_tokens, b_coded.layout, b_coded.n_tokens)
    return grow(full, a_coded.layout.many(a_codes), b_coded.layout.many(b_codes), shrunk.runs)


def _find_all(codes: str, wanted: list[str]) -> list[int]:
    """Where each of ``wanted`` (one-character codes, each once in ``codes``, in this
    order) is in ``codes``."""
    found = []
    at = -1
    for code in wanted:
        at = codes.index(code, at + 1)
        found.append(at)
    return found


def segments(diff: WordDiff) -> list[tuple[str, str, str]]:
    """``(tag, a_text, b_text)`` for each opcode, the texts being joined tokens.

    >>> segments(word_diff("one two", "one three"))
    [('equal', 'one ', 'one '), ('replace', 'two', 'three')]
    """
    if diff.ops is None:  # the same text: one 'equal' segment, nothing to cut
        return [("equal", diff.a_text, diff.b_text)] if diff.a_text else []
    a, b = diff.a_tokens, diff.b_tokens
    return [(op.tag, "".join(a[op.i1 : op.i2]), "".join(b[op.j1 : op.j2])) for op in diff.opcodes]


def char_detail(a_word: str, b_word: str, *, max_len: int = 20) -> tuple[Opcode, ...] | None:
    """Character opcodes between two short replaced texts; ``None`` if either is longer.

    Equal runs of fewer than 3 characters between two changes are merged into them
    (Meld's rule), so the detail shows whole changed stretches, not letter salad.

    >>> char_detail("colour", "color")
    (Opcode(tag='equal', i1=0, i2=4, j1=0, j2=4), Opcode(tag='delete', i1=4, i2=5, j1=4, j2=4), \
Opcode(tag='equal', i1=5, i2=6, j1=4, j2=5))
    >>> char_detail("12,000", "13,500")
    (Opcode(tag='equal', i1=0, i2=1, j1=0, j2=1), Opcode(tag='replace', i1=1, i2=4, j1=1, j2=4), \
Opcode(tag='equal', i1=4, i2=6, j1=4, j2=6))
    >>> char_detail("a" * 30, "b") is None
    True
    """
    if len(a_word) > max_len or len(b_word) > max_len:
        return None
    ops = join_ops(Levenshtein.opcodes(a_word, b_word).as_list())
    return tuple(map(Opcode._make, _merge_short_equals(ops, min_len=3)))


# --- the diff of two key sequences -----------------------------------------------------


def diff_ids(
    a: Sequence[int], b: Sequence[int], *, words: frozenset[int] | None = None
) -> list[Opcode]:
    """LCS-optimal opcodes between two id lists (inside the anchored gaps); only ids in
    ``words`` (all, if None) may anchor.

    Adjacent changes come out merged into one opcode, as difflib does.

    >>> diff_ids([1, 2, 3, 4], [1, 5, 3])
    [Opcode(tag='equal', i1=0, i2=1, j1=0, j2=1), Opcode(tag='replace', i1=1, i2=2, j1=1, j2=2), \
Opcode(tag='equal', i1=2, i2=3, j1=2, j2=3), Opcode(tag='delete', i1=3, i2=4, j1=3, j2=3)]
    """
    anchorable = None if words is None else words.__contains__
    return list(map(Opcode._make, _diff_flat(a, b, anchorable)))


def changed_tokens(diff: WordDiff) -> int:
    """How many tokens the diff marks, both sides counted, whitespace not.

    The measure of a diff's quality: an LCS-optimal diff marks
    ``len(a) + len(b) - 2 * LCS(a, b)`` of the compared tokens.

    >>> changed_tokens(word_diff("one two three", "one three four"))
    2
    """
    a, b = diff.a_tokens, diff.b_tokens
    return sum(
        sum(1 for t in a[op.i1 : op.i2] if not t.isspace())
        + sum(1 for t in b[op.j1 : op.j2] if not t.isspace())
        for op in diff.opcodes
        if op.tag != "equal"
    )


def _diff_flat(
    a: Sequence[Hashable], b: Sequence[Hashable], anchorable: Callable[[Hashable], bool] | None
) -> list[_Op]:
    """Opcodes between two sequences of atoms (each element one compared token)."""
    out: list[_Op] = []
    for op in split_gaps(
        a, b, direct_cells=_DIRECT_CELLS, max_cells=_MAX_CELLS, anchorable=anchorable
    ):
        if op[0] == "gap":
            _, i1, i2, j1, j2 = op
            _lcs(a[i1:i2], b[j1:j2], i1, j1, out)
        else:
            out.append(op)
    return join_ops(out)


def _diff_codes(a: str, b: str) -> list[_Op]:
    """Opcodes between two code strings (see :mod:`core.token_codes`): one exact LCS
    diff when small, else window by window (:func:`core.windows.window_diff`)."""
    window = max(1, min(_WINDOW, isqrt(_DIRECT_CELLS) // 4))
    return window_diff(
        a,
        b,
        window=window,
        probe=max(2, min(_PROBE, window)),
        direct_cells=_DIRECT_CELLS,
        max_cells=_MAX_CELLS,
    )


def _lcs(a: Sequence[Hashable], b: Sequence[Hashable], i0: int, j0: int, out: list[_Op]) -> None:
    """Append the LCS-optimal opcodes of ``a`` against ``b``, shifted by ``i0``/``j0``."""
    ops = Indel.opcodes(a, b).as_list()
    if i0 or j0:
        ops = [(tag, i1 + i0, i2 + i0, j1 + j0, j2 + j0) for tag, i1, i2, j1, j2 in ops]
    out.extend(ops)


# --- post-processing ---------------------------------------------------------------------


def _merge_short_equals(ops: list[_Op], *, min_len: int) -> list[_Op]:
    """Merge equal runs shorter than ``min_len`` lying between two changes into them."""
    if len(ops) < 3:
        return ops
    out = [ops[0]]
    k = 1
    while k < len(ops):
        op = ops[k]
        if (
            op[0] == "equal"
            and k + 1 < len(ops)
            and out[-1][0] != "equal"
            and op[2] - op[1] < min_len
        ):
            out[-1] = span(out[-1], ops[k + 1])
            k += 2
        else:
            out.append(op)
            k += 1
    return out


def _expand(
    ops: list[_Op], a_kept: Sequence[int], a_len: int, b_kept: Sequence[int], b_len: int
) -> list[_Op]:
    """Turn opcodes over compared tokens into opcodes over all tokens.

    The tokens left out of the comparison (between two compared ones) go to the
    neighbouring 'equal' opcode, the one before if both are; between two changes, to the
    change before. Left-out tokens before the first or after the last compared token that
    border a change get an 'equal' opcode of their own.
    """
    if not ops:
        if a_len or b_len:  # nothing compared, so nothing differs
            return [("equal", 0, a_len, 0, b_len)]
        return []
    if len(a_kept) == a_len and len(b_kept) == b_len:
        return ops
    a_cuts = _cuts(ops, a_kept, a_len, 2)
    b_cuts = _cuts(ops, b_kept, b_len, 4)
    # Left-out tokens may have joined a change: changes are tagged after their final ranges
    # (never both empty: a change holds a compared token).
    full = [
        ("equal" if op[0] == "equal" else _CHANGE[i1 < i2, j1 < j2], i1, i2, j1, j2)
        for op, i1, i2, j1, j2 in zip(ops, a_cuts, a_cuts[1:], b_cuts, b_cuts[1:], strict=False)
    ]
    first = full[0]
    if first[0] != "equal":
        a0 = min(a_kept[0] if a_kept else a_len, first[2])
        b0 = min(b_kept[0] if b_kept else b_len, first[4])
        if a0 or b0:
            full[0:1] = [("equal", 0, a0, 0, b0), span(("", a0, first[2], b0, first[4]), first)]
    last = full[-1]
    if last[0] != "equal":
        a9 = max(a_kept[-1] + 1 if a_kept else 0, last[1])
        b9 = max(b_kept[-1] + 1 if b_kept else 0, last[3])
        if (a9, b9) != (a_len, b_len):
            full[-1:] = [
                span(last, ("", last[1], a9, last[3], b9)),
                ("equal", a9, a_len, b9, b_len),
            ]
    return full


def _cuts(ops: list[_Op], kept: Sequence[int], length: int, end: int) -> list[int]:
    """Token positions where each opcode starts on one side (plus the final end).

    ``end`` is the index in an opcode of its end on this side (2 for a, 4 for b).
    Left-out tokens at a boundary go to the 'equal' opcode after a change, else to the
    opcode before.
    """
    n_kept = len(kept)
    # compared token whose index gives the cut: p - 1 (+ 1 after it), or p itself
    after = [ops[k][0] != "equal" and ops[k + 1][0] == "equal" for k in range(len(ops) - 1)]
    ps = [op[end] for op in ops[:-1]]
    wanted = [p - 1 if back else p for p, back in zip(ps, after, strict=True)]
    inside = [0 <= w < n_kept for w in wanted]
    found = iter(
        kept.many(list(compress(wanted, inside)))
        if isinstance(kept, CodeLayout)
        else list(map(kept.__getitem__, compress(wanted, inside)))
    )
    cuts = [0]
    previous = 0
    for back, ok in zip(after, inside, strict=True):
        # not inside: p == 0 after a change, or past the last compared token
        cut = next(found) + back if ok else 0 if back else length
        if cut > previous:
            previous = cut
        cuts.append(previous)
    cuts.append(length)
    return cuts
