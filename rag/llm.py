"""Talking to an OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, LM Studio).

One deadline per answer: ``Settings.llm_timeout`` bounds the whole call, retries and their
backoff included (each attempt may use only the time left, and no retry starts once it is
spent); a streamed answer must also finish within it. Retries (on 429 honouring Retry-After, on
5xx and on dropped connections) are this module's, inside that deadline. Every failure, a
malformed response included, becomes an ``LLMError`` whose message says what to do and never
contains the key; the caller falls back to the extractive answer.

Credentials in a base URL (``http://user:key@host/v1``) are removed from every line the
``httpx``, ``httpcore`` and ``openai`` loggers write (``RedactCredentials``).
"""

from __future__ import annotations

import email.utils
import logging
import queue
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import openai

from rag.config import Settings, describe_endpoint
from rag.errors import LLMError

log = logging.getLogger(__name__)

# Local servers (Ollama, vLLM, LM Studio) accept any key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"

# Backoff between retries when the server does not say (Retry-After): as the openai client's.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is not waited for

# What a malformed response surfaces as: invalid JSON (json.JSONDecodeError is a ValueError),
# pydantic validation errors (ValueError), and fields of the wrong shape met while reading it.
MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError)


# --------------------------------------------------------------------------- logging


CREDENTIALS = re.compile(r"//[^/\s]*@")
# The loggers that may print a request URL: the openai client's and its HTTP stack's (recent
# openai releases ship their own fork of httpx/httpcore as httpx2/httpcore2).
HTTP_LOGGER_FAMILIES = ("httpx", "httpx2", "httpcore", "httpcore2", "openai")
REDACTED_LOGGERS = (
    "httpx",
    "httpx2",
    *(
        f"{family}.{name}"
        for family in ("httpcore", "httpcore2")
        for name in ("connection", "http11", "http2", "proxy", "socks")
    ),
    "openai",
    "openai._base_client",
    "openai._response",
    "openai._legacy_response",
)


def redact(text: str) -> str:
    """``text`` with the ``user:password@`` of every URL in it removed.

    >>> redact("HTTP Request: POST http://me:sk-123@host:8/v1/chat 200")
    'HTTP Request: POST http://host:8/v1/chat 200'
    """
    return CREDENTIALS.sub("//", text)


def _redacted(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value  # keeps %d / %f formatting working
    text = value if isinstance(value, str) else str(value)
    return redact(text) if CREDENTIALS.search(text) else value


class RedactCredentials(logging.Filter):
    """Rewrites ``//user:pass@`` to ``//`` in a record's message and arguments (httpx logs
    the request URL, with any credentials in it, at INFO)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redacted(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redacted(value) for value in record.args)
        return True


_REDACTOR = RedactCredentials()


def install_log_redaction() -> None:
    """Put ``RedactCredentials`` on the HTTP loggers (a logger's filters see only the records
    logged on it, not its children's, so every known logger of these families gets one)."""
    known = [
        name
        for name in list(logging.root.manager.loggerDict)
        if name.split(".")[0] in HTTP_LOGGER_FAMILIES
    ]
    for name in {*REDACTED_LOGGERS, *known}:
        logger = logging.getLogger(name)
        if _REDACTOR not in logger.filters:
            logger.addFilter(_REDACTOR)


install_log_redaction()


# --------------------------------------------------------------------------- results


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Completion:
    text: str
    usage: Usage = field(default_factory=Usage)
    model: str = ""


class Deadline:
    """A point in time by which the answer must be complete.

    >>> Deadline(30).remaining() > 29
    True
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.remaining() <= 0


def make_client(settings: Settings) -> openai.OpenAI:
    import openai  # here, not at the top: offline answers never load the client (0.6 s)

    install_log_redaction()  # again: importing openai may have created more loggers
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else PLACEHOLDER_KEY
    return openai.OpenAI(
        api_key=key,
        base_url=settings.llm_base_url or None,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )


def timeout_error(settings: Settings | None) -> LLMError:
    where = describe_endpoint(settings) if settings else "the LLM endpoint"
    return LLMError(f"{where} did not answer in time: raise RAG_LLM_TIMEOUT or check the server.")


def malformed_error(settings: Settings | None) -> LLMError:
    where = describe_endpoint(settings) if settings else "the LLM endpoint"
    return LLMError(
        f"{where} sent a malformed response: try again, or check that RAG_LLM_BASE_URL points "
        "at an OpenAI-compatible endpoint."
    )


def _transport_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(timeout, transport) exception classes of the HTTP libraries the openai client may use,
    for the rare failure it does not wrap in its own errors."""
    timeouts: list[type[BaseException]] = []
    transport: list[type[BaseException]] = []
    for name in ("httpx", "httpx2"):
        module = sys.modules.get(name)
        if module is not None:
            timeouts.append(module.TimeoutException)
            transport.append(module.TransportError)
    return tuple(timeouts), tuple(transport)


@contextmanager
def translate_errors(settings: Settings | None = None) -> Iterator[None]:
    """Turn openai/httpx failures into one-sentence LLMErrors (no server body: it may echo the key)."""
    import openai

    timeouts, transport = _transport_errors()
    timed_out: tuple[type[BaseException], ...] = (openai.APITimeoutError, *timeouts)
    broke_off: tuple[type[BaseException], ...] = (openai.APIError, *transport)
    where = describe_endpoint(settings) if settings else "the LLM endpoint"
    try:
        yield
    except LLMError:
        raise
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
    except timed_out:
        raise timeout_error(settings) from None
    except openai.APIConnectionError:
        raise LLMError(
            f"Could not reach {where}: check that it is running and RAG_LLM_BASE_URL is right."
        ) from None
    except openai.APIStatusError as error:
        raise LLMError(
            f"{where} failed with HTTP {error.status_code}: try again, or check the server's logs."
        ) from None
    except openai.APIResponseValidationError:
        raise malformed_error(settings) from None
    except broke_off:
        # e.g. a stream cut short
        raise LLMError(f"{where} broke off its answer: try again.") from None
    except MALFORMED as error:
        # Invalid JSON or fields of the wrong shape; the details only at DEBUG (the body might
        # hold anything, and the message must stay one safe sentence).
        log.debug("malformed response from %s: %s", where, type(error).__name__)
        raise malformed_error(settings) from None


def should_retry(error: BaseException) -> bool:
    """Whether a failed attempt is worth another (as the openai client decides)."""
    import openai

    if isinstance(error, openai.APIStatusError):
        header = error.response.headers.get("x-should-retry")
        if header in ("true", "false"):
            return header == "true"
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    return isinstance(error, openai.APIConnectionError)  # timeouts included


def retry_delay(error: BaseException, retries_taken: int) -> float:
    """Seconds to wait before the next attempt: the server's Retry-After if it gives a sane one,
    else exponential backoff with jitter."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None) or {}
    wait: float | None = None
    try:
        if headers.get("retry-after-ms"):
            wait = float(headers["retry-after-ms"]) / 1000
        elif headers.get("retry-after"):
            value = headers["retry-after"]
            try:
                wait = float(value)
            except ValueError:
                when = email.utils.parsedate_to_datetime(value)
                wait = when.timestamp() - time.time()
    except (TypeError, ValueError):
        wait = None
    if wait is not None and 0 <= wait <= MAX_RETRY_AFTER:
        return wait
    backoff = min(INITIAL_RETRY_DELAY * 2**retries_taken, MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


class ChatModel:
    """A thin wrapper over one OpenAI-compatible chat model; safe to share between threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model = settings.llm_model
        # Retries are ours (within the deadline), so the client makes one attempt per call.
        self._client = make_client(settings).with_options(max_retries=0)

    def deadline(self) -> Deadline:
        """A fresh deadline of ``llm_timeout`` seconds (pass one to several calls to share it)."""
        return Deadline(self.settings.llm_timeout)

    def _create(
        self, deadline: Deadline, cancelled: threading.Event | None = None, **request: Any
    ) -> Any:
        """One chat.completions.create within ``deadline``, retried while time and retries last.

        Raises the openai/httpx error of the last attempt (translate_errors turns it into an
        LLMError) or, when no time is left for an attempt, the timeout LLMError.
        """
        retries = max(0, self.settings.llm_max_retries)
        for attempt in range(retries + 1):
            remaining = deadline.remaining()
            if remaining <= 0:
                raise timeout_error(self.settings)
            try:
                return self._client.chat.completions.create(
                    model=self.model,
                    temperature=self.settings.llm_temperature,
                    timeout=remaining,
                    **request,
                )
            except Exception as error:
                if attempt == retries or not should_retry(error):
                    raise
                delay = retry_delay(error, attempt)
                if delay >= deadline.remaining():
                    raise  # no time left for another attempt: report this one's failure
                log.info(
                    "%s failed (%s); retry %d of %d in %.2f s",
                    describe_endpoint(self.settings),
                    type(error).__name__,
                    attempt + 1,
                    retries,
                    delay,
                )
                if cancelled is None:
                    time.sleep(delay)
                elif cancelled.wait(delay):  # the reader of a stream nobody reads any more
                    raise timeout_error(self.settings) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def complete(
        self, messages: list[dict[str, str]], deadline: Deadline | None = None
    ) -> Completion:
        deadline = deadline or self.deadline()
        with translate_errors(self.settings):
            response = self._create(deadline, messages=messages)
            if not response.choices:
                raise LLMError(f"{describe_endpoint(self.settings)} returned no answer: try again.")
            content = response.choices[0].message.content
            if content is not None and not isinstance(content, str):
                raise TypeError("message content is not text")
            usage = Usage()
            if response.usage:
                usage = Usage(
                    int(response.usage.prompt_tokens), int(response.usage.completion_tokens)
                )
            return Completion(content or "", usage, str(response.model or ""))

    def stream(
        self, messages: list[dict[str, str]], usage: Usage, deadline: Deadline | None = None
    ) -> Iterator[str]:
        """Yield text deltas as they arrive; fills ``usage`` if the server reports it.

        The whole stream must end by the deadline: the response is read on a helper thread, so
        a server that stalls mid-answer is given up at the deadline, not a read timeout later.
        """
        deadline = deadline or self.deadline()
        events: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        cancelled = threading.Event()
        reader = threading.Thread(
            target=self._read_stream,
            args=(messages, deadline, events.put, cancelled),
            name="llm-stream",
            daemon=True,
        )
        reader.start()
        finished = received = False
        where = describe_endpoint(self.settings)
        try:
            while True:
                try:
                    remaining = deadline.remaining()
                    if remaining <= 0:
                        raise queue.Empty
                    kind, value = events.get(timeout=remaining)
                except queue.Empty:
                    if not received:
                        raise timeout_error(self.settings) from None
                    raise LLMError(
                        f"{where} did not finish its answer within {deadline.seconds:g} s: "
                        "raise RAG_LLM_TIMEOUT or check the server."
                    ) from None
                if kind == "delta":
                    received = True
                    yield value
                elif kind == "usage":
                    usage.prompt_tokens, usage.completion_tokens = value
                elif kind == "finish":
                    finished = True
                elif kind == "error":
                    if not received:
                        raise value
                    # The connection dropped or the data turned bad mid-answer: say so.
                    finished = False
                    break
                else:  # "end"
                    break
        finally:
            cancelled.set()  # the reader stops at its next chunk (or its read timeout)
        if not finished:
            # A server that closes the stream early without an error still owes us a finish.
            raise LLMError(f"{where} broke off its answer: try again.")

    def _read_stream(
        self,
        messages: list[dict[str, str]],
        deadline: Deadline,
        put: Callable[[tuple[str, Any]], None],
        cancelled: threading.Event,
    ) -> None:
        """The helper thread of ``stream``: read the response into ``put`` as events."""
        try:
            with translate_errors(self.settings):
                stream = self._create(
                    deadline,
                    cancelled,
                    messages=messages,
                    stream=True,
                    stream_options={"include_usage": True},
                )
                with stream:
                    for chunk in stream:
                        if cancelled.is_set():
                            return
                        if chunk.usage:
                            put(
                                (
                                    "usage",
                                    (
                                        int(chunk.usage.prompt_tokens),
                                        int(chunk.usage.completion_tokens),
                                    ),
                                )
                            )
                        for choice in chunk.choices:
                            content = choice.delta.content if choice.delta else None
                            if content:
                                if not isinstance(content, str):
                                    raise TypeError("delta content is not text")
                                put(("delta", content))
                            if choice.finish_reason:
                                put(("finish", None))
            put(("end", None))
        except LLMError as error:
            put(("error", error))
        except BaseException:  # never leave the reader's failure unreported
            log.debug("the LLM stream reader failed", exc_info=True)
            put(
                (
                    "error",
                    LLMError(
                        f"{describe_endpoint(self.settings)} broke off its answer: try again."
                    ),
                )
            )
