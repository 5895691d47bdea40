"""The two suppliers as a touch unit (app_pages/cost_functions/two_suppliers.py) in AppTest:
the share w and the price history (seed) are the two inputs of one cross grid. Every row's
numbers, worked w*, loss curve, tangent and point are core's, checked against exact Fractions
of the cent prices; a deep link opens at its position, a bad link gets its note, the prices
chart and the table of three ways follow Python's position, and the unit stays small."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from app_pages.cost_functions.two_suppliers import KEY, W_STAR_TEX, w_star_values
from core.suppliers import SEEDS, make_prices, supplier_split
from dashboard import numbers
from tests.pages.helpers import chart_captions, open_page, touch_data, touch_row

PAGE = "app_pages/cost_functions/page.py"
OPEN = {"suppliers": "true"}
LOSS, SLOPE, BEST = "loss at w: variance of the monthly cost", "slope L′(w)", "best split w*"


def exact_stats(seed: int) -> tuple[Fraction, Fraction, Fraction]:
    """Var A, Var B, Cov(A, B), dividing by n, exactly, from the prices in cents."""
    prices = make_prices(seed)
    a = [Fraction(round(p * 100), 100) for p in prices.price_a]
    b = [Fraction(round(p * 100), 100) for p in prices.price_b]
    n = len(a)
    ma, mb = sum(a) / n, sum(b) / n
    return (
        sum((x - ma) ** 2 for x in a) / n,
        sum((y - mb) ** 2 for y in b) / n,
        sum((x - ma) * (y - mb) for x, y in zip(a, b, strict=True)) / n,
    )


STATS = {seed: exact_stats(seed) for seed in SEEDS}


def oracle(seed: int, w: Fraction) -> tuple[float, float, float]:
    """L(w), L′(w) and w* from the exact statistics."""
    var_a, var_b, cov = STATS[seed]
    loss = w**2 * var_a + (1 - w) ** 2 * var_b + 2 * w * (1 - w) * cov
    slope = 2 * (w * (var_a + var_b - 2 * cov) - (var_b - cov))
    return float(loss), float(slope), float((var_b - cov) / (var_a + var_b - 2 * cov))


def filled(data: dict, row: dict) -> str:
    (entry,) = row["tex"]
    template = data["picture"]["tex"][entry["fill"]]
    for k, piece in enumerate(entry["with"]):
        template = template.replace(f"@{k}", piece)
    return template


def held(data: dict) -> list[str]:
    return [c["labels"][c["index"]] for c in data["controls"]]


def check_row(data: dict, row: dict, seed: int, k: int) -> None:
    """The row at share k/100 of history `seed`: core's split, the oracle's numbers."""
    w = k / 100
    loss, slope, best = oracle(seed, Fraction(k, 100))
    split = supplier_split(seed, w)
    assert split.loss == pytest.approx(loss, rel=1e-9)
    assert split.slope == pytest.approx(slope, rel=1e-9, abs=1e-9)
    assert split.closed_w == pytest.approx(best, rel=1e-12)
    assert row["metrics"] == [
        [LOSS, numbers.shown(loss, 4)],
        [SLOPE, numbers.shown(slope, 4)],
        [BEST, numbers.shown(best, 3)],
    ]
    assert row["tex"] == [{"fill": 0, "with": list(w_star_values(split))}]
    var_a, var_b, cov = STATS[seed]
    for piece, exact in zip(row["tex"][0]["with"][:3], (var_b, cov, var_a), strict=True):
        assert float(piece) == pytest.approx(float(exact), rel=5e-6)  # 6 digits of it
    assert filled(data, row).endswith(rf"&{numbers.eq_tex(best)} \end{{aligned}}")
    curve, rule, tangent, point = row["layers"]
    assert curve == {"kind": "pooled", "index": list(SEEDS).index(seed)}
    assert rule["segments"][0][0] == rule["segments"][0][2] == pytest.approx(best, rel=1e-5)
    assert point["points"] == [[w, pytest.approx(loss, rel=1e-5)]]
    assert row["handles"] == point["points"]
    (x0, y0), (x1, y1) = tangent["points"]
    assert (x0, x1) == (pytest.approx(max(w - 0.15, 0)), pytest.approx(min(w + 0.15, 1)))
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope, rel=1e-4, abs=1e-3)
    assert row["legend"][1] == f"best split w* {numbers.eq_text(best, 3)}"
    assert row["alt"].endswith(
        f"At your w = {numbers.text(w)} it is {numbers.shown(loss, 4)} with slope "
        f"{numbers.shown(slope, 4)}."
    )
    assert f"(history {seed})" in row["alt"]
    assert row["notes"] == [row["alt"]]  # the caption the loss chart had, read on the page


@pytest.mark.parametrize(("seed", "k"), [(1, 50), (3, 20), (20, 0), (12, 100)])
def test_rows_of_both_inputs_are_cores_splits_at_their_positions(seed, k):
    at = open_page(PAGE, {**OPEN, "w": str(k / 100), "seed": str(seed)})
    assert not at.exception
    data = touch_data(at, KEY)
    assert [c["param"] for c in data["controls"]] == ["w", "seed"]
    shares, seeds = (c["labels"] for c in data["controls"])
    assert shares == [numbers.text(j / 100) for j in range(101)]
    assert seeds == [str(s) for s in SEEDS]
    assert held(data) == [numbers.text(k / 100), str(seed)]
    for j in (0, 1, 20, 37, 50, 99, 100):
        check_row(data, touch_row(at, KEY, 0, j), seed, j)
    for i, s in enumerate(SEEDS):
        row = touch_row(at, KEY, 1, i)
        check_row(data, row, s, k)
        # each history has its own window, holding its whole loss curve
        curve = data["pool"][i]["points"]
        low, high = row["window"]["y"]
        assert low <= min(y for _, y in curve) and max(y for _, y in curve) <= high
    # the history held has its window in the picture, for the share's rows
    assert data["picture"]["y"] == touch_row(at, KEY, 1, list(SEEDS).index(seed))["window"]["y"]
    assert "window" not in touch_row(at, KEY, 0, 0)
    # the drag's ring sits on each share's point of the held history
    (drag,) = data["picture"]["drags"]
    assert drag["control"] == 0 and drag["axis"] == "x"
    assert drag["at"] == [touch_row(at, KEY, 0, j)["handles"][0] for j in range(101)]


def test_every_historys_curve_in_the_pool_is_its_exact_loss():
    at = open_page(PAGE, OPEN)
    data = touch_data(at, KEY)
    assert len(data["pool"]) == 20
    for seed, layer in zip(SEEDS, data["pool"], strict=True):
        points = layer["points"]
        assert len(points) == 101 and points[0][0] == 0 and points[-1][0] == 1
        for x, y in points[::10]:
            assert y == pytest.approx(oracle(seed, Fraction(x))[0], rel=1e-5)


def test_the_notes_history_3_works_out_w_star_0_2887():
    at = open_page(PAGE, {**OPEN, "w": "0.2", "seed": "3"})
    data = touch_data(at, KEY)
    worked = filled(data, touch_row(at, KEY))
    assert r"&\approx 0.2887 \end{aligned}" in worked
    assert worked == W_STAR_TEX.replace("@0", "37.4011").replace("@1", "19.4377").replace(
        "@2", "63.6863"
    ).replace("@3", r"\approx 0.2887")


def test_the_position_the_browser_reports_moves_python_the_link_the_prices_and_the_table():
    at = open_page(PAGE, OPEN)
    at.session_state["w"] = 0.2
    at.session_state["seed"] = 3
    at.run()
    assert not at.exception
    data = touch_data(at, KEY)
    assert held(data) == ["0.2", "3"]
    assert at.query_params["w"] == "0.2" and at.query_params["seed"] == "3"
    assert any(
        "Monthly prices of A and B over 50 months (history 3) and the cost of buying 0.2 from A "
        "and 0.8 from B" in c
        for c in chart_captions(at)
    )
    ways = next(t.value for t in at.table if "way" in t.value.columns)
    assert ways["best w"].tolist() == ["0.289", "≈ 0.2887", "≈ 0.2887"]


@pytest.mark.parametrize(
    ("params", "asked"),
    [
        ({"w": "0.505"}, "0.505"),
        ({"w": "2"}, "2"),
        ({"w": "-0.1"}, "-0.1"),
        ({"seed": "0"}, "0"),
        ({"seed": "21"}, "21"),
        ({"seed": "2.5"}, "2.5"),
        ({"seed": "abc"}, "abc"),
    ],
)
def test_a_link_off_the_grid_opens_at_the_default_with_a_note(params, asked):
    at = open_page(PAGE, {**OPEN, **params})
    assert not at.exception
    assert held(touch_data(at, KEY)) == ["0.5", "1"]
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("🔗 The link")]
    assert any(f"“{asked}”" in n for n in notes), notes


@pytest.mark.parametrize(
    "params",
    [{}, {"w": "0", "seed": "1"}, {"w": "1", "seed": "20"}, {"w": "0", "seed": "20"}],
)
def test_the_unit_stays_small_at_every_end(params):
    at = open_page(PAGE, {**OPEN, **params})
    size = len(json.dumps(touch_data(at, KEY)))
    assert size < 200_000, f"{size:,} bytes"
