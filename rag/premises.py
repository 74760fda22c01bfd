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
"""

from __future__ import annotations

import re

# Each family: the choices that exclude one another, as (how to say it, how it is written).
_FAMILIES: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...] = (
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
    return None
