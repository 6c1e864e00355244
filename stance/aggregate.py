"""From sentence stances to each actor's position over the whole document."""

from __future__ import annotations

from typing import Sequence

from .schema import ActorStance, DocumentActor, SentenceResult


def aggregate_actors(sentences: Sequence[SentenceResult], labels: Sequence[str]) -> list[DocumentActor]:
    """Each actor's document-level position, in order of first appearance.

    An actor takes a position in the document as strongly as in its most outspoken sentence
    (``1 - min neutral``); that position is split between support and oppose by the probability mass
    each gets over all its sentences. Evidence: the sentences whose label is the document label.

    Example:
        >>> [a.label for a in aggregate_actors(result.sentences, ["support", "oppose", "neutral"])]
        ['oppose', 'support']
    """
    by_actor: dict[str, list[tuple[int, ActorStance]]] = {}
    for sentence in sentences:
        for st in sentence.stances:
            by_actor.setdefault(st.actor, []).append((sentence.index, st))
    out = []
    for actor, items in by_actor.items():
        scores = document_scores([st.scores for _, st in items])
        label = max(labels, key=lambda l: scores.get(l, 0.0))
        evidence = [i for i, st in items if st.label == label]
        if not evidence and label != "neutral":
            evidence = [max(items, key=lambda it: it[1].scores.get(label, 0.0))[0]]
        out.append(DocumentActor(actor, label, scores, evidence, mentions=len(items)))
    return out


def document_scores(sentence_scores: Sequence[dict[str, float]]) -> dict[str, float]:
    """Combine one actor's per-sentence probabilities into document probabilities (summing to 1)."""
    if not sentence_scores:
        raise ValueError("an actor needs at least one sentence to aggregate")
    strength = max(1.0 - s.get("neutral", 0.0) for s in sentence_scores)
    support = sum(s.get("support", 0.0) for s in sentence_scores)
    oppose = sum(s.get("oppose", 0.0) for s in sentence_scores)
    share = support / (support + oppose) if support + oppose > 0 else 0.5
    return {"support": round(strength * share, 4), "oppose": round(strength * (1 - share), 4),
            "neutral": round(1.0 - strength, 4)}
