"""wmolab speaks Dutch after set_language("nl") and English by default (issue 17, item 2).

The catalogue is wmolab/locale/nl/LC_MESSAGES/wmolab.po (python -m wmolab.authoring.messages update extracts it);
the compiled wmolab.mo beside it must be exactly the compiled .po.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

import wmolab
from wmolab import check, checks, describe, set_language
from wmolab.authoring import messages
from wmolab.checks import progress
from wmolab.errors import friendly_message, label_error_message

PO = messages.po_path("nl")


def _key(m):
    return m.id if isinstance(m.id, str) else m.id[0]


def _strings(m):
    return list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]


def _entries(where):
    cat = messages.read_po(PO, "nl")
    return [m for m in cat if m.id and any(where(loc) for loc, _ in m.locations)]


CODE = _entries(lambda loc: loc.startswith("wmolab/") and loc.endswith(".py"))
DATA = _entries(lambda loc: loc.startswith(("datasets/", "wmolab/keys/")))


@pytest.fixture
def dutch():
    set_language("nl")
    yield
    set_language("en")


def test_every_message_of_the_code_is_translated_and_not_fuzzy():
    assert len(CODE) >= 90
    bad = [_key(m) for m in CODE if m.fuzzy or not all(_strings(m))]
    assert bad == []


def test_every_dataset_description_and_hint_is_translated():
    assert DATA and all(all(_strings(m)) and not m.fuzzy for m in DATA)


def test_placeholders_are_the_same_in_english_and_dutch():
    for m in CODE:
        english = set(re.findall(r"\{[^{}]*\}", " ".join(m.id if isinstance(m.id, (list, tuple)) else [m.id])))
        for s in _strings(m):
            assert set(re.findall(r"\{[^{}]*\}", s)) == english, _key(m)


def test_the_mo_is_the_compiled_po(tmp_path, monkeypatch):
    cat = messages.read_po(PO, "nl")
    assert messages.mo_path("nl").read_bytes() == messages.mo_bytes(cat)
    # break one translation: the committed .mo no longer matches, and check() says so
    broken = tmp_path / "nl" / "LC_MESSAGES" / "wmolab.po"
    broken.parent.mkdir(parents=True)
    shutil.copy(messages.mo_path("nl"), broken.with_suffix(".mo"))
    text = PO.read_text(encoding="utf-8").replace('msgstr "✔ goed"', 'msgstr "✔ juist"')
    broken.write_text(text, encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    assert any("is not the compiled" in p for p in messages.problems("nl"))


def test_a_changed_english_message_makes_its_translation_stale(tmp_path, monkeypatch):
    """An English message edited in the code no longer matches its entry: check() fails until update + translation."""
    target = tmp_path / "nl" / "LC_MESSAGES" / "wmolab.po"
    target.parent.mkdir(parents=True)
    target.write_text(PO.read_text(encoding="utf-8").replace('msgid "✔ correct"', 'msgid "✔ right"'),
                      encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE", tmp_path)
    found = messages.problems("nl")
    assert any("stale" in p and "right" in p for p in found)
    assert any("not in the catalogue" in p and "✔ correct" in p for p in found)


def test_check_progress_and_errors_speak_dutch(dutch):
    wrong = str(check("03.2", 1234.5))
    assert "kan niet worden gecontroleerd" in wrong and "verwacht" in wrong and "expected" not in wrong
    assert "nog niet beantwoord" in str(check("00.1", ...))
    shown = str(progress("03"))
    assert "Opgavenblad 03" in shown and "self-checked" not in shown
    assert "voer eerst de eerste codecel uit" in friendly_message(NameError("x", name="laws"), user_ns={})
    import pandas as pd
    message = label_error_message(KeyError("Jeugdwet"), pd.Index(["jeugdwet", "wmo_2015"]), "row")
    assert message.startswith("Er is geen rij") and "Bedoel je 'jeugdwet'?" in message
    text = describe("laws_2015")
    assert "Bron: " in text and "Kolommen: " in text and "Source:" not in text
    assert "wat elke wet regelt" in text and "what each covers" not in text  # the description is Dutch too
    assumptions = describe("cases_assumptions")  # no seed line numbers, no English left in the description
    assert "de inleiding zegt dat er 7 belemmeren" in assumptions and "(L12" not in assumptions
    with pytest.raises(wmolab.DatasetError, match="Er is geen dataset met de naam 'timelines'"):
        wmolab.load("timelines")


def test_english_is_the_default_and_unchanged():
    set_language("en")
    assert str(check("00.1", ...)) == ("00.1 · … not answered yet — replace the ... with your answer and run the "
                                       "cell again.")
    assert describe("laws_2015").splitlines()[2].startswith("Source: ")


CHOICES = [(path.stem, qid, key) for path in sorted(checks.KEYS_DIR.glob("*.json"))
           for qid, key in json.loads(path.read_text(encoding="utf-8")).items() if key["kind"] == "choice"]


def test_a_choice_explains_the_right_and_a_wrong_option_in_dutch(dutch):
    right, wrong = check("05.9", "b"), check("05.9", "a")
    assert right.correct and right.message.startswith("Ja: elke student kruist werkdruk hoogstens één keer aan")
    assert not wrong.correct and wrong.message.startswith("Niet dit: een derde is het aandeel van alle kruisjes")
    set_language("en")
    assert check("05.9", "a").message.startswith("Not this: a third is the share of all ticks")


def test_dutch_choice_feedback_is_sealed_and_falls_back_to_english(dutch, tmp_path, monkeypatch):
    from wmolab.authoring import keys as key_tool
    monkeypatch.setattr(checks, "KEYS_DIR", tmp_path)
    checks._keys.cache_clear()
    english = {"a": "Not this: attention.", "b": "Yes: importance.", "c": "Not this: no ranking."}
    dutch_text = {"a": "Niet dit: aandacht.", "b": "Ja: belang.", "c": "Niet dit: geen rangorde."}
    key_tool.main(["add", "98.3", "choice", "b", "--options", '["a", "b", "c"]', "--feedback", json.dumps(english)])
    assert check("98.3", "a").message == "Not this: attention.", "no Dutch yet: the English explanation"
    before = json.loads((tmp_path / "98.json").read_text(encoding="utf-8"))["98.3"]
    assert key_tool.main(["feedback-nl", "98.3", json.dumps(dutch_text)]) == 0
    checks._keys.cache_clear()
    stored = (tmp_path / "98.json").read_text(encoding="utf-8")
    key = json.loads(stored)["98.3"]
    assert {k: v for k, v in key.items() if k != "feedback_nl"} == before, "the rest of the key is unchanged"
    for text in dutch_text.values():
        assert text not in stored and text.split()[-1].rstrip(".") not in stored
    compact = json.dumps(key)
    assert '"b"' not in compact.replace('"options": ["a", "b", "c"]', ""), "the right option is not named"
    assert len(key["feedback_nl"]) == 3 and set(key["feedback_nl"]) == set(key["feedback"])
    assert check("98.3", "B").correct and check("98.3", "B").message == "Ja: belang."
    assert check("98.3", "c").message == "Niet dit: geen rangorde." and not check("98.3", "c").correct
    with pytest.raises(ValueError, match="every option"):
        key_tool.add_dutch_feedback("98.3", {"a": "x", "b": "y"})
    checks._keys.cache_clear()


@pytest.mark.parametrize("sheet,qid,key", CHOICES, ids=[q for _, q, _ in CHOICES])
def test_every_choice_key_explains_every_option_in_dutch(sheet, qid, key):
    """Each option has a Dutch text of its own, and it says "Ja" exactly where the English says "Yes"."""
    from wmolab.authoring.keys import stored_feedback
    raw = (checks.KEYS_DIR / f"{sheet}.json").read_text(encoding="utf-8")
    english, dutch_text = stored_feedback(qid), stored_feedback(qid, "nl")
    assert set(dutch_text) == set(english) == set(key["options"]), qid
    for option in key["options"]:
        right = check(qid, option).correct
        assert english[option].startswith("Yes:" if right else "Not this:"), (qid, option)
        assert dutch_text[option].startswith("Ja:" if right else "Niet dit:"), (qid, option)
        assert dutch_text[option] not in raw and dutch_text[option] != english[option], (qid, option)
