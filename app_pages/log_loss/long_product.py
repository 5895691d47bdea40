"""Section 5, why logs (2): the notes' F(p) = p^6 (1-p)^2 (3-p)^9 (4-p)^13 (10-p)^500. After
logs its derivative is one short term per factor; the product rule's five long terms and the
40-digit bisection on them are folded into a "Going further" expander.

One call: `core.underflow.notes_log_derivative_study()` (fixed expressions; cached).
"""

from __future__ import annotations

import re

import streamlit as st

from app_pages.log_loss.formulas import display, write
from core import underflow
from dashboard import numbers
from dashboard.layout import check_yourself, quiz_choice, section


@st.cache_data(show_spinner=False)
def notes_study() -> underflow.LogDerivativeStudy:
    return underflow.notes_log_derivative_study()


def _factors(product: str) -> list[str]:
    """The factors of sympy's product: 'p^{6} \\left(1 - p\\right)^{2} ...' at each bracket."""
    return re.split(r" (?=\\left\()", product)


def _rows(pieces: list[str], per_row: int, joint: str = " ") -> list[str]:
    """Pieces, per_row to a row, joined within a row by `joint`."""
    return [joint.join(pieces[i : i + per_row]) for i in range(0, len(pieces), per_row)]


def _logs_first(study: underflow.LogDerivativeStudy) -> None:
    """ln F as a sum, its derivative term by term, and its root, as one markdown element (the
    page then holds one element here instead of six). Each long formula is broken into
    aligned rows, so that it fits a phone's screen."""
    f_rows = _rows(_factors(study.f_latex), 3)
    log_rows = _rows(list(study.log_terms_latex), 2)
    derivative_rows = _rows(list(study.log_derivative_terms_latex), 3)
    # 530p^4 - 4459p^3 + 11303p^2 - 8202p + 720: two rows, broken before the p^2 term's sign.
    numerator = re.split(r" (?=[+-] )", study.log_numerator_latex)
    write(
        [
            display(
                r"\begin{aligned} F(p) &= " + r"\\ &\quad\cdot ".join(f_rows) + r"\end{aligned}"
            ),
            "**Logs first**: one short term per factor.",
            display(
                r"\begin{aligned} \ln F(p) &= " + r"\\ &\quad ".join(log_rows) + r"\end{aligned}"
            ),
            display(
                r"\begin{aligned} \frac{d}{dp}\ln F(p) &= "
                + r"\\ &\quad ".join(derivative_rows)
                + r"\end{aligned}"
            ),
            display(
                r"\begin{aligned} = 0 \iff {}& "
                + " ".join(numerator[:2])
                + r"\\ &"
                + " ".join(numerator[2:])
                + r" = 0\end{aligned}"
            ),
            f"Its root in (0, 1): **p {numbers.eq_text(study.maximiser_log, 6)}**, the maximiser "
            "of F.",
        ]
    )


def _directly(study: underflow.LogDerivativeStudy) -> None:
    """The product rule's five terms of five factors, and the maximiser found from them (one
    markdown element)."""
    # Each term of five factors in two rows: three factors, then two.
    term_rows = [
        r"\\ &\qquad\cdot ".join(_rows(_factors(term), 3)) for term in study.direct_terms_latex
    ]
    write(
        [
            f"**Directly**: the product rule gives {len(study.direct_terms_latex)} terms of five "
            "factors each.",
            display(r"\begin{aligned} F'(p) = {}&" + r"\\ &".join(term_rows) + r"\end{aligned}"),
            "Solving F′(p) = 0 as it stands means handling numbers near 10⁵⁰⁰, far beyond "
            "float64; halving an interval on the sign of F′ (at 40 digits) finds "
            f"**p {numbers.eq_text(study.maximiser_direct, 6)}**, the same maximiser.",
        ]
    )


def draw() -> None:
    section(
        "Why logs (2): short derivatives",
        "The notes' product of five powers, differentiated after logs.",
    )
    study = notes_study()
    _logs_first(study)
    with st.expander("Going further: the same maximiser by the product rule"):
        _directly(study)
    with check_yourself():
        quiz_choice(
            "logloss_why_logs",
            "Why maximise ln g(p) instead of g(p)?",
            [
                "ln is increasing (same maximiser) and turns products into sums",
                "ln moves the maximum to a rounder number",
                "g(p) has no maximum, but ln g(p) does",
            ],
            answer=0,
            explanation="A larger g always means a larger ln g, so both peak at the same p.",
            hints={1: "Try it above: L and g peak at the same p."},
        )
