"""Tests for core.tokens: lossless tokens and comparison ids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import token_codes
from core.token_codes import encode_codes
from core.tokens import (
    IGNORED,
    KeyOptions,
    TokenKind,
    comparison_key,
    encode,
    token_kind,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        ("word", ["word"]),
        ("two words", ["two", " ", "words"]),
        ("Hi,  there!\n", ["Hi", ",", "  ", "there", "!", "\n"]),
        ("don't don’t", ["don't", " ", "don’t"]),
        ("well-known co–op", ["well-known", " ", "co–op"]),
        ("'quoted'", ["'", "quoted", "'"]),
        ("“Yes”—no", ["“", "Yes", "”", "—", "no"]),
        ("a-", ["a", "-"]),
        ("café naïve", ["café", " ", "naïve"]),
        ("cafe\u0301", ["cafe\u0301"]),
        ("x_y 3.5", ["x_y", " ", "3", ".", "5"]),
        ("\t\u00a0 ", ["\t\u00a0 "]),
    ],
)
def test_tokenize_examples(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@given(st.text())
def test_tokenize_is_lossless(text: str) -> None:
    assert "".join(tokenize(text)) == text


@given(st.text())
def test_tokens_are_nonempty_and_of_one_kind(text: str) -> None:
    for token in tokenize(text):
        assert token
        if token_kind(token) is TokenKind.SPACE:
            assert token.isspace()
        elif token_kind(token) is TokenKind.PUNCT:
            assert len(token) == 1


@pytest.mark.parametrize(
    ("token", "options", "key"),
    [
        ("Word", KeyOptions(), "Word"),
        ("Word", KeyOptions(ignore_case=True), "word"),
        ("  ", KeyOptions(), None),
        ("  ", KeyOptions(ignore_whitespace=False), "  "),
        ("\u00a0", KeyOptions(ignore_whitespace=False), " "),
        ("\u00a0", KeyOptions(ignore_whitespace=False, ignore_quotes=False), "\u00a0"),
        ("“", KeyOptions(), '"'),
        ("“", KeyOptions(ignore_quotes=False), "“"),
        (",", KeyOptions(ignore_punctuation=True), None),
        ("it’s", KeyOptions(), "it's"),
        ("it’s", KeyOptions(ignore_punctuation=True), "its"),
        ("10–20", KeyOptions(), "10-20"),
    ],
)
def test_comparison_key(token: str, options: KeyOptions, key: str | None) -> None:
    assert comparison_key(token, options) == key


def test_encode_equal_ids_iff_equal_keys() -> None:
    a = tokenize("The “cat”, the CAT.")
    b = tokenize('the "cat" THE cat')
    options = KeyOptions(ignore_case=True)
    (a_ids, b_ids), words, _ = encode([a, b], options)
    for tokens, ids in ((a, a_ids), (b, b_ids)):
        for token, ident in zip(tokens, ids, strict=True):
            assert (ident == IGNORED) == (comparison_key(token, options) is None)
    pairs = [
        (t, i) for tokens, ids in ((a, a_ids), (b, b_ids)) for t, i in zip(tokens, ids, strict=True)
    ]
    for t1, i1 in pairs:
        for t2, i2 in pairs:
            if i1 != IGNORED and i2 != IGNORED:
                assert (i1 == i2) == (comparison_key(t1, options) == comparison_key(t2, options))
    assert {i for t, i in pairs if token_kind(t) is TokenKind.WORD} == set(words)


def test_encode_keeps_no_state_between_calls() -> None:
    first = encode([["x", "y"]])
    second = encode([["y", "x"]])
    assert first.ids == second.ids == ([1, 2],)
    assert IGNORED not in first.ids[0]


_chunk_texts = st.lists(
    st.sampled_from(["Cat", "cat", "cat,", "Cat,", "don't", "don’t", "“no”", ",", "x1", "a-b"]),
    max_size=25,
).map(" ".join)


@given(_chunk_texts, _chunk_texts, st.booleans(), st.booleans())
def test_codes_equal_iff_compared_tokens_equal(
    a: str, b: str, case: bool, punctuation: bool
) -> None:
    """Across the texts of one call, the code strings have one character per compared
    token, two tokens share a code exactly when their keys are the same, and the layout
    finds each compared token in the token list."""
    options = KeyOptions(ignore_case=case, ignore_punctuation=punctuation)
    coded = encode_codes([a, b], options)
    key_of_code: dict[str, str] = {}
    for text, c in zip((a, b), coded, strict=True):
        tokens = tokenize(text)
        kept = [p for p, t in enumerate(tokens) if comparison_key(t, options) is not None]
        assert c.n_tokens == len(tokens)
        assert len(c.codes) == len(c.layout) == len(kept)
        assert [c.token_index(p) for p in range(len(kept))] == kept
        assert c.layout.many(list(range(len(kept)))) == kept
        for code, p in zip(c.codes, kept, strict=True):
            key = comparison_key(tokens[p], options)
            assert key_of_code.setdefault(code, key) == key  # one code, one key
    assert len(set(key_of_code.values())) == len(key_of_code)  # one key, one code


def test_codes_run_out_past_capacity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(token_codes, "CAPACITY", 3)
    assert len(encode_codes(["a b a c"])[0].codes) == 4
    with pytest.raises(token_codes.TooManyKeys):
        encode_codes(["a b c d e"])
