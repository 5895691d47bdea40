"""The tokenizer of the safe expression engine: typed text -> tokens, over a small alphabet.

Anything outside the alphabet is refused here with a message a learner can act on: the
names x, e, pi and the functions below (a run of letters is split into known names only,
so "xsin" is x, sin and "y" is refused), digits and one point, + - * / ^ ** ( ), and the
typographic characters ² ³ √ π − × · ÷. Number literals are bounded in length.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import LearnerError
from core.limits import MAX_LITERAL_DIGITS


class ExpressionError(LearnerError):
    """A typed function that cannot be read, with a message saying what to change."""


class ExpressionTooExpensive(ExpressionError):
    """A typed function that is well formed but too large to work with (huge numbers, too deep)."""


FUNCTIONS: tuple[str, ...] = ("sin", "cos", "tan", "exp", "ln", "log", "sqrt", "abs")
CONSTANTS: tuple[str, ...] = ("e", "pi")
VARIABLE = "x"
# Names the tokenizer recognises inside a run of letters, longest first ("exp" before "e").
_KNOWN_NAMES = tuple(sorted((*FUNCTIONS, *CONSTANTS, VARIABLE), key=len, reverse=True))
_NAMES_HELP = (
    "use x as the variable; the functions are sin, cos, tan, exp, ln (or log), sqrt and abs; "
    "the constants are e and pi"
)
_DIGITS = "0123456789"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPACES = " \t\r\n"
# Typographic characters a learner may paste, and what they mean.
_CHARACTER_MAP = {"−": "-", "×": "*", "·": "*", "÷": "/"}
_SPECIAL_HINTS = {
    "!": "factorials (!) are not supported",
    "=": "type only the right-hand side: for f(x) = x^2 type x^2",
    ",": "use a point for decimals (1.5), and give each function a single argument",
    "[": "use round parentheses ( )",
    "]": "use round parentheses ( )",
    "{": "use round parentheses ( )",
    "}": "use round parentheses ( )",
    "_": "names contain letters only; use x as the variable",
    "|": "write abs(x) for the absolute value",
}


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "(", ")", "root", "square", "cube", "end"
    text: str
    position: int  # 1-based position in the typed text, for messages


def _describe(char: str) -> str:
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def tokenize(text: str) -> list[Token]:
    """Split typed text into tokens; anything outside the small alphabet is refused."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = _CHARACTER_MAP.get(text[i], text[i])
        position = i + 1
        if char in _SPACES:
            i += 1
        elif char in _DIGITS or (char == "." and i + 1 < len(text) and text[i + 1] in _DIGITS):
            start = i
            while i < len(text) and (text[i] in _DIGITS or text[i] == "."):
                i += 1
            tokens.append(Token("number", _normalise_number(text[start:i], start + 1), position))
        elif char in _LETTERS:
            start = i
            while i < len(text) and text[i] in _LETTERS:
                i += 1
            tokens.extend(_split_names(text[start:i], position))
        elif char == "*" and text[i : i + 2] == "**":
            tokens.append(Token("op", "^", position))
            i += 2
        elif char in "+-*/^":
            tokens.append(Token("op", char, position))
            i += 1
        elif char in "()":
            tokens.append(Token(char, char, position))
            i += 1
        elif char == "²":
            tokens.append(Token("square", "²", position))
            i += 1
        elif char == "³":
            tokens.append(Token("cube", "³", position))
            i += 1
        elif char == "√":
            tokens.append(Token("root", "√", position))
            i += 1
        elif char == "π":
            tokens.append(Token("name", "pi", position))
            i += 1
        else:
            hint = _SPECIAL_HINTS.get(char)
            if "\uff01" <= char <= "\uff5e":
                hint = "type with ordinary (half-width) characters"
            message = f"unexpected character {_describe(char)} at position {position}"
            raise ExpressionError(f"{message}: {hint}" if hint else message)
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _normalise_number(literal: str, position: int) -> str:
    if literal.count(".") > 1:
        raise ExpressionError(f"the number at position {position} has more than one point")
    digits = sum(c in _DIGITS for c in literal)
    if digits > MAX_LITERAL_DIGITS:
        raise ExpressionTooExpensive(
            f"the number at position {position} is too long: at most {MAX_LITERAL_DIGITS} digits"
        )
    whole, _, fraction = literal.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _split_names(run: str, position: int) -> list[Token]:
    """Split a run of letters into known names ("xsin" -> x, sin); refuse anything else."""
    tokens: list[Token] = []
    i = 0
    while i < len(run):
        name = next((n for n in _KNOWN_NAMES if run.startswith(n, i)), None)
        if name is None:
            raise ExpressionError(_unknown_name_message(run))
        tokens.append(Token("name", name, position + i))
        i += len(name)
    return tokens


def _unknown_name_message(run: str) -> str:
    shown = run if len(run) <= 20 else run[:20] + "..."
    if len(run) == 1:
        if run == "X":
            return "unknown name 'X': write the variable as a lowercase x"
        return f"unknown name '{shown}': use x as the variable"
    if run != run.lower():
        try:
            _split_names(run.lower(), 1)
        except ExpressionError:
            pass
        else:
            return f"unknown name '{shown}': write names in lowercase, e.g. '{run.lower()}'"
    return f"unknown name '{shown}': {_NAMES_HELP}"
