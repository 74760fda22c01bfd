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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rag.chunking import split_sentences
from rag.lexical import tokenize
from rag.question import (
    AUXILIARY_TERMS,
    GENERIC,
    MEASURES,
    Ask,
    Question,
    asked_phrase,
    figure_value,
    find_names,
    same_figure,
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
NUMBER_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "twice",
    "half",
    "double",
    "triple",
    "tenfold",
    "hundredfold",
    "percent",
]
# "hundreds of millions of parameters" is no figure: it answers no "how many".
_NUMBER = re.compile(r"\d|\b(" + "|".join(NUMBER_WORDS) + r")\b|[×%]", re.I)


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

    @property
    def answered(self) -> bool:
        return self.outcome == "answered"

    def cited_papers(self) -> list[int]:
        return list(dict.fromkeys(s.paper for s in self.statements))


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-_/]+", name.casefold()) if p]


def name_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: each of its parts as a word, so "Yi-34B" is found in
    "the Yi model family ... 6B and 34B" and "Gemini 1.5 Pro" in "Gemini-1.5-Pro".

    >>> name_in("Yi-34B", "The Yi family has 6B and 34B models."), name_in("GPT-4", "GPT-3")
    (True, False)
    >>> name_in("BERTs", "compact BERT models"), name_in("F1", "a mean F_1 score")
    (True, True)
    """
    if re.fullmatch(r".*[A-Z\d]s", name):  # a plural: "compact BERTs" are BERT models
        return name_in(name[:-1], text)  # "LLMs" still found in "LLMs" (its letters run on)
    words = set(re.findall(r"[\w.+]+", text.casefold())) | set(
        re.findall(r"[^\W_]+", text.casefold())
    )
    if all(part in words or part.rstrip(".") in words for part in _parts(name)) and _versioned_run(
        name, text
    ):
        return True
    # Typography aside: "F0.5" in "F_{0.5}", "ELECTRA-base" in "ELECTRA$_{base}$".
    bare = re.sub(r"[\W_]+", "", name.casefold())
    long_enough = len(bare) >= 3 or (len(bare) == 2 and bare[-1].isdigit())  # "F1"
    return long_enough and bare in re.sub(r"[\W_]+", "", text.casefold())


_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+\+?")
_VERSION = re.compile(r"^v?\d+(\.\d+)*$")


def _versioned_run(name: str, text: str) -> bool:
    """Whether a versioned name's family and version stand together in ``text``: "Phi-1.5" is
    not named by "1.5-Pints ... Microsoft's Phi", nor "DeepSeek-V2" by "DeepSeek-Coder-V2"; a
    size may stand apart ("Yi ... 6B and 34B").

    >>> _versioned_run("Phi-1.5", "1.5-Pints beats Microsoft's Phi"), _versioned_run("Llama 2", "LLaMA-2-Chat")
    (False, True)
    """
    core = [w for part in core_name(name).split() for w in _WORD.findall(part)]
    if len(core) != 2 or not _VERSION.match(core[1]):
        return True  # not a family and its version ("ImageNet top-1", "GenBERT DROP F1")
    words = _WORD.findall(text.casefold())
    return any(words[i : i + len(core)] == core for i in range(len(words) - len(core) + 1))


def names_in(names: list[str], text: str) -> bool:
    return all(name_in(name, text) for name in names)


_SIZE = re.compile(r"^\d+(\.\d+)?[kmbt]$")


# Words after a model's name that pick a variant, not another model.
QUALIFIERS = frozenset("pro base large small mini tiny xl xxl instruct chat it".split())


def core_name(name: str) -> str:
    """What identifies a model: its family and version, not its size or qualifiers.

    >>> core_name("Gemini 1.5 Pro"), core_name("Yi-34B"), core_name("Llama 2"), core_name("GPT-4")
    ('gemini 1.5', 'yi', 'llama 2', 'gpt 4')
    >>> core_name("Code Llama"), core_name("ELECTRA-Large")
    ('code llama', 'electra')
    """
    parts = [p for p in _parts(name) if not _SIZE.match(p) and p not in QUALIFIERS]
    versioned = [i for i, p in enumerate(parts) if any(c.isdigit() for c in p)]
    return " ".join(parts[: versioned[-1] + 1] if versioned else parts) or name


# How a paper introduces what it is about.
_PROPOSE = re.compile(
    r"\b(?:we|this (?:paper|work))\s+(?:propose|introduce|present|develop)s?\b", re.I
)


@lru_cache(maxsize=4096)  # asked per sentence and clause, the same for a whole paper
def central(name: str, title: str, abstract: str) -> bool:
    """A name the paper is about (its base name, "Yi" of "Yi-34B", in the title or named more
    than once), not one it merely compares with: its sentences need not repeat it to state a
    fact about it.

    >>> central("Yi-34B", "Yi: Open Foundation Models", "")
    True
    >>> central("Gemini 1.5 Pro", "Long contexts", "We beat Gemini 1.5 Pro. We are fast.")
    False
    >>> central("GPT-2", "Megatron-LM", "We train a model similar to GPT-2. Using GPT-2 we win.")
    False
    """
    # A size ("34B" of "Yi-34B") names a member of the family the paper is about; a version
    # ("Llama 2" against a paper on Llama 3) names another model.
    core = core_name(name)
    if name_in(core, title):
        return True
    # the paper's own, named once: "we propose Language Aware Vocabulary Sharing (LAVS)"
    if any(
        name_in(core, s[m.end() :]) for s in split_sentences(abstract) for m in _PROPOSE.finditer(s)
    ):
        return True
    # named twice, not only as what the paper compares with ("similar to GPT-2")
    return sum(name_in(core, s) and not _compared(name, s) for s in split_sentences(abstract)) >= 2


def _spelled(parts: list[str]) -> str:
    """A pattern for a name's parts however they are joined: "Mixtral 8x7B", "mixtral-8x7b"."""
    return r"[\s_-]*".join(re.escape(p) for p in parts)


def _without_names(sentence: str, names: Sequence[str]) -> str:
    """Names reduced to their letters: "Yi-34B" holds a figure that answers no "how many",
    but "Yi" still marks where the name stands."""
    for name in names:
        parts = _parts(name)
        base = " ".join(p for p in parts if not any(c.isdigit() for c in p)) or "_"
        family = [p for p in parts if not _SIZE.match(p)]
        # however it is written: "Mixtral 8x7B", "mixtral-8x7b"; and its family without the
        # size ("CodeT5+" for "CodeT5+ 16B"), whose "5" is no figure either
        for written in [parts] + ([family] if family and family != parts else []):
            sentence = re.sub(_spelled(written), f" {base} ", sentence, flags=re.I)
        # A sibling glued to its size ("Bioformer16L" beside "Bioformer8L") holds no figure.
        glued = re.match(r"[A-Za-z]{3,}(?=\d)", name)
        if glued:
            sentence = re.sub(rf"\b{glued[0]}\d[\w-]*", f" {glued[0]} ", sentence, flags=re.I)
    return sentence


_SHARE = re.compile(r"%|percent", re.I)
# "What MMLU score ...?" is not answered by a size or a name: "UL2 20B", "3.3T tokens".
_NOT_A_SCORE = re.compile(r"^[~≈]?\d+(\.\d+)?[KMBT](-\w+)?$|^[A-Za-z]", re.I)
SCORES = frozenset(
    tokenize(
        "score scores accuracy f1 bleu rouge perplexity auc auroc auprc mrr ndcg map iou miou pass"
    )
)
# What a score is given in: "85.2 average accuracy", "71.2 zero-shot pass@1", "30.1 points".
_SCORE_UNITS = SCORES | frozenset(
    tokenize("percent percentage points pp average exact match em map miou wer cer pass top")
)
# "30x", "x2.6", "tenfold", "13times": a multiple.
_MULTIPLE = re.compile(r"\d[x×]$|^[x×]\d|fold$|\dtimes$", re.I)
# "outperforming Phi-1.5 by 36%", "12% higher": a margin, not the score asked for.
_MARGIN = frozenset("higher lower more fewer less better worse times fold".split())


# "By what percentage / factor ...?", "what speedup?" are answered by a share or a multiple
# ("up to 1.85x"), not by "2.8B parameters".
SHARES = frozenset(tokenize("percentage percent fraction proportion portion share factor speedup"))
_SHARE_WORDS = frozenset("half twice double triple third quarter times fold".split())


def _is_share(words: list[str], i: int) -> bool:
    """
    >>> words = "from 2.8B parameters: 28% less time, half the steps, 3 times faster, 1/7th".split()
    >>> [w for i, w in enumerate(words) if _NUMBER.search(w) and _is_share(words, i)]
    ['28%', 'half', '3', '1/7th']
    """
    word = words[i].strip(".,;:()[]").lower()
    after = words[i + 1].strip(".,;:()[]").lower() if i + 1 < len(words) else ""
    return bool(
        _SHARE.search(word)
        or _MULTIPLE.search(word)
        or re.match(r"\d+/\d+", word)  # "1/7th"
        or word in _SHARE_WORDS
        or after in _SHARE_WORDS
    )


def _is_score(words: list[str], i: int, wanted: set[str]) -> bool:
    """Whether the figure at ``words[i]`` can be a score: not a size or a name ("UL2 20B"), a
    multiple ("30x more compute"), a margin ("by 36%"), nor a count of something that is no
    score ("one GPU for 4 days", "over 20 benchmarks").

    >>> words = "on one GPU for 4 days with Claude 2.1 it gets 79.9 GLUE , beating GPT by 36%".split()
    >>> [w for i, w in enumerate(words) if _NUMBER.search(w) and _is_score(words, i, {"glue"})]
    ['79.9']
    """
    word = words[i].strip(".,;:()[]")
    if _NOT_A_SCORE.match(word) or _MULTIPLE.search(word) or _GLUED.match(word):
        return False
    before = words[i - 1].strip(".,;:()[]\"'") if i else ""
    if before.lower() == "by":
        return False
    # "Claude 2.1", "Llama 3": the version of a name the question does not ask about.
    version = re.fullmatch(r"\d(\.\d)?", word) and before[:1].isupper()
    if version and not joined(tokenize(before)) & wanted:
        return False
    after = [w.strip(".,;:()[]\"'").lower() for w in words[i + 1 : i + 4]]
    if after and after[0] in _MARGIN:
        return False
    # A figure followed by words, none of them a score's: it counts those words.
    counting = []
    for w in after:
        if not w.replace("-", "").isalpha() or w in _PHRASE_END:
            break
        counting.append(w)
    units = _SCORE_UNITS | wanted
    return not counting or any(joined(tokenize(w)) & units for w in counting)


# "How many parameters?" asks for a count: "60% fewer parameters" does not give one ("how many
# points" does take a percentage).
_HOW_MANY = re.compile(r"\bhow many\b(?! of\b| times\b)", re.I)
# "How many fewer iterations ...?", "how many FLOPs does it save?": a difference, which a share
# gives ("a 50% reduction", "saves 25% FLOPs").
_BY_HOW_MUCH_LESS = re.compile(
    r"\bhow many (?:fewer|more|less)\b|\b(?:save|saves|saved|saving|reduce[sd]?|cuts?)\b", re.I
)
_SHARE_UNITS = frozenset(tokenize("points percentage percent"))
_ENUMERATION = re.compile(r"\(\d\)|\b\d\)")  # "(1) ... (2) ...": a list, not a figure
# "Pre-training with ScreenShots (S4)": a name given in brackets holds no figure.
_NAMED_AS = re.compile(r"\([A-Za-z]+\d+[A-Za-z]*\)")
_GLUED = re.compile(
    rf"^\(?(?:\d[\d.]*|(?i:{'|'.join(NUMBER_WORDS[:11])}))-(?!fold|times|point)[A-Za-z]{{3,}}\W*$"
)
FIGURE_WINDOW = 4  # words between a figure and what it counts ("6GB subset", "512 GPUs")
LOOSE_WINDOW = 8  # the same for what the clause says around it ("0.3B ... data refining")


_YEAR = re.compile(r"(19|20)\d\d")
_YEAR_BEFORE = frozenset("in since until during".split())


def _is_year(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a year, of a name ("GermEval 2014") or a date ("in 2023"),
    not a count ("2048 tokens").

    >>> words = "GermEval 2014 , in 2023 , in 2048 tokens".split()
    >>> [w for i, w in enumerate(words) if _YEAR.fullmatch(w) and _is_year(words, i)]
    ['2014', '2023']
    """
    if not _YEAR.fullmatch(words[i].strip(".,;:()[]")) or not i:
        return False
    before = words[i - 1].strip(".,;:()[]\"'")
    after = words[i + 1].strip(".,;:()[]\"'") if i + 1 < len(words) else ""
    aside = i + 1 < len(words) and words[i + 1].startswith("(")  # "GermEval 2018 (fine ..."
    counts = after.isalpha() and after.islower() and after not in _PHRASE_END and not aside
    dated = before[:1].isupper() or before.lower() in _YEAR_BEFORE
    return dated and not counts


def figure_near(
    sentence: str,
    wanted: set[str],
    names: list[str],
    counted: bool = False,
    fits: Callable[[list[str], int], bool] | None = None,
    modifiers: frozenset[str] = frozenset(),
) -> bool:
    """Whether a figure in ``sentence`` stands within FIGURE_WINDOW words of a wanted term.

    ``fits`` says which figures can be the kind of figure asked for (a score, a share);
    ``modifiers`` are wanted terms that only qualify the counted thing ("training" of "training
    images"): "pre-trained for 400 epochs" does not count images.
    With ``counted`` (the question says what it counts: "how many tweets"), the figure must
    count that very thing: the last word of the phrase after it ("850M English Tweets", not
    "three Tweet NLP tasks"), or the thing named just before it ("a BLEU score of 37.5").

    >>> figure_near("BERTweet beats RoBERTa on three Tweet NLP tasks.", {"tweet"}, [], True)
    False
    >>> figure_near("It is trained on 850M English Tweets.", {"tweet"}, [], True)
    True
    >>> figure_near("BEACON comprises 13 distinct tasks derived from earlier work.", {"task"}, [], True)
    True
    >>> figure_near("MiniPile is a 6GB subset of the Pile.", {"subset"}, [])
    True
    """
    words = _ENUMERATION.sub(" ", _without_names(_NAMED_AS.sub(" ", sentence), names)).split()
    near = [
        i
        for i, w in enumerate(words)
        if joined(tokenize(w)) & wanted or _initials(words, i, wanted)
    ]
    figures = [
        i
        for i, w in enumerate(words)
        if _NUMBER.search(w)
        and not _is_year(words, i)
        and (not fits or fits(words, i))
        # "0-shot", "16-layer": a setting, which counts only the word it is glued to
        and (not _GLUED.match(w) or i in near)
    ]
    if not counted:
        return any(abs(f - n) <= LOOSE_WINDOW for f in figures for n in near)
    # "a corpus, boasting a size exceeding 6TB": a measure word just before the figure, and the
    # counted thing close by.
    measured = [i for i, w in enumerate(words) if set(tokenize(w)) & MEASURES]
    nouns = [n for n in near if joined(tokenize(words[n])) & (wanted - modifiers)]
    for f in figures:
        if f in near or any(0 < f - n <= FIGURE_WINDOW for n in nouns):
            return True  # "300B-token", "BLEU score of 37.5", "GPUs: 512"
        if any(0 < f - m <= 2 for m in measured) and any(abs(f - n) <= LOOSE_WINDOW for n in nouns):
            return True
        phrase: list[str] = []  # the words the figure qualifies, up to a pause or a function word
        after = words[f + 1 : f + 2 + FIGURE_WINDOW]  # one more, for a "different" skipped
        if after and after[0].lower() == "of":  # "160GB of text"
            after = words[f + 2 : f + 3 + FIGURE_WINDOW]
        elif (
            len(after) > 2
            and joined(tokenize(after[0])) & CHANGES - wanted  # "what reduction?" is the change
            and after[1] in ("in", "of")
        ):
            after = words[f + 3 : f + 4 + FIGURE_WINDOW]  # "a 50% reduction in iterations"
        kinds = len(after) >= 2 and after[0].lower() in _KINDS and after[1].lower() == "of"
        if kinds and _kinds_of(words[f + 3 : f + 3 + LOOSE_WINDOW], wanted):
            return True  # "nine kinds of simple and complex data augmentation operators"
        for word in after:
            bare = word.strip(".,;:()[]\"'")
            participle = _PARTICIPLE.match(bare) and bare not in NUMBER_WORDS
            # "four datasets *requiring* long inputs": a verb after the counted things
            acting = phrase and _GERUND.match(bare) and re.search(r"[^s]s$", phrase[-1])
            if not bare or bare.lower() in _PHRASE_END or (phrase and participle) or acting:
                break  # "13 distinct tasks *derived* from ...": the participle qualifies the tasks
            if bare.lower() in _HOW_VARIED:
                continue  # "15 different backbone LLMs" counts backbone LLMs
            phrase.append(bare)
            if len(phrase) == FIGURE_WINDOW:
                break
            if bare != word.rstrip(".,;:)]\"'") or word[-1] in ".,;:)":
                break
        # The counted thing ends the phrase ("850M English Tweets"); a two-word phrase may lead
        # with it ("160GB text corpora"), a longer one is about something else ("three Tweet
        # NLP tasks"), unless it ends in a word that names no particular thing ("28 1.5B
        # parameter decoder-only models").
        # A phrase ending in what the figure is given in ("72.5% linear probe accuracy") is
        # about the words before it.
        vague_end = bool(phrase) and set(tokenize(phrase[-1])) <= MEASURES
        span = phrase if len(phrase) <= 2 or vague_end else phrase[-1:]
        # "two images" is no count of "image pairs": the counted noun, not what qualifies it
        if joined(tokenize(" ".join(span))) & ((wanted - modifiers) or wanted):
            return True
    return False


# What "which ...?" asks for when the answer is a proper name ("which tokenizer", "which base
# model"); "which tasks" or "which languages" are answered in plain words.
NAMED_KINDS = frozenset(
    "model models dataset datasets benchmark benchmarks tokenizer optimizer architecture "
    "backbone classifier corpus corpora library framework system toolkit encoder decoder "
    "baseline baselines llm llms checkpoint checkpoints language languages engine tool tools "
    "software detector detectors generator generators retriever retrievers reranker rerankers "
    "judge teacher parser".split()
)


def _fold_all(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


# Lower-case names a "which ..." is answered with: "clone detection", "text infilling" are not
# capitalised, so a quoted or hyphenated term, or an abbreviation in brackets, counts too.
_LOWER_NAME = re.compile(r"\(([A-Za-z][\w+-]{1,12})\)|\"([^\"]{2,40})\"|'([^']{2,40})'")


def _lower_names(sentence: str) -> list[str]:
    found = [next(g for g in m.groups() if g) for m in _LOWER_NAME.finditer(sentence)]
    return [n for n in found if not _ENUMERATOR.fullmatch(n)]


_ENUMERATOR = re.compile(r"[ivx]{1,4}|[a-h]", re.I)  # "(ii)", "(b)": a list's numbering
# "(Peebles & Xie, 2023)": a citation's authors answer no "which model".
_CITATION = re.compile(r"\([A-Z][^()]{0,80}?\b(?:19|20)\d\d[a-z]?\)")


# A quoted phrase ("in between the sofa and TV") is an example, not a name, nor is what is in it.
_QUOTED_PHRASE = re.compile(
    r"\"[^\"]*(?:\s+[^\s\"]+){3,}\s*\"|\u201c[^\u201d]*(?:\s+\S+){3,}\u201d"
)


def _initials(words: list[str], i: int, wanted: set[str]) -> bool:
    """Whether an acronym wanted starts at word ``i``: "mean reciprocal rank" for "mrr"."""
    for term in wanted:
        if 2 <= len(term) <= 5 and term.isalpha():
            run = words[i : i + len(term)]
            if len(run) == len(term) and "".join(w[0].lower() for w in run if w) == term:
                return True
    return False


_KINDS = frozenset("kinds types sorts forms varieties".split())


def _kinds_of(words: list[str], wanted: set[str]) -> bool:
    """Whether the thing after "N kinds of" is wanted: its noun ends the phrase, past the
    adjectives joined by "and" / "or" ("simple and complex data augmentation operators")."""
    phrase = []
    for word in words:
        bare = word.strip(".,;:()[]\"'")
        if not bare or (bare.lower() in _PHRASE_END and bare.lower() not in ("and", "or")):
            break
        phrase.append(bare)
        if word[-1] in ".,;:)":
            break
    return bool(phrase) and bool(joined(tokenize(phrase[-1])) & wanted)


_PARTICIPLE = re.compile(r"^[a-z]{3,}(?<!e)ed$")  # "derived", "trained"; not "speed", "hundred"
_GERUND = re.compile(r"^[a-z]{3,}ing$")
# Words that say how the counted things differ, not what they are.
_HOW_VARIED = frozenset("different distinct diverse various varied unique separate".split())
# Words that end the phrase a figure qualifies: "3.1 trillion tokens *of* English".
_PHRASE_END = frozenset(
    "of in on for to with by from at as and or than that which while using per across over "
    "under into is are was were be the a an without within after before during via through "
    "among between against".split()
)


def carries_kind(ask: Ask, sentence: str, names: Sequence[str] = ()) -> bool:
    """Whether ``sentence`` holds the kind of answer ``ask`` wants.

    >>> from rag.question import analyse
    >>> carries_kind(analyse("How many GPUs?").asks[0], "We train on 64 GPUs.")
    True
    >>> q = analyse("What score does GPT-4 get?")
    >>> carries_kind(q.asks[0], "GPT-4 does well.", q.names)
    False
    """
    if ask.wants == "number":
        return bool(_NUMBER.search(_without_names(sentence, list(names))))
    kinds = set(re.findall(r"\w+", ask.head_words.lower())) | set(asked_phrase(ask.clause))
    kinds |= {k.removesuffix("s") for k in kinds}  # "which text encoders"
    # "In the work that ..., which LLM did they use?": a name is asked for after a preamble too.
    named = ask.wants == "name" or (
        ask.wants == "other" and bool(re.search(r"\bwhich\b", ask.clause, re.I))
    )
    if named and kinds & NAMED_KINDS:
        # "Which tokenizer ...?" is answered by naming one: a name the question does not hold.
        asked = _fold_all(ask.clause)
        return any(_fold_all(n) not in asked for n in answer_names(sentence, asked))
    return True  # a reason is often stated without "because": the overlap decides


# "SOTA MLLMs", "LLMs": a kind of thing, not one that answers "which model?".
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,6}s")
_URL = re.compile(r"\S+://\S+|\bwww\.\S+")
_ACRONYM = re.compile(r"\(([A-Za-z][A-Za-z0-9-]{1,11})\)")
_SPELLED_AFTER = re.compile(r"\b([A-Z][\w-]{1,11})\s*\([^()]{4,80}\)")


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
        if n.lower() not in GENERIC | _TERMS and not _PLURAL_ACRONYM.fullmatch(n) and n not in terms
    ]
    for match in _ACRONYM.finditer(sentence):
        acronym = match.group(1)
        generic = acronym.lower() in GENERIC or _PLURAL_ACRONYM.fullmatch(acronym)
        if _fold_all(acronym) not in asked and not generic:
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
        letters = [c for c in acronym if c.isupper()] or list(acronym)
        words = re.split(r"[\s-]+", sentence[: match.start()].strip())[-len(letters) :]
        initials = "".join(w[:1] for w in words).lower()
        if initials == "".join(letters).lower() and all(w[:1].islower() for w in words):
            found.add(acronym)
    return found


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
            if names_in(names, f"{hit.title}\n{hit.abstract or hit.snippet}")
            and hit.score >= MIN_RELATIVE_SCORE * top
        ]
    if question.topical:
        # "Which papers ...?" asks for a topic, which papers name in words of their own
        # ("NMT" / "neural machine translation"): retrieval's verdict decides, every paper counts.
        if not answerable:
            return Evidence("not_covered")
        return Evidence("answered", related=list(range(len(hits))))
    # A follow-up's topic is the conversation's paper, found when the previous turn was read.
    answerable = answerable or bool(context)
    if not names and not answerable:
        return Evidence("not_covered")
    if names and not bearing:
        return Evidence("not_covered")  # nothing in the index names what is asked about

    statements: list[Statement] = []
    for i in bearing:
        hit = hits[i]
        abstract = hit.abstract or hit.snippet
        for position, sentence in enumerate(split_sentences(abstract)):
            score = max(states(question, ask, hit, sentence) for ask in question.asks)
            if score > 0:
                statements.append(Statement(i, position, sentence, score))
    if not statements:
        return Evidence("not_stated", related=bearing, missing=_missing(question))
    statements.sort(key=lambda s: -s.score)
    return Evidence("answered", statements=statements, related=bearing)


def joined(terms: list[str]) -> set[str]:
    """Terms with hyphenated ones also joined, so "pre-training" meets "pretraining".

    >>> sorted(joined(["pre-train", "pre", "train"]))
    ['pre', 'pre-train', 'pretrain', 'train']
    """
    return set(terms) | {t.replace("-", "") for t in terms if "-" in t}


def _name_parts(names: list[str]) -> set[str]:
    return {t for name in names for t in tokenize(name)}


# Typeset subscripts: "F_1", "F_{0.5}" are read as "F1", "F0.5".
_SUBSCRIPT = re.compile(r"\b([A-Za-z])_\{?(\d+(?:\.\d+)?)\}?")


def states(question: Question, ask: Ask, hit: Hit, sentence: str) -> float:
    """How well ``sentence`` of ``hit`` states what ``ask`` asks for: its share of the
    question's term weight (title included), or 0 when it does not state it."""
    sentence = _SUBSCRIPT.sub(r"\1\2", sentence)
    if not carries_kind(ask, sentence, question.names):
        return 0.0  # no figure for "how many"
    abstract = hit.abstract or hit.snippet
    if _other_sizes(question.text, tuple(question.names), abstract):
        return 0.0  # "... for a 6.7B-parameter GPT-3?" of a paper that reports its 1.3B model
    # A name in the asking clause ("the context window of Gemini 1.5 Pro") must be in the
    # statement unless the paper is about it; names describing the paper need not be.
    passing = [n for n in ask.names if not central(n, hit.title, abstract)]
    # A versioned model may be named by family and version ("Gemini 1.5" for "Gemini 1.5 Pro");
    # an unversioned one by its whole name ("BERT-large" is not any BERT).
    if passing and not any(
        name_in(core_name(n) if any(c.isdigit() for c in n) else n, sentence) for n in passing
    ):
        return 0.0  # a name the paper only mentions: its facts are stated with the name
    own = len(passing) < len(ask.names)  # "what fraction of ELECTRA's cost does ConvBERT need"
    if (
        ask.wants == "number"
        and passing
        and not own
        and all(_compared(n, sentence) for n in passing)
    ):
        return 0.0  # "7.6% over Mistral-7B": the figure is the paper's own
    # A follow-up is short ("On what kind of text did it help the most?") and its paper is
    # known: half the overlap will do.
    follow_up = 0.5 if question.context_papers else 1.0
    sentence_terms = joined(tokenize(sentence))
    considered = joined(question.terms)
    if question.context_papers:  # a follow-up's few words: "did" would weigh as much as a topic
        considered -= AUXILIARY_TERMS
    overlap = question.share(sentence_terms | set(tokenize(hit.title)), considered)
    name_terms = _name_parts(question.names)
    # What the asking clause wants beyond the names: {"gpus", "train"} of "How many GPUs were
    # used to train RoBERTa?".
    asked = joined(ask.terms) - name_terms
    if ask.wants == "number" and asked and asked <= SHARES | MEASURES:
        # "X compresses the parameters by up to what factor?": the clause holds only the
        # measure; what is measured is said before it.
        asked = joined(question.terms) - name_terms
    measures = set(tokenize(ask.head_words)) & MEASURES
    # "What nDCG did it reach?": its only words are a name, which the figure must stand near.
    if ask.wants in ("name", "other") and _restates_count(ask.clause, sentence):
        return 0.0  # "we evaluate over five abusive language datasets" names none of the five
    if ask.wants == "number" and (asked or ask.mentions):
        # A figure must count what is asked ("512 GPUs", not "three effective strategies").
        # With no counted thing named, a figure near the clause's words, its names ("by how
        # much did it beat Min-K% on WikiMIA?") or the measure it is given in ("a mean F1
        # score of 0.96") will do.
        things = ask.head - name_terms
        if things <= SHARES or _measured(ask):
            # "what speedup?": a multiple ("up to 1.85x"), named or not; "what zero-shot
            # ImageNet accuracy?": a measure, whose qualifiers are no things it counts
            things = set()
        counted = things or (asked | _name_parts(ask.mentions) | measures)
        fits = _figure_kind(question, ask)
        if not figure_near(sentence, counted, question.names, bool(things), fits, _modifiers(ask)):
            return 0.0
        if passing and not figure_near(sentence, joined(list(_name_parts(passing))), []):
            return 0.0  # a figure of the paper's own, far from the model it mentions
    elif ask.wants == "name" and asked:
        if overlap < MIN_OVERLAP_NAME * follow_up:
            return 0.0  # names what is asked for, but nothing else of the question
        share = sum(question.weight(t) for t in asked & sentence_terms) / sum(
            question.weight(t) for t in asked
        )
        if not ask.head & sentence_terms and share < ASKED_SHARE:
            return 0.0  # "which tokenizer": a sentence that names no tokenizer
    elif overlap < MIN_OVERLAP * follow_up:
        return 0.0
    return max(overlap, 1e-6)


# What a figure changes by: "a 50% reduction in pre-training iterations", "a 21.46%
# improvement in success rate".
CHANGES = frozenset(
    tokenize(
        "improvement improvements gain gains reduction reductions increase decrease drop boost"
    )
)


def _measured(ask: Ask) -> bool:
    """Whether what ``ask`` asks for is a score ("zero-shot ImageNet accuracy", "the best
    accuracy"), whose qualifiers are no thing it counts. A size or a rate is of the thing
    before it: "vocabulary size" counts a vocabulary; a change ("drop") is counted itself.

    >>> from rag.question import analyse
    >>> _measured(analyse("What zero-shot ImageNet accuracy does MetaCLIP get?").asks[0])
    True
    >>> _measured(analyse("How many training images are in ImageNet?").asks[0])
    False
    >>> _measured(analyse("What vocabulary size does its tokenizer use?").asks[0])
    False
    """
    # up to the verb: "what exact zero-shot MMLU accuracy does ..." is more than three words
    phrase = asked_phrase(ask.clause) or ask.head_words.split()
    while len(phrase) > 1 and _PARTICIPLE.match(phrase[-1]):
        phrase.pop()
    noun = set(tokenize(phrase[-1])) if phrase else set()
    return bool(noun) and noun <= SCORES


# A size: "6.7B", "400M", "2.5 billion".
_SIZED = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*([KMBT])\b|\s+(thousand|million|billion|trillion)\b)"
)
_SCALES = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "thousand": 1e3, "million": 1e6}
_SCALES |= {"billion": 1e9, "trillion": 1e12}


def _sizes(text: str) -> set[float]:
    return {float(m[1]) * _SCALES[m[2] or m[3]] for m in _SIZED.finditer(text)}


@lru_cache(maxsize=4096)
def _other_sizes(question: str, names: tuple[str, ...], abstract: str) -> bool:
    """Whether the question asks about a size (a model's, a corpus's) that the abstract, which
    gives sizes, does not report: "the 6.7B model" of a paper on its 1.3B one.

    >>> _other_sizes("What does SPDF save for a 6.7B GPT-3?", (), "We sparsify a 1.3B GPT-3.")
    True
    >>> _other_sizes("What does it save on the 1.3B model?", (), "We sparsify a 1.3B GPT-3.")
    False
    >>> _other_sizes("How does Yi-34B do?", ("Yi-34B",), "Yi comes in 6B and 34B sizes.")
    False
    """
    for name in names:  # "Yi-34B" names a model; its size is no condition of the question
        question = question.replace(name, " ")
    reported = _sizes(abstract)
    for asked in _sizes(question):
        # Sizes of the same order ("6.7B" and "1.3B") are sizes of the same kind of thing; a
        # "32K" context says nothing of "400B tokens".
        peers = [r for r in reported if 1 / 1000 < r / asked < 1000]
        if peers and not any(same_figure(asked, r) for r in peers):
            return True
    return False


def _modifiers(ask: Ask) -> frozenset[str]:
    """The terms that qualify what ``ask`` counts: "training" of "how many training images".

    >>> from rag.question import analyse
    >>> sorted(_modifiers(analyse("How many training images are in ImageNet?").asks[0]))
    ['train']
    >>> sorted(_modifiers(analyse("What success rate did the attacks reach?").asks[0]))
    []
    """
    phrase = ask.head_words.split()
    while len(phrase) > 1 and _PARTICIPLE.match(phrase[-1]):
        phrase.pop()  # "the corpus released": what it counts ends at "corpus"
    *qualifiers, noun = phrase or [""]
    counted = set(tokenize(noun))
    if not counted or not counted <= ask.head:  # "success rate": a measure, not a thing counted
        return frozenset()
    if not re.search(r"[^s]s$|^(?:data|compute|computation)$", noun.lower()):
        return frozenset()  # "how many BioCoder examples come": a verb, not the counted noun
    return frozenset(tokenize(" ".join(qualifiers))) - counted


# What introduces a model a sentence compares with: "7.6% over Mistral-7B", "baselines such as
# DCLM and FineWeb-Edu", "similar to GPT-2", "models including GraphCodeBERT".
_COMPARISON = re.compile(
    r"\b(?i:such as|similar to|like|including|than|compared (?:to|with)|over|versus|vs\.?|"
    r"against|outperform\w*|beat\w*|surpass\w*|rival\w*)\s+"
    # "outperforms significantly the state-of-the-art wav2vec 2.0"
    r"(?:(?:[A-Z][\w.-]*,?|\(\S+\)|and|or|the|\w+ly|state-of-the-art|strong|previous|prior|"
    r"existing|popular)\s+){0,3}$"
)


def _compared(name: str, sentence: str) -> bool:
    """Whether ``sentence`` names ``name`` only as what it compares with.

    >>> _compared("GPT-2", "We train an 8.3B model similar to GPT-2.")
    True
    >>> _compared("GPT-2", "GPT-2 has 1.5B parameters, more than BERT.")
    False
    >>> _compared("B8", "A is worse than BERT while B8 is better.")
    False
    """
    core = core_name(name) if any(c.isdigit() for c in name) else name
    places = [m.start() for m in re.finditer(_spelled(_parts(core)), sentence, re.I)]
    return bool(places) and all(_COMPARISON.search(sentence[:at]) for at in places)


def _figure_kind(question: Question, ask: Ask) -> Callable[[list[str], int], bool]:
    """Which figures of a sentence can answer ``ask``: not one the question gives itself ("the
    32K-context models" is not answered by "32,768 tokens"); for "how many", a count, not a
    share; for a score, a score; for "what percentage", a share."""
    # "What pass@1 ...?", "what MRR@10 ...?": a metric, which tokenizes to little
    head_words = set(tokenize(ask.head_words)) | set(tokenize(" ".join(asked_phrase(ask.clause))))
    whole = (
        bool(_HOW_MANY.search(ask.clause))
        and not head_words & _SHARE_UNITS
        and not _BY_HOW_MUCH_LESS.search(ask.clause)
    )
    score = bool(head_words & SCORES)
    share = bool(head_words & SHARES)
    # What a score may be given in beyond the usual units: what is asked for and the names
    # ("79.9 GLUE"); not the clause's other words ("9 books" for "when the book was seen").
    units = ask.head | _name_parts(ask.mentions)

    def fits(words: list[str], i: int) -> bool:
        value = figure_value(words[i]) if question.figures else None
        if value is not None and any(same_figure(value, given) for given in question.figures):
            return False
        if whole and (_SHARE.search(words[i]) or _is_share(words, i)):
            return False  # "10 times more parameters" is no count of them
        if score and not _is_score(words, i, units):
            return False
        return not share or _is_share(words, i)

    return fits


_COUNT = "|".join(NUMBER_WORDS[:9]) + r"|\d+"
# "Which five abusive language datasets ...", "What are the names of the two ... techniques":
# a list of so many things, its noun the first plural.
_LISTED = re.compile(
    rf"\b(?:which|what(?:\s+(?:are|were))?\s+the(?:\s+names\s+of\s+the)?)\s+({_COUNT})\s+"
    r"(?:[\w-]+\s+){0,4}?([a-z-]+[^s\W]s)\b",
    re.I,
)
# What introduces the items of a list: "four datasets: A, B, ...", "(A, B)", "such as",
# "namely", ", A and B".
_ITEMS = re.compile(
    r":|\([^)]*,|\b(?:such as|including|namely|i\.e\.|e\.g\.|like)\b|^\s*,[^.;]{1,60}\band\b",
    re.I,
)


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
    """
    listed = _LISTED.search(clause)
    if not listed:
        return False
    count, noun = listed.group(1), listed.group(2).lower()
    stem = re.escape(noun[:-1].removesuffix("e") if len(noun) > 4 else noun)
    said = re.search(rf"\b{count}\s+(?:[\w-]+\s+){{0,4}}?{stem}\w*", sentence, re.I)
    if not said:
        return False
    rest = sentence[said.end() :]
    asked = _fold_all(clause)
    named = [n for n in answer_names(rest, asked) if _fold_all(n) not in asked]
    return not _ITEMS.search(rest[:40]) and len(named) < 2


def _missing(question: Question) -> str:
    what = question.head_words or "what was asked"
    kind = {"number": "a figure for", "reason": "a reason for"}.get(question.wants, "")
    return f"{kind} {what}".strip()
