"""Say only what is true (issue 16): no float residue, nan, inf or minus zero on any page.

Every registered page is opened at its defaults and at every deep link the page tests open
(tests/pages/deep_links.py reads them from the tests' source, so a new deep link is checked
here without editing this file). All the text a learner can read is searched: markdown,
captions, headers, alerts, metrics, widget labels and options, expander labels, tables
(cells and headers) and LaTeX, including what sits in closed expanders, and every row of every
touch unit (dashboard.touch: formulas, numbers, notes, legend, text alternative and input
labels at every position, which the learner reads by moving the input, with no rerun).

A page fails on:
- a number in scientific notation below 1e-9 in size (1.78e-15, 1.78 × 10⁻¹⁵,
  1.78 \\times 10^{-15}): float residue where the mathematics says 0. Powers of ten
  (10⁻¹², 1 × 10⁻¹², 1e-12) are step sizes and thresholds the learner picks, never residue.
  A value that really is that small (machine epsilon, the smallest double, the likelihood
  of 200 tosses, the error of a central difference) passes only where ON_PURPOSE names the
  statement it stands in, page by page;
- nan, inf (as a number: the words "infinity" and "infinitely" are fine), in any case;
- minus zero as a value: −0, -0, −0.0 (not 0 − 0, not x − 0.5).
A table cell that is a float nan, ±inf, −0.0 or a residue below 1e-9 fails too (a cell is
read as "<first cell of its row> | <column>: <value>"). What the learner typed and the page
quotes back (“nan”, 'nan', the share link's code block) is theirs, not the page's claim.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pandas as pd
import pytest

from dashboard.site import registered_pages
from tests.pages.deep_links import page_test_links
from tests.pages.helpers import open_page
from tests.pages.page_text import frames, shown

RESIDUE = 1e-9
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
NUMBER = r"\d+(?:[.,]\d+)*"
SIGN = r"[-−]?"
# 1.78e-15, -2.775558e-16
E_NOTATION = re.compile(rf"(?<![\w.]){SIGN}({NUMBER})[eE]([-−+]?\d+)\b")
# 1.78 × 10⁻¹⁵, 1.78·10⁻¹⁵, 10⁻¹⁵
SUPER_NOTATION = re.compile(rf"(?:({NUMBER})\s*[×·]\s*)?10([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
# 1.78 \times 10^{-15}, 1.78 \cdot 10^{-15}, 10^{-15}, 10^-15
TEX_NOTATION = re.compile(
    rf"(?:({NUMBER})\s*(?:\\times|\\cdot|×)\s*)?(?<![\d.])10\s*\^\s*\{{?\s*([-−+]?\s*\d+)\s*\}}?"
)
# Python and numpy print nan and inf; "NaN" passes in prose that names the IEEE value (a quiz
# option "it is NaN") and fails where it stands as a value (after =, ≈, : or alone).
NAN_OR_INF = re.compile(r"(?<![\\\w])(?:nan|inf)(?![\w])|(?:^|[=≈:]\s*)[-−]?(?:NaN|Infinity)\b")
# a minus zero standing as a value: at the start, after a space, bracket, '=', ',' or ':'
MINUS_ZERO = re.compile(r"(?:^|(?<=[\s(\[{=,:|]))[-−]0(?:\.0+)?(?![\d.]*\d)(?![\w^])")

SHOWN_NUMBER = r"[\d.]+(?:\s*×\s*10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|e-\d+)?"
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|'[^'\s]+'|not a number \(NaN\)")

# Tiny values a page means, by page: (a regex for the statement they stand in, why it is
# true). A number below 1e-9 passes only inside a match of one of its page's statements.
ON_PURPOSE: dict[str, list[tuple[str, str]]] = {
    "slopes": [
        (r"ε = 2⁻⁵² ≈ 2\.2 × 10⁻¹⁶", "machine epsilon, named"),
        (r"step it really takes is ≈ [\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "x0 + dx rounded: the real step"),
        (
            r"\\left\|\\,\\text\{secant\} - f'\(x_0\)\\right\| (?:=|\\approx) [\d.]+ "
            r"\\times 10\^\{-\d+\}",
            "the computed secant's real distance from f'(x0) at a tiny dx (a difference of two "
            "nearby doubles is exact)",
        ),
    ],
    "rules": [
        (r"^numerical: [^|]*\| (?:error|difference): .*$", "a central difference's real error"),
    ],
    "log_loss": [
        (r"0\.[15](?:\^\{?\d+\}?|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[^;]*", "the underflow demo: 0.5ⁿ, 0.1ⁿ in float64"),
        (
            r"[\d.]+\s*(?:e-|\\times\s*10\^\{-|×\s*10⁻)(?:32[34]|³²[³⁴])",
            "the float64 floor, 4.9 × 10⁻³²⁴",
        ),
        (
            rf"\bg(?:\([\d.]+\))?(?: = P\(this order\):)?\s*[=≈]?\s*{SHOWN_NUMBER}",
            "a likelihood g(p) = pᴴ(1 − p)ᵀ: a product of powers, never residue",
        ),
        (
            r"(?s)g'\([\d.]+\) &= [\d.]+\^\{\d+\}(?!.*\\cdot 0(?![\d.])).*",
            "g′ as a product of powers with no zero factor (a zero factor means g′ is 0)",
        ),
    ],
    "regression": [
        (
            r"MSE after [\d,]+ steps?: ≈ [\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+",
            "gradient descent's MSE after thousands of steps on data a line fits exactly "
            "(the 10-bedroom price fixed): the line is still ~10⁻⁵ off each point, a real "
            "distance that shrinks geometrically, not float residue",
        ),
    ],
    "non_differentiability": [
        (
            r"&(?:=|\\approx) \\frac\{[^&]*",
            "a worked one-sided quotient at a tiny dx: f's own values at x0 ± dx and their "
            "quotient (x|x| at 0: ±dx², x³ at 0: slopes dx²), not a difference's residue",
        ),
        (
            r"(?:Left slope: |(?:left|right) secant(?:, | \()slope |Right slope: )(?:≈ )?"
            r"[−-]?[\d.]+ × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+",
            "a one-sided slope at a tiny dx (x³ at 0: dx² on both sides); right − left, where "
            "residue would show, is decided in core (ZoomView.read_gap)",
        ),
    ],
}


def page_name(script: str) -> str:
    """app_pages/log_loss.py or app_pages/log_loss/page.py -> log_loss."""
    return script.removeprefix("app_pages/").removesuffix(".py").removesuffix("/page")


def meant(page: str, text: str, span: tuple[int, int]) -> bool:
    """Is the number at `span` inside one of the page's ON_PURPOSE statements?"""
    for pattern, _ in ON_PURPOSE.get(page, []):
        for match in re.finditer(pattern, text):
            if match.start() <= span[0] and span[1] <= match.end():
                return True
    return False


def _mantissa_value(mantissa: str | None, exponent: str) -> tuple[Fraction, bool]:
    """(|value|, power of ten?) of mantissa × 10^exponent."""
    power = int(exponent.replace("−", "-").replace(" ", ""))
    digits = Fraction((mantissa or "1").replace(",", "")) if mantissa else Fraction(1)
    return abs(digits) * Fraction(10) ** power, digits == 1


def residues(text: str, page: str = "") -> list[str]:
    """Numbers in scientific notation in `text` below 1e-9, not counting powers of ten and
    the page's ON_PURPOSE statements."""
    found = []
    for pattern in (E_NOTATION, SUPER_NOTATION, TEX_NOTATION):
        for match in pattern.finditer(text):
            mantissa, exponent = match.group(1), match.group(2).translate(SUPERSCRIPT)
            try:
                value, power_of_ten = _mantissa_value(mantissa, exponent)
            except (ValueError, ZeroDivisionError):
                continue
            tiny = 0 < value < Fraction(RESIDUE) and not power_of_ten
            if tiny and not meant(page, text, match.span()):
                found.append(match.group(0))
    return found


def offending(text: str, page: str = "") -> list[str]:
    """What in `text` no page may say: residue, nan, inf, minus zero."""
    found = residues(text, page)
    said = QUOTED.sub("“”", text)
    found += [m.group(0) for m in NAN_OR_INF.finditer(said)]
    found += [m.group(0) for m in MINUS_ZERO.finditer(said)]
    return found


def offending_cells(frame: pd.DataFrame, page: str = "") -> list[str]:
    found = []
    for column in [str(c) for c in frame.columns]:
        found += offending(column, page)
    for _, row in frame.iterrows():
        first = str(row.iloc[0])
        for column, value in row.items():
            if isinstance(value, str):
                found += offending(f"{first} | {column}: {value}", page)
            elif isinstance(value, float | int) and not isinstance(value, bool):
                number = float(value)
                if math.isnan(number) or math.isinf(number):
                    found.append(f"{column}: {number!r}")
                elif number == 0 and math.copysign(1, number) < 0:
                    found.append(f"{column}: -0.0")
                else:
                    found += offending(f"{first} | {column}: {number!r}", page)
    return found


def findings(script: str, query: dict) -> list[str]:
    """'kind: what in «text»' for everything the page shows that it may not say."""
    at = open_page(script, query)
    if at.exception:
        return [f"exception: {e.message}" for e in at.exception]
    page = page_name(script)
    lines = []
    for piece in shown(at):
        if piece.kind == "code":  # the share link: the learner's own query string
            continue
        bad = offending(piece.text, page)
        if bad:
            where = f" ({piece.place})" if piece.place else ""  # a touch unit's row
            lines.append(f"{piece.kind}{where}: {', '.join(bad)} in «{piece.text.strip()[:200]}»")
    for frame in frames(at):
        bad = offending_cells(frame, page)
        if bad:
            lines.append(f"table {list(map(str, frame.columns))[:5]}: {', '.join(bad[:6])}")
    return lines


def cases() -> list[tuple[str, dict]]:
    """Each registered page at its defaults, then at every deep link its tests open."""
    links = page_test_links()
    return [
        (spec.script, query)
        for spec in registered_pages()
        for query in [{}, *links.get(spec.script, [])]
    ]


def case_id(case: tuple[str, dict]) -> str:
    script, query = case
    return page_name(script) + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )


CASES = cases()


def test_every_deep_link_in_the_page_tests_is_on_a_registered_page():
    scripts = {spec.script for spec in registered_pages()}
    assert set(page_test_links()) <= scripts


def test_the_deep_links_of_every_lesson_page_are_found():
    links = page_test_links()
    for spec in registered_pages():
        if not spec.default:
            assert len(links.get(spec.script, [])) >= 3, spec.script


def test_the_guard_reads_every_kind_of_text_the_pages_show():
    kinds: set[str] = set()
    tables = 0
    for spec in registered_pages():
        at = open_page(spec.script)
        kinds |= {piece.kind for piece in shown(at) if piece.text}
        tables += len(frames(at))
    assert {"title", "header", "markdown", "caption", "metric", "radio option"} <= kinds
    assert {"latex", "expander"} & kinds
    assert tables > 0


@pytest.mark.parametrize("case", CASES, ids=[case_id(c)[:80] for c in CASES])
def test_the_page_says_no_residue_nan_inf_or_minus_zero(case):
    script, query = case
    found = findings(script, query)
    assert not found, f"{case_id(case)}\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("L′(0.7) = 10 − 10 = 1.78 × 10⁻¹⁵", ["1.78 × 10⁻¹⁵"]),
        (r"g'(0.7) = 6.94 \times 10^{-18}", [r"6.94 \times 10^{-18}"]),
        ("an iterate of -2.775558e-16", ["-2.775558e-16"]),
        ("slope nan", ["nan"]),
        ("L'(1) = NaN", ["= NaN"]),
        ("C'(x) = -inf", ["inf"]),
        ("x = −0 here", ["−0"]),
        ("f(−0.0) = 1", ["−0.0"]),
    ],
)
def test_the_guard_finds_residue_nan_inf_and_minus_zero(text, bad):
    assert offending(text) == bad


@pytest.mark.parametrize(
    "text",
    [
        "dx = 10⁻¹² and 1e-12 and 10^{-12}",
        "x = −0.5, 10 − 0 = 10, x_0 - 0.25, 1.23 × 10⁻⁵, 4.5e-07",
        "L tends to infinity; p = 1 is infinitely bad; \\infty; \\inf",
        "0 - (-1) = 1, 1e-05",
        "🔗 The link asked for t = “nan”, which is not a number; 'nan' is not a finite number",
        "not a number (NaN)",
        "it is NaN",
    ],
)
def test_the_guard_lets_true_statements_through(text):
    assert offending(text) == []


def test_a_tiny_value_passes_only_inside_its_pages_statement():
    epsilon = "where ε = 2⁻⁵² ≈ 2.2 × 10⁻¹⁶ is the gap between 1 and the next number"
    assert offending(epsilon, "slopes") == []
    assert offending(epsilon, "regression") == ["2.2 × 10⁻¹⁶"]
    assert offending("L′(0.7) = 1.78 × 10⁻¹⁵; 0.5¹⁰⁰⁰ = 9.3e-302", "log_loss") == ["1.78 × 10⁻¹⁵"]
    zero_factor = "g'(0.8) &= 0.8^{15}\\cdot 0.2^{3}\\cdot 0 = -2.17e-19"
    assert offending(zero_factor, "log_loss") == ["-2.17e-19"]
    small_p = "g'(0.05) &= 0.05^{10}\\cdot 0.95^{2}\\cdot 10.3 = 9.08e-13"
    assert offending(small_p, "log_loss") == []
    likelihood = "At your p = 0.45: g ≈ 2.278 × 10⁻⁶¹; g(0.5) = P(this order): ≈ 6.223 × 10⁻⁶¹"
    assert offending(likelihood, "log_loss") == []
    assert offending(likelihood, "slopes") == ["2.278 × 10⁻⁶¹", "6.223 × 10⁻⁶¹"]


def test_table_cells_are_read_with_their_row_and_column():
    frame = pd.DataFrame(
        {"step k": [0, 1], "x_k": [0.2, -2.7755575615628914e-16], "slope": [-0.0, float("nan")]}
    )
    assert offending_cells(frame) == ["slope: -0.0", "-2.7755575615628914e-16", "slope: nan"]


def _touch_app() -> None:
    """A touch unit whose second row says what no page may say, in every kind of its text."""
    from dashboard import touch

    knob = touch.Control("Knob k", "k", values=(1.0, 2.0), default=1.0, hint="Drag it.")
    picture = touch.Picture(
        x=(0, 1), y=(0, 1), x_title="x", y_title="y", description="a line", tex=("a = @0",)
    )
    clean = touch.row(
        tex=["x = 1", touch.filled(0, ["2"])],
        metrics=[("slope", "1")],
        notes=["All fine."],
        legend=["line, slope 1"],
        alt="A line of slope 1.",
    )
    bad = touch.row(
        tex=[r"x = 1.78 \times 10^{-15}", touch.filled(0, [r"\mathrm{nan}"])],
        metrics=[("slope", "−0")],
        notes=["g = 2.2e-17 here."],
        legend=["line, slope inf"],
        alt="A line of slope 1.78 × 10⁻¹⁵.",
    )
    touch.touch_unit("t", [knob], picture, [[clean, bad]])


def test_the_guard_reads_every_row_of_every_touch_unit():
    """A touch unit sends all its rows at once; the learner reads any of them by moving the
    input, with no rerun: each row's formulas (templates filled in), numbers, notes, legend
    and text alternative are checked, not only the row shown first."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_touch_app).run()
    assert not at.exception
    pieces = list(shown(at))
    assert {"touch control", "touch position", "touch picture", "touch note", "metric"} <= {
        p.kind for p in pieces
    }
    assert "a = 2" in [p.text for p in pieces if p.kind == "latex"]  # a template, filled
    bad = [(p.kind, p.place, offending(p.text)) for p in pieces if offending(p.text)]
    assert bad == [
        ("latex", "t k=2", [r"1.78 \times 10^{-15}"]),
        ("latex", "t k=2", ["nan"]),
        ("metric", "t k=2", ["−0"]),
        ("touch note", "t k=2", ["2.2e-17"]),
        ("touch picture", "t k=2", ["inf"]),
        ("touch picture", "t k=2", ["1.78 × 10⁻¹⁵"]),
    ]
    # the first row is what the learner sees at first; the second only after a move
    seen = {p.text for p in pieces if not p.folded}
    assert {"slope: 1", "All fine.", "Knob k", "Drag it."} <= seen
    assert not seen & {"slope: −0", "g = 2.2e-17 here."}
