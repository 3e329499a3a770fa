"""``align --format json`` is written by hand around the string encoder: it must hold
exactly the data a plain ``json`` encoding of the comparison gives, one block or row to a
line, whatever the texts contain."""

from __future__ import annotations

import argparse
import json

from core.cli_compare import align_json, compare_files
from core.compare import Comparison, compare
from core.highlight import row_status
from core.model import Block, BlockKind, Format, Version
from core.wordiff import segments

P, H = BlockKind.PARAGRAPH, BlockKind.HEADING
LEAD = "The council approved the budget on Tuesday after a long debate about the bridges."
ODD = 'Quotes " and \\ backslash, tab\there, "curly" \u201cquotes\u201d, caf\u00e9 \U0001f600.'
SECOND = "Opponents said the plan leaves too little for schools and promised a new vote."
THIRD = "The mayor said the bridges could not wait another winter, thanking the members."


def version(name: str, *items: tuple[BlockKind, str] | str) -> Version:
    blocks = tuple(
        Block(kind=P, text=item) if isinstance(item, str) else Block(kind=item[0], text=item[1])
        for item in items
    )
    return Version(path=name, format=Format.TEXT, encoding="utf-8", blocks=blocks)


def expected(comparison: Comparison) -> dict:
    """The data of the JSON output, built the plain way."""
    base = comparison.base
    rows = []
    for r, row in enumerate(comparison.alignment.rows):
        words = {}
        if row.cells[base]:
            words = {str(v): [list(seg) for seg in segments(diff)]
                     for v, diff in comparison.diffs[r].items()}
        rows.append({
            "cells": [None if not c else c[0] if len(c) == 1 else list(c) for c in row.cells],
            "status": row_status(comparison, r), "moved": sorted(row.moved), "words": words,
        })
    return {
        "versions": [
            {"path": v.path, "title": cleaned.title,
             "blocks": [{"kind": b.kind.value, "text": b.text,
                         "dropped": None if verdict.keep else verdict.reason}
                        for b, verdict in zip(v.blocks, cleaned.verdicts, strict=True)]}
            for v, cleaned in zip(comparison.versions, comparison.cleaned, strict=True)
        ],
        "base": base,
        "rows": rows,
    }


def test_hand_written_json_holds_the_same_data_one_item_a_line() -> None:
    versions = [
        version("a.txt", (H, "Council passes the budget"), LEAD, ODD, SECOND, THIRD,
                "Advertisement"),
        # an edit, a split (one block in two), a move and a paragraph of its own
        version("b.txt", (H, "Council passes the budget"), LEAD.replace("Tuesday", "Monday"),
                THIRD, ODD, "Opponents said the plan leaves too little for schools",
                "and promised a new vote.", "Only here: a line of its own about the vote."),
        version("c.txt"),
    ]
    comparison = compare(versions, base=0)
    rows = comparison.alignment.rows
    assert any(row.moved for row in rows) and any(len(c) > 1 for row in rows for c in row.cells)
    assert any(not v.keep for v in comparison.cleaned[0].verdicts)
    out = align_json(comparison)
    assert json.loads(out) == expected(comparison)
    lines = out.splitlines()
    blocks = sum(len(v.blocks) for v in versions)
    # the frame, three lines around each version (two for its empty block list), the items
    assert len(lines) == 7 + 6 * 3 - 1 + blocks + len(rows)
    assert "\u00e9" in out and "\\u00e9" not in out  # non-ASCII is written as itself
    assert json.loads(out.split('"rows": ')[1][:-2])[0]["cells"] == [0, 0, None]


def test_json_of_a_comparison_with_no_rows() -> None:
    out = align_json(compare([version("a.txt"), version("b.txt")]))
    assert json.loads(out)["rows"] == []
    assert '"blocks": []' in out and '"rows": []' in out


def test_similarity_is_measured_only_for_outputs_that_show_it() -> None:
    versions = [version("a.txt", LEAD, SECOND), version("b.txt", LEAD, THIRD)]
    assert compare(versions, similarity=False).similarity == ()
    assert compare(versions).similarity[0][0] == 100.0

    def namespace(command: str, fmt: str) -> argparse.Namespace:
        return argparse.Namespace(command=command, format=fmt, base=0, ignore_case=False,
                                  ignore_punctuation=False, ignore_quotes=True,
                                  ignore_whitespace=True)

    assert compare_files(versions, namespace("align", "json")).similarity == ()
    assert compare_files(versions, namespace("diff", "text")).similarity == ()
    for command, fmt in (("report", ""), ("diff", "html")):
        matrix = compare_files(versions, namespace(command, fmt)).similarity
        assert len(matrix) == 2 and matrix[1][1] == 100.0
