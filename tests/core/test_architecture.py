"""Dependencies flow one way: pages -> dashboard -> core. `core` knows no user interface."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_CORE = {"streamlit", "altair"}
RAW_EVALUATORS = {"eval", "exec", "sympify", "parse_expr"}


def imported_top_level_modules(source: str) -> set[str]:
    """The top-level package names that a Python source imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def called_names(source: str) -> set[str]:
    """The bare or attribute names of every call in a source (`eval(...)`, `sympy.sympify(...)`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


CORE_FILES = sorted((ROOT / "core").rglob("*.py"))
APP_FILES = sorted(
    [*CORE_FILES, *(ROOT / "dashboard").rglob("*.py"), *(ROOT / "app_pages").rglob("*.py")]
)


def test_the_import_walker_sees_both_import_forms():
    source = "import streamlit as st\nfrom altair import Chart\nfrom .x import y\n"
    assert imported_top_level_modules(source) == {"streamlit", "altair"}


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_imports_no_user_interface(path: Path):
    imported = imported_top_level_modules(path.read_text(encoding="utf-8"))
    assert not (imported & FORBIDDEN_IN_CORE), f"{path} imports {imported & FORBIDDEN_IN_CORE}"


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_app_file_calls_a_raw_evaluator(path: Path):
    """Text must never reach eval/exec/sympify/parse_expr (the safe parser builds SymPy trees)."""
    used = called_names(path.read_text(encoding="utf-8")) & RAW_EVALUATORS
    assert not used, f"{path} calls {used}"


@pytest.mark.parametrize("path", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_page_scripts_hold_no_altair(path: Path):
    assert "altair" not in imported_top_level_modules(path.read_text(encoding="utf-8"))


def test_the_entry_script_only_navigates():
    source = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    assert "st.navigation(" in source
    assert imported_top_level_modules(source) <= {"streamlit", "dashboard"}


def test_no_two_modules_of_core_or_the_kit_define_the_same_public_name():
    """One name, one meaning (issue 17): a public function or class is defined in one module
    of core/ (and of each kit package) only, so `house_working` or `stationary_points` says
    which idea it is without reading the import."""
    import ast
    import collections
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for package in ("core", "core/expressions", "dashboard", "dashboard/charts"):
        defined = collections.defaultdict(list)
        for path in sorted((root / package).glob("*.py")):
            if path.name == "__init__.py":
                continue
            for node in ast.parse(path.read_text()).body:
                is_def = isinstance(node, ast.FunctionDef | ast.ClassDef)
                if is_def and not node.name.startswith("_"):
                    defined[node.name].append(path.name)
        twice = {name: files for name, files in defined.items() if len(files) > 1}
        assert not twice, (package, twice)
