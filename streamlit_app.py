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
    sections.setdefault(spec.section, []).append(
        st.Page(
            spec.script,
            title=spec.title,
            url_path=spec.url_path,
            icon=spec.icon,
            default=spec.default,
        )
    )
page = st.navigation(sections)
arrive(page.url_path)  # a page's controls stay on that page
page.run()
