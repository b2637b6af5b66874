"""Friendly errors: a novice's first mistakes as one short message, not a 60-line traceback.

In a notebook (IPython), :func:`install` makes these errors show as one line with the fix, and the full
traceback one click away (a collapsed *Show the full error* under the message; ``%tb`` in a new cell prints it
too):

- a missing column or row label in pandas (``df["Jeugdwet"]``, ``.loc[...]``, ``.xs(...)``): the labels that do
  exist are searched case-insensitively, so ``'Jeugdwet'`` suggests ``'jeugdwet'``;
- a name used before the cell that defines it ran (above all the setup cell), or misspelt;
- the usual syntax slips: an unclosed bracket or quote, ``=`` where ``==`` is meant, a missing comma;
- a :class:`~wmolab.data.DatasetError` (its message is already written for students).

Any other error keeps IPython's normal traceback. The error still stops *Run All*, as any error does.

``import wmolab`` installs the handler in the running kernel; the course's set-up (``postBuild``) also loads
``wmolab`` as an IPython extension when a kernel starts, so a sheet cell run *before* the setup cell gets the
friendly message too. The functions below are pure (no IPython needed), so tests call them directly:

>>> import pandas as pd
>>> laws = pd.DataFrame({"passed_ek": ["2014-02"]}, index=pd.Index(["jeugdwet"], name="law_id"))
>>> try:
...     laws.loc["Jeugdwet", "passed_ek"]
... except KeyError as exc:
...     print(friendly_message(exc))
There is no row 'Jeugdwet'. Did you mean 'jeugdwet'? (Python tells capitals apart.)
>>> print(friendly_message(NameError("name 'laws' is not defined", name="laws"), user_ns={}))
The name 'laws' is not defined yet: run the first code cell (the setup cell) first, then this cell again.
"""
from __future__ import annotations

import ast
import builtins
import difflib
import re
import sys
import traceback
from types import TracebackType
from typing import Any

import pandas as pd

from .data import DatasetError
from .html import STATUS, esc
from .i18n import N_, _

__all__ = ["friendly_message", "label_error_message", "name_error_message", "syntax_error_message",
           "friendly_html", "install", "HANDLED"]

#: The exception types the notebook handler looks at (anything it does not recognise keeps the normal traceback).
HANDLED = (DatasetError, KeyError, NameError, SyntaxError)
MORE = N_("run %tb in a new cell to see the full error")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_MAX_LISTED = 12


# --------------------------------------------------------------------------- pandas labels
def _frames(tb: TracebackType | None) -> list[Any]:
    out = []
    while tb is not None:
        out.append(tb.tb_frame)
        tb = tb.tb_next
    return out


def _index_and_kind(tb: TracebackType | None) -> tuple[pd.Index | None, str]:
    """The pandas Index whose lookup failed (innermost), and whether it holds the columns or the rows."""
    frames = [f for f in _frames(tb) if str(f.f_globals.get("__name__", "")).startswith("pandas")]
    index = None
    for frame in reversed(frames):
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, pd.Index):
            index = candidate
            break
    if index is None:
        return None, "label"
    for frame in frames:
        for value in frame.f_locals.values():
            owner = getattr(value, "obj", value)  # .loc/.iloc indexers keep their table in .obj
            if isinstance(owner, pd.DataFrame) and owner.columns is index:
                return index, "column"
            if isinstance(owner, (pd.DataFrame, pd.Series)) and owner.index is index:
                return index, "row"
    return index, "label"


def _missing_labels(exc: KeyError) -> list[Any]:
    """The label(s) a KeyError names: one key, or the list in pandas' "[...] not in index" messages."""
    if not exc.args:
        return []
    key = exc.args[0]
    if isinstance(key, str):
        listed = re.fullmatch(r"(\[.*\]) not in index", key, re.S)
        none_of = re.fullmatch(r"None of \[Index\((\[.*?\]).*\] are in the \[(?:columns|index)\]", key, re.S)
        for match in (listed, none_of):
            if match:
                try:
                    return list(ast.literal_eval(match.group(1)))
                except (ValueError, SyntaxError):
                    return [key]
    return [key]


def suggest(label: Any, labels: list[Any]) -> Any | None:
    """The real label closest to ``label``: first one equal when case and outer spaces are ignored, else a close one.

    >>> suggest("Jeugdwet", ["participatiewet", "wmo_2015", "jeugdwet"])
    'jeugdwet'
    >>> suggest("wmo2015", ["participatiewet", "wmo_2015", "jeugdwet"])
    'wmo_2015'
    >>> suggest("xyz", ["participatiewet", "wmo_2015"]) is None
    True
    """
    if not isinstance(label, str):
        text = str(label)
        same = [lab for lab in labels if str(lab) == text and lab != label]
        return same[0] if same else None
    folded = {}
    for lab in labels:
        folded.setdefault(str(lab).strip().casefold(), lab)
    key = label.strip().casefold()
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def _listing(labels: list[Any], kind: str) -> str:
    names = ", ".join(repr(lab) for lab in labels[:_MAX_LISTED])
    more = _(", … ({n} in all)").format(n=len(labels)) if len(labels) > _MAX_LISTED else ""
    template = {"column": N_("The columns are: {names}."), "row": N_("The rows are: {names}.")}.get(
        kind, N_("The labels are: {names}."))
    return _(template).format(names=names + more)


def label_error_message(exc: KeyError, index: pd.Index | None, kind: str = "label") -> str | None:
    """One line for a pandas lookup of a label that does not exist; ``None`` if ``index`` is unknown."""
    if index is None:
        return None
    labels = list(index.unique()) if not isinstance(index, pd.MultiIndex) else list(index)
    missing = [m for m in _missing_labels(exc) if m not in index] or _missing_labels(exc)
    if not missing:
        return None
    first = missing[0]
    template = {"column": N_("There is no column {label}"), "row": N_("There is no row {label}")}.get(
        kind, N_("There is no label {label}"))
    head = _(template).format(label=repr(first)) + (
        " " + _("(nor {others})").format(others=", ".join(repr(m) for m in missing[1:3]))
        if len(missing) > 1 else "") + "."
    better = suggest(first, labels)
    if better is not None:
        same = str(better).casefold() == str(first).strip().casefold() and str(better) != str(first)
        capitals = " " + _("(Python tells capitals apart.)") if same else ""
        return f"{head} " + _("Did you mean {suggestion}?").format(suggestion=repr(better)) + capitals
    if isinstance(first, int) and kind == "row":
        return f"{head} " + _("The rows have names, not numbers: use .iloc[{n}] for a row by its position.").format(
            n=first)
    return f"{head} {_listing(labels, kind)}"


# --------------------------------------------------------------------------- names
def _setup_ran(user_ns: dict[str, Any]) -> bool:
    """Whether the notebook's setup cell ran: some name in the namespace comes from wmolab."""
    for name, value in user_ns.items():
        if name.startswith("_"):
            continue
        module = value.__name__ if type(value).__name__ == "module" else getattr(value, "__module__", None)
        if isinstance(module, str) and (module == "wmolab" or module.startswith("wmolab.")):
            return True
    return False


def name_error_message(exc: NameError, user_ns: dict[str, Any] | None = None) -> str | None:
    """One line for a name that is not defined: run the setup cell, a spelling to try, or the cell above."""
    name = getattr(exc, "name", None)
    if name is None:
        match = re.search(r"name '(\w+)' is not defined", str(exc))
        name = match.group(1) if match else None
    if name is None:
        return None
    user_ns = {} if user_ns is None else user_ns
    if not _setup_ran(user_ns):
        return _("The name {name} is not defined yet: run the first code cell (the setup cell) first, then this "
                 "cell again.").format(name=repr(name))
    known = [n for n in user_ns if not n.startswith("_")] + [n for n in dir(builtins) if not n.startswith("_")]
    better = suggest(name, known)
    if better is not None and better != name:
        message = _("The name {name} is not defined. Did you mean {suggestion}?").format(
            name=repr(name), suggestion=repr(better))
        return message + " " + _("(Python tells capitals apart.)") if better.casefold() == name.casefold() \
            else message
    return _("The name {name} is not defined yet: run the cell above that creates it (Run → Run All Above "
             "Selected Cell), or check the spelling.").format(name=repr(name))


# --------------------------------------------------------------------------- syntax
_SYNTAX = [
    (re.compile(r"'([(\[{])' was never closed"),
     lambda m: _("a bracket {open} is opened but never closed: add the closing {close}.").format(
         open=m.group(1), close=dict(zip("([{", ")]}"))[m.group(1)])),
    (re.compile(r"unmatched '([)\]}])'"), lambda m: _("there is a closing {close} without an opening one.").format(
        close=m.group(1))),
    (re.compile(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'"),
     lambda m: _("the bracket {open} is closed with {close}: brackets must match, {pairs}.").format(
         open=m.group(2), close=m.group(1), pairs="() [] {}")),
    (re.compile(r"unterminated (triple-quoted )?string literal"),
     lambda m: _("a text in quotes is not closed: end it with the same quote it starts with (\" or ').")),
    (re.compile(r"Maybe you meant '==' or ':=' instead of '='|cannot assign to (comparison|function call|"
                r"subscript|attribute|expression|literal)"),
     lambda m: _("use == to compare two values (a single = gives a name a value, as in answer = 3).")),
    (re.compile(r"Perhaps you forgot a comma"),
     lambda m: _("a comma seems to be missing between two items (as in [\"a\", \"b\"]).")),
    (re.compile(r"expected ':'"), lambda m: _("a colon : is missing at the end of the line.")),
    (re.compile(r"unexpected indent"),
     lambda m: _("the line starts with spaces Python does not expect: remove them.")),
    (re.compile(r"expected an indented block"),
     lambda m: _("the line after a colon : must be indented (start it with four spaces).")),
    (re.compile(r"invalid character '(.)'"),
     lambda m: _("the character {char} is not Python (curly quotes or a dash copied from a text?): type it "
                 "again with straight quotes \" or a minus -.").format(char=m.group(1))),
]


def _open_bracket(text: str) -> str | None:
    """The innermost bracket left open in ``text`` (strings skipped), or ``None``.

    >>> _open_bracket('laws.loc["jeugdwet", "passed_ek"')
    '['
    >>> _open_bracket('print("(")') is None
    True
    """
    stack: list[str] = []
    quote = None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "([{":
            stack.append(char)
        elif char in ")]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def syntax_error_message(exc: SyntaxError) -> str:
    """One line for a syntax error: where, and the likely fix."""
    msg = exc.msg or str(exc)
    if msg.startswith("incomplete input"):  # what IPython reports for a cell that ends inside a bracket
        opened = _open_bracket(exc.text or "")
        msg = f"'{opened}' was never closed" if opened else msg
    where = (_("Python cannot read line {n}").format(n=exc.lineno) if exc.lineno
             else _("Python cannot read this cell"))
    text = (exc.text or "").strip()
    shown = f" ({text[:80]}{'…' if len(text) > 80 else ''})" if text else ""
    for pattern, fix in _SYNTAX:
        match = pattern.search(msg)
        if match:
            return f"{where}{shown}: {fix(match)}"
    if msg.startswith("incomplete input"):
        return f"{where}{shown}: " + _("the cell ends before the code is complete; look for a missing bracket or "
                                       "quote.")
    return f"{where}{shown}: {msg}. " + _("Look for a missing bracket, quote or comma.")


# --------------------------------------------------------------------------- together
def friendly_message(exc: BaseException, tb: TracebackType | None = None,
                     user_ns: dict[str, Any] | None = None) -> str | None:
    """The one-line message for ``exc``, or ``None`` for an error that keeps its normal traceback."""
    tb = tb if tb is not None else exc.__traceback__
    if isinstance(exc, DatasetError):
        return str(exc)
    if isinstance(exc, SyntaxError):
        return syntax_error_message(exc)
    if isinstance(exc, NameError):
        return name_error_message(exc, user_ns)
    if isinstance(exc, KeyError):
        index, kind = _index_and_kind(tb)
        return label_error_message(exc, index, kind)
    return None


def friendly_html(message: str, full_error: str) -> str:
    """The message as the course's error box, with the full traceback in a collapsed ``<details>`` under it."""
    details = ""
    if full_error.strip():
        details = ('<details class="wmolab-error-details"><summary>' + esc(_("Show the full error")) + '</summary>'
                   f'<pre style="white-space:pre-wrap">{esc(full_error)}</pre></details>')
    return (f'<div class="wmolab-friendly-error" role="alert" style="border-left:4px solid '
            f'{STATUS["incorrect"]["color"]};padding:2px 8px"><b>⚠</b> {esc(message)}{details}</div>')


def _full_error(shell: Any, etype: type, value: BaseException, tb: TracebackType | None,
                tb_offset: int | None) -> str:
    try:
        if isinstance(value, SyntaxError):
            stb = shell.SyntaxTB.structured_traceback(etype, value, [])
        else:
            stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        return _ANSI.sub("", shell.InteractiveTB.stb2text(stb))
    except Exception:  # pragma: no cover - IPython internals changed: fall back to the standard library
        return "".join(traceback.format_exception(etype, value, tb))


def _handler(shell: Any, etype: type, value: BaseException, tb: TracebackType | None,
             tb_offset: int | None = None) -> None:  # pragma: no cover - runs in a kernel (tests use nbclient)
    from IPython.display import display

    message = friendly_message(value, tb, getattr(shell, "user_ns", None))
    if message is None:  # not one of the first mistakes: IPython's normal traceback
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return None
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # so that %tb shows it
    display({"text/plain": f"⚠ {message}\n({_(MORE)})",
             "text/html": friendly_html(message, _full_error(shell, etype, value, tb, tb_offset))}, raw=True)
    if hasattr(shell, "_last_traceback"):  # what the kernel's execute reply (and nbclient) reports
        shell._last_traceback = [f"{etype.__name__}: {message}"]
    return None


def install(shell: Any) -> None:
    """Show the errors above as one message in this IPython ``shell`` (idempotent)."""
    shell.set_custom_exc(HANDLED, _handler)
