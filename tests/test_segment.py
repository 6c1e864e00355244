from stance.segment import split_sentences


def test_splits_on_sentence_ends_but_not_abbreviations():
    text = "Mr. Obama met the U.S. Senate on Monday. He said “no.” Then Dr. J. Smith left! Was it over? Yes."
    assert split_sentences(text) == ["Mr. Obama met the U.S. Senate on Monday.", "He said “no.”",
                                     "Then Dr. J. Smith left!", "Was it over?", "Yes."]


def test_paragraphs_and_headings_are_separate_sentences():
    text = "Budget vote\nThe council approved the plan on Tuesday.\n\nCritics said it was rushed."
    assert split_sentences(text) == ["Budget vote", "The council approved the plan on Tuesday.",
                                     "Critics said it was rushed."]


def test_long_text_without_punctuation_is_cut_into_bounded_pieces():
    pieces = split_sentences("word " * 40000, max_chars=1000)
    assert len(pieces) >= 200
    assert all(0 < len(p) <= 1000 for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 40000  # nothing lost


def test_unbroken_string_is_cut_too():
    pieces = split_sentences("x" * 5000, max_chars=1000)
    assert [len(p) for p in pieces] == [1000] * 5


def test_rejects_non_strings():
    import pytest

    with pytest.raises(TypeError):
        split_sentences(None)  # type: ignore[arg-type]
