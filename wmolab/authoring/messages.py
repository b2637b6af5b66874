"""The catalogue of what ``wmolab`` says to a student: extract, update, compile, check (issue 17, item 2).

    python -m wmolab.authoring.messages update   # extract into wmolab/locale/wmolab.pot, merge, compile the .mo
    python -m wmolab.authoring.messages check    # fail on an untranslated, fuzzy or stale entry, or an .mo out of date

The template holds (1) every string in ``_()``, ``N_()`` and ``ngettext()`` in the package (Babel's Python
extractor), (2) the ``description`` of every dataset descriptor (``datasets/resources/*.json``) and (3) the hints
of the self-check keys (``wmolab/keys/*.json``), which ``check()`` translates by their English text. A changed
English string becomes a new, untranslated entry (its old translation is kept as a fuzzy guess), so ``check`` fails
until a translator has looked at it. The ``.mo`` is written with fixed metadata, so the same ``.po`` always gives the
same bytes.
"""
from __future__ import annotations

import io
import json
import sys
from datetime import UTC
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
LOCALE = PACKAGE / "locale"
POT = LOCALE / "wmolab.pot"
LANGUAGES = ("nl",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HEADER = "Messages of wmolab, the student package of WMO Lab"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "wmolab.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def template():
    """A fresh catalogue of every message, with where each comes from (sorted, deterministic)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    cat = Catalog(project="wmolab", version="", header_comment=f"# {HEADER}.", fuzzy=False)
    skip = ("authoring",)  # author and instructor commands speak English only
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        if filename.split("/")[0] in skip:
            continue
        cat.add(message, locations=[(f"wmolab/{filename}", lineno)], auto_comments=comments, context=context)
    for path in sorted((ROOT / "datasets" / "resources").glob("*.json")):
        res = json.loads(path.read_text(encoding="utf-8"))
        if res.get("description"):
            cat.add(res["description"], locations=[(f"datasets/resources/{path.name}", 0)],
                    auto_comments=["dataset description"])
    for path in sorted((PACKAGE / "keys").glob("*.json")):
        keys = json.loads(path.read_text(encoding="utf-8"))
        for qid, key in sorted(keys.items()):
            hints = [key.get("hint", "")] + list(key.get("wrong", {}).values())
            for hint in hints:
                if hint:
                    cat.add(hint, locations=[(f"wmolab/keys/{path.name}", 0)], auto_comments=[f"hint of {qid}"])
    return cat


def _write_po(cat, path: Path) -> None:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, cat, width=120, sort_output=True, omit_header=False, include_previous=True)
    text = buf.getvalue().decode("utf-8")
    # drop the dates Babel stamps into the header: the files change only when a message does
    text = "\n".join(line for line in text.split("\n")
                     if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:')))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def read_po(path: Path, lang: str | None = None):
    from babel.messages.pofile import read_po as _read

    with path.open("rb") as f:
        return _read(f, locale=lang)


def mo_bytes(cat) -> bytes:
    """The compiled catalogue (translated, non-fuzzy entries only), byte for byte the same for the same .po."""
    from datetime import datetime

    from babel.messages.mofile import write_mo

    fixed = datetime(2025, 1, 1, tzinfo=UTC)  # Babel stamps "now" into the header unless told otherwise
    cat.creation_date = cat.revision_date = fixed
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def update() -> dict[str, int]:
    """Extract the template, merge it into every language's .po, compile the .mo. Returns translated counts."""
    from babel.messages.catalog import Catalog

    pot = template()
    _write_po(pot, POT)
    counts = {}
    for lang in LANGUAGES:
        path = po_path(lang)
        cat = read_po(path, lang) if path.exists() else Catalog(locale=lang, project="wmolab", fuzzy=False)
        cat.update(pot, no_fuzzy_matching=False, update_header_comment=True)
        cat.obsolete.clear()  # a string no longer in the package leaves the catalogue
        _write_po(cat, path)
        cat = read_po(path, lang)
        mo_path(lang).write_bytes(mo_bytes(cat))
        counts[lang] = sum(1 for m in cat if m.id and m.string and not m.fuzzy)
    return counts


def problems(lang: str = "nl") -> list[str]:
    """Untranslated, fuzzy or stale entries, placeholders that differ, and an .mo that is not the compiled .po."""
    import re

    path = po_path(lang)
    if not path.exists():
        return [f"{path} is missing: run python -m wmolab.authoring.messages update"]
    cat = read_po(path, lang)
    pot_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    found = []
    ids = set()
    for m in cat:
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        ids.add(key)
        strings = m.string if isinstance(m.string, (list, tuple)) else [m.string]
        if m.fuzzy:
            found.append(f"fuzzy (the English changed; check the translation): {key[:70]!r}")
        elif not all(strings):
            found.append(f"untranslated: {key[:70]!r}")
        else:
            english = set(re.findall(r"\{[^{}]*\}", " ".join(m.id if isinstance(m.id, (list, tuple)) else [m.id])))
            for s in strings:
                if set(re.findall(r"\{[^{}]*\}", s)) != english:
                    found.append(f"placeholders differ from the English: {key[:70]!r}")
        if key not in pot_ids:
            found.append(f"stale (no longer in the package): {key[:70]!r}")
    found += [f"not in the catalogue (run update): {k[:70]!r}" for k in sorted(pot_ids - ids)]
    if not mo_path(lang).exists() or mo_path(lang).read_bytes() != mo_bytes(cat):
        found.append(f"{mo_path(lang).name} is not the compiled {path.name}: run update")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        for lang, n in update().items():
            print(f"{po_path(lang).relative_to(ROOT)}: {n} translated messages")
        return 0
    if args[:1] == ["check"]:
        bad = [f"{lang}: {p}" for lang in LANGUAGES for p in problems(lang)]
        print("\n".join(bad) if bad else "every message of wmolab is translated")
        return 1 if bad else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
