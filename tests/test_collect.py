"""Collecting the files to load from dropped or named paths."""

from __future__ import annotations

import os
from pathlib import Path

from core.collect import collect_files


def test_folder_gives_supported_files_sorted_and_notes_the_rest(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.md").write_text("c", encoding="utf-8")
    files, notes = collect_files([tmp_path])
    assert [Path(f).name for f in files] == ["a.html", "b.txt", "c.md"]
    assert notes == [f"{tmp_path}: skipped 1 file(s) that are not .txt, .html or .md"]


def test_symlink_loop_does_not_trap(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    files, _ = collect_files([tmp_path])
    assert [Path(f).name for f in files] == ["a.txt"]


def test_named_file_taken_once_whatever_its_type(tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG")
    files, notes = collect_files([photo, photo, tmp_path / "missing.txt"])
    assert files == [str(photo), str(tmp_path / "missing.txt")]
    assert notes == []


def test_empty_folder_and_limit(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _, notes = collect_files([empty])
    assert notes == [f"{empty}: no .txt, .html or .md files in this folder"]
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text("x", encoding="utf-8")
    files, notes = collect_files([tmp_path], limit=3)
    assert len(files) == 3 and notes[-1] == "only the first 3 of 5 files were taken"
