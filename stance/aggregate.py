"""From sentence stances to each actor's position over the whole document."""

from __future__ import annotations

from typing import Sequence

from .schema import ActorStance, DocumentActor, SentenceResult


def aggregate_actors(sentences: Sequence[SentenceResult], labels: Sequence[str]) -> list[DocumentActor]:
    """Each actor's document-level position, in order of first appearance.

    The sentences where the actor takes a position (its label there is not neutral) decide: the document
    scores are the mean of their scores; an actor with no such sentence is neutral, with the mean of all
    its scores. Evidence: the sentences whose label is the document label.

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
        scores = document_scores([(st.label, st.scores) for _, st in items])
        label = max(labels, key=lambda l: scores.get(l, 0.0))
        evidence = [i for i, st in items if st.label == label]
        if not evidence and label != "neutral":
            evidence = [max(items, key=lambda it: it[1].scores.get(label, 0.0))[0]]
        out.append(DocumentActor(actor, label, scores, evidence, mentions=len(items)))
    return out


def document_scores(sentence_stances: Sequence[tuple[str, dict[str, float]]]) -> dict[str, float]:
    """Combine one actor's (label, scores) per sentence into document probabilities (summing to 1)."""
    if not sentence_stances:
        raise ValueError("an actor needs at least one sentence to aggregate")
    polar = [scores for label, scores in sentence_stances if label != "neutral"]
    chosen = polar or [scores for _, scores in sentence_stances]
    keys = list(chosen[0])
    mean = {k: sum(s.get(k, 0.0) for s in chosen) / len(chosen) for k in keys}
    return {k: round(v, 4) for k, v in mean.items()}
