"""The whole comparison: consensus article, provenance, user choices, word diffs."""

from __future__ import annotations

from core.compare import DiffOptions, compare
from core.merge import DROP, min_support
from core.model import Block, BlockKind, Format, Version

P, H = BlockKind.PARAGRAPH, BlockKind.HEADING
TITLE = "Council Passes Budget After Long Debate"
LEAD = ("The council approved the new budget on Tuesday after a long debate about the cost "
        "of repairing the city's bridges and roads.")
SECOND = ("Opponents said the plan leaves too little for schools, and promised to bring the "
          "question back at the next meeting in spring.")
THIRD = ("The mayor said the bridges could not wait another winter and thanked the council "
         "members who changed their minds during the debate.")
CAPTION = ("The mayor, left, speaks to residents in Springfield, Ohio, Monday, July 16, 2018 "
           "before the vote.")


def version(name: str, *items: tuple[BlockKind, str] | str) -> Version:
    blocks = tuple(
        Block(kind=P, text=item) if isinstance(item, str) else Block(kind=item[0], text=item[1])
        for item in items
    )
    return Version(path=name, format=Format.TEXT, encoding="utf-8", blocks=blocks)


def body_texts(result) -> list[str]:
    return [block.text for block in result.consensus.article.body]


def test_consensus_takes_majority_wording_and_keeps_provenance() -> None:
    edited = LEAD.replace("Tuesday", "Wednesday")
    versions = [
        version("a", (H, TITLE), LEAD, SECOND, THIRD),
        version("b", (H, TITLE), edited, SECOND, THIRD),
        version("c", (H, TITLE), edited, SECOND, THIRD, "Advertisement"),
    ]
    result = compare(versions)
    article = result.consensus.article
    assert article.title == TITLE
    assert body_texts(result) == [edited, SECOND, THIRD]
    assert article.body[0].sources == (0, 1, 2)


def test_caption_shared_by_most_copies_is_still_left_out() -> None:
    versions = [version(n, (H, TITLE), CAPTION, LEAD, SECOND) for n in "abc"]
    result = compare(versions)
    assert CAPTION not in body_texts(result)
    reasons = [r.reason for r in result.consensus.article.removed]
    assert any(r.startswith("photo caption") and "in all 3 versions" in r for r in reasons)


def test_passage_of_one_outlet_among_many_is_left_out_with_reason() -> None:
    extra = ("Readers can find our full coverage of the city budget in the special section "
             "published every Sunday in print.")
    versions = [
        version("a", (H, TITLE), LEAD, extra, SECOND),
        version("b", (H, TITLE), LEAD, SECOND),
        version("c", (H, TITLE), LEAD, SECOND),
    ]
    result = compare(versions)
    assert extra not in body_texts(result)
    assert any(r.reason == "only in 1 of 3 versions" for r in result.consensus.article.removed)
    assert min_support(2) == 1


def test_two_versions_keep_an_added_paragraph() -> None:
    result = compare([version("a", (H, TITLE), LEAD), version("b", (H, TITLE), LEAD, SECOND)])
    assert body_texts(result) == [LEAD, SECOND]


def test_user_choice_overrides_wording_and_drop() -> None:
    edited = LEAD.replace("Tuesday", "Wednesday")
    versions = [version("a", (H, TITLE), LEAD, SECOND), version("b", (H, TITLE), edited, SECOND),
                version("c", (H, TITLE), edited, SECOND)]
    first = compare(versions)
    lead_row = next(i for i, row in enumerate(first.alignment.rows) if row.cells[0] == (1,))
    chosen = compare(versions, choices={lead_row: 0})
    assert body_texts(chosen)[0] == LEAD
    dropped = compare(versions, choices={lead_row: DROP})
    assert body_texts(dropped) == [SECOND]


def test_correction_restores_a_dropped_block() -> None:
    versions = [version("a", (H, TITLE), LEAD, CAPTION), version("b", (H, TITLE), LEAD, CAPTION)]
    assert CAPTION not in body_texts(compare(versions))
    restored = compare(versions, corrections={(0, 2): True})
    assert CAPTION in body_texts(restored)


def test_word_diffs_against_base_and_options() -> None:
    versions = [version("a", LEAD), version("b", LEAD.replace("new budget", "new City budget")),
                version("c", LEAD.replace("approved", "APPROVED"))]
    result = compare(versions)
    row = 0
    assert result.references[row] == 0
    tags_b = [op.tag for op in result.diffs[row][1].opcodes]
    assert "insert" in tags_b
    assert not result.diffs[row][2].is_equal
    ignoring = compare(versions, options=DiffOptions(ignore_case=True))
    assert ignoring.diffs[row][2].is_equal


def test_similarity_matrix_is_symmetric_with_full_diagonal() -> None:
    result = compare([version("a", LEAD, SECOND), version("b", LEAD, THIRD)])
    matrix = result.similarity
    assert matrix[0][0] == matrix[1][1] == 100
    assert matrix[0][1] == matrix[1][0] and 0 < matrix[0][1] < 100


def test_headline_repeated_in_a_row_of_its_own_appears_once() -> None:
    versions = [
        version("a", (H, TITLE), LEAD, SECOND),
        version("b", "Advertisement", (H, TITLE), LEAD, SECOND),
        version("c", (H, TITLE + " | The Daily"), LEAD, SECOND),
    ]
    article = compare(versions).consensus.article
    assert article.title == TITLE
    assert all(TITLE not in b.text for b in article.body)


def test_user_leaving_out_a_passage_drops_its_row_in_every_version() -> None:
    versions = [version(n, (H, TITLE), LEAD, SECOND) for n in "abc"]
    result = compare(versions, corrections={(1, 2): False})
    assert body_texts(result) == [LEAD]
    assert any(r.reason == "removed by the user" for r in result.consensus.article.removed)


def test_shared_normalisation_gives_what_each_step_gives_alone() -> None:
    from core.align import align
    from core.clean import clean
    from core.similarity import similarity_matrix

    versions = [
        version("a", (H, TITLE), LEAD, SECOND, THIRD, CAPTION),
        version("b", (H, TITLE), LEAD.replace("Tuesday", "Wednesday"), THIRD, SECOND),
        version("c", "Advertisement", (H, TITLE + " | The Daily"), LEAD, SECOND + " " + THIRD),
    ]
    result = compare(versions)
    texts = [[block.text for block in v.blocks] for v in versions]
    assert result.alignment == align(texts)
    assert list(result.similarity) == [tuple(row) for row in similarity_matrix(texts)]
    assert result.cleaned == tuple(clean(v) for v in versions)
    same_row = next(r for r, row in enumerate(result.alignment.rows)
                    if row.cells[0] and row.cells[2] and result.cell_text(r, 0) == LEAD)
    diff = result.diffs[same_row][2]
    assert diff.is_equal and "".join(diff.b_tokens) == LEAD
