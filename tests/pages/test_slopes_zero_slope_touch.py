"""Zero slope (app_pages/slopes/zero_slope.py) as a touch unit in AppTest: the point x is the
unit's one input, over the old slider's positions (-1.4 to 1.4 in steps of 0.05, `?point=`).
Every row's working, tangent, point and verdict are checked against SymPy's exact f and f'
(an oracle apart from core); a deep link opens at its position, a bad link gets the old
slider's note; the section's caption and questions stay after the unit."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy as sp

from dashboard import charts, numbers
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/slopes/page.py"
KEY = "zero_slope_touch"
X = sp.Symbol("x")
F = 5 * X**3 - 3 * X**5
DF = sp.diff(F, X)
POSITIONS = [Fraction(k, 20) for k in range(-28, 29)]


def exact(q) -> Fraction:
    q = sp.Rational(q)
    return Fraction(int(q.p), int(q.q))


def oracle(x: Fraction) -> tuple[Fraction, Fraction]:
    r = sp.Rational(x.numerator, x.denominator)
    return exact(F.subs(X, r)), exact(DF.subs(X, r))


def opened(params: dict[str, str] | None = None):
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def sent(x: Fraction, y: Fraction) -> list[float]:
    """A point as the kit sends it: 6 significant digits."""
    return [float(f"{float(x):.6g}"), float(f"{float(y):.6g}")]


def layers(row: dict, color: str, kind: str) -> list[dict]:
    return [layer for layer in row["layers"] if layer["color"] == color and layer["kind"] == kind]


def test_every_row_shows_sympys_slope_the_tangent_and_the_verdict_at_its_point():
    at = opened()
    data = touch_data(at, KEY)
    (control,) = data["controls"]
    assert control["param"] == "point"
    assert control["label"] == "Move the point along the curve, x"
    assert control["values"] == [f"{float(x):g}" for x in POSITIONS]
    assert control["labels"][control["index"]] == "0.5"  # the default
    template = data["picture"]["tex"][0]
    assert r"f(x) &= 5x^3 - 3x^5" in template and r"f'(x) &= 15x^2 - 15x^4" in template
    handle = data["picture"]["drags"][0]["at"]
    for i, (x, row) in enumerate(zip(POSITIONS, data["rows"][0], strict=True)):
        value, slope = oracle(x)
        assert row["tex"] == [{"fill": 0, "with": [numbers.tex(x), numbers.eq_tex(slope)]}], x
        assert row["legend"][1] == f"tangent, slope {numbers.text(slope)}"
        (point,) = layers(row, charts.COLORS["point"], "points")
        assert point["points"] == [sent(x, value)]
        assert handle[i] == sent(x, value)
        (tangent,) = layers(row, charts.COLORS["tangent"], "line")
        for t, y in tangent["points"]:
            on_line = value + slope * (Fraction(str(t)) - x)
            assert y == pytest.approx(float(on_line), rel=1e-5, abs=1e-6), x
        (verdict,) = row["notes"]
        if slope != 0:
            way = "uphill" if slope > 0 else "downhill"
            assert verdict == (
                f"At x = {numbers.text(x)} the tangent goes {way} (slope {numbers.text(slope)}). "
                "Move the point to where it turns horizontal."
            )
        assert verdict in row["alt"] and f"has slope {numbers.text(slope)}" in row["alt"]
    # the three flat points, where f' = 0 (SymPy's roots)
    flat = {exact(r): POSITIONS.index(exact(r)) for r in sp.solve(DF, X)}
    assert sorted(flat) == [-1, 0, 1]
    said = {x: touch_row(at, KEY, 0, i)["notes"][0] for x, i in flat.items()}
    low, high = exact(F.subs(X, sp.Rational(7, 5))), exact(F.subs(X, sp.Rational(-7, 5)))
    assert said[-1] == (
        "Slope 0 at x = −1: this is a local minimum: the slope goes from − to +, so every small "
        "step left or right goes up. It is not the lowest point of the plotted window: "
        f"f(1.4) = {numbers.text(low, 6)} is lower."
    )
    assert said[1] == (
        "Slope 0 at x = 1: this is a local maximum: the slope goes from + to −, so every small "
        "step left or right goes down. It is not the highest point of the plotted window: "
        f"f(−1.4) = {numbers.text(high, 6)} is higher."
    )
    assert (numbers.text(low, 6), numbers.text(high, 6)) == ("−2.41472", "2.41472")
    assert said[0].startswith("Slope 0 at x = 0: this is neither a maximum nor a minimum")
    assert "it is + on both sides, so the curve keeps climbing" in said[0]
    # the stationary points and their names in every row
    names = [
        layer["labels"] for layer in layers(data["rows"][0][0], charts.COLORS["muted"], "points")
    ]
    assert ["local min", "no extremum", "local max"] in names


@pytest.mark.parametrize(
    ("link", "index", "words"), [("-1", 8, "local minimum"), ("1.35", 55, "downhill")]
)
def test_a_deep_link_opens_at_its_point(link, index, words):
    at = opened({"point": link})
    control = touch_data(at, KEY)["controls"][0]
    assert control["index"] == index
    assert words in touch_row(at, KEY)["notes"][0]
    assert not [c for c in at.caption if c.value.startswith("🔗")]


@pytest.mark.parametrize("asked", ["5", "0.52", "abc", "nan", "-1.45"])
def test_a_bad_link_opens_at_the_default_with_the_old_sliders_note(asked):
    at = opened({"point": asked})
    control = touch_data(at, KEY)["controls"][0]
    assert control["labels"][control["index"]] == "0.5"
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("🔗 The link")]
    assert any(
        f"“{asked}”" in n and "a number from −1.4 to 1.4 in steps of 0.05" in n for n in notes
    ), notes


def test_a_pause_keeps_the_point_in_the_link():
    at = opened()
    at.session_state["point"] = -1.0  # what the browser reports after the learner pauses
    at.run()
    assert not at.exception
    assert touch_data(at, KEY)["controls"][0]["index"] == 8
    assert at.query_params["point"] == "-1"


@pytest.mark.parametrize("link", ["-1.4", "1.4", "0.5"])
def test_the_unit_stays_small_at_every_end(link):
    size = len(json.dumps(touch_data(opened({"point": link}), KEY)))
    assert size < 150_000, size


def test_the_caption_and_the_questions_follow_the_unit():
    at = opened()
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("Zero slope narrows the search but proves nothing alone") for c in captions
    )
    questions = [r.label for r in at.radio]
    assert questions[-2:] == [
        "Quiz from the notes: where was the velocity of the car zero?",
        "What is the slope of a horizontal tangent?",
    ]
    assert not at.slider or all(s.key != "point" for s in at.slider)  # no Streamlit slider
