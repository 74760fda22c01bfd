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
>>> contradicted("Why does X need a bigger model?", "a bigger model, not a smaller model") is None
True
>>> contradicted("Why does X need fewer parameters?", "X beats LLMs with more parameters") is None
True
>>> contradicted("Why did X fall behind its baselines?", "X outperforms its baselines.")
('falling behind', 'outperforming')
>>> contradicted("Why did X fall behind?", "X outperforms A but underperforms B.") is None
True
>>> contradicted("Why does Prepacking avoid padding?",
...              "Computation is wasted by the standard practice of padding sequences.") is None
True
"""

from __future__ import annotations

import re

# Each family: the choices that exclude one another, as (how to say it, how it is written).
_FAMILIES: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...] = (
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
)


def contradicted(question: str, abstract: str) -> tuple[str, str] | None:
    """(what the question takes for granted, what the abstract says instead), or None."""
    for family in _FAMILIES:
        asked = [(said, pattern) for said, pattern in family if pattern.search(question)]
        stated = [said for said, pattern in family if pattern.search(abstract)]
        if len(asked) == 1 and stated and asked[0][0] not in stated and len(stated) == 1:
            return asked[0][0], stated[0]
    return _used_after_all(question, abstract) or _reversed(question, abstract)


# Comparatives that exclude one another, said of the same thing: "a bigger model" / "a smaller
# model size".
_OPPOSITE = {
    "bigger": "smaller", "larger": "smaller", "smaller": "larger", "more": "fewer",
    "fewer": "more", "faster": "slower", "slower": "faster", "longer": "shorter",
    "shorter": "longer", "higher": "lower", "lower": "higher", "deeper": "shallower",
    "shallower": "deeper", "cheaper": "costlier",
}  # fmt: skip
_COMPARED = re.compile(rf"\b({'|'.join(_OPPOSITE)})\s+([a-z]+)\b", re.I)


def _reversed(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper's thing is bigger where its abstract says smaller."""
    for found in _COMPARED.finditer(question):
        word, thing = found[1].lower(), found[2].lower()
        other = _OPPOSITE[word]

        def says(comparative: str, thing: str = thing, own: bool = False) -> bool:
            # its own: "with even a smaller model", not "beats models with more parameters"
            lead = r"(?:an?|even|only|much|far)\s+" if own else ""
            pattern = rf"\b{lead}{comparative}\s+{re.escape(thing)}s?\b"
            return bool(re.search(pattern, abstract, re.I))

        if says(other, own=True) and not says(word):
            a = "" if thing.endswith("s") or word in ("more", "fewer") else "a "
            return f"{a}{word} {thing}", f"{a}{other} {thing}"
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
    r"|replac\w*|free\s+of|unlike|drop\w*)\b[^.;]{0,40}$",
    re.I,
)


# ... and one that says it uses it: "combining global-local attention with Y".
_USES_IT = re.compile(
    r"\b(?:with|using|uses?|used|adopts?|adopting|employs?|employing|leverag\w*|incorporat\w*"
    r"|based\s+on|relies\s+on|relying\s+on|introduc\w*|appl(?:y|ies|ying))\b[^.;]{0,30}$",
    re.I,
)


def _used_after_all(question: str, abstract: str) -> tuple[str, str] | None:
    """The question says the paper goes without what its abstract says it uses."""
    found = _GOES_WITHOUT.search(question)
    if not found or len(found[1]) < 6:
        return None
    thing = found[1].strip()
    pattern = r"[\s-]+".join(re.escape(w) for w in thing.split())
    written = [m for m in re.finditer(rf"\b{pattern}\b", abstract, re.I)]
    if any(_GOES_WITHOUT_TOO.search(abstract[: m.start()]) for m in written):
        return None
    if not any(_USES_IT.search(abstract[: m.start()]) for m in written):
        return None  # named as what others do ("the standard practice of padding")
    return f"not using {thing}", f"using {thing}"
