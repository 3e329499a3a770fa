"""Shrinking long texts to the clauses that differ (core.coarse_sync) before the word
diff, and coding them sentence by sentence (core.token_codes): the same diffs as the
plain path, as few changed tokens."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from core import coarse_sync, wordiff
from core.coarse_sync import STAND_IN, shrink, token_count
from core.token_codes import Coder
from core.tokens import KeyOptions, comparison_key, tokenize
from core.wordiff import changed_tokens, word_diff

_WORDS = ["the", "a", "cat", "dog", "sat", "ran", "on", "mat", "hat", "red", "blue", "don't"]
_WORDS += ["co-op", "42", "3.5", "“quoted”", "(aside)", "x_y"]
_SEPARATORS = [" ", " ", " ", " ", ", ", ". ", ".\n\n", ".  ", "\n", " - ", "; ", ".", ","]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_WORDS) + rng.choice(_SEPARATORS) for _ in range(n))


def _edited(rng: random.Random, text: str, rate: float) -> str:
    """``text`` with words replaced, dropped, inserted and separators changed."""
    out = []
    for piece in text.split(" "):
        r = rng.random()
        if r < rate:
            continue
        if r < 2 * rate:
            piece = rng.choice(_WORDS)
        elif r < 3 * rate:
            piece += " " + rng.choice(_WORDS) + rng.choice(_SEPARATORS)
        elif r < 3.5 * rate:
            piece = piece.replace(".", ",")
        out.append(piece)
    return " ".join(out)


def _valid(diff: wordiff.WordDiff, options: KeyOptions) -> None:
    """Opcodes cover both token lists in order, and 'equal' ones pair equal keys."""
    a, b = diff.a_tokens, diff.b_tokens
    ops = diff.opcodes
    assert ops[0][1] == ops[0][3] == 0
    assert (ops[-1][2], ops[-1][4]) == (len(a), len(b))
    for x, y in pairwise(ops):
        assert (x[2], x[4]) == (y[1], y[3])
    for op in ops:
        if op.tag == "equal":
            keys_a = [k for t in a[op.i1 : op.i2] if (k := comparison_key(t, options))]
            keys_b = [k for t in b[op.j1 : op.j2] if (k := comparison_key(t, options))]
            assert keys_a == keys_b


def _marked(diff: wordiff.WordDiff, options: KeyOptions) -> int:
    """Compared tokens inside changes, both sides: the LCS optimum's measure."""
    a, b = diff.a_tokens, diff.b_tokens
    return sum(
        sum(1 for t in a[op.i1 : op.i2] if comparison_key(t, options) is not None)
        + sum(1 for t in b[op.j1 : op.j2] if comparison_key(t, options) is not None)
        for op in diff.opcodes
        if op.tag != "equal"
    )


def _diff(a: str, b: str, coarse: bool, monkeypatch: pytest.MonkeyPatch, **options: bool):
    monkeypatch.setattr(wordiff, "COARSE_CHARS", 0 if coarse else 1 << 60)
    return word_diff(a, b, **options)


@pytest.mark.parametrize("rate", [0.005, 0.03, 0.15])
@pytest.mark.parametrize(
    "options",
    [{}, {"ignore_case": True}, {"ignore_punctuation": True}, {"ignore_quotes": False}],
)
def test_shrunk_diff_marks_as_few_tokens_as_the_plain_one(
    rate: float, options: dict[str, bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(20261202)
    key_options = KeyOptions(**options)
    for _ in range(12):
        a = _text(rng, rng.randint(5, 400))
        b = _edited(rng, a, rate)
        coarse = _diff(a, b, True, monkeypatch, **options)
        plain = _diff(a, b, False, monkeypatch, **options)
        _valid(coarse, key_options)
        assert _marked(coarse, key_options) == _marked(plain, key_options), (a, b)


def test_the_shrunk_path_is_taken_and_stands_runs_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """On texts sharing most clauses the stand-ins are used (not the fallback), and the
    diff marks exactly the edited words."""
    rng = random.Random(7)
    a = _text(rng, 300)
    b = a.replace(" dog", " wolf", 1)
    used = []
    real_grow = coarse_sync.grow
    monkeypatch.setattr(wordiff, "grow", lambda *args: used.append(1) or real_grow(*args))
    diff = _diff(a, b, True, monkeypatch)
    assert used
    assert changed_tokens(diff) == 2 * ("dog" in a)
    _valid(diff, KeyOptions())


def test_unpaired_stand_ins_fall_back_to_the_full_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(3)
    a = _text(rng, 200)
    b = _edited(rng, a, 0.03)
    plain = _diff(a, b, False, monkeypatch)
    monkeypatch.setattr(wordiff, "paired", lambda *args: False)
    assert _diff(a, b, True, monkeypatch).opcodes == plain.opcodes


def test_texts_holding_the_stand_in_letter_are_not_shrunk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = f"One two. Three {STAND_IN}0 four. Five six. Seven."
    b = f"One two. Three {STAND_IN}0 four. Five sax. Seven."
    assert shrink(a, b) is None
    diff = _diff(a, b, True, monkeypatch)
    assert changed_tokens(diff) == 2


def test_runs_that_differ_only_in_their_cuts_are_not_stood_in() -> None:
    """Clauses equal but a comma for a full stop between them: no stand-in pairs them."""
    run = " one two three, four five six. seven eight nine"
    a = f"Start here.{run}. End there"
    b = f"Begin here.{run.replace(',', '.')}. End now"
    assert shrink(a, b) is None
    shrunk = shrink(a, b.replace("three.", "three,"))
    assert shrunk is not None
    assert shrunk.a_text == f"Start here.{STAND_IN}0. End there"
    assert shrunk.runs == [len(tokenize(run))]


def test_token_count_is_the_tokenizers() -> None:
    rng = random.Random(11)
    pieces = ["a", "Bc", " ", "\n", "\n\n", "   ", "_", "9", ".", ",", "'", "-", "“", "é", "\t"]
    coder = Coder(KeyOptions())
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert token_count(text, coder.chunk_tokens) == len(tokenize(text)), repr(text)


@pytest.mark.parametrize("punctuation", [False, True])
def test_sentence_memo_codes_as_the_whole_text_does(punctuation: bool) -> None:
    rng = random.Random(5)
    options = KeyOptions(ignore_punctuation=punctuation)
    for _ in range(30):
        a = _text(rng, rng.randint(0, 120))
        b = _edited(rng, a, 0.05)
        by_sentence, whole = Coder(options), Coder(options)
        for text in (a, b):
            x, y = by_sentence.encode(text), whole.encode(text, by_sentence=False)
            assert (x.codes, x.n_tokens) == (y.codes, y.n_tokens)
            assert x.layout.many(list(range(len(x.codes)))) == y.layout.many(
                list(range(len(y.codes)))
            )
