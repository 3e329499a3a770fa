"""One edit is one mark everywhere; a row with marks is never called "same"."""

from __future__ import annotations

import re

from core.compare import compare
from core.highlight import cell_spans, row_differs, row_status
from core.model import Block, BlockKind, Format, Version
from core.report import to_report


def _version(name: str, texts: list[str]) -> Version:
    return Version(name, Format.TEXT, "utf-8",
                   tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))


def _marks(spans) -> dict[str, str]:
    out: dict[str, str] = {}
    for span in spans:
        out[span.mark] = out.get(span.mark, "") + span.text
    return out


def test_a_case_change_is_the_same_mark_in_every_column_and_row() -> None:
    # the same change ("Senate" -> "senate") in a two-version row and a three-version row
    a = _version("a", ["The Senate voted on Monday.", "Later the Senate adjourned for the day."])
    b = _version("b", ["The senate voted on Monday.", "Later the senate adjourned for the day."])
    c = _version("c", ["Other text only here.", "Later the Senate adjourned for the day."])
    comparison = compare([a, b, c])
    kinds = set()
    for row in range(len(comparison.alignment.rows)):
        for version in range(3):
            for span in cell_spans(comparison, row, version):
                if span.text.lower().startswith(("s", "enate")) and span.mark:
                    kinds.add(span.mark)
    assert kinds <= {"chg", "char"} and "char" in kinds
    assert "del" not in kinds and "ins" not in kinds


def test_changed_letters_inside_a_short_replaced_word() -> None:
    comparison = compare([_version("a", ["The colour of the sky."]),
                          _version("b", ["The color of the sky."])])
    base = _marks(cell_spans(comparison, 0, 0))
    assert base["char"] == "u" and base["chg"] == "color"
    other = _marks(cell_spans(comparison, 0, 1))
    assert other["chg"] == "color" and "char" not in other  # a deletion: no letters here
    long_words = compare([_version("a", ["Unbelievablyextraordinarylongword here."]),
                          _version("b", ["Unbelievablyextraordinarylongwords here."])])
    assert "char" not in _marks(cell_spans(long_words, 0, 0))


def test_added_removed_and_changed_words() -> None:
    comparison = compare([_version("a", ["one two three four five"]),
                          _version("b", ["one two 3 four five six"]),
                          _version("c", ["one three four five"])])
    assert cell_spans(comparison, 0, 1) == [("one two ", ""), ("3", "chg"),
                                            (" four five ", ""), ("six", "ins")]
    assert cell_spans(comparison, 0, 2) == [("one three four five", "")]
    base = _marks(cell_spans(comparison, 0, 0))
    assert base["chg"] == "three" and base["del"] == "two"


def test_row_status_follows_the_marks() -> None:
    # the aligner calls these rows "same" (case is normalised away); the marks do not
    comparison = compare([_version("a", ["By Jane Doe", "Same words here."]),
                          _version("b", ["by Jane Doe", "Same words here."])])
    statuses = [row_status(comparison, r) for r in range(2)]
    assert statuses == ["changed", "same"]
    assert row_differs(comparison, 0) and not row_differs(comparison, 1)
    ignoring = compare([_version("a", ["By Jane Doe"]), _version("b", ["by Jane Doe"])],
                       options=type(comparison.options)(ignore_case=True))
    assert row_status(ignoring, 0) == "same"


def test_report_uses_the_window_status_names_and_mark_classes() -> None:
    long = "of the new building on the main square was chosen by the city council on Monday."
    comparison = compare([_version("a", ["By Jane Doe", "The colour " + long,
                                         "A passage that only the first version has."]),
                          _version("b", ["by Jane Doe", "The color " + long])])
    page = to_report(comparison)
    rows = re.findall(r'<tr class="([a-z ]+)">(.*?)</tr>', page, re.S)
    for classes, body in rows:
        marked = "<ins>" in body or "<del>" in body or "<mark" in body
        assert not (classes.split()[0] == "same" and marked), body
    assert [c.split()[0] for c, _ in rows] == ["changed", "changed", "partial"]
    assert '<mark class="char">u</mark>' in page
    assert 'class="legend"' in page and "missing in some versions" in page
    # the report's colours are the scheme's
    from core.colours import DARK, LIGHT
    assert LIGHT.chg in page and DARK.chg in page
