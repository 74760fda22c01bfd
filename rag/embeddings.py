"""Embedders: offline MiniLM in ONNX (the default) and OpenAI embeddings.

Both implement Chroma's EmbeddingFunction interface, plus ``embed_documents`` and
``embed_query`` returning float32 numpy arrays, and an ``id`` recorded in the index so an index
is never queried with vectors from another model.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, overload

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from rag.config import Settings
from rag.model_files import (
    DEFAULT_CACHE,
    MAX_WORD_PIECES,
    MODEL_SHA256,
    TOKENIZER_SHA256,
    EmbedderError,
    default_model_files,
    dynamic_int8_model,
    verify_sha256,
)

__all__ = [
    "MAX_WORD_PIECES",
    "EmbedderError",
    "MiniLMEmbedder",
    "OpenAIEmbedder",
    "default_model_files",
]

MINILM_ID = "all-MiniLM-L6-v2-int8"  # "-dynamic" added for the derived model
OPENAI_DIMENSIONS = {
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
    "text-embedding-ada-002": 1536,
}


class Embedder(Protocol):
    id: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...
    def embed_query(self, text: str) -> np.ndarray: ...


class _ChromaEmbedder(EmbeddingFunction[Documents]):
    """Chroma's EmbeddingFunction interface on top of ``embed_documents``/``_embed_question``."""

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embed_documents(list(input)))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _embed_question(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    @overload
    def embed_query(self, input: str) -> np.ndarray: ...
    @overload
    def embed_query(self, input: Documents) -> Embeddings: ...
    def embed_query(self, input: str | Documents) -> np.ndarray | Embeddings:
        """One question -> one vector; a list (Chroma's form of this method) -> a list."""
        if isinstance(input, str):
            return self._embed_question(input)
        return [self._embed_question(text) for text in input]

    def default_space(self) -> Any:
        return "cosine"


class MiniLMEmbedder(_ChromaEmbedder):
    """all-MiniLM-L6-v2 (int8 ONNX), dynamic padding, length-sorted batches.

    >>> e = MiniLMEmbedder()
    >>> e.embed_query("masked language modelling").shape
    (384,)
    """

    dimension = 384

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        batch_size: int = 8,
        dynamic_int8: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        from tokenizers import Tokenizer

        default_model, default_tokenizer = default_model_files()
        self.model_path = Path(model_path or default_model)
        self.tokenizer_path = Path(tokenizer_path or default_tokenizer)
        verify_sha256(self.model_path, MODEL_SHA256)
        verify_sha256(self.tokenizer_path, TOKENIZER_SHA256)
        self.id = MINILM_ID
        if dynamic_int8:
            # Vectors differ slightly from the installed model's: a different id, so an index
            # is never queried with the other's vectors.
            self.model_path = dynamic_int8_model(self.model_path, cache_dir or DEFAULT_CACHE)
            self.id = f"{MINILM_ID}-dynamic"
            # Activations are quantised per input tensor, so in a batch a text's vector would
            # depend on its neighbours; one text per run keeps vectors reproducible (and costs
            # ~5% here, as no run pads).
            batch_size = 1
        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        self._tokenizer.enable_truncation(max_length=MAX_WORD_PIECES)
        self._tokenizer.no_padding()
        # A query is one short run: all cores on it (measured here: 4 ms vs 8 ms on one).
        self._query_session = self._open_session(threads=0)
        self._document_session: Any = None
        self.workers = max(1, os.cpu_count() or 1)
        # Kept, not made per call: starting the threads cost a quarter of the four-sentence
        # call each long topical question makes (12.5 -> 9.4 ms measured here).
        self._pool: ThreadPoolExecutor | None = None
        # The Rust tokenizer is not documented as thread-safe for concurrent calls.
        self._lock = threading.Lock()

    def _open_session(self, threads: int, spinning: bool = False) -> Any:
        """An ONNX session on ``threads`` cores (0: all); ``spinning`` keeps onnxruntime's
        default of busy-waiting threads (benchmarks/embedding.py measures it)."""
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = threads
        # onnxruntime's worker threads busy-wait after a run by default, taking the cores from
        # the work that follows it (Chroma, tantivy, the sentence embeddings of a topical
        # question): measured here, a query then four sentences took 5.0 + 18.8 ms spinning
        # and 5.9 + 10.9 ms without.
        options.add_session_config_entry("session.intra_op.allow_spinning", str(int(spinning)))
        return onnxruntime.InferenceSession(
            str(self.model_path), options, providers=["CPUExecutionProvider"]
        )

    # --- Chroma's EmbeddingFunction interface -------------------------------------------
    @staticmethod
    def name() -> str:
        return "rag-minilm-int8"

    def get_config(self) -> dict[str, Any]:
        return {"batch_size": self.batch_size, "dynamic_int8": self.id.endswith("-dynamic")}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedder:
        return MiniLMEmbedder(
            batch_size=int(config.get("batch_size", 8)),
            dynamic_int8=bool(config.get("dynamic_int8", True)),
        )

    # --- the project's interface ---------------------------------------------------------
    def embed_documents(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
            if self._document_session is None:  # made once, by whichever thread comes first
                # Documents come in many batches: one thread per run, as many runs as cores.
                # Measured here: ~1.3x faster than 2-thread runs one after another (small
                # matrices).
                self._document_session = self._open_session(threads=1)
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="rag-embed")
        # Sorting by length keeps padding inside a batch small: most of the speed-up.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [order[s : s + self.batch_size] for s in range(0, len(order), self.batch_size)]
        assert self._pool is not None  # made with the session
        results = self._pool.map(
            lambda b: self._run(self._document_session, [encodings[i] for i in b]), batches
        )
        for batch, vectors in zip(batches, results, strict=True):
            out[batch] = vectors
        return out

    def fits(self, text: str) -> bool:
        """Whether ``text`` fits the model's input whole (longer input is cut off)."""
        with self._lock:
            return not self._tokenizer.encode(text).overflowing

    def _embed_question(self, text: str) -> np.ndarray:
        with self._lock:
            encoding = self._tokenizer.encode(text)
        return self._run(self._query_session, [encoding])[0]

    def _run(self, session: Any, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


class OpenAIEmbedder(_ChromaEmbedder):
    """OpenAI (or compatible) embeddings through the ``openai`` client."""

    def __init__(self, settings: Settings) -> None:
        from rag.llm import make_client

        self.model = settings.openai_embedding_model
        self.batch_size = max(1, settings.embed_batch_size)
        self._client = make_client(settings)
        self.id = f"openai:{self.model}"
        # Known for OpenAI's models; for others, learnt from the first call.
        self.dimension = OPENAI_DIMENSIONS.get(self.model, 0)

    @staticmethod
    def name() -> str:
        return "rag-openai"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OpenAIEmbedder:
        return OpenAIEmbedder(Settings(openai_embedding_model=config["model"]))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        from rag.llm import translate_errors

        rows: list[list[float]] = []
        with translate_errors():
            for start in range(0, len(texts), self.batch_size):
                response = self._client.embeddings.create(
                    model=self.model, input=texts[start : start + self.batch_size]
                )
                rows.extend(item.embedding for item in response.data)
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)
        if len(vectors):
            self.dimension = vectors.shape[1]
            vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        return vectors


def make_embedder(settings: Settings) -> MiniLMEmbedder | OpenAIEmbedder:
    if settings.embedder == "openai":
        return OpenAIEmbedder(settings)
    return MiniLMEmbedder(
        batch_size=settings.embed_batch_size,
        dynamic_int8=settings.minilm_dynamic_int8,
        cache_dir=settings.index_dir / "models",
    )


MINILM_DIMENSION = 384


class LazyEmbedder:
    """The configured embedder, loaded on first use: ``rag stats`` and opening the index need
    only its id and dimension, not the ONNX session (about a second to load).

    >>> lazy = LazyEmbedder(Settings(_env_file=None))
    >>> lazy.id, lazy.dimension, lazy.loaded
    ('all-MiniLM-L6-v2-int8-dynamic', 384, False)
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._real: MiniLMEmbedder | OpenAIEmbedder | None = None
        self._lock = threading.Lock()
        if settings.embedder == "openai":
            self.id = f"openai:{settings.openai_embedding_model}"
            self.dimension = OPENAI_DIMENSIONS.get(settings.openai_embedding_model, 0)
        else:
            dynamic = "-dynamic" if settings.minilm_dynamic_int8 else ""
            self.id, self.dimension = f"{MINILM_ID}{dynamic}", MINILM_DIMENSION

    @property
    def loaded(self) -> bool:
        return self._real is not None

    @property
    def real(self) -> MiniLMEmbedder | OpenAIEmbedder:
        with self._lock:
            if self._real is None:
                self._real = make_embedder(self._settings)
                if self._real.id != self.id:  # the two must never disagree on what built an index
                    raise EmbedderError(f"embedder id {self._real.id!r} != expected {self.id!r}")
            return self._real

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self.real.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.real.embed_query(text)

    def fits(self, text: str) -> bool:
        fits = getattr(self.real, "fits", None)
        return True if fits is None else bool(fits(text))
