"""Superlatives: an abstract that states the superlative asked for in so many words answers
("the largest monolithic transformer based language model, Megatron-Turing NLG 530B"); it was
declined as "do not give a figure for largest monolithic transformer"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rag.question import analyse, superlative_of


@pytest.mark.parametrize(
    ("question", "word", "ranks"),
    [
        ("What is the largest monolithic transformer language model trained?", "largest",
         "monolithic transformer language model trained"),
        ("Which was the first token-free model?", "first", "token-free model"),
        ("Which is the most parameter-efficient method for fine-tuning?",
         "most parameter-efficient", "method for fine-tuning"),
        ("Which method reduces hallucinations the most?", "most", "method reduces hallucinations"),
        ("Which method preserves identity most faithfully?", "most faithfully",
         "method preserves identity"),
        ("Which public model hub is described as the largest one?", "largest", "public model hub"),
        ("Which fine-tuned LLM scores highest on TruthfulQA?", "highest",
         "fine-tuned LLM on TruthfulQA"),
        ("Which version (A, B or C) performs best on GLUE?", "best", "version on GLUE"),
        ("Which tagger - CRF, BiLSTM or BERT - performs best on CoNLL?", "best", "tagger on CoNLL"),
    ],
)  # fmt: skip
def test_the_superlative_and_what_it_ranks(question, word, ranks):
    found = superlative_of(question)
    assert (found.word, found.ranks) == (word, ranks)
    assert analyse(question).superlative == found  # worked out once, with the rest


def test_performs_best_is_a_superlative_of_the_thing_before_it():
    found = superlative_of("Which data augmentation technique for LLMs performs best?")
    assert (found.word, found.ranks, found.over_collection) == (
        "best",
        "data augmentation technique for LLMs",
        True,
    )


@pytest.mark.parametrize("question", ["What did they do first?", "How large is Dolma?"])
def test_no_superlative(question):
    assert superlative_of(question) is None
    assert analyse(question).superlative is None


def test_a_superlative_an_abstract_states_answers(bundled_index):
    answer = bundled_index.ask("What is the largest monolithic transformer language model trained?")
    assert not answer.abstained
    assert answer.citations[0].title.startswith("Using DeepSpeed and Megatron to Train")
    assert "Megatron-Turing NLG 530B" in answer.text


def test_a_superlative_no_abstract_states_says_which_it_does_not_give(bundled_index):
    answer = bundled_index.ask("Which paper reports the fastest BERT pretraining?")
    assert answer.abstained
    assert "do not give which paper reports the fastest BERT pretraining" in answer.text
    assert "the paper reports" not in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("Which protein language model has the most parameters?",
         "which protein language model has the most parameters"),
        ("Which LLM unlearning method is the fastest?", "which LLM unlearning method is the fastest"),
        # a name that says which kind ("Arabic"), not which thing: AraELECTRA's "with even a
        # smaller model size" and GottBERT's own size were given as the answers
        ("Which Arabic pretrained language model has the most parameters?",
         "which Arabic pretrained language model has the most parameters"),
        ("What is the largest German-only pretrained language model released so far?",
         "which is the largest German-only pretrained language model released so far"),
        # "DNA" is written by several papers, none its own: it says which kind, like "protein"
        # (DNAGPT's "9 species" was given as the answer)
        ("Which DNA foundation model was pre-trained on the largest number of species?",
         "which DNA foundation model was pre-trained on the largest number of species"),
        # "(i) Previously ignored multilingual models ..." named no Spanish BERT
        ("Which Spanish monolingual BERT model performs best?",
         "which Spanish monolingual BERT model performs best"),
        # "described in these papers" asks for one model, not a list of papers
        ("Which text-to-image diffusion model described in these papers has the most parameters?",
         "which text-to-image diffusion model described in these papers has the most parameters"),
        # "the first input image is partially masked" states no first of what is asked
        ("Which paper was the first to propose masked image modeling for pre-training vision "
         "encoders?", "which paper was the first to propose masked image modeling for pre-training "
         "vision encoders"),
        # "for Korean" says which kind as "Korean" before it would; "CLIP" is written by more
        # papers than are read, none its own (KLUE's "First, we find ..." and CLIP papers'
        # sentences were given as the answers)
        ("Which was the first pre-trained language model built specifically for Korean?",
         "which was the first pre-trained language model built specifically for Korean"),
        ("Which CLIP model described in these papers is the smallest in parameter count?",
         "which CLIP model described in these papers is the smallest in parameter count"),
        # a strategy is a kind of thing ranked; a benchmark is where they are ranked; "best"
        # over the collection is a superlative too
        ("Which graph neural network pre-training strategy gives the largest downstream "
         "improvement?", "which graph neural network pre-training strategy gives the largest "
         "downstream improvement"),
        ("Which code generation model achieves the best score on the BioCoder benchmark?",
         "which code generation model achieves the best score on the BioCoder benchmark"),
        # shapes_t/u: "performs best" ranks too; a toolkit is a kind of thing ranked; a "the
        # fastest inference" of a paper that never names CLIP is no answer about CLIP
        ("Which data augmentation technique for large language models performs best?",
         "which data augmentation technique for large language models performs best"),
        ("Which was the first open-source neural speech codec toolkit?",
         "which was the first open-source neural speech codec toolkit"),
        ("Which lightweight CLIP model has the fastest inference?",
         "which lightweight CLIP model has the fastest inference"),
        ("Which code model performs best on the BioCoder bioinformatics benchmark?",
         "which code model performs best on the BioCoder bioinformatics benchmark"),
        # shapes_x/y: "the highest BLEU" is what they are ranked by, no kind of model; a
        # superlative stated by a paper that never writes the rarest word asked ("bfloat16
        # models yield the fastest inference speeds" of no speculative decoding, "in the first
        # stage, we use a Transformer-based decoder", an ordinal, of no insertion)
        ("Which speech translation model reports the highest BLEU on the MuST-C test set?",
         "which speech translation model reports the highest BLEU on the MuST-C test set"),
        ("Which speculative decoding method gives the fastest LLM inference speed-up?",
         "which speculative decoding method gives the fastest LLM inference speed-up"),
        ("What was the first insertion-based transformer for hard-constrained text generation?",
         "which was the first insertion-based transformer for hard-constrained text generation"),
        # shapes_z/za: "ranks first on MTEB" ranks; the benchmark, however it is written, says
        # where, not which kind
        ("Which text embedding model ranks first on the Massive Text Embedding Benchmark "
         "(MTEB)?", "which text embedding model ranks first on the Massive Text Embedding "
         "Benchmark (MTEB)"),
        # shapes_zb: being first is a claim only a sentence makes; TunBERT's background and
        # findings were quoted as the answer
        ("Which was the first pre-trained language model built for the Tunisian dialect?",
         "which was the first pre-trained language model built for the Tunisian dialect"),
        # with no name to find, only a sentence that says which is fastest answers (the codec
        # is a kind of thing, no measure: the question asks for a name)
        ("Which deep video compression codec for machine tasks has the fastest encoding speed?",
         "which deep video compression codec for machine tasks has the fastest encoding speed"),
        # shapes_zd/ze: a superlative that closes the question; a benchmark named after words
        # of its own ("on semantic textual similarity (STS) benchmarks") is where they rank
        ("Which method reduces hallucinations in large language models the most?",
         "which method reduces hallucinations in large language models the most"),
        ("Which subject-driven image generation method preserves subject identity most "
         "faithfully?", "which subject-driven image generation method preserves subject "
         "identity most faithfully"),
        ("Which sentence encoder achieves the highest score on semantic textual similarity (STS) "
         "benchmarks?", "which sentence encoder achieves the highest score on semantic textual "
         "similarity (STS) benchmarks"),
        # shapes_zz: "scores highest" ranks; "which version - A, B or C - performs best", of one
        # paper that ranks none of them
        ("Which fine-tuned LLM scores highest on TruthfulQA?",
         "which fine-tuned LLM scores highest on TruthfulQA"),
        ("Which LaoPLM version - BERT-small, BERT-base, ELECTRA-small or ELECTRA-base - performs "
         "best on Lao part-of-speech tagging?", "which LaoPLM version - BERT-small, BERT-base, "
         "ELECTRA-small or ELECTRA-base - performs best on Lao part-of-speech tagging"),
        # shapes_zzb: "we test multiple enhanced decoder structures ... on the GLUE benchmark"
        # ranks none and gives no figure; "the most powerful one among ... candidate models"
        # ranks models, not the procedures asked about
        ("Which enhanced masked language modeling decoder structure gives the largest GLUE "
         "improvement when pretraining BERT?", "which enhanced masked language modeling decoder "
         "structure gives the largest GLUE improvement when pretraining BERT"),
        ("Which of the three FDR-controlling procedures in OptCS achieves the highest selection "
         "power?", "which of the three FDR-controlling procedures in OptCS achieves the highest "
         "selection power"),
        # shapes_zzc: "in these papers" asks for one detector, not every paper on detection
        ("Which object detector in these papers achieves the highest box AP on MS COCO?",
         "which object detector in these papers achieves the highest box AP on MS COCO"),
    ],
)  # fmt: skip
def test_a_superlative_over_the_collection_no_abstract_states_is_not_stated(
    bundled_index, question, missing
):
    # were answered with a paper's own size or speed-up
    answer = bundled_index.ask(question)
    assert answer.abstained and answer.outcome == "not_stated"
    assert f"do not give {missing}:" in answer.text


def test_a_superlative_stated_of_what_the_question_ranks_answers(bundled_index):
    answer = bundled_index.ask(
        "Which numeric precision gives the fastest LLM inference speeds, compared with 4-bit "
        "and int8 quantized models?"
    )
    assert not answer.abstained and "bfloat16" in answer.text


@pytest.mark.parametrize(
    ("question", "paper", "said"),
    [
        # "biggest" is said "largest"; "ahead of" is "before"
        ("Which language model is reported as the biggest one pretrained with retrieval ahead of "
         "instruction tuning?", "InstructRetro", "Retro 48B"),
        # a paper asked for as "the first ...", which introduces no name of its own
        ("Which work presents the first transformer-based pre-trained language models for Lao?",
         "LaoPLM", "the first transformer-based PTMs for Lao"),
        # shapes_n and shapes_o: "BERT" alone was searched for (BERT's own paper), a long
        # description outran the words read after "the first", "English Twitter" was taken
        # for a name no paper writes
        ("Which paper presents the first fully binarized BERT?", "BiBERT",
         "As the first fully binarized BERT"),
        ("What was the first framework for crafting universal adversarial perturbations that "
         "fool every downstream task built on a pre-trained encoder?", "Downstream-agnostic",
         "AdvEncoder"),
        ("Which was the first publicly released large-scale language model pre-trained on "
         "English Twitter data?", "BERTweet", "the first public large-scale"),
        # shapes_r/s: "These findings constitute the largest set of experiments ...": which
        # study, its title says; "the first to investigate the design of such algorithms": the
        # algorithms the sentence before describes
        ("Which study calls its set of pretraining-data experiments the largest one to validate "
         "undocumented intuitions about text pretraining?", "A Pretrainer's Guide",
         "It is **A Pretrainer's Guide"),
        ("Which work was the first to investigate algorithms for exploiting large-scale language "
         "pretraining in text-video retrieval?", "TEACHTEXT", "TeachText"),
        # shapes_t/u: a superlative retrieval judged weak for the whole question; "a first of
        # its kind"; "our model is the first E2E model ...", which the title spells out; the
        # reader's "It is **<title>**." leads
        ("Which work claims the first systematic study of the whole pipeline for building LLM "
         "pretraining sets?", "Data, Data Everywhere", "It is **Data, Data Everywhere"),
        ("What is the first-of-its-kind benchmark for teaching foundation models to understand "
         "technical documentation?", "FETA", "a first of its kind FETA benchmark"),
        ("Which is the first end-to-end speech intent classification and slot filling model to "
         "match cascading systems that use an oracle speech recognizer?", "Leveraging "
         "Pretrained ASR Encoders", "the first E2E model"),
        ("What is the first approach able to condition on arbitrarily interleaved image and "
         "text inputs to generate coherent image outputs?", "Generating Images with Multimodal",
         "It is **Generating Images with Multimodal Language Models** [1]. Ours is the first"),
        # "ranks first in MLPerf" of "our highly optimized BERT model": which one, its title says
        ("Which optimized BERT training approach ranked first in MLPerf Training v2.0 for its "
         "GPU configuration?", "Boosting Distributed Training Performance of the Unpadded",
         "It is **Boosting Distributed Training Performance of the Unpadded BERT Model**"),
        # "Which work ...?" is answered by its title, whatever models the sentence names; "the
        # highest masking ratio reported so far" is a record, stated "to date"
        ("Which work presents the first transformer-based pre-trained language models for Lao?",
         "LaoPLM", "It is **LaoPLM: Pre-trained Language Models for Lao** [1]."),
        ("Which masked autoencoder reaches the highest masking ratio reported so far, and what "
         "is that ratio?", "Efficient Image Pre-Training with Siamese Cropped", "98.5%"),
        # a title with a full stop in it is cited after it, not inside it
        ("Which paper offers the first systematic analysis of the shortcomings of token-level "
         "measures such as F1 for judging QA answers?", "Tomayto, Tomahto",
         "It is **Tomayto, Tomahto. Beyond Token-level Answer Equivalence for Question Answering "
         "Evaluation** [1]."),
        # shapes_x/y: "demonstrating, for the first time, that ..." and "we develop ...,
        # providing the first formal characterization of ..." claim their whole sentence;
        # "This paper takes the first step ..." is the paper's own, which its title spells out;
        # the second part of the question is answered too
        ("Which study claims to show for the first time that different memorized prompts in "
         "text-to-image models activate one shared part of the network?", "Memorized Images",
         "demonstrating, for the first time"),
        ("Which LLM pretraining paper claims the first formal analysis of how weighting each "
         "training sample by its loss affects gradient-based optimization?", "Dynamic Loss-Based",
         "the first formal characterization"),
        ("Which study takes the first step in examining how pre-training and back-translation "
         "complement each other in NMT, and which part of the model does each mainly help?",
         "On the Complementarity between Pre-Training and Back-Translation", "encoder module"),
        ("Which paper claims to show for the first time where memorization is located inside "
         "text-to-image diffusion models, and how does it remove it?", "Memorized Images",
         "pruning of weights"),
        # shapes_zb/zc: what the model ranked does ("beats") is stated in other words
        # ("outperforms"); another paper writing "beats" is no rival claim
        ("Which large language model claims to be the first built on linear attention that "
         "beats conventional softmax-attention models in both accuracy and efficiency?",
         "Scaling TransNormer", "TransNormerLLM"),
        ("What was the first LLM based on linear attention to beat conventional "
         "softmax-attention models in both accuracy and efficiency?", "Scaling TransNormer",
         "TransNormerLLM"),
        # shapes_zz and its review: "scores highest" of one paper's baselines, said
        # "outperforms other baselines"; "our model ... improves the SoTA": which model, its
        # title says, and the name it gives its own where the title does not
        ("Which baseline scores highest on the KLUE benchmark?", "KLUE", "KLUE-RoBERTa-large"),
        ("Which procedural video representation model improves the state of the art in step "
         "forecasting, and by how much?", "VEDIT", "It is **VEDIT"),
        ("Which ultra-fine entity typing model beats the previous state of the art in both F1 "
         "and calibration error, and how much faster is its inference?", "Calibrated Seq2seq",
         "which presents CASENT"),
    ],
)  # fmt: skip
def test_a_superlative_stated_in_other_words_answers(bundled_index, question, paper, said):
    answer = bundled_index.ask(question)
    assert not answer.abstained
    assert answer.citations[0].title.startswith(paper)
    assert said in answer.text


def test_a_superlative_stated_by_a_paper_that_names_nothing_answers_with_its_title(
    bundled_index,
):
    # "To our knowledge, this is the first representation learning method ...": which one, the
    # title says (the answer quoted the paper and never named it)
    answer = bundled_index.ask(
        "What is claimed as the first representation learning method for sentence and document "
        "semantics that works without traditional language models?"
    )
    assert answer.text.startswith("It is **Pixel Sentence Representation Learning** [1].")
    assert "the first representation learning method devoid of" in answer.text


@pytest.mark.parametrize("seed", ["0", "10"])
def test_a_superlative_is_read_the_same_whatever_the_hash_seed(bundled_index, seed):
    # "ranks first in MLPerf ... within the same GPU configuration" names no configuration; the
    # rarest word asked was picked from a set, so the answer changed with PYTHONHASHSEED (10
    # answered it, 0 declined); each seed in a process of its own, over the same index
    script = (
        "from rag.assistant import Assistant; from rag.config import Settings; "
        f"a = Assistant(Settings(_env_file=None, index_dir={str(bundled_index.settings.index_dir)!r})); "
        "print(a.ask('Which GPU configuration did the unpadded BERT model use to rank first in "
        "MLPerf Training v2.0?').abstained)"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "True"
