import pytest

from stance.data.records import StanceRecord
from stance.encoding import CONTEXT_SEPARATOR, EncodingConfig, build_pair


def test_pair_names_actor_and_proposal_and_marks_the_mention():
    first, second = build_pair("Ban cars", "France", ["Earlier text.", "Paris said no."], 1, (0, 5))
    assert first == "France ; Ban cars"
    assert second == "« Paris » said no." + CONTEXT_SEPARATOR + "Earlier text."


def test_no_context_and_no_marking_when_configured():
    cfg = EncodingConfig(context_before=0, mark_mention=False)
    assert build_pair("P", "A", ["x.", "y said."], 1, (0, 1), cfg) == ("A ; P", "y said.")


def test_bad_span_raises():
    with pytest.raises(ValueError):
        build_pair("P", "A", ["short"], 0, (3, 50))


def test_training_records_use_the_same_function():
    rec = StanceRecord(proposal="Ban cars", actor="France", sentences=["Earlier text.", "Paris said no."],
                       sentence_index=1, label="oppose", mention="Paris")
    assert rec.to_pair() == build_pair("Ban cars", "France", rec.sentences, 1, (0, 5))


def test_long_inputs_are_clipped():
    first, second = build_pair("p " * 1000, "a", ["w " * 5000], 0)
    assert len(first) < 450 and len(second) <= 1200
