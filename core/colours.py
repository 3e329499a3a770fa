"""The one colour scheme of the comparison, light and dark, as plain hex strings.

The window (``gui.colours``) and the HTML report (``core.report``) both read these, so a
mark means the same colour everywhere. The hues follow the Okabe–Ito set, which stays
distinguishable under protanopia and deuteranopia: inserted text is blue, changed text
amber, removed text vermilion and also struck through (so it never relies on colour
alone), moved passages reddish purple. Every text background keeps a contrast of at
least 4.5:1 with the text drawn on it (``tests/test_colours.py`` checks this, and checks
the marks stay apart under simulated colour blindness).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DARK", "LIGHT", "MARK_NAMES", "STATUS_NAMES", "Colours", "heat", "scheme_for"]

MARK_NAMES: dict[str, str] = {
    "ins": "added",
    "chg": "changed",
    "del": "removed",
}
"""What each word mark means, as the legend and the report say it."""

STATUS_NAMES: dict[str, str] = {
    "same": "same in every version",
    "changed": "wording differs",
    "partial": "missing in some versions",
    "moved": "moved",
}
"""What each row status means, as the legend, the tooltips and the report say it."""


@dataclass(frozen=True, slots=True)
class Colours:
    """Every colour the comparison draws, for one of the light or dark palettes."""

    dark: bool
    text: str
    dim: str
    base: str
    ins: str  # background of added words
    chg: str  # background of changed words
    delete: str  # background of removed words (drawn struck through as well)
    detail: str  # the changed characters inside a short changed word
    find: str  # every match of the find bar
    find_current: str  # the match the find bar is on
    badge_bg: str
    badge_fg: str
    fold_bg: str
    fold_fg: str
    strip_changed: str  # row marks: overview strip, row header tints, heat map ends
    strip_partial: str
    strip_moved: str
    tint_changed: str
    tint_partial: str
    tint_moved: str
    heat_low: str  # 0 % similar
    heat_high: str  # 100 % similar

    def mark(self, mark: str) -> str | None:
        """Background colour of a word mark ("ins", "chg", "del"), None for unmarked."""
        return {"ins": self.ins, "chg": self.chg, "del": self.delete}.get(mark)

    def status(self, status: str) -> str | None:
        """The overview-strip colour of a row status (None for "same")."""
        return {"changed": self.strip_changed, "partial": self.strip_partial,
                "moved": self.strip_moved}.get(status)


LIGHT = Colours(
    dark=False, text="#1d1d1f", dim="#6e6e73", base="#ffffff",
    ins="#cde4fa", chg="#fde3a0", delete="#f9cdb8", detail="#f2b134",
    find="#c8c8ff", find_current="#8f8cf0",
    badge_bg="#eedcf0", badge_fg="#5a2a62",
    fold_bg="#f0f0f4", fold_fg="#4a4a52",
    strip_changed="#e69f00", strip_partial="#0072b2", strip_moved="#cc79a7",
    tint_changed="#fcebc2", tint_partial="#d6e8f7", tint_moved="#f1dcea",
    heat_low="#fdf6e3", heat_high="#08519c",
)

DARK = Colours(
    dark=True, text="#e8e8ea", dim="#9a9aa0", base="#1e1e20",
    ins="#1f4a73", chg="#5f4b0f", delete="#7a2a2a", detail="#806000",
    find="#2f2a6e", find_current="#5a55b0",
    badge_bg="#4a2a52", badge_fg="#f1dcf4",
    fold_bg="#2a2a2e", fold_fg="#b8b8bf",
    strip_changed="#e69f00", strip_partial="#56b4e9", strip_moved="#cc79a7",
    tint_changed="#4d3d10", tint_partial="#1c3a55", tint_moved="#4a2a44",
    heat_low="#2a2620", heat_high="#4aa3e0",
)


def scheme_for(dark: bool) -> Colours:
    return DARK if dark else LIGHT


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def heat(value: float, colours: Colours) -> str:
    """The heat-map colour of a similarity on the absolute 0–100 scale, in 1 % steps.

    One hue getting steadily darker (lighter on the dark palette) towards 100 %, faster
    near the top, so the order reads the same without colour vision; 92 % is the same
    colour in every set.

    >>> heat(0, LIGHT), heat(100, LIGHT)
    ('#fdf6e3', '#08519c')
    """
    return _heat(max(0, min(100, round(value))), colours)


@lru_cache(maxsize=512)
def _heat(percent: int, colours: Colours) -> str:
    # cubed: versions of one article are mostly 60-100 % alike, and 87 must look unlike 99
    t = (percent / 100.0) ** 3
    low, high = _rgb(colours.heat_low), _rgb(colours.heat_high)
    mixed = (round(a + (b - a) * t) for a, b in zip(low, high, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a hex colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two hex colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=512)
def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    return "#111111" if contrast(background, "#111111") >= contrast(background, "#ffffff") \
        else "#ffffff"
