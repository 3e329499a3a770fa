"""Atomic saving that never touches an input file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class SaveRefused(Exception):
    """A save that must not happen (it would overwrite an input, or an existing file)."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name one file (through symlinks, case or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def check_target(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]],
    *,
    overwrite: bool = True,
) -> None:
    """Raise `SaveRefused` if ``target`` is one of ``inputs`` (or exists and not ``overwrite``)."""
    for source in inputs:
        if same_file(target, source):
            raise SaveRefused(f"{os.fspath(target)}: is an input file; it is never overwritten")
    if not overwrite and Path(target).exists():
        raise SaveRefused(f"{os.fspath(target)}: already exists (use --force to replace it)")
    if Path(target).is_dir():
        raise SaveRefused(f"{os.fspath(target)}: is a folder")


def write_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 beside ``target``, then rename it over ``target``.

    A failure at any point leaves the previous file as it was.
    """
    path = Path(target)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
