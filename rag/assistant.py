"""The Assistant: the resources (embedder, index, retriever, LLM) behind every entry point.

>>> from rag import Assistant
>>> assistant = Assistant()                      # settings from the environment
>>> assistant.search("byte-level language models").hits[0].title  # doctest: +SKIP
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rag.config import Settings
from rag.embeddings import make_embedder
from rag.ingest import IngestSummary, ingest_paths
from rag.records import SearchResult
from rag.retrieval import Filters, Retriever
from rag.store import Store, drop_collection

MAX_QUESTION_CHARS = 2000  # ~500 tokens: a question, not a document


class QuestionError(ValueError):
    """The question cannot be asked as it is; the message says why."""


def check_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise QuestionError("The question is empty: type a question about the indexed papers.")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(question)} characters long; shorten it to at most "
            f"{MAX_QUESTION_CHARS} (ask about one thing at a time)."
        )
    return question


class Assistant:
    """Holds the resources; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, embedder: Any = None) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or make_embedder(self.settings)
        self.store = Store(self.settings, self.embedder.id, self.embedder.dimension)
        self.retriever = Retriever(self.store, self.embedder, self.settings)
        self._ingest_lock = threading.Lock()
        self._chat: Any = None

    # --- index ----------------------------------------------------------------------------
    def ingest(
        self, paths: list[Path] | None = None, fmt: str = "auto", progress: bool = False
    ) -> IngestSummary:
        with self._ingest_lock:
            return ingest_paths(paths, self.store, self.embedder, self.settings, fmt, progress)

    def ensure_index(self, progress: bool = False) -> IngestSummary | None:
        """Build the index from the bundled corpus if it is empty (first start)."""
        if self.store.count_chunks() > 0:
            return None
        return self.ingest(None, progress=progress)

    def stats(self) -> dict[str, Any]:
        meta = self.store.metadata
        return {
            "papers": self.store.count_papers(),
            "chunks": self.store.count_chunks(),
            "embedder": meta.get("embedder"),
            "dimension": meta.get("dimension"),
            "collection": self.settings.collection,
            "location": self.store.location,
            "mode": "server" if self.settings.chroma_host else "local",
        }

    # --- retrieval ------------------------------------------------------------------------
    def search(
        self, question: str, k: int | None = None, filters: Filters | None = None
    ) -> SearchResult:
        return self.retriever.search(check_question(question), k, filters)


def rebuild(settings: Settings) -> None:
    """Drop the collection and its lexical index so the next ingest starts afresh."""
    drop_collection(settings)
