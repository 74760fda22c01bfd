"""Misspelled words read as the papers spell them: "Robrta" as "RoBERTa", "Turring" as "Turing".

A word counts as misspelled only when no indexed chunk holds it and it is not an English word
(the embedder's tokenizer vocabulary, whole words only, serves as the dictionary, and a word
with the stem of one of them is English too: "clarifying", "minting"). Its stand-in is the
word written in the chunks that hold a term one edit from it (a swap of two letters is one
edit): tantivy's fuzzy query walks the term dictionary on disk, and those few chunks come from
Chroma, so nothing here reads the whole collection. The answer says what was read as what.

Two edits read too many right words as others ("reworded" as "regarded", "BigCloneBench" as
"BigCodeBench", across the question sets); the typos of the probe and of the shapes sets were
all one edit away.

Without this, "How big is Megatron-Turring NLG?" ranked the right paper first yet was declined:
the evidence reader looks for the name as written, and no paper writes "Turring".
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel

from rag.lexical import LexicalSearcher, stem, tokenize
from rag.model_files import default_model_files

_WORD = re.compile(r"[^\W\d_]+")  # letters only: "Megatron-Turring" is two words
# A word with a figure in it is a name's ("CodeT5", "SQuADv1.1"), not a misspelling of a word.
_WITH_FIGURE = re.compile(r"[^\W_]*\d[^\W_]*")
MIN_LENGTH = 5  # shorter words have too many neighbours one edit away
# ... but an acronym of two capitals or more is read from four letters when two of them are
# swapped ("JMAL" for "JMLA", "D-iGTP" for "D-iGPT"): one letter changed is another acronym
# ("YOLO" is not "YOCO")
MIN_ACRONYM_LENGTH = 4
EDITS = 1
NEAR_CHUNKS = 20


@dataclass(frozen=True)
class Respelling:
    typed: str
    read_as: str


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole words of the MiniLM tokenizer's vocabulary ("##ing" pieces left out)."""
    vocab = json.loads(default_model_files()[1].read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(word for word in vocab if word.isalpha())


@lru_cache(maxsize=1)
def english_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in english_words())


def _unknown(word: str, searcher: LexicalSearcher) -> bool:
    folded = word.casefold()
    shortest = MIN_ACRONYM_LENGTH if sum(c.isupper() for c in word) >= 2 else MIN_LENGTH
    if len(word) < shortest or folded in english_words() or stem(folded) in english_stems():
        return False
    terms = tokenize(word)
    return bool(terms) and all(searcher.doc_freq(term) == 0 for term in terms)


def _nearest(word: str, written: Counter[str], name_like: bool) -> str | None:
    """The word in ``written`` nearest to ``word``: a letter added or dropped before one
    changed ("detecton" is "detection", not "detector"), then the most written, in the form
    most written ("rewarding", not "rEwarding"). The same first letter (typos rarely hit it,
    and it keeps "viele" from becoming "field"), a name for a name ("Claude" is not "clause"),
    and for a name with a capital inside ("MedQA", "LaSOT") one with a capital inside too
    ("Media", "Last" are not them)."""
    inner_capital = any(c.isupper() for c in word[1:])
    typed = word.casefold()
    forms: dict[str, Counter[str]] = {}
    for candidate, count in written.items():
        folded = candidate.casefold()
        if folded == typed or folded[0] != typed[0]:
            continue
        if name_like and candidate.islower():
            continue
        if inner_capital and not any(c.isupper() for c in candidate[1:]):
            continue
        if len(typed) < MIN_LENGTH and sorted(typed) != sorted(folded):
            continue  # a short acronym: its letters swapped, none changed
        if OSA.distance(typed, folded, score_cutoff=EDITS) <= EDITS:
            forms.setdefault(folded, Counter())[candidate] += count
    if not forms:
        return None
    best = min(forms, key=lambda f: (Indel.distance(typed, f), -forms[f].total(), f))
    written_as = forms[best]
    if word.islower() and best in written_as:  # "detecton" is "detection", not "Detection"
        return best
    return written_as.most_common(1)[0][0]


def respell(
    text: str, searcher: LexicalSearcher, documents: Callable[[list[str]], Iterable[str]]
) -> tuple[str, list[Respelling]]:
    """``text`` with its misspelled words replaced, and what was replaced by what.
    ``documents`` gives the texts of chunk ids."""
    changes: list[Respelling] = []
    pieces: list[str] = []
    last = 0
    figures = [m.span() for m in _WITH_FIGURE.finditer(text)]
    for match in _WORD.finditer(text):
        word = match.group()
        if any(start <= match.start() < end for start, end in figures):
            continue
        if not _unknown(word, searcher):
            continue
        # A capital inside a word, or a capital past the question's first word: a name.
        name_like = any(c.isupper() for c in word[1:]) or (word[0].isupper() and match.start() > 0)
        read_as = None
        # The stem one edit away, else two ("surroundngs" stems to "surroundng", "surroundings"
        # to "surround"); the word itself must still be one edit away.
        for stem_edits in (EDITS, EDITS + 1):
            ids = list(
                dict.fromkeys(
                    cid
                    # the word as typed too: "NERetreive" stems to "neretr", "NERetrieve" to
                    # "neretriev"
                    for term in dict.fromkeys([*tokenize(word), word.casefold()])
                    for cid in searcher.near(term, stem_edits, NEAR_CHUNKS)
                )
            )
            written = Counter(w for doc in documents(ids) for w in _WORD.findall(doc))
            read_as = _nearest(word, written, name_like) if ids else None
            if read_as:
                break
        if read_as is None:
            continue
        changes.append(Respelling(word, read_as))
        pieces += [text[last : match.start()], read_as]
        last = match.end()
    return "".join(pieces) + text[last:], changes


def respelt_note(changes: list[Respelling]) -> str:
    """What the answer tells the reader: 'Read "Robrta" as "RoBERTa", as the papers spell it.'"""
    if not changes:
        return ""
    read = ", ".join(f'"{c.typed}" as "{c.read_as}"' for c in changes)
    return f"Read {read}, as the papers spell it."
