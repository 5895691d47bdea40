"""The one way a number becomes what the learner reads: text for prose, LaTeX for formulas.

Rules (the same for `text` and `tex`):

- The value a number stands for is exact: an int, a `fractions.Fraction` (or anything with
  `numerator` and `denominator`, such as `sympy.Rational` or a numpy integer), a
  `decimal.Decimal`, or a float read as its shortest repr (`repr(0.1)` is "0.1"; the binary
  value 0.1000000000000000055... is float residue the learner never typed and never sees).
  So 2.675 counts as 2.675, not as the 2.67499999... that its binary value really is.
- A value is printed exactly when its exact decimal has at most `sig + 2` significant digits
  (a Fraction whose denominator has only the factors 2 and 5 has a terminating decimal; any
  other Fraction has none and is always rounded). `is_exact` says so and `eq_text` / `eq_tex`
  introduce it with "=".
- Otherwise it is rounded half away from zero to `sig` significant digits, trailing zeros
  dropped (0.30000000000000004 -> 0.3), and introduced with "≈". An exact tie (a last digit
  5 right after the kept ones) has only `sig + 1` digits and is printed exactly, so ties are
  met only by `round_sig`, which rounds 0.00125 to 2 digits as 0.0013 and 2.675 to 3 as 2.68.
  Because a float's shortest repr is the shortest decimal that reads back as that float, no
  rounding boundary with at most `sig + 1` digits lies between the repr and the binary value:
  rounding the repr gives the same digits as rounding the binary value.
- Scientific notation when the printed value has |x| >= 1e6 or 0 < |x| < 1e-4:
  text "1.23 × 10⁻⁵", LaTeX "1.23 \\times 10^{-5}".
- Thousands separators from 10,000 on: text "10,000", LaTeX "10{,}000"; 1234 stays "1234".
- Minus is U+2212 "−" in text (`MINUS`), "-" in LaTeX. Minus zero prints as "0".
- Infinity is "∞" / "−∞" in text, "\\infty" / "-\\infty" in LaTeX; nan is "undefined"
  (LaTeX "\\text{undefined}"), and `eq_text(nan)` reads "is undefined".

Never print float residue such as 1.78e-15 where the mathematics says 0: decide zero in core,
exactly, and hand this module the exact value.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from fractions import Fraction

MINUS = "\u2212"
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _special(x: object) -> str | None:
    """'nan', '+inf' or '-inf' for the non-finite values, else None."""
    if isinstance(x, Decimal):
        if x.is_nan():
            return "nan"
        if x.is_infinite():
            return "-inf" if x < 0 else "+inf"
        return None
    if hasattr(x, "numerator") and hasattr(x, "denominator"):
        return None
    value = float(x)  # type: ignore[arg-type]
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "-inf" if value < 0 else "+inf"
    return None


def exact_value(x: object) -> Fraction:
    """The exact rational a finite number stands for: a float as its shortest repr."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, Decimal):
        return Fraction(x)
    if hasattr(x, "numerator") and hasattr(x, "denominator") and not isinstance(x, float):
        return Fraction(int(x.numerator), int(x.denominator))  # type: ignore[attr-defined]
    return Fraction(Decimal(repr(float(x))))  # type: ignore[arg-type]


def _terminating_digits(q: Fraction) -> tuple[int, int] | None:
    """(D, E) with |q| = D * 10**E and D without trailing zeros, or None if q never ends."""
    den = q.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    shift = max(twos, fives)
    digits = abs(q.numerator) * 10**shift // q.denominator
    exponent = -shift
    return _strip_zeros(digits, exponent)


def _strip_zeros(digits: int, exponent: int) -> tuple[int, int]:
    if digits == 0:
        return 0, 0
    while digits % 10 == 0:
        digits //= 10
        exponent += 1
    return digits, exponent


def _leading_exponent(q: Fraction) -> int:
    """floor(log10(|q|)) for q != 0, in exact arithmetic."""
    q = abs(q)
    e = len(str(q.numerator)) - len(str(q.denominator))
    if q < Fraction(10) ** e:
        e -= 1
    return e


def _round_digits(q: Fraction, sig: int) -> tuple[int, int]:
    """(D, E) with |q| rounded half away from zero to sig digits = D * 10**E."""
    if q == 0:
        return 0, 0
    exponent = _leading_exponent(q) - sig + 1
    scaled = abs(q) / Fraction(10) ** exponent
    digits = math.floor(scaled + Fraction(1, 2))
    return _strip_zeros(digits, exponent)


def _parts(x: object, sig: int) -> tuple[bool, bool, int, int]:
    """(negative, exact, D, E): the printed magnitude is D * 10**E.

    Remembered for the last few thousand (type, value, sig): a page formats the same values
    again and again (the log-loss coin unit's 101 rows show p, ln p, ln(1 - p) and each row's
    values several times each, as text, LaTeX and "is it exact?"), and a value's parts depend
    on nothing else. The type is part of the key, so 1, 1.0 and Fraction(1), which are equal
    keys to Python, are each worked out from their own value."""
    try:
        return _remembered_parts(type(x), x, sig)
    except TypeError:  # a number type that cannot be hashed
        return _work_out_parts(x, sig)


@functools.lru_cache(maxsize=4096)
def _remembered_parts(kind: type, x: object, sig: int) -> tuple[bool, bool, int, int]:
    return _work_out_parts(x, sig)


def _work_out_parts(x: object, sig: int) -> tuple[bool, bool, int, int]:
    """_parts, worked out in exact arithmetic."""
    if sig < 1:
        raise ValueError("sig must be at least 1")
    q = exact_value(x)
    ending = _terminating_digits(q)
    if ending is not None and len(str(ending[0])) <= sig + 2:
        digits, exponent = ending
        exact = True
    else:
        digits, exponent = _round_digits(q, sig)
        exact = False
    return digits != 0 and q < 0, exact, digits, exponent


def round_sig(x: float | Fraction | int, sig: int = 4) -> Decimal:
    """x rounded half away from zero to sig significant digits (a float read as its repr)."""
    q = exact_value(x)
    digits, exponent = _round_digits(q, sig)
    return Decimal(-digits if q < 0 else digits).scaleb(exponent)


def _group(integer_digits: str, separator: str) -> str:
    if len(integer_digits) < 5:
        return integer_digits
    head = len(integer_digits) % 3 or 3
    groups = [integer_digits[:head]] + [
        integer_digits[i : i + 3] for i in range(head, len(integer_digits), 3)
    ]
    return separator.join(groups)


def _magnitude(digits: int, exponent: int, latex: bool) -> str:
    """D * 10**E written out: plain with separators, or scientific outside [1e-4, 1e6)."""
    if digits == 0:
        return "0"
    text = str(digits)
    leading = len(text) - 1 + exponent
    if leading >= 6 or leading < -4:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        if latex:
            return rf"{mantissa} \times 10^{{{leading}}}"
        return f"{mantissa} × 10{str(leading).translate(_SUPERSCRIPTS)}"
    if exponent >= 0:
        integer, fraction = text + "0" * exponent, ""
    elif -exponent >= len(text):
        integer, fraction = "0", "0" * (-exponent - len(text)) + text
    else:
        integer, fraction = text[:exponent], text[exponent:]
    integer = _group(integer, "{,}" if latex else ",")
    return integer + ("." + fraction if fraction else "")


def _render(x: object, sig: int, latex: bool) -> str:
    minus = "-" if latex else MINUS
    special = _special(x)
    if special == "nan":
        return r"\text{undefined}" if latex else "undefined"
    if special is not None:
        body = r"\infty" if latex else "∞"
        return minus + body if special == "-inf" else body
    negative, _, digits, exponent = _parts(x, sig)
    return (minus if negative else "") + _magnitude(digits, exponent, latex)


def text(x: object, sig: int = 4) -> str:
    """What the learner reads in prose, captions, metrics and tables: 0.7, −3, 1.23 × 10⁻⁵."""
    return _render(x, sig, latex=False)


def tex(x: object, sig: int = 4) -> str:
    r"""The same number in LaTeX: -3, 1.23 \times 10^{-5}, 10{,}000, \infty."""
    return _render(x, sig, latex=True)


def is_exact(x: object, sig: int = 4) -> bool:
    """True when text(x, sig) is the value exactly (±∞ too; nan is not a value: False)."""
    special = _special(x)
    if special is not None:
        return special != "nan"
    return _parts(x, sig)[1]


def shown(x: object, sig: int = 4, unit: str = "") -> str:
    """A value standing alone, where no '=' precedes it (a metric, a table cell, a value after
    a label): '5', '−2.8875 °C' when the digits are the value, '≈ 76.08 °C' when rounded;
    'undefined' for nan. `unit` is appended as given (with its leading space)."""
    body = text(x, sig) + unit
    if _special(x) == "nan" or is_exact(x, sig):
        return body
    return f"≈ {body}"


def eq_text(x: object, sig: int = 4) -> str:
    """'= 0.7' when exact, '≈ 0.7143' when rounded, 'is undefined' for nan."""
    if _special(x) == "nan":
        return "is undefined"
    return ("= " if is_exact(x, sig) else "≈ ") + text(x, sig)


def eq_tex(x: object, sig: int = 4) -> str:
    r"""'= 0.7' when exact, '\approx 0.7143' when rounded, '\text{ is undefined}' for nan."""
    if _special(x) == "nan":
        return r"\text{ is undefined}"
    return ("= " if is_exact(x, sig) else r"\approx ") + tex(x, sig)


def frac_tex(q: object) -> str:
    r"""An exact rational in LaTeX: \frac{7}{10}, -\frac{1}{3}, or an integer such as -3."""
    value = exact_value(q)
    if value.denominator == 1:
        return tex(value.numerator, sig=len(str(abs(value.numerator))))
    sign = "-" if value < 0 else ""
    return rf"{sign}\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def signed_tex(x: object, sig: int = 4) -> str:
    """A term after the first in a sum: '+ 3' or '- 3' (minus zero gives '+ 0')."""
    body = tex(x, sig)
    if body.startswith("-"):
        return "- " + body[1:]
    return "+ " + body
