"""The interviews' tariff arithmetic (lesson 05): what share of a coach's cost a tariff covers."""
from __future__ import annotations

import math

__all__ = ["tariff_coverage"]

def tariff_coverage(tariff: float, cost_price: float = 93.0, billable_hours: float = 25.0) -> dict[str, float]:
    """Weekly revenue and cost of one coach, and the share of the cost the tariff covers.

    Defaults are the regiomanager's figures (cost price €93 per hour, about 25 billable hours
    in a 36-hour week). The arithmetic is the course's illustration, not in the thesis.

    >>> tariff_coverage(60)
    {'revenue_week': 1500.0, 'cost_week': 2325.0, 'gap_week': 825.0, 'coverage_pct': 64.5}
    """
    for name, v in (("tariff", tariff), ("cost_price", cost_price), ("billable_hours", billable_hours)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
            raise ValueError(f"{name} should be a number, not {v!r}.")
        if v < 0:
            raise ValueError(f"{name} cannot be negative ({v}).")
    if cost_price == 0:
        raise ValueError("cost_price must be more than 0 to compute a coverage share.")
    tariff, cost_price, billable_hours = float(tariff), float(cost_price), float(billable_hours)
    revenue, cost = tariff * billable_hours, cost_price * billable_hours
    return {"revenue_week": round(revenue, 2), "cost_week": round(cost, 2), "gap_week": round(cost - revenue, 2),
            "coverage_pct": round(100 * tariff / cost_price, 1)}

