"""BM25 beside Chroma (Chroma's local engine has no sparse index).

Built from the documents stored in Chroma, the one source of truth, so it works the same against
a Chroma server; saved beside the local index and rebuilt whenever the collection's revision
changes. It also keeps each row's vector and filterable metadata, read from Chroma in the same
pass, so that fusion can score a lexical candidate's dense similarity exactly and diversify
results without a round trip per candidate (384 floats a chunk: 100k chunks = 154 MB).
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from rag.store import Store

log = logging.getLogger(__name__)
# bm25s logs every index build at DEBUG through a handler of its own.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_TOKEN = re.compile(r"\w+(?:[-.]\w+)*")
STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | {
    "paper", "papers", "work", "works", "study", "studies", "which", "what", "how", "does", "do",
    "propose", "proposes", "proposed", "show", "shows", "use", "uses", "used", "using", "approach",
    "method", "methods", "model", "models", "result", "results", "new", "based", "also",
}  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed terms; hyphenated names also kept whole.

    >>> tokenize("Pre-training GPT-4 models on 3.5B tokens")
    ['pre-train', 'pre', 'train', 'gpt-4', 'gpt', '4', '3.5b', '3', '5b', 'token']
    """
    terms: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        parts = re.split(r"[-.]", raw)
        candidates = [raw] + (parts if len(parts) > 1 else [])
        for term in candidates:
            if term and term not in STOPWORDS:
                terms.append(_stemmer().stemWord(term))
    return terms


def bm25_idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a term found in ``df`` of ``n`` rows.

    >>> round(bm25_idf(1000, 10), 2), round(bm25_idf(1000, 0), 2)
    (4.56, 7.6)
    """
    return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))


FILTER_KEYS = ("sources", "date", "categories")


class LexicalIndex:
    """BM25 over every chunk in the collection, rows aligned with ``chunk_ids``."""

    def __init__(
        self,
        retriever: bm25s.BM25,
        chunk_ids: list[str],
        revision: str,
        vectors: np.ndarray,
        meta: list[dict[str, str]],
    ) -> None:
        self.retriever = retriever
        self.chunk_ids = chunk_ids
        self.row_of = {cid: i for i, cid in enumerate(chunk_ids)}
        self.revision = revision
        self.vectors = vectors
        self.meta = meta
        self.paper_ids = [m["paper_id"] for m in meta]
        rows: dict[str, list[int]] = {}
        for row, paper_id in enumerate(self.paper_ids):
            rows.setdefault(paper_id, []).append(row)
        self._rows_of_paper = {pid: np.array(r, dtype=np.int64) for pid, r in rows.items()}

    @classmethod
    def build(cls, store: Store) -> LexicalIndex:
        chunk_ids: list[str] = []
        corpus: list[list[str]] = []
        vectors: list[np.ndarray] = []
        meta: list[dict[str, str]] = []
        revision = store.revision  # read first: a change during the build forces a rebuild
        for stored in store.iter_chunks(include_embeddings=True):
            chunk_ids.append(stored.id)
            corpus.append(tokenize(stored.document) or ["∅"])
            assert stored.embedding is not None
            vectors.append(stored.embedding)
            keep = {k: str(stored.metadata.get(k, "")) for k in FILTER_KEYS}
            meta.append({"paper_id": str(stored.metadata["paper_id"]), **keep})
        retriever = bm25s.BM25()
        if corpus:
            retriever.index(corpus, show_progress=False)
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, 0), np.float32)
        return cls(retriever, chunk_ids, revision, matrix, meta)

    def rows_of_paper(self, paper_id: str) -> np.ndarray:
        return self._rows_of_paper.get(paper_id, np.zeros(0, dtype=np.int64))

    def rows_with(self, term: str) -> np.ndarray:
        """Rows whose text contains ``term``, ascending (the BM25 matrix is stored column per
        term, rows sorted within a column)."""
        column = self.retriever.vocab_dict.get(term)
        if column is None or not self.chunk_ids:
            return np.zeros(0, dtype=np.int64)
        indptr = self.retriever.scores["indptr"]
        return np.asarray(self.retriever.scores["indices"][indptr[column] : indptr[column + 1]])

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every row (zeros when no term is known)."""
        if not self.chunk_ids:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_terms if t in self.retriever.vocab_dict]
        if not known:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)

    def idf(self, term: str) -> float:
        """Inverse document frequency (BM25's form); an unknown term gets the largest value."""
        return bm25_idf(len(self.chunk_ids), len(self.rows_with(term)))

    # --- persistence ------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.retriever.save(str(tmp), show_progress=False)
        np.save(tmp / "vectors.npy", self.vectors)
        (tmp / "rows.json").write_text(
            json.dumps({"revision": self.revision, "chunk_ids": self.chunk_ids, "meta": self.meta})
        )
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)  # the old index is replaced only by a complete new one

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        try:
            rows = json.loads((folder / "rows.json").read_text())
            retriever = bm25s.BM25.load(str(folder))
            vectors = np.load(folder / "vectors.npy")
            return cls(retriever, rows["chunk_ids"], rows["revision"], vectors, rows["meta"])
        except (OSError, ValueError, KeyError) as error:
            log.info("lexical index at %s unusable (%s); rebuilding", folder, error)
            return None


def lexical_folder(store: Store) -> Path:
    settings = store.settings
    if settings.chroma_host:
        name = f"lexical-{settings.chroma_host}-{settings.chroma_port}-{settings.collection}"
    else:
        name = f"lexical-{settings.collection}"
    return settings.index_dir / name


def open_lexical(store: Store, current: LexicalIndex | None = None) -> LexicalIndex:
    """The saved lexical index if it matches the collection's revision; else rebuilt and saved."""
    revision = store.revision
    if current is not None and current.revision == revision:
        return current
    folder = lexical_folder(store)
    loaded = LexicalIndex.load(folder) if folder.exists() else None
    if loaded is not None and loaded.revision == revision:
        return loaded
    index = LexicalIndex.build(store)
    try:
        index.save(folder)
    except OSError as error:  # a read-only folder must not stop search
        log.warning("could not save the lexical index to %s: %s", folder, error)
    return index
