"""A table editor and a CSV uploader, for the hostile-client tests and benchmarks/hostile_cost.py.

`?raw=1` draws Streamlit's own widgets as the pages had them before issue 19
(`st.data_editor(num_rows="dynamic")`, `st.file_uploader(type=["csv"])`), for before/after
figures; otherwise dashboard.tables' bounded editor and uploader.
"""

import pandas as pd
import streamlit as st

frame = pd.DataFrame({"bedrooms": [float(k) for k in range(1, 11)], "price": [100.0] * 10})
raw = st.query_params.get("raw") == "1"
if raw:
    edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, key="editor")
    uploaded = st.file_uploader("Upload a CSV file", type=["csv"], key="upload")
else:
    from dashboard.tables import bounded_editor, csv_uploader  # replaces Streamlit's reader

    edited = bounded_editor(frame, "editor", hide_index=True)
    uploaded = csv_uploader("Upload a CSV file", "upload")
st.text_input("Note", key="note", max_chars=200)
st.markdown(f"ROWS {len(edited)} SUM {float(edited['price'].fillna(0).sum()):g}")
st.markdown(f"UPLOADED {'none' if uploaded is None else len(uploaded.getvalue())}")
