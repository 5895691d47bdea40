"""Open a page of the real app in AppTest, optionally through a deep link."""

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "streamlit_app.py")
# The first words of each page's title, to check that open_page really reached the page.
PAGE_TITLES = {
    "app_pages/home.py": "Calculus for Machine Learning",
    "app_pages/slopes/page.py": "Slopes",
    "app_pages/rules/page.py": "Rules",
    "app_pages/non_differentiability/page.py": "Non-differentiab",
    "app_pages/cost_functions/page.py": "Cost functions",
    "app_pages/log_loss/page.py": "Log loss",
    "app_pages/regression/page.py": "Regression",
}


def open_page(
    script: str, params: dict[str, str | list[str]] | None = None, timeout: float = 60
) -> AppTest:
    """Run the entry script, switch to `script` (e.g. "app_pages/slopes.py") with `params` as
    the query string, and return the finished AppTest.

    The entry script runs once first: before that, AppTest can match a page only by its file
    name, and a page registered with another url_path (log_loss.py at /log-loss) would
    silently fall back to the home page.
    """
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    if script != "app_pages/home.py":
        at.run()
        at.switch_page(script)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    expected = PAGE_TITLES.get(script)
    if expected is not None and not at.exception:
        shown = at.title[0].value if at.title else ""
        assert shown.startswith(expected), f"opened {shown!r} instead of {script}"
    return at


def drawn_by_fragment(
    monkeypatch, script: str, params: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """Open `script` and list each element it draws, as (id of the fragment that drew it, ""
    outside any fragment; its text: a markdown body, a widget's label), in drawing order."""
    drawn: list[tuple[str, str]] = []
    enqueue = ForwardMsgQueue.enqueue

    def spy(queue, msg):
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            proto = getattr(element, element.WhichOneof("type"))
            text = getattr(proto, "body", "") or getattr(proto, "label", "")
            drawn.append((msg.delta.fragment_id, str(text)))
        return enqueue(queue, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", spy)
    at = open_page(script, params)
    assert not at.exception, at.exception
    return drawn


def all_text(at: AppTest) -> str:
    """Every markdown, caption, LaTeX, metric and alert text on the page, joined."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "latex",
        "title",
        "header",
        "subheader",
        "info",
        "success",
        "warning",
        "error",
        "text",
        "code",
    ):
        parts.extend(str(el.value) for el in at.get(kind))
    parts.extend(f"{m.label} {m.value}" for m in at.get("metric"))
    return "\n".join(parts)


def chart_captions(at: AppTest) -> list[str]:
    """The text description of each chart, in page order: the caption drawn right after it
    (charts.show_chart), which carries the live numbers; the chart's own spec keeps one
    fixed label so that a slider move only swaps its data."""
    captions: list[str] = []

    def walk(node) -> None:
        children = list(getattr(node, "children", {}).values())
        for index, child in enumerate(children):
            if getattr(child, "type", None) == "vega_lite_chart":
                following = children[index + 1] if index + 1 < len(children) else None
                captions.append(getattr(following, "value", "") if following else "")
            walk(child)

    walk(at._tree)
    return captions


def chart_by_caption(at: AppTest, words: str) -> tuple[dict, list[pd.DataFrame]]:
    """The spec and datasets of the one chart whose caption contains `words`."""
    found = [
        chart
        for chart, caption in zip(at.get("vega_lite_chart"), chart_captions(at), strict=True)
        if words in caption
    ]
    assert len(found) == 1, words
    frames = [
        pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in found[0].proto.datasets
    ]
    return json.loads(found[0].proto.spec), frames


def unescaped(markdown: str) -> str:
    """What the learner reads of markdown that shows visitor text through dashboard.markup:
    without its backslash escapes and the invisible word joiners that break autolinks."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def _elements(node) -> list:
    children = getattr(node, "children", None) or {}
    found = []
    for child in children.values():
        found.append(child)
        found.extend(_elements(child))
    return found


def touch_data(at: AppTest, key: str) -> dict:
    """The data a touch unit (dashboard.touch) sent to the browser: its controls, picture and
    every row, as the JSON the browser receives; each control's "index" is where Python holds
    it (a one-input unit sends that in its small companion element, "touch_at")."""
    found, position = None, None
    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        if getattr(element, "type", "") != "bidi_component" or proto is None or not proto.json:
            continue
        if proto.component_name == "calculus_ml.touch_at":
            at_data = json.loads(proto.json)
            if at_data.get("key") == key:
                position = at_data["index"]
        elif proto.component_name == "calculus_ml.touch":
            data = json.loads(proto.json)
            if data.get("key") == key:
                found = data
    if found is None:
        raise AssertionError(f"no touch unit {key!r} on the page")
    if position is not None:
        for control, index in zip(found["controls"], position, strict=True):
            assert "index" not in control, "a one-input unit's rows carry no position"
            control["index"] = index
    return found


def touch_row(at: AppTest, key: str, control: int = 0, index: int | None = None) -> dict:
    """The row a touch unit shows: at the position Python holds, or at `index` of `control`
    (what the browser shows when the learner drags that input there)."""
    data = touch_data(at, key)
    position = data["controls"][control]["index"] if index is None else index
    return data["rows"][control][position]
