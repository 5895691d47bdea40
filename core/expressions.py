"""The safe expression engine: typed text -> a SymPy function of the real variable x.

Why a hand-written recursive-descent parser (tokenizer + grammar below) rather than a grammar
library or SymPy's own parser:
- no dependency to install, pin or audit on a public server;
- full control of every node: the parser produces this module's own small tree (`Node`), each
  node kind and each name is checked against a whitelist, and SymPy objects are built from that
  tree only; the text itself never reaches Python's or SymPy's evaluation machinery (no eval,
  exec, sympify, parse_expr or lambdify anywhere in the path), so there is nothing to inject;
- every bound (length, nesting depth, node count, literal size, exponent size, size of constant
  parts) is checked on the tree, *before* any SymPy work, with a message a learner can act on.

Grammar (implicit multiplication binds like `*`; `^` and `**` are the same, right-associative):

    sum      := product (("+" | "-") product)*
    product  := signed (("*" | "/") signed | <implicit> power)*
    signed   := ("+" | "-")* power
    power    := postfix ("^" signed)?
    postfix  := primary ("²" | "³")*
    primary  := NUMBER | "x" | "e" | "pi" | FUNCTION "(" sum ")" | "(" sum ")" | "√" power

Functions: sin cos tan exp ln log (log is the natural logarithm, like ln) sqrt abs.
Characters accepted besides ASCII: ² ³ √ π − × · ÷.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from core.errors import LearnerError
from core.limits import (
    MAX_CONSTANT_MAGNITUDE,
    MAX_EXPONENT,
    MAX_EXPRESSION_CHARS,
    MAX_EXPRESSION_NODES,
    MAX_LITERAL_DIGITS,
    MAX_NESTING_DEPTH,
)

X = sympy.Symbol("x", real=True)


class ExpressionError(LearnerError):
    """A typed function that cannot be read, with a message saying what to change."""


class ExpressionTooExpensive(ExpressionError):
    """A typed function that is well formed but too large to work with (huge numbers, too deep)."""


FUNCTIONS: tuple[str, ...] = ("sin", "cos", "tan", "exp", "ln", "log", "sqrt", "abs")
CONSTANTS: tuple[str, ...] = ("e", "pi")
VARIABLE = "x"
NODE_KINDS = frozenset(
    {"number", "x", "constant", "add", "sub", "mul", "div", "pow", "neg", "call"}
)

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


@dataclass(frozen=True)
class Node:
    """One node of the parsed tree; `kind` is one of NODE_KINDS."""

    kind: str
    children: tuple[Node, ...] = ()
    name: str = ""  # function or constant name; the normalised literal for numbers
    value: Fraction | None = None  # exact value of a number literal


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


class _Parser:
    """Recursive descent over the tokens, counting nesting depth and nodes as it goes."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.nodes = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def make(self, kind: str, *children: Node, name: str = "", value: Fraction | None = None):
        self.nodes += 1
        if self.nodes > MAX_EXPRESSION_NODES:
            raise ExpressionTooExpensive(
                f"this function is too large: at most {MAX_EXPRESSION_NODES} numbers, "
                "operations and function calls"
            )
        return Node(kind, tuple(children), name, value)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING_DEPTH:
            raise ExpressionTooExpensive(
                f"this function is nested too deeply: at most {MAX_NESTING_DEPTH} levels of "
                "parentheses, function calls and powers"
            )

    def leave(self) -> None:
        self.depth -= 1

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ExpressionError("type a function of x, for example x^2 + 1")
        tree = self.sum()
        token = self.current
        if token.kind == ")":
            raise ExpressionError(
                f"unbalanced parenthesis at position {token.position}: this ')' has no matching '('"
            )
        if token.kind != "end":
            raise ExpressionError(f"unexpected {self.shown(token)} at position {token.position}")
        return tree

    @staticmethod
    def shown(token: Token) -> str:
        return "end of input" if token.kind == "end" else f"'{token.text}'"

    def sum(self) -> Node:
        self.enter()
        node = self.product()
        while self.current.kind == "op" and self.current.text in "+-":
            op = self.advance()
            self.expect_operand(op)
            node = self.make("add" if op.text == "+" else "sub", node, self.product())
        self.leave()
        return node

    def product(self) -> Node:
        node = self.signed()
        while True:
            token = self.current
            if token.kind == "op" and token.text in "*/":
                self.advance()
                self.expect_operand(token)
                node = self.make("mul" if token.text == "*" else "div", node, self.signed())
            elif token.kind in ("name", "(", "root"):
                node = self.make("mul", node, self.power())
            elif token.kind == "number":
                raise ExpressionError(
                    f"a number right after another factor at position {token.position} is "
                    "ambiguous: write numbers before what they multiply (2x, not x2), or use *"
                )
            else:
                return node

    def signed(self) -> Node:
        signs = []
        while self.current.kind == "op" and self.current.text in "+-":
            signs.append(self.advance())
        if signs:
            self.expect_operand(signs[-1])
        node = self.power()
        for sign in reversed(signs):
            if sign.text == "-":
                node = self.make("neg", node)
        return node

    def power(self) -> Node:
        base = self.postfix()
        if self.current.kind == "op" and self.current.text == "^":
            op = self.advance()
            self.expect_operand(op)
            self.enter()
            exponent = self.signed()
            self.leave()
            return self.make("pow", base, exponent)
        return base

    def postfix(self) -> Node:
        node = self.primary()
        while self.current.kind in ("square", "cube"):
            literal = "2" if self.advance().kind == "square" else "3"
            exponent = self.make("number", name=literal, value=Fraction(literal))
            node = self.make("pow", node, exponent)
        return node

    def expect_operand(self, after: Token) -> None:
        token = self.current
        if token.kind in ("end", ")") or (token.kind == "op" and token.text in "*/^"):
            raise ExpressionError(
                f"something is missing after '{after.text}' at position {after.position}"
            )

    def primary(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return self.make("number", name=token.text, value=Fraction(token.text))
        if token.kind == "name":
            self.advance()
            if token.text == VARIABLE:
                return self.make("x", name="x")
            if token.text in CONSTANTS:
                return self.make("constant", name=token.text)
            return self.call(token)
        if token.kind == "(":
            return self.parenthesised(token)
        if token.kind == "root":
            self.advance()
            self.expect_operand(token)
            self.enter()
            argument = self.power()
            self.leave()
            return self.make("call", argument, name="sqrt")
        if token.kind == ")":
            raise ExpressionError(
                f"unbalanced parenthesis at position {token.position}: this ')' has no matching '('"
            )
        if token.kind == "end":
            raise ExpressionError("the function ends too early: something is missing at the end")
        raise ExpressionError(f"unexpected {self.shown(token)} at position {token.position}")

    def call(self, name: Token) -> Node:
        token = self.current
        if token.kind == "op" and token.text == "^":
            raise ExpressionError(
                f"write {name.text}(x)^2 for the square of {name.text}(x), "
                f"not {name.text}^2(x) (position {token.position})"
            )
        if token.kind != "(":
            raise ExpressionError(
                f"{name.text} needs parentheses: write {name.text}(x) (position {name.position})"
            )
        argument = self.parenthesised(token)
        return self.make("call", argument, name=name.text)

    def parenthesised(self, opening: Token) -> Node:
        self.advance()
        if self.current.kind == ")":
            raise ExpressionError(f"empty parentheses at position {opening.position}")
        if self.current.kind == "end":
            raise ExpressionError(
                f"unbalanced parenthesis at position {opening.position}: this '(' is never closed"
            )
        node = self.sum()
        if self.current.kind != ")":
            if self.current.kind == "end":
                raise ExpressionError(
                    f"unbalanced parenthesis at position {opening.position}: "
                    "this '(' is never closed"
                )
            token = self.current
            raise ExpressionError(f"unexpected {self.shown(token)} at position {token.position}")
        self.advance()
        return node


def parse_tree(text: str) -> Node:
    """Typed text -> this module's own checked tree (no SymPy involved, linear time).

    Raises ExpressionError (or its subclass ExpressionTooExpensive for size limits) with a
    message a learner can act on.
    """
    if not isinstance(text, str):
        raise ExpressionError("type a function of x, for example x^2 + 1")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionTooExpensive(
            f"this function is too long: at most {MAX_EXPRESSION_CHARS} characters"
        )
    if "=" in text:
        raise ExpressionError(
            f"unexpected '=' at position {text.index('=') + 1}: {_SPECIAL_HINTS['=']}"
        )
    tree = _Parser(tokenize(text)).parse()
    _check_tree(tree)
    return tree


# --- checks on the tree, before any SymPy work -------------------------------------------------

_FLOAT_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "ln": math.log,
    "log": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
}


def _check_tree(tree: Node) -> float | None:
    """Whitelist every node; bound exponents and constant parts; return the constant value.

    Constant parts are evaluated in floating point (never with SymPy): a value that overflows or
    exceeds MAX_CONSTANT_MAGNITUDE is refused as too expensive; one without a real value (ln(-1),
    1/0, sqrt(-2)) is refused as undefined. Returns None when the node depends on x.
    """
    if tree.kind not in NODE_KINDS:
        raise ExpressionError("this function contains something that is not allowed")
    values = [_check_tree(child) for child in tree.children]
    if tree.kind == "pow" and values[1] is not None and abs(values[1]) > MAX_EXPONENT:
        raise ExpressionTooExpensive(
            f"the exponent in {to_text(tree)[:40]} is too large: at most {MAX_EXPONENT} in size"
        )
    if tree.kind == "pow" and values[0] is not None and values[1] is None and values[0] <= 0:
        raise ExpressionError(
            f"{to_text(tree)[:60]}: a base of 0 or below with x in the exponent has no real "
            "value for most x; use a positive base, as in 2^x"
        )
    if tree.kind == "div" and values[1] is not None and abs(values[1]) < 1e-12:
        divisor = to_text(tree.children[1])[:60]
        detail = "" if divisor == "0" else f": {divisor} is 0 (or extremely close to 0)"
        raise ExpressionError(f"a division by zero is undefined{detail}")
    if tree.kind == "x" or any(v is None for v in values):
        return None
    try:
        value = _float_value(tree, values)
    except OverflowError:
        value = math.inf
    except (ValueError, ZeroDivisionError):
        value = math.nan
    if math.isnan(value):
        raise ExpressionError(f"{to_text(tree)[:60]} has no real value (it is undefined)")
    if abs(value) > MAX_CONSTANT_MAGNITUDE:
        raise ExpressionTooExpensive(
            f"the number {to_text(tree)[:60]} is too large to work with "
            f"(above {MAX_CONSTANT_MAGNITUDE:.0e})"
        )
    return value


def _float_value(node: Node, values: list[float]) -> float:
    match node.kind:
        case "number":
            return float(node.value)
        case "constant":
            return math.e if node.name == "e" else math.pi
        case "add":
            return values[0] + values[1]
        case "sub":
            return values[0] - values[1]
        case "mul":
            return values[0] * values[1]
        case "div":
            return values[0] / values[1]
        case "neg":
            return -values[0]
        case "pow":
            base, exponent = values
            if base < 0 and not float(exponent).is_integer():
                return _real_odd_root_power(base, exponent)
            result = base**exponent
            return float(result)
        case "call":
            if node.name == "tan" and abs(math.cos(values[0])) < 1e-15:
                return math.nan
            return float(_FLOAT_FUNCTIONS[node.name](values[0]))
    raise ExpressionError("this function contains something that is not allowed")


def _real_odd_root_power(base: float, exponent: float) -> float:
    """(-8)^(1/3) = -2: a negative base is allowed when the exponent is p/q with q odd."""
    fraction = Fraction(exponent).limit_denominator(1000)
    if fraction.denominator % 2 == 0 or abs(float(fraction) - exponent) > 1e-12:
        return math.nan
    return (-1.0) ** fraction.numerator * abs(base) ** exponent


_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}


def to_text(tree: Node) -> str:
    """The canonical plain text of a tree, e.g. '2x' -> '2*x' (used as a cache key and as code)."""
    match tree.kind:
        case "number" | "x" | "constant":
            return tree.name
        case "call":
            return f"{tree.name}({to_text(tree.children[0])})"
        case "neg":
            return "-" + _wrapped(tree.children[0], 3, strict=True)
        case "pow":
            base, exponent = tree.children
            return f"{_wrapped(base, 4, strict=True)}^{_wrapped(exponent, 4, strict=False)}"
    left, right = tree.children
    symbol = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[tree.kind]
    level = _PRECEDENCE[tree.kind]
    return f"{_wrapped(left, level, strict=False)}{symbol}{_wrapped(right, level, strict=True)}"


def _wrapped(tree: Node, level: int, *, strict: bool) -> str:
    own = _PRECEDENCE.get(tree.kind, 5)
    text = to_text(tree)
    if own < level or (strict and own == level and tree.kind != "neg"):
        return f"({text})"
    return text


def canonical_text(text: str) -> str:
    """The canonical form of typed text: equal for '2x', '2*x' and ' 2 * x '."""
    return to_text(parse_tree(text))


# --- building SymPy objects from the checked tree ---------------------------------------------

_SYMPY_FUNCTIONS = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
}


def build_sympy(tree: Node) -> sympy.Expr:
    """Turn a checked tree into a SymPy expression in the real symbol X.

    A function applied to a constant is built with evaluate=False: SymPy's automatic evaluation
    of e.g. sin(3 + exp(...)) is where construction can blow up. Everything else is small by now.
    """
    match tree.kind:
        case "number":
            return sympy.Rational(tree.value.numerator, tree.value.denominator)
        case "x":
            return X
        case "constant":
            return sympy.E if tree.name == "e" else sympy.pi
        case "call":
            argument = build_sympy(tree.children[0])
            function = _SYMPY_FUNCTIONS[tree.name]
            if argument.free_symbols:
                return function(argument)
            return function(argument, evaluate=False)
        case "neg":
            return -build_sympy(tree.children[0])
    left, right = (build_sympy(child) for child in tree.children)
    match tree.kind:
        case "add":
            return left + right
        case "sub":
            return left - right
        case "mul":
            if (left.is_Number and right.is_Add) or (right.is_Number and left.is_Add):
                # keep 3(x+1) as typed (SymPy would distribute it to 3x + 3)
                return sympy.Mul(left, right, evaluate=False)
            return left * right
        case "div":
            return left / right
        case "pow":
            return sympy.Pow(left, right)
    raise ExpressionError("this function contains something that is not allowed")


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)


def parse_function(text: str) -> sympy.Expr:
    """Typed text -> a SymPy expression in X = Symbol("x", real=True), safely.

    Raises ExpressionError with a learner-actionable message, e.g. "unknown name 'y': use x as
    the variable" or "unbalanced parenthesis at position 7"; size limits raise its subclass
    ExpressionTooExpensive. No eval: see the module docstring.
    """
    expression = build_sympy(parse_tree(text))
    if any(expression.has(bad) for bad in _UNDEFINED):
        raise ExpressionError(
            "this function is undefined everywhere (e.g. a division by zero) or not real"
        )
    return expression


def expression_latex(expr: sympy.Expr) -> str:
    """LaTeX of a parsed expression (ln for the natural log); 'undefined' for zoo or nan."""
    if any(expr.has(bad) for bad in _UNDEFINED):
        return r"\text{undefined}"
    return sympy.latex(expr, ln_notation=True)


# --- numeric evaluation by walking the tree (no lambdify) --------------------------------------

NumericFunction = Callable[[np.ndarray | float], np.ndarray]

_NUMPY_FUNCTIONS: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.Abs: np.abs,
    sympy.sign: np.sign,
}


def numeric_function(expr: sympy.Expr) -> NumericFunction:
    """A numpy function for expr, made by walking its tree; nan wherever f is undefined.

    x^(p/q) with q odd uses the real root, so x^(1/3) is -1 at x = -1 (numpy would give nan).
    """
    compiled = _compile(expr)

    def evaluate(x: np.ndarray | float) -> np.ndarray:
        values = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            result = np.asarray(compiled(values), dtype=float) + np.zeros_like(values)
        return np.where(np.isfinite(result), result, np.nan)

    return evaluate


def _compile(expr: sympy.Expr) -> Callable[[np.ndarray], np.ndarray]:
    if expr == X:
        return lambda x: x
    if expr.is_Atom and not expr.free_symbols:  # a number; i, zoo and nan have no real value
        value = float(expr) if expr.is_real and expr.is_finite else math.nan
        return lambda x: np.full_like(x, value)
    if isinstance(expr, sympy.Add | sympy.Mul):
        parts = [_compile(arg) for arg in expr.args]
        combine = np.add if isinstance(expr, sympy.Add) else np.multiply

        def reduce(x: np.ndarray) -> np.ndarray:
            total = parts[0](x)
            for part in parts[1:]:
                total = combine(total, part(x))
            return total

        return reduce
    if isinstance(expr, sympy.Pow):
        return _compile_power(*expr.args)
    function = _NUMPY_FUNCTIONS.get(expr.func)
    if function is not None and len(expr.args) == 1:
        argument = _compile(expr.args[0])
        return lambda x: function(argument(x))
    raise ExpressionError(f"cannot evaluate {type(expr).__name__} numerically")


def _compile_power(base_expr: sympy.Expr, exponent_expr: sympy.Expr):
    base = _compile(base_expr)
    if exponent_expr.is_Rational and not exponent_expr.is_Integer and exponent_expr.q % 2 == 1:
        p, q = int(exponent_expr.p), int(exponent_expr.q)
        return lambda x: np.sign(base(x)) ** (p % 2) * np.abs(base(x)) ** (p / q)
    if exponent_expr.is_Integer:
        n = float(exponent_expr)
        return lambda x: np.power(base(x), n)
    exponent = _compile(exponent_expr)
    return lambda x: np.power(base(x), exponent(x))


# --- typed answers ----------------------------------------------------------------------------

_SAMPLE_POINTS = np.array(
    [-2.7, -1.9, -1.3, -0.8, -0.35, 0.15, 0.45, 0.9, 1.35, 1.75, 2.2, 2.95, 3.6, 4.4, 5.3]
)


def equivalent(answer_text: str, expected_expr: sympy.Expr) -> tuple[bool, str]:
    """Is the typed answer the same function as expected_expr? Returns (correct, message).

    The answer goes through parse_function (same limits). The comparison is bounded: a
    symbolic check, expand(answer - expected) == 0 (only for small expressions, whose expansion
    is small), then an identity test that evaluates both exact trees at fixed points where the
    expected function is defined: two different elementary functions almost never agree at all of
    them, and one disagreement is a definite "no", reported with the point.
    For typed text on the server, call core.expression_worker.check_equivalent, which runs this
    in the time-limited worker.
    """
    try:
        answer = parse_function(answer_text)
    except ExpressionError as error:
        return False, f"That answer could not be read: {error}"
    if _small(answer) and _small(expected_expr) and sympy.expand(answer - expected_expr) == 0:
        return True, "Correct: your answer equals the derivative."
    mine = numeric_function(answer)(_SAMPLE_POINTS)
    theirs = numeric_function(expected_expr)(_SAMPLE_POINTS)
    defined = np.isfinite(theirs)
    if defined.sum() < 3:
        return (
            False,
            "This cannot be checked: the expected function is undefined at the test points.",
        )
    for point, a, b in zip(_SAMPLE_POINTS[defined], mine[defined], theirs[defined], strict=True):
        if not np.isfinite(a) or abs(a - b) > 1e-8 * max(1.0, abs(b)):
            shown = "undefined" if not np.isfinite(a) else f"{a:.6g}"
            return False, f"Not quite: at x = {point:g} your answer gives {shown}, not {b:.6g}."
    return True, "Correct: your answer agrees with the derivative everywhere we checked."


def _small(expr: sympy.Expr) -> bool:
    """Small enough that expand() stays cheap: few operations and only small integer powers."""
    if sympy.count_ops(expr) > 40:
        return False
    return all(not (p.exp.is_Integer and abs(int(p.exp)) > 12) for p in expr.atoms(sympy.Pow))
