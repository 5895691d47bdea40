"""The learner's progress along the path: questions answered and right, page by page.

The answers live in the learner's own browser (dashboard/browser.py, `localStorage`), never on
the server. A page's questions are the quiz calls in its folder (`quiz_choice`, `quiz_number`,
`quiz_expression` with a literal key), read from the source once, so the totals follow the
pages without a list to keep by hand; a test checks them against the questions a page shows.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.browser import browser_store
from dashboard.site import PageSpec, registered_pages

ROOT = Path(__file__).resolve().parents[1]
QUIZ_CALLS = ("quiz_choice", "quiz_number", "quiz_expression")


@cache
def page_questions(script: str) -> tuple[str, ...]:
    """The keys of the questions a page asks, in source order: every quiz call with a literal
    key in the page's folder (app_pages/<page>/*.py) or, for a one-file page, its script."""
    path = ROOT / script
    files = sorted(path.parent.glob("*.py")) if path.name == "page.py" else [path]
    keys: list[str] = []
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in QUIZ_CALLS and isinstance(first, ast.Constant):
                keys.append(str(first.value))
    return tuple(keys)


@dataclass(frozen=True)
class PageProgress:
    """How far the learner is on one page."""

    spec: PageSpec
    total: int
    answered: int
    right: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.answered >= self.total


def path_progress(stored: dict[str, Any]) -> list[PageProgress]:
    """Per lesson page: its questions, how many the stored answers cover, how many were right.
    Answers to questions a page no longer asks are not counted."""
    rows = []
    for spec in registered_pages():
        if spec.default:
            continue
        keys = page_questions(spec.script)
        mine = stored.get(spec.url_path) or {}
        records = [mine[k] for k in keys if isinstance(mine.get(k), dict)]
        right = sum(1 for r in records if r.get("right") is True)
        rows.append(PageProgress(spec, len(keys), len(records), right))
    return rows


def continue_with(rows: list[PageProgress]) -> PageProgress | None:
    """The first page of the path with a question not yet answered (None when all are)."""
    return next((row for row in rows if not row.done), None)


def show_progress() -> None:
    """Home's view of the path: each page with answered / right / total, where to continue,
    and a button that forgets everything stored in this browser."""
    clearing = st.session_state.pop("_forget_progress", False)
    report = browser_store("store_home", "clear" if clearing else "all")
    if report is not None and not report.get("available", False):
        st.caption(
            "This browser does not let the app keep your answers (a private window, or storage "
            "blocked): your progress is not kept here. Everything else works as usual."
        )
        return
    rows = path_progress((report or {}).get("stored") or {})
    for row in rows:
        mark = "✅" if row.done else ("🟡" if row.answered else "⚪")
        # The counts come first in the link, so a phone (which cuts a long link to one line)
        # still shows them; the page's summary follows as a caption.
        st.page_link(
            row.spec.script,
            label=f"{mark} **{row.spec.title}**: {row.answered}/{row.total} answered, "
            f"{row.right} right",
            icon=row.spec.icon,
        )
        st.caption(row.spec.summary)
    nxt = continue_with(rows)
    if nxt is None:
        st.success("Every question on the path is answered. Well done.")
    elif nxt.answered or any(row.answered for row in rows):
        st.markdown(f"**Continue with:** {nxt.spec.title}.")
    st.caption(
        "Your answers are kept in this browser only (its local storage), so they are here "
        "when you come back; nothing is sent to the server or anywhere else."
    )
    if st.button("Forget my progress", help="Removes the answers stored in this browser."):
        st.session_state["_forget_progress"] = True
        st.rerun()
