"""ln x through the inverse-function rule: mirror a graph in y = x and rises become runs, so
g'(y) = 1 / f'(x), where y = f(x) and f'(x) != 0; with f = e^x, g = ln: (ln y)' = 1/y.

The point y is the range input of a touch unit (`dashboard.touch`): both slopes, the numbers,
the rule worked and (for ln) the verdict follow the hand in the browser; the pair stays a
Streamlit choice.

URL keys: `pair` (square, exp), `y` point y. The log-loss page links here with ?rule=ln.
"""

from __future__ import annotations

import streamlit as st

from app_pages.rules.picture import question_heading, shown
from core.special_derivatives import (
    INVERSE_PAIRS,
    InversePair,
    InverseWorking,
    inverse_grid,
    inverse_slope,
)
from dashboard import charts, numbers, touch
from dashboard.controls import url_choice
from dashboard.layout import quiz_number

C = charts.COLORS


def draw() -> None:
    st.markdown(
        "Mirror a graph in the line y = x and you get the inverse function: rises become runs, "
        "so slopes turn upside down, **g′(y) = 1 / f′(x)**, where y = f(x) and f′(x) ≠ 0. "
        "With f = eˣ and g = ln: (ln y)′ = 1/y."
    )
    inverse_picture()
    question_heading()
    quiz_number(
        "ln_slope",
        "What is the slope of ln y at y = 4?",
        0.25,
        tolerance=1e-3,
        explanation="(ln y)′ = 1/y, so at y = 4 it is 1/4 = 0.25: there eˣ = 4 has slope 4.",
    )


Y = touch.Control(
    label="point y",
    param="y",
    values=tuple(round(i / 10, 1) for i in range(2, 41)),  # the old slider's 0.1 steps
    default=2.0,
    hint="Or drag the point on g's curve left or right.",
)
KEY = "inverse_touch"


@st.cache_resource(show_spinner=False, max_entries=8)  # read only: the same objects each time
def _unit(pair_name: str) -> tuple[touch.Picture, list[touch.Row]]:
    """The unit's frame and a row for every height y, once per pair."""
    works = inverse_grid(pair_name, Y.values)
    return _frame(pair_name, works), [_row(pair_name, w) for w in works]


@st.fragment
def inverse_picture() -> None:
    pair_name = url_choice(
        "function and its inverse",
        "pair",
        options=list(INVERSE_PAIRS),
        default="square",
        labels={"square": "x² and √y", "exp": "eˣ and ln y"},
        widget="segmented",
    )
    frame, rows = _unit(pair_name)
    touch.touch_unit(KEY, [Y], frame, [rows])
    dy = inverse_slope(pair_name, float(Y.default)).dy
    st.caption(
        "The inverse-function rule: g′(y) = 1 / f′(x), where y = f(x) and f′(x) ≠ 0. Measured: "
        f"(g(y + dy) − g(y − dy)) / 2dy with dy = {numbers.text(dy)}."
    )


def _series(pair: InversePair) -> tuple[str, str]:
    return f"f(x) = {pair.f_name}", f"g(y) = {pair.g_name}"


def _frame(pair_name: str, works: tuple[InverseWorking, ...]) -> touch.Picture:
    """What stays while y moves: the window, f, g and the mirror, the legend, the point on g."""
    curves = works[0].curves
    f_series, g_series = _series(works[0].pair)
    low = float(min(curves["x"].min(), curves["y"].min()))
    high = float(max(curves["x"].max(), curves["y"].max()))
    window = (low - 0.2, high + 0.2)

    def drawn(series: str, color: str, dash: bool = False) -> touch.Layer:
        part = curves[curves["series"] == series]
        points = list(zip(part["x"].tolist(), part["y"].tolist(), strict=True))
        return touch.line(points, color, dash=dash)

    middle = (
        r"\frac{1}{2x} = \frac{1}{2\sqrt{y}}"
        if pair_name == "square"
        else r"\frac{1}{e^{x}} = \frac{1}{y}"
    )
    return touch.Picture(
        x=window,
        y=window,
        x_title="input",
        y_title="output",
        description=_description(works[Y.index_of(Y.default)]),
        layers=(
            drawn("mirror y = x", C["muted"], dash=True),
            drawn(f_series, C["function"]),
            drawn(g_series, C["derivative"]),
        ),
        legend=(
            touch.Key(f_series, C["function"]),
            touch.Key(g_series, C["derivative"]),
            touch.Key("mirror y = x", C["muted"], dash=True),
            touch.Key("slope f'(x)", C["tangent"]),
            touch.Key("slope g'(y)", C["secant"]),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(w.y), float(w.x)) for w in works),
                axis="x",
                color=C["derivative"],
            ),
        ),
        height=380,
        x_ticks=touch.nice_ticks(*window, 8),
        y_ticks=touch.nice_ticks(*window, 8),
        tex=(
            r"\begin{aligned}"
            + rf"g'(y) &= \frac{{1}}{{f'(x)}} = {middle} \\ "
            + r"&= \frac{1}{@0} @1"
            + r"\end{aligned}",
        ),
    )


def _row(pair_name: str, work: InverseWorking) -> touch.Row:
    """What the unit shows at one y: both slopes as lines through (x, y) and (y, x), the
    numbers, the rule worked, and for ln the verdict."""
    x, y = float(work.x), float(work.y)
    notes = []
    if pair_name == "exp":
        notes.append(
            f"So (ln y)′ = 1/y: at y = {numbers.text(work.y)} the slope of ln "
            f"{numbers.eq_text(work.reciprocal)}."
        )
    return touch.row(
        [
            touch.line(_through(x, y, float(work.f_slope)), C["tangent"], width=2),
            touch.line(_through(y, x, float(work.reciprocal)), C["secant"], width=2),
            touch.points([(x, y), (y, x)], C["point"], labels=["(x, y)", "(y, x)"]),
        ],
        tex=[touch.filled(0, [_f_slope_tex(pair_name, work.y), numbers.eq_tex(work.reciprocal)])],
        metrics=[
            ("x = g(y)", shown(work.x)),
            ("f'(x)", shown(work.f_slope)),
            ("1 / f'(x)", shown(work.reciprocal)),
            ("g'(y) measured (central difference)", shown(work.measured.g_quotient)),
        ],
        notes=notes,
        alt=_description(work),
    )


def _through(x: float, y: float, slope: float) -> list[tuple[float, float]]:
    """The line through (x, y) with this slope, from x - 0.5 to x + 0.5."""
    return [(x - 0.5, y - 0.5 * slope), (x + 0.5, y + 0.5 * slope)]


def _description(work: InverseWorking) -> str:
    """The picture in one sentence, for screen readers: it follows y."""
    pair = work.pair
    return (
        f"{' '.join(filter(None, [pair.f_name, pair.domain]))} and its inverse "
        f"{pair.g_name}, mirrored in y = x. At y = "
        f"{numbers.text(work.y)}: x {numbers.eq_text(work.x)}, f'(x) "
        f"{numbers.eq_text(work.f_slope)}, g'(y) {numbers.eq_text(work.reciprocal)}."
    )


def _f_slope_tex(pair_name: str, y: object) -> str:
    """f'(x) written exactly: e^x = y for the exponential, 2x = 2 sqrt(y) for the square."""
    if pair_name == "exp":
        return numbers.tex(y)
    return rf"2\sqrt{{{numbers.tex(y)}}}"
