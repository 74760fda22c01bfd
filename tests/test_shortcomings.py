"""Limitations and future work: only a sentence that states a shortcoming (or what is left to
do) answers. "What are the limitations of LM-Infinite?" quoted its speed-up, and "What future
work do the RoBERTa authors suggest?" quoted the KLUE paper."""

from __future__ import annotations

import pytest

from rag.question import analyse, asks_for_limits


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("What are the limitations of LM-Infinite?", "limits"),
        ("What are the main weaknesses of the CLIP contrastive loss?", "limits"),
        ("Where does Titans fall short?", "limits"),
        ("What future work do the RoBERTa authors suggest?", "future"),
        ("Which open problems does the Dolma paper leave?", "future"),
        ("What limits the context length of LM-Infinite?", ""),
        ("How does LM-Infinite generalize to long inputs?", ""),
    ],
)
def test_questions_for_shortcomings_are_told_apart(question, wants):
    assert analyse(question).wants_limits == wants


@pytest.mark.parametrize(
    "question",
    [
        # about more than the thing: what an abstract says of another pipeline, a figure
        "What drawbacks of the usual index-retrieve-then-rank search pipeline motivated "
        "CorpusBrain's single-step generative retrieval?",
        "Is there a downside on the usual reference-based metrics?",
    ],
)
def test_a_question_about_more_than_the_thing_is_a_fact_question(question):
    assert asks_for_limits(question, analyse(question).names) == ""


def test_a_limitations_question_is_no_definition_and_a_list_is_a_list():
    limits = analyse("What are the limitations of LM-Infinite?")
    assert limits.wants_limits == "limits" and not limits.wants_definition
    assert analyse("What is LM-Infinite?").wants_definition
    assert analyse("Which papers discuss the limitations of dense retrieval?").wants_limits == ""


@pytest.mark.parametrize(
    ("question", "paper"),
    [
        # both abstracts give only strengths after they say what they do
        ("What are the limitations of LM-Infinite?", "LM-Infinite"),
        ("What are the limitations of Titans?", "Titans"),
        ("What are the drawbacks of ELECTRA?", "ELECTRA"),
    ],
)
def test_strengths_are_no_limitations(bundled_index, question, paper):
    answer = bundled_index.ask(question)
    assert answer.abstained and answer.outcome == "not_stated"
    assert f"do not give limitations of {paper}" in answer.text
    assert not answer.citations


def test_future_work_is_its_authors_word(bundled_index):
    answer = bundled_index.ask("What future work do the RoBERTa authors suggest?")
    assert answer.abstained
    assert "KLUE" not in " ".join(c.title for c in answer.citations)


def test_a_stated_shortcoming_answers_and_nothing_else_is_quoted(bundled_index):
    answer = bundled_index.ask("What are the limitations of fully binarized BERT?")
    assert not answer.abstained
    assert answer.citations[0].title.startswith("BiBERT")
    assert "usually suffer a significant performance drop" in answer.text
    answer = bundled_index.ask("What are the drawbacks of MLP-FT?")
    assert "main causes of vulnerability of MLP-FT" in answer.text
    # the abstract's description of MLP-FT and of MVP is not a drawback
    assert "append a multilayer perceptron" not in answer.text
    assert "MVP appends a prompt template" not in answer.text


def test_a_paper_that_builds_on_a_method_can_state_its_weakness(bundled_index):
    # the LAMB paper, of LARS: was LAMB's own strengths
    answer = bundled_index.ask("What is the weakness of the LARS large-batch optimizer?")
    assert "LARS performs poorly for attention models like BERT" in answer.text
    assert answer.citations[0].title.startswith("Large Batch Optimization for Deep Learning")
