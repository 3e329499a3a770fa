"""Word-id characters never run out (more distinct words than Unicode has characters)."""

from __future__ import annotations

from itertools import islice, product
from string import ascii_lowercase

from core.align_match import WordCoder, word_ratio
from core.word_codes import CAPACITY, word_char


def _word(n: int) -> str:
    """The n-th word of an endless list of distinct letter-only words."""
    letters = []
    while True:
        n, r = divmod(n, 26)
        letters.append(chr(97 + r))
        if not n:
            return "".join(reversed(letters))


def test_codes_are_distinct_characters_up_to_the_capacity() -> None:
    edges = [0, 1, 0xD800 - 0x100 - 1, 0xD800 - 0x100, CAPACITY - 1]
    codes = [word_char(n, "w") for n in edges]
    assert all(len(c) == 1 and not 0xD800 <= ord(c) < 0xE000 for c in codes)
    assert len(set(codes)) == len(codes)
    assert ord(codes[0]) == 0x100 and ord(codes[-1]) == 0x10FFFF


def test_words_past_the_capacity_get_a_stable_valid_character() -> None:
    code = word_char(CAPACITY, "zzz")
    assert len(code) == 1 and code == word_char(CAPACITY + 10, "zzz")
    assert not 0xD800 <= ord(code) < 0xE000
    for n in range(CAPACITY, CAPACITY + 2000):  # surrogate-free, never below U+0100
        assert 0x100 <= ord(word_char(n, _word(n))) <= 0x10FFFF


def test_more_distinct_words_than_characters_still_encode_and_compare() -> None:
    words = list(map("".join, islice(product(ascii_lowercase, repeat=5), CAPACITY + 5_000)))
    coder = WordCoder()
    coded = coder.encode_normalized(" ".join(words))
    assert len(coded) == len(words)
    assert len(set(coded[:CAPACITY])) == CAPACITY  # one character per word while there is room
    assert word_ratio(coded, coder.encode_normalized(" ".join(words[:-5]))) > 99
