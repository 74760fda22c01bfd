"""Where a bulk ingest of one file into one collection got to, so that a killed run resumes.

A SQLite file beside the index (``<index_dir>/bulk/<file name>-<key>.sqlite3``, the key from
the file's full path and the index's location and collection) holds

    progress   the byte offset and line number just past the last committed round, the run's
               totals so far, whether the file is done, and the signature it is valid for:
               the file's path, size and mtime and the Chroma collection's id (a changed file or
               a rebuilt collection starts the file again from its first line)
    seen       the first line of every paper id read from the file, so a title repeated further
               on is a duplicate ("first kept", as ``rag ingest`` says) even across a resume

Both change in one transaction after a round is in Chroma and the lexical index, so the
checkpoint never claims a line whose papers are not committed.

Example::

    checkpoint = Checkpoint(settings, Path("arxiv.json"), collection_id)
    progress = checkpoint.load()        # Progress(offset=0, line=0, ...) the first time
    checkpoint.save(Progress(offset=4096, line=12, totals={"added": 11}), {"3f2a...": 1})
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rag.config import Settings
from rag.lexical import select_by_ids


@dataclass
class Progress:
    offset: int = 0  # bytes of the file committed
    line: int = 0  # the last line committed
    done: bool = False
    totals: dict[str, int] = field(default_factory=dict)


def checkpoint_path(settings: Settings, path: Path) -> Path:
    """The checkpoint file of ``path`` for the index ``settings`` name.

    >>> checkpoint_path(Settings(_env_file=None, index_dir="/i"), Path("/d/arxiv.json")).name
    'arxiv.json-73fff8263a38.sqlite3'
    """
    where = f"{path.resolve()}\n{settings.index_location}\n{settings.collection}"
    key = hashlib.sha1(where.encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", path.name)
    return settings.index_dir / "bulk" / f"{name}-{key}.sqlite3"


class Checkpoint:
    """The checkpoint of one file and one collection; safe to use from two threads."""

    def __init__(self, settings: Settings, path: Path, collection_id: str) -> None:
        stat = path.stat()
        self.signature = json.dumps(
            {
                "path": str(path.resolve()),
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "collection": collection_id,
            },
            sort_keys=True,
        )
        self.file = checkpoint_path(settings, path)
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.file, check_same_thread=False)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS progress (id INTEGER PRIMARY KEY CHECK (id = 1), "
                "signature TEXT, byte_offset INTEGER, line INTEGER, done INTEGER, totals TEXT)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS seen (paper_id TEXT PRIMARY KEY, line INTEGER) "
                "WITHOUT ROWID"
            )

    def load(self) -> Progress | None:
        """The progress recorded for this very file and collection; None (and the old record
        dropped) when there is none or it is for another version of either."""
        with self._lock:
            row = self._db.execute(
                "SELECT signature, byte_offset, line, done, totals FROM progress"
            ).fetchone()
            if row is not None and row[0] == self.signature:
                return Progress(row[1], row[2], bool(row[3]), json.loads(row[4]))
            with self._db:
                self._db.execute("DELETE FROM progress")
                self._db.execute("DELETE FROM seen")
            return None

    def first_lines(self, paper_ids: list[str]) -> dict[str, int]:
        """paper_id -> the line it was first read from, for those of ``paper_ids`` read before."""
        with self._lock:
            return select_by_ids(self._db, "SELECT paper_id, line FROM seen", paper_ids)

    def save(self, progress: Progress, seen: dict[str, int]) -> None:
        """Record ``progress`` and the papers first read since the last save, in one
        transaction. Once the file is done, the list of papers read is dropped (only a changed
        file, read from its start, would need it)."""
        with self._lock, self._db:
            self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", seen.items())
            self._db.execute(
                "INSERT OR REPLACE INTO progress VALUES (1, ?, ?, ?, ?, ?)",
                (
                    self.signature,
                    progress.offset,
                    progress.line,
                    int(progress.done),
                    json.dumps(progress.totals),
                ),
            )
            if progress.done:
                self._db.execute("DELETE FROM seen")
        if progress.done:
            with self._lock, contextlib.suppress(sqlite3.OperationalError):
                self._db.execute("VACUUM")  # give the disk back (~40 bytes a paper)

    def close(self) -> None:
        with self._lock:
            self._db.close()
