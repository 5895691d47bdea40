"""The Regression page in AppTest: defaults, deep links, uploads and edits of the learner's data."""

import json
import logging
import re
from fractions import Fraction

import numpy as np
import pytest
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest

from core.limits import MAX_DATA_ROWS, MAX_UPLOAD_BYTES
from dashboard.charts import POWER_LABELS
from dashboard.numbers import eq_text
from tests.pages.helpers import (
    ENTRY,
    all_text,
    chart_by_caption,
    chart_captions,
    drawn_by_fragment,
    open_page,
    touch_data,
    touch_row,
    unescaped,
)

PAGE = "app_pages/regression/page.py"
LINE = "regression_line"  # the touch unit of section 3: your line, its residuals, its MSE
HOUSES = "two_houses_touch"  # the touch unit of section 1: the house to price on the line
DESCENT = "descent_touch"  # the touch unit of section 4: learning rate and iterations
MSE_LABEL = "Mean squared error of your line"
PATH_OPEN = {"descent_path": "true"}  # opens section 4's "Going further: the MSE and the path"


def formulas(at: AppTest) -> list[str]:
    """Every displayed formula's element: st.latex, or a markdown holding $$ ... $$ (static
    text and its formulas are drawn as one element, since each element costs every move)."""
    return [f.value for f in at.latex] + [m.value for m in at.markdown if "$$" in m.value]


def metric(at: AppTest, label_start: str) -> str:
    """The value of the first metric whose label starts with `label_start`."""
    for m in at.metric:
        if m.label.startswith(label_start):
            return m.value
    raise AssertionError(f"no metric {label_start!r} in {[m.label for m in at.metric]}")


def descent_metric(at: AppTest, label_start: str) -> str:
    """The value of the gradient-descent unit's number whose label starts with `label_start`,
    at the position Python holds (what the browser shows there)."""
    metrics = touch_row(at, DESCENT)["metrics"]
    for label, value in metrics:
        if label.startswith(label_start):
            return value
    raise AssertionError(f"no number {label_start!r} in {metrics}")


def descent_value(at: AppTest, param: str) -> str:
    """The position an input of the gradient-descent unit holds, as its label reads."""
    control = next(c for c in touch_data(at, DESCENT)["controls"] if c["param"] == param)
    return control["labels"][control["index"]]


def shown(value: object) -> str:
    """How the page writes a value in a metric: exact as it is, rounded after '≈'."""
    return eq_text(value).removeprefix("= ")


NOTES_SLOPE, NOTES_INTERCEPT = shown(Fraction(6500, 11)), shown(-1800)  # '≈ 590.9', '−1800'


def line_row(at: AppTest, control: int = 0, index: int | None = None) -> dict:
    """The row the line's unit shows (where Python holds it, or at `index` of `control`)."""
    return touch_row(at, LINE, control, index)


def line_mse(at: AppTest, control: int = 0, index: int | None = None) -> str:
    """The MSE the unit shows, as the learner reads it."""
    return dict(line_row(at, control, index)["metrics"])[MSE_LABEL]


def line_formulas(at: AppTest, row: dict | None = None) -> list[str]:
    """The row's formulas as KaTeX receives them: templates filled as the browser fills them."""
    templates = touch_data(at, LINE)["picture"]["tex"]
    return [
        entry
        if isinstance(entry, str)
        else re.sub(
            r"@([0-9]+)",
            lambda m, values=entry["with"]: values[int(m[1])],
            templates[entry["fill"]],
        )
        for entry in (row or line_row(at))["tex"]
    ]


def line_value(at: AppTest, param: str) -> str:
    """The position an input of the unit holds, as its label reads (e.g. '100')."""
    control = next(c for c in touch_data(at, LINE)["controls"] if c["param"] == param)
    return control["labels"][control["index"]]


def move_line(at: AppTest, param: str, value: float) -> AppTest:
    """What the unit does after the learner pauses at `value`: the position reaches Python."""
    at.session_state[param] = value
    return at.run()


def exact(at: AppTest) -> tuple[str, str]:
    return metric(at, "Least-squares slope"), metric(at, "Least-squares intercept")


def errors(at: AppTest) -> list[str]:
    return [unescaped(e.value) for e in at.error]


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="regression_upload").set_value((name, content, "text/csv"))
    return at.run()


def own_data(params: dict[str, str] | None = None) -> AppTest:
    at = open_page(PAGE, {"data": "own", **(params or {})})
    assert not at.exception
    return at


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("arrow_vega_lite_chart")] or [
        json.loads(el.proto.spec) for el in at.get("vega_lite_chart")
    ]


# --- defaults ------------------------------------------------------------------------------


def test_defaults_fit_the_notes_table_as_written():
    at = open_page(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Regression"
    assert at.radio(key="outlier").value == "as-written"
    assert line_value(at, "slope") == line_value(at, "intercept") == "0"
    # MSE of the line y = 0: the mean of the squared prices 100, ..., 900, 10000
    assert line_mse(at) == shown(10_285_000)
    assert exact(at) == (NOTES_SLOPE, NOTES_INTERCEPT) == ("≈ 590.9", "−1800")
    assert "One outlier drags the line" in all_text(at)


def test_defaults_show_the_two_houses_line_and_a_prediction_for_3_bedrooms():
    at = open_page(PAGE)
    house = touch_row(at, HOUSES)
    assert dict(house["metrics"])["Predicted price for 3 bedrooms"] == "350,000"
    (working,) = house["tex"]
    template = touch_data(at, HOUSES)["picture"]["tex"][working["fill"]]
    assert "100{,}000" in template and "50{,}000" in template
    assert working["with"] == ["3", "350{,}000"]


def test_defaults_run_1000_steps_of_descent_that_are_not_there_yet():
    at = open_page(PAGE)
    assert descent_value(at, "lr") == "0.01"
    assert descent_value(at, "iters") == "1000"
    assert descent_metric(at, "Slope after 1000 steps") == "≈ 587"
    assert "Not there yet." in all_text(at)


def test_every_chart_has_a_text_description():
    at = open_page(PAGE, PATH_OPEN)
    # the data chart, the two houses' chart and the descent's chart are now touch units'
    # pictures
    assert len(chart_specs(at)) == 4
    captions = chart_captions(at)
    assert len(captions) == 4
    assert all(len(caption) > 20 for caption in captions)
    # the unit's picture: a description, and a text alternative in every row that follows it
    data = touch_data(at, LINE)
    assert data["picture"]["description"] == "The 10 points and your line."
    alts = [row["alt"] for rows in data["rows"] for row in rows]
    assert all(alt.startswith("Your line price = ") for alt in alts)
    assert len(set(alts)) == len(data["rows"][0]) + len(data["rows"][1]) - 1
    descent = touch_data(at, DESCENT)
    assert descent["picture"]["description"] == (
        "The data, gradient descent's line and, dashed, the least-squares line."
    )
    assert {row["alt"] for rows in descent["rows"] for row in rows} >= {
        f"The data, the line after {k} steps and, dashed, the least-squares line."
        for k in (10, 500, 3000)
    }
    houses = touch_data(at, HOUSES)
    assert houses["picture"]["description"] == (
        "The line through the two houses and the house to price on it."
    )
    assert [row["alt"] for row in houses["rows"][0]] == [
        f"The line through the two houses prices {k} bedrooms at {shown(100_000 * k + 50_000)}."
        for k in range(11)
    ]


def test_moving_the_slope_changes_the_charts_data_not_their_specs():
    # An unchanged spec lets the browser swap the data in the existing Vega view instead of
    # building a new one: regression moves fell from about 170 to 93 ms in Chromium.
    at = open_page(PAGE)
    specs, captions = chart_specs(at), chart_captions(at)
    move_line(at, "slope", 50.0)
    assert not at.exception
    assert chart_specs(at) == specs
    assert chart_captions(at) != captions


def test_the_slice_names_its_intercept_in_words_while_its_axis_title_stays():
    at = open_page(PAGE)
    before, _ = chart_by_caption(at, "The MSE across slopes")
    move_line(at, "intercept", 50.0)
    after, _ = chart_by_caption(at, "The MSE across slopes at intercept 50, and its tangent")
    assert after == before
    assert after["layer"][0]["encoding"]["y"]["title"] == "MSE at your intercept"


def test_the_descent_line_keeps_its_legend_name_and_its_tooltip_counts_the_steps():
    # The data chart is now the gradient-descent unit's picture: the replay changes the
    # line (a row's layer) and the legend's live name, never the picture (window, data,
    # least-squares line, legend keys).
    # The replay is the unit's third input (past step 200 its positions are every 10th, so
    # the step before 1000 it reaches is 990): its row is what the hand shows, and after the
    # pause the held row.
    at = open_page(PAGE)
    before = touch_data(at, DESCENT)["picture"]
    assert touch_row(at, DESCENT)["alt"].startswith("The data, the line after 1000 steps")
    replay = touch_data(at, DESCENT)["controls"][2]
    in_hand = touch_row(at, DESCENT, 2, replay["values"].index("990"))
    move_line(at, "replay", 990)
    assert touch_row(at, DESCENT) == in_hand
    data = touch_data(at, DESCENT)
    assert data["picture"] == before
    assert [k["name"] for k in before["legend"]] == [
        "gradient descent's line",
        "least-squares line",
    ]
    row = touch_row(at, DESCENT)
    assert row["alt"].startswith("The data, the line after 990 steps")
    assert row["legend"] == ["gradient descent's line after 990 steps"]
    (descent,) = [layer["points"] for layer in row["layers"]]
    # oracle: 990 plain steps of learning rate 0.01 from (0, 0) on the notes' table
    x = np.arange(1.0, 11.0)
    y = np.array([100.0 * k for k in range(1, 10)] + [10000.0])
    slope = intercept = 0.0
    for _ in range(990):
        r = slope * x + intercept - y
        slope, intercept = slope - 0.01 * 2 * np.mean(r * x), intercept - 0.01 * 2 * np.mean(r)
    ends = np.array([p[0] for p in descent])
    # (coordinates travel with 6 significant digits)
    assert [p[1] for p in descent] == pytest.approx(slope * ends + intercept, rel=1e-5)


def test_normal_equations_are_shown_with_the_notes_sums():
    at = open_page(PAGE)
    equations = next(f for f in formulas(at) if "Longrightarrow" in f)
    for number in ("385", "55", "128{,}500", "14{,}500"):
        assert number in equations


# --- deep links ----------------------------------------------------------------------------


def test_link_outlier_fixed_shows_slope_100_and_intercept_0_exactly():
    at = open_page(PAGE, {"outlier": "fixed"})
    assert not at.exception
    assert exact(at) == ("100", "0")
    assert metric(at, "Smallest MSE") == "0"
    assert "all ten points lie on one line" in all_text(at)


def test_link_to_the_pattern_line_shows_its_mse_8100000_on_the_table_as_written():
    at = open_page(PAGE, {"slope": "100", "intercept": "0"})
    assert (line_value(at, "slope"), line_value(at, "intercept")) == ("100", "0")
    assert line_mse(at) == shown(8_100_000)


def test_moving_the_slope_changes_the_mse():
    at = open_page(PAGE)
    before = line_mse(at)
    # what the browser shows at slope 590 before Python hears of it ...
    ahead = line_mse(at, 0, touch_data(at, LINE)["controls"][0]["labels"].index("590"))
    move_line(at, "slope", 590.0)
    after = line_mse(at)  # ... and once it has
    assert (before, ahead, after) == (shown(10_285_000), shown(8_523_850), shown(8_523_850))


def test_link_with_too_large_learning_rate_says_it_diverged_without_nan_on_screen():
    at = open_page(PAGE, {"lr": "0.03", "iters": "3000"})
    assert not at.exception
    text = all_text(at)
    assert "Diverged: the learning rate 0.03 is too large" in text
    # Review G1: stopped at the step whose MSE passed 10^8 (10,285,000 + 1); that is step 32
    # (numpy: MSE_31 ≈ 7.187e14 is below the threshold, MSE_32 ≈ 1.324e15 above), so the
    # page shows step 31 and says so. Oracle: the same steps in plain numpy.
    x, y = np.arange(1.0, 11.0), np.array([100.0 * k for k in range(1, 10)] + [10_000.0])
    w = b = 0.0
    losses = [float(np.mean((w * x + b - y) ** 2))]
    while losses[-1] <= 1e8 * (losses[0] + 1):
        r = w * x + b - y
        w, b = w - 0.03 * 2 * np.mean(r * x), b - 0.03 * 2 * np.mean(r)
        losses.append(float(np.mean((w * x + b - y) ** 2)))
    k = len(losses) - 1
    threshold = eq_text(1e8 * (losses[0] + 1)).removeprefix("= ")
    assert (
        f"At step {k} the MSE reached {eq_text(losses[-1]).removeprefix('= ')}, past "
        f"{threshold}, so the run was stopped there; the last step shown is step {k - 1}."
    ) in text
    assert losses[k - 1] <= 1e8 * (losses[0] + 1) < losses[k]
    assert "Each step jumps across the valley and lands higher up the other side" in text
    assert "0.02545" in text  # the limit 2 / lambda_max for this data
    assert "nan" not in text.lower().replace("nanc", "")
    assert "inf" not in text.replace("infinit", "")


def test_link_with_scaling_and_rate_half_converges_in_one_step():
    at = open_page(PAGE, {"lr": "0.5", "scale": "true", "iters": "10"})
    text = all_text(at)
    assert "Converged: by step 1 the MSE above its minimum had fallen to a millionth" in text
    assert descent_metric(at, "Slope after 10 steps") == NOTES_SLOPE
    assert descent_metric(at, "Intercept after 10 steps") == NOTES_INTERCEPT  # exactly -1800


def test_link_replay_shows_an_early_step():
    at = open_page(PAGE, {"replay": "1"})
    assert descent_metric(at, "Slope after 1 step") == "257"  # 0.01 * 25,700
    assert descent_metric(at, "Intercept after 1 step") == "29"  # 0.01 * 2,900


def test_link_with_zero_iterations_shows_the_start():
    at = open_page(PAGE, {"iters": "0"})
    assert not at.exception
    assert "No steps taken yet" in all_text(at)


def test_link_for_the_two_houses_fits_slope_100000_and_intercept_50000():
    at = open_page(PAGE, {"data": "houses"})
    assert exact(at) == ("100,000", "50,000")


@pytest.mark.parametrize(
    ("params", "slider", "expected"),
    [
        ({"slope": "banana"}, "slope", 0),
        ({"slope": "1e9"}, "slope", 0),
        ({"slope": "105"}, "slope", 0),  # between two positions (steps of 10)
        ({"intercept": "nan"}, "intercept", 0),
        ({"iters": "-5"}, "iters", 1000),
    ],
)
def test_bad_link_values_fall_back_with_a_note(params, slider, expected):
    at = open_page(PAGE, params)
    assert not at.exception
    if slider in ("slope", "intercept"):
        assert line_value(at, slider) == str(expected)
    else:
        assert descent_value(at, slider) == str(expected)
    assert "🔗" in " ".join(c.value for c in at.caption)


def test_bad_outlier_value_falls_back_to_as_written():
    at = open_page(PAGE, {"outlier": "maybe"})
    assert at.radio(key="outlier").value == "as-written"
    assert exact(at) == (NOTES_SLOPE, NOTES_INTERCEPT)


# --- your own data: uploads ------------------------------------------------------------------


def test_own_data_starts_as_the_notes_table_in_an_editable_table():
    at = own_data()
    assert at.data_editor[0].value.shape == (10, 2)
    assert exact(at) == (NOTES_SLOPE, NOTES_INTERCEPT)


def test_good_upload_replaces_the_data_and_is_fitted():
    at = upload(own_data(), "houses.csv", b"bedrooms,price\n1,150000\n2,250000\n3,350000\n")
    assert not at.exception
    assert "Loaded 3 points from “houses.csv”" in unescaped(all_text(at))
    assert exact(at) == ("100,000", "50,000")
    assert at.data_editor[0].value["price"].tolist() == [150_000, 250_000, 350_000]


BAD_UPLOADS = {
    "not CSV": ("sheet.csv", b"PK\x03\x04\x00\x00binary\x00", "not CSV text"),
    "text in a numeric column": ("t.csv", b"x,y\n1,2\n2,three\n", "“three” in column “y” is text"),
    "missing value": ("m.csv", b"x,y\n1,2\n2,\n3,4\n", "column “y” is missing"),
    "one column": ("one.csv", b"price\n1\n2\n", "only one column"),
    "one row": ("row.csv", b"x,y\n1,2\n", "only one row"),
    "10001 rows": (
        "many.csv",
        b"x,y\n" + b"".join(f"{i},{i}\n".encode() for i in range(MAX_DATA_ROWS + 1)),
        "more than 10,000 data rows",
    ),
    "all x equal": ("same.csv", b"x,y\n4,1\n4,2\n4,3\n", "All x values in the file are equal"),
    "inf": ("inf.csv", b"x,y\n1,2\n2,inf\n", "“inf” in column “y” is not a finite number"),
    "nan": ("nan.csv", b"x,y\nnan,2\n2,3\n", "“nan” in column “x” is not a finite number"),
    "over the size limit": (
        "big.csv",
        b"x,y\n" + b"1,2\n" * (MAX_UPLOAD_BYTES // 4),
        "the limit is 1,000,000 bytes",
    ),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS), ids=list(BAD_UPLOADS))
def test_bad_upload_names_the_problem_and_keeps_the_previous_data(case):
    name, content, message = BAD_UPLOADS[case]
    at = upload(own_data(), "good.csv", b"x,y\n0,1\n1,3\n2,5\n")
    assert exact(at) == ("2", "1")
    at = upload(at, name, content)
    assert not at.exception, [e.message for e in at.exception]
    assert any(message in e and "The previous data is kept" in e for e in errors(at)), errors(at)
    assert exact(at) == ("2", "1")
    assert at.data_editor[0].value["y"].tolist() == [1, 3, 5]


def test_bad_first_upload_keeps_the_starting_table():
    at = upload(own_data(), "one.csv", b"price\n1\n2\n")
    assert any("only one column" in e for e in errors(at))
    assert exact(at) == (NOTES_SLOPE, NOTES_INTERCEPT)


def test_the_error_stays_while_the_bad_file_is_there_and_goes_when_it_is_removed():
    at = upload(own_data(), "one.csv", b"price\n1\n2\n")
    move_line(at, "slope", 100.0)
    assert any("only one column" in e for e in errors(at))
    at.file_uploader(key="regression_upload").set_value(None)
    at.run()
    assert errors(at) == []


# --- your own data: edits --------------------------------------------------------------------


def test_editing_the_ten_bedroom_price_to_1000_gives_slope_100():
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.run()  # first the entry script, so that AppTest knows the page by its path
    at.switch_page(PAGE)
    at.query_params["data"] = "own"
    at.run()
    at.session_state["regression_editor_0"] = {
        "edited_rows": {9: {"price": 1000}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert exact(at) == ("100", "0")


def test_deleting_all_but_one_row_keeps_the_last_table_that_worked():
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.run()  # first the entry script, so that AppTest knows the page by its path
    at.switch_page(PAGE)
    at.query_params["data"] = "own"
    at.run()
    at.session_state["regression_editor_0"] = {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": list(range(1, 10)),
    }
    at.run()
    assert any("only one row" in e and "last table that worked" in e for e in errors(at))
    assert exact(at) == (NOTES_SLOPE, NOTES_INTERCEPT)


def test_download_button_offers_the_data_and_the_line():
    at = open_page(PAGE)
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert "least-squares line" in buttons[0].proto.label


# --- check yourself --------------------------------------------------------------------------


def test_there_are_four_questions_and_the_houses_answer_is_accepted():
    at = open_page(PAGE)
    questions = [w for w in at.text_input if w.key and w.key.startswith("quiz_regression")]
    radios = [w for w in at.radio if w.key and w.key.startswith("quiz_regression")]
    assert len(questions) + len(radios) == 4
    at.text_input(key="quiz_regression_houses").input("450000").run()
    assert any("Right" in s.value for s in at.success)


def test_wrong_outlier_answer_gets_a_hint():
    at = open_page(PAGE)
    at.radio(key="quiz_regression_outlier").set_value(
        "Little: nine of ten points follow the pattern."
    ).run()
    assert any("A majority does not win" in w.value for w in at.warning)


def test_slider_values_out_of_range_for_new_data_are_pulled_inside_its_window():
    at = own_data({"slope": "1000", "intercept": "-3000"})
    assert (line_value(at, "slope"), line_value(at, "intercept")) == ("1000", "−3000")
    at = upload(at, "small.csv", b"x,y\n0,1\n1,3\n2,5\n")
    assert not at.exception
    slope, intercept = touch_data(at, LINE)["controls"]
    assert (slope["labels"][0], slope["labels"][-1], line_value(at, "slope")) == ("−1", "5", "5")
    assert line_value(at, "intercept") == intercept["labels"][0] == "−3.65"
    assert (at.session_state["slope"], at.session_state["intercept"]) == (5.0, -3.65)
    assert line_mse(at) == "8.7225"


def test_scaled_rate_1_bounces_and_rate_1_5_diverges():
    at = open_page(PAGE, {"lr": "1", "scale": "true", "iters": "100"})
    assert "Stuck: at learning rate 1 the steps bounce" in all_text(at)
    at = open_page(PAGE, {"lr": "1.5", "scale": "true", "iters": "100"})
    assert "Diverged: the learning rate 1.5 is too large" in all_text(at)
    assert "On scaled x any learning rate above 2/λ_max = 1 does this" in all_text(at)


def test_mse_formula_is_shown_with_the_current_numbers():
    at = open_page(PAGE, {"slope": "100", "intercept": "-50"})
    (formula,) = line_formulas(at)
    assert r"(100 - (100\cdot 1 - 50))^2" in formula
    assert r"\frac{1}{10}" in formula
    assert r"\right) \\ &= 8.1925 \times 10^{6}" in formula  # 8,192,500


def test_upload_of_10000_rows_is_fitted_and_large_x_diverges_until_scaled():
    rows = "".join(f"{50 + i % 200},{3000 * (50 + i % 200) + 7}\n" for i in range(MAX_DATA_ROWS))
    at = upload(own_data(), "area.csv", ("area,price\n" + rows).encode())
    assert not at.exception
    assert "Loaded 10,000 points" in all_text(at)
    assert exact(at) == ("3000", "7")
    assert "Diverged: the learning rate 0.01 is too large" in all_text(at)
    assert "turn on feature scaling" in all_text(at)
    at.toggle(key="scale").set_value(True).run()
    assert "Converged" in all_text(at)
    assert descent_metric(at, "Slope after 1000 steps") in ("3000", "≈ 3000")


@pytest.fixture
def streamlit_warnings(monkeypatch):
    """The warnings Streamlit's widget checks log during the test (each is logged only once a
    process, so the once-flag is reset first)."""
    logged: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record.getMessage())

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    handler = Keep(level=logging.WARNING)
    policies._LOGGER.addHandler(handler)
    yield logged
    policies._LOGGER.removeHandler(handler)


def test_the_replay_follows_the_last_step_and_logs_no_session_state_warning(streamlit_warnings):
    # (That it stays where the learner put it otherwise rests on the link: see the browser test.)
    at = open_page(PAGE)

    def replay() -> tuple[str, str]:
        """The replay input's position and last position, as the unit holds them."""
        control = touch_data(at, DESCENT)["controls"][2]
        return control["values"][control["index"]], control["values"][-1]

    assert replay() == ("1000", "1000")
    move_line(at, "iters", 900)
    assert replay() == ("900", "900")  # it was at the end: it follows
    assert descent_metric(at, "Slope after 900 steps")
    move_line(at, "replay", 400)
    assert descent_metric(at, "Slope after 400 steps")
    move_line(at, "iters", 200)
    assert replay() == ("200", "200")  # beyond the new end: pulled to it
    move_line(at, "iters", 600)
    assert replay()[0] == "600"  # at the end again, so it follows again
    move_line(at, "iters", 700)
    assert replay()[0] == "700"
    assert descent_metric(at, "Slope after 700 steps")
    assert not at.exception
    assert not [w for w in streamlit_warnings if "Session State" in w], streamlit_warnings


def test_the_line_unit_retypesets_only_formulas_with_live_numbers(monkeypatch):
    drawn = drawn_by_fragment(monkeypatch, PAGE, {"slope": "100", "intercept": "-50"})
    toggle = "Draw each squared residual as a square"
    unit = next(fragment for fragment, text in drawn if text == toggle)
    assert unit
    formulas = [text for fragment, text in drawn if fragment == unit and text.startswith("$$")]
    # the MSE with the line's numbers is typeset in the browser from the touch unit's rows
    # (test_mse_formula_is_shown_with_the_current_numbers); after a pause only the partial
    # derivatives are typeset anew
    assert len(formulas) == 1
    assert r"-\frac{2}{n}\sum_i r_i x_i = " in formulas[0]
    assert not any(r"r_1^2 &=" in text for _, text in drawn)
    # the MSE's definition is drawn once, outside, before the unit; the words on which
    # way to move are live (decided in core), inside the unit, before the next section
    texts = [text for _, text in drawn]
    definition = next(
        i
        for i, text in enumerate(texts)
        if r"\mathrm{MSE} &= \frac{1}{n}\sum_{i=1}^{n} r_i^2" in text
    )
    assert drawn[definition][0] == ""
    assert definition < texts.index(toggle)
    # (the words follow the partial derivatives' formula, in the same element)
    closing = next(i for i, text in enumerate(texts) if "Here ∂MSE/∂slope" in text)
    assert drawn[closing][0] == unit
    assert texts[closing].startswith("$$") and r"-\frac{2}{n}\sum_i r_i x_i = " in texts[closing]
    assert texts[closing].endswith(
        "$$\n\nHere ∂MSE/∂slope < 0: raise the slope; ∂MSE/∂intercept < 0: raise the "
        "intercept. Both are 0 only at the lowest point."
    )
    # (section 4 starts with its feature-scaling toggle, before the descent's unit)
    assert texts.index(toggle) < closing < texts.index("Feature scaling")


def test_a_residual_is_observed_minus_predicted_in_words_formulas_and_the_table():
    # One sign convention everywhere (most textbooks): r_i = y_i - (slope x_i + intercept).
    at = open_page(PAGE, {"slope": "100", "intercept": "0"})
    text = all_text(at)
    assert "Each dashed segment is a residual, observed minus predicted" in text
    assert "prediction minus" not in text
    assert any(
        r"r_i &= y_i - (\text{slope}\cdot x_i + \text{intercept})" in f for f in formulas(at)
    )
    table = next(t for t in at.table if "residual" in t.value.columns)
    assert table.value["residual"].astype(float).tolist()[-1] == 10_000 - 1_000


def test_the_outlier_story_says_what_is_true_of_the_nine_other_points():
    # Against the pattern line price = 100 x bedrooms the other nine residuals are 0, not
    # "small"; the least-squares line misses all ten (oracle: exact fractions).
    at = open_page(PAGE)
    text = all_text(at)
    assert "nine small ones" not in text
    assert "The pattern line price = 100 × bedrooms misses only the tenth point, by 9000" in text
    slope, intercept = Fraction(6500, 11), Fraction(-1800)
    misses = [abs(100 * k - (slope * k + intercept)) for k in range(1, 10)]
    assert f"the first nine by {shown(min(misses))} to {shown(max(misses))}" in text


def test_every_residual_square_stays_inside_the_chart():
    # On the line y = 0 the 10,000 outlier's square was drawn to the right of x = 10 and ran
    # off the chart's right edge; it now turns left, inside the picture's x range, at every
    # position of both inputs.
    at = open_page(PAGE, {"squares": "true"})
    data = touch_data(at, LINE)
    low, high = data["picture"]["x"]
    xs = [x for x, _ in data["picture"]["static"][1]["points"]]  # the points with residuals
    assert len(xs) == 10
    for rows in data["rows"]:
        for row in rows:
            (boxes,) = [layer for layer in row["layers"] if layer["kind"] == "drop_boxes"]
            ends = [x + across for x, across in zip(xs, boxes["across"], strict=True)]
            assert all(low <= end <= high for end in ends), ends


def test_the_scaling_formula_names_the_mean_m_instead_of_a_bar_that_its_box_cut_off():
    # KaTeX's display box (overflow-y: hidden) cut the bar off x-bar: x' = (x - x)/s_x.
    at = open_page(PAGE)
    formula = next(f for f in formulas(at) if "x'" in f)
    assert r"x' &= \frac{x - m}{s}" in formula
    assert r"\bar" not in formula and r"\overline" not in formula
    assert "centres x at its mean m and divides by its standard deviation s" in all_text(at)


def test_the_step_counts_and_the_verdict_use_one_convergence_criterion():
    # The page said 'the slowest direction needs about 3,283 steps' (the distance to the
    # minimum down a million-fold) beside 'Converged: ... the loss above its minimum had
    # shrunk a million-fold'. Both now count steps to the MSE above its minimum falling to a
    # millionth of its start: at most ceil(ln 1e-6 / (2 ln rho)) steps, rho = max|1 - lr lambda|.
    x = np.arange(1.0, 11.0)
    hessian = (2 / 10) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), 10]])
    rho = np.max(np.abs(1 - 0.01 * np.linalg.eigvalsh(hessian)))
    bound = int(np.ceil(np.log(1e-6) / (2 * np.log(rho))))
    at = open_page(PAGE)
    text = all_text(at)
    assert "3,283" not in text
    assert "a millionth of its start" in text
    assert f"at most {bound} steps at rate 0.01" in text


def test_bouncing_steps_on_scaled_x_return_exactly_to_the_start():
    # At rate 1 on scaled x every step mirrors the line through the least-squares line, so
    # after 100 steps it is exactly back at (0, 0); floats left 4.75e-13 and 2.6e-12 on screen.
    at = open_page(PAGE, {"lr": "1", "scale": "true", "iters": "100"})
    assert (
        descent_metric(at, "Slope after 100 steps"),
        descent_metric(at, "Intercept after 100 steps"),
    ) == (
        "0",
        "0",
    )
    assert descent_metric(at, "MSE after 100 steps") == shown(10_285_000)
    move_line(at, "replay", 99)
    assert descent_metric(at, "Slope after 99 steps") == shown(2 * Fraction(6500, 11))
    assert descent_metric(at, "Intercept after 99 steps") == shown(-3600)


def test_the_mse_over_steps_log_axis_labels_powers_of_ten_as_1e8():
    # d3's '~g' labelled the log axis 100000000, 10000000, ...: a label expression writes 1e8.
    at = open_page(PAGE, PATH_OPEN)
    spec, _ = chart_by_caption(at, "The MSE after each step, log scale")
    axis = spec["layer"][0]["encoding"]["y"]["axis"]
    # only the powers of ten get a label and a gridline (checked in a screenshot: 1e2 ... 1e7)
    assert axis["labelExpr"] == POWER_LABELS and "format" not in axis
    assert axis["gridOpacity"]["value"] == 0
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"


@pytest.mark.parametrize("rate", ["1e-06", "0.001"])
def test_tiny_scaled_rates_over_3000_steps_show_their_numbers(rate):
    # The exact scaled steps made (1 - 2 lr)^3000, 17,000 digits at lr = 1e-6, which no
    # number formatter could print (Python refuses str() of an int over 4300 digits).
    at = open_page(PAGE, {"lr": rate, "scale": "true", "iters": "3000"})
    assert not at.exception, [e.message for e in at.exception]
    assert descent_metric(at, "Slope after 3000 steps").startswith("≈ ")


def test_the_two_houses_table_writes_its_numbers_as_the_page_does():
    # st.table wrote floats with four decimals: 1.0000, 150,000.0000.
    at = open_page(PAGE, {"data": "houses"})
    table = next(t.value for t in at.table if "price" in t.value.columns)
    assert table.to_dict("list") == {"bedrooms": ["1", "2"], "price": ["150,000", "250,000"]}


def test_x_in_the_hundreds_of_billions_says_more_than_10_15_steps_instead_of_failing():
    # The gentle direction then shrinks by less than a part in 10¹⁵ a step: the worst factor
    # rounds to 1 in floats and the step count to infinity, and int(inf) stopped the page
    # (found with the largest upload the page allows).
    csv = b"x,y\n-900000000000,1\n-300000000000,5\n200000000000,2\n800000000000,9\n"
    at = upload(own_data(), "far.csv", csv)
    assert not at.exception, [e.message for e in at.exception]
    text = all_text(at)
    assert "needs **more than 10¹⁵ steps** to bring the MSE above its minimum down" in text
    assert "at most more than" not in text and "up to **more" not in text


def test_the_caches_keyed_by_what_the_data_is_made_from_answer_as_the_uncached_calls():
    # The page's caches hash a FitData by its points and window (FitData.cache_key) instead of
    # its whole landscape; each data set must still get its own answer.
    from app_pages.regression import fit_by_hand, gradient_descent
    from core.datasets import TWO_HOUSES, Points, notes_table
    from core.descent_grid import descent_grid
    from core.line_fit import fit_data
    from core.regression import line_descent, scaling_story
    from dashboard.charts import arrow_bytes

    written = notes_table("as-written")
    renamed = Points(written.x, written.y, "rooms", written.y_name)
    sets = [
        fit_data(written, notes=True),
        fit_data(written, notes=False),
        fit_data(notes_table("fixed"), notes=True),
        fit_data(renamed, notes=True),
        fit_data(TWO_HOUSES),
    ]
    assert len({data.cache_key() for data in sets}) == len(sets)
    again = fit_data(
        Points(written.x.copy(), written.y.copy(), written.x_name, written.y_name),
        notes=True,
    )
    assert again.cache_key() == sets[0].cache_key()
    for cached in (gradient_descent._longest_descent, gradient_descent._scaling_story):
        cached.clear()
    fit_by_hand._landscape_bytes.clear()
    for _ in range(2):  # the first pass fills the caches, the second reads them
        for data in sets:
            for rate, steps, scaled in ((0.01, 100, False), (0.5, 10, True), (0.03, 300, False)):
                # the run the page holds, read off the cached longest run at that rate
                got = descent_grid(
                    data, gradient_descent._longest(data, scaled), (rate,), (steps,), rate, steps, 0
                ).held
                want = line_descent(data, rate, steps, scaled=scaled)
                np.testing.assert_array_equal(got.path.points, want.path.points)
                np.testing.assert_array_equal(got.path.costs, want.path.costs)
                assert got.best == want.best
                assert (got.outcome, got.converged_step, got.steps_bound, got.rate_limit) == (
                    want.outcome,
                    want.converged_step,
                    want.steps_bound,
                    want.rate_limit,
                )
                assert got.at(steps // 2) == want.at(steps // 2)
            assert gradient_descent._scaling_story(data) == scaling_story(data.points.x)
            assert fit_by_hand._landscape_bytes(data) == arrow_bytes(data.landscape)


# --- the MSE-and-path expander is built only while open -------------------------------------
# Closed, its two charts (the path's with the 79 kB loss landscape) were sent and redrawn
# hidden on every move of the rate, the iterations or the replay. The shared guards
# (test_stable_chart_specs) move the sliders at the defaults, where it is closed, so their
# checks are repeated here with it open.
PATH_CHARTS = ("The MSE after each step", "The path of gradient descent")


def test_the_mse_and_path_charts_are_built_only_while_their_expander_is_open():
    closed = open_page(PAGE)
    assert "Going further: the MSE and the path" in [e.label for e in closed.expander]
    assert not [c for c in chart_captions(closed) if c.startswith(PATH_CHARTS)]
    opened = open_page(PAGE, PATH_OPEN)
    assert not opened.exception
    for start in PATH_CHARTS:
        assert [c for c in chart_captions(opened) if c.startswith(start)], start
    assert len(chart_specs(opened)) == len(chart_specs(closed)) + 2


@pytest.mark.parametrize(
    ("key", "kind", "values"),
    [
        ("lr", "touch", [0.003, 0.02, 0.025, 1e-06, 1.5]),
        ("iters", "touch", [980, 990, 1010, 1020, 0, 3000]),
        ("replay", "touch", [990, 980, 0, 500, 199, 200, 210]),
    ],
)
def test_with_the_path_open_a_descent_slider_keeps_every_chart_spec_and_element_place(
    key: str, kind: str, values: list
):
    from tests.pages.test_stable_chart_specs import element_places

    at = open_page(PAGE, PATH_OPEN)
    specs, places = chart_specs(at), element_places(at)
    for value in values:
        if kind == "touch":  # a pause of the gradient-descent unit's input at `value`
            move_line(at, key, value)
        else:
            next(w for w in at.slider if w.key == key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
        assert chart_specs(at) == specs, f"{key}={value!r} changed a chart's spec"
        assert [c for c in chart_captions(at) if c.startswith(PATH_CHARTS[1])]
        after = element_places(at)
        moved = [p for p in sorted(places.keys() & after.keys()) if places[p] != after[p]]
        assert not moved, f"{key}={value!r}: elements moved at {moved[:1]}"
