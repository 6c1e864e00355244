"""Shifting a row's support-vs-oppose log-odds while its neutral probability stays as it is.

The tone step (:mod:`stance.tone`) and the consistency step (:mod:`stance.consistency`) both move a pair's
split between support and oppose and leave "has no position" alone; this is the one place that does it.
"""

from __future__ import annotations

import numpy as np

_LIMIT = 1e-9  # keeps the log-odds of a split finite


def shift_support_log_odds(probs: np.ndarray, shift: np.ndarray, support: int, oppose: int) -> np.ndarray:
    """``probs`` with each row's support share of its polar mass (support + oppose) moved by ``shift`` (one
    value per row) on the log-odds scale; the polar mass and every other column are kept. Rows with no polar
    mass or a shift of 0 are returned unchanged. Returns a new array.

    Example:
        >>> shift_support_log_odds(np.array([[0.3, 0.3, 0.4]]), np.array([np.log(3)]), 0, 1).round(2)
        array([[0.45, 0.15, 0.4 ]])
    """
    out = np.array(probs, dtype=float)
    shift = np.asarray(shift, dtype=float)
    if shift.shape != (len(out),):
        raise ValueError(f"{shift.shape} shifts for {len(out)} rows of probabilities")
    polar = out[:, support] + out[:, oppose]
    rows = (polar > 0) & (shift != 0)
    if not rows.any():
        return out
    mass = polar[rows]
    own = np.clip(out[rows, support] / mass, _LIMIT, 1 - _LIMIT)
    log_odds = np.log(own / (1 - own)) + shift[rows]
    out[rows, support] = mass / (1 + np.exp(-log_odds))
    out[rows, oppose] = mass - out[rows, support]
    return out
