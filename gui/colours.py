"""`core.colours` as QColors for the window's palette: one scheme for every widget."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette

from core.colours import Colours, heat, scheme_for, text_on


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass(frozen=True)
class Scheme:
    """Colours for one palette, chosen by whether its base colour is dark."""

    dark: bool
    colours: Colours
    text: QColor
    dim: QColor
    base: QColor
    ins: QColor
    delete: QColor
    chg: QColor
    detail: QColor
    find: QColor
    find_current: QColor
    badge_bg: QColor
    badge_fg: QColor
    fold_bg: QColor
    fold_fg: QColor
    gap: QColor
    current: QColor
    accent: QColor
    tint_changed: QColor
    tint_partial: QColor
    tint_moved: QColor
    mark_changed: QColor
    mark_partial: QColor
    mark_moved: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Scheme:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        c = scheme_for(dark)
        current = QColor(highlight)
        current.setAlpha(60 if dark else 40)
        q = QColor
        return cls(
            dark, c, text, mix(text, base, 0.45), base,
            ins=q(c.ins), delete=q(c.delete), chg=q(c.chg), detail=q(c.detail),
            find=q(c.find), find_current=q(c.find_current),
            badge_bg=q(c.badge_bg), badge_fg=q(c.badge_fg),
            fold_bg=mix(base, q(c.fold_bg), 1.0), fold_fg=q(c.fold_fg),
            gap=mix(base, text, 0.12 if dark else 0.10), current=current, accent=highlight,
            tint_changed=q(c.tint_changed), tint_partial=q(c.tint_partial),
            tint_moved=q(c.tint_moved), mark_changed=q(c.strip_changed),
            mark_partial=q(c.strip_partial), mark_moved=q(c.strip_moved),
        )

    def mark_colour(self, mark: str) -> QColor | None:
        return {"ins": self.ins, "del": self.delete, "chg": self.chg,
                "char": self.detail}.get(mark)

    def status_colour(self, kind: str) -> QColor:
        """Overview-strip colour of "changed", "partial" or "moved"."""
        return {"moved": self.mark_moved, "partial": self.mark_partial}.get(
            kind, self.mark_changed)

    def row_tint(self, kind: str) -> QColor:
        """Row-number background of "changed", "partial" or "moved"."""
        return {"moved": self.tint_moved, "partial": self.tint_partial}.get(
            kind, self.tint_changed)

    def heat(self, value: float) -> tuple[QColor, QColor]:
        """Background and text colour of a similarity (0-100) in the heat map."""
        return _heat_colours(max(0, min(100, round(value))), self.colours)


@lru_cache(maxsize=256)
def _heat_colours(percent: int, colours: Colours) -> tuple[QColor, QColor]:
    background = heat(percent, colours)
    return QColor(background), QColor(text_on(background))
