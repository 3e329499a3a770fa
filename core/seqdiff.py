"""Cutting a diff of two long sequences into small gaps, patience style.

:func:`split_gaps` strips the common prefix and suffix, then pairs up elements that occur
once on each side (or equally often, a few times), keeps a longest increasing run of those
pairs as anchors and does the same inside every gap between two anchors. What comes out
covers both sequences in order: 'equal' runs, 'insert' and 'delete' runs, 'gap' ranges
small enough to be diffed exactly (the caller does that, with an LCS diff such as
rapidfuzz ``Indel.opcodes``) and, only when a huge range has nothing to anchor on, one
'replace'. Elements are anything hashable; equal elements count as the same.

Everything runs on C-level iterators and slice comparisons where it can: one pass of
counting and masking per level, so a million elements take a fraction of a second.

>>> split_gaps("abxcd", "abycd", direct_cells=100)
[('equal', 0, 2, 0, 2), ('gap', 2, 3, 2, 3), ('equal', 3, 5, 3, 5)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate, compress, count, islice, repeat
from operator import add, eq, ge, itemgetter, le, sub

__all__ = ["Op", "increasing_subsequence", "join_ops", "span", "split_gaps"]

Op = tuple[str, int, int, int, int]
"""``(tag, i1, i2, j1, j2)``, as difflib's opcodes (a plain tuple: cheap to make)."""

MAX_SHARED_COUNT = 8  # elements seen this often (equally) on both sides can still anchor
MAX_DEPTH = 64


def split_gaps(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    *,
    direct_cells: int,
    max_cells: int = 0,
    anchorable: Callable[[Hashable], bool] | None = None,
) -> list[Op]:
    """Ops covering ``a`` and ``b``; ranges of at most ``direct_cells`` cells are 'gap's.

    A range is one 'gap' when the product of its two lengths is at most ``direct_cells``
    or it has nothing to anchor on but no more than ``max_cells`` cells; past that it is
    one 'replace'. Only elements for which ``anchorable`` is true (all, if None) anchor.
    """
    out: list[Op] = []
    _split(a, b, 0, len(a), 0, len(b), direct_cells, max_cells, anchorable, out, 0)
    return out


def _split(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    direct: int,
    most: int,
    anchorable: Callable[[Hashable], bool] | None,
    out: list[Op],
    depth: int,
) -> None:
    n = common_prefix(a, b, alo, ahi, blo, bhi)
    if n:
        out.append(("equal", alo, alo + n, blo, blo + n))
        alo += n
        blo += n
    m = common_suffix(a, b, alo, ahi, blo, bhi)
    ahi -= m
    bhi -= m
    if alo < ahi and blo < bhi:
        cells = (ahi - alo) * (bhi - blo)
        anchors: list[Run] = []
        if cells > direct and depth < MAX_DEPTH:
            anchors = _anchors(a, b, alo, ahi, blo, bhi, anchorable, 1)
            covered = sum(n for _, _, n in anchors)
            if 2 * covered < min(ahi - alo, bhi - blo):  # few unique words: chance matches?
                more = _anchors(a, b, alo, ahi, blo, bhi, anchorable, MAX_SHARED_COUNT)
                if sum(n for _, _, n in more) > covered:
                    anchors = more
        if anchors:
            _between_anchors(
                a, b, alo, ahi, blo, bhi, anchors, direct, most, anchorable, out, depth
            )
        else:
            out.append(("gap" if cells <= max(direct, most) else "replace", alo, ahi, blo, bhi))
    elif alo < ahi:
        out.append(("delete", alo, ahi, blo, blo))
    elif blo < bhi:
        out.append(("insert", alo, alo, blo, bhi))
    if m:
        out.append(("equal", ahi, ahi + m, bhi, bhi + m))


def _between_anchors(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    anchors: list[Run],
    direct: int,
    most: int,
    anchorable: Callable[[Hashable], bool] | None,
    out: list[Op],
    depth: int,
) -> None:
    """Equal runs at the anchors; what lies between them is split again."""
    i, j = alo, blo  # end of what is handled
    for ai, bj, n in anchors:
        if ai > i or bj > j:
            _split(a, b, i, ai, j, bj, direct, most, anchorable, out, depth + 1)
        out.append(("equal", ai, ai + n, bj, bj + n))
        i, j = ai + n, bj + n
    _split(a, b, i, ahi, j, bhi, direct, most, anchorable, out, depth + 1)


def _anchors(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    anchorable: Callable[[Hashable], bool] | None,
    max_count: int,
) -> list[Run]:
    """Equal runs to cut the range at, in order on both sides.

    Anchor elements occur equally often, and at most ``max_count`` times, on both sides;
    their k-th occurrences are paired, each pair grown into the equal run around it, and
    the heaviest chain of runs kept (patience diff, weighed by run length).
    """
    a_part = a[alo:ahi]
    b_part = b[blo:bhi]
    b_counts = Counter(b_part)
    shared = {
        x
        for x, c in Counter(a_part).items()
        if c <= max_count and b_counts.get(x) == c and (anchorable is None or anchorable(x))
    }
    del b_counts
    if not shared:
        return []
    if max_count == 1:  # the common case: C-level iterators only
        a_mask = list(map(shared.__contains__, a_part))
        b_mask = list(map(shared.__contains__, b_part))
        b_position = dict(zip(compress(b_part, b_mask), compress(count(blo), b_mask), strict=True))
        i_list = list(compress(count(alo), a_mask))
        j_list = list(map(b_position.__getitem__, compress(a_part, a_mask)))
    else:
        b_positions: dict[Hashable, list[int]] = {}
        for j, x in enumerate(b_part, blo):
            if x in shared:
                b_positions.setdefault(x, []).append(j)
        seen: Counter[Hashable] = Counter()
        i_list, j_list = [], []
        for i, x in enumerate(a_part, alo):
            if x in shared:
                i_list.append(i)
                j_list.append(b_positions[x][seen[x]])
                seen[x] += 1
    return _heaviest_chain(_runs(a, b, alo, ahi, blo, bhi, i_list, j_list))


Run = tuple[int, int, int]
"""``(i, j, n)``: ``a[i:i + n] == b[j:j + n]``."""


def _runs(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    i_list: list[int],
    j_list: list[int],
) -> list[Run]:
    """The equal run around each anchor pair (once per run), in the order of ``i``.

    Two pairs after one another lie in one run when everything from the one to the next
    is equal on both sides: that is checked for all pairs at once with C-level slice
    comparisons, so only the runs' two ends take Python steps.
    """
    n = len(i_list)
    if not n:
        return []
    diagonal = list(map(sub, i_list, j_list))
    # pairs k, k + 1 on one diagonal, compared from the one to the next (bounded by a)
    same = list(compress(count(), map(eq, diagonal, islice(diagonal, 1, None))))
    del diagonal
    i_from = list(map(i_list.__getitem__, same))
    i_to = list(map(i_list.__getitem__, map(add, same, repeat(1))))
    j_from = list(map(j_list.__getitem__, same))
    j_to = list(map(sub, i_to, map(sub, i_from, j_from)))
    linked = map(
        eq,
        map(a.__getitem__, map(slice, i_from, i_to)),
        map(b.__getitem__, map(slice, j_from, j_to)),
    )
    breaks = set(range(1, n)).difference(map(add, compress(same, linked), repeat(1)))
    starts = [0, *sorted(breaks)]  # the first pair of each run
    lasts = [*(k - 1 for k in islice(starts, 1, None)), n - 1]
    runs = list(
        zip(
            map(i_list.__getitem__, starts),
            map(j_list.__getitem__, starts),
            map(sub, map(add, map(i_list.__getitem__, lasts), repeat(1)),
                map(i_list.__getitem__, starts)),
            strict=True,
        )
    )
    if is_sorted(list(map(itemgetter(1), runs))):
        return runs  # in order: the gaps between them take the equal ends off themselves
    # Out of order: the runs are weighed by their length, so grow them to their full size.
    grown: list[Run] = []
    for i, j, n_run in runs:
        if i > alo and j > blo and a[i - 1] == b[j - 1]:
            back = common_suffix(a, b, alo, i, blo, j)
            i, j, n_run = i - back, j - back, n_run + back
        end_i, end_j = i + n_run, j + n_run
        if end_i < ahi and end_j < bhi and a[end_i] == b[end_j]:
            n_run += common_prefix(a, b, end_i, ahi, end_j, bhi)
        grown.append((i, j, n_run))
    return grown


def is_sorted(values: list[int]) -> bool:
    """True when ``values`` never decrease (C-level pairwise comparison)."""
    return all(map(le, values, islice(values, 1, None)))


def _heaviest_chain(runs: list[Run]) -> list[Run]:
    """The runs, one after the other on both sides, that cover the most elements.

    Patience diff keeps the most anchors; weighing each by the equal run it sits in keeps
    a chance match of one word far away from outvoting long stretches that agree.
    O(R log R) with a Fenwick tree of the best total by where a run ends in ``b``.
    """
    if is_sorted([r[1] for r in runs]):  # nothing moved: trim overlaps
        return _trimmed(runs)
    ends = sorted({j + n for _, j, n in runs})
    rank = {e: k + 1 for k, e in enumerate(ends)}
    size = len(ends)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0] * len(runs)
    back = [-1] * len(runs)
    by_end = sorted(range(len(runs)), key=lambda r: runs[r][0] + runs[r][2])
    added = 0
    for s, (i, j, n) in enumerate(runs):  # runs are ordered by i
        while added < len(by_end) and runs[by_end[added]][0] + runs[by_end[added]][2] <= i:
            r = by_end[added]
            pos = rank[runs[r][1] + runs[r][2]]
            while pos <= size:
                if best[r] > tree_best[pos]:
                    tree_best[pos], tree_at[pos] = best[r], r
                pos += pos & -pos
            added += 1
        top, at = 0, -1
        pos = bisect_left(ends, j + 1)  # runs ending in b at or before j
        while pos > 0:
            if tree_best[pos] > top:
                top, at = tree_best[pos], tree_at[pos]
            pos -= pos & -pos
        best[s], back[s] = top + n, at
    chain: list[Run] = []
    k = max(range(len(runs)), key=best.__getitem__)
    while k >= 0:
        chain.append(runs[k])
        k = back[k]
    chain.reverse()
    return chain


def _trimmed(runs: list[Run]) -> list[Run]:
    """Runs in order on both sides, each cut where it overlaps the one before."""
    out: list[Run] = []
    i_end = j_end = -1
    for i, j, n in runs:
        cut = max(i_end - i, j_end - j, 0)
        if cut < n:
            out.append((i + cut, j + cut, n - cut))
            i_end, j_end = i + n, j + n
    return out


def increasing_subsequence(values: list[int]) -> list[int] | None:
    """Indexes of a longest increasing subsequence of distinct ``values``; None if all.

    Cuts the list where everything before is smaller than everything after (found with
    C-level scans) and runs the O(n log n) search only inside the disordered pieces:
    the LIS of the whole is the LIS of the pieces, one after the other.

    >>> increasing_subsequence([1, 2, 3]) is None
    True
    >>> increasing_subsequence([1, 5, 3, 4, 9, 8])
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
        keep.extend(start + x for x in longest_increasing(values[start:stop]))
        done = stop
        k += 1
    keep.extend(range(done, len(values)))
    return keep


def longest_increasing(values: list[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of ``values``.

    >>> longest_increasing([3, 1, 2, 5, 4])
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


def common_prefix(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
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


def common_suffix(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
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


def join_ops(ops: list[Op]) -> list[Op]:
    """Merge adjacent ops of the same kind (equal with equal, change with change).

    >>> join_ops([("delete", 0, 1, 0, 0), ("insert", 1, 1, 0, 2), ("equal", 1, 2, 2, 3)])
    [('replace', 0, 1, 0, 2), ('equal', 1, 2, 2, 3)]
    """
    joined: list[Op] = []
    append = joined.append
    last: Op | None = None  # joined[-1]
    last_equal = False
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if i1 == i2 and j1 == j2:
            continue
        equal = tag == "equal"
        if last is not None and last_equal == equal:
            i1, j1 = last[1], last[3]
            tag = "equal" if equal else _CHANGE[i1 < i2, j1 < j2]
            last = joined[-1] = (tag, i1, i2, j1, j2)
        else:
            append(op)
            last, last_equal = op, equal
    return joined


def span(first: Op, last: Op, equal: bool = False) -> Op:
    """One op from the start of ``first`` to the end of ``last``: a change unless
    ``equal``, tagged after its ranges."""
    i1, i2, j1, j2 = first[1], last[2], first[3], last[4]
    if equal:
        return ("equal", i1, i2, j1, j2)
    return (_CHANGE[i1 < i2, j1 < j2], i1, i2, j1, j2)


_CHANGE = {(True, True): "replace", (True, False): "delete", (False, True): "insert"}
