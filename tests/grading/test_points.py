"""The instructors guide's table of points per lesson is the one the marked solution sheets give."""
from __future__ import annotations

import shutil

from wmolab.authoring.grading import points

from helpers import ROOT


def test_the_guides_points_table_follows_the_sheets():
    text = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
    table = text.split(points.START, 1)[1].split(points.END, 1)[0].strip()
    assert table == points.points_table(ROOT), "run `python -m wmolab.authoring.grading.points --write`"


def test_a_stale_table_is_rewritten(tmp_path):
    guide = tmp_path / "guide.md"
    shutil.copy2(ROOT / "docs" / "instructors.md", guide)
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("| 03_steering_perspectives |", "| 03_steering_perspectives | 99 |", 1),
                     encoding="utf-8")
    assert points.write_table(guide, ROOT) and not points.write_table(guide, ROOT)
    assert guide.read_text(encoding="utf-8") == text.split(points.START)[0] + points.START + "\n" + \
        points.points_table(ROOT) + "\n" + points.END + text.split(points.END, 1)[1]
