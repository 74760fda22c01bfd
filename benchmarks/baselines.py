"""Retrieval baselines over the project's own index: dense only, lexical only, and RRF.

All three read the same chunks as the project (its Chroma collection and its BM25 index) and
rank *papers* by their best chunk, so that only the ranking method differs. They never abstain
(``answerable=True``): abstention is something only the project's retriever attempts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rag.assistant import Assistant
from rag.lexical import tokenize
from rag.records import Hit, SearchResult, paper_of_chunk

RRF_K = 60  # the constant from Cormack et al. (2009), used by most RRF implementations

# A ranked paper: (paper_id, score, chunk_id of its best chunk).
Ranked = list[tuple[str, float, str]]


class Baselines:
    def __init__(self, assistant: Assistant, k: int = 10) -> None:
        self.k = k
        self.n = assistant.settings.candidates  # chunks fetched per side, as the project does
        self.embedder = assistant.embedder
        self.collection = assistant.store.collection
        self.lexical = assistant.retriever.lexical
        # Titles by chunk id, read once: the BM25 side keeps no titles.
        self.title = {c.id: str(c.metadata.get("title", "")) for c in assistant.store.iter_chunks()}

    # --- the three searches, as evaluate_retrieval wants them ------------------------------
    def searches(self) -> dict[str, Callable[[str], SearchResult]]:
        return {
            "dense only (Chroma query)": lambda q: self._result(q, self._dense(q), "dense"),
            "lexical only (BM25)": lambda q: self._result(q, self._bm25(q), "lexical"),
            f"RRF k={RRF_K} (dense + BM25)": lambda q: self._result(q, self._rrf(q), "both"),
        }

    def _dense(self, query: str) -> Ranked:
        vector = self.embedder.embed_query(query)
        found = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=self.n,
            include=["metadatas", "distances"],
        )
        ranked = zip(found["ids"][0], found["metadatas"][0], found["distances"][0], strict=True)
        # Chroma returns chunks nearest first: the first chunk seen of a paper is its best.
        return _best_per_paper((cid, str(meta["paper_id"]), 1.0 - d) for cid, meta, d in ranked)

    def _bm25(self, query: str) -> Ranked:
        found = self.lexical.search(tokenize(query), self.n)
        return _best_per_paper((cid, paper_of_chunk(cid), score) for cid, score in found)

    def _rrf(self, query: str) -> Ranked:
        fused: dict[str, float] = {}
        best_chunk: dict[str, str] = {}
        for ranking in (self._dense(query), self._bm25(query)):
            for rank, (paper_id, _score, chunk_id) in enumerate(ranking, start=1):
                fused[paper_id] = fused.get(paper_id, 0.0) + 1.0 / (RRF_K + rank)
                best_chunk.setdefault(paper_id, chunk_id)  # dense side's chunk when both
        order = sorted(fused, key=lambda p: -fused[p])
        return [(p, fused[p], best_chunk[p]) for p in order]

    def _result(self, query: str, ranked: Ranked, origin: str) -> SearchResult:
        hits = [
            Hit(
                paper_id=paper_id,
                title=self.title.get(chunk_id, ""),
                score=score,
                snippet="",
                chunk_index=int(chunk_id.rsplit(":", 1)[-1]),
                origin=origin,
            )
            for paper_id, score, chunk_id in ranked[: self.k]
        ]
        return SearchResult(query=query, hits=hits, answerable=True, confidence=1.0)


def _best_per_paper(chunks: Iterable[tuple[str, str, float]]) -> Ranked:
    """(chunk_id, paper_id, score) best first -> papers in that order, each with its best chunk."""
    seen: dict[str, tuple[str, float, str]] = {}
    for chunk_id, paper_id, score in chunks:
        if paper_id not in seen:
            seen[paper_id] = (paper_id, score, chunk_id)
    return list(seen.values())
