"""Classifying the source's vignettes by steering perspective (lesson 03), with feedback along the quadrant's axes."""
from __future__ import annotations

from ..i18n import N_, _
from .perspectives import LABELS, QUADRANT, perspective_code

__all__ = ["vignette_feedback"]

_ACTOR_EN = {"overheid": N_("government"), "samenleving": N_("society")}
_FOCUS_EN = {"randvoorwaarden": N_("preconditions"), "resultaten": N_("results")}
_FOCUS_GLOSS = {"randvoorwaarden": N_("rules, entitlements, who gets what"),
                "resultaten": N_("performance and delivery")}


def vignette_feedback(answer: str, chosen: str | None) -> tuple[str, str]:
    """Feedback on classifying a vignette: ``(status, message)`` with status ``"unanswered"``,
    ``"correct"`` or ``"incorrect"``. A wrong choice gets a hint along the two axes of the
    quadrant (is the actor right? is the focus right?) without naming the answer."""
    answer = perspective_code(answer)
    if chosen in (None, "", "-"):
        return "unanswered", _("Choose the perspective you think the vignette shows.")
    chosen = perspective_code(chosen)
    if chosen == answer:
        actor, focus = QUADRANT[answer]
        return "correct", _("Yes: {answer} ({label}). The main actor is {actor} and the focus is on {focus} "
                            "({gloss}).").format(answer=answer, label=LABELS[answer], actor=_(_ACTOR_EN[actor]),
                                                 focus=_(_FOCUS_EN[focus]), gloss=_(_FOCUS_GLOSS[focus]))
    (a_actor, a_focus), (c_actor, c_focus) = QUADRANT[answer], QUADRANT[chosen]
    if a_actor == c_actor:
        hint = _("You have the main actor right ({actor}), but look again at the focus: "
                 "is it on results, or on preconditions such as rules and entitlements?").format(
            actor=_(_ACTOR_EN[a_actor]))
    elif a_focus == c_focus:
        hint = _("You have the focus right ({focus}), but look again at who acts: "
                 "does the government do it itself, or does it work through society and partners?").format(
            focus=_(_FOCUS_EN[a_focus]))
    else:
        hint = _("Both axes differ: ask who acts (government or society) and what the focus is "
                 "(results or preconditions).")
    return "incorrect", _("Not what the author says. {hint}").format(hint=hint)

