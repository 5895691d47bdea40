"""Every registered page renders with no exception, through the real entry script."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from tests.pages.helpers import ENTRY, open_page

PAGES = registered_pages()


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_without_exception(spec):
    at = open_page(spec.script)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value, "every page starts with a title"


def test_home_is_the_default_page_and_lists_every_other_page():
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert at.title[0].value == "Calculus for Machine Learning, made touchable"
    links = [el.proto.page for el in at.get("page_link")]
    others = [p.url_path for p in PAGES if not p.default]
    assert sorted(links) == sorted(others)


def test_home_picture_states_the_slopes_it_draws():
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    captions = " ".join(c.value for c in at.caption)
    assert "−3 at w = 1.5" in captions and "0 at the minimum w = 3" in captions
