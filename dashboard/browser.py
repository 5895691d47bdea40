"""Small pieces that run in the learner's own browser, written one way.

Streamlit offers no access to the browser's address bar or storage, so these use custom
components v2 (`st.components.v2.component`): an inline ES module mounted in the page, no
iframe, no build step, no request to any other host. `browser_piece` is the one way to
declare such a piece; everything the JS shows is set through `textContent` or an input's
`value`, never as markup.

- `live_share_link`: the address bar as it is now, with a copy button. It reads
  `window.location` in the browser, so it is right after every move, inside a fragment or not.
- `browser_store`: the learner's answers, kept in `localStorage` under one key, read back
  when they come back (a reload, a new tab, next week). Nothing is sent anywhere else.
- `rejoin_after_reconnect`: when the connection comes back (the server restarted), run the
  whole page once, so that the new server knows its fragments again.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

STORAGE_KEY = "calculus-ml-progress-v1"


def browser_piece(name: str, *, html: str, css: str, js: str) -> Any:
    """Declare a component that runs in the page (not an iframe) and return its renderer."""
    return st.components.v2.component(
        f"calculus_ml.{name}", html=html, css=css, js=js, isolate_styles=True
    )


_SHARE_HTML = """
<div class="share">
  <input class="url" type="text" readonly aria-label="Link to this view" />
  <button class="copy" type="button">Copy link</button>
  <span class="done" role="status" aria-live="polite"></span>
</div>
"""

_SHARE_CSS = """
.share { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap;
         font-family: var(--st-font, sans-serif); }
.url { flex: 1 1 16rem; min-width: 0; padding: 0.35rem 0.5rem; font-size: 0.85rem;
       font-family: ui-monospace, monospace; border: 1px solid rgba(128, 128, 128, 0.5);
       border-radius: 0.4rem; background: transparent; color: inherit; }
.copy { padding: 0.35rem 0.75rem; border-radius: 0.4rem; cursor: pointer;
        border: 1px solid rgba(128, 128, 128, 0.6); background: transparent; color: inherit; }
.copy:focus-visible, .url:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
.done { font-size: 0.8rem; }
"""

_SHARE_JS = """
export default function ({ parentElement }) {
  const field = parentElement.querySelector(".url");
  const button = parentElement.querySelector(".copy");
  const done = parentElement.querySelector(".done");
  const show = () => {
    const href = window.location.href;
    if (field.value !== href) field.value = href;
  };
  show();
  // Streamlit rewrites the address with history.replaceState, which fires no event: look again
  // four times a second while the link is on screen.
  const timer = window.setInterval(show, 250);
  const copy = async () => {
    show();
    try {
      await navigator.clipboard.writeText(field.value);
      done.textContent = "Copied.";
    } catch (error) {
      field.select();
      done.textContent = "Press Ctrl+C (⌘C) to copy.";
    }
  };
  button.addEventListener("click", copy);
  return () => {
    window.clearInterval(timer);
    button.removeEventListener("click", copy);
  };
}
"""

_share = browser_piece("share_link", html=_SHARE_HTML, css=_SHARE_CSS, js=_SHARE_JS)


def live_share_link(key: str = "share_link") -> None:
    """The current address of this view, always up to date, with a copy button."""
    _share(key=key, height="content")


_STORE_JS = """
const KEY = "__STORAGE_KEY__";
// What each mounted store last told Python, by its key (the module lives as long as the page).
const reported = new Map();

function read() {
  const text = window.localStorage.getItem(KEY);
  const parsed = text ? JSON.parse(text) : {};
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
}

export default function ({ key, data, setStateValue }) {
  const mode = (data && data.mode) || "load";
  let available = true;
  let stored = {};
  try {
    stored = read();
    if (mode === "clear") {
      window.localStorage.removeItem(KEY);
      stored = {};
    }
    if (mode === "save" && data.page && data.answers) {
      const page = Object.assign({}, stored[data.page] || {}, data.answers);
      stored = Object.assign({}, stored, { [data.page]: page });
      window.localStorage.setItem(KEY, JSON.stringify(stored));
    }
  } catch (error) {
    available = false;
    stored = {};
  }
  if (mode === "save") return;  // saving tells Python nothing, so it costs no rerun
  let report;
  if (!available) {
    report = { available: false, stored: {} };
  } else if (mode === "load") {
    const mine = stored[data.page];
    if (!mine || Object.keys(mine).length === 0) return;  // nothing to bring back
    report = { available: true, stored: { [data.page]: mine } };
  } else {
    report = { available: true, stored };
  }
  const text = JSON.stringify(report);
  if (reported.get(key) === text) return;  // each report costs a rerun: only news
  reported.set(key, text);
  setStateValue("stored", report);
}
""".replace("__STORAGE_KEY__", STORAGE_KEY)

_store = browser_piece("store", html="<span hidden></span>", css="", js=_STORE_JS)

StoreMode = Literal["load", "save", "all", "clear"]


def browser_store(
    key: str,
    mode: StoreMode,
    *,
    page: str = "",
    answers: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """Talk to the learner's `localStorage` (one key, STORAGE_KEY, holding {page: {question:
    record}}).

    - "load": report this page's stored answers, only if there are any;
    - "save": merge `answers` into this page's record, report nothing (no rerun);
    - "all": report every page's answers; "clear": forget them all, then report.
    When storage is unavailable (a private window, blocked), every mode but "save" reports
    {"available": False}. Returns the last report, {"available": bool, "stored": {...}}, or
    None while the browser has reported nothing.
    """
    data = {"mode": mode, "page": page, "answers": answers}
    result = _store(key=key, data=data, height="content", on_stored_change=_noop)
    value = getattr(result, "stored", None)
    return value if isinstance(value, dict) else None


def _noop() -> None:
    """Streamlit needs a callback to report a component's state; the value is read instead."""


# After a server restart the browser reconnects to a new session that has never run the page:
# it knows none of the page's fragments, and Streamlit drops every rerun a fragment asks for
# ("The fragment with id ... does not exist anymore"). A move of a slider or of a touch unit
# then never reaches Python, and a touch unit's other inputs wait for an answer that never
# comes. So when the app's connection state (Streamlit's `data-test-connection-state` on the
# app root) comes back to CONNECTED after it was lost, this piece, which sits outside every
# fragment, asks for one run of the whole page, as a reload would, keeping the page.
_REJOIN_JS = """
export default function ({ parentElement, setTriggerValue }) {
  // nothing to see: its element takes no room (a flex gap would push the header down)
  const root = parentElement.getRootNode();
  const host = root && root.host ? root.host : parentElement;
  const box = host.closest && host.closest('[data-testid="stElementContainer"]');
  if (box) box.style.display = "none";
  window.__calculusRejoin = setTriggerValue;  // the newest mount's, on every run
  if (window.__calculusRejoinWatch) return;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return;
  let lost = false;
  const look = () => {
    const state = app.getAttribute("data-test-connection-state");
    if (state && state !== "CONNECTED") lost = true;
    else if (state === "CONNECTED" && lost) {
      lost = false;
      window.setTimeout(() => {
        window.__calculusRejoined = (window.__calculusRejoined || 0) + 1;  // tests read it
        window.__calculusRejoin("rejoined", Date.now());
      }, REJOIN_DELAY_MS);
    }
  };
  window.__calculusRejoinWatch = new MutationObserver(look);
  window.__calculusRejoinWatch.observe(app, {
    attributes: true, attributeFilter: ["data-test-connection-state"] });
}
""".replace("REJOIN_DELAY_MS", "250")

_rejoin = browser_piece("rejoin", html="<span hidden></span>", css="", js=_REJOIN_JS)


def rejoin_after_reconnect(key: str = "rejoin") -> None:
    """Outside every fragment: after a lost connection comes back, run the whole page once."""
    _rejoin(key=key, height=0, on_rejoined_change=_noop)
