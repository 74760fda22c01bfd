"""The Chroma store: a local persistent index by default, a Chroma server when configured.

The collection's metadata records the embedder (id and dimension) that built it; opening it with
another embedder raises ``IndexMismatchError`` instead of returning silently wrong results.
Every chunk carries its paper's content hash, so ingest can tell unchanged papers apart.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from rag.config import LEGACY_INDEX_DIR, Settings
from rag.errors import IndexMismatchError, StoreError
from rag.records import Chunk, Paper

PAGE = 1000  # rows per get() when reading the whole collection
REVISION_TTL = 1.0  # seconds a read of the collection's revision is trusted
CHROMA_FILE = "chroma.sqlite3"  # present in every local Chroma index folder
log = logging.getLogger(__name__)


@dataclass
class StoredChunk:
    id: str
    document: str
    metadata: dict[str, Any]
    distance: float = 0.0
    embedding: np.ndarray | None = None


def open_client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as error:  # chromadb raises plain ValueError/ConnectionError here
            raise StoreError(
                f"Could not reach the Chroma server at {settings.index_location} ({error}); "
                "start it with 'chroma run' or unset RAG_CHROMA_HOST to use the local index."
            ) from None
    adopt_legacy_index(settings)
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


def adopt_legacy_index(settings: Settings, legacy: Path = LEGACY_INDEX_DIR) -> bool:
    """Move an index a source checkout kept in ``.index`` to the user's data folder, once.

    Only when the index folder is the default one (not set by RAG_INDEX_DIR) and holds no index
    yet: rebuilding would cost the user their own ingested papers, not just time.
    """
    target = settings.index_dir
    if "index_dir" in settings.model_fields_set or settings.chroma_host:
        return False
    if not (legacy / CHROMA_FILE).exists() or (target / CHROMA_FILE).exists():
        return False
    target.mkdir(parents=True, exist_ok=True)
    for entry in legacy.iterdir():
        if not (target / entry.name).exists():
            shutil.move(str(entry), str(target / entry.name))
    log.warning("moved the index from %s to %s", legacy, target)
    return True


def chunk_metadata(paper: Paper, chunk: Chunk, n_chunks: int) -> dict[str, Any]:
    # Chroma metadata values are scalars: lists are joined.
    return {
        "paper_id": paper.id,
        "chunk_index": chunk.index,
        "n_chunks": n_chunks,
        "title": paper.title,
        "abstract": paper.abstract,
        "content_hash": paper.content_hash,
        "sources": " ".join(paper.sources),
        "urls": " ".join(paper.urls),
        "date": paper.date,
        "authors": paper.authors,
        "categories": paper.categories,
    }


class Store:
    """One Chroma collection and the embedder identity it was built with."""

    def __init__(self, settings: Settings, embedder_id: str, dimension: int, client: Any = None):
        self.settings = settings
        self.embedder_id = embedder_id
        self.client = client or open_client(settings)
        self.location = settings.index_location
        self._revision: str | None = None
        self._revision_read = 0.0
        try:
            self.collection = self.client.get_or_create_collection(
                settings.collection,
                metadata={"embedder": embedder_id, "dimension": dimension},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as error:
            raise StoreError(
                f"Could not open the collection {settings.collection!r} at {self.location}: {error}"
            ) from None
        built_with = (self.collection.metadata or {}).get("embedder")
        if built_with != embedder_id:
            raise IndexMismatchError(
                f"The index at {self.location} was built with the embedder {built_with!r}, "
                f"but this run uses {embedder_id!r}. Set RAG_EMBEDDER back, or rebuild the index "
                "with 'rag ingest --rebuild'."
            )

    @property
    def metadata(self) -> dict[str, Any]:
        # Read afresh: the collection object keeps the metadata it was opened with, and another
        # process (a CLI ingest beside a running UI) may have bumped the revision since.
        fresh = self.client.get_collection(self.settings.collection)
        return dict(fresh.metadata or {})

    @property
    def revision(self) -> str:
        """Changes whenever ingest changes the collection (the lexical index keys on it).

        Read from Chroma at most every REVISION_TTL seconds (a read costs ~1 ms, a tenth of a
        search); this process's own ingests update it at once.
        """
        now = time.monotonic()
        if self._revision is None or now - self._revision_read > REVISION_TTL:
            self._revision = str(self.metadata.get("revision", "0"))
            self._revision_read = now
        return self._revision

    def count_chunks(self) -> int:
        return int(self.collection.count())

    def iter_chunks(self, include_embeddings: bool = False) -> Iterator[StoredChunk]:
        include = ["documents", "metadatas"] + (["embeddings"] if include_embeddings else [])
        offset = 0
        while True:
            page = self.collection.get(limit=PAGE, offset=offset, include=include)
            ids = page["ids"]
            for i, chunk_id in enumerate(ids):
                stored = StoredChunk(chunk_id, page["documents"][i], dict(page["metadatas"][i]))
                if include_embeddings:
                    stored.embedding = np.asarray(page["embeddings"][i], dtype=np.float32)
                yield stored
            if len(ids) < PAGE:
                return
            offset += PAGE

    def paper_hashes(self) -> dict[str, str]:
        """paper_id -> content hash, for papers whose chunks are complete and consistent."""
        seen: dict[str, tuple[set[str], int, set[int]]] = {}
        offset = 0
        while True:
            page = self.collection.get(limit=PAGE, offset=offset, include=["metadatas"])
            for meta in page["metadatas"]:
                hashes, _n, indexes = seen.setdefault(
                    str(meta["paper_id"]), (set(), int(meta["n_chunks"]), set())
                )
                hashes.add(str(meta["content_hash"]))
                indexes.add(int(meta["chunk_index"]))
            if len(page["ids"]) < PAGE:
                break
            offset += PAGE
        return {
            pid: next(iter(hashes))
            for pid, (hashes, n, indexes) in seen.items()
            if len(hashes) == 1 and indexes == set(range(n))
        }

    def count_papers(self) -> int:
        return len(self.paper_hashes())

    def write_papers(
        self, entries: list[tuple[Paper, list[Chunk]]], vectors: np.ndarray, stale: list[str]
    ) -> None:
        """Upsert the chunks of whole papers in one call, then drop their stale chunk ids.

        The caller keeps a paper's chunks in one call, so a failure leaves a paper either as it
        was or fully replaced; leftover stale chunks are caught by ``paper_hashes``.
        """
        ids, documents, metadatas = [], [], []
        for paper, chunks in entries:
            for chunk in chunks:
                ids.append(chunk.id)
                documents.append(chunk.document)
                metadatas.append(chunk_metadata(paper, chunk, len(chunks)))
        if ids:
            self.collection.upsert(
                ids=ids, documents=documents, metadatas=metadatas, embeddings=vectors.tolist()
            )
        if stale:
            self.collection.delete(ids=stale)

    def chunk_ids_of(self, paper_ids: list[str]) -> dict[str, list[str]]:
        if not paper_ids:
            return {}
        found = self.collection.get(where={"paper_id": {"$in": paper_ids}}, include=["metadatas"])
        out: dict[str, list[str]] = {}
        for chunk_id, meta in zip(found["ids"], found["metadatas"], strict=True):
            out.setdefault(str(meta["paper_id"]), []).append(chunk_id)
        return out

    def paper_count(self) -> int:
        """Papers in the index, as the last ingest recorded them (a scan if none did)."""
        recorded = self.metadata.get("papers")
        return int(recorded) if recorded is not None else self.count_papers()

    def bump_revision(self, papers: int | None = None) -> None:
        meta = self.metadata
        meta["revision"] = uuid.uuid4().hex[:12]
        if papers is not None:
            meta["papers"] = papers
        self.collection.modify(metadata=meta)
        self._revision, self._revision_read = meta["revision"], time.monotonic()

    def max_batch_size(self) -> int:
        try:
            return int(self.client.get_max_batch_size())
        except Exception:
            return 1000  # older servers do not report it

    def query(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[StoredChunk]:
        n = min(n, self.count_chunks())
        if n == 0:
            return []
        result = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where or None,
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        return [
            StoredChunk(cid, doc, dict(meta), float(dist), np.asarray(vec, dtype=np.float32))
            for cid, doc, meta, dist, vec in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                result["embeddings"][0],
                strict=True,
            )
        ]

    def query_ids(self, vector: np.ndarray, n: int) -> list[str]:
        """Ids of up to ``n`` nearest chunks (ids only: the fastest query Chroma answers)."""
        if n <= 0:
            return []
        result = self.collection.query(query_embeddings=[vector.tolist()], n_results=n, include=[])
        return list(result["ids"][0])

    def get_chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        """Chunks by id, with their embeddings."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["documents", "metadatas", "embeddings"])
        return {
            cid: StoredChunk(cid, doc, dict(meta), 0.0, np.asarray(vec, dtype=np.float32))
            for cid, doc, meta, vec in zip(
                got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
            )
        }


def drop_collection(settings: Settings) -> None:
    """Delete the collection (for a rebuild); the next Store() creates it afresh."""
    client = open_client(settings)
    # chromadb raises NotFoundError or ValueError by version; an absent collection is fine
    with contextlib.suppress(Exception):
        client.delete_collection(settings.collection)
