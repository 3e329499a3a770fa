"""The clean article as a document: decisions that follow their passage, edits mapped
back onto passages, the consensus policy, section headings kept."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from core import draft as draft_module
from core.clean import clean
from core.compare import compare
from core.draft import (
    Decision,
    decision_for,
    derive,
    map_edit,
    render,
    rerender,
    split_paragraphs,
)
from core.export import to_text
from core.load import load_path
from core.merge import newest_version, parse_date
from core.model import Block, BlockKind, Format, Metadata, Version
from core.sources.text import parse_text

P, H, B = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.BYLINE
TITLE = "Harbour Ferry Returns After Two Winters of Repairs"
ONE = ("The harbour ferry carried its first passengers on Monday after two winters in the "
       "repair yard, the transport office said in a statement.")
TWO = ("Engineers replaced both engines and the rudder, and the old wooden benches were "
       "swapped for seats that fold away for bicycles and prams.")
THREE = ("Tickets cost the same as before the repairs, and the first crossing of the day "
         "still leaves the north pier at a quarter past six.")
ADDED = ("A second boat is planned for the summer season, when the number of passengers is "
         "expected to double on weekends and holidays.")
EXTRA = ("One outlet alone adds this paragraph about a nearby market that has nothing to do "
         "with the story of the ferry and its repairs.")


def version(name: str, *items: tuple[BlockKind, str] | str, date: str | None = None
            ) -> Version:
    blocks = tuple(Block(kind=P, text=i) if isinstance(i, str) else Block(kind=i[0], text=i[1])
                   for i in items)
    return Version(path=name, format=Format.TEXT, encoding="utf-8", blocks=blocks,
                   metadata=Metadata(date=date))


def copies() -> list[Version]:
    return [version("a.txt", (H, TITLE), ONE, TWO, THREE),
            version("b.txt", (H, TITLE), ONE, TWO, EXTRA, THREE),
            version("c.txt", (H, TITLE), ONE, TWO.replace("prams", "buggies"), THREE)]


def test_rendered_text_is_the_consensus_article_without_decisions() -> None:
    result, draft = derive(compare(copies()), {})
    rendered = render(draft, {})
    assert rendered.text == to_text(result.consensus.article)
    assert rendered.paragraphs == (TITLE, ONE, TWO, THREE)
    left = [(e.text, e.reason) for e in rendered.left_out]
    assert left == [(EXTRA, "only in 1 of 3 versions")]
    row = draft.passages[draft.find(Decision((EXTRA.casefold(),)))].row
    assert rendered.fates[row].how == "left out"


def test_edit_restore_and_wording_survive_another_base_and_a_version_less() -> None:
    versions = copies()
    _, draft = derive(compare(versions), {})
    rendered = render(draft, {})
    # the user edits the second paragraph and restores the one-outlet paragraph
    edited = rendered.text.replace("two winters in the", "two long winters in the")
    _, _, changes = map_edit(rendered.paragraphs, rendered.owners, edited)
    [(key, paragraphs)] = changes.items()
    index = rendered.passage_of[key]
    _, decision = decision_for(draft, {}, index)
    decisions = {key: Decision(decision.keys, decision.nth, text="\n\n".join(paragraphs))}
    extra = draft.find(Decision((EXTRA.casefold(),)))
    extra_key, extra_decision = decision_for(draft, decisions, extra)
    decisions[extra_key] = Decision(extra_decision.keys, keep=True,
                                    wording=EXTRA.casefold())
    for base, kept in ((0, versions), (2, versions), (0, versions[1:])):
        _, again = derive(compare(kept, base=base), decisions)
        text = render(again, decisions).text
        assert "two long winters" in text and EXTRA in text, (base, len(kept))
        assert "two winters in the" not in text
    # without the version that has the restored passage, it waits; the edit stays
    _result, again = derive(compare([versions[0], versions[2]]), decisions)
    text = render(again, decisions).text
    assert "two long winters" in text and EXTRA not in text


def test_a_repeated_wording_is_told_apart_by_its_occurrence() -> None:
    v = version("a.txt", (H, TITLE), ONE, TWO, (H, TITLE), THREE)
    _, draft = derive(compare([v]), {})
    repeats = [i for i, p in enumerate(draft.passages) if p.key == TITLE.casefold()]
    assert len(repeats) == 2 and not draft.passages[repeats[1]].kept
    key, decision = decision_for(draft, {}, repeats[1])
    decisions = {key: Decision(decision.keys, decision.nth, keep=True)}
    _, again = derive(compare([v]), decisions)
    assert render(again, decisions).paragraphs.count(TITLE) == 2


def test_map_edit_insert_delete_and_typing_into_an_empty_article() -> None:
    paragraphs, owners = ["T", "one", "two"], ["t", "p1", "p2"]
    _new, new_owners, changed = map_edit(paragraphs, owners, "T\n\none\n\nnew one\n\ntwo")
    assert new_owners == ["t", "p1", "p1", "p2"] and changed == {"p1": ["one", "new one"]}
    _, _, changed = map_edit(paragraphs, owners, "T\n\ntwo\n")
    assert changed == {"p1": []}
    _, _, changed = map_edit(paragraphs, owners, "start\n\nT\n\none\n\ntwo")
    assert changed == {"t": ["start", "T"]}
    _, owners_after, changed = map_edit([], [], "typed", fallback="t")
    assert owners_after == ["t"] and changed == {"t": ["typed"]}
    assert split_paragraphs("a\n \n\n b \r\n\r\nc") == ["a", "b", "c"]


def test_map_edit_is_fast_on_a_long_article() -> None:
    paragraphs = [f"paragraph {i} " + "word " * 30 + "end." for i in range(20000)]
    owners = [str(i) for i in range(20000)]
    text = "\n\n".join(paragraphs).replace("paragraph 9000 ", "paragraph 9000 typed ")
    started = time.perf_counter()
    _, _, changed = map_edit(paragraphs, owners, text)
    assert time.perf_counter() - started < 1.0
    assert list(changed) == ["9000"]


def test_restoring_another_byline_puts_it_back() -> None:
    v = version("a.txt", (H, TITLE), (B, "By Ann Writer"), ONE, (B, "By Ben Other"), TWO)
    _result, draft = derive(compare([v]), {})
    index = next(i for i, p in enumerate(draft.passages) if p.owner_text == "By Ben Other")
    assert not draft.passages[index].kept
    key, decision = decision_for(draft, {}, index)
    decisions = {key: Decision(decision.keys, keep=True)}
    _, again = derive(compare([v]), decisions)
    assert "By Ben Other" in render(again, decisions).paragraphs


def revisions() -> list[Version]:
    return [version("r1.txt", (H, TITLE), ONE, TWO, THREE, date="2020-01-05"),
            version("r2.txt", (H, TITLE), ONE, TWO, THREE, date="2021-03-01"),
            version("r3.txt", (H, TITLE), ONE, TWO.replace("prams", "buggies"), ADDED,
                    date="2022-07-30T10:00:00Z")]


def test_prefer_newest_follows_the_latest_revision() -> None:
    majority = compare(revisions()).consensus.article
    assert ADDED not in [b.text for b in majority.body]
    newest = compare(revisions(), prefer="newest")
    body = [b.text for b in newest.consensus.article.body]
    assert body == [ONE, TWO.replace("prams", "buggies"), ADDED]
    reasons = {v.reason for v in newest.consensus.rows if not v.keep}
    assert "not in the newest version" in reasons
    # by date where every version has one, whatever the order they are given in
    shuffled = [revisions()[2], revisions()[0], revisions()[1]]
    assert ADDED in [b.text for b in compare(shuffled, prefer="newest").consensus.article.body]
    # the base policy follows the base
    base = compare(revisions(), prefer="base", base=1).consensus.article
    assert [b.text for b in base.body] == [ONE, TWO, THREE]


def test_newest_is_the_last_given_unless_every_version_has_a_date() -> None:
    undated = [clean(v) for v in copies()]
    assert newest_version(undated, (0, 1, 2)) == 2
    dated = [clean(v) for v in revisions()]
    assert newest_version([dated[2], dated[0], dated[1]], (0, 1, 2)) == 0
    assert parse_date("published 2022-07-30T10:00:00") is not None
    assert parse_date("July 30, 2022") is None and parse_date(None) is None


def test_cli_prefer_newest(tmp_path: Path) -> None:
    paths = []
    for i, v in enumerate(revisions()):
        path = tmp_path / f"{i}.txt"
        path.write_text("\n\n".join(b.text for b in v.blocks) + "\n", encoding="utf-8")
        paths.append(str(path))
    root = Path(__file__).resolve().parents[1]
    code = "import sys; from core.cli import main; sys.exit(main(sys.argv[1:]))"
    out = {}
    for policy in ("majority", "newest"):
        done = subprocess.run([sys.executable, "-c", code, "clean", "--prefer", policy, *paths],
                              capture_output=True, text=True, cwd=root, timeout=60)
        assert done.returncode == 0, done.stderr
        out[policy] = done.stdout
    assert ADDED in out["newest"] and ADDED not in out["majority"]
    bad = subprocess.run([sys.executable, "-c", code, "clean", "--prefer", "oldest", *paths],
                         capture_output=True, text=True, cwd=root, timeout=60)
    assert bad.returncode == 2 and "--prefer" in bad.stderr


def test_section_headings_of_plain_text_are_kept(tmp_path: Path) -> None:
    text = (f"{TITLE}\n\n{ONE}\n\nBackground\n\n{TWO}\n\nwhat comes next\n\n{THREE}\n\n"
            "thumb|ferry\n\nAdvertisement\n")
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    cleaned = clean(load_path(str(path)))
    kept = [b.text for b in cleaned.body_blocks()]
    assert "Background" in kept and "what comes next" in kept
    removed = {b.text: reason for _, b, reason in cleaned.removed()}
    assert "site widget" in removed["thumb|ferry"] and "Advertisement" in removed
    assert [b.kind for b in parse_text("Background")] == [BlockKind.OTHER]


def test_widget_rule_is_linear_on_adversarial_lines() -> None:
    from core.clutter_rules import widget_line

    for text in ("a-" * 50_000, "a " * 50_000, "é'" * 50_000):
        started = time.perf_counter()
        widget_line(Block(kind=BlockKind.OTHER, text=text))
        assert time.perf_counter() - started < 0.5


def _same_rendering(got, expected) -> None:
    for name in ("paragraphs", "owners", "article", "fates", "left_out", "passage_of",
                 "waiting", "keys", "first", "body_first", "text"):
        assert getattr(got, name) == getattr(expected, name), name


_texts = st.sampled_from([None, "", "My own words.", "Two of mine.\n\nSecond of mine.",
                          TWO, "One line\nand another"])


@settings(max_examples=120, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 7), _texts, st.sampled_from([None, True, False])),
                      min_size=1, max_size=6))
def test_rerendering_the_decided_passages_is_rendering_it_all(edits) -> None:
    """Typing, Undo and other decisions put in passage by passage give the whole
    rendering; only the passages decided on are rendered again."""
    _, draft = derive(compare(copies()), {})
    decisions: dict[str, Decision] = {}
    rendered = render(draft, decisions)
    for passage, text, keep in edits:
        passage %= len(draft.passages)
        key, decision = decision_for(draft, decisions, passage)
        after = Decision(decision.keys, decision.nth, keep, None, text)
        if after.empty:
            decisions.pop(key, None)
        else:
            decisions[key] = after
        again, touched = rerender(rendered, draft, decisions, [key])
        _same_rendering(again, render(draft, decisions))
        if touched is not None:
            assert touched == (passage,)
        rendered = again


def test_typing_in_one_passage_of_a_long_article_renders_that_passage(monkeypatch) -> None:
    paragraphs = [f"Paragraph number {i} of a long story about the ferry and its pier."
                  for i in range(3000)]
    versions = [version("a.txt", *paragraphs), version("b.txt", *paragraphs[:-1])]
    _, draft = derive(compare(versions), {})
    rendered = render(draft, {})
    middle = len(draft.passages) // 2
    key, decision = decision_for(draft, {}, middle)
    decisions = {key: Decision(decision.keys, decision.nth, text="Typed by hand.")}
    pieces: list[int] = []
    real = draft_module._piece
    monkeypatch.setattr(draft_module, "_piece", lambda *a: pieces.append(a[0]) or real(*a))
    again, touched = rerender(rendered, draft, decisions, [key])
    assert touched == (middle,) and pieces == [middle]
    assert again.paragraphs[again.first[middle]] == "Typed by hand."
    assert again.fates[draft.passages[middle].row].how == "your text"
    assert again.paragraphs[:again.first[middle]] == rendered.paragraphs[:rendered.first[middle]]
