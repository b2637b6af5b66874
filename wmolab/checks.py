"""Self-checks for the exercise sheets.

One pattern for the whole course::

    from wmolab import check
    check("00.3", answer)

The expected answers are stored in ``wmolab/keys/NN.json`` only as SHA-256 hashes of a
canonical form (numbers rounded to the question's number of decimals, text case-folded),
so reading the source does not reveal them. The tolerance is in the rounding: an answer
counts as right when it rounds to the same value. Small answer spaces (a year, a choice
between three laws) can of course be guessed by trying; the hashes only stop a glance.

:func:`check` never raises and never shows the expected value. It returns a
:class:`Feedback` whose status is one of:

- ``"correct"``         the answer matches;
- ``"incorrect"``       a well-formed answer that does not match (with a hint);
- ``"unanswered"``      still ``...`` or ``None``;
- ``"invalid"``         the wrong kind of answer (text instead of a number, a table
                        instead of one value, a missing key, ...), saying what is wrong.
"""
from __future__ import annotations

import hashlib
import json
import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .html import STATUS, esc, status_html

__all__ = ["check", "Feedback", "make_key", "canonical", "KEYS_DIR", "STATUSES"]

KEYS_DIR = Path(__file__).resolve().parent / "keys"
STATUSES = tuple(STATUS)
_QID = re.compile(r"^(\d{2})\.(\d{1,2})$")


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
        return f"{self.question} · {STATUS[self.status]['label']}" + (f" — {self.message}" if self.message else "")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        inner = (f"<b>{esc(self.question)} · {esc(STATUS[self.status]['label'])}</b>"
                 + (f" — {esc(self.message)}" if self.message else ""))
        return status_html(self.status, inner, classes=f"wmolab-check wmolab-check-{self.status}")


# --------------------------------------------------------------------------- canonical forms
def _hash(question: str, canonical_text: str) -> str:
    return hashlib.sha256(f"{question}\x1f{canonical_text}".encode()).hexdigest()


def _norm_text(value: str) -> str:
    return " ".join(str(value).casefold().split())


def _fmt_number(value: float, decimals: int) -> str:
    text = f"{round(float(value), decimals):.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text


def canonical(kind: str, value: Any, decimals: int = 0) -> str:
    """The canonical text of an (already validated) answer; what is hashed."""
    if kind in ("number", "integer"):
        return _fmt_number(value, decimals if kind == "number" else 0)
    if kind == "text":
        return _norm_text(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "set":
        return "|".join(sorted(_norm_text(v) for v in value))
    if kind == "sequence":
        return "|".join(
            _fmt_number(v, decimals) if isinstance(v, numbers.Number) else _norm_text(v) for v in value
        )
    raise ValueError(f"unknown kind {kind!r}")


def make_key(question: str, kind: str, value: Any, *, decimals: int = 0, hint: str = "",
             options: Iterable[str] | None = None, value_kind: str = "text",
             wrong: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the stored key of one question (used by authors and tests, not by students).

    ``wrong`` maps a hint to a common wrong answer; a student who gives exactly that answer
    gets that hint instead of the general one.
    """
    key: dict[str, Any] = {"kind": kind, "hint": hint}
    if kind == "number":
        key["decimals"] = decimals
    if options is not None:
        key["options"] = list(options)
    if kind == "mapping":
        key["value_kind"] = value_kind
        if value_kind == "number":
            key["decimals"] = decimals
        key["items"] = {
            str(k): _hash(f"{question}/{k}", canonical(value_kind, v, decimals)) for k, v in value.items()
        }
        return key
    if kind == "set":
        key["size"] = len(value)
    if kind == "sequence":
        key["length"] = len(value)
        key["decimals"] = decimals
    key["sha256"] = _hash(question, canonical(kind, value, decimals))
    if wrong:
        key["wrong"] = {_hash(question, canonical(kind, v, decimals)): h for h, v in wrong.items()}
    return key


@lru_cache(maxsize=32)
def _keys(notebook: str) -> dict[str, Any]:
    path = KEYS_DIR / f"{notebook}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- answer validation
class _Invalid(Exception):
    pass


def _describe(value: Any) -> str:
    mod = type(value).__module__
    name = type(value).__name__
    if mod.startswith("pandas"):
        if name == "DataFrame":
            return f"a table (DataFrame) of shape {value.shape[0]} × {value.shape[1]}"
        if name == "Series":
            return f"a column (Series) of length {len(value)}"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"text ({short!r})"
    if isinstance(value, bool):
        return f"True/False ({value})"
    if isinstance(value, numbers.Number):
        return f"a number ({value!r})"
    if isinstance(value, (list, tuple, set, frozenset)):
        return f"a {name} of {len(value)} items"
    if isinstance(value, dict):
        return f"a dict with {len(value)} entries"
    if mod.startswith("numpy") and hasattr(value, "shape") and getattr(value, "shape", ()) != ():
        return f"an array of shape {value.shape}"
    return f"a {name}"


def _as_number(value: Any, integer: bool) -> float:
    if isinstance(value, bool) or (type(value).__module__.startswith("numpy") and type(value).__name__ == "bool_"):
        raise _Invalid(f"expected a number, got {_describe(value)}.")
    if isinstance(value, str):
        try:
            float(value.replace(",", "."))
            tip = " Remove the quotes so Python sees a number."
        except ValueError:
            tip = ""
        raise _Invalid(f"expected a number, got {_describe(value)}.{tip}")
    if hasattr(value, "shape") and getattr(value, "shape", None) not in ((), None):
        size = getattr(value, "size", None)
        tip = " Take the one value out, e.g. with .iloc[0] or float(...)." if size == 1 else (
            " Select the one value the question asks for (e.g. with .loc[...])."
        )
        raise _Invalid(f"expected one number, got {_describe(value)}.{tip}")
    if isinstance(value, (list, tuple, set, dict)):
        raise _Invalid(f"expected one number, got {_describe(value)}.")
    if not isinstance(value, numbers.Number):
        try:
            value = float(value)  # numpy scalars, Decimal, pandas scalars
        except (TypeError, ValueError):
            raise _Invalid(f"expected a number, got {_describe(value)}.") from None
    if isinstance(value, complex):
        raise _Invalid("expected a real number, got a complex number.")
    number = float(value)
    if math.isnan(number):
        raise _Invalid("the answer is NaN (not a number): a calculation met missing values or divided by zero.")
    if math.isinf(number):
        raise _Invalid("the answer is infinite: check for a division by zero.")
    if integer and number != int(number):
        raise _Invalid(f"expected a whole number, got {number:g}.")
    return number


def _as_text(value: Any, options: list[str] | None) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected text in quotes, got {_describe(value)}.")
    if not value.strip():
        raise _Invalid("the text is empty.")
    if options is not None and _norm_text(value) not in {_norm_text(o) for o in options}:
        raise _Invalid("choose one of: " + ", ".join(repr(o) for o in options) + ".")
    return value


def _as_items(value: Any) -> list[Any]:
    if isinstance(value, str) or not hasattr(value, "__iter__") or isinstance(value, dict):
        raise _Invalid(f"expected a list of items, got {_describe(value)}.")
    if type(value).__name__ == "DataFrame":
        raise _Invalid(f"expected a list of items, got {_describe(value)}. Select one column.")
    return list(value)


def _is_unanswered(value: Any) -> bool:
    return value is ... or value is None


# --------------------------------------------------------------------------- the check
def check(question: str, answer: Any = ...) -> Feedback:
    """Check the answer to exercise ``question`` (e.g. ``"03.2"``) and return feedback.

    Never raises; never reveals the expected answer.

    >>> check("00.1", ...)
    00.1 · … not answered yet — replace the ... with your answer and run the cell again.
    >>> check("99.9", 7)
    99.9 · ✘ cannot check this answer — there is no self-check for question 99.9; check the number.
    >>> check("3.2", 7)
    3.2 · ✘ cannot check this answer — a question number looks like '03.2' (notebook.question).
    """
    try:
        return _check(question, answer)
    except Exception as exc:  # pragma: no cover - a safety net, reported politely
        return Feedback(str(question), "invalid", f"the check itself failed ({type(exc).__name__}); "
                        "please tell your instructor.")


def _check(question: Any, answer: Any) -> Feedback:
    qid = str(question)
    match = _QID.match(qid)
    if not match:
        return Feedback(qid, "invalid", "a question number looks like '03.2' (notebook.question).")
    key = _keys(match.group(1)).get(qid)
    if key is None:
        return Feedback(qid, "invalid", f"there is no self-check for question {qid}; check the number.")
    if _is_unanswered(answer):
        return Feedback(qid, "unanswered", "replace the ... with your answer and run the cell again.")
    kind = key["kind"]
    hint = key.get("hint", "")
    try:
        if kind == "mapping":
            return _check_mapping(qid, key, answer)
        if kind in ("number", "integer"):
            decimals = key.get("decimals", 0) if kind == "number" else 0
            number = _as_number(answer, integer=(kind == "integer"))
            # a tiny fuzz so values like 20.649999999 round as intended
            candidates = {canonical(kind, number + d, decimals) for d in (0, 1e-9, -1e-9)}
            hashes = {_hash(qid, c) for c in candidates}
        elif kind == "text":
            hashes = {_hash(qid, canonical("text", _as_text(answer, key.get("options"))))}
        elif kind == "bool":
            if not isinstance(answer, bool):
                raise _Invalid(f"expected True or False, got {_describe(answer)}.")
            hashes = {_hash(qid, canonical("bool", answer))}
        elif kind == "set":
            items = _as_items(answer)
            if not all(isinstance(i, str) for i in items):
                raise _Invalid("every item should be text in quotes.")
            if len(set(_norm_text(i) for i in items)) != len(items):
                raise _Invalid("some items appear more than once.")
            options = key.get("options")
            if options is not None:
                allowed = {_norm_text(o) for o in options}
                unknown = [i for i in items if _norm_text(i) not in allowed]
                if unknown:
                    raise _Invalid(f"{unknown[0]!r} is not one of the possible items.")
            if len(items) != key["size"]:
                raise _Invalid(f"the answer should have {key['size']} items; you gave {len(items)}.")
            hashes = {_hash(qid, canonical("set", items))}
        elif kind == "sequence":
            items = _as_items(answer)
            if len(items) != key["length"]:
                raise _Invalid(f"the answer should have {key['length']} items in order; you gave {len(items)}.")
            decimals = key.get("decimals", 0)
            clean = [i if isinstance(i, str) else _as_number(i, integer=False) for i in items]
            hashes = {_hash(qid, canonical("sequence", clean, decimals))}
        else:  # pragma: no cover - a broken key file
            return Feedback(qid, "invalid", "this question's key is damaged; please tell your instructor.")
    except _Invalid as problem:
        return Feedback(qid, "invalid", str(problem))
    if key["sha256"] in hashes:
        return Feedback(qid, "correct", "")
    for wrong_hash, wrong_hint in key.get("wrong", {}).items():
        if wrong_hash in hashes:
            return Feedback(qid, "incorrect", wrong_hint)
    return Feedback(qid, "incorrect", hint)


def _check_mapping(qid: str, key: dict[str, Any], answer: Any) -> Feedback:
    if type(answer).__name__ == "Series":
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise _Invalid(f"expected a dict like {{'name': value, ...}}, got {_describe(answer)}.")
    items = key["items"]
    answer = {str(k): v for k, v in answer.items()}
    missing = [k for k in items if k not in answer]
    unknown = [k for k in answer if k not in items]
    if unknown:
        raise _Invalid(f"{unknown[0]!r} is not one of the names this question asks about.")
    if missing:
        return Feedback(qid, "invalid", f"still missing: {', '.join(missing)}.")
    value_kind = key.get("value_kind", "text")
    decimals = key.get("decimals", 0)
    wrong = []
    for name, expected in items.items():
        value = answer[name]
        if _is_unanswered(value):
            return Feedback(qid, "unanswered", f"{name!r} has no answer yet.")
        if value_kind == "number":
            value = _as_number(value, integer=False)
            got = {_hash(f"{qid}/{name}", canonical("number", value + d, decimals)) for d in (0, 1e-9, -1e-9)}
        else:
            got = {_hash(f"{qid}/{name}", canonical("text", _as_text(value, key.get("options"))))}
        if expected not in got:
            wrong.append(name)
    if not wrong:
        return Feedback(qid, "correct", "")
    right = len(items) - len(wrong)
    message = f"{right} of {len(items)} right; look again at: {', '.join(wrong)}."
    if key.get("hint"):
        message += " " + key["hint"]
    return Feedback(qid, "incorrect", message)


if __name__ == "__main__":  # the key tool moved to the authoring package
    raise SystemExit("The key tool is now: python -m wmolab.authoring.keys add QUESTION KIND VALUE [options]")
