"""A corpus of hostile and broken inputs, generated on the spot (nothing is downloaded).

``make_corpus(folder)`` writes every input into ``folder`` and returns ``{key: path}``;
``python tests/make_bad_inputs.py DIR`` does the same from the shell. The keys are stable
names the tests use to state what each input must give.
"""

from __future__ import annotations

import os
import random
import sys
import zlib
from pathlib import Path

STORY = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Members argued for hours about the cost of repairing the old bridge. "
    "The mayor said the vote was a victory for every family in the city."
)
"""A paragraph of plain prose that survives cleaning."""

PARAGRAPHS = [
    "Council Passes Budget After Long Debate",
    STORY,
    "Opponents said the plan leaves too little money for schools and parks in the "
    "poorer districts of the city, and they promised to raise the issue again next year.",
    "The budget takes effect on the first of July and runs for twelve months.",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"

REMOTE = "http://evil.example"
"""Every remote reference in the corpus points here, so tests can look for it."""

TOO_LARGE = 200 * 1024 * 1024
"""Apparent size of the sparse too-large file (far over core.load.MAX_BYTES)."""


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = b"IHDR" + (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    chunk = len(ihdr[4:]).to_bytes(4, "big") + ihdr + zlib.crc32(ihdr).to_bytes(4, "big")
    return header + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", TEXT)
    return buffer.getvalue()


def _pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
            + TEXT.encode() + b"\ntrailer << >>\n%%EOF\n")


def _page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Council Passes "
            f"Budget</title>{head}</head><body>{body}</body></html>\n")


def _article_html() -> str:
    return "".join(
        f"<h1>{p}</h1>" if i == 0 else f"<p>{p}</p>" for i, p in enumerate(PARAGRAPHS)
    )


def _remote_page() -> str:
    head = (
        f'<base href="{REMOTE}/base/">'
        f'<link rel="stylesheet" href="{REMOTE}/style.css">'
        f'<link rel="preload" href="{REMOTE}/font.woff2">'
        f'<meta http-equiv="refresh" content="0; url={REMOTE}/refresh">'
        f'<script src="{REMOTE}/tracker.js"></script>'
        f"<style>@import url({REMOTE}/import.css); body{{background:url({REMOTE}/bg.png)}}"
        "</style>"
    )
    body = (
        "<article><h1>Council Passes Budget After Long Debate</h1>"
        f'<img src="{REMOTE}/photo.jpg" srcset="{REMOTE}/photo-2x.jpg 2x" alt="The mayor">'
        f'<iframe src="{REMOTE}/frame.html"></iframe>'
        f"<p>{STORY}</p>"
        f'<p><a href="javascript:alert(1)">Opponents</a> said the plan leaves too little '
        "money for schools and parks in the poorer districts of the city.</p>"
        f'<video src="{REMOTE}/clip.mp4" poster="{REMOTE}/poster.jpg"></video>'
        f'<object data="{REMOTE}/flash.swf"></object><embed src="{REMOTE}/embed.swf">'
        f'<p style="background:url({REMOTE}/inline.png)">The budget takes effect on the '
        f'first of July and <a href="{REMOTE}/more">runs for twelve months</a>.</p>'
        f'<svg><image href="{REMOTE}/svg.png"/></svg>'
        f'<form action="{REMOTE}/post"><input src="{REMOTE}/input.png" type="image"></form>'
        "</article>"
    )
    return _page(body, head)


def _script_payloads() -> str:
    attr = '"><script>alert(1)</script>'
    body = (
        f'<article><h1 title=\'{attr}\'>Council Passes Budget After Long Debate</h1>'
        f"<p onclick=\"alert(2)\" data-x='{attr}'>{STORY} "
        "&lt;script&gt;alert(3)&lt;/script&gt; and &lt;img src=x onerror=alert(4)&gt; "
        "were typed by a reader.</p>"
        '<p>A link: <a href="javascript:alert(5)" onmouseover="alert(6)">click here</a> '
        "to read javascript:alert(7) as plain words in the story text.</p>"
        f"<p>{PARAGRAPHS[2]}</p></article>"
    )
    return _page(body)


def _unicode_text() -> str:
    return "\n\n".join([
        "Council Passes Budget \U0001f4b0 After Long Debate",
        "מועצת העיר אישרה את התקציב החדש ביום שלישי לאחר ויכוח ארוך.",
        "مجلس المدينة وافق على الميزانية الجديدة يوم الثلاثاء بعد نقاش طويل.",
        "市议会在经过长时间辩论后于星期二批准了新的预算案市长表示这次投票是每个家庭的胜利。",
        "東京都議会は火曜日に長い議論の末新しい予算を承認した。",
        "Ze\u0301ro\u0308 combining\u0301\u0302\u0303 marks a\u0336b\u0336c\u0336 "
        "Z\u0351\u0352\u0353\u0354\u0355a\u0356\u0357l\u0358\u0359go text is here.",
        "Zero\u200bwidth\u200c joiners\u200d and\u2060 marks\ufeff inside the words "
        "and a right-to-left \u202eoverride\u202c too.",
        "Emoji \U0001f468\u200d\U0001f469\u200d\U0001f467 families \U0001f1fa\U0001f1e6 "
        "flags \U0001f44d\U0001f3fd and skin tones appear in the story.",
        STORY,
    ]) + "\n"


def make_corpus(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Write every bad input into ``folder``; return ``{key: path}``."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1234)
    files: dict[str, Path] = {}

    def put(key: str, name: str, data: bytes | str) -> Path:
        path = root / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        files[key] = path
        return path

    # --- empty, binary, encodings ------------------------------------------------
    put("empty", "empty.txt", b"")
    put("whitespace", "whitespace.txt", b" \t\n\r\n   \n\x0c\n")
    put("png", "photo.txt", _png())
    put("zip", "archive.html", _zip())
    put("pdf", "document.md", _pdf())
    put("random", "random.txt", rng.randbytes(64 * 1024))
    put("random_noext", "random", rng.randbytes(4096))
    put("nul_in_text", "nul.txt", TEXT.encode()[:200] + b"\x00\x00\x00" + TEXT.encode()[200:])
    put("invalid_utf8", "invalid-utf8.txt",
        TEXT.encode() + b"Caf\xc3 au lait \xe2\x82 and \xff\xfe\xfd bytes.\n")
    put("utf16le_bom", "utf16le-bom.txt", "\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le"))
    put("utf16be_bom", "utf16be-bom.txt", "\ufeff".encode("utf-16-be") + TEXT.encode("utf-16-be"))
    put("utf16le", "utf16le.txt", TEXT.encode("utf-16-le"))
    put("utf16be", "utf16be.txt", TEXT.encode("utf-16-be"))
    western = TEXT + "\nThe café’s naïve owner paid €5 for a “crème brûlée” — très cher.\n"
    put("cp1252", "cp1252.txt", western.encode("cp1252"))
    put("latin1", "latin1.txt", (TEXT + "\nThe café's naïve owner, Zoë, paid 5 £.\n")
        .encode("latin-1"))
    put("cp1252_html", "cp1252.html",
        ("<html><body>" + _article_html() + f"<p>{western}</p></body></html>").encode("cp1252"))

    # --- line endings, size ----------------------------------------------------------
    put("mixed_endings", "mixed-endings.txt",
        "Council Passes Budget\r\n\r\n" + STORY + "\n\n" + PARAGRAPHS[2] + "\r\r"
        + PARAGRAPHS[3] + "\r\n")
    put("old_mac", "old-mac.txt", TEXT.replace("\n", "\r"))
    words = ("alpha", "beta", "gamma", "delta", "budget", "council", "mayor", "bridge")
    line = " ".join(rng.choice(words) for _ in range(5 * 1024 * 1024 // 6))
    put("long_line", "long-line.txt", line[: 5 * 1024 * 1024] + ".\n")
    big = root / "too-large.txt"
    with open(big, "wb") as handle:
        handle.write(TEXT.encode())
        handle.truncate(TOO_LARGE)  # sparse: takes no disk space
    files["too_large"] = big

    # --- pathological HTML --------------------------------------------------------------
    depth = 10_000
    put("deep_nesting", "deep.html",
        _page("<div>" * depth + f"<p>{STORY}</p>" + "</div>" * depth + f"<p>{PARAGRAPHS[3]}</p>"))
    put("deep_unclosed", "deep-unclosed.html", _page("<div><span><b><i>" * 2_500 + STORY))
    put("many_empty", "many-empty.html",
        _page(_article_html() + "<span></span>" * 50_000 + "<div></div>" * 50_000))
    put("unclosed", "unclosed.html",
        "<html><body><h1>Council Passes Budget<p>" + STORY + "<p>" + PARAGRAPHS[2]
        + "<div><table><tr><td>cell<ul><li>item<p>" + PARAGRAPHS[3] + "<b><i><a href=x")
    put("only_scripts", "only-scripts.html",
        "<html><head><style>body{color:red}</style><script>var x = 'Council Passes "
        "Budget';</script></head><body><script>document.write('hello world')</script>"
        "<style>p{}</style><noscript><style>x{}</style></noscript></body></html>")
    put("remote_refs", "remote.html", _remote_page())
    put("script_payloads", "payloads.html", _script_payloads())
    put("script_text", "script-in-text.txt",
        "Council Passes Budget\n\n" + STORY + " <script>alert(1)</script> "
        '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> '
        f"{REMOTE}/page was quoted.\n\n" + PARAGRAPHS[2] + "\n")
    put("markdown_payloads", "payloads.md",
        "# Council Passes Budget\n\n" + STORY + "\n\n<script>alert(1)</script>\n\n"
        f"[click](javascript:alert(2)) ![photo]({REMOTE}/photo.jpg) "
        f'<img src="{REMOTE}/x.png" onerror="alert(3)">\n\n' + PARAGRAPHS[2] + "\n")
    put("xml_bomb", "entities.html",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f"<html><body><p>&lol2; {STORY}</p></body></html>")

    # --- text content -------------------------------------------------------------------
    put("unicode", "unicode.txt", _unicode_text())
    put("control_chars", "controls.txt",
        "Council Passes Budget\x1b[31m\n\n" + STORY + "\x07\x7f\x1b]0;title\x07\n")

    # --- names and file-system oddities ---------------------------------------------------
    put("odd_name", "we ird $(touch PWNED) `id` ;&|<>'\"!*? ünï 日本 \U0001f600.txt", TEXT)
    put("dash_name", "-o.txt", TEXT)
    if os.name == "posix":  # a line break and terminal escapes in a file name
        put("control_name", "line\nbreak \x1b[31mred\x07.txt", TEXT)
    loops = root / "loops"
    loops.mkdir(exist_ok=True)
    (loops / "story.txt").write_text(TEXT, encoding="utf-8")
    for name, target in (("self", "."), ("parent", "..")):
        if not (loops / name).is_symlink():
            (loops / name).symlink_to(target, target_is_directory=True)
    for name, target in (("a.txt", "b.txt"), ("b.txt", "a.txt")):
        if not (loops / name).is_symlink():
            (loops / name).symlink_to(target)
    files["symlink_loop_folder"] = loops
    files["symlink_loop_file"] = loops / "a.txt"
    dangling = root / "dangling.txt"
    if not dangling.is_symlink():
        dangling.symlink_to(root / "does-not-exist.txt")
    files["dangling_symlink"] = dangling
    folder_named_file = root / "x.txt"
    folder_named_file.mkdir(exist_ok=True)
    (folder_named_file / "inside.txt").write_text(TEXT, encoding="utf-8")
    files["dir_named_txt"] = folder_named_file
    files["missing"] = root / "missing.txt"
    fifo = root / "pipe.txt"
    if hasattr(os, "mkfifo"):  # a named pipe: opening it for reading may wait forever
        if not fifo.exists():
            os.mkfifo(fifo)
        files["fifo"] = fifo
    locked = put("unreadable", "unreadable.txt", TEXT)
    locked.chmod(0)  # root still reads it; tests also simulate PermissionError
    put("good", "good.txt", TEXT)
    put("good_html", "good.html", _page(_article_html()))
    _round_two(root, files, put, rng)
    return files


def _json_ld(value: str) -> str:
    """A JSON-LD script whose headline and author are ``value`` (raw JSON text)."""
    return ('<script type="application/ld+json">{"@type": "NewsArticle", '
            f'"headline": "{value}", "author": {{"name": "{value}"}}}}</script>')


CHARSET_LABELS = ("rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "idna", "punycode",
                  "utf-7", "unicode_escape", "x-no-such-charset", "utf-16")
"""Declared charsets that are no page encoding (or are wrong for the bytes)."""

CAFE = "The café’s naïve owner paid €5 for a crème brûlée."


def _round_two(root: Path, files: dict[str, Path], put, rng: random.Random) -> None:
    """Inputs that once took minutes (a pattern backtracking), reached the terminal
    (control characters made by entities and JSON escapes) or ended in an internal error
    (lone surrogates, charsets that are byte transforms)."""
    # --- patterns: each took from 14 s to hours before they were made linear ----------
    put("comments_noext", "comments", "<!---->" * 34 + STORY)
    put("comments_php", "comments.php", "<!---->" * 34 + STORY)
    put("space_run", "spaces.txt", PARAGRAPHS[0] + "\n\n" + STORY + " " * 40_000 + "end.\n")
    put("nbsp_run", "nbsp.txt", PARAGRAPHS[0] + "\n\n" + STORY + "\u00a0" * 40_000 + "end.\n")
    words = ("alpha", "beta", "gamma", "delta", "budget", "council", "mayor", "bridge")
    put("line_unknown", "line.dat",
        " ".join(rng.choice(words) for _ in range(200_000 // 6)) + " " + STORY + "\n")
    put("emphasis_md", "emphasis.md", "**a " * 50_000 + "\n\n" + STORY + "\n")
    put("emphasis_noext", "emphasis", "**a " * 50_000 + "\n\n" + STORY + "\n")
    put("brackets_md", "brackets.md", "[" * 100_000 + "\n\n" + STORY + "\n")
    put("caption_dots_html", "dots.html", _page(
        f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY}</p><figure><figcaption>" + "A." * 20_000
        + "</figcaption></figure>"))
    put("caption_dots_txt", "dots.txt", TEXT + "\nMonday, July 16, 2018 " + "A." * 20_000 + "\n")
    put("paren_ap", "paren.txt", TEXT + "\nx(" + "/AP" * 33_000 + "\n")
    put("combining", "combining.txt", TEXT + "\nZ" + "\u0301\u0316" * 50_000 + "a\n")
    put("one_long_word", "one-long-word.txt", TEXT + "\n" + "A." * 1_000_000 + "\n")
    put("md_nested_divs", "nested-divs.md",
        f"# {PARAGRAPHS[0]}\n\n{STORY}\n\n" + "<div>" * 20_000 + "\n")
    put("md_deep_quotes", "deep-quotes.md", ">" * 100_000 + " " + STORY + "\n")
    put("md_deep_lists", "deep-lists.md", "- " * 50_000 + STORY + "\n\n" + "".join(
        "  " * depth + f"- item {depth}\n" for depth in range(300)) + "\n" + PARAGRAPHS[2] + "\n")
    put("title_spaces", "title-spaces.html",
        _page(f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY}</p>").replace(
            "<title>Council Passes Budget</title>", "<title>" + "\t" * 60_000 + "x</title>"))
    turned = STORY.replace("budget", "\u202ebudget\u202c").replace("debate", "\u2067debate\u2069")
    put("bidi_text", "bidi.txt", f"{PARAGRAPHS[0]}\n\n{turned}\n\nמחיר \u200f(50)\u200f שקל.\n")
    # --- control characters that only appear after decoding ---------------------------
    put("entity_controls", "entities.html", _page(
        f"<h1>Council &#27;[2J&#27;]0;owned&#7; Budget</h1><p>{STORY} &#27;[31mred&#x9b;31m "
        "&#x1b;[1;1H&#0;&#x7f;&#x85;</p>"))
    put("jsonld_controls", "jsonld-controls.html", _page(
        f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY}</p>",
        _json_ld("Council \\u001b[2J\\u009b31m Budget \\u0007")))
    put("jsonld_surrogate", "jsonld-surrogate.html", _page(
        f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY}</p>", _json_ld("Council \\ud800 Budget \\udfff")))
    put("jsonld_deep", "jsonld-deep.html", _page(
        f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY}</p>",
        '<script type="application/ld+json">' + "[" * 100_000 + "</script>"))
    put("entity_surrogate", "entity-surrogate.md",
        f"# Council &#xd800; Budget\n\n{STORY} &#55296; &#x1b;[2J\n")
    # --- declared charsets that are no text encoding ------------------------------------
    for label in CHARSET_LABELS:
        put(f"charset_{label}", f"charset-{label}.html",
            _page(f"<h1>{PARAGRAPHS[0]}</h1><p>{STORY} {CAFE}</p>").replace(
                'charset="utf-8"', f'charset="{label}"'))
    # --- names ----------------------------------------------------------------------------
    put("bidi_name", "report\u202etxt.exe.txt", TEXT)
    if os.name == "posix" and sys.platform != "darwin":  # macOS refuses invalid UTF-8 names
        path = Path(os.fsdecode(os.fsencode(root) + b"/bad-\xff\xfe-name.txt"))
        path.write_text(TEXT, encoding="utf-8")
        files["bytes_name"] = path


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "bad-inputs"
    for key, path in make_corpus(target).items():
        print(f"{key:20} {path}")
