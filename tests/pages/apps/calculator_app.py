"""A small app holding only the derivative calculator (its default page), for its tests; the
non-differentiability page is registered too, so that the calculator can link to it."""

from pathlib import Path

import streamlit as st

from app_pages.rules.calculator import derivative_calculator
from dashboard.site import registered_pages

ROOT = Path(__file__).resolve().parents[3]
pages = [st.Page(derivative_calculator, title="Calculator", url_path="calculator", default=True)]
pages += [
    st.Page(str(ROOT / spec.script), title=spec.title, url_path=spec.url_path)
    for spec in registered_pages()
    if spec.url_path == "non-differentiability"
]
st.navigation(pages, position="hidden").run()
