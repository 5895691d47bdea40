"""Calculus for Machine Learning, made touchable: the entry point lists the pages."""

import streamlit as st

from dashboard.controls import arrive
from dashboard.site import registered_pages

st.set_page_config(
    page_title="Calculus for ML, made touchable",
    page_icon="📈",
    layout="wide",
    initial_sidebar_state="auto",
)

sections: dict[str, list[st.Page]] = {}
for spec in registered_pages():
    page = st.Page(
        spec.script,
        title=spec.title,
        # Streamlit serves the default page at / only: its own path is just a name.
        url_path=f"{spec.url_path}-page" if spec.default else spec.url_path,
        icon=spec.icon,
        default=spec.default,
    )
    sections.setdefault(spec.section, []).append(page)
    if spec.default:
        home, home_spec = page, spec
# A link to /home (a typed or shared one) reaches Home instead of "Page not found".
sections[home_spec.section].append(
    st.Page(
        lambda: st.switch_page(home),
        title=home_spec.title,
        url_path=home_spec.url_path,
        visibility="hidden",
    )
)
page = st.navigation(sections)
arrive(page.url_path)  # a page's controls stay on that page
page.run()
