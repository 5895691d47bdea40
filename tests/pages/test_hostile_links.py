"""Every URL parameter of every page is untrusted (issue 9).

For each page, the keys of its URL-bound widgets are discovered by rendering it once; then
the page is opened with every one of those keys set to a hostile value. The page must
render with no exception, every numeric control must show a value inside its bounds (the
default, since none of the hostile values is a valid number), and a friendly note must say
that the link was not honoured.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from tests.pages.helpers import open_page, touch_data

PAGES = [p for p in registered_pages() if not p.default]
NUMERIC_KINDS = ("slider", "select_slider", "number_input")
TEXT_KINDS = ("text_input", "radio", "selectbox", "toggle", "button_group")
TOUCH = "touch"  # a touch unit's positions, one of the old slider's values each

HOSTILE = [
    "nan",
    "inf",
    "-inf",
    "1e309",
    "-0",
    "",
    "1,5",
    "9" * 400,
    "x" * 10_000,
    "\x00\x01\x1b[31m",
    "%00",
    "\u0661\u0662\u0663e999",
    "__import__('os').system('touch /tmp/pwned')",
    "().__class__.__bases__[0].__subclasses__()",
    "Symbol('x; import os')",
    "lambda: 1",
    "<script>alert(1)</script>",
]


def url_keys(at: AppTest) -> dict[str, list[tuple[str, object]]]:
    """The keys of a page's widgets that could be bound to the URL, by widget kind."""
    found: dict[str, list[tuple[str, object]]] = {}
    for kind in (*NUMERIC_KINDS, *TEXT_KINDS):
        for widget in at.get(kind):
            key = getattr(widget, "key", None)
            if key and not str(key).startswith(("quiz_", "$$")):
                found.setdefault(kind, []).append((str(key), widget.value))
    # a touch unit's range inputs (dashboard.touch) are kept in ?param= as sliders are
    for unit in at.get("bidi_component"):
        if unit.proto.component_name == "calculus_ml.touch":
            for control in touch_data(at, json.loads(unit.proto.json)["key"])["controls"]:
                found.setdefault(TOUCH, []).append((control["param"], control["index"]))
    return found


_DEFAULTS: dict[str, tuple[AppTest, dict]] = {}


def defaults(script: str) -> dict[str, list[tuple[str, object]]]:
    if script not in _DEFAULTS:
        at = open_page(script)
        assert not at.exception, [e.message for e in at.exception]
        _DEFAULTS[script] = (at, url_keys(at))
    return _DEFAULTS[script][1]


def all_keys(script: str) -> list[str]:
    return [key for pairs in defaults(script).values() for key, _ in pairs]


def numeric_values(at: AppTest) -> dict[str, object]:
    return {
        str(w.key): w.value
        for kind in NUMERIC_KINDS
        for w in at.get(kind)
        if getattr(w, "key", None) and not str(w.key).startswith("quiz_")
    }


def link_notes(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if "The link" in c.value]


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_has_url_bound_controls(spec):
    assert all_keys(spec.script), "every page keeps its state in the URL"


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_hostile_value_in_every_parameter_falls_back_with_a_note(spec, value):
    keys = all_keys(spec.script)
    at = open_page(spec.script, {key: value for key in keys})
    assert not at.exception, [e.message for e in at.exception]
    baseline = numeric_values(_DEFAULTS[spec.script][0])
    for key, shown in numeric_values(at).items():
        if key in baseline and value not in ("-0", ""):  # -0 is a valid zero
            assert shown == baseline[key], f"{key} took the hostile value {value!r}: {shown!r}"
    held = dict(defaults(spec.script).get(TOUCH, []))
    for key, index in url_keys(at).get(TOUCH, []):
        if key in held and value not in ("-0", ""):
            assert index == held[key], f"{key} took the hostile value {value!r}: {index!r}"
    numeric_keys = [
        k for kind in (*NUMERIC_KINDS, TOUCH) for k, _ in defaults(spec.script).get(kind, [])
    ]
    if numeric_keys and value not in ("", "-0"):
        assert link_notes(at), "a friendly note says the link was not honoured"


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_repeated_keys_do_not_break_the_page(spec):
    keys = all_keys(spec.script)
    at = open_page(spec.script, {key: ["1", "2"] for key in keys})
    assert not at.exception, [e.message for e in at.exception]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    page_index=st.integers(min_value=0, max_value=max(0, len(PAGES) - 1)),
    key_index=st.integers(min_value=0, max_value=50),
    text=st.text(max_size=60),
)
def test_arbitrary_text_in_any_parameter_never_raises(page_index, key_index, text):
    spec = PAGES[page_index]
    keys = all_keys(spec.script)
    key = keys[key_index % len(keys)]
    at = open_page(spec.script, {key: text})
    assert not at.exception, (spec.url_path, key, text, [e.message for e in at.exception])
