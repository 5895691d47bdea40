"""A page with one touch unit over two knobs (a cross grid), for the kit's browser tests.

Each row says which position it belongs to and how many times Python has run, so a test can
tell a row the browser picked from a row Python sent after a rerun.
"""

import streamlit as st

from dashboard import touch

A = touch.Control("Knob a", "a", values=tuple(range(11)), default=3, hint="Or drag the dot.")
B = touch.Control("Knob b", "b", values=tuple(k / 10 for k in range(21)), default=1.0)

st.session_state["runs"] = st.session_state.get("runs", 0) + 1
runs = st.session_state["runs"]
a, b = touch.value(A), touch.value(B)


# From b = 1.6 on, a row asks for a taller window (a scale that follows a control).
TALL = touch.Window(x=(0, 10), y=(0, 20))


def row(ai: int, bi: float) -> touch.Row:
    return touch.row(
        [
            touch.points([(ai, bi * 5)], "#D55E00", labels=[f"({ai}, {bi})"]),
            touch.pooled(0, upto=ai + 1),  # the parabola's first a + 1 points: a growing path
        ],
        tex=[rf"a + 10 b = {ai} + 10 \cdot {bi}"],
        metrics=[("a", str(ai)), ("b", str(bi)), ("sent by run", str(runs))],
        notes=[f"a is {ai}"] if ai > 8 else [],
        legend=["the diagonal", f"the point ({ai}, {bi})"],
        alt=f"The point sits at a = {ai}, b = {bi}.",
        window=TALL if bi >= 1.6 else None,
    )


picture = touch.Picture(
    x=(0, 10),
    y=(0, 10),
    x_title="a",
    y_title="5 b",
    description="A point on a grid.",
    layers=(
        touch.line([(0, 0), (10, 10)], "#0072B2"),
        touch.points([(10, 10)], "#0072B2", labels=["corner"]),  # a label that never moves
    ),
    legend=(touch.Key("diagonal", "#0072B2"), touch.Key("point", "#D55E00", dash=True)),
    drags=(touch.Drag(0, tuple((ai, b * 5) for ai in A.values)),),
)
touch.touch_unit(
    "knobs",
    [A, B],
    picture,
    [[row(ai, b) for ai in A.values], [row(a, bi) for bi in B.values]],
    pool=[touch.line([(k, k * k / 10) for k in A.values], "#009E73", width=1.5)],
)
st.write(f"Python holds a = {a}, b = {b} (run {runs}).")
