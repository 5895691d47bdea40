"""Rules: derivatives without limits. The outline, in the order the learner reads it: the
header, the eight rules at a glance, one tab per rule (a picture, its numbers, a question),
the derivative calculator, a recap and the next page.

URL keys: `rule` opens a rule's tab (line, power, sum, product, chain, sin-cos, exp, ln; the
log-loss page links to /rules?rule=ln); each section's own keys are listed in its module.
"""

import streamlit as st

from app_pages.rules import (
    calculator,
    chain_rule,
    constant_and_line,
    e_and_exp,
    ln_and_inverse,
    power_rule,
    product_rule,
    sin_cos,
    sum_and_multiple,
)
from app_pages.rules.picture import formula, page_link
from dashboard.layout import page_header, section

RULES = {
    "line": ("Constant & line", constant_and_line.draw),
    "power": ("Power rule", power_rule.draw),
    "sum": ("Sum & multiple", sum_and_multiple.draw),
    "product": ("Product rule", product_rule.draw),
    "chain": ("Chain rule", chain_rule.draw),
    "sin-cos": ("sin & cos", sin_cos.draw),
    "exp": ("e and eˣ", e_and_exp.draw),
    "ln": ("ln x", ln_and_inverse.draw),
}
DEFAULT_RULE = "line"
TAB_KEY = "rule_tab"
LINK_KEY = "rule"


def _rule_from_link() -> str:
    """The rule a link asks for with ?rule=..., or the default with a note why not."""
    try:
        asked = st.query_params.get_all(LINK_KEY)
    except Exception:  # a query string beyond repair counts as no link
        asked = []
    if not asked:
        return DEFAULT_RULE
    if len(asked) > 1:
        st.caption(f"🔗 The link gave `{LINK_KEY}` more than once; only one value can be used.")
    if asked[0] in RULES:
        return asked[0]
    shown = "".join(ch for ch in asked[0][:40] if ch.isprintable() and ch not in "`\\")
    st.caption(
        f"🔗 The link asked for rule = `{shown}`, which is not one of "
        f"{', '.join(f'`{k}`' for k in RULES)}; showing {RULES[DEFAULT_RULE][0]} instead."
    )
    return DEFAULT_RULE


def _write_link() -> None:
    """After the learner picks a tab: keep ?rule= in the address bar (none for the default)."""
    title = st.session_state.get(TAB_KEY)
    rule = next((k for k, (t, _) in RULES.items() if t == title), DEFAULT_RULE)
    if rule == DEFAULT_RULE:
        if LINK_KEY in st.query_params:
            del st.query_params[LINK_KEY]
    else:
        st.query_params[LINK_KEY] = rule


def rule_tabs() -> None:
    """All eight rules as tabs; only the open one is drawn (a tab switch reruns the page)."""
    wanted = RULES[_rule_from_link()][0]
    if st.session_state.get(TAB_KEY) != wanted:
        st.session_state[TAB_KEY] = wanted
    titles = [title for title, _ in RULES.values()]
    tabs = st.tabs(titles, key=TAB_KEY, on_change=_write_link)
    for tab, (_, draw) in zip(tabs, RULES.values(), strict=True):
        with tab:
            if tab.open:
                draw()


page_header(
    "Rules: derivatives without limits",
    "Differentiate any formula built from powers, sums, products, compositions, sin, cos, "
    "eˣ and ln by a handful of rules, and see why each rule is true.",
    try_this="Open **Product rule** and shrink dt: the orange corner of the house disappears, and "
    "dF/dt settles on g′h + gh′.",
)
section(
    "Eight rules at a glance",
    "Each comes from the difference quotient (f(x + dx) − f(x)) / dx as dx shrinks to 0. "
    "Open a tab to see why, with a picture you can move.",
)
left, right = st.columns(2)
with left:
    formula(
        r"(c)' &= 0, \quad (ax + b)' = a",
        r"(x^n)' &= n\,x^{n-1}",
        r"(f + g)' &= f' + g', \quad (c\,f)' = c\,f'",
        r"(g\,h)' &= g'h + g\,h'",
    )
with right:
    formula(
        r"\big(f(g(x))\big)' &= f'(g(x))\,g'(x)",
        r"(\sin x)' &= \cos x, \quad (\cos x)' = -\sin x",
        r"(e^x)' &= e^x",
        r"(\ln x)' &= \tfrac{1}{x}",
    )
rule_tabs()

section("Derivative calculator")
calculator.draw()

section("Recap")
st.markdown(
    "Every rule is the difference quotient with dx shrinking to 0, worked out once. Sums and "
    "multiples go term by term, products give g′h + gh′, compositions multiply the rates. "
    "A formula for f′ holds only where f′ exists: at a corner, such as |x| at 0, the slopes "
    "from the left and from the right differ, and there is no derivative."
)
page_link("non-differentiability", "Next: Non-differentiability, where derivatives fail")
