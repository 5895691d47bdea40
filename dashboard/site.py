"""The list of pages, in the order a learner meets them.

The entry script builds `st.Page` objects from this list; tests parametrise over it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: its script, title, URL path, icon and navigation section."""

    script: str
    title: str
    url_path: str
    icon: str
    section: str
    summary: str
    default: bool = False


PAGE_SPECS: list[PageSpec] = [
    PageSpec(
        "app_pages/home.py",
        "Home",
        "home",
        "🏠",
        "Start here",
        "What the app teaches and how to use it.",
        default=True,
    ),
    PageSpec(
        "app_pages/slopes/page.py",
        "Slopes",
        "slopes",
        "📈",
        "1 · Derivatives",
        "From average to instantaneous rate of change.",
    ),
    PageSpec(
        "app_pages/rules/page.py",
        "Rules",
        "rules",
        "🧮",
        "1 · Derivatives",
        "Derivatives without limits: the rules, step by step.",
    ),
    PageSpec(
        "app_pages/non_differentiability/page.py",
        "Non-differentiability",
        "non-differentiability",
        "📐",
        "1 · Derivatives",
        "Corners, cusps, jumps and vertical tangents.",
    ),
    PageSpec(
        "app_pages/cost_functions/page.py",
        "Cost functions",
        "cost-functions",
        "🎯",
        "2 · Optimisation",
        "Minimise a cost where its slope is zero.",
    ),
    PageSpec(
        "app_pages/log_loss/page.py",
        "Log loss",
        "log-loss",
        "🪙",
        "2 · Optimisation",
        "The coin, the likelihood, and why we take logs.",
    ),
    PageSpec(
        "app_pages/regression/page.py",
        "Regression",
        "regression",
        "📉",
        "2 · Optimisation",
        "Fit a line by minimising the squared error.",
    ),
]


def registered_pages() -> list[PageSpec]:
    """The pages that are live, home first."""
    return list(PAGE_SPECS)
