"""The safe expression engine: typed text -> a SymPy function of the real variable x.

Four steps, one module each, in the order the text goes through them:
- `tokenizer`: text -> tokens over a small alphabet (names x, e, pi and eight functions);
- `grammar`: tokens -> this package's own tree (`Node`), by recursive descent;
- `tree`: the checks on that tree (whitelisted node kinds, bounded exponents and constants)
  and its canonical text;
- `to_sympy`: the checked tree -> SymPy objects, built node by node; `numeric`: numpy values
  from them by walking the SymPy tree, and the check of a typed answer.

Why a hand-written recursive-descent parser rather than a grammar library or SymPy's parser:
- no dependency to install, pin or audit on a public server;
- full control of every node: the parser produces its own small tree, each node kind and each
  name is checked against a whitelist, and SymPy objects are built from that tree only; the
  text itself never reaches Python's or SymPy's evaluation machinery (no eval, exec, sympify,
  parse_expr or lambdify anywhere in the path), so there is nothing to inject;
- every bound (length, nesting depth, node count, literal size, exponent size, size of
  constant parts) is checked on the tree, *before* any SymPy work, with a message a learner
  can act on.
Typed text on the server goes through core.expression_worker, which runs the SymPy steps in a
killable worker process with a time limit (/work/shared/notes/expression-safety.md).

Functions: sin cos tan exp ln log (log is the natural logarithm, like ln) sqrt abs.
Characters accepted besides ASCII: ² ³ √ π − × · ÷.
"""

from core.expressions.grammar import canonical_text, parse_tree
from core.expressions.numeric import NumericFunction, equivalent, numeric_function
from core.expressions.to_sympy import X, build_sympy, expression_latex, parse_function
from core.expressions.tokenizer import (
    CONSTANTS,
    FUNCTIONS,
    VARIABLE,
    ExpressionError,
    ExpressionTooExpensive,
    Token,
    tokenize,
)
from core.expressions.tree import NODE_KINDS, Node, to_text

__all__ = [
    "CONSTANTS",
    "FUNCTIONS",
    "NODE_KINDS",
    "VARIABLE",
    "X",
    "ExpressionError",
    "ExpressionTooExpensive",
    "Node",
    "NumericFunction",
    "Token",
    "build_sympy",
    "canonical_text",
    "equivalent",
    "expression_latex",
    "numeric_function",
    "parse_function",
    "parse_tree",
    "to_text",
    "tokenize",
]
