"""The text a learner can read on a page in AppTest, element by element, in page order.

Used by the truthful-text guard (every string, closed expanders too) and the word budget
(what is visible at the defaults: no closed expanders or popovers, no formulas or tables).
"""

from __future__ import annotations

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
    expander or popover (not visible until the learner opens it)."""

    kind: str
    text: str
    folded: bool


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
