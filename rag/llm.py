"""Talking to an OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio).

Retries with backoff on 429 (honouring Retry-After), 5xx and dropped connections are the
``openai`` client's own; this module sets their number and the timeout, and turns every failure
into an ``LLMError`` whose message says what to do and never contains the key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import openai

from rag.config import Settings, describe_endpoint
from rag.errors import LLMError

log = logging.getLogger(__name__)

# Local servers (Ollama, vLLM, LM Studio) accept any key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Completion:
    text: str
    usage: Usage = field(default_factory=Usage)
    model: str = ""


def make_client(settings: Settings) -> openai.OpenAI:
    import openai  # here, not at the top: offline answers never load the client (0.6 s)

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else PLACEHOLDER_KEY
    return openai.OpenAI(
        api_key=key,
        base_url=settings.llm_base_url or None,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )


@contextmanager
def translate_errors(settings: Settings | None = None) -> Iterator[None]:
    """Turn openai/httpx failures into one-sentence LLMErrors (no server body: it may echo the key)."""
    import openai

    where = describe_endpoint(settings) if settings else "the LLM endpoint"
    try:
        yield
    except openai.AuthenticationError:
        raise LLMError(
            f"{where} rejected the API key (HTTP 401): check OPENAI_API_KEY (or RAG_OPENAI_API_KEY)."
        ) from None
    except openai.PermissionDeniedError:
        raise LLMError(f"{where} refused access (HTTP 403): check the key's permissions.") from None
    except openai.NotFoundError:
        raise LLMError(
            f"{where} does not know this model or path (HTTP 404): check RAG_LLM_MODEL and "
            "RAG_LLM_BASE_URL (it usually ends in /v1)."
        ) from None
    except openai.RateLimitError:
        raise LLMError(
            f"{where} is rate-limiting requests (HTTP 429) even after retries: wait and ask again."
        ) from None
    except openai.APITimeoutError:
        raise LLMError(
            f"{where} did not answer in time: raise RAG_LLM_TIMEOUT or check the server."
        ) from None
    except openai.APIConnectionError:
        raise LLMError(
            f"Could not reach {where}: check that it is running and RAG_LLM_BASE_URL is right."
        ) from None
    except openai.APIStatusError as error:
        raise LLMError(
            f"{where} failed with HTTP {error.status_code}: try again, or check the server's logs."
        ) from None
    except openai.APIError:
        # e.g. a stream cut short or a malformed response
        raise LLMError(f"{where} broke off its answer: try again.") from None


class ChatModel:
    """A thin wrapper over one OpenAI-compatible chat model."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.llm_model
        self._client = make_client(settings)

    def complete(self, messages: list[dict[str, str]]) -> Completion:
        with translate_errors(self.settings):
            response = self._client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                temperature=self.settings.llm_temperature,
            )
        if not response.choices:
            raise LLMError(f"{describe_endpoint(self.settings)} returned no answer: try again.")
        usage = Usage()
        if response.usage:
            usage = Usage(response.usage.prompt_tokens, response.usage.completion_tokens)
        return Completion(response.choices[0].message.content or "", usage, response.model)

    def stream(self, messages: list[dict[str, str]], usage: Usage) -> Iterator[str]:
        """Yield text deltas as they arrive; fills ``usage`` if the server reports it."""
        finished = received = False
        try:
            with translate_errors(self.settings):
                stream = self._client.chat.completions.create(  # type: ignore[call-overload]
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    temperature=self.settings.llm_temperature,
                    stream=True,
                    stream_options={"include_usage": True},
                )
                for chunk in stream:
                    if chunk.usage:
                        usage.prompt_tokens = chunk.usage.prompt_tokens
                        usage.completion_tokens = chunk.usage.completion_tokens
                    for choice in chunk.choices:
                        if choice.delta and choice.delta.content:
                            received = True
                            yield choice.delta.content
                        if choice.finish_reason:
                            finished = True
        except LLMError:
            if not received:
                raise
            # The connection dropped mid-answer: say so, not "could not reach".
            finished = False
        if not finished:
            # A server that closes the stream early without an error still owes us a finish.
            raise LLMError(f"{describe_endpoint(self.settings)} broke off its answer: try again.")
