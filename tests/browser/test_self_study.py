"""The self-study path in a real browser: a link that always shows the current view, settings
that stay on their own page, answers kept in the learner's browser, and a next page."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from dashboard.site import registered_pages
from dashboard.touch_js import PAUSE_MS
from tests.browser.helpers import SLIDER_THUMB, main_text, open_page, wait_for_idle


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def _go_by_sidebar(page: Page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
    page.wait_for_timeout(300)
    wait_for_idle(page)


def _press_touch(page: Page, param: str, key: str, times: int = 1) -> None:
    """Keys on a touch unit's input (dashboard.touch), then past its pause, until Python has
    heard the position and the page is quiet (the address bar then holds ?param=)."""
    knob = page.locator(f'.touch input[data-param="{param}"]').first
    knob.focus()
    for _ in range(times):
        knob.press(key)
    page.wait_for_timeout(PAUSE_MS + 350)
    wait_for_idle(page)


def test_slopes_point_does_not_travel_to_the_rules_calculator(page: Page, app_url: str):
    open_page(page, app_url, "slopes")
    _press_touch(page, "x0", "ArrowLeft", times=5)  # x0: an input of the secant unit
    assert "x0" in _query(page.url), page.url
    _go_by_sidebar(page, "Rules")
    assert "/rules" in page.url
    assert "x0" not in _query(page.url), page.url


def test_cost_functions_rate_does_not_travel_to_regression(page: Page, app_url: str):
    open_page(page, app_url, "cost-functions")
    _press_touch(page, "lr", "ArrowRight", times=3)  # lr: an input of the walking-downhill unit
    assert "lr" in _query(page.url), page.url
    _go_by_sidebar(page, "Regression")
    assert "/regression" in page.url
    assert "lr" not in _query(page.url), page.url


def _shared_link(page: Page) -> str:
    """Open 'Link to this view' and read the link it offers."""
    page.get_by_test_id("stPopoverButton").filter(has_text="Link to this view").first.click()
    field = page.locator("input.url").first
    field.wait_for(state="visible")
    page.wait_for_timeout(400)  # the link is read from the address bar four times a second
    value = field.input_value()
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    return value


def test_share_link_is_the_address_bar_after_every_move(page: Page, app_url: str):
    open_page(page, app_url, "slopes")
    assert _shared_link(page) == page.url
    for _ in range(3):  # one move at a time, each heard by Python before the next
        _press_touch(page, "x0", "ArrowRight")
        assert _shared_link(page) == page.url
    assert "x0" in _query(page.url)
    for _ in range(3):
        _press_touch(page, "x0", "ArrowLeft")
        assert _shared_link(page) == page.url


def _answer_first_question(page: Page) -> str:
    """Pick the first option of the page's first multiple-choice question; return its text."""
    group = page.locator('[data-testid="stRadio"]').filter(has=page.locator('[role="radiogroup"]'))
    quiz = group.last
    option = quiz.locator('label[data-testid="stRadioOption"]').first
    text = option.inner_text().strip()
    option.click()
    quiz.locator("xpath=ancestor::*[@data-testid='stVerticalBlock'][1]").get_by_text(
        re.compile(r"^(Right|Not quite)\.")
    ).first.wait_for()
    wait_for_idle(page)
    return text


def _checked_options(page: Page) -> list[str]:
    return [
        label.inner_text().strip()
        for label in page.locator(
            '[data-testid="stRadio"] label[data-testid="stRadioOption"]'
        ).all()
        if label.locator("input:checked").count()
    ]


def _answered_on_home(text: str, title: str) -> int:
    """How many of a page's questions Home says are answered."""
    found = re.search(rf"{title}: (\d+)/(\d+) answered, \d+ right", text)
    assert found, text
    assert int(found.group(2)) > 0
    return int(found.group(1))


def test_an_answer_survives_a_reload_and_a_new_tab_and_shows_on_home(page: Page, app_url: str):
    open_page(page, app_url, "non-differentiability")
    picked = _answer_first_question(page)
    assert picked in _checked_options(page)
    feedback = main_text(page)
    assert "Right." in feedback or "Not quite." in feedback
    page.reload()
    wait_for_idle(page)
    page.wait_for_timeout(500)
    wait_for_idle(page)
    assert picked in _checked_options(page)
    other = page.context.new_page()
    try:
        open_page(other, app_url, "non-differentiability")
        other.wait_for_timeout(500)
        wait_for_idle(other)
        assert picked in _checked_options(other)
        open_page(other, app_url, "")
        other.wait_for_timeout(500)
        wait_for_idle(other)
        assert _answered_on_home(main_text(other), "Non-differentiability") == 1
        other.get_by_role("button", name="Forget my progress").click()
        other.wait_for_timeout(500)
        wait_for_idle(other)
        assert _answered_on_home(main_text(other), "Non-differentiability") == 0
        assert other.evaluate("localStorage.getItem('calculus-ml-progress-v1')") in (None, "{}")
    finally:
        other.close()


def test_every_lesson_page_ends_with_a_link_that_opens_the_next_page(page: Page, app_url: str):
    lessons = [spec for spec in registered_pages() if not spec.default]
    for here, following in zip(lessons, [*lessons[1:], None], strict=True):
        open_page(page, app_url, here.url_path)
        links = page.locator('[data-testid="stMain"] [data-testid="stPageLink"] a')
        assert links.count(), here.title
        links.last.click()
        page.wait_for_timeout(300)
        wait_for_idle(page)
        path = urlparse(page.url).path.strip("/")
        assert path == ("" if following is None else following.url_path), (here.title, page.url)


@pytest.mark.parametrize("path", [spec.url_path for spec in registered_pages() if not spec.default])
def test_share_link_is_the_address_bar_after_a_move_on_every_page(
    page: Page, app_url: str, path: str
):
    open_page(page, app_url, path)
    thumb = page.locator(f'[data-testid="stMain"] {SLIDER_THUMB}').first
    thumb.focus()
    thumb.press("ArrowLeft")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    if not _query(page.url):  # the first slider sat at its left end
        thumb.focus()
        thumb.press("ArrowRight")
        page.wait_for_timeout(300)
        wait_for_idle(page)
        thumb.focus()
        thumb.press("ArrowRight")
        page.wait_for_timeout(300)
        wait_for_idle(page)
    assert _query(page.url), page.url
    assert _shared_link(page) == page.url


def test_a_wrong_typed_answer_gets_the_rule_hint_in_the_browser(page: Page, app_url: str):
    open_page(page, app_url, "rules?rule=product")
    box = page.get_by_placeholder("e.g. 2*x")
    box.fill("e^x")
    box.press("Enter")
    page.get_by_text("only one term of the product rule").first.wait_for()
    said = main_text(page)
    assert "(f·g)′ = f′·g + f·g′" in said and "x·(eˣ)′ is missing" in said


def test_no_question_is_named_with_raw_latex_for_a_screen_reader(page: Page, app_url: str):
    for spec in registered_pages():
        open_page(page, app_url, "" if spec.default else spec.url_path)
        names = page.locator('[role="radiogroup"]').evaluate_all(
            "groups => groups.map(g => g.getAttribute('aria-label') || '')"
        )
        raw = [name for name in names if "$" in name or "\\\\" in name or "{" in name]
        assert not raw, (spec.url_path, raw)


def test_without_storage_the_page_works_and_says_once_that_answers_are_not_kept(
    page: Page, app_url: str
):
    # A private window or a blocked store: every use of localStorage throws.
    page.context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    open_page(page, app_url, "non-differentiability")
    page.get_by_text("will be forgotten when you leave").first.wait_for()
    picked = _answer_first_question(page)
    assert picked in _checked_options(page)
    assert "Right." in main_text(page) or "Not quite." in main_text(page)
    open_page(page, app_url, "")
    assert "your progress is not kept here" in main_text(page)
