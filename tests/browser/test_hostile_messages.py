"""Every widget kind on every page, and oversized messages, from a hostile client (issue 19).

A client of Streamlit's websocket protocol (benchmarks/protocol.py) opens each page, lists
every widget the page drew (text boxes, radios, selects, segmented buttons, toggles, check
boxes, number boxes, buttons, download buttons, file uploaders, data editors) and sends, one
at a time on a fresh page, values a browser would never send but of the type the widget
expects. No answer may show Streamlit's error box. Mistyped states are in
test_hostile_websocket.py.

A message over the 1 MB limit (.streamlit/config.toml: server.maxMessageSize and
server.maxWidgetStateSize) closes that client's connection; a learner on the same server
carries on.
"""

from __future__ import annotations

import json
import math

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed

from benchmarks.protocol import Rerun, StreamlitClient, run_sync
from dashboard.site import registered_pages

PAGES = [("" if spec.default else spec.url_path) for spec in registered_pages()]
# Views that only a link opens, with widgets of their own (the regression page's own data).
VIEWS = [(path, "") for path in PAGES] + [("regression", "data=own")]
MARKUP = "x`![](http://127.0.0.1:9/p.svg)`x [a](//example.invalid) $\\rule{9em}{9em}$"
TEXTS = [MARKUP, "\x00\x1b[31m" + "9" * 300, "y" * 100_000]
EDITOR_STATES = [
    json.dumps({"added_rows": [{"nope": 1}]}),
    json.dumps({"edited_rows": {"abc": {"x": 1}}}),
    json.dumps({"edited_rows": {"999999999999": {"x": 1}}}),
    "not json",
    json.dumps({"added_rows": [{"position": 1}] * 9_000}),
]


def hostile_states(kind: str, widget_id: str) -> list[WidgetState]:
    """Values of the right type that a browser's widget could never send."""
    states: list[WidgetState] = []

    def state() -> WidgetState:
        made = WidgetState(id=widget_id)
        states.append(made)
        return made

    if kind in ("text_input", "text_area", "radio", "selectbox"):
        for text in TEXTS + ["", "nope"]:
            state().string_value = text
    elif kind == "button_group":
        for texts in (["nope"], [], ["a", "b", "c"], [MARKUP]):
            state().string_array_value.data.extend(texts)
    elif kind == "checkbox":
        state().bool_value = True
        state().bool_value = False
    elif kind == "number_input":
        for number in (math.nan, math.inf, -math.inf, 1e308, -1e308):
            state().double_value = number
    elif kind in ("button", "download_button"):
        state().trigger_value = True
    elif kind == "file_uploader":
        info = state().file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = "no-such-file", "points.txt", 10
    elif kind == "dataframe":
        for text in EDITOR_STATES:
            state().string_value = text
    elif kind == "bidi_component":  # the app's browser-storage and share-link components
        for text in ("not json", "[" * 100_000 + "]" * 100_000, json.dumps({"value": MARKUP})):
            state().json_value = text
    return states


async def send_hostile_widget_states(
    base: str, path: str, query: str
) -> tuple[list[str], set[str]]:
    """Each hostile value in a session of its own (a broken session must not hide the next
    widget's answer), then an ordinary visit."""
    problems: list[str] = []
    kinds: set[str] = set()
    async with StreamlitClient(base, timeout=120) as client:
        opened = await client.open(path, query)
        assert opened.ok, f"{path}: {opened.exceptions}"
    widgets = [(kind, wid, label) for kind, wid, label in opened.widgets if kind != "slider"]
    for kind, wid, label in widgets:
        for hostile in hostile_states(kind, wid):
            kinds.add(kind)
            async with StreamlitClient(base, timeout=120) as client:
                await client.open(path, query)
                rerun: Rerun = await client.send_states([hostile])
                if not rerun.ok:
                    value = str(hostile).replace("\n", " ")[:80]
                    said = [e[:60] for e in rerun.exceptions]
                    problems.append(f"{path}: {kind} {label[:30]!r} = {value}: {said}")
    async with StreamlitClient(base, timeout=120) as client:
        again = await client.open(path, query)
        if not again.ok:
            problems.append(f"{path}: the page did not open again: {again.exceptions}")
    return problems, kinds


@pytest.mark.parametrize(("path", "query"), VIEWS)
def test_hostile_values_for_every_widget_kind_never_show_the_error_box(
    app_url: str, path: str, query: str
) -> None:
    problems, kinds = run_sync(send_hostile_widget_states(app_url, path, query))
    assert problems == []
    assert kinds or path == "", f"{path}: no widget other than sliders"


def coin_counts(opened: Rerun, heads: int, tails: int) -> WidgetState:
    """What the learner's browser sends after a pause on the coin game's H and T: the coin
    touch unit's position (H, T and p = 0.5 at index 50), not a slider's value."""
    unit = next(
        w for kind, w, _ in opened.widgets if kind == "bidi_component" and w.endswith("-coin_touch")
    )
    state = WidgetState(id=unit)
    state.json_value = json.dumps({"position": [heads, tails, 50]})
    return state


async def oversized_beside_a_learner(base: str, megabytes: float) -> tuple[str, Rerun, Rerun]:
    async with StreamlitClient(base) as attacker, StreamlitClient(base) as learner:
        coin = await learner.open("log-loss")
        before = await learner.send_states([coin_counts(coin, 16, 3)])
        opened = await attacker.open("log-loss")
        box = next(wid for kind, wid, _ in opened.widgets if kind == "text_input")
        state = WidgetState(id=box)
        state.string_value = "H" * int(megabytes * 1_000_000)
        try:
            answer = await attacker.send_states([state])
            outcome = "answered ok" if answer.ok else f"answered with {answer.exceptions}"
        except ConnectionClosed as closed:
            outcome = f"closed {closed.rcvd.code if closed.rcvd else None}"
        after = await learner.send_states([coin_counts(coin, 16, 5)])
        return outcome, before, after


def test_a_message_over_one_megabyte_closes_only_that_connection(app_url: str) -> None:
    outcome, before, after = run_sync(oversized_beside_a_learner(app_url, 2))
    assert outcome.startswith("closed"), outcome
    assert before.ok and any(r"\ln\bigl(p^{16}(1-p)^{3}\bigr)" in text for text in before.texts)
    assert after.ok and any(r"\ln\bigl(p^{16}(1-p)^{5}\bigr)" in text for text in after.texts)


def test_a_large_value_under_the_limit_is_answered_without_an_error(app_url: str) -> None:
    outcome, _, after = run_sync(oversized_beside_a_learner(app_url, 0.9))
    assert outcome == "answered ok"
    assert after.ok
