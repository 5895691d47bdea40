"""How the Rules page's sections draw: a displayed formula in aligned rows, a chart with its
text description, a row of metrics, a number as the learner reads it, the question's heading
and the closed "Going further" expander at the end of a section."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from dashboard import charts, numbers
from dashboard.layout import latex
from dashboard.site import registered_pages

ROOT = Path(__file__).resolve().parents[2]


def formula(*lines: str) -> None:
    """A displayed formula, one row per argument aligned at `&` (narrow screens stay
    readable)."""
    if len(lines) == 1:
        latex(lines[0])
    else:
        latex(r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}")


def formulas(*blocks: tuple[str, ...]) -> None:
    """Several displayed formulas that change together, one under the other as formula()
    draws them, in one element: one element to update on a slider move instead of one per
    formula. Each block is a formula's rows, aligned at `&` within the block."""
    rows = [
        lines[0] if len(lines) == 1 else r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
        for lines in blocks
    ]
    latex(r"\begin{gathered}" + r" \\[2em] ".join(rows) + r"\end{gathered}")


def chart(*layers: charts.Layer, description: str, height: int = 320) -> None:
    """Stack the layers on shared axes and draw them with their text description."""
    charts.show_chart(charts.compose(*layers, description=description, height=height), description)


def metrics(*pairs: tuple[str, str]) -> None:
    """The live numbers of a picture, as a row of metrics."""
    for column, (label, value) in zip(st.columns(len(pairs)), pairs, strict=True):
        column.metric(label, value)


def shown(x: object, sig: int = 4) -> str:
    """A metric's value: the number exactly, or '≈ ' and the number rounded to sig digits."""
    return numbers.shown(x, sig)


def factor_tex(x: object) -> str:
    """A number as a factor in LaTeX, in brackets when negative: 2 \\times (-0.1); up to ten
    significant digits, for the exact decimals a slider sets."""
    body = numbers.tex(x, 10)
    return f"({body})" if body.startswith("-") else body


def question_heading() -> None:
    st.markdown("**Check yourself**")


@contextmanager
def going_further(label: str = "Going further") -> Iterator[None]:
    """The closed expander at the end of a section, for what a first reading can skip."""
    with st.expander(f"🔭 {label}", expanded=False):
        yield


def page_link(url_path: str, label: str, query_params: dict[str, str] | None = None) -> None:
    """A link to another page of the app, found by its url_path in dashboard.site, so that it
    follows the page when its script moves (a page link needs the registered script)."""
    spec = next((s for s in registered_pages() if s.url_path == url_path), None)
    if spec is None:
        return
    target = st.Page(str(ROOT / spec.script), title=spec.title, url_path=spec.url_path)
    st.page_link(target, label=label, icon=spec.icon, query_params=query_params)
