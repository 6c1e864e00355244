import numpy as np
import pytest

from stance.evaluation import (classification_metrics, evaluate_corpus_documents, expected_calibration_error,
                               fit_temperature, fit_temperature_and_bias, gold_document_label, match_found_actors,
                               run_evaluation)
from stance.model import softmax
from stance.schema import Mention


def test_classification_metrics():
    m = classification_metrics(["support", "oppose", "neutral", "oppose"], ["support", "support", "neutral", "oppose"],
                               ["support", "oppose", "neutral"])
    assert m["accuracy"] == 0.75
    assert m["per_class"]["oppose"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert m["confusion_matrix"] == [[1, 0, 0], [1, 1, 0], [0, 0, 1]]
    assert m["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 1.0) / 3, abs=1e-3)


def test_ece_is_zero_when_confidence_matches_accuracy():
    probs = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(probs, [0, 1]) == 0.0
    assert expected_calibration_error(probs, [1, 0]) == pytest.approx(1.0)


def test_fit_temperature_recovers_a_known_temperature():
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, 3)) * 2
    y = np.array([rng.choice(3, p=p) for p in softmax(true_logits)])
    assert fit_temperature(true_logits * 3, y) == pytest.approx(3.0, rel=0.15)


def test_fit_temperature_and_bias_recovers_a_known_lean():
    rng = np.random.default_rng(1)
    true_logits = rng.normal(size=(6000, 3)) * 2
    y = np.array([rng.choice(3, p=p) for p in softmax(true_logits)])
    leaning = (true_logits - np.array([-0.6, 0.0, 0.6])) * 2  # the model favours the third label, then is overconfident
    t, bias = fit_temperature_and_bias(leaning, y)
    assert t == pytest.approx(2.0, rel=0.1)
    np.testing.assert_allclose(bias, [-0.6, 0.0, 0.6], atol=0.12)
    assert bias.sum() == pytest.approx(0.0, abs=1e-3)
    # a model with no lean gets (nearly) no bias, and the plain temperature
    t0, bias0 = fit_temperature_and_bias(true_logits * 3, y)
    assert t0 == pytest.approx(fit_temperature(true_logits * 3, y), rel=0.05) and np.abs(bias0).max() < 0.1
    assert fit_temperature_and_bias(np.zeros((0, 3)), [])[0] == 1.0


def test_gold_document_label():
    assert gold_document_label(["neutral", "oppose", "neutral"]) == "oppose"
    assert gold_document_label(["neutral"]) == "neutral"
    assert gold_document_label(["support", "oppose", "oppose"]) == "oppose"


def test_corpus_document_evaluation_counts_finding(tiny_detector):
    doc = {"proposal": "A plan", "actors": {"France": [], "Germany": []},
           "sentences": ["Paris rejected the plan.", "Berlin backed it.", "Spain said nothing."],
           "stances": [{"sentence": 0, "actor": "France", "mention": "Paris", "label": "oppose"},
                       {"sentence": 1, "actor": "Germany", "mention": "Berlin", "label": "support"}]}
    out = evaluate_corpus_documents(tiny_detector, [doc])
    assert out["actor_finding"] == {"precision": 1.0, "recall": 1.0, "found": 2, "missed": 0, "spurious": 0}
    assert out["n"] == 2 and out["document_actors"] == 2


def _write_seesaw(folder, stories):
    import json

    from stance.data.seesaw import story_split

    docs, cases = [], []
    for story in stories:
        doc_id = f"{story}_DOCUMENT_0"
        docs.append({"doc_id": doc_id, "title": "t", "sentences": ["Paris rejected the plan.", "Berlin backed it."]})
        cases.append({"doc_id": doc_id, "sentence_index": 0, "actor": "France", "proposal": "the plan", "label": "oppose"})
        cases.append({"doc_id": doc_id, "sentence_index": 1, "actor": "Germany", "proposal": "the plan", "label": "support"})
    (folder / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (folder / "cases.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases))
    return {s: story_split(f"{s}_DOCUMENT_0") for s in stories}


def test_seesaw_evaluation_scores_only_the_asked_split(tiny_detector, tmp_path):
    from stance.evaluation import evaluate_seesaw

    splits = _write_seesaw(tmp_path, [f"TRIPLET_{i:03d}" for i in range(30)])
    everything = evaluate_seesaw(tiny_detector, tmp_path)
    assert everything["cases"] == 60 and everything["actor_found"] == 1.0
    for split in ("train", "dev", "test"):
        part = evaluate_seesaw(tiny_detector, tmp_path, split=split)
        assert part["cases"] == 2 * sum(s == split for s in splits.values())
    with pytest.raises(ValueError, match="split"):
        evaluate_seesaw(tiny_detector, tmp_path, split="validation")


def test_seesaw_evaluation_returns_scored_cases_when_asked(tiny_detector, tmp_path):
    from stance.evaluation import evaluate_seesaw

    _write_seesaw(tmp_path, ["TRIPLET_001", "TRIPLET_002"])
    assert "scored_cases" not in evaluate_seesaw(tiny_detector, tmp_path)
    scored = evaluate_seesaw(tiny_detector, tmp_path, with_cases=True)["scored_cases"]
    assert len(scored) == 4
    assert {(c["actor"], c["label"]) for c in scored} == {("France", "oppose"), ("Germany", "support")}
    assert all(0.0 <= c["p_support"] <= 1.0 for c in scored)


def test_accuracy_by_topic_groups_and_leaves_out_small_topics():
    from stance.evaluation import accuracy_by_topic

    cases = ([{"proposal": "poverty", "label": "oppose", "p_support": p} for p in (0.9, 0.2, 0.1)]
             + [{"proposal": "a bill", "label": "support", "p_support": 0.7}]
             + [{"proposal": "a tax", "label": "support", "p_support": 0.3}])
    out = accuracy_by_topic(cases, {"harms": ["poverty"]}, min_cases=2)
    assert out["topics"] == {"poverty": {"n": 3, "accuracy": 0.667}}
    assert out["groups"] == {"harms": {"n": 3, "accuracy": 0.667}, "the rest": {"n": 2, "accuracy": 0.5}}
    assert "groups" not in accuracy_by_topic(cases)


def test_seesaw_evaluation_scores_document_positions_against_the_cases_majority(tiny_detector, tmp_path):
    import json

    from stance import evaluation
    from stance.schema import DocumentActor, StanceResult

    _write_seesaw(tmp_path, ["TRIPLET_001"])
    with open(tmp_path / "cases.jsonl", "a") as fh:  # France: oppose then support, a tie: the later wins
        fh.write(json.dumps({"doc_id": "TRIPLET_001_DOCUMENT_0", "sentence_index": 1, "actor": "France",
                             "proposal": "the plan", "label": "support"}) + "\n")
        fh.write(json.dumps({"doc_id": "TRIPLET_001_DOCUMENT_0", "sentence_index": 0, "actor": "Spain",
                             "proposal": "the plan", "label": "oppose"}) + "\n")

    class Detector:  # France right, Germany wrong, Spain never found
        def predict_batch(self, records, batch_size=64):
            for r in records:
                yield StanceResult(r["proposal"], tiny_detector.predict(r["sentences"], r["proposal"]).sentences,
                                   [DocumentActor("France", "support", {}, []), DocumentActor("Germany", "oppose", {}, [])],
                                   r["id"])

    out = evaluation.evaluate_seesaw(Detector(), tmp_path)
    assert out["document_actors"] == 3
    assert out["document_accuracy"] == round(1 / 3, 4)


def test_corpus_document_evaluation_with_actors_found_by_the_library(tiny_detector):
    doc = {"proposal": "A plan", "actors": {"France": ["the French government"], "Germany": []},
           "sentences": ["Paris rejected the plan.", "Berlin backed it, and Spain said nothing."],
           "stances": [{"sentence": 0, "actor": "France", "mention": "Paris", "label": "oppose"},
                       {"sentence": 1, "actor": "Germany", "mention": "Berlin", "label": "support"}]}
    out = evaluate_corpus_documents(tiny_detector, [doc], find_actors=True)
    # the word lists find France (as "Paris"), Germany and Spain; Spain is labelled nowhere: one spurious pair
    assert out["actor_finding"] == {"precision": 0.6667, "recall": 1.0, "found": 2, "missed": 0, "spurious": 1,
                                    "actors_found": 3, "actors_matching_none": 1}
    assert out["n"] == 2 and out["document_actors"] == 2
    assert out["document_accuracy"] == evaluate_corpus_documents(tiny_detector, [doc])["document_accuracy"]


def test_match_found_actors_by_overlapping_mentions():
    doc = {"sentences": ["The BMA said no.", "The British Medical Association said no again."],
           "stances": [{"sentence": 0, "actor": "British Medical Association", "mention": "BMA"},
                       {"sentence": 1, "actor": "British Medical Association", "mention": "British Medical Association"}]}
    mentions = [[Mention("BMA", "The BMA", 0, 7, "name")], [Mention("Medical Association", "Medical Association", 12, 31)]]
    assert match_found_actors(doc, mentions) == {"BMA": "British Medical Association",
                                                 "Medical Association": "British Medical Association"}
    assert match_found_actors(doc, [[Mention("X", "said", 8, 12)], []]) == {}


def test_unknown_evaluation_part_is_refused(tiny_model_dir):
    with pytest.raises(ValueError, match="unknown evaluation part"):
        run_evaluation(tiny_model_dir, parts=["corpuss"])
