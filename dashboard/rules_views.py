"""The pictures of the Rules page: one small interactive picture per derivative rule.

Each picture is a fragment (moving its sliders reruns only that picture), reads its own
URL-bound controls, asks `core` for every number, and draws with `dashboard.charts`.

URL keys (all documented here, none shared with the calculator's `f` and `x0`):

| picture            | keys                                                         |
|--------------------|--------------------------------------------------------------|
| gallery            | `rule` (line, power, sum, product, chain, sin-cos, exp, ln)  |
| constant and line  | `a` slope, `b` intercept                                     |
| power rule         | `n` exponent, `p` point x, `dx` step                         |
| sum and multiple   | `ship` and `walk` speeds (nautical miles/hour), `c` multiple |
| product rule       | `t` day, `dt` time step (days)                               |
| chain rule         | `hour` time into the drive                                   |
| sin and cos        | `wave` (sin, cos), `angle` point x, `h` step                 |
| e and e^x          | `periods` compoundings per year, `ex` point x                |
| ln x               | `pair` (square, exp), `y` point y                            |
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st
import sympy

from core.chain_rule import EXP_2X, EXP_2X_DERIVATIVE, drive_curves, mountain_drive
from core.combination_rules import cruise, cruise_positions, scaled_quotient
from core.errors import LearnerError
from core.power_rule import (
    POWER_EXPONENTS,
    SHRINKING_STEPS,
    as_exponent,
    cube_expansion,
    exponent_latex,
    line_curves,
    line_rise_run,
    line_values,
    line_window,
    power_curves,
    power_plot_range,
    power_rule_latex,
    power_secant,
    power_secant_table,
    power_series_names,
)
from core.product_rule import (
    MAX_HOUSE_STEP,
    X_EXP_X,
    X_EXP_X_DERIVATIVE,
    house_growth,
    house_plan_extent,
    house_strips,
    strip_table,
)
from core.special_derivatives import (
    COMPOUNDING_PERIODS,
    INVERSE_PAIRS,
    compound_interest,
    compound_interest_gap,
    compound_interest_table,
    exponential_curve,
    exponential_tangent,
    inverse_curves,
    inverse_slope,
    wave_curves,
    wave_quotient_table,
    wave_secant,
)
from dashboard import charts, live_chart, numbers
from dashboard.controls import url_choice, url_log_slider, url_slider
from dashboard.layout import friendly_error, latex, numbers_table, show_maths, verdict

C = charts.COLORS


def _n(value: float, digits: int = 4) -> str:
    """A number for text and LaTeX: 4 significant digits, no trailing zeros, a true minus."""
    text = f"{value:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def _p(value: float, digits: int = 4) -> str:
    """A number that multiplies something in LaTeX: negative ones get parentheses."""
    return f"({_n(value, digits)})" if value < 0 else _n(value, digits)


_E_NOTATION = re.compile(r"(\d(?:\.\d+)?)e([+-])0*(\d+)")


def _formula(*lines: str) -> None:
    """A displayed formula, one line per argument aligned at `&` (narrow screens stay
    readable); numbers like 5.012e-05 are written 5.012 x 10^-5."""
    tex = (
        lines[0] if len(lines) == 1 else r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
    )
    latex(_E_NOTATION.sub(lambda m: f"{m[1]}\\times 10^{{{m[2].strip('+')}{m[3]}}}", tex))


def _show(*layers: object, description: str, height: int = 320) -> None:
    """Stack the layers on shared axes and draw them with their text description."""
    charts.show_chart(charts.compose(*layers, description=description, height=height), description)


def _numbers(*pairs: tuple[str, str]) -> None:
    """The live numbers of a picture, as a row of metrics."""
    for column, (label, value) in zip(st.columns(len(pairs)), pairs, strict=True):
        column.metric(label, value)


# ---------------------------------------------------------------- constant and line


LINE_A_RANGE, LINE_B_RANGE, LINE_X_RANGE = (-3.0, 3.0), (-4.0, 4.0), (-3.0, 3.0)


@st.fragment
def line_picture() -> None:
    """f(x) = a x + b: rise over run is a everywhere, whatever b; a = 0 is a constant."""
    (a_low, a_high), (b_low, b_high) = LINE_A_RANGE, LINE_B_RANGE
    left, right = st.columns(2)
    with left:
        a = url_slider("slope a", "a", min_value=a_low, max_value=a_high, default=2.0, step=0.1)
    with right:
        b = url_slider("intercept b", "b", min_value=b_low, max_value=b_high, default=1.0, step=0.5)
    start, run = -1.0, 2.0
    rise, run, slope = line_rise_run(a, b, start, run)
    y_start = float(line_values(a, b, [start])[0])
    _show(
        charts.function_plot(
            line_curves(a, b, LINE_X_RANGE),
            series="series",
            x_title="x",
            y_title="y",
            # a fixed window for every a and b: the axes stay still while the line turns
            x_domain=LINE_X_RANGE,
            y_domain=line_window(LINE_A_RANGE, LINE_B_RANGE, LINE_X_RANGE),
            colors={"f(x) = a x + b": C["function"], "a x (b = 0)": C["muted"]},
            dashed=["a x (b = 0)"],
        ),
        charts.segment(start, y_start, start + run, y_start, label="run", color=C["secant"]),
        charts.segment(
            start + run, y_start, start + run, y_start + rise, label="rise", color=C["tangent"]
        ),
        description=(
            f"The line f(x) = {_n(a)}x {'−' if b < 0 else '+'} {_n(abs(b))}: a run of "
            f"{_n(run)} gives a rise of {_n(rise)}, "
            f"so the slope is {_n(slope)}, the same as the dashed line {_n(a)}x without b."
        ),
    )
    _numbers(("rise / run", _n(slope)), ("f'(x) = a", _n(a)), ("b (no effect on slope)", _n(b)))
    _formula(
        r"\frac{\Delta f}{\Delta x} &= \frac{a(x+\Delta x) + b - (ax + b)}{\Delta x}",
        rf"&= \frac{{a\,\Delta x}}{{\Delta x}} = a = {_n(slope)}",
    )
    if a == 0:
        verdict(f"With a = 0, f(x) = {_n(b)} is a constant: its derivative is 0.", "info")


# ---------------------------------------------------------------- power rule

_secant_table = st.cache_data(power_secant_table, show_spinner=False)


@st.fragment
def power_picture() -> None:
    """x^n and n x^(n-1), with the secant at a point agreeing with the power rule as dx -> 0."""
    cols = st.columns(3)
    with cols[0]:
        raw_n = url_log_slider(
            "exponent n", "n", options=[float(q) for q in POWER_EXPONENTS], default=3.0
        )
    with cols[1]:
        at = url_slider("point x", "p", min_value=0.1, max_value=2.0, default=0.5, step=0.1)
    with cols[2]:
        dx = url_log_slider("step dx", "dx", options=[1.0, 0.5, 0.2, 0.1, 0.01, 0.001], default=1.0)
    n = as_exponent(raw_n)
    try:
        secant = power_secant(n, at, dx)
    except LearnerError as error:
        friendly_error(str(error))
        return
    f_tex, d_tex = power_rule_latex(n)
    f_name, d_name = power_series_names(n)
    y_limit = min(100.0, max(8.0, 1.3 * max(abs(secant.y), abs(secant.y_next), abs(secant.exact))))
    window = (max(power_plot_range(n)[0], at - 0.8), at + dx + 0.6)
    # Fixed series names in the spec; the legend reads "f(x) = x^3" from the data, so moving n
    # swaps the data in the browser's chart instead of building a new one.
    curves = power_curves(n, power_plot_range(n), y_limit=y_limit)
    curves["series"] = curves["series"].map({f_name: "f(x)", d_name: "f'(x)"})
    description = (
        f"{f_name} and {d_name}. At x = {_n(at)} the secant with dx = {_n(dx)} has slope "
        f"{_n(secant.slope, 6)}; the power rule gives {_n(secant.exact, 6)}."
    )
    chart = live_chart.compose_live(
        charts.function_plot(
            curves,
            series="series",
            x_title="x",
            y_title="y",
            colors={"f(x)": C["function"], "f'(x)": C["derivative"]},
            dashed=["f'(x)"],
        ),
        charts.line_through(at, secant.y, secant.slope, window, label="secant", color=C["secant"]),
        charts.line_through(
            at, secant.y, secant.exact, window, label="tangent", color=C["tangent"], dashed=True
        ),
        charts.points(
            pd.DataFrame(
                {
                    "x": [at, at + dx, at],
                    "y": [secant.y, secant.y_next, secant.exact],
                    "label": ["x", "x + dx", ""],
                }
            ),
            label="label",
        ),
        legend={"f(x)": f_name, "f'(x)": d_name},
        description=description,
    )
    charts.show_chart(chart, description)
    _numbers(
        ("secant slope", _n(secant.slope, 6)),
        ("power rule n x^(n-1)", _n(secant.exact, 6)),
        ("difference", _n(secant.error, 3)),
    )
    n_tex = exponent_latex(n)
    _formula(
        rf"\frac{{(x+dx)^{{{n_tex}}} - x^{{{n_tex}}}}}{{dx}} &= "
        rf"\frac{{{_n(at + dx)}^{{{n_tex}}} - {_n(at)}^{{{n_tex}}}}}{{{_n(dx)}}} = "
        rf"{_n(secant.slope, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; \frac{{d}}{{dx}}{f_tex} = {d_tex} = {_n(secant.exact, 6)}",
    )
    with show_maths("Show the secants shrinking onto the tangent"):
        numbers_table(_secant_table(n, at, SHRINKING_STEPS), caption="x fixed, dx shrinking.")
        if n == 3:
            _cube_maths(at, dx)


def _cube_maths(at: float, dx: float) -> None:
    """The notes' cube worked out with the current numbers (and their slip corrected)."""
    pieces = cube_expansion(at, dx)
    _formula(r"(x+dx)^3 = x^3 + 3x^2\,dx + 3x\,dx^2 + dx^3")
    _formula(
        r"(x+dx)^3 - x^3 &= 3x^2\,dx + 3x\,dx^2 + dx^3",
        rf"&= {_n(pieces.linear)} + {_n(pieces.square)} + {_n(pieces.cube)} = {_n(pieces.change)}",
    )
    _formula(
        rf"\frac{{(x+dx)^3 - x^3}}{{dx}} &= 3x^2 + 3x\,dx + dx^2 = {_n(pieces.slope, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; 3x^2 = {_n(pieces.limit, 6)}",
    )
    st.caption(
        "Common mistake: the notes wrote 2x² dx for the second term. Multiplying "
        "(x + dx)(x² + 2x dx + dx²) gives x² dx + 2x² dx = 3x² dx, so the slope of x³ is 3x², "
        "as the power rule says."
    )


# ---------------------------------------------------------------- sum and scalar multiple


@st.fragment
def sum_picture() -> None:
    """The notes' cruise: positions add, so speeds add; scaling distances scales speeds."""
    cols = st.columns(3)
    with cols[0]:
        ship = url_slider(
            "ship speed (nmi/h)", "ship", min_value=0.0, max_value=1.5, default=0.6, step=0.05
        )
    with cols[1]:
        walk = url_slider(
            "walking speed on deck (nmi/h)",
            "walk",
            min_value=-0.2,
            max_value=0.3,
            default=0.05,
            step=0.01,
            help="Negative: she walks towards the stern.",
        )
    with cols[2]:
        c = url_slider(
            "multiple c",
            "c",
            min_value=0.5,
            max_value=3.0,
            default=1.0,
            step=0.1,
            help="Every distance times c; c = 1.852 would turn nautical miles into km.",
        )
    trip = cruise(ship, walk, hours=1.0)
    scaled = scaled_quotient(c, ship, walk, hours=1.0, dt=0.25)
    _show(
        charts.function_plot(
            cruise_positions(ship, walk, hours=4.0, scale=c),
            x="t",
            y="distance",
            series="series",
            x_title="time t (hours)",
            y_title="c × distance (nmi)",  # c itself is in the caption: the spec stays put
            colors={
                "ship": C["function"],
                "walk on deck": C["derivative"],
                "passenger": C["accent"],
            },
            dashed=["walk on deck"],
        ),
        description=(
            f"Distances times c = {_n(c)}: the ship at {_n(ship)}, the walk on deck at {_n(walk)}, "
            f"the passenger at {_n(trip.total_speed)} nautical miles per hour before scaling."
        ),
    )
    _numbers(
        ("ship (nmi/h)", _n(ship)),
        ("walk on deck (nmi/h)", _n(walk)),
        ("passenger (nmi/h)", _n(trip.total_speed)),
        (f"{_n(c)} × passenger", _n(scaled)),
    )
    _formula(
        r"x_{total} &= x_{ship} + x_{walk}",
        rf"v_{{total}} &= v_{{ship}} + v_{{walk}} = {_n(ship)} + {_p(walk)} = {_n(trip.total_speed)}",
    )
    _formula(rf"(c\,f)' = c\,f' : \quad {_n(c)} \times {_p(trip.total_speed)} = {_n(scaled)}")


# ---------------------------------------------------------------- product rule

PIECE_COLORS = {
    "house g·h": C["muted"],
    "strip dg·h": C["function"],
    "strip g·dh": C["derivative"],
    "corner dg·dh": C["secant"],
}


@st.fragment
def product_picture() -> None:
    """The growing house: dF = dg h + g dh + dg dh, and the corner dg dh / dt vanishes."""
    left, right = st.columns(2)
    with left:
        day = url_slider("day t", "t", min_value=0.0, max_value=6.0, default=2.0, step=0.5)
    with right:
        dt = url_log_slider(
            "time step dt (days)",
            "dt",
            options=[MAX_HOUSE_STEP, 1.0, 0.5, 0.2, 0.1, 0.01],
            default=1.0,
        )
    house = house_growth(day, dt)
    plan_length, plan_width = house_plan_extent()
    _show(
        charts.rects(
            house_strips(house),
            color_field="piece",
            colors=PIECE_COLORS,
            opacity=0.6,
            tooltip=["piece", "area"],
            x_title="length (m)",
            y_title="width (m)",
            x_domain=(0, plan_length),
            y_domain=(0, plan_width),
        ),
        description=(
            f"Floor plan on day {_n(day)}: length g = {_n(house.length)} m, width h = "
            f"{_n(house.width)} m. In dt = {_n(dt)} days it gains strips of "
            f"{_n(house.strip_length)}, {_n(house.strip_width)} and {_n(house.strip_corner)} m²."
        ),
        height=360,
    )
    _numbers(
        ("dF / dt (m²/day)", _n(house.quotient)),
        ("g'h + gh' (m²/day)", _n(house.product_rule_rate)),
        ("corner dg·dh / dt (m²/day)", _n(house.corner_quotient)),
    )
    _formula(
        r"\Delta F &= \Delta g\,h + g\,\Delta h + \Delta g\,\Delta h",
        rf"&= {_n(house.strip_length)} + {_n(house.strip_width)} + {_n(house.strip_corner)}"
        rf" = {_n(house.area_change)}",
    )
    _formula(
        rf"\frac{{\Delta F}}{{\Delta t}} &= {_n(house.quotient)}",
        rf"&\xrightarrow{{\Delta t \to 0}}\; g'h + g\,h' = {_n(house.length_rate)} \cdot "
        rf"{_n(house.width)} + {_n(house.length)} \cdot {_n(house.width_rate)} = "
        rf"{_n(house.product_rule_rate)}",
    )
    with show_maths("Show the strips in numbers, and the notes' example"):
        numbers_table(strip_table(house), caption="g(t) = 4 + t and h(t) = 2 + t²/8 metres.")
        _formula(
            rf"\frac{{d}}{{dx}}\left({sympy.latex(X_EXP_X)}\right) &= 1\cdot e^{{x}} + x\cdot e^{{x}}",
            rf"&= {sympy.latex(X_EXP_X_DERIVATIVE)}",
        )


# ---------------------------------------------------------------- chain rule

_drive_curves = st.cache_data(drive_curves, show_spinner=False)


@st.fragment
def chain_picture() -> None:
    """The mountain drive: T(h) and h(t) side by side, dT/dt = dT/dh * dh/dt at the current t."""
    hour = url_slider(
        "time into the drive t (hours)", "hour", min_value=0.0, max_value=2.0, default=1.0, step=0.1
    )
    drive = mountain_drive(hour)
    road, air = _drive_curves()
    left, right = st.columns(2)
    with left:
        _show(
            charts.function_plot(road, x="t", y="h", x_title="time t (h)", y_title="height h (km)"),
            charts.line_through(
                hour,
                drive.height,
                drive.climb_rate,
                (hour - 0.4, hour + 0.4),
                label="dh/dt",
                color=C["tangent"],
            ),
            charts.points(pd.DataFrame({"x": [hour], "y": [drive.height]})),
            description=(
                f"Height h(t): at t = {_n(hour)} h you are at {_n(drive.height)} km, "
                f"climbing {_n(drive.climb_rate)} km per hour."
            ),
            height=280,
        )
    with right:
        _show(
            charts.function_plot(
                air,
                x="h",
                y="T",
                x_title="height h (km)",
                y_title="temperature T (°C)",
                colors={"T": C["derivative"]},
            ),
            charts.line_through(
                drive.height,
                drive.temperature,
                drive.lapse_rate,
                (drive.height - 0.4, drive.height + 0.4),
                label="dT/dh",
                color=C["tangent"],
            ),
            charts.points(pd.DataFrame({"x": [drive.height], "y": [drive.temperature]})),
            description=(
                f"Temperature T(h): at {_n(drive.height)} km it is {_n(drive.temperature)} °C, "
                f"changing {_n(drive.lapse_rate)} °C per km."
            ),
            height=280,
        )
    _numbers(
        ("dT/dh (°C/km)", _n(drive.lapse_rate)),
        ("dh/dt (km/h)", _n(drive.climb_rate)),
        ("dT/dt (°C/h)", _n(drive.chain_rate)),
    )
    _formula(
        r"\frac{dT}{dt} &= \frac{dT}{dh}\cdot\frac{dh}{dt}",
        rf"&= {_p(drive.lapse_rate)} \cdot {_p(drive.climb_rate)} = {_n(drive.chain_rate)}"
        r"\ ^\circ\mathrm{C}/\mathrm{h}",
    )
    st.caption(
        f"Measured directly over the next {_n(drive.dt * 3600)} seconds: "
        f"{_n(drive.quotient)} °C per hour."
    )
    with show_maths("Show the notes' example"):
        _formula(
            rf"\frac{{d}}{{dx}}{sympy.latex(EXP_2X)} &= e^{{u}}\big|_{{u=2x}} \cdot "
            r"\frac{d(2x)}{dx}",
            rf"&= {sympy.latex(EXP_2X_DERIVATIVE)}",
        )
        st.caption("Common mistake: 2eˣ (the notes' slip). The outer derivative keeps e^(2x).")


# ---------------------------------------------------------------- sin and cos


@st.fragment
def trig_picture() -> None:
    """Difference quotients of sin and cos settle onto cos and -sin."""
    cols = st.columns(3)
    with cols[0]:
        name = url_choice(
            "function",
            "wave",
            options=["sin", "cos"],
            default="sin",
            labels={"sin": "sin x", "cos": "cos x"},
            widget="segmented",
        )
    with cols[1]:
        at = url_slider("point x", "angle", min_value=-6.0, max_value=6.0, default=1.0, step=0.1)
    with cols[2]:
        step = url_log_slider("step dx", "h", options=[1.0, 0.5, 0.1, 0.01, 0.001], default=0.5)
    data = wave_curves(name, step)
    secant = wave_secant(name, at, step)
    quotient, exact = secant.slope, secant.exact
    derivative_name = "cos x" if name == "sin" else "-sin x"
    _show(
        charts.function_plot(
            data,
            series="series",
            x_title="x (radians)",
            y_title="y",
            colors={f"{name} x": C["function"], derivative_name: C["derivative"]},
            dashed=[derivative_name],
        ),
        charts.points(pd.DataFrame({"x": [at, at], "y": [quotient, exact]})),
        description=(
            f"{name} x, its difference quotient with dx = {_n(step)} and its derivative "
            f"{derivative_name}. At x = {_n(at)}: quotient {_n(quotient, 6)}, exact {_n(exact, 6)}."
        ),
    )
    _numbers(
        ("difference quotient", _n(quotient, 6)),
        (derivative_name, _n(exact, 6)),
        ("difference", _n(secant.error, 3)),
    )
    sign = "" if name == "sin" else "-"
    other = "cos" if name == "sin" else "sin"
    _formula(
        rf"\frac{{\{name}(x+dx) - \{name} x}}{{dx}} &= {_n(quotient, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; {sign}\{other} x = {_n(exact, 6)}",
    )
    with show_maths("Show the quotients at this point as dx shrinks"):
        numbers_table(wave_quotient_table(name, at, (1.0, 0.1, 0.01, 0.001, 1e-5)))


# ---------------------------------------------------------------- e and e^x

_compound_table = st.cache_data(compound_interest_table, show_spinner=False)
_exp_curve = st.cache_data(exponential_curve, show_spinner=False)


@st.fragment
def exp_picture() -> None:
    """e as the limit of (1 + 1/n)^n, and e^x as the function whose slope is its own value."""
    left, right = st.columns(2)
    with left:
        periods = url_log_slider(
            "compoundings per year n",
            "periods",
            options=[float(p) for p in COMPOUNDING_PERIODS],
            default=12.0,
        )
        value = compound_interest(int(periods))
        table = _compound_table()
        _show(
            charts.function_plot(
                table,
                x="n",
                y="(1 + 1/n)^n",
                x_title="n (log scale)",
                y_title="(1 + 1/n)^n",
                log_x=True,
            ),
            charts.horizontal_rule(math.e, label="e = 2.71828...", color=C["muted"]),
            charts.points(pd.DataFrame({"x": [periods], "y": [value]})),
            description=(
                f"(1 + 1/n)^n grows towards e = 2.71828...: with n = {int(periods)} it is "
                f"{_n(value, 7)}."
            ),
            height=280,
        )
    with right:
        at = url_slider("point x", "ex", min_value=-2.0, max_value=2.0, default=1.0, step=0.1)
        height, slope = exponential_tangent(at)
        _show(
            charts.function_plot(_exp_curve(), x_title="x", y_title="eˣ"),
            charts.line_through(
                at, height, slope, (at - 1.0, at + 1.0), label="tangent", color=C["tangent"]
            ),
            charts.points(pd.DataFrame({"x": [at], "y": [height]})),
            description=(
                f"eˣ at x = {_n(at)} is {_n(height, 6)}, and its slope there is {_n(slope, 6)}: "
                "the same number."
            ),
            height=280,
        )
    _numbers(
        ("(1 + 1/n)^n", _n(value, 7)),
        ("e − (1 + 1/n)^n", _n(compound_interest_gap(int(periods)), 3)),
        ("eˣ", _n(height, 6)),
        ("slope of eˣ", _n(slope, 6)),
    )
    n_tex = str(int(periods))
    _formula(
        rf"\left(1 + \tfrac{{1}}{{{n_tex}}}\right)^{{{n_tex}}} {numbers.eq_tex(value, 7)}",
        r"e = \lim_{n\to\infty}\left(1 + \tfrac{1}{n}\right)^n = 2.718281\ldots",
    )
    _formula(rf"\frac{{d}}{{dx}}e^{{x}} = e^{{x}} = {_n(height, 6)}")


# ---------------------------------------------------------------- ln x


@st.fragment
def ln_picture() -> None:
    """The inverse-function rule g'(y) = 1 / f'(x), with x^2 and sqrt(y), then e^x and ln y."""
    left, right = st.columns(2)
    with left:
        pair_name = url_choice(
            "function and its inverse",
            "pair",
            options=list(INVERSE_PAIRS),
            default="square",
            labels={"square": "x² and √y", "exp": "eˣ and ln y"},
            widget="segmented",
        )
    with right:
        y = url_slider("point y", "y", min_value=0.2, max_value=4.0, default=2.0, step=0.1)
    slope = inverse_slope(pair_name, y)
    pair = INVERSE_PAIRS[pair_name]
    f_series, g_series = f"f(x) = {pair.f_name}", f"g(y) = {pair.g_name}"
    _show(
        charts.function_plot(
            inverse_curves(pair_name),
            series="series",
            x_title="input",
            y_title="output",
            colors={f_series: C["function"], g_series: C["derivative"], "mirror y = x": C["muted"]},
            dashed=["mirror y = x"],
        ),
        charts.line_through(
            slope.x,
            y,
            slope.f_slope,
            (slope.x - 0.5, slope.x + 0.5),
            label="slope f'(x)",
            color=C["tangent"],
        ),
        charts.line_through(
            y, slope.x, slope.g_slope, (y - 0.5, y + 0.5), label="slope g'(y)", color=C["secant"]
        ),
        charts.points(
            pd.DataFrame({"x": [slope.x, y], "y": [y, slope.x], "label": ["(x, y)", "(y, x)"]}),
            label="label",
        ),
        description=(
            f"{pair.f_name} and its inverse {pair.g_name}, mirrored in y = x. At y = {_n(y)}: "
            f"x = {_n(slope.x)}, f'(x) = {_n(slope.f_slope)}, g'(y) = {_n(slope.g_slope)}."
        ),
        height=380,
    )
    _numbers(
        ("x = g(y)", _n(slope.x)),
        ("f'(x)", _n(slope.f_slope)),
        ("1 / f'(x)", _n(slope.reciprocal)),
        ("g'(y) measured (central difference)", _n(slope.g_quotient)),
    )
    if pair_name == "square":
        middle = r"\frac{1}{2x} = \frac{1}{2\sqrt{y}}"
    else:
        middle = r"\frac{1}{e^{x}} = \frac{1}{y}"
    _formula(
        rf"g'(y) &= \frac{{1}}{{f'(x)}} = {middle}",
        rf"&= \frac{{1}}{{{_n(slope.f_slope)}}} = {_n(slope.reciprocal)}",
    )
    st.caption(
        "The inverse-function rule: g'(y) = 1 / f'(x), where y = f(x) and f'(x) ≠ 0. "
        f"Measured: (g(y + dy) − g(y − dy)) / 2dy with dy = {_n(slope.dy)}."
    )
    if pair_name == "exp":
        verdict(f"So (ln y)' = 1/y: at y = {_n(y)} the slope of ln is {_n(slope.g_slope)}.", "info")


# ---------------------------------------------------------------- the gallery

GALLERY: dict[str, tuple[str, Callable[[], None]]] = {
    "line": ("Constant & line", line_picture),
    "power": ("Power rule", power_picture),
    "sum": ("Sum & multiple", sum_picture),
    "product": ("Product rule", product_picture),
    "chain": ("Chain rule", chain_picture),
    "sin-cos": ("sin & cos", trig_picture),
    "exp": ("e and eˣ", exp_picture),
    "ln": ("ln x", ln_picture),
}

GALLERY_INTROS: dict[str, str] = {
    "line": "A constant never changes, so its slope is 0. A line rises by the same amount for "
    "every step to the right: its slope is a, wherever you are, whatever b is.",
    "power": "The notes derived x² → 2x, x³ → 3x² and 1/x → −1/x² from the difference quotient. "
    "They all follow one rule: $x^n \\to n\\,x^{n-1}$. Pick n, move the point and shrink dx.",
    "sum": "The notes' cruise: the ship sails at 0.6 nautical miles per hour and a passenger "
    "walks forward on deck at 0.05. Distances add, so speeds add: **(f₁ + f₂)' = f₁' + f₂'**. "
    "Stretching every distance by c stretches every speed by c: **(c f)' = c f'**.",
    "product": "The notes' house under construction: length g(t) and width h(t) grow, the area "
    "is F = g·h. In a short time the area gains three strips; the corner one is so small that, "
    "per unit of time, it disappears: **(g h)' = g' h + g h'**.",
    "chain": "The notes' drive up a cold mountain: the temperature depends on the height, the "
    "height on the time. **dT/dt = dT/dh · dh/dt**, both rates taken at the current moment.",
    "sin-cos": "Shrink dx and watch the difference quotient of sin settle onto cos (and that of cos "
    "onto −sin).",
    "exp": "Interest of 100 % a year compounded n times turns 1 into $(1 + 1/n)^n$, which creeps "
    "up to e = 2.71828… The function eˣ has a slope equal to its own value everywhere.",
    "ln": "Mirror a graph in the line y = x and you get the inverse function: rises become runs, "
    "so slopes turn upside down, **g'(y) = 1 / f'(x)**. With f = eˣ, g = ln: (ln y)' = 1/y.",
}


def rule_chooser() -> str:
    """The gallery's selector, kept in `?rule=` as a short word (line, power, ...)."""
    return url_choice(
        "Rule",
        "rule",
        options=list(GALLERY),
        default="line",
        labels={key: title for key, (title, _) in GALLERY.items()},
        widget="segmented",
    )


def show_rule(rule: str) -> None:
    """The chosen rule's introduction and picture."""
    st.subheader(GALLERY[rule][0])
    st.markdown(GALLERY_INTROS[rule])
    GALLERY[rule][1]()
