"""The OpenAI embedder, through the real openai client, against a real HTTP server (FakeLLM)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.assistant import Assistant
from rag.embeddings import EmbedderError, OpenAIEmbedder
from rag.fake_llm import AuthError, FakeLLM
from rag.llm import LLMError
from rag.store import IndexMismatchError

KEY = "sk-test-EMBED-SECRET"
PAPERS = [
    {"title": "Byte-level models without a tokenizer", "abstract": "We pre-train on raw bytes."},
    {"title": "Quantization of large language models", "abstract": "Four-bit weights suffice."},
]


@pytest.fixture
def llm():
    with FakeLLM(embedding_dim=16) as server:
        yield server


def openai_settings(settings_factory, llm):
    return settings_factory(
        embedder="openai",
        llm_base_url=llm.base_url,
        openai_api_key=KEY,
        llm_max_retries=0,
    )


def test_vectors_come_from_the_server_normalised(settings_factory, llm):
    embedder = OpenAIEmbedder(openai_settings(settings_factory, llm))
    vectors = embedder.embed_documents(["a", "b", "c"])
    assert vectors.shape == (3, 16)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[0], np.asarray(llm.embed("a", 16)), atol=1e-5)
    assert embedder.embed_query("a").shape == (16,)
    request = llm.history[0]
    assert request.json["model"] == "text-embedding-3-small"
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_an_index_built_with_openai_embeddings_records_it_and_refuses_minilm(
    tmp_path, settings_factory, llm, embedder
):
    settings = openai_settings(settings_factory, llm)
    source = tmp_path / "papers.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in PAPERS))
    assistant = Assistant(settings)
    summary = assistant.ingest([source])
    assert summary.added == 2
    assert assistant.stats()["embedder"] == "openai:text-embedding-3-small"
    assert assistant.search("raw bytes tokenizer").hits[0].title == PAPERS[0]["title"]

    with pytest.raises(IndexMismatchError, match="rag ingest --rebuild"):
        Assistant(settings.model_copy(update={"embedder": "minilm"}), embedder=embedder)


def test_a_rejected_key_is_a_clear_error_without_the_key(settings_factory, llm):
    llm.enqueue(AuthError(), endpoint="embeddings")
    embedder = OpenAIEmbedder(openai_settings(settings_factory, llm))
    with pytest.raises(LLMError) as caught:
        embedder.embed_documents(["a"])
    assert "401" in str(caught.value) and KEY not in str(caught.value)
    assert not isinstance(caught.value, EmbedderError)
