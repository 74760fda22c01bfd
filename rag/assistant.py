"""The Assistant: the resources (embedder, index, retriever, LLM) behind every entry point.

Example::

    assistant = Assistant()                      # settings from the environment
    assistant.search("byte-level language models").hits[0].title
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag import prompts
from rag.answer import Answer, answer_stream
from rag.config import Settings
from rag.embeddings import make_embedder
from rag.ingest import IngestSummary, ingest_paths
from rag.lexical import tokenize
from rag.llm import ChatModel, LLMError
from rag.records import SearchResult
from rag.retrieval import Filters, Retriever
from rag.store import Store, drop_collection

MAX_QUESTION_CHARS = 2000  # ~500 tokens: a question, not a document
MAX_HISTORY_TURNS = 6  # the last three exchanges are enough to resolve "it" and "that paper"
log = logging.getLogger(__name__)


class QuestionError(ValueError):
    """The question cannot be asked as it is; the message says why."""


def check_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise QuestionError("The question is empty: type a question about the indexed papers.")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(question)} characters long; shorten it to at most "
            f"{MAX_QUESTION_CHARS} (ask about one thing at a time)."
        )
    return question


class Assistant:
    """Holds the resources; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, embedder: Any = None) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or make_embedder(self.settings)
        self.store = Store(self.settings, self.embedder.id, self.embedder.dimension)
        self.retriever = Retriever(self.store, self.embedder, self.settings)
        self._ingest_lock = threading.Lock()
        self._chats: dict[str, ChatModel] = {}
        prompts.check_all()  # a broken prompt file fails here, not mid-answer

    # --- index ----------------------------------------------------------------------------
    def ingest(
        self, paths: list[Path] | None = None, fmt: str = "auto", progress: bool = False
    ) -> IngestSummary:
        with self._ingest_lock:
            return ingest_paths(paths, self.store, self.embedder, self.settings, fmt, progress)

    def ensure_index(self, progress: bool = False) -> IngestSummary | None:
        """Build the index from the bundled corpus if it is empty (first start)."""
        if self.store.count_chunks() > 0:
            return None
        return self.ingest(None, progress=progress)

    def stats(self) -> dict[str, Any]:
        meta = self.store.metadata
        return {
            "papers": self.store.count_papers(),
            "chunks": self.store.count_chunks(),
            "embedder": meta.get("embedder"),
            "dimension": meta.get("dimension"),
            "collection": self.settings.collection,
            "location": self.store.location,
            "mode": "server" if self.settings.chroma_host else "local",
        }

    # --- retrieval ------------------------------------------------------------------------
    def search(
        self, question: str, k: int | None = None, filters: Filters | None = None
    ) -> SearchResult:
        return self.retriever.search(check_question(question), k, filters)

    # --- answers --------------------------------------------------------------------------
    def chat_model(self, mode: str | None = None, model: str | None = None) -> ChatModel | None:
        """The LLM to answer with, or None for extractive answers."""
        mode = mode or self.settings.answer_mode
        if mode == "extractive" or not self.settings.llm_configured:
            return None
        model = model or self.settings.llm_model
        with self._ingest_lock:
            if model not in self._chats:
                self._chats[model] = ChatModel(
                    self.settings.model_copy(update={"llm_model": model})
                )
            return self._chats[model]

    def ask(
        self,
        question: str,
        history: list[Any] | None = None,
        k: int | None = None,
        mode: str | None = None,
        filters: Filters | None = None,
        model: str | None = None,
    ) -> Answer:
        """A cited answer (see ``stream_ask`` for the same, streamed)."""
        final = None
        for item in self.stream_ask(question, history, k, mode, filters, model):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def stream_ask(
        self,
        question: str,
        history: list[Any] | None = None,
        k: int | None = None,
        mode: str | None = None,
        filters: Filters | None = None,
        model: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text as it arrives, then the final ``Answer``."""
        started = time.perf_counter()
        question = check_question(question)
        requested = mode or self.settings.answer_mode
        chat = self.chat_model(requested, model)
        timings: dict[str, float] = {}
        t = time.perf_counter()
        standalone = standalone_question(question, normalise_history(history), chat)
        if standalone != question:
            timings["rewrite"] = (time.perf_counter() - t) * 1000
        result = self.retriever.search(standalone, k, filters)
        timings["retrieve"] = result.timings_ms["total"]
        lexical = self.retriever.lexical
        idf = {term: lexical.idf(term) for term in tokenize(standalone)}
        yield from answer_stream(
            question, result, self.settings, chat, idf, timings, started,
            standalone=standalone if standalone != question else "", requested=requested,
        )  # fmt: skip


def normalise_history(history: list[Any] | None) -> list[dict[str, str]]:
    """Accept OpenAI/Gradio messages ({role, content}) or (user, assistant) pairs."""
    turns: list[dict[str, str]] = []
    for item in history or []:
        if isinstance(item, dict) and item.get("content"):
            content = item["content"]
            if isinstance(content, str):
                turns.append({"role": str(item.get("role", "user")), "content": content})
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            user, assistant = item
            if user:
                turns.append({"role": "user", "content": str(user)})
            if assistant:
                turns.append({"role": "assistant", "content": str(assistant)})
    return turns[-MAX_HISTORY_TURNS:]


def standalone_question(
    question: str, history: list[dict[str, str]], chat: ChatModel | None
) -> str:
    """Rewrite a follow-up ("and how does it compare with BERT?") into a standalone question.

    With an LLM, the rewrite prompt does it; offline (or if the LLM fails), the previous
    question is put in front, which gives retrieval the topic the follow-up refers to.
    """
    if not history:
        return question
    if chat is not None:
        messages = [
            {
                "role": "user",
                "content": prompts.render("rewrite", history=history, question=question),
            }
        ]
        try:
            rewritten = chat.complete(messages).text.strip().strip('"')
            if rewritten and len(rewritten) <= MAX_QUESTION_CHARS:
                return " ".join(rewritten.split())
        except LLMError as error:
            log.warning("follow-up rewriting failed, using the offline rewrite: %s", error)
    previous = [t["content"] for t in history if t["role"] == "user"]
    if not previous or not refers_back(question):
        return question
    return f"{previous[-1].rstrip()} {question}"[-MAX_QUESTION_CHARS:]


_REFERS_BACK = re.compile(
    r"^(and|or|but|also|so|then|what about|how about)\b"
    r"|\b(it|its|they|them|their|this|that|these|those|he|she|the (paper|model|method|approach))\b",
    re.IGNORECASE,
)


def refers_back(question: str) -> bool:
    """Whether a question leans on the conversation (offline rewriting only joins those).

    >>> refers_back("and how does it compare with BERT?"), refers_back("What is LAMB?")
    (True, False)
    """
    return bool(_REFERS_BACK.search(question)) or not tokenize(question)  # "why?"


def rebuild(settings: Settings) -> None:
    """Drop the collection and its lexical index so the next ingest starts afresh."""
    drop_collection(settings)


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The shared Assistant behind ``ask()``: settings from the environment and ``.env``; the
    index is built from the bundled corpus on first use, with progress shown."""
    global _default
    with _default_lock:
        if _default is None:
            from rag.config import load_settings

            assistant = Assistant(load_settings())
            assistant.ensure_index(progress=True)
            _default = assistant
        return _default


def ask(question: str, history: list[Any] | None = None, **options: Any) -> Answer:
    """A cited answer from the default assistant.

    Example: ``ask("Which papers pre-train byte-level language models?").text``
    """
    return default_assistant().ask(question, history, **options)


def search(question: str, k: int | None = None, filters: Filters | None = None) -> SearchResult:
    """Ranked papers and the answerable verdict, from the default assistant.

    Example: ``search("byte-level models", k=5).hits[0].title``
    """
    return default_assistant().search(question, k, filters)


def stream_ask(
    question: str, history: list[Any] | None = None, **options: Any
) -> Iterator[str | Answer]:
    """The answer text as it arrives, then the final Answer, from the default assistant."""
    return default_assistant().stream_ask(question, history, **options)
