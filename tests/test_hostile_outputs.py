"""Hostile input, round two: what reaches every output, where outputs go, how runs end.

Nothing a file contains reaches any output format as a control character or a lone
surrogate; output paths (``-``, ``/dev/stdout``, devices, pipes, symlinks, long names,
missing folders, full disks, closed streams) give the output or one line
``error: FILE: reason``; ``clean --each`` carries on past any bad file; Ctrl+C ends with
status 130 and one line.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from core.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from make_bad_inputs import CAFE, CHARSET_LABELS, STORY, TEXT, make_corpus

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Controls (but tab and line breaks), bidi overrides and isolates, lone surrogates."""

INJECTIONS = ("entity_controls", "jsonld_controls", "jsonld_surrogate", "entity_surrogate",
              "control_chars", "bidi_name", "bytes_name", "control_name")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_corpus(tmp_path_factory.mktemp("hostile"))


def assert_safe(text: str, where: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, (where, found and repr(found.group()), text[:300])
    text.encode("utf-8")  # strict: would fail on a surrogate


def _commands(path: str, good: str, out: Path) -> list[list[str]]:
    commands = [["clean", "--explain", "--format", fmt, path]
                for fmt in ("text", "markdown", "html", "json")]
    commands += [["clean", "--format", "json", path, good]]
    commands += [["align", "--format", fmt, path, good] for fmt in ("json", "text")]
    commands += [["diff", "--color", "never", "--format", fmt, path, good]
                 for fmt in ("text", "unified", "json", "html")]
    commands += [["report", path, good, "-o", str(out / "report.html"), "--force"]]
    commands += [["clean", "--each", "--format", fmt, path, "-o", str(out / "each"), "--force"]
                 for fmt in ("text", "markdown", "html", "json")]
    return commands


@pytest.mark.parametrize("key", INJECTIONS)
def test_no_output_format_carries_a_control_character_or_surrogate(
    corpus: dict[str, Path], tmp_path: Path, capsys, key: str
) -> None:
    if key not in corpus:
        pytest.skip(f"{key} cannot be made here")
    path = str(corpus[key])
    for argv in _commands(path, str(corpus["good"]), tmp_path):
        assert main(argv) == 0, argv
        captured = capsys.readouterr()
        assert_safe(captured.out, argv)
        assert_safe(captured.err, argv)
    for written in [tmp_path / "report.html", *(tmp_path / "each").iterdir()]:
        assert_safe(written.read_bytes().decode("utf-8"), written.name)


def test_text_the_page_decodes_to_is_cleaned_where_it_is_decoded(corpus, capsys) -> None:
    assert main(["clean", "--format", "json", str(corpus["jsonld_surrogate"])]) == 0
    out = capsys.readouterr().out
    assert STORY in out and "\\ud800" not in out and "\ufffd" in out
    assert main(["clean", str(corpus["entity_controls"])]) == 0
    out = capsys.readouterr().out
    assert "Council [2J]0;owned Budget" in out and "[31mred" in out


def test_error_lines_escape_bidi_controls_and_undecodable_bytes(tmp_path: Path, capsys) -> None:
    for name, shown in (("evil\u202etxt.exe.txt", "evil\\u202etxt.exe.txt"),
                        ("iso\u2066late\u2069.txt", "iso\\u2066late\\u2069.txt")):
        assert main(["clean", str(tmp_path / name)]) == 2
        assert capsys.readouterr().err == f"error: {tmp_path}/{shown}: no such file\n"
    if os.name == "posix" and sys.platform != "darwin":
        raw = os.fsdecode(os.fsencode(tmp_path) + b"/bad-\xff.txt")
        assert main(["clean", raw]) == 2
        assert capsys.readouterr().err == f"error: {tmp_path}/bad-\\xff.txt: no such file\n"


@pytest.mark.parametrize("label", CHARSET_LABELS)
def test_a_declared_charset_that_is_no_page_encoding_falls_back(corpus, label: str) -> None:
    from core.load import load_path

    version = load_path(corpus[f"charset_{label}"])
    assert CAFE in " ".join(block.text for block in version.blocks)
    assert version.encoding == "utf-8"


# --- where output goes -------------------------------------------------------------------


def test_dash_means_standard_output(corpus, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    good = str(corpus["good"])
    for argv in (["clean", good, "-o", "-"], ["diff", good, str(corpus["good_html"]), "-o", "-"],
                 ["report", good, str(corpus["good_html"]), "-o", "-"]):
        assert main(argv) == 0, argv
        assert "budget" in capsys.readouterr().out.lower()
    assert not (tmp_path / "-").exists()
    assert main(["clean", good, "-o", "/dev/stdout", "--force"]) == 0
    assert STORY in capsys.readouterr().out
    assert os.path.islink("/dev/stdout") or not os.path.lexists("/dev/stdout")
    assert main(["clean", "--each", good, "-o", "-"]) == 2
    assert "--each needs -o DIR" in capsys.readouterr().err


def _char_device(folder: Path, name: str, minor: int) -> Path:
    """Our own /dev/null (minor 3) or /dev/full (minor 7): a regression must never be
    able to replace the machine's."""
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (OSError, AttributeError) as error:
        pytest.skip(f"cannot make a device here: {error}")
    return path


def test_devices_are_written_through_never_replaced(corpus, tmp_path: Path, capsys) -> None:
    null = _char_device(tmp_path, "null", 3)
    assert main(["clean", str(corpus["good"]), "-o", str(null), "--force"]) == 0
    assert main(["clean", str(corpus["good"]), "-o", str(null)]) == 0  # nothing replaced
    assert stat.S_ISCHR(os.stat(null).st_mode)
    full = _char_device(tmp_path, "full", 7)
    assert main(["clean", str(corpus["good"]), "-o", str(full)]) == 2
    assert capsys.readouterr().err == f"error: {full}: no space left on device\n"
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]  # no temp file


def test_a_named_pipe_is_written_through(corpus, tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["clean", str(corpus["good"]), "-o", str(fifo)]) == 0
    reader.join(10)
    assert STORY in received[0].decode("utf-8")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_is_followed_and_stays_a_link(corpus, tmp_path: Path, capsys) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")  # dangling: the file it names is made
    assert main(["clean", str(corpus["good"]), "-o", str(link)]) == 0
    assert link.is_symlink() and STORY in (tmp_path / "real.txt").read_text(encoding="utf-8")
    assert main(["clean", str(corpus["good"]), "-o", str(link)]) == 2
    assert "already exists (use --force" in capsys.readouterr().err
    assert main(["clean", str(corpus["good_html"]), "-o", str(link), "--force"]) == 0
    assert link.is_symlink()


@pytest.mark.parametrize("mask, mode", [(0o077, 0o600), (0o002, 0o664), (0o022, 0o644)])
def test_new_files_honour_the_umask(corpus, tmp_path: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        assert main(["clean", str(corpus["good"]), "-o", str(tmp_path / "out.txt")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "out.txt").st_mode) == mode


def test_a_250_byte_output_name_is_written(corpus, tmp_path: Path) -> None:
    target = tmp_path / ("é" * 123 + ".txt")  # 250 bytes in UTF-8
    assert len(os.fsencode(target.name)) == 250
    assert main(["clean", str(corpus["good"]), "-o", str(target)]) == 0
    assert STORY in target.read_text(encoding="utf-8")


def test_write_failures_are_one_line_naming_the_file(
    corpus, tmp_path: Path, monkeypatch, capsys
) -> None:
    good = str(corpus["good"])
    missing = tmp_path / "no" / "such" / "out.txt"
    assert main(["clean", good, "-o", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: {missing}: its folder does not exist\n"
    target = tmp_path / "out.txt"
    target.write_text("before\n", encoding="utf-8")
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # a read-only folder, even for root
    assert main(["clean", good, "-o", str(target), "--force"]) == 2
    assert capsys.readouterr().err == f"error: {target}: permission denied\n"
    monkeypatch.undo()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["report", good, str(corpus["good_html"]), "-o", str(target), "--force"]) == 2
    assert capsys.readouterr().err == f"error: {target}: no space left on device\n"
    assert target.read_text(encoding="utf-8") == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # temp file removed


@pytest.mark.skipif(os.name != "posix", reason="shell redirections")
def test_closed_and_full_standard_output(corpus) -> None:
    good = str(corpus["good"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    closed = subprocess.run(["sh", "-c", 'exec "$0" -m gui.launcher clean "$1" >&-',
                             sys.executable, good], capture_output=True, env=env, timeout=60)
    assert (closed.returncode, closed.stderr) == (2, b"error: standard output: is closed\n")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([sys.executable, "-m", "gui.launcher", "clean", good],
                                    stdout=full, stderr=subprocess.PIPE, env=env, timeout=60)
        assert result.returncode == 2
        assert result.stderr == b"error: standard output: no space left on device\n"


def test_a_reader_that_goes_away_is_no_error(corpus) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    child = subprocess.Popen([sys.executable, "-m", "gui.launcher", "clean",
                              str(corpus["long_line"])], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    assert child.wait(60) == 0
    assert child.stderr.read() == b""


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_ctrl_c_ends_with_status_130_and_one_line(tmp_path: Path) -> None:
    bigs = [tmp_path / f"big-{v}.txt" for v in range(2)]  # each under the line limit
    for v, big in enumerate(bigs):
        big.write_text("\n\n".join(f"Line {i} of many short lines, version {v}."
                                   for i in range(45_000)))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    child = subprocess.Popen([sys.executable, "-m", "gui.launcher", "align", *map(str, bigs)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    time.sleep(2.0)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (130, b"error: interrupted\n")


# --- clean --each ------------------------------------------------------------------------


def test_each_carries_on_past_any_bad_file(corpus, tmp_path: Path, monkeypatch, capsys) -> None:
    import core.cli

    names = [str(corpus[k]) for k in ("good", "png", "jsonld_surrogate", "good_html", "empty")]
    out = tmp_path / "out"
    (out / "good.txt").mkdir(parents=True)  # the first file's output cannot be written
    real = core.cli._clean_one

    def flaky(version):
        if version.path == names[2]:
            raise RuntimeError("a bug")
        return real(version)

    monkeypatch.setattr(core.cli, "_clean_one", flaky)
    assert main(["clean", "--each", *names, "-o", str(out)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"error: {out / 'good.txt'}: is a folder",
        f"error: {names[1]}: binary file (PNG image)",
        f"error: {names[2]}: internal error (RuntimeError: a bug)",
        f"error: {names[4]}: empty file",
    ]
    assert STORY in (out / "good-2.txt").read_text(encoding="utf-8")


def test_each_checks_outputs_against_inputs_in_linear_time(tmp_path: Path, monkeypatch) -> None:
    """Each output is compared with every input through one set, not a stat per input."""
    files = []
    for i in range(300):
        path = tmp_path / f"f{i:03}.txt"
        path.write_text(f"Title {i}\n\n{STORY}\n", encoding="utf-8")
        files.append(str(path))
    calls = 0
    real_stat = os.stat

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real_stat(*args, **kwargs)

    monkeypatch.setattr(os, "stat", counting)
    assert main(["clean", "--each", *files, "-o", str(tmp_path / "out")]) == 0
    assert calls < 20 * len(files)  # 300 x 300 comparisons would be 90,000


# --- Markdown export ---------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HOSTILE_TEXTS = [
    '<img src=x onerror="alert(1)"> and <script>alert(2)</script> in a sentence.',
    "![photo](http://evil.example/x.png) and [click](javascript:alert(3)) inline.",
    "<http://evil.example/auto> and &lt;b&gt; and &amp; written as entities.",
    "*not emphasis* and __not strong__ and `not code` and ~~not struck~~ here.",
    "| not | a | table |",
    "# not a heading",
    "> not a quote",
    "- not a list item",
    "1. not a numbered item",
    "===",
    "    not indented code",
    "a backslash \\* and a trailing backslash \\",
]


def test_markdown_export_shows_text_never_markup() -> None:
    from markdown_it import MarkdownIt

    from core.article import Article, ArticleBlock
    from core.export import to_markdown
    from core.model import BlockKind

    code = "print('```')\n```\n~~~\n    ````` still code"
    article = Article(
        title="A <b>title</b> # with [a](javascript:x) link #", subtitle="*sub* <i>x</i>",
        byline="By <a href=x>Someone</a>", date=None,
        body=(*(ArticleBlock(BlockKind.PARAGRAPH, t) for t in HOSTILE_TEXTS),
              ArticleBlock(BlockKind.HEADING, "Section <u>x</u> #", level=2),
              ArticleBlock(BlockKind.LIST_ITEM, "[item](http://evil.example)"),
              ArticleBlock(BlockKind.QUOTE, "<q>quoted</q> ![](http://evil.example/q.png)"),
              ArticleBlock(BlockKind.CODE, code)),
    )
    rendered = MarkdownIt("commonmark", {"html": True}).enable(
        ["table", "strikethrough"]).render(to_markdown(article))
    parser = _Tags()
    parser.feed(rendered)
    assert parser.tags <= {"h1", "h2", "p", "em", "ul", "li", "blockquote", "pre", "code"}, (
        parser.tags, rendered)
    shown = "".join(parser.text)  # the parser has decoded the entities
    for text in (*HOSTILE_TEXTS, "A <b>title</b> # with [a](javascript:x) link #",
                 "Section <u>x</u> #", "[item](http://evil.example)", code):
        assert text.strip() in shown, (text, shown)
    assert "evil.example" not in "".join(re.findall(r"<[^>]+>", rendered))


# --- resources ---------------------------------------------------------------------------


def test_long_paragraphs_are_compared_in_linear_time_and_repeats_still_found() -> None:
    import random

    from core.clean import clean
    from core.model import Block, BlockKind, Format, Version

    rng = random.Random(3)
    words = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote",
             "debate", "money")
    texts = [" ".join(rng.choice(words) for _ in range(70_000)) + "." for _ in range(5)]
    texts.insert(3, texts[1].replace("city", "town", 3))
    blocks = (Block(BlockKind.HEADING, "Council Passes Budget"),
              *(Block(BlockKind.PARAGRAPH, t) for t in texts))
    start = time.monotonic()
    cleaned = clean(Version("long.txt", Format.TEXT, "utf-8", blocks))
    assert time.monotonic() - start < 10  # character edit distance: 4 s per pair
    dropped = [i for i, v in enumerate(cleaned.verdicts) if not v.keep]
    assert dropped == [4], [v.reason for v in cleaned.verdicts]
    assert cleaned.verdicts[4].reason.startswith("repeats block 3")


def test_resemblance_tells_shared_vocabulary_from_a_repeat() -> None:
    import random

    from core.fuzzy import resemblance, similarity, sketch

    rng = random.Random(4)
    words = ["alpha", "beta", "gamma", "delta"]
    a = " ".join(rng.choice(words) for _ in range(5000))
    b = " ".join(rng.choice(words) for _ in range(5000))
    assert resemblance(sketch(a), sketch(b)) < 90  # four words: the worst case
    assert resemblance(sketch(a), sketch(a + " omega")) > 95
    assert similarity("short text here", "short text hare") > 90  # plain ratio when short


def test_normalise_and_clean_text_cap_combining_runs() -> None:
    from core.normalize import normalize
    from core.sanitize import MAX_COMBINING, clean_text

    zalgo = "Z" + "\u0301\u0316" * 50_000 + "a"
    start = time.monotonic()
    assert len(clean_text(zalgo)) == 2 + MAX_COMBINING
    assert normalize(zalgo).endswith("a")
    assert time.monotonic() - start < 1  # NFKC alone: 15 s
    assert clean_text("e\u0301") == "e\u0301"  # ordinary accents stay
    assert clean_text("a\x0cb\x0bc") == "a\nb\nc"


def test_story_text_survives_every_round_two_input(corpus) -> None:
    """Sanity for the corpus: each round-two text file still reads as its story."""
    from core.load import load_path

    for key in ("space_run", "nbsp_run", "paren_ap", "caption_dots_txt", "comments_noext"):
        version = load_path(corpus[key])
        assert STORY in " ".join(b.text for b in version.blocks), key
    assert TEXT.split("\n\n")[0] in load_path(corpus["combining"]).blocks[0].text
