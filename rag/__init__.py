"""Question answering over research-paper abstracts, with cited answers.

Example (builds the index from the bundled corpus on first use)::

    from rag import ask
    answer = ask("Which papers pre-train byte-level language models?")
    print(answer.text)
"""

from rag.answer import NO_ANSWER, Answer, Citation, Source
from rag.assistant import Assistant, QuestionError, ask, search, stream_ask
from rag.config import Settings
from rag.records import Hit, Paper, SearchResult
from rag.retrieval import Filters

__all__ = [
    "NO_ANSWER",
    "Answer",
    "Assistant",
    "Citation",
    "Filters",
    "Hit",
    "Paper",
    "QuestionError",
    "SearchResult",
    "Settings",
    "Source",
    "ask",
    "search",
    "stream_ask",
]
