"""Question answering over research-paper abstracts, with cited answers.

Example (builds the index from the bundled corpus on first use)::

    from rag import ask
    answer = ask("Which papers pre-train byte-level language models?")
    print(answer.text)

Names are imported on first use, so ``import rag`` (and ``rag --help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> the module that defines it
_EXPORTS = {
    "NO_ANSWER": "rag.prompts",
    "Answer": "rag.answer",
    "AnswerOptions": "rag.answer",
    "AnswerStream": "rag.answer",
    "Citation": "rag.answer",
    "Source": "rag.answer",
    "Assistant": "rag.assistant",
    "ask": "rag.assistant",
    "search": "rag.assistant",
    "stream_ask": "rag.assistant",
    "Settings": "rag.config",
    "RagError": "rag.errors",
    "QuestionError": "rag.errors",
    "Question": "rag.question",
    "Hit": "rag.records",
    "Paper": "rag.records",
    "SearchResult": "rag.records",
    "Filters": "rag.retrieval",
}
__all__ = [  # the same names as _EXPORTS, spelled out for linters and readers
    "NO_ANSWER",
    "Answer",
    "AnswerOptions",
    "AnswerStream",
    "Assistant",
    "Citation",
    "Filters",
    "Hit",
    "Paper",
    "Question",
    "QuestionError",
    "RagError",
    "SearchResult",
    "Settings",
    "Source",
    "ask",
    "search",
    "stream_ask",
]

if TYPE_CHECKING:
    from rag.answer import Answer, AnswerOptions, AnswerStream, Citation, Source
    from rag.assistant import Assistant, ask, search, stream_ask
    from rag.config import Settings
    from rag.errors import QuestionError, RagError
    from rag.prompts import NO_ANSWER
    from rag.question import Question
    from rag.records import Hit, Paper, SearchResult
    from rag.retrieval import Filters


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rag' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value
