"""Loading a file (or dropped text) into a `Version`: bytes -> text -> blocks.

Files are only ever opened for reading; nothing referenced by a page is fetched.
"""

from __future__ import annotations

import os
import stat
from dataclasses import fields, replace
from pathlib import Path

from core.model import Block, Format, InputError, Metadata, Version
from core.sanitize import clean_text
from core.sources.detect import TooComplex, binary_reason, decode, sniff_format

MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted; an article, even a book-length one, is far smaller."""

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".md", ".markdown", ".mdown"}
)


def load_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Version:
    """Read one file as a version; raises `InputError` with a one-line reason."""
    name = os.fspath(path)
    try:
        data = _read(name, max_bytes)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    return load_bytes(data, name=name)


# Read-only; never blocking on a named pipe; never making a terminal our controlling one.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
)


def _read(name: str, max_bytes: int) -> bytes:
    """The bytes of the regular file ``name``, at most ``max_bytes``.

    The checks are made on the opened file itself, so a file swapped for a pipe or a
    device between looking and reading is still refused, never waited on.
    """
    if os.path.isdir(name):
        raise InputError(name, "is a folder, not a file")
    descriptor = os.open(name, _READ_FLAGS)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "not a regular file (a pipe, device or socket)")
        if info.st_size > max_bytes:
            raise InputError(
                name, f"too large ({_mb(info.st_size)}; the limit is {_mb(max_bytes)})"
            )
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over {_mb(max_bytes)}, the limit)")
    return data


def load_bytes(data: bytes, *, name: str, format: Format | None = None) -> Version:
    """Decode and parse the bytes of a file named ``name``."""
    if not data.strip():
        raise InputError(name, "empty file" if not data else "contains only whitespace")
    reason = binary_reason(data)
    if reason:
        raise InputError(name, reason)
    guess = format or _format_from_name(name)
    try:
        text, encoding = decode(data, html=guess is Format.HTML or guess is None)
    except ValueError as error:
        raise InputError(name, str(error)) from None
    return load_text(text, name=name, format=format, encoding=encoding)


def load_text(
    text: str, *, name: str, format: Format | None = None, encoding: str = "utf-8"
) -> Version:
    """Parse already decoded text (a file's, or text dropped from another program).

    Control characters other than tab, line and page breaks are removed (they are never
    article text, and printed to a terminal they could recolour or retitle it), and so are
    lone surrogates and overlong runs of combining marks (`core.sanitize`): first from the
    text, then from what HTML entities, JSON-LD escapes and Markdown character references
    decode to.
    """
    text = clean_text(text)
    fmt = format or sniff_format(name, text)
    try:
        blocks, metadata = parse(text, fmt)
    except TooComplex as error:
        raise InputError(name, str(error)) from None
    if fmt is not Format.TEXT:
        blocks, metadata = _decoded_text_cleaned(blocks, metadata)
    if not any(block.text.strip() for block in blocks):
        raise InputError(name, "no readable text in it")
    return Version(path=name, format=fmt, encoding=encoding, blocks=tuple(blocks),
                   metadata=metadata)


def _decoded_text_cleaned(
    blocks: list[Block], metadata: Metadata
) -> tuple[list[Block], Metadata]:
    """Blocks and metadata with `clean_text` applied to what the parser decoded."""
    blocks = [block if (text := clean_text(block.text)) == block.text
              else replace(block, text=text) for block in blocks]
    values = {f.name: getattr(metadata, f.name) for f in fields(metadata)}
    cleaned = {key: clean_text(value) if isinstance(value, str) else value
               for key, value in values.items()}
    return blocks, metadata if cleaned == values else Metadata(**cleaned)


def parse(text: str, fmt: Format) -> tuple[list[Block], Metadata]:
    """Blocks and metadata of ``text`` read as ``fmt``."""
    if fmt is Format.HTML:
        from core.sources.html import parse_html

        return parse_html(text)
    if fmt is Format.MARKDOWN:
        from core.sources.markdown import parse_markdown

        return parse_markdown(text)
    from core.sources.text import parse_text

    return parse_text(text), Metadata()


def _format_from_name(name: str) -> Format | None:
    suffix = Path(name).suffix.lower()
    if suffix in {".html", ".htm", ".xhtml", ".shtml"}:
        return Format.HTML
    if suffix in {".md", ".markdown", ".mdown"}:
        return Format.MARKDOWN
    if suffix in {".txt", ".text"}:
        return Format.TEXT
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"
