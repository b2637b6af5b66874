"""Regenerate every launch link from ``course.toml``: ``make links`` (``python -m wmolab.authoring.links``).

It rewrites, between their markers,

- in ``README.md``: the Binder badge (``<!-- binder-badge:start/end -->``), the link to the course website
  (``<!-- site-link:start/end -->``) and the course map (``<!-- course-map:start/end -->``, built by
  :mod:`wmolab.authoring.course`);
- in ``README.nl.md`` (the Dutch README): its Binder badge and the Dutch course map (lessons built in ``nl/``);
- in ``docs/instructors.md``: the table of hub links to the student edition
  (``<!-- hub-links:start/end -->``), one nbgitpuller link per lesson and per exercise sheet;
- in ``build/student/README.md``, if a student edition has been built there: its Binder and hub links
  (:func:`wmolab.authoring.edition.student_readme`; ``make student-edition`` then commits the change).
``--check`` changes nothing and exits 1 if a file is out of date (the tests use it).
``--hub URL`` prints the hub links for another hub without changing any file.
"""
from __future__ import annotations

import sys
from pathlib import Path

from wmolab.authoring import config as cfgmod
from wmolab.authoring import course, edition

__all__ = ["badge", "site_link", "hub_links_table", "replace_between", "update", "main"]

ROOT = cfgmod.ROOT
BADGE = ("<!-- binder-badge:start -->", "<!-- binder-badge:end -->")
HUB_LINKS = ("<!-- hub-links:start -->", "<!-- hub-links:end -->")
SITE_LINK = ("<!-- site-link:start -->", "<!-- site-link:end -->")
START_NOTEBOOK = "notebooks/00_start_here.ipynb"


def _lessons(root: Path) -> list[dict[str, str]]:

    return course.lessons(root)


def badge(cfg: cfgmod.CourseConfig) -> str:
    """The README's Binder badge: the full course, opening lesson 00."""
    url = cfgmod.binder_url(cfg.source, START_NOTEBOOK, cfg.binder)
    return f"[![Launch on Binder]({cfg.binder}/badge_logo.svg)]({url})"


def badge_nl(cfg: cfgmod.CourseConfig) -> str:
    """README.nl.md's Binder badge: the full course, opening the Dutch lesson 00."""
    url = cfgmod.binder_url(cfg.source, "nl/" + START_NOTEBOOK, cfg.binder)
    return f"[![Openen op Binder]({cfg.binder}/badge_logo.svg)]({url})"


def site_link(cfg: cfgmod.CourseConfig) -> str:
    """The README's pointer to the course website (``make site`` builds it; .github/workflows/site.yml publishes it)."""
    return (f"**Read the course as a website:** [{cfg.site}]({cfg.site}): every lesson and exercise sheet with its "
            "figures, the datasets and the glossary, without running anything.")


def hub_links_table(cfg: cfgmod.CourseConfig, root: Path = ROOT, hub: str | None = None) -> str:
    """Markdown table: per lesson, an nbgitpuller link to the lesson and to the exercise sheet of the
    student edition."""
    hub = hub or cfg.hub
    rows = [
        "The hub and the student repository are those of `course.toml` (regenerate with `make links`).",
        "",
        "| # | Lesson | Open the lesson on the hub | Open the exercise sheet on the hub |",
        "|---|---|---|---|",
    ]
    for les in _lessons(root):
        lesson = cfgmod.nbgitpuller_url(hub, cfg.student, f"notebooks/{les['name']}")
        sheet = cfgmod.nbgitpuller_url(hub, cfg.student, f"exercises/{les['name']}")
        nn = les["nn"]
        rows.append(f"| {nn} | {les['title']} | [lesson {nn}]({lesson}) | [exercises {nn}]({sheet}) |")
    return "\n".join(rows)


def replace_between(text: str, markers: tuple[str, str], body: str, name: str) -> str:
    start, end = markers
    if text.count(start) != 1 or text.count(end) != 1:
        raise ValueError(f"{name} needs exactly one {start} and one {end} marker")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def update(root: Path = ROOT, check_only: bool = False, cfg: cfgmod.CourseConfig | None = None) -> list[str]:
    """Rewrite the links; return the files that changed (or, with check_only, would change)."""

    cfg = cfg or cfgmod.load(root / cfgmod.CONFIG_NAME)
    changed = []
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = replace_between(text, BADGE, badge(cfg), "README.md")
    new = replace_between(new, SITE_LINK, site_link(cfg), "README.md")
    new = replace_between(new, (course.START, course.END), course.course_map(root), "README.md")
    if new != text:
        changed.append("README.md")
        if not check_only:
            readme.write_text(new, encoding="utf-8")
    readme_nl = root / "README.nl.md"
    if readme_nl.exists():
        text = readme_nl.read_text(encoding="utf-8")
        new = replace_between(text, BADGE, badge_nl(cfg), "README.nl.md")
        new = replace_between(new, (course.START, course.END), course.course_map_nl(root), "README.nl.md")
        if new != text:
            changed.append("README.nl.md")
            if not check_only:
                readme_nl.write_text(new, encoding="utf-8")
    guide = root / "docs" / "instructors.md"
    text = guide.read_text(encoding="utf-8")
    new = replace_between(text, HUB_LINKS, hub_links_table(cfg, root), "docs/instructors.md")
    if new != text:
        changed.append("docs/instructors.md")
        if not check_only:
            guide.write_text(new, encoding="utf-8")
    # a student edition built here (not committed to this repository): its README follows course.toml too

    built = root / "build" / "student"
    if not check_only and (built / edition.MARKER).exists():
        readme = built / "README.md"
        new = edition.student_readme(cfg, course.lessons(root))
        if not readme.exists() or readme.read_text(encoding="utf-8") != new:
            readme.write_text(new, encoding="utf-8")
            changed.append("build/student/README.md (then `make student-edition` commits it)")
    return changed


def main(argv: list[str]) -> int:
    try:
        if "--hub" in argv:
            hub = argv[argv.index("--hub") + 1]
            print(hub_links_table(cfgmod.load(), ROOT, hub=hub))
            return 0
        check = "--check" in argv
        changed = update(ROOT, check_only=check)
    except (cfgmod.ConfigError, ValueError, IndexError) as exc:
        print(f"✘ {exc}", file=sys.stderr)
        return 1
    if check:
        if changed:
            print("out of date (run `make links`): " + ", ".join(changed))
            return 1
        print("every link is up to date with course.toml")
        return 0
    print("rewrote " + ", ".join(changed) if changed else "every link was already up to date with course.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
