"""Hostile typed text: every input is refused with an ExpressionError or a bounded "too
expensive", and none can run code (a sentinel file that any code execution would create never
appears)."""

import time

import pytest

from core import expression_worker as worker
from core.expressions import ExpressionError, parse_function
from core.limits import EXPRESSION_TIME_LIMIT_SECONDS

SENTINEL = "/tmp/calculus_expression_sentinel"  # created by the payloads below if they ran

CODE_EXECUTION = [
    f"__import__('os').system('touch {SENTINEL}')",
    f'__import__("os").system("touch {SENTINEL}")',
    "().__class__.__bases__[0].__subclasses__()",
    "().__class__.__base__.__subclasses__()[0]",
    f"(lambda: __import__('os').system('touch {SENTINEL}'))()",
    "lambda x: x",
    f"exec(\"open('{SENTINEL}', 'w')\")",
    f"eval(\"open('{SENTINEL}', 'w')\")",
    f"open('{SENTINEL}', 'w')",
    f"x; open('{SENTINEL}', 'w')",
    'Symbol("x")',
    f'Symbol(\'__import__("os").system("touch {SENTINEL}")\')',
    "sin(x, evaluate=False)",
    "Function('f')(x)",
    f"ｏｐｅｎ('{SENTINEL}', 'w')",
    f"＿＿import＿＿('os').system('touch {SENTINEL}')",
    "__builtins__",
    "x.__class__",
    "x.subs(x, 1)",
    "sympify('x')",
    "getattr(x, 'func')",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "x if 1 else 2",
    "import os",
    f"os.system('touch {SENTINEL}')",
    "globals()",
    "compile('1', '', 'eval')",
    "x @ x",
    "x and x",
    'f"{x}"',
    "\\x41",
    "x # comment",
    "'x'",
]

RESOURCE_EXHAUSTION = [
    "9^9^9",
    "9**9**9",
    "2^(2^(2^(2^(2^2))))",
    "10^10^10",
    "x^(10^10)",
    "(x+1)^1000000",
    "7^(10^9)",
    "factorial(100000)",
    "100000!",
    "sin(sin(3 + exp(exp(exp(3)))))",
    "exp(1000)",
    "exp(exp(exp(3))) x",
    "99999999999999999999",
    "x" * 300,
    "x+" * 150 + "x",
    "(" * 60 + "x" + ")" * 60,
    "sin(" * 20 + "x" + ")" * 20,
    "-" * 199 + "x",
    "x^" * 30 + "x",
    "+".join(["x"] * 99),
]

PARSER_EDGES = [
    "",
    "   ",
    ")(",
    "((x)",
    "x+",
    "*x",
    "x^",
    "sin()",
    "sin",
    "2..5",
    "1.2.3",
    "x,,",
    "x==x",
    "1/0",
    "ln(0)",
    "sqrt(-1)",
    "x/(x-x)",
    "tan(pi/2)",
    "0^(-1)",
]

ODD_UNICODE = [
    "x\u200b+1",  # zero-width space
    "x\x00",  # NUL
    "ｘ",  # fullwidth x
    "٣x",  # Arabic-Indic digit three
    "x\u202e+1",  # right-to-left override
    "sin(x)\ufeff",  # byte order mark
    "\U0001d465",  # mathematical italic x
    "😀",
    "ˣ",
    "\u00a0x",  # no-break space
    "x\u0301",  # combining accent
    "\u2212\u2212\u2212",  # minus signs only
    "ℯ^x",  # script e
]

HOSTILE = CODE_EXECUTION + RESOURCE_EXHAUSTION + PARSER_EDGES + ODD_UNICODE


def test_there_are_at_least_fifty_hostile_inputs():
    assert len(HOSTILE) >= 50


@pytest.fixture(scope="module", autouse=True)
def no_sentinel_before_or_after():
    import os

    if os.path.exists(SENTINEL):
        os.remove(SENTINEL)
    worker.warm_up()  # the time limits below are per request, not for starting the first worker
    yield
    assert not os.path.exists(SENTINEL), "code from typed text ran"


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t)[:40] for t in HOSTILE])
def test_parser_refuses_hostile_text_quickly(text):
    started = time.perf_counter()
    with pytest.raises(ExpressionError):
        parse_function(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t)[:40] for t in HOSTILE])
def test_worker_answers_hostile_text_with_an_error_within_the_limit(text):
    started = time.perf_counter()
    analysis = worker.analyse(text)
    assert analysis.error
    assert analysis.expression is None
    assert time.perf_counter() - started < EXPRESSION_TIME_LIMIT_SECONDS + 1


@pytest.mark.parametrize("text", RESOURCE_EXHAUSTION, ids=[t[:40] for t in RESOURCE_EXHAUSTION])
def test_resource_exhaustion_is_reported_as_too_expensive_or_unreadable(text):
    analysis = worker.analyse(text)
    assert (
        analysis.too_expensive
        or "unexpected character" in analysis.error
        or ("unknown name" in analysis.error)
    )


def test_typed_answers_go_through_the_same_parser():
    import sympy

    for text in CODE_EXECUTION[:10]:
        correct, message = worker.check_equivalent(text, sympy.Integer(1))
        assert not correct and "could not be read" in message


def test_the_sentinel_payload_is_live_code_that_would_create_the_file(tmp_path):
    import subprocess
    import sys

    proof = tmp_path / "proof"
    payload = CODE_EXECUTION[0].replace(SENTINEL, str(proof))
    subprocess.run([sys.executable, "-c", payload], check=True, timeout=30)
    assert proof.exists()
