"""No Streamlit slider is left on a lesson page (issue 20).

A Streamlit slider move reruns its fragment and makes Streamlit's frontend re-render the
page: 1.3-3.6x the framework floor per move, however lean the page (docs/PERFORMANCE.md).
Every slider became an input of a touch unit (dashboard.touch), which moves in the browser
in a few milliseconds and tells Python after the pause. The Streamlit widgets that remain are
choices, toggles and typed text (and the calculator's x₀ for a typed function whose grid takes
over a second, app_pages/rules/calculator_point.py). Every view is opened: Rules' every tab, and each page with
its link-bound sections open (harness.views).
"""

from __future__ import annotations

import pytest

from dashboard.site import registered_pages
from harness.views import views
from tests.pages.helpers import open_page

SCRIPTS = {spec.url_path: spec.script for spec in registered_pages()}


def _query(path: str) -> dict[str, str]:
    _, _, query = path.partition("?")
    return dict(part.split("=", 1) for part in query.split("&") if part)


@pytest.mark.parametrize("view", [pytest.param(v, id=v.path) for v in views()])
def test_no_view_has_a_streamlit_slider(view) -> None:
    at = open_page(SCRIPTS[view.page], _query(view.path), timeout=180)
    assert not at.exception, [e.message for e in at.exception]
    left = [s.label for s in at.slider] + [s.label for s in at.select_slider]
    assert not left, f"{view.path}: Streamlit sliders {left}; make them touch-unit inputs"
