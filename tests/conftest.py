"""Shared fixtures: settings that never read a .env, no RAG_* / OPENAI_* variables from the
machine, a free local port, one embedder, one bundled index, one real Chroma server (all built once
per session where they are expensive).

Tests that need a helper outside a fixture import it: ``from conftest import make_settings``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rag.config import Settings

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
CHROMA_BIN = Path(sys.executable).parent / "chroma"
SCRATCH = Path(tempfile.mkdtemp(prefix="rag-tests-"))  # this run's; conversations of base=None


USER_ENV_PREFIXES = ("RAG_", "OPENAI_")


def clear_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset every RAG_* / OPENAI_* variable; ``monkeypatch`` puts them back afterwards."""
    for name in list(os.environ):
        if name.startswith(USER_ENV_PREFIXES):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True, scope="session")
def _no_user_environment() -> Iterator[None]:
    """A developer's RAG_* / OPENAI_* variables must not change what the tests do; and Gradio,
    which reports launches to its servers unless told not to, keeps everything local."""
    with pytest.MonkeyPatch.context() as mp:
        clear_user_environment(mp)
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        yield


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No RAG_* / OPENAI_* variable for this test, even one an earlier test left behind."""
    clear_user_environment(monkeypatch)


def make_settings(base: Path | None, **overrides: object) -> Settings:
    """Settings that never read a .env.

    With a folder ``base`` the index lives in base/index, saved conversations in
    base/conversations.sqlite3 and the corpus is the repository's data/ (each can be
    overridden); with ``base=None`` only ``overrides`` are set, the rest keeps the Settings
    defaults (for tests that never touch an index), except saved conversations, which go to a
    folder of this test run's, never the user's.
    """
    values: dict[str, object] = {"conversations_db": SCRATCH / "conversations.sqlite3"}
    if base is not None:
        values = {
            "index_dir": base / "index",
            "data_dir": DATA_DIR,
            "conversations_db": base / "conversations.sqlite3",
        }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    """``settings_factory(**overrides)`` -> Settings with its index in this test's tmp_path."""

    def build(**overrides: object) -> Settings:
        return make_settings(tmp_path, **overrides)

    return build


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For tests that run ``rag.cli.main``: an index in this test's tmp_path, and a working
    folder without a .env."""
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "cli-index"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def embedder():
    from rag.embeddings import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory, embedder):
    """An Assistant over an index of the whole bundled corpus, built once. Do not ingest into it."""
    from rag.assistant import Assistant

    settings = make_settings(tmp_path_factory.mktemp("bundled"))
    assistant = Assistant(settings, embedder=embedder)
    summary = assistant.ensure_index()
    assert summary is not None and summary.added > 0, "the bundled index was not built"
    return assistant


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (for a server a test starts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real ``chroma run`` server on a free local port; yields (host, port)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    host, port = "127.0.0.1", free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                str(CHROMA_BIN),
                "run",
                "--path",
                str(folder / "data"),
                "--host",
                host,
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma run exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                client = chromadb.HttpClient(
                    host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
                )
                client.heartbeat()
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"chroma run did not answer in 60 s:\n{log_path.read_text()}")
                time.sleep(0.2)
        yield host, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- a small index whose papers carry authors, dates and links (exports, saved answers) -----

WORKBENCH_PAPERS = [
    {"title": "ByT5: Towards a token-free future with pre-trained byte-to-byte models",
     "abstract": "ByT5 is a standard Transformer that reads and writes raw UTF-8 bytes instead "
                 "of subword tokens, so it needs no tokenizer. It is far more robust to spelling "
                 "noise than mT5.",
     "authors": "Linting Xue, Aditya Barua, Noah Constant, Rami Al-Rfou, Sharan Narang",
     "date": "2021-05-28", "url": "https://arxiv.org/abs/2105.13626"},
    {"title": "mT5: A massively multilingual pre-trained text-to-text transformer",
     "abstract": "mT5 is a multilingual variant of T5 pre-trained on a Common Crawl dataset "
                 "covering 101 languages.",
     "authors": ["Linting Xue", "Noah Constant", "Adam Roberts"],
     "date": "2020-10-22", "url": "https://arxiv.org/abs/2010.11934"},
    {"title": "Dense Passage Retrieval for Open-Domain Question Answering",
     "abstract": "We train a dual encoder that maps questions and Wikipedia passages into one "
                 "vector space. Retrieval with inner-product search beats BM25 by 9 to 19 "
                 "points on top-20 accuracy.",
     "authors": "Vladimir Karpukhin, Barlas Oğuz, Sewon Min", "date": "2020-04-10",
     "url": "https://arxiv.org/abs/2004.04906"},
    {"title": "Protein Language Models Learn Contact Maps",
     "abstract": "Transformers trained with masked language modelling on 250 million protein "
                 "sequences learn residue contacts in their attention maps, without any "
                 "structural supervision. Code: https://github.com/prot_lm/contacts.",
     "date": "Mar 21"},
]  # fmt: skip
WORKBENCH_QUESTION = "Which model reads raw UTF-8 bytes without a tokenizer?"


def build_workbench_index(folder: Path, embedder):
    """An Assistant (extractive answers) over WORKBENCH_PAPERS indexed in ``folder``."""
    import json

    from rag.assistant import Assistant

    corpus = folder / "papers.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in WORKBENCH_PAPERS), encoding="utf-8")
    assistant = Assistant(make_settings(folder, answer_mode="extractive"), embedder=embedder)
    assert assistant.ingest([corpus]).added == len(WORKBENCH_PAPERS)
    return assistant


@pytest.fixture(scope="session")
def workbench_assistant(tmp_path_factory: pytest.TempPathFactory, embedder):
    """The workbench index, built once. Do not ingest into it or remove from it."""
    return build_workbench_index(tmp_path_factory.mktemp("workbench"), embedder)


def make_answer(question: str, text: str, papers: list[tuple[str, bool]], **fields: object):
    """An Answer over ``papers`` (title, cited) numbered from 1, for tests that need exact
    control of its markers; authors made from the title keep their references apart."""
    from rag.answer import Answer, Citation, Source
    from rag.records import paper_id_for

    sources = [
        Source(n, paper_id_for(title), title, 1.0 / n, f"About {title}.", cited, "both",
               role="support" if cited else "", authors=f"Ann {title.split()[0]}, Bo Li",
               date="2023-01-01")
        for n, (title, cited) in enumerate(papers, start=1)
    ]  # fmt: skip
    citations = [Citation(s.marker, s.paper_id, s.title) for s in sources if s.cited]
    values: dict = {"mode": "extractive", "abstained": False, **fields}
    return Answer(question, text, citations, sources, **values)
