"""A value set on one page never reaches a control of the same name on another page (issue 18).

For every pair of lesson pages that share a slider's URL key (x0 on Slopes and Rules; dx on
Slopes and Non-differentiability; lr on Cost functions and Regression; ...), the learner moves
that slider on the first page (the address bar gains the key), then clicks the other page in
the sidebar. The address bar must not carry the key: a bound control writes its value there
whenever it is not its default, so a value that had crossed over would show. The pages and
their keys come from the app itself (each page's sliders and touch units' range inputs, read
in AppTest), so a new shared key is covered without editing this test.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from dashboard.site import registered_pages
from tests.browser.helpers import SLIDER_THUMB, open_page, wait_for_idle
from tests.pages.helpers import open_page as open_in_apptest

LESSONS = {spec.script: spec for spec in registered_pages() if not spec.default}


def _slider_keys(script: str) -> set[str]:
    at = open_in_apptest(script)
    keys = {w.key for w in [*at.slider, *at.select_slider] if w.key and not w.key.startswith("$")}
    for unit in at.get("bidi_component"):  # a touch unit's range inputs keep ?param= too
        if unit.proto.component_name == "calculus_ml.touch" and unit.proto.json:
            keys |= {c["param"] for c in json.loads(unit.proto.json)["controls"]}
    return keys


def _cases() -> list[tuple[str, str, str]]:
    keys = {script: _slider_keys(script) for script in LESSONS}
    return [
        (first, then, key)
        for first in LESSONS
        for then in LESSONS
        if first != then
        for key in sorted(keys[first] & keys[then])
    ]


CASES = _cases()


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_pages_share_slider_keys_so_the_check_below_means_something():
    assert {"x0", "dx", "lr"} <= {key for _, _, key in CASES}


@pytest.mark.parametrize(
    ("first", "then", "key"),
    CASES,
    ids=[f"{LESSONS[a].url_path}->{LESSONS[b].url_path}:{k}" for a, b, k in CASES],
)
def test_a_slider_moved_on_one_page_does_not_reach_the_other(
    page: Page, app_url: str, first: str, then: str, key: str
):
    open_page(page, app_url, LESSONS[first].url_path)
    # a Streamlit slider, or a touch unit's range input (it tells Python after a pause)
    thumb = page.locator(
        f'.st-key-{key} {SLIDER_THUMB}, input[type="range"][data-param="{key}"]'
    ).first
    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowLeft")
    page.wait_for_timeout(700)
    wait_for_idle(page)
    if key not in _query(page):  # at the slider's left end: move the other way
        for _ in range(6):
            thumb.press("ArrowRight")
        page.wait_for_timeout(700)
        wait_for_idle(page)
    assert key in _query(page), page.url
    page.locator('[data-testid="stSidebarNav"] a').filter(
        has_text=LESSONS[then].title
    ).first.click()
    page.wait_for_url(f"**/{LESSONS[then].url_path}**")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert key not in _query(page), page.url
