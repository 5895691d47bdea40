"""Widgets bound to the URL, so that every view of every page is a shareable link.

Each control uses Streamlit's `bind="query-params"`: the value lives in `?key=value` and the
parameter disappears while the value equals its default. A value that arrives in a link is
untrusted (the browser enforces slider bounds, the server does not), so every control

1. remembers the raw text the link carried on the first run,
2. lets Streamlit parse it (Streamlit drops values that do not parse or are out of range),
3. re-checks the value it got (finite, inside the bounds, one of the options), and
4. when the link asked for something it could not have, says so in a friendly note.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.limits import MAX_URL_VALUE_CHARS
from dashboard import numbers

# Imported for its effect: every page's first run installs the process-wide bounds on widget
# states and uploads (dashboard.widget_states.install).
from dashboard import tables as _tables  # noqa: F401
from dashboard.markup import quoted

_NOTE_PREFIX = "_link_note_"


_PAGE = "_page"
_OWNED = "_url_keys_by_page"


def _own(key: str) -> None:
    """Remember that `key` is a control of the page now showing (see `arrive`)."""
    page = st.session_state.get(_PAGE, "")
    st.session_state.setdefault(_OWNED, {}).setdefault(page, set()).add(key)


def arrive(page: str) -> None:
    """Called by the entry script before a page runs, with that page's URL path.

    When the learner moves to another page, the controls of the page they leave are
    forgotten, in the session and in the address bar: a value set on one page (the point x0
    on Slopes, the learning rate on Cost functions) never reaches a control of the same name
    on another page (the calculator's x0 on Rules, the learning rate on Regression). The first
    page of a session keeps its link: that is a deep link someone shared.
    """
    previous = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = page
    if previous is None or previous == page:
        return
    for key in st.session_state.get(_OWNED, {}).pop(previous, set()):
        st.session_state.pop(key, None)
        st.session_state.pop(_NOTE_PREFIX + key, None)
        with contextlib.suppress(Exception):
            if key in st.query_params:
                del st.query_params[key]


def _link_values(key: str) -> list[str] | None:
    """The raw strings a link carries for `key`, only on the run that first draws the widget."""
    _own(key)
    if key in st.session_state:
        return None
    try:
        values = st.query_params.get_all(key)
    except Exception:  # the query string itself is beyond repair: treat it as absent
        return None
    return values or None


def _shown(raw: str) -> str:
    """A link value shown back inside a sentence: short, printable, every markdown character
    escaped (a backtick or a `$` in a link must not become code, a link, an image or maths)."""
    return quoted(raw, limit=40)


def _remember_note(key: str, message: str, value: Any) -> None:
    st.session_state[_NOTE_PREFIX + key] = (message, value)


def _show_note(key: str, value: Any) -> None:
    """Show the note about a rejected link value until the learner moves the control."""
    note = st.session_state.get(_NOTE_PREFIX + key)
    if note is None:
        return
    message, noted_value = note
    if noted_value != value:
        del st.session_state[_NOTE_PREFIX + key]
        return
    st.caption(f"🔗 {message}")


def control_name(label: str) -> str:
    """A control's label as a name inside a sentence: "f(x) =" -> "f(x)", "p = P(heads)" ->
    "p", "Learning rate" -> "learning rate", "heads H" stays (only a capital that starts a
    word of small letters is lowered; symbols keep their case)."""
    name = label.replace("$", "").split("=", 1)[0].strip() or label.strip()
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return name


def _check_link(
    key: str,
    label: str,
    raw_values: list[str] | None,
    got: Any,
    accept: Callable[[str], Any | None],
    describe: str,
) -> None:
    """Compare what the link asked for with what the widget shows, and note a difference."""
    if raw_values is None:
        return
    raw = raw_values[0]
    wanted = accept(raw) if len(raw) <= MAX_URL_VALUE_CHARS else None
    if len(raw_values) > 1:
        _remember_note(
            key, f"The link gave `{key}` more than once; only one value can be used.", got
        )
    elif wanted is None or wanted != got:
        _remember_note(
            key,
            f"The link asked for {control_name(label)} = {_shown(raw)}, which is not {describe}; "
            f"showing {_format_value(got)} instead.",
            got,
        )


def _format_value(value: Any) -> str:
    """A control's value inside a sentence, through the one number formatter."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return numbers.text(value, sig=6)
    return str(value)


def _parse_number(raw: str) -> float | None:
    try:
        value = float(raw.strip())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _clamp(value: float, low: float, high: float, default: float) -> float:
    """The server-side re-check: a finite value inside the bounds, else the default."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    if not math.isfinite(number):
        return default
    return min(max(number, low), high) + 0.0  # + 0.0 turns -0.0 into 0.0


def _bound_number(
    widget: Callable[..., Any],
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    help: str | None,
    format: str | None,
) -> float | int:
    """A numeric widget bound to `?key=`, re-validated on the server, with a note when the
    link asked for something it could not have. Integer bounds, default and step give an
    integer; otherwise a float."""
    is_int = all(isinstance(v, int) for v in (min_value, max_value, default, step))
    raw = _link_values(key)
    value = widget(
        label,
        min_value=min_value,
        max_value=max_value,
        value=default,
        step=step,
        key=key,
        help=help,
        format=format,
        bind="query-params",
    )
    value = _clamp(value, min_value, max_value, default)
    value = int(round(value)) if is_int else value

    def accept(text: str) -> float | None:
        number = _parse_number(text)
        if number is None or not (min_value <= number <= max_value):
            return None
        return int(number) if is_int and number == int(number) else number

    _check_link(
        key,
        label,
        raw,
        value,
        accept,
        f"a number from {_format_value(min_value)} to {_format_value(max_value)} in steps of "
        f"{_format_value(step)}",
    )
    _show_note(key, value)
    return value


def url_slider(
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    help: str | None = None,
    format: str | None = None,
) -> float | int:
    """A slider whose value is kept in `?key=` and re-validated on the server."""
    return _bound_number(
        st.slider,
        label,
        key,
        min_value=min_value,
        max_value=max_value,
        default=default,
        step=step,
        help=help,
        format=format,
    )


def url_number(
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    help: str | None = None,
    format: str | None = None,
) -> float | int:
    """A number box whose value is kept in `?key=` and re-validated on the server."""
    return _bound_number(
        st.number_input,
        label,
        key,
        min_value=min_value,
        max_value=max_value,
        default=default,
        step=step,
        help=help,
        format=format,
    )


def format_log_value(value: float) -> str:
    """How a value of a log-scale slider is shown and written into the URL: `%g`."""
    return f"{value:g}"


def url_log_slider(
    label: str,
    key: str,
    *,
    options: Sequence[float],
    default: float,
    help: str | None = None,
) -> float:
    """A slider over given values (e.g. dx = 1, 0.5, ..., 1e-12), kept in `?key=` as `%g` text."""
    labels = [format_log_value(v) for v in options]
    by_label = dict(zip(labels, options, strict=True))
    raw = _link_values(key)
    chosen = st.select_slider(
        label,
        options=labels,
        value=format_log_value(default),
        key=key,
        help=help,
        bind="query-params",
    )
    value = by_label.get(str(chosen), default)

    def accept(text: str) -> float | None:
        number = _parse_number(text)
        if number is None:
            return None
        return by_label.get(format_log_value(number))

    _check_link(key, label, raw, value, accept, "one of the slider's values")
    _show_note(key, value)
    return value


def url_choice(
    label: str,
    key: str,
    *,
    options: Sequence[str],
    default: str,
    labels: dict[str, str] | None = None,
    widget: str = "radio",
    help: str | None = None,
) -> str:
    """One of a few named options, kept in `?key=option` (the option, never its label).

    `widget` is "radio" (horizontal), "select" (a drop-down) or "segmented" (buttons).
    The URL is synced here rather than by `bind="query-params"`, which would write the
    displayed label into the link.
    """
    names = labels or {}
    choices = list(options)

    def accept(text: str) -> str | None:
        return text if text in choices else None

    described = ", ".join(f"`{o}`" for o in choices)
    _seed_from_link(key, label, default, accept, f"one of {described}")
    common: dict[str, Any] = dict(
        options=choices, key=key, help=help, format_func=lambda o: names.get(o, o)
    )
    if widget == "select":
        chosen = st.selectbox(label, **common)
    elif widget == "segmented":
        chosen = st.segmented_control(label, **common)
    else:
        chosen = st.radio(label, horizontal=True, **common)
    if chosen not in choices:  # a segmented control can be cleared: keep the last choice
        chosen = st.session_state.get(f"_last_{key}", default)
    st.session_state[f"_last_{key}"] = chosen
    _write_link(key, chosen, default)
    _show_note(key, chosen)
    return chosen


def _seed_from_link(
    key: str,
    label: str,
    default: Any,
    accept: Callable[[str], Any | None],
    describe: str,
) -> None:
    """For controls that sync the URL themselves: on the first run, take the link's value
    if it is acceptable, else the default with a note."""
    if key in st.session_state:
        return
    raw = _link_values(key)
    value = default
    if raw is not None:
        wanted = accept(raw[0]) if len(raw[0]) <= MAX_URL_VALUE_CHARS else None
        if wanted is not None:
            value = wanted
        _check_link(key, label, raw, value, accept, describe)
    st.session_state[key] = value


def _write_link(key: str, value: Any, default: Any) -> None:
    """Keep `?key=value` in the address bar, and drop it while the value is the default."""
    with contextlib.suppress(Exception):
        if value == default:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def url_text(
    label: str,
    key: str,
    *,
    default: str,
    max_chars: int = 200,
    help: str | None = None,
    placeholder: str | None = None,
) -> str:
    """A text box kept in `?key=`; text longer than `max_chars` is refused, not cut silently.

    Unlike the other controls this one syncs the URL itself rather than through
    `bind="query-params"`: Streamlit seeds a bound text box from the link before any code
    can check the text's length.
    """

    def accept(text: str) -> str | None:
        if len(text) > max_chars:
            return None
        return "".join(ch for ch in text if ch.isprintable())

    _seed_from_link(key, label, default, accept, f"a text of at most {max_chars} characters")
    text = st.text_input(label, max_chars=max_chars, key=key, help=help, placeholder=placeholder)
    value = text if isinstance(text, str) and len(text) <= max_chars else default
    _write_link(key, value, default)
    _show_note(key, value)
    return value


def url_toggle(label: str, key: str, *, default: bool, help: str | None = None) -> bool:
    """An on/off switch kept in `?key=true|false`."""
    raw = _link_values(key)
    value = bool(st.toggle(label, value=default, key=key, help=help, bind="query-params"))

    def accept(text: str) -> bool | None:
        lowered = text.strip().lower()
        return {"true": True, "false": False}.get(lowered)

    _check_link(key, label, raw, value, accept, "`true` or `false`")
    _show_note(key, value)
    return value
