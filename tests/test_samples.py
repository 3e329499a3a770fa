"""The bundled sample versions clean to the story they carry."""

from __future__ import annotations

from pathlib import Path

from core.article import article_from_cleaned
from core.clean import clean
from core.export import to_text
from core.load import load_path

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def clean_text(name: str) -> str:
    return to_text(article_from_cleaned(clean(load_path(SAMPLES / name))))


def test_news_page_cleans_to_the_story_alone(data_dir: Path) -> None:
    expected = (data_dir / "expected_clean.txt").read_text(encoding="utf-8")
    assert clean_text("site-page.html").strip() == expected.strip()


def test_markdown_copy_keeps_story_and_drops_image_and_tags(data_dir: Path) -> None:
    text = clean_text("syndicated.md")
    expected = (data_dir / "expected_clean.txt").read_text(encoding="utf-8")
    assert text.strip() == expected.strip()


def test_revised_copy_joins_wrapped_lines() -> None:
    paragraphs = clean_text("revised.txt").split("\n\n")
    assert paragraphs[0].endswith("(updated)")
    assert any(p.startswith("In a significant policy shift") and "\n" not in p
               and p.endswith("to CNN.") for p in paragraphs)


def test_edited_text_keeps_structure_for_markdown() -> None:
    from core.article import article_from_text
    from core.export import to_markdown

    article = article_from_cleaned(clean(load_path(SAMPLES / "site-page.html")))
    text = to_text(article).replace("A New Phase in the Conflict", "A New Phase")
    text = text.replace("European Leaders Shift Their Stance\n\n", "")
    edited = article_from_text(text + "\n\nAn added closing line.", article)
    md = to_markdown(edited)
    assert md.startswith("# Joe Biden Allows Ukraine")
    assert "## Pressure from Allies and a Changing Battlefield" in md
    assert "\nA New Phase\n" in md, "an edited heading becomes a paragraph"
    assert "European Leaders Shift" not in md
    assert md.rstrip().endswith("An added closing line.")


def test_news_page_date_line_is_kept_as_the_date() -> None:
    cleaned = clean(load_path(SAMPLES / "site-page.html"))
    reasons = {block.text: reason for _, block, reason in cleaned.removed()}
    assert reasons["May 31, 2024"] == "date line (kept as the article's date)"
    assert cleaned.date == "2024-05-31T09:15:00Z"
