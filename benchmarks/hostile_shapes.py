"""More resource cases for bench_hostile.py ``--big``: page and text shapes seen to cost
seconds per 100,000 parts (one tag of 100,000 attributes, flat lists and line breaks,
200,000 paragraphs, books of 6 and 58 MB in long paragraphs, every paragraph moved,
thousands of identical paragraphs)."""

from __future__ import annotations

import random
from pathlib import Path

_WORDS = ("council", "budget", "mayor", "bridge", "school", "park", "city", "vote")
_TITLE = "Council passes the budget after a long debate"


def shape_cases(root: Path) -> dict[str, list[str]]:
    """Write the inputs under ``root``; the command lines that run them."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)

    def words(n: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(n))

    def page(name: str, body: str) -> str:
        path = root / name
        path.write_text(f"<html><body><h1>{_TITLE}</h1>{body}</body></html>\n",
                        encoding="utf-8")
        return str(path)

    def text(name: str, paragraphs: list[str]) -> str:
        path = root / name
        path.write_text(_TITLE + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        return str(path)

    attrs = " ".join(f"data-a{i}='v{i}'" for i in range(100_000))
    items = [f"Item {i}: {words(6)}." for i in range(40_000)]
    shuffled = items[:]
    rng.shuffle(shuffled)
    same = ["The same sentence comes again here."] * 20_000
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(
        rng.randint(2, 9))) for _ in range(30_000)]

    def book(paragraphs: int) -> list[str]:  # long paragraphs of varied words
        return [" ".join(rng.choice(vocabulary) for _ in range(200)).capitalize() + "."
                for _ in range(paragraphs)]

    return {
        "html_attributes_100k": ["clean", page("attributes.html", f"<p {attrs}>{words(80)}</p>")],
        "html_list_items_100k": ["clean", page("list.html", "<ul>" + "".join(
            f"<li>{words(6)}</li>" for _ in range(100_000)) + "</ul>")],
        "html_line_breaks_100k": ["clean", page("breaks.html", "<p>" + "<br>".join(
            words(6) for _ in range(100_000)) + "</p>")],
        "html_flat_divs_100k": ["clean", page("divs.html", "".join(
            f"<div class='c{i % 50}'>{words(5)}</div>" for i in range(100_000)))],
        "text_paragraphs_200k": ["clean", text("paragraphs.txt", [
            f"Paragraph {i} of the text." for i in range(200_000)])],
        "text_book_6mb": ["clean", text("book-6mb.txt", book(4_600))],
        "text_book_58mb": ["clean", text("book-58mb.txt", book(44_500))],
        "moved_items_40k_diff": ["diff", text("items-a.txt", items),
                                 text("items-b.txt", shuffled)],
        "moved_items_40k_align": ["align", str(root / "items-a.txt"),
                                  str(root / "items-b.txt")],
        "same_paragraphs_20k_align": ["align", text("same-a.txt", same), text(
            "same-b.txt", [*same[:10_000], "A different one.", *same[10_000:]])],
    }
