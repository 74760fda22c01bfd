"""The figures of a sentence and what each one counts: "512 GPUs", "a BLEU score of 37.5",
"a 50% reduction in pre-training iterations"; which figures can answer a question (a score, a
share, a count); and whether a paper reports the size a question asks about.

>>> figure_near("It is trained on 850M English Tweets.", {"tweet"}, [], True)
True
>>> figure_near("BERTweet beats RoBERTa on three Tweet NLP tasks.", {"tweet"}, [], True)
False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from rag.lexical import tokenize
from rag.names import name_in, name_pattern, without_names
from rag.question import (
    DATA,
    DATA_UNITS,
    MEASURES,
    PARAMETERS,
    TIME_UNITS,
    Ask,
    Question,
    asked_phrase,
    figure_value,
    same_figure,
)

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
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
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
# "double the speed" is a figure; a "double descent" or "double precision" is a name.
NUMBER = re.compile(
    r"\d|\b(" + "|".join(w for w in NUMBER_WORDS if w not in ("double", "triple")) + r")\b"
    r"|\b(?:double|triple)\b(?![\s-]+(?:descent|precision|blind|digits?|checks?)\b)|[×%]",
    re.I,
)

_SHARE = re.compile(r"%|percent", re.I)

# "What MMLU score ...?" is not answered by a size or a name: "UL2 20B", "3.3T tokens".
# "@20" of "ED@20" is the metric's cut-off.
_NOT_A_SCORE = re.compile(r"^[~≈]?\d+(\.\d+)?[KMBT](-\w+)?$|^[A-Za-z@]", re.I)

SCORES = frozenset(
    tokenize(
        "score scores accuracy f1 bleu rouge perplexity auc auroc auprc mrr ndcg map iou miou pass "
        "precision recall "
        # "what mask AP on COCO?" is not answered by "a CLIP model with 5 billion parameters"
        "ap cider meteor comet chrf spider psnr ssim fid mse mae rmse"
    )
)

# What a score is given in: "85.2 average accuracy", "71.2 zero-shot pass@1", "30.1 points".
_SCORE_UNITS = SCORES | frozenset(
    # "99% accurate when aligning reads": a score, said as an adjective
    tokenize(
        "percent percentage points pp average exact match em map miou wer cer pass top accurate"
    )
)

# "30x", "x2.6", "tenfold", "13times": a multiple.
_MULTIPLE = re.compile(r"\d[x×]$|^[x×]\d|fold$|\dtimes$", re.I)

# "outperforming Phi-1.5 by 36%", "12% higher", "7% over GPT", "74% smaller": a margin, not the
# score asked for.
_MARGIN = frozenset(
    "higher lower more fewer less better worse times fold over smaller larger faster slower".split()
)

# "By what percentage / factor ...?", "what speedup?" are answered by a share or a multiple
# ("up to 1.85x"), not by "2.8B parameters".
SHARES = frozenset(tokenize("percentage percent fraction proportion portion share factor speedup"))

_SHARE_WORDS = frozenset("half twice double triple third quarter times fold".split())


def _is_share(words: list[str], i: int) -> bool:
    """
    >>> words = "from 2.8B parameters: 28% less time, half the steps, 3 times faster, 1/7th".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _is_share(words, i)]
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


_BY_SO_MUCH = re.compile(
    r"\bby(?:\s+(?:up\s+to|about|around|nearly|roughly|over|almost|approximately|~))?$", re.I
)
# A question after a change ("how much COMET did they lose?"), which a margin answers
_CHANGED = re.compile(
    r"\b(?:los[et]|loss|drop|fall|fell|gain|improv|increas|decreas|reduc|boost|rais|add"
    r"|outperform|better|worse|higher|lower|more|less|margin|gap|differ)\w*",
    re.I,
)


def _margin(words: list[str], i: int) -> bool:
    """Whether the figure at ``i`` is by how much something changed, not where it got.

    >>> words = "it improves by up to 7.6 AP and gets 6.54 and 1.07 decrease in FID, 80 BLEU".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _margin(words, i)]
    ['7.6', '6.54', '1.07']
    """
    after = [w.strip(".,;:()[]\"'").lower() for w in words[i + 1 : i + 4]]
    return bool(_BY_SO_MUCH.search(" ".join(words[max(i - 3, 0) : i]))) or any(
        joined(tokenize(w)) & CHANGES for w in after
    )


def _is_score(words: list[str], i: int, wanted: set[str]) -> bool:
    """Whether the figure at ``words[i]`` can be a score: not a size or a name ("UL2 20B"), a
    multiple ("30x more compute"), a margin ("by 36%", "+8.6"), nor a count of something that is no
    score ("one GPU for 4 days", "over 20 benchmarks").

    >>> words = "on one GPU for 4 days with Claude 2.1 it gets 79.9 GLUE , beating GPT by 36%".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _is_score(words, i, {"glue"})]
    ['79.9']
    >>> words = "gains (+2.6% in ED@20, +3.1%) to 41.2 ED @20".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _is_score(words, i, {"ed"})]
    ['41.2']
    """
    word = words[i].strip(".,;:()[]")
    if _NOT_A_SCORE.match(word) or _MULTIPLE.search(word) or _GLUED.match(word):
        return False
    before = words[i - 1].strip(".,;:()[]\"'") if i else ""
    if before.lower() == "by" or words[i].lstrip("([").startswith("+"):
        return False  # "by 36%", "EM score +8.6", "(+2.6% in Verb ED@20)": a margin
    # "Claude 2.1", "Llama 3": the version of a name the question does not ask about.
    version = re.fullmatch(r"\d(\.\d)?", word) and before[:1].isupper()
    if version and not joined(tokenize(before)) & wanted:
        return False
    after = [w.strip(".,;:()[]\"'").lower() for w in words[i + 1 : i + 4]]
    if after and after[0] in _MARGIN:
        return False
    counting = _counting(words, i)
    units = _SCORE_UNITS | wanted
    if _counts_other(counting, units):
        return False  # "8 GLUE tasks" counts tasks, whatever qualifies them
    if _share_of_other(words, i, units):
        return False  # "78% and 68% of the original computational budget"
    if _value_of_other(words, i, units):
        return False  # "the masking rate from 15% to 50%"
    return not counting or any(joined(tokenize(w)) & units for w in counting)


def _share_of_other(words: list[str], i: int, units: set[str] | frozenset[str]) -> bool:
    """Whether the figure at ``words[i]`` is a share "of" something that is no score: "78% and
    68% of the original budget", not "95% of the accuracy of GPT-4".

    >>> words = "only 78% and 68% of the original compute , and 95% of its accuracy".split()
    >>> [_share_of_other(words, i, {"accuraci"}) for i in (1, 3, 11)]
    [True, True, False]
    >>> _share_of_other("an additional 0.5% - 2% of parameters, HMT can".split(), 2, {"hmt"})
    True
    """
    rest = []
    for w in words[i + 1 : i + 8]:
        rest.append(w.strip(".,;:()[]\"'").lower())
        if re.search(r"[.,;:]$", w):
            break  # "2% of parameters, HMT ...": the phrase ends at its comma
    if len(rest) > 2 and rest[0] in ("and", "or", "to", "-", "–") and NUMBER.search(rest[1]):
        rest = rest[2:]  # "78% and 68% of ...", "0.5% - 2% of ...": both are shares of it
    if not rest or rest[0] != "of" or not _SHARE.search(words[i]):
        return False
    of = [w for w in rest[1:5] if w not in ("the", "a", "an", "its", "their", "our")]
    return not any(joined(tokenize(w)) & units for w in of)


# Verbs that say a score moved: "the mIoU rises from 44.4 to 48.6" (not "languages from 86").
_MOVES = frozenset(
    "rises grows goes jumps climbs drops falls moves shifts improves increases decreases "
    "boosts raises lifts".split()
)


def _value_of_other(words: list[str], i: int, units: set[str] | frozenset[str]) -> bool:
    """Whether the figure at ``words[i]`` is what something other than a score goes "from" or
    "to": "the masking rate from 15% to 50%", not "accuracy from 70% to 80%".

    >>> words = "raising the masking rate from 15% to 50% lifts accuracy from 70% to 80%".split()
    >>> [_value_of_other(words, i, SCORES) for i in (5, 7, 11, 13)]
    [True, True, False, False]
    >>> _value_of_other("the mIoU rises, increasing from 44.4 to 48.6".split(), 5, SCORES)
    False
    >>> _value_of_other("the accuracy of code refinement from 16.4 to 17.8".split(), 8, SCORES)
    False
    >>> _value_of_other("its support for programming languages from 86 to 338".split(), 6, SCORES)
    True
    """
    at = i - 1
    if at >= 2 and words[at].lower() == "to" and NUMBER.search(words[at - 1]):
        at -= 2  # "from 15% to 50%": 50% is what the rate goes to
    if at < 1 or words[at].lower() != "from":
        return False
    what = [w.strip(".,;:()[]\"'").lower() for w in words[max(at - 4, 0) : at]]
    if re.search(r"(?:ing|ed)$", what[-1]) or what[-1] in _MOVES:
        return False  # "the mIoU ... increasing from 44.4 to 48.6": a verb, the score before it
    # "the accuracy of code refinement from 16.4 to 17.8": the score is named a little before
    return not any(joined(tokenize(w)) & units for w in what)


def _counting(words: list[str], i: int) -> list[str]:
    """The words after the figure at ``words[i]`` up to a pause: what it counts, if anything.
    A range counts what its other end counts ("50 to 100 training examples").

    >>> _counting("on 50 to 100 training examples , but".split(), 1)
    ['training', 'examples']
    """
    ahead = [w.strip(".,;:()[]\"'").lower() for w in words[i + 1 : i + 3]]
    if len(ahead) == 2 and ahead[0] in ("to", "or", "and") and NUMBER.match(ahead[1]):
        return _counting(words, i + 2)
    counting = []
    for word in words[i + 1 : i + 4]:
        w = word.strip(".,;:()[]\"'").lower()
        # "4.7% semantic F1": a measure may hold a digit
        if (not w.replace("-", "").isalpha() and not set(tokenize(w)) & SCORES) or w in PHRASE_END:
            break
        counting.append(w)
        if word[-1] in ".,;:":  # "77 tokens, our model": the pause ends what it counts
            break
    return counting


_STATE_OF_ART = frozenset(tokenize("state art"))
# "two objectives", "three pre-trained tasks": spelled-out counts of things (not "a billion
# parameters", a magnitude)
_SMALL_COUNTS = frozenset(NUMBER_WORDS[: NUMBER_WORDS.index("hundred")])


def _counted_noun(words: list[str], i: int) -> list[str]:
    """What a spelled-out figure counts: the words after it up to its first plural ("three
    pre-trained tasks"), or none ("three times faster" counts nothing)."""
    counting = _counting(words, i)
    plural = next((n for n, w in enumerate(counting) if re.search(r"[^s]s$", w)), None)
    # "nine kinds of operators" counts what follows "of", read elsewhere; "three pre-trained
    # models" counts what a question seldom words ("what sizes are the released models?")
    if plural is None or counting[plural] == "times" or counting[plural] in KINDS:
        return []
    if not tokenize(counting[plural]):
        return []
    return counting[: plural + 1]


def _counts_other(counting: list[str], units: set[str] | frozenset[str]) -> bool:
    """Whether the words a figure counts (``_counting``) are a plural thing that is none of
    ``units``: "77 tokens" is no gain in points, "8 GLUE tasks" no GLUE score.

    >>> words = "longer than the default 77 tokens , up 3.1 recall points".split()
    >>> [_counts_other(_counting(words, i), {"point"}) for i in (4, 8)]
    [True, False]
    >>> _counts_other(_counting("in about 1 GPU hour of finetuning".split(), 2), {"point"})
    True
    >>> _counts_other(_counting("on 4 benchmark datasets show gains".split(), 1), {"point"})
    True
    """
    # the first plural (or time) is the thing: "4 benchmark datasets show", "77 tokens"; "in
    # about 1 GPU hour": a time, one or many
    thing = next((w for w in counting if re.search(r"[^s]s$", w) or w in _TIME_UNITS), "")
    return bool(thing) and not joined(tokenize(thing)) & units


_TIME_UNITS = frozenset("second minute hour day week month year".split())
# A figure given in points: "6 points", "2.5 pp", "+3.1", "by 4", or a score's decimals ("48.6")
_POINT_UNITS = frozenset("point points pp p.p. pts".split())


def _in_points(words: list[str], i: int) -> bool:
    """Whether the figure at ``words[i]`` can be a number of (percentage) points: a share, a
    margin, a figure in points or with decimals; not a count ("3,000 ... pairs", "10 LLMs").

    >>> words = "3,000 curated pairs , 10 open LLMs , 2.5 pp , 6 points , by 4 , 48.6 , 76 accuracy points , 10x".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _in_points(words, i)]
    ['2.5', '6', '4', '48.6', '76']
    """
    word = words[i].strip(".,;:()[]")
    if _MULTIPLE.search(word):
        return False  # "a 10x reduction in compute": a multiple, no points
    # "76 points", "76 accuracy points"
    after = {w.strip(",;:()[]").lower() for w in words[i + 1 : i + 3]}
    return bool(
        _is_share(words, i)
        or _margin(words, i)
        or after & _POINT_UNITS
        or re.fullmatch(r"[+±-]?\d+\.\d+", word)
    )


# "How many parameters?" asks for a count: "60% fewer parameters" does not give one ("how many
# points" does take a percentage).
_HOW_MANY = re.compile(r"\bhow many\b(?! of\b| times\b)", re.I)

# "How many fewer iterations ...?", "how many FLOPs does it save?": a difference, which a share
# gives ("a 50% reduction", "saves 25% FLOPs").
HOW_MUCH_OF = re.compile(r"\bhow much of\b", re.I)
_IN_BYTES = re.compile(r"\bin\s+(?:(?:giga|tera|mega|peta)?bytes|[GTMP]B)\b", re.I)
_BYTES = re.compile(r"[~≈]?[\d.,]+\s*(?:[GTMPK]i?B|(?:giga|tera|mega|peta)?bytes)\b", re.I)
_DEVICE = r"(?:GPU|TPU|memory|RAM|VRAM|HBM)"
_HARDWARE = re.compile(rf"[\d.,]+\s*[GMT]B\s+{_DEVICE}", re.I)
_DEVICE_ASKED = re.compile(rf"\b{_DEVICE}s?\b", re.I)
_HOW_MUCH_MORE = re.compile(
    r"\bhow much (?:faster|slower|smaller|larger|bigger|better|worse|cheaper|higher|lower)\b",
    re.I,
)
# "How much do the continual learning approaches improve code summarization?": a gain, not
# "five continual learning approaches"
_HOW_MUCH_IMPROVED = re.compile(
    r"\bhow much\s+(?:do|does|did|can|could|would)\s+(?:[\w'-]+\s+){1,6}?"
    r"(?:improve|boost|increase|raise|reduce|lower|speed\s+up|outperform|beat|help|hurt|degrade)\b",
    re.I,
)
# "improving SimCLR to 72.5% linear probe accuracy": where it got to, not by how much
_RAISED = re.compile(r"(?:improv|increas|rais|boost|lift|push|bring|brought)\w*$", re.I)


def _reached(words: list[str], i: int) -> bool:
    """Whether the figure at ``i`` is where a change ended ("improving X to 72.5%"), with no
    start given ("from 70% to 72.5%" says by how much).

    >>> words = "improving SimCLR to 72.5% accuracy, from 60% to 65%".split()
    >>> [w for i, w in enumerate(words) if NUMBER.search(w) and _reached(words, i)]
    ['72.5%']
    """
    if i == 0 or words[i - 1].lower() != "to":
        return False
    before = [w.lower() for w in words[max(i - 6, 0) : i - 1]]
    return any(_RAISED.match(w) for w in before) and "from" not in before


_RELATIVE = re.compile(r"\b(?:relative\s+to|compared\s+(?:to|with))\b", re.I)
_BY_HOW = re.compile(r"\bby how (?:much|many)\b", re.I)
_BY_HOW_MUCH_LESS = re.compile(
    r"\bhow many (?:fewer|more|less|additional|extra)\b"
    r"|\b(?:save|saves|saved|saving|reduce[sd]?|cuts?)\b",
    re.I,
)

_SHARE_UNITS = frozenset(tokenize("points percentage percent"))
_POINTS = frozenset(tokenize("points"))
_PRECISION = frozenset(tokenize("precision"))
_IN_BITS = re.compile(r"\d+(?:\.\d+)?[-\s]?bits?\b", re.I)

# "(1) ... (2) ...", ": 1. Tuning ..., and 2. MoE": a list, not a figure
ENUMERATION = re.compile(r"\(\d\)|\b\d\)|(?:(?<=:\s)|(?<=\band\s)|(?<=,\s))\d\.(?=\s[A-Z])")

# "Pre-training with ScreenShots (S4)": a name given in brackets holds no figure.
_NAMED_AS = re.compile(r"\([A-Za-z]+\d+[A-Za-z]*\)")

_GLUED = re.compile(
    rf"^\(?(?:\d[\d.]*|(?i:{'|'.join(NUMBER_WORDS[:11])}))-(?!fold|times|point)[A-Za-z]{{3,}}\W*$"
)

# "Llama-2", "GPT-4", and accelerators written in one word ("V100", "A100")
_VERSIONED = re.compile(r"^\(?(?:[A-Z][A-Za-z]+-\d+(?:\.\d+)?|[A-Z]{1,2}\d{2,})[,.;:)]*$")
# "(Vicuna-7B)": a name, which gives a figure only of a size
_SIZED_NAME = re.compile(r"^\(?[A-Z][A-Za-z]+(?:-\d+(?:\.\d+)?)*-\d+(?:\.\d+)?[KMBT][,.;:)]*$")
_SIZE_ASKED = PARAMETERS | frozenset(tokenize("size"))
FIGURE_WINDOW = 4  # words between a figure and what it counts ("6GB subset", "512 GPUs")

LOOSE_WINDOW = 8  # the same for what the clause says around it ("0.3B ... data refining")

# A size set apart in brackets ("much smaller (i.e., 4B)", "(7B)"): a count of parameters.
_MODEL_SIZE = re.compile(r"^\(?[~≈]?\d+(?:\.\d+)?[MB]\)[,;:.]?$")
# a size written alone, brackets or not: "7B", "(~7B)", "350M,"
_BARE_SIZE = re.compile(r"\(?[~≈]?\d+(?:\.\d+)?[MB]\)?[,;:.]?")
# What is counted in ones, never in millions: "how many models" is not met by "7B models"
# (as the asked head holds them: words too common to index stay as written)
_MODELS = frozenset({"models", "model", "llms", "plms", "llm", "plm"})
_YEAR = re.compile(r"(19|20)\d\d")

_YEAR_BEFORE = frozenset("in since until during".split())


def _is_year(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a year, of a name ("GermEval 2014") or a date ("in 2023"),
    not a count ("2048 tokens").

    >>> words = "GermEval 2014 , in 2023 , in 2048 tokens (Touvron et al., 2023)".split()
    >>> [w.strip("()") for i, w in enumerate(words) if _YEAR.search(w) and _is_year(words, i)]
    ['2014', '2023', '2023']
    """
    if not _YEAR.fullmatch(words[i].strip(".,;:()[]")) or not i:
        return False
    before = words[i - 1].strip(".,;:()[]\"'")
    after = words[i + 1].strip(".,;:()[]\"'") if i + 1 < len(words) else ""
    aside = i + 1 < len(words) and words[i + 1].startswith("(")  # "GermEval 2018 (fine ..."
    counts = after.isalpha() and after.islower() and after not in PHRASE_END and not aside
    # "(Touvron et al., 2023)": a citation's year
    dated = before[:1].isupper() or before.lower() in _YEAR_BEFORE or before.lower() == "al"
    return dated and not counts


def figure_near(
    sentence: str,
    wanted: set[str],
    names: list[str],
    counted: bool = False,
    fits: Callable[[list[str], int], bool] | None = None,
    modifiers: frozenset[str] = frozenset(),
    items: frozenset[str] = frozenset(),
) -> bool:
    """Whether a figure in ``sentence`` stands within FIGURE_WINDOW words of a wanted term.

    ``fits`` says which figures can be the kind of figure asked for (a score, a share);
    ``modifiers`` are wanted terms that only qualify the counted thing ("training" of "training
    images"): "pre-trained for 400 epochs" does not count images. ``items`` are the modifiers
    that may name what a measured collection holds ("summary" of "the summary dataset").
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
    >>> figure_near("It needs only 68% of the original computational budget.", {"budget"}, [], True)
    True
    >>> figure_near("It matches larger models (e.g., 34B) while smaller (i.e., 4B).", {"paramet"}, [], True)
    True
    >>> figure_near("It is trained on 300B tokens.", {"paramet"}, [], True)
    False
    >>> figure_near("It rivals FLAN-PaLM 62B.", {"paramet"}, [], True)
    False
    >>> figure_near("It extends its context length capacity up to 32k tokens.", {"context"}, [], True)
    True
    >>> figure_near("Masking ratios: a moderate ratio for encoder: 15~30%.", {"mask"}, [], True)
    True
    >>> figure_near("It increases input text length from 512 to 2048.", {"input"}, [], True)
    True
    >>> figure_near("a grid search on the best mixing ratio between the two objectives", {"mix"}, [], True)
    False
    >>> figure_near("It beats the current SOTA, increasing from 44.4 to 48.6.", {"state", "art"}, [])
    True
    >>> figure_near("MKOR uses Rank-1 updates.", {"rank"}, [], True)
    True
    >>> figure_near("Standard GPUs like V100 take the first 256 tokens.", {"gpu"}, [], True)
    False
    >>> sts = {"semant", "textual", "similar"}
    >>> figure_near("It gains on seven semantic textual similarity tasks.", sts, [], True)
    True
    """
    words = ENUMERATION.sub(" ", without_names(_NAMED_AS.sub(" ", sentence), names)).split()
    if wanted >= _STATE_OF_ART:  # "over the previous state of the art": "compared with the SOTA"
        wanted = wanted | {"sota"}
    near = [i for i, w in enumerate(words) if _terms(w) & wanted or _initials(words, i, wanted)]
    figures = [
        i
        for i, w in enumerate(words)
        if NUMBER.search(w)
        and not _is_year(words, i)
        and (not fits or fits(words, i))
        # "0-shot", "16-layer": a setting, which counts only the word it is glued to
        and (not _GLUED.match(w) or i in near)
        # "Llama-2", "GPT-4": a name, not a figure; "Rank-1 updates" of "what rank?" is one
        and (not _VERSIONED.match(w) or i in near)
        and (not _SIZED_NAME.match(w) or i in near or wanted & _SIZE_ASKED)
        # "the two objectives", "the first two tasks": a word that counts other things
        and not (w.lower() in _SMALL_COUNTS and _counts_other(_counted_noun(words, i), wanted))
        # "smaller scale (~7B) models" is how big the models are, not how many
        and not (
            counted and wanted & _MODELS and not wanted & PARAMETERS and _BARE_SIZE.fullmatch(w)
        )
    ]
    if not counted:
        return any(
            abs(f - n) <= LOOSE_WINDOW or _raised_to(words, n, f) for f in figures for n in near
        )
    # "a corpus, boasting a size exceeding 6TB": a measure word just before the figure, and the
    # counted thing close by.
    measured = [i for i, w in enumerate(words) if set(tokenize(w)) & MEASURES]
    nouns = [n for n in near if _terms(words[n]) & (wanted - modifiers)]
    for f in figures:
        if f in near or (
            any(
                0 < _apart(words, n, f) <= FIGURE_WINDOW and not _new_clause(words[n + 1 : f])
                for n in nouns
            )
            and not _counts_its_own(words, f, wanted)
        ):
            return True  # "300B-token", "BLEU score of 37.5", "GPUs: 512"
        if _counts_plural(words, f, wanted - modifiers):
            return True  # "a three trillion tokens English corpus": tokens, not corpora
        if wanted & PARAMETERS and _MODEL_SIZE.match(words[f]):
            return True  # "much smaller (i.e., 4B)": a model's size, in parameters
        # "... ratio for decoder: 50~70%": the measure word before a colon, the figure after it
        colon = f > 0 and words[f - 1].endswith(":")
        # "length from 512 to 2048": the figure a range goes to stands where it starts
        start = f - 2 if f >= 3 and words[f - 1] == "to" and words[f - 3] == "from" else f
        if any(0 < start - m <= (FIGURE_WINDOW if colon else 2) for m in measured) and any(
            abs(f - n) <= LOOSE_WINDOW for n in nouns
        ):
            return True
        phrase: list[str] = []  # the words the figure qualifies, up to a pause or a function word
        # "8 Korean natural language understanding (NLU) tasks": the spelled-out words and
        # their acronym are one word, "NLU"
        following = _acronyms_folded(words[f + 1 :])
        # one more, for a "different" skipped; and one for an "and" between two qualifiers
        joins = any(w.lower() in ("and", "or") for w in following[1 : 1 + FIGURE_WINDOW])
        after = following[: 1 + FIGURE_WINDOW + joins]
        if after and after[0].lower() == "of":  # "160GB of text"
            # "68% of the original computational budget": a share of what the phrase ends with
            # (not "half of the parameters" for a size: a share is none)
            share_of = (
                words[f].rstrip(".,;:)").endswith("%")
                and not wanted & _SIZE_ASKED
                and len(following) > 1
                and following[1].lower() in ("the", "its", "their")
            )
            skip = 2 if share_of else 1
            after = following[skip : skip + 1 + FIGURE_WINDOW]
        elif (
            len(after) > 2
            and joined(tokenize(after[0])) & CHANGES - wanted  # "what reduction?" is the change
            and after[1] in ("in", "of")
        ):
            after = words[f + 3 : f + 4 + FIGURE_WINDOW]  # "a 50% reduction in iterations"
        kinds = len(after) >= 2 and after[0].lower() in KINDS and after[1].lower() == "of"
        if kinds and _kinds_of(words[f + 3 : f + 3 + LOOSE_WINDOW], wanted):
            return True  # "nine kinds of simple and complex data augmentation operators"
        for position, word in enumerate(after):
            bare = word.strip(".,;:()[]\"'")
            if phrase and _joins_qualifiers(after, position, phrase[-1], wanted):
                continue  # "15 different domain-dependent extrinsic and intrinsic tasks"
            participle = PARTICIPLE.match(bare) and bare not in NUMBER_WORDS
            # "four datasets *requiring* long inputs": a verb after the counted things
            acting = phrase and GERUND.match(bare) and re.search(r"[^s]s$", phrase[-1])
            if not bare or bare.lower() in PHRASE_END or (phrase and participle) or acting:
                break  # "13 distinct tasks *derived* from ...": the participle qualifies the tasks
            if bare.lower() in _HOW_VARIED:
                continue  # "15 different backbone LLMs" counts backbone LLMs
            if not phrase and bare.isalpha() and bare.endswith("ly"):
                continue  # "300 manually collected benign queries" counts queries
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
        # ... unless it holds every word of a longer asked-for thing: "seven semantic textual
        # similarity tasks" counts semantic textual similarity (tasks)
        whole = len(wanted) >= 2 and wanted <= joined(tokenize(" ".join(phrase)))
        span = phrase if len(phrase) <= 2 or vague_end or whole else phrase[-1:]
        # "two images" is no count of "image pairs": the counted noun, not what qualifies it;
        # but a qualifier may name the things a collection holds ("how big is the summary
        # dataset?": "3.4M sentence summaries")
        if set().union(*map(_terms, span)) & ((wanted - modifiers) or wanted):
            return True
        if span and _terms(span[-1]) & items:
            return True
    return False


def _raised_to(words: list[str], n: int, f: int) -> bool:
    """Whether the figure at ``f`` is where an improvement in the measure at ``n`` went, further
    on in the same sentence: "an improvement in the mIoU across eight benchmarks compared with
    the current SOTA, increasing from 44.4 to 48.6" gives the mIoU, 12 words on.

    >>> words = "a gain in the mIoU across eight benchmarks over the SOTA, from 44.4 to 48.6.".split()
    >>> _raised_to(words, 4, 14)
    True
    >>> words = "a gain in the mIoU on eight benchmarks, and its FID from 9.4 to 8.6.".split()
    >>> _raised_to(words, 4, 14)
    False
    """
    ranged = f >= 3 and words[f - 1] == "to" and words[f - 3] == "from"
    changed = any(joined(tokenize(w)) & CHANGES for w in words[max(n - 3, 0) : n])
    others = any(set(tokenize(w)) & SCORES for w in words[n + 1 : f])
    return ranged and changed and not others and 0 < f - n <= 2 * LOOSE_WINDOW


def bound_elsewhere(sentence: str, name: str, fits: Callable[[list[str], int], bool]) -> bool:
    """Whether every mention of ``name`` in ``sentence`` is bound to a figure of its own that
    cannot answer (``fits``): "14.6% for Llama-2-7B" is Llama 2's gain, not its token count.

    >>> sentence = "It gains 14.6% for Llama-2-7B, all within 10B tokens."
    >>> bound_elsewhere(sentence, "Llama 2", lambda words, i: "%" not in words[i])
    True
    >>> bound_elsewhere("Llama 2 was trained on 2T tokens.", "Llama 2", lambda words, i: True)
    False
    """
    written = name_pattern(name)
    bound = list(re.finditer(rf"(\S+)\s+(?:for|on|of|with)\s+(?:the\s+)?{written}", sentence, re.I))
    if not bound or len(bound) < len(re.findall(written, sentence, re.I)):
        return False
    return all(NUMBER.search(m[1]) and not fits([m[1]], 0) for m in bound)


# How a figure is hedged: "up to 32k", "about 1,000", "only 4B"; no distance from its noun.
_HEDGES = frozenset(
    "up to upto about around over nearly approximately roughly almost only just".split()
)


_JOINS = frozenset("and but while whereas then".split())


def _new_clause(between: list[str]) -> bool:
    """Whether the words between a noun and a figure start a clause of their own, whose figure
    counts something else: "(books) and train a 1.3B LLM", "corpora and fine-tune on 19 tasks".

    >>> _new_clause("and train a".split()), _new_clause("and ROUGE scores of".split())
    (True, False)
    """
    return any(
        w.lower() in _JOINS and after.replace("-", "").isalpha() and after.islower()
        for w, after in pairwise(between)
    )


def _joins_qualifiers(after: list[str], position: int, last: str, wanted: set[str]) -> bool:
    """Whether the "and" / "or" at ``after[position]`` joins two qualifiers of one counted
    thing, ``last`` (the phrase's word so far) being the first: "15 different domain-dependent
    extrinsic and intrinsic tasks" counts tasks.

    >>> words = "extrinsic and intrinsic tasks".split()
    >>> _joins_qualifiers(words, 1, "extrinsic", {"task"})
    True
    >>> _joins_qualifiers(words, 1, "extrinsic", {"extrins", "task"})
    False
    >>> _joins_qualifiers("models and 5 tasks".split(), 1, "models", {"task"})
    False
    """
    word = after[position]
    following = after[position + 1] if position + 1 < len(after) else ""
    return (
        word.lower() in ("and", "or")
        and after[position - 1] == last  # the word before was kept, and no pause after it
        and not re.search(r"[^s]s$", last)  # not "3 models and 5 tasks"
        and following.islower()
        and following.replace("-", "").isalpha()
        # "three vision-only and one vision-language models": two counts
        and following not in [*NUMBER_WORDS, "one"]
        # "how many extrinsic tasks?" of "15 ... extrinsic and intrinsic tasks": all 15
        and not joined(tokenize(f"{last} {following}")) & wanted
    )


# (not "with": "a human experiment with 155 participants" counts the humans; not "over",
# "under": "a speedup of over 50 times" hedges the figure)
_OPENS_PHRASE = frozenset("across in on for from within into among at by".split())


def _counts_its_own(words: list[str], f: int, wanted: set[str]) -> bool:
    """Whether the figure at ``words[f]`` opens a phrase of its own that counts another plural
    thing: "synonym pairs across 50 languages" counts languages, not pairs; "a batch size of
    32 sequences" gives the size.

    >>> _counts_its_own("synonym pairs across 50 languages and".split(), 3, {"pair"})
    True
    >>> _counts_its_own("a batch size of 32 sequences".split(), 4, {"batch"})
    False
    >>> _counts_its_own("trained on TPUs for 3 days".split(), 4, {"tpus"})
    True
    """
    if f == 0 or f + 1 >= len(words) or words[f - 1].lower() not in _OPENS_PHRASE:
        return False
    after = words[f + 1].strip(".,;:()[]\"'")
    terms = set(tokenize(after))
    return (
        after.isalpha()
        and after.islower()
        and after.endswith("s")
        and bool(terms)
        and not terms & (wanted | MEASURES)
        and after.lower() not in _SHARE_WORDS  # "in 3 times fewer steps"
    )


def _apart(words: list[str], noun: int, figure: int) -> int:
    """How many words the figure stands after the noun, its hedges not counted: "context length
    capacity up to 32k" puts 32k three words after "context"."""
    return figure - noun - sum(w.lower() in _HEDGES for w in words[noun + 1 : figure])


_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion"})


def _counts_plural(words: list[str], f: int, wanted: set[str]) -> bool:
    """Whether the figure at ``words[f]`` is followed (past a scale word) by a wanted plural.

    A noun that qualifies another is singular ("three Tweet NLP tasks" counts tasks); a plural
    right after a figure is what it counts, whatever noun follows it.

    >>> _counts_plural("a three trillion tokens English corpus".split(), 1, {"token"})
    True
    >>> _counts_plural("on three Tweet NLP tasks".split(), 1, {"tweet"})
    False
    """
    after = f + 1
    if after < len(words) and words[after].lower() in _SCALE_WORDS:
        after += 1
    if after >= len(words):
        return False
    word = words[after].rstrip(",.;:)")
    plural = word.endswith("s") and not word.lower().endswith(("ss", "us", "is"))
    return plural and bool(_terms(word) & wanted)


def _terms(word: str) -> set[str]:
    """A word's terms, and the word itself for one too common to index ("models")."""
    bare = word.strip(".,;:()[]\"'").lower()
    unit = _GLUED_UNIT.match(bare)  # "6GB": a size in GB
    return joined(tokenize(word)) | {bare} | ({unit[1]} if unit else set())


_GLUED_UNIT = re.compile(r"^[~≈]?\d[\d.,]*([a-z]{2,})$")


def _acronyms_folded(words: list[str]) -> list[str]:
    """``words`` with each run spelled out before its acronym in brackets read as the acronym.

    >>> _acronyms_folded("Korean natural language understanding (NLU) tasks, including".split())
    ['Korean', 'NLU', 'tasks,', 'including']
    """
    folded: list[str] = []
    for word in words:
        acronym = re.fullmatch(r"\(([A-Z]{2,6})\)", word)
        letters = acronym[1] if acronym else ""
        spelled = folded[-len(letters) :] if letters and len(folded) >= len(letters) else []
        if spelled and all(w[:1].upper() == c for w, c in zip(spelled, letters, strict=True)):
            folded[-len(letters) :] = [letters]
        else:
            folded.append(word)
    return folded


def _initials(words: list[str], i: int, wanted: set[str]) -> bool:
    """Whether an acronym wanted starts at word ``i``: "mean reciprocal rank" for "mrr"."""
    for term in wanted:
        if 2 <= len(term) <= 5 and term.isalpha():
            run = words[i : i + len(term)]
            if len(run) == len(term) and "".join(w[0].lower() for w in run if w) == term:
                return True
    return False


KINDS = frozenset("kinds types sorts forms varieties".split())


def _kinds_of(words: list[str], wanted: set[str]) -> bool:
    """Whether the thing after "N kinds of" is wanted: its noun ends the phrase, past the
    adjectives joined by "and" / "or" ("simple and complex data augmentation operators")."""
    phrase = []
    for word in words:
        bare = word.strip(".,;:()[]\"'")
        if not bare or (bare.lower() in PHRASE_END and bare.lower() not in ("and", "or")):
            break
        phrase.append(bare)
        if word[-1] in ".,;:)":
            break
    return bool(phrase) and bool(joined(tokenize(phrase[-1])) & wanted)


PARTICIPLE = re.compile(r"^[a-z]{3,}(?<!e)ed$")  # "derived", "trained"; not "speed", "hundred"

GERUND = re.compile(r"^[a-z]{3,}ing$")

# Words that say how the counted things differ, not what they are.
_HOW_VARIED = frozenset("different distinct diverse various varied unique separate".split())

# Words that end the phrase a figure qualifies: "3.1 trillion tokens *of* English".
PHRASE_END = frozenset(
    "of in on for to with by from at as and or than that which while using per across over "
    "under into is are was were be the a an without within after before during via through "
    "among between against vs versus".split()
)


def joined(terms: Iterable[str]) -> set[str]:
    """Terms with hyphenated ones also joined, so "pre-training" meets "pretraining".

    >>> sorted(joined(["pre-train", "pre", "train"]))
    ['pre', 'pre-train', 'pretrain', 'train']
    """
    terms = set(terms)
    return terms | {t.replace("-", "") for t in terms if "-" in t}


# What a figure changes by: "a 50% reduction in pre-training iterations", "a 21.46%
# improvement in success rate".
CHANGES = frozenset(
    tokenize("improvement gain reduction increase decrease drop boost savings margin")
)


def _without_participles(phrase: list[str]) -> list[str]:
    """An asked-for phrase up to its noun: "the corpus released" ends at "corpus"."""
    while len(phrase) > 1 and PARTICIPLE.match(phrase[-1]):
        phrase = phrase[:-1]
    return phrase or [""]


def asks_for_score(ask: Ask) -> bool:
    """Whether what ``ask`` asks for is a score ("zero-shot ImageNet accuracy", "the best
    accuracy"), whose qualifiers are no thing it counts. A size or a rate is of the thing
    before it: "vocabulary size" counts a vocabulary; a change ("drop") is counted itself.

    >>> from rag.question import analyse
    >>> asks_for_score(analyse("What zero-shot ImageNet accuracy does MetaCLIP get?").asks[0])
    True
    >>> asks_for_score(analyse("How many training images are in ImageNet?").asks[0])
    False
    >>> asks_for_score(analyse("What vocabulary size does its tokenizer use?").asks[0])
    False
    """
    # up to the verb: "what exact zero-shot MMLU accuracy does ..." is more than three words
    *_, noun = _without_participles(asked_phrase(ask.clause) or ask.head_words.split())
    return bool(tokenize(noun)) and set(tokenize(noun)) <= SCORES


_UP = frozenset(tokenize("improvement improve gain increase boost higher more"))
_DOWN = frozenset(tokenize("reduction reduce decrease drop savings save lower fewer less cut"))


def opposite_change(ask: Ask, sentence: str) -> bool:
    """Whether ``sentence`` reports a change the other way from the one asked for: "how large
    was the drop?" is not answered by "an accuracy increase of 6 p.p.".

    >>> from rag.question import analyse
    >>> opposite_change(analyse("How large was the drop?").asks[0], "We see an increase of 6 p.p.")
    True
    >>> opposite_change(analyse("How large was the drop?").asks[0], "Accuracy drops by 6 p.p.")
    False
    """
    asked, said = set(tokenize(ask.head_words)), set(tokenize(sentence))
    for way, other in ((_UP, _DOWN), (_DOWN, _UP)):
        if asked & way and said & other and not said & way:
            return True
    return False


def asks_for_change(ask: Ask) -> bool:
    """Whether ``ask`` asks for a change of something ("FLOP savings", "accuracy gain"): a
    share or a multiple near what changes, not a count of it.

    >>> from rag.question import analyse
    >>> asks_for_change(analyse("How much FLOP savings does it give?").asks[0])
    True
    >>> asks_for_change(analyse("How many FLOPs does it need?").asks[0])
    False
    >>> asks_for_change(analyse("How much memory does it save?").asks[0])
    True
    >>> asks_for_change(analyse("How many FLOPs does it save?").asks[0])
    True
    >>> asks_for_change(analyse("How much translation quality did it lose?").asks[0])
    True
    >>> asks_for_change(analyse("How many times fewer FLOPs does it need?").asks[0])
    True
    >>> asks_for_change(analyse("How much FLOPs and model-size saving does it achieve?").asks[0])
    True
    """
    if _HOW_MUCH_SAVED.search(ask.clause) or _HOW_MANY_TIMES.search(ask.clause):
        return True
    *_, noun = _without_participles(ask.head_words.split() or [""])
    return bool(tokenize(noun)) and set(tokenize(noun)) <= CHANGES


# "How many times fewer FLOPs ...?": a multiple ("56.3 times saving on FLOPs"), not a count.
_HOW_MANY_TIMES = re.compile(r"\bhow many times\s+(?:\w+er|more|fewer|less|as)\b", re.I)

# "How much memory does it save?": the change, not a count of memory ("50% less memory usage").
_HOW_MUCH_SAVED = re.compile(
    r"\bhow (?:much|many)\b(?:\W+\w+){1,5}?\W+(?:save[sd]?|savings?|reduce[sd]?|reductions?|cut|cuts"
    r"|lose|loses|lost|sacrifice[sd]?)\b",  # "how much translation quality did it lose?"
    re.I,
)


# A size: "6.7B", "400M", "2.5 billion".
_SIZED = re.compile(
    # "70b" as typed into a search box is 70B
    # ("the 100-billion-parameter model")
    r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*([KMBTb])\b|[\s-]+(thousand|million|billion|trillion)\b)"
)

_SCALES = {
    "K": 1e3, "M": 1e6, "B": 1e9, "b": 1e9, "T": 1e12,
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip


def _sizes(text: str) -> set[float]:
    return {float(m[1]) * _SCALES[m[2] or m[3]] for m in _SIZED.finditer(text)}


_LETTER = {"thousand": "K", "million": "M", "billion": "B", "trillion": "T"}
_WORD = {letter: word for word, letter in _LETTER.items()}


def size_terms(text: str) -> set[str]:
    """The terms of ``text``'s sizes in both spellings, so that "2.3 billion parameters" says
    what "the 2.3B-parameter model" asks about.

    >>> sorted(size_terms("a 2.3 billion parameter model"))
    ['2', '2.3', '2.3b', '3', '3b', 'billion']
    """
    terms: set[str] = set()
    for m in _SIZED.finditer(text):
        letter = (m[2] or _LETTER[m[3]]).upper()
        terms.update(tokenize(f"{m[1]}{letter} {m[1]} {_WORD[letter]}"))
    return terms


@lru_cache(maxsize=4096)
def other_sizes(question: str, names: tuple[str, ...], abstract: str) -> bool:
    """Whether the question asks about a size (a model's, a corpus's) that the abstract, which
    gives sizes, does not report: "the 6.7B model" of a paper on its 1.3B one.

    >>> other_sizes("What does SPDF save for a 6.7B GPT-3?", (), "We sparsify a 1.3B GPT-3.")
    True
    >>> other_sizes("What does it save on the 1.3B model?", (), "We sparsify a 1.3B GPT-3.")
    False
    >>> other_sizes("How does Yi-34B do?", ("Yi-34B",), "Yi comes in 6B and 34B sizes.")
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


# A setting the question fixes by a plain number: "with a guidance scale of 3", "on the 2019
# exam" (not a share, a size or a multiple: "of 3%", "of 7B", "of 3x")
_PLAIN = r"(\d+(?:\.\d+)?)(?![\w%]|\.\d)"
_VALUE_OF = re.compile(rf"\b([a-z]{{3,}}(?:\s+[a-z]{{3,}})?)\s+of\s+{_PLAIN}", re.I)
# ("in the 4-shot setting")
_VALUE_BEFORE = re.compile(
    rf"\b(?:the|its|their)\s+{_PLAIN}[\s-]+((?:[\w-]+\s+){{0,2}}[\w-]+)", re.I
)


@lru_cache(maxsize=1024)
def other_value(question: str, paper: str) -> bool:
    """Whether the question fixes a setting by a number (``_VALUE_OF``, ``_VALUE_BEFORE``) that
    the paper gives at other values only: its figures are for those.

    >>> other_value("What CIDEr with a guidance scale of 3?", "With a guidance scale of 2, CIDEr is 78.6.")
    True
    >>> other_value("What CIDEr with a guidance scale of 2?", "With a guidance scale of 2, CIDEr is 78.6.")
    False
    >>> other_value("What did Qin score on the 2019 Gaokao English exam?", "It gets 138.5 in the 2018 English exam.")
    True
    >>> other_value("What did it score on the 2018 English exam?", "It gets 138.5 in the 2018 English exam.")
    False
    >>> other_value("What accuracy on the 3 datasets?", "On three datasets it wins; on 5 datasets too.")
    False
    >>> other_value("What BLEU with a beam of 4?", "It uses greedy decoding and 6 layers.")
    False
    >>> other_value("What gain in the 4-shot setting?", "It gains 5.6% in the 16-shot setting.")
    True
    """
    written = {m[0] for m in re.finditer(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])", paper)}
    words = set(re.findall(r"[a-z]+", paper.lower()))
    written |= {str(n) for n, word in enumerate(NUMBER_WORDS, start=2) if word in words}
    for m in _VALUE_OF.finditer(question):
        setting, value = m[1], m[2]
        if value in written:
            continue
        given = re.findall(rf"\b{re.escape(setting)}\s+of\s+{_PLAIN}", paper, re.I)
        if any(other != value for other in given):
            return True
    for m in _VALUE_BEFORE.finditer(question):
        value = m[1]
        if value in written:
            continue
        # "the 2019 Gaokao English exam": any of the words after the number ("2018 English exam")
        for setting in re.findall(r"[a-z]{3,}", m[2], re.I):
            given = re.findall(rf"{_PLAIN}[\s-]+(?:[\w-]+\s+){{0,2}}?{setting}\b", paper, re.I)
            if any(other != value for other in given):
                return True
    return False


# "an average performance improvement of 3.2% across six benchmarks (including Video-MME and
# MLVU)": a figure over several benchmarks, then the ones it includes
_AVERAGED = re.compile(
    r"\baverage\b(?:[^.;]|\.\d){0,80}?\b(?:across|over|on)\s+(?:all\s+|the\s+)?"
    rf"(?:\d+|{'|'.join(NUMBER_WORDS)}|several|multiple)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:benchmarks|datasets|tasks)\b\W{0,3}(?:including|such\s+as|e\.g\.,?|like)\s+"
    r"(?P<listed>[^)]*)",
    re.I,
)


def averaged_over(clause: str, names: Sequence[str], sentence: str) -> bool:
    """Whether ``sentence`` gives, for a benchmark the question names, only an average over
    several that include it: "what Video-MME score?" is not answered by "3.2% on average
    across six benchmarks (including Video-MME and MLVU)".

    >>> s = "It yields an average improvement of 3.2% across six benchmarks (including Video-MME and MLVU)."
    >>> averaged_over("What Video-MME score does it reach", ["Video-MME"], s)
    True
    >>> averaged_over("What average gain does it bring", [], s)
    False
    >>> averaged_over("What Video-MME score does it reach", ["Video-MME"], "It reaches 64.2 on Video-MME.")
    False
    """
    if re.search(r"\b(?:average|mean|overall)\b", clause, re.I):
        return False
    return any(name_in(name, m["listed"]) for m in _AVERAGED.finditer(sentence) for name in names)


# "How many parameters in total?" is not answered by "45.4M trainable parameters".
# An absolute figure is not a change by so much ("its BLEU score increased by 14.3%").
_BASES = {
    # ("6.54 decrease in FID")
    "absolut": r"(?:relativ|(?:increas|improv|gain|reduc|decreas|drop)\w*\s+(?:by|of|in)\b)",
    "relativ": "absolut",
    "total": r"(?:trainable|activated?)\s+param",
}


# "KIND absolute FID DiT-L/2": a search-box query that asks for a score on one basis
_ABSOLUTE_SCORE = re.compile(r"\b(?:absolute|relative)\s+([\w@.-]+)", re.I)


def asks_score_basis(query: str) -> bool:
    """Whether a query with no question form asks for a score on a basis ("absolute FID"), not
    for "absolute position embeddings".

    >>> asks_score_basis("KIND absolute FID DiT-L/2 ImageNet")
    True
    >>> asks_score_basis("absolute position embeddings length generalization")
    False
    """
    said = _ABSOLUTE_SCORE.search(query)
    return bool(said and set(tokenize(said[1])) & SCORES)


# "What accuracy do LLMs reach after being fine-tuned on PrefEval?" is not answered by "in
# zero-shot settings, ... accuracy falls below 10%", nor a zero-shot figure by a fine-tuned one
# ("after training on 400M pairs" is pre-training, which a zero-shot figure follows)
_TUNED = re.compile(r"\bfine-?tun\w*", re.I)
_UNTUNED = re.compile(r"\bzero-?shot\b|\bwithout\s+(?:any\s+)?(?:fine-?tuning|training)\b", re.I)


def other_regime(clause: str, sentence: str) -> bool:
    """Whether the sentence gives its figure with no fine-tuning where the question asks for
    one after it, or the other way round.

    >>> other_regime("What accuracy do LLMs reach after being fine-tuned on PrefEval",
    ...     "In zero-shot settings, accuracy falls below 10% at merely 10 turns.")
    True
    >>> other_regime("What zero-shot accuracy does it reach", "Fine-tuned, it reaches 81%.")
    True
    >>> other_regime("What accuracy does it reach after fine-tuning",
    ...     "Fine-tuning lifts zero-shot accuracy from 10% to 81%.")
    False
    """
    for asked, other in ((_TUNED, _UNTUNED), (_UNTUNED, _TUNED)):
        if asked.search(clause) and not other.search(clause):
            return bool(other.search(sentence) and not asked.search(sentence))
    return False


# "What value did it reach on the purity indicator ...?": the measure a bare "value" is of
_ON_A_MEASURE = re.compile(
    r"\b(?:on|in|by)\s+(?:the|its|their|a)\s+(?P<what>(?:[\w-]+\s+){1,3}?)"
    r"(?:indicator|metric|measure|index|score)s?\b",
    re.I,
)


def measure_named(clause: str) -> frozenset[str]:
    """The words of the measure a question names for its figure ("purity" of "on the purity
    indicator"), if it names one.

    >>> sorted(measure_named("What value did it reach on the purity indicator used to score it"))
    ['puriti']
    >>> measure_named("What value did it reach"), measure_named("What value on the MRR metric")
    (frozenset(), frozenset())
    """
    named = _ON_A_MEASURE.search(clause)
    # in plain words ("purity"): an acronym ("MRR") may be spelled out where it is given
    plain = [w for w in named["what"].split() if not re.search(r"[A-Z]{2}", w)] if named else []
    return frozenset(tokenize(" ".join(plain)))


MEASURE_STEM = 5  # letters a measure's word and a sentence's share: "accuracy", "less accurate"


def measure_written(measure: frozenset[str], sentence: str) -> bool:
    """Whether ``sentence`` writes every word of ``measure`` (measure_named), in any form.

    >>> measure_written(frozenset({"accuraci"}), "It is only 0.1% less accurate than PubMedBERT.")
    True
    >>> measure_written(frozenset({"puriti"}), "It is trained on 21.84 million paragraphs.")
    False
    """
    stems = {t[:MEASURE_STEM] for t in tokenize(sentence)}
    return all(t[:MEASURE_STEM] in stems for t in measure)


def benchmark_unwritten(ask: Ask, sentence: str) -> bool:
    """Whether ``ask`` wants a score on a benchmark it names ("what absolute MMLU accuracy?")
    and ``sentence`` writes neither that benchmark nor any score: "we find that 10% to 20% of
    training is optimal" is no MMLU accuracy.

    >>> from rag.question import analyse
    >>> ask = analyse("What MMLU accuracy does the 7B model reach?").asks[0]
    >>> benchmark_unwritten(ask, "We find that 10% to 20% of training is optimal.")
    True
    >>> benchmark_unwritten(ask, "It gains 6.9 pp on MMLU."), benchmark_unwritten(ask, "It is 70% accurate.")
    (False, False)
    >>> benchmark_unwritten(analyse("What accuracy does it reach?").asks[0], "It reaches 70%.")
    False
    """
    named = [m for m in ask.mentions if name_in(m, ask.head_words)]
    if not named or not asks_for_score(ask) or any(name_in(m, sentence) for m in named):
        return False
    stems = {t[:MEASURE_STEM] for t in tokenize(sentence)}
    return not any(score[:MEASURE_STEM] in stems for score in SCORES)


# a change given with where it went: the level is written too
_FROM_TO = re.compile(r"\bfrom\s+[\d.]+%?\s+to\s+[\d.]+", re.I)


def other_basis(clause: str, sentence: str) -> bool:
    """Whether the sentence gives its figure on another basis than the question asks: a
    relative one for an absolute one (or the other way round), trainable or activated
    parameters for a total.

    >>> other_basis("What absolute WER does it get", "It relatively reduces the WER by 19.2%.")
    True
    >>> other_basis("What WER does it get", "It relatively reduces the WER by 19.2%.")
    False
    >>> other_basis("How many parameters in total", "It uses 45.4M trainable parameters.")
    True
    >>> other_basis("What absolute BLEU score does it reach", "Its BLEU score increased by 14.3%.")
    True
    >>> other_basis("What absolute mIoU does it reach", "an improvement in the mIoU, from 44.4 to 48.6")
    False
    >>> other_basis("What absolute FID reduction does it achieve", "a 6.54 decrease in FID")
    False
    """
    if joined(tokenize(clause)) & CHANGES:
        return False  # "what absolute FID reduction?": the change is what is asked
    if _FROM_TO.search(sentence):
        return False  # "an improvement in the mIoU ..., increasing from 44.4 to 48.6"
    for asked, other in _BASES.items():
        if (
            re.search(rf"\b{asked}", clause, re.I)
            and re.search(rf"\b{other}", sentence, re.I)
            and not re.search(rf"\b{asked}", sentence, re.I)
        ):
            return True
    return False


# "How many tokens make up each block?" asks for a figure per block: "each"/"per" within a few
# words of what is counted ("predicts each output token" further on describes the method).
# Time units are written too many ways ("tokens/s") to be looked for.
_PER = re.compile(
    r"^\W*(?:(?!(?:when|if|while|where|that|which|by|as|after|before)\b)\S+\s+){0,2}?"
    r"(?:each|per|every)\s+([A-Za-z][\w-]+)",
    re.I,
)
_PER_TIME = TIME_UNITS | frozenset(tokenize("step iteration"))


def per_other(clause: str, counted: str, sentence: str) -> bool:
    """Whether the question asks for a figure of ``counted`` per thing ("each block") that
    ``sentence`` does not mention.

    >>> per_other("How many tokens make up each block", "tokens", "It extends context to 32k tokens.")
    True
    >>> per_other("How many tokens make up each block", "tokens", "Each block holds 64 tokens.")
    False
    >>> per_other("How many tokens per second", "tokens", "It decodes 40 tokens/s.")
    False
    >>> per_other("How much faster when each head uses a query", "faster", "It is 6.7x faster.")
    False
    """
    words = counted.split()
    at = clause.find(words[-1]) if words else -1
    if at < 0:
        return False
    per = _PER.match(clause[at + len(words[-1]) :])
    if not per:
        return False
    terms = joined(tokenize(per[1]))
    return bool(terms) and not terms & _PER_TIME and not terms & joined(tokenize(sentence))


# A setting named with capitals or digits: "on AC and CL", "on WikiMIA", "in XSUM", "on the
# Visual Genome region captioning task".
_ON_NAMED = re.compile(
    r"\b(?:on|in)\s+(?:the\s+)?([A-Z][\w-]*[A-Z\d][\w-]*|[A-Z][a-z]+(?:\s+[A-Z][\w-]+)+)"
)


def other_setting(clause: str, names: Sequence[str], sentence: str, abstract: str = "") -> bool:
    """Whether the question asks for a figure on a named benchmark and the sentence gives its
    figures on others, without naming the one asked about, nor by the short name the
    ``abstract`` gives it ("AudioCaps (AC)").

    >>> clause, names = "What SPIDEr does it reach on the MACS dataset", ["SPIDEr", "MACS"]
    >>> other_setting(clause, names, "It reaches SPIDEr scores of 44.1% and 30.5% on AC and CL.")
    True
    >>> other_setting(clause, names, "It reaches 30.5% on MACS.")
    False
    >>> other_setting(clause, names, "It reaches a SPIDEr score of 30.5%.")
    False
    >>> other_setting(clause, names, "It reaches 30.5% on MC.", "the MACS corpus (MC)")
    False
    >>> other_setting("What ROUGE on CNN/DailyMail", ["DailyMail"], "It gets 30.6 ROUGE-L in XSUM.")
    True
    >>> other_setting("What AP on COCO", ["COCO"], "It sets a CIDEr of 150.7 on the Visual Genome task.")
    True
    >>> other_setting("What does it save applied to GPT-2", ["GPT-2"], "It saves 25% on BERT.")
    True
    >>> other_setting("What gain for its T5 backbone", ["T5"], "Upon BART backbone, it gains 1.1%.")
    True
    >>> other_setting("What gain applied to a T5 backbone", ["T5"], "Upon BART backbone, +1.1%.")
    True
    >>> other_setting("How fast with Token-and-Duration Transducer models", ["Token-and-Duration Transducer"],
    ...     "TDT models are 2.82X faster.", "Token-and-Duration Transducer (TDT) architecture")
    False
    """
    for name in names:
        written = name_pattern(name)
        # "for its T5 backbone": not a figure "upon BART backbone"
        setting = re.search(
            rf"\b(?:for|with|upon|using|on|applied\s+to)\s+(?:its\s+|the\s+|an?\s+)?{written}"
            r"\s+(?P<noun>[a-z]{3,})\b",
            clause,
            re.I,
        )
        if setting and not name_in(name, sentence):
            other = re.search(rf"\b([A-Z][\w-]+)\s+{setting['noun']}\b", sentence)
            # ("TDT models" of "with Token-and-Duration Transducer models": its short name)
            if (
                other
                and not name_in(other[1], clause)
                and not _short_for(other[1], written, abstract)
            ):
                return True
        if not re.search(rf"\b(?:on|applied to)\s+(?:the\s+)?(?:\S+/)?{written}", clause, re.I):
            continue
        if name_in(name, sentence):
            return False
        others = _ON_NAMED.findall(sentence)
        if any(_short_for(o, written, abstract) for o in others):
            return False  # "on AC" of "the AudioCaps (AC) dataset"
        return any(not name_in(other, clause) for other in others)
    return False


def _short_for(short: str, written: str, abstract: str) -> bool:
    """Whether ``abstract`` gives ``short`` as the short name of the name ``written`` matches."""
    # ("Northwestern Medicine Enterprise Data Warehouse (NMEDW)" of "the Northwestern data")
    return bool(re.search(rf"{written}[^()]{{0,60}}\(\s*{re.escape(short)}\s*\)", abstract, re.I))


_MEASURED_THING = r"\bhow\s+\w+\s+(?:is|was|are|were)\s+(?:the|its|their|a|an)\s+"


def measures_collection(ask: Ask) -> bool:
    """Whether ``ask`` asks how large a thing is ("how big is the summary dataset?"), whose
    qualifiers may name what it holds ("3.4M sentence summaries")."""
    return bool(re.search(_MEASURED_THING + re.escape(ask.head_words), ask.clause, re.I))


def qualifiers_of(ask: Ask) -> frozenset[str]:
    """The terms that qualify what ``ask`` counts: "training" of "how many training images".

    >>> from rag.question import analyse
    >>> sorted(qualifiers_of(analyse("How many training images are in ImageNet?").asks[0]))
    ['train']
    >>> sorted(qualifiers_of(analyse("What success rate did the attacks reach?").asks[0]))
    []
    >>> sorted(qualifiers_of(analyse("How large is the custom legal vocabulary of X?").asks[0]))
    ['custom', 'legal']
    >>> sorted(qualifiers_of(analyse("How much wall-clock pre-training time did it save?").asks[0]))
    ['clock', 'pre', 'pre-train', 'train', 'wall', 'wall-clock']
    """
    *qualifiers, noun = _without_participles(ask.head_words.split())
    counted = set(tokenize(noun))
    if not counted or not counted <= ask.head:  # "success rate": a measure, not a thing counted
        return frozenset()
    # "how large is the custom legal vocabulary": the words after "is the" name a thing, whose
    # noun is the last ("three legal tasks" do not measure it)
    # ("how much wall-clock pre-training time": time, as data and compute, is counted unpluralised)
    if not measures_collection(ask) and not re.search(
        r"[^s]s$|^(?:data|compute|computation|time|memory|energy)$", noun.lower()
    ):
        return frozenset()  # "how many BioCoder examples come": a verb, not the counted noun
    return frozenset(tokenize(" ".join(qualifiers))) - counted


_MONEY = re.compile(r"\b(?:dollars?|usd|euros?)\b|\$", re.I)
_MONEY_ASKED = re.compile(r"\b(?:dollars?|usd|euros?|money)\b|\$", re.I)


def asks_for_money(ask: Ask) -> bool:
    """Whether ``ask`` wants a sum of money, which counts no thing ("how much money").

    >>> from rag.question import analyse
    >>> asks_for_money(analyse("How much money did it cost to pretrain?").asks[0])
    True
    >>> asks_for_money(analyse("How much compute did it cost?").asks[0])
    False
    """
    return bool(_MONEY_ASKED.search(ask.clause))


def asks_in_bytes(ask: Ask) -> bool:
    """Whether ``ask`` wants a size in bytes, which counts no thing: the corpus "is a 6GB
    subset", not "6GB of corpus".

    >>> from rag.question import analyse
    >>> asks_in_bytes(analyse("How large is the MiniPile corpus in gigabytes?").asks[0])
    True
    >>> asks_in_bytes(analyse("How large is the MiniPile corpus?").asks[0])
    False
    """
    return bool(_IN_BYTES.search(ask.clause))


_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.I)


def data_in_bytes(ask: Ask, sentence: str) -> bool:
    """Whether ``sentence`` gives the amount of data ``ask`` asks for in bytes: "how much text
    was it pre-trained on?" is answered by "on a 12GB Wikipedia dataset", a size that counts no
    text unit (not by "8 GB GPUs", a device's memory).

    >>> from rag.question import analyse
    >>> ask = analyse("How much text was it pre-trained on?").asks[0]
    >>> data_in_bytes(ask, "We pre-train it on a 12GB Wikipedia dataset.")
    True
    >>> data_in_bytes(ask, "It fits on two 16GB GPUs."), data_in_bytes(ask, "It sees 12 datasets.")
    (False, False)
    >>> data_in_bytes(analyse("How many GPUs were used?").asks[0], "on a 12GB dataset")
    False
    """
    return bool(
        _HOW_MUCH.search(ask.clause)
        and ask.head & DATA
        and _BYTES.search(sentence)
        and not _HARDWARE.search(sentence)
    )


def _is_money(words: list[str], i: int) -> bool:
    """Whether the figure at ``words[i]`` is a sum of money: "$4.6M", "12 million USD".

    >>> words = "it cost $4.6M , or 12 million USD , at 1/7th the carbon".split()
    >>> [w for i, w in enumerate(words) if w.strip("$")[0].isdigit() and _is_money(words, i)]
    ['$4.6M', '12']
    """
    return bool(_MONEY.search(" ".join(words[max(i - 1, 0) : i + 3])))


_SPELLED_WITH_DIGITS = re.compile(r"[A-Za-z]+\d+[A-Za-z]+\d*(?:-\w+)?")
_DIMENSIONS = re.compile(r"[1-4]-?D", re.I)


def _name_units(names: list[str]) -> set[str]:
    """The terms of ``names`` a figure may be given in: the parts written in capitals or
    figures ("GLUE", "SORT", "v1"), and a hyphened name whole; not a plain word of a name
    ("9 books" is no figure of "Book-SORT").

    >>> sorted(_name_units(["Book-SORT", "GLUE", "SQuAD v1"]))
    ['book-sort', 'glue', 'sort', 'squad', 'v1']
    """
    units = set()
    for name in names:
        units |= {t for t in tokenize(name) if "-" in t}
        for piece in re.split(r"[\s-]+", name):
            if not re.fullmatch(r"[A-Z]?[a-z]+", piece):
                units |= set(tokenize(piece))
    return units


_HOW_LARGE = re.compile(r"\b(?:sizes?|how\s+(?:large|big))\b", re.I)


# What a dataset is evaluated on or with, not what it is made of
_NOT_SIZES = frozenset(
    tokenize(
        "tasks languages models types benchmarks datasets baselines domains metrics settings "
        "experiments annotators participants categories subsets splits"
    )
)


def _counts_in(after: list[str], units: frozenset[str]) -> bool:
    """Whether the thing a figure counts (the first plural of the words ``after`` it, up to a
    pause) is one of ``units``: "nine varied and popular downstream tasks" counts tasks.

    >>> _counts_in("varied and popular downstream tasks - up".split(), _NOT_SIZES)
    True
    >>> _counts_in("pairs of segments from 9 tasks".split(), _NOT_SIZES)
    False
    """
    for word in after:
        w = word.strip(".,;:()[]\"'").lower()
        if re.search(r"[^s]s$", w):
            return bool(joined(tokenize(w)) & units)
        if word[-1] in ".,;:":
            break
    return False


_RATES = frozenset(tokenize("rate ratio probability"))
_DURATION = frozenset(tokenize("duration durations"))
_PROGRESS = frozenset(tokenize("epochs updates tokens"))


def _in_time(after: list[str]) -> bool:
    """Whether the words after a figure give it in time or training progress, before a pause:
    "76 minutes", "hundreds of thousands of compute days", "2.5 billion training tokens".

    >>> _in_time("of thousands of compute days".split()), _in_time("different LLMs".split())
    (True, False)
    >>> _in_time("instruction dataset over multiple iterations".split())
    False
    """
    others = 0
    for word in after:
        if set(tokenize(word)) & (_PER_TIME | _PROGRESS):
            return True
        if word[-1] in ".,;:)":
            return False
        if word.lower().removesuffix("s") not in _SCALE_WORDS | {"of", "hundred"}:
            others += 1  # "compute" of "compute days", "training" of "training steps"
            if others > 2:
                return False
    return False


def figure_kind(question: Question, ask: Ask) -> Callable[[list[str], int], bool]:
    """Which figures of a sentence can answer ``ask``: not one the question gives itself ("the
    32K-context models" is not answered by "32,768 tokens"); for "how many", a count, not a
    share; for a score, a score; for "what percentage", a share."""
    # "What pass@1 ...?", "what MRR@10 ...?": a metric, which tokenizes to little
    head_words = set(tokenize(ask.head_words)) | set(tokenize(" ".join(asked_phrase(ask.clause))))
    whole = (
        bool(_HOW_MANY.search(ask.clause))
        and not head_words & _SHARE_UNITS
        and not _BY_HOW_MUCH_LESS.search(ask.clause)
        # "With how many parameters, relative to BERT Large, ...?": "1.25x parameters of BERT
        # Large", a multiple of the other's
        and not _RELATIVE.search(ask.clause)
    )
    # "accuracy gains", "by how much AP does it beat ...?": a margin, not a score
    score = (
        bool(head_words & SCORES) and not asks_for_change(ask) and not _BY_HOW.search(question.text)
    )
    bits = bool(head_words & _PRECISION)
    share = (
        # "how many percentage points": points ("6 p.p."), not a share
        bool(head_words & SHARES and not head_words & _POINTS)
        or bool(_HOW_MANY_TIMES.search(ask.clause))
        # "how much of BERT's performance does it retain?": a share, not "three architectures"
        or bool(HOW_MUCH_OF.search(ask.clause))
    )
    in_bytes = asks_in_bytes(ask)
    # "How large is C4 in gigabytes?": not "8 A100 80 GB GPUs", the memory of a GPU
    data = bool(ask.head & DATA or in_bytes) and not _DEVICE_ASKED.search(ask.clause)
    # "By how many points does it improve recall@1?": a figure in points, not "77 tokens"
    points = bool(head_words & _SHARE_UNITS)
    absolute = score and not _CHANGED.search(ask.clause)
    # a change, or where it started ("what accuracy does plain SimCLR, without E-SSL, reach?"):
    # not where a change ended ("improving SimCLR to 72.5%")
    change = (
        points
        or asks_for_change(ask)
        or bool(re.search(r"\b(?:without|plain|baseline|before|vanilla)\b", ask.clause))
    )
    # "How much did it cost in dollars?": a sum of money, not "1/7th the carbon footprint"
    money = asks_for_money(ask)
    # "by how much did it reduce variance?": a margin, not "(~7B) models"; a change in a size
    # or an amount of data may be given as one ("saves 66M parameters")
    no_size = bool(_BY_HOW.search(question.text)) and not (head_words & PARAMETERS or data)
    # "How much faster?": a margin ("40X", "30%"), not "three known architectures"
    margin = bool(_HOW_MUCH_MORE.search(ask.clause))
    improved = bool(_HOW_MUCH_IMPROVED.search(ask.clause))
    # "How big was the accuracy gain?": a gain too, not "50 to 100 training examples"
    gain = asks_for_change(ask) and not ask.head & PARAMETERS
    # "What learning rate does it use?": a value, not "on 11 different target datasets"
    rate = bool(head_words & _RATES) and not whole
    # "What duration of upsampling is optimal?": a time, a count of steps or a share of
    # training ("10% to 20%"), not "15 different backbone LLMs"
    duration = bool(head_words & _DURATION)
    # "How large is the Book-SORT dataset?": a count of what it is made of ("36k pairs", "3657
    # patients"), not "up to 76.1% improvements" nor "nine ... tasks" beside an "image-to-text
    # model"
    # (a head that holds every such unit: not "how large was the word error rate reduction?")
    sized = ask.head >= DATA_UNITS and bool(_HOW_LARGE.search(ask.clause))
    # What a score may be given in beyond the usual units: what is asked for and the names
    # ("79.9 GLUE"); not the clause's other words ("9 books" for "when the book was seen"), nor
    # a plain word of a name ("9 books" for "Book-SORT")
    units = ask.head | _name_units(ask.mentions)

    def fits(words: list[str], i: int) -> bool:
        if _DIMENSIONS.fullmatch(words[i].strip(".,;:()")):
            return False  # "a 3D reconstruction": what kind of thing, no figure
        if _SPELLED_WITH_DIGITS.fullmatch(words[i].strip(".,;:()")):
            return False  # "seq2seq", "E2S2": a name written with a digit, no figure
        value = figure_value(words[i]) if question.figures else None
        if value is not None and any(same_figure(value, given) for given in question.figures):
            return False
        if whole and (_SHARE.search(words[i]) or _is_share(words, i)):
            return False  # "10 times more parameters" is no count of them
        in_bits = _IN_BITS.match(" ".join(words[i : i + 2]))
        if score and not _is_score(words, i, units) and not (bits and in_bits):
            return False  # a precision may be given in bits ("1-bit weight"), not as a score
        if absolute and _margin(words, i):
            return False  # "what FID does KIND reach?": not "6.54 decrease in FID"
        if points and _counts_other(_counting(words, i), _SCORE_UNITS | units):
            return False
        if points and not _in_points(words, i):
            return False  # "by how many points?": not "3,000 manually curated user ... pairs"
        if change and _reached(words, i):
            return False  # "how many points does E-SSL add?": not "improving SimCLR to 72.5%"
        if (points or gain) and i and words[i - 1].lower() in ("below", "above", "beneath"):
            return False  # "by how many points does it rise?": not "falls below 10%", a level
        if no_size and _BARE_SIZE.fullmatch(words[i]):
            return False
        if margin and not _is_share(words, i) and _counts_other(_counting(words, i), units):
            return False
        if (
            (improved or gain)
            and not _is_share(words, i)
            and _counts_other(_counting(words, i), _SCORE_UNITS | units | TIME_UNITS)
        ):
            return False  # a gain is no count of things ("five continual learning approaches")
        # ("75% masked tokens" is the rate itself)
        if sized and (_SHARE.search(words[i]) or _counts_in(words[i + 1 : i + 6], _NOT_SIZES)):
            return False
        if rate and not _SHARE.search(words[i]) and _counts_other(_counting(words, i), units):
            return False
        if (
            duration
            and not _is_share(words, i)
            # ("less than 10K) instruction dataset over multiple iterations": a pause first)
            and (words[i][-1] in ".,;:)" or not _in_time(words[i + 1 : i + 6]))
        ):
            return False
        if data and _HARDWARE.match(" ".join(words[i : i + 3])):
            return False
        if in_bytes and not _BYTES.match(" ".join(words[i : i + 2])):
            return False  # "how large is C4 in gigabytes?": not "in 1.13 hours"
        if money and not _is_money(words, i):
            return False
        return not share or _is_share(words, i)

    return fits


_LONGEST_WORDS = frozenset(tokenize("maximum max longest"))
_LENGTH_WORDS = frozenset(tokenize("length long"))
_LONGEST_GIVEN = re.compile(
    r"\b(?:maximum|max)\s+(?:[\w-]+\s+){0,2}?(?:of\s+)?\d[\d.,]*[KkMm]?\s*"
    r"(?:tokens|words|characters|subwords)\b",
    re.I,
)


def longest_given(head_words: str, sentence: str) -> bool:
    """Whether a maximum length is asked ("what maximum caption length ...?") and ``sentence``
    gives one in tokens or words ("restricting inputs to a maximum of 77 tokens"), which need
    not name what is that long.

    >>> longest_given("maximum caption length", "inputs are limited to a maximum of 77 tokens")
    True
    >>> longest_given("caption length", "inputs are limited to a maximum of 77 tokens")
    False
    >>> longest_given("maximum caption length", "it is trained on 300B tokens")
    False
    """
    asked = set(tokenize(head_words))
    return bool(
        asked & _LONGEST_WORDS and asked & _LENGTH_WORDS and _LONGEST_GIVEN.search(sentence)
    )


def count_value(word: str) -> int:
    """What a small count is, written as a word ("two" to "ten", as NUMBER_WORDS starts) or in
    digits.

    >>> count_value("Five"), count_value("15")
    (5, 15)
    """
    word = word.lower()
    return NUMBER_WORDS.index(word) + 2 if word in NUMBER_WORDS[:9] else int(word)
