"""Where a page's controls can be seen: the page at its defaults, Rules once per tab, and each
section that is built only while it is open (an expander bound to the address bar,
`st.expander(key=..., bind="query-params")`), opened by its link.

Read from the source without running it, so a new tab or a new link-bound section is measured
without editing the benchmarks.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from dashboard.site import registered_pages

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class View:
    """One address to open: `page` is the page's url path, `path` what follows the host."""

    page: str
    path: str
    opened: bool = False  # the page with its link-bound sections open


def rule_tabs() -> list[str]:
    """The keys of Rules' tabs (`RULES` in app_pages/rules/page.py)."""
    tree = ast.parse((ROOT / "app_pages" / "rules" / "page.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "RULES":
            return [key.value for key in node.value.keys]  # type: ignore[union-attr]
    return []


def _constants(tree: ast.Module) -> dict[str, str]:
    return {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }


def link_bound_sections(folder: Path) -> list[str]:
    """The `?key=` of every expander in the page's folder that is bound to the address bar."""
    keys = []
    for module in sorted(folder.glob("*.py")):
        tree = ast.parse(module.read_text())
        names = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "expander"):
                continue
            given = {k.arg: k.value for k in node.keywords}
            bind, key = given.get("bind"), given.get("key")
            if not (isinstance(bind, ast.Constant) and bind.value == "query-params"):
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys.append(key.value)
            elif isinstance(key, ast.Name) and key.id in names:
                keys.append(names[key.id])
    return keys


def views(pages: list[str] | None = None) -> list[View]:
    """Every address to visit, in page order: each page at its defaults (Rules once per tab),
    then, where it has link-bound sections, the page with all of them open."""
    wanted = {page.split("?")[0].replace("_", "-") for page in pages or []}
    found = []
    for spec in registered_pages():
        name = spec.url_path
        if spec.default or (pages and name not in wanted):
            continue
        if name == "rules":
            found += [View(name, f"rules?rule={key}") for key in rule_tabs()]
        else:
            found.append(View(name, name))
        folder = ROOT / Path(spec.script).parent
        sections = link_bound_sections(folder)
        if sections:
            query = "&".join(f"{k}=true" for k in sections)
            found.append(View(name, f"{name}?{query}", opened=True))
    return found
