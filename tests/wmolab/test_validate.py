"""wmolab.validate: the shared input check of the topic modules."""
import pandas as pd
import pytest

from wmolab.validate import require_columns


def test_passes_a_good_table_through():
    df = pd.DataFrame({"a": [1], "b": [2]})
    assert require_columns(df, ["a"], "The table") is df


@pytest.mark.parametrize("bad, says", [([1, 2], "should be a table .* not list"),
                                       (pd.DataFrame({"a": [1]}), r"lacks the column\(s\) \['b'\]")])
def test_clear_messages(bad, says):
    with pytest.raises(ValueError, match=says):
        require_columns(bad, ["a", "b"], "The table")


def test_empty_only_when_asked():
    empty = pd.DataFrame({"a": []})
    assert require_columns(empty, ["a"], "The table") is empty
    with pytest.raises(ValueError, match="is empty"):
        require_columns(empty, ["a"], "The table", non_empty=True)


def test_require_keys():
    from wmolab.validate import require_keys

    require_keys({"a": 1, "b": 2}, ["a", "b"], unknown="x", missing="y")
    with pytest.raises(ValueError, match=r"'z' is not one of a…b"):
        require_keys({"a": 1, "z": 2}, ["a", "b"], unknown="{key} is not one of {first}…{last}", missing="")
    with pytest.raises(ValueError, match="2 missing, first b: b, c"):
        require_keys({"a": 1}, ["a", "b", "c"], unknown="", missing="{n} missing, first {first}: {all}")
