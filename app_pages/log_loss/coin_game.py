"""Section 1, the coin game: H heads and T tails, and the learner's guess p = P(heads).

H, T and p are the three inputs of one touch unit (`likelihood_picture`): the curve L(p), the
point on it, its tangent, the working and the numbers follow the hand in the browser, from one
`core.coins.coin_cross(heads, tails, p, ...)` call that works every position of each input
exactly. The working that depends on H and T only (L'(p) = 0 solved for p), the notes on no
heads or no tails and the product-rule route follow after the learner's pause.
URL keys: `heads`, `tails`, `p`, and `product_rule_on_g` while the product rule's expander is
open (its content is built only then).
"""

from __future__ import annotations

import streamlit as st

from app_pages.log_loss import likelihood_picture, worked_maths
from app_pages.log_loss.formulas import tosses
from app_pages.log_loss.links import page_script
from core.coins import best_p
from dashboard.layout import check_yourself, friendly_note, quiz_choice, quiz_number, section

PRODUCT_RULE_KEY = "product_rule_on_g"


def _edge_notes(heads: int, tails: int) -> None:
    """What no tosses, no heads or no tails mean, whatever p is (the unit says what p is worth)."""
    if heads == 0 and tails == 0:
        friendly_note(
            "No tosses yet (H = T = 0): g(p) = p⁰(1−p)⁰ = 1 for every p, so **every p has the "
            "same likelihood, 1**, and there is no best p. Add some heads or tails."
        )
    elif heads == 0:
        friendly_note(
            f"No heads in {tosses(tails)}: the best p is **0** (a coin that never lands heads). "
            "As p → 1 the log loss grows **without bound**: such a coin cannot show a tail."
        )
    elif tails == 0:
        friendly_note(
            f"No tails in {tosses(heads)}: the best p is **1** (a coin that always lands heads). "
            "As p → 0 the log loss grows **without bound**: such a coin cannot show a head."
        )


@st.fragment
def coin_game() -> None:
    # The live unit: everything here follows H, T and p, and nothing else is here.
    # One container, always there, so that the elements after it keep their places whether
    # or not a note is shown (H = 0, T = 0); it is filled once the unit says H and T.
    notes = st.container()
    work = likelihood_picture.draw()
    with notes:
        _edge_notes(work.heads, work.tails)
    worked_maths.log_derivation(work)
    st.page_link(
        page_script("rules"),
        label="Why (ln p)′ = 1/p: the ln rule",
        icon="🧮",
        query_params={"rule": "ln"},
    )
    # Built only while open (?product_rule_on_g=true): closed, its two formulas were typeset
    # again, hidden, on every move of H or T. Opening it reruns only this fragment.
    further = st.expander(
        "Going further: the product rule on g",
        expanded=False,
        key=PRODUCT_RULE_KEY,
        bind="query-params",
    )
    with further:
        if further.open:
            worked_maths.product_rule_route(work)


def draw() -> None:
    """The section: the game, then its questions."""
    section(
        "The coin game",
        "H heads and T tails: which p = P(heads) explains them best?",
    )
    coin_game()
    # The questions do not follow H, T or p: they sit after the game's fragment, so that a move
    # of H or T reruns none of them. The first is the product rule's, right after its expander.
    with check_yourself():
        quiz_choice(
            "logloss_chain",
            "In g(p) = p⁷ (1 − p)³, what is the derivative of (1 − p)³?",
            ["3(1 − p)²", "−3(1 − p)²", "−3p²"],
            answer=1,
            explanation="Chain rule: 3(1 − p)² times the derivative of (1 − p), which is −1.",
            hints={0: "The inside, 1 − p, has derivative −1.", 2: "That differentiates 1 − p³."},
        )
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
