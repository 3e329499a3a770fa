"""Synthetic article versions with known block correspondences, for eval_alignment.py.

Every block carries the set of origin ids it descends from; two blocks of different
versions correspond when their sets meet. The text is made up here (pseudo-words around
common English function words), so nothing third-party is involved.

The edits are the ones real revisions make: typos and rewording, updated values, renamed
headings, deleted and inserted blocks, moves (also of edited blocks), splits (also with a
short piece), merges, paragraphs grown with new sentences, sentences reordered.
"""

from __future__ import annotations

import difflib
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "they",
    "have",
    "had",
    "were",
    "their",
    "an",
    "one",
    "has",
    "been",
    "its",
    "also",
    "who",
    "after",
    "more",
    "new",
]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ar", "en")]


@dataclass
class Block:
    text: str
    ids: frozenset[int]
    kind: str = "para"  # para, heading, label, value


class Maker:
    """Random text and edits from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        rnd = random.Random(1000 + seed)
        self.vocab = sorted(
            {"".join(rnd.choices(SYLLABLES, k=rnd.randint(1, 3))) for _ in range(3000)}
        )
        self.next_id = 0

    def new_id(self) -> frozenset[int]:
        self.next_id += 1
        return frozenset((self.next_id,))

    def word(self) -> str:
        if self.rnd.random() < 0.4:
            return self.rnd.choice(FUNCTION)
        return self.rnd.choice(self.vocab)

    def sentence(self, lo: int = 7, hi: int = 18) -> str:
        words = [self.word() for _ in range(self.rnd.randint(lo, hi))]
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rnd.randint(2, 5)))

    def value(self) -> str:
        unit = self.rnd.choice(["years", "million", "percent", "km", "(2020 est.)"])
        return f"{self.rnd.uniform(1, 99):.2f} {unit}"

    def article(self, paragraphs: int) -> list[Block]:
        out: list[Block] = []
        for k in range(paragraphs):
            roll = self.rnd.random()
            if k and roll < 0.12:
                words = " ".join(self.rnd.choice(self.vocab) for _ in range(self.rnd.randint(1, 3)))
                out.append(Block(words.title(), self.new_id(), "heading"))
            elif k and roll < 0.2:
                label = " ".join(self.rnd.choice(self.vocab) for _ in range(self.rnd.randint(1, 2)))
                out.append(Block(label + ":", self.new_id(), "label"))
                out.append(Block(self.value(), self.new_id(), "value"))
            out.append(Block(self.paragraph(), self.new_id()))
        return out

    # ------------------------------------------------------------------ edits

    def reword(self, text: str, rate: float) -> str:
        words = text.split()
        for i in range(len(words)):
            if self.rnd.random() < rate:
                words[i] = self.word()
        if len(words) > 3 and self.rnd.random() < rate:
            del words[self.rnd.randrange(len(words))]
        return " ".join(words)

    def edit(self, blocks: list[Block], edits: int) -> list[Block]:
        out = [Block(b.text, b.ids, b.kind) for b in blocks]
        kinds: list[tuple[float, Callable[[list[Block]], None]]] = [
            (0.22, self._typo),
            (0.10, self._reword),
            (0.08, self._value),
            (0.06, self._rename),
            (0.10, self._delete),
            (0.12, self._insert),
            (0.10, self._move),
            (0.07, self._split),
            (0.05, self._merge),
            (0.06, self._grow),
            (0.04, self._reorder),
        ]
        total = sum(w for w, _ in kinds)
        for _ in range(edits):
            if not out:
                out.append(Block(self.paragraph(), self.new_id()))
                continue
            roll = self.rnd.random() * total
            for weight, fn in kinds:
                roll -= weight
                if roll <= 0:
                    fn(out)
                    break
        return out

    def _pick(self, out: list[Block], kind: str | None = "para") -> int | None:
        idx = [i for i, b in enumerate(out) if kind is None or b.kind == kind]
        return self.rnd.choice(idx) if idx else None

    def _typo(self, out: list[Block]) -> None:
        if (i := self._pick(out, None)) is not None:
            words = out[i].text.split()
            k = self.rnd.randrange(len(words))
            w = words[k]
            words[k] = w[:-1] + self.rnd.choice("aeiou") if len(w) > 2 else w + "s"
            out[i].text = " ".join(words)

    def _reword(self, out: list[Block]) -> None:
        if (i := self._pick(out)) is not None:
            out[i].text = self.reword(out[i].text, self.rnd.uniform(0.1, 0.3))

    def _value(self, out: list[Block]) -> None:
        if (i := self._pick(out, "value")) is not None:
            unit = out[i].text.split(" ", 1)[1]
            out[i].text = f"{self.rnd.uniform(1, 99):.{self.rnd.randint(1, 2)}f} {unit}"

    def _rename(self, out: list[Block]) -> None:
        if (i := self._pick(out, "heading")) is not None:
            words = out[i].text.split()
            words[self.rnd.randrange(len(words))] = self.rnd.choice(self.vocab).title()
            out[i].text = " ".join(words)

    def _delete(self, out: list[Block]) -> None:
        del out[self.rnd.randrange(len(out))]

    def _insert(self, out: list[Block]) -> None:
        out.insert(self.rnd.randint(0, len(out)), Block(self.paragraph(), self.new_id()))

    def _move(self, out: list[Block]) -> None:
        if (i := self._pick(out)) is not None:
            block = out.pop(i)
            if self.rnd.random() < 0.4:
                block.text = self.reword(block.text, self.rnd.uniform(0.05, 0.2))
            out.insert(self.rnd.randint(0, len(out)), block)

    def _split(self, out: list[Block]) -> None:
        if (i := self._pick(out)) is None:
            return
        words = out[i].text.split()
        if len(words) < 12:
            return
        if self.rnd.random() < 0.4:  # a short piece off one end
            k = self.rnd.choice([self.rnd.randint(2, 4), len(words) - self.rnd.randint(2, 4)])
        else:
            k = self.rnd.randint(len(words) // 4, 3 * len(words) // 4)
        b = out[i]
        out[i : i + 1] = [Block(" ".join(words[:k]), b.ids), Block(" ".join(words[k:]), b.ids)]

    def _merge(self, out: list[Block]) -> None:
        idx = [i for i in range(len(out) - 1) if out[i].kind == out[i + 1].kind == "para"]
        if idx:
            i = self.rnd.choice(idx)
            a, b = out[i], out[i + 1]
            out[i : i + 2] = [Block(a.text + " " + b.text, a.ids | b.ids)]

    def _grow(self, out: list[Block]) -> None:
        if (i := self._pick(out)) is None:
            return
        b = out[i]
        sentences = [s for s in b.text.split(". ") if s]
        if len(sentences) >= 3 and self.rnd.random() < 0.3:  # shrink: keep a run of sentences
            k = self.rnd.randint(1, len(sentences) - 1)
            kept = ". ".join(sentences[:k]) if self.rnd.random() < 0.5 else ". ".join(sentences[k:])
            if len(kept.split()) >= 8:
                b.text = kept.rstrip(".") + "."
            return
        extra = " ".join(self.sentence() for _ in range(self.rnd.randint(1, 3)))
        b.text = extra + " " + b.text if self.rnd.random() < 0.3 else b.text + " " + extra

    def _reorder(self, out: list[Block]) -> None:
        if (i := self._pick(out)) is not None:
            parts = [s for s in out[i].text.split(". ") if s]
            if len(parts) >= 2:
                self.rnd.shuffle(parts)
                out[i].text = ". ".join(p.rstrip(".") for p in parts) + "."


Case = list[list[Block]]


def star_cases(count: int, seed: int = 3) -> list[Case]:
    """Base + 1..3 edited copies of it, with 1..12 edits each (growing with the case)."""
    cases = []
    for k in range(count):
        m = Maker(seed * 100_000 + k)
        base = m.article(m.rnd.randint(6, 25))
        edits = 1 + (k * 12) // count
        copies = m.rnd.randint(1, 3)
        cases.append([base] + [m.edit(base, edits) for _ in range(copies)])
    return cases


def chain_cases(count: int, seed: int = 5, length: int = 5) -> list[Case]:
    """Revision chains: each version edits the one before (2..6 edits a step)."""
    cases = []
    for k in range(count):
        m = Maker(seed * 100_000 + k)
        versions = [m.article(m.rnd.randint(8, 25))]
        for _ in range(length - 1):
            versions.append(m.edit(versions[-1], m.rnd.randint(2, 6)))
        cases.append(versions)
    return cases


# ---------------------------------------------------------------------- scoring

Pairs = set[tuple[tuple[int, int], tuple[int, int]]]


def truth_pairs(case: Case) -> Pairs:
    out: Pairs = set()
    for v, w in combinations(range(len(case)), 2):
        for b, x in enumerate(case[v]):
            for c, y in enumerate(case[w]):
                if x.ids & y.ids:
                    out.add(((v, b), (w, c)))
    return out


def row_pairs(rows: Sequence[Sequence[tuple[int, ...]]]) -> Pairs:
    """Cross-version pairs sharing a row; ``rows[r][v]`` is version v's blocks there."""
    out: Pairs = set()
    for cells in rows:
        for v, w in combinations(range(len(cells)), 2):
            for b in cells[v]:
                for c in cells[w]:
                    out.add(((v, b), (w, c)))
    return out


def prf(found: int, right: int, truth: int) -> tuple[float, float, float]:
    p = right / found if found else 1.0
    r = right / truth if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------------- other aligners


def star_rows(
    texts: Sequence[Sequence[str]], opcodes: Callable[[list[str], list[str]], list]
) -> list[list[tuple[int, ...]]]:
    """Rows from a pairwise line differ run base (version 0) against every other version:
    equal runs pair up, replaced runs pair position by position (as a diff tool shows them)."""
    from core.normalize import normalize

    keys = [[normalize(t) for t in v] for v in texts]
    n = len(texts)
    rows: list[list[tuple[int, ...]]] = [[(b,)] + [()] * (n - 1) for b in range(len(texts[0]))]
    for v in range(1, n):
        for tag, i1, i2, j1, j2 in opcodes(keys[0], keys[v]):
            if tag in ("equal", "replace"):
                for k in range(min(i2 - i1, j2 - j1)):
                    rows[i1 + k][v] = (j1 + k,)
                extra = range(j1 + min(i2 - i1, j2 - j1), j2)
            else:
                extra = range(j1, j2) if tag == "insert" else range(0)
            for j in extra:
                cells: list[tuple[int, ...]] = [()] * n
                cells[v] = (j,)
                rows.append(cells)
    return rows


def difflib_opcodes(a: list[str], b: list[str]) -> list:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def meld_opcodes() -> Callable[[list[str], list[str]], list] | None:
    """Meld's Myers matcher, when a Meld install is on the path (MELD_PATH or the system)."""
    import os

    for path in (os.environ.get("MELD_PATH"), "/usr/lib/python3/dist-packages"):
        if path and path not in sys.path:
            sys.path.append(path)
    try:
        from meld.matchers.myers import MyersSequenceMatcher  # type: ignore[import-not-found]
    except ImportError:
        return None
    return lambda a, b: MyersSequenceMatcher(None, a, b).get_opcodes()


def collatex_rows(texts: Sequence[Sequence[str]]) -> list[list[tuple[int, ...]]] | None:
    """CollateX over blocks as tokens (normalised text as the token, near matching on)."""
    try:
        from collatex import Collation, collate  # type: ignore[import-not-found]
    except ImportError:
        return None
    from core.normalize import normalize

    collation = Collation()
    for v, blocks in enumerate(texts):
        tokens = [{"t": t, "n": normalize(t) or f"<{v}.{b}>", "b": b} for b, t in enumerate(blocks)]
        if not tokens:
            tokens = [{"t": " ", "n": f"<empty {v}>", "b": -1}]
        collation.add_witness({"id": f"w{v}", "tokens": tokens})
    table = collate(collation, output="table", segmentation=False, near_match=True)
    rows = []
    for column in table.columns:
        cells: list[tuple[int, ...]] = [()] * len(texts)
        for sigil, tokens in column.tokens_per_witness.items():
            items = tokens if isinstance(tokens, list) else [tokens]
            blocks = tuple(t.token_data["b"] for t in items if t.token_data.get("b", -1) >= 0)
            cells[int(sigil[1:])] = blocks
        rows.append(cells)
    return rows
