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
