"""Page furniture: the header with its learning goal, prompts, worked maths, quizzes.

Every page follows one rhythm: a question from the notes, a picture the learner can move,
the same numbers worked out live, and "check yourself". These pieces give that rhythm
one look across the app.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from dashboard.controls import share_link


def page_header(title: str, goal: str, try_this: str | None = None) -> None:
    """The page title, the learning goal in one sentence, a share link and a first prompt."""
    st.title(title)
    left, right = st.columns([4, 1], vertical_alignment="center")
    with left:
        st.markdown(f"**Goal.** {goal}")
    with right:
        share_link()
    if try_this:
        _try_this_box(try_this)


def _try_this_box(text: str) -> None:
    st.info(f"**Try this.** {text}", icon="👉")


def try_this(text: str) -> None:
    """A short, concrete suggestion of what to move and what to watch."""
    _try_this_box(text)


def section(title: str, intro: str | None = None) -> None:
    """A numbered-feeling section heading with an optional one-line introduction."""
    st.header(title, divider="gray")
    if intro:
        st.markdown(intro)


@contextmanager
def show_maths(label: str = "Show the maths", expanded: bool = False) -> Iterator[None]:
    """An expander holding the worked derivation with the current numbers."""
    with st.expander(f"🧮 {label}", expanded=expanded):
        yield


@contextmanager
def check_yourself(intro: str | None = None) -> Iterator[None]:
    """The 'Check yourself' block that closes each page."""
    st.header("Check yourself", divider="gray")
    if intro:
        st.markdown(intro)
    yield


def _feedback(correct: bool, message: str) -> None:
    for prefix in ("Not quite.", "Not quite:", "Not quite", "Right.", "Right:", "Correct."):
        message = message.removeprefix(prefix).lstrip()
    if correct:
        st.success(f"**Right.** {message}", icon="✅")
    else:
        st.warning(f"**Not quite.** {message}", icon="🤔")


def quiz_choice(
    key: str,
    question: str,
    options: list[str],
    answer: int,
    explanation: str,
    hints: dict[int, str] | None = None,
) -> None:
    """A multiple-choice question with instant feedback and an explanation.

    `answer` is the index of the right option; `hints` maps a wrong option's index to a
    sentence about why a learner might pick it (e.g. a slip in the notes).
    """

    @st.fragment
    def _question() -> None:
        choice = st.radio(question, options, index=None, key=f"quiz_{key}")
        if choice is None:
            return
        picked = options.index(choice)
        if picked == answer:
            _feedback(True, explanation)
        else:
            hint = (hints or {}).get(picked, "")
            _feedback(False, f"{hint} {explanation}".strip())

    with st.container(border=True):
        _question()


def parse_learner_number(text: str) -> float | None:
    """A number typed by a learner: accepts `1,5` and `1.5`, rejects non-finite values."""
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def quiz_number(
    key: str,
    question: str,
    answer: float,
    *,
    tolerance: float,
    explanation: str,
    unit: str = "",
) -> None:
    """A question answered with a number, accepted within `tolerance` of the answer."""

    @st.fragment
    def _question() -> None:
        text = st.text_input(
            question, key=f"quiz_{key}", placeholder=f"a number{f' in {unit}' if unit else ''}"
        )
        if not text:
            return
        value = parse_learner_number(text)
        if value is None:
            st.warning("Type a number, for example `2.5`.", icon="✏️")
            return
        _feedback(abs(value - answer) <= tolerance, explanation)

    with st.container(border=True):
        _question()


def quiz_expression(
    key: str,
    question: str,
    check: Callable[[str], tuple[bool, str]],
    explanation: str,
) -> None:
    """A question answered with a typed expression; `check` decides and explains."""

    @st.fragment
    def _question() -> None:
        text = st.text_input(question, key=f"quiz_{key}", max_chars=200, placeholder="e.g. 2*x")
        if not text:
            return
        correct, message = check(text)
        _feedback(correct, f"{message} {explanation}".strip() if correct else message)

    with st.container(border=True):
        _question()


def friendly_error(message: str) -> None:
    """A problem the learner can fix, said plainly (never a traceback)."""
    st.error(message, icon="✋")


def friendly_note(message: str) -> None:
    """A side remark: an edge case, a limit that was applied."""
    st.info(message, icon="💡")


def verdict(message: str, kind: str = "success") -> None:
    """The one-line conclusion of a picture."""
    show = {"success": st.success, "info": st.info, "warning": st.warning}.get(kind, st.info)
    show(message)


def latex(expression: str) -> None:
    """A displayed formula."""
    st.latex(expression)


TABLE_ROWS = 30


def numbers_table(frame: pd.DataFrame, caption: str | None = None) -> None:
    """A small table of numbers, without the index column.

    Up to TABLE_ROWS rows it is a plain table, beyond that a scrolling grid. The grid draws
    on a canvas and refreshes its accessible copy of the cells 100-200 ms after each change,
    which added that much to every slider move of a page with a table beside its chart.
    """
    if len(frame) <= TABLE_ROWS:
        st.table(frame, hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, width="stretch")
    if caption:
        st.caption(caption)
