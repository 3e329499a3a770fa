"""One call for the window and the command line: versions in, everything they show out.

clean each version -> align all blocks -> word diffs per row -> consensus -> similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from core.align import Alignment, align, prepare
from core.clean import CleanedVersion, clean
from core.merge import Consensus, consensus
from core.model import Version
from core.similarity import dice_matrix
from core.wordiff import WordDiff, word_diff

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """What word diffs ignore; the default ignores only quote style and whitespace."""

    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = True
    ignore_whitespace: bool = True


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything computed about a set of versions.

    ``diffs[r][v]`` is the word diff of version ``v``'s cell in row ``r`` against the row's
    reference cell: the base's, or where the base has a gap, the first version present
    (``references[r]``).
    """

    versions: tuple[Version, ...]
    cleaned: tuple[CleanedVersion, ...]
    alignment: Alignment
    references: tuple[int | None, ...]
    diffs: tuple[Mapping[int, WordDiff], ...]
    similarity: tuple[tuple[float, ...], ...]
    consensus: Consensus
    options: DiffOptions = field(default_factory=DiffOptions)
    keys: tuple[tuple[str, ...], ...] = ()
    """``keys[v][b]``: block ``b`` of version ``v`` normalised (`core.normalize.normalize`)."""

    @property
    def base(self) -> int:
        return self.alignment.base

    def cell_text(self, row: int, version: int) -> str:
        cell = self.alignment.rows[row].cells[version]
        return " ".join(self.versions[version].blocks[b].text for b in cell)


def _nothing(done: int, total: int, what: str = "") -> None:
    """The default progress callback: report nowhere."""


def compare(
    versions: Sequence[Version],
    *,
    base: int = 0,
    options: DiffOptions = DiffOptions(),
    corrections: Mapping[tuple[int, int], bool] | None = None,
    choices: Mapping[int, int] | None = None,
    cleaned: Sequence[CleanedVersion] | None = None,
    prefer: str = "majority",
    progress: Progress = _nothing,
    similarity: bool = True,
) -> Comparison:
    """Compare ``versions`` against ``versions[base]``.

    ``corrections`` maps (version, block) to keep (True) or drop (False), overriding
    cleaning; ``choices`` maps a row to the version whose wording the consensus takes
    (or `core.merge.DROP`). ``progress(done, total, what)`` is called between steps and may
    raise to cancel. Pass ``cleaned`` to reuse earlier cleaning of the same versions.
    ``prefer`` is the consensus policy (`core.merge.PREFER`). ``similarity=False`` leaves
    ``Comparison.similarity`` empty, for outputs that never show it (a tenth of a second
    per MB of text).
    """
    total = 5
    progress(0, total, "cleaning")
    # Each block is normalised and word-coded once; cleaning, alignment, consensus and
    # similarity all use that.
    texts = [[block.text for block in v.blocks] for v in versions]
    preps = prepare(texts)
    cleaned_list = (
        list(cleaned) if cleaned is not None
        else [clean(v, keys=p.keys) for v, p in zip(versions, preps, strict=True)]
    )
    for (v, b), keep in (corrections or {}).items():
        cleaned_list[v] = cleaned_list[v].restore(b) if keep else cleaned_list[v].drop(b)
    progress(1, total, "aligning")
    alignment = align(texts, base=base, prepared=preps)
    progress(2, total, "comparing words")
    references, diffs = _row_diffs(versions, alignment, options, progress)
    progress(3, total, "finding the consensus")
    agreed = consensus(cleaned_list, alignment, choices=choices, keys=[p.keys for p in preps],
                       prefer=prefer)
    progress(4, total, "measuring similarity")
    # = core.similarity.similarity_matrix(texts): words never span blocks, so the joined
    # word ids of the blocks are those of the joined text.
    matrix = dice_matrix(["".join(p.wids) for p in preps]) if similarity else []
    keys = tuple(tuple(p.keys) for p in preps)
    del preps
    progress(5, total, "done")
    return Comparison(
        versions=tuple(versions),
        cleaned=tuple(cleaned_list),
        alignment=alignment,
        references=references,
        diffs=diffs,
        similarity=tuple(tuple(row) for row in matrix),
        consensus=agreed,
        options=options,
        keys=keys,
    )


def _row_diffs(
    versions: Sequence[Version], alignment: Alignment, options: DiffOptions, progress: Progress
) -> tuple[tuple[int | None, ...], tuple[Mapping[int, WordDiff], ...]]:
    def text(v: int, cell: Sequence[int]) -> str:
        return " ".join(versions[v].blocks[b].text for b in cell)

    references: list[int | None] = []
    diffs: list[Mapping[int, WordDiff]] = []
    for index, row in enumerate(alignment.rows):
        present = [v for v, cell in enumerate(row.cells) if cell]
        reference = alignment.base if row.cells[alignment.base] else (present or [None])[0]
        references.append(reference)
        row_diffs: dict[int, WordDiff] = {}
        if reference is not None:
            ref_text = text(reference, row.cells[reference])
            for v in present:
                if v != reference:
                    row_diffs[v] = word_diff(
                        ref_text, text(v, row.cells[v]),
                        ignore_case=options.ignore_case,
                        ignore_punctuation=options.ignore_punctuation,
                        ignore_quotes=options.ignore_quotes,
                        ignore_whitespace=options.ignore_whitespace,
                    )
        diffs.append(row_diffs)
        if index % 200 == 199:
            progress(2, 5, f"comparing words ({index + 1} of {len(alignment.rows)} rows)")
    return tuple(references), tuple(diffs)
