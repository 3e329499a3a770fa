"""Word codes never run out and never collide (more distinct words than Unicode has
characters)."""

from __future__ import annotations

from itertools import islice, pairwise, product
from string import ascii_lowercase
from zlib import crc32

from core.align_match import WordCoder, word_ratio
from core.word_codes import CAPACITY, word_char


def test_codes_are_distinct_characters_up_to_the_capacity() -> None:
    edges = [0, 1, 0xD800 - 0x100 - 1, 0xD800 - 0x100, CAPACITY - 1]
    codes = [word_char(n) for n in edges]
    assert all(len(c) == 1 and not 0xD800 <= ord(c) < 0xE000 for c in codes)
    assert len(set(codes)) == len(codes)
    assert ord(codes[0]) == 0x100


def _parse(coded: str, singles: set[str]) -> list[str]:
    """Cut a word-id string back into codes: a one-character code, or leads up to and
    including the first trail (a trail is a character of a long code's last place)."""
    trails = {code[-1] for code in _LONG}
    out, start = [], 0
    for k, char in enumerate(coded):
        if char in singles or char in trails:
            out.append(coded[start : k + 1])
            start = k + 1
    assert start == len(coded)
    return out


_BAND = 1024
_PAST = [
    *range(CAPACITY, CAPACITY + 3000),
    CAPACITY + _BAND**2 - 1,  # the last two-character code
    *range(CAPACITY + _BAND**2, CAPACITY + _BAND**2 + 2000),  # three characters
    CAPACITY + _BAND**2 + _BAND**3,  # four
]
_LONG = [word_char(n) for n in _PAST]


def test_codes_past_the_capacity_are_distinct_and_prefix_free() -> None:
    singles = [word_char(n) for n in (*range(3000), *range(CAPACITY - 3000, CAPACITY))]
    assert [len(c) for c in _LONG[:2]] == [2, 2] and len(_LONG[-1]) == 4
    assert len(word_char(CAPACITY + _BAND**2)) == 3
    codes = singles + _LONG
    assert len(set(codes)) == len(codes)
    for code in _LONG:  # no character of a long code is a one-character code
        assert all(0x100 <= ord(c) <= 0x10FFFF and not 0xD800 <= ord(c) < 0xE000 for c in code)
        assert not set(code) & set(singles)
    ordered = sorted(codes)  # prefix-free: no code starts another
    assert not any(b.startswith(a) for a, b in pairwise(ordered))
    # so a word-id string spells exactly one word list
    sequence = [codes[(k * 7919) % len(codes)] for k in range(5000)]
    assert _parse("".join(sequence), set(singles)) == sequence


def _crc_collision() -> tuple[str, str]:
    """Two words the old coding (crc32 of the word past the capacity) gave one code."""
    old_capacity = 0x110000 - 0x100 - 0x800
    seen: dict[int, str] = {}
    for k in range(1_000_000):
        word = f"serial{k}"
        slot = crc32(word.encode()) % old_capacity
        if slot in seen:
            return seen[slot], word
        seen[slot] = word
    raise AssertionError("no collision found")


def test_more_distinct_words_than_characters_never_collide() -> None:
    first, second = _crc_collision()
    words = list(map("".join, islice(product(ascii_lowercase, repeat=5), CAPACITY + 5_000)))
    words += [first, second]
    coder = WordCoder()
    coded = coder.encode_normalized(" ".join(words))
    assert len(set(coded[:CAPACITY])) == CAPACITY  # one character per word while there is room
    a, b = coder.encode_normalized(first), coder.encode_normalized(second)
    assert a != b and coded.endswith(a + b)
    assert word_ratio(a, b) < 100 and word_ratio(a, a) == 100
    assert word_ratio(coded, coder.encode_normalized(" ".join(words[:-5]))) > 99
