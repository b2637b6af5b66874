"""Classifying the source's vignettes by steering perspective (lesson 03), with feedback along the quadrant's axes."""
from __future__ import annotations

from .perspectives import LABELS, QUADRANT, perspective_code

__all__ = ["vignette_feedback"]

_ACTOR_EN = {"overheid": "government", "samenleving": "society"}
_FOCUS_EN = {"randvoorwaarden": "preconditions", "resultaten": "results"}
_FOCUS_GLOSS = {"randvoorwaarden": "rules, entitlements, who gets what", "resultaten": "performance and delivery"}


def vignette_feedback(answer: str, chosen: str | None) -> tuple[str, str]:
    """Feedback on classifying a vignette: ``(status, message)`` with status ``"unanswered"``,
    ``"correct"`` or ``"incorrect"``. A wrong choice gets a hint along the two axes of the
    quadrant (is the actor right? is the focus right?) without naming the answer."""
    answer = perspective_code(answer)
    if chosen in (None, "", "-"):
        return "unanswered", "Choose the perspective you think the vignette shows."
    chosen = perspective_code(chosen)
    if chosen == answer:
        actor, focus = QUADRANT[answer]
        return "correct", (f"Yes: {answer} ({LABELS[answer]}). The main actor is {_ACTOR_EN[actor]} and the "
                           f"focus is on {_FOCUS_EN[focus]} ({_FOCUS_GLOSS[focus]}).")
    (a_actor, a_focus), (c_actor, c_focus) = QUADRANT[answer], QUADRANT[chosen]
    if a_actor == c_actor:
        hint = (f"You have the main actor right ({_ACTOR_EN[a_actor]}), but look again at the focus: "
                "is it on results, or on preconditions such as rules and entitlements?")
    elif a_focus == c_focus:
        hint = (f"You have the focus right ({_FOCUS_EN[a_focus]}), but look again at who acts: "
                "does the government do it itself, or does it work through society and partners?")
    else:
        hint = ("Both axes differ: ask who acts (government or society) and what the focus is "
                "(results or preconditions).")
    return "incorrect", f"Not what the author says. {hint}"

