"""One actor, one article: each sentence's support/oppose split leans toward the actor's other sentences.

A reader of "Mr. Trump said the Second Amendment is 'on the ballot'" knows from the rest of the article
which way Mr. Trump leans; the model, reading one sentence and the one before it, does not. This step
adds that knowledge after the model has scored every (sentence, actor) pair of a document: for each pair,
the support share of the same actor's *other* sentences in the document (support mass over support +
oppose mass) shifts the pair's support-vs-oppose log-odds by ``weight`` times that share's log-odds. The
neutral probability is left as it is, so an actor mentioned without a position stays neutral; an actor
with a single sentence is unchanged. ``weight`` 0 turns the step off; it is fitted on dev documents
(:func:`fit_consistency_weight`) and stored with the model.

Example:
    >>> import numpy as np
    >>> probs = np.array([[0.45, 0.40, 0.15], [0.80, 0.10, 0.10]])  # support, oppose, neutral
    >>> apply_consistency(probs, ["Obama", "Obama"], ["support", "oppose", "neutral"], 0.5).round(2)[0]
    array([0.65, 0.2 , 0.15])
"""

from __future__ import annotations

from typing import Hashable, Sequence

import numpy as np

from ._log_odds import shift_support_log_odds

_SHARE_LIMIT = 0.01  # keeps the log-odds of a share finite


def apply_consistency(probs: np.ndarray, actors: Sequence[Hashable], labels: Sequence[str],
                      weight: float) -> np.ndarray:
    """``probs`` (one row per pair of one document, columns in ``labels`` order) with each row's support
    vs oppose split shifted toward the split of the same actor's other rows. Returns a new array."""
    probs = np.asarray(probs, dtype=float)
    if len(actors) != len(probs):
        raise ValueError(f"{len(actors)} actors for {len(probs)} rows of probabilities")
    if weight < 0:
        raise ValueError(f"the consistency weight must be >= 0, got {weight}")
    if weight == 0 or len(probs) < 2:
        return probs.copy()
    s, o = list(labels).index("support"), list(labels).index("oppose")
    rows_of: dict[Hashable, list[int]] = {}
    for row, actor in enumerate(actors):
        rows_of.setdefault(actor, []).append(row)
    shift = np.zeros(len(probs))
    for rows in rows_of.values():
        if len(rows) < 2:
            continue
        support = probs[rows, s]
        polar = support + probs[rows, o]
        others_polar = polar.sum() - polar
        others_support = support.sum() - support
        has_others = others_polar > 0
        share = np.clip(others_support[has_others] / others_polar[has_others], _SHARE_LIMIT, 1 - _SHARE_LIMIT)
        shift[np.asarray(rows)[has_others]] = weight * np.log(share / (1 - share))
    return shift_support_log_odds(probs, shift, s, o)


def fit_consistency_weight(probs: np.ndarray, groups: Sequence[Hashable], y_true: Sequence[int],
                           labels: Sequence[str], grid: Sequence[float] | None = None) -> float:
    """The weight (from ``grid``, default 0 to 2 in steps of 0.05) that minimises the negative
    log-likelihood of the gold labels ``y_true`` (indices into ``labels``). ``groups`` names each row's
    (document, actor); rows of one group are one actor's sentences in one document."""
    probs = np.asarray(probs, dtype=float)
    y = np.asarray(y_true)
    if len(groups) != len(probs) or len(y) != len(probs):
        raise ValueError("probs, groups and y_true must have one entry per row")
    if len(y) == 0:
        return 0.0
    grid = np.round(np.arange(0, 2.0001, 0.05), 2) if grid is None else grid

    def nll(weight: float) -> float:
        # rows of different documents never meet: the group key already names the document
        p = apply_consistency(probs, groups, labels, weight)
        return float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    return float(min(grid, key=nll))
