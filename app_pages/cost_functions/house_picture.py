"""The house's touch unit: the cost curve along the street and, at every position of the
house, what the learner reads there (the house on the curve, its tangent, the working, the
numbers). `core.power_lines.power_line_houses` works every position out exactly; this module
only formats them (dashboard.numbers) for `dashboard.touch`, which picks the row in the
browser as the house moves."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import streamlit as st

from app_pages.cost_functions.power_line_positions import position
from app_pages.cost_functions.values import shown
from core.power_lines import PowerLineAnswer, PowerLineHouse, power_line_houses
from dashboard import charts, touch
from dashboard.numbers import eq_tex, is_exact, tex, text

KEY = "house_touch"
LABEL = "House position x"
TANGENT_SPAN = 1 / 8  # the tangent reaches this share of the window's width on each side
DOWNHILL_WORDS = {
    "right": "moving right lowers the cost",
    "left": "moving left lowers the cost",
    "neither": "no small move lowers the cost: this is a best position",
}


def best_words(answer: PowerLineAnswer) -> str:
    """The best position in a few words: 'x = 1.5', 'x ≈ 0.6667', 'every x in [1, 2]'."""
    if answer.unique:
        return f"x {'=' if is_exact(answer.marked) else '≈'} {text(answer.marked)}"
    return f"every x in [{position(answer.low)}, {position(answer.high)}]"


def control(houses: tuple[PowerLineHouse, ...]) -> touch.Control:
    """The house's range input: one position per house, kept in ?x= (0 is always one)."""
    return touch.Control(
        label=LABEL,
        param="x",
        values=tuple(float(h.x) for h in houses),
        default=0.0,
        hint="Or drag the house along the street in the picture.",
    )


# ---------------------------------------------------------------- the working at the house


def _gap(x: str, a: Fraction) -> str:
    """x − a as LaTeX with the house's x put in: '0 - 1', '-0.5 + 3', '2' (a = 0)."""
    if a == 0:
        return x
    return f"{x} {'-' if a > 0 else '+'} {position(abs(a), True)}"


def _terms(house: PowerLineHouse, x: str) -> tuple[list[str], list[str]]:
    """The cost's and the slope's terms with the house's x put in, one per line."""
    lines, squared = house.answer.lines, house.answer.kind == "squared"
    gaps = [_gap(x, a) for a in lines]
    if squared:
        costs = [
            f"{g}^2" if a == 0 and house.x >= 0 else f"({g})^2"
            for a, g in zip(lines, gaps, strict=True)
        ]
        return costs, [f"2({g})" for g in gaps]
    # \lvert, not |: KaTeX reads "| -2.7" as a bar minus 2.7
    return [rf"\lvert {g} \rvert" for g in gaps], [rf"\operatorname{{sign}}({g})" for g in gaps]


MAX_TERMS = 4  # more lines than this: the first two terms, "…", the last


def _width(term: str) -> int:
    """About how many characters a term takes on screen: '\\operatorname{sign}(0 - 1)' is
    'sign(0 - 1)', '\\lvert 0 - 1 \\rvert' is '|0 - 1|'."""
    return len(re.sub(r"\\operatorname\{(\w+)\}|\\[lr]vert ?", lambda m: m.group(1) or "|", term))


def _sum_rows(name: str, terms: list[str]) -> list[str]:
    """'name &= t1 + t2' then '&\\quad + t3 + t4', ...: a sum as aligned rows that fit a
    phone (two terms a row while they are short, else one); past MAX_TERMS terms the middle
    ones give way to dots."""
    if len(terms) > MAX_TERMS:
        terms = [*terms[:2], r"\dots", terms[-1]]
    per_row = 2 if max(_width(t) for t in terms) <= 12 else 1
    chunks = [terms[i : i + per_row] for i in range(0, len(terms), per_row)]
    rows = [rf"{name} &= {' + '.join(chunks[0])}"]
    rows += [rf"&\quad + {' + '.join(chunk)}" for chunk in chunks[1:]]
    return rows


def working_tex(house: PowerLineHouse) -> str:
    """C and C′ at the house, worked: the sum with the house's x put in, then its value, as
    aligned rows; at a corner the one-sided slopes instead of C′."""
    x = position(house.x, latex_form=True)
    costs, slopes = _terms(house, x)
    rows = _sum_rows(f"C({x})", costs) + [f"&{eq_tex(house.cost)}"]
    if house.slope.exists:
        rows += _sum_rows(f"C'({x})", slopes)
        rows.append(f"&{eq_tex(house.slope.value)}")
    else:
        rows.append(
            rf"C'({x}^-) &= {tex(house.slope.left)}, \quad C'({x}^+) = {tex(house.slope.right)}"
        )
        rows.append(rf"C'({x}) &\text{{ does not exist (a corner)}}")
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


# ---------------------------------------------------------------- the numbers and the words


def slope_words(house: PowerLineHouse) -> str:
    """The slope at the house as a metric reads it: '−6', or 'none: a corner'."""
    return shown(house.slope.value) if house.slope.exists else "none: a corner"


def best_metric(answer: PowerLineAnswer) -> str:
    """The best position as a metric reads it: '1.5', '≈ 0.6667' or '1 to 2'."""
    if answer.unique:
        return shown(answer.marked)
    return f"{position(answer.low)} to {position(answer.high)}"


def alt_text(house: PowerLineHouse) -> str:
    """The picture at this position in one short sentence, for screen readers."""
    slope = (
        f"slope {shown(house.slope.value)}"
        if house.slope.exists
        else f"a corner, slopes {shown(house.slope.left)} and {shown(house.slope.right)}"
    )
    return (
        f"The house at x = {position(house.x)} pays {shown(house.cost)}, {slope}: "
        f"{DOWNHILL_WORDS[house.downhill]}. Best: {best_words(house.answer)}."
    )


# ---------------------------------------------------------------- the picture


def _y_window(house: PowerLineHouse) -> tuple[float, float]:
    top = float(max(house.total_costs.max(), 1.0))
    return (-0.06 * top, 1.08 * top)


def frame(houses: tuple[PowerLineHouse, ...]) -> touch.Picture:
    """What stays while the house moves: the curves, the lines, the best position, the
    legend, and the handle (the house, dragged along x)."""
    first = houses[0]
    answer = first.answer
    y = _y_window(first)
    best_color = charts.COLORS["accent"]
    if answer.unique:
        m = float(answer.marked)
        best = touch.segments([[m, y[0], m, y[1]]], best_color, dash=True)
    else:
        best = touch.band(float(answer.low), float(answer.high), best_color, opacity=0.2)
    each = "(x − aᵢ)²" if answer.kind == "squared" else "|x − aᵢ|"
    layers = [best]
    layers += [
        touch.line(np.column_stack([first.xs, row]), charts.COLORS["muted"], dash=True, width=1.5)
        for row in first.line_costs
    ]
    layers.append(
        touch.line(np.column_stack([first.xs, first.total_costs]), charts.COLORS["function"])
    )
    layers.append(touch.points([(float(a), 0.0) for a in answer.lines], charts.COLORS["muted"]))
    return touch.Picture(
        x=first.window,
        y=y,
        x_title="house position x",
        y_title="cost",
        description=(
            f"Each line's cost {each} (dashed) and the total cost C(x) (solid) along the "
            f"street; the grey dots are the power lines. The best is {best_words(answer)}."
        ),
        layers=tuple(layers),
        legend=(
            touch.Key("total cost C(x)", charts.COLORS["function"]),
            touch.Key(f"one line's cost {each}", charts.COLORS["muted"], dash=True),
            touch.Key("tangent at the house", charts.COLORS["tangent"]),
            touch.Key(f"best: {best_words(answer)}", best_color, dash=answer.unique),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(h.x), float(h.cost)) for h in houses),
                color=charts.COLORS["point"],
            ),
        ),
        y_ticks=touch.nice_ticks(*y, count=6),
        height=340,
    )


def row(house: PowerLineHouse) -> touch.Row:
    """What the unit shows with the house at one position."""
    x, c = float(house.x), float(house.cost)
    reach = (house.window[1] - house.window[0]) * TANGENT_SPAN
    left = float(house.slope.left)
    right = float(house.slope.right)
    tangent = [(x - reach, c - left * reach), (x, c), (x + reach, c + right * reach)]
    return touch.row(
        [
            touch.segments([[x, 0.0, x, c]], charts.COLORS["point"], dash=True, width=1),
            touch.line(tangent, charts.COLORS["tangent"]),
            touch.points([(x, c)], charts.COLORS["point"], labels=["house"]),
        ],
        tex=[working_tex(house)],
        metrics=[
            ("total cost at the house C(x)", shown(house.cost)),
            ("slope at the house C′(x)", slope_words(house)),
            ("best position", best_metric(house.answer)),
        ],
        alt=alt_text(house),
    )


@st.cache_data(max_entries=50)
def house_unit(
    lines: tuple[float, ...], kind: str
) -> tuple[touch.Control, touch.Picture, list[touch.Row]]:
    """The range input, the picture and every row for these lines: one core call, formatted
    once (the same whatever the house's position, so a move after the pause costs nothing)."""
    houses = power_line_houses(lines, kind)
    return control(houses), frame(houses), [row(h) for h in houses]


def draw(lines: tuple[float, ...], kind: str) -> None:
    """The unit: the range input over the house's positions, the picture, the working."""
    house, picture, rows = house_unit(lines, kind)
    touch.touch_unit(KEY, [house], picture, [rows])
