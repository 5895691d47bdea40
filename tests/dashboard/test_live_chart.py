"""A live chart keeps its spec while its window and legend labels move with the data."""

import numpy as np
import pandas as pd

from dashboard import charts, live_chart

XS = np.linspace(0, 2, 20)
CURVES = pd.DataFrame(
    {"x": np.r_[XS, XS], "y": np.r_[XS**2, 2 * XS], "curve": ["f"] * 20 + ["secant"] * 20}
)


def chart(x_range, y_range, secant_label):
    return live_chart.compose_live(
        charts.function_plot(
            CURVES, series="curve", x_title="x", y_title="y", x_domain=(0, 1), y_domain=(0, 1)
        ),
        charts.points(pd.DataFrame({"x": [1.0], "y": [1.0]})),
        x_range=x_range,
        y_range=y_range,
        legend={"secant": secant_label},
        description="test",
    )


def test_a_new_window_and_legend_label_change_the_data_but_not_the_spec():
    one = chart((0, 2), (-1, 5), "secant, slope 3")
    two = chart((1, 3), (0, 9), "secant, slope 2.5")
    assert one.spec == two.spec
    window = two.datasets[live_chart.WINDOW].iloc[0].to_dict()
    assert window == {
        "x_lo": 1.0,
        "x_hi": 3.0,
        "y_lo": 0.0,
        "y_hi": 9.0,
        "label_0": "secant, slope 2.5",
    }


def test_the_window_layer_comes_first_and_draws_nothing():
    spec = chart((0, 2), (-1, 5), "s").spec
    first = spec["layer"][0]
    assert first["data"] == {"name": live_chart.WINDOW}
    assert first["mark"]["opacity"] == 0
    assert "encoding" not in first


def test_fixed_domains_become_expressions_on_the_window_row_without_nice_rounding():
    encoding = chart((0, 2), (-1, 5), "s").spec["layer"][1]["encoding"]
    for axis in ("x", "y"):
        scale = encoding[axis]["scale"]
        assert scale["domain"]["expr"].endswith(
            f"[data('d0')[0].{axis}_lo, data('d0')[0].{axis}_hi] : [0, 1]"
        )
        assert scale["nice"] is False and "clamp" not in scale


def test_the_legend_maps_each_fixed_name_to_its_live_label():
    legend = chart((0, 2), (-1, 5), "s").spec["layer"][1]["encoding"]["color"]["legend"]
    assert "datum.label === \"secant\" ? data('d0')[0].label_0" in legend["labelExpr"]
    assert legend["labelExpr"].endswith(": datum.label")


def test_an_axis_without_a_window_keeps_its_fixed_domain():
    spec = live_chart.compose_live(
        charts.function_plot(CURVES, x_title="x", y_title="y", x_domain=(0, 2), y_domain=(0, 4)),
        y_range=(-1, 5),
        description="test",
    ).spec
    encoding = spec["layer"][1]["encoding"]
    assert encoding["x"]["scale"]["domain"] == [0.0, 2.0]
    assert "expr" in encoding["y"]["scale"]["domain"]


def test_the_composed_spec_passes_the_vega_lite_schema():
    chart((0, 2), (-1, 5), "secant, slope 3").to_dict(validate=True)
