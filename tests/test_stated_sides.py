"""Two papers asked the same thing, search-box queries and the figures that answer them: each
compared paper must state its side, a query without a question form still asks for a figure,
and a figure counts what follows it, not what a new clause left behind.

Offline, through the bundled index where the whole pipeline matters (``ask()`` as users meet
it), and on made-up hits where one rule is at stake."""

from __future__ import annotations

import pytest

from rag.evidence import read
from rag.figures import figure_near
from rag.question import analyse, keyword_ask, titles_named
from rag.records import Hit


def hit(n: int, title: str, abstract: str, score: float = 0.9) -> Hit:
    return Hit(f"p{n}", title, score, abstract[:60], 0, "both", abstract=abstract)


METAGENE = hit(
    0,
    "METAGENE-1: Metagenomic Foundation Model for Pandemic Monitoring",
    "We pretrain METAGENE-1, a 7-billion-parameter autoregressive transformer model, on "
    "metagenomic sequences. METAGENE-1 achieves state-of-the-art results on genomic benchmarks.",
)
DNA_ESA = hit(
    1,
    "Embed-Search-Align: DNA Sequence Alignment using Transformer Models",
    "We propose DNA-ESA. DNA-ESA exceeds the performance of 6 Transformer model baselines such "
    "as Nucleotide Transformer, Hyena-DNA, and shows task transfer across species.",
)


def test_a_compared_paper_that_does_not_state_its_figure_leaves_the_comparison_unanswered():
    # was both papers' nearest sentences, "6 Transformer model baselines such as Nucleotide
    # Transformer" quoted as if it gave the Nucleotide Transformer's size
    asked = "How many parameters do METAGENE-1 and the Nucleotide Transformer each have?"
    found = read(analyse(asked), [METAGENE, DNA_ESA], answerable=True)
    assert found.outcome == "not_stated"
    assert found.missing.endswith("for Nucleotide Transformer")
    assert found.related == [0, 1]


def test_each_compared_paper_that_states_its_figure_answers_side_by_side():
    mpnet = hit(
        0,
        "MPNet: Masked and Permuted Pre-training for Language Understanding",
        "We propose MPNet. We pre-train MPNet on a large-scale dataset (over 160GB text "
        "corpora) and fine-tune on GLUE.",
    )
    ernie = hit(
        1,
        "ERNIE-Gram: Pre-Training with Explicitly N-Gram Masked Language Modeling",
        "We propose ERNIE-Gram. We pre-train ERNIE-Gram on English and Chinese text corpora and "
        "fine-tune on 19 downstream tasks.",
    )
    minipile = hit(
        2,
        "The MiniPile Challenge for Data-Efficient Language Models",
        "We present MiniPile. MiniPile is a 6GB subset of the deduplicated 825GB Pile corpus.",
    )
    # "19 downstream tasks" is no size of ERNIE-Gram's corpora
    sizes = analyse("How do the pretraining corpora of MPNet and ERNIE-Gram compare in size?")
    found = read(sizes, [mpnet, ernie], answerable=True)
    assert (found.outcome, found.missing) == ("not_stated", "the amount compared for ERNIE-Gram")
    larger = analyse(
        "Which pretraining corpus is larger, the one MPNet was pretrained on or MiniPile?"
    )
    assert larger.compared == ["MPNet", "MiniPile"]
    found = read(larger, [mpnet, minipile], answerable=True)
    assert found.outcome == "answered" and found.side_by_side
    assert {s.paper for s in found.statements} == {0, 1}
    assert any("160GB" in s.text for s in found.statements)


def test_a_figure_in_a_title_states_its_side(bundled_index):
    answer = bundled_index.ask("Which is bigger, Dolma or MiniPile?")
    assert answer.outcome == "answered"
    assert "Three Trillion Tokens" in answer.text and "6GB" in answer.text


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        # two subjects of one verb, a third name after them
        ("What is the lowest precision Q-BERT and BiBERT push BERT down to?", ["Q-BERT", "BiBERT"]),
        # "the one X ... or Y"
        ("Which corpus is larger, the one MPNet was pretrained on or MiniPile?", ["MPNet", "MiniPile"]),
    ],
)  # fmt: skip
def test_two_names_set_against_each_other_apart(question, pair):
    assert analyse(question).compared == pair


def test_two_papers_named_by_title_are_compared_not_a_topic():
    titles = [
        "Continual Pre-Training of LLMs: How to (re)warm your model?",
        "Simple Recipes for LLMs",
    ]
    question = "What model scale do the papers 'How to (re)warm your model?' and 'Simple Recipes for LLMs' use?"
    named = titles_named(question, titles)
    analysed = analyse(question, titles=named)
    assert not analysed.topical
    assert analysed.compared == ["How to re warm your model", "Simple Recipes for LLMs"]


def test_papers_naming_both_compared_things_in_passing_do_not_speak_for_them(bundled_index):
    # was "do not state the code-specific information": a third paper names both as baselines
    answer = bundled_index.ask(
        "What code-specific information do CodeT5 and GraphCodeBERT each exploit during "
        "pre-training?"
    )
    assert answer.outcome == "answered"
    cited = {c.title.split(":")[0] for c in answer.citations}
    assert cited == {"CodeT5", "GraphCodeBERT"}


@pytest.mark.parametrize(
    ("query", "asked"),
    [
        ("BERTweet pretraining corpus number of tweets", "How many tweets in BERTweet pretraining corpus"),
        ("OPT-175B training GPU hours", "How many GPU hours in OPT-175B training"),
        ("MOSSBench benchmark size", "How much size in MOSSBench benchmark"),
        ("How many GPUs did it use?", ""),
        ("retrieval augmented code generation", ""),
    ],
)  # fmt: skip
def test_a_search_box_query_asks_for_its_figure(query, asked):
    assert keyword_ask(query) == asked
    if asked:
        assert analyse(query).asks[0].wants == "number"


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        # search-box queries: the abstract names BERTweet's architecture and recipe, never
        # its corpus's size; OPT's, never its GPU hours
        ("BERTweet pretraining corpus number of tweets", None),
        ("OPT-175B training GPU hours", None),
        ("MOSSBench number of queries", "300"),
        # gains measured "for a 7B model" are none of a 70b one, however it is typed
        ("domain upsampling 70b model gains", None),
        # "This toolkit consists of 300 manually collected ... queries": the benchmark by
        # another word, and an adverb before what the figure counts
        ("How many queries does the Multimodal OverSenSitivity Benchmark (MOSSBench) consist of?",
         "300 manually collected"),
        # "Large" in a title sizes no model ("base models" is not another size of it)
        ("The Limited Impact of Medical Adaptation of Large Language and Vision-Language Models: in "
         "what share of cases do medical LLMs beat their base models in the 3-shot setting?", "22.7%"),
        # a gap is a difference
        ("In quantifying language models' sensitivity to spurious features in prompt design, how "
         "big can the performance gap caused by prompt formatting get?", "76 accuracy points"),
        # how many times: exposures
        ("In the study on recognition, recall and retention of few-shot memories in LLMs, how many "
         "times must an example be seen before most models recall it near perfectly?", "3 exposures"),
        # a long description shares few words with "we propose a new position encoding
        # method, Contextual Position Encoding (CoPE), that ...", which names the kind asked for
        (
            "Which position encoding method lets the model itself decide which tokens advance "
            "the position counter, so attention can target the i-th sentence or noun instead of "
            "the i-th token?",
            "Contextual Position Encoding (CoPE)",
        ),
        # "(books) and train a 1.3B LLM": the figure counts the model, not the books
        ("In 'Copyright Traps for Large Language Models', how many books were the traps inserted "
         "into?", None),
        # "comparable accuracy to ByT5 on ... XNLI and character-level tasks while reducing
        # sequence lengths by up to 80%": no accuracy, and tasks are not the benchmark
        ("What accuracy does the largest ByT5 model achieve on the XNLI benchmark?", None),
        # "BERT-style model from Megatron-LM": one model described, not BERT's paper (nor
        # Q-BERT's) beside Megatron-LM's; Megatron-LM's abstract gives RACE, not MNLI
        ("What MNLI accuracy did the 3.9 billion parameter BERT-style model from Megatron-LM "
         "reach?", None),
        # "a single low-end deep learning server" names no GPU
        ("Which GPUs does the 24-hour pretraining recipe in How to Train BERT with an Academic "
         "Budget run on?", None),
    ],
)  # fmt: skip
def test_what_a_fact_question_is_answered_by(bundled_index, question, stated):
    answer = bundled_index.ask(question)
    if stated is None:
        assert answer.abstained and "RACE" not in answer.text
    else:
        assert not answer.abstained and stated in answer.text


def test_a_figure_after_a_new_clause_counts_what_follows_it():
    books = "We insert traps into original content (books) and train a 1.3B LLM."
    assert not figure_near(books, {"book"}, [], True)
    assert figure_near("The traps went into 12 books.", {"book"}, [], True)
    queries = "This toolkit consists of 300 manually collected benign multimodal queries."
    assert figure_near(queries, {"queri"}, [], True)


def test_a_title_that_asks_a_question_is_named_by_its_question():
    title = "Who's Harry Potter? Approximate Unlearning in LLMs"
    asked = 'In "Who\'s Harry Potter?", how long does the unlearning fine-tuning take?'
    assert titles_named(asked, [title]) == ["Who s Harry Potter"]


def test_what_compression_two_papers_each_reach_is_each_ones_figure(bundled_index):
    # was the two papers' opening sentences: "what compression" asked for no figure
    answer = bundled_index.ask(
        "What compression do The Optimal BERT Surgeon and Prune Once for All: Sparse "
        "Pre-Trained Language Models each reach while losing under 1% accuracy?"
    )
    assert "10x model size compression" in answer.text and "40X" in answer.text
    assert len(answer.citations) == 2


def test_two_things_asked_for_the_same_kind_are_compared_by_what_each_says():
    # "to cope with longer inputs" describes the schemes; it asks for no amount ("do not give
    # the amount compared for KERPLE" was the reply)
    tulip = hit(0, "TULIP: Token-length Upgraded CLIP", "We propose TULIP, which upgrades CLIP "
                "with relative position encodings to handle longer captions.")  # fmt: skip
    kerple = hit(1, "KERPLE: Kernelized Relative Positional Embedding for Length Extrapolation",
                 "We propose KERPLE, which kernelizes positional differences with CPD kernels.")  # fmt: skip
    same = (
        "Do TULIP and KERPLE rely on the same kind of positional scheme to cope with longer inputs?"
    )
    found = read(analyse(same), [tulip, kerple], answerable=True)
    assert found.outcome == "answered" and found.side_by_side
    assert {s.paper for s in found.statements} == {0, 1}
    longer = "Which handles longer inputs, TULIP or KERPLE?"  # an amount: neither gives one
    assert read(analyse(longer), [tulip, kerple], answerable=True).outcome == "not_stated"
