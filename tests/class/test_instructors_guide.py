"""Every command the instructors guide prints for running a class is one that exists (issue 14 item 8).

The fenced ```bash blocks of the class-route sections of docs/instructors.md (everything under "Running the
course" except the grading part, which has its own section and tests) are read line by line. A command passes when

- ``make T``: T is a target of the Makefile, and the module its recipe runs is used by a test;
- ``[.venv/bin/]python -m M [sub] [--option ...]``: M imports, has ``main``, defines the sub-command and every
  option it is given, and is used by a test;
- ``pip``, ``git``, ``conda``, ``bash``, ``jupyter``, ``sudo apt-get``: every file it names exists, or is what
  a Make target writes (the wheel, the student edition), and ``conda activate`` names environment.yml's environment.

Anything else fails: a command the guide prints must be one the course can back.
"""
from __future__ import annotations

import importlib.util
import re
import shlex
import tomllib
from pathlib import Path

import pytest

from helpers import ROOT

GUIDE = ROOT / "docs" / "instructors.md"
EXTERNAL = {"pip", "git", "conda", "bash", "jupyter", "sudo"}
#: Make targets whose recipe is not a `python -m` module, with the test that runs what they do.
RECIPE_TESTS = {"lab": "tests/browser/test_launch.py", "test": "tests/class/test_hub.py",
                "bench": "tests/authoring/test_bench.py"}
#: The commands a guide to running a class must give (one per route and per class file).
REQUIRED = ["make links", "make wheel", "make student-edition", "make bench", "make binder-check", "make lab",
            "python -m wmolab.classsurvey merge", "python -m wmolab.voice.classprofiles merge"]


def class_route_sections(text: str) -> str:
    """The text under '## Running the course' up to the next '## ' heading, without '### ...grading' parts."""
    start = text.index("\n## Running the course")
    end = text.index("\n## ", start + 1)
    parts = re.split(r"(?m)^(?=### )", text[start:end])
    return "".join(p for p in parts if not re.match(r"### .*grading", p, re.IGNORECASE))


def fenced_commands(text: str) -> list[str]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def _make_targets() -> dict[str, str]:
    """Makefile target -> its recipe text."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {}
    for match in re.finditer(r"(?m)^([a-z][\w-]*):[^=\n]*\n((?:\t.*\n?)*)", text):
        targets[match.group(1)] = match.group(2)
    return targets


def _used_by_a_test(module: str) -> bool:
    package, _, name = module.rpartition(".")
    forms = [module, f"from {package} import {name}", f"import {module}"]
    for path in (ROOT / "tests").rglob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        if any(form in text for form in forms) or re.search(rf"from {re.escape(package)} import [^\n]*\b{name}\b",
                                                             text):
            return True
    return False


def _produced_by_make(token: str) -> bool:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    recipes = _make_targets()
    if token == f"dist/wmolab-{version}-py3-none-any.whl":
        return "wmolab.authoring.wheel dist" in recipes.get("wheel", "")
    if token == "build/student":
        return "wmolab.authoring.edition build/student" in recipes.get("student-edition", "")
    return False


def problems_of(command: str) -> list[str]:
    """What is wrong with one command of the guide (empty when it is backed)."""
    try:
        words = shlex.split(command)
    except ValueError as exc:
        return [f"{command!r}: cannot be read as a shell command ({exc})"]
    head = words[0]
    if head == "make":
        targets = _make_targets()
        target = next((w for w in words[1:] if "=" not in w), "")
        if target not in targets:
            return [f"{command!r}: the Makefile has no target {target!r}"]
        modules = re.findall(r"-m (wmolab[\w.]*)", targets[target])
        if modules and not all(_used_by_a_test(m) for m in modules):
            return [f"{command!r}: no test uses {modules}"]
        if not modules and not (ROOT / RECIPE_TESTS.get(target, "-")).is_file():
            return [f"{command!r}: no test named for this target (RECIPE_TESTS)"]
        return []
    if head.endswith("python") or head.endswith("python3"):
        if len(words) < 3 or words[1] != "-m":
            return [f"{command!r}: run modules as `python -m <module>`"]
        module, args = words[2], words[3:]
        spec = importlib.util.find_spec(module) if module.startswith("wmolab") else None
        if spec is None or spec.origin is None:
            return [f"{command!r}: no module {module} in the course package"]
        source = Path(spec.origin).read_text(encoding="utf-8")
        found = []
        if "def main(" not in source:
            found.append(f"{command!r}: {module} has no main()")
        if args and re.fullmatch(r"[a-z]+", args[0]) and f'"{args[0]}"' not in source:
            found.append(f"{command!r}: {module} has no sub-command {args[0]!r}")
        for option in (a.split("=")[0] for a in args if a.startswith("--")):
            if f'"{option}"' not in source:
                found.append(f"{command!r}: {module} has no option {option}")
        if not _used_by_a_test(module):
            found.append(f"{command!r}: no test uses {module}")
        return found
    if head in EXTERNAL:
        found = []
        for token in words[1:]:
            if token.startswith(("-", "<", "http", "path/to")) or "/" not in token and not re.search(
                    r"\.(ya?ml|txt|whl|toml)$|^postBuild$", token):
                continue
            if not (ROOT / token).exists() and not _produced_by_make(token):
                found.append(f"{command!r}: {token} neither exists nor is written by a make target")
        if words[:2] == ["conda", "activate"]:
            name = re.search(r"(?m)^name:\s*(\S+)", (ROOT / "environment.yml").read_text(encoding="utf-8"))
            if not name or words[2] != name.group(1):
                found.append(f"{command!r}: environment.yml names another environment")
        return found
    return [f"{command!r}: not a command the course can back (make, python -m wmolab..., or {sorted(EXTERNAL)})"]


# --------------------------------------------------------------------------- the guide
COMMANDS = fenced_commands(class_route_sections(GUIDE.read_text(encoding="utf-8")))


def test_the_guide_gives_a_command_for_every_route():
    missing = [r for r in REQUIRED if not any(r in c for c in COMMANDS)]
    assert not missing, f"docs/instructors.md should give these commands in fenced blocks: {missing}"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_of_the_guide_is_backed(command):
    assert problems_of(command) == []


def test_the_grading_section_has_its_place():
    text = GUIDE.read_text(encoding="utf-8")
    assert "\n## Grading with nbgrader\n" in text
    assert "nbgrader" not in " ".join(COMMANDS), "the grading commands belong to the grading section"


# --------------------------------------------------------------------------- the checks can fail
@pytest.mark.parametrize("command, says", [
    ("make teach", "no target 'teach'"),
    ("python -m wmolab.nothing merge x", "no module wmolab.nothing"),
    ("python -m wmolab.classsurvey combine x", "no sub-command 'combine'"),
    ("python -m wmolab.classsurvey merge x --anonymise", "no option --anonymise"),
    ("python -m wmolab.glossary", "no main()"),
    ("pip install -r requirements/hub.txt", "requirements/hub.txt neither exists"),
    ("pip install dist/wmolab-9.9.9-py3-none-any.whl", "neither exists"),
    ("conda activate course", "another environment"),
    ("docker run wmolab", "not a command the course can back"),
])
def test_a_command_that_does_not_resolve_is_caught(command, says):
    assert any(says in p for p in problems_of(command)), problems_of(command)


def test_sections_and_blocks_are_read():
    text = ("\n## Running the course\n### Hub\n```bash\nmake wheel \\\n  # note\n```\n### Solutions and grading\n"
            "```bash\nnbgrader generate_assignment a\n```\n## Troubleshooting\n```bash\nmake nothing\n```\n")
    assert fenced_commands(class_route_sections(text)) == ["make wheel"]
