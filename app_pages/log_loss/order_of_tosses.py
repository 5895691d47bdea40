"""Section 3, order does not matter: the learner types tosses; summed toss by toss in that order,
ln P equals k ln p + (n - k) ln(1 - p) from the counts alone, at each of the course's coins.

One call: `core.coin_tosses.order_study(text)`. URL key: `tosses`. A button copies the counts into
the coin game's sliders.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.log_loss.formulas import counted, display, l_tex, tosses, write
from core import coin_tosses
from core.errors import LearnerError
from dashboard import numbers
from dashboard.controls import url_text
from dashboard.layout import friendly_error, friendly_note, numbers_table, section
from dashboard.markup import message_text


def _use_counts(heads: int, tails: int) -> None:
    st.session_state["heads"] = heads
    st.session_state["tails"] = tails


@st.fragment
def order_box() -> None:
    text = url_text(
        "Your tosses (H for heads, T for tails)",
        "tosses",
        default="HHTHTHHHTH",
        max_chars=200,
        placeholder="e.g. HHTHTHHHTH",
        help=f"Up to {coin_tosses.MAX_SEQUENCE_TOSSES} tosses; spaces and commas are ignored.",
    )
    try:
        study = coin_tosses.order_study(text)
    except LearnerError as error:
        friendly_error(message_text(error))
        return
    if not study.tosses:
        friendly_note("Type some tosses, for example HHTHTHHHTH.")
        return
    h, t, n = study.heads, study.tails, len(study.tosses)
    # The first ten tosses, three to a row under the left-hand side, so that it fits a phone.
    terms = [r"\ln p" if c == "H" else r"\ln(1-p)" for c in study.tosses[:10]]
    lines = [" + ".join(terms[i : i + 3]) for i in range(0, len(terms), 3)]
    steps = r"\\ &\quad + ".join(lines) + (r" + \dots" if n > 10 else "")
    write(
        [
            f"**{tosses(n)}: {counted(h, 'head')}, {counted(t, 'tail')}** (n = {n}, k = {h}). Their logs add up in "
            "any order:",
            display(
                rf"\begin{{aligned}} &\ln P(\text{{your order}})\\ &= {steps}\\ "
                rf"&= {l_tex(h, t)}\end{{aligned}}"
            ),
        ]
    )
    closed_form = f"{h} ln p + {t} ln(1 − p)"
    numbers_table(
        pd.DataFrame(
            {
                "coin": [f"P(heads) = {numbers.text(row.p)}" for row in study.rows],
                "≈ ln P(your order), toss by toss": [
                    numbers.text(row.in_your_order, 6) for row in study.rows
                ],
                f"≈ k ln p + (n − k) ln(1 − p) = {closed_form}": [
                    numbers.text(row.from_the_counts, 6) for row in study.rows
                ],
            }
        )
    )
    clicked = st.button(
        f"Use {counted(h, 'head')} and {counted(t, 'tail')} in the coin game",
        on_click=_use_counts,
        args=(h, t),
        disabled=(h > 100 or t > 100),
    )
    if clicked:
        # The coin game is another fragment: run the whole page, so that it shows the counts.
        st.rerun()


def draw() -> None:
    section(
        "Order does not matter",
        "Type tosses in any order: the course's three coins score them.",
    )
    order_box()
