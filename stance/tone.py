"""Tone: take out of each decision the part that is only the actor's tone, not its position on the proposal.

A model that reads "Republicans' reckless threats to block the bill" can answer from the hostile tone alone.
How much it does so shows when the proposal is replaced by an unrelated one (:data:`TONE_PROPOSAL`): what is
left of its support-vs-oppose lean then is the tone. This step scores each pair a second time with that
proposal and subtracts ``weight`` times that lean (its log-odds, after the model's temperature) from the pair's
own support-vs-oppose log-odds. The neutral probability is left as it is: the step changes which side, never
whether there is a position. ``weight`` 0 turns it off (and saves the second pass); it is fitted on dev
records by log-likelihood (:func:`fit_tone_weight`) and stored with the model as ``tone_weight``.
The idea is contextual calibration (Zhao et al., 2021, "Calibrate Before Use"), done per pair.

Example:
    >>> import numpy as np
    >>> probs = np.array([[0.6, 0.3, 0.1]])                      # support, oppose, neutral
    >>> tone_logits = np.array([[2.0, 0.0, 0.0]])                # a warm sentence, whatever the proposal
    >>> remove_tone(probs, tone_logits, ["support", "oppose", "neutral"], 0.5, 1.0).round(3)
    array([[0.381, 0.519, 0.1  ]])
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ._log_odds import shift_support_log_odds
from .encoding import with_proposal

# stands for "some other proposal": a matter of government, as news proposals are, but one no article's
# actor takes a side on in the sentences where it argues about something else. Chosen among four such texts
# by the negative log-likelihood on the team corpus's dev documents after the fitted weight (README, "tone").
TONE_PROPOSAL = "the city's annual budget"


def tone_pairs(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same pairs with :data:`TONE_PROPOSAL` in place of each one's proposal.

    Example:
        >>> tone_pairs([("France ; Ban cars", "« Paris » said no.")])
        [("France ; the city's annual budget", '« Paris » said no.')]
    """
    return [with_proposal(pair, TONE_PROPOSAL) for pair in pairs]


def remove_tone(probs: np.ndarray, tone_logits: np.ndarray, labels: Sequence[str], weight: float,
                temperature: float = 1.0) -> np.ndarray:
    """``probs`` (rows in ``labels`` order) with ``weight`` times the tone pairs' support-vs-oppose log-odds
    (``tone_logits`` / ``temperature``) taken from each row's own; neutral unchanged. Returns a new array."""
    probs = np.asarray(probs, dtype=float)
    tone_logits = np.asarray(tone_logits, dtype=float)
    if tone_logits.shape != probs.shape:
        raise ValueError(f"tone logits of shape {tone_logits.shape} for probabilities of shape {probs.shape}")
    if not weight >= 0:
        raise ValueError(f"the tone weight must be >= 0, got {weight}")
    if not temperature > 0:
        raise ValueError(f"the temperature must be > 0, got {temperature}")
    if weight == 0 or len(probs) == 0:
        return probs.copy()
    s, o = list(labels).index("support"), list(labels).index("oppose")
    return shift_support_log_odds(probs, -weight * (tone_logits[:, s] - tone_logits[:, o]) / temperature, s, o)


def fit_tone_weight(probs: np.ndarray, tone_logits: np.ndarray, y_true: Sequence[int], labels: Sequence[str],
                    temperature: float = 1.0, grid: Sequence[float] | None = None) -> float:
    """The weight (from ``grid``, default 0 to 1 in steps of 0.05) that minimises the negative log-likelihood
    of the gold labels ``y_true`` (indices into ``labels``) after :func:`remove_tone`."""
    y = np.asarray(y_true)
    if len(y) != len(probs):
        raise ValueError("probs and y_true must have one entry per row")
    if len(y) == 0:
        return 0.0
    grid = np.round(np.arange(0, 1.0001, 0.05), 2) if grid is None else grid

    def nll(weight: float) -> float:
        p = remove_tone(probs, tone_logits, labels, weight, temperature)
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    return float(min(grid, key=nll))
