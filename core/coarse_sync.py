"""Long texts shrunk to what differs before they are diffed word by word.

Two revisions of a book share most of their clauses. Coding every word of both
(:mod:`core.token_codes`) is a dict lookup per word, the bulk of a word diff's time, yet a
clause found unchanged and in step needs no word codes at all, only its token count. So
the texts are first cut at each full stop and comma into *clauses* (``str.split``, C
speed), the clauses diffed as units (one code each), and every run of unchanged clauses
in step is replaced, on both sides, by one *stand-in* word of its own (:data:`STAND_IN`
and a number). The two shrunk texts are diffed as any other; a stand-in that comes out
paired with its twin then stands for the run's tokens again (:func:`grow`). If a
stand-in comes out unpaired (the word diff preferred other pairs across it), or the
texts hold the stand-in letter themselves, the caller diffs the full texts instead.

Full stops and commas are always tokens of their own, so the clauses between runs
tokenize as they do in the full text, and a stand-in between two of them is one token,
as the run was. The first and the last clause of each text never join a run (they lack
the cut before or after that the others have).

>>> s = shrink("A b. C d e f g, h i j. K l", "A x. C d e f g, h i j. K y")
>>> s.a_text, s.b_text, s.runs
('A b.ꙮ0. K l', 'A x.ꙮ0. K y', [17])
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, count, filterfalse, islice, repeat
from operator import add
from typing import NamedTuple

from core.seqdiff import Op
from core.windows import window_diff

__all__ = ["STAND_IN", "Shrunk", "grow", "paired", "shrink", "token_count"]

STAND_IN = "\ua66e"
"""The letter a stand-in word starts with (a rare Cyrillic letter; a text holding it is
diffed in full)."""

_CUTS = ".,"  # always tokens of their own: the texts cut cleanly there
MIN_RUN = 16  # tokens a run must hold to be stood in (a short clause may recur nearby,
# and pairing it whole can cost the optimum; a long one is as good as an anchor)
_WINDOW = 64  # clauses per window of the clause diff
_CELLS = 4_000_000  # clause pairs diffed at once
_CODES = (range(0x100, 0xD800), range(0xE000, 0x110000))  # one character per clause


# ASCII word characters (letters, digits, "_"), space, newline, full stop and comma
_PLAIN_ASCII = dict.fromkeys(
    b" \n.,_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
_LONG_RUN = " " * 5


class Shrunk(NamedTuple):
    """The shrunk texts and, per stand-in (numbered in order), its run's token count."""

    a_text: str
    b_text: str
    runs: list[int]


def shrink(
    a: str, b: str, chunk_tokens: Callable[[list[str]], int] | None = None
) -> Shrunk | None:
    """``a`` and ``b`` with each run of clauses unchanged and in step replaced by a
    stand-in; None when nothing is, or the texts hold :data:`STAND_IN`.

    ``chunk_tokens`` counts the tokens of a list of chunks none of which is all letters
    and digits (a coder's memo does it cheaply); by default they are tokenized.
    """
    if STAND_IN in a or STAND_IN in b:
        return None
    a_units, b_units = _clauses(a), _clauses(b)
    if len(a_units) < 3 or len(b_units) < 3:
        return None
    distinct = dict.fromkeys(chain(a_units, b_units))
    if len(distinct) + 4 > sum(map(len, _CODES)):
        return None
    codes = map(chr, chain.from_iterable(_CODES))
    ids = dict(zip(distinct, codes, strict=False))
    del distinct
    a_ids = list(map(ids.__getitem__, a_units))
    b_ids = list(map(ids.__getitem__, b_units))
    del ids
    # the first and last clauses pair with nothing (no cut before or after them)
    a_ids[0], a_ids[-1], b_ids[0], b_ids[-1] = islice(codes, 4)
    ops = window_diff("".join(a_ids), "".join(b_ids), window=_WINDOW, probe=1, direct_cells=_CELLS)
    del a_ids, b_ids
    a_at, b_at = _starts(a_units), _starts(b_units)
    del a_units, b_units
    counter = chunk_tokens or _tokenized_count
    a_out: list[str] = []
    b_out: list[str] = []
    runs: list[int] = []
    a_done = b_done = 0  # text put out so far
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            continue
        # the run's text: from its first clause to the cut after its last (two runs of
        # the same clauses may still differ in their cuts, a comma for a full stop)
        s, e, t, f = a_at[i1], a_at[i2] - 1, b_at[j1], b_at[j2] - 1
        run = a[s:e]
        if run.isspace() or not run or run != b[t:f]:
            continue
        tokens = token_count(run, counter)
        if tokens < MIN_RUN:
            continue
        stand_in = f"{STAND_IN}{len(runs)}"
        a_out += (a[a_done:s], stand_in)
        b_out += (b[b_done:t], stand_in)
        a_done, b_done = e, f
        runs.append(tokens)
    if not runs:
        return None
    a_out.append(a[a_done:])
    b_out.append(b[b_done:])
    return Shrunk("".join(a_out), "".join(b_out), runs)


def _clauses(text: str) -> list[str]:
    """``text`` cut at every full stop and comma (the cuts left out)."""
    return text.replace(",", ".").split(".")


def _starts(units: list[str]) -> list[int]:
    """Where each unit starts in the text it was cut from (one cut after each)."""
    return list(map(add, accumulate(map(len, units), initial=0), count()))


def token_count(text: str, chunk_tokens: Callable[[list[str]], int]) -> int:
    """``len(tokenize(text))`` from the chunks (``str.split``): whitespace runs between
    and around them, one token per chunk of letters and digits, ``chunk_tokens`` of the
    others."""
    if text and text.isascii() and not text.translate(_PLAIN_ASCII):
        # ASCII words, spaces, newlines, full stops and commas: counted in C
        spaces = text.replace("\n", " ")  # whitespace runs: runs of spaces
        cuts = spaces.replace(".", " ").replace(",", " ")  # what separates words
        if _LONG_RUN not in cuts:
            words = _runs(cuts) + 1 - (cuts[0] == " ") - (cuts[-1] == " ")
            return _runs(spaces) + words + text.count(".") + text.count(",")
    chunks = text.split()
    if not chunks:
        return 1 if text else 0
    others = list(filterfalse(str.isalnum, chunks))
    spaces = len(chunks) - 1 + text[0].isspace() + text[-1].isspace()
    return spaces + len(chunks) - len(others) + (chunk_tokens(others) if others else 0)


def _runs(text: str) -> int:
    """How many runs of spaces ``text`` holds, none longer than four: the spaces but one
    per pair of neighbours (``str.count`` does not overlap, but for runs of up to four
    the pairs and triples it finds add up to the overlapping pairs)."""
    return text.count(" ") - text.count("  ") - text.count("   ")


def _tokenized_count(chunks: list[str]) -> int:
    from core.tokens import tokenize

    return sum(map(len, map(tokenize, chunks)))


def paired(ops: Sequence[Op], a_codes: list[int], b_codes: list[int]) -> bool:
    """Whether each stand-in is paired with its twin by ``ops`` (over compared tokens,
    where an 'equal' opcode pairs its two ranges one to one); ``a_codes[r]`` is the
    position of stand-in ``r`` among the shrunk ``a``'s compared tokens."""
    starts = [op[1] for op in ops]
    for p, q in zip(a_codes, b_codes, strict=True):
        tag, i1, _, j1, _ = ops[bisect_left(starts, p + 1) - 1]
        if tag != "equal" or q - j1 != p - i1:
            return False
    return True


def grow(ops: Sequence[Op], a_stand_ins: list[int], b_stand_ins: list[int], runs: list[int]
         ) -> list[Op]:
    """Opcodes over the shrunk texts' tokens turned into opcodes over the full texts';
    ``a_stand_ins[r]`` (``b_stand_ins[r]``) is the token index of stand-in ``r`` in the
    shrunk ``a`` (``b``), which stands for ``runs[r]`` tokens."""
    # a token index past stand-in r moves on by the run's tokens but the stand-in's one
    extra = list(accumulate((n - 1 for n in runs), initial=0))
    a_cuts = _moved([op[1] for op in ops], a_stand_ins, extra)
    b_cuts = _moved([op[3] for op in ops], b_stand_ins, extra)
    a_end = ops[-1][2] + extra[-1] if ops else 0
    b_end = ops[-1][4] + extra[-1] if ops else 0
    return [
        (op[0], i1, i2, j1, j2)
        for op, i1, i2, j1, j2 in zip(
            ops, a_cuts, [*a_cuts[1:], a_end], b_cuts, [*b_cuts[1:], b_end], strict=True
        )
    ]


def _moved(indexes: list[int], stand_ins: list[int], extra: list[int]) -> list[int]:
    """Each token index of the shrunk text as an index of the full text."""
    passed = map(bisect_left, repeat(stand_ins), indexes)
    return list(map(add, indexes, map(extra.__getitem__, passed)))
