"""Static checks of every committed notebook: hygiene, structure and accessibility.

These read the files only (fast); nbval and the exercise tests execute them.
"""
from __future__ import annotations

import re

import pytest

from helpers import ROOT, ids, notebook_paths, output_text, read
from wmolab.authoring.exercises import generate_notebook
from wmolab.plots import CAPTION_PREFIX

ALL = notebook_paths()
EXECUTED = notebook_paths("notebooks", "solutions")
LESSONS = notebook_paths("notebooks")
HEADING = re.compile(r"^(#{1,6})\s+\S")
FENCE = re.compile(r"^(```|~~~)")


def headings(nb):
    """Heading levels of all markdown cells, in order, ignoring fenced code blocks."""
    levels = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if FENCE.match(line.strip()):
                in_fence = not in_fence
            elif not in_fence and (m := HEADING.match(line)):
                levels.append(len(m.group(1)))
    return levels


def authored(path):
    """The notebook as its author made it: for a sheet in exercises/, the generated one (a student's answers,
    outputs and saved metadata in the file on disk are theirs; test_exercises checks the file is in sync)."""
    if path.parent.name == "exercises":
        return generate_notebook(read(ROOT / "solutions" / path.name))
    return read(path)


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_hygiene(path):
    nb = authored(path)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernelspec must be python3"
    assert "widgets" not in nb.metadata, "no saved widget state (it breaks rendering on GitHub)"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    for cell in code:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"stored error output: {out.get('ename')}"
            data = out.get("data", {})
            assert "application/vnd.jupyter.widget-view+json" not in data, "stored widget view (model ids)"
            text = output_text(out)
            assert not re.search(r"at 0x[0-9a-f]{6,}", text), "a memory address in an output"
            assert "Figure size" not in text, "a bare matplotlib repr: use wmolab.plots.show(fig, alt=...)"
    if path.parent.name == "exercises":
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    else:
        assert all(c.get("execution_count") for c in code), "committed unexecuted (run make notebooks)"
        counts = [c.execution_count for c in code]
        assert counts == list(range(1, len(code) + 1)), "executed top to bottom in one fresh kernel"


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_one_title_and_no_skipped_heading_levels(path):
    levels = headings(authored(path))
    assert levels and levels[0] == 1, "the notebook starts with its H1 title"
    assert levels.count(1) == 1, "exactly one H1 title"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level jumps from {before} to {after}"


IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]{10,})"')


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_every_image_has_visible_alt_text(path):
    """Every figure is an <img> with an alt text (what a screen reader reads in JupyterLab, which ignores image
    metadata), followed by a visible caption."""
    nb = read(path)
    for index, cell in enumerate(nb.cells):
        outs = cell.get("outputs", [])
        for i, out in enumerate(outs):
            data = out.get("data", {})
            assert "image/png" not in data and "image/svg+xml" not in data, (
                f"cell {index + 1}: an image output without alt text (JupyterLab shows no alt): use wmolab.plots.show")
            images = IMG.findall(data.get("text/html", ""))
            for img in images:
                assert ALT.search(img), f"cell {index + 1}: an <img> without a real alt text: {img[:80]}"
            html = data.get("text/html", "")
            if images and "wmolab-static-explorer" in html:
                # an explorer's saved first view: its figure's caption is inside the same rendering, after it
                after = re.sub(r"<[^>]+>", " ", html.split(images[-1], 1)[1])
                assert CAPTION_PREFIX in after, f"cell {index + 1}: an explorer's figure without a visible caption"
            elif images:
                following = outs[i + 1] if i + 1 < len(outs) else {}
                text = output_text(following)
                assert text.startswith(CAPTION_PREFIX) and len(text) > len(CAPTION_PREFIX) + 10, (
                    f"cell {index + 1}: an image without a visible caption (use wmolab.plots.show)"
                )


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_lesson_structure(path):
    nb = read(path)
    first = nb.cells[0].source
    assert re.search(r"\*\*Time", first), "the first cell states the time the lesson takes"
    assert re.search(r"learn", first, re.I), "the first cell states the learning goals"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.search(r"^## Summary", text, re.M), "a lesson ends with a summary"
    assert f"exercises/{path.name}" in text, "the lesson points to its exercise sheet"
    widget_cells = [c for c in nb.cells if c.cell_type == "code" and re.search(r"\bexplore_\w+\(", c.source)]
    assert widget_cells, "each lesson has at least one widget"
    for cell in nb.cells:
        tagged = "nbval-ignore-output" in cell.get("metadata", {}).get("tags", [])
        if tagged:
            assert cell in widget_cells, "only widget cells may be exempt from output checks"


def test_same_slugs_in_all_three_folders():
    names = {folder: {p.name for p in notebook_paths(folder)} for folder in ("notebooks", "solutions", "exercises")}
    assert names["notebooks"] == names["solutions"] == names["exercises"]
    assert all(re.fullmatch(r"\d{2}_[a-z0-9_]+\.ipynb", n) for n in names["notebooks"])
