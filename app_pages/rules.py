"""Rules: derivatives without limits - a gallery of the rules, a calculator, and a quiz.

URL keys: `rule` picks the gallery entry; each picture's own keys are listed in
dashboard/rules_views.py; `f` and `x0` belong to the derivative calculator.
"""

from fractions import Fraction

from core.chain_rule import mountain_drive
from core.combination_rules import SHIP_SPEED, WALK_SPEED, cruise
from core.expression_worker import check_equivalent
from core.power_rule import power_secant
from core.product_rule import X_EXP_X_DERIVATIVE
from dashboard import rules_views
from dashboard.calculator import derivative_calculator
from dashboard.layout import (
    check_yourself,
    page_header,
    quiz_choice,
    quiz_expression,
    quiz_number,
    section,
)

page_header(
    "Rules: derivatives without limits",
    "Differentiate any formula built from powers, sums, products, compositions, sin, cos, "
    "eˣ and ln, by a handful of rules, and see why each rule is true.",
    try_this="Open **Product rule** and shrink dt: the red corner of the house disappears, and "
    "dF/dt settles on g'h + gh'.",
)

section(
    "The rules, one picture each",
    "Every rule comes from the difference quotient (f(x + dx) − f(x)) / dx with dx shrinking "
    "to 0. Pick a rule; move its sliders; the numbers below the picture follow.",
)
rule = rules_views.rule_chooser()
rules_views.show_rule(rule)

section(
    "Derivative calculator",
    "Type any f(x): the calculator applies the same rules, names each step, and checks f'(x₀) "
    "three ways: exactly, numerically, and with the dual numbers behind automatic "
    "differentiation in machine learning.",
)
derivative_calculator()

cube_secant = power_secant(Fraction(3), 0.5, 1.0)
notes_cruise = cruise(SHIP_SPEED, WALK_SPEED, hours=1.0)
drive = mountain_drive(1.0)

with check_yourself("Six questions on the rules, two of them on slips in the notes."):
    quiz_choice(
        "exp2x",
        "What is the derivative of $f(x) = e^{2x}$?",
        ["$2e^{x}$", "$e^{2x}$", "$2e^{2x}$", "$2x\\,e^{2x-1}$"],
        answer=2,
        explanation="Chain rule: the outer function $e^u$ has derivative $e^u$, taken at "
        "$u = 2x$, times the inner derivative $(2x)' = 2$: $f'(x) = 2e^{2x}$.",
        hints={
            0: "That is the slip in the notes: the 2 is right, but the outer derivative must "
            "stay $e^{2x}$, not turn into $e^x$.",
            1: "That forgets the inner function's derivative, the factor 2.",
            3: "The power rule is for xⁿ with a fixed exponent; here x sits in the exponent.",
        },
    )
    quiz_choice(
        "cube",
        "(x + dx)³ = x³ + □·x²·dx + 3x·dx² + dx³. What number goes in the box?",
        ["2", "3", "1", "6"],
        answer=1,
        explanation="(x + dx)(x² + 2x·dx + dx²) = x³ + 2x²dx + x²dx + … = x³ + 3x²dx + …; "
        "that 3 is why the slope of x³ is 3x².",
        hints={0: "The notes wrote 2x²dx: a slip. Count the x²dx terms again."},
    )
    quiz_number(
        "secant",
        "What is the slope of the secant of f(x) = x³ from x = 0.5 to x = 1.5 (dx = 1)?",
        cube_secant.slope,
        tolerance=0.005,
        explanation=f"(1.5³ − 0.5³)/1 = {cube_secant.y_next:g} − {cube_secant.y:g} = "
        f"{cube_secant.slope:g}. As dx shrinks it "
        f"tends to 3·0.5² = {cube_secant.exact:g}.",
    )
    quiz_number(
        "cruise",
        "The ship sails at 0.6 nautical miles per hour; a passenger walks forward on deck at "
        "0.05. How fast does she move relative to the water?",
        notes_cruise.summed_speed,
        tolerance=0.001,
        unit="nautical miles per hour",
        explanation=f"Sum rule: 0.6 + 0.05 = {notes_cruise.summed_speed:g} nautical miles per "
        "hour.",
    )
    quiz_number(
        "mountain",
        f"On the mountain drive at t = 1 h the temperature changes by {drive.lapse_rate:g} °C per "
        f"km and you climb {drive.climb_rate:g} km per hour. What is dT/dt in °C per hour?",
        drive.chain_rate,
        tolerance=0.01,
        unit="°C per hour",
        explanation=f"Chain rule: dT/dt = dT/dh · dh/dt = ({drive.lapse_rate:g}) · "
        f"{drive.climb_rate:g} = {drive.chain_rate:g} °C per hour.",
    )
    quiz_expression(
        "product",
        "Type the derivative of f(x) = x·eˣ (write eˣ as e^x or exp(x)).",
        lambda text: check_equivalent(text, X_EXP_X_DERIVATIVE),
        explanation="Product rule: (x)'·eˣ + x·(eˣ)' = eˣ + x·eˣ = eˣ(x + 1), as in the notes.",
    )
