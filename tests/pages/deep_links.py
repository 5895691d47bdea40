"""Every deep link the page tests open, read from their source with `ast` (nothing is run).

A link is a call `open_page(PAGE, {...})` (or `drawn_by_fragment(monkeypatch, PAGE, {...})`,
or a module-level wrapper around either, such as `open_log_loss(heads="16", tails="4")`)
whose page and query can be worked out from literals: module constants, the call's own
arguments and the enclosing test's `pytest.mark.parametrize` rows. A link built at run time
(a loop, an f-string, a registered page's spec) is left out. So a deep link added to a page
test is picked up by the guards that use this module without editing them.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

PAGE_TESTS = Path(__file__).resolve().parent
OPENERS = {"open_page": (0, 1), "drawn_by_fragment": (1, 2)}  # name: (page arg, params arg)


def _has_call(node: ast.AST) -> bool:
    return any(isinstance(sub, ast.Call) for sub in ast.walk(node))


def _value(node: ast.AST | None, env: dict[str, object]) -> object:
    """The value of a call-free expression over `env`; raises if it cannot be known."""
    if node is None or _has_call(node):
        raise ValueError("not a literal")
    names = {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name)}
    if not names <= env.keys():
        raise ValueError("unknown name")
    code = compile(ast.Expression(body=node), "<link>", "eval")
    return eval(code, {"__builtins__": {}}, {name: env[name] for name in names})  # noqa: S307


class _Unknown:
    """A parametrize value that is not a literal (a call such as math.cos(0.5))."""


def _known(node: ast.AST, env: dict[str, object]) -> object:
    try:
        return _value(node, env)
    except Exception:
        return _Unknown()


def _query(value: object) -> dict[str, str | list[str]] | None:
    if not isinstance(value, dict):
        return None
    query: dict[str, str | list[str]] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            return None
        if isinstance(item, list | tuple):
            query[key] = [str(part) for part in item]
        elif isinstance(item, str | int | float) and not isinstance(item, bool):
            query[key] = str(item)
        else:
            return None
    return query


def _module_constants(tree: ast.Module) -> dict[str, object]:
    env: dict[str, object] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                try:
                    env[target.id] = _value(statement.value, env)
                except Exception:
                    pass
    return env


def _parametrize_rows(function: ast.FunctionDef, env: dict[str, object]) -> list[dict]:
    """Each combination of the test's parametrize rows, as {argument: value}."""
    tables: list[list[dict]] = []
    for decorator in function.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "parametrize"
            and len(decorator.args) >= 2
        ):
            continue
        try:
            names = _value(decorator.args[0], env)
            if isinstance(names, str):
                names = [n.strip() for n in names.split(",") if n.strip()]
            names = list(names)  # type: ignore[arg-type]
            values = decorator.args[1]
            if isinstance(values, ast.List | ast.Tuple):
                rows = [_row(element, names, env) for element in values.elts]
            else:
                rows = [
                    dict(zip(names, row if len(names) > 1 else [row], strict=False))
                    for row in _value(values, env)  # type: ignore[attr-defined]
                ]
        except Exception:
            rows = [{}]
        tables.append(rows)
    return [
        dict(itertools.chain.from_iterable(d.items() for d in combo))
        for combo in itertools.product(*tables)
    ]


def _row(element: ast.AST, names: list[str], env: dict[str, object]) -> dict[str, object]:
    """One parametrize row as {argument: value}; a value that is not a literal is _Unknown."""
    if isinstance(element, ast.Call) and element.args:  # pytest.param(...)
        element = element.args[0] if len(element.args) == 1 else ast.Tuple(element.args)
    parts = element.elts if len(names) > 1 and isinstance(element, ast.Tuple) else [element]
    return {name: _known(part, env) for name, part in zip(names, parts, strict=False)}


class _Opener:
    """How a call opens a page: which arguments are its page and its query."""

    def __init__(self, page: ast.AST, params: ast.AST | None, function: ast.FunctionDef | None):
        self.page, self.params, self.function = page, params, function

    def links(self, call: ast.Call, env: dict[str, object]) -> Iterator[tuple[str, dict]]:
        local = dict(env)
        if self.function is not None:  # a wrapper: bind the call's arguments to its parameters
            spec = self.function.args
            names = [a.arg for a in spec.args]
            defaults = dict(
                zip(names[len(names) - len(spec.defaults) :], spec.defaults, strict=True)
            )
            for name, node in defaults.items():
                local[name] = _value(node, env)
            for name, node in zip(names, call.args, strict=False):
                local[name] = _value(node, env)
            extra = {}
            for keyword in call.keywords:
                if keyword.arg in names:
                    local[keyword.arg] = _value(keyword.value, env)
                elif keyword.arg is not None:
                    extra[keyword.arg] = _value(keyword.value, env)
            if spec.kwarg is not None:
                local[spec.kwarg.arg] = extra
        page = _value(self.page, local)
        query = _query(_value(self.params, local) or {}) if self.params is not None else {}
        if isinstance(page, str) and query is not None:
            yield page, query


def _direct(call: ast.Call) -> _Opener | None:
    if isinstance(call.func, ast.Name) and call.func.id in OPENERS:
        page_at, params_at = OPENERS[call.func.id]
        if len(call.args) <= page_at:
            return None
        params = call.args[params_at] if len(call.args) > params_at else None
        return _Opener(call.args[page_at], params, None)
    return None


def links_in(source: str) -> list[tuple[str, dict]]:
    """(page script, query) for every deep link a page-test module opens."""
    tree = ast.parse(source)
    env = _module_constants(tree)
    wrappers: dict[str, _Opener] = {}
    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef) and not statement.name.startswith("test"):
            for call in (n for n in ast.walk(statement) if isinstance(n, ast.Call)):
                opener = _direct(call)
                if opener is not None:
                    wrappers[statement.name] = _Opener(opener.page, opener.params, statement)
    found: list[tuple[str, dict]] = []
    for statement in tree.body:
        if not (isinstance(statement, ast.FunctionDef) and statement.name.startswith("test")):
            continue
        for row in _parametrize_rows(statement, env):
            scope = {**env, **row}
            for call in (n for n in ast.walk(statement) if isinstance(n, ast.Call)):
                opener = _direct(call)
                if opener is None and isinstance(call.func, ast.Name):
                    opener = wrappers.get(call.func.id)
                if opener is None:
                    continue
                try:
                    found.extend(opener.links(call, scope))
                except Exception:
                    continue
    return found


def page_test_links() -> dict[str, list[dict]]:
    """Every page's deep links from tests/pages/test_*.py, deduplicated, in file order."""
    links: dict[str, list[dict]] = {}
    for path in sorted(PAGE_TESTS.glob("test_*.py")):
        for page, query in links_in(path.read_text()):
            known = links.setdefault(page, [])
            if query and query not in known:
                known.append(query)
    return links
