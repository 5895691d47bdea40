"""Chart builders shared by every page.

Each builder returns one layer; a page stacks layers with `compose` and draws them with
`show_chart`, which always adds a one-sentence text description (Vega-Lite `description`
plus a visible caption) so that every chart has a text alternative.

The builders write the Vega-Lite spec as plain dicts rather than Altair objects: Altair's
object model (shorthand parsing, deep copies, `to_dict`) was two thirds of a slider move's
server time. `compose` also accepts Altair charts, for the few pictures that use Vega-Lite
features these builders do not cover. Each layer's data goes into a dataset named by the
layer's position (`d0`, `d1`, ...), so a chart whose data changes but whose structure does
not keeps the same spec: the browser then swaps the data instead of rebuilding the chart.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms
of colour-blindness and reads on both the light and the dark theme. Lines that must be
told apart without colour also differ in dash pattern.

The builders live in four modules: common (palette, layer, chart, scales), lines, marks and
compose; every page imports them from here: `from dashboard import charts`.
"""

from dashboard.charts.common import (  # noqa: F401
    COLORS,
    DASH,
    LINE_TOLERANCE,
    LOG_AXIS,
    NOMINAL,
    OKABE_ITO,
    PADDING,
    POWER_LABELS,
    QUANT,
    SERIES_ORDER,
    Chart,
    Layer,
    arrow_bytes,
    thin,
)
from dashboard.charts.compose import (  # noqa: F401
    STABLE_LABEL,
    chart_label,
    compose,
    show_chart,
)
from dashboard.charts.lines import (  # noqa: F401
    function_plot,
    line_through,
    segment,
    segments,
    trail,
    window_corners,
)
from dashboard.charts.marks import (  # noqa: F401
    heatmap,
    horizontal_rule,
    label_placement,
    marker,
    points,
    rects,
    shaded_band,
    vertical_rule,
)
