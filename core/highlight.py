"""Which stretches of a cell's text to mark, and each row's status: shared by the window
and the report, so both mark the same words and call rows by the same names.

Marks (``MARKS``): a non-reference cell marks what it added (``ins``) and what it changed
(``chg``); the reference cell marks what another version changed (``chg``) or removed
(``del``). A replacement is ``chg`` on both sides whatever the number of versions, so one
edit is one colour in every column. Inside a short replaced word the characters that
differ are marked ``char`` (from :func:`core.wordiff.char_detail`), the rest of the word
``chg``.

A row's status (:func:`row_status`) follows the marks, not the aligner's normalised text:
a row is "same" only when every version has the passage and no word of it is marked.
"""

from __future__ import annotations

from typing import NamedTuple

from core.compare import Comparison
from core.wordiff import WordDiff, char_detail

MARKS = ("ins", "chg", "del", "char")
STATUSES = ("same", "changed", "partial")

_DETAIL_MAX = 20  # characters: longer replaced words are marked whole


class Span(NamedTuple):
    text: str
    mark: str  # "", "ins", "chg", "del" or "char"


def row_status(comparison: Comparison, row: int) -> str:
    """"same", "changed" (wording differs) or "partial" (missing in some versions).

    Moves are told apart by ``alignment.rows[row].moved``; see :func:`row_differs`.
    """
    cells = comparison.alignment.rows[row].cells
    if not all(cells):
        return "partial"
    if any(not diff.is_equal for diff in comparison.diffs[row].values()):
        return "changed"
    return "same"


def row_differs(comparison: Comparison, row: int) -> bool:
    """True when the row shows anything to look at: a mark, a gap or a move."""
    return bool(comparison.alignment.rows[row].moved) or row_status(comparison, row) != "same"


def _runs(tokens: tuple[str, ...], marks: list[str]) -> list[Span]:
    # Tokens are gathered per span and joined once (adding a token to a span's text
    # made a new string and a new Span per token).
    parts: list[list[str]] = []
    kinds: list[str] = []
    for token, mark in zip(tokens, marks, strict=True):
        blank = not token.strip()
        kind = "" if blank else mark
        if kinds and (kinds[-1] == kind or (blank and kinds[-1] and mark == kinds[-1])):
            parts[-1].append(token)
        else:
            parts.append([token])
            kinds.append(kind)
    # a mark never ends in whitespace: move trailing spaces out of it
    tidy: list[Span] = []
    for part, kind in zip(parts, kinds, strict=True):
        text = "".join(part)
        body = text.rstrip() if kind else text
        if body:
            tidy.append(Span(body, kind))
        if len(body) < len(text):
            tidy.append(Span(text[len(body):], ""))
    return tidy


def _single_word(tokens: tuple[str, ...], start: int, stop: int) -> int | None:
    """The index of the one word in ``tokens[start:stop]`` (None if not exactly one)."""
    words = [i for i in range(start, stop) if tokens[i].strip()]
    return words[0] if len(words) == 1 else None


def _char_split(word: str, ranges: list[tuple[int, int]]) -> list[Span]:
    """``word`` cut into ``chg`` and ``char`` spans, ``ranges`` being the changed chars."""
    out: list[Span] = []
    at = 0
    for start, stop in ranges:
        if start > at:
            out.append(Span(word[at:start], "chg"))
        if stop > start:
            out.append(Span(word[start:stop], "char"))
        at = max(at, stop)
    if at < len(word):
        out.append(Span(word[at:], "chg"))
    return [s for s in out if s.text]


def _details(diff: WordDiff, a: tuple[str, ...], b: tuple[str, ...], *, side: str
             ) -> dict[int, list[Span]]:
    """Token index (on ``side`` "a" or "b") -> char-detail spans for one-word replacements."""
    out: dict[int, list[Span]] = {}
    for op in diff.opcodes:
        if op.tag != "replace":
            continue
        i = _single_word(a, op.i1, op.i2)
        j = _single_word(b, op.j1, op.j2)
        if i is None or j is None:
            continue
        ops = char_detail(a[i], b[j], max_len=_DETAIL_MAX)
        if not ops or all(o.tag != "equal" for o in ops):
            continue  # no common letters: the whole word is the change
        if side == "a":
            ranges = [(o.i1, o.i2) for o in ops if o.tag != "equal"]
            out[i] = _char_split(a[i], ranges)
        else:
            ranges = [(o.j1, o.j2) for o in ops if o.tag != "equal"]
            out[j] = _char_split(b[j], ranges)
    return out


def _with_details(tokens: tuple[str, ...], marks: list[str],
                  details: dict[int, list[Span]]) -> list[Span]:
    if not details:
        return _runs(tokens, marks)
    spans: list[Span] = []
    start = 0
    for index in sorted(details):
        spans.extend(_runs(tokens[start:index], marks[start:index]))
        spans.extend(details[index])
        start = index + 1
    spans.extend(_runs(tokens[start:], marks[start:]))
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].mark == span.mark:
            merged[-1] = Span(merged[-1].text + span.text, span.mark)
        else:
            merged.append(span)
    return merged


def cell_spans(comparison: Comparison, row: int, version: int) -> list[Span]:
    """The text of ``version``'s cell in ``row`` cut into marked and unmarked stretches."""
    text = comparison.cell_text(row, version)
    if not text:
        return []
    reference = comparison.references[row]
    diffs = comparison.diffs[row]
    if version != reference:
        diff = diffs.get(version)
        if diff is None or diff.is_equal:
            return [Span(text, "")]
        tokens = diff.b_tokens  # cut from the text on each access: take them once
        marks = [""] * len(tokens)
        for op in diff.opcodes:
            if op.tag in ("insert", "replace"):
                marks[op.j1:op.j2] = ["ins" if op.tag == "insert" else "chg"] * (op.j2 - op.j1)
        replaced = any(op.tag == "replace" for op in diff.opcodes)
        details = _details(diff, diff.a_tokens, tokens, side="b") if replaced else {}
        return _with_details(tokens, marks, details)
    changed = [d for d in diffs.values() if not d.is_equal]
    if not changed:
        return [Span(text, "")]
    tokens = changed[0].a_tokens  # cut from the text: take them once
    marks = [""] * len(tokens)
    for diff in changed:
        for op in diff.opcodes:
            if op.tag == "replace":
                marks[op.i1:op.i2] = ["chg"] * (op.i2 - op.i1)
            elif op.tag == "delete":
                for i in range(op.i1, op.i2):
                    marks[i] = marks[i] or "del"
    details: dict[int, list[Span]] = {}
    if len(changed) == 1 and any(op.tag == "replace" for op in changed[0].opcodes):
        # with one other version the changed letters are well defined
        details = _details(changed[0], tokens, changed[0].b_tokens, side="a")
    return _with_details(tokens, marks, details)
