"""The command line as a user runs it: output, exit status, error lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.launcher", *args], capture_output=True, text=True,
        timeout=120,
    )


def test_clean_seed_prints_expected(data_dir: Path) -> None:
    result = run("clean", str(data_dir / "scraped.txt"))
    assert result.returncode == 0, result.stderr
    expected = (data_dir / "expected_clean.txt").read_text(encoding="utf-8")
    assert result.stdout == expected.rstrip() + "\n"


def test_clean_does_not_import_qt(data_dir: Path) -> None:
    seed = str(data_dir / "scraped.txt")
    code = (
        "import sys; from gui.launcher import main; import io, contextlib\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['clean', {seed!r}])\n"
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_explain_lists_removals_on_stderr(data_dir: Path, capsys) -> None:
    assert main(["clean", "--explain", str(data_dir / "scraped.txt")]) == 0
    err = capsys.readouterr().err
    assert "photo credit" in err and "tag line" in err and "repeats block 1" in err


def test_json_format(data_dir: Path, capsys) -> None:
    assert main(["clean", "--format", "json", str(data_dir / "scraped.txt")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Joe Biden Allows Ukraine to Strike Inside Russia with Restrictions"
    assert data["byline"] == "by Faruk Imamovic"
    assert {"kind", "text"} <= set(data["body"][0])
    assert data["body"][0]["text"] != data["title"]
    assert all({"block", "kind", "text", "reason"} <= set(r) for r in data["removed"])
    assert all(r["reason"] for r in data["removed"])


@pytest.mark.parametrize("fmt,marker", [("markdown", "# Joe Biden"), ("html", "<h1>Joe Biden")])
def test_other_formats(data_dir: Path, capsys, fmt: str, marker: str) -> None:
    assert main(["clean", "--format", fmt, str(data_dir / "scraped.txt")]) == 0
    assert marker in capsys.readouterr().out


def test_output_file_written_and_existing_needs_force(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    assert main(["clean", str(data_dir / "scraped.txt"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("Joe Biden Allows")
    assert main(["clean", str(data_dir / "scraped.txt"), "-o", str(out)]) == 2
    assert main(["clean", str(data_dir / "scraped.txt"), "-o", str(out), "--force"]) == 0


def test_output_over_input_refused(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes((data_dir / "scraped.txt").read_bytes())
    before = source.read_bytes(), os.stat(source).st_mtime_ns
    result = run("clean", str(source), "-o", str(source), "--force")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "input file" in result.stderr
    assert (source.read_bytes(), os.stat(source).st_mtime_ns) == before


def test_each_writes_one_file_per_input(tmp_path: Path, data_dir: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "a.txt"
    b.parent.mkdir()
    for path in (a, b):
        path.write_bytes((data_dir / "scraped.txt").read_bytes())
    out = tmp_path / "out"
    assert main(["clean", "--each", str(a), str(b), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a-2.txt", "a.txt"]


@pytest.mark.parametrize(
    "content,reason",
    [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary")],
)
def test_bad_input_one_line_error(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("clean", str(bad))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ") and reason in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a folder")):
        result = run("clean", str(path))
        assert result.returncode == 2
        assert result.stderr.strip() == f"error: {path}: {reason}" + (
            ", not a file" if reason == "is a folder" else ""
        )


def test_too_large_names_the_limit(tmp_path: Path) -> None:
    from core.load import load_path
    from core.model import InputError

    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match=r"too large .*the limit is 1000 bytes"):
        load_path(big, max_bytes=1000)


def test_help_for_each_subcommand() -> None:
    result = run("clean", "--help")
    assert result.returncode == 0 and "--explain" in result.stdout


SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
SAMPLE_FILES = [str(SAMPLES / n) for n in
                ("scraped.txt", "revised.txt", "site-page.html", "syndicated.md")]


def test_clean_several_files_gives_consensus_with_sources(capsys) -> None:
    assert main(["clean", "--format", "json", *SAMPLE_FILES]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Joe Biden Allows Ukraine to Strike Inside Russia with Restrictions"
    assert all(isinstance(b["sources"], list) and b["sources"] for b in data["body"])
    texts = [b["text"] for b in data["body"]]
    assert "Joe Biden Ukraine Russia" not in texts
    assert not any("Getty" in t for t in texts)
    assert len(texts) == len(set(texts)), "a paragraph appears twice"


def test_align_json_shape(capsys) -> None:
    assert main(["align", "--format", "json", *SAMPLE_FILES[:3]]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    lines = out.splitlines()  # a row, a block to a line: greppable, and fast to write
    assert len(lines) == 7 + 6 * 3 + sum(len(v["blocks"]) for v in data["versions"]) \
        + len(data["rows"])
    assert [v["path"] for v in data["versions"]] == SAMPLE_FILES[:3]
    seen = [set() for _ in data["versions"]]
    for row in data["rows"]:
        assert row["status"] in ("same", "changed", "partial")
        assert len(row["cells"]) == 3
        for v, cell in enumerate(row["cells"]):
            for b in ([] if cell is None else [cell] if isinstance(cell, int) else cell):
                assert b not in seen[v]
                seen[v].add(b)
        for key, ops in row["words"].items():
            v = int(key)
            base_text = "".join(op[1] for op in ops)
            version_text = "".join(op[2] for op in ops)
            blocks = data["versions"][v]["blocks"]
            cell = row["cells"][v]
            cell = [cell] if isinstance(cell, int) else cell
            assert version_text == " ".join(blocks[b]["text"] for b in cell)
            assert base_text
    for v, version in enumerate(data["versions"]):
        assert seen[v] == set(range(len(version["blocks"]))), "a block is in no row"
    dropped = [b for b in data["versions"][0]["blocks"] if b["dropped"]]
    assert any(b["dropped"] == "photo credit" for b in dropped)


def test_align_status_follows_the_marks_for_a_case_only_change(tmp_path, capsys) -> None:
    """A row whose only difference is a capital letter is "changed" (the word is marked),
    as the window's legend and the report call it, in JSON and in text."""
    body = "\n\nThe {} spoke today about the budget.\n\nThe second paragraph stays put.\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A title here" + body.format("Mayor"), encoding="utf-8")
    b.write_text("A title here" + body.format("mayor"), encoding="utf-8")
    assert main(["align", "--format", "json", str(a), str(b)]) == 0
    statuses = [row["status"] for row in json.loads(capsys.readouterr().out)["rows"]]
    assert statuses == ["same", "changed", "same"]
    assert main(["align", "--format", "text", str(a), str(b)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["same", "changed", "same"]


def test_align_reports_a_moved_paragraph(capsys) -> None:
    assert main(["align", *SAMPLE_FILES[:2]]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert any(row["moved"] == [1] for row in rows)


def test_diff_text_marks_words_without_colour_when_piped() -> None:
    result = run("diff", *SAMPLE_FILES[:2])
    assert result.returncode == 0, result.stderr
    assert "[-stringent restrictions-]{+strict limits+}" in result.stdout
    assert "\033[" not in result.stdout


def test_diff_unified_and_html(tmp_path: Path, capsys) -> None:
    assert main(["diff", "--format", "unified", *SAMPLE_FILES[:2]]) == 0
    assert capsys.readouterr().out.startswith("--- ")
    out = tmp_path / "diff.html"
    assert main(["diff", "--format", "html", "-o", str(out), *SAMPLE_FILES[:2]]) == 0
    assert "<ins>" in out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Council Passes Budget\n\nThe council met <script>alert(1)</script> on Tuesday "
        "<img src=x onerror=alert(2)> and voted for the new budget after a long debate.\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.txt"
    plain.write_text("Council Passes Budget\n\nThe council met on Tuesday and voted for the "
                     "new budget after a long debate.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(plain), str(hostile), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "http://" not in page and "https://" not in page


def test_bad_base_is_a_clear_error() -> None:
    result = run("align", "--base", "7", *SAMPLE_FILES[:2])
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --base 7: no such version (give 0 to 1)"


def test_report_strikes_removed_text_but_not_its_reason(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", *SAMPLE_FILES[:2], "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '</s><span class="reason">removed: photo credit</span>' in page
