"""Faults from the fault-injection run of issue 12, each against the real parts: the real
``openai`` client over HTTP to FakeLLM, a real local Chroma index, real ``chroma run`` servers
(one this module starts, kills and restarts), and real processes racing to ingest.

Covers: a malformed LLM response is an LLMError (item 2); one deadline for the whole answer,
retries included (item 3); no credentials of the base URL in any log line (item 6); a Chroma
server that goes away mid-session is a clear StoreError, and the same objects work again once it
is back (item 7); a vector dimension that does not match the embedder is refused even under a
matching embedder name (item 8); one ingest at a time per index, across processes (item 9).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings
from conftest import CHROMA_BIN, REPO, free_port, make_settings

import rag.store
from rag.assistant import Assistant
from rag.chunking import chunk_paper
from rag.config import Settings
from rag.errors import IndexMismatchError, LLMError, StoreError
from rag.fake_llm import FakeLLM, Hang, Malformed, RateLimit, Reply, ServerError
from rag.importers import read_paths
from rag.llm import ChatModel, Usage
from rag.store import Store

KEY = "sk-test-HARDENING-7f3a"
URL_SECRET = "urlkey-SECRET-91c2"
MESSAGES = [{"role": "user", "content": "hi"}]
PAPERS = [
    ("ByT5: Towards a token-free future with pre-trained byte-to-byte models",
     "ByT5 is a standard Transformer that reads and writes raw UTF-8 bytes instead of subword "
     "tokens, so it needs no tokenizer. It is far more robust to spelling noise."),
    ("Dense Passage Retrieval for Open-Domain Question Answering",
     "We train a dual encoder that maps questions and Wikipedia passages into one vector space. "
     "Retrieval with inner-product search beats BM25 on top-20 passage accuracy."),
    ("Protein Language Models Learn Contact Maps",
     "Transformers trained with masked language modelling on protein sequences learn residue "
     "contacts in their attention maps, without any structural supervision."),
    ("Speech Recognition Pre-training With Masked Acoustic Units",
     "A speech encoder is pre-trained by predicting masked acoustic units from raw audio and "
     "reaches a low word error rate after ten minutes of labelled speech."),
]  # fmt: skip
BYTES_QUESTION = "Which model reads raw UTF-8 bytes without a tokenizer?"
BYTES_REPLY = "ByT5 reads raw UTF-8 bytes instead of subword tokens, so it needs no tokenizer [1]."
FOLLOW_UP_HISTORY = [
    {"role": "user", "content": "What is ByT5?"},
    {"role": "assistant", "content": "..."},
]
FOLLOW_UP = "and is it robust to spelling noise?"
UNREACHABLE = (
    "Could not reach the Chroma server at http://127.0.0.1:{port}; start it with 'chroma run' "
    "or unset RAG_CHROMA_HOST to use the local index."
)

pytestmark = pytest.mark.usefixtures("clean_environment")


def write_jsonl(path: Path, papers: list[tuple[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in papers),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def small_index(tmp_path_factory, embedder) -> Path:
    folder = tmp_path_factory.mktemp("hardening")
    corpus = write_jsonl(folder / "papers.jsonl", PAPERS)
    summary = Assistant(make_settings(None, index_dir=folder / "index"), embedder=embedder).ingest(
        [corpus]
    )
    assert summary.added == len(PAPERS)
    return folder / "index"


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server


def llm_settings(llm: FakeLLM, base_url: str | None = None, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "RAG_LLM_BASE_URL": base_url or llm.base_url,
        "openai_api_key": KEY,
        "llm_max_retries": 0,
        "llm_timeout": 5,
    }
    values.update(overrides)
    settings = make_settings(None, **values)
    assert settings.llm_base_url == (base_url or llm.base_url)  # only ever the fake server
    return settings


def chat_requests(llm: FakeLLM) -> list[Any]:
    return [r for r in llm.history if r.path.endswith("/chat/completions")]


@pytest.fixture
def make_assistant(small_index, embedder, llm) -> Callable[..., Assistant]:
    def build(**overrides: object) -> Assistant:
        settings = llm_settings(llm, **{"index_dir": small_index, **overrides})
        return Assistant(settings, embedder=embedder)

    return build


# --- item 2: a malformed response is an LLMError, so the answer falls back ---------------------

MALFORMED_BODIES = {
    "invalid-json": '{"id": "chatcmpl-x", "choices": [{"index": 0, message: }',
    "truncated-json": '{"id": "chatcmpl-x", "choices": [',
    "wrong-shape": '{"choices": "not a list"}',
    "array": "[1, 2, 3]",
    "string": '"just a string"',
    "content-not-text": '{"choices": [{"index": 0, "message": {"content": {"a": 1}}}]}',
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_a_malformed_completion_is_an_llm_error(llm, body):
    llm.enqueue(Malformed(body=body))
    with pytest.raises(LLMError) as caught:
        ChatModel(llm_settings(llm)).complete(MESSAGES)
    assert "malformed response" in str(caught.value)
    assert KEY not in str(caught.value)


@pytest.mark.parametrize(
    "body", ["{not json", '{"choices": "nope"}', "[1]"], ids=["invalid", "wrong-shape", "array"]
)
def test_a_malformed_stream_event_is_an_llm_error(llm, body):
    llm.enqueue(Malformed(body=body))
    with pytest.raises(LLMError) as caught:
        list(ChatModel(llm_settings(llm)).stream(MESSAGES, Usage()))
    assert "malformed response" in str(caught.value)


def test_a_stream_that_turns_malformed_midway_is_broken_off(llm):
    llm.enqueue(Malformed(after=2))
    received: list[str] = []
    with pytest.raises(LLMError) as caught:
        for delta in ChatModel(llm_settings(llm)).stream(MESSAGES, Usage()):
            received.append(delta)
    assert len(received) == 2
    assert "broke off its answer" in str(caught.value)


@pytest.mark.parametrize("stream", [False, True], ids=["ask", "stream_ask"])
def test_a_malformed_answer_falls_back_to_the_extractive_answer(make_assistant, llm, stream):
    llm.enqueue(Malformed())
    assistant = make_assistant()
    if stream:
        answer_stream = assistant.stream_ask(BYTES_QUESTION)
        list(answer_stream)
        answer = answer_stream.answer
    else:
        answer = assistant.ask(BYTES_QUESTION)
    assert answer.mode == "extractive"
    assert answer.notice.startswith("The LLM failed, so this is an extractive answer.")
    assert "malformed response" in answer.notice
    assert answer.citations


def test_a_malformed_follow_up_rewrite_falls_back_to_the_offline_rewrite(make_assistant, llm):
    llm.enqueue(Malformed(), BYTES_REPLY)  # the rewrite gets garbage, the answer is fine
    answer = make_assistant().ask(FOLLOW_UP, history=FOLLOW_UP_HISTORY)
    assert len(chat_requests(llm)) == 2
    assert answer.mode == "llm"
    assert answer.text == BYTES_REPLY


def test_a_malformed_embeddings_response_is_an_llm_error(llm, tmp_path):
    from rag.embeddings import OpenAIEmbedder

    llm.enqueue(Malformed(body='{"data": [{"embedding": '), endpoint="embeddings")
    settings = llm_settings(llm, embedder="openai", index_dir=tmp_path / "index")
    with pytest.raises(LLMError, match="malformed response"):
        OpenAIEmbedder(settings).embed_documents(["a"])


# --- item 3: one deadline for the whole answer, retries included ------------------------------

TIMEOUT = 1.5


def test_a_hanging_endpoint_is_given_up_at_the_deadline_with_no_retry(llm):
    llm.default = Hang(seconds=30)
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT, llm_max_retries=2))
    started = time.monotonic()
    with pytest.raises(LLMError, match="did not answer in time"):
        chat.complete(MESSAGES)
    elapsed = time.monotonic() - started
    # The one attempt used up the deadline: no retry was started after it.
    assert len(chat_requests(llm)) == 1
    assert elapsed < 10 * TIMEOUT


def test_a_hanging_stream_is_given_up_at_the_deadline_with_no_retry(llm):
    llm.default = Hang(seconds=30)
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT, llm_max_retries=2))
    started = time.monotonic()
    with pytest.raises(LLMError, match="did not answer in time"):
        list(chat.stream(MESSAGES, Usage()))
    assert len(chat_requests(llm)) == 1
    assert time.monotonic() - started < 10 * TIMEOUT


@pytest.mark.parametrize("stream", [False, True], ids=["complete", "stream"])
def test_a_retry_gets_only_the_time_left(llm, stream):
    llm.enqueue(ServerError(retry_after=0.2))  # a quick failure, then a hang
    llm.default = Hang(seconds=30)
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT, llm_max_retries=5))
    started = time.monotonic()
    with pytest.raises(LLMError, match="did not answer in time"):
        if stream:
            list(chat.stream(MESSAGES, Usage()))
        else:
            chat.complete(MESSAGES)
    # The retry hung until the one deadline; none of the other four retries was started.
    assert len(chat_requests(llm)) == 2
    assert time.monotonic() - started < 10 * TIMEOUT


def test_a_retry_after_beyond_the_deadline_is_not_waited_for(llm):
    llm.default = RateLimit(retry_after=20)
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT, llm_max_retries=3))
    started = time.monotonic()
    with pytest.raises(LLMError, match="HTTP 429"):
        chat.complete(MESSAGES)
    assert len(chat_requests(llm)) == 1
    assert time.monotonic() - started < 10 * TIMEOUT


def test_retries_within_the_deadline_still_answer(llm):
    llm.enqueue(ServerError(retry_after=0.05), RateLimit(retry_after=0.05), "fine")
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT, llm_max_retries=2))
    assert chat.complete(MESSAGES).text == "fine"
    assert len(chat_requests(llm)) == 3


def test_a_trickling_stream_must_finish_within_the_deadline(llm):
    # Every delta comes well within a read timeout, but the whole answer would take ~6 s.
    words = [f"word{i} " for i in range(20)]
    llm.enqueue(Reply("".join(words), chunks=words, chunk_delay=0.3))
    chat = ChatModel(llm_settings(llm, llm_timeout=TIMEOUT))
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        for delta in chat.stream(MESSAGES, Usage()):
            received.append(delta)
    assert f"did not finish its answer within {TIMEOUT:g} s" in str(caught.value)
    assert "RAG_LLM_TIMEOUT" in str(caught.value)
    assert 0 < len(received) < len(words)
    assert time.monotonic() - started < 10 * TIMEOUT


def test_a_trickling_answer_falls_back_with_a_notice(make_assistant, llm):
    words = [f"word{i} " for i in range(20)]
    llm.enqueue(Reply("".join(words), chunks=words, chunk_delay=0.3))
    stream = make_assistant(llm_timeout=TIMEOUT).stream_ask(BYTES_QUESTION)
    list(stream)
    answer = stream.answer
    assert answer.mode == "extractive"
    assert "RAG_LLM_TIMEOUT" in answer.notice
    assert stream.replaced  # what was streamed before the deadline is replaced


# --- item 6: credentials in the base URL never reach a log ------------------------------------


def credentialed_url(llm: FakeLLM) -> str:
    return f"http://user:{URL_SECRET}@127.0.0.1:{llm.port}/v1"


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG], ids=["info", "debug"])
def test_credentials_in_the_base_url_are_redacted_from_logs(llm, caplog, level):
    caplog.set_level(level)
    llm.enqueue("one", "two", ServerError(retry_after=0.01), "three")
    chat = ChatModel(llm_settings(llm, credentialed_url(llm), llm_max_retries=1))
    assert chat.complete(MESSAGES).text == "one"
    assert "".join(chat.stream(MESSAGES, Usage())) == "two"
    assert chat.complete(MESSAGES).text == "three"  # after a retry, which is logged too

    assert len(chat_requests(llm)) == 4  # the requests really went through the credentialed URL
    requests = [
        m for m in (r.getMessage() for r in caplog.records) if m.startswith("HTTP Request:")
    ]
    assert requests, "the HTTP request lines were not logged"
    assert all(f"http://127.0.0.1:{llm.port}/v1/chat/completions" in line for line in requests)
    assert URL_SECRET not in caplog.text
    assert all(URL_SECRET not in r.getMessage() for r in caplog.records)
    assert all(URL_SECRET not in str(r.args) for r in caplog.records)
    assert all(URL_SECRET not in str(r.msg) for r in caplog.records)


def test_verbose_cli_prints_no_credentials_of_the_base_url(llm, tmp_path):
    from rag.embeddings import MiniLMEmbedder

    # The installed model as is: the CLI then has no int8 copy to derive into the index folder.
    settings = make_settings(None, index_dir=tmp_path / "index", minilm_dynamic_int8=False)
    corpus = write_jsonl(tmp_path / "papers.jsonl", PAPERS)
    Assistant(settings, embedder=MiniLMEmbedder(dynamic_int8=False)).ingest([corpus])
    llm.default = Reply(BYTES_REPLY)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env.update(
        RAG_INDEX_DIR=str(settings.index_dir),
        RAG_LLM_BASE_URL=credentialed_url(llm),
        OPENAI_API_KEY=KEY,
        RAG_MINILM_DYNAMIC_INT8="false",
    )
    out = subprocess.run(
        [sys.executable, "-m", "rag.cli", "-v", "ask", BYTES_QUESTION],
        cwd=tmp_path,  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "HTTP Request: POST" in out.stderr, out.stderr  # -v really logged the request
    assert URL_SECRET not in out.stderr and URL_SECRET not in out.stdout
    assert chat_requests(llm)


# --- item 7: a Chroma server that goes away mid-session ---------------------------------------


class ChromaServer:
    """A ``chroma run`` subprocess on a fixed port and data folder that a test can kill and
    start again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [str(CHROMA_BIN), "run", "--path", str(self.folder / "data"), "--host", "127.0.0.1",
             "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"chroma run exited:\n{(self.folder / 'server.log').read_text()}")
            try:
                chromadb.HttpClient(
                    host="127.0.0.1",
                    port=self.port,
                    settings=ChromaSettings(anonymized_telemetry=False),
                ).heartbeat()
                return
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail("chroma run did not answer in 60 s")
                time.sleep(0.1)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_chroma_server(tmp_path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def test_a_chroma_server_down_mid_session_is_a_store_error_and_recovers(
    tmp_path, own_chroma_server, embedder, monkeypatch
):
    monkeypatch.setattr(rag.store, "REVISION_TTL", -1.0)  # read the revision on every use
    server = own_chroma_server
    settings = make_settings(tmp_path, chroma_host="127.0.0.1", chroma_port=server.port)
    corpus = write_jsonl(tmp_path / "papers.jsonl", PAPERS)
    assistant = Assistant(settings, embedder=embedder)
    assert assistant.ingest([corpus]).added == len(PAPERS)
    store = assistant.store
    vector = embedder.embed_query("raw UTF-8 bytes")
    ids = list(store.query_vectors(vector, 3))
    papers, _ = read_paths([corpus])
    entry = (papers[0], chunk_paper(papers[0], settings.chunk_tokens, settings.chunk_overlap))
    vectors = embedder.embed_documents([c.document for c in entry[1]])

    operations: dict[str, Callable[[], object]] = {
        "query_vectors": lambda: store.query_vectors(vector, 3),
        "get_chunks": lambda: store.get_chunks(ids),
        "count": store.count_chunks,
        "metadata": lambda: store.metadata,
        "revision": lambda: store.revision,
        "paper_hashes": store.paper_hashes,
        "iter_chunks": lambda: list(store.iter_chunks()),
        "upsert": lambda: store.write_papers([entry], vectors, []),
        "bump_revision": store.bump_revision,
        "search": lambda: assistant.search(BYTES_QUESTION),
        "ask": lambda: assistant.ask(BYTES_QUESTION),
        "stats": assistant.stats,
        "ingest": lambda: assistant.ingest([corpus]),
    }
    expected = UNREACHABLE.format(port=server.port)

    server.kill()
    for name, operation in operations.items():
        with pytest.raises(StoreError) as caught:
            operation()
        assert str(caught.value) == expected, name
    with pytest.raises(StoreError) as caught:  # a new session while it is down
        Assistant(settings, embedder=embedder)
    assert str(caught.value) == expected

    server.start()  # the same port and data: the same objects work again
    for operation in operations.values():
        operation()
    hits = assistant.search(BYTES_QUESTION).hits
    assert hits and hits[0].title == PAPERS[0][0]
    assert store.count_papers() == len(PAPERS)


# --- item 8: the stored vectors' dimension is checked, not only the embedder's name ------------


def _dimension_settings(tmp_path: Path, where: str, chroma_server: Any) -> Settings:
    if where == "server":
        host, port = chroma_server
        return make_settings(
            tmp_path, chroma_host=host, chroma_port=port, collection=f"dim-{uuid.uuid4().hex[:8]}"
        )
    return make_settings(tmp_path)


@pytest.fixture(params=["local", "server"])
def dimension_settings(request, tmp_path) -> Settings:
    chroma_server = request.getfixturevalue("chroma_server") if request.param == "server" else None
    return _dimension_settings(tmp_path, request.param, chroma_server)


def _eight_dim_index(settings: Settings, embedder_id: str, claimed: int) -> None:
    """A collection that names ``embedder_id`` (and claims ``claimed`` dimensions) but holds
    8-dimensional vectors."""
    store = Store(settings, embedder_id, claimed)
    rng = np.random.default_rng(0)
    store.collection.upsert(
        ids=["a", "b"],
        documents=["one", "two"],
        metadatas=[{"paper_id": "p", "chunk_index": 0, "n_chunks": 1, "content_hash": "h"}] * 2,
        embeddings=rng.normal(size=(2, 8)).astype(np.float32).tolist(),
    )


@pytest.mark.parametrize("claimed", [8, 384], ids=["metadata-says-8", "metadata-says-384"])
def test_vectors_of_another_dimension_are_refused_under_a_matching_name(
    dimension_settings, embedder, claimed
):
    _eight_dim_index(dimension_settings, embedder.id, claimed)
    with pytest.raises(IndexMismatchError) as caught:
        Assistant(dimension_settings, embedder=embedder)
    message = str(caught.value)
    assert "8-dimensional" in message and "384-dimensional" in message
    assert embedder.id in message and "rag ingest --rebuild" in message


def test_a_query_of_another_dimension_is_refused_when_the_embedder_dimension_is_unknown(
    dimension_settings, embedder
):
    _eight_dim_index(dimension_settings, embedder.id, 8)
    store = Store(dimension_settings, embedder.id, 0)  # e.g. an OpenAI-compatible model
    vector = embedder.embed_query("bytes")
    with pytest.raises(IndexMismatchError, match="8-dimensional"):
        store.query_vectors(vector, 2)


def test_stats_report_the_dimension_of_the_stored_vectors(dimension_settings, embedder):
    # The metadata claims 999 dimensions; the vectors are the embedder's 384.
    store = Store(dimension_settings, embedder.id, 999)
    store.collection.upsert(
        ids=["a"],
        documents=["bytes"],
        metadatas=[{"paper_id": "p", "chunk_index": 0, "n_chunks": 1, "content_hash": "h"}],
        embeddings=[embedder.embed_query("bytes").tolist()],
    )
    assistant = Assistant(dimension_settings, embedder=embedder)
    assert assistant.stats()["dimension"] == 384


# --- item 9: one ingest at a time per index, across processes ---------------------------------

INGEST_SCRIPT = textwrap.dedent(
    """
    import json, logging, sys, time
    from pathlib import Path

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from rag.assistant import Assistant
    from rag.config import Settings
    from rag.embeddings import MiniLMEmbedder

    index, corpus, ready, go = map(Path, sys.argv[1:5])
    embedder = MiniLMEmbedder()
    embedder.embed_documents(["warm up"])
    assistant = Assistant(Settings(_env_file=None, index_dir=index), embedder=embedder)
    ready.touch()
    while not go.exists():
        time.sleep(0.002)
    print(json.dumps(assistant.ingest([corpus]).to_dict()))
    """
)


def test_two_processes_ingesting_one_index_take_turns(tmp_path, embedder):
    many = [
        (f"{title} (part {n})", f"{abstract} Variant {n} of the study repeats it at scale {n}.")
        for n in range(15)
        for title, abstract in PAPERS
    ]
    corpus = write_jsonl(tmp_path / "papers.jsonl", many)
    index = tmp_path / "index"  # new: both processes also create it at once
    go = tmp_path / "go"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env["PYTHONPATH"] = str(REPO)
    processes = []
    for n in range(2):
        ready = tmp_path / f"ready{n}"
        args = [sys.executable, "-c", INGEST_SCRIPT, *map(str, (index, corpus, ready, go))]
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
        processes.append((ready, subprocess.Popen(args, env=env, **pipes)))
    deadline = time.monotonic() + 120
    while not all(ready.exists() for ready, _ in processes):
        assert all(p.poll() is None for _, p in processes), [p.communicate() for _, p in processes]
        assert time.monotonic() < deadline, "the ingest processes did not get ready"
        time.sleep(0.01)
    go.touch()  # both start their ingest at the same moment
    outputs = [p.communicate(timeout=300) for _, p in processes]
    assert all(p.returncode == 0 for _, p in processes), outputs
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]

    assert sum(s["added"] for s in summaries) == len(many)
    assert sorted(s["unchanged"] for s in summaries) == [0, len(many)]
    assert sum(s["updated"] for s in summaries) == 0
    assert sum(s["chunks_embedded"] > 0 for s in summaries) == 1  # only one embedded anything
    waited = [err for _, err in outputs if "another ingest is running on" in err]
    assert len(waited) == 1 and f"{index}; waiting" in waited[0]
    final = Store(make_settings(None, index_dir=index), embedder.id, embedder.dimension)
    assert final.count_papers() == len(many)


def test_the_drop_of_a_rebuild_waits_for_a_running_ingest(tmp_path, embedder, caplog):
    import threading

    from rag.store import drop_collection, index_lock

    settings = make_settings(None, index_dir=tmp_path / "index")
    corpus = write_jsonl(tmp_path / "papers.jsonl", PAPERS)
    assert Assistant(settings, embedder=embedder).ingest([corpus]).added == len(PAPERS)
    dropped = threading.Event()

    def rebuild() -> None:
        drop_collection(settings)
        dropped.set()

    with index_lock(settings):  # an ingest in progress
        worker = threading.Thread(target=rebuild)
        worker.start()
        assert not dropped.wait(0.5)  # the drop waits for the ingest
    worker.join(timeout=30)
    assert dropped.is_set()
    assert "another ingest is running on" in caplog.text


# --- item 1: one oversized record costs a bounded amount ------------------------------------


def test_a_one_megabyte_abstract_is_capped_with_a_warning_and_stored_once(tmp_path, embedder):
    from rag.records import MAX_ABSTRACT_CHARS

    huge = "Tokenizer-free models read raw bytes. " * 27_000  # about 1 MB
    path = tmp_path / "huge.jsonl"
    path.write_text(
        json.dumps({"title": "Normal paper", "abstract": "Byte models are small. They work."})
        + "\n"
        + json.dumps({"title": "Pasted whole paper", "abstract": huge})
        + "\n"
    )
    papers, problems = read_paths([path])
    assert [p.title for p in papers] == ["Normal paper", "Pasted whole paper"]
    [problem] = problems
    assert problem.line == 2 and "cut to the first" in problem.message
    assert len(papers[1].abstract) <= MAX_ABSTRACT_CHARS

    settings = make_settings(None, index_dir=tmp_path / "index")
    assistant = Assistant(settings, embedder=embedder)
    summary = assistant.ingest([path])
    assert summary.added == 2 and any("cut to the first" in str(p) for p in summary.problems)
    # About 20,000 characters is tens of chunks, not the 1,270 a megabyte made.
    assert summary.chunks_embedded < 60
    got = assistant.store.collection.get(include=["metadatas"])
    holding = [m for m in got["metadatas"] if "abstract" in m]
    assert len(holding) == 2  # one chunk per paper carries the abstract
    hit = assistant.search("Pasted whole paper tokenizer-free raw bytes").hits[0]
    assert hit.title == "Pasted whole paper" and hit.abstract.startswith("Tokenizer-free")


def test_the_ui_api_says_the_chroma_server_is_unreachable_and_recovers(
    tmp_path, own_chroma_server, embedder, monkeypatch
):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    from rag.ui.app import CSS, create_app

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setattr(rag.store, "REVISION_TTL", -1.0)
    server = own_chroma_server
    settings = make_settings(
        tmp_path, chroma_host="127.0.0.1", chroma_port=server.port, answer_mode="extractive"
    )
    assistant = Assistant(settings, embedder=embedder)
    assistant.ingest([write_jsonl(tmp_path / "papers.jsonl", PAPERS)])
    app = create_app(assistant, settings)
    app.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
        css=CSS, show_error=False, quiet=True,
    )  # fmt: skip
    try:
        client = Client(app.local_url, verbose=False)

        def ask() -> dict[str, Any]:
            return client.submit(BYTES_QUESTION, 3, "extractive", api_name="/ask").result(
                timeout=120
            )

        assert ask()["citations"]
        server.kill()
        with pytest.raises(AppError) as caught:
            ask()
        assert UNREACHABLE.format(port=server.port) in str(caught.value)
        server.start()
        assert ask()["citations"]  # the same running app recovers
    finally:
        app.close()
