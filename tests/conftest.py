"""Shared fixtures: settings that never read a .env, no RAG_* / OPENAI_* variables from the
machine, a free local port, one embedder, one bundled index, one real Chroma server (all built once
per session where they are expensive).

Tests that need a helper outside a fixture import it: ``from conftest import make_settings``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rag.config import Settings

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
CHROMA_BIN = Path(sys.executable).parent / "chroma"


USER_ENV_PREFIXES = ("RAG_", "OPENAI_")


def clear_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset every RAG_* / OPENAI_* variable; ``monkeypatch`` puts them back afterwards."""
    for name in list(os.environ):
        if name.startswith(USER_ENV_PREFIXES):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True, scope="session")
def _no_user_environment() -> Iterator[None]:
    """A developer's RAG_* / OPENAI_* variables must not change what the tests do."""
    with pytest.MonkeyPatch.context() as mp:
        clear_user_environment(mp)
        yield


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No RAG_* / OPENAI_* variable for this test, even one an earlier test left behind."""
    clear_user_environment(monkeypatch)


def make_settings(base: Path | None, **overrides: object) -> Settings:
    """Settings that never read a .env.

    With a folder ``base`` the index lives in base/index and the corpus is the repository's data/
    (either can be overridden); with ``base=None`` only ``overrides`` are set, the rest keeps the
    Settings defaults (for tests that never touch an index).
    """
    values: dict[str, object] = {}
    if base is not None:
        values = {"index_dir": base / "index", "data_dir": DATA_DIR}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    """``settings_factory(**overrides)`` -> Settings with its index in this test's tmp_path."""

    def build(**overrides: object) -> Settings:
        return make_settings(tmp_path, **overrides)

    return build


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
