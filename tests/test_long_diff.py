"""Long texts: the windowed diff of code strings (core.windows) against the direct one."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from core import wordiff
from core.tokens import comparison_key, tokenize
from core.windows import window_diff
from core.wordiff import changed_tokens, segments, word_diff

_BASE_WORDS = st.lists(st.from_regex(r"[a-f]{1,3}(’[a-f])?", fullmatch=True), unique=True)
_EDITS = ("keep", "keep", "keep", "delete", "replace", "insert", "case", "quote", "punct")
_SPACES = (" ", " ", "  ", "\n", "\n\n ")


@st.composite
def _revision_pair(draw: st.DrawFn) -> tuple[str, str]:
    """Two revisions of one text of distinct words, each edited on its own: words
    deleted, replaced or added (new words, never in the text), capitalised, their
    apostrophe straightened, their punctuation changed; spacing varies."""
    words = draw(_BASE_WORDS)
    marks = draw(st.lists(st.sampled_from(["", "", ",", ".", "!"]), min_size=len(words),
                          max_size=len(words)))
    fresh = iter(f"z{k}" for k in range(10_000))
    texts = []
    for side in range(2):
        rng = random.Random(draw(st.integers(0, 2**32)) + side)
        chunks = []
        for word, mark in zip(words, marks, strict=True):
            edit = rng.choice(_EDITS)
            if edit == "delete":
                continue
            if edit == "replace":
                word = next(fresh)
            elif edit == "insert":
                chunks.append(next(fresh))
            elif edit == "case":
                word = word.upper()
            elif edit == "quote":
                word = word.replace("’", "'")
            elif edit == "punct":
                mark = rng.choice(["", ",", ";"])
            chunks.append(word + mark)
        texts.append("".join(chunk + rng.choice(_SPACES) for chunk in chunks))
    return texts[0], texts[1]


_OPTIONS = st.fixed_dictionaries(
    {"ignore_case": st.booleans(), "ignore_punctuation": st.booleans(),
     "ignore_quotes": st.booleans()}
)


@pytest.fixture
def tiny_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of two tokens: every long-text step runs on a few words."""
    monkeypatch.setattr(wordiff, "_DIRECT_CELLS", 64)


@settings(max_examples=300, deadline=None)
@given(_revision_pair(), _OPTIONS)
def test_windowed_diff_marks_as_few_tokens_as_the_direct_one(
    pair: tuple[str, str], options: dict[str, bool]
) -> None:
    """On revisions of one text the windows cut where both are in step, so the windowed
    diff (windows of two tokens here) is as small as one exact diff of the whole."""
    a, b = pair
    direct = word_diff(a, b, **options)
    old = wordiff._DIRECT_CELLS
    wordiff._DIRECT_CELLS = 64
    try:
        windowed = word_diff(a, b, **options)
    finally:
        wordiff._DIRECT_CELLS = old
    assert changed_tokens(windowed) == changed_tokens(direct)
    assert "".join(s[1] for s in segments(windowed)) == a
    assert "".join(s[2] for s in segments(windowed)) == b


def _long_text(words: int, seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = [f"w{k}" for k in range(300)]
    sentences = []
    while words > 0:
        n = min(words, rng.randint(5, 20))
        words -= n
        sentence = " ".join(rng.choice(vocabulary) for _ in range(n))
        sentences.append(f"“{sentence.capitalize()}”, he said.")
    return " ".join(sentences)


def test_option_equal_texts_come_out_equal_through_the_windows() -> None:
    """Raw-different text that the options call equal is equal in a long diff too."""
    a = _long_text(30_000, 1)
    shouted = a.upper().replace("“", '"').replace("”", '"')
    diff = word_diff(a, shouted, ignore_case=True)
    assert diff.is_equal
    assert not word_diff(a, shouted).is_equal
    respaced = a.replace(" ", "\n  ")
    assert word_diff(a, respaced).is_equal
    assert not word_diff(a, respaced, ignore_whitespace=False).is_equal


def _optimum(a: str, b: str) -> int:
    def compared(text: str) -> list[str]:
        return [k for t in tokenize(text) if (k := comparison_key(t)) is not None]

    return Indel.distance(compared(a), compared(b))


@pytest.mark.parametrize(
    "edit",
    [
        "scattered",  # every paragraph changed
        "insert",  # a long passage only in b
        "delete",  # a long passage only in a
        "move",  # a passage moved far
    ],
)
def test_long_texts_are_diffed_in_windows_near_the_optimum(edit: str) -> None:
    a = _long_text(40_000, 2)
    words = a.split(" ")
    rng = random.Random(3)
    if edit == "scattered":
        b_words = [("new" if rng.random() < 0.03 else w) for w in words if rng.random() > 0.01]
    elif edit == "insert":
        b_words = words[:15_000] + _long_text(8_000, 4).split(" ") + words[15_000:]
    elif edit == "delete":
        b_words = words[:15_000] + words[23_000:]
    else:
        b_words = words[:10_000] + words[14_000:30_000] + words[10_000:14_000] + words[30_000:]
    b = " ".join(b_words)
    diff = word_diff(a, b)
    assert "".join(s[1] for s in segments(diff)) == a
    assert "".join(s[2] for s in segments(diff)) == b
    optimum = _optimum(a, b)
    assert optimum <= changed_tokens(diff) <= optimum * 1.01 + 2


@given(st.text("abcd", max_size=60), st.text("abcd", max_size=60), st.integers(1, 6))
def test_window_diff_covers_both_strings(a: str, b: str, window: int) -> None:
    ops = window_diff(a, b, window=window, probe=2, direct_cells=window * window)
    if not a and not b:
        assert ops == []
        return
    assert [op[1] for op in ops] == [0] + [op[2] for op in ops[:-1]]
    assert [op[3] for op in ops] == [0] + [op[4] for op in ops[:-1]]
    assert (ops[-1][2], ops[-1][4]) == (len(a), len(b))
    for tag, i1, i2, j1, j2 in ops:
        assert (a[i1:i2] == b[j1:j2]) if tag == "equal" else tag in ("replace", "delete", "insert")
