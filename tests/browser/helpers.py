"""Actions and measurements for the browser tests; waiting for the app is in harness.chromium."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page

from dashboard.touch_js import PAUSE_MS

# The tests import IDLE, SLIDER_THUMB, open_page and wait_for_idle from here (the harness has them).
from harness.chromium import IDLE, PHONE, SLIDER_THUMB, PageWatch, open_page, wait_for_idle  # noqa: F401

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def main_text(page: Page) -> str:
    """All visible text of the main area."""
    return page.locator('[data-testid="stMain"]').inner_text()


def press_slider(page: Page, label_text: str, key: str = "ArrowRight", times: int = 1) -> None:
    """Focus the slider whose label contains `label_text`, press `key`, wait for the rerun."""
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=label_text).first
    thumb = slider.locator(SLIDER_THUMB).first
    thumb.focus()
    for _ in range(times):
        thumb.press(key)
    page.wait_for_timeout(200)
    wait_for_idle(page)


def shot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under tests/browser/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    if full_page and viewport:
        # Streamlit scrolls an inner container, so grow the window to the content instead.
        height = page.evaluate(
            """() => Math.max(...Array.from(document.querySelectorAll('*'))
                .filter(el => el.scrollHeight > el.clientHeight + 2
                         && getComputedStyle(el).overflowY !== 'visible')
                .map(el => el.scrollHeight), document.body.scrollHeight)"""
        )
        page.set_viewport_size({"width": viewport["width"], "height": min(int(height) + 80, 12000)})
        page.wait_for_timeout(300)
        page.screenshot(path=str(path))
        page.set_viewport_size(viewport)
    else:
        page.screenshot(path=str(path))
    return path


def horizontal_overflow(page: Page) -> int:
    """How many pixels the document is wider than the viewport (0 when nothing overflows)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


WIDE_FORMULAS = """() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')]
    .filter(k => k.scrollWidth > k.clientWidth + 4)
    .map(k => [k.scrollWidth, k.clientWidth, k.innerText.replace(/\\s+/g, ' ').slice(0, 60)])"""


def wide_formulas(page: Page) -> list[list]:
    """The displayed formulas in the main area wider than their box, as [width, box, text]
    (KaTeX rounds a fitting formula up to 2 px over, hence the 4 px allowance); [] when all fit."""
    return page.evaluate(WIDE_FORMULAS)


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """The pairs of labels (dicts with text, left, right, top, bottom in px) whose boxes meet."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    ]


def touch_unit(page, param: str):
    """The touch unit (dashboard.touch) whose range input is bound to `?param=`."""
    return page.locator(".touch").filter(has=page.locator(f'input[data-param="{param}"]'))


def touch_metrics(unit) -> dict[str, str]:
    """The numbers a touch unit shows now, {label: value text}."""
    labels = unit.locator(".metric .label").all_inner_texts()
    values = unit.locator(".metric .number").all_inner_texts()
    return dict(zip(labels, values, strict=True))


def touch_formulas(unit) -> list[str]:
    """The LaTeX of each formula a touch unit shows now, read back from what KaTeX typeset
    (its MathML annotation): proof the formula on screen is the row's."""
    return unit.locator(".formulas .formula").evaluate_all(
        "(els) => els.map(e => (e.querySelector('annotation') || {}).textContent || '')"
    )


def sent_frames(page: Page) -> list[str]:
    """Every websocket frame the page sends from now on (register before the page opens):
    a touch unit's moves must send none until the learner pauses."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    return frames


# A formula of a touch unit whose typeset boxes reach outside its display box (scrollWidth
# alone misses it: the unit's formula box scrolls), as [left overflow, right overflow, text].
UNIT_WIDE_FORMULAS = """(displays) => displays.map((k) => {
    const box = k.getBoundingClientRect();
    const parts = [...k.querySelectorAll('.katex-html *')].map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0);
    const left = Math.min(...parts.map((r) => r.left)), right = Math.max(...parts.map((r) => r.right));
    return [Math.round(box.left - left), Math.round(right - box.right),
            k.innerText.replace(/\\s+/g, ' ').slice(0, 60)];
  }).filter(([left, right]) => left > 4 || right > 4)"""


def set_touch_position(knob, index: int) -> None:
    """Put a touch unit's range input at `index` at once, as a drag that lands there does
    (an `input` event, no key presses in between)."""
    knob.evaluate(
        "(el, i) => { el.value = String(i); el.dispatchEvent(new Event('input')); }", index
    )


# --- Recording a touch unit's redraws --------------------------------------------------------
# A move of a touch unit redraws it in the browser with no message to the server. To check
# every position drawn, the page itself notes what the unit shows at each redraw (a
# MutationObserver on the unit's data-position): the tests read the notes after the moves, so
# nothing waits between the moves (a wait longer than the unit's pause would send it to Python).

PAUSE = 700  # ms: past a touch unit's 350 ms pause (touch_js.PAUSE_MS), then Python's rerun

# One note per redraw: `values`, the value shown beside each input, in order; `metrics`,
# [label, number] of each number shown; `ticks` (when asked), the picture's text labels
# joined by spaces; `t`, the page's own clock. Recording again starts a new list.
RECORD_REDRAWS = """(root, ticks) => {
  if (window.__redrawObserver) window.__redrawObserver.disconnect();
  window.__redraws = [];
  window.__redrawObserver = new MutationObserver(() => window.__redraws.push({
    values: [...root.querySelectorAll('.controls .value')].map((v) => v.textContent),
    metrics: [...root.querySelectorAll('.metric')].map((m) => [
      m.querySelector('.label').textContent, m.querySelector('.number').textContent]),
    ticks: ticks
      ? [...root.querySelectorAll('.picture svg text')].map((t) => t.textContent).join(' ')
      : null,
    t: performance.now(),
  }));
  window.__redrawObserver.observe(root, {attributes: true, attributeFilter: ['data-position']});
}"""

# The gaps between the redraws noted, in ms, and the time since the last one: between the
# positions drawn (a redraw that shows the same values as the one before is not a new
# position), or with `every` between all redraws.
REDRAW_GAPS = """(every) => {
  const key = (r) => JSON.stringify(r.values);
  const drawn = every ? window.__redraws
    : window.__redraws.filter((r, i, all) => i === 0 || key(r) !== key(all[i - 1]));
  const times = [...drawn.map((r) => r.t), performance.now()];
  return times.slice(1).map((t, i) => t - times[i]);
}"""


def record_redraws(unit, ticks: bool = False) -> None:
    """From now on the page notes the inputs' shown values, the numbers (and with `ticks` the
    picture's text labels) and the time at every redraw of the touch `unit`."""
    unit.evaluate(RECORD_REDRAWS, ticks)


def redraws(page: Page, by: int | str = 0, ticks: bool = False) -> dict:
    """{position: {label: number shown}} for every position drawn since record_redraws (the
    last redraw of a position wins). The position is the value shown beside input `by` (an
    index; 0, the first), or with by="joined" all the values joined by a space, or with
    by="all" the tuple of all the values. With `ticks`, each position maps to
    {"metrics": {label: number}, "ticks": the picture's labels} (record with ticks=True)."""

    def key(values: list[str]):
        if by == "joined":
            return " ".join(values)
        if by == "all":
            return tuple(values)
        return values[by]

    return {
        key(r["values"]): (
            {"metrics": dict(r["metrics"]), "ticks": r["ticks"]} if ticks else dict(r["metrics"])
        )
        for r in page.evaluate("() => window.__redraws")
    }


def assert_no_frame_but_for_pauses(page: Page, during: int, every: bool = False) -> None:
    """No websocket frame sent during the moves (`during` of them were), unless the hand
    paused as long as the unit waits before telling Python (on a loaded machine a move can
    take that long): one frame at most for each such pause, none at all without one. The
    pauses are the gaps between the positions drawn since record_redraws, or with `every`
    between all its redraws."""
    pauses = sum(gap >= PAUSE_MS - 10 for gap in page.evaluate(REDRAW_GAPS, every))
    assert during <= pauses, f"{during} frames sent during the moves, {pauses} pauses"


def touch_values(unit) -> list[str]:
    """The value shown beside each of a touch unit's inputs, in order."""
    return unit.locator(".controls .value").all_inner_texts()


def settle(page: Page) -> None:
    """The learner's pause: the positions go to Python, which reruns."""
    page.wait_for_timeout(PAUSE)
    wait_for_idle(page)


# --- A touch unit on a phone -----------------------------------------------------------------


@contextmanager
def phone_page(browser: Browser, scheme: str) -> Iterator[tuple[Page, PageWatch]]:
    """A new page at phone width (PHONE, one device pixel per CSS pixel) in the `scheme`
    colour scheme ("light" or "dark"), and a PageWatch noting its console errors and its
    requests to other hosts; closed on leaving."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("request", watch.on_request)
    try:
        yield page, watch
    finally:
        context.close()


def assert_within_phone(box: dict, what: str = "") -> None:
    """A bounding box (x, width in px) lies within the phone's width, left edge included."""
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], what


def assert_text_follows_theme(unit, scheme: str) -> None:
    """The unit's text is light on the dark theme and dark on the light one: readable on the
    theme's background (the mean of its red, green and blue against the middle, 128)."""
    color = unit.evaluate("el => getComputedStyle(el).color")
    red, green, blue = (int(v) for v in color[color.index("(") + 1 : -1].split(",")[:3])
    assert ((red + green + blue) / 3 > 128) == (scheme == "dark"), color


def touch_input(unit, param: str):
    """The touch unit's range input bound to `?param=`."""
    return unit.locator(f'input[data-param="{param}"]')


def touch_note(unit) -> str:
    """The text of the unit's note (the paragraph below its picture that follows the hand)."""
    return unit.locator(".notes p").inner_text()


# --- A hand on a touch unit's picture ---------------------------------------------------------


def ring_centre(unit, nth: int | None = None) -> tuple[float, float]:
    """The centre, in page pixels, of the unit's drag handle (the ring around a point): its
    only one, or with `nth` its nth."""
    rings = unit.locator(".picture .handle circle.ring")
    box = (rings if nth is None else rings.nth(nth)).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag(page: Page, start: tuple[float, float], targets, px: float, frames: list[str]) -> int:
    """Press at `start` and move like a hand through each (x, y) of `targets` in turn, about
    `px` pixels at a time, then let go. Returns how many websocket frames (from `frames`, see
    sent_frames) the page sent between the press and the last move: a touch unit sends none
    while the hand moves, unless it paused as long as the unit waits."""
    x, y = start
    page.mouse.move(x, y)
    page.mouse.down()
    before = len(frames)
    for target_x, target_y in targets:
        steps = max(1, round(max(abs(target_x - x), abs(target_y - y)) / px))
        for k in range(1, steps + 1):
            page.mouse.move(x + (target_x - x) * k / steps, y + (target_y - y) * k / steps)
        x, y = target_x, target_y
    during = len(frames) - before
    page.mouse.up()
    return during


# --- When frames were sent, on the test's clock ------------------------------------------------

PAUSE_S = 0.3  # s: a gap between two moves this long may send the position (the unit's 350 ms)


def now() -> float:
    """The test's clock (seconds), for the times of the moves and of the frames sent."""
    return time.monotonic()


class Sent:
    """When the page sent each websocket frame, on the test's clock (register before the page
    opens)."""

    def __init__(self, page: Page) -> None:
        self.times: list[float] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda _: self.times.append(now())))

    def during(self, moves: list[float]) -> int:
        """Frames sent from the first move (`moves`: the times of the moves) until now, beyond
        one per pause of the hand (a gap of PAUSE_S or more, which may send the position: the
        unit's design, and a loaded machine's checks between two moves can take that long);
        a move itself sends nothing."""
        end = now()
        sent = sum(1 for t in self.times if t >= moves[0])
        gaps = [b - a for a, b in zip(moves, [*moves[1:], end], strict=True)]
        return max(0, sent - sum(1 for gap in gaps if gap >= PAUSE_S))


def number(text: str) -> float:
    """The float a touch unit's number reads, "≈ " and the typographic minus taken off."""
    return float(text.removeprefix("≈ ").replace("−", "-"))
