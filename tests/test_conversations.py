"""Saved conversations in a real SQLite file: whole Answers back after a restart, one owner
never sees another's, two threads writing at once, a damaged file named in a clear error."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from conftest import WORKBENCH_QUESTION, make_answer, make_settings

from rag.answer import Answer
from rag.config import Settings, user_dir
from rag.conversations import MAX_TITLE_CHARS, UNTITLED, ConversationStore
from rag.errors import InputError, StoreError
from rag.feedback import FeedbackStore
from rag.userdb import SCHEMA_VERSION

BYT5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "conversations.sqlite3"  # the folder does not exist yet


@pytest.fixture(scope="module")
def real_answer(workbench_assistant) -> Answer:
    answer = workbench_assistant.ask(WORKBENCH_QUESTION)
    assert answer.citations and answer.citations[0].title == BYT5
    return answer


def test_answer_from_dict_gives_back_the_answer_to_dict_was_made_from(real_answer):
    assert Answer.from_dict(real_answer.to_dict()) == real_answer
    cited = next(s for s in real_answer.sources if s.cited)
    # Where the source came from travels with it: exports need no index.
    assert cited.authors.startswith("Linting Xue") and cited.date == "2021-05-28"
    assert cited.urls == ["https://arxiv.org/abs/2105.13626"] and cited.role == "support"


def test_a_conversation_comes_back_whole_after_a_restart(db, real_answer):
    store = ConversationStore(db)
    chat = store.create("alice")
    assert chat.title == UNTITLED and chat.turns == []
    store.add_turn(chat.id, "alice", real_answer)
    follow_up = make_answer("And how robust is it?", "Very robust [1].", [(BYT5, True)])
    store.add_turn(chat.id, "alice", follow_up)

    reopened = ConversationStore(db).get(chat.id, "alice")  # a new process would do just this
    assert [t.answer for t in reopened.turns] == [real_answer, follow_up]
    assert [t.question for t in reopened.turns] == [WORKBENCH_QUESTION, "And how robust is it?"]
    assert reopened.title == WORKBENCH_QUESTION  # the first question names it; the second not
    assert reopened.history()[:2] == [
        {"role": "user", "content": WORKBENCH_QUESTION},
        {"role": "assistant", "content": real_answer.text},
    ]
    [summary] = ConversationStore(db).list("alice")
    assert (summary.id, summary.title, summary.turns) == (chat.id, WORKBENCH_QUESTION, 2)


def test_a_long_first_question_gives_a_short_title_and_a_given_title_is_kept(db):
    store = ConversationStore(db)
    long_question = "Which papers " + "really " * 40 + "train byte-level models?"
    untitled, named = store.create("alice"), store.create("alice", title="  Byte models\n ")
    for chat in (untitled, named):
        store.add_turn(chat.id, "alice", make_answer(long_question, "Some [1].", [(BYT5, True)]))
    titles = {s.id: s.title for s in store.list("alice")}
    assert titles[named.id] == "Byte models"
    assert titles[untitled.id].startswith("Which papers really") and titles[untitled.id].endswith(
        "…"
    )
    assert len(titles[untitled.id]) <= 80


def test_the_list_is_newest_first_and_an_answer_moves_a_conversation_up(db):
    store = ConversationStore(db)
    first, second, third = (store.create("alice", title=t) for t in ("one", "two", "three"))
    assert [s.title for s in store.list("alice")] == ["three", "two", "one"]
    store.add_turn(first.id, "alice", make_answer("q", "a [1].", [(BYT5, True)]))
    assert [s.id for s in store.list("alice")] == [first.id, third.id, second.id]


def test_rename_and_delete(db):
    store = ConversationStore(db)
    chat = store.create("alice")
    store.add_turn(chat.id, "alice", make_answer("q", "a [1].", [(BYT5, True)]))
    assert store.rename(chat.id, "alice", "  Byte-level\nmodels ") == "Byte-level models"
    assert store.get(chat.id, "alice").title == "Byte-level models"
    assert len(store.rename(chat.id, "alice", "x" * 1000)) <= MAX_TITLE_CHARS
    for blank in ("", "   \n "):
        with pytest.raises(InputError, match="title is empty"):
            store.rename(chat.id, "alice", blank)
    assert store.get(chat.id, "alice").title.startswith("xxx")  # a refused rename changes nothing

    store.delete(chat.id, "alice")
    assert store.list("alice") == []
    with pytest.raises(InputError, match="no conversation"):
        store.get(chat.id, "alice")
    with sqlite3.connect(db) as raw:  # its turns went with it
        assert raw.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 0


def test_an_owner_never_sees_or_changes_another_owners_conversation(db):
    store = ConversationStore(db)
    mine = store.create("alice", title="alice's")
    store.add_turn(mine.id, "alice", make_answer("q", "a [1].", [(BYT5, True)]))
    theirs = store.create("bob", title="bob's")

    assert [s.id for s in store.list("alice")] == [mine.id]
    assert [s.id for s in store.list("bob")] == [theirs.id]
    attempts = [
        lambda: store.get(mine.id, "bob"),
        lambda: store.add_turn(mine.id, "bob", make_answer("q2", "b [1].", [(BYT5, True)])),
        lambda: store.rename(mine.id, "bob", "stolen"),
        lambda: store.delete(mine.id, "bob"),
    ]
    for attempt in attempts:
        with pytest.raises(InputError, match="no conversation"):
            attempt()
    after = store.get(mine.id, "alice")
    assert (after.title, len(after.turns)) == ("alice's", 1)
    with pytest.raises(InputError, match="no conversation"):
        store.get("0" * 32, "alice")  # an id that never existed says the same


@pytest.mark.parametrize("owner", ["", "   "])
def test_an_empty_owner_is_refused(db, owner):
    with pytest.raises(InputError, match="No owner"):
        ConversationStore(db).create(owner)


def test_two_threads_write_at_once_and_nothing_is_lost(db):
    conversations, feedback = ConversationStore(db), FeedbackStore(db)
    chats = [conversations.create("alice"), conversations.create("bob")]
    start = threading.Barrier(3)
    errors: list[BaseException] = []
    answer = make_answer("q", "a [1].", [(BYT5, True)])

    def add_turns(chat_id: str, owner: str) -> None:
        try:
            start.wait()
            for _ in range(25):
                # a store per call too: as separate processes would
                ConversationStore(db).add_turn(chat_id, owner, answer)
        except BaseException as error:
            errors.append(error)

    def rate() -> None:
        try:
            start.wait()
            for _ in range(25):
                feedback.record("carol", answer, "up")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=add_turns, args=(c.id, c.owner)) for c in chats]
    threads.append(threading.Thread(target=rate))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [len(conversations.get(c.id, c.owner).turns) for c in chats] == [25, 25]
    assert len(feedback.list("carol")) == 25


def test_a_file_that_is_not_sqlite_is_a_clear_error_and_is_left_as_it_was(db):
    db.parent.mkdir(parents=True)
    garbage = b"these are my notes, not a database\n" * 200
    db.write_bytes(garbage)
    for store in (ConversationStore, FeedbackStore):
        with pytest.raises(StoreError) as caught:
            store(db)
        message = str(caught.value)
        assert str(db) in message and "move it aside" in message and "\n" not in message
    assert db.read_bytes() == garbage


def test_a_file_damaged_after_it_was_written_is_a_clear_error(db):
    store = ConversationStore(db)
    chat = store.create("alice")
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    data = bytearray(db.read_bytes())
    data[:100] = b"\x00" * 100  # the header gone: no longer a database
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="conversations database"):
        store.get(chat.id, "alice")


def test_a_file_from_a_newer_version_is_refused(db):
    ConversationStore(db)
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        ConversationStore(db)


def test_the_file_is_versioned_and_written_ahead(db):
    ConversationStore(db)
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_one_damaged_turn_does_not_cost_the_others(db, caplog):
    store = ConversationStore(db)
    chat = store.create("alice")
    for question in ("first", "second", "third"):
        store.add_turn(chat.id, "alice", make_answer(question, "a [1].", [(BYT5, True)]))
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE turns SET answer = '{\"broken' WHERE question = 'second'")
    assert [t.question for t in store.get(chat.id, "alice").turns] == ["first", "third"]
    assert "skipped unreadable turn" in caplog.text


def test_where_the_file_lives(tmp_path, monkeypatch, clean_environment):
    assert Settings(_env_file=None).conversations_db == user_dir() / "conversations.sqlite3"
    assert make_settings(tmp_path).conversations_db == tmp_path / "conversations.sqlite3"
    monkeypatch.setenv("RAG_CONVERSATIONS_DB", str(tmp_path / "elsewhere.db"))
    assert Settings(_env_file=None).conversations_db == tmp_path / "elsewhere.db"
