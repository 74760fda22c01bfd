"""Chunks: token-bounded, on sentence boundaries, overlapping, titled; fit MiniLM's input."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from conftest import make_settings

from rag.chunking import chunk_paper, count_tokens, split_sentences
from rag.embeddings import MAX_WORD_PIECES, default_model_files
from rag.importers import read_paths
from rag.records import Paper

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

SENTENCES = [
    f"Sentence number {n} describes experiment {n} on dataset D{n} with a score of {n}.{n} points."
    for n in range(1, 31)
]
LONG = Paper(id="p-long", title="A Study of Many Sentences", abstract=" ".join(SENTENCES))


def test_sentence_splitting_keeps_abbreviations_and_decimals():
    text = "We compare to BERT, e.g. Base. Results improve by 3.5% vs. the baseline. Done!"
    assert split_sentences(text) == [
        "We compare to BERT, e.g. Base.",
        "Results improve by 3.5% vs. the baseline.",
        "Done!",
    ]


def test_sentences_glued_by_the_source_and_numbered_lists_split_where_they_end():
    # "48.6.Code is available" (shapes_zv/zw): two sentences; "models: 1. Domain-specific
    # ..., and 2. Universal ..." one; "over Llama 2. Notably" two
    text = (
        "It rises from 44.4 to 48.6.Code is available. Two ways: 1. Domain tuning, and 2. "
        "Mixture of Experts. It beats Llama 2. Notably, it is small."
    )
    assert split_sentences(text) == [
        "It rises from 44.4 to 48.6.",
        "Code is available.",
        "Two ways: 1. Domain tuning, and 2. Mixture of Experts.",
        "It beats Llama 2.",
        "Notably, it is small.",
    ]


def test_short_abstract_stays_one_chunk():
    paper = Paper(id="p1", title="Short", abstract="One sentence. Another sentence.")
    chunks = chunk_paper(paper, max_tokens=200, overlap=40)
    assert [(c.id, c.index, c.text) for c in chunks] == [("p1:0", 0, paper.abstract)]
    assert chunks[0].document == "Short\nOne sentence. Another sentence."


@pytest.mark.parametrize(("max_tokens", "overlap"), [(230, 30), (120, 40), (80, 20), (64, 0)])
def test_chunks_respect_the_token_limit_title_included(max_tokens, overlap):
    chunks = chunk_paper(LONG, max_tokens, overlap)
    assert len(chunks) > 1
    for chunk in chunks:
        assert count_tokens(chunk.document) <= max_tokens


def test_chunks_end_on_sentence_boundaries_and_cover_everything():
    chunks = chunk_paper(LONG, max_tokens=120, overlap=40)
    seen: list[str] = []
    for chunk in chunks:
        sentences = split_sentences(chunk.text)
        assert " ".join(sentences) == chunk.text
        assert all(s in SENTENCES for s in sentences)  # never a broken sentence
        seen.extend(s for s in sentences if s not in seen)
    assert seen == SENTENCES  # all of them, in order


def test_consecutive_chunks_overlap_within_the_budget():
    chunks = chunk_paper(LONG, max_tokens=120, overlap=40)
    for before, after in pairwise(chunks):
        previous, following = split_sentences(before.text), split_sentences(after.text)
        shared = [s for s in following if s in previous]
        assert shared, "consecutive chunks share their boundary sentences"
        assert shared == previous[-len(shared) :] == following[: len(shared)]
        assert sum(count_tokens(s) for s in shared) <= 40
    no_overlap = chunk_paper(LONG, max_tokens=120, overlap=0)
    texts = [split_sentences(c.text) for c in no_overlap]
    assert sum(len(t) for t in texts) == len(SENTENCES)


def test_title_and_ids_travel_with_every_chunk():
    chunks = chunk_paper(LONG, max_tokens=100, overlap=20)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert [c.id for c in chunks] == [f"p-long:{i}" for i in range(len(chunks))]
    for chunk in chunks:
        assert chunk.paper_id == "p-long" and chunk.title == LONG.title
        assert chunk.document == f"{LONG.title}\n{chunk.text}"


def test_a_single_over_long_sentence_is_hard_split():
    run_on = "The" + (" token-heavy clause without any full stop" * 60)
    paper = Paper(id="p2", title="Run-on", abstract=f"Intro sentence here. {run_on}")
    chunks = chunk_paper(paper, max_tokens=100, overlap=20)
    assert len(chunks) >= 4
    for chunk in chunks:
        assert count_tokens(chunk.document) <= 100
    assert chunks[0].text == "Intro sentence here."
    assert "".join(c.text for c in chunks[1:]) == run_on  # cut on token boundaries, nothing lost


def test_every_bundled_chunk_fits_the_embedders_input(embedder):
    from tokenizers import Tokenizer

    settings = make_settings(None)
    tokenizer = Tokenizer.from_file(str(default_model_files()[1]))
    tokenizer.no_truncation()  # the embedder truncates at 256: count what would be lost
    papers, _ = read_paths([DATA_DIR / "seeds"])
    chunks = [
        c
        for p in papers
        for c in chunk_paper(p, settings.chunk_tokens, settings.chunk_overlap, embedder.fits)
    ]
    encodings = tokenizer.encode_batch([c.document for c in chunks])
    too_long = {
        c.id: len(e.ids)
        for c, e in zip(chunks, encodings, strict=True)
        if len(e.ids) > MAX_WORD_PIECES
    }
    assert too_long == {}, (
        f"{len(too_long)} of {len(chunks)} chunks exceed {MAX_WORD_PIECES} word pieces"
    )
