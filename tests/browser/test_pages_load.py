"""Every registered page loads in a real browser, at laptop and phone size, cleanly."""

import pytest

from dashboard.site import registered_pages
from harness.chromium import LAPTOP, PHONE, new_page
from tests.browser.helpers import horizontal_overflow, main_text, open_page, shot

PAGES = registered_pages()


def page_path(spec) -> str:
    return "" if spec.default else spec.url_path


@pytest.mark.parametrize("size_name, viewport", [("laptop", LAPTOP), ("phone", PHONE)])
@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_loads_cleanly(browser, app_url, spec, size_name, viewport):
    page, watch = new_page(browser, viewport)
    try:
        open_page(page, app_url, page_path(spec))
        assert page.locator('[data-testid="stException"]').count() == 0
        assert spec.title.split()[0] in main_text(page) or spec.default
        shot(page, f"{spec.url_path}-{size_name}")
        assert horizontal_overflow(page) <= 1, "the page scrolls sideways"
        assert not watch.console_errors, watch.console_errors
        assert not watch.outside_requests, watch.outside_requests
    finally:
        page.context.close()


def test_home_links_reach_every_registered_page(page, app_url):
    open_page(page, app_url)
    for spec in PAGES:
        if spec.default:
            continue
        link = page.locator('[data-testid="stPageLink"] a').filter(has_text=spec.title).first
        link.click()
        page.wait_for_url(f"**/{spec.url_path}")
        open_page(page, app_url, spec.url_path)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.go_back()
        open_page(page, app_url)


def test_home_page_shows_its_picture_and_path(page, app_url):
    open_page(page, app_url)
    text = main_text(page)
    assert "Calculus for Machine Learning, made touchable" in text
    assert "Why derivatives matter in machine learning" in text
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
