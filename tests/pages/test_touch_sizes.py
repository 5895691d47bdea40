"""Every touch unit's message stays under the websocket limit, at its largest settings.

A touch unit (dashboard.touch) sends all its rows in one websocket message, again after each
pause of a cross grid. `.streamlit/config.toml` caps a message at `server.maxMessageSize`
(1 MB), and Streamlit replaces a larger one by an error box the learner sees ("Data of size
1.3 MB exceeds the message size limit"); AppTest does not enforce the cap, so this test does.

Every view of every page (its defaults, Rules' every tab, the link-bound sections open:
harness.views) is opened, and each touch unit on it is opened again with its inputs at their
ends: each input alone at its first and its last position, then all at the first, then all at
the last. Each time the unit's JSON must stay under BUDGET, which leaves room for the unit's
code (dashboard.touch_js, about 45 kB) and the message's other fields.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from harness.views import views
from tests.pages.helpers import open_page, touch_data

ROOT = Path(__file__).resolve().parents[2]
LIMIT = (
    tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxMessageSize"]
    * 1_000_000
)  # bytes, as Streamlit counts them (runtime_util.get_max_message_size_bytes)
BUDGET = 800_000  # bytes of a unit's JSON: LIMIT less its code and the message's other fields
SCRIPTS = {spec.url_path: spec.script for spec in registered_pages()}


def _query(path: str) -> dict[str, str]:
    """The parameters of a view's address (rules?rule=line -> {"rule": "line"})."""
    _, _, query = path.partition("?")
    return dict(part.split("=", 1) for part in query.split("&") if part)


def _units(at: AppTest) -> list[str]:
    return [
        json.loads(unit.proto.json)["key"]
        for unit in at.get("bidi_component")
        if unit.proto.component_name == "calculus_ml.touch"
    ]


def _settings(controls: list[dict]) -> list[dict[str, str]]:
    """Each input alone at each end, then all inputs at their first, then at their last."""
    ends = []
    for control in controls:
        for end in (0, -1):
            ends.append({control["param"]: control["values"][end]})
    if len(controls) > 1:
        for end in (0, -1):
            ends.append({c["param"]: c["values"][end] for c in controls})
    return ends


VIEWS = [pytest.param(view, id=view.path) for view in views()]


def test_the_budget_leaves_room_under_the_limit() -> None:
    assert BUDGET <= LIMIT - 150_000


@pytest.mark.parametrize("view", VIEWS)
def test_every_unit_stays_under_the_message_limit_at_its_ends(view) -> None:
    script = SCRIPTS[view.page]
    base = _query(view.path)
    at = open_page(script, base, timeout=180)
    assert not at.exception
    # with its sections open, a page's own units are sized at its defaults' view already
    sized = _units(open_page(script, timeout=180)) if view.opened else []
    for key in [k for k in _units(at) if k not in sized]:
        controls = touch_data(at, key)["controls"]
        assert all(len(c["values"]) == len(c["labels"]) for c in controls)
        for setting in _settings(controls):
            moved = open_page(script, {**base, **setting}, timeout=180)
            assert not moved.exception, setting
            size = len(json.dumps(touch_data(moved, key)))
            assert size < BUDGET, f"{key} at {setting}: {size:,} bytes of JSON"


@pytest.mark.parametrize("view", VIEWS)
def test_katex_travels_once_per_page_however_many_units(view) -> None:
    """Each element carries its piece's whole script: KaTeX (273 kB) comes once, from the
    page's header, not once per unit (Slopes sent it three times, Regression five)."""
    at = open_page(SCRIPTS[view.page], _query(view.path), timeout=180)
    katex = [e for e in at.get("bidi_component") if e.proto.component_name == "calculus_ml.katex"]
    assert _units(at) and len(katex) == 1, (len(_units(at)), len(katex))


def test_the_home_page_without_units_gets_no_katex() -> None:
    """KaTeX is for touch units: the home page has none, and does not download it."""
    at = open_page("app_pages/home.py", timeout=180)
    assert not _units(at)
    assert not [
        e for e in at.get("bidi_component") if e.proto.component_name == "calculus_ml.katex"
    ]
