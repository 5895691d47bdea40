"""A page that shows hostile visitor text in every kind of place markdown or LaTeX reaches:
markdown, a caption, an alert, a widget label, a help tooltip, an expander title and LaTeX.
The payload comes from `?payload=` (or the session state), escaped by dashboard.markup."""

import streamlit as st

from dashboard.markup import latex_text, markdown_text, quoted

payload = st.session_state.get("payload") or st.query_params.get("payload", "")
st.markdown(f"Markdown: {markdown_text(payload)} (end)")
st.caption(f"Caption: the link asked for {quoted(payload)}, which is not a number.")
st.error(f"Alert: {quoted(payload)} was not loaded.")
st.checkbox(f"Label {markdown_text(payload)}", key="box", help=f"Help {markdown_text(payload)}")
with st.expander(f"Expander {markdown_text(payload)}"):
    st.write("inside")
st.latex(rf"\text{{{latex_text(payload)}}} = 1")
