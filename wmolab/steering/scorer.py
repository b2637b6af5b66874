"""The signal-word text scorer (lesson 03).

:func:`score_text` counts the 64 signal words of Bijlage C in a text and
turns the counts into four shares that add up to 100. The dissertation counted with NVivo and does
not report how words were matched, so every choice is explicit in :class:`MatchOptions`:

``mode``
    ``"whole"``: a word of the text counts only if it *is* the signal word
    (``zelfredzaam`` counts, ``zelfredzaamheid`` does not). ``"prefix"``: a word of the text
    counts if it *starts with* the signal word, which catches plurals and derivations
    (``wijkteams``, ``zelfredzaamheid``) but also unrelated words (``recht`` in ``rechtstreeks``).
``case_fold``
    ``True``: upper and lower case are the same (``Maatwerk`` = ``maatwerk``).
``compounds``
    ``True``: a signal word also counts when it is the *last part* of a compound
    (``buurtwijkteam``, ``zorgmarkt``); with ``mode="prefix"`` it may then sit anywhere inside the
    word (``jeugdwijkteams``).
``fold_accents``
    ``True``: letters with diacritics match their plain form (``efficient`` = ``efficiënt``).

Two further choices are the course's too (the dissertation reports none of its matching rules)
and are kept fixed: a *word* is a run of letters (digits, hyphens and apostrophes split words, so
``Wmo-beleid`` is two words); each word of the text counts at most once, for the *longest* signal
word it matches (``rechtsbescherming`` counts as
``rechtsbescherming``, not also as ``recht`` or ``bescherming``).
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..i18n import _, ngettext
from .perspectives import PERSPECTIVES

__all__ = ["MatchOptions", "Match", "TextScore", "score_text", "sensitivity", "signal_word_lists"]

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class MatchOptions:
    """How signal words are matched in a text (see the module docstring for each choice)."""

    mode: str = "whole"
    case_fold: bool = True
    compounds: bool = False
    fold_accents: bool = True

    def __post_init__(self) -> None:
        if self.mode not in ("whole", "prefix"):
            raise ValueError(_("mode must be 'whole' or 'prefix', not {mode}.").format(mode=repr(self.mode)))
        for name in ("case_fold", "compounds", "fold_accents"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(_("{name} must be True or False.").format(name=name))

    def describe(self) -> str:
        return ", ".join([
            _("whole words only") if self.mode == "whole" else _("words that start with a signal word"),
            _("case folded") if self.case_fold else _("case sensitive"),
            _("compounds counted") if self.compounds else _("compounds not counted"),
            _("accents ignored") if self.fold_accents else _("accents must match"),
        ])


@dataclass(frozen=True)
class Match:
    """One word of the text that counted: where it is, what it matched."""

    start: int
    end: int
    token: str
    signal_word: str
    perspective: str


@dataclass(frozen=True)
class TextScore:
    """The result of :func:`score_text`. ``shares`` is ``None`` when no signal word was found
    (there is nothing to divide); ``message`` then says so."""

    counts: dict[str, int]
    matches: tuple[Match, ...]
    options: MatchOptions
    n_words: int
    shares: dict[str, float] | None = None
    message: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def dominant(self) -> str | None:
        """The perspective with most hits (ties as ``"PA/NPG"``), or ``None`` without hits."""
        if not self.total:
            return None
        top = max(self.counts.values())
        return "/".join(p for p in PERSPECTIVES if self.counts[p] == top)

    def table(self) -> pd.DataFrame:
        """Counts and shares per perspective (shares empty when nothing matched)."""
        shares = self.shares or {}
        return pd.DataFrame({"hits": [self.counts[p] for p in PERSPECTIVES],
                             "share_pct": [round(shares[p], 1) if p in shares else float("nan")
                                           for p in PERSPECTIVES]},
                            index=pd.Index(PERSPECTIVES, name="perspective"))

    def words(self) -> pd.DataFrame:
        """Each matched word of the text with the signal word and perspective it counted for."""
        return pd.DataFrame([(m.token, m.signal_word, m.perspective) for m in self.matches],
                            columns=["word_in_text", "signal_word", "perspective"])


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _normal(text: str, options: MatchOptions) -> str:
    if options.case_fold:
        text = text.casefold()
    if options.fold_accents:
        text = _strip_accents(text)
    return text


def signal_word_lists(words: pd.DataFrame | dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """The word lists as ``{perspective: [words]}``, from ``load("steering_signal_words")`` or a
    dict of your own (so you can try an edited list)."""
    if isinstance(words, pd.DataFrame):
        if not {"perspective", "word"} <= set(words.columns):
            raise ValueError(_("the word table needs the columns 'perspective' and 'word'."))
        lists = {p: [str(w) for w in words.loc[words["perspective"] == p, "word"]] for p in PERSPECTIVES}
    elif isinstance(words, dict):
        unknown = [k for k in words if str(k).upper() not in PERSPECTIVES]
        if unknown:
            raise ValueError(_("{key} is not a steering perspective; use PA, NPM, NPG and SR.").format(
                key=repr(unknown[0])))
        lists = {p: [] for p in PERSPECTIVES}
        for k, ws in words.items():
            if isinstance(ws, str):
                raise ValueError(_("the words for {perspective} should be a list of words, not one text.").format(
                    perspective=k))
            lists[str(k).upper()] = [str(w) for w in ws]
    else:
        raise ValueError(_("words must be load('steering_signal_words') or a dict {perspective: [words]}."))
    for p, ws in lists.items():
        bad = [w for w in ws if not _WORD.fullmatch(w)]
        if bad:
            raise ValueError(_("signal word {word} ({perspective}) should be one word of letters only.").format(
                word=repr(bad[0]), perspective=p))
    if not any(lists.values()):
        raise ValueError(_("the word lists are empty: there is nothing to look for."))
    return lists


def _matches_token(token: str, word: str, options: MatchOptions) -> bool:
    if options.mode == "whole":
        return token == word or (options.compounds and token.endswith(word))
    return token.startswith(word) or (options.compounds and word in token)


def score_text(text: str, words: pd.DataFrame | dict[str, Iterable[str]],
               options: MatchOptions | None = None, **choices: Any) -> TextScore:
    """Count the signal words in ``text`` and return the four shares (summing to 100).

    ``options`` is a :class:`MatchOptions`; keyword arguments override single choices, e.g.
    ``score_text(text, words, mode="prefix")``. An empty text raises a ValueError with a clear
    message; a text without any signal word gives a score with ``shares=None`` and a message.

    >>> words = {"SR": ["zelfredzaam", "maatwerk"], "NPG": ["wijkteam"]}
    >>> text = "De wijkteams werken aan zelfredzaamheid en maatwerk."
    >>> score_text(text, words).counts   # whole words only: wijkteams and zelfredzaamheid do not count
    {'PA': 0, 'NPM': 0, 'NPG': 0, 'SR': 1}
    >>> score = score_text(text, words, mode="prefix")
    >>> score.counts, score.dominant
    ({'PA': 0, 'NPM': 0, 'NPG': 1, 'SR': 2}, 'SR')
    """
    if not isinstance(text, str):
        raise ValueError(_("text must be text (a str), not {kind}.").format(kind=type(text).__name__))
    if not text.strip():
        raise ValueError(_("the text is empty: type or paste some Dutch policy text to score."))
    options = options or MatchOptions()
    if not isinstance(options, MatchOptions):
        raise ValueError(_("options must be a MatchOptions(...)."))
    if choices:
        unknown = set(choices) - {"mode", "case_fold", "compounds", "fold_accents"}
        if unknown:
            raise ValueError(ngettext("unknown matching choice: {choices}.", "unknown matching choices: {choices}.",
                                      len(unknown)).format(choices=", ".join(sorted(unknown))))
        options = replace(options, **choices)
    lists = signal_word_lists(words)
    # longest signal word first, so each word of the text counts once, for its longest match
    vocab = sorted(((_normal(w, options), w, p) for p, ws in lists.items() for w in ws),
                   key=lambda t: (-len(t[0]), t[0]))
    counts = {p: 0 for p in PERSPECTIVES}
    found: list[Match] = []
    n_words = 0
    for m in _WORD.finditer(text):
        n_words += 1
        token = _normal(m.group(), options)
        for norm, original, p in vocab:
            if _matches_token(token, norm, options):
                counts[p] += 1
                found.append(Match(m.start(), m.end(), m.group(), original, p))
                break
    total = sum(counts.values())
    if total == 0:
        return TextScore(counts, tuple(found), options, n_words, None,
                         _("No signal words found in {n} words ({how}), so there are no shares to compute: 0 hits "
                           "cannot be divided into percentages.").format(n=n_words, how=options.describe()))
    shares = {p: 100 * counts[p] / total for p in PERSPECTIVES}
    return TextScore(counts, tuple(found), options, n_words, shares, "")


def sensitivity(text: str, words: pd.DataFrame | dict[str, Iterable[str]]) -> pd.DataFrame:
    """Score the text under every combination of the matching choices: one row per combination,
    with the number of hits and the four shares (NaN where nothing matched)."""
    rows = []
    for mode, case_fold, compounds, fold_accents in itertools.product(
            ("whole", "prefix"), (True, False), (False, True), (True, False)):
        opts = MatchOptions(mode, case_fold, compounds, fold_accents)
        score = score_text(text, words, opts)
        row = {"mode": mode, "case_fold": case_fold, "compounds": compounds, "fold_accents": fold_accents,
               "hits": score.total}
        for p in PERSPECTIVES:
            row[p] = round(score.shares[p], 1) if score.shares else float("nan")
        row["dominant"] = score.dominant or "-"
        rows.append(row)
    return pd.DataFrame(rows)

