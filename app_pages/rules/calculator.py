"""The derivative calculator: type f(x), see f'(x), the rules step by step, the tangent at x0
where f'(x0) exists (core.slope_at_point decides), or why it does not, with the one-sided
quotients and a link to the non-differentiability page.

URL keys: `f` the function, `x0` the point.

x0 is the one input of a touch unit (dashboard.touch): 101 positions, -5 to 5 in steps of 0.1
(the old slider's values). core.slope_at_point.slope_grid works out the verdict at every
position once per function (cached), so a move of the hand redraws the tangent, the point,
f'(x0) or why it does not exist, and the text alternative in the browser; the tables and the
dual numbers follow after the pause. A function whose grid takes longer than
GRID_TIME_LIMIT_SECONDS keeps a plain Streamlit slider, with a note.

Typed text (from the box or the `f` link parameter) goes only to core.expression_worker.analyse,
which parses it with the safe parser and does all SymPy work in a killable worker process. The
learner's text is shown back only as LaTeX built from the parsed tree, never as HTML.
"""

from __future__ import annotations

import math
import threading

import pandas as pd
import streamlit as st

from app_pages.rules.calculator_point import (
    X0_HELP,
    X_RANGE,
    metric,
    seed_x0,
    unit_rows,
    why_not,
    x0_control,
)
from app_pages.rules.picture import going_further, page_link, question_heading
from core.autodiff import ThreeWays
from core.expression_worker import Analysis, StepView, analyse, warm_up
from core.limits import MAX_EXPRESSION_CHARS
from core.slope_at_point import SlopeAtPoint, formula_needs_a_caveat, slope_at_point
from dashboard import controls, live_chart, numbers, touch
from dashboard.charts import COLORS, function_plot, line_through, points, show_chart
from dashboard.controls import url_text
from dashboard.layout import friendly_error, friendly_note, latex, numbers_table, quiz_choice
from dashboard.markup import message_text

EXAMPLES = ("x*exp(x)", "exp(2x)", "sin(x)^2", "x^3 - 2x + 1", "ln(x)/x", "sqrt(1 + x^2)")
DEFAULT_FUNCTION = EXAMPLES[0]
RULE_NAMES = {
    "constant": "constant rule",
    "constant multiple": "constant multiple rule",
    "sum": "sum rule",
    "power": "power rule",
    "product": "product rule",
    "quotient": "quotient rule",
    "chain": "chain rule",
    "exp": "exp rule",
    "ln": "ln rule",
    "sin": "sin rule",
    "cos": "cos rule",
    "tan": "tan rule",
    "sqrt": "square-root rule",
    "abs": "absolute-value rule",
}

# Start the first worker in the background when a page first imports this module, so that
# the first learner does not wait for SymPy to load.
threading.Thread(target=warm_up, name="expression-warm-up", daemon=True).start()


def draw() -> None:
    """The calculator section: the live unit, then its question."""
    derivative_calculator(
        intro="Type any f(x): the calculator applies the same rules, names each step, and "
        "checks f′(x₀), or says why there is none."
    )
    question_heading()
    quiz_choice(
        "abs_corner",
        "The rules give |x|′ = sign(x), and sign(0) = 0. What is the derivative of |x| at 0?",
        ["0", "It does not exist: the slopes from the left and right are −1 and 1", "1"],
        answer=1,
        explanation="f′(0) exists only if both one-sided slopes agree; for |x| they are −1 and "
        "1, a corner. sign(x) is the slope of |x| only for x ≠ 0.",
        hints={0: "sign(0) = 0 is a value of the formula, not a slope: type abs(x), set x₀ = 0."},
    )


def derivative_calculator(key_prefix: str = "", intro: str = "") -> None:
    """Draw the calculator, after the intro. URL keys: `{key_prefix}f` (the function),
    `{key_prefix}x0`."""
    # the intro and the examples' heading in one element, outside the fragment: they never
    # change
    st.markdown("\n\n".join(filter(None, [intro, "Examples, one click away:"])))
    _calculator(key_prefix)


@st.fragment
def _calculator(key_prefix: str) -> None:
    f_key, x0_key = f"{key_prefix}f", f"{key_prefix}x0"
    last_key = f"_{key_prefix}calculator_last_good"

    def use_example(example: str) -> None:
        st.session_state[f_key] = example

    # One row that wraps: six full-width buttons stacked one per line on a phone.
    with st.container(horizontal=True):
        for example in EXAMPLES:
            st.button(
                example,
                key=f"{key_prefix}example_{example}",
                on_click=use_example,
                args=(example,),
                width="content",
            )
    text = url_text(
        "f(x) =",
        f_key,
        default=DEFAULT_FUNCTION,
        max_chars=MAX_EXPRESSION_CHARS,
        help="Use x as the variable. Write powers with ^ (x^2), products with * or side by side "
        "(2x, x sin(x)). Functions: sin cos tan exp ln log sqrt abs (log is ln); constants e "
        "and pi. Characters ² ³ √ π − × · ÷ work too.",
        placeholder="e.g. x^2 sin(x)",
    )
    analysis = analyse(text)
    if not analysis.ok:
        _explain_error(analysis)
        previous = st.session_state.get(last_key)
        if previous is None:
            return
        analysis = analyse(previous)
        if not analysis.ok:
            return
        friendly_note("Still showing the last function that worked:")
    else:
        st.session_state[last_key] = analysis.text

    latex(f"f(x) = {analysis.function_latex}")
    latex(f"f'(x) = {analysis.derivative_latex}")
    if formula_needs_a_caveat(analysis.derivation.result):
        st.caption(
            "sign(u) is the slope of |u| only where u ≠ 0 (for |x|: only where x ≠ 0); where "
            "u = 0, |u| can have a corner, and the point check below says whether f′(x₀) exists."
        )
    st.markdown(
        "**Step by step**, each step naming its rule; ✓ means the step's result was checked "
        f"against SymPy's own derivative of that step's input:\n\n{_steps_markdown(analysis.steps)}"
    )
    _at_point(analysis, x0_key)


@st.fragment
def _at_point(analysis: Analysis, x0_key: str) -> None:
    """x₀ and all that depends on it, a fragment of its own inside the calculator's: a pause
    of x₀ reruns only the tables below the unit, not the examples, the typed function, its
    formulas and its steps."""
    control = x0_control(x0_key)
    seed_x0(control)
    try:
        built = unit_rows(analysis.text)
    except (ValueError, ArithmeticError, TypeError):
        friendly_note("This function cannot be evaluated numerically, so there is no picture.")
        return
    if built is None:
        _slow_point(analysis, control)
        return
    grid, picture, rows = built
    touch.touch_unit(f"{x0_key.removesuffix('x0')}calculator_touch", [control], picture, [rows])
    point = grid.points[control.index_of(touch.value(control))]
    if not point.exists:
        page_link("non-differentiability", "Corners, cusps, jumps and vertical tangents")
    _tables(point)


def _slow_point(analysis: Analysis, control: touch.Control) -> None:
    """x0 as a plain Streamlit slider, for a function whose positions take too long to work
    out all at once: the point's part at one x0, as the calculator drew it before."""
    friendly_note(
        "This function takes too long to work out at all 101 points at once, so x₀ is a "
        "plain slider here: the picture follows when you let go."
    )
    x0 = st.slider(
        control.label,
        min_value=X_RANGE[0],
        max_value=X_RANGE[1],
        value=touch.value(control),
        step=0.1,
        key=f"_{control.param}_slider",
        help=X0_HELP,
    )
    i = control.index_of(round(x0, 1))
    x0 = control.default if i is None else control.values[i]
    st.session_state[control.param] = x0
    controls._write_link(control.param, touch.link_text(x0), touch.link_text(control.default))
    try:
        point = slope_at_point(analysis.expression, analysis.derivation.result, x0, X_RANGE)
    except (ValueError, ArithmeticError, TypeError):
        friendly_note("This function cannot be evaluated numerically, so there is no picture.")
        return
    _tangent_chart(point)
    _verdict(point)
    _tables(point)


def _tables(point: SlopeAtPoint) -> None:
    """Below the picture, after the pause: two ways to f'(x0), or the one-sided table; the
    dual numbers."""
    if point.ways is not None:
        _two_ways_table(point.ways)
    else:
        _one_sided_table(point)
    with going_further("Going further: a third way, dual numbers"):
        _dual_numbers(point)


def _explain_error(analysis: Analysis) -> None:
    message = message_text(analysis.error or "")
    if analysis.too_expensive:
        friendly_error(f"Too expensive: {message}")
    else:
        friendly_error(f"That function could not be read: {message}")


def _steps_markdown(steps: tuple[StepView, ...]) -> str:
    lines = []
    for step in steps:
        name = RULE_NAMES.get(step.rule, step.rule)
        line = (
            f"**{name}**: $\\frac{{d}}{{dx}}\\left[{step.expression_latex}\\right] = "
            f"{step.derivative_latex}$"
        )
        if step.rule == "abs":
            line += " (only where x ≠ 0)"
        if step.rule == "chain":
            outer = RULE_NAMES.get(step.outer, step.outer)
            line += (
                f" — outside, the {outer} gives ${step.outer_derivative_latex}$"
                f"{' (only where the inside is not 0)' if step.outer == 'abs' else ''}; "
                "times the derivative of the inside:"
            )
        # Each step's result was compared with SymPy's derivative of that step's input.
        mark = "✓ " if step.checked else "⚠️ not confirmed: "
        lines.append("    " * step.depth + "- " + mark + line)
    return "\n".join(lines)


def _tangent_chart(point: SlopeAtPoint) -> None:
    """f, f' and the tangent at x0. The y window (it reaches f(x0)) travels in the data, and
    the tangent's layers stay, with no rows, where there is no tangent: moving x0 changes only
    the chart's data, so the browser keeps the view."""
    picture, x0 = point.picture, point.x0
    drawn = point.exists and math.isfinite(point.f_x0)
    half_width = (X_RANGE[1] - X_RANGE[0]) / 6
    tangent = line_through(
        x0,
        point.f_x0 if drawn else 0.0,
        point.slope if drawn else 0.0,
        (x0 - half_width, x0 + half_width),
        label="tangent",
        color=COLORS["tangent"],
    )
    touch = pd.DataFrame({"x": [x0], "y": [point.f_x0], "label": ["x₀"]})
    if not drawn:
        tangent.data = tangent.data.iloc[:0]
    if not math.isfinite(point.f_x0):
        touch = touch.iloc[:0]
    layers = [
        function_plot(
            picture.frame,
            series="curve",
            x_title="x",
            y_title="y",
            x_domain=X_RANGE,
            y_domain=picture.y_domain,
            colors={"f(x)": COLORS["function"], "f'(x)": COLORS["derivative"]},
            dashed=["f'(x)"],
        ),
        tangent,
        points(touch, label="label"),
    ]
    window = f"f (solid) and f' (dashed) for x from {numbers.text(X_RANGE[0])} to " + (
        f"{numbers.text(X_RANGE[1])}; "
    )
    if drawn:
        description = window + (
            f"the tangent at x₀ = {numbers.text(x0)} touches f where f(x₀) "
            f"{numbers.eq_text(point.f_x0)}, with slope f′(x₀) {numbers.eq_text(point.slope)}."
        )
    else:
        description = window + f"at x₀ = {numbers.text(x0)} there is no tangent."
    chart = live_chart.compose_live(
        *layers, x_range=X_RANGE, y_range=picture.y_domain, description=description
    )
    show_chart(chart, description)


def _verdict(point: SlopeAtPoint) -> None:
    """The metric f'(x0) and, where it does not exist, why, with the one-sided quotients."""
    label, shown = metric(point)
    st.metric(label, shown)
    with st.container():
        if point.exists:
            return
        st.warning(why_not(point), icon="📐")
        page_link("non-differentiability", "Corners, cusps, jumps and vertical tangents")


def _cell(value: float) -> str:
    """A quotient as the learner reads it: exact, or rounded and marked '≈'."""
    return numbers.shown(value)


def _one_sided_table(point: SlopeAtPoint) -> None:
    table = point.one_sided
    frame = pd.DataFrame(
        {
            "h": [numbers.text(h) for h in table["dx"]],
            "left (f(x₀) − f(x₀ − h)) / h": [_cell(v) for v in table["left_slope"]],
            "right (f(x₀ + h) − f(x₀)) / h": [_cell(v) for v in table["right_slope"]],
        }
    )
    numbers_table(frame, caption="The one-sided difference quotients as h shrinks.")


def _two_ways_table(ways: ThreeWays) -> None:
    h = numbers.text(ways.h)
    frame = pd.DataFrame(
        {
            "method": [
                "symbolic: the formula f′(x) above, evaluated",
                f"numerical: central difference (f(x₀+h) − f(x₀−h)) / 2h, h = {h}",
            ],
            "f′(x₀)": [numbers.text(ways.exact, 12), numbers.text(ways.central_difference, 12)],
            "difference": ["0 (reference)", numbers.text(ways.central_error, 2)],
        }
    )
    numbers_table(
        frame,
        caption="Two ways to f′(x₀), rounded to 12 digits. Where f has a continuous third "
        "derivative near x₀, the central difference is off by about h²·f‴(x₀)/6 (plus "
        "rounding); elsewhere its error can shrink more slowly: for x·|x| at 0 it is h itself.",
    )


def _dual_numbers(point: SlopeAtPoint) -> None:
    st.markdown(
        "A dual number a + b·ε with ε² = 0 carries a value and a slope together: "
        "f(x₀ + ε) = f(x₀) + f′(x₀)·ε. Evaluating f on it gives f′(x₀) with no formula for f′ "
        "and no step h, exact up to rounding: the automatic differentiation of machine-learning "
        "frameworks."
    )
    if point.ways is None:
        st.caption("Here f′(x₀) does not exist, so there is nothing for them to carry.")
        return
    ways = point.ways
    st.metric(
        "f′(x₀) by dual numbers",
        numbers.text(ways.dual, 12),
        help=f"Differs from the formula's value by {numbers.text(ways.dual_error, 2)}.",
    )
