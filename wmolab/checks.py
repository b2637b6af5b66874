"""Self-checks for the exercise sheets, and the student's progress through a sheet.

One pattern for the whole course::

    from wmolab import check, progress
    check("00.3", answer)
    progress()          # which questions of this sheet are done, not yet right, or unanswered

The expected answers are stored in ``wmolab/keys/NN.json`` only as SHA-256 hashes of a
canonical form (numbers rounded to the question's number of decimals, text case-folded),
so reading the source does not reveal them. The tolerance is in the rounding: an answer
counts as right when it rounds to the same value. Small answer spaces (a year, a choice
between three laws) can of course be guessed by trying; the hashes only stop a glance.
Every natural form of a right answer is accepted (:mod:`wmolab.answers`): numpy and pandas
scalars, a one-element list or Series for one value, a dict, Series or one-column table for a
mapping whose names are matched without regard to capitals or spaces.

A **choice** question (kind ``"choice"``) lists a few readings of a result; the student picks one
and gets that option's own explanation, right or wrong. The explanations are stored sealed with
their option (a glance at the key file shows neither which option is right nor what it says); a Dutch
explanation per option (``feedback_nl``, sealed with its own stream) is shown after ``set_language("nl")``.

:func:`check` never raises and never shows the expected value. It returns a
:class:`Feedback` whose status is one of:

- ``"correct"``         the answer matches;
- ``"incorrect"``       a well-formed answer that does not match (with a hint);
- ``"unanswered"``      still ``...`` or ``None``;
- ``"invalid"``         the wrong kind of answer (text instead of a number, a table
                        instead of one value, a missing key, ...), saying what is wrong.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .answers import (
    AnswerFormError,
    answer_hash,
    as_items,
    as_mapping,
    as_number,
    as_text,
    canonical,
    describe_value,
    is_numpy_bool,
    is_unanswered,
    norm_text,
    one_value,
)
from .html import STATUS, esc, status_html
from .i18n import N_, _, get_language, ngettext

__all__ = ["check", "progress", "Feedback", "Progress", "make_key", "seal_feedback", "canonical", "KEYS_DIR",
           "STATUSES"]

KEYS_DIR = Path(__file__).resolve().parent / "keys"
STATUSES = tuple(STATUS)
_QID = re.compile(r"^(\d{2})\.(\d{1,2})$")
_hash = answer_hash  # the name the tests and the leak audit use
_Invalid = AnswerFormError
_describe = describe_value
#: the last status of each question checked in this kernel (what progress() reports)
_RESULTS: dict[str, str] = {}


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` says about one answer. Shown as one line in the notebook."""

    question: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{self.question} · {_(STATUS[self.status]['label'])}" + (f" — {self.message}" if self.message else "")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        inner = (f"<b>{esc(self.question)} · {esc(_(STATUS[self.status]['label']))}</b>"
                 + (f" — {esc(self.message)}" if self.message else ""))
        return status_html(self.status, inner, classes=f"wmolab-check wmolab-check-{self.status}")


# --------------------------------------------------------------------------- keys
def _stream(question: str, option_text: str, length: int) -> bytes:
    stream = b""
    counter = 0
    while len(stream) < length:
        stream += hashlib.sha256(f"{question}\x1f{option_text}\x1f{counter}".encode()).digest()
        counter += 1
    return stream


def _seal(question: str, option_text: str, text: str) -> str:
    """``text`` sealed with a key stream derived from the question and one option (undone by :func:`_unseal`)."""
    data = text.encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(question, option_text, len(data))))).decode()


def _unseal(question: str, option_text: str, sealed: str) -> str:
    data = base64.b64decode(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(question, option_text, len(data)))).decode()


def seal_feedback(question: str, feedback: Mapping[str, str], lang: str = "en") -> dict[str, str]:
    """Each option's explanation sealed with that option (Dutch with a stream of its own), by the option's hash."""
    seal_as = question if lang == "en" else f"{question}/{lang}"
    return {answer_hash(f"{question}/feedback", norm_text(o)): _seal(seal_as, norm_text(o), text)
            for o, text in feedback.items()}


def make_key(question: str, kind: str, value: Any, *, decimals: int = 0, hint: str = "",
             options: Iterable[str] | None = None, value_kind: str = "text",
             wrong: dict[str, Any] | None = None, feedback: Mapping[str, str] | None = None,
             fold_accents: bool = False) -> dict[str, Any]:
    """Build the stored key of one question (used by authors and tests, not by students).

    ``wrong`` maps a hint to a common wrong answer; a student who gives exactly that answer
    gets that hint instead of the general one. A ``choice`` key needs ``options`` and a
    ``feedback`` text for every option (the right one's says why it is right).
    ``fold_accents`` makes text answers accent-insensitive (``"efficientie"`` for ``"efficiëntie"``).
    """
    key: dict[str, Any] = {"kind": kind, "hint": hint}
    fold = {"fold_accents": fold_accents}
    if fold_accents:
        key["accents"] = "ignore"
    if kind == "number":
        key["decimals"] = decimals
    if options is not None:
        key["options"] = list(options)
    if kind == "choice":
        opts = key.get("options") or []
        missing = [o for o in opts if o not in (feedback or {})]
        if not opts or missing or norm_text(value) not in {norm_text(o) for o in opts}:
            raise ValueError("a choice key needs its options, the right one among them, and a feedback text for "
                             f"every option (missing: {missing or 'options'})")
        key["feedback"] = seal_feedback(question, feedback or {})
    if kind == "mapping":
        key["value_kind"] = value_kind
        if value_kind == "number":
            key["decimals"] = decimals
        key["items"] = {
            str(k): answer_hash(f"{question}/{k}", canonical(value_kind, v, decimals, **fold)) for k, v in value.items()
        }
        return key
    if kind == "set":
        key["size"] = len(value)
    if kind == "sequence":
        key["length"] = len(value)
        key["decimals"] = decimals
    key["sha256"] = answer_hash(question, canonical(kind, value, decimals, **fold))
    if wrong:
        key["wrong"] = {answer_hash(question, canonical(kind, v, decimals, **fold)): h for h, v in wrong.items()}
    return key


@lru_cache(maxsize=32)
def _keys(notebook: str) -> dict[str, Any]:
    path = KEYS_DIR / f"{notebook}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the check
def check(question: str, answer: Any = ...) -> Feedback:
    """Check the answer to exercise ``question`` (e.g. ``"03.2"``) and return feedback.

    Never raises; never reveals the expected answer. The status is remembered for :func:`progress`.

    >>> check("00.1", ...)
    00.1 · … not answered yet — replace the ... with your answer and run the cell again.
    >>> check("99.9", 7)
    99.9 · ✘ cannot check this answer — there is no self-check for question 99.9; check the number.
    >>> check("3.2", 7)
    3.2 · ✘ cannot check this answer — a question number looks like '03.2' (notebook.question).
    """
    try:
        feedback = _check(question, answer)
    except Exception as exc:  # pragma: no cover - a safety net, reported politely
        feedback = Feedback(str(question), "invalid", _("the check itself failed ({error}); please tell your "
                                                        "instructor.").format(error=type(exc).__name__))
    if _QID.match(feedback.question) and feedback.question in _keys(feedback.question[:2]):
        _RESULTS.pop(feedback.question, None)  # the question checked last comes last
        _RESULTS[feedback.question] = feedback.status
    return feedback


def _decimals_note(kind: str, key: dict[str, Any]) -> str:
    if kind == "integer":
        return " " + _("(The answer is a whole number.)")
    decimals = key.get("decimals", 0)
    return " " + ngettext("(Checked to {n} decimal.)", "(Checked to {n} decimals.)", decimals).format(n=decimals) \
        if kind == "number" else ""


def _check(question: Any, answer: Any) -> Feedback:
    qid = str(question)
    match = _QID.match(qid)
    if not match:
        return Feedback(qid, "invalid", _("a question number looks like '03.2' (notebook.question)."))
    key = _keys(match.group(1)).get(qid)
    if key is None:
        return Feedback(qid, "invalid", _("there is no self-check for question {qid}; check the number.").format(
            qid=qid))
    if is_unanswered(answer):
        return Feedback(qid, "unanswered", _("replace the ... with your answer and run the cell again."))
    kind = key["kind"]
    hint = _(key["hint"]) if key.get("hint") else ""  # hints are translated by their English text
    fold = {"fold_accents": key.get("accents") == "ignore"}
    try:
        if kind == "mapping":
            return _check_mapping(qid, key, answer)
        if kind == "choice":
            return _check_choice(qid, key, answer)
        if kind in ("number", "integer"):
            decimals = key.get("decimals", 0) if kind == "number" else 0
            number = as_number(answer, integer=(kind == "integer"))
            # a tiny fuzz so values like 20.649999999 round as intended
            candidates = {canonical(kind, number + d, decimals) for d in (0, 1e-9, -1e-9)}
            hashes = {answer_hash(qid, c) for c in candidates}
        elif kind == "text":
            hashes = {answer_hash(qid, canonical("text", as_text(answer, key.get("options"), **fold), **fold))}
        elif kind == "bool":
            answer = one_value(answer)
            if is_numpy_bool(answer):
                answer = bool(answer)
            if not isinstance(answer, bool):
                raise AnswerFormError(_("expected True or False, got {value}.").format(value=describe_value(answer)))
            hashes = {answer_hash(qid, canonical("bool", answer))}
        elif kind == "set":
            items = as_items(answer)
            if not all(isinstance(i, str) for i in items):
                raise AnswerFormError(_("every item should be text in quotes."))
            if len(set(norm_text(i, **fold) for i in items)) != len(items):
                raise AnswerFormError(_("some items appear more than once."))
            options = key.get("options")
            if options is not None:
                allowed = {norm_text(o, **fold) for o in options}
                unknown = [i for i in items if norm_text(i, **fold) not in allowed]
                if unknown:
                    raise AnswerFormError(_("{item} is not one of the possible items.").format(item=repr(unknown[0])))
            if len(items) != key["size"]:
                raise AnswerFormError(_("the answer should have {n} items; you gave {given}.").format(
                    n=key["size"], given=len(items)))
            hashes = {answer_hash(qid, canonical("set", items, **fold))}
        elif kind == "sequence":
            items = as_items(answer)
            if len(items) != key["length"]:
                raise AnswerFormError(_("the answer should have {n} items in order; you gave {given}.").format(
                    n=key["length"], given=len(items)))
            decimals = key.get("decimals", 0)
            clean = [i if isinstance(i, str) else as_number(i, integer=False) for i in items]
            hashes = {answer_hash(qid, canonical("sequence", clean, decimals, **fold))}
        else:  # pragma: no cover - a broken key file
            return Feedback(qid, "invalid", _("this question's key is damaged; please tell your instructor."))
    except AnswerFormError as problem:
        return Feedback(qid, "invalid", str(problem))
    if key["sha256"] in hashes:
        return Feedback(qid, "correct", "")
    for wrong_hash, wrong_hint in key.get("wrong", {}).items():
        if wrong_hash in hashes:
            return Feedback(qid, "incorrect", _(wrong_hint))
    return Feedback(qid, "incorrect", (hint + _decimals_note(kind, key)).strip())


def _check_choice(qid: str, key: dict[str, Any], answer: Any) -> Feedback:
    options = key["options"]
    chosen = norm_text(as_text(answer, options))
    option = answer_hash(f"{qid}/feedback", chosen)
    dutch = key.get("feedback_nl", {}).get(option) if get_language() == "nl" else None
    explanation = key.get("feedback", {}).get(option)
    message = (_unseal(f"{qid}/nl", chosen, dutch) if dutch else _unseal(qid, chosen, explanation) if explanation
               else _(key["hint"]) if key.get("hint") else "")
    status = "correct" if answer_hash(qid, chosen) == key["sha256"] else "incorrect"
    return Feedback(qid, status, message)


def _check_mapping(qid: str, key: dict[str, Any], answer: Any) -> Feedback:
    items = key["items"]
    answer = as_mapping(answer, list(items))
    missing = [k for k in items if k not in answer]
    if missing:
        return Feedback(qid, "invalid", _("still missing: {names}.").format(names=", ".join(missing)))
    value_kind = key.get("value_kind", "text")
    decimals = key.get("decimals", 0)
    fold = {"fold_accents": key.get("accents") == "ignore"}
    wrong = []
    for name, expected in items.items():
        value = answer[name]
        if is_unanswered(value):
            return Feedback(qid, "unanswered", _("{name} has no answer yet.").format(name=repr(name)))
        if value_kind == "number":
            value = as_number(value, integer=False)
            got = {answer_hash(f"{qid}/{name}", canonical("number", value + d, decimals)) for d in (0, 1e-9, -1e-9)}
        else:
            got = {answer_hash(f"{qid}/{name}", canonical("text", as_text(value, key.get("options"), **fold), **fold))}
        if expected not in got:
            wrong.append(name)
    if not wrong:
        return Feedback(qid, "correct", "")
    right = len(items) - len(wrong)
    message = _("{right} of {n} right; look again at: {names}.").format(right=right, n=len(items),
                                                                       names=", ".join(wrong))
    if key.get("hint"):
        message += " " + _(key["hint"])
    if value_kind == "number":
        message += _decimals_note("number", key)
    return Feedback(qid, "incorrect", message)


# --------------------------------------------------------------------------- progress
PROGRESS_LABELS = {"correct": N_("✔ done"), "incorrect": N_("✘ not right yet"), "invalid": N_("✘ not right yet"),
                   "unanswered": N_("… not answered yet")}


@dataclass(frozen=True)
class Progress:
    """Where a student stands on one sheet's self-checked questions (no answers, only statuses)."""

    sheet: str
    statuses: tuple[tuple[str, str], ...]  # (question, status) in the sheet's order

    def count(self, status: str) -> int:
        return sum(1 for _, s in self.statuses if PROGRESS_LABELS[s] == PROGRESS_LABELS[status])

    def summary(self) -> str:
        return _("Sheet {sheet}: {done} of {n} self-checked questions done, {wrong} not right yet, {open} not "
                 "answered yet.").format(sheet=self.sheet, done=self.count("correct"), n=len(self.statuses),
                                         wrong=self.count("incorrect"), open=self.count("unanswered"))

    def __str__(self) -> str:
        lines = [self.summary()] + [f"  {q} · {_(PROGRESS_LABELS[s])}" for q, s in self.statuses]
        lines.append(_("(Open questions, answered in writing, are not counted. Progress is kept while the "
                       "notebook's kernel runs: after a restart, run your answer cells again.)"))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><td>{esc(q)}</td><td style="border-left:4px solid {STATUS[s]["color"]}">'
            f"{esc(_(PROGRESS_LABELS[s]))}</td></tr>" for q, s in self.statuses)
        return (f'<div class="wmolab-progress" role="status"><p><b>{esc(self.summary())}</b></p>'
                '<table class="wmolab-table"><thead><tr><th scope="col">' + esc(_("question")) + "</th>"
                '<th scope="col">' + esc(_("status")) + f"</th></tr></thead><tbody>{rows}</tbody></table><p><i>"
                + esc(_("Open questions are not counted. Progress is kept while the notebook's kernel runs: after a "
                        "restart, run your answer cells again.")) + "</i></p></div>")


def progress(sheet: str | None = None) -> Progress | str:
    """Which self-checked questions of a sheet are done, not yet right, or not answered yet.

    ``sheet`` is the notebook number (``"03"``); without it, the sheet of the question checked last.
    It reports the last :func:`check` of each question in this kernel, and never an answer.

    >>> progress("99")
    'There is no exercise sheet 99 with self-checks.'
    """
    if sheet is None:
        if not _RESULTS:
            return _("No self-check has run yet: run the cells with check(...) first, or ask for a sheet: "
                     "progress('03').")
        sheet = list(_RESULTS)[-1][:2]
    sheet = str(sheet).zfill(2)
    keys = _keys(sheet)
    if not keys:
        return _("There is no exercise sheet {sheet} with self-checks.").format(sheet=sheet)
    order = sorted(keys, key=lambda q: int(q.split(".")[1]))
    return Progress(sheet, tuple((q, _RESULTS.get(q, "unanswered")) for q in order))


if __name__ == "__main__":  # the key tool moved to the authoring package
    raise SystemExit("The key tool is now: python -m wmolab.authoring.keys add QUESTION KIND VALUE [options]")
