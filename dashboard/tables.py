"""Tables a learner edits or uploads, checked before Streamlit does the work with them.

A data editor's change reaches the page only after Streamlit has read it (bounded by
dashboard.widget_states, installed here) and applied it to the table. `bounded_editor` checks
the change against the table it edits (its columns, its row numbers, numbers only, finite and
bounded, the total of rows) before calling `st.data_editor`. A change that does not fit makes
a fresh editor (a new key), so the browser drops it and the session keeps nothing of it, and
the learner reads why.

`csv_uploader` is a file uploader whose state cannot raise: Streamlit checks a file's
extension (and raises, before the page runs) only when the uploader is given `type=`; the
page checks the name itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core.limits import MAX_ABS_DATA_VALUE, MAX_DATA_ROWS
from dashboard import widget_states
from dashboard.widget_states import REFUSED

widget_states.install()


def _number_problem(value: Any, limit: float) -> bool:
    if value is None:
        return False
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    return not (math.isfinite(value) and abs(value) <= limit)


def state_problem(
    state: Any, columns: Sequence[str], rows: int, *, max_rows: int, limit: float
) -> str | None:
    """Why a change (as `editor_state` returns it) cannot apply to a table of numbers with
    these `columns` and `rows` rows, or None when it can."""
    if not state:
        return None
    if state.get(REFUSED):
        return str(state[REFUSED])
    known = set(columns)
    edited = state.get("edited_rows") or {}
    added = state.get("added_rows") or []
    deleted = state.get("deleted_rows") or []
    if any(not 0 <= int(i) < rows for i in list(edited) + list(deleted)):
        return "it named rows that do not exist"
    cells = [cell for row in edited.values() for cell in row.items()]
    cells += [cell for row in added for cell in row.items()]
    if any(name not in known for name, _ in cells):
        return "it named columns the table does not have"
    if any(_number_problem(value, limit) for _, value in cells):
        return f"a cell was not a number from −{limit:g} to {limit:g}"
    total = rows - len(deleted) + len(added)
    if total > max_rows:
        return f"the table would have {total:,} rows; the limit is {max_rows:,}"
    return None


def _widget_key(key: str) -> str:
    version = st.session_state.get(f"_editor_version_{key}", 0)
    return key if version == 0 else f"{key}~{version}"


def _guarded(
    widget_key: str,
    columns: tuple[str, ...],
    rows: int,
    max_rows: int,
    limit: float,
    on_edit: Callable[..., None],
    args: tuple[Any, ...],
) -> None:
    """Run the page's on_edit only for a change that fits the table, and hand it the change."""
    state = st.session_state.get(widget_key)
    if state and state_problem(state, columns, rows, max_rows=max_rows, limit=limit) is None:
        on_edit(state, *args)


def bounded_editor(
    frame: pd.DataFrame,
    key: str,
    *,
    max_rows: int = MAX_DATA_ROWS,
    limit: float = MAX_ABS_DATA_VALUE,
    on_edit: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
    **options: Any,
) -> pd.DataFrame:
    """`st.data_editor(frame, num_rows="dynamic", key=..., **options)` for a table of numbers,
    whose change is applied only when it fits: known columns and rows, numbers (or empty
    cells) within ±`limit`, at most `max_rows` rows. Otherwise the editor starts again from
    `frame`, with a note saying why. `on_edit(change, *args)` runs (as a callback, before the
    next run) only for a change that fits; `change` is the checked editor state."""
    columns = tuple(str(c) for c in frame.columns)
    rows = len(frame)
    widget_key = _widget_key(key)
    state = st.session_state.get(widget_key)
    problem = state_problem(state, columns, rows, max_rows=max_rows, limit=limit)
    if problem is not None:
        version_key = f"_editor_version_{key}"
        st.session_state[version_key] = st.session_state.get(version_key, 0) + 1
        widget_key = _widget_key(key)
    callback = None
    if on_edit is not None:
        callback = _guarded
        args = (widget_key, columns, rows, max_rows, limit, on_edit, args)
    edited = st.data_editor(
        frame,
        key=widget_key,
        num_rows="dynamic",
        on_change=callback,
        args=args if callback else None,
        **options,
    )
    if problem is not None:
        st.caption(
            f"✋ The table's last change was not applied: {problem}. It shows the table again."
        )
    return edited


def csv_uploader(label: str, key: str, *, help: str | None = None) -> Any:
    """`st.file_uploader` for one CSV file, whose state never raises: no `type=` (Streamlit
    would raise on another extension), so the page checks the name itself (and shows it with
    dashboard.markup)."""
    return st.file_uploader(label, key=key, help=help, accept_multiple_files=False)
