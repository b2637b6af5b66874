"""Build the course website into ``build/site/``: ``make site`` (``python -m wmolab.authoring.site``).

Readers (students reading ahead, instructors deciding whether to adopt the course) read WMO Lab as a
website, without running anything. The build has two steps:

1. **stage** the pages into ``build/site-src/`` (generated, never committed): the Sphinx configuration
   and style of ``site/``; the home page with the course map; every lesson (``notebooks/``, committed
   executed) and every exercise sheet (``exercises/``, unexecuted), each with its launch links (Binder
   and the JupyterHub, from ``course.toml``) inserted under its introduction; the instructor guide; one
   generated page per dataset from ``datasets/datapackage.json``, with the CSV to download; the glossary
   (from ``datasets/glossary.csv``) and the errata. The solution sheets stay off unless ``course.toml``
   says ``[site] solutions = true`` (an instructor's private build);
2. **build** them with Sphinx, MyST-NB and the book theme (pinned in ``requirements/site.txt``): no
   notebook is executed, warnings are errors (``-W --keep-going``), and nothing is fetched from the
   network (search is Sphinx's own local index).

``python -m wmolab.authoring.site [OUT] [--solutions | --public]`` (the flags override ``course.toml``
for one build). It prints the number of pages and the build time; tests/site checks the result.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from wmolab.authoring import config as cfgmod
from wmolab.authoring import course, sitepages
from wmolab.authoring.nbexec import write_notebook

__all__ = ["ROOT", "SRC", "OUT", "LAUNCH_CELL_ID", "Staged", "stage", "build", "run_sphinx", "main"]

ROOT = cfgmod.ROOT
SRC = ROOT / "build" / "site-src"
OUT = ROOT / "build" / "site"
#: The id of the launch-links cell inserted into every lesson and sheet page.
LAUNCH_CELL_ID = "wmolab-launch"
FOLDERS = {"notebooks": ("Lessons", "lesson"), "exercises": ("Exercise sheets", "exercise sheet"),
           "solutions": ("Solution sheets (instructors)", "solution sheet")}


@dataclass
class Staged:
    """What was staged: the page names (Sphinx documents, without suffix) by kind."""

    src: Path
    notebooks: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)
    dutch: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[str]:
        return [*self.other, *self.notebooks, *self.exercises, *self.solutions, *self.dutch, *self.datasets]


#: The Dutch edition's pages (nl/): toctree captions and what the launch line calls them.
FOLDERS_NL = {"notebooks": ("Nederlands: lessen", "les"), "exercises": ("Nederlands: opgavenbladen", "opgavenblad"),
              "solutions": ("Nederlands: uitwerkingen (docenten)", "uitwerking")}


def _launch_md_nl(cfg: cfgmod.CourseConfig, folder: str, name: str) -> str:
    """The launch links of a Dutch page (nl/<folder>/<name>), in Dutch."""
    path = f"nl/{folder}/{name}"
    hub_repo = cfg.source if folder == "solutions" else cfg.student
    return (f"**Voer deze {FOLDERS_NL[folder][1]} uit:** [op Binder]({cfgmod.binder_url(cfg.source, path, cfg.binder)})"
            f" (niets te installeren) · [op je JupyterHub]({cfgmod.nbgitpuller_url(cfg.hub, hub_repo, path)}).")


def _switch_md(root: Path, folder: str, name: str, dutch: bool) -> str:
    """The language switch of a lesson or sheet page: a link to the same page in the other language, if any."""
    if dutch:
        return f"\n\n*[English version of this page](../../{folder}/{name})*"
    if (root / "nl" / folder / name).exists():
        return f"\n\n*[Nederlandse versie van deze pagina](../nl/{folder}/{name})*"
    return ""


def _with_launch_links(path: Path, cfg: cfgmod.CourseConfig, folder: str, root: Path = ROOT,
                       dutch: bool = False) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    text = _launch_md_nl(cfg, folder, path.name) if dutch else \
        sitepages.launch_md(cfg, folder, path.name, what=FOLDERS[folder][1])
    text += _switch_md(root, folder, path.name, dutch)
    launch = nbformat.v4.new_markdown_cell(text)
    launch.id = LAUNCH_CELL_ID
    nb.cells.insert(1, launch)
    return nb


def _toctree(caption: str, docs: list[str]) -> str:
    return f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n:caption: {caption}\n\n" + "\n".join(docs) + "\n```\n"


def stage(src: Path = SRC, *, root: Path = ROOT, cfg: cfgmod.CourseConfig | None = None,
          solutions: bool | None = None) -> Staged:
    """Write the website's sources into ``src`` (emptied first); return what was staged."""
    cfg = cfg or cfgmod.load(root / cfgmod.CONFIG_NAME)
    solutions = cfg.site_solutions if solutions is None else solutions
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(root / "site", src)
    staged = Staged(src)
    (src / "_wmolab.json").write_text(json.dumps({
        "site": cfg.site, "repository": cfg.source.url, "branch": cfg.source.branch}, indent=1), encoding="utf-8")

    lessons = course.lessons(root)
    lesson_names = {les["nn"]: les["name"] for les in lessons}
    for folder in ("notebooks", "exercises", *(("solutions",) if solutions else ())):
        (src / folder).mkdir()
        for path in sorted((root / folder).glob("[0-9][0-9]_*.ipynb")):
            write_notebook(_with_launch_links(path, cfg, folder, root), src / folder / path.name)
            getattr(staged, folder).append(f"{folder}/{path.stem}")
    dutch_trees = []
    for folder in ("notebooks", "exercises", *(("solutions",) if solutions else ())):
        docs = []
        for path in sorted((root / "nl" / folder).glob("[0-9][0-9]_*.ipynb")):
            (src / "nl" / folder).mkdir(parents=True, exist_ok=True)
            write_notebook(_with_launch_links(path, cfg, folder, root, dutch=True), src / "nl" / folder / path.name)
            docs.append(f"nl/{folder}/{path.stem}")
        if docs:
            dutch_trees.append(_toctree(FOLDERS_NL[folder][0], docs))
            staged.dutch += docs

    shutil.copy2(root / "docs" / "instructors.md", src / "instructors.md")
    (src / "docs").mkdir()  # the one-page Python reference every exercise sheet links to (../docs/…)
    shutil.copy2(root / "docs" / "python-reference.md", src / "docs" / "python-reference.md")
    (src / "errata.md").write_text(sitepages.errata_md((root / "datasets" / "ERRATA.md").read_text(encoding="utf-8")),
                                   encoding="utf-8")
    with (root / "datasets" / "glossary.csv").open(encoding="utf-8", newline="") as fh:
        terms = list(csv.DictReader(fh))
    (src / "glossary.md").write_text(sitepages.glossary_md(terms, lesson_names), encoding="utf-8")

    (src / "datasets").mkdir()
    package = json.loads((root / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    resources = sorted(package["resources"], key=lambda r: r["name"])
    for res in resources:
        shutil.copy2(root / "datasets" / res["path"], src / "datasets" / res["path"])
        shutil.copy2(root / "datasets" / "resources" / f"{res['name']}.json", src / "datasets" / f"{res['name']}.json")
        (src / "datasets" / f"{res['name']}.md").write_text(sitepages.dataset_md(res, lesson_names), encoding="utf-8")
        staged.datasets.append(f"datasets/{res['name']}")
    (src / "datasets" / "index.md").write_text(sitepages.datasets_index_md(resources, lesson_names), encoding="utf-8")

    trees = [_toctree(FOLDERS[f][0], getattr(staged, f)) for f in ("notebooks", "exercises", "solutions")
             if getattr(staged, f)]
    trees += dutch_trees
    trees.append(_toctree("Help", ["docs/python-reference"]))
    trees.append(_toctree("For instructors", ["instructors"]))
    trees.append(_toctree("Data and sources", ["datasets/index", "glossary", "errata"]))
    home = sitepages.home_md(cfg, lessons, solutions=solutions, toctrees="\n".join(trees))
    if staged.dutch:  # the language switch of the home page: the Dutch edition starts at its first lesson
        tagline = "Dutch social domain.**\n"
        home = home.replace(tagline, tagline + f"\n*[Nederlandse versie: begin hier]({staged.dutch[0]}.ipynb)* "
                            "(de lessen die al in het Nederlands zijn, staan onder *Nederlands: lessen*)\n", 1)
    (src / "index.md").write_text(home, encoding="utf-8")
    staged.other = ["index", "instructors", "docs/python-reference", "datasets/index", "glossary", "errata"]
    return staged


def build(out: Path = OUT, src: Path = SRC, *, root: Path = ROOT, cfg: cfgmod.CourseConfig | None = None,
          solutions: bool | None = None, jobs: str = "auto") -> tuple[Staged, float]:
    """Stage and build the website into ``out`` (emptied first); return what was staged and the seconds taken.

    Raises ``SystemExit`` with Sphinx's messages when the build warns or fails.
    """
    start = time.perf_counter()
    staged = stage(src, root=root, cfg=cfg, solutions=solutions)
    run_sphinx(src, out, jobs=jobs)
    return staged, time.perf_counter() - start


def run_sphinx(src: Path, out: Path, *, jobs: str = "auto") -> None:
    """Sphinx's HTML build of ``src`` into ``out`` (emptied first), warnings as errors; ``SystemExit`` on failure."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-j", jobs,
           "-d", str(src / "_build" / "doctrees"), str(src), str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"✘ the website did not build (warnings are errors):\n{run.stderr[-6000:]}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    solutions = True if "--solutions" in argv else False if "--public" in argv else None
    paths = [a for a in argv if not a.startswith("--")]
    out = Path(paths[0]).resolve() if paths else OUT
    try:
        staged, seconds = build(out, solutions=solutions)
    except cfgmod.ConfigError as exc:
        print(f"✘ {exc}", file=sys.stderr)
        return 1
    print(f"built {len(staged.pages)} pages into {out} in {seconds:.0f} s "
          f"({len(staged.notebooks)} lessons, {len(staged.exercises)} exercise sheets, "
          f"{len(staged.solutions)} solution sheets, {len(staged.datasets)} datasets); open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
