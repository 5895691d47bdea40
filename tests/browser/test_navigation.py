"""A fresh server's very first visitor may arrive through a deep link.

Streamlit treats a folder named `pages/` beside the entry script as a legacy (v1) multipage
app until `st.navigation` has run once in the process: that first session then shows a
"Page not found" dialog for links such as /log-loss (and runs /slopes without the entry
script). The page scripts therefore live in `app_pages/`; this test keeps it that way.
"""

from pathlib import Path

from harness.chromium import LAPTOP, new_page
from harness.server import free_port, start_server, stop_server
from tests.browser.helpers import main_text, open_page

ROOT = Path(__file__).resolve().parents[2]


def test_there_is_no_legacy_pages_folder_beside_the_entry_script():
    assert not (ROOT / "pages").exists()


def test_first_visitor_of_a_fresh_server_lands_on_a_deep_link_without_a_dialog(browser):
    port = free_port()
    server = start_server(port)
    page, watch = new_page(browser, LAPTOP)
    try:
        open_page(page, f"http://127.0.0.1:{port}", "log-loss?heads=16&tails=4")
        page.wait_for_timeout(500)
        assert page.locator('[role="dialog"]').count() == 0
        assert "0.8" in main_text(page)
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Log loss" in nav and "Non-differentiability" in nav
        assert "streamlit app" not in nav.lower()
        assert not watch.console_errors, watch.console_errors
    finally:
        page.context.close()
        stop_server(server)


def test_a_link_to_home_by_name_opens_home_without_a_dialog(page, app_url):
    open_page(page, app_url, "home")
    page.wait_for_timeout(500)
    assert page.locator('[role="dialog"]').count() == 0
    assert "Calculus for Machine Learning" in main_text(page)
