"""Non-differentiability: corners, cusps, jumps, vertical tangents and holes, by zooming in."""

from dashboard import differentiability_views as views
from dashboard.controls import url_choice
from dashboard.layout import check_yourself, page_header, quiz_choice, quiz_number, section

page_header(
    "Non-differentiability: where the derivative does not exist",
    "See why a derivative needs the left and the right slope to agree on one number, and "
    "recognise the points where they do not: corners, cusps, jumps, vertical tangents, holes.",
    try_this="Pick **Corner** and shrink dx: the left slope stays at −1 and the right slope "
    "at 1 however close you zoom. Then pick **Smooth** and watch the two meet at 2.",
)

section(
    "Zoom in on a point",
    "The notes' recap: corners and cusps, jump discontinuities and vertical tangents are not "
    "differentiable, and 1/x is not even defined at 0. Choose a case, then shrink dx. The "
    "**left secant** joins x0 − dx to x0, the **right secant** joins x0 to x0 + dx; the table "
    "lists both slopes as dx shrinks tenfold.",
)
case = url_choice(
    "Which point?",
    "case",
    options=views.CASES,
    default="corner",
    labels=views.CASE_LABELS,
    help=views.CASE_HELP,
)
target = views.choose_target(case)
if target is not None:
    views.zoom_section(target)

section(
    "Why machine learning does not mind corners",
    "If a derivative can fail to exist, how can training, which follows slopes, use ReLU or "
    "the L1 loss |x|?",
)
views.relu_panel()

with check_yourself("Three questions and a number; each answer comes with the reason."):
    views.quiz_picture()
    quiz_choice(
        "picture",
        "What kind of point does the graph above have at x = −1?",
        ["differentiable", "corner", "cusp", "jump", "vertical tangent"],
        answer=2,
        explanation="g(x) = (x + 1)^(2/3): the left slopes run off to −∞ and the right "
        "slopes to +∞ (like −dx^(−1/3) and dx^(−1/3)), and the sides meet in a sharp point.",
        hints={
            1: "At a corner both slopes stay finite; here they grow without bound.",
            4: "At a vertical tangent both slopes run off with the same sign; here the left "
            "slopes are negative and the right ones positive.",
        },
    )
    quiz_choice(
        "abs_shifted",
        "Is f(x) = |x − 2| differentiable at x = 2?",
        [
            "Yes: its derivative there is 0",
            "No: the left slopes are −1 and the right slopes 1, a corner",
            "No: it jumps at x = 2",
        ],
        answer=1,
        explanation="|x − 2| is the corner of |x| moved to 2. For every dx the left slope is "
        "−1 and the right slope is 1; they never meet.",
        hints={0: "0 is the average of −1 and 1, but no secant ever has slope 0 there."},
    )
    quiz_choice(
        "jump",
        "At a jump, what do the left and right slopes do as dx shrinks?",
        [
            "They meet at one number",
            "They settle on two different numbers",
            "One of them blows up like (size of the jump) / dx",
            "Both run off to +∞ together",
        ],
        answer=2,
        explanation="The secant that crosses the jump rises by the jump's size over a run of "
        "dx, so its slope is about (size of the jump) / dx: 10, 100, 1000, ... as dx shrinks.",
    )
    quiz_number(
        "relu_right",
        "ReLU(x) = max(0, x). What is its right slope at 0 with dx = 0.001?",
        answer=1.0,
        tolerance=1e-9,
        explanation="(ReLU(0.001) − ReLU(0)) / 0.001 = 0.001 / 0.001 = 1, for every dx.",
    )
