"""The website's parts that need no full build: generated pages, launch links, the solutions switch, and the
checks of tests/site/test_site.py shown to find the faults they look for."""
from __future__ import annotations

import json
import shutil

import pytest
import sitecheck

from wmolab.authoring import config, site, sitepages

from helpers import ROOT


@pytest.mark.parametrize("locator, shown", [
    ("Tabel 2, p.22, L310-317", "Tabel 2, p.22"),
    ("Fig. 6.1 L3320-3326; Fig. 6.2 L3345-3351", "Fig. 6.1; Fig. 6.2"),
    ("Figuur 12.1 (L9202-9289) and Figuur 12.2 (L9473-9529)", "Figuur 12.1 and Figuur 12.2"),
    ("Bijlage E, L11054-11156 (per row)", "Bijlage E (per row)"),
    ("chapter Methode, 'Caseselectie' L1706-1785; Tabel 1 L1399-1500", "chapter Methode, 'Caseselectie'; Tabel 1"),
    ("L12-14, L91-448", ""),
    ("Bijlage G, L11333-11402 (rows L11350-11402)", "Bijlage G"),
    ("Tabel 1 (p.13, L216-220), Tabel 3 (p.25, L349-360), glosses passim",
     "Tabel 1 (p.13), Tabel 3 (p.25), glosses passim"),
    ("§6.5, L3640 (caption at L3641)", "§6.5"),
    ("002 L4234-8971; 004 L2425-4500", ""),
    ("per row", ""),
])
def test_dataset_pages_cite_the_publication_not_seed_lines(locator, shown):
    assert sitepages.reader_locator(locator) == shown


def test_every_dataset_locator_reads_without_line_numbers():
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        shown = sitepages.reader_locator(res["wmolab"].get("locator", ""))
        assert "L1" not in shown and not any(f"L{d}" in shown for d in "0123456789"), (res["name"], shown)


def test_launch_links_come_from_the_course_configuration():
    cfg = config.load()
    lesson = sitepages.launch_md(cfg, "notebooks", "03_x.ipynb", what="lesson")
    assert config.binder_url(cfg.source, "notebooks/03_x.ipynb", cfg.binder) in lesson
    assert config.nbgitpuller_url(cfg.hub, cfg.student, "notebooks/03_x.ipynb") in lesson, "hub: the student edition"
    solution = sitepages.launch_md(cfg, "solutions", "03_x.ipynb", what="solution sheet")
    assert config.nbgitpuller_url(cfg.hub, cfg.source, "solutions/03_x.ipynb") in solution, "solutions: full course"
    assert ("example" in lesson) == cfg.hub_is_placeholder


def test_glossary_has_every_term_once():
    rows = [{"term_nl": "exit", "term_en": "exit", "definition": "Leaving.", "lesson": "06"},
            {"term_nl": "waardenconflict", "term_en": "value conflict", "definition": "A clash.", "lesson": "02"},
            {"term_nl": "waardenspanning", "term_en": "Value conflict", "definition": "Tension.", "lesson": "05"}]
    text = sitepages.glossary_md(rows, {"02": "02_x.ipynb", "05": "05_x.ipynb", "06": "06_x.ipynb"})
    terms = [line for line in text.split("```{glossary}")[1].splitlines() if line and not line.startswith((" ", "`"))]
    assert terms == ["exit", "waardenconflict", "value conflict", "waardenspanning"]
    assert "[06](notebooks/06_x.ipynb)" in text


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False), (None, False), ('"yes"', None)])
def test_the_solutions_switch_in_course_toml(tmp_path, value, expected):
    text = (ROOT / "course.toml").read_text(encoding="utf-8").replace("solutions = false\n", "")
    if value is not None:
        text = text.replace("\n[site]\n", f"\n[site]\nsolutions = {value}\n")
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    if expected is None:
        with pytest.raises(config.ConfigError, match="true or false"):
            config.load(path)
    else:
        assert config.load(path).site_solutions is expected


@pytest.fixture(scope="module")
def staged_both(tmp_path_factory):
    where = tmp_path_factory.mktemp("stage")
    return site.stage(where / "public", solutions=False), site.stage(where / "private", solutions=True)


def test_solutions_are_staged_only_for_a_private_build(staged_both):
    public, private = staged_both
    assert not public.solutions and not (public.src / "solutions").exists()
    assert "solutions/" not in (public.src / "index.md").read_text(encoding="utf-8")
    assert len(private.solutions) == len(private.notebooks) > 0
    home = (private.src / "index.md").read_text(encoding="utf-8")
    assert "instructor's private build" in home and f"{private.solutions[0]}" in home


def test_every_lesson_and_sheet_gets_its_launch_cell(staged_both):
    public, _ = staged_both
    import nbformat

    for doc in [*public.notebooks, *public.exercises]:
        nb = nbformat.read(public.src / f"{doc}.ipynb", as_version=4)
        assert nb.cells[1].id == site.LAUNCH_CELL_ID and "Binder" in nb.cells[1].source, doc
        original = nbformat.read(ROOT / f"{doc}.ipynb", as_version=4)
        assert [c.source for c in nb.cells[2:]] == [c.source for c in original.cells[1:]], f"{doc}: else as committed"


# --- the checks find the faults they look for ---

def test_the_link_check_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#nowhere">b</a> <a href="#here">self</a>'
                                     '<a href="missing.html">gone</a> <img src="_images/x.png" alt="a b c"></p>')
    (tmp_path / "b.html").write_text('<a href="https://example.org/">out</a><a href="a.html#here">a</a>')
    assert sitecheck.broken_links(tmp_path) == ["a.html: b.html#nowhere (no such anchor)",
                                                "a.html: missing.html (no such file)",
                                                "a.html: _images/x.png (no such file)"]


@pytest.mark.parametrize("img, fault", [
    ('<img src="_images/fig.png">', "no alt text"),
    ('<img src="_images/fig.png" alt="">', "no alt text"),
    ('<img src="_images/fig.png" alt="_images/fig.png">', "not a description"),
    ('<img src="_images/fig.png" alt="Figure: bars of the four shares.">', None),
])
def test_the_image_check_finds_a_figure_without_a_description(img, fault):
    problems = sitecheck.bad_images(sitecheck.parse_html(img))
    assert (fault is None and not problems) or (fault and fault in problems[0])


def test_the_explorer_check_finds_a_placeholder():
    assert sitecheck.placeholder_only(sitecheck.parse_html(
        "<pre>[Interactive explorer: run this cell in Jupyter to use it]</pre>"))
    rendered = sitecheck.parse_html('<div class="wmolab-static-explorer"><img alt="A b c." src="x"></div>')
    assert not sitecheck.placeholder_only(rendered) and rendered.explorers == 1


def test_a_warning_fails_the_build(tmp_path):
    """(On a fork that lives on another git host than GitHub: the theme's repository button is left out.)"""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "site", src)
    (src / "_wmolab.json").write_text(json.dumps({"site": "https://x.test/", "branch": "main",
                                                  "repository": "https://git.uni.test/teach/course.git"}))
    (src / "index.md").write_text("# Home\n\nSee [a page that does not exist](nowhere.md).\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="nowhere"):
        site.run_sphinx(src, tmp_path / "out", jobs="1")


def test_the_publishing_workflow_builds_with_make_site_and_the_readme_links_the_site():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["build"]["steps"]
    assert {"run": "make site"} in steps
    assert any(s.get("with", {}).get("path") == "build/site" for s in steps), "publishes build/site"
    assert any("deploy-pages" in s.get("uses", "") for s in flow["jobs"]["deploy"]["steps"])
    cfg = config.load()
    assert f"]({cfg.site})" in (ROOT / "README.md").read_text(encoding="utf-8"), "run `make links`"
