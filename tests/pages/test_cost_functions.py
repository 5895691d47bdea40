"""The Cost functions page in AppTest: defaults, deep links, and every bad-input edge."""

import json
import statistics
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from app_pages.cost_functions.descent_picture import readable_labels
from app_pages.cost_functions.power_line_positions import apply_table_edits
from tests.pages.helpers import (
    all_text,
    chart_by_caption,
    drawn_by_fragment,
    open_page,
    touch_data,
    touch_row,
    unescaped,
)

PAGE = "app_pages/cost_functions/page.py"
HOUSE = "house_touch"  # the house's touch unit: its numbers and working are in its rows
WALK = "walk_touch"
SPOT = "spot_touch"  # where you stand in the sauna: a touch unit  # the walk downhill's touch unit: start, learning rate, steps
SUPPLIERS = "suppliers_touch"  # the two suppliers: w and the price history, a touch unit


def metric(at, label_start: str) -> str:
    """A metric's value: a Streamlit metric, else one of the house unit's numbers (the row it
    shows at the house's position)."""
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    for unit in (SPOT, HOUSE, SUPPLIERS):
        try:
            row = touch_row(at, unit)
        except AssertionError:  # no such unit (no house without lines)
            continue
        for label, value in row["metrics"]:
            if label.startswith(label_start):
                return value
    raise AssertionError(f"no number {label_start!r}")


def house_at(at) -> str:
    """Where the house's range input stands, as its label reads."""
    control = touch_data(at, HOUSE)["controls"][0]
    return control["labels"][control["index"]]


def ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


def walk_text(at) -> str:
    """What the walk's unit says where Python holds its inputs: its words and its sentence."""
    row = touch_row(at, WALK, 2)
    return " ".join([*row["notes"], row["alt"]])


def sauna_text(at) -> str:
    """What the sauna walk's unit says where Python holds its inputs (its words, once bold)."""
    row = touch_row(at, "sauna_touch", 1)
    return " ".join([*row["notes"], row["alt"]])


def walk_held(at) -> list[str]:
    """Start, learning rate and steps as the walk's three inputs read."""
    return [c["labels"][c["index"]] for c in touch_data(at, WALK)["controls"]]


def walk_numbers(at) -> tuple[list[int], list[str]]:
    """The numbered steps of the walk's picture: the step numbers, from its numbers layer."""
    *_, numbered = touch_row(at, WALK, 2)["layers"]
    return [int(k) for k in numbered["labels"]], numbered["labels"]


def test_defaults_show_the_notes_two_lines_with_optimum_1_5_and_house_at_0():
    at = open_page(PAGE)
    ok(at)
    assert at.title[0].value == "Cost functions"
    assert at.text_input(key="lines").value == "1,2"
    assert metric(at, "total cost at the house") == "5"
    assert metric(at, "slope at the house") == "−6"
    assert metric(at, "best position") == "1.5"
    text = all_text(at)
    assert "The best position is **x = 1.5**: the mean of 1 and 2" in text
    assert r"x = \frac{3}{2} = 1.5" in text
    assert "C'(x) &= 2(x - 1) + 2(x - 2) \\\\ &= 2(2x - 3)" in text


def test_deep_link_lines_1_2_3_shows_the_optimum_2_proved_by_the_derivative():
    at = open_page(PAGE, {"lines": "1,2,3"})
    ok(at)
    assert metric(at, "best position") == "2"
    text = all_text(at)
    assert "The best position is **x = 2**: the mean of 1, 2 and 3" in text
    assert r"3x = 6 \\ &\iff x = \frac{6}{3} = 2" in text
    assert metric(at, "total cost at the house") == "14"


def test_deep_link_lines_1_2_absolute_says_every_x_in_1_2_is_best():
    at = open_page(PAGE, {"lines": "1,2", "kind": "absolute"})
    ok(at)
    assert at.radio(key="kind").value == "absolute"
    assert metric(at, "best position") == "1 to 2"
    assert "**Every x in [1, 2] is best**" in all_text(at)


def test_deep_link_house_position_sets_cost_and_slope_at_the_house():
    at = open_page(PAGE, {"lines": "1,2,3", "x": "3.5"})
    ok(at)
    assert house_at(at) == "3.5" and at.session_state["x"] == 3.5
    assert metric(at, "total cost at the house") == "8.75"  # 2.5² + 1.5² + 0.5²
    assert metric(at, "slope at the house") == "9"  # 2 (2.5 + 1.5 + 0.5)


def test_outlier_moves_the_mean_but_not_the_median():
    at = open_page(PAGE, {"lines": "1,2,20", "kind": "absolute"})
    ok(at)
    assert metric(at, "best position") == "2"
    outlier = table_with(at, "best for squared cost (the mean)")
    assert outlier["best for squared cost (the mean)"].tolist() == ["2", "≈ 7.667"]
    assert outlier["best for absolute cost"].tolist() == ["2", "2"]


def test_moving_the_house_slider_updates_the_cost_shown():
    at = open_page(PAGE)
    at.session_state["x"] = 1.5  # what the unit keeps when the browser reports the position
    at.run()
    ok(at)
    assert house_at(at) == "1.5"
    assert metric(at, "total cost at the house") == "0.5"
    assert metric(at, "slope at the house") == "0"


def test_preset_button_switches_to_three_lines():
    at = open_page(PAGE)
    at.button(key="preset_3_3").click().run()
    ok(at)
    assert at.text_input(key="lines").value == "1,2,3"
    assert metric(at, "best position") == "2"


def test_typing_new_positions_moves_the_optimum():
    at = open_page(PAGE)
    at.text_input(key="lines").input("1, 2, 6").run()
    ok(at)
    assert metric(at, "best position") == "3"


def test_deep_link_descent_settings_give_the_closed_form_path():
    at = open_page(
        PAGE, {"lines": "1,2,3", "start": "5", "lr": "0.1", "steps": "3", "iterates": "true"}
    )
    ok(at)
    iterates = next(d.value for d in at.table if "x_k" in d.value.columns)
    # x_k = 2 + 0.4^k (5 - 2)
    assert iterates["x_k"].tolist() == ["5", "3.2", "2.48", "2.192"]
    assert "1 − 2·3·0.1 = 0.4" in walk_text(at)
    assert walk_held(at) == ["5", "0.1", "3"]


def test_learning_rate_above_one_over_n_is_said_to_run_away():
    at = open_page(PAGE, {"lines": "1,2,3", "lr": "0.4"})
    ok(at)
    words = walk_text(at)
    assert "running away" in words
    assert "below 1/3 ≈ 0.3333 settle" in words


def test_learning_rate_exactly_one_over_n_is_said_to_bounce():
    at = open_page(PAGE, {"lines": "1,2", "lr": "0.5"})
    ok(at)
    assert "bouncing back and forth" in walk_text(at)


def test_tiny_learning_rate_is_said_to_crawl():
    at = open_page(PAGE, {"lr": "0.001"})
    ok(at)
    text = walk_text(at)
    assert "still walking downhill" in text
    assert "it crawls: each step removes only 0.4% of the distance" in text  # 1 - 2·2·0.001


@pytest.mark.parametrize("lr", ["0", "-0.5"])
def test_learning_rate_zero_or_negative_in_the_link_is_explained_and_replaced(lr):
    at = open_page(PAGE, {"lr": lr})
    ok(at)
    errors = " ".join(e.value for e in at.error)
    assert f"A learning rate of {float(lr):g} does not walk downhill" in errors
    assert walk_held(at)[1] == "0.1"
    assert any(c.value.startswith("🔗 The link") for c in at.caption)
    assert metric(at, "best position") == "1.5"


def test_thousands_of_steps_in_the_link_are_capped_with_a_note():
    at = open_page(PAGE, {"steps": "5000"})
    ok(at)
    assert walk_held(at)[2] == "30"  # the default, with the note
    notes = [c.value for c in at.caption if c.value.startswith("🔗 The link")]
    assert any("5000" in n for n in notes)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("", "There are no power lines yet"),
        ("1,two,3", "'two' is not a number"),
        ("1,1e400", "not a finite number"),
        ("1,2,99999", "off the street"),
        ("nan", "not a finite number"),
        (",".join(str(i) for i in range(12)), "at most 8"),
    ],
)
def test_bad_positions_give_a_clear_message_and_the_rest_of_the_page_works(lines, message):
    at = open_page(PAGE, {"lines": lines, "suppliers": "true"})
    ok(at)
    assert message in unescaped(" ".join(e.value for e in at.error))
    waiting = [c.value for c in at.caption if "appears once the power-line positions" in c.value]
    assert len(waiting) == 2  # sections 3 and 4
    assert metric(at, "temperature here")  # the sauna still works
    assert metric(at, "best split w*") == "≈ 0.374"  # and the suppliers


def test_duplicate_positions_are_allowed_and_noted():
    at = open_page(PAGE, {"lines": "2,2,5"})
    ok(at)
    assert "share the position 2" in " ".join(i.value for i in at.info)
    assert metric(at, "best position") == "3"


def test_house_far_outside_the_street_is_clamped_with_a_note():
    at = open_page(PAGE, {"x": "1e9"})
    ok(at)
    assert house_at(at) == "0" and metric(at, "total cost at the house") == "5"
    assert any("1e9" in c.value for c in at.caption if c.value.startswith("🔗"))


def test_unknown_kind_falls_back_to_squared():
    at = open_page(PAGE, {"kind": "cubic"})
    ok(at)
    assert at.radio(key="kind").value == "squared"
    assert metric(at, "best position") == "1.5"


def test_sauna_default_spot_says_colder_to_the_right_and_lists_stationary_points():
    at = open_page(PAGE)
    assert metric(at, "colder is") == "to the right"
    points = next(d.value for d in at.table if "what it is" in d.value.columns)
    assert points["what it is"].tolist() == [
        "flat shelf, no extremum",
        "local minimum",
        "local maximum",
        "global minimum",
    ]
    assert points["x (m)"].tolist() == ["1.5", "4", "6", "8"]


def test_sauna_spot_on_the_flat_shelf_says_zero_slope_but_no_minimum():
    at = open_page(PAGE, {"spot": "1.5"})
    ok(at)
    assert metric(at, "colder is") == "neither way: flat"
    assert "but this is no minimum: a flat shelf" in " ".join(touch_row(at, SPOT)["notes"])


def test_sauna_descent_from_different_starts_ends_in_different_minima():
    local = open_page(PAGE, {"sauna_start": "3", "sauna_walk": "true"})
    assert "local minimum at x = 4 m" in sauna_text(local)
    best = open_page(PAGE, {"sauna_start": "7", "sauna_walk": "true"})
    assert "coldest spot at x = 8 m" in sauna_text(best)


def test_suppliers_three_ways_agree_and_the_closed_form_has_the_numbers():
    at = open_page(PAGE, {"w": "0.2", "seed": "3", "suppliers": "true"})
    ok(at)
    # the worked w* is the unit's formula: its template filled with this history's numbers
    (worked,) = touch_row(at, SUPPLIERS)["tex"]
    assert worked["with"][-1] == r"\approx 0.2887"
    ways = next(d.value for d in at.table if "way" in d.value.columns)
    assert ways["best w"].tolist() == ["0.289", "≈ 0.2887", "≈ 0.2887"]
    assert metric(at, "best split w*") == "≈ 0.289"
    assert metric(at, "slope L′(w)").startswith("≈ −")  # w = 0.2 is left of the best split


def test_check_yourself_answers():
    at = open_page(PAGE)
    at.text_input(key="quiz_cost_min").input("2").run()
    assert any("Right." in s.value for s in at.success)
    at.radio(key="quiz_cost_lr2").set_value(
        "It jumps past x = 2 by more each step: it diverges."
    ).run()
    assert "The first steps go to x = 16, then −96" in " ".join(s.value for s in at.success)
    at.radio(key="quiz_cost_outlier").set_value("The median.").run()
    assert "Not quite." in " ".join(w.value for w in at.warning)


def test_table_edits_change_add_and_delete_positions():
    edits = {
        "edited_rows": {"1": {"position": 5.0}},
        "added_rows": [{"position": -3.0}, {}],
        "deleted_rows": [0],
    }
    assert apply_table_edits((1.0, 2.0, 3.0), edits) == [5.0, 3.0, -3.0]
    assert apply_table_edits((1.0,), {"deleted_rows": [0]}) == []


def test_a_single_line_puts_the_house_right_at_it():
    at = open_page(PAGE, {"lines": "7"})
    ok(at)
    assert metric(at, "best position") == "7"
    assert "right at the only line" in all_text(at)


def test_sauna_walk_started_on_the_warm_bench_stays_there_and_says_it_is_no_minimum():
    at = open_page(PAGE, {"sauna_start": "6", "sauna_walk": "true"})
    ok(at)
    assert "on the warm bench (a local maximum)" in sauna_text(at)


def test_sauna_walk_with_a_big_rate_leaves_the_room_and_says_so():
    at = open_page(PAGE, {"sauna_start": "0", "sauna_lr": "0.3", "sauna_walk": "true"})
    ok(at)
    assert "After 1 step the walk is out of the picture" in sauna_text(at)


def test_a_mean_that_is_not_a_short_decimal_is_shown_as_a_fraction_and_approximately():
    at = open_page(PAGE, {"lines": "0,1,1"})
    ok(at)
    text = all_text(at)
    assert "C(x) &= x^2 + (x - 1)^2 \\\\ &\\quad + (x - 1)^2" in text
    assert r"3x = 2 \\ &\iff x = \frac{2}{3} \approx 0.6667" in text
    assert metric(at, "best position") == "≈ 0.6667"


def frame_with(frames: list[pd.DataFrame], column: str) -> pd.DataFrame:
    return next(f for f in frames if column in f.columns)


def test_the_picture_takes_in_the_lines_and_0_with_room_and_the_house_far_left_on_it():
    # The house's picture no longer follows the house (it would redraw under the hand): it
    # spans every position the house can take, the lines and 0 with 3 to spare.
    at = open_page(PAGE, {"lines": "-8,1,2", "x": "-9"})
    ok(at)
    data = touch_data(at, HOUSE)
    assert data["picture"]["x"] == [-11.0, 5.0]
    assert data["controls"][0]["labels"][0] == "−11" and data["controls"][0]["labels"][-1] == "5"
    assert metric(at, "total cost at the house") == "222"  # (−1)² + (−10)² + (−11)²
    house = next(layer for layer in touch_row(at, HOUSE)["layers"] if layer["kind"] == "points")
    assert house["points"] == [[-9.0, 222.0]] and house["labels"] == ["house"]


def test_a_link_to_a_house_off_its_stretch_of_street_gets_a_note_and_the_default():
    at = open_page(PAGE, {"x": "-9"})  # lines 1 and 2: the house moves from −3 to 5
    ok(at)
    assert house_at(at) == "0"
    notes = " ".join(c.value for c in at.caption if c.value.startswith("🔗"))
    assert "−9" in notes or "-9" in notes
    assert "from −3 to 5" in notes


def test_descent_numbers_the_start_the_last_and_early_steps_that_do_not_overlap_from_a_column():
    at = open_page(PAGE, {"lines": "1,2,3", "start": "5", "lr": "0.1", "steps": "10"})
    ok(at)
    assert touch_row(at, WALK, 2)["alt"].startswith("Gradient descent from x₀ = 5")
    # x = 5, 3.8, 3.32, 3.128, ...: step 3 sits 0.19 right of and 1.4 below step 2, on an axis
    # 8 wide and 77 high: its number would cover step 2's on a phone, so it is left out
    steps, labels = walk_numbers(at)
    assert steps == [0, 1, 2, 10]
    # the numbers are a layer of their own whose points are the labelled steps
    assert labels == ["0", "1", "2", "10"]
    # the picture spans street_window(lines, 5, 2) = (-1, 7)
    assert touch_data(at, WALK)["picture"]["x"] == [-1.0, 7.0]


def test_the_mix_keeps_one_name_in_the_spec_and_its_legend_label_carries_w_from_the_data():
    at = open_page(PAGE, {"w": "0.2", "suppliers": "true"})
    ok(at)
    spec, frames = chart_by_caption(at, "the cost of buying 0.2 from A and 0.8 from B")
    assert set(frame_with(frames, "curve")["curve"]) == {"supplier A", "supplier B", "your mix"}
    labels = frame_with(frames, "label_0")
    assert labels["label_0"].tolist() == ["your mix, w = 0.2"]
    assert "w = 0.2" not in json.dumps(spec)


@pytest.mark.parametrize(
    ("params", "labelled"),
    [
        ({"steps": "1", "lr": "0.01"}, [0]),  # x 2 -> 1.86, cost 25 -> 23.1: one label's room
        ({"steps": "1", "lr": "0.1"}, [0, 1]),  # x -2 -> -0.6: far apart, both numbered
        ({"steps": "100", "lr": "0.01"}, [0, 2, 100]),
        ({"steps": "200", "lr": "0.01"}, [0, 2, 200]),
        ({"steps": "200", "lr": "0.25"}, [0, 1]),  # lands on the mean in one step, stops
    ],
)
def test_descent_step_numbers_never_overlap_whatever_the_step_count(params, labelled):
    at = open_page(PAGE, params)
    ok(at)
    assert sorted(walk_numbers(at)[0]) == labelled


def test_readable_labels_keep_the_start_first_then_the_end_then_early_steps_that_fit():
    xs = np.array([0.0, 0.01, 5.0, 5.02, 10.0])
    ys = np.array([10.0, 9.9, 5.0, 4.9, 0.0])
    # 300 px over x 0..10: 30 px per unit; 240 px over y 0..10: 24 px per unit
    got = readable_labels(xs, ys, [0, 4, 1, 2, 3], (0.0, 10.0), (0.0, 10.0))
    assert got.tolist() == [True, False, True, False, True]
    # far apart in y alone is enough: 1 unit = 24 px > one line of text
    got = readable_labels(np.array([0.0, 0.0]), np.array([0.0, 1.0]), [0, 1], (0, 10), (0, 10))
    assert got.tolist() == [True, True]


def test_the_house_fragment_draws_its_working_in_the_unit_and_the_derivation_outside(
    monkeypatch,
):
    kinds: list[tuple[str, str]] = []
    enqueue = ForwardMsgQueue.enqueue

    def spy(queue, msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "bidi_component":
                component = element.bidi_component
                key = json.loads(component.json).get("key") if component.json else None
                kinds.append((msg.delta.fragment_id, component.component_name, key))
        return enqueue(queue, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", spy)
    drawn = drawn_by_fragment(monkeypatch, PAGE, {"lines": "1,2,3", "x": "0.5"})
    # the house unit reruns alone (a fragment) when the browser reports a position, and draws
    # no st.latex: its working is typeset by the unit in the browser
    (house,) = {f for f, name, key in kinds if name == "calculus_ml.touch" and key == HOUSE}
    assert house
    assert not [text for fragment, text in drawn if fragment == house and text.startswith("$$")]
    at = open_page(PAGE, {"lines": "1,2,3", "x": "0.5"})
    # C(0.5) = 0.25 + 2.25 + 6.25, C'(0.5) = 2 (-0.5 - 1.5 - 2.5)
    assert touch_row(at, HOUSE)["tex"] == [
        "\\begin{aligned} C(0.5) &= (0.5 - 1)^2 + (0.5 - 2)^2 \\\\ &\\quad + (0.5 - 3)^2 \\\\ "
        "&= 8.75 \\\\ C'(0.5) &= 2(0.5 - 1) + 2(0.5 - 2) \\\\ &\\quad + 2(0.5 - 3) \\\\ "
        "&= -9 \\end{aligned}"
    ]
    outside = [text for fragment, text in drawn if not fragment]
    derivation = [
        "**Set the slope to zero:**",
        "$$\n\\begin{aligned} C(x) &= (x - 1)^2 + (x - 2)^2 \\\\ &\\quad + (x - 3)^2 \\\\ "
        "C'(x) &= 2(x - 1) + 2(x - 2) \\\\ &\\quad + 2(x - 3) \\\\ &= 2(3x - 6) \\\\ "
        "C'(x) = 0 &\\iff 3x = 6 \\\\ &\\iff x = \\frac{6}{3} = 2 \\end{aligned}\n$$",
    ]
    # one markdown element: the heading, the formula, then the general result
    start = next(i for i, text in enumerate(outside) if text.startswith(derivation[0]))
    assert outside[start].startswith("\n\n".join(derivation) + "\n\n**For any n lines:**")
    # the answer in words comes right before its derivation, also drawn once
    assert outside[start - 1].startswith("The best position is **x = 2**: the mean of 1, 2 and 3")


def test_moves_of_the_house_move_only_the_house_not_the_curves():
    def picture_at(x: str) -> dict:
        at = open_page(PAGE, {"x": x})
        ok(at)
        assert house_at(at) == x.replace("-", "−")
        return touch_data(at, HOUSE)["picture"]

    at_01 = picture_at("0.1")
    assert picture_at("0.4") == at_01 and picture_at("-0.3") == at_01  # nothing to redraw
    assert at_01["x"] == [-3.0, 5.0]  # the lines 1 and 2 and the house's start 0, with room 3


# ---------------------------------------------------------------- issue 16, findings 5 and 7


def one_sided_slopes(lines: list[int], x: Fraction) -> tuple[Fraction, Fraction]:
    """The absolute cost's slopes just left and right of x, from exact difference quotients
    (the cost is straight between corners, so a small step gives the slope exactly)."""
    h = Fraction(1, 1000)

    def c(t: Fraction) -> Fraction:
        return sum((abs(t - a) for a in lines), Fraction(0))

    return (c(x) - c(x - h)) / h, (c(x + h) - c(x)) / h


def minus(value: Fraction) -> str:
    return f"{float(value):g}".replace("-", "−")


def test_absolute_cost_says_the_corners_have_no_slope_and_the_closed_interval_minimises():
    at = open_page(PAGE, {"lines": "1,2", "kind": "absolute"})
    ok(at)
    text = all_text(at)
    for corner in (1, 2):
        left, right = one_sided_slopes([1, 2], Fraction(corner))
        assert (
            f"C′({corner}) does not exist: one-sided slopes {minus(left)} and {minus(right)}"
            in text
        )
    assert r"C'(x) = 0 &\iff 1 < x < 2" in text
    assert "C′ = 0 on the open interval (1, 2)" in text
    assert "every x in the closed interval [1, 2] minimises C" in text
    assert r"\iff \text{every } x \in [1, 2]" not in text  # the old claim: C′ = 0 on [1, 2]


def test_the_house_on_a_corner_reads_no_slope_but_the_two_one_sided_slopes():
    at = open_page(PAGE, {"lines": "1,2", "kind": "absolute", "x": "1"})
    ok(at)
    left, right = one_sided_slopes([1, 2], Fraction(1))
    assert metric(at, "slope at the house") == "none: a corner"  # the sign formula said −1
    (formula,) = touch_row(at, HOUSE)["tex"]
    assert rf"C'(1^-) &= {float(left):g}, \quad C'(1^+) = {float(right):g}" in formula
    assert r"C'(1) &\text{ does not exist (a corner)}" in formula


def test_absolute_cost_with_three_lines_is_lowest_on_a_corner_where_the_slope_is_never_zero():
    at = open_page(PAGE, {"lines": "1,2,3", "kind": "absolute"})
    ok(at)
    text = all_text(at)
    left, right = one_sided_slopes([1, 2, 3], Fraction(2))
    assert (
        f"C′ is never 0. C′(2) does not exist: one-sided slopes {minus(left)} and {minus(right)}"
        in text
    )
    assert r"C'(x) = 0 &\iff" not in text


def table_with(at, column: str) -> pd.DataFrame:
    return next(t.value for t in at.table if column in t.value.columns)


def test_mean_and_median_at_the_defaults_two_lines_the_best_stretch_grows_to_the_far_line():
    at = open_page(PAGE)
    ok(at)
    table = table_with(at, "best for squared cost (the mean)")
    assert table["lines"].tolist() == ["1 and 2", "1 and 20"]
    # statistics.mean of each row; the absolute cost's minimisers run between the middle two
    assert table["best for squared cost (the mean)"].tolist() == [
        f"{statistics.mean([1, 2]):g}",
        f"{statistics.mean([1, 20]):g}",
    ]
    assert table["best for absolute cost"].tolist() == ["every x in [1, 2]", "every x in [1, 20]"]
    text = all_text(at)
    assert "moves the mean by (20 − 2)/2 = 9" in text
    assert "best stretch, between the two middle lines, grows from [1, 2] to [1, 20]" in text
    assert "moves little or not at all" not in text


def test_mean_and_median_at_the_outlier_preset_compare_two_different_rows():
    at = open_page(PAGE, {"lines": "1,2,20"})
    ok(at)
    table = table_with(at, "best for squared cost (the mean)")
    assert table["lines"].tolist() == ["1, 2 and 3", "1, 2 and 20"]  # no two equal rows
    mean = Fraction(23, 3)
    assert table["best for squared cost (the mean)"].tolist() == ["2", f"≈ {float(mean):.4g}"]
    assert table["best for absolute cost"].tolist() == [
        f"{statistics.median([1, 2, 3]):g}",
        f"{statistics.median([1, 2, 20]):g}",
    ]
    text = all_text(at)
    assert "moves the mean by (20 − 3)/3 ≈ 5.667" in text
    assert "The absolute cost's best, x = 2, stays" in text
    assert "by 0" not in text


# ---------------------------------------------------------------- issue 16, findings 6 and 15


def exact_walk(lines, kind, start, lr, steps):
    """The walk in exact arithmetic, an independent oracle: x <- x - lr C'(x), with sign(0) = 0
    at a corner, until the slope is 0."""
    a = [Fraction(v) for v in lines]
    x, lr = Fraction(start), Fraction(lr)
    xs = [x]
    for _ in range(steps):
        if kind == "squared":
            slope = 2 * sum(x - v for v in a)
        else:
            slope = sum((x > v) - (x < v) for v in a)
        if slope == 0:
            break
        x = x - lr * slope
        xs.append(x)
    return xs


def test_absolute_descent_says_it_landed_on_the_flat_bottom_and_never_shrank_its_steps():
    at = open_page(PAGE, {"kind": "absolute", "iterates": "true"})  # lines 1, 2; from -2, rate 0.1
    ok(at)
    xs = exact_walk([1, 2], "absolute", -2, "0.1", 30)
    sizes = [abs(b - a) for a, b in zip(xs, xs[1:], strict=False)]
    assert sizes == [Fraction(1, 5)] * 15 + [Fraction(1, 10)]  # x15 = 1 is a corner
    text = walk_text(at)
    assert (
        "It took 15 steps of 0.2, then 1 step of 0.1 and landed at x₁₆ = 1.1, on the flat "
        "bottom between 1 and 2, where the slope is 0" in text
    )
    assert "At the corner x₁₅ = 1, C′ does not exist" in text
    assert "so the steps do not fade as the walk nears the bottom" in text
    assert "the steps have become tiny" not in text
    assert "keep their size and bounce" not in text
    table = table_with(at, "x_k")
    assert table["x_k"].tolist() == [f"{float(x):g}".replace("-", "−") for x in xs]
    assert table["x_k"][10] == "0"  # the float walk printed −2.775558e−16 here
    assert not any("e-" in v or "10⁻" in v for v in table["x_k"])


def test_squared_descent_says_the_stopping_rule_and_an_approximate_final_position():
    at = open_page(PAGE)  # lines 1, 2; from -2, rate 0.1, 30 steps
    ok(at)
    xs = exact_walk([1, 2], "squared", -2, "0.1", 30)
    # the stopping rule: stop once the next step 0.1 |C'(x_k)| would be at most 10⁻⁶
    k = next(i for i, x in enumerate(xs) if Fraction(1, 10) * abs(4 * x - 6) <= Fraction(1, 10**6))
    assert k == 28
    text = walk_text(at)
    assert "It stopped after 28 of 30 steps: its next step, 0.1 · |C′(x₂₈)| ≈ " in text
    assert "is shorter than 1 × 10⁻⁶, the stopping rule" in text
    gap = f"{float(Fraction(3, 2) - xs[28]):.4g}".replace("e-06", " × 10⁻⁶")
    assert f"Then x₂₈ ≈ 1.5, ≈ {gap} from the mean, x = 1.5." in text
    assert "ending at x₂₈ ≈ 1.5" in text  # the picture's sentence
    assert "it is at x = 1.5" not in text + all_text(at)


def test_a_mean_that_is_no_short_decimal_is_introduced_with_approximately_in_the_walk():
    at = open_page(PAGE, {"lines": "1,2,20"})  # mean 23/3
    ok(at)
    assert "from the mean, x ≈ 7.667." in walk_text(at)


def test_sauna_walk_with_a_rate_too_large_for_the_coldest_spot_says_it_cannot_settle():
    # Review C8: it read "overshooting: each step jumps past the bottom, but the jumps shrink".
    at = open_page(PAGE, {"sauna_start": "7", "sauna_lr": "0.1", "sauna_walk": "true"})
    ok(at)
    warnings = sauna_text(at)
    assert "the jumps shrink" not in all_text(at) + warnings
    factor = 1 - Fraction(1, 10) * Fraction(338, 10)  # T''(8) = 6.5² · 4 · 2 / 10 = 33.8
    assert f"1 − 0.1·33.8 = −{-float(factor):g}" in warnings
    assert "has not settled, and it never will near x = 8 m" in warnings
    assert "learning rate below 2/33.8 ≈ 0.05917" in warnings


def test_iterates_table_marks_rounded_values_and_never_prints_the_mean_for_a_nearby_iterate():
    # Review C1: x₁₈ … x₂₈ read "1.5" and C(x₁₃ …) "0.5", the minimum itself, with no ≈.
    at = open_page(PAGE, {"iterates": "true"})
    table = next(d.value for d in at.table if "x_k" in d.value.columns)
    mean = Fraction(3, 2)
    for k, (x_cell, c_cell) in enumerate(zip(table["x_k"], table["cost C(x_k)"], strict=True)):
        x = mean - Fraction(7, 2) * Fraction(3, 5) ** k  # x_k = 1.5 + 0.6^k (−2 − 1.5)
        cost = (x - 1) ** 2 + (x - 2) ** 2
        assert x_cell != "1.5" and c_cell != "0.5"
        for cell, value in ((x_cell, x), (c_cell, cost)):
            exact = Fraction(cell.replace("−", "-")) == value if "≈" not in cell else False
            assert exact or cell.startswith("≈ ")
    assert table["x_k"][18] == "≈ 1.49964"  # 1.5 − 3.5·0.6¹⁸ = 1.49964…
    assert table["cost C(x_k)"][13] == "≈ 0.500042"


def test_iterates_table_has_no_slope_at_a_corner_of_the_absolute_cost():
    # Review C7: the slope column read −2 at x₄ = 1 and 0 at x₇ = 2, where C′ does not exist.
    at = open_page(PAGE, {"lines": "1,2,3", "kind": "absolute", "lr": "0.25", "iterates": "true"})
    ok(at)
    table = next(d.value for d in at.table if "x_k" in d.value.columns)
    xs = [Fraction(v.replace("−", "-")) for v in table["x_k"]]
    for x, cell in zip(xs, table["slope C′(x_k)"], strict=True):
        direction = sum((x > a) - (x < a) for a in (1, 2, 3))  # sign(0) = 0 at a line
        if x in (1, 2, 3):
            assert cell == f"none (corner); the step uses {direction}".replace("-", "−")
        else:
            assert cell == str(direction).replace("-", "−")
    assert "none (corner)" in table["slope C′(x_k)"][4] and xs[4] == 1


def test_a_walk_started_on_the_mean_is_said_not_to_move():
    # Review C5: "It landed exactly on the mean, x₀ = 1.5, after 0 steps".
    at = open_page(PAGE, {"start": "1.5"})
    ok(at)
    text = walk_text(at) + all_text(at)
    assert "after 0 steps" not in text
    assert "It starts on the mean, x₀ = 1.5, where the slope is 0, so it does not move." in text


def test_a_negative_position_after_a_minus_sign_is_bracketed():
    # Review C4: "(20 − −19)/2".
    at = open_page(PAGE, {"lines": "-20,20"})
    ok(at)
    text = all_text(at)
    assert "− −" not in text
    assert f"moves the mean by (20 − (−19))/2 = {(20 - (-19)) / 2:g}" in text


def test_the_absolute_cost_best_is_said_to_be_a_stretch_for_an_even_count():
    # Review C6: "the best position is the median" above "every x in [1, 2]" for two lines.
    at = open_page(PAGE)
    text = all_text(at)
    assert "for an even number of lines, every x between the two middle lines is best" in text
    assert "every x in [1, 2]" in text or "[1, 2]" in text


def test_sauna_walk_left_of_the_shelf_is_not_promised_the_bottom():
    # It read "more steps or a larger learning rate would get it there" of a walk that creeps
    # towards the flat shelf at 1.5 for ever (each step is shorter than the distance left).
    at = open_page(PAGE, {"sauna_start": "0.5", "sauna_lr": "0.001", "sauna_walk": "true"})
    ok(at)
    warnings = sauna_text(at)
    assert "would get it there" not in warnings
    assert "creeping towards the flat shelf at x = 1.5 m" in warnings
    assert "never passes the shelf, although the shelf is no minimum" in warnings
