"""Section 1, the coin game: H heads and T tails, and the learner's guess p = P(heads).

One call: `core.coins.coin_working(heads, tails, p)` returns one `CoinWorking` with every number
the section shows, exact where the maths is rational, and its decisions (the best p, which way
to move p, whether the tosses are impossible at p). URL keys: `heads`, `tails`, `p`.
"""

from __future__ import annotations

import streamlit as st

from app_pages.log_loss import coin_charts, worked_maths
from app_pages.log_loss.formulas import about, counted, one_side, tosses
from app_pages.log_loss.links import page_script
from core import coins
from core.coins import best_p, coin_working
from dashboard import numbers
from dashboard.controls import url_slider
from dashboard.layout import check_yourself, friendly_note, quiz_choice, quiz_number, section
from dashboard.layout import verdict as verdict_box
from dashboard.numbers import MINUS


def coin_controls() -> tuple[int, int, float]:
    """Sliders for heads, tails and p, each kept in the URL (?heads=, ?tails=, ?p=).

    Columns, not a horizontal row (three fewer elements to redraw): on a phone the columns
    stack and each slider gets the full width, where a row would wrap them half width."""
    left, middle, right = st.columns(3)
    with left:
        heads = url_slider("Heads H", "heads", min_value=0, max_value=100, default=7, step=1)
    with middle:
        tails = url_slider("Tails T", "tails", min_value=0, max_value=100, default=3, step=1)
    with right:
        p = url_slider(
            "p = P(heads)",
            "p",
            min_value=0.0,
            max_value=1.0,
            default=0.5,
            step=0.01,
            format="%.2f",
            help="Your guess for the chance that one toss lands heads.",
        )
    return int(heads), int(tails), float(p)


def values_at_p(work: coins.CoinWorking) -> None:
    """The four numbers at the learner's p, and what the edges mean, in words."""
    p = numbers.text(work.p)
    # One horizontal row that wraps on a phone: five elements to redraw on every move, where
    # four columns made nine.
    with st.container(horizontal=True):
        st.metric(f"g({p}) = P(this order)", about(work.g))
        limit = " (limit)" if work.impossible else ""
        st.metric(f"L({p}) = ln g({p})", about(work.log_g) + limit)
        st.metric(f"total log loss {MINUS}L({p})", about(work.loss) + limit)
        st.metric("best p = H/(H+T)", "none" if work.best is None else about(work.best))

    # One container for the note and the verdict, so that the elements after them keep their
    # places whether or not a note is shown (H = 0, T = 0).
    with st.container():
        _edge_notes(work)


def _edge_notes(work: coins.CoinWorking) -> None:
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    if work.best is None:
        friendly_note(
            "No tosses yet (H = T = 0): g(p) = p⁰(1−p)⁰ = 1 for every p, so **every p has the "
            "same likelihood, 1**, and there is no best p. Add some heads or tails."
        )
        return
    if h == 0:
        friendly_note(
            f"No heads in {tosses(t)}: the best p is **0** (a coin that never lands heads). "
            "As p → 1 the log loss grows **without bound**: such a coin cannot show a tail."
        )
    elif t == 0:
        friendly_note(
            f"No tails in {tosses(h)}: the best p is **1** (a coin that always lands heads). "
            "As p → 0 the log loss grows **without bound**: such a coin cannot show a head."
        )
    if work.impossible:
        side = "head" if work.p == 0 else "tail"
        verdict_box(
            f"At p = {p} a {side} is impossible, yet you saw one: g({p}) = 0, and ln 0 has no "
            f"value. As p → {one_side(work.p)[1]}, L(p) → **−∞** and the log loss → **+∞**.",
            kind="warning",
        )
    elif work.at_best:
        verdict_box(
            f"p = {p} is the best p: no other p makes {counted(h, 'head')} and "
            f"{counted(t, 'tail')} likelier."
        )
    else:
        verdict_box(f"The best p is {about(work.best)}: move p towards it.", kind="info")


@st.fragment
def coin_game() -> None:
    # The live unit: everything here follows the three coin sliders, and nothing else is here.
    heads, tails, p = coin_controls()
    work = coin_working(heads, tails, p)
    values_at_p(work)
    coin_charts.likelihood_charts(work)
    worked_maths.log_route(work)
    st.page_link(
        page_script("rules"),
        label="Why (ln p)′ = 1/p: the ln rule",
        icon="🧮",
        query_params={"rule": "ln"},
    )
    with st.expander("Going further: the product rule on g"):
        worked_maths.product_rule_route(work)
        quiz_choice(
            "logloss_chain",
            "In g(p) = p⁷ (1 − p)³, what is the derivative of (1 − p)³?",
            ["3(1 − p)²", "−3(1 − p)²", "−3p²"],
            answer=1,
            explanation="Chain rule: 3(1 − p)² times the derivative of (1 − p), which is −1.",
            hints={0: "The inside, 1 − p, has derivative −1.", 2: "That differentiates 1 − p³."},
        )


def draw() -> None:
    """The section: the game, then its questions."""
    section(
        "The coin game",
        "H heads and T tails: which p = P(heads) explains them best?",
    )
    coin_game()
    with check_yourself():
        quiz_choice(
            "logloss_expression",
            "The course flips a coin 20 times and sees 16 heads and 4 tails. Which expression "
            "do you maximise to find p = P(heads)?",
            ["p¹⁶ (1 − p)⁴", "p⁴ (1 − p)¹⁶", "16p + 4(1 − p)", "p¹⁶ (1 − p⁴)"],
            answer=0,
            explanation="Each head brings a factor p and each tail a factor (1 − p): "
            "g(p) = p¹⁶ (1 − p)⁴.",
            hints={
                1: "That swaps heads and tails.",
                2: "Independent tosses multiply, they do not add.",
                3: "(1 − p)⁴ is not 1 − p⁴: the notes make the same slip with (1 − p³).",
            },
        )
        quiz_number(
            "logloss_best_p",
            "Which p maximises p¹⁶ (1 − p)⁴?",
            best_p(16, 4),
            tolerance=0.005,
            explanation="L′(p) = 16/p − 4/(1 − p) = 0 gives 16(1 − p) = 4p, so p = 16/20 = 0.8.",
        )
