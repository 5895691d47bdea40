"""The Regression page in a real browser: the slope slider changes the loss; a CSV upload."""

from pathlib import Path

from playwright.sync_api import Page

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    horizontal_overflow,
    main_text,
    open_page,
    press_slider,
    shot,
    wait_for_idle,
    wide_formulas,
)

MSE_LABEL = "Mean squared error of your line"


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_metric(page: Page, label: str, value: str) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.innerText.includes(label)
                   && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value)""",
        arg=[label, value],
    )


def upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    page.wait_for_timeout(300)
    wait_for_idle(page)


def test_moving_the_slope_slider_changes_the_loss(page: Page, app_url: str):
    open_page(page, app_url, "regression")
    assert metric(page, MSE_LABEL) == "1.0285 × 10⁷"  # 10,285,000
    shot(page, "regression-default")
    press_slider(page, "Slope", "ArrowRight")
    wait_for_metric(page, MSE_LABEL, "≈ 1.003 × 10⁷")  # slope 10: 10,031,850, the loss went down
    assert "slope=10" in page.url
    press_slider(page, "Slope", "ArrowRight")
    wait_for_metric(page, MSE_LABEL, "9.7864 × 10⁶")
    assert "slope=20" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_uploading_a_csv_fits_it_and_a_bad_one_keeps_it(page: Page, app_url: str, tmp_path: Path):
    open_page(page, app_url, "regression?data=own")
    assert metric(page, "Least-squares slope") == "≈ 590.9"
    good = tmp_path / "houses.csv"
    good.write_text("bedrooms,price\n1,150000\n2,250000\n3,350000\n")
    upload(page, good)
    wait_for_metric(page, "Least-squares slope", "100,000")
    assert "Loaded 3 points from “houses.csv”" in main_text(page)
    assert metric(page, "Least-squares intercept") == "50,000"
    bad = tmp_path / "words.csv"
    bad.write_text("bedrooms,price\n1,150000\n2,a lot\n")
    upload(page, bad)
    page.wait_for_function("() => document.body.innerText.includes('was not loaded')")
    text = main_text(page)
    assert "“a lot” in column “price” is text, not a number" in text
    assert "The previous data is kept" in text
    assert metric(page, "Least-squares slope") == "100,000"
    shot(page, "regression-bad-upload")


def test_outlier_fixed_with_squares_screenshot(page: Page, app_url: str):
    open_page(page, app_url, "regression?outlier=fixed&slope=150&intercept=-200&squares=true")
    assert metric(page, "Least-squares slope") == "100"
    assert metric(page, "Least-squares intercept") == "0"
    assert "all ten points lie on one line" in main_text(page)
    shot(page, "regression-fixed-squares")


def test_too_large_learning_rate_screenshot(page: Page, app_url: str):
    open_page(page, app_url, "regression?lr=0.03&iters=200")
    text = main_text(page)
    assert "Diverged: the learning rate 0.03 is too large" in text
    assert "NaN" not in text
    shot(page, "regression-diverged")


def test_phone_view_has_no_sideways_scrolling(browser, app_url: str):
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "regression?data=houses")
        assert metric(phone, "Least-squares slope") == "100,000"
        assert horizontal_overflow(phone) == 0
        shot(phone, "regression-phone", full_page=False)
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def wait_for_replayed(page: Page, steps: str) -> None:
    """Wait until the descent's metrics show the line after `steps` steps."""
    page.wait_for_function(
        """(steps) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.innerText.startsWith(`Slope after ${steps} steps`))""",
        arg=steps,
        timeout=60_000,
    )


def test_the_replay_follows_the_last_step_or_stays_where_the_learner_put_it(
    page: Page, app_url: str
):
    open_page(page, app_url, "regression?iters=100")
    wait_for_replayed(page, "100")
    press_slider(page, "Iterations", "ArrowLeft")  # 100 -> 90: the replay was at the end
    wait_for_replayed(page, "90")
    assert "replay=" not in page.url
    press_slider(page, "Replay", "ArrowLeft", times=5)  # 90 -> 85
    wait_for_replayed(page, "85")
    assert "replay=85" in page.url
    press_slider(page, "Iterations", "ArrowRight")  # 90 -> 100: the replay stays at 85
    page.wait_for_timeout(300)
    wait_for_replayed(page, "85")
    assert "iters=100" in page.url and "replay=85" in page.url
    press_slider(page, "Iterations", "ArrowLeft", times=3)  # 100 -> 70: below the replay
    wait_for_replayed(page, "70")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_every_formula_fits_a_phone_screen(browser, app_url: str):
    """The MSE, its partial derivatives, the scaling formulas, the normal equations and their
    solution are rows of aligned equations: on one line they were 430-640 px wide in a 358 px
    column and had to be scrolled sideways. Checked on the notes' table and on the houses
    data with a far-off line, where the numbers are longest."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "regression",
            "regression?data=houses&slope=-150000&intercept=-200000&lr=0.03&iters=200",
        ):
            open_page(phone, app_url, path)
            assert phone.locator('[data-testid="stMain"] .katex-display').count() >= 7
            assert wide_formulas(phone) == [], path
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
