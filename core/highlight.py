"""Which stretches of a cell's text to mark as changed: shared by the window and reports.

A non-reference cell marks what it has that the reference lacks ("insert"/"replace" as
``ins``); the reference cell marks what at least one other version changed or removed
(``del`` with two versions, ``chg`` with more, where one mark stands for several edits).
"""

from __future__ import annotations

from typing import NamedTuple

from core.compare import Comparison


class Span(NamedTuple):
    text: str
    mark: str  # "", "ins", "del" or "chg"


def _runs(tokens: tuple[str, ...], marked: list[bool], mark: str) -> list[Span]:
    spans: list[Span] = []
    for token, on in zip(tokens, marked, strict=True):
        kind = mark if on and token.strip() else ""
        if spans and spans[-1].mark == kind:
            spans[-1] = Span(spans[-1].text + token, kind)
        elif spans and not token.strip() and spans[-1].mark and on:
            spans[-1] = Span(spans[-1].text + token, spans[-1].mark)
        else:
            spans.append(Span(token, kind))
    # a mark never ends in whitespace: move trailing spaces out of it
    tidy: list[Span] = []
    for span in spans:
        body = span.text.rstrip() if span.mark else span.text
        tidy.append(Span(body, span.mark))
        if len(body) < len(span.text):
            tidy.append(Span(span.text[len(body):], ""))
    return [s for s in tidy if s.text]


def cell_spans(comparison: Comparison, row: int, version: int) -> list[Span]:
    """The text of ``version``'s cell in ``row`` cut into marked and unmarked stretches."""
    text = comparison.cell_text(row, version)
    if not text:
        return []
    reference = comparison.references[row]
    diffs = comparison.diffs[row]
    if version != reference:
        diff = diffs.get(version)
        if diff is None:
            return [Span(text, "")]
        if diff.is_equal:
            return [Span(text, "")]
        tokens = diff.b_tokens  # cut from the text on each access: take them once
        marked = [False] * len(tokens)
        for op in diff.opcodes:
            if op.tag in ("insert", "replace"):
                marked[op.j1:op.j2] = [True] * (op.j2 - op.j1)
        return _runs(tokens, marked, "ins")
    if not diffs:
        return [Span(text, "")]
    tokens = next(iter(diffs.values())).a_tokens  # cut from the text: take them once
    marked = [False] * len(tokens)
    for diff in diffs.values():
        for op in diff.opcodes:
            if op.tag in ("delete", "replace"):
                marked[op.i1:op.i2] = [True] * (op.i2 - op.i1)
    present = sum(1 for cell in comparison.alignment.rows[row].cells if cell)
    return _runs(tokens, marked, "del" if present == 2 else "chg")
