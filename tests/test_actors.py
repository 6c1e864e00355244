import pytest

from stance.actors import ActorFinder, _short_form_of, dateline_end, guess_kind, parse_actors, surface_forms

finder = ActorFinder(use_ner=False)


def found(sentences, actors):
    return [[(m.actor, m.text) for m in ms] for ms in finder.find(sentences, parse_actors(actors))]


def test_person_by_title_surname_and_full_name():
    sents = ["Mr. Obama blasted the plan.", "President Obama spoke.", "Obama left.", "Barack Obama returned."]
    assert found(sents, ["Barack Obama"]) == [[("Barack Obama", "Mr. Obama")], [("Barack Obama", "President Obama")],
                                              [("Barack Obama", "Obama")], [("Barack Obama", "Barack Obama")]]


def test_country_by_demonym_capital_and_metonymy():
    sents = ["French officials rejected it.", "Paris said no.", "Beijing objected.", "The Kremlin was silent.",
             "The French wine harvest was good."]
    got = found(sents, ["France", "China", "Russia"])
    assert got[:4] == [[("France", "French")], [("France", "Paris")], [("China", "Beijing")],
                       [("Russia", "The Kremlin")]]
    assert got[4] == []  # "French wine" is not the French government


def test_party_plurals_and_short_forms():
    got = found(["Republicans blocked the bill.", "The GOP leadership agreed.", "Democrats cheered."],
                ["Republican Party", "Democratic Party"])
    assert got == [[("Republican Party", "Republicans")], [("Republican Party", "GOP")], [("Democratic Party", "Democrats")]]


def test_place_names_inside_longer_names_are_not_actors():
    assert found(["Ships crossed the Sea of Japan and the East China Sea."], ["Japan", "China"]) == [[]]
    # but the members of a body are the body
    assert found(["Members of Congress want sanctions."], ["United States Congress"]) == [
        [("United States Congress", "Congress")]]


def test_pronoun_refers_back_to_the_last_fitting_actor():
    sents = ["A Chinese foreign ministry spokesperson criticised the plan.", "He advised Japan to decide carefully."]
    got = found(sents, ["China", "Japan"])
    assert got[1] == [("China", "He"), ("Japan", "Japan")]


def test_pronoun_for_an_actor_already_named_adds_nothing():
    got = found(["Macron said he would veto it."], {"France": ["Macron"]})
    assert got == [[("France", "Macron")]]


def test_role_noun_refers_back():
    got = found(["Microsoft announced the deal.", "The company said regulators would approve it."], ["Microsoft Corp."])
    assert got[1] == [("Microsoft Corp.", "The company")]


def test_aliases_given_by_the_user_are_used():
    got = found(["Stoltenberg backed the office."], {"NATO": ["Stoltenberg"]})
    assert got == [[("NATO", "Stoltenberg")]]


def test_acronyms_match_in_title_case():
    assert found(["Nato allies met."], ["NATO"]) == [[("NATO", "Nato")]]


def test_kinds_are_guessed():
    assert guess_kind("Barack Obama") == "person"
    assert guess_kind("France") == "country"
    assert guess_kind("Republican Party") == "party"
    assert guess_kind("European Central Bank") == "organization"


def test_surface_forms_include_lexicon_entries():
    forms = dict(surface_forms(parse_actors(["United States"])[0]))
    assert forms["the White House"] == "capital"
    assert forms["American"] == "demonym"


@pytest.mark.parametrize("bad, error", [("France", TypeError), ([""], ValueError), (["  "], ValueError),
                                        ([42], TypeError), ({"France": 3}, TypeError), ([], ValueError),
                                        (["France", "France"], ValueError), (7, TypeError)])
def test_bad_actor_specs_raise_clear_errors(bad, error):
    with pytest.raises(error):
        parse_actors(bad)


def test_discovery_with_word_lists():
    actors = ActorFinder(use_ner=False).discover(["Beijing criticised Nato on Monday.", "Mr. Obama disagreed."])
    names = [a.name for a in actors]
    assert "China" in names and "NATO" in names and "Obama" in names


def test_discovery_with_spacy_merges_surnames():
    pytest.importorskip("spacy")
    f = ActorFinder(use_ner=True)
    if f._spacy() is None:
        pytest.skip("spaCy model not installed")
    actors = f.discover(["Jens Stoltenberg spoke in Brussels.", "Stoltenberg said the alliance was united.",
                         "French officials disagreed."])
    names = [a.name for a in actors]
    assert "Jens Stoltenberg" in names and "Stoltenberg" not in names
    assert "France" in names


def test_an_opening_pronoun_is_the_mention_read_for_its_actor():
    sents = ["Stoltenberg backed closer ties.", "He mentioned a request for a Nato office, but Macron opposed it."]
    got = found(sents, {"NATO": ["Nato", "Stoltenberg"], "France": ["Macron"]})
    assert got[1] == [("NATO", "He"), ("France", "Macron")]


def test_an_alias_followed_by_a_person_role_can_be_referred_to_as_he():
    sents = ["Nato is meddling, according to a Chinese foreign ministry spokesperson.", "He advised Japan to wait."]
    got = found(sents, {"China": ["Beijing", "Chinese"], "NATO": ["Nato"], "Japan": []})
    assert got[1][0] == ("China", "He")


def test_a_hyphenated_compound_still_names_the_actor():
    assert found(["The GOP-controlled House balked."], ["Republican Party"]) == [[("Republican Party", "GOP")]]
    assert found(["The anti-Obama ads ran."], ["Barack Obama"]) == [[]]


def test_a_quotation_continues_the_speaker_of_the_sentence_before():
    sents = ["“We will fight this bill,” Mr. Gowdy said, standing beside Senator Warren.",
             "“It is a disgrace.",
             "Nobody should vote for it,” he added."]
    got = found(sents, ["Trey Gowdy", "Elizabeth Warren"])
    assert got[1] == [("Trey Gowdy", "“")]
    assert got[2] == [("Trey Gowdy", "“")] or got[2][0][0] == "Trey Gowdy"


def test_a_plain_sentence_after_a_closed_quote_is_not_a_quotation():
    got = found(["“No,” Mr. Gowdy said.", "The vote is on Tuesday."], ["Trey Gowdy"])
    assert got[1] == []


def test_the_white_house_speaks_for_the_president_named_in_the_text():
    sents = ["President Obama unveiled the plan.", "The White House said it would not back down."]
    assert found(sents, ["Barack Obama", "Republican Party"])[1] == [("Barack Obama", "The White House")]
    # with the United States among the actors, the White House is the country's
    assert found(sents, ["Barack Obama", "United States"])[1] == [("United States", "The White House")]


def test_white_house_staff_speak_for_the_president():
    sents = ["President Obama vetoed the bill.", "Worried White House aides rounded up the votes to sustain it."]
    assert found(sents, ["Barack Obama", "Republican Party"])[1] == [("Barack Obama", "White House aides")]
    assert found(["President Obama vetoed it.", "White House officials argued the deal would stand."],
                 ["Barack Obama"])[1] == [("Barack Obama", "White House officials")]


def test_a_quotation_over_several_sentences_keeps_its_speaker():
    sents = ["President Obama unveiled the overtime rule on Monday.",
             '"That is how America should do business," the president wrote.',
             '"In this country, a hard day\'s work deserves a fair day\'s pay.',
             "That is at the heart of what it means to be middle class.",
             'It is a promise we have to keep."', "The plan goes to Congress next week."]
    got = found(sents, ["Barack Obama"])
    assert [bool(g) for g in got] == [True, True, True, True, True, False]
    assert all(g[0][0] == "Barack Obama" for g in got[:5])


def test_a_sentence_that_names_its_own_speaker_does_not_continue_the_last_one():
    sents = ['"We will block it," Mr. Boehner said.', '"There is support to sustain the veto," said Sen. Ben Cardin.']
    assert found(sents, ["John Boehner", "Ben Cardin"])[1] == [("Ben Cardin", "Sen. Ben Cardin")]


def test_own_party_and_both_parties():
    got = found(["Trump would find himself at odds with his own party."], ["Donald Trump", "Republican Party"])
    assert got == [[("Donald Trump", "Trump"), ("Republican Party", "his own party")]]
    got = found(["The policy was criticised by lawmakers in both parties."], ["Democratic Party", "Republican Party"])
    assert sorted(a for a, _ in got[0]) == ["Democratic Party", "Republican Party"]


def test_common_noun_actors_match_their_plural():
    assert found(["Voters approved the recall."], ["voter"]) == [[("voter", "Voters")]]
    # a name already plural is not pluralised again
    assert "Republican senatorses" not in dict(surface_forms(parse_actors(["Republican senators"])[0]))


def test_apostrophes_and_dashes_do_not_split_a_name():
    got = found(["Dick's Sporting Goods stopped selling rifles.", "The AFL-CIO backed the rule."],
                ["Dick’s Sporting Goods", "AFL–CIO"])
    assert got == [[("Dick’s Sporting Goods", "Dick's Sporting Goods")], [("AFL–CIO", "AFL-CIO")]]


def test_partisan_descriptions_and_more_role_nouns_refer_back():
    sents = ["Sen. Ted Cruz blasted the rules.", "The Texas Republican said they would hurt growth.",
             "Edward Stack runs the chain.", "The CEO backed the ban."]
    got = found(sents, ["Ted Cruz", "Edward Stack"])
    assert got[1] == [("Ted Cruz", "The Texas Republican")]
    assert got[3] == [("Edward Stack", "The CEO")]


def test_a_pronoun_refers_back_to_the_subject_of_the_sentence_before():
    sents = ["Sen. Ted Cruz on Monday blasted the rules in reaction to President Obama's request.",
             "The Wisconsin senator said they would hurt growth.",
             "Speaker Paul Ryan answered Mr. Obama in a statement.", "He called the veto a mistake."]
    got = found(sents, ["Barack Obama", "Ted Cruz", "Paul Ryan"])
    assert got[1] == [("Ted Cruz", "The Wisconsin senator")]
    assert got[3] == [("Paul Ryan", "He")]


def test_a_name_inside_the_quotation_is_not_who_said_it():
    sents = ["House Speaker Paul Ryan responded to the president.",
             '"It is no surprise that someone named Obama vetoed the bill," he said.']
    got = found(sents, ["Barack Obama", "Paul Ryan"])
    assert got[1] == [("Barack Obama", "Obama"), ("Paul Ryan", "he")]


def test_a_quotation_is_spoken_by_whoever_the_sentence_that_closes_it_names():
    sents = ["House Majority Leader Eric Cantor pushed back, calling the talk more of the same from Mr. Obama.",
             "“The American people deserve better from Washington.",
             "We cannot deliver change if we refuse to address spending,” he said."]
    got = found(sents, ["Barack Obama", "Eric Cantor"])
    assert got[1] == [("Eric Cantor", "“")]
    assert got[2] == [("Eric Cantor", "he")]


def test_attribution_with_an_appositive_or_an_unnamed_member():
    sents = ["“The voters are the winners,” Michele Dauber, a law professor who led the recall, said.",
             "“We voted that this must be taken seriously.”",
             "“People were hissing at that,” said a GOP member who was in the room."]
    got = found(sents, ["Michele Dauber", "Republican Party"])
    assert got[1] == [("Michele Dauber", "“")]
    assert got[2] == [("Republican Party", "GOP")]


def test_an_actor_named_by_its_office_keeps_it_and_an_administration_speaks_through_its_leader():
    sents = ["President Obama unveiled the plan.", "On Friday the White House backed the bill."]
    assert found(sents, ["White House", "Barack Obama"])[1] == [("White House", "White House")]
    sents = ["Mr. Obama said the rule is good for workers.", "Administration officials say it is fine."]
    assert found(sents, ["Obama administration"]) == [[("Obama administration", "Mr. Obama")],
                                                      [("Obama administration", "Administration officials")]]
    # with Barack Obama among the actors, "Mr. Obama" is his
    assert found(sents, ["Obama administration", "Barack Obama"])[0] == [("Barack Obama", "Mr. Obama")]


def test_a_party_keeps_its_plural_when_a_group_of_its_members_is_also_an_actor():
    sents = ["Republicans blocked the bill.", "Republican lawmakers wrote a letter."]
    assert found(sents, ["Republican Party", "Republican lawmakers"]) == [
        [("Republican Party", "Republicans")], [("Republican lawmakers", "Republican lawmakers")]]
    # without the party, the group's members are "Republicans"; two such groups leave it undecided
    assert found(sents[:1], ["Republican lawmakers"]) == [[("Republican lawmakers", "Republicans")]]
    assert found(sents[:1], ["Republican lawmakers", "Republican senators"]) == [[]]


def test_an_actor_named_the_president_is_found_in_lower_case():
    sents = ["Sen. Joe Manchin spoke first.", "The president also laid down the gauntlet."]
    assert found(sents, ["Joe Manchin", "the President"])[1] == [("the President", "The president")]


def test_the_president_is_not_the_last_senator_named():
    sents = ["Sen. Joe Manchin spoke first.", "The president also laid down the gauntlet."]
    assert found(sents, ["Joe Manchin"])[1] == []
    sents = ["President Obama met Sen. Joe Manchin.", "The president also laid down the gauntlet."]
    assert found(sents, ["Barack Obama", "Joe Manchin"])[1] == [("Barack Obama", "The president")]


def test_a_new_quotation_continues_the_first_speaker_a_verb_of_saying_goes_with():
    sents = ["“You’ll see a big vote,” said Sen. John Thune, the third-ranking Senate Republican said on Monday.",
             "“Both sides recognize something has to be done.", "We’ve got to be decisive.”"]
    got = found(sents, ["John Thune", "Republican Party"])
    assert got[1] == [("John Thune", "“")]
    assert [a for a, _ in got[2]] == ["John Thune"]


def test_a_party_wing_in_lower_case_speaks_for_the_party():
    sents = ["It was the refusal by conservatives to compromise.", "The Senate Conservatives Fund backed a challenger."]
    assert found(sents, ["Republican Party"]) == [[("Republican Party", "conservatives")], []]
    assert found(sents[:1], ["Republican Party", "conservatives"]) == [[("conservatives", "conservatives")]]


def test_a_plural_reference_names_each_person_the_sentence_before_named():
    sents = ["The only contenders to speak were Sen. Ted Cruz, Gov. John Kasich and Jeb Bush.",
             "None of the three mentioned the clinic.", "The two countries disagreed."]
    got = found(sents, ["Ted Cruz", "John Kasich", "Jeb Bush"])
    assert sorted(a for a, _ in got[1]) == ["Jeb Bush", "John Kasich", "Ted Cruz"]
    assert got[2] == []
    # the count must fit: "the two leaders" after three people is nobody in particular
    got = found(sents[:1] + ["The two leaders met."], ["Ted Cruz", "John Kasich", "Jeb Bush"])
    assert got[1] == []
    got = found(["Mr. Obama met Mr. Putin.", "Both men said little."], ["Barack Obama", "Vladimir Putin"])
    assert sorted(a for a, _ in got[1]) == ["Barack Obama", "Vladimir Putin"]


def test_names_survive_spelling_variants_of_small_words_and_hyphens():
    sents = ["The conservative organization Club For Growth called for a no vote.", "Al Shabaab mocked the victims."]
    assert found(sents, ["Club for Growth", "Al-Shabaab"]) == [[("Club for Growth", "Club For Growth")],
                                                              [("Al-Shabaab", "Al Shabaab")]]


def test_a_capitalised_group_noun_matches_its_plural():
    sents = ["More than half of the Latino voters polled agreed.", "Immigrant-rights protesters confronted him."]
    assert found(sents, ["Latino voter", "Immigrant-rights protester"]) == [
        [("Latino voter", "Latino voters")], [("Immigrant-rights protester", "Immigrant-rights protesters")]]


def test_a_pronoun_after_a_sayer_who_is_not_an_actor_names_nobody():
    sents = ["Meta said it would block news links.", "Australian publishers say they cannot afford it."]
    assert found(sents, ["Meta"])[1] == []
    # a plural sayer reporting on one person still points back: "Critics say he ..."
    sents = ["President Petro promised a deal.", "Critics say he is running out of time."]
    assert found(sents, ["Gustavo Petro"])[1] == [("Gustavo Petro", "he")]
    # and a sayer who is an actor keeps it
    sents = ["Meta said it would block news links.", "Meta executives say they will not pay."]
    assert [a for a, _ in found(sents, ["Meta"])[1]] == ["Meta"]


def test_they_after_a_group_of_people_that_is_not_an_actor_names_nobody():
    sents = ["China threatened new export curbs.",
             "The warning rattled South Korean exporters, who sell a fifth of their goods to Chinese buyers.",
             "Beijing said they would take effect in May."]
    got = found(sents, ["China"])
    assert ("China", "their") not in got[1]
    # the actor's own people are still the actor: "AfD lawmakers renewed their call"
    got = found(["The AfD opposes the deliveries.", "AfD lawmakers renewed their call to halt them."],
                {"Alternative for Germany": ["AfD"]})
    assert [a for a, _ in got[1]] == ["Alternative for Germany"]


def test_credit_lines_and_other_places_are_not_actors():
    got = found(["(Reporting by Aziz El Yaakoubi in Riyadh; Editing by Don Durfee)",
                 "Mr Farage spoke to critics in Northern Ireland.", "Ireland objected."], ["Saudi Arabia", "Ireland"])
    assert got == [[], [], [("Ireland", "Ireland")]]


def test_they_after_nobody_or_an_agent_noun_names_nobody_and_a_committee_must_be_named_one():
    got = found(["The White House backed the bill.", "Nobody is losing their coverage, he said.",
                 "Foreign truck makers can avoid it by building their trucks here."], ["White House"])
    assert got[1] == [] and got[2] == []
    got = found(["The Senate Commerce Committee held a hearing.", "Loomly lobbied against the bill.",
                 "The committee is expected to vote in March."], ["Loomly", "Senate Commerce Committee"])
    assert got[2] == [("Senate Commerce Committee", "The committee")]
    assert found(["Loomly lobbied against the bill.", "The committee votes in March."], ["Loomly"])[1] == []


def test_party_names_give_their_short_forms_and_initials():
    got = found(["The BJP called it absurd.", "Labor and the Conservatives voted no.", "Democrats in Seoul agreed."],
                ["Bharatiya Janata Party", "Australian Labor Party", "Conservative Party of Canada",
                 "Democratic Party of Korea"])
    assert got == [[("Bharatiya Janata Party", "BJP")],
                   [("Australian Labor Party", "Labor"), ("Conservative Party of Canada", "Conservatives")],
                   [("Democratic Party of Korea", "Democrats")]]
    assert guess_kind("Conservative Party of Canada") == "party"


def test_a_court_of_a_country_and_the_federal_government_refer_back():
    got = found(["The Supreme Court of Israel heard the case.", "The Supreme Court ruled on Sunday."],
                ["Supreme Court of Israel"])
    assert got[1] == [("Supreme Court of Israel", "The Supreme Court")]
    got = found(["Ottawa announced the fee.", "The federal government says it will pay off."], ["Canada"])
    assert got[1] == [("Canada", "The federal government")]


def test_possessive_company_names_and_dotted_initials():
    got = found(["Dick’s will no longer sell the rifles.", "U.S.C.I.S. intends to refer more cases."],
                ["Dick’s Sporting Goods", "U.S. Citizenship and Immigration Services"])
    assert got == [[("Dick’s Sporting Goods", "Dick’s")],
                   [("U.S. Citizenship and Immigration Services", "U.S.C.I.S.")]]


@pytest.mark.parametrize("sentence, rest", [
    ("WASHINGTON — Senate Democrats unveiled a bill.", "Senate Democrats unveiled a bill."),
    ("JEFFERSON CITY, Mo. (AP) - Gov. Ray Donnelly said no.", "Gov. Ray Donnelly said no."),
    ("McALLEN, Texas: Standing on a levee, he waved.", "Standing on a levee, he waved."),
    ("LISBON (Reuters) - Portugal's far-right party acted.", "Portugal's far-right party acted."),
    ("(Reuters) - Portugal acted.", "Portugal acted."),
    ("NATO: allies agree to a new office.", "NATO: allies agree to a new office."),
    ("Mr. Obama - never one to hurry - waited.", "Mr. Obama - never one to hurry - waited."),
    ("Paris said no.", "Paris said no."),
])
def test_dateline_end(sentence, rest):
    assert sentence[dateline_end(sentence):] == rest


def test_a_dateline_names_no_actor():
    sents = ["LISBON (Reuters) - Portugal's parliament voted on Wednesday.", "BEIJING — Chinese officials were silent."]
    got = found(sents, {"Reuters": [], "Portugal": [], "China": []})
    assert got == [[("Portugal", "Portugal")], [("China", "Chinese")]]


def test_a_chamber_before_a_party_or_title_is_not_the_chamber():
    sents = ["Senate Democrats unveiled the bill, and Senate Majority Leader Tom Hale backed it.",
             "House Republicans objected, but the Senate passed it."]
    got = found(sents, {"United States Senate": [], "Democratic Party": [], "Republican Party": [], "Tom Hale": []})
    assert got[0] == [("Democratic Party", "Democrats"), ("Tom Hale", "Leader Tom Hale")]
    assert got[1] == [("Republican Party", "Republicans"), ("United States Senate", "the Senate")]


def test_a_party_word_inside_another_name_or_a_title_is_not_the_party():
    sents = ["The Social Democrats and the Christian Democratic Union backed it; Democrats in Washington did not.",
             "Labour Minister Jane Byrne defended the plan, which Labour MPs opposed.",
             "The Democratic Republic of Congo abstained."]
    got = found(sents, {"Democratic Party": [], "Labour Party": [], "Jane Byrne": []})
    assert got[0] == [("Democratic Party", "Democrats")]
    assert got[1] == [("Jane Byrne", "Minister Jane Byrne"), ("Labour Party", "Labour")]
    assert got[2] == []


def test_discovery_finds_whole_party_names_and_folds_short_forms():
    f = ActorFinder(use_ner=False)
    names = [a.name for a in f.discover(["The Social Democrats backed it.", "The Christian Democratic Union did not."])]
    assert "Social Democrats" in names and "Christian Democratic Union" in names and "Democratic Party" not in names
    f = ActorFinder(use_ner=True)
    if f._spacy() is None:
        pytest.skip("spaCy model not installed")
    sents = ["The British Medical Association said on Monday that the plan would fail.",
             "The BMA, which represents doctors, said it would ballot members."]
    actors = {a.name: a.aliases for a in f.discover(sents)}
    assert "BMA" not in actors and "BMA" in actors.get("British Medical Association", [])
    assert [[m.actor for m in ms] for ms in f.find(sents, f.discover(sents))] == \
        [["British Medical Association"], ["British Medical Association"]]


@pytest.mark.parametrize("short, name, expected", [
    ("BMA", "British Medical Association", True), ("Sabadell", "Banco Sabadell", True),
    ("Commission", "European Commission", True), ("Texas", "University of Texas", False),
    ("Bank", "Bank", False), ("AP", "Associated Press", False)])
def test_short_form_of(short, name, expected):
    assert _short_form_of(short, name) is expected


def test_a_party_word_for_a_person_named_before_is_that_person():
    sents = ["Sen. Paul Ostrowski, a Michigan Democrat who sits on the panel, said no.",
             "A senior Republican aide said the votes were not there."]
    assert found(sents, ["Paul Ostrowski", "Democratic Party", "Republican Party"]) == \
        [[("Paul Ostrowski", "Sen. Paul Ostrowski")], [("Republican Party", "Republican")]]
    # without the person among the actors, the party keeps the words that describe its member
    assert found(sents[:1], ["Democratic Party"]) == [[("Democratic Party", "Democrat")]]
