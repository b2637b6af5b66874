"""The course website, built once for this module (``wmolab.authoring.site.build``, as ``make site`` does).

Static checks of the HTML (every lesson, sheet and dataset has its page; every internal link and anchor
resolves; every image has a description; no explorer is only a placeholder; no solution on the public
site), then Chromium (Playwright with the system browser, as tests/browser): every page loads without a
script error or a request leaving the machine, search works, and axe-core reports no serious or critical
WCAG 2.1 AA violation on the home page, the lessons and the exercise sheets.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sitecheck

from wmolab.authoring import config, course, site

from helpers import ROOT, notebook_paths, read

LESSONS = notebook_paths("notebooks")
SHEETS = notebook_paths("exercises")
SOLUTIONS = notebook_paths("solutions")
PACKAGE = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUILD_BUDGET_S = 120


def require(condition: bool, message: str) -> None:
    """Skip when a tool is missing; under CI=true a missing tool is a failure, not a skip."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    where = tmp_path_factory.mktemp("website")
    staged, seconds = site.build(where / "site", where / "site-src", solutions=False)
    return {"out": where / "site", "staged": staged, "seconds": seconds}


@pytest.fixture(scope="module")
def out(built) -> Path:
    return built["out"]


def html_of(out: Path, doc: str) -> str:
    return (out / f"{doc}.html").read_text(encoding="utf-8")


def text_of(out: Path, doc: str) -> str:
    """The visible text of a page, with Sphinx's typographic quotes made plain again."""
    text = "".join(sitecheck.parse((out / f"{doc}.html").resolve()).text)
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def test_builds_with_warnings_as_errors_within_budget(built, record_property):
    record_property("site build (s)", round(built["seconds"], 1))
    assert (built["out"] / "index.html").is_file()
    assert built["seconds"] < BUILD_BUDGET_S, f"the site took {built['seconds']:.0f} s (budget {BUILD_BUDGET_S} s)"


def test_a_page_for_every_lesson_and_sheet_with_launch_links(out):
    cfg = config.load()
    assert LESSONS and len(LESSONS) == len(SHEETS)
    for folder, paths in (("notebooks", LESSONS), ("exercises", SHEETS)):
        for path in paths:
            doc = f"{folder}/{path.stem}"
            assert (out / f"{doc}.html").is_file(), f"no page for {doc}"
            title = re.search(r"^#\s+(.+)$", read(path).cells[0].source, re.M).group(1).strip()
            page = html_of(out, doc)
            assert title in text_of(out, doc), f"{doc}: the page does not carry the notebook's title"
            hub_repo = cfg.student
            for link in (config.binder_url(cfg.source, f"{folder}/{path.name}", cfg.binder),
                         config.nbgitpuller_url(cfg.hub, hub_repo, f"{folder}/{path.name}")):
                assert f'href="{link.replace("&", "&amp;")}"' in page, f"{doc}: launch link missing: {link}"
    home = html_of(out, "index")
    for les in course.lessons():
        assert f'href="notebooks/{Path(les["name"]).stem}.html"' in home, f"the course map misses lesson {les['nn']}"


def test_the_dutch_pages_and_the_language_switch(out):
    """The Dutch edition's lessons and sheets have pages with Dutch launch links; each links to the English page and
    back; the home page links the Dutch edition; no Dutch solution page on the public site."""
    cfg = config.load()
    dutch = sorted(p for f in ("notebooks", "exercises") for p in (ROOT / "nl" / f).glob("[0-9][0-9]_*.ipynb"))
    assert dutch, "the Dutch edition has pages"
    for path in dutch:
        folder = path.parent.name
        doc = f"nl/{folder}/{path.stem}"
        page = html_of(out, doc)
        binder = config.binder_url(cfg.source, f"nl/{folder}/{path.name}", cfg.binder)
        assert f'href="{binder.replace("&", "&amp;")}"' in page, f"{doc}: Dutch launch link missing"
        assert f'href="../../{folder}/{path.stem}.html"' in page, f"{doc}: no link to the English page"
        assert f'href="../nl/{folder}/{path.stem}.html"' in html_of(out, f"{folder}/{path.stem}"), \
            f"{folder}/{path.stem}: no link to the Dutch page"
    assert 'href="nl/notebooks/' in html_of(out, "index"), "the home page does not link the Dutch edition"
    assert not (out / "nl" / "solutions").exists(), "Dutch solution pages on the public site"


def test_exercise_sheets_keep_their_questions_and_stay_unexecuted(out):
    for path in SHEETS:
        text = text_of(out, f"exercises/{path.stem}")
        questions = re.findall(r"^## (Question \d{2}\.\d+)", "\n".join(c.source for c in read(path).cells), re.M)
        assert questions and all(q in text for q in questions), f"{path.name}: questions missing on the page"
        assert "✔ correct" not in text, f"{path.name}: the sheet page shows executed self-checks"


def test_a_page_for_every_dataset_with_its_download(out):
    resources = PACKAGE["resources"]
    assert (out / "datasets" / "index.html").is_file()
    for res in resources:
        doc = f"datasets/{res['name']}"
        assert (out / f"{doc}.html").is_file(), f"no page for dataset {res['name']}"
        text = text_of(out, doc)
        assert res["title"].split(":")[0] in text and "Kind of data" in text
        assert not re.search(r"\bL\d{2,}", text.split("Columns")[0]), f"{doc}: seed line numbers in the running text"
        csv_links = [link for link in sitecheck.parse((out / f"{doc}.html").resolve()).links
                     if link.endswith("/" + res["path"])]
        assert csv_links, f"{doc}: no download link to {res['path']}"
        target = (out / "datasets" / csv_links[0]).resolve()
        assert target.read_bytes() == (ROOT / "datasets" / res["path"]).read_bytes(), f"{doc}: not the course's CSV"


def test_glossary_errata_and_instructor_guide(out):
    glossary = text_of(out, "glossary")
    for term in ("keukentafelgesprek", "zwaartepunt", "Municipalities Fund"):
        assert term in glossary, f"the glossary misses {term}"
    assert "Errata" in text_of(out, "errata") and "instructors" in text_of(out, "instructors")


def test_every_internal_link_resolves(out):
    problems = sitecheck.broken_links(out)
    assert not problems, f"{len(problems)} broken link(s): {problems[:10]}"


def test_every_image_has_a_description(out):
    count, problems = 0, []
    for page in sitecheck.pages(out):
        parsed = sitecheck.parse(page)
        count += len(parsed.images)
        problems += [f"{page.relative_to(out.resolve())}: {p}" for p in sitecheck.bad_images(parsed)]
    assert count >= len(LESSONS), "the lessons' figures are missing"
    assert not problems, problems[:10]


def test_no_explorer_is_only_a_placeholder(out):
    for path in LESSONS:
        doc = f"notebooks/{path.stem}"
        parsed = sitecheck.parse((out / f"{doc}.html").resolve())
        assert not sitecheck.placeholder_only(parsed), f"{doc}: an explorer shows only the placeholder text"
        expected = sum(1 for c in read(path).cells if c.cell_type == "code" and re.search(r"\bexplore_\w+\(", c.source))
        assert parsed.explorers >= expected, f"{doc}: {parsed.explorers} static explorer(s), {expected} expected"


def _plain(text: str) -> str:
    """Words only: no Markdown marks, plain quotes, single spaces (to find a cell's text in a rendered page)."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    return " ".join(re.sub(r"[*_`\[\]]", "", text).split())


def test_no_solution_on_the_public_site(out):
    assert not (out / "solutions").exists() and not (out / "_sources" / "solutions").exists(), "solution pages"
    dutch = sorted((ROOT / "nl" / "solutions").glob("[0-9][0-9]_*.ipynb"))
    answers = [" ".join(_plain(re.sub(r"^\W*(Model answer|Modelantwoord)\W*", "", c.source.strip(), flags=re.I))
                        .split()[:8])
               for p in [*SOLUTIONS, *dutch] for c in read(p).cells
               if {"model-answer", "answer"} & set(c.get("metadata", {}).get("tags", []))]  # "answer": nbgrader's
    assert len(answers) >= len(SOLUTIONS), "the solution sheets have model answers to look for"
    for page in sitecheck.pages(out):
        text = _plain("".join(sitecheck.parse(page).text))
        if page.parent.name in ("notebooks", "exercises"):   # (the instructor guide names the markers)
            assert "BEGIN SOLUTION" not in text, f"{page.name}: a solution region"
        leaked = [a for a in answers if a in text]
        assert not leaked, f"{page.name}: a model answer: {leaked[0]}"
    for source in [*out.rglob("*.ipynb"), out / "searchindex.js"]:
        raw = source.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in raw and "**Model answer.**" not in raw and "**Modelantwoord.**" not in raw, \
            f"{source.name}: a solution"


# --- in Chromium ---

@pytest.fixture(scope="module")
def served(out):
    """The site on a loopback port (as GitHub Pages serves it: plain files)."""
    handler = partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on to the next page
            pass


@pytest.fixture(scope="module")
def browser():
    path = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    require(path is not None, "Chromium not found: the website's browser tests need it "
            "(sudo apt-get install chromium; .ci/run does this in CI).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True,
                               args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                     "--disable-background-networking", "--disable-component-update"])
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console error: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"script error: {e}"))
    # (a request cut off by the next navigation is not a fault; a missing file is)
    pg.on("response", lambda r: r.status >= 400 and pg.problems.append(f"HTTP {r.status}: {r.url}"))

    def only_loopback(route):
        if route.request.url.startswith(served):
            return route.continue_()
        pg.problems.append(f"request leaves the machine: {route.request.url}")
        return route.abort()

    pg.route("**/*", only_loopback)
    yield pg
    context.close()


def test_every_page_loads_without_a_script_error_offline(page, served, out):
    problems = []
    for path in sitecheck.pages(out):
        rel = path.relative_to(out.resolve()).as_posix()
        page.problems.clear()
        page.goto(f"{served}/{rel}", wait_until="load")
        problems += [f"{rel}: {p}" for p in page.problems]
    assert not problems, problems[:10]


def test_search_works_offline(page, served):
    page.goto(f"{served}/search.html?q=keukentafelgesprek", wait_until="load")
    page.wait_for_selector("#search-results li", timeout=30_000)
    found = page.locator("#search-results li a").all_inner_texts()
    assert any("Glossary" in t or "00" in t for t in found), found
    assert not page.problems, page.problems


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    options = "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"
    result = page.evaluate(f"tags => axe.run(document, {options})", AXE_TAGS)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


AXE_PAGES = ["index", *(f"notebooks/{p.stem}" for p in LESSONS), *(f"exercises/{p.stem}" for p in SHEETS),
             "instructors", "glossary", "errata", "datasets/index", "datasets/survey_table2"]


def test_no_serious_accessibility_violation(page, served, out):
    """axe-core, WCAG 2.1 A and AA rules, on the home page, every lesson and every exercise sheet (and one page
    of each other kind: the instructor guide, glossary, errata, dataset list and a dataset)."""
    require(AXE.is_file(), f"axe-core is not installed at {AXE}: run `make test` (it installs requirements/"
            "package.json with npm; Debian: sudo apt-get install nodejs npm)")
    found = {}
    for doc in AXE_PAGES:
        page.goto(f"{served}/{doc}.html", wait_until="load")
        for v in axe_violations(page):
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
            found.setdefault(doc, []).append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {targets}")
    assert not found, json.dumps(found, indent=1)[:4000]
