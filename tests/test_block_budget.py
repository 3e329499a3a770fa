"""Work and memory per block, per line and per megabyte of input stay bounded.

A clutter pattern is only run on a block holding the literals each of its alternatives
needs (checked on the lower-cased text), so an ordinary paragraph runs almost none of
them; the checks must never skip a match (IGNORECASE also matches ``ſ`` to ``s``, ``K``
to ``k``, ``ı`` and ``İ`` to ``i``). Plain text of more than `core.sources.text.MAX_BLOCKS`
blocks is refused before it is cleaned; ``clean --each`` flushes its files to disk
once; a long block is never split into a list of its words, nor scored against the title
in a table the size of the block.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core import clutter_rules as rules
from core.model import Block, BlockKind, InputError
from core.sources import text as plain

sys.path.insert(0, str(Path(__file__).parent))
from make_bad_inputs import PARAGRAPHS, STORY

# pattern -> (the literals checked before it, texts it matches)
GUARDED = {
    "script": (rules._SCRIPT, rules._SCRIPT_NEEDS, [
        "window._taboola = window._taboola || [];", "var x = 1;", "(function() {",
        "document.write('x')", "});", "a.push({id: 1})", "<script src=x>"]),
    "copyright": (rules._COPYRIGHT, rules._COPYRIGHT_NEEDS, [
        "Copyright 2018 The Associated Press.", "© 2020 Example News", "(c) 1999",
        "Example Media. All rights reserved.", "This material may not be published, "
        "broadcast, rewritten or redistributed."]),
    "newsletter": (rules._NEWSLETTER, rules._NEWSLETTER_NEEDS, [
        "Sign up for our daily newsletter", "Subscribe to our channel and newsletter",
        "Get our Morning Brief newsletter", "delivered straight to your inbox",
        "Enter your email address", "By signing up, you agree to our terms",
        "Sign up now", "Subscribe now", "Sign me up", "Thank you for signing up!",
        "Be the first to know", "Get the latest breaking news alerts",
        "Turn on notifications", "Enable notifications", "You are signed in as x",
        "subscription associated with this account", "Get daily local headlines",
        "with a digital subscription", "Never miss a local story"]),
    "subscription pitch": (rules._SUBSCRIPTION_PITCH, ("access", "subscription"), [
        "Get digital access", "unlimited access today", "a print subscription"]),
    "consent": (rules._CONSENT, ("cookie", "by using", "by browsing", "by continuing to"), [
        "We use cookies", "This website uses cookies", "cookie settings",
        "Accept all cookies", "By continuing to browse this site",
        "By continuing to using this site", "By using our website you agree"]),
    "contributors": (rules._CONTRIBUTORS, ("contributed", "reported from"), [
        "Associated Press writers A and B contributed to this report.",
        "Smith reported from Kyiv.", "Jones contributed to this story."]),
    "weather": (rules._WEATHER, rules._WEATHER_NEEDS, [
        "AccuWeather", "High 75F winds 10 mph", "Enter city and state", "zip code",
        "Your weather is set to Boston"]),
    "syndication": (rules._SYNDICATION, rules._SYNDICATION_NEEDS, [
        "This article originally appeared on Example.", "The story first ran in X.",
        "Originally published on X and is republished with permission.",
        "Reprinted with permission.", "is republished from The Conversation under a "
        "Creative Commons license"]),
    "credit inside": (rules._CREDIT_INSIDE, rules._CREDIT_INSIDE_NEEDS, [
        "Getty Images", "AP Photo", "AFP Photo", "Name / AP", "AP/ Name", "Shutterstock",
        "via Getty"]),
    "gallery toggle": (rules._GALLERY_TOGGLE, ("less", "more"), ["a photo less", "x … more"]),
    "weekday date": (rules._WEEKDAY_DATE, ("day",), ["Monday, July 16, 2018"]),
    "photo position": (rules._PHOTO_POSITION, rules._POSITION_NEEDS, [
        "Trump, left, and May", "A, second right, B", "from left: A, B", "x, top)"]),
}
FOLDS = {"s": "\u017f", "k": "\u212a", "i": "\u0131", "I": "\u0130"}


def _variants(text: str, rng: random.Random) -> list[str]:
    out = [text, text.upper(), text.lower(), text.title(), text.swapcase()]
    for plain_char, fold in FOLDS.items():
        out.append(text.replace(plain_char, fold))
    out.append("".join(c.upper() if rng.random() < 0.5 else c for c in text))
    return out


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_literal_checks_never_skip_a_match(name: str) -> None:
    pattern, needs, examples = GUARDED[name]
    rng = random.Random(7)
    matched = 0
    for example in examples:
        for text in _variants(example, rng):
            if pattern.search(text):
                matched += 1
                assert rules._has_any(text, needs), (name, text)
    assert matched >= len(examples)  # every example matches in its own spelling


def test_plain_text_literal_checks_never_skip_a_match() -> None:
    rng = random.Random(3)
    lines = ["By Jane Doe, Associated Press", "JANE DOE AND JOHN ROE, THE ASSOCIATED PRESS",
             "A, B and C / AP", "Jane Doe, Reuters", "X and Y, Agence France-Presse",
             "A, B, CNN", "Jane Doe Published 6:23 a.m. ET", "Getty Images/Alex Wong",
             "Pablo Martinez Monsivais | AP", "AP Photo by X", "Restrictions© Getty Images",
             "Text (AP Photo/Evan Vucci)", "Text  Photo credit: X"]
    for line in lines:
        for text in _variants(line, rng):
            if plain._AGENCY_BYLINE.match(text):
                assert plain._may_end_with(text, plain._AGENCY_ENDS), text
            if plain._PUBLISHED_TAIL.search(text):
                assert plain._may_hold(text, plain._PUBLISHED_WORDS), text
            if plain._GLUED_CREDIT.search(text):
                assert plain._GLUED_NEEDS.search(text), text
            if plain._CREDIT_SLASH.search(text):
                assert "/" in text or "|" in text or "Photo" in text, text


class _Counting:
    """A compiled pattern that counts its calls."""

    def __init__(self, pattern: re.Pattern[str], calls: list[str], name: str) -> None:
        self._pattern, self._calls, self._name = pattern, calls, name

    def __getattr__(self, attribute: str):
        method = getattr(self._pattern, attribute)

        def counted(*args, **kwargs):
            self._calls.append(self._name)
            return method(*args, **kwargs)
        return counted


def test_ordinary_paragraphs_run_none_of_the_guarded_patterns(monkeypatch) -> None:
    calls: list[str] = []
    for name in ("_SCRIPT", "_COPYRIGHT", "_NEWSLETTER", "_SUBSCRIPTION_PITCH", "_CONSENT",
                 "_CONTRIBUTORS", "_WEATHER", "_SYNDICATION", "_CREDIT_INSIDE",
                 "_GALLERY_TOGGLE", "_WEEKDAY_DATE", "_PHOTO_POSITION", "_TRAILING_CREDIT",
                 "_TWEET_LINK", "_SHARE_WORDS"):
        monkeypatch.setattr(rules, name, _Counting(getattr(rules, name), calls, name))
    rng = random.Random(5)
    vocabulary = " ".join([STORY, *PARAGRAPHS]).replace(".", "").split()
    for _ in range(300):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(20, 40))]
        text = " ".join(words) + "."
        if len(text) > 80:  # a share-button row is shorter: those are checked in full
            assert rules.single_block_reason(Block(BlockKind.PARAGRAPH, text)) is None
    assert calls == []


def test_plain_text_over_the_block_limit_is_refused_before_it_is_cleaned() -> None:
    from core.load import load_bytes

    at_limit = ("\n".join(f"line {i} x" for i in range(plain.MAX_BLOCKS)) + "\n\n").encode()
    assert len(load_bytes(at_limit, name="lines.txt").blocks) == plain.MAX_BLOCKS
    start = time.process_time()
    with pytest.raises(InputError, match=r"^lines.txt: too many paragraphs and lines "
                       r"\(the limit is 50,000\)$"):
        load_bytes(at_limit + b"one more\n", name="lines.txt")
    assert time.process_time() - start < 2.0


def test_a_hard_wrapped_book_with_more_lines_than_the_block_limit_loads() -> None:
    """Wrapped lines join into paragraphs: a book's line count is no reason to refuse it."""
    from core.load import load_bytes

    line = "the river ran on past the mill and the long fields beyond it all day"
    paragraph = "\n".join(f"{line} {i}" for i in range(8))
    book = "\n\n".join(paragraph for _ in range(plain.MAX_BLOCKS // 4)) + "\n"
    assert book.count("\n") > plain.MAX_BLOCKS  # 100,000 lines
    blocks = load_bytes(book.encode(), name="book.txt").blocks
    assert len(blocks) == plain.MAX_BLOCKS // 4


def test_more_paragraphs_than_the_block_limit_are_refused_before_any_is_classified(
        monkeypatch) -> None:
    """200,000 short paragraphs (under the line limit): refused as soon as the runs of
    lines outnumber the blocks allowed, not after classifying 50,000 of them."""
    from core.load import load_bytes

    classified = []
    real = plain._classify
    monkeypatch.setattr(plain, "_classify",
                        lambda *a, **k: classified.append(1) or real(*a, **k))
    text = "\n\n".join(f"paragraph {i} of the text." for i in range(4 * plain.MAX_BLOCKS))
    assert sum(1 for line in text.split("\n") if line) < plain._MAX_LINES
    with pytest.raises(InputError, match="too many paragraphs and lines"):
        load_bytes(text.encode(), name="many.txt")
    assert classified == []


def test_clean_each_flushes_its_files_to_disk_once(tmp_path: Path, monkeypatch) -> None:
    from core.cli import main

    names = []
    for i in range(20):
        path = tmp_path / f"story-{i}.txt"
        path.write_text(f"Title {i}\n\n{STORY}\n", encoding="utf-8")
        names.append(str(path))
    flushes: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushes.append("fsync"), real_fsync(fd)))
    if hasattr(os, "sync"):
        monkeypatch.setattr(os, "sync", lambda: flushes.append("sync"))
    assert main(["clean", "--each", *names, "-o", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out").iterdir())) == 20
    assert len(flushes) <= 1 if hasattr(os, "sync") else len(flushes) <= 21 + 1


def _peak_mb(args: list[str]) -> int:
    """Peak resident memory (MB) of ``article-compare ARGS`` run as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    child = subprocess.Popen([sys.executable, "-m", "gui.launcher", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, child.stderr.read() if child.stderr else ""
    return usage.ru_maxrss // 1024 if sys.platform != "darwin" else usage.ru_maxrss >> 20


MB_BUDGET = 25
"""Peak memory per MB of input over the interpreter's own (measured: 18 for a 10 MB text
node, 35 before its words were no longer split into lists and scored in full)."""


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4 for the child's peak")
def test_memory_per_megabyte_of_one_long_block(tmp_path: Path) -> None:
    words = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote")
    rng = random.Random(9)
    node = " ".join(rng.choice(words) for _ in range(4_000_000 // 6))
    page = tmp_path / "long.html"
    page.write_text(f"<html><head><title>{PARAGRAPHS[0]}</title></head><body>"
                    f"<h1>{PARAGRAPHS[0]}</h1><p>{node}.</p></body></html>", encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(f"{PARAGRAPHS[0]}\n\n{STORY}\n", encoding="utf-8")
    anchor = _peak_mb(["clean", str(small)])
    size = page.stat().st_size / 1e6
    peak = _peak_mb(["clean", str(page)])
    assert peak <= anchor + MB_BUDGET * size, (peak, anchor, size)
