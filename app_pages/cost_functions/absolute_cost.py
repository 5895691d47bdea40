"""Section 3, another cost: the squared cost is smallest at the mean, the absolute cost at the
median, and one far line tells them apart.

One call: `core.power_lines.outlier_effect(lines)` returns both rows of the comparison and
how each best position changed, decided exactly.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.cost_functions.power_line_positions import (
    LineSetup,
    and_list,
    position,
    waiting_for_lines,
)
from app_pages.cost_functions.values import shown
from core.power_lines import OutlierEffect, outlier_effect
from dashboard.layout import check_yourself, numbers_table, quiz_choice, section
from dashboard.numbers import eq_text, text


def _median_cell(low: Fraction, high: Fraction) -> str:
    return position(low) if low == high else f"every x in [{position(low)}, {position(high)}]"


def _interval(low: Fraction, high: Fraction) -> str:
    return f"[{position(low)}, {position(high)}]"


def _median_words(low: Fraction, high: Fraction) -> str:
    return f"x = {position(low)}" if low == high else f"every x in {_interval(low, high)}"


def _term(a: Fraction) -> str:
    """A position after a minus sign: '3', or '(−19)' in brackets when it is negative."""
    return f"({position(a)})" if a < 0 else position(a)


def comparison_table(effect: OutlierEffect) -> pd.DataFrame:
    """The lines before and after the move, and each cost's best positions."""
    rows = [
        {
            "lines": and_list(effect.before),
            "best for squared cost (the mean)": shown(effect.mean_before),
            "best for absolute cost": _median_cell(*effect.median_before),
        }
    ]
    if effect.compared:
        rows.append(
            {
                "lines": and_list(effect.after),
                "best for squared cost (the mean)": shown(effect.mean_after),
                "best for absolute cost": _median_cell(*effect.median_after),
            }
        )
    return pd.DataFrame(rows)


def effect_sentence(effect: OutlierEffect) -> str:
    """What the move did to each best position, in words that match the table."""
    if not effect.compared:
        return (
            "Every line is already at the far end of the street, so there is no far line to "
            "move: bring one closer to compare."
        )
    n = len(effect.before)
    moved = (
        f"Moving the line at {position(effect.moved_from)} to {position(effect.moved_to)} "
        f"moves the mean by ({position(effect.moved_to)} − {_term(effect.moved_from)})/{n} "
        f"{eq_text(effect.mean_shift)}."
    )
    if effect.median_change == "one line":
        return f"{moved} With one line, mean and median are that line: both move all the way."
    if effect.median_change == "stays":
        return (
            f"{moved} The absolute cost's best, {_median_words(*effect.median_after)}, stays: "
            "it only counts how many lines lie on each side, and the far line is still on "
            "the right."
        )
    if effect.median_change == "stretches":
        return (
            f"{moved} The absolute cost's best stretch, between the two middle lines, grows "
            f"from {_interval(*effect.median_before)} to {_interval(*effect.median_after)}."
        )
    return (
        f"{moved} The far line was the middle one, so the absolute cost's best moves too, "
        f"from {_median_words(*effect.median_before)} to {_median_words(*effect.median_after)}."
    )


def draw(setup: LineSetup | None) -> None:
    """The section: the comparison, what it shows, then its question."""
    section(
        "3. Another cost, another answer",
        "With the absolute cost |x − aᵢ| (switch above), the best position is the **median**; "
        "for an even number of lines, every x between the two middle lines is best.",
    )
    if setup is None:
        waiting_for_lines()
    else:
        effect = outlier_effect(setup.lines)
        numbers_table(comparison_table(effect))
        st.markdown(effect_sentence(effect))
    near = outlier_effect([1, 2, 3])
    with check_yourself():
        quiz_choice(
            "cost_outlier",
            f"Lines at {and_list(near.before)}; then the line at 3 moves to 20. Which best "
            "position moves?",
            ["The mean.", "The median.", "Both, equally.", "Neither."],
            answer=0,
            explanation=f"The mean goes from {text(near.mean_before)} to (1 + 2 + 20)/3 "
            f"{eq_text(near.mean_after)}; the median stays at "
            f"{position(near.median_after[0])}: one line is still on each side of it.",
        )
