"""Regression, section 4 in a real browser: the replay is the descent unit's third input.
Keys on it and a pointer that lands on a step redraw the line, its three numbers and the
legend at that step with no message to the server; after a pause the address bar holds the
step and the MSE-and-path charts follow it, a reload restores it. After a pause of the
iterations the replay's steps are the new run's (the unit is rebuilt), and the input the
learner was using keeps the keyboard."""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page

from core.descent_grid import replay_positions
from tests.browser.helpers import (
    main_text,
    open_page,
    set_touch_position,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)
from tests.browser.test_regression import Sent, press
from tests.browser.test_regression_descent_touch import core_numbers


def replay_unit(page: Page) -> Locator:
    unit = touch_unit(page, "replay")
    unit.locator(".metric").first.wait_for()
    return unit


def shown(unit: Locator) -> list[str]:
    """Where the learning rate, the iterations and the replay stand."""
    return unit.locator(".controls .value").all_inner_texts()


def knob(unit: Locator, param: str) -> Locator:
    return unit.locator(f'input[data-param="{param}"]')


def has_focus(input_: Locator) -> bool:
    """Whether the keyboard is on this input (the unit lives in a shadow root)."""
    return input_.evaluate("(el) => el.getRootNode().activeElement === el")


def test_keys_and_a_pointer_replay_the_steps_and_python_hears_after_a_pause(
    page: Page, app_url: str
):
    sent = Sent(page)
    open_page(page, app_url, "regression?iters=300&descent_path=true")
    unit = replay_unit(page)
    assert shown(unit) == ["0.01", "300", "300"]
    assert touch_metrics(unit) == core_numbers(0.01, 300)
    replay = knob(unit, "replay")
    positions = replay_positions(300)
    assert replay.get_attribute("max") == str(len(positions) - 1)
    assert "Steps 0–200, then every 10th." in unit.inner_text()
    # keys: 300 -> 290 -> 280 (every 10th step past 200)
    replay.focus()
    moves = [press(page, "ArrowLeft")]
    assert knob(unit, "lr").is_disabled() and knob(unit, "iters").is_disabled()
    moves.append(press(page, "ArrowLeft"))
    assert shown(unit) == ["0.01", "300", "280"]
    assert touch_metrics(unit) == core_numbers(0.01, 300, 280)
    assert unit.locator(".legend").inner_text().startswith("gradient descent's line after 280")
    assert sent.during(moves) == 0, "frames sent by the keys"
    page.wait_for_url("**replay=280**")
    wait_for_idle(page)
    assert knob(unit, "iters").is_enabled()
    assert "step 280 is the purple dot" in main_text(page)
    # a pointer that lands on step 7 (a drag along the input)
    moves = [time.monotonic()]
    set_touch_position(replay, positions.index(7))
    assert shown(unit)[2] == "7"
    assert touch_metrics(unit) == core_numbers(0.01, 300, 7)
    assert sent.during(moves) == 0, "frames sent by the pointer"
    page.wait_for_url("**replay=7**")
    wait_for_idle(page)
    assert "step 7 is the purple dot" in main_text(page)
    page.reload()
    wait_for_idle(page)
    unit = replay_unit(page)
    assert shown(unit) == ["0.01", "300", "7"]
    assert touch_metrics(unit) == core_numbers(0.01, 300, 7)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_after_a_pause_of_the_iterations_the_replay_has_the_new_runs_steps(
    page: Page, app_url: str
):
    open_page(page, app_url, "regression?iters=150&replay=40")
    unit = replay_unit(page)
    assert shown(unit) == ["0.01", "150", "40"]
    assert knob(unit, "replay").get_attribute("max") == "150"
    iterations = knob(unit, "iters")
    iterations.focus()
    press(page, "ArrowRight")  # 150 -> 160: the replay stays at step 40
    page.wait_for_url("**iters=160**")
    wait_for_idle(page)
    assert knob(unit, "replay").get_attribute("max") == "160"
    assert shown(unit) == ["0.01", "160", "40"]
    assert touch_metrics(unit) == core_numbers(0.01, 160, 40)
    # the rebuilt unit keeps the keyboard on the input the learner was using
    assert has_focus(knob(unit, "iters"))
    press(page, "ArrowRight")  # 160 -> 170
    page.wait_for_url("**iters=170**")
    wait_for_idle(page)
    assert shown(unit) == ["0.01", "170", "40"]
    assert knob(unit, "replay").get_attribute("max") == "170"
    assert "replay=40" in page.url
