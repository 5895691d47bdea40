"""A wrong typed answer gets a hint that teaches (issue 18): the rule it needs, the slip it
made when it is a common one, then the counterexample."""

from tests.pages.helpers import open_page, unescaped

PAGE = "app_pages/rules/page.py"


def _feedback(at) -> str:
    said = " ".join(w.value for w in at.warning) + " ".join(s.value for s in at.success)
    return unescaped(said)  # as the learner reads it


def _answer(text: str):
    at = open_page(PAGE, {"rule": "product"})
    at.text_input(key="quiz_product").set_value(text).run()
    return _feedback(at)


def test_a_missing_product_rule_term_is_named():
    said = _answer("e^x")
    assert "only one term of the product rule" in said and "x·(eˣ)′ is missing" in said
    assert "(f·g)′ = f′·g + f·g′" in said


def test_another_wrong_answer_hears_the_rule_before_the_counterexample():
    said = _answer("x^2")
    assert said.index("product rule") < said.index("at x = ")


def test_the_right_answer_is_right_and_explained():
    said = _answer("e^x*(x+1)")
    assert "Right." in said and "eˣ(x + 1)" in said


def test_each_calculator_step_is_shown_as_checked():
    at = open_page(PAGE, {"f": "x*exp(2*x)"})
    steps = next(m.value for m in at.markdown if "**product rule**" in m.value)
    steps = steps.split("\n\n", 1)[1]  # the list, after its "**Step by step**" paragraph
    lines = [line.strip() for line in steps.splitlines() if line.strip()]
    assert len(lines) >= 3 and all(line.startswith("- ✓ ") for line in lines), lines
