"""Text a visitor sent never becomes markup (issue 19, defect 3).

Every markdown body that shows visitor text is read back the way CommonMark reads it: a
backslash before ASCII punctuation shows that character and nothing else; any other ASCII
punctuation is markup (a link, an image, code, maths, a directive, emphasis...). The visitor's
characters must all be escaped, and reading the escapes back must give the text itself.
The real rendering, in Chromium, is tests/browser/test_hostile_markup.py.
"""

from __future__ import annotations

import string

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.markup import WORD_JOINER, latex_text, markdown_text, plain_text, quoted
from tests.pages.helpers import ROOT

PUNCTUATION = set(string.punctuation)

# The payloads, then others that reach markup in Streamlit's renderer.
PAYLOADS = [
    "x`![](http://127.0.0.1:9/p.svg)`x",
    "[LOG IN AGAIN](//example.invalid/l)",
    r"$\rule{300em}{300em}$",
    ":red-background[**HACKED**]",
    ":material/home: :smile:",
    "www.example.invalid/x and http://example.invalid/y and a@example.invalid",
    "<img src=x onerror=alert(1)>",
    "# Heading",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "**bold** _it_ ~~strike~~",
    "&lt;b&gt; &#96;",
    "$$x$$ and \\(x\\)",
    "> quoted\n1. listed\n- item",
    "[x]: http://example.invalid\n\n[x]",
    "line one\r\nline two\u2028three\x00\x1b[31m",
    "\\`not code\\`",
]


def read_back(markdown: str) -> tuple[str, list[str]]:
    """What CommonMark shows for `markdown` outside any markup (without the invisible word
    joiners that break autolinks), and the punctuation it would read as markup (any ASCII
    punctuation without a backslash before it)."""
    markdown = markdown.replace(WORD_JOINER, "")
    shown: list[str] = []
    markup: list[str] = []
    i = 0
    while i < len(markdown):
        ch = markdown[i]
        if ch == "\\" and i + 1 < len(markdown) and markdown[i + 1] in PUNCTUATION:
            shown.append(markdown[i + 1])
            i += 2
            continue
        if ch in PUNCTUATION:
            markup.append(ch)
        shown.append(ch)
        i += 1
    return "".join(shown), markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_escapes_every_markup_character_and_reads_back_as_the_text(
    payload: str,
) -> None:
    escaped = markdown_text(payload, limit=500)
    shown, markup = read_back(escaped)
    assert markup == [], f"unescaped markup characters {markup} in {escaped!r}"
    expected = "".join(
        " " if ch in "\r\n\u2028" else (ch if ch.isprintable() else "?") for ch in payload
    )
    assert shown == expected
    assert "\n" not in escaped and "\r" not in escaped


def test_autolink_patterns_are_broken_by_a_word_joiner() -> None:
    # GitHub autolinks are found in the text after escapes are read: http://, www., a@b.
    escaped = markdown_text("see www.example.org, http://example.org and a@example.org")
    shown = escaped.replace("\\", "")
    assert "www." not in shown and "://" not in shown and "a@e" not in shown
    assert f"www{WORD_JOINER}." in shown and f":{WORD_JOINER}//" in shown


def test_long_text_is_cut_with_an_ellipsis_and_never_inside_an_escape() -> None:
    text = "`" * 100
    escaped = markdown_text(text, limit=10)
    assert escaped == "\\`" * 10 + "…"
    assert plain_text("abc", limit=10) == "abc"
    assert quoted("a*b") == "“a\\*b”"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_latex_text_leaves_no_command_group_or_math_shift(payload: str) -> None:
    tex = latex_text(payload, limit=500)
    # Every backslash starts one of the printing commands, every brace belongs to one of them
    # or is escaped, and no $ opens maths.
    rest = tex
    for command in (r"\textbackslash{}", r"\textasciicircum{}", r"\textasciitilde{}"):
        rest = rest.replace(command, "")
    for escaped in (r"\{", r"\}", r"\$", r"\&", r"\#", r"\%", r"\_", "{:}"):
        rest = rest.replace(escaped, "")
    assert not set(rest) & set("\\{}$&#%_^~:"), rest


def run_app(payload: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "tests/pages/apps/user_text_app.py"), default_timeout=30)
    at.session_state["payload"] = payload
    return at.run()


@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_every_place_of_the_test_page_shows_the_payload_escaped(payload: str) -> None:
    at = run_app(payload)
    assert not at.exception
    bodies = [m.value for m in at.markdown if m.value != "inside"] + [c.value for c in at.caption]
    bodies += [e.value for e in at.error] + [at.checkbox(key="box").label]
    bodies += [at.checkbox(key="box").help, at.expander[0].label]
    for body in bodies:
        _, markup = read_back(body.split(" ", 1)[1])
        # the page's own words around the payload use only these
        assert set(markup) <= {"(", ")", ",", "."}, (body, markup)


CONTROLS_APP = str(ROOT / "tests/pages/apps/controls_app.py")


@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_a_rejected_link_value_is_shown_back_escaped_in_the_note(payload: str) -> None:
    at = AppTest.from_file(CONTROLS_APP, default_timeout=30)
    at.query_params["t"] = payload
    at.run()
    assert not at.exception
    notes = [c.value for c in at.caption if c.value.startswith("🔗")]
    assert notes, "the page says the link asked for something it could not show"
    note = notes[0]
    inside = note[note.index("“") + 1 : note.index("”")]
    shown, markup = read_back(inside)
    assert markup == [], f"{note!r} leaves {markup} unescaped"
    assert payload.startswith(shown.rstrip("…"))


def test_a_core_message_quoting_the_learner_is_shown_exactly() -> None:
    from core import cost
    from core.errors import LearnerError
    from dashboard.markup import message_text

    with pytest.raises(LearnerError) as refused:
        cost.parse_lines("1, x`![](http://127.0.0.1:9/p.svg)`x")
    message = str(refused.value)
    shown, markup = read_back(message_text(message))
    assert markup == [] and shown == message


# --- every page's typed text, through a link -----------------------------------------------
# A link's text reaches the same code as typing it. Raw, these substrings would be markup.
RAW_MARKUP = ("`![](", "](//", "$\\rule", ":red-background[", "**HACKED**")
TYPED_VIEWS = [
    ("app_pages/cost_functions/page.py", {}, "lines"),
    ("app_pages/log_loss/page.py", {}, "tosses"),
    ("app_pages/rules/page.py", {}, "f"),
    ("app_pages/non_differentiability/page.py", {"case": "custom"}, "f"),
]


def drawn_bodies(at: AppTest) -> list[str]:
    """Every markdown body the page drew: text, captions, alerts, labels and tooltips."""
    bodies = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in ("error", "warning", "info", "success"):
        bodies += [a.value for a in at.get(kind)]
    for kind in ("text_input", "slider", "radio", "checkbox", "select_slider", "selectbox"):
        for widget in at.get(kind):
            bodies += [widget.label, getattr(widget, "help", None) or ""]
    return bodies


@pytest.mark.parametrize(("script", "params", "key"), TYPED_VIEWS)
@pytest.mark.parametrize("payload", PAYLOADS[:4])
def test_typed_text_from_a_link_never_becomes_markup(
    script: str, params: dict[str, str], key: str, payload: str
) -> None:
    from tests.pages.helpers import open_page

    at = open_page(script, {**params, key: payload})
    assert not at.exception
    for body in drawn_bodies(at):
        for raw in RAW_MARKUP:
            assert raw not in body, (script, body[:200])


@pytest.mark.parametrize("payload", ["x`![](//example.invalid/p.svg)`", ":red-background[x]**"])
def test_a_typed_answer_is_shown_back_escaped(payload: str) -> None:
    from tests.pages.helpers import open_page

    at = open_page("app_pages/rules/page.py", {"rule": "product"})
    at.text_input(key="quiz_product").set_value(payload).run()
    assert not at.exception
    said = [w.value for w in at.warning] + [s.value for s in at.success]
    assert said, "the answer was judged"
    for body in said:
        for raw in (*RAW_MARKUP, "`![", ":red-background[x]"):
            assert raw not in body, body


def test_no_page_renders_raw_html() -> None:
    # Markup from a visitor is only dangerous as long as nothing renders HTML: keep it so.
    sources = [ROOT / "streamlit_app.py"] + sorted((ROOT / "app_pages").rglob("*.py"))
    sources += sorted((ROOT / "dashboard").rglob("*.py"))
    for path in sources:
        code = path.read_text()
        for banned in ("unsafe_allow_html", "st.html(", "components.v1"):
            assert banned not in code, f"{path.relative_to(ROOT)} uses {banned}"
