"""Write the key of one self-check question into ``wmolab/keys/NN.json`` (authors only).

    python -m wmolab.authoring.keys add 03.1 number 31.1 --decimals 1 --hint "Average each column over the 49 plans."

Kinds: ``number`` (``--decimals``), ``integer``, ``text`` (``--options '["PA","NPM"]'``), ``bool``,
``set`` (JSON list), ``sequence`` (JSON list, ordered), ``mapping`` (JSON object; ``--value-kind
number`` for numbers), ``choice`` (the right option's label; ``--options`` and ``--feedback`` with one
explanation per option). ``--wrong '{"hint for this mistake": value}'`` gives a targeted hint for a
common wrong answer; ``--fold-accents`` makes text answers accent-insensitive. The key stores only
hashes, and a choice's explanations sealed (see :func:`wmolab.checks.make_key`). ``--points N`` sets
what the question is worth when nbgrader grades it (default 1,
:data:`wmolab.authoring.grading.cells.DEFAULT_AUTO_POINTS`; run ``make exercises`` after changing it)::

    python -m wmolab.authoring.keys add 06.9 choice b --options '["a","b","c"]' \\
        --feedback '{"a": "…why a is not it…", "b": "…why b is right…", "c": "…why c is not it…"}'

A choice's Dutch explanations (shown after ``set_language("nl")``) are added to an existing key without
changing anything else in it; ``feedback`` prints the stored explanations of one question::

    python -m wmolab.authoring.keys feedback-nl 06.9 '{"a": "…", "b": "…", "c": "…"}'
    python -m wmolab.authoring.keys feedback 06.9 [--lang nl]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .. import checks

__all__ = ["KEY_KINDS", "add_key", "add_dutch_feedback", "stored_feedback", "main"]

KEY_KINDS = ("number", "integer", "text", "bool", "set", "sequence", "mapping", "choice")


def add_key(question: str, key: dict[str, Any], keys_dir: Path | None = None) -> Path:
    """Add or replace ``question``'s key in its notebook's key file (questions kept in order); return the file."""
    keys_dir = Path(keys_dir) if keys_dir is not None else checks.KEYS_DIR
    path = keys_dir / f"{question.split('.')[0]}.json"
    keys = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    keys[question] = key
    ordered = dict(sorted(keys.items(), key=lambda kv: int(kv[0].split(".")[1])))
    path.write_text(json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _choice_key(question: str, keys_dir: Path | None = None) -> tuple[dict[str, Any], Path]:
    keys_dir = Path(keys_dir) if keys_dir is not None else checks.KEYS_DIR
    path = keys_dir / f"{question.split('.')[0]}.json"
    key = json.loads(path.read_text(encoding="utf-8")).get(question) if path.exists() else None
    if not key or key.get("kind") != "choice":
        raise ValueError(f"{question} has no choice key in {path}: add it first with `add {question} choice ...`")
    return key, keys_dir


def add_dutch_feedback(question: str, feedback_nl: dict[str, str], keys_dir: Path | None = None) -> Path:
    """Seal a Dutch explanation for every option of ``question``'s choice key; the rest of the key stays as it is."""
    key, keys_dir = _choice_key(question, keys_dir)
    given = {checks.norm_text(o) for o, text in feedback_nl.items() if text.strip()}
    missing = [o for o in key["options"] if checks.norm_text(o) not in given]
    extra = sorted(given - {checks.norm_text(o) for o in key["options"]})
    if missing or extra:
        raise ValueError(f"{question}: a Dutch explanation is needed for every option, no more "
                         f"(missing: {missing}, not an option: {extra})")
    return add_key(question, {**key, "feedback_nl": checks.seal_feedback(question, feedback_nl, "nl")}, keys_dir)


def stored_feedback(question: str, lang: str = "en", keys_dir: Path | None = None) -> dict[str, str]:
    """The stored explanation of each option of ``question`` in ``lang`` (authors and translators only)."""
    key, _ = _choice_key(question, keys_dir)
    sealed = key.get("feedback" if lang == "en" else f"feedback_{lang}", {})
    seal_as = question if lang == "en" else f"{question}/{lang}"
    found = {}
    for option in key["options"]:
        text = sealed.get(checks.answer_hash(f"{question}/feedback", checks.norm_text(option)))
        if text:
            found[option] = checks._unseal(seal_as, checks.norm_text(option), text)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmolab.authoring.keys")
    sub = parser.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add or replace the key of one question")
    add.add_argument("question")
    add.add_argument("kind", choices=KEY_KINDS)
    add.add_argument("value", help="the answer; JSON for bool/set/sequence/mapping")
    add.add_argument("--decimals", type=int, default=0)
    add.add_argument("--hint", default="")
    add.add_argument("--options", help="JSON list of allowed choices")
    add.add_argument("--value-kind", default="text", choices=["text", "number"])
    add.add_argument("--wrong", help='JSON object {"hint": wrong_value, ...}')
    add.add_argument("--feedback", help='choice: JSON object {"option": "its explanation", ...} for every option')
    add.add_argument("--fold-accents", action="store_true", help="text answers without regard to accents")
    add.add_argument("--points", type=float, help="points when graded with nbgrader (default 1)")
    dutch = sub.add_parser("feedback-nl", help="add the Dutch explanations of an existing choice key")
    dutch.add_argument("question")
    dutch.add_argument("feedback", help='JSON object {"option": "Dutch explanation", ...} for every option')
    show = sub.add_parser("feedback", help="print the stored explanations of a choice key")
    show.add_argument("question")
    show.add_argument("--lang", default="en", choices=["en", "nl"])
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.cmd == "feedback-nl":
        path = add_dutch_feedback(args.question, json.loads(args.feedback))
        print(f"Dutch feedback for {args.question} written to {path}")
        return 0
    if args.cmd == "feedback":
        print(json.dumps(stored_feedback(args.question, args.lang), indent=1, ensure_ascii=False))
        return 0
    value: Any = args.value
    if args.kind in ("bool", "set", "sequence", "mapping"):
        value = json.loads(value)
    elif args.kind in ("number", "integer"):
        value = float(value)
    key = checks.make_key(args.question, args.kind, value, decimals=args.decimals, hint=args.hint,
                          options=json.loads(args.options) if args.options else None,
                          value_kind=args.value_kind, wrong=json.loads(args.wrong) if args.wrong else None,
                          feedback=json.loads(args.feedback) if args.feedback else None,
                          fold_accents=args.fold_accents)
    if args.points is not None:
        key["points"] = int(args.points) if args.points.is_integer() else args.points
    path = add_key(args.question, key)
    print(f"key for {args.question} written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
