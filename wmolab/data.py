"""Load the course datasets.

Every dataset is a CSV file in ``datasets/`` described in ``datasets/datapackage.json``
(a Frictionless Data Package). :func:`load` reads a file with the declared types and
missing-value codes, and refuses a file that is missing, changed or does not match its
schema, with one clear message that names the file and the problem.

>>> from wmolab import load
>>> timeline = load("timeline")
>>> timeline["year"].dtype                 # typed as the schema declares
Int64Dtype()
>>> try:
...     load("timelines")
... except DatasetError as problem:   # in a notebook, this one line is all a student sees
...     print(problem)
There is no dataset called 'timelines'. Did you mean 'timeline'? Run wmolab.list_datasets() to see all names.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .i18n import _
from .sources import AUTHORS, reader_locator, replace_lines, strip_lines

__all__ = ["DatasetError", "load", "list_datasets", "describe", "datasets_dir", "sha256_of"]

#: Environment variable that points :func:`load` at another copy of ``datasets/`` (used in tests).
ENV_VAR = "WMOLAB_DATASETS"


class DatasetError(Exception):
    """A dataset could not be loaded. The message says which file and what is wrong."""


def datasets_dir() -> Path:
    """The folder that holds ``datapackage.json`` and the CSV files.

    In order: the folder named by ``WMOLAB_DATASETS``; the copy inside an installed package
    (``wmolab/datasets/``, which the wheel carries); the ``datasets/`` folder of a checkout, next to
    ``wmolab/`` (a clone, or an editable install). It does not depend on the working directory.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    packaged = here / "datasets"
    if (packaged / "datapackage.json").exists():
        return packaged
    checkout = here.parent / "datasets"
    # neither has a catalogue: name the folder the user can restore (a checkout has pyproject.toml next to wmolab/)
    in_checkout = (checkout / "datapackage.json").exists() or (here.parent / "pyproject.toml").exists()
    return checkout if in_checkout else packaged


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes, as the data package records it (``sha256:<hex>``)."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return f"sha256:{digest}"


@lru_cache(maxsize=8)
def _read_package(path: str, mtime: float) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _package(directory: Path | None = None) -> tuple[Path, dict[str, Any]]:
    directory = Path(directory) if directory is not None else datasets_dir()
    pkg_path = directory / "datapackage.json"
    if not pkg_path.exists():
        raise DatasetError(
            _("The dataset catalogue {path} is missing. Restore the datasets/ folder (for example with `git "
              "checkout -- datasets`), or reinstall the course package (`pip install --force-reinstall "
              "wmolab-….whl`), which carries the datasets.").format(path=pkg_path)
        )
    try:
        return directory, _read_package(str(pkg_path), pkg_path.stat().st_mtime)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            _("The dataset catalogue {path} is not valid JSON (line {n}). Restore it with `git checkout -- "
              "datasets/datapackage.json`.").format(path=pkg_path, n=exc.lineno)
        ) from None


def _resource(name: str, package: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(name, str):
        raise DatasetError(_("A dataset name is text, like 'timeline'; you gave {kind} {name}.").format(
            kind=type(name).__name__, name=repr(name)))
    for res in package.get("resources", []):
        if res.get("name") == name:
            return res
    names = sorted(r.get("name", "?") for r in package.get("resources", []))
    close = [n for n in names if name.lower().replace("-", "_") in n or n in name.lower()]
    hint = " " + _("Did you mean {names}?").format(names=", ".join(repr(c) for c in close[:3])) if close else ""
    raise DatasetError(
        _("There is no dataset called {name}.").format(name=repr(name)) + hint + " "
        + _("Run wmolab.list_datasets() to see all names.")
    )


def list_datasets(lesson: str | None = None, directory: Path | None = None) -> pd.DataFrame:
    """A table of the datasets: name, title, rows, what kind of data, source and lessons.

    ``lesson="03"`` lists only the datasets that lesson uses.
    """
    package = _package(directory)[1]
    rows = []
    for res in package.get("resources", []):
        meta = res.get("wmolab", {})
        if lesson is not None and str(lesson) not in meta.get("lessons", []):
            continue
        rows.append(
            {
                "name": res.get("name"),
                "title": res.get("title", ""),
                "rows": meta.get("rows"),
                "kind": meta.get("kind", ""),
                "source": meta.get("citation", ""),
                "lessons": ", ".join(meta.get("lessons", [])),
            }
        )
    return pd.DataFrame(rows)


def source_text(meta: dict[str, Any]) -> str:
    """A descriptor's source as a reader of the publication finds it: no seed line numbers.

    The citation when it already says where (§, Tabel, Bijlage, ch.); else the citation and the sections the
    locator's line ranges fall in. The line ranges themselves stay in the descriptor, for maintainers and tests.
    """
    citation, locator, seed = meta.get("citation", "?"), meta.get("locator", ""), str(meta.get("seed", ""))
    if re.search(r"§|\b(?:ch|Tabel|Table|Figuur|Fig|Bijlage|Bijlagen)\b", citation) or not locator:
        return citation
    if seed in AUTHORS:
        where = reader_locator(locator, seed)
    else:  # several seeds: each row names its own source
        where = strip_lines(re.sub(r"\b00\d\b", "", locator)).strip(" ,;")
        where = where if re.search(r"[A-Za-z§]", where) else "per row"
    return f"{citation}, {where}" if where else citation


def describe(name: str, directory: Path | None = None) -> str:
    """Where a dataset comes from: its description, source and kind, as a short text."""
    package = _package(directory)[1]
    res = _resource(name, package)
    meta = res.get("wmolab", {})
    seed = str(meta.get("seed", ""))

    def readable(text: str) -> str:  # a line reference becomes the section it points to
        return replace_lines(text, seed) if seed in AUTHORS else strip_lines(text)

    lines = [
        f"{_(res.get('title', name))} ({res['path']})",
        readable(_(res.get("description", ""))) if res.get("description") else "",
        _("Source: {source}").format(source=source_text(meta)),
        _("Kind: {kind}").format(kind=_(meta.get("kind", "?")))
        + (f" ({_(readable(meta['kind_note']))})" if meta.get("kind_note") else ""),
        _("Columns: {names}").format(names=", ".join(f["name"] for f in res.get("schema", {}).get("fields", []))),
    ]
    return "\n".join(line for line in lines if line)


def _convert(series: pd.Series, field: dict[str, Any], where: str) -> pd.Series:
    """Turn a column of strings (missing values already NA) into the declared type."""
    ftype = field.get("type", "string")
    name = field["name"]
    present = series.dropna()
    if ftype in ("string", "any"):
        return series.astype("string")
    if ftype == "integer":
        bad = present[~present.str.fullmatch(r"[+-]?\d+")]
        if len(bad):
            _bad_value(where, name, bad, "a whole number")
        return pd.to_numeric(series).astype("Int64")
    if ftype == "number":
        converted = pd.to_numeric(present, errors="coerce")
        bad = present[converted.isna()]
        if len(bad):
            _bad_value(where, name, bad, "a number")
        return pd.to_numeric(series).astype("float64")
    if ftype == "boolean":
        true_values = field.get("trueValues", ["true", "True", "TRUE", "1"])
        false_values = field.get("falseValues", ["false", "False", "FALSE", "0"])
        bad = present[~present.isin(true_values + false_values)]
        if len(bad):
            _bad_value(where, name, bad, "true or false")
        out = series.map(lambda v: pd.NA if pd.isna(v) else v in true_values)
        return out.astype("boolean")
    if ftype in ("date", "year"):
        if ftype == "year":
            bad = present[~present.str.fullmatch(r"\d{4}")]
            if len(bad):
                _bad_value(where, name, bad, "a year (four digits)")
            return pd.to_numeric(series).astype("Int64")
        converted = pd.to_datetime(present, format="%Y-%m-%d", errors="coerce")
        bad = present[converted.isna()]
        if len(bad):
            _bad_value(where, name, bad, "a date (YYYY-MM-DD)")
        return pd.to_datetime(series, format="%Y-%m-%d")
    raise DatasetError(f"{where}: column {name!r} has a type ({ftype!r}) that wmolab does not know.")


def _bad_value(where: str, column: str, bad: pd.Series, expected: str) -> None:
    row = int(bad.index[0]) + 2  # +1 for the header, +1 for counting from 1
    raise DatasetError(
        f"{where}: column {column!r} should hold {expected}, but line {row} has {bad.iloc[0]!r}"
        + (f" (and {len(bad) - 1} more such values)" if len(bad) > 1 else "")
        + ". The file does not match its schema."
    )


def _check_constraints(df: pd.DataFrame, fields: list[dict[str, Any]], where: str) -> None:
    for field in fields:
        name = field["name"]
        constraints = field.get("constraints", {})
        col = df[name]
        if constraints.get("required") and col.isna().any():
            row = int(col[col.isna()].index[0]) + 2
            raise DatasetError(f"{where}: column {name!r} must not be empty, but line {row} is.")
        present = col.dropna()
        if "enum" in constraints:
            allowed = constraints["enum"]
            bad = present[~present.astype(str).isin([str(a) for a in allowed])]
            if len(bad):
                row = int(bad.index[0]) + 2
                raise DatasetError(
                    f"{where}: column {name!r} allows only {allowed}, but line {row} has {bad.iloc[0]!r}."
                )
        for bound, op in (("minimum", "lt"), ("maximum", "gt")):
            if bound in constraints and len(present):
                limit = constraints[bound]
                bad = present[getattr(present, op)(limit)]
                if len(bad):
                    row = int(bad.index[0]) + 2
                    raise DatasetError(
                        f"{where}: column {name!r} has {bad.iloc[0]!r} on line {row}, "
                        f"outside its {bound} {limit}."
                    )
        if constraints.get("unique") and present.duplicated().any():
            raise DatasetError(f"{where}: column {name!r} must hold unique values; some repeat.")


def load(name: str, directory: Path | None = None, *, verify: bool = True) -> pd.DataFrame:
    """Load the dataset ``name`` as a typed DataFrame.

    The file is checked against the data package first: it must exist, have the recorded
    SHA-256 checksum (so an accidental edit is noticed), have exactly the declared columns,
    and every value must fit its column's type and constraints. Missing-value codes declared
    for the dataset (for example ``""``) become ``<NA>``; codes with their own meaning (such
    as ``?`` and ``nvt`` in the voice survey) are kept as text by the schema.

    Raises :class:`DatasetError` with one clear message if anything is wrong.
    """
    directory, package = _package(directory)
    res = _resource(name, package)
    path = directory / res["path"]
    where = _("Dataset {name} ({path})").format(name=repr(name), path=res["path"])
    if not path.exists():
        raise DatasetError(
            where + ": " + _("the file is missing. Restore it with `git checkout -- datasets/{path}`.").format(
                path=res["path"])
        )
    raw = path.read_bytes()
    if verify and "hash" in res:
        actual = "sha256:" + hashlib.sha256(raw).hexdigest()
        if actual != res["hash"]:
            raise DatasetError(
                where + ": " + _("the file has changed since it was published (its SHA-256 checksum does not "
                                 "match the data package), so it may be edited or corrupt. Restore it with `git "
                                 "checkout -- datasets/{path}`; if you changed it on purpose, load a copy of your "
                                 "own with pandas instead.").format(path=res["path"])
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{where}: the file is not UTF-8 text (byte {exc.start}).") from None
    schema = res.get("schema", {})
    fields = schema.get("fields", [])
    declared = [f["name"] for f in fields]
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader)
    except (StopIteration, csv.Error):
        raise DatasetError(f"{where}: the file is empty or not CSV.") from None
    if header != declared:
        missing = [c for c in declared if c not in header]
        extra = [c for c in header if c not in declared]
        detail = []
        if missing:
            detail.append(f"missing column(s) {missing}")
        if extra:
            detail.append(f"unexpected column(s) {extra}")
        if not detail:
            detail.append("the columns are in another order")
        raise DatasetError(f"{where}: the header does not match the schema: {'; '.join(detail)}.")
    missing_values = schema.get("missingValues", [""])
    try:
        df = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_values=missing_values,
            encoding="utf-8",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise DatasetError(f"{where}: the file is not valid CSV ({str(exc).strip()}).") from None
    for field in fields:
        df[field["name"]] = _convert(df[field["name"]], field, where)
    _check_constraints(df, fields, where)
    pk = schema.get("primaryKey")
    if pk:
        keys = [pk] if isinstance(pk, str) else list(pk)
        dup = df.duplicated(subset=keys)
        if dup.any():
            row = int(dup[dup].index[0]) + 2
            raise DatasetError(f"{where}: line {row} repeats the key {keys} of an earlier row.")
    expected_rows = res.get("wmolab", {}).get("rows")
    if expected_rows is not None and len(df) != expected_rows:
        raise DatasetError(f"{where}: expected {expected_rows} rows, found {len(df)}.")
    return df
