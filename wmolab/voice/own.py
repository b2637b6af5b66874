"""Score your own municipality on the 13 instruments and compare it with the five cases (lesson 06).

A student's profile can be saved as a small anonymous CSV file for the class, one row per
instrument::

    profile_id,label,role,item_no,instrument_id,answer
    3f2a9c0e5b7d4e11,group A,client,1,zorgplan,5
    3f2a9c0e5b7d4e11,group A,client,2,kcc,don't know
    ...

named ``voice_profile_<profile id>.csv``: a random id, no name. The explorer keeps one id per
session, so saving again replaces the student's file. :func:`parse_profile` checks such a file (the
class merge in :mod:`wmolab.voice.classprofiles` uses it).
"""
from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import _
from ..validate import require_columns, require_keys
from .reshape import MIN_PAIRS, MUNICIPALITIES, ROLES

__all__ = ["DONT_KNOW", "PROFILE_FIELDS", "PROFILE_NAME", "ProfileError", "own_profile", "compare_own",
           "own_profile_csv", "new_profile_id", "save_profile", "parse_profile"]

DONT_KNOW = "don't know"
#: The columns of a saved profile, in order.
PROFILE_FIELDS = ("profile_id", "label", "role", "item_no", "instrument_id", "answer")
#: The name of a saved profile file: a random id, no name.
PROFILE_NAME = re.compile(r"voice_profile_[0-9a-f]{16}\.csv")
_OLD_FIELDS = ("label", "role", "item_no", "instrument_id", "answer")  # my_voice_profile.csv, before ids
_ID = re.compile(r"^[0-9a-f]{16}$")
MAX_PROFILE_BYTES = 10_000
MAX_LABEL = 40


class ProfileError(ValueError):
    """A saved profile is not valid; the message says why."""


def own_profile(answers: Mapping[str, Any], instruments: pd.DataFrame) -> pd.DataFrame:
    """A student's own scores as a table: one row per instrument.

    ``answers`` maps ``instrument_id`` to a score 1-7 or ``"don't know"`` (or None). Every
    instrument must be present.
    """
    require_columns(instruments, ["item_no", "instrument_id", "label_en"], "The instruments table")
    ids = instruments["instrument_id"].astype(str).tolist()
    require_keys(answers, ids, unknown="{key} is not one of the 13 instruments.",
                 missing="No answer for: {all} (use \"don't know\" if you cannot judge).")
    rows = []
    for item, iid, label in zip(instruments["item_no"], ids, instruments["label_en"]):
        value = answers[iid]
        if value is None or value == DONT_KNOW:
            rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "?",
                         "score": float("nan")})
            continue
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 1 <= int(value) <= 7:
            raise ValueError(f"{iid}: a score is a whole number from 1 to 7 or \"don't know\", got {value!r}.")
        rows.append({"item_no": int(item), "instrument_id": iid, "instrument": label, "code": "score",
                     "score": float(value)})
    return pd.DataFrame(rows)


def compare_own(own: pd.DataFrame, long: pd.DataFrame, role: str, models: pd.DataFrame | None = None) -> pd.DataFrame:
    """How close is your profile to each case's answers from the same role?

    Distance = mean absolute difference over the items both you and that respondent scored
    (``don't know``, ``?`` and ``nvt`` are left out). Sorted closest first; the first row is
    the case (and model) your profile resembles most. Needs at least three scored items.
    """
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    require_columns(own, ["item_no", "score"], "Your profile")
    scored = int(own["score"].notna().sum())
    if scored < MIN_PAIRS:
        raise ValueError(_(
            "You scored {n} instrument(s); score at least {min_pairs} (not \"don't know\") to compare.").format(
                n=scored, min_pairs=MIN_PAIRS))
    mine = own.set_index("item_no")["score"]
    model_of = {}
    if models is not None:
        model_of = dict(zip(models["case_municipality_id"].astype(str), models["model_nl"].astype(str)))
    rows = []
    for mun, label in MUNICIPALITIES.items():
        theirs = long[(long["municipality_id"] == mun) & (long["role"] == role)].set_index("item_no")["score"]
        both = pd.concat([mine, theirs], axis=1, keys=["mine", "theirs"]).dropna()
        rows.append({
            "municipality_id": mun, "municipality": label, "model": model_of.get(mun, ""),
            "n_items": len(both),
            "mean_abs_difference": (both["mine"] - both["theirs"]).abs().mean() if len(both) else float("nan"),
        })
    out = pd.DataFrame(rows)
    out = out[out["n_items"] >= MIN_PAIRS]
    if out.empty:
        raise ValueError(_("Your scored items overlap fewer than three items with every case; score more "
                           "instruments."))
    return out.sort_values(["mean_abs_difference", "municipality_id"]).reset_index(drop=True)


def new_profile_id() -> str:
    """A random profile id: 16 hexadecimal characters."""
    return secrets.token_hex(8)


def own_profile_csv(own: pd.DataFrame, role: str, label: str = "", profile_id: str | None = None) -> str:
    """Your profile as a small anonymous CSV text (for a class discussion); a new id unless given."""
    if role not in ROLES:
        raise ValueError(f"role should be one of {list(ROLES)}, got {role!r}.")
    pid = profile_id or new_profile_id()
    if not _ID.match(pid):
        raise ValueError("a profile id is 16 hexadecimal characters.")
    out = own[["item_no", "instrument_id", "code", "score"]].copy()
    out["answer"] = [(DONT_KNOW if c != "score" else f"{s:g}") for c, s in zip(out["code"], out["score"])]
    out.insert(0, "role", role)
    out.insert(0, "label", " ".join(str(label).split())[:MAX_LABEL])
    out.insert(0, "profile_id", pid)
    return out[list(PROFILE_FIELDS)].to_csv(index=False, lineterminator="\n")


def save_profile(own: pd.DataFrame, role: str, label: str = "", folder: str | Path = ".",
                 profile_id: str | None = None) -> Path:
    """Write your profile to ``folder/voice_profile_<id>.csv`` and return the path."""
    pid = profile_id or new_profile_id()
    text = own_profile_csv(own, role, label, pid)
    path = Path(folder) / f"voice_profile_{pid}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def parse_profile(raw: bytes, instruments: pd.DataFrame) -> dict[str, Any]:
    """Check the bytes of a saved profile against the 13 instruments; raises :class:`ProfileError`.

    Returns ``{"profile_id", "label", "role", "answers": {instrument_id: score or None}}``.
    """
    if not raw.strip():
        raise ProfileError("empty: the file holds nothing (the upload may have failed).")
    if len(raw) > MAX_PROFILE_BYTES:
        raise ProfileError(f"too large: {len(raw):,} bytes, far more than a profile (under {MAX_PROFILE_BYTES:,}).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError("not UTF-8 text: the file was changed (e.g. saved again by a spreadsheet) or is "
                           "not a profile.") from None
    try:
        rows = [r for r in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in r)]
    except csv.Error:
        raise ProfileError("malformed: not a readable CSV text.") from None
    header = tuple(c.strip() for c in rows[0])
    if header == _OLD_FIELDS:
        raise ProfileError("old format: a my_voice_profile.csv saved before profiles had an id; ask the student "
                           "to save again from the explorer.")
    if header != PROFILE_FIELDS:
        raise ProfileError(f"not a voice profile: its first line should be {','.join(PROFILE_FIELDS)}.")
    body = rows[1:]
    expected = dict(zip(instruments["item_no"].astype(int), instruments["instrument_id"].astype(str)))
    if any(len(r) != len(PROFILE_FIELDS) for r in body):
        raise ProfileError(f"malformed: every line should have {len(PROFILE_FIELDS)} values.")
    if len(body) != len(expected):
        raise ProfileError(f"malformed: {len(body)} instrument lines, not {len(expected)}.")
    for column, values in zip(PROFILE_FIELDS[:3], zip(*[r[:3] for r in body])):
        if len(set(values)) != 1:
            raise ProfileError(f"malformed: the {column} differs between lines (pieces of two profiles?).")
    pid, label, role = body[0][:3]
    if not _ID.match(pid):
        raise ProfileError("malformed: the profile id is not 16 hexadecimal characters.")
    if role not in ROLES:
        raise ProfileError(f"malformed: the role should be one of {', '.join(ROLES)}.")
    if len(label) > MAX_LABEL:
        raise ProfileError(f"malformed: the label is longer than {MAX_LABEL} characters.")
    answers: dict[str, float | None] = {}
    for *_skip, item, iid, answer in body:
        if not item.isdigit() or int(item) not in expected or expected[int(item)] != iid or iid in answers:
            raise ProfileError(f"malformed: item {item!r} / {iid!r} is not one of the 13 instruments in order, "
                               "or appears twice.")
        if answer == DONT_KNOW:
            answers[iid] = None
        elif answer in {str(k) for k in range(1, 8)}:
            answers[iid] = float(answer)
        else:
            raise ProfileError(f"invalid answer: {iid} should be 1-7 or \"{DONT_KNOW}\".")
    return {"profile_id": pid, "label": label, "role": role, "answers": answers}
