"""Turning what a user names or drops (files and folders) into the files to load."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from core.load import SUPPORTED_SUFFIXES

MAX_FILES = 500
"""Most files taken from dropped folders at once; a comparison of more is not useful."""


def collect_files(
    paths: Iterable[str | os.PathLike[str]], *, limit: int = MAX_FILES
) -> tuple[list[str], list[str]]:
    """Files to load from ``paths``, and one-line notes about what was skipped.

    A named file is always taken (loading says what is wrong with it); a folder gives its
    supported files, sorted, searched recursively without following symlinked folders
    (so a symlink loop cannot trap it). Duplicates (the same file twice) are taken once.
    """
    files: list[str] = []
    notes: list[str] = []
    seen: set[tuple[int, int] | str] = set()

    def add(path: Path) -> None:
        try:
            stat = path.stat()
            key: tuple[int, int] | str = (stat.st_dev, stat.st_ino)
        except OSError:
            key = str(path)
        if key not in seen:
            seen.add(key)
            files.append(str(path))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _folder_files(path, notes)
            if not found:
                notes.append(f"{path}: no .txt, .html or .md files in this folder")
            for file in found:
                add(file)
        else:
            add(path)
    if len(files) > limit:
        notes.append(f"only the first {limit} of {len(files)} files were taken")
        files = files[:limit]
    return files, notes


def _folder_files(folder: Path, notes: list[str]) -> list[Path]:
    found: list[Path] = []
    skipped = 0
    for root, dirs, names in os.walk(folder, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(path)
            else:
                skipped += 1
    if skipped:
        notes.append(f"{folder}: skipped {skipped} file(s) that are not .txt, .html or .md")
    return found
