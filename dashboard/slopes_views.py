"""The Slopes page, one unit at a time: each function draws its controls, chart and numbers.

Every number comes from `core`; these functions only choose, format and draw. Each unit
with a slider is an `st.fragment`, so moving it reruns that unit alone.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from core import motion, secants, zero_slope
from core.errors import LearnerError
from core.notation import derivative_notation, latex_number
from dashboard import charts, layout, live_chart, numbers
from dashboard.controls import url_choice, url_log_slider, url_slider

STEP_LABELS = {"5": "every 5 s", "1": "every 1 s"}
FORWARD, CENTRAL = "forward (f(x+dx) − f(x)) / dx", "central (f(x+dx) − f(x−dx)) / (2dx)"


def _num(value: float, digits: int = 6) -> str:
    """A number for text: up to `digits` significant digits, no trailing zeros."""
    return f"{value:.{digits}g}"


def _sci(value: float) -> str:
    """A step size for text, one significant digit: 6e-9, 1e-5, 0.5."""
    return f"{value:.1g}".replace("e-0", "e-").replace("e+0", "e+")


# ------------------------------------------------------------------------------------------
# Cached pure work (pickled copies; Example objects hold lambdas, so pass keys, not objects)


@st.cache_data(show_spinner=False)
def _sample_table(step: int) -> pd.DataFrame:
    return motion.sample_table(step)


@st.cache_data(show_spinner=False)
def _car_curve() -> pd.DataFrame:
    return motion.curve_frame()


@st.cache_data(show_spinner=False)
def _cached_secant_table(fn: str, x0: float) -> pd.DataFrame:
    return secants.secant_table(secants.example(fn), x0)


@st.cache_data(show_spinner=False)
def _error_study(fn: str, x0: float) -> secants.ErrorStudy:
    return secants.error_study(secants.example(fn), x0)


@st.cache_data(show_spinner=False)
def _stationary_points() -> tuple[zero_slope.StationaryPoint, ...]:
    return zero_slope.curve_stationary_points()


@st.cache_data(show_spinner=False)
def _zero_slope_curve() -> pd.DataFrame:
    return zero_slope.curve_frame()


# ------------------------------------------------------------------------------------------
# 1. The broken speedometer


_PENDING_SNAP = "_slopes_pending_snap"


def _apply_pending_snap() -> list[str]:
    """Set t1 and t2 to grid times decided on the previous run; return the notes to show.

    A slider whose step changes is a new widget, and on its first run the link's value wins
    over anything the page sets; one run later the page's value wins. Hence the two steps.
    """
    pending = st.session_state.pop(_PENDING_SNAP, None) or {}
    for key, (value, _) in pending.items():
        st.session_state[key] = value
    return [note for _, note in pending.values()]


def _snap_interval(t1: int, t2: int, step: int, just_snapped: bool) -> tuple[int, int]:
    """Keep t1 and t2 on the sampling grid: move the sliders (one rerun), else use the nearest
    and say so (in the notes container, which is always there)."""
    wanted = {"t1": t1, "t2": t2}
    off_grid = {k: v for k, v in wanted.items() if motion.snap_to_grid(v, step) != v}
    notes = {
        k: f"{k} = {v} s is not in the table measured {STEP_LABELS[str(step)]}, so it moved "
        f"to {motion.snap_to_grid(v, step)} s, the nearest measured time."
        for k, v in off_grid.items()
    }
    if off_grid and not just_snapped:
        st.session_state[_PENDING_SNAP] = {
            k: (motion.snap_to_grid(v, step), notes[k]) for k, v in off_grid.items()
        }
        st.rerun()
    for note in notes.values():  # the sliders could not be moved: say what is used instead
        layout.friendly_note(note)
    return motion.snap_to_grid(t1, step), motion.snap_to_grid(t2, step)


def broken_speedometer() -> None:
    """Sampling choice and distance table (they change only with the sampling, so they sit
    outside the live unit), then the interval sliders, the secant and its slope, live."""
    step = int(
        url_choice(
            "Seconds between two measurements of the distance",
            "step",
            options=["5", "1"],
            default="5",
            widget="segmented",
            help="How often the distance was written down: every 5 s or every 1 s.",
        )
    )
    live, table_col = st.columns([3, 1])
    table = _sample_table(step)
    if (table["distance (m)"] % 1 == 0).all():  # whole metres: no "122.0000" in the table
        table = table.astype({"distance (m)": int})
    with table_col:
        layout.numbers_table(table, caption=f"Distance measured {STEP_LABELS[str(step)]}.")
    with live:
        _interval_secant(step)


@st.fragment
def _interval_secant(step: int) -> None:
    """The interval sliders, the secant on the distance curve and its slope: a move of t1 or
    t2 reruns this unit alone (a change of sampling reruns the page, and this with it)."""
    snap_notes = _apply_pending_snap()
    left, right = st.columns(2)
    with left:
        t1 = url_slider(
            "Start of the interval, t1 (s)", "t1", min_value=0, max_value=30, default=10, step=step
        )
    with right:
        t2 = url_slider(
            "End of the interval, t2 (s)", "t2", min_value=0, max_value=30, default=15, step=step
        )
    # Every note goes in this container, which is always there, so that a note appearing
    # leaves the chart and the working below it in their places (a chart pushed to a new
    # place in the page is built again from scratch).
    notes = st.container()
    with notes:
        for note in snap_notes:
            layout.friendly_note(note)
        t1, t2 = _snap_interval(t1, t2, step, just_snapped=bool(snap_notes))
        try:
            avg = motion.average_velocity(t1, t2)
        except LearnerError as error:
            avg, problem = None, str(error)
        if avg is not None and avg.swapped:
            layout.friendly_note(
                "t1 is later than t2, so the interval is read from "
                f"{_num(avg.t1)} s to {_num(avg.t2)} s; the slope is the same either way."
            )
    _car_chart(step, avg)
    if avg is None:
        _no_interval_working(t1, problem)
    else:
        _average_velocity_working(avg)


def _car_chart(step: int, avg: motion.AverageVelocity | None) -> None:
    """The distance curve, the measurements and the secant; with no interval chosen the secant's
    layers stay, with no rows, so that the chart keeps its spec and only its data changes."""
    table = _sample_table(step).rename(columns={"time (s)": "t", "distance (m)": "d"})
    curve = _car_curve().assign(curve="the car's real distance")
    # A fixed window: a y scale fitted to the data would be worked out, and its axis drawn,
    # again on every move of t1 or t2.
    y_window = (0.0, 50.0 * math.ceil(curve["d"].max() / 50))
    if avg is None:
        band = charts.shaded_band(0, 0, label="the interval", color=charts.COLORS["secant"])
        secant = charts.line_through(0, 0, 0, (0, 0), label="secant", color=charts.COLORS["secant"])
        ends = pd.DataFrame({"t": [], "d": [], "label": []}).astype({"t": float, "d": float})
        band.data, secant.data = band.data.iloc[:0], secant.data.iloc[:0]
        description = "Distance of the car against time; no interval is chosen."
    else:
        band = charts.shaded_band(
            avg.t1, avg.t2, label="the interval", color=charts.COLORS["secant"]
        )
        # The line runs 4 s past each end, or to where it leaves the window (the chart pins
        # values beyond its window to the edge, which would bend the line).
        ends_t, _ = secants.line_in_window(
            secants.Line(avg.t1, avg.d1, avg.velocity),
            (max(0.0, avg.t1 - 4), min(30.0, avg.t2 + 4)),
            y_window,
        )
        secant = charts.line_through(
            avg.t1,
            avg.d1,
            avg.velocity,
            (float(ends_t[0]), float(ends_t[1])),
            label=f"secant, slope {_num(avg.velocity)} m/s",
            color=charts.COLORS["secant"],
        )
        ends = pd.DataFrame(
            {
                "t": [avg.t1, avg.t2],
                "d": [avg.d1, avg.d2],
                # Close ends would print one label over the other: then name both at t2.
                "label": [
                    f"d({_num(avg.t1)}) = {_num(avg.d1)} m" if avg.run >= 4 else "",
                    f"d({_num(avg.t2)}) = {_num(avg.d2)} m"
                    if avg.run >= 4
                    else f"d({_num(avg.t1)}) = {_num(avg.d1)} m, d({_num(avg.t2)}) = {_num(avg.d2)} m",
                ],
            }
        )
        description = (
            f"Distance of the car against time, measured {STEP_LABELS[str(step)]}. The secant "
            f"from {_num(avg.t1)} s to {_num(avg.t2)} s has slope {_num(avg.velocity)} m/s."
        )
    layers = [
        band,
        charts.function_plot(
            curve,
            x="t",
            y="d",
            series="curve",
            x_title="time t (s)",
            y_title="distance d (m)",
            x_domain=(0, 30),
            y_domain=y_window,
            colors={curve["curve"].iloc[0]: charts.COLORS["muted"]},
            dashed=[curve["curve"].iloc[0]],
        ),
        charts.points(table, x="t", y="d", color=charts.COLORS["function"], size=50),
        secant,
        charts.points(ends, x="t", y="d", label="label", color=charts.COLORS["secant"], size=110),
    ]
    charts.show_chart(charts.compose(*layers, description=description, height=360), description)


def _no_interval_working(t: float, problem: str) -> None:
    """Both ends at the same time: the formula gives 0/0. The same two elements as the
    working, in the same places, so that the next move only changes their text."""
    at = latex_number(t)
    layout.latex(rf"\bar v = \frac{{d({at}) - d({at})}}{{{at} - {at}}} = \frac{{0}}{{0}}")
    layout.friendly_error(problem)


def _average_velocity_working(avg: motion.AverageVelocity) -> None:
    """The formula with the two measurements, and what the slope means: two elements, the
    only text a move of t1 or t2 changes besides the chart's."""
    t1, t2, d1, d2 = (latex_number(v) for v in (avg.t1, avg.t2, avg.d1, avg.d2))
    # one step of the working per row, so that it fits a phone's width
    layout.latex(
        rf"\begin{{aligned}} \bar v &= \frac{{d({t2}) - d({t1})}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{d2} - {d1}}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{latex_number(avg.rise)}\ \text{{m}}}}{{{latex_number(avg.run)}\ \text{{s}}}}"
        rf" = {latex_number(avg.velocity)}\ \text{{m/s}} \end{{aligned}}"
    )
    middle = (avg.t1 + avg.t2) / 2
    if avg.standing_still:
        layout.verdict(
            f"Average velocity from {_num(avg.t1)} s to {_num(avg.t2)} s: 0 m/s. "
            f"The distance stayed at {_num(avg.d1)} m: no rise, so the car was standing still.",
            kind="info",
        )
        return
    layout.verdict(
        f"Average velocity from {_num(avg.t1)} s to {_num(avg.t2)} s: "
        f"{_num(avg.velocity)} m/s, an estimate of the velocity at {_num(middle)} s.  \n"
        f"A working speedometer would have shown v({_num(middle)} s) = "
        f"{_num(motion.velocity_at(middle), 4)} m/s there. A narrower interval usually "
        "gives a closer estimate."
    )


# ------------------------------------------------------------------------------------------
# 2, 3 and 5. Secant to tangent, round-off, notation: one unit, since all use f and x0


@st.fragment
def secant_to_tangent() -> None:
    """Pick f, x0 and dx; see secant and tangent, the table, the notation and the error study."""
    # No display labels: the URL carries what the widget shows, and the links say fn=x^2.
    fn = url_choice("Function f(x)", "fn", options=list(secants.EXAMPLES), default="x^2")
    left, right = st.columns(2)
    with left:
        x0 = url_slider(
            "Point x0", "x0", min_value=-3.0, max_value=3.0, default=1.0, step=0.1, format="%.1f"
        )
    with right:
        dx = url_log_slider(
            "Step dx (log scale: slide right to shrink it)",
            "dx",
            options=secants.SLIDER_STEPS,
            default=1.0,
            help="The second point of the secant is x0 + dx.",
        )
    x0 = round(float(x0), 10)
    ex = secants.example(fn)
    # Always there, so that a note appearing in it leaves the charts below in their places
    # (a chart pushed to a new place in the page is built again from scratch).
    notes = st.container()
    # Where f is undefined (1/x at 0, or a secant across the pole) the view says so and leaves
    # those numbers out; every chart and line below stays in its place, with no rows for the
    # missing lines, so the picture does not vanish under the learner's hand.
    view = secants.secant_view_where_defined(ex, x0, dx)
    if view.why_missing:
        with notes:
            layout.friendly_note(view.why_missing)
    if dx < secants.FORWARD_BEST_DX_ESTIMATE:
        with notes:
            layout.friendly_note(
                f"dx = {numbers.text(dx)} is below √ε ≈ "
                f"{numbers.text(secants.FORWARD_BEST_DX_ESTIMATE, 2)}, where ε = 2⁻⁵² ≈ "
                f"{numbers.text(secants.MACHINE_EPSILON, 2)} is the gap between 1 and the next "
                "number a computer stores: f(x0 + dx) and f(x0) now agree in almost all their "
                "digits, so round-off, not the curve, decides the last digits of the slope. See "
                "'When a smaller dx gets worse' below."
            )
    if view.digits is not None and view.digits.step_rounded:
        with notes:
            layout.friendly_note(_stored_step_note(view.digits))
    _secant_chart(ex, view)
    _instant_secant_chart(fn, x0)
    _secant_working(ex, view)
    _secant_table(fn, x0, view)
    _notation(ex, view)
    _round_off(ex, x0, dx)


SECANT_NAMES = ("secant", "tangent")  # fixed series names; the legend reads the live slopes


def _secant_chart(ex: secants.Example, view: secants.SecantView) -> None:
    x_range = secants.plot_window(ex, view.x0)
    y_range = secants.y_window(ex, view.x0, x_range)
    names = (f"f(x) = {ex.label}", *SECANT_NAMES)
    frame = secants.secant_tangent_frame(ex, view, x_range, names, y_range)
    # at small dx the two points merge: one label for both
    labels = ["x0", "x0 + dx"] if abs(view.dx) >= 0.2 else ["", "x0 and x0 + dx"]
    if view.y0 is None:  # no point at x0: the one at x0 + dx carries its own label
        labels = ["", "x0 + dx"]
    marks = pd.DataFrame(
        {"x": [view.x0, view.x1], "y": [view.y0, view.y1], "label": labels}
    ).astype({"x": float, "y": float})
    marks = marks[marks["y"].notna()]
    x1 = numbers.text(view.digits.x1, 17) if view.digits else numbers.text(view.x1, 15)
    secant = (
        f"the secant to x0 + dx = {x1} has slope {numbers.text(view.secant_slope, 10)}"
        if view.secant_slope is not None
        else f"there is no secant to x0 + dx = {x1}"
    )
    tangent = (
        f"the tangent has slope {_num(view.tangent_slope)}"
        if view.tangent_slope is not None
        else "there is no tangent"
    )
    description = f"f(x) = {ex.label} near x0 = {_num(view.x0)}: {secant}, {tangent}."
    chart = live_chart.compose_live(
        charts.function_plot(
            frame,
            series="curve",
            x_title="x",
            y_title="y",
            x_domain=x_range,
            y_domain=y_range,  # live_chart moves both windows into the data
            colors={
                names[0]: charts.COLORS["function"],
                names[1]: charts.COLORS["secant"],
                names[2]: charts.COLORS["tangent"],
            },
            dashed=[names[2]],
        ),
        charts.points(marks, label="label", color=charts.COLORS["point"]),
        x_range=x_range,
        y_range=y_range,
        legend={
            "secant": "secant: none here"
            if view.secant_slope is None
            else f"secant, slope {_num(view.secant_slope, 10)}",
            "tangent": "tangent: none here"
            if view.tangent_slope is None
            else f"tangent, slope f'(x0) = {_num(view.tangent_slope)}",
        },
        description=description,
        height=380,
    )
    charts.show_chart(chart, description)


@st.cache_data(show_spinner=False)
def _secant_family(fn: str, x0: float) -> pd.DataFrame:
    """Every secant of the dx slider, one step per slider position. A step whose secant would
    jump over a point where f is undefined (every step, where f is undefined at x0) keeps its
    position, with a caption and no line, so that the in-chart slider has the same range at
    every x0."""
    ex = secants.example(fn)
    x_range = secants.plot_window(ex, x0)
    y_range = secants.y_window(ex, x0, x_range)
    family = secants.secant_family(ex, x0, secants.SLIDER_STEPS, x_range, y_range)
    family = family.assign(
        caption=[
            f"dx = {dx:g}: secant slope {_num(m, 10)}"
            for dx, m in zip(family["dx"], family["slope"], strict=True)
        ]
    )
    missing = [i for i in range(len(secants.SLIDER_STEPS)) if i not in set(family["step"])]
    if not missing:
        return family
    why = (
        f"the secant would jump over a point where {ex.label} is undefined"
        if ex.defined_between(x0, x0)
        else f"{ex.label} is not defined at x0 = {_num(x0 + 0.0)}, so there is no secant"
    )
    gaps = pd.DataFrame(
        {
            "step": missing,
            "dx": [secants.SLIDER_STEPS[i] for i in missing],
            "caption": [f"dx = {secants.SLIDER_STEPS[i]:g}: {why}" for i in missing],
        }
    )
    return pd.concat([family, gaps], ignore_index=True).sort_values("step", kind="stable")


def _instant_secant_chart(fn: str, x0: float) -> None:
    """The same picture with dx on a slider inside the chart: it redraws in the browser.

    The in-chart slider starts at dx = 1 and is independent of the Step dx slider above, so
    that neither a move of Step dx nor of x0 changes the chart's spec (the browser keeps the
    view, and the learner's in-chart dx with it)."""
    ex = secants.example(fn)
    family = _secant_family(fn, x0)
    x_range = secants.plot_window(ex, x0)
    y_range = secants.y_window(ex, x0, x_range)
    description = (
        f"f(x) = {ex.label} with the secant from x0 = {_num(x0)}; the slider under this chart "
        "moves dx from 1 down to 1e-12 and redraws in your browser without asking the server."
    )
    with st.expander("⚡ The instant version: drag dx inside the chart", expanded=False):
        st.markdown(
            "This chart carries every secant from dx = 1 down to dx = 1e-12 and switches "
            "between them **in your browser**, with no round trip to the server, so it "
            "follows your finger as fast as Desmos. The slider under the chart drives only "
            "this chart; the worked numbers below follow the **Step dx** slider above."
        )
        chart = live_chart.compose_live(
            charts.function_plot(
                secants.cut_at_window(secants.curve_frame(ex, x_range), y_range),
                x_title="x",
                y_title="y",
                x_domain=x_range,
                y_domain=x_range,  # a placeholder: the live window below replaces both
            ),
            *charts.scrubbed_lines(
                family,
                slider_label="dx step (1 → 1e-12)",
                caption_field="caption",
                color=charts.COLORS["secant"],
            ),
            x_range=x_range,
            y_range=y_range,
            description=description,
            height=340,
        )
        charts.show_chart(chart, description)


def _secant_working(ex: secants.Example, view: secants.SecantView) -> None:
    """The secant's quotient and f'(x0), one formula element with two lines (one element
    fewer to redraw on every move of x0 or dx), then the two slopes as metrics."""
    x0, dx = numbers.tex(view.x0, 15), numbers.tex(view.dx, 15)
    x1 = numbers.tex(view.digits.x1, 17) if view.digits else numbers.tex(view.x1, 15)
    quotient = r"\frac{f(x_0 + dx) - f(x_0)}{dx}"
    if view.y0 is None:
        secant = rf"{quotient}:\quad f({x0})\ \text{{does not exist}}"
    elif view.secant_slope is None:
        secant = rf"{quotient}:\quad f \text{{ is undefined in }} [{x0}, {x1}]"
    else:
        secant = _quotient_rows(quotient, x0, dx, view.digits)
    f_prime = rf"f'(x_0) = {ex.derivative_latex.replace('x', '(' + x0 + ')')}"
    if view.tangent_slope is None:
        tangent = rf"{f_prime}:\quad \text{{does not exist}}"
    elif view.error is None:
        tangent = rf"{f_prime} = {latex_number(view.tangent_slope, 10)}"
    else:
        tangent = (
            rf"{f_prime} = {latex_number(view.tangent_slope, 10)}"
            rf" \\ \displaystyle \left|\,\text{{secant}} - f'(x_0)\right| = {latex_number(view.error, 3)}"
        )
    layout.latex(_two_lines(secant, tangent))
    one, two = st.columns(2)
    one.metric("Secant slope", _num_or_none(view.secant_slope, 10))
    two.metric("Tangent slope f'(x0)", _num_or_none(view.tangent_slope, 10))


def _digits_tex(value) -> str:
    """A value of the working with every digit core chose for it."""
    return numbers.tex(value, max(4, len(value.as_tuple().digits)))


def _quotient_rows(quotient: str, x0: str, dx: str, digits) -> str:
    """The quotient, then a row per step with the values as the computer has them: '≈' where
    they are rounded, the stored x0 + dx where its rounding changes the slope's digits."""
    x1 = numbers.tex(digits.x1, 17)
    y0, y1 = _digits_tex(digits.y0), _digits_tex(digits.y1)
    subtrahend = f"({y0})" if digits.y0 < 0 else y0  # 1 - (-2), not 1 - -2
    # long values are subtracted in a column, digit under digit, so that they fit a
    # phone's width (and the digits they share stand one above the other)
    rise = (
        rf"{y1} - {subtrahend}"
        if len(y1) + len(y0) <= 20
        else rf"\begin{{array}}{{r}} {y1} \\ -\ {subtrahend} \end{{array}}"
    )
    rows = [rf"&{quotient}", rf"&\quad {{}}= \frac{{f({x1}) - f({x0})}}{{{dx}}}"]
    if digits.step_rounded:
        stored = _digits_tex(digits.x1_stored) + ("" if digits.x1_stored_exact else r"\ldots")
        rows.append(rf"&\quad \text{{with }} x_0 + dx \text{{ stored as }} {stored}")
    values = "=" if digits.values_exact else r"\approx"
    slope = "=" if digits.quotient_exact else r"\approx"
    rows.append(rf"&\quad {{}}{values} \frac{{{rise}}}{{{dx}}}")
    rows.append(rf"&\quad {{}}{slope} {_digits_tex(digits.slope)}")
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


def _digits_text(value) -> str:
    return numbers.text(value, max(4, len(value.as_tuple().digits)))


def _stored_step_note(digits) -> str:
    """Why the slope's last digits moved: x0 + dx was rounded before f was evaluated."""
    about = "" if digits.x1_stored_exact else "≈ "
    return (
        f"x0 + dx = {numbers.text(digits.x1, 17)} is not a number a computer can store "
        f"exactly: it rounds it to the nearest double, {about}{_digits_text(digits.x1_stored)}, "
        f"so the step it really takes is ≈ {_digits_text(digits.step_stored)}, and f(x0 + dx) "
        "is rounded too. The slope still divides by dx: its last digits come from this "
        "rounding, not from the curve."
    )


def _two_lines(first: str, second: str) -> str:
    """Two displayed formulas, one under the other, in one formula element."""
    lines = rf"\displaystyle {first} \\[1em] \displaystyle {second}"
    return rf"\begin{{gathered}} {lines} \end{{gathered}}"


def _num_or_none(value: float | None, digits: int = 6) -> str:
    """A number for text, or 'none' where it does not exist."""
    return "none" if value is None else _num(value, digits)


def _secant_table(fn: str, x0: float, view: secants.SecantView) -> None:
    table = _cached_secant_table(fn, x0)
    limit = (
        f"{_num(view.tangent_slope, 10)} (the limit, f'(x0))"
        if view.tangent_slope is not None
        else f"none: f is not defined at x0 = {_num(x0 + 0.0)}"
    )
    shown = pd.DataFrame(
        {
            "dx": [_num(v) for v in table["dx"]] + ["→ 0"],
            "x0 + dx": [_num(v, 10) for v in table["x0 + dx"]] + [""],
            "f(x0 + dx)": [_num(v, 10) for v in table["f(x0 + dx)"]] + [""],
            "secant slope": [_num(v, 10) for v in table["secant slope"]] + [limit],
        }
    )
    with layout.show_maths("Secant slopes as dx shrinks", expanded=True):
        layout.numbers_table(
            shown,
            caption="The secant slopes close in on the tangent's slope f'(x0), the limit as dx → 0."
            if view.tangent_slope is not None
            else "No secant starts at a point where f is not defined, so there is no slope "
            "to close in on.",
        )


def _notation(ex: secants.Example, view: secants.SecantView) -> None:
    st.subheader("Two ways to write the derivative")
    x0 = view.x0 + 0.0
    n = derivative_notation(ex.latex, ex.derivative_latex, x0, view.tangent_slope or 0.0)
    lagrange_at, leibniz_at = n.lagrange_at, n.leibniz_at
    if view.tangent_slope is None:
        at = latex_number(x0)
        lagrange_at = rf"f'({at})\ \text{{does not exist}}"
        leibniz_at = rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {at}}}\ \text{{does not exist}}"
    lagrange, leibniz = st.columns(2)
    with lagrange:
        st.markdown("**Lagrange:** a prime on the function's name.")
        layout.latex(_two_lines(n.lagrange, lagrange_at))
    with leibniz:
        st.markdown("**Leibniz:** the limit of Δy/Δx, written dy/dx.")
        layout.latex(_two_lines(n.leibniz, leibniz_at))


def _round_off(ex: secants.Example, x0: float, dx: float) -> None:
    st.subheader("When a smaller dx gets worse")
    study = _error_study(ex.key, x0)
    frame = study.frame(FORWARD, CENTRAL)
    if ex.defined_between(x0, x0):
        best_f, best_c = study.best_forward_dx, study.best_central_dx
        forward, central = numbers.text(best_f, 2), numbers.text(best_c, 2)
        central_words = (
            f"Central has no truncation error for {ex.label}, so its error is round-off "
            "alone, and smallest at the largest dx."
            if study.central_exact
            else f"central near dx ≈ {central}."
        )
        description = (
            f"Error of the difference quotients of {ex.label} at x0 = {numbers.text(x0)} against "
            f"dx, both axes logarithmic. Forward is best near dx ≈ {forward}"
            + (". " if study.central_exact else ", ")
            + central_words
        )
        best = pd.DataFrame(
            {
                "x": [best_f, best_c],
                "y": [
                    _error_at(study.dx, study.forward_error, best_f),
                    _error_at(study.dx, study.central_error, best_c),
                ],
                "label": [f"forward best: dx ≈ {forward}", f"central best: dx ≈ {central}"],
            }
        )
        best = best[best["y"] > 0]
    else:
        description = (
            f"No errors to draw: {ex.label} is not defined at x0 = {_num(x0 + 0.0)}, so there is "
            "no f'(x0) to measure the difference quotients against."
        )
        best = pd.DataFrame({"x": [], "y": [], "label": []}).astype({"x": float, "y": float})
    # Each method keeps its place in the legend (and the chart its spec) even with no errors
    # to draw: a row with no error, which the chart leaves out.
    absent = [m for m in (FORWARD, CENTRAL) if m not in set(frame["method"])]
    if absent:
        frame = pd.concat(
            [frame, pd.DataFrame({"dx": 1.0, "error": float("nan"), "method": absent})],
            ignore_index=True,
        ).sort_values("method", key=lambda m: m.map({FORWARD: 0, CENTRAL: 1}), kind="stable")
    chart = charts.compose(
        charts.function_plot(
            frame,
            x="dx",
            y="error",
            series="method",
            x_title="dx (log scale; smaller to the left)",
            y_title="|quotient − f'(x0)| (log scale)",
            log_x=True,
            log_y=True,
            colors={FORWARD: charts.COLORS["secant"], CENTRAL: charts.COLORS["function"]},
            dashed=[CENTRAL],
        ),
        charts.vertical_rule(dx, label=f"your dx = {dx:g}", color=charts.COLORS["muted"]),
        charts.points(best, label="label", color=charts.COLORS["point"]),
        description=description,
        height=340,
    )
    charts.show_chart(chart, description)
    st.markdown(_why_it_turns_round(ex, study, x0))


def _why_it_turns_round(ex: secants.Example, study: secants.ErrorStudy, x0: float) -> str:
    """Why the error turns round, with this function's own best steps (the chart's)."""
    general = (
        "**Why it turns round:** a computer keeps about 16 significant digits, so when dx is "
        "tiny, f(x0 + dx) and f(x0) share almost all of them and their difference is mostly "
        "round-off, which dividing by the tiny dx then magnifies. The forward difference's "
        "own error shrinks like dx and meets the round-off near dx ≈ √ε ≈ "
        f"{numbers.text(secants.FORWARD_BEST_DX_ESTIMATE, 2)}; the central difference's "
        "shrinks like dx², so it meets it sooner, near dx ≈ ∛ε ≈ "
        f"{numbers.text(secants.CENTRAL_BEST_DX_ESTIMATE, 2)}, at a far smaller error."
    )
    if not ex.defined_between(x0, x0):
        return general
    forward = numbers.text(study.best_forward_dx, 2)
    if study.central_exact:
        return (
            f"{general} For {ex.label} at x0 = {numbers.text(x0)} the forward difference is best "
            f"near dx ≈ {forward}; the central difference has **no truncation error** "
            "((x + dx)² − (x − dx)² = 4x·dx exactly), so only round-off is left: it is best at "
            "the largest dx and gets worse as dx shrinks. (Where its computed error is exactly "
            "0 the log axis has no place for the point.)"
        )
    return (
        f"{general} For {ex.label} at x0 = {numbers.text(x0)} the smallest errors on the chart "
        f"are forward near dx ≈ {forward} and central near dx ≈ "
        f"{numbers.text(study.best_central_dx, 2)}."
    )


def _error_at(dxs, errors, dx: float) -> float:
    return float(errors[list(dxs).index(dx)])


# ------------------------------------------------------------------------------------------
# 4. Zero slope

KIND_SENTENCES = {
    "local maximum": "a **local maximum**: the slope goes from + to −, so every small step left "
    "or right goes down. It is not the highest point of the plotted window: near x = −1.4 the "
    "curve is higher.",
    "global maximum": "a **maximum**: the slope goes from + to −, and no point of the plotted "
    "window is higher.",
    "local minimum": "a **local minimum**: the slope goes from − to +, so every small step left "
    "or right goes up. It is not the lowest point of the plotted window: near x = 1.4 the "
    "curve is lower.",
    "global minimum": "a **minimum**: the slope goes from − to +, and no point of the plotted "
    "window is lower.",
    "no extremum": (
        "**neither** a maximum nor a minimum: a flat inflection, like x³ at 0. The slope is 0 "
        "but it is + on both sides, so the curve keeps climbing."
    ),
}


@st.fragment
def zero_slope_explorer() -> None:
    """A movable point on a curve with a minimum, a flat inflection and a maximum."""
    x = url_slider(
        "Move the point along the curve, x",
        "point",
        min_value=zero_slope.DOMAIN[0],
        max_value=zero_slope.DOMAIN[1],
        default=0.5,
        step=0.05,
        format="%.2f",
    )
    x = round(float(x), 10)
    points = _stationary_points()
    y, slope = zero_slope.curve_value(x), zero_slope.curve_slope(x)
    curve_name = f"f(x) = {zero_slope.CURVE_LATEX.replace('^3', '³').replace('^5', '⁵')}"
    marks = pd.DataFrame(
        {
            "x": [p.x for p in points],
            "y": [p.value for p in points],
            "label": [p.kind for p in points],
        }
    )
    description = (
        f"The curve {curve_name} with its minimum at x = -1, flat inflection at 0 and maximum at "
        f"1. The tangent at x = {_num(x)} has slope {_num(slope, 4)}."
    )
    chart = charts.compose(
        charts.function_plot(
            _zero_slope_curve().assign(curve=curve_name),
            series="curve",
            x_title="x",
            y_title="f(x)",
            y_domain=(-3, 3),
            colors={curve_name: charts.COLORS["function"]},
        ),
        charts.horizontal_rule(0, label="y = 0", color=charts.COLORS["muted"]),
        charts.line_through(
            x, y, slope, (x - 0.6, x + 0.6), label="tangent", color=charts.COLORS["tangent"]
        ),
        charts.points(marks, label="label", color=charts.COLORS["muted"], size=60),
        charts.points(pd.DataFrame({"x": [x], "y": [y]}), color=charts.COLORS["point"], size=130),
        description=description,
        height=340,
    )
    charts.show_chart(chart, description)
    layout.latex(
        rf"\begin{{aligned}} f(x) &= {zero_slope.CURVE_LATEX}, \\ "
        rf"f'(x) &= {zero_slope.SLOPE_LATEX} \\ "
        rf"\Rightarrow\quad f'({latex_number(x)}) &= {latex_number(slope, 4)} \end{{aligned}}"
    )
    here = zero_slope.stationary_point_at(x, points)
    if here is None:
        layout.verdict(
            f"At x = {_num(x)} the tangent goes {zero_slope.describe_slope(slope)} "
            f"(slope {_num(slope, 4)}). Move the point to where it turns horizontal.",
            kind="info",
        )
    else:
        layout.verdict(f"Slope 0 at x = {_num(here.x)}: this is {KIND_SENTENCES[here.kind]}")


def zero_slope_caveat() -> None:
    """Static, so outside the zero-slope unit: a move of the point does not redraw it."""
    st.caption(
        "Zero slope narrows the search for a maximum or a minimum, but does not prove one: "
        "check how the slope changes sign on either side."
    )


def car_velocity_quiz() -> None:
    """The notes' quiz: where was the velocity of the car zero?"""
    times = (4.0, 6.0, 19.5, 21.0)
    speeds = {t: motion.velocity_at(t) for t in times}
    layout.quiz_choice(
        "car_zero_velocity",
        "Quiz from the notes: where was the velocity of the car zero?",
        ["at t = 4 s", "at t = 6 s", "at t = 19.5 s (between 19 s and 20 s)", "at t = 21 s"],
        answer=2,
        explanation=(
            "d(19) = d(20) = 265 m, so the slope is (265 − 265)/(20 − 19) = 0 m/s: the distance "
            "graph is flat and its tangent horizontal. Elsewhere it still climbs: "
            + ", ".join(f"v({_num(t)} s) ≈ {_num(speeds[t], 3)} m/s" for t in (4.0, 6.0, 21.0))
            + "."
        ),
    )


# ------------------------------------------------------------------------------------------
# Check yourself


def check_yourself_questions() -> None:
    """Questions on every idea of the page, each with its explanation."""
    table_1s = _sample_table(1).set_index("time (s)")["distance (m)"]
    d12, d13 = _num(table_1s.loc[12]), _num(table_1s.loc[13])
    with layout.check_yourself():
        layout.quiz_number(
            "v_12_5",
            f"The 1 s table gives d(12) = {d12} m and d(13) = {d13} m. "
            "Estimate the velocity at 12.5 s (in m/s).",
            answer=motion.average_velocity(12, 13).velocity,
            tolerance=0.01,
            unit="m/s",
            explanation=f"({d13} − {d12}) / (13 − 12) = 15 m/s: the slope of the secant over the "
            "narrowest interval around 12.5 s.",
        )
        layout.quiz_choice(
            "better_estimate",
            "Which is the better estimate of the velocity at 12.5 s?",
            ["16 m/s, from 10 s to 15 s", "15 m/s, from 12 s to 13 s", "They are equally good"],
            answer=1,
            explanation=(
                "The narrower interval hugs 12.5 s more closely; the curve's own slope there is "
                f"about {_num(motion.velocity_at(12.5), 4)} m/s."
            ),
        )
        layout.quiz_choice(
            "secant_square",
            "f(x) = x². What is the slope of the secant from (1, 1) to (2, 4)?",
            ["3", "24", "2", "4"],
            answer=0,
            explanation="((1 + 1)² − 1²) / 1 = (4 − 1) / 1 = 3. The tangent at 1 has slope 2.",
            hints={
                1: "A slip in the notes: they write (2 + 3)²; the second point is x + dx = 1 + 1.",
                2: "2 is the tangent's slope f'(1), the limit as dx → 0, not this secant's.",
            },
        )
        layout.quiz_choice(
            "which_dx",
            "For the forward difference of sin x at x = 1 on a computer, which dx gives the "
            "more accurate slope?",
            ["dx = 1e-8", "dx = 1e-12"],
            answer=0,
            explanation=(
                "Below √ε ≈ 1.5 × 10⁻⁸ (ε = 2⁻⁵²) round-off takes over: sin(1 + dx) and sin(1) "
                "share almost all their digits, and dividing their tiny difference by dx "
                "magnifies the noise."
            ),
        )
        layout.quiz_choice(
            "horizontal_tangent",
            "What is the slope of a horizontal tangent?",
            ["0", "1", "It is undefined", "It depends on the function"],
            answer=0,
            explanation="Horizontal means no rise for any run: rise/run = 0/run = 0.",
            hints={2: "Undefined is a vertical tangent (run 0), as for x^(1/3) at 0."},
        )
        layout.quiz_choice(
            "velocity_formula",
            "The car's average velocity from t1 to t2 is ...",
            [
                "Δd/Δt = (d(t2) − d(t1)) / (t2 − t1)",
                "d/t = d(t2) / t2",
                "Δt/t",
                "Δt/Δd",
            ],
            answer=0,
            explanation="Change in distance over change in time, Δd/Δt: from 10 s to 15 s, "
            "(202 − 122)/(15 − 10) = 16 m/s, in m/s.",
            hints={
                1: "d/t divides the whole distance since t = 0 by the whole time: d(15)/15 = "
                "202/15 ≈ 13.47 m/s is the average over 0-15 s, not over 10-15 s.",
                2: "A slip in the notes writes Δt/t; velocity divides a distance by a time.",
                3: "That is time per metre, the upside-down rate.",
            },
        )
