"""The non-differentiability page in a real browser: switch the case, shrink dx, look."""

import re

import pytest

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    SCREENSHOTS,
    main_text,
    open_page,
    press_slider,
    shot,
    wait_for_idle,
    wide_formulas,
)

PATH = "non-differentiability"


DX_LABEL = "dx: how far each secant reaches"


def slopes(page) -> tuple[str, str]:
    """The left and right slope from the line 'At dx = ...: left slope a, right slope b, ...'
    under the dx slider."""
    line = page.locator('[data-testid="stMarkdown"]').filter(has_text="At dx = ").first
    # a rounded slope reads '≈ −2.15443': the digits are what the tests compare
    found = re.search(r"left slope (?:≈ )?(\S+), right slope (?:≈ )?(\S+),", line.inner_text())
    assert found, line.inner_text()
    return found.group(1), found.group(2)


def verdict(page) -> str:
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Verdict:").first
    return alert.inner_text().strip()


def choose_case(page, case: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text="Which point?").first
    group.get_by_text(case, exact=True).click()
    page.wait_for_timeout(200)
    wait_for_idle(page)


def test_corner_link_shows_slopes_minus_1_and_1_and_the_verdict(page, app_url):
    open_page(page, app_url, f"{PATH}?case=corner")
    assert "Non-differentiability: where the derivative does not exist" in main_text(page)
    assert verdict(page).startswith("Verdict: corner at x0 = 0.")
    assert slopes(page) == ("−1", "1")


def test_switching_case_and_shrinking_dx_changes_the_numbers(page, app_url):
    open_page(page, app_url, PATH)
    assert slopes(page)[0] == "−1"

    choose_case(page, "Cusp: x^(2/3)")
    assert "cusp at x0 = 0" in verdict(page)
    assert "case=cusp" in page.url
    before = slopes(page)
    assert before == ("−2.15443", "2.15443")  # -+0.1^(-1/3)

    press_slider(page, DX_LABEL, "ArrowRight", times=3)  # 0.1 -> 0.05 -> 0.02 -> 0.01
    after = slopes(page)
    assert after == ("−4.64159", "4.64159")  # -+0.01^(-1/3): running off to -+infinity
    assert "dx=0.01" in page.url

    choose_case(page, "Smooth: x²")
    assert "differentiable at x0 = 1" in verdict(page)
    assert slopes(page) == ("1.99", "2.01")
    press_slider(page, DX_LABEL, "End")
    assert slopes(page) == (
        "2",
        "2",
    )  # 2 -+ 1e-6, shown to 6 digits


def test_at_a_jump_the_left_slope_grows_like_one_over_dx_and_answers_stay(page, app_url):
    open_page(page, app_url, f"{PATH}?case=jump")
    page.get_by_text("One of them blows up like (size of the jump) / dx").click()
    page.get_by_text("The secant that crosses the jump").first.wait_for(timeout=15_000)
    wait_for_idle(page)
    assert slopes(page) == ("10", "0")
    press_slider(page, DX_LABEL, "ArrowRight", times=2)  # 0.1 -> 0.05 -> 0.02
    assert slopes(page) == ("50", "0")
    # the zoom unit reran on its own: the quiz answer given before is still there
    assert "The secant that crosses the jump" in main_text(page)


CASES = ["corner", "cusp", "jump", "vertical", "undefined", "smooth"]


@pytest.mark.parametrize("case", CASES)
def test_screenshot_of_each_case(page, app_url, case):
    open_page(page, app_url, f"{PATH}?case={case}&dx=0.01")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 4
    assert verdict(page).startswith("Verdict:")
    shot(page, f"non-differentiability-{case}")


def test_screenshot_of_an_own_function(page, app_url):
    open_page(page, app_url, f"{PATH}?case=custom&f=x%5E(2%2F3)%20%2B%20x&x0=0&dx=0.001")
    assert "cusp at x0 = 0" in verdict(page)
    assert slopes(page) == ("−9", "11")
    shot(page, "non-differentiability-custom")


def _chart_above(page, caption_start: str):
    """The chart element whose caption (the text right under it) starts with caption_start."""
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=caption_start)
    return caption.first.locator(
        "xpath=ancestor::div[contains(@class, 'stElementContainer')][1]"
        "/preceding-sibling::div[1]//*[@data-testid='stVegaLiteChart']"
    )


def test_the_quiz_picture_is_one_line_without_a_legend(page, app_url):
    open_page(page, app_url, PATH)
    quiz = _chart_above(page, "The graph of g(x) = (x + 1)^(2/3)")
    zoom = _chart_above(page, "Zoomed in to the window")
    quiz.scroll_into_view_if_needed()
    quiz.locator(".marks").first.wait_for()
    # the zoom picture has four lines and their legend; the quiz picture one line and none
    assert zoom.locator(".role-legend").count() >= 1
    assert quiz.locator(".role-legend").count() == 0
    quiz.screenshot(path=str(SCREENSHOTS / "non-differentiability-quiz.png"))


def test_every_formula_fits_a_phone_screen_with_the_maths_open(browser, app_url):
    """The worked left and right quotients, in the closed 'Show the maths' expander, were one
    row each, about 610 px wide in its 324 px box: open, they had to be scrolled sideways.
    A row per step now; checked at the default and at a cusp with dx = 1e-6."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (PATH, f"{PATH}?case=cusp&dx=1e-06", f"{PATH}?case=jump&dx=1e-06"):
            open_page(phone, app_url, path)
            maths = phone.locator('[data-testid="stExpander"]', has_text="Show the maths").first
            maths.locator("summary").click()
            formula = maths.locator(".katex-display").first
            formula.wait_for(state="visible")
            assert "right slope" in formula.inner_text().replace("\xa0", " ")
            assert wide_formulas(phone) == [], path
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
