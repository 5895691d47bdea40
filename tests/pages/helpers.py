"""Open a page of the real app in AppTest, optionally through a deep link."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(ROOT / "streamlit_app.py")


def open_page(
    script: str, params: dict[str, str | list[str]] | None = None, timeout: float = 60
) -> AppTest:
    """Run the entry script, switch to `script` (e.g. "app_pages/slopes.py") with `params` as
    the query string, and return the finished AppTest."""
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    if script != "app_pages/home.py":
        at.switch_page(script)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def all_text(at: AppTest) -> str:
    """Every markdown, caption, LaTeX, metric and alert text on the page, joined."""
    parts: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "latex",
        "title",
        "header",
        "subheader",
        "info",
        "success",
        "warning",
        "error",
        "text",
        "code",
    ):
        parts.extend(str(el.value) for el in at.get(kind))
    parts.extend(f"{m.label} {m.value}" for m in at.get("metric"))
    return "\n".join(parts)
