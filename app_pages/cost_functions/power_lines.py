"""Section 2, the power-line problem: place the lines, move the house, set the slope to zero.

One live unit, the house: `core.power_lines.power_line_house(lines, kind, x)` returns the cost
and slope at the house (exact, or the one-sided slopes at a corner) and the curves. The
answer and its derivation do not move with the house and are drawn once, outside it.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.cost_functions.descent_picture import x_from_data
from app_pages.cost_functions.power_line_positions import (
    STREET,
    LineSetup,
    and_list,
    position,
)
from app_pages.cost_functions.values import shown
from core.power_lines import PowerLineAnswer, PowerLineHouse, power_line_answer, power_line_house
from dashboard import charts
from dashboard.controls import url_slider
from dashboard.layout import (
    check_yourself,
    latex,
    quiz_number,
    verdict,
)
from dashboard.numbers import eq_tex, is_exact, tex, text

# ---------------------------------------------------------------- pieces of formulas


def _gap(a: Fraction, latex_form: bool) -> str:
    """x − a, x + |a| or x, exactly as typed."""
    if a == 0:
        return "x"
    minus = "-" if latex_form else "−"
    return f"x {minus if a > 0 else '+'} {position(abs(a), latex_form)}"


def _line_name(a: Fraction, kind: str) -> str:
    gap = _gap(a, latex_form=False)
    return f"({gap})²" if kind == "squared" else f"|{gap}|"


def best_words(answer: PowerLineAnswer) -> str:
    """The best position in a few words: 'x = 1.5', 'x ≈ 0.6667', 'every x in [1, 2]'."""
    if answer.unique:
        return f"x {'=' if is_exact(answer.marked) else '≈'} {text(answer.marked)}"
    return f"every x in [{position(answer.low)}, {position(answer.high)}]"


def answer_sentence(answer: PowerLineAnswer) -> str:
    """The page's one-line answer: where the house should go, and why."""
    listed = and_list(answer.lines)
    if answer.n == 1:
        return f"The best position is **{best_words(answer)}**: right at the only line, cost 0."
    if answer.kind == "squared":
        return (
            f"The best position is **{best_words(answer)}**: the mean of {listed}, with total "
            f"cost {shown(answer.cost)}."
        )
    if answer.unique:
        return (
            f"The best position is **{best_words(answer)}**: the median of {listed}, with total "
            f"cost {shown(answer.cost)}."
        )
    return (
        f"**{best_words(answer).capitalize()} is best**: between the two middle lines as many "
        f"lines lie on each side of the house, and the total cost is {shown(answer.cost)} all "
        "along."
    )


def _one_sided(slope) -> str:
    x = position(slope.x)
    return f"C′({x}) does not exist: one-sided slopes {text(slope.left)} and {text(slope.right)}"


def _sum_rows(name: str, terms: list[str], per_row: int) -> list[str]:
    """'name &= t1 + t2' then '&\\quad + t3 + t4', ...: a long sum as aligned rows."""
    chunks = [terms[i : i + per_row] for i in range(0, len(terms), per_row)]
    rows = [rf"{name} &= {' + '.join(chunks[0])}"]
    rows += [rf"&\quad + {' + '.join(chunk)}" for chunk in chunks[1:]]
    return rows


def derivation(answer: PowerLineAnswer) -> tuple[str, str]:
    """'Set the slope to zero' with the learner's lines, as one formula of aligned rows (two
    terms a row, so that it fits a phone), and the sentence that closes it (for the absolute
    cost, what happens at the corners)."""
    lines = answer.lines
    if answer.kind == "squared":
        n, total = answer.n, answer.total
        nx = "x" if n == 1 else f"{n}x"
        inner = (
            nx if total == 0 else f"{nx} {'-' if total > 0 else '+'} {position(abs(total), True)}"
        )
        squares = [("x" if a == 0 else f"({_gap(a, True)})") + "^2" for a in lines]
        doubles = [("2x" if a == 0 else f"2({_gap(a, True)})") for a in lines]
        rows = _sum_rows("C(x)", squares, 2) + _sum_rows("C'(x)", doubles, 2)
        if n > 1:
            rows.append(f"&= 2({inner})")
        rows.append(rf"C'(x) = 0 &\iff {nx} = {position(total, True)}")
        if n > 1:
            rows.append(rf"&\iff x = \frac{{{position(total, True)}}}{{{n}}} {eq_tex(answer.mean)}")
        return _aligned(rows), ""
    gaps = [_gap(a, True) for a in lines]
    short = all(len(position(a)) <= 3 for a in lines)
    rows = _sum_rows("C(x)", [f"|{g}|" for g in gaps], 2)
    rows += _sum_rows("C'(x)", [rf"\operatorname{{sign}}({g})" for g in gaps], 2 if short else 1)
    rows.append(r"&\quad (x \text{ not at a line})")
    ends = ". ".join(_one_sided(s) for s in answer.ends)
    low, high = position(answer.low, True), position(answer.high, True)
    if answer.flat is not None:
        rows.append(rf"C'(x) = 0 &\iff {low} < x < {high}")
        closing = (
            f"{ends}. So C′ = 0 on the open interval ({position(answer.low)}, "
            f"{position(answer.high)}), and every x in the closed interval "
            f"[{position(answer.low)}, {position(answer.high)}] minimises C."
        )
    else:
        rows.append(rf"C'(x) < 0 &\text{{ for }} x < {low}")
        rows.append(rf"C'(x) > 0 &\text{{ for }} x > {low}")
        closing = (
            f"C′ is never 0. {ends}: the cost falls up to x = {position(answer.low)} and "
            "rises after it, so the minimum is at that corner."
        )
    return _aligned(rows), closing


def _aligned(rows: list[str]) -> str:
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


def general_result() -> None:
    """The notes' general result for any n lines, with its one-line proof."""
    st.markdown("**For any n lines:**")
    # Aligned rows, so that it fits a phone (on one line it was 540 px in a 358 px column).
    latex(
        r"\begin{aligned} C'(x) = 2\sum_{i=1}^{n}(x - a_i) &= 0 \\ "
        r"\Rightarrow\; n x &= \sum_{i=1}^{n} a_i \\ "
        r"\Rightarrow\; x &= \frac{a_1 + \dots + a_n}{n} \end{aligned}"
    )


# ---------------------------------------------------------------- the house


def _optimum_layer(answer: PowerLineAnswer) -> charts.Layer:
    if answer.unique:
        return charts.vertical_rule(
            float(answer.marked), label=f"best {best_words(answer)}", color=charts.COLORS["tangent"]
        )
    return charts.shaded_band(
        float(answer.low),
        float(answer.high),
        label=f"best: {best_words(answer)}",
        color=charts.COLORS["tangent"],
        opacity=0.2,
    )


def _cost_frame(work: PowerLineHouse) -> pd.DataFrame:
    answer = work.answer
    frames = [pd.DataFrame({"x": work.xs, "y": work.total_costs, "curve": "total cost C(x)"})]
    for a, row in zip(answer.lines, work.line_costs, strict=True):
        name = f"line at {position(a)}: {_line_name(a, answer.kind)}"
        frames.append(pd.DataFrame({"x": work.xs, "y": row, "curve": name}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(["x", "curve"])


def at_the_house(work: PowerLineHouse) -> str:
    """The live formula: C and C′ at the house as aligned rows (they fit a phone); at a
    corner the one-sided slopes instead of C′."""
    x = position(work.x, latex_form=True)
    rows = [rf"\text{{at the house: }} C({x}) &{eq_tex(work.cost)}"]
    if work.slope.exists:
        rows.append(rf"C'({x}) &{eq_tex(work.slope.value)}")
    else:
        rows.append(
            rf"C'({x}^-) &= {tex(work.slope.left)}, \quad C'({x}^+) = {tex(work.slope.right)}"
        )
        rows.append(rf"C'({x}) &\text{{ does not exist (a corner)}}")
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


@st.fragment
def _house(setup: LineSetup) -> None:
    """The house's slider and everything that moves with it."""
    x = url_slider(
        "House position x", "x", min_value=-STREET, max_value=STREET, default=0.0, step=0.1
    )
    work = power_line_house(setup.lines, setup.kind, x)
    answer = work.answer
    cols = st.columns(3)
    cols[0].metric("total cost at the house C(x)", shown(work.cost))
    cols[1].metric(
        "slope at the house C′(x)",
        shown(work.slope.value) if work.slope.exists else "none: a corner",
    )
    cols[2].metric(
        "best position",
        shown(answer.marked)
        if answer.unique
        else f"{position(answer.low)} to {position(answer.high)}",
    )
    frame = _cost_frame(work)
    names = list(dict.fromkeys(frame["curve"]))
    house = pd.DataFrame({"x": [float(work.x)], "y": [float(work.cost)], "who": ["house"]})
    poles = pd.DataFrame(
        {
            "x": [float(a) for a in answer.lines],
            "y": [0.0] * answer.n,
            "who": [f"a={position(a)}" for a in answer.lines],
        }
    )
    description = (
        f"Each line's cost (dashed) and the total (solid). The house at x = {position(work.x)} "
        f"pays {shown(work.cost)}; the best is {best_words(answer)}."
    )
    chart = charts.compose(
        _optimum_layer(answer),
        x_from_data(
            charts.function_plot(
                frame, series="curve", x_title="house position x", y_title="cost", dashed=names[1:]
            )
        ),
        charts.points(poles, label="who", color=charts.COLORS["muted"], size=60),
        charts.points(house, label="who"),
        description=description,
    )
    charts.show_chart(chart, description)
    slope_frame = pd.DataFrame({"x": work.xs, "y": work.slopes})
    slope_description = "The slope C′(x): negative left of the best position, positive right; " + (
        f"{shown(work.slope.value)} at the house." if work.slope.exists else "none at the house."
    )
    slope_chart = charts.compose(
        _optimum_layer(answer),
        charts.horizontal_rule(0.0, label="slope 0", color=charts.COLORS["muted"]),
        x_from_data(
            charts.function_plot(
                slope_frame,
                x_title="house position x",
                y_title="slope C′(x)",
                colors={"y": charts.COLORS["derivative"]},
            )
        ),
        charts.points(
            pd.DataFrame(
                {
                    "x": [float(work.x)],
                    "y": [float(work.slope.value if work.slope.exists else work.slope.left)],
                    "who": ["house"],
                }
            ),
            label="who",
        ),
        description=slope_description,
        height=220,
    )
    charts.show_chart(slope_chart, slope_description)
    latex(at_the_house(work))


def draw(setup: LineSetup | None) -> None:
    """The section: the house, then the answer and its derivation, then its question."""
    if setup is not None:
        _house(setup)
        answer = power_line_answer(setup.lines, setup.kind)
        verdict(answer_sentence(answer))
        st.markdown("**Set the slope to zero:**")
        formula, closing = derivation(answer)
        latex(formula)
        if closing:
            st.markdown(closing)
        if answer.kind == "squared":
            general_result()
    with check_yourself():
        quiz_number(
            "cost_min",
            "Where is the minimum of (x − 1)² + (x − 3)²?",
            float(power_line_answer([1, 3]).marked),
            tolerance=0.01,
            explanation="The slope 2(x − 1) + 2(x − 3) = 4x − 8 is zero at x = 2, the mean of "
            "1 and 3.",
        )
