"""The clean-article editor's paragraph index: edits noted one at a time and mapped onto the
passages when read give what mapping the whole text again would, reading only the lines
around the edits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.draft import map_edit, split_paragraphs
from gui.article_index import ParagraphIndex, paragraphs_of_lines

WORDS = ["ferry", "harbour", "pier", "bench", "rudder", "engine", "ticket", "crossing"]


class Document:
    """A plain-text document that reports its edits the way QTextDocument does."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read_lines = 0

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def read(self, start: int, stop: int) -> list[str]:
        self.read_lines += stop - start
        return self.lines[start:stop]

    def replace(self, index: ParagraphIndex, position: int, removed: int, added: str) -> None:
        self.text = self.text[:position] + added + self.text[position + removed:]
        first = self.text.count("\n", 0, position)
        last = self.text.count("\n", 0, position + len(added))
        index.note(first, last, len(self.lines), self.read, fallback="p0")


def article(count: int) -> tuple[list[str], list[str]]:
    paragraphs = [" ".join(WORDS[(i + k) % len(WORDS)] for k in range(3 + i % 4)) + f" {i}."
                  for i in range(count)]
    return paragraphs, [f"p{i}" for i in range(count)]


def indexed(paragraphs: list[str], owners: list[str]) -> tuple[ParagraphIndex, Document]:
    index = ParagraphIndex()
    index.reset_rendered(paragraphs, owners)
    return index, Document("\n\n".join(paragraphs) + "\n")


edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 30),
                           st.sampled_from(["x", " word", "\n", "\n\n", "\n\nnew words\n\n",
                                            "", "  \n", "a\nb"])),
                 min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(count=st.integers(0, 12), batches=st.lists(edits, min_size=1, max_size=3))
def test_noted_edits_map_as_the_whole_text_would(count: int, batches) -> None:
    paragraphs, owners = article(count)
    index, document = indexed(paragraphs, owners)
    typed = 0
    for batch in batches:
        before_paragraphs, before_owners = list(index.paragraphs), list(index.owners)
        for where, removed, added in batch:
            position = int(where * len(document.text))
            # every paragraph typed is new: between equal ones any owner would be as right
            typed += 1
            document.replace(index, position, min(removed, len(document.text) - position),
                             added.replace("new words", f"new words {typed}"))
        changed = index.settle()
        expected, expected_owners, expected_changed = map_edit(
            before_paragraphs, before_owners, document.text, fallback="p0")
        found, first = paragraphs_of_lines(document.lines)
        assert index.paragraphs == found == expected
        assert index.first == first
        assert index.lines == len(document.lines)
        assert index.owners == expected_owners
        for key, now in expected_changed.items():  # what changed, within the stretch read
            start, end = index.owned_by(key)
            assert index.paragraphs[start:end] == now
        assert set(changed) <= set(expected_changed) | set(before_owners)


def test_typing_in_the_middle_of_a_long_article_reads_a_few_lines() -> None:
    paragraphs, owners = article(20_000)
    index, document = indexed(paragraphs, owners)
    at = document.text.index(paragraphs[10_000]) + 5
    for offset, key in enumerate("typed by hand"):
        document.replace(index, at + offset, 0, key)
    assert index.pending and document.read_lines == 0  # a keystroke reads nothing
    changed = index.settle()
    assert list(changed) == ["p10000"]
    assert changed["p10000"][0].startswith(paragraphs[10_000][:5] + "typed by hand")
    assert document.read_lines <= 8
    document.replace(index, at, 0, "\n\n")  # a paragraph split in two
    index.settle()
    assert index.owners[10_000:10_002] == ["p10000", "p10000"]
    assert index.paragraph_at(index.first[15_000]) == 15_000
    assert index.first == paragraphs_of_lines(document.lines)[1]
    assert document.read_lines <= 16


def test_paragraphs_of_lines_matches_split_paragraphs() -> None:
    lines = ["", "  ", "one", "still one", " \t", "", "two  ", "\t", "three"]
    paragraphs, first = paragraphs_of_lines(lines)
    assert paragraphs == split_paragraphs("\n".join(lines)) == ["one\nstill one", "two",
                                                                 "three"]
    assert first == [2, 6, 8]
