import json

import pytest

from conftest import ROOT, SHARED, needs_shared
from stance.data import SOURCES, load_source
from stance.data.corpus import is_dev_proposal, read_corpus, validate_document
from stance.data.records import StanceRecord, read_records, write_records
from stance.schema import LABELS


def test_corpus_is_valid_and_split_by_proposal():
    docs = list(read_corpus([ROOT / "corpus"]))
    assert len(docs) >= 300
    assert len({d["proposal_id"] for d in docs}) >= 120
    dev = {d["proposal_id"] for d in docs if is_dev_proposal(d["proposal_id"])}
    train = {d["proposal_id"] for d in docs if not is_dev_proposal(d["proposal_id"])}
    assert dev and train and dev.isdisjoint(train)


def test_validator_names_the_problems():
    doc = {"id": "x", "proposal_id": "p", "domain": "d", "proposal": "P", "actors": {"A": []},
           "sentences": ["A said yes."],
           "stances": [{"sentence": 0, "actor": "B", "mention": "Z", "label": "maybe"},
                       {"sentence": 5, "actor": "A", "mention": "A", "label": "support"}]}
    problems = " | ".join(validate_document(doc))
    assert "'B' is not a key" in problems and "'maybe'" in problems and "not a substring" in problems
    assert "out of range" in problems


def test_records_round_trip(tmp_path):
    recs = [StanceRecord("P", "France", ["x.", "Paris said no."], 1, "oppose", mention="Paris", source="t", id="1"),
            StanceRecord.from_dict({"proposal": "P", "actor": "A", "text": "One. Two said yes.", "sentence_index": 1,
                                    "label": "support", "note": "kept"})]
    assert write_records(recs, tmp_path / "r.jsonl") == 2
    back = list(read_records(tmp_path / "r.jsonl"))
    assert back[0] == recs[0] and back[1].sentences == ["One.", "Two said yes."] and back[1].extra == {"note": "kept"}
    assert back[0].mention_span() == (0, 5)


def test_bad_record_lines_name_their_line(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"proposal": "P", "actor": "A", "sentences": ["s"], "sentence_index": 0,
                                "label": "support"}) + "\n" + json.dumps({"proposal": "P", "actor": "A",
                                "sentences": ["s"], "sentence_index": 0, "label": "favour"}) + "\n")
    with pytest.raises(ValueError, match="r.jsonl:2"):
        list(read_records(path))


@needs_shared
@pytest.mark.parametrize("name", [n for n in SOURCES if n != "corpus"])
def test_every_public_dataset_converts(name):
    folder = SHARED / "data" / SOURCES[name][1]
    for split in ("train", "dev", "test"):
        records = list(load_source(name, folder, split))
        assert records, f"{name} {split} is empty"
        assert {r.label for r in records} <= set(LABELS)
        for r in records[:50]:
            first, second = r.to_pair()
            assert first and second
    train_ids = {r.id for r in load_source(name, folder, "train")}
    assert train_ids.isdisjoint({r.id for r in load_source(name, folder, "test")})


def test_unknown_source_and_split():
    with pytest.raises(ValueError, match="unknown data source"):
        load_source("nope", ".")
    with pytest.raises(ValueError, match="split"):
        list(load_source("corpus", ROOT / "corpus", "validation"))


def _augment_records():
    from stance.data.records import StanceRecord as R

    return [R("a carbon tax", "Ford", ["Ford backed the tax."], 0, "support", document="d1", id="1"),
            R("a carbon tax", "Shell", ["Shell fought it."], 0, "oppose", document="d1", id="2"),
            R("a carbon tax", "Ofgem", ["Ofgem was asked."], 0, "neutral", document="d1", id="3"),
            R("The new stadium", "Mayor", ["The mayor cheered."], 0, "support", document="d2", id="4")]


def test_negated_proposals_flip_the_label_and_keep_the_sentence():
    import random

    from stance.data.augment import negated_proposals

    records = _augment_records()
    copies = negated_proposals(records, 1.0, random.Random(0))
    assert [c.id for c in copies] == ["1~negated", "2~negated", "4~negated"]  # neutral records are not copied
    assert [c.label for c in copies] == ["oppose", "support", "oppose"]
    assert all(c.sentences == r.sentences and c.actor == r.actor for c, r in zip(copies, [records[0], records[1], records[3]]))
    assert all(c.proposal != r.proposal and ("carbon tax" in c.proposal or "the new stadium" in c.proposal)
               for c, r in zip(copies, [records[0], records[1], records[3]]))
    assert len(negated_proposals(records, 0.5, random.Random(0))) == 2  # round(0.5 * 3 polar records)
    assert negated_proposals(records, 0.0, random.Random(0)) == []


def test_unrelated_proposals_come_from_another_document_and_are_neutral():
    import random

    from stance.data.augment import unrelated_proposals

    records = _augment_records()
    copies = unrelated_proposals(records, 1.0, random.Random(0))
    assert len(copies) == 4 and {c.label for c in copies} == {"neutral"}
    for c in copies:
        own = next(r for r in records if r.id + "~unrelated" == c.id)
        assert c.proposal != own.proposal and c.sentences == own.sentences
    single = [r for r in records if r.document == "d1"]
    assert unrelated_proposals(single, 1.0, random.Random(0)) == []  # no other document to draw from


def test_augmentation_rates_are_checked():
    import random

    from stance.data.augment import negated_proposals
    from stance.training import TrainingConfig

    with pytest.raises(ValueError, match="between 0 and 1"):
        negated_proposals(_augment_records(), 1.5, random.Random(0))
    with pytest.raises(ValueError, match="negated_proposals"):
        TrainingConfig.from_dict({"negated_proposals": -0.1})
