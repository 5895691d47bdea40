"""Page furniture: the header with its learning goal, prompts, worked maths, quizzes.

Every page follows one rhythm: a question from the notes, a picture the learner can move,
the same numbers worked out live, and "check yourself". These pieces give that rhythm
one look across the app.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import touch
from dashboard.browser import browser_store, live_share_link, rejoin_after_reconnect
from dashboard.markup import message_text


def page_header(
    title: str, goal: str, try_this: str | None = None, *, touch_units: bool = True
) -> None:
    """The page title, the learning goal in one sentence, a share link and a first prompt.
    `touch_units`: the page has touch units, so KaTeX comes once, here (273 kB: a page without
    any, the home page, says False)."""
    st.title(title)
    left, right = st.columns([4, 1], vertical_alignment="center")
    with left:
        st.markdown(f"**Goal.** {goal}")
    with right:
        share_link()
        rejoin_after_reconnect()
        if touch_units:
            touch.katex_for_the_page()
    _load_kept_answers()
    if try_this:
        _try_this_box(try_this)


def share_link() -> None:
    """'Link to this view': the address bar as it is now (read in the browser, so it follows
    every move, inside a fragment or not), ready to copy."""
    with st.popover("🔗 Link to this view", help="Every control is stored in the address bar."):
        st.markdown(
            "Every slider and choice on this page is kept in the address bar. "
            "Copy this link to share exactly what you see:"
        )
        live_share_link()


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


def _without_verdict(message: str) -> str:
    for prefix in ("Not quite.", "Not quite:", "Not quite", "Right.", "Right:", "Correct."):
        message = message.removeprefix(prefix).lstrip()
    return message


def _feedback(correct: bool, message: str) -> None:
    message = _without_verdict(message)
    if correct:
        st.success(f"**Right.** {message}", icon="✅")
    else:
        st.warning(f"**Not quite.** {message}", icon="🤔")


_KEPT = "_kept_answers"


def _load_kept_answers() -> None:
    """Once per page run, before its questions: ask the browser for this page's stored answers
    (it reports only when there are some, or when it cannot store anything)."""
    page = st.session_state.get("_page", "")
    report = browser_store("store_load", "load", page=page)
    if report is None:
        return
    if not report.get("available", False):
        if not st.session_state.get("_storage_note_shown"):
            st.session_state["_storage_note_shown"] = True
            st.toast(
                "This browser does not let the app keep your answers (a private window, or "
                "storage blocked), so they will be forgotten when you leave. Everything else "
                "works as usual.",
                icon="💾",
            )
        return
    st.session_state[_KEPT] = (report.get("stored") or {}).get(page) or {}


def _restore_answer(key: str, widget_key: str, grade: Callable[[Any], bool | None]) -> None:
    """Before a question's widget: an answer stored in the learner's browser on an earlier
    visit fills the question once, if it is not answered in this session yet and the stored
    answer is still a valid answer to it."""
    done = f"_restored_{widget_key}"
    kept = st.session_state.get(_KEPT, {}).get(key)
    if st.session_state.get(done) or not isinstance(kept, dict):
        return
    st.session_state[done] = True
    earlier = kept.get("answer")
    unanswered = st.session_state.get(widget_key) in (None, "")
    if unanswered and earlier is not None and grade(earlier) is not None:
        st.session_state[widget_key] = earlier


def _save_answer(
    key: str, widget_key: str, value: Any, grade: Callable[[Any], bool | None]
) -> None:
    """After a question's widget: keep its answer, and whether it was right, in the learner's
    browser. Always mounted (with nothing to save before an answer), so the question's
    elements keep their places; saving costs no rerun."""
    right = grade(value) if value not in (None, "") else None
    answers = {key: {"answer": value, "right": right}} if right is not None else None
    page = st.session_state.get("_page", "")
    browser_store(f"store_{widget_key}", "save", page=page, answers=answers)


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
    sentence about why a learner might pick it (e.g. a slip in the notes). The answer is kept
    in the learner's browser (see `_save_answer`).
    """
    widget_key = f"quiz_{key}"

    def grade(value: Any) -> bool | None:
        return value == options[answer] if value in options else None

    @st.fragment
    def _question() -> None:
        _restore_answer(key, widget_key, grade)
        st.markdown(question)
        choice = st.radio(
            plain_label(question),
            options,
            index=None,
            key=widget_key,
            label_visibility="collapsed",
        )
        _save_answer(key, widget_key, choice, grade)
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


def plain_label(text: str) -> str:
    """A question as plain words for a screen reader: LaTeX between $ signs loses its markup
    (`What is the derivative of $f(x) = e^{2x}$?` -> `What is the derivative of f(x) = e^2x?`)."""
    words = re.sub(r"\\[a-zA-Z]+", " ", text)
    words = words.replace("$", "").replace("{", "").replace("}", "").replace("**", "")
    return re.sub(r"\s+", " ", words).strip()


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
    """A question answered with a number, accepted within `tolerance` of the answer (kept in
    the learner's browser, see `_save_answer`)."""
    widget_key = f"quiz_{key}"

    def grade(value: Any) -> bool | None:
        number = parse_learner_number(value) if isinstance(value, str) else None
        return None if number is None else abs(number - answer) <= tolerance

    @st.fragment
    def _question() -> None:
        _restore_answer(key, widget_key, grade)
        text = st.text_input(
            question,
            key=widget_key,
            max_chars=100,  # Streamlit cuts longer values: a session keeps no 1 MB answer
            placeholder=f"a number{f' in {unit}' if unit else ''}",
        )
        _save_answer(key, widget_key, text, grade)
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
    """A question answered with a typed expression; `check` decides and explains (the answer
    is kept in the learner's browser, see `_save_answer`)."""
    widget_key = f"quiz_{key}"

    def grade(value: Any) -> bool | None:
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            return None
        return check(value)[0]

    @st.fragment
    def _question() -> None:
        _restore_answer(key, widget_key, grade)
        text = st.text_input(question, key=widget_key, max_chars=200, placeholder="e.g. 2*x")
        _save_answer(key, widget_key, text, grade)
        if not text:
            return
        correct, message = check(text)
        message = message_text(_without_verdict(message))  # it may quote the learner's text
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
