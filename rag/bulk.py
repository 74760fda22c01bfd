"""Bulk ingest: one large JSON Lines file (the arXiv metadata snapshot: millions of lines,
~4 GB) streamed into the index, resumable after a kill.

Example::

    summary = bulk_ingest(Path("arxiv-metadata-oai-snapshot.json"), Settings())
    summary.added, summary.papers_per_s, summary.chunks_per_s

The file is read a line at a time, never whole; each line is parsed as ``rag ingest`` parses
it (``rag.importers.paper_from_line``), and a bad line is a Problem with its number that costs
nothing else. Every CHECK_PAPERS papers, one Chroma query and one manifest query tell which are
already indexed at the same content hash (skipped: no chunking, no embedding; no scan of the
collection). The rest are chunked and gathered into a round of about the Chroma client's
largest batch of chunks (``Store.max_batch_size()``); a round is embedded (for an embeddings
endpoint, in requests of ``Settings.bulk_request_texts`` texts, ``bulk_requests`` at once),
written to Chroma and then to the lexical index as ``rag ingest`` writes them
(``rag.ingest.write_chroma``, ``write_lexical``), and only then does the checkpoint move past
its last line (``rag.checkpoint``). The next round's vectors are on their way while a round is
written: the embedding (an endpoint's latency, MiniLM's ONNX threads) overlaps reading and
writing.

Resuming. A run starts where the checkpoint says: a kill loses at most the round in flight.
On the next run that round's papers that reached Chroma are found complete there (not embedded
again), and those the lexical index lacks are written to it from Chroma's documents. A run
after the file is done says so and does nothing; a changed file (size or mtime) or a rebuilt
collection starts again from the first line.

One ingest at a time: the run holds the index's ingest lock (``rag.store.index_lock``) from
start to end, so a ``rag ingest`` started meanwhile waits for it (and the other way round).
The index's paper count (``rag stats``) is the lexical manifest's after every round.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.checkpoint import Checkpoint, Progress
from rag.chunking import chunk_paper
from rag.config import Settings
from rag.embeddings import Embedder, MiniLMEmbedder, OpenAIEmbedder, make_embedder
from rag.errors import InputError
from rag.importers import decode_line, detect_format, paper_from_line, wide_encoding
from rag.ingest import (
    copy_to_lexical,
    repair_pending,
    rounds_of,
    write_chroma,
    write_lexical,
)
from rag.lexical import LexicalWriter, open_lexical
from rag.records import Chunk, Paper, Problem
from rag.store import Store, index_lock

CHECK_PAPERS = 256  # papers per look-up of what the index holds (one Chroma get, ~ms)
MAX_KEPT_PROBLEMS = 1000  # a file with millions of bad lines is counted, not kept in memory
HEAD_BYTES = 64 * 1024  # what the format is told from
BULK_FORMATS = ("jsonl", "arxiv")
TIMINGS = ("read_s", "embed_s", "chroma_s", "lexical_s", "seconds")
# Counted per run and, in the checkpoint, over every run of the file.
COUNTERS = (
    "lines",
    "added",
    "updated",
    "unchanged",
    "duplicates",
    "skipped",
    "lexical_repaired",
    "chunks_embedded",
    "problem_count",
)
WRITTEN = ("added", "updated", "lexical_repaired", "chunks_embedded")  # counted as rounds land
log = logging.getLogger(__name__)


@dataclass
class BulkSummary:
    """What one run did (``totals``: over every run of this file, a resumed one included)."""

    file: str
    lines: int = 0  # lines read by this run
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # indexed already at the same content hash
    duplicates: int = 0  # a title read earlier in the file: first kept
    skipped: int = 0  # lines that held no paper (broken JSON, missing fields, bad bytes)
    lexical_repaired: int = 0
    chunks_embedded: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)  # the first MAX_KEPT_PROBLEMS
    resumed_at_line: int = 0  # 0: from the first line
    already_ingested: bool = False
    bytes_read: int = 0
    file_bytes: int = 0
    read_s: float = 0.0  # reading, parsing, looking up and chunking
    embed_s: float = 0.0  # writing waiting for vectors (embedding overlaps reading, writing)
    chroma_s: float = 0.0
    lexical_s: float = 0.0
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def papers_per_s(self) -> float:
        """Papers embedded and written per second of the run."""
        return (self.added + self.updated) / self.seconds if self.seconds else 0.0

    @property
    def chunks_per_s(self) -> float:
        return self.chunks_embedded / self.seconds if self.seconds else 0.0

    @property
    def read_anything(self) -> bool:
        return any(self.totals.get(key, 0) for key in ("added", "updated", "unchanged"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "already_ingested": self.already_ingested,
            "resumed_at_line": self.resumed_at_line,
            **{key: getattr(self, key) for key in COUNTERS},
            "papers_per_s": round(self.papers_per_s, 2),
            "chunks_per_s": round(self.chunks_per_s, 2),
            **{key: round(getattr(self, key), 2) for key in TIMINGS},
            "bytes_read": self.bytes_read,
            "file_bytes": self.file_bytes,
            "totals": self.totals,
            "problems": [str(p) for p in self.problems],
        }

    def __str__(self) -> str:
        if self.already_ingested:
            t = self.totals
            return (
                f"{self.file} already ingested ({t.get('lines', 0):,} lines: "
                f"{t.get('added', 0):,} papers added, {t.get('updated', 0):,} updated, "
                f"{t.get('unchanged', 0):,} unchanged); nothing to do"
            )
        resumed = f"resumed at line {self.resumed_at_line:,}; " if self.resumed_at_line else ""
        return (
            f"{resumed}{self.lines:,} lines: added {self.added:,}, updated {self.updated:,}, "
            f"unchanged {self.unchanged:,}, duplicates {self.duplicates:,}, "
            f"skipped {self.skipped:,} ({self.chunks_embedded:,} chunks embedded in "
            f"{self.seconds:.1f} s: {self.papers_per_s:.1f} papers/s, "
            f"{self.chunks_per_s:.1f} chunks/s; {self.time_split()})"
        )

    def time_split(self) -> str:
        """Where the time went, e.g. "embedding 81%, Chroma 9%, lexical 4%, reading 6%"
        (embedding: the wait for vectors that reading and writing did not hide)."""
        parts = [
            ("embedding", self.embed_s),
            ("Chroma", self.chroma_s),
            ("lexical", self.lexical_s),
            ("reading", self.read_s),
        ]
        total = self.seconds or 1.0
        return ", ".join(f"{name} {100 * s / total:.0f}%" for name, s in parts)

    def progress_line(self, progress: Progress) -> str:
        share = 100 * progress.offset / self.file_bytes if self.file_bytes else 100.0
        return (
            f"bulk: line {progress.line:,} ({share:.1f}% of the file): {self.added:,} added, "
            f"{self.updated:,} updated, {self.unchanged:,} unchanged; "
            f"{self.papers_per_s:.1f} papers/s, {self.chunks_per_s:.1f} chunks/s "
            f"({self.time_split()})"
        )


def bulk_embedder(settings: Settings) -> MiniLMEmbedder | OpenAIEmbedder:
    """The configured embedder, with large requests when it is an embeddings endpoint."""
    if settings.embedder == "openai":
        return OpenAIEmbedder(
            settings.model_copy(update={"embed_batch_size": settings.bulk_request_texts})
        )
    return make_embedder(settings)


def bulk_ingest(
    path: Path,
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    fmt: str = "auto",
    batch: int | None = None,
    progress: bool = False,
) -> BulkSummary:
    """Stream the JSON Lines file ``path`` into the index, resuming where a killed run
    stopped. ``batch``: chunks per round (default and maximum: Chroma's largest batch);
    ``progress``: a line on stderr after every round."""
    path = Path(path)
    arxiv = bulk_format(path, fmt) == "arxiv"
    embedder = embedder or bulk_embedder(settings)
    # An index built by another embedder is refused here, before any line is read.
    store = Store(settings, embedder.id, embedder.dimension)
    requests = settings.bulk_requests if settings.embedder == "openai" else 1
    with index_lock(settings):
        run = _BulkRun(path, arxiv, store, embedder, settings, batch, progress, requests)
        return run.run()


def bulk_format(path: Path, fmt: str = "auto") -> str:
    """ "jsonl" or "arxiv": the format of ``path`` told from its first bytes (``fmt`` unless
    "auto"); an InputError for anything bulk ingest cannot stream."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give --bulk the path of a JSON Lines file.")
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    if not head.strip():
        raise InputError(f"{path} is empty: nothing to ingest.")
    wide = wide_encoding(head)
    if wide:
        raise InputError(
            f"{path} is {wide}; bulk ingest reads UTF-8: save it as UTF-8, or ingest it "
            f"with 'rag ingest {path}'."
        )
    if fmt == "auto":
        fmt = detect_format(path, head[: head.rfind(b"\n") + 1] or head)
    if fmt not in BULK_FORMATS:
        raise InputError(
            f"{path} looks like {fmt}, and bulk ingest reads JSON Lines (one record a line, "
            f"like the arXiv snapshot): ingest it with 'rag ingest {path}', or give "
            "--format jsonl or arxiv."
        )
    return fmt


@dataclass
class _Round:
    """Papers read since the last round: what to embed and write, and where the file is."""

    entries: list[tuple[Paper, list[Chunk]]] = field(default_factory=list)
    chunks: int = 0
    repair: list[str] = field(default_factory=list)  # in Chroma, not in the lexical index
    first_read: dict[str, int] = field(default_factory=dict)  # paper id -> line
    progress: Progress = field(default_factory=Progress)  # where the file is after it
    groups: list[tuple[list[tuple[Paper, list[Chunk]]], list[Future[np.ndarray]]]] = field(
        default_factory=list
    )  # at most ``limit`` chunks each, with their vectors in flight


class _BulkRun:
    """One run over one file: reads, looks up and writes rounds (see the module's docstring)."""

    def __init__(
        self,
        path: Path,
        arxiv: bool,
        store: Store,
        embedder: Embedder,
        settings: Settings,
        batch: int | None,
        progress: bool,
        requests: int,
    ) -> None:
        self.path, self.arxiv, self.source = path, arxiv, path.name
        self.store, self.embedder, self.settings = store, embedder, settings
        self.progress = progress
        largest = store.max_batch_size()
        self.limit = max(1, min(batch or largest, largest))
        self.fits = getattr(embedder, "fits", None)
        self.requests = max(1, requests)
        self.lexical = open_lexical(settings, store.collection_id)
        self.checkpoint = Checkpoint(settings, path, str(store.collection.id))
        self.summary = BulkSummary(str(path), file_bytes=path.stat().st_size)
        self.pending: list[tuple[int, Paper]] = []  # read, not yet looked up
        self.round = _Round()  # being read
        self.in_flight: _Round | None = None  # read, being embedded: written next
        self.committed = 0  # the last line the checkpoint holds
        self.base_totals: dict[str, int] = {}  # the checkpoint's, before this run
        self.started = 0.0
        # Requests of bulk_request_texts texts; MiniLM runs one at a time (it uses every core).
        self.embedding = ThreadPoolExecutor(self.requests, thread_name_prefix="bulk-embed")

    def run(self) -> BulkSummary:
        self.started = time.perf_counter()
        summary = self.summary
        before = self.checkpoint.load() or Progress()
        self.base_totals = summary.totals = dict(before.totals)
        if before.done:
            summary.already_ingested = True
            return summary
        summary.resumed_at_line = self.committed = before.line
        # One text first: an endpoint that is down or refuses the key, or vectors of another
        # length than the index holds, stop the run now, not after its first round is read.
        vector = self.embedder.embed_documents(["dimension check"])
        self.store.check_dimension(int(vector.shape[1]))
        empty = self.store.count_chunks() == 0
        try:
            with self.lexical.writing() as writer:
                if empty:  # a new or rebuilt collection: nothing may stay in the lexical index
                    writer.clear()
                # Not counted: the lines after the checkpoint count these papers when read.
                repair_pending(self.store, writer)
                line, offset = before.line, before.offset
                for line, offset in self._read(before.offset, before.line):
                    if len(self.pending) >= CHECK_PAPERS:
                        self._look_up()
                    if self.round.chunks >= self.limit:
                        self._send(writer, Progress(offset, line))
                self._look_up()
                self._send(writer, Progress(offset, line, done=True))
                self._write(writer)
        except BaseException:
            log.warning(
                "bulk ingest of %s stopped; lines 1-%d are in the index, and the same "
                "command resumes after them",
                self.path,
                self.committed,
            )
            raise
        finally:
            # An interrupted run waits for the requests already sent, not for the rest.
            self.embedding.shutdown(wait=False, cancel_futures=True)
            self.checkpoint.close()
        summary.seconds = time.perf_counter() - self.started
        return summary

    # --- reading ----------------------------------------------------------------------------
    def _read(self, offset: int, line: int) -> Iterator[tuple[int, int]]:
        """Read from byte ``offset`` (after line ``line``), queueing papers in ``pending``;
        yields each line's number and the offset just past it."""
        summary = self.summary
        with self.path.open("rb") as file:
            file.seek(offset)
            for raw in file:
                started = time.perf_counter()
                line += 1
                offset += len(raw)
                summary.lines += 1
                summary.bytes_read += len(raw)
                text, problem = decode_line(raw, self.source, line)
                problems = [problem] if problem else []
                paper = None
                if problem is None and text.strip():
                    paper, problems = paper_from_line(text, self.source, line, self.arxiv)
                    if paper is None:
                        summary.skipped += 1
                elif problem is not None:
                    summary.skipped += 1
                for found in problems:
                    self._problem(found)
                if paper is not None:
                    self.pending.append((line, paper))
                summary.read_s += time.perf_counter() - started
                yield line, offset

    def _problem(self, problem: Problem) -> None:
        self.summary.problem_count += 1
        if len(self.summary.problems) < MAX_KEPT_PROBLEMS:
            self.summary.problems.append(problem)

    def _first_line(self, paper_id: str, earlier: dict[str, int]) -> int | None:
        """The line ``paper_id`` was first read from (by this run or one before), if any."""
        rounds = [self.round] + ([self.in_flight] if self.in_flight else [])
        found = [earlier.get(paper_id)] + [r.first_read.get(paper_id) for r in rounds]
        return next((line for line in found if line is not None), None)

    def _look_up(self) -> None:
        """Sort the pending papers: repeats of an earlier line, unchanged, to repair in the
        lexical index, or to embed (chunked now)."""
        started = time.perf_counter()
        summary, current = self.summary, self.round
        batch, self.pending = self.pending, []
        earlier = self.checkpoint.first_lines([paper.id for _, paper in batch])
        fresh: list[Paper] = []
        for line, paper in batch:
            first = self._first_line(paper.id, earlier)
            if first is not None:
                summary.duplicates += 1
                self._problem(Problem(self.source, line, f"duplicate of line {first}; first kept"))
                continue
            current.first_read[paper.id] = line
            fresh.append(paper)
        ids = [paper.id for paper in fresh]
        in_chroma = self.store.hashes_of(ids)
        in_lexical = self.lexical.hashes_of(ids)
        for paper in fresh:
            if in_chroma.get(paper.id) != paper.content_hash:
                chunks = chunk_paper(
                    paper, self.settings.chunk_tokens, self.settings.chunk_overlap, self.fits
                )
                current.entries.append((paper, chunks))
                current.chunks += len(chunks)
            elif in_lexical.get(paper.id) != paper.content_hash:
                current.repair.append(paper.id)
            else:
                summary.unchanged += 1
        summary.read_s += time.perf_counter() - started

    # --- embedding and writing --------------------------------------------------------------
    def _send(self, writer: LexicalWriter, progress: Progress) -> None:
        """Send the round read to be embedded, then write the one before it."""
        current, self.round = self.round, _Round()
        # What reading counted so far is this round's and its predecessors' (lines up to its
        # last); what writing counts is added when it lands.
        progress.totals = {key: getattr(self.summary, key) for key in COUNTERS}
        current.progress = progress
        size = self.settings.bulk_request_texts
        for group in rounds_of(current.entries, self.limit):
            texts = [chunk.document for _, chunks in group for chunk in chunks]
            parts = [texts[i : i + size] for i in range(0, len(texts), size)]
            vectors = [self.embedding.submit(self.embedder.embed_documents, p) for p in parts]
            current.groups.append((group, vectors))
        self._write(writer)
        self.in_flight = current

    def _write(self, writer: LexicalWriter) -> None:
        """Write the round in flight to Chroma, then to the lexical index, then move the
        checkpoint past its last line."""
        done, self.in_flight = self.in_flight, None
        if done is None:
            return
        summary = self.summary
        for group, parts in done.groups:
            t0 = time.perf_counter()
            vectors = np.vstack([part.result() for part in parts])
            t1 = time.perf_counter()
            held = write_chroma(group, vectors, self.store, writer)
            t2 = time.perf_counter()
            write_lexical(group, writer)
            t3 = time.perf_counter()
            summary.embed_s += t1 - t0
            summary.chroma_s += t2 - t1
            summary.lexical_s += t3 - t2
            summary.chunks_embedded += len(vectors)
            updated = sum(paper.id in held for paper, _ in group)
            summary.updated += updated
            summary.added += len(group) - updated
        if done.repair:
            t0 = time.perf_counter()
            copy_to_lexical(self.store, writer, done.repair)
            summary.lexical_s += time.perf_counter() - t0
            summary.lexical_repaired += len(done.repair)
        if done.groups or done.repair:
            # The lexical manifest holds every paper Chroma holds complete once a round has
            # landed (a paper written by a killed round is repaired into it on the next run).
            self.store.bump_revision(papers=self.lexical.paper_total())
        progress = done.progress
        counted = {**progress.totals, **{key: getattr(summary, key) for key in WRITTEN}}
        progress.totals = {key: self.base_totals.get(key, 0) + counted[key] for key in COUNTERS}
        self.checkpoint.save(progress, done.first_read)
        summary.totals, self.committed = progress.totals, progress.line
        summary.seconds = time.perf_counter() - self.started
        if self.progress:
            print(summary.progress_line(progress), file=sys.stderr, flush=True)
