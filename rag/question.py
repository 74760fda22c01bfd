"""The question, analysed once: its terms, the things it names, the kind of answer it wants.

Every later stage (retrieval, the evidence reader, the extractive answerer, the citation check)
takes this analysis instead of re-tokenising the question.

>>> q = analyse("What MMLU score does Yi-34B achieve?")
>>> q.names, q.wants, sorted(q.head)
(['MMLU', 'Yi-34B'], 'number', ['mmlu'])
>>> analyse("Which papers pre-train byte-level models?").topical
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise, permutations

from rag.chunking import split_sentences
from rag.lexical import STOPWORDS, tokenize
from rag.names import plain_word, spelled_acronyms

# What a topical question asks for: papers, or the methods they propose.
_WORKS = "papers|works|studies|articles|publications"
_EFFORTS = "methods|approaches|techniques|analyses|efforts"
# What papers make, asked for across the collection ("Are there ... benchmarks ...?").
_KINDS = (
    "models|systems|surveys|reviews|benchmarks|datasets|corpora|frameworks|architectures|toolkits"
)
_HOW_MANY_ON = (
    rf"^\W*how many (?:{_WORKS})\s+(?:(?:in|of) (?:the|this|my|your) (?:index|collection|corpus|library)\s+)?"
    r"(?:are (?:there )?(?:about|on|in)|(?:are|were) (?:there )?(?:on|about)|study|discuss|address|work on"
    r"|use|propose|look at|focus on|deal with|examine|investigate|mention|evaluate|cover|tackle)\b"
)
# The scene set before the asking words: "In dense retrieval, which papers ...?" (not "Does
# MosaicBERT, which papers compare against, use FlashAttention?": a relative clause)
_SCENE = (
    r"in|for|rather\s+than|when|beyond|among|unlike|instead\s+of|apart\s+from|besides|within"
    r"|across|given|compared\s+(?:to|with)|other\s+than|aside\s+from|outside|since|after|before"
    r"|while|with|without|under|on|at|from|to|as|if|once"
)
_WHICH_PAPERS_AFTER = r"which\s+(?:[\w-]+\s+){0,2}?(?:papers|articles|publications)\b"
_SCENE_SET = rf"^\W*(?:{_SCENE})\b[^,?]{{1,150}},\s{_WHICH_PAPERS_AFTER}"
# "Which papers ...?" asks for the papers on a topic, not for a fact.
_TOPICAL = re.compile(
    r"^\W*(which|what|are there|is there|list|find|show me|name|any)\b[^?]{0,60}?"
    # "what share did they find works best": a verb
    # "did they show it works with": a verb after a pronoun
    r"\b(papers|(?<!\bit )(?<!\bthis )(?<!\bthat )works(?!\s+(?:best|well|better|worse|poorly|badly)\b)"
    # "used for the empirical studies in <title>": the paper's own studies, not a topic's
    # papers ("Which empirical studies compare ...?" asks for papers)
    r"|(?<!the empirical )(?<!the ablation )(?<!the case )(?<!the user )(?<!the pilot )"
    r"(?<!the human )(?<!the extensive )(?<!the experimental )studies"
    # (not "Which languages were the news articles in?": what a paper's data holds)
    r"|(?<!news )(?<!wikipedia )(?<!web )(?<!blog )articles|publications)\b"
    # not "What work remains, according to the authors?"
    r"|^\W*what (work|research)\b(?!\s+(?:remains|is left|is needed|did|does|do|will|would)\b)"
    rf"|^\W*(are there|is there)\s+(any\s+)?({_EFFORTS}|work|research)\b"
    # "Are there domain-adapted language models for ...?", "What benchmarks exist for ...?":
    # the things papers make, asked for across the collection
    rf"|^\W*are there\s+(?:any\s+)?(?:[\w-]+\s+){{0,4}}?(?:{_KINDS})\b"
    r"(?!\s+(?:of|in|from)\s+(?:the|this|that|their|its)\b)"
    rf"|^\W*what\s+(?:[\w-]+\s+){{0,3}}?(?:{_KINDS})(?:\s+or\s+[\w-]+)?\s+"
    r"(?:exist|are there|are available|have been (?:proposed|released|built))\b"
    # "What self-supervised visual pretraining work goes beyond ...?" (not "What prior work
    # inspired it?", "What future work do they suggest?")
    r"|^\W*what\s+(?!(?:[\w-]+\s+){0,3}?(?:prior|related|future|previous|earlier|existing"
    # (nor "What scheme for splitting work across GPUs ...?": work inside a phrase of its own)
    r"|further|their|its|this|the|did|does|do|is|are|was|were|for|of|to|with)\b)"
    r"(?:[\w-]+\s+){1,3}?(?:work|research)\s+"
    r"(?!(?:remains|is|was|are|were|did|does|do|will|would|has|have|had|can|could|should)\b)\w+"
    # "How many papers study LoRA?" (not "How many papers does the survey cover?"): a list
    rf"|{_HOW_MANY_ON}"
    # "In dense retrieval, which papers build ...?", "Rather than X, which papers ...?": the
    # asking words after a setting of the scene
    rf"|{_SCENE_SET}",
    re.I,
)
# "Which approaches reduce ...?" asks for papers; "which methods did they compare", "which
# methods outperform it" and "which methods achieve the highest accuracy" ask about one paper.
_METHODS = re.compile(
    # "Which vision(-language) pretraining approaches add ...?", "Which pretraining objectives
    # predict ...?"
    r"^\W*which\s+(?:[\w()-]+\s+){0,3}?(approaches|methods|techniques|models|objectives"
    r"|architectures|algorithms|systems)\s+"
    r"(?!(?:do|does|did|were|was|are|is|have|has|had|can|could|would|will|and|or)\b)\w+",
    re.I,
)
_ABOUT_ONE = re.compile(
    r"\b(it|its|they|them|their|the (paper|authors?|study|proposed \w+))\b"
    r"|\b(highest|best|lowest|most|least|top)\b",
    re.I,
)
# "Which papers study this?" after the question it refers to: the topic is the other sentences.
_POINTS_BACK = re.compile(r"\b(this|these|that|those|it|them)\W*$", re.I)
# The asking words before a topic: "Which papers", "What work is there on", "Are there papers
# that"; the rest is what the papers should be about.
_FRAMING = re.compile(
    r"^\W*(?:which|what|are there|is there|list|find|show me|name|any)\s+(?:any\s+|the\s+)?"
    rf"(?:{_WORKS}|work|research|{_EFFORTS})\b"
    r"(?:\s+(?:is there|are there|exists?|has been done|have been done|that|which|on|about|in"
    r"|for|of)(?![\w-]))*\s*"  # not the "in" of "in-context"
    r"|^\W*(?:which|what)\s+"  # "Which retrieval-augmented approaches organize ...": the rest
    rf"|{_HOW_MANY_ON}\s*"
    r"|^\W*(?:are|is) there\s+(?:any\s+)?"  # "Are there domain-adapted models for ...?"
    rf"|(?<=,\s){_WHICH_PAPERS_AFTER}\s+(?:that\s+)?",  # once _SCENE_SET found them
    re.I,
)
_REFERS_BACK = re.compile(
    r"^(and|or|but|also|so|then|what about|how about)\b"
    r"|\b(it|its|they|them|their|this|that|these|those|he|she|the (paper|model|method|approach|"
    r"authors?|study|work|system|framework|dataset|benchmark|technique))\b",
    re.I,
)
# The kind of answer wanted, tried in order: the first pattern found decides. A measure word
# counts when it is in the phrase "what/which" opens, which ends at its verb: "Which benchmarks
# did it show improvements on?" asks for benchmarks, not for an improvement.
_WHAT_MAKES = r"\bwhat\s+(?:\w+ly\s+)?makes\b"
# Kinds of thing named, not measured: "which compression *standard*", "what learning-rate
# *schedule*" head their phrase past the measure word before them
_KIND_HEADS = frozenset(
    "standard method technique scheme strategy algorithm approach model framework codec "
    "format schedule policy procedure protocol function objective loss architecture setting "
    "configuration".split()
)
_KIND_HEAD = "|".join(sorted(_KIND_HEADS))
# What "which ...?" asks for when the answer is a proper name ("which tokenizer", "which base
# model"); "which tasks" or "which languages" are answered in plain words.
NAMED_KINDS = frozenset(
    "model models dataset datasets benchmark benchmarks tokenizer optimizer architecture "
    "backbone classifier corpus corpora library framework system toolkit encoder decoder "
    "baseline baselines llm llms checkpoint checkpoints language languages engine tool tools "
    "software detector detectors generator generators retriever retrievers reranker rerankers "
    "judge teacher parser".split()
)
# "What time-to-train in minutes", "at what bitrate, in kbps": a noun phrase, then its unit
_IN_A_UNIT = re.compile(
    r"^\W*(?:at\s+|of\s+|with\s+)?what\s+(?:[\w-]+\s+){0,2}?[\w-]+,?\s+\(?in\s+"
    r"(?P<unit>seconds|minutes|hours|days|weeks|months|milliseconds|ms|GPU-hours|GPU-days"
    r"|[KMGT]B|[kKMG]bps|FLOPs|dollars|USD|percent"
    r"|percentage\s+points)\b"
    # ... then the question's verb: not "what model runs in seconds on a CPU?"
    r"\)?,?\s+(?:did|does|do|is|was|are|were|can|could|has|have|had|would|will)\b",
    re.I,
)
# "At what frequency do wombat burrows resonate?": a value, however it is measured ("48 Hz")
# (a quantity: not "at what time", "at what layers", "at what granularity")
AT_WHAT = re.compile(
    r"(?:^|,)\W*at\s+what\s+(?:[\w-]+\s+){0,2}?(?:rate|bitrate|scale|size|frequency|resolution"
    r"|temperature|threshold|ratio|length|complexity|speed|budget|sparsity|percentage|fraction"
    r"|learning\s+rate|sample\s+size|batch\s+size)s?\b",
    re.I,
)
_WANTS = (
    # "What is the name of the transducer that predicts how many frames ...?" asks for a name
    ("name", re.compile(r"^\W*what(?:'s|\s+is|\s+was)?\s+the\s+name\s+of\b", re.I)),
    # "For which tasks are the largest gains observed?": the tasks, not the gains ("for which
    # models ...?" is answered by a kind, "especially in smaller models", read as before)
    ("name", re.compile(
        r"^\W*(?:(?:for|on|in|across|with)\s+)?which\s+(?!models?\b)(?:[\w-]+\s+){1,3}?"
        r"(?:is|are|was|were)\s+"
        r"the\s+(?:largest|biggest|greatest|highest|strongest|smallest|lowest)\s+(?:[\w-]+\s+)?"
        r"(?:gains?|improvements?|benefits?|drops?|boosts?|effects?)\b", re.I)),
    # "Which LLM achieved the highest accuracy?" asks for a model, not its accuracy
    ("name", re.compile(
        r"^\W*which\s+(?:[\w-]+\s+){1,3}?(?:\w+ed|achieves|scores|gets|performs|does|has|had"
        r"|reaches|attains|obtains|yields|shows|reports|offers|delivers|supports|handles|uses)\s+"
        r"(?:the\s+)?(?:highest|best|lowest|top|strongest|most|largest|biggest|greatest|worst"
        r"|smallest|least|fewest)\b", re.I)),
    # "Which pretraining strategy gives substantial gains?" asks for the strategy, not a gain
    ("name", re.compile(
        # ("Which framework claims a gain on ...?")
        r"^\W*which\s+(?:[\w-]+\s+){1,3}?(?:claims|claimed|reports|reported"
        r"|gives|gave|yields|yielded|brings|brought|provides"
        r"|provided|offers|offered|delivers|delivered|produces|produced|leads\s+to|led\s+to"
        r"|results\s+in|resulted\s+in)\s+(?:[\w-]+\s+){0,2}?(?:gains?|improvements?|benefits?"
        r"|boosts?)\b", re.I)),
    # "... reduces its dependence on how many documents it saw" embeds no question of a count;
    # "which abstracts count as similar" asks how they are judged, not how many
    ("number", re.compile(
        # nor "..., to test how well code fragments are represented": the purpose of what is asked
        r"(?<!\w on )(?<!\w of )(?<!\w about )(?<!\btest )(?<!\bmeasure )(?<!\bevaluate )"
        r"(?<!\bassess )(?<!\bexamine )(?<!\bcheck )(?<!\bsee )"
        r"\bhow (much|many|large|long|big|fast|often|far|small|high|low|well|deep|wide)\b"
        r"|\bby what (factor|margin)\b|\bwhat (is|was|were|are) the (number|size|cost)\b"
        # not "on what kind of tasks are its gains largest?": a kind of task is asked for;
        # not "along which dimensions does it alter frames?": the axes are asked for
        r"|(?<!along )\b(what|which)('s)? (?!(?:kind|type|sort)s?\s+of\b)"
        r"((?!(?:do|does|did|has|have|had|can|could|will|would|must|should|may|might|shall)\b)"
        r"[\w.@'’-]+ ){0,5}?(percentage|fraction|size|number|score|accuracy|ratio|"
        # ("which parameter-efficient tuning modules" asks for modules; "what masking
        # probability" for a value, not "what conditional probability does it learn?")
        r"rate|speedup|speed-up|f1|bleu|perplexity|length|count(?!s?\s+as\b)|amount|cost|budget|parameters?(?!-)|share|"
        r"(?:mask(?:ing)?|dropout|sampling|replacement|corruption|acceptance)\s+probabilit(?:y|ies)|"
        r"compression|"
        r"proportion|portion|percent|pass@\d+|(?:r|p|hits|acc|recall|mrr|ndcg)@\d+|scores|"
        r"dimension|improvement|gain|reduction|margin|factor|window|latency|throughput|"
        r"deviation|variance|correlation|agreement|kappa|recall|precision|ndcg|mrr|auc|rouge|wer|cer|fid|"
        r"(?:cider|meteor|spice|chrf|clipscore)(?!-)|"
        # "what mean squared error": a figure (not "what error does it fix?", a kind)
        r"(?:squared|absolute)\s+error|mse|mae|rmse|"
        r"epoch|step|"
        # "what LoRA rank", not "which model ranks first"
        r"level|threshold|dimensionality|resolution|iou|miou|map|ap|auroc|elo|value|stride|rank(?!s))s?\b"
        # the measure heads its phrase: "which compression *standard* is it benchmarked
        # against?" asks for a name; "what F1 score", "what window size" for a figure
        r"(?!\s+(?:" + _KIND_HEAD + r")s?\b)",
        re.I)),
    # "What beam width is used ...?": a value, when "what" opens its phrase (not "which work
    # pioneered a variable bitrate ...")
    ("number", re.compile(
        r"^\W*what\s+(?:[\w-]+\s+)?(?:width|depth|temperature|bitrate|duration|frequency)s?"
        # ... that ends its phrase: not "what temperature scaling method", "frequency modulation"
        r"(?=\s+(?:is|was|are|were|do|does|did|has|have|had|can|of|for|in|on|at|used|gives?)\b"
        r"|\s*[?,]|\s*$)",
        re.I)),
    ("number", re.compile(
        r"\bwhat [\w.@+-]+( [\w.@+-]+)? (did|does|do) (it|they|[\w.+-]+) (reach|get|achieve|obtain|score|attain)",
        re.I)),
    # "What time-to-train in minutes ...?": a unit asks for a figure in it, whatever it measures
    ("number", _IN_A_UNIT),
    # "At what model complexity does the risk peak?", "at what scale ...?": a value of it
    ("number", AT_WHAT),
    ("reason", re.compile(
        r"(?:^|[,;])\W*why\b|\b(what|which) (is|was|are|were) the (reason|cause)"
        r"|^\W*what\b[^?,]{0,60}?\bas the (\w+ )?(reason|cause|explanation)"
        # "..., and how do the authors explain it?", "what explanation do they give?"
        r"|\bhow (do|does|did|would|can) [\w\s]{0,30}?\bexplain\b|\bwhat (\w+ )?explanations?\b"
        # "what ultimately makes code data high quality?": a cause
        r"|" + _WHAT_MAKES, re.I)),
    ("number", re.compile(
        r"\b(what|which)('s| is| was| are| were)? the (biggest|largest|smallest|longest|highest|"
        r"lowest|maximum|minimum)\b", re.I)),
    # "What does LOOK stand for?" is answered by its spelling-out, not by a name
    ("other", re.compile(r"\bstands? for\b", re.I)),
    # "What did the authors find ...?", "What does it add to X?": a finding, said in words
    ("other", re.compile(
        r"^\W*what\s+(?:did|does|do|has|have|had|can|could|would|will|must)\b"
        r"(?![^?]*\b(?:called|named?|dubbed|termed)\b)", re.I)),
    # "What determines whether a model can answer ...?": a factor, said in words
    ("other", re.compile(
        r"^\W*what\s+(?:determines|affects|influences|drives|explains|predicts|governs|limits)\b",
        re.I)),
    # "What was the main conclusion of the study about ...?": a finding, said in words
    ("other", re.compile(
        r"^\W*what\s+(?:is|was|are|were)\s+(?:the|their|its)\s+(?:\w+\s+)?"
        r"(?:conclusion|finding|takeaway|lesson|insight)s?\b", re.I)),
    # "Besides prompts, which tuning modules ...?": what is set aside first, then the question
    ("name", re.compile(
        # (what is set aside names nothing: "Besides XLNet, which model ...?" keeps XLNet in
        # its clause, which the answer then need not name)
        r"^\W*(?:(?:besides|apart\s+from|aside\s+from|other\s+than|beyond)\s+(?-i:[^,?A-Z0-9]{1,60}),\s*"
        # (not "Besides speed, what advantage ...?", "what did they find ...?": words)
        r"(?=which\b|what\s+(?!(?:else|is|are|was|were|did|does|do|has|have|had|can|could|would|will)\b)"
        r"(?!(?:[\w-]+\s+)?(?:advantages?|benefits?|disadvantages?|drawbacks?|limitations?"
        r"|findings?|insights?|lessons?|effects?|impacts?|gains?)\b)))?"
        r"(which|what|name)\b", re.I)),
    # "On which summarization datasets did it reach state of the art?" asks for names as
    # "Which datasets ...?" does; "in which situations", "to what extent" ask for no name
    ("name", re.compile(
        r"^\W*(?:on|in|for|from|under|to|among|against|across|over|between)\s+(?:which|what)\b(?!\s+(?:ways?|sense"
        r"|extent|respects?|manner|situations?|cases?|conditions?|circumstances?|settings?"
        r"|kinds?|types?|sorts?|degree|points?|stages?)\b)", re.I)),
    ("yes/no", re.compile(r"^\W*(is|are|does|do|did|can|could|was|were|has|have)\b", re.I)),
)  # fmt: skip
_ASKED_FOR = re.compile(
    r"\b(?:which|what(?:'s|’s)?|how (?:many|much)"
    r"|how (?:large|big|long|small|fast|deep|wide|heavy)\s+(?:is|are|was|were)"
    r"(?:\s+(?:the|its|their))?)\s+(?:(?:(?:is|are|was|were)\s+)?the\s+)?"
    # "what is X's own parameter count"
    r"(?:(?:(?:is|are|was|were)\s+)?(?:its|their|[\w.-]+(?:'s|’s))\s+)?"
    # "which four kinds of tasks": tasks
    r"(?:(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:kind|type|class|sort|name)s?\s+of\s+(?:the\s+)?)?"
    # "which earlier model's enhanced decoder": the possessive goes on
    r"((?:[\w.+@-]+(?:'s|’s)?[,;:?]?(?:\s+|$)){0,3})",
    re.I,
)
# A named thing: an acronym or mixed-case word (BERT, SQuAD, LLaMA), a word with digits
# (GPT-4, Yi-34B), or a capitalised word not opening the question, with the capitalised words
# and version numbers that follow it ("Gemini 1.5 Pro").
# Capitals that name a kind of thing, not one thing: never required of a supporting sentence.
GENERIC = frozenset(
    [
        "llm",
        "llms",
        "lm",
        "lms",
        "nlp",
        "nlu",
        "nlg",
        "gpu",
        "gpus",
        "tpu",
        "tpus",
        "cpu",
        "cpus",
        "ai",
        "ml",
        "dl",
        "rl",
        "qa",
        "api",
        "apis",
        "sota",
        "cnn",
        "cnns",
        "rnn",
        "rnns",
        "gnn",
        "gnns",
        "mlp",
        "mlps",
        "vlm",
        "vlms",
        "flop",
        "flops",
        "gflops",
        "tflops",
        # units of compute ("how many GPU-hours ..."), not names
        "gpu-hours",
        "gpu-days",
        "tpu-hours",
        "tpu-days",
        # pronouns, capitalised after a colon ("a multi-metric approach: We measure ...")
        "i",
        "we",
        "our",
        "it",
        "its",
        "they",
        "their",
        "this",
        "these",
        "those",
        "you",
        "top-1",  # a metric ("top-1 accuracy"), which abstracts often leave unsaid
        "top-5",
    ]
)
QUESTION_WORDS = frozenset(tokenize("why how what which when where who whom whose"))
_AUXILIARY = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "would",
        "will",
        "should",
        "may",
        "might",
        "must",
        "shall",
    ]
)
# The same as terms: "did", rare in abstracts, weighs on a short follow-up as if it were a topic.
AUXILIARY_TERMS = frozenset(tokenize(" ".join(_AUXILIARY)))
_NAME_WORD = re.compile(r"[A-Za-z0-9][\w.+%-]*")  # "Min-K%++", "CodeT5+"
_VERSION = re.compile(r"^(v?\d+(\.\d+)*[a-zA-Z]?|[IVX]+)$")


# "4TB", "300B-token", "3-shot", "16-layer", "10-billion-parameter": a size, not a name.
# A figure with its measure ("1.3B-parameter", "4-bit", "512-GPU", "2-D") describes; a figure
# with a word of a name ("1.5-Pints") names.
_DESCRIPTOR = re.compile(r"^\d[\d.,]*[a-zA-Z]{0,3}(-(?![A-Z][a-z]{2,})[a-zA-Z]+)*$|^[IVX]+$")
# "BERT-based", "Retro-style", "AST-derived": the name is the part before the suffix.
_NAME_SUFFIX = re.compile(
    r"-(based|style|like|only|sized|size|level|specific|free|derived|driven|aware|augmented"
    r"|enhanced|guided|powered|inspired|centric|generated|oriented|tailored|focused|conditioned"
    r"|filtered|selected|trained|tuned|annotated|labeled|labelled)$",
    re.I,
)


def _is_name_token(word: str, first: bool) -> bool:
    core = word.strip(".-")
    if not core or core.lower() in GENERIC or _DESCRIPTOR.match(core):
        return False
    if re.fullmatch(r"[A-Z]-[a-z]+", core):
        return False  # "H-divergence", "K-means": a term of the trade, no name
    if _UNIT.fullmatch(core):
        return False  # "larger than 10 GB": a unit, no name
    if any(c.isdigit() for c in core) and any(c.isalpha() for c in core):
        return True  # GPT-4, Yi-34B, T5
    if sum(c.isupper() for c in core) >= 2:
        return True  # BERT, SQuAD, LLaMA
    return core[0].isupper() and not first and core.lower() not in STOPWORDS


_BREAK = re.compile(r"[^\s()]")
_UNIT = re.compile(r"[KMGTP]i?B|[KMGTP]?FLOPs?|[KMGT]Hz")


# A name of its own: hyphened, with a part of capitals or figures ("Megatron-LM", "GPT-2"),
# unlike words that only start with capitals ("Low-Rank", "Mixture-of-Experts") and names
# that describe ("SAMI-trained").
_HYPHENED_NAME = re.compile(r"^(?=[\w.]*-)(?=.*(?:[A-Z0-9][a-z]*){2}|.*-\d)(?!.*-[a-z]{3,}$)")


# A metric: what a figure is given in, never part of another name ("AD-BERT AUC NMEDW")
_METRIC = re.compile(
    r"(?i)(?:f\d(?:\.\d+)?|rouge\b.*|bleu\b.*|ndcg\b.*|mrr\b.*|pass@.*|r@\d+"
    r"|spider|cider|meteor|bertscore|bleurt|chrf|auc|auroc|auprc|wer|cer|psnr|ssim)$"
)


def find_names(text: str) -> list[str]:
    """The things a question names, in order.

    >>> find_names("What is the maximum context window of Gemini 1.5 Pro?")
    ['Gemini 1.5 Pro']
    >>> find_names("How does METAGENE-1 compare with GPT-4 and the BERT baseline?")
    ['METAGENE-1', 'GPT-4', 'BERT']
    >>> find_names("What F1 did the BERT-based NER system get?")
    ['F1', 'BERT', 'NER']
    >>> find_names("After inserting AST-derived NER adapters into CodeBERT, what accuracy ...?")
    ['AST', 'NER', 'CodeBERT']
    >>> find_names("on the Pile, (2) Wikipedia. C4 or GPT-3 (175B).")
    ['Pile', 'Wikipedia', 'C4', 'GPT-3 175B']
    >>> find_names("learning Phi^*_tau, bringing the H-divergence to zero on DomainBed")
    ['DomainBed']
    >>> find_names("Is the MiniPile corpus larger than 10 GB of text?")
    ['MiniPile']
    >>> find_names("Was 1.5-Pints trained on a 512-GPU cluster of 4-bit 1.3B-parameter models?")
    ['1.5-Pints']
    >>> find_names("What perplexity does the Megatron-LM GPT-2 model reach? And DeepSeek-Coder-V2 Lite?")
    ['Megatron-LM', 'GPT-2', 'DeepSeek-Coder-V2 Lite']
    >>> find_names("Min-K%++ WikiMIA AUROC gain over Min-K%")
    ['Min-K%++', 'WikiMIA', 'AUROC', 'Min-K%']
    >>> find_names("AD-BERT AUC NMEDW")
    ['AD-BERT', 'AUC', 'NMEDW']
    >>> find_names("PG-RAG BLEU increase single-document tasks")
    ['PG-RAG', 'BLEU']
    >>> find_names("ERNIE 2.0 GLUE average score; GPT-4 MMLU; GPT-3 175B; ERNIE 2.0 Base")
    ['ERNIE 2.0', 'GLUE', 'GPT-4', 'MMLU', 'GPT-3 175B', 'ERNIE 2.0 Base']
    >>> find_names("ConvBERT-base GLUE score compared with ELECTRA-base")
    ['ConvBERT-base', 'GLUE', 'ELECTRA-base']
    """
    names: list[str] = []
    current: list[str] = []
    last = 0  # where the last word ended, its full stop included
    for match in _NAME_WORD.finditer(text):
        raw = match.group(0).rstrip(".")
        word = _NAME_SUFFIX.sub("", raw)
        if current and (_BREAK.search(text[last : match.start()]) or text[last - 1] == "."):
            # "the Pile, (2) cluster", "Pile. BERT": a name ends at a comma or a full stop; not
            # at a bracket, which holds its size or acronym ("GPT-3 (175B)", "Hierarchical
            # Memory Transformer (HMT)")
            names.append(" ".join(current))
            current = []
        last = match.end()
        # A capital after a sentence's end is no sign of a name ("... text alone? Whose ...").
        first = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in ".?!"
        # "Phi^*_tau", "x_i": a symbol of the maths, no name ("M^3CS" is one)
        symbol = text.startswith(("^*", "_"), match.end())
        if _is_name_token(word, first=first) and not symbol:
            if current and bool(_METRIC.match(word)) != bool(_METRIC.match(current[-1])):
                # "AD-BERT AUC NMEDW": a metric is a name of its own, between two others
                names.append(" ".join(current))
                current = []
            if current and (
                (_HYPHENED_NAME.match(word) and _HYPHENED_NAME.match(current[-1]))
                or current[-1].endswith(("+", "%"))
                # "ERNIE 2.0 GLUE", "GPT-4 MMLU": a versioned name ends at its version; an
                # acronym after it is a name of its own (not "Gemini 1.5 Pro", "GPT-3 175B")
                or (
                    # "PG-RAG BLEU": so does a hyphened name of capitals
                    # ("ConvBERT-base GLUE": so does a size named after a hyphen)
                    re.search(
                        r"(?:^|-)(?:\d+(?:\.\d+)*|[A-Z]{2,}|(?i:base|large|small|tiny|mini))$",
                        current[-1],
                    )
                    and len(current) > 1 - ("-" in current[-1])
                    and word.isalpha()
                    and word.isupper()
                    and len(word) >= 3
                )
            ):
                # "the Megatron-LM GPT-2 model", "Min-K%++ WikiMIA AUROC": two names; a name
                # that ends in a symbol ends there
                names.append(" ".join(current))
                current = []
            current.append(word)
            if word != raw:  # "BERT-based NER": the name ends at its suffix
                names.append(" ".join(current))
                current = []
        elif current and _VERSION.match(word):
            current.append(word)  # "Gemini 1.5", "Llama 2"
        elif current:
            names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return list(dict.fromkeys(names))


ARTICLES = frozenset({"the", "a", "an"})
_WORDS = re.compile(r"[^\W_]+")
TITLE_WORDS = 3  # fewer is a name ("RoBERTa: ..."), found as one already
TOPIC_WORDS = 5  # ... and a side of a title this short, in lower case, a topic


def titles_named(text: str, titles: list[str]) -> list[str]:
    """The papers ``text`` names by title (whole, or either side of its colon), each as written
    there, words only: a title is one name, not the string of names its capitals make.

    >>> titles_named("Which saves more: SpacTor-T5 or the 'Mask More and Mask Later' recipe?",
    ...              ["Mask More and Mask Later: Efficient Pre-training of Masked Language Models"])
    ['Mask More and Mask Later']
    >>> titles_named("Did 'How to (re)warm your model?' use Pythia?",
    ...              ["Continual Pre-Training of Large Language Models: How to (re)warm your model?"])
    ['How to re warm your model']
    >>> titles_named("What does RoBERTa improve?", ["RoBERTa: A Robustly Optimized BERT Approach"])
    []
    >>> titles_named("Which objective is it trained with during pre-training for ad-hoc retrieval?",
    ...              ["Pre-training for Ad-hoc Retrieval: Hyperlink is Also You Need"])
    []
    >>> titles_named("Who came up with MASS, masked sequence-to-sequence pre-training?",
    ...              ["MASS: Masked Sequence to Sequence Pre-training"])
    []
    """
    found: list[str] = []
    # Each title's words looked for among the question's first: a pattern compiled for every
    # title of every question's hits cost 2 ms a question.
    asked = _said(text)
    bare = title_words(text)
    for title in titles:
        head, _, tail = title.partition(":")
        asking = re.match(r"(.+?\?)\s+(.+)", title)
        if not tail and asking:  # "Who's Harry Potter? Approximate Unlearning in LLMs"
            head, tail = asking[1], asking[2]
        if tail and len(head.split()) < TITLE_WORDS and _said(head) in asked:
            continue  # "MASS, masked sequence-to-sequence pre-training": named by its name
        for form in dict.fromkeys(filter(None, [title, head, tail])):
            words = re.findall(r"[^\W_]+(?:[.+-][^\W_]+)*", form)
            if len(words) < TITLE_WORDS or all(w.casefold() in STOPWORDS for w in words):
                continue
            # "Mask More Mask Later RoBERTa compute budget": a query drops a title's "and"
            if title_words(form) not in bare:
                continue
            # each word and the gap after it; an "and" may be left out, gap and all
            gaps = [
                r"(?:and[\W_]+)?" if w.lower() == "and" else rf"{re.escape(w)}[\W_]+" for w in words
            ]
            pattern = r"(?<![^\W_])" + "".join(gaps).removesuffix(r"[\W_]+") + r"(?![^\W_])"
            written = re.search(pattern, text, re.I)
            if (
                written
                and form != title
                and written[0].islower()
                and len(words) < TOPIC_WORDS
                and (text[: written.start()].split() or [""])[-1].lower()
                in PREPOSITIONS | {"about"}
            ):
                # "trained jointly with ... during pre-training for ad-hoc retrieval": a short
                # side of a title, in lower case after a preposition, is the question's topic,
                # not a name ("How does predictive data selection decide ...?" names its paper)
                continue
            if written:
                said = re.findall(r"[^\W_]+(?:[.+-][^\W_]+)*", written[0])
                # "the Optimal BERT Surgeon": the article is the question's
                found.append(" ".join(said[1:] if said[0].casefold() in ARTICLES else said))
                break  # the whole title, else one side of it
    return list(dict.fromkeys(found))


def title_words(text: str) -> str:
    """A title's words as a query may write them: lower case, between spaces, no "and".

    >>> title_words("Mask More and Mask Later: Efficient ...") == " mask more mask later efficient "
    True
    """
    return _said(text).replace(" and ", " ")


def _said(text: str) -> str:
    """``text``'s words, lower case, each between spaces."""
    return f" {' '.join(_WORDS.findall(text.casefold()))} "


def _written(title: str) -> str:
    """A pattern for a title as titles_named gave it, however it is written."""
    return r"[\W_]+".join(map(re.escape, title.split()))


# Before a title the question names as its paper's: "... failed to reproduce in <title>?"
_AS_ITS_PAPER = re.compile(
    r"(?:\b(?:in|of|from|by|according\s+to)\s+(?:the\s+paper\s+)?|['\"“‘])$", re.I
)
TITLE_AS_PAPER_WORDS = 5  # shorter, and a title reads as a topic ("Zero-Shot Tokenizer Transfer")


def names_its_paper(text: str, title: str) -> bool:
    """Whether ``text`` names ``title`` (as titles_named gave it) as the paper it asks about:
    a long title, after "in", "according to" or a quote.

    >>> names_its_paper("Which models failed in Where Does the Improvement Come From?",
    ...     "Where Does the Improvement Come From")
    True
    >>> names_its_paper("Which methods perform zero-shot tokenizer transfer?",
    ...     "zero-shot tokenizer transfer")
    False
    """
    written = re.search(_written(title), text, re.I)
    return bool(
        written
        and len(title.split()) >= TITLE_AS_PAPER_WORDS
        and _AS_ITS_PAPER.search(text[: written.start()])
    )


def _with_titles(text: str, names: list[str], titles: list[str]) -> list[str]:
    """``names`` with those written inside a title named in ``text`` replaced by the title."""
    spans = []
    for title in titles:
        written = re.search(_written(title), text, re.I)
        if written:
            spans.append((written.start(), written.end(), title))
    placed = [(s, title) for s, _, title in spans]
    for name in names:
        at = text.find(name)
        if not any(s <= at < e for s, e, _ in spans):
            placed.append((at, name))
    return list(dict.fromkeys(name for _, name in sorted(placed, key=lambda p: p[0])))


# "How much faster *than* LAMB": a speed, not a "than".
PREPOSITIONS = frozenset(
    "of in on for to with by from at as than across between among per over under into within "
    "without during via through against versus".split()
)


_COMPARED = frozenset("better worse higher lower faster slower more less".split())
_THAN = re.compile(r"\s*than\b", re.I)
_UP_TO_VERB = re.compile(
    r"((?:[\w.-]+\s+){0,6}?[\w.-]+)\s+(?:did|do|does|were|was|are|is|have|has|had|can)\b", re.I
)
_HOW_MANY_OF = re.compile(
    r"\bhow many of (?:the|its|their|[\w.-]+(?:'s|’s)) (?:\d[\d,.]*\s+)?", re.I
)


# "What value of tau ...?" asks for tau: a figure near some other word of the clause is not it.
_VALUE_OF = re.compile(
    r"\b(what|which)\s+(?:is\s+the\s+|was\s+the\s+)?(?:value|setting|name)\s+of"
    r"\s+(?:the\s+|a\s+|an\s+)?",
    re.I,
)


# "what three components make up ...": a verb and its particle end the thing asked for
_PHRASAL_VERBS = frozenset(
    "make makes made sum sums summed add adds added take takes took set sets build builds built "
    "come comes came pick picks picked".split()
)
_VERB_PARTICLES = frozenset("up out together".split())
# "Which multilingual encoder achieves the best ...?": a verb of scoring ends what is asked for
_SCORING_VERBS = frozenset(
    "achieves achieved reaches reached attains attained obtains obtained gets scores "
    "outperforms outperformed surpasses surpassed beats performs performed "
    "makes made gives gave yields yielded".split()  # "which model size made the stronger ..."
)


def asked_for(text: str) -> str:
    """What the question asks for: the words after which/what/how many, up to a stopword.

    >>> asked_for("Which two downstream tasks were used to evaluate it?")
    'two downstream tasks'
    >>> asked_for("What is the maximum context window of Gemini 1.5 Pro?")
    'maximum context window'
    >>> asked_for("How fast is it?")
    ''
    >>> asked_for("what's the sliding window size in Mistral 7B?")
    'sliding window size'
    >>> asked_for("How much faster than the LAMB optimizer was it?")
    'faster'
    >>> asked_for("How many people and ads are in it?")
    'people and ads'
    >>> asked_for("How many of MOSSBench's 300 benign queries are harmful?")
    'benign queries'
    >>> asked_for("On how many of the Nucleotide Transformer and GB benchmark tasks did it win?")
    'Nucleotide Transformer and GB benchmark tasks'
    >>> asked_for("What is DistilGPT2's own parameter count?")
    'own parameter count'
    >>> asked_for("What value of the beta hyperparameter does it use?")
    'beta hyperparameter'
    >>> asked_for("What is the name of the transducer architecture that skips frames?")
    'transducer architecture'
    >>> asked_for("How big is the LM-generated DIMSUM+ dataset?")
    'LM-generated DIMSUM+ dataset'
    >>> asked_for("Which tokenizers compress better than BPE?")
    'tokenizers'
    >>> asked_for("What three components make up Shikra's architecture?")
    'three components'
    >>> asked_for("What absolute Verb ED@20 score does VEDIT reach?")
    'absolute Verb ED@20 score'
    >>> asked_for("and by how much on CIFAR100?")
    ''
    >>> asked_for("What is the name of the ParaCLIP paraphrase generation LLM")
    'ParaCLIP paraphrase generation LLM'
    >>> asked_for("Which multilingual encoder achieves the best zero-shot NER performance?")
    'multilingual encoder'
    """
    # "How many of MOSSBench's 300 benign queries ...?" counts queries
    of_the = _HOW_MANY_OF.search(text)
    # "how many of the Nucleotide Transformer and GB benchmark tasks did it win": one phrase,
    # up to its verb
    phrase = of_the and _UP_TO_VERB.match(text, of_the.end())
    if phrase:
        return phrase[1]
    named = bool(_NAME_OF.search(text))
    text = _HOW_MANY_OF.sub("how many ", text)
    text = _VALUE_OF.sub(r"\1 ", text)
    for match in _ASKED_FOR.finditer(text):
        words: list[str] = []
        following = match.group(1).split()
        beyond = text[match.end() :].split()[:1]  # the word after the three the pattern takes
        ahead = [w.rstrip(",;:?") for w in [*following[1:], *beyond, ""]]
        for at, word in enumerate(following):
            ended = word[-1] in ",;:?"
            word = word.rstrip(",;:?")
            lower = word.lower()
            if lower in ("and", "or") and words and at + 1 < len(following):
                after = following[at + 1].rstrip(",;:?").lower()
                if not (after in _AUXILIARY or after in STOPWORDS or after in PREPOSITIONS):
                    words.append(word)  # "how many people and ads": both are counted
                    continue
            if lower in _AUXILIARY or (words and (lower in STOPWORDS or lower in PREPOSITIONS)):
                break
            if not words and lower in PREPOSITIONS:
                break  # "by how much on CIFAR100?": where, not what is measured
            if words and lower in _PHRASAL_VERBS and ahead[at].lower() in _VERB_PARTICLES:
                break
            if words and lower in _SCORING_VERBS:
                break
            words.append(word)
            if ended:
                break
        # "which models fare better than ...": a verb and its comparative end the thing asked
        if len(words) > 2 and words[-1].lower() in _COMPARED and _THAN.match(text, match.end()):
            del words[-2:]
        # "what absolute Verb ED@20 score": past three words, the measure that ends the phrase
        # "the name of the ParaCLIP paraphrase generation LLM": past three, the kind named
        if len(words) == len(following) == 3 and beyond and _ends_phrase(ahead[2], named):
            words.append(ahead[2])
        if tokenize(" ".join(words)):
            return " ".join(words)  # "In what is described as ..., what technique ...": the 2nd
    return ""


def _ends_phrase(word: str, named: bool) -> bool:
    """A word that ends what is asked for past three words: a measure, or the kind of thing
    whose name is asked for (not the decoder of "which earlier model's enhanced decoder")."""
    if _measure_noun(word):
        return True
    lower = word.lower()
    return named and (lower in NAMED_KINDS or lower.removesuffix("s") in _KIND_HEADS)


_NAME_OF = re.compile(r"\bnames?\s+of\b", re.I)


def _measure_noun(word: str) -> bool:
    """A word for what a figure is given in ("score", "accuracy"), not a comparative."""
    terms = set(tokenize(word))
    return bool(terms) and terms <= MEASURES and not word.lower().endswith(("er", "st"))


_WHICH = re.compile(r"\b(?:which|what)\b", re.I)
# The same, past "is the": "what is the biggest model size" asks about a size.
_WHICH_IS = re.compile(
    r"\b(?:which|what)(?:'s|\u2019s)?\b(?:\s+(?:is|are|was|were)\b)?(?:\s+the\b)?", re.I
)


def asked_phrase(clause: str, past_copula: bool = False) -> list[str]:
    """The words between "which/what" (with ``past_copula``, "what is the") and the clause's
    verb, stopwords included: what kind of thing is asked for ("teacher models" is a kind of
    model, though "models" ends ``asked_for``).

    >>> asked_phrase("Which specific teacher models did they distill from")
    ['specific', 'teacher', 'models']
    >>> asked_phrase("What input-length limit of CLIP's text encoder does TULIP remove")
    ['input-length', 'limit']
    >>> asked_phrase("What is the biggest model size they tried", past_copula=True)
    ['biggest', 'model', 'size', 'they', 'tried']
    >>> asked_phrase("What three components make up Shikra's architecture")
    ['three', 'components']
    """
    match = (_WHICH_IS if past_copula else _WHICH).search(clause)
    words: list[str] = []
    following = (
        [w.strip(",;:?").lower() for w in clause[match.end() :].split()[:7]] if match else []
    )
    for word, upcoming in zip(following[:6], [*following[1:], ""], strict=False):
        if word in _AUXILIARY or word in PREPOSITIONS:
            break  # "what input-length limit *of* CLIP's text encoder": a limit, not an encoder
        if words and word in _PHRASAL_VERBS and upcoming in _VERB_PARTICLES:
            break  # "what three components *make up* Shikra's architecture"
        words.append(word)
    return words


def wants(text: str) -> str:
    """The kind of answer: number, reason, name, yes/no, or other.

    >>> wants("How many GPUs were used?"), wants("Why does it fail?"), wants("Which dataset?")
    ('number', 'reason', 'name')
    >>> wants("What was the main conclusion of the RoBERTa study about how BERT was trained?")
    'other'
    >>> wants("Which task showed the largest accuracy loss?")
    'name'
    >>> wants("How do the authors explain it?"), wants("What explanation do they give?")
    ('reason', 'reason')
    >>> wants("On what kind of tasks are its gains largest?")
    'other'
    >>> wants("What LoRA rank was used?"), wants("Which model ranks first on GLUE?")
    ('number', 'name')
    >>> wants("What new task did they build a dataset for, to test how well code is represented?")
    'name'
    >>> wants("On which datasets did it reach state of the art?"), wants("In which cases does it fail?")
    ('name', 'other')
    >>> wants("What time-to-train in minutes did it record?"), wants("What model runs in seconds?")
    ('number', 'name')
    >>> wants("What must each image share with its neighbours?")
    'other'
    >>> wants("In X, at what model complexity does the risk peak?"), wants("At what point?")
    ('number', 'other')
    >>> wants("Which pretraining strategy gives substantial gains?"), wants("Which gain is largest?")
    ('name', 'number')
    """
    return _ask(text)[0]


# A clause ends at ";" or "?", or where ", and what ..." or "and how ..." starts another: not
# at every comma ("a trained, type-aware compressor").
_CLAUSE_END = re.compile(
    r"[;?]|,\s*(?:and\s+|or\s+)?(?=what|which|how|why|by how"
    # ", and with how many pretraining epochs?"
    r"|(?:on|in|for|with|at|after|from|over|across|to) (?:what|which|how many|how much))"
    r"|\band (?=what|which|how|why|by how)",
    re.I,
)


# A "which ...?" or "what ...?" clause anywhere: "..., and which benchmark?"
_NAME_ANYWHERE = re.compile(r"\b(which|what)\b", re.I)


def _ask(text: str) -> tuple[str, str]:
    """The kind of answer wanted and the clause that asks for it: "Which method ..., and what
    gain on reading comprehension did it report?" asks for a number in its second clause."""
    for kind, pattern in _WANTS:
        match = pattern.search(text)
        if match:
            end = _CLAUSE_END.search(text, match.end())
            return kind, text[match.start() : end.start() if end else len(text)]
    return "other", text


def ask_clause(text: str) -> str:
    """>>> ask_clause("Which method reorders documents, and what gain did it report?")
    'what gain did it report'
    """
    return _ask(text)[1]


def is_topical(text: str) -> bool:
    """>>> is_topical("Which papers pre-train byte-level models?"), is_topical("Which paper sped up BERT?")
    (True, False)
    >>> is_topical("Which works use BM25?"), is_topical("Which decoder model did they show it works with?")
    (True, False)
    >>> is_topical("How should new token embeddings be initialised? Which papers address this?")
    True
    >>> is_topical("How many papers study LoRA?"), is_topical("How many papers does the survey cover?")
    (True, False)
    >>> is_topical("What benchmarks exist for long inputs?"), is_topical("Is there work on finance?")
    (True, True)
    >>> is_topical("Are there code models built for HPC?"), is_topical("Are there benchmarks in the T5 paper?")
    (True, False)
    >>> is_topical("What visual pretraining work goes beyond masking?"), is_topical("What did the MVP work find?")
    (True, False)
    >>> is_topical("What model scale do the papers 'A Study of B' and 'C for D' use?")
    False
    >>> is_topical("Which code models handle generation?"), is_topical("Which audio models and which LM does it use?")
    (True, False)
    >>> is_topical("Which benchmarks were used for the empirical studies in A Unified View of PETL?")
    False
    >>> is_topical("In dense retrieval, which papers pool token vectors?")
    True
    >>> is_topical("How does LoRA, which works by adding matrices, compare with full tuning?")
    False
    >>> is_topical("Which languages were the news articles in?")
    False
    >>> is_topical("What scheme for splitting work across GPUs did they use?")
    False
    """
    if _PAPERS_QUOTED.search(text):
        return False  # "the papers 'X' and 'Y'": two papers named, not a topic
    return any(_asks_for_papers(sentence) for sentence in split_sentences(text.strip()))


_PAPERS_QUOTED = re.compile(r"\bthe\s+(?:two\s+)?papers\s+['\"“‘]")


def asks_for_papers(text: str) -> bool:
    """Whether ``text`` asks for papers in so many words ("Which papers ...", "Is there work on
    ...?"), not only for methods or models (is_topical reads those as a topic too).

    >>> asks_for_papers("Which papers use BM25?"), asks_for_papers("Which models use BM25?")
    (True, False)
    """
    return any(_TOPICAL.search(sentence) for sentence in split_sentences(text.strip()))


def _asks_for_papers(sentence: str) -> bool:
    if _TOPICAL.search(sentence):
        return True
    return bool(_METHODS.search(sentence)) and not _ABOUT_ONE.search(sentence)


def topic_of(text: str) -> str:
    """What the papers a topical question asks for are about, without the asking words.

    >>> topic_of("Which papers pre-train byte-level models?")
    'pre-train byte-level models'
    >>> topic_of("What work is there on forecasting, e.g. weather?")
    'forecasting, e.g. weather'
    >>> topic_of("How should CLIP's training data be curated? Which papers study this?")
    "How should CLIP's training data be curated"
    >>> topic_of("In dense retrieval, which papers pool token vectors?")
    'In dense retrieval, pool token vectors'
    """
    sentences = split_sentences(text.strip())
    asking = [s for s in sentences if _asks_for_papers(s)]
    rest = [s for s in sentences if s not in asking]
    if rest and all(_POINTS_BACK.search(s) for s in asking):
        topic = " ".join(rest)  # "Which papers study this?": "this" is the other sentences
    else:
        topic = " ".join(_FRAMING.sub("", s, count=1) if s in asking else s for s in sentences)
    return topic.strip().rstrip("?.!").strip()


def refers_back(text: str) -> bool:
    """Whether a question leans on the conversation ("and how does it compare with BERT?").

    >>> refers_back("and how does it compare with BERT?"), refers_back("What is LAMB?")
    (True, False)
    """
    # "why?", "how?": nothing but a question word
    return bool(_REFERS_BACK.search(text)) or not set(tokenize(text)) - QUESTION_WORDS


# "the two", "both": a reference to what was just said, whatever the words.
_PAIRED = re.compile(r"\b(both|the (two|three|former|latter|same))\b", re.I)
# "the scene-text annotations": a definite description, up to three words.
_DEFINITE = re.compile(r"\bthe ((?:[\w.-]+ ){0,2}[\w.-]+)", re.I)


# What "the ..." calls what the conversation was about: "the model", "the base model", "the
# authors", "the proposed method".
_REFERENT_NOUNS = frozenset(
    "model models method approach paper authors system framework technique study".split()
)
_REFERENT = _REFERENT_NOUNS | frozenset("base original proposed new final resulting main".split())


def names_unsaid(names: list[str], before: str) -> bool:
    """Whether any of ``names`` was not said in the conversation ``before``: a question naming
    something new is a new question."""
    # a metric ("What SPIDEr scores did the final model get?") is what a figure is given in
    return any(
        name.casefold() not in before.casefold() and not _METRIC.match(name) for name in names
    )


_WHAT_ABOUT = re.compile(
    r"^\s*(?:(?:and|but|ok|okay|so)\b[,\s]*)?(?:what|how)\s+about\s+(?:the\s+)?(?P<name>.+?)[\s?.!]*$",
    re.I,
)


def asked_of(text: str, previous: str) -> str | None:
    """The previous question asked of another thing: "And what about MrT5?" after "What does
    ByT5 show about byte-level models?" asks what MrT5 shows. Only when the follow-up is just a
    name and the previous question named one thing (else it is no plain swap: None).

    >>> asked_of("And what about MrT5?", "What does ByT5 show about byte-level models?")
    'What does MrT5 show about byte-level models?'
    >>> asked_of("What about the multi-document setting?", "How well does PEGASUS do?") is None
    True
    >>> asked_of("What about ByT5?", "How does METAGENE-1 compare with BERT?") is None  # which?
    True
    """
    match = _WHAT_ABOUT.match(text)
    if not match:
        return None
    name, before = match.group("name"), find_names(previous)
    if find_names(name) != [name] or len(before) != 1 or before[0] == name:
        return None
    return previous.replace(before[0], name, 1)


# Asking who: "the authors of MVP identify ..." only names a paper by its authors.
_AUTHORS = re.compile(
    r"\bwho\s+(?:wrote|writes|authored|are\s+the\s+authors|is\s+the\s+author)\b"
    r"|\bwhich\s+(?:authors|researchers)\s+wrote\b|\bwhose\s+(?:paper|work)\b"
    r"|\b(?:list|name|give)\s+(?:me\s+)?the\s+authors\b",
    re.I,
)


def asks_for_authors(text: str) -> bool:
    """Whether the question asks who wrote a paper: "Who are the authors of RoBERTa?".

    >>> asks_for_authors("Who wrote the ByT5 paper?"), asks_for_authors("Who uses ByT5?")
    (True, False)
    >>> asks_for_authors("What did the authors of MVP identify as the causes?")
    False
    >>> asks_for_authors("What text comes with hyperlinks, and who writes it?")
    False
    """
    found = _AUTHORS.search(text)
    if found is None:
        return False
    # "..., and who writes it?": who makes the thing just asked about, not the paper
    return not re.search(r",\s*and\s+$", text[: found.start()], re.I)


def paper_asked_about(text: str) -> str:
    """What a who-wrote question names, to search with: "authors" and "who" would find papers
    on authorship ("Who are the authors of ByT5?" ranked no ByT5 paper in its first three).

    >>> paper_asked_about("Who are the authors of ByT5?")
    'ByT5'
    >>> paper_asked_about("Who wrote the ByT5 paper?")
    'the ByT5 paper'
    """
    rest = _AUTHORS.sub(" ", text)
    rest = re.sub(r"^\W*(?:of|for)\b", " ", rest.strip(), flags=re.I)
    return " ".join(rest.strip(" ?.!").split()) or text


# Asking where a thing comes from: "Which paper introduced LoRA?", "Who proposed Adam?",
# "Where was Dolma first described?". Not "Which papers introduce new tokenizers?" (a topic).
_INTRODUCING = (
    r"(?:(?:first|originally|initially)\s+)?"
    r"(?:introduc|propos|present|develop|releas|creat|invent|describ|coin|defin|originat)\w*"
    r"|(?:came|come|comes)\s+up\s+with|(?:made|make|makes)\s+(?:its|their)\s+debut|debuted"
)
_PAPER = r"(?:paper|work|study|article|publication|source|reference)"
_ORIGIN = re.compile(
    rf"\b(?:which|what)\s+(?:\w+\s+)?{_PAPER}\s+(?:{_INTRODUCING})"
    # "Who proposed Adam?", not "according to the authors who proposed MAE-LM"
    rf"|^\W*(?:and\s+|so\s+)?who\s+(?:{_INTRODUCING})"
    rf"|\bwhere\s+(?:was|were|is|are|did|does)\b.+?\b(?:{_INTRODUCING})"
    rf"|\b(?:was|were)\s+(?:{_INTRODUCING})\s+(?:in|by)\s+(?:which|what)\b"
    rf"|\bin\s+(?:which|what)\s+{_PAPER}\b.+?\b(?:{_INTRODUCING})"
    # "I'm looking for the paper that introduced RoBERTa", "the paper where NERetrieve originated"
    rf"|^\W*(?:[\w']+\s+){{0,6}}?the\s+{_PAPER}\s+(?:that|which|where|in\s+which)\s+"
    rf"(?:[\w'’.-]+\s+){{0,6}}?(?:{_INTRODUCING})"
    rf"|\b(?:the\s+)?(?:original|first|source)\s+{_PAPER}\s+(?:on|for|about|of|that|introducing|proposing|behind)\b"
    # "What's the reference for MiniLM?", "I need the citation for CroCo", "should I cite for"
    r"|\b(?:reference|citation|cite)\s+(?:for|of)\b"
    rf"|\b(?:which|what)\s+{_PAPER}\s+is\s+.+?\s+from\W*$"
    rf"|\b(?:which|what)\s+(?:group|team|lab|authors|researchers)\s+(?:{_INTRODUCING})"
    rf"|\bwhose\s+{_PAPER}\s+(?:{_INTRODUCING})"
    r"|\b(?:the\s+)?origin\s+of\b"
    rf"|\b{_PAPER}\s+(?:is|was)\s+the\s+source\s+of\b"
    rf"|\bis\s+there\s+an?\s+{_PAPER}\b.+?\b(?:{_INTRODUCING})",
    re.I,
)

# "According to the study that proposes NMTune, how does ...?", "In the paper that introduced
# X, which ...?": the clause only says which paper; what is asked comes after it.
_PAPER_NAMED_FIRST = re.compile(
    rf"^\W*(?:according\s+to|in|for|from|within)\s+the\s+{_PAPER}\s+(?:that|which|where)\s+"
    r"[^,?]*,\s*(?=\S)",
    re.I,
)


_ONE_OF = re.compile(
    r"\bwhich\s+(?:one\s+)?of\s+(?:the(?:se|m)?\s+|our\s+|my\s+|your\s+|all\s+)?"
    r"(?:papers|works|articles|publications)?\s*(?:is|was)\b",
    re.I,
)


# "What are the limitations of LM-Infinite?", "What future work do the RoBERTa authors
# suggest?": a sentence that states a shortcoming (or what is left to do) answers; the paper's
# strengths, which answered before, do not.
LIMITS = re.compile(
    r"\b(?:limitations?|weakness(?:es)?|drawbacks?|shortcomings?|downsides?|disadvantages?"
    r"|caveats?|pitfalls?|flaws?|fall\s+short|falls\s+short|weak\s+points?)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:future\s+(?:work|research|directions?|studies)|open\s+(?:problems?|questions?"
    r"|challenges?|issues?)|next\s+steps?|left\s+(?:open|to\s+do))\b",
    re.I,
)


# Words a question for shortcomings asks with that say nothing of what it asks about.
_LIMITS_WORDS = frozenset(
    tokenize(
        "limitation limitations weakness weaknesses drawback drawbacks shortcoming shortcomings "
        "downside downsides disadvantage disadvantages caveat caveats pitfall pitfalls flaw "
        "flaws fall falls short weak point points future work research direction directions "
        "studies open problem problems question questions challenge challenges issue issues "
        "next step steps left main key major known possible potential any authors suggest "
        "mention discuss report state identify acknowledge list give describe leave"
    )
)
# "What is the main weakness of the PROP pre-training method for ad-hoc retrieval?", "What
# weaknesses do the fine-tuned MathT5 models show ...?": the shortcomings are what is asked,
# of however long a subject.
_LIMIT_NOUN = (
    r"(?:limitations?|weakness(?:es)?|drawbacks?|shortcomings?|downsides?|disadvantages?"
    r"|caveats?|pitfalls?|flaws?)"
)
_ASKS_LIMITS = re.compile(
    r"^\W*(?:what|which)\s+(?:(?:is|are|were|was)\s+(?:the\s+|some\s+)?"
    rf"(?:(?:main|key|major|known|biggest|primary|principal)\s+)?{_LIMIT_NOUN}\s+(?:of|in|with)\s"
    rf"|{_LIMIT_NOUN}\s+(?:do|does|did)\s)",
    re.I,
)
LIMITS_SUBJECT_TERMS = 2  # "of fully binarized BERT", "of the CLIP contrastive loss"


# "What is the largest monolithic transformer language model trained?": the superlative and
# what it ranks. An abstract that says it in so many words answers ("the largest monolithic
# transformer based language model, Megatron-Turing NLG 530B"); which of several papers'
# figures is largest is no one sentence's word, and is left to the usual reading.
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their)\s+(?P<word>largest|biggest|smallest|fewest|fastest|slowest|longest|shortest|highest|lowest"
    r"|earliest|strongest|cheapest|first|best|most\s+[a-z-]+|least\s+[a-z-]+)\b(?P<rest>[^?,.;]*)",
    re.I,
)
# What a superlative over the collection ranks: things papers introduce, not a measure of
# one study ("What was the largest gap between prompt formats the authors observed?").
_RANKED_KIND = re.compile(
    r"\b(?:models?|methods?|approach(?:es)?|techniques?|benchmarks?|datasets?|corpus|corpora"
    r"|papers?|systems?|architectures?|optimi[sz]ers?|frameworks?|algorithms?|hubs?|tools?"
    r"|strateg(?:y|ies)|objectives?|recipes?|toolkits?|librar(?:y|ies)|tokenizers?|retrievers?"
    r"|classifiers?|detectors?|trackers?"
    r"|encoders?|decoders?|transformers?|LLMs?|PLMs?)\b",
    re.I,
)
# "Which ... technique performs best?", "Which method works best?" (no "the")
_PERFORMS_BEST = re.compile(
    r"^\W*(?:which|what)\s+(?P<ranks>[^?,;]+?)\s+(?:(?:performs?|performed|works?|worked"
    r"|holds?\s+up|held\s+up|generali[sz]es)\s+best"
    # "Which vision-language model is best at scene-text VQA?"
    r"|(?:is|are|was|were)\s+best(?=\s+(?:at|on|in|for)\b)"
    # ("Which open chat model ranks highest on Chatbot Arena?")
    r"|(?P<highest>(?:scores?|scored|ranks?|ranked)\s+highest)"
    # "Which text embedding model ranks first on MTEB?"
    r"|(?P<first>(?:ranks?|ranked|comes?|came|placed|is|was)\s+(?:first|top|number\s+one|#1)))"
    r"(?P<rest>(?:\s+(?:overall|on|in|for|at|among|across)\b[^?,;]*)?)\s*\??\s*$",
    re.I,
)
# An aside listing three or more of what is ranked: " - A, B or C - ", " (A, B or C)"
_ASIDE = re.compile(r"\s+[-–—]\s+[^?]*?,[^?]*?\s+[-–—]\s+|\s*\([^()?]*,[^()?]*\)")
# (not "the highest masking ratio reported so far", a record)
_FOUND = re.compile(
    r"\b(?:found|observed|reported|shown|measured|identified)\b(?!\s+(?:so\s+far|to\s+date))"
    # "the largest speedup ... that MKOR reports": one paper's own figure
    r"|\bthat\s+(?:the\s+)?[\w.-]+\s+reports\b",
    re.I,
)


# "Which text-to-image diffusion model ...": one thing of a kind is asked for, not "models"
_ONE_RANKED = re.compile(
    r"^\W*which\s+(?:[\w-]+\s+){0,4}?(?:model|method|approach|technique|benchmark|dataset"
    r"|corpus|paper|system|architecture|optimi[sz]er|framework|algorithm|tool|encoder|decoder"
    r"|transformer|LLM|PLM|implementation|toolkit|library)\b(?!-)",
    re.I,
)


def asks_for_one(text: str) -> bool:
    """ "Which text-to-image diffusion model ...?": one thing of a kind.

    >>> asks_for_one("Which optimized BERT training approach ranked first?"), asks_for_one("Which models?")
    (True, False)
    """
    return bool(_ONE_RANKED.match(text))


def names_kind(name: str, text: str) -> bool:
    """Whether ``name`` qualifies a kind of thing in ``text`` rather than naming one.

    >>> names_kind("Arabic", "Which Arabic pretrained language model has the most parameters?")
    True
    >>> names_kind("German", "What is the largest German-only pretrained model released?")
    True
    >>> names_kind("GottBERT", "How many parameters does GottBERT have?")
    False
    >>> names_kind("RoBERTa", "Which corpus trained the first German RoBERTa model?")
    False
    >>> names_kind("Korean", "Which was the first language model built specifically for Korean?")
    True

    Only a plain word with a capital ("Arabic", "German") describes: "the first German RoBERTa
    model" is one model, and "GLUE performance does a model" no kind at all.
    """
    # "a language model built specifically for Korean" says which kind after it
    after = rf"{_RANKED_KIND.pattern}(?:\s+[\w-]+){{0,3}}?\s+for\s+{re.escape(name)}\b"
    return plain_word(name) and (qualifies_kind(name, text) or bool(re.search(after, text)))


def qualifies_kind(name: str, text: str, between: int = 3) -> bool:
    """Whether ``name`` stands before a kind of thing ("DNA foundation model"), with at most
    ``between`` words between, as a word that says which kind does; whether it names no one
    thing is the caller's to know.

    >>> qualifies_kind("DNA", "Which DNA foundation model is largest?", 1)
    True
    >>> qualifies_kind("GLUE", "What share of GLUE performance does a model keep?", 1)
    False
    """
    kind = rf"\b{re.escape(name)}[\w-]*(?:\s+[\w-]+){{0,{between}}}?\s+{_RANKED_KIND.pattern}"
    return bool(re.search(kind, text))


@dataclass(frozen=True)
class Superlative:
    word: str  # "largest"
    ranks: str  # "monolithic transformer language model trained"
    terms: tuple[str, ...]
    # "Which ... is the fastest?", "What is the largest ...?": asked of the papers, not of one
    # ("what was its largest absolute improvement?")
    over_collection: bool = False


# "Which method reduces hallucinations the most?", "Which method preserves identity most
# faithfully?": the superlative closes the question, what it ranks comes before it
_RANKED_LAST = re.compile(
    r"^\W*(?:which|what)\s+(?P<ranks>[^?,;]+?)\s+(?:the\s+)?(?P<word>(?:most|least)"
    r"(?:\s+[a-z]+ly)?)\s*\??\s*$",
    re.I,
)


def _ranked_last(text: str) -> Superlative | None:
    """A superlative that closes a "which" question ("... the most?", "... most faithfully?").

    >>> _ranked_last("Which method reduces hallucinations in LLMs the most?").ranks
    'method reduces hallucinations in LLMs'
    >>> _ranked_last("Which model was trained for the most?") is None
    True
    >>> _ranked_last("Which data augmentation helps the models most?").over_collection
    False
    """
    m = _RANKED_LAST.match(text)
    if not m or re.search(r"\b(?:the|for|of|at)$", m["ranks"], re.I):
        return None  # "Which model was trained for the most?": no superlative that closes it
    terms = tuple(dict.fromkeys(tokenize(m["ranks"])))
    # one thing of a kind ranked ("which method"), not "which data augmentation helps the
    # models most", a finding inside one paper
    over = bool(_ONE_RANKED.match(text)) and not _FOUND.search(text)
    return Superlative(m["word"].lower(), m["ranks"], terms, over) if terms else None


_MAKE_THE_MOST = re.compile(r"\bmak(?:e|es|ing)\s+the\s+most\s+of\b", re.I)


def superlative_of(text: str) -> Superlative | None:
    """The superlative a question asks for and what it ranks, or None.

    >>> superlative_of("What is the largest monolithic transformer language model trained?").terms
    ('monolith', 'transform', 'languag', 'train')
    >>> superlative_of("What objective does it add to make the most of its text encoder?")
    """
    # "... add to make the most of its shortened text encoder?": an idiom, no ranking
    text = _MAKE_THE_MOST.sub("use", text)
    # "Which version - BERT-small, ... or ELECTRA-base - performs best?": the aside lists what
    # is ranked, not what it is ranked by
    best = _PERFORMS_BEST.match(text) or _PERFORMS_BEST.match(_ASIDE.sub(" ", text))
    if best:  # "Which data augmentation technique ... performs best?": a ranking of things
        ranks = f"{best['ranks']}{best['rest']}"  # "... performs best on BioCoder"
        # what is ranked, not where ("which baseline ... on the KLUE benchmark?": one paper's)
        over = bool(_RANKED_KIND.search(best["ranks"])) and not _FOUND.search(text)
        terms = tuple(dict.fromkeys(tokenize(ranks)))
        # "ranks first", "scores highest", as an abstract says it
        word = "first" if best["first"] else "highest" if best["highest"] else "best"
        return Superlative(word, ranks, terms, over) if terms else None
    m = _SUPERLATIVE.search(text)  # "the most": not "for most models"
    if not m:
        return _ranked_last(text)
    if re.match(r"(?:the|a|an|of)\s", text[m.end("word") :].lstrip() + " ", re.I):
        return None  # "the first of them"
    ranks = m["rest"].strip()
    if ranks.lower() in ("one", "ones"):  # "the largest one": what comes before it
        ranks = ""
    if not ranks:  # "Which LLM unlearning method is the fastest?", "... has the most parameters?"
        ranks = " ".join(w for w in m["word"].split()[1:]) or text[: m.start("word")]
        ranks = re.sub(
            r"^\W*(?:which|what)\s+|\s+(?:is|are|was|were|has|have)\s+"
            r"(?:(?:described|called|known|regarded|considered)\s+as\s+)?(?:the\s+)?$",
            "",
            ranks,
            flags=re.I,
        )
    terms = tuple(dict.fromkeys(tokenize(ranks)))
    over = (
        m.group().lower().startswith("the")
        and bool(re.match(r"\W*(?:which|what)\b", text, re.I))
        and bool(
            _RANKED_KIND.search(f"{text[: m.start()]} {ranks}")
            # "Which masked autoencoder reaches the highest ...?" (not "the highest ratio
            # reached by the Siamese masked autoencoder ...", one model's figure)
            or re.search(r"\bautoencoders?\b", text[: m.start()], re.I)
        )
        # "Which series of language models was found to be the least biased in ...?": a
        # study's finding, which its sentence may word otherwise
        and not _FOUND.search(text)
    )
    if m["word"].lower() == "best" and not (over and re.search(r"\bon\s+(?:the\s+)?[A-Z]", ranks)):
        # "the best results", "its best accuracy": of one study; "which approach gave the best
        # length generalization?" is said "NoPE outperforms other ... methods": only the best
        # on a named benchmark is asked of the collection
        return None
    return Superlative(m["word"].lower(), ranks, terms, over) if terms else None


# "What limitation of PROP's task does B-PROP try to overcome?", "What gap does Helix-mRNA try to
# close?", "What motivated MonoByte?": the problem a paper sets out to solve, which its abstract
# states before it says what it does, in words of its own ("employs a classical unigram
# language model"), not in the question's "limitation".
_PROBLEM = re.compile(
    r"^\W*what\s+(?:[\w-]+\s+){0,2}?(?:limitations?|weakness(?:es)?|shortcomings?|drawbacks?"
    r"|gaps?|problems?|issues?|challenges?|bottlenecks?|deficienc(?:y|ies)|flaws?)\b[^?]*?"
    r"\b(?:overcome|fix|address|solve|tackle|close|remedy|mitigate|alleviate|resolve|motivat)\w*"
    r"|^\W*what\s+(?:motivated|motivates|prompted|inspired)\b",
    re.I,
)


def asks_for_problem(text: str) -> bool:
    """>>> asks_for_problem("What weakness of CoOp's prompts is PRE designed to fix?")
    True
    >>> asks_for_problem("What motivated the release of MonoByte?"), asks_for_problem("What is PRE?")
    (True, False)
    >>> asks_for_problem("What are the limitations of LM-Infinite?")
    False
    """
    return bool(_PROBLEM.search(text))


# "What does MITRE stand for?", "What is FOCUS short for?", "What does the name LiT-decoder
# refer to?": the words a name abbreviates, which only a paper that spells it out gives.
_SPELLING = re.compile(
    r"\b(?:stands?|stood)\s+for\b|\bshort\s+for\b|\b(?:acronym|abbreviation)\s+(?:for|of)\b"
    r"|\bwhat\s+(?:does|do|did)\s+the\s+(?:name|acronym|abbreviation)\s+\S+\s+(?:mean|refer\s+to)\b",
    re.I,
)


def spelled_name(text: str, names: list[str]) -> str:
    """The name ``text`` asks to be spelled out: the one nearest before "stand for".

    >>> spelled_name("What is FOCUS short for in the method for adapting XLM-R?", ["FOCUS", "XLM-R"])
    'FOCUS'
    >>> spelled_name("What does the name LiT-decoder refer to?", ["LiT-decoder"])
    'LiT-decoder'
    >>> spelled_name("What does FOCUS do for XLM-R?", ["FOCUS", "XLM-R"])
    ''
    """
    cue = _SPELLING.search(text)
    if not cue or not names:
        return ""
    before = [(text.rfind(n, 0, cue.end()), n) for n in names]
    placed = [(at, n) for at, n in before if at >= 0]
    return max(placed)[1] if placed else names[0]


def asks_for_limits(text: str, names: list[str] | None = None) -> str:
    """What a question for shortcomings asks: "future" for what is left to do, "limits" for
    shortcomings, "" for neither. Only a question about little more than the thing itself:
    "What drawbacks of the usual index-retrieve-then-rank pipeline motivated CorpusBrain?" asks
    what its abstract says of another pipeline, and "Is there a downside on the usual
    reference-based metrics?" for a figure.

    >>> asks_for_limits("What are the limitations of LM-Infinite?", ["LM-Infinite"])
    'limits'
    >>> asks_for_limits("What future work do the RoBERTa authors suggest?", ["RoBERTa"])
    'future'
    >>> asks_for_limits("What limits the context length of LM-Infinite?", ["LM-Infinite"])
    ''
    >>> asks_for_limits("Is there a downside on the usual reference-based metrics?")
    ''
    """
    kind = "future" if _FUTURE.search(text) else "limits" if LIMITS.search(text) else ""
    if not kind:
        return ""
    if _ASKS_LIMITS.match(text):
        return kind
    named = set(tokenize(" ".join(names or [])))
    subject = set(tokenize(text)) - _LIMITS_WORDS - named
    return kind if len(subject) <= LIMITS_SUBJECT_TERMS else ""


def asks_for_origin(text: str) -> bool:
    """Whether the question asks which paper introduced a thing: only the paper whose own
    contribution it is answers, not one that builds on it ("We propose to enhance LoRA").

    >>> asks_for_origin("Which paper introduced LoRA?"), asks_for_origin("Who proposed Adam?")
    (True, True)
    >>> asks_for_origin("Where was Dolma first described?"), asks_for_origin("What is LoRA?")
    (True, False)
    >>> asks_for_origin("Which papers introduce new tokenizers?")
    False
    >>> asks_for_origin("Why is MLM limited, according to the authors who proposed MAE-LM?")
    False
    >>> asks_for_origin("I'm looking for the paper that introduced RoBERTa.")
    True
    >>> asks_for_origin("In which paper did XLNet make its debut?")
    True
    >>> asks_for_origin("What's the reference for MiniLM?")
    True
    >>> asks_for_origin("Where did the sequencing data it was trained on come from?")
    False
    >>> asks_for_origin("According to the study that proposes NMTune, how does noise affect it?")
    False
    """
    return bool(_ORIGIN.search(_PAPER_NAMED_FIRST.sub("", text, count=1)))


# A date the question restricts the papers to: "Which papers on LoRA were published after
# 2022?", "Which papers from 2021 ...?". A year alone is no date of publication ("on WMT 2014",
# "the 2018 Gaokao exam"): a verb of publishing says so, or a question asking for papers.
_YEAR = r"(?:19|20)\d\d"
_DATED = re.compile(
    r"\s*(?P<verb>(?:(?:were|was|been|be|are|is)\s+)?"
    r"(?:published|released|written|posted|appeared|came\s+out|dated|submitted)\s+)?"
    r"\b(?P<prep>in|from|during|since|after|before|until|through|between)\s+"
    rf"(?:the\s+year\s+)?(?P<first>{_YEAR})(?:\s*(?:and|to|-|–)\s*(?P<last>{_YEAR}))?(?![\w-])",
    re.I,
)


def dates_asked(text: str) -> tuple[str, str, str] | None:
    """The dates a question restricts papers to (since, until, as filter years) and the
    question without them; None when it names no date of publication.

    >>> dates_asked("Which papers on LoRA were published after 2022?")
    ('2023', '', 'Which papers on LoRA?')
    >>> dates_asked("Which papers from 2019 to 2021 study BERT?")
    ('2019', '2021', 'Which papers study BERT?')
    >>> dates_asked("What BLEU did it get on WMT 2014?"), dates_asked("What did it score in 2018?")
    (None, None)
    """
    m = _DATED.search(text)
    if not m or not (m["verb"] or is_topical(text)):
        return None
    first, last, prep = int(m["first"]), int(m["last"] or m["first"]), m["prep"].lower()
    since, until = {
        "since": (first, None),
        "after": (first + 1, None),
        "before": (None, first - 1),
        "until": (None, first),
        "through": (None, first),
    }.get(prep, (first, last))
    rest = f"{text[: m.start()]}{text[m.end() :]}".strip()
    return str(since or ""), str(until or ""), re.sub(r"\s+([?.!,])", r"\1", rest)


def when(since: str, until: str) -> str:
    """>>> when("2021", "2021"), when("2023", ""), when("", "2020"), when("2019", "2021")
    ('in 2021', 'since 2023', 'until 2020', 'from 2019 to 2021')
    """
    if since and since == until:
        return f"in {since}"
    if since and until:
        return f"from {since} to {until}"
    return f"since {since}" if since else f"until {until}"


# Asking what a paper is about or contributes: "What is the main contribution of the
# MosaicBERT paper?", "What is GottBERT about?", "Summarize the ByT5 paper.": the paper's own
# claims answer, not its background, and there is no one fact to look for.
_PAPER_WORD = r"(?:\s+(?:paper|work|study|article|report))?"
_SUBJECT = r"(?:the\s+)?(?P<subject>[^?,;:]{1,60}?)"
_GIST = (
    re.compile(
        r"\b(?:main|key|primary|central|core|major)\s+(?:contributions?|ideas?|findings?"
        rf"|points?|takeaways?|results?|claims?|messages?)\s+(?:of|in|from)\s+{_SUBJECT}"
        rf"{_PAPER_WORD}\W*$",
        re.I,
    ),
    re.compile(rf"\bwhat\s+(?:is|was|are|were)\s+{_SUBJECT}{_PAPER_WORD}\s+about\W*$", re.I),
    re.compile(
        rf"\bwhat\s+(?:does|did)\s+{_SUBJECT}\s+(?:paper|work|study|article)\s+"
        r"(?:do|propose|present|contribute|introduce|show|find|say)\W*$",
        re.I,
    ),
    re.compile(
        rf"^\W*(?:please\s+)?(?:summari[sz]e|describe|explain)\s+{_SUBJECT}"
        r"\s+(?:paper|work|study|article)\W*$",
        re.I,
    ),
    re.compile(
        rf"\b(?:overview|summary|tl;?dr|gist|abstract)\s+of\s+{_SUBJECT}"
        r"\s+(?:paper|work|study|article)\W*$",
        re.I,
    ),
)


# "What is Dolma?": a name to define; the paper that introduced it defines it best.
_DEFINITION = re.compile(
    r"^\W*what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?P<subject>[^?]{1,40}?)\W*$", re.I
)


def asks_for_definition(text: str) -> bool:
    """>>> asks_for_definition("What is Dolma?"), asks_for_definition("What is Dolma's size?")
    (True, False)
    """
    m = _DEFINITION.match(text.strip())
    if not m:
        return False
    return len(m["subject"].split()) <= 3 and not re.search(r"['’]s\b", m["subject"])


def asks_for_gist(text: str) -> bool:
    """Whether the question asks what a paper is about or contributes.

    >>> asks_for_gist("What is the main contribution of the MosaicBERT paper?")
    True
    >>> asks_for_gist("What is GottBERT about?"), asks_for_gist("Summarize the ByT5 paper.")
    (True, True)
    >>> asks_for_gist("Give me an overview of the Dolma paper"), asks_for_gist("What is LoRA?")
    (True, False)
    >>> asks_for_gist("What did the ByT5 paper find about noise?")
    False
    >>> asks_for_gist("What was the key finding of a systematic study of multi-task vision models that pair an image encoder with a text decoder?")
    False
    """
    for pattern in _GIST:
        m = pattern.search(text.strip())
        # the paper by its name, not described ("the key finding of a systematic study of
        # multi-task vision models that ..." is a fact question about what it describes)
        if m and len(m["subject"].split()) <= 4:
            return True
    return False


_COMPARES = re.compile(
    r"\b(?:differ\w*|difference|compare\w*|comparison|versus|vs|better|worse|bigger|larger"
    r"|smaller|faster|slower|more|fewer|less|longer|shorter|higher|lower|same|both|each|alike"
    r"|similar|lowest|highest|largest|smallest|least)\b",
    re.I,
)


@lru_cache(maxsize=256)  # asked several times a question, each a dozen patterns
def _compared(text: str, sides: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Question.compared, of ``text`` and its names with where each is written."""
    if not 2 <= len(sides) <= 3:
        return ()
    comparing = bool(_COMPARES.search(text))
    if not comparing and " and " not in text:
        return ()  # no pattern below can match; compiling them costs about 1 ms
    verb = r"(?:(?:compares?|differs?|stacks?\s+up)\s+)?"  # "RetroMAE compare with Condenser"
    quote = r"['\"“‘]?"
    # in the order written: "Q-BERT and BiBERT push BERT down" names BERT last
    for (first, at), (second, written) in permutations(sides, 2):
        at = rf"(?<![\w-]){at}"  # not the BERT of "Q-BERT"
        joined = (
            rf"{at}\W*\s+{verb}(?:and|or|vs\.?|versus|with|to|from|against)\s+"
            rf"(?:the\s+)?{quote}{written}"
        )
        if " or " in text:  # "Which corpus is larger, the one MPNet was pretrained on or MiniPile?"
            joined += rf"|{at}(?:\s+[\w-]+){{1,5}}\s+or\s+(?:the\s+)?{quote}{written}"
        # "Where do OFA and FOCUS get ...?": two subjects of one verb, each its own answer
        # ("do the papers 'X' and 'Y' run ...?")
        subjects = (
            rf"\b(?:do|did|are|were|have|had)\s+(?:the\s+(?:two\s+)?papers\s+)?{quote}"
            rf"{at}\W*\s+and\s+{quote}{written}"
        )
        # "What objective does MASS pre-train with, and what does DeltaLM use?": the same ask
        # of each, the second bare ("and how many parameters does UniXcoder have?" asks for
        # something else)
        each = (
            rf"\b(?:does|did|is|was|has)\s+{at}\b[^?]*,\s*and\s+(?:what|which)\s+"
            rf"(?:does|did|is|was|has)\s+(?:the\s+)?{quote}{written}"
        )
        if (comparing and re.search(joined, text)) or re.search(f"{subjects}|{each}", text):
            return (first, second)
    return ()


def _spells_short(name: str, text: str) -> bool:
    """Whether ``name`` is a two-letter acronym the question spells out itself ("knowledge
    graph embeddings ... align KG embeddings"): the words, which a paper may write without the
    acronym, are what it names.

    >>> _spells_short("KG", "knowledge graph embeddings used to align KG embeddings")
    True
    >>> _spells_short("KG", "Which KG does it use?"), _spells_short("BERT", "bert embedding")
    (False, False)
    """
    if not re.fullmatch(r"[A-Z]{2}", name):
        return False
    # spelled in words of its own, lower case: not "KG" itself, nor a title's capitals
    words = " ".join(re.findall(r"\b[a-z][a-z-]*", text))
    return name.lower() in spelled_acronyms(words, shortest=2)


def things_named(text: str, names: list[str]) -> list[str]:
    """What a question names, each way it names it: "Explained Variance Adaptation (EVA)" is
    one name to find_names and two to a paper that spells one out; a quoted phrase ("model
    soups") is a name however it is written.

    >>> things_named('Where was Explained Variance Adaptation (EVA) described?', ['Explained Variance Adaptation EVA'])
    ['Explained Variance Adaptation', 'EVA']
    >>> things_named('Who proposed CLIP (Contrastive Language-Image Pre-training)?', ['CLIP Contrastive Language-Image Pre-training'])
    ['CLIP', 'Contrastive Language-Image Pre-training']
    >>> things_named('Which paper defined "model soups"?', [])
    ['model soups']
    """
    pairs = [m.groups() for m in _SPELLED_OUT.finditer(text)]
    pairs += [m.groups() for m in _SHORT_FIRST.finditer(text)]
    joined = {" ".join(pair) for pair in pairs}
    found = [name for name in names if name not in joined]
    for pair in pairs:
        found += pair
    found += _QUOTED.findall(text)
    return list(dict.fromkeys(found))


_SPELLED_OUT = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)+)\s*\(([A-Za-z][\w-]{1,11})\)")
_SHORT_FIRST = re.compile(r"\b([A-Z][\w-]{1,11})\s*\(([A-Z][\w-]*(?:\s+[\w-]+){1,6})\)")
_QUOTED = re.compile(r"[\"“']([^\"“”']{3,40})[\"”']")


def leans_on(text: str, before: str) -> bool:
    """Whether a question refers to the conversation ``before`` it without a pronoun: "the
    two", or a definite description whose words were said there ("Which OCR engine produced
    the scene-text annotations?" after a turn on scene-text pre-training). A question naming
    something the conversation did not is a new one.

    >>> leans_on("How big are the two models?", "SOBertBase and SOBertLarge")
    True
    >>> leans_on("Which OCR engine made the scene-text labels?", "OCR-aware scene-text reading")
    True
    >>> leans_on("What is the context window of Gemini 1.5?", "A window of scene-text")
    False
    >>> leans_on("How much did the base model cost to pretrain?", "MosaicBERT adds ALiBi")
    True
    """
    if names_unsaid(find_names(text), before):
        return False
    if _PAIRED.search(text):
        return True
    said = set(tokenize(before))
    for match in _DEFINITE.finditer(text):
        if set(tokenize(match.group(1))) & said:
            return True
        words = match.group(1).lower().split()
        # "the base model", "the authors": what was just talked about, by its role
        for end in range(1, len(words) + 1):
            if words[end - 1] in _REFERENT_NOUNS and set(words[:end]) <= _REFERENT:
                return True
    return False


# Words that say a question asks, not what it asks about ("what score did it get?").
ASKING = frozenset(
    tokenize(
        "did does do get got report reported reach reached achieve achieved obtain obtained "
        "find found show showed give gave from much many large long score number size "
        "amount gain improvement value result performance figure total is are was were be "
        "small big fast slow high low far deep wide heavy expensive cheap "
        "help helped improve improved beat outperform boost increase reduce cut save"
    )
)


# What a figure is given in, not what it counts: "what fraction of GPT-3's footprint" counts
# the footprint.
MEASURES = frozenset(
    tokenize(
        # ("what masking probability": "a masking rate of 15%")
        "share fraction percentage percent proportion portion score accuracy rate ratio factor "
        "probability probabilities "
        "length duration size level average maximum minimum points speed faster quicker slower smaller range "
        "larger bigger better worse higher lower fewer more less"
    )
)


@dataclass
class Ask:
    """One thing a question asks for: "How big is it, and how many base pairs were in its
    corpus?" asks twice, for a figure each time."""

    wants: str  # number, reason, name, yes/no or other
    clause: str
    head: set[str]  # terms of what it asks for ("learning rate": {"learn", "rate"})
    head_words: str  # the same, as written
    names: list[str]  # the names the clause asks about ("the context window *of Gemini*")
    mentions: list[str]  # every name in the clause
    # The clause's terms less the asking words: {"read", "comprehens"} of "what gain on
    # reading comprehension did it report?"
    terms: list[str]


@dataclass
class Question:
    """A question and everything worked out from it, once."""

    text: str
    terms: list[str]
    names: list[str]
    asks: list[Ask]  # at least one
    topical: bool
    refers_back: bool
    # A topical question's topic, without "Which papers ..."; what the papers should be about.
    topic: str = ""
    idf: dict[str, float] = field(default_factory=dict)
    # For a follow-up: what retrieval searches with (the question plus what it refers to).
    search_text: str = ""
    # For a follow-up: papers the conversation was about, best first.
    context_papers: list[str] = field(default_factory=list)
    # Every clause of a compound question, each asking for something of its own ("Which decoder
    # did they use, and how much training closes the gap?"): what a full answer covers. The
    # verdict reads ``asks`` alone: each more clause is one more chance for a near-miss to find
    # a sentence.
    parts: list[Ask] = field(default_factory=list)
    # The figures the question itself gives ("the 32K-context models"): no answer to it.
    figures: frozenset[float] = frozenset()
    # For a follow-up: the terms of the answer before it. A follow-up asks for something new,
    # so a sentence that says again what was just said is the least likely answer.
    said: frozenset[str] = frozenset()
    # "Who wrote ...?" (asks_for_authors): answered from the papers' records, not their abstracts.
    wants_authors: bool = False
    # "Which paper introduced LoRA?" (asks_for_origin): only a paper LoRA is the contribution of.
    wants_origin: bool = False
    # "What is the main contribution of the MosaicBERT paper?" (asks_for_gist): its own claims.
    wants_gist: bool = False
    # "What is Dolma?" (asks_for_definition): the paper that introduced it, when one did.
    wants_definition: bool = False
    # "What are the limitations of X?" (asks_for_limits): "limits" or "future", or "".
    wants_limits: str = ""
    # "What gap does Helix-mRNA try to close?" (asks_for_problem): what its paper sets out to solve.
    wants_problem: bool = False
    # "What does MITRE stand for?" (spelled_name): the name whose spelling-out is asked for.
    spelled: str = ""
    # "What is the largest ... model?" (superlative_of): the superlative and what it ranks.
    superlative: Superlative | None = None
    # The years the question restricts the papers to (since, until), taken out of its text:
    # "Which papers on LoRA were published after 2022?" searches "Which papers on LoRA?".
    dates: tuple[str, str] = ("", "")
    # What the person typed, when the analysis is of a rewrite of it ("And what about MrT5?"
    # analysed as the previous question asked of MrT5): the answer's question, as saved.
    asked: str = ""
    # The papers it names by title (titles_named), among ``names``.
    titles: list[str] = field(default_factory=list)

    @property
    def compares(self) -> bool:
        return bool(self.compared)

    @property
    def compared(self) -> list[str]:
        """Two names set against each other ("X and Y", "X or Y", "X with Y") in a comparison:
        "How do Q-BERT and BiBERT differ?", "Which is bigger, Dolma or MiniPile?", "Which
        pushes BERT to lower precision, BiBERT or Q-BERT?", "Do CodeT5 and UniXcoder use the
        same architecture?". Not "How much faster than a standard Transformer is
        Funnel-Transformer on GLUE?". A name with the title of its paper ("BiGS from
        Pretraining Without Attention") is one side."""
        if self.topical:
            return []
        return list(_compared(self.text, tuple(self._sides())))

    def _sides(self) -> list[tuple[str, str]]:
        """The names, each with a pattern for where it is written; a name followed by the title
        of its paper is one."""
        sides: list[tuple[str, str]] = []
        for name in self.names:
            written = _written(name) if name in self.titles else re.escape(name)
            if sides and name in self.titles:
                first, at = sides[-1]
                of_paper = rf"{at}\s+(?:from|in|of)\s+(?:the\s+)?(?:paper\s+)?['\"“‘]?{written}"
                if re.search(of_paper, self.text):
                    sides[-1] = (first, of_paper)
                    continue
            sides.append((name, written))
        return sides

    @property
    def about_a_paper(self) -> bool:
        """Where a name comes from, what its paper says, or what it is: answered by the paper
        that introduced it."""
        return self.wants_origin or self.wants_gist or self.wants_definition

    @property
    def things(self) -> list[str]:
        """The names such a question asks about, each way it writes them (things_named)."""
        return things_named(self.text, self.names) if self.about_a_paper else []

    @property
    def lists_by_date(self) -> bool:
        """ "Which papers were published in 2021?": dates, and no topic to judge papers on."""
        return any(self.dates) and not tokenize(self.topic)

    @property
    def query(self) -> str:
        return self.search_text or self.text

    def weight(self, term: str) -> float:
        return self.idf.get(term, 1.0)

    def share(self, found: set[str], terms: set[str] | None = None) -> float:
        """The share of the question's term weight (IDF) among ``found``; ``terms`` replaces
        the question's own terms (e.g. with hyphenated ones also joined).

        >>> analyse("byte level models", idf={"byte": 3.0, "level": 1.0}.get).share({"byte"})
        0.75
        """
        terms = set(self.terms) if terms is None else terms
        total = sum(self.weight(t) for t in terms)
        return sum(self.weight(t) for t in terms & found) / total if total else 0.0

    # The first ask, for what reads one: the kind of answer, what it asks for.
    @property
    def wants(self) -> str:
        return self.asks[0].wants

    @property
    def head(self) -> set[str]:
        return self.asks[0].head

    @property
    def head_words(self) -> str:
        return self.asks[0].head_words


# How a question starts; a search-box query ("OPT-175B training GPU hours") starts otherwise,
# and so does one that starts with a name ("In-Context Pretraining model sizes parameters").
_QUESTION_START = re.compile(
    r"^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can"
    r"|could|should|would|will|has|have|had|list|name|find|show|give|tell|summari[sz]e|explain"
    r"|describe|compare|according|in|on|for|from|among|between|papers?|any|please)\b(?!-)",
    re.I,
)
_COUNTED_LAST = re.compile(
    r"(?:\b[A-Z]{2,4}\s+)?\b(?:hours|days|weeks|minutes|seconds|tokens|parameters|params|gpus"
    r"|tpus|examples|samples|queries|questions|documents|images|tweets|words|sentences|layers"
    r"|heads|steps|epochs|languages|tasks|datasets|experts|pairs)$",
    re.I,
)
# "LLM training repetitions for near-perfect recall": what is counted, then what it is for
_COUNTED_FOR = re.compile(
    r"(?<=\w)\s+(repetitions|exposures|iterations|passes|epochs|steps|examples|samples|shots"
    r"|tokens|gpus|hours|days)\s+(?:needed\s+|required\s+)?(?:for|to\s+reach|to\s+achieve)"
    r"\s+(?=\w)",
    re.I,
)
# "active inheritance non-differentiable attribute examples" asks for the examples, not how
# many there are ("... benchmark datasets" is answered by a count as often as by names)
_NAMED_LAST = re.compile(r"(?<=\w)\s+(examples)$", re.I)
_MEASURED = re.compile(
    r"\b(?:percentage|fraction|size|score|accuracy|ratio|rate|speedup|speed-up|f1|bleu"
    r"|perplexity|length|amount|cost|budget|share|proportion|dimension|improvement|gain"
    r"|reduction|margin|window|latency|throughput|auroc|auc|ndcg|mrr|rouge|wer|recall"
    r"|precision|saving|kappa"
    # "silver annotations inter-annotator agreement": how well annotators agree, at its end
    # (not "human annotator agreement", which a paper may say in words, nor "data use agreement")
    r"|(?:(?<=inter-annotator\s)|(?<=inter-rater\s))agreement(?=\s*$)"
    # "optical flow endpoint error", not "error correction" nor "MrT5 spelling errors"; not
    # "squared / word / character error" either, which papers write as MSE, WER, CER
    r"|endpoint\s+error(?=\s*$))s?\b",
    re.I,
)
# What a query's change in a measure is taken on, when one ends it: the setting, not the thing
# counted ("CLIP subsets average accuracy downstream datasets" still counts datasets)
_SETTING = re.compile(r"tasks|datasets|languages", re.I)
_A_CHANGE = re.compile(
    r"\b(?:increases?|gains?|improvements?|drops?|boosts?|reductions?|decreases?)\b", re.I
)
KEYWORD_WORDS = 10  # longer, and it is a sentence, not a query
# After a query's measure word: a kind of thing it qualifies, or the rest of a hyphenated word
_MEASURE_OF_A_KIND = re.compile(rf"-|\s+(?:{_KIND_HEAD}|baseline)s?\b", re.I)


def is_search_query(text: str) -> bool:
    """Words typed into a search box ("tunisian dialect pretrained bert"), not a question.

    >>> is_search_query("yoco decoder-decoder kv cache"), is_search_query("What is YOCO?")
    (True, False)
    """
    return not ("?" in text or _QUESTION_START.match(text) or len(text.split()) > KEYWORD_WORDS)


def keyword_ask(text: str) -> str:
    """What a search-box query asks, as a question ("" if it is one already, or asks for no
    figure): its last counted thing or its measure is the figure it wants.

    >>> keyword_ask("BERTweet pretraining corpus number of tweets")
    'How many tweets in BERTweet pretraining corpus'
    >>> keyword_ask("foundation models book number of application areas")
    'How many areas in foundation models book application'
    >>> keyword_ask("OPT-175B training GPU hours")
    'How many GPU hours in OPT-175B training'
    >>> keyword_ask("Min-K%++ WikiMIA AUROC gain over Min-K%")
    'How much gain in Min-K%++ WikiMIA AUROC over Min-K%'
    >>> keyword_ask("PG-RAG BLEU increase single-document tasks")
    'How much BLEU in PG-RAG increase single-document tasks'
    >>> keyword_ask("domain upsampling 70b model gains")
    'How much gains in domain upsampling 70b model'
    >>> keyword_ask("MrT5 delete gate encoder layer number")
    'How many layer in MrT5 delete gate encoder'
    >>> keyword_ask("Chinese MentalBERT base Chinese model name")
    'What is the name of the Chinese MentalBERT base Chinese model'
    >>> keyword_ask("active inheritance non-differentiable attribute examples")
    'Which examples in active inheritance non-differentiable attribute'
    >>> keyword_ask("Dolma share of code tokens")
    'What share of code tokens in Dolma'
    >>> keyword_ask("How many GPUs?"), keyword_ask("retrieval augmented code generation")
    ('', '')
    >>> keyword_ask("LUMEN advantage over FiD with model size")
    ''
    >>> keyword_ask("NERetrieve silver annotations inter-annotator agreement")
    'How much agreement in NERetrieve silver annotations inter-annotator'
    >>> keyword_ask("LLM training repetitions for near-perfect recall")
    'How many repetitions in LLM training for near-perfect recall'
    """
    if not is_search_query(text):
        return ""
    number = re.search(r"\bnumber of (\w[\w-]*)", text, re.I)
    if number:
        # "... number of application areas": a query ending so counts its last word (the
        # words before it say which ones, as "application" does, and stay in the query)
        tail = text[number.start() + len("number of ") :].rstrip(" .").split()
        ends = (
            number.start() > 0
            and 1 < len(tail) <= 3
            and not PREPOSITIONS.intersection(w.lower() for w in tail)
            and not any(c.isdigit() for w in tail for c in w)
        )
        counted = tail[-1] if ends else number[1]
        rest = " ".join(
            (text[: number.start()] + " " + " ".join(tail[:-1])).split()
            if ends
            else (text[: number.start()] + text[number.end() :]).split()
        )
        return f"How many {counted} in {rest}"
    # "MrT5 delete gate encoder layer number": a figure for the word before it
    # "FLoRA trainable parameter count versus LoRA": the same, compared with another
    number = re.search(
        r"(?<=\w)\s+([\w-]+)\s+(?:number|count)(?=$|\s+(?:versus|vs\.?|compared|against)(?=\s))",
        text.rstrip(" ."),
        re.I,
    )
    if number:
        rest = " ".join((text[: number.start()] + text[number.end() :]).split())
        return f"How many {number[1]} in {rest}"
    # "Chinese MentalBERT base model name": a name, as "What is the name of ...?" asks
    named = re.search(r"(?<=\w)\s+names?$", text.rstrip(" ."), re.I)
    if named:
        return f"What is the name of the {text[: named.start()].strip()}"
    named = _NAMED_LAST.search(text.rstrip(" ."))
    if named:
        return f"Which {named[1]} in {text[: named.start()].strip()}"
    # "Dolma share of code tokens": a share of them, not how many there are
    share = re.search(r"(?<=\w)\s+(share|proportion|fraction|percentage)\s+of\s+(?=\w)", text, re.I)
    if share:
        return f"What {share[1]} of {text[share.end() :].rstrip(' .')} in {text[: share.start()]}"
    counted_for = _COUNTED_FOR.search(text)
    if counted_for:
        rest = f"{text[: counted_for.start()]} for {text[counted_for.end() :].rstrip(' .')}"
        return f"How many {counted_for[1]} in {rest}"
    counted = _COUNTED_LAST.search(text.rstrip(" ."))
    before = text[: counted.start()] if counted else ""
    if counted and _SETTING.fullmatch(counted[0]) and _MEASURED.search(before):
        # "PG-RAG BLEU increase single-document tasks": a change in BLEU on those tasks
        counted = None if _A_CHANGE.search(before) else counted
    if counted and counted.start() > 0:
        return f"How many {counted[0]} in {text[: counted.start()].strip()}"
    # "LUMEN advantage over FiD with model size": what it grows with, not a figure asked for
    measures = [
        m
        for m in _MEASURED.finditer(text)
        if not re.search(r"\b(?:with|across|by)\s+(?:[\w-]+\s+)?$", text[: m.start()], re.I)
        # "image compression rate-accuracy baseline": a baseline, named, not an accuracy
        and not _MEASURE_OF_A_KIND.match(text[m.end() :])
    ]
    if measures:
        last = measures[-1]
        rest = " ".join((text[: last.start()] + text[last.end() :]).split())
        return f"How much {last[0]} in {rest}"
    return ""


def split_asks(text: str) -> list[str]:
    """The clauses of a question that each ask for something.

    >>> split_asks("How big is it, and how many base pairs were in its corpus?")
    ['How big is it', 'how many base pairs were in its corpus']
    >>> split_asks("Which method reorders documents, and what gain did it report?")
    ['what gain did it report']
    >>> split_asks("What accuracy did it reach, and with how many pretraining epochs?")
    ['What accuracy did it reach', 'how many pretraining epochs']
    """
    clauses: list[str] = []
    start = 0
    while start < len(text):
        kind, clause = _ask(text[start:])
        if kind == "other" or not clause.strip():
            break
        clauses.append(clause.strip())
        start = text.index(clause, start) + len(clause)
    return clauses or [text]


def split_parts(text: str) -> list[str]:
    """Every clause of a compound question that asks something, where it starts or ends.

    >>> split_parts("Which decoder did they use, and how much training closes the gap?")
    ['Which decoder did they use', 'how much training closes the gap']
    >>> split_parts("Which model architecture and which new dataset did they use?")
    ['Which model architecture', 'which new dataset did they use']
    >>> split_parts("Which task does it lose the most on, and why?")
    ['Which task does it lose the most on', 'why']
    """
    parts = [p.strip(" ,") for p in _CLAUSE_END.split(text)]
    # "..., and why?": a bare "why" asks for something of its own (a reason) in no words
    parts = [
        p for p in parts if p and _ask(p)[0] != "other" and (tokenize(p) or _ask(p)[0] == "reason")
    ]
    return parts if len(parts) > 1 else []


# "How long does it take to ...?", "how long did they train ...?" count time.
_TAKES_TIME = re.compile(
    r"\bhow long (does|did|do|would|will) .{0,80}\b(take|train|run|last|pre-?train)\b", re.I
)
TIME_UNITS = frozenset(tokenize("seconds minutes hours days weeks months years GPU-hours GPU-days"))
# "How long were the sequences?" is answered in tokens ("pretraining of 4096 tokens").
SPANS = frozenset(tokenize("sequences inputs contexts documents prompts"))
SPAN_UNITS = frozenset(tokenize("tokens words characters"))
# "How much DNA data ...?" is given in what the data is made of ("10 billion base pairs"); so
# is a retrieval database ("retrieving from 1.2 trillion tokens") and a dataset ("Book-SORT,
# comprising 36k pairs of segments"; "a corpus of 4 million paragraphs"); not a benchmark, whose
# "text samples up to 128k tokens" are how long its inputs are.
DATA = frozenset(tokenize("data corpus text database datastore dataset"))
DATA_UNITS = frozenset(
    tokenize(
        "tokens words sentences pairs documents examples samples images hours instances"
        " paragraphs passages tweets questions articles dialogues conversations utterances"
        " videos clips posts reviews records ads notes"
    )
)
# "How much material did they analyse?": no thing counted, whatever the figure counts ("1.7K
# equations and over 200 derivations").
_VAGUE = frozenset(tokenize("material materials content stuff"))


# Words before a name that make it a modifier, not the subject of a verb: "all GLUE tasks".
_DETERMINERS = (
    "the|an?|of|on|in|over|for|with|by|from|to|and|or|all|each|every|both|these|those|its|their"
)


# What a name does at the end of a clause ("... Gemini 1.5 Pro supports"), unlike the plural
# noun it may qualify ("400M curated CommonCrawl pairs").
_VERBS = (
    "supports|uses|achieves|reaches|gets|scores|has|contains|handles|needs|requires|offers|"
    "provides|accepts|processes|allows|covers|includes|takes|obtains"
)


def subject_names(clause: str, names: list[str]) -> list[str]:
    """The names a clause asks about, not those describing something else.

    >>> subject_names("What is the context window of Gemini 1.5 Pro", ["Gemini 1.5 Pro"])
    ['Gemini 1.5 Pro']
    >>> subject_names("how much did a controller with GoP selection save", ["GoP"])
    []
    >>> subject_names("what F1 did the BERT-based NER system get", ["BERT", "NER"])
    []
    >>> subject_names("What average GLUE score did RoBERTa's best model report", ["GLUE", "RoBERTa"])
    ['RoBERTa']
    >>> subject_names("How many tasks make up the SuperGLUE benchmark", ["SuperGLUE"])
    ['SuperGLUE']
    >>> subject_names("On how many of the GB benchmark tasks did it win", ["GB"])
    []
    >>> subject_names("What is the context length that Gemini 1.5 Pro supports", ["Gemini 1.5 Pro"])
    ['Gemini 1.5 Pro']
    >>> subject_names("What is the longest context window Gemini 1.5 Pro supports", ["Gemini 1.5 Pro"])
    ['Gemini 1.5 Pro']
    >>> subject_names("What is the average over all GLUE tasks", ["GLUE"])
    []
    >>> subject_names("What does it get with a model trained on 400M curated CommonCrawl pairs", ["CommonCrawl"])
    []
    >>> subject_names("How many tokens did the 175B-parameter GPT-3 see", ["GPT-3"])
    ['GPT-3']
    """
    found = []
    for name in names:
        if _METRIC.match(name):
            continue  # "the F0.5 score": what it is measured in, not what it is about
        loose = exact = clause
        if _WORD_ENDS.fullmatch(name):
            # one pair of patterns for every such name: the name marked in the clause
            measured_in, asked_of = _subject_patterns(_NAME_MARK)
            loose = re.sub(re.escape(name), _NAME_MARK, clause, flags=re.I)
            exact = clause.replace(name, _NAME_MARK)
        else:  # "Min-K%", "C++": word boundaries read otherwise around it
            measured_in, asked_of = _subject_patterns(name)
        if measured_in.search(loose):
            continue  # "what average GLUE score": what it is measured in
        if asked_of.search(exact):
            found.append(name)
    return found


# A name subject_names' patterns are built around once, written in the clause for the name
# asked about: a name with a word character at each end reads the same to them (a pattern per
# name cost 3 ms a question to compile; names seldom repeat).
_NAME_MARK = "Qzqnamemarkqzq"
_WORD_ENDS = re.compile(r"\w(?:.*\w)?", re.S)


@lru_cache(maxsize=1024)
def _subject_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """subject_names' two patterns for ``name``, compiled once a name: each is long, and a
    question's names are read again for every clause and every follow-up."""
    # "the BERT-based NER system" is a system, not BERT
    at = re.escape(name) + r"(?!-(?:based|style|like)\b)"
    return (
        re.compile(
            rf"\b(?:what|which|the|an?|its|their)\s+(?:[\w-]+\s+){{0,2}}{at}\s+scores?\b", re.I
        ),
        re.compile(
            # not "how many of the Nucleotide Transformer tasks": what the counted tasks are of
            rf"\b(?<!many )(?:of|does|did|do|is|was|are|were|has|have)\s+(?:the\s+|an?\s+)?"
            rf"(?:(?:\w*est|base|original|final|full|[\d.]+[kmbtKMBT]?-param\w*)\s+)?{at}"
            r"(?!\s+(?:version|variant)s?\b)"
            rf"|{at}(?:'s|’s)|^\W*{at}\b|\b{at}\s+(?:achieve|get|obtain|reach|have|has|use|score)"
            # "the maximum context length that Gemini 1.5 Pro supports"
            rf"|\bthat\s+(?:the\s+)?{at}\s+(?:\w+[^s\W]s|\w+ed|can|could)\b"
            # "the longest context window Gemini 1.5 Pro supports": the same, "that" left out
            rf"|\b(?!(?:{_DETERMINERS})\b)[a-z]+\s+{at}\s+(?:{_VERBS})\W*$"
            # what a count is of: "how many tasks make up the SuperGLUE benchmark", "how many
            # images are in ImageNet-1K"
            rf"|\b(?:(?:is|are|was|were)\s+(?:there\s+)?in|makes?\s+up|made\s+up"
            rf"|(?:covered|included|contained)\s+(?:by|in))\s+(?:the\s+)?{at}"
        ),
    )


COMPUTE = frozenset(tokenize("compute computation FLOPs"))
# The words themselves: "computer vision datasets" share the stem but count no compute.
_COMPUTE = re.compile(r"\b(?:compute|computation(?:al)?|flops)\b", re.I)
# A model's size is given in parameters ("models" itself is a stopword, never a head word).
_MODEL_SIZE = re.compile(r"\b(?:(?:biggest|largest|smallest) models?|models? sizes?)\b", re.I)
# "How small were the refining models?" too.
_HOW_BIG_MODELS = re.compile(r"\bhow (?:small|big|large)\b(?:\W+\w+){0,4}?\W+models?\b", re.I)
PARAMETERS = frozenset(tokenize("parameters"))
_HOW_BIG_THEY = re.compile(
    r"\bhow (?:big|large|small) (?:is|are|was|were) (?:it|they|them)\b", re.I
)
SIZE_UNITS = frozenset(tokenize("parameters params layers GB MB TB"))


# What a hyphenated word leaves behind: "speed-up" is no "up" ("up to 50%").
_PARTICLES = frozenset("up down out off".split())


_PRONOUN = re.compile(r"\b(?:it|its|they|their|them)\b", re.I)
_IT = re.compile(r"\b(?:it|they|them)\b", re.I)
# The things whose size a later "how large is it?" asks: "new dataset" of "new dataset came out".
_SIZED_THING = re.compile(
    r"(?:[\w-]+\s+){0,2}?(?:datasets?|corpus|corpora|benchmarks?|collections?|data)\b", re.I
)
_DATA_THING = re.compile(r"\b(?:datasets?|corpus|corpora)\b", re.I)
_HOW_MANY_UNINDEXED = re.compile(r"\bhow many ([A-Za-z]+[^s\W]s)\b", re.I)


def _make_ask(clause: str, names: list[str]) -> Ask:
    head_words = asked_for(clause)
    head = (
        set(tokenize(re.sub(r"['’]s\b", "", head_words))) - ASKING - MEASURES - _PARTICLES - _VAGUE
    )
    after = clause[clause.find(head_words) + len(head_words) :].split()[:1] if head_words else []
    plural = after and re.fullmatch(r"[a-z]+[^s]s", after[0]) and after[0] not in _AUXILIARY
    if plural and not tokenize(after[0]):
        # "how many compact models": the noun is too common to index, yet it is what a figure
        # must count ("24 pre-trained miniature BERT models"), as it is written
        head = head | {after[0]}
    bare = None if head_words else _HOW_MANY_UNINDEXED.search(clause)
    if bare and not tokenize(bare[1]):
        head = {bare[1].lower()}  # "how many papers does the survey cover": papers, as written
    unit = _IN_A_UNIT.search(clause)
    if unit:  # "what time-to-train in minutes": a figure in minutes, not any time-to-train
        head = set(tokenize(unit["unit"])) or head
    elif _TAKES_TIME.search(clause):
        head = set(TIME_UNITS)
    elif _COMPUTE.search(head_words):  # "how much compute": given in GPU-hours or FLOPs
        head = head | TIME_UNITS | COMPUTE
    elif re.search(r"\btime$", head_words, re.I):  # "how much pre-training time": "in 9 days"
        head = head | TIME_UNITS
    elif head & DATA and re.search(r"\bhow (?:much|large|big)\b", clause, re.I):
        head = head | DATA_UNITS
    elif head & SPANS and re.search(r"\bhow long\b", clause, re.I):
        head = head | SPAN_UNITS
    # "the biggest model they scaled it to" is answered in parameters ("236B"); "what fraction
    # of ... did developing its largest model take" asks for a fraction
    phrase = " ".join(asked_phrase(clause, past_copula=True))
    if _MODEL_SIZE.search(phrase) or _HOW_BIG_MODELS.search(clause):
        head = head | PARAMETERS
    elif _HOW_BIG_THEY.search(clause) or (
        not head
        and head_words.lower() in ("size", "sizes")
        and not re.search(r"\bsizes?\s+of\b", clause, re.I)  # "what sizes of vocabulary"
    ):
        # "how big were they?", "how big is it compared with ...?": the models just talked
        # about; "Which two PLMs, and at what sizes ...?": sizes of nothing the clause names are
        # those of the models the question is about, and a count of them ("2 PLMs") is none;
        # a corpus's size is what it is made of ("NERetrieve silver-annotated corpus size": "4
        # million paragraphs")
        head = set(SIZE_UNITS) | (DATA_UNITS if _DATA_THING.search(clause) else set())
    if re.search(_WHAT_MAKES, clause, re.I):
        head = set()  # "what ultimately makes code data good?" asks for a cause, not for code
    return Ask(
        wants=wants(clause) if clause else "other",
        clause=clause,
        head=head,
        head_words=head_words,
        names=subject_names(clause, names),
        mentions=[n for n in names if n in clause],
        terms=[t for t in tokenize(clause) if t not in ASKING and len(t) > 1],
    )


_VALUE = re.compile(r"[~≈]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([kmbt])?(?![\w.,])", re.I)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}


def name_titles(question: Question, titles: list[str]) -> None:
    """``question`` read again with ``titles`` (titles_named) as names: what it asks of whom."""
    fresh = analyse(question.text, None, titles)
    question.names, question.asks, question.parts = fresh.names, fresh.asks, fresh.parts
    question.figures, question.wants_limits = fresh.figures, fresh.wants_limits
    question.spelled, question.titles = fresh.spelled, fresh.titles


def figure_value(word: str) -> float | None:
    """The value a word writes, if it writes one: "32K" and "32,768" both about 32 thousand.

    >>> figure_value("32K-context"), figure_value("32,768."), figure_value("3e-4"), figure_value("3.3x")
    (32000.0, 32768.0, None, None)
    """
    match = _VALUE.match(word.strip("()[]\"'.,;:"))
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    return value * _SCALE.get((match.group(2) or "").lower(), 1.0)


def same_figure(a: float, b: float) -> bool:
    """Equal, or as near as "32K" is to "32,768" for large values.

    >>> same_figure(32000, 32768), same_figure(3, 3.1), same_figure(7e9, 7e9)
    (True, False, True)
    """
    return a == b or (min(a, b) >= 1000 and abs(a - b) <= 0.025 * max(a, b))


def given_figures(text: str, names: list[str]) -> frozenset[float]:
    """The figures ``text`` gives, not counting those in its names ("Llama 2")."""
    for name in names:
        text = text.replace(name, " ")
    return frozenset(v for w in text.split() if (v := figure_value(w)) is not None)


def analyse(
    text: str, idf: Callable[[str], float] | None = None, titles: list[str] | None = None
) -> Question:
    """Analyse ``text``; ``idf`` (term -> weight, e.g. the lexical index's) weighs its terms;
    ``titles`` are papers' titles it names (titles_named), each one name."""
    dated = dates_asked(text)
    if dated:
        question = analyse(dated[2], idf, titles)
        question.dates, question.asked = dated[:2], text
        return question
    terms = tokenize(text)
    names = _with_titles(text, find_names(text), titles or [])
    names = [n for n in names if not _spells_short(n, text)]
    # "OPT-175B training GPU hours" asks for a figure as "How many GPU hours ...?" would
    clauses = split_asks(keyword_ask(text) or text)
    asks = [_make_ask(c, names) for c in clauses]
    if clauses == [text] and wants(text) == "other":
        asks = [_make_ask(text, names)]
    # "How many total and how many active parameters?": the first clause names nothing to look
    # for ("total" only says how it counts); alone, any figure would answer it.
    asks = [a for a in asks if a.terms or a.head] or asks
    # "How many GPUs and how many steps did GraphCodeBERT need?": a bare first clause asks
    # about what the next one names.
    for ask, after in pairwise(asks):
        if not ask.names and after.names and len(ask.clause.split()) <= 4:
            ask.names = list(after.names)
        # "How many total parameters does DeepSeek-V2 have, and how many are activated per
        # token?": a clause counting nothing by name counts what the one before it counts.
        if after.wants == ask.wants == "number" and not after.head_words and ask.head:
            after.head = set(ask.head)
            after.names = after.names or list(ask.names)
            after.mentions = after.mentions or list(ask.mentions)
        # "How many parameters does TinyBERT have, and how much faster is it?": "it" is TinyBERT
        if ask.names and not after.names and _PRONOUN.search(after.clause):
            after.names = list(ask.names)
    parts = [_make_ask(c, names) for c in split_parts(text)]
    # "Which languages did the FOCUS authors adapt XLM-R to, and how large were the gains?":
    # the gains are FOCUS's; an ask naming nothing is about what the clause before it names.
    for part, after in pairwise(parts):
        for ask in asks:
            if ask.clause == after.clause and not ask.names and part.names:
                ask.names = list(part.names)
                ask.mentions = ask.mentions or list(part.mentions)
    # "Which GPUs, and how many, were in the server?": the count is of what the bare "which"
    # clause before it names, not of any figure.
    which = [p for p in parts if p.wants == "name" and p.head and len(p.clause.split()) <= 3]
    for ask in asks:
        counting = bool(re.match(r"\W*how many\b", ask.clause, re.I)) and not ask.head_words
        if counting and which and which[0].clause != ask.clause:
            ask.head, ask.head_words = set(which[0].head), which[0].head_words
    # "What dataset came out of it, and how large is it?": the second "it" is the dataset, the
    # thing the clause before asked for, which the figure must measure.
    for part, after in pairwise(parts):
        thing = part.wants == "name" and _SIZED_THING.match(part.head_words)
        for i, ask in enumerate(asks):
            bare = ask.wants == "number" and not ask.head_words and _IT.search(ask.clause)
            if thing and bare and ask.clause == after.clause:
                asks[i] = _make_ask(_IT.sub(f"the {thing[0]}", ask.clause, count=1), names)
                asks[i].names = ask.names
    # "Which of these papers is the origin of LoRA?" asks for one paper, not a list; so does
    # "Which text-to-image diffusion model described in these papers has the most parameters?"
    superlative = superlative_of(text)
    topical = (
        is_topical(text)
        and not (_ONE_OF.search(text) and asks_for_origin(text))
        # "Which text-video retrieval models failed to reproduce in <title>?": that paper's
        # models, not a topic (unless it asks for papers in so many words)
        and not (titles and not asks_for_papers(text))
        and not (superlative and superlative.over_collection and _ONE_RANKED.match(text))
    )
    limits = "" if topical else asks_for_limits(text, names)
    return Question(
        text=text,
        terms=terms,
        names=names,
        asks=asks,
        parts=parts,
        figures=given_figures(text, names),
        topical=topical,
        refers_back=refers_back(text),
        topic=topic_of(text) if topical else "",
        idf={t: idf(t) for t in dict.fromkeys(terms)} if idf else {},
        wants_authors=asks_for_authors(text),
        # one part only: "Which paper introduced X, and how big is it?" asks for more
        wants_origin=not topical and len(parts) <= 1 and asks_for_origin(text),
        wants_gist=not topical and len(parts) <= 1 and asks_for_gist(text),
        # "What are the limitations of LM-Infinite?" is no definition of "limitations of ..."
        wants_definition=not topical and not limits and asks_for_definition(text),
        wants_limits=limits,
        wants_problem=not topical and not limits and asks_for_problem(text),
        spelled="" if topical else spelled_name(text, names),
        superlative=superlative,
        titles=[t for t in titles or [] if t in names],
    )
