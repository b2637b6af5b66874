"""Every widgets module speaks Dutch after set_language("nl") (issue 17, item 2); English stays the default."""
from __future__ import annotations

import pytest

from wmolab import check, load, set_language
from wmolab.plots import caption

ENGLISH_LEFT = ("first view, saved with the notebook", "Municipality:", "Source:", "Figure:", "event(s)")


@pytest.fixture
def dutch():
    set_language("nl")
    yield
    set_language("en")


def _no_english(html: str) -> None:
    assert "Dit is de eerste weergave van de verkenner" in html
    left = [s for s in ENGLISH_LEFT if s in html]
    assert left == [], left


def test_lesson_00_explorers_and_figure_speak_dutch(dutch):
    from wmolab.widgets.start import explore_glossary, explore_timeline
    timeline = explore_timeline(load("timeline"))
    html = timeline.static_html()
    _no_english(html)
    assert "Tijdlijnverkenner" in html and "gebeurtenissen</p>" in html
    assert 'alt="Tijdlijn van ' in timeline.outputs["image"].value  # the figure's alt text
    assert timeline.outputs["caption"].value.count("Figuur: Tijdlijn van") == 1
    assert timeline.controls["law"].description == "Wet:" and timeline.controls["law"].options[0][0] == "alle wetten"
    glossary = explore_glossary(load("glossary"))
    glossary.controls["query"].value = "zorg"
    shown = glossary.outputs["table"].value
    assert "<th>Betekenis</th>" in shown and "gezocht in" in shown and "Meaning" not in shown


def test_a_figure_title_and_axis_are_dutch(dutch):
    from wmolab.timeline import plot_timeline
    fig = plot_timeline(load("timeline"))
    ax = fig.axes[0]
    assert ax.get_title() == "De weg naar de decentralisaties van 2015" and ax.get_xlabel() == "jaar"
    assert "Wmo (ondersteuning en zorg)" in [t.get_text() for t in ax.get_yticklabels()]
    assert caption("Een tijdlijn van alles.") == "Figuur: Een tijdlijn van alles."


def test_one_explorer_of_every_other_module_speaks_dutch(dutch, capstone_data, long, dataset):
    from wmolab.widgets.capstone import explore_dossier
    from wmolab.widgets.cases import explore_cases
    from wmolab.widgets.steering import explore_plans
    from wmolab.widgets.survey import explore_tariff
    from wmolab.widgets.values import explore_organisations
    from wmolab.widgets.voice import explore_voice_profiles

    dossier = explore_dossier(capstone_data).static_html()
    _no_english(dossier)
    assert "Dossier: wat de cursus over één gemeente heeft" in dossier and "bewijs over de gemeente zelf" in dossier
    orgs = explore_organisations(dataset("values_organisations"))
    _no_english(orgs.static_html())
    assert "Beslis eerst: publiek, privaat of hybride?" in orgs.outputs["feedback"].value
    orgs.controls["choice"].value = orgs.controls["choice"].options[0][1]
    orgs.controls["commit"].click()
    verdict = orgs.outputs["feedback"].value
    assert "Oordeel" in verdict or "Redenering" in verdict, verdict[:300]
    built = {
        "cases": explore_cases(dataset("cases_coding")),
        "steering": explore_plans(dataset("steering_plans")),
        "survey": explore_tariff(dataset("survey_interview_facts")),
        "voice": explore_voice_profiles(long),
    }
    titles = {"cases": "De vijf casussen", "steering": "De 49 plannen", "survey": "Tariefcalculator",
              "voice": "Verkenner van voice-profielen"}
    for name, ex in built.items():
        assert ex.last_error is None, name
        html = ex.static_html()
        assert titles[name] in html, name
        assert "Dit is de eerste weergave van de verkenner" in html and "This is the explorer" not in html, name
        labels = [c.description for c in ex.controls.values() if getattr(c, "description", "")]
        assert not any(label in ("Municipality:", "Show:", "Tariff:", "Role:", "Topic:") for label in labels), name


def test_key_hints_are_dutch(dutch):
    shown = str(check("00.1", "Jeugdwet"))
    assert "Zoek 'WWB' in de kolom predecessor." in shown and "Look for" not in shown


def test_english_is_unchanged_by_default():
    from wmolab.widgets.start import explore_timeline
    set_language("en")
    timeline = explore_timeline(load("timeline"))
    assert "Timeline explorer" in timeline.static_html() and timeline.controls["law"].description == "Law:"
    assert "first view, saved with the notebook" in timeline.static_html()
    assert "Look for 'WWB' in the predecessor column." in str(check("00.1", "Jeugdwet"))
