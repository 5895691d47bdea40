"""Gradient descent on a line at every position of the regression page's learning rate and
iterations (section 4's touch unit), each shown at the replayed step.

The positions form a cross through the one Python holds (rate, iterations): each input's
positions with the other held. A replay follows the run's end when the number of
iterations changes, as a learner expects: at the last step it stays at the (new) last step,
beyond the new end it is pulled to it, elsewhere it stays where the learner put it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.line_fit import FitData
from core.regression import DescentStep, LineDescent, shorter_descent


def followed_replay(replay: int, iterations: int, new_iterations: int) -> int:
    """Where the replay goes when the iterations change from `iterations` to
    `new_iterations`: to the new end if it was at the end or is beyond the new end, else
    where it was."""
    if replay == iterations or replay > new_iterations:
        return new_iterations
    return replay


@dataclass(frozen=True)
class Replayed:
    """The line after `asked` steps of a run: `shown` is the run's `at(asked)`, an earlier
    step (the last one kept) where the run was stopped before `asked`."""

    asked: int
    shown: DescentStep

    @property
    def cut_short(self) -> bool:
        """Whether the run was stopped before the asked step (the page says so)."""
        return self.shown.step < self.asked


def _replayed(run: LineDescent, asked: int) -> Replayed:
    return Replayed(asked, run.at(asked))


@dataclass(frozen=True)
class DescentGrid:
    """The cross of runs through the held (rate, iterations), each at a replayed step:

    - `held`: the run at the held rate and iterations (its verdict, its path), `shown` its
      line after the held replay step;
    - by_rate[i]: the run at rates[i] with the held iterations, at the held replay step;
    - by_iterations[j]: the run of iterations[j] steps at the held rate, at the replay step
      `followed_replay` gives for it.
    """

    rates: tuple[float, ...]
    iterations: tuple[int, ...]
    held: LineDescent
    shown: Replayed
    by_rate: tuple[Replayed, ...]
    by_iterations: tuple[Replayed, ...]


def descent_grid(
    data: FitData,
    longest: Callable[[float], LineDescent],
    rates: Sequence[float],
    iterations: Sequence[int],
    rate: float,
    steps: int,
    replay: int,
) -> DescentGrid:
    """Every line the rate and iterations inputs reach from (rate, steps), shown at the
    replay step, read off `longest(r)`: the descent at rate r with at least max(iterations)
    steps. A run of n steps is that run's first n steps (the same floats,
    `shorter_descent`), so its line after k <= n steps is the longest run's `at(k)`: only
    the held run is cut to its length (for its verdict)."""
    if rate not in rates or steps not in iterations or not 0 <= replay <= steps:
        raise ValueError("the held position must be one of the inputs' positions")
    at_rate = longest(rate)
    return DescentGrid(
        rates=tuple(rates),
        iterations=tuple(iterations),
        held=shorter_descent(at_rate, data, steps),
        shown=_replayed(at_rate, replay),
        by_rate=tuple(_replayed(longest(r), replay) for r in rates),
        by_iterations=tuple(
            _replayed(at_rate, followed_replay(replay, steps, n)) for n in iterations
        ),
    )


# The replay's positions: every step up to EVERY_STEP_UP_TO, every 10th up to TENS_UP_TO,
# every 100th beyond, and always the run's last step (a run has up to 3000 steps: one
# position per step would pass Streamlit's 1 MB message limit).
EVERY_STEP_UP_TO = 200
TENS_UP_TO = 1000


def replay_positions(steps: int) -> tuple[int, ...]:
    """The steps a replay of a run of `steps` steps can show: 0, 1, ..., 200, then 210, 220,
    ..., 1000, then 1100, 1200, ..., and `steps` itself. The positions of a shorter run are
    those of a longer one up to its end, plus its end."""
    if steps < 0:
        raise ValueError("a run has at least 0 steps")
    kept = [k for k in range(min(steps, EVERY_STEP_UP_TO) + 1)]
    kept += range(EVERY_STEP_UP_TO + 10, min(steps, TENS_UP_TO) + 1, 10)
    kept += range(TENS_UP_TO + 100, steps + 1, 100)
    if kept[-1] != steps:
        kept.append(steps)
    return tuple(kept)


def replay_grid(run: LineDescent, positions: Sequence[int]) -> tuple[Replayed, ...]:
    """The line of `run` (the held rate's longest descent, `descent_grid`'s `longest(rate)`)
    after each step in `positions`: the replay input's rows. Where the run was stopped
    before a step, the last step kept (`Replayed.cut_short`)."""
    return tuple(_replayed(run, k) for k in positions)
