"""Section 2, the power-line problem: place the lines, move the house, set the slope to zero.

One live unit, the house: `core.power_lines.house_working(lines, kind, x)` returns the cost
and slope at the house (exact, or the one-sided slopes at a corner) and the curves. The
answer and its derivation do not move with the house and are drawn once, outside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd
import streamlit as st

from core import cost
from core.errors import LearnerError
from core.power_lines import HouseWorking, PowerLineAnswer, house_working, power_line_answer
from dashboard import charts
from dashboard.controls import url_choice, url_slider, url_text
from dashboard.layout import (
    check_yourself,
    friendly_error,
    friendly_note,
    latex,
    quiz_number,
    section,
    verdict,
)
from dashboard.numbers import eq_tex, is_exact, tex, text

PRESETS: dict[str, tuple[float, ...]] = {
    "The notes: 1 and 2": (1.0, 2.0),
    "1, 2 and 3": (1.0, 2.0, 3.0),
    "An outlier: 1, 2 and 20": (1.0, 2.0, 20.0),
}
DEFAULT_LINES = "1,2"
STREET = cost.POSITION_LIMIT  # the house and the lines live on [-STREET, STREET]
EXACT_DIGITS = 12  # a position is printed as typed (core reads it to 12 digits)


@dataclass(frozen=True)
class LineSetup:
    """What the learner chose for the power-line sections."""

    lines: tuple[float, ...]
    kind: str


def shown(value: Fraction) -> str:
    """A computed value as text: '5', or '≈ 0.6667' when it is rounded."""
    return text(value) if is_exact(value) else f"≈ {text(value)}"


def position(a: Fraction | float, latex_form: bool = False) -> str:
    """A position exactly as the learner typed it (text or LaTeX)."""
    return tex(a, EXACT_DIGITS) if latex_form else text(a, EXACT_DIGITS)


def and_list(lines: Sequence[Fraction | float]) -> str:
    """Positions as a sentence reads them: '1 and 2', '1, 2 and 3'."""
    words = [position(a) for a in lines]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def lines_link(lines: Sequence[float]) -> str:
    """The positions as the link carries them: '1,2,3' (plain ASCII, as typed)."""
    return ",".join(format(float(a), ".12g") for a in lines)


def _set_lines(lines: Sequence[float]) -> None:
    st.session_state["lines"] = lines_link(lines)


def apply_table_edits(lines: Sequence[float], edits: dict[str, Any]) -> list[float]:
    """The positions after a data-editor change (edited, added and deleted rows).

    Rows left empty are dropped; the result is checked by `core.cost.validate_lines` later.
    """
    rows: list[float | None] = list(lines)
    for index, change in (edits.get("edited_rows") or {}).items():
        i = int(index)
        if 0 <= i < len(rows) and "position" in change:
            rows[i] = change["position"]
    for added in edits.get("added_rows") or []:
        rows.append(added.get("position"))
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    return [float(v) for i, v in enumerate(rows) if i not in deleted and v is not None]


def _on_table_change(table_key: str, lines: tuple[float, ...]) -> None:
    _set_lines(apply_table_edits(lines, st.session_state.get(table_key) or {}))


def line_setup() -> LineSetup | None:
    """Presets, the positions (text and table) and the kind of cost. None if unusable."""
    cols = st.columns(len(PRESETS))
    for col, (name, preset) in zip(cols, PRESETS.items(), strict=True):
        col.button(
            name,
            key=f"preset_{len(preset)}_{int(preset[-1])}",
            on_click=_set_lines,
            args=(preset,),
            width="stretch",
        )
    typed = url_text(
        f"Power-line positions a₁, a₂, … ({cost.MIN_LINES} to {cost.MAX_LINES} numbers from "
        f"{text(-STREET)} to {text(STREET)}, separated by commas)",
        "lines",
        default=DEFAULT_LINES,
        max_chars=120,
        placeholder="for example 1, 2, 3",
    )
    # Plain option names: they are what the link carries (?kind=absolute).
    kind = url_choice(
        "Cost of one connection: squared (x − a)² or absolute |x − a|",
        "kind",
        options=cost.KINDS,
        default="squared",
    )
    try:
        lines = cost.parse_lines(typed)
    except LearnerError as problem:
        friendly_error(f"{problem} The pictures below need at least one valid position.")
        if not typed.strip():
            friendly_note("Pick one of the examples above, or type positions such as 1, 2, 3.")
        return None
    repeated = cost.repeated_positions(lines)
    if repeated:
        friendly_note(
            f"Two or more lines share the position {and_list(repeated)}. That is allowed: each "
            "line still adds its own cost."
        )
    with st.expander("✏️ Edit the positions as a table", expanded=False):
        table_key = f"lines_table_{lines_link(lines)}"
        st.data_editor(
            pd.DataFrame({"position": list(lines)}),
            key=table_key,
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "position": st.column_config.NumberColumn(
                    "position a",
                    min_value=-cost.POSITION_LIMIT,
                    max_value=cost.POSITION_LIMIT,
                    step=0.1,
                    required=True,
                )
            },
            on_change=_on_table_change,
            args=(table_key, lines),
        )
    return LineSetup(lines=lines, kind=kind)


def waiting_for_lines() -> None:
    """What a power-line section shows while the positions above cannot be read."""
    st.caption("⬆️ This section appears once the power-line positions above are valid.")


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
        f"**{best_words(answer).capitalize()} is best**: there as many lines lie left of the "
        f"house as right, and the total cost is {shown(answer.cost)} all along."
    )


def _one_sided(slope) -> str:
    x = position(slope.x)
    return f"C′({x}) does not exist: one-sided slopes {text(slope.left)} and {text(slope.right)}"


def derivation(answer: PowerLineAnswer) -> tuple[list[str], str]:
    """The formulas of 'set the slope to zero' with the learner's lines, and the sentence
    that closes them (for the absolute cost, what happens at the corners)."""
    lines = answer.lines
    if answer.kind == "squared":
        n, total = answer.n, answer.total
        nx = "x" if n == 1 else f"{n}x"
        inner = (
            nx if total == 0 else f"{nx} {'-' if total > 0 else '+'} {position(abs(total), True)}"
        )
        squares = [("x" if a == 0 else f"({_gap(a, True)})") + "^2" for a in lines]
        doubles = [("2x" if a == 0 else f"2({_gap(a, True)})") for a in lines]
        solve = rf"C'(x) = 0 \iff {nx} = {position(total, True)}"
        if n > 1:
            solve += rf" \iff x = \frac{{{position(total, True)}}}{{{n}}} {eq_tex(answer.mean)}"
        return [
            "C(x) = " + " + ".join(squares),
            "C'(x) = " + " + ".join(doubles) + (f" = 2({inner})" if n > 1 else ""),
            solve,
        ], ""
    gaps = [_gap(a, True) for a in lines]
    corners = ", ".join(position(a, True) for a in dict.fromkeys(sorted(lines)))
    formulas = [
        "C(x) = " + " + ".join(f"|{g}|" for g in gaps),
        "C'(x) = "
        + " + ".join(rf"\operatorname{{sign}}({g})" for g in gaps)
        + rf" \quad (x \neq {corners})",
    ]
    ends = ". ".join(_one_sided(s) for s in answer.ends)
    low, high = position(answer.low, True), position(answer.high, True)
    if answer.flat is not None:
        formulas.append(rf"C'(x) = 0 \iff {low} < x < {high}")
        closing = (
            f"{ends}. So C′ = 0 on the open interval ({position(answer.low)}, "
            f"{position(answer.high)}), and every x in the closed interval "
            f"[{position(answer.low)}, {position(answer.high)}] minimises C."
        )
    else:
        formulas.append(
            rf"C'(x) < 0 \text{{ for }} x < {low}, \quad C'(x) > 0 \text{{ for }} x > {low}"
        )
        closing = (
            f"C′ is never 0. {ends}: the cost falls up to x = {position(answer.low)} and "
            "rises after it, so the minimum is at that corner."
        )
    return formulas, closing


def general_result() -> None:
    """The notes' general result for any n lines, with its one-line proof."""
    st.markdown("**For any n lines** the same step gives the mean:")
    latex(
        r"C'(x) = 2\sum_{i=1}^{n}(x - a_i) = 0 \;\Rightarrow\; n x = \sum_{i=1}^{n} a_i"
        r" \;\Rightarrow\; x = \frac{a_1 + \dots + a_n}{n}"
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


def _x_from_data(layer: charts.Layer) -> charts.Layer:
    """The layer's x axis spans exactly its data: no domain in the spec, no rounding out.

    A window that follows a slider travels in the data, which the browser swaps into the
    drawn chart, instead of in the spec, which would make it build a new chart on every move.
    """
    layer.spec["encoding"]["x"]["scale"]["nice"] = False
    return layer


def _cost_frame(work: HouseWorking) -> pd.DataFrame:
    answer = work.answer
    frames = [pd.DataFrame({"x": work.xs, "y": work.total_costs, "curve": "total cost C(x)"})]
    for a, row in zip(answer.lines, work.line_costs, strict=True):
        name = f"line at {position(a)}: {_line_name(a, answer.kind)}"
        frames.append(pd.DataFrame({"x": work.xs, "y": row, "curve": name}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(["x", "curve"])


def at_the_house(work: HouseWorking) -> str:
    """The live formula: C and C′ at the house as aligned rows (they fit a phone); at a
    corner the one-sided slopes instead of C′."""
    x = tex(work.x, EXACT_DIGITS)
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
    work = house_working(setup.lines, setup.kind, x)
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
        f"Each line's cost (dashed) and the total (solid), {answer.kind} cost, lines at "
        f"{and_list(answer.lines)}. The house at x = {position(work.x)} pays "
        f"{shown(work.cost)}; the total is lowest at {best_words(answer)}."
    )
    chart = charts.compose(
        _optimum_layer(answer),
        _x_from_data(
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
    slope_description = (
        "The slope C′(x): negative left of the best position, positive right of it. "
        + (
            f"At the house it is {shown(work.slope.value)}."
            if work.slope.exists
            else "The house is on a corner: no slope there."
        )
    )
    slope_chart = charts.compose(
        _optimum_layer(answer),
        charts.horizontal_rule(0.0, label="slope 0", color=charts.COLORS["muted"]),
        _x_from_data(
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
        st.markdown("**Set the slope to zero**, with your numbers:")
        formulas, closing = derivation(answer)
        for formula in formulas:
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


def setup_section() -> LineSetup | None:
    """The section's heading and the power lines' controls (read by the later sections)."""
    section(
        "2. The power-line problem",
        "A house at x connects to power lines at a₁ … aₙ; each connection costs (x − aᵢ)². "
        "Where should the house go?",
    )
    return line_setup()
