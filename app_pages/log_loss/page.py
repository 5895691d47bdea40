"""Log loss: the outline. The coin, the likelihood, and why we take logs (curriculum section 5)."""

import streamlit as st

from app_pages.log_loss import (
    bridge_to_ml,
    coin_game,
    long_product,
    order_of_tosses,
    three_coins,
    underflow,
)
from app_pages.log_loss.links import next_page
from dashboard.layout import page_header

page_header(
    "Log loss",
    "Find the p that best explains the tosses you saw: maximise the likelihood g(p), or, "
    "more easily, its logarithm L(p).",
    try_this="Drag the point to the top of L(p); then set heads to 0 and p to 1.",
)

coin_game.draw()
three_coins.draw()
order_of_tosses.draw()
underflow.draw()
long_product.draw()
bridge_to_ml.draw()

st.header("Recap", divider="gray")
st.markdown(
    "- g(p) = pᴴ(1 − p)ᵀ and L(p) = ln g(p) both peak at p = H/(H+T).\n"
    "- L′(p) = H/p − T/(1 − p): logs make the derivative short.\n"
    "- Sums of logs never underflow; −L averaged is a classifier's loss."
)
script, title = next_page("log-loss")
st.page_link(script, label=f"Next: {title}", icon="➡️")
