"""Friendly errors (wmolab.errors): each first mistake gives one clear line; other errors keep their traceback.

The message functions are tested directly, then the whole mechanism in a real kernel (nbclient): the message
is shown instead of a traceback, the full error is one click away (HTML <details>) and `%tb` prints it, the
error still stops Run All, an error that is not a first mistake keeps IPython's traceback, and a cell run
before the setup cell gets "run the first cell" (the kernel loads the extension at start-up: postBuild).
"""
from __future__ import annotations

import pytest

from wmolab import DatasetError, load
from wmolab.errors import friendly_html, friendly_message, suggest


def raised(call):
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the test wants whatever the call raises
        return exc
    raise AssertionError("the call raised nothing")


@pytest.fixture(scope="module")
def laws():
    return load("laws_2015").set_index("law_id")


# --------------------------------------------------------------------------- pandas labels
def test_row_label_with_the_wrong_capital(laws):
    exc = raised(lambda: laws.loc["Jeugdwet", "passed_ek"])
    assert friendly_message(exc) == ("There is no row 'Jeugdwet'. Did you mean 'jeugdwet'? "
                                     "(Python tells capitals apart.)")


def test_column_label_with_the_wrong_capital(laws):
    exc = raised(lambda: laws["Passed_EK"])
    assert friendly_message(exc).startswith("There is no column 'Passed_EK'. Did you mean 'passed_ek'?")


def test_column_in_loc_and_a_typo(laws):
    exc = raised(lambda: laws.loc["jeugdwet", "pased_ek"])
    assert friendly_message(exc) == "There is no column 'pased_ek'. Did you mean 'passed_ek'?"


def test_one_missing_column_in_a_list(laws):
    exc = raised(lambda: laws[["law_nl", "pased_ek"]])
    assert friendly_message(exc) == "There is no column 'pased_ek'. Did you mean 'passed_ek'?"


def test_xs_and_a_series(laws):
    assert "Did you mean 'wmo_2015'?" in friendly_message(raised(lambda: laws.xs("Wmo_2015")))
    column = laws["passed_ek"]
    assert friendly_message(raised(lambda: column["JEUGDWET"])).startswith("There is no row 'JEUGDWET'. Did you mean")


def test_no_close_label_lists_the_real_ones(laws):
    message = friendly_message(raised(lambda: laws["budget"]))
    assert message.startswith("There is no column 'budget'. The columns are: 'law_nl', ")
    assert len(message) < 400, "one short line, even for a wide table"


def test_a_row_by_number_points_to_iloc(laws):
    assert ".iloc[0]" in friendly_message(raised(lambda: laws.loc[0]))


def test_suggest_is_case_insensitive_and_close():
    assert suggest("  HOORN ", ["hoorn", "zwolle"]) == "hoorn"
    assert suggest("zwole", ["hoorn", "zwolle"]) == "zwolle"
    assert suggest("utrecht", ["hoorn", "zwolle"]) is None


def test_a_key_error_outside_pandas_keeps_its_traceback():
    assert friendly_message(raised(lambda: {}["nope"])) is None
    assert friendly_message(raised(lambda: 1 / 0)) is None


# --------------------------------------------------------------------------- names
def test_a_name_before_the_setup_cell():
    exc = raised(lambda: eval("laws", {}))
    assert "run the first code cell (the setup cell) first" in friendly_message(exc, user_ns={})


def test_a_misspelt_name_after_the_setup_cell(laws):
    ns = {"load": load, "laws": laws}
    assert "Did you mean 'laws'?" in friendly_message(raised(lambda: eval("Laws", {})), user_ns=ns)
    assert "Did you mean 'True'?" in friendly_message(raised(lambda: eval("true", {})), user_ns=ns)
    unknown = friendly_message(raised(lambda: eval("shares", {})), user_ns=ns)
    assert "run the cell above that creates it" in unknown


# --------------------------------------------------------------------------- syntax
@pytest.mark.parametrize("code, expected", [
    ('answer = laws.loc["jeugdwet", "passed_ek"', "bracket [ is opened but never closed: add the closing ]"),
    ('answer = round(3.14159, 1\nx = 1', "bracket ( is opened but never closed"),
    ('x = "abc', "a text in quotes is not closed"),
    ("if x = 3:\n    pass", "use == to compare"),
    ('values = ["a" "b" 3]', "a comma seems to be missing"),
    ("x = (1, 2]", "brackets must match"),
    ("x = 1)", "a closing ) without an opening one"),
    ("  x = 1", "starts with spaces"),
    ("x = 3 ×", "is not Python"),
])
def test_syntax_slips(code, expected):
    try:
        compile(code, "<cell>", "exec")
    except SyntaxError as exc:
        message = friendly_message(exc)
    else:
        raise AssertionError("compiled")
    assert expected in message and message.startswith("Python cannot read line"), message


def test_the_incomplete_input_ipython_reports():
    exc = SyntaxError("incomplete input", ("<cell>", 1, 1, 'answer = laws.loc["jeugdwet", "passed_ek"', 1, 1))
    assert "bracket [ is opened but never closed" in friendly_message(exc)


def test_dataset_error_is_its_own_message():
    exc = raised(lambda: load("timelines"))
    assert isinstance(exc, DatasetError)
    assert friendly_message(exc) == str(exc)


def test_html_escapes_and_folds_the_full_error():
    html = friendly_html("There is no column '<b>'.", "Traceback ...\nKeyError: '<b>'")
    assert "&lt;b&gt;" in html and "<b>'" not in html.replace("<b>⚠</b>", "")
    assert "<details" in html and "<summary>Show the full error</summary>" in html


# --------------------------------------------------------------------------- in a real kernel
CELLS = [
    'answer = laws.loc["jeugdwet", "passed_ek"]',                  # 0 before the setup cell
    'from wmolab import load, check\nlaws = load("laws_2015").set_index("law_id")',
    'laws.loc["Jeugdwet", "passed_ek"]',                          # 2 row label
    "%tb",                                                         # 3 the full error of cell 2
    'answer = laws.loc["jeugdwet", "passed_ek"',                   # 4 unclosed bracket
    'if laws.shape[0] = 3:\n    pass',                             # 5 = for ==
    'load("timelines")',                                           # 6 DatasetError
    '{}["nope"]',                                                  # 7 not a first mistake
    "Laws",                                                        # 8 misspelt name
]


@pytest.mark.slow
def test_friendly_errors_in_a_kernel():
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    client = NotebookClient(nb, kernel_name="python3", timeout=120)
    stopped = []
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError:
                stopped.append(index)
    assert stopped == [0, 2, 4, 5, 6, 7, 8], "every error still stops Run All (the kernel reports an error)"

    def friendly(index):
        outs = nb.cells[index].outputs
        assert [o.output_type for o in outs] == ["display_data"], f"cell {index}: {[o.output_type for o in outs]}"
        plain, html = outs[0].data["text/plain"], outs[0].data["text/html"]
        assert plain.startswith("⚠ ") and "%tb" in plain and "Traceback" not in plain
        assert "<details" in html and "Show the full error" in html
        return plain

    assert "run the first code cell (the setup cell) first" in friendly(0)
    assert "There is no row 'Jeugdwet'. Did you mean 'jeugdwet'?" in friendly(2)
    assert "KeyError" in nb.cells[2].outputs[0].data["text/html"], "the full traceback is in the folded part"
    full = nb.cells[3].outputs
    assert full and full[0].output_type == "error" and full[0].ename == "KeyError", "%tb prints the full error"
    assert "bracket [ is opened but never closed" in friendly(4)
    assert "use == to compare" in friendly(5)
    assert "There is no dataset called 'timelines'" in friendly(6)
    normal = nb.cells[7].outputs
    assert normal[0].output_type == "error" and normal[0].ename == "KeyError" and normal[0].traceback, (
        "an error that is not a first mistake keeps IPython's traceback")
    assert "Did you mean 'laws'?" in friendly(8)
