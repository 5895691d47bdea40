"""Section 6, the bridge to machine learning: a classifier predicts its own p_i for each
example; the sum of -ln p_i (heads, y_i = 1) and -ln(1 - p_i) (tails) is the total log loss,
and the average, the binary cross-entropy, is what libraries call the log loss. The coin is
the one-p model. One call: `core.coins.coin_working` at the course's 7 heads, 3 tails and its
best p 0.7 (no control: this section does not follow the coin game's sliders).
"""

from __future__ import annotations

from app_pages.log_loss.formulas import aligned, write
from core.coins import COURSE_HEADS, COURSE_TAILS, best_p_fraction, coin_working
from dashboard import numbers
from dashboard.layout import check_yourself, quiz_choice, section

BCE = (
    r"\text{BCE} &= -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i\ln p_i\\ "
    r"&\qquad + (1-y_i)\ln(1-p_i)\bigr]"
)


def draw() -> None:
    section("The bridge to machine learning")
    h, t = COURSE_HEADS, COURSE_TAILS
    best = best_p_fraction(h, t)
    assert best is not None
    work = coin_working(h, t, best)
    p = numbers.tex(best)
    write(
        [
            "A classifier predicts its own pᵢ = P(yᵢ = 1) for each example i and pays −ln pᵢ if "
            "yᵢ = 1, −ln(1 − pᵢ) if yᵢ = 0. The sum is the total log loss; the **log loss** of "
            "libraries (scikit-learn's `log_loss`, PyTorch's `BCELoss`) is the **average**, the "
            "binary cross-entropy:",
            aligned(BCE),
            "The coin uses one pᵢ = p for every toss (yᵢ = 1 for a head), so BCE(p) = −L(p)/n, "
            f"smallest at the best p; for {h} heads and {t} tails:",
            aligned(
                rf"\text{{BCE}}({p}) &= -\frac{{1}}{{{h + t}}}\bigl({h}\ln {p} + {t}\ln(1-{p})\bigr)",
                rf"&{numbers.eq_tex(work.bce)}",
            ),
        ]
    )
    with check_yourself():
        quiz_choice(
            "logloss_at_one",
            "You saw at least one tail. What happens to the log loss −L(p) as p → 1?",
            ["it goes to 0", "it goes to 1", "it grows without bound (→ +∞)", "it is NaN"],
            answer=2,
            explanation="Near p = 1 a tail has probability 1 − p → 0, so −ln g(p) → +∞: a model "
            "that is certain and wrong pays a loss without bound (at p = 1 itself, ln 0 has no "
            "value; libraries clip p away from 0 and 1).",
        )
