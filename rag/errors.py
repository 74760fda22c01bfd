"""One family of errors: everything a user can cause or fix is a ``RagError``.

Each message says what happened and what to do, in one sentence, and never holds a key; the CLI
prints it on one line (``--debug`` or ``RAG_DEBUG=1`` adds the traceback).

>>> issubclass(QuestionError, RagError) and issubclass(IndexMismatchError, StoreError)
True
"""

from __future__ import annotations


class RagError(Exception):
    """Base of every error a user can act on."""


class QuestionError(RagError, ValueError):
    """The question cannot be asked as it is (empty, too long)."""


class InputError(RagError, ValueError):
    """A file or argument the user gave cannot be read."""


class StoreError(RagError):
    """The index cannot be used: missing, unreachable Chroma server, unreadable."""


class IndexMismatchError(StoreError):
    """The index was built by another embedder."""


class EmbedderError(RagError):
    """The embedder cannot run (model files missing or corrupt, endpoint failing)."""


class LLMError(RagError):
    """The LLM could not answer; the message is safe to show to the user."""


class PromptError(RagError):
    """A prompt template file is missing or uses variables it may not."""
