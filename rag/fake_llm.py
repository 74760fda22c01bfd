"""A test double for the tests and benchmarks: a real HTTP server speaking the OpenAI protocol
(chat completions and embeddings).

Only ``tests/`` and ``benchmarks/`` use it; the application never imports it (it lives in the
package so that both can import it as ``rag.fake_llm``, and the benchmarks never import ``tests``).

Standard library only: a ``ThreadingHTTPServer`` on ``127.0.0.1`` (free port) in a background
thread, so code under test can use the real ``openai`` client against ``llm.base_url``.

Responses are scripted with a queue, like simonw/llm's fake model: ``llm.enqueue(...)`` adds the
next behaviour (a string is short for ``Reply(text)``); when the queue is empty the server answers
``llm.default`` if set, else ``Reply(llm.default_text)``.

>>> import openai
>>> with FakeLLM() as llm:
...     llm.enqueue("Hello there", RateLimit(retry_after=0.05))
...     client = openai.OpenAI(base_url=llm.base_url, api_key="sk-test", max_retries=0)
...     reply = client.chat.completions.create(
...         model="m", messages=[{"role": "user", "content": "hi"}])
...     try:
...         client.chat.completions.create(model="m", messages=[])
...     except openai.RateLimitError as error:
...         status = error.status_code
...     client.close()
>>> reply.choices[0].message.content, status, llm.history[0].headers["authorization"]
('Hello there', 429, 'Bearer sk-test')

Behaviours (small dataclasses):

* ``Reply(text, chunk_delay=0, delay=0, ...)``: answer ``text``; streamed as one delta per word
  (see ``split_deltas``), ``chunk_delay`` seconds between deltas, ``delay`` seconds before answering.
* ``RateLimit(retry_after=0.1)``: HTTP 429 with a ``Retry-After`` header (seconds; may be fractional).
* ``ServerError()`` (500), ``AuthError()`` (401), ``Error(status, message, type, code, headers)``:
  OpenAI-style JSON body ``{"error": {"message", "type", "param", "code"}}``.
* ``Hang(seconds, text=None)``: wait, then answer. ``stop()`` wakes a hanging handler at once.
* ``CutStream(text, after=2, chunked=True)``: send ``after`` deltas and close the connection with
  neither a ``finish_reason`` nor ``[DONE]``. ``chunked=True`` (as real servers frame SSE) leaves a
  chunked body unterminated: the openai client raises ``openai.APIConnectionError``.
  ``chunked=False`` frames the body by connection close, so the close is a clean end of body: the
  client's iteration just stops, with no ``finish_reason`` ever seen. For a non-streaming request
  the server sends half of the JSON body promised by ``Content-Length``, then closes.
* ``Malformed(body, after=0)``: HTTP 200 whose body is ``body`` (by default not valid JSON; any
  string, e.g. valid JSON of the wrong shape). A stream sends ``after`` good deltas, then one SSE
  event whose data is ``body``, then ``[DONE]``. On ``/v1/embeddings`` the body is sent as is.

Each queue is per endpoint: ``enqueue(..., endpoint="embeddings")`` scripts ``/v1/embeddings``
(errors and hangs apply; any reply-like behaviour means "answer normally").

``llm.history`` is a snapshot list of ``RecordedRequest`` (``.json`` parsed body, ``.headers`` dict
with lower-case names, ``.path``, ``.model``, ``.messages``, ``.sent_at``). ``llm.sent_at`` lists,
for each streamed content delta (all responses, in order), the ``time.perf_counter()`` taken
immediately before its bytes were written to the (unbuffered, TCP_NODELAY) socket: a client in the
same process that notes ``perf_counter()`` on receipt gets latency ``received - sent >= 0``. (Taken
after the write instead, a fast client could already hold the delta and the latency go negative.)
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import itertools
import json
import re
import socket
import socketserver
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union
from urllib.parse import urlsplit

__all__ = [
    "AuthError",
    "Behaviour",
    "CutStream",
    "Error",
    "FakeLLM",
    "Hang",
    "Malformed",
    "RateLimit",
    "RecordedRequest",
    "Reply",
    "ServerError",
    "split_deltas",
]


# --------------------------------------------------------------------------- behaviours


@dataclass
class Reply:
    """Answer with ``text``. ``chunks`` overrides how a stream splits it into deltas."""

    text: str = "OK"
    chunk_delay: float = 0.0  # seconds between streamed deltas
    delay: float = 0.0  # seconds before the response starts
    finish_reason: str = "stop"
    chunks: list[str] | None = None
    prompt_tokens: int | None = None  # usage overrides; default: rough word counts
    completion_tokens: int | None = None
    model: str | None = None  # default: echo the request's model


@dataclass
class Error:
    """An HTTP error with an OpenAI-style JSON body."""

    status: int = 400
    message: str = "Bad request."
    type: str = "invalid_request_error"
    code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    retry_after: float | str | None = None  # -> Retry-After header (seconds)


@dataclass
class RateLimit(Error):
    status: int = 429
    message: str = "Rate limit reached for requests (fake)."
    type: str = "requests"
    code: str | None = "rate_limit_exceeded"
    retry_after: float | str | None = 0.1


@dataclass
class ServerError(Error):
    status: int = 500
    message: str = "The server had an error while processing your request (fake)."
    type: str = "server_error"
    code: str | None = None


@dataclass
class AuthError(Error):
    status: int = 401
    message: str = "Incorrect API key provided (fake)."
    type: str = "invalid_request_error"
    code: str | None = "invalid_api_key"


@dataclass
class Hang:
    """Wait ``seconds`` before answering ``text`` (None: the default reply)."""

    seconds: float = 5.0
    text: str | None = None


@dataclass
class CutStream:
    """Send ``after`` deltas of ``text``, then close: no finish_reason, no ``[DONE]``."""

    text: str = "this answer is cut short before its end"
    after: int = 2
    chunked: bool = True  # False: close-delimited body, so the close looks like a clean end
    chunk_delay: float = 0.0


@dataclass
class Malformed:
    """Answer HTTP 200 with ``body`` (not valid JSON by default) where JSON is due."""

    body: str = '{"id": "chatcmpl-broken", "choices": [{"index": 0, message: }'
    after: int = 0  # streams: good deltas of ``text`` sent before the malformed event
    text: str = "this answer turns into garbage"


Behaviour = Union[Reply, Error, Hang, CutStream, Malformed]  # noqa: UP007 - a runtime alias on 3.10


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    json: Any  # parsed body; None if absent or not JSON
    raw: bytes = b""
    received_at: float = 0.0  # time.perf_counter()
    behaviour: Behaviour | None = None
    sent_at: list[float] = field(default_factory=list)  # per streamed content delta

    @property
    def model(self) -> str | None:
        return self.json.get("model") if isinstance(self.json, dict) else None

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.json.get("messages", []) if isinstance(self.json, dict) else []

    @property
    def stream(self) -> bool:
        return bool(isinstance(self.json, dict) and self.json.get("stream"))


def split_deltas(text: str) -> list[str]:
    """Split into word-sized deltas that join back to ``text`` exactly.

    >>> split_deltas("Hello  brave new\\nworld ")
    ['Hello  ', 'brave ', 'new\\n', 'world ']
    >>> split_deltas("")
    []
    """
    return re.findall(r"\s*\S+\s*", text) or ([text] if text else [])


def _count_words(value: Any) -> int:
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, list):
        return sum(_count_words(v) for v in value)
    if isinstance(value, dict):
        return _count_words(value.get("content")) + _count_words(value.get("text"))
    return 0


# --------------------------------------------------------------------------- HTTP plumbing


class _Abort(Exception):
    """Drop the connection without (finishing) a response."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeLLM

    def server_bind(self) -> None:
        # Skip HTTPServer.server_bind's socket.getfqdn(), which can stall on a reverse DNS lookup.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        me = threading.current_thread()
        with self.fake._lock:
            self.fake._threads.add(me)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.fake._lock:
                self.fake._threads.discard(me)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeLLM/1.0"
    server: _Server

    # -- connection lifecycle

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.fake._lock:
            self.fake._conns.add(self.connection)

    def handle(self) -> None:
        # The peer going away (client timeout, stop()) is routine here, not an error to print.
        with contextlib.suppress(OSError):
            super().handle()

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.fake._lock:
            self.fake._conns.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        if self.fake.verbose:
            super().log_message(format, *args)

    @property
    def fake(self) -> FakeLLM:
        return self.server.fake

    # -- routing

    def do_POST(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body: Any = None
        bad_json = False
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                bad_json = True
        rec = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            json=body,
            raw=raw,
            received_at=time.perf_counter(),
        )
        self.fake._record(rec)
        path = urlsplit(self.path).path.rstrip("/")
        try:
            if self.command != "POST" or path not in ("/v1/chat/completions", "/v1/embeddings"):
                self._send_error(
                    Error(404, f"Invalid URL ({self.command} {urlsplit(self.path).path})")
                )
            elif bad_json or not isinstance(body, dict):
                self._send_error(Error(400, "We could not parse the JSON body of your request."))
            elif not self._authorised(rec):
                self._send_error(AuthError())
            elif path == "/v1/chat/completions":
                self._chat(rec)
            else:
                self._embeddings(rec)
        except _Abort:
            self.close_connection = True

    def _authorised(self, rec: RecordedRequest) -> bool:
        key = self.fake.api_key
        return key is None or rec.headers.get("authorization") == f"Bearer {key}"

    # -- helpers

    def _wait(self, seconds: float) -> None:
        """Sleep, but give up (and drop the connection) as soon as the server stops."""
        if seconds > 0 and self.fake._stopping.wait(seconds):
            raise _Abort

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", f"req_fake{next(self.fake._ids)}")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_raw(self, status: int, data: bytes) -> None:
        """A JSON-typed response whose body is ``data`` as is (valid JSON or not)."""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_error(self, error: Error) -> None:
        headers = dict(error.headers)
        if error.retry_after is not None:
            ra = error.retry_after
            headers["Retry-After"] = ra if isinstance(ra, str) else f"{ra:g}"
        body = {
            "error": {
                "message": error.message,
                "type": error.type,
                "param": None,
                "code": error.code,
            }
        }
        self._send_json(error.status, body, headers)

    def _resolve(
        self, rec: RecordedRequest, endpoint: str
    ) -> Reply | Error | CutStream | Malformed:
        """Pop the next behaviour; answer errors and sit out hangs and delays here."""
        behaviour = self.fake._next(endpoint)
        rec.behaviour = behaviour
        if isinstance(behaviour, Hang):
            self._wait(behaviour.seconds)
            text = behaviour.text
            behaviour = Reply(self.fake.default_text if text is None else text)
        if isinstance(behaviour, Reply):
            self._wait(behaviour.delay)
        return behaviour

    # -- /v1/chat/completions

    def _chat(self, rec: RecordedRequest) -> None:
        body = rec.json
        behaviour = self._resolve(rec, "chat")
        if isinstance(behaviour, Error):
            self._send_error(behaviour)
            return
        if isinstance(behaviour, Malformed) and not body.get("stream"):
            self._send_raw(200, behaviour.body.encode())
            return
        reply = behaviour if isinstance(behaviour, Reply) else Reply(behaviour.text)
        cut = behaviour if isinstance(behaviour, CutStream) else None
        malformed = behaviour if isinstance(behaviour, Malformed) else None
        parts = reply.chunks if reply.chunks is not None else split_deltas(reply.text)
        model = reply.model or body.get("model") or "fake-model"
        prompt_tokens = (
            reply.prompt_tokens
            if reply.prompt_tokens is not None
            else _count_words(body.get("messages", []))
        )
        completion_tokens = (
            reply.completion_tokens if reply.completion_tokens is not None else len(parts)
        )
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        ident = f"chatcmpl-fake{next(self.fake._ids)}"
        created = int(time.time())
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._stream(
                rec, ident, created, model, parts, reply, cut, usage, include_usage, malformed
            )
            return
        completion = {
            "id": ident,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "system_fingerprint": None,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "".join(parts), "refusal": None},
                    "logprobs": None,
                    "finish_reason": reply.finish_reason,
                }
            ],
            "usage": usage,
        }
        if cut is None:
            self._send_json(200, completion)
            return
        data = json.dumps(completion).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        raise _Abort

    def _stream(
        self,
        rec: RecordedRequest,
        ident: str,
        created: int,
        model: str,
        parts: list[str],
        reply: Reply,
        cut: CutStream | None,
        usage: dict[str, int],
        include_usage: bool,
        malformed: Malformed | None = None,
    ) -> None:
        chunked = cut.chunked if cut else True
        chunk_delay = cut.chunk_delay if cut else reply.chunk_delay
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

        def event(payload: Any) -> float:
            """Write one SSE frame; return the perf_counter() taken just before the write."""
            data = b"data: " + (
                payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            )
            data += b"\n\n"
            if chunked:
                data = b"%X\r\n%s\r\n" % (len(data), data)
            when = time.perf_counter()
            self.wfile.write(data)  # unbuffered (wbufsize=0) and TCP_NODELAY: on the wire now
            self.wfile.flush()
            return when

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
            out: dict[str, Any] = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": None,
                "choices": [
                    {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
                ],
            }
            if include_usage:
                out["usage"] = None
            return out

        event(chunk({"role": "assistant", "content": "", "refusal": None}))
        limit = cut.after if cut else malformed.after if malformed else None
        for i, part in enumerate(parts[:limit]):
            if i:
                self._wait(chunk_delay)
            self.fake._sent(rec, event(chunk({"content": part})))
        if cut:
            raise _Abort
        if malformed:
            event(malformed.body.encode())
            event(b"[DONE]")
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
            return
        event(chunk({}, reply.finish_reason))
        if include_usage:
            final = chunk({})
            final["choices"] = []
            final["usage"] = usage
            event(final)
        event(b"[DONE]")
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    # -- /v1/embeddings

    def _embeddings(self, rec: RecordedRequest) -> None:
        body = rec.json
        behaviour = self._resolve(rec, "embeddings")
        if isinstance(behaviour, Error):
            self._send_error(behaviour)
            return
        if isinstance(behaviour, Malformed):
            self._send_raw(200, behaviour.body.encode())
            return
        inputs = body.get("input")
        if isinstance(inputs, str) or (
            isinstance(inputs, list) and inputs and all(isinstance(x, int) for x in inputs)
        ):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs:
            self._send_error(Error(400, "'input' must be a string or a non-empty array."))
            return
        dim = int(body.get("dimensions") or self.fake.embedding_dim)
        as_base64 = body.get("encoding_format") == "base64"
        data = []
        for index, item in enumerate(inputs):
            vector = self.fake.embed(item, dim)
            encoded: Any = (
                base64.b64encode(struct.pack(f"<{dim}f", *vector)).decode() if as_base64 else vector
            )
            data.append({"object": "embedding", "index": index, "embedding": encoded})
        tokens = sum(_count_words(x) if isinstance(x, str) else len(x) for x in inputs)
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": body.get("model") or "fake-embedding",
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )


# --------------------------------------------------------------------------- the fake


class FakeLLM:
    """An OpenAI-compatible HTTP server on 127.0.0.1; ``with FakeLLM() as llm:`` runs it."""

    def __init__(
        self,
        default_text: str = "This is the fake model's default reply.",
        *,
        embedding_dim: int = 8,
        api_key: str | None = None,
        verbose: bool = False,
        keep_history: bool = True,
        port: int = 0,
    ) -> None:
        self.default_text = default_text
        self.default: Behaviour | None = None  # if set, used instead of Reply(default_text)
        self.embedding_dim = embedding_dim
        self.api_key = api_key  # if set, any other bearer token gets a 401
        self.verbose = verbose  # log requests to stderr
        self.keep_history = keep_history  # False for long runs: requests are not kept
        self._port = port  # 0: a free one
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Behaviour]] = {"chat": deque(), "embeddings": deque()}
        self._history: list[RecordedRequest] = []
        self._sent_at: list[float] = []
        self._ids = itertools.count(1)
        self._conns: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle

    def start(self) -> FakeLLM:
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server(("127.0.0.1", self._port), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeLLM", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()  # wakes hangs and inter-delta delays
        server.shutdown()
        with self._lock:
            conns, threads = list(self._conns), list(self._threads)
        for conn in conns:  # ends idle keep-alive reads and half-written responses
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        thread.join(timeout=5)
        for t in threads:
            t.join(timeout=2)
        self._server = self._thread = None

    def __enter__(self) -> FakeLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeLLM is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- scripting

    def enqueue(self, *behaviours: Behaviour | str, endpoint: str = "chat") -> None:
        """Queue the next responses; a plain string means ``Reply(text)``."""
        if endpoint not in self._queues:
            raise ValueError(f"endpoint must be one of {sorted(self._queues)}")
        with self._lock:
            for b in behaviours:
                self._queues[endpoint].append(Reply(b) if isinstance(b, str) else b)

    @property
    def pending(self) -> int:
        """How many chat behaviours are still queued."""
        with self._lock:
            return len(self._queues["chat"])

    def reset(self) -> None:
        """Forget queued behaviours, history and timestamps."""
        with self._lock:
            for queue in self._queues.values():
                queue.clear()
            self._history.clear()
            self._sent_at.clear()

    # -- observations

    @property
    def history(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._history)

    @property
    def sent_at(self) -> list[float]:
        with self._lock:
            return list(self._sent_at)

    def embed(self, item: Any, dim: int | None = None) -> list[float]:
        """The deterministic unit vector served for ``item`` (float32-exact values)."""
        dim = dim or self.embedding_dim
        key = item if isinstance(item, str) else json.dumps(item)
        # One hash stretched to the whole vector: cheap enough (~0.1 ms at 384-d) that a bulk
        # ingest benchmark measures the client's pipeline, not this server.
        digest = hashlib.shake_256(key.encode()).digest(4 * dim)
        raw = [x / 2**31 - 1.0 for x in struct.unpack(f"<{dim}I", digest)]
        norm = sum(x * x for x in raw) ** 0.5 or 1.0
        return list(struct.unpack(f"<{dim}f", struct.pack(f"<{dim}f", *(x / norm for x in raw))))

    # -- used by the handler

    def _record(self, rec: RecordedRequest) -> None:
        if not self.keep_history:
            return
        with self._lock:
            self._history.append(rec)

    def _sent(self, rec: RecordedRequest, when: float) -> None:
        with self._lock:
            rec.sent_at.append(when)
            self._sent_at.append(when)

    def _next(self, endpoint: str) -> Behaviour:
        with self._lock:
            if self._queues[endpoint]:
                return self._queues[endpoint].popleft()
        return self.default if self.default is not None else Reply(self.default_text)


def main(argv: list[str] | None = None) -> None:
    """``python -m rag.fake_llm --port 8089 --embedding-dim 384``: serve until stopped (a
    stand-in embeddings endpoint in another process, for benchmarks and trying things out);
    prints the base URL first."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m rag.fake_llm", description=main.__doc__)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--embedding-dim", type=int, default=8)
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds before each answer (a remote server)"
    )
    args = parser.parse_args(argv)
    fake = FakeLLM(embedding_dim=args.embedding_dim, keep_history=False, port=args.port)
    fake.default = Reply(delay=args.latency)
    with fake:
        print(fake.base_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
