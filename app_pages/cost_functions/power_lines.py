"""Section 2, the power-line problem: place the lines, move the house, set the slope to zero.

One live unit, the house (`house_picture`, a touch unit): `core.power_lines.power_line_houses`
works the cost and slope at every position of the house (exact, or the one-sided slopes at a
corner) and the curves once; the browser shows the row for the house's position as the learner
drags it. The answer and its derivation do not move with the house and are drawn once,
outside it.
"""

from __future__ import annotations

from fractions import Fraction

import streamlit as st

from app_pages.cost_functions import house_picture
from app_pages.cost_functions.house_picture import best_words
from app_pages.cost_functions.power_line_positions import (
    LineSetup,
    and_list,
    position,
)
from app_pages.cost_functions.values import shown
from core.power_lines import PowerLineAnswer, power_line_answer
from dashboard.layout import (
    check_yourself,
    quiz_number,
    verdict,
)
from dashboard.numbers import eq_tex, text

# ---------------------------------------------------------------- pieces of formulas


def _gap(a: Fraction, latex_form: bool) -> str:
    """x − a, x + |a| or x, exactly as typed."""
    if a == 0:
        return "x"
    minus = "-" if latex_form else "−"
    return f"x {minus if a > 0 else '+'} {position(abs(a), latex_form)}"


def answer_sentence(answer: PowerLineAnswer) -> str:
    """The page's one-line answer: where the house should go, and why."""
    listed = and_list(answer.lines)
    if answer.n == 1:
        return f"The best position is **{best_words(answer)}**: right at the only line, cost 0."
    if answer.kind == "squared":
        return (
            f"The best position is **{best_words(answer)}**: the mean of {listed}, with total "
            f"cost {shown(answer.cost)}."
        )
    if answer.unique:
        return (
            f"The best position is **{best_words(answer)}**: the median of {listed}, with total "
            f"cost {shown(answer.cost)}."
        )
    return (
        f"**{best_words(answer).capitalize()} is best**: between the two middle lines as many "
        f"lines lie on each side of the house, and the total cost is {shown(answer.cost)} all "
        "along."
    )


def _one_sided(slope) -> str:
    x = position(slope.x)
    return f"C′({x}) does not exist: one-sided slopes {text(slope.left)} and {text(slope.right)}"


def _sum_rows(name: str, terms: list[str], per_row: int) -> list[str]:
    """'name &= t1 + t2' then '&\\quad + t3 + t4', ...: a long sum as aligned rows."""
    chunks = [terms[i : i + per_row] for i in range(0, len(terms), per_row)]
    rows = [rf"{name} &= {' + '.join(chunks[0])}"]
    rows += [rf"&\quad + {' + '.join(chunk)}" for chunk in chunks[1:]]
    return rows


def derivation(answer: PowerLineAnswer) -> tuple[str, str]:
    """'Set the slope to zero' with the learner's lines, as one formula of aligned rows (two
    terms a row, so that it fits a phone), and the sentence that closes it (for the absolute
    cost, what happens at the corners)."""
    lines = answer.lines
    if answer.kind == "squared":
        n, total = answer.n, answer.total
        nx = "x" if n == 1 else f"{n}x"
        inner = (
            nx if total == 0 else f"{nx} {'-' if total > 0 else '+'} {position(abs(total), True)}"
        )
        squares = [("x" if a == 0 else f"({_gap(a, True)})") + "^2" for a in lines]
        doubles = [("2x" if a == 0 else f"2({_gap(a, True)})") for a in lines]
        # two terms a row, one where a position is long: "(x + 19.123456789)^2" twice is
        # 400 px in a phone's 358
        per_row = 2 if all(len(position(a)) <= 6 for a in lines) else 1
        rows = _sum_rows("C(x)", squares, per_row) + _sum_rows("C'(x)", doubles, per_row)
        if n > 1:
            rows.append(f"&= 2({inner})")
        rows.append(rf"C'(x) = 0 &\iff {nx} = {position(total, True)}")
        if n > 1:
            mean = rf"&\iff x = \frac{{{position(total, True)}}}{{{n}}}"
            if len(position(total)) <= 6:
                rows.append(f"{mean} {eq_tex(answer.mean)}")
            else:  # a long sum: its value on a row of its own, to fit a phone
                rows += [mean, rf"&\qquad {eq_tex(answer.mean)}"]
        return _aligned(rows), ""
    gaps = [_gap(a, True) for a in lines]
    short = all(len(position(a)) <= 3 for a in lines)
    per_row = 2 if all(len(position(a)) <= 6 for a in lines) else 1
    rows = _sum_rows("C(x)", [f"|{g}|" for g in gaps], per_row)
    rows += _sum_rows("C'(x)", [rf"\operatorname{{sign}}({g})" for g in gaps], 2 if short else 1)
    rows.append(r"&\quad (x \text{ not at a line})")
    ends = ". ".join(_one_sided(s) for s in answer.ends)
    low, high = position(answer.low, True), position(answer.high, True)
    if answer.flat is not None:
        rows.append(rf"C'(x) = 0 &\iff {low} < x < {high}")
        closing = (
            f"{ends}. So C′ = 0 on the open interval ({position(answer.low)}, "
            f"{position(answer.high)}), and every x in the closed interval "
            f"[{position(answer.low)}, {position(answer.high)}] minimises C."
        )
    else:
        rows.append(rf"C'(x) < 0 &\text{{ for }} x < {low}")
        rows.append(rf"C'(x) > 0 &\text{{ for }} x > {low}")
        closing = (
            f"C′ is never 0. {ends}: the cost falls up to x = {position(answer.low)} and "
            "rises after it, so the minimum is at that corner."
        )
    return _aligned(rows), closing


def _aligned(rows: list[str]) -> str:
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


# The notes' general result for any n lines, with its one-line proof; aligned rows, so that
# it fits a phone (on one line it was 540 px in a 358 px column).
GENERAL_RESULT = (
    r"\begin{aligned} C'(x) = 2\sum_{i=1}^{n}(x - a_i) &= 0 \\ "
    r"\Rightarrow\; n x &= \sum_{i=1}^{n} a_i \\ "
    r"\Rightarrow\; x &= \frac{a_1 + \dots + a_n}{n} \end{aligned}"
)


def _display(formula: str) -> str:
    """A displayed formula inside markdown, typeset as st.latex typesets it."""
    return f"$$\n{formula}\n$$"


def derivation_text(answer: PowerLineAnswer) -> str:
    """'Set the slope to zero' with its formula and closing sentence, then (squared cost) the
    general result: one markdown element, which reads as one block (four elements were each
    redrawn on every slider move of the page)."""
    formula, closing = derivation(answer)
    parts = ["**Set the slope to zero:**", _display(formula)]
    if closing:
        parts.append(closing)
    if answer.kind == "squared":
        parts += ["**For any n lines:**", _display(GENERAL_RESULT)]
    return "\n\n".join(parts)


@st.fragment
def _house(setup: LineSetup) -> None:
    """The house's touch unit: it follows the hand in the browser; Python hears the position
    (and keeps ?x=) after the learner pauses."""
    house_picture.draw(setup.lines, setup.kind)


def draw(setup: LineSetup | None) -> None:
    """The section: the house, then the answer and its derivation, then its question."""
    if setup is not None:
        _house(setup)
        answer = power_line_answer(setup.lines, setup.kind)
        verdict(answer_sentence(answer))
        st.markdown(derivation_text(answer))
    with check_yourself():
        quiz_number(
            "cost_min",
            "Where is the minimum of (x − 1)² + (x − 3)²?",
            float(power_line_answer([1, 3]).marked),
            tolerance=0.01,
            explanation="The slope 2(x − 1) + 2(x − 3) = 4x − 8 is zero at x = 2, the mean of "
            "1 and 3.",
        )
