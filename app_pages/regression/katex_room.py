"""Room above and below a displayed formula's outer rows, so KaTeX's box does not cut them.

Streamlit draws st.latex in a box that hides what overflows it vertically, and KaTeX sizes
that box a few pixels short of a fraction in the first or last row of a formula: the top of
250,000 - 150,000 (and, before, the bar over x-bar) was cut off. An invisible rule 1.5 em
above and 1 em below the baseline, put in such a row, makes the box tall enough.
"""

ROOM = r"\rule[-1em]{0pt}{2.5em}"
