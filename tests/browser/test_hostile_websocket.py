"""A hostile client skips the browser: it speaks Streamlit's websocket protocol itself.

A browser's slider can only send values inside its range, on its steps. A client of the
websocket protocol (`benchmarks/protocol.py`, the same client the load test uses) can send
anything in a widget state: nan, infinities, 1e308, values far outside the range or between
steps, and option texts a select slider never offered. The pages re-validate every value on
the server, so none of that may raise.

A widget state of the wrong type (a bool or a JSON text for a slider) used to fail inside
Streamlit's own widget registration, before our code runs, with Streamlit's redacted message
in the hostile session. dashboard/widget_states.py now drops a state whose type is not the
widget's as it arrives, so the widget keeps its value and the page answers normally, for
every widget kind on every page; a learner using the same server at the same time keeps
getting correct pages.
"""

from __future__ import annotations

import json
import math

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.protocol import Rerun, Slider, StreamlitClient, run_sync
from dashboard.site import registered_pages

PAGES = [spec.url_path for spec in registered_pages() if not spec.default]
VIEWS = [("", "")] + [(path, "") for path in PAGES] + [("regression", "data=own")]
TYPES = ("bool", "int", "json", "string_array", "string", "double", "trigger", "double_array")
REDACTED = "This app has encountered an error. The original error message is redacted"


def hostile_values(slider: Slider) -> list[float]:
    """Values a browser's slider could never send."""
    return [
        math.nan,
        math.inf,
        -math.inf,
        1e308,
        -1e308,
        slider.maximum + 1000 * max(slider.step, 1.0),
        slider.minimum - 1000 * max(slider.step, 1.0),
        slider.minimum + slider.step / 3,  # between two steps
    ]


HOSTILE_OPTIONS = ["nan", "1e999", "", "x" * 10_000, "0.5; import os", "-1", "0.1 ", "\x00"]
# A touch unit (dashboard.touch) reports {"position": [index, ...]}: positions a range input
# could never send, and states that are not positions at all.
HOSTILE_POSITIONS = [
    '{"position": [1e999]}',
    '{"position": [-1]}',
    '{"position": [100000000000000000000000]}',
    '{"position": [0.5]}',
    '{"position": [true]}',
    '{"position": [null]}',
    '{"position": [0, 0, 0, 0]}',
    '{"position": "0"}',
    '{"position": {"0": 1}}',
    "[]",
]


def assert_answered_cleanly(rerun: Rerun, where: str) -> None:
    assert rerun.ok, f"{where}: status {rerun.status}, exceptions {rerun.exceptions}"
    assert rerun.texts, f"{where}: the page drew no text"


async def send_hostile_values(base: str, path: str) -> int:
    sent = 0
    async with StreamlitClient(base) as client:
        opened = await client.open(path)
        assert_answered_cleanly(opened, path)
        numeric = [s for s in client.sliders if not s.options][:3]
        for index, slider in enumerate(numeric):
            for value in hostile_values(slider):
                await client.open(path)  # a fresh page each time: one bad value at a time
                target = [s for s in client.sliders if not s.options][index]
                rerun = await client.move(target, value)
                assert_answered_cleanly(rerun, f"{path}: {target.label} = {value!r}")
                sent += 1
        choosers = [s for s in client.sliders if s.options][:2]
        for index, _ in enumerate(choosers):
            for text in HOSTILE_OPTIONS:  # a select_slider sends its option's text
                await client.open(path)
                target = [s for s in client.sliders if s.options][index]
                state = WidgetState(id=target.id)
                state.string_array_value.data.append(text)
                rerun = await client.send_states([state], target.fragment_id)
                assert_answered_cleanly(rerun, f"{path}: {target.label} = {text[:20]!r}")
                sent += 1
        # every custom component on the page (the touch units among them) gets bad positions
        components = [wid for kind, wid, _ in opened.widgets if kind == "bidi_component"]
        for index, _ in enumerate(components):
            for text in HOSTILE_POSITIONS:
                again = await client.open(path)
                wid = [w for kind, w, _ in again.widgets if kind == "bidi_component"][index]
                state = WidgetState(id=wid)
                state.json_value = text
                rerun = await client.send_states([state])
                assert_answered_cleanly(rerun, f"{path}: component {index} <- {text}")
                sent += 1
        # ...and the page still answers an ordinary move correctly afterwards.
        await client.open(path)
        if client.sliders:
            first = client.sliders[0]
            assert_answered_cleanly(await client.move(first, first.nudged(+1)), f"{path} after")
    return sent


@pytest.mark.parametrize("path", PAGES)
def test_non_finite_out_of_range_and_impossible_positions_over_the_websocket_never_raise(
    app_url: str, path: str
) -> None:
    sent = run_sync(send_hostile_values(app_url, path))
    assert sent >= len(HOSTILE_OPTIONS), f"{path}: no slider or touch unit to send values to"


def mistyped(widget_id: str, kind: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    if kind == "bool":
        state.bool_value = True
    elif kind == "int":
        state.int_value = 10**15
    elif kind == "json":
        state.json_value = '{"__class__": "os.system"}'
    elif kind == "string":
        state.string_value = "__import__('os').system('true')"
    elif kind == "double":
        state.double_value = math.nan
    elif kind == "trigger":
        state.trigger_value = True
    elif kind == "double_array":
        state.double_array_value.data.extend([math.inf, -1.0, 2.0])
    else:
        state.string_array_value.data.append("__import__('os').system('true')")
    return state


async def mistyped_for_every_widget_kind(base: str, path: str, query: str) -> list[str]:
    """One widget of each kind on the view, each sent a state of every type, one at a time."""
    problems = []
    async with StreamlitClient(base, timeout=120) as client:
        opened = await client.open(path, query)
        first_of_kind = {}
        for kind, wid, label in opened.widgets:
            first_of_kind.setdefault(kind, (wid, label))
        for kind, (wid, label) in first_of_kind.items():
            for sent in TYPES:
                await client.open(path, query)
                rerun = await client.send_states([mistyped(wid, sent)])
                if not rerun.ok:
                    problems.append(f"{path}?{query} {kind} {label[:25]!r} <- {sent}")
    return problems


@pytest.mark.parametrize(("path", "query"), VIEWS)
def test_a_state_of_the_wrong_type_for_any_widget_is_dropped_and_the_page_answers(
    app_url: str, path: str, query: str
) -> None:
    assert run_sync(mistyped_for_every_widget_kind(app_url, path, query)) == []


def coin_counts(opened: Rerun, heads: int, tails: int) -> WidgetState:
    """What the learner's browser sends after a pause on the coin game's H and T: the coin
    touch unit's position (H, T and p = 0.5 at index 50), not a slider's value."""
    unit = next(
        w for kind, w, _ in opened.widgets if kind == "bidi_component" and w.endswith("-coin_touch")
    )
    state = WidgetState(id=unit)
    state.json_value = json.dumps({"position": [heads, tails, 50]})
    return state


async def mistyped_states_beside_a_learner(base: str) -> tuple[list[Rerun], Rerun, Rerun]:
    async with StreamlitClient(base) as attacker, StreamlitClient(base) as learner:
        coin = await learner.open("log-loss")
        before = await learner.send_states([coin_counts(coin, 16, 3)])
        opened = await attacker.open("log-loss")
        # H is the coin touch unit's input: the attacker's mistyped states go to that unit
        target = coin_counts(opened, 16, 3)
        answers = []
        for kind in ("bool", "int", "json", "string_array"):
            await attacker.open("log-loss")
            answers.append(await attacker.send_states([mistyped(target.id, kind)]))
        after = await learner.send_states([coin_counts(coin, 16, 5)])
        return answers, before, after


def test_mistyped_widget_states_are_answered_normally_and_other_learners_carry_on(
    app_url: str,
) -> None:
    answers, before, after = run_sync(mistyped_states_beside_a_learner(app_url))
    for answer in answers:
        # dropped as they arrive (dashboard/widget_states.py): not even the redacted error
        assert answer.ok, [m for m in answer.exceptions if m.startswith(REDACTED)]
    # The learner beside the attacker: heads = 16 and then tails = 5 were both applied.
    assert any(r"\ln\bigl(p^{16}(1-p)^{3}\bigr)" in text for text in before.texts), before.texts[:5]
    assert after.ok and any(r"\ln\bigl(p^{16}(1-p)^{5}\bigr)" in text for text in after.texts)
