"""Bounds on what a client's widget states can make Streamlit do, for the whole process.

Streamlit turns the widget states a client sends into Python values before any line of a
page runs (and runs the widgets' callbacks then), so a page cannot catch what goes wrong
there: it shows Streamlit's error box, and the state stays in the session, so every later
rerun fails the same way. `install()` (run when dashboard.tables is imported, i.e. on every
page's first run, through dashboard.controls) replaces four of Streamlit's steps:

- a state whose type is not the widget's (a bool for a slider, a text for a toggle) is
  dropped as it arrives, so the widget keeps its value: Streamlit's deserializer would raise
  on it (`typed_states`);

- JSON widget values (`json_value`, e.g. the app's browser-storage components) are parsed
  by `json_value`, which never raises: text that is not JSON, or nested too deep, reads as
  "no value" (the widget's default);
- a data editor's change is read by `editor_state`, which never raises and refuses, before
  Streamlit adds a single row, a change that is not JSON, not shaped as Streamlit's, longer
  than MAX_EDITOR_STATE_BYTES, adding more than MAX_EDITOR_ADDED_ROWS rows or editing more
  than MAX_EDITOR_CHANGED_CELLS cells (Streamlit adds rows one at a time, each copying the
  table: 9,000 rows cost seconds of CPU in one message);
- uploads arrive over HTTP (PUT /_stcore/upload_file/<session>/<any id>) and Streamlit keeps
  every file in memory until the session ends, any number of them (one session that
  uploaded 100 files of 1 MB held 96 MB): a session now keeps its
  MAX_UPLOADED_FILES_PER_SESSION newest files.

Streamlit is pinned (requirements.txt); tests/pages/test_bounded_tables.py fails if an
upgrade stops going through these steps.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from streamlit.elements.widgets import data_editor as _streamlit_editor
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.state import session_state as _streamlit_session_state

from core.limits import (
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


_streamlit_unpack = _streamlit_session_state.unpack_widget_state_value


def json_value(widget_state: Any) -> Any:
    """What a widget's deserializer receives for a state (Streamlit's unpacking), except that
    a `json_value` that is not JSON, or nested too deep to read, counts as no value (None)."""
    try:
        return _streamlit_unpack(widget_state)
    except (ValueError, RecursionError):
        return None


# The types a widget of each registered type may send: a number box sends an integer as an
# int_value; everything else sends exactly its own type (or nothing: a cleared value).
_ACCEPTED_TYPES = {
    "double_value": {"double_value", "int_value"},
    "int_value": {"int_value", "double_value"},
}
_streamlit_set_widgets = _streamlit_session_state.SessionState.set_widgets_from_proto


def typed_states(widget_states: WidgetStates, expected: dict[str, str]) -> WidgetStates:
    """The states whose type the widget expects (`expected`: widget id -> registered type);
    a state for a widget not registered yet passes (Streamlit keeps it for later)."""
    kept = WidgetStates()
    for state in widget_states.widgets:
        sent = state.WhichOneof("value")
        wanted = expected.get(state.id)
        if sent is None or wanted is None or sent in _ACCEPTED_TYPES.get(wanted, {wanted}):
            kept.widgets.append(state)
    return kept


def _typed_set_widgets(self: Any, widget_states: WidgetStates) -> None:
    registered = self._new_widget_state.widget_metadata
    expected = {wid: meta.value_type for wid, meta in registered.items()}
    _streamlit_set_widgets(self, typed_states(widget_states, expected))


def install() -> None:
    """Read widget states, JSON values, table changes and uploads through the bounded steps
    above."""
    _streamlit_session_state.SessionState.set_widgets_from_proto = _typed_set_widgets  # type: ignore[method-assign]
    _streamlit_session_state.unpack_widget_state_value = json_value
    _streamlit_editor.DataEditorSerde.deserialize = _bounded_deserialize  # type: ignore[method-assign]
    MemoryUploadedFileManager.add_file = _bounded_add_file  # type: ignore[method-assign]
