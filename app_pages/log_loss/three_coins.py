"""Section 2, the course's three coins: how likely is 7 heads then 3 tails under P(heads) = 0.7,
0.5 and 0.3? One call: `core.course_coins.course_figures()`, the exact values, the course's printed
figures and whether the course rounded or truncated each. Nothing here follows a control.
"""

from __future__ import annotations

import pandas as pd

from core.course_coins import course_figures
from dashboard import numbers
from dashboard.layout import numbers_table, section

VERB = {
    "rounded": "rounds",
    "truncated": "truncates",
    "rounded or truncated": "cuts",
    "neither": "prints",
}


def draw() -> None:
    section(
        "The course's three coins",
        "The course tossed 7 heads then 3 tails. Under which coin, P(heads) = 0.7, 0.5 or 0.3, "
        "is this sequence likeliest?",
    )
    figures = course_figures()
    exact = [numbers.text(f.exact, sig=10) for f in figures]
    shown = pd.DataFrame(
        {
            "coin": [f"P(heads) = {numbers.text(f.p)}" for f in figures],
            "the course prints": [f.printed for f in figures],
            "P(7 heads then 3 tails), exact": exact,
        }
    )
    _, half, third = figures
    numbers_table(
        shown,
        caption=f"p = 0.7 makes it likeliest. The course {VERB[half.how]} {exact[1]} to "
        f"{half.printed} (rounded: {numbers.text(half.rounded)}) and {VERB[third.how]} "
        f"{exact[2]} to {third.printed}.",
    )
