"""A tiny page exercising every URL-bound control, for tests of dashboard.controls."""

import streamlit as st

from dashboard.controls import (
    url_choice,
    url_log_slider,
    url_number,
    url_slider,
    url_text,
    url_toggle,
)

dx = url_log_slider("dx", "dx", options=[1.0, 0.5, 0.1, 0.01, 1e-05], default=0.5)
t = url_slider("Time t", "t", min_value=0, max_value=30, default=10, step=1)
p = url_slider("Probability p", "p", min_value=0.0, max_value=1.0, default=0.3, step=0.01)
kind = url_choice("Kind", "kind", options=["squared", "absolute"], default="squared")
n = url_number("Lines n", "n", min_value=1, max_value=8, default=2, step=1)
f = url_text("Function", "f", default="x^2", max_chars=50)
on = url_toggle("Show squares", "squares", default=False)
st.markdown(f"VALUES dx={dx!r} t={t!r} p={p!r} kind={kind!r} n={n!r} f={f!r} on={on!r}")
