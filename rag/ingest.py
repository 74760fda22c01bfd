"""Incremental, safe ingest: papers -> chunks -> vectors -> Chroma -> the lexical index.

An unchanged paper (same content hash in the index) costs no embedding work; a changed one has
its chunks replaced; a paper's chunks are always written in one call, so it is indexed fully or
not at all. Each round of papers goes to Chroma, then to the lexical index (``rag.lexical``),
committed together before the next round.

Repair, without a scan. Before a round's Chroma write, its papers are recorded as pending in the
lexical index's manifest; the lexical commit clears them. The next ingest or removal first
brings the pending papers (a kill between the two writes) to what Chroma holds, from Chroma's
documents, no embedding; and it compares its own papers' hashes on both sides, so a paper
unchanged in Chroma but missing or stale in the lexical index is written there too. Both read
only the papers concerned (``hashes_of``), never the whole collection. A lexical folder that
missed other processes' ingests is caught up at start (``catch_up_lexical``, when the counts
differ).

One ingest at a time per index, across processes: ``ingest_papers`` holds a file lock in the
index folder (``rag.store.index_lock``); a second ingest waits for the first, then finds its
papers unchanged instead of embedding them again.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import chunk_paper
from rag.config import Settings
from rag.corpus import bundled_corpus_files
from rag.embeddings import Embedder
from rag.importers import read_paths
from rag.lexical import LexicalChunk, LexicalWriter, open_lexical
from rag.records import Chunk, Paper, Problem, skipped
from rag.store import Store, index_lock

# Chunks per embed-and-write round: large enough that length-sorted batches pad little and
# keep both cores busy to the end, small enough to bound memory (the server's maximum caps it).
ROUND_CHUNKS = 512
log = logging.getLogger(__name__)
REPAIR_PAPERS = 200  # papers per Chroma read when the lexical index is repaired


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    chunks_embedded: int = 0
    lexical_repaired: int = 0  # papers written to (or removed from) the lexical index alone
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def read_anything(self) -> bool:
        return self.added + self.updated + self.unchanged > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "chunks_embedded": self.chunks_embedded,
            "lexical_repaired": self.lexical_repaired,
            "seconds": round(self.seconds, 2),
            "problems": [str(p) for p in self.problems],
        }

    def __str__(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped} ({self.chunks_embedded} chunks embedded in {self.seconds:.1f} s)"
        )


def rounds_of(
    entries: list[tuple[Paper, list[Chunk]]], limit: int
) -> Iterator[list[tuple[Paper, list[Chunk]]]]:
    """Group whole papers so that no round exceeds ``limit`` chunks (a paper is never split)."""
    current: list[tuple[Paper, list[Chunk]]] = []
    size = 0
    for entry in entries:
        if current and size + len(entry[1]) > limit:
            yield current
            current, size = [], 0
        current.append(entry)
        size += len(entry[1])
    if current:
        yield current


def ingest_papers(
    papers: list[Paper],
    store: Store,
    embedder: Embedder,
    settings: Settings,
    progress: bool = False,
) -> IngestSummary:
    """Index ``papers``; one ingest at a time per index (see ``index_lock``)."""
    with index_lock(settings):
        return _ingest_papers(papers, store, embedder, settings, progress)


def _ingest_papers(
    papers: list[Paper],
    store: Store,
    embedder: Embedder,
    settings: Settings,
    progress: bool = False,
) -> IngestSummary:
    started = time.perf_counter()
    summary = IngestSummary()
    ids = [paper.id for paper in papers]
    fits = getattr(embedder, "fits", None)
    lexical = open_lexical(settings, store.collection_id)
    written: set[str] = set()
    bar = None
    try:
        with lexical.writing() as writer:
            if store.count_chunks() == 0:  # a new or rebuilt collection: so is the lexical index
                writer.clear()
            summary.lexical_repaired = repair_pending(store, writer)
            # Only these papers' hashes: what the index holds of others does not change here.
            known, indexed = store.hashes_of(ids), lexical.hashes_of(ids)
            changed: list[tuple[Paper, list[Chunk]]] = []
            one_sided: list[str] = []  # in Chroma as they are, but not so in the lexical index
            for paper in papers:
                if known.get(paper.id) != paper.content_hash:
                    chunks = chunk_paper(paper, settings.chunk_tokens, settings.chunk_overlap, fits)
                    changed.append((paper, chunks))
                    continue
                summary.unchanged += 1
                if indexed.get(paper.id) != paper.content_hash:
                    one_sided.append(paper.id)
            copy_to_lexical(store, writer, one_sided)
            summary.lexical_repaired += len(one_sided)

            bar = _progress_bar(sum(len(c) for _, c in changed), progress)
            limit = max(1, min(ROUND_CHUNKS, store.max_batch_size()))
            for group in rounds_of(changed, limit):
                texts = [chunk.document for _, chunks in group for chunk in chunks]
                vectors = embedder.embed_documents(texts)
                before = write_chroma(group, vectors, store, writer)
                write_lexical(group, writer)
                written.update(paper.id for paper, _ in group)
                for paper, _ in group:
                    if paper.id in before:
                        summary.updated += 1
                    else:
                        summary.added += 1
                summary.chunks_embedded += len(texts)
                if bar is not None:
                    bar.update(len(texts))
    finally:
        if bar is not None:
            bar.close()
        if summary.added or summary.updated or summary.lexical_repaired:
            # The manifest counts the complete papers both sides hold.
            store.bump_revision(papers=lexical.paper_total())
    summary.seconds = time.perf_counter() - started
    return summary


def write_chroma(
    group: list[tuple[Paper, list[Chunk]]],
    vectors: np.ndarray,
    store: Store,
    writer: LexicalWriter,
) -> set[str]:
    """Upsert whole papers' chunks and drop their stale ones, the papers first recorded as
    pending in the lexical index (``write_lexical`` clears them); the ids of the papers Chroma
    held before (updated, not added)."""
    writer.index.mark_pending([paper.id for paper, _ in group])
    before = store.chunk_ids_of([paper.id for paper, _ in group])
    stale = [
        cid
        for paper, chunks in group
        for cid in before.get(paper.id, [])
        if cid not in {c.id for c in chunks}
    ]
    store.write_papers(group, vectors, stale)
    return set(before)


def write_lexical(group: list[tuple[Paper, list[Chunk]]], writer: LexicalWriter) -> None:
    """Put whole papers in the lexical index and commit them (after ``write_chroma``)."""
    for paper, chunks in group:
        writer.put(paper.id, _lexical_chunks(paper, chunks))
    writer.commit()  # searchable by every process from here


def _lexical_chunks(paper: Paper, chunks: list[Chunk]) -> list[LexicalChunk]:
    return [
        LexicalChunk(
            chunk.id,
            paper.id,
            chunk.document,
            paper.content_hash,
            " ".join(paper.sources),
            paper.date,
            paper.categories,
            paper.title,
        )
        for chunk in chunks
    ]


def repair_lexical(store: Store, writer: LexicalWriter, known: dict[str, str]) -> int:
    """Make the lexical index hold exactly the complete papers ``known`` (Chroma's
    ``paper_hashes``); the number of papers written or removed. Papers are read back from
    Chroma's documents, no embedding."""
    indexed = writer.index.paper_hashes()
    missing = [pid for pid, h in known.items() if indexed.get(pid) != h]
    extra = [pid for pid in indexed if pid not in known]
    if missing or extra:
        log.warning(
            "lexical index: writing %d papers it lacked, removing %d gone from Chroma",
            len(missing),
            len(extra),
        )
    writer.remove(extra)
    copy_to_lexical(store, writer, missing)
    return len(missing) + len(extra)


def repair_pending(store: Store, writer: LexicalWriter) -> int:
    """Bring the papers an interrupted ingest or removal left pending to what Chroma holds (a
    kill between the Chroma write and the lexical commit); the number written or removed."""
    pending = writer.index.pending()
    if not pending:
        return 0
    in_chroma, indexed = store.hashes_of(pending), writer.index.hashes_of(pending)
    gone = [pid for pid in pending if pid not in in_chroma and pid in indexed]
    differ = [pid for pid in in_chroma if indexed.get(pid) != in_chroma[pid]]
    if gone or differ:
        log.warning(
            "lexical index: an interrupted write left %d papers to write, %d to remove",
            len(differ),
            len(gone),
        )
    writer.remove(gone)
    writer.settle(pending)
    copy_to_lexical(store, writer, differ)
    writer.commit()
    return len(gone) + len(differ)


def copy_to_lexical(store: Store, writer: LexicalWriter, paper_ids: list[str]) -> None:
    """Write ``paper_ids`` to the lexical index from Chroma's documents (no embedding),
    committed every REPAIR_PAPERS papers."""
    for start in range(0, len(paper_ids), REPAIR_PAPERS):
        batch = paper_ids[start : start + REPAIR_PAPERS]
        by_paper: dict[str, list[LexicalChunk]] = {}
        for stored in store.chunks_of_papers(batch):
            chunk = LexicalChunk.from_metadata(stored.id, stored.document, stored.metadata)
            by_paper.setdefault(chunk.paper_id, []).append(chunk)
        for paper_id, chunks in by_paper.items():
            writer.put(paper_id, chunks)
        writer.commit()


def catch_up_lexical(store: Store, settings: Settings) -> int:
    """Repair the lexical index against Chroma (see the module's docstring), under the ingest
    lock; the number of papers written or removed."""
    with index_lock(settings):
        known = store.paper_hashes()
        with open_lexical(settings, store.collection_id).writing() as writer:
            return repair_lexical(store, writer, known)


def remove_papers(paper_ids: list[str], store: Store, settings: Settings) -> int:
    """Remove papers from Chroma, then from the lexical index, as one step (a crash between
    the two is repaired by the next ingest); the number of papers Chroma held."""
    with index_lock(settings), open_lexical(settings, store.collection_id).writing() as writer:
        repair_pending(store, writer)
        writer.index.mark_pending(paper_ids)
        removed = store.delete_papers(paper_ids)
        writer.remove(paper_ids)
        if removed:
            store.bump_revision(papers=max(0, store.paper_count() - removed))
        return removed


def ingest_paths(
    paths: list[Path] | None,
    store: Store,
    embedder: Embedder,
    settings: Settings,
    fmt: str = "auto",
    progress: bool = False,
) -> IngestSummary:
    """Read files (the bundled corpus when ``paths`` is empty) and ingest what could be read."""
    files = list(paths) if paths else bundled_corpus_files(settings.data_dir)
    papers, problems = read_paths(files, fmt)
    summary = ingest_papers(papers, store, embedder, settings, progress)
    summary.problems = problems
    summary.skipped = skipped(problems)
    return summary


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="Embedding", file=sys.stderr, leave=False)
