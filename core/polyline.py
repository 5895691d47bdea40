"""How many points a sampled curve needs to be drawn: the rest can stay on the server.

A chart draws a curve y = f(x) as straight segments between its samples. Where the curve is
nearly straight, most samples lie on the segment between their neighbours and add nothing a
reader can see, yet each one costs the browser time on every slider move. `simplify_curve`
keeps the fewest samples it can such that the polyline through the kept samples stays within
`tolerance` (vertically) of the polyline through all of them.

The rule is Ramer-Douglas-Peucker with vertical distance: start from the two ends; in every
stretch between two kept samples, find the sample farthest (vertically) from the straight
segment joining them, and keep it if it is farther than the tolerance; repeat until every
sample is within the tolerance. Both polylines are piecewise linear with their corners at
samples, so if every dropped sample is within the tolerance then every point of the curve
between them is too: the bound holds along the whole curve, not only at the samples.

Samples whose y is not finite (NaN, +-inf) are kept, as are their finite neighbours, so a gap
in the curve stays a gap and its edges stay where they were.
"""

from __future__ import annotations

import numpy as np


def simplify_curve(x: np.ndarray, y: np.ndarray, tolerance: float) -> np.ndarray:
    """A boolean mask over the samples: True for the samples to keep.

    `x` must be sorted (non-decreasing); `tolerance` is in the units of y and must be >= 0.
    The first and last samples are always kept. With tolerance 0 only samples that lie
    exactly on the segment between their kept neighbours are dropped.

    The search runs all stretches at once, one round per level of refinement (about
    log2 of the number of kept samples), each round a few vectorised passes over the samples.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    if len(y) != n:
        raise ValueError("x and y must have the same length")
    if tolerance < 0 or not np.isfinite(tolerance):
        raise ValueError("tolerance must be a finite number >= 0")
    keep = np.zeros(n, dtype=bool)
    if n <= 2:
        keep[:] = True
        return keep
    finite = np.isfinite(y) & np.isfinite(x)
    keep[0] = keep[-1] = True
    keep |= ~finite
    # The finite samples next to a gap anchor the gap's edges.
    keep[:-1] |= finite[:-1] & ~finite[1:]
    keep[1:] |= finite[1:] & ~finite[:-1]
    positions = np.arange(n)
    safe_y = np.where(finite, y, 0.0)
    safe_x = np.where(finite, x, 0.0)
    while True:
        anchors = np.flatnonzero(keep)
        # For every sample, the kept samples on its left and on its right.
        right_slot = np.searchsorted(anchors, positions, side="right")
        left = anchors[np.clip(right_slot - 1, 0, len(anchors) - 1)]
        right = anchors[np.clip(right_slot, 0, len(anchors) - 1)]
        run = safe_x[right] - safe_x[left]
        fraction = np.divide(safe_x - safe_x[left], run, out=np.zeros(n), where=run != 0)
        on_segment = safe_y[left] + fraction * (safe_y[right] - safe_y[left])
        error = np.abs(safe_y - on_segment)
        error[keep] = 0.0
        # A stretch whose ends have the same x (a vertical jump) keeps all its samples.
        error[(run == 0) & ~keep] = np.inf
        candidates = np.flatnonzero(error > tolerance)
        if len(candidates) == 0:
            return keep
        # The farthest sample of each stretch (stretches named by their left anchor).
        stretch = left[candidates]
        order = np.lexsort((-error[candidates], stretch))
        first_of_stretch = np.r_[True, stretch[order][1:] != stretch[order][:-1]]
        keep[candidates[order][first_of_stretch]] = True
