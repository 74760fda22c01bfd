"""False premises a paper's own abstract contradicts.

"Why does PanGu-Coder use an encoder-decoder architecture?" takes for granted what PanGu-Coder's
abstract says otherwise ("a pretrained decoder-only language model"). Answering the "why" would
pass the premise on; the honest reply says the paper describes something else. Only choices that
exclude one another are read (a model is encoder-only, decoder-only or encoder-decoder; it is
pretrained left to right or by filling in masks), and only when the abstract names its own
choice and not the one asked about: a paper may well compare both.

>>> contradicted("Why is PanGu-Coder encoder-decoder?", "PanGu-Coder, a decoder-only model.")
('an encoder-decoder model', 'a decoder-only model')
>>> contradicted("Why is T5 encoder-decoder?", "T5, an encoder-decoder model.") is None
True

A question may say the thing does without something its abstract says it uses ("Why does ETC
avoid relative position encodings?" of "combining global-local attention with relative position
encodings ... allows ETC to"), unless the abstract too says it goes without ("without relative
position encodings").

>>> contradicted("Why does ETC avoid relative position encodings?",
...              "We combine attention with relative position encodings.")
('not using relative position encodings', 'using relative position encodings')
>>> contradicted("Why does ETC avoid relative position encodings?",
...              "It works without relative position encodings.") is None
True
>>> contradicted("Why did AraELECTRA need a bigger model to win?", "with even a smaller model size")
('a bigger model', 'a smaller model')
>>> contradicted("Why does RTS need more pre-training time than MLM?",
...              "RTS and C-RTS require less pre-training time than MLM.")
('more pre-training', 'less pre-training')
>>> contradicted("Why does X need a bigger model?", "a bigger model, not a smaller model") is None
True
>>> contradicted("Why does X need fewer parameters?", "X beats LLMs with more parameters") is None
True
>>> contradicted("Why did X fall behind its baselines?", "X outperforms its baselines.")
('falling behind', 'outperforming')
>>> contradicted("Why did X fall behind?", "X outperforms A but underperforms B.") is None
True
>>> contradicted("What new architecture does ByT5 introduce?", "Past work introduced new "
...              "architectures. We show that a standard Transformer architecture works.")
('a new architecture', 'a standard architecture')
>>> contradicted("Why does X keep the objective for the whole of pre-training?",
...              "It uses the objective over the initial 10 steps, then switches.")
('one setting for the whole of training', 'a change of setting during training')
>>> contradicted("Which legal sub-fields do its datasets cover?", "focusing on biomedical domains")
('the legal domain', 'the biomedical domain')
>>> contradicted("Which layers of its original pre-trained network are fine-tuned?",
...              "We re-train a new network from scratch on the pseudo-labels.")
('fine-tuning the pre-trained network', 'training a new network from scratch')
>>> contradicted("Why does Prepacking avoid padding?",
...              "Computation is wasted by the standard practice of padding sequences.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from rag.chunking import split_sentences
from rag.figures import NUMBER_WORDS, count_value, joined
from rag.lexical import tokenize
from rag.names import acronym_terms
from rag.question import figure_value

_EARLIER_WORK = re.compile(
    r"\b(?:past|previous|prior|earlier|existing|traditional|conventional)\s+(?:\w+\s+)?"
    r"(?:work|works|studies|research|methods|approaches|efforts)\b"
    # "most current methods either rely on an encoder-only ... pre-training" (not "one of the
    # most prominent approaches", nor "current work", which may be the paper's own)
    r"|(?<!the )\bmost\s+(?:\w+\s+)?(?:methods|approaches|works|studies)\b"
    r"|\bcurrent\s+(?:\w+\s+)?(?:methods|approaches)\b",
    re.I,
)
# Each family: the choices that exclude one another, as (how to say it, how it is written).
_FAMILIES: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...] = (
    # "What new architecture does ByT5 introduce ...?" of "a standard Transformer architecture
    # can be used with minimal modifications"
    (
        ("a new architecture", re.compile(r"\b(?:new|novel)\s+(?:\w+\s+)?architectures?\b", re.I)),
        (
            "a standard architecture",
            re.compile(
                r"\b(?:standard|vanilla|unmodified|off-the-shelf)\s+(?:\w+\s+)?architectures?\b",
                re.I,
            ),
        ),
    ),
    # "Why does SpacTor keep the hybrid objective for the whole of pre-training?" of "over the
    # initial tau iterations, then transitions to standard SC loss"
    (
        (
            "one setting for the whole of training",
            re.compile(
                r"\b(?:for|throughout|during)\s+(?:the\s+)?(?:whole|entire|all|full)\s+(?:of\s+)?"
                r"(?:the\s+)?(?:[\w-]+\s+)?(?:pre-?training|training)\b"
                r"|\bthroughout\s+(?:the\s+)?(?:[\w-]+\s+)?(?:pre-?training|training)\b",
                re.I,
            ),
        ),
        (
            "a change of setting during training",
            re.compile(
                r"\btwo-stage\b|\b(?:initial|first)\s+(?:\w+\s+){0,2}(?:iterations|steps|epochs)"
                r"\b[^.;]{0,60}\bthen\b",
                re.I,
            ),
        ),
    ),
    # "Why did the BudgetLongformer models fall behind their baselines on BillSum?" of "both
    # models outperform their baselines on the in-domain BillSum"
    (
        (
            "falling behind",
            re.compile(
                r"\b(?:fall|falls|fell|falling)\s+behind\b|\bunderperform\w*|\blag(?:s|ged)?"
                r"\s+behind\b",
                re.I,
            ),
        ),
        ("outperforming", re.compile(r"\boutperform\w*|\bsurpass\w*", re.I)),
    ),
    # "Which legal sub-fields do the co-citation datasets cover?" of "focusing on biomedical
    # domains"; written in lower case, the field (not "LEGAL-BERT", a name)
    (
        ("the legal domain", re.compile(r"\blegal\b|\blaw\b")),
        ("the biomedical domain", re.compile(r"\b(?:bio)?medical\b|\bclinical\b")),
        ("the financial domain", re.compile(r"\bfinanc(?:e|ial)\b")),
        ("the cybersecurity domain", re.compile(r"\bcyber-?security\b")),
        ("the agricultural domain", re.compile(r"\bagricultur(?:e|al)\b", re.I)),
    ),
    # "How does Unicoder-VL fuse its separate image encoder and text encoder?" of "a universal
    # encoder" into which both are fed
    (
        (
            "separate encoders",
            re.compile(
                r"\bseparate\s+(?:[\w-]+\s+)?encoders?\b|\btwo\s+(?:[\w-]+\s+)?encoders\b", re.I
            ),
        ),
        (
            "a single encoder",
            re.compile(r"\b(?:single|universal|unified)\s+(?:[\w-]+\s+)?encoder\b", re.I),
        ),
    ),
    (
        ("an encoder-only model", re.compile(r"\bencoder[- ]only\b", re.I)),
        ("a decoder-only model", re.compile(r"\bdecoder[- ]only\b|\bcausal decoder\b", re.I)),
        (
            "an encoder-decoder model",
            re.compile(r"\bencoder[- ]decoder\b|\bseq(?:uence)?[- ]?(?:2|to)[- ]?seq", re.I),
        ),
    ),
    (
        (
            "masked (bidirectional) pretraining",
            re.compile(r"\bbidirectional\b|\bmasked language model", re.I),
        ),
        (
            "left-to-right (autoregressive) pretraining",
            re.compile(
                r"\bauto-?regressive\b|\bnext[- ]token prediction\b|\bcausal language model"
                r"|\bleft-to-right\b",
                re.I,
            ),
        ),
    ),
    # "Which layers of the original pre-trained network does ClusterFit fine-tune?" of "re-train
    # a new network from scratch"
    (
        (
            "fine-tuning the pre-trained network",
            re.compile(
                r"\b(?:original|pre-?trained)\s+(?:[\w-]+\s+)?(?:network|model|weights)\b"
                r"[^?.]{0,40}\bfine-?tun|\bfine-?tun\w*\s+(?:[\w-]+\s+){0,3}?(?:the\s+)?"
                r"(?:original|pre-?trained)\s+(?:[\w-]+\s+)?(?:network|model|weights)\b",
                re.I,
            ),
        ),
        ("training a new network from scratch", re.compile(r"\bfrom\s+scratch\b", re.I)),
    ),
    # "Why does MIR correlate negatively with benchmark scores?" of "a positive relation with
    # the benchmark performance" (a relation's sign, not "positive pairs" or "hard negatives")
    (
        (
            "a positive relation",
            re.compile(
                r"\bpositive(?:ly)?\s+(?:\w+\s+)?(?:correlat|relat|associat)\w*"
                r"|\b(?:correlat|relat|associat)\w*\s+positively\b",
                re.I,
            ),
        ),
        (
            "a negative relation",
            re.compile(
                r"\bnegative(?:ly)?\s+(?:\w+\s+)?(?:correlat|relat|associat)\w*"
                r"|\b(?:correlat|relat|associat)\w*\s+negatively\b|\binversely\s+(?:correlat|relat)",
                re.I,
            ),
        ),
    ),
)


def contradicted(
    question: str, abstract: str, weight: Callable[[str], float] = lambda term: 1.0
) -> tuple[str, str] | None:
    """(what the question takes for granted, what the abstract says instead), or None.
    ``weight``: how telling a term is (its IDF), to pick each side of a comparison by."""
    # what the paper does, not what it says earlier work did ("past work has introduced new
    # architectures ...; we show a standard Transformer can be used")
    own = " ".join(s for s in split_sentences(abstract) if not _EARLIER_WORK.search(s))
    for family in _FAMILIES:
        asked = [(said, pattern) for said, pattern in family if pattern.search(question)]
        stated = [said for said, pattern in family if pattern.search(own)]
        # "the legal and medical datasets of FinMTEB" of "financial domain-specific datasets":
        # none of what is asked, and one other thing stated
        if asked and len(stated) == 1 and all(said not in stated for said, _ in asked):
            return " and ".join(said for said, _ in asked), stated[0]
    return results_contradicted(question, abstract, weight) or (
        _used_after_all(question, abstract)
        or _usable_after_all(question, abstract)
        or _proposed_but_beaten(question, abstract)
        or _worked_after_all(question, abstract)
        or _fraction_not_multiple(question, abstract)
        or _past_the_count(question, abstract)
        or _past_the_limit(question, abstract)
        or _left_out_after_all(question, abstract)
        or _done_without(question, abstract)
        or _source_put_aside(question, abstract)
        or _left_unchanged(question, abstract)
        or _kind_ruled_out(question, abstract)
        or _not_involved(question, abstract)
        or _done_after_all(question, abstract)
        or _others_not_its(question, abstract)
        or _component_unnamed(question, abstract, weight)
        or _other_end(question, abstract)
        or _other_side_there(question, abstract)
        or _frozen_after_all(question, abstract)
        or _other_setting(question, abstract)
        or _only_one_language(question, abstract)
        or _swapped(question, abstract)
        or _sized_the_other_way(question, abstract)
        or _continued_after_all(question, abstract)
        or _the_non_kind(question, abstract)
        or _hurts_after_all(question, abstract)
        or _replaced_the_other_way(question, abstract, weight)
        or _optional_after_all(question, abstract)
        or _level_after_all(question, abstract)
        or _withheld(question, abstract)
        or _other_order(question, abstract)
        or _not_the_key(question, abstract)
        or _all_not_only(question, abstract)
        or _one_not_all(question, abstract)
        or _another_cap(question, abstract)
    )


# "PT improves NOT the confidence of lexical choice, but the negative diversity": the first
# denied, the second put in its place (not "not only A but also B")
_NOT_BUT = re.compile(
    r"\bnot\s+(?!only\b|just\b|merely\b|simply\b|necessarily\b)(?P<denied>[\w\s'-]{3,60}?),?"
    r"\s+but\s+(?!also\b)(?P<instead>[\w\s'-]{3,60})",
    re.I,
)
_CAUSES = frozenset("thanks due because owing since".split())
# A question that asks whether, which leaves the premise open
_ASKS_WHETHER = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|can|could|has|have|will|would)\b|\bwhether\b", re.I
)


def _denied_outright(question: str, abstract: str) -> tuple[str, str] | None:
    """The question takes for granted what the abstract says is not so, in the same breath as
    what is ("not A, but B").

    >>> _denied_outright("Why does PT make NMT models more confident in their lexical choices?",
    ...     "We find PT improves NOT the confidence of lexical choice, but the negative diversity.")
    ('the confidence of lexical choice', 'the negative diversity instead')
    >>> _denied_outright("Does PT make models more confident in their lexical choices?",
    ...     "We find PT improves NOT the confidence of lexical choice, but the negative diversity.")
    >>> _denied_outright("Why does PT improve the negative diversity of lexical choice?",
    ...     "We find PT improves NOT the confidence of lexical choice, but the negative diversity.")
    >>> _denied_outright("Why is it robust to noise in tables?",
    ...     "It is not only robust to noise in tables but also to typos.")
    """
    if _ASKS_WHETHER.search(question) or _ASKS_NOT.search(question):
        return None
    # whole words: the "end" of "end-to-end" is not "the end of NER research"
    asked = set(tokenize(" ".join(w for w in question.split() if "-" not in w)))
    for found in _NOT_BUT.finditer(abstract):
        denied = set(tokenize(found["denied"]))
        # what is put in its place, up to its first small word: "the negative diversity by ..."
        words = found["instead"].split()
        if words[0].lower() == "rather":
            words = words[1:]  # "but rather thanks to ...", "but rather an exciting beginning"
        cut = next((i for i, w in enumerate(words[:4]) if i and not tokenize(w)), len(words[:4]))
        instead = " ".join(words[:cut])
        # what keeps a word of its own; "thanks to ...", a cause, is no thing in its place
        kept = set(tokenize(instead)) if words and words[0].lower() not in _CAUSES else set()
        if len(denied) >= 2 and denied <= asked and kept and not kept & asked - denied:
            return found["denied"].strip(), f"{instead} instead"
    return None


def results_contradicted(
    question: str, abstract: str, weight: Callable[[str], float] = lambda term: 1.0
) -> tuple[str, str] | None:
    """What ``contradicted`` finds of a result the question has the wrong way round: a gain the
    abstract says there is none of, a ranking or a trend it reverses, a finding it denies.
    These hold of the paper a question describes without naming it; the others need a name to
    know whose the thing is ("which datasets" of "four datasets" is no premise)."""
    return (
        _reversed(question, abstract)
        or _moved_the_other_way(question, abstract)
        or _rate_the_other_way(question, abstract)
        or _compared_the_other_way(question, abstract, weight)
        or _no_gain_after_all(question, abstract)
        or _trend_reversed(question, abstract)
        or _denied_outright(question, abstract)
        or _not_so_after_all(question, abstract)
        or _less_so_after_all(question, abstract)
        or _holds_after_all(question, abstract)
        or _spared_after_all(question, abstract)
        or _few_not_most(question, abstract)
    )


# Verbs that say the same of a result ("fail to consistently improve over their base models" of
# "consistently outperform their base models")
_SAME_VERBS = (
    frozenset("improve outperform beat surpass help benefit enhance boost".split()),
    frozenset("reduce decrease lower cut lessen".split()),
    frozenset("increase raise".split()),
)
# "Why does increasing the parameter count reliably reduce prompt sensitivity?": what the
# question says a thing does, as a verb after "does"
_WHY_IT_DOES = re.compile(
    # ("By how many points did the medical VLMs beat their base models?": a gain, taken too)
    r"^\W*(?:why|(?:by\s+)?how\s+(?:much|many\s+[\w-]+))\s+(?:does|did|do)\s+"
    r"(?P<subject>[^?,]{4,80}?)\s+(?:(?:consistently|always"
    r"|reliably|significantly|substantially|clearly|greatly)\s+)?(?P<verb>"
    + "|".join(sorted(set().union(*_SAME_VERBS)))
    + r")\s+"
    r"(?P<object>[^?]{3,80})",
    re.I,
)
_DOES_NOT = r"(?:(?:does|do|did)\s+not|fail(?:s|ed)?\s+to)\s+(?:necessarily\s+|consistently\s+|always\s+|significantly\s+|reliably\s+)?"
OBJECT_REACH = 5  # words after the verb within which its object is written
_ASKS_LIMITED = re.compile(r"\bfail|\bonly\b|\brarely\b|\bseldom\b|\d%", re.I)


def _not_so_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks why a thing does something the abstract says it does not (or fails
    to) do.

    >>> _not_so_after_all("Why does increasing the parameter count reliably reduce prompt "
    ...     "sensitivity?", "We find that merely increasing the parameter count does not "
    ...     "necessarily reduce prompt sensitivity whereas few-shot exemplars do.")
    ('increasing the parameter count reduce prompt sensitivity', 'it does not')
    >>> _not_so_after_all("Why do medical LLMs consistently outperform their base models?",
    ...     "Nearly all medical LLMs fail to consistently improve over their base models.")
    ('medical LLMs outperform their base models', 'it does not')
    >>> _not_so_after_all("By how many points did the medical VLMs beat their base models?",
    ...     "All medical VLMs fail to consistently improve over their base models.")
    ('the medical VLMs beat their base models', 'it does not')
    >>> _not_so_after_all("Why does increasing the number of exemplars reduce prompt "
    ...     "sensitivity?", "Merely increasing the parameter count does not necessarily reduce "
    ...     "prompt sensitivity.")
    >>> _not_so_after_all("Why does pruning reduce latency?",
    ...     "Pruning does not reduce accuracy, but reduces latency.")
    >>> _not_so_after_all("Why does pruning reduce latency?",
    ...     "Quantization does not reduce latency, pruning does.")
    """
    asked = _WHY_IT_DOES.match(question)
    if not asked or _ASKS_NOT.search(question) or _ASKS_LIMITED.search(question):
        # "Why do medical LMs fail to consistently improve ...?", "... in only 22.7% of
        # cases?" ask the same
        return None
    verb = asked["verb"].lower()
    same = next((group for group in _SAME_VERBS if verb in group), frozenset({verb}))
    subject = set(tokenize(asked["subject"]))
    object_ = " ".join(asked["object"].split()[:3])
    wanted = set(tokenize(object_))
    if not subject or not wanted:
        return None
    verbs = "|".join(sorted(same))
    for sentence in split_sentences(abstract):
        for said in re.finditer(rf"\b{_DOES_NOT}(?:{verbs})(?:s|d)?\b", sentence, re.I):
            # what it does not do, up to a turn: "does not reduce accuracy, but reduces latency"
            after = _BUT.split(re.split(r"[,;:]", sentence[said.end() :])[0])[0]
            after = " ".join(after.split()[:OBJECT_REACH])
            # most of its subject: "merely increasing the parameter count" is not "increasing
            # the number of few-shot exemplars"
            before = set(tokenize(sentence[: said.start()]))
            if 2 * len(subject & before) >= len(subject) and wanted & set(tokenize(after)):
                return f"{asked['subject']} {verb} {object_}", "it does not"
    return None


# Comparatives that exclude one another, said of the same thing: "a bigger model" / "a smaller
# model size".
_OPPOSITE = {
    "bigger": "smaller", "larger": "smaller", "smaller": "larger", "more": "fewer|less",
    "fewer": "more", "less": "more", "faster": "slower", "slower": "faster", "longer": "shorter",
    "shorter": "longer", "higher": "lower", "lower": "higher", "deeper": "shallower",
    "shallower": "deeper", "cheaper": "costlier", "large": "small|few|little|no", "small": "large",
    "largest": "smaller|smallest", "biggest": "smaller|smallest", "smallest": "larger|largest",
}  # fmt: skip
_COMPARED = re.compile(rf"\b({'|'.join(_OPPOSITE)})\s+([a-z][\w-]*)\b", re.I)


_NO_THING = frozenset("and or but than the a an to of in on with for as at by".split())
_LESS_OF = re.compile(
    r"\b(?:reduc|avoid|eliminat|alleviat|lessen|remov|lower|cut|without)\w*", re.I
)


def _reversed(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper's thing is bigger where its abstract says smaller.

    >>> _reversed("Why does it need more FLOPs?", "with comparable or fewer FLOPs, it wins")
    ('more FLOPs', 'fewer FLOPs')
    >>> _reversed("Why does it need large labeled datasets?", "with few or no labeled data")
    ('large labeled datasets', 'no labeled data')
    >>> _reversed("Why are the largest models most prone to forgetting?",
    ...     "(iii) smaller models are particularly sensitive, forgetting the most")
    ('largest models', 'smaller models')
    """
    for found in _COMPARED.finditer(question):
        word, thing = found[1].lower(), found[2].lower()
        if thing in _NO_THING:
            continue  # "smaller and faster": no thing
        other = _OPPOSITE[word]

        def says(comparative: str, thing: str = thing, own: bool = False) -> bool:
            # its own: "with even a smaller model", "require less pre-training time", not
            # "beats models with more parameters"
            # "with comparable or fewer FLOPs", "(iii) smaller models are ..." too
            own_lead = (
                r"an?|even|only|much|far|requires?|needs?|takes?|(?:comparable|similar|few)\s+or"
                r"|\([ivx\d]{1,4}\)"
            )
            lead = rf"(?:{own_lead})\s+" if own else ""
            pattern = rf"(?<![\w-]){lead}(?:{comparative})\s+{re.escape(thing)}s?\b"
            return bool(re.search(pattern, abstract, re.I))

        if word == "large" and _LESS_OF.search(question[: found.start()]):
            continue  # "how does it reduce the need for large labeled data?": none needed
        said = re.search(rf"\b(?:{other})\s+{re.escape(thing)}", abstract, re.I)
        if says(other, own=True) and not says(word) and said:
            written = found[2]  # "FLOPs" as the question writes it
            # "large labeled datasets" of "few or no labeled data": each side's noun as written
            nouns = [
                re.match(r"\s+([a-z][\w-]*)", text[end:], re.I)
                for text, end in ((question, found.end()), (abstract, said.end()))
            ]
            if thing.endswith("ed") and all(n and n[1].lower() not in _NO_THING for n in nouns):
                asked_noun, said_noun = (n[1] for n in nouns if n)
                stated = said[0].split()[0].lower()
                return f"{word} {written} {asked_noun}", f"{stated} {written} {said_noun}"
            a = "" if thing.endswith("s") or word in ("more", "fewer", "less") else "a "
            return f"{a}{word} {written}", f"{a}{said[0].split()[0].lower()} {written}"
    return None


# "Why does LM-based pre-training lower the copying ratio ...?": which way it moves a thing
_MOVES = re.compile(
    r"\b(?P<verb>lower|reduce|decrease|raise|increase)(?:s|d|ed)?\s+(?:the\s+|its\s+)?"
    r"(?P<thing>[a-z][\w-]+(?:\s+[a-z][\w-]+)?)",
    re.I,
)
_DOWN = r"lower|smaller|fewer|less|reduced|decreased"
_UP = r"larger|higher|greater|more|increased"


def _moved_the_other_way(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing lowered where the abstract says it is larger, or back.

    >>> _moved_the_other_way("Why does pre-training lower the copying ratio of NMT models?",
    ...     "pre-training based NMT models have a larger copying ratio than the standard one")
    ('a lower copying ratio', 'a larger copying ratio')
    >>> _moved_the_other_way("How much did LAVS lower the off-target rate?", "languages with "
    ...     "a higher off-target rate; with LAVS the off-target rate is reduced from 29% to 8%")
    """
    for found in _MOVES.finditer(question):
        down = found["verb"].lower() in ("lower", "reduce", "decrease")
        thing = found["thing"].lower()
        same, other = (_DOWN, _UP) if down else (_UP, _DOWN)
        verbs = "lower|reduc|decreas" if down else "rais|increas"
        said = re.search(rf"\b(?:{other})\s+{re.escape(thing)}", abstract, re.I)
        if (
            said
            and not re.search(rf"\b(?:{same})\s+{re.escape(thing)}", abstract, re.I)
            and not re.search(
                rf"\b(?:{verbs})\w*\s+(?:the\s+|its\s+)?{re.escape(thing)}", abstract, re.I
            )
            # "the off-target rate for 90 translation tasks is reduced from 29% to 8%"
            and not re.search(rf"\b{re.escape(thing)}\b[^.;]{{0,40}}\b(?:{verbs})", abstract, re.I)
        ):
            return f"a {'lower' if down else 'higher'} {thing}", f"a {said[0].lower()}"
    return None


# "Why do they copy fewer source tokens?" of "a larger copying ratio": the doing, counted
_DOES_LESS = re.compile(r"\b(?P<verb>[a-z]{4,})\s+(?P<dir>fewer|less|more)\b", re.I)
_RATE_OF = re.compile(
    rf"\b(?P<dir>{_DOWN}|{_UP})\s+(?P<doing>[a-z]+ing)\s+(?:ratio|rate)s?\b", re.I
)


def _rate_the_other_way(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing done less where the abstract gives it a larger rate of doing
    it, or back.

    >>> _rate_the_other_way("Why do pre-trained NMT models copy fewer source tokens?",
    ...     "pre-trained NMT models have a larger copying ratio than the standard one")
    ('copying less', 'a larger copying ratio')
    >>> _rate_the_other_way("Why do they copy more tokens?", "a larger copying ratio")
    """
    for asked in _DOES_LESS.finditer(question):
        down = asked["dir"].lower() != "more"
        stem = tokenize(asked["verb"])
        for said in _RATE_OF.finditer(abstract):
            if tokenize(said["doing"]) != stem:
                continue
            if bool(re.fullmatch(_DOWN, said["dir"], re.I)) != down:
                doing = said["doing"].lower()
                return f"{doing} {'less' if down else 'more'}", f"a {said[0].lower()}"
    return None


# "Why does X avoid / not use / do without Y ...?": Y, up to where the clause goes on.
_GOES_WITHOUT = re.compile(
    r"\b(?:avoids?|avoided|avoiding|skips?|skipped|drops?|dropped|abandons?|abandoned|forgoes"
    r"|forgo|omits?|omitted|(?:does|did|do)\s*n[o']t\s+use|without(?:\s+using)?"
    r"|do(?:es)?\s+without)\s+(?:the\s+|any\s+|an?\s+)?"
    r"((?:[\w-]+\s+){0,3}?[\w-]+?)(?=\s+(?:when|while|in|for|to|during|and|but|because|that"
    r"|which|as|at|on)\b|\s*[?,.;]|$)",
    re.I,
)
# An abstract that says so too: "without Y", "no Y", "instead of Y", "Y-free".
_GOES_WITHOUT_TOO = re.compile(
    r"\b(?:without|no|not|nor|instead\s+of|rather\s+than|avoid\w*|eliminat\w*|remov\w*"
    r"|replac\w*|free\s+of|unlike|drop\w*|reduc\w*|alleviat\w*|lessen\w*|minimi[sz]\w*)\b"
    r"[^.;]{0,40}$",
    re.I,
)


# ... and one that says it uses it: "combining global-local attention with Y".
_USES_IT = re.compile(
    r"\b(?:with|using|uses?|used|adopts?|adopting|employs?|employing|leverag\w*|incorporat\w*"
    r"|requir\w*|needs?|needing"
    r"|based\s+on|relies\s+on|relying\s+on|introduc\w*|appl(?:y|ies|ying))\b[^.;]{0,30}$",
    re.I,
)


# ... or puts it to use further back: "to take advantage of both the large-scale monolingual
# data and bilingual data"
# (not "utilizes" nor "a combination of": said of the standard method, of another stage)
_EXPLOITS_IT = re.compile(
    r"\b(?:takes?\s+advantage\s+of|jointly\s+with)\b[^.;]{0,60}$",
    re.I,
)
STEM_LEFT = 3  # letters a word may have past its stem and still be matched by it
SHORT_WORD = 5  # ... a longer word: "lots of data" is not "a lot of data" a paper requires


def _apart(words: Sequence[str]) -> str:
    """A pattern for ``words`` as an abstract may write them, by spaces or hyphens."""
    return r"[\s-]+".join(map(re.escape, words))


def _used_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper goes without what its abstract says it uses."""
    found = _GOES_WITHOUT.search(question)
    if not found or len(found[1]) < 6:
        return None
    thing = found[1].strip()
    # "without any class labels" of "share its class label": one or many; "the masked
    # language modeling objective" of "the Masked Language Model (MLM) objective": by stems
    pattern = r"[\s-]+(?:\([A-Z][\w-]*\)\s+)?".join(
        # "model" of "modeling", not "token" of "tokenization" ("token-level counterparts")
        re.escape(stems[0]) + rf"\w{{0,{len(w) - len(stems[0])}}}"
        if len(w) > SHORT_WORD and (stems := tokenize(w)) and len(w) - len(stems[0]) <= STEM_LEFT
        else re.escape(w)
        for w in thing.split()
    )
    written = [m for m in re.finditer(rf"\b{pattern}(?![\w-])", abstract, re.I)]
    if any(_GOES_WITHOUT_TOO.search(abstract[: m.start()]) for m in written):
        return None
    if not any(
        (_USES_IT.search(abstract[: m.start()]) or _EXPLOITS_IT.search(abstract[: m.start()]))
        # not a question the abstract asks: "in what situations could we take advantage of Y?"
        and "?" not in re.split(r"\.\s", abstract[m.end() :])[0]
        for m in written
    ):
        return None  # named as what others do ("the standard practice of padding")
    return f"not using {thing}", f"using {thing}"


# "Why is TempNet limited to CLIP models and unusable with LLMs?": what it cannot be used with
_UNUSABLE_WITH = re.compile(
    r"\b(?:unusable|not\s+usable|inapplicable|not\s+applicable|(?:cannot|can't|can\s+not)\s+be"
    r"\s+(?:used|applied)|(?:does|do)\s*(?:not|n't)\s+(?:work|apply))\s+(?:with|to|on|for)\s+"
    r"(?:the\s+)?(?P<thing>[\w-]+(?:\s+[\w-]+){0,2}?)(?=\s*[?,.;]|\s+(?:and|or|but|when|because)\b|$)"
    # "Why does the knob stop working when it is applied to the base models of the same family?"
    r"|\b(?:stops?|stopped)\s+working\s+when\s+(?:it\s+is\s+|they\s+are\s+)?(?:applied|used"
    r"|transferred|moved)\s+(?:to|on|with)\s+(?:the\s+)?(?P<other>[\w-]+(?:\s+[\w-]+){0,2}?)"
    r"(?=\s*[?,.;]|\s+(?:and|or|but|of|in|from|because)\b|$)",
    re.I,
)
# ... an abstract that says it works there too: "serves as an effective knob in not only that
# model but also non-fine-tuned instruct and base models"
_WORKS_THERE_TOO = re.compile(
    r"\b(?:effective|works?|useful|transfers?|generali[sz]es)\b[^.;]{0,60}?\b(?:but\s+)?also\s+"
    r"(?:in\s+|on\s+|to\s+|for\s+|with\s+)?(?:[\w-]+\s+){0,3}?(?:(?:and|or)\s+)?$",
    re.I,
)
# ... and an abstract that uses it so: "Our experiments on LLMs and CLIP models"
_APPLIED_TO = re.compile(
    r"\b(?:experiments?|evaluat\w*|tested|results|appl(?:y|ies|ied|ying)\b[^.;]{0,30}?)\s+"
    r"(?:on|to|with)\s+(?:both\s+)?(?:[\w-]+\s+(?:and|or)\s+)?$",
    re.I,
)


_NEGATED = re.compile(r"\b(?:not|no|none|cannot|never|nor)\b|n't\b", re.I)


def _usable_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the method cannot be used with what its abstract applies it to.

    >>> _usable_after_all("Why is TempNet limited to CLIP models and unusable with LLMs?",
    ...     "Our experiments on LLMs and CLIP models show TempNet helps.")
    ('no use with LLMs', 'use with LLMs')
    >>> _usable_after_all("Why is it unusable with LLMs?", "It cannot be used with LLMs.")
    >>> _usable_after_all("Why does the knob stop working when applied to base models?",
    ...     "The subspace is an effective knob in not only that model but also base models.")
    ('it failing with base models', 'it working with base models too')
    >>> _usable_after_all("Why does the knob stop working when applied to base models?",
    ...     "The knob is effective in tuned models but also fails in base models.")
    """
    found = _UNUSABLE_WITH.search(question)
    if not found:
        return None
    thing = (found["thing"] or found["other"]).strip()
    pattern = _apart(thing.split())
    for written in re.finditer(rf"\b{pattern}\b", abstract, re.I):
        before = abstract[max(0, written.start() - 60) : written.start()]
        # (not "none of these methods can be safely applied to real-world settings")
        if _APPLIED_TO.search(before) and not _NEGATED.search(before):
            return f"no use with {thing}", f"use with {thing}"
        sentence = abstract[: written.start()].rsplit(". ", 1)[-1]
        if (
            found["other"]
            and _WORKS_THERE_TOO.search(sentence)
            and not _NEGATED.search(re.sub(r"\bnot\s+only\b", "", sentence, flags=re.I))
            and not re.search(r"\b(?:fail|break|degrad|harm|hurt)\w*|\bworse\b", sentence, re.I)
        ):
            return f"it failing with {thing}", f"it working with {thing} too"
    return None


# "How does the pipelined neural architecture proposed in 'Text-to-Text Pre-Training ...' ...?":
# what the question says the paper proposed
_PROPOSED_IN = re.compile(
    # (a paper named by its title, quoted: not "the Transformer proposed in earlier work")
    r"\bthe\s+(?P<thing>(?:[\w-]+\s+){0,3}[\w-]+?)s?\s+(?:proposed|introduced|presented)\s+(?:in|by)"
    r"\s+['\"\u2018\u201c]",
    re.I,
)
# ... and an abstract that writes it only as what the paper beats: "outperform pipelined neural
# architectures"
_BEATEN = re.compile(
    r"\b(?:outperform\w*|beat\w*|surpass\w*|than|over|unlike|instead\s+of|compared\s+(?:to|with))"
    r"\s+(?:the\s+|existing\s+|prior\s+|previous\s+)*$",
    re.I,
)


def _proposed_but_beaten(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper proposed what its abstract names only as what it beats.

    >>> _proposed_but_beaten("How does the pipelined architecture proposed in 'T2T' plan?",
    ...     "Simple T5 models outperform pipelined architectures tailored for it.")
    ("the pipelined architecture as the paper's own", 'the pipelined architecture as what it outperforms')
    >>> _proposed_but_beaten("How does the encoder proposed in X work?", "Our encoder beats BERT.")
    """
    found = _PROPOSED_IN.search(question)
    if not found:
        return None
    thing = found["thing"].strip()
    if len(thing.split()) < 2:
        return None  # "the method proposed in X": its own, whatever it is called
    pattern = _apart(thing.split())
    written = list(re.finditer(rf"\b{pattern}s?\b", abstract, re.I))
    if written and all(
        _BEATEN.search(abstract[max(0, w.start() - 40) : w.start()]) for w in written
    ):
        return f"the {thing} as the paper's own", f"the {thing} as what it outperforms"
    return None


# "Why did Wikipedia-only pre-training give better models than a mixture of domains?": the
# side before "better ... than" and the one after it.
# "According to 'Lessons learned ...', why ...?": the source named before the question
_ACCORDING = r"^\W*(?:(?:according\s+to|in)\b[^?]*?,\s*)?"  # "In <title>, why ...?" too
_BETTER_THAN = re.compile(
    _ACCORDING + r"(?:why|how)\s+(?:did|does|do|is|was|were|are)\s+(?P<a>[^?,;]{3,80}?)\s+"
    r"(?:\w+\s+){0,2}?(?P<word>better|superior|stronger|faster|worse|inferior|weaker|slower"
    # "less efficient", "more robust": a good quality, more or less of it
    r"|(?:less|more)\s+(?:efficient|accurate|effective|robust|scalable|stable|reliable))\b"
    # ("more robust to interference than recognition": "to" only where no "than" follows)
    r"[^?,;]{0,60}?\s(?P<than>than|to(?![^?,;]*\bthan\b))\s+(?P<b>[^?,;]{3,60})",
    re.I,
)
_AIMED = re.compile(
    r"\b(?:to\s+(?:be\s+able\s+to\s+)?(?:obtain|build|develop|achieve|make)|in\s+order\s+to"
    r"|aims?\s+to|would|could|might|hope)\b",
    re.I,
)
# "Why do the monolingual BERTs clearly outperform the multilingual models?": the same ranking
_WHY_BEATS = re.compile(
    _ACCORDING + r"why\s+(?:did|does|do)\s+(?P<a>[^?,;]{3,80}?)\s+(?:\w+ly\s+)?"
    r"(?P<word>outperform|outperforms|beat|beats|surpass|surpasses)\s+(?P<b>[^?,;]{3,60})",
    re.I,
)
# ... and a sentence that ranks two things: "a mixture of domains is superior to Wikipedia".
_RANKS_ABOVE = re.compile(
    # (after a colon: "... with the following results: (i) A fare better than B")
    r"(?P<left>[^.;:]*?)\b(?:superior\s+to|(?:fare\w*\s+)?better\s+than|outperform\w*|stronger\s+than"
    r"|advantages?\s+over"
    # "recognition is much more robust to interference than recall"
    r"|more\s+(?:efficient|accurate|effective|robust|scalable|stable|reliable)\b[^.;]{0,40}?\bthan"
    r"|faster\s+than|surpass\w*)\b(?P<right>[^.;]*)",
    re.I,
)


# "B results in substantial gains over A": a ranking too, read for "why does A beat B?" only
_GAINS_OVER = re.compile(
    r"(?P<left>[^.;:]*?)\b(?:gains?|improvements?)\s+over\b(?P<right>[^.;]*)", re.I
)


# "... and show that E2E models are better": what is found (not "a model that outperforms")
_FOUND_THAT = re.compile(
    r"\b(?:show|shows|showed|shown|find|finds|found|demonstrate[sd]?|observe[sd]?|reveals?"
    r"|revealed|conclude[sd]?|indicate[sd]?|suggest(?:s|ed)?)\s+that\b",
    re.I,
)


def _spelled_terms(text: str, spelled: dict[str, frozenset[str]], sides: set[str]) -> set[str]:
    """The terms of ``text``, an acronym the abstract defines counting as what it stands for
    too where that is mostly a side the question names ("E2E" for "end-to-end"; not "TAED" for
    "Transducer", one of its five words)."""
    terms = set(tokenize(text))
    for word in re.findall(r"[\w-]+", text):
        stands_for = spelled.get(word, frozenset())
        if 2 * len(stands_for & sides) >= len(stands_for):
            terms |= stands_for
    return terms


def _compared_the_other_way(
    question: str, abstract: str, weight: Callable[[str], float]
) -> tuple[str, str] | None:
    """The question ranks A above B where the abstract ranks B above A.

    >>> _compared_the_other_way("Why did Wikipedia-only data give better models than a "
    ...     "mixture of domains?", "Using a mixture of domains is superior to Wikipedia only.",
    ...     lambda term: 1.0)
    ('Wikipedia-only ranking above a mixture of domains', 'a mixture of domains ranking above Wikipedia-only')
    >>> _compared_the_other_way("Why is X better than Y?", "X outperforms Y.", lambda t: 1.0)
    >>> _compared_the_other_way("Why is EncT5 less efficient than T5 for classification?",
    ...     "EncT5 has advantages over T5 such as efficiency.", lambda t: 1.0)
    ('T5 ranking above EncT5', 'EncT5 ranking above T5')
    >>> _compared_the_other_way("Why do monolingual BERTs clearly outperform multilingual "
    ...     "models?", "Multilingual models fare better than monolingual models.", lambda t: 1.0)
    ('monolingual BERTs ranking above multilingual models', 'multilingual models ranking above monolingual BERTs')
    >>> _compared_the_other_way("Why are cascaded models better than end-to-end models?",
    ...     "We compare end-to-end (E2E) and cascaded models: E2E models are better than cascaded "
    ...     "models.", lambda t: 1.0)
    ('cascaded ranking above end-to-end models', 'end-to-end models ranking above cascaded')
    >>> _compared_the_other_way("Why does continual pretraining beat pretraining from scratch?",
    ...     "Pretraining from scratch results in substantial gains over continual pretraining.",
    ...     lambda t: 1.0)
    ('continual pretraining ranking above pretraining from scratch', 'pretraining from scratch ranking above continual pretraining')
    >>> _compared_the_other_way("Why do supervised methods transfer worse to downstream "
    ...     "tasks?", "Downstream tasks outperform supervised methods.", lambda t: 1.0)
    >>> _compared_the_other_way("Why is recall more robust to interference than recognition?",
    ...     "Recognition is much more robust to interference than recall.", lambda t: 1.0)
    ('recall ranking above recognition', 'recognition ranking above recall')
    """
    asked = _BETTER_THAN.search(question) or _WHY_BEATS.search(question)
    if not asked:
        return None
    word = asked["word"].lower()
    if asked.groupdict().get("than") == "to" and word not in ("superior", "inferior"):
        # "why do they transfer worse to downstream tasks?": where, not than what; only
        # "superior to", "inferior to" set one side against the other with "to"
        return None
    a, b = asked["a"].strip(), asked["b"].strip()
    # "... slower than Cross-encoders in multi-sentence scoring": the other side, not where
    b = re.split(r"\s+(?:in|on|for|at|when|during|across|with)\s+", b, maxsplit=1)[0]
    if word in ("worse", "inferior", "weaker", "slower") or word.startswith("less"):
        a, b = b, a  # "Why is A worse than B?" ranks B above A
    a_terms, b_terms = set(tokenize(a)), set(tokenize(b))

    # each side's most telling word the abstract writes ("Transducer" of "a plain Transducer",
    # however rare "plain" is), whole words before a hyphenated one's parts, the longest of equals
    written = set(tokenize(abstract))

    def telling(term: str) -> tuple[bool, bool, float, int]:
        return term in written, "-" not in term, weight(term), len(term)

    a_key = max(sorted(a_terms - b_terms), key=telling, default=None)
    b_key = max(sorted(b_terms - a_terms), key=telling, default=None)
    if a_key is None or b_key is None:
        return None
    above = below = False
    spelled = acronym_terms(abstract)  # "E2E models are better than ..." of "end-to-end (E2E)"
    rankings = list(_RANKS_ABOVE.finditer(abstract))
    if asked.re is _WHY_BEATS:
        # "Why does A beat B?": "B results in substantial gains over A" ranks too (not "why
        # does A generalize worse than B?": "A achieves improvements over B" is of another
        # quality)
        rankings += list(_GAINS_OVER.finditer(abstract))
    for found in rankings:
        if _AIMED.search(found["left"]):
            continue  # "... to be able to obtain A better than B": a goal, not a result
        # what is ranked: what is found ("... versus cascading models, and show that E2E models
        # are better than cascaded models"), with what it is set against ("smaller models are
        # strong ... than larger models, while larger models are more effective ...")
        clause = _FOUND_THAT.split(found["left"])[-1]
        left = _spelled_terms(clause, spelled, a_terms | b_terms)
        right = _spelled_terms(found["right"], spelled, a_terms | b_terms)
        if b_key in left and a_key in right and a_key not in left:
            above = True
        if a_key in left and b_key in right and b_key not in left:
            below = True  # it says so too, somewhere
    if above and not below:
        return f"{a} ranking above {b}", f"{b} ranking above {a}"
    return None


# "Why did the LSTM retrieve the order of nouns more precisely than the transformers?": the
# side said to do more of something, and what that something is
_MORE_THAN = re.compile(
    _ACCORDING + r"(?:why|how)\s+(?:did|does|do|is|was|were|are|can|could)\s+(?P<a>[^?,;]{3,80}?)"
    # "more robust to static noise than fine-tuned models": what it is more so to, between
    r"\s+more\s+(?P<quality>[a-z]{4,}?)(?:ly)?(?P<between>(?:\s+(?!than\b)[\w-]+){0,5}?)\s+than\s+"
    r"(?P<b>[^?,;]{3,60})",
    re.I,
)
# ... and the quality's opposite, said with "more": "few-shot prompted models appear more
# sensitive to even static noise" of "more robust"
_OPPOSITE_QUALITY = {
    "robust": "sensitive|vulnerable|fragile|susceptible",
    "stable": "unstable",
    "sensitive": "robust|resilient|resistant",
    "resilient": "sensitive|vulnerable|fragile|susceptible",
}


def _less_so_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has one side do more of a thing where the abstract says it does less.

    >>> _less_so_after_all("Why did the LSTM retrieve nouns more precisely than the transformers?",
    ...     "The transformers retrieved nouns. In contrast, the LSTM exhibited less precise retrieval.")
    ('the LSTM retrieve nouns more precisely than the transformers', 'less precise retrieval')
    >>> _less_so_after_all("Why is A more precise than B?", "A is less precise at first, more precise later.")
    >>> _less_so_after_all("Why is A more precise than B?", "A is less precise than C while B is 0.9% less.")
    >>> _less_so_after_all("Why do RTS and C-RTS need more compute than MLM?",
    ...     "RTS and C-RTS require less pre-training time while maintaining performance.")
    ('RTS and C-RTS need more compute than MLM', 'less pre-training time while maintaining performance')
    >>> _less_so_after_all("Why do RTS and C-RTS need more compute than MLM?",
    ...     "RTS and C-RTS use less memory, and more compute.")
    >>> _less_so_after_all("Why are prompted models more robust to noise than tuned models?",
    ...     "Tuned models are robust to noise, while prompted models appear more sensitive to it.")
    ('prompted models more robust to noise than tuned models', 'more sensitive to it')
    """
    asked = _MORE_THAN.search(question)
    if not asked:
        return None
    quality = asked["quality"].lower()
    stem = re.escape(quality[:-1] if len(quality) > 5 else quality)  # "precis": "precise(ly)"
    if quality in _SPENT:
        # "need more compute than MLM": "require less pre-training time", what is spent either way
        stem = rf"(?:[\w-]+\s+)?(?:{'|'.join(sorted(_SPENT))})"
    conditions = re.match(r"(?:to|on|with|for|against|under)\s", asked["b"], re.I)
    if conditions and (found := _the_other_condition(asked, stem, abstract)):
        return found
    if re.search(rf"\bmore\s+{stem}", abstract, re.I):
        return None
    # each side by the words only it has ("few-shot prompted" / "fine-tuned" models)
    side = set(tokenize(asked["a"])) - set(tokenize(asked["b"]))
    other = set(tokenize(asked["b"])) - set(tokenize(asked["a"]))
    opposite = _OPPOSITE_QUALITY.get(quality)
    said_less = rf"(?:less|not\s+as)\s+{stem}\w*" + (rf"|more\s+(?:{opposite})" if opposite else "")
    for sentence in split_sentences(abstract):
        for less in re.finditer(rf"\b(?:{said_less})(?:\s+(?!than\b)[a-z]+)?", sentence, re.I):
            # of whom: its own clause ("A is robust ..., while B appears more sensitive")
            clause = re.split(r"\b(?:while|whereas|but)\b|[;,]", sentence[: less.start()])[-1]
            before = set(tokenize(clause))
            than = re.match(
                r"\s+than\s+([^,;]+?)(?=\s+(?:while|whereas|but|and)\b|[,;]|\.\s|\.?$)",
                sentence[less.end() :],
            )
            if than and not other & set(tokenize(than[1])):
                continue  # "Bioformer16L is 0.1% less accurate than PubMedBERT": a third side
            if side & before and not other & before:
                said = re.split(r"[,;]|\.\s", sentence[less.start() :])[0].split()
                return _question_span(asked), " ".join(said[:6]).rstrip(".")
    # (the other side by its own words, not where it is compared: "plain BPE", not "on ...
    # tagging tasks")
    own = re.split(rf"\s+(?:{_WHERE})\s+", asked["b"], maxsplit=1)[0]
    return _so_of_the_other(asked, stem, side, other & set(tokenize(own)), abstract)


_WHERE = "on|in|for|with|at|across|over|under|during|when"
# "an aggressive ratio for decoder": the quality, then whom it is of
_QUALITY_OF = r"\b{stem}\w*\s+(?:[\w-]+\s+){{0,2}}?(?:for|of|on|in)\s+(?:the\s+|its\s+)?([\w'-]+)"


def _so_of_the_other(
    asked: re.Match[str], stem: str, side: set[str], other: set[str], abstract: str
) -> tuple[str, str] | None:
    """The quality the question gives one side ("mask the encoder's input more aggressively
    than the decoder's") said of the other side alone, in a sentence that names both ("a
    moderate ratio for encoder ..., and an aggressive ratio for decoder").

    >>> asked = _MORE_THAN.search("Why does X mask the encoder more aggressively than the decoder?")
    >>> _so_of_the_other(asked, "aggressiv", {"x", "mask", "encod"}, {"decod"},
    ...     "It uses a moderate ratio for encoder, and an aggressive ratio for decoder.")
    ('X mask the encoder more aggressively than the decoder', 'an aggressive ratio for decoder')
    >>> _so_of_the_other(asked, "aggressiv", {"x", "mask", "encod"}, {"decod"},
    ...     "It uses an aggressive ratio for encoder, and a moderate ratio for decoder.")
    """
    for sentence in split_sentences(abstract):
        words = set(tokenize(sentence))
        for said in re.finditer(_QUALITY_OF.format(stem=stem), sentence, re.I):
            whom = set(tokenize(said[1]))
            if whom and whom <= other and not whom & side and side & words:
                lead = re.search(r"\b(?:an?|the)\s+$", sentence[: said.start()], re.I)
                start = lead.start() if lead else said.start()
                return _question_span(asked), sentence[start : said.end()]
    return None


def _question_span(asked: re.Match[str]) -> str:
    """The sides and what is compared, as the question words them."""
    return asked.string[asked.start("a") : asked.end("b")].strip()


# What training spends, whichever word says it
_SPENT = frozenset("compute computation time flops cost".split())


# What a thing is said to cope badly with: "struggle significantly more with lower levels of
# dynamic noise"
_COPES_BADLY = re.compile(
    r"\b(?:struggl|fail|suffer|degrad|sensitiv|vulnerab|fragil|susceptib|break)\w*", re.I
)
CONDITION_REACH = 8  # words after "struggles" within which what it struggles with is named


def _the_other_condition(asked: re.Match[str], stem: str, abstract: str) -> tuple[str, str] | None:
    """ "Why are fine-tuned models more robust to dynamic noise than to static noise?": one side,
    two conditions, of which the abstract has the quality hold for the other ("robust to high
    levels of static noise but struggle significantly more with ... dynamic noise").

    >>> m = _MORE_THAN.search("Why are tuned models more robust to dynamic noise than to static noise?")
    >>> _the_other_condition(m, "robus", "Tuned models are robust to static noise but struggle "
    ...     "more with dynamic noise.")
    ('more robust to dynamic noise than to static noise', 'robust to static noise but struggle')
    >>> _the_other_condition(m, "robus", "Tuned models are robust to dynamic noise and struggle "
    ...     "with static noise only at first.")
    """
    this = set(tokenize(asked["between"])) - set(tokenize(asked["b"]))
    other = set(tokenize(asked["b"])) - set(tokenize(asked["between"]))
    if not this or not other:
        return None
    for sentence in split_sentences(abstract):
        for said in re.finditer(rf"\b{stem}\w*", sentence, re.I):
            clause = re.split(r"\b(?:but|while|whereas)\b|;", sentence[said.end() :])[0]
            if not other & set(tokenize(clause)) or this & set(tokenize(clause)):
                continue
            rest = sentence[said.end() + len(clause) :]
            for bad in _COPES_BADLY.finditer(rest):
                reach = " ".join(rest[bad.end() :].split()[:CONDITION_REACH])
                if this & set(tokenize(reach)) and not other & set(tokenize(reach)):
                    said_so = " ".join(f"{said[0]}{clause}".split()) + " but " + bad[0]
                    return (
                        f"more {asked['quality']}{asked['between']} than {asked['b']}".strip(),
                        said_so,
                    )
    return None


# "Why does essential sparsity break down for N:M sparsity patterns?": what is said to fail,
# and where
_BREAKS_DOWN = re.compile(
    _ACCORDING + r"why\s+(?:does|do|did)\s+(?P<what>[^?,;]{3,60}?)\s+"
    r"(?:break(?:s)?\s+down|fail(?:s)?|collapse(?:s)?|not\s+hold|not\s+work|stop(?:s)?\s+working)"
    r"\s+(?:for|on|in|with|under|at)\s+(?P<where>[^?,;]{3,60})",
    re.I,
)
# ... and an abstract that says it holds there: "essential sparsity to hold valid for N:M"
_HOLDS = re.compile(
    r"\b(?:holds?|held|remains?|stays?)\s+(?:valid|true|effective)\b|\bgenerali[sz]e[sd]?\s+(?:well\s+)?"
    r"|\bworks?\s+(?:well\s+)?|\bis\s+effective\b",
    re.I,
)


HOLDER_REACH = 6  # words before "holds valid" in which what holds is named


def _holds_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks why a thing fails somewhere its abstract says it holds.

    >>> _holds_after_all("Why does essential sparsity break down for N:M sparsity patterns?",
    ...     "We also find essential sparsity to hold valid for N:M sparsity patterns as well.")
    ('essential sparsity failing for N:M sparsity patterns', 'it holding there')
    >>> _holds_after_all("Why does sparsity fail for N:M patterns?",
    ...     "Sparsity holds valid for N:M patterns but fails for others.") is None
    True
    """
    asked = _BREAKS_DOWN.search(question)
    if not asked or _FAILED_TOO.search(abstract) or re.search(r"\bbreaks?\s+down", abstract, re.I):
        return None
    what, where = set(tokenize(asked["what"])), set(tokenize(asked["where"]))
    for sentence in split_sentences(abstract):
        for holds in _HOLDS.finditer(sentence):
            after = set(tokenize(re.split(r"[;]", sentence[holds.end() :])[0]))
            # said of the thing itself, just before ("we find essential sparsity to hold"),
            # not of another ("Ptr-Nets improve over seq2seq ... and allow us to generalize")
            near = sentence[: holds.start()].split()[-HOLDER_REACH:]
            if _NEGATED.search(" ".join(near[-3:])):
                continue  # "... and not generalize well", "can not be generalized"
            before = set(tokenize(" ".join(near)))
            if what and what <= before and where and 2 * len(where & after) >= len(where) + 1:
                return f"{asked['what']} failing for {asked['where']}", "it holding there"
    return None


# "Why did CySecBERT's approach against catastrophic forgetting fail to ...?" of "our approach
# against catastrophic forgetting works": only what the question's own name does fails.
_FAILED = re.compile(
    r"^\W*why\s+(?:did|does|do)\s+(?:the\s+)?(?-i:[A-Z])[^?]{0,80}?\s(?:fail|not\s+work)\b", re.I
)
_WORKED = re.compile(
    r"\b(?:approach|method|strategy|technique|mechanism)\b[^.;]{0,60}?\bworks\b(?!\s+(?:on|by|of)\b)"
    r"|\bsuccessfully\s+(?:preserv|retain|prevent|mitigat|avoid)\w*",
    re.I,
)
_FAILED_TOO = re.compile(r"\bfail(?:s|ed|ing|ure)?\b|\bdoes\s+not\s+work\b", re.I)


# "Why does CySecBERT suffer catastrophic forgetting ...?": what it is said to suffer
_SUFFERS = re.compile(
    r"^\W*why\s+(?:did|does|do)\s+(?-i:[A-Z])[^?]{0,60}?\ssuffers?\s+(?:from\s+)?"
    r"(?P<thing>[\w-]+(?:\s+(?!(?:of|in|on|and|when|while|for|after)\b)[\w-]+){0,2})",
    re.I,
)


def _worked_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks why the paper's approach failed, or why it suffers what its approach
    against it overcomes; its abstract says it works.

    >>> _worked_after_all("Why did X's approach fail to keep general knowledge?",
    ...     "We show that our approach against forgetting works, as the model keeps it.")
    ('a failure', 'success')
    >>> _worked_after_all("Why did X fail?", "Our method works, but fails on long inputs.")
    >>> _worked_after_all("Why does X suffer catastrophic forgetting?",
    ...     "We show that our approach against catastrophic forgetting works.")
    ('suffering catastrophic forgetting', 'an approach against it that works')
    >>> _worked_after_all("Why does X suffer catastrophic forgetting?", "Our method works.")
    """
    if _FAILED_TOO.search(abstract):
        return None
    if _FAILED.search(question):
        return ("a failure", "success") if _WORKED.search(abstract) else None
    suffers = _SUFFERS.search(question)
    if suffers is None:
        return None
    thing = set(tokenize(suffers["thing"]))
    worked = (m[0] for m in _WORKED.finditer(abstract))
    if thing and any(thing <= set(tokenize(w)) for w in worked):
        return f"suffering {suffers['thing']}", "an approach against it that works"
    return None


# "How badly do the few-shot fine-tuned models overfit?": a harm the question takes for granted,
# which an abstract may say its subject is spared ("do not suffer from overfitting")
_HARMS = r"(?:overfit|underfit|forget|collaps|degrad|diverg|hallucinat|memori[sz]|saturat|plateau)"
# ... asked of the question's own subject, in its main clause: not "Which paper challenges the
# belief that ... leads to overfitting?", "..., which usually causes forgetting?"
_ASKS_HARM = re.compile(
    r"^\W*(?:why|how(?:\s+(?:badly|much|severely|often|quickly|far|strongly))?)\s+"
    r"(?:do|does|did|is|are|was|were)\s+[^?,;]{3,100}?\s+(?:(?:suffer|experienc|exhibit|show)\w*\s+"
    rf"(?:from\s+)?)?(?:[\w-]+\s+)?(?P<harm>{_HARMS}\w*)",
    re.I,
)
_SPARED = re.compile(
    rf"\b(?:not|no|never|nor|without|free\s+(?:of|from))\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:(?:suffer\w*|experienc\w*|show\w*|exhibit\w*)\s+(?:from\s+|any\s+)?)?(?:[\w-]+\s+)?"
    rf"(?P<harm>{_HARMS})\w*",
    re.I,
)


# "Which optimizer avoids performance degradation ...?": the question has it spared too (not
# the "free" of "source-free")
_KEEPS_FROM = re.compile(
    r"(?<![\w-])(?:avoid|prevent|mitigat|reduc|alleviat|resist|spared|immune|free|robust|overcom|withstand)",
    re.I,
)


def _spared_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks how or why something suffers a harm (overfitting, forgetting) that the
    abstract, every time it names that harm, says it is spared.

    >>> _spared_after_all("How badly do the fine-tuned models overfit?",
    ...     "We find that carefully fine-tuned models do not suffer from overfitting.")
    ('"overfit"', '"not suffer from overfitting"')
    >>> _spared_after_all("How badly do prior methods overfit?",
    ...     "Prior methods overfit. Ours does not overfit.")
    >>> _spared_after_all("Does the model overfit?", "The model does not overfit.")
    """
    asked = _ASKS_HARM.match(question)
    # (what the question goes on to ask, "... and what regularizer is added to prevent it?",
    # takes the harm for granted all the more)
    if not asked or _ASKS_NOT.search(question) or _KEEPS_FROM.search(asked[0]):
        return None
    harm = asked["harm"].lower()[:6]
    mentions = [m for m in re.finditer(rf"\b{_HARMS}", abstract, re.I) if m[0].lower()[:6] == harm]
    spared = [m for m in _SPARED.finditer(abstract) if m["harm"].lower()[:6] == harm]
    if not spared or len(spared) < len(mentions):
        return None  # "Prior methods overfit": said of something, so it may be asked why
    return f'"{asked["harm"]}"', f'"{spared[0][0].strip()}"'


# "Why did OPT-175B need seven times the carbon footprint of GPT-3?" of "only 1/7th the
# carbon footprint": a multiple where the abstract gives the fraction.
_TIMES = re.compile(
    rf"\b(?P<n>\d+|{'|'.join(NUMBER_WORDS[:9])})\s*(?:times|x)\s+"
    r"(?:the|as\s+much|more)\b(?P<what>(?:\s+[\w-]+){0,2})",
    re.I,
)
# what "1/7th" or "one seventh" is written as
_ORDINAL = {"2": "half", "3": "third", "4": "quarter", "5": "fifth", "6": "sixth",
            "7": "seventh", "8": "eighth", "9": "ninth", "10": "tenth"}  # fmt: skip


def _fraction_not_multiple(question: str, abstract: str) -> tuple[str, str] | None:
    """>>> _fraction_not_multiple("Why did it need seven times the energy?", "only 1/7th the energy")
    ('seven times the energy', '1/7th the energy')
    """
    found = _TIMES.search(question)
    if not found:
        return None
    n = str(count_value(found["n"]))  # "seven" -> "7"
    fraction = re.search(
        rf"\b1\s*/\s*{n}(?:th|rd|nd)?\b|\bone[- ]{_ORDINAL.get(n, '@')}\b", abstract
    )
    if fraction is None:
        return None
    what = found["what"].strip() or "amount"
    return f"{found['n']} times the {what}", f"{fraction[0]} the {what}"


# "the third Ada-LEval subset": an ordinal past what the abstract counts ("two ... subsets")
_PLACES = {"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
           "ninth": 9, "tenth": 10}  # fmt: skip
_NTH = re.compile(
    rf"\b(?:the|its|their|[\w-]+'s)\s+({'|'.join(_PLACES)})((?:\s+[\w-]+){{1,3}})", re.I
)


def _past_the_count(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks for the n-th of something the abstract counts fewer of.

    >>> _past_the_count("How is the third Ada-LEval subset scored?",
    ...     "Ada-LEval includes two challenging subsets, TSort and BestAnswer.")
    ('a third subset', 'two challenging subsets')
    >>> _past_the_count("How is the third subset scored?", "two subsets; the third one") is None
    True
    >>> _past_the_count("Which is its third task?", "two pre-training tasks; four tasks") is None
    True
    >>> _past_the_count("What is X's fourth strategy?", "three effective strategies")
    ('a fourth strategy', 'three effective strategies')
    >>> _past_the_count("What is X's third stage?", "a two-stage training")
    ('a third stage', 'two-stage')
    >>> _past_the_count("What is X's third training stage?", "pre-trained, then fine-tuned in two stages")
    >>> _past_the_count("What is X's third stage?", "pre-trained, then fine-tuned in two stages")
    >>> _past_the_count("What is its fourth task?", "three syntactic tasks and one semantic task")
    """
    for found in _NTH.finditer(question):
        place = found[1].lower()
        if re.search(rf"\b{place}\b", abstract, re.I):
            return None  # "two subsets ... and a third": counted on
        plain = re.findall(r"\b[a-z][a-z-]{3,}\b", found[2])
        for n, thing in enumerate(plain):
            # "three strategies", "two-stage"
            things = (
                re.escape(thing[:-1]) + "ies" if thing.endswith("y") else re.escape(thing) + "s"
            )
            counts = [
                (count_value(m[1]), m[0])
                for m in re.finditer(
                    # (not "fine-tuned in two stages": the stages of fine-tuning, after
                    # pre-training, no count of the "third stage" asked)
                    rf"(?<!\bin\s)\b(\d+|{'|'.join(NUMBER_WORDS[:9])})"
                    rf"(?:\s+(?:[\w-]+\s+){{0,2}}?{things}|-{re.escape(thing)})\b",
                    abstract,
                    re.I,
                )
            ]
            # "three morphosyntactic tasks ... and one semantic classification task": one more
            counts += [
                (1, m[0])
                for m in re.finditer(
                    rf"\b(?:and|plus)\s+(?:one|a|an)\s+(?:[\w-]+\s+){{0,3}}?{re.escape(thing)}\b",
                    abstract,
                    re.I,
                )
            ]
            # every count of them ("two structure-aware pre-training tasks" and later "four
            # tasks" reach a third task), each of what the question says they are: "fine-tuned
            # in two stages" counts no "third training stage" (pre-training was the first)
            said = [c for c in counts if all(q in c[1].lower() for q in plain[:n])]
            if said and sum(c for c, _ in counts) < _PLACES[place]:
                return f"a {place} {thing}", said[0][1]
    return None


# "text samples up to 128k tokens": the most the paper goes to, in a unit
# (not "restricting inputs to a maximum of 77 tokens": a limit the paper lifts)
_A_FIGURE_IN = r"(\d[\d.,]*[KMBkmb]?)[-\s]([a-z]+)"  # a figure, then its unit: "128k tokens"
_UP_TO = re.compile(rf"\b(?:up\s+to|at\s+most)\s+{_A_FIGURE_IN}", re.I)
_LIMITED = re.compile(r"\b(?:limit\w*|restrict\w*|constrain\w*|only)\b", re.I)
_FIGURE_UNIT = re.compile(rf"\b{_A_FIGURE_IN}", re.I)
# A share and what it is of, a word further on too: "90% weight sparsity", "up to 75% sparsity"
_SHARE_IN = r"(\d[\d.,]*%)\s+([a-z]+)(?:\s+([a-z]+))?"
_UP_TO_SHARE = re.compile(rf"\b(?:up\s+to|at\s+most)\s+{_SHARE_IN}", re.I)


def _past_the_limit(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks about more of a unit than the abstract says the paper goes up to.

    >>> _past_the_limit("How do models score on Ada-LEval's 1M-token test cases?",
    ...     "It can produce text samples up to 128k tokens.")
    ('1M tokens', 'up to 128k tokens')
    >>> _past_the_limit("How do models score on its 100k-token cases?", "up to 128k tokens")
    >>> _past_the_limit("Does it reach 1M tokens?", "up to 128k tokens")
    >>> _past_the_limit("How does it do at 1M tokens?", "up to 128k tokens, and then 1M tokens")
    >>> _past_the_limit("Which 175B-parameter model does UL2 outperform?",
    ...     "UL2 20B outperforms 175B GPT-3 on zero-shot SuperGLUE, scaling up to 20B parameters.")
    >>> _past_the_limit("How does TULIP encode captions of 200 tokens?",
    ...     "These models are limited, restricting inputs to a maximum of 77 tokens.")
    >>> _past_the_limit("What does it lose with 90% weight sparsity?", "We induce up to 75% sparsity into GPT-3.")
    ('90% sparsity', 'up to 75% sparsity')
    >>> _past_the_limit("What does it lose with 50% weight sparsity?", "We induce up to 75% sparsity into GPT-3.")
    >>> _past_the_limit("What does it lose with 90% sparsity?", "It goes up to 75% sparsity; 90% sparsity fails.")
    """
    if _ASKS_WHETHER.search(question):
        return None
    # what the paper itself goes to: not others' ("LLMs ... support ... up to 10 million tokens")
    own = " ".join(
        s for s in split_sentences(abstract) if not (_EARLIER_WORK.search(s) or _LIMITED.search(s))
    )
    return _past_the_share(question, own, abstract) or _past_the_amount(question, own, abstract)


def _past_the_share(question: str, own: str, abstract: str) -> tuple[str, str] | None:
    """A share asked for ("90% weight sparsity") beyond the share ``own`` goes up to."""
    for limit in _UP_TO_SHARE.finditer(own):
        unit, most = set(tokenize(limit[2])), figure_value(limit[1]) or 0.0
        for asked in re.finditer(_SHARE_IN, question):
            if asked[1] in abstract:
                continue  # the abstract writes the share asked about too
            words = set(tokenize(asked[2])) | set(tokenize(asked[3] or ""))
            if unit and unit <= words and (figure_value(asked[1]) or 0.0) > most * 1.05:
                return f"{asked[1]} {limit[2]}", f"up to {limit[1]} {limit[2]}"
    return None


def _past_the_amount(question: str, own: str, abstract: str) -> tuple[str, str] | None:
    """A figure asked for in a unit ("1M tokens") beyond what ``own`` goes up to."""
    if not _FIGURE_UNIT.search(question):
        return None
    limits = [(figure_value(m[1]), m) for m in _UP_TO.finditer(own)]
    for asked in _FIGURE_UNIT.finditer(question):
        value, unit = figure_value(asked[1]), set(tokenize(asked[2]))
        if not value or not unit:
            continue
        if any(figure_value(w) == value for w in abstract.split()):
            continue  # "175B GPT-3": the figure is another model's, written in the abstract
        stated = [
            v
            for m in _FIGURE_UNIT.finditer(abstract)
            if (v := figure_value(m[1])) and set(tokenize(m[2])) == unit
        ]
        for limit, m in limits:
            beyond = limit and set(tokenize(m[2])) == unit and value > limit * 1.05
            if beyond and max(stated, default=0.0) < value:
                return f"{asked[1]} {m[2]}", f"up to {m[1]} {m[2]}"
    return None


# "How much did adding clinical notes to pre-training raise ...?" of "clinical notes were not
# used": the question has the paper use what its abstract says it left out.
_ADDS = re.compile(
    r"\b(?:adding|added|adds?|using|included|including|incorporating|incorporated)\s+(?:the\s+)?"
    r"((?:[\w-]+\s+){0,2}?[\w-]+?)(?=\s+(?:to|in|into|for|during|when|while|and|as|on|at)\b"
    r"|\s*[?,.;]|$)",
    re.I,
)


def _left_out_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper use what its abstract says it left out.

    >>> _left_out_after_all("How much did adding clinical notes to pre-training help?",
    ...     "Our model, in which clinical notes were not used during pre-training, wins.")
    ('using clinical notes', 'not using clinical notes')
    >>> _left_out_after_all("How much did adding clinical notes help?", "Clinical notes help.")
    """
    for found in _ADDS.finditer(question):
        thing = found[1].strip()
        if len(thing) < 6:
            continue
        written = _apart(thing.split())
        left_out = (
            rf"\b{written}\s+(?:was|were|is|are)\s+not\s+(?:used|included|added|incorporated)"
            rf"|\bwithout\s+(?:using\s+|any\s+)?(?:the\s+)?{written}\b"
        )
        if re.search(left_out, abstract, re.I):
            return f"using {thing}", f"not using {thing}"
    return None


# "... without first going through the abstract syntax tree": what the paper does without;
# not a baseline ("over the method without decoder pre-training")
_WITHOUT_IT = re.compile(
    r"(?<!method\s)(?<!model\s)(?<!models\s)(?<!baseline\s)(?<!variant\s)(?<!those\s)"
    r"(?<!one\s)(?<!system\s)\bwithout\s+(?:[\w-]+\s+){0,6}$"
    # "without knowing either the pre-training dataset or the downstream dataset"
    r"|\bwithout\s+(?:[\w-]+\s+){0,2}either\s+(?:[\w-]+\s+){1,4}or\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "Instead of taking syntactic-level structure of code like abstract syntax tree (AST), we use
# data flow": what the paper puts aside, in the same clause
INSTEAD_OF = r"(?:instead\s+of|rather\s+than|in\s+place\s+of)"
_PUT_ASIDE = re.compile(rf"\b{INSTEAD_OF}\s+(?P<between>(?:[\w-]+\s+){{0,7}})$", re.I)
# ... which a question may itself set against what is used: "Why does GraphCodeBERT prefer data
# flow over the abstract syntax tree?", "What does it use other than the AST?"
_SETS_AGAINST = re.compile(
    r"\b(?:than|over|versus|vs\.?|compar\w*|differ\w*|unlike|instead|rather|replac\w*|not|never"
    r"|or|drawbacks?|disadvantages?|avoid\w*)\b|n't\b",
    re.I,
)
# ... or put at another stage: "reconstruct pseudo codes instead of generating textual scripts"
# is pre-training; "What does the decoder learn before it learns to generate textual scripts?"
# asks what comes before them
_AT_ANOTHER_STAGE = re.compile(r"\b(?:before|after|until|later|then)\b", re.I)
# "... and is an abstract syntax tree involved?", "..., and does it need test-time
# fine-tuning?" ask whether (a clause of its own: "How does X use Y?" takes Y for granted)
_WHETHER = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:there\s+)?(?:an?|any)|whether(?:\s+\w+)?|if(?:\s+\w+)?"
    r"|any)\s+(?:[\w-]+\s+){0,2}$"
    r"|(?:^\W*|[,;]\s*(?:and\s+|or\s+)?|\b(?:and|or)\s+)(?:does|do|did|can|could|will|would)\s+"
    r"[\w-]+(?:\s+[\w-]+)?\s+(?:need|require|use|involve|rely\s+on|depend\s+on)\s+"
    r"(?:any\s+|an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _phrases(words: list[str], shortest: int, within: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The runs of two to four telling words ("the abstract syntax tree", not "of the"), at
    least ``shortest`` characters long, longest first, each as the abstract may write it;
    only those whose every word is in ``within`` (a pattern compiled for every run of every
    question cost a tenth of ask()'s time)."""

    def plain(text: str) -> str:  # what any match of _apart's pattern reads as, at least
        return re.sub(r"[\s-]+", " ", text.lower())

    low = plain(within)
    for size in (4, 3, 2):
        for start in range(len(words) - size + 1):
            phrase = words[start : start + size]
            if plain(" ".join(phrase)) not in low:
                continue
            if all(tokenize(w) for w in phrase) and len(" ".join(phrase)) >= shortest:
                written = _apart(phrase)
                yield " ".join(phrase), re.compile(rf"\b{written}\b", re.I)


# "the proposed new token masking method will not change the architecture and learning
# objective of original PTM": a thing the paper leaves as it was
_KEPT = re.compile(
    r"\b(?:(?:will|does|do|did|would|can)\s+not|n't|never)\s+(?:change|modify|alter|touch)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.I,
)
# "making only changes to the decoder without altering the encoder": one part left as it was
# (a part of one or two words, its last the head: "the model architecture")
_PART = r"(?P<part>[\w-]+(?:\s+(?!(?:and|or|of|to|in|for|with|by|does|do|did|is|are)\b)[\w-]+)?)\b"
_KEPT_PART = re.compile(
    r"\b(?:without|never|not)\s+(?:altering|changing|modifying|touching)\s+(?:the|its|their)\s+"
    + _PART,
    re.I,
)
# "What changes to BERT's encoder ... does DrBERT introduce?": the part asked to be changed
_CHANGES_TO = re.compile(
    r"\b(?:changes?|modifications?|alterations?)\s+(?:\w+\s+)?(?:to|in)\s+"
    r"(?:(?:the|its|their|[\w-]+'s)\s+)?" + _PART,
    re.I,
)
# "Our approach does not involve fine-tuning or learning additional parameters": not done
_NOT_DONE = re.compile(
    r"\b(?:(?:will|does|do|did|would|can|need)\s+not|n't|never)\s+(?:involve|use|require|need"
    r"|rely\s+on|employ|include|suffer\s+from|exhibit|show)\s+(?:any\s+|the\s+|an?\s+)?$",
    re.I,
)
# "... when selecting candidates in materials discovery?": the setting the question ends on
_ENDS_IN = re.compile(r"\b(?:in|on|for)\s+(?:the\s+)?([a-z][a-z]{3,})\s+([a-z][\w-]{3,})\s*\??\s*$")


_LANGUAGES = (
    "English|Chinese|German|French|Spanish|Japanese|Korean|Arabic|Hindi|Russian|Italian"
    "|Portuguese|Turkish|Dutch|Vietnamese|Indonesian|Polish|Swedish|Finnish|Greek|Hebrew|Thai"
)
# Things of one kind a paper may work on one or several of: languages, modalities (a modality
# by any of its words: "vision" is "images")
_MODALITIES = (
    ("text", r"text|textual"),
    ("vision", r"vision|visual|images?"),
    ("audio", r"audio|speech"),
    ("video", r"videos?"),
)
_ONE_OF = (tuple((language, language) for language in _LANGUAGES.split("|")), _MODALITIES)


def _named_beside(asked: str, other: str, text: str, family: tuple[tuple[str, str], ...]) -> bool:
    """Whether ``text`` names the other one of the family: any other language; a modality only
    listed with the asked one ("on text, vision, and audio"), as "Wikipedia text only" and
    "part-of-speech tagging" name no two modalities."""
    if family is not _MODALITIES:
        return bool(re.search(rf"\b(?:{other})\b", text))
    listed = r"\b(?:{})\b[\w\s-]{{0,30}}?(?:,|\band\b|\bor\b)\s*(?:and\s+)?(?:{})\b"
    return bool(
        re.search(listed.format(asked, other), text, re.I)
        or re.search(listed.format(other, asked), text, re.I)
    )


def _only_one_language(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper work in one language (or modality) only; its abstract names
    another too.

    >>> _only_one_language("Why was S2A evaluated on English benchmarks only?",
    ...     "Experiments on both English and Chinese GEC tasks show that S2A works.")
    ('English only', 'English and Chinese')
    >>> _only_one_language("Why English only?", "Unlike Chinese models, ours is English.")
    >>> _only_one_language("Why is it restricted to text-only language models?",
    ...     "We test the toolkit on text, vision, and audio benchmarks.")
    ('text only', 'text and vision')
    >>> _only_one_language("What grounds the frozen text-only LLM?",
    ...     "We fuse frozen text-only LLMs with image models, on text and images.")
    """
    # the paper's own work, not "unlike Chinese models"
    own = " ".join(
        s
        for s in split_sentences(abstract)
        if not re.search(r"\b(?:unlike|previous|prior|existing|earlier)\b", s, re.I)
    )
    for family in _ONE_OF:
        words = "|".join(said for _, said in family)
        # "text-only models"; not "the largest German-only model", a kind asked for
        joiner = r"[\s-]+" if family is _MODALITIES else r"\s+"
        only = re.search(
            rf"\b(?:only|solely|exclusively)\s+(?:on\s+|in\s+|for\s+)?(?P<a>{words})\b"
            rf"|\b(?P<b>{words})(?:[\s-]+[\w-]+){{0,2}}{joiner}only\b",
            question,
        )
        if not only:
            continue
        asked = only["a"] or only["b"]
        name, said = next((n, w) for n, w in family if re.fullmatch(w, asked))
        if re.search(rf"\b(?:{said}){joiner}only\b", abstract, re.I):
            continue  # "frozen text-only LLMs" with image models: the paper's own words
        others = [n for n, w in family if n != name and _named_beside(said, w, own, family)]
        if others and re.search(rf"\b(?:{said})\b", abstract):
            return f"{name} only", f"{name} and {others[0]}"
    return None


def _other_setting(question: str, abstract: str) -> tuple[str, str] | None:
    """The question ends on a setting ("materials discovery") whose kind the abstract names
    only as another ("drug discovery"), and never the question's word.

    >>> _other_setting("What FDR does OptCS achieve in materials discovery?",
    ...     "We apply OptCS to simulations and drug discovery.")
    ('materials discovery', 'drug discovery')
    >>> _other_setting("What does it cause in the learned representations?",
    ...     "It harms token representations.")
    >>> _other_setting("What is its biggest gain, and on which task?", "over training tasks")
    """
    found = _ENDS_IN.search(question)
    if not found or re.search(r"(?:ed|ing)$", found[1]):
        return None
    kind, head = found[1], found[2]
    if not tokenize(kind) or set(tokenize(kind)) & set(tokenize(abstract)):
        return None  # ("... and on which task?" names no setting)
    other = re.search(rf"\b([a-z][a-z]{{3,}})\s+{re.escape(head.removesuffix('s'))}s?\b", abstract)
    if other and tokenize(other[1]) and other[1] != kind:
        return f"{kind} {head}", other[0]
    return None


_LINKS = frozenset("when while if after before during than where whereas since unless".split())


def _taken_for_granted(word: str, question: str) -> bool:
    """Whether ``question`` takes ``word`` as there: "the overfitting", "fine-tuning objective";
    not "what happens to overfitting when ...?"."""
    w = re.escape(word)
    if re.search(rf"\b(?:the|its|their)\s+{w}\b", question, re.I):
        return True
    return any(
        tokenize(m[1]) and m[1].lower() not in _LINKS
        for m in re.finditer(rf"\b{w}\s+([\w-]+)", question, re.I)
    )


# a question that has the paper bring a new one: "What new learning objective ...?"
_ASKS_NEW = re.compile(
    r"\b(?:new|novel|extra|additional|adds?|introduc\w*|replac\w*|design\w*|modif\w*|chang\w*)\b",
    re.I,
)
# A training objective, however it is called: "what extra loss term does ROM add?" of "will
# not change the ... learning objective"
_OBJECTIVE = re.compile(
    r"\b(?:(?:training|learning|pre-?training)\s+)?(?:objectives?|loss(?:es)?)\b", re.I
)
_ASKS_KEPT = re.compile(r"\b(?:keeps?|kept|keeping|same|original|unchanged)\b", re.I)
_ASKS_NOT = re.compile(r"\b(?:not|no|never|without|n't)\b", re.I)
# ... said of what comes next: "not need to build an additional index", "doesn't need"
_DENIED_BEFORE = re.compile(r"(?:\b(?:not|no|never|without)\b|n't\b)(?:\s+[\w-]+){0,4}\s*$", re.I)


def _done_without(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper use a thing (two or more words) its abstract only names as
    what it does without.

    >>> _done_without("How are the abstract syntax tree nodes split into subwords?",
    ...     "We treat code as text without first going through the abstract syntax tree (AST).")
    ('using the abstract syntax tree', 'not using it')
    >>> _done_without("How does the abstract syntax tree help?",
    ...     "We compare models with and without the abstract syntax tree.")
    >>> _done_without("How much does decoder pre-training reduce WER?",
    ...     "It reduces WER by 19.2% over the method without decoder pre-training.")
    >>> _done_without("How does GraphCodeBERT linearize the abstract syntax tree?",
    ...     "Instead of taking structure of code like abstract syntax tree (AST), we use data flow.")
    ('using the abstract syntax tree', 'not using it')
    >>> _done_without("Why does GraphCodeBERT prefer data flow over the abstract syntax tree?",
    ...     "Instead of taking structure of code like abstract syntax tree (AST), we use data flow.")
    >>> _done_without("How is code read, and is an abstract syntax tree involved?",
    ...     "We treat code as text without first going through the abstract syntax tree (AST).")
    >>> _done_without("Why does it not need to build an additional index?",
    ...     "It works without the need of constructing additional index.")
    >>> _done_without("How does it use labels of the downstream dataset?",
    ...     "It attacks without knowing either the pre-training dataset or the downstream dataset.")
    ('using the downstream dataset', 'not using it')
    >>> _done_without("Which queries can it take, and does it need test-time fine-tuning?",
    ...     "It takes text and masks, without necessitating test-time fine-tuning.")
    >>> _done_without("How does it use test-time fine-tuning?",
    ...     "It takes text and masks, without necessitating test-time fine-tuning.")
    ('using the test-time fine-tuning', 'not using it')
    """
    against = bool(_SETS_AGAINST.search(question))
    for phrase, found in _asked_phrases(question, abstract):
        asked = re.search(_apart(phrase.split()), question, re.I)
        if asked and _DENIED_BEFORE.search(question[: asked.start()]):
            continue  # "Why does CorpusBrain not need to build an additional index?" says so too
        later = bool(asked and _AT_ANOTHER_STAGE.search(question[: asked.start()]))
        if all(
            _WITHOUT_IT.search(abstract[: m.start()])
            and not re.search(r"\bwith\s+(?:and|or)\s+without\b", abstract[: m.start()][-60:])
            for m in found
        ) or (
            not (against or later or _ASKS_WHAT_IT_IS.match(question))
            and all(_put_aside_by_it(question, abstract, phrase, m) for m in found)
            and not _kept_otherwise(phrase, abstract)
        ):
            return f"using the {phrase}", "not using it"
    return None


# "Why did TunBERT rely on Wikipedia and news articles ...?": a source of data, by its name
_RELIES_ON = re.compile(
    r"\b(?:rel(?:y|ies|ied|ying)\s+on|(?:pre-?)?train(?:s|ed|ing)?\s+on|buil[dt]\s+(?:from|on)"
    r"|drawn\s+from|(?:collected|gathered|crawled)\s+from)\s+(?P<what>[^?]{3,80})",
    re.I,
)
# "the use of noisy web crawled data instead of structured data (Wikipedia, articles, etc.)"
_USED_INSTEAD = re.compile(rf"(?P<used>(?:[\w-]+\s+){{1,4}}){INSTEAD_OF}\s+[^.;]{{0,60}}$", re.I)


def _source_put_aside(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper draw on a named source its abstract names only as what it
    used something else instead of.

    >>> _source_put_aside("Why did TunBERT rely on Wikipedia as its corpus?", "We show that "
    ...     "the use of noisy web crawled data instead of structured data (Wikipedia, articles, "
    ...     "etc.) is more convenient.")
    ('relying on Wikipedia', 'using noisy web crawled data instead')
    >>> _source_put_aside("Why did it rely on Wikipedia?", "We train on Wikipedia instead of "
    ...     "books, unlike models trained on Wikipedia alone.") is None
    True
    """
    asked = _RELIES_ON.search(question)
    if not asked:
        return None
    for name in re.findall(r"\b[A-Z][A-Za-z]{3,}\b", asked["what"]):
        written = list(re.finditer(rf"\b{name}\b", abstract))
        aside = [found for m in written if (found := _USED_INSTEAD.search(abstract[: m.start()]))]
        if written and len(aside) == len(written):
            used = " ".join(w for w in aside[0]["used"].split() if w.lower() not in _DETERMINERS)
            return f"relying on {name}", f"using {used} instead"
    return None


def _kept_otherwise(phrase: str, abstract: str) -> bool:
    """Whether the abstract writes the phrase's kind, with another head, outside what it puts
    aside: "instead of optimizing an adaptive pre-editing network towards a task" puts aside
    the optimizing, and "a pre-editing module" is the paper's own."""
    kind = phrase.split()[:-1]
    if len(" ".join(kind)) < 6:
        return False
    return any(
        not _PUT_ASIDE.search(abstract[: m.start()])
        for m in re.finditer(rf"\b{_apart(kind)}\b", abstract, re.I)
    )


# "What is the currently-standard practice ...?" asks what the thing put aside is, not how the
# paper uses it
_ASKS_WHAT_IT_IS = re.compile(r"^\W*what\s+(?:is|are|was|were)\b", re.I)
# Sentences about others' methods and their limits: "(c) The model provides binary decisions
# rather than appropriate confidence scores"
_OF_OTHERS = re.compile(r"\b(?:limitations?|these\s+methods|researchers)\b|\([a-c]\)", re.I)
# "Rather than appending an MLP head to make output prediction": what both ways are for
_PURPOSE = re.compile(
    r"\bto\s+(?:make|produce|obtain|get|achieve|perform|generate|improve|provide)\b", re.I
)
_DETERMINERS = frozenset("a an the its their our this these that".split())


def _put_aside_by_it(question: str, abstract: str, phrase: str, written: re.Match[str]) -> bool:
    """Whether the phrase ``written`` in ``abstract`` is what the paper itself puts aside
    ("Instead of taking ... abstract syntax tree (AST), we use data flow"), not what both ways
    share or what others do.

    >>> q = "How does the Poly-encoder compute its token level self-attention features?"
    >>> text = "It learns global rather than token level self-attention features."
    >>> _put_aside_by_it(q, text, "self-attention features", re.search("self-attention", text))
    True
    >>> q = "What self-attention features does the Poly-encoder learn?"
    >>> _put_aside_by_it(q, text, "self-attention features", re.search("self-attention", text))
    False
    """
    before = abstract[: written.start()]
    aside = _PUT_ASIDE.search(before)
    if not aside:
        return False
    # (the words between hold no full stop: the sentence is the one "instead of" opens in)
    sentence = before[max(before.rfind(". "), before.rfind("; ")) + 1 : aside.start()]
    between = aside["between"]
    if re.search(r"\bwhether\b", sentence, re.I):
        return False  # "detect whether ... is by a language model rather than a human author"
    if _OF_OTHERS.search(sentence + between) or _PURPOSE.search(between):
        return False
    asked = re.search(re.escape(phrase.split()[0]), question, re.I)
    if asked and re.search(r"\bfor\s+(?:[\w-]+\s+){0,2}$", question[: asked.start()], re.I):
        return False  # "What does VEDIT use for learning representations?": a purpose
    # "global rather than token level self-attention features": the features are shared by both
    # ways, unless the question asks for the token level ones
    words = [w for w in re.findall(r"[\w-]+", between) if w.lower() not in _DETERMINERS]
    verbal = any(w.lower().endswith("ing") or w.lower() in ("to", "that", "by") for w in words)
    asked_terms = set(tokenize(question))
    return not (words and not verbal and not any(set(tokenize(w)) & asked_terms for w in words))


def _left_unchanged(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper bring a new one of what its abstract leaves unchanged.

    >>> _left_unchanged("What new learning objective does ROM introduce?",
    ...     "ROM will not change the architecture and learning objective of original PTM.")
    ('a new learning objective', 'the learning objective left unchanged')
    >>> _left_unchanged("Since ROM keeps its learning objective, what does it change?",
    ...     "ROM will not change the architecture and learning objective of original PTM.")
    >>> _left_unchanged("What changes to BERT's encoder does DrBERT introduce?",
    ...     "We make only changes to the decoder without altering the encoder.")
    ('changes to the encoder', 'the encoder left unchanged')
    >>> _left_unchanged("What changes to BERT's decoder does DrBERT introduce?",
    ...     "We make only changes to the decoder without altering the encoder.")
    >>> _left_unchanged("What changes to the model parameters does HFT make?",
    ...     "Without changing the model architecture, HFT could be integrated.")
    >>> _left_unchanged("What changes to the model architecture does HFT require?",
    ...     "Without changing the model architecture, HFT could be integrated.")
    ('changes to the architecture', 'the architecture left unchanged')
    """
    if not _ASKS_NEW.search(question) or _ASKS_KEPT.search(question):
        return None
    asked_part = _CHANGES_TO.search(question)
    # the same head: "the model parameters" are no "model architecture" left as it was
    head = asked_part and asked_part["part"].split()[-1].lower()
    if head and any(
        kept["part"].split()[-1].lower() == head for kept in _KEPT_PART.finditer(abstract)
    ):
        return f"changes to the {head}", f"the {head} left unchanged"
    for phrase, found in _asked_phrases(question, abstract):
        if all(_KEPT.search(abstract[: m.start()]) for m in found):
            return f"a new {phrase}", f"the {phrase} left unchanged"
    asked = _OBJECTIVE.search(question)
    kept = [m for m in _OBJECTIVE.finditer(abstract) if _KEPT.search(abstract[: m.start()])]
    if asked and kept:
        return f"a new {asked[0].lower()}", f"the {kept[0][0].lower()} left unchanged"
    return None


def _asked_phrases(question: str, abstract: str) -> Iterator[tuple[str, list[re.Match[str]]]]:
    """The question's phrases (two to four telling words) the abstract writes, each with where
    it does; none where the question has the paper go without, or asks whether it is there."""
    if re.search(r"\bwithout\b", question, re.I) or _GOES_WITHOUT.search(question):
        return
    for phrase, written in _phrases(re.findall(r"[\w-]+", question), 10, abstract):
        asked = written.search(question)
        # (nor where the question puts it aside itself: "Rather than the abstract syntax tree,
        # what structure ...?")
        if asked and (
            _WHETHER.search(question[: asked.start()])
            or _PUT_ASIDE.search(question[: asked.start()])
        ):
            continue
        found = list(written.finditer(abstract))
        if found:
            yield phrase, found


# A question that has the paper add something: "without extra X" rules out only more of X
_ADDED = re.compile(r"\b(?:adds?|added|adding|introduc\w*|extends?|extended)\b", re.I)
# Words after "without X" that leave X whole: "pretraining without attention by using ..."
_BARE_AFTER = frozenset("by through via".split())
# "improvements over the baselines without pre-training": what others go without
_OTHERS_WITHOUT = re.compile(
    r"\b(?:baselines|models|methods|approaches|counterparts|those|ones)\s+$", re.I
)


def _word_forms(word: str) -> str:
    """A pattern for ``word`` and its plural: "vocabulary" is "vocabularies" too."""
    if len(word) > 5 and word.endswith("y"):
        return rf"{re.escape(word[:-1])}(?:y|ies)"
    return rf"{re.escape(word)}s?" if len(word) > 5 and not word.endswith("s") else re.escape(word)


def _kind_ruled_out(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper use a thing its abstract never writes, of a kind the paper
    works without.

    >>> _kind_ruled_out("How does X use task identifiers to pick key-value pairs?",
    ...     "We show that the proposed model - without any task boundaries - reduces forgetting.")
    ('using task identifiers', 'working without any task boundaries')
    >>> _kind_ruled_out("Which sparse attention pattern does BiGS combine with gating?",
    ...     "This work explores pretraining without attention by using state-space models.")
    ('using attention pattern', 'working without attention')
    >>> _kind_ruled_out("Which location tokens does Shikra add to its vocabulary to encode boxes?",
    ...     "It works without the need for extra vocabularies, position encoder, or modules.")
    ('using vocabulary', 'working without the need for extra vocabularies')
    >>> _kind_ruled_out("How many tokens of training data does ZeTT need to close the gap?",
    ...     "It closes the gap without extra training.")
    >>> _kind_ruled_out("What does Mirror-BERT rely on as its supervision?",
    ...     "It learns without any supervision.")
    """
    if _ASKS_NOT.search(question) or _GOES_WITHOUT.search(question):
        return None
    low = abstract.lower()
    if "without" not in low:
        return None  # (before a pattern for every pair of the question's words)
    # (a word alone before a small word or the end too: "... add to its vocabulary to ...")
    for first, after_first in pairwise([*re.findall(r"[\w-]+", question), ""]):
        second = after_first if tokenize(after_first) else ""
        if len(first) < 4 or first[:4].lower() not in low or not tokenize(first):
            continue  # (a word the abstract never writes is ruled out nowhere in it)
        if re.search(rf"\b{re.escape(first)}\s+{re.escape(second)}", abstract, re.I):
            continue
        # "without any task boundaries"; "pretraining without attention by using SSMs" rules
        # out the whole of it (not "without pre-training or with other ...", a list)
        ruled_out = next(
            (
                m
                for m in re.finditer(
                    # ("without the need for extra vocabularies" of "add to its vocabulary": no
                    # more of it, which only a question adding some assumes)
                    rf"\bwithout\s+(?:the\s+need\s+(?:for|of)\s+)?(?:any\s+)?"
                    rf"(?P<extra>(?:extra|additional)\s+)?"
                    rf"{_word_forms(first)}(?:\s+(?P<next>[a-z][\w-]+)|(?=[.,;]))",
                    abstract,
                    re.I,
                )
                if not _OTHERS_WITHOUT.search(abstract[: m.start()])
                and (not m["extra"] or _ADDED.search(question))
            ),
            None,
        )
        if ruled_out is None or not (second or ruled_out["extra"]):
            continue
        after = ruled_out["next"] or ""
        whole = not after or after.lower() in _BARE_AFTER
        if (
            (whole or tokenize(after))
            and _taken_for_granted(first, question)
            # what the question names is never written ("identifiers"), only ruled out
            and not set(tokenize(second)) & set(tokenize(abstract))
        ):
            said = ruled_out[0] if tokenize(after) else ruled_out[0].removesuffix(after)
            return f"using {first} {second}".strip(), f"working {said.strip()}"
    return None


def _not_involved(question: str, abstract: str) -> tuple[str, str] | None:
    """The question takes for granted one telling word the abstract only says is not there.

    >>> _not_involved("What fine-tuning objective is used?",
    ...     "Our approach does not involve fine-tuning or learning additional parameters.")
    ('fine-tuning', 'no fine-tuning')
    """
    if _ASKS_NOT.search(question) or _GOES_WITHOUT.search(question):
        return None
    low = abstract.lower()
    if not re.search(r"not\b|n't\b|\bnever\b", low):
        return None  # nothing said not to be there (_NOT_DONE), before a pattern a word
    words = re.findall(r"[\w-]+", question)
    for word in dict.fromkeys(w for w in words if len(w) >= 6 and tokenize(w)):
        if word.lower() not in low or not _taken_for_granted(word, question):
            continue
        found = list(re.finditer(rf"\b{re.escape(word)}\b", abstract, re.I))
        if found and all(_NOT_DONE.search(abstract[: m.start()]) for m in found):
            return word.lower(), f"no {word.lower()}"
    return None


# "Why was ERNIE 2.0 ... never evaluated on Chinese benchmarks?": where it never went
# (what was never done with it: not "[MASK] tokens never show up in downstream data", which is
# no work of the paper's)
_NEVER_ON = re.compile(
    r"\b(?:never|not)\s+(?!only\b)(?:(?:[\w-]+\s+)?[\w-]+(?:ed|un)\s+)?(?:on|in|with|for)\s+"
    r"(?:the\s+|any\s+)?(?P<thing>[\w-]+)",
    re.I,
)
_SAID_NOT = re.compile(r"\b(?:not|no|never|without|nor)\b[^.;,]{0,40}$", re.I)


def _done_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper never did a thing on X; its abstract says it did.

    >>> _done_after_all("Why was ERNIE 2.0 never evaluated on Chinese benchmarks?",
    ...     "ERNIE 2.0 outperforms BERT on 16 tasks including several common tasks in Chinese.")
    ('nothing on Chinese', 'work on Chinese')
    >>> _done_after_all("Why was it never tried on Chinese?", "It was not tried on Chinese.")
    >>> _done_after_all("Why do [MASK] tokens never show up in downstream data?",
    ...     "[MASK] tokens are absent in downstream tasks.")
    """
    for found in _NEVER_ON.finditer(question):
        thing = found["thing"]
        if not tokenize(thing) or len(thing) < 4:
            continue
        written = [
            m
            for m in re.finditer(rf"\b{re.escape(thing)}\b", abstract, re.I)
            if not _SAID_NOT.search(abstract[: m.start()])
        ]
        if written:
            return f"nothing on {thing}", f"work on {thing}"
    return None


# "the recently proposed sequence tagging models ... are conditioned on ... tagging labels":
# a sentence about other work, not the paper's
_OTHERS = re.compile(
    r"\b(?:recently\s+proposed|existing|previous|prior|earlier|conventional|traditional|current)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:models?|methods?|approaches|works?|systems?|studies)\b"
    # what is usually done: "For a long time, different recommendation tasks typically require"
    r"|\b(?:typically|traditionally|conventionally|usually)\s+(?:require|use|rely|need|adopt)",
    re.I,
)
_AUXILIARY = r"(?:does|do|did|is|are|was|were|has|have|had|can|will)"
_OWN = re.compile(r"\b(?:we|our|this\s+(?:paper|work))\b", re.I)
_WHY_PICKED = re.compile(
    r"\W*why\s+(?:[\w-]+\s+){1,5}?(?:pick|choose|chose|use|adopt|select|prefer|rely\s+on)\w*\s+"
    r"(?:the\s+|an?\s+)?((?:(?!(?:as|for|in|on|to|over|with|instead|rather)\b)[\w-]+,?\s+){1,5})",
    re.I,
)
# a question asking about the others itself: "What problem of existing methods ...?"
_ASKS_OF_OTHERS = re.compile(
    r"\b(?:existing|previous|prior|earlier|other|others|baselines?|problems?|limitations?"
    r"|drawbacks?|shortcomings?|overcomes?|address(?:es)?|solves?|fix(?:es)?|unlike|instead"
    r"|compared?|versus|vs)\b",
    re.I,
)


def _others_not_its(question: str, abstract: str) -> tuple[str, str] | None:
    """The question gives the paper's thing what its abstract says of other work only.

    >>> _others_not_its("Which language-specific tagging labels does S2A depend on?",
    ...     "The recently proposed sequence tagging models are conditioned on human designed "
    ...     "language-specific tagging labels. We propose S2A, which generates its own actions.")
    ('language-specific tagging labels', 'them only as what other work uses')
    >>> _others_not_its("Which task-specific losses does P5 combine?", "For a long time, "
    ...     "recommendation tasks typically require task-specific objectives. P5 learns all "
    ...     "tasks with the same language modeling objective.")
    ('task-specific losses', 'them only as what other work uses')
    >>> _others_not_its("Why did they pick masked language modeling as its objective?",
    ...     "Current Arabic approaches rely only on masked language modeling. We use RTD.")
    ('masked language modeling', 'them only as what other work uses')
    >>> _others_not_its("What tagging labels do existing models depend on?",
    ...     "Existing models are conditioned on tagging labels. We propose S2A.")
    """
    if _ASKS_OF_OTHERS.search(question):
        return None
    # what is asked for ("Which human-designed, language-specific tagging labels ..."), not
    # the setting ("NMT models initialized from pre-trained language models")
    head = re.match(r"\W*(?:which|what)\s+((?:[\w-]+,?\s+){1,5})", question, re.I)
    # "Why did the AraELECTRA authors pick masked language modeling as ...?": what was picked
    head = head or _WHY_PICKED.match(question)
    if head is None:
        return None
    # other work as what the sentence is about, not beside it ("rivaling conventional methods")
    sentences = split_sentences(abstract)
    of_others = {
        s for s in sentences if (m := _OTHERS.search(s)) and m.start() < 60 and not _OWN.search(s)
    }
    words = re.findall(r"[\w-]+", head[1])
    # a hyphenated word is a phrase of its own: "task-specific" (loss functions)
    compounds = [
        (w, re.compile(rf"\b{re.escape(w)}\b", re.I))
        for w, after in pairwise(words)
        # as the kind of a thing asked for: not "pre-trained on"
        if "-" in w and len(w) >= 10 and tokenize(after) and after.lower() not in _LINKS
    ]
    for phrase, written in [*_phrases(words, 12, abstract), *compounds]:
        holding = [s for s in sentences if written.search(s)]
        if holding and all(s in of_others for s in holding):
            said = re.search(
                rf"\b{re.escape(phrase)}(?:\s+(?!{_AUXILIARY}\b)[\w-]+){{0,2}}", head[1]
            )
            return (said[0] if said else phrase), "them only as what other work uses"
    return None


# Ends that exclude one another, said of the same thing: "the last character of each token"
# of "single first characters from tokens".
_ENDS = {"first": "last", "last": "first", "left": "right", "right": "left",
         "leftmost": "rightmost", "rightmost": "leftmost", "minimum": "maximum",
         "maximum": "minimum"}  # fmt: skip
_AN_END = re.compile(rf"\b({'|'.join(_ENDS)})\s+([a-z][\w-]{{3,}})\b", re.I)


def _other_end(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks of one end where the abstract gives only the other.

    >>> _other_end("What does a model pre-trained only on the last character retain?",
    ...     "A model pre-trained only on single first characters retains 90%.")
    ('the last character', 'the first characters')
    >>> _other_end("What does the last character give?", "first and last characters") is None
    True
    """
    for found in _AN_END.finditer(question):
        end, thing = found[1].lower(), found[2].lower()
        if thing in _ENDS or not tokenize(thing):
            continue

        def said(word: str, thing: str = thing) -> re.Match[str] | None:
            return re.search(rf"\b{word}\s+(?:[\w-]+\s+)?{re.escape(thing)}s?\b", abstract, re.I)

        other = said(_ENDS[end])
        if other and not said(end) and not re.search(rf"\b{end}\b", abstract, re.I):
            return f"the {end} {thing}", f"the {_ENDS[end]} {other[0].split()[-1].lower()}"
    return None


# Sides of a model or a text that exclude one another: "on the decoder side" of "two
# objectives on the encoder side"
# (not "source"/"target" nor "input"/"output": "between the source and target tokens", "from
# the draft output sequence" beside "combining the input sequence", a text has both at once)
_SIDES = {"encoder": "decoder", "decoder": "encoder", "lower": "upper", "upper": "lower",
          "top": "bottom", "bottom": "top"}  # fmt: skip
_A_SIDE = re.compile(rf"\b({'|'.join(_SIDES)})[\s-]+([a-z][\w-]{{2,}})\b", re.I)


def _other_side_there(question: str, abstract: str) -> tuple[str, str] | None:
    """The question puts at one side what the abstract's sentence most like it puts at the
    other: "Which two objectives does E2S2 add on the decoder side?" of "E2S2 adopts two
    self-supervised objectives on the encoder side" (its "decoder side" is earlier work's).

    >>> _other_side_there("Which two objectives does E2S2 add on the decoder side?",
    ...     "Prior models focus on objectives on the decoder side. "
    ...     "E2S2 adopts two objectives on the encoder side.")
    ('the decoder side', 'the encoder side')
    >>> _other_side_there("Which objectives does E2S2 add on the decoder side?",
    ...     "E2S2 adds objectives on the decoder side and the encoder side.") is None
    True
    """
    for found in _A_SIDE.finditer(question):
        side, thing = found[1].lower(), found[2].lower()
        if not tokenize(thing):
            continue  # "the encoder and ...": no thing of a side
        other = _SIDES[side]
        asked = set(tokenize(question)) - set(tokenize(f"{side} {other} {thing}"))

        def at(end: str, sentence: str, bare: bool = False, thing: str = thing) -> bool:
            # the side asked may be written bare ("... while BT brings more benefits to the
            # decoder."); the other only with the thing ("one pre-trained decoder." is no
            # "decoder controller")
            said = rf"\b{end}[\s-]+{re.escape(thing)}\b" + (
                rf"|\b{end}(?=\s*(?:[.,;)]|$))" if bare else ""
            )
            return bool(re.search(said, sentence, re.I))

        scored = [
            (len(asked & set(tokenize(sentence))), at(side, sentence, bare=True), sentence)
            for sentence in split_sentences(abstract)
            if at(side, sentence, bare=True) or at(other, sentence)
        ]
        if not scored:
            continue
        best = max(score for score, _, _ in scored)
        tops = [(there, sentence) for score, there, sentence in scored if score == best]
        if best >= 2 and len(tops) == 1 and not tops[0][0]:
            return f"the {side} {thing}", f"the {other} {thing}"
    return None


# "What contrastive loss does CharBERT use?": a part of a kind its abstract never names
_COMPONENT = re.compile(
    # after a determiner or a name: "its ... loss", "the BM25 sparse index", not "avoid tokenizers"
    r"\b(?P<lead>(?-i:its|their|a|an|the|what|which|any|with|of|[A-Z0-9][\w-]*(?:'s|’s)?))\s+"
    r"(?P<kind>(?:[a-z][a-z-]+\s+){0,3}[a-z][a-z-]+)\s+(?P<part>loss(?:es)?|objectives?|tokenizers?|regulari[sz](?:er|ation)"
    r"|index|modules?|rewards?"
    # "ETC's random sparse attention pattern" of a paper with global-local attention
    r"|attention(?:\s+(?:patterns?|mechanisms?|schemes?))?)(?![\w-])"
)
# "the largest accuracy loss", "a near-optimal loss": a loss as a drop or a measure, no part
_NO_PART = frozenset(
    tokenize(
        "accuracy performance quality information optimal near-optimal test validation get "
        "well perplexity"
    )
)
# words that say which one, not what kind: "its extra objective", "the pre-training loss"
_ANY_KIND = frozenset(
    tokenize(
        "extra additional auxiliary main new own kind type same other final total overall "
        "training pre-training pretraining fine-tuning specific particular custom different "
        "separate single joint combined each every any best proposed novel primary secondary "
        "standard original used its their whole entire first second third last simple "
        "pluggable weighted plain basic vanilla"
    )
)


def _component_unnamed(
    question: str, abstract: str, weight: Callable[[str], float]
) -> tuple[str, str] | None:
    """The question has the paper use a part of a kind ("a contrastive loss") its abstract
    never writes, a kind the collection knows (weighted above nothing).

    >>> idf = {"contrast": 3.0, "distil": 3.0}.get
    >>> _component_unnamed("What contrastive loss does X use?", "X masks tokens.", idf)
    ('a contrastive loss', 'no contrastive loss')
    >>> _component_unnamed("What contrastive loss does X use?", "A contrastive objective.", idf)
    >>> _component_unnamed("What extra objective does X add?", "X masks tokens.", idf)
    >>> idf = {"caption": 3.0, "match": 2.0, "contrast": 2.0}.get
    >>> _component_unnamed("How is its caption contrastive matching loss weighted?",
    ...     "Contrastive learning over captions.", idf)
    ('a caption contrastive matching loss', 'no caption contrastive matching loss')
    >>> idf = {"back": 3.0, "translat": 2.0}.get
    >>> _component_unnamed("How does X use back-translation of data?", "X corrupts spans.", idf)
    ('using back-translation', 'no back-translation')
    >>> idf = {"knowledg": 2.0, "distil": 3.0}.get
    >>> _component_unnamed("How does 'A B' use knowledge distillation?", "A B copies weights.", idf)
    ('using knowledge distillation', 'no knowledge distillation')
    >>> idf = {"span": 3.0, "corrupt": 3.0, "replac": 2.0}.get
    >>> _component_unnamed("Why did X adopt span corruption as its second objective?",
    ...     "X is trained with two objectives: replaced token detection and denoising.", idf)
    ('span corruption as its objective', 'no span corruption')
    >>> _component_unnamed("Why did X adopt span corruption as its second objective?",
    ...     "X adds a span corruption objective.", idf)
    >>> idf = {"random": 2.0, "spars": 2.0}.get
    >>> _component_unnamed("How does ETC's random sparse attention pattern scale?",
    ...     "ETC uses a global-local attention mechanism.", idf)
    ('a random sparse attention pattern', 'no random sparse attention pattern')
    """
    if _GOES_WITHOUT.search(question):
        return None  # "Why does X avoid tokenizers?" has it go without
    own = joined(tokenize(abstract))  # "autoregressive" of "auto-regressive" too
    for found in _COMPONENT.finditer(question):
        if found["part"].lower().startswith("attention") and not re.search(
            r"(?:'s|’s|^its|^their)$", found["lead"]
        ):
            continue  # "ETC's random sparse attention", not "how does CoPE let attention ..."
        # "its masked image modeling": from the first word that says which kind
        words = found["kind"].split()
        while words and (not tokenize(words[0]) or set(tokenize(words[0])) & _ANY_KIND):
            words = words[1:]
        # ... to the last: "its image-text contrastive pre-training loss" is a contrastive one
        while len(words) > 1 and set(tokenize(words[-1])) & _ANY_KIND:
            words = words[:-1]
        last = set(tokenize(words[-1])) if words else set()
        if not last or last & (_ANY_KIND | _NO_PART) or words[-1].endswith("est"):
            continue
        kind = " ".join(words)
        # ... or the word next to the part, which says what kind it is: "image-caption
        # contrastive matching loss" of an abstract with captions and no matching at all
        if _unwritten(kind, own, weight) or (len(words) > 1 and _unwritten(words[-1], own, weight)):
            part = found["part"].lower()
            a = "an" if kind[0] in "aeiou" else "a"
            return f"{a} {kind} {part}", f"no {kind} {part}"
    for found in _AS_ITS_PART.finditer(question):
        # "adopt span corruption as its second pre-training objective": the part is named first
        kind, part = found["kind"], found["part"].lower()
        if _unwritten(kind, own, weight):
            return f"{kind} as its {part}", f"no {kind}"
    used = _USES_A_TECHNIQUE.match(question) or _DOES_A_TECHNIQUE.match(question)
    if used and not _GOES_WITHOUT.search(question):
        technique = _TECHNIQUE_OF.get(used["kind"].lower(), used["kind"])
        if _unwritten(technique, own, weight):
            return f"using {technique}", f"no {technique}"
    return None


# "Why did GanLM adopt span corruption as its second pre-training objective?"
_AS_ITS_PART = re.compile(
    r"\b(?:adopt|use|choose|chose|pick|select|add|employ|introduce|include)\w*\s+"
    r"(?P<kind>(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+)\s+as\s+(?:its|their|the|an?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<part>loss(?:es)?|objectives?|tokenizers?|regulari[sz](?:er|ation)"
    r"|index|modules?|rewards?)(?![\w-])",
    re.I,
)
# "How does DeltaLM use back-translation of monolingual data ...?": a technique by its name
# "How does 'Transfer training from smaller language model' use knowledge distillation ...?":
# a technique named in two words, of a subject named in several
_HOW_DOES_IT = r"^\W*how\s+(?:does|do|did)\s+(?:\S+|'[^']{3,100}')\s+"
_USES_A_TECHNIQUE = re.compile(
    _HOW_DOES_IT + r"(?:use|apply|employ|leverage|exploit|incorporate)\s+"
    r"(?P<kind>[a-z][\w]*-[\w-]+|[a-z]+\s+(?:distillation|learning|search|sampling|pruning"
    r"|quantization|augmentation|regularization|attention|decoding|retrieval))\b",
    re.I,
)


# "How does LightCLIP distill knowledge from a CLIP teacher ...?": the technique as its verb
_DOES_A_TECHNIQUE = re.compile(
    _HOW_DOES_IT + r"(?P<kind>distill?|prune|quanti[sz]e)\b",
    re.I,
)


_TECHNIQUE_OF = {
    "distil": "distillation", "distill": "distillation", "prune": "pruning",
    "quantize": "quantization", "quantise": "quantization",
}  # fmt: skip


def _unwritten(kind: str, own: set[str], weight: Callable[[str], float]) -> bool:
    """Whether the most telling word of ``kind`` ("masked" of "masked image modeling", "back"
    of "back-translation"), a word the collection knows, is not in ``own``."""
    terms = [t for t in tokenize(kind) if "-" not in t]
    if not terms or kind.replace("-", "") in own:
        return False
    telling = max(terms, key=lambda t: (weight(t) or 0, len(t)))
    return telling not in own and (weight(telling) or 0) > 1.0


# "How was VEDIT's visual encoder fine-tuned jointly ...?" of "a strong off-the-shelf frozen
# pretrained visual encoder": the thing said to be trained is kept frozen.
STEM = 6  # letters that make a word's stem: "detector", "detection"
_TUNED = re.compile(
    # "the object detector in GC-CLIP trained jointly": the detector
    r"\b((?:[\w-]+\s+)?[\w-]+)(?:\s+(?:in|of)\s+[A-Z][\w-]*)?\s+(?:was|is|were|are|being|get|gets|got)?\s*"
    r"(?:fine-?tuned|unfrozen|updated|trained\s+jointly|jointly\s+trained)\b"
    # "the OCR module that PreSTU trains from scratch"
    r"|\b((?:[\w-]+\s+)?[\w-]+)\s+that\s+[\w-]+\s+trains\s+from\s+scratch\b",
    re.I,
)
# Words that name no part by themselves: "the OCR module" is the OCR
_PART_WORDS = frozenset("model models module modules component components system systems".split())


def _frozen_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper train a part its abstract says it keeps frozen.

    >>> _frozen_after_all("How was X's visual encoder fine-tuned?",
    ...     "We show that a frozen pretrained visual encoder suffices.")
    ('a fine-tuned visual encoder', 'a frozen visual encoder')
    >>> _frozen_after_all("How was the adapter fine-tuned?", "We keep the LLM frozen.")
    >>> _frozen_after_all("How is the object detector trained jointly with the encoder?",
    ...     "We use an off-the-shelf zero-shot object detection model.")
    ('a fine-tuned object detector', 'an off-the-shelf object detector')
    >>> _frozen_after_all("How is the LLM fine-tuned end-to-end?", "We fuse frozen text-only "
    ...     "large language models (LLMs) with image models.")
    ('a fine-tuned LLM', 'a frozen LLM')
    >>> _frozen_after_all("How is the OCR module that PreSTU trains from scratch designed?",
    ...     "It uses scene text from an off-the-shelf OCR system.")
    ('OCR trained from scratch', 'an off-the-shelf OCR')
    """
    for found in _TUNED.finditer(question):
        words = [w for w in (found[1] or found[2]).split() if w.lower() not in _DETERMINERS]
        if not words:
            continue
        if len(words) > 1 and words[-1].lower() in _PART_WORDS:
            words = words[:-1]  # "the OCR module": the OCR
        thing = words[-1].lower()
        # a short name only in capitals ("the LLM", "OCR")
        if thing in ("was", "is", "were", "are", *_PART_WORDS) or (
            len(thing) < 4 and not words[-1].isupper()
        ):
            continue
        # "object detector" of "object detection model": the word by its stem
        said = re.escape(thing[:STEM]) + r"\w*" if len(thing) > STEM else re.escape(thing)
        frozen = (
            # "we use an off-the-shelf zero-shot object detection model": used as it is
            # ("frozen text-only large language models (LLMs)")
            rf"\b(?:frozen|off-the-shelf)\s+(?:[\w-]+\s+){{0,4}}?\(?{said}s?\b"
            rf"|\b{said}s?\s+(?:is|are|was|were|remains?|kept)\s+(?:kept\s+)?frozen\b"
            rf"|\bfreez\w*\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{said}\b"
        )
        kept = re.search(frozen, abstract, re.I)
        if kept and not re.search(
            rf"\b(?:fine-?tun\w*|unfreez\w*)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?{said}",
            abstract,
            re.I,
        ):
            what = " ".join(words[-2:]) if len(words) > 1 and words[0][0].islower() else words[-1]
            how = "a frozen" if "froz" in kept[0].lower() else "an off-the-shelf"
            asked = f"a fine-tuned {what}" if found[1] else f"{what} trained from scratch"
            return asked, f"{how} {what}"
    return None


# "How large a gain does conventional continued pre-training bring to sentence-pair tasks?"
# of "conventional continued pre-training does not consistently provide benefits and can even
# be detrimental for sentence-pair tasks".
_GAIN_FROM = re.compile(
    r"\bhow\s+(?:large|big|much)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:gain|improvement|boost|benefit)s?"
    r"\s+(?:does|did|do)\s+(?P<thing>[^?,]{4,60}?)\s+(?:bring|give|provide|yield|add|offer)\b"
    # "How large was the accuracy gain that fine-tuning gave LLMs ...?"
    r"|\bhow\s+(?:large|big|much)\s+(?:was|is|were|are)\s+the\s+(?:[\w-]+\s+)?"
    r"(?:gain|improvement|boost|benefit)s?\s+(?:that\s+)?(?P<that>[^?,]{4,60}?)\s+"
    r"(?:brought|gave|provided|yielded|added|offered|brings|gives|provides|yields|adds|offers)\b"
    # "Why did conventional continued pre-training give the largest gains on ...?"
    r"|\b(?:why|how)\s+(?:does|did|do)\s+(?P<gave>[^?,]{4,60}?)\s+(?:bring|give|provide|yield"
    r"|offer)\s+(?:the\s+|such\s+)?(?:(?:largest|biggest|most|large|big|significant"
    r"|substantial|strong)\s+)?(?:[\w-]+\s+)?(?:gain|improvement|boost|benefit)s?\b"
    # "Why does conventional continued pre-training consistently improve prompt-based FT?"
    r"|\bwhy\s+(?:does|did|do)\s+(?P<helps>[^?,]{4,60}?)\s+(?:(?:consistently|always|reliably"
    r"|significantly|substantially)\s+)?(?:improve|help|boost|benefit|enhance)\s+"
    r"(?P<helped>[^?]{3,80})",
    re.I,
)
# ... and what says it brought none, when the question has it just improve: not "hurts
# accuracy" beside the speed it is asked to improve
_NO_HELP = re.compile(
    r"\b(?:does|do|did)\s+not\s+(?:\w+\s+)?(?:provide|bring|yield|give|offer)\s+(?:any\s+)?"
    r"(?:benefits?|gains?|improvements?)|\b(?:does|do|did)\s+not\s+(?:consistently\s+)?"
    r"(?:improve|help)\b|\bfail(?:s|ed)?\s+to\s+(?:consistently\s+)?improve\b|\bnot\s+always\s+(?:helpful|beneficial)\b",
    re.I,
)
# "X does not improve A, but improves B": what follows turns the sentence round
_BUT = re.compile(r"\b(?:but|while|whereas|yet|although)\b", re.I)
_NO_GAIN = re.compile(
    r"\b(?:does|do|did)\s+not\s+(?:\w+\s+)?(?:provide|bring|yield|give|offer)\s+(?:any\s+)?"
    r"(?:benefits?|gains?|improvements?)|\bdetrimental\b|\bhurts?\b|\bdegrades?\b"
    r"|\b(?:a\s+)?(?:decline|decrease|drop)\s+in\s+(?:\w+\s+)?(?:performance|accuracy)",
    re.I,
)


def _no_gain_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks how much a thing gains where the abstract says it brings none.

    >>> _no_gain_after_all("How large a gain does conventional pre-training bring?",
    ...     "We find that conventional pre-training does not provide benefits.")
    ('a gain from conventional pre-training', 'no gain from it')
    >>> _no_gain_after_all("Why did conventional pre-training give the largest gains?",
    ...     "Conventional pre-training can even be detrimental for sentence-pair tasks.")
    ('a gain from conventional pre-training', 'no gain from it')
    >>> _no_gain_after_all("Why does conventional pre-training consistently improve FT on "
    ...     "pair tasks?", "Conventional pre-training does not consistently provide benefits "
    ...     "and can be detrimental for pair tasks.")
    ('a gain from conventional pre-training', 'no gain from it')
    >>> _no_gain_after_all("Why does pruning improve speed?",
    ...     "Pruning does not improve accuracy, but improves speed.")
    >>> _no_gain_after_all("Why does pruning improve speed?", "Pruning hurts accuracy a little.")
    >>> _no_gain_after_all("How large a gain did fine-tuning on 50 examples bring?", "Tuning on "
    ...     "50 examples helps, they say. We find fine-tuning resulted in a decline in accuracy.")
    ('a gain from fine-tuning on 50 examples', 'no gain from it')
    >>> _no_gain_after_all("How large a gain did fine-tuning on code bring?",
    ...     "We find fine-tuning resulted in a decline in accuracy.")
    >>> _no_gain_after_all("How large a gain does PCP bring?", "Plain training hurts; PCP helps.")
    """
    found = _GAIN_FROM.search(question)
    if not found:
        return None
    thing = re.sub(
        r"^(?:the|its|their)\s+",
        "",
        (found["thing"] or found["that"] or found["gave"] or found["helps"]).strip(),
        flags=re.I,
    )
    if found["helps"] and re.search(r"\b(?:not|never)\b|n't\b", found["helps"], re.I):
        return None  # "Why does the scratchpad not always help ...?" takes no gain for granted
    terms = set(tokenize(thing))
    # "fine-tuning on 50 to 100 examples" of "fine-tuning resulted in a decline", where the
    # abstract writes the setting elsewhere: the thing, in the setting the paper studied
    head, _, setting = thing.partition(" on ")
    if setting and set(tokenize(setting)) <= set(tokenize(abstract)):
        terms = set(tokenize(head))
    none = _NO_HELP if found["helps"] else _NO_GAIN
    for sentence in split_sentences(abstract):
        said = none.search(sentence)
        if not (said and terms and terms <= set(tokenize(sentence[: said.start()]))):
            continue
        rest = sentence[said.end() :]
        # "Why does X improve B?": no gain for B itself ("... detrimental for sentence-pair
        # tasks"), not "X does not improve A, but improves B"
        if found["helps"] and (
            _BUT.search(rest) or not set(tokenize(found["helped"])) & set(tokenize(rest))
        ):
            continue
        return f"a gain from {thing}", "no gain from it"
    return None


# Two things a sentence sets side by side, each with its own predicate: "PT mainly contributes
# to the encoder module while BT brings more benefits to the decoder"
_SIDE_BY_SIDE = re.compile(r",?\s+(?:while|whereas)\s+|;\s+|,\s+but\s+", re.I)
_COPULA = re.compile(r"^(?:is|are|was|were|has|have|had|can|could|may|might|will|would)$", re.I)
# a verb, or the adverb before it: "contributes", "brings", "improved", "mainly"
_FINITE = re.compile(r"^[a-z]+(?:[^s]s|ed|ly)$")
_TITLE_NAMED = re.compile(
    r"\s+(?:in|of|from|by)\s+[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|for|of|and|the|in|on|with|to)){3,}"
)
# "Why does X ...?", "How is X ...?": what follows is taken for granted
# (not after "In <study>, ...": such a question names the paper in its words, and one word of
# the other side's claim shared read answerable questions as swapped, 6 of 27 in a review)
_PRESUPPOSES = re.compile(r"^\W*(?:why|how)\s+(?:is|are|was|were|does|do|did|has|have)\b", re.I)
SPAN_GAP = 4  # words between two of a premise's own terms
COPULA_REACH = 6  # words within which a clause's copula ends its subject


def _subject_and_rest(clause: str, spelled: dict[str, frozenset[str]]) -> tuple[set[str], set[str]]:
    """A clause's terms before its verb (what it is about) and from its verb on (what it says
    of that); an acronym the abstract defines counts as the words it stands for."""
    # "We ... find that PT mainly contributes ...": what is found; what it is set against
    # ("... learners than larger models") is no part of it
    clause = re.sub(r"\bthan\s+(?:[\w-]+\s+){0,2}[\w-]+", "", clause)
    words = [w.strip(",.;:()") for w in re.split(r"\bthat\s+", clause)[-1].split()]
    cut = next((i for i, w in enumerate(words[:COPULA_REACH]) if i and _COPULA.match(w)), None)
    if cut is None:
        cut = next((i for i, w in enumerate(words) if i and _FINITE.match(w)), 0)

    def terms(part: list[str]) -> set[str]:
        return {t for w in part for t in spelled.get(w, frozenset(tokenize(w)))}

    return terms(words[:cut]), terms(words[cut:])


def _span(text: str, first: set[str], last: set[str]) -> str:
    """``text`` from its first word holding one of ``first`` to its last holding one of ``last``."""
    words = text.split()
    start = next(i for i, w in enumerate(words) if set(tokenize(w)) & first)
    end = reached = start
    for i, word in enumerate(words[start:], start):
        if i - reached > SPAN_GAP:
            break  # "... for BERT-LARGE in Fine-Tuning Large ...": the title, not the claim
        terms = set(tokenize(word))
        if terms & (first | last):
            reached = i
        if terms & last:
            end = i
    if end == start and not set(tokenize(words[start])) & last:
        # "larger models to be the stronger learners": what it says lies further on
        end = max((i for i, w in enumerate(words) if set(tokenize(w)) & last), default=start)
    return " ".join(words[start : end + 1])


def _swapped(question: str, abstract: str) -> tuple[str, str] | None:
    """The question gives one side's predicate to the other side's subject: "Why does
    back-translation mainly strengthen the encoder ...?" of "PT mainly contributes to the
    encoder module while BT brings more benefits to the decoder".

    >>> said = "Pre-training (PT) and back-translation (BT) help. PT mainly contributes to the "
    >>> said += "encoder module while BT brings more benefits to the decoder."
    >>> _swapped("Why does back-translation mainly strengthen the encoder?", said)[0]
    'back-translation mainly strengthen the encoder'
    >>> _swapped("Why does back-translation mainly help the decoder?", said) is None
    True
    >>> _swapped("Which parts do pre-training and back-translation help?", said) is None
    True
    >>> said = "We find that smaller models are strong learners than larger models, while larger "
    >>> said += "models are more effective for fine-tuning than smaller models."
    >>> _swapped("Why did they find larger models to be the stronger learners?", said)[0]
    'larger models to be the stronger learners'
    """
    if not _PRESUPPOSES.match(question):
        return None  # "Which precision gives the fastest speeds, compared with int8?" asserts none
    spelled = acronym_terms(abstract)
    # "... in Fine-Tuning Large Neural Language Models for ...?": the paper, by its title
    asking = _TITLE_NAMED.sub("", question)
    asking = re.sub(r"^\W*(?:why|how)\s+(?:\w+\s+)?", "", asking, flags=re.I).rstrip(" ?")
    asked = [(part, set(tokenize(part))) for part in _SIDE_BY_SIDE.split(asking)]
    for sentence in split_sentences(abstract):
        sides = _SIDE_BY_SIDE.split(sentence)
        if len(sides) != 2 or any(_ASKS_NOT.search(side) for side in sides):
            continue  # "X does not help; Y brings gains": no gain from X, read elsewhere
        (subject_a, rest_a), (subject_b, rest_b) = (_subject_and_rest(s, spelled) for s in sides)
        if not (subject_a and subject_b):
            continue
        # what each side is said to do, in more than an adverb ("how does back-translation
        # mainly help?" is no claim of PT's "mainly contributes to the encoder")
        adverbs = {t for w in re.findall(r"\b[a-z]+ly\b", sentence, re.I) for t in tokenize(w)}
        a_only, b_only = subject_a - subject_b - rest_b, subject_b - subject_a - rest_a
        says_a = rest_a - rest_b - subject_b - adverbs
        says_b = rest_b - rest_a - subject_a - adverbs
        for part, words in asked:
            for own, other_says, other, own_says, stated in (
                (a_only, says_b, b_only, says_a, sides[0]),
                (b_only, says_a, a_only, says_b, sides[1]),
            ):
                if words & own and words & other_says and not words & (other | own_says):
                    # "Specifically, freezing lower layers is helpful ...": the claim, not its opener
                    return _span(part, own, other_says), re.sub(r"^\w+,\s+", "", stated.strip(" ."))
    return None


# "Why does ContraBERT pre-train its code model from scratch ...?" of "we continue to train the
# existing pre-trained models": training from scratch, and the abstract's continued training
_FROM_SCRATCH = re.compile(r"\bfrom\s+scratch\b|\brandom(?:ly)?[\s-]+initiali[sz]", re.I)
_SCRATCH_DENIED = re.compile(
    r"\b(?:without|not|no|never|rather\s+than|instead\s+of|as\s+opposed\s+to|avoid\w*"
    r"|unlike)\b[^.;?]{0,40}$"
    r"|n't\b[^.;?]{0,40}$",
    re.I,
)
_CONTINUED = re.compile(
    r"\bcontinu(?:e|es|ed|ing)\s+(?:to\s+)?(?:pre-?)?train|\bcontinu(?:al|ous)(?:ly)?\s+pre-?train"
    r"|\bfurther\s+pre-?train|\b(?:initiali[sz]ed|warm-started)\s+(?:from|with)\s+"
    r"(?:\w+\s+)?(?:pre-?trained|existing)\b",
    re.I,
)


def _continued_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper train from scratch where its abstract continues training a
    pre-trained model, and never speaks of training from scratch at all (not even to avoid it).

    >>> said = "We continue to train the existing pre-trained models with a contrastive task."
    >>> _continued_after_all("Why does ContraBERT pre-train from scratch?", said)
    ('training from scratch', 'continued training of a pre-trained model')
    >>> _continued_after_all("How does ZeTT close the gap without retraining from scratch?", said)
    >>> _continued_after_all("Why does X train from scratch?", said + " Training from scratch is slow.")
    """
    asked = _FROM_SCRATCH.search(question)
    if not asked or not _PRESUPPOSES.match(question):
        return None  # "How many tokens were the Yi base models pretrained on from scratch?"
    if _SCRATCH_DENIED.search(question[: asked.start()]):
        return None
    if _FROM_SCRATCH.search(abstract) or not _CONTINUED.search(abstract):
        return None
    return "training from scratch", "continued training of a pre-trained model"


# Sizes of one part that exclude one another: "a small encoder" of "a large transformer
# encoder ... cross attended to by a small transformer decoder"
_GRADES = (
    (
        frozenset("small smaller tiny compact lightweight".split()),
        frozenset("large larger big bigger huge".split()),
    ),
    (frozenset({"shallow", "shallower"}), frozenset({"deep", "deeper"})),
    (frozenset({"short", "shorter"}), frozenset({"long", "longer"})),
    (frozenset({"narrow", "narrower"}), frozenset({"wide", "wider"})),
)
_GRADE_WORDS = sorted(w for pair in _GRADES for side in pair for w in side)
# The parts a size is said of ("model" is a stopword, so these are matched as words)
_SIZED_PARTS = (
    r"encoders?|decoders?|models?|networks?|backbones?|teachers?|students?|batch(?:es)?"
    r"|vocabular(?:y|ies)|windows?|kernels?|embeddings?|layers?|heads?|transformers?"
)
_GRADED = re.compile(
    rf"\b(?P<grade>{'|'.join(_GRADE_WORDS)})\s+(?P<between>(?:[a-z][\w-]*\s+){{0,2}}?)"
    rf"(?P<part>{_SIZED_PARTS})\b",
    re.I,
)
GRADE_REACH = 3  # words between a size and the part it sizes: "a large transformer encoder"
# Words a size word sizes itself, before a part: "large language models" (a kind of model),
# "long sequence transformers", "a large context window"
_SIZED_BETWEEN = frozenset("language sequence sequences context input inputs range term".split())


def _grades_of(part: str, text: str, between: str = "") -> set[str]:
    """The size words ``text`` writes within GRADE_REACH words before ``part`` (or its plural)
    with the words ``between`` them that the question has ("text" of "a small text encoder"),
    or before "ones" ("from small training context sizes to larger ones"); not those that
    size a word in between ("large language models")."""
    words = re.findall(r"[\w-]+", text.lower())
    stem = part.lower().removesuffix("es" if part.lower().endswith("ches") else "s")
    qualifiers = between.lower().split()
    forms = (stem, stem + "s", stem + "es")
    grades = set()
    for i, word in enumerate(words):
        if word not in (*forms, "one", "ones"):
            continue
        for k in range(1, GRADE_REACH + 2):
            if i - k < 0 or words[i - k] not in _GRADE_WORDS:
                continue
            inside = words[i - k + 1 : i]
            if set(inside) & _SIZED_BETWEEN - set(qualifiers):
                continue
            if word in forms and not all(q in inside for q in qualifiers):
                continue
            grades.add(words[i - k])
    return grades


def _sized_the_other_way(question: str, abstract: str) -> tuple[str, str] | None:
    """The question sizes a part the other way from its abstract: "Why does FTP pair a small
    encoder with a large decoder?" of "a large transformer encoder ... a small transformer
    decoder". Only where the abstract never sizes that part as asked.

    >>> said = "A large transformer encoder feeds a small transformer decoder."
    >>> _sized_the_other_way("Why does FTP pair a small encoder with a large decoder?", said)
    ('a small encoder', 'a large encoder')
    >>> _sized_the_other_way("Why does FTP pair a large encoder with a small decoder?", said)
    >>> _sized_the_other_way("Why does X use a small model?", "Small and large models both help.")
    >>> _sized_the_other_way("Why does X need a shallower or narrower model?",
    ...     "We build a deeper or wider model.")
    ('a shallower model', 'a deeper model')
    >>> _sized_the_other_way("How does NoPE generalize to larger context sizes?",
    ...     "from small training context sizes to larger ones")
    >>> _sized_the_other_way("How do short prompts waste compute?", "longer prompt lengths")
    >>> _sized_the_other_way("How does ZipLM produce smaller models?", "large language models")
    >>> _sized_the_other_way("How does LightCLIP use its small text encoder?",
    ...     "Earlier work relies on relatively large image encoders.")
    """
    if not _PRESUPPOSES.match(question) or _ASKS_NOT.search(question):
        return None
    for found in _GRADED.finditer(question):
        grade, part = found["grade"].lower(), found["part"].lower()
        between = " ".join(
            w for w in found["between"].split() if w.lower() not in _GRADE_WORDS and tokenize(w)
        )
        if set(between.lower().split()) & _SIZED_BETWEEN:
            continue  # "short sequence transformers": the sequences are short
        pair = next(p for p in _GRADES if grade in p[0] | p[1])
        same, other = pair if grade in pair[0] else (pair[1], pair[0])
        said = _grades_of(part, abstract, between)
        if said & other and not said & same and not _grades_of(part, question) & other:
            return f"a {grade} {part}", f"a {sorted(said & other)[0]} {part}"
    return None


_NON = re.compile(r"\bnon-?([a-z][\w-]{3,})\s+([a-z][\w-]+)", re.I)


def _the_non_kind(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper use a thing its abstract only writes as its "non-" kind.

    >>> _the_non_kind("Why does it keep a standard causal attention mask?",
    ...     "We customize a non-causal attention mask for the decoder.")
    ('a causal attention mask', 'a non-causal attention mask')
    >>> _the_non_kind("Why a causal attention mask?", "Unlike a causal attention mask, our "
    ...     "non-causal attention mask ...") is None
    True
    >>> _the_non_kind("What differentiable loss does it add?", "a non-differentiable objective")
    ('a differentiable loss', 'only non-differentiable ones')
    """
    for found in _NON.finditer(abstract):
        phrase = f"{found[1]} {found[2]}"
        bare = rf"(?<![\w-])(?<!non-)(?<!non){re.escape(found[1])}\s+{re.escape(found[2])}\b"
        if re.search(bare, question, re.I) and not re.search(bare, abstract, re.I):
            if re.search(rf"\bnon-?{re.escape(phrase)}", question, re.I):
                continue
            rest = re.search(rf"{bare}\s+([a-z][\w-]+)", question, re.I)
            said = f"{phrase} {rest[1]}" if rest and rest[1].lower() in abstract.lower() else phrase
            return f"a {said.lower()}", f"a non-{said.lower()}"
    # "what differentiable auxiliary loss does active inheritance add?" of "a non-differentiable
    # objective", "non-differentiable attributes": the one word, never written bare (nor
    # hyphenated: "auto-regressive"), given to the paper, not compared with
    if _SET_BESIDE.search(question):
        return None
    unhyphenated = re.sub(r"(?<=[a-z])-(?=[a-z])", "", abstract)
    for word in dict.fromkeys(re.findall(r"\bnon-?([a-z]{6,})\b", unhyphenated)):
        bare = rf"(?<![\w-])(?<!non-)(?<!non){word}\b"
        asked = re.search(bare + rf"((?:\s+(?!{_AUXILIARY}\b)[a-z][\w-]*){{0,2}})", question)
        if asked and not re.search(bare, unhyphenated, re.I):
            # "a differentiable auxiliary loss", as the question writes it
            thing = f"{word}{asked[1]}" if asked[1] else f"{word} one"
            a = "an" if word[0] in "aeiou" else "a"
            return f"{a} {thing}", f"only non-{word} ones"
    return None


# "How does ELMER compare with autoregressive models?": the question sets the kind beside the
# paper's, and gives it no "non-" thing of its own
_SET_BESIDE = re.compile(
    r"\b(?:compar\w*|than|over|versus|vs\.?|against|unlike|relative|instead|rather)\b", re.I
)


_HELP = r"improv|benefit|boost|help|enhanc"
_HELPS = re.compile(
    rf"\b(?:{_HELP})\w*\s+(?:the\s+|its\s+|their\s+)?(?P<thing>[a-z][\w-]+(?:\s+[a-z][\w-]+){{0,2}})",
    re.I,
)
_HURTS = r"deteriorat|degrad|hurt|harm|impair|wors|damag"
_HURTING = re.compile(
    rf"\b(?:{_HURTS})\w*\s+(?:the\s+|its\s+|their\s+)?(?P<thing>[a-z][\w-]+(?:\s+[a-z][\w-]+){{0,4}})",
    re.I,
)
_RAISES = rf"{_HELP}|increas"


def _hurts_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing improve what its abstract says it makes worse, or worsen what
    it says it improves.

    >>> _hurts_after_all("Why does slight label noise improve out-of-domain performance?",
    ...     "Slight noise can benefit in-domain (ID) performance, but it always deteriorates "
    ...     "out-of-domain (OOD) performance.")
    ('improving out-of-domain performance', 'making out-of-domain performance worse')
    >>> _hurts_after_all("Why does noise improve out-of-domain performance?",
    ...     "Noise deteriorates out-of-domain performance at first, then improves "
    ...     "out-of-domain performance.") is None
    True
    >>> _hurts_after_all("Why does T5 pre-training hurt performance on out-of-domain test sets?",
    ...     "T5 pre-training gives large improvements on out-of-domain test sets.")
    ('making out-of-domain test sets worse', 'improving out-of-domain test sets')
    """
    near = r"\w*\s+(?:(?:on|in|to|of)\s+)?(?:the\s+|its\s+|their\s+)?"
    for asked, other, same, said_as in (
        (_HELPS, _HURTS, _RAISES, ("improving {}", "making {} worse")),
        # "Why does T5 pre-training hurt performance on out-of-domain test sets?" of "large
        # improvements on out-of-domain test sets": the other way round
        (_HURTING, _RAISES, _HURTS, ("making {} worse", "improving {}")),
    ):
        for found in asked.finditer(question):
            words = found["thing"].split()
            # "out-of-domain performance on ImageNet", then shorter; "performance on
            # out-of-domain test sets" from its end too ("improvements on out-of-domain test sets")
            spans = [words[:n] for n in range(len(words), 1, -1)]
            spans += [words[i:] for i in range(1, len(words) - 1) if words[i] not in _NO_THING]
            # (not "performance on", a phrase that ends before its thing)
            for span in (s for s in spans if s[-1].lower() not in _NO_THING):
                # "out-of-domain (OOD) performance": the abstract may name its acronym between
                thing = r"\s+(?:\([^)]{1,12}\)\s+)?".join(re.escape(w) for w in span)
                if re.search(rf"\b(?:{other}){near}{thing}\b", abstract, re.I) and not re.search(
                    rf"\b(?:{same}){near}{thing}\b", abstract, re.I
                ):
                    assumed, instead = said_as
                    return assumed.format(" ".join(span)), instead.format(" ".join(span))
    return None


_BEATS = re.compile(
    r"\b(?:outperforms?|outperformed|surpass(?:es|ed)?|beats?|exceeds?)\s+(?:the\s+)?"
    r"(?P<thing>[\w-]+(?:\s+[\w-]+){0,3})",
    re.I,
)
_MATCHES = re.compile(
    r"\b(?:match(?:es|ed)?|(?:be|are|is)\s+on\s+par\s+with|rival(?:s|ed)?)\s+(?:the\s+)?"
    r"(?P<thing>[\w-]+(?:\s+[\w-]+){0,3})",
    re.I,
)
_LEVEL = r"comparable|on\s+par|competitive|similar"
_AHEAD = r"outperform|surpass|beat|exceed|better\s+than|superior"
_FALLS_SHORT = r"(?:cannot|can\s*not|can't|fail\w*\s+to|unable\s+to|do\s+not|does\s+not|did\s+not)"
NEAR_WORDS = 8  # words between a comparison and what it compares with


def _level_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has the paper beat what its abstract says it is only level with, or match
    what the abstract says it falls short of.

    >>> _level_after_all("By what margin does X outperform state-of-the-art NLP methods?",
    ...     "X achieves comparable performance to existing state-of-the-art NLP methods.")
    ('outperforming state-of-the-art NLP methods', 'comparable performance')
    >>> _level_after_all("Why do these methods already match full fine-tuning?",
    ...     "These methods cannot achieve comparable performance to full fine-tuning.")
    ('matching full fine-tuning', 'falling short of it')
    >>> _level_after_all("By what margin does X outperform BERT?",
    ...     "X is comparable to BERT on GLUE and outperforms BERT on SQuAD.") is None
    True
    """
    gap = rf"(?:\W+\w+){{0,{NEAR_WORDS}}}?\W+"
    for found in _BEATS.finditer(question):
        said = _key_of(found["thing"])
        thing = r"\s+".join(re.escape(w) for w in said.split())
        if not thing:
            continue
        level = re.search(rf"\b(?:{_LEVEL})\w*{gap}{thing}", abstract, re.I)
        ahead = re.search(rf"\b(?:{_AHEAD})\w*{gap}{thing}", abstract, re.I)
        if level and not ahead:
            return f"outperforming {said}", "comparable performance"
    for found in _MATCHES.finditer(question):
        said = _key_of(found["thing"])
        thing = r"\s+".join(re.escape(w) for w in said.split())
        if thing and re.search(
            rf"\b{_FALLS_SHORT}\s+(?:\w+\s+){{0,2}}?(?:achieve\s+(?:{_LEVEL})|match|reach){gap}{thing}",
            abstract,
            re.I,
        ):
            return f"matching {said}", "falling short of it"
    return None


def _key_of(phrase: str) -> str:
    """A compared thing up to its head: "full fine-tuning in retrieval" -> "full fine-tuning"
    (the words before a preposition), or "" when nothing telling is left."""
    head = re.split(r"\s+(?:in|on|at|for|with|while|when|by|across|and)\b", phrase, maxsplit=1)[0]
    return head.strip() if tokenize(head) else ""


# What replaces what: (old, new) as a question or an abstract says it. "switch from A to B",
# "replace A with B", "use B to replace A", "B instead of A".
_UNTIL = r"(?=\s+(?:when|while|for|in|during|because|as|and|but|so|which|that)\b|\s*[,.;:?()]|$)"
_REPLACED = (
    re.compile(
        r"\b(?:switch|mov|chang|shift|transition|migrat)\w*\s+from\s+(?:the\s+|a\s+)?"
        rf"(?P<old>[^,.;?]{{2,60}}?)\s+to\s+(?:the\s+|a\s+)?(?P<new>[^,.;?]{{2,60}}?){_UNTIL}",
        re.I,
    ),
    re.compile(
        r"\breplac\w*\s+(?:the\s+|a\s+)?(?P<old>[^,.;?]{2,60}?)\s+(?:with|by)\s+(?:the\s+|a\s+)?"
        rf"(?P<new>[^,.;?]{{2,60}}?){_UNTIL}",
        re.I,
    ),
    re.compile(
        r"\b(?:use|uses|used|using|adopt\w*|employ\w*)\s+(?:the\s+|a\s+)?(?P<new>[^,.;?]{2,80}?)"
        rf"\s+to\s+replace\s+(?:the\s+|a\s+)?(?P<old>[^,.;?]{{2,60}}?){_UNTIL}",
        re.I,
    ),
    # "which encoder-only models are replacing decoder-only LLMs ...?" (not "X replaces A with B")
    re.compile(
        r"(?P<new>[\w-]+(?:\s+[\w-]+){0,3}?)\s+(?:are\s+|is\s+)?(?:replacing|replaces|supplant\w*"
        r"|supersed\w*|displac\w*)\s+(?:the\s+|a\s+)?"
        rf"(?P<old>(?:(?!\s(?:with|by)\s)[^,.;?]){{2,60}}?){_UNTIL}",
        re.I,
    ),
    re.compile(
        r"(?P<new>[\w-]+(?:\s+[\w-]+){0,3})\s+(?:instead\s+of|in\s+place\s+of|rather\s+than)"
        rf"\s+(?:the\s+|a\s+)?(?P<old>[^,.;?]{{2,60}}?){_UNTIL}",
        re.I,
    ),
)


def _replacements(text: str) -> Iterator[tuple[set[str], set[str]]]:
    """The terms of what ``text`` says was replaced, and of what replaced it, each time."""
    low = text.lower()
    for key, pattern in zip(_REPLACED_KEYS, _REPLACED, strict=True):
        # (a pattern that opens on a run of words tries every word of the abstract: its verb
        # is looked for first)
        if any(k in low for k in key):
            for found in pattern.finditer(text):
                yield set(tokenize(found["old"])), set(tokenize(found["new"]))


# A word each of _REPLACED's patterns needs, in lower case.
_REPLACED_KEYS = (
    ("switch", "mov", "chang", "shift", "transition", "migrat"),
    ("replac",),
    ("replace",),
    ("replac", "supplant", "supersed", "displac"),
    ("instead", "place", "rather"),
)


def _replaced_the_other_way(
    question: str, abstract: str, weight: Callable[[str], float]
) -> tuple[str, str] | None:
    """The question has A replaced by B where the abstract replaces B by A.

    >>> _replaced_the_other_way("Why did B-PROP switch from BERT to a unigram language model "
    ...     "for its task?", "The key idea is to use the contextual language model BERT to "
    ...     "replace the classical unigram language model for the task.",
    ...     lambda t: 3.0 if t == "unigram" else 1.0)
    ('BERT replaced by unigram', 'unigram replaced by BERT')
    >>> _replaced_the_other_way("Which encoder-only models are replacing decoder-only LLMs?",
    ...     "a shift from encoder-only models like BERT to decoder-only LLMs", lambda t: 1.0)
    ('decoder-only replaced by encoder-only', 'encoder-only replaced by decoder-only')
    >>> _replaced_the_other_way("Why did they switch from a unigram model to BERT?",
    ...     "We replace the unigram model with BERT.", lambda t: 1.0) is None
    True
    """
    said = list(_replacements(abstract))
    for old, new in _replacements(question):
        old_key = max(sorted(old - new), key=lambda t: (weight(t), len(t)), default=None)
        new_key = max(sorted(new - old), key=lambda t: (weight(t), len(t)), default=None)
        if old_key is None or new_key is None:
            continue
        back = any(new_key in o and old_key in n for o, n in said)
        forth = any(old_key in o and new_key in n for o, n in said)
        if back and not forth:
            was, now = _written(question, old_key), _written(question, new_key)
            return f"{was} replaced by {now}", f"{now} replaced by {was}"
    return None


def _written(text: str, term: str) -> str:
    """The word of ``text`` a term was made from, as written ("BERT" of "bert")."""
    return next((w for w in re.findall(r"[\w-]+", text) if term in tokenize(w)), term)


# "Why must TempNet always be trained jointly with the foundation model?": a necessity taken for
# granted, of "TempNet can be trained together with ... or learned separately": one way of two
_MUST = re.compile(
    r"^\W*(?:why|how)\b[^?]{0,80}?\b(?:must|necessarily|has\s+to|have\s+to"
    r"|required\s+to|is\s+required|are\s+required)\b(?P<rest>[^?]*)",
    re.I,
)
_EITHER = re.compile(
    r"\beither\b[^.;]{3,200}?\bor\b|\bcan\s+be\s+[^.;]{3,200}?\bor\s+(?:be\s+)?\w+ed\b", re.I
)
OPTION_SHARE = 3  # words of what the question says is a must, in the sentence with the option


def _optional_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper must do what its abstract gives as one option.

    >>> _optional_after_all("Why must TempNet always be trained jointly with the foundation "
    ...     "model from scratch?", "TempNet can be trained together with a large foundation "
    ...     "model from scratch or learned separately given a pretrained foundation model.")
    ('a necessity', 'one option of two')
    >>> _optional_after_all("Why must it be trained from scratch?", "It is trained from scratch.")
    """
    must = _MUST.match(question)
    if not must:
        return None
    asked = set(tokenize(must["rest"]))
    for sentence in split_sentences(abstract):
        if _EITHER.search(sentence) and len(asked & set(tokenize(sentence))) >= OPTION_SHARE:
            return "a necessity", "one option of two"
    return None


# "LUMEN's advantage over FiD shrinks as the model gets larger": a lead, what it is over, which
# way it goes, and along what
_TREND = re.compile(
    r"\b(?:advantages?|gains?|gaps?|benefits?|improvements?|margins?|leads?|edge)\b"
    r"(?P<between>[^.?;]{0,40}?)\b(?P<verb>(?P<down>shrink|diminish|narrow|decreas|declin"
    r"|vanish|disappear)|grow|grew|increas|widen|rise|rising|rose)\w*\s+(?:as|with|when|for)\b"
    r"(?P<axis>[^.?;,]{1,60})",
    re.I,
)
_AXIS_DOWN = re.compile(
    r"\b(?:small\w*|fewer|less|lower|reduc\w*|decreas\w*|shrink\w*|shorter)\b", re.I
)


def _over(between: str) -> str:
    """What a lead is over: "over FiD" of "of LUMEN over FiD"; "" when not said."""
    found = re.search(r"\bover\s+(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)", between, re.I)
    return found[1] if found else ""


def _same_thing(asked: str, said: str) -> bool:
    """Whether two ways of writing what a lead is over agree: shared words, or initials
    ("Fusion-in-Decoder" and "FiD")."""
    if set(tokenize(asked)) & set(tokenize(said)):
        return True
    initials = "".join(w[0] for w in re.split(r"[\s-]+", asked) if w).lower()
    return len(initials) >= 2 and initials in {w.lower() for w in re.findall(r"[\w-]+", said)}


def _trend_reversed(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a lead shrink along a thing where the abstract has it grow (or back),
    over the same thing and along the same axis, read with the axis's own direction ("as the
    model gets larger" / "with smaller models").

    >>> abstract = "Moreover, the advantage of LUMEN over FiD increases with model size."
    >>> _trend_reversed("Why does LUMEN's advantage over Fusion-in-Decoder shrink as the "
    ...     "model gets larger?", abstract)
    ('an advantage that shrinks as the model gets larger', 'one that grows with model size')
    >>> _trend_reversed("Why does its advantage over FiD shrink as the model is smaller?",
    ...     abstract)
    >>> _trend_reversed("Why does its advantage over pure memory shrink as models grow?",
    ...     abstract)
    """
    asked = _TREND.search(question)
    if not asked:
        return None
    asked_axis = _axis_nouns(asked["axis"])
    for said in _TREND.finditer(abstract):
        if not asked_axis & _axis_nouns(said["axis"]):
            continue
        over_asked, over_said = _over(asked["between"]), _over(said["between"])
        if over_asked and not (over_said and _same_thing(over_asked, over_said)):
            continue
        # which way the lead goes as the thing grows: shrinking with smaller models is growing
        # with larger ones
        asked_up = (asked["down"] is None) != bool(_AXIS_DOWN.search(asked["axis"]))
        said_up = (said["down"] is None) != bool(_AXIS_DOWN.search(said["axis"]))
        if asked_up != said_up:
            way = "shrinks" if asked["down"] else "grows"
            other = "shrinks" if said["down"] else "grows"
            return (
                f"an advantage that {way} {_axis_words(question, asked)}",
                f"one that {other} {_axis_words(abstract, said)}",
            )
    return None


def _axis_nouns(axis: str) -> set[str]:
    """The words an axis is along ("model" of "the model gets larger"; tokenize() would drop
    it, a stopword elsewhere)."""
    words = set(re.findall(r"[a-z]{3,}", axis.lower()))
    return {w.rstrip("s") for w in words - _AXIS_LINKS if not _AXIS_DOWN.fullmatch(w)}


_AXIS_LINKS = frozenset("the its their gets get got becomes become grows grow larger bigger "
                        "more higher longer increases increasing and".split())  # fmt: skip


def _axis_words(text: str, found: re.Match[str]) -> str:
    """The linking word and the axis, as written: "as the model gets larger"."""
    link = text[found.end("verb") : found.start("axis")].split()[-1]
    return f"{link} {found['axis'].strip()}"


# "Where can the dataset be downloaded?", "How do I get the corpus?": the thing asked for is
# taken to be out (not "the models pre-trained on its dataset", nor "publicly available datasets")
_GET = r"(?:download|obtain|access|get)\w*"
_GOT = r"(?:downloaded|obtained|accessed)"
# "the dataset will not be made publicly available": held back
_HELD_BACK = re.compile(
    r"\b(?P<thing>dataset|data|corpus|code|model|weights|checkpoints?)\s+(?:will|would|can|could"
    r"|is|are)\s*(?:not|n't|never)\s+(?:be\s+)?(?:made\s+)?(?:publicly\s+|openly\s+)?"
    r"(?:available|released|shared|distributed|published)\b",
    re.I,
)


def _withheld(question: str, abstract: str) -> tuple[str, str] | None:
    """The question asks where to get something its abstract says is held back.

    >>> _withheld("Where can the 3.36M-entry dataset used to pre-train it be downloaded?",
    ...     "We collect a dataset. Due to privacy, the dataset will not be made publicly available.")
    ('that the dataset can be obtained', 'the dataset as held back (it will not be made publicly available)')
    >>> _withheld("How large is the dataset?", "The dataset will not be released.") is None
    True
    >>> _withheld("Where can the code be downloaded?", "The dataset will not be released.") is None
    True
    >>> _withheld("Where can I download the model pre-trained on the social media dataset?",
    ...     "The dataset will not be released.") is None
    True
    """
    for held in _HELD_BACK.finditer(abstract):
        thing = held["thing"].lower()
        asked = re.search(
            rf"\b{_GET}\s+(?:[\w.-]+\s+){{0,4}}?{thing}\b"
            rf"|\b{thing}\b(?:\s+[\w.-]+){{0,8}}?\s+(?:{_GOT}|available\s+for\s+download"
            r"|downloadable)\b",
            question,
            re.I,
        )
        if asked:
            said = held.group().split(maxsplit=1)[1]  # "will not be made publicly available"
            return f"that the {thing} can be obtained", f"the {thing} as held back (it {said})"
    return None


# How a cost grows: "cubic complexity", "MKOR's complexity is quadratic"
_ORDERS = r"constant|logarithmic|log-linear|linear|sub-?quadratic|quadratic|cubic|exponential"
_ASKS_ORDER = re.compile(
    rf"\b(?:its|their|his|her|a|an|the)\s+(?P<order>{_ORDERS})\s+(?:[\w-]+\s+)?complexity\b"
    # "even though its complexity is cubic"
    rf"|\b(?:its|their)\s+(?:[\w-]+\s+)?complexity\s+(?:is|was|grows|scales)\s+(?:as\s+)?"
    rf"(?P<after>{_ORDERS})\b",
    re.I,
)
_ORDER_SAID = re.compile(
    rf"\b(?P<order>{_ORDERS})\s+(?:[\w-]+\s+)?complexity\b"
    rf"|\bcomplexity\s+(?:is|was|grows|scales)\s+(?:only\s+)?(?P<after>{_ORDERS})\b",
    re.I,
)
_NAMED = re.compile(r"(?<![\w-])(?-i:[A-Z][\w-]*[A-Z][\w-]*)")


def _other_order(question: str, abstract: str) -> tuple[str, str] | None:
    """The question gives a thing a cost that grows one way ("despite its cubic complexity")
    where the abstract says that thing's grows another ("MKOR's complexity is quadratic"); the
    asked order said of other things ("second-order techniques have cubic complexity") does
    not make it the named thing's.

    >>> said = ("Second-order techniques have cubic complexity. MKOR's complexity is quadratic "
    ...     "with respect to the model size.")
    >>> _other_order("Why is MKOR faster than LAMB despite its cubic complexity?", said)
    ('cubic complexity', "MKOR's complexity is quadratic")
    >>> _other_order("Why is MKOR fast though its complexity is cubic?", said)
    ('cubic complexity', "MKOR's complexity is quadratic")
    >>> _other_order("Why is MKOR faster despite its cubic complexity?", "MKOR has cubic complexity.")
    """
    asked = _ASKS_ORDER.search(question)
    if not asked:
        return None
    order = (asked["order"] or asked["after"]).lower()
    names = set(_NAMED.findall(question))
    stated = None
    for sentence in split_sentences(abstract):
        named = names & set(_NAMED.findall(sentence))
        if not named:
            continue
        for said in _ORDER_SAID.finditer(sentence):
            if (said["order"] or said["after"]).lower() == order:
                return None  # the asked order is said of the named thing
            before = [at for n in named if 0 <= (at := sentence.find(n)) < said.start()]
            stated = stated or sentence[min(before, default=said.start()) : said.end()]
    if stated is None:
        return None
    return f"{order} complexity", stated


# "... find that abundant long texts ... are the key to ...?": what a thing is said to be
_IS_THE = r"(?:key|main|primary|crucial|essential|necessary|sufficient|critical|decisive)"
# "the main driver": the noun such a word may qualify
_WHAT_NOUN = r"(?:\s+(?:driver|factor|reason|cause|ingredient|source|contributor)s?\b)?"
# ... and what denies it: "not the key" denies "the main driver" (not "not sufficient", which
# says another thing than "necessary")
_NEEDED = "key|main|primary|crucial|essential|necessary|critical|decisive"


def _denied(what: str) -> str:
    return f"(?:{_NEEDED})" if what != "sufficient" else what


_ASKS_IS_THE = re.compile(
    rf"\b(?P<subject>(?:[\w-]+\s+){{1,8}}?)(?:is|are|was|were)\s+(?:the\s+|a\s+)?(?P<what>{_IS_THE})\b{_WHAT_NOUN}",
    re.I,
)

# "Why are explicit position embeddings essential for ...?"
_WHY_IS_IT_THE = re.compile(
    rf"^\W*why\s+(?P<copula>is|are|was|were)\s+(?P<subject>[^?,]{{3,60}}?)\s+(?:the\s+|a\s+)?"
    rf"(?P<what>{_IS_THE})\b{_WHAT_NOUN}",
    re.I,
)


def _not_the_key(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing be the key to something (or essential, sufficient ...) that
    the abstract says it is not.

    >>> _not_the_key("Why did they find that abundant long texts are the key to strong performance?",
    ...     "Having abundant long texts in the dataset is not the key to achieving strong performance.")
    ('abundant long texts are the key', 'abundant long texts in the dataset is not the key')
    >>> _not_the_key("Why are abundant long texts the main driver of strong performance?",
    ...     "Having abundant long texts in the dataset is not the key to achieving strong performance.")
    ('abundant long texts are the main driver', 'abundant long texts in the dataset is not the key')
    >>> _not_the_key("Why are explicit position embeddings essential for long inputs?",
    ...     "Explicit position embeddings are not essential for long inputs.")
    ('explicit position embeddings are essential', 'Explicit position embeddings are not essential')
    >>> _not_the_key("Why did they find that long texts are the key to it?", "Short texts are not the key.")
    """
    why = _WHY_IS_IT_THE.match(question)  # "Why are <subject> the key ...?"
    asked = why or _ASKS_IS_THE.search(question)
    if not asked or _ASKS_NOT.search(asked[0]):
        return None
    # the subject: all of it after "why are" or "that" ("... find that abundant long texts are
    # ..."), else the last few words before the verb
    after_that = re.split(r"\b(?:that|why|whether)\s+", asked["subject"], flags=re.I)
    words = after_that[-1].split()[-(8 if why or len(after_that) > 1 else 4) :]
    subject = set(tokenize(" ".join(words)))
    what = asked["what"].lower()
    for sentence in split_sentences(abstract):
        for said in re.finditer(
            rf"\b(?:is|are|was|were)\s+not\s+(?:the\s+|a\s+)?{_denied(what)}\b", sentence, re.I
        ):
            # its own clause: "... -- our ablation experiments suggest that having abundant
            # long texts in the pretrain dataset is not the key"
            before = re.split(r"[,;:]|\s--?\s|\bthat\b", sentence[: said.start()])[-1]
            if subject and 2 * len(subject & set(tokenize(before))) > len(subject):
                first = next(
                    m.start()
                    for m in re.finditer(r"[\w-]+", before)
                    if set(tokenize(m[0])) & subject
                )
                start = said.start() - len(before) + first
                # "abundant long texts are the key"; "position embeddings are essential" of
                # "Why are position embeddings essential ...?"
                tail = question[asked.end("subject") : asked.end()].strip()
                said_of = " ".join([*words, why["copula"].lower(), tail] if why else [*words, tail])
                return said_of, sentence[start : said.end()]
    return None


# "Why do retrieval heads make up the majority of attention heads ...?": most of them, where
# the abstract says few ("only a small portion (less than 5%)")
_ASKS_MOST = re.compile(
    r"^\W*why\s+(?:do|does|did|are|is|were|was)\s+(?P<subject>[^?,]{3,60}?)\s+"
    r"(?:make\s+up|form|constitute|account\s+for|are|were)\s+(?:the\s+)?(?:vast\s+)?"
    r"(?:majority|bulk|most)\s+of\b",
    re.I,
)
_FEW = re.compile(
    r"\b(?:only\s+)?a\s+(?:very\s+)?(?:small|tiny)\s+(?:portion|fraction|proportion|subset|"
    r"number|minority|share)\b|\bless\s+than\s+\d+(?:\.\d+)?\s*\\?%|\bsparse\b",
    re.I,
)


def _few_not_most(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has things make up most of a whole that the abstract says are few.

    >>> _few_not_most("Why do retrieval heads make up the majority of attention heads?",
    ...     "Retrieval heads are sparse: only a small portion (less than 5%) of heads.")
    ('retrieval heads make up the majority', 'sparse: only a small portion (less than 5%) of heads')
    >>> _few_not_most("Why do retrieval heads make up the majority of attention heads?",
    ...     "Other heads are sparse.")
    """
    asked = _ASKS_MOST.match(question)
    if not asked:
        return None
    subject = set(tokenize(asked["subject"]))
    for sentence in split_sentences(abstract):
        few = _FEW.search(sentence)
        if few and subject and subject <= set(tokenize(sentence[: few.start()])):
            said = re.match(r"[^;.]{0,100}", sentence[few.start() :])
            stated = (said[0] if said else few[0]).strip()
            return question[asked.start("subject") : asked.end()].removesuffix(" of"), stated
    return None


# "Why does ELECTRA compute its loss only on the 15% of positions that were masked out?" of
# "defined over all input tokens rather than just the small subset that was masked out"
_ASKS_ONLY = re.compile(r"\bonly\s+(?:on|over|for|to|from|in)?\s*(?P<part>[^?]{3,80})", re.I)
_ALL_NOT_JUST = re.compile(
    r"\b(?:all|every|entire|whole)\s+[^.;]{2,40}?,?\s+(?:rather\s+than|instead\s+of|not)\s+"
    r"(?:just|only|merely)\s+(?P<part>[^.;,]{3,80})",
    re.I,
)
SHARED_PART = 2  # words the question's "only ..." and the abstract's "not just ..." share


def _all_not_only(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing done only on a part where the abstract says all, not just it.

    >>> _all_not_only("Why does it compute the loss only on the positions that were masked out?",
    ...     "The task is defined over all input tokens rather than just the subset that was masked out.")
    ('only on the positions that were masked out', 'all input tokens rather than just the subset that was masked out')
    >>> _all_not_only("Why does it train only on English text?",
    ...     "It is defined over all input tokens rather than just the subset that was masked out.")
    """
    asked = _ASKS_ONLY.search(question)
    if not asked or re.search(r",\s*(?:which|that|who)\b[^,]*$", question[: asked.start()], re.I):
        # "... than BERT's masked language modeling, which learns only from the masked-out
        # subset?": said of what it is compared with, and true
        return None
    part = set(tokenize(asked["part"]))
    for said in _ALL_NOT_JUST.finditer(abstract):
        if len(part & set(tokenize(said["part"]))) >= SHARED_PART:
            return asked[0].strip(), said[0].strip()
    return None


# "... when it distills self-attention from all Transformer layers of the teacher?" of
# "distilling the self-attention module of the last Transformer layer of the teacher"
_ASKS_ALL = re.compile(
    r"\ball\s+(?:the\s+|its\s+|their\s+)?(?P<kind>(?:[\w-]+\s+){0,2}?)(?P<noun>[a-z]{3,})s\b", re.I
)
# ("the top encoder layers" too; not "the first merge" of an ordered list, a step through it)
_ONE_OF_THEM = r"\b(?:only\s+)?the\s+(?:last|final|top|topmost|penultimate)\s+{kind}{noun}s?\b"


def _one_not_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question has a thing done to all of some parts where the abstract names one of them.

    >>> _one_not_all("How does it map layers when it distills from all Transformer layers?",
    ...     "We distill the self-attention of the last Transformer layer of the teacher.")
    ('all Transformer layers', 'the last Transformer layer')
    >>> _one_not_all("How does it map layers when it distills from all Transformer layers?",
    ...     "We distill the last Transformer layer, then all Transformer layers.")
    >>> _one_not_all("Why does it add the embedding into all encoder layers?",
    ...     "It adds the target language embedding into the top encoder layers.")
    ('all encoder layers', 'the top encoder layers')
    >>> _one_not_all("How does it use all merges of the list?", "Take the first merge of the list.")
    """
    for asked in _ASKS_ALL.finditer(question):
        kind = "".join(rf"{re.escape(w)}\s+" for w in asked["kind"].split())
        noun = re.escape(asked["noun"])
        if re.search(rf"\ball\s+(?:the\s+)?{kind}{noun}s\b", abstract, re.I):
            return None
        said = re.search(_ONE_OF_THEM.format(kind=kind, noun=noun), abstract, re.I)
        if said:
            return asked[0].strip(), said[0].strip()
    return None


# "Given that CLIP's text encoder is capped at 512 tokens, ...?" of "restricting inputs to a
# maximum of 77 tokens": a limit taken for granted, of another size than the one stated
_CAP_ASKED = re.compile(
    r"\b(?:capped|limited|restricted|constrained|bounded)\s+(?:at|to)\s+"
    rf"(?:a\s+maximum\s+of\s+|at\s+most\s+)?{_A_FIGURE_IN}",
    re.I,
)
_CAP_SAID = re.compile(
    r"\b(?:maximum|max|capped|cap|limit(?:ed)?|restrict\w*)\s+(?:[\w-]+\s+){0,3}?(?:of|at|to)\s+"
    + _A_FIGURE_IN,
    re.I,
)


def _another_cap(question: str, abstract: str) -> tuple[str, str] | None:
    """The question takes a limit of one size for granted where the abstract states another.

    >>> _another_cap("Given that its encoder is capped at 512 tokens, what limit does X set?",
    ...     "These models are limited, restricting inputs to a maximum of 77 tokens.")
    ('capped at 512 tokens', 'maximum of 77 tokens')
    >>> _another_cap("Given that its encoder is capped at 77 tokens, what limit does X set?",
    ...     "These models are limited, restricting inputs to a maximum of 77 tokens.")
    >>> _another_cap("Given that it is capped at 512 tokens, why?", "It reads up to 77 pages.")
    """
    for asked in _CAP_ASKED.finditer(question):
        value, unit = figure_value(asked[1]), set(tokenize(asked[2]))
        if not value or not unit or any(figure_value(w) == value for w in abstract.split()):
            continue
        for said in _CAP_SAID.finditer(abstract):
            if set(tokenize(said[2])) == unit and figure_value(said[1]) not in (None, value):
                return asked[0].strip(), said[0].strip()
    return None
