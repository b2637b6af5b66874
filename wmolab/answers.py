"""The forms an answer to a self-check may take, and the canonical text that is hashed.

:func:`wmolab.checks.check` accepts every natural, correct form of an answer; this module turns each into one
canonical text (numbers rounded to the question's decimals, text case-folded and with its spaces collapsed,
accents dropped where the key says so) or says, in one sentence, what is wrong with its form:

- one value may come as a Python or numpy/pandas scalar, or as a one-element list, array or Series
  (``laws.loc[laws["x"] == 1, "y"]``): the one value is taken out;
- a mapping may come as a dict, a pandas Series or a one-column DataFrame; its names are matched without regard
  to capitals or extra spaces (``"Hoorn"``, ``" hoorn"``, ``"HOORN"`` are one name);
- text is compared without regard to capitals or extra spaces (and accents, where the key says so).

>>> canonical("number", 20.66, 1)
'20.7'
>>> canonical("text", "  Participatie WET ")
'participatie wet'
>>> canonical("text", "Efficiëntie", fold_accents=True)
'efficientie'
>>> one_value([20.7])
20.7
"""
from __future__ import annotations

import hashlib
import math
import numbers
import unicodedata
from typing import Any

from .i18n import _

__all__ = ["AnswerFormError", "answer_hash", "canonical", "norm_text", "fmt_number", "describe_value",
           "one_value", "is_numpy_bool", "as_number", "as_text", "as_items", "as_mapping", "is_unanswered"]


class AnswerFormError(Exception):
    """The answer has the wrong form (text for a number, a table for one value, ...); the message says what."""


def answer_hash(question: str, canonical_text: str) -> str:
    """SHA-256 of a question's id and an answer's canonical text: what a key stores."""
    return hashlib.sha256(f"{question}\x1f{canonical_text}".encode()).hexdigest()


def norm_text(value: Any, *, fold_accents: bool = False) -> str:
    """Text without regard to capitals and extra spaces (and accents, with ``fold_accents``)."""
    text = " ".join(str(value).casefold().split())
    if fold_accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


def fmt_number(value: float, decimals: int) -> str:
    text = f"{round(float(value), decimals):.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text


def canonical(kind: str, value: Any, decimals: int = 0, *, fold_accents: bool = False) -> str:
    """The canonical text of an (already validated) answer; what is hashed."""
    if kind in ("number", "integer"):
        return fmt_number(value, decimals if kind == "number" else 0)
    if kind in ("text", "choice"):
        return norm_text(value, fold_accents=fold_accents)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "set":
        return "|".join(sorted(norm_text(v, fold_accents=fold_accents) for v in value))
    if kind == "sequence":
        return "|".join(
            fmt_number(v, decimals) if isinstance(v, numbers.Number) else norm_text(v, fold_accents=fold_accents)
            for v in value
        )
    raise ValueError(f"unknown kind {kind!r}")


def _is_pandas(value: Any, name: str) -> bool:
    return type(value).__module__.startswith("pandas") and type(value).__name__ == name


def describe_value(value: Any) -> str:
    """What a value is, in a few words a student understands ("a column (Series) of length 3")."""
    name = type(value).__name__
    if _is_pandas(value, "DataFrame"):
        return _("a table (DataFrame) of shape {rows} × {columns}").format(rows=value.shape[0], columns=value.shape[1])
    if _is_pandas(value, "Series"):
        return _("a column (Series) of length {n}").format(n=len(value))
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return _("text ({text})").format(text=repr(short))
    if isinstance(value, bool):
        return f"True/False ({value})"
    if isinstance(value, numbers.Number):
        return _("a number ({value})").format(value=repr(value))
    if isinstance(value, (list, tuple, set, frozenset)):
        return _("a {kind} of {n} items").format(kind=name, n=len(value))
    if isinstance(value, dict):
        return _("a dict with {n} entries").format(n=len(value))
    if type(value).__module__.startswith("numpy") and getattr(value, "shape", ()) != ():
        return _("an array of shape {shape}").format(shape=value.shape)
    return f"a {name}"


def is_numpy_bool(value: Any) -> bool:
    """numpy's True/False (``numpy.bool``, called ``bool_`` before numpy 2)."""
    return type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")


def is_unanswered(value: Any) -> bool:
    return value is ... or value is None


def one_value(value: Any) -> Any:
    """The one value inside a one-element list, tuple, array, Series or 1 × 1 table; anything else unchanged."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return value[0]
    if _is_pandas(value, "DataFrame") and value.shape == (1, 1):
        return value.iloc[0, 0]
    if _is_pandas(value, "Series") and len(value) == 1:
        return value.iloc[0]
    if type(value).__module__.startswith("numpy") and getattr(value, "size", None) == 1 \
            and getattr(value, "shape", ()) != ():
        return value.reshape(-1)[0]
    return value


def as_number(value: Any, integer: bool) -> float:
    """One real number from any natural form of it; :class:`AnswerFormError` otherwise."""
    value = one_value(value)
    if isinstance(value, bool) or is_numpy_bool(value):
        raise AnswerFormError(_("expected a number, got {value}.").format(value=describe_value(value)))
    if isinstance(value, str):
        try:
            float(value.replace(",", "."))
            tip = " " + _("Remove the quotes so Python sees a number.")
        except ValueError:
            tip = ""
        raise AnswerFormError(_("expected a number, got {value}.").format(value=describe_value(value)) + tip)
    if hasattr(value, "shape") and getattr(value, "shape", None) not in ((), None):
        raise AnswerFormError(_("expected one number, got {value}. Select the one value the question asks for "
                                "(e.g. with .loc[...]).").format(value=describe_value(value)))
    if isinstance(value, (list, tuple, set, dict)):
        raise AnswerFormError(_("expected one number, got {value}.").format(value=describe_value(value)))
    if not isinstance(value, numbers.Number):
        try:
            value = float(value)  # numpy scalars, Decimal, pandas scalars
        except (TypeError, ValueError):
            raise AnswerFormError(_("expected a number, got {value}.").format(value=describe_value(value))) from None
    if isinstance(value, complex):
        raise AnswerFormError(_("expected a real number, got a complex number."))
    number = float(value)
    if math.isnan(number):
        raise AnswerFormError(_("the answer is NaN (not a number): a calculation met missing values or divided by "
                                "zero."))
    if math.isinf(number):
        raise AnswerFormError(_("the answer is infinite: check for a division by zero."))
    if integer and number != int(number):
        raise AnswerFormError(_("expected a whole number, got {number}.").format(number=f"{number:g}"))
    return number


def as_text(value: Any, options: list[str] | None, *, fold_accents: bool = False) -> str:
    """One text from any natural form of it, one of ``options`` if given; :class:`AnswerFormError` otherwise."""
    value = one_value(value)
    if not isinstance(value, str):
        raise AnswerFormError(_("expected text in quotes, got {value}.").format(value=describe_value(value)))
    if not value.strip():
        raise AnswerFormError(_("the text is empty."))
    if options is not None and norm_text(value, fold_accents=fold_accents) not in {
            norm_text(o, fold_accents=fold_accents) for o in options}:
        raise AnswerFormError(_("choose one of: {options}.").format(options=", ".join(repr(o) for o in options)))
    return value


def as_items(value: Any) -> list[Any]:
    if isinstance(value, str) or not hasattr(value, "__iter__") or isinstance(value, dict):
        raise AnswerFormError(_("expected a list of items, got {value}.").format(value=describe_value(value)))
    if _is_pandas(value, "DataFrame"):
        raise AnswerFormError(_("expected a list of items, got {value}. Select one column.").format(
            value=describe_value(value)))
    return list(value)


def as_mapping(value: Any, names: list[str]) -> dict[str, Any]:
    """A dict from the key's ``names`` to the student's values, matching names without regard to capitals and
    extra spaces; a Series or a one-column table counts as a mapping from its index to its values."""
    if _is_pandas(value, "DataFrame") and value.shape[1] == 1:
        value = value.iloc[:, 0]
    if _is_pandas(value, "Series"):
        value = value.to_dict()
    if not isinstance(value, dict):
        raise AnswerFormError(_("expected a dict like {example}, got {value}.").format(
            example="{'name': value, ...}", value=describe_value(value)))
    wanted = {norm_text(n): n for n in names}
    out: dict[str, Any] = {}
    for given, item in value.items():
        name = wanted.get(norm_text(given))
        if name is None:
            raise AnswerFormError(_("{name} is not one of the names this question asks about.").format(
                name=repr(given)))
        if name in out:
            raise AnswerFormError(_("{name} appears twice (names are compared without regard to capitals).").format(
                name=repr(given)))
        out[name] = item
    return out
