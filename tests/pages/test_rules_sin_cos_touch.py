"""The sin-cos tab's touch unit in AppTest: point x (?angle=) and step dx (?h=) are the two
inputs of one cross grid. What the browser receives for every x (dx held) and every dx (x
held), against mpmath at 40 digits; the quotient curve each row draws; deep links, bad links,
its size, and what follows after a pause (the table in Going further)."""

from __future__ import annotations

import json
import re

import mpmath
import pytest

from app_pages.rules.sin_cos import ANGLE, STEP
from tests.pages.helpers import all_text, open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
KEY = "wave_touch"
mpmath.mp.dps = 40

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def number(text: str) -> float:
    """A shown number back as a float: '≈ −0.228', '4.21 × 10⁻⁵', '0.5'."""
    body = text.removeprefix("≈ ").replace("−", "-").replace(",", "")
    if "×" in body:
        mantissa, power = body.split(" × 10")
        return float(mantissa) * 10 ** int(power.translate(SUPERSCRIPT))
    return float(body)


def flat(points) -> list[float]:
    return [v for point in points for v in point]


def decimal(value: float) -> mpmath.mpf:
    """A position as the exact decimal the learner set (1.1, not the double nearest it)."""
    return mpmath.mpf(repr(value))


def oracle(name: str, x: float, h: float) -> dict[str, mpmath.mpf]:
    f = mpmath.sin if name == "sin" else mpmath.cos
    d = mpmath.cos if name == "sin" else (lambda v: -mpmath.sin(v))
    x_, h_ = decimal(x), decimal(h)
    quotient = (f(x_ + h_) - f(x_)) / h_
    exact = d(x_)
    return {"quotient": quotient, "exact": exact, "difference": quotient - exact}


def assert_row_is_oracles(row: dict, name: str, x: float, h: float) -> None:
    """The row's three numbers are mpmath's to the digits shown (6, 6 and 3 significant),
    each marked '≈' unless it is exact; its sentence names x and dx."""
    truth = oracle(name, x, h)
    derivative = "cos x" if name == "sin" else "−sin x"
    shown = dict(row["metrics"])
    assert list(shown) == ["difference quotient", derivative, "difference"]
    for label, key, sig in (
        ("difference quotient", "quotient", 6),
        (derivative, "exact", 6),
        ("difference", "difference", 3),
    ):
        value = truth[key]
        assert number(shown[label]) == pytest.approx(float(value), rel=0.6 * 10 ** (1 - sig)), (
            label,
            shown[label],
            value,
        )
        exact = value == 0 or value == 1 or value == -1
        assert shown[label].startswith("≈ ") != exact, (label, shown[label])
    assert f"with dx = {h:g} and" in row["alt"]
    assert f"At x = {ANGLE.shown()[ANGLE.index_of(x)]}: quotient" in row["alt"]


@pytest.mark.parametrize(
    ("params", "name", "x", "h"),
    [
        ({"rule": "sin-cos"}, "sin", 1.0, 0.5),
        ({"rule": "sin-cos", "wave": "cos", "angle": "-2.3", "h": "0.01"}, "cos", -2.3, 0.01),
        ({"rule": "sin-cos", "angle": "6", "h": "0.001"}, "sin", 6.0, 0.001),
    ],
)
def test_every_x_with_dx_held_and_every_dx_with_x_held_is_mpmaths(params, name, x, h) -> None:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    data = touch_data(at, KEY)
    assert [c["param"] for c in data["controls"]] == ["angle", "h"]
    assert [len(r) for r in data["rows"]] == [121, 5]
    # the deep link opens at its position of both inputs
    assert data["controls"][0]["index"] == ANGLE.index_of(x)
    assert data["controls"][1]["index"] == STEP.index_of(h)
    for i in (0, 1, 37, 60, 70, 71, 99, 120):
        assert_row_is_oracles(data["rows"][0][i], name, ANGLE.values[i], h)
    for j, step in enumerate(STEP.values):
        assert_row_is_oracles(data["rows"][1][j], name, x, step)
    # the crossing: both inputs where Python holds them draw the same row
    assert data["rows"][0][ANGLE.index_of(x)] == data["rows"][1][STEP.index_of(h)]
    assert "🔗" not in " ".join(c.value for c in at.caption)


def test_the_notes_numbers_at_the_default_and_at_zero() -> None:
    at = open_page(PAGE, {"rule": "sin-cos"})
    # (sin 1.5 - sin 1) / 0.5 = 0.312048..., cos 1 = 0.540302...
    assert dict(touch_row(at, KEY)["metrics"]) == {
        "difference quotient": "≈ 0.312048",
        "cos x": "≈ 0.540302",
        "difference": "≈ −0.228",
    }
    zero = touch_row(at, KEY, 0, ANGLE.index_of(0.0))
    assert dict(zero["metrics"])["cos x"] == "1"  # cos 0, exactly
    cos = open_page(PAGE, {"rule": "sin-cos", "wave": "cos", "angle": "0", "h": "0.001"})
    assert dict(touch_row(cos, KEY)["metrics"])["−sin x"] == "0"
    assert dict(touch_row(cos, KEY)["metrics"])["difference quotient"] == "≈ −0.0005"


@pytest.mark.parametrize("name", ["sin", "cos"])
def test_each_row_draws_the_quotient_curve_for_its_dx_and_the_two_dots_at_its_x(name) -> None:
    at = open_page(PAGE, {"rule": "sin-cos", "wave": name, "h": "0.1"})
    data = touch_data(at, KEY)
    f = mpmath.sin if name == "sin" else mpmath.cos

    def curve_of(h: float) -> list[float]:
        xs = [k / 5 for k in range(-31, 32)]  # -6.2, -6, ..., 6.2
        return flat(
            [x, round(float((f(decimal(x) + decimal(h)) - f(decimal(x))) / decimal(h)), 3)]
            for x in xs
        )

    for i in (0, 70, 120):  # x moves, dx = 0.1 held: the same curve, the dots at x
        curve, dots = data["rows"][0][i]["layers"]
        assert flat(curve["points"]) == pytest.approx(curve_of(0.1), abs=1.5e-3)
        truth = oracle(name, ANGLE.values[i], 0.1)
        assert flat(dots["points"]) == pytest.approx(
            [ANGLE.values[i], float(truth["quotient"]), ANGLE.values[i], float(truth["exact"])],
            abs=1e-5,
        )
    for j, h in enumerate(STEP.values):  # dx moves: its own curve
        curve, _ = data["rows"][1][j]["layers"]
        assert flat(curve["points"]) == pytest.approx(curve_of(h), abs=1.5e-3)
    # f and f' are drawn once, the same for every row
    picture = data["picture"]
    assert [k["name"] for k in picture["legend"]] == [
        f"{name} x",
        "cos x" if name == "sin" else "−sin x",
        f"({name}(x + dx) − {name} x) / dx",
    ]
    function, derivative = picture["static"]
    d = mpmath.cos if name == "sin" else (lambda v: -mpmath.sin(v))
    for (x, y), (_, dy) in zip(function["points"], derivative["points"], strict=True):
        assert y == pytest.approx(float(f(x)), abs=1e-5)
        assert dy == pytest.approx(float(d(x)), abs=1e-5)
    # the ring on the dashed curve sits at (x, f'(x)) for every x
    (drag,) = picture["drags"]
    assert drag["control"] == 0 and drag["axis"] == "x"
    assert drag["at"][ANGLE.index_of(-3.0)] == pytest.approx([-3.0, float(d(-3))], abs=1e-5)


def test_the_working_fills_the_formula_with_the_rows_numbers() -> None:
    at = open_page(PAGE, {"rule": "sin-cos", "wave": "cos", "angle": "0.5", "h": "1"})
    data = touch_data(at, KEY)
    (template,) = data["picture"]["tex"]
    assert template == (
        r"\begin{aligned}\frac{\cos(x+dx) - \cos x}{dx} &@0 \\ "
        r"&\xrightarrow{dx \to 0}\; -\sin x \\ &@1\end{aligned}"
    )
    # (cos 1.5 - cos 0.5) / 1 = -0.806845..., -sin 0.5 = -0.479426...
    assert touch_row(at, KEY)["tex"] == [
        {"fill": 0, "with": [r"\approx -0.806845", r"\approx -0.479426"]}
    ]
    truth = oracle("cos", 0.5, 1.0)
    assert f"{float(truth['quotient']):.6f}" == "-0.806845"
    assert f"{float(truth['exact']):.6f}" == "-0.479426"


@pytest.mark.parametrize(
    ("params", "index"),
    [
        ({"angle": "1.05"}, (70, 1)),  # between two positions of the old slider's 0.1 steps
        ({"angle": "7"}, (70, 1)),
        ({"angle": "nan"}, (70, 1)),
        ({"h": "0.2"}, (70, 1)),  # not one of the old slider's five steps
        ({"h": "0"}, (70, 1)),
        ({"angle": "-6", "h": "abc"}, (0, 1)),
    ],
)
def test_a_bad_link_gets_the_note_and_the_default(params, index) -> None:
    at = open_page(PAGE, {"rule": "sin-cos", **params})
    assert not at.exception, [e.message for e in at.exception]
    assert "🔗" in " ".join(c.value for c in at.caption)
    data = touch_data(at, KEY)
    assert tuple(c["index"] for c in data["controls"]) == index


def test_the_table_in_going_further_follows_x_after_the_pause() -> None:
    at = open_page(PAGE, {"rule": "sin-cos"})
    table = next(t for t in at.table if "difference quotient" in t.value.columns)
    assert table.value["exact"].tolist()[0] == "0.540302"  # cos 1, to 6 digits
    at.session_state["angle"] = 2.0  # what the unit keeps when the browser reports the pause
    at.run()
    assert not at.exception
    table = next(t for t in at.table if "difference quotient" in t.value.columns)
    assert table.value["exact"].tolist()[0] == f"{float(mpmath.cos(2)):.6g}".replace("-", "−")
    data = touch_data(at, KEY)
    assert data["controls"][0]["index"] == ANGLE.index_of(2.0)
    assert [c["index"] for c in data["controls"]] == [80, 1]
    # the rows for moving dx now cross at x = 2
    assert "At x = 2:" in data["rows"][1][4]["alt"]


def test_picking_cos_keeps_x_and_dx() -> None:
    at = open_page(PAGE, {"rule": "sin-cos", "angle": "-1.5", "h": "0.1"})
    at.get("button_group")[0].set_value("cos").run()
    assert not at.exception
    data = touch_data(at, KEY)
    assert [c["index"] for c in data["controls"]] == [ANGLE.index_of(-1.5), 2]
    assert dict(touch_row(at, KEY)["metrics"])["−sin x"] == "≈ 0.997495"  # -sin(-1.5)


def test_every_row_says_only_true_things_and_the_unit_stays_small() -> None:
    for params in ({}, {"wave": "cos", "angle": "0", "h": "0.001"}, {"angle": "-6", "h": "1"}):
        at = open_page(PAGE, {"rule": "sin-cos", **params})
        data = touch_data(at, KEY)
        for rows in data["rows"]:
            for row in rows:
                text = " ".join(
                    [json.dumps(row["tex"], ensure_ascii=False), row["alt"], *row["notes"]]
                    + [" ".join(m) for m in row["metrics"]]
                )
                assert offending(text, "rules") == [], (params, text)
        # 126 rows, each with its own quotient curve (63 points to 3 decimals)
        assert len(json.dumps(data)) < 210_000
    assert "Shrink dx and watch" in all_text(at)


def test_the_question_stays_after_the_unit() -> None:
    at = open_page(PAGE, {"rule": "sin-cos"})
    text = all_text(at)
    assert re.search(r"Check yourself.*What is the derivative of cos x\?", text, re.S)
