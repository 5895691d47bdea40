"""classify_point and the one-sided difference quotients, against closed forms and SymPy."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from core.corner_gallery import GALLERY, RELU_SUBGRADIENT_AT_0, relu, relu_slopes
from core.differentiability import (
    PointKind,
    classify_point,
    describe_point,
    evaluate,
    one_sided_slopes,
)
from core.errors import LearnerError
from core.zoom import clip_segment, curve_sides, display_range


def step_at(a: float):
    return lambda x: np.where(np.asarray(x) >= a, 1.0, 0.0)


def x_sin_inverse_x(x: float) -> float:
    return x * math.sin(1 / x) if x != 0 else 0.0


def x_squared_sin_inverse_x(x: float) -> float:
    return x * x * math.sin(1 / x) if x != 0 else 0.0


# (name, f, x0, expected kind); at least 20 functions, the gallery plus shifted, scaled and
# disguised variants. None of them is looked up: the verdict comes from the quotients.
CASES = [
    ("abs at 0", np.abs, 0.0, PointKind.CORNER),
    ("abs(x - 2) at 2", lambda x: np.abs(x - 2), 2.0, PointKind.CORNER),
    ("3 abs at 0", lambda x: 3 * np.abs(x), 0.0, PointKind.CORNER),
    ("sqrt(x^2) at 0", lambda x: np.sqrt(x**2), 0.0, PointKind.CORNER),
    ("abs(x^2 - 1) at 1", lambda x: np.abs(x**2 - 1), 1.0, PointKind.CORNER),
    ("abs(sin x) at pi", lambda x: np.abs(np.sin(x)), math.pi, PointKind.CORNER),
    ("relu at 0", relu, 0.0, PointKind.CORNER),
    ("1e-4 abs at 0 (a tiny corner)", lambda x: 1e-4 * np.abs(x), 0.0, PointKind.CORNER),
    ("abs + 50 x^2 at 0", lambda x: np.abs(x) + 50 * x**2, 0.0, PointKind.CORNER),
    ("flat then cube root at 0", lambda x: np.maximum(0, np.cbrt(x)), 0.0, PointKind.CORNER),
    ("python math sqrt(x*x) at 0", lambda x: math.sqrt(x * x), 0.0, PointKind.CORNER),
    ("x^(2/3) at 0", lambda x: np.cbrt(x) ** 2, 0.0, PointKind.CUSP),
    ("x^(2/3) + x at 0", lambda x: np.cbrt(x) ** 2 + x, 0.0, PointKind.CUSP),
    ("(x - 1)^(2/3) at 1", lambda x: np.cbrt(x - 1) ** 2, 1.0, PointKind.CUSP),
    ("sqrt|x| at 0", lambda x: np.sqrt(np.abs(x)), 0.0, PointKind.CUSP),
    ("step at 0", step_at(0.0), 0.0, PointKind.JUMP),
    ("step at 1", step_at(1.0), 1.0, PointKind.JUMP),
    ("sign at 0", np.sign, 0.0, PointKind.JUMP),
    ("floor at 2", np.floor, 2.0, PointKind.JUMP),
    (
        "x^2 with f(0) = 1 (a hole filled wrongly)",
        lambda x: np.where(x == 0, 1.0, x**2),
        0.0,
        PointKind.JUMP,
    ),
    ("cube root at 0", np.cbrt, 0.0, PointKind.VERTICAL_TANGENT),
    ("x^(1/5) at 0", lambda x: np.sign(x) * np.abs(x) ** 0.2, 0.0, PointKind.VERTICAL_TANGENT),
    ("-cube root at 0", lambda x: -np.cbrt(x), 0.0, PointKind.VERTICAL_TANGENT),
    ("cube root of (x - 3) at 3", lambda x: np.cbrt(x - 3), 3.0, PointKind.VERTICAL_TANGENT),
    ("1/x at 0", lambda x: 1 / x, 0.0, PointKind.UNDEFINED),
    ("1/(x - 1) at 1", lambda x: 1 / (x - 1), 1.0, PointKind.UNDEFINED),
    ("sqrt at 0 (nothing on the left)", np.sqrt, 0.0, PointKind.UNDEFINED),
    ("log at -1", np.log, -1.0, PointKind.UNDEFINED),
    ("python 1/x at 0 (raises)", lambda x: 1 / float(x), 0.0, PointKind.UNDEFINED),
    ("x^2 at 1", lambda x: x**2, 1.0, PointKind.DIFFERENTIABLE),
    ("x|x| at 0", lambda x: x * np.abs(x), 0.0, PointKind.DIFFERENTIABLE),
    ("sin at 0", np.sin, 0.0, PointKind.DIFFERENTIABLE),
    ("exp at 0", np.exp, 0.0, PointKind.DIFFERENTIABLE),
    ("x^3 at 0 (flat, not a corner)", lambda x: x**3, 0.0, PointKind.DIFFERENTIABLE),
    ("x^(4/3) at 0", lambda x: np.cbrt(x) ** 4, 0.0, PointKind.DIFFERENTIABLE),
    ("abs at 1 (away from the corner)", np.abs, 1.0, PointKind.DIFFERENTIABLE),
    ("cube root at 1", np.cbrt, 1.0, PointKind.DIFFERENTIABLE),
    (
        "1e6 + x^2 at 0 (round-off is not a corner)",
        lambda x: 1e6 + x**2,
        0.0,
        PointKind.DIFFERENTIABLE,
    ),
    ("exp at 20 (large values)", np.exp, 20.0, PointKind.DIFFERENTIABLE),
    ("a constant given as a plain float", lambda x: 5.0, 0.0, PointKind.DIFFERENTIABLE),
    ("x^2 sin(1/x) with f(0) = 0", x_squared_sin_inverse_x, 0.0, PointKind.DIFFERENTIABLE),
    (
        "x sin(1/x) with f(0) = 0 (slopes swing like sin(1/dx))",
        x_sin_inverse_x,
        0.0,
        PointKind.OSCILLATING,
    ),
]


@pytest.mark.parametrize(("name", "f", "x0", "expected"), CASES, ids=[c[0] for c in CASES])
def test_classify_point_names_the_kind_of_point(name, f, x0, expected):
    assert classify_point(f, x0) == expected


def test_the_case_list_covers_at_least_twenty_functions_and_every_kind():
    assert len(CASES) >= 20
    assert {case[3] for case in CASES} == set(PointKind)


def test_point_kind_values_are_the_strings_the_page_and_links_use():
    assert [kind.value for kind in PointKind] == [
        "differentiable",
        "corner",
        "cusp",
        "jump",
        "vertical_tangent",
        "oscillating",
        "undefined",
    ]
    assert PointKind("corner") is PointKind.CORNER


x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(
    ("expr", "x0", "f"),
    [
        (sympy.Abs(x), 0, np.abs),
        (3 * sympy.Abs(x), 0, lambda t: 3 * np.abs(t)),
        (sympy.Abs(x - 2), 2, lambda t: np.abs(t - 2)),
        (sympy.Abs(x**2 - 1), 1, lambda t: np.abs(t**2 - 1)),
        (sympy.Max(0, x), 0, relu),
        (x**2, 1, lambda t: t**2),
    ],
)
def test_settled_one_sided_limits_match_sympy_one_sided_limits(expr, x0, f):
    h = sympy.Symbol("h", positive=True)
    left = sympy.limit((expr.subs(x, x0) - expr.subs(x, x0 - h)) / h, h, 0, "+")
    right = sympy.limit((expr.subs(x, x0 + h) - expr.subs(x, x0)) / h, h, 0, "+")
    report = describe_point(f, x0)
    assert report.left_limit == pytest.approx(float(left), abs=1e-5)
    assert report.right_limit == pytest.approx(float(right), abs=1e-5)


def test_abs_at_0_has_left_slope_minus_1_and_right_slope_1_for_every_dx():
    table = one_sided_slopes(np.abs, 0.0, [1.0, 0.1, 1e-3, 1e-6])
    assert table["left_slope"].tolist() == [-1.0, -1.0, -1.0, -1.0]
    assert table["right_slope"].tolist() == [1.0, 1.0, 1.0, 1.0]


def test_slopes_of_square_at_1_are_2_minus_dx_and_2_plus_dx():
    dxs = np.array([1.0, 0.5, 0.1, 1e-3])
    table = one_sided_slopes(lambda t: t**2, 1.0, dxs)
    np.testing.assert_allclose(table["left_slope"], 2 - dxs, rtol=1e-12)
    np.testing.assert_allclose(table["right_slope"], 2 + dxs, rtol=1e-12)
    # the notes' secants: (1, 1) to (2, 4) has slope 3; to (1.5, 2.25) slope 2.5
    assert table["right_slope"].iloc[0] == 3.0
    assert table["right_slope"].iloc[1] == 2.5


def test_step_at_0_left_slope_blows_up_like_one_over_dx_and_right_slope_is_0():
    dxs = np.array([0.1, 1e-3, 1e-6])
    table = one_sided_slopes(step_at(0.0), 0.0, dxs)
    np.testing.assert_allclose(table["left_slope"], 1 / dxs)
    assert table["right_slope"].tolist() == [0.0, 0.0, 0.0]


def test_cusp_slopes_are_minus_and_plus_dx_to_the_minus_one_third():
    dxs = np.array([1e-3, 1e-6])
    table = one_sided_slopes(GALLERY["cusp"].function, 0.0, dxs)
    np.testing.assert_allclose(table["left_slope"], -(dxs ** (-1 / 3)), rtol=1e-9)
    np.testing.assert_allclose(table["right_slope"], dxs ** (-1 / 3), rtol=1e-9)
    assert table["right_slope"].iloc[-1] == pytest.approx(100.0)


def test_vertical_tangent_slopes_are_both_dx_to_the_minus_two_thirds():
    dxs = np.array([1e-3, 1e-6])
    table = one_sided_slopes(GALLERY["vertical"].function, 0.0, dxs)
    np.testing.assert_allclose(table["left_slope"], dxs ** (-2 / 3), rtol=1e-9)
    np.testing.assert_allclose(table["right_slope"], dxs ** (-2 / 3), rtol=1e-9)
    assert table["left_slope"].iloc[-1] == pytest.approx(10_000.0)


def test_slopes_at_a_point_outside_the_domain_are_nan():
    table = one_sided_slopes(GALLERY["undefined"].function, 0.0, [0.1])
    assert math.isnan(table["left_slope"].iloc[0])
    assert math.isnan(table["right_slope"].iloc[0])
    assert math.isnan(table["f_x0"].iloc[0])
    assert table["f_right"].iloc[0] == pytest.approx(10.0)


def test_describe_point_reports_how_each_side_runs_off():
    cusp = describe_point(GALLERY["cusp"].function, 0.0)
    assert (cusp.left_limit, cusp.right_limit) == (-math.inf, math.inf)
    vertical = describe_point(GALLERY["vertical"].function, 0.0)
    assert (vertical.left_limit, vertical.right_limit) == (math.inf, math.inf)
    jump = describe_point(GALLERY["jump"].function, 0.0)
    assert (jump.left_limit, jump.right_limit) == (math.inf, 0.0)
    assert jump.f_x0 == 1.0


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("corner", PointKind.CORNER),
        ("cusp", PointKind.CUSP),
        ("jump", PointKind.JUMP),
        ("vertical", PointKind.VERTICAL_TANGENT),
        ("undefined", PointKind.UNDEFINED),
        ("smooth", PointKind.DIFFERENTIABLE),
    ],
)
def test_each_gallery_case_is_classified_as_its_name_says(key, expected):
    case = GALLERY[key]
    assert classify_point(case.function, case.x0) == expected


def test_gallery_cube_root_is_real_for_negative_x():
    assert GALLERY["vertical"].function(np.array([-8.0]))[0] == pytest.approx(-2.0)
    assert GALLERY["cusp"].function(np.array([-8.0]))[0] == pytest.approx(4.0)


def test_gallery_points_match_the_notes():
    assert [(k, c.x0) for k, c in GALLERY.items()] == [
        ("corner", 0.0),
        ("cusp", 0.0),
        ("jump", 0.0),
        ("vertical", 0.0),
        ("undefined", 0.0),
        ("smooth", 1.0),
    ]


def test_relu_slopes_are_0_on_the_left_and_1_on_the_right():
    table = relu_slopes([0.5, 1e-3, 1e-9])
    assert table["left_slope"].tolist() == [0.0, 0.0, 0.0]
    assert table["right_slope"].tolist() == [1.0, 1.0, 1.0]
    assert 0.0 <= RELU_SUBGRADIENT_AT_0 <= 1.0


def test_evaluate_turns_errors_infinities_and_complex_values_into_nan():
    values = evaluate(lambda t: 1 / t, [0.0, 2.0])
    assert math.isnan(values[0]) and values[1] == 0.5
    values = evaluate(lambda t: np.array([1 + 0j, 1j]), [0.0, 1.0])
    assert values[0] == 1.0 and math.isnan(values[1])
    values = evaluate(lambda t: math.log(t), [-1.0, 1.0])
    assert math.isnan(values[0]) and values[1] == 0.0


@pytest.mark.parametrize("bad_x0", [math.nan, math.inf, 1e9, "two"])
def test_a_point_that_cannot_be_zoomed_into_is_a_learner_error(bad_x0):
    with pytest.raises(LearnerError):
        classify_point(np.abs, bad_x0)


@pytest.mark.parametrize("bad_dxs", [[], [0.0], [-0.1], [math.nan]])
def test_dx_must_be_positive(bad_dxs):
    with pytest.raises(LearnerError):
        one_sided_slopes(np.abs, 0.0, bad_dxs)


def test_curve_sides_keeps_the_two_sides_apart_and_leaves_out_x0():
    frame = curve_sides(np.abs, 0.0, 2.0, points=50)
    left = frame[frame["side"] == "left of x0"]
    right = frame[frame["side"] == "right of x0"]
    assert len(left) == len(right) == 50
    assert left["x"].max() < 0 < right["x"].min()
    assert left["x"].min() == -2.0 and right["x"].max() == 2.0
    np.testing.assert_allclose(frame["y"], np.abs(frame["x"]))


def test_display_range_ignores_a_pole_but_keeps_an_ordinary_curve_whole():
    xs = np.linspace(0.01, 2, 200)
    low, high = display_range(1 / xs)
    assert high < 50  # 1/0.01 = 100 would squash the picture
    low, high = display_range(xs**2)
    assert low < 0.01**2 and high > 4


def test_clip_segment_cuts_a_steep_line_at_the_edge_of_the_window():
    clipped = clip_segment((-1.0, -1000.0), (0.0, 0.0), (-2.0, 2.0), (-2.0, 2.0))
    assert clipped is not None
    (x1, y1), (x2, y2) = clipped
    assert (y1, x2, y2) == (-2.0, 0.0, 0.0)
    assert x1 == pytest.approx(-0.002)
    assert clip_segment((5.0, 5.0), (6.0, 6.0), (-1.0, 1.0), (-1.0, 1.0)) is None


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(0.01, 100),
    b=st.floats(-10, 10),
    c=st.floats(-5, 5),
)
def test_any_scaled_shifted_tilted_abs_has_a_corner_with_slopes_b_minus_a_and_b_plus_a(a, b, c):
    report = describe_point(lambda t: a * np.abs(t - c) + b * t, c)
    assert report.kind == PointKind.CORNER
    assert report.left_limit == pytest.approx(b - a, rel=1e-4, abs=1e-4)
    assert report.right_limit == pytest.approx(b + a, rel=1e-4, abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(
    coefficients=st.lists(st.floats(-5, 5), min_size=1, max_size=5),
    x0=st.floats(-3, 3),
)
def test_every_polynomial_is_differentiable_with_the_derivative_numpy_gives(coefficients, x0):
    polynomial = np.polynomial.Polynomial(coefficients)
    report = describe_point(polynomial, x0)
    assert report.kind == PointKind.DIFFERENTIABLE
    assert report.derivative == pytest.approx(polynomial.deriv()(x0), rel=1e-5, abs=1e-5)


@settings(max_examples=40, deadline=None)
@given(c=st.floats(-5, 5), height=st.floats(0.01, 10))
def test_any_step_of_any_height_is_a_jump_whose_left_slope_runs_off(c, height):
    report = describe_point(lambda t: np.where(t >= c, height, 0.0), c)
    assert report.kind == PointKind.JUMP
    assert report.left_limit == math.inf


@pytest.mark.parametrize("x0", [6.103515625e-05, 3e-5, -2e-5, 1e-4])
def test_x_squared_near_0_is_differentiable_not_a_corner(x0):
    """Hypothesis found x0 = 6.103515625e-05: the left slopes 2 x0 - dx grow from 2.2e-5 to
    1.22e-4 as dx shrinks from 1e-4 to 1e-7 and settle; they do not run off to infinity
    (which grows like dx^(-p) at every step), so x0 is no corner: f'(x0) = 2 x0."""
    report = describe_point(lambda x: np.asarray(x, dtype=float) ** 2, x0)
    assert report.kind is PointKind.DIFFERENTIABLE
    assert report.derivative == pytest.approx(2 * x0, rel=1e-3)
