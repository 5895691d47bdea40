"""Typed mathematics can never run code, through the pages themselves (issue 9).

Each attempt, if it were ever evaluated by Python, would create a sentinel file. The
attempts go in through the `f` URL parameter of every page that takes a typed function
and through the learner's text box; the page must answer with a friendly message and the
sentinel must never appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.helpers import all_text, open_page

SENTINEL = Path("/tmp/calculus_dashboard_pwned")
TOUCH = f"open('{SENTINEL}','w').write('x')"
ATTEMPTS = [
    f"__import__('os').system('touch {SENTINEL}')",
    f"__import__('builtins').exec(\"{TOUCH}\")",
    f"().__class__.__base__.__subclasses__()[0]('{SENTINEL}')",
    f"(lambda: {TOUCH})()",
    f"x.__class__.__init__.__globals__['__builtins__']['exec'](\"{TOUCH}\")",
    f'ｅｘｅｃ("{TOUCH}")',  # fullwidth letters normalise to exec under NFKC
    f"Symbol('x; {TOUCH}')",
    f'sympify("{TOUCH}")',
    f'exp(x, evaluate=exec("{TOUCH}"))',
    f"[c for c in ().__class__.__bases__[0].__subclasses__()][-1]('{SENTINEL}')",
    f"globals()['__builtins__']['eval'](\"{TOUCH}\")",
    f'x if exec("{TOUCH}") else x',
]
PAGES = [
    ("app_pages/rules/page.py", {}),
    ("app_pages/non_differentiability/page.py", {"case": "custom"}),
]
# What each page shows for f = x^2 once it works again.
WORKS_AGAIN = {
    "app_pages/rules/page.py": "2 x",
    "app_pages/non_differentiability/page.py": "differentiable",
}


@pytest.fixture(autouse=True)
def no_sentinel():
    SENTINEL.unlink(missing_ok=True)
    yield
    assert not SENTINEL.exists(), "typed text was executed as code"


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=range(len(ATTEMPTS)))
@pytest.mark.parametrize("script, extra", PAGES, ids=["rules", "non-differentiability"])
def test_code_in_the_f_parameter_is_refused_and_never_runs(script, extra, attempt):
    at = open_page(script, {**extra, "f": attempt})
    assert not at.exception, [e.message for e in at.exception]
    text = all_text(at).lower()
    assert any(
        word in text
        for word in (
            "unknown",
            "not allowed",
            "cannot",
            "can't",
            "limit",
            "too long",
            "unexpected",
            "not understood",
            "error",
            "too expensive",
            "use x",
        )
    ), text[-600:]


@pytest.mark.parametrize("script, extra", PAGES, ids=["rules", "non-differentiability"])
def test_code_typed_in_the_box_is_refused_and_the_page_keeps_working(script, extra):
    at = open_page(script, extra)
    box = at.text_input(key="f")
    for attempt in ATTEMPTS[:4]:
        box.set_value(attempt).run()
        assert not at.exception, [e.message for e in at.exception]
    box.set_value("x^2").run()
    assert not at.exception
    assert WORKS_AGAIN[script] in all_text(at).replace("\\,", " ").lower()
