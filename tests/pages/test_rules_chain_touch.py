"""The chain rule's touch unit in AppTest: the time into the drive is its one input. What the
browser receives for every hour (the row it draws when the learner drags t there) against
exact Fractions worked out here from the notes' drive h(t) = 1/2 + t²/2 km and
T(h) = 20 − 10h + h² °C; its links, its size, the ring on the road."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
import sympy
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
KEY = "chain_touch"
HOURS = [Fraction(k, 10) for k in range(21)]
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
t_ = sympy.Symbol("t")
HEIGHT = sympy.Rational(1, 2) + t_**2 / 2
TEMPERATURE = 20 - 10 * HEIGHT + HEIGHT**2  # T(h(t))


def value(shown: str) -> Fraction:
    """A number as printed, 1.25 × 10⁻⁵ included, as the exact decimal it reads."""
    mantissa, _, power = shown.removeprefix("≈ ").replace("−", "-").partition(" × 10")
    return Fraction(mantissa) * Fraction(10) ** int(power.translate(SUPERSCRIPTS) or 0)


def oracle(t: Fraction) -> dict[str, Fraction]:
    """dT/dh, dh/dt and dT/dt at t, exact; dT/dt from SymPy's derivative of T(h(t))."""
    h = Fraction(1, 2) + t**2 / 2
    rate = sympy.diff(TEMPERATURE, t_).subs(t_, sympy.Rational(t.numerator, t.denominator))
    return {
        "dT/dh (°C/km)": -10 + 2 * h,
        "dh/dt (km/h)": t,
        "dT/dt (°C/h)": Fraction(int(rate.p), int(rate.q)),
    }


def filled(data: dict, row: dict) -> list[str]:
    """The row's formulas as the browser typesets them (templates filled in)."""
    templates = data["picture"]["tex"]

    def one(entry: str | dict) -> str:
        if isinstance(entry, str):
            return entry
        return re.sub(r"@(\d+)", lambda m: entry["with"][int(m[1])], templates[entry["fill"]])

    return [one(entry) for entry in row["tex"]]


def held(at: AppTest) -> str:
    (control,) = touch_data(at, KEY)["controls"]
    return control["labels"][control["index"]]


def test_the_hour_is_one_input_over_the_old_sliders_grid() -> None:
    data = touch_data(open_page(PAGE, {"rule": "chain"}), KEY)
    (control,) = data["controls"]
    assert (control["label"], control["param"]) == ("time into the drive t (hours)", "hour")
    assert [Fraction(v) for v in control["labels"]] == HOURS
    assert control["index"] == 10  # t = 1 h
    assert len(data["rows"]) == 1 and len(data["rows"][0]) == 21


def test_every_hour_shows_sympys_rates_exactly() -> None:
    at = open_page(PAGE, {"rule": "chain"})
    data = touch_data(at, KEY)
    for t, row in zip(HOURS, data["rows"][0], strict=True):
        shown = dict(row["metrics"])
        for label, exact in oracle(t).items():
            assert value(shown[label]) == exact, (t, label, shown[label])
            assert not shown[label].startswith("≈")
        h = Fraction(1, 2) + t**2 / 2
        assert row["alt"] == (
            f"Height h(t): at t = {float(t):g} h you are at {float(h):g} km, climbing "
            f"{float(t):g} km per hour."
        )


def test_the_measured_quotient_follows_the_hour() -> None:
    """Over the next 3.6 s (1/1000 h): (T(h(t + 1/1000)) − T(h(t))) · 1000, to six digits."""
    at = open_page(PAGE, {"rule": "chain"})
    for i in (0, 10, 17, 20):
        t, dt = HOURS[i], Fraction(1, 1000)
        rise = TEMPERATURE.subs(t_, sympy.Rational(str(t + dt))) - TEMPERATURE.subs(
            t_, sympy.Rational(str(t))
        )
        exact = Fraction(str(rise)) / dt
        (note,) = touch_row(at, KEY, 0, i)["notes"]
        head, _, rest = note.partition(": ")
        assert head == "Measured directly over the next 3.6 seconds"
        number = rest.removesuffix(" °C per hour.").removeprefix("= ")
        assert abs(value(number) - exact) <= abs(exact) * Fraction(5, 10**6) + Fraction(1, 10**9)


def test_the_working_at_the_notes_hour_and_at_1_7() -> None:
    at = open_page(PAGE, {"rule": "chain"})
    data = touch_data(at, KEY)
    assert filled(data, touch_row(at, KEY)) == [
        r"\begin{aligned}\frac{dT}{dt} &= \frac{dT}{dh}\cdot\frac{dh}{dt} \\ "
        r"&= (-8) \cdot 1 = -8\ ^\circ\mathrm{C}/\mathrm{h}\end{aligned}"
    ]
    # t = 1.7: h = 1/2 + 1.7²/2 = 1.945, dT/dh = -10 + 2h = -6.11, dT/dt = -6.11 · 1.7
    assert oracle(Fraction("1.7"))["dT/dt (°C/h)"] == Fraction("-10.387")
    (working,) = filled(data, touch_row(at, KEY, 0, 17))
    assert r"&= (-6.11) \cdot 1.7 = -10.387" in working


def test_the_road_is_drawn_once_and_the_ring_rides_it() -> None:
    at = open_page(PAGE, {"rule": "chain"})
    data = touch_data(at, KEY)
    (road,) = data["picture"]["static"]
    assert road["points"][0] == [0.0, 0.5] and road["points"][-1] == [2.0, 2.5]
    for x, y in road["points"]:
        assert y == pytest.approx(0.5 + x**2 / 2, abs=2e-5)  # x and y to 6 digits
    (drag,) = data["picture"]["drags"]
    assert (drag["control"], drag["axis"]) == (0, "x")
    assert drag["at"] == [[float(t), float(Fraction(1, 2) + t**2 / 2)] for t in HOURS]
    # at t = 1.5 the tangent has slope dh/dt = 1.5 through (1.5, 1.625), 0.4 h either side
    tangent, point = touch_row(at, KEY, 0, 15)["layers"]
    assert tangent["points"] == [[1.1, 1.025], [1.9, 2.225]]
    assert point["points"] == [[1.5, 1.625]]


def test_a_deep_link_opens_its_hour_and_the_temperature_chart_follows() -> None:
    at = open_page(PAGE, {"rule": "chain", "hour": "2"})
    assert held(at) == "2"
    assert not [c.value for c in at.caption if "🔗" in c.value]
    assert dict(touch_row(at, KEY)["metrics"])["dT/dt (°C/h)"] == "−10"
    # at t = 2 h: h = 2.5 km, T = 20 - 25 + 6.25 = 1.25 °C, dT/dh = -5
    captions = [c.value for c in at.caption]
    assert "Temperature T(h): at 2.5 km it is 1.25 °C, changing −5 °C per km." in captions


@pytest.mark.parametrize("link", ["-5", "2.05", "nan", "abc", "3"])
def test_a_bad_link_gets_its_note_and_one_hour(link) -> None:
    at = open_page(PAGE, {"rule": "chain", "hour": link})
    assert not at.exception
    assert held(at) == "1"
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1 and "time into the drive" in notes[0], notes
    assert dict(touch_row(at, KEY)["metrics"])["dT/dt (°C/h)"] == "−8"


def test_python_hears_a_pause_and_the_chart_below_follows() -> None:
    at = open_page(PAGE, {"rule": "chain"})
    before = touch_data(at, KEY)
    picked = touch_row(at, KEY, 0, 11)
    at.session_state["hour"] = 1.1
    at.run()
    assert held(at) == "1.1" and at.query_params["hour"] == "1.1"
    after = touch_data(at, KEY)
    assert after["rows"] == before["rows"] and touch_row(at, KEY) == picked
    # h = 0.5 + 1.21/2 = 1.105 km: dT/dh = -7.79, dT/dt = -7.79 · 1.1 = -8.569 exactly
    assert dict(picked["metrics"])["dT/dt (°C/h)"] == "−8.569"
    assert any(c.value.startswith("Temperature T(h): at 1.105 km") for c in at.caption)


def test_the_unit_is_small_and_every_row_says_only_true_things() -> None:
    data = touch_data(open_page(PAGE, {"rule": "chain"}), KEY)
    assert len(json.dumps(data)) < 40_000
    for row in data["rows"][0]:
        text = " ".join(
            [*filled(data, row), *(" ".join(m) for m in row["metrics"]), *row["notes"]]
            + [row["alt"], *row["legend"]]
        )
        assert offending(text, "rules") == [], text
