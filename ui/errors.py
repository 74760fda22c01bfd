"""How a library error reaches the page and API clients."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import gradio as gr

from rag.errors import RagError


@contextlib.contextmanager
def shown_on_page() -> Iterator[None]:
    """A ``RagError`` becomes its one-line message on the page, or for an API client:
    ``gr.Error`` reaches both even with ``show_error=False``, which hides everything else."""
    try:
        yield
    except RagError as error:
        raise gr.Error(str(error), print_exception=False) from None
