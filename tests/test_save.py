"""Atomic saves: a failure mid-write leaves the old file intact; inputs are never targets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core import save
from core.save import SaveRefused, check_target, write_atomic


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_failure_mid_save_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(save.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new text that never lands\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"], "temporary file left behind"


def test_input_file_refused_also_through_symlink(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("x", encoding="utf-8")
    link = tmp_path / "link.txt"
    os.symlink(source, link)
    for target in (source, link, tmp_path / "." / "in.txt"):
        with pytest.raises(SaveRefused, match="input file"):
            check_target(target, [source])


def test_existing_file_needs_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(SaveRefused, match="already exists"):
        check_target(target, [], overwrite=False)
    check_target(target, [], overwrite=True)
