"""The coin game's heads H and tails T in a real browser: two inputs of the coin touch unit,
with p. Keys and a pointer on H or T redraw the curve, its window, the point, the working and
the numbers with core's values and no message to the server; after the learner's pause the
address holds the counts, the derivation below follows, and a reload restores them."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from core.coins import coin_working
from dashboard import numbers
from tests.browser.helpers import (
    open_page,
    sent_frames,
    set_touch_position,
    touch_formulas,
    touch_metrics,
)
from tests.browser.test_log_loss import (
    RECORD,
    assert_silent_moves,
    coin_unit,
    core_numbers,
    knob,
    settle,
    shown_value,
    wait_for_idle,
    y_ticks,
)


def page_formulas(page: Page) -> str:
    """The LaTeX of every formula Streamlit typeset on the page (KaTeX's annotations)."""
    return "\n".join(
        page.locator('[data-testid="stMarkdown"] .katex annotation').all_text_contents()
    )


def seen_numbers(unit: Locator) -> list[dict]:
    """What the learner read at each position the unit passed through (RECORD)."""
    return unit.evaluate("root => root.__seen")


def read(shown: dict) -> dict[str, str]:
    return dict(zip(shown["labels"], shown["numbers"], strict=True))


def test_keys_move_heads_in_the_browser_and_the_numbers_are_cores(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    ticks_at_7 = y_ticks(unit)
    unit.evaluate(RECORD)
    knob(unit, "heads").focus()
    before = len(frames)
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    assert_silent_moves(frames, before, unit)
    seen = seen_numbers(unit)
    assert [s["heads"] for s in seen] == [str(h) for h in range(8, 17)]
    for shown in seen:  # H moved, T = 3 and p = 0.5 held: core's numbers at each H
        assert shown["tails"] == "3" and shown["p"] == "0.5"
        assert read(shown) == core_numbers(int(shown["heads"]), 3, "0.5"), shown["heads"]
    # 16 heads and 3 tails: L'(0.5) = 32 − 6 = 26, in the working and the legend
    [working] = touch_formulas(unit)
    assert r"L'(0.5) &= \frac{16}{0.5} - \frac{3}{1-0.5}\\&= 32 - 6\\&= 26" in working
    assert "L(p) = 16 ln p + 3 ln(1 − p)" in unit.locator(".legend").inner_text()
    assert y_ticks(unit) != ticks_at_7  # the window followed H, in the browser
    # the p input waits for the rows around 16 heads (the pause), then moves along them
    expect(knob(unit)).to_be_disabled()
    settle(page)
    assert "heads=16" in page.url
    expect(knob(unit)).to_be_enabled()
    # the derivation below the unit (Streamlit's) followed: L'(p) = 0 solved for 16 heads
    assert r"L'(p) &= \frac{16}{p} - \frac{3}{1-p} = 0" in page_formulas(page)
    knob(unit).focus()
    page.keyboard.press("ArrowRight")
    assert shown_value(unit, "p") == "0.51"
    assert touch_metrics(unit) == core_numbers(16, 3, "0.51")
    settle(page)
    page.reload()
    wait_for_idle(page)
    unit = coin_unit(page)
    assert (knob(unit, "heads").input_value(), shown_value(unit, "heads")) == ("16", "16")
    assert touch_metrics(unit) == core_numbers(16, 3, "0.51")


def test_a_pointer_on_tails_moves_the_unit_and_the_link_keeps_it(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss?p=0.3")
    unit = coin_unit(page)
    unit.evaluate(RECORD)
    before = len(frames)
    tails = knob(unit, "tails")
    for t in (10, 40, 100, 0, 25):  # where a drag of the thumb lands, one input event each
        set_touch_position(tails, t)
        assert shown_value(unit, "tails") == str(t)
        assert touch_metrics(unit) == core_numbers(7, t, "0.3"), t
    assert_silent_moves(frames, before, unit)
    work = coin_working(7, 25, "0.3")
    assert f"best p {numbers.eq_text(work.best)}" in unit.locator(".legend").inner_text()
    settle(page)
    assert "tails=25" in page.url
    page.reload()
    wait_for_idle(page)
    unit = coin_unit(page)
    assert touch_metrics(unit) == core_numbers(7, 25, "0.3")
    assert knob(unit, "tails").input_value() == "25"


def test_no_heads_by_keys_then_the_note_after_the_pause(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    knob(unit, "heads").focus()
    page.keyboard.press("Home")
    assert touch_metrics(unit) == core_numbers(0, 3, "0.5")
    assert touch_metrics(unit)["best p = H/(H+T)"] == "0"
    settle(page)
    page.get_by_text("No heads in 3 tosses: the best p is").wait_for()
    assert "heads=0" in page.url
