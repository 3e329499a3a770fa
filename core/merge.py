"""The consensus article of several versions: per aligned row, the wording most share.

A row is left out when cleaning dropped its block in most of the versions that have it
(a photo caption shared by many copies is still a caption), or when too few versions
carry it to be part of the common story. The caller's choices override both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from rapidfuzz import fuzz

from core.align import Alignment, Row
from core.article import Article, ArticleBlock, Removal, headline, tidy
from core.clean import CleanedVersion, Role
from core.fuzzy import Matcher, similarity
from core.model import BlockKind
from core.normalize import normalize
from core.recent_pool import EXHAUSTIVE_UP_TO, RecentPool

DROP = -1
"""A row choice that leaves the row out of the article."""

PREFER = ("majority", "newest", "base")
"""Which wording the consensus takes: what most versions share (syndicated copies),
the newest version's (revisions of one article) or the base version's."""


@dataclass(frozen=True, slots=True)
class RowVerdict:
    """What the consensus made of one row.

    ``chosen`` is the version whose wording the article takes (None when left out);
    ``support`` the versions whose kept block has that wording or a close variant;
    ``reason`` why the row is left out; ``role`` title/subtitle/byline/body.
    """

    row: int
    keep: bool
    chosen: int | None
    support: tuple[int, ...]
    reason: str | None
    role: Role
    by_user: bool = False


@dataclass(frozen=True, slots=True)
class Consensus:
    article: Article
    rows: tuple[RowVerdict, ...]


def min_support(versions: int) -> int:
    """Versions that must carry a row for it to be part of the common story.

    With two versions, either one's passage counts (an edit adds text); with more, a
    passage only one outlet has is that outlet's addition, not the shared story.
    """
    return 1 if versions <= 2 else 2


def consensus(
    cleaned: Sequence[CleanedVersion],
    alignment: Alignment,
    *,
    choices: Mapping[int, int] | None = None,
    included: Sequence[int] | None = None,
    keys: Sequence[Sequence[str]] | None = None,
    prefer: str = "majority",
) -> Consensus:
    """The one article the versions agree on.

    ``choices`` maps a row index to the version whose wording to take (kept whatever
    cleaning said) or to `DROP`. ``included`` limits the vote to those versions.
    ``keys[v][b]``, when given, is block ``b`` of version ``v`` normalised
    (:func:`core.normalize.normalize`), so it is not done again here. ``prefer`` is one
    of `PREFER`: with "newest" or "base" the article follows that one version (its
    passages, its wording), the others only lending support.
    """
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {', '.join(PREFER)}, not {prefer!r}")
    choices = choices or {}
    voters = tuple(included) if included is not None else tuple(range(len(cleaned)))
    needed = min_support(len(voters))
    key = _Keys(cleaned, keys)
    lead = None if prefer == "majority" else (
        newest_version(cleaned, voters) if prefer == "newest" else alignment.base)
    corrected = [any(verdict.by_user for verdict in c.verdicts) for c in cleaned]
    verdicts = [
        _row_verdict(index, row, cleaned, alignment.base, voters, needed, choices.get(index),
                     key, lead=lead, lead_name=prefer, corrected=corrected)
        for index, row in enumerate(alignment.rows)
    ]
    _settle_roles(verdicts, alignment, cleaned)
    _drop_repeats(verdicts, alignment, cleaned, key)
    return Consensus(article=_article(verdicts, alignment, cleaned), rows=tuple(verdicts))


def _settle_roles(
    verdicts: list[RowVerdict], alignment: Alignment, cleaned: Sequence[CleanedVersion]
) -> None:
    """Give the article a title and byline where the versions disagreed on which row is it.

    The first kept row, when it is a heading, is the title; a kept row that is a byline
    in the chosen version is the byline. Any later title or byline row is a repeat.
    """
    kept = [i for i, v in enumerate(verdicts) if v.keep and v.chosen is not None]
    if not kept:
        return
    roles = {verdicts[i].role for i in kept}
    first = verdicts[kept[0]]
    first_cell = alignment.rows[first.row].cells[first.chosen]
    if Role.TITLE not in roles and _is_heading(cleaned[first.chosen], first_cell):
        verdicts[kept[0]] = replace(first, role=Role.TITLE)
    for i in kept:
        verdict = verdicts[i]
        chosen = verdict.chosen
        block = cleaned[chosen].version.blocks[alignment.rows[verdict.row].cells[chosen][0]]
        if verdict.role is Role.BODY and block.kind is BlockKind.BYLINE:
            if verdict.by_user:
                continue  # kept at the user's request: another byline is what they want
            if Role.BYLINE in roles:
                verdicts[i] = replace(verdict, keep=False, chosen=None, reason="another byline")
            else:
                verdicts[i] = replace(verdict, role=Role.BYLINE)
                roles.add(Role.BYLINE)


class _Keys:
    """Normalised text of a cell: from the shared block keys where the cell is one block."""

    __slots__ = ("cleaned", "keys")

    def __init__(
        self, cleaned: Sequence[CleanedVersion], keys: Sequence[Sequence[str]] | None
    ) -> None:
        self.cleaned = cleaned
        self.keys = keys

    def __call__(self, v: int, cell: Sequence[int]) -> str:
        if self.keys is not None and len(cell) == 1:
            return self.keys[v][cell[0]]
        return normalize(_cell_text(self.cleaned[v], cell))


def _drop_repeats(
    verdicts: list[RowVerdict],
    alignment: Alignment,
    cleaned: Sequence[CleanedVersion],
    cell_key: _Keys,
) -> None:
    """Leave out kept rows that say again what an earlier kept row says.

    Versions place a repeated headline or byline differently, so such a repeat can end up
    in a row of its own that every version keeps once; the article wants it once.
    """
    seen: dict[str, int] = {}
    heads: dict[Role, int] = {}
    head_texts: dict[int, str] = {}
    recent = RecentPool(indexed=len(verdicts) > EXHAUSTIVE_UP_TO)  # the last kept rows
    matcher = Matcher()
    for i, verdict in enumerate(verdicts):
        if not verdict.keep or verdict.chosen is None or verdict.by_user:
            continue
        row = alignment.rows[verdict.row]
        key = cell_key(verdict.chosen, row.cells[verdict.chosen])
        earlier = seen.get(key)
        if earlier is None and verdict.role is not Role.BODY:
            earlier = heads.get(verdict.role)
        if earlier is None:
            earlier = next((r for r, text in head_texts.items() if _restates(key, text)), None)
        if earlier is None and len(key.split(None, _PROSE_WORDS)) >= _PROSE_WORDS:
            earlier = _near_repeat(key, recent, matcher)
        if earlier is not None:
            what = f"the {verdict.role.value}" if verdict.role is not Role.BODY else "it"
            verdicts[i] = replace(verdict, keep=False, chosen=None,
                                  reason=f"repeats row {earlier + 1} ({what})")
            continue
        seen[key] = verdict.row
        recent.add(verdict.row, key)
        if len(recent) > _RECENT_ROWS:
            recent.discard(recent.oldest())
        if verdict.role is not Role.BODY:
            heads[verdict.role] = verdict.row
            head_texts[verdict.row] = key


def _cell_kept(cleaned: CleanedVersion, cell: Sequence[int]) -> bool:
    return any(cleaned.verdicts[b].keep for b in cell)


def _cell_text(cleaned: CleanedVersion, cell: Sequence[int]) -> str:
    return " ".join(cleaned.version.blocks[b].text for b in cell)


def _row_verdict(
    index: int,
    row: Row,
    cleaned: Sequence[CleanedVersion],
    base: int,
    voters: Sequence[int],
    needed: int,
    choice: int | None,
    cell_key: _Keys,
    *,
    lead: int | None = None,
    lead_name: str = "",
    corrected: Sequence[bool] | None = None,
) -> RowVerdict:
    """``corrected[v]``, when given, says whether the user kept or dropped any block of
    version ``v`` (without, no row has to be searched for the user's corrections)."""
    cells = row.cells
    present = [v for v in voters if cells[v]]
    kept = [v for v in present if _cell_kept(cleaned[v], cells[v])]
    role = _role(row, cleaned, kept or present)
    if choice == DROP:
        return RowVerdict(index, False, None, tuple(kept), "left out by the user", role, True)
    if choice is not None and cells[choice]:
        support = tuple(sorted(set(kept) | {choice}))
        return RowVerdict(index, True, choice, support, None, role, True)
    if corrected is None or any(corrected[v] for v in present):
        by_user = [v for v in kept if _restored(cleaned[v], cells[v])]
        if by_user:
            return RowVerdict(index, True, by_user[0], tuple(kept), None, role, True)
        if any(_user_dropped(cleaned[v], cells[v]) for v in present):
            return RowVerdict(index, False, None, tuple(kept), "removed by the user", role,
                              True)
    if not present:
        return RowVerdict(index, False, None, (), "in none of the compared versions", role)
    if lead is not None:
        return _lead_verdict(index, row, cleaned, kept, role, lead, lead_name, cell_key)
    dropped = [v for v in present if v not in kept]
    if len(dropped) * 2 > len(present):
        return RowVerdict(index, False, None, tuple(kept),
                          _drop_reason(row, cleaned, dropped, len(present)), role)
    chosen = _majority(row, kept, base, cell_key)
    if _is_heading(cleaned[chosen], row.cells[chosen]) and role is Role.BODY:
        needed = max(needed, -(-len(voters) // 3))
    if len(kept) < needed:
        return RowVerdict(index, False, None, tuple(kept),
                          f"only in {len(kept)} of {len(voters)} versions", role)
    return RowVerdict(index, True, chosen, tuple(kept), None, role)


def _lead_verdict(
    index: int,
    row: Row,
    cleaned: Sequence[CleanedVersion],
    kept: Sequence[int],
    role: Role,
    lead: int,
    lead_name: str,
    cell_key: _Keys,
) -> RowVerdict:
    """A row as the leading version has it: its passage and wording, or left out."""
    cell = row.cells[lead]
    if not cell:
        return RowVerdict(index, False, None, tuple(kept), f"not in the {lead_name} version",
                          role)
    if lead not in kept:
        reason = _general(cleaned[lead].verdicts[cell[0]].reason or "dropped")
        return RowVerdict(index, False, None, tuple(kept),
                          f"{reason} (in the {lead_name} version)", role)
    text = cell_key(lead, cell)
    support = tuple(v for v in kept if v == lead or fuzz.ratio(
        text, cell_key(v, row.cells[v]), score_cutoff=VARIANT_SIMILARITY))
    lead_role = cleaned[lead].verdicts[cell[0]].role
    return RowVerdict(index, True, lead, support, None, lead_role)


def newest_version(cleaned: Sequence[CleanedVersion], voters: Sequence[int]) -> int:
    """The newest of ``voters``: by date where every one has a date, else the last given."""
    dates = [parse_date(cleaned[v].version.metadata.date) for v in voters]
    if voters and all(d is not None for d in dates):
        return max(zip(dates, voters, strict=True))[1]
    return voters[-1] if voters else 0


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")


def parse_date(text: str | None) -> datetime | None:
    """A version's date from its metadata ("2024-05-01", "2024-05-01T10:20:00Z", ...).

    Only the ISO form pages put in their metadata is read; anything else is no date.
    """
    if not text:
        return None
    found = _ISO_DATE.search(text[:64])
    if found is None:
        return None
    try:
        return datetime.fromisoformat(found.group().replace(" ", "T"))
    except ValueError:
        return None


def _is_heading(cleaned: CleanedVersion, cell: Sequence[int]) -> bool:
    """A headline-like block: other outlets' headlines for related stories look so."""
    return cleaned.version.blocks[cell[0]].kind is BlockKind.HEADING


def _restored(cleaned: CleanedVersion, cell: Sequence[int]) -> bool:
    return any(cleaned.verdicts[b].keep and cleaned.verdicts[b].by_user for b in cell)


def _user_dropped(cleaned: CleanedVersion, cell: Sequence[int]) -> bool:
    return any(not cleaned.verdicts[b].keep and cleaned.verdicts[b].by_user for b in cell)


def _drop_reason(
    row: Row, cleaned: Sequence[CleanedVersion], dropped: Sequence[int], present: int
) -> str:
    reasons = Counter(
        _general(cleaned[v].verdicts[row.cells[v][0]].reason or "") for v in dropped
    )
    reason, _ = reasons.most_common(1)[0]
    if len(dropped) == present:
        return f"{reason} (in all {present} versions)" if present > 1 else reason
    return f"{reason} (in {len(dropped)} of {present} versions)"


def _general(reason: str) -> str:
    """A reason without the version-specific block number, to count alike reasons."""
    if reason.startswith("repeats block"):
        return "repeats an earlier block"
    if reason.startswith("another byline"):
        return "another byline"
    return reason


VARIANT_SIMILARITY = 90.0
"""Ratio at which two wordings of a row count as the same variant (a typo apart)."""


def _majority(row: Row, kept: Sequence[int], base: int, cell_key: _Keys) -> int:
    """The version whose wording most kept versions share; ties go to the base.

    Wordings a typo or a quote style apart are one variant (seven copies of a later lede
    with small differences outvote two identical copies of an earlier one); within the
    winning variant the most common exact wording is taken.
    """
    texts = {v: cell_key(v, row.cells[v]) for v in kept}
    if len(set(texts.values())) == 1:  # one wording: one variant, one exact group
        return base if base in texts else min(kept)
    variants: list[list[int]] = []
    for v in kept:
        home = next((g for g in variants
                     if any(similarity(texts[v], texts[w], cutoff=VARIANT_SIMILARITY)
                            for w in g)), None)
        if home is None:
            variants.append([v])
        else:
            home.append(v)
    winner = max(variants, key=lambda vs: (len(vs), base in vs, -min(vs)))
    exact: dict[str, list[int]] = {}
    for v in winner:
        exact.setdefault(texts[v], []).append(v)
    best = max(exact.values(), key=lambda vs: (len(vs), base in vs, -min(vs)))
    return base if base in best else min(best)


def _role(row: Row, cleaned: Sequence[CleanedVersion], versions: Sequence[int]) -> Role:
    found = [cleaned[v].verdicts[row.cells[v][0]].role for v in versions]
    if not found:
        return Role.BODY
    if found.count(found[0]) == len(found):
        return found[0]  # all alike (more than half of them)
    role, count = Counter(found).most_common(1)[0]
    return role if count * 2 > len(versions) else Role.BODY


_PROSE_WORDS = 8
_LENGTH_IMPLIED = 86.0  # ratio >= 86 implies lengths within 25% (200 * 0.75 / 1.75 = 85.7)
_RECENT_ROWS = 150


def _near_repeat(key: str, recent: RecentPool, matcher: Matcher) -> int | None:
    """An earlier kept row (among the last few) saying nearly the same as ``key``.

    Different updates of a story place a paragraph differently; the aligner then gives
    each placement its own row, and the article would say it twice.

    (Rows more than 25% longer or shorter could never reach the similarity cutoff:
    a ratio is at most ``200 * shorter / (sum of lengths)``, under 89 for them. So
    rapidfuzz's own length check leaves them out, and no Python-level filter is needed.)
    """
    candidates = recent.candidates(key)
    if VARIANT_SIMILARITY < _LENGTH_IMPLIED:
        candidates = {
            row: text for row, text in candidates.items()
            if abs(len(text) - len(key)) <= 0.25 * max(len(text), len(key))
        }
    if not candidates:
        return None
    best = matcher.best(key, candidates, VARIANT_SIMILARITY)
    return best[0] if best else None


def _restates(text: str, head: str) -> bool:
    """``text`` is the headline (or byline) again, give or take a site name after it."""
    extra = len(text.split()) - len(head.split())
    return 0 <= extra <= 5 and fuzz.token_set_ratio(text, head) >= 95


def _article(
    verdicts: Sequence[RowVerdict], alignment: Alignment, cleaned: Sequence[CleanedVersion]
) -> Article:
    head: dict[Role, str] = {}
    body: list[ArticleBlock] = []
    removed: list[Removal] = []
    for verdict in verdicts:
        row = alignment.rows[verdict.row]
        if not verdict.keep or verdict.chosen is None:
            owner = next((v for v in range(len(row.cells)) if row.cells[v]), None)
            if owner is not None:
                block = cleaned[owner].version.blocks[row.cells[owner][0]]
                removed.append(Removal(row.cells[owner][0], block.kind,
                                       _cell_text(cleaned[owner], row.cells[owner]),
                                       verdict.reason or "", owner))
            continue
        blocks = [cleaned[verdict.chosen].version.blocks[b] for b in row.cells[verdict.chosen]]
        if verdict.role is not Role.BODY:
            head.setdefault(verdict.role, tidy(" ".join(b.text for b in blocks)) or "")
            continue
        body.extend(
            ArticleBlock(kind=b.kind, text=tidy(b.text) or "", sources=verdict.support,
                         level=b.level)
            for b in blocks
        )
    base = cleaned[alignment.base] if cleaned else None
    return Article(
        title=headline(head.get(Role.TITLE) or (base.title if base else None)),
        subtitle=head.get(Role.SUBTITLE),
        byline=head.get(Role.BYLINE) or (base.byline if base else None),
        date=base.date if base else None,
        body=tuple(body),
        removed=tuple(removed),
    )
