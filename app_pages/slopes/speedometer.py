"""Section 1, the broken speedometer: the notes' question, the table, the secant, its slope.

Controls: the sampling step (a Streamlit choice outside the live unit: it changes the table
and rebuilds the unit) and the interval's ends t1 and t2, the two inputs of a touch unit
(`dashboard.touch`). One call, `core.motion.speedometer_grid(step, t1, t2)`, gives the
speedometer at every measured time of one end with the other held; each is one row of the
unit, so the secant, the working and the average velocity follow the hand in the browser.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from core import motion
from dashboard import charts, controls, layout, numbers, touch
from dashboard.controls import url_choice

STEP_LABELS = {"5": "every 5 s", "1": "every 1 s"}


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


KEY = "speedometer_touch"
HEIGHT = 360


def interval_controls(step: int) -> tuple[touch.Control, touch.Control]:
    """The two ends of the interval, each over the times measured every `step` seconds."""
    times = motion.sample_times(step)
    return (
        touch.Control(label="Start t1 (s)", param="t1", values=times, default=10),
        touch.Control(
            label="End t2 (s)",
            param="t2",
            values=times,
            default=15,
            hint="Or drag either end of the secant along the measurements.",
        ),
    )


def _whole_time(text: str) -> int | None:
    """A link's time as the old sliders took it: a whole number of seconds from 0 to 30."""
    try:
        number = float(text.strip())
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(number) and motion.START_S <= number <= motion.END_S):
        return None
    return int(number) if number == int(number) else None


def _seed(control: touch.Control, step: int) -> None:
    """On the first run, take the link's time (any whole second from 0 to 30: one off the
    grid moves onto it below, with its note), else the default with the slider's note."""
    controls._seed_from_link(
        control.param,
        control.label,
        control.default,
        _whole_time,
        f"a number from {motion.START_S} to {motion.END_S} in steps of {step}",
    )


def _snap(step: int, units: tuple[touch.Control, touch.Control]) -> list[str]:
    """Times kept from a link or from the other sampling that are not measured every `step`
    seconds move to the nearest measured time; returns the notes that say so."""
    held = [st.session_state.get(c.param, c.default) for c in units]
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in held):
        return []
    car = motion.speedometer(step, *held)
    for name, _, used in car.moved:
        st.session_state[name] = used
    return [_snap_note(step, name, asked, used) for name, asked, used in car.moved]


def _snap_note(step: int, name: str, asked: int, used: int) -> str:
    return (
        f"{name} = {asked} s is not in the table measured {STEP_LABELS[str(step)]}, so it moved "
        f"to {used} s, the nearest measured time."
    )


@st.cache_resource(show_spinner=False, max_entries=64)  # read only: the same objects each time
def _unit_rows(step: int, t1: int, t2: int) -> tuple[touch.Picture, list[list[touch.Row]]]:
    """The unit's frame and its rows for the interval Python holds: t1 at every measured time
    with t2 held, and t2 at every measured time with t1 held (`core.motion.speedometer_grid`)."""
    grid = motion.speedometer_grid(step, t1, t2)
    return _frame(grid), [[_row(c) for c in grid.by_t1], [_row(c) for c in grid.by_t2]]


@st.fragment
def _interval_unit(step: int) -> None:
    """The interval's two ends, the secant on the distance curve, the working and the slope:
    all follow the hand in the browser (a touch unit); a pause tells Python, which keeps the
    link. A change of sampling reruns the page, and this with it, over the new grid."""
    units = interval_controls(step)
    for control in units:
        _seed(control, step)
    snap_notes = _snap(step, units)
    # Every note goes in this container, which is always there, so that a note appearing
    # leaves the unit below it in its place.
    with st.container():
        for note in snap_notes:
            layout.friendly_note(note)
    t1, t2 = (touch.value(c) for c in units)
    frame, rows = _unit_rows(step, t1, t2)
    touch.touch_unit(KEY, list(units), frame, rows)


def _value_text(value) -> str:
    """A value as the learner reads it: exact (26/3 is not), or rounded and marked '≈'."""
    return numbers.shown(value)


def _frame(grid: motion.SpeedometerGrid) -> touch.Picture:
    """What stays while the ends move: the fixed window, the car's curve, the measurements,
    the legend and the two handles (each end on its measurement)."""
    curve = _car_curve()
    table = _sample_table(grid.step)
    measured = list(zip(table["time (s)"], table["distance (m)"], strict=True))
    return touch.Picture(
        x=motion.TIME_WINDOW,
        y=motion.DISTANCE_WINDOW,
        x_title="time t (s)",
        y_title="distance d (m)",
        description=f"Distance against time, measured {STEP_LABELS[str(grid.step)]}, with the "
        "secant from t1 to t2.",
        layers=(
            touch.line(curve[["t", "d"]].to_numpy(), charts.COLORS["muted"], dash=True, width=2),
            touch.points(measured, charts.COLORS["function"], size=3.5),
        ),
        legend=(
            touch.Key("the car's real distance", charts.COLORS["muted"], dash=True),
            touch.Key("secant", charts.COLORS["secant"]),
        ),
        drags=(
            touch.Drag(control=0, at=tuple(measured), color=charts.COLORS["secant"]),
            touch.Drag(control=1, at=tuple(measured), color=charts.COLORS["secant"]),
        ),
        height=HEIGHT,
    )


def _row(car: motion.Speedometer) -> touch.Row:
    """What the unit shows for one interval: the band, the secant and its ends, the working,
    the average velocity and what it means (or why there is none)."""
    color = charts.COLORS["secant"]
    ends = (car.t1, float(motion.distance_at(car.t1))), (car.t2, float(motion.distance_at(car.t2)))
    avg = car.average
    if avg is None or car.secant_ends is None or car.velocity is None:
        at = numbers.tex(car.t1)
        return touch.row(
            [],
            tex=[rf"\bar v = \frac{{d({at}) - d({at})}}{{{at} - {at}}} = \frac{{0}}{{0}}"],
            metrics=[("Average velocity", "none")],
            notes=[
                f"Both ends of the interval are at {car.t1} s: the car has no time to move, so "
                "the slope would be 0/0. Move one end to make the interval wider."
            ],
            legend=["the car's real distance", "secant: none here"],
            alt=_description(car),
            handles=ends,
        )
    (ta, da), (tb, db) = car.secant_ends
    d1, d2 = (
        f"d({numbers.text(t)}) = {numbers.text(d)} m"
        for t, d in ((avg.t1, avg.d1), (avg.t2, avg.d2))
    )
    # Close ends would print one label over the other: then name both at t2.
    labels = [d1, d2] if avg.run >= 4 else ["", f"{d1}, {d2}"]
    notes = []
    if avg.swapped:
        notes.append(
            f"t1 is later than t2, so the interval is read from {car.t2} s to {car.t1} s; "
            "the slope is the same either way."
        )
    notes.append(_verdict(car))
    slope = _value_text(car.velocity)
    return touch.row(
        [
            touch.band(avg.t1, avg.t2, color),
            touch.line([(ta, da), (tb, db)], color),
            touch.points([(avg.t1, avg.d1), (avg.t2, avg.d2)], color, labels=labels, size=6),
        ],
        tex=[_working_tex(car)],
        metrics=[("Average velocity", f"{slope} m/s")],
        notes=notes,
        legend=["the car's real distance", f"secant, slope {slope} m/s"],
        alt=_description(car),
        handles=ends,
    )


def _description(car: motion.Speedometer) -> str:
    """The picture in one sentence, for screen readers: it follows t1 and t2."""
    if car.velocity is None:
        return "Distance against time; no interval is chosen."
    return (
        f"Distance against time, measured {STEP_LABELS[str(car.step)]}; the secant's slope is "
        f"{_value_text(car.velocity)} m/s."
    )


def _working_tex(car: motion.Speedometer) -> str:
    """The formula with the two measurements, one step of the working per row (a phone)."""
    avg = car.average
    assert avg is not None and car.velocity is not None
    t1, t2, d1, d2 = (numbers.tex(v) for v in (avg.t1, avg.t2, avg.d1, avg.d2))
    rise, run = numbers.tex(avg.rise), numbers.tex(avg.run)
    return (
        rf"\begin{{aligned}} \bar v &= \frac{{d({t2}) - d({t1})}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{d2} - {d1}}}{{{t2} - {t1}}}"
        rf" \\ &= \frac{{{rise}\ \text{{m}}}}{{{run}\ \text{{s}}}}"
        rf" {numbers.eq_tex(car.velocity)}\ \text{{m/s}} \end{{aligned}}"
    )


def _verdict(car: motion.Speedometer) -> str:
    """What the slope means: the car stood still, or an estimate of the velocity mid-way."""
    avg = car.average
    assert avg is not None and car.velocity is not None and car.middle is not None
    span = f"from {numbers.text(avg.t1)} s to {numbers.text(avg.t2)} s"
    if avg.standing_still:
        return (
            f"Average velocity {span}: 0 m/s. The distance stayed at {numbers.text(avg.d1)} m: "
            "no rise, so the car was standing still."
        )
    about = "" if numbers.is_exact(car.velocity) else "≈ "
    middle = numbers.text(car.middle)
    return (
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
