"""Every chart builder produces a spec that passes the Vega-Lite schema.

The builders write plain dict specs and drawing does not validate them (for speed), so they
are validated here, with representative data, once per test run.
"""

import math

import altair as alt
import numpy as np
import pandas as pd
import pytest

from dashboard import charts

XS = np.linspace(-2, 2, 50)
CURVES = pd.DataFrame(
    {"x": np.r_[XS, XS], "y": np.r_[XS**2, 2 * XS], "curve": ["f"] * 50 + ["f'"] * 50}
)
LAYERS = {
    "one line": lambda: charts.function_plot(
        CURVES[CURVES.curve == "f"], x_title="x", y_title="y", x_domain=(-2, 2)
    ),
    "series, log axes": lambda: charts.function_plot(
        CURVES.assign(y=CURVES.y.abs() + 1),
        series="curve",
        x_title="x",
        y_title="y",
        log_y=True,
        dashed=["f'"],
        colors={"f": charts.COLORS["function"]},
    ),
    "line through": lambda: charts.line_through(0, 0, 1, (-1, 1), label="t", color="#000"),
    "segment": lambda: charts.segment(0, 0, 1, 1, label="s", color="#000", dashed=True),
    "points with labels": lambda: charts.points(
        pd.DataFrame({"x": [0], "y": [0], "name": ["p"]}), label="name"
    ),
    "rules": lambda: charts.vertical_rule(0.5, label="v", color="#000"),
    "horizontal rule": lambda: charts.horizontal_rule(0.5, label="h", color="#000"),
    "band": lambda: charts.shaded_band(0, 1, label="b", color="#000"),
    "rects": lambda: charts.rects(
        pd.DataFrame({"x": [0], "x2": [1], "y": [0], "y2": [1], "part": ["a"]}),
        color_field="part",
        tooltip=["part", "x"],
        x_title="length",
        y_domain=(0, 2),
    ),
    "axis format": lambda: charts.function_plot(
        CURVES[CURVES.curve == "f"], x_title="x", y_title="y", y_axis_format=".1e"
    ),
    "an Altair chart": lambda: alt.Chart(CURVES).mark_point().encode(x="x:Q", y="y:Q"),
}


@pytest.mark.parametrize("name", LAYERS)
def test_layer_composes_into_a_valid_vega_lite_spec(name):
    spec = charts.compose(LAYERS[name](), description="a sentence", height=200).to_dict()
    assert spec["description"] == "a sentence"
    assert spec["height"] == 200


def test_each_layer_names_its_own_dataset_and_a_shared_frame_is_sent_once():
    frame = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]})
    chart = charts.compose(
        charts.function_plot(frame, x_title="x", y_title="y"),
        charts.points(frame),
        charts.vertical_rule(0.5, label="v", color="#000"),
        description="d",
    )
    assert [layer["data"]["name"] for layer in chart.spec["layer"]] == ["d0", "d1", "d2"]
    other = pd.DataFrame({"x": [2.0], "y": [2.0]})
    dots = {"mark": "point", "encoding": {"x": {"field": "x"}, "y": {"field": "y"}}}
    shared = charts.compose(
        charts.Layer({**dots, "mark": "line"}, frame),
        charts.Layer(dots, frame),  # the same frame: one dataset, named once
        charts.Layer(dots, other),
        description="d",
    )
    assert [layer["data"]["name"] for layer in shared.spec["layer"]] == ["d0", "d0", "d1"]


def test_moving_a_marker_changes_the_data_but_not_the_spec():
    def chart(x: float) -> charts.Chart:
        return charts.compose(
            charts.function_plot(CURVES[CURVES.curve == "f"], x_title="x", y_title="y"),
            charts.vertical_rule(x, label="you", color="#000"),
            description="d",
        )

    before, after = chart(0.5), chart(0.75)
    assert before.spec == after.spec
    assert before.datasets["d1"]["x"].tolist() == [0.5]
    assert after.datasets["d1"]["x"].tolist() == [0.75]


def test_function_plot_drops_infinite_values_so_a_pole_leaves_a_gap():
    frame = pd.DataFrame({"x": [-1.0, 0.0, 1.0], "y": [-1.0, np.inf, 1.0]})
    chart = charts.function_plot(frame, x_title="x", y_title="y")
    assert chart.data["y"].isna().tolist() == [False, True, False]


def test_thin_keeps_at_most_the_limit_of_points():
    frame = pd.DataFrame({"x": np.arange(1001)})
    assert len(charts.thin(frame, 400)) <= 400
    assert len(charts.thin(frame.head(10), 400)) == 10


def test_palette_is_okabe_ito():
    assert charts.COLORS["function"] == "#0072B2"
    assert len(set(charts.OKABE_ITO.values())) == 8


def test_a_charts_own_label_names_its_axes_and_stays_put_when_the_numbers_move():
    frame = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]})
    specs = [
        charts.compose(
            charts.function_plot(frame, x_title="Time t (s)", y_title="Distance d (m)"),
            charts.points(pd.DataFrame({"x": [x0], "y": [x0]})),
            description=f"The car at t = {x0}.",
        ).spec
        for x0 in (0.25, 0.75)
    ]
    labels = [charts.chart_label(spec) for spec in specs]
    assert labels[0] == (
        "Chart of Distance d (m) against Time t (s); the caption below describes it in words."
    )
    assert labels[1] == labels[0]


def test_a_chart_without_axis_titles_gets_the_generic_label():
    assert charts.chart_label({"layer": [{"mark": "point"}]}) == charts.STABLE_LABEL


def test_function_plot_sends_only_the_samples_a_line_needs_and_keeps_its_shape():
    x = np.linspace(0.0, 1.0, 400)
    frame = pd.DataFrame(
        {
            "x": np.r_[x, x],
            "y": np.r_[x**7 * (1 - x) ** 3, 0.002 * x],
            "curve": ["g"] * 400 + ["line"] * 400,
        }
    )
    layer = charts.function_plot(frame, series="curve", x_title="p", y_title="g")
    sent = layer.data
    assert len(sent[sent["curve"] == "line"]) == 2
    g = sent[sent["curve"] == "g"]
    assert 10 < len(g) < 100
    span = frame["y"].max() - frame["y"].min()
    drawn = np.interp(x, g["x"], g["y"])
    assert np.max(np.abs(drawn - x**7 * (1 - x) ** 3)) <= span * charts.LINE_TOLERANCE


def test_function_plot_keeps_every_sample_of_a_curve_that_turns_back():
    t = np.linspace(0, 2 * np.pi, 50)
    frame = pd.DataFrame({"x": np.cos(t), "y": np.sin(t)})
    assert len(charts.function_plot(frame, x_title="x", y_title="y").data) == 50


def test_window_corners_pin_both_axes_to_the_window_with_invisible_points():
    layer = charts.window_corners((-0.5, 0.5), (2.0, 3.0), x="n", y="v")
    assert layer.data.to_dict("list") == {"n": [-0.5, 0.5], "v": [2.0, 3.0]}
    assert layer.spec["mark"] == {"type": "point", "opacity": 0}
    assert layer.spec["encoding"]["x"]["field"] == "n"
    assert layer.spec["encoding"]["y"]["field"] == "v"


def test_a_series_legend_is_one_legend_of_colour_and_dash_with_no_conflict():
    frame = pd.DataFrame({"x": [0.0, 1.0, 0.0, 1.0], "y": [0.0, 1.0, 1.0, 0.0], "s": list("aabb")})
    encoding = charts.function_plot(frame, series="s", x_title="x", y_title="y").spec["encoding"]
    # Vega-Lite merges the two legends of one field; differing properties made it warn.
    assert encoding["color"]["legend"] == encoding["strokeDash"]["legend"]
    assert encoding["color"]["title"] == encoding["strokeDash"]["title"]


def test_a_log_axis_asks_for_no_zero_which_a_log_scale_cannot_have():
    frame = pd.DataFrame({"x": [1e-6, 1.0], "y": [1.0, 2.0]})
    layer = charts.function_plot(frame, x_title="x", y_title="y", log_x=True)
    assert layer.spec["encoding"]["x"]["scale"] == {"type": "log"}
    assert layer.spec["encoding"]["y"]["scale"] == {"zero": False}


def test_a_curve_leaving_a_fixed_window_is_cut_at_the_edge_not_pinned_to_it():
    """f'(x) = 2e^(2x) on the rules calculator's window: a clamped y scale drew the samples
    above the window on its top edge, a flat line that is not the curve. Unclamped, the mark's
    clip cuts the line where it leaves the plot."""
    xs = np.linspace(4.0, 5.0, 50)
    layer = charts.function_plot(
        pd.DataFrame({"x": xs, "y": 2 * np.exp(2 * xs)}),
        x_title="x",
        y_title="y",
        x_domain=(-5, 5),
        y_domain=(0, 20_000),
    )
    for axis, domain in (("x", [-5.0, 5.0]), ("y", [0.0, 20_000.0])):
        scale = layer.spec["encoding"][axis]["scale"]
        assert scale["domain"] == domain
        assert "clamp" not in scale
    assert layer.spec["mark"]["clip"] is True
    # the line still reaches past the window's top (2e^10 = 44,053), to be cut there
    assert layer.data["y"].max() == pytest.approx(2 * np.exp(10))


LOG_FRAME = pd.DataFrame({"x": np.logspace(-6, 0, 40), "y": np.logspace(-16, 0, 40)})


@pytest.mark.parametrize("log_x, log_y", [(True, False), (False, True), (True, True)])
def test_every_log_axis_labels_the_powers_of_ten_one_way_with_gridlines_only_there(log_x, log_y):
    """Issue 18: one page's log axis read 0.000001 ... 1, another 1, 10,000, 100,000,000, a
    third 1e8, with a gridline at every 2, 3, ..., 9 of a decade (a grey block). Every log axis
    of function_plot now writes the powers of ten one way (10⁻⁶; the rendered labels are read
    in tests/browser/test_themes.py) and draws gridlines at the powers only."""
    layer = charts.function_plot(LOG_FRAME, x_title="dx", y_title="error", log_x=log_x, log_y=log_y)
    for axis, log in (("x", log_x), ("y", log_y)):
        channel = layer.spec["encoding"][axis]
        if not log:
            assert "labelExpr" not in channel.get("axis", {})
            continue
        assert channel["scale"] == {"type": "log"}
        assert channel["axis"]["labelExpr"] == charts.POWER_LABELS
        grid = channel["axis"]["gridOpacity"]
        assert grid["value"] == 0 and grid["condition"]["value"] == 1
        assert "log(datum.value)" in grid["condition"]["test"]
    charts.compose(layer, description="d").to_dict()  # valid Vega-Lite


def test_power_labels_write_superscript_exponents_and_no_e_notation():
    """The label expression builds 10 + a superscript minus and digits (as numbers.text writes
    × 10⁻⁸), not d3's '.0e' (1e-6) or '~g' (0.000001)."""
    assert charts.POWER_LABELS.count("'10'") == 1
    assert "'⁻'" in charts.POWER_LABELS and "⁰¹²³⁴⁵⁶⁷⁸⁹" in charts.POWER_LABELS
    assert "format(" not in charts.POWER_LABELS and "e+" not in charts.POWER_LABELS


def test_the_heat_map_legend_uses_the_same_power_labels():
    frame = pd.DataFrame({"x": [0.0], "x2": [1.0], "y": [0.0], "y2": [1.0], "v": [10.0]})
    layer = charts.heatmap(
        frame,
        value="v",
        x_title="a",
        y_title="b",
        x_domain=(0, 1),
        y_domain=(0, 1),
        legend_title="loss",
    )
    assert layer.spec["encoding"]["color"]["legend"]["labelExpr"] == charts.POWER_LABELS


def test_heat_map_cells_are_outlined_in_their_own_colour_so_no_seams_show():
    """The page showed through the seams between cells, a mesh of light (or dark) lines."""
    frame = pd.DataFrame({"x": [0.0], "x2": [1.0], "y": [0.0], "y2": [1.0], "v": [10.0]})
    layer = charts.heatmap(
        frame,
        value="v",
        x_title="a",
        y_title="b",
        x_domain=(0, 1),
        y_domain=(0, 1),
        legend_title="loss",
    )
    mark = layer.spec["mark"]
    assert mark["stroke"] == {"expr": "scale('color', datum[\"v\"])"} and mark["strokeWidth"] > 0
    assert "stroke" not in layer.spec["encoding"]  # no second legend
    charts.compose(layer, description="d").to_dict()


def test_x_ticks_come_about_every_80_px_not_vegas_40():
    """Home's chart of 0..6 on an 820 px column had a tick and gridline every 0.2 (31 of
    them): Vega's default tick count is width / 40. The config asks for width / 80."""
    spec = charts.compose(
        charts.function_plot(CURVES, series="curve", x_title="x", y_title="y"), description="d"
    ).to_dict()
    expr = spec["config"]["axisX"]["tickCount"]["expr"]
    # evaluated as Vega would, for a laptop column and a phone
    for width, most in ((820, 11), (358, 5)):
        count = eval(expr, {"ceil": math.ceil, "width": width})  # noqa: S307 - our own constant
        assert count == most


def test_the_plot_keeps_room_for_end_labels_and_labels_above_the_top():
    """Streamlit fits a chart to its column with no padding and pushes the end labels 1 px
    outward, so 6.0 or 10⁰ lost their right edge and 'best 1' above a dot at the top of the
    log-loss charts (p = 1) was cut. The spec now asks for padding."""
    spec = charts.compose(LAYERS["one line"](), description="d").to_dict()
    assert spec["padding"]["right"] >= 8 and spec["padding"]["top"] >= 8


def test_a_point_label_flips_left_near_the_right_edge_and_below_near_the_top():
    """'forward best: dx ≈ 1.3 × 10⁻⁸' ran 3 px off the phone-sized round-off chart; the
    label's side is now decided in the browser from where the dot is drawn (the rendered
    labels are checked in tests/browser/test_themes.py)."""
    layer = charts.points(pd.DataFrame({"x": [0], "y": [0], "name": ["p"]}), label="name")
    text = layer.spec["layer"][1]["mark"]
    where = "scale('x', datum[\"x\"])"
    assert where in text["align"]["expr"] and "<= width + 8" in text["align"]["expr"]
    assert text["align"]["expr"].endswith("? 'right' : 'left'")
    assert f"max(-{where}, width - {where}" in text["dx"]["expr"]  # never left of the plot
    assert "scale('y', datum[\"y\"])" in text["dy"]["expr"]
    assert "toString" not in text["dx"]["expr"]  # Vega's toString("") is null
    charts.compose(layer, description="d").to_dict()
