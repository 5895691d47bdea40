"""Tables a learner edits or uploads, with every bound checked before Streamlit does the work.

An `st.data_editor` sends its change as JSON text (`edited_rows`, `added_rows`,
`deleted_rows`), and Streamlit applies it to the table before the page's code sees the
result: rows are added one at a time, each copying the table, so 9,000 added rows cost
about 20 s of server CPU in one message. A client that is not a browser can also send rows
in columns the table lacks, row numbers past its end, or text that is not JSON, and Streamlit
would raise before the page's code runs. So, for every data editor in the app:

1. Streamlit's reader of editor states is replaced, at import, by `editor_state`, which never
   raises and refuses (as an empty change marked `refused`) any state that is not JSON,
   not shaped as Streamlit's, longer than MAX_EDITOR_STATE_BYTES, adding more than
   MAX_EDITOR_ADDED_ROWS rows or editing more than MAX_EDITOR_CHANGED_CELLS cells. The
   refusal costs one `json.loads` at most, before any row is added.
2. `bounded_editor` checks the change against the table it edits (its columns, its row
   numbers, numbers only, finite and bounded, the total of rows) before calling
   `st.data_editor`. A change that does not fit makes a fresh editor (a new key), so the
   browser drops it and the session keeps nothing of it, and the learner reads why.

`csv_uploader` is a file uploader whose state cannot raise: Streamlit checks a file's
extension (and raises) only when the uploader is given `type=`; the page checks the name.

Uploads themselves arrive over HTTP (PUT /_stcore/upload_file/<session>/<any id>) and
Streamlit keeps every file in memory until the session ends, with no bound on their number:
one session that uploaded 100 files of 1 MB held 96 MB, and a thousand would fill a replica.
`install` also bounds that: a session keeps its MAX_UPLOADED_FILES_PER_SESSION newest files.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.widgets import data_editor as _streamlit_editor
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

from core.limits import (
    MAX_ABS_DATA_VALUE,
    MAX_DATA_ROWS,
    MAX_EDITOR_ADDED_ROWS,
    MAX_EDITOR_CHANGED_CELLS,
    MAX_EDITOR_STATE_BYTES,
    MAX_UPLOADED_FILES_PER_SESSION,
)

REFUSED = "refused"
_ROW_NUMBER = re.compile(r"[0-9]{1,9}")
_MAX_CELL_TEXT = 200
_MAX_COLUMNS = 16
_EMPTY: dict[str, Any] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _refused(reason: str) -> dict[str, Any]:
    return {"edited_rows": {}, "added_rows": [], "deleted_rows": [], REFUSED: reason}


def _is_cell(value: Any) -> bool:
    if value is None or isinstance(value, bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str) and len(value) <= _MAX_CELL_TEXT


def _is_row(row: Any) -> bool:
    return (
        isinstance(row, dict)
        and len(row) <= _MAX_COLUMNS
        and all(isinstance(k, str) and len(k) <= _MAX_CELL_TEXT for k in row)
        and all(_is_cell(v) for v in row.values())
    )


def editor_state(ui_value: Any) -> dict[str, Any]:
    """A data editor's state from the JSON text a client sent; never raises.

    Returns Streamlit's shape, {"edited_rows": {row: {column: value}}, "added_rows":
    [{column: value}], "deleted_rows": [row]}, or an empty change with a `refused` reason.
    """
    if ui_value is None:
        return {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    if not isinstance(ui_value, str):
        return _refused("it was not a table change")
    if len(ui_value) > MAX_EDITOR_STATE_BYTES:
        return _refused("it was too large")
    try:
        state = json.loads(ui_value)
    except (ValueError, RecursionError):
        return _refused("it was not a table change")
    if not isinstance(state, dict) or not set(state) <= set(_EMPTY):
        return _refused("it was not a table change")
    edited = state.get("edited_rows") or {}
    added = state.get("added_rows") or []
    deleted = state.get("deleted_rows") or []
    if not (isinstance(edited, dict) and isinstance(added, list) and isinstance(deleted, list)):
        return _refused("it was not a table change")
    if len(added) > MAX_EDITOR_ADDED_ROWS:
        return _refused(
            f"it added {len(added):,} rows at once; the limit is {MAX_EDITOR_ADDED_ROWS:,} "
            "(upload a CSV file for more)"
        )
    if len(deleted) > MAX_DATA_ROWS or len(edited) > MAX_EDITOR_CHANGED_CELLS:
        return _refused("it changed too many rows at once")
    if sum(len(row) if isinstance(row, dict) else 0 for row in edited.values()) > (
        MAX_EDITOR_CHANGED_CELLS
    ):
        return _refused("it changed too many cells at once")
    if not all(isinstance(k, str) and _ROW_NUMBER.fullmatch(k) for k in edited):
        return _refused("it named rows that do not exist")
    if not all(_is_row(row) for row in edited.values()) or not all(_is_row(r) for r in added):
        return _refused("it did not fit the table")
    if not all(type(i) is int and 0 <= i < 10**9 for i in deleted):
        return _refused("it named rows that do not exist")
    return {
        "edited_rows": {int(k): v for k, v in edited.items()},
        "added_rows": added,
        "deleted_rows": sorted(set(deleted)),
    }


def _bounded_deserialize(self: Any, ui_value: Any) -> Any:
    return _streamlit_editor.DataEditorState(editor_state(ui_value))


_streamlit_add_file = MemoryUploadedFileManager.add_file


def _bounded_add_file(self: MemoryUploadedFileManager, session_id: str, file: Any) -> None:
    """Streamlit's add_file, then forget the session's oldest files beyond the limit."""
    _streamlit_add_file(self, session_id, file)
    with self._lock:
        stored = list(self.file_storage.get(session_id, {}))
    for file_id in stored[:-MAX_UPLOADED_FILES_PER_SESSION]:
        self.remove_file(session_id, file_id)


def install() -> None:
    """Make every st.data_editor in this process read its state through `editor_state`, and
    every session keep at most MAX_UPLOADED_FILES_PER_SESSION uploaded files."""
    _streamlit_editor.DataEditorSerde.deserialize = _bounded_deserialize  # type: ignore[method-assign]
    MemoryUploadedFileManager.add_file = _bounded_add_file  # type: ignore[method-assign]


install()


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
    on_change: Callable[..., None],
    args: tuple[Any, ...],
) -> None:
    """Run the page's on_change only for a change that fits the table."""
    state = st.session_state.get(widget_key)
    if state_problem(state, columns, rows, max_rows=max_rows, limit=limit) is None:
        on_change(*args)


def bounded_editor(
    frame: pd.DataFrame,
    key: str,
    *,
    max_rows: int = MAX_DATA_ROWS,
    limit: float = MAX_ABS_DATA_VALUE,
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
    **options: Any,
) -> pd.DataFrame:
    """`st.data_editor(frame, num_rows="dynamic", key=..., **options)` for a table of numbers,
    whose change is applied only when it fits: known columns and rows, numbers (or empty
    cells) within ±`limit`, at most `max_rows` rows. Otherwise the editor starts again from
    `frame`, with a note saying why. `on_change(*args)` runs only for a change that fits."""
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
    if on_change is not None:
        callback = _guarded
        args = (widget_key, columns, rows, max_rows, limit, on_change, args)
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
