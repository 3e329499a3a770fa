"""Word-level diff of two texts: lossless tokens, difflib-shaped opcodes.

The texts are cut into tokens (:func:`core.tokens.tokenize`), the tokens mapped to int
ids under the comparison options, and the id lists compared:

1. common prefix and suffix are stripped (slice comparisons, galloping);
2. a small problem goes straight to rapidfuzz ``Levenshtein.opcodes`` (bit-parallel C++);
3. a larger one is cut by *anchors*, patience style: word ids that occur once in each
   side, kept in order by a longest increasing subsequence; the gaps between anchors are
   diffed the same way, recursively;
4. a large gap without unique words is anchored by words that occur equally often
   (at most a few times) on both sides; failing that it is compared whole when that stays
   cheap, else reported as one replacement, so the worst case stays bounded.

Whitespace runs (and punctuation, with ``ignore_punctuation``) are left out of the
comparison and then handed back to the neighbouring opcode, preferring ``equal`` ones, so
changes show the changed words only. Equal runs of nothing but punctuation, or of one short
word, between two changes are merged into the change (no islands).

>>> segments(word_diff("The cat sat on the “mat”.", 'The dog sat on the "mat".'))
[('equal', 'The ', 'The '), ('replace', 'cat', 'dog'), ('equal', ' sat on the “mat”.', \
' sat on the "mat".')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import ge
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from core.tokens import KeyOptions, encode, tokenize

__all__ = ["Opcode", "WordDiff", "char_detail", "diff_ids", "segments", "word_diff"]

# Sizes (products of the two lengths) that decide how a gap is compared.
_DIRECT_CELLS = 4_000_000  # below this, Levenshtein on the gap at once (well under 1 ms)
_MAX_CELLS = 250_000_000  # above this, a gap with no anchors at all is one replacement
_MAX_SHARED_COUNT = 8  # words seen this often on both sides can still anchor
_MAX_DEPTH = 64
_SHORT_WORD = 3  # a lone equal word this long or shorter between two changes is merged


_Op = tuple[str, int, int, int, int]  # an opcode inside the algorithm (plain tuple: faster)


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
    ['equal', 'replace']
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
    a_tokens = tokenize(a)
    b_tokens = tokenize(b)
    (a_ids, b_ids), words, keys = encode((a_tokens, b_tokens), options)
    # IGNORED is the only false id: compress and filter pick the compared ones in C.
    a_kept = list(compress(count(), a_ids))
    b_kept = list(compress(count(), b_ids))
    a_seq = a_ids if len(a_kept) == len(a_ids) else list(filter(None, a_ids))
    b_seq = b_ids if len(b_kept) == len(b_ids) else list(filter(None, b_ids))
    ops = _diff_ops(a_seq, b_seq, words)
    ops = _merge_islands(ops, a_seq, words, keys)
    full = _expand(ops, a_kept, len(a_tokens), b_kept, len(b_tokens))
    return WordDiff(a, b, tuple(map(Opcode._make, full)))


def segments(diff: WordDiff) -> list[tuple[str, str, str]]:
    """``(tag, a_text, b_text)`` for each opcode, the texts being joined tokens.

    >>> segments(word_diff("one two", "one three"))
    [('equal', 'one ', 'one '), ('replace', 'two', 'three')]
    """
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
    ops = _join(Levenshtein.opcodes(a_word, b_word).as_list())
    return tuple(map(Opcode._make, _merge_short_equals(ops, min_len=3)))


# --- the id-level diff -------------------------------------------------------------------


def diff_ids(
    a: Sequence[int], b: Sequence[int], *, words: frozenset[int] | None = None
) -> list[Opcode]:
    """Opcodes between two id lists; only ids in ``words`` (all, if None) may anchor.

    Adjacent changes come out merged into one opcode, as difflib does.

    >>> diff_ids([1, 2, 3, 4], [1, 5, 3])
    [Opcode(tag='equal', i1=0, i2=1, j1=0, j2=1), Opcode(tag='replace', i1=1, i2=2, j1=1, j2=2), \
Opcode(tag='equal', i1=2, i2=3, j1=2, j2=3), Opcode(tag='delete', i1=3, i2=4, j1=3, j2=3)]
    """
    return list(map(Opcode._make, _diff_ops(a, b, words)))


def _diff_ops(a: Sequence[int], b: Sequence[int], words: frozenset[int] | None) -> list[_Op]:
    """:func:`diff_ids` as plain tuples."""
    out: list[_Op] = []
    _diff(a, b, 0, len(a), 0, len(b), words, out, 0)
    return _join(out)


def _diff(
    a: Sequence[int],
    b: Sequence[int],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    words: frozenset[int] | None,
    out: list[_Op],
    depth: int,
) -> None:
    """Append opcodes for ``a[alo:ahi]`` against ``b[blo:bhi]`` to ``out``."""
    n = _common_prefix(a, b, alo, ahi, blo, bhi)
    if n:
        out.append(("equal", alo, alo + n, blo, blo + n))
        alo += n
        blo += n
    m = _common_suffix(a, b, alo, ahi, blo, bhi)
    ahi -= m
    bhi -= m
    _diff_middle(a, b, alo, ahi, blo, bhi, words, out, depth)
    if m:
        out.append(("equal", ahi, ahi + m, bhi, bhi + m))


def _diff_middle(
    a: Sequence[int],
    b: Sequence[int],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    words: frozenset[int] | None,
    out: list[_Op],
    depth: int,
) -> None:
    """The part of :func:`_diff` after prefix and suffix are stripped."""
    if alo == ahi and blo == bhi:
        return
    if alo == ahi:
        out.append(("insert", alo, alo, blo, bhi))
        return
    if blo == bhi:
        out.append(("delete", alo, ahi, blo, blo))
        return
    cells = (ahi - alo) * (bhi - blo)
    if cells <= _DIRECT_CELLS:
        _levenshtein(a, b, alo, ahi, blo, bhi, out)
        return
    anchors: tuple[list[int], list[int]] = ([], [])
    if depth < _MAX_DEPTH:
        anchors = _anchors(a, b, alo, ahi, blo, bhi, words, 1)
        if not anchors[0]:
            anchors = _anchors(a, b, alo, ahi, blo, bhi, words, _MAX_SHARED_COUNT)
    if not anchors[0]:
        if cells <= _MAX_CELLS:
            _levenshtein(a, b, alo, ahi, blo, bhi, out)
        else:
            out.append(("replace", alo, ahi, blo, bhi))
        return
    # Walk the anchors; runs of anchors with equal stretches between them stay one
    # equal opcode, and only the gaps that really differ are diffed.
    run_i, run_j = alo, blo  # start of the current equal run
    i, j = alo, blo  # end of what is handled
    for ai, bj in zip(*anchors, strict=True):
        if ai - i == bj - j and (ai == i or a[i:ai] == b[j:bj]):
            i, j = ai + 1, bj + 1
            continue
        if i > run_i:
            out.append(("equal", run_i, i, run_j, j))
        _diff(a, b, i, ai, j, bj, words, out, depth + 1)
        run_i, run_j = ai, bj
        i, j = ai + 1, bj + 1
    if i > run_i:
        out.append(("equal", run_i, i, run_j, j))
    _diff(a, b, i, ahi, j, bhi, words, out, depth + 1)


def _levenshtein(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int, out: list[_Op]
) -> None:
    """Append rapidfuzz's Levenshtein opcodes for the two slices, shifted into place."""
    ops = Levenshtein.opcodes(a[alo:ahi], b[blo:bhi]).as_list()
    if alo or blo:
        ops = [(tag, i1 + alo, i2 + alo, j1 + blo, j2 + blo) for tag, i1, i2, j1, j2 in ops]
    out.extend(ops)


def _anchors(
    a: Sequence[int],
    b: Sequence[int],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    words: frozenset[int] | None,
    max_count: int,
) -> tuple[list[int], list[int]]:
    """Matched positions of anchor words: lists ``i`` and ``j``, both increasing.

    Anchor words occur equally often, and at most ``max_count`` times, on both sides;
    their k-th occurrences are paired. The pairs kept are a longest increasing
    subsequence (patience diff for ``max_count == 1``).
    """
    a_part = a[alo:ahi]
    b_part = b[blo:bhi]
    a_counts = Counter(a_part)
    b_counts = Counter(b_part)
    shared = {
        x
        for x, c in a_counts.items()
        if c <= max_count and b_counts.get(x) == c and (words is None or x in words)
    }
    if not shared:
        return [], []
    if max_count == 1:  # the common case: C-level iterators only
        a_mask = list(map(shared.__contains__, a_part))
        b_mask = list(map(shared.__contains__, b_part))
        b_position = dict(zip(compress(b_part, b_mask), compress(count(blo), b_mask), strict=True))
        i_list = list(compress(count(alo), a_mask))
        j_list = list(map(b_position.__getitem__, compress(a_part, a_mask)))
    else:
        b_positions: dict[int, list[int]] = {}
        for j, x in enumerate(b_part, blo):
            if x in shared:
                b_positions.setdefault(x, []).append(j)
        seen: Counter[int] = Counter()
        i_list, j_list = [], []
        for i, x in enumerate(a_part, alo):
            if x in shared:
                i_list.append(i)
                j_list.append(b_positions[x][seen[x]])
                seen[x] += 1
    keep = _increasing_subsequence(j_list)
    if keep is None:
        return i_list, j_list
    return [i_list[k] for k in keep], [j_list[k] for k in keep]


def _increasing_subsequence(values: list[int]) -> list[int] | None:
    """Indexes of a longest increasing subsequence of distinct ``values``; None if all.

    Cuts the list where everything before is smaller than everything after (found with
    C-level scans) and runs the O(n log n) search only inside the disordered pieces:
    the LIS of the whole is the LIS of the pieces, one after the other.

    >>> _increasing_subsequence([1, 2, 3]) is None
    True
    >>> _increasing_subsequence([1, 5, 3, 4, 9, 8])
    [0, 2, 3, 5]
    """
    if values == sorted(values):  # the usual case: nothing moved (timsort is linear here)
        return None
    prefix_max = list(accumulate(values, max))
    suffix_min = list(accumulate(reversed(values), min))
    suffix_min.reverse()
    # joined[k]: no cut between k and k + 1.
    joined = list(compress(count(), map(ge, prefix_max, suffix_min[1:])))
    keep: list[int] = []
    done = 0
    k = 0
    while k < len(joined):
        start = joined[k]
        while k + 1 < len(joined) and joined[k + 1] == joined[k] + 1:
            k += 1
        stop = joined[k] + 2  # the piece values[start:stop]
        keep.extend(range(done, start))
        keep.extend(start + x for x in _longest_increasing(values[start:stop]))
        done = stop
        k += 1
    keep.extend(range(done, len(values)))
    return keep


def _longest_increasing(values: list[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of ``values``.

    >>> _longest_increasing([3, 1, 2, 5, 4])
    [1, 2, 4]
    """
    if not values:
        return []
    tails: list[int] = []  # tails[k]: smallest value ending an increasing run of length k+1
    tail_at: list[int] = []  # index of that tail
    back: list[int] = []  # predecessor index of each value in its best run
    for index, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(index)
        else:
            tails[k] = value
            tail_at[k] = index
        back.append(tail_at[k - 1] if k else -1)
    chain: list[int] = []
    index = tail_at[-1]
    while index >= 0:
        chain.append(index)
        index = back[index]
    chain.reverse()
    return chain


def _common_prefix(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int
) -> int:
    """Length of the common prefix of ``a[alo:ahi]`` and ``b[blo:bhi]``."""
    limit = min(ahi - alo, bhi - blo)
    if not limit or a[alo] != b[blo]:
        return 0
    # Gallop with slice comparisons (C speed), then binary search the first mismatch.
    lo, step = 1, 16
    while lo < limit:
        hi = min(lo + step, limit)
        if a[alo + lo : alo + hi] != b[blo + lo : blo + hi]:
            break
        lo = hi
        step *= 2
    else:
        return limit
    # a[.. lo] matches; the first mismatch lies in [lo, hi).
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[alo + lo : alo + mid] == b[blo + lo : blo + mid]:
            lo = mid
        else:
            hi = mid
    return lo if a[alo + lo] != b[blo + lo] else hi


def _common_suffix(
    a: Sequence[int], b: Sequence[int], alo: int, ahi: int, blo: int, bhi: int
) -> int:
    """Length of the common suffix of ``a[alo:ahi]`` and ``b[blo:bhi]``."""
    limit = min(ahi - alo, bhi - blo)
    if not limit or a[ahi - 1] != b[bhi - 1]:
        return 0
    lo, step = 1, 16
    while lo < limit:
        hi = min(lo + step, limit)
        if a[ahi - hi : ahi - lo] != b[bhi - hi : bhi - lo]:
            break
        lo = hi
        step *= 2
    else:
        return limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[ahi - mid : ahi - lo] == b[bhi - mid : bhi - lo]:
            lo = mid
        else:
            hi = mid
    return lo if a[ahi - lo - 1] != b[bhi - lo - 1] else hi


# --- post-processing ---------------------------------------------------------------------


def _join(ops: list[_Op]) -> list[_Op]:
    """Merge adjacent opcodes of the same kind (equal with equal, change with change)."""
    joined: list[_Op] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if i1 == i2 and j1 == j2:
            continue
        if joined and (joined[-1][0] == "equal") == (tag == "equal"):
            joined[-1] = _span(joined[-1], op, tag == "equal")
        else:
            joined.append(op)
    return joined


def _span(first: _Op, last: _Op, equal: bool = False) -> _Op:
    """One opcode from the start of ``first`` to the end of ``last``: a change unless
    ``equal``, tagged after its ranges."""
    i1, i2, j1, j2 = first[1], last[2], first[3], last[4]
    if equal:
        return ("equal", i1, i2, j1, j2)
    return (_CHANGE[i1 < i2, j1 < j2], i1, i2, j1, j2)


_CHANGE = {(True, True): "replace", (True, False): "delete", (False, True): "insert"}


def _merge_short_equals(ops: list[_Op], *, min_len: int) -> list[_Op]:
    """Merge equal runs shorter than ``min_len`` lying between two changes into them."""
    return _merge_where(ops, lambda op: op[2] - op[1] < min_len)


def _merge_islands(
    ops: list[_Op], seq: Sequence[int], words: frozenset[int], keys: Sequence[str]
) -> list[_Op]:
    """Merge tiny equal runs between two changes: no word, or one short word.

    ``seq`` holds the compared ids the opcodes index; ``keys[id]`` is an id's key.
    """

    def tiny(op: _Op) -> bool:
        if op[2] - op[1] > 6:
            return False
        run_words = [x for x in seq[op[1] : op[2]] if x in words]
        return not run_words or (len(run_words) == 1 and len(keys[run_words[0]]) <= _SHORT_WORD)

    return _merge_where(ops, tiny)


def _merge_where(ops: list[_Op], tiny: Callable[[_Op], bool]) -> list[_Op]:
    """Fold each equal opcode lying between two changes into them when ``tiny(op)``.

    ``ops`` alternate between equal and change (as from :func:`_join`).
    """
    if len(ops) < 3:
        return ops
    out = [ops[0]]
    k = 1
    while k < len(ops):
        op = ops[k]
        if op[0] == "equal" and k + 1 < len(ops) and out[-1][0] != "equal" and tiny(op):
            out[-1] = _span(out[-1], ops[k + 1])
            k += 2
        else:
            out.append(op)
            k += 1
    return out


def _expand(
    ops: list[_Op], a_kept: list[int], a_len: int, b_kept: list[int], b_len: int
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
    full = [
        (op[0], i1, i2, j1, j2)
        for op, i1, i2, j1, j2 in zip(ops, a_cuts, a_cuts[1:], b_cuts, b_cuts[1:], strict=False)
    ]
    first = full[0]
    if first[0] != "equal":
        a0 = min(a_kept[0] if a_kept else a_len, first[2])
        b0 = min(b_kept[0] if b_kept else b_len, first[4])
        if a0 or b0:
            full[0:1] = [("equal", 0, a0, 0, b0), ("", a0, first[2], b0, first[4])]
    last = full[-1]
    if last[0] != "equal":
        a9 = max(a_kept[-1] + 1 if a_kept else 0, last[1])
        b9 = max(b_kept[-1] + 1 if b_kept else 0, last[3])
        if (a9, b9) != (a_len, b_len):
            full[-1:] = [("", last[1], a9, last[3], b9), ("equal", a9, a_len, b9, b_len)]
    # Left-out tokens may have joined a change: tag changes after their final ranges.
    return [op if op[0] == "equal" else _span(op, op) for op in full]


def _cuts(ops: list[_Op], kept: Sequence[int], length: int, end: int) -> list[int]:
    """Token positions where each opcode starts on one side (plus the final end).

    ``end`` is the index in an opcode of its end on this side (2 for a, 4 for b).
    """
    cuts = [0]
    previous = 0
    n_kept = len(kept)
    for k in range(len(ops) - 1):
        p = ops[k][end]  # boundary in compared-token positions
        if ops[k][0] != "equal" and ops[k + 1][0] == "equal":
            cut = kept[p - 1] + 1 if p else 0  # left-out tokens go to the equal after
        else:
            cut = kept[p] if p < n_kept else length  # ... or to the opcode before
        previous = max(cut, previous)
        cuts.append(previous)
    cuts.append(length)
    return cuts
