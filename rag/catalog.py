"""The papers the index holds, read from the lexical index's manifest (``rag.lexical``).

One row per paper (title, sources, date, categories, when first added), kept by ingest with
every lexical commit. It answers the Papers tab, ``rag papers`` and the filters' question "which
papers may this search return?" without a page through Chroma, and is the same file for every
process that shares the lexical folder.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from rag.lexical import LexicalIndex
from rag.records import Filters

PAGE = 50
ISO_GLOB = "[0-9][0-9][0-9][0-9]*"


def added_text(timestamp: float) -> str:
    """When a paper was added, as the Papers tab and ``rag papers`` show it (local time)."""
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M") if timestamp else ""


@dataclass
class CatalogPaper:
    paper_id: str
    title: str
    sources: list[str]
    date: str
    categories: str
    added_at: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CatalogSource:
    """A file or listing papers came from: how many, and when the newest was added."""

    source: str
    papers: int
    last_added: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _where(filters: Filters, title: str = "") -> tuple[str, list[str]]:
    """SQL conditions for ``filters`` (the same rules as ``Filters.accepts``) and a title
    search, with their parameters. ``instr`` rather than LIKE: a ``%`` or ``_`` in a name is
    literal."""
    conditions, values = ["1"], []
    if filters.source:
        conditions.append("instr(sources, ?) > 0")
        values.append(filters.source)
    if filters.category:
        conditions.append("instr(' ' || categories || ' ', ?) > 0")
        values.append(f" {filters.category} ")
    if filters.date_from or filters.date_to:
        conditions.append(f"date GLOB '{ISO_GLOB}'")  # "Mar 21" (a listing's) has no year
    if filters.date_from:
        conditions.append("date >= ?")
        values.append(filters.date_from)
    if filters.date_to:
        conditions.append("substr(date, 1, length(?)) <= ?")
        values += [filters.date_to, filters.date_to]
    for word in title.casefold().split():
        conditions.append("instr(lower(title), ?) > 0")
        values.append(word)
    return " AND ".join(conditions), values


class Catalog:
    def __init__(self, index: LexicalIndex) -> None:
        self.index = index

    def _db(self) -> contextlib.closing[sqlite3.Connection]:
        return contextlib.closing(self.index.manifest())

    def count(self, filters: Filters | None = None, title: str = "") -> int:
        where, values = _where(filters or Filters(), title)
        with self._db() as db:
            return int(
                db.execute(f"SELECT COUNT(*) FROM papers WHERE {where}", values).fetchone()[0]
            )

    def papers(
        self, title: str = "", filters: Filters | None = None, limit: int = PAGE, offset: int = 0
    ) -> list[CatalogPaper]:
        """Papers whose title has every word of ``title`` (any case), newest first."""
        where, values = _where(filters or Filters(), title)
        query = (
            "SELECT paper_id, title, sources, date, categories, added_at FROM papers "
            f"WHERE {where} ORDER BY added_at DESC, title LIMIT ? OFFSET ?"
        )
        with self._db() as db:
            rows = db.execute(query, [*values, limit, offset]).fetchall()
        return [
            CatalogPaper(pid, title or "", (sources or "").split(), date or "", cats or "", added)
            for pid, title, sources, date, cats, added in rows
        ]

    def titles(self, paper_ids: list[str]) -> dict[str, str]:
        """paper_id -> title, for those of ``paper_ids`` the index holds."""
        if not paper_ids:
            return {}
        marks = ", ".join("?" * len(paper_ids))
        with self._db() as db:
            rows = db.execute(
                f"SELECT paper_id, title FROM papers WHERE paper_id IN ({marks})", paper_ids
            ).fetchall()
        return dict(rows)

    def matching(self, filters: Filters, limit: int) -> list[str] | None:
        """The ids of the papers ``filters`` accept, or None when there are more than
        ``limit`` (the search then filters its candidates instead)."""
        where, values = _where(filters)
        with self._db() as db:
            rows = db.execute(
                f"SELECT paper_id FROM papers WHERE {where} LIMIT ?", [*values, limit + 1]
            ).fetchall()
        return None if len(rows) > limit else [row[0] for row in rows]

    def sources(self) -> list[CatalogSource]:
        """Every source with its number of papers, the most recently added first."""
        papers: Counter[str] = Counter()
        last: dict[str, float] = {}
        # Grouped by SQLite (a few distinct lists of sources), not row by row in Python: the
        # same answer at a million papers in a fraction of the time.
        query = "SELECT sources, COUNT(*), MAX(added_at) FROM papers GROUP BY sources"
        with self._db() as db:
            for sources, count, added in db.execute(query):
                for source in (sources or "").split():
                    papers[source] += count
                    last[source] = max(last.get(source, 0.0), added or 0.0)
        return sorted(
            (CatalogSource(s, n, last[s]) for s, n in papers.items()),
            key=lambda row: (-row.last_added, row.source),
        )

    def papers_only_from(self, source: str) -> tuple[list[str], int]:
        """The papers whose one source is ``source`` (what removing that file removes), and how
        many more also came from another source (they stay)."""
        only, shared = [], 0
        with self._db() as db:
            rows = db.execute(
                "SELECT paper_id, sources FROM papers WHERE instr(sources, ?) > 0", [source]
            )
            for paper_id, sources in rows:
                names = (sources or "").split()
                if source not in names:
                    continue  # a substring of another name
                if names == [source]:
                    only.append(paper_id)
                else:
                    shared += 1
        return only, shared
