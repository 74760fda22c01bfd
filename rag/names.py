"""Where a question's names stand in a sentence: "Gemini 1.5 Pro" however it is written, the
names a paper is about (its title's, its own method's) and those it only compares with.

>>> name_in("Mixtral 8x7B", "We release mixtral-8x7b today.")
True
>>> central("Yi-34B", "Yi: Open Foundation Models", "")
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rag.chunking import split_sentences
from rag.lexical import tokenize


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s\-_/]+", name.casefold()) if p]


def aliases(name: str) -> list[str]:
    """A name and the short form it was written with: "Massive Text Embedding Benchmark MTEB"
    (from "... Benchmark (MTEB)") is named by either, and so is "Pointer Networks Ptr-Nets".

    >>> aliases("Massive Text Embedding Benchmark MTEB"), aliases("GPT-3 175B")
    (['Massive Text Embedding Benchmark', 'MTEB'], ['GPT-3 175B'])
    >>> aliases("Pointer Networks Ptr-Nets"), aliases("Graph Neural Networks")
    (['Pointer Networks', 'Ptr-Nets'], ['Graph Neural Networks'])
    """
    *spelled, last = name.split()
    initials = "".join(w[0] for w in spelled if w[0].isupper())
    if len(spelled) >= 2 and last.isupper() and last == initials:
        return [" ".join(spelled), last]
    # "Ptr-Nets": each part a word spelled out, shortened ("Ptr" of "Pointer")
    parts = [p.rstrip("s").lower() for p in last.split("-")]
    words = [w.rstrip("s").lower() for w in spelled]
    if (
        len(parts) >= 2
        and len(parts) == len(words)
        and all(_shortens(p, w) for p, w in zip(parts, words, strict=True))
    ):
        return [" ".join(spelled), last]
    return [name]


def _shortens(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` with letters left out: its first, then the rest in order."""
    if not short or short == word or short[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def name_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name``: each of its parts as a word, so "Yi-34B" is found in
    "the Yi model family ... 6B and 34B" and "Gemini 1.5 Pro" in "Gemini-1.5-Pro".

    >>> name_in("Yi-34B", "The Yi family has 6B and 34B models."), name_in("GPT-4", "GPT-3")
    (True, False)
    >>> name_in("BERTs", "compact BERT models"), name_in("F1", "a mean F_1 score")
    (True, True)
    >>> name_in("Kinetics-400", "90.0% on K400"), name_in("Llama-2", "L2 loss")
    (True, False)
    >>> name_in("GPT-3", "GPT-3.5's tokenizer"), name_in("GPT-3", "GPT-3-style models")
    (False, True)
    >>> name_in("Natural Questions", "EM +8.6 on Natural Question"), name_in("Natural Questions", "natural")
    (True, False)
    >>> name_in("MT", "Multilingual Machine Translation"), name_in("MT", "models trained")
    (True, False)
    >>> name_in("ETC", "tasks (QA, NLI, etc.)"), name_in("ETC", "a sketch"), name_in("ETC", "ETC-large")
    (False, False, True)
    >>> name_in("XLNET", "We beat XLNet."), name_in("LORA", "LoRA-style adapters")
    (True, True)
    """
    both = aliases(name)
    if len(both) > 1:  # "Pointer Networks (Ptr-Nets)": either names it
        return any(name_in(alias, text) for alias in both)
    if re.fullmatch(r".*[A-Z\d]s", name):  # a plural: "compact BERTs" are BERT models
        return name_in(name[:-1], text)  # "LLMs" still found in "LLMs" (its letters run on)
    if (
        re.fullmatch(r"[A-Z]{2,6}", name)
        and name not in text
        and all(
            written.islower()
            for written in re.findall(rf"(?<![^\W\d_]){name}(?![^\W\d_])", text, re.I)
        )
    ):
        # "ETC" is not the "etc." of a list, nor the "etc" of "sketch"; "XLNET" is "XLNet",
        # "LORA" is "LoRA": an acronym is written with a capital, or spelled out
        return _spelled_in(name, text)
    words = set(re.findall(r"[\w.+]+", text.casefold())) | set(
        re.findall(r"[^\W_]+", text.casefold())
    )
    if (
        all(part in words or part.rstrip(".") in words for part in _parts(name))
        and _versioned_run(name, text)
        and _sized_run(name, text)
        and _worded_run(name, text)
    ):
        return True
    # Typography aside: "F0.5" in "F_{0.5}", "ELECTRA-base" in "ELECTRA$_{base}$".
    bare = re.sub(r"[\W_]+", "", name.casefold())
    long_enough = len(bare) >= 3 or (len(bare) == 2 and bare[-1].isdigit())  # "F1"
    # "GPT-3" is not "GPT-3.5": a name ending in a number is not found where more digits follow
    squashed = re.sub(r"[\W_]+", "", text.casefold())
    if long_enough and re.search(
        re.escape(bare) + (r"(?!\d)" if bare[-1].isdigit() else ""), squashed
    ):
        return True
    if _PLURAL_TITLE.fullmatch(name) and name_in(name[:-1], text):
        return True  # "Natural Questions" written "Natural Question"
    short = _SHORTENED.fullmatch(name)  # "Kinetics-400" as "K400"
    if short and re.search(rf"\b{short[1][0]}-?{short[2]}\b", text, re.I):
        return True
    return _spelled_in(name, text)


def _spelled_in(name: str, text: str) -> bool:
    """Whether ``text`` spells out the acronym ``name`` without writing it: a two-letter one
    ("MT" of a paper on "machine translation") as its title writes it ("Machine Translation")
    or more than once, not "models trained" said in passing; a longer one ("NMT", "EHR") by
    the initials of words in a row."""
    if re.fullmatch(r"[A-Z]{2}", name):
        first, second = name[0], name[1]
        pair = rf"\b{first}[a-z]{{4,}}[\s-]+{second}[a-z]{{4,}}"
        return bool(re.search(pair, text)) or len(re.findall(pair, text, re.I)) >= 2
    return bool(_CAPITALS.fullmatch(name)) and name.lower() in spelled_acronyms(text)


# A name of capitalised words ending in a plural, which a paper may write in the singular.
_PLURAL_TITLE = re.compile(r"(?:[A-Z][a-z]+ )+[A-Z][a-z]{2,}s")

# A benchmark and its size, written short by its initial: "Kinetics-400" as "K400".
_SHORTENED = re.compile(r"([A-Za-z]{4,})-(\d{3,})")

# "NMT", "EHR": an acronym a paper may only spell out ("electronic health records").
_CAPITALS = re.compile(r"[A-Z]{3,6}")


@lru_cache(maxsize=4096)
def spelled_acronyms(text: str, shortest: int = 3) -> frozenset[str]:
    """The acronyms ``text`` spells out without writing them: the initials of ``shortest`` to
    six words in a row, none of them a stopword ("grammatical error correction" says "gec"; "a
    new model that" says no "nmt").

    >>> sorted(spelled_acronyms("It treats grammatical error correction as tagging"))
    ['gec', 'tge', 'tgec']
    >>> "nmt" in spelled_acronyms("a new model that works")
    False
    """
    runs, run = [], ""
    for word in re.findall(r"[A-Za-z]+", text):
        if tokenize(word):
            run += word[0].lower()
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    return frozenset(
        r[i : i + n] for r in runs for n in range(shortest, 7) for i in range(len(r) - n + 1)
    )


_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,11})\)")


@lru_cache(maxsize=4096)  # asked per sentence, the same for a whole paper
def acronym_terms(abstract: str) -> dict[str, frozenset[str]]:
    """The acronyms ``abstract`` defines, with the terms of what they stand for: "a joint
    music and language attention (JMLA) model" makes every later "JMLA" say "joint music
    language attention".

    >>> sorted(acronym_terms("a joint music and language attention (JMLA) model")["JMLA"])
    ['attent', 'joint', 'languag', 'music']
    >>> acronym_terms("trained on the Pile (2020) with GPUs (A100)")
    {}
    """
    found = {}
    for match in _DEFINED.finditer(abstract):
        letters = [c.lower() for c in match.group(1) if c.isupper()]
        words = re.findall(r"[A-Za-z]+", abstract[: match.start()])
        spelled: list[str] = []
        while words and len(spelled) < len(letters):
            word = words.pop()
            if not tokenize(word):
                continue  # "and", "of": no letter of their own
            if word[0].lower() != letters[-1 - len(spelled)]:
                break
            spelled.append(word)
        if len(letters) >= 2 and len(spelled) == len(letters):
            found[match.group(1)] = frozenset(tokenize(" ".join(spelled)))
    return found


# The sizes a model family comes in, by word: "BERT-base", "MosaicBERT-Large".
SIZE_WORDS = "tiny|mini|small|base|medium|large|xl|xxl|huge|giant"


def _sized_run(name: str, text: str) -> bool:
    """Whether a name with a size word ("BERT-large") has it by the family's name ("BERT-large",
    "BERT base and large"), not as any word ("large language models ... BERT").

    >>> _sized_run("BERT-large", "BERT base and large"), _sized_run("BERT-large", "large LMs like BERT")
    (True, False)
    """
    *family, size = _parts(name)
    if not family or not re.fullmatch(SIZE_WORDS, size):
        return True
    between = r"(?:[\s_-]+[\w.]+){0,2}?"
    return bool(re.search(rf"{_spelled(family)}{between}[\s_-]*{size}\b", text, re.I))


def _worded_run(name: str, text: str) -> bool:
    """Whether a name of several words and no figures ("In-Context Pretraining") is written as
    one: its words scattered ("continual pretraining ... long-context") name something else.

    >>> _worded_run("In-Context Pretraining", "continual pretraining in long-context models")
    False
    >>> _worded_run("In-Context Pretraining", "we call it in-context pretraining.")
    True
    >>> _worded_run("German RoBERTa", "no German single language RoBERTa model")
    True
    """
    parts = _parts(name)
    plain = all(re.fullmatch(r"[A-Z]?[a-z]+", p) for p in re.split(r"[\s\-_/]+", name) if p)
    if len(parts) < 2 or not plain:
        # a size or a version may stand apart ("the Yi family ... 6B and 34B"), and a coined
        # name stands for itself ("a German single language RoBERTa model")
        return True
    return bool(re.search(rf"(?<![^\W_]){name_pattern(name)}(?![^\W_])", text, re.I))


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


def plain_word(name: str) -> bool:
    """A word that only starts with a capital ("Arabic", "Surroundings"): it may describe or
    be capitalised where a title writes it, but names no thing as "RoBERTa" or "GPT-4" do.

    >>> plain_word("Arabic"), plain_word("RoBERTa"), plain_word("GLUE"), plain_word("Llama 2")
    (True, False, False, False)
    """
    return bool(re.fullmatch(r"[A-Z][a-z]+", name))


def unsized(name: str) -> str:
    """The name without its size, as written: "OPT" of "OPT-175B".

    >>> unsized("OPT-175B"), unsized("Llama 2 7B"), unsized("GPT-4")
    ('OPT', 'Llama 2', 'GPT-4')
    """
    return re.sub(rf"[\s\-_/]+{_SIZE.pattern.strip('^$')}\b", "", name, flags=re.I)


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
# "we propose: (1) JRT-Prompt, ...": what is introduced comes after the list's numbering
_ENUMERATED = re.compile(r"^[\s:]*(?:\(\w{1,3}\)|\w{1,3}\))?\s*")
# Where what is introduced ends: "we introduce Arctic-SnowCoder, a model ... created by
# Llama-3.1-70B" introduces Arctic-SnowCoder, not Llama 3.
_INTRODUCED = re.compile(r"[,;:]|\s(?:which|that|to|for|with|using|by|on|from|based)\s", re.I)


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
    >>> central("Llama 3", "Arctic", "We introduce Arctic, a model trained on data from Llama-3.")
    False
    >>> central("JRT-Prompt", "Just read twice", "We propose: (1) JRT-Prompt, which repeats context.")
    True
    >>> central("Learning-Accumulation-Ensemble", "A CL framework", "We propose a framework, dubbed as Learning-Accumulation-Ensemble (LAE).")
    True
    >>> central("Strategies to Pre-train Large Language Models", "Strategies to Pre-train Large Language Models", "")
    True
    """
    # A size ("34B" of "Yi-34B") names a member of the family the paper is about; a version
    # ("Llama 2" against a paper on Llama 3) names another model.
    core = core_name(name)
    if name_in(core, title) or name_in(name, title):  # "Large" of a title is no size
        return True
    # the paper's own, named once: "we propose Language Aware Vocabulary Sharing (LAVS)"
    if any(
        name_in(core, _INTRODUCED.split(_ENUMERATED.sub("", s[m.end() :]), maxsplit=1)[0])
        for s in split_sentences(abstract)
        for m in _PROPOSE.finditer(s)
    ):
        return True
    if re.search(
        rf"\b(?:dubbed|called|named|termed|we\s+(?:call|name|dub|term))\s+(?:as\s+)?"
        rf"{name_pattern(name)}",
        abstract,
        re.I,
    ):
        # "a unified CL framework with general PET, dubbed as Learning-Accumulation-Ensemble";
        # "Our resulting model, which we call ParaCLIP"
        return True
    # named twice, not only as what the paper compares with ("similar to GPT-2")
    return sum(name_in(core, s) and not compared(name, s) for s in split_sentences(abstract)) >= 2


# How a paper introduces a thing of its own: "we release Dolma", "which we introduce (GottBERT)".
_INTRODUCES = re.compile(
    # "We, therefore, propose", "we first present", "we intend to reveal ... and ...
    # introduce MetaCLIP": the subject, a few words, the verb
    r"\b(?:we|this (?:paper|work|report))\b[^.;]{0,140}?\b"
    r"(?:propose|introduce|present|develop|release|describe)s?\b",
    re.I,
)
_DESCRIPTION = re.compile(r"^\s*(?:an?|one)\b", re.I)  # "a new Transformer architecture, ETC"
# "details on the training of the largest ... language model, Megatron-Turing NLG 530B"
_KIND_LAST = re.compile(
    r"\b(?:model|dataset|corpus|benchmark|method|framework|architecture|approach|system|encoder"
    r"|decoder|algorithm|technique|suite|toolkit|library|metric|task|optimizer)s?\s*$",
    re.I,
)
# "we term this approach Explained Variance Adaptation", "we call the results \"model soups\""
# "This results in our new method Explained Variance Adaptation (EVA)"
_NAMING = (
    r"\b(?:(?:dubbed|called|named|termed)\s+(?:as\s+)?"
    r"|we\s+(?:term|call|name|dub)\s+(?:(?:this|it|them|our|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"|our\s+(?:(?:new|novel|proposed)\s+)?(?:method|approach|model|framework|benchmark|dataset)\s+)"
)


def introduces(name: str, title: str, abstract: str) -> int | None:
    """Where the paper introduces ``name`` as its own contribution: -1 for its title ("ByT5:
    Towards a token-free future"), else the sentence that does; None when it only builds on it,
    compares with it, or introduces a new kind of it.

    >>> introduces("LoRA", "EVA", "We propose to enhance LoRA by initialising its weights.")
    >>> introduces("IncreLoRA", "PEFT", "LoRA is common. We, therefore, propose IncreLoRA, a method.")
    1
    >>> introduces("Transformer", "ETC", "We present a new Transformer architecture, Extended Transformer Construction (ETC), that scales.")
    >>> introduces("ETC", "Encoding long inputs", "We present a new Transformer architecture, Extended Transformer Construction (ETC), that scales.")
    0
    >>> introduces("BERT", "MosaicBERT: A Bidirectional Encoder", "Here, we introduce MosaicBERT, a BERT-style encoder.")
    >>> introduces("ByT5", "ByT5: Towards a token-free future", ""), introduces("GECToR", "GECToR -- Grammatical Error Correction: Tag", "")
    (-1, -1)
    >>> introduces("LoCo", "Retrieval with LoCo", "We first introduce LoCoV1, a novel benchmark.")
    0
    >>> introduces("TILDE", "Re-ranking", "The original TILDE is costly. We propose TILDEv2, a model.")
    >>> introduces("EVA", "One init", "We term this approach Explained Variance Adaptation (EVA).")
    0
    >>> introduces("MT-NLG", "", "We present details on the training of a language model, Megatron-Turing NLG 530B (MT-NLG), with 530B parameters.")
    0
    """
    # "GECToR -- Grammatical Error Correction: Tag, Not Rewrite": the name, then what it is
    head = (
        re.split(r":|\s+--?\s+|\s+[–—]\s+", title, maxsplit=1)[0]
        if re.search(r":|\s[-–—]", title)
        else ""
    )
    if head and re.fullmatch(rf"\s*{name_pattern(name)}\s*", head, re.I):
        return -1
    # "LoCoV1" is LoCo's first version; "GPT-4" is not GPT's
    # ... but "HippoRAG 2" and "Retro 48B" are another version or size of the one asked about
    # ... and "TILDEv2 ... stems from the original TILDE" is TILDE's second version
    earlier = re.search(
        rf"\b(?:original|earlier|previous|prior)\s+{name_pattern(name)}(?![\w+-])", abstract, re.I
    )
    version = "" if earlier else r"(?:-?v\d+(?:\.\d+)*)?"
    own = rf"(?:(?:the|our)\s+)?[\"“']?{name_pattern(name)}{version}(?![\w+-])(?!\s+\d)"
    for position, sentence in enumerate(split_sentences(abstract)):
        for m in _INTRODUCES.finditer(sentence):
            # "we present a new Transformer architecture, Extended Transformer Construction
            # (ETC), that ...": a description first, then the name it introduces
            said = _ENUMERATED.sub("", sentence[m.end() :])
            segments = re.split(r"[,;:]", said)
            first = _INTRODUCED.split(said, maxsplit=1)[0]
            spans = [first]
            described = _DESCRIPTION.match(first) or _KIND_LAST.search(segments[0])
            if described and len(segments) > 1:
                spans = [_INTRODUCED.split(segments[1], maxsplit=1)[0]]
            for span in spans:
                if re.match(rf"\s*{own}", span, re.I) or re.search(rf"\(\s*{own}\s*\)", span, re.I):
                    return position
        # the name, or its acronym after the spelled-out name: "... Adaptation (EVA)"
        if re.search(rf"{_NAMING}(?:{own}|(?:[\w-]+\s+){{1,5}}\(\s*{own}\s*\))", sentence, re.I):
            return position
    return None


@lru_cache(maxsize=4096)  # like central: asked per sentence, the same for a paper
def described(name: str, title: str, abstract: str) -> bool:
    """Whether the paper never writes ``name`` but writes each of its words: the question's own
    description of the paper ("the German RoBERTa model" of "a German single language RoBERTa
    model"), which its sentences cannot repeat. A name with a version or size ("GPT-4") is
    never a description: its words ("GPT", "4") are found anywhere.

    >>> described("German RoBERTa", "GottBERT", "We train a German single language RoBERTa.")
    True
    >>> described("GPT-4", "Yi", "Yi beats GPT-3 on 4 tasks."), described("BERT", "BERT", "")
    (False, False)
    >>> described("Code Llama", "Arctic-SnowCoder", "500B code tokens and Llama-3.1-70B data")
    False
    """
    text = f"{title}\n{abstract}"
    if any(c.isdigit() for c in name) or re.search(name_pattern(name), text, re.I):
        return False
    # words of their own: "Llama" in "Llama-3.1-70B" names another model, it describes none
    words = set(re.findall(r"[\w-]+", text.casefold()))
    return all(part in words for part in _parts(name))


def name_pattern(name: str) -> str:
    """A pattern for ``name`` however it is written: "Llama 2" in "Llama-2-7B"."""
    return _spelled(_parts(name))


def _spelled(parts: list[str]) -> str:
    """A pattern for a name's parts however they are joined: "Mixtral 8x7B", "mixtral-8x7b"."""
    return r"[\s_-]*".join(re.escape(p) for p in parts)


def without_names(sentence: str, names: Sequence[str]) -> str:
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


# What introduces a model a sentence compares with: "7.6% over Mistral-7B", "baselines such as
# DCLM and FineWeb-Edu", "similar to GPT-2", "models including GraphCodeBERT".
_COMPARISON = re.compile(
    r"\b(?i:such as|similar to|like|including|than|compared (?:to|with)|over|versus|vs\.?|"
    r"against|outperform\w*|beat\w*|surpass\w*|rival\w*|"
    # a tool the paper used: "synthetic data created by Llama-3.1-70B", "labelled using GPT-4"
    r"(?:created|generated|produced|annotated|labell?ed|synthesi[sz]ed|rewritten|distilled|"
    r"translated|scored|judged)\s+(?:by|with|from|using)|using|via)\s+"
    # "outperforms significantly the state-of-the-art wav2vec 2.0"
    r"(?:(?:[A-Z][\w.-]*,?|\(\S+\)|and|or|the|\w+ly|state-of-the-art|strong|previous|prior|"
    r"existing|popular)\s+){0,3}$"
)


# A part the paper's own model is built with: "With GraphCodeBERT as the encoder, SEA ...".
_PART = re.compile(r"\bwith\s+(?:the\s+)?$", re.I)
_AS = re.compile(r"[\w.-]*\s+as\s+(?:the|an?|its|our|their)\b", re.I)


def compared(name: str, sentence: str) -> bool:
    """Whether ``sentence`` names ``name`` only as what it compares with.

    >>> compared("GPT-2", "We train an 8.3B model similar to GPT-2.")
    True
    >>> compared("GPT-2", "GPT-2 has 1.5B parameters, more than BERT.")
    False
    >>> compared("B8", "A is worse than BERT while B8 is better.")
    False
    >>> compared("Llama 3", "We pretrain on 555B tokens, with data created by Llama-3.1-70B.")
    True
    >>> compared("BERT", "With BERT as the encoder, SEA gets 0.785, 10% more than BERT.")
    True
    """
    core = core_name(name) if any(c.isdigit() for c in name) else name
    places = [m.span() for m in re.finditer(_spelled(_parts(core)), sentence, re.I)]
    return bool(places) and all(
        _COMPARISON.search(sentence[:at])
        or (_PART.search(sentence[:at]) and _AS.match(sentence[end:]))
        for at, end in places
    )


def name_parts(names: list[str]) -> set[str]:
    return {t for name in names for t in tokenize(name)}


def other_variant(names: Sequence[str], sentence: str) -> bool:
    """Whether ``sentence`` speaks of another size of a model asked about by its size word:
    "this base model achieves 79.6" states nothing of MosaicBERT-Large.

    >>> other_variant(["MosaicBERT-Large"], "This base model reaches a GLUE score of 79.6.")
    True
    >>> other_variant(["BERT-large"], "BERT-base and BERT-large reach 88.5 and 90.9.")
    False
    >>> other_variant(["BERT"], "This base model reaches 79.6.")
    False
    >>> other_variant(["BERT-Base", "BERT-Large"], "Our BERT-Large reaches a 40X compression.")
    False
    """
    for name in names:
        if len(name.split()) > 3:
            continue  # a title ("... of Large Language Models"): "Large" sizes no model
        parts = _parts(name)
        asked = {p for p in parts if re.fullmatch(SIZE_WORDS, p)}
        family = [p for p in parts if p not in asked]
        if not asked or not family:
            continue
        sizes = rf"\b({SIZE_WORDS})\b"
        said = {
            m[1].lower()
            for m in re.finditer(
                rf"{sizes}(?=[\s-]+(?:models?|versions?|variants?|sized?)\b)", sentence, re.I
            )
        }
        said |= {
            m[1].lower()
            for m in re.finditer(rf"\b{_spelled(family)}[\s_-]*{sizes}", sentence, re.I)
        }
        # a size of any name of the family asked ("for BERT-Base, BERT-Large and DistilBERT")
        # is no other; "compared with BERT-Base" is of another family than MosaicBERT-Large
        every = {
            p
            for n in names
            for p in _parts(n)
            if re.fullmatch(SIZE_WORDS, p) and [q for q in _parts(n) if q != p] == family
        }
        if said and not said & every:
            return True
    return False
