"""Loading a file (or dropped text) into a `Version`: bytes -> text -> blocks.

Files are only ever opened for reading; nothing referenced by a page is fetched.
"""

from __future__ import annotations

import os
from pathlib import Path

from core.model import Block, Format, InputError, Metadata, Version
from core.sources.detect import binary_reason, decode, sniff_format

MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted; an article, even a book-length one, is far smaller."""

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".md", ".markdown", ".mdown"}
)


def load_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Version:
    """Read one file as a version; raises `InputError` with a one-line reason."""
    name = os.fspath(path)
    file = Path(name)
    try:
        if file.is_dir():
            raise InputError(name, "is a folder, not a file")
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError(
                name, f"too large ({_mb(size)}; the limit is {_mb(max_bytes)})"
            )
        with open(file, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over {_mb(max_bytes)}, the limit)")
    return load_bytes(data, name=name)


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
    """Parse already decoded text (a file's, or text dropped from another program)."""
    fmt = format or sniff_format(name, text)
    blocks, metadata = parse(text, fmt)
    if not any(block.text.strip() for block in blocks):
        raise InputError(name, "no readable text in it")
    return Version(path=name, format=fmt, encoding=encoding, blocks=tuple(blocks),
                   metadata=metadata)


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
