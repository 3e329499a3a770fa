"""Atomic saving that never touches an input file.

Symbolic links are followed on purpose: ``-o link.txt`` writes the file the link names
(the link stays a link), as a shell's ``>`` would. A new file gets the permissions the
umask allows (0666 & ~umask); a replaced file keeps its own.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class SaveRefused(Exception):
    """A save that must not happen or could not be made; the message is one line
    ``FILE: reason``."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when both paths name one file (through symlinks, case or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


class InputFiles:
    """The files a command reads, identified once (device and inode, and resolved path),
    so that checking each of thousands of outputs against them is one lookup, not one
    ``stat`` per input."""

    def __init__(self, inputs: Iterable[str | os.PathLike[str]]) -> None:
        self.ids: set[tuple[int, int]] = set()
        self.paths: set[str] = set()
        for source in inputs:
            self.paths.add(os.path.realpath(source))
            with contextlib.suppress(OSError, ValueError):
                info = os.stat(source)
                self.ids.add((info.st_dev, info.st_ino))

    def __contains__(self, target: object) -> bool:
        if not isinstance(target, str | os.PathLike):
            return False
        try:
            info = os.stat(target)
        except (OSError, ValueError):
            return os.path.realpath(target) in self.paths
        return (info.st_dev, info.st_ino) in self.ids


def check_target(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] | InputFiles,
    *,
    overwrite: bool = True,
) -> None:
    """Raise `SaveRefused` if ``target`` is one of ``inputs`` (or exists and not ``overwrite``).

    A device or named pipe is written through, never replaced, so it needs no
    ``overwrite``; a folder, a socket or a disk device is refused.
    """
    name = os.fspath(target)
    known = inputs if isinstance(inputs, InputFiles) else InputFiles(inputs)
    if target in known:
        raise SaveRefused(f"{name}: is an input file; it is never overwritten")
    try:
        info = os.stat(target)
    except (OSError, ValueError):
        return  # not there (yet): writing it says what is wrong with its folder
    if stat.S_ISDIR(info.st_mode):
        raise SaveRefused(f"{name}: is a folder")
    if stat.S_ISBLK(info.st_mode):
        raise SaveRefused(f"{name}: is a disk device; write to a file instead")
    if stat.S_ISSOCK(info.st_mode):
        raise SaveRefused(f"{name}: is a socket")
    if stat.S_ISREG(info.st_mode) and not overwrite:
        raise SaveRefused(f"{name}: already exists (use --force to replace it)")


def writes_through(target: str | os.PathLike[str]) -> bool:
    """True when ``target`` is a character device (``/dev/null``, a terminal) or a named
    pipe: written as it is, since renaming a file over it would replace the device."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NAME_MAX = 255
_TEMP_EXTRA = len(".") + len(".") + 8 + len(".tmp")  # mkstemp adds 8 random characters


def _temp_prefix(name: str) -> str:
    """``.NAME.`` cut so the temporary file's name fits the usual 255-byte limit."""
    encoded = os.fsencode(name)
    room = _NAME_MAX - _TEMP_EXTRA
    if len(encoded) > room:  # cut, dropping a character the cut splits
        name = encoded[:room].decode("utf-8", "ignore")
    return f".{name}."


def write_atomic(target: str | os.PathLike[str], text: str, *, sync: bool = True) -> None:
    """Write ``text`` as UTF-8 beside ``target``, then rename it over ``target``.

    A symbolic link is followed (the file it names is written). A failure at any point
    leaves the previous file as it was; the `OSError` is raised for the caller to word.
    With ``sync`` false the data is not forced to disk before the rename: a caller writing
    many files calls `sync_files` once at the end (one disk flush instead of one a file).
    """
    path = Path(os.path.realpath(target))
    data = text.encode("utf-8", "replace")
    handle, temp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp",
                                    dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~current_umask()
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def sync_files(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Force files written with ``sync=False`` (and the renames) to disk: one ``sync()``
    where the system has it (70 ms for 2,000 files, where an fsync of each took 1.6 s),
    else an fsync of each file and folder."""
    paths = list(paths)
    if not paths:
        return
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in {os.path.realpath(p) for p in paths} | {
            os.path.dirname(os.path.realpath(p)) for p in paths}:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def write_through(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` into a device or named pipe as it is (opening a pipe waits for its
    reader, as a shell's ``>`` does)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(target, flags), "wb") as out:
        out.write(text.encode("utf-8", "replace"))
