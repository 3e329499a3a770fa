"""Property tests on hostile input across the pipeline: load -> clean -> align -> word diff.

What tests elsewhere already cover is not repeated here: parse_text keeping every
character (test_text), word diffs over a small alphabet (test_wordiff), alignment of
sampled paragraphs (test_align), fixed broken-HTML examples (test_html). This file adds
arbitrary bytes and names, arbitrary Unicode, and HTML built from a grammar of tags and
attributes, through the public entry points, checking that

- nothing raises but `InputError` (with a one-line message naming the input);
- every block cleaning drops carries a reason;
- cleaning never drops the only copy of a prose paragraph as a repeat;
- every block lands in exactly one alignment row;
- a word diff's two sides join back to its inputs exactly.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from core.align import align
from core.clean import clean
from core.compare import compare
from core.load import load_bytes, load_text
from core.model import Format, InputError, Version
from core.normalize import normalize
from core.wordiff import segments, word_diff

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
"""Examples per property; FUZZ_EXAMPLES=2000 for a long hunt."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies ---------------------------------------------------------------------------

names = st.tuples(
    st.text(st.characters(blacklist_characters="/\x00"), max_size=12),
    st.sampled_from(["", ".txt", ".html", ".htm", ".xhtml", ".md", ".markdown", ".TXT", ".bin"]),
).map("".join)

# Plain words: none of them is a clutter word (share, photo, subscribe, related ...).
_WORD_LIST = """council mayor budget bridge river school teacher market harbour winter summer
farmer doctor village railway station library museum garden factory worker election minister
court judge witness storm flood forest island mountain valley engineer nurse student parent
ferry tunnel orchard"""
WORDS = _WORD_LIST.split()
prose = st.lists(st.sampled_from(WORDS), min_size=8, max_size=24).map(
    lambda words: " ".join(words).capitalize() + "."
)
unicode_text = st.text(
    st.characters(blacklist_categories=["Cs"]), max_size=300
)
mixed_text = st.one_of(unicode_text, prose, st.sampled_from([
    "<script>alert(1)</script>", "javascript:alert(1)", "\u202e\u200b\ufeff", "市议会批准了预算",
    "مجلس المدينة", "e\u0301\u0302", "\U0001f468\u200d\U0001f469", "&amp; &lt; &#0; &#xd800;",
]))

TAGS = ["p", "div", "span", "a", "b", "i", "h1", "h2", "h3", "ul", "li", "table", "tr", "td",
        "script", "style", "figure", "figcaption", "article", "main", "nav", "aside", "header",
        "footer", "blockquote", "pre", "section", "form", "iframe", "embed", "object", "svg",
        "template", "noscript", "time", "address", "font", "center", "dl", "dt", "dd"]
VOID = ["br", "img", "hr", "input", "meta", "link", "base", "wbr", "embed", "source"]
ATTRIBUTES = st.sampled_from([
    'class="share"', 'class="article-body"', 'class="related-stories"', 'class="byline"',
    'class="photo-credit"', 'id="comments"', 'role="navigation"', "hidden",
    'aria-hidden="true"', 'style="display:none"', 'href="javascript:alert(1)"',
    'src="http://evil.example/x.png"', 'onclick="alert(1)"', 'rel="author"',
    'datetime="2024-01-01"', 'type="application/ld+json"', 'class="a b c"', "",
])


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner, close: f"<{tag} {' '.join(attrs)}>{''.join(inner)}"
        + (f"</{tag}>" if close else ""),
        st.sampled_from(TAGS), st.lists(ATTRIBUTES, max_size=3),
        st.lists(children, max_size=4), st.booleans(),
    )


html_fragment = st.recursive(
    st.one_of(
        mixed_text.map(lambda t: t.replace("<", "&lt;") if t.startswith("<s") else t),
        st.builds(lambda tag, attrs: f"<{tag} {' '.join(attrs)}>", st.sampled_from(VOID),
                  st.lists(ATTRIBUTES, max_size=2)),
        st.sampled_from(["<!-- comment -->", "<![CDATA[x]]>", "</p>", "</div>", "<", "&",
                         "<script>alert(0)</script>", "<style>p{x:alert(0)}</style>"]),
    ),
    _element,
    max_leaves=25,
)
html_page = st.builds(
    lambda head, body: f"<html><head>{head}</head><body>{''.join(body)}</body></html>",
    st.sampled_from(["", "<title>T | Site</title>", '<meta charset="koi8-r">',
                     '<meta property="og:title" content="Headline">',
                     '<script type="application/ld+json">{"@type": "NewsArticle",</script>']),
    st.lists(html_fragment, max_size=6),
)


def _check_version(version: Version, name: str) -> None:
    assert version.path == name
    assert any(block.text.strip() for block in version.blocks)


def _load_text_or_input_error(text: str, name: str, fmt: Format | None) -> Version | None:
    try:
        version = load_text(text, name=name, format=fmt)
    except InputError as error:
        assert str(error).startswith(f"{name}: ") and "\n" not in error.reason
        return None
    _check_version(version, name)
    return version


def _check_clean(version: Version) -> None:
    cleaned = clean(version)
    assert len(cleaned.verdicts) == len(version.blocks)
    for verdict in cleaned.verdicts:
        assert verdict.keep or (isinstance(verdict.reason, str) and verdict.reason.strip())


# --- loading ------------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000), names)
def test_load_bytes_raises_only_input_error(data: bytes, name: str) -> None:
    try:
        version = load_bytes(data, name=name)
    except InputError as error:
        assert str(error).startswith(f"{name}: ") and "\n" not in error.reason
        return
    _check_version(version, name)
    _check_clean(version)


@SETTINGS
@given(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1",
                        "koi8-r", "shift_jis", "gb18030"]),
       st.lists(mixed_text, min_size=1, max_size=6), names)
def test_load_bytes_of_text_in_any_encoding(encoding: str, parts: list[str], name: str) -> None:
    data = "\n\n".join(parts).encode(encoding, "replace")
    try:
        version = load_bytes(data, name=name)
    except InputError as error:
        assert "\n" not in error.reason
        return
    _check_clean(version)


@SETTINGS
@given(st.one_of(unicode_text, html_page, st.lists(mixed_text, max_size=8).map("\n\n".join)),
       st.sampled_from([Format.TEXT, Format.HTML, Format.MARKDOWN, None]))
def test_load_text_any_format_raises_only_input_error(text: str, fmt: Format | None) -> None:
    version = _load_text_or_input_error(text, "dropped", fmt)
    if version is not None:
        _check_clean(version)
        assert not any("\x1b" in block.text or "\x00" in block.text for block in version.blocks)


@SETTINGS
@given(html_page)
def test_html_from_a_tag_grammar_loads_cleans_and_keeps_markup_out(page: str) -> None:
    version = _load_text_or_input_error(page, "page.html", None)
    if version is None:
        return
    _check_clean(version)
    assert not any("alert(0)" in block.text for block in version.blocks)


# --- cleaning -----------------------------------------------------------------------------


@SETTINGS
@given(st.lists(prose, min_size=1, max_size=10), st.lists(st.integers(0, 9), max_size=4),
       st.sampled_from(["text", "html", "markdown"]))
def test_only_copy_of_a_prose_paragraph_is_never_dropped_as_a_repeat(
    paragraphs: list[str], repeats: list[int], form: str
) -> None:
    blocks = ["Council Approves Budget", *paragraphs]
    for index in repeats:  # some paragraphs (or the headline) appear twice
        blocks.append(blocks[index % len(blocks)])
    if form == "html":
        text = "<html><body><h1>" + blocks[0] + "</h1>" + "".join(
            f"<p>{b}</p>" for b in blocks[1:]) + "</body></html>"
        name = "a.html"
    else:
        text = ("# " if form == "markdown" else "") + "\n\n".join(blocks)
        name = "a.md" if form == "markdown" else "a.txt"
    version = load_text(text, name=name)
    cleaned = clean(version)
    keys = [normalize(block.text) for block in version.blocks]
    for index, (block, verdict) in enumerate(zip(version.blocks, cleaned.verdicts, strict=True)):
        assert verdict.keep or verdict.reason
        if verdict.keep or not (verdict.reason or "").startswith("repeats block"):
            continue
        others = [fuzz.ratio(keys[index], key) for j, key in enumerate(keys) if j != index]
        assert max(others, default=0) >= 50, (
            f"the only copy of {block.text!r} dropped: {verdict.reason}")


# --- alignment and word diff --------------------------------------------------------------


@SETTINGS
@given(st.lists(st.lists(mixed_text, max_size=6), min_size=1, max_size=4),
       st.integers(0, 3))
def test_align_any_text_puts_every_block_in_one_row(versions: list[list[str]], base: int) -> None:
    base %= len(versions)
    alignment = align(versions, base=base)
    seen = [[] for _ in versions]
    for row in alignment.rows:
        assert len(row.cells) == len(versions)
        for v, cell in enumerate(row.cells):
            seen[v].extend(cell)
    for v, blocks in enumerate(versions):
        assert sorted(seen[v]) == list(range(len(blocks)))


@SETTINGS
@given(mixed_text, mixed_text, st.booleans(), st.booleans())
def test_word_diff_of_any_text_rebuilds_both_sides(
    a: str, b: str, ignore_case: bool, ignore_punctuation: bool
) -> None:
    diff = word_diff(a, b, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
    assert "".join(diff.a_tokens) == a and "".join(diff.b_tokens) == b
    i = j = 0
    for op in diff.opcodes:
        assert (op.i1, op.j1) == (i, j)
        i, j = op.i2, op.j2
    assert (i, j) == (len(diff.a_tokens), len(diff.b_tokens))
    assert "".join(s[1] for s in segments(diff)) == a
    assert "".join(s[2] for s in segments(diff)) == b


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(html_page, st.lists(mixed_text, max_size=6).map("\n\n".join)),
                min_size=2, max_size=3))
def test_compare_of_hostile_versions_raises_nothing(texts: list[str]) -> None:
    versions = []
    for index, text in enumerate(texts):
        version = _load_text_or_input_error(text, f"v{index}", None)
        if version is not None:
            versions.append(version)
    if len(versions) < 2:
        return
    comparison = compare(versions)
    for r, row in enumerate(comparison.alignment.rows):
        for v, diff in comparison.diffs[r].items():
            assert "".join(diff.b_tokens) == comparison.cell_text(r, v)
            reference = comparison.references[r]
            assert "".join(diff.a_tokens) == comparison.cell_text(r, reference)
            assert row.cells[v]
