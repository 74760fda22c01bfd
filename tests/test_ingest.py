"""Ingest into a real Chroma: local persistent index in tmp dirs, and a real Chroma server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import make_settings

from rag.assistant import Assistant
from rag.chunking import chunk_paper
from rag.cli import main
from rag.config import Settings
from rag.records import Paper, paper_id_for
from rag.store import IndexMismatchError

PAPERS = [
    (
        "Byte-Level Encoders Without Tokenizers",
        "We pre-train an encoder directly on UTF-8 bytes, removing the subword tokenizer. The model "
        "matches subword baselines on GLUE and is far more robust to spelling noise and rare scripts.",
    ),
    (
        "Dense Passage Retrieval for Open-Domain Question Answering",
        "We train a dual encoder that maps questions and Wikipedia passages into one vector space. "
        "Retrieval with inner-product search beats BM25 by a wide margin on top-20 passage accuracy.",
    ),
    (
        "Protein Language Models Learn Contact Maps",
        "Transformers trained with masked language modelling on millions of protein sequences learn "
        "residue contacts in their attention maps, without any structural supervision.",
    ),
    (
        "Speech Recognition Pre-training With Masked Acoustic Units",
        "A speech encoder is pre-trained by predicting masked acoustic units from raw audio. "
        "Fine-tuned on ten minutes of labelled speech it reaches a low word error rate.",
    ),
    (
        "Curriculum Data Selection for Language Model Pre-training",
        "We rank pre-training documents by how well they predict downstream ability and train on the "
        "best first, cutting the compute needed to reach a target loss by a third.",
    ),
]
LONG_ABSTRACT = " ".join(
    f"Experiment {n} studies how the learning rate schedule number {n} changes the final "
    f"perplexity of a mid-sized model trained on corpus slice {n}."
    for n in range(1, 41)
)


def write_jsonl(path: Path, papers: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers))
    return path


def chunk_count(papers: list[tuple[str, str]], settings: Settings) -> int:
    size, overlap = settings.chunk_tokens, settings.chunk_overlap
    return sum(len(chunk_paper(Paper(paper_id_for(t), t, a), size, overlap)) for t, a in papers)


class FakeEmbedder:
    """Another embedder, as far as the index can tell."""

    id = "some-other-embedder"
    dimension = 384

    def embed_documents(self, texts):
        raise AssertionError("a mismatched index must be refused before any embedding")

    embed_query = embed_documents


@pytest.fixture
def settings(settings_factory):
    return settings_factory()


@pytest.fixture
def assistant(settings, embedder):
    return Assistant(settings, embedder=embedder)


def test_ingest_small_files(tmp_path, assistant, settings):
    jsonl = write_jsonl(tmp_path / "a.jsonl", PAPERS[:3])
    csv = tmp_path / "b.csv"
    csv.write_text(
        "title,abstract,url\n"
        + "\n".join(f'"{t}","{a}",https://e.org/{i}' for i, (t, a) in enumerate(PAPERS[3:]))
    )
    summary = assistant.ingest([jsonl, csv])
    assert (summary.added, summary.updated, summary.unchanged, summary.skipped) == (5, 0, 0, 0)
    assert summary.chunks_embedded == chunk_count(PAPERS, settings)
    stats = assistant.stats()
    assert (stats["papers"], stats["chunks"]) == (5, summary.chunks_embedded)
    # The count ingest keeps (read by the UI's status line) agrees with a scan.
    assert assistant.paper_count() == assistant.store.count_papers() == 5
    assert stats["mode"] == "local" and stats["location"] == str(settings.index_dir)
    stored = assistant.store.get_chunks([f"{paper_id_for(PAPERS[3][0])}:0"])
    (chunk,) = stored.values()
    assert chunk.metadata["sources"] == "b.csv" and chunk.metadata["urls"] == "https://e.org/0"
    assert chunk.document.startswith(PAPERS[3][0] + "\n")
    hit = assistant.search("protein contact maps from attention").hits[0]
    assert hit.paper_id == paper_id_for(PAPERS[2][0])


def test_reingest_embeds_nothing(tmp_path, assistant):
    path = write_jsonl(tmp_path / "a.jsonl", PAPERS)
    assistant.ingest([path])
    before, revision = assistant.stats(), assistant.store.revision
    summary = assistant.ingest([path])
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 5)
    assert summary.chunks_embedded == 0
    assert assistant.stats() == before
    assert assistant.store.revision == revision


def test_changed_abstract_replaces_its_chunks(tmp_path, assistant, settings):
    title = "Learning Rate Schedules at Scale"
    pid = paper_id_for(title)
    assistant.ingest([write_jsonl(tmp_path / "v1.jsonl", [(title, LONG_ABSTRACT), PAPERS[0]])])
    old_ids = assistant.store.chunk_ids_of([pid])[pid]
    assert len(old_ids) == chunk_count([(title, LONG_ABSTRACT)], settings) > 2

    new_abstract = "A single short abstract now: warm-up then cosine decay is all you need."
    v2 = write_jsonl(tmp_path / "v2.jsonl", [(title, new_abstract), PAPERS[0]])
    summary = assistant.ingest([v2])
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)
    assert summary.chunks_embedded == 1
    assert assistant.store.chunk_ids_of([pid]) == {pid: [f"{pid}:0"]}
    assert set(assistant.store.get_chunks(old_ids)) == {f"{pid}:0"}  # the stale ones are gone
    assert assistant.store.get_chunks([f"{pid}:0"])[f"{pid}:0"].metadata["abstract"] == new_abstract
    assert assistant.stats()["chunks"] == 1 + chunk_count([PAPERS[0]], settings)
    assert assistant.stats()["papers"] == 2
    assert assistant.paper_count() == assistant.store.count_papers() == 2  # updated, not added


def test_paper_count_follows_ingests_and_needs_no_scan(tmp_path, assistant, monkeypatch):
    assistant.ingest([write_jsonl(tmp_path / "a.jsonl", PAPERS[:2])])
    assistant.ingest([write_jsonl(tmp_path / "b.jsonl", PAPERS[1:4])])  # one already there
    assert assistant.store.count_papers() == 4

    def no_scan(*args, **kwargs):
        raise AssertionError("paper_count() scanned the collection")

    monkeypatch.setattr(assistant.store, "paper_hashes", no_scan)
    monkeypatch.setattr(assistant.store, "count_papers", no_scan)
    assert assistant.paper_count() == 4
    # A new Assistant on the same index (another process, in effect) reads the same count.
    again = Assistant(assistant.settings, embedder=assistant.embedder)
    monkeypatch.setattr(again.store, "paper_hashes", no_scan)
    assert again.paper_count() == 4


def test_paper_count_after_repairing_an_incomplete_paper(tmp_path, assistant, settings):
    title = "Learning Rate Schedules at Scale"
    pid = paper_id_for(title)
    path = write_jsonl(tmp_path / "v1.jsonl", [(title, LONG_ABSTRACT), PAPERS[0]])
    assistant.ingest([path])
    assert assistant.paper_count() == 2
    # An interrupted write leaves a paper with a chunk missing: a scan no longer counts it.
    assistant.store.collection.delete(ids=[f"{pid}:1"])
    assert assistant.store.count_papers() == 1
    summary = assistant.ingest([path])  # the next ingest writes the paper again, whole
    assert summary.updated == 1
    assert assistant.store.count_papers() == 2
    assert assistant.paper_count() == 2


def test_reopening_the_persistent_index_finds_the_same_data(
    tmp_path, assistant, settings, embedder
):
    assistant.ingest([write_jsonl(tmp_path / "a.jsonl", PAPERS)])
    stats = assistant.stats()
    reopened = Assistant(settings, embedder=embedder)
    assert reopened.stats() == stats
    assert reopened.search("dual encoder passage retrieval").hits[0].paper_id == paper_id_for(
        PAPERS[1][0]
    )
    # Another process sees the same index on disk.
    env = {**os.environ, "RAG_INDEX_DIR": str(settings.index_dir)}
    out = subprocess.run(
        [sys.executable, "-m", "rag.cli", "stats", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == stats


def test_embedder_mismatch_is_refused_and_the_index_kept(tmp_path, assistant, settings, embedder):
    assistant.ingest([write_jsonl(tmp_path / "a.jsonl", PAPERS)])
    stats = assistant.stats()
    with pytest.raises(IndexMismatchError) as caught:
        Assistant(settings, embedder=FakeEmbedder())
    message = str(caught.value)
    assert "rag ingest --rebuild" in message
    assert embedder.id in message and FakeEmbedder.id in message
    intact = Assistant(settings, embedder=embedder)
    assert intact.stats() == stats
    assert intact.store.metadata["embedder"] == embedder.id
    assert intact.search("byte-level encoder").hits[0].paper_id == paper_id_for(PAPERS[0][0])


def test_a_bad_file_among_good_ones(tmp_path, assistant):
    assistant.ingest([write_jsonl(tmp_path / "first.jsonl", PAPERS[:2])])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(
        b'{"title": "broken\n'
        + json.dumps({"title": PAPERS[4][0], "abstract": PAPERS[4][1]}).encode()
        + b'\n{"title": "Bytes \xff", "abstract": "x"}\n{"abstract": "no title"}\n'
    )
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "noheader.csv").write_text("a,b\nc,d\n")
    later = write_jsonl(tmp_path / "second.jsonl", PAPERS[2:4])
    summary = assistant.ingest([later, bad, tmp_path / "empty.csv", tmp_path / "noheader.csv"])
    assert (summary.added, summary.unchanged) == (3, 0)
    assert sorted((Path(p.file).name, p.line) for p in summary.problems) == [
        ("bad.jsonl", 1),
        ("bad.jsonl", 3),
        ("bad.jsonl", 4),
        ("empty.csv", 0),
        ("noheader.csv", 1),
    ]
    assert summary.skipped == 5
    stored = assistant.store.paper_hashes()
    assert set(stored) == {paper_id_for(t) for t, _ in PAPERS}  # nothing from before lost


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_ingest_exit_codes(cli_env, capsys):
    good = write_jsonl(cli_env / "good.jsonl", PAPERS[:2])
    (cli_env / "empty.jsonl").write_text("")
    (cli_env / "broken.jsonl").write_text('{"title": \n[1]\n')
    assert main(["ingest", "empty.jsonl"]) == 1
    assert main(["ingest", "broken.jsonl", "missing.csv"]) == 1
    capsys.readouterr()
    assert main(["ingest", str(good), "broken.jsonl"]) == 0
    err = capsys.readouterr().err
    assert "broken.jsonl:1" in err and "broken.jsonl:2" in err
    assert main(["ingest", str(good)]) == 0  # nothing new, but everything read


def test_cli_ingest_format_and_rebuild(cli_env, capsys):
    write_jsonl(cli_env / "old.jsonl", PAPERS[:3])
    write_jsonl(cli_env / "export.txt", PAPERS[3:])  # JSON Lines under a listing-page suffix
    assert main(["ingest", "old.jsonl"]) == 0
    capsys.readouterr()
    assert main(["ingest", "--rebuild", "--format", "jsonl", "--json", "export.txt"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["added"], report["skipped"], report["problems"]) == (2, 0, [])
    assert report["papers"] == 2  # the rebuild dropped the three older papers
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["papers"] == 2  # the count starts afresh too


def test_cli_stats_json(cli_env, capsys, embedder):
    assert main(["ingest", str(write_jsonl(cli_env / "a.jsonl", PAPERS))]) == 0
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats == {
        "papers": 5,
        "chunks": chunk_count(PAPERS, make_settings(None)),
        "embedder": embedder.id,
        "dimension": 384,
        "collection": "papers",
        "location": str(cli_env / "cli-index"),
        "mode": "local",
    }


# --- a real Chroma server -----------------------------------------------------------------------


def test_round_trip_against_a_chroma_server(tmp_path, chroma_server, settings_factory, embedder):
    host, port = chroma_server
    settings = settings_factory(
        chroma_host=host, chroma_port=port, collection=f"t-{uuid.uuid4().hex[:8]}"
    )
    assistant = Assistant(settings, embedder=embedder)
    summary = assistant.ingest([write_jsonl(tmp_path / "a.jsonl", PAPERS)])
    assert summary.added == 5
    stats = assistant.stats()
    assert stats["mode"] == "server"
    assert stats["location"] == f"http://{host}:{port}"
    assert stats["papers"] == 5 and stats["chunks"] == summary.chunks_embedded
    assert not (settings.index_dir / "chroma.sqlite3").exists()  # the server holds the data

    again = Assistant(settings, embedder=embedder)  # a new client on the same server
    assert again.ingest([tmp_path / "a.jsonl"]).chunks_embedded == 0
    assert again.stats() == stats
    result = again.search("speech encoder pre-trained on raw audio")
    assert result.hits[0].paper_id == paper_id_for(PAPERS[3][0])
    with pytest.raises(IndexMismatchError):
        Assistant(settings, embedder=FakeEmbedder())
