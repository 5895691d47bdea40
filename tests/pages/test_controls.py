"""URL-bound controls: links set them; hostile link values fall back with a friendly note."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parent / "apps" / "controls_app.py")
DEFAULTS = {"dx": 0.5, "t": 10, "p": 0.3, "kind": "squared", "n": 2, "f": "x^2", "on": False}


def run_with(params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def shown_values(at: AppTest) -> dict[str, object]:
    line = next(m.value for m in at.markdown if m.value.startswith("VALUES"))
    pairs = re.findall(r"(\w+)=('[^']*'|\S+)", line.removeprefix("VALUES "))
    return {k: eval(v, {}) for k, v in pairs}  # test-only: reads back our own repr() output


def notes(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_defaults_without_a_link():
    at = run_with({})
    assert not at.exception
    assert shown_values(at) == DEFAULTS
    assert notes(at) == ""


def test_a_link_sets_every_control():
    at = run_with(
        {
            "dx": "1e-05",
            "t": "12",
            "p": "0.75",
            "kind": "absolute",
            "n": "5",
            "f": "sin(x)",
            "squares": "true",
        }
    )
    assert shown_values(at) == {
        "dx": 1e-05,
        "t": 12,
        "p": 0.75,
        "kind": "absolute",
        "n": 5,
        "f": "sin(x)",
        "on": True,
    }
    assert notes(at) == ""


@pytest.mark.parametrize(
    "key, raw",
    [
        ("t", "nan"),
        ("t", "inf"),
        ("t", "-inf"),
        ("t", "1e309"),
        ("t", "abc"),
        ("t", "99"),
        ("t", "-5"),
        ("t", "1,5"),
        ("t", "__import__('os')"),
        ("t", "x" * 10_000),
        ("p", "1.5"),
        ("p", "NaN"),
        ("dx", "0.3"),
        ("dx", "0"),
        ("dx", "nan"),
        ("kind", "cubic"),
        ("kind", "Squared"),
        ("n", "0"),
        ("n", "2.5e3"),
        ("squares", "maybe"),
    ],
)
def test_hostile_link_value_falls_back_to_default_with_a_note(key, raw):
    at = run_with({key: raw})
    assert not at.exception
    values = shown_values(at)
    name = {"squares": "on"}.get(key, key)
    assert values[name] == DEFAULTS[name]
    assert "The link" in notes(at)


def test_a_text_longer_than_its_limit_is_refused_with_a_note():
    at = run_with({"f": "x+" * 100})
    assert shown_values(at)["f"] == "x^2"
    assert "at most 50 characters" in notes(at)


def test_a_repeated_key_uses_one_value_and_says_so():
    at = run_with({"t": ["12", "13"]})
    assert not at.exception
    assert shown_values(at)["t"] in (10, 12, 13)
    assert "more than once" in notes(at)


def test_the_note_disappears_once_the_learner_moves_the_control():
    at = run_with({"t": "nan"})
    assert "The link" in notes(at)
    at.slider(key="t").set_value(15).run()
    assert shown_values(at)["t"] == 15
    assert "The link" not in notes(at)


def test_unicode_digits_are_read_as_the_number_they_spell():
    at = run_with({"t": "\u0661\u0662"})  # Arabic-Indic "12"
    assert not at.exception
    assert shown_values(at)["t"] == 12
