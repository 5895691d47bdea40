"""Section 5, the exact answer: where both partial derivatives are zero, the normal
equations, their solution, and what one outlier does to it, from one call,
`core.least_squares.exact_answer`."""

from __future__ import annotations

import streamlit as st

from app_pages.regression.katex_room import ROOM
from core.least_squares import ExactAnswer, OutlierStory, exact_answer
from core.line_fit import FitData
from dashboard.layout import quiz_choice, section, verdict
from dashboard.numbers import eq_tex, eq_text, frac_tex, tex, text

PATTERN = (100, 0)  # the notes' pattern, price = 100 × bedrooms


def draw(data: FitData, source: str) -> ExactAnswer:
    """The normal equations with the data's sums, the line, and (notes) the outlier story."""
    section("5. The exact answer")
    answer = exact_answer(data.line, data.points, PATTERN if source == "notes" else None)
    line, sums = answer.line, answer.line.sums
    # The introduction, the derivation and the normal equations solved, in one element: it is
    # drawn once per data set, yet each element of the page costs every slider move a little.
    st.markdown(
        "At the lowest point both partial derivatives are zero.\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}\frac{{\partial\,\mathrm{{MSE}}}}{{\partial w}} &= "
        r"-\frac{2}{n}\sum_i (y_i - w x_i - b)\,x_i = 0, \\ "
        rf"{ROOM}\frac{{\partial\,\mathrm{{MSE}}}}{{\partial b}} &= -\frac{{2}}{{n}}\sum_i (y_i - w x_i - b) = 0"
        r" \end{aligned}"
        "\n$$\n\n"
        "Multiply out and collect the sums: two linear equations in w and b."
        "\n\n$$\n"
        r"\begin{aligned} w \textstyle\sum x_i^2 + b \sum x_i &= \textstyle\sum x_i y_i"
        r"\\ w \textstyle\sum x_i + b\, n &= \textstyle\sum y_i \\ "
        r"&\Longrightarrow \\ "
        rf"{_sum(sums.sxx)}\,w + {_sum(sums.sx)}\,b &= {_sum(sums.sxy)} \\ "
        rf"{_sum(sums.sx)}\,w + {sums.n}\,b &= {_sum(sums.sy)} \end{{aligned}}"
        "\n$$\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}w &= \frac{{n\sum x_i y_i - \sum x_i \sum y_i}}{{n \sum x_i^2 - (\sum x_i)^2}}"
        rf" \\ &= {_value(line.slope)}, \\ b &= \frac{{\sum y_i - w \sum x_i}}{{n}} \\ &= "
        rf"{ROOM}{_value(line.intercept)} \end{{aligned}}"
        "\n$$"
    )
    columns = st.columns(3)
    columns[0].metric("Least-squares slope", eq_text(line.slope).removeprefix("= "))
    columns[1].metric("Least-squares intercept", eq_text(line.intercept).removeprefix("= "))
    columns[2].metric("Smallest MSE", eq_text(line.smallest_mse).removeprefix("= "))
    if answer.story is not None:
        _outlier_story(answer.story, answer)
        quiz_choice(
            "regression_outlier",
            "10 bedrooms at 10,000 instead of 1000: what does that one point do to the line?",
            [
                "Little: nine of ten points follow the pattern.",
                "It tilts the line: slope ≈ 590.9, intercept −1800.",
                "Nothing: the line still goes through all ten.",
            ],
            answer=1,
            explanation="Squaring makes one miss of 9000 (squared, 81,000,000) cost more than "
            "ten smaller misses together, so the fit tilts towards the outlier: slope "
            "6500/11 ≈ 590.9, intercept −1800.",
            hints={
                0: "A majority does not win in least squares:",
                2: "No line goes through all ten:",
            },
        )
    return answer


def _sum(value: object) -> str:
    """A sum of the data: every digit (sums of whole numbers are whole)."""
    return tex(value, sig=max(4, len(str(abs(int(value))))))


def _value(value: object) -> str:
    """An exact fraction, with its decimal: 6500/11 ≈ 590.9, or 100 when whole."""
    fraction = frac_tex(value)
    return fraction if "frac" not in fraction else rf"{fraction} {eq_tex(value)}"


def _outlier_story(story: OutlierStory, answer: ExactAnswer) -> None:
    line = answer.line
    if not story.pattern_missed:
        verdict(
            "With 1000 for 10 bedrooms all ten points lie on one line: the least-squares line "
            f"is price = {text(line.slope)} × bedrooms + {text(line.intercept)}, through every "
            "point, with MSE 0.",
            "success",
        )
        return
    nine = story.fit_misses[:-1]
    verdict(
        "One outlier drags the line. The pattern line price = 100 × bedrooms misses only the "
        f"tenth point, by {text(story.pattern_misses[-1])} (MSE {text(story.pattern_mse)}); "
        f"the least-squares line misses all ten, the first nine by {_about(min(nine))} to "
        f"{_about(max(nine))}, yet has the smaller MSE, {_about(story.fit_mse)}: squaring "
        "makes one big miss cost more than ten smaller ones.",
        "warning",
    )


def _about(value: object) -> str:
    """A value inside a sentence: '≈ 163.6' when rounded, '100' when exact."""
    return eq_text(value).removeprefix("= ")
