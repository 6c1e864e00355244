"""Training-time copies of records with a changed proposal, so the model has to read the proposal.

A model trained only on real records can score well by reading the sentence's tone toward the actor and
ignoring the proposal: in most articles the proposal is fixed and tone and position agree. Two kinds of
copy break that shortcut:

- :func:`negated_proposals`: the proposal turned into its opposite ("blocking the tax") and the label
  flipped (support <-> oppose); the sentence is unchanged, so only the proposal tells the answer.
- :func:`unrelated_proposals`: the proposal swapped for one from another document, labelled neutral: an
  actor's words about one thing are no position on something else.

Both take a seeded :class:`random.Random` so a training run is reproducible.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Sequence

from .records import StanceRecord

# "{}" is the proposal as written; each reads as the opposite aim whether the proposal is a noun phrase
# ("a carbon tax") or a clause ("NATO opens an office in Tokyo").
NEGATION_TEMPLATES = ("opposition to {}", "blocking {}", "rejecting {}", "stopping {}", "against: {}")
_FLIP = {"support": "oppose", "oppose": "support"}


def negated_proposals(records: Sequence[StanceRecord], rate: float, rng: random.Random) -> list[StanceRecord]:
    """Copies of a ``rate`` share of the polar records, the proposal negated and the label flipped.

    Example:
        >>> r = StanceRecord("a carbon tax", "Ford", ["Ford backed it."], 0, "support")
        >>> negated_proposals([r], 1.0, random.Random(0))[0].label
        'oppose'
    """
    check_rate(rate)
    polar = [r for r in records if r.label in _FLIP]
    out = []
    for r in _sample(polar, rate, rng):
        proposal = rng.choice(NEGATION_TEMPLATES).format(_lower_first(r.proposal))
        out.append(dataclasses.replace(r, proposal=proposal, label=_FLIP[r.label], id=f"{r.id}~negated"))
    return out


def unrelated_proposals(records: Sequence[StanceRecord], rate: float, rng: random.Random) -> list[StanceRecord]:
    """Copies of a ``rate`` share of the records with the proposal of another document, labelled neutral.

    The other proposal is drawn from records of a different ``document`` (or, for records without one, a
    different proposal); records whose source has a single proposal get no copy.

    Example:
        >>> a = StanceRecord("a carbon tax", "Ford", ["Ford backed it."], 0, "support", document="d1")
        >>> b = StanceRecord("a new stadium", "Mayor", ["The mayor hated it."], 0, "oppose", document="d2")
        >>> [(r.proposal, r.label) for r in unrelated_proposals([a, b], 1.0, random.Random(0))]
        [('a new stadium', 'neutral'), ('a carbon tax', 'neutral')]
    """
    check_rate(rate)
    proposals = sorted({(r.document or r.proposal, r.proposal) for r in records})
    out = []
    for r in _sample(records, rate, rng):
        own = r.document or r.proposal
        for _ in range(8):  # a few draws find another document's proposal unless there is almost none
            doc, proposal = rng.choice(proposals)
            if doc != own and proposal.casefold() != r.proposal.casefold():
                out.append(dataclasses.replace(r, proposal=proposal, label="neutral", id=f"{r.id}~unrelated"))
                break
    return out


def _sample(records: Sequence[StanceRecord], rate: float, rng: random.Random) -> list[StanceRecord]:
    if rate >= 1:
        return list(records)
    return rng.sample(list(records), round(rate * len(records)))


def check_rate(rate: float, name: str = "an augmentation rate") -> None:
    """Raise ``ValueError`` unless ``rate`` is a share of the records, between 0 and 1."""
    if not 0 <= rate <= 1:
        raise ValueError(f"{name} is a share of the records, between 0 and 1; got {rate}")


def _lower_first(text: str) -> str:
    """'The carbon tax' -> 'the carbon tax'; other first words ('NATO', 'Obamacare') keep their case."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first in ("A", "An", "The") else text
