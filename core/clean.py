"""Cleaning one version: a keep-or-drop verdict, with its evidence, for every block.

Nothing is deleted: a `CleanedVersion` pairs the untouched `Version` with one `Verdict`
per block, and `restore`/`drop` return new verdicts, so every removal can be undone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import islice

from core.clutter_rules import single_block_reason
from core.fuzzy import Matcher, similarity
from core.model import Block, BlockKind, Version
from core.normalize import normalize, words
from core.recent_pool import EXHAUSTIVE_UP_TO, RecentPool

DUPLICATE_SIMILARITY = 90.0
"""Minimum rapidfuzz ratio (0-100) on normalised text for a block to repeat another."""

_MIN_PROSE_WORDS = 8
_HEAD_BLOCKS = 8
_LABEL_WORDS = 2
_RECENT_BLOCKS = 60
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


def _words(text: str, limit: int) -> int:
    """``min(len(text.split()), limit)``, without splitting all of a long text (a 10 MB
    block is 1.6 million words: 100 MB of strings to count them)."""
    return min(len(text.split(None, limit)), limit)  # the last part is the unsplit rest


class Role(StrEnum):
    """The part a kept block plays in the clean article."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Keep or drop one block; a drop always carries a reason naming its evidence."""

    keep: bool
    reason: str | None = None
    role: Role = Role.BODY
    by_user: bool = False


@dataclass(frozen=True, slots=True)
class CleanedVersion:
    """A version with a verdict for each of its blocks."""

    version: Version
    verdicts: tuple[Verdict, ...]

    def _role_text(self, role: Role) -> str | None:
        for block, verdict in zip(self.version.blocks, self.verdicts, strict=True):
            if verdict.keep and verdict.role is role:
                return block.text
        return None

    @property
    def title(self) -> str | None:
        return self._role_text(Role.TITLE) or self.version.metadata.title

    @property
    def subtitle(self) -> str | None:
        return self._role_text(Role.SUBTITLE)

    @property
    def byline(self) -> str | None:
        return self._role_text(Role.BYLINE) or self.version.metadata.byline

    @property
    def date(self) -> str | None:
        if self.version.metadata.date:
            return self.version.metadata.date
        dates = (b.text for b in self.version.blocks if b.kind is BlockKind.DATELINE)
        return next(dates, None)

    def body_blocks(self) -> list[Block]:
        """The kept story blocks, without title, subtitle and byline."""
        return [
            block
            for block, verdict in zip(self.version.blocks, self.verdicts, strict=True)
            if verdict.keep and verdict.role is Role.BODY
        ]

    def removed(self) -> list[tuple[int, Block, str]]:
        """(block index, block, reason) for every dropped block."""
        return [
            (index, block, verdict.reason or "")
            for index, (block, verdict) in enumerate(
                zip(self.version.blocks, self.verdicts, strict=True)
            )
            if not verdict.keep
        ]

    def restore(self, index: int) -> CleanedVersion:
        """The same cleaning with block ``index`` kept (a user's correction)."""
        verdicts = list(self.verdicts)
        verdicts[index] = Verdict(keep=True, role=Role.BODY, by_user=True)
        return replace(self, verdicts=tuple(verdicts))

    def drop(self, index: int, reason: str = "removed by the user") -> CleanedVersion:
        """The same cleaning with block ``index`` dropped (a user's correction)."""
        verdicts = list(self.verdicts)
        verdicts[index] = Verdict(keep=False, reason=reason, by_user=True)
        return replace(self, verdicts=tuple(verdicts))


def clean(
    version: Version,
    *,
    duplicate_similarity: float = DUPLICATE_SIMILARITY,
    keys: Sequence[str] | None = None,
) -> CleanedVersion:
    """Give every block of ``version`` a verdict.

    Order of evidence: the source's own structure (``Block.clutter``), single-block rules
    (credits, widgets, banners ...), then whole-article rules: the headline block and the
    blocks that repeat an earlier kept block, captions, and a trailing tag line.
    ``keys`` are the blocks' normalised texts (:func:`core.normalize.normalize`), when the
    caller has them already.
    """
    blocks = version.blocks
    verdicts: list[Verdict | None] = [None] * len(blocks)
    reasons: dict[tuple[BlockKind, str], str | None] = {}
    for index, block in enumerate(blocks):
        if not block.text or block.text.isspace():  # = not strip(), without a copy
            verdicts[index] = Verdict(keep=False, reason="empty block")
        elif block.clutter:
            verdicts[index] = Verdict(keep=False, reason=block.clutter)
        elif block.kind is BlockKind.DATELINE:
            verdicts[index] = Verdict(keep=False, reason="date line (kept as the article's date)")
        else:
            reason = _single_block_reason(block, reasons)
            if reason:
                verdicts[index] = Verdict(keep=False, reason=reason)

    if keys is None:
        keys = [normalize(block.text) for block in blocks]
    _mark_label_followers(blocks, verdicts)
    roles = _find_roles(blocks, verdicts, version.metadata.title, keys)
    _mark_extra_bylines(blocks, verdicts, roles)
    _mark_labels_above_title(blocks, verdicts, roles)
    _mark_duplicates(blocks, verdicts, roles, duplicate_similarity, keys, Matcher())
    _mark_captions(blocks, verdicts)
    _mark_tag_line(blocks, verdicts, roles)
    kept = Verdict(keep=True)  # frozen: one for every kept body block
    final = tuple(
        verdict if verdict is not None else
        Verdict(keep=True, role=roles[index]) if index in roles else kept
        for index, verdict in enumerate(verdicts)
    )
    return CleanedVersion(version=version, verdicts=final)


_SAME_LINE_CHARS = 100
"""Characters up to which a block's single-block verdict is looked up among the earlier
blocks of the same kind and text (menus, labels, list items come again and again)."""


def _single_block_reason(block: Block, reasons: dict[tuple[BlockKind, str], str | None]
                         ) -> str | None:
    """`single_block_reason` (a function of the block's kind and text), once per short line."""
    if len(block.text) > _SAME_LINE_CHARS:
        return single_block_reason(block)
    key = (block.kind, block.text)
    if key in reasons:
        return reasons[key]
    reason = reasons[key] = single_block_reason(block)
    return reason


_INTRO_LABEL = re.compile(r"[:»>|]\s*$")


def _mark_label_followers(blocks: Sequence[Block], verdicts: list[Verdict | None]) -> None:
    """Drop what a dropped widget label introduces.

    "Now Playing:" / "Recommended Video:" introduce one description; "Related content" /
    "More Stories" introduce a list of other stories' headlines (short lines without a
    sentence's end), which run until the next paragraph of prose.
    """
    for index, verdict in enumerate(verdicts):
        if verdict is None or verdict.keep or blocks[index].clutter:
            continue
        reason = verdict.reason or ""
        label = blocks[index].text.strip()
        after = index + 1
        if reason.startswith(("promotion", "site widget")) and _INTRO_LABEL.search(label):
            if after < len(blocks) and verdicts[after] is None and \
                    _words(blocks[after].text, 41) <= 40:
                verdicts[after] = Verdict(
                    keep=False, reason=f"introduced by block {index + 1} ({label!r})")
        elif reason.startswith("related stories"):
            while after < len(blocks) and verdicts[after] is None and \
                    _is_headline_like(blocks[after]) and blocks[after].kind is not BlockKind.BYLINE:
                verdicts[after] = Verdict(
                    keep=False, reason=f"listed under block {index + 1} ({label!r})")
                after += 1


def _is_headline_like(block: Block) -> bool:
    text = block.text.strip()
    if block.kind is BlockKind.HEADING:
        return True
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.OTHER):
        return False
    return 0 < _words(text, 26) <= 25 and not _SENTENCE_END.search(text)


def _find_roles(
    blocks: Sequence[Block], verdicts: Sequence[Verdict | None], meta_title: str | None,
    keys: Sequence[str],
) -> dict[int, Role]:
    """Title, subtitle and byline among the first kept blocks, before the story starts."""
    roles: dict[int, Role] = {}
    candidates = list(islice((i for i, v in enumerate(verdicts) if v is None),
                             _HEAD_BLOCKS + 4))
    byline = next((i for i in candidates if blocks[i].kind is BlockKind.BYLINE), None)
    if byline is not None:
        roles[byline] = Role.BYLINE
    title = _title_index(blocks, candidates, meta_title, keys)
    if title is None:
        return roles
    roles[title] = Role.TITLE
    for index in candidates:
        if index <= title:
            continue
        block = blocks[index]
        if block.kind is BlockKind.BYLINE:
            break
        if Role.SUBTITLE in roles.values() or not _is_headline_like(block):
            break
        if similarity(keys[index], keys[title], cutoff=DUPLICATE_SIMILARITY):
            continue
        if block.kind is BlockKind.HEADING and block.level and block.level <= blocks[title].level:
            break
        roles[index] = Role.SUBTITLE
    return roles


def _title_index(
    blocks: Sequence[Block], candidates: Sequence[int], meta_title: str | None,
    keys: Sequence[str],
) -> int | None:
    if meta_title:
        meta = normalize(meta_title)
        # Below the cutoff a score is 0: rapidfuzz then rules a long block out by its
        # length alone, instead of building a table the size of the block (300 MB for
        # 10 MB); only a score of 85 or more is ever used.
        scores = {i: similarity(keys[i], meta, cutoff=85) for i in candidates[:_HEAD_BLOCKS]}
        best = max(candidates[:_HEAD_BLOCKS] or [None],
                   key=lambda i: -1 if i is None else scores[i])
        if best is not None and scores[best]:
            return best
    # A one- or two-word line above the headline is a section or site label ("News Nation").
    headed = [i for i in candidates[:4] if _words(blocks[i].text, _LABEL_WORDS + 1) > _LABEL_WORDS]
    for index in headed[:3]:
        block = blocks[index]
        if block.kind is BlockKind.HEADING and block.level in (0, 1):
            return index
    if headed and blocks[headed[0]].kind in (BlockKind.PARAGRAPH, BlockKind.HEADING):
        first = blocks[headed[0]]
        if _is_headline_like(first) and not meta_title:
            return headed[0]
    return None


def _mark_labels_above_title(
    blocks: Sequence[Block], verdicts: list[Verdict | None], roles: dict[int, Role]
) -> None:
    title = next((i for i, role in roles.items() if role is Role.TITLE), None)
    if title is None:
        return
    for index in range(title):
        if verdicts[index] is None and index not in roles and \
                _words(blocks[index].text, _LABEL_WORDS + 1) <= _LABEL_WORDS and \
                _is_headline_like(blocks[index]):
            verdicts[index] = Verdict(keep=False,
                                      reason="section or site label above the headline")


def _mark_extra_bylines(
    blocks: Sequence[Block], verdicts: list[Verdict | None], roles: dict[int, Role]
) -> None:
    """Bylines beyond the article's own: agency lines, authors repeated under photos."""
    own = next((i for i, role in roles.items() if role is Role.BYLINE), None)
    for index, block in enumerate(blocks):
        if verdicts[index] is None and block.kind is BlockKind.BYLINE and index != own:
            where = f" (the article's byline is block {own + 1})" if own is not None else ""
            verdicts[index] = Verdict(keep=False, reason=f"another byline{where}")


def _mark_duplicates(
    blocks: Sequence[Block],
    verdicts: list[Verdict | None],
    roles: dict[int, Role],
    threshold: float,
    keys: Sequence[str] | None,
    matcher: Matcher,
) -> None:
    """Drop blocks that repeat an earlier kept block.

    Repetition is clutter when it repeats the headline, subtitle or byline (scrapers
    glue them in again beside each photo), or a whole passage of prose. A short line
    repeated elsewhere (an interview's "Q:", a table's header row) is content.
    """
    if keys is None:
        keys = [normalize(block.text) for block in blocks]
    seen_exact: dict[str, int] = {}
    kept: list[int] = []
    heads: dict[int, str] = {}  # the kept head blocks (title, subtitle, byline) among the first
    # the last `_RECENT_BLOCKS` kept blocks, oldest first
    recent = RecentPool(indexed=len(blocks) > EXHAUSTIVE_UP_TO)
    for index, block in enumerate(blocks):
        if verdicts[index] is not None:
            continue
        key = keys[index]
        if block.kind in _REPEATABLE_KINDS and not _repeats_head(key, keys, roles):
            _keep(index, key, kept, heads, recent, roles)
            continue
        is_prose = _words(key, _MIN_PROSE_WORDS) >= _MIN_PROSE_WORDS
        earlier = seen_exact.get(key)
        if earlier is None:
            pool = heads if not is_prose else {**heads, **recent.candidates(key)} if heads \
                else recent.candidates(key)  # a new dict either way
            earlier, score = _best_match(key, pool, threshold, matcher)
        else:
            score = 100.0
        if earlier is not None and (earlier in roles or is_prose or (score == 100.0 and
                                    block.kind in (BlockKind.CAPTION, BlockKind.CREDIT))):
            what = f" (the {roles[earlier].value})" if earlier in roles else ""
            verdicts[index] = Verdict(
                keep=False, reason=f"repeats block {earlier + 1}{what}, {score:.0f}% similar"
            )
            continue
        seen_exact.setdefault(key, index)
        _keep(index, key, kept, heads, recent, roles)


def _keep(
    index: int, key: str, kept: list[int], heads: dict[int, str], recent: RecentPool,
    roles: dict[int, Role],
) -> None:
    """Note a kept block in the pools later blocks are compared with (each a bounded
    number of blocks, so the work per block is bounded)."""
    if len(kept) < _HEAD_BLOCKS and index in roles and key:
        heads[index] = key
    kept.append(index)
    if key:
        recent.add(index, key)
    if len(kept) > _RECENT_BLOCKS:
        recent.discard(kept[-_RECENT_BLOCKS - 1])


_LENGTH_IMPLIED = 89.0  # ratio >= 89 implies lengths within 20% (200 * 0.8 / 1.8 = 88.9)


_REPEATABLE_KINDS = frozenset({BlockKind.TABLE_ROW, BlockKind.CODE, BlockKind.LIST_ITEM})
"""Kinds whose repetition is content: a table's rows, code, a recipe's or plan's items."""


def _repeats_head(key: str, keys: Sequence[str], roles: dict[int, Role]) -> bool:
    return any(keys[i] == key for i in roles)


def _best_match(
    key: str, pool: dict[int, str], threshold: float, matcher: Matcher
) -> tuple[int | None, float]:
    """The most similar block of ``pool`` (index -> key, earliest first) at or above
    ``threshold`` (rapidfuzz's C++ loop; long blocks by resemblance, `core.fuzzy`).

    Only blocks within 20% of ``key``'s length are candidates; a threshold of 89 or more
    rules the others out by itself (a ratio is at most ``200 * shorter / (sum of
    lengths)``), so then the Python-level length filter is skipped.
    """
    if threshold < _LENGTH_IMPLIED:
        pool = {
            i: text for i, text in pool.items()
            if abs(len(text) - len(key)) <= 0.2 * max(len(text), len(key))
        }
    if not pool:
        return None, 0.0
    best = matcher.best(key, pool, threshold)
    return best if best else (None, 0.0)


def _mark_captions(blocks: Sequence[Block], verdicts: list[Verdict | None]) -> None:
    for index, block in enumerate(blocks):
        if verdicts[index] is None and block.kind is BlockKind.CAPTION:
            verdicts[index] = Verdict(keep=False, reason="photo caption")


_TAG_CHARS = 1_000
"""Characters a tag line (at most ten words) may have."""


def _mark_tag_line(
    blocks: Sequence[Block], verdicts: list[Verdict | None], roles: dict[int, Role]
) -> None:
    """Drop a short last line whose words all occur in the headline ("Joe Biden Ukraine Russia")."""
    title = next((i for i, role in roles.items() if role is Role.TITLE), None)
    if title is None:
        return
    last = next((i for i in range(len(verdicts) - 1, -1, -1)
                 if verdicts[i] is None and i not in roles), None)
    if last is None:
        return
    text = blocks[last].text.strip()
    if len(text) > _TAG_CHARS:
        return
    tag_words = words(text)
    if not 1 <= len(tag_words) <= 10 or _SENTENCE_END.search(text):
        return
    headline_words = set(words(blocks[title].text))
    for index, role in roles.items():
        if role is Role.SUBTITLE:
            headline_words |= set(words(blocks[index].text))
    if all(word in headline_words for word in tag_words):
        verdicts[last] = Verdict(keep=False, reason="tag line: all its words are in the headline")
