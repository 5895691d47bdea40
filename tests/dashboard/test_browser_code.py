"""The JavaScript the app ships to the learner's browser runs no text as code and writes no
visitor text as markup.

tests/core/test_architecture.py checks the Python side (no eval, exec, sympify or parse_expr
call in an app file). This is the same rule for what runs in the browser: the vendored KaTeX
(dashboard/vendor/katex/katex.min.js) and the app's own inline modules (dashboard/browser.py,
dashboard/touch.py, dashboard/touch_js.py).

KaTeX's minified code contains the letters "exec(" six times: each is RegExp.prototype.exec,
a regular expression matched against a string (`/…/i.exec(e)`, `this.tokenRegex.exec(e)`
with `tokenRegex = new RegExp(…)`), which runs no code. The test proves each receiver is a
regular expression rather than trusting a list of counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import browser, touch, touch_js

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "dashboard" / "vendor" / "katex" / "katex.min.js"
OWN = {
    "browser.share": browser._SHARE_JS,
    "browser.store": browser._STORE_JS,
    "touch.at": touch._AT_JS,
    "touch.unit": touch_js.JS,
}
SHIPPED = {"katex": KATEX.read_text(encoding="utf-8"), **OWN}

# Ways JavaScript turns a string into code.
RUNS_TEXT = {
    "eval": re.compile(r"(?<![\w$.])eval\s*\("),
    "Function constructor": re.compile(r"(?<![\w$.])(?:new\s+)?Function\s*\("),
    "timer with a string": re.compile(r"set(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "document.write": re.compile(r"document\.write"),
    "dynamic import": re.compile(r"(?<![\w$.])import\s*\("),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
# Ways to write markup into the page; the unit's only one is KaTeX's output (below).
WRITES_MARKUP = re.compile(r"\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|\.srcdoc\s*=")
# Ways to reach another host (the pages fetch nothing anywhere; browser tests check it too).
REACHES_OUT = re.compile(r"(?<![\w$.])(?:fetch|XMLHttpRequest|WebSocket|EventSource)\s*\(")


@pytest.mark.parametrize("name", list(SHIPPED))
def test_no_shipped_code_turns_text_into_code(name: str) -> None:
    code = SHIPPED[name]
    found = {kind: pattern.findall(code) for kind, pattern in RUNS_TEXT.items()}
    assert {kind: hits for kind, hits in found.items() if hits} == {}


def test_every_exec_in_katex_is_a_regular_expression_matching_a_string() -> None:
    code = SHIPPED["katex"]
    calls = [m.start() for m in re.finditer(r"exec\(", code)]
    assert len(calls) == 6  # a new KaTeX version is read again, not waved through
    regexp_names = set(re.findall(r"([\w$.]+)=new RegExp\(", code))
    for at in calls:
        before = code[max(0, at - 200) : at]
        assert before.endswith("."), f"a bare exec( at {at}: {code[at - 40 : at + 20]!r}"
        receiver = before[:-1]
        literal = re.search(r"/[gimsuy]*$", receiver)  # a regex literal: /.../flags
        name = re.search(r"([\w$.]+)$", receiver)  # or a name given a new RegExp(...)
        assert literal or (name and name.group(1) in regexp_names), f"exec on {receiver[-40:]!r}"


@pytest.mark.parametrize("name", list(OWN))
def test_the_apps_own_modules_reach_no_other_host(name: str) -> None:
    assert REACHES_OUT.findall(OWN[name]) == []


def test_the_only_markup_the_apps_modules_write_is_katex_output_without_trust() -> None:
    writes = {name: WRITES_MARKUP.findall(code) for name, code in OWN.items()}
    assert {name: hits for name, hits in writes.items() if hits} == {"touch.unit": [".innerHTML ="]}
    unit = OWN["touch.unit"]
    line = next(row for row in unit.splitlines() if WRITES_MARKUP.search(row))
    assert line.strip().startswith("div.innerHTML = html;")
    # `html` is KaTeX's rendering of a row's LaTeX, with \href, \url, \htmlClass and the
    # like refused (trust: false) and expansion and sizes bounded
    call = unit[unit.index("katex.renderToString(") :][:400]
    assert "trust: false" in call and "maxExpand: 200" in call and "maxSize: 20" in call
    assert "html = typeset(tex)" in unit
