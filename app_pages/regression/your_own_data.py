"""Section 2's third choice, your own data: an editable table and a CSV upload.

The table under edit and the last points that worked live in the session, so a bad edit or
a bad file is named and the fit keeps the previous data.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.datasets import Points, notes_table, parse_points_csv, points_from_table
from core.errors import LearnerError
from core.limits import MAX_DATA_ROWS, MAX_UPLOAD_BYTES
from dashboard.layout import friendly_error, friendly_note, verdict
from dashboard.markup import message_text, quoted
from dashboard.tables import bounded_editor, csv_uploader

_OWN = "regression_own"  # session-state key of the learner's own data


def _own_state() -> dict:
    """The learner's own data in this session: the table under edit and the last good points."""
    if _OWN not in st.session_state:
        start = notes_table("as-written")
        st.session_state[_OWN] = {
            "table": start.frame(),
            "version": 0,
            "good": start,
            "upload_id": None,
            "upload_error": None,
            "upload_message": None,
        }
    return st.session_state[_OWN]


def _read_upload(state: dict) -> None:
    """Take a newly uploaded CSV, or keep the previous data and say what was wrong with it."""
    uploaded = csv_uploader(
        "Upload a CSV file: two columns of numbers, x then y (a header row is optional)",
        "regression_upload",
        help=f"At most {MAX_DATA_ROWS:,} rows and {MAX_UPLOAD_BYTES // 1000:,} kB.",
    )
    if uploaded is None:
        state["upload_id"] = None
        state["upload_error"] = None
        return
    if uploaded.file_id != state["upload_id"]:
        state["upload_id"] = uploaded.file_id
        state["upload_error"] = None
        try:
            points = parse_points_csv(uploaded.getvalue(), uploaded.name)
        except LearnerError as error:
            state["upload_error"] = f"{quoted(uploaded.name)} was not loaded. {message_text(error)}"
        else:
            state["table"] = points.frame()
            state["version"] += 1
            state["good"] = points
            state["upload_message"] = f"Loaded {points.n:,} points from {quoted(uploaded.name)}."
    if state["upload_error"]:
        friendly_error(state["upload_error"] + " The previous data is kept.")
    elif state["upload_message"]:
        verdict(state["upload_message"], "success")


def own_points() -> Points:
    """The editable table and the upload; returns the points to fit."""
    state = _own_state()
    _read_upload(state)
    table: pd.DataFrame = state["table"]
    edited = bounded_editor(
        table,
        f"regression_editor_{state['version']}",
        hide_index=True,
        column_config={
            str(name): st.column_config.NumberColumn(str(name), required=False)
            for name in table.columns
        },
        width="content",
    )
    try:
        points, notes = points_from_table(edited)
    except LearnerError as error:
        friendly_error(f"{message_text(error)} The fit below uses the last table that worked.")
        return state["good"]
    for note in notes:
        friendly_note(note)
    state["good"] = points
    return points
