"""An LCS diff of two long strings, one window at a time.

An exact LCS diff (rapidfuzz ``Indel.opcodes``) costs the product of the two lengths, so
two long strings are cut into *windows* first: from where both are in step, a *probe* (a
few characters) is taken about a window ahead in ``a`` and looked for in ``b`` around where
it should be. Where it occurs exactly once on each side near there, the two are in step
again, and everything before is one window, diffed exactly. All of this is string
slicing, ``str.count`` and ``str.find``: C speed, a few calls per window, so the cost
grows with the length, not with the number of changes. A probe that is not found
(changed, or repeated nearby) is tried a little further on; far-away matches (long
insertions, deletions, moves) are looked for with a doubling radius. Where no probe is
found at all, the rest is cut at anchors by :func:`core.seqdiff.split_gaps`, as before.

Windows cut at unique probes found in order, so on text revised in place the result is
the optimal diff; a probe that pairs text that moved may cost a few more changed tokens
than the optimum, as any anchoring does.

>>> ops = window_diff("abcdefghij", "abcXefghYj", window=3, probe=2, direct_cells=4)
>>> [op for op in ops if op[0] != "equal"]
[('replace', 3, 4, 3, 4), ('replace', 8, 9, 8, 9)]
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from core.seqdiff import Op, common_prefix, common_suffix, join_ops, split_gaps

__all__ = ["window_diff"]

_STEPS = 4  # probes tried one after another at the window's end
_SPREAD = 8  # and this many spread over the search radius, before it doubles


def window_diff(
    a: str, b: str, *, window: int, probe: int, direct_cells: int, max_cells: int = 0
) -> list[Op]:
    """Opcodes turning ``a`` into ``b``, LCS-optimal inside each window.

    ``window`` is the length (in ``a``) a window aims at, ``probe`` the length of a probe;
    a range of at most ``direct_cells`` cells (the product of its lengths) is diffed
    exactly at once. Ranges left without a window cut go to
    :func:`core.seqdiff.split_gaps` (``max_cells`` as there).
    """
    out: list[Op] = []
    n = common_prefix(a, b, 0, len(a), 0, len(b))
    if n:
        out.append(("equal", 0, n, 0, n))
    m = common_suffix(a, b, n, len(a), n, len(b))
    ahi, bhi = len(a) - m, len(b) - m
    i = j = n
    while (ahi - i) * (bhi - j) > direct_cells:
        cut = _sync(a, b, i, ahi, j, bhi, window, probe)
        if cut is None:
            break
        s, q = cut
        _diff(a, b, i, s, j, q, direct_cells, max_cells, out)
        i, j = s, q
    _diff(a, b, i, ahi, j, bhi, direct_cells, max_cells, out)
    if m:
        out.append(("equal", ahi, ahi + m, bhi, bhi + m))
    return join_ops(out)


def _sync(
    a: str, b: str, i: int, ahi: int, j: int, bhi: int, window: int, probe: int
) -> tuple[int, int] | None:
    """A point ``(s, q)`` past ``(i, j)`` where ``a[s:s + probe]`` is found once near ``s``
    in ``a`` and once near its expected place in ``b``; None if no probe is.

    The search radius doubles while nothing is found, and at each radius probes are taken
    up to as far on in ``a``: so the nearest way back in step wins, and a passage that
    moved far is told as a deletion and an insertion, not followed to where it went.
    """
    radius = window
    start = i + window
    limit = 2 * max(ahi - i, bhi - j)
    while radius <= limit:
        tried = [start + k * probe for k in range(_STEPS)]
        tried += [start + radius * k // _SPREAD for k in range(1, _SPREAD + 1)]
        for s in tried:
            if s + probe > ahi:
                break
            key = a[s : s + probe]
            expected = j + (s - i)
            lo, hi = max(j, expected - radius), min(bhi, expected + radius + probe)
            if (
                lo < hi
                and b.count(key, lo, hi) == 1
                and a.count(key, max(i, s - radius), min(ahi, s + radius + probe)) == 1
            ):
                return s, b.find(key, lo, hi)
        radius *= 2
    return None


def _diff(
    a: str,
    b: str,
    i1: int,
    i2: int,
    j1: int,
    j2: int,
    direct_cells: int,
    max_cells: int,
    out: list[Op],
) -> None:
    """Append the opcodes of ``a[i1:i2]`` against ``b[j1:j2]``."""
    if i1 == i2 and j1 == j2:
        return
    if i1 == i2:
        out.append(("insert", i1, i1, j1, j2))
        return
    if j1 == j2:
        out.append(("delete", i1, i2, j1, j1))
        return
    x, y = a[i1:i2], b[j1:j2]
    if (i2 - i1) * (j2 - j1) <= direct_cells:
        ops = Indel.opcodes(x, y).as_list()
    else:
        ops = []
        for op in split_gaps(x, y, direct_cells=direct_cells, max_cells=max_cells):
            if op[0] == "gap":
                _, g1, g2, h1, h2 = op
                ops.extend(
                    (tag, k1 + g1, k2 + g1, l1 + h1, l2 + h1)
                    for tag, k1, k2, l1, l2 in Indel.opcodes(x[g1:g2], y[h1:h2]).as_list()
                )
            else:
                ops.append(op)
    out += [(tag, k1 + i1, k2 + i1, l1 + j1, l2 + j1) for tag, k1, k2, l1, l2 in ops]
