"""The language the course speaks to a student: English by default, Dutch after ``set_language("nl")``.

Every message ``wmolab`` writes for a student (feedback, hints, errors, explorer labels, figure titles and
alt text) goes through :func:`_` (and :func:`ngettext` where a count decides the form), standard gettext with
the catalogue ``wmolab/locale/<lang>/LC_MESSAGES/wmolab.mo``. The language is chosen per notebook: the Dutch
edition's setup cell calls ``set_language("nl")``; the English notebooks never call it.

>>> set_language("en"); _("correct")
'correct'
>>> get_language()
'en'
>>> set_language("fr")
Traceback (most recent call last):
...
ValueError: set_language: 'fr' is not one of the course's languages: en, nl
"""
from __future__ import annotations

import gettext
from pathlib import Path

__all__ = ["LANGUAGES", "set_language", "get_language", "_", "ngettext", "N_"]

#: the course's languages; English is the source language (no catalogue)
LANGUAGES = ("en", "nl")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "wmolab"

_state: dict = {"lang": "en", "translation": gettext.NullTranslations()}


def set_language(lang: str = "en") -> None:
    """Speak ``lang`` ("en" or "nl") from now on in this kernel."""
    if lang not in LANGUAGES:
        raise ValueError(f"set_language: {lang!r} is not one of the course's languages: {', '.join(LANGUAGES)}")
    if lang == "en":
        translation = gettext.NullTranslations()
    else:
        translation = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)
    _state.update(lang=lang, translation=translation)


def get_language() -> str:
    """The language set with :func:`set_language` ("en" unless changed)."""
    return _state["lang"]


def _(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    return _state["translation"].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _state["translation"].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined (a constant); translate it with :func:`_` where shown."""
    return message
