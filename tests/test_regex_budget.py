"""Every regular expression in core/, and every rule built on them, on adversarial 100 KB
strings under a time limit.

A pattern with nested or touching unbounded quantifiers (``(?:<!--.*?-->\\s*)*``,
``\\s+\\S+\\s*$``, ``[\\w.]+, ``) backtracks exponentially or quadratically on strings made of
the pieces it matches. The audit finds every compiled pattern at module level in core/
and searches each adversarial string with it; a pattern that is only ever applied to a
bounded text (the caller cuts or checks the length first) is listed in `CALLER_BOUNDED`
with that bound, and is tried on strings of that length. The rules that use the patterns
(text labels, clutter rules, format sniffing, Markdown, normalisation, metadata, whole
loads) are run on the same strings.

A slow call is interrupted (SIGALRM; regular expression matching checks for signals), so a
regression fails in about a second instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Callable

import pytest

import core
from core.model import Block, BlockKind, Format, InputError, Version

SIZE = 100_000
LIMIT = 1.0
"""Seconds one search or rule may take on a 100 KB string (typical: under 0.05 s)."""
LOAD_LIMIT = 4.0
"""Seconds a whole load and clean may take on one (typical: under 1 s)."""


def _repeat(atom: str, size: int = SIZE) -> str:
    return (atom * (size // len(atom) + 1))[:size]


ADVERSARIAL = {
    "spaces": "x" + _repeat(" ") + "x", "no-break spaces": "x" + _repeat("\u00a0") + "x",
    "tabs": "x" + _repeat("\t") + "x", "space-newline": _repeat(" \n"),
    "A.": _repeat("A."), "digits": _repeat("1"), "digit-space": _repeat("1 "),
    "x(/AP": "x(" + _repeat("/AP"), "brackets": _repeat("["), "links": _repeat("[a]("),
    "strong": _repeat("**a "), "underscores": _repeat("__a "), "comments": _repeat("<!---->"),
    "html": _repeat("<html"), "copyright": _repeat("© "), "photo": _repeat("Photo: "),
    "agency": _repeat("Getty Images/"), "updated": _repeat("Updated "),
    "weekday caption": "Monday, July 16, 2018 " + _repeat("A."), "dashes": _repeat("-"),
    "fences": _repeat("```\n"), "script": "window." + _repeat("a"),
    "combining": "a" + _repeat("\u0301\u0316"), "title separators": _repeat(" | "),
    "dash separators": _repeat(" - "), "json": _repeat('{"a":['),
    "meta": _repeat("<meta charset= "),
    "byline": _repeat("A, B and C / "), "url": "http://" + _repeat("a/"),
}
HEAVY = ("spaces", "no-break spaces", "A.", "x(/AP", "brackets", "strong", "underscores",
         "comments", "html", "fences", "combining", "weekday caption", "dashes", "json")
"""The strings whole parsers and loads are tried on (each takes up to a second)."""

CALLER_BOUNDED: dict[str, int] = {
    # name: the longest text the pattern is ever applied to
    "core.sources.text._DATE_ONLY": 100,  # _is_dateline: len(text) <= 100 first
    "core.sources.text._AGENCY_BYLINE": 400,  # _is_byline: len(text) <= 400 first
    "core.sources.text._CREDIT_PARENS": 200,  # _is_credit: len(text) <= 200 first
    "core.sources.text._CREDIT_SLASH": 100,  # _is_agency_credit: len(text) <= 100 first
    "core.sources.boilerplate._CREDIT_TAIL": 300,  # split_credit: the last 300 characters
    "core.sources.text._GLUED_CREDIT": 104,  # _split_glued_credit: the last 104 characters
}


class _Slow(Exception):
    pass


def _raise_slow(*_args) -> None:
    raise _Slow


def within(limit: float, call: Callable[[], object]) -> float:
    """Seconds ``call`` took; `_Slow` if it took longer than ``limit``."""
    if not hasattr(signal, "setitimer"):
        start = time.monotonic()
        call()
        return time.monotonic() - start
    previous = signal.signal(signal.SIGALRM, _raise_slow)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.monotonic()
    try:
        call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.monotonic() - start


def _core_patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for info in pkgutil.walk_packages(core.__path__, "core."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
    return found


PATTERNS = _core_patterns()


def test_the_audit_sees_the_patterns_of_every_source_module() -> None:
    modules = {name.rsplit(".", 1)[0] for name in PATTERNS}
    assert {"core.clutter_rules", "core.sources.text", "core.sources.detect",
            "core.sources.markdown", "core.normalize", "core.sources.html_meta",
            "core.sanitize", "core.export"} <= modules
    assert set(CALLER_BOUNDED) <= set(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_is_linear_on_adversarial_strings(name: str) -> None:
    pattern = PATTERNS[name]
    bound = CALLER_BOUNDED.get(name, SIZE)
    slow = []
    for key, text in ADVERSARIAL.items():
        try:
            seconds = within(LIMIT, lambda t=text[:bound]: pattern.search(t))
        except _Slow:
            seconds = float("inf")
        if seconds >= LIMIT:
            slow.append(key)
    assert not slow, f"{name} is slow on {slow}"


def _rules() -> dict[str, Callable[[str], object]]:
    from core import article, clutter_rules, export, normalize, sanitize
    from core.sources import boilerplate, detect, html_meta, text

    rules: dict[str, Callable[[str], object]] = {
        f"clutter_rules.{rule.__name__}": (lambda r: lambda s: r(Block(BlockKind.PARAGRAPH, s)))(
            rule) for rule in clutter_rules.SINGLE_BLOCK_RULES}
    rules.update({
        "text._classify": lambda s: text._classify(s, single_line=True),
        "detect.sniff_format": lambda s: detect.sniff_format("page", s),
        "detect.decode": lambda s: detect.decode(s.encode(), html=True),
        "normalize.normalize": normalize.normalize,
        "html_meta.strip_site_suffix": lambda s: html_meta.strip_site_suffix(s, "Site"),
        "html_meta._loads_lenient": html_meta._loads_lenient,
        "article.headline": article.headline,
        "boilerplate.split_credit": boilerplate.split_credit,
        "export.markdown_text": export.markdown_text,
        "sanitize.clean_text": sanitize.clean_text,
        "sanitize.shown_name": sanitize.shown_name,
    })
    return rules


def _parsers() -> dict[str, Callable[[str], object]]:
    """Whole parsers: linear too, with a larger constant (a block per line of text)."""
    from core.clean import clean
    from core.load import load_bytes
    from core.sources import markdown, text

    def load_and_clean(name: str) -> Callable[[str], object]:
        def run(s: str) -> None:
            with contextlib.suppress(InputError):
                clean(load_bytes(s.encode(), name=name))
        return run

    return {
        "text.parse_text": text.parse_text,
        "markdown.parse_markdown": markdown.parse_markdown,
        "clean.clean": lambda s: clean(Version("x", Format.TEXT, "utf-8", (
            Block(BlockKind.HEADING, "Council Passes Budget"), Block(BlockKind.PARAGRAPH, s),
            Block(BlockKind.PARAGRAPH, s + " more")))),
        **{f"load and clean {name}": load_and_clean(name)
           for name in ("story.txt", "story")},  # Markdown: markdown.parse_markdown
    }


RULES = _rules()


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_is_linear_on_adversarial_strings(name: str) -> None:
    rule = RULES[name]
    slow = []
    for key, text in ADVERSARIAL.items():
        try:
            seconds = within(LIMIT, lambda t=text: rule(t))
        except _Slow:
            seconds = float("inf")
        if seconds >= LIMIT:
            slow.append(key)
    assert not slow, f"{name} is slow on {slow}"


PARSERS = _parsers()


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_whole_parsers_are_linear_on_adversarial_strings(name: str) -> None:
    parser = PARSERS[name]
    slow = []
    for key in HEAVY:
        try:
            seconds = within(LOAD_LIMIT, lambda t=ADVERSARIAL[key]: parser(t))
        except _Slow:
            seconds = float("inf")
        if seconds >= LOAD_LIMIT:
            slow.append(key)
    assert not slow, f"{name} is slow on {slow}"
