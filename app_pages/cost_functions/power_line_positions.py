"""Section 2's controls: the power lines' positions (presets, typed, or a table) and the kind
of cost. Sections 2, 3 and 4 all read the `LineSetup` this returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd
import streamlit as st

from core import cost
from core.errors import LearnerError
from dashboard.controls import url_choice, url_text
from dashboard.layout import friendly_error, friendly_note, section
from dashboard.markup import message_text
from dashboard.numbers import tex, text
from dashboard.tables import bounded_editor

PRESETS: dict[str, tuple[float, ...]] = {
    "The notes: 1 and 2": (1.0, 2.0),
    "1, 2 and 3": (1.0, 2.0, 3.0),
    "An outlier: 1, 2 and 20": (1.0, 2.0, 20.0),
}
DEFAULT_LINES = "1,2"
STREET = cost.POSITION_LIMIT  # the house and the lines live on [-STREET, STREET]
TABLE_KEY = "edit_lines"  # ?edit_lines=true opens the table of positions
EXACT_DIGITS = 12  # a position is printed as typed (core reads it to 12 digits)


@dataclass(frozen=True)
class LineSetup:
    """What the learner chose for the power-line sections."""

    lines: tuple[float, ...]
    kind: str


def position(a: Fraction | float, latex_form: bool = False) -> str:
    """A position exactly as the learner typed it (text or LaTeX)."""
    return tex(a, EXACT_DIGITS) if latex_form else text(a, EXACT_DIGITS)


def and_list(lines: Sequence[Fraction | float]) -> str:
    """Positions as a sentence reads them: '1 and 2', '1, 2 and 3'."""
    words = [position(a) for a in lines]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def lines_link(lines: Sequence[float]) -> str:
    """The positions as the link carries them: '1,2,3' (plain ASCII, as typed)."""
    return ",".join(format(float(a), ".12g") for a in lines)


def _set_lines(lines: Sequence[float]) -> None:
    st.session_state["lines"] = lines_link(lines)


def apply_table_edits(lines: Sequence[float], edits: dict[str, Any]) -> list[float]:
    """The positions after a data-editor change (edited, added and deleted rows).

    Rows left empty are dropped; the result is checked by `core.cost.validate_lines` later.
    """
    rows: list[float | None] = list(lines)
    for index, change in (edits.get("edited_rows") or {}).items():
        i = int(index)
        if 0 <= i < len(rows) and "position" in change:
            rows[i] = change["position"]
    for added in edits.get("added_rows") or []:
        rows.append(added.get("position"))
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    return [float(v) for i, v in enumerate(rows) if i not in deleted and v is not None]


def _on_table_change(edits: dict[str, Any], lines: tuple[float, ...]) -> None:
    _set_lines(apply_table_edits(lines, edits))


def line_setup() -> LineSetup | None:
    """Presets, the positions (text and table) and the kind of cost. None if unusable."""
    cols = st.columns(len(PRESETS))
    for col, (name, preset) in zip(cols, PRESETS.items(), strict=True):
        col.button(
            name,
            key=f"preset_{len(preset)}_{int(preset[-1])}",
            on_click=_set_lines,
            args=(preset,),
            width="stretch",
        )
    typed = url_text(
        f"Power-line positions a₁, a₂, … (up to {cost.MAX_LINES}, from {text(-STREET)} to "
        f"{text(STREET)})",
        "lines",
        default=DEFAULT_LINES,
        max_chars=120,
        placeholder="for example 1, 2, 3",
    )
    # Plain option names: they are what the link carries (?kind=absolute).
    kind = url_choice(
        "Cost of one connection",
        "kind",
        options=cost.KINDS,
        default="squared",
    )
    try:
        lines = cost.parse_lines(typed)
    except LearnerError as problem:
        friendly_error(
            f"{message_text(problem)} The pictures below need at least one valid position."
        )
        if not typed.strip():
            friendly_note("Pick one of the examples above, or type positions such as 1, 2, 3.")
        return None
    repeated = cost.repeated_positions(lines)
    if repeated:
        friendly_note(
            f"Two or more lines share the position {and_list(repeated)}. That is allowed: each "
            "line still adds its own cost."
        )
    # The grid is built only while the expander is open (?edit_lines=true): closed, it was
    # redrawn hidden on every slider move of the page.
    table = st.expander(
        "✏️ Edit the positions as a table", expanded=False, key=TABLE_KEY, bind="query-params"
    )
    with table:
        if table.open:
            table_key = f"lines_table_{lines_link(lines)}"
            bounded_editor(
                pd.DataFrame({"position": list(lines)}),
                table_key,
                max_rows=cost.MAX_LINES,
                limit=cost.POSITION_LIMIT,
                hide_index=True,
                column_config={
                    "position": st.column_config.NumberColumn(
                        "position a",
                        min_value=-cost.POSITION_LIMIT,
                        max_value=cost.POSITION_LIMIT,
                        step=0.1,
                        required=True,
                    )
                },
                on_edit=_on_table_change,
                args=(lines,),
            )
    return LineSetup(lines=lines, kind=kind)


def waiting_for_lines() -> None:
    """What a power-line section shows while the positions above cannot be read."""
    st.caption("⬆️ This section appears once the power-line positions above are valid.")


def setup_section() -> LineSetup | None:
    """The section's heading and the power lines' controls (read by the later sections)."""
    section(
        "2. The power-line problem",
        "A house at x pays (x − aᵢ)² to connect to each power line at aᵢ. Where should it go?",
    )
    return line_setup()
