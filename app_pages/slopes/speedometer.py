"""Section 1, the broken speedometer: the notes' question, the table, the secant, its slope.

Controls: the sampling step (outside the live unit: it changes the table) and the interval
t1, t2 (inside it). One call, `core.motion.speedometer(step, t1, t2)`, gives all the unit shows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import motion
from dashboard import charts, layout, numbers
from dashboard.controls import url_choice, url_slider

STEP_LABELS = {"5": "every 5 s", "1": "every 1 s"}
_PENDING_SNAP = "_slopes_pending_snap"


@st.cache_data(show_spinner=False)
def _sample_table(step: int) -> pd.DataFrame:
    return motion.sample_table(step)


@st.cache_data(show_spinner=False)
def _car_curve() -> pd.DataFrame:
    return motion.distance_frame()


def draw() -> None:
    """The sampling choice and the distance table, then the live unit beside the table."""
    layout.section(
        "The broken speedometer",
        "**Can you find the velocity at 12.5 s?** The car's speedometer broke; we only know "
        "the distance it had covered, measured every 5 s (or every second). An average hides "
        "a lot: 100 km/h on average can be 200 km/h for half the time and a stop for the "
        "other half. The line through two measurements (a *secant*) has the average velocity "
        "as its slope: rise over run, Δd/Δt.",
    )
    step = int(
        url_choice(
            "Seconds between two measurements of the distance",
            "step",
            options=["5", "1"],
            default="5",
            widget="segmented",
        )
    )
    live, table_col = st.columns([3, 1])
    table = _sample_table(step).astype({"distance (m)": int})  # whole metres: 122, not 122.0
    with table_col:
        layout.numbers_table(table, caption=f"Distance measured {STEP_LABELS[str(step)]}.")
    with live:
        _interval_unit(step)
    _questions()


def _apply_pending_snap() -> list[str]:
    """Set t1 and t2 to grid times decided on the previous run; return the notes to show.

    A slider whose step changes is a new widget, and on its first run the link's value wins
    over anything the page sets; one run later the page's value wins. Hence the two steps.
    """
    pending = st.session_state.pop(_PENDING_SNAP, None) or {}
    for key, (value, _) in pending.items():
        st.session_state[key] = value
    return [note for _, note in pending.values()]


def _snap_note(step: int, name: str, asked: int, used: int) -> str:
    return (
        f"{name} = {asked} s is not in the table measured {STEP_LABELS[str(step)]}, so it moved "
        f"to {used} s, the nearest measured time."
    )


@st.fragment
def _interval_unit(step: int) -> None:
    """The interval sliders, the secant on the distance curve and its slope: a move of t1 or
    t2 reruns this unit alone (a change of sampling reruns the page, and this with it)."""
    snap_notes = _apply_pending_snap()
    left, right = st.columns(2)
    with left:
        t1 = url_slider("Start t1 (s)", "t1", min_value=0, max_value=30, default=10, step=step)
    with right:
        t2 = url_slider("End t2 (s)", "t2", min_value=0, max_value=30, default=15, step=step)
    car = motion.speedometer(step, t1, t2)
    # Every note goes in this container, which is always there, so that a note appearing
    # leaves the chart and the working below it in their places (a chart pushed to a new
    # place in the page is built again from scratch).
    with st.container():
        for note in snap_notes:
            layout.friendly_note(note)
        if car.moved and not snap_notes:  # move the sliders onto the grid: one rerun
            st.session_state[_PENDING_SNAP] = {
                name: (used, _snap_note(step, name, asked, used)) for name, asked, used in car.moved
            }
            st.rerun()
        elif car.moved:  # the sliders could not be moved: say what is used instead
            for name, asked, used in car.moved:
                layout.friendly_note(_snap_note(step, name, asked, used))
        if car.average is not None and car.average.swapped:
            layout.friendly_note(
                f"t1 is later than t2, so the interval is read from {car.t2} s to {car.t1} s; "
                "the slope is the same either way."
            )
    charts.show_chart(*_car_chart(step, car.t1, car.t2))
    if car.average is None:
        at = numbers.tex(car.t1)
        layout.latex(rf"\bar v = \frac{{d({at}) - d({at})}}{{{at} - {at}}} = \frac{{0}}{{0}}")
        layout.friendly_error(
            f"Both ends of the interval are at {car.t1} s: the car has no time to move, so the "
            "slope would be 0/0. Move one slider to make the interval wider."
        )
    else:
        _working(car)


def _value_text(value) -> str:
    """A value as the learner reads it: exact (26/3 is not), or rounded and marked '≈'."""
    return numbers.shown(value)


@st.cache_resource(show_spinner=False, max_entries=256)  # read only: the same chart each time
def _car_chart(step: int, t1: int, t2: int) -> tuple[charts.Chart, str]:
    """The distance curve, the measurements and the secant, and the chart's description;
    with no interval the secant's layers stay, with no rows, so that the chart keeps its spec
    and only its data changes. Made once per interval (its data as the Arrow bytes sent)."""
    car = motion.speedometer(step, t1, t2)
    table = _sample_table(step).rename(columns={"time (s)": "t", "distance (m)": "d"})
    curve = _car_curve().assign(curve="the car's real distance")
    color = charts.COLORS["secant"]
    avg = car.average
    if avg is None or car.secant_ends is None or car.velocity is None:
        band = charts.shaded_band(0, 0, label="the interval", color=color)
        secant = charts.line_through(0, 0, 0, (0, 0), label="secant", color=color)
        ends = pd.DataFrame({"t": [], "d": [], "label": []}).astype({"t": float, "d": float})
        band.data, secant.data = band.data.iloc[:0], secant.data.iloc[:0]
        description = "Distance against time; no interval is chosen."
    else:
        band = charts.shaded_band(avg.t1, avg.t2, label="the interval", color=color)
        (ta, _), (tb, _) = car.secant_ends
        slope = _value_text(car.velocity)
        secant = charts.line_through(
            avg.t1,
            avg.d1,
            float(car.velocity),
            (ta, tb),
            label=f"secant, slope {slope} m/s",
            color=color,
        )
        d1, d2 = (
            f"d({numbers.text(t)}) = {numbers.text(d)} m"
            for t, d in ((avg.t1, avg.d1), (avg.t2, avg.d2))
        )
        # Close ends would print one label over the other: then name both at t2.
        labels = [d1, d2] if avg.run >= 4 else ["", f"{d1}, {d2}"]
        ends = pd.DataFrame({"t": [avg.t1, avg.t2], "d": [avg.d1, avg.d2], "label": labels})
        description = (
            f"Distance against time, measured {STEP_LABELS[str(step)]}; the secant's slope is "
            f"{slope} m/s."
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
            x_domain=motion.TIME_WINDOW,
            y_domain=motion.DISTANCE_WINDOW,  # fixed: no refit of the axes on a move
            colors={curve["curve"].iloc[0]: charts.COLORS["muted"]},
            dashed=[curve["curve"].iloc[0]],
        ),
        charts.points(table, x="t", y="d", color=charts.COLORS["function"], size=50),
        secant,
        charts.points(ends, x="t", y="d", label="label", color=color, size=110),
    ]
    chart = charts.compose(*layers, description=description, height=360)
    chart.datasets = {
        name: data if isinstance(data, bytes) else charts.arrow_bytes(data)
        for name, data in chart.datasets.items()
    }
    return chart, description


def _working(car: motion.Speedometer) -> None:
    """The formula with the two measurements, then what the slope means."""
    avg = car.average
    assert avg is not None and car.velocity is not None and car.middle is not None
    t1, t2, d1, d2 = (numbers.tex(v) for v in (avg.t1, avg.t2, avg.d1, avg.d2))
    rise, run = numbers.tex(avg.rise), numbers.tex(avg.run)
    # one step of the working per row, so that it fits a phone's width
    layout.latex(
        rf"\begin{{aligned}} \bar v &= \frac{{d({t2}) - d({t1})}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{d2} - {d1}}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{rise}\ \text{{m}}}}{{{run}\ \text{{s}}}}"
        rf" {numbers.eq_tex(car.velocity)}\ \text{{m/s}} \end{{aligned}}"
    )
    span = f"from {numbers.text(avg.t1)} s to {numbers.text(avg.t2)} s"
    if avg.standing_still:
        layout.verdict(
            f"Average velocity {span}: 0 m/s. The distance stayed at {numbers.text(avg.d1)} m: "
            "no rise, so the car was standing still.",
            kind="info",
        )
        return
    about = "" if numbers.is_exact(car.velocity) else "≈ "
    middle = numbers.text(car.middle)
    layout.verdict(
        f"Average velocity {span}: {about}{numbers.text(car.velocity)} m/s, an estimate of the "
        f"velocity at {middle} s. A working speedometer would show "
        f"v({middle} s) {numbers.eq_text(car.true_velocity)} m/s. A narrower interval usually "
        "gets closer."
    )


def _questions() -> None:
    """The section's check-yourself questions, right after its picture."""
    table = _sample_table(1).set_index("time (s)")["distance (m)"]
    d10, d12, d13, d15 = (int(table.loc[t]) for t in (10, 12, 13, 15))
    narrow = motion.speedometer(1, 12, 13)
    wide = motion.speedometer(5, 10, 15)
    assert narrow.velocity is not None and wide.velocity is not None
    layout.quiz_number(
        "v_12_5",
        f"Measured every second: d(12) = {d12} m, d(13) = {d13} m. Estimate the velocity at "
        "12.5 s (in m/s).",
        answer=float(narrow.velocity),
        tolerance=0.01,
        unit="m/s",
        explanation=f"({d13} − {d12}) / (13 − 12) = {numbers.text(narrow.velocity)} m/s: the "
        "slope of the secant over the narrowest interval around 12.5 s, closer than the "
        f"{numbers.text(wide.velocity)} m/s from 10 s to 15 s (the curve's own slope there "
        f"{numbers.eq_text(motion.velocity_at(12.5))} m/s).",
    )
    since_start = motion.speedometer(5, 0, 15)
    assert since_start.velocity is not None
    layout.quiz_choice(
        "velocity_formula",
        "The car's average velocity from t1 to t2 is ...",
        ["Δd/Δt = (d(t2) − d(t1)) / (t2 − t1)", "d/t = d(t2) / t2", "Δt/t", "Δt/Δd"],
        answer=0,
        explanation=f"Change in distance over change in time, Δd/Δt: from 10 s to 15 s, "
        f"({d15} − {d10})/(15 − 10) = {numbers.text(wide.velocity)} m/s.",
        hints={
            1: f"d/t divides the whole distance since t = 0 by the whole time: d(15)/15 = "
            f"{d15}/15 {numbers.eq_text(since_start.velocity)} m/s is the average over 0-15 s, "
            "not over 10-15 s.",
            2: "A slip in the notes writes Δt/t; velocity divides a distance by a time.",
            3: "That is time per metre, the upside-down rate.",
        },
    )
