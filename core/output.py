"""Where a command's output goes: standard output, a file, a device or a pipe.

``-`` (and ``/dev/stdout``, ``/dev/fd/N``) mean the process's own stream; a character
device or named pipe is written through; a regular file is replaced atomically (see
`core.save`). Every failure is a `SaveRefused` with one line ``FILE: reason``.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterable

from core.save import (
    InputFiles,
    SaveRefused,
    check_target,
    write_atomic,
    write_through,
    writes_through,
)

STDOUT = "-"
STDOUT_NAME = "standard output"

_FD_ALIAS = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}


def reason_of(error: OSError, target: str | None = None) -> str:
    """An OSError as the lower-case reason of an error line about ``target``."""
    if error.errno == errno.ENOENT and target is not None and not os.path.isdir(
        os.path.dirname(os.path.abspath(target))
    ):
        return "its folder does not exist"
    if error.errno == errno.ENAMETOOLONG:
        return "file name too long"
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def descriptor_of(target: str) -> int | None:
    """The file descriptor ``target`` names (``-``, ``/dev/stdout``, ``/dev/fd/3``), if any."""
    if target == STDOUT:
        return 1
    if target in _STREAMS:
        return _STREAMS[target]
    match = _FD_ALIAS.match(target)
    return int(match.group(1)) if match else None


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output; a closed or full stream is a `SaveRefused`.

    A reader that went away (``| head``) is not an error: the rest is dropped quietly.
    """
    stream = sys.stdout
    if stream is None:
        raise SaveRefused(f"{STDOUT_NAME}: is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
    except UnicodeEncodeError:
        raise SaveRefused(f"{STDOUT_NAME}: its encoding ({stream.encoding}) cannot show this "
                          "text; set PYTHONIOENCODING=utf-8 or use -o FILE") from None
    except (OSError, ValueError) as error:  # ValueError: the stream object was closed
        reason = reason_of(error) if isinstance(error, OSError) else "is closed"
        _silence_stdout()
        raise SaveRefused(f"{STDOUT_NAME}: {reason}") from None


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so Python's own flush at exit does
    not fail a second time and print a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _write_descriptor(target: str, fd: int, text: str) -> None:
    if fd == 1:
        write_stdout(text)
        return
    if fd == 2 and sys.stderr is not None:
        sys.stderr.flush()
    data = text.encode("utf-8", "replace")
    try:
        while data:
            data = data[os.write(fd, data):]
    except OSError as error:
        reason = "is not open" if error.errno == errno.EBADF else reason_of(error)
        raise SaveRefused(f"{target}: {reason}") from None


def write_output(
    target: str | None,
    text: str,
    *,
    inputs: Iterable[str] | InputFiles = (),
    overwrite: bool = False,
    sync: bool = True,
) -> None:
    """Write ``text`` where the user asked: standard output for None or ``-``, else the
    file ``target`` (never an input; an existing file only with ``overwrite``; ``sync``
    as for `core.save.write_atomic`)."""
    if target is None:
        write_stdout(text)
        return
    fd = descriptor_of(target)
    if fd is not None:
        _write_descriptor(target, fd, text)
        return
    check_target(target, inputs, overwrite=overwrite)
    try:
        if writes_through(target):
            write_through(target, text)
        else:
            write_atomic(target, text, sync=sync)
    except OSError as error:
        raise SaveRefused(f"{target}: {reason_of(error, target)}") from None
