"""The calculator's point x0 as a touch unit (dashboard.touch): its control (101 positions,
-5 to 5 in steps of 0.1, `?x0=` as the old slider wrote it), its picture (f and f', fixed) and a
row per position (the tangent and the point, f'(x0) or why it does not exist, the legend, the
text alternative), from core.slope_at_point.slope_grid, worked out once per function.
"""

from __future__ import annotations

import math

import streamlit as st

from core.differentiability import PointKind
from core.expression_worker import analyse
from core.slope_at_point import X0_STEPS, GridTooSlow, SlopeAtPoint, SlopeGrid, slope_grid
from dashboard import controls, numbers, touch
from dashboard.charts import COLORS

X_RANGE = (-5.0, 5.0)
X0_DEFAULT = 1.0
# Longest the 101 positions of x0 may take to work out in the server's thread
# (core.slope_at_point.slope_grid checks between positions; 11-41 ms measured for the
# examples and the heaviest accepted inputs, on a loaded 2-core machine); beyond it x0 stays
# a plain Streamlit slider for that function.
GRID_TIME_LIMIT_SECONDS = 1.0
X0_HELP = "The tangent and the three ways to compute f'(x₀) are taken at this point."

# What the learner reads where f'(x0) does not exist, per verdict of core.differentiability.
NO_DERIVATIVE = {
    PointKind.CORNER: "x₀ = {x} is a corner",
    PointKind.CUSP: "x₀ = {x} is a cusp",
    PointKind.JUMP: "f jumps at x₀ = {x}",
    PointKind.VERTICAL_TANGENT: "the tangent there is vertical",
    PointKind.OSCILLATING: "the difference quotients keep swinging as h shrinks",
    PointKind.UNDEFINED: "f is not defined at x₀ or on one side of it",
}


def _side(limit: float) -> str:
    if math.isnan(limit):
        return "they do not settle"
    if math.isinf(limit):
        return f"they run off to {numbers.text(limit)}"
    return f"they settle near {numbers.text(limit)}"


def metric(point: SlopeAtPoint) -> tuple[str, str]:
    """The metric's label and value: f'(x0), exact or '≈', or 'does not exist'."""
    at = numbers.text(point.x0)
    if point.exists:
        value = numbers.text(point.slope, 6)
        shown = value if numbers.is_exact(point.slope, 6) else f"≈ {value}"
    else:
        shown = "does not exist"
    return f"f'(x₀) at x₀ = {at}", shown


def why_not(point: SlopeAtPoint) -> str:
    """Where f'(x0) does not exist: why, with the one-sided quotients."""
    at = numbers.text(point.x0)
    why = NO_DERIVATIVE[point.kind].format(x=at)
    sides = ""
    if point.kind is not PointKind.UNDEFINED:
        sides = (
            f" The one-sided difference quotients: from the left {_side(point.left_limit)}, "
            f"from the right {_side(point.right_limit)}."
        )
    return f"f′({at}) does not exist: {why}.{sides}"


def x0_control(x0_key: str) -> touch.Control:
    return touch.Control(
        label="Point x₀",
        param=x0_key,
        values=X0_STEPS,
        default=X0_DEFAULT,
        hint=X0_HELP + " Or drag the point on the curve.",
    )


def _on_grid(control: touch.Control):
    def accept(text: str) -> float | None:
        """A link's x0 as the old slider took it: a number from -5 to 5 in steps of 0.1."""
        try:
            wanted = float(text.strip())
        except (TypeError, ValueError):
            return None
        i = control.index_of(wanted) if math.isfinite(wanted) else None
        return None if i is None else control.values[i]

    return accept


def seed_x0(control: touch.Control) -> None:
    """On the first run, take the link's x0, else the default with the old slider's note."""
    controls._seed_from_link(
        control.param,
        control.label,
        control.default,
        _on_grid(control),
        f"a number from {numbers.text(X_RANGE[0])} to {numbers.text(X_RANGE[1])} in steps of 0.1",
    )


@st.cache_resource(show_spinner=False, max_entries=16)  # read only: the same objects each time
def unit_rows(text: str) -> tuple[SlopeGrid, touch.Picture, list[touch.Row]] | None:
    """The verdict at every x0 for the function (canonical text), the unit's picture and its
    rows: worked out once per function. None (kept too, so that a slow function costs its
    time once) when the positions take longer than GRID_TIME_LIMIT_SECONDS."""
    analysis = analyse(text)
    try:
        grid = slope_grid(
            analysis.expression,
            analysis.derivation.result,
            X0_STEPS,
            X_RANGE,
            time_limit=GRID_TIME_LIMIT_SECONDS,
        )
    except GridTooSlow:
        return None
    return grid, _picture(grid), [_row(p, grid) for p in grid.points]


def _picture(grid: SlopeGrid) -> touch.Picture:
    """What stays while x0 moves: f and f' over the window, the legend, the draggable point."""
    curves = grid.curves

    def curve(name: str) -> list:
        part = curves[curves["curve"] == name]
        return part[["x", "y"]].to_numpy().tolist()

    return touch.Picture(
        x=X_RANGE,
        y=grid.y_domain,
        x_title="x",
        y_title="y",
        description=window_text(),
        layers=(
            touch.line(curve("f(x)"), COLORS["function"]),
            touch.line(curve("f'(x)"), COLORS["derivative"], dash=True),
        ),
        legend=(
            touch.Key("f(x)", COLORS["function"]),
            touch.Key("f'(x)", COLORS["derivative"], dash=True),
            touch.Key("tangent", COLORS["tangent"]),
        ),
        drags=(
            touch.Drag(control=0, at=tuple(_handle(p) for p in grid.points), color=COLORS["point"]),
        ),
    )


def _handle(point: SlopeAtPoint) -> tuple[float, float]:
    """Where the point (the drag's handle) sits: on f, or at the window's bottom where f is
    undefined."""
    if math.isfinite(point.f_x0):
        return (point.x0, point.f_x0)
    return (point.x0, point.picture.y_domain[0])


def _row(point: SlopeAtPoint, grid: SlopeGrid) -> touch.Row:
    """What the unit shows at one x0: the tangent and the point, f'(x0) or why it does not
    exist, the legend and the text alternative; in its own window where f(x0) lies outside
    the picture's."""
    x0 = point.x0
    drawn = point.exists and math.isfinite(point.f_x0)
    layers = []
    if drawn:
        half = (X_RANGE[1] - X_RANGE[0]) / 6
        ends = (x0 - half, x0 + half)
        layers.append(
            touch.line([(x, point.f_x0 + point.slope * (x - x0)) for x in ends], COLORS["tangent"])
        )
    if math.isfinite(point.f_x0):
        layers.append(touch.points([(x0, point.f_x0)], COLORS["point"], labels=["x₀"]))
    label, shown = metric(point)
    window = point.picture.y_domain
    return touch.row(
        layers,
        metrics=[(label, shown)],
        notes=[why_not(point)] if not point.exists else [],
        legend=[
            "f(x)",
            "f'(x)",
            f"tangent, slope {shown}" if drawn else "tangent: none here",
        ],
        alt=description(point),
        window=None if window == grid.y_domain else touch.Window(x=X_RANGE, y=window),
    )


def window_text() -> str:
    return f"f (solid) and f' (dashed) for x from {numbers.text(X_RANGE[0])} to " + (
        f"{numbers.text(X_RANGE[1])}; "
    )


def description(point: SlopeAtPoint) -> str:
    x0 = point.x0
    if point.exists and math.isfinite(point.f_x0):
        return window_text() + (
            f"the tangent at x₀ = {numbers.text(x0)} touches f where f(x₀) "
            f"{numbers.eq_text(point.f_x0)}, with slope f′(x₀) {numbers.eq_text(point.slope)}."
        )
    return window_text() + f"at x₀ = {numbers.text(x0)} there is no tangent."
