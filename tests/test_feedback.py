"""Thumbs up/down kept in the user's SQLite file and exported as eval questions that
``rag.evaluation.load_questions`` reads; ``rag feedback export/list`` through ``rag.cli.main``."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import WORKBENCH_PAPERS, WORKBENCH_QUESTION, make_answer

from rag.cli import EXIT_USER_ERROR, main
from rag.conversations import ConversationStore
from rag.errors import InputError
from rag.evaluation import load_questions
from rag.feedback import MAX_COMMENT_CHARS, FeedbackStore

BYT5, MT5 = WORKBENCH_PAPERS[0]["title"], WORKBENCH_PAPERS[1]["title"]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "conversations.sqlite3"


def exported(store: FeedbackStore, tmp_path, owner: str | None = None):
    """The export as written, and as the eval loader reads it."""
    path = tmp_path / "from_feedback.jsonl"
    with path.open("w", encoding="utf-8") as out:
        count = store.export_questions(out, owner)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert count == len(rows)
    return rows, load_questions(path)


def test_a_thumbs_up_on_a_real_answer_becomes_a_question_with_its_cited_paper_as_gold(
    db, tmp_path, workbench_assistant
):
    answer = workbench_assistant.ask(WORKBENCH_QUESTION)
    store = FeedbackStore(db)
    feedback_id = store.record("alice", answer, "up", comment="  exactly right ")

    [item] = FeedbackStore(db).list()  # reopened: kept in the file
    assert (item.id, item.owner, item.rating, item.comment) == (
        feedback_id, "alice", "up", "exactly right"
    )  # fmt: skip
    assert (item.question, item.answer, item.mode, item.outcome) == (
        WORKBENCH_QUESTION, answer.text, "extractive", "answered"
    )  # fmt: skip
    assert (item.sources[0].title, item.sources[0].cited) == (BYT5, True)
    assert len(item.sources) == len(answer.sources)

    [row], [question] = exported(store, tmp_path)
    assert row == {
        "id": f"fb-{feedback_id[:12]}", "type": "single", "question": WORKBENCH_QUESTION,
        "gold_titles": [BYT5], "answer_keywords": [], "note": "exactly right",
    }  # fmt: skip
    assert question.gold_titles == [BYT5]


def test_a_thumbs_down_keeps_the_question_for_review_without_gold(db, tmp_path):
    store = FeedbackStore(db)
    answer = make_answer("Who made mT5?", "ByT5 did [1].", [(BYT5, True), (MT5, False)])
    store.record("alice", answer, "down", comment="wrong paper: it is mT5")
    [row], [question] = exported(store, tmp_path)
    assert row["gold_titles"] == [] and row["type"] == "single"
    assert row["review"] == {
        "rating": "down", "comment": "wrong paper: it is mT5", "outcome": "answered",
        "answer": "ByT5 did [1].", "cited_titles": [BYT5],
    }  # fmt: skip
    assert question.question == "Who made mT5?" and question.gold_titles == []


def test_agreeing_that_the_papers_do_not_say_gives_an_unanswerable_question(db, tmp_path):
    store = FeedbackStore(db)
    answer = make_answer("How many layers?", "The papers do not state it.",
                         [(BYT5, False), (MT5, False)], abstained=True, outcome="not_stated")  # fmt: skip
    answer.sources[0].role = "related"
    store.record("alice", answer, "up")
    [row], [question] = exported(store, tmp_path)
    assert (question.type, question.gold_titles, question.related_titles) == (
        "unanswerable", [], [BYT5]
    )  # fmt: skip
    assert "review" not in row


def test_a_follow_up_is_exported_with_its_conversation_and_several_papers_make_it_multi(
    db, tmp_path
):
    history = [{"role": "user", "content": "What is ByT5?"},
               {"role": "assistant", "content": "A byte-level T5 [1]."}]  # fmt: skip
    answer = make_answer("And its multilingual sibling?", "mT5 [1], like ByT5 [2].",
                         [(MT5, True), (BYT5, True)])  # fmt: skip
    FeedbackStore(db).record("alice", answer, "up", history=history)
    [_], [question] = exported(FeedbackStore(db), tmp_path)
    assert question.type == "multi" and question.gold_titles == [MT5, BYT5]
    assert question.history == history


def test_a_question_rated_again_keeps_its_latest_rating(db, tmp_path):
    store = FeedbackStore(db)
    answer = make_answer("What is ByT5?", "A byte-level T5 [1].", [(BYT5, True)])
    other = make_answer("What is mT5?", "A multilingual T5 [1].", [(MT5, True)])
    store.record("alice", answer, "up")
    store.record("alice", other, "up")
    store.record("alice", answer, "down", comment="changed my mind")
    rows, _ = exported(store, tmp_path)
    assert [(r["question"], "review" in r) for r in rows] == [
        ("What is mT5?", False), ("What is ByT5?", True)
    ]  # fmt: skip


def test_bad_ratings_and_comments_are_refused_and_store_nothing(db):
    store = FeedbackStore(db)
    answer = make_answer("q", "a [1].", [(BYT5, True)])
    with pytest.raises(InputError, match="'up' or 'down'"):
        store.record("alice", answer, "meh")
    with pytest.raises(InputError, match="comment"):
        store.record("alice", answer, "up", comment="x" * (MAX_COMMENT_CHARS + 1))
    with pytest.raises(InputError, match="No owner"):
        store.record(" ", answer, "up")
    assert store.list() == []


def test_each_owner_lists_their_own_and_conversations_share_the_file(db, tmp_path):
    feedback, conversations = FeedbackStore(db), ConversationStore(db)
    conversations.create("alice", title="kept")
    answer = make_answer("q", "a [1].", [(BYT5, True)])
    feedback.record("alice", answer, "up")
    feedback.record("bob", answer, "down")
    assert [f.owner for f in feedback.list("alice")] == ["alice"]
    assert [f.owner for f in feedback.list()] == ["bob", "alice"]  # newest first
    assert [r["id"] for r in exported(feedback, tmp_path, owner="bob")[0]] == [
        f"fb-{feedback.list('bob')[0].id[:12]}"
    ]
    assert [c.title for c in conversations.list("alice")] == ["kept"]
    with sqlite3.connect(db) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"conversations", "turns", "feedback"} <= tables


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def cli_db(db, clean_environment, monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_CONVERSATIONS_DB", str(db))
    monkeypatch.chdir(tmp_path)  # no .env
    return db


def test_rag_feedback_list_and_export(capsys, cli_db, tmp_path):
    assert main(["feedback", "list"]) == 0
    assert "No feedback yet" in capsys.readouterr().out

    store = FeedbackStore(cli_db)
    store.record("alice", make_answer("What is ByT5?", "A byte T5 [1].", [(BYT5, True)]), "up")
    store.record("bob", make_answer("What is mT5?", "No idea.", [(MT5, False)]), "down", "vague")

    assert main(["feedback", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "down" in lines[0] and "bob: What is mT5?" in lines[0] and "vague" in lines[0]
    assert "up" in lines[1] and "alice: What is ByT5?" in lines[1]

    assert main(["feedback", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["owner"], d["rating"]) for d in data] == [("bob", "down"), ("alice", "up")]

    assert main(["feedback", "export"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line)["question"] for line in out.splitlines()] == [
        "What is ByT5?", "What is mT5?"
    ]  # fmt: skip
    assert "Exported 2 questions" in err

    target = tmp_path / "review.jsonl"
    assert main(["feedback", "export", "--out", str(target)]) == 0
    assert [q.question for q in load_questions(target)] == ["What is ByT5?", "What is mT5?"]


def test_rag_feedback_errors_are_one_line(capsys, cli_db, tmp_path):
    assert main(["feedback", "export", "--out", str(tmp_path / "missing" / "x.jsonl")]) == (
        EXIT_USER_ERROR
    )
    err = capsys.readouterr().err
    assert err.startswith("error: Cannot write") and err.count("\n") == 1

    cli_db.write_bytes(b"not a database at all" * 100)
    assert main(["feedback", "list"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert str(cli_db) in err and err.count("\n") == 1
