"""How the Log loss page writes its formulas and chains: g(p), L(p), products and sums at the
learner's p, each value from dashboard.numbers, "=" only where the value shown is exact.

A chain such as g'(0.5) = 0.015625·0.25·2 = 0.0078125 or L(0.7) ≈ 7·(−0.3567) + 3·(−1.204)
≈ −6.109 shows factors or terms whose digits really give the result shown (`digits_that_give`).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import streamlit as st

from dashboard import numbers

P_TEXT, Q_TEXT = "p", "(1-p)"


def power(base: str, k: int) -> str:
    """base^k for LaTeX: nothing for k = 0, the bare base for k = 1."""
    if k == 0:
        return ""
    return base if k == 1 else f"{base}^{{{k}}}"


def coefficient(k: int) -> str:
    return "" if k == 1 else str(k)


def term(coef: int | str, *factors: str) -> str:
    """A product for LaTeX: coefficient 1 and empty factors left out, '1' if nothing is left."""
    parts = [str(coef)] if coef not in (1, "1", "") else []
    parts += [f for f in factors if f]
    return "".join(parts) or "1"


def g_tex(h: int, t: int) -> str:
    return term(1, power(P_TEXT, h), power(Q_TEXT, t))


def g_text(h: int, t: int) -> str:
    """g(p) for a caption, in the page's prose notation: p⁷ (1 − p)³."""
    parts = [
        f"p{superscript(h)}" if h > 1 else "p" if h else "",
        f"(1 − p){superscript(t)}" if t > 1 else "(1 − p)" if t else "",
    ]
    return " ".join(x for x in parts if x) or "1"


def l_tex(h: int, t: int, p: str = "p", rows: bool = False) -> str:
    """H ln p + T ln(1-p); with rows, the tails' term on an aligned row of its own."""
    terms = []
    if h:
        terms.append(rf"{coefficient(h)}\ln {p}")
    if t:
        terms.append(rf"{coefficient(t)}\ln(1-{p})")
    return (r"\\ &\qquad + " if rows else " + ").join(terms) or "0"


def l_text(h: int, t: int) -> str:
    """L(p) for a caption, in the page's prose notation: 7 ln p + 3 ln(1 − p)."""
    terms = [
        f"{coefficient(h)} ln p".strip() if h else "",
        f"{coefficient(t)} ln(1 − p)".strip() if t else "",
    ]
    return " + ".join(x for x in terms if x) or "0"


def tosses(count: int) -> str:
    return f"{count} toss" if count == 1 else f"{count} tosses"


def counted(count: int, noun: str) -> str:
    """'1 head', '0 heads', '3 tails': a count with its noun, singular only for 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def one_side(p: Fraction) -> tuple[str, str]:
    """The end p sits at, as LaTeX and text: p -> 0+ (from above) or p -> 1- (from below)."""
    return (r"0^{+}", "0⁺") if p == 0 else (r"1^{-}", "1⁻")


def about(x: object, sig: int = 4) -> str:
    """A value for a metric or a label: '0.7', or '≈ 0.7857' where it is rounded."""
    return ("" if numbers.is_exact(x, sig) else "≈ ") + numbers.text(x, sig)


def exact_words(q: Fraction) -> str:
    """An exact p in words: 0.7 where its decimal is exact, 1/3 where it never ends."""
    return numbers.text(q) if numbers.is_exact(q) else f"{q.numerator}/{q.denominator}"


def factor(x: object, sig: int = 4) -> str:
    """A value as a factor in a product, in LaTeX: negative and e-notation values in brackets,
    so that (4.66 \\times 10^{-35})\\cdot 10 is not read as 4.66 \\times 10^{-35\\cdot 10}."""
    body = numbers.tex(x, sig)
    return f"({body})" if body.startswith("-") or r"\times" in body else body


def rel(*shown: object, sig: int = 4) -> str:
    """'=' when every value shown is exact, else '\\approx' (for a row of a chain)."""
    return "=" if all(numbers.is_exact(x, sig) for x in shown) else r"\approx"


def result_rel(result: object, *shown: object, sig: int = 4) -> str:
    """The relation before a chain's result: '=' only when the result is printed exactly and
    the factors or terms before it were too (or the result is exactly 0 from a 0 shown)."""
    exact_before = rel(*shown, sig=sig) == "=" or (result == 0 and any(x == 0 for x in shown))
    return "=" if numbers.is_exact(result) and exact_before else r"\approx"


def _shown(x: object, sig: int) -> Fraction:
    """The value the learner reads for x at sig digits: exact, or rounded as `numbers` does."""
    return numbers.exact_value(x if numbers.is_exact(x, sig) else numbers.round_sig(x, sig))


def digits_that_give(result: object, values: list, weights: list[int] | None = None) -> int:
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


def break_if_long(row: str, joint: str, row_break: str, width: int = 24) -> str:
    """`joint`, or `row_break` where the row has more than `width` visible characters (24: about
    300 px of formula, with its left-hand side a phone's width)."""
    return row_break if len(_visible(row)) > width else joint


def pack(pieces: list[str], joint: str, row_break: str, width: int = 20) -> str:
    """Pieces joined by `joint`, starting a new aligned row (`row_break`) wherever the row would
    pass `width` visible characters: a phone's width in the narrowest box (an expander)."""
    out, row = "", ""
    for piece in pieces:
        if row and len(_visible(row + piece)) > width:
            out, row = out + row_break, ""
        elif row:
            out += joint
        out += piece
        row += piece
    return out


def _visible(row: str) -> str:
    return re.sub(r"\\[a-zA-Z]+|[{}^_ \\,]", "", row)


def signed(pieces: list[tuple[str, str]]) -> str:
    """Join (sign, text) pieces: '7 - 3', '-3'."""
    out = ""
    for sign, text in pieces:
        out += (f" {sign} " if out else ("-" if sign == "-" else "")) + text
    return out


def display(expression: str) -> str:
    """A displayed formula inside a markdown block, as st.latex writes it."""
    return f"$$\n{expression}\n$$"


def aligned(*rows: str) -> str:
    """Rows of one displayed, aligned formula: one KaTeX formula to typeset instead of several."""
    return display(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def write(blocks: list[str]) -> None:
    """Paragraphs and displayed formulas as one markdown element: a slider move then updates
    one element instead of one per line."""
    st.markdown("\n\n".join(blocks))


def superscript(k: int) -> str:
    return str(k).replace("-", "⁻").translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
