import json

import pytest

from stance import RecordError, StanceResult

DOC = ("Paris rejected the plan on Monday. Mr. Scholz backed it. "
       "He said Germany would pay its share. The weather was mild.")
PROPOSAL = "The EU raises its defence budget"


def test_result_shape_and_json(tiny_detector):
    res = tiny_detector.predict(DOC, proposal=PROPOSAL, actors={"France": [], "Germany": ["Scholz"]})
    data = json.loads(json.dumps(res.to_dict()))
    assert data["proposal"] == PROPOSAL
    assert [s["index"] for s in data["sentences"]] == [0, 1, 2, 3]
    assert [s["text"] for s in data["sentences"]][1] == "Mr. Scholz backed it."
    first = data["sentences"][0]["stances"][0]
    assert first["actor"] == "France" and first["mention"] == "Paris"
    assert first["label"] in ("support", "oppose", "neutral")
    assert sum(first["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert data["sentences"][3]["stances"] == []
    actors = {a["actor"]: a for a in data["actors"]}
    assert set(actors) == {"France", "Germany"}
    assert actors["Germany"]["mentions"] == 2  # "Mr. Scholz", then "Germany" (the "He" is the same actor)
    for a in actors.values():
        assert sum(a["scores"].values()) == pytest.approx(1.0, abs=1e-3)
        assert a["label"] == max(a["scores"], key=a["scores"].get)
    assert StanceResult.from_dict(data).to_dict() == data


def test_sentence_lists_are_kept_as_given(tiny_detector):
    sentences = ["Paris said no. Really.", "", "Berlin agreed"]
    res = tiny_detector.predict(sentences, proposal=PROPOSAL, actors=["France", "Germany"])
    assert [s.text for s in res.sentences] == sentences


def test_table_lists_actors(tiny_detector):
    res = tiny_detector.predict(DOC, proposal=PROPOSAL, actors=["France", "Germany"])
    table = res.table()
    assert "France" in table and "Germany" in table and "position" in table


def test_actor_lookup(tiny_detector):
    res = tiny_detector.predict(DOC, proposal=PROPOSAL, actors=["France", "Japan"])
    assert res.actor("France").actor == "France"
    with pytest.raises(KeyError, match="Japan"):
        res.actor("Japan")


@pytest.mark.parametrize("document, error, message", [
    ("", ValueError, "empty"), ("   \n\t ", ValueError, "empty"), (None, ValueError, "None"),
    (["fine", 3], TypeError, "sentence 1"), (b"bytes", TypeError, "decode"), (42, TypeError, "string"),
    ([], ValueError, "no sentences"), ("\x00\x01\x02\x03garbage\x04\x05", ValueError, "binary"),
    ("".join(chr(c) for c in range(1, 31)) * 50, ValueError, "binary"),
])
def test_bad_documents_get_clear_errors(tiny_detector, document, error, message):
    with pytest.raises(error, match=message):
        tiny_detector.predict(document, proposal=PROPOSAL)


@pytest.mark.parametrize("proposal, error", [("", ValueError), ("  ", ValueError), (None, ValueError), (3, TypeError)])
def test_bad_proposals_get_clear_errors(tiny_detector, proposal, error):
    with pytest.raises(error, match="proposal"):
        tiny_detector.predict(DOC, proposal=proposal)


def test_actors_with_no_usable_name(tiny_detector):
    with pytest.raises(ValueError, match="usable"):
        tiny_detector.predict(DOC, proposal=PROPOSAL, actors=["?!", "France"])


def test_huge_document_without_punctuation_finishes(tiny_detector):
    res = tiny_detector.predict("the council met again and France " * 6000, proposal=PROPOSAL, actors=["France"])
    assert len(res.sentences) >= 190
    assert all(len(s.text) <= 1000 for s in res.sentences)
    assert res.actor("France").mentions == len(res.sentences)


def test_non_english_text_gives_an_honest_result(tiny_detector):
    res = tiny_detector.predict("Der Stadtrat hat heute beschlossen. 市议会今天作出了决定。", proposal=PROPOSAL)
    assert len(res.sentences) >= 1
    assert res.actors == [] and all(s.stances == [] for s in res.sentences)


def test_predict_batch_keeps_order_ids_and_matches_predict(tiny_detector):
    records = [{"id": f"doc{i}", "text": DOC if i % 2 else "Berlin agreed. Paris did not.", "proposal": PROPOSAL,
                "actors": ["France", "Germany"]} for i in range(7)]
    results = list(tiny_detector.predict_batch(records, batch_size=2))
    assert [r.id for r in results] == [f"doc{i}" for i in range(7)]
    single = tiny_detector.predict(records[3]["text"], proposal=PROPOSAL, actors=["France", "Germany"])
    assert results[3].to_dict()["sentences"] == single.to_dict()["sentences"]


def test_predict_batch_bad_records(tiny_detector):
    records = [{"id": 1, "text": DOC, "proposal": PROPOSAL}, {"id": 2, "text": "", "proposal": PROPOSAL},
               {"id": 3, "sentences": ["Paris said no."], "proposal": PROPOSAL}, "not a dict"]
    out = list(tiny_detector.predict_batch(records, errors="return"))
    assert [type(o).__name__ for o in out] == ["StanceResult", "RecordError", "StanceResult", "RecordError"]
    assert out[1].id == 2 and "empty" in out[1].error
    with pytest.raises(ValueError, match="record 1"):
        list(tiny_detector.predict_batch(records))
    assert isinstance(out[3], RecordError)


def test_consistency_weight_comes_from_the_model_unless_the_detector_sets_it(tiny_model_dir, tmp_path):
    from stance import StanceDetector
    from stance.model import StanceModel

    model = StanceModel.from_pretrained(tiny_model_dir, device="cpu")
    doc = "Paris backed the plan. Paris later called it a disaster. Paris said little else."
    plain = StanceDetector(model, consistency_weight=0.0).predict(doc, PROPOSAL, actors=["France"])
    model.consistency_weight = 3.0
    det = StanceDetector(model)
    assert det.consistency_weight == 3.0
    leaned = det.predict(doc, PROPOSAL, actors=["France"])
    before = [s.stances[0].scores for s in plain.sentences]
    after = [s.stances[0].scores for s in leaned.sentences]
    assert before != after
    for b, a in zip(before, after):  # only the split of support and oppose moves
        assert a["neutral"] == pytest.approx(b["neutral"], abs=1e-4)
        assert a["support"] + a["oppose"] == pytest.approx(b["support"] + b["oppose"], abs=2e-4)
    assert StanceDetector(model, consistency_weight=0.0).predict(doc, PROPOSAL, actors=["France"]).to_dict() \
        == plain.to_dict()
    with pytest.raises(ValueError, match="consistency_weight"):
        StanceDetector(model, consistency_weight=-0.5)


def test_tone_weight_of_the_detector_sets_the_models_and_moves_only_the_side(tiny_model_dir):
    from stance import StanceDetector

    doc = "Paris backed the plan. Berlin said little."
    plain = StanceDetector.from_pretrained(tiny_model_dir, device="cpu", tone_weight=0).predict(doc, PROPOSAL)
    det = StanceDetector.from_pretrained(tiny_model_dir, device="cpu", tone_weight=0.8)
    assert det.model.tone_weight == 0.8
    toned = det.predict(doc, PROPOSAL)
    assert [a.actor for a in toned.actors] == [a.actor for a in plain.actors]
    for p, t in zip(plain.sentences, toned.sentences):
        for a, b in zip(p.stances, t.stances):
            assert b.scores["neutral"] == pytest.approx(a.scores["neutral"], abs=2e-4)
    assert toned.to_dict() != plain.to_dict()
    with pytest.raises(ValueError, match="tone_weight must be >= 0"):
        StanceDetector.from_pretrained(tiny_model_dir, device="cpu", tone_weight=-1)
