"""The text a learner can read on a page in AppTest, element by element, in page order.

Used by the truthful-text guard (every string, closed expanders and every row of a touch
unit too) and the word budget (what is visible at the defaults: no closed expanders or
popovers, no formulas or tables; of a touch unit, the row at the positions Python holds).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Expander, Tab

PROSE = {
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "success",
    "warning",
    "error",
    "text",
}
WIDGETS = {
    "radio",
    "selectbox",
    "select_slider",
    "multiselect",
    "slider",
    "number_input",
    "text_input",
    "text_area",
    "checkbox",
    "toggle",
    "button",
    "button_group",
}


DROP_DOWNS = {"selectbox", "multiselect", "select_slider"}


@dataclass(frozen=True)
class Shown:
    """One piece of text: its element kind, the text, and whether it is inside a closed
    expander or popover (not visible until the learner opens it); `place` says where in a
    touch unit it is (which unit, which row)."""

    kind: str
    text: str
    folded: bool
    place: str = ""


# A touch unit (dashboard.touch) sends every row it can show; the browser picks one. What
# the learner reads in a unit: its inputs' labels, hints and positions; the picture's
# description, axis titles, ticks, point labels and legend ("touch picture", like a chart's
# text not counted as prose); each row's formulas ("latex"), numbers ("metric"), notes
# ("touch note"), legend names and text alternative. The row at the positions Python holds
# is seen at first; every other row only when the learner moves an input (folded).
TOUCH = "calculus_ml.touch"
# A one-input unit's position travels in a small companion element drawn just before it.
TOUCH_AT = "calculus_ml.touch_at"
_held: dict[str, list[int]] = {}
_SLOT = re.compile(r"@([0-9]+)")


def _filled(entry, templates: list[str]) -> str:
    """A row's formula as the browser typesets it: a string, or a picture template with
    @0, @1, ... replaced by the row's values (dashboard.touch.filled)."""
    if isinstance(entry, str):
        return entry
    template = templates[entry["fill"]] if entry["fill"] < len(templates) else ""
    values = entry["with"]
    return _SLOT.sub(lambda m: str(values[int(m[1])]) if int(m[1]) < len(values) else "", template)


def _touch(node, folded: bool) -> Iterator[Shown]:
    data = json.loads(node.proto.json or "{}")
    if not data.get("controls"):
        return
    key, controls, picture = data.get("key", ""), data["controls"], data["picture"]
    for control, index in zip(controls, _held.pop(key, []), strict=False):
        control.setdefault("index", index)
    for control in controls:
        place = f"{key} {control['param']}"
        yield Shown("touch control", control["label"], folded, place)
        yield Shown("touch control", control.get("hint", ""), folded, place)
        last = len(control["labels"]) - 1
        for i, label in enumerate(control["labels"]):
            # the value beside the label, and the two ends under the input
            seen = i in (0, last, control["index"])
            yield Shown("touch position", label, folded or not seen, f"{place}[{i}]")
    yield Shown("touch picture", picture.get("description", ""), True, key)  # screen readers
    for text in (picture.get("x_title", ""), picture.get("y_title", "")):
        yield Shown("touch picture", text, folded, key)
    for _, label in [*picture.get("x_ticks", []), *picture.get("y_ticks", [])]:
        yield Shown("touch picture", str(label), folded, key)
    for layer in picture.get("static", []):
        for label in layer.get("labels", []):
            yield Shown("touch picture", label, folded, key)
    for legend_key in picture.get("legend", []):
        yield Shown("touch picture", legend_key["name"], folded, key)
    templates = picture.get("tex", [])
    now = controls[0]["index"]
    for c, rows in enumerate(data["rows"]):
        control = controls[c] if c < len(controls) else {"param": str(c), "labels": []}
        for i, row in enumerate(rows):
            position = control["labels"][i] if i < len(control["labels"]) else i
            place = f"{key} {control['param']}={position}"
            hidden = folded or c != 0 or i != now
            for entry in row.get("tex", []):
                yield Shown("latex", _filled(entry, templates), hidden, place)
            for label, value in row.get("metrics", []):
                yield Shown("metric", f"{label}: {value}", hidden, place)
            for note in row.get("notes", []):
                yield Shown("touch note", note, hidden, place)
            for name in row.get("legend", []):
                yield Shown("touch picture", name, hidden, place)
            for layer in row.get("layers", []):
                for label in layer.get("labels", []):
                    yield Shown("touch picture", label, hidden, place)
            yield Shown("touch picture", row.get("alt", ""), True, place)  # screen readers


def _block_label(node) -> tuple[str, str, bool] | None:
    """(kind, label, closed?) for an expander or popover; None for other nodes."""
    if isinstance(node, Expander):
        return "expander", node.label, not node.proto.expanded
    proto = getattr(node, "proto", None)
    if getattr(node, "type", None) == "popover" and proto is not None:
        return "popover", proto.popover.label, True
    return None


def _chosen(node, options: list[str]) -> set[int]:
    """The indexes of the options a drop-down shows while closed."""
    index = getattr(node, "index", None)
    if isinstance(index, int):
        return {index}
    try:
        value = node.value
    except Exception:
        return set()
    values = value if isinstance(value, list | tuple) else [value]
    return {i for i, option in enumerate(options) if option in {str(v) for v in values}}


def _element(node, folded: bool) -> Iterator[Shown]:
    kind = getattr(node, "type", None)
    if kind in PROSE or kind == "latex" or kind == "code":
        yield Shown(kind, str(node.value), folded)
    elif kind == "metric":  # one piece, so that the label gives the value its meaning
        delta = getattr(node, "delta", "") or ""
        yield Shown(
            "metric", f"{node.label}: {node.value}" + (f" ({delta})" if delta else ""), folded
        )
    elif kind in WIDGETS:
        # a label drawn with label_visibility="hidden" or "collapsed" (a quiz's radio, whose
        # question is the markdown above it) is for screen readers, not seen
        visibility = getattr(getattr(node.proto, "label_visibility", None), "value", 0)
        yield Shown(kind, str(getattr(node, "label", "")), folded or visibility != 0)
        options = [str(option) for option in getattr(node, "options", []) or []]
        chosen = _chosen(node, options)
        for index, option in enumerate(options):
            # a drop-down shows its chosen option only; a radio shows them all
            hidden = kind in DROP_DOWNS and index not in chosen
            yield Shown(f"{kind} option", option, folded or hidden)
    elif kind == "page_link":  # "Next: Rules" at a page's end
        yield Shown(kind, str(node.proto.label), folded)
    elif kind in {"table", "dataframe"}:
        yield Shown(kind, "", folded)  # the frame itself is read by frames()
    elif kind == "bidi_component" and getattr(node.proto, "component_name", "") == TOUCH_AT:
        at = json.loads(node.proto.json or "{}")
        _held[str(at.get("key", ""))] = list(at.get("index", []))
    elif kind == "bidi_component" and getattr(node.proto, "component_name", "") == TOUCH:
        yield from _touch(node, folded)


def shown(at: AppTest) -> Iterator[Shown]:
    """Every piece of text in the main area, in page order (charts carry none here)."""

    def walk(node, folded: bool) -> Iterator[Shown]:
        label = _block_label(node)
        if label is not None:
            kind, text, closed = label
            yield Shown(kind, text, folded)
            folded = folded or closed
        yield from _element(node, folded)
        tabs = 0
        for child in getattr(node, "children", {}).values():
            if isinstance(child, Tab):  # only the first tab's content shows at first
                tabs += 1
                yield Shown("tab", child.label, folded)
                yield from walk_children(child, folded or tabs > 1)
            else:
                yield from walk(child, folded)

    def walk_children(node, folded: bool) -> Iterator[Shown]:
        for child in getattr(node, "children", {}).values():
            yield from walk(child, folded)

    yield from walk(at.main, False)  # the main area, not the sidebar


def frames(at: AppTest) -> list[pd.DataFrame]:
    """Every table and dataframe in the main area, as frames."""
    found: list[pd.DataFrame] = []

    def walk(node) -> None:
        if getattr(node, "type", None) in {"table", "dataframe"}:
            found.append(node.value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found
