"""The coin game's worked maths: logs first (L'(p) = H/p - T/(1-p), solved for p), its value
at the learner's p (or its one-sided limit where ln 0 has no value) and the verdict in words,
which the touch unit shows for every p, and the notes' product-rule route on g, which the page
folds into a "Going further" expander.

Everything comes from one `CoinWorking`; which way to move p is its `direction`, decided in core.
"""

from __future__ import annotations

from fractions import Fraction

from app_pages.log_loss.formulas import (
    P_TEXT,
    Q_TEXT,
    aligned,
    break_if_long,
    counted,
    digits_that_give,
    display,
    exact_words,
    factor,
    fraction_tex,
    g_tex,
    l_tex,
    one_side,
    pack,
    power,
    rel,
    result_rel,
    signed,
    superscript,
    term,
    write,
)
from core import coins
from dashboard import numbers


def _zero_words(zeros: coins.DerivativeZeros) -> str:
    """'g′(p) = 0 at p = 0, 0.7, 1' or 'g′(p) is never 0 on [0, 1]'."""
    if not zeros.points:
        return "g′(p) is never 0 on [0, 1]"
    return "g′(p) = 0 at p = " + ", ".join(exact_words(z) for z in zeros.points)


def product_rule_route(work: coins.CoinWorking) -> None:
    """g'(p) by the product rule, factorised, its zeros, and its value at p."""
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    blocks = ["**The product rule on g** (the notes' route)"]
    g_row = rf"g(p) &= {g_tex(h, t)}"
    at_p: list[str] = []
    if h and t:
        common = term(1, power(P_TEXT, h - 1), power(Q_TEXT, t - 1))
        common = "" if common == "1" else common + r"\,"
        first = term(h, power(P_TEXT, h - 1), power(Q_TEXT, t))
        # d/dp (1 - p)^T = T(1 - p)^(T-1)·(-1); for T = 1 just ·(-1), with no factor 1
        second = term(1, power(P_TEXT, h))
        if t > 1:
            second += r"\cdot " + term(t, power(Q_TEXT, t - 1))
        substituted = term(1, power(p, h - 1), power(f"(1-{p})", t - 1))
        bracket = rf"({h} - {work.total}\cdot {p})"
        # Long products (two-digit powers, tiny factors) go on two rows, so that they fit a phone.
        if substituted != "1":
            substituted += break_if_long(substituted + bracket, r"\,", r"\\ &\quad\cdot ")
        else:
            substituted = ""
        # The expander's box is narrower than a phone: long rows break after the common factor.
        split = break_if_long(
            common + term(h, Q_TEXT) + term(t, P_TEXT), "", r"\\ &\quad\cdot ", width=20
        )
        # The factors at p: a power that is 0 (p⁰ when H = 1, (1 - p)⁰ when T = 1) is no factor.
        powers = ((work.p_power, h - 1), (work.q_power, t - 1))
        shown = [x for x, k in powers if k > 0 and x is not None] + [work.bracket]
        sig = digits_that_give(work.g_prime, list(shown))
        factors = pack([factor(x, sig) for x in shown], r"\cdot ", r"\\ &\quad\cdot ")
        blocks += [
            aligned(
                g_row,
                rf"g'(p) &= {first}\\ &\quad + {second}\cdot(-1)",
                rf"&= {common}{split}\bigl({term(h, Q_TEXT)} - {term(t, P_TEXT)}\bigr)",
                rf"&= {common}({h} - {term(work.total, P_TEXT)})",
            ),
            f"The derivative of {_q_power(t)} is {_q_derivative(t)}: that is where the minus "
            "sign comes from. "
            f"{_zero_words(work.g_zeros)}; g is 0 at both ends, so the "
            f"maximum is at p = {exact_words(work.best or Fraction(0))}.",
        ]
        rows = [rf"g'({p}) &= {substituted}{bracket}"]
        if len(shown) > 1:  # with H = T = 1 the bracket is the only factor: no product to show
            rows.append(rf"&{rel(*shown, sig=sig)} {factors}")
        rows.append(rf"&{result_rel(work.g_prime, *shown, sig=sig)} {numbers.tex(work.g_prime)}")
        at_p = [aligned(*rows)]
    elif t:
        blocks += [
            aligned(g_row, rf"g'(p) &= -{term(t, power(Q_TEXT, t - 1))}"),
            "Negative on all of [0, 1): g only falls, so its maximum is at the left end, "
            f"**p = 0**, where g′ is not zero. {_zero_words(work.g_zeros)}.",
        ]
        at_p = [display(rf"g'({p}) {numbers.eq_tex(work.g_prime)}")]
    elif h:
        blocks += [
            aligned(g_row, rf"g'(p) &= {term(h, power(P_TEXT, h - 1))}"),
            "Positive on all of (0, 1]: g only rises, so its maximum is at the right end, "
            f"**p = 1**, where g′ is not zero. {_zero_words(work.g_zeros)}.",
        ]
        at_p = [display(rf"g'({p}) {numbers.eq_tex(work.g_prime)}")]
    else:
        blocks.append(aligned(g_row, r"g'(p) &= 0 \text{ for every } p"))
        at_p = ["No tosses: g is flat, so every p is a maximum."]
    write(blocks)
    write(at_p)


def _q_derivative(t: int) -> str:
    """d/dp (1 − p)ᵗ in prose: −1 for t = 1, else 3(1 − p)²·(−1) by the chain rule."""
    if t == 1:
        return "−1"
    return f"{t}{_q_power(t - 1)}·(−1) by the chain rule"


def _q_power(k: int) -> str:
    """(1 − p)ᵏ in prose: (1 − p)³, (1 − p) for k = 1, nothing for k = 0."""
    return "" if k == 0 else "(1 − p)" + (superscript(k) if k > 1 else "")


def _likelier(work: coins.CoinWorking) -> str:
    return (
        f"No other p makes {counted(work.heads, 'head')} and {counted(work.tails, 'tail')} "
        "likelier."
    )


def verdict_notes(work: coins.CoinWorking) -> list[str]:
    """What the learner's p is worth and which way to move it, in words (plain text: the touch
    unit writes notes as text), from core's exact decision, with the reason they can check."""
    p = numbers.text(work.p)
    if work.direction == coins.FLAT:
        return ["No tosses: L is flat, so no p is better than another."]
    if work.impossible:
        return _limit_notes(work)
    if work.direction == coins.BEST:
        if work.log_g_prime == 0:
            return [f"L′({p}) = 0: this is the best p. {_likelier(work)}"]
        side = "below 0" if work.p == 0 else "above 1"
        return [
            f"p = {p} is the best p: L keeps rising towards this end, and p cannot go {side}. "
            + _likelier(work)
        ]
    rising = work.direction == coins.RAISE
    return [
        f"L′({p}) is {'positive' if rising else 'negative'}: "
        f"{'raise' if rising else 'lower'} p to climb towards the best p "
        f"{numbers.eq_text(work.best)}."
    ]


def _limit_notes(work: coins.CoinWorking) -> list[str]:
    """At an end where the tosses seen are impossible: why L and L' have no value there, and
    what their one-sided limits say."""
    p = numbers.text(work.p)
    _, end = one_side(work.p)
    side, log = ("head", "ln p") if work.p == 0 else ("tail", "ln(1 − p)")
    rising = work.direction == coins.RAISE
    return [
        f"At p = {p} a {side} is impossible, yet you saw one: g({p}) = 0, and {log} = ln 0 has "
        f"no value, so L({p}) and L′({p}) do not exist. As p → {end}, L(p) → −∞ and the log "
        "loss → +∞.",
        f"L′(p) → {'∞' if rising else '−∞'} is a one-sided limit, as p → {end} (p approaching "
        f"{p} from {'above' if rising else 'below'}); L′ is {'positive' if rising else 'negative'}"
        f" near {p}, so {'raise' if rising else 'lower'} p.",
    ]


def _limit_rows(work: coins.CoinWorking) -> list[str]:
    """At an end where the tosses seen are impossible, ln 0 has no value: L and L' are not
    defined there, and what can be said is their one-sided limits."""
    h, t = work.heads, work.tails
    side, _ = one_side(work.p)
    slope = [("+", rf"\frac{{{h}}}{{p}}")] if h else []
    if t:
        slope.append(("-", rf"\frac{{{t}}}{{1-p}}"))
    limit = numbers.tex(work.log_g_prime_limit or 0.0)
    return [
        rf"L(p) &\to -\infty \text{{ as }} p \to {side}",
        rf"L'(p) &= {signed(slope)}\\ &\to {limit} \text{{ as }} p \to {side}",
    ]


def _rows_at_p(work: coins.CoinWorking) -> list[str]:
    """L(p) and L'(p) at the learner's p, where both exist."""
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    counts = [c for c in (h, t) if c]
    shown_logs = [log for c, log in ((h, work.log_p), (t, work.log_q)) if c]
    sig = digits_that_give(work.log_g, shown_logs, counts)
    logs = [
        ("+", rf"{c}\cdot {factor(log, sig)}" if c != 1 else factor(log, sig))
        for c, log in zip(counts, shown_logs, strict=True)
    ]
    rows = [rf"L({p}) &= {l_tex(h, t, p)}"]
    if len(logs) > 1 or h > 1 or t > 1:
        # A long sum goes on two rows, broken before its second term, so that it fits a phone.
        first, *others = [signed([piece]) for piece in logs]
        joined = pack([first, *[f"+ {o}" for o in others]], " ", r"\\ &\quad ", width=24)
        rows.append(rf"&{rel(*shown_logs, sig=sig)} {joined}")
    rows.append(rf"&{result_rel(work.log_g, *shown_logs, sig=sig)} {numbers.tex(work.log_g)}")
    slope = work.log_g_prime or Fraction(0)
    terms = [
        (sign, count, denominator, term or Fraction(0))
        for sign, count, denominator, term in (
            ("+", h, p, work.head_term),
            ("-", t, f"1-{p}", work.tail_term),
        )
        if count
    ]
    shown_terms = [term for *_, term in terms]
    sig = digits_that_give(slope, shown_terms, [1 if s == "+" else -1 for s, *_ in terms])
    fractions = [(s, rf"\frac{{{c}}}{{{d}}}") for s, c, d, _ in terms]
    values = [(s, numbers.tex(term, sig)) for s, _, _, term in terms]
    rows.append(rf"L'({p}) &= {signed(fractions)}")
    if len(values) > 1:
        rows.append(rf"&{rel(*shown_terms, sig=sig)} {signed(values)}")
        rows.append(rf"&{result_rel(slope, *shown_terms, sig=sig)} {numbers.tex(slope)}")
    else:
        rows.append(rf"&{numbers.eq_tex(slope)}")
    return rows


def at_p_tex(work: coins.CoinWorking) -> str:
    """L(p) and L'(p) worked at the learner's p, as one aligned formula (LaTeX, no $$): their
    values where both exist, their one-sided limits at an end where ln 0 has no value."""
    p = numbers.text(work.p)
    if work.best is None:
        rows = [rf"L({p}) &= 0", rf"L'({p}) &= 0"]
    elif work.impossible:
        rows = _limit_rows(work)
    else:
        rows = _rows_at_p(work)
    return r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}"


def log_derivation(work: coins.CoinWorking) -> None:
    """L(p) = ln g(p), L'(p) = H/p - T/(1-p), solved for p: the same at every p (one markdown
    element, typeset again only when H or T moves)."""
    h, t = work.heads, work.tails
    blocks = ["**Logs first** (the easier route)"]
    # Two rows, so that it fits a phone: ln of the product, then the sum of logs.
    l_row = rf"L(p) &= \ln\bigl({g_tex(h, t)}\bigr)\\ &= {l_tex(h, t)}"
    if h and t:
        blocks.append(
            aligned(
                l_row,
                rf"L'(p) &= \frac{{{h}}}{{p}} - \frac{{{t}}}{{1-p}} = 0",
                rf"&\iff {term(h, Q_TEXT)} = {term(t, P_TEXT)}",
                rf"&\iff {h} = {term(work.total, 'p')}",
                rf"&\iff p = {fraction_tex(work.best or Fraction(0), h, work.total)}",
            )
        )
    elif t:
        blocks += [
            aligned(l_row, rf"L'(p) &= -\frac{{{t}}}{{1-p}} < 0"),
            "Never zero: L falls all the way, so the best p is the end **p = 0**.",
        ]
    elif h:
        blocks += [
            aligned(l_row, rf"L'(p) &= \frac{{{h}}}{{p}} > 0"),
            "Never zero: L rises all the way, so the best p is the end **p = 1**.",
        ]
    else:
        blocks.append(
            display(rf"L(p) = \ln\bigl({g_tex(h, t)}\bigr) = {l_tex(h, t)} \text{{ for every }} p")
        )
    if work.best is not None:
        blocks.append("L and g peak at the same p: ln is increasing.")
    write(blocks)
