"""The key tool (wmolab.authoring.keys): writes a hashed key that check() then accepts."""
from __future__ import annotations

import json

from wmolab import checks
from wmolab.authoring import keys as key_tool
from wmolab.checks import check


def test_cli_adds_a_key(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(checks, "KEYS_DIR", tmp_path)
    checks._keys.cache_clear()
    assert key_tool.main(["add", "98.2", "number", "3.14159", "--decimals", "2", "--hint", "pi"]) == 0
    assert "98.2" in capsys.readouterr().out
    stored = json.loads((tmp_path / "98.json").read_text(encoding="utf-8"))
    assert stored["98.2"]["decimals"] == 2 and "3.14" not in json.dumps(stored)
    assert check("98.2", 3.1416).correct and not check("98.2", 3.15).correct
    checks._keys.cache_clear()


def test_cli_adds_a_choice_key(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "KEYS_DIR", tmp_path)
    checks._keys.cache_clear()
    feedback = {"a": "Not this: the thesis measures attention.", "b": "Right: importance, not attention.",
                "c": "Not this: no ranking was asked."}
    assert key_tool.main(["add", "98.3", "choice", "b", "--options", '["a", "b", "c"]',
                          "--feedback", json.dumps(feedback)]) == 0
    stored = (tmp_path / "98.json").read_text(encoding="utf-8")
    assert "attention" not in stored and "importance" not in stored
    assert check("98.3", "b").correct and check("98.3", "b").message == feedback["b"]
    assert check("98.3", "a").message == feedback["a"] and not check("98.3", "a").correct
    checks._keys.cache_clear()


def test_cli_stores_the_points_nbgrader_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "KEYS_DIR", tmp_path)
    assert key_tool.main(["add", "98.3", "integer", "7", "--points", "2"]) == 0
    assert key_tool.main(["add", "98.4", "integer", "7"]) == 0
    stored = json.loads((tmp_path / "98.json").read_text(encoding="utf-8"))
    assert stored["98.3"]["points"] == 2 and "points" not in stored["98.4"]
    checks._keys.cache_clear()
