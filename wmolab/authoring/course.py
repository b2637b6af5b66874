"""The course map and launch links, built from the course configuration ``course.toml`` (one place).

``python -m wmolab.authoring.course`` rewrites the course map in README.md between the markers
``<!-- course-map:start -->`` and ``<!-- course-map:end -->``. Titles and times are read from the
notebooks themselves (the H1 and the "**Time:**" line), so the map cannot drift from them; a test
checks the README is up to date and every link is well formed.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from wmolab.authoring import config as _config

__all__ = ["REPOSITORY", "BRANCH", "binder_url", "nbgitpuller_url", "lessons", "course_map", "update_readme"]

#: The public repository of the course and its branch, read from course.toml (change them there only).
_CFG = _config.load()
REPOSITORY = _CFG.source.url
BRANCH = _CFG.source.branch
ROOT = Path(__file__).resolve().parents[2]
START, END = "<!-- course-map:start -->", "<!-- course-map:end -->"

#: One line per lesson: what you learn. (Titles and times come from the notebooks.)
SUMMARIES = {
    "00": "How the course works; the three decentralisations of 2015 on a timeline; the glossary; "
          "the Python the sheets use, on the course's own data.",
    "01": "Public versus private: the empirical and the normative view, the *zwaartepunt* rule; "
          "classify Wmo organisations.",
    "02": "What public values are; four typologies and the 11 Wmo values; why values conflict, "
          "and how professionals cope.",
    "03": "The four steering perspectives (PA, NPM, NPG, SR); score policy text with 64 signal words; "
          "reproduce 49 plans.",
    "04": "Five municipalities in practice; code evidence and measure agreement (Cohen's kappa); "
          "context versus choice.",
    "05": "A small survey on value conflicts: reproduce the tables, find the misprint; rank the values as a class.",
    "06": "Client voice under five models of commissioning; `?` versus `nvt`; a correlation that does not reproduce.",
    "07": "Capstone: evaluate one municipality's Wmo approach on values, steering and voice, in a policy memo.",
}


#: The same, in Dutch (README.nl.md, the Dutch edition's course map).
SUMMARIES_NL = {
    "00": "Hoe de cursus werkt; de drie decentralisaties van 2015 op een tijdlijn; de woordenlijst.",
    "01": "Publiek en privaat: de empirische en de normatieve benadering, de *zwaartepunt*-regel; "
          "Wmo-organisaties indelen.",
    "02": "Wat publieke waarden zijn; vier typologieën en de 11 Wmo-waarden; waarom waarden botsen, "
          "en hoe professionals daarmee omgaan.",
    "03": "De vier sturingsperspectieven (PA, NPM, NPG, SR); beleidstekst scoren met 64 signaalwoorden; "
          "49 plannen reproduceren.",
    "04": "Vijf gemeenten in de praktijk; bewijs coderen en overeenstemming meten (Cohens kappa); "
          "context tegenover keuze.",
    "05": "Een kleine enquête over waardenconflicten: de tabellen reproduceren, de drukfout vinden; "
          "de waarden rangschikken met de groep.",
    "06": "Cliëntenparticipatie onder vijf inkoopmodellen; `?` tegenover `nvt`; een correlatie die niet te "
          "reproduceren is.",
    "07": "Eindopdracht: de Wmo-aanpak van één gemeente beoordelen op waarden, sturing en inspraak, in een "
          "beleidsnotitie.",
}


def binder_url(path: str) -> str:
    """A Binder link that opens ``path`` (relative to the repository root) in JupyterLab."""
    return _config.binder_url(_CFG.source, path, _CFG.binder)


def nbgitpuller_url(hub: str, path: str = "notebooks/00_start_here.ipynb") -> str:
    """A JupyterHub link that clones (or updates) the course into the user's home and opens ``path``.

    ``hub`` is the address of the JupyterHub, e.g. ``https://hub.example.edu``; the hub needs the
    nbgitpuller server extension and the course environment (``requirements/lab.txt``).
    """
    return _config.nbgitpuller_url(hub, _CFG.source, path)


def _title_and_minutes(path: Path) -> tuple[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    title = re.search(r"^#\s+\d{2}\s*·\s*(.+)$", first, re.M)
    minutes = re.search(r"\*\*(?:Time|Tijd):\*\*[^0-9]*(\d+(?:\s*[–-]\s*\d+)?)\s*min", first)
    return (title.group(1).strip() if title else path.stem,
            minutes.group(1).replace(" ", "") if minutes else "?")


def lessons(root: Path = ROOT) -> list[dict[str, str]]:
    out = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        title, minutes = _title_and_minutes(path)
        nn = path.name[:2]
        out.append({"nn": nn, "name": path.name, "title": title, "minutes": minutes,
                    "summary": SUMMARIES.get(nn, "")})
    return out


def course_map(root: Path = ROOT) -> str:
    rows = [
        "| # | Lesson | What you learn | Time | Launch on Binder |",
        "|---|---|---|---|---|",
    ]
    for les in lessons(root):
        links = " · ".join(
            f"[{label}]({binder_url(folder + '/' + les['name'])})"
            for folder, label in (("notebooks", "lesson"), ("exercises", "exercises"), ("solutions", "solutions"))
        )
        rows.append(f"| {les['nn']} | [{les['title']}](notebooks/{les['name']}) | {les['summary']} | "
                    f"{les['minutes']} min | {links} |")
    return "\n".join(rows)


def course_map_nl(root: Path = ROOT) -> str:
    """The Dutch course map (README.nl.md): lessons built in nl/ link there; the others to the English lesson."""
    rows = [
        "| # | Les | Wat je leert | Tijd | Openen op Binder |",
        "|---|---|---|---|---|",
    ]
    for les in lessons(root):
        dutch = root / "nl" / "notebooks" / les["name"]
        if dutch.exists():
            title, minutes = _title_and_minutes(dutch)
            links = " · ".join(
                f"[{label}]({binder_url('nl/' + folder + '/' + les['name'])})"
                for folder, label in (("notebooks", "les"), ("exercises", "opgaven"), ("solutions", "uitwerkingen")))
            rows.append(f"| {les['nn']} | [{title}](nl/notebooks/{les['name']}) | {SUMMARIES_NL.get(les['nn'], '')} | "
                        f"{minutes} min | {links} |")
        else:
            rows.append(f"| {les['nn']} | {les['title']} (nog niet vertaald: [Engelse les](notebooks/{les['name']})) | "
                        f"{SUMMARIES_NL.get(les['nn'], '')} | {les['minutes']} min | "
                        f"[lesson]({binder_url('notebooks/' + les['name'])}) |")
    return "\n".join(rows)


def update_readme(root: Path = ROOT, check_only: bool = False) -> bool:
    """Rewrite the map in README.md; return True if it changed (or, with check_only, would)."""
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise ValueError("README.md lacks the course-map markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{course_map(root)}\n{END}{tail}"
    changed = new != text
    if changed and not check_only:
        readme.write_text(new, encoding="utf-8")
    return changed


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "nbgitpuller":
        # python -m wmolab.authoring.course nbgitpuller https://hub.example.edu  → one link per lesson
        for les in lessons():
            print(f"{les['nn']} {les['title']}\n   {nbgitpuller_url(sys.argv[2], 'notebooks/' + les['name'])}")
    else:
        changed = update_readme(check_only="--check" in sys.argv)
        print("README course map " + ("updated" if changed else "is up to date"))
