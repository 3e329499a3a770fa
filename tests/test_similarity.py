"""Tests for core.similarity."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from core.similarity import similarity_matrix

TEXT = [
    "The summit opened in Helsinki on Monday with a handshake.",
    "Both leaders spoke to reporters after two hours of talks.",
]


def test_identical_and_disjoint():
    other = ["Completely different words about weather and sports results today."]
    m = similarity_matrix([TEXT, list(TEXT), other])
    assert m[0][1] == 100.0
    assert m[0][2] == 0.0
    assert [m[i][i] for i in range(3)] == [100.0] * 3


def test_requoting_and_reflowing_do_not_matter():
    reflowed = [" ".join(TEXT).replace("Monday", "\u201cMonday\u201d")]
    assert similarity_matrix([TEXT, reflowed])[0][1] == 100.0


def test_edit_lowers_score_a_little():
    edited = [TEXT[0].replace("Monday", "Tuesday"), TEXT[1]]
    score = similarity_matrix([TEXT, edited])[0][1]
    assert 70 < score < 100


def test_empty():
    assert similarity_matrix([]) == []
    assert similarity_matrix([[], []]) == [[100.0, 100.0], [100.0, 100.0]]


def test_fifty_versions_fast():
    versions = [[f"{p} version {k % 5} of the story" for p in TEXT * 20] for k in range(50)]
    start = time.perf_counter()
    similarity_matrix(versions)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*TEXT, "a b", "More", "x y"]), max_size=5), max_size=5))
def test_property_symmetric_bounded(versions):
    m = similarity_matrix(versions)
    for i, row in enumerate(m):
        assert row[i] == 100.0
        for j, value in enumerate(row):
            assert 0.0 <= value <= 100.0
            assert value == m[j][i]


@given(
    st.lists(st.lists(st.integers(0, 6), max_size=12), min_size=1, max_size=4),
    st.sampled_from([1, 2, 3, 1 << 16]),
)
@settings(max_examples=200)
def test_sorted_arrays_give_the_same_scores_as_sets(ids: list[list[int]], chunk: int) -> None:
    """Long texts go through sorted arrays of shingle codes: the scores must not change."""
    from core import similarity

    texts = ["".join(chr(0x100 + i) for i in words) for words in ids]
    by_sets = similarity.dice_matrix(texts)
    old = similarity._ARRAY_ABOVE, similarity._CHUNK
    try:
        similarity._ARRAY_ABOVE, similarity._CHUNK = -1, chunk
        assert similarity.dice_matrix(texts) == by_sets
    finally:
        similarity._ARRAY_ABOVE, similarity._CHUNK = old
