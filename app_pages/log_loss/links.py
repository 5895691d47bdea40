"""Where this page links to, found by URL path in dashboard.site's list of pages, so that the
links follow a page when its script moves (rules.py became rules/page.py, and so on)."""

from __future__ import annotations

from dashboard.site import registered_pages


def page_script(url_path: str) -> str:
    """The script registered for /url_path."""
    return next(spec.script for spec in registered_pages() if spec.url_path == url_path)


def next_page(url_path: str) -> tuple[str, str]:
    """(script, title) of the page that follows /url_path in the learner's order."""
    pages = registered_pages()
    index = next(i for i, spec in enumerate(pages) if spec.url_path == url_path)
    following = pages[index + 1]
    return following.script, following.title
