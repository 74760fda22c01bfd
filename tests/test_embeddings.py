"""The offline MiniLM embedder: vectors, batching, the model checksum, Chroma compatibility."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from rag.embeddings import EmbedderError, MiniLMEmbedder, default_model_files

TEXTS = [
    "Masked language modelling pre-trains bidirectional encoders.",
    "A retriever fetches passages that a reader turns into an answer.",
    "Byte-level models read raw UTF-8 without a subword vocabulary.",
    "Sourdough starters need flour and water every day.",
    "Short.",
    "Contrastive pre-training aligns images and captions " * 12,
]


def test_vectors_have_the_declared_shape_and_unit_length(embedder):
    vectors = embedder.embed_documents(TEXTS)
    assert vectors.shape == (len(TEXTS), embedder.dimension) == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_query(TEXTS[0])
    assert query.shape == (384,)
    assert embedder.embed_documents([]).shape == (0, 384)


def test_similar_texts_are_closer_than_unrelated_ones(embedder):
    query = embedder.embed_query("How are encoders pre-trained with masked tokens?")
    vectors = embedder.embed_documents(TEXTS[:4])
    scores = vectors @ query
    assert int(np.argmax(scores)) == 0
    assert scores[0] > scores[3] + 0.2


@pytest.mark.parametrize("dynamic_int8", [True, False])
def test_batching_gives_the_same_vectors_as_one_by_one(dynamic_int8):
    # The exact model pads length-sorted batches; padding must not change a text's vector.
    embedder = MiniLMEmbedder(batch_size=4, dynamic_int8=dynamic_int8)
    together = embedder.embed_documents(TEXTS)
    one_by_one = np.stack([embedder.embed_documents([t])[0] for t in TEXTS])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    small_batches = MiniLMEmbedder(batch_size=2, dynamic_int8=dynamic_int8).embed_documents(TEXTS)
    np.testing.assert_allclose(small_batches, one_by_one, atol=1e-5)
    queries = np.stack([embedder.embed_query(t) for t in TEXTS])
    np.testing.assert_allclose(queries, one_by_one, atol=1e-5)


def test_calls_from_several_threads_share_one_pool_and_get_their_own_vectors():
    # The UI answers several questions at once: their calls share the embedder's session and
    # worker threads, made by whichever call comes first; no call may get another's vectors.
    embedder = MiniLMEmbedder()
    alone = [embedder.embed_documents([text]) for text in TEXTS]
    fresh = MiniLMEmbedder()
    with ThreadPoolExecutor(len(TEXTS)) as callers:
        together = list(callers.map(lambda text: fresh.embed_documents([text]), TEXTS * 3))
    for got, expected in zip(together, alone * 3, strict=True):
        np.testing.assert_array_equal(got, expected)
    assert fresh._pool is not None and fresh._pool is not embedder._pool


def test_a_modified_model_copy_is_refused(tmp_path):
    original, _ = default_model_files()
    copy = tmp_path / "model.onnx"
    shutil.copyfile(original, copy)
    with copy.open("r+b") as handle:
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(EmbedderError) as caught:
        MiniLMEmbedder(model_path=copy)
    message = str(caught.value)
    assert str(copy) in message
    assert "sha256" in message
    assert "reinstall" in message


def test_a_missing_model_file_is_refused(tmp_path):
    with pytest.raises(EmbedderError, match="missing"):
        MiniLMEmbedder(model_path=tmp_path / "nowhere.onnx")


def test_an_unmodified_copy_is_accepted(tmp_path):
    original, _ = default_model_files()
    copy = tmp_path / "model.onnx"
    shutil.copyfile(original, copy)
    assert MiniLMEmbedder(model_path=copy).embed_query("hello").shape == (384,)


@pytest.fixture
def chroma_collection(tmp_path, embedder):
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.create_collection("ef-test", embedding_function=embedder)
    collection.add(ids=[f"d{i}" for i in range(4)], documents=TEXTS[:4])
    return collection


def test_chroma_embeds_added_documents_with_it(chroma_collection, embedder):
    stored = chroma_collection.get(ids=["d2"], include=["embeddings"])
    np.testing.assert_allclose(stored["embeddings"][0], embedder.embed_query(TEXTS[2]), atol=1e-5)


def test_chroma_queries_by_text_with_it(chroma_collection):
    result = chroma_collection.query(query_texts=["keeping a bread starter alive"], n_results=2)
    assert result["ids"][0][0] == "d3"
    result = chroma_collection.query(
        query_texts=["passage retrieval for question answering"], n_results=1
    )
    assert result["ids"][0] == ["d1"]


def test_the_derived_int8_model_is_rebuilt_when_its_file_does_not_match(tmp_path):
    from rag.model_files import dynamic_int8_model

    source = default_model_files()[0]
    built = dynamic_int8_model(source, tmp_path)
    original = built.read_bytes()
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF
    built.write_bytes(bytes(damaged))

    rebuilt = dynamic_int8_model(source, tmp_path)
    assert rebuilt == built
    assert rebuilt.read_bytes() == original


def test_the_derived_model_gives_nearly_the_installed_models_vectors(tmp_path):
    exact = MiniLMEmbedder(dynamic_int8=False)
    fast = MiniLMEmbedder(cache_dir=tmp_path)
    assert exact.id != fast.id  # an index built by one is refused by the other
    a, b = exact.embed_documents(TEXTS), fast.embed_documents(TEXTS)
    assert float((a * b).sum(axis=1).min()) > 0.98
