"""The clean article as a document the user owns: passages, their sources, the user's text.

The consensus says, per aligned row, whether its passage is in the article and in whose
wording. The user's decisions sit on top of it: keep or leave out a passage, take one
version's wording, or replace the passage with their own text. A decision names its
passage by the passage's normalised wordings (one per version that has it), never by a
row number, so it finds its passage again after any re-alignment: another ignore option,
another base, a version more or less. A decision whose passage is in no compared version
waits, unchanged, until it is again.

The article text is rendered from the passages; edits made to that text are mapped back
onto the passages they touch (`map_edit`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from core.article import Article, ArticleBlock, headline, tidy
from core.clean import Role
from core.compare import Comparison
from core.merge import DROP, consensus
from core.model import BlockKind
from core.normalize import normalize

HEAD_ROLES = (Role.TITLE, Role.SUBTITLE, Role.BYLINE)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the user decided about one passage.

    ``keys`` are the passage's normalised wordings when it was decided, the first the one
    it is known by; ``nth`` tells repeats of that wording apart (0: its first row).
    ``keep``: True keeps the passage, False leaves it out, None leaves it to the consensus.
    ``wording``: the normalised wording to take (one version's). ``text``: the user's own
    text for the passage, paragraphs separated by a blank line; "" deletes it.
    """

    keys: tuple[str, ...]
    nth: int = 0
    keep: bool | None = None
    wording: str | None = None
    text: str | None = None

    @property
    def empty(self) -> bool:
        return self.keep is None and self.wording is None and self.text is None


Decisions = Mapping[str, Decision]
"""Decisions by passage id (`Passage.id` when the decision was made)."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned row as the article has it.

    ``wordings[v]`` is version ``v``'s normalised text of the row ("" where it has none);
    ``blocks`` the article's blocks for it (its chosen wording, tidied); ``owner`` the
    version whose text stands for it when it is left out, ``owner_text`` that text.
    ``row`` is -1 for a title or byline that no row gave (taken from the base's metadata).
    """

    row: int
    wordings: tuple[str, ...]
    role: Role
    blocks: tuple[ArticleBlock, ...]
    kept: bool
    reason: str | None
    chosen: int | None
    owner: int | None
    owner_text: str
    support: tuple[int, ...]
    by_user: bool
    nth: int = 0

    @property
    def key(self) -> str:
        """The wording the passage is known by: its chosen one, else its owner's."""
        version = self.chosen if self.chosen is not None else self.owner
        return self.wordings[version] if version is not None else f"\x00{self.role.value}"

    @property
    def id(self) -> str:
        return self.key if self.nth == 0 else f"{self.key}\x00{self.nth}"

    @property
    def text(self) -> str:
        """The consensus text of the passage, paragraphs separated by a blank line."""
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Draft:
    """The passages of one comparison, before the user's texts are put in.

    ``rows_of[key]`` lists the rows that have a version with that normalised wording.
    """

    passages: tuple[Passage, ...]
    rows_of: Mapping[str, tuple[int, ...]]
    by_row: Mapping[int, int]
    """Row -> index in `passages`."""
    date: str | None = None

    def find(self, decision: Decision) -> int | None:
        """The index in `passages` of the passage ``decision`` is about (None: absent)."""
        row = _find_row(decision, self.rows_of)
        if row is not None:
            return self.by_row.get(row)
        if decision.keys and decision.keys[0].startswith("\x00"):
            return next((i for i, p in enumerate(self.passages)
                         if p.row < 0 and p.key == decision.keys[0]), None)
        return None


class Fate(NamedTuple):
    """What became of a passage in the article, for the comparison and the Left-out list.

    ``how``: "kept", "your choice" (a wording or a restore), "your text", "left out",
    "left out by you", "deleted by you".
    """

    in_article: bool
    how: str
    reason: str | None
    version: int | None


class LeftOut(NamedTuple):
    """A passage not in the article, or one the user brought back: a Left-out list entry."""

    passage: int
    text: str
    reason: str
    version: int | None
    restored: bool


@dataclass(frozen=True, slots=True)
class Rendered:
    """The article text and what each of its paragraphs belongs to.

    ``first`` and ``body_first`` say where each passage's paragraphs and body blocks
    start (one entry per passage and one past the end), so that an edit of one passage
    is put in by `rerender` without rendering the others again.
    """

    paragraphs: tuple[str, ...]
    owners: tuple[str, ...]
    """The passage id of each paragraph."""
    article: Article
    fates: tuple[Fate | None, ...]
    """Per row of the comparison."""
    left_out: tuple[LeftOut, ...]
    passage_of: Mapping[str, int]
    """Passage id -> index in the draft's passages, for the passages shown."""
    waiting: tuple[str, ...] = ()
    """Ids of decisions with text whose passage is in no compared version."""
    keys: tuple[str, ...] = ()
    """Per passage of the draft: the id its paragraphs are owned by."""
    first: tuple[int, ...] = ()
    """Per passage (and one past the last): the index of its first paragraph."""
    body_first: tuple[int, ...] = ()
    """Per passage (and one past the last): the index of its first block in the body."""
    _text: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The article as plain text, paragraphs separated by a blank line (made once)."""
        if not self._text:
            self._text.append("\n\n".join(self.paragraphs) + "\n" if self.paragraphs else "")
        return self._text[0]


def wordings(comparison: Comparison) -> list[tuple[str, ...]]:
    """Per row, each version's normalised text of it ("" for a gap)."""
    versions, keys = comparison.versions, comparison.keys
    out = []
    for row in comparison.alignment.rows:
        out.append(tuple(
            "" if not cell else keys[v][cell[0]] if keys and len(cell) == 1
            else normalize(" ".join(versions[v].blocks[b].text for b in cell))
            for v, cell in enumerate(row.cells)))
    return out


def _rows_of(table: Sequence[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    rows_of: dict[str, list[int]] = {}
    for r, keys in enumerate(table):
        for key in dict.fromkeys(keys):
            if key:
                rows_of.setdefault(key, []).append(r)
    return {k: tuple(v) for k, v in rows_of.items()}


def _find_row(decision: Decision, rows_of: Mapping[str, Sequence[int]]) -> int | None:
    for i, key in enumerate(decision.keys):
        rows = rows_of.get(key)
        if rows:
            return rows[min(decision.nth, len(rows) - 1)] if i == 0 else rows[0]
    return None


def row_choices(table: Sequence[tuple[str, ...]], decisions: Decisions) -> dict[int, int]:
    """The consensus's row choices (row -> version or `DROP`) that ``decisions`` make.

    Leaving out wins; else a wording chosen (the version that has it), else keeping (a
    version with one of the decided wordings, else the first that has the row). A text of
    the user's own needs no choice: it is in the article whatever the consensus says.
    """
    rows_of = _rows_of(table)
    out: dict[int, int] = {}
    for decision in decisions.values():
        row = _find_row(decision, rows_of)
        if row is None:
            continue
        keys = table[row]
        if decision.keep is False:
            out[row] = DROP
            continue
        if decision.wording is not None and decision.wording in keys:
            out[row] = keys.index(decision.wording)
        elif decision.keep:
            known = next((v for v, k in enumerate(keys) if k and k in decision.keys), None)
            out[row] = known if known is not None else next(
                v for v, k in enumerate(keys) if k)
    return out


def derive(comparison: Comparison, decisions: Decisions, *, prefer: str = "majority"
           ) -> tuple[Comparison, Draft]:
    """The comparison with the user's decisions applied to its consensus, and its draft.

    ``prefer`` must be the policy ``comparison`` was made with (`core.merge.PREFER`).
    """
    table = wordings(comparison)
    choices = row_choices(table, decisions)
    if choices:
        agreed = consensus(comparison.cleaned, comparison.alignment, choices=choices,
                           prefer=prefer)
        comparison = replace(comparison, consensus=agreed)
    return comparison, draft_of(comparison, table)


def draft_of(comparison: Comparison, table: Sequence[tuple[str, ...]] | None = None) -> Draft:
    """The passages of ``comparison``'s consensus, in the article's order."""
    table = wordings(comparison) if table is None else table
    cleaned = comparison.cleaned
    rows = comparison.alignment.rows
    heads: dict[Role, Passage] = {}
    body: list[Passage] = []
    seen: dict[str, int] = {}
    refused: set[Role] = set()  # left out by the user: no fallback either
    for verdict, keys in zip(comparison.consensus.rows, table, strict=True):
        if verdict.by_user and not verdict.keep:
            refused.add(verdict.role)
        row = rows[verdict.row]
        owner = next((v for v, cell in enumerate(row.cells) if cell), None)
        chosen = verdict.chosen if verdict.keep else None
        version = chosen if chosen is not None else owner
        key = keys[version] if version is not None else ""
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        owner_text = (" ".join(cleaned[owner].version.blocks[b].text for b in row.cells[owner])
                      if owner is not None else "")
        blocks: tuple[ArticleBlock, ...] = ()
        kept, reason, role = verdict.keep and chosen is not None, verdict.reason, verdict.role
        if kept:
            source = [cleaned[chosen].version.blocks[b] for b in row.cells[chosen]]
            if role is Role.BODY:
                blocks = tuple(ArticleBlock(kind=b.kind, text=tidy(b.text) or "",
                                            sources=verdict.support, level=b.level)
                               for b in source)
            elif role in heads and not verdict.by_user:
                kept, reason = False, f"another {role.value}"
            elif role in heads:  # a second title or byline the user wants: in the body
                blocks = (ArticleBlock(kind=source[0].kind,
                                       text=tidy(" ".join(b.text for b in source)) or "",
                                       sources=verdict.support),)
                role = Role.BODY
            else:
                text = tidy(" ".join(b.text for b in source)) or ""
                blocks = (ArticleBlock(kind=BlockKind.HEADING if role is Role.TITLE
                                       else BlockKind.PARAGRAPH,
                                       text=(headline(text) or "") if role is Role.TITLE
                                       else text, sources=verdict.support),)
        passage = Passage(verdict.row, keys, role, blocks, kept, None if kept else reason,
                          chosen if kept else None, owner, owner_text, verdict.support,
                          verdict.by_user, nth)
        if kept and role is not Role.BODY:
            heads[role] = passage
        else:
            body.append(passage)
    base = cleaned[comparison.base] if cleaned else None
    for role, fallback in ((Role.TITLE, base.title if base else None),
                           (Role.BYLINE, base.byline if base else None)):
        text = (headline(fallback) if role is Role.TITLE else tidy(fallback)) or ""
        if role not in heads and role not in refused and text:
            heads[role] = Passage(-1, (), role, (ArticleBlock(BlockKind.PARAGRAPH, text),),
                                  True, None, None, None, text, (), False)
    ordered = [heads[r] for r in HEAD_ROLES if r in heads] + body
    return Draft(passages=tuple(ordered), rows_of=_rows_of(table),
                 by_row={p.row: i for i, p in enumerate(ordered) if p.row >= 0},
                 date=base.date if base else None)


def decision_for(draft: Draft, decisions: Decisions, passage: int) -> tuple[str, Decision]:
    """The id and the decision (an empty one if none) that apply to a passage."""
    for key, decision in decisions.items():
        if draft.find(decision) == passage:
            return key, decision
    p = draft.passages[passage]
    return p.id, Decision(keys=_keys_of(p), nth=p.nth)


def _keys_of(passage: Passage) -> tuple[str, ...]:
    own = passage.key
    return (own, *dict.fromkeys(k for k in passage.wordings if k and k != own))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs at blank lines, trimmed; blank ones dropped."""
    return [p.strip() for p in _BLANK_LINE.split(text.replace("\r\n", "\n")) if p.strip()]


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class _Piece(NamedTuple):
    """What one passage gives the article: its paragraphs, body blocks, fate, entries in
    the Left-out list, and whether it is the article's title, subtitle or byline."""

    key: str
    parts: tuple[str, ...]
    blocks: tuple[ArticleBlock, ...]
    fate: Fate
    left_out: tuple[LeftOut, ...]
    head: bool


def _piece(index: int, p: Passage, key: str, decision: Decision | None) -> _Piece:
    text = decision.text if decision is not None else None
    if text is not None:
        parts = tuple(split_paragraphs(text))
        fate = Fate(bool(parts), "your text" if parts else "deleted by you",
                    None if parts else "deleted from the article by you", p.chosen)
        blocks = tuple(_user_block(part, p) for part in parts)
    elif p.kept:
        parts = tuple(b.text for b in p.blocks)
        fate = Fate(True, "your choice" if p.by_user else "kept", None, p.chosen)
        blocks = p.blocks
    else:
        parts, blocks = (), ()
        how = "left out by you" if decision is not None and decision.keep is False \
            else "left out"
        fate = Fate(False, how, p.reason or "left out", None)
    left_out: tuple[LeftOut, ...] = ()
    if not fate.in_article:
        left_out = (LeftOut(index, p.owner_text, fate.reason or "", p.owner, False),)
    elif decision is not None and (decision.keep or decision.wording) and p.row >= 0 \
            and text is None:
        left_out = (LeftOut(index, p.text, "kept at your request", p.chosen, True),)
    head = bool(parts) and p.role is not Role.BODY and p.kept
    return _Piece(key, parts, () if head else blocks, fate, left_out, head)


def _applied(draft: Draft, decisions: Decisions
             ) -> tuple[dict[int, tuple[str, Decision]], list[str]]:
    """The decision applying to each passage (the last one naming it), and the ids of
    those with text whose passage is in no compared version."""
    applied: dict[int, tuple[str, Decision]] = {}
    waiting = []
    for key, decision in decisions.items():
        index = draft.find(decision)
        if index is None:
            if decision.text:
                waiting.append(key)
            continue
        applied[index] = (key, decision)
    return applied, waiting


def render(draft: Draft, decisions: Decisions) -> Rendered:
    """The article text from the passages, the user's texts put in."""
    applied, waiting = _applied(draft, decisions)
    rows = max((p.row for p in draft.passages), default=-1) + 1
    fates: list[Fate | None] = [None] * rows
    paragraphs: list[str] = []
    owners: list[str] = []
    keys: list[str] = []
    first: list[int] = []
    body_first: list[int] = []
    head: dict[Role, str] = {}
    body: list[ArticleBlock] = []
    left_out: list[LeftOut] = []
    passage_of: dict[str, int] = {}
    for index, p in enumerate(draft.passages):
        key, decision = applied.get(index, (p.id, None))
        piece = _piece(index, p, key, decision)
        passage_of[key] = index
        keys.append(key)
        first.append(len(paragraphs))
        body_first.append(len(body))
        if p.row >= 0:
            fates[p.row] = piece.fate
        paragraphs.extend(piece.parts)
        owners.extend([key] * len(piece.parts))
        left_out.extend(piece.left_out)
        if piece.head:
            head[p.role] = " ".join(piece.parts)
        body.extend(piece.blocks)
    first.append(len(paragraphs))
    body_first.append(len(body))
    for key in waiting:
        left_out.append(LeftOut(-1, decisions[key].text or "",
                                "your text; its passage is in none of the compared versions",
                                None, False))
    article = Article(title=head.get(Role.TITLE), subtitle=head.get(Role.SUBTITLE),
                      byline=head.get(Role.BYLINE), date=draft.date, body=tuple(body))
    return Rendered(tuple(paragraphs), tuple(owners), article, tuple(fates), tuple(left_out),
                    passage_of, tuple(waiting), tuple(keys), tuple(first), tuple(body_first))


def rerender(rendered: Rendered, draft: Draft, decisions: Decisions, keys: Iterable[str]
             ) -> tuple[Rendered, tuple[int, ...] | None]:
    """``rendered`` (of ``draft``) with the passages the decisions ``keys`` are about
    rendered again under ``decisions``, the others as they were: typing in one passage of
    a book costs that passage, not the book.

    Returns the new rendering and the indices of the passages rendered again; None when
    the change could not be confined (a title or byline, a decision whose passage is in
    none of the versions, a rendering of another draft): then everything was rendered.
    """
    if len(rendered.keys) != len(draft.passages):
        return render(draft, decisions), None
    applied, waiting = _applied(draft, decisions)
    if tuple(waiting) != rendered.waiting:
        return render(draft, decisions), None
    touched: set[int] = set()
    for key in keys:
        index = rendered.passage_of.get(key)
        decision = decisions.get(key)
        found = draft.find(decision) if decision is not None else index
        if found is None or (index is not None and found != index):
            return render(draft, decisions), None
        touched.add(found)
    paragraphs, owners = rendered.paragraphs, rendered.owners
    first, body_first = rendered.first, rendered.body_first
    body, fates = rendered.article.body, rendered.fates
    passage_of, ids = rendered.passage_of, rendered.keys
    left_out = rendered.left_out
    for index in sorted(touched):
        p = draft.passages[index]
        key, decision = applied.get(index, (p.id, None))
        piece = _piece(index, p, key, decision)
        was_head = first[index + 1] > first[index] and body_first[index + 1] == \
            body_first[index] and p.role is not Role.BODY
        if piece.head or was_head:
            return render(draft, decisions), None
        a, b = first[index], first[index + 1]
        paragraphs = paragraphs[:a] + piece.parts + paragraphs[b:]
        owners = owners[:a] + (key,) * len(piece.parts) + owners[b:]
        first = _shifted(first, index, len(piece.parts) - (b - a))
        a, b = body_first[index], body_first[index + 1]
        body = body[:a] + piece.blocks + body[b:]
        body_first = _shifted(body_first, index, len(piece.blocks) - (b - a))
        if p.row >= 0:
            fates = (*fates[:p.row], piece.fate, *fates[p.row + 1:])
        if ids[index] != key:
            passage_of = dict(passage_of)
            passage_of.pop(ids[index], None)
            passage_of[key] = index
            ids = (*ids[:index], key, *ids[index + 1:])
        old = tuple(e for e in left_out if e.passage == index)
        if old != piece.left_out:
            kept = [e for e in left_out if e.passage != index]
            at = next((n for n, e in enumerate(kept) if e.passage < 0 or e.passage > index),
                      len(kept))
            left_out = (*kept[:at], *piece.left_out, *kept[at:])
    article = replace(rendered.article, body=body)
    return Rendered(paragraphs, owners, article, fates, left_out, passage_of,
                    rendered.waiting, ids, first, body_first), tuple(sorted(touched))


def _shifted(starts: tuple[int, ...], index: int, delta: int) -> tuple[int, ...]:
    """``starts`` with the entries after passage ``index`` moved by ``delta``."""
    if not delta:
        return starts
    return starts[:index + 1] + tuple(s + delta for s in starts[index + 1:])


def _user_block(text: str, passage: Passage) -> ArticleBlock:
    same = next((b for b in passage.blocks if b.text == text), None)
    return same if same is not None else ArticleBlock(BlockKind.PARAGRAPH, text,
                                                      sources=passage.support)


def map_edit(paragraphs: Sequence[str], owners: Sequence[str], text: str, *,
             fallback: str | None = None
             ) -> tuple[list[str], list[str], dict[str, list[str]]]:
    """Map an edited article text back onto the passages.

    ``paragraphs`` and ``owners`` describe the text before the edit. Returns the new
    paragraphs, their owners, and for every passage whose paragraphs changed, its new
    paragraphs (an empty list: the user deleted it). A paragraph typed between two
    passages belongs to the one before it (to the first, at the very start); typed into
    an empty article, to ``fallback``.
    """
    new = split_paragraphs(text)
    start = 0
    limit = min(len(paragraphs), len(new))
    while start < limit and paragraphs[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and paragraphs[-1 - end] == new[-1 - end]:
        end += 1
    old_mid = list(paragraphs[start:len(paragraphs) - end])
    new_mid = new[start:len(new) - end]
    mid_owners: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            mid_owners.extend(owners[start + i1:start + i2])
        elif tag == "replace":
            region = owners[start + i1:start + i2]
            mid_owners.extend(region[min(k, len(region) - 1)] for k in range(j2 - j1))
        elif tag == "insert":
            at = start + i1
            before = mid_owners[-1] if mid_owners else (owners[at - 1] if at > 0 else None)
            if before is None:
                before = owners[at] if at < len(owners) else fallback
            if before is None:
                return list(paragraphs), list(owners), {}  # nothing to attach text to
            mid_owners.extend([before] * (j2 - j1))
    new_owners = list(owners[:start]) + mid_owners + list(owners[len(owners) - end:])
    touched = set(owners[start:len(owners) - end]) | set(mid_owners)
    before: dict[str, list[str]] = {key: [] for key in touched}
    after: dict[str, list[str]] = {key: [] for key in touched}
    for paragraph, owner in zip(paragraphs, owners, strict=True):
        if owner in before:
            before[owner].append(paragraph)
    for paragraph, owner in zip(new, new_owners, strict=True):
        if owner in after:
            after[owner].append(paragraph)
    changed = {key: after[key] for key in touched if before[key] != after[key]}
    return new, new_owners, changed
