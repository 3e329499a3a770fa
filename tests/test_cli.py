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
