"""Which blocks of an HTML page are the article: the containers that hold most of the
page's low-link prose (paragraphs, list items, quotes, code), with the siblings that share
the story, and not the menus, teasers and link lists around them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.model import Block, BlockKind
from core.sources.boilerplate import link_list_reason
from core.sources.html_classes import STORY, ClassLeaning
from core.sources.html_owners import PROSE_KINDS

OUTSIDE_ROOT = "outside the main article (densest text container: {root})"
_LABEL_KINDS = frozenset({BlockKind.BYLINE, BlockKind.DATELINE})


def _is_story_label(
    blocks: Sequence[Block], index: int, title_index: int | None, first_kept: int
) -> bool:
    """Byline/dateline between the headline and the story's first kept block."""
    if blocks[index].kind not in _LABEL_KINDS or title_index is None:
        return False
    return title_index < index < first_kept + 3


def _is_link_list(block: Block) -> bool:
    """A teaser or menu entry: (nearly) all of its text is a link."""
    return block.link_density >= 0.8 and block.kind not in _LINKED_KINDS


_LINKED_KINDS = frozenset({BlockKind.QUOTE, BlockKind.BYLINE, BlockKind.DATELINE})


def _inside(block: Block, root: str) -> bool:
    return block.origin.path == root or block.origin.path.startswith(root + "/")


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]


class _Ancestors(dict[str, list[str]]):
    """`_ancestors` of paths, kept per parent path (siblings share theirs: a page of
    100,000 paragraphs in one container joins their prefixes once)."""

    def of(self, path: str) -> list[str]:
        parent = path.rpartition("/")[0]
        found = self.get(parent)
        if found is None:
            found = self[parent] = _ancestors(path)
        return found


_MIN_WEIGHT = 40  # prose shorter than this (after its links) says nothing about where
_SIBLING_SHARE = 0.2  # a sibling container with this share of the root's prose joins it


_LIST_ITEM_WEIGHT = 0.5  # lists are more often teasers and menus than the story
_ROOT_SHARE = 0.65  # the story's container: the deepest holding this share of all prose
_SHALLOW = 1  # a root at the top ("body"): no container holds most of the prose
_FOCUS_SHARE = 0.25


def story_roots(
    blocks: Sequence[Block],
    title_path: str | None = None,
    *,
    leaning: ClassLeaning | None = None,
    title_linked: bool = False,
) -> list[str]:
    """Paths of the containers that hold the story: the deepest one holding most of the
    page's prose weight (`_ROOT_SHARE`), and those of its siblings that hold a good share
    of prose too (a story split across sibling containers). With ``leaning`` (the names
    of the page's elements), a container named as furniture gives way to one named as
    the story (`_named_story`)."""
    roots, weight = _density_roots(blocks, title_path)
    if roots and leaning is not None:
        roots = _named_story(roots, weight, leaning, title_path, title_linked)
    return roots


def _density_roots(
    blocks: Sequence[Block], title_path: str | None
) -> tuple[list[str], dict[str, float]]:
    weight: dict[str, float] = {}
    direct: dict[str, float] = {}  # prose of a container's own paragraphs (half: grandchildren)
    of = _Ancestors().of
    list_item = BlockKind.LIST_ITEM
    for block in blocks:  # a block's prose weight (this runs on every block of the page)
        if block.clutter is not None or block.kind not in PROSE_KINDS:
            continue
        chars = len(block.text) * (1 - block.link_density)
        if block.kind is list_item:
            chars *= _LIST_ITEM_WEIGHT
        if chars < _MIN_WEIGHT:
            continue
        prefixes = of(block.origin.path)
        for prefix in prefixes:
            weight[prefix] = weight.get(prefix, 0.0) + chars
        if prefixes:
            last = prefixes[-1]
            direct[last] = direct.get(last, 0.0) + 1.0 * chars
            if len(prefixes) > 1:
                last = prefixes[-2]
                direct[last] = direct.get(last, 0.0) + 0.5 * chars
    if not weight:
        return [], weight
    best = max(weight.values())
    root = max(
        (p for p, w in weight.items() if w >= _ROOT_SHARE * best), key=lambda p: p.count("/")
    )
    root = _container_of(root)
    root = _cross_checked(blocks, root, title_path, weight)
    depth = root.count("/")
    if depth < _SHALLOW:
        # No one container holds most of the prose (a short story on a busy page): the
        # container with the most paragraphs of its own, if it holds a fair share.
        inner = [path for path in direct if path.startswith(root + "/")]
        share = _FOCUS_SHARE
        if title_path and title_path.startswith(root + "/"):
            # The story sits in the part of the page that holds its headline (which is
            # evidence enough, however short the story).
            top = title_path[: (title_path + "/").index("/", len(root) + 1)]
            inner = [path for path in inner if path == top or path.startswith(top + "/")]
            share = 0.0
        focus = max(inner, key=direct.__getitem__, default=root)
        return ([focus] if weight.get(focus, 0.0) > share * best else [root]), weight
    post = _headline_post(blocks, root, title_path, weight)
    if post is not None:
        return [post], weight
    parent = root.rpartition("/")[0]
    siblings = [
        path for path, w in weight.items()
        if path != root and path.rpartition("/")[0] == parent and path.count("/") == depth
        and w >= _SIBLING_SHARE * weight[root]
    ]
    return [root, *siblings], weight


_NAMED_SHARE = 0.1  # a container named as the story, with this share of the prose, wins


def _named_story(
    roots: list[str],
    weight: dict[str, float],
    leaning: ClassLeaning,
    title_path: str | None,
    title_linked: bool,
) -> list[str]:
    """The story's container, when the densest one sits in an element named as the page's
    furniture ("sidebar", "comments") and another, outside it and named as the story
    ("post", "entry-content"), holds a fair share of prose: a blog's long profile beside
    a short post. A headline inside the furniture keeps it, unless it is a link (a
    blog's name at the top of its sidebar)."""
    aside = leaning.aside_owner(roots[0])
    if aside is None:
        return roots
    if title_path is not None and _related(title_path, aside) and not title_linked:
        return roots
    named = [
        path for path in weight
        if not _related(path, aside) and leaning.leaning(path) == STORY
    ]
    if not named:
        return roots
    best = max(named, key=weight.__getitem__)
    if weight[best] < _NAMED_SHARE * weight[roots[0]]:
        return roots
    inner = [
        path for path in named
        if path.startswith(best + "/") and weight[path] >= _ROOT_SHARE * weight[best]
    ]
    return [_container_of(max([best, *inner], key=lambda p: p.count("/")))]


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _cross_checked(
    blocks: Sequence[Block], root: str, title_path: str | None, weight: dict[str, float]
) -> str:
    """The densest container, unless it is in another part of the page than the headline
    and does not hold the page's best paragraphs (a sidebar's long text beside a short
    story): then the container of those paragraphs."""
    if title_path is None or _common_path(title_path, root).count("/") >= _SHALLOW:
        return root  # no headline to go by, or its part of the page holds the container
    best = _best_paragraph_container(blocks)
    if best is None or best not in weight or _related(best, root):
        return root
    return best


_POST_SHARE = 0.3  # the headline's post holds at least this share of its container's prose


def _headline_post(
    blocks: Sequence[Block], root: str, title_path: str | None, weight: dict[str, float]
) -> str | None:
    """The element that holds the headline and the page's best paragraphs, when it sits
    inside the densest container: a short post with a sidebar, a blog's description or
    notes beside it in one column, whose prose together outweighs the post's."""
    if title_path is None or not title_path.startswith(root + "/"):
        return None
    best = _best_paragraph_container(blocks, _POST_PARAGRAPH_TAG)
    if best is None or not best.startswith(root + "/"):
        return None
    post = _common_path(title_path, best)
    if post.count("/") <= root.count("/") or weight.get(post, 0.0) < _POST_SHARE * weight[root]:
        return None
    return post


_PARAGRAPH_TAG = re.compile(r"/(p|pre|td)(\[\d+\])?$")
# In a post, text set straight in a <div> (lines parted by <br>) is paragraphs too.
_POST_PARAGRAPH_TAG = re.compile(r"/(p|pre|td|div)(\[\d+\])?$")
_MIN_PARAGRAPH = 25


def _best_paragraph_container(
    blocks: Sequence[Block], paragraph_tag: re.Pattern[str] = _PARAGRAPH_TAG
) -> str | None:
    """The container whose own paragraphs score best, as paragraph-scoring extractors
    count them: each ``<p>``, ``<pre>`` or ``<td>`` of some length gives its parent
    1 + its commas + a point a hundred characters (at most 3), its grandparent half; a
    container's score shrinks with the share of its text that is links."""
    scores: dict[str, float] = {}
    chars: dict[str, float] = {}
    linked: dict[str, float] = {}
    of = _Ancestors().of
    search = paragraph_tag.search
    paragraph = BlockKind.PARAGRAPH
    for block in blocks:
        text = block.text
        size = len(text)
        path = block.origin.path
        prefixes = of(path)
        density = block.link_density
        for prefix in prefixes:
            chars[prefix] = chars.get(prefix, 0.0) + size
            linked[prefix] = linked.get(prefix, 0.0) + size * density
        if (
            block.clutter is not None
            or block.kind is not paragraph
            or size < _MIN_PARAGRAPH
            or not search(path)
        ):
            continue
        points = 1 + text.count(",") + min(size / 100, 3)
        if prefixes:  # the parent counts 1.0 * points, the grandparent 0.5 * points
            last = prefixes[-1]
            scores[last] = scores.get(last, 0.0) + 1.0 * points
            if len(prefixes) > 1:
                last = prefixes[-2]
                scores[last] = scores.get(last, 0.0) + 0.5 * points
    if not scores:
        return None
    return max(scores, key=lambda p: scores[p] * (1 - linked[p] / max(chars[p], 1.0)))


_QUOTING = re.compile(r"/(blockquote|q)(\[\d+\])?(/|$)")


def _container_of(root: str) -> str:
    """A quotation is part of a story, never its container: a root inside one moves up
    to the element around the (outermost) quotation."""
    match = _QUOTING.search(root)
    return root[: match.start()] if match else root


def _lead_before_root(
    blocks: Sequence[Block], title_index: int | None, roots: Sequence[str]
) -> set[int]:
    """Paragraphs between the headline and the story's container, inside the element that
    holds both: the story's first paragraphs, set apart by a photo, a share bar or the
    template (their container holds less than a sibling's share of the story)."""
    if title_index is None or not roots:
        return set()
    title_path = blocks[title_index].origin.path
    if any(_inside(blocks[title_index], root) for root in roots):
        return set()
    holder = _common_path(title_path, roots[0])
    if not holder or holder.count("/") < _SHALLOW:
        return set()
    lead = set()
    for index in range(title_index + 1, len(blocks)):
        block = blocks[index]
        if any(_inside(block, root) for root in roots) or not _inside(block, holder):
            break
        if block.clutter is None and _is_lead_paragraph(block):
            lead.add(index)
    # One paragraph alone there is as often a photo's caption or the standfirst.
    return lead if len(lead) >= _LEAD_PARAGRAPHS else set()


def _is_lead_paragraph(block: Block) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(block.text) >= _LEAD_CHARS
        and block.link_density < _LEAD_LINKS
    )


_LEAD_CHARS = 80
_LEAD_PARAGRAPHS = 2
_LEAD_LINKS = 0.2


def _common_path(a: str, b: str) -> str:
    parts = []
    for x, y in zip(a.split("/"), b.split("/"), strict=False):
        if x != y:
            break
        parts.append(x)
    return "/".join(parts)


_LINKED_TITLE = 0.8


def mark_by_density(
    blocks: list[Block], *, title_index: int | None = None, leaning: ClassLeaning | None = None
) -> list[Block]:
    """Blocks with ``clutter`` set on those outside the story's containers, and on link
    lists inside them; the headline and its byline and date line stay."""
    title_path = blocks[title_index].origin.path if title_index is not None else None
    linked = title_index is not None and blocks[title_index].link_density >= _LINKED_TITLE
    roots = story_roots(blocks, title_path, leaning=leaning, title_linked=linked)
    if not roots:
        return blocks
    reason = OUTSIDE_ROOT.format(root=roots[0])
    exact = frozenset(roots)
    below = tuple(root + "/" for root in roots)

    def inside(block: Block) -> bool:  # = any(_inside(block, root) for root in roots)
        path = block.origin.path
        return path in exact or path.startswith(below)

    first_inside = next((i for i, b in enumerate(blocks) if inside(b)), len(blocks))
    lead = _lead_before_root(blocks, title_index, roots)
    result = []
    for index, block in enumerate(blocks):
        if block.clutter is not None:
            result.append(block)
            continue
        if not inside(block) and not (index == title_index or index in lead or _is_story_label(
                blocks, index, title_index, first_inside)):
            result.append(block.with_clutter(reason))
        elif index != title_index and _is_link_list(block):
            result.append(block.with_clutter(link_list_reason(block.link_density)))
        else:
            result.append(block)
    return result
