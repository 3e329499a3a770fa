"""Tests for core.wordiff: word-level opcodes over lossless tokens."""

from __future__ import annotations

import difflib
import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import wordiff
from core.wordiff import Opcode, WordDiff, char_detail, diff_ids, segments, word_diff

STRICT = {
    "ignore_case": False,
    "ignore_punctuation": False,
    "ignore_quotes": False,
    "ignore_whitespace": False,
}


def changes(diff: WordDiff) -> list[tuple[str, str, str]]:
    """The non-equal segments."""
    return [s for s in segments(diff) if s[0] != "equal"]


# --- examples ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "options", "expected"),
    [
        ("The cat sat.", "The dog sat.", {}, [("replace", "cat", "dog")]),
        ("The cat sat.", "The cat quietly sat.", {}, [("insert", "", "quietly")]),
        ("The big cat sat.", "The cat sat.", {}, [("delete", "big", "")]),
        ("He said “no”.", 'He said "no".', {}, []),
        ("He said “no”.", 'He said "no".', {"ignore_quotes": False}, [("replace", "“no”", '"no"')]),
        ("It’s here.", "It's here.", {}, []),
        ("It’s here.", "It's here.", {"ignore_quotes": False}, [("replace", "It’s", "It's")]),
        ("The Cat sat.", "The cat sat.", {}, [("replace", "Cat", "cat")]),
        ("The Cat sat.", "The cat sat.", {"ignore_case": True}, []),
        ("Yes, it is.", "Yes it is", {}, [("delete", ",", ""), ("delete", ".", "")]),
        ("Yes, it is.", "Yes it is", {"ignore_punctuation": True}, []),
        ("a  b\nc", "a b c", {}, []),
        (
            "a  bravo\nc",
            "a bravo c",
            {"ignore_whitespace": False},
            [("replace", "  ", " "), ("replace", "\n", " ")],
        ),
        ("foo bar", "foobar", {}, [("replace", "foo bar", "foobar")]),
        ("", "", {}, []),
        ("", "new words", {}, [("insert", "", "new words")]),
        ("old words", "", {}, [("delete", "old words", "")]),
        ("same text here", "same text here", {}, []),
        (
            "alpha beta gamma",
            "one two three",
            {},
            [("replace", "alpha beta gamma", "one two three")],
        ),
    ],
)
def test_examples(a: str, b: str, options: dict[str, bool], expected: list) -> None:
    diff = word_diff(a, b, **options)
    assert changes(diff) == expected
    _check_cover(diff)


def test_identical_is_one_equal_opcode() -> None:
    diff = word_diff("Same words, same order.", "Same words, same order.")
    assert diff.opcodes == (Opcode("equal", 0, 9, 0, 9),)
    assert diff.is_equal


def test_ignored_differences_keep_real_text() -> None:
    diff = word_diff("He said  “no”.", 'He said "no".')
    assert diff.is_equal
    assert "".join(diff.a_tokens) == "He said  “no”."
    assert segments(diff) == [("equal", "He said  “no”.", 'He said "no".')]


def test_changes_leave_spaces_out() -> None:
    assert segments(word_diff("a cat sat", "a dog sat")) == [
        ("equal", "a ", "a "),
        ("replace", "cat", "dog"),
        ("equal", " sat", " sat"),
    ]


def test_only_whitespace_on_one_side() -> None:
    diff = word_diff("  ", "")
    assert diff.is_equal
    _check_cover(diff)
    diff = word_diff("  ", "\n x \n")
    assert changes(diff) == [("insert", "", "x")]
    _check_cover(diff)


@pytest.mark.parametrize(
    ("a", "b", "change"),
    [
        # a lone short word between two changes does not stay an island
        (
            "red fox and blue cat",
            "big dog and old owl",
            ("replace", "red fox and blue cat", "big dog and old owl"),
        ),
        (
            "one cat, one dog",
            "two cats, two dogs",
            ("replace", "one cat, one dog", "two cats, two dogs"),
        ),
        ("alpha - beta", "gamma - delta", ("replace", "alpha - beta", "gamma - delta")),
    ],
)
def test_tiny_equal_runs_are_merged(a: str, b: str, change: tuple[str, str, str]) -> None:
    assert changes(word_diff(a, b)) == [change]


def test_longer_equal_word_between_changes_is_kept() -> None:
    diff = word_diff("red fox jumped blue cat", "big dog jumped old owl")
    assert [s[0] for s in segments(diff)] == ["replace", "equal", "replace"]


def test_char_detail() -> None:
    assert char_detail("colour", "color") == (
        Opcode("equal", 0, 4, 0, 4),
        Opcode("delete", 4, 5, 4, 4),
        Opcode("equal", 5, 6, 4, 5),
    )
    assert char_detail("same", "same") == (Opcode("equal", 0, 4, 0, 4),)
    assert char_detail("x" * 21, "x") is None
    assert char_detail("x" * 21, "x", max_len=30) is not None


def test_moved_block_does_not_break_the_diff() -> None:
    words = [f"w{i}" for i in range(3000)]
    moved = words[1000:1100]
    b_words = words[:1000] + words[1100:2000] + moved + words[2000:]
    diff = word_diff(" ".join(words), " ".join(b_words))
    _check_cover(diff)
    tags = [op.tag for op in diff.opcodes]
    assert tags.count("equal") >= 2


def test_large_gap_without_anchors_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordiff, "_MAX_CELLS", 10_000)
    monkeypatch.setattr(wordiff, "_DIRECT_CELLS", 100)
    rng = random.Random(3)
    a = [rng.choice("ab") for _ in range(500)]
    b = [rng.choice("ab") for _ in range(500)]
    diff = word_diff(" ".join(a), " ".join(b))
    _check_cover(diff)


def test_anchored_diff_matches_difflib_size_on_big_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordiff, "_DIRECT_CELLS", 400)  # force anchoring on small input
    rng = random.Random(7)
    a = [rng.randrange(400) for _ in range(2000)]
    b = [x for x in a if rng.random() > 0.02]
    b = [x if rng.random() > 0.03 else rng.randrange(400) for x in b]
    ops = diff_ids(a, b)
    _check_id_ops(ops, a, b)
    ours = sum(op.i2 - op.i1 for op in ops if op.tag == "equal")
    theirs = sum(
        i2 - i1
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag == "equal"
    )
    assert ours >= 0.97 * theirs


# --- properties --------------------------------------------------------------------------

_alphabet = st.sampled_from(
    [
        "a",
        "b",
        "the",
        "The",
        "cat",
        "don't",
        "don’t",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        "“",
        '"',
        "’",
        "'",
        "-",
        "\u00a0",
        "é",
        "x1",
    ]
)
texts = st.lists(_alphabet, max_size=40).map("".join)
option_sets = st.fixed_dictionaries(
    {
        k: st.booleans()
        for k in ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace")
    }
)


def _check_cover(diff: WordDiff) -> None:
    i = j = 0
    for op in diff.opcodes:
        assert op.tag in {"equal", "replace", "delete", "insert"}
        assert (op.i1, op.j1) == (i, j)
        assert op.i1 <= op.i2 and op.j1 <= op.j2
        assert op.i1 < op.i2 or op.j1 < op.j2
        if op.tag == "delete":
            assert op.j1 == op.j2 and op.i1 < op.i2
        if op.tag == "insert":
            assert op.i1 == op.i2 and op.j1 < op.j2
        if op.tag == "replace":
            assert op.i1 < op.i2 and op.j1 < op.j2
        i, j = op.i2, op.j2
    assert (i, j) == (len(diff.a_tokens), len(diff.b_tokens))
    for prev, nxt in pairwise(diff.opcodes):
        assert (prev.tag == "equal") != (nxt.tag == "equal")  # no two changes in a row


def _check_id_ops(ops: list[Opcode], a: list[int], b: list[int]) -> None:
    i = j = 0
    for op in ops:
        assert (op.i1, op.j1) == (i, j)
        if op.tag == "equal":
            assert a[op.i1 : op.i2] == b[op.j1 : op.j2]
        i, j = op.i2, op.j2
    assert (i, j) == (len(a), len(b))


@given(texts, texts, option_sets)
@settings(max_examples=400)
def test_opcodes_cover_both_sides_in_order(a: str, b: str, options: dict[str, bool]) -> None:
    diff = word_diff(a, b, **options)
    _check_cover(diff)
    assert "".join(t for s in segments(diff) for t in s[1]) == a
    assert "".join(s[2] for s in segments(diff)) == b
    assert "".join(diff.a_tokens) == a and "".join(diff.b_tokens) == b


@given(texts, texts)
@settings(max_examples=400)
def test_strict_equal_opcodes_are_equal_and_patch_gives_b(a: str, b: str) -> None:
    diff = word_diff(a, b, **STRICT)
    out = []
    for op in diff.opcodes:
        if op.tag == "equal":
            assert diff.a_tokens[op.i1 : op.i2] == diff.b_tokens[op.j1 : op.j2]
            out.extend(diff.a_tokens[op.i1 : op.i2])
        else:
            out.extend(diff.b_tokens[op.j1 : op.j2])
    assert "".join(out) == b


@given(texts, option_sets)
def test_identical_is_one_equal_opcode_or_none(a: str, options: dict[str, bool]) -> None:
    diff = word_diff(a, a, **options)
    if a:
        assert diff.opcodes == (Opcode("equal", 0, len(diff.a_tokens), 0, len(diff.b_tokens)),)
    else:
        assert diff.opcodes == ()


@given(st.lists(st.integers(0, 6), max_size=60), st.lists(st.integers(0, 6), max_size=60))
def test_diff_ids_anchored_path(a: list[int], b: list[int]) -> None:
    old = wordiff._DIRECT_CELLS
    try:
        wordiff._DIRECT_CELLS = 4  # exercise the anchor / fallback paths on small input
        _check_id_ops(diff_ids(a, b), a, b)
    finally:
        wordiff._DIRECT_CELLS = old


@given(texts, texts, option_sets)
def test_swapping_sides_swaps_equal_content(a: str, b: str, options: dict[str, bool]) -> None:
    forward = word_diff(a, b, **options)
    assert forward.is_equal == word_diff(b, a, **options).is_equal


@given(st.text(max_size=20), st.text(max_size=20))
def test_char_detail_covers(a: str, b: str) -> None:
    ops = char_detail(a, b)
    assert ops is not None
    i = j = 0
    for op in ops:
        assert (op.i1, op.j1) == (i, j)
        if op.tag == "equal":
            assert a[op.i1 : op.i2] == b[op.j1 : op.j2]
        i, j = op.i2, op.j2
    assert (i, j) == (len(a), len(b))


@given(st.lists(st.integers(0, 200), max_size=80, unique=True))
def test_increasing_subsequence_is_a_longest_one(values: list[int]) -> None:
    keep = wordiff._increasing_subsequence(values)
    if keep is None:
        assert values == sorted(values)
        return
    chosen = [values[k] for k in keep]
    assert keep == sorted(keep) and chosen == sorted(chosen)
    assert len(keep) == len(wordiff._longest_increasing(values))


def test_diff_keeps_the_texts_and_cuts_tokens_on_demand() -> None:
    a, b = "The cat sat on the mat.", "The dog sat on the mat."
    diff = word_diff(a, b)
    assert (diff.a_text, diff.b_text) == (a, b)  # the same strings, not copies of tokens
    assert diff.a_text is a and diff.b_text is b
    assert "".join(diff.a_tokens) == a and "".join(diff.b_tokens) == b
    assert changes(diff) == [("replace", "cat", "dog")]


@given(texts, option_sets)
def test_identical_text_is_not_diffed_but_looks_the_same(a: str, options: dict) -> None:
    diff = word_diff(a, a, **options)
    assert diff.ops is None and diff.is_equal
    n = len(diff.a_tokens)
    assert diff.opcodes == ((Opcode("equal", 0, n, 0, n),) if n else ())
