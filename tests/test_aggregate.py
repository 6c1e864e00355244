import pytest

from stance.aggregate import aggregate_actors, document_scores
from stance.schema import ActorStance, SentenceResult

LABELS = ["support", "oppose", "neutral"]


def st(actor, label, s, o, n):
    return ActorStance(actor, actor, label, {"support": s, "oppose": o, "neutral": n})


def test_scores_are_probabilities():
    scores = document_scores([("oppose", {"support": 0.2, "oppose": 0.7, "neutral": 0.1}),
                              ("neutral", {"support": 0.1, "oppose": 0.1, "neutral": 0.8})])
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert max(scores, key=scores.get) == "oppose"


def test_neutral_mentions_do_not_drown_a_clear_position():
    sentences = [SentenceResult(0, "a", [st("France", "neutral", .05, .05, .9)]),
                 SentenceResult(1, "b", [st("France", "oppose", .05, .9, .05), st("NATO", "support", .8, .1, .1)]),
                 SentenceResult(2, "c", [st("France", "neutral", .1, .1, .8)])]
    actors = aggregate_actors(sentences, LABELS)
    assert [(a.actor, a.label, a.evidence, a.mentions) for a in actors] == [("France", "oppose", [1], 3),
                                                                           ("NATO", "support", [1], 1)]


def test_the_majority_of_positions_wins():
    sentences = [SentenceResult(0, "a", [st("Japan", "support", .5, .2, .3)]),
                 SentenceResult(1, "b", [st("Japan", "oppose", .1, .8, .1)]),
                 SentenceResult(2, "c", [st("Japan", "oppose", .2, .7, .1)])]
    japan = aggregate_actors(sentences, LABELS)[0]
    assert japan.label == "oppose" and japan.evidence == [1, 2]
    assert japan.scores["oppose"] == pytest.approx((.2 + .8 + .7) / 3, abs=1e-3)


def test_only_neutral_mentions_give_neutral():
    sentences = [SentenceResult(0, "a", [st("Japan", "neutral", .1, .1, .8)])]
    assert aggregate_actors(sentences, LABELS)[0].label == "neutral"


def test_needs_at_least_one_sentence():
    with pytest.raises(ValueError):
        document_scores([])
