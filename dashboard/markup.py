"""The one way text from a visitor becomes part of markdown or LaTeX on a page.

Streamlit renders markdown in `st.markdown`, captions, widget labels, help tooltips, alerts
and expander titles, with extras on top of CommonMark: GitHub's tables, strikethrough and
autolinks (`www.x.org`, `a@b.org`), KaTeX between `$` signs, coloured text and backgrounds
(`:red-background[...]`), emoji and icon shortcodes (`:material/home:` fetches a font from
another host), and raw HTML when a page allows it (this app never does). Text a visitor
typed, a link carried, or a file held must reach none of that as markup, so every such text
goes through `markdown_text` (markdown) or `latex_text` (inside a LaTeX `\\text{}`).

`markdown_text` backslash-escapes every ASCII punctuation character. CommonMark allows a
backslash before any of them and shows the character itself, so the learner reads exactly
what was sent, and nothing in it can open a link, an image, code, emphasis, maths, a
directive, a heading, a table, a list or an autolink. Line breaks become spaces (a break
could start a heading or a list), other control characters become `?`, and the text is cut
to a length, with `…` when cut.

Escapes are not enough for GitHub's autolinks: Streamlit's renderer finds `http://…`,
`www.…` and `a@b.org` in the text after the escapes are read. An invisible word joiner
(U+2060) between `:` and `//`, after `@` and between `www` and its dot breaks those patterns
(a shortcode such as `:material/home:` is broken by the escapes alone: Streamlit replaces
shortcodes in the markdown source, where its colons now carry backslashes).
"""

from __future__ import annotations

import re
import string

MAX_SHOWN_CHARS = 80  # a visitor's text is shown back at most this long
MAX_MESSAGE_CHARS = 600  # a message quoting visitor text, at most this long

_MARKDOWN_SPECIAL = frozenset(string.punctuation)  # !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
WORD_JOINER = "\u2060"
_WWW_DOT = re.compile(r"(www)(\.)", re.IGNORECASE)
_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    ":": "{:}",  # st.latex replaces :material/…: and :emoji: shortcodes even inside formulas
}


def plain_text(text: object, *, limit: int = MAX_SHOWN_CHARS) -> str:
    """The text on one line, printable, at most `limit` characters (`…` marks a cut)."""
    raw = str(text)
    flat = "".join(
        " " if ch in "\r\n\t\v\f\u2028\u2029\x85" else (ch if ch.isprintable() else "?")
        for ch in raw[: limit + 1]
    )
    return flat[:limit] + "…" if len(raw) > limit else flat


def markdown_text(text: object, *, limit: int = MAX_SHOWN_CHARS) -> str:
    """`text` as markdown that shows exactly its characters and nothing else.

    For captions, `st.markdown`, labels, tooltips and alerts. `limit` bounds the length
    shown (None-like values are shown as their `str`).
    """
    flat = _WWW_DOT.sub(rf"\1{WORD_JOINER}\2", plain_text(text, limit=limit))
    flat = flat.replace("://", f":{WORD_JOINER}//").replace("@", f"@{WORD_JOINER}")
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in flat)


def message_text(message: object) -> str:
    """A whole message that may quote visitor text (a core error such as "'1,2x' is not a
    number"), as markdown that shows exactly its characters. Core's messages are plain text,
    so escaping all of it changes nothing the learner reads."""
    return markdown_text(message, limit=MAX_MESSAGE_CHARS)


def quoted(text: object, *, limit: int = MAX_SHOWN_CHARS) -> str:
    """`markdown_text` between typographic quotes: “text”, for a value inside a sentence."""
    return f"“{markdown_text(text, limit=limit)}”"


def latex_text(text: object, *, limit: int = MAX_SHOWN_CHARS) -> str:
    """`text` for use inside LaTeX `\\text{...}`: every character LaTeX or KaTeX reads as a
    command, a group or a mode switch is written as the command that prints it."""
    return "".join(_LATEX_ESCAPES.get(ch, ch) for ch in plain_text(text, limit=limit))
