"""Questions of the probes read in stops 56 to 58 (shapes_zzf, shapes_zzg, heldout_ai,
heldout_topical_z; heldout_aj, shapes_zzh; shapes_zzi, shapes_zzj, heldout_ak), asked of the
whole bundled index through ``ask()``: each was answered wrongly, or declined, before."""

import pytest

PRESELECT = "Predictive Data Selection: The Data That Predicts Is the Data That Teaches"
VLM = "VLM: Task-agnostic Video-Language Model Pre-training for Video Understanding"


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        # "TDT models" is the short name the abstract gives "Token-and-Duration Transducer"
        ("How much faster is speech recognition inference with Token-and-Duration Transducer "
         "models than with conventional Transducers?", "2.82X"),
        # "PreSelect-filtered" names PreSelect
        ("How much PreSelect-filtered data was needed to beat a vanilla baseline trained on "
         "300B tokens, and what kind of scorer does the selection method rely on?", "30B"),
        # PubMedBERT's weakness, which the SUFO analysis found, not SUFO's own
        ("What weakness did the SUFO analysis expose in the domain-specific PubMedBERT model for "
         "pathology classification?", "minority classes"),
        # "which model size": "smaller models are ...", a size in words
        ("In the TERA speech pre-training study, which model size made the stronger "
         "representation learner and which was more effective for downstream fine-tuning?",
         "smaller models are strong"),
        # "never show up in downstream data" is no claim the paper never worked on downstream
        ("According to the MAE-LM work, what goes wrong in MLM pretraining because [MASK] tokens "
         "never show up in downstream data?", "[MASK]"),
        # a paper found by what it claims, in a sentence of its results
        ("Which video-language pre-training approach claims strong performance across a wider "
         "range of tasks than any previous method?", "wider range of tasks"),
        # "the Naver Labs authors" say who wrote it, not what the answer must name
        ("What proxy task did the Naver Labs authors introduce to learn visual features from "
         "image-caption pairs by predicting masked caption words?", "ICMLM"),
        # a limit is a maximum: "restricting inputs to a maximum of 77 tokens"
        ("What caption length limit does CLIP's absolute positional encoding impose, and what "
         "kind of position encoding does TULIP switch to in order to lift it?", "77 tokens"),
        # "transfer worse to downstream tasks" ranks nothing above supervised pre-training
        ("According to the LOOK paper, why do supervised pre-training methods transfer worse to "
         "downstream tasks?", "intra-class"),
        # "99% accurate" is a score
        ("DNA-ESA alignment accuracy on human genome reads", "99%"),
        # a search-box query counting what something is for
        ("LLM training repetitions for near-perfect recall", "3 exposures"),
        # "what scheme for splitting work across GPUs" asks for one paper's scheme, not papers
        ("What scheme for splitting work across GPUs did Microsoft and NVIDIA use with DeepSpeed "
         "and Megatron to train the monolithic 530-billion-parameter Megatron-Turing NLG?",
         "3D parallelism"),
        # the paper's own tasks, not its opening background on pre-trained models for code
        ("Which pre-training tasks does CodeT5 use to exploit developer-assigned names and "
         "user-written code comments?", "identifier-aware"),
        # "frozen text-only LLMs" are the paper's own words: no premise of text only
        ("In Generating Images with Multimodal Language Models, what component grounds the "
         "frozen text-only LLM to an off-the-shelf text-to-image generation model?",
         "mapping network"),
        # "CoPE let attention", "knowledge besides attention": no kind of attention the
        # question gives the paper
        ("How does CoPE let attention target, say, the i-th sentence rather than the i-th "
         "token?", "incrementing position"),
        ("In MiniLM's deep self-attention distillation, from which teacher layer is the "
         "self-attention module distilled, and what extra knowledge besides attention "
         "distributions is transferred?", "last Transformer layer"),
        # "What do the authors propose to ...?": the sentence of what it proposes
        ("What do the authors propose to rein in the copying behavior that pre-training "
         "initialization causes in NMT models at decoding time?", "copying penalty"),
        # "Which framework claims a gain ...?" asks for the framework
        ("Which retrieval-augmented framework claims a gain on associative memory tasks over the "
         "state-of-the-art embedding model, and how large is that gain?", "HippoRAG 2"),
    ],
)  # fmt: skip
def test_a_fact_the_abstract_states_is_answered(bundled_index, question, fact):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.outcome == "answered", answer.text
    assert fact in answer.text


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("Which video-language pre-training approach claims strong performance across a wider "
         "range of tasks than any previous method?", VLM),
        ("How much PreSelect-filtered data was needed to beat a vanilla baseline trained on "
         "300B tokens?", PRESELECT),
        # the paper that writes a tokenizer, not the first one found ("an HPC-specific LM")
        ("What is the name of the HPC-specific code tokenizer proposed for building smaller "
         "domain-specific LLMs, and what language was the code corpus it was used to pre-train "
         "on?", "Scope is all you need: Transforming LLMs for HPC Code"),
    ],
)  # fmt: skip
def test_the_paper_that_states_it_is_cited_first(bundled_index, question, cited):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.citations and answer.citations[0].title == cited


@pytest.mark.parametrize(
    "question",
    [
        "HMT perplexity on PG-19",  # "0.5% - 2% of parameters" is no perplexity
        "Dolma share of code tokens",  # "three trillion tokens" is no share of them
        # "a 10x reduction in compute" is no number of accuracy points
        "By how many accuracy points does PreSelect beat DCLM and FineWeb-Edu at the 3B/100B-token "
        "scale?",
        # "is best at", "holds up best": a ranking no abstract makes
        "Which vision-language model is best at scene-text visual question answering?",
        "Which pre-trained vision model holds up best on out-of-domain tasks when its "
        "pre-training labels are noisy?",
        # a premise the abstract turns around
        "In ClusterFit, which layers of the original pre-trained network are fine-tuned on the "
        "k-means pseudo-labels?",
        "Why did TunBERT rely on Wikipedia and news articles as its main pretraining corpus for "
        "the Tunisian dialect?",
        "Why did the TERA study find larger models to be the stronger representation learners "
        "while smaller models were better for downstream fine-tuning?",
        # an average over six benchmarks that include Video-MME is no Video-MME score
        "What Video-MME score does LLaVA-Video-7B reach once QuoTA is plugged in?",
        # a setting the abstract gives at other values only: 2018 and 2022, a scale of 2
        "What score did the Qin system get on the 2019 Gaokao English exam?",
        "What CIDEr does the classifier-free guided captioner get with a guidance scale of 3?",
        # "what absolute MMLU accuracy?": a sentence with neither MMLU nor a score
        "What absolute MMLU accuracy does the 7B model reach after end-of-training domain "
        "upsampling in the 'Does your data spark joy?' study?",
        # "By how many points did they beat ...?" of "fail to consistently improve over"
        "By how many points did the medical VLMs beat their general-domain base models on "
        "medical QA in The Limited Impact of Medical Adaptation study?",
        # "ranks highest": a ranking no abstract makes
        "Which open chat model ranks highest on Chatbot Arena?",
        # stop 58 (shapes_zzi, shapes_zzj): a mean squared error, "the fewest parameters"
        "What mean squared error does Otter-Knowledge report on the TDC drug-target binding "
        "affinity benchmarks?",
        "Which grammatical error correction system in these papers has the fewest parameters?",
        # a 100-billion-parameter model of a paper on its 10-billion-parameter one
        "How large was the corpus used to train the 100-billion-parameter ERNIE 3.0 model?",
        # a frozen LLM fine-tuned; an off-the-shelf OCR system trained from scratch
        "In Generating Images with Multimodal Language Models, how is the LLM fine-tuned "
        "end-to-end so that it can generate images?",
        "How is the OCR module that PreSTU trains from scratch, jointly with its encoder-decoder, "
        "designed?",
        # a gain where the study found a decline; fewer copies where it found a larger ratio
        "How large an accuracy gain did fine-tuning on 50 to 100 examples bring to the RAG "
        "pipelines studied in 'Fine-Tuning or Fine-Failing? Debunking Performance Myths in Large "
        "Language Models'?",
        "Why do pre-training based NMT models copy fewer source tokens than standard NMT models, "
        "according to the study of copying behaviors of pre-training for NMT?",
        # heldout_ak: a gain on a T5 backbone of a paper giving it on BART; a 4-shot gain of
        # a paper giving it 16-shot
        "What average GLUE gain does E2S2 give when applied to a T5 backbone?",
        "How much does PRE improve new-class accuracy over CoOp in the 4-shot setting?",
        # an attention no one word of which the ETC abstract writes
        "How does ETC's random sparse attention pattern let it scale to longer inputs?",
    ],
)
def test_what_no_abstract_states_is_declined(bundled_index, question):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.abstained and answer.outcome == "not_stated", answer.text
    assert not answer.citations


def _asked_after(user: str, assistant: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]


@pytest.mark.parametrize(
    ("history", "follow_up", "fact"),
    [
        # "how much ... did it lose": a drop ("0.85 COMET drop")
        (_asked_after(
            "Why does multilingual translation with LLMs suffer from the curse of multilinguality?",
            "One study analyzes linguistic conflicts and synergy during post-training and finds "
            "they are asymmetric across translation directions. The authors propose "
            "direction-aware training with group-wise model merging."),
         "How much translation quality did their approach lose compared with the fully "
         "fine-tuned model, and on which test sets?", "0.85 COMET drop"),
        # "how many FLOPs does it save": a saving, given as a share
        (_asked_after(
            "How can bidirectional encoders be used efficiently for streaming sequence tagging?",
            "HEAR, a Hybrid Encoder with Adaptive Restart, combines a unidirectional and a "
            "bidirectional encoder and uses an adaptive restart module."),
         "How many FLOPs does it save in streaming settings?", "71.1%"),
        # "the news articles" are the paper's data, not papers asked for
        (_asked_after(
            "Can LLMs replace manual annotation for multilingual news topic classification?",
            "One work uses a GPT model as a teacher to automatically annotate news articles with "
            "IPTC Media Topic labels, then fine-tunes smaller BERT-like student models."),
         "Which languages were the news articles in?", "Slovenian"),
        # "how much text": a size in bytes ("a 12GB Wikipedia dataset")
        (_asked_after(
            "How can a pre-trained model generate text that must contain certain given words?",
            "One approach is POINTER, an insertion-based transformer: starting from the required "
            "words, it repeatedly inserts new tokens between existing ones in parallel."),
         "How much text was it pre-trained on, and which datasets did they test it on?", "12GB"),
    ],
)  # fmt: skip
def test_a_follow_up_in_plain_messages_is_answered(bundled_index, history, follow_up, fact):
    answer = bundled_index.ask(follow_up, history=history, mode="extractive")
    assert answer.outcome == "answered", answer.text
    assert fact in answer.text


def test_a_follow_up_asking_a_score_the_abstract_lacks_is_declined(bundled_index):
    history = _asked_after(
        "Is there a video-language pretraining approach that isn't tied to a specific task?",
        "A task-agnostic video-language model accepts video, text or both, and uses new masking "
        "schemes that mix modalities.",
    )
    # "R@1" asks for a figure, which the VLM abstract does not give
    answer = bundled_index.ask(
        "What text-to-video retrieval R@1 does it reach on MSR-VTT?", history=history
    )
    assert answer.abstained and answer.outcome == "not_stated", answer.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Which papers build on Mistral models or Mistral's tokenizer?", "Mistral"),
        # either name will do
        ("Which papers report results on Natural Questions or TriviaQA?", "TriviaQA"),
        # quantizing or experimenting with a named model is using it too
        ("Which papers fine-tune, quantize or otherwise experiment with Falcon language models?",
         "Falcon"),
    ],
)  # fmt: skip
def test_a_topical_question_on_a_named_thing_lists_the_papers_naming_it(
    bundled_index, question, named
):
    answer = bundled_index.ask(question, mode="extractive")
    assert answer.outcome == "answered", answer.text
    papers = [bundled_index.paper(c.paper_id) for c in answer.citations]
    assert papers and any(named in f"{p['title']} {p['abstract']}" for p in papers)
