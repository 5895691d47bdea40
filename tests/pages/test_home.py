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
    assert "at a corner" in text and "absolute cost" in text


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


def test_home_names_a_corner_whose_lowest_point_really_has_no_slope() -> None:
    """Second lecturer reading (issue 16 review): 'at a corner, like ReLU's or the absolute
    cost's, the lowest point has no slope at all'. ReLU(x) = max(0, x) is lowest (0) on all of
    x <= 0, where its slope is 0 (only x = 0 is a corner); |w| is lowest only at its corner."""
    import sympy as sp

    x = sp.symbols("x", real=True)
    relu = sp.Max(0, x)
    assert relu.subs(x, -1) == 0 and sp.diff(relu, x).subs(x, -1) == 0  # lowest, slope 0
    assert sp.limit(sp.Abs(x) / x, x, 0, "+") != sp.limit(sp.Abs(x) / x, x, 0, "-")
    text = " ".join(all_text(open_page(PAGE)).split())
    assert "ReLU's" not in text
    assert "at a corner, like the absolute cost |w| at 0, the lowest point has no slope" in text
    # x³ at 0 is a horizontal inflection, no 'flat step'
    assert "flat step" not in text and "at a point that is neither (x³ at 0)" in text


def test_home_does_not_claim_the_pages_follow_the_notes_order() -> None:
    """'Six steps, in the order of week 1 of the course': the notes (shared/seed) reach corners
    and cusps before the sum, product and chain rules, and meet the two houses first, while
    the app's Rules page (sum, product, chain) comes before Non-differentiability and Regression
    comes last."""
    from dashboard.site import PAGE_SPECS

    order = [spec.url_path for spec in PAGE_SPECS]
    assert order.index("rules") < order.index("non-differentiability") < order.index("regression")
    text = " ".join(all_text(open_page(PAGE)).split())
    assert "in the order of week 1" not in text
    assert "Six steps through week 1 of the course" in text
