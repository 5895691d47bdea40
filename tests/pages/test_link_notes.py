"""The note about a link value a control could not take names the control as the page does:
"f(x) = = AAAA", "p = p(heads) = nan" and "heads h" garbled it (issue 18)."""

import pytest

from dashboard.controls import control_name
from tests.pages.helpers import open_page


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("f(x) =", "f(x)"),
        ("p = P(heads)", "p"),
        ("Learning rate", "learning rate"),
        ("Point x₀", "point x₀"),
        ("heads H", "heads H"),
        ("exponent n", "exponent n"),
        ("$n$", "n"),
    ],
)
def test_a_label_becomes_a_name_inside_a_sentence(label, name):
    assert control_name(label) == name


def test_log_loss_note_for_p_nan_does_not_repeat_the_label():
    at = open_page("app_pages/log_loss/page.py", {"p": "nan"})
    notes = [c.value for c in at.caption if "The link asked for" in c.value]
    assert notes and all("= p(heads)" not in n and "P(heads) =" not in n for n in notes), notes
    assert any("The link asked for p = " in n for n in notes), notes


def test_the_value_a_note_shows_instead_goes_through_the_one_number_formatter():
    from dashboard.controls import _format_value

    assert _format_value(-2.5) == "−2.5"  # U+2212, as every number on the pages
    assert _format_value(1e-12) == "1 × 10⁻¹²"
    assert _format_value(3) == "3" and _format_value("absolute") == "absolute"


def test_a_value_between_the_steps_is_refused_for_its_step_not_its_range():
    # Review S6: 12.5 is a number from 0 to 30; what it is not is a whole second.
    at = open_page("app_pages/slopes/page.py", {"step": "1", "t1": "12", "t2": "12.5"})
    notes = [c.value for c in at.caption if "The link asked for" in c.value]
    assert any("in steps of 1" in note for note in notes), notes
