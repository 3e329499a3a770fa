"""Bytes to text: is it text at all, which encoding, which format.

The order of evidence when decoding is fixed and documented in `decode`: a byte order
mark wins, then (for HTML) a declared charset that actually decodes, then strict UTF-8,
then charset-normalizer with a correction for Western single-byte text, which
charset-normalizer on its own often reads as cp1250/cp1257 (``naïve`` -> ``naďve``).
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from core.model import Format

__all__ = ["TooComplex", "binary_reason", "decode", "sniff_format"]


class TooComplex(ValueError):
    """Text a parser will not read (too many elements); the message is a one-line reason."""

# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of common non-text files a user might drop on the window by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_SAMPLE = 8192
# C0 control bytes that never appear in text (tab, newlines, form feed, escape excluded).
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}


def _magic_kind(data: bytes) -> str | None:
    """The file type named by the first bytes, if they are a known signature."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2 archive"
    return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte order mark announces, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _nul_pattern_encoding(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, recognised by where its NUL bytes fall.

    Text in the Latin, Greek or Cyrillic ranges written as UTF-16 has one zero byte per
    character, always on the same side; UTF-32 has three of every four bytes zero.
    """
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    for name, unit, zero_slots in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        units = len(sample) // unit
        if units == 0:
            continue
        others = [i for i in range(unit) if i not in zero_slots]
        zeros = sum(
            1 for k in range(units) for i in zero_slots if sample[k * unit + i] == 0
        )
        other_zeros = sum(
            1 for k in range(units) for i in others if sample[k * unit + i] == 0
        )
        if zeros >= 0.6 * units * len(zero_slots) and other_zeros <= 0.05 * units:
            body = sample[: units * unit]
            try:
                body.decode(name)
            except UnicodeDecodeError:
                continue
            return name
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text, in one line, or None when it may well be text.

    UTF-16 and UTF-32 text contain NUL bytes too: a BOM, or NULs in the pattern those
    encodings produce, make the data text.

    >>> binary_reason(b"%PDF-1.7 ...")
    'binary file (PDF document)'
    >>> binary_reason("héllo".encode("utf-16-le")) is None
    True
    """
    kind = _magic_kind(data)
    if kind is not None:
        return f"binary file ({kind})"
    if _bom_encoding(data) is not None:
        return None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        if _nul_pattern_encoding(data) is not None:
            return None
        return "binary data (NUL bytes)"
    if sample:
        controls = sum(1 for byte in sample if byte in _CONTROL)
        if controls > 0.1 * len(sample):
            return "binary data (control bytes)"
    return None


# --- declared charset (HTML) -------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*(?:["']\s*)?([-\w.:]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml\b[^>]*\bencoding\s*=\s*["']([-\w.:]+)["']""", re.I)
# WHATWG: these labels mean windows-1252 in HTML.
_MEANS_CP1252 = frozenset({"ascii", "latin_1", "iso8859_1", "cp1252"})
# Python codecs that are text encodings to Python but not a page's character encoding:
# host-name and escape codecs, UTF-7 (WHATWG forbids it: it smuggles markup), and
# codecs that only exist on Windows or map nothing.
_NOT_PAGE_ENCODINGS = frozenset(
    {"idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7", "undefined",
     "mbcs", "oem", "charmap"}
)


def page_encoding(label: str) -> str | None:
    """The Python codec for a declared charset ``label``, or None when Python knows no
    such character encoding: ``rot13``, ``base64``, ``zlib``, ``hex`` are byte or string
    transforms (decoding with them raises LookupError), ``idna`` and ``punycode`` encode
    host names, not pages.

    >>> page_encoding("Latin1"), page_encoding("rot13"), page_encoding("idna")
    ('iso8859-1', None, None)
    """
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    if info.name.replace("-", "_") in _NOT_PAGE_ENCODINGS:
        return None
    return info.name


def _declared_charset(data: bytes) -> str | None:
    """The Python codec name a page declares in its first 4 KB, if Python knows it."""
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match is None:
            continue
        label = match.group(1).decode("ascii", "replace").strip().lower()
        name = page_encoding(label)
        if name is None:
            continue
        if name.startswith(("utf-16", "utf-32")):
            # An ASCII-readable declaration cannot be in UTF-16: WHATWG says use UTF-8.
            name = "utf-8"
        if name.replace("-", "_") in _MEANS_CP1252:
            name = "cp1252"
        return name
    return None


# --- Western single-byte text ------------------------------------------------------

_WESTERN_EXTRA = frozenset(
    "ŒœŠšŽžƒ“”‘’„‚–—…•€£¥©®™°«»§¶·¢¡¿´¨½±µ\u00a0"
)
# Inverted marks open a Spanish sentence; inside a word they are Polish ż/ą misread.
_INVERTED_IN_WORD = re.compile(r"\w[¿¡]")
_ACCENT_RUN = re.compile("[\u00c0-\u00ff]{3,}")


def _is_western(text: str) -> bool:
    """True when ``text`` reads like Western European text (mostly ASCII letters).

    Cyrillic or Greek bytes read as cp1252 give runs of accented letters; Central
    European ones give characters such as ``¹`` or ``³`` that Western text lacks.
    """
    letters = 0
    accented = 0
    for char in text:
        if char.isascii():
            letters += char.isalpha()
            continue
        if "\u00c0" <= char <= "\u00ff" and char not in "×÷":
            letters += 1
            accented += 1
        elif char not in _WESTERN_EXTRA:
            return False
    if letters == 0:
        return True
    return (
        accented <= 0.3 * letters
        and _ACCENT_RUN.search(text) is None
        and _INVERTED_IN_WORD.search(text) is None
    )


def _western_decode(data: bytes) -> tuple[str, str] | None:
    """cp1252 (or Latin-1 when no cp1252-only bytes occur) if that reads as Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if not _is_western(text):
        return None
    has_c1 = any(0x80 <= byte <= 0x9F for byte in data)
    return text, "cp1252" if has_c1 else "iso8859-1"


def _single_byte(name: str) -> bool:
    """True for codecs that map every byte to one character (cp1252, iso8859-*, koi8...)."""
    try:
        return len(bytes(range(256)).decode(name, "replace")) == 256
    except (LookupError, UnicodeDecodeError):
        return False


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8 with non-ASCII bytes: legacy single-byte text almost never is."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _finish(text: str, encoding: str) -> tuple[str, str]:
    return _normalise_newlines(text.removeprefix("\ufeff")), encoding


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode file bytes to text; return ``(text, python codec name)``.

    Evidence in order: byte order mark; for HTML, a ``<meta charset>`` or http-equiv
    content type in the first 4 KB (ignored if it does not decode the bytes, or if it
    names a single-byte charset for bytes that are valid non-ASCII UTF-8); UTF-16/32
    recognised by its NUL pattern; strict UTF-8; then charset-normalizer, overruled by
    cp1252/Latin-1 when that reads as Western text. The text has no BOM and ``\\n``
    line endings.

    Raises ValueError with a one-line reason when the bytes are not text.

    >>> decode("café\\r\\n".encode("cp1252"))
    ('café\\n', 'iso8859-1')
    """
    if not data:
        return "", "utf-8"
    reason = binary_reason(data)
    if reason is not None:
        raise ValueError(reason)
    bom = _bom_encoding(data)
    if bom is not None:
        name, size = bom
        try:
            return _finish(data[size:].decode(name), name)
        except UnicodeDecodeError:
            pass  # a wrong BOM: look at the bytes themselves
    if html:
        declared = _declared_charset(data)
        if declared is not None and not (_single_byte(declared) and _is_utf8(data)):
            try:
                return _finish(data.decode(declared), declared)
            except (UnicodeError, LookupError):
                pass  # the page lies about its encoding
    nul_encoding = _nul_pattern_encoding(data) if b"\x00" in data[:_SAMPLE] else None
    if nul_encoding is not None:
        try:
            return _finish(data.decode(nul_encoding), nul_encoding)
        except UnicodeDecodeError:
            pass
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    western = _western_decode(data)
    if western is not None:
        return _finish(*western)
    return _finish(*_normalizer_decode(data))


def _normalizer_decode(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    name = page_encoding(best.encoding) if best is not None else None
    if best is None or name is None:
        raise ValueError("not text in any known encoding")
    return str(best), name


# --- format --------------------------------------------------------------------

_EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".shtml": Format.HTML,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".mdown": Format.MARKDOWN,
}

_HTML_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"<\?xml\b[^<>]{0,1000}>")
_HTML_TAG = re.compile(r"<(?:html|head|body)\b[^<>]{0,2000}>", re.IGNORECASE)
_HTML_COMMON = re.compile(r"</(?:p|div|span|a|li|h[1-6]|table|section|article)>", re.IGNORECASE)

_MD_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MD_LINK = re.compile(
    r"!?\[[^\[\]\n]{1,500}\]\([^()\s]{1,2000}(?:[ \t]{1,20}\"[^\"\n]{0,500}\")?\)")
_MD_FENCE = re.compile(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1", re.MULTILINE | re.DOTALL)
_MD_FRONT = re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*:.*\n)+(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_MD_SETEXT_EQ = re.compile(r"^[^\s=].*\n={3,}[ \t]*$", re.MULTILINE)
_MD_SETEXT_DASH = re.compile(r"^[^\s\-].*\n-{3,}[ \t]*$", re.MULTILINE)
_MD_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+[^\s\-*]", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)[^\n*_]{1,300}(?<=\S)\1")
_MD_QUOTE = re.compile(r"^ {0,3}>[ \t]?\S", re.MULTILINE)
_MD_STRONG = (_MD_ATX, _MD_LINK, _MD_FENCE, _MD_SETEXT_EQ)
_MD_WEAK = (_MD_LIST, _MD_EMPHASIS, _MD_QUOTE, _MD_SETEXT_DASH)


_MARKDOWN_SAMPLE = 200_000
"""Characters of a file looked at for markdown syntax."""


def _looks_like_html_document(head: str) -> bool:
    """Whether ``head`` opens with a doctype or ``<html>``, after optional whitespace, an
    XML declaration and comments (skipped with ``find``: a pattern such as
    ``(?:<!--.*?-->\\s*)*`` backtracks exponentially on ``<!----><!---->...``)."""
    position = len(head) - len(head.lstrip())
    declaration = _XML_DECLARATION.match(head, position)
    if declaration:
        position = declaration.end()
    while True:
        while position < len(head) and head[position].isspace():
            position += 1
        if not head.startswith("<!--", position):
            break
        end = head.find("-->", position + 4)
        if end < 0:
            return False
        position = end + 3
    return _HTML_DOCUMENT.match(head, position) is not None


def _markdown_score(text: str) -> int:
    """Points for markdown syntax: 2 per strong kind (+1 if repeated), 1 per weak kind."""
    if _MD_FRONT.match(text) or _MD_FENCE.search(text, 0, _MARKDOWN_SAMPLE):
        return 3
    score = 0
    for pattern in _MD_STRONG:
        hits = pattern.findall(text, 0, _MARKDOWN_SAMPLE)
        if hits:
            score += 3 if len(hits) > 1 else 2
    score += sum(1 for pattern in _MD_WEAK if pattern.search(text, 0, _MARKDOWN_SAMPLE))
    return score


def sniff_format(name: str, text: str) -> Format:
    """The format of a file, by its extension, else by its content.

    Markdown is only claimed when the text is clearly markdown (several kinds of its
    syntax, or one strong kind repeated): scraped plain text has stray ``-`` lines.

    >>> sniff_format("page", "<!DOCTYPE html><html><body>x</body></html>")
    <Format.HTML: 'html'>
    >>> sniff_format("notes", "# Title\\n\\n- one\\n- two\\n")
    <Format.MARKDOWN: 'markdown'>
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text[:20_000]
    if _looks_like_html_document(head) or _HTML_TAG.search(head):
        return Format.HTML
    if head.lstrip().startswith("<") and len(_HTML_COMMON.findall(head)) >= 3:
        return Format.HTML
    if _markdown_score(text) >= 3:
        return Format.MARKDOWN
    return Format.TEXT
