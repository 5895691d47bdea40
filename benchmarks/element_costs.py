"""What each kind of element costs the browser when a slider's fragment reruns.

Writes small variant apps, each a fragment with one slider, one markdown line and something
more, serves each on a real server, moves the slider in headless Chromium with the same timing
as `benchmarks/run.py` (keydown -> script finished and the DOM quiet), and prints per variant
the median ms per move and the extra over the bare variant. Rounds alternate the order of the
variants so a busy moment of this shared machine falls on all of them.

    .venv/bin/python benchmarks/element_costs.py [--rounds 3] [--moves 12] [variant ...]

The figures price the levers in docs/PERFORMANCE.md: an element that reruns unchanged, an
element outside the fragment (drawn once, yet the browser revisits it on every move), a
formula typeset by KaTeX (in its own element or many in one), the same formulas as MathML
(typeset by the browser itself; `st.html` strips MathML, markdown with HTML allowed keeps it),
and charts by their number of rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.run import time_moves  # noqa: E402
from harness.chromium import (  # noqa: E402
    LAPTOP,
    LAUNCH_ARGS,
    chromium_path,
    open_page,
)
from harness.server import free_port, start_server, stop_server  # noqa: E402

HEADER = """import numpy as np
import pandas as pd
import streamlit as st


def chart(k, x, rows):
    xs = np.linspace(0, 1, rows)
    frame = pd.DataFrame({"x": xs, "y": np.sin(xs * x + k)})
    spec = {"mark": {"type": "line"}, "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"}}}
    st.vega_lite_chart(frame, spec, width="stretch")


def tex(i, x):
    return f"Line {i}: $\\\\frac{{d}}{{dx}} x^{{{x}}} = {x} x^{{{x - 1}}}$ and words."


def mathml(i, x):
    return (f"<p>Line {i}: <math><mfrac><mi>d</mi><mrow><mi>d</mi><mi>x</mi></mrow></mfrac>"
            f"<msup><mi>x</mi><mn>{x}</mn></msup><mo>=</mo><mn>{x}</mn>"
            f"<msup><mi>x</mi><mn>{x - 1}</mn></msup></math> and words.</p>")


def quiz(i):
    @st.fragment
    def question():
        st.radio(f"Question {i}?", ["yes", "no", "maybe"], index=None, key=f"q{i}")

    with st.container(border=True):
        question()


@st.fragment
def unit():
    x = st.slider("x", 0, 100, 50)
    st.markdown(f"value $x = {x}$")
"""

#: marks a variant whose lines go after the fragment, outside it (drawn once per page load)
OUTSIDE = "# outside\n"

#: variant name -> the fragment's body after the slider and its markdown line
VARIANTS: dict[str, str] = {
    "bare": "",
    "10 plain lines, unchanged": '    for i in range(10):\n        st.markdown(f"Static line {i}.")\n',
    "10 plain lines, changing": (
        '    for i in range(10):\n        st.markdown(f"Line {i}: **{x * 3}** and words.")\n'
    ),
    "10 KaTeX lines, unchanged": (
        '    for i in range(10):\n        st.markdown(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$.")\n'
    ),
    "10 KaTeX lines, changing": "    for i in range(10):\n        st.markdown(tex(i, x))\n",
    "10 KaTeX lines in one element": (
        '    st.markdown("\\n\\n".join(tex(i, x) for i in range(10)))\n'
    ),
    "10 MathML lines in one element": (
        '    st.markdown("".join(mathml(i, x) for i in range(10)), unsafe_allow_html=True)\n'
    ),
    "1 chart, 400 rows": "    chart(0, x, 400)\n",
    "1 chart, 100 rows": "    chart(0, x, 100)\n",
    "3 charts, 100 rows each": "    for k in range(3):\n        chart(k, x, 100)\n",
    "3 charts, 400 rows each": "    for k in range(3):\n        chart(k, x, 400)\n",
    "outside: 10 radios": OUTSIDE
    + 'for i in range(10):\n    st.radio(f"Q{i}?", ["a", "b"], index=None, key=f"q{i}")\n',
    "outside: 10 quizzes (box + fragment + radio)": OUTSIDE + "for i in range(10):\n    quiz(i)\n",
    "outside: 10 KaTeX lines": OUTSIDE
    + 'for i in range(10):\n    st.markdown(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$.")\n',
    "outside: 10 plain lines": OUTSIDE
    + 'for i in range(10):\n    st.markdown(f"Static line {i}.")\n',
    "outside: 10 KaTeX lines in one element": OUTSIDE
    + 'st.markdown("\\n\\n".join(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$." for i in range(10)))\n',
    "outside: 10 st.latex": OUTSIDE
    + 'for i in range(10):\n    st.latex(f"{i} + \\\\frac{{d}}{{dx}} x^2 = 2x")\n',
    "outside: 10 KaTeX lines in a closed expander": OUTSIDE
    + 'with st.expander("maths"):\n    for i in range(10):\n        st.markdown(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$.")\n',
    "outside: 10 KaTeX lines in their own fragment": OUTSIDE
    + '@st.fragment\ndef static():\n    for i in range(10):\n        st.markdown(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$.")\n\n\nstatic()\n',
    "outside: 10 charts, 100 rows each": OUTSIDE + "for k in range(10):\n    chart(k, 3, 100)\n",
    # a page the size of the lesson pages (40-85 elements): what the rest of the page costs a
    # slider whose fragment is as small as the floor's, and what merging paragraphs saves
    "outside: 80 plain lines": OUTSIDE
    + 'for i in range(80):\n    st.markdown(f"Static line {i}.")\n',
    "outside: 80 KaTeX lines": OUTSIDE
    + 'for i in range(80):\n    st.markdown(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$.")\n',
    "outside: 80 KaTeX lines in 8 elements": OUTSIDE
    + 'for g in range(8):\n    st.markdown("\\n\\n".join(f"Static {i}: $\\\\frac{{d}}{{dx}} x^2 = 2x$." for i in range(10)))\n',
}


def write_apps(folder: Path, names: list[str]) -> dict[str, Path]:
    apps = {}
    for index, name in enumerate(names):
        path = folder / f"variant_{index}.py"
        body = VARIANTS[name]
        if body.startswith(OUTSIDE):  # drawn after the fragment, outside it
            text = HEADER + "\n\nunit()\n" + body
        else:
            text = HEADER + body + "\n\nunit()\n"
        path.write_text(text)
        apps[name] = path
    return apps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", help="names from VARIANTS (default: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--moves", type=int, default=12)
    args = parser.parse_args()
    names = args.variants or list(VARIANTS)
    unknown = [name for name in names if name not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants {unknown}; choose from {list(VARIANTS)}")
    if "bare" not in names:
        names = ["bare", *names]
    samples: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp:
        # the app's own settings (no full garbage collection after each rerun, as for the app)
        (Path(tmp) / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", Path(tmp) / ".streamlit")
        apps = write_apps(Path(tmp), names)
        servers = {}
        try:
            for name, app in apps.items():
                port = free_port()
                servers[name] = (start_server(port, entry=str(app), cwd=Path(tmp)), port)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
                )
                for round_index in range(args.rounds):
                    order = names if round_index % 2 == 0 else names[::-1]
                    for name in order:
                        context = browser.new_context(viewport=LAPTOP)
                        page = context.new_page()
                        open_page(page, f"http://127.0.0.1:{servers[name][1]}", "")
                        samples[name] += time_moves(page, 0, args.moves)
                        context.close()
                browser.close()
        finally:
            for process, _ in servers.values():
                stop_server(process)
    bare = statistics.median(samples["bare"])
    print(f"{'variant':34s} {'median':>8s} {'extra':>8s} {'n':>4s}")
    for name in names:
        median = statistics.median(samples[name])
        print(f"{name:34s} {median:7.1f}  {median - bare:+7.1f}  {len(samples[name]):4d}")


if __name__ == "__main__":
    main()
