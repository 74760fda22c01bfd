"""The Chroma store: a local persistent index by default, a Chroma server when configured.

The collection's metadata records the embedder (id and dimension) that built it; opening it with
another embedder, or with one whose vectors have another dimension than the stored ones, raises
``IndexMismatchError`` instead of returning silently wrong results.
Every chunk carries its paper's content hash, so ingest can tell unchanged papers apart.
A search reads only what it needs: the nearest chunks (``query_vectors``), its candidates' vectors
(``get_embeddings``) and its hits' chunks (``get_chunks``); ingest reads the hashes of the
papers it is given (``hashes_of``); only a lexical folder's catch-up at start pages through the
whole collection's metadata (``paper_hashes``).

With a Chroma server, every call goes through ``reaching_server``: a server that is down (or goes
down mid-session) is a ``StoreError`` saying so, and the next call works again once it is back.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import InternalError

from rag.config import LEGACY_INDEX_DIR, Settings
from rag.errors import IndexMismatchError, StoreError
from rag.records import Chunk, Paper

PAGE = 1000  # rows per get() when reading the whole collection
LOOKUP_PAPERS = 500  # paper ids per hashes_of() query (a where "$in" list)
REVISION_TTL = 1.0  # seconds a read of the collection's revision is trusted
CHROMA_FILE = "chroma.sqlite3"  # present in every local Chroma index folder
log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class StoredChunk:
    id: str
    document: str
    metadata: dict[str, Any]
    distance: float = 0.0
    embedding: np.ndarray | None = None


def unreachable(settings: Settings) -> StoreError:
    return StoreError(
        f"Could not reach the Chroma server at {settings.index_location}; start it with "
        "'chroma run' or unset RAG_CHROMA_HOST to use the local index."
    )


def _is_unreachable(error: BaseException) -> bool:
    """Whether ``error`` says the server could not be reached (or dropped the connection)."""
    import httpx  # chromadb's HTTP client; loaded with chromadb

    if isinstance(error, (httpx.TransportError, ConnectionError, TimeoutError)):
        return True
    # chromadb.HttpClient() checks the server at once and raises a plain ValueError
    return isinstance(error, ValueError) and "Could not connect to a Chroma server" in str(error)


@contextlib.contextmanager
def reaching_server(settings: Settings) -> Iterator[None]:
    """Turn "the Chroma server is not there" into a StoreError that says what to do.

    Only the failure is translated: the client keeps no broken state, so the next call works
    once the server is back.
    """
    try:
        yield
    except StoreError:
        raise
    except Exception as error:
        if settings.chroma_host and _is_unreachable(error):
            log.debug("Chroma server call failed: %s", type(error).__name__)
            raise unreachable(settings) from None
        raise


def _reaching_server(method: F) -> F:
    """``reaching_server`` around a Store method (not for generators: see iter_chunks)."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with reaching_server(self.settings):
            return method(self, *args, **kwargs)

    return cast(F, wrapper)


@contextlib.contextmanager
def opening_lock(settings: Settings) -> Iterator[None]:
    """Held briefly while a process opens a local index: two processes creating the same new
    index at once (two first ingests) make Chroma fail ("table collections already exists")."""
    if settings.chroma_host:
        yield
        return
    from filelock import FileLock

    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(settings.index_dir / ".open.lock"):
        yield


def lock_path(settings: Settings) -> Path:
    """The ingest lock of the index ``settings`` name: in the local index folder, one per
    collection; for a Chroma server, one per host, port and collection (in the same folder, so
    it guards the ingests of this machine's users of that folder).

    >>> lock_path(Settings(_env_file=None, index_dir="/i")).as_posix()
    '/i/.ingest-papers.lock'
    >>> lock_path(Settings(_env_file=None, index_dir="/i", chroma_host="db.lan")).name
    '.ingest-db.lan-8000-papers.lock'
    """
    name = settings.collection
    if settings.chroma_host:
        name = f"{settings.chroma_host}-{settings.chroma_port}-{name}"
    return settings.index_dir / f".ingest-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}.lock"


@contextlib.contextmanager
def index_lock(settings: Settings) -> Iterator[None]:
    """Hold the ingest lock of the index (ingest, and the drop of a rebuild); wait, saying so,
    while another process holds it. Not re-entrant: take it once per operation."""
    from filelock import FileLock, Timeout

    path = lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning("another ingest is running on %s; waiting", settings.index_location)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def open_client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as error:  # chromadb raises plain ValueError/ConnectionError here
            log.debug("Chroma HttpClient failed: %s", error)
            raise unreachable(settings) from None
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
    # Chroma metadata values are scalars: lists are joined. The abstract is stored once, with
    # the paper's first chunk: copied into every chunk, a 40-chunk paper held it 40 times.
    meta = {
        "paper_id": paper.id,
        "chunk_index": chunk.index,
        "n_chunks": n_chunks,
        "title": paper.title,
        "content_hash": paper.content_hash,
        "sources": " ".join(paper.sources),
        "urls": " ".join(paper.urls),
        "date": paper.date,
        "authors": paper.authors,
        "categories": paper.categories,
    }
    if chunk.index == 0:
        meta["abstract"] = paper.abstract
    return meta


class _Completeness:
    """Chunks' metadata, tallied per paper: which papers are complete and consistent."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[set[str], int, set[int]]] = {}

    def add(self, metadatas: list[Any]) -> None:
        for meta in metadatas:
            hashes, _n, indexes = self._seen.setdefault(
                str(meta["paper_id"]), (set(), int(meta["n_chunks"]), set())
            )
            hashes.add(str(meta["content_hash"]))
            indexes.add(int(meta["chunk_index"]))

    def complete(self) -> dict[str, str]:
        """paper_id -> content hash of the papers with one hash and every chunk index."""
        return {
            pid: next(iter(hashes))
            for pid, (hashes, n, indexes) in self._seen.items()
            if len(hashes) == 1 and indexes == set(range(n))
        }


class Store:
    """One Chroma collection and the embedder identity it was built with."""

    def __init__(self, settings: Settings, embedder_id: str, dimension: int, client: Any = None):
        self.settings = settings
        self.embedder_id = embedder_id
        self.location = settings.index_location
        self._revision: str | None = None
        self._revision_read = 0.0
        self._unreadable: set[str] = set()  # see get_embeddings
        try:
            with opening_lock(settings), reaching_server(settings):
                self.client = client or open_client(settings)
                self.collection = self.client.get_or_create_collection(
                    settings.collection,
                    metadata={"embedder": embedder_id, "dimension": dimension},
                    configuration={"hnsw": {"space": "cosine"}},
                    embedding_function=None,
                )
        except StoreError:
            raise
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
        self.collection_id = str(self.collection.id)  # names its lexical folder on a server
        # The name can match while the vectors do not (a model swapped under the same id, an
        # index written by other code): check the dimension of what is really stored.
        self.dimension: int | None = self._stored_dimension()
        self.check_dimension(dimension)

    @_reaching_server
    def _stored_dimension(self) -> int | None:
        """The length of the stored vectors (one is read), None for an empty collection."""
        page = self.collection.get(limit=1, include=["embeddings"])
        embeddings = page.get("embeddings")
        if embeddings is None or len(embeddings) == 0:
            return None
        return len(embeddings[0])

    def check_dimension(self, dimension: int) -> None:
        """Refuse vectors of ``dimension`` when the index holds vectors of another length."""
        if self.dimension is None or not dimension or dimension == self.dimension:
            return
        raise IndexMismatchError(
            f"The index at {self.location} holds {self.dimension}-dimensional vectors, but the "
            f"embedder {self.embedder_id!r} makes {dimension}-dimensional ones. Set RAG_EMBEDDER "
            "back, or rebuild the index with 'rag ingest --rebuild'."
        )

    @property
    @_reaching_server
    def metadata(self) -> dict[str, Any]:
        """The collection's metadata; "dimension" is that of the stored vectors once there are any.

        Read afresh: the collection object keeps the metadata it was opened with, and another
        process (a CLI ingest beside a running UI) may have bumped the revision since.
        """
        fresh = self.client.get_collection(self.settings.collection)
        meta = dict(fresh.metadata or {})
        if self.dimension is not None:
            meta["dimension"] = self.dimension
        return meta

    @property
    def revision(self) -> str:
        """Changes whenever ingest changes the collection.

        Read from Chroma at most every REVISION_TTL seconds (a read costs ~1 ms, a tenth of a
        search); this process's own ingests update it at once.
        """
        now = time.monotonic()
        if self._revision is None or now - self._revision_read > REVISION_TTL:
            self._revision = str(self.metadata.get("revision", "0"))
            self._revision_read = now
        return self._revision

    @_reaching_server
    def count_chunks(self) -> int:
        return int(self.collection.count())

    def iter_chunks(self) -> Iterator[StoredChunk]:
        """Every chunk, a page at a time (benchmarks and tools; never on a search path)."""
        offset = 0
        while True:
            with reaching_server(self.settings):
                page = self.collection.get(
                    limit=PAGE, offset=offset, include=["documents", "metadatas"]
                )
            ids = page["ids"]
            for i, chunk_id in enumerate(ids):
                yield StoredChunk(chunk_id, page["documents"][i], dict(page["metadatas"][i]))
            if len(ids) < PAGE:
                return
            offset += PAGE

    @_reaching_server
    def paper_hashes(self) -> dict[str, str]:
        """paper_id -> content hash, for papers whose chunks are complete and consistent."""
        papers = _Completeness()
        offset = 0
        while True:
            page = self.collection.get(limit=PAGE, offset=offset, include=["metadatas"])
            papers.add(page["metadatas"])
            if len(page["ids"]) < PAGE:
                break
            offset += PAGE
        return papers.complete()

    @_reaching_server
    def hashes_of(self, paper_ids: list[str]) -> dict[str, str]:
        """``paper_hashes`` for ``paper_ids`` alone (an indexed query per LOOKUP_PAPERS ids, no
        scan: ingest's check of the papers it is given)."""
        papers = _Completeness()
        for start in range(0, len(paper_ids), LOOKUP_PAPERS):
            part = paper_ids[start : start + LOOKUP_PAPERS]
            found = self.collection.get(where={"paper_id": {"$in": part}}, include=["metadatas"])
            papers.add(found["metadatas"])
        return papers.complete()

    def count_papers(self) -> int:
        return len(self.paper_hashes())

    @_reaching_server
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
            self.check_dimension(int(vectors.shape[1]))
            self.collection.upsert(
                ids=ids, documents=documents, metadatas=metadatas, embeddings=vectors.tolist()
            )
            self.dimension = int(vectors.shape[1])
        if stale:
            self.collection.delete(ids=stale)

    @_reaching_server
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

    @_reaching_server
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

    @_reaching_server
    def query_vectors(
        self, vector: np.ndarray, n: int, papers: list[str] | None = None
    ) -> dict[str, np.ndarray]:
        """The ``n`` nearest chunks, nearest first, with their stored vectors (which fusion and
        MMR need: one round trip instead of two), among the chunks of ``papers`` when given."""
        if n <= 0 or papers == []:
            return {}
        self.check_dimension(len(vector))
        where = {"paper_id": {"$in": papers}} if papers is not None else None
        result = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=n, where=where, include=["embeddings"]
        )
        embeddings = result["embeddings"]
        assert embeddings is not None  # asked for
        return {
            cid: np.asarray(found, dtype=np.float32)
            for cid, found in zip(result["ids"][0], embeddings[0], strict=True)
        }

    @_reaching_server
    def get_chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        """Chunks by id, with their documents and metadata (no embeddings)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["documents", "metadatas"])
        return {
            cid: StoredChunk(cid, doc, dict(meta))
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }

    @_reaching_server
    def get_embeddings(self, ids: list[str]) -> dict[str, np.ndarray]:
        """chunk id -> its stored vector, for the ids whose vector Chroma can read (a search's
        candidates: no process keeps the collection's vectors).

        A local index written by another process after this one opened it knows the new ids
        but not their vectors (local Chroma loads its vector index once per process): such a
        batch fails as a whole, so it is read id by id and the unreadable ids are remembered
        and skipped (a Chroma server has no such limit).
        """
        wanted = [cid for cid in ids if cid not in self._unreadable]
        if not wanted:
            return {}
        try:
            return self._embeddings(wanted)
        except InternalError:
            if self.settings.chroma_host:
                raise
        found: dict[str, np.ndarray] = {}
        for cid in wanted:
            try:
                found.update(self._embeddings([cid]))
            except InternalError:
                log.info("chunk %s has no readable vector in this process", cid)
                self._unreadable.add(cid)
        return found

    def _embeddings(self, ids: list[str]) -> dict[str, np.ndarray]:
        got = self.collection.get(ids=ids, include=["embeddings"])
        return {
            cid: np.asarray(vector, dtype=np.float32)
            for cid, vector in zip(got["ids"], got["embeddings"], strict=True)
        }

    @_reaching_server
    def chunks_of_papers(self, paper_ids: list[str]) -> list[StoredChunk]:
        """Every chunk of ``paper_ids``, with documents and metadata (for the lexical index's
        repair at ingest)."""
        if not paper_ids:
            return []
        got = self.collection.get(
            where={"paper_id": {"$in": paper_ids}}, include=["documents", "metadatas"]
        )
        return [
            StoredChunk(cid, doc, dict(meta))
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    @_reaching_server
    def delete_papers(self, paper_ids: list[str]) -> int:
        """Delete every chunk of ``paper_ids``; the number of papers that had any."""
        found = self.chunk_ids_of(paper_ids)
        ids = [cid for chunk_ids in found.values() for cid in chunk_ids]
        if ids:
            self.collection.delete(ids=ids)
        return len(found)


def drop_collection(settings: Settings) -> None:
    """Delete the collection (for a rebuild); the next Store() creates it afresh."""
    client = open_client(settings)
    with index_lock(settings), reaching_server(settings):  # not under a running ingest
        try:
            if settings.chroma_host:  # its lexical folder here goes with it (named by its id)
                from rag.lexical import lexical_folder

                dropped = str(client.get_collection(settings.collection).id)
                shutil.rmtree(lexical_folder(settings, dropped), ignore_errors=True)
            client.delete_collection(settings.collection)
        except Exception as error:
            # chromadb raises NotFoundError or ValueError by version; an absent collection is
            # fine, an unreachable server is not
            if settings.chroma_host and _is_unreachable(error):
                raise
            log.debug("no collection to drop: %s", error)
