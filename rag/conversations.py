"""Saved conversations: each question with its whole ``Answer`` (sources, citations, roles),
kept per owner in the user's SQLite file (``rag.userdb``).

Every method takes the owner and touches only that owner's conversations: another owner's id
behaves exactly like one that does not exist.

Example::

    store = ConversationStore(settings.conversations_db)
    chat = store.create("alice")
    store.add_turn(chat.id, "alice", assistant.ask("What is ByT5?"))
    store.list("alice")[0].title          # 'What is ByT5?'
    store.get(chat.id, "alice").turns[0].answer.sources
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from rag.answer import Answer
from rag.errors import InputError
from rag.userdb import check_owner, connect, now, open_database

MAX_TITLE_CHARS = 200
DEFAULT_TITLE_CHARS = 80  # a title made from the first question: enough to tell them apart
UNTITLED = "New conversation"
ELLIPSIS = " …"
log = logging.getLogger(__name__)


@dataclass
class ConversationSummary:
    """One line of the list: what a sidebar shows."""

    id: str
    title: str
    created_at: str  # ISO 8601, UTC
    updated_at: str
    turns: int


@dataclass
class Turn:
    question: str
    answer: Answer
    created_at: str

    def history(self) -> list[dict[str, str]]:
        """This exchange as ``{role, content}`` messages, the form ``ask(history=...)`` takes."""
        return [
            {"role": "user", "content": self.question},
            {"role": "assistant", "content": self.answer.text},
        ]


@dataclass
class Conversation:
    id: str
    owner: str
    title: str
    created_at: str
    updated_at: str
    turns: list[Turn] = field(default_factory=list)

    def history(self) -> list[dict[str, str]]:
        """Every exchange so far, to ask a follow-up in this conversation."""
        return [message for turn in self.turns for message in turn.history()]


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word where one ends near the limit.

    >>> shorten("Which   papers train\\nbyte-level models?", 25)
    'Which papers train …'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + ELLIPSIS


def _not_found(conversation_id: str) -> InputError:
    return InputError(f"There is no conversation {conversation_id!r}; list them to see the ids.")


class ConversationStore:
    """Conversations in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = open_database(path)

    def create(self, owner: str, title: str = "") -> Conversation:
        """A new, empty conversation; without a title it takes its first question's."""
        check_owner(owner)
        title = shorten(title, MAX_TITLE_CHARS)
        conversation_id, stamp = uuid.uuid4().hex, now()
        with connect(self.path, write=True) as db:
            db.execute(
                "INSERT INTO conversations VALUES (?, ?, ?, ?, ?, (SELECT "
                "COALESCE(MAX(updated_seq), 0) + 1 FROM conversations))",
                (conversation_id, owner, title, stamp, stamp),
            )
        return Conversation(conversation_id, owner, title or UNTITLED, stamp, stamp)

    def add_turn(self, conversation_id: str, owner: str, answer: Answer) -> None:
        """Append a question (``answer.question``) and its answer; the conversation moves to
        the top of the list."""
        check_owner(owner)
        stamp = now()
        with connect(self.path, write=True) as db:
            self._touch(db, conversation_id, owner, stamp)
            db.execute(
                "UPDATE conversations SET title = ? WHERE id = ? AND title = ''",
                (shorten(answer.question, DEFAULT_TITLE_CHARS), conversation_id),
            )
            db.execute(
                "INSERT INTO turns (conversation_id, question, answer, created_at) "
                "VALUES (?, ?, ?, ?)",
                (conversation_id, answer.question, json.dumps(answer.to_dict()), stamp),
            )

    def list(self, owner: str) -> list[ConversationSummary]:
        """The owner's conversations, the one changed last first."""
        check_owner(owner)
        with connect(self.path) as db:
            rows = db.execute(
                "SELECT c.*, (SELECT COUNT(*) FROM turns WHERE conversation_id = c.id) AS n "
                "FROM conversations AS c WHERE owner = ? ORDER BY updated_seq DESC",
                (owner,),
            ).fetchall()
        return [
            ConversationSummary(
                row["id"], row["title"] or UNTITLED, row["created_at"], row["updated_at"], row["n"]
            )
            for row in rows
        ]

    def get(self, conversation_id: str, owner: str) -> Conversation:
        """The conversation with every turn and its full Answer."""
        check_owner(owner)
        with connect(self.path) as db:
            row = self._row(db, conversation_id, owner)
            turns = db.execute(
                "SELECT * FROM turns WHERE conversation_id = ? ORDER BY id", (conversation_id,)
            ).fetchall()
        conversation = Conversation(
            row["id"], row["owner"], row["title"] or UNTITLED, row["created_at"], row["updated_at"]
        )
        for turn in turns:
            try:
                answer = Answer.from_dict(json.loads(turn["answer"]))
            except (ValueError, KeyError, TypeError) as error:
                # One damaged turn must not cost the rest of the conversation.
                log.warning("skipped unreadable turn %s of %s: %s", turn["id"], row["id"], error)
                continue
            conversation.turns.append(Turn(turn["question"], answer, turn["created_at"]))
        return conversation

    def rename(self, conversation_id: str, owner: str, title: str) -> str:
        """Give the conversation a new title; returns it as stored (one line, capped)."""
        check_owner(owner)
        title = shorten(title or "", MAX_TITLE_CHARS)
        if not title:
            raise InputError("The new title is empty; type a name for the conversation.")
        with connect(self.path, write=True) as db:
            self._row(db, conversation_id, owner)
            db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))
        return title

    def delete(self, conversation_id: str, owner: str) -> None:
        """Remove the conversation and all its turns."""
        check_owner(owner)
        with connect(self.path, write=True) as db:
            self._row(db, conversation_id, owner)
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    @staticmethod
    def _row(db: sqlite3.Connection, conversation_id: str, owner: str) -> sqlite3.Row:
        row = db.execute(
            "SELECT * FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner)
        ).fetchone()
        if row is None:
            raise _not_found(conversation_id)
        return row

    @staticmethod
    def _touch(db: sqlite3.Connection, conversation_id: str, owner: str, stamp: str) -> None:
        changed = db.execute(
            "UPDATE conversations SET updated_at = ?, updated_seq = (SELECT MAX(updated_seq) + 1 "
            "FROM conversations) WHERE id = ? AND owner = ?",
            (stamp, conversation_id, owner),
        ).rowcount
        if not changed:
            raise _not_found(conversation_id)
