"""The chain and word-code primitives of core.align_match against plain reference versions."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from core.align_match import Pair, WordCoder, best_chain
from core.word_codes import word_char

pairs = st.lists(
    st.builds(Pair, st.integers(0, 7), st.integers(0, 7), st.sampled_from([1.0, 2.0, 3.5, 7.0])),
    max_size=9,
)


def brute_best(items: list[Pair]) -> float:
    """The largest total score of a subset strictly increasing in both b and r."""
    best = 0.0
    for k in range(1, len(items) + 1):
        for subset in combinations(sorted(items), k):
            if all(p.b < q.b and p.r < q.r for p, q in pairwise(subset)):
                best = max(best, sum(p.score for p in subset))
    return best


@settings(max_examples=150, deadline=None)
@given(pairs)
def test_best_chain_is_an_increasing_chain_of_the_largest_total(items: list[Pair]) -> None:
    chain = best_chain(items)
    assert all(p in items for p in chain)
    assert all(p.b < q.b and p.r < q.r for p, q in pairwise(chain))
    assert sum(p.score for p in chain) == brute_best(items)


@given(st.lists(st.lists(st.sampled_from(["a", "b", "cd", "e1", "x_y"]), max_size=8),
                max_size=6))
def test_word_codes_follow_first_appearance(texts: list[list[str]]) -> None:
    coder, seen = WordCoder(), {}
    for words in texts:
        expected = "".join(seen.setdefault(w, word_char(len(seen))) for w in words)
        assert coder.encode_normalized(" ".join(words)) == expected
