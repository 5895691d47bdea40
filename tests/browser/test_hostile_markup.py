"""Visitor text, escaped by dashboard.markup, renders as plain text in Chromium (issue 19, 3).

A small page (tests/pages/apps/user_text_app.py) shows `?payload=` in markdown, a caption,
an alert, a widget label and its tooltip, an expander title and LaTeX. For each payload of
the issue (and a few more), the page must draw no image, no link, no KaTeX outside the one
formula, no KaTeX rule, no coloured or bold span, no code; it must fetch nothing from another
host; and the learner must read the payload's own characters. The same check then runs on
the real app: a hostile link value shown back in the "🔗 The link asked for …" note.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from harness.server import ROOT, free_port, start_server, stop_server
from tests.browser.helpers import wait_for_idle

ENTRY = "tests/pages/apps/user_text_app.py"
PAYLOADS = [
    "x`![](http://127.0.0.1:9/p.svg)`x",
    "[LOG IN AGAIN](//example.invalid/l)",
    r"$\rule{300em}{300em}$",
    ":red-background[**HACKED**]",
    ":material/home: :smile: www.example.invalid a@example.invalid",
    "http://example.invalid/y <img src=//example.invalid/i.png>",
    "&lt;b&gt; ~~s~~ _i_ #h",
]
# Markup the payloads could produce if they were not escaped, anywhere in the main area.
MARKUP = "img, a[href], code, strong, em, del, .rule, span[style*='background'], h1, table"


@pytest.fixture(scope="module")
def markup_url() -> Iterator[str]:
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    port = free_port()
    process = start_server(port, entry=ENTRY)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def markup_in(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        f"(els) => els.flatMap(e => Array.from(e.querySelectorAll({MARKUP!r}))"
        ".map(m => m.outerHTML.slice(0, 120)))"
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_as_its_own_characters_everywhere(
    page: Page, markup_url: str, payload: str
) -> None:
    page.goto(f"{markup_url}/?payload={quote(payload)}")
    wait_for_idle(page)
    main = '[data-testid="stMain"]'
    assert markup_in(page, main) == []
    # KaTeX only in the one st.latex element, and no rule drawn anywhere.
    assert page.locator(f"{main} .katex").count() == 1  # st.latex's own formula
    assert page.locator(".katex .rule").count() == 0
    text = page.locator(main).inner_text().replace("\u2060", "")
    assert text.count(payload) >= 4, text  # markdown, caption, alert, label (and expander)
    # The tooltip: hover the help icon of the checkbox.
    page.locator('[data-testid="stTooltipIcon"]').first.hover()
    tooltip = page.locator('[data-testid="stTooltipContent"]')
    tooltip.wait_for()
    assert payload in tooltip.inner_text().replace("\u2060", "")
    assert markup_in(page, '[data-testid="stTooltipContent"]') == []
    # The LaTeX shows the payload's characters as text (TeX's text-mode quotes aside).
    drawn = page.locator(f"{main} .katex .katex-html").inner_text()
    drawn = drawn.replace("\u2212", "-").replace("\u2018", "`").replace("\u2019", "'")
    assert "".join(payload.split()) in "".join(drawn.split())


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_a_hostile_link_value_on_a_real_page_is_shown_as_text(
    page: Page, app_url: str, payload: str
) -> None:
    page.goto(f"{app_url}/slopes?x0={quote(payload)}")
    wait_for_idle(page)
    note = page.locator('[data-testid="stCaptionContainer"]', has_text="The link asked for")
    note.first.wait_for()
    assert payload[:40] in note.first.inner_text().replace("\u2060", "")
    assert markup_in(page, '[data-testid="stCaptionContainer"]') == []
    assert page.locator(".katex .rule").count() == 0
