"""Tests for core.wordiff: word-level opcodes over lossless tokens."""

from __future__ import annotations

import difflib
import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import seqdiff, wordiff
from core.tokens import KeyOptions, comparison_key, tokenize
from core.wordiff import (
    Opcode,
    WordDiff,
    changed_tokens,
    char_detail,
    diff_ids,
    segments,
    word_diff,
)

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
        (
            "He said “no”.",
            'He said "no".',
            {"ignore_quotes": False},
            [("replace", "“", '"'), ("replace", "”", '"')],
        ),
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


def lcs_changed(a: str, b: str, options: dict[str, bool] | None = None) -> int:
    """The fewest compared tokens a diff can mark: len(a) + len(b) - 2 * LCS, by a plain
    dynamic programme over the comparison keys (independent of the diff engine)."""
    key_options = KeyOptions(**(options or {}))
    x = [k for k in (comparison_key(t, key_options) for t in tokenize(a)) if k is not None]
    y = [k for k in (comparison_key(t, key_options) for t in tokenize(b)) if k is not None]
    row = [0] * (len(y) + 1)
    for xi in x:
        previous_diagonal = 0
        for j, yj in enumerate(y, 1):
            keep = row[j]
            row[j] = previous_diagonal + 1 if xi == yj else max(row[j], row[j - 1])
            previous_diagonal = keep
    return len(x) + len(y) - 2 * row[-1]


def marked(diff: WordDiff, options: dict[str, bool] | None = None) -> int:
    """Compared tokens inside the diff's changes (both sides)."""
    key_options = KeyOptions(**(options or {}))

    def count(tokens: tuple[str, ...]) -> int:
        return sum(comparison_key(t, key_options) is not None for t in tokens)

    return sum(
        count(diff.a_tokens[op.i1 : op.i2]) + count(diff.b_tokens[op.j1 : op.j2])
        for op in diff.opcodes
        if op.tag != "equal"
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # one number prepended to a list: two tokens inserted, the list stays matched
        ("Votes: 12, 15, 18, 21, 24, 27, 30.", "Votes: 9, 12, 15, 18, 21, 24, 27, 30.", 2),
        (
            "Scores by round: 3, 5, 8, 13, 21, 34 and 89.",
            "Scores by round: 2, 3, 5, 8, 13, 21, 34 and 90.",
            4,
        ),
        # one shared short word between two changes stays unmarked
        ("red fox and blue cat", "big dog and old owl", 8),
        ("one cat, one dog", "two cats, two dogs", 8),
        # two halves of a sentence swapped: one half moves, the other stays matched
        (
            "The team lost the first game in May, but it won the final in June after a "
            "long season.",
            "It won the final in June after a long season, but the team lost the first "
            "game in May.",
            22,
        ),
    ],
)
def test_fewest_tokens_are_marked(a: str, b: str, expected: int) -> None:
    diff = word_diff(a, b)
    _check_cover(diff)
    assert marked(diff) == changed_tokens(diff) == lcs_changed(a, b) == expected


def test_swapped_halves_are_not_one_replacement() -> None:
    first = "the council approved the new budget for schools and roads on monday"
    second = "the mayor signed the measure into law at a ceremony on friday"
    diff = word_diff(f"{first}, and {second}.", f"{second}, and {first}.")
    assert [op.tag for op in diff.opcodes].count("equal") >= 2
    assert changed_tokens(diff) == lcs_changed(f"{first}, and {second}.", f"{second}, and {first}.")
    whole = 2 * sum(not t.isspace() for t in diff.a_tokens)  # every token on both sides
    assert changed_tokens(diff) <= whole / 2 + 1  # one half moved, the other kept


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
    keep = seqdiff.increasing_subsequence(values)
    if keep is None:
        assert values == sorted(values)
        return
    chosen = [values[k] for k in keep]
    assert keep == sorted(keep) and chosen == sorted(chosen)
    assert len(keep) == len(seqdiff.longest_increasing(values))


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


@given(texts, texts, option_sets)
@settings(max_examples=400)
def test_marks_the_fewest_tokens(a: str, b: str, options: dict[str, bool]) -> None:
    """Lossless, and exactly as many compared tokens marked as an LCS allows."""
    diff = word_diff(a, b, **options)
    _check_cover(diff)
    assert "".join(diff.a_tokens) == a and "".join(diff.b_tokens) == b
    assert marked(diff, options) == lcs_changed(a, b, options)


@given(
    st.lists(st.sampled_from(["a", "b", "c", "the", "cat", ",", "."]), max_size=60),
    st.lists(st.sampled_from(["a", "b", "c", "the", "cat", ",", "."]), max_size=60),
    option_sets,
)
@settings(max_examples=300)
def test_anchored_path_stays_lossless(a: list[str], b: list[str], options: dict) -> None:
    """With the anchoring forced on small input: still a valid, lossless diff."""
    old = wordiff._DIRECT_CELLS
    try:
        wordiff._DIRECT_CELLS = 4
        x, y = " ".join(a), " ".join(b)
        diff = word_diff(x, y, **options)
        _check_cover(diff)
        assert segments_join(diff) == (x, y)
        assert marked(diff, options) >= lcs_changed(x, y, options)
    finally:
        wordiff._DIRECT_CELLS = old


def segments_join(diff: WordDiff) -> tuple[str, str]:
    parts = segments(diff)
    return "".join(p[1] for p in parts), "".join(p[2] for p in parts)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("aaaa a , aaa", "aaaa , a aaa"),  # a lone comma moved across a word
        ("x , y", "x y"),
        ("one - two . three", "one two three !"),
        (", ; start", "start"),
    ],
)
def test_punctuation_only_chunks_are_ignored_with_punctuation(a: str, b: str) -> None:
    diff = word_diff(a, b, ignore_punctuation=True)
    _check_cover(diff)
    assert diff.is_equal
    assert marked(diff, {"ignore_punctuation": True}) == 0


_spaced_words = st.lists(st.sampled_from(["a", "bb", "a,", ",", "-", ".", "“", "x1"]), max_size=30)


@given(_spaced_words, _spaced_words, st.booleans())
@settings(max_examples=300)
def test_fewest_tokens_with_lone_punctuation(a: list[str], b: list[str], case: bool) -> None:
    """Words and lone punctuation marks between spaces: still the LCS optimum."""
    options = {"ignore_punctuation": True, "ignore_case": case}
    x, y = " ".join(a), " ".join(b)
    diff = word_diff(x, y, **options)
    _check_cover(diff)
    assert segments_join(diff) == (x, y)
    assert marked(diff, options) == lcs_changed(x, y, options)


def test_big_diffs_leave_the_garbage_collector_as_they_found_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    monkeypatch.setattr(wordiff, "_PAUSE_GC_CHARS", 10)  # "big" from 10 characters
    seen: list[bool] = []
    real = wordiff._word_diff

    def spy(*args: object) -> WordDiff:
        seen.append(gc.isenabled())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(wordiff, "_word_diff", spy)
    assert gc.isenabled()
    assert changes(word_diff("one two three four", "one two five four")) == [
        ("replace", "three", "five")
    ]
    assert seen == [False] and gc.isenabled()  # paused while diffing, then on again
    gc.disable()
    try:
        word_diff("one two three four", "one two five four")
        assert not gc.isenabled()  # switched off by the caller: left off
    finally:
        gc.enable()
    with pytest.raises(TypeError):  # an error inside still switches it back on
        monkeypatch.setattr(wordiff, "_word_diff", lambda *a: 1 / "x")
        word_diff("one two three four", "one two five four")
    assert gc.isenabled()
