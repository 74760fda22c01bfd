"""BM25 beside Chroma: an on-disk tantivy index that ingest writes and every process reads.

Chroma's local engine has no sparse index, so the lexical side lives in a folder of its own
(``lexical_folder``): one tantivy document per chunk,

    chunk_id, paper_id           raw terms, stored: map a hit back, delete a paper's chunks
    body                         the chunk's ``tokenize()`` terms joined by spaces (indexed by
                                 tantivy's whitespace tokenizer: the project's own stemming and
                                 stopwords; not stored)
    sources, date, categories    stored: what ``Filters`` match
    content_hash                 stored: the version of the paper indexed

Scores are tantivy's BM25 (k1 = 1.2, b = 0.75, lengths rounded to one byte). Earlier releases
rescored each hit with k1 = 1.5 from its stored text, as bm25s did when the verdict was fitted;
on the retrieval sets the two give the same recall and verdict, and rescoring cost a 1M-chunk
search about a tenth of its time and most of its mapped pages (each hit's stored text read).
Indexes written by those releases still hold the text (and each chunk's term count, for the
mean length); neither is read any more.

Beside the index, a manifest (``papers.sqlite3``: one row per paper: content hash, title,
sources, date, categories and when it was first added), written after each tantivy commit, so it
never claims more than the index holds. It is also the catalog of the collection (``rag.catalog``:
the Papers tab, filters) without a page through Chroma.

Ingest writes a paper to Chroma, then here (``rag.ingest``). Before the Chroma write it records
the papers' ids as *pending* in the manifest; the lexical commit clears them. A crash between the
two leaves them pending, and the next ingest (or removal) compares exactly those papers' hashes in
Chroma and here, and writes them here from Chroma's documents or removes them: no scan of the
collection, on any path. No search reads the whole collection.

Readers and the writer. One writer at a time (ingest holds the index's lock; tantivy refuses a
second writer anyway); any number of reading processes. A reader looks at the index's
``meta.json`` before each search and reloads when a commit replaced it, so a paper another
process committed is searchable at the next search.

With a Chroma server the folder is keyed by host, port and collection inside the local
``index_dir``. Every app process must see the same folder: one machine, or a shared volume with
working file locks (the ingest lock guards the single writer). A process with a folder of its
own still answers, since the dense side is Chroma's, but its BM25 misses what other processes
ingested until it catches up: its own next ``rag ingest``, or its start (``ensure_index``), when
the counts differ, indexes every paper Chroma holds that its folder lacks.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from rag.config import Settings
from rag.errors import StoreError

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+(?:[-.]\w+)*")
STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN) | {
    "paper", "papers", "work", "works", "study", "studies", "which", "what", "how", "does", "do",
    "propose", "proposes", "proposed", "show", "shows", "use", "uses", "used", "using", "approach",
    "method", "methods", "model", "models", "result", "results", "new", "based", "also",
}  # fmt: skip
FILTER_KEYS = ("sources", "date", "categories")
MANIFEST_SCHEMA = """CREATE TABLE IF NOT EXISTS papers (
    paper_id TEXT PRIMARY KEY, content_hash TEXT, title TEXT, sources TEXT, date TEXT,
    categories TEXT, added_at REAL)"""
# A changed paper keeps the time it was first added.
MANIFEST_UPSERT = """INSERT INTO papers VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(paper_id) DO UPDATE SET content_hash = excluded.content_hash,
    title = excluded.title, sources = excluded.sources, date = excluded.date,
    categories = excluded.categories"""
# Papers whose Chroma write has begun and whose lexical write is not yet committed.
PENDING_SCHEMA = "CREATE TABLE IF NOT EXISTS pending (paper_id TEXT PRIMARY KEY)"
WRITER_HEAP = 50_000_000  # bytes of tantivy's indexing buffer: ~100k chunks before it flushes
SQL_VARIABLES = 900  # ids per manifest query (SQLite's oldest limit on "?" is 999)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)  # a collection's vocabulary: each word is stemmed once
def stem(word: str) -> str:
    """A lower-cased word's stem, as ``tokenize`` makes it."""
    return str(_stemmer().stemWord(word))


_SPLIT_AT = re.compile(r"[-.]")  # where a hyphenated or dotted name splits


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed terms; hyphenated names also kept whole.

    >>> tokenize("Pre-training GPT-4 models on 3.5B tokens")
    ['pre-train', 'pre', 'train', 'gpt-4', 'gpt', '4', '3.5b', '3', '5b', 'token']
    """
    # Called on every abstract a search judges (a few hundred sentences a question), the same
    # abstract by several stages of one answer: texts are cached, and a copy handed out
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    # the split is tried only where a word holds "-" or ".", and stems are cached
    terms: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        if raw not in STOPWORDS:
            terms.append(stem(raw))
        if "-" in raw or "." in raw:
            terms.extend(
                stem(part) for part in _SPLIT_AT.split(raw) if part and part not in STOPWORDS
            )
    return tuple(terms)


def bm25_idf(n: int, df: int) -> float:
    """BM25's inverse document frequency of a term found in ``df`` of ``n`` rows.

    >>> round(bm25_idf(1000, 10), 2), round(bm25_idf(1000, 0), 2)
    (4.56, 7.6)
    """
    return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))


@dataclass
class LexicalChunk:
    """One chunk as the lexical index keeps it."""

    chunk_id: str
    paper_id: str
    document: str
    content_hash: str
    sources: str = ""
    date: str = ""
    categories: str = ""
    title: str = ""

    @classmethod
    def from_metadata(cls, chunk_id: str, document: str, meta: dict[str, Any]) -> LexicalChunk:
        """From a chunk as Chroma stores it (``rag.store.chunk_metadata``)."""
        return cls(
            chunk_id,
            str(meta["paper_id"]),
            document,
            str(meta.get("content_hash", "")),
            sources=str(meta.get("sources", "")),
            date=str(meta.get("date", "")),
            categories=str(meta.get("categories", "")),
            title=str(meta.get("title", "")),
        )


def _schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("chunk_id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("paper_id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    for key in (*FILTER_KEYS, "content_hash"):
        builder.add_text_field(key, stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


class LexicalSearcher:
    """One consistent view of the index (a tantivy searcher): every figure of one search comes
    from the same commit."""

    def __init__(self, searcher: Any, schema: Any) -> None:
        self._searcher = searcher
        self._schema = schema
        self.num_docs = int(searcher.num_docs)

    def _term(self, field: str, value: str) -> Any:
        import tantivy

        return tantivy.Query.term_query(self._schema, field, value, index_option="freq")

    def _terms_query(self, terms: list[str]) -> Any:
        import tantivy

        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, self._term("body", t)) for t in terms]
        )

    def _among(self, query: Any, field: str, values: list[str]) -> Any:
        """``query``'s matches whose ``field`` is one of ``values``."""
        import tantivy

        return tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_set_query(self._schema, field, values)),
                (tantivy.Occur.Must, query),
            ]
        )

    def _restricted(self, query: Any, field: str, values: list[str]) -> Any:
        """``query`` over the documents whose ``field`` is one of ``values`` (all of them, a
        match or not)."""
        import tantivy

        among = tantivy.Query.const_score_query(
            tantivy.Query.term_set_query(self._schema, field, values), 0.0
        )
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, among), (tantivy.Occur.Should, query)]
        )

    def _scored(self, hits: list[tuple[float, Any]]) -> list[tuple[str, float]]:
        """(chunk_id, BM25) of tantivy's hits, best first."""
        return [
            (self._searcher.doc(address).get_first("chunk_id"), score) for score, address in hits
        ]

    def search(
        self, terms: list[str], n: int, papers: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``n`` best chunks for ``terms`` (an OR query), as (chunk_id, BM25 score), best
        first; a repeated term counts as often as it appears, as in the question. With
        ``papers``, only those papers' chunks."""
        if not terms or n <= 0 or not self.num_docs or papers == []:
            return []
        query = self._terms_query(terms)
        if papers is not None:
            query = self._among(query, "paper_id", papers)
        return self._scored(self._searcher.search(query, n, count=False).hits)

    def scores(self, terms: list[str], chunk_ids: list[str]) -> dict[str, float]:
        """The BM25 score of each of ``chunk_ids`` (0.0 when it has none of the terms)."""
        if not terms or not chunk_ids or not self.num_docs:
            return {}
        query = self._restricted(self._terms_query(terms), "chunk_id", chunk_ids)
        found = self._searcher.search(query, limit=len(chunk_ids), count=False)
        return dict(self._scored(found.hits))

    def filter_fields(self, chunk_ids: list[str]) -> dict[str, dict[str, str]]:
        """chunk_id -> its sources, date and categories, for the chunks this index holds."""
        if not chunk_ids or not self.num_docs:
            return {}
        import tantivy

        query = tantivy.Query.term_set_query(self._schema, "chunk_id", chunk_ids)
        found = self._searcher.search(query, limit=len(chunk_ids), count=False)
        fields = {}
        for _, address in found.hits:
            doc = self._searcher.doc(address)
            fields[doc.get_first("chunk_id")] = {k: doc.get_first(k) or "" for k in FILTER_KEYS}
        return fields

    def doc_freq(self, term: str) -> int:
        """Chunks whose text contains ``term`` (tantivy counts deleted chunks until their
        segment is merged: capped at the live count, or the IDF would go negative)."""
        return (
            min(int(self._searcher.doc_freq("body", term)), self.num_docs) if self.num_docs else 0
        )

    def near(self, term: str, distance: int, n: int) -> list[str]:
        """Up to ``n`` chunks holding a term within ``distance`` edits of ``term`` (tantivy's
        Levenshtein automaton over the term dictionary; a swap of two letters is one edit)."""
        if not self.num_docs:
            return []
        import tantivy

        query = tantivy.Query.fuzzy_term_query(self._schema, "body", term, distance=distance)
        return [cid for cid, _ in self._scored(self._searcher.search(query, n, count=False).hits)]

    def idf(self, term: str) -> float:
        """Inverse document frequency (BM25's form); an unknown term gets the largest value."""
        return bm25_idf(self.num_docs, self.doc_freq(term))

    def papers_with(self, term: str, paper_ids: list[str]) -> set[str]:
        """Which of ``paper_ids`` have a chunk containing ``term`` (a query per paper: each
        intersects a paper's few chunks with the term's postings)."""
        import tantivy

        found = set()
        for paper_id in paper_ids:
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, self._term("paper_id", paper_id)),
                    (tantivy.Occur.Must, self._term("body", term)),
                ]
            )
            if self._searcher.search(query, limit=1, count=False).hits:
                found.add(paper_id)
        return found


class LexicalIndex:
    """The lexical index of one collection: a tantivy folder and its manifest.

    Example::

        index = LexicalIndex(Path("/tmp/lexical"))
        with index.writing() as writer:
            writer.put("p1", [LexicalChunk("p1:0", "p1", "Byte-level models", "h1")])
        index.searcher().search(tokenize("byte level"), 10)   # [('p1:0', 0.57...)]
    """

    def __init__(self, folder: Path) -> None:
        import tantivy

        self.folder = folder
        self._schema = _schema()
        self._lock = threading.Lock()
        tantivy_dir = folder / "tantivy"
        _drop_older_format(folder)
        try:
            tantivy_dir.mkdir(parents=True, exist_ok=True)
            from filelock import FileLock

            # Two processes creating the same new index at once would both write its meta.json.
            with FileLock(folder / ".create.lock"):
                if (tantivy_dir / "meta.json").exists():
                    # An index written by an earlier release stores the chunks' text: opened
                    # with its own schema (the fields are the same; the text is not read).
                    self._index = tantivy.Index.open(str(tantivy_dir))
                    self._schema = self._index.schema
                else:
                    self._index = tantivy.Index(self._schema, path=str(tantivy_dir))
            self._meta: Path | None = tantivy_dir / "meta.json"
        except OSError as error:  # a read-only folder must not stop search
            log.warning("could not open the lexical index at %s (%s); BM25 is off", folder, error)
            self._index = tantivy.Index(self._schema)
            self._meta = None
        self._index.config_reader(reload_policy="Manual")
        self._stamp = self._meta_stamp()
        self._searcher = LexicalSearcher(self._index.searcher(), self._schema)

    def _meta_stamp(self) -> tuple[int, int, int] | None:
        if self._meta is None:
            return None
        try:
            stat = os.stat(self._meta)
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def searcher(self) -> LexicalSearcher:
        """The current view, reloaded first if any process committed since (a stat of
        meta.json, which tantivy replaces on every commit: microseconds)."""
        with self._lock:
            stamp = self._meta_stamp()
            if stamp != self._stamp:
                self._index.reload()
                self._searcher = LexicalSearcher(self._index.searcher(), self._schema)
                self._stamp = stamp
            return self._searcher

    # --- the manifest -----------------------------------------------------------------------
    def manifest(self) -> sqlite3.Connection:
        """A new connection to the manifest (schema created or migrated first)."""
        connection = sqlite3.connect(self.manifest_path(), timeout=30)
        columns = {row[1] for row in connection.execute("PRAGMA table_info(papers)")}
        if columns and "title" not in columns:
            # A manifest of hashes only (an earlier release): dropped, so the next catch-up
            # (``Assistant.ensure_index``: its count no longer matches Chroma's) rewrites every
            # paper with the catalog's fields from Chroma.
            with connection:
                connection.execute("DROP TABLE papers")
        with connection:
            connection.execute(MANIFEST_SCHEMA)
            connection.execute("CREATE INDEX IF NOT EXISTS papers_added ON papers(added_at)")
            connection.execute(PENDING_SCHEMA)
        return connection

    def mark_pending(self, paper_ids: Iterable[str]) -> None:
        """Record that ``paper_ids`` are about to change in Chroma (committed at once): until
        the lexical commit clears them, the next ingest checks them (``pending``)."""
        with contextlib.closing(self.manifest()) as db, db:
            db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(p,) for p in paper_ids])

    def pending(self) -> list[str]:
        """Papers an interrupted ingest or removal may have left different here and in Chroma."""
        with contextlib.closing(self.manifest()) as db:
            return [row[0] for row in db.execute("SELECT paper_id FROM pending")]

    def manifest_path(self) -> Path:
        return self.folder / "papers.sqlite3"

    def paper_total(self) -> int:
        """Papers the index holds, by its manifest."""
        with contextlib.closing(self.manifest()) as db:
            return int(db.execute("SELECT COUNT(*) FROM papers").fetchone()[0])

    def paper_hashes(self) -> dict[str, str]:
        """paper_id -> content hash of every paper the index holds (for ingest's repair)."""
        with contextlib.closing(self.manifest()) as db:
            return dict(db.execute("SELECT paper_id, content_hash FROM papers").fetchall())

    def hashes_of(self, paper_ids: list[str]) -> dict[str, str]:
        """``paper_hashes`` for ``paper_ids`` alone (bulk ingest's check)."""
        with contextlib.closing(self.manifest()) as db:
            return select_by_ids(db, "SELECT paper_id, content_hash FROM papers", paper_ids)

    # --- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def writing(self) -> Iterator[LexicalWriter]:
        """The index's one writer, for the caller's ingest (which holds the ingest lock);
        what is put or removed is committed when the block ends, or at ``commit()``."""
        writer = LexicalWriter(self._index.writer(heap_size=WRITER_HEAP, num_threads=1), self)
        try:
            yield writer
            writer.commit()
        finally:
            writer.close()


class LexicalWriter:
    """Puts and removes whole papers; ``commit`` makes them visible to every reader."""

    def __init__(self, writer: Any, index: LexicalIndex) -> None:
        self._writer = writer
        self.index = index
        self._put: dict[str, tuple[Any, ...]] = {}  # paper_id -> its manifest row
        self._removed: set[str] = set()
        self._settled: set[str] = set()  # pending papers found the same on both sides

    def put(self, paper_id: str, chunks: Iterable[LexicalChunk]) -> None:
        """Replace the paper's chunks with ``chunks`` (all of them: a paper is written whole)."""
        import tantivy

        self._writer.delete_documents_by_term("paper_id", paper_id)
        chunks = list(chunks)
        for chunk in chunks:
            fields = {key: getattr(chunk, key) for key in (*FILTER_KEYS, "content_hash")}
            terms = tokenize(chunk.document)
            self._writer.add_document(
                tantivy.Document(
                    chunk_id=chunk.chunk_id,
                    paper_id=paper_id,
                    body=" ".join(terms),
                    **fields,
                )
            )
        first = chunks[0] if chunks else LexicalChunk("", paper_id, "", "")
        self._put[paper_id] = (
            paper_id,
            first.content_hash,
            first.title,
            first.sources,
            first.date,
            first.categories,
            time.time(),
        )
        self._removed.discard(paper_id)

    def remove(self, paper_ids: Iterable[str]) -> None:
        for paper_id in paper_ids:
            self._writer.delete_documents_by_term("paper_id", paper_id)
            self._put.pop(paper_id, None)
            self._removed.add(paper_id)

    def settle(self, paper_ids: Iterable[str]) -> None:
        """Clear ``paper_ids`` from the pending list at the next commit (nothing to write)."""
        self._settled.update(paper_ids)

    def commit(self) -> None:
        """Commit to tantivy, then record it in the manifest (never ahead of the index), and
        clear what was written, removed or settled from the pending list."""
        if not self._put and not self._removed and not self._settled:
            return
        if self._put or self._removed:
            self._writer.commit()
        done = [(p,) for p in {*self._put, *self._removed, *self._settled}]
        with contextlib.closing(self.index.manifest()) as db, db:
            db.executemany(MANIFEST_UPSERT, self._put.values())
            db.executemany("DELETE FROM papers WHERE paper_id = ?", [(p,) for p in self._removed])
            db.executemany("DELETE FROM pending WHERE paper_id = ?", done)
        self._put, self._removed, self._settled = {}, set(), set()

    def clear(self) -> None:
        """Remove everything (a rebuild)."""
        self._writer.delete_all_documents()
        self._writer.commit()
        with contextlib.closing(self.index.manifest()) as db, db:
            db.execute("DELETE FROM papers")
            db.execute("DELETE FROM pending")
        self._put, self._removed, self._settled = {}, set(), set()

    def close(self) -> None:
        """Release tantivy's writer lock (uncommitted changes are dropped)."""
        self._writer.wait_merging_threads()


def select_by_ids(db: sqlite3.Connection, select: str, paper_ids: list[str]) -> dict[str, Any]:
    """``select`` (two columns, the first ``paper_id``) for the rows of ``paper_ids``, as a dict.

    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.execute("CREATE TABLE t (paper_id TEXT, n INT)")
    >>> _ = db.executemany("INSERT INTO t VALUES (?, ?)", [("a", 1), ("b", 2)])
    >>> select_by_ids(db, "SELECT paper_id, n FROM t", ["b", "c"])
    {'b': 2}
    """
    found: dict[str, Any] = {}
    for start in range(0, len(paper_ids), SQL_VARIABLES):
        part = paper_ids[start : start + SQL_VARIABLES]
        query = f"{select} WHERE paper_id IN ({','.join('?' * len(part))})"
        found.update(db.execute(query, part).fetchall())
    return found


def _drop_older_format(folder: Path) -> None:
    """A folder saved by the bm25s index of earlier releases is derived data: drop it; the
    next ingest (or start) fills the new index from Chroma."""
    if (folder / "rows.json").exists():
        log.warning("replacing the older lexical index at %s", folder)
        shutil.rmtree(folder, ignore_errors=True)


def lexical_folder(settings: Settings, collection_id: str = "") -> Path:
    """Where this machine keeps the lexical index of the collection ``settings`` name.

    On a Chroma server, named by the collection's id: the folder follows the collection when
    the server moves to another address (named by the address, every app process would page
    through the whole collection again), and a collection made anew under the same name starts
    a folder of its own instead of inheriting the old one's papers.
    """
    if settings.chroma_host and collection_id:
        return settings.index_dir / f"lexical-{collection_id}"
    if settings.chroma_host:  # the name of earlier releases, adopted by _adopt_address_folder
        name = f"lexical-{settings.chroma_host}-{settings.chroma_port}-{settings.collection}"
    else:
        name = f"lexical-{settings.collection}"
    return settings.index_dir / name


def _adopt_address_folder(settings: Settings, folder: Path) -> None:
    """Earlier releases named a server's lexical folder by its address: the first process
    that knows the collection's id takes that folder over, rather than writing it anew."""
    named_by_address = lexical_folder(settings)
    if folder.exists() or named_by_address == folder or not named_by_address.exists():
        return
    try:
        named_by_address.rename(folder)
    except OSError as error:  # another process took it over first, or it cannot be moved
        log.info("lexical index at %s not adopted: %s", named_by_address, error)


_open: dict[Path, LexicalIndex] = {}
_open_lock = threading.Lock()


def open_lexical(settings: Settings, collection_id: str = "") -> LexicalIndex:
    """The lexical index of the collection ``settings`` name (whose Chroma id is
    ``collection_id``); one object per folder and process, shared by retrieval and ingest.

    The one place the BM25 side is chosen (``RAG_LEXICAL``): Chroma's sparse vectors and Search
    API would go here behind the same interface, but exist only on distributed Chroma and Chroma
    Cloud, which cannot be run or tested on this machine (docs/scaling.md has the design).
    """
    if settings.lexical == "chroma":
        raise StoreError(
            "RAG_LEXICAL=chroma (Chroma's sparse BM25 and Search API, on distributed Chroma or "
            "Chroma Cloud) is designed but not implemented yet; set RAG_LEXICAL=tantivy."
        )
    folder = lexical_folder(settings, collection_id).resolve()
    with _open_lock:
        if folder not in _open:
            _adopt_address_folder(settings, folder)
            _open[folder] = LexicalIndex(folder)
        return _open[folder]
