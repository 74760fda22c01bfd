"""Dates asked in the question ("Which papers were published in 2021?") restrict the papers, as
the date filters do; "in 2021" was answered "The indexed papers do not answer this question"
though the index held papers of 2021."""

from __future__ import annotations

import pytest
from conftest import make_settings

from rag.assistant import Assistant
from rag.records import Filters

PAPERS = [
    ("q19", "Post-Training Quantization of Transformers to Eight Bits", "2019",
     "We quantize transformer weights to eight bits after training with little accuracy loss."),
    ("q21", "Four-Bit Quantization for Large Language Models", "2021",
     "We quantize large language model weights to four bits after training."),
    ("q23", "Low-Bit Quantization Without Calibration Data", "2023",
     "We quantize language models to three bits without any calibration data."),
    ("r21", "Dense Passage Retrieval for Open-Domain Questions", "2021",
     "We retrieve passages with dense vectors for open-domain question answering."),
]  # fmt: skip


@pytest.fixture(scope="module")
def dated(tmp_path_factory, embedder) -> Assistant:
    folder = tmp_path_factory.mktemp("dated")
    bib = folder / "dated.bib"
    bib.write_text(
        "".join(
            f"@article{{{key},\n title = {{{title}}},\n author = {{Ann Lee}},\n"
            f" year = {{{year}}},\n abstract = {{{abstract}}}\n}}\n"
            for key, title, year, abstract in PAPERS
        )
    )
    assistant = Assistant(make_settings(None, index_dir=folder / "index"), embedder=embedder)
    assert assistant.ingest([bib]).added == len(PAPERS)
    return assistant


def titles(answer) -> set[str]:
    return {c.title for c in answer.citations}


def test_a_year_alone_lists_every_paper_of_that_year(dated):
    answer = dated.ask("Which papers were published in 2021?")
    assert answer.outcome == "answered"
    assert titles(answer) == {PAPERS[1][1], PAPERS[3][1]}
    assert answer.notice == "Only papers published in 2021, as the question asks: 2 in the index."
    assert answer.question == "Which papers were published in 2021?"  # as typed, dates and all


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which papers on quantization appeared before 2022?", {PAPERS[0][1], PAPERS[1][1]}),
        ("Which papers on quantization were published since 2023?", {PAPERS[2][1]}),
        ("Which papers from 2019 to 2021 study quantization?", {PAPERS[0][1], PAPERS[1][1]}),
    ],
)
def test_a_topic_and_a_date_keep_the_papers_of_both(dated, question, expected):
    assert titles(dated.ask(question)) == expected


def test_without_a_date_every_paper_on_the_topic_counts(dated):
    answer = dated.ask("Which papers study quantization?")
    assert titles(answer) == {PAPERS[0][1], PAPERS[1][1], PAPERS[2][1]}
    assert answer.notice == ""


def test_a_date_filter_set_by_the_caller_wins_and_is_said(dated):
    answer = dated.ask(
        "Which papers on quantization were published in 2019?",
        filters=Filters(date_from="2023"),
    )
    assert titles(answer) == {PAPERS[2][1]}
    assert "the date filter set is used" in answer.notice


def test_search_keeps_the_dates_the_question_asks_for(dated):
    hits = dated.search("Which papers were published in 2019?").hits
    assert [h.title for h in hits] == [PAPERS[0][1]]


def test_no_paper_of_that_year_says_so_and_why(dated, bundled_index):
    answer = dated.ask("Which papers were published in 2020?")
    assert answer.abstained and answer.citations == []
    assert answer.text.startswith("No indexed paper was published in 2020, as the question asks.")
    # the bundled papers carry no full dates: the reader is told, not "do not answer"
    answer = bundled_index.ask("Which papers on tokenization were published in 2021?")
    assert answer.abstained
    assert "the bundled ones have none" in answer.text
