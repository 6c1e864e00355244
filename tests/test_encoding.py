import pytest

from stance.data.records import StanceRecord
from stance.encoding import CONTEXT_SEPARATOR, EncodingConfig, build_pair, proposal_spans


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


def test_proposal_words_are_marked_when_configured():
    cfg = EncodingConfig(context_before=0, mark_proposal=True)
    sentence = "Republicans again demanded budget cuts, and Democrats refused."
    first, second = build_pair("budget cut", "Republican Party", [sentence], 0, (0, 11), cfg)
    assert second == "« Republicans » again demanded ⟨ budget cuts ⟩, and Democrats refused."
    # off by default: models trained without the marks see none
    assert "⟨" not in build_pair("budget cut", "Republican Party", [sentence], 0, (0, 11))[1]


def test_proposal_spans_join_function_words_but_not_punctuation_or_the_mention():
    assert proposal_spans("executive action on immigration",
                          "Congress should block the executive actions on immigration.") == [(26, 58)]
    # a trailing joiner is not part of the run, and punctuation ends it
    assert proposal_spans("tax cuts", "The tax, the cuts of the plan") == [(4, 7), (13, 17)]
    # the actor's own words are never marked as the proposal
    sentence = "NATO said the NATO office opens soon."
    assert proposal_spans("NATO office", sentence, exclude=(0, 4)) == [(14, 25)]
    # function words alone never name the proposal
    assert proposal_spans("Ban the bomb", "They said the ban on the bomb was right.") == [(14, 29)]
    assert proposal_spans("the", "the the") == []


def test_proposal_marking_travels_with_the_encoding_settings():
    cfg = EncodingConfig(mark_proposal=True)
    assert EncodingConfig.from_dict(cfg.to_dict()) == cfg
    assert EncodingConfig.from_dict({"context_before": 1}).mark_proposal is False  # models saved before it


def test_with_proposal_swaps_the_proposal_even_when_the_actor_had_a_separator():
    from stance.encoding import with_proposal

    pair = build_pair("Ban cars ; now", "Smith ; Jones LLP", ["Smith said no."], 0, (0, 5))
    assert pair[0] == "Smith, Jones LLP ; Ban cars ; now"
    assert with_proposal(pair, "Tax cars") == ("Smith, Jones LLP ; Tax cars", pair[1])
