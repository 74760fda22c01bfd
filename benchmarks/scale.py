"""Section 4: how query latency grows with the collection (1k, 10k, 100k chunks).

Synthetic chunks: words drawn from the bundled abstracts at their corpus frequency (so BM25
posting lists have a realistic, Zipf-like shape), two chunks per paper with every metadata
field the project writes, and random unit vectors (dim 384) in place of embeddings. They are
written straight into a fresh collection through rag.store.Store's collection, then the
project's lexical index is built the way the project builds it (on first search after the
revision changes). Queries use a fake embedder, so the timings are retrieval alone.
"""

from __future__ import annotations

import re
import zlib
from functools import partial
from pathlib import Path

import numpy as np

from benchmarks.common import (
    make_settings,
    percentile,
    section,
    stopwatch,
    table,
    time_ms,
)
from benchmarks.context import Bench
from rag.corpus import bundled_corpus_files
from rag.importers import read_paths
from rag.retrieval import Retriever
from rag.store import Store

DIMENSION = 384
WORDS_PER_CHUNK = 150  # a bundled chunk is 230 tokens at most, ~150 words on average
WORDS_PER_QUERY = 12
CHUNKS_PER_PAPER = 2
BUILD_WARNING_S = 180.0


class RandomEmbedder:
    """Stands in for MiniLM: a unit vector seeded by the text (same text, same vector)."""

    id = "random-unit-384"
    dimension = DIMENSION

    def embed_query(self, text: str) -> np.ndarray:
        return _unit(np.random.default_rng(zlib.crc32(text.encode())).standard_normal(DIMENSION))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.embed_query(t) for t in texts])


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=-1, keepdims=True)


def corpus_words() -> np.ndarray:
    """Every word of the bundled abstracts, repeats kept: sampling it follows word frequency."""
    papers, _ = read_paths(bundled_corpus_files())
    words = [w for p in papers for w in re.findall(r"[\w-]+", p.abstract)]
    return np.array(words, dtype=object)


def _fill(store: Store, n: int, words: np.ndarray, rng: np.random.Generator) -> None:
    """Add ``n`` synthetic chunks in batches of the client's maximum batch size."""
    batch = store.max_batch_size()
    for start in range(0, n, batch):
        count = min(batch, n - start)
        picks = rng.integers(0, len(words), size=(count, WORDS_PER_CHUNK))
        texts = [" ".join(words[row]) for row in picks]
        ids, documents, metadatas = [], [], []
        for offset, text in enumerate(texts):
            i = start + offset
            paper, index = divmod(i, CHUNKS_PER_PAPER)
            paper_id = f"synthetic{paper:07d}"
            title = f"Synthetic paper {paper}: " + " ".join(text.split()[:6])
            ids.append(f"{paper_id}:{index}")
            documents.append(f"{title}\n{text}")
            metadatas.append(
                {
                    "paper_id": paper_id,
                    "chunk_index": index,
                    "n_chunks": CHUNKS_PER_PAPER,
                    "title": title,
                    "abstract": text,  # the project stores the paper's abstract on every chunk
                    "content_hash": f"{paper:016x}",
                    "sources": "synthetic.jsonl",
                    "urls": "",
                    "date": f"2024-{1 + paper % 12:02d}-{1 + paper % 28:02d}",
                    "authors": "",
                    "categories": "cs.CL",
                }
            )
        vectors = _unit(rng.standard_normal((count, DIMENSION)))
        store.collection.add(ids=ids, documents=documents, metadatas=metadatas, embeddings=vectors)
    store.bump_revision()  # what ingest does after writing: the lexical index keys on it


def _measure(root: Path, n: int, words: np.ndarray, queries: list[str]) -> dict[str, float]:
    settings = make_settings(root / f"scale-{n}")
    embedder = RandomEmbedder()
    store = Store(settings, embedder.id, embedder.dimension)
    retriever = Retriever(store, embedder, settings)
    rng = np.random.default_rng(n)
    with stopwatch() as add:
        _fill(store, n, words, rng)
    with stopwatch() as lexical:
        retriever.lexical  # noqa: B018 - builds and saves the BM25 index, as the first search would
    assert store.count_chunks() == n == len(retriever.lexical.chunk_ids)

    collection, candidates = store.collection, settings.candidates
    retriever.search(queries[0])  # warm-up
    search_ms, ids_ms, default_ms = [], [], []
    for query in queries:
        vector = embedder.embed_query(query).tolist()
        search_ms.append(time_ms(partial(retriever.search, query))[0])
        # The project's own Chroma call (ids only, `candidates` chunks) ...
        ids_only = partial(
            collection.query, query_embeddings=[vector], n_results=candidates, include=[]
        )
        ids_ms.append(time_ms(ids_only)[0])
        # ... and a plain Chroma query as an app would issue it (10 results, default include).
        default_query = partial(collection.query, query_embeddings=[vector], n_results=10)
        default_ms.append(time_ms(default_query)[0])
    return {
        "add": add[0],
        "lexical": lexical[0],
        "search_p50": percentile(search_ms, 0.5),
        "search_p95": percentile(search_ms, 0.95),
        "ids_p50": percentile(ids_ms, 0.5),
        "ids_p95": percentile(ids_ms, 0.95),
        "default_p50": percentile(default_ms, 0.5),
        "default_p95": percentile(default_ms, 0.95),
    }


def run(bench: Bench) -> None:
    section("4. Scale: query latency vs collection size (synthetic chunks, random vectors)")
    sizes = [1_000, 10_000] if bench.quick else [1_000, 10_000, 100_000]
    n_queries = 50 if bench.quick else 200
    words = corpus_words()
    rng = np.random.default_rng(0)
    queries = [
        " ".join(words[rng.integers(0, len(words), WORDS_PER_QUERY)]) for _ in range(n_queries)
    ]

    rows, notes = [], []
    for n in sizes:
        r = _measure(bench.root, n, words, queries)
        build = r["add"] + r["lexical"]
        rows.append(
            [
                f"{n:,}",
                r["add"],
                r["lexical"],
                r["search_p50"],
                r["search_p95"],
                r["ids_p50"],
                r["ids_p95"],
                r["default_p50"],
                r["default_p95"],
            ]
        )
        if build > BUILD_WARNING_S:
            notes.append(
                f"{n:,} chunks took {build:.0f} s to build (more than ~{BUILD_WARNING_S / 60:.0f} "
                "minutes); the latencies above were measured on the complete collection."
            )
    table(
        [
            "chunks",
            "add s",
            "BM25 build s",
            "Retriever.search p50 ms",
            "p95 ms",
            "Chroma ids n=40 p50 ms",
            "p95 ms",
            "Chroma n=10 default p50 ms",
            "p95 ms",
        ],
        rows,
        notes=[
            f"{n_queries} queries of {WORDS_PER_QUERY} corpus words per size; "
            f"{WORDS_PER_CHUNK} words a chunk, {CHUNKS_PER_PAPER} chunks a paper.",
            "Retriever.search = the project's hybrid search (fake embedder: ~0 ms embedding), "
            "k = 8 papers from 40 candidates a side.",
            "Chroma ids n=40 = the one Chroma call the project makes per search; Chroma n=10 "
            "default = query() returning documents, metadatas and distances.",
            "add s = Chroma add() in batches of the client's maximum batch size; BM25 build s = "
            "the project's lexical index (read back from Chroma, tokenised, indexed, saved).",
            *(notes or ["every size built in under ~3 minutes."]),
        ],
    )
