"""Every lesson page ends with a link to the next page of the path, in its own content; the
last one leads back to Home (issue 18)."""

import pytest

from dashboard.site import registered_pages
from tests.pages.helpers import open_page

LESSONS = [spec for spec in registered_pages() if not spec.default]
HOME = next(spec for spec in registered_pages() if spec.default)


@pytest.mark.parametrize("index", range(len(LESSONS)), ids=[s.url_path for s in LESSONS])
def test_a_lesson_page_ends_with_a_link_to_the_next_page(index):
    spec = LESSONS[index]
    following = LESSONS[index + 1] if index + 1 < len(LESSONS) else HOME
    at = open_page(spec.script)
    links = [link.proto for link in at.main.get("page_link")]
    assert links, f"{spec.title} has no page link in its content"
    last = links[-1]
    # The default page (Home) is linked by the site's root, an empty path.
    expected = "" if following.default else following.url_path
    assert last.page == expected, (spec.title, last.label, last.page)
    assert following.title.split()[0].lower() in last.label.lower(), last.label
