"""The on-disk lexical index: written by ingest with Chroma, read by every process, repaired by
the next ingest after a crash between the two writes, and emptied of removed papers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import make_settings

from rag.assistant import Assistant
from rag.chunking import chunk_paper
from rag.cli import main
from rag.errors import StoreError
from rag.importers import read_paths
from rag.lexical import LexicalChunk, LexicalIndex, lexical_folder, open_lexical, tokenize
from rag.records import paper_id_for

SMALL = [
    (
        "Dense Passage Retrieval for Open-Domain QA",
        "A dual encoder maps questions and passages into one space; inner-product search beats BM25.",
    ),
    (
        "Protein Language Models Learn Contacts",
        "Masked language models trained on protein sequences learn residue contacts in attention.",
    ),
    (
        "Speech Pre-training With Masked Units",
        "A speech encoder predicts masked acoustic units from raw audio and needs little labelled data.",
    ),
]
NEW = (
    "Quantised Adapters for Tiny Devices",
    "We introduce zorblaxification, a way to squeeze adapters into eight kilobytes of memory.",
)
NEW_ID = paper_id_for(NEW[0])
WAIT_S = 10.0  # a bound for the test, far above the 1 s a reader needs (it reloads per search)


def write_jsonl(path: Path, papers) -> Path:
    path.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers))
    return path


def lexical_ids(assistant: Assistant, text: str) -> list[str]:
    return [cid for cid, _ in assistant.retriever.lexical.search(tokenize(text), 10)]


# --- the index on its own ----------------------------------------------------------------------


def test_put_replaces_a_paper_and_remove_drops_it(tmp_path):
    index = LexicalIndex(tmp_path / "lexical")
    with index.writing() as writer:
        writer.put("p1", [LexicalChunk("p1:0", "p1", "Byte-level models", "h1", date="2024-01-02")])
        writer.put("p2", [LexicalChunk("p2:0", "p2", "Subword tokenizers and bytes", "h2")])
    searcher = index.searcher()
    assert [cid for cid, _ in searcher.search(tokenize("byte"), 5)] == ["p1:0", "p2:0"]
    assert searcher.doc_freq("byte") == 2 and searcher.num_docs == 2
    assert searcher.papers_with("subword", ["p1", "p2"]) == {"p2"}
    assert searcher.filter_fields(["p1:0"])["p1:0"]["date"] == "2024-01-02"
    assert index.paper_hashes() == {"p1": "h1", "p2": "h2"}

    with index.writing() as writer:
        writer.put("p1", [LexicalChunk("p1:0", "p1", "Protein contacts", "h1b")])
        writer.remove(["p2"])
    searcher = index.searcher()
    assert searcher.search(tokenize("byte"), 5) == []
    assert [cid for cid, _ in searcher.search(tokenize("protein"), 5)] == ["p1:0"]
    assert index.paper_hashes() == {"p1": "h1b"}


def test_a_reader_sees_another_processs_commit_at_its_next_search(tmp_path):
    folder = tmp_path / "lexical"
    reader = LexicalIndex(folder)
    assert reader.searcher().search(["zorblax"], 5) == []
    script = (
        "import sys; from pathlib import Path; from rag.lexical import LexicalChunk, LexicalIndex\n"
        "with LexicalIndex(Path(sys.argv[1])).writing() as w:\n"
        "    w.put('p9', [LexicalChunk('p9:0', 'p9', 'zorblax adapters', 'h9')])\n"
    )
    subprocess.run([sys.executable, "-c", script, str(folder)], check=True)
    assert [cid for cid, _ in reader.searcher().search(["zorblax"], 5)] == ["p9:0"]


def test_an_older_bm25s_folder_is_replaced(tmp_path):
    folder = tmp_path / "lexical"
    folder.mkdir()
    (folder / "rows.json").write_text("{}")
    index = LexicalIndex(folder)
    assert not (folder / "rows.json").exists()
    assert index.searcher().num_docs == 0 and index.paper_hashes() == {}


# --- with ingest and a real Chroma -------------------------------------------------------------


def test_a_paper_is_searchable_lexically_right_after_its_ingest(
    tmp_path, settings_factory, embedder
):
    assistant = Assistant(settings_factory(), embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL)])
    before = assistant.search("zorblaxification")
    assert before.hits and all(h.lexical_score == 0 for h in before.hits)

    assistant.ingest([write_jsonl(tmp_path / "new.jsonl", [NEW])])
    top = assistant.search("zorblaxification").hits[0]
    assert top.paper_id == NEW_ID
    assert top.origin in {"lexical", "both"} and top.lexical_score > 0
    assert assistant.retriever.lexical_index.paper_hashes().keys() == {
        paper_id_for(t) for t, _ in [*SMALL, NEW]
    }


# An ingest in its own process that dies (os._exit: no cleanup runs, as with a kill) right
# after its Chroma write, before its lexical write.
DIES_AFTER_CHROMA = """
import os, sys
from pathlib import Path
import rag.ingest
from rag.assistant import Assistant
from rag.config import Settings

rag.ingest.write_lexical = lambda group, writer: os._exit(9)
Assistant(Settings(index_dir=Path(sys.argv[1]))).ingest([Path(sys.argv[2])])
"""


def test_a_kill_between_the_chroma_write_and_the_lexical_write_is_repaired_without_a_scan(
    tmp_path, chroma_server, embedder, monkeypatch
):
    # Against a Chroma server: a local index cannot show this process vectors another wrote.
    host, port = chroma_server
    collection = f"kill-{uuid.uuid4().hex[:8]}"
    settings = make_settings(tmp_path, chroma_host=host, chroma_port=port, collection=collection)
    assistant = Assistant(settings, embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL)])
    new = write_jsonl(tmp_path / "new.jsonl", [NEW])
    env = {
        **os.environ,
        "RAG_CHROMA_HOST": host,
        "RAG_CHROMA_PORT": str(port),
        "RAG_COLLECTION": collection,
    }
    died = subprocess.run(
        [sys.executable, "-c", DIES_AFTER_CHROMA, str(settings.index_dir), str(new)],
        env=env,
        capture_output=True,
    )
    assert died.returncode == 9, died.stderr.decode()[-2000:]
    # What the kill left: the paper in Chroma only, recorded as pending.
    reopened = Assistant(settings, embedder=embedder)
    assert reopened.store.hashes_of([NEW_ID])
    assert lexical_ids(reopened, "zorblaxification") == []
    assert reopened.retriever.lexical_index.pending() == [NEW_ID]

    # The next ingest, of anything, repairs exactly that paper from Chroma's documents: no
    # embedding, and no page through the collection.
    def no_scan() -> dict[str, str]:
        raise AssertionError("ingest paged through the whole collection")

    monkeypatch.setattr(reopened.store, "paper_hashes", no_scan)
    summary = reopened.ingest([tmp_path / "small.jsonl"])
    assert (summary.unchanged, summary.chunks_embedded, summary.lexical_repaired) == (3, 0, 1)
    assert lexical_ids(reopened, "zorblaxification") == [f"{NEW_ID}:0"]
    assert reopened.retriever.lexical_index.pending() == []
    top = reopened.search("zorblaxification").hits[0]
    assert top.paper_id == NEW_ID and top.lexical_score > 0
    assert reopened.ingest([tmp_path / "small.jsonl"]).lexical_repaired == 0
    assert reopened.stats()["papers"] == 4


def test_a_removal_cut_short_after_its_chroma_delete_is_finished_by_the_next_ingest(
    tmp_path, settings_factory, embedder
):
    assistant = Assistant(settings_factory(), embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "papers.jsonl", [*SMALL, NEW])])
    # What remove_papers leaves if killed between its two writes.
    assistant.retriever.lexical_index.mark_pending([NEW_ID])
    assistant.store.delete_papers([NEW_ID])
    assert lexical_ids(assistant, "zorblaxification") == [f"{NEW_ID}:0"]
    summary = assistant.ingest([write_jsonl(tmp_path / "one.jsonl", SMALL[:1])])
    assert (summary.unchanged, summary.lexical_repaired) == (1, 1)
    assert lexical_ids(assistant, "zorblaxification") == []
    assert assistant.stats()["papers"] == 3


def test_a_paper_written_to_chroma_behind_the_lexical_index_is_caught_up_at_start(
    tmp_path, settings_factory, embedder
):
    settings = settings_factory()
    assistant = Assistant(settings, embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL)])
    (paper,), _ = read_paths([write_jsonl(tmp_path / "new.jsonl", [NEW])])
    chunks = chunk_paper(paper, settings.chunk_tokens, settings.chunk_overlap)
    vectors = embedder.embed_documents([c.document for c in chunks])
    assistant.store.write_papers([(paper, chunks)], vectors, [])  # no pending record
    assert lexical_ids(assistant, "zorblaxification") == []
    # Re-ingesting the paper itself finds it one-sided and writes its lexical copy ...
    summary = assistant.ingest([tmp_path / "new.jsonl"])
    assert (summary.unchanged, summary.chunks_embedded, summary.lexical_repaired) == (1, 0, 1)
    assert lexical_ids(assistant, "zorblaxification") == [f"{NEW_ID}:0"]
    # ... and a process starting on an index whose counts differ catches up on everything.
    with assistant.retriever.lexical_index.writing() as writer:
        writer.remove([NEW_ID])
    again = Assistant(settings, embedder=embedder)
    assert again.ensure_index() is None
    assert lexical_ids(again, "zorblaxification") == [f"{NEW_ID}:0"]


def test_a_stale_lexical_copy_is_rewritten_by_the_next_ingest(tmp_path, settings_factory, embedder):
    assistant = Assistant(settings_factory(), embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "papers.jsonl", [*SMALL, NEW])])
    with assistant.retriever.lexical_index.writing() as writer:  # an older version of the paper
        writer.put(NEW_ID, [LexicalChunk(f"{NEW_ID}:0", NEW_ID, "obsolete wording", "old-hash")])
    assert lexical_ids(assistant, "zorblaxification") == []
    assert assistant.ingest([tmp_path / "papers.jsonl"]).lexical_repaired == 1
    assert lexical_ids(assistant, "zorblaxification") == [f"{NEW_ID}:0"]


def test_a_removed_paper_is_gone_from_lexical_results(tmp_path, settings_factory, embedder):
    assistant = Assistant(settings_factory(), embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "papers.jsonl", [*SMALL, NEW])])
    assert assistant.search("zorblaxification").hits[0].paper_id == NEW_ID

    assert assistant.remove([NEW_ID]) == 1
    assert lexical_ids(assistant, "zorblaxification") == []
    assert NEW_ID not in {h.paper_id for h in assistant.search("zorblaxification").hits}
    assert assistant.stats()["papers"] == 3

    # Removed from Chroma behind the lexical index's back: hidden at once (its vector is gone),
    # and dropped from the lexical index when a process next starts on it.
    gone = paper_id_for(SMALL[1][0])
    assistant.store.delete_papers([gone])
    assert gone not in {h.paper_id for h in assistant.search("protein residue contacts").hits}
    again = Assistant(assistant.settings, embedder=embedder)
    assert again.ensure_index() is None
    assert lexical_ids(again, "protein residue contacts") == []


def test_a_paper_ingested_by_another_process_is_found_within_a_bounded_wait(
    tmp_path, chroma_server, embedder
):
    """Two app processes against one `chroma run` server, sharing the lexical folder: this one
    searches, the CLI in another process ingests; no restart, no rebuild."""
    host, port = chroma_server
    collection = f"lex-{uuid.uuid4().hex[:8]}"
    settings = make_settings(tmp_path, chroma_host=host, chroma_port=port, collection=collection)
    searcher = Assistant(settings, embedder=embedder)
    searcher.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL)])
    assert searcher.search("zorblaxification").hits[0].paper_id != NEW_ID

    env = {
        **os.environ,
        "RAG_CHROMA_HOST": host,
        "RAG_CHROMA_PORT": str(port),
        "RAG_COLLECTION": collection,
        "RAG_INDEX_DIR": str(settings.index_dir),
    }
    write_jsonl(tmp_path / "new.jsonl", [NEW])
    ingest = [sys.executable, "-m", "rag.cli", "ingest", "new.jsonl"]
    subprocess.run(ingest, cwd=tmp_path, env=env, check=True, capture_output=True)
    deadline = time.monotonic() + WAIT_S
    while True:
        top = searcher.search("zorblaxification").hits[0]
        if top.paper_id == NEW_ID or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert top.paper_id == NEW_ID and top.origin in {"lexical", "both"}
    assert searcher.stats()["papers"] == 4


def test_a_process_with_its_own_lexical_folder_catches_up(tmp_path, chroma_server, embedder):
    host, port = chroma_server
    collection = f"own-{uuid.uuid4().hex[:8]}"
    first = Assistant(
        make_settings(tmp_path / "a", chroma_host=host, chroma_port=port, collection=collection),
        embedder=embedder,
    )
    first.ingest([write_jsonl(tmp_path / "papers.jsonl", [*SMALL, NEW])])
    other_settings = make_settings(
        tmp_path / "b", chroma_host=host, chroma_port=port, collection=collection
    )
    other = Assistant(other_settings, embedder=embedder)
    assert lexical_folder(other_settings) != lexical_folder(first.settings)
    assert lexical_ids(other, "zorblaxification") == []  # its folder is empty: dense only
    assert other.ensure_index() is None  # at start: the counts differ, so it catches up
    assert lexical_ids(other, "zorblaxification") == [f"{NEW_ID}:0"]


def test_the_lexical_folder_follows_the_collection_not_the_server_address(
    tmp_path, chroma_server, embedder
):
    """Named by the collection's id: the same server reached at another address keeps its
    lexical index (no page-through of the collection), a folder named by the address (earlier
    releases) is taken over, and a collection made anew under the same name starts empty."""
    from rag.store import drop_collection

    host, port = chroma_server
    collection = f"moved-{uuid.uuid4().hex[:8]}"
    by_ip = make_settings(tmp_path, chroma_host=host, chroma_port=port, collection=collection)
    # What an earlier release left: the lexical index in a folder named by the address.
    with open_lexical(by_ip).writing() as writer:
        writer.put(NEW_ID, [LexicalChunk(f"{NEW_ID}:0", NEW_ID, "zorblaxification", "h")])
    first = Assistant(by_ip, embedder=embedder)
    assert lexical_ids(first, "zorblaxification") == [f"{NEW_ID}:0"]  # taken over as it was
    first.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL)])
    folder = lexical_folder(by_ip, first.store.collection_id)
    assert folder.name == f"lexical-{first.store.collection_id}" and folder.exists()
    assert not lexical_folder(by_ip).exists()  # taken over, not written anew
    assert lexical_ids(first, "zorblaxification") == []  # the paper Chroma lacked: repaired

    by_name = make_settings(tmp_path, chroma_host="localhost", chroma_port=port,
                            collection=collection)  # fmt: skip
    moved = Assistant(by_name, embedder=embedder)
    assert lexical_folder(by_name, moved.store.collection_id) == folder
    first.ingest([write_jsonl(tmp_path / "new.jsonl", [NEW])])
    assert lexical_ids(moved, "zorblaxification") == [f"{NEW_ID}:0"]  # no catching up needed

    drop_collection(by_name)
    assert not folder.exists()  # its lexical index went with it
    anew = Assistant(by_ip, embedder=embedder)
    assert anew.store.collection_id != first.store.collection_id
    assert lexical_ids(anew, "zorblaxification") == []


def test_vectors_another_process_wrote_to_a_local_index_are_skipped_not_fatal(tmp_path):
    """Local Chroma loads its vector index once per process: ids another process added later
    are known but their vectors are not readable here. Search must go on without them."""
    import numpy as np

    from rag.store import Store

    settings = make_settings(tmp_path)
    store = Store(settings, "fake-8", 8)
    rng = np.random.default_rng(0)
    ids = [f"p{i}:0" for i in range(1500)]  # past Chroma's in-memory batch: a persisted index
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        store.collection.add(ids=batch, embeddings=rng.standard_normal((len(batch), 8)))
    assert set(store.get_embeddings(ids[:2])) == set(ids[:2])
    script = (
        "import sys; from rag.config import Settings; from rag.store import Store\n"
        "s = Store(Settings(_env_file=None, index_dir=sys.argv[1]), 'fake-8', 8)\n"
        "s.collection.add(ids=['new:0'], embeddings=[[1.0] * 8])\n"
    )
    subprocess.run([sys.executable, "-c", script, str(settings.index_dir)], check=True)
    found = store.get_embeddings([ids[0], "new:0"])
    assert ids[0] in found  # the rest of the batch is still read
    assert set(store.get_embeddings([ids[1], "new:0"])) >= {ids[1]}


def test_an_index_that_stores_the_chunk_text_still_opens_searches_and_takes_writes(tmp_path):
    """Releases before 2026-12-02 stored each chunk's text in tantivy (for exact rescoring): such
    an index is opened with its own schema, not refused for differing from today's."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    for name in ("chunk_id", "paper_id"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", stored=True, tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("length", fast=True)
    for name in ("sources", "date", "categories", "content_hash"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    (tmp_path / "tantivy").mkdir()
    older = tantivy.Index(builder.build(), path=str(tmp_path / "tantivy"))
    writer = older.writer(heap_size=15_000_000, num_threads=1)
    body = " ".join(tokenize("byte level models"))
    writer.add_document(
        tantivy.Document(
            chunk_id="old:0", paper_id="old", body=body, length=3, sources="", date="",
            categories="", content_hash="h",
        )
    )  # fmt: skip
    writer.commit()
    writer.wait_merging_threads()

    index = LexicalIndex(tmp_path)
    assert [cid for cid, _ in index.searcher().search(tokenize("byte models"), 5)] == ["old:0"]
    with index.writing() as lexical_writer:
        lexical_writer.put("new", [LexicalChunk("new:0", "new", "byte pairs", "h2")])
    assert {cid for cid, _ in index.searcher().search(tokenize("byte"), 5)} == {"old:0", "new:0"}


def test_the_chroma_lexical_side_is_refused_with_what_to_set_instead(tmp_path, monkeypatch):
    """The switch to Chroma's sparse BM25 is a setting read in one place; until it exists (it
    needs distributed Chroma or Chroma Cloud) it is one clear error, not a silent tantivy."""
    with pytest.raises(StoreError, match="RAG_LEXICAL=tantivy"):
        open_lexical(make_settings(tmp_path, lexical="chroma"))
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_LEXICAL", "chroma")
    monkeypatch.chdir(tmp_path)
    assert main(["search", "byte level models"]) == 2
