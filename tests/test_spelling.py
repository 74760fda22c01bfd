"""Misspelled names are read as the papers spell them, and the answer says so; "How big is
Megatron-Turring NLG?" ranked the right paper first and was declined (no paper writes
"Turring")."""

from __future__ import annotations

import pytest

from rag.spelling import Respelling, english_words, respelt_note

MT_NLG = "Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("How big is Megatron-Turring NLG?", "How big is Megatron-Turing NLG?"),
        ("What is Dolmaa?", "What is Dolma?"),
        ("Robrta", "RoBERTa"),
        ("electra discrimnator pretraning", "electra discriminator pretraining"),
        (
            "t5 span corruption replaced token detecton",
            "t5 span corruption replaced token detection",
        ),
        ("protein pocket fragment surroundngs", "protein pocket fragment Surroundings"),
        ("What does GotBERT use?", "What does GottBERT use?"),
        # "NERetreive" stems to "neretr", far from "neretriev": the word as typed finds it
        ("How big is NERetreive?", "How big is NERetrieve?"),
        # four-letter acronyms: too short for a word, long enough for an acronym
        ("What accuracy does the JMAL model get on GTZAN?", "What accuracy does the JMLA model get on GTZAN?"),
        ("What does D-iGTP reach with ViT-Large?", "What does D-iGPT reach with ViT-Large?"),
    ],
)  # fmt: skip
def test_misspelled_words_are_read_as_the_papers_spell_them(bundled_index, typed, read):
    assert bundled_index.respelt(typed)[0] == read


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",  # English words the papers never use
        "What does Claude score on MMLU?",  # a name: not read as "clause"
        "What is Mixtral's context length?",  # a model no paper names
        "Wie viele Tokens enthält Dolma?",
        "What is GottBERT?",  # spelt right
        "What did CodeT5 add?",  # a name with a figure in it ("CodeT" is no word)
        "How much smaller are TILDEv2's indexes?",
        # each was read as another word one or two edits away: "Media", "Last", "regarded",
        # "BigCodeBench", "classifying", "mining"
        "What accuracy does it reach on MedQA?",
        "How does it do on LaSOT?",
        "Which papers detect reworded text?",
        "What F1 does it get on BigCloneBench?",
        "Which papers study clarifying questions?",
        "Which papers study NFT minting?",
        "What is MMLU-Pro?",  # a four-letter acronym the papers write
        "How does the ALBU model work?",  # one no paper writes, and none one edit away
        "I'm looking for the paper that introduced the YOLO object detector.",  # not YOCO
    ],
)
def test_words_spelt_right_or_unknown_to_the_papers_are_left_alone(bundled_index, question):
    assert bundled_index.respelt(question) == (question, "")


def test_the_answer_says_what_it_read_and_answers_it(bundled_index):
    answer = bundled_index.ask("How big is Megatron-Turring NLG?")
    assert not answer.abstained
    assert "530 billion parameters" in answer.text
    assert answer.citations[0].title.startswith(MT_NLG)
    assert answer.notice.startswith('Read "Turring" as "Turing", as the papers spell it.')
    assert "Turring" in answer.format_footer()  # the note reaches the terminal's text too


def test_search_says_what_it_read_too(bundled_index):
    result = bundled_index.search("Megatron-Turring NLG")
    assert result.hits[0].title.startswith(MT_NLG)
    assert result.filter_note == 'Read "Turring" as "Turing", as the papers spell it.'


def test_the_dictionary_is_whole_words_and_the_note_lists_each_change():
    words = english_words()
    assert {"capital", "claude", "pretraining"} - words == {"pretraining"}
    assert not any(w.startswith("#") for w in words)
    changes = [Respelling("Robrta", "RoBERTa"), Respelling("pretraning", "pretraining")]
    assert respelt_note(changes) == (
        'Read "Robrta" as "RoBERTa", "pretraning" as "pretraining", as the papers spell it.'
    )
    assert respelt_note([]) == ""
