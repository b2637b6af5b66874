"""Set up an nbgrader course folder from the repository (``make grading-course DIR=…``).

    python -m wmolab.authoring.grading.course DIR [--course-id wmolab] [--lesson 03 ...] [--language nl] [--force]

writes into ``DIR``:

- ``nbgrader_config.py``: the course id, the course's stubs (so nbgrader releases exactly ``exercises/``),
  the execution timeout, the output limits and the gradebook (``gradebook.db`` in ``DIR``); an existing one is
  kept unless ``--force`` (it may hold a hub's exchange settings);
- with ``--language nl``, the Dutch edition's sheets (``nl/solutions``) and its answer prompt instead;
- ``source/NN_slug/NN_slug.ipynb`` for every lesson (or the ``--lesson`` ones): the solution sheet, which is an
  nbgrader source notebook (:mod:`.source`); a source that changed is updated and said so.

The sheets need no data files in the folder: ``load()`` reads the datasets the installed ``wmolab`` package
carries. Then, in ``DIR``: ``nbgrader generate_assignment NN_slug``, collect, ``python -m
wmolab.authoring.grading.autograde NN_slug``, … (``docs/instructors.md``, *Grading a class with nbgrader*).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from ..nbexec import write_notebook
from . import cells as gc
from .source import MarkGradingCells

__all__ = ["SETTINGS", "config_text", "set_up", "main"]

ROOT = Path(__file__).resolve().parents[3]

#: The course's nbgrader settings (name, value, why): nbgrader's defaults except these.
SETTINGS: list[tuple[str, object, str]] = [
    ("ClearSolutions.code_stub", {"python": gc.CODE_STUB},
     "the student's names (answer_1 = ...) are written above each region in the solution itself"),
    ("ClearSolutions.text_stub", gc.TEXT_STUB, "the answer prompt of an open question"),
    ("Execute.timeout", 60, "seconds a cell may run while grading; a cell that loops forever is stopped"),
    ("LimitOutput.max_lines", 1000, "lines of output kept per cell in the graded notebook and the feedback"),
    ("LimitOutput.max_traceback", 100, "lines of a traceback kept"),
    ("LimitOutputSize.max_chars", 100_000, "characters of output kept per cell (also one very long line)"),
    ("OverwriteCells.add_missing_cells", True,
     "a graded cell a student deleted is put back and run, so deleting it neither gains nor loses points"),
]


def config_text(course_id: str, language: str = "en") -> str:
    lines = [
        "# nbgrader configuration of a WMO Lab course, written by `python -m wmolab.authoring.grading.course`.",
        "# Everything not set here is nbgrader's default. docs/instructors.md explains the workflow.",
        "c = get_config()  # noqa: F821 (nbgrader provides get_config)",
        "",
        f"c.CourseDirectory.course_id = {course_id!r}",
    ]
    for name, value, why in SETTINGS:
        if name.startswith("LimitOutputSize."):
            continue
        if name == "ClearSolutions.text_stub":
            value = gc.TEXT_STUBS[language]
        if name == "ClearSolutions.code_stub":
            value = {"python": gc.CODE_STUBS[language]}
        lines += [f"# {why}", f"c.{name} = {value!r}"]
    name, value, why = next(s for s in SETTINGS if s[0].startswith("LimitOutputSize."))
    lines += [
        "",
        "# Two steps the course adds to nbgrader's own lists of autograde steps (wmolab.authoring.grading):",
        "# - ForgetCopiedCells, after DeduplicateIds: a copied graded cell no longer fails the submission",
        "#   (nbgrader issue #1083); the last copy is graded;",
        f"# - LimitOutputSize, after LimitOutput: {why}, since LimitOutput counts lines only.",
        "from nbgrader.converters.autograde import Autograde  # noqa: E402",
        "from nbgrader.preprocessors import DeduplicateIds, LimitOutput  # noqa: E402",
        "from wmolab.authoring.grading.copied_cells import ForgetCopiedCells  # noqa: E402",
        "from wmolab.authoring.grading.limit_output import LimitOutputSize  # noqa: E402",
        "_sanitize = Autograde.sanitize_preprocessors.default()",
        "_sanitize.insert(_sanitize.index(DeduplicateIds) + 1, ForgetCopiedCells)",
        "c.Autograde.sanitize_preprocessors = _sanitize",
        "_grade = Autograde.autograde_preprocessors.default()",
        "_grade.insert(_grade.index(LimitOutput) + 1, LimitOutputSize)",
        "c.Autograde.autograde_preprocessors = _grade",
        f"c.{name} = {value!r}",
        "",
    ]
    return "\n".join(lines)


def lesson_sheets(root: Path = ROOT, lessons: list[str] | None = None, language: str = "en") -> list[Path]:
    folder = root / "solutions" if language == "en" else root / language / "solutions"
    sheets = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not sheets:
        raise SystemExit(f"no solution sheets in {folder}: run this from a checkout of the course")
    if lessons:
        sheets = [p for p in sheets if p.name[:2] in lessons]
        missing = set(lessons) - {p.name[:2] for p in sheets}
        if missing:
            raise SystemExit(f"no lesson {', '.join(sorted(missing))} in {folder}")
    return sheets


def set_up(directory: Path, course_id: str = "wmolab", lessons: list[str] | None = None, force: bool = False,
           root: Path = ROOT, language: str = "en") -> list[str]:
    """Create or update the course folder; return what was done, one line each."""
    directory = Path(directory).expanduser().resolve()
    directory.mkdir(parents=True, exist_ok=True)
    done = []
    config = directory / "nbgrader_config.py"
    text = config_text(course_id, language)
    if config.exists() and not force and config.read_text(encoding="utf-8") != text:
        done.append(f"kept {config} (it differs from the course's; --force replaces it)")
    elif not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
        done.append(f"wrote {config}")
    for sheet in lesson_sheets(root, lessons, language):
        nb = MarkGradingCells(keys_dir=root / "wmolab" / "keys")(nbformat.read(sheet, as_version=4))
        dst = directory / "source" / sheet.stem / sheet.name
        new = nbformat.writes(nb) + "\n"
        if dst.exists() and dst.read_text(encoding="utf-8") == new:
            continue
        verb = "updated" if dst.exists() else "wrote"
        dst.parent.mkdir(parents=True, exist_ok=True)
        write_notebook(nb, dst)
        done.append(f"{verb} {dst.relative_to(directory)}")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.grading.course",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("directory", help="the course folder (created if needed)")
    parser.add_argument("--course-id", default="wmolab")
    parser.add_argument("--lesson", action="append", help="only this lesson (NN); repeat for more")
    parser.add_argument("--language", choices=sorted(gc.TEXT_STUBS), default="en",
                        help="nl: the Dutch edition's sheets (nl/solutions) and answer prompt")
    parser.add_argument("--force", action="store_true", help="replace an nbgrader_config.py that differs")
    args = parser.parse_args(argv)
    for line in set_up(Path(args.directory), args.course_id, args.lesson, args.force,
                       language=args.language) or ["nothing to do"]:
        print(line)
    print(f"next: cd {args.directory} && nbgrader generate_assignment <NN_slug>  (docs/instructors.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
