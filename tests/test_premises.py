"""False premises: a question that takes for granted what the asked-about paper's own abstract
says otherwise is not answered as if it held ("Why does PanGu-Coder use an encoder-decoder
architecture?" was answered with PanGu-Coder's "decoder-only" sentences)."""

from __future__ import annotations

import pytest

from rag.premises import contradicted


@pytest.mark.parametrize(
    ("question", "abstract", "found"),
    [
        ("Why is X encoder-decoder?", "X is a decoder-only model.",
         ("an encoder-decoder model", "a decoder-only model")),
        ("Why does X pretrain with a bidirectional masked objective?",
         "X is trained with next token prediction.",
         ("masked (bidirectional) pretraining", "left-to-right (autoregressive) pretraining")),
        # the abstract names both, or only the one asked about, or none: no contradiction
        ("Why is X encoder-decoder?", "Unlike decoder-only LMs, X is an encoder-decoder.", None),
        ("Why is X encoder-decoder?", "X wraps any encoder-decoder transformer.", None),
        ("Why is X decoder-only?", "X is fast.", None),
        ("Why is X decoder-only?", "Unlike encoder-only BERT, X uses an encoder-decoder.", None),
        # said to go without what the abstract says it uses
        ("Why does X skip layer normalization?", "X trains with layer normalization.",
         ("not using layer normalization", "using layer normalization")),
        ("Why does X do without a reranker?", "We apply a reranker to X's output.",
         ("not using reranker", "using reranker")),
        # ... unless the abstract says it goes without, or names it as what others do
        ("Why does X avoid relative position encodings?", "X needs no relative position "
         "encodings.", None),
        ("Why does X avoid dropout?", "Dropout is standard practice; we drop it.", None),
        ("Why does X avoid tokenizers?", "X is fast.", None),
        # a comparative its abstract says the other way round, of the same thing
        ("Why did X need a larger model to win?", "X wins with a smaller model.",
         ("a larger model", "a smaller model")),
        ("Why is X trained on fewer tokens?", "X uses far more tokens.",
         ("fewer tokens", "more tokens")),
        # ... not what it beats, nor when the abstract says both
        ("Why does X need fewer parameters?", "X beats models with more parameters.", None),
        ("Why does X need a larger model?", "A larger model helps; a smaller model fails.", None),
        # a result said the other way round
        ("Why did X fall behind its baselines?", "X outperforms its baselines.",
         ("falling behind", "outperforming")),
        ("Why does X underperform BERT?", "X surpasses BERT on GLUE.",
         ("falling behind", "outperforming")),
        ("Why did X fall behind?", "X outperforms A but lags behind B.", None),
    ],
)  # fmt: skip
def test_what_the_question_assumes_against_what_the_abstract_says(question, abstract, found):
    assert contradicted(question, abstract) == found


def test_a_false_premise_is_not_answered_and_says_what_the_paper_describes(bundled_index):
    answer = bundled_index.ask("Why does PanGu-Coder use an encoder-decoder architecture?")
    assert answer.abstained and answer.outcome == "not_stated" and not answer.citations
    assert "assumes an encoder-decoder model for PanGu-Coder" in answer.text
    assert "its paper describes a decoder-only model" in answer.text
    assert answer.sources[0].title.startswith("PanGu-Coder") and answer.sources[0].role == "related"


def test_whether_it_holds_is_answered(bundled_index):
    # a yes/no question asks whether the premise holds: the paper's own words answer it
    answer = bundled_index.ask("Is PanGu-Coder an encoder-decoder model?")
    assert not answer.abstained
    assert "decoder-only" in answer.text


def test_a_question_that_says_a_paper_goes_without_what_it_uses_is_called_out(bundled_index):
    # was answered with ETC's sentences, as if it avoided them
    answer = bundled_index.ask("Why does ETC avoid relative position encodings?")
    assert answer.abstained and answer.outcome == "not_stated" and not answer.citations
    assert "its paper describes using relative position encodings" in answer.text


def test_a_question_that_turns_a_papers_comparison_around_is_called_out(bundled_index):
    # "given the same pretraining data and with even a smaller model size"
    answer = bundled_index.ask("Why did AraELECTRA need a bigger model than earlier Arabic models?")
    assert answer.abstained and answer.outcome == "not_stated"
    assert "its paper describes a smaller model" in answer.text


def test_a_question_that_says_a_paper_fell_behind_where_it_won_is_called_out(bundled_index):
    # "both the small and base models outperform their baselines on the in-domain BillSum"
    answer = bundled_index.ask(
        "Why did the BudgetLongformer legal models fall behind their baselines on BillSum "
        "summarization?"
    )
    assert answer.abstained and answer.outcome == "not_stated"
    assert "its paper describes outperforming" in answer.text
