"""Thumbs up or down on an answer, kept with what was asked and shown, and turned into eval
questions for review (the ``eval/`` JSON Lines format that ``rag.evaluation`` reads).

Stored in the user's SQLite file beside the conversations (``rag.userdb``).

Example::

    store = FeedbackStore(settings.conversations_db)
    store.record("alice", answer, "up")
    with open("eval/from_feedback.jsonl", "w") as out:
        store.export_questions(out)
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rag.answer import Answer
from rag.errors import InputError
from rag.userdb import check_owner, connect, now, open_database

RATINGS = ("up", "down")
MAX_COMMENT_CHARS = 2000


@dataclass
class FeedbackSource:
    title: str
    paper_id: str
    cited: bool
    role: str = ""  # as Source.role: "support", "related", "closest" or ""


@dataclass
class Feedback:
    id: str
    owner: str
    created_at: str  # ISO 8601, UTC
    rating: str  # "up" or "down"
    comment: str
    question: str
    answer: str  # the answer's text, markers included
    mode: str
    outcome: str
    sources: list[FeedbackSource] = field(default_factory=list)
    history: list[dict[str, str]] = field(default_factory=list)  # the exchanges before it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class FeedbackStore:
    """Ratings in one SQLite file; safe to share between threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = open_database(path)

    def record(
        self,
        owner: str,
        answer: Answer,
        rating: str,
        comment: str = "",
        history: list[dict[str, str]] | None = None,
    ) -> str:
        """Keep a rating of ``answer``; ``history`` is the conversation before its question
        (``{role, content}`` messages), so a follow-up is exported with its context. Returns
        the feedback's id."""
        check_owner(owner)
        if rating not in RATINGS:
            raise InputError(f"The rating is {rating!r}; give 'up' or 'down'.")
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT_CHARS:
            raise InputError(
                f"The comment is {len(comment):,} characters long; keep it under "
                f"{MAX_COMMENT_CHARS:,}."
            )
        sources = [FeedbackSource(s.title, s.paper_id, s.cited, s.role) for s in answer.sources]
        messages = [
            {"role": str(m["role"]), "content": str(m["content"])}
            for m in history or []
            if isinstance(m, dict) and m.get("content")
        ]
        feedback_id = uuid.uuid4().hex
        with connect(self.path, write=True) as db:
            db.execute(
                "INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    feedback_id, owner, now(), rating, comment, answer.question, answer.text,
                    answer.mode, answer.outcome,
                    json.dumps([asdict(s) for s in sources]), json.dumps(messages),
                ),
            )  # fmt: skip
        return feedback_id

    def list(self, owner: str | None = None) -> list[Feedback]:
        """Everyone's feedback (``owner=None``: the command line's view) or one owner's,
        newest first."""
        where, values = ("WHERE owner = ?", (owner,)) if owner is not None else ("", ())
        with connect(self.path) as db:
            rows = db.execute(
                f"SELECT * FROM feedback {where} ORDER BY rowid DESC", values
            ).fetchall()
        return [
            Feedback(
                row["id"], row["owner"], row["created_at"], row["rating"], row["comment"],
                row["question"], row["answer"], row["mode"], row["outcome"],
                [FeedbackSource(**s) for s in json.loads(row["sources"])],
                json.loads(row["history"]),
            )
            for row in rows
        ]  # fmt: skip

    def export_questions(self, out: TextIO, owner: str | None = None) -> int:
        """Write the feedback as eval questions, one JSON object a line (see
        ``eval_questions``); returns how many were written."""
        rows = eval_questions(reversed(self.list(owner)))
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return len(rows)


def eval_questions(feedback: Iterable[Feedback]) -> list[dict[str, Any]]:
    """Eval questions from feedback given oldest first; a question rated more than once keeps
    its latest rating (a reader who changed their mind meant the second one).

    * thumbs up on an answer: ``single`` or ``multi`` with the cited papers as gold titles;
    * thumbs up on "the papers do not say": ``unanswerable`` (related papers kept as
      ``related_titles``);
    * thumbs down: the question with no gold and a ``review`` note (rating, comment, the answer
      given, the papers it cited) for a person to fill in ``type`` and ``gold_titles``.
      ``rag.evaluation.load_questions`` reads these rows as they are (it ignores ``review``);
      until they are filled in they score as misses.
    """
    latest: dict[str, Feedback] = {}
    for item in feedback:
        key = json.dumps([item.question, item.history])
        latest.pop(key, None)  # re-inserted: the file follows the order of the latest ratings
        latest[key] = item
    return [_eval_question(item) for item in latest.values()]


def _eval_question(item: Feedback) -> dict[str, Any]:
    cited = [s.title for s in item.sources if s.cited]
    row: dict[str, Any] = {"id": f"fb-{item.id[:12]}", "type": "single", "question": item.question}
    agreed = item.rating == "up" and (item.outcome != "answered" or cited)
    if agreed and item.outcome == "answered":
        row.update(type="multi" if len(cited) > 1 else "single", gold_titles=cited)
    elif agreed:
        related = [s.title for s in item.sources if s.role == "related"]
        row.update(type="unanswerable", gold_titles=[])
        if related:
            row["related_titles"] = related
    else:
        row["gold_titles"] = []
        row["review"] = {
            "rating": item.rating,
            "comment": item.comment,
            "outcome": item.outcome,
            "answer": item.answer,
            "cited_titles": cited,
        }
    row["answer_keywords"] = []
    if item.history:
        row["history"] = item.history
    if item.comment and agreed:
        row["note"] = item.comment
    return row
