"""The question, analysed once: what it names, the kind of answer it wants, what it asks for."""

from __future__ import annotations

import pytest

from rag.question import (
    analyse,
    ask_clause,
    asked_for,
    find_names,
    is_topical,
    leans_on,
    names_unsaid,
    refers_back,
    topic_of,
    wants,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("What MMLU score does Yi-34B achieve?", ["MMLU", "Yi-34B"]),
        ("What is the maximum context window of Gemini 1.5 Pro?", ["Gemini 1.5 Pro"]),
        ("How does GPT-4 compare with GPT-3.5?", ["GPT-4", "GPT-3.5"]),
        ("How does Llama 2 compare with Mistral 7B?", ["Llama 2", "Mistral 7B"]),
        # "AST-derived" describes the adapters: the name is AST
        ("What do AST-derived NER adapters in CodeBERT get?", ["AST", "NER", "CodeBERT"]),
        ("Which tokenizer does ByT5 use?", ["ByT5"]),
        # Sizes and settings are not names.
        ("Was it trained on 4TB of text?", []),
        ("How well does 3-shot prompting work?", []),
        ("Is a 16-layer model enough?", []),
        # "BERT-style" names BERT; the question's first word is no name.
        ("Does a BERT-style encoder help?", ["BERT"]),
        ("Which papers pre-train byte-level models?", []),
        # Generic capitals (LLMs, GPUs) name a kind of thing, not one thing.
        ("How many GPUs do LLMs need?", []),
    ],
)
def test_find_names(text, names):
    assert find_names(text) == names


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How many GPUs were used to train RoBERTa?", "number"),
        ("What MMLU score does Yi-34B achieve?", "number"),
        ("What percentage of the data was code?", "number"),
        ("By what factor does it speed up inference?", "number"),
        ("Which dataset was used to pre-train ByT5?", "name"),
        ("What is LAMB?", "name"),
        ("Why does CLIP fail on image-to-image retrieval?", "reason"),
        ("What is the reason for intra-modal misalignment?", "reason"),
        ("Does ByT5 need a tokenizer?", "yes/no"),
        ("Is Dolma released openly?", "yes/no"),
        ("Describe the Yi model family.", "other"),
        ("How does GPT-4 compare with GPT-3.5?", "other"),
        # A compound question wants what its asking clause wants.
        ("Which approach wraps an encoder-decoder, and how long were its inputs?", "number"),
        # "which X" ends where its verb starts: the measure word after it is not what is asked.
        ("Which benchmarks did it show improvements on?", "name"),
        ("What is the accuracy of ByT5 on TweetQA?", "number"),
        # a statistic is a figure too
        ("What seed standard deviation did they measure on MMLU?", "number"),
        ("What nDCG@10 does it reach on BEIR?", "number"),
        # "what ... as the key reason" asks why
        (
            "What do the Condenser authors identify as the key reason LMs make poor encoders?",
            "reason",
        ),
        # segmentation and detection scores
        ("What mean IoU does the framework reach?", "number"),
        ("What mAP does it get on COCO?", "number"),
        # a level or threshold is given as a figure
        ("At what sparsity level does BERT hit the dropping point?", "number"),
        ("What is the estimated optimal dimensionality of the subspace?", "number"),
        # "which X did best" asks for X, not for the score it did best on
        ("Which LLM achieved the highest preference-following accuracy on PrefEval?", "name"),
        # a count inside the question's subject is not what it asks for
        ("What approach reduces the dependence on how many documents it saw?", "name"),
        ("On how many tokens was OPT-175B trained?", "number"),
        # "why" after a clause that sets the scene
        ("When LLMs are fed more retrieved passages, why does quality drop?", "reason"),
        # a finding is said in words; a name is asked for by "called"
        ("What did the authors find when they compared model sizes?", "other"),
        ("What was the model they built from Llama-3-8B called?", "name"),
        ("What did they name the model?", "name"),
        # what decides something is a factor, said in words
        ("What determines whether an LLM can answer a fact-based question?", "other"),
        # "count as" is how something is judged, not a count
        ("How did they decide which abstracts count as similar?", "other"),
        ("What is the parameter count of Yi-34B?", "number"),
        # the measure word heads its phrase, or it is a kind of thing named: a standard, a
        # codec, a schedule (shapes_zc)
        ("Against which established compression standard is the framework benchmarked?", "name"),
        ("Which video compression codec has the fastest encoding speed?", "name"),
        ("What compression ratio does it reach?", "number"),
        # "across which four kinds of tasks" asks for the tasks (shapes_zb)
        ("Across which four kinds of tasks is it evaluated?", "name"),
    ],
)
def test_wants(text, kind):
    assert wants(text) == kind
    assert analyse(text).wants == kind


@pytest.mark.parametrize(
    ("text", "head_words", "head"),
    [
        ("What is the maximum context window of Gemini 1.5 Pro?", "maximum context window",
         {"context", "window"}),
        ("Which two downstream tasks were used to evaluate it?", "two downstream tasks",
         {"two", "downstream", "task"}),
        ("How many GPUs were used to train RoBERTa?", "GPUs", {"gpus"}),
        ("Which tokenizer does ByT5 use?", "tokenizer", {"token"}),
        # "score" says how it is measured, not what is measured.
        ("What MMLU score does Yi-34B achieve?", "MMLU score", {"mmlu"}),
        ("How fast is it?", "", set()),
        # "what's" as "what is"
        ("what's the vocabulary size of XLM-R's tokenizer?", "vocabulary size", {"vocabulari"}),
        ("What’s the simple fix they propose?", "simple fix", {"simpl", "fix"}),
        # "how big were they?" asks the size of what was just discussed
        ("How big were they?", "", {"paramet", "param", "layer", "gb", "mb", "tb"}),
        ("How big is it compared with the models it matches?", "it compared",
         {"paramet", "param", "layer", "gb", "mb", "tb"}),
        # a vague noun counts nothing ("1.7K equations and 200 derivations" will do); a noun too
        # common to index ("models") is counted as it is written
        ("How much material did they analyse by hand?", "material", set()),
        ("How many compact models did they make public?", "compact", {"compact", "models"}),
        ("How many distinct tasks does it have?", "distinct tasks", {"distinct", "task"}),
        # "how long were the sequences" is answered in tokens, words or characters
        ("How long were the sequences it was pretrained on?", "sequences",
         {"sequenc", "token", "word", "charact"}),
    ],
)  # fmt: skip
def test_head_words(text, head_words, head):
    question = analyse(text)
    assert question.head_words == head_words
    assert question.head == head


@pytest.mark.parametrize(
    ("text", "head_words"),
    [("How many GPUs?", "GPUs"), ("What is the learning rate?", "learning rate")],
)
def test_head_words_at_the_end_of_the_question(text, head_words):
    assert asked_for(text) == head_words


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Which method reorders documents, and what gain did it report?",
         "what gain did it report"),
        ("Which approach wraps an encoder-decoder, and how long were the inputs it summarized?",
         "how long were the inputs it summarized"),
        ("How many GPUs were used to train RoBERTa?", "How many GPUs were used to train RoBERTa"),
    ],
)  # fmt: skip
def test_ask_clause_of_a_compound_question(text, clause):
    assert ask_clause(text) == clause


def test_every_part_of_a_compound_question_is_kept_for_the_answer():
    question = analyse("How many parameters does TTM have, and which architecture is it based on?")
    # The verdict reads the figure's clause; a full answer also names the architecture.
    assert [a.wants for a in question.asks] == ["number"]
    assert [(a.wants, a.head) for a in question.parts] == [
        ("number", {"paramet"}),
        ("name", {"architectur"}),
    ]
    assert analyse("How many parameters does TTM have?").parts == []


def test_the_asking_clause_decides_what_is_asked_for():
    question = analyse(
        "Which method reorders documents, and what gain on reading comprehension did it report?"
    )
    assert question.wants == "number"
    assert question.head_words == "gain"
    assert set(question.asks[0].terms) == {"read", "comprehens"}


@pytest.mark.parametrize(
    ("text", "topical"),
    [
        ("Which papers pre-train byte-level models?", True),
        ("What work has been done on tokenizer-free models?", True),
        ("Are there studies on data pruning for pretraining?", True),
        ("List papers about continual pre-training.", True),
        ("Which paper sped up BERT?", False),
        ("What is LAMB?", False),
        ("How many tokens was Yi pretrained on?", False),
        ("What studies measure prompt sensitivity of LLMs?", True),
        ("Are there any papers on unlearning in LLMs?", True),
        ("What work exists on DNA language models?", True),
        ("List the papers that compress BERT.", True),
        ("Which paper fully binarizes BERT?", False),
        ("How much faster can BERT be trained with large batches?", False),
        ("What is the vocabulary size of the Llama 3 tokenizer?", False),
        # "works" as a verb
        ("What share of training did they find works best for that phase?", False),
        # the topic first, then the asking sentence
        ("How should new token embeddings be initialized? Which papers address this?", True),
        ("Are there methods for telling whether a book was in an LLM's training data?", True),
        ("Which approaches reduce inference cost by encoding documents ahead of time?", True),
        ("Which methods did they compare against?", False),
        ("Which approaches encode documents ahead of time, so that less is computed later?", True),
        ("Which methods outperform it?", False),
        ("Which methods achieve the highest accuracy on GSM8K?", False),
        ("How big is the model? What work remains for the future, say the authors?", False),
        ("I'm interested in speculative decoding. Which papers discuss it?", True),
        ("Is there a method that shrinks the KV cache to 2 bits?", False),
        # the things papers make, asked for across the collection
        ("What benchmarks exist for testing models on very long inputs?", True),
        ("What foundation models or benchmarks exist for DNA sequences?", True),
        ("Are there domain-specific language models built for HPC code?", True),
        ("Are there surveys or books that review BERT for ranking?", True),
        ("Is there work linking loss-landscape flatness to generalization?", True),
        ("What self-supervised visual pretraining work goes beyond masked reconstruction?", True),
        ("Which pretrained models of source code handle both understanding and generation?", True),
        ("Are there benchmarks in the RoBERTa paper?", False),
        ("Are there any limitations of LAMB?", False),
        ("What did the MVP work identify as the causes of adversarial vulnerability?", False),
        ("What prior work inspired CorpusBrain?", False),
        ("What future work do the authors suggest?", False),
        ("Which models were used as teachers?", False),
        ("Which audio models and which language model does EnCLAP build on?", False),
        # kinds of method, asked for across the collection, modifiers in brackets too
        ("Which pretraining objectives predict masked spans in a permuted order?", True),
        ("Which vision(-language) pretraining approaches add box coordinates?", True),
        ("Which objectives does BERT use?", False),
        # the asking words after the scene is set
        ("In dense passage retrieval, which papers pool ordinary token vectors?", True),
        ("Rather than training on raw text, which papers rewrite corpora as tasks?", True),
        ("For BERT, which layer matters most?", False),
        ("How does LoRA, which works by adding matrices, compare with full tuning?", False),
        # (stop 55 review) "which papers" in a relative clause asks for no papers
        (
            "Does MosaicBERT, which papers on fast pretraining compare against, use FlashAttention?",
            False,
        ),
    ],
)
def test_is_topical(text, topical):
    assert is_topical(text) is topical
    assert analyse(text).topical is topical


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("and how does it compare with BERT?", True),
        ("How big is the model?", True),
        ("What about its training data?", True),
        ("Which pretrained models does it improve?", True),
        ("What did the authors find?", True),
        ("What is LAMB?", False),
        ("What MMLU score does Yi-34B achieve?", False),
        ("Which papers pre-train byte-level models?", False),
    ],
)
def test_refers_back(text, leans):
    assert refers_back(text) is leans
    assert analyse(text).refers_back is leans


def test_a_bare_why_refers_back():
    assert refers_back("why?")


def test_analyse_weighs_terms_and_starts_with_no_conversation():
    question = analyse("What MMLU score does Yi-34B achieve?", idf=lambda t: 2.0)
    assert question.idf and set(question.idf.values()) == {2.0}
    assert question.weight("mmlu") == 2.0
    assert question.search_text == "" and question.context_papers == []
    assert question.query == question.text
    assert analyse("What is LAMB?").idf == {}


@pytest.mark.parametrize(
    "text",
    [
        "How long does it take to pretrain BERT?",
        "How long did they train the small model that beat GPT on GLUE?",
    ],
)
def test_how_long_a_run_lasts_asks_for_time(text):
    assert {"day", "hour"} <= analyse(text).asks[0].head


def test_how_long_the_inputs_are_asks_for_a_length():
    assert not {"day", "hour"} & analyse("How long were the inputs it summarized?").asks[0].head


def test_how_much_compute_is_given_in_gpu_hours_but_computer_vision_is_not_compute():
    assert {"gpu-hour", "flop"} <= analyse("How much compute did it take?").asks[0].head
    computer = analyse("Which computer vision datasets was the algorithm tested on?")
    assert not {"gpu-hour", "flop"} & computer.asks[0].head


def test_the_biggest_model_is_given_in_parameters():
    assert "paramet" in analyse("what's the biggest model they scaled it to?").asks[0].head
    # the largest model is what the footprint is of, not what is asked
    fraction = analyse("What fraction of GPT-3's footprint did developing its largest model take?")
    assert "paramet" not in fraction.asks[0].head


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("How many tokens extend Llama 2 to the 32K-context models?", {32000.0}),
        ("Using 3 of CodeBERT's 12 layers, what speed-up (like 3.3x) was obtained?", {3.0, 12.0}),
        ("How many GPUs were used to train RoBERTa?", set()),
    ],
)
def test_the_figures_a_question_gives(text, figures):
    # A question's own figures ("the 32K-context models") answer nothing it asks.
    assert analyse(text).figures == figures


MOSAIC = "Yes, MosaicBERT. It adds FlashAttention and ALiBi to the classic encoder block."


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        # "the base model", "the authors": the conversation's subject, called by its role
        ("How much did the base model cost to pretrain, and on what hardware?", True),
        ("What hardware did the authors use?", True),
        ("Which new dataset did the proposed method use?", True),
        # a description of something else, or a name the conversation did not use
        ("What is the new dataset for Korean NLU called?", False),
        ("How much did Llama 2 cost to pretrain?", False),
    ],
)
def test_a_follow_up_may_call_its_subject_by_its_role(text, leans):
    assert leans_on(text, MOSAIC) == leans


def test_a_bare_clause_asks_about_what_the_next_clause_names():
    question = analyse("How many GPUs and how many pretraining steps did GraphCodeBERT need?")
    assert [ask.names for ask in question.asks] == [["GraphCodeBERT"], ["GraphCodeBERT"]]
    # "the largest GPT-2 model" is GPT-2
    assert analyse("How many parameters does the largest GPT-2 model have?").asks[0].names == [
        "GPT-2"
    ]


def test_a_metric_is_not_what_a_question_is_about():
    # "the F0.5 score" is what the figure is given in; E2S2 is what it is about.
    question = analyse("How much did E2S2 improve the F0.5 score on CoNLL2014?")
    assert question.asks[0].names == ["E2S2"]


def test_a_metric_the_conversation_did_not_name_makes_no_new_question():
    # "What SPIDEr scores did the final model get?" after a turn on CoNeTTE is a follow-up.
    assert not names_unsaid(["SPIDEr"], "CoNeTTE uses a ConvNeXt audio encoder.")
    assert names_unsaid(["Whisper"], "CoNeTTE uses a ConvNeXt audio encoder.")


def test_a_clause_counting_nothing_by_name_counts_what_the_one_before_counts():
    question = analyse(
        "How many total parameters does DeepSeek-V2 have, and how many are activated per token?"
    )
    first, second = question.asks
    assert second.head == first.head == {"paramet"}
    assert second.names == ["DeepSeek-V2"]


def test_how_many_of_an_unindexed_noun_counts_it_as_written():
    # "papers" is too common to index, yet it is what the figure must count
    assert analyse("How many papers does the survey cover?").asks[0].head == {"papers"}


def test_it_in_a_later_clause_is_what_the_first_clause_asked_about():
    question = analyse(
        "How many parameters does TinyBERT have, and how much faster than BERT-base is it?"
    )
    assert [ask.names for ask in question.asks] == [["TinyBERT"], ["TinyBERT"]]


def test_which_of_a_possessive_asks_for_the_owner():
    # "which earlier model's enhanced decoder": a decoder of a model, named in the answer
    ask = analyse("Which earlier model's enhanced decoder motivated this work?").asks[0]
    assert ask.head == {"earlier", "enhanc"}


def test_a_benchmark_named_before_score_is_what_the_figure_is_given_in():
    # "what average GLUE score did RoBERTa's best model report": about RoBERTa, in GLUE
    ask = analyse("What average GLUE score did RoBERTa's best model report on the dev set?").asks[0]
    assert ask.names == ["RoBERTa"]


def test_units_of_compute_are_no_names():
    # "GPU-hours" read as a name left nothing for a figure to count
    question = analyse("How many GPU-hours does MosaicBERT-Large's pretraining take?")
    assert question.names == ["MosaicBERT-Large"]
    assert "gpu-hour" in question.asks[0].head


def test_what_value_of_a_symbol_asks_for_the_symbol():
    ask = analyse("What value of the beta hyperparameter does the original DPO paper use?").asks[0]
    assert ask.head_words == "beta hyperparameter"


def test_it_after_a_clause_asking_for_a_dataset_is_that_dataset():
    # "how large is it?" measures the dataset the clause before asked for, not a model: in
    # what a dataset is made of ("36k pairs"), not in parameters
    question = analyse("What dataset came out of that process, and how large is it?")
    assert [ask.clause for ask in question.asks] == ["how large is the dataset"]
    head = question.asks[0].head
    assert {"dataset", "pair", "token", "document"} <= head
    assert not head & {"paramet", "layer"}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Which papers pre-train byte-level models?", "pre-train byte-level models"),
        (
            "Are there papers on forecasting, e.g. predicting weather?",
            "forecasting, e.g. predicting weather",
        ),
        ("What work is there on DNA language models?", "DNA language models"),
        ("Which papers investigate how LLMs store facts?", "investigate how LLMs store facts"),
        (
            "Are there analyses of what pretraining contributes to NMT?",
            "what pretraining contributes to NMT",
        ),
        (
            "Which retrieval-augmented generation approaches organize knowledge as a graph?",
            "retrieval-augmented generation approaches organize knowledge as a graph",
        ),
        (
            "How should CLIP's training data be curated? Which papers study this?",
            "How should CLIP's training data be curated",
        ),
        ("What research is there on in-context learning?", "in-context learning"),
        (
            "What is the best way to fine-tune LLMs? Which papers study that?",
            "What is the best way to fine-tune LLMs",
        ),
        ("Which papers show that scaling data helps CLIP?", "show that scaling data helps CLIP"),
        ("Which papers?", ""),
        ("Are there code models built for HPC?", "code models built for HPC"),
        ("Is there work on finance?", "finance"),
    ],
)
def test_the_topic_is_the_question_without_its_asking_words(text, topic):
    assert topic_of(text) == topic
    assert analyse(text).topic == topic


def test_a_fact_question_has_no_topic():
    assert analyse("How many tokens was Yi pretrained on?").topic == ""


def test_a_bare_how_many_counts_what_the_which_clause_before_it_names():
    # "Which GPUs, and how many, ...?" asked for any figure, and "24 hours" answered it
    question = analyse("Which GPUs, and how many, were in the single low-end server used?")
    assert [(a.wants, a.head_words) for a in question.asks] == [("number", "GPUs")]
    # a "how many" that names what it counts keeps it
    question = analyse("Which GPUs, and how many steps, did they use?")
    assert "steps" in [a.head_words for a in question.asks]


def test_what_is_the_name_of_asks_for_a_name_whatever_its_relative_clause_counts():
    # "... that predicts how many input frames it covers" made it a "how many" question
    question = analyse(
        "What is the name of the transducer architecture that predicts, with each token, how "
        "many input frames it covers?"
    )
    assert (question.wants, question.asks[0].head_words) == ("name", "transducer architecture")


@pytest.mark.parametrize(
    ("asked", "kind"),
    [
        ("Which downstream task showed the largest accuracy loss?", "name"),
        ("Which model had the fewest errors?", "name"),
        ("What is the largest model they trained?", "number"),
        ("How do the authors explain it?", "reason"),
        ("What explanation do they give for the drop?", "reason"),
    ],
)
def test_what_a_superlative_or_an_explanation_asks_for(asked, kind):
    assert wants(asked) == kind


def test_a_bare_why_after_a_clause_is_a_part_of_its_own():
    question = analyse("Which task does Q-BERT lose the most on, and why?")
    assert [(p.wants, p.clause) for p in question.parts] == [
        ("name", "Which task does Q-BERT lose the most on"),
        ("reason", "why"),
    ]


def test_a_question_naming_a_paper_by_title_asks_about_that_paper_not_a_topic():
    # shapes_zh: read as a topic, it listed two retrieval papers for a dataset no paper names
    title = "Where Does the Performance Improvement Come From? -- A Reproducibility Concern"
    asked = f"Which text-video retrieval models on MSR-VTT failed to reproduce in {title}?"
    assert analyse(asked).topical
    assert not analyse(asked, None, [title]).topical
    # ... unless it asks for papers in so many words
    assert analyse(f"Which papers build on {title}?", None, [title]).topical


def test_a_what_measure_asks_for_a_figure_only_where_what_opens_it():
    assert analyse("What beam width is used in its beam search?").wants == "number"
    assert analyse("What sampling temperature does it use?").wants == "number"
    assert analyse("Which work pioneered a variable bitrate compression framework?").wants == "name"
    assert analyse("What depth-wise scheme does it use?").wants == "name"


def test_the_empirical_studies_of_a_paper_are_no_topic():
    assert not is_topical("Which benchmarks were used for the empirical studies in the PETL paper?")
    assert is_topical("Which studies evaluate parameter-efficient transfer learning?")
