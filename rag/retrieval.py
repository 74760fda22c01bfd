"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused per paper, diversified, with a verdict.

Fusion. Every candidate paper from either side gets *both* scores exactly (the dense cosine of
its best chunk, fetched from Chroma when only BM25 found it; the BM25 score of its best chunk),
then the two are combined after normalising within the query:

    fused = DENSE_WEIGHT * (cos - cos_min) / (cos_max - cos_min) + LEXICAL_WEIGHT * bm25 / bm25_max

Unlike reciprocal-rank fusion this keeps the *size* of a lead: a paper that BM25 scores far
above all others (a question about one specific paper) stays first, while a paper the dense side
finds with no shared words still scores on its dense half (topical questions).

Verdict. ``confidence`` is a logistic function of three signals that do not depend on the
question's length: the best cosine, the share of the question's term weight (IDF) that the best
paper contains, and that share for the question's rarest terms. Weights were fitted once on the
dev set; the threshold is ``Settings.abstain_threshold``.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rag.config import Settings
from rag.embeddings import Embedder
from rag.lexical import LexicalIndex, open_lexical, tokenize
from rag.records import Hit, SearchResult
from rag.store import Store, StoredChunk

DENSE_WEIGHT = 0.5
LEXICAL_WEIGHT = 0.5
# Logistic weights of the verdict: bias, best cosine, IDF coverage, rare-term coverage.
VERDICT_WEIGHTS = (-9.0, 12.0, 3.0, 2.0)


@dataclass
class Filters:
    """Keep only papers whose metadata matches. Empty fields match everything."""

    source: str = ""  # substring of a source file name
    category: str = ""  # one category, e.g. "cs.CL"
    date_from: str = ""  # ISO dates compare as strings
    date_to: str = ""

    def __bool__(self) -> bool:
        return bool(self.source or self.category or self.date_from or self.date_to)

    def accepts(self, meta: dict[str, Any]) -> bool:
        if self.source and self.source not in str(meta.get("sources", "")):
            return False
        if self.category and self.category not in str(meta.get("categories", "")).split():
            return False
        date = str(meta.get("date", ""))
        if self.date_from and (not date or date < self.date_from):
            return False
        return not (self.date_to and (not date or date > self.date_to))


@dataclass
class _Candidate:
    paper_id: str
    chunk: StoredChunk
    dense: float = 0.0
    lexical: float = 0.0
    origin: set[str] = field(default_factory=set)


class Retriever:
    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._lexical: LexicalIndex | None = None
        self._lock = threading.Lock()

    @property
    def lexical(self) -> LexicalIndex:
        # Revision check on every search: another process may have ingested since.
        with self._lock:
            self._lexical = open_lexical(self.store, self._lexical)
            return self._lexical

    def search(
        self, query: str, k: int | None = None, filters: Filters | None = None
    ) -> SearchResult:
        k = k or self.settings.top_k
        filters = filters or Filters()
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        vector = self.embedder.embed_query(query)
        terms = tokenize(query)
        t1 = time.perf_counter()
        timings["embed"] = (t1 - t0) * 1000

        candidates = self._candidates(query, vector, terms, filters)
        t2 = time.perf_counter()
        timings["candidates"] = (t2 - t1) * 1000

        ranked = _fuse(list(candidates.values()))
        hits = _mmr(ranked, k, self.settings.mmr_lambda)
        confidence = self._confidence(terms, ranked)
        timings["rank"] = (time.perf_counter() - t2) * 1000
        timings["total"] = (time.perf_counter() - t0) * 1000
        return SearchResult(
            query=query,
            hits=hits,
            answerable=confidence >= self.settings.abstain_threshold,
            confidence=confidence,
            timings_ms={name: round(ms, 2) for name, ms in timings.items()},
        )

    def _candidates(
        self, query: str, vector: np.ndarray, terms: list[str], filters: Filters
    ) -> dict[str, _Candidate]:
        n = self.settings.candidates * (4 if filters else 1)
        lexical = self.lexical
        bm25 = lexical.scores(terms)
        by_paper: dict[str, _Candidate] = {}

        def consider(chunk: StoredChunk, dense: float, lex: float, origin: str) -> None:
            paper_id = str(chunk.metadata["paper_id"])
            current = by_paper.get(paper_id)
            if current is None:
                current = by_paper[paper_id] = _Candidate(paper_id, chunk)
            # A paper's scores are those of its best chunk on each side.
            if dense > current.dense:
                current.dense = dense
                if dense >= current.lexical:
                    current.chunk = chunk
            current.lexical = max(current.lexical, lex)
            current.origin.add(origin)

        for chunk in self.store.query(vector, n):
            if filters and not filters.accepts(chunk.metadata):
                continue
            row = lexical.row_of.get(chunk.id)
            lex = float(bm25[row]) if row is not None else 0.0
            consider(chunk, 1.0 - chunk.distance, lex, "dense")

        if len(bm25):
            top = np.argsort(-bm25)[:n]
            top = [int(i) for i in top if bm25[i] > 0]
            ids = [lexical.chunk_ids[i] for i in top]
            fetched = self.store.get_chunks(ids)
            for row in top:
                chunk = fetched.get(lexical.chunk_ids[row])
                if chunk is None or (filters and not filters.accepts(chunk.metadata)):
                    continue
                assert chunk.embedding is not None
                dense = float(np.dot(chunk.embedding, vector))
                candidate = by_paper.get(str(chunk.metadata["paper_id"]))
                if candidate is None or float(bm25[row]) > candidate.lexical:
                    consider(chunk, dense, float(bm25[row]), "lexical")
                    if candidate is None or dense >= candidate.dense:
                        by_paper[str(chunk.metadata["paper_id"])].chunk = chunk
                else:
                    candidate.origin.add("lexical")
        return by_paper

    def _confidence(self, terms: list[str], ranked: list[_Candidate]) -> float:
        if not ranked:
            return 0.0
        best_dense = max(c.dense for c in ranked[:5])
        coverage, rare = self._coverage(terms, ranked[:3])
        b, w_dense, w_cov, w_rare = VERDICT_WEIGHTS
        z = b + w_dense * best_dense + w_cov * coverage + w_rare * rare
        return 1.0 / (1.0 + math.exp(-z))

    def _coverage(self, terms: list[str], top: list[_Candidate]) -> tuple[float, float]:
        """Best share of the question's IDF mass found in one top paper, overall and for the
        rarest half of its terms (an unknown word is the rarest of all)."""
        unique = list(dict.fromkeys(terms))
        if not unique:
            return 0.0, 0.0
        lexical = self.lexical
        idf = {t: lexical.idf(t) for t in unique}
        total = sum(idf.values())
        rare_terms = sorted(unique, key=lambda t: -idf[t])[: max(1, len(unique) // 2)]
        rare_total = sum(idf[t] for t in rare_terms)
        best, best_rare = 0.0, 0.0
        for candidate in top:
            text = set(
                tokenize(f"{candidate.chunk.metadata.get('title', '')} "
                         f"{candidate.chunk.metadata.get('abstract', '')}")
            )
            best = max(best, sum(idf[t] for t in unique if t in text) / total)
            best_rare = max(best_rare, sum(idf[t] for t in rare_terms if t in text) / rare_total)
        return best, best_rare


def _fuse(candidates: list[_Candidate]) -> list[_Candidate]:
    if not candidates:
        return []
    dense = np.array([c.dense for c in candidates])
    lexical = np.array([c.lexical for c in candidates])
    spread = dense.max() - dense.min()
    dense_norm = (dense - dense.min()) / spread if spread > 1e-9 else np.ones_like(dense)
    lexical_norm = lexical / lexical.max() if lexical.max() > 0 else np.zeros_like(lexical)
    fused = DENSE_WEIGHT * dense_norm + LEXICAL_WEIGHT * lexical_norm
    for candidate, score in zip(candidates, fused, strict=True):
        candidate.chunk.metadata["_fused"] = float(score)
    return sorted(candidates, key=lambda c: -c.chunk.metadata["_fused"])


def _mmr(ranked: list[_Candidate], k: int, lam: float) -> list[Hit]:
    """Maximal marginal relevance over papers: near-duplicates of a chosen paper sink."""
    pool = ranked[: max(k * 3, 20)]
    vectors = [c.chunk.embedding for c in pool]
    chosen: list[int] = []
    remaining = list(range(len(pool)))
    while remaining and len(chosen) < k:
        def value(i: int) -> float:
            relevance = float(pool[i].chunk.metadata["_fused"])
            if not chosen or vectors[i] is None:
                return relevance
            similarity = max(
                float(np.dot(vectors[i], vectors[j])) for j in chosen if vectors[j] is not None
            ) if any(vectors[j] is not None for j in chosen) else 0.0
            return lam * relevance - (1 - lam) * similarity

        best = max(remaining, key=value)
        chosen.append(best)
        remaining.remove(best)
    return [_to_hit(pool[i]) for i in chosen]


def _to_hit(candidate: _Candidate) -> Hit:
    meta = candidate.chunk.metadata
    origin = "both" if len(candidate.origin) == 2 else next(iter(candidate.origin))
    document = candidate.chunk.document
    snippet = document.split("\n", 1)[1] if "\n" in document else document
    return Hit(
        paper_id=candidate.paper_id,
        title=str(meta.get("title", "")),
        score=round(float(meta["_fused"]), 4),
        snippet=snippet,
        chunk_index=int(meta.get("chunk_index", 0)),
        origin=origin,
        dense_score=round(candidate.dense, 4),
        lexical_score=round(candidate.lexical, 4),
        abstract=str(meta.get("abstract", "")),
        metadata={
            key: meta[key]
            for key in ("sources", "urls", "date", "authors", "categories")
            if meta.get(key)
        },
    )
