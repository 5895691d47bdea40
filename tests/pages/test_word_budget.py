"""Pages a learner can absorb (issue 17): at most 550 visible words per lesson page.

Each lesson page is opened at its defaults and the words a learner sees without opening
anything are counted: markdown, captions, titles and headers, plain text, alert boxes,
metric labels, widget labels, radio (quiz) options, the chosen option of a drop-down, and the
labels of expanders, tabs and popovers. Not counted: charts, LaTeX (st.latex and $…$ / $$…$$
inside markdown), tables and dataframes, code, numbers (a word has a letter in it), and what
sits in a closed expander, a closed popover or a tab other than the first. An expander is
closed unless the page passed expanded=True (its proto's `expanded` field).

`pytest -s` prints each page's count; the assertion message gives it too.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from tests.pages.helpers import open_page
from tests.pages.page_text import shown

BUDGET = 550
# a touch unit's picture (legend, ticks, point labels) is a chart: not counted as prose
UNCOUNTED = {"latex", "code", "table", "dataframe", "touch picture"}
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$")
MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|:[a-z_]+\[|[*_`#>|\[\]]")
WORD = re.compile(r"\S*[^\W\d_]\S*")  # a token with at least one letter

LESSONS = [spec for spec in registered_pages() if not spec.default]


def words(text: str) -> list[str]:
    """The words a reader sees in one piece of markdown or text: no formulas, no markup."""
    text = DISPLAY_MATH.sub(" ", text)
    text = INLINE_MATH.sub(" ", text)
    text = MARKUP.sub(" ", text)
    return WORD.findall(text)


def visible_words(at) -> tuple[int, dict[str, int]]:
    """(total, words by element kind) visible at first sight in the main area."""
    by_kind: dict[str, int] = {}
    for piece in shown(at):
        if piece.folded or piece.kind in UNCOUNTED:
            continue
        count = len(words(piece.text))
        by_kind[piece.kind] = by_kind.get(piece.kind, 0) + count
    return sum(by_kind.values()), by_kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The **best** p is $p = 0.7$: see [the notes](https://x.org).", 7),
        ("$$\nL(p) = 7 \\ln p\n$$\nso 3 of 10 tails", 3),
        ("Costs 25 £ at 1,000 steps", 3),
        ("<span style='color:red'>red</span> words", 2),
        (":blue[coloured] text", 2),
    ],
)
def test_words_skip_formulas_markup_and_numbers(text, expected):
    assert len(words(text)) == expected, words(text)


FOLDING = """
import streamlit as st
st.title("Seen title")
st.markdown("one two three $x^2$")
with st.expander("Going further"):
    st.markdown("hidden words here")
with st.expander("Open one", expanded=True):
    st.markdown("open words")
first, second = st.tabs(["First", "Second"])
with first:
    st.markdown("first tab words")
with second:
    st.markdown("second tab words")
with st.popover("Share"):
    st.markdown("popover words")
st.radio("Quiz question?", ["yes", "no"], index=None, label_visibility="collapsed")
st.latex(r"\\text{not counted}")
st.selectbox("Pick", ["alpha", "beta"], index=1)
st.table({"column": ["cell words"]})
"""


def test_only_what_is_seen_at_first_counts():
    at = AppTest.from_string(FOLDING).run()
    total, by_kind = visible_words(at)
    # title 2, markdown 3 + 2 + 3, expander labels 2 + 2, tab labels 2, popover 1,
    # radio options 2 (its label is collapsed), selectbox label 1 and its chosen option 1
    assert total == 21, by_kind
    assert "hidden" not in str(by_kind)


@pytest.mark.parametrize("spec", LESSONS, ids=[spec.url_path for spec in LESSONS])
def test_lesson_page_shows_at_most_550_words_at_its_defaults(spec):
    at = open_page(spec.script)
    assert not at.exception, [e.message for e in at.exception]
    total, by_kind = visible_words(at)
    report = f"{spec.title}: {total} visible words (budget {BUDGET}); by kind {by_kind}"
    print(report)
    assert total <= BUDGET, report
