"""A learner without a browser: a client of Streamlit's own websocket protocol.

It speaks to `/_stcore/stream` exactly as the browser's front end does: it sends a `BackMsg`
with `rerun_script` (the page, the URL's query string and the widget states) and reads
`ForwardMsg`s until `script_finished`. The server cannot tell it from a browser, so every
rerun it asks for is a real rerun of the real page script; what it saves is the browser's own
work (layout, Vega rendering), which on a 2-core machine would otherwise compete with the
server it is meant to load.

Used by `benchmarks/load.py`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

T = TypeVar("T")
EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_OK = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class Slider:
    """One slider as the page last drew it: its widget id, label, value and range."""

    id: str
    label: str
    value: float
    minimum: float
    maximum: float
    step: float
    fragment_id: str
    options: tuple[str, ...] = ()  # a select_slider: value is an index into these

    def nudged(self, direction: int) -> float:
        """The value one step to the right (+1) or left (-1), turning back at either end."""
        target = self.value + direction * self.step
        if target > self.maximum or target < self.minimum:
            target = self.value - direction * self.step
        return round(target, 12)


@dataclass
class TouchInput:
    """One input of a touch unit (dashboard.touch) as the page last drew it: the unit's widget
    id and key, the input's number among the unit's, its label, where Python holds it and how
    many positions it has. A browser moves it without asking the server; after the learner's
    pause it sends the unit's whole position (one index per input) as the unit's state."""

    id: str
    unit: str
    control: int
    label: str
    index: int
    count: int
    fragment_id: str

    def nudged(self, direction: int) -> int:
        """The position one step to the right (+1) or left (-1), turning back at either end."""
        target = self.index + direction
        return self.index - direction if not 0 <= target < self.count else target


@dataclass
class Rerun:
    """What one rerun drew: its sliders in page order, any exceptions, and how long it took.

    A fragment rerun draws only its fragment; its sliders are the fragment's.
    """

    seconds: float
    status: int
    sliders: list[Slider] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # markdown, text and alert bodies, in order
    page_not_found: bool = False
    widgets: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, label)
    touch_inputs: list[TouchInput] = field(default_factory=list)
    # a one-input unit's position travels in its companion element, drawn before the unit
    touch_at: dict[str, list[int]] = field(default_factory=dict)
    # what each touch unit drew, by its key: the row at the position Python holds
    touch_rows: dict[str, dict] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in FINISHED_OK and not self.exceptions and not self.page_not_found


class StreamlitClient:
    """One browser-less session on a running Streamlit server (use with `async with`)."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.query_string = ""
        self.page_name = ""
        self.values: dict[str, float] = {}  # what this learner set, as a browser remembers it
        self.sliders: list[Slider] = []  # every slider on the page, as last drawn
        self.touch_inputs: list[TouchInput] = []  # every touch unit's inputs, as last drawn
        self.session_id = ""  # the server's id of this session (for file uploads)
        self._socket: websockets.ClientConnection | None = None

    async def __aenter__(self) -> StreamlitClient:
        self._socket = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def open(self, page_name: str, query_string: str = "") -> Rerun:
        """Navigate to a page (its URL path; "" is the home page), as a new URL would."""
        self.page_name, self.query_string = page_name, query_string
        self.values = {}
        rerun = await self._rerun([], fragment_id="")
        self.sliders = rerun.sliders
        self.touch_inputs = rerun.touch_inputs
        return rerun

    async def pause(self, touch: TouchInput, index: int) -> Rerun:
        """What a browser sends when the learner pauses after moving a touch unit's input to
        position `index`: the unit's position, its other inputs where Python holds them."""
        inputs = sorted((t for t in self.touch_inputs if t.id == touch.id), key=lambda t: t.control)
        position = [index if t.control == touch.control else t.index for t in inputs]
        state = WidgetState(id=touch.id)
        state.json_value = json.dumps({"position": position})
        rerun = await self._send([state], touch.fragment_id)
        if touch.fragment_id:  # the fragment's units replace the old ones in place
            drawn = {t.id for t in rerun.touch_inputs}
            kept = [t for t in self.touch_inputs if t.id not in drawn]
            self.touch_inputs = kept + rerun.touch_inputs
        else:
            self.touch_inputs = rerun.touch_inputs
        return rerun

    async def move(self, slider: Slider, value: float) -> Rerun:
        """Set one slider to `value`, sending every slider's current value with it as the
        browser does; a slider inside a fragment reruns only its fragment."""
        self.values[slider.id] = value
        moved = [replace(s, value=self.values.get(s.id, s.value)) for s in self.sliders]
        rerun = await self._rerun(moved, fragment_id=slider.fragment_id)
        if slider.fragment_id:  # the fragment's sliders replace the old ones in place
            fresh = iter(rerun.sliders)
            self.sliders = [
                next(fresh, s) if s.fragment_id == slider.fragment_id else s for s in self.sliders
            ]
        else:
            self.sliders = rerun.sliders
        return rerun

    async def send_states(self, widgets: list[WidgetState], fragment_id: str = "") -> Rerun:
        """A rerun with exactly these widget states, whatever they hold: what a hostile
        client, not a browser, could send."""
        return await self._send(widgets, fragment_id)

    async def _rerun(self, sliders: list[Slider], fragment_id: str) -> Rerun:
        widgets = []
        for slider in sliders:
            widget = WidgetState(id=slider.id)
            if slider.options:  # select_slider: the option's text, not its index
                widget.string_array_value.data.append(slider.options[int(slider.value)])
            else:
                widget.double_array_value.data.append(slider.value)
            widgets.append(widget)
        return await self._send(widgets, fragment_id)

    async def _send(self, widgets: list[WidgetState], fragment_id: str) -> Rerun:
        assert self._socket is not None, "use StreamlitClient with `async with`"
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(widgets)
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        rerun = Rerun(seconds=0.0, status=-1)
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout:.0f} s")
            forward = ForwardMsg()
            forward.ParseFromString(await _recv(self._socket, remaining))
            kind = forward.WhichOneof("type")
            if kind == "delta":
                self._read_delta(forward, rerun, self.values)
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "page_not_found":
                rerun.page_not_found = True
            elif kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "script_finished":
                if forward.script_finished == EARLY_FOR_RERUN:
                    continue  # the script asked for a rerun (st.rerun): its answer follows
                rerun.status = forward.script_finished
                rerun.seconds = time.perf_counter() - started
                return rerun

    @staticmethod
    def _read_delta(forward: ForwardMsg, rerun: Rerun, known: dict[str, float]) -> None:
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        proto = getattr(element, kind, None) if kind else None
        if getattr(proto, "id", ""):
            rerun.widgets.append((kind, proto.id, getattr(proto, "label", "")))
        if kind in ("markdown", "text", "alert"):  # alert: st.error, st.info, st.success...
            rerun.texts.append(getattr(element, kind).body)
        elif kind == "exception":
            rerun.exceptions.append(element.exception.message[:200])
        elif kind == "bidi_component" and proto.component_name.startswith("calculus_ml.touch"):
            StreamlitClient._read_touch(proto, delta.fragment_id, rerun)
        elif kind == "slider":
            proto = element.slider
            values = list(proto.value) if proto.set_value else list(proto.default)
            options = tuple(proto.options)
            if len(values) == 1:  # a range slider (two thumbs) is not moved here
                rerun.sliders.append(
                    Slider(
                        id=proto.id,
                        label=proto.label,
                        value=known.get(proto.id, values[0]),
                        minimum=0 if options else proto.min,
                        maximum=len(options) - 1 if options else proto.max,
                        step=1 if options else proto.step,
                        fragment_id=delta.fragment_id,
                        options=options,
                    )
                )

    @staticmethod
    def _read_touch(proto: Any, fragment_id: str, rerun: Rerun) -> None:
        """A touch unit's inputs, or the position its companion element carries."""
        try:
            data = json.loads(proto.json) if proto.json else {}
        except ValueError:
            return
        if proto.component_name == "calculus_ml.touch_at":
            rerun.touch_at[str(data.get("key"))] = list(data.get("index") or [])
            return
        if proto.component_name != "calculus_ml.touch" or not isinstance(data, dict):
            return
        held = rerun.touch_at.get(str(data.get("key")), [])
        controls, rows = data.get("controls") or [], data.get("rows") or []
        if controls and rows and rows[0]:
            first = controls[0].get("index", held[0] if held else 0)
            if isinstance(first, int) and 0 <= first < len(rows[0]):
                rerun.touch_rows[str(data.get("key"))] = rows[0][first]
        for c, control in enumerate(data.get("controls") or []):
            index = control.get("index", held[c] if c < len(held) else 0)
            rerun.touch_inputs.append(
                TouchInput(
                    id=proto.id,
                    unit=str(data.get("key")),
                    control=c,
                    label=str(control.get("label", "")),
                    index=int(index),
                    count=len(control.get("labels") or []),
                    fragment_id=fragment_id,
                )
            )


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end in a thread of its own, so that it works beside
    Playwright's sync API, which keeps an event loop running in the calling thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _recv(socket: websockets.ClientConnection, timeout: float) -> bytes:
    data = await asyncio.wait_for(socket.recv(), timeout)
    if isinstance(data, str):
        raise TypeError("the server sent a text frame; Streamlit speaks binary protobufs")
    return data
