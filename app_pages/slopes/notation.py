"""Part of section 2: two ways to write the derivative, for the function and point chosen."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.secant_pictures import SecantPicture
from dashboard import layout, numbers


def _two_lines(first: str, second: str) -> str:
    """Two displayed formulas, one under the other, in one formula element."""
    lines = rf"\displaystyle {first} \\[1em] \displaystyle {second}"
    return rf"\begin{{gathered}} {lines} \end{{gathered}}"


def frame() -> tuple[DeltaGenerator, DeltaGenerator]:
    """The heading and each column's line of text, which never change (drawn outside the
    live unit, so that a move of x0 does not redraw them); the two places for the formulas."""
    st.subheader("Two ways to write the derivative")
    left, right = st.columns(2)
    with left:
        st.markdown("**Lagrange:** a prime on the function's name.")
        lagrange = st.container()
    with right:
        st.markdown("**Leibniz:** the limit of Δy/Δx, written dy/dx.")
        leibniz = st.container()
    return lagrange, leibniz


def draw(picture: SecantPicture, places: tuple[DeltaGenerator, DeltaGenerator]) -> None:
    """Lagrange's f'(x) and Leibniz's dy/dx side by side (in the places `frame` made), each
    also at x0."""
    ex = picture.example
    at = numbers.tex(picture.view.x0)
    if picture.limit is None:
        lagrange_at = rf"f'({at})\ \text{{does not exist}}"
        leibniz_at = rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {at}}}\ \text{{does not exist}}"
    else:
        value = numbers.eq_tex(picture.limit, 10)
        lagrange_at = rf"f'({at}) {value}"
        leibniz_at = rf"\left.\frac{{dy}}{{dx}}\right|_{{x = {at}}} {value}"
    lagrange = rf"f(x) = {ex.latex} \qquad f'(x) = {ex.derivative_latex}"
    leibniz = (
        rf"y = {ex.latex} \qquad \frac{{dy}}{{dx}} = \frac{{d}}{{dx}}\left({ex.latex}\right)"
        rf" = {ex.derivative_latex}"
    )
    left, right = places
    with left:
        layout.latex(_two_lines(lagrange, lagrange_at))
    with right:
        layout.latex(_two_lines(leibniz, leibniz_at))
