"""The Dutch edition (issue 17): catalogues complete and current, nl/ exactly what `make nl` builds.

- every English notebook has a catalogue, and it is what `make translations` writes now (an English cell edited
  without `make translations` fails here);
- every entry of a due lesson (course.toml ``[nl] lessons``) is translated and not fuzzy (an English cell edited
  after its translation fails here until the Dutch is updated: ``test_an_edited_english_cell_goes_stale`` shows
  the chain on a copy);
- nl/ holds exactly the due lessons; its code cells are the English ones (the setup cell plus one line);
- a rebuild into a temporary folder (without executing) gives the committed sources and exercise sheets, and the
  committed Dutch notebooks carry outputs (they were executed);
- the relative links inside nl/ resolve; the glossary's Dutch term is used where the English uses its concept.
"""
from __future__ import annotations

import csv
import functools
import re
import shutil

import nbformat
import pytest

from wmolab.authoring import nl, translations
from wmolab.authoring.grading import cells as gc

from helpers import ROOT, ids, read

DUE = translations.due_lessons(ROOT)
ENGLISH = translations.notebooks(ROOT)
DUTCH = sorted(p for f in translations.FOLDERS for p in (ROOT / "nl" / f).glob("[0-9][0-9]_*.ipynb"))
DUE_ENGLISH = [p for p in ENGLISH if p.name[:2] in DUE]


def test_some_lesson_is_due_and_built():
    assert DUE, "course.toml [nl] lessons is empty"
    assert {(p.parent.name, p.name) for p in DUTCH} == {(p.parent.name, p.name) for p in DUE_ENGLISH}, \
        "nl/ must hold exactly the due lessons and their solution sheets: run make nl"


@pytest.mark.parametrize("english", ENGLISH, ids=ids(ENGLISH))
def test_catalogue_is_up_to_date_with_the_english(english):
    path = translations.catalogue_path(english, ROOT)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run make translations"
    old = translations.read_catalogue(path)
    new = translations._merged(english, old)
    mine = [(m.context, m.id, m.string, m.fuzzy) for m in old if m.id]
    fresh = [(m.context, m.id, m.string, m.fuzzy) for m in new if m.id]
    assert mine == fresh, f"{english.relative_to(ROOT)} changed since its catalogue: run make translations"


@pytest.mark.parametrize("english", DUE_ENGLISH, ids=ids(DUE_ENGLISH))
def test_due_catalogue_is_translated_and_not_stale(english):
    path = translations.catalogue_path(english, ROOT)
    problems = translations.problems(path)
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)
    assert translations.counts(path).total == len(translations.extract(english))


def test_an_edited_english_cell_goes_stale(tmp_path):
    """Edit one English cell of a due lesson (in a copy): update marks its entry fuzzy with the old English,
    keeps the Dutch, `check` and `make nl` refuse; restoring the English makes it current again."""
    english = DUE_ENGLISH[0]
    (tmp_path / english.parent.name).mkdir()
    shutil.copy(ROOT / "course.toml", tmp_path)
    copy = tmp_path / english.parent.name / english.name
    shutil.copy(english, copy)
    po = translations.catalogue_path(copy, tmp_path)
    po.parent.mkdir(parents=True)
    shutil.copy(translations.catalogue_path(english, ROOT), po)
    assert translations.check(tmp_path, out=open(tmp_path / "log", "w")) == 0
    nb = read(copy)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    before = cell.source
    cell.source = before.replace("2015", "2016", 1) + "\nOne more sentence."
    nbformat.write(nb, copy)
    assert translations.update_catalogue(copy, tmp_path)
    entry = translations.read_catalogue(po).get(cell.source, context=cell.id)
    assert entry.fuzzy and entry.string and entry.previous_id == [before]
    assert translations.check(tmp_path, out=open(tmp_path / "log", "w")) == 1
    assert f"cell {cell.id}: stale" in (tmp_path / "log").read_text(encoding="utf-8")
    with pytest.raises(nl.TranslationMissing, match=f"cell {cell.id}: stale"):
        nl.translate_notebook(nb, translations.read_catalogue(po), "x")
    cell.source = before
    nbformat.write(nb, copy)
    translations.update_catalogue(copy, tmp_path)
    assert not translations.read_catalogue(po).get(before, context=cell.id).fuzzy  # the English it was made from
    assert translations.check(tmp_path, out=open(tmp_path / "log", "w")) == 0


@pytest.mark.parametrize("dutch", DUTCH, ids=ids(DUTCH))
def test_code_cells_identical_but_the_setup_line(dutch):
    en, nl_nb = read(ROOT / dutch.parent.name / dutch.name), read(dutch)
    assert [c.get("id") for c in en.cells] == [c.get("id") for c in nl_nb.cells]
    assert nl_nb.metadata.get("language") == "nl"
    setup = nl.setup_cell_index(en)
    for i, (e, d) in enumerate(zip(en.cells, nl_nb.cells)):
        assert e.cell_type == d.cell_type
        if e.cell_type == "code" and gc.role(e) == "autograder tests":
            # a grading cell: the same code, its visible comment in Dutch (the generator writes it per language)
            assert d.source.split(gc.BEGIN_HIDDEN)[1] == e.source.split(gc.BEGIN_HIDDEN)[1], e.get("id")
            assert "nakijkcel" in d.source.split(gc.BEGIN_HIDDEN)[0], e.get("id")
        elif e.cell_type == "code":
            expected = nl.add_setup_line(e.source) if i == setup else e.source
            assert d.source == expected, f"{dutch.name} code cell {e.get('id')} differs from the English"
    assert nl.SETUP_LINE in nl_nb.cells[setup].source


def test_setup_line_defines_set_language():
    for source in ("from wmolab import check, load\nx = 1", "import pandas as pd\nimport wmolab.plots\n",
                   "import pandas as pd\n\nx = 1"):
        new = nl.add_setup_line(source)
        assert new.count(nl.SETUP_LINE) == 1
        compile(new, "setup", "exec")
    assert nl.add_setup_line("from wmolab import (\n    check,\n)\nx = 1").split("\n")[3] == nl.SETUP_LINE


def test_committed_nl_is_what_make_nl_builds(tmp_path):
    nl.build(ROOT, tmp_path, DUE, execute=False)
    for dutch in DUTCH:
        built, committed = read(tmp_path / "nl" / dutch.parent.name / dutch.name), read(dutch)
        assert [(c.cell_type, c.get("id"), c.source, c.metadata) for c in built.cells] == \
               [(c.cell_type, c.get("id"), c.source, c.metadata) for c in committed.cells], \
            f"{dutch.relative_to(ROOT)} is not what make nl builds: run make nl"
        assert built.metadata == committed.metadata
        unexecuted = [c.get("id") for c in committed.cells if c.cell_type == "code" and c.execution_count is None]
        assert not unexecuted, f"{dutch.relative_to(ROOT)}: code cells never executed: {unexecuted}"
    sheets = sorted((tmp_path / "nl" / "exercises").glob("*.ipynb"))
    assert [p.name for p in sheets] == sorted(p.name for p in (ROOT / "nl" / "exercises").glob("*.ipynb"))
    for sheet in sheets:
        assert sheet.read_text(encoding="utf-8") == (ROOT / "nl" / "exercises" / sheet.name).read_text(
            encoding="utf-8"), f"nl/exercises/{sheet.name} is not what make nl generates"


_LINK = re.compile(r"\]\(([^)#\s]+)")


@pytest.mark.parametrize("dutch", DUTCH, ids=ids(DUTCH))
def test_relative_links_resolve_inside_nl(dutch):
    bad = []
    for cell in read(dutch).cells:
        if cell.cell_type == "markdown":
            for target in _LINK.findall(cell.source):
                if "://" not in target and not (dutch.parent / target).resolve().exists():
                    bad.append(target)
    assert not bad, f"{dutch.relative_to(ROOT)}: broken links {bad}"


#: (glossary term id, English word) pairs where the English word is used in another sense than the concept's
NOT_THE_CONCEPT = {
    "draagvlak": "'support' is mostly ondersteuning (support and care), only sometimes draagvlak",
    "resultaten": "'results' of a computation",
    "organisatie": "'organisation' in general, not the Organisatie element of Nijdam's analysis",
    "beleid": "'policy' in general is beleid, but the Beleid element is lesson 04's; checked there",
    "regie": "'steering' in general is sturing; regie (who directs a client's support) is lesson 06's narrower term",
    "regeerakkoord": "'coalition agreement' is also a municipality's coalitieakkoord, not only the cabinet's",
    "buurtteam": "'neighbourhood team' also names the generic wijkteam; buurtteam is Utrecht's own name",
}


@functools.cache
def _glossary():
    with open(ROOT / "datasets" / "glossary.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    strip = lambda s: re.sub(r"\s*\([^)]*\)", "", s).strip().lower()  # noqa: E731
    # concepts that share an English term (performing government: presterend bestuur, presterende overheid) accept
    # each other's Dutch term
    alternatives: dict[str, list[str]] = {}
    for r in rows:
        alternatives.setdefault(strip(r["term_en"]), []).extend(strip(t) for t in r["term_nl"].split(" / "))
    return [(r["term_id"], strip(r["term_en"]), alternatives[strip(r["term_en"])]) for r in rows if strip(r["term_en"])]


@pytest.mark.parametrize("dutch", DUTCH, ids=ids(DUTCH))
def test_glossary_terms_used(dutch):
    """Where the English cell names a glossary concept (its English term, whole words), the Dutch cell uses the
    glossary's Dutch term (case and inflection aside: 'decentralisaties' contains 'decentralisatie')."""
    flat = lambda s: " ".join(s.lower().split())  # noqa: E731 - a term may wrap across a line
    en = {c.get("id"): flat(c.source) for c in read(ROOT / dutch.parent.name / dutch.name).cells
          if c.cell_type == "markdown"}
    missing = []
    for cell in read(dutch).cells:
        if cell.cell_type != "markdown":
            continue
        for term_id, term_en, terms_nl in _glossary():
            if term_id in NOT_THE_CONCEPT:
                continue
            # a term inside a longer glossary term ('voice' in 'client voice') is that longer concept there
            text = en[cell.get("id")]
            for longer in {t for _, t, _ in _glossary() if term_en in t and t != term_en}:
                text = text.replace(longer, " ")
            # an English gloss of a Dutch word the text keeps ('*sturen* (steering)') is that word's translation
            text = re.sub(rf"\*[^*]+\* \({re.escape(term_en)}\)", " ", text)
            if re.search(rf"\b{re.escape(term_en)}\b", text) and \
                    not any(t in flat(cell.source) for t in terms_nl):
                missing.append(f"cell {cell.get('id')}: '{term_en}' → '{' / '.join(terms_nl)}'")
    assert not missing, f"{dutch.relative_to(ROOT)}: glossary term not used:\n" + "\n".join(missing)
