"""Bytes to text: binary detection, encodings, line endings, format sniffing."""

from __future__ import annotations

import codecs
import doctest

import pytest

from core.model import Format
from core.sources import detect
from core.sources.detect import binary_reason, decode, sniff_format

WESTERN = "café “quoted” – naïve"
LATIN1 = "Grüße aus München: café, naïve, señor, déjà vu"


def test_doctests() -> None:
    assert doctest.testmod(detect).failed == 0


# --- decoding --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (WESTERN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + WESTERN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), "utf-16-be"),
        (WESTERN.encode("utf-16-le"), "utf-16-le"),
        (WESTERN.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + WESTERN.encode("utf-32-be"), "utf-32-be"),
        (WESTERN.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be",
         "utf32le-bom", "utf32be-bom", "cp1252"],
)
def test_decode_encodings(data: bytes, encoding: str) -> None:
    assert decode(data) == (WESTERN, encoding)


def test_decode_python_utf16_with_bom() -> None:
    text, encoding = decode("Zürich\n".encode("utf-16"))
    assert text == "Zürich\n"
    assert encoding.startswith("utf-16")


def test_decode_latin1() -> None:
    text, encoding = decode(LATIN1.encode("latin-1"))
    assert text == LATIN1
    assert encoding in {"iso8859-1", "cp1252"}


def test_decode_longer_cp1252_article() -> None:
    article = ("Le café “Chez Zoë” a rouvert – naïve, déjà vu, résumé, façade.\n" * 20)
    assert decode(article.encode("cp1252")) == (article, "cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тест кодировки текста.", "cp1251"),
        ("Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.", "cp1250"),
        ("Γειά σου κόσμε, αυτό είναι ένα τεστ.", "cp1253"),
    ],
)
def test_non_western_single_byte_text_is_not_read_as_cp1252(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding))[0] == text


def test_decode_strips_bom_and_normalises_line_endings() -> None:
    data = codecs.BOM_UTF8 + b"one\r\ntwo\rthree\n\r\nfour"
    assert decode(data) == ("one\ntwo\nthree\n\nfour", "utf-8-sig")


def test_decode_crlf_in_utf16() -> None:
    assert decode("a\r\nb\r".encode("utf-16-le"))[0] == "a\nb\n"


def test_decode_empty() -> None:
    assert decode(b"") == ("", "utf-8")


def _page(charset_tag: str, body: str) -> str:
    head = f"<!DOCTYPE html><html><head>{charset_tag}<title>t</title></head>"
    return f"{head}<body>{body}</body></html>"


def test_meta_charset_honoured() -> None:
    html = _page('<meta charset="windows-1251">', "Привет мир")
    text, encoding = decode(html.encode("cp1251"), html=True)
    assert "Привет мир" in text
    assert encoding == "cp1251"


def test_http_equiv_content_type_honoured() -> None:
    html = _page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">',
                 "Привет мир")
    text, encoding = decode(html.encode("koi8-r"), html=True)
    assert "Привет мир" in text
    assert encoding == "koi8-r"


def test_meta_latin1_means_windows_1252() -> None:
    html = _page('<meta charset="ISO-8859-1">', WESTERN)
    text, encoding = decode(html.encode("cp1252"), html=True)
    assert WESTERN in text
    assert encoding == "cp1252"


def test_wrong_meta_charset_falls_back() -> None:
    html = _page('<meta charset="utf-8">', WESTERN)
    text, _ = decode(html.encode("cp1252"), html=True)
    assert WESTERN in text


def test_meta_single_byte_charset_over_utf8_bytes_falls_back_to_utf8() -> None:
    html = _page('<meta charset="iso-8859-1">', WESTERN)
    assert decode(html.encode("utf-8"), html=True) == (html, "utf-8")


def test_unknown_meta_charset_is_ignored() -> None:
    html = _page('<meta charset="no-such-charset">', WESTERN)
    assert decode(html.encode("utf-8"), html=True) == (html, "utf-8")


def test_meta_charset_ignored_for_plain_text() -> None:
    data = '<meta charset="koi8-r"> café'.encode()
    assert decode(data) == ('<meta charset="koi8-r"> café', "utf-8")


def test_bom_beats_meta_charset() -> None:
    html = _page('<meta charset="iso-8859-1">', WESTERN)
    assert decode(codecs.BOM_UTF8 + html.encode("utf-8"), html=True) == (html, "utf-8-sig")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"GIF89a\x01\x00", "binary file (GIF image)"),
        (b"\x1f\x8b\x08\x00", "binary file (gzip archive)"),
        (b"\x7fELF\x02\x01\x01", "binary file (ELF executable)"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "binary file (WebP image)"),
        (bytes(range(256)) * 4, "binary data (NUL bytes)"),
        (b"abc\x00def\x00\x00\x01\x02xyz" * 10, "binary data (NUL bytes)"),
        (bytes([1, 2, 3, 4, 5, 6, 65, 66]) * 50, "binary data (control bytes)"),
    ],
)
def test_binary_reasons(data: bytes, reason: str) -> None:
    assert binary_reason(data) == reason
    with pytest.raises(ValueError, match=r"^binary "):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain ascii\n",
        WESTERN.encode("utf-8"),
        WESTERN.encode("cp1252"),
        "héllo wörld".encode("utf-16-le"),
        "héllo wörld".encode("utf-16-be"),
        "héllo wörld".encode("utf-16"),
        "héllo wörld".encode("utf-32"),
        b"tab\tand\fform feed\x1b[0m escape",
    ],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert binary_reason(data) is None


def test_reason_is_one_line() -> None:
    for data in (b"%PDF-1.4", b"\x00" * 64):
        reason = binary_reason(data)
        assert reason is not None
        assert "\n" not in reason


# --- format ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", Format.TEXT), ("a.TEXT", Format.TEXT),
        ("a.html", Format.HTML), ("a.htm", Format.HTML), ("a.XHTML", Format.HTML),
        ("a.shtml", Format.HTML),
        ("a.md", Format.MARKDOWN), ("a.markdown", Format.MARKDOWN), ("a.mdown", Format.MARKDOWN),
    ],
)
def test_sniff_by_extension(name: str, expected: Format) -> None:
    # The extension wins over content that looks like something else.
    assert sniff_format(name, "<html><body>\n# Heading\n\n## Sub\n- item\n") == expected
    assert sniff_format(name, "just words") == expected


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html>\n<html><head></head><body><p>x</p></body></html>",
        "  <!doctype HTML><p>x</p>",
        "<html lang='en'>\n<p>x</p>",
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>',
        "<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>",
        "<div>\n<p>one</p><p>two</p><p>three</p>\n</div>",
        "<meta charset=utf-8>\n<body><p>fragment</p></body>",
    ],
)
def test_sniff_html_without_extension(text: str) -> None:
    assert sniff_format("download", text) is Format.HTML


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\nSome text.\n\n## Section\n\nMore.\n",
        "# Title\n\n- one\n- two\n",
        "Title\n=====\n\nText with a [link](https://example.com).\n",
        "---\ntitle: A story\nauthor: Jane\n---\n\nText.\n",
        "Text\n\n```\ncode\n```\n",
        "See [one](http://a.example) and [two](http://b.example).\n",
        "- one\n- two\n\n> quoted\n\nSome **bold** words.\n",
    ],
)
def test_sniff_markdown_without_extension(text: str) -> None:
    assert sniff_format("notes", text) is Format.MARKDOWN


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Just a headline\n\nAnd a paragraph of text.\n",
        "Obituaries Front\n\n- - - - -\n\nTrump arrives\n\n___\n\nStory text.\n",
        "Line\n---\n\nThe price is 5 < 6 and 7 > 3.\n",
        "A paragraph mentioning #hashtags and *one* star.\n",
        "Items:\n\n- one\n- two\n",
        "# not quite enough markdown alone\n\nplain text follows\n",
    ],
)
def test_sniff_plain_text(text: str) -> None:
    assert sniff_format("notes", text) is Format.TEXT


def test_sniff_seed_is_text(data_dir) -> None:
    text = (data_dir / "scraped.txt").read_text(encoding="utf-8")
    assert sniff_format("scraped", text) is Format.TEXT
