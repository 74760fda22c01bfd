"""Question answering over research-paper abstracts, with cited answers.

>>> from rag import ask
>>> answer = ask("Which papers pre-train byte-level language models?")  # doctest: +SKIP
>>> print(answer.text)                                                 # doctest: +SKIP
"""

from rag.assistant import Assistant, QuestionError
from rag.config import Settings
from rag.records import Hit, Paper, SearchResult

__all__ = ["Assistant", "Hit", "Paper", "QuestionError", "SearchResult", "Settings"]
