"""Synthetic submissions for the grading tests, made from the released sheet by filling in answers.

Each :class:`Submission` is one student's hand-in with the autograded score nbgrader must give it, stated here
by hand, never computed by the code under test: ``auto`` points, or ``lost`` points fewer than the lesson's
autograded maximum (so the synthetic class still fits when a lesson gains a question). ``graded`` False means
the course's autograde command must refuse it with a reason containing ``reason``, and nbgrader's export then
gives it 0.

The student ``full`` answers every lesson as the solution sheet does (the fixture adds the other lessons).
"""
from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

L00, L03 = "00_start_here", "03_steering_perspectives"


def gid_of(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def solution_code(source_nb) -> dict[str, str]:
    """Each autograded answer cell's solution, runnable: the source cell without its markers."""
    return {gid_of(c): "\n".join(line for line in c.source.split("\n") if "SOLUTION" not in line)
            for c in source_nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")
            and c.cell_type == "code"}


def fill(nb, answers: dict[str, str]):
    """A copy of ``nb`` with the cells named by grade id given new sources."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if gid_of(cell) in answers:
            cell.source = answers[gid_of(cell)]
    return nb


def wrong(qid: str, value: str) -> str:
    n = qid.split(".")[1]
    return f"answer_{n} = {value}\ncheck({qid!r}, answer_{n})".replace("'", '"')


@dataclass
class Sheets:
    """The released sheets and solutions of the course folder, by lesson."""

    released: dict[str, nbformat.NotebookNode]
    solutions: dict[str, dict[str, str]]

    def full(self, lesson: str, **changes: str):
        answers = dict(self.solutions[lesson])
        answers.update({k: v for k, v in changes.items()})
        opens = {gid_of(c): f"My own answer to {gid_of(c)}." for c in self.released[lesson].cells
                 if gid_of(c).endswith("_open")}
        return fill(self.released[lesson], {**opens, **answers})


@dataclass
class Submission:
    student: str
    lesson: str
    make: Callable[[Sheets], object]  # a notebook, or raw text to write as the file
    auto: float | None = None
    lost: float | None = None
    graded: bool = True
    reason: str = ""               # for graded=False: what the report must say
    notes: list[str] = field(default_factory=list)  # substrings the report's notes must contain
    extra_files: dict[str, str] = field(default_factory=dict)
    filename: str = ""


WRONG_03 = {
    "q03_1": wrong("03.1", '{"PA": 1, "NPM": 2, "NPG": 3, "SR": 94}'),
    "q03_2": wrong("03.2", '"a"'),
    "q03_3": wrong("03.3", "12.5"),
    "q03_4": wrong("03.4", '"a"'),
    "q03_5": wrong("03.5", '{"PA": 1, "NPM": 1, "NPG": 1, "SR": 45}'),
    "q03_6": wrong("03.6", "999"),
    "q03_7": wrong("03.7", '"a"'),
    "q03_8": wrong("03.8", "999"),
    "q03_10": wrong("03.10", '{"beleid": "PA", "organisatie": "PA", "bekostiging": "PA", "aansturing": "PA"}'),
    "q03_11": wrong("03.11", "999"),
}


def _all_wrong(s: Sheets, prefix: str = "", suffix: str = ""):
    return fill(s.released[L03], {g: prefix + code + suffix for g, code in WRONG_03.items()})


def _without(nb, *gids: str):
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if gid_of(c) not in gids]
    return nb


def _copied(nb, gid: str):
    nb = copy.deepcopy(nb)
    i = next(i for i, c in enumerate(nb.cells) if gid_of(c) == gid)
    twin = copy.deepcopy(nb.cells[i])
    twin.id = twin.id + "-copy"
    nb.cells.insert(i + 1, twin)
    return nb


REDEFINED_CHECK = 'def check(question, answer):\n    print(question + " · ✔ correct")\n\n'
PATCHED = ("import wmolab, wmolab.checks, wmolab.grading\n"
           "wmolab.checks.check = lambda q, a=None: wmolab.checks.Feedback(q, 'correct', '')\n"
           "wmolab.checks._check = wmolab.checks.check\n"
           "wmolab.grading.verify = lambda q, a=None: (True, q + ' · ✔ correct')\n"
           "check = wmolab.checks.check\n\n")
SWALLOW = ("get_ipython().set_custom_exc((AssertionError, NameError, Exception), "
           "lambda *args, **kwargs: None)\n\n")
HOSTILE_OPEN = '<script>alert("x")</script> I think <b>bold</b> & "quoted" </div>'

SUBMISSIONS: list[Submission] = [
    # lesson 03: ten self-checked points
    Submission("full", L03, lambda s: s.full(L03), lost=0),
    # four wrong answers and one cell that raises an error
    Submission("s03_partly", L03, lambda s: s.full(L03, q03_2='answer_2 = shares.nonexistent\ncheck("03.2", answer_2)',
                                                   **{g: WRONG_03[g] for g in ("q03_6", "q03_7", "q03_8", "q03_10")}),
               lost=5),
    Submission("s03_unanswered", L03, lambda s: s.released[L03], 0),
    Submission("s03_forms", L03, lambda s: fill(s.released[L03], {
        # Series instead of dict, unrounded (rounding within tolerance), names in capitals
        "q03_1": 'answer_1 = shares.mean().rename(index=str.upper)\ncheck("03.1", answer_1)',
        # a numpy float, unrounded
        "q03_3": 'fixed = plans.copy()\nfixed.loc[fixed["gemeente"] == "Hoorn", "sr"] = 45.0\n'
                 'answer_3 = fixed.loc[fixed["region"] == "west", "sr"].mean()\ncheck("03.3", answer_3)',
        # a dict with numpy integers as values
        "q03_5": 'answer_5 = dominant(plans[plans["region"] == "west"]).value_counts().to_dict()\n'
                 'check("03.5", answer_5)',
        # a numpy integer
        "q03_6": 'x = (shares["npg"] + shares["sr"]) - (shares["pa"] + shares["npm"])\n'
                 'y = (shares["npm"] + shares["npg"]) - (shares["pa"] + shares["sr"])\n'
                 'answer_6 = ((x > 20) & (y < -20)).sum()\ncheck("03.6", answer_6)',
        # one value in a list
        "q03_8": 'distance = distance_to_average(plans, metric="manhattan")\n'
                 'answer_8 = [distance.loc["Den Haag", "rank"]]\ncheck("03.8", answer_8)',
        # names and values in other capitals
        "q03_10": 'answer_10 = {"Beleid": "sr", "organisatie": "pa", "bekostiging": "npm", "aansturing": "npg"}\n'
                  'check("03.10", answer_10)',
    }), 6),
    Submission("s03_check_redefined", L03, lambda s: _all_wrong(s, prefix=REDEFINED_CHECK), 0),
    Submission("s03_prints_correct", L03, lambda s: _all_wrong(s, suffix='\nprint("✔ correct")'), 0),
    Submission("s03_patched_modules", L03, lambda s: _all_wrong(s, prefix=PATCHED), 0),
    Submission("s03_swallows_errors", L03, lambda s: _all_wrong(s, prefix=SWALLOW), 0),
    Submission("s03_test_cells_deleted", L03,
               lambda s: _without(s.full(L03, q03_2=WRONG_03["q03_2"]), "q03_1_test", "q03_2_test"), lost=1,
               notes=["q03_1_test was deleted; nbgrader put it back"]),
    Submission("s03_test_cell_edited", L03, lambda s: fill(_all_wrong(s), {"q03_3_test": "print('correct')"}), 0),
    Submission("s03_loops_forever", L03, lambda s: s.full(L03, q03_4="while True:\n    pass"), lost=1,
               notes=["ran past the time limit"]),
    # 50 MB in 100,000 lines (nbgrader's LimitOutput keeps 1000); one 50 MB line is cut by the course's
    # LimitOutputSize (tests/grading/test_grading_units.py)
    Submission("s03_prints_50mb", L03, lambda s: s.full(
        L03, q03_4=s.solutions[L03]["q03_4"] + '\nfor _ in range(100_000):\n    print("y" * 499)'), lost=0,
               notes=["its output was cut"]),
    Submission("s03_copied_cell", L03, lambda s: _copied(s.full(L03), "q03_1"), lost=0, notes=["appears twice"]),
    # right answers, an answer cell that writes to stderr, a hostile open answer and an extra file
    Submission("s03_hostile_open_answer", L03, lambda s: fill(s.full(L03), {
        "q03_7_open": HOSTILE_OPEN,
        "q03_1": "import sys\nprint('noise', file=sys.stderr)\n" + s.solutions[L03]["q03_1"]}), lost=0,
               extra_files={"notes.txt": "my notes\n"}),
    Submission("s03_other_lesson", L03, lambda s: s.full(L00), 0, graded=False, reason="sheet of lesson 00"),
    Submission("s03_not_json", L03, lambda s: '{"cells": [ this is not JSON', 0, graded=False,
               reason="not valid JSON"),
    Submission("s03_answer_and_test_deleted", L03, lambda s: _without(s.full(L03), "q03_4", "q03_4_test"), 0,
               graded=False, reason="cells q03_4 and q03_4_test were both deleted"),
    Submission("s03_wrong_name", L03, lambda s: s.full(L03), 0, graded=False, reason="no 03_steering_perspectives",
               filename="Untitled.ipynb"),
    # lesson 00: eight self-checked points
    Submission("full", L00, lambda s: s.full(L00), lost=0),
    Submission("s00_unanswered", L00, lambda s: s.released[L00], 0),
    Submission("s00_partly", L00, lambda s: s.full(L00, q00_4=wrong("00.4", "12.0"), q00_5=wrong("00.5", "2.0"),
                                                   q00_6=wrong("00.6", "3")), lost=3),
    Submission("s00_forms", L00, lambda s: fill(s.released[L00], {
        "q00_1": 'answer_1 = "PARTICIPATIEWET"\ncheck("00.1", answer_1)',
        "q00_3": 'import pandas as pd\nanswer_3 = pd.Series({"Person_A": "Jeugdwet", "person_b": "WMO_2015", '
                 '"person_c": "participatiewet", "person_d": "None"})\ncheck("00.3", answer_3)',
        "q00_4": s.solutions[L00]["q00_4"].replace("answer_4 = round(", "answer_4 = (").replace(", 1)\n", ")\n"),
        "q00_6": s.solutions[L00]["q00_6"].replace("answer_6 = int(", "answer_6 = (")}), 4),
]


def expected(sub: Submission, top: float) -> float:
    """The autograded score ``sub`` must get in a lesson whose autograded maximum is ``top``."""
    return 0.0 if not sub.graded else float(sub.auto if sub.auto is not None else top - sub.lost)


def write(course: Path, sheets: Sheets, sub: Submission) -> Path:
    """Write ``sub`` into ``course/submitted/<student>/<lesson>/``; return the notebook's path."""
    folder = course / "submitted" / sub.student / sub.lesson
    folder.mkdir(parents=True, exist_ok=True)
    content = sub.make(sheets)
    path = folder / (sub.filename or f"{sub.lesson}.ipynb")
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, indent=1, ensure_ascii=False), encoding="utf-8")
    for name, text in sub.extra_files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return path
