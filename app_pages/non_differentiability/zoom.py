"""Section 1, part 2: the zoom. dx under the learner's hand, the picture and the working with it.

One call, `core.zoom.zoom_grid(f, x0, DX.values)`, gives the unit at every dx: the two slopes
and the values they use, and the picture of f magnified by 1/dx around (x0, f(x0)) (at dx = 1
it is f on x0 ± 2; as dx shrinks it zooms in, the secants always one dx long). The touch unit
(dashboard.touch) holds a row per dx, so the picture, the worked quotients and the slopes follow
the hand in the browser; after a pause dx reaches Python, which redraws the table of slopes
for dx = 1, 0.1, ... down to dx.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.non_differentiability.point import Target
from core.differentiability import PointKind, PointReport
from core.errors import LearnerError
from core.zoom import ZoomGrid, ZoomPicture, ZoomView, zoom_grid
from dashboard import charts, numbers, touch
from dashboard.layout import friendly_error, numbers_table
from dashboard.markup import message_text

# dx from 1 down to 1e-6, ten steps a decade (1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15,
# 0.12, 0.1, ...): every value the old slider had (1, 0.5, 0.2, 0.1, ..., 1e-6) is one of them,
# so its links still work. Each is the double a link's text reads as (float("1.2e-3")).
_MANTISSAS = ("1", "0.8", "0.6", "0.5", "0.4", "0.3", "0.25", "0.2", "0.15", "0.12")
DX_STEPS: tuple[float, ...] = tuple(float(f"{m}e-{k}") for k in range(6) for m in _MANTISSAS) + (
    1e-6,
)
DEFAULT_DX = 0.1
SIG = 6  # slopes and values are shown to 6 significant digits

DX = touch.Control(
    label="dx, how far each secant reaches from x0 (drag right to zoom in)",
    param="dx",
    values=DX_STEPS,
    default=DEFAULT_DX,
)

LEFT = charts.COLORS["left"]
RIGHT = charts.COLORS["tangent"]
KIND_WORDS = {
    PointKind.DIFFERENTIABLE: "differentiable",
    PointKind.CORNER: "corner",
    PointKind.CUSP: "cusp",
    PointKind.JUMP: "jump",
    PointKind.VERTICAL_TANGENT: "vertical tangent",
    PointKind.OSCILLATING: "no limit",
    PointKind.UNDEFINED: "undefined",
}
POINT_LABELS = {"x0 - dx": "x0 − dx", "x0": "x0", "x0 + dx": "x0 + dx"}


def value_text(value: float | Fraction, sig: int = SIG) -> str:
    """A slope or a value as the learner reads it: '≈' where it is rounded."""
    return numbers.shown(value, sig)


def printed_slope(slope: float, quotient: Fraction | None) -> float | Fraction:
    """The slope the page prints: the quotient worked exactly from the values as they read
    where it has at most SIG digits ((1 − 0)/0.00008 = 12,500), else the computed double
    (the division of doubles gives 12500.000000000002, which would read '≈ 12,500')."""
    if quotient is not None and Fraction(numbers.round_sig(quotient, SIG)) == quotient:
        return quotient
    return slope


def printed_slopes(view: ZoomView) -> tuple[float | Fraction, float | Fraction, str]:
    """The left and right slopes as printed, and their gap right − left as text: exact
    where both slopes are, 0 where the values as they read give equal slopes, '≈ 0' below
    round-off (ZoomView.read_gap), else to the digits round-off leaves (gap_digits)."""
    left = printed_slope(view.left_slope, view.left_quotient)
    right = printed_slope(view.right_slope, view.right_quotient)
    if isinstance(left, Fraction) and isinstance(right, Fraction):
        return left, right, value_text(right - left)
    gap = view.read_gap
    if isinstance(gap, Fraction):
        return left, right, value_text(gap)
    if gap == 0:  # below round-off: not a number to print digits of
        return left, right, "≈ 0"
    return left, right, value_text(gap, view.gap_digits)


@st.fragment
def draw(target: Target, report: PointReport) -> None:
    """The touch unit (dx, the magnified picture, the worked quotients, both slopes and the
    verdict), then the table of slopes down to the dx the learner stopped at."""
    dx = touch.value(DX)
    try:
        frame, rows, views = _unit(
            target.identity, target.x0, target.half_width, str(report.kind), target
        )
    except LearnerError as problem:
        friendly_error(message_text(problem))
        return
    touch.touch_unit("zoom_touch", [DX], frame, [rows])
    view = views[DX.index_of(dx)]
    numbers_table(_table(view))


def _table(view: ZoomView) -> pd.DataFrame:
    """The slopes for dx = 1, 0.1, ... down to dx, as the page prints them."""

    def column(side: str) -> list[str]:
        pairs = zip(view.table[f"{side}_slope"], view.table[f"{side}_quotient"], strict=True)
        return [
            value_text(printed_slope(v, q if isinstance(q, Fraction) else None)) for v, q in pairs
        ]

    return pd.DataFrame(
        {
            "dx": [numbers.text(v) for v in view.table["dx"]],
            "left slope": column("left"),
            "right slope": column("right"),
        }
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _unit(
    identity: str, x0: float, half_width: float, kind: str, _target: Target
) -> tuple[touch.Picture, list[touch.Row], tuple[ZoomView, ...]]:
    """The unit's picture, its row at every dx and the views they show: the same for every
    move of dx, so a pause's rerun reads them back instead of working them out again (the
    function is named by `identity`, the case or the typed function's canonical text)."""
    grid = zoom_grid(_target.function, x0, DX.values, half_width)
    rows = [
        _row(_target, PointKind(kind), view, picture)
        for view, picture in zip(grid.views, grid.pictures, strict=True)
    ]
    return _frame(_target, grid), rows, grid.views


def _in_dx(value: float) -> str:
    """A tick of the magnified picture, in steps of dx: −2dx, −dx, 0, dx, 0.5dx."""
    if value == 0:
        return "0"
    size = "" if abs(value) == 1 else numbers.text(abs(value))
    return f"{numbers.MINUS if value < 0 else ''}{size}dx"


def _frame(target: Target, grid: ZoomGrid) -> touch.Picture:
    """What stays while dx moves: the window in steps of dx, the axes, the legend."""
    low, high = grid.u_range
    x_ticks = tuple((float(k), _in_dx(k)) for k in range(math.ceil(low), math.floor(high) + 1))
    y_ticks = tuple((at, _in_dx(at)) for at, _ in touch.nice_ticks(*grid.v_range))
    drawn = any(p.left_secant or p.right_secant for p in grid.pictures)
    shifted = grid.views[0].shifted
    return touch.Picture(
        x=grid.u_range,
        y=grid.v_range,
        x_title="x − x0",
        y_title="f(x) − f(x0)" if shifted else "f(x)",
        description=(
            f"{target.text} near x0 = {numbers.text(target.x0)}, magnified so that dx always "
            "spans the same width: where the derivative exists, the graph straightens into "
            "one line that is not vertical."
        ),
        legend=(
            touch.Key("f", charts.COLORS["function"]),
            touch.Key("left secant", LEFT),
            touch.Key("right secant", RIGHT, dash=True),
        )
        if drawn
        else (),
        height=320,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
    )


def _slope_name(side: str, slope: float | Fraction) -> str:
    if not isinstance(slope, Fraction) and math.isnan(slope):
        return f"{side}: none here"
    return f"{side}, slope {value_text(slope)}"


def _row(target: Target, kind: PointKind, view: ZoomView, picture: ZoomPicture) -> touch.Row:
    """What the unit shows at one dx."""
    function = charts.COLORS["function"]
    layers = [touch.line(picture.left_curve, function), touch.line(picture.right_curve, function)]
    if picture.left_secant is not None:
        layers.append(touch.line(picture.left_secant, LEFT))
    if picture.right_secant is not None:
        layers.append(touch.line(picture.right_secant, RIGHT, dash=True))
    names = list(picture.points)
    layers.append(
        touch.points(
            [picture.points[name] for name in names],
            charts.COLORS["point"],
            labels=[POINT_LABELS[name] for name in names],
        )
    )
    undefined = math.isnan(view.left_slope) or math.isnan(view.right_slope)
    left, right, gap = printed_slopes(view)
    return touch.row(
        layers,
        tex=[worked_maths(view)],
        metrics=[
            ("Left slope", value_text(left)),
            ("Right slope", value_text(right)),
            ("Right − left", gap),
            ("Verdict as dx → 0", KIND_WORDS[kind]),
        ],
        notes=([missing_values(view)] if undefined else []) + _off_notes(view, picture),
        legend=[
            "f",
            _slope_name("left secant", left),
            _slope_name("right secant", right),
        ],
        alt=_description(target, view, picture),
    )


def _off_notes(view: ZoomView, picture: ZoomPicture) -> list[str]:
    """Why a side of the graph is not in the picture: magnified by 1/dx, it left."""
    if not view.shifted:
        return []
    return [
        f"{side.capitalize()} of x0 the graph lies {off} the picture: magnified by "
        "1/dx, its distance from f(x0) no longer fits."
        for side, off in picture.off.items()
    ]


def _description(target: Target, view: ZoomView, picture: ZoomPicture) -> str:
    """The picture at this dx in one sentence, for screen readers."""
    low, high = picture.x_window
    window = (
        f"{target.text}, drawn for x from {numbers.text(low, SIG)} to "
        f"{numbers.text(high, SIG)} (x0 ± 2dx, magnified to the same width at every dx)"
    )
    if math.isnan(view.left_slope) or math.isnan(view.right_slope):
        return f"{window}; {missing_values(view)}"
    left, right, _ = printed_slopes(view)
    return (
        f"{window}, with the left secant (slope {value_text(left)}) and the "
        f"right secant (slope {value_text(right)})."
    )


def _eq(value: float) -> str:
    """'= 10' or '≈ 0.544021': a value introduced as exact only when it is."""
    shown = value_text(value)
    return shown if shown.startswith("≈") else f"= {shown}"


def missing_values(view: ZoomView) -> str:
    """Which values of f a missing secant lacks: f(x0) itself, or f on one side."""
    left, right = numbers.text(view.x0 - view.dx), numbers.text(view.x0 + view.dx)
    if "x0" in view.missing:
        beside = (
            f"; f({left}) {_eq(view.f_left)} and "
            f"f({right}) {_eq(view.f_right)} exist, but a secant needs both "
            "of its ends"
            if not {"left", "right"} & set(view.missing)
            else ""
        )
        return f"f has no value at x0 = {numbers.text(view.x0)}, so no secant is drawn{beside}."
    sides = [
        f"f({at}) does not exist, so the {name} secant is not drawn"
        for at, name in ((left, "left"), (right, "right"))
        if name in view.missing
    ]
    return "; ".join(sides) + "."


def _shown_value(value: float | Fraction, sig: int = SIG) -> Fraction:
    """The value exactly as the page prints it (sig significant digits)."""
    if numbers.is_exact(value, sig):
        return numbers.exact_value(value)
    return Fraction(numbers.round_sig(value, sig))


def _value_digits(values: tuple[float, float], slope: float | Fraction, dx: float) -> int:
    """The fewest digits (from SIG up to 17) for f's two values whose difference over dx gives
    the slope's shown digits: (1.000002 − 1)/10⁻⁶, not (1 − 1)/10⁻⁶."""
    target = _shown_value(slope)
    for sig in range(SIG, 18):
        top, bottom = (_shown_value(v, sig) for v in values)
        if Fraction(numbers.round_sig((top - bottom) / numbers.exact_value(dx), SIG)) == target:
            return sig
    return SIG


def _quotient(
    name: str,
    first: str,
    second: str,
    values: tuple[float, float],
    slope: float | Fraction,
    view: ZoomView,
) -> str:
    """One quotient, a row per step: '=' where the printed digits are the values exactly and
    where they give the printed slope, '≈' where not."""
    a, h = numbers.tex(view.x0), numbers.tex(view.dx)
    top, bottom = values
    undefined = any(math.isnan(v) for v in (top, bottom, slope))
    sig = SIG if undefined else _value_digits(values, slope, view.dx)
    shown = [numbers.tex(v, sig) for v in values]
    subtrahend = f"({shown[1]})" if bottom < 0 else shown[1]  # 1 - 0.25, 0 - (-0.464159)
    rows = [rf"\text{{{name}}} &= {first}", rf"&= {second.format(a=a, h=h)}"]
    if undefined:
        rows.append(rf"&= \frac{{{shown[0]} - {subtrahend}}}{{{h}}} = \text{{undefined}}")
        return r" \\ ".join(rows)
    exact_values = all(numbers.is_exact(v, sig) for v in values)
    from_digits = (_shown_value(top, sig) - _shown_value(bottom, sig)) / numbers.exact_value(
        view.dx
    )
    # '=' only where the digits give the slope itself, not just its rounded digits
    gives = numbers.is_exact(slope, SIG) and from_digits == _shown_value(slope)
    first_rel = "=" if exact_values else r"\approx"
    second_rel = "=" if gives else r"\approx"
    rows.append(
        rf"&{first_rel} \frac{{{shown[0]} - {subtrahend}}}{{{h}}}"
        rf" {second_rel} {numbers.tex(slope, SIG)}"
    )
    return r" \\ ".join(rows)


def worked_maths(view: ZoomView) -> str:
    """Both quotients with the numbers filled in, as one formula (one typesetting per move),
    a row per step so that it fits a phone's width."""
    left_slope, right_slope, _ = printed_slopes(view)
    left = _quotient(
        "left slope",
        r"\frac{f(x_0) - f(x_0 - dx)}{dx}",
        r"\frac{{f({a}) - f({a} - {h})}}{{{h}}}",
        (view.f_x0, view.f_left),
        left_slope,
        view,
    )
    right = _quotient(
        "right slope",
        r"\frac{f(x_0 + dx) - f(x_0)}{dx}",
        r"\frac{{f({a} + {h}) - f({a})}}{{{h}}}",
        (view.f_right, view.f_x0),
        right_slope,
        view,
    )
    return rf"\begin{{aligned}}{left} \\[6pt]{right}\end{{aligned}}"
