"""Read the evidence: find the sentences of the retrieved papers that state what was asked.

Retrieval finds papers *about* a question; this stage decides whether any of them *states* the
answer, sentence by sentence, and which papers bear on the question at all:

* a paper bears on the question if it names every thing the question names ("Yi-34B",
  "Gemini 1.5 Pro") and retrieval scores it near the best, or, for a follow-up, if it is the
  paper the conversation was about;
* a sentence of such a paper states the answer to one of the question's asking clauses if it
  carries the kind of answer wanted: for "how many / what score / by how much", a figure that
  counts what is asked ("512 GPUs", "850M English Tweets", not "three Tweet NLP tasks"); for
  "which model / dataset / tokenizer", a name the question does not hold; for the rest, enough
  of the question's term weight. A model the paper only mentions (a baseline) must be named in
  the sentence, near the figure: a paper comparing with Gemini 1.5 Pro does not state Gemini's
  context window.

Three outcomes follow: ``answered`` (statements found), ``not_stated`` (papers bear on the
question but none states it: the Yi abstract reports "strong performance on MMLU", no score),
``not_covered`` (nothing in the index bears on it).

>>> from rag.records import Hit
>>> from rag.question import analyse
>>> yi = Hit("yi", "Yi: Open Foundation Models", 1.0, "", 0, "both",
...          abstract="Yi-34B shows strong performance on MMLU. It was trained on 3.1T tokens.")
>>> read(analyse("What MMLU score does Yi-34B achieve?"), [yi], answerable=True).outcome
'not_stated'
>>> read(analyse("How many tokens was Yi-34B trained on?"), [yi], answerable=True).statements[0].text
'It was trained on 3.1T tokens.'
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from rag.chunking import split_sentences
from rag.figures import (
    CHANGES,
    ENUMERATION,
    HOW_MUCH_OF,
    KINDS,
    NUMBER,
    NUMBER_WORDS,
    PHRASE_END,
    SCORES,
    SHARES,
    asks_for_change,
    asks_for_money,
    asks_for_score,
    asks_in_bytes,
    asks_score_basis,
    averaged_over,
    benchmark_unwritten,
    bound_elsewhere,
    count_value,
    data_in_bytes,
    figure_kind,
    figure_near,
    joined,
    longest_given,
    measure_named,
    measure_written,
    measures_collection,
    opposite_change,
    other_basis,
    other_regime,
    other_setting,
    other_sizes,
    other_value,
    per_other,
    qualifiers_of,
    size_terms,
)
from rag.lexical import tokenize
from rag.names import (
    SIZE_WORDS,
    acronym_terms,
    aliases,
    central,
    compared,
    core_name,
    described,
    introduces,
    name_in,
    name_parts,
    name_pattern,
    names_in,
    other_variant,
    plain_word,
    unsized,
    without_names,
)
from rag.premises import INSTEAD_OF, contradicted, results_contradicted
from rag.question import (
    AT_WHAT,
    AUXILIARY_TERMS,
    GENERIC,
    LIMITS,
    MEASURES,
    NAMED_KINDS,
    PREPOSITIONS,
    Ask,
    Question,
    Superlative,
    asked_phrase,
    asks_for_one,
    find_names,
    is_search_query,
    names_kind,
    qualifies_kind,
    superlative_of,
    title_words,
)
from rag.records import Hit

Outcome = Literal["answered", "not_stated", "not_covered"]
READ_PAPERS = 6
# A paper retrieval scores under this share of the best one is not read for a fact question:
# its figures answer some other question (a GPU count from a paper about another model).
# On the 13 looked-at sets, 0.5 -> 0.8 abstains on 5 more near-misses and loses no answer (0.9: 7
# more, none lost; 0.99 loses answers): a fact is stated by the paper the question is about, and
# papers fused well below it are about something else.
MIN_RELATIVE_SCORE = 0.8
# A statement must hold this share of the question's term weight (IDF), title included: enough
# that it is about the question, not so much that a paraphrased question misses its answer.
MIN_OVERLAP = 0.25
# A statement of a figure or a name must name what is asked for ("learning rate") or hold this
# share of the asking clause's term weight.
ASKED_SHARE = 0.35
MIN_OVERLAP_NAME = 0.15  # the floor for a statement of a name: "Related work is reviewed" is not


@dataclass
class Statement:
    """A sentence of a retrieved paper that states (part of) the answer."""

    paper: int  # index into the hits
    position: int  # the sentence's place in its abstract
    text: str
    score: float


@dataclass
class Evidence:
    outcome: Outcome
    statements: list[Statement] = field(default_factory=list)  # best first
    related: list[int] = field(default_factory=list)  # hits that bear on the question
    missing: str = ""  # for not_stated: what no paper gives ("a figure for: mmlu score")
    # Each statement a different paper's side, all quoted in this order ("How do Q-BERT and
    # BiBERT differ ...?"), not only the best paper's.
    side_by_side: bool = False
    # for not_stated: what the question takes for granted that its paper says otherwise
    premise: str = ""

    @property
    def answered(self) -> bool:
        return self.outcome == "answered"

    def cited_papers(self) -> list[int]:
        return list(dict.fromkeys(s.paper for s in self.statements))


# The same, as terms, with the hardware a "which GPUs?" asks to be named ("8 A100s").
_NAMED_HEADS = frozenset(tokenize(" ".join(NAMED_KINDS) + " gpus tpus accelerators hardware"))


def _fold_all(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# Lower-case names a "which ..." is answered with: "clone detection", "text infilling" are not
# capitalised, so a quoted or hyphenated term, or an abbreviation in brackets, counts too.
_LOWER_NAME = re.compile(r"\(([A-Za-z][\w+-]{1,12})\)|\"([^\"]{2,40})\"|'([^']{2,40})'")


def _lower_names(sentence: str) -> list[str]:
    found = [next(g for g in m.groups() if g) for m in _LOWER_NAME.finditer(sentence)]
    # not a list's numbering, nor a plain word in scare quotes ("higher 'quality'")
    return [n for n in found if not _ENUMERATOR.fullmatch(n) and not _PLAIN_WORD.fullmatch(n)]


_PLAIN_WORD = re.compile(r"[a-z]+")


_ENUMERATOR = re.compile(r"[ivx]{1,4}|[a-h]", re.I)  # "(ii)", "(b)": a list's numbering
# "(Peebles & Xie, 2023)": a citation's authors answer no "which model".
_CITATION = re.compile(r"\([A-Z][^()]{0,80}?\b(?:19|20)\d\d[a-z]?\)")


# A quoted phrase ("in between the sofa and TV") is an example, not a name, nor is what is in it.
_QUOTED_PHRASE = re.compile(
    r"\"[^\"]*(?:\s+[^\s\"]+){3,}\s*\"|\u201c[^\u201d]*(?:\s+\S+){3,}\u201d"
    # ... and so is one that opens like a phrase: styles such as "like Wikipedia"
    r"|\"(?:like|as|in|a|an|the|for|with)\s[^\"]{1,40}\""
)


# "What kinds of benchmarks ...?" is answered in kinds ("text, vision and audio"), not names.
_KINDS_OF = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:kinds?|types?|sorts?|categories|forms?)\s+of\b", re.I
)


# "which of the 30 language models ...?" asks for one of them
_WHICH_OF = re.compile(
    r"\bwhich\s+of\s+(?:the|their|its|these|those)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I
)
# "On which datasets ...?", "In the work that ..., which LLM ...?": a clause opened by "which";
# not "Beyond which tasks suit LLMs, what issues ...?"
_WHICH_OPENS = re.compile(
    r"(?:^|[,.?!])\s*(?:(?:on|in|for|at|from|with|by|of|to|over)\s+)?which\b", re.I
)
# "What was the model they built called?", "What did they name it?": answered by a new name.
_CALLED = re.compile(r"\b(?:called|named?|dubbed|termed)\b", re.I)


# "In which month and year ...?", "When was it released?" ask for a date, given as a year or a
# month ("May" only capitalised: "may" is mostly a verb).
_ASKS_DATE = re.compile(
    r"\b(?:which|what)\s+(?:month|year|date)\b"
    r"|^\W*when\s+(?:was|were|did|is)\b[^?]*\b(?:releas|publish|launch|introduc|announc)",
    re.I,
)
_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b"
)


def carries_kind(
    ask: Ask,
    sentence: str,
    names: Sequence[str] = (),
    said: frozenset[str] = frozenset(),
    terms: frozenset[str] = frozenset(),
    abstract: str = "",
) -> bool:
    """Whether ``sentence`` holds the kind of answer ``ask`` wants. ``said``: the terms of the
    conversation's last answer, whose names answer no new "which ...?" of a follow-up;
    ``terms``: the acronyms its abstract defines from plain words ("retrieval-augmented
    generation (RAG)"), which name no model or dataset however often they recur.

    >>> from rag.question import analyse
    >>> carries_kind(analyse("How many GPUs?").asks[0], "We train on 64 GPUs.")
    True
    >>> q = analyse("What score does GPT-4 get?")
    >>> carries_kind(q.asks[0], "GPT-4 does well.", q.names)
    False
    >>> q = analyse("Which LLM wrote the summaries?")  # after "GraphCLIP learns from summaries"
    >>> carries_kind(q.asks[0], "We propose GraphCLIP.", q.names, frozenset({"graphclip"}))
    False
    >>> q = analyse("Which embedding model did they use?")
    >>> carries_kind(q.asks[0], "This RAG system beats the best embedding model.", q.names)
    True
    >>> carries_kind(q.asks[0], "This RAG system beats the best embedding model.", terms=frozenset({"RAG"}))
    False
    >>> q = analyse("In which month and year did OpenAI release ChatGPT?")
    >>> carries_kind(q.asks[0], "We compare with OpenAI's ChatGPT."), carries_kind(q.asks[0], "ChatGPT (November 2022)")
    (False, True)
    """
    if _ASKS_DATE.search(ask.clause) and not _DATE.search(sentence):
        return False  # "in which month and year was it released?": a sentence with no date
    if ask.wants == "number":
        return bool(NUMBER.search(without_names(sentence, list(names)))) or _sized_in_words(
            ask, sentence
        )
    kinds = set(re.findall(r"\w+", ask.head_words.lower())) | set(asked_phrase(ask.clause))
    chosen = _WHICH_OF.search(ask.clause)  # "which of the 30 language models ...?"
    if chosen:
        kinds |= set(chosen[1].lower().split())
    # "What are the names of the three scientific long-form summarization datasets ...?"
    called = _NAMES_OF.search(ask.clause)
    if called:
        kinds.add(called[1].lower())
    kinds |= {k.removesuffix("s") for k in kinds}  # "which text encoders"
    # "In the work that ..., which LLM did they use?": a name is asked for after a preamble too.
    named = ask.wants == "name" or (ask.wants == "other" and bool(_WHICH_OPENS.search(ask.clause)))
    if named and kinds & NAMED_KINDS and not _KINDS_OF.search(ask.clause):
        if _describes_kind(ask.clause, sentence):
            return True  # "which previously ignored models": "... ignored multilingual models"
        if (
            not said
            and asks_for_one(ask.clause)
            and (_own_of_kind(sentence, kinds) or _own_result(ask.clause, sentence))
            # "Which ... system achieves the highest F0.5?": not "our system achieves 72.4"
            and superlative_of(ask.clause) is None
        ):
            # "Which text summarization model reports a new state of the art on ...?": "our
            # model achieves new state-of-the-art on ...", which the paper's title names
            return True
        # "Which tokenizer ...?" is answered by naming one: a name the question does not hold,
        # and not one the sentence gives another kind ("the Personalized PageRank algorithm").
        # (nor one its ``abstract`` calls another kind: "CLIP has been a celebrated method")
        return any(
            not _typed_other(n, sentence, kinds)
            and not (abstract and _called_other(n, abstract, frozenset(kinds)))
            for n in _new_names(sentence, ask.clause, said)
            if n not in terms
        )
    return True  # a reason is often stated without "because": the overlap decides


# "Which ... approach claims strong performance across ...?" of "Experimental results show
# strong performance across ...": a paper found by what it claims, in a sentence of its results
_CLAIMS = re.compile(r"\bclaim(?:s|ed)?\b(?!\s+(?:verification|detection|extraction))", re.I)
_OWN_RESULTS = re.compile(
    r"^\W*(?:(?:extensive\s+|our\s+)?(?:experimental\s+)?(?:results|experiments|evaluations?)"
    r"\s+(?:on\s+[^,]{1,60}\s+)?(?:show|demonstrate|indicate|confirm)|we\s+(?:show|demonstrate))\b",
    re.I,
)


def _own_result(clause: str, sentence: str) -> bool:
    """Whether ``sentence`` states the paper's own result, as a question that finds a paper by
    its claim asks for.

    >>> _own_result("Which approach claims strong results?", "Experimental results show strong results.")
    True
    >>> _own_result("Which approach gets strong results?", "Experimental results show strong results.")
    False
    """
    return bool(_CLAIMS.search(clause)) and bool(_OWN_RESULTS.search(sentence))


def _own_of_kind(sentence: str, kinds: set[str]) -> bool:
    """Whether ``sentence`` speaks of the paper's own thing of one of ``kinds`` ("our model").

    >>> _own_of_kind("Our model achieves new state-of-the-art.", {"model"})
    True
    >>> _own_of_kind("Our data helps the model.", {"model"})
    False
    """
    kind = "|".join(sorted(re.escape(k) for k in kinds & NAMED_KINDS))
    return bool(kind) and bool(
        re.search(rf"\bour\s+(?:[\w-]+\s+){{0,2}}?(?:{kind})\b", sentence, re.I)
    )


_NAMES_OF = re.compile(
    rf"\bnames?\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,5}}?({'|'.join(sorted(NAMED_KINDS))})\b", re.I
)


# Kinds of thing a name may be given that answer no "which model / dataset ...?".
_OTHER_TYPES = frozenset(
    "algorithm algorithms method methods approach technique techniques metric metrics loss "
    "objective format style strategy paradigm principle".split()
)


_MODEL_KINDS = frozenset(
    "model models llm llms encoder encoders decoder decoders backbone backbones retriever "
    "retrievers generator generators".split()
)
_DATA_KINDS = frozenset(
    "dataset datasets corpus corpora benchmark benchmarks database databases".split()
)
# A name spelled as models are ("ClinicalBERT", "Clinical-BigBird", "GPT-3"): no corpus's name.
_MODEL_SPELLING = re.compile(r"BERT|former\b|GPT|BigBird|ELECTRA|LLaMA|Llama|T5\b")


@lru_cache(maxsize=1024)
def _called_other(name: str, abstract: str, kinds: frozenset[str]) -> bool:
    """Whether ``abstract`` says what ``name`` is, and it is another kind than the ``kinds``
    asked for: "CLIP has been a celebrated method", "CLIP as a vision-language foundation
    model" (of "which dataset?").

    >>> _called_other("CLIP", "Pre-training (CLIP) as a vision-language model.", frozenset({"dataset"}))
    True
    >>> _called_other("COCO", "COCO is a large dataset.", frozenset({"dataset"}))
    False
    >>> _called_other("CLIP", "CLIP has been a celebrated method. CLIP as a foundation model.", frozenset({"model"}))
    False
    """
    # only a model for a dataset, or a dataset for a model: a model may be called a method too
    other = _other_types(set(kinds)) & (_MODEL_KINDS | _DATA_KINDS)
    called = set()
    for said in re.finditer(
        rf"(?<![\w-]){re.escape(name)}\)?\s+(?:is|was|has\s+been|as)\s+(?:a|an|the)\s+"
        r"((?:[\w-]+\s*){1,4})",
        abstract,
    ):
        called |= {w.lower() for w in said[1].split()}
    # (never when one of its descriptions is of the kind asked for)
    return bool(called & other and not called & (kinds | {k + "s" for k in kinds}))


def _other_types(kinds: set[str]) -> set[str]:
    """The kinds of thing that answer no question asking for ``kinds``."""
    types = set(_OTHER_TYPES - kinds)
    for asked, other in ((_DATA_KINDS, _MODEL_KINDS), (_MODEL_KINDS, _DATA_KINDS)):
        if kinds & asked and not kinds & other:
            types |= other
    if kinds & _MODEL_KINDS:
        # "tasks, including ..., Visual Genome Relation": a task is no model (but may be
        # where a language or dataset asked for is named: "16 tasks including English tasks")
        types |= {"task", "tasks"}
    return types


def _typed_other(name: str, sentence: str, kinds: set[str]) -> bool:
    """Whether ``sentence`` calls ``name`` a kind of thing other than the ``kinds`` asked for.

    >>> _typed_other("PageRank", "It builds upon the PageRank algorithm.", {"llm"})
    True
    >>> _typed_other("GPT-4", "It uses the GPT-4 model.", {"model"})
    False
    >>> _typed_other("question-answer format", 'in "question-answer format"', {"model"})
    True
    >>> _typed_other("GPT", "We pretrain the 43B GPT model on it.", {"text", "corpus"})
    True
    >>> _typed_other("Data Commons DC", "found in the Data Commons (DC) benchmarks", {"encoder"})
    True
    >>> _typed_other("LongBench", "Benchmarks, such as L-Eval and LongBench, use QA.", {"model"})
    True
    >>> _typed_other("LongBench", "Models such as L-Eval and LongBench do QA.", {"model"})
    False
    >>> _typed_other("Clinical-BigBird", "two models, namely X and Clinical-BigBird, which", {"corpus"})
    True
    >>> _typed_other("ClinicalBERT", "They outperform ClinicalBERT in all tasks.", {"corpus"})
    True
    >>> _typed_other("Natural Language Processing", "the field of Natural Language Processing", {"model"})
    True
    >>> _typed_other("Visual Genome", "tasks, including retrieval (up to 2.0%), Visual Genome", {"llm"})
    True
    """
    # the word after the name, past its acronym: "the Therapeutic Data Commons (TDC) benchmarks"
    # (a name read with its acronym, "Therapeutic Data Commons TDC", ends at the acronym)
    written = re.escape(name if name in sentence else name.split()[-1])
    after = re.search(rf"{written}(?:\s*\([^()]*\))?\W*\s+(\w+)", sentence)
    # A model answers no "which corpus?", a benchmark no "which model?".
    types = _other_types(kinds)
    data_only = bool(kinds & _DATA_KINDS) and not kinds & _MODEL_KINDS
    if data_only and _MODEL_SPELLING.search(name):
        return True
    # "benchmarks, such as L-Eval and LongBench": the kind the list is of
    listed = re.search(
        # (past a bracket: "tasks, including paraphrased retrieval (with ... 5.6%), Visual Genome")
        rf"\b(\w+),?\s+\(?(?:such as|like|including|namely|e\.g\.,?)\s+"
        rf"(?:[^.;:()]|\([^()]*\)){{0,120}}?{written}",
        sentence,
    )
    # "the field of Natural Language Processing": a field or task, not a model or dataset
    field_of = re.search(rf"\b(?:field|area|domain)s?\s+of\s+(?:the\s+)?{written}", sentence)
    return (
        name.split()[-1].lower() in types
        or (after is not None and after[1].lower() in types)
        or (listed is not None and listed[1].lower() in types)
        or field_of is not None
    )


# "SOTA MLLMs", "LLMs": a kind of thing, not one that answers "which model?".
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,6}s")
_URL = re.compile(r"\S+://\S+|\bwww\.\S+")
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9-]{1,11})\)")
_SPELLED_AFTER = re.compile(r"\b([A-Z][\w-]{1,11})\s*\([^()]{4,80}\)")


_ADVERB = re.compile(r"[A-Z][a-z]{4,}ly")


def answer_names(sentence: str, asked: str) -> list[str]:
    """The names in ``sentence`` that could answer a "which ...?" (``asked``: the question's
    clause, folded): not a link, nor the spelled-out form of an acronym the question holds or of
    a kind of thing ("Holistic Evaluation of Language Models (HELM)", "Large Language Models
    (LLMs)").

    >>> answer_names("We present Holistic Evaluation of Language Models (HELM).", "whichmodelwonhelm")
    []
    >>> answer_names("Code is at https://github.com/x/Chinese-MentalBERT.", "")
    []
    >>> answer_names("We propose Web Rephrase Augmented Pre-training (WRAP) to train MLLMs.", "wrap")
    []
    >>> answer_names("We propose RAFT (Rationale Adaptor for Few-shoT classification).", "raft")
    ['RAFT']
    >>> answer_names("It outperforms non-LLM based generation models.", "")
    []
    >>> answer_names("We find: (i) Previously ignored models fare better.", "")
    []
    """
    sentence = _CITATION.sub(" ", _QUOTED_PHRASE.sub(" ", _URL.sub(" ", sentence)))
    # "RAFT (Rationale Adaptor for Few-shoT classification)": the asked name, spelled out
    sentence = _SPELLED_AFTER.sub(
        lambda m: m[1] if _fold_all(m[1]) in asked and asked else m[0], sentence
    )
    sentence = _HEADER.sub(" ", _REFERENCE.sub(" ", sentence))
    terms = _term_acronyms(sentence)
    found = [
        n
        for n in find_names(sentence) + _lower_names(sentence)
        if n.lower() not in GENERIC | _TERMS
        and not _PLURAL_ACRONYM.fullmatch(n)
        and n not in terms
        and not _NEGATED.match(n)  # "non-LLM based generation models" names none
        and not _ADVERB.fullmatch(n)  # "(i) Previously ignored models": a list item's start
    ]
    for match in _ACRONYM.finditer(sentence):
        acronym = match.group(1)
        generic = acronym.lower() in GENERIC or _PLURAL_ACRONYM.fullmatch(acronym)
        if _fold_all(acronym) not in asked and not generic:
            if _abbreviates(acronym, sentence[: match.start()], asked):
                # "Modality Integration Rate (MIR)" of a question naming the rate: its own name
                found = [n for n in found if n != acronym and not n.endswith(f" {acronym}")]
            continue
        before = sentence[: match.start()].split()[-8:]
        initials = "".join(w[0] for w in before if w[:1].isupper()).lower()
        spelled = " ".join(before)
        found = [
            n
            for n in found
            if n != acronym and not _spells(n.removesuffix(acronym).strip(), spelled, initials)
        ]
    return found


_NEGATED = re.compile(r"non-", re.I)
# Acronyms of tasks, metrics and methods: "ASR", "F1", "SFT" answer no "which model/dataset".
_TERMS = frozenset(
    "asr sts ocr nli ner mt pos vqa sft rlhf dpo mlm clm rtd kd pet peft lora fid sfid f1 em "
    "bleu rouge wer cer auc map miou acc ppl".split()
)
_REFERENCE = re.compile(r"\b(?:Section|Sec\.|Table|Figure|Fig\.|Appendix|Eq\.)\s*[\dA-Z][\d.]*")
_HEADER = re.compile(r"^\s*[A-Z][a-z]+:\s+[A-Z][a-z]+\b")  # "Results: Compared with ..."


def _term_acronyms(sentence: str) -> set[str]:
    """Acronyms the sentence defines from lower-case words: "supervised fine-tuning (SFT)"
    names a method, not a model or a dataset.

    >>> sorted(_term_acronyms("We use supervised fine-tuning (SFT) on Natural Questions (NQ)."))
    ['SFT']
    """
    found = set()
    for match in _ACRONYM.finditer(sentence):
        acronym = match.group(1)
        # "pretrained language models (PLMs)": "PLM-based" is the same term
        for said in dict.fromkeys([acronym, acronym.removesuffix("s")]):
            letters = [c for c in said if c.isupper()] or list(said)
            words = re.split(r"[\s-]+", sentence[: match.start()].strip())[-len(letters) :]
            initials = "".join(w[:1] for w in words).lower()
            if initials == "".join(letters).lower() and all(w[:1].islower() for w in words):
                found |= {acronym, said}
    return found


def _abbreviates(acronym: str, before: str, asked: str) -> bool:
    """Whether ``acronym`` stands for words of the question just before it.

    >>> asked = "whichllmdidtheyuseinthemodalityintegrationrateexperiments"
    >>> _abbreviates("MIR", "We present the Modality Integration Rate", asked)
    True
    >>> _abbreviates("LAE", "we propose Learning-Accumulation-Ensemble", "whichmethod")
    False
    >>> _abbreviates("KPG", "Keyphrase Generation", "whichkeyphrasegenerationdatasets")
    True
    """
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    written = re.findall(r"[A-Za-z]+", before)
    for n in range(len(letters), 1, -1):
        words = [w.lower() for w in written[-n:]]
        if len(words) < n or _fold_all(" ".join(words)) not in asked:
            continue
        # "Keyphrase Generation (KPG)": each word's first letter, and more letters inside one
        initials = "".join(w[0] for w in words)
        if (
            initials[0] == letters[0]
            and _in_order(initials, letters)
            and _in_order(letters, "".join(words))
        ):
            return True
    return False


def _in_order(letters: str, text: str) -> bool:
    """Whether ``letters`` are found in ``text`` in order."""
    rest = iter(text)
    return all(c in rest for c in letters)


def _spells(name: str, spelled: str, initials: str) -> bool:
    return name in spelled and "".join(w[0] for w in name.split()).lower() in initials


def read(
    question: Question, hits: list[Hit], answerable: bool, read_papers: int = READ_PAPERS
) -> Evidence:
    """The evidence in ``hits`` for ``question``; ``answerable`` is retrieval's verdict."""
    if not hits:
        return Evidence("not_covered")
    names = question.names
    # A follow-up ("how big was it?") is about the paper the conversation was about.
    context = set(question.context_papers[:1])
    top = max(h.score for h in hits) or 1.0
    if context:  # the conversation says which paper "it" is; its own words may differ
        bearing = [i for i, hit in enumerate(hits[:read_papers]) if hit.paper_id in context]
    else:
        bearing = [
            i
            for i, hit in enumerate(hits[:read_papers])
            if (names_in(names, _paper_text(hit)) or _titled_and_named(question, hit))
            and hit.score >= MIN_RELATIVE_SCORE * top
        ]
    if not context and not question.topical and not question.compares:
        bearing = _described(question, hits, bearing)
    if question.wants_authors and not question.wants_origin:
        return _authors(hits, bearing if names or context else [0] if answerable else [])
    asks_for_paper = bool(_ASKS_FOR_A_PAPER.match(question.text))
    things = question.things
    if things:
        found = _origin(things, hits[:read_papers])
        if found.outcome != "answered" and question.superlative:
            # "Which work presents the first transformer-based PLMs for Lao?": "We present the
            # first transformer-based PTMs for Lao" says which, where no name is introduced
            stated = _stated_of(question, hits[:read_papers], asks_for_paper)
            if stated.outcome == "answered":
                return stated
        if question.wants_origin:
            return found
        if question.wants_gist or found.outcome == "answered":
            return _gist(found, hits, things)
        # "What is LoRA?" with no LoRA paper: the papers that describe it answer, below
    elif question.about_a_paper and context and bearing:
        # "Who proposed it?", "Summarize that paper.": the paper the conversation is about
        paper = Evidence("answered", related=bearing[:1])
        if not question.wants_origin:
            return _gist(paper, hits, [])
        title = hits[bearing[0]].title
        return Evidence(
            "answered",
            statements=[Statement(bearing[0], -1, f"It was introduced in **{title}**.", 1.0)],
            related=bearing[:1],
        )
    if (
        question.compares
        and not context
        # "What do CodeT5 and GraphCodeBERT each exploit?": a paper that names both as
        # baselines speaks for neither
        and (
            not bearing
            or (
                all(_in_passing(question.compared, hits[i]) for i in bearing)
                and len(_own_papers(question.compared, hits[:read_papers])) == 2
            )
        )
    ):
        return _side_by_side(question, hits[:read_papers], question.compared)
    # "Which object detector in these papers achieves the highest box AP on MS COCO?" asks
    # for the one that ranks first, which a sentence must say, not for every paper on it
    topical = question.topical and not (
        question.superlative
        and question.superlative.over_collection
        and question.wants == "name"
        and not _WHICH_PAPERS.match(question.text)
    )
    if topical and _uses_a_name(question):
        # "Which papers adapt XLM-R?": the papers that name it, whatever retrieval's verdict;
        # "the Massive Text Embedding Benchmark (MTEB)" is named by either
        groups = [aliases(name) for name in question.names]
        # "... on Natural Questions or TriviaQA?": either will do
        either = any if _EITHER_NAME.search(question.topic) else all
        naming = [
            i
            for i, hit in enumerate(hits[:read_papers])
            if either(any(names_in([n], _paper_text(hit)) for n in group) for group in groups)
        ]
        return Evidence("answered", related=naming) if naming else Evidence("not_covered")
    if topical:
        # "Which papers ...?" asks for a topic, which papers name in words of their own
        # ("NMT" / "neural machine translation"): retrieval's verdict decides, every paper counts.
        # "Which papers were published in 2021?" asks for no topic: every paper of those dates.
        if not answerable and not question.lists_by_date:
            return Evidence("not_covered")
        return Evidence("answered", related=list(range(len(hits))))
    # A follow-up's topic is the conversation's paper, found when the previous turn was read.
    answerable = answerable or bool(context)
    if not names and not answerable:
        if question.superlative and question.superlative.over_collection:
            # "Which work claims the first systematic study of ...?": a sentence that states
            # it answers, however weakly retrieval judged the whole question
            stated = _stated_of(question, hits[:read_papers], asks_for_paper)
            if stated.outcome == "answered":
                return stated
        return Evidence("not_covered")
    if names and not bearing and not context and any(a.wants == "number" for a in question.asks):
        # "How many tokens were Retro 48B and DeepSeek-Coder-V2 further pretrained on?": no
        # paper names both, and each has its own; each answers for itself or the question
        # goes unanswered
        apart = _own_papers(names, hits[:read_papers])
        others = [n for n in names if n not in apart]
        if len(apart) >= 2 and all(
            # "... on XSum and Gigaword": names no paper of them writes are no side of it
            any(name_in(n, _paper_text(h)) for h in hits[:read_papers])
            for n in others
        ):
            return _side_by_side(question, hits[:read_papers], apart)
    if names and not bearing:
        # "Does Bioformer reuse the WordPiece tokens of BERT?": Bioformer's paper, which names
        # no WordPiece, is about it but does not say
        subject = _papers_of_subject(question, hits[:read_papers])
        if question.superlative and question.superlative.over_collection:
            # "the first ... pre-trained on English Twitter data": "English Twitter" is part of
            # what is ranked, which "the first ... model for English Tweets" states
            stated = _stated_of(question, hits[:read_papers], asks_for_paper)
            if stated.outcome == "answered" and all(
                set(tokenize(name)) & set(tokenize(stated.statements[0].text)) for name in names
            ):
                return stated
        if subject:
            return Evidence("not_stated", related=subject, missing=_missing(question))
        return Evidence("not_covered")  # nothing in the index names what is asked about
    premise = None if context else _false_premise(question, hits, bearing)
    if premise is not None:
        return premise
    if question.spelled and bearing:
        # before what papers only use: "BERT (Bidirectional Encoder ...)" may be in passing
        return _spelling(question.spelled, hits, bearing)

    superlative = question.superlative
    if superlative:
        found = _stated_of(question, hits[:read_papers], asks_for_paper)
        # "Which lightweight CLIP model has the fastest inference?": not "bfloat16 models yield
        # the fastest inference" of a paper that never names CLIP
        if found.outcome == "answered" and names_in(names, _paper_text(hits[found.related[0]])):
            return found
        if (
            not names
            and not context
            and question.wants == "name"
            and not asks_for_paper
            and not _writes_superlative(superlative.word, hits[:read_papers])
        ):
            # "Which deep video compression codec ... has the fastest encoding speed?": with no
            # name to find and no paper read saying "fastest", nothing says which is
            return Evidence("not_stated", related=bearing, missing=_missing(question))
        if (
            (names or superlative.word == "best")
            and not superlative.over_collection
            # "the most computationally efficient": a quality a sentence must rank by; not
            # "its largest R@1 gains", read off the figures; "which LaoPLM version performs
            # best on ... tagging?": a sentence that ranks them on it
            and superlative.word.split()[0] in ("most", "least", "best")
            and question.wants == "name"
            and not context
            and bearing
            and not any(_ranks_by(superlative, hits[i]) for i in bearing)
        ):
            # "Which of the FDR-controlling procedures in OptCS is the most computationally
            # efficient?": no sentence of its paper ranks anything by efficiency ("the most
            # powerful one among ... candidate models" ranks models by power)
            return Evidence("not_stated", related=bearing, missing=_missing(question))
        if (
            superlative.word == "first"
            and superlative.over_collection
            and _WAS_FIRST.search(question.text)
            and not context
        ):
            # "Which was the first pre-trained model for the Tunisian dialect?": being first is
            # a claim only a sentence makes; a paper about such a model does not make it
            return Evidence("not_stated", related=bearing, missing=_missing(question))
    if (
        superlative
        and superlative.over_collection
        and len(question.parts) <= 1
        and not context
        and all(
            _field_term(n, question)
            or names_kind(n, question.text)
            # how widely a word is written: every paper found, not only those read
            or _kind_word(n, question.text, hits)
            # "... the best score on the BioCoder benchmark": where they are ranked; "on
            # semantic textual similarity (STS) benchmarks" too
            or any(
                re.search(
                    rf"\b(?:on|in)\s+(?:the\s+)?{re.escape(a)}\b"
                    rf"|\b(?:on|in)\s+(?:[\w-]+\s+){{1,4}}?\({re.escape(a)}\)\s+benchmarks?\b",
                    question.text,
                )
                for a in aliases(n)  # "on the Massive Text Embedding Benchmark (MTEB)"
            )
            # "the highest BLEU": what they are ranked by
            or set(tokenize(n)) <= SCORES
            for n in names
        )
    ):
        # "Which protein language model has the most parameters?": no abstract says which,
        # and one that reports its own size does not answer it ("Arabic" in "Which Arabic
        # pretrained language model ...?" says which kind, like "protein").
        return Evidence("not_stated", related=bearing, missing=_missing(question))
    asked_of = names if _asked_about(names, question.text) else _introducer(names, question.text)
    if not context and asked_of and all(_in_passing(asked_of, hits[i]) for i in bearing):
        # "What is the training recipe of Llama 3?", "How does AlphaFold predict protein
        # structure?": papers that only use or compare with it ("we apply our strategies to the
        # Llama-3-8B model", "benchmarking with AlphaFold-Multimer") say what they did with it,
        # not what it is.
        return Evidence("not_stated", related=bearing, missing=_missing(question))
    if question.wants_limits:
        return _shortcomings(question, hits, bearing)
    if question.wants_problem and bearing:
        return _problem(question, hits, bearing)
    statements: list[Statement] = []
    # "What are the two main strategies?" is answered by "two main strategies ..." together
    # with the "1) ... 2) ..." items the abstract lists after it, each its own sentence.
    lists = any(_listed(ask.clause) for ask in question.asks)
    for i in bearing:
        hit = hits[i]
        if _query_of_another(question, hit):
            continue  # "universal decoder sentence recovery BLEU score": a BLEU of another paper
        abstract = hit.abstract or hit.snippet
        sentences = split_sentences(abstract)
        for position, sentence in enumerate(sentences):
            if lists:
                sentence = _with_items(sentences, position)
            said = carried(names, sentences, position)
            score = max(states(question, ask, hit, sentence, said) for ask in question.asks)
            if score > 0:
                statements.append(
                    Statement(i, position, _named_next(sentence, sentences, position), score)
                )
    if not statements:
        return Evidence("not_stated", related=bearing, missing=_missing(question))
    if (
        # "Surroundings", capitalised as the title writes it, names no thing
        all(plain_word(n) for n in names)
        and is_search_query(question.text)
        and all(ask.wants == "other" for ask in question.asks)
    ):
        # "tunisian dialect pretrained bert" is looking for a paper: what it does and finds,
        # before the background every sentence shares the title's words with; "METAGENE-1
        # pretraining corpus source" names its paper and asks a thing of it
        statements = [replace(s, score=s.score * _said_weight(s.text)) for s in statements]
    if names and not context:
        # "Is RoBERTa better than BERT?": the paper that introduced RoBERTa speaks for it;
        # BERTweet's "outperforms strong baselines RoBERTa-base" is a claim about BERTweet.
        own = {
            s.paper
            for s in statements
            if introduces(names[0], hits[s.paper].title, hits[s.paper].abstract or "") is not None
        }
        statements = [s for s in statements if s.paper in own] or statements
    if superlative:
        # "Which of the three procedures achieves the highest selection power?": not "selecting
        # the most powerful one among multiple candidate models", which ranks models
        statements = [s for s in statements if not _ranks_another_set(question.text, s.text)]
    if (
        superlative
        and question.wants == "name"
        and not context
        and not asks_for_paper
        and not any(_ranks_or_counts(s.text) for s in statements)
    ):
        # "Which enhanced decoder structure gives the largest GLUE improvement?": "We test
        # multiple enhanced decoder structures ... on the GLUE benchmark" ranks nothing, and
        # gives no figure to rank by
        return Evidence("not_stated", related=bearing, missing=_missing(question))
    if question.wants == "name" and not context:
        statements = _of_the_count_given(question.text, statements)
    statements.sort(key=lambda s: -s.score)
    if question.wants == "name":
        # "Against which compression standard ...?": first the sentences that name a thing
        # by the word asked for ("... the coding standard, Versatile Video Coding"), before
        # those that share more of the question's other words
        statements.sort(key=lambda s: not _names_the_head(question.asks[0], s.text, question))
    if asks_for_paper:
        # "Which study calls its experiments the largest ...?": "These findings constitute the
        # largest set of experiments ..." says which study only by its title; "Which work
        # presents the first ... for Lao?" too, whatever models its sentence names
        statements = _titled(statements, hits, "", always=True)
    elif asks_for_one(question.text) and _OWN_CLAIM.search(statements[0].text):
        # "Which optimized BERT training approach ranked first in MLPerf ...?": "our highly
        # optimized BERT model ... ranks first" is the paper's own, which its title names;
        # "our model ... improves the SoTA" whatever datasets the sentence names
        kinds = {w for a in question.parts or question.asks for w in asked_phrase(a.clause)}
        ours = _own_of_kind(statements[0].text, kinds)
        statements = _titled(statements, hits, question.text, always=ours, named=True)
    return Evidence("answered", statements=statements, related=bearing)


# A count, in words or figures
_COUNT = "|".join(NUMBER_WORDS[:9]) + r"|\d+"
# "... reports state-of-the-art results on five downstream tasks": a count the question gives
# of what it asks for, and the things counted (a plural, up to two words after it)
_COUNT_GIVEN = re.compile(rf"\b({_COUNT})\s+(?:[\w-]+\s+){{0,2}}?([a-z]{{3,}}s)\b", re.I)


def _of_the_count_given(text: str, statements: list[Statement]) -> list[Statement]:
    """Of ``statements``, those of the papers whose sentences give the count the question
    describes its answer by ("which model ... reports state-of-the-art results on five
    downstream tasks?": UniVL's "five downstream tasks", not HiTeA's "15 ... tasks"), when any
    does.

    >>> said = [Statement(0, 0, "We reach the state of the art on 15 tasks.", 0.5),
    ...         Statement(1, 3, "It is state of the art on five downstream tasks.", 0.4)]
    >>> [s.paper for s in _of_the_count_given("Which model tops five downstream tasks?", said)]
    [1]
    >>> [s.paper for s in _of_the_count_given("Which model tops six tasks?", said)]
    [0, 1]
    """
    given = [(count_value(m[1]), set(tokenize(m[2]))) for m in _COUNT_GIVEN.finditer(text)]
    if not given:
        return statements
    papers = {
        s.paper
        for s in statements
        for m in _COUNT_GIVEN.finditer(s.text)
        if any(count_value(m[1]) == value and set(tokenize(m[2])) == noun for value, noun in given)
    }
    return [s for s in statements if s.paper in papers] if papers else statements


# "We call this setup locked-image tuning with decoder (LiT-decoder).": the name of what the
# sentence before it described
_NAMES_IT = re.compile(
    r"^\W*(?:we\s+(?:call|name|dub|term|refer\s+to)\s+(?:this|it|the\s+resulting)\b"
    r"|(?:this|the\s+resulting)\s+(?:[\w-]+\s+){0,2}?(?:is|was)\s+(?:called|named|dubbed|termed)\b)",
    re.I,
)


def _named_next(sentence: str, sentences: list[str], position: int) -> str:
    """``sentence``, read at ``position`` of ``sentences``, with the next one when that names
    what it describes.

    >>> said = ["A small decoder works well.", "We call this setup LiT-decoder."]
    >>> _named_next(said[0], said, 0)
    'A small decoder works well. We call this setup LiT-decoder.'
    >>> _named_next("A small decoder works well.", ["A small decoder works well.", "We test it."], 0)
    'A small decoder works well.'
    """
    following = sentences[position + 1] if position + 1 < len(sentences) else ""
    return f"{sentence} {following}" if _NAMES_IT.match(following) else sentence


DESCRIBING_IDF = 3.0  # a word of a title this rare describes its paper ("academic", "budget")


def _described(question: Question, hits: list[Hit], bearing: list[int]) -> list[int]:
    """Of the papers that write the question's names, those the question describes, when it
    describes retrieval's best by its title's rarer words: "the academic-budget BERT pretraining
    recipe" is "How to Train BERT with an Academic Budget", not MosaicBERT's "8 A100 GPUs"
    (both write BERT)."""
    if (
        len(bearing) < 2
        # no name at all: nothing the papers share, which a title's words would pick among
        or not question.names
        or not all(names_in([n], _paper_text(hits[i])) for n in question.names for i in bearing)
    ):
        return bearing  # a name of one paper's says which
    asked = set(question.terms) - name_parts(question.names)
    titled = {
        t
        for t in set(tokenize(hits[bearing[0]].title)) & asked
        if question.idf.get(t, 0) >= DESCRIBING_IDF
    }
    if not titled:
        return bearing
    return [i for i in bearing if titled <= _paper_terms(_paper_text(hits[i]))]


def _titled_and_named(question: Question, hit: Hit) -> bool:
    """Whether the question names ``hit`` by its title and the paper writes every word of the
    question's other names: "In 'Lessons learned from the evaluation of Spanish Language
    Models', which ... did better than the monolingual Spanish BERTs?" of "Spanish encoder-only
    masked language models (aka BERTs)"."""
    # "Mask More Mask Later" names "Mask More and Mask Later: ..." (titles_named)
    if len(question.titles) != 1 or title_words(question.titles[0]) not in title_words(hit.title):
        return False  # (two titles: each paper for itself, side by side)
    words = set(re.findall(r"[\w+-]+(?:\.[\w+-]+)*", _paper_text(hit).casefold()))
    return all(
        all(w in words for w in name.casefold().split())
        for name in question.names
        if name not in question.titles
    )


# "Which was the first ...?", "Which paper was the first to ...?": being first is what is
# asked (not "pre-trained on the first character of each token")
_WAS_FIRST = re.compile(
    r"^\W*(?:which|what)\b[^?]{0,60}?\b(?:is|was|are|were|be)\s+the\s+first\b"
    r"(?!\s+[\w-]+\s+of\b)",  # "what was the first stage of its training?": an ordinal
    re.I,
)


# A word that ranks things: a superlative ("the most efficient"), a comparison ("more
# efficient", "outperforms", "than"). Words like "interest" only let more through.
_RANKING = re.compile(
    r"most|least|best|worst|more|less|better|worse|superior(?:ity)?|inferior|outperform\w*"
    r"|surpass\w*|beats?|[a-z]{3,}est|greater|higher|lower|larger|smaller|faster|slower"
    r"|stronger|weaker|fewer|optimal|ideal|preferable|than"
    # "state-of-the-art results" (not "first": "the first models for Lao" ranks nothing)
    r"|top|state-of-the-art|sota",
    re.I,
)
RANKING_REACH = 8  # words between a ranking word and what it ranks by


def _ranks_by(superlative: Superlative, hit: Hit) -> bool:
    """Whether a sentence of ``hit`` ranks anything by what ``superlative`` ranks by: a ranking
    word within RANKING_REACH words of one of its terms ("efficient" of "the most
    computationally efficient").

    >>> sup = Superlative("most", "efficient", ("effici",), False)
    >>> said = "The second procedure is more efficient than the first."
    >>> _ranks_by(sup, Hit("p", "T", 1.0, "", 0, "both", abstract=said))
    True
    >>> said = "We select the most powerful model. It is efficient."
    >>> _ranks_by(sup, Hit("p", "T", 1.0, "", 0, "both", abstract=said))
    False
    """
    terms = set(superlative.terms)
    for sentence in split_sentences(hit.abstract or hit.snippet):
        words = sentence.split()
        ranking = [i for i, w in enumerate(words) if _RANKING.fullmatch(w.strip(".,;:()"))]
        ranked = [i for i, w in enumerate(words) if _meets(terms, set(tokenize(w)))]
        if any(abs(r - t) <= RANKING_REACH for r in ranking for t in ranked):
            return True
    return False


def _ranks_or_counts(sentence: str) -> bool:
    """Whether ``sentence`` ranks anything or gives a figure to rank by.

    >>> _ranks_or_counts("We test multiple decoder structures on the GLUE benchmark.")
    False
    >>> _ranks_or_counts("DrBERT gains 1.2 points on GLUE.")
    True
    """
    return bool(re.search(r"\d", sentence)) or any(
        _RANKING.fullmatch(w.strip(".,;:()")) for w in sentence.split()
    )


# "Which of the three FDR-controlling procedures ...?": the set the question ranks; "the most
# powerful one among multiple pre-trained candidate models": the set a sentence ranks
_WHICH_OF_SET = re.compile(
    r"^\W*which\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?P<kind>[a-z]+s)\b", re.I
)
_ONE_OF_SET = re.compile(
    r"\b(?:most|least|best|worst|[a-z]{3,}est)\s+(?:[\w-]+\s+)?ones?\s+(?:among|of)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,4}?(?P<kind>[a-z]+s)\b",
    re.I,
)


def _ranks_another_set(question: str, sentence: str) -> bool:
    """Whether ``sentence`` ranks the members of another set than ``question`` asks about.

    >>> q = "Which of the three FDR-controlling procedures achieves the highest power?"
    >>> _ranks_another_set(q, "(i) selecting the most powerful one among multiple candidate models")
    True
    >>> _ranks_another_set(q, "the most powerful one of the three procedures is the second")
    False
    """
    asked, ranked = _WHICH_OF_SET.match(question), _ONE_OF_SET.search(sentence)
    return bool(asked and ranked and set(tokenize(asked["kind"])) != set(tokenize(ranked["kind"])))


def _writes_superlative(word: str, hits: list[Hit]) -> bool:
    """Whether any of ``hits`` writes the superlative ``word`` (or its like: "largest" for
    "biggest")."""
    return any(re.search(rf"\b(?:{_said_as(word)})\b", _paper_text(h), re.I) for h in hits)


def _names_the_head(ask: Ask, sentence: str, question: Question) -> bool:
    """Whether ``sentence`` writes the word ``ask`` asks for ("standard" of "which compression
    standard") and names a thing the question does not."""
    words = ask.head_words.split()
    wanted = set(tokenize(words[-1])) if words else set()
    return bool(
        wanted
        and wanted <= set(tokenize(sentence))
        and _new_names(sentence, ask.clause, question.said)
    )


def _query_of_another(question: Question, hit: Hit) -> bool:
    """Whether a search-box query, typed in its paper's own words, is of another paper than
    ``hit``: one that writes under half of the query's words (by weight; what it measures and
    the names aside)."""
    if question.context_papers or not is_search_query(question.text):
        return False
    if not any(a.wants == "number" for a in question.asks):
        return False  # words, not a figure: the sentence's overlap decides
    if any(part in _paper_terms(hit.title) for part in name_parts(question.names)):
        return False  # "MosaicBERT pretraining wall-clock hours": its paper, in the user's words
    asked = {t for a in question.asks for t in tokenize(a.head_words)}  # "gain", "datasets"
    # (the query as asked: "MOSSBench number of queries" asks "How many queries in MOSSBench")
    subject = {t for a in question.asks for t in a.terms}
    subject -= asked | MEASURES | SHARES | name_parts(question.names)
    subject -= GENERIC | _FUNCTION_WORDS | _SIZE_TERMS  # "gain *over* Min-K%", "ConvBERT base"
    total = sum(question.weight(t) for t in subject)
    written = _paper_terms(_paper_text(hit))
    return bool(total) and sum(question.weight(t) for t in subject & written) < QUERY_SHARE * total


QUERY_SHARE = 0.5
_FUNCTION_WORDS = frozenset(tokenize(" ".join(PREPOSITIONS)))
_SIZE_TERMS = frozenset(tokenize(SIZE_WORDS.replace("|", " ")))


@lru_cache(maxsize=256)
def _paper_terms(text: str) -> frozenset[str]:
    return frozenset(joined(tokenize(text)))


def _paper_text(hit: Hit) -> str:
    """What a paper writes: its title and abstract."""
    return f"{hit.title}\n{hit.abstract or hit.snippet}"


def _titled(
    statements: list[Statement],
    hits: list[Hit],
    asked: str,
    always: bool = False,
    named: bool = False,
) -> list[Statement]:
    """``statements``, led by "It is **<title>**." when the best names nothing ``asked`` does
    not (or ``always``): which paper it is, its title alone says; ``named``: a thing of the
    paper's own is asked for, and the name the paper gives it follows."""
    best = statements[0]
    if not always and _new_names(best.text, asked):
        return statements
    hit = hits[best.paper]
    # "Which ultra-fine entity typing model ...?": the name it gives its own, when its title
    # does not ("we present CASENT" of "Calibrated Seq2seq Models for ...")
    own = _own_name(hit.title, hit.abstract or "") if named else ""
    presents = f", which presents {own}" if own and not name_in(own, asked) else ""
    title = Statement(best.paper, -1, f"It is **{hit.title}**{presents}.", best.score)
    return [title, *statements]


# "We present CASENT, ...", "we propose TILDEv2": a name of capitals right after the verb (not
# "we present a NER ...", nor "we introduce One For All"), written again later
_WE_PRESENT = re.compile(
    r"\b(?:[Ww]e|[Tt]his\s+(?:paper|work))\s+(?:present|propose|introduce)s?\s+"
    r"(?P<name>[A-Z][\w+-]*[A-Z][\w+-]*)(?=[\s,:(])"
)


@lru_cache(maxsize=256)
def _own_name(title: str, abstract: str) -> str:
    """The name a paper gives what it introduces, where its title does not write it.

    >>> _own_name("Calibrated Seq2seq Models", "We present CASENT, a model. CASENT is fast.")
    'CASENT'
    >>> _own_name("ByT5: Towards a token-free future", "We show ByT5 works.")
    ''
    >>> _own_name("Biomedical NLP", "We present NER results. NER is hard.")
    ''
    """
    for found in _WE_PRESENT.finditer(abstract):
        name = found["name"]
        later = abstract[found.end() :]
        if name.upper() in _COMMON_ACRONYMS or name_in(name, title):
            continue
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", later):
            return name
    return ""


# Acronyms of a field, not of one paper's model ("we present NER adapters")
_COMMON_ACRONYMS = frozenset(
    "NER NLP NLU NLG LLM LLMS PLM PLMS LM LMS QA MT NMT ASR TTS CV RL RLHF SFT GPT BERT CLIP "
    "MLM CNN RNN LSTM GNN VAE GAN API SOTA".split()
)


# "Which study ...?", "What paper ...?": one paper, which its title names
_ASKING_VERB = r"(?:do|does|did|is|are|was|were|has|have|had)\b"
_ASKS_FOR_A_PAPER = re.compile(
    r"^\W*(?:which|what)\s+(?:paper|study|work|article|publication|thesis"
    # "Which replication study ...?" (not "Which methods work ...?", "What kind of study?",
    # "What did the study find?")
    rf"|(?:(?!(?:kind|type|sort|the|an?|this|that|these|its|their|our)\b|{_ASKING_VERB})"
    r"[a-z][\w-]*\s+){1,2}?(?:paper|study|article|survey)\b"
    # ... that does the asking's verb: not "Which prior study does DefSent+ improve upon?",
    # a study the paper speaks of
    rf"(?!\s+{_ASKING_VERB}))\b(?!s)",
    re.I,
)


FIELD_IDF = 3.0  # a term in over about 5% of the chunks ("LLMs") names no one thing


def _field_term(name: str, question: Question) -> bool:
    """A name that names no one thing: lower case ("int8"), or written all over ("LLMs")."""
    terms = tokenize(name)
    return name.islower() or all(question.idf.get(t, FIELD_IDF) < FIELD_IDF for t in terms)


# "Which datasets was EnCLAP evaluated on?": "Experimental results on AudioCaps and Clotho".
# ("On which datasets did TESTA report its largest R@1 gains?": where results were reported)
_ASKS_EVALUATION = re.compile(
    r"\b(?:evaluat|test|benchmark|assess|validat|report|gain|improv)\w*", re.I
)
_RESULTS_ON = re.compile(
    r"\b(?:experiments?|experimental\s+results|results|evaluations?|evaluated|tested"
    r"|validated|assessed)\s+(?:\w+\s+){0,3}?on\s+(?:the\s+|both\s+|two\s+|several\s+)?"
    r"(?P<named>[^.;]{0,80})",
    re.I,
)

# "+13.7 R@1 on QuerYD": a figure, its measure, and where it was got
_FIGURE_ON = re.compile(
    r"[+-]?\d[\d.]*%?\s+(?:[\w@-]+\s+){0,2}?on\s+(?:the\s+)?(?P<named>[^.;,]{0,60})"
)


def _evaluated_on(ask: Ask, sentence: str, said: frozenset[str] = frozenset()) -> bool:
    """Whether ``sentence`` gives results on named data, for a question asking which datasets
    or benchmarks a paper was evaluated on.

    >>> from rag.question import analyse
    >>> ask = analyse("Which datasets was EnCLAP evaluated on?").asks[0]
    >>> _evaluated_on(ask, "Experimental results on AudioCaps and Clotho show it wins.")
    True
    >>> _evaluated_on(ask, "We build on BART and CLAP.")
    False
    >>> ask = analyse("On which datasets did TESTA report its largest R@1 gains?").asks[0]
    >>> _evaluated_on(ask, "It gains, e.g., +13.7 R@1 on QuerYD and +6.5 R@1 on Condensed Movie.")
    True
    """
    if not set(re.findall(r"\w+", ask.head_words.lower())) & _DATA_KINDS:
        return False
    if not _ASKS_EVALUATION.search(ask.clause):
        return False
    found = [*_RESULTS_ON.finditer(sentence), *_FIGURE_ON.finditer(sentence)]
    return any(any(n in f["named"] for n in _new_names(sentence, ask.clause, said)) for f in found)


def _named_as_asked(ask: Ask, sentence: str, said: frozenset[str] = frozenset()) -> bool:
    """Whether ``sentence`` names things and calls them the kind asked for ("On which
    summarization datasets ...?": "on both CNN/Daily Mail and New York Times datasets"), which
    answers a long description of its paper with none of the description's words.

    >>> from rag.question import analyse
    >>> ask = analyse("On which summarization datasets did the two-stage model win?").asks[0]
    >>> _named_as_asked(ask, "It wins on both CNN/Daily Mail and New York Times datasets.")
    True
    >>> _named_as_asked(ask, "We build on the BERT model.")
    False
    """
    # ... or a loss by its name: "incorporating Multiple Negative Rankings loss"
    kinds = [
        w for w in re.findall(r"\w+", ask.head_words.lower()) if w in NAMED_KINDS | _NAMED_LOSSES
    ]
    if not kinds:
        return False
    kind = "|".join(re.escape(k.removesuffix("s")) for k in kinds)
    return any(
        re.search(rf"{re.escape(n)}\W*(?:\s+[\w-]+)?\s+(?:{kind})s?\b", sentence)
        for n in _new_names(sentence, ask.clause, said)
    )


_NAMED_LOSSES = frozenset("loss losses objective objectives".split())

# A measure written like a name: "F0.5", "nDCG@10", "pass@1", "ROUGE-L", "BLEU-4".
_METRIC = re.compile(r"F\d(?:\.\d+)?|\w+@\d+|ROUGE-\w+|BLEU-\d", re.I)


KIND_WORD_PAPERS = 3  # written by this many papers, none its own: a field's word ("DNA")


def _kind_word(name: str, text: str, hits: list[Hit]) -> bool:
    """Whether ``name`` says which kind of thing is ranked ("Which DNA foundation model ...?"):
    several papers write it, none introduces it as its own, as "protein" is written."""
    if not qualifies_kind(name, text, between=1):
        return False
    papers = [h for h in hits if name_in(name, _paper_text(h))]
    return len(papers) >= KIND_WORD_PAPERS and not any(
        introduces(name, h.title, h.abstract or h.snippet) is not None for h in papers
    )


def _asked_about(names: list[str], text: str) -> bool:
    """Whether the question asks about its one name itself ("How does AlphaFold predict ...?",
    "How does Mamba's selective state space model work?", "the training recipe of Llama 3?"),
    not about something it describes or measures with it ("a custom BERT", "on Visual Genome",
    "what fraction of GPT-3's carbon footprint")."""
    if len(names) != 1:
        return False
    name = re.escape(names[0])
    return bool(
        re.match(rf"\W*(?:how|what|why)\s+(?:does|do|did|is|are|was|were)\s+{name}\b", text, re.I)
        or re.search(rf"\bthe\s+[\w-]+(?:\s+[\w-]+)?\s+of\s+{name}\W*$", text)
    )


def _introducer(names: list[str], text: str) -> list[str]:
    """The name a question asks what it introduced ("What new pre-training objective did
    RoBERTa introduce to replace BERT's ...?": RoBERTa's own paper says, not one that beats it).

    >>> _introducer(["RoBERTa", "BERT"], "What new objective did RoBERTa introduce?")
    ['RoBERTa']
    >>> _introducer(["RoBERTa"], "What did it introduce over RoBERTa?")
    []
    """
    return [
        n
        for n in names[:1]
        if re.search(
            rf"\b(?:did|does|do)\s+{re.escape(n)}\s+(?:introduce|propose|add|contribute)\b", text
        )
    ]


def _in_passing(names: list[str], hit: Hit) -> bool:
    """Whether ``hit`` is about none of ``names``: it only mentions them. A name written in
    lower case ("int8") is a term of the field, which no paper is about."""
    abstract = hit.abstract or hit.snippet
    return not any(
        n.islower() or central(n, hit.title, abstract) or described(n, hit.title, abstract)
        for n in names
    )


def _origin(names: list[str], hits: list[Hit]) -> Evidence:
    """The paper ``names`` is the contribution of: "Which paper introduced LoRA?" is not
    answered by a paper that builds on it ("We propose to enhance LoRA"), which is related and
    says nothing of where it comes from (answering from it gave "LoRA introduces new weight
    matrices" [EVA]). A paper that introduces it by name answers however far below the best
    one it ranks."""
    naming = [i for i, hit in enumerate(hits) if any(name_in(n, _paper_text(hit)) for n in names)]
    if not naming:
        return Evidence("not_covered")
    for i in naming:
        hit = hits[i]
        sentences = split_sentences(hit.abstract or hit.snippet)
        for name in names:
            position = introduces(name, hit.title, hit.abstract or hit.snippet)
            if position is None:
                continue
            # one paper: another "introducing" the same name is a namesake
            authors = str(hit.metadata.get("authors", "")).strip()
            by = f", by {authors}" if authors else ""  # "Who proposed ...?" asks for them too
            said = f"{name[:1].upper()}{name[1:]} was introduced in **{hit.title}**{by}."
            statements = [Statement(i, -1, said, 1.0)]
            if position >= 0:
                statements.append(Statement(i, position, sentences[position], 0.9))
            return Evidence("answered", statements=statements, related=[i])
    top = max(h.score for h in hits) or 1.0
    bearing = [i for i in naming if hits[i].score >= MIN_RELATIVE_SCORE * top] or naming[:1]
    return Evidence("not_stated", related=bearing, missing=f"where {names[0]} was introduced")


# A paper's own claims, what it contributes first: "we propose X", then "we show / find ...",
# "this base model achieves ...". Within one sentence ("vs." is no end).
CONTRIBUTES = re.compile(
    r"\b(?:we|this (?:paper|work|report|study)|here)\b.{0,150}?"
    r"\b(?:propos|introduc|present|releas|develop|design|build|built|creat|describ|document)\w*",
    re.I,
)
FINDS = re.compile(
    r"\b(?:we|our|this|these|results?|experiments?|evaluations?)\b.{0,200}?"
    # not "as we will show" (what is to come, in a sentence of background)
    r"(?<!will )(?<!to )\b(?:show|find|found|demonstrat|achiev|outperform|observ|reveal|report|conclud|improv)\w*",
    re.I,
)


def _said_weight(sentence: str) -> float:
    """What a sentence of an abstract weighs in its gist: a contribution, then a finding,
    then the background."""
    # gently: a finding worded without "we find" ("Essentially, knowledge must be ...") still
    # outweighs a contribution that shares fewer of the query's words
    return 1.0 if CONTRIBUTES.search(sentence) else 0.9 if FINDS.search(sentence) else 0.8


def _gist(found: Evidence, hits: list[Hit], names: list[str]) -> Evidence:
    """What the paper that introduced ``names`` contributes ("What is GottBERT about?",
    "Summarize the ByT5 paper"): its own claims, what it proposes first, then what it finds,
    not its background. A paper that only builds on the name is not the paper asked about."""
    if found.outcome != "answered":
        if found.outcome == "not_stated":
            found.missing = f"the paper that introduced {names[0]}"
        return found
    i = found.related[0]
    sentences = split_sentences(hits[i].abstract or hits[i].snippet)
    statements = [
        Statement(i, position, sentence, _said_weight(sentence))
        for position, sentence in enumerate(sentences)
        if CONTRIBUTES.search(sentence) or FINDS.search(sentence)
    ] or [Statement(i, p, sentence, 0.5) for p, sentence in enumerate(sentences[:3])]
    return Evidence("answered", statements=statements, related=[i])


# What a sentence says of a shortcoming, and of what is left to do.
_SHORTCOMING = re.compile(
    r"\b(?:limit(?:ed|ation|ations)|suffers?|suffering|fail(?:s|ed|ure|ures)?|drawbacks?"
    r"|weakness(?:es)?|shortcomings?|struggl\w*|cannot|can't|unable|inability|lacks?|lacking"
    r"|insufficient\w*|bottlenecks?|costly|expensive|prohibitive\w*|degrad\w*|poor(?:ly)?"
    r"|vulnerab\w*|challeng\w*|difficult\w*|hinder\w*|inefficien\w*|sub-?optimal|brittle"
    r"|footprint|overhead|slow\w*|heavy|unstable|instabilit\w*|overfit\w*|sensitiv\w*"
    r"|noisy|inaccura\w*|longer|biased|forget\w*|hallucinat\w*|hurts?|harm\w*"
    r"|at\s+the\s+(?:cost|expense)|trade-?offs?"
    r"|lags?|lagging|trails?|underperform\w*|wors\w*|error-prone|issues?|problems?"
    r"|not\s+(?:yet|always|able|robust|scale))\b",
    re.I,
)
# Of a paper's own contribution, only a shortcoming said in so many words: "it continues to
# work on inputs much longer ... where vanilla models fail" is a strength, and "attention due
# to its limited context but accurate dependency modeling" is said of what Titans build on.
_OWN_SHORTCOMING = re.compile(
    r"\b(?:limitations?|drawbacks?|weakness(?:es)?|shortcomings?|downsides?|caveats?"
    r"|at\s+the\s+(?:cost|expense)\s+of|trade-?offs?"
    r"|still\s+(?:lags?|falls?\s+short|struggles?|underperforms?|trails?|suffers?|fails?)"
    r"|remains?\s+(?:challenging|difficult|limited|an?\s+(?:open|challenge)))\b",
    re.I,
)
_SET_AGAINST = re.compile(
    r"\s*(?:however|nevertheless|nonetheless|yet|still|unfortunately)\b", re.I
)
_LEFT_TO_DO = re.compile(
    r"\b(?:future\s+(?:work|research|directions?|studies|investigation)|further\s+(?:work"
    r"|research|investigation|study)|open\s+(?:problems?|questions?|challenges?)"
    r"|remains?\s+(?:open|unclear|unknown|an?\s+open)|we\s+(?:plan|hope)\s+to|left\s+for)\b",
    re.I,
)


def _shortcomings(question: Question, hits: list[Hit], bearing: list[int]) -> Evidence:
    """The sentences that state a shortcoming of what is asked about ("fully binarized BERT
    ... usually suffer a significant performance drop"), or what is left to do: a paper's
    strengths are no answer ("What are the limitations of LM-Infinite?" quoted its speed-up).
    When a paper introduced the name asked about, only its own sentences from where it says
    what it does count: the shortcomings before are those of the work it improves on."""
    future = question.wants_limits == "future"

    def states_one(sentence: str, own: bool) -> bool:
        if future:
            return bool(_LEFT_TO_DO.search(sentence))
        if not own:
            return bool(_SHORTCOMING.search(sentence))
        # or set against what it does: "However, ... the fine-tuned models are more
        # sensitive to perturbations involving unseen symbols"
        return bool(
            _OWN_SHORTCOMING.search(sentence)
            or (_SET_AGAINST.match(sentence) and _SHORTCOMING.search(sentence))
        )

    names = _limits_of_first(question.text, question.names)
    own: list[tuple[int, int | None]] = [
        (i, position)
        for i in bearing
        if names
        and (position := introduces(names[0], hits[i].title, hits[i].abstract or hits[i].snippet))
        is not None
    ]
    # Its own paper, and the papers that build on it ("PROP ... employs a unigram language
    # model", in B-PROP), which speak of it only where they name it.
    papers: list[tuple[int, int | None]] = own[:1] + [
        (i, None) for i in bearing if not own or i != own[0][0]
    ]
    if future and names:
        # What is left to do is its authors' word: "facilitate future research" in KLUE, which
        # names KLUE-RoBERTa, is no future work of RoBERTa's.
        papers = own[:1]
    statements = []
    for i, introduced in papers:
        sentences = split_sentences(hits[i].abstract or hits[i].snippet)
        start = -1
        if introduced is not None:
            says = [p for p, sentence in enumerate(sentences) if CONTRIBUTES.search(sentence)]
            start = max(introduced, says[0] if says else -1)
        for position, sentence in enumerate(sentences):
            own_claim = introduced is not None
            if position <= start or not states_one(sentence, own_claim):
                continue
            if own_claim and CONTRIBUTES.search(sentence):
                continue  # "we propose X to overcome the limitation of ...": what X is for
            score = max(states(question, ask, hits[i], sentence) for ask in question.asks)
            if own and introduced is None and not names_in(names[:1], sentence):
                continue  # another paper's shortcomings, beside the one asked about
            # naming nothing ("the downside of decoding captions with classifier-free
            # guidance"), the best paper's shortcomings are the ones asked about
            nameless = not names and i == papers[0][0]
            if score > 0 or introduced is not None or nameless or names_in(names, sentence):
                statements.append(Statement(i, position, sentence, max(score, 0.5)))
    related = [i for i, _ in papers] or bearing
    if not statements:
        what = "future work" if future else "limitations"
        missing = f"{what} of {names[0]}" if names else what
        return Evidence("not_stated", related=related, missing=missing)
    statements.sort(key=lambda s: -s.score)
    return Evidence("answered", statements=statements, related=related)


def _limits_of_first(text: str, names: list[str]) -> list[str]:
    """``names``, the one whose shortcomings are asked for first: "What weakness did the SUFO
    analysis expose in the PubMedBERT model?" asks for PubMedBERT's, which SUFO found.

    >>> _limits_of_first("What weakness did SUFO expose in the PubMedBERT model?", ["SUFO", "PubMedBERT"])
    ['PubMedBERT', 'SUFO']
    >>> _limits_of_first("What are the limitations of SUFO on BERT?", ["SUFO", "BERT"])
    ['SUFO', 'BERT']
    """
    word = LIMITS.search(text)
    if not word:
        return names
    after = text[word.end() :]
    of = [
        n
        for n in names
        if re.search(rf"\b(?:in|of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{re.escape(n)}\b", after)
    ]
    return of[:1] + [n for n in names if n not in of[:1]]


SIDE_SENTENCES = 2  # a compared paper's sentences quoted
# The words that compare two amounts: "which was pretrained on *more* tokens, X or Y?"
_COMPARING = (
    "more fewer less larger bigger smaller longer shorter higher lower faster slower".split()
)
_COMPARATIVE = re.compile(rf"\b(?:{'|'.join(_COMPARING)}|(?:in|of|their|its) sizes?)\b", re.I)
_BY_AMOUNT = re.compile(
    rf"\b(?:{'|'.join(_COMPARING)}|how (?:much|many)|(?:in|of|their|its) sizes?)\b", re.I
)

_SAME_KIND = re.compile(r"\bsame\s+(?:kind|type|sort|family|class)\b", re.I)


def _side_by_side(question: Question, hits: list[Hit], names: list[str]) -> Evidence:
    """Things no one paper names together, compared ("Which is bigger, Dolma or MiniPile?"):
    each one's paper (the one that introduced it, else the best naming it) and its sentences
    nearest the question, side by side, for the reader to compare: no paper compares them.
    A thing no paper names leaves the comparison unanswered; so does one whose paper does not
    state the figure or the name asked for ("How many parameters do METAGENE-1 and the
    Nucleotide Transformer each have?": only METAGENE-1's paper gives its size)."""
    statements: list[Statement] = []
    papers: list[int] = []
    # "Which was pretrained on more tokens, X or Y?": each side's figure ("555B tokens") answers;
    # not "Do X and Y rely on the same kind of scheme to cope with longer inputs?"
    by_amount = bool(_BY_AMOUNT.search(question.text)) and not _SAME_KIND.search(question.text)
    # "Which supports the longer context window, X or Y?": a figure of each answers; "How many
    # parameters do X and Y each have?" asks each for its own
    comparing = bool(_COMPARATIVE.search(question.text))
    # a figure is stated or not; "How do Q-BERT and BiBERT differ?" or "what objective does
    # DeltaLM use?" is answered by what each paper says of itself
    strict = by_amount or any(a.wants == "number" for a in question.asks)
    for name in names:
        naming = [i for i, h in enumerate(hits) if name_in(name, _paper_text(h))]
        if not naming:
            return Evidence("not_stated", related=papers, missing=f"anything on {name}")
        i = next(
            (
                i
                for i in naming
                if introduces(name, hits[i].title, hits[i].abstract or "") is not None
            ),
            naming[0],
        )
        if i in papers:
            continue
        papers.append(i)
        sentences = split_sentences(hits[i].abstract or hits[i].snippet)
        if strict:
            stated = _side_stated(question, name, names, hits[i], sentences, comparing)
            if not stated:
                missing = _missing(question)
                if missing == "what was asked":  # "Which is bigger, X or Y?"
                    missing = "the amount compared" if by_amount else "what was asked of"
                missing = f"{missing} for {name}".replace(" of for ", " of ")
                return Evidence("not_stated", related=papers, missing=missing)
            statements += [
                Statement(i, p, sentences[p] if p >= 0 else hits[i].title, score)
                for p, score in stated
            ]
            continue

        def value(sentence: str, name: str = name) -> float:
            words = set(tokenize(sentence))
            figure = by_amount and NUMBER.search(sentence.replace(name, " "))
            return (
                question.share(words)
                + 0.5 * name_in(name, sentence)
                + 0.3 * bool(CONTRIBUTES.search(sentence))
                + 0.6 * bool(figure)
            )

        quoted = SIDE_SENTENCES + by_amount  # its figure, beside what it is
        best = sorted(range(len(sentences)), key=lambda p: -value(sentences[p]))[:quoted]
        statements += [Statement(i, p, sentences[p], value(sentences[p])) for p in sorted(best)]
    return Evidence("answered", statements=statements, related=papers, side_by_side=True)


def _own_papers(names: list[str], hits: list[Hit]) -> list[str]:
    """The names that each have a paper of their own among ``hits`` (one whose title the name
    heads), a different paper each."""
    own: dict[int, str] = {}
    for name in names:
        # "Llama 2" heads "Llama2: ...", but "BERT" does not head "bert2BERT: ..."
        heads = re.compile(r"[\W_]*".join(re.escape(c) for c in _fold_all(name)) + r"(?!\w)", re.I)
        for i, hit in enumerate(hits):
            if i in own:
                continue
            # "Q-BERT: ..." is not BERT's own paper, the one whose title it heads is (and a
            # title named whole heads itself); reading abstracts for "we introduce X" costs
            # about 1 ms a paper, for few more
            if heads.match(hit.title):
                own[i] = name
                break
    return list(own.values())


def _one_side(question: Question, name: str, names: list[str]) -> Question:
    """``question`` as asked of ``name`` alone: the other compared names are no part of it."""
    others = {t for n in names if n != name for t in name_parts([n])} - name_parts([name])
    others -= joined(_outside(question.text, names))  # "dense BERT" stays
    asks = [
        replace(
            ask,
            names=[name] if ask.names else [],
            mentions=[name] if ask.mentions else [],
            terms=[t for t in ask.terms if t not in others],
            head=ask.head - others,
        )
        for ask in question.asks
    ]
    kept = [n for n in question.names if n == name or n not in names]  # "extend Llama models"
    return replace(
        question, names=kept, asks=asks, terms=[t for t in question.terms if t not in others]
    )


def _outside(text: str, names: list[str]) -> list[str]:
    """The terms ``text`` writes beyond those of ``names`` (as often as it writes them)."""
    left = Counter(tokenize(text))
    left.subtract(Counter(t for name in names for t in tokenize(name)))
    return [t for t, n in left.items() if n > 0]


def _side_stated(
    question: Question,
    name: str,
    names: list[str],
    hit: Hit,
    sentences: list[str],
    comparing: bool,
) -> list[tuple[int, float]]:
    """The positions of ``hit``'s sentences that state what is asked of ``name`` (-1 for its
    title), best first (SIDE_SENTENCES of them), with their scores. An amount compared is
    stated by a figure of what is compared ("16 tasks" for "more benchmarks"; "Three Trillion
    Tokens" in Dolma's title for "which is bigger?"), a figure or a name asked of each by a
    sentence that states it for that one."""
    side = _one_side(question, name, names)
    stated = []
    if comparing or not any(a.wants == "number" for a in side.asks):
        # "Which is bigger, X or Y?" asks for no figure, and each one's figure answers; what
        # the amount is of, if the question says ("tokens"; "bigger" says no more)
        outside = joined(_outside(question.text, names))  # "the bigger model"
        wanted = outside - MEASURES - _MORE
        wanted = _widened(wanted, _COMPARED_AS)
        for position, sentence in [(-1, hit.title), *enumerate(sentences)]:
            figures = _FIGURE.search(without_names(sentence, names))
            if figures and (
                not wanted
                or figure_near(sentence, wanted, names, True)
                or _counts_next(sentence, _plain_outside(question.text, names))
            ):
                stated.append((position, question.share(set(tokenize(sentence))) + 1.0))
    else:
        for position, sentence in enumerate(sentences):
            said = carried([name], sentences, position)
            score = max(states(side, ask, hit, sentence, said) for ask in side.asks)
            if score:
                stated.append((position, score))
    stated.sort(key=lambda s: -s[1])
    return sorted(stated[:SIDE_SENTENCES])


# A figure, not the digits of a name or of a garbled word ("scratchx2013even").
_FIGURE = re.compile(r"(?<![\w-])\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def _plain_words(text: str) -> list[str]:
    """Lower-case words, plurals as singulars: "model" too, which the index's terms drop."""
    words = [w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z][\w-]+", text)]
    return [w for w in words if len(w) > 3 and w not in _ASKING_WORDS]


def _plain_outside(text: str, names: list[str]) -> set[str]:
    """The plain words ``text`` writes beyond those of ``names`` ("the bigger model, ... or
    'How to (re)warm your model?'" writes one "model" of its own)."""
    left = Counter(_plain_words(text))
    left.subtract(Counter(w for name in names for w in _plain_words(name)))
    return {w for w, n in left.items() if n > 0}


_ASKING_WORDS = frozenset("which what whose doe that thi with from have their than each".split())


def _counts_next(sentence: str, wanted: set[str]) -> bool:
    """Whether a figure is followed, within its phrase, by a wanted word (_plain_words): "the
    Pythia 410M language model architecture" is a model's size.

    >>> _counts_next("We train the Pythia 410M language model architecture.", {"model"})
    True
    >>> _counts_next("We train on 300B tokens, then the model.", {"model"})
    False
    >>> corpus = set(_plain_words("corpus"))
    >>> _counts_next("MiniPile is a 6GB subset of the deduplicated 825GB The Pile corpus", corpus)
    True
    """
    words = sentence.split()
    for i, word in enumerate(words):
        if not _FIGURE.match(word):
            continue
        for following in words[i + 1 : i + 4]:
            if set(_plain_words(following)) & wanted:
                return True
            if following.lower() in _COUNTED_ENDS or following[-1] in ",.;:)":
                break
    return False


# A figure's phrase ends there, but an article may start the name of what is counted: "the
# deduplicated 825GB The Pile corpus".
_COUNTED_ENDS = PHRASE_END - {"the", "a", "an"}


# The comparing words of "which was pretrained on more tokens?": no thing a figure counts.
_MORE = frozenset(tokenize(" ".join(_COMPARING)) + tokenize("compare differ size"))


def _authors(hits: list[Hit], bearing: list[int]) -> Evidence:
    """An abstract never names its authors; the paper's record may (BibTeX, arXiv, CSV): the
    answer is the record's, or the papers are related and do not give them. Answering from the
    abstracts gave "GottBERT was pre-trained related to the original RoBERTa model" to "Who
    are the authors of RoBERTa?"."""
    if not bearing:
        return Evidence("not_covered")
    statements = [
        Statement(i, -1, f"{hits[i].title} is by {hits[i].metadata['authors']}.", 1.0)
        for i in bearing[:1]
        if str(hits[i].metadata.get("authors", "")).strip()
    ]
    if statements:
        return Evidence("answered", statements=statements, related=bearing)
    return Evidence("not_stated", related=bearing, missing="the authors")


_BASED_ON = re.compile(
    r"\b(?:based|built)\s+(?:on|upon)\b|\binitiali[sz]ed\s+(?:from|with)\b", re.I
)
_BASE = frozenset(tokenize("base"))
# What a paper builds its own model from: "built through continual pretraining from Llama 2",
# "we fine-tune Llama-2-7B on ..." (not "best-practices from RoBERTa")
_BUILDS = (
    r"\b(?:built|based|initiali[sz]ed|pre-?trained|trained|fine-?tuned|adapted|extended"
    r"|continu\w*\s+pre-?training)\s+(?:[\w-]+\s+){0,3}?(?:from|on|upon|with)\s+(?:the\s+)?"
    r"|\b(?:we|to)\s+(?:further\s+|continually\s+)?(?:fine-?tune|pre-?train|extend|adapt)\s+(?:the\s+)?"
)


def _builds_on(name: str, title: str, abstract: str) -> bool:
    """Whether the paper's own work is of ``name``: it introduces it ("We present an initial
    evaluation dataset, Book-SORT"), its title names it, or it builds its model from it.

    >>> _builds_on("Llama 2", "", "models built through continual pretraining from Llama 2")
    True
    >>> _builds_on("RoBERTa", "", "in addition to best-practices from RoBERTa")
    False
    """
    return (
        introduces(name, title, abstract) is not None
        or name_in(name, title)
        or bool(re.search(rf"(?:{_BUILDS}){name_pattern(name)}", abstract, re.I))
    )


def _said_trained(name: str, clause: str) -> bool:
    """Whether ``clause`` asks of ``name`` as what was trained: "to train RoBERTa", "RoBERTa
    was trained"."""
    written = name_pattern(name)
    return bool(
        re.search(
            rf"\b(?:train|pre-?train|fine-?tune)(?:ed|ing)?\s+(?:the\s+)?{written}"
            rf"|{written}\s+(?:was|were|is|are)\s+(?:pre-?)?trained",
            clause,
            re.I,
        )
    )


# Typeset subscripts: "F_1", "F_{0.5}" are read as "F1", "F0.5".
_SUBSCRIPT = re.compile(r"\b([A-Za-z])_\{?(\d+(?:\.\d+)?)\}?")


def _compounds_met(text: str, found: set[str]) -> set[str]:
    """The hyphenated terms of ``text`` whose parts are all ``found``: "blank-filling" is said
    by "blank filling pretraining", and weighs as the rare term it is.

    >>> sorted(_compounds_met("How was blank-filling changed?", {"blank", "fill", "pretrain"}))
    ['blank-fil']
    """
    return {compound for compound, parts in _compounds(text) if parts <= found}


# Words that say each other: one direction of change, "came out on top" and "outperforms".
_SAME_MEANING = (
    frozenset(tokenize("reduce reduction decrease lower cut")),
    frozenset(tokenize("improve improvement increase boost enhance")),
    # "which came out on top?": "X outperforms the other baselines"
    frozenset(tokenize("top best outperform")),
    # "which component gets swapped out?": "the predictor is replaced by the decoder"
    frozenset(tokenize("swap replace substitute")),
    # "how do they compare with trivial heuristics?": "they fail to match simple baselines"
    frozenset(tokenize("heuristic baseline")),
    # "what metric did they use?": "we measure the Character Error Rate"
    frozenset(tokenize("metric measure")),
    # "what components does MosaicBERT add?": "MosaicBERT ... incorporates FlashAttention, ..."
    frozenset(tokenize("component ingredient incorporate comprise consist")),
)

# What a figure counts, said in other words.
_SAME_THING = (
    frozenset(tokenize("gap difference discrepancy drop")),
    frozenset(tokenize("frame fps")),  # "what frame rate?": "boosts FPS to 2364"
    # "what inference speed-ups?": "a 2.4x faster, 74% smaller BERT"
    frozenset({"speedup", "speed-up", "faster"}),
    # "how many times must it be seen?": "in just 3 exposures"
    frozenset(tokenize("times exposures repetitions")),
    # "what aggregate throughput?": "we sustain 15.1 PetaFLOPs"
    frozenset(tokenize("throughput flops petaflops teraflops")),
    # "what is the lowest precision BiBERT pushes BERT down to?": "1-bit weight", "2 bits"
    frozenset(tokenize("precision bits")),
    # "what caption length limit?": "restricting inputs to a maximum of 77 tokens"
    frozenset(tokenize("limit maximum")),
)


# What two papers' amounts are of, said in other words: looser than _SAME_THING, for a
# comparison of two papers each of which states an amount ("which handled longer inputs?")
_COMPARED_AS = (
    *_SAME_THING,
    frozenset(tokenize("corpus corpora")),
    # "which handles longer inputs?": "a 1M context length"
    frozenset(tokenize("inputs context sequences")),
    # "which was evaluated on more benchmarks?": "on 16 tasks including ... GLUE benchmarks"
    frozenset(tokenize("benchmarks tasks")),
)


def _widened(terms: set[str], groups: tuple[frozenset[str], ...]) -> set[str]:
    """``terms`` with every group of same-meaning terms one of them belongs to."""
    return terms.union(*(same for same in groups if terms & same))


_HYPHENATED = re.compile(r"\w+(?:\.\w+)?(?:-\w+)+")  # "2.3B-parameter" whole


@lru_cache(maxsize=256)  # the question's own, asked for every sentence it is read against
def _compounds(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    found = []
    for word in _HYPHENATED.findall(text):
        compound, *parts = tokenize(word)
        # every part a term of its own: "in-context" is not said by "context" alone
        if "-" in compound and len(parts) == len(re.split(r"[-.]", word)):
            found.append((compound, frozenset(parts)))
    return tuple(found)


# "Specifically, its BLEU score increased by ...", "It also ...": a sentence whose subject is
# the one the sentence before named.
_CONTINUES = re.compile(
    r"\W*(?:(?:specifically|in particular|notably|moreover|furthermore|additionally|in addition"
    r"|also|further|for (?:example|instance)|as a result|overall|finally),?\s+)?"
    r"(?:its|it|they|their|(?:this|the resulting) (?:new )?(?:model|method|framework|approach"
    # "we propose the ... Benchmark (MOSSBench). This toolkit consists of 300 ... queries"
    r"|system|benchmark|dataset|corpus|toolkit|suite|collection|architecture|technique"
    r"|pipeline|library|resource))\b",
    re.I,
)


# "the model" speaks of the one the sentence before called "the X model", even after "while"
_THE_MODEL = re.compile(r"\W*(?:(?:while|although|though|whereas|when)\s+)?the model\b", re.I)


def carried(names: list[str], sentences: list[str], position: int) -> list[str]:
    """The question's names a sentence speaks of by pronoun: those the sentence before it
    names, when it starts with one and names none.

    >>> s = ["We propose PG-RAG.", "Specifically, its BLEU score increased by 14.3%."]
    >>> carried(["PG-RAG"], s, 1), carried(["PG-RAG"], s, 0), carried(["KGP"], s, 1)
    (['PG-RAG'], [], [])
    >>> s = ["We unlearn from the Llama2-7b model.", "While the model took 184K GPU-hours, ..."]
    >>> carried(["Llama2-7b"], s, 1), carried(["Llama2-7b"], ["We use Llama2-7b.", s[1]], 1)
    (['Llama2-7b'], [])
    """
    sentence = sentences[position]
    if not position or names_in(names, sentence):
        return []
    before = sentences[position - 1]
    if _CONTINUES.match(sentence):
        return [n for n in names if name_in(n, before)]
    if _THE_MODEL.match(sentence):
        # "... from the Llama2-7b model. While the model took over 184K GPU-hours to pretrain"
        return [n for n in names if re.search(name_pattern(n) + r"\s+model\b", before, re.I)]
    return []


# What ties a name to the thing asked about, just before it: "pretraining of XLM-R"
_TIED_BY = re.compile(r"\b(?:of|for|to|on|with|in)\s+(?:the\s+)?$", re.I)


def states(
    question: Question, ask: Ask, hit: Hit, sentence: str, spoken_of: list[str] | None = None
) -> float:
    """How well ``sentence`` of ``hit`` states what ``ask`` asks for: its share of the
    question's term weight (title included), or 0 when it does not state it. ``spoken_of`` are
    names it speaks of by pronoun (carried())."""
    sentence = _SUBSCRIPT.sub(r"\1\2", sentence)
    abstract = hit.abstract or hit.snippet
    terms = frozenset(_term_acronyms(abstract))
    if not carries_kind(ask, sentence, question.names, question.said, terms, abstract):
        return 0.0  # no figure for "how many"
    if (
        ask.wants == "number"
        or (
            ask.wants == "other" and is_search_query(question.text) and asks_score_basis(ask.clause)
        )
    ) and other_basis(ask.clause, sentence):
        return 0.0  # "what absolute WER?": "relatively reduce the WER by 19.2%"
    measure = measure_named(ask.clause) if ask.wants == "number" and not ask.head else None
    if measure and not measure_written(measure, sentence):
        return 0.0  # "what value ... on the purity indicator?": a figure of no purity
    if ask.wants == "number" and benchmark_unwritten(ask, sentence):
        return 0.0  # "what absolute MMLU accuracy?": "10% to 20% of training is optimal"
    if ask.wants == "number" and other_regime(ask.clause, sentence):
        return 0.0  # "after being fine-tuned": "in zero-shot settings, ... falls below 10%"
    if ask.wants == "number" and per_other(ask.clause, ask.head_words, sentence):
        return 0.0  # "how many tokens make up each block?": "up to 32k tokens"
    if ask.wants == "number" and other_setting(ask.clause, question.names, sentence, abstract):
        return 0.0  # "what SPIDEr on MACS?": "SPIDEr scores of 44.1% and 30.5% on AC and CL"
    if ask.wants == "number" and averaged_over(ask.clause, ask.mentions, sentence):
        return (
            0.0  # "what Video-MME score?": "3.2% on average across six benchmarks (including ...)"
        )
    if ask.wants == "number" and other_value(question.text, f"{hit.title}\n{abstract}"):
        return 0.0  # "with a guidance scale of 3": "with a guidance scale of 2, CIDEr 78.6"
    if other_sizes(question.text, tuple(question.names), abstract):
        return 0.0  # "... for a 6.7B-parameter GPT-3?" of a paper that reports its 1.3B model
    if other_variant(question.names, sentence):
        return 0.0  # "this base model achieves 79.6" of a question about MosaicBERT-Large
    if ask.wants == "number" and _of_the_one_put_aside(question, sentence):
        return 0.0  # "when CodeBERT, rather than GraphCodeBERT, is used": GraphCodeBERT's figure
    if ask.wants == "number" and _with_another(question, sentence):
        return 0.0  # "LAE with LoRA": "LAE with Adaptor PET surpasses ... by 1.3%"
    if ask.wants == "number" and _in_another_role(question.text, sentence):
        return 0.0  # "when CodeBERT is used as the encoder": "With GraphCodeBERT as the encoder"

    # A name in the asking clause ("the context window of Gemini 1.5 Pro") must be in the
    # statement unless the paper is about it; names describing the paper need not be.
    # A name the sentence speaks of by pronoun ("the model") is as good as written there.
    def only_mentioned(name: str) -> bool:
        return (
            not central(name, hit.title, abstract)
            and not described(name, hit.title, abstract)
            and name not in (spoken_of or [])
        )

    # (not the authors' own group: "the Naver Labs authors" wrote it, their sentences need
    # not name it)
    passing = [n for n in ask.names if only_mentioned(n) and not _authors_of(n, question.text)]
    if passing and not any(_names(n, sentence) for n in passing):
        return 0.0  # a name the paper only mentions: its facts are stated with the name
    if (
        ask.wants == "number"
        and not ask.names
        and ask.mentions
        and all(
            _said_trained(n, ask.clause)
            and not _names(n, sentence)
            and only_mentioned(n)
            and not _builds_on(n, hit.title, abstract)
            for n in ask.mentions
        )
    ):
        # "How many GPUs were used to train RoBERTa?": "on 8 A100 80 GB GPUs" of MosaicBERT,
        # whose paper takes "best-practices from RoBERTa", is its own model's count
        return 0.0
    own = len(passing) < len(ask.names)  # "what fraction of ELECTRA's cost does ConvBERT need"
    if (
        ask.wants == "number"
        and passing
        and not own
        and all(compared(n, sentence) for n in passing)
    ):
        return 0.0  # "7.6% over Mistral-7B": the figure is the paper's own
    # A follow-up is short ("On what kind of text did it help the most?") and its paper is
    # known: half the overlap will do.
    follow_up = 0.5 if question.context_papers else 1.0
    sentence_terms = joined(tokenize(sentence)) | size_terms(sentence)
    sentence_terms |= name_parts(spoken_of or [])
    sentence_terms |= _compounds_met(question.text, sentence_terms)
    # "what lowers it?": "leads to a significant decrease"
    sentence_terms = _widened(sentence_terms, _SAME_MEANING)
    if _BASED_ON.search(sentence):  # "based on Phi-2" names a base model ("based" is a stopword)
        sentence_terms |= _BASE
    considered = joined(question.terms)
    if question.context_papers:  # a follow-up's few words: "did" would weigh as much as a topic
        considered -= AUXILIARY_TERMS
    overlap = question.share(sentence_terms | set(tokenize(hit.title)), considered)
    name_terms = name_parts(question.names)
    # What the asking clause wants beyond the names: {"gpus", "train"} of "How many GPUs were
    # used to train RoBERTa?".
    asked = joined(ask.terms) - name_terms
    if ask.wants == "number" and asked and asked <= SHARES | MEASURES:
        # "X compresses the parameters by up to what factor?": the clause holds only the
        # measure; what is measured is said before it.
        asked = joined(question.terms) - name_terms
    measures = set(tokenize(ask.head_words)) & MEASURES
    # "What nDCG did it reach?": its only words are a name, which the figure must stand near.
    if ask.wants in ("name", "other") and not _lists(ask.clause, sentence):
        return 0.0  # "which five datasets?": "we evaluate over five abusive language datasets"
    if ask.wants == "number" and (asked or ask.mentions or ask.head):
        # A figure must count what is asked ("512 GPUs", not "three effective strategies").
        # With no counted thing named, a figure near the clause's words, its names ("by how
        # much did it beat Min-K% on WikiMIA?") or the measure it is given in ("a mean F1
        # score of 0.96") will do.
        # "the largest gap": "differences of up to 76 points"
        things = ask.head - name_terms
        change = asks_for_change(ask)
        if change and opposite_change(ask, sentence):
            return 0.0  # "how large was the drop?": "an accuracy increase of 6 p.p."
        things = things if things <= SHARES else _widened(things, _SAME_THING)
        if (
            things <= SHARES
            or asks_for_score(ask)
            or change
            or asks_for_money(ask)
            or asks_in_bytes(ask)
            # "How much of GPT-3's carbon footprint did OPT-175B need?": a share of it ("1/7th
            # the carbon footprint"), which need not stand before the thing it is a share of
            or HOW_MUCH_OF.search(ask.clause)
            # "at what frequency?": "resonate at 48 Hz", a value that never says what it measures
            or AT_WHAT.search(ask.clause)
        ):
            # "what speedup?": a multiple ("up to 1.85x"), named or not; "what zero-shot
            # ImageNet accuracy?": a measure, whose qualifiers are no things it counts; "how
            # much FLOP savings?": a change, given as a share or a multiple of the FLOPs; "how
            # much money?": a sum ("$20"), near what it paid for; "how large in gigabytes?":
            # a size ("a 6GB subset"), near what it measures
            things = set()
        # "how big can the performance gap get?": "performance differences of up to 76 points"
        counted = things or _widened(asked | name_parts(ask.mentions) | measures, _SAME_THING)
        if change and _bare_change(ask.head_words, ask.clause):
            # "the largest improvement reported": "up to 76.1% improvements on Table Detection"
            # (not "wall-clock time savings": "FLOP savings upto 71.1%" saves something else)
            counted = counted | (set(tokenize(ask.head_words)) & CHANGES)
        fits = figure_kind(question, ask)
        modifiers = qualifiers_of(ask)
        items = modifiers if measures_collection(ask) else frozenset()
        # "F1", "F0.5" are written like names, but a figure is given in them ("4.7% semantic F1")
        named = [n for n in question.names if not _METRIC.fullmatch(n)]
        # "Which open code LLM ..., and at what size?": a model's size is a figure of its own
        # ("CodeT5+ 16B"), written with no "size" beside it; "74% smaller" says how much
        sized = (
            ask.head_words.lower() in _SIZE_ASKED
            and _MODEL_ASKED.search(question.text)
            and (
                size_terms(sentence)
                or _SMALLER.search(sentence)
                # "which model size made the stronger learner?": "smaller models are ..."
                or _sized_in_words(ask, sentence)
            )
            # "What size is the T0 model that UL2 20B outperforms?": T0's, not UL2's
            and _sized_asked(ask.names, sentence)
        )
        if (
            not sized
            and not longest_given(ask.head_words, sentence)
            and not data_in_bytes(ask, sentence)
            and not figure_near(sentence, counted, named, bool(things), fits, modifiers, items)
        ):
            return 0.0
        if (
            passing
            and not figure_near(sentence, joined(name_parts(passing)), [])
            # "the corpus used for LangSAMP's continual pretraining of XLM-R": "We apply
            # LangSAMP to ... XLM-R on a corpus covering more than 500 languages" writes both
            # names the question ties together, the figure being of what joins them (not
            # "how many languages was XLM-R pretrained on", XLM-R's own)
            and not (
                own
                and all(_names(n, sentence) for n in ask.names)
                and all(
                    (at := ask.clause.find(n)) > 0 and _TIED_BY.search(ask.clause[:at])
                    for n in passing
                )
            )
        ):
            return 0.0  # a figure of the paper's own, far from the model it mentions
        if passing and all(bound_elsewhere(sentence, n, fits) for n in passing):
            return 0.0  # "14.6% for Llama-2-7B ... within 10B tokens": Llama 2 has its own figure
    elif ask.wants == "name" and asked:
        if _kind_left_unnamed(ask.clause, abstract):
            return 0.0  # "which knowledge base?": "a large knowledge database" names none
        if (
            overlap < MIN_OVERLAP_NAME * follow_up
            and not (
                ask.head
                and ask.head <= sentence_terms
                and CONTRIBUTES.search(sentence)
                and _new_names(sentence, ask.clause, question.said)
            )
            and not _named_as_asked(ask, sentence, question.said)
        ):
            # names what is asked for, but nothing else of the question; unless it proposes
            # a thing of the kind asked for by name ("Which position encoding method lets
            # ...?": "we propose a new position encoding method, Contextual Position
            # Encoding (CoPE), that ...": a long description shares few of its words)
            return 0.0
        if _CALLED.search(ask.clause):
            # the thing named is described, not named ("the model they built from Llama-3")
            return max(overlap, 1e-6) if _new_names(sentence, ask.clause, question.said) else 0.0
        # "The JMLA model consists of ...": the words the abstract defined JMLA by say what a
        # name is asked of, but name no head ("which translation model?" is not answered by
        # "MNMT models lag behind") and rank no sentence above one that writes the words
        with_acronyms = sentence_terms | _spelled_out(abstract, sentence)
        if _ASKS_FOR_A_PAPER.match(ask.clause):
            # "Which study says no earlier work had examined ...?": the paper is the answer,
            # and its title's words say what it is about as well as the sentence's do
            with_acronyms |= set(tokenize(hit.title))
        share = sum(question.weight(t) for t in asked & with_acronyms) / sum(
            question.weight(t) for t in asked
        )
        listed = _listed(ask.clause)
        # "which two components": the sentence lists them (_lists), seldom by that word
        head_met = bool(ask.head & sentence_terms) or bool(listed and listed[1] in _PARTS)
        # "Which pretrained BERT checkpoint ...?": "five BERT-based models with ... pretraining"
        # has the words that describe one, but neither the kind nor a name beyond the title's
        # topic ("Planck"; a name heading the title, "SQuAD: ...", is the paper's own thing)
        kind_word = ask.head_words.split()[-1].lower() if ask.head_words else ""
        kind = set(tokenize(kind_word)) & _NAMED_HEADS
        topic = hit.title.split(":", 1)[-1]
        # (nor one the sentence calls another kind of thing: "the PDB database" is no encoder)
        kind_unnamed = bool(
            kind
            and head_met
            and not kind & sentence_terms
            and all(
                _typed_other(n, sentence, {kind_word})
                for n in _new_names(sentence, f"{ask.clause} {topic}", question.said)
            )
        )
        # "Which model family were they run on?": "Experiments on Pythia and the C4 dataset"
        # (the kind, "model", is a stopword, and a family is named, not called one)
        unspoken = {
            k for k in ask.head_words.lower().split() if k in NAMED_KINDS and not tokenize(k)
        }
        head_met = head_met or bool(
            ask.head
            and ask.head <= _GROUPS
            and unspoken
            and _new_names(sentence, question.text, question.said)
        )
        head_met = head_met or _evaluated_on(ask, sentence, question.said)
        # "Which artifacts did they make publicly accessible?": "we have made the pre-trained
        # models and codes publicly accessible" says which, whatever it calls them
        head_met = head_met or bool(
            ask.head & _RELEASED_KINDS
            and _RELEASES.search(sentence)
            and _OWN_CLAIM.search(sentence)
        )
        # "Which previously ignored models ...?": "previously ignored multilingual models" says
        # which, by kind; a thing of the kind described needs no name of its own
        by_kind = _describes_kind(ask.clause, sentence)
        head_met = head_met or by_kind
        # "which four kinds of tasks?": four items listed in a row, whatever they are called;
        # "across which tasks?": three or more
        head_met = head_met or bool(
            _enumerates(sentence, listed[0])
            if listed
            # (a thing with names, "which GPUs", is named: "software optimizations, design
            # choices, and hyperparameter tuning" names none)
            else ask.head_words.endswith("s")
            and not ask.head & _NAMED_HEADS
            # "which tasks": "translation, summarization, and QA"; but "which layers" is not
            # answered by "image retrieval, image generation, and multimodal dialogue"
            and not set(tokenize(ask.head_words.split()[-1])) & _CALLED_SO
            and _ENUMERATION.search(sentence)
        )
        # "What kind of model architecture ...?": "a GAN-style model for encoder-decoder
        # pre-training" names one, by kind
        head_met = head_met or bool(ask.head & _ARCHITECTURE and _ARCHITECTURES.search(sentence))
        called = set(tokenize(ask.head_words.split()[-1])) & _CALLED_SO if ask.head_words else set()
        if called and not head_met and not _widened(called, _SAME_PART) & set(tokenize(sentence)):
            # "Which attention heads does Funnel-Transformer prune to cut computation cost?":
            # parts a sentence calls by their name, or one like it ("which losses?": "two
            # objectives"); "reduces the computation cost" names none
            return 0.0
        if kind_unnamed or (
            not head_met
            and (
                share < ASKED_SHARE
                or (
                    ask.head & _NAMED_HEADS
                    and not by_kind
                    and not _new_names(sentence, ask.clause, question.said)
                )
            )
        ):
            # "which tokenizer": a sentence that names no tokenizer; "which GPUs does the
            # recipe run on?": "a single low-end deep learning server" names none at all
            return 0.0
    elif overlap < MIN_OVERLAP * follow_up:
        return 0.0
    return max(overlap, 1e-6)


# Kinds of thing known by a name of their own ("which corpus?" asks for "the Pile"), and
# how an abstract writes each
_NAMED_THINGS = {
    "knowledge base": r"knowledge\s+(?:data)?bases?|databases?",
    "database": r"knowledge\s+(?:data)?bases?|databases?",
    "corpus": r"corpus|corpora",
    "dataset": r"datasets?|data\s+sets?",
    "benchmark": r"benchmarks?",
    "treebank": r"treebanks?",
}
# "Which knowledge base provided ...?", "What is the name of the LangSAMP pretraining corpus?":
# the kind heads what is asked for (a verb or the clause's end follows it)
_ASKS_NAMED_THING = re.compile(
    r"^\W*(?:which|what)(?:\s+(?:is|was)\s+the\s+name\s+of)?\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?"
    rf"(?P<kind>{'|'.join(_NAMED_THINGS).replace(' ', '[ ]+')})s?"
    r"(?=\s+(?:is|was|are|were|did|does|do|has|had|have|can|[a-z]+ed)\b|\s*[?,]|\s*$)",
    re.I,
)
# "a large knowledge database", "a highly multilingual corpus covering ...": one of the kind,
# described, not named
_A_KIND = re.compile(
    r"\b(?:a|an)\s+(?:(?!(?:the|this|these|its|our|their)\b)[\w-]+\s+){0,4}$", re.I
)
# "the Pile (upstream data ...", "language generation tasks (C4 and WikiText-2)": named data
_NAMED_DATA = re.compile(
    r"(?-i:\b[A-Z][\w.+-]*[\w+])\s*\(\s*(?:[\w-]+\s+)?data\b"
    r"|\b(?:tasks?|data|sets?)\s*\(\s*(?-i:[A-Z][\w.+-]*[A-Z0-9])"
)
# ... unless a name is set beside it: "EC-40, a large-scale benchmark", "(CALM), a benchmark",
# "MT-Bench (a benchmark ...", or right after it: "the dataset HowTo100M", "benchmarks like
# MMLU", "a corpus called X", "a corpus: X"
_NAMED_BEFORE = re.compile(
    r"(?:(?-i:[A-Z])[\w+.-]*(?-i:[A-Z0-9+])[\w+.-]*|\))\s*[,(]\s*(?:as\s+)?$"
)
_NAMED_AFTER = re.compile(
    r"^\s*(?:\(|,\s*(?-i:[A-Z])|(?:called|named|dubbed|termed)\b"
    r"|(?:(?:like|such\s+as|including|e\.g\.,?|:)\s*)?(?-i:[A-Z0-9])[\w+.-]*(?-i:[A-Z0-9]))",
    re.I,
)
# "a wide range of benchmarks like MMLU": several, named or not
_SEVERAL = re.compile(
    r"\b(?:range|variety|set|suite|series|number|battery|collection|mix)\s+of\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# a corpus may be called a dataset where it is named: "the Pile dataset"
_SIBLINGS = {"corpus": "dataset", "dataset": "corpus"}


@lru_cache(maxsize=64)  # asked of every sentence of an abstract; it reads the whole abstract
def _kind_left_unnamed(clause: str, abstract: str) -> bool:
    """Whether the clause asks which thing of a named kind ("which knowledge base") and the
    abstract writes that kind only as an unnamed one ("a large knowledge database").

    >>> _kind_left_unnamed("Which knowledge base provided the entity names",
    ...     "We pre-train on entity names in a large knowledge database.")
    True
    >>> _kind_left_unnamed("Which corpus is used", "We use a new corpus, OSCAR, and a corpus.")
    False
    >>> _kind_left_unnamed("Which corpus is used", "We pre-train on a corpus. It is the C4 corpus.")
    False
    >>> _kind_left_unnamed("Which corpus is used", "We pre-train on a corpus, the Pile dataset.")
    False
    """
    asked = _ASKS_NAMED_THING.match(clause)
    if not asked or _NAMED_DATA.search(abstract):
        return False
    kind = " ".join(asked["kind"].lower().split())
    own = re.compile(rf"\b(?:{_NAMED_THINGS[kind]})\b", re.I)
    if not own.search(abstract):
        return False  # the kind is never written: what else the sentence says decides
    if kind in _SIBLINGS:
        # "the Pile dataset", "DIMSUM+, a high-quality dataset" of "which corpus?"
        sibling = re.compile(rf"\b(?:{_NAMED_THINGS[_SIBLINGS[kind]]})\b", re.I)
        if any(_named_there(abstract, m, capital=True) for m in sibling.finditer(abstract)):
            return False
    return not any(_named_there(abstract, m) for m in own.finditer(abstract))


def _named_there(abstract: str, written: re.Match[str], capital: bool = False) -> bool:
    """Whether the kind ``written`` in ``abstract`` is one known by a name: "the C4 corpus",
    "our corpus" (with ``capital``, only a name before it: "the Pile dataset"), "OSCAR, a
    corpus", "benchmarks like MMLU"; not "a large knowledge database"."""
    before = abstract[max(0, written.start() - 80) : written.start()]
    article = _A_KIND.search(before)
    if not article:
        return not capital or bool(re.search(r"(?-i:[A-Z])[\w+.-]*\s+$", before))
    return bool(
        _NAMED_BEFORE.search(before[: article.start()])
        or _SEVERAL.search(before)
        or _NAMED_AFTER.match(abstract[written.end() :])
    )


# "... when CodeBERT, rather than GraphCodeBERT, is used as the encoder?": the name before is
# the setting asked about, the one after is put aside
_ASKED_INSTEAD = re.compile(rf"\b{INSTEAD_OF}\s+(?:the\s+)?", re.I)
_INSTEAD_REACH = 40  # characters before "rather than" the name asked about may end


def _as_a_word(name: str, suffix: bool = False) -> str:
    """A pattern for ``name`` as a word of its own: "CodeBERT" is not in "GraphCodeBERT"; with
    ``suffix``, more may follow it after a hyphen ("X-ALMA-13B" of "X-ALMA")."""
    return rf"(?<![\w-]){re.escape(name)}(?!\w{'' if suffix else '|-'})"


def _written(name: str, text: str) -> bool:
    return bool(re.search(_as_a_word(name), text, re.I))


# What a thing is done with: "the LAE framework with LoRA as its PET module"
CHOICE_PREFIX = 5  # letters two spellings of one choice share ("Adapt"-er / -or)
_DONE_WITH = r"\b(?:with|using)\s+(?:the\s+|an?\s+)?"


def _with_another(question: Question, sentence: str) -> bool:
    """Whether ``sentence`` gives its figure for the thing done with another choice than the
    one the question names: "LAE with Adaptor PET surpasses ... by 1.3%" of "LAE with LoRA".

    >>> from rag.question import analyse
    >>> asked = analyse("How much does LAE with LoRA improve accuracy?")
    >>> _with_another(asked, "LAE with Adaptor PET surpasses the state of the art by 1.3%.")
    True
    >>> _with_another(asked, "LAE with Adaptor or LoRA gains 1.3%.")
    False
    """
    for name in question.names:
        if not re.search(_DONE_WITH + re.escape(name) + r"\b", question.text, re.I):
            continue
        if name_in(name, sentence):
            return False
        chosen = re.finditer(_DONE_WITH + r"([A-Z][\w-]*)", sentence)
        if any(
            not re.search(rf"\b{re.escape(m[1])}\b", question.text)
            # "Adaptor" for "Adapter": the same choice, spelled otherwise
            and m[1][:CHOICE_PREFIX].lower() != name[:CHOICE_PREFIX].lower()
            for m in chosen
        ):
            return True
    return False


# "X (is used) as the encoder": a thing in a role, the setting a figure is given for
_AS_THE = (
    r"(?P<name>[A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*)?)\s+(?:(?:is|are|was|were)\s+)?"
    r"(?:used\s+|serving\s+|employed\s+)?as\s+(?:the\s+|its\s+|an?\s+)?(?P<role>[a-z][\w-]+)"
)
_ROLE_ASKED = re.compile(r"\b(?:when|with|using|if|where)\s+(?:the\s+)?" + _AS_THE)
# (no re.I: the name in the role starts with a capital; only the opening word may too)
_ROLE_SAID = re.compile(r"\b(?:[Ww]ith|[Uu]sing|[Ww]hen|[Tt]aking)\s+(?:the\s+)?" + _AS_THE)


def _in_another_role(question: str, sentence: str) -> bool:
    """Whether ``sentence`` gives its figure with another thing in the role the question
    puts one in ("when CodeBERT is used as the encoder": "With GraphCodeBERT as the encoder").

    >>> q = "What MRR does SEA reach on CodeSearchNet when CodeBERT is used as the encoder?"
    >>> _in_another_role(q, "With GraphCodeBERT as the encoder, SEA achieves an MRR of 0.785.")
    True
    >>> _in_another_role(q, "With CodeBERT as the encoder, SEA achieves an MRR of 0.7.")
    False
    >>> _in_another_role(q, "SEA achieves an MRR of 0.785, higher than GraphCodeBERT.")
    False
    >>> _in_another_role(q.replace("CodeBERT", "GraphCodeBert"), "With GraphCodeBERT as the encoder")
    False
    """
    asked = _ROLE_ASKED.search(question)
    if not asked:
        return False
    for said in _ROLE_SAID.finditer(sentence):
        if said["role"] == asked["role"] and said["name"].lower() != asked["name"].lower():
            return not re.search(rf"\b{re.escape(asked['name'])}\b", sentence, re.I)
    return False


def _of_the_one_put_aside(question: Question, sentence: str) -> bool:
    """Whether ``sentence`` names the thing the question puts aside ("rather than X", "instead
    of X") and not the one it asks about in its place: its figure is the other setting's.

    >>> from rag.question import analyse
    >>> q = analyse("What MRR does SEA reach when CodeBERT, rather than GraphCodeBERT, is used?")
    >>> _of_the_one_put_aside(q, "With GraphCodeBERT as the encoder, SEA reaches 0.785 MRR.")
    True
    >>> _of_the_one_put_aside(q, "With CodeBERT instead of GraphCodeBERT, SEA reaches 0.7.")
    False
    >>> _of_the_one_put_aside(q, "SEA reaches 0.7 MRR, 10% higher than GraphCodeBERT.")
    False
    """
    text = question.text
    for found in _ASKED_INSTEAD.finditer(text):
        # (not "rather than BART's original objective": a thing of BART's)
        aside = [
            n
            for n in question.names
            if text.startswith(n, found.end())
            and not re.match(r"['’]s\b", text[found.end() + len(n) :])
        ]
        before = text[max(0, found.start() - _INSTEAD_REACH) : found.start()]
        # the name just before it ("SEA" and "MRR" earlier are the question's subject)
        ends = {n: before.rfind(n) + len(n) for n in question.names if n not in aside}
        chosen = max((n for n in ends if _written(n, before)), key=lambda n: ends[n], default="")
        if (
            aside
            and chosen
            and any(_own_figure(n, sentence) for n in aside)
            # (the one asked about may be written with more to its name: "X-ALMA-13B")
            and not re.search(_as_a_word(chosen, suffix=True), sentence, re.I)
        ):
            return True
    return False


# "99% smaller than those of TILDE", "compared to LLM-TS methods": what is compared with
_COMPARED_WITH = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|over|vs\.?|versus|to|v\.s\.|surpass\w*|outperform\w*"
    r"|beat\w*|relative\s+to|against)\s+(?:[\w-]+\s+){0,3}$|\(v\.?s\.?\s+$",
    re.I,
)


def _authors_of(name: str, question: str) -> bool:
    """Whether the question names ``name`` as who wrote the paper: "the Naver Labs authors".

    >>> _authors_of("Naver Labs", "What did the Naver Labs authors introduce?")
    True
    >>> _authors_of("Naver Labs", "What did Naver Labs introduce?")
    False
    """
    return bool(
        re.search(rf"{name_pattern(name)}\s+(?:authors|researchers|team)\b", question, re.I)
    )


def _own_figure(name: str, sentence: str) -> bool:
    """Whether ``sentence`` writes ``name`` as what a figure is of, not as what it is compared
    with."""
    return any(
        not _COMPARED_WITH.search(sentence[: m.start()])
        for m in re.finditer(_as_a_word(name), sentence, re.I)
    )


def _describes_kind(clause: str, sentence: str) -> bool:
    """Whether ``sentence`` writes the kind of thing the clause asks for with words of its own
    put before the kind: "which previously ignored models" of "previously ignored multilingual
    models", "what off-the-shelf model" of "an off-the-shelf zero-shot object detection model".

    >>> _describes_kind("What off-the-shelf model does it run", "an off-the-shelf object detection model")
    True
    >>> _describes_kind("What off-the-shelf model does it run", "we use an off-the-shelf model")
    False
    >>> _describes_kind("Which existing Chinese model", "on an existing Chinese language model")
    False
    """
    kind = _kind_asked(clause)
    said = kind and kind.search(sentence)
    return bool(said and set(tokenize(said[1])) - set(tokenize(clause)) - _ANY_MODEL)


@lru_cache(maxsize=256)
def _kind_asked(clause: str) -> re.Pattern[str] | None:
    """The asked phrase's modifiers, words of a sentence's own, then its kind, or None; read
    once a clause (every sentence of every paper is tried against it, twice)."""
    phrase = asked_phrase(clause)
    # (models, not datasets or benchmarks: "previous English QA datasets" names none of them)
    if len(phrase) < 2 or phrase[-1] not in ("model", "models"):
        return None
    *modifiers, kind = phrase
    return re.compile(
        r"\b" + r"\s+".join(map(re.escape, modifiers)) + r"\s+((?:[\w-]+\s+){1,4}?)"
        rf"{re.escape(kind.removesuffix('s'))}s?\b",
        re.I,
    )


# Words every kind of model has, which say no more which one it is: "an existing Chinese
# *language* model" describes no model of its own
_ANY_MODEL = frozenset(
    tokenize("language pre-trained pretrained large small neural deep base new existing trained")
)
_ARCHITECTURE = frozenset(tokenize("architecture"))
_ARCHITECTURES = re.compile(
    r"\b(?:encoder-decoder|decoder-only|encoder-only|seq2seq|sequence-to-sequence|transformer"
    r"|recurrent|convolutional|LSTM|RNN|CNN|mixture-of-experts|MoE)\b",
    re.I,
)


def _spelled_out(abstract: str, sentence: str) -> set[str]:
    """The words behind the acronyms ``abstract`` defines that ``sentence`` uses."""
    return {
        term
        for acronym, terms in acronym_terms(abstract).items()
        if re.search(rf"\b{re.escape(acronym)}\b", sentence)
        for term in terms
    }


def _names(name: str, sentence: str) -> bool:
    """Whether ``sentence`` names ``name``: a versioned model by family and version ("Gemini
    1.5" for "Gemini 1.5 Pro"), an unversioned one by its whole name, its words together ("Code
    Llama" is not "code ... Llama-3.1-70B", "BERT-large" not any BERT).

    >>> _names("Code Llama", "500B code tokens, and data created by Llama-3.1-70B")
    False
    >>> _names("Code Llama", "It beats Code-Llama-7B."), _names("Gemini 1.5 Pro", "Gemini 1.5 wins")
    (True, True)
    """
    if any(c.isdigit() for c in name):
        # "X-ALMA-13B-Pretrain" written whole, whose core ("x alma pretrain") runs apart
        return name_in(core_name(name), sentence) or name_in(name, sentence)
    if len(name.split()) > 1 and not re.search(name_pattern(name), sentence, re.I):
        return False
    return name_in(name, sentence)


# "Which five abusive language datasets ...", "What are the names of the two ... techniques":
# a list of so many things, its noun the first plural.
_LISTED = re.compile(
    rf"\b(?:which|what(?:\s+(?:are|were))?\s+the(?:\s+names\s+of\s+the)?)\s+({_COUNT})\s+"
    r"(?:[\w-]+\s+){0,4}?([a-z-]+[^s\W]s)\b",
    re.I,
)
# Three or more items in a row, commas between them and "and" before the last
_ENUMERATION = re.compile(r"\b(?:[\w-]+(?:\s+[\w-]+){0,3},\s+){2,}(?:and|or)\s+[\w-]+")


def _enumerates(sentence: str, count: str) -> bool:
    """Whether ``sentence`` lists as many items as the ``count`` pattern (_listed) says.

    >>> _enumerates("across translation, summarization, QA, and NER benchmarks", "(?:four|4)")
    True
    >>> _enumerates("across translation, summarization, and NER benchmarks", "(?:four|4)")
    False
    """
    for m in _ENUMERATION.finditer(sentence):
        commas = m[0].count(",")
        items = commas + 1 if re.search(r",\s+(?:and|or)\s", m[0]) else commas + 2
        if re.fullmatch(count, str(items)):
            return True
    return False


# What introduces the items of a list: "four datasets: A, B, ...", "(A, B)", "such as",
# "namely", ", A and B".
_ITEMS = re.compile(
    r":|\([^)]*,|\b(?:such as|including|namely|like)\b|^\s*,[^.;]{1,60}\band\b",
    re.I,
)
# "two components, i.e., a cross-decoder stacked upon a self-decoder": the things counted, right
# after their count (not "e.g.", a few of them; not an "i.e." further on, of something else:
# "two pre-training tasks ... using acoustic units, i.e., pseudo codes")
_THAT_IS = re.compile(r"^\W{0,3}i\.e\.", re.I)


def _restates_count(clause: str, sentence: str) -> bool:
    """Whether ``sentence`` only says there are as many things as the question counts ("over
    five different abusive language datasets") without listing them.

    >>> q = "Which five abusive language datasets was RAFT evaluated on"
    >>> _restates_count(q, "We evaluate RAFT over five different abusive language datasets.")
    True
    >>> _restates_count(q, "We evaluate on five datasets: HatEval, OLID, Davidson and Founta.")
    False
    >>> _restates_count(q, "We evaluate on HatEval and OLID.")
    False
    >>> _restates_count("which two tasks were used", "on two tasks, API call and API usage.")
    False
    >>> _restates_count("What are the three clinical tasks", "on 3 different clinical tasks.")
    True
    >>> _restates_count("Which two tasks", "Results on two tasks show that A-BERT matches B-BERT.")
    True
    >>> _restates_count("Which two components", "It has two components, i.e., an A and a B.")
    False
    """
    listed = _listed(clause)
    if not listed:
        return False
    count, _, stem = listed
    said = re.search(rf"\b{count}\s+(?:[\w-]+\s+){{0,4}}?{stem}\w*", sentence, re.I)
    if not said:
        return False
    # the names after what the sentence goes on to report are no items: "on two downstream
    # tasks show that DietCodeBERT matches CodeBERT"
    rest = _REPORTED.split(sentence[said.end() :], maxsplit=1)[0]
    return (
        not (_ITEMS.search(rest[:40]) or _THAT_IS.search(rest))
        and len(_new_names(rest, clause)) < 2
    )


_REPORTED = re.compile(r"\b(?:show|shows|showed|demonstrate|demonstrates|indicate|indicates)\b")


def _listed(clause: str) -> tuple[str, str, str] | None:
    """For a question asking for so many things ("which five ... datasets"): a pattern for the
    count however it is written ("three" or "3"), the noun counted and its stem."""
    listed = _LISTED.search(clause)
    if not listed:
        return None
    count, noun = listed.group(1).lower(), listed.group(2).lower()
    if 2 <= (n := count_value(count)) <= 10:
        count = f"(?:{NUMBER_WORDS[n - 2]}|{n})"
    return count, noun, re.escape(noun[:-1].removesuffix("e") if len(noun) > 4 else noun)


def _with_items(sentences: list[str], position: int) -> str:
    """The sentence at ``position`` with the numbered items that follow it ("1) Direct
    prompting: ...", "2) ...") when it announces them; an item alone is left as it is.

    >>> _with_items(["We use two strategies.", "1) Prompting.", "2) Tuning.", "It works."], 0)
    'We use two strategies. 1) Prompting. 2) Tuning.'
    >>> _with_items(["We use two strategies.", "1) Prompting.", "2) Tuning."], 1)
    '1) Prompting.'
    """
    sentence = sentences[position]
    if ENUMERATION.match(sentence):
        return sentence
    items = []
    for following in sentences[position + 1 :]:
        if not ENUMERATION.match(following):
            break
        items.append(following)
    return " ".join([sentence, *items])


def _new_names(sentence: str, clause: str, said: frozenset[str] = frozenset()) -> list[str]:
    """The names in ``sentence`` that neither the question's ``clause`` nor the conversation's
    last answer (its terms, ``said``) holds."""
    asked = _fold_all(clause)
    return [
        n
        for n in answer_names(sentence, asked)
        if _fold_all(n) not in asked
        and not (said and set(tokenize(n)) <= said)
        and not _spells_asked(n, sentence, asked)
    ]


def _spells_asked(name: str, sentence: str, asked: str) -> bool:
    """ "Aligning Instruction Tuning with Pre-training (AITP)" of a question about AITP: the
    asked name spelled out, no other name."""
    found = re.search(rf"{re.escape(name)}[^()]{{0,40}}\(([\w-]+)\)", sentence)
    return bool(found and _fold_all(found[1]) in asked)


# What a kind of thing comes in, named rather than called so: "which model family?" (Pythia).
_GROUPS = frozenset(tokenize("family families series variant variants version versions"))
# "At what size?" of a model (not of its data: "What size is the vocabulary?")
_SIZE_ASKED = frozenset({"size", "sizes", "model size", "model sizes"})
_MODEL_ASKED = re.compile(
    r"\b(?:LLMs?|models?|BERT|transformers?)\b(?![^?]*\b(?:vocabular\w*|data\w*|corp\w+|tokens?)\b)",
    re.I,
)


# What may qualify a change and leave what changed unsaid: "the largest improvement reported"
_PLAIN_CHANGE = frozenset(
    "largest biggest greatest highest maximum max overall total average mean relative "
    "absolute reported observed achieved".split()
)


def _bare_change(head_words: str, clause: str) -> bool:
    """Whether ``head_words`` of ``clause`` name a change and nothing of what changed ("in
    wall-clock time" after it names it).

    >>> _bare_change("largest improvement reported", "What is the largest improvement reported for S4")
    True
    >>> _bare_change("wall-clock time savings", "What wall-clock time savings does it give")
    False
    >>> _bare_change("savings", "How much savings in minipile pretraining wall-clock time")
    False
    """
    words = head_words.lower().split()
    plain = bool(words) and all(w in _PLAIN_CHANGE or set(tokenize(w)) <= CHANGES for w in words)
    after = clause.lower().split(head_words.lower(), 1)[-1].split()[:1] if plain else []
    return plain and not (after and after[0] in ("in", "of", "on"))


def _sized_asked(names: list[str], sentence: str) -> bool:
    """Whether ``sentence`` sizes one of ``names`` whose size the question does not give
    ("UL2 20B" is sized already), or there is none."""
    unsized = [n for n in names if not size_terms(n)]
    return not unsized or any(_sized_name(n, sentence) for n in unsized)


def _sized_name(name: str, sentence: str) -> bool:
    """Whether ``sentence`` gives ``name`` a size beside it ("CodeT5+ 16B", "a 74% smaller
    BERT").

    >>> _sized_name("BERT", "a pruned model that is a 2.4x faster, 74% smaller BERT on SQuAD")
    True
    >>> _sized_name("T0", "On 0-shot MMLU, UL2 20B outperforms T0 and T5 models")
    False
    """
    named = name_pattern(name)
    size = r"[\d.]+\s*(?:[KMBT]|million|billion|%\s+smaller|x\s+smaller)"
    return bool(
        re.search(
            rf"{named}[\s-]+(?:\(\s*)?{size}|{size}(?:[\s-]+param\w*)?\s+{named}",
            sentence,
            re.I,
        )
    )


_SMALLER = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|x|times)\s+smaller\b", re.I)
_SIZED_IN_WORDS = re.compile(r"\b(?:smaller|larger|bigger)\s+models?\b", re.I)


def _sized_in_words(ask: Ask, sentence: str) -> bool:
    """Whether ``sentence`` answers "which model size ...?" in words: "smaller models are ..."."""
    return (
        ask.head_words.lower() in _SIZE_ASKED
        and bool(_WHICH_OPENS.search(ask.clause))
        and bool(_SIZED_IN_WORDS.search(sentence))
    )


# What a paper puts out, by a word that names none of it ("artifacts", "resources")
_RELEASED_KINDS = frozenset(tokenize("artifacts artefacts resources materials assets"))
_RELEASES = re.compile(
    r"\b(?:release[sd]?|releasing|open-sourced?|(?:made|make|makes)\s+(?:[\w-]+\s+){1,6}?"
    r"(?:publicly\s+)?(?:available|accessible|public))\b",
    re.I,
)
# Parts of a model a sentence calls by their name ("the last four layers"): a list of other
# things ("image retrieval, image generation, and multimodal dialogue") names none of them,
# as "across translation, summarization, and QA" names tasks.
_CALLED_SO = frozenset(tokenize("layers heads losses weights parameters neurons blocks tokens"))
# ... by one name or another: "which losses?" of "two self-supervised objectives", "which
# layers?" of "adapter modules", "which weights?" of "a prefix vector"
_SAME_PART = (
    frozenset(tokenize("layers blocks modules adapters")),
    frozenset(tokenize("losses objectives tasks constraints terms regularization")),
    frozenset(tokenize("weights parameters vector vectors matrices")),
    frozenset(tokenize("neurons units")),
)
# What a thing is made of, up to the end of the sentence or a clause of its own
_MADE_OF = re.compile(
    r"\b(?:consists?\s+of|comprises?|is\s+composed\s+of|is\s+made\s+up\s+of)\s+([^.;:()]+)", re.I
)
# The parts a method is made of, by words an abstract seldom uses for its own.
_PARTS = frozenset(
    "components parts elements pieces ingredients modules techniques innovations "
    "contributions modifications changes ideas mechanisms strategies tricks".split()
)

# Who makes a thing, named by their own names: "a joint effort between Microsoft and NVIDIA"
_MAKERS = frozenset(
    "companies organizations organisations institutions labs laboratories universities "
    "teams groups".split()
)
# ... two of them, and no more: not "between BERT and GPT models", two models of a kind
_PAIR = re.compile(
    r"\b(?:between|by|from)\s+(?-i:[A-Z][\w-]*)\s+and\s+(?-i:[A-Z][\w-]*)(?![\w-]*\s+[a-z]+s\b)",
    re.I,
)


def _lists(clause: str, sentence: str) -> bool:
    """Whether ``sentence`` can answer a question asking for so many things ("What are the
    three clinical tasks"): it names those things and lists some.

    >>> q = "What are the three clinical tasks used"
    >>> _lists(q, "LLMs improved on many NLP tasks."), _lists(q, "We train T5-Base and T5-Large.")
    (False, False)
    >>> _lists(q, "We test on three tasks: NER, relation extraction and QA.")
    True
    >>> _lists("Which model was used", "LLMs improved on many NLP tasks.")
    True
    >>> _lists("Which two medical datasets", "on two tasks, detection (COVID-QA) and QA (PubMedQA).")
    True
    >>> _lists("Which two components does X add", "X adds a Bi-Attention and a Dual-Path Loss.")
    True
    >>> _lists("Across which four kinds of tasks", "across translation, summarization, QA, and NER")
    True
    >>> _lists("At which two stages", "a study at both the retrieval and re-ranking stages")
    True
    >>> q = "What are the three components of Shikra's architecture"
    >>> _lists(q, "Its architecture consists of a vision encoder, an alignment layer, and a LLM.")
    True
    >>> _lists(q, "Its architecture consists of a vision encoder and a LLM.")
    False
    """
    listed = _listed(clause)
    if not listed:
        return True
    if _restates_count(clause, sentence):
        return False  # "over five different abusive language datasets" names none of the five
    count, noun, stem = listed
    if noun in KINDS:  # "two kinds of content": "like AST and code comment"
        # "four kinds of tasks": "across machine translation, text summarization, language
        # understanding, and text classification benchmarks"
        return bool(_ITEMS.search(sentence) or _ENUMERATION.search(sentence))
    named = _new_names(sentence, clause)
    if len(named) >= 2 and re.search(rf"\b(?:{count}|{stem}\w*)\b", sentence, re.I):
        return True  # "two MRC tasks, span detection (COVID-QA) and ... (PubMedQA)"
    if re.fullmatch(count, "two") and re.search(
        rf"\bboth\s+(?:the\s+)?[\w-]+\s+and\s+(?:the\s+)?[\w-]+\s+{stem}\w*", sentence, re.I
    ):
        return True  # "at both the retrieval and re-ranking stages"
    made_of = _MADE_OF.search(sentence)
    if noun in _PARTS and made_of:
        # "Its architecture consists of a vision encoder, an alignment layer, and a LLM."
        items = [i for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", made_of[1]) if i.strip()]
        if re.fullmatch(count, str(len(items))):
            return True
    if noun in _MAKERS and re.fullmatch(count, "two") and _PAIR.search(sentence):
        return True  # "Which two companies ...?": "a joint effort between Microsoft and NVIDIA"
    if noun in _PARTS and len(named) >= 2:
        # "Which two components does BiBERT introduce?": "BiBERT introduces an efficient
        # Bi-Attention structure ... and a Direction-Matching Distillation (DMD) scheme" (a
        # paper seldom calls its own parts "components")
        return True
    return any(
        _ITEMS.search(sentence[said.end() : said.end() + 40])
        or _THAT_IS.search(sentence[said.end() :])
        for said in re.finditer(rf"\b{stem}\w*", sentence, re.I)
    )


SUPERLATIVE_WINDOW = 12  # words after the superlative in which what it ranks is named


SUPERLATIVE_SHARE = 0.4  # of the words of what a superlative ranks, a stating sentence holds
SENTENCE_SHARE = 0.75  # ... or, the word after it being what is ranked, the whole sentence
# "the biggest one pretrained with retrieval" is stated as "the largest LLM pretrained with
# retrieval"
_SAME_SUPERLATIVE = {
    "biggest": ("biggest", "largest"),
    "largest": ("largest", "biggest"),
    "earliest": ("earliest", "first"),
    "smallest": ("smallest", "tiniest"),
}


def _said_as(word: str) -> str:
    """A pattern for a superlative as an abstract may write it ("largest" for "biggest")."""
    return "|".join(re.escape(w) for w in _SAME_SUPERLATIVE.get(word, (word,)))


# a paper's claim about itself: "our model is the first ...", "Ours is the first ...", "we
# perform the first ...", "This is the first ..."
_OWN_CLAIM = re.compile(r"\b(?:our|ours|we|this\s+(?:is|paper|work|study))\b", re.I)
# ... said right before the superlative: not "we propose a task where the first input image"
_CLAIMS_IT = re.compile(
    r"\b(?:(?:our|this)(?:\s+[\w-]+){0,3}\s+(?:is|was)|ours\s+is|we\s+[a-z]+"
    r"|this\s+(?:paper|work|study)\s+[a-z]+s)\s+$",  # "This paper takes the first step ..."
    re.I,
)
# A claim that covers its whole sentence: "..., demonstrating, for the first time, that ...",
# "we develop a framework for ..., providing the first formal characterization of ..."
_WHOLE_CLAIM = re.compile(
    r"\bfor\s+$|\b(?:providing|demonstrating|making|marking|offering|establishing)\s+$", re.I
)
_RANKS = r"ranks|ranked|placed|came|comes"  # "ranks first in MLPerf Training v2.0"
# An ordinal, not a claim: "in the first stage, we use ...", "at the first layer"
_ORDINAL = re.compile(r"\b(?:in|at|during|from|after|before)\s+$", re.I)
STEM_PREFIX = 7  # "complementarity" and "complement" are one word to a superlative's reader


@lru_cache(maxsize=32)
def _states_superlative(said_as: str) -> re.Pattern[str]:
    return re.compile(
        # "The third, and most challenging, is ...": the superlative set beside what it ranks
        rf"\b(?:the|its|our|a(?=\s+first[\s-]+of[\s-]+its[\s-]+kind)|{_RANKS})\s+(?:{said_as})\b"
        rf"|(?<=,\s)and\s+(?:{said_as}),",
        re.I,
    )


# A superlative looked for, not found: "aims to find the most compute-efficient strategy"
_SOUGHT = re.compile(
    r"\b(?:aims?|aimed|seeks?|sought|tries|try|tried|sets?\s+out)\s+to\s+(?:find|identify|determine"
    r"|discover|search\s+for|understand|explore)\s+(?:\w+\s+)?$"
    r"|\b(?:search(?:es|ing)?\s+for|looks?\s+for|looking\s+for|in\s+search\s+of)\s+$",
    re.I,
)
# How a question frames what it asks ("Which study claims to show ...?"): no word of the thing
_FRAMING = frozenset(
    tokenize(
        "claim claims claimed paper papers study studies work works show shows showed shown "
        "present presents presented report reports reported propose proposes proposed "
        "described describes"  # "Which ... is described as the most challenging?"
    )
)


# Where a superlative's description turns from the kind of thing ranked to what it does: "the
# first LLM based on linear attention | to beat ...", "the first built on ... | that beats"
_RANKED_DOES = re.compile(r"\b(?:that|which|who|whose|to)\b", re.I)


def _stated_of(question: Question, hits: list[Hit], paper: bool = False) -> Evidence:
    """The question's superlative as a paper states it, where that paper writes the rarest of
    the question's words that any paper read writes: "Which speculative decoding method gives
    the fastest speed-up?" is not answered by "bfloat16 models yield the fastest inference
    speeds" of a paper that never says "speculative", nor "the first insertion-based
    transformer ...?" by "the first method which applies BERT into text generation"."""
    assert question.superlative is not None
    found = _stated_superlative(question.superlative, hits, paper)
    if found.outcome != "answered":
        return found
    read = [set(tokenize(_paper_text(hit))) for hit in hits]
    # (in the question's order: of two equally rare words the first, whatever the hash seed)
    left_out = _FRAMING | set(tokenize(question.superlative.word))
    asked = [t for t in dict.fromkeys(question.terms) if t not in left_out]
    written = [t for t in asked if any(t in words for words in read)]
    rarest = max(written, key=question.weight) if written else ""
    # what the thing ranked does was met by share already ("beats" stated as "outperforms");
    # what kind of thing it is must be written ("the first *insertion-based* transformer for")
    does = _RANKED_DOES.search(question.superlative.ranks)
    if does and rarest in tokenize(question.superlative.ranks[does.start() :]):
        return found
    if rarest and rarest not in read[found.related[0]]:
        return Evidence("not_stated")
    return found


def _meets(terms: set[str], words: set[str]) -> bool:
    """Whether ``words`` hold one of ``terms``, a long word by its first STEM_PREFIX letters.

    >>> _meets({"complement"}, {"investig", "complementar"}), _meets({"complex"}, {"complet"})
    (True, False)
    """
    if terms & words:
        return True
    stems = {t[:STEM_PREFIX] for t in terms if len(t) >= STEM_PREFIX}
    return any(w[:STEM_PREFIX] in stems for w in words if len(w) >= STEM_PREFIX)


def _stated_superlative(superlative: Superlative, hits: list[Hit], paper: bool = False) -> Evidence:
    """The sentences that state the superlative asked for, of what it ranks: the same word,
    then most of the thing's terms within SUPERLATIVE_WINDOW words."""
    word = superlative.word
    said_as = _said_as(word)
    # what it ranks, word by word ("pre-training" is one word, however it is written)
    ranked = [set(t) for w in superlative.ranks.split() if (t := tokenize(w))]
    if not ranked:
        ranked = [{t} for t in superlative.terms]
    # most of a long description: "the first input image is partially masked" shares two
    # words of "the first to propose masked image modeling for pre-training vision encoders"
    needed = max(min(2, len(ranked)), math.ceil(SUPERLATIVE_SHARE * len(ranked)))
    # a long description is stated at its length: "the first framework for generating
    # downstream-agnostic universal adversarial examples based on the pre-trained encoder"
    window = max(SUPERLATIVE_WINDOW, len(superlative.ranks.split()))
    statements = []
    for i, hit in enumerate(hits):
        sentences = split_sentences(hit.abstract or hit.snippet)
        for position, sentence in enumerate(sentences):
            # "the largest ...", "its first ...", "the first to", "a first of its kind": not
            # "improves first, but"
            for m in _states_superlative(said_as).finditer(sentence):
                before = sentence[: m.start()]
                if word == "first" and _ORDINAL.search(before):
                    continue
                if _SOUGHT.search(before):
                    continue  # "This study aims to find the most compute-efficient strategy"
                # from the word on: "the most parameters" names what it ranks by
                said = " ".join(sentence[m.start() :].split()[:window])
                after = set(tokenize(said))
                if word == "first" and (
                    _WHOLE_CLAIM.search(before) or re.match(_RANKS, m[0], re.I)
                ):  # "our ... BERT model achieves ... and ranks first in MLPerf": its subject
                    after |= set(tokenize(sentence))
                if position and re.search(r"\b(?:such|these|those)\b", said, re.I):
                    # "the first to investigate the design of such algorithms": the ones the
                    # sentence before describes
                    after |= set(tokenize(sentences[position - 1]))
                met = sum(1 for terms in ranked if _meets(terms, after))
                following = sentence[m.end() :].split()[:1]
                if met < needed and following and _meets(ranked[0], set(tokenize(following[0]))):
                    # "What does the first merge rule learned by a BPE tokenizer correspond
                    # to?": "... merge rules learned by a BPE tokenizer ...: the first merge is
                    # ..." names the thing at the word and describes it across its sentence
                    whole = sum(1 for terms in ranked if _meets(terms, set(tokenize(sentence))))
                    if whole >= math.ceil(SENTENCE_SHARE * len(ranked)):
                        met = max(met, needed)
                if met < needed and _CLAIMS_IT.search(before):
                    # "our model is the first E2E model that ...": the paper's own model, which
                    # its title describes ("... End-to-End Speech Intent Classification ...")
                    titled = after | set(tokenize(hit.title))
                    if met >= min(2, len(ranked)):
                        met = sum(1 for terms in ranked if _meets(terms, titled))
                if met >= needed:
                    statements.append(Statement(i, position, sentence, met / len(ranked)))
                    break
    if not statements:
        return Evidence("not_stated")
    statements.sort(key=lambda s: (-s.score, s.paper))
    # "To our knowledge, this is the first representation learning method ...": which one, its
    # title says; "Which work presents the first ...?" asks for a paper whatever models it names
    best = statements[0]
    stated = _titled([best], hits, superlative.ranks, always=paper)
    return Evidence("answered", statements=stated, related=[best.paper])


PROBLEM_SENTENCES = 2  # background sentences quoted for the problem a paper sets out to solve


def _problem(question: Question, hits: list[Hit], bearing: list[int]) -> Evidence:
    """ "What limitation of PROP's task does B-PROP try to overcome?": the paper that introduced
    the thing that overcomes it (the last name it introduces, else the best paper naming them),
    its background sentences that say what is wrong, nearest before it says what it does, then
    that sentence."""
    own = next(
        (
            i
            for name in reversed(question.names)
            for i in bearing
            if introduces(name, hits[i].title, hits[i].abstract or "") is not None
        ),
        bearing[0],
    )
    sentences = split_sentences(hits[own].abstract or hits[own].snippet)
    does = next((p for p, text in enumerate(sentences) if CONTRIBUTES.search(text)), None)
    if not does:
        return Evidence("not_stated", related=[own], missing=_missing(question))
    # the background sentences that say what is wrong ("However, ...", "suffers from ...")
    wrong = [
        p
        for p in range(does)
        if _SET_AGAINST.match(sentences[p]) or _SHORTCOMING.search(sentences[p])
    ][-PROBLEM_SENTENCES:]
    chosen = wrong or [does - 1]
    statements = [Statement(own, p, sentences[p], 1.0) for p in [*chosen, does]]
    return Evidence("answered", statements=statements, related=[own])


# "Which papers report the highest ...?" asks for papers, "Which detector in these papers ...?"
# for a detector
_WHICH_PAPERS = re.compile(r"\W*(?:which|what)\s+(?:papers?|works?|studies|articles)\b", re.I)


# What a paper does with a thing it names: "Which papers evaluate on BEIR?", "... build on Pythia?"
_USES = frozenset(
    tokenize(
        "use uses using used evaluate evaluates evaluated evaluating build builds built upon "
        "adapt adapts adapted adapting further train trains trained training fine-tune "
        "fine-tunes fine-tuned extend extends extended compare compares compared benchmark "
        "benchmarks benchmarked apply applies applied employ employs employed leverage "
        "leverages rely relies start starts started initialize initializes initialized "
        "continue continues continued report reports reported test tests tested "
        # "Which papers fine-tune, quantize or otherwise experiment with Falcon models?"
        "quantize quantizes quantized quantizing prune prunes pruned compress compresses "
        "compressed distill distills distilled experiment experiments experimented otherwise "
        "study studies studied analyze analyzes analyzed analyse analyses analysed"
    )
)


# What a paper that names a model or a benchmark has of it: "build on Mistral models or
# Mistral's tokenizer", "report language-modelling perplexity on WikiText"
_OF_A_NAME = frozenset(
    tokenize(
        "model models tokenizer tokenizers perplexity language-modelling results variants "
        "language llm llms"  # "Falcon language models"
    )
)
# "Natural Questions or TriviaQA": two names, either of which will do
_EITHER_NAME = re.compile(
    r"(?-i:[A-Z])[\w-]*(?:\s+[\w-]+){0,2}\s+or\s+(?:the\s+)?(?-i:[A-Z])", re.I
)


def _uses_a_name(question: Question) -> bool:
    """Whether a topical question asks only which papers do something with a named thing.

    >>> from rag.question import analyse
    >>> _uses_a_name(analyse("Which papers build on Mistral models or Mistral's tokenizer?"))
    True
    >>> _uses_a_name(analyse("Which papers evaluate retrieval or ranking on MS MARCO?"))
    False
    """
    if not question.names or question.lists_by_date:
        return False
    rest = {t for t in tokenize(without_names(question.topic, question.names)) if len(t) > 1}
    named = set().union(*(tokenize(n) for n in question.names))
    return bool(rest) and rest - named <= _USES | _OF_A_NAME


_YES_NO_SUBJECT = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|can|could|has|have)\s+(?:the\s+)?(\S+)", re.I
)


def _papers_of_subject(question: Question, hits: list[Hit]) -> list[int]:
    """For a yes/no question about a named thing ("Does Bioformer ...?"), the papers that
    introduce it."""
    if len(question.asks) != 1 or question.asks[0].wants != "yes/no":
        return []
    opening = _YES_NO_SUBJECT.match(question.text)
    subject = next((n for n in question.names if opening and opening[1].startswith(n)), None)
    if subject is None:
        return []
    return [
        i
        for i, hit in enumerate(hits)
        if introduces(subject, hit.title, hit.abstract or hit.snippet) is not None
    ]


def _spelling(name: str, hits: list[Hit], bearing: list[int]) -> Evidence:
    """ "What does MITRE stand for?": the sentence of a paper naming it that spells it out
    ("MITRE (multilingual translation with registers)", "the Siamese Multi-depth
    Transformer-based Hierarchical (SMITH) Encoder"); papers that only use the name ("we use
    LRPE with an exponential decay") do not give it."""
    written = name_pattern(name)
    initial = re.escape(name[0])
    spelled_out = re.compile(
        # words, one of them with the name's initial, then the name in brackets
        rf"\b{initial}[\w-]*(?:\s+[\w-]+){{0,9}}\s*\(\s*{written}\s*\)"
        # the name, then words in brackets, the first with its initial
        rf"|(?<![\w-]){written}\s*\(\s*{initial}[\w-]*\s+[^()]+\)"
        rf"|(?<![\w-]){written},?\s+(?:which\s+)?(?:stands|is\s+short)\s+for\b"
        # "FOCUS - Fast Overlapping Token Combinations Using Sparsemax"
        rf"|(?<![\w-]){written}\s*[-–—:]\s+{initial}[\w-]*\s+[\w-]+"
        # "Leave-One-Out K-Nearest-Neighbor, or LOOK for short", "..., abbreviated as LOOK"
        rf"|\b{initial}[\w-]*(?:\s+[\w-]+){{0,9}},?\s+(?:or\s+{written}\s+for\s+short"
        rf"|abbreviated\s+(?:as\s+)?{written})",
        re.I,
    )
    for i in bearing:
        sentences = split_sentences(hits[i].abstract or hits[i].snippet)
        for position, sentence in enumerate(sentences):
            if spelled_out.search(sentence):
                return Evidence(
                    "answered", statements=[Statement(i, position, sentence, 1.0)], related=[i]
                )
    return Evidence("not_stated", related=bearing, missing=f"what {name} stands for")


def _false_premise(question: Question, hits: list[Hit], bearing: list[int]) -> Evidence | None:
    """ "Why does PanGu-Coder use an encoder-decoder architecture?": the paper that introduced
    the thing asked about says otherwise (rag.premises). A yes/no question asks whether it holds,
    and is answered."""
    if any(a.wants == "yes/no" for a in question.asks):
        return None
    if not question.names:
        # "Why does conventional continued pre-training consistently improve ...?": no name,
        # and the paper retrieval found first is the one the question describes
        return (
            _premise_of(question, 0, "", hits, results_contradicted) if bearing[:1] == [0] else None
        )
    name = question.names[0]
    own = next(
        (i for i in bearing if introduces(name, hits[i].title, hits[i].abstract or "")), None
    )
    if own is None:
        # "OPT-175B" of the paper that introduces OPT; the paper a name is central to ("Maltese
        # BERT" of a Maltese BERT study that names its model otherwise)
        family = unsized(name)
        own = next(
            (
                i
                for i in bearing[:1]
                if introduces(family, hits[i].title, hits[i].abstract or "") is not None
                or not _in_passing(question.names, hits[i])
            ),
            None,
        )
    if own is None and bearing[:1] == [0]:
        # "What GLUE retention does a model pre-trained only on the last character of each token
        # achieve?": the paper is described, not named; retrieval's best is the one described
        own = 0
    if own is None:
        return None
    return _premise_of(question, own, name, hits)


# A reading of an abstract against a question's premise (rag.premises): what is taken for
# granted, and what the abstract says instead
Premises = Callable[[str, str, Callable[[str], float]], tuple[str, str] | None]


def _premise_of(
    question: Question, own: int, name: str, hits: list[Hit], against: Premises = contradicted
) -> Evidence | None:
    """What the abstract of ``hits[own]`` says against the question's premise, if anything."""
    found = against(
        question.text, hits[own].abstract or hits[own].snippet, lambda t: question.idf.get(t, 1.0)
    )
    if found is None:
        return None
    asked, stated = found
    # not "Wikipedia-only ranking above ... for Wikipedia", nor for a title: its paper is shown
    if name and name.lower() not in asked.lower() and name not in question.titles:
        asked = f"{asked} for {name}"
    return Evidence(
        "not_stated",
        related=[own],
        missing=f"{asked} (its paper describes {stated})",
        premise=f"The question assumes {asked}, but its paper describes {stated}",
    )


def _missing(question: Question) -> str:
    """What the papers do not give, to follow "Papers about it that do not give": "a figure
    for MMLU score", "the model architecture"; "what was asked" when the question's head is no
    noun phrase ("And what about MrT5?" has "about MrT5")."""
    if question.superlative:  # not "a figure for largest monolithic transformer"
        # (past a frame: "According to '...', which size of LLM ... the most?")
        asked = re.sub(r"^[^?]*?\b(?:which|what)\s+", "", question.text.strip(), flags=re.I)
        return f"which {asked.rstrip(' ?.')}"
    named = _ASKS_NAMED_THING.match(question.asks[0].clause) if question.wants == "name" else None
    if named:  # "the name of the corpus", not "the LangSAMP continual pretraining"
        return f"the name of the {' '.join(named['kind'].lower().split())}"
    what = question.head_words
    if not what or what.split()[0].lower() in _NOT_A_HEAD:
        return "what was asked"
    phrase = asked_phrase(question.asks[0].clause)
    if question.wants == "name" and phrase[-2:-1] == [what.lower()] and phrase[-1] in NAMED_KINDS:
        what = f"{what} {phrase[-1]}"  # "the captioning model", not "the captioning"
    kind = {"number": "a figure for", "reason": "a reason for"}.get(question.wants, "the")
    return f"{kind} {what}"


# Words a noun phrase does not start with: "about MrT5", "of them".
_NOT_A_HEAD = frozenset("about of for on in with to from at by as than into".split())
