"""Reading the evidence: does a retrieved paper *state* what was asked, or is it only about it?

Three outcomes: ``answered`` (a sentence states it), ``not_stated`` (papers bear on the
question, none gives it) and ``not_covered`` (nothing bears on it). First on hand-made hits, then
end to end through ``bundled_index.ask`` (offline, extractive).
"""

from __future__ import annotations

import pytest
from conftest import make_settings

from rag import NO_ANSWER
from rag.assistant import Assistant
from rag.chunking import split_sentences
from rag.evidence import _missing, central, figure_near, name_in, read
from rag.lexical import tokenize
from rag.names import spelled_acronyms
from rag.prompts import NOT_STATED
from rag.question import analyse, titles_named
from rag.records import Hit

YI_TITLE = "Yi: Open Foundation Models by 01.AI"
# From the bundled corpus (data/seeds), cut to the sentences these tests are about.
YI_ABSTRACT = (
    "We introduce the Yi model family, a series of language and multimodal models that "
    "demonstrate strong multi-dimensional capabilities. The Yi model family is based on 6B and "
    "34B pretrained language models, then we extend them to chat models, 200K long context "
    "models, depth-upscaled models, and vision-language models. Our base models achieve strong "
    "performance on a wide range of benchmarks like MMLU, and our finetuned chat models deliver "
    "strong human preference rate on major evaluation platforms like AlpacaEval and Chatbot "
    "Arena. For pretraining, we construct 3.1 trillion tokens of English and Chinese corpora "
    "using a cascaded data deduplication and quality filtering pipeline. We further extend the "
    "context length to 200K through lightweight continual pretraining and demonstrate strong "
    "needle-in-a-haystack retrieval performance."
)
TOKENS_SENTENCE = (
    "For pretraining, we construct 3.1 trillion tokens of English and Chinese corpora using a "
    "cascaded data deduplication and quality filtering pipeline."
)


MOSAIC = (
    "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining",
    "We introduce MosaicBERT. This base model achieves a GLUE score of 79.6. MosaicBERT base and "
    "large are Pareto optimal.",
)
HEAR = (
    "HEAR: a hybrid encoder with adaptive restart for streaming tagging",
    "HEAR is a hybrid encoder for streaming sequence tagging. It offers FLOP savings in "
    "streaming settings upto 71.1%. It improves streaming exact match by upto +10%.",
)


def hit(n: int, title: str, abstract: str, score: float = 0.9) -> Hit:
    return Hit(f"p{n}", title, score, abstract[:60], 0, "both", abstract=abstract)


YI = hit(0, YI_TITLE, YI_ABSTRACT)
# A paper that compares with Gemini 1.5 Pro: its own figure is not Gemini's.
LONG = hit(
    1,
    "FooLM: Long Context for Everyone",
    "FooLM reads a context window of 1M tokens. It is compared with Gemini 1.5 Pro on "
    "long-document tasks.",
)
GEMINI = hit(
    2,
    "Gemini 1.5: Unlocking multimodal understanding across millions of tokens of context",
    "We introduce Gemini 1.5 Pro, a multimodal mixture-of-experts model. It recalls facts from a "
    "context window of up to 10M tokens.",
)


# --- the three outcomes on hand-made hits ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "How many tokens of English and Chinese text went into the Yi pretraining corpus?",
        "How many tokens was Yi-34B pretrained on?",
    ],
)
def test_a_figure_for_a_how_many_question_is_answered(text):
    evidence = read(analyse(text), [YI], answerable=True)
    assert evidence.outcome == "answered" and evidence.answered
    assert [s.text for s in evidence.statements] == [TOKENS_SENTENCE]
    assert evidence.related == [0] and evidence.cited_papers() == [0]


CODER = (
    "DeepSeek-Coder-V2",
    "We present DeepSeek-Coder-V2, a Mixture-of-Experts code model comparable to GPT4-Turbo. It "
    "is further pre-trained with additional 6 trillion tokens.",
)
UNIC_TITLE = "UNIC: Universal Classification Models via Multi-teacher Distillation"
UNIC_ABSTRACT = (
    "We propose to learn such an encoder via multi-teacher distillation. We analyse distillation "
    "driven by multiple strong teacher models with complementary strengths."
)
BIOFORMER = (
    "Bioformer: compact biomedical BERTs",
    "We pretrain Bioformer8L, which reduces the number of parameters by 60% compared to "
    "BERTBase. On BioASQ Bioformer8L gains 4.3% over a baseline of the same size.",
)
HELM = (
    "Holistic Evaluation of Language Models",
    "We present Holistic Evaluation of Language Models (HELM) to improve the transparency of "
    "language models. We evaluate 30 language models with Large Language Models (LLMs) as judges.",
)
MENTAL = (
    "Chinese MentalBERT: Domain-Adaptive Pre-training on Social Media",
    "We pretrain Chinese MentalBERT, a language model for psychology, on Chinese social media "
    "posts. The language model and code are available at https://github.com/zwzzzQAQ/Chinese-MentalBERT.",
)
UL2 = (
    "UL2: Unifying Language Learning Paradigms",
    "We apply FLAN instruction tuning to the UL2 20B model, pretrained on 1T tokens, achieving "
    "MMLU and Big-Bench scores competitive to FLAN-PaLM 62B.",
)
PINTS = (
    "1.5-Pints Technical Report",
    "The 1.5-Pints model outperforms Microsoft's Phi. It is pre-trained on 57 billion tokens.",
)
DNAGPT = (
    "DNAGPT: A Generalized Pre-trained Tool for Versatile DNA Sequence Analysis Tasks",
    "We present DNAGPT, a foundation model pre-trained on over 10 billion base pairs from 9 "
    "species.",
)
# From the bundled corpus, cut to the sentences that carried a figure of another kind.
CODET5 = (
    "CodeT5+: Open Code Large Language Models for Code Understanding and Generation",
    "We propose to initialize CodeT5+ with frozen off-the-shelf LLMs and explore "
    "instruction-tuning. We evaluate CodeT5+ on over 20 code-related benchmarks. Our "
    "instruction-tuned CodeT5+ 16B sets a new state of the art on the HumanEval code task.",
)
ELECTRA = (
    "ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators",
    "We train a model on one GPU for 4 days that outperforms GPT (trained using 30x more "
    "compute) on the GLUE natural language understanding benchmark. ELECTRA-Large is strong.",
)
SNOWCODER = (
    "Arctic-SnowCoder: Demystifying High-Quality Data in Code Pretraining",
    "Arctic-SnowCoder achieves state-of-the-art performance on BigCodeBench compared to "
    "similarly sized models, outperforming Phi-1.5-1.3B by 36%.",
)
BEZOAR = (
    "OpenBezoar: Small, Cost-Effective and Open Models Trained on Mixes of Instruction Data",
    "Evaluation is done on MT-Bench using the LLM-as-a-judge framework with Claude 2.1: the "
    "final checkpoint, OpenBezoar-HH-RLHF-DPO, is superior to many models.",
)
SLM = (
    "A Little Help Goes a Long Way: Efficient LLM Training by Leveraging Small LMs",
    "A small LM provides soft labels and selects data. We improve the pre-training time of an "
    "LLM with 2.8B parameters by utilizing a small LM with 1.5B parameters.",
)
OPT = (
    "OPT: Open Pre-trained Transformer Language Models",
    "We show that OPT-175B is comparable to GPT-3, while requiring only 1/7th the carbon "
    "footprint to develop.",
)
LONG_LLAMA = (
    "Effective Long-Context Scaling of Foundation Models",
    "We present long-context models built through continual pretraining from Llama 2 that "
    "support effective context windows of up to 32,768 tokens.",
)


@pytest.mark.parametrize(
    ("question", "paper", "outcome"),
    [
        # "How many total" alone asks for nothing a sentence could hold ("GPT4-Turbo" has a
        # digit): the question is judged on its other clause.
        ("How many total and how many active parameters does DeepSeek-Coder-V2 have?", CODER,
         "not_stated"),
        # "Which teacher models" asks for a name, though "models" is a stopword.
        ("Which specific teacher models does UNIC distill from?", (UNIC_TITLE, UNIC_ABSTRACT),
         "not_stated"),
        ("Which specific teacher models does UNIC distill from?",
         (UNIC_TITLE, UNIC_ABSTRACT + " Our teacher models are DINOv2 and CLIP."), "answered"),
        # A share is no count, but it answers "how many points".
        ("How many parameters does Bioformer8L have?", BIOFORMER, "not_stated"),
        ("How many points does Bioformer8L gain on BioASQ?", BIOFORMER, "answered"),
        # A link, or the spelled-out form of the question's acronym or of a kind of thing, is
        # no name that answers "which ...?".
        ("Which language model ranked best in the HELM evaluation?", HELM, "not_stated"),
        ("Which language model ranked best in the HELM evaluation?",
         (HELM[0], HELM[1] + " InstructGPT davinci v2 ranked best overall."), "answered"),
        ("Which existing Chinese language model was Chinese MentalBERT trained from?", MENTAL,
         "not_stated"),
        # A name keeps its figures however it is written ("mixtral-8x7b" for "Mixtral 8x7B").
        ("How many total and active parameters does Mixtral 8x7B have?",
         ("Aligning with constitutions", "We align mixtral-8x7b using constitutions written by a "
          "weaker model."), "not_stated"),
        # A score is not a size nor a name with digits ("UL2 20B", "3.3T tokens").
        ("What MMLU score does FLAN-PaLM 62B achieve?", UL2, "not_stated"),
        ("What MMLU score does the UL2 20B model reach?",
         (UL2[0], UL2[1] + " It reaches an MMLU score of 55.7."), "answered"),
        # "The biggest model" is given in parameters.
        ("What's the biggest model they scaled ECO to?",
         ("Unlearning via Embedding-COrrupted Prompts", "We highlight the scalability of ECO to "
          "100 LLMs, ranging from 0.5B to 236B parameters."), "answered"),
        ("How small were the refining models?",
         ("Programming Every Example", "Small language models, with as few as 0.3B parameters, "
          "exhibit substantial data refining capabilities."), "answered"),
        # "F_1" is F1; "the BERT-based NER system" is a system, which need not name BERT.
        ("What mean F1 did the BERT-based NER system for Serbian legal documents get?",
         ("Named entity recognition for Serbian legal documents", "We adapt BERT to NER in "
          "Serbian legal documents. Cross-validation gives a mean F_1 score of 0.96."),
         "answered"),
        # "compact BERTs" are BERT models.
        ("How many compact BERTs did they release?",
         ("Well-Read Students Learn Better", "We release 24 compact BERT models."), "answered"),
        # "How much data" is given in what the data is made of, not in parameters.
        ("How much DNA data was the GPT-style DNA model pre-trained on?", DNAGPT, "answered"),
        ("How much DNA data was the GPT-style DNA model pre-trained on?",
         (DNAGPT[0], "DNAGPT is a 3B parameter model pre-trained on DNA data."), "not_stated"),
        # A version apart from its family does not name the model.
        ("How many training tokens was Microsoft's Phi-1.5 trained on?", PINTS, "not_covered"),
        # The family of a sized name ("CodeT5+" of "CodeT5+ 16B") holds no figure either.
        ("What HumanEval pass@1 does the instruction-tuned CodeT5+ 16B achieve?", CODET5,
         "not_stated"),
        ("What HumanEval pass@1 does the instruction-tuned CodeT5+ 16B achieve?",
         (CODET5[0], CODET5[1] + " It reaches 35.0% pass@1 on HumanEval."), "answered"),
        # A score is not a count of days or GPUs, a multiple, a margin or a name's version.
        ("What GLUE score does ELECTRA-Large obtain?", ELECTRA, "not_stated"),
        ("What GLUE score does ELECTRA-Large obtain?",
         (ELECTRA[0], ELECTRA[1] + " ELECTRA-Large scores 89.4 on GLUE."), "answered"),
        ("What BigCodeBench score does Arctic-SnowCoder-1.3B achieve?", SNOWCODER, "not_stated"),
        ("What MT-Bench score did the OpenBezoar-HH-RLHF-DPO checkpoint obtain?", BEZOAR,
         "not_stated"),
        # "By what percentage" wants a share: "2.8B parameters" is none, "1/7th" is one.
        ("By what percentage does a small LM cut the pre-training time of the LLM?", SLM,
         "not_stated"),
        ("By what percentage does a small LM cut the pre-training time of the LLM?",
         (SLM[0], SLM[1] + " The small LM cuts the pre-training time by 28%."), "answered"),
        ("What fraction of GPT-3's carbon footprint did developing OPT-175B take?", OPT,
         "answered"),
        # A figure the question gives itself ("32K") is no answer to it ("32,768 tokens").
        ("How many tokens of continual pretraining extend Llama 2 to the 32K-context models?",
         LONG_LLAMA, "not_stated"),
        ("How many tokens of continual pretraining extend Llama 2 to the 32K-context models?",
         (LONG_LLAMA[0], LONG_LLAMA[1] + " Continual pretraining uses 400B tokens."), "answered"),
        # "Which text encoders" asks for names, however plural the kind.
        ("Which text encoders does TeachText distill from?",
         ("TeachText", "TeachText leverages complementary cues from multiple text encoders."),
         "not_stated"),
        ("Which text encoders does TeachText distill from?",
         ("TeachText", "TeachText distills from text encoders such as GloVe and GPT-2."),
         "answered"),
        # What qualifies the counted thing is not what is counted: "pre-trained for 400 epochs"
        # counts no training images.
        ("How many training images are in ImageNet-1K?",
         ("MR-MAE", "On ImageNet-1K, MR-MAE pre-trained for only 400 epochs reaches 85.8% top-1 "
          "accuracy."), "not_stated"),
        ("How many training images are in ImageNet-1K?",
         ("MR-MAE", "ImageNet-1K holds 1.28 million training images."), "answered"),
        # "How large was the corpus" is given in what it is made of.
        ("How large was the curated pre-training corpus used for 1.5-Pints?",
         PINTS, "answered"),
        # "By what factor" wants a multiple; "how much faster than X" is a speed, not a "than".
        ("By what factor does FPDM cut pre-training compute in the legal domain?",
         ("FPDM", "FPDM reduces pre-training compute by around 1,000, 4,500, and 500 times "
          "compared to MLM in Customer Support, Scientific, and Legal Domains."), "answered"),
        ("By what factor does FPDM cut pre-training compute in the legal domain?",
         ("FPDM", "FPDM cuts pre-training compute with 2 encoders in the legal domain."),
         "not_stated"),
        ("How much faster than the LAMB optimizer was MKOR on BERT-Large?",
         ("MKOR", "MKOR trains BERT-Large 2.57x faster than the LAMB optimizer."), "answered"),
        # What a figure is given in ends its phrase: "72.5% linear probe accuracy".
        ("What ImageNet linear-probe accuracy does SimCLR reach with E-SSL?",
         ("Equivariant Contrastive Learning", "E-SSL improves SimCLR to 72.5% linear probe "
          "accuracy on ImageNet."), "answered"),
        # A year is no count: "GermEval 2018", "in 2019".
        ("How much text was RoBERTa pre-trained on?",
         ("GottBERT: a pure German language model", "GottBERT builds on RoBERTa. We evaluate "
          "on the text classification tasks GermEval 2018 (fine and coarse). RoBERTa was "
          "released in 2019 ."), "not_stated"),
        # A question whose only words are names ("nDCG", "RegBERT") wants a figure beside them.
        ("What nDCG did RegBERT reach?",
         ("Regulatory Compliance through Doc2Doc Information Retrieval", "RegBERT is built "
          "from EU directives and UK legislation, ranked for 100 queries by a re-ranker. We "
          "report nDCG."), "not_stated"),
        ("What nDCG did RegBERT reach?",
         ("Regulatory Compliance through Doc2Doc Information Retrieval", "RegBERT reaches an "
          "nDCG of 0.61."), "answered"),
        # A score is not a count of what the question only describes ("9 books").
        ("What accuracy did the LLMs get when the book was only seen during training?",
         ("Assessing Episodic Memory in LLMs", "Book-SORT comprises 36k pairs of segments from "
          "9 books. LLMs fall short when the book is only seen during training."),
         "not_stated"),
        ("What accuracy did the LLMs get when the book was only seen during training?",
         ("Assessing Episodic Memory in LLMs", "When the book is only seen during training, "
          "LLMs reach 52.1% accuracy."), "answered"),
        # A model named only as what the paper compares with ("such as", "over", "similar
        # to") does not own the figure beside it.
        ("How many tokens are in the FineWeb-Edu dataset?",
         ("PreSelect", "PreSelect outperforms baselines such as DCLM and FineWeb-Edu on a scale "
          "of 3B models trained on 100B tokens."), "not_stated"),
        ("How many tokens are in the FineWeb-Edu dataset?",
         ("PreSelect", "PreSelect beats DCLM. FineWeb-Edu holds 1.3T tokens."), "answered"),
        ("How many tokens of data was Mistral 7B pretrained on?",
         ("ProX", "ProX improves accuracy by 7.6% over Mistral-7B within 10B tokens."),
         "not_stated"),
        # A sibling glued to its size ("Bioformer16L") holds no figure, and "hundreds of
        # millions" is none.
        ("How many parameters does Bioformer8L have?",
         ("Bioformer: compact biomedical BERTs", "We present Bioformer8L and Bioformer16L. "
          "BERT models have hundreds of millions of parameters. With 60% fewer parameters, Bioformer16L is only 0.1% less accurate than "
          "PubMedBERT while Bioformer8L is 0.9% less accurate."), "not_stated"),
        ("How many parameters does Bioformer8L have?",
         ("Bioformer: compact biomedical BERTs", "Bioformer8L has 42.8M parameters."),
         "answered"),
        # "Nine kinds of simple and complex ... operators" counts operators.
        ("How many augmentation operators did ContraBERT design?",
         ("ContraBERT", "ContraBERT designs nine kinds of simple and complex data augmentation "
          "operators on PL and NL data."), "answered"),
        ("How many augmentation operators did ContraBERT design?",
         ("ContraBERT", "ContraBERT designs two kinds of objectives over augmented data "
          "operators."), "not_stated"),
        # A count of what a benchmark is made of must be stated of that benchmark.
        ("How many tasks make up the SuperGLUE benchmark?",
         ("UL2", "We achieve SOTA on 50 NLP tasks. We beat GPT-3 on zero-shot SuperGLUE."),
         "not_stated"),
        ("How many tasks make up the SuperGLUE benchmark?",
         ("UL2", "We achieve SOTA on 50 NLP tasks. SuperGLUE comprises 8 tasks."), "answered"),
        # What a figure counts ends before a verb ("datasets requiring ..."), and past words that
        # only say the things differ ("15 different backbone LLMs").
        ("On how many datasets did ETC reach state of the art?",
         ("ETC", "ETC reaches state-of-the-art results on four natural language datasets "
          "requiring long inputs."), "answered"),
        ("How many backbones did they evaluate in the LLM retrieval study?",
         ("LLMs as dense retrievers", "We evaluate over 15 different backbone LLMs and non LLMs."),
         "answered"),
        ("How many backbones did they evaluate in the LLM retrieval study?",
         ("LLMs as dense retrievers", "We evaluate 15 retrieval tasks on backbone LLMs."),
         "not_stated"),
        # "How many people and ads": either count answers.
        ("How many people and ads are in the LAMBDA dataset?",
         ("LAMBDA", "The LAMBDA dataset has 1749 participants and 2205 ads."), "answered"),
        # A quoted example is no name: "which LLM" is not answered by "in between the sofa".
        ("Which large language model does VLMaps use to translate commands?",
         ("VLMaps", 'Combined with LLMs, VLMaps translates commands into goals such as '
          '"in between the sofa and TV".'), "not_stated"),
        # "Two images" is no count of image pairs; "17 different few-shot sentence
        # classification datasets" still counts datasets.
        ("How many image pairs was CroCo pre-trained on?",
         ("CroCo", "CroCo completes the masked view from the second of the two images."),
         "not_stated"),
        # "How large is the custom legal vocabulary?": "three legal tasks" do not measure it,
        # but a collection is measured by what it holds ("3.4M sentence summaries"), and a
        # retrieval database in tokens.
        ("How large is the custom legal vocabulary used in the CaseHOLD study?",
         ("CaseHOLD", "Domain pretraining with a custom legal vocabulary helps CaseHOLD. The "
          "gains in three legal tasks were tied to the domain specificity of the task."),
         "not_stated"),
        ("How big is the summary and paraphrase dataset of Impossible Distillation?",
         ("Impossible Distillation", "With Impossible Distillation we obtain DIMSUM+, a "
          "dataset with 3.4M sentence summaries and paraphrases."), "answered"),
        ("How large was the retrieval database of InstructRetro?",
         ("InstructRetro", "InstructRetro continues to pretrain the 43B GPT model by "
          "retrieving from 1.2 trillion tokens."), "answered"),
        # "By what margin": a change, not a count of margins
        ("By what margin does TRACED improve static code models on variable value prediction?",
         ("TRACED", "TRACED improves the static code models by 12.4% for path prediction and "
          "by 25.2% for runtime variable value predictions."), "answered"),
        # "the Megatron-LM GPT-2 model": Megatron-LM's GPT-2, two names
        ("What perplexity does the Megatron-LM GPT-2 model reach on WikiText103?",
         ("Megatron-LM", "Using the GPT-2 model we achieve SOTA results on WikiText103 (10.8 "
          "compared to SOTA perplexity of 15.8)."), "answered"),
        ("How many classification datasets was AdaSent tested on?",
         ("AdaSent", "We test AdaSent on 17 different few-shot sentence classification datasets."),
         "answered"),
        # "At what sparsity level" asks for a figure.
        ("At what sparsity level does BERT hit the dropping point?",
         ("Essential sparsity", "BERT has a sharp dropping point beyond which performance "
          "declines with the rise of sparsity level."), "not_stated"),
        ("At what sparsity level does BERT hit the dropping point?",
         ("Essential sparsity", "BERT drops at a sparsity level of 40%."),
         "answered"),
        # "x2.6" is a factor, as "2.6x" is.
        ("By what factor could BEM reduce the number of required answers?",
         ("BEM", "BEM reduces the number of required answers by up to x2.6."), "answered"),
        ("By what factor could BEM reduce the number of required answers?",
         ("BEM", "BEM reduces the number of required answers in 2 settings."), "not_stated"),
        # The counted phrase ends at "without": "4096 tokens without approximation".
        ("How long were the sequences BiGS could be pretrained on?",
         ("BiGS", "BiGS extends to long-form pretraining of 4096 tokens without approximation."),
         "answered"),
        ("How long were the sequences BiGS could be pretrained on?",
         ("BiGS", "BiGS extends to long-form pretraining on 4096 GPUs without approximation."),
         "not_stated"),
        # "How many patients are covered by MIMIC-III" asks about MIMIC-III: a paper that only
        # used it states its own count, not MIMIC-III's.
        ("How many patients are covered by the MIMIC-III database?",
         ("SDoH extraction", "We use MIMIC-III. 800 patient notes were annotated."), "not_stated"),
        ("How many patients are covered by the MIMIC-III database?",
         ("SDoH extraction", "MIMIC-III covers 46,520 patients."), "answered"),
        # "RAFT (Rationale Adaptor for Few-shoT classification)" spells out the asked name: it
        # names no dataset.
        ("Which abusive language datasets was RAFT evaluated on?",
         ("RAFT", "We propose RAFT (Rationale Adaptor for Few-shoT classification) for abusive "
          "language detection."), "not_stated"),
        ("Which abusive language datasets was RAFT evaluated on?",
         ("RAFT", "We evaluate RAFT (a rationale adaptor) on the HatEval and OLID datasets."),
         "answered"),
        # A list's numbering "(ii)" and a citation's authors are no model's name; a detector
        # is a thing named.
        ("Which large language model does VLMaps use to translate commands?",
         ("VLMaps", "Combined with large language models (LLMs), VLMaps can (i) translate "
          "commands and (ii) share maps across robots."), "not_stated"),
        ("Which frozen vision encoder does VEDIT use?",
         ("VEDIT", "VEDIT conditions on frozen clip-level embeddings from a frozen encoder, "
          "leveraging diffusion transformers (Peebles & Xie, 2023)."), "not_stated"),
        ("Which object detector does GC-CLIP use to crop images?",
         ("GC-CLIP", "GC-CLIP crops images with an off-the-shelf zero-shot object detector."),
         "not_stated"),
        ("Which object detector does GC-CLIP use to crop images?",
         ("GC-CLIP", "GC-CLIP crops images with the OWL-ViT object detector."), "answered"),
        # "Which two tasks": a sentence that only counts them names neither.
        ("Which two downstream tasks were used to evaluate the code models?",
         ("Continual learning for code", "We evaluate the code models on two downstream tasks "
          "that need API knowledge."), "not_stated"),
        ("Which two downstream tasks were used to evaluate the code models?",
         ("Continual learning for code", "We evaluate the code models on two downstream tasks, "
          "API call and API usage prediction."), "answered"),
        # A name in brackets holds no figure: "(S4)" counts no screenshots.
        ("How many screenshots were in the screenshot pre-training data?",
         ("Pre-training with screenshots",
          "We propose pre-training with ScreenShots (S4) from web screenshot rendering."),
         "not_stated"),
        # A multiple is no count ("10 times more parameters"), but answers "how many times".
        ("How many parameters does InstructUIE have?",
         ("InstructUIE", "InstructUIE beats models with 10 times more parameters."),
         "not_stated"),
        ("How many times longer sequences can Helix-mRNA process?",
         ("Helix-mRNA", "Helix-mRNA processes sequences 6 times longer than current approaches."),
         "answered"),
        # A method's acronym spelled out in lower case ("supervised fine-tuning (SFT)"), a task's
        # acronym ("ASR") and a section reference are no model's or dataset's name.
        ("Which base LLM was fine-tuned with S3FT?",
         ("S3FT", "S3FT fine-tunes the LLM better than standard supervised fine-tuning (SFT)."),
         "not_stated"),
        ("Which base LLM was fine-tuned with S3FT?",
         ("S3FT", "S3FT fine-tunes the Gemma-2B LLM better than supervised fine-tuning (SFT)."),
         "answered"),
        ("Which frozen vision encoder does VEDIT use?",
         ("VEDIT", "VEDIT uses a frozen visual encoder and no ASR transcripts."), "not_stated"),
        ("Which benchmark datasets does the continual learning survey cover?",
         ("Continual learning survey", "The survey's benchmark datasets are listed in Section 3."),
         "not_stated"),
        # Named twice, once only as what the paper resembles: GPT-2 is not what it is about.
        ("How many parameters does the largest GPT-2 model have?",
         ("Megatron-LM", "To show that large models advance the state of the art, we train an "
          "8.3 billion parameter transformer language model similar to GPT-2 and a 3.9 billion "
          "parameter model similar to BERT. Using the GPT-2 model we achieve SOTA results on "
          "WikiText103 (10.8 perplexity)."), "not_stated"),
        # "outperforms significantly the state-of-the-art wav2vec 2.0": compared with, so the
        # figure is Speech2C's.
        ("What WER does wav2vec 2.0 get on LibriSpeech?",
         ("Speech2C", "On LibriSpeech, Speech2C reduces the WER by 19.2% and outperforms "
          "significantly the state-of-the-art wav2vec 2.0 on subsets of 10h."), "not_stated"),
        # "What speedup" is answered by a multiple; "13times" is one.
        ("What speedup does MKOR report over KAISA on BERT-Large?",
         ("MKOR", "MKOR outperforms KAISA up to 1.85x on BERT-Large."), "answered"),
        ("What speedup does MKOR report over KAISA on BERT-Large?",
         ("MKOR", "MKOR outperforms KAISA on BERT-Large on 64 GPUs."), "not_stated"),
        ("By up to what factor does Q-BERT compress the model parameters?",
         ("Q-BERT", "Q-BERT reaches 2 bits, up to 13times compression of the model parameters."),
         "answered"),
        # "What range of lengths" asks for lengths.
        ("What range of sample lengths do existing long-text benchmarks mix together?",
         ("Ada-LEval", "These benchmarks include samples of varying lengths (from 2k to 32k+) "
          "entangled together."), "answered"),
        # A score's qualifiers ("zero-shot ImageNet") are no thing it counts; a size's are
        # ("vocabulary size" counts a vocabulary).
        ("With 400M pairs, what zero-shot ImageNet accuracy does MetaCLIP get on ViT-B?",
         ("Demystifying CLIP Data", "On 400M pairs, in zero-shot ImageNet classification, "
          "MetaCLIP achieves 70.8% accuracy on ViT-B models."), "answered"),
        ("What was the best accuracy they reported?",
         ("Prompt classification", "The approach achieves an outstanding accuracy of 96.55% by "
          "logistic regression."), "answered"),
        ("What vocabulary size does MosaicBERT use?",
         ("MosaicBERT", "MosaicBERT uses a 30% masking ratio and a vocabulary size optimized "
          "for GPU throughput."), "not_stated"),
        # "a 21.46% improvement in success rate": the change, then what changed.
        ("How large was the success-rate improvement from ResNet-152 to DenseNet-121?",
         ("CGNC", "CGNC yields e.g. a 21.46% improvement in success rate from ResNet-152 to "
          "DenseNet-121."), "answered"),
        # "How many fewer ...?", "how many ... does it save?": a share gives the difference.
        ("How many fewer pre-training iterations does SpacTor-T5 need?",
         ("SpacTor-T5", "SpacTor-T5 yields the same performance while enabling a 50% reduction "
          "in pre-training iterations."), "answered"),
        ("How many inference FLOPs does DSEE save on BERT?",
         ("DSEE", "DSEE saves about 25% inference FLOPs with 0.5% trainable parameters on "
          "BERT."), "answered"),
        ("How many parameters does DSEE train on BERT?",
         ("DSEE", "DSEE saves about 25% inference FLOPs on BERT."), "not_stated"),
        # The paper's own method, named once where it is proposed, need not be repeated.
        ("By how many BLEU points does Language Aware Vocabulary Sharing improve translation?",
         ("On the Off-Target Problem", "We propose Language Aware Vocabulary Sharing (LAVS). "
          "The overall BLEU score is improved by an average of 1.9 points."), "answered"),
        # A size the abstract does not report: its figures are for another model.
        ("How much does SPDF reduce pre-training FLOPs for a 6.7B-parameter GPT-3 model?",
         ("SPDF", "We induce 75% sparsity into a 1.3B parameter GPT-3 XL model, resulting in a "
          "2.5x reduction in pre-training FLOPs."), "not_stated"),
        ("How much does SPDF reduce pre-training FLOPs for the 1.3B-parameter GPT-3 model?",
         ("SPDF", "We induce 75% sparsity into a 1.3B parameter GPT-3 XL model, resulting in a "
          "2.5x reduction in pre-training FLOPs."), "answered"),
        # "a two-stage curriculum" counts stages, not what "what value" asks for.
        ("What value of tau does SpacTor-T5 use for its hybrid objective?",
         ("SpacTor-T5: Pre-training T5 Models", "SpacTor uses a hybrid objective and a two-stage "
          "curriculum over the initial tau iterations."), "not_stated"),
        # "0-shot" is a setting, not a score.
        ("What exact zero-shot MMLU accuracy does UL2 20B obtain?",
         ("UL2", "On 0-shot MMLU, UL2 20B outperforms T0 and T5 models."), "not_stated"),
        # A metric asked for ("pass@1", "AUROC") wants a score, not a name with digits.
        ("What pass@1 does StarCoder achieve on the BioCoder benchmark?",
         ("BioCoder", "We evaluate models including InCoder, CodeGen2, StarCoder, and "
          "InstructCodeT5+ on BioCoder."), "not_stated"),
        ("What pass@1 does StarCoder achieve on the BioCoder benchmark?",
         ("BioCoder", "On BioCoder, StarCoder reaches 12.3 pass@1."), "answered"),
        # "What share of ...?" asks for a share; "what value of tau" for a figure.
        ("What share of Dolma's three trillion tokens comes from code?",
         ("Dolma", "We release Dolma, a three trillion tokens English corpus, built from web "
          "content, code and books."), "not_stated"),
        ("What value of tau does SpacTor-T5 use?",
         ("SpacTor-T5: Pre-training T5 Models", "SpacTor optimizes the hybrid objective over the initial tau iterations, "
          "then transitions to standard SC loss."), "not_stated"),
        # "training" of "training compute" qualifies the compute: "pre-trained transformers
        # ranging from 125M" gives none.
        ("How much training compute was used for OPT?",
         ("OPT", "We present OPT, a suite of decoder-only pre-trained transformers ranging from "
          "125M to 175B parameters."), "not_stated"),
        # The paper's own model against another: the comparison is what is asked.
        ("What fraction of ELECTRA-base's training cost does ConvBERT-base need?",
         ("ConvBERT: Improving BERT", "ConvBERT is efficient. ConvBERTbase model achieves 86.4 "
          "GLUE score, 0.7 higher than ELECTRAbase, while using less than 1/4 training cost."),
         "answered"),
        # "mean IoU" is a score; its qualifier "mean" is no thing it counts.
        ("What mean IoU does the training-free segmentation framework reach on eight benchmarks?",
         ("Trident: training-free segmentation", "Trident improves the mIoU across eight "
          "benchmarks compared with the current SOTA, increasing from 44.4 to 48.6."), "answered"),
        # "... by up to what factor?": what the factor is of is said before the asking clause.
        ("Hessian-based quantization of BERT compresses the model parameters by up to what factor?",
         ("Q-BERT: Hessian based ultra low precision quantization of BERT", "Quantization down "
          "to 2 bits gives up to 13times compression of the model parameters."), "answered"),
        ("Hessian-based quantization of BERT compresses the model parameters by up to what factor?",
         ("Q-BERT: Hessian based ultra low precision quantization of BERT", "We study the "
          "Hessian of BERT on four tasks, and 2 bits suffice for the weights."), "not_stated"),
        # "What kinds of benchmarks" is answered in kinds, not names.
        ("What kinds of downstream benchmarks was VLP evaluated on?",
         ("VLP: vision-language pre-training", "We demonstrate VLP on eight visual question "
          "answering and four image captioning benchmarks."), "answered"),
        ("Which downstream benchmarks was VLP evaluated on?",
         ("VLP: vision-language pre-training", "We demonstrate VLP on eight visual question "
          "answering and four image captioning benchmarks."), "not_stated"),
        # "What does X stand for?" is answered by its spelling-out.
        ("What does the name LOOK stand for?",
         ("LOOK: supervised pre-training", "We propose a supervised pre-training method based on "
          "Leave-One-Out K-Nearest-Neighbor, or LOOK for short."), "answered"),
        # "blank filling" says "blank-filling", which weighs as the rare term it is.
        ("What did GLM change about blank-filling pretraining itself to make it work better?",
         ("GLM: General Language Model Pretraining", "GLM improves blank filling pretraining by "
          "adding 2D positional encodings and span shuffling."), "answered"),
        # "speed-up" asks for a speed-up, not for whatever comes "up to 50.72%".
        ("What end-to-end inference speed-up did DEFT measure?",
         ("DEFT", "DEFT reduces the activation density up to 50.72% on RoBERTa-Large."),
         "not_stated"),
        # "rivaling Llama-2 (7B)": compared with, so the figure is the paper's own.
        ("What MMLU accuracy does Llama-2-7B achieve?",
         ("Data mixing", "We improve up to 6.90 pp on MMLU for a 7B model, thus rivaling "
          "Llama-2 (7B)."), "not_stated"),
        # "BERT-large" is not any BERT beside the word "large"
        ("How many parameters does BERT-large have?",
         ("Megatron-LM", "We show that large language models can advance the state of the art: "
          "we train a 3.9 billion parameter model similar to BERT."), "not_covered"),
        ("How many parameters does BERT-large have?",
         ("Megatron-LM", "We compare BERT base and large: BERT-large has 340M parameters."),
         "answered"),
        # A question asking for so many things is answered by a sentence listing them, not by
        # one restating their number ("3 different clinical tasks") or naming other things.
        ("What are the three clinical tasks used to test reasoning over health records?",
         ("Clinical language models", "We evaluate 12 models on 3 different clinical tasks. We "
          "train T5-Base and T5-Large on clinical notes."), "not_stated"),
        ("Which two medical MRC datasets did they evaluate on?",
         ("KG embeddings for medical MRC", "The embeddings are fused with BERT for two MRC "
          "tasks, span detection (COVID-QA) and multiple-choice questions (PubMedQA)."),
         "answered"),
        # "Modality Integration Rate (MIR)" is the question's own thing, abbreviated
        ("Which LLM backbone did they use in the Modality Integration Rate pre-training "
         "experiments?",
         ("Deciphering Cross-Modal Alignment in Large Vision-Language Models",
          "We present the Modality Integration Rate (MIR), an effective, robust, and generalized "
          "metric to indicate the multi-modal pre-training quality of Large Vision Language "
          "Models (LVLMs)."), "not_stated"),
        # "much smaller (i.e., 4B)": a model's size set apart in brackets; "FLAN-PaLM 62B" is a
        # name's own size
        ("How big is it compared with the models it matches?",
         ("BLIP-3-Video", "BLIP-3-Video matches much larger models (e.g., 34B), while being much "
          "smaller (i.e., 4B)."), "answered"),
        ("How many parameters does PaLM have?",
         ("UL2", "We tune UL2 20B, competitive with FLAN-PaLM 62B."), "not_stated"),
        # "models", too common to index, is still what is counted; "Llama-2" is no figure
        ("How many compact models did they make public?",
         ("Well-read students", "We will make our 24 pre-trained miniature BERT models publicly "
          "available."), "answered"),
        ("How many fine-tuned models were averaged in the model soup?",
         ("Model soups", "The resulting ViT-G model soup attains 90.94% top-1 accuracy."),
         "not_stated"),
        ("How large were the small fine-tuned models in the up-scaling experiments?",
         ("Emulated fine-tuning", "Up-scaling improves instruction-following models in the "
          "Llama, Llama-2, and Falcon families."), "not_stated"),
        # A model the paper used as a tool ("data created by Llama-3.1-70B") owns no figure of
        # the paper's, nor does a model named only after "we introduce X, ...". (Llama-3.1 is
        # a later version than the Llama 3 asked about, as GPT-3.5 is of GPT-3: the paper does
        # not name it at all.)
        ("How many tokens was Llama 3 pretrained on?",
         ("Arctic-SnowCoder", "We introduce Arctic-SnowCoder-1.3B, a code model pretrained on "
          "555B tokens, with 5B synthetic data created by Llama-3.1-70B."), "not_covered"),
        ("How many tokens was Llama 3.1 pretrained on?",
         ("Arctic-SnowCoder", "We introduce Arctic-SnowCoder-1.3B, a code model pretrained on "
          "555B tokens, with 5B synthetic data created by Llama-3.1-70B."), "not_stated"),
        # "which of the 30 language models" asks for a model by name
        ("Which of the 30 language models evaluated in HELM ranked first?",
         ("HELM", "We evaluate 30 prominent language models on 42 scenarios."), "not_stated"),
        # Another size of the model ("this base model") states nothing of MosaicBERT-Large.
        ("What GLUE score does MosaicBERT-Large reach?", MOSAIC, "not_stated"),
        ("What GLUE score does MosaicBERT-Base reach?", MOSAIC, "answered"),
        # "FLOP savings" is a change of the FLOPs, given as a share, not a count of them; an
        # increase does not answer a question about a drop.
        ("How much FLOP savings does HEAR give in streaming settings?", HEAR, "answered"),
        ("How large was the drop in exact match for HEAR?", HEAR, "not_stated"),
    ],
)  # fmt: skip
def test_what_one_paper_states(question, paper, outcome):
    title, abstract = paper
    assert read(analyse(question), [hit(8, title, abstract)], answerable=True).outcome == outcome


def test_a_paper_naming_the_model_and_benchmark_without_a_score_does_not_state_it():
    # The Yi abstract names Yi-34B ("6B and 34B") and MMLU ("strong performance on ... MMLU")
    # but gives no MMLU score: the paper is related, and nothing is stated.
    evidence = read(analyse("What MMLU score does Yi-34B achieve?"), [YI], answerable=True)
    assert evidence.outcome == "not_stated"
    assert evidence.statements == []
    assert evidence.related == [0]
    assert "MMLU score" in evidence.missing


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("How long should a sourdough starter ferment?", [YI, LONG]),
        ("What MMLU score does Gemma-7B achieve?", [YI, LONG]),  # no paper names Gemma-7B
        ("How many tokens was Yi-34B pretrained on?", []),
    ],
)
def test_nothing_bears_and_retrieval_says_unanswerable_is_not_covered(text, hits):
    evidence = read(analyse(text), hits, answerable=False)
    assert evidence.outcome == "not_covered"
    assert evidence.statements == [] and evidence.related == []


def test_a_baseline_mention_is_not_a_statement_about_the_baseline():
    question = analyse("What is the context window of Gemini 1.5 Pro?")
    assert not central("Gemini 1.5 Pro", LONG.title, LONG.abstract)
    # FooLM names Gemini 1.5 Pro once, as what it is compared with: its 1M-token window is its
    # own, so it bears on the question but states nothing about Gemini.
    evidence = read(question, [LONG], answerable=True)
    assert evidence.outcome == "not_stated"
    assert evidence.related == [0] and evidence.statements == []
    # The paper about Gemini 1.5 states it, though that sentence does not repeat the name.
    assert central("Gemini 1.5 Pro", GEMINI.title, GEMINI.abstract)
    evidence = read(question, [LONG, GEMINI], answerable=True)
    assert evidence.outcome == "answered"
    assert [(s.paper, s.text) for s in evidence.statements] == [
        (1, "It recalls facts from a context window of up to 10M tokens.")
    ]


def test_a_sibling_models_figure_is_not_a_statement_about_the_baseline():
    llama3 = hit(
        3,
        "Llama 3: a herd of models",
        "Llama 3 has 405B parameters. We compare Llama 3 with Llama 2 on many tasks.",
    )
    evidence = read(analyse("How many parameters does Llama 2 have?"), [llama3], answerable=True)
    assert evidence.outcome == "not_stated", evidence.statements


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Yi-34B", "The Yi model family is based on 6B and 34B pretrained models.", True),
        ("Gemini 1.5 Pro", "We compare with Gemini-1.5-Pro.", True),
        ("GPT-4", "We compare with GPT-3.", False),
        # A family and its version stand together: another model's version is not theirs.
        ("Phi-1.5", "1.5-Pints outperforms Apple's OpenELM and Microsoft's Phi.", False),
        ("DeepSeek-V2", "DeepSeek-Coder-V2 is trained from DeepSeek-V2 checkpoints.", True),
        ("DeepSeek-V2", "We present DeepSeek-Coder-V2.", False),
        ("Llama 2", "Our models are built from LLaMA-2 with longer sequences.", True),
    ],
)  # fmt: skip
def test_name_in(name, text, found):
    assert name_in(name, text) is found


@pytest.mark.parametrize(
    ("sentence", "wanted", "names", "near"),
    [
        ("MiniPile is a 6GB subset of the Pile.", {"subset"}, [], True),
        ("We train on 512 GPUs.", {"gpus"}, [], True),
        ("We pretrain on three trillion tokens.", {"token"}, [], True),
        ("The learning rate is 3e-4.", {"learn", "rate"}, [], True),
        # "pretraining" asked, "pre-training" written
        ("We improve the pre-training of an LLM with 2.8B parameters.", {"pretrain"}, [], True),
        # A count of something else, or a figure too far from what is asked.
        ("BERTweet beats RoBERTa on three Tweet NLP tasks.", {"pre-train"}, [], False),
        ("The model has 7 layers and was trained with a carefully tuned warmup schedule for "
         "its learning rate.", {"learn", "rate"}, [], False),
        # The figure in a name and the numbers of a list are not figures.
        ("Yi-34B is trained on a corpus of web text.", {"corpus"}, ["Yi-34B"], False),
        ("We study (1) data and (2) compute.", {"data"}, [], False),
    ],
)  # fmt: skip
def test_figure_near(sentence, wanted, names, near):
    assert figure_near(sentence, wanted, names) is near


# --- end to end on the bundled index -----------------------------------------------------------


def test_a_near_miss_about_a_corpus_paper_is_not_stated(bundled_index):
    answer = bundled_index.ask("What MMLU score does Yi-34B achieve?", mode="extractive")
    assert answer.abstained is True
    assert answer.outcome == "not_stated"
    assert answer.citations == []
    assert all(not s.cited for s in answer.sources)
    assert answer.text.startswith(f"{NO_ANSWER} {NOT_STATED} ")
    assert f"**{YI_TITLE}**" in answer.text
    yi = [s for s in answer.sources if s.title == YI_TITLE]
    assert yi and yi[0].role == "related"
    assert all(s.role in ("related", "") for s in answer.sources)


def test_the_streamed_abstention_is_the_answer_text(bundled_index):
    stream = bundled_index.stream_ask("What MMLU score does Yi-34B achieve?", mode="extractive")
    chunks = list(stream)
    assert "".join(chunks) == stream.answer.text
    assert stream.answer.outcome == "not_stated" and not stream.replaced


def test_an_off_topic_question_is_not_covered(bundled_index):
    answer = bundled_index.ask("How long should a sourdough starter ferment?", mode="extractive")
    assert answer.abstained is True
    assert answer.outcome == "not_covered"
    assert answer.text == NO_ANSWER
    assert answer.citations == []
    assert {s.role for s in answer.sources} <= {"closest", ""}


def test_an_answerable_fact_cites_only_papers_that_hold_it(bundled_index):
    question = "How many tokens of English and Chinese text went into the Yi pretraining corpus?"
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.outcome == "answered" and answer.abstained is False
    assert "3.1 trillion" in answer.text
    assert YI_TITLE in {c.title for c in answer.citations}
    abstracts = {h.paper_id: h.abstract for h in bundled_index.search(question, k=20).hits}
    for citation in answer.citations:
        assert "3.1 trillion" in abstracts[citation.paper_id], citation.title
    assert all(s.role == ("support" if s.cited else "") for s in answer.sources)
    assert answer.uncited_sentences == [] and answer.dropped_markers == []


UNLIMIFORMER = "Unlimiformer: Long-Range Transformers with Unlimited Length Input"


@pytest.mark.parametrize(
    ("history", "follow_up", "title", "fact"),
    [
        (
            [
                {
                    "role": "user",
                    "content": "Which approach wraps any pretrained encoder-decoder transformer "
                    "and offloads attention to a single k-nearest-neighbor index?",
                },
                {
                    "role": "assistant",
                    "content": "Unlimiformer wraps a pretrained encoder-decoder transformer and "
                    "offloads the attention computation to a k-nearest-neighbor index.",
                },
            ],
            "Which pretrained models does it improve?",
            UNLIMIFORMER,
            "BART and Longformer",
        ),
        (
            [
                {"role": "user", "content": "What is the Yi model family?"},
                {
                    "role": "assistant",
                    "content": "Yi is a series of open language and multimodal models from "
                    "01.AI, based on 6B and 34B pretrained language models.",
                },
            ],
            "How many tokens was it pretrained on?",
            YI_TITLE,
            "3.1 trillion",
        ),
    ],
)
def test_a_follow_up_is_answered_from_the_paper_the_conversation_was_about(
    bundled_index, history, follow_up, title, fact
):
    answer = bundled_index.ask(follow_up, history=history, mode="extractive")
    assert answer.question == follow_up
    assert answer.outcome == "answered"
    assert fact in answer.text
    assert [c.title for c in answer.citations] == [title]

    # Asked alone, the same words are not answered from that paper: the conversation decides.
    alone = bundled_index.ask(follow_up, mode="extractive")
    assert title not in {c.title for c in alone.citations}


def test_a_follow_up_is_about_the_papers_the_previous_answer_cited_when_the_page_names_them(
    bundled_index,
):
    """The chat page sends the cited papers' ids with each answer: a follow-up after an answer
    whose words name nothing is still about the paper that answer cited."""
    from rag.records import paper_id_for

    history = [
        {"role": "user", "content": "Which method did the talk mention?"},
        {"role": "assistant", "content": "One method does this [1].",
         "papers": [paper_id_for(UNLIMIFORMER)]},
    ]  # fmt: skip
    answer = bundled_index.ask("Which pretrained models does it improve?", history=history,
                               mode="extractive")  # fmt: skip
    assert [c.title for c in answer.citations] == [UNLIMIFORMER]
    assert "BART and Longformer" in answer.text
    # The same words without the ids: nothing says which paper "it" is.
    del history[1]["papers"]
    guessed = bundled_index.ask("Which pretrained models does it improve?", history=history,
                                mode="extractive")  # fmt: skip
    assert UNLIMIFORMER not in [c.title for c in guessed.citations]


STACK = (
    "Stack Over-Flowing with Results: The Case for Domain-Specific Pre-Training Over "
    "One-Size-Fits-All Models"
)


def test_a_follow_up_without_a_pronoun_is_still_about_the_conversation(bundled_index):
    """ "the two models" refers back as surely as "they" does; a question naming something the
    conversation did not is a new one."""
    history = [
        {"role": "user", "content": "Has anyone pre-trained a BERT model on StackOverflow data?"},
        {
            "role": "assistant",
            "content": "Yes: SOBertBase and SOBertLarge are trained on StackOverflow data "
            "with Megatron-LM and compared with general-purpose models.",
        },
    ]
    answer = bundled_index.ask("How big are the two models?", history=history, mode="extractive")
    assert answer.outcome == "answered"
    assert "109M" in answer.text and "762M" in answer.text
    assert [c.title for c in answer.citations] == [STACK]
    # Without the conversation the same words find no such paper.
    alone = bundled_index.ask("How big are the two models?", mode="extractive")
    assert STACK not in {c.title for c in alone.citations}

    new = bundled_index.ask(
        "How many tokens was the Yi model family pretrained on?", history=history,
        mode="extractive",
    )  # fmt: skip
    assert [c.title for c in new.citations] == [YI_TITLE]


@pytest.mark.parametrize(
    ("question", "title", "facts"),
    [
        (
            "How many parameters do the tiny pre-trained time-series forecasters have, and which "
            "lightweight architecture underlies them?",
            "Tiny Time Mixers (TTMs): Fast Pre-trained Models for Enhanced Zero/Few-Shot "
            "Forecasting of Multivariate Time Series",
            ["1M", "TSMixer"],
        ),
        (
            "Which class of kernels generalizes relative position embeddings for length "
            "extrapolation, and which variant works best?",
            "KERPLE: Kernelized Relative Positional Embedding for Length Extrapolation",
            ["conditionally positive definite", "logarithmic"],
        ),
    ],
)
def test_each_part_of_a_compound_question_is_in_the_answer(bundled_index, question, title, facts):
    # The verdict reads the first clause found; the answer also states the other one, from the
    # same paper.
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.outcome == "answered"
    assert all(fact in answer.text for fact in facts), answer.text
    assert {c.title for c in answer.citations} == {title}


def test_which_after_a_preamble_asks_for_a_name():
    study = hit(
        9,
        "Continual Pre-Training of Large Language Models: How to (re)warm your model?",
        "We study the warmup phase of models pre-trained on web text as we continue to pre-train "
        "on new data, with all experiments using a linear warmup. We conduct all experiments on "
        "the Pythia 410M language model architecture.",
    )
    question = analyse(
        "In the study of re-warming when continuing pre-training, which model architecture were "
        "all experiments run on?"
    )
    statements = read(question, [study], answerable=True).statements
    assert [s.text for s in statements] == [
        "We conduct all experiments on the Pythia 410M language model architecture."
    ]


@pytest.mark.parametrize(("second_score", "read_papers"), [(0.95, [0, 1]), (0.6, [0])])
def test_a_paper_fused_well_below_the_best_is_not_read_for_a_fact(second_score, read_papers):
    # Retrieval's verdict is the same; a paper scoring far under the question's own paper is
    # about something else, and its figures answer some other question.
    question = analyse("How many parameters does the retriever have?")
    own = hit(0, "A retriever", "The retriever has 110M parameters.", 1.0)
    other = hit(1, "Retro", "Retro, a retriever, has 7.5B parameters.", second_score)
    evidence = read(question, [own, other], answerable=True)
    assert evidence.related == read_papers
    assert evidence.cited_papers() == read_papers


def test_a_follow_up_is_not_held_to_its_asking_verbs():
    # "did" is rare in abstracts, so it weighs heavily; in a short follow-up about a known
    # paper it would outweigh the words that matter.
    weights = {"did": 6.25}  # its weight in the bundled index; the other words weigh 2
    question = analyse(
        "In which situations did the conventional version actually hurt?",
        idf=lambda term: weights.get(term, 2.0),
    )
    question.context_papers = ["p0"]
    paper = hit(
        0,
        "Revisiting few-sample BERT fine-tuning",
        "We study BERT fine-tuning. The conventional method fails on sentence-pair tasks.",
    )
    evidence = read(question, [paper], answerable=True)
    assert evidence.outcome == "answered"
    assert "sentence-pair" in evidence.statements[0].text


def test_a_relative_reduction_does_not_state_an_absolute_error_rate():
    speech = hit(
        0,
        "Speech2C: Pre-Training Transformer Decoder for End-to-End ASR",
        "Speech2C relatively reduces the word error rate (WER) by 19.2% on LibriSpeech.",
    )
    asked = "What absolute word error rate does Speech2C get on LibriSpeech?"
    assert read(analyse(asked), [speech], answerable=True).outcome == "not_stated"
    relative = "By how much does Speech2C reduce the word error rate on LibriSpeech?"
    assert read(analyse(relative), [speech], answerable=True).outcome == "answered"


PHYSICIAN = hit(
    0,
    "Domain adaptation of LLMs for medicine",
    "We continually pretrain Llama-3-8B on medical text. The resulting model, "
    "Llama-3-Physician, beats open-source models on medical benchmarks.",
)


def test_a_follow_up_asking_what_a_model_was_called_is_answered_by_its_new_name():
    question = analyse("What was the model they built from Llama-3-8B called?")
    question.context_papers = ["p0"]
    evidence = read(question, [PHYSICIAN], answerable=True)
    assert evidence.outcome == "answered"
    assert "Llama-3-Physician" in evidence.statements[0].text


def test_a_name_the_last_answer_gave_answers_no_new_which_question():
    # After "GraphCLIP pretrains on graph summaries written with LLMs", "which LLM?" is not
    # answered by GraphCLIP, which the conversation already named.
    graph = hit(0, "GraphCLIP", "We propose GraphCLIP, pretrained on graph summaries.")
    question = analyse("Which LLM did they use to generate the graph summaries?")
    question.context_papers = ["p0"]
    question.said = frozenset({"graphclip", "pretrain", "graph", "summari", "llms"})
    assert read(question, [graph], answerable=True).outcome == "not_stated"
    question.said = frozenset()
    assert read(question, [graph], answerable=True).outcome == "answered"


def test_an_acronym_the_paper_only_spells_out_is_named_there():
    # "NMT" of the question, "neural machine translation" of the abstract.
    tags = hit(
        0,
        "Language Converter Strategy for zero-shot translation",
        "Multilingual neural machine translation models mark directions by a language tag. "
        "Placing the target tag on the encoder side leads to copying the source input.",
    )
    question = analyse("In multilingual NMT, what goes wrong when the tag is on the encoder side?")
    evidence = read(question, [tags], answerable=True)
    assert evidence.outcome == "answered"
    assert "copying" in evidence.statements[0].text
    assert not name_in("NMT", "a new model that translates")  # "that" spells nothing


def test_a_citations_year_is_no_score():
    invest = hit(
        0,
        "InvestLM: A Large Language Model for Investment",
        "We present InvestLM, tuned on LLaMA-65B (Touvron et al., 2023), using financial "
        "instructions. InvestLM does well on CFA exam questions and financial text.",
    )
    question = analyse("What score did InvestLM get on the CFA exam questions?")
    assert read(question, [invest], answerable=True).outcome == "not_stated"


def test_a_count_of_tasks_is_no_score_on_them():
    masking = hit(
        0,
        "Should You Mask 15% in Masked Language Modeling?",
        "With the original budget, our method outperforms RoBERTa for 6 out of 8 GLUE tasks.",
    )
    question = analyse("What average GLUE score does the 40% masking model report?")
    assert read(question, [masking], answerable=True).outcome == "not_stated"


@pytest.mark.parametrize(
    ("title", "abstract", "asked", "stated"),
    [
        # what a method saves is a change, given as a share near what it saves
        (
            "Vision-centric Token Compression in Large Language Model",
            "VIST compresses context with a vision encoder. VIST leads to comparable results "
            "with 16% fewer FLOPs and 50% less memory usage.",
            "How much memory does VIST save?",
            "50% less memory",
        ),
        # "how many times fewer" asks for a multiple, not a count
        (
            "BiBERT: Accurate Fully Binarized BERT",
            "We propose BiBERT, a fully binarized BERT. Our method yields impressive 56.3 times "
            "and 31.2 times saving on FLOPs and model size. It is trained on 8 GPUs.",
            "How many times fewer FLOPs does BiBERT need than full-precision BERT?",
            "56.3 times",
        ),
        # what a finding depends on is stated in words
        (
            "Large Language Models Struggle to Learn Long-Tail Knowledge",
            "We study how pre-training data shapes what LLMs know. We show that a language "
            "model's ability to answer a fact-based question relates to how many documents "
            "associated with that question were seen during pre-training.",
            "What determines whether a language model can answer a fact-based question?",
            "documents",
        ),
        # "Kinetics-400" written short, and "top-1" left unsaid
        (
            "VideoMAE V2: Scaling Video Masked Autoencoders with Dual Masking",
            "We scale VideoMAE with dual masking. Finally, we train a video ViT model with a "
            "billion parameters, which achieves a new state-of-the-art performance on the "
            "datasets of Kinetics (90.0% on K400 and 89.9% on K600).",
            "What top-1 accuracy does the billion-parameter video ViT reach on Kinetics-400?",
            "90.0% on K400",
        ),
        # "lowers" is said by "a decrease"
        (
            "POSIX: A Prompt Sensitivity Index For Large Language Models",
            "We propose POSIX, an index of prompt sensitivity. Adding few-shot exemplars leads to "
            "a significant decrease in prompt sensitivity.",
            "According to the POSIX study, what reliably lowers an LLM's prompt sensitivity?",
            "few-shot",
        ),
        # "the German RoBERTa model" describes the paper in words it never puts together
        (
            "GottBERT: a pure German Language Model",
            "Currently, no German single language RoBERTa model is yet published, which we "
            "introduce in this work (GottBERT). The German portion of the OSCAR data set was "
            "used as text corpus.",
            "Which text corpus was the German RoBERTa model GottBERT pretrained on?",
            "OSCAR",
        ),
        # "2.3 billion" is the "2.3B" asked about
        (
            "Prithvi WxC: Foundation Model for Weather and Climate",
            "We close this gap by introducing Prithvi WxC, a 2.3 billion parameter foundation "
            "model developed using 160 variables from the Modern-Era Retrospective Analysis for "
            "Research and Applications, Version 2 (MERRA-2). It is trained with a mixed "
            "objective that combines masked reconstruction with forecasting.",
            "Which reanalysis dataset supplied the 160 variables used to train the "
            "2.3B-parameter weather and climate foundation model Prithvi WxC?",
            "MERRA-2",
        ),
        # a figure "on WCM", the short name the abstract gives Weill Cornell
        (
            "AD-BERT: Using Pre-trained contextualized embeddings to Predict the Progression "
            "from Mild Cognitive Impairment to Alzheimer's Disease",
            "For replication, we conducted experiments on 2563 MCI patients identified at Weill "
            "Cornell Medicine (WCM). The AD-BERT model achieved AUC of 0.8170 on NMEDW dataset "
            "and AUC of 0.8830 on WCM dataset.",
            "What AUC did the BERT-based model reach on the Weill Cornell replication cohort?",
            "0.8830",
        ),
        # "how large is it?" after "what dataset ...?" measures the dataset
        (
            "Impossible Distillation: from Low-Quality Model to High-Quality Dataset & Model "
            "for Summarization and Paraphrasing",
            "We distill an order of magnitude smaller model (with only 770M parameters) that "
            "outperforms 175B parameter GPT-3. Furthermore, as a useful byproduct of our "
            "approach, we obtain DIMSUM+, a high-quality dataset with 3.4M sentence summaries "
            "and paraphrases.",
            "What dataset came out of Impossible Distillation, and how large is it?",
            "3.4M",
        ),
        # "how much money?" is answered by a sum, which counts no money by name
        (
            "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining",
            "When pretrained from scratch on C4, this base model achieves a GLUE score of 79.6 "
            "in 1.13 hours on 8 A100 GPUs at a cost of roughly $20. MosaicBERT base and large "
            "are Pareto optimal when compared to a competitive BERT base and large.",
            "Roughly how much money did it cost to pretrain MosaicBERT-base?",
            "$20",
        ),
        # ", and with how many epochs?" asks a second figure of its own
        (
            "Mimic before Reconstruct: Enhancing Masked Autoencoders with Feature Mimicking",
            "MR-MAE employs a mimic loss over 25% visible tokens. On ImageNet-1K, the MR-MAE "
            "base pre-trained for only 400 epochs achieves 85.8% top-1 accuracy after "
            "fine-tuning.",
            "What ImageNet-1K top-1 accuracy did the MR-MAE base model reach after fine-tuning, "
            "and with how many pretraining epochs?",
            "85.8%",
        ),
        # "trivial heuristics" are "simple baselines"; "compare" is "match"
        (
            "Benchmarking Language Models for Code Syntax Understanding",
            "We introduce CodeSyntax, a dataset of programs annotated with syntactic relations. "
            "Existing language models pretrained on code still lack the understanding of code "
            "syntax. These pre-trained programming language models fail to match the "
            "performance of simple baselines based on positional offsets and keywords.",
            "On the CodeSyntax benchmark, how do code-pretrained language models compare with "
            "trivial heuristics at identifying program syntax structure?",
            "positional offsets",
        ),
        # a size in bytes counts no thing: the corpus "is a 6GB subset", not "6GB of corpus"
        (
            "The MiniPile Challenge for Data-Efficient Language Models",
            "We present The MiniPile Challenge, where one pre-trains a language model on a "
            "diverse text corpus containing at most 1M documents. MiniPile is a 6GB subset of "
            "the deduplicated 825GB The Pile corpus. We pre-train BERT and T5 on it, yielding "
            "a performance drop of only 1.9%/2.5% compared to checkpoints trained on 2.6x/745x "
            "the amount of data.",
            "How large is the MiniPile corpus in gigabytes?",
            "6GB",
        ),
        # "how much ... saving" asks for a change: "56.3 times ... saving on FLOPs"
        (
            "BiBERT: Accurate Fully Binarized BERT",
            "Binarization extremely reduces the computation and memory consumption by "
            "utilizing 1-bit parameters. As the first fully binarized BERT, our method yields "
            "impressive 56.3 times and 31.2 times saving on FLOPs and model size.",
            "How much FLOPs and model-size saving does the fully binarized BiBERT achieve?",
            "56.3 times",
        ),
        # "how many of the Nucleotide Transformer ... tasks" counts tasks, not the benchmark
        (
            "Omni-DNA: A Unified Genomic Foundation Model for Cross-Modal and Multi-Task Learning",
            "We introduce Omni-DNA, a family of models ranging from 20 million to 1 billion "
            "parameters. When evaluated on the Nucleotide Transformer and GB benchmarks, "
            "Omni-DNA achieves state-of-the-art performance on 18 out of 26 tasks.",
            "On how many of the Nucleotide Transformer and GB benchmark tasks did Omni-DNA "
            "reach state of the art?",
            "18 out of 26",
        ),
        # a count written in words past "twelve" is still a count
        (
            "Cross the Gap: Exposing the Intra-modal Misalignment in CLIP via Modality Inversion",
            "We argue that CLIP's contrastive loss leads to intra-modal misalignment. Approaching "
            "image-to-image retrieval inter-modally improves performance with respect to "
            "intra-modal baselines on more than fifteen datasets.",
            "On how many datasets did inter-modal retrieval beat the intra-modal baselines?",
            "fifteen datasets",
        ),
        # a gap is a difference
        (
            "Quantifying Language Models' Sensitivity to Spurious Features in Prompt Design",
            "We focus on LLM sensitivity to prompt formatting. Several open-source LLMs are "
            "sensitive to subtle changes in prompt formatting, with performance differences of "
            "up to 76 accuracy points when evaluated using LLaMA-2-13B.",
            "What was the largest gap between prompt formats the authors observed?",
            "76 accuracy points",
        ),
        # ... and so is a drop against the model compared with
        (
            "Asymmetric Conflict and Synergy in Post-training for LLM-based Multilingual MT",
            "We propose a direction-aware training approach. Our method achieves comparable "
            "performance to XALMA-13B (only SFT) with just 0.85 COMET drop on Flores-200.",
            "How big was the COMET gap between their model and the SFT-only XALMA-13B?",
            "0.85 COMET drop",
        ),
        # a frame rate is given in FPS
        (
            "PredFormer: Transformers Are Effective Spatial-Temporal Predictive Learners",
            "This paper proposes PredFormer, a pure transformer-based framework. For TaxiBJ, "
            "the model decreases MSE by 33.1% and boosts FPS from 533 to 2364.",
            "On TaxiBJ, what frame rate does PredFormer reach?",
            "2364",
        ),
        # a throughput is given in FLOPs
        (
            "Megatron-LM: Training Multi-Billion Parameter Language Models Using Model Parallelism",
            "We converge transformer based models up to 8.3 billion parameters using 512 GPUs. We "
            "sustain 15.1 PetaFLOPs across the entire application with 76% scaling efficiency.",
            "What aggregate throughput did Megatron-LM sustain?",
            "15.1 PetaFLOPs",
        ),
    ],
)
def test_the_sentence_that_states_it(title, abstract, asked, stated):
    evidence = read(analyse(asked), [hit(0, title, abstract)], answerable=True)
    assert evidence.outcome == "answered"
    assert stated in evidence.statements[0].text


def test_so_many_things_are_stated_by_the_numbered_items_after_them():
    title = "LLMs are Also Effective Embedding Models: An In-depth Overview"
    abstract = (
        "This survey covers LLM-based embedding models through two main strategies to derive "
        "embeddings from LLMs. 1) Direct prompting: We discuss the prompt designs. 2) "
        "Data-centric tuning: We cover what affects tuning an embedding model. Lastly, we "
        "highlight the challenges."
    )
    asked = "What are the two main strategies the survey describes for getting embeddings?"
    evidence = read(analyse(asked), [hit(0, title, abstract)], answerable=True)
    assert evidence.outcome == "answered"
    stated = evidence.statements[0].text
    assert "Direct prompting" in stated and "Data-centric tuning" in stated


def test_based_on_names_a_base_model():
    legal = hit(
        0,
        "TransformLLM: Adapting LLMs via transformed reading comprehension text",
        "We have developed Phi-2-Legal and Mistral-Legal-7B for legal applications. These models "
        "are based on Phi-2 and Mistral-7B-v0.1 and were pre-trained further on legal texts.",
    )
    question = analyse("Which base models did they start from?")
    question.context_papers = ["p0"]
    evidence = read(question, [legal], answerable=True)
    assert evidence.outcome == "answered"
    assert "based on Phi-2" in evidence.statements[0].text


def test_an_acronym_the_last_answer_spelled_out_is_no_new_name():
    gector = hit(
        0,
        "GECToR -- Grammatical Error Correction: Tag, Not Rewrite",
        "We present a simple and efficient GEC sequence tagger using a Transformer encoder.",
    )
    said = "GECToR treats grammatical error correction as tagging with a Transformer encoder."
    question = analyse("Which pretrained encoder did they find works best as the backbone?")
    question.context_papers = ["p0"]
    question.said = frozenset(tokenize(said)) | spelled_acronyms(said)
    assert read(question, [gector], answerable=True).outcome == "not_stated"
    question.said = frozenset(tokenize(said))
    assert read(question, [gector], answerable=True).outcome == "answered"


def test_trainable_parameters_are_not_the_total():
    kind = hit(
        0,
        "KIND: Knowledge Integration and Diversion in Diffusion Models",
        "KIND improves FID on DiT-L/2, utilizing only 45.4M trainable parameters.",
    )
    total = "How many parameters does KIND's DiT-L/2 diffusion transformer have in total?"
    assert read(analyse(total), [kind], answerable=True).outcome == "not_stated"
    trainable = "How many trainable parameters does KIND use on DiT-L/2?"
    assert read(analyse(trainable), [kind], answerable=True).outcome == "answered"


def test_an_accuracy_gain_is_a_margin_over_the_baselines():
    forecast = hit(
        0,
        "Forecasting with a pretrained time-series model",
        "We pretrain a forecasting model. TTM shows significant accuracy gains (12-38%) over "
        "popular benchmarks in few/zero-shot forecasting.",
    )
    question = analyse("How large are its accuracy gains over popular benchmarks?")
    question.context_papers = ["p0"]
    evidence = read(question, [forecast], answerable=True)
    assert evidence.outcome == "answered"
    assert "12-38%" in evidence.statements[0].text


def test_a_method_proposed_in_a_numbered_list_is_the_papers_own():
    jrt = hit(
        0,
        "Just read twice: closing the recall gap for recurrent language models",
        "Recurrent LMs struggle to recall. Towards that end, we propose: (1) JRT-Prompt, where "
        "context gets repeated. This gives 11.0 points of improvement, averaged across 16 LMs.",
    )
    asked = "How many points of improvement does JRT-Prompt give, and how fast is it?"
    evidence = read(analyse(asked), [jrt], answerable=True)
    assert evidence.outcome == "answered"
    assert "11.0 points" in evidence.statements[0].text


@pytest.mark.parametrize(
    ("title", "abstract", "asked"),
    [
        # a second clause counts what the first one does: "6 trillion tokens" are no parameters
        (
            "DeepSeek-Coder-V2: Breaking the Barrier of Closed-Source Models in Code Intelligence",
            "DeepSeek-Coder-V2 is further pre-trained from an intermediate checkpoint of "
            "DeepSeek-V2 with additional 6 trillion tokens.",
            "How many total parameters does DeepSeek-V2 have, and how many are activated per "
            "token?",
        ),
        # a margin over a baseline is no score
        (
            "InstructRetro: Instruction Tuning post Retrieval-Augmented Pretraining",
            "We pretrain Retro 48B. The average improvement of InstructRetro is 7% over its GPT "
            "counterpart across 8 short-form QA tasks.",
            "What validation perplexity does Retro 48B reach?",
        ),
        # a survey's sections are no count of its papers
        (
            "Continual Learning of Large Language Models: A Comprehensive Survey",
            "This survey is structured into four main sections. We summarize three stages of "
            "continual learning of LLMs.",
            "How many papers does the comprehensive survey on continual learning of LLMs cover?",
        ),
        # "it" of a later clause is TinyBERT: "30% faster" of DistilGPT2 does not state it
        (
            "Compressing GPT-2 with low-rank factors",
            "TinyBERT and BERT-base are strong baselines. When compressing GPT2, our model "
            "outperforms DistilGPT2 while being 60% smaller and 30% faster.",
            "How many parameters does TinyBERT have, and how much faster than BERT-base is it?",
        ),
        # the model is the subject of a relative clause: the figure must be Gemini's own
        (
            "DeepSeek-Coder-V2: Breaking the Barrier of Closed-Source Models in Code Intelligence",
            "DeepSeek-Coder-V2 extends the context length from 16K to 128K. It beats "
            "closed-source models such as GPT4-Turbo and Gemini 1.5 Pro in coding benchmarks.",
            "What is the maximum context length that Gemini 1.5 Pro supports?",
        ),
        # a cost in dollars is not a share of the carbon footprint
        (
            "OPT: Open Pre-trained Transformer Language Models",
            "We present OPT. We show that OPT-175B is comparable to GPT-3, while requiring only "
            "1/7th the carbon footprint to develop.",
            "How much did it cost in dollars to train GPT-3?",
        ),
        # "We" after a colon names no model
        (
            "Holistic Evaluation of Language Models",
            "We present HELM. Second, we adopt a multi-metric approach: We measure 7 metrics "
            "(accuracy, calibration, robustness) for each of 16 core HELM scenarios.",
            "Which language model ranked highest on accuracy across the HELM core scenarios?",
        ),
        # an algorithm answers no "which LLM"
        (
            "From RAG to Memory: Non-Parametric Continual Learning for Large Language Models",
            "We propose HippoRAG 2. HippoRAG 2 builds upon the Personalized PageRank algorithm "
            "used in HippoRAG and enhances it with more effective online use of an LLM.",
            "Which LLM does HippoRAG 2 use for its online retrieval and filtering steps?",
        ),
        # "the Pile, (2) cluster" is no name "Pile 2": a list's numbering names no model
        (
            "The MiniPile Challenge for Data-Efficient Language Models",
            "To curate MiniPile, we (1) infer embeddings for all documents of the Pile, (2) "
            "cluster the embedding space using k-means, and (3) filter out low-quality clusters.",
            "Which embedding model was used to embed the Pile documents for MiniPile?",
        ),
        # quoted examples and scare quotes name no model
        (
            "Rephrasing the Web: A Recipe for Compute and Data-Efficient Language Modeling",
            "We propose WRAP that uses an off-the-shelf instruction-tuned model prompted to "
            'paraphrase documents in specific styles such as "like Wikipedia" or in '
            "\"question-answer format\". WRAP on C4 has higher 'quality' than web data.",
            "Which instruction-tuned model did WRAP use to rephrase the C4 web documents?",
        ),
        # "what value of tau?" asks for tau, not for any figure near "iterations"
        (
            "SpacTor-T5: Pre-training T5 Models with Span Corruption and Replaced Token Detection",
            "SpacTor is a two-stage curriculum that optimizes the hybrid objective over the "
            "initial tau iterations. SpacTor-T5 yields the same downstream performance as "
            "standard SC pre-training, while enabling a 50% reduction in pre-training iterations.",
            "What value of tau, the number of hybrid-objective iterations before switching to "
            "span corruption, does SpacTor-T5 use?",
        ),
        # an absolute score is not a gain
        (
            "Empowering Large Language Models to Set up a Knowledge Retrieval Indexer via "
            "Self-Learning",
            "We propose PG-RAG. In single-document tasks, PG-RAG outperformed the best baseline. "
            "Specifically, its BLEU score increased by approximately 14.3%.",
            "What absolute BLEU score does PG-RAG reach in the single-document setting?",
        ),
        # scores on AudioCaps and Clotho are none on MACS
        (
            "CoNeTTE: An efficient Audio Captioning system leveraging multiple datasets with "
            "Task Embedding",
            "We train on the AudioCaps (AC) dataset and Clotho (CL). We combined multiple AAC "
            "datasets (AC, CL, MACS, WavCaps) for training. The resulting model, named CoNeTTE, "
            "achieved SPIDEr scores of 44.1% and 30.5% on AC and CL, respectively.",
            "What SPIDEr score does CoNeTTE achieve on the MACS dataset?",
        ),
        # "non-LLM based generation models" names no LLM
        (
            "Generating Images with Multimodal Language Models",
            "Our method grounds a frozen LLM to an off-the-shelf text-to-image model "
            "via a mapping network. It outperforms non-LLM based generation models across "
            "several text-to-image tasks.",
            "In the work that grounds a frozen LLM to an off-the-shelf text-to-image model via a "
            "mapping network, which LLM and which image generator did they use?",
        ),
        # ROUGE in XSUM is none on CNN/DailyMail
        (
            "ELMER: A Non-Autoregressive Pre-trained Language Model for Efficient and Effective "
            "Text Generation",
            "We propose ELMER and test it on XSUM, CNN/DailyMail and SQuAD. ELMER narrows the "
            "gap with AR PLMs (ELMER (29.92) vs BART (30.61) ROUGE-L in XSUM) while achieving "
            "over 10 times inference speedup.",
            "What ROUGE scores does ELMER get on CNN/DailyMail?",
        ),
        # a model answers no "which corpus"
        (
            "InstructRetro: Instruction Tuning post Retrieval-Augmented Pretraining",
            "We introduce Retro 48B. Specifically, we continue to pretrain the 43B GPT model on "
            "additional 100 billion tokens using the Retro augmentation method by retrieving "
            "from 1.2 trillion tokens.",
            "Which text corpus makes up the 1.2-trillion-token retrieval database used to build "
            "Retro 48B for InstructRetro?",
        ),
        # "the context window Gemini 1.5 Pro supports" is Gemini's, not the paper model's
        (
            "DeepSeek-Coder-V2: Breaking the Barrier of Closed-Source Models in Code Intelligence",
            "We present DeepSeek-Coder-V2, an open-source code language model. Additionally, "
            "DeepSeek-Coder-V2 extends the context length from 16K to 128K. It achieves superior "
            "performance compared to GPT4-Turbo, Claude 3 Opus, and Gemini 1.5 Pro.",
            "What is the longest context window Gemini 1.5 Pro supports?",
        ),
        # GraphCodeBERT as the encoder: the score is the paper's model's
        (
            "Split, Encode and Aggregate for Long Code Search",
            "Code search plays a crucial role in software development. With GraphCodeBERT as the "
            "encoder, SEA achieves an overall mean reciprocal ranking score of 0.785, which is "
            "10.1% higher than GraphCodeBERT on the CodeSearchNet benchmark.",
            "What MRR did GraphCodeBERT achieve on the CodeSearchNet code search benchmark?",
        ),
        # a saving reported on BERT is not the one asked for GPT-2, a backbone listed with it
        (
            "DSEE: Dually Sparsity-embedded Efficient Tuning of Pre-trained Language Models",
            "We test DSEE with backbones BERT, RoBERTa and GPT-2. For instance, DSEE saves about "
            "25% inference FLOPs with 0.5% trainable parameters on BERT.",
            "How many inference FLOPs does DSEE save when applied to GPT-2?",
        ),
        # shares of a budget and the masking rate are no GLUE score
        (
            "Mask More and Mask Later: Efficient Pre-training of Masked Language Models",
            "By increasing the masking rate from 15% to 50%, we pre-train RoBERTa-base and "
            "RoBERTa-large with only 78% and 68% of the original computational budget without "
            "degradation on the GLUE benchmark.",
            "What GLUE score did RoBERTa-large reach?",
        ),
        # "the best RoBERTa model" is the subject: the paper's own base model is not it
        (
            "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining",
            "The recipe adds best practices from RoBERTa. When pretrained from scratch on C4, "
            "this base model achieves an average GLUE score of 79.6.",
            "What exact GLUE benchmark score did the best RoBERTa model achieve?",
        ),
        # a GPU's memory and a training time are no size of the corpus in gigabytes
        (
            "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining",
            "When pretrained from scratch on the C4 dataset, this base model achieves a GLUE "
            "score of 79.6 in 1.13 hours on 8 A100 80 GB GPUs.",
            "How large is the C4 corpus in gigabytes?",
        ),
        (
            "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining",
            "When pretrained from scratch on the C4 dataset, this base model achieves a GLUE "
            "score of 79.6 in 1.13 hours on 8 A100 80 GB GPUs.",
            "How big is the C4 dataset in GB?",
        ),
        # "how much of BERT's performance?" asks for a share, not a count of architectures
        (
            "Prune Once for All: Sparse Pre-Trained Language Models",
            "We demonstrate our method with three known architectures to create sparse "
            "pre-trained BERT-Base, BERT-Large and DistilBERT.",
            "How much of BERT's performance does DistilBERT retain?",
        ),
        # what the number of languages goes from and to is no score on MATH
        (
            "DeepSeek-Coder-V2: Breaking the Barrier of Closed-Source Models in Code Intelligence",
            "DeepSeek-Coder-V2 expands its support for programming languages from 86 to 338, "
            "while extending the context length from 16K to 128K. It achieves superior "
            "performance compared to closed-source models in coding benchmarks and MATH.",
            "What score does DeepSeek-Coder-V2 achieve on the MATH benchmark?",
        ),
        # a date is asked for: a paper comparing with ChatGPT gives none
        (
            "Representation Learning for Stack Overflow Posts",
            "Models in OpenAI's GPT series now dwarf Google's BERT and Meta's RoBERTa. We "
            "compare our models with general-purpose BERT models and OpenAI's ChatGPT on four "
            "SO-specific downstream tasks.",
            "In which month and year did OpenAI release ChatGPT to the public?",
        ),
        # a figure per block is asked for: a context length counts tokens, but not per block
        (
            "Landmark Attention: Random-Access Infinite Context Length for Transformers",
            "Our method uses a landmark token to represent each block of the input. Fine-tuning "
            "LLaMA 7B with our method extends its context length capacity up to 32k tokens.",
            "How many tokens make up each block that Landmark Attention represents with a "
            "single landmark token?",
        ),
        # shapes_t/u: "4 benchmark datasets" counts datasets, no points of accuracy
        (
            "Rethinking the Role of Pre-Trained Networks in Source-Free Domain Adaptation",
            "We propose a co-learning strategy to improve target pseudolabel quality. "
            "Evaluation on 4 benchmark datasets show that our proposed strategy improves "
            "adaptation performance.",
            "How many points of target pseudolabel accuracy does the co-learning strategy in "
            "'Rethinking the Role of Pre-Trained Networks in Source-Free Domain Adaptation' add?",
        ),
        # the names of the datasets are asked for: their domains name none
        (
            "What are the Desired Characteristics of Calibration Sets? Identifying Correlates on "
            "Long Form Scientific Summarization",
            "On three diverse scientific long-form summarization datasets (spanning biomedical, "
            "clinical, and chemical domains), we find that faithfulness calibration is optimal.",
            "What are the names of the three scientific long-form summarization datasets used to "
            "study calibration sets in 'What are the Desired Characteristics of Calibration Sets?'",
        ),
        # the asked name spelled out is no other name; "PLM-based" of "(PLMs)" names nothing
        (
            "Aligning Instruction Tuning with Pre-training",
            "We propose Aligning Instruction Tuning with Pre-training (AITP), a method that "
            "rewrites underrepresented pre-training data into instruction-response pairs.",
            "Which pre-training corpus did AITP take the underrepresented data from?",
        ),
        (
            "Dense Text Retrieval based on Pretrained Language Models: A Survey",
            "The recent success of pretrained language models (PLMs) sheds light on text "
            "retrieval. In this survey, we review the recent advances on PLM-based dense "
            "retrieval, and release a toolkit for implementing dense retrieval models.",
            "What is the name of the dense retrieval toolkit released alongside the survey "
            "'Dense Text Retrieval based on Pretrained Language Models'?",
        ),
        # "a 3D reconstruction" says what kind of thing, no figure
        (
            "Visual Language Maps for Robot Navigation",
            "We propose VLMaps, a spatial map representation that fuses pretrained "
            "visual-language features with a 3D reconstruction of the physical world.",
            "VLMaps real-world navigation success rate",
        ),
        # shapes_zb: a model's size is no reduction
        (
            "Quantifying Variance in Evaluation Benchmarks",
            "We find that simple changes can often reduce variance for smaller scale (~7B) "
            "models, while item response theory struggles to meaningfully reduce variance.",
            "By how much did item response theory reduce benchmark variance in 'Quantifying "
            "Variance in Evaluation Benchmarks'?",
        ),
    ],
)
def test_a_neighbouring_figure_is_not_stated(title, abstract, asked):
    assert read(analyse(asked), [hit(0, title, abstract)], answerable=True).outcome == "not_stated"


def test_an_acronym_the_abstract_defines_says_the_words_it_stands_for():
    jmla = hit(
        0,
        "Joint Music and Language Attention Models for Zero-shot Music Tagging",
        "We propose a zero-shot music tagging system modeled by a joint music and language "
        "attention (JMLA) model. The JMLA model consists of an audio encoder modeled by a "
        "pretrained masked autoencoder and a decoder modeled by a Falcon7B.",
    )
    asked = (
        "Which large language model serves as the decoder in the joint music and language "
        "attention model for zero-shot music tagging?"
    )
    evidence = read(analyse(asked), [jmla], answerable=True)
    assert any("Falcon7B" in statement.text for statement in evidence.statements)


def test_an_acronyms_words_name_no_head():
    """ "Which translation model?" is not answered by "MNMT models lag behind LLMs", though
    MNMT stands for multilingual neural machine translation."""
    mitre = hit(
        0,
        "Registering Source Tokens to Target Language Spaces in Multilingual Neural Machine "
        "Translation",
        "The multilingual neural machine translation (MNMT) enables arbitrary translations. "
        "However, the performance of such MNMT models still lags behind that of large language "
        "models (LLMs).",
    )
    asked = "Which larger model did their released models outperform?"
    assert read(analyse(asked), [mitre], answerable=True).outcome == "not_stated"


def test_a_version_in_a_language_is_no_model_of_its_own():
    ernie = hit(
        0,
        "ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training",
        "We propose ERNIE 3.0 and train it with 10 billion parameters on a 4TB corpus. The "
        "model outperforms the state of the art on 54 Chinese NLP tasks, and its English "
        "version achieves the first place on the SuperGLUE benchmark, surpassing the human "
        "performance by +0.8% (90.6% vs. 89.8%).",
    )
    asked = "What SuperGLUE score did the English version of the ERNIE model obtain?"
    evidence = read(analyse(asked), [ernie], answerable=True)
    assert evidence.outcome == "answered"
    assert "90.6%" in evidence.statements[0].text


def test_code_and_a_llama_are_no_code_llama():
    arctic = hit(
        0,
        "Arctic-SnowCoder: Demystifying High-Quality Data in Code Pretraining",
        "We introduce Arctic-SnowCoder-1.3B, a base code model pretrained on 555B tokens: 500B "
        "standard-quality code tokens and 5B synthetic data created by Llama-3.1-70B.",
    )
    asked = "How many tokens was Code Llama trained on?"
    assert read(analyse(asked), [arctic], answerable=True).outcome == "not_covered"


def test_a_name_of_plain_words_is_named_only_where_they_stand_together():
    """ "In-Context Pretraining" is not named by "continual pretraining ... long-context"."""
    long_context = hit(
        0,
        "Effective Long-Context Scaling of Foundation Models",
        "We present long-context LLMs with context windows of up to 32,768 tokens, built "
        "through continual pretraining in long texts.",
    )
    in_context = hit(
        1,
        "In-Context Pretraining: Language Modeling Beyond Document Boundaries",
        "We propose In-Context Pretraining, where models are pretrained on sequences of "
        "related documents.",
    )
    asked = "How many training tokens were used in the In-Context Pretraining experiments?"
    assert read(analyse(asked), [long_context, in_context], answerable=True).outcome == (
        "not_stated"
    )


def test_the_tasks_counted_are_not_the_models_the_results_go_on_to_name():
    diet = hit(
        0,
        "Diet Code Is Healthy: Simplifying Programs for Pre-trained Models of Code",
        "We propose DietCode for CodeBERT. Experimental results on two downstream tasks show "
        "that DietCodeBERT provides comparable results to CodeBERT with 40% less cost.",
    )
    asked = "Which two downstream tasks did they evaluate DietCode on?"
    assert read(analyse(asked), [diet], answerable=True).outcome == "not_stated"


def test_an_acronym_the_abstract_spells_out_in_plain_words_names_no_model():
    """ "Retrieval-augmented generation (RAG)" is a method: "this RAG system" names no model."""
    hippo = hit(
        0,
        "From RAG to Memory: Non-Parametric Continual Learning for Large Language Models",
        "Our ability to continuously acquire, organize, and leverage knowledge is a key "
        "feature of human intelligence that AI systems must approximate to unlock their "
        "full potential. Given the challenges in continual learning with large language "
        "models (LLMs), retrieval-augmented generation (RAG) has become the dominant way "
        "to introduce new information. However, its reliance on vector retrieval hinders "
        "its ability to mimic the dynamic and interconnected nature of human long-term "
        "memory. Recent RAG approaches augment vector embeddings with various structures "
        "like knowledge graphs to address some of these gaps, namely sense-making and "
        "associativity. However, their performance on more basic factual memory tasks "
        "drops considerably below standard RAG. We address this unintended deterioration "
        "and propose HippoRAG 2, a framework that outperforms standard RAG "
        "comprehensively on factual, sense-making, and associative memory tasks. HippoRAG "
        "2 builds upon the Personalized PageRank algorithm used in HippoRAG and enhances "
        "it with deeper passage integration and more effective online use of an LLM. This "
        "combination pushes this RAG system closer to the effectiveness of human "
        "long-term memory, achieving a 7% improvement in associative memory tasks over "
        "the state-of-the-art embedding model while also exhibiting superior factual "
        "knowledge and sense-making memory capabilities. This work paves the way for "
        "non-parametric continual learning for LLMs. Our code and data will be released "
        "at https://github.com/OSU-NLP-Group/HippoRAG.",
    )
    asked = "Which embedding model did they use as the retriever backbone?"
    assert _follow_up(asked, hippo).outcome == "not_stated"


def test_how_much_faster_is_not_answered_by_a_count_of_architectures():
    prune = hit(
        0,
        "Prune Once for All: Sparse Pre-Trained Language Models",
        "Transformer-based language models are applied to a wide range of applications in "
        "natural language processing. However, they are inefficient and difficult to "
        "deploy. In recent years, many compression algorithms have been proposed to "
        "increase the implementation efficiency of large Transformer-based models on "
        "target hardware. In this work we present a new method for training sparse "
        "pre-trained Transformer language models by integrating weight pruning and model "
        "distillation. These sparse pre-trained models can be used to transfer learning "
        "for a wide range of tasks while maintaining their sparsity pattern. We "
        "demonstrate our method with three known architectures to create sparse "
        "pre-trained BERT-Base, BERT-Large and DistilBERT. We show how the compressed "
        "sparse pre-trained models we trained transfer their knowledge to five different "
        "downstream natural language tasks with minimal accuracy loss. Moreover, we show "
        "how to further compress the sparse models' weights to 8bit precision using "
        "quantization-aware training. For example, with our sparse pre-trained BERT-Large "
        "fine-tuned on SQuADv1.1 and quantized to 8bit we achieve a compression ratio of "
        "40X for the encoder with less than 1% accuracy loss. To the best of our "
        "knowledge, our results show the best compression-to-accuracy ratio for "
        "BERT-Base, BERT-Large, and DistilBERT.",
    )
    asked = "How many parameters does DistilBERT have, and how much faster is it than BERT-base?"
    assert read(analyse(asked), [prune], answerable=True).outcome == "not_stated"


def test_a_model_bound_to_its_own_figure_owns_no_other():
    prox = hit(
        0,
        "Programming Every Example: Lifting Pre-training Data Quality like Experts at Scale",
        "ProX refines pre-training data. It improves average accuracy by 7.6% over Mistral-7B, "
        "with 14.6% for Llama-2-7B, all within 10B tokens.",
    )
    asked = "How many tokens was Llama 2 pretrained on?"
    assert read(analyse(asked), [prox], answerable=True).outcome == "not_stated"
    llama = hit(1, "Llama 2: Open Foundation Models", "Llama 2 was pretrained on 2T tokens.")
    assert read(analyse(asked), [llama], answerable=True).outcome == "answered"


def _follow_up(asked: str, paper: Hit):
    """What ``paper``, the conversation's, states about the follow-up ``asked``."""
    question = analyse(asked)
    question.context_papers = [paper.paper_id]
    return read(question, [paper], answerable=True)


@pytest.mark.parametrize(
    ("title", "abstract", "asked", "stated"),
    [
        # "77 tokens" counts tokens, no gain in points
        (
            "TULIP: Token-length Upgraded CLIP",
            "We propose TULIP for CLIP-like models. By effectively encoding captions longer than "
            "the default 77 tokens, our model outperforms baselines on cross-modal retrieval.",
            "By how many points does it improve recall@1 on long-caption retrieval?",
            None,
        ),
        # a size glued to its unit
        (
            "The MiniPile Challenge for Data-Efficient Language Models",
            "We present The MiniPile Challenge. MiniPile is a 6GB subset of the deduplicated "
            "825GB The Pile corpus.",
            "How big is it on disk?",
            "6GB",
        ),
        # "how many additional": a share of them will do
        (
            "HMT: Hierarchical Memory Transformer for Long Context Language Processing",
            "We propose HMT. With an additional 0.5% - 2% of parameters, HMT can easily plug in "
            "and augment future LLMs.",
            "How many additional parameters does it need?",
            "0.5%",
        ),
        # the measure word before a colon, the figure after it
        (
            "RetroMAE: Pre-Training Retrieval-oriented Language Models Via Masked Auto-Encoder",
            "RetroMAE is highlighted by three critical designs. 3) Asymmetric masking ratios, "
            "with a moderate ratio for encoder: 15~30%, and an aggressive ratio for decoder: "
            "50~70%.",
            "What masking ratio do they apply on the decoder side?",
            "50~70%",
        ),
        # "came out on top" is said by "outperforms"
        (
            "KLUE: Korean Language Understanding Evaluation",
            "We release KLUE-BERT and KLUE-RoBERTa to help reproducing baseline models. First, "
            "we find KLUE-RoBERTa-large outperforms other baselines, including multilingual PLMs.",
            "Which of their baseline models came out on top?",
            "KLUE-RoBERTa-large",
        ),
        # "swapped out" is said by "replaced"
        (
            "Hybrid Transducer and Attention based Encoder-Decoder Modeling for Speech-to-Text "
            "Tasks",
            "In the proposed framework, Transducer and AED share the same speech encoder. The "
            "predictor in Transducer is replaced by the decoder in the AED model.",
            "Which component of the Transducer gets swapped out for the AED decoder?",
            "predictor",
        ),
        # mask AP is a score: neither a parameter count nor a CIDEr on another benchmark
        (
            "Tokenize Anything via Prompting",
            "We present a promptable model capable of segmenting, recognizing, and captioning "
            "anything. We train it with massive segmentation masks, e.g., SA-1B masks, and "
            "semantic "
            "priors from a pre-trained CLIP model with 5 billion parameters. An additional "
            "38M-parameter causal text decoder sets a new record with a CIDEr score of 150.7 on "
            "the Visual Genome region captioning task.",
            "What mask AP does it get on COCO instance segmentation?",
            None,
        ),
    ],
)
def test_the_kind_of_figure_a_follow_up_asks_for(title, abstract, asked, stated):
    evidence = _follow_up(asked, hit(0, title, abstract))
    assert evidence.outcome == ("answered" if stated else "not_stated")
    assert stated is None or stated in evidence.statements[0].text


def test_a_symbol_or_a_term_of_the_trade_names_no_benchmark():
    nci = hit(
        0,
        "Learning Conditional Invariances through Non-Commutativity",
        "We prove that non-commutativity steers the optimization towards Phi^*_tau instead of "
        "varphi^*, bringing the H-divergence between domains down to zero. Experiments show "
        "that non-commutative invariance (NCI) surpasses SOTA invariance learning algorithms "
        "for domain adaptation.",
    )
    asked = "Which domain adaptation benchmarks was non-commutative invariance (NCI) evaluated on?"
    assert read(analyse(asked), [nci], answerable=True).outcome == "not_stated"
    named = hit(0, nci.title, nci.abstract + " We evaluate NCI on the DomainBed benchmarks.")
    assert read(analyse(asked), [named], answerable=True).outcome == "answered"


def test_names_listed_as_benchmarks_answer_no_which_model():
    ada = hit(
        0,
        "Ada-LEval: Evaluating long-context LLMs with length-adaptable benchmarks",
        "Existing long-text evaluation benchmarks, such as L-Eval and LongBench, construct "
        "long-text test sets based on open-source datasets. We introduce Ada-LEval, with a "
        "TSort subset, and evaluate 4 state-of-the-art closed-source models "
        "at up to 128k tokens.",
    )
    asked = "Which closed-source model scored highest on Ada-LEval's TSort subset at 128k tokens?"
    assert read(analyse(asked), [ada], answerable=True).outcome == "not_stated"


def test_a_metric_is_what_they_measure():
    ocr = hit(
        0,
        "Vulnerability Analysis of Transformer-based Optical Character Recognition to "
        "Adversarial Attacks",
        "We develop and assess algorithms for both targeted and untargeted attacks. For the "
        "untargeted case, we measure the Character Error Rate (CER), while for the targeted "
        "case we use the success ratio.",
    )
    evidence = read(analyse("What metric did they use for each attack type?"), [ocr], True)
    assert evidence.outcome == "answered"
    assert "Character Error Rate" in evidence.statements[0].text


@pytest.mark.parametrize(
    ("question", "title", "finding"),
    [
        # "what ultimately makes it so?" asks for a cause: "the key to ... is"
        (
            "According to the Arctic-SnowCoder study, what ultimately makes code pre-training "
            "data high quality?",
            "Arctic-SnowCoder: Demystifying High-Quality Data in Code Pretraining",
            "alignment with the distribution of downstream applications",
        ),
        # "what was the main conclusion?" asks for a finding in words, not a name
        (
            "What was the main conclusion of the RoBERTa replication study about how the "
            "original BERT was trained?",
            "RoBERTa: A Robustly Optimized BERT Pretraining Approach",
            "undertrained",
        ),
        # "Min-K%++ WikiMIA AUROC" was read as one name, which no sentence holds
        (
            "Min-K%++ WikiMIA AUROC gain over Min-K%",
            "Min-K%++: Improved Baseline for Detecting Pre-Training Data from Large Language Models",
            "6.2% to 10.5%",
        ),
        # "While the model took over 184K GPU-hours": "the model" is the Llama2-7b model the
        # sentence before names
        (
            "How long does the unlearning fine-tuning of Llama2-7b take?",
            "Who's Harry Potter? Approximate Unlearning in LLMs",
            "1 GPU hour",
        ),
        # a precision is given in bits: "full binarization of BERT (i.e., 1-bit weight ...)"
        (
            "What is the lowest precision BiBERT pushes BERT down to?",
            "BiBERT: Accurate Fully Binarized BERT",
            "1-bit",
        ),
        # "along which dimensions" asks for the axes, not for a figure
        (
            "Along which dimensions does TERA alter speech frames during pre-training?",
            "TERA: Self-Supervised Learning of Transformer Encoder Representation for Speech",
            "time, frequency, and magnitude",
        ),
    ],
)
def test_a_finding_asked_for_in_words_is_answered(bundled_index, question, title, finding):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.outcome == "answered"
    assert finding in answer.text
    assert title in {c.title for c in answer.citations}


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("What MMLU score does Yi-34B achieve?", "a figure for MMLU score"),
        ("What is the capital of France?", "the capital"),
        ("And what about MrT5?", "what was asked"),  # "about MrT5" is no noun phrase
        ("Who are the authors of RoBERTa?", "what was asked"),
    ],
)
def test_what_a_not_stated_answer_says_is_missing_reads_as_english(question, missing):
    # It follows "Papers about it that do not give": "do not give capital", "do not give about
    # MrT5" were what a helper using the CLI read.
    assert _missing(analyse(question)) == missing


def test_a_plural_after_a_figure_is_what_it_counts(bundled_index):
    # Dolma's abstract: "a three trillion tokens English corpus": the figure counts tokens,
    # though "corpus" ends the phrase (a helper found this answered "not stated").
    answer = bundled_index.ask("How many tokens does Dolma contain?")
    assert answer.outcome == "answered"
    assert "three trillion tokens" in answer.text
    assert answer.citations[0].title.startswith("Dolma")


def test_a_sized_name_gives_a_size_and_no_other_figure(bundled_index):
    # "(Vicuna-7B)" answers which size of model (a stop 52 review) and is no sparsity level
    # (shapes_zv)
    answer = bundled_index.ask(
        "On which size of modern-scale large language model does essential sparsity hold?"
    )
    assert answer.outcome == "answered" and "Vicuna-7B" in answer.text
    answer = bundled_index.ask(
        "At what sparsity level does the sharp performance drop occur for BERT in 'The "
        "Emergence of Essential Sparsity in Large Pre-trained Models'?"
    )
    assert answer.abstained and "a figure for sparsity level" in answer.text


def test_what_about_another_name_asks_the_previous_question_of_it(bundled_index):
    # Plain {role, content} history: "And what about MrT5?" after a ByT5 exchange stayed on
    # ByT5 ("do not give about MrT5") when a helper tried it; it asks what MrT5 shows.
    asked = "What does ByT5 show about byte-level models?"
    first = bundled_index.ask(asked)
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": first.text}]
    answer = bundled_index.ask("And what about MrT5?", history)
    assert answer.outcome == "answered"
    assert answer.question == "And what about MrT5?"  # what was typed, as a conversation saves it
    assert answer.standalone_question == "What does MrT5 show about byte-level models?"
    assert answer.citations[0].title.startswith("MrT5")


def test_who_wrote_a_paper_is_answered_from_its_record_or_not_stated(tmp_path, embedder):
    # An abstract never names its authors: "Who are the authors of RoBERTa?" was answered with
    # GottBERT's sentences about RoBERTa. The record's authors (BibTeX here) answer it.
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{frob,\n  title = {Frobnication Networks for Sparse Retrieval},\n"
        "  author = {Jane Smith and John Doe},\n  year = {2021},\n"
        "  abstract = {We frobnicate sparse retrieval indexes, four times faster than BM25.}\n}\n"
    )
    settings = make_settings(None, index_dir=tmp_path / "index")
    assistant = Assistant(settings, embedder=embedder)
    assert assistant.ingest([bib]).added == 1
    answer = assistant.ask("Who wrote Frobnication Networks for Sparse Retrieval?")
    assert answer.outcome == "answered"
    assert "Jane Smith" in answer.text and "John Doe" in answer.text
    assert [c.title for c in answer.citations] == ["Frobnication Networks for Sparse Retrieval"]
    assert answer.weak_sentences == [] and answer.uncited_sentences == []


def test_who_wrote_a_paper_whose_record_has_no_authors_is_not_stated(bundled_index):
    byt5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
    # "Who are the authors of ByT5?" searched with "who" and "authors" found authorship papers
    # and no ByT5: it searches with what it names.
    for question in ("Who wrote the ByT5 paper?", "Who are the authors of ByT5?"):
        answer = bundled_index.ask(question)  # the bundled records name no authors
        assert answer.outcome == "not_stated"
        assert answer.text.endswith(f"{NOT_STATED} the authors: **{byt5}**.")
        assert {s.title: s.role for s in answer.sources}[byt5] == "related"
    # "Who wrote it?" names nothing: the conversation's paper
    history = [
        {"role": "user", "content": "What does ByT5 show about byte-level models?"},
        {"role": "assistant", "content": "A standard Transformer can process byte sequences."},
    ]
    answer = bundled_index.ask("Who wrote it?", history)
    assert answer.text.endswith(f"{NOT_STATED} the authors: **{byt5}**.")
    assert answer.citations == []


def test_which_paper_introduced_a_thing_is_answered_by_the_paper_it_is_the_contribution_of(
    bundled_index,
):
    # "Which paper introduced LoRA?" was answered "LoRA introduces new weight matrices" from a
    # paper that builds on LoRA: only the paper whose own contribution it is answers.
    answer = bundled_index.ask("Which paper introduced MosaicBERT?")
    mosaic = "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining"
    assert answer.outcome == "answered"
    assert answer.text.startswith(f"MosaicBERT was introduced in **{mosaic}** [1].")
    assert "we introduce MosaicBERT" in answer.text
    assert [c.title for c in answer.citations] == [mosaic]
    assert answer.weak_sentences == [] and answer.uncited_sentences == []
    # named only by its title (the abstract never writes "ByT5")
    answer = bundled_index.ask("What paper first proposed ByT5?")
    assert [c.title for c in answer.citations] == [
        "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
    ]
    # "we release Dolma", asked where
    assert bundled_index.ask("Where was Dolma introduced?").citations[0].title.startswith("Dolma")
    for question, title in (
        # searched by the title the name heads: the abstract never writes "RoBERTa", and
        # "introduced" found GottBERT ("The introduction of ... RoBERTa")
        ("I'm looking for the paper that introduced RoBERTa.", "RoBERTa: A Robustly"),
        # "This results in our new method Explained Variance Adaptation (EVA)."
        ("Where was Explained Variance Adaptation (EVA) first described?", "One Initialization"),
        # a quoted name, lower case: "we call the results 'model soups'"
        ('Find the paper that first defined "model soups".', "Model soups:"),
        # "we first introduce LoCoV1": LoCo's first version
        ("What paper presents the LoCo benchmark?", "Benchmarking and Building Long-Context"),
        # one paper asked for, not a list ("which of these papers" read as topical)
        ("Which of these papers is the origin of GottBERT?", "GottBERT"),
        ("Which paper is the source of the KLUE benchmark?", "KLUE"),
    ):
        answer = bundled_index.ask(question)
        assert answer.outcome == "answered", question
        assert [c.title[: len(title)] for c in answer.citations] == [title]


def test_a_thing_the_papers_only_build_on_has_no_origin_in_them(bundled_index):
    # EVA "proposes to enhance LoRA"; ETC presents "a new Transformer architecture"; MosaicBERT
    # is "a BERT-style encoder": none introduces LoRA, the Transformer or BERT.
    for question, name in (
        ("Which paper introduced LoRA?", "LoRA"),
        ("Which paper introduced the Transformer architecture?", "Transformer"),
        ("Which paper introduced BERT?", "BERT"),
    ):
        answer = bundled_index.ask(question)
        assert answer.outcome == "not_stated", question
        assert answer.abstained and answer.citations == []
        assert f"{NOT_STATED} where {name} was introduced: **" in answer.text
        assert {s.role for s in answer.sources[:1]} == {"related"}


def test_what_a_paper_is_about_is_answered_by_its_own_claims(bundled_index):
    # "What is the main contribution of the MosaicBERT paper?" and "What is GottBERT about?"
    # were "not stated" (no sentence says "contribution"); "Summarize the Dolma paper" quoted
    # its background ("Language models have become a critical technology ...").
    answer = bundled_index.ask("What is the main contribution of the MosaicBERT paper?")
    assert answer.outcome == "answered"
    assert answer.text.startswith("Here, we introduce MosaicBERT, a BERT-style encoder")
    assert "GottBERT" in bundled_index.ask("What is GottBERT about?").citations[0].title
    answer = bundled_index.ask("Give me an overview of the Dolma paper")
    assert answer.text.startswith("To facilitate open research on language model pretraining")
    assert "critical technology" not in answer.text
    assert [c.title[:6] for c in answer.citations] == ["Dolma:"]
    # a paper that builds on LoRA is not the LoRA paper
    answer = bundled_index.ask("Summarize the LoRA paper")
    assert answer.outcome == "not_stated" and answer.citations == []
    assert f"{NOT_STATED} the paper that introduced LoRA: **" in answer.text


def test_what_a_name_is_is_answered_by_the_paper_that_introduced_it(bundled_index):
    # "What is Dolma?" quoted the abstract's background first ("Language models have become a
    # critical technology"); the paper that introduced it says what it is.
    answer = bundled_index.ask("What is Dolma?")
    assert answer.text.startswith(
        "To facilitate open research on language model pretraining, we release Dolma"
    )
    answer = bundled_index.ask("What is CaseHOLD?")
    assert answer.text.startswith("To address this, we first present CaseHOLD")
    # no paper introduced LoRA: the papers that describe it answer, as before
    answer = bundled_index.ask("What is LoRA?")
    assert answer.outcome == "answered"
    assert "low-rank adaptation (LoRA)" in answer.text


def test_a_follow_up_asking_what_the_paper_is_about_or_who_proposed_it_answers(bundled_index):
    # "What is it about?" and "Who proposed it?" after a MosaicBERT exchange were "not stated"
    history = [
        {"role": "user", "content": "Which paper made BERT pretraining fast and cheap?"},
        {
            "role": "assistant",
            "content": "MosaicBERT is a BERT-style encoder architecture and training recipe "
            "optimized for fast pretraining.",
        },
    ]
    mosaic = "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining"
    for question in (
        "What is it about?",
        "Summarize that paper.",
        "What is the main contribution of that paper?",
    ):
        answer = bundled_index.ask(question, history)
        assert answer.outcome == "answered", question
        assert answer.text.startswith("Here, we introduce MosaicBERT"), question
        assert "Pareto optimal" in answer.text  # its finding too ("accuracy vs. speed")
        assert [c.title for c in answer.citations] == [mosaic]
    answer = bundled_index.ask("Who proposed it?", history)
    assert answer.text == f"It was introduced in **{mosaic}** [1]."


def test_the_main_contribution_of_a_paper_its_title_names_is_its_own(bundled_index):
    # "GECToR -- Grammatical Error Correction: ..." is headed by GECToR (was "not stated ...
    # (none of them is it)"); RoBERTa's abstract never writes its name: found by its title
    answer = bundled_index.ask("What is the main contribution of GECToR?")
    assert answer.text.startswith(
        "In this paper, we present a simple and efficient GEC sequence tagger"
    )
    answer = bundled_index.ask("What is the main contribution of RoBERTa?")
    assert answer.text.startswith("We present a replication study of BERT pretraining")
    assert "as we will show" not in answer.text  # background, not a finding


def test_origin_questions_worded_as_a_researcher_asks_for_a_reference(bundled_index):
    for question, title in (
        ("What's the reference for MiniLM?", "MiniLM:"),
        ("I need the citation for CroCo, the cross-view completion pre-training method.", "CroCo:"),
        # "we intend to reveal CLIP's data curation approach and ... introduce ... (MetaCLIP)"
        ("Which paper should I cite for MetaCLIP?", "Demystifying CLIP Data"),
        ("Which group released the HELM evaluation framework?", "Holistic Evaluation"),
    ):
        answer = bundled_index.ask(question)
        assert answer.outcome == "answered", question
        assert [c.title[: len(title)] for c in answer.citations] == [title], question
    # "we introduce HippoRAG 2", "Retro 48B": another version or size, not the one asked about
    for question in (
        "What's the reference for the original HippoRAG?",
        "Which paper proposed RETRO, the retrieval-enhanced transformer?",
    ):
        assert bundled_index.ask(question).outcome == "not_stated", question


def test_who_proposed_a_paper_with_authors_names_them_too(tmp_path, embedder):
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{frob,\n  title = {FrobNet: Frobnicated Sparse Retrieval},\n"
        "  author = {Jane Smith and John Doe},\n"
        "  abstract = {We propose FrobNet, a sparse retriever four times faster than BM25.}\n}\n"
    )
    assistant = Assistant(make_settings(None, index_dir=tmp_path / "index"), embedder=embedder)
    assert assistant.ingest([bib]).added == 1
    for question in ("Who proposed FrobNet?", "Whose paper introduced FrobNet?"):
        answer = assistant.ask(question)
        assert answer.text.startswith(
            "FrobNet was introduced in **FrobNet: Frobnicated Sparse Retrieval**, by Jane Smith, "
            "John Doe [1]."
        ), question


def test_two_things_no_paper_names_together_are_set_side_by_side(bundled_index):
    # "Which is bigger, Dolma or MiniPile?" was "The indexed papers do not answer this
    # question": no paper names both. Each one's own paper has its say, cited.
    answer = bundled_index.ask("Which is bigger, Dolma or MiniPile?")
    assert answer.outcome == "answered"
    cited = {c.title.split(":")[0] for c in answer.citations}
    assert cited == {"Dolma", "The MiniPile Challenge for Data-Efficient Language Models"}
    assert answer.text.index("Dolma") < answer.text.index("MiniPile")  # in the order asked
    answer = bundled_index.ask("How does RetroMAE compare with Condenser?")
    assert answer.text.startswith("In this paper, we propose RetroMAE")
    assert "Condenser" in answer.text and len(answer.citations) == 2
    # one of them in no paper: nothing to compare
    answer = bundled_index.ask("Which is bigger, Dolma or the Frobnicator corpus?")
    assert answer.abstained


def test_the_components_a_paper_incorporates_answer_what_components_it_adds(bundled_index):
    # was "do not give the components: MosaicBERT" (its abstract says "incorporates")
    answer = bundled_index.ask("What components does MosaicBERT add to the transformer encoder?")
    assert not answer.abstained
    assert "FlashAttention" in answer.text and "ALiBi" in answer.text
    assert answer.citations[0].title.startswith("MosaicBERT")


@pytest.mark.parametrize(
    "question", ["Is RoBERTa better than BERT?", "Does RoBERTa outperform BERT?"]
)
def test_a_thing_compared_is_spoken_for_by_its_own_paper(bundled_index, question):
    # was BERTweet's "outperforms strong baselines RoBERTa-base" and MPNet's claims
    answer = bundled_index.ask(question)
    assert [c.title.split(":")[0] for c in answer.citations] == ["RoBERTa"]


@pytest.mark.parametrize(
    ("question", "mentioning"),
    [
        ("How does AlphaFold predict protein structure?", "PepMLM"),
        ("How does Mamba's selective state space model work?", "Just read twice"),
    ],
)
def test_papers_that_only_use_a_thing_do_not_say_what_it_is(bundled_index, question, mentioning):
    # were PepMLM's "benchmarking with AlphaFold-Multimer" and JRT's mention of Mamba
    answer = bundled_index.ask(question)
    assert answer.abstained and answer.outcome == "not_stated"
    assert mentioning in answer.text and not answer.citations


def test_a_compared_paper_ranked_out_is_found_by_its_name(bundled_index):
    # Was "not stated: anything on ERNIE 2.0": fusion ranked ERNIE 2.0's paper eighth, below
    # the papers read; its own name's search brings it back, and each side says its count.
    question = "Which was fine-tuned and evaluated on more benchmarks, ERNIE 2.0 or ERNIE-Gram?"
    answer = bundled_index.ask(question)
    assert answer.outcome == "answered"
    cited = {c.title.split(":")[0] for c in answer.citations}
    assert cited == {"ERNIE 2.0", "ERNIE-Gram"}
    assert "16 tasks" in answer.text and "19 downstream" in answer.text


def test_an_amount_compared_quotes_each_sides_figure(bundled_index):
    # MPNet's "over 160GB text corpora" and ERNIE 3.0's "a 4TB corpus", not their claims alone
    answer = bundled_index.ask(
        "Which was pretrained on the larger text corpus, MPNet or ERNIE 3.0?"
    )
    assert "160GB" in answer.text and "4TB" in answer.text
    assert len(answer.citations) == 2


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        ("Which pushes BERT to lower precision, BiBERT or Q-BERT?", ["BiBERT", "Q-BERT"]),
        ("Do CodeT5 and UniXcoder use the same architecture?", ["CodeT5", "UniXcoder"]),
        ("Which is bigger, Dolma or MiniPile?", ["Dolma", "MiniPile"]),
        ("How much faster than a standard Transformer is Funnel-Transformer on GLUE?", []),
        ("Does BERT use the same tokenizer as GPT-2?", []),  # not joined: "as"
        ("Where do OFA and FOCUS get their embeddings?", ["OFA", "FOCUS"]),
        ("Where does OFA get its embeddings and FOCUS its data?", []),
        ("What objective does MASS train with, and what does DeltaLM use?", ["MASS", "DeltaLM"]),
        ("Which tokenizer does CodeT5 use, and how big is UniXcoder?", []),
    ],
)
def test_the_pair_a_question_compares(question, pair):
    assert analyse(question).compared == pair


@pytest.mark.parametrize(
    ("question", "titles", "names", "pair"),
    [
        # the capitals of a title are not a string of names
        ("Do Block Pruning For Faster Transformers and the Optimal BERT Surgeon prune alike?",
         ["Block Pruning For Faster Transformers", "The Optimal BERT Surgeon: Second-Order"],
         ["Block Pruning For Faster Transformers", "Optimal BERT Surgeon"],
         ["Block Pruning For Faster Transformers", "Optimal BERT Surgeon"]),
        # a title in quotes, with brackets and a question mark of its own
        ("Which used the larger model, 'How to (re)warm your model?' or MiniCPM?",
         ["Continual Pre-Training of Large Language Models: How to (re)warm your model?"],
         ["How to re warm your model", "MiniCPM"], ["How to re warm your model", "MiniCPM"]),
        # a name with the title of its paper is one side
        ("Which handles longer inputs: BiGS from Pretraining Without Attention, or SMITH?",
         ["Pretraining Without Attention"], ["BiGS", "Pretraining Without Attention", "SMITH"],
         ["BiGS", "SMITH"]),
        # a title too short to tell from a name is left to the names
        ("Which is larger, RoBERTa or BERT?", ["RoBERTa: A Robustly Optimized BERT Approach"],
         ["RoBERTa", "BERT"], ["RoBERTa", "BERT"]),
    ],
)  # fmt: skip
def test_a_paper_named_by_its_title_is_one_name(question, titles, names, pair):
    named = titles_named(question, titles)
    analysed = analyse(question, titles=named)
    assert analysed.names == names
    assert analysed.compared == pair
    assert set(analysed.titles) <= set(named)


def test_papers_named_by_title_are_each_answered_for(bundled_index):
    # was "The indexed papers do not answer this question": "Block Pruning", "Faster
    # Transformers" and "Optimal BERT Surgeon" read as three names, and the question's subject
    # as "Block Pruning"
    answer = bundled_index.ask(
        "What inference speed-ups do Block Pruning For Faster Transformers and the Optimal BERT "
        "Surgeon report against dense BERT?"
    )
    cited = {c.title.split(":")[0] for c in answer.citations}
    assert cited == {"Block Pruning For Faster Transformers", "The Optimal BERT Surgeon"}
    assert "2.4x faster" in answer.text and "10x CPU-inference speedup" in answer.text
    # was not covered: "Simple", "Scalable Strategies" and "Continually Pre-train Large
    # Language" for one title, nothing for the other
    answer = bundled_index.ask(
        "Which study of continual pretraining used the bigger model, Simple and Scalable "
        "Strategies to Continually Pre-train Large Language Models, or 'How to (re)warm your "
        "model?'?"
    )
    assert answer.outcome == "answered" and len(answer.citations) == 2
    assert "410M" in answer.text


def test_the_same_ask_of_two_papers_in_two_clauses_is_answered_by_each(bundled_index):
    # was "The indexed papers do not answer this question": no one paper names both
    answer = bundled_index.ask(
        "What objective does MASS pre-train with, and what does DeltaLM use?"
    )
    assert answer.outcome == "answered"
    assert {c.title.split(":")[0] for c in answer.citations} == {"MASS", "DeltaLM"}


def test_a_sentence_that_speaks_of_the_named_thing_by_pronoun_states_its_facts(bundled_index):
    # was the two sentences that write "PG-RAG", without the one that gives the metrics:
    # "Specifically, its BLEU score increased by approximately 14.3%, and the QE-F1 metric ..."
    answer = bundled_index.ask("On which metrics did PG-RAG improve over its best baseline?")
    assert "its BLEU score increased" in answer.text and "QE-F1" in answer.text
    assert answer.citations[0].title.startswith("Empowering Large Language Models")


def test_how_a_paper_does_something_quotes_its_method_before_its_background(bundled_index):
    # was the abstract's opening background ("Multilingual neural machine translation models
    # generally distinguish ...", "However, current LT strategies cannot ...") without the method
    answer = bundled_index.ask(
        "How does LCS keep a zero-shot multilingual NMT model from translating into the wrong "
        "language?"
    )
    assert "introducing the target language embedding into the top encoder layers" in answer.text
    assert "However, current LT strategies" not in answer.text


@pytest.mark.parametrize(
    ("question", "paper", "stated"),
    [
        ("What limitation of PROP's pre-training task does B-PROP try to overcome?", "B-PROP",
         "bounded by the classical unigram language model"),
        ("What weakness of CoOp's learned prompts is PRE designed to fix?", "PRE",
         "worse generalizable to wider unseen classes"),
        ("What drawbacks of the usual pipeline motivated CorpusBrain?", "CorpusBrain",
         "suffers from large memory footprint"),
    ],
)  # fmt: skip
def test_the_problem_a_paper_sets_out_to_solve_is_its_background(
    bundled_index, question, paper, stated
):
    # were "not stated: the limitation / the weakness": the abstracts say what is wrong in
    # words of their own ("bounded by", "worse generalizable"), before what they do
    answer = bundled_index.ask(question)
    assert answer.outcome == "answered"
    assert stated in answer.text
    assert [c.title.split(":")[0] for c in answer.citations] == [paper]


def test_the_names_asked_for_do_not_answer_the_count_asked_beside_them(bundled_index):
    # CorpusBrain names its pre-training tasks but not how many pairs they generate; an
    # intermediate version read "What are the names of ..." as the whole question
    answer = bundled_index.ask(
        "What are the names of the pre-training tasks used to build CorpusBrain, and how many "
        "pseudo query-document pairs do they generate?"
    )
    assert answer.abstained


@pytest.mark.parametrize(
    ("asked", "abstract", "outcome"),
    [
        ("What does MITRE stand for?",
         "We pre-train two models, namely MITRE (multilingual translation with registers).",
         "answered"),
        ("What is FOCUS short for?",
         "We propose FOCUS - Fast Overlapping Token Combinations Using Sparsemax, a method.",
         "answered"),
        ("What does the name LOOK refer to?",
         "We propose a method based on Leave-One-Out K-Nearest-Neighbor, or LOOK for short.",
         "answered"),
        ("What does S4 stand for?",
         "We propose Strongly Supervised pre-training with ScreenShots (S4), a new paradigm.",
         "answered"),
        # a paper that only uses the name does not spell it out
        ("What does LRPE stand for in TransNormerLLM?",
         "TransNormerLLM uses LRPE together with an exponential decay.", "not_stated"),
        ("What does TNLR stand for?",
         "We evaluate general-domain (BERT, TNLR) and domain-specific (PubMedBERT) models.",
         "not_stated"),
    ],
)  # fmt: skip
def test_a_name_is_spelled_out_only_by_a_paper_that_spells_it_out(asked, abstract, outcome):
    paper = hit(0, "A paper", abstract)
    found = read(analyse(asked), [paper], answerable=True)
    assert found.outcome == outcome
    if outcome == "answered":
        assert found.statements[0].text == split_sentences(abstract)[0]
    else:
        assert found.missing.endswith("stands for")


def test_which_papers_use_a_named_thing_lists_the_papers_that_name_it():
    """ "Which papers adapt XLM-R?" is answered by the papers naming it, whatever retrieval's
    verdict on the topic; with none naming it the papers do not cover it."""
    focus = hit(0, "FOCUS: Embedding Initialization", "FOCUS adapts XLM-R to a single language.")
    other = hit(1, "Zero-Shot Tokenizer Transfer", "We transfer tokenizers of multilingual models.")
    ullme = hit(2, "ULLME", "On English MTEB, our models achieve competitive performance.")
    found = read(analyse("Which papers adapt or further train XLM-R?"), [focus, other], False)
    assert (found.outcome, found.related) == ("answered", [0])
    phi = read(analyse("Which papers use Phi-3?"), [focus, other], answerable=True)
    assert phi.outcome == "not_covered"
    mteb = "Which papers evaluate on the Massive Text Embedding Benchmark (MTEB)?"
    assert read(analyse(mteb), [focus, ullme], answerable=False).related == [1]
    # a topic of its own beside the name is judged by retrieval, as before
    topic = read(analyse("Which papers adapt XLM-R to low-resource scripts?"), [focus], False)
    assert topic.outcome == "not_covered"


def test_a_yes_no_premise_its_paper_does_not_name_leaves_the_paper_related():
    """ "Does Bioformer reuse the WordPiece tokens of BERT?": Bioformer's paper names no
    WordPiece; it is about the question (not stated), not outside the index (not covered)."""
    bioformer = hit(
        0,
        "Bioformer: an efficient transformer language model for biomedical text mining",
        "We present Bioformer, a compact BERT model. Bioformer uses a biomedical vocabulary.",
    )
    asked = "Does Bioformer reuse the WordPiece tokens of the original BERT?"
    found = read(analyse(asked), [bioformer], answerable=True)
    assert (found.outcome, found.related) == ("not_stated", [0])
    # a premise about something no paper introduces stays outside the index
    other = read(analyse("Does Bioformer2 use WordPiece tokens?"), [bioformer], answerable=True)
    assert other.outcome == "not_covered"


def test_a_paper_named_by_what_it_proposes_is_not_asked_where_that_came_from():
    """ "According to the study that proposes NMTune, how does ...?" names the paper by its
    contribution; what it asks comes after the comma (it was read as "where was NMTune
    introduced?" and declined)."""
    asked = (
        "According to the study that proposes NMTune, how does label noise in supervised "
        "pre-training data affect transfer to downstream tasks?"
    )
    question = analyse(asked)
    assert not question.wants_origin
    assert analyse("I'm looking for the paper that introduced NMTune.").wants_origin
    paper = hit(
        0,
        "Understanding and Mitigating the Label Noise in Pre-training on Downstream Tasks",
        "Pre-training data often contain label noise. Through experiments of supervised "
        "pre-training models on noisy ImageNet-1K, we demonstrate that while slight noise in "
        "pre-training can benefit in-domain (ID) transfer performance, it always deteriorates "
        "out-of-domain (OOD) performance. We then propose a light-weight black-box tuning "
        "method (NMTune) to affine the feature space.",
    )
    found = read(question, [paper], answerable=True)
    assert found.outcome == "answered"
    assert any("in-domain" in s.text for s in found.statements)


BIBERT = hit(
    0,
    "BiBERT: Accurate Fully Binarized BERT",
    "The full binarization of BERT usually suffers a significant performance drop. We propose "
    "BiBERT, an accurate fully binarized BERT, to eliminate the performance bottlenecks. "
    "Specifically, BiBERT introduces an efficient Bi-Attention structure for maximizing "
    "representation information statistically and a Direction-Matching Distillation (DMD) "
    "scheme to optimize the full binarized BERT accurately.",
)


def test_the_parts_a_method_is_made_of_are_stated_by_naming_them():
    """ "Which two components does BiBERT introduce?": its abstract names two new things and
    never says "components"; a count of parts it does not name stays unanswered."""
    asked = "Which two components does BiBERT introduce to overcome the accuracy collapse of fully binarizing BERT?"
    found = read(analyse(asked), [BIBERT], answerable=True)
    assert found.outcome == "answered"
    assert any("Direction-Matching Distillation" in s.text for s in found.statements)
    unnamed = hit(
        0, BIBERT.title, "We propose BiBERT, with two components that fix binarized BERT."
    )
    assert read(analyse(asked), [unnamed], answerable=True).outcome != "answered"


def test_a_clause_that_names_nothing_asks_about_what_the_clause_before_it_names():
    """The gains of "Which languages did the FOCUS authors specialize XLM-R to, and how large
    were the gains?" are FOCUS's: another paper's gains in adapting XLM-R answer nothing."""
    asked = (
        "Which target languages did the FOCUS authors specialize XLM-R to, and how large were "
        "the gains?"
    )
    question = analyse(asked)
    assert [a.clause for a in question.asks] == ["how large were the gains"]
    assert question.asks[0].names == ["FOCUS"]
    other = hit(
        0,
        "Massively Multilingual Lexical Specialization of Multilingual Transformers",
        "We expose XLM-R to multilingual lexical knowledge across 50 languages. Lexical "
        "specialization brings gains of up to 2.5 points on sentence retrieval.",
    )
    assert read(question, [other], answerable=True).outcome != "answered"
    # the same clause after one naming nothing still asks of anything
    assert (
        analyse("Which method reorders documents, and what gain did it report?").asks[0].names == []
    )


def test_both_parts_of_which_task_and_why_are_answered(bundled_index):
    """Q-BERT loses most on SQuAD, "related to the fact that" BERT's fine-tuning does not
    converge there: a reason part is answered by a sentence giving a reason (once the
    sentence naming the task answered it too, and the reason was left out)."""
    answer = bundled_index.ask(
        "Which downstream task showed the largest accuracy loss under Q-BERT's "
        "ultra-low-precision quantization, and how do the authors explain it?"
    )
    assert not answer.abstained
    assert "SQuAD" in answer.text and "not converge" in answer.text
    assert [c.title for c in answer.citations] == [
        "Q-BERT: Hessian Based Ultra Low Precision Quantization of BERT"
    ]


def test_a_model_family_is_named_not_called_one():
    """ "Which model family ...?": "model" is a stopword and papers name the family
    ("Experiments on Pythia"); a sentence naming no model still answers nothing."""
    asked = "Which model family and which pretraining dataset were the MATES experiments run on?"
    mates = hit(
        0,
        "MATES: Model-Aware Data Selection for Efficient Pretraining with Data Influence Models",
        "We introduce model-aware data selection with data influence models (MATES). "
        "Experiments on Pythia and the C4 dataset demonstrate that MATES significantly "
        "outperforms random data selection.",
    )
    found = read(analyse(asked), [mates], answerable=True)
    assert found.outcome == "answered"
    assert any("Pythia" in s.text for s in found.statements)
    unnamed = hit(0, mates.title, "We introduce MATES. Experiments on a web corpus show gains.")
    assert read(analyse(asked), [unnamed], answerable=True).outcome != "answered"


def test_a_sized_model_is_the_subject_and_a_later_version_is_another_model(bundled_index):
    """ "the 175B-parameter GPT-3" is what is asked about, and "GPT-3.5's tokenizer" does not
    name it: no paper gives GPT-3's training tokens (it was answered from a tokenizer paper)."""
    answer = bundled_index.ask(
        "How many training tokens did the 175B-parameter GPT-3 see during pretraining?"
    )
    assert answer.abstained
    assert "Data Mixture Inference" not in " ".join(c.title for c in answer.citations)


def test_what_kind_of_tasks_asks_for_a_kind_not_a_figure(bundled_index):
    """ "On what kind of tasks are its gains largest?" asks for the tasks ("higher-level
    tasks"), not for a figure of gains (it was declined: the abstract gives none)."""
    history = [
        {"role": "user", "content": "What has been done on pre-training BERT models for Maltese?"},
        {
            "role": "assistant",
            "content": "One study built a new Maltese corpus and pre-trained two models on it: a "
            "monolingual BERT trained from scratch and a multilingual BERT further pre-trained "
            "on Maltese.",
        },
    ]
    answer = bundled_index.ask(
        "Which of the two models does better on average, and on what kind of tasks are its "
        "gains largest?",
        history,
    )
    assert not answer.abstained
    assert "higher-level" in answer.text and "BERTu" in answer.text


def test_a_search_box_query_is_answered_by_what_the_paper_does(bundled_index):
    # The title's words are in every sentence's score, so the background came first and the
    # answer never named TunBERT.
    answer = bundled_index.ask("tunisan dialect pretrained bert", mode="extractive")
    assert answer.citations[0].title.startswith("TunBERT")
    assert "We release the TunBERT pretrained model" in answer.text
    assert "learn an effective representation of a natural language" not in answer.text


def test_a_time_is_no_change_in_points(bundled_index):
    # "in about 1 GPU hour of finetuning ... remains almost unaffected": no figure in points
    answer = bundled_index.ask(
        "By how many points does Llama2-7b's HellaSwag accuracy change after the Harry Potter "
        "unlearning fine-tune?",
        mode="extractive",
    )
    assert answer.abstained and answer.outcome == "not_stated"


def test_a_search_box_query_naming_its_paper_asks_a_thing_of_it(bundled_index):
    # not what the paper proposes first: "This dataset is sourced from ... human wastewater"
    answer = bundled_index.ask("METAGENE-1 pretraining corpus source", mode="extractive")
    assert answer.citations[0].title.startswith("METAGENE-1")
    assert "wastewater" in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # a search-box query ending in "name" or "number" asks for one (was answered with the
        # paper's sentences about it)
        ("Chinese MentalBERT base Chinese model name", "the Chinese MentalBERT base"),
        ("MrT5 delete gate encoder layer number", "a figure for layer"),
        # a LoRA rank is a figure
        ("What LoRA rank was used in the QLoRA supervised fine-tuning of OpenBezoar?",
         "a figure for LoRA rank"),
        # "Clinical-BigBird" and "ClinicalBERT" are models, and name no corpus
        # (a name asked for: "the name of the corpus", since stop 47)
        ("Clinical-Longformer pre-training corpus name", "the name of the corpus"),
        ("What corpus was Clinical-Longformer pre-trained on?", "the name of the corpus"),
        # "between the two objectives" counts objectives: no mixing ratio
        ("What mixing ratio between the language-modeling and machine-translation objectives "
         "did the grid search in 'Cross-Lingual Supervision improves Large Language Models "
         "Pre-training' identify as best?", "a figure for mixing ratio"),
        # "4 million paragraphs" is no precision of the labels
        ("What annotation precision do NERetrieve's silver labels reach when checked against "
         "human gold labels?", "a figure for annotation precision"),
    ],
)  # fmt: skip
def test_a_detail_its_paper_only_speaks_around_is_not_stated(bundled_index, question, missing):
    answer = bundled_index.ask(question)
    assert answer.abstained and answer.outcome == "not_stated"
    assert f"do not give {missing}:" in answer.text


def test_names_called_the_kind_asked_for_answer_a_long_description(bundled_index):
    # "On which ...?" asks for names; the answering sentence shares none of the description's
    # words, but calls what it names "datasets" (it was refused once a Transformer stopped
    # counting as a dataset's name)
    answer = bundled_index.ask(
        "On which summarization datasets did the two-stage BERT-based encoder-decoder with "
        "draft-then-refine decoding reach state of the art?"
    )
    assert not answer.abstained
    assert "CNN/Daily Mail" in answer.text and "New York Times" in answer.text
    assert answer.citations[0].title.startswith("Pretraining-Based Natural Language Generation")


@pytest.mark.parametrize(
    "question",
    ["Which datasets was EnCLAP evaluated on?", "On which datasets was EnCLAP evaluated?"],
)
def test_results_on_named_data_say_where_a_paper_was_evaluated(bundled_index, question):
    # "Experimental results on AudioCaps and Clotho ..." shares no word with "evaluated on
    # which datasets"; it was refused as not stated
    answer = bundled_index.ask(question)
    assert not answer.abstained
    assert "AudioCaps" in answer.text and "Clotho" in answer.text
    assert answer.citations[0].title.startswith("EnCLAP")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a range's end after its measure ("length from 512 to 2048")
        ("What maximum input length can the SMITH (Siamese Multi-depth Transformer-based "
         "Hierarchical) encoder handle, compared with the 512 tokens of BERT-based baselines?",
         "2048"),
        # percentage points are points ("6 p.p."), not a share
        ("In the agriculture case study of 'RAG vs Fine-tuning: Pipelines, Tradeoffs, and a Case "
         "Study on Agriculture', how many percentage points of accuracy does fine-tuning add?",
         "6 p.p."),
        # "F1" reads like a name, but the figure is given in it ("4.7% semantic F1")
        ("DeSel semantic F1 over greedy search", "4.7%"),
        # a precision may be given in bits, though precision is now a score
        ("What is the lowest precision BiBERT pushes BERT down to?", "1-bit"),
        # "the previous state of the art" is "the current SOTA" (it was answered only by way of
        # "across eight benchmarks", which counts benchmarks)
        ("How much did Trident improve mIoU over the previous state of the art?", "48.6"),
        # the twins of the near-misses above, which their papers state
        ("METAGENE-1 pretraining corpus base pairs number", "1.5 trillion"),
        ("What rank do MKOR's updates have?", "Rank-1"),
        ("How much of GPT-3's carbon footprint did OPT-175B need to develop?", "1/7th"),
        # shapes_zy/zz and their review: a model's size is a figure of its own ("CodeT5+ 16B");
        # "74% smaller" says how much; "76 accuracy points" are points
        ("Which open code LLM reports new state-of-the-art results on HumanEval against other "
         "open code LLMs, and at what size?", "16B"),
        ("block pruning BERT SQuAD speedup size", "74% smaller"),
        ("By how many accuracy points can performance differ across prompt formats when "
         "evaluating LLaMA-2-13B?", "76 accuracy points"),
        # a strategy that gives gains is asked for, not a gain; artifacts made public are named
        # as what they are
        ("According to Domain-Specific Language Model Pretraining for Biomedical Natural "
         "Language Processing, which pretraining strategy gives substantial gains in domains "
         "with abundant unlabeled text such as biomedicine?", "from scratch"),
        ("Which artifacts of Chinese MentalBERT did the authors make publicly accessible?",
         "pre-trained models"),
        ("Which GitHub repository hosts the Chinese MentalBERT models pre-trained on its 3.36 "
         "million entry dataset?", "zwzzzQAQ"),
    ],
)  # fmt: skip
def test_figures_given_in_their_own_ways_answer(bundled_index, question, said):
    # the figures were refused as not stated (shapes_m); their twins must stay answered
    answer = bundled_index.ask(question)
    assert not answer.abstained and said in answer.text


def test_where_a_score_got_to_is_no_gain_in_points(bundled_index):
    # "improving SimCLR to 72.5% linear probe accuracy" says where it got, not by how much
    answer = bundled_index.ask(
        "How many points of ImageNet linear probe accuracy does E-SSL add to SimCLR in "
        "'Equivariant Contrastive Learning'?",
        mode="extractive",
    )
    assert answer.abstained
    answer = bundled_index.ask(
        "What ImageNet linear probe accuracy does E-SSL bring SimCLR to in 'Equivariant "
        "Contrastive Learning'?",
        mode="extractive",
    )
    assert not answer.abstained and "72.5%" in answer.text


def test_a_paper_named_by_title_with_datasets_it_never_names_is_no_comparison(bundled_index):
    # "BERT" heads "bert2BERT: ...", and with the title's paper made two sides to compare; XSum
    # and Gigaword are in no abstract read: the summarizer's "two stages" answered
    answer = bundled_index.ask(
        "How much did the two-stage BERT summarizer of 'Pretraining-Based Natural Language "
        "Generation for Text Summarization' improve ROUGE over prior work on XSum and Gigaword?",
        mode="extractive",
    )
    assert answer.abstained and not answer.citations


@pytest.mark.parametrize(
    "question",
    [
        # "more than 6.54 and 1.07 decrease in FID", "outperforms ... by sim2.4 AP", "by up to
        # 7.6 AP": margins, not where it got
        "What absolute FID score does KIND reach on ImageNet-1K with DiT-L/2?",
        "What absolute box AP does imTED reach on the MS COCO object detection dataset?",
        # "improving SimCLR to 72.5%": where E-SSL took it, not where it started
        "What ImageNet linear probe accuracy does plain SimCLR, without E-SSL, reach in "
        "'Equivariant Contrastive Learning'?",
        # an agreement is a figure; "23k human judgments" is none
        "What inter-annotator agreement did the human answer-equivalence judgments in Tomayto, "
        "Tomahto reach?",
        # "Keyphrase Generation (KPG)" is the question's own words, "five datasets" no names
        "Which keyphrase generation datasets was DeSel evaluated on?",
        # "ERNIE 2.0" and "GLUE" are two names; "2.0" no score
        "ERNIE 2.0 GLUE average score",
        # shapes_y: BART's gain is none for "its T5 backbone"; "seq2seq" and "E2S2" are names
        # written with a digit, no figure; "three vision-only and one vision-language
        # Transformer models" name none
        "What average GLUE improvement does E2S2 report for its T5 backbone?",
        "Which vision-language Transformer model did PELA compress in its experiments?",
        # what RoBERTa introduced is RoBERTa's paper's to say, not one that beats it
        "What new pre-training objective did RoBERTa introduce to replace BERT's masked "
        "language modeling?",
    ],
)
def test_a_neighbouring_figure_or_name_does_not_answer(bundled_index, question):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "..., and who writes it?" asks who writes the anchor text, not who wrote the paper
        ("In 'Pre-training for Ad-hoc Retrieval: Hyperlink is Also You Need', what text "
         "accompanying hyperlinks is used to build pre-training samples, and who writes it?",
         "webmasters"),
        # what the advantage grows with is no figure asked for
        ("LUMEN advantage over FiD with model size", "increases with model size"),
        # how it fared is a finding; a remedy is what the paper proposes
        ("In 'Fine-Tuning or Fine-Failing? Debunking Performance Myths in Large Language "
         "Models', how did fine-tuned LLMs within RAG pipelines perform relative to the "
         "baseline models?", "decline"),
        ("pre-trained NMT copies source tokens remedy", "copying penalty"),
        # shapes_x: "by ~2.4 AP" (written "by sim2.4 AP" on the listing page, LaTeX's \sim
        # without its markup) is by how much, the margin asked for
        ("By how much AP does imTED beat its counterparts on MS COCO object detection?",
         "by ~2.4 AP"),
        # "KG" is the question's own "knowledge graph", which the paper writes in words
        ("Instead of domain-specific pre-training, what kind of network does the medical QA "
         "method with knowledge graph embeddings use to align KG embeddings with the embedding "
         "spaces of BERT and RoBERTa?", "Multi-Layer Perceptrons"),
        # shapes_z/za: "encoder-decoder" is a kind of architecture, named by kind; "1.25x
        # parameters of BERT Large" is how many parameters relative to BERT Large
        ("What kind of model architecture does GanLM pre-train with its GAN-style auxiliary "
         "discriminator?", "encoder-decoder"),
        ("With how many parameters, relative to BERT Large, does a single pretrained GLM "
         "achieve its best performance across NLU and generation tasks?", "1.25x"),
    ],
)  # fmt: skip
def test_what_is_asked_is_answered_in_its_own_sentence(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # shapes_zj/zk (stop 46): "50 to 100 training examples" counts examples, no points
        ("By how many accuracy points did fine-tuning improve the LLMs inside RAG pipelines in "
         "the 'Fine-Tuning or Fine-Failing?' study?", "a figure for accuracy points"),
        # a gain is no count of the approaches ("five continual learning approaches")
        ("How much do the continual learning approaches improve code summarization and clone "
         "detection in the study of continual learning for out-of-distribution generalization "
         "in pre-trained language models of code?", "do not give"),
    ],
)  # fmt: skip
def test_what_the_sentence_gives_is_not_what_was_asked(bundled_index, question, missing):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert missing in answer.text


@pytest.mark.parametrize(
    ("question", "assumed"),
    [
        # a lead that grows with model size, asked as one that shrinks
        ("Why does LUMEN's advantage over Fusion-in-Decoder shrink as the underlying model "
         "gets larger?", "assumes an advantage that shrinks"),
        ("Why does LUMEN's advantage over FiD grow as the model gets smaller?",
         "one that grows with model size"),
    ],
)  # fmt: skip
def test_a_trend_the_paper_reverses_is_not_answered(bundled_index, question, assumed):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert assumed in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "For which tasks ...": the tasks, not the size of the gains
        ("For which tasks are the largest gains observed with the Maltese monolingual BERT "
         "model BERTu?", "higher-level"),
        ("How does LUMEN's advantage over FiD change as model size grows, according to the "
         "paper on pre-computed memory versus on-the-fly encoding?", "increases"),
        ("Up to what model size did the authors of 'Simple and Scalable Strategies to "
         "Continually Pre-train Large Language Models' show that their continual pre-training "
         "recipe matches the re-training baseline?", "10B"),
        # the same trend, read along the other way of its axis (review): no false premise
        ("Why does LUMEN's advantage over FiD decrease when the model is smaller?",
         "increases with model size"),
        ("How does the benefit of LUMEN over FiD decrease with smaller model sizes?",
         "increases with model size"),
        ("In what form does the multimodal LLM Shikra take spatial coordinate inputs and give "
         "coordinate outputs?", "natural language"),
    ],
)  # fmt: skip
def test_the_same_papers_answer_what_they_state(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # shapes_zl/zm (stop 47): the figure of the encoder put aside is not the one asked for
        ("What mean reciprocal rank does SEA achieve on CodeSearchNet when CodeBERT, rather "
         "than GraphCodeBERT, is used as the encoder?", "a figure for mean reciprocal rank"),
        # a probability is a figure; the abstract gives none
        ("What masking probability did AraELECTRA use for its masked language modeling "
         "pre-training on Arabic text?", "a figure for masking probability"),
        # a kind known by its name, written only as an unnamed one ("a large knowledge database")
        ("Which knowledge base provided the entity names used to pre-train the RNN model in "
         "Semi-supervised URL Segmentation with Recurrent Neural Networks Pre-trained on "
         "Knowledge Graph Entities?", "the name of the knowledge base"),
        ("LangSAMP continual pretraining corpus name", "the name of the corpus"),
    ],
)  # fmt: skip
def test_a_setting_or_name_the_abstract_leaves_out_is_not_stated(bundled_index, question, missing):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert missing in answer.text


@pytest.mark.parametrize(
    ("question", "assumed"),
    [
        # "Instead of taking ... like abstract syntax tree (AST), we use data flow"
        ("How does GraphCodeBERT linearize the abstract syntax tree of each code snippet before "
         "feeding it to the Transformer during pre-training?", "using the abstract syntax tree"),
        # "an effective knob in not only that model but also ... base models"
        ("Why does the context-sensitivity knob from 'Controllable Context Sensitivity and the "
         "Knob Behind It' stop working when it is applied to the base models of the same "
         "family?", "it failing with base models"),
        # "does not consistently provide benefits"
        ("Why does conventional continued pre-training consistently improve prompt-based "
         "fine-tuning on sentence-pair tasks, as found in 'Don't Stop Pretraining? Make "
         "Prompt-based Fine-tuning Powerful Learner'?", "a gain from conventional continued"),
    ],
)  # fmt: skip
def test_what_the_paper_puts_aside_is_no_premise_to_answer(bundled_index, question, assumed):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert assumed in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # the question puts the abstract syntax tree aside itself
        ("Instead of the abstract syntax tree, what code structure does GraphCodeBERT use "
         "during pre-training?", "data flow"),
        # the encoder the figure is of, asked as such
        ("What mean reciprocal rank does SEA achieve on CodeSearchNet with GraphCodeBERT as "
         "the encoder?", "0.785"),
        # "Besides prompts, which ...?" asks for names, not a count of parameters
        ("Besides prompts, which parameter-efficient tuning modules can the "
         "Learning-Accumulation-Ensemble (LAE) continual learning framework build on?", "LoRA"),
        # "The third, and most challenging, is ...": a superlative the paper states of its own
        ("Which of the proposed next-generation NER task variants is described as the most "
         "challenging?", "retrieval setup"),
        # what the paper puts aside, set against what it uses by the question itself (review)
        ("Why does GraphCodeBERT prefer data flow over the abstract syntax tree?", "data flow"),
        # "instead of generating textual scripts" is its pre-training; it learns them after
        ("What does the Speech2C decoder learn before it learns to generate textual scripts?",
         "pseudo codes"),
        # a conditional probability is no figure asked for
        ("What conditional probability do Pointer Networks learn?", "output sequence"),
        # a name set aside stays asked for as before
        ("Apart from InCoder, which models does BioCoder evaluate?", "CodeGen"),
        # (second review) what both ways share: "global rather than token level ... features"
        ("What self-attention features does the Poly-encoder learn?", "global rather than"),
        # the paper puts aside the optimizing, and has "a pre-editing module" of its own
        ("How is the pre-editing network trained in the variable bitrate image compression "
         "framework for LVLMs?", "pre-editing module"),
        # a name written beside its data: "the Pile (upstream data, 300B tokens)"
        ("Which dataset provided the upstream data in the study on rewarming continual "
         "pre-training?", "the Pile"),
        ("Which Lao PTMs are described as the first transformer-based PTMs for Lao?",
         "ELECTRA-small"),
    ],
)  # fmt: skip
def test_what_the_paper_states_in_its_own_words_is_answered(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # shapes_zn/zo (stop 48): a dataset's size is what it is made of
        ("How large is the Book-SORT dataset, and where were its segments taken from?", "36k pairs"),
        ("NERetrieve silver-annotated corpus size", "4 million paragraphs"),
        # a query's measure before the tasks it is taken on, and "PG-RAG BLEU" two names
        ("PG-RAG BLEU increase single-document tasks", "14.3%"),
        # "Pointer Networks (Ptr-Nets)": the paper writes "Ptr-Nets" and its title the other
        ("How were Pointer Networks (Ptr-Nets) trained to solve the planar Travelling Salesman "
         "Problem?", "training examples alone"),
    ],
)  # fmt: skip
def test_what_a_size_or_query_asks_is_read_as_written(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # "a 2.4x faster, 74% smaller BERT ... with a 1% drop on F1": margins, no F1 reached
        ("What F1 score does the block-pruned BERT reach on SQuAD v1?", "a figure for F1"),
        # "on 11 different target datasets" counts datasets, no learning rate
        ("What learning rate does ClusterFit use on the cluster assignments?",
         "a figure for learning rate"),
        # "9 books" is no accuracy of Book-SORT's
        ("What order-recall accuracy did the human participants reach on Book-SORT?",
         "a figure for order-recall accuracy"),
        # "In-Context ..." starts a search-box query, which asks for parameters
        ("In-Context Pretraining model sizes parameters", "a figure for parameters"),
    ],
)  # fmt: skip
def test_a_figure_of_something_else_is_not_the_one_asked(bundled_index, question, missing):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert missing in answer.text


@pytest.mark.parametrize(
    ("question", "assumed"),
    [
        # "pretraining without attention by using ... SSMs"
        ("Which sparse attention pattern does BiGS combine with its multiplicative gating?",
         "using attention pattern"),
        # "PT improves NOT the confidence of lexical choice, but the negative diversity"
        ("Why does pre-training make resource-rich NMT models more confident in their lexical "
         "choices than random initialization?", "the confidence of lexical choice"),
        # "an in-depth study on an agricultural dataset"
        ("In the study of RAG versus fine-tuning pipelines, how much did fine-tuning improve "
         "accuracy on the medical and legal datasets?", "the agricultural domain"),
        # no name: the paper retrieval finds first is the one described, and it says no gain
        ("Why does conventional continued pre-training consistently improve prompt-based "
         "fine-tuning on sentence-pair tasks?", "a gain from conventional continued"),
    ],
)  # fmt: skip
def test_a_premise_the_abstract_denies_is_not_answered(bundled_index, question, assumed):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert assumed in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # the side the abstract does state
        "Why does pre-training improve the generalization of resource-rich NMT?",
        "How much did fine-tuning improve accuracy on the agricultural dataset in the study of "
        "RAG versus fine-tuning pipelines?",
        "How does BiGS match BERT pretraining accuracy on GLUE?",
    ],
)
def test_the_side_the_abstract_states_is_answered(bundled_index, question):
    assert not bundled_index.ask(question, mode="extractive").abstained


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # (second review) a metric in capitals is a name of its own, beside its dataset
        ("AD-BERT AUC NMEDW", "0.8170"),
        ("AD-BERT WCM AUC", "0.8830"),
    ],
)  # fmt: skip
def test_a_metric_in_capitals_is_a_name_of_its_own(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    "question",
    [
        # shapes_zt/zu (stop 51): "compresses the sequence of hidden states ... reduces the
        # computation cost" names no heads
        "Which attention heads does Funnel-Transformer prune to cut computation cost?",
        # "create synonym pairs ... across 50 languages": a count of languages, not of pairs
        "How many BabelNet synonym pairs in total were used to lexically specialize mBERT and "
        "XLM-R in the massively multilingual specialization work?",
        # "etc." of other abstracts is no ETC; ETC's own abstract gives no maximum length
        "ETC maximum input sequence length tokens",
        # "the most powerful one among multiple pre-trained candidate models" ranks no
        # procedure by efficiency
        "Which of the FDR-controlling conformal selection procedures in OptCS is the most "
        "computationally efficient?",
        # (reviews) XLM-R's own languages, not those of the corpus LangSAMP continues it on
        "How many languages was XLM-R originally pretrained on, before LangSAMP's continual "
        "pretraining?",
    ],
)
def test_a_part_or_a_count_the_abstract_never_gives_is_not_stated(bundled_index, question):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained


@pytest.mark.parametrize(
    "question",
    [
        # "text samples up to 128k tokens": how long a benchmark's inputs are, not its size
        "How large is the Ada-LEval benchmark?",
        # "up to 76.1% improvements", "nine ... downstream tasks": no size of the dataset
        "S4 screenshot pre-training dataset size",
    ],
)
def test_a_length_or_a_count_of_tasks_is_no_size(bundled_index, question):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # shapes_zp/zq (stop 49): "EM score +8.6 on Natural Question", written singular
        ("How much does RETRO++ raise the exact-match score on Natural Questions over RETRO?",
         "+8.6"),
        # "pre-training for ad-hoc retrieval" in lower case is a topic, not another title
        ("Which objective is PROP's representative words prediction task trained jointly with "
         "during pre-training for ad-hoc retrieval?", "Masked Language Model"),
        # "MT" of "machine translation"; "X-ALMA-13B-Pretrain-trained" names it whole
        ("In the study of asymmetric conflict and synergy for LLM-based multilingual MT, how "
         "many pretraining tokens does the fine-tuned X-ALMA-13B-Pretrain use?", "20B"),
        # "the first merge is the most common byte pair": the superlative described across
        # its sentence, after the word it ranks
        ("What does the first merge rule learned by a BPE tokenizer correspond to in its "
         "training data?", "most common"),
        # "the strongest language models (LMs) rely on a combination of massive scale, ..."
        ("What is it commonly perceived that the strongest language models rely on to "
         "summarize and paraphrase without supervision?", "human feedback"),
        # shapes_zt/zu (stop 51): "Our resulting model, which we call ParaCLIP": its own name
        ("By how much did ParaCLIP improve rank similarity scores on paraphrased retrieval?",
         "5.6%"),
        # "10% to 20% percent is optimal": a duration, given as a share of training
        ("What duration of end-of-training domain upsampling is optimal for LLM pretraining?",
         "10% to 20%"),
        # "We apply LangSAMP to the continual pretraining of XLM-R on a ... corpus covering
        # more than 500 languages": both names the question ties together, the figure far
        # from XLM-R
        ("How many languages does the corpus used for LangSAMP's continual pretraining of "
         "XLM-R cover?", "500 languages"),
        # "synonym pairs ... across 50 languages": languages, counted after "across"
        ("Across how many languages are the BabelNet synonym pairs created for massively "
         "multilingual lexical specialization?", "50 languages"),
        # ... and a large encoder, as the abstract has it, is answered
        ("Why does Future Token Prediction (FTP) pair a large encoder with a small decoder?",
         "large transformer encoder"),
        # (reviews) "a human experiment with 155 participants": "with" opens no count of its own
        ("How many participants took part in the Book-SORT human experiment?", "155"),
        # "an inference speedup of over 50 times": "over" hedges the figure
        ("What inference speedup does the calibrated seq2seq model for ultra-fine entity typing "
         "achieve over the previous state of the art?", "50 times"),
        # "incorporating Multiple Negative Rankings loss": a loss by its name
        ("Which contrastive loss was used to fine-tune biomedical sentence-embedding models on "
         "niche datasets built from co-citation links?", "Multiple Negative Rankings"),
        # "Which losses?" of "two self-supervised objectives": a part by another of its names
        ("Which losses does E2S2 add on the encoder side?", "objectives"),
        # shapes_zv (stop 51): "at both the retrieval and re-ranking stages" names two stages
        ("At which two stages of information retrieval does 'Scattered or Connected? An "
         "Optimized Parameter-efficient Tuning Approach for Information Retrieval' study "
         "parameter-efficient tuning?", "re-ranking"),
        # "15 different domain-dependent extrinsic and intrinsic tasks": two qualifiers, one count
        ("CySecBERT number of evaluation tasks", "15 different"),
        # the question goes without the index too; "on which task?" names no setting
        ("Why does CorpusBrain not need to build an additional index for retrieval?",
         "parameters"),
        ("What is the biggest downstream improvement reported for S4 (Strongly Supervised "
         "pre-training with ScreenShots), and on which task?", "Table Detection"),
    ],
)  # fmt: skip
def test_what_the_abstract_states_in_other_forms_is_answered(bundled_index, question, said):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "assumed"),
    [
        # "jointly with the Masked Language Model (MLM) objective"
        ("Why does PROP drop the masked language modeling objective?",
         "not using masked language modeling objective"),
        # "to take advantage of both the large-scale monolingual data and bilingual data"
        ("Why does DeltaLM avoid bilingual data during pre-training?", "not using bilingual data"),
        # "Ada-LEval includes two challenging subsets"
        ("How does the third Ada-LEval subset score model outputs?", "a third subset"),
        # "E2S2 adopts two self-supervised objectives on the encoder side"
        ("Which two self-supervised objectives does E2S2 add on the decoder side?",
         "the decoder side"),
        # "the LSTM exhibited less precise retrieval"
        ("In Characterizing Verbatim Short-Term Memory in Neural Language Models, why did the "
         "LSTM retrieve the order of nouns more precisely than the transformers?",
         "less precise retrieval"),
        # "essential sparsity to hold valid for N:M sparsity patterns"
        ("Why does essential sparsity break down for N:M sparsity patterns?", "it holding there"),
        # "freezing lower layers is helpful for standard BERT-BASE models, while layerwise decay
        # is more effective for BERT-LARGE and ELECTRA models"
        ("Why is freezing lower layers the most effective technique for ELECTRA models in "
         "biomedical NLP fine-tuning?", "BERT-BASE"),
        # "few-shot prompted models appear more sensitive to even static noise"
        ("In the TInt chain-of-thought study, why are few-shot prompted models more robust to "
         "static noise than fine-tuned models?", "more sensitive to even static noise"),
        # a signed figure is a margin: "EM score +8.6 on Natural Question"
        ("What absolute exact-match score does RETRO++ reach on Natural Questions?",
         "a figure for absolute exact-match score"),
        # "robust to high levels of static noise but struggle significantly more with lower
        # levels of dynamic noise": one side, the other condition
        ("In the TInt chain-of-thought noise study, why are fine-tuned models more robust to "
         "dynamic noise than to static noise?", "robust to high levels of static noise"),
        # "carefully fine-tuned models do not suffer from overfitting"
        ("How much do few-shot fine-tuned source models overfit in source-free domain "
         "adaptation?", "not suffer from overfitting"),
        # shapes_zt/zu (stop 51): "TAED performs significantly better than Transducer", its
        # side found by the word the abstract writes ("Transducer"), not the rarer "plain"
        ("Why does TAED perform worse than a plain Transducer on offline speech translation on "
         "MuST-C?", "TAED ranking above a plain Transducer"),
        # "a large transformer encoder ... cross attended to by a small transformer decoder"
        ("Why does Future Token Prediction (FTP) pair a small encoder with a large decoder to "
         "predict the next N tokens?", "a large encoder"),
        # "we continue to train the existing pre-trained models"
        ("Why does ContraBERT pre-train its code model from scratch instead of starting from "
         "CodeBERT or GraphCodeBERT checkpoints?", "continued training of a pre-trained model"),
        # shapes_zv: "most current methods either rely on an encoder-only ... pre-training" is
        # others' choice; CodeT5's own is "a unified pre-trained encoder-decoder"
        ("Why did the CodeT5 authors pick an encoder-only Transformer for both code "
         "understanding and generation?", "an encoder-decoder model"),
    ],
)  # fmt: skip
def test_a_premise_the_abstract_has_otherwise_is_not_answered(bundled_index, question, assumed):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"
    assert assumed in answer.text


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # "We present a replication study of BERT pretraining ... BERT was significantly
        # undertrained": a study with a word before it is still a paper asked for
        ("Which replication study found that BERT was significantly undertrained?", "RoBERTa"),
        # "our model achieves new state-of-the-art on both CNN/Daily Mail and New York Times"
        (
            "Which summarization model achieves a new state of the art on both CNN/Daily Mail and "
            "New York Times?",
            "Pretraining-Based Natural Language Generation",
        ),
        # "no previous work has specifically examined how information loss in input token
        # characters affects the performance of PLMs": the title's words count too
        (
            "Which study says no previous work examined how losing token characters affects "
            "language model performance?",
            "Input Token Characters",
        ),
    ],
)
def test_a_paper_asked_for_by_what_it_says_is_named(bundled_index, question, title):
    answer = bundled_index.ask(question, mode="extractive")
    assert not answer.abstained
    assert "It is **" in answer.text and title in answer.text


def test_a_study_the_paper_speaks_of_is_not_the_paper_asked_for(bundled_index):
    # (reviews) "Which prior study does DefSent+ improve upon?" asks for a study DefSent+'s
    # paper names, not for that paper
    answer = bundled_index.ask("Which prior study does DefSent+ improve upon?", mode="extractive")
    assert not answer.text.startswith("It is **DefSent+")


@pytest.mark.parametrize(
    "question",
    [
        # "LAE with Adaptor PET surpasses the prior state-of-the-art by 1.3%": not with LoRA
        "By how much does the LAE framework with LoRA as its PET module improve "
        "last-incremental accuracy on CIFAR100?",
        # "competitive results" on optical flow, no error given
        "CroCo optical flow endpoint error",
    ],
)
def test_a_detail_the_abstract_leaves_out_is_not_stated(bundled_index, question):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated"


@pytest.mark.parametrize(
    "question",
    [
        # the same questions, as the abstracts have them
        "By how much does the LAE framework with Adaptor improve last-incremental accuracy on "
        "CIFAR100?",
        "Which two self-supervised objectives does E2S2 add on the encoder side?",
        "Why did the transformers retrieve the order of nouns more precisely than the LSTM?",
        "How many subsets does Ada-LEval include?",
        # (reviews) "0.1% less accurate than PubMedBERT": a third side, no reversal
        "Why is Bioformer16L more accurate than Bioformer8L?",
        # pre-training, then "fine-tuned in two stages": a third training stage there is
        "What data is used in GECToR's third training stage?",
        # a short title in lower case as the question's subject still names its paper
        "How does predictive data selection decide which pretraining data to keep?",
        # (reviews) a harm the question does not take for granted: "challenges the belief"
        "Which paper challenges the common belief that fine-tuning on a few labeled examples "
        "leads to overfitting?",
        # (reviews) "without any degradation": a question that has the harm avoided too
        "Which optimizer avoids performance degradation when training BERT with a batch size "
        "of 32868?",
        # "int8 ... significantly slower": the study-first question reads no swap
        "In the post-training quantization study, why does int8 quantization make inference "
        "slow across model sizes?",
    ],
)
def test_the_same_asked_as_the_abstract_has_it_is_answered(bundled_index, question):
    assert not bundled_index.ask(question, mode="extractive").abstained


def test_a_model_described_by_a_count_is_the_paper_that_gives_that_count(bundled_index):
    # shapes_zze: HiTeA's "state-of-the-art results on 15 ... tasks" came first, and UniVL's
    # paper was never read (a title-words filter meant for named papers applied to no name)
    answer = bundled_index.ask(
        "Which video-language pre-training model for both understanding and generation "
        "reports state-of-the-art results on five downstream tasks?"
    )
    titles = {c.title for c in answer.citations}
    assert not answer.abstained
    assert titles == {
        "UniVL: A Unified Video and Language Pre-Training Model for Multimodal Understanding "
        "and Generation"
    }
