"""The Home page in AppTest: what it promises about slopes and losses is true."""

from tests.pages.helpers import all_text, open_page

PAGE = "app_pages/home.py"


def test_home_does_not_say_a_zero_slope_means_a_minimum() -> None:
    """Issue 16, finding 14: 'a loss is smallest where its slope is zero' reads as 'zero slope
    means a minimum' and ignores corners (ReLU, the absolute cost), where there is no slope."""
    at = open_page(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    text = " ".join(all_text(at).split())
    assert "smallest where its slope is zero" not in text
    assert "At the bottom of a smooth loss" in text
    assert "a zero slope can also sit at a maximum" in text
    assert "at a corner" in text and "ReLU" in text


def test_home_names_the_dark_mode_choice_the_menu_really_offers() -> None:
    """Issue 18: the ⋮ menu of Streamlit 1.67 offers System / Light / Dark, not 'Settings'."""
    text = all_text(open_page(PAGE))
    assert "Settings" not in text
    assert "*Dark*" in text and "*System*" in text


def test_home_picture_writes_its_slopes_with_a_true_minus_from_the_loss() -> None:
    """The slopes come from L'(w) = 2(w - 3): -3 at 1.5, 0 at 3, +3 at 4.5 (issue 16: one minus
    sign, U+2212, in text)."""
    at = open_page(PAGE)
    captions = " ".join(c.value for c in at.caption)
    assert (2 * (1.5 - 3), 2 * (4.5 - 3)) == (-3.0, 3.0)
    assert (
        "The loss (w − 3)² + 1: its tangent has slope −3 at w = 1.5, 0 at the minimum w = 3, "
        "and +3 at w = 4.5." in captions
    )
    assert "-3" not in captions
