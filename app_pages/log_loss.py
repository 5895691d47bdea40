"""Log loss: the coin, the likelihood, and why we take logs (curriculum section 5)."""

import streamlit as st

from core.coins import best_p, coin_working
from dashboard import coin_views as views
from dashboard.layout import check_yourself, page_header, quiz_choice, quiz_number, section

page_header(
    "Log loss",
    "Find the coin that best explains the tosses you saw: maximise the likelihood "
    "g(p) = p^H (1−p)^T, or, more easily, its logarithm L(p); −L(p) is the total log loss, and "
    "its average per toss is the binary cross-entropy that a classifier minimises.",
    try_this="The notes' coin showed 7 heads and 3 tails. Drag p until g(p) is as large as it "
    "can be: where is it? Then set 0 heads, and try p = 1.",
)


@st.fragment
def coin_game() -> None:
    # The live unit: everything here follows the three coin sliders, and nothing else is here.
    heads, tails, p = views.coin_controls()
    work = coin_working(heads, tails, p)
    views.values_at_p(work)
    views.likelihood_charts(work)
    views.worked_maths(work)
    views.bridge_to_ml(work)


@st.fragment
def order_game() -> None:
    views.order_box()


@st.fragment
def underflow_game() -> None:
    views.underflow_study(views.underflow_controls())


section("The coin game", "A coin flipped H + T times showed H heads and T tails. Which p fits?")
coin_game()

section(
    "The course's three coins",
    "The course tossed 7 heads then 3 tails. Under which coin, P(heads) = 0.7, 0.5 or 0.3, is "
    "this sequence likeliest?",
)
views.three_coins()

section(
    "Order does not matter",
    "Type a sequence of tosses in any order; it is scored at the course's three coins.",
)
order_game()

section(
    "Why logs (1): products of small numbers underflow",
    "Multiply the probabilities of n tosses in floating point, or add their logarithms.",
)
underflow_game()

section(
    "Why logs (2): the derivative of a sum is short",
    "The notes' example: a product of five powers, differentiated directly and after logs.",
)
views.notes_product_example()

with check_yourself():
    quiz_choice(
        "logloss_expression",
        "The course flips a coin 20 times and sees 16 heads and 4 tails. Which expression do you "
        "maximise to find p = P(heads)?",
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
    quiz_choice(
        "logloss_why_logs",
        "Why maximise ln g(p) instead of g(p)?",
        [
            "ln is increasing, so the maximiser is the same; and it turns the product into a "
            "sum: short derivatives, and no underflow to 0.0",
            "ln moves the maximum to a rounder number",
            "g(p) has no maximum, but ln g(p) does",
        ],
        answer=0,
        explanation="A larger g always means a larger ln g, so both peak at the same p.",
        hints={1: "Try it above: L and g peak at the same p."},
    )
    quiz_choice(
        "logloss_at_one",
        "You saw at least one tail. What is the log loss −L(p) at p = 1?",
        ["0", "1", "plus infinity", "not a number (NaN)"],
        answer=2,
        explanation="At p = 1 a tail has probability 0, so g(1) = 0 and −L(1) = −ln 0 = +∞: "
        "a model that is certain and wrong pays an infinite loss.",
    )
    quiz_choice(
        "logloss_chain",
        "In g(p) = p⁷ (1 − p)³, what is the derivative of (1 − p)³?",
        ["3(1 − p)²", "−3(1 − p)²", "−3p²"],
        answer=1,
        explanation="Chain rule: 3(1 − p)² times the derivative of (1 − p), which is −1.",
        hints={0: "The inside, 1 − p, has derivative −1.", 2: "That differentiates 1 − p³."},
    )
