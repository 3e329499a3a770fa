"""Repeat checks on book-size texts: few edit distances when every paragraph looks alike,
and the repeats still found."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

import core.fuzzy
from core.clean import clean
from core.compare import compare
from core.model import Block, BlockKind, Format, Version
from core.recent_pool import EXHAUSTIVE_UP_TO, RecentPool, word_runs

WORDS = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote",
         "debate", "money", "street", "water", "power", "people")


def alike(count: int, seed: int = 5) -> list[str]:
    """Paragraphs of one small vocabulary and one length: no two alike enough to be a
    repeat, none to be ruled out by its length."""
    rng = random.Random(seed)
    return [f"Paragraph {i}: " + " ".join(rng.choice(WORDS) for _ in range(30)) + "."
            for i in range(count)]


def version(name: str, texts: list[str]) -> Version:
    blocks = tuple(Block(BlockKind.PARAGRAPH, text) for text in texts)
    return Version(path=name, format=Format.TEXT, encoding="utf-8", blocks=blocks)


class _Counting:
    """``fuzz.ratio`` comparisons made through `core.fuzzy`'s rapidfuzz calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pairs = 0
        real = core.fuzzy.process.extractOne

        def extract_one(query, choices, **kwargs):
            self.pairs += len(choices)
            return real(query, choices, **kwargs)

        monkeypatch.setattr(core.fuzzy.process, "extractOne", extract_one)


def test_book_of_alike_paragraphs_is_cleaned_with_few_comparisons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = alike(EXHAUSTIVE_UP_TO + 1000)
    repeat = texts[1200].replace("city", "town", 1) + " More."  # a near-repeat 40 blocks on
    assert fuzz.ratio(repeat.casefold(), texts[1200].casefold()) >= 90
    texts.insert(1240, repeat)
    counting = _Counting(monkeypatch)
    cleaned = clean(version("book.txt", texts))
    # Every pair of the window of 60 kept blocks would be 180,000 comparisons.
    assert counting.pairs < 2 * len(texts)
    removed = {index: reason for index, _, reason in cleaned.removed()}
    assert list(removed) == [1240]
    assert removed[1240].startswith("repeats block 1201, ")


def test_consensus_of_two_books_compares_few_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    base = alike(EXHAUSTIVE_UP_TO + 500)
    rng = random.Random(7)
    other = [t if rng.random() < 0.8 else t.replace("city", "town", 1) + " More." for t in base]
    counting = _Counting(monkeypatch)
    result = compare([version("a.txt", base), version("b.txt", other)])
    # Every pair of the windows (60 kept blocks in each version, 150 kept rows in the
    # consensus) would be 675,000 comparisons.
    assert counting.pairs < 6 * len(base)
    assert len(result.consensus.article.body) == len(base)


def test_pool_finds_every_passage_sharing_a_run_of_four_words() -> None:
    rng = random.Random(3)
    texts = alike(400, seed=11)
    pool = RecentPool(indexed=True)
    for index, text in enumerate(texts):
        probe = texts[rng.randrange(max(0, index - 50), index)] if index else text
        words = probe.split()
        start = rng.randrange(len(words) - 4)
        probe = " ".join(["new", *words[start:start + 4], "words"])
        found = pool.candidates(probe)
        runs = word_runs(probe)
        sharing = [i for i in range(max(0, index - 60), index)
                   if runs & word_runs(texts[i])]
        # each sharing passage is found, or a newer one holding the same runs
        for i in sharing:
            assert i in found or all(
                any(run in word_runs(texts[j]) for j in found if j > i)
                for run in runs & word_runs(texts[i]))
        assert list(found) == sorted(found)
        pool.add(index, text)
        if len(pool) > 60:
            pool.discard(pool.oldest())


def test_articles_still_compare_every_recent_passage() -> None:
    pool = RecentPool(indexed=False)
    for index, text in enumerate(alike(70)):
        pool.add(index, text)
    assert list(pool.candidates("nothing in common")) == list(range(70))


def test_held_runs_are_the_texts_runs_and_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from core import recent_pool

    monkeypatch.setattr(recent_pool, "HELD_RUNS", 200)
    held = recent_pool._HeldRuns()
    texts = alike(20, seed=13)  # 32 words each: 29 runs
    for text in texts:
        assert set(held(text)) == word_runs(text)
        assert held._count <= 200
        assert sum(len(runs) + recent_pool._ENTRY for runs in held._runs.values()) == held._count
    assert held(texts[-1]) is held(texts[-1])  # the newest are held
