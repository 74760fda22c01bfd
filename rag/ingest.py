"""Incremental, safe ingest: papers -> chunks -> vectors -> Chroma.

An unchanged paper (same content hash in the index) costs no embedding work; a changed one has
its chunks replaced; a paper's chunks are always written in one call, so it is indexed fully or
not at all.

One ingest at a time per index, across processes: ``ingest_papers`` holds a file lock in the
index folder (``rag.store.index_lock``); a second ingest waits for the first, then finds its
papers unchanged instead of embedding them again.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.chunking import chunk_paper
from rag.config import Settings
from rag.corpus import bundled_corpus_files
from rag.embeddings import Embedder
from rag.importers import read_paths
from rag.records import Chunk, Paper, Problem
from rag.store import Store, index_lock

# Chunks per embed-and-write round: large enough that length-sorted batches pad little and
# keep both cores busy to the end, small enough to bound memory (the server's maximum caps it).
ROUND_CHUNKS = 512


@dataclass
class IngestSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    chunks_embedded: int = 0
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
            "seconds": round(self.seconds, 2),
            "problems": [str(p) for p in self.problems],
        }

    def __str__(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {self.skipped} ({self.chunks_embedded} chunks embedded in {self.seconds:.1f} s)"
        )


def _rounds(
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
    known = store.paper_hashes()
    fits = getattr(embedder, "fits", None)
    changed: list[tuple[Paper, list[Chunk]]] = []
    for paper in papers:
        if known.get(paper.id) == paper.content_hash:
            summary.unchanged += 1
            continue
        chunks = chunk_paper(paper, settings.chunk_tokens, settings.chunk_overlap, fits)
        changed.append((paper, chunks))

    bar = _progress_bar(sum(len(c) for _, c in changed), progress)
    limit = max(1, min(ROUND_CHUNKS, store.max_batch_size()))
    written: set[str] = set()
    try:
        for group in _rounds(changed, limit):
            texts = [chunk.document for _, chunks in group for chunk in chunks]
            vectors = embedder.embed_documents(texts)
            before = store.chunk_ids_of([paper.id for paper, _ in group])
            stale = [
                cid
                for paper, chunks in group
                for cid in before.get(paper.id, [])
                if cid not in {c.id for c in chunks}
            ]
            store.write_papers(group, vectors, stale)
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
        if summary.added or summary.updated:
            # Complete papers before, and every paper written now (new, changed or repaired).
            store.bump_revision(papers=len(set(known) | written))
    summary.seconds = time.perf_counter() - started
    return summary


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
    summary.skipped = len(problems)
    return summary


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="chunk", desc="Embedding", file=sys.stderr, leave=False)
