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


CASES_ENGLISH = ("chapter summary", "case text", "summary says", "Coded ", "Agreement with the author", "expects:",
                 "the model expects", "Cases in this cell", "moving along", "goal-directed", "fits footnote",
                 "Grid of the four", "Two-by-two board", "The analysis model", "(policy)", "Codebook for")


def _no_english_in(html: str, sampled=CASES_ENGLISH) -> None:
    left = [s for s in sampled if s in html]
    assert left == [], left


def test_every_explorer_of_lesson_04_speaks_dutch(dutch, dataset):
    from wmolab.widgets.cases import explore_cases, explore_coding, explore_model_board

    cases = explore_cases(dataset("cases_coding"))
    cases.controls["municipality"].value = "Haarlemmermeer"  # a case where summary and text disagree somewhere
    html = cases.static_html() + cases.outputs["notes"].value + cases.outputs["image"].value
    assert "samenvatting van het hoofdstuk" in html and "Raster van de vier onderdelen" in html
    _no_english_in(html)
    coding = explore_coding(dataset("cases_evidence"), dataset("cases_codebook"))
    for sid in list(coding.controls["statement"].options)[:2]:
        coding.controls["statement"].value = sid[1]
        coding.controls["code"].value = "PA"
    coding.controls["reveal"].value = True
    html = coding.outputs["text"].value + coding.outputs["score"].value + coding.outputs["detail"].value
    assert "2 van de" in html and "Overeenstemming met de auteur" in html and "De auteur codeert" in html
    _no_english_in(html)
    board = explore_model_board(dataset("cases_verdicts"))
    html = board.static_html() + board.outputs["cell"].value + board.outputs["image"].value
    assert "het model verwacht" in html and "Twee-bij-tweebord van het analysemodel" in html
    assert [o[0] for o in board.controls["movement"].options] == ["meebewegen", "tegenbewegen"]
    assert [o[1] for o in board.controls["level"].options] == ["topic", "law"], "the compared values stay"
    _no_english_in(html)


def test_lesson_04_figures_speak_dutch(dutch, dataset):
    from wmolab.cases import plot_model_board, plot_presence, plot_presence_overview
    coding = dataset("cases_coding")
    ax = plot_presence(coding, "Zwolle", "thuiszorg").axes[0]
    assert "samenvatting van het hoofdstuk" in ax.get_title() and "dominant in het oordeel" in ax.get_xlabel()
    assert "Beleid\n(beleid)" in [t.get_text() for t in ax.get_yticklabels()]
    assert plot_presence_overview(coding).axes[0].get_title().startswith("Onderdelen (van de 4)")
    board = plot_model_board(dataset("cases_verdicts")).axes[0]
    texts = " ".join(t.get_text() for t in board.texts)
    assert board.get_title().startswith("Het analysemodel") and "verwacht:" in texts and "expects" not in texts


STEERING_ENGLISH = ("About the", "Paraphrased from", "This session:", "agree with the author", "signal words in",
                    "Matching:", "whole words only", "What if you flip", "as set now", "switch ", "average of 49",
                    "Distance to the average", "rank of 49", "lies at", "Plans per quadrant", "Unweighted means",
                    "Unavailable:", "closest to the average", "average&#x27; case", "share % / distance",
                    "Not what the author", "look again", "Mean share per", "(choose)", "my own text")


def test_every_explorer_of_lesson_03_speaks_dutch(dutch, dataset):
    from wmolab.widgets.steering import explore_case_selection, explore_keywords, explore_plans, explore_vignettes

    vignettes = explore_vignettes(dataset("steering_vignettes"))
    row = dataset("steering_vignettes").iloc[0]
    wrong = next(p for p in ("PA", "NPM", "NPG", "SR") if p != row["answer"])
    vignettes.controls["answer"].value = wrong
    html = vignettes.outputs["text"].value + vignettes.outputs["feedback"].value + vignettes.outputs["tally"].value
    assert "Parafrase van Nijdam" in html and "niet wat de auteur zegt" in html and "Deze sessie" in html
    assert vignettes.controls["answer"].options[0] == ("(kies)", "-")
    _no_english_in(html, STEERING_ENGLISH)
    words = explore_keywords(dataset("steering_signal_words"), dataset("steering_texts"))
    html = "".join(o.value for o in words.outputs.values())
    assert "signaalwoorden in" in html and "Wat als je één keuze omdraait" in html and "zoals nu ingesteld" in html
    assert [o[1] for o in words.controls["mode"].options] == ["whole", "prefix"], "the compared values stay"
    _no_english_in(html, STEERING_ENGLISH)
    plans = explore_plans(dataset("steering_plans"))
    html = plans.static_html() + plans.outputs["table"].value + plans.outputs["caption"].value
    for view in ("size_class", "quadrant"):
        plans.controls["view"].value = view
        html += plans.outputs["table"].value + plans.outputs["image"].value + plans.outputs["caption"].value
    assert "gemiddelde van 49" in html and "Plannen per kwadrant" in html and "naar grootteklasse" in html
    _no_english_in(html, STEERING_ENGLISH)
    selection = explore_case_selection(dataset("steering_plans"))
    selection.controls["drop_helmond"].value = True
    html = "".join(o.value for o in selection.outputs.values())
    assert "Niet beschikbaar: Helmond" in html and "gemiddelde&#x27; casus van de auteur" in html
    assert selection.controls["drop_helmond"].description == "Helmond weigert (NPG #1)"
    _no_english_in(html, STEERING_ENGLISH)


def test_lesson_03_figures_speak_dutch(dutch, dataset):
    from wmolab.steering import plot_group_means, plot_quadrant
    ax = plot_quadrant(dataset("steering_plans")).axes[0]
    assert ax.get_title() == "De 49 plannen in het kwadrant (eigen projectie van de cursus)"
    assert ax.get_xlabel().startswith("← overheid") and "gemiddelde van 49" in ax.get_legend_handles_labels()[1]
    ax = plot_group_means(dataset("steering_plans"), "region").axes[0]
    assert ax.get_title() == "Gemiddeld aandeel per perspectief naar regio" and "signaalwoorden" in ax.get_ylabel()


SURVEY_ENGLISH = ("Complete:", "your rank", "municipal staff", "IQ coaches", "You are closer", "Saved as",
                  "The file holds", "revenue per week", "shortfall per week", "Coverage:", "covers the cost price",
                  "billable hour loses", "Diverging bars", "Means, high to low", "Dumbbell plot", "Spearman's",
                  "Network of", "named conflict", "pairs:", "No respondent", "importance (", "attention in the work")


def test_every_explorer_of_lesson_05_speaks_dutch(dutch, dataset, tmp_path):
    from wmolab.survey import VALUE_KEYS
    from wmolab.widgets.survey import (
        explore_conflict_network,
        explore_importance_attention,
        explore_ranking,
        explore_tariff,
    )

    values = dataset("survey_values")
    ranking = explore_ranking(dataset("survey_rank_counts"), values, folder=tmp_path)
    assert "Je rangorde is nog niet compleet" in ranking.outputs["feedback"].value
    assert "waarde(n) hebben nog geen plaats" in ranking.outputs["feedback"].value
    assert "wmolab-warning" not in ranking.outputs["feedback"].value, "unfinished is not an error"
    ranking.controls[VALUE_KEYS[0]].value = ranking.controls[VALUE_KEYS[1]].value = 1
    twice = ranking.outputs["feedback"].value
    assert "wmolab-warning" in twice and "elke plaats mag maar één keer" in twice and "only once" not in twice
    for rank, key in enumerate(VALUE_KEYS, start=1):
        ranking.controls[key].value = rank
    ranking.controls["save"].click()
    html = ranking.static_html() + ranking.outputs["feedback"].value + ranking.outputs["saved"].value
    assert "Compleet: elke plaats" in html and "Je zit dichter bij de" in html and "Opgeslagen als" in html
    _no_english_in(html, SURVEY_ENGLISH)
    tariff = explore_tariff(dataset("survey_interview_facts"))
    tariff.controls["cost"].value = 90
    html = tariff.outputs["result"].value + str([o[0] for o in tariff.controls["tariff"].options])
    assert "tekort per week" in html and "Dekking:" in html and "aanbod van de gemeente" in html
    _no_english_in(html, SURVEY_ENGLISH)
    likert = explore_importance_attention(dataset("survey_distributions"), values)
    html = likert.outputs["image"].value + likert.outputs["table"].value
    likert.controls["view"].value = "gap"
    html += likert.outputs["image"].value + likert.outputs["table"].value
    assert "Uiteenlopende staven van Q7 (belang" in html and "Haltergrafiek voor gemeenteambtenaren" in html
    assert [o[1] for o in likert.controls["group"].options] == ["gemeenten", "uitvoeringsorganisatie"]
    _no_english_in(html, SURVEY_ENGLISH)
    network = explore_conflict_network(dataset("survey_conflict_pairs"), values)
    html = network.outputs["image"].value + network.outputs["pairs"].value
    assert "Netwerk van" in html and "paren:" in html
    _no_english_in(html, SURVEY_ENGLISH)


def test_lesson_05_figures_speak_dutch(dutch, dataset):
    from wmolab.survey import plot_likert
    ax = plot_likert(dataset("survey_distributions"), "uitvoeringsorganisatie", "Q9", dataset("survey_values")).axes[0]
    assert ax.get_title() == "Q9, IQ-coaches: aandacht in het werk" and ax.get_xlabel().startswith("respondenten")


VOICE_ENGLISH = ("Policy officer", "policy officer", "Summary (", "mean ", "missing codes", "all instruments",
                 "Correlation between", "complete pairs", "Your profile", "closest to", "Resembling", "don't know",
                 "reproduces the published", "Distance to the", "Cells filled", "as printed", "could not judge")


def test_every_explorer_of_lesson_06_speaks_dutch(dutch, long, dataset):
    from wmolab.widgets.voice import explore_haarlemmermeer, explore_own_municipality, explore_voice_profiles

    profiles = explore_voice_profiles(long)
    html = profiles.static_html() + profiles.outputs["table"].value
    assert "Samenvatting (13 items)" in html and "volledige paren" in html and "ontbrekende codes" in html
    assert [o[1] for o in profiles.controls["role"].options] == ["both", "policy_officer", "client"]
    assert profiles.controls["role"].options[1][0] == "beleidsmedewerker"
    _no_english_in(html, VOICE_ENGLISH)
    own = explore_own_municipality(long, dataset("voice_instruments"), dataset("voice_models"))
    for i, name in enumerate(k for k in own.controls if k.startswith("item_")):
        own.controls[name].value = 1 + i % 7
    html = own.outputs["result"].value
    assert "Je profiel ligt het dichtst bij" in html and "gemiddeld absoluut verschil" in html
    assert own.controls[name].options[0] == ("weet ik niet", "don't know"), "the compared value stays"
    _no_english_in(html, VOICE_ENGLISH)
    detective = explore_haarlemmermeer(long, dataset("voice_correlations_published"))
    first = next(iter(detective.controls.values()))
    html = detective.outputs["result"].value + first.options[0][0] + first.description
    assert "Ingevulde cellen: geen" in html and "zoals gedrukt" in html
    _no_english_in(html, VOICE_ENGLISH)


def test_a_lesson_06_figure_speaks_dutch(dutch, long):
    from wmolab.voice import plot_pair
    ax = plot_pair(long, "delft").axes[0]
    assert ax.get_title() == "Delft: beleidsmedewerker tegenover cliënt"
    assert ax.get_xlabel() == "score (1 = geen plaats, 7 = zeer grote plaats)"
    assert ax.get_legend_handles_labels()[1] == ["Beleidsmedewerker", "Cliënt"]


VALUES_ENGLISH = ("Your answer", "matches", "can be defended", "criteria point to", "signals are", "the thesis",
                  "legal form", "financing", "not sorted yet", "right,", "still open", "that cluster is about",
                  "Tabel 3 puts", "proper government", "— choose —", "most involved", "Pairs in both",
                  "municipal staff (", "police officers (", "no comparison", "Columns are abbreviated", " pairs)")


def test_every_explorer_of_lessons_01_02_speaks_dutch(dutch, dataset):
    from wmolab.organisations import judge
    from wmolab.widgets.values import explore_cluster_sorter, explore_conflict_matrix, explore_organisations

    orgs = dataset("values_organisations")
    explorer = explore_organisations(orgs)
    assert [o[0] for o in explorer.controls["choice"].options] == ["publiek", "privaat", "hybride"]
    assert [o[1] for o in explorer.controls["choice"].options] == ["public", "private", "hybrid"], "values stay"
    explorer.controls["choice"].value = "private"
    explorer.controls["commit"].click()
    html = explorer.outputs["feedback"].value
    assert "rechtsvorm en eigendom" in html and "financiering" in html
    _no_english_in(html, VALUES_ENGLISH)
    headlines = " ".join(judge(orgs, oid, c)["headline"] for oid in orgs["org_id"]
                         for c in ("public", "private", "hybrid"))
    assert "Je antwoord, publiek, komt overeen met" in headlines and "Niet privaat: " in headlines
    _no_english_in(headlines, VALUES_ENGLISH)
    values = dataset("values_wmo_values")
    sorter = explore_cluster_sorter(values)
    assert sorter.controls["integriteit"].options[0][0] == "— kies —"
    assert sorter.controls["integriteit"].options[1] == ("behoorlijk bestuur", "behoorlijk"), "the value stays"
    sorter.controls["integriteit"].value = "behoorlijk"
    sorter.controls["efficientie"].value = "behoorlijk"
    html = sorter.outputs["feedback"].value
    assert "1 van 11 goed, 1 om te heroverwegen, 9 nog open." in html and "ja: Tabel 3 deelt deze waarde in" in html
    assert "dat cluster gaat over hoe de overheid zich gedraagt" in html and "nog niet ingedeeld" in html
    _no_english_in(html, VALUES_ENGLISH)
    matrix = explore_conflict_matrix(dataset("values_conflict_pairs"), values)
    matrix.controls["compare"].value = "police"
    html = "".join(o.value for o in matrix.outputs.values()) + matrix.controls["compare"].options[0][0]
    assert "gemeenteambtenaren (Huberts e.a. 2016)" in html and "het vaakst betrokken zijn" in html
    assert "Paren in allebei" in html and "paren)" in html and "(geen vergelijking)" in html
    _no_english_in(html, VALUES_ENGLISH)


def test_a_lesson_01_02_figure_speaks_dutch(dutch, dataset):
    from wmolab.organisations import plot_publicness
    from wmolab.values import plot_involvement, value_involvement
    ax = plot_publicness(dataset("values_organisations")).axes[0]
    assert ax.get_xlabel().startswith("publiekheidsscore (0 = alle criteria privaat")
    assert ax.get_legend_handles_labels()[1][0].startswith("oordeel: ")
    assert "publiek" in [t.get_text() for t in ax.texts]
    pairs = value_involvement(dataset("values_conflict_pairs"), ["wmo_survey"])
    ax = plot_involvement(pairs, dataset("values_wmo_values"), title="this Wmo study: survey Q12").axes[0]
    assert ax.get_xlabel() == "aantal conflictparen waarin de waarde voorkomt"
    assert ax.get_title() == "dit Wmo-onderzoek: enquêtevraag Q12"


def test_the_class_survey_save_messages_are_dutch(dutch, tmp_path):
    from wmolab.classsurvey import ResponseError, save_response
    from wmolab.i18n import _
    from wmolab.survey import VALUE_KEYS

    ranks = {v: i + 1 for i, v in enumerate(VALUE_KEYS)}
    wrong = [({**ranks, VALUE_KEYS[1]: 1}, {}, "plaats 1 is meer dan één keer gegeven"),
             ({**ranks, "geluk": 3}, {}, "onbekende waarde: geluk."),
             ({**ranks, VALUE_KEYS[0]: None}, {}, "nog geen plaats voor: "),
             ({**ranks, VALUE_KEYS[0]: 12}, {}, "moet een geheel getal van 1 tot en met 11 zijn, niet 12."),
             (ranks, {"date": "23-11-2026"}, "de datum moet eruitzien als 2026-11-23"),
             (ranks, {"response_id": "abc"}, "een antwoord-id bestaat uit 16 hexadecimale tekens.")]
    for bad, extra, dutch_words in wrong:
        with pytest.raises(ResponseError) as info:
            save_response(bad, tmp_path, **extra)
        shown = _("Not saved: {problem}").format(problem=info.value)
        assert dutch_words in shown and shown.startswith("Niet opgeslagen"), shown
        _no_english_in(shown, ("rank", "unknown", "missing", "whole number", "should look", "hexadecimal characters"))
    assert list(tmp_path.iterdir()) == [], "nothing is saved"


def test_the_scorers_input_errors_are_dutch(dutch):
    from wmolab.steering.scorer import MatchOptions, score_text

    words = {"SR": ["zelfredzaam"]}
    wrong = [(lambda: score_text("   ", words), "de tekst is leeg: typ of plak"),
             (lambda: score_text(12, words), "text moet tekst zijn (een str), geen int."),
             (lambda: score_text("zorg", words, colour=True), "onbekende zoekkeuze: colour."),
             (lambda: score_text("zorg", words, options="whole"), "options moet een MatchOptions(...) zijn."),
             (lambda: score_text("zorg", {"XX": ["zorg"]}), "'XX' is geen sturingsperspectief"),
             (lambda: score_text("zorg", {"SR": "zorg"}), "moeten een lijst van woorden zijn"),
             (lambda: score_text("zorg", {"SR": ["zorg 2"]}), "moet één woord zijn, alleen van letters."),
             (lambda: score_text("zorg", {"SR": []}), "de woordenlijsten zijn leeg"),
             (lambda: score_text("zorg", ["zorg"]), "words moet load('steering_signal_words') zijn"),
             (lambda: MatchOptions(mode="half"), "mode moet 'whole' (hele woorden) of 'prefix'"),
             (lambda: MatchOptions(compounds="ja"), "compounds moet True of False zijn.")]
    for call, dutch_words in wrong:
        with pytest.raises(ValueError) as info:
            call()
        assert dutch_words in str(info.value), str(info.value)
        _no_english_in(str(info.value), ("must be", "should be", "is empty", "unknown", "not a steering"))
