"""The SQLite file of what users keep: saved conversations and answer feedback.

One file (``Settings.conversations_db``), one schema for both stores, versioned with SQLite's
``user_version`` so a later release can migrate it in place. Every operation opens its own
connection: Gradio answers on worker threads, and a connection per operation is what SQLite
shares safely between threads and processes. WAL lets readers go on while one writer writes.

Example::

    path = open_database(tmp / "conversations.sqlite3")   # creates the file and its tables
    with connect(path) as db:
        db.execute("SELECT count(*) FROM conversations").fetchone()[0]
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from rag.errors import InputError, StoreError

# How long a writer waits for another one to finish before giving up: writes here take
# milliseconds, so 10 s only runs out when something holds the file far too long.
BUSY_SECONDS = 10.0

# MIGRATIONS[n] takes a file from user_version n to n + 1; append, never edit, to change the
# schema. sqlite3's executescript would commit half-way, so each is a list of statements.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- a counter, not the clock, orders "newest first": two changes in one clock tick
            -- (or a clock set back) must not swap places
            updated_seq INTEGER NOT NULL
        )""",
        "CREATE INDEX conversations_by_owner ON conversations (owner, updated_seq)",
        """CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,  -- Answer.to_dict() as JSON
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX turns_by_conversation ON turns (conversation_id, id)",
        """CREATE TABLE feedback (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
            comment TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            mode TEXT NOT NULL,
            outcome TEXT NOT NULL,
            sources TEXT NOT NULL,  -- JSON list of {title, paper_id, cited}
            history TEXT NOT NULL   -- JSON list of {role, content}
        )""",
    ],
]
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    """The time as ISO 8601 in UTC, as stored (``2025-03-21T09:30:00.123456+00:00``)."""
    return datetime.now(timezone.utc).isoformat()


def check_owner(owner: str) -> None:
    """Every record belongs to someone: an empty owner would put every anonymous user in one
    shared list."""
    if not isinstance(owner, str) or not owner.strip():
        raise InputError("No owner given; pass the user's name or id (the UI's login or session).")


def _unusable(path: Path, error: Exception) -> StoreError:
    return StoreError(
        f"Cannot use the conversations database {path} ({error}); if it is damaged or not a "
        "SQLite file, move it aside (or set RAG_CONVERSATIONS_DB) and a new one is created."
    )


@contextmanager
def connect(path: Path, write: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection for one operation; ``write=True`` runs it as one transaction that holds
    the write lock from its start (so two writers queue instead of failing half-way)."""
    try:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise _unusable(path, error) from None
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        if write:
            db.execute("BEGIN IMMEDIATE")
        yield db
        if write:
            db.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        _rollback(db)
        raise _unusable(path, error) from None
    except BaseException:
        _rollback(db)
        raise
    finally:
        db.close()


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        db.execute("ROLLBACK")


def open_database(path: Path) -> Path:
    """Create the file and its folder if missing, bring its schema up to date; returns the path.

    A file that is not SQLite, or one written by a newer release, is a ``StoreError`` naming it.
    """
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unusable(path, error) from None
    with connect(path) as db:
        db.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once is enough
    with connect(path, write=True) as db:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The conversations database {path} was written by a newer version of paper-rag "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade paper-rag."
            )
        for statements in MIGRATIONS[version:]:
            for statement in statements:
                db.execute(statement)
        # PRAGMA takes no parameters; the value is this module's own integer.
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return path
