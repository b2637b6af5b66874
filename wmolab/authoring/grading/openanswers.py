"""Mark open answers question by question: one HTML page per open question, and a marks file.

    python -m wmolab.authoring.grading.openanswers NN_slug [--root DIR]

After autograding, this writes into ``marking/NN_slug/`` of the course folder:

- ``index.html`` and one page per open question (``q04_8_open.html``): the question, the model answer and the
  rubric with the points, beside every student's answer to that one question (student id on each), so a
  grader reads all answers to 04.8 in a row. Answers are shown as plain text, escaped: a student's text is
  never run as HTML. An answer left as the prompt says so (nbgrader has already scored it 0);
- ``marks.csv`` with one row per student and open question: ``student,question,score,comment``. Fill in
  ``score`` (0 to the question's points) and, if you like, ``comment``; a row left blank is left as it is.
  An existing ``marks.csv`` is kept: new rows (late submissions) are added, filled ones never touched.

Then ``python -m wmolab.authoring.grading.marks NN_slug marking/NN_slug/marks.csv`` puts the marks into
nbgrader's gradebook (:mod:`.marks`).
"""
from __future__ import annotations

import argparse
import csv
import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ...html import esc
from . import cells as gc

__all__ = ["OpenQuestion", "open_questions", "student_answers", "write_pages", "main", "MARK_FIELDS"]

MARK_FIELDS = ["student", "question", "score", "comment"]
_CSS = """
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;line-height:1.45}
header{padding:.8em 1.2em;background:#f2f2f2;border-bottom:1px solid #ccc}
main{display:grid;grid-template-columns:minmax(18em,2fr) 3fr;gap:1.2em;padding:1.2em}
aside{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}
.model,.prompt{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.6em;margin-bottom:1em}
article{border:1px solid #bbb;border-radius:4px;margin-bottom:1em}
article h3{margin:0;padding:.4em .6em;background:#e8eef6;font-size:1em}
article .text{white-space:pre-wrap;overflow-wrap:anywhere;padding:.6em}
article.empty .text{color:#555;font-style:italic}
.meta{font-size:.9em;color:#444;padding:0 .6em .5em}
"""


@dataclass
class OpenQuestion:
    grade_id: str
    question: str
    notebook: str
    points: float
    prompt: str
    model: str


def open_questions(source_dir: Path) -> list[OpenQuestion]:
    """The open questions of a lesson, from its source notebooks (model answer, rubric, points, prompt)."""
    found = []
    for path in sorted(Path(source_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        prompt: list[str] = []
        for cell in nb.cells:
            if cell.cell_type == "markdown" and gc.QUESTION.search(cell.source):
                prompt = [cell.source[gc.QUESTION.search(cell.source).start():]]
            elif gc.role(cell) == "manually graded answer":
                m = gc.meta(cell)
                found.append(OpenQuestion(m["grade_id"], gc.question_of(m["grade_id"]), path.stem,
                                          float(m["points"]), "\n\n".join(prompt), cell.source))
            elif cell.cell_type == "markdown" and prompt:
                prompt.append(cell.source)
    return found


def student_answers(root: Path, assignment: str, question: OpenQuestion) -> dict[str, str | None]:
    """Each graded student's answer to ``question`` (None: left as the prompt, or the cell is missing)."""
    answers: dict[str, str | None] = {}
    for path in sorted((Path(root) / "autograded").glob(f"*/{assignment}/{question.notebook}.ipynb")):
        student = path.parent.parent.name
        nb = nbformat.read(path, as_version=4)
        cell = next((c for c in nb.cells if gc.meta(c).get("grade_id") == question.grade_id), None)
        text = None if cell is None else cell.source
        answers[student] = None if text is None or text.strip() in {s.strip() for s in gc.TEXT_STUBS.values()} else text
    return answers


def _page(assignment: str, q: OpenQuestion, answers: dict[str, str | None]) -> str:
    given = sum(a is not None for a in answers.values())
    cards = []
    for student, text in answers.items():
        if text is None:
            cards.append(f'<article class="empty"><h3>{esc(student)}</h3><div class="text">no answer (left as the '
                         f'prompt; nbgrader scored it 0)</div></article>')
        else:
            words = len(text.split())
            cards.append(f'<article><h3>{esc(student)}</h3><div class="text">{esc(text)}</div>'
                         f'<div class="meta">{words} words · score 0–{q.points:g} in marks.csv, question '
                         f'{esc(q.question)}</div></article>')
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(q.question)} · '
            f'{esc(assignment)} · marking</title><style>{_CSS}</style></head><body>'
            f'<header><h1>Question {esc(q.question)} · {q.points:g} points</h1>'
            f'<p>{esc(assignment)}: {given} answers of {len(answers)} graded submissions. '
            f'<a href="index.html">All open questions</a></p></header><main><aside>'
            f'<h2>Question</h2><div class="prompt">{esc(q.prompt)}</div>'
            f'<h2>Model answer and rubric</h2><div class="model">{esc(q.model)}</div></aside>'
            f'<section aria-label="answers"><h2>Answers</h2>{"".join(cards)}</section></main></body></html>')


def _read_marks(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def write_pages(root: Path, assignment: str) -> tuple[Path, list[Path]]:
    """Write the pages and the marks file of ``assignment``; return (marks file, pages)."""
    root = Path(root).resolve()
    questions = open_questions(root / "source" / assignment)
    out = root / "marking" / assignment
    out.mkdir(parents=True, exist_ok=True)
    pages, rows = [], []
    for q in questions:
        answers = student_answers(root, assignment, q)
        page = out / f"{q.grade_id}.html"
        page.write_text(_page(assignment, q, answers), encoding="utf-8")
        pages.append(page)
        rows += [{"student": s, "question": q.question, "score": "", "comment": ""} for s in answers]
    items = "".join(f'<li><a href="{p.name}">Question {esc(q.question)}</a> ({q.points:g} points)</li>'
                    for p, q in zip(pages, questions))
    (out / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(assignment)} · marking</title>'
        f'<style>{_CSS}</style></head><body><header><h1>{esc(assignment)}: open questions</h1></header>'
        f'<main><ul>{items}</ul></main></body></html>', encoding="utf-8")
    marks = out / "marks.csv"
    kept = _read_marks(marks)
    have = {(r.get("student"), r.get("question")) for r in kept}
    merged = kept + [r for r in rows if (r["student"], r["question"]) not in have]
    with marks.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MARK_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(merged)
    return marks, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.grading.openanswers",
                                     description="One page per open question, and a marks file.")
    parser.add_argument("assignment")
    parser.add_argument("--root", default=os.getcwd(), help="the course folder (default: here)")
    args = parser.parse_args(argv)
    marks, pages = write_pages(Path(args.root), args.assignment)
    for page in pages:
        print(f"wrote {page}")
    print(f"marks file: {marks}  (fill in score and comment, then: python -m wmolab.authoring.grading.marks "
          f"{args.assignment} {marks})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
