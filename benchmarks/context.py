"""What the sections share: the temporary root, one embedder, and one index of the bundled corpus.

The bundled index is built once (by the ingest section when it runs, otherwise on first use)
and reused read-only by the retrieval and answer sections, as a deployed assistant would be.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from benchmarks.chroma_default import chroma_minilm
from benchmarks.common import make_settings
from rag.assistant import Assistant
from rag.embeddings import make_embedder


class Bench:
    def __init__(self, root: Path, quick: bool) -> None:
        self.root = root
        self.quick = quick
        self._assistant: Assistant | None = None

    @property
    def bundled_index_dir(self) -> Path:
        return self.root / "bundled"

    @cached_property
    def embedder(self) -> Any:
        """The embedder the project's settings give (its derived model cached in the temp root)."""
        return make_embedder(make_settings(self.bundled_index_dir))

    @cached_property
    def chroma_ef(self) -> Any:
        """Chroma's ONNXMiniLM_L6_V2 over our model files, model loaded (first call warms it)."""
        ef = chroma_minilm(self.root / "chroma-model", self.embedder.model_path)
        ef(["warm-up"])
        return ef

    def set_assistant(self, assistant: Assistant) -> None:
        """The ingest section hands over the index it just built (and its embedder)."""
        self._assistant = assistant
        self.embedder = assistant.embedder  # one model in memory, not two

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            settings = make_settings(self.bundled_index_dir)
            assistant = Assistant(settings, embedder=self.embedder)
            assistant.ensure_index()
            self._assistant = assistant
        return self._assistant
