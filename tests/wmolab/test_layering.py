"""The package's layers point one way, read from the import graph (every module of wmolab/ parsed with ast).

From the bottom up:

0. base: ``wmolab`` (its ``__init__``), ``html``, ``validate``, ``data``, ``checks``, ``plots``;
1. topic modules (``timeline``, ``values``, ``steering``, ...): import the base and each other;
2. ``wmolab.widgets``: the only layer that imports ipywidgets;
3. ``wmolab.authoring``: on top; nothing outside it imports it.

A module imports only from its own layer or below. Imports of wmolab modules are at the top of the file
(no hidden imports inside functions); the heavy libraries are imported inside the functions that use
them (except ipywidgets in the widget layer), so ``import wmolab`` and the topic modules stay fast.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "wmolab"
BASE = {"wmolab", "wmolab.html", "wmolab.validate", "wmolab.data", "wmolab.checks", "wmolab.plots", "wmolab.errors",
        "wmolab.answers", "wmolab.tables", "wmolab.sources", "wmolab.i18n"}
LAYERS = ("base", "topic", "widgets", "authoring")
#: Libraries that cost a notebook a noticeable fraction of a second to import.
HEAVY = {"matplotlib", "seaborn", "ipywidgets", "networkx", "scipy", "statsmodels", "cycler"}
MAX_LINES = 400


@dataclass(frozen=True)
class Import:
    importer: str  # a wmolab module, dotted
    target: str  # what it imports, dotted (absolute)
    line: int
    top_level: bool  # False inside a function


def layer(module: str) -> int:
    if module in BASE:
        return 0
    if module == "wmolab.widgets" or module.startswith("wmolab.widgets."):
        return 2
    if module == "wmolab.authoring" or module.startswith("wmolab.authoring."):
        return 3
    return 1


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports_of(path: Path) -> list[Import]:
    """Every import statement of one module, with relative imports made absolute."""
    name = module_name(path)
    package = name if _is_package(path) else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend(Import(name, a.name, child.lineno, not in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    stem = ".".join(base + ([child.module] if child.module else []))
                else:
                    stem = child.module or ""
                for alias in child.names:
                    candidate = f"{stem}.{alias.name}"
                    as_module = candidate if _exists(candidate) else stem
                    found.append(Import(name, as_module, child.lineno, not in_function))
            visit(child, inside)

    visit(tree, False)
    return found


def _exists(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def package_imports() -> list[Import]:
    return [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in imports_of(path)]


def violations(imports: list[Import]) -> list[str]:
    """What breaks the layering, one sentence per import."""
    out = []
    for imp in imports:
        where = f"{imp.importer} (line {imp.line})"
        top = imp.target.split(".")[0]
        own = layer(imp.importer)
        if top == "wmolab":
            if layer(imp.target) > own:
                out.append(f"{where}: a {LAYERS[own]} module imports {imp.target} from the {LAYERS[layer(imp.target)]} "
                           "layer above it")
            if layer(imp.target) == 3 and own != 3:
                out.append(f"{where}: only wmolab.authoring may import {imp.target}")
            if not imp.top_level:
                out.append(f"{where}: imports {imp.target} inside a function; import sibling modules at the top")
        elif top == "ipywidgets" and own < 2:
            out.append(f"{where}: imports ipywidgets below the widget layer")
        elif top in HEAVY and imp.top_level and own < 2:
            out.append(f"{where}: imports {top} at the top; import heavy libraries inside the function that uses them")
    return out


def cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles among wmolab modules through top-level imports."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        if imp.top_level and imp.target.split(".")[0] == "wmolab":
            graph.setdefault(imp.importer, set()).add(imp.target)
    found, state = [], {}

    def walk(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            walk(start, [start])
    return found


# --------------------------------------------------------------------------- the package itself
IMPORTS = package_imports()


def test_every_module_is_read():
    modules = {imp.importer for imp in IMPORTS}
    assert {"wmolab", "wmolab.html", "wmolab.steering.plans", "wmolab.widgets._base",
            "wmolab.authoring.bench"} <= modules
    assert any(imp.target == "wmolab.widgets._base" for imp in IMPORTS), "relative imports are resolved"


def test_layers_point_one_way():
    assert violations(IMPORTS) == []


def test_no_import_cycles():
    assert cycles(IMPORTS) == []


def test_no_module_over_the_line_budget():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these along their seams (budget {MAX_LINES} lines): {long}"


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_wmolab_loads_no_authoring_widgets_or_matplotlib():
    loaded = _loaded_after("import wmolab")
    assert "wmolab.checks" in loaded and "wmolab.data" in loaded
    assert not {m for m in loaded if m.startswith(("wmolab.authoring", "wmolab.widgets"))}
    assert {m.split(".")[0] for m in loaded} & {"ipywidgets", "matplotlib"} == set()


def test_topic_modules_load_no_heavy_library():
    topics = ["timeline", "glossary", "organisations", "values", "agreement", "steering", "cases", "survey",
              "classsurvey", "voice", "capstone"]
    loaded = _loaded_after("\n".join(f"import wmolab.{t}" for t in topics))
    assert {f"wmolab.{t}" for t in topics} <= loaded
    assert {m.split(".")[0] for m in loaded} & HEAVY == set()


# --------------------------------------------------------------------------- the rules can fail
@pytest.mark.parametrize("imp, says", [
    (Import("wmolab.timeline", "wmolab.widgets._base", 3, True), "layer above"),
    (Import("wmolab.checks", "wmolab.steering", 3, True), "layer above"),
    (Import("wmolab.widgets.start", "wmolab.authoring.course", 3, True), "only wmolab.authoring"),
    (Import("wmolab.values", "ipywidgets", 3, True), "below the widget layer"),
    (Import("wmolab.values", "ipywidgets", 3, False), "below the widget layer"),
    (Import("wmolab.capstone.lenses", "wmolab.steering", 3, False), "inside a function"),
    (Import("wmolab.survey.network", "networkx", 3, True), "heavy libraries"),
])
def test_the_rules_catch_a_breach(imp, says):
    found = violations([imp])
    assert any(says in f for f in found), found


def test_the_rules_allow_what_the_layers_allow():
    allowed = [Import("wmolab.widgets.start", "wmolab.timeline", 1, True),
               Import("wmolab.widgets._base", "ipywidgets", 1, True),
               Import("wmolab.authoring.bench", "wmolab.widgets._base", 1, True),
               Import("wmolab.capstone.lenses", "wmolab.steering", 1, True),
               Import("wmolab.survey.network", "networkx", 1, False)]
    assert violations(allowed) == []


def test_a_cycle_is_found():
    loop = [Import("wmolab.values", "wmolab.survey", 1, True),
            Import("wmolab.survey.figures", "wmolab.values", 1, True),
            Import("wmolab.survey", "wmolab.survey.figures", 1, True)]
    assert cycles(loop)
