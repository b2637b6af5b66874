"""Figures and widgets use the course palette: a static scan of every colour written in wmolab/.

Allowed: the colours of wmolab.plots.PALETTE (seaborn's colour-blind palette), greys, and pale tints
(relative luminance above 0.8) used as backgrounds behind text that carries the meaning itself; colour maps
only from a list of perceptually uniform or single-hue maps that stay readable with colour-vision
deficiencies and in greyscale.
"""
from __future__ import annotations

import re

import pytest

from wmolab.plots import PALETTE

from helpers import ROOT

HEX = re.compile(r"['\"]#([0-9a-fA-F]{6})['\"]")
CMAP = re.compile(r"cmap\s*=\s*['\"]([A-Za-z_]+)['\"]")
SAFE_CMAPS = {"viridis", "cividis", "magma", "inferno", "plasma", "Blues", "Greys", "Purples", "Oranges",
              "Greens", "mako", "rocket", "crest", "flare"}
NAMED = re.compile(r"color\s*=\s*['\"](red|green|blue|yellow|orange|purple|pink|cyan|magenta|lime)['\"]")
SOURCES = sorted((ROOT / "wmolab").rglob("*.py"))


def allowed(hexcode: str) -> bool:
    r, g, b = (int(hexcode[i:i + 2], 16) for i in (0, 2, 4))
    luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
    return f"#{hexcode.lower()}" in PALETTE or r == g == b or luminance > 0.8


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_colours_come_from_the_palette(path):
    text = path.read_text(encoding="utf-8")
    bad = [f"#{h}" for h in HEX.findall(text) if not allowed(h)]
    assert not bad, f"colours outside the course palette: {bad} (use wmolab.plots.PALETTE)"
    assert not NAMED.findall(text), "named saturated colours: use wmolab.plots.PALETTE"
    maps = [m for m in CMAP.findall(text) if m.removesuffix("_r") not in SAFE_CMAPS]
    assert not maps, f"colour maps that are not colour-blind safe: {maps}"


def test_the_scan_catches_a_bad_colour():
    assert not allowed("ff0000") and allowed("0173b2") and allowed("777777") and allowed("f8e2bf")
