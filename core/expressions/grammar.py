"""The grammar of the safe expression engine: tokens -> the checked tree (core.expressions.tree).

A hand-written recursive-descent parser (the package docstring says why). Grammar (implicit
multiplication binds like `*`; `^` and `**` are the same, right-associative):

    sum      := product (("+" | "-") product)*
    product  := signed (("*" | "/") signed | <implicit> power)*
    signed   := ("+" | "-")* power
    power    := postfix ("^" signed)?
    postfix  := primary ("²" | "³")*
    primary  := NUMBER | "x" | "e" | "pi" | FUNCTION "(" sum ")" | "(" sum ")" | "√" power

Nesting depth and node count are bounded while parsing; the finished tree is checked by
core.expressions.tree.check_tree before it is returned.
"""

from __future__ import annotations

from fractions import Fraction

from core.expressions.tokenizer import (
    _SPECIAL_HINTS,
    CONSTANTS,
    VARIABLE,
    ExpressionError,
    ExpressionTooExpensive,
    Token,
    tokenize,
)
from core.expressions.tree import Node, check_tree, to_text
from core.limits import MAX_EXPRESSION_CHARS, MAX_EXPRESSION_NODES, MAX_NESTING_DEPTH


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
    check_tree(tree)
    return tree


def canonical_text(text: str) -> str:
    """The canonical form of typed text: equal for '2x', '2*x' and ' 2 * x '."""
    return to_text(parse_tree(text))
