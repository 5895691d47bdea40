"""The framework floor: one slider, one 400-point Altair line, one LaTeX line.

Nothing on Streamlit can answer a slider move faster than this page; benchmarks/run.py
compares every page of the app with it.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

st.title("Floor")
a = st.slider("Frequency a", 0.5, 5.0, 1.0, 0.05, key="a")
x = np.linspace(0.0, 10.0, 400)
frame = pd.DataFrame({"x": x, "y": np.sin(a * x)})
st.altair_chart(alt.Chart(frame).mark_line().encode(x="x:Q", y="y:Q"), width="stretch")
st.latex(rf"y = \sin({a:.2f}\,x)")
