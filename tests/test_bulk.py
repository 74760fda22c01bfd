"""Bulk ingest of arXiv-snapshot files: real Chroma, the real MiniLM embedder or the openai
client against a real OpenAI-compatible HTTP server (FakeLLM), and a real kill of a real
``rag ingest --bulk`` process."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import make_settings

from rag.assistant import Assistant
from rag.bulk import bulk_ingest
from rag.checkpoint import checkpoint_path
from rag.cli import main
from rag.errors import InputError, LLMError
from rag.fake_llm import FakeLLM, Reply
from rag.lexical import open_lexical
from rag.records import paper_id_for
from rag.store import IndexMismatchError, Store, index_lock

KEY = "sk-test-BULK-SECRET"
MODEL = "fake-embedding-32"  # not an OpenAI name: the dimension is learnt from the server
DIMENSION = 32
TOPICS = [
    ("sparse attention", "long documents", "cs.CL"),
    ("graph neural networks", "molecule property prediction", "cs.LG"),
    ("diffusion models", "image super-resolution", "cs.CV"),
    ("reinforcement learning", "robotic grasping", "cs.RO"),
    ("speech recognition", "low-resource languages", "eess.AS"),
    ("quantization", "large language model inference", "cs.LG"),
]
SENTENCES = [
    "We study {a} for {b} and show that it scales to inputs an order of magnitude longer.",
    "Our method combines {a} with a simple curriculum, which stabilises training on {b}.",
    "Experiments on five public benchmarks show consistent gains over strong baselines.",
    "An ablation study isolates the contribution of each component of the model.",
    "We release code, trained checkpoints and an evaluation suite for {b}.",
    "The approach needs no labelled data beyond a few hundred examples per task.",
    "Theoretical analysis bounds the error of {a} under mild assumptions on the data.",
    "Compared with prior work on {b}, inference is three times faster on a single GPU.",
]


SYLLABLES = ["ka", "lo", "mi", "nu", "ser", "tav", "qui", "zen", "dro", "pha"]


def title_of(n: int) -> str:
    """A title of its own, with a made-up method name (as arXiv titles have), e.g.
    "Kakakalo: Sparse attention for long documents (study 1)"."""
    a, b, _ = TOPICS[n % len(TOPICS)]
    name = "".join(SYLLABLES[int(digit)] for digit in f"{n:04d}").capitalize()
    return f"{name}: {a.capitalize()} for {b} (study {n})"


def arxiv_record(n: int, rng: random.Random) -> dict:
    """One line of the arXiv metadata snapshot, with its real fields."""
    a, b, category = TOPICS[n % len(TOPICS)]
    sentences = [rng.choice(SENTENCES).format(a=a, b=b) for _ in range(rng.randint(3, 18))]
    return {
        "id": f"{2100 + n // 10000}.{n % 10000:05d}",
        "submitter": f"Author {n}",
        "authors": f"A. Author{n}, B. Writer and C. Person",
        "title": title_of(n),
        "comments": "12 pages, 4 figures",
        "journal-ref": None,
        "doi": None,
        "report-no": None,
        "categories": f"{category} cs.AI",
        "license": "http://creativecommons.org/licenses/by/4.0/",
        # the snapshot wraps abstracts over lines and starts them with spaces
        "abstract": "  " + "\n".join(sentences) + "\n",
        "versions": [{"version": "v1", "created": "Mon, 4 Jan 2021 10:00:00 GMT"}],
        "update_date": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "authors_parsed": [[f"Author{n}", "A.", ""], ["Writer", "B.", ""]],
    }


def write_snapshot(path: Path, n: int, bad: dict[int, bytes] | None = None) -> Path:
    """``n`` records; ``bad`` puts other bytes at given line numbers (1-based)."""
    rng = random.Random(n)
    bad = bad or {}
    lines, records = [], 0
    for number in range(1, n + len(bad) + 1):
        if number in bad:
            lines.append(bad[number])
        else:
            lines.append(json.dumps(arxiv_record(records, rng)).encode())
            records += 1
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture
def llm():
    with FakeLLM(embedding_dim=DIMENSION, api_key=KEY) as server:
        yield server


def openai_settings(base: Path, llm: FakeLLM, **overrides: object):
    values: dict[str, object] = {
        "embedder": "openai",
        "openai_embedding_model": MODEL,
        "llm_base_url": llm.base_url,
        "openai_api_key": KEY,
        "bulk_request_texts": 64,
    }
    values.update(overrides)
    return make_settings(base, **values)


def cli_environment(index_dir: Path, llm: FakeLLM) -> dict[str, str]:
    """What ``openai_settings`` sets, as the environment of a ``rag`` command."""
    return {
        "RAG_INDEX_DIR": str(index_dir),
        "RAG_EMBEDDER": "openai",
        "RAG_OPENAI_EMBEDDING_MODEL": MODEL,
        "RAG_LLM_BASE_URL": llm.base_url,
        "RAG_OPENAI_API_KEY": KEY,
    }


def embedded_inputs(llm: FakeLLM, since: int = 0) -> list[str]:
    """Every text the server embedded (the start's one-text dimension check left out)."""
    texts = []
    for request in llm.history[since:]:
        if request.json is None:
            continue  # a body cut short by the kill: nothing was embedded
        if request.path.endswith("/embeddings") and request.json["input"] != ["dimension check"]:
            texts.extend(request.json["input"])
    return texts


def assert_each_paper_once(settings, expected_papers: int) -> int:
    """Every paper complete in Chroma and in the lexical index, once; the chunk count."""
    store = Store(settings, f"openai:{MODEL}", 0)
    chroma = store.paper_hashes()
    lexical = open_lexical(settings, store.collection_id)
    assert len(chroma) == expected_papers == store.paper_count()  # the count rag stats shows
    assert lexical.paper_hashes() == chroma
    chunks = store.count_chunks()
    n_chunks = {c.metadata["paper_id"]: c.metadata["n_chunks"] for c in store.iter_chunks()}
    assert sum(n_chunks.values()) == chunks == lexical.searcher().num_docs
    return chunks


def test_a_few_thousand_arxiv_lines_through_an_embeddings_endpoint(tmp_path, llm):
    settings = openai_settings(tmp_path, llm, bulk_requests=2)
    snapshot = write_snapshot(tmp_path / "arxiv-metadata-oai-snapshot.json", 3000)
    summary = bulk_ingest(snapshot, settings, batch=1500)
    assert (summary.added, summary.skipped, summary.problems) == (3000, 0, [])
    chunks = assert_each_paper_once(settings, 3000)
    assert summary.chunks_embedded == chunks > 3000  # long abstracts span several chunks
    texts = embedded_inputs(llm)
    assert len(texts) == len(set(texts)) == chunks  # each chunk embedded once
    sizes = [len(r.json["input"]) for r in llm.history]
    assert max(sizes) == settings.bulk_request_texts  # large requests, none over the setting
    assert summary.papers_per_s > 0 and summary.chunks_per_s > 0
    assert summary.embed_s > 0 and summary.chroma_s > 0 and summary.lexical_s > 0

    again = bulk_ingest(snapshot, settings)
    assert again.already_ingested and again.totals["added"] == 3000
    assert "already ingested" in str(again) and len(llm.history) == len(sizes)  # no request

    assistant = Assistant(settings)
    stats = assistant.stats()
    assert (stats["papers"], stats["chunks"]) == (3000, chunks)
    # The fake server's vectors carry no meaning: the paper is found by its name (BM25).
    hits = assistant.search(f"{title_of(1201).split(':')[0]} molecule property prediction").hits
    found = {hit.title: hit for hit in hits}
    assert found[title_of(1201)].metadata["urls"] == "https://arxiv.org/abs/2100.01201"


def test_the_real_minilm_embedder_on_a_small_file(tmp_path, embedder):
    settings = make_settings(tmp_path)
    snapshot = write_snapshot(tmp_path / "small.json", 40)
    summary = bulk_ingest(snapshot, settings, embedder=embedder)
    assert summary.added == 40 and summary.chunks_embedded >= 40
    assistant = Assistant(settings, embedder=embedder)
    hit = assistant.search(f"What does {title_of(14).split(':')[0]} do?").hits[0]
    assert hit.title == title_of(14)


def test_bad_lines_are_problems_with_their_numbers(tmp_path, llm, monkeypatch, capsys):
    bad = {
        3: b'{"title": "Broken", "abstract": ',
        5: b"[1, 2, 3]",
        8: json.dumps({"id": "2101.00001", "title": "No abstract"}).encode(),
        9: b'{"title": "caf\xe9", "abstract": "Latin-1 bytes."}',
        11: b"   ",
    }
    snapshot = write_snapshot(tmp_path / "arxiv.json", 30, bad)
    with snapshot.open("ab") as file:  # the same title again, further on: the first is kept
        file.write(json.dumps(arxiv_record(0, random.Random(0))).encode() + b"\n")
    summary = bulk_ingest(snapshot, openai_settings(tmp_path, llm))
    assert [str(p) for p in summary.problems] == [
        "arxiv.json:3: broken JSON (Expecting value); line skipped",
        "arxiv.json:5: not a JSON object; line skipped",
        "arxiv.json:8: abstract missing; record skipped",
        "arxiv.json:9: not UTF-8 (byte 14); line skipped",
        "arxiv.json:36: duplicate of line 1; first kept",
    ]
    assert (summary.added, summary.skipped, summary.duplicates) == (30, 4, 1)

    # Many bad lines: the terminal shows the first 20 and counts the rest.
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join("{broken" for _ in range(45)) + "\n")
    for name, value in cli_environment(tmp_path / "index", llm).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["ingest", "--bulk", str(many), "--format", "jsonl"]) == 1  # nothing read
    err = capsys.readouterr().err
    assert "many.jsonl:20: broken JSON" in err and "many.jsonl:21:" not in err
    assert "... and 25 more problems" in err

    # --rebuild drops the index: the file is read from line 1 and every paper embedded again
    assert main(["ingest", "--bulk", str(snapshot), "--rebuild", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["resumed_at_line"], report["added"], report["unchanged"]) == (0, 30, 0)
    assert_each_paper_once(openai_settings(tmp_path, llm), 30)


def test_papers_indexed_at_the_same_hash_are_skipped_and_one_sided_papers_repaired(tmp_path, llm):
    settings = openai_settings(tmp_path, llm)
    snapshot = write_snapshot(tmp_path / "arxiv.json", 200)
    first = bulk_ingest(snapshot, settings)
    chunks = first.chunks_embedded
    store = Store(settings, f"openai:{MODEL}", 0)
    in_chroma_only, in_lexical_only = paper_id_for(title_of(6)), paper_id_for(title_of(8))
    with index_lock(settings), open_lexical(settings, store.collection_id).writing() as writer:
        writer.remove([in_chroma_only])
    store.delete_papers([in_lexical_only])

    os.utime(snapshot, ns=(time.time_ns(), time.time_ns()))  # a "new" file: read from line 1
    since = len(llm.history)
    second = bulk_ingest(snapshot, settings)
    assert (second.added, second.unchanged, second.lexical_repaired) == (1, 198, 1)
    # only the paper Chroma lacked was embedded again
    assert len(embedded_inputs(llm, since)) == second.chunks_embedded < chunks / 50
    assert_each_paper_once(settings, 200)


def test_a_killed_bulk_ingest_resumes_without_embedding_again(tmp_path, llm):
    settings = openai_settings(tmp_path, llm, bulk_request_texts=40)
    snapshot = write_snapshot(tmp_path / "arxiv.json", 1500)
    llm.default = Reply(delay=0.05)  # slow enough that the kill lands mid-file
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))},
        **cli_environment(settings.index_dir, llm),
        "RAG_BULK_REQUEST_TEXTS": "40",
    }
    command = [sys.executable, "-m", "rag.cli", "ingest", "--bulk", str(snapshot), "--batch", "200"]
    process = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    checkpoint = checkpoint_path(settings, snapshot)
    deadline = time.monotonic() + 120
    committed = None
    while committed is None or committed[0] < 300:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no checkpoint within 120 s"
        committed = _progress(checkpoint)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    line, done, totals = _progress(checkpoint)
    assert not done and 300 <= line < 1500
    embedded_before_kill = len(embedded_inputs(llm))

    llm.default = None
    since = len(llm.history)
    rerun = subprocess.run(
        [*command[:-2], "--json"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["resumed_at_line"] == line
    assert summary["lines"] == 1500 - line  # nothing before the checkpoint read again
    chunks = assert_each_paper_once(settings, 1500)
    # The re-run embedded only what the checkpoint did not hold: nothing committed twice.
    again = embedded_inputs(llm, since)
    assert len(again) == summary["chunks_embedded"]
    assert totals["chunks_embedded"] + summary["chunks_embedded"] <= chunks
    with snapshot.open() as file:
        titles = [json.loads(text)["title"] for _, text in zip(range(line), file, strict=False)]
    store = Store(settings, f"openai:{MODEL}", 0)
    committed_chunks = store.chunks_of_papers([paper_id_for(title) for title in titles])
    assert len(committed_chunks) == totals["chunks_embedded"]
    assert set(again).isdisjoint(chunk.document for chunk in committed_chunks)
    assert embedded_before_kill + len(again) >= chunks
    totals = summary["totals"]  # every paper counted once, by the run that committed it
    assert totals["added"] + totals["unchanged"] + totals["lexical_repaired"] == 1500


def _progress(checkpoint: Path) -> tuple[int, bool, dict] | None:
    if not checkpoint.exists():
        return None
    with sqlite3.connect(checkpoint) as db:
        try:
            row = db.execute("SELECT line, done, totals FROM progress").fetchone()
        except sqlite3.OperationalError:  # the tables are being created
            return None
    return None if row is None else (row[0], bool(row[1]), json.loads(row[2]))


def test_an_index_of_another_embedder_is_refused_before_any_line(tmp_path, llm, embedder):
    settings = openai_settings(tmp_path, llm)
    snapshot = write_snapshot(tmp_path / "arxiv.json", 20)
    bulk_ingest(snapshot, settings)
    other = write_snapshot(tmp_path / "other.json", 25)
    with pytest.raises(IndexMismatchError, match="rag ingest --rebuild"):
        bulk_ingest(other, make_settings(tmp_path), embedder=embedder)
    # the same model name, vectors of another length: refused at the start too
    with FakeLLM(embedding_dim=DIMENSION * 2, api_key=KEY) as wider:
        with pytest.raises(IndexMismatchError, match="64-dimensional"):
            bulk_ingest(other, openai_settings(tmp_path, wider))
        assert len(wider.history) == 1  # the one-text check, nothing from the file
    # a key the endpoint refuses: one request, then a clear error with no key in it
    since = len(llm.history)
    with pytest.raises(LLMError, match="rejected the API key") as caught:
        bulk_ingest(other, openai_settings(tmp_path, llm, openai_api_key="sk-wrong-KEY"))
    assert "sk-wrong-KEY" not in str(caught.value) and len(llm.history) == since + 1
    assert _progress(checkpoint_path(settings, other)) is None  # no line read
    assert Store(settings, f"openai:{MODEL}", 0).count_papers() == 20


def test_files_bulk_ingest_cannot_stream_are_clear_errors(tmp_path, llm):
    settings = openai_settings(tmp_path, llm)
    csv = tmp_path / "papers.csv"
    csv.write_text("title,abstract\nA,B\n")
    with pytest.raises(InputError, match=r"looks like csv.*rag ingest"):
        bulk_ingest(csv, settings)
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(json.dumps(arxiv_record(1, random.Random(1))).encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        bulk_ingest(wide, settings)
    with pytest.raises(InputError, match="no such file"):
        bulk_ingest(tmp_path / "missing.json", settings)
    assert llm.history == []


def test_bulk_and_a_normal_ingest_never_interleave(tmp_path, llm, caplog):
    settings = openai_settings(tmp_path, llm)
    snapshot = write_snapshot(tmp_path / "arxiv.json", 50)
    result: list = []
    with index_lock(settings), caplog.at_level(logging.WARNING, logger="rag.store"):
        worker = threading.Thread(target=lambda: result.append(bulk_ingest(snapshot, settings)))
        worker.start()
        deadline = time.monotonic() + 30
        while "another ingest is running" not in caplog.text:
            assert time.monotonic() < deadline and worker.is_alive()
            time.sleep(0.02)
        assert not checkpoint_path(settings, snapshot).exists()  # waiting, not reading
    worker.join(timeout=60)
    assert result and result[0].added == 50


@pytest.mark.server
def test_bulk_into_a_chroma_server(tmp_path, llm, chroma_server):
    host, port = chroma_server
    settings = openai_settings(tmp_path, llm, chroma_host=host, chroma_port=port, collection="bulk")
    snapshot = write_snapshot(tmp_path / "arxiv.json", 300)
    summary = bulk_ingest(snapshot, settings)
    assert summary.added == 300
    assert assert_each_paper_once(settings, 300) == summary.chunks_embedded
