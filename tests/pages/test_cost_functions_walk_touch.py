"""The walk downhill as a touch unit (app_pages/cost_functions/walk_picture.py) in AppTest:
start, learning rate and steps are the three inputs of one cross grid; every row the browser
can show is checked against an independent exact walk (Fractions, the stopping rule written
out here), a deep link opens at its position, a bad link gets its note.

AppTest cannot drag: `touch_row(at, WALK, c, i)` is what the learner sees with input c moved
to position i; a position is set the way the browser reports one (session state)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from dashboard import numbers
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/cost_functions/page.py"
WALK = "walk_touch"
RATES = ["0.001", "0.003", "0.01", "0.03", "0.05", "0.1", "0.125", "0.2", "0.25", "0.3", "0.4"]
RATES += ["0.5", "0.6", "0.75", "1", "1.5", "2"]
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def oracle(lines, kind, start, lr, steps) -> list[Fraction]:
    """x ← x − lr·C′(x), exact, until the slope is 0, the next step is at most 10⁻⁶, the walk
    is 10⁶ from its start, or the steps run out (sign(0) = 0 at a corner)."""
    a = [Fraction(str(v)) for v in lines]
    x0, rate = Fraction(str(start)), Fraction(str(lr))
    xs = [x0]
    for _ in range(steps):
        x = xs[-1]
        if kind == "squared":
            slope = 2 * sum(x - v for v in a)
        else:
            slope = Fraction(sum((x > v) - (x < v) for v in a))
        if slope == 0 or rate * abs(slope) <= Fraction(1, 10**6):
            break
        nxt = x - rate * slope
        if abs(nxt - x0) > 10**6:
            break
        xs.append(nxt)
    return xs


def cost(lines, kind, x: Fraction) -> Fraction:
    a = [Fraction(str(v)) for v in lines]
    return sum(((x - v) ** 2 if kind == "squared" else abs(x - v)) for v in a)


def sentence(start, lr, steps, xs) -> str:
    k = len(xs) - 1
    said = f"{k} step" if k == 1 else f"{k} steps"
    return (
        f"Gradient descent from x₀ = {numbers.text(float(start))} with learning rate "
        f"{numbers.text(Fraction(lr))}: {said} of {steps}, ending at "
        f"x{str(k).translate(SUB)} {numbers.eq_text(xs[-1])}."
    )


def drawn(layer: dict, pool: list[dict]) -> dict:
    """A row's layer as the browser draws it: a pooled one is the first part of the pool's."""
    if layer["kind"] != "pooled":
        return layer
    base = dict(pool[layer["index"]])
    for field in ("points", "labels"):
        if field in base:
            base[field] = base[field][: layer["upto"]]
    return base


def check_row(row: dict, lines, kind, start, lr, steps, pool=()) -> None:
    """The row says and draws the oracle's walk: its sentence, the start and the numbered
    end where they are in the picture."""
    xs = oracle(lines, kind, start, lr, steps)
    assert row["alt"] == sentence(start, lr, steps, xs)
    (words,) = row["notes"]
    assert words.startswith(row["alt"] + " ")  # the sentence the chart's caption read, then more
    line, dots, numbered = (drawn(layer, list(pool)) for layer in row["layers"])
    assert line["kind"] == dots["kind"] == numbered["kind"] == "points" or line["kind"] == "line"
    first = [float(xs[0]), float(cost(lines, kind, xs[0]))]
    assert numbered["labels"][0] == "0"
    assert numbered["points"][0] == pytest.approx(first, rel=1e-3, abs=1e-2)
    # every dot sits on an iterate of the walk (a pixel's rounding allowed)
    iterates = [(float(x), float(cost(lines, kind, x))) for x in xs]
    for x, y in dots["points"]:
        assert min(abs(x - ix) + abs(y - iy) / 100 for ix, iy in iterates) < 0.02


@pytest.mark.parametrize(
    ("lines", "kind", "start", "lr", "steps"),
    [
        ("1,2", "squared", -2, "0.1", 30),  # the defaults
        ("1,2,3", "squared", 5, "0.4", 12),  # runs away
        ("1,2", "absolute", -2, "0.1", 30),  # lands on the flat bottom
        ("1,2,3", "absolute", 0, "0.75", 9),  # bounces across the median
    ],
)
def test_rows_of_every_input_are_the_exact_walks_at_their_positions(lines, kind, start, lr, steps):
    at = open_page(
        PAGE, {"lines": lines, "kind": kind, "start": str(start), "lr": lr, "steps": str(steps)}
    )
    assert not at.exception
    a = [float(v) for v in lines.split(",")]
    data = touch_data(at, WALK)
    starts, rates, counts = (c["labels"] for c in data["controls"])
    assert [c["param"] for c in data["controls"]] == ["start", "lr", "steps"]
    assert starts == [numbers.text(k / 2) for k in range(-40, 41)]
    assert rates == RATES
    assert counts == [str(k) for k in range(1, 201)]
    held = [c["labels"][c["index"]] for c in data["controls"]]
    assert held == [numbers.text(start), numbers.text(Fraction(lr)), str(steps)]
    for i in (0, 23, 40, 44, 61, 80):  # start −20, −8.5, 0, 2, 10.5, 20
        check_row(touch_row(at, WALK, 0, i), a, kind, i / 2 - 20, lr, steps)
    for i in (0, 5, 8, 11, 16):  # rate 0.001, 0.1, 0.25, 0.5, 2
        check_row(touch_row(at, WALK, 1, i), a, kind, start, RATES[i], steps)
    for i in (0, 1, 9, 27, 28, 99, 199):  # 1, 2, 10, 28, 29, 100, 200 steps
        row = touch_row(at, WALK, 2, i)
        assert [layer["kind"] for layer in row["layers"]] == ["pooled", "pooled", "points"]
        check_row(row, a, kind, start, lr, i + 1, data["pool"])
        # a shorter walk draws as many dots as it has places, each one of its own iterates
        xs = oracle(a, kind, start, lr, i + 1)
        assert len(drawn(row["layers"][1], data["pool"])["points"]) <= len(xs)


def test_a_start_moves_the_window_and_the_others_keep_the_held_starts():
    at = open_page(PAGE)  # lines 1, 2; start −2
    data = touch_data(at, WALK)
    assert (data["picture"]["x"], touch_row(at, WALK, 0, 36)["window"]["x"]) == (
        [-4.0, 4.0],  # the lines, the start −2 and the mean, with 2 to spare
        [-4.0, 4.0],
    )
    assert touch_row(at, WALK, 0, 80)["window"]["x"] == [-1.0, 22.0]  # from 20
    assert touch_row(at, WALK, 0, 0)["window"]["x"] == [-22.0, 4.0]  # from −20
    # the rate's and the steps' rows keep the held start's window: the picture's
    assert "window" not in touch_row(at, WALK, 1, 0)
    assert "window" not in touch_row(at, WALK, 2, 0)
    (curve,) = data["picture"]["static"]
    xs = [p[0] for p in curve["points"]]
    assert (min(xs), max(xs)) == (-22.0, 22.0)  # every window's part of the curve


def test_the_position_the_browser_reports_moves_python_and_the_link():
    at = open_page(PAGE)
    at.session_state["start"] = 4.0
    at.session_state["lr"] = 0.25
    at.run()
    assert not at.exception
    data = touch_data(at, WALK)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["4", "0.25", "30"]
    assert at.query_params["start"] == "4" and at.query_params["lr"] == "0.25"
    assert "steps" not in at.query_params  # the default is not written
    check_row(touch_row(at, WALK, 2), [1, 2], "squared", 4, "0.25", 30, data["pool"])


@pytest.mark.parametrize(
    ("params", "asked"),
    [
        ({"start": "0.3"}, "0.3"),  # not on the grid of half steps
        ({"start": "25"}, "25"),  # off the street
        ({"lr": "0.07"}, "0.07"),
        ({"steps": "0"}, "0"),
        ({"steps": "abc"}, "abc"),
    ],
)
def test_a_link_off_the_grid_opens_at_the_default_with_a_note(params, asked):
    at = open_page(PAGE, params)
    assert not at.exception
    data = touch_data(at, WALK)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["−2", "0.1", "30"]
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("🔗 The link")]
    assert any(f"“{asked}”" in n for n in notes), notes


@pytest.mark.parametrize(
    "params",
    [{}, {"lr": "0.001", "steps": "200"}, {"start": "20", "lr": "0.001", "steps": "200"}],
)
def test_the_unit_stays_under_the_message_budget(params):
    # a crawling rate's 200 steps: each steps row draws part of the pool instead of its path
    at = open_page(PAGE, params)
    size = len(json.dumps(touch_data(at, WALK)))
    assert size < 800_000, size
