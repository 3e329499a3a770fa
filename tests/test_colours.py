"""The colour scheme: readable text on every mark, marks apart under colour blindness."""

from __future__ import annotations

import itertools

import pytest

from core.colours import DARK, LIGHT, Colours, contrast, heat

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "none": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def _linear(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _lab(rgb_linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb_linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulated_lab(colour: str, kind: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    rgb = [_linear(int(value[i:i + 2], 16)) for i in (0, 2, 4)]
    matrix = SIMULATIONS[kind]
    mixed = tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)
    return _lab(mixed)


def delta_e(a: str, b: str, kind: str) -> float:
    la, lb = simulated_lab(a, kind), simulated_lab(b, kind)
    return sum((x - y) ** 2 for x, y in zip(la, lb, strict=True)) ** 0.5


SCHEMES = {"light": LIGHT, "dark": DARK}


@pytest.mark.parametrize("name", SCHEMES)
def test_text_is_readable_on_every_background(name: str) -> None:
    c: Colours = SCHEMES[name]
    for background in (c.base, c.ins, c.chg, c.delete, c.detail, c.find, c.find_current,
                       c.fold_bg, c.tint_changed, c.tint_partial, c.tint_moved):
        assert contrast(c.text, background) >= 4.5, (name, background)
    assert contrast(c.badge_fg, c.badge_bg) >= 4.5
    assert contrast(c.fold_fg, c.fold_bg) >= 4.5
    assert contrast(c.dim, c.base) >= 3.0


@pytest.mark.parametrize("kind", ["none", "protanopia", "deuteranopia"])
@pytest.mark.parametrize("name", SCHEMES)
def test_marks_stay_apart_under_colour_blindness(name: str, kind: str) -> None:
    c: Colours = SCHEMES[name]
    marks = {"ins": c.ins, "chg": c.chg, "del": c.delete, "base": c.base, "find": c.find}
    for (a, ca), (b, cb) in itertools.combinations(marks.items(), 2):
        # removed text is struck through as well, so it needs less colour distance
        need = 8 if "del" in (a, b) else 12
        assert delta_e(ca, cb, kind) >= need, (name, kind, a, b, delta_e(ca, cb, kind))
    strip = {"changed": c.strip_changed, "partial": c.strip_partial, "moved": c.strip_moved,
             "track": c.fold_bg}
    for (a, ca), (b, cb) in itertools.combinations(strip.items(), 2):
        assert delta_e(ca, cb, kind) >= 15, (name, kind, a, b, delta_e(ca, cb, kind))


@pytest.mark.parametrize("name", SCHEMES)
def test_heat_scale_is_absolute_and_monotonic(name: str) -> None:
    c: Colours = SCHEMES[name]
    lightness = [simulated_lab(heat(v, c), "deuteranopia")[0] for v in range(0, 101, 5)]
    steps = [b - a for a, b in itertools.pairwise(lightness)]
    sign = 1 if c.dark else -1  # darker towards 100 % on light, lighter on dark
    assert all(sign * s >= 0 for s in steps)
    # the range where versions of one article lie is spread widest: 5 % apart is visible
    assert all(sign * s >= 2.5 for s in steps[-8:]), steps[-8:]
    assert delta_e(heat(87, c), heat(99, c), "deuteranopia") >= 12
    assert heat(92, c) == heat(92.0, c)  # no dependence on the other values shown
    assert heat(150, c) == heat(100, c) and heat(-5, c) == heat(0, c)
