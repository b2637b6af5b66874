"""The class's own voice profiles (lesson 06): merged from a learning-platform download, compared with the cases.

Each student who scores a municipality in lesson 06 saves ``voice_profile_<code>.csv`` (see
:mod:`wmolab.voice.own`) and hands it in. :func:`merge_profiles` reads the download as the platform
gives it (a folder or a ``.zip``; folders per student, renamed files, zips inside zips: see
:mod:`wmolab.lms`) and reports every file: merged, skipped with the reason, or ignored (the
platform's and the operating system's own files). :func:`compare_class` then sets the class's
profiles beside the five published cases of Heijboer (2016, Bijlage VI), from the same role's view:
per profile the closest case (smallest mean absolute difference, as in the lesson's explorer), and
per instrument the class's mean next to each case's answer. Resembling a case is the course's
prompt for discussion, not a classification of a municipality. The instructor's command::

    python -m wmolab.voice.classprofiles merge path/to/download.zip

prints the report (paths masked; ``--show-names`` shows them), how many profiles are closest to
each case, and the per-instrument table; ``--out`` writes the merged anonymous profiles,
``--figure`` the figure.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..classfiles import Merge, Spec, merge
from ..data import load
from ..i18n import _
from ..plots import to_png
from .figures import class_profiles_alt, plot_class_profiles
from .own import PROFILE_NAME, compare_own, parse_profile
from .reshape import MUNICIPALITIES, ROLES, load_survey

__all__ = ["profile_spec", "ProfileMerge", "merge_profiles", "ClassComparison", "compare_class", "main"]

_COLUMNS = ["profile_id", "label", "role", "item_no", "instrument_id", "code", "score"]


def profile_spec(instruments: pd.DataFrame) -> Spec:
    """What the profile merge reads (see :mod:`wmolab.classfiles`)."""
    item_of = dict(zip(instruments["instrument_id"].astype(str), instruments["item_no"].astype(int)))

    def read(raw: bytes) -> tuple[str, dict[str, Any]]:
        doc = parse_profile(raw, instruments)
        rows = [{"profile_id": doc["profile_id"], "label": doc["label"], "role": doc["role"],
                 "item_no": item_of[iid], "instrument_id": iid, "code": "?" if score is None else "score",
                 "score": float("nan") if score is None else score} for iid, score in doc["answers"].items()]
        return doc["profile_id"], {"profile_id": doc["profile_id"], "rows": rows}

    return Spec(
        what="voice profile", suffix=".csv", own_name=PROFILE_NAME, read=read,
        looks_for="voice_profile_<code>.csv files (saved by 'Score your own municipality' in lesson 06)",
        others={".json": "another lesson's file: a .json file (a lesson 05 class-survey response?), not a profile",
                ".ipynb": "a notebook: not the profile; ask for the voice_profile_<code>.csv the explorer saved",
                ".xlsx": "a spreadsheet: not the profile; ask for the voice_profile_<code>.csv as saved"},
    )


class ProfileMerge(Merge):
    """The merged profiles (:attr:`profiles`) and a report on every file of the download."""

    @property
    def profiles(self) -> pd.DataFrame:
        """One row per answer: profile_id, label, role, item_no, instrument_id, code (score or ?), score."""
        return pd.DataFrame([row for record in self.records for row in record["rows"]], columns=_COLUMNS)

    @property
    def n(self) -> int:
        return len(self.records)


def merge_profiles(path: str | Path, instruments: pd.DataFrame | None = None) -> ProfileMerge:
    """Merge every saved profile of a download (a folder or a ``.zip``); every file is reported."""
    instruments = load("voice_instruments") if instruments is None else instruments
    done = merge(path, profile_spec(instruments))
    return ProfileMerge(done.spec, done.files, done.records, done.warnings)


@dataclass
class ClassComparison:
    """The class's profiles beside the five cases.

    ``profiles``: one row per profile (its closest case, or why none); ``items``: per role and
    instrument, the class's mean, how many scored it and said "don't know", and each case's score;
    ``closest``: per role, how many profiles are closest to each case.
    """

    profiles: pd.DataFrame
    items: pd.DataFrame
    closest: pd.DataFrame


def compare_class(profiles: pd.DataFrame, long: pd.DataFrame, models: pd.DataFrame) -> ClassComparison:
    """Compare merged profiles (``ProfileMerge.profiles``) with the cases of the same role.

    A profile with fewer than three scored instruments gets no closest case (the reason is given).
    A tie names every case at the smallest distance.
    """
    missing = set(_COLUMNS) - set(profiles.columns)
    if missing:
        raise ValueError(_("profiles should be ProfileMerge.profiles; missing column(s) {columns}.").format(
            columns=sorted(missing)))
    if profiles.empty:
        raise ValueError(_("no profiles were merged, so there is nothing to compare."))
    rows = []
    for (pid, role), own in profiles.groupby(["profile_id", "role"], sort=True):
        row = {"profile_id": pid, "label": own["label"].iat[0], "role": role,
               "n_scored": int(own["score"].notna().sum()), "closest": "", "model": "",
               "mean_abs_difference": float("nan"), "tie": False}
        try:
            ranking = compare_own(own[["item_no", "score"]], long, role, models)
        except ValueError as exc:
            row["closest"] = "(" + _("none: {reason}").format(reason=exc) + ")"  # "(" marks: no closest case
        else:
            best = ranking[ranking["mean_abs_difference"] == ranking["mean_abs_difference"].iat[0]]
            row["closest"] = _(" and ").join(best["municipality"])
            row["model"] = best["model"].iat[0] if len(best) == 1 else _("(a tie)")
            row["tie"] = len(best) > 1
            row["mean_abs_difference"] = round(float(best["mean_abs_difference"].iat[0]), 2)
        rows.append(row)
    ties = pd.DataFrame(rows)["tie"]
    per_profile = pd.DataFrame(rows).drop(columns="tie")
    items = []
    for role in [r for r in ROLES if r in set(profiles["role"])]:
        mine = profiles[profiles["role"] == role]
        cases = long[long["role"] == role].pivot(index="item_no", columns="municipality_id", values="score")
        names = long.drop_duplicates("item_no").set_index("item_no")["instrument"]
        for item_no, group in mine.groupby("item_no", sort=True):
            scored = group["score"].dropna()
            items.append({"role": role, "item_no": int(item_no), "instrument": names[item_no],
                          "n_profiles": len(group), "n_scored": len(scored), "dont_know": int(len(group) - len(scored)),
                          "class_mean": round(float(scored.mean()), 2) if len(scored) else float("nan"),
                          **{m: cases.loc[item_no, m] for m in MUNICIPALITIES}})
    closest = (per_profile.assign(closest=per_profile["closest"].where(~ties, _("(a tie)")))
               [~per_profile["closest"].str.startswith("(")]
               .groupby(["role", "closest"]).size().rename("profiles").reset_index())
    return ClassComparison(per_profile, pd.DataFrame(items), closest)


def main(argv: list[str] | None = None) -> int:
    """``python -m wmolab.voice.classprofiles merge DOWNLOAD [--show-names] [--out CSV] [--figure PNG]``."""
    parser = argparse.ArgumentParser(prog="python -m wmolab.voice.classprofiles",
                                     description="Merge the class's voice profiles (lesson 06) from a download.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("merge", help="report on every file, then compare the profiles with the five cases")
    cmd.add_argument("download", help="the folder or .zip the learning platform gave you")
    cmd.add_argument("--show-names", action="store_true",
                     help="show full file paths (they hold students' names: your own screen only)")
    cmd.add_argument("--out", help="write the merged, anonymous profiles to this CSV file")
    cmd.add_argument("--figure", help="write the figure (class means beside the cases) to this PNG file")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        result = merge_profiles(args.download)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(result.report(names=args.show_names))
    if result.n == 0:
        return 1
    if args.out:
        result.profiles.to_csv(args.out, index=False)
        print(f"\nThe {result.n} merged profiles (no names, no file names) are in {args.out}.")
    comparison = compare_class(result.profiles, load_survey(), load("voice_models"))
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.max_colwidth", 60):
        print("\nClosest published case per profile (mean absolute difference, same role; a prompt, not a "
              "classification):")
        print(comparison.profiles.drop(columns="profile_id").to_string(index=False))
        print("\nHow many profiles are closest to each case:")
        print(comparison.closest.to_string(index=False))
        print("\nPer instrument: the class's mean beside each case's score (NaN = ? or nvt in the thesis):")
        print(comparison.items.drop(columns="item_no").to_string(index=False))
    if args.figure:
        roles = list(comparison.items["role"].unique())
        Path(args.figure).write_bytes(to_png(plot_class_profiles(comparison.items, roles[0])))
        print(f"\nFigure written to {args.figure}. Alt text: {class_profiles_alt(comparison.items, roles[0])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
