"""The Cost functions page's house (a touch unit, dashboard.touch) in AppTest: what the browser
receives for every position of the house, checked against exact sums in Fractions.

AppTest cannot drag; it reads every row the browser can show (`touch_row(at, key, 0, i)` is
what the learner sees with the house at position i) and sets a position the way the browser
reports one (session state) or by a deep link.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from dashboard import numbers
from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/cost_functions/page.py"
HOUSE = "house_touch"
WIDE = "-19.123456789,-3.25,0.5,1,2,7.75,10,19.987654321"  # 8 lines, 12 digits, whole street


def typed(lines: str) -> list[Fraction]:
    return [Fraction(a) for a in lines.split(",")]


def squared(lines: list[Fraction], x: Fraction) -> tuple[Fraction, Fraction]:
    """The oracle: C(x) = Σ (x − aᵢ)², C′(x) = 2 Σ (x − aᵢ)."""
    return sum((x - a) ** 2 for a in lines), 2 * sum(x - a for a in lines)


def absolute(lines: list[Fraction], x: Fraction) -> tuple[Fraction, Fraction | None]:
    """The oracle: C(x) = Σ |x − aᵢ|, C′(x) = #(aᵢ < x) − #(aᵢ > x) off the lines, none on one."""
    cost = sum(abs(x - a) for a in lines)
    if x in lines:
        return cost, None
    return cost, Fraction(sum(1 for a in lines if a < x) - sum(1 for a in lines if a > x))


def value(label: str) -> Fraction:
    return Fraction(label.replace("−", "-").replace(",", ""))


def rows_with_x(at) -> list[tuple[Fraction, dict]]:
    data = touch_data(at, HOUSE)
    labels = data["controls"][0]["labels"]
    return [(value(label), row) for label, row in zip(labels, data["rows"][0], strict=True)]


def metrics(row: dict) -> dict[str, str]:
    return {label: shown for label, shown in row["metrics"]}


@pytest.mark.parametrize(
    ("lines", "kind", "ends"),
    [
        ("1,2", "squared", (-3, 5)),  # the lines and 0, with 3 to spare on each side
        ("1,2,3", "squared", (-3, 6)),
        ("-1.5,0.25,4", "squared", (-5, 7)),
        ("1,2", "absolute", (-3, 5)),
        ("1,2,3", "absolute", (-3, 6)),
    ],
)
def test_every_row_shows_the_exact_cost_and_slope_of_the_sums_at_its_position(lines, kind, ends):
    at = open_page(PAGE, {"lines": lines, "kind": kind})
    assert not at.exception
    a = typed(lines)
    rows = rows_with_x(at)
    low, high = ends
    assert [x for x, _ in rows] == [Fraction(k, 10) for k in range(10 * low, 10 * high + 1)]
    for x, row in rows:
        cost, slope = squared(a, x) if kind == "squared" else absolute(a, x)
        shown = metrics(row)
        assert shown["total cost at the house C(x)"] == numbers.shown(cost), x
        assert shown["slope at the house C′(x)"] == (
            "none: a corner" if slope is None else numbers.shown(slope)
        ), x
        (working,) = row["tex"]
        assert f"&{numbers.eq_tex(cost)} \\\\ C'(" in working, x
        if slope is not None:
            assert working.endswith(f"&{numbers.eq_tex(slope)} \\end{{aligned}}"), x


def test_the_notes_house_at_0_and_at_the_mean_read_the_notes_numbers():
    at = open_page(PAGE)  # lines 1 and 2, the house at 0
    rows = dict(rows_with_x(at))
    assert metrics(rows[0])["total cost at the house C(x)"] == "5"  # 1 + 4
    assert metrics(rows[0])["slope at the house C′(x)"] == "−6"  # 2(−1) + 2(−2)
    assert rows[0]["tex"] == [
        r"\begin{aligned} C(0) &= (0 - 1)^2 + (0 - 2)^2 \\ &= 5 \\ "
        r"C'(0) &= 2(0 - 1) + 2(0 - 2) \\ &= -6 \end{aligned}"
    ]
    best = rows[Fraction(3, 2)]
    assert metrics(best)["slope at the house C′(x)"] == "0"
    assert metrics(best)["total cost at the house C(x)"] == "0.5"
    assert "no small move lowers the cost: this is a best position" in best["alt"]
    assert all(metrics(row)["best position"] == "1.5" for row in rows.values())


@pytest.mark.parametrize("x", ["-2.7", "0.5", "1.5", "4.9"])
def test_a_position_set_by_the_browser_or_a_link_is_the_row_the_unit_shows(x):
    by_link = open_page(PAGE, {"lines": "1,2,3", "x": x})
    by_state = open_page(PAGE, {"lines": "1,2,3"})
    by_state.session_state["x"] = float(x)  # what the unit keeps when the browser reports it
    by_state.run()
    cost, slope = squared(typed("1,2,3"), Fraction(x))
    for at in (by_link, by_state):
        assert not at.exception
        row = touch_row(at, HOUSE)
        assert metrics(row)["total cost at the house C(x)"] == numbers.shown(cost)
        assert metrics(row)["slope at the house C′(x)"] == numbers.shown(slope)
        assert row["alt"].startswith(f"The house at x = {x.replace('-', '−')} pays")
        kept = at.query_params["x"]
        assert (kept if isinstance(kept, list) else [kept]) == [x]  # the address bar keeps it


def test_the_handle_sits_on_the_curve_at_every_position_and_the_tangent_has_the_slope():
    at = open_page(PAGE, {"lines": "1,2,3"})
    data = touch_data(at, HOUSE)
    (drag,) = data["picture"]["drags"]
    a = typed("1,2,3")
    for (x, row), (hx, hy) in zip(rows_with_x(at), drag["at"], strict=True):
        cost, slope = squared(a, x)
        assert (hx, hy) == (float(x), float(cost))
        tangent = next(layer for layer in row["layers"] if layer["kind"] == "line")
        (x0, y0), (x1, y1), (x2, y2) = tangent["points"]
        assert (x1, y1) == (float(x), float(cost))
        assert (y2 - y1) / (x2 - x1) == pytest.approx(float(slope))
        assert (y1 - y0) / (x1 - x0) == pytest.approx(float(slope))


def test_on_a_corner_the_tangent_bends_to_the_two_one_sided_slopes():
    at = open_page(PAGE, {"lines": "1,2", "kind": "absolute", "x": "1"})
    row = touch_row(at, HOUSE)
    assert metrics(row)["slope at the house C′(x)"] == "none: a corner"
    (points,) = [layer["points"] for layer in row["layers"] if layer["kind"] == "line"]
    (x0, y0), (x1, y1), (x2, y2) = points
    # just left of 1 both lines are to the right: slope −2; just right, one each side: 0
    assert ((y1 - y0) / (x1 - x0), (y2 - y1) / (x2 - x1)) == (-2, 0)
    assert "a corner, slopes −2 and 0" in row["alt"]
    (working,) = row["tex"]
    assert r"C'(1^-) &= -2, \quad C'(1^+) = 0" in working
    assert r"\lvert 1 - 1 \rvert" in working  # not |1 - 1|: KaTeX reads "| -" as a minus


def test_downhill_words_follow_the_sign_of_the_slope():
    at = open_page(PAGE)
    a = typed("1,2")
    for x, row in rows_with_x(at):
        slope = squared(a, x)[1]
        words = (
            "moving right lowers the cost"
            if slope < 0
            else "moving left lowers the cost"
            if slope > 0
            else "no small move lowers the cost"
        )
        assert words in row["alt"], x


def test_many_lines_show_the_first_two_terms_dots_and_the_last():
    at = open_page(PAGE, {"lines": "-20,-3.25,0.5,1,2,7.75,10,20", "x": "0"})
    (working,) = touch_row(at, HOUSE)["tex"]
    assert working.startswith(r"\begin{aligned} C(0) &= (0 + 20)^2 + (0 + 3.25)^2 \\ ")
    assert r"&\quad + \dots + (0 - 20)^2 \\ &= 975.875" in working
    # 2 (0 + 20 + 3.25 − 0.5 − 1 − 2 − 7.75 − 10 − 20) = −36
    assert working.endswith(r"&\quad + \dots + 2(0 - 20) \\ &= -36 \end{aligned}")


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ({}, 100_000),  # the notes' two lines: 81 positions
        ({"lines": "1,2,3", "kind": "absolute"}, 100_000),
        ({"lines": WIDE}, 260_000),  # the most there can be: 8 lines, 201 positions
        ({"lines": WIDE, "kind": "absolute"}, 260_000),
    ],
)
def test_the_unit_sends_well_under_300_kb_even_with_eight_lines_along_the_whole_street(
    query, limit
):
    at = open_page(PAGE, query)
    data = touch_data(at, HOUSE)
    assert len(data["rows"][0]) <= 201
    assert len(json.dumps(data)) < limit


@pytest.mark.parametrize(
    "query",
    [{}, {"kind": "absolute"}, {"lines": WIDE}, {"lines": "0,1,1"}, {"lines": "-20,20"}],
)
def test_no_row_says_residue_nan_inf_or_minus_zero(query):
    at = open_page(PAGE, query)
    data = touch_data(at, HOUSE)
    for row in data["rows"][0]:
        texts = [*row["tex"], row["alt"], *row["notes"], *row["legend"]]
        texts += [f"{label}: {shown}" for label, shown in row["metrics"]]
        for piece in texts:
            assert not offending(piece, "cost_functions"), piece
    assert not offending(" ".join(data["controls"][0]["labels"]), "cost_functions")


def test_a_mean_that_is_no_short_decimal_is_marked_approximately_in_every_row():
    at = open_page(PAGE, {"lines": "0,1,1"})  # mean 2/3
    for _, row in rows_with_x(at):
        assert metrics(row)["best position"] == "≈ 0.6667"
    assert touch_data(at, HOUSE)["picture"]["legend"][3]["name"] == "best: x ≈ 0.6667"
