"""The repository's documents point only into the repository (issue 13, item 10).

Every relative link in a Markdown document (README, docs/, datasets/, the licence text) and in the notebooks'
text resolves to a file or folder of the repository, and no document sends a reader to the design notes or source
folders that only the course's authors have (COURSE.md, shared/...): what a reader needs is said in the repository.
"""
from __future__ import annotations

import re

import pytest

from helpers import ROOT, notebook_paths, read

DOCS = sorted([*ROOT.glob("*.md"), *(ROOT / "docs").glob("*.md"), *(ROOT / "datasets").glob("*.md")])
LINK = re.compile(r"\]\(([^)\s]+)\)")
OUTSIDE = re.compile(r"COURSE\.md|engineering-notes|shared/sources|(?<![\w.])\.\./shared|/work/")


def _texts():
    for path in DOCS:
        yield path, path.read_text(encoding="utf-8")
    for path in notebook_paths():
        yield path, "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")


TEXTS = list(_texts())


@pytest.mark.parametrize("path, text", TEXTS, ids=[str(p.relative_to(ROOT)) for p, _ in TEXTS])
def test_links_stay_inside_the_repository(path, text):
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or an anchor on the same page
        resolved = (path.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT), f"{path.relative_to(ROOT)} links outside the repository: {target}"
        assert resolved.exists(), f"{path.relative_to(ROOT)} links to a missing file: {target}"
    found = OUTSIDE.search(text)
    assert not found, f"{path.relative_to(ROOT)} points to {found.group(0)!r}, which is not in the repository"
