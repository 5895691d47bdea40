"""Two ways to write the same derivative, shown side by side for the current example.

Lagrange writes f'(x); Leibniz writes dy/dx = d/dx f(x), which keeps the ratio of a small
change in y to a small change in x in view: the limit of the secant slope Delta y / Delta x.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notation:
    """LaTeX lines for the derivative of y = f(x), in both notations, and its value at x0."""

    lagrange: str
    leibniz: str
    lagrange_at: str
    leibniz_at: str


def latex_number(value: float, digits: int = 6) -> str:
    """A number for LaTeX with `digits` significant digits: 2.5, 2.001, 1 \\times 10^{-12}."""
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def derivative_notation(f_latex: str, derivative_latex: str, x0: float, slope: float) -> Notation:
    """f(x) = ..., f'(x) = ... (Lagrange) and dy/dx = d/dx(...) = ... (Leibniz), also at x = x0."""
    x_text, slope_text = latex_number(x0), latex_number(slope)
    return Notation(
        lagrange=rf"f(x) = {f_latex} \qquad f'(x) = {derivative_latex}",
        leibniz=(
            rf"y = {f_latex} \qquad \frac{{dy}}{{dx}} = \frac{{d}}{{dx}}\left({f_latex}\right)"
            rf" = {derivative_latex}"
        ),
        lagrange_at=rf"f'({x_text}) = {slope_text}",
        leibniz_at=rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {x_text}}} = {slope_text}",
    )
