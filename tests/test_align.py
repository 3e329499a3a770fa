"""Tests for core.align: example tables and hypothesis properties."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align import Alignment, RowStatus, align

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
P = [
    f"Paragraph {w} reports that the {w} committee met on Monday to discuss the {w} "
    f"budget, and {i} members voted for the plan after a long debate."
    for i, w in enumerate(WORDS[:8])
]


def table(a: Alignment) -> list[tuple[tuple[tuple[int, ...], ...], list[int], str]]:
    return [(row.cells, sorted(row.moved), row.status.value) for row in a.rows]


def check_invariants(a: Alignment, versions: list[list[str]]) -> None:
    """Every block in exactly one row; no empty row; order kept except moved blocks."""
    for v, texts in enumerate(versions):
        seen = [b for row in a.rows for b in row.cells[v]]
        assert sorted(seen) == list(range(len(texts)))
        in_order = [b for row in a.rows if v not in row.moved for b in row.cells[v]]
        assert in_order == sorted(in_order)
        for row in a.rows:
            cell = row.cells[v]
            assert list(cell) == list(range(cell[0], cell[0] + len(cell))) if cell else True
    for row in a.rows:
        assert any(row.cells)
        assert row.moved <= set(row.present())
        assert a.base not in row.moved


def test_identical_versions_all_same():
    a = align([P, list(P), list(P)])
    assert table(a) == [(((i,),) * 3, [], "same") for i in range(len(P))]


def test_one_paragraph_edited():
    edited = [*P[:3], P[3].replace("long debate", "short debate"), *P[4:]]
    rows = table(align([P, edited]))
    assert rows[3] == (((3,), (3,)), [], "changed")
    assert [r[2] for r in rows].count("same") == len(P) - 1


def test_added_and_removed_paragraphs():
    extra = "An entirely new paragraph about weather in Finland and nothing else at all."
    other = [*P[:2], *P[3:6], extra, *P[6:]]
    rows = table(align([P, other]))
    assert (((2,), ()), [], "partial") in rows
    assert (((), (5,)), [], "partial") in rows
    assert len(rows) == len(P) + 1
    assert rows.index((((), (5,)), [], "partial")) == 6  # after row of block 4 (P[5])


def test_move_top_to_bottom_is_one_row():
    moved = [*P[1:], P[0]]
    a = align([P, moved])
    rows = table(a)
    assert rows[0] == (((0,), (7,)), [1], "same")
    assert all(r[1] == [] for r in rows[1:])
    assert len(rows) == len(P)
    check_invariants(a, [P, moved])


def test_edited_paragraph_moved():
    moved = [*P[:2], *P[3:], P[2].replace("Monday", "Tuesday")]
    rows = table(align([P, moved]))
    assert rows[2] == (((2,), (7,)), [1], "changed")


def test_split_and_merge():
    head, tail = P[2].split(", and ")
    split = [*P[:2], head + ",", "and " + tail, *P[3:]]
    merged = [*P[:2], P[2] + " " + P[3], *P[4:]]
    a = align([P, split])
    assert table(a)[2] == (((2,), (2, 3)), [], "same")
    b = align([P, merged])
    assert table(b)[2] == (((2, 3), (2,)), [], "same")
    assert len(b.rows) == len(P) - 1
    c = align([split, P])
    assert table(c)[2] == (((2, 3), (2,)), [], "same")


def test_three_way_split_against_merged_and_plain():
    head, tail = P[2].split(", and ")
    split = [*P[:2], head + ",", "and " + tail, *P[3:]]
    merged = [*P[:2], P[2] + " " + P[3], *P[4:]]
    a = align([P, split, merged])
    check_invariants(a, [P, split, merged])
    row = next(r for r in a.rows if 2 in r.cells[0])
    assert row.cells[1][:1] == (2,)


def test_requoted_and_reflowed_copies_match_as_same():
    base = ['He said "we will win" on Monday.', "It's the end of the story, they said."]
    copy = [
        "He said \u201cwe will win\u201d  on\nMonday.",
        "It\u2019s the end of the story,  they said. ",
    ]
    assert [r.status for r in align([base, copy]).rows] == [RowStatus.SAME] * 2


def test_short_blocks_not_fuzzy_matched():
    base = ["More", *P[:3], "AP Photo"]
    other = ["Save", *P[:3], "Getty Images"]
    rows = table(align([base, other]))
    assert (((0,), ()), [], "partial") in rows
    assert (((), (0,)), [], "partial") in rows
    assert (((4,), ()), [], "partial") in rows


def test_subsets_of_five_versions():
    versions = [P, P[1:], P[:-2], [*P[:4], *P[5:]], [P[0], P[2], P[4], P[6]]]
    a = align(versions)
    check_invariants(a, versions)
    assert len(a.rows) == len(P)
    for row in a.rows:
        texts = {versions[v][c[0]] for v, c in enumerate(row.cells) if c}
        assert len(texts) == 1


def test_insertions_shared_by_non_base_versions_share_a_row():
    extra = "A paragraph that the later revisions added about the committee chair."
    v1 = [*P[:3], extra, *P[3:]]
    v2 = [*P[:3], extra.replace("chair", "chairwoman"), *P[3:]]
    a = align([P, v1, v2])
    rows = table(a)
    assert rows[3] == (((), (3,), (3,)), [], "partial")
    assert len(rows) == len(P) + 1


def test_empty_inputs():
    assert align([]).rows == ()
    assert align([[], []]).rows == ()
    assert table(align([[], ["x"]])) == [(((), (0,)), [], "partial")]


def test_base_choice():
    a = align([P[:2], P], base=1)
    expected = [((0,), (0,)), ((1,), (1,)), *[((), (i,)) for i in range(2, 8)]]
    assert [r.cells for r in a.rows] == expected
    with pytest.raises(ValueError):
        align([P], base=1)


def test_speed_many_small_versions():
    versions = [
        [f"{p} Revision {k}." if i % 7 == k % 7 else p for i, p in enumerate(P * 5)]
        for k in range(13)
    ]
    align(versions)
    start = time.perf_counter()
    align(versions)
    # a guard against a quadratic regression (about 20 ms here), with room for a busy machine
    assert time.perf_counter() - start < 1.0


# ----------------------------------------------------------------------------- properties

GROWN = P[3] + " " + P[4].replace("Paragraph", "Then") + " " + P[5].replace("Paragraph", "So")
REVERSED = " ".join(reversed(P[6].split(", and ")))
PARAS = [
    *P,
    "More",
    "Save",
    "AP Photo",
    "Life expectancy:",
    "67.81 years",
    "68.7 years",
    P[0].replace("Monday", "Friday"),
    P[1] + " " + P[2],
    GROWN,
    REVERSED,
]
versions_st = st.lists(
    st.lists(st.sampled_from(PARAS), max_size=9), min_size=1, max_size=5
)


def grouping(a: Alignment, remap: dict[int, int]) -> set[frozenset[tuple[int, tuple[int, ...]]]]:
    return {
        frozenset((remap[v], cell) for v, cell in enumerate(row.cells) if cell) for row in a.rows
    }


@settings(max_examples=300, deadline=None)
@given(versions_st)
def test_property_invariants(versions):
    check_invariants(align(versions), versions)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PARAS), max_size=10), st.integers(1, 4))
def test_property_identical_inputs_all_same(blocks, n):
    a = align([blocks] * n)
    assert all(r.status is RowStatus.SAME for r in a.rows)
    assert len(a.rows) == len(blocks)


@settings(max_examples=300, deadline=None)
@given(versions_st.filter(lambda vs: len(vs) >= 3), st.data())
def test_property_non_base_order_does_not_matter(versions, data):
    i = data.draw(st.integers(1, len(versions) - 1))
    j = data.draw(st.integers(1, len(versions) - 1))
    swapped = list(versions)
    swapped[i], swapped[j] = versions[j], versions[i]
    remap = {v: v for v in range(len(versions))}
    remap[i], remap[j] = j, i
    a, b = align(versions), align(swapped)
    assert grouping(a, {v: v for v in remap}) == grouping(b, remap)
    assert [r.status for r in a.rows] == [r.status for r in b.rows]


def test_large_unrelated_versions_stay_linear():
    rows_a = [f"alpha {k} beta {k * 7} gamma {k * 13} delta" for k in range(3000)]
    rows_b = [f"omega {k} psi {k * 11} chi {k * 17} phi" for k in range(3000)]
    start = time.perf_counter()
    a = align([rows_a, rows_b])
    assert time.perf_counter() - start < 5.0
    check_invariants(a, [rows_a, rows_b])


def test_a_shuffled_list_is_paired_by_exact_twins_not_fuzzy_matching(monkeypatch) -> None:
    """Every paragraph moved: each block's exact twin (unique on both sides) pairs it as a
    move; no stretch between anchors is fuzzily matched block by row."""
    import random

    import core.align as align_module

    rng = random.Random(4)
    words = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote")
    items = [f"Item {i}: " + " ".join(rng.choice(words) for _ in range(6)) + "."
             for i in range(600)]
    shuffled = items[:]
    rng.shuffle(shuffled)
    fuzzy_cells = []
    real = align_module.fuzzy_pairs

    def counting(queries, choices, **kwargs):
        fuzzy_cells.append(len(queries) * len(choices))
        return real(queries, choices, **kwargs)

    monkeypatch.setattr(align_module, "fuzzy_pairs", counting)
    alignment = align([items, shuffled])
    assert sum(fuzzy_cells) < 600  # a full match of every stretch was ~20,000 cells
    rows = [row for row in alignment.rows if all(row.cells)]
    assert len(rows) == 600
    assert all(items[row.cells[0][0]] == shuffled[row.cells[1][0]] for row in rows)
