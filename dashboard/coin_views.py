"""The Log loss page's pieces: the coin controls and charts, the worked maths, the order box,
the underflow study and the notes' long product. Numbers come from core; this module only
formats and draws them.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pandas as pd
import streamlit as st

from core import coins, underflow
from core.errors import LearnerError
from dashboard import charts, numbers
from dashboard.controls import url_slider, url_text
from dashboard.layout import friendly_error, friendly_note, latex, numbers_table, verdict
from dashboard.numbers import MINUS


def _factor(x: object, sig: int = 4) -> str:
    """A value as a factor in a product, in LaTeX: negative and e-notation values in brackets,
    so that (4.66 \\times 10^{-35})\\cdot 10 is not read as 4.66 \\times 10^{-35\\cdot 10}."""
    body = numbers.tex(x, sig)
    return f"({body})" if body.startswith("-") or r"\times" in body else body


def _about(x: object, sig: int = 4) -> str:
    """A value for a metric or a label: '0.7', or '≈ 0.7857' where it is rounded."""
    return ("" if numbers.is_exact(x, sig) else "≈ ") + numbers.text(x, sig)


def _rel(*shown: object, sig: int = 4) -> str:
    """'=' when every value shown is exact, else '\\approx' (for a row of a chain)."""
    return "=" if all(numbers.is_exact(x, sig) for x in shown) else r"\approx"


def _result_rel(result: object, *shown: object, sig: int = 4) -> str:
    """The relation before a chain's result: '=' only when the result is printed exactly and
    the factors or terms before it were too (or the result is exactly 0 from a 0 shown)."""
    exact_before = _rel(*shown, sig=sig) == "=" or (result == 0 and any(x == 0 for x in shown))
    return "=" if numbers.is_exact(result) and exact_before else r"\approx"


def _shown(x: object, sig: int) -> Fraction:
    """The value the learner reads for x at sig digits: exact, or rounded as `numbers` does."""
    return numbers.exact_value(x if numbers.is_exact(x, sig) else numbers.round_sig(x, sig))


def _digits_that_give(result: object, values: list, weights: list[int] | None = None) -> int:
    """The fewest significant digits (4 or more) at which the rounded `values` give `result`
    as it is printed: their product, or with `weights` the sum of weight * value. So a chain
    '≈ a·b·c ≈ d' or '≈ 7·(−0.3567) + 3·(−1.204) ≈ −6.109' can be checked by hand."""
    exact = numbers.is_exact(result)
    target = numbers.exact_value(result) if exact else numbers.round_sig(result, 4)
    for sig in range(4, 12):
        shown = [_shown(v, sig) for v in values]
        if weights is None:
            combined = math.prod(shown, start=Fraction(1))
        else:
            combined = sum((w * v for w, v in zip(weights, shown, strict=True)), Fraction(0))
        if (combined if exact else numbers.round_sig(combined, 4)) == target:
            return sig
    return 12


def fraction_tex(value: Fraction, heads: int, total: int) -> str:
    """H/(H+T), reduced when it can be, then as a decimal: \\frac{16}{20} = \\frac{4}{5} = 0.8."""
    parts = [rf"\frac{{{heads}}}{{{total}}}"]
    if value.denominator != total and value.denominator != 1:
        parts.append(numbers.frac_tex(value))
    return " = ".join(parts) + " " + numbers.eq_tex(value)


def power(base: str, k: int) -> str:
    """base^k for LaTeX: nothing for k = 0, the bare base for k = 1."""
    if k == 0:
        return ""
    return base if k == 1 else f"{base}^{{{k}}}"


def coefficient(k: int) -> str:
    return "" if k == 1 else str(k)


P_TEXT, Q_TEXT = "p", "(1-p)"


# Cached pure grids and symbolic work.


@st.cache_data(max_entries=256, show_spinner=False)
def likelihood_curves(heads: int, tails: int) -> pd.DataFrame:
    # One point per slider step of p (0.01), so the learner's dot always sits on a vertex;
    # with no tosses the curves are flat, and their two ends draw them.
    return coins.likelihood_curves(heads, tails, points=101 if heads + tails else 2)


@st.cache_data(show_spinner=False)
def underflow_curves() -> pd.DataFrame:
    return underflow.underflow_curves(underflow.MAX_TOSSES, points=400)


@st.cache_data(show_spinner=False)
def notes_study() -> underflow.LogDerivativeStudy:
    return underflow.notes_log_derivative_study()


# The coin game.


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


def _tosses(count: int) -> str:
    return f"{count} toss" if count == 1 else f"{count} tosses"


def values_at_p(work: coins.CoinWorking) -> None:
    """The four numbers at the learner's p, and what the edges mean, in words."""
    p = numbers.text(work.p)
    # One horizontal row that wraps on a phone: five elements to redraw on every move, where
    # four columns made nine.
    with st.container(horizontal=True):
        st.metric(f"g({p}) = P(this order)", _about(work.g))
        limit = " (limit)" if work.impossible else ""
        st.metric(f"L({p}) = ln g({p})", _about(work.log_g) + limit)
        st.metric(f"total log loss {MINUS}L({p})", _about(work.loss) + limit)
        st.metric("best p = H/(H+T)", "none" if work.best is None else _about(work.best))

    # One container for the note and the verdict, so that the elements after them keep their
    # places whether or not a note is shown (H = 0, T = 0).
    with st.container():
        _edge_notes(work)


def _edge_notes(work: coins.CoinWorking) -> None:
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    if work.best is None:
        friendly_note(
            "No tosses yet (H = T = 0): g(p) = p⁰(1−p)⁰ = 1 for every p, so **every p is equally "
            "likely** and there is no best p. Add some heads or tails."
        )
        return
    if h == 0:
        friendly_note(
            f"No heads in {_tosses(t)}: the best p is **0** (a coin that never lands heads). "
            "At p = 1 the log loss is **infinite**: such a coin cannot show a tail."
        )
    elif t == 0:
        friendly_note(
            f"No tails in {_tosses(h)}: the best p is **1** (a coin that always lands heads). "
            "At p = 0 the log loss is **infinite**: such a coin cannot show a head."
        )
    if work.impossible:
        side = "head" if work.p == 0 else "tail"
        _, end = _one_side(work)
        verdict(
            f"At p = {p} a {side} is impossible, yet you saw one: g({p}) = 0, and ln 0 has no "
            f"value. As p → {end}, L(p) → **−∞** and the log loss → **+∞**.",
            kind="warning",
        )
    elif work.at_best:
        verdict(f"p = {p} is the best p: no other p makes {h} heads and {t} tails likelier.")
    else:
        verdict(
            f"The best p is {_about(work.best)}, where g {numbers.eq_text(work.g_best or 0)} and "
            f"L {numbers.eq_text(work.log_g_best or 0.0)}. Move p towards it and watch L rise.",
            kind="info",
        )


def _finite_range(values: pd.Series) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)


# The two marked p's: the best p (green) and the learner's p (purple; green when it is the
# best p). Colours, dashes and label sides are fixed in the spec and chosen row by row from
# the data, so a slider move only swaps the data and the browser keeps its Vega view.
MARK_ROLES = {"best p": charts.COLORS["tangent"], "your p": charts.COLORS["point"]}
# A label whose dot lies right of this p is written to the left of its dot, to stay inside.
LABEL_FLIPS_AT = 0.75
# Where a label sits above (negative) or below its dot, in px: normally above; where the two
# labels would overlap, the lower dot's label goes below it, or, when that dot is near the
# chart's floor (the x axis is there), the higher dot's label goes one line higher. Either way
# the two labels are then on opposite sides of a horizontal line between the two dots.
LABEL_ABOVE, LABEL_BELOW, LABEL_HIGHER = -8, 14, -25
# The estimate of where labels fall: the narrowest plot (three columns on a laptop) is about
# 150 px wide and 200 px tall; a 13 px label is about 7.5 px a character and 16 px tall.
PLOT_PX, CHAR_PX, GAP_PX = (150.0, 200.0), 7.5, 8.0
# Tiny likelihoods (7 heads 3 tails peak at 0.00222; 100 and 100 at 6e-61): ticks in
# e-notation rather than dozens of zeros, decided in the browser from the axis's own domain.
# A flat curve (no tosses: g = 1, L = 0 for every p) gives a domain of zero span, where Vega's
# own label would read "1.000000": there the tick is written as a plain number.
TINY_AXIS_LABELS = (
    "peek(domain('y')) > 0 && peek(domain('y')) < 1e-3 ? format(datum.value, '.1e') : "
    "span(domain('y')) == 0 ? format(datum.value, '~g') : datum.label"
)


def _role_color() -> dict:
    return {
        "field": "role",
        "type": "nominal",
        "scale": {"domain": list(MARK_ROLES), "range": list(MARK_ROLES.values())},
        "legend": None,
    }


def _marks(frame: pd.DataFrame, column: str) -> list[charts.Layer]:
    """A dashed rule, a dot and a label for each row of `frame` (p, column, label, role, left):
    the label sits left of its dot where `left` is true, else right of it."""
    x = {"field": "p", "type": "quantitative"}
    y = {"field": column, "type": "quantitative"}
    tooltip = [
        {"field": "label", "type": "nominal", "title": ""},
        {"field": "p", "type": "quantitative", "format": ".4g"},
    ]
    rule = {
        "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": charts.DASH},
        "encoding": {"x": x, "color": _role_color(), "tooltip": tooltip},
    }
    dot = {
        "mark": {"type": "circle", "size": 90, "opacity": 1, "stroke": "white", "strokeWidth": 1},
        "encoding": {"x": x, "y": y, "color": _role_color(), "tooltip": tooltip},
    }
    # Left or right of its dot, row by row: the mark's align and dx are expressions of the row.
    text = {
        "mark": {
            "type": "text",
            "align": {"expr": "datum.left ? 'right' : 'left'"},
            "dx": {"expr": "datum.left ? -8 : 8"},
            "dy": {"expr": "datum.dy"},
            "fontSize": 13,
        },
        "encoding": {
            "x": x,
            "y": y,
            "text": {"field": "label", "type": "nominal"},
            "color": _role_color(),
        },
    }
    return [charts.Layer(rule, frame), charts.Layer(dot, frame), charts.Layer(text, frame)]


def _marked_points(
    work: coins.CoinWorking,
    column: str,
    at_p: float,
    at_best: float | None,
    edges: tuple[float, float],
) -> pd.DataFrame:
    """The rows `_marks` draws: the best p (if there is one and it is not the learner's p) and
    the learner's p. Within half a slider step of the best p one mark says both (two labels
    would overlap). An infinite value sits at the edge of the chart, labelled with its value."""
    best = None if work.best is None or at_best is None else float(work.best)
    on_best = best is not None and abs(float(work.p) - best) < 0.005
    rows = []
    if best is not None and not on_best:
        rows.append((best, at_best, f"best {_about(work.best)}", "best p"))
    low, high = edges
    shown = at_p if math.isfinite(at_p) else (low if at_p < 0 else high)
    if on_best:
        rows.append((float(work.p), shown, f"best {numbers.text(work.p)}", "best p"))
    else:
        label = f"p = {numbers.text(work.p)}" + (
            "" if math.isfinite(at_p) else f": → {numbers.text(at_p)}"
        )
        rows.append((float(work.p), shown, label, "your p"))
    frame = pd.DataFrame(rows, columns=["p", column, "label", "role"])
    frame = frame.assign(left=frame["p"] > LABEL_FLIPS_AT, dy=LABEL_ABOVE)
    if len(frame) == 2 and _labels_meet(frame, column, edges):
        lower, higher = frame[column].idxmin(), frame[column].idxmax()
        low, high = edges
        floor = low + 0.15 * (high - low)
        if frame.loc[lower, column] > floor:
            frame.loc[lower, "dy"] = LABEL_BELOW
        else:
            frame.loc[higher, "dy"] = LABEL_HIGHER
    return frame


def _labels_meet(frame: pd.DataFrame, column: str, edges: tuple[float, float]) -> bool:
    """Whether the two labels, both above their dots, would overlap on the narrowest plot:
    their boxes estimated in pixels from p, the value, the side and the label's length."""
    width, height = PLOT_PX
    low, high = edges
    span = high - low or 1.0
    boxes = []
    for p, value, label, left in zip(
        frame["p"], frame[column], frame["label"], frame["left"], strict=True
    ):
        x, y = p * width, (value - low) / span * height
        size = CHAR_PX * len(label)
        start = x - GAP_PX - size if left else x + GAP_PX
        boxes.append((start, start + size, y - LABEL_ABOVE - 8, y - LABEL_ABOVE + 8))
    (a0, a1, b0, b1), (c0, c1, d0, d1) = boxes
    return a0 < c1 + 4 and c0 < a1 + 4 and b0 < d1 + 4 and d0 < b1 + 4


def _curve_chart(
    curves: pd.DataFrame,
    column: str,
    title: str,
    at_p: float,
    at_best: float | None,
    work: coins.CoinWorking,
    description: str,
) -> None:
    """One curve over p in [0, 1], the learner's p and the best p marked. An infinite value
    is drawn at the edge of the chart with a label, so the axis never breaks."""
    curve = charts.function_plot(curves[["p", column]], x="p", y=column, x_title="p", y_title=title)
    curve.spec["encoding"]["y"]["axis"] = {"labelExpr": TINY_AXIS_LABELS}
    at_p, at_best = float(at_p), None if at_best is None else float(at_best)
    marked = _marked_points(work, column, at_p, at_best, _finite_range(curves[column]))
    chart = charts.compose(curve, *_marks(marked, column), description=description, height=260)
    charts.show_chart(chart, description)


def _value_words(name: str, value: float, work: coins.CoinWorking) -> str:
    """'L = −6.93', or at an end where the tosses are impossible, 'L → −∞ as p → 1⁻'."""
    if work.impossible:
        return f"{name} → {numbers.text(value)} as p → {_one_side(work)[1]}"
    return f"{name} {numbers.eq_text(value)}"


def _limit_or_value(value: float, work: coins.CoinWorking) -> str:
    """An aligned row '&= value', or '&\\to \\infty as p -> 1-' where there is no value."""
    if work.impossible:
        return rf"&\to {numbers.tex(value)} \text{{ as }} p \to {_one_side(work)[0]}"
    return rf"&{numbers.eq_tex(value)}"


def likelihood_charts(work: coins.CoinWorking) -> None:
    """g, L and -L side by side."""
    curves = likelihood_curves(work.heads, work.tails)
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    at_best = "" if work.best is None else f" the best p {numbers.eq_text(work.best)}."
    best, low = f" It peaks at{at_best}", f" It is lowest at{at_best}"
    best, low = (best, low) if at_best else ("", "")
    ends = " It goes to minus infinity where the data are impossible." if work.total else ""
    g_col, l_col, loss_col = st.columns(3)
    with g_col:
        _curve_chart(
            curves,
            "g",
            "g(p)",
            work.g,
            work.g_best,
            work,
            f"The likelihood g(p) = {_g_text(h, t)} for p from 0 to 1.{best} "
            f"At your p = {p}: g {numbers.eq_text(work.g)}.",
        )
    with l_col:
        _curve_chart(
            curves,
            "L",
            "L(p) = ln g(p)",
            work.log_g,
            work.log_g_best,
            work,
            f"The log-likelihood L(p) = {_l_text(h, t)}.{best}{ends} "
            f"At your p = {p}: {_value_words('L', work.log_g, work)}.",
        )
    with loss_col:
        _curve_chart(
            curves,
            "log_loss",
            "total log loss −L(p)",
            work.loss,
            work.loss_best,
            work,
            f"The total log loss −L(p), the log-likelihood upside down.{low} "
            f"At your p = {p}: {_value_words('−L', work.loss, work)}.",
        )


# Worked maths.


def worked_maths(work: coins.CoinWorking) -> None:
    """The two routes to the best p side by side, under one heading element."""
    st.markdown("### Worked maths, live\n\nTwo routes to the best p, with your numbers.")
    product_rule, logs = st.columns(2)
    with product_rule:
        product_rule_route(work)
    with logs:
        log_route(work)


def _term(coef: int | str, *factors: str) -> str:
    """A product for LaTeX: coefficient 1 and empty factors left out, '1' if nothing is left."""
    parts = [str(coef)] if coef not in (1, "1", "") else []
    parts += [f for f in factors if f]
    return "".join(parts) or "1"


def _g_tex(h: int, t: int) -> str:
    return _term(1, power(P_TEXT, h), power(Q_TEXT, t))


def _g_text(h: int, t: int) -> str:
    """g(p) for a caption, plain text: p^7 (1-p)^3."""
    parts = [
        f"p^{h}" if h > 1 else "p" if h else "",
        f"(1-p)^{t}" if t > 1 else "(1-p)" if t else "",
    ]
    return " ".join(x for x in parts if x) or "1"


def _l_tex(h: int, t: int, p: str = "p", rows: bool = False) -> str:
    """H ln p + T ln(1-p); with rows, the tails' term on an aligned row of its own."""
    terms = []
    if h:
        terms.append(rf"{coefficient(h)}\ln {p}")
    if t:
        terms.append(rf"{coefficient(t)}\ln(1-{p})")
    return (r"\\ &\qquad + " if rows else " + ").join(terms) or "0"


def _l_text(h: int, t: int) -> str:
    """L(p) for a caption, plain text: 7 ln p + 3 ln(1-p)."""
    terms = [
        f"{coefficient(h)} ln p".strip() if h else "",
        f"{coefficient(t)} ln(1-p)".strip() if t else "",
    ]
    return " + ".join(x for x in terms if x) or "0"


def _exact_words(q: Fraction) -> str:
    """An exact p in words: 0.7 where its decimal is exact, 1/3 where it never ends."""
    return numbers.text(q) if numbers.is_exact(q) else f"{q.numerator}/{q.denominator}"


def _zero_words(zeros: coins.DerivativeZeros) -> str:
    """'g′(p) = 0 at p = 0, 0.7, 1' or 'g′(p) is never 0 on [0, 1]'."""
    if not zeros.points:
        return "g′(p) is never 0 on [0, 1]"
    return "g′(p) = 0 at p = " + ", ".join(_exact_words(z) for z in zeros.points)


def _display(expression: str) -> str:
    """A displayed formula inside a markdown block, as st.latex writes it."""
    return f"$$\n{expression}\n$$"


def _write(blocks: list[str]) -> None:
    """Paragraphs and displayed formulas as one markdown element: a slider move then updates
    one element instead of one per line. The worked maths writes two per route, what depends
    on H and T only and what depends on p too, so that moving p retypesets only the second."""
    st.markdown("\n\n".join(blocks))


def _aligned(*rows: str) -> str:
    """Rows of one displayed, aligned formula: one KaTeX formula to typeset instead of several."""
    return _display(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def product_rule_route(work: coins.CoinWorking) -> None:
    """g'(p) by the product rule, factorised, its zeros, and its value at p."""
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    blocks = ["**The product rule on g** (the notes' route)"]
    g_row = rf"g(p) &= {_g_tex(h, t)}"
    at_p: list[str] = []
    if h and t:
        common = _term(1, power(P_TEXT, h - 1), power(Q_TEXT, t - 1))
        common = "" if common == "1" else common + r"\,"
        first = _term(h, power(P_TEXT, h - 1), power(Q_TEXT, t))
        second = _term(1, power(P_TEXT, h)) + r"\cdot " + _term(t, power(Q_TEXT, t - 1))
        substituted = _term(1, power(p, h - 1), power(f"(1-{p})", t - 1))
        bracket = rf"({h} - {work.total}\cdot {p})"
        # Long products (two-digit powers, tiny factors) go on two rows, so that they fit a phone.
        if substituted != "1":
            substituted += _break_if_long(substituted + bracket, r"\,", r"\\ &\quad\cdot ")
        else:
            substituted = ""
        shown = (work.p_power or Fraction(1), work.q_power or Fraction(1), work.bracket)
        sig = _digits_that_give(work.g_prime, list(shown))
        factors = rf"{_factor(shown[0], sig)}\cdot {_factor(shown[1], sig)}"
        last = _factor(shown[2], sig)
        factors += _break_if_long(factors + last, r"\cdot ", r"\\ &\quad\cdot ")
        blocks += [
            _aligned(
                g_row,
                rf"g'(p) &= {first}\\ &\quad + {second}\cdot(-1)",
                rf"&= {common}\bigl({_term(h, Q_TEXT)} - {_term(t, P_TEXT)}\bigr)",
                rf"&= {common}({h} - {_term(work.total, P_TEXT)})",
            ),
            f"The derivative of {_g_text(0, t)} is {t}{_g_text(0, t - 1) if t > 1 else ''}·(−1) "
            "by the chain "
            "rule: that is where the minus sign comes from. "
            f"{_zero_words(work.g_zeros)}; g is 0 at both ends, so the "
            f"maximum is at p = {_exact_words(work.best or Fraction(0))}.",
        ]
        at_p = [
            _aligned(
                rf"g'({p}) &= {substituted}{bracket}",
                rf"&{_rel(*shown, sig=sig)} {factors}{last}",
                rf"&{_result_rel(work.g_prime, *shown, sig=sig)} {numbers.tex(work.g_prime)}",
            ),
        ]
    elif t:
        blocks += [
            _aligned(g_row, rf"g'(p) &= -{_term(t, power(Q_TEXT, t - 1))}"),
            "Negative on all of [0, 1): g only falls, so its maximum is at the left end, "
            f"**p = 0**, where g′ is not zero. {_zero_words(work.g_zeros)}.",
        ]
        at_p = [_display(rf"g'({p}) {numbers.eq_tex(work.g_prime)}")]
    elif h:
        blocks += [
            _aligned(g_row, rf"g'(p) &= {_term(h, power(P_TEXT, h - 1))}"),
            "Positive on all of (0, 1]: g only rises, so its maximum is at the right end, "
            f"**p = 1**, where g′ is not zero. {_zero_words(work.g_zeros)}.",
        ]
        at_p = [_display(rf"g'({p}) {numbers.eq_tex(work.g_prime)}")]
    else:
        blocks.append(_aligned(g_row, r"g'(p) &= 0 \text{ for every } p"))
        at_p = ["No tosses: g is flat, so every p is a maximum."]
    _write(blocks)
    _write(at_p)


def _break_if_long(row: str, joint: str, row_break: str) -> str:
    """`joint`, or `row_break` where the row has more than 24 visible characters (about 300 px
    of formula, with its left-hand side a phone's width)."""
    visible = re.sub(r"\\[a-zA-Z]+|[{}^_ \\,]", "", row)
    return row_break if len(visible) > 24 else joint


def _signed(pieces: list[tuple[str, str]]) -> str:
    """Join (sign, text) pieces: '7 - 3', '-3'."""
    out = ""
    for sign, text in pieces:
        out += (f" {sign} " if out else ("-" if sign == "-" else "")) + text
    return out


def _direction_words(work: coins.CoinWorking) -> str:
    """Which way to move p, from core's exact decision, with the reason the learner can check."""
    p = numbers.text(work.p)
    if work.direction == coins.BEST:
        if work.log_g_prime == 0:
            return f"L′({p}) = 0: this is the best p."
        side = "below 0" if work.p == 0 else "above 1"
        return f"p = {p} is the best p: L keeps rising towards this end, and p cannot go {side}."
    if work.direction == coins.FLAT:
        return "No tosses: L is flat, so no p is better than another."
    rising = work.direction == coins.RAISE
    return (
        f"L′({p}) is {'positive' if rising else 'negative'}: "
        f"{'raise' if rising else 'lower'} p to climb towards the best p."
    )


def _one_side(work: coins.CoinWorking) -> tuple[str, str]:
    """The end the learner's p sits at, as LaTeX and text: p -> 0+ (from above) or p -> 1-."""
    return (r"0^{+}", "0⁺") if work.p == 0 else (r"1^{-}", "1⁻")


def _limit_rows(work: coins.CoinWorking) -> list[str]:
    """At an end where the tosses seen are impossible, ln 0 has no value: L and L' are not
    defined there, and what can be said is their one-sided limits."""
    h, t = work.heads, work.tails
    side, _ = _one_side(work)
    slope = [("+", rf"\frac{{{h}}}{{p}}")] if h else []
    if t:
        slope.append(("-", rf"\frac{{{t}}}{{1-p}}"))
    limit = numbers.tex(work.log_g_prime_limit or 0.0)
    return [
        rf"L(p) &\to -\infty \text{{ as }} p \to {side}",
        rf"L'(p) &= {_signed(slope)}\\ &\to {limit} \text{{ as }} p \to {side}",
    ]


def _limit_words(work: coins.CoinWorking) -> str:
    p = numbers.text(work.p)
    _, side = _one_side(work)
    log = "ln p" if work.p == 0 else "ln(1 − p)"
    rising = work.direction == coins.RAISE
    return (
        f"At p = {p}, {log} = ln 0 has no value: L({p}) and L′({p}) do not exist. The "
        f"{'∞' if rising else '−∞'} above is a one-sided limit, as p → {side} (p approaching "
        f"{p} from {'above' if rising else 'below'}); L′ is {'positive' if rising else 'negative'}"
        f" near {p}, so {'raise' if rising else 'lower'} p."
    )


def _rows_at_p(work: coins.CoinWorking) -> list[str]:
    """L(p) and L'(p) at the learner's p, where both exist."""
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    counts = [c for c in (h, t) if c]
    shown_logs = [log for c, log in ((h, work.log_p), (t, work.log_q)) if c]
    sig = _digits_that_give(work.log_g, shown_logs, counts)
    logs = [
        ("+", rf"{c}\cdot {_factor(log, sig)}" if c != 1 else _factor(log, sig))
        for c, log in zip(counts, shown_logs, strict=True)
    ]
    rows = [rf"L({p}) &= {_l_tex(h, t, p)}"]
    if len(logs) > 1 or h > 1 or t > 1:
        rows.append(rf"&{_rel(*shown_logs, sig=sig)} {_signed(logs)}")
    rows.append(rf"&{_result_rel(work.log_g, *shown_logs, sig=sig)} {numbers.tex(work.log_g)}")
    slope = work.log_g_prime or Fraction(0)
    terms = [
        (sign, count, denominator, term or Fraction(0))
        for sign, count, denominator, term in (
            ("+", h, p, work.head_term),
            ("-", t, f"1-{p}", work.tail_term),
        )
        if count
    ]
    shown_terms = [term for *_, term in terms]
    sig = _digits_that_give(slope, shown_terms, [1 if s == "+" else -1 for s, *_ in terms])
    fractions = [(s, rf"\frac{{{c}}}{{{d}}}") for s, c, d, _ in terms]
    values = [(s, numbers.tex(term, sig)) for s, _, _, term in terms]
    rows.append(rf"L'({p}) &= {_signed(fractions)}")
    if len(values) > 1:
        rows.append(rf"&{_rel(*shown_terms, sig=sig)} {_signed(values)}")
        rows.append(rf"&{_result_rel(slope, *shown_terms, sig=sig)} {numbers.tex(slope)}")
    else:
        rows.append(rf"&{numbers.eq_tex(slope)}")
    return rows


def log_route(work: coins.CoinWorking) -> None:
    """L'(p) = H/p - T/(1-p), solved for p, and its value at p."""
    h, t = work.heads, work.tails
    blocks = ["**Logs first** (the easier route)"]
    # Two rows, so that it fits a phone: ln of the product, then the sum of logs.
    l_row = rf"L(p) &= \ln\bigl({_g_tex(h, t)}\bigr)\\ &= {_l_tex(h, t)}"
    if h and t:
        blocks.append(
            _aligned(
                l_row,
                rf"L'(p) &= \frac{{{h}}}{{p}} - \frac{{{t}}}{{1-p}} = 0",
                rf"&\iff {_term(h, Q_TEXT)} = {_term(t, P_TEXT)}",
                rf"&\iff {h} = {_term(work.total, 'p')}",
                rf"&\iff p = {fraction_tex(work.best or Fraction(0), h, work.total)}",
            )
        )
    elif t:
        blocks += [
            _aligned(l_row, rf"L'(p) &= -\frac{{{t}}}{{1-p}} < 0"),
            "Never zero: L falls all the way, so the best p is the end **p = 0**.",
        ]
    elif h:
        blocks += [
            _aligned(l_row, rf"L'(p) &= \frac{{{h}}}{{p}} > 0"),
            "Never zero: L rises all the way, so the best p is the end **p = 1**.",
        ]
    else:
        _write([*blocks, _display(rf"L(p) = \ln\bigl({_g_tex(h, t)}\bigr) = {_l_tex(h, t)}")])
        _write([_display(r"L(p) = 0 \text{ for every } p")])
        return
    _write(blocks)
    if work.impossible:
        at_p = [_aligned(*_limit_rows(work)), _limit_words(work)]
    else:
        at_p = [_aligned(*_rows_at_p(work)), _direction_words(work)]
    at_p.append(
        "ln is increasing, so L and g peak at the same p; the log loss −L(p) is smallest there."
    )
    _write(at_p)


# The course's three coins.


def three_coins() -> None:
    """P(7 heads then 3 tails) for the course's three coins: the course's figures and exact."""
    figures = coins.course_figures()
    exact = [numbers.text(f.exact, sig=10) for f in figures]
    shown = pd.DataFrame(
        {
            "coin": [f"P(heads) = {numbers.text(f.p)}" for f in figures],
            "the course prints": [f.printed for f in figures],
            "P(7 heads then 3 tails), exact": exact,
        }
    )
    _, half, third = figures
    numbers_table(
        shown,
        caption=f"The course cuts its figures to five decimals, not always the same way: "
        f"0.5¹⁰ = {exact[1]} is {half.how} to {half.printed} (rounded, it would be "
        f"{numbers.text(half.rounded)}), and 0.3⁷·0.7³ = {exact[2]} is {third.how} to "
        f"{third.printed}. The coin with p = 0.7 makes the data likeliest of the three. Your "
        "own coin's numbers, for your H, T and p, are in the game above.",
    )


# Order does not matter.


def _use_counts(heads: int, tails: int) -> None:
    st.session_state["heads"] = heads
    st.session_state["tails"] = tails


def order_box() -> None:
    """The learner types tosses; summed toss by toss in that order, ln P equals the closed form
    k ln p + (n - k) ln(1 - p) from the counts alone, at each of the course's three coins."""
    text = url_text(
        "Your tosses (H for heads, T for tails)",
        "tosses",
        default="HHTHTHHHTH",
        max_chars=200,
        placeholder="e.g. HHTHTHHHTH",
        help=f"Up to {coins.MAX_SEQUENCE_TOSSES} tosses; spaces and commas are ignored.",
    )
    try:
        counted = coins.count_tosses(text)
    except LearnerError as error:
        friendly_error(str(error))
        return
    if not counted.tosses:
        friendly_note("Type some tosses, for example HHTHTHHHTH.")
        return
    h, t, n = counted.heads, counted.tails, len(counted.tosses)
    # The first ten tosses, three to a row under the left-hand side, so that it fits a phone.
    terms = [r"\ln p" if c == "H" else r"\ln(1-p)" for c in counted.tosses[:10]]
    lines = [" + ".join(terms[i : i + 3]) for i in range(0, len(terms), 3)]
    steps = r"\\ &\quad + ".join(lines) + (r" + \dots" if n > 10 else "")
    _write(
        [
            f"You typed **{_tosses(n)}: {h} heads and {t} tails** (n = {n}, k = {h}). "
            "Toss by toss, in your order, the logs of their probabilities add up:",
            _display(
                rf"\begin{{aligned}} &\ln P(\text{{your order}})\\ &= {steps}\\ "
                rf"&= {_l_tex(h, t)}\end{{aligned}}"
            ),
            "Adding logs does not care about order: only the counts matter. At the course's "
            "three coins:",
        ]
    )
    table = coins.order_table(counted.tosses)
    closed_form = f"{h} ln p + {t} ln(1−p)"
    numbers_table(
        pd.DataFrame(
            {
                "coin": [f"P(heads) = {numbers.text(q)}" for q in table["p"]],
                "≈ ln P(your order), toss by toss": [
                    numbers.text(v, 6) for v in table["in your order"]
                ],
                f"≈ k ln p + (n − k) ln(1 − p) = {closed_form}": [
                    numbers.text(v, 6) for v in table["from the counts"]
                ],
            }
        )
    )
    clicked = st.button(
        f"Use {h} heads and {t} tails in the coin game",
        on_click=_use_counts,
        args=(h, t),
        disabled=(h > 100 or t > 100),
    )
    if clicked:
        # The coin game is another fragment: run the whole page, so that it shows the counts.
        st.rerun()


# Towards machine learning.


def bridge_to_ml(work: coins.CoinWorking) -> None:
    """The average log loss per toss is the binary cross-entropy: one element, one formula."""
    h, t, n, p = work.heads, work.tails, work.total, numbers.text(work.p)
    # Rows, so that it fits a phone: the definition in two, then the coin's one p for every toss.
    bce = (
        r"\text{BCE} &= -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i\ln p_i\\ "
        r"&\qquad + (1-y_i)\ln(1-p_i)\bigr]"
    )
    intro = (
        "### The bridge to machine learning\n\n"
        "A classifier predicts its own pᵢ = P(yᵢ = 1) for each example i, from that example's "
        "features, and pays −ln pᵢ when yᵢ = 1 and −ln(1 − pᵢ) when yᵢ = 0. The sum of these is "
        "the total log loss; the **log loss** that libraries report (scikit-learn's `log_loss`, "
        "PyTorch's `BCELoss`) is their **average**, the binary cross-entropy. The coin is the "
        "simplest such model: the same pᵢ = p for every toss (yᵢ = 1 for a head), so the average "
        "is −L(p)/n."
    )
    at = "p" if work.impossible else p  # ln 0 has no value: keep p, and take the limit
    if work.bce is None:
        blocks = [intro, _aligned(bce), "With no tosses (n = 0) there is nothing to average."]
    else:
        blocks = [
            intro,
            _aligned(
                bce,
                rf"&= -\frac{{1}}{{{n}}}\bigl({_l_tex(h, t, at, rows=True)}\bigr)",
                _limit_or_value(work.bce, work),
            ),
            f"At the best p {numbers.eq_text(work.best or 0)} it is smallest: "
            f"BCE {numbers.eq_text(work.bce_best or 0.0)}.",
        ]
    _write(blocks)


# Why logs (1): underflow.


def underflow_controls() -> int:
    return int(
        url_slider(
            "Number of tosses n",
            "n",
            min_value=1,
            max_value=underflow.MAX_TOSSES,
            default=1000,
            step=1,
            help="Each toss has the same probability; multiply them or add their logs.",
        )
    )


SMALLEST = numbers.eq_text(Fraction(underflow.SMALLEST_DOUBLE))


def _superscript(k: int) -> str:
    return str(k).replace("-", "⁻").translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def underflow_study(n: int) -> None:
    """Products in float64 reach 0.0; sums of logs stay finite."""
    results = [underflow.product_versus_logs(q, n) for q in underflow.UNDERFLOW_PROBABILITIES]
    for column, r in zip(st.columns(len(results)), results, strict=True):
        with column:
            p = numbers.text(r.p)
            st.markdown(f"**{r.n} tosses, each of probability {p}**")
            # The float64 product is a binary number: its exact value, not its short repr
            # (2^-1074 reads back from '5e-324', yet it is 4.94... × 10^-324).
            product = "0.0 (underflow)" if r.product == 0 else _about(Fraction(r.product))
            st.metric(f"{p}^{r.n} multiplied in float64", product)
            st.metric(f"sum of logs {r.n}·ln {p}", _about(r.log_sum, 7))
            latex(
                rf"{p}^{{{r.n}}} = e^{{{r.n}\ln {p}}} \approx "
                rf"e^{{{numbers.tex(r.log_sum, 7)}}} \approx {numbers.tex(r.mantissa)}"
                rf"\times 10^{{{r.exponent}}}"
            )
            st.caption(f"The product reaches exactly 0.0 at n = {r.underflows_at}.")
    half, tenth = (underflow.product_versus_logs(q, 1000) for q in (0.5, 0.1))
    st.markdown(
        f"0.5¹⁰⁰⁰ {numbers.eq_text(Fraction(half.product), 2)} still fits in a double; 0.1¹⁰⁰⁰ "
        f"becomes 0.0: the smallest positive float64 is 2⁻¹⁰⁷⁴ {SMALLEST}, and a product "
        f"below half of it is rounded to 0.0. The sum of logs, 1000 ln 0.1 "
        f"{numbers.eq_text(tenth.log_sum, 7)}, is an ordinary number and still tells the size: "
        f"0.1¹⁰⁰⁰ {numbers.eq_text(tenth.mantissa)} × 10{_superscript(tenth.exponent)}."
    )
    # Show tosses 0..max(n, 1100): both underflow points stay in view, and the window grows
    # with the slider. Logs first, so that the solid products are drawn on top of them.
    window = max(n, 1100)
    curves = underflow_curves()
    curves = curves[curves["n"] <= window].sort_values(["method", "p"], ascending=False)
    curves = curves.assign(series=curves["p"].map(numbers.text) + ": " + curves["method"])
    smallest = underflow.SMALLEST_DOUBLE_LOG10
    plot = charts.function_plot(
        curves,
        x="n",
        y="log10",
        series="series",
        x_title="number of tosses n",
        y_title="log₁₀ of the probability",
        colors={
            "0.5: float64 product": charts.COLORS["function"],
            "0.5: sum of logs": charts.COLORS["accent"],
            "0.1: float64 product": charts.COLORS["derivative"],
            "0.1: sum of logs": charts.COLORS["secant"],
        },
        dashed=("0.5: sum of logs", "0.1: sum of logs"),
    )
    # The window is not in the spec (a slider move would then build a new chart): the x scale
    # spans the data exactly, and two invisible points at n = 0 and n = window set its ends.
    plot.spec["encoding"]["x"]["scale"]["nice"] = False
    corners = charts.window_corners((0, window), (smallest, smallest), x="n", y="log10")
    layers = [
        plot,
        corners,
        charts.horizontal_rule(
            smallest,
            label=f"smallest float64, 2⁻¹⁰⁷⁴ {SMALLEST}",
            color=charts.COLORS["muted"],
        ),
        charts.vertical_rule(n, label="your n", color=charts.COLORS["point"]),
    ]
    stops = pd.DataFrame(
        {
            "n": [r.underflows_at for r in results],
            "log10": [smallest] * len(results),
            "where": [f"{numbers.text(r.p)}ⁿ = 0.0 from n = {r.underflows_at}" for r in results],
        }
    )
    layers.append(charts.points(stops, x="n", y="log10", tooltip=["where", "n"]))
    description = (
        f"log10 of p^n against n for p = 0.5 and 0.1. The float64 product (solid) stops at "
        f"n = {results[0].underflows_at} and n = {results[1].underflows_at} (dots on the grey "
        f"line of the smallest float64, {_about(Fraction(underflow.SMALLEST_DOUBLE))}), "
        "where it becomes 0.0; the sum of logs "
        "(dashed) goes on as a straight line."
    )
    charts.show_chart(charts.compose(*layers, description=description, height=300), description)


# Why logs (2): the derivative of a long product.


def _factors(product: str) -> list[str]:
    """The factors of sympy's product: 'p^{6} \\left(1 - p\\right)^{2} ...' at each bracket."""
    return re.split(r" (?=\\left\()", product)


def _rows(pieces: list[str], per_row: int, joint: str = " ") -> list[str]:
    """Pieces, per_row to a row, joined within a row by `joint`."""
    return [joint.join(pieces[i : i + per_row]) for i in range(0, len(pieces), per_row)]


def notes_product_example() -> None:
    """The notes' F(p), its product-rule derivative and its log derivative, same maximiser.
    Each long formula is broken into aligned rows, so that it fits a phone's screen."""
    study = notes_study()
    f_rows = _rows(_factors(study.f_latex), 3)
    latex(r"\begin{aligned} F(p) &= " + r"\\ &\quad\cdot ".join(f_rows) + r"\end{aligned}")
    st.markdown(
        f"**Directly**: the product rule gives {len(study.direct_terms_latex)} terms of five "
        "factors each."
    )
    # Each term of five factors in two rows: three factors, then two.
    term_rows = [
        r"\\ &\qquad\cdot ".join(_rows(_factors(term), 3)) for term in study.direct_terms_latex
    ]
    latex(r"\begin{aligned} F'(p) = {}&" + r"\\ &".join(term_rows) + r"\end{aligned}")
    st.markdown(
        "Solving F′(p) = 0 as it stands means handling numbers near 10⁵⁰⁰, far beyond float64; "
        "halving an interval on the sign of F′ (at 40 digits) finds "
        f"**p {numbers.eq_text(study.maximiser_direct, 6)}**."
    )
    st.markdown("**Logs first**: the product becomes a sum, one short term per factor.")
    log_rows = _rows(list(study.log_terms_latex), 2)
    latex(r"\begin{aligned} \ln F(p) &= " + r"\\ &\quad ".join(log_rows) + r"\end{aligned}")
    derivative_rows = _rows(list(study.log_derivative_terms_latex), 3)
    latex(
        r"\begin{aligned} \frac{d}{dp}\ln F(p) &= "
        + r"\\ &\quad ".join(derivative_rows)
        + r"\end{aligned}"
    )
    # 530p^4 - 4459p^3 + 11303p^2 - 8202p + 720: two rows, broken before the p^2 term's sign.
    numerator = re.split(r" (?=[+-] )", study.log_numerator_latex)
    latex(
        r"\begin{aligned} = 0 \iff {}& "
        + " ".join(numerator[:2])
        + r"\\ &"
        + " ".join(numerator[2:])
        + r" = 0\end{aligned}"
    )
    st.markdown(
        f"Its root in (0, 1): **p {numbers.eq_text(study.maximiser_log, 6)}**, the same maximiser."
    )
