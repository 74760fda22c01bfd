"""The fake OpenAI server, exercised with the real ``openai`` client."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import openai
import pytest

from rag import fake_llm
from rag.fake_llm import (
    AuthError,
    CutStream,
    Error,
    FakeLLM,
    Hang,
    RateLimit,
    Reply,
    ServerError,
    split_deltas,
)

MESSAGES = [
    {"role": "system", "content": "Answer from the context."},
    {"role": "user", "content": "What is retrieval augmented generation?"},
]


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server


_clients: list[openai.OpenAI] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def client(llm: FakeLLM, **kwargs: object) -> openai.OpenAI:
    """The real client, no retries unless asked, closed after the test."""
    options: dict[str, object] = {"api_key": "sk-test", "max_retries": 0, "timeout": 5}
    options.update(kwargs)
    _clients.append(openai.OpenAI(base_url=llm.base_url, **options))  # type: ignore[arg-type]
    return _clients[-1]


def test_base_url_and_context_manager() -> None:
    with FakeLLM() as llm:
        assert llm.base_url.startswith("http://127.0.0.1:")
        assert llm.base_url.endswith("/v1")
        assert llm.port > 0
    with pytest.raises(RuntimeError):
        llm.base_url  # noqa: B018 - not running any more


def test_plain_reply(llm: FakeLLM) -> None:
    llm.enqueue("Retrieval augmented generation grounds answers [1].")
    reply = client(llm).chat.completions.create(model="gpt-test", messages=MESSAGES)
    assert reply.choices[0].message.content == "Retrieval augmented generation grounds answers [1]."
    assert reply.choices[0].message.role == "assistant"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.object == "chat.completion"
    assert reply.model == "gpt-test"
    assert reply.id.startswith("chatcmpl-")
    assert reply.usage is not None
    assert reply.usage.prompt_tokens == 9  # words in the messages
    assert reply.usage.completion_tokens == 6  # deltas in the reply
    assert reply.usage.total_tokens == 15


def test_default_reply_when_queue_is_empty(llm: FakeLLM) -> None:
    llm.default_text = "fallback"
    c = client(llm)
    texts = [
        c.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content
        for _ in range(2)
    ]
    assert texts == ["fallback", "fallback"]
    llm.default = Reply("scripted default", finish_reason="length")
    reply = c.chat.completions.create(model="m", messages=MESSAGES)
    assert reply.choices[0].message.content == "scripted default"
    assert reply.choices[0].finish_reason == "length"


def test_stream_arrives_in_order_with_usage(llm: FakeLLM) -> None:
    text = "one two three four five six seven"
    llm.enqueue(text)
    stream = client(llm).chat.completions.create(
        model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    deltas, finish, usage = [], [], []
    for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.choices:
            if chunk.choices[0].delta.content:
                deltas.append(chunk.choices[0].delta.content)
            finish.append(chunk.choices[0].finish_reason)
        if chunk.usage:
            assert chunk.choices == []  # usage rides on a final, choice-less chunk
            usage.append(chunk.usage)
    assert (
        deltas
        == split_deltas(text)
        == ["one ", "two ", "three ", "four ", "five ", "six ", "seven"]
    )
    assert finish[-1] == "stop" and set(finish[:-1]) == {None}
    assert len(usage) == 1 and usage[0].completion_tokens == 7
    sent = llm.sent_at
    assert len(sent) == 7 and sent == sorted(sent)
    assert llm.history[0].sent_at == sent


def test_stream_without_include_usage_has_no_usage(llm: FakeLLM) -> None:
    chunks = list(client(llm).chat.completions.create(model="m", messages=MESSAGES, stream=True))
    assert all(chunk.usage is None and chunk.choices for chunk in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == llm.default_text


def test_chunk_delay_spaces_the_deltas(llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    # Observed through the order of events, not elapsed seconds: the server pauses for
    # ``chunk_delay`` after each delta but the last (never before the first), and holds the next
    # delta back until the client has received the previous one on its own.
    pauses: list[tuple[float, int, bool]] = []  # (seconds, deltas sent so far, client got one)
    client_got_one = threading.Semaphore(0)
    real_wait = fake_llm._Handler._wait

    def wait(handler: fake_llm._Handler, seconds: float) -> None:
        if seconds:
            sent_so_far = len(llm.sent_at)
            got = client_got_one.acquire(timeout=5)  # a hang guard: released at once if streaming
            pauses.append((seconds, sent_so_far, got))
        real_wait(handler, seconds)

    monkeypatch.setattr(fake_llm._Handler, "_wait", wait)
    llm.enqueue(Reply("a b c d", chunk_delay=0.05))
    received = []
    for chunk in client(llm).chat.completions.create(model="m", messages=MESSAGES, stream=True):
        if chunk.choices and chunk.choices[0].delta.content:
            received.append(time.perf_counter())
            client_got_one.release()
    sent = llm.sent_at
    assert len(sent) == len(received) == 4
    assert pauses == [(0.05, 1, True), (0.05, 2, True), (0.05, 3, True)]
    # Same clock on both sides: each delta is received after it was sent, and before the next
    # one is sent (the deltas arrive separately, not buffered into one read).
    assert all(s <= r for s, r in zip(sent, received, strict=True)), (sent, received)
    assert all(r < s for r, s in zip(received, sent[1:], strict=False)), (sent, received)


def test_rate_limit_then_success_honours_retry_after(llm: FakeLLM) -> None:
    llm.enqueue(RateLimit(retry_after=0.7), "after the wait")
    reply = client(llm, max_retries=1).chat.completions.create(model="m", messages=MESSAGES)
    assert reply.choices[0].message.content == "after the wait"
    first, second = llm.history
    assert isinstance(first.behaviour, RateLimit) and isinstance(second.behaviour, Reply)
    assert first.headers["x-stainless-retry-count"] == "0"
    assert second.headers["x-stainless-retry-count"] == "1"
    # The client's own first backoff is at most 0.5 s, so waiting >= 0.7 s means it used the
    # fractional Retry-After (lower bound only: robust on a loaded machine).
    assert 0.7 <= second.received_at - first.received_at < 3


def test_rate_limit_without_retries_raises(llm: FakeLLM) -> None:
    llm.enqueue(RateLimit(retry_after="0.1"))
    with pytest.raises(openai.RateLimitError) as caught:
        client(llm).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "0.1"
    assert caught.value.code == "rate_limit_exceeded"


def test_401_raises_authentication_error(llm: FakeLLM) -> None:
    llm.enqueue(AuthError())
    with pytest.raises(openai.AuthenticationError) as caught:
        client(llm).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"
    assert caught.value.type == "invalid_request_error"


def test_api_key_check(llm: FakeLLM) -> None:
    llm.api_key = "sk-right"
    with pytest.raises(openai.AuthenticationError):
        client(llm, api_key="sk-wrong").chat.completions.create(model="m", messages=MESSAGES)
    reply = client(llm, api_key="sk-right").chat.completions.create(model="m", messages=MESSAGES)
    assert reply.choices[0].message.content == llm.default_text


def test_500_raises_internal_server_error(llm: FakeLLM) -> None:
    llm.enqueue(ServerError())
    with pytest.raises(openai.InternalServerError) as caught:
        client(llm).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.status_code == 500
    assert caught.value.type == "server_error"


def test_custom_error(llm: FakeLLM) -> None:
    llm.enqueue(Error(403, "No access (fake).", "permission_error", headers={"X-Extra": "yes"}))
    with pytest.raises(openai.PermissionDeniedError) as caught:
        client(llm).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.response.headers["x-extra"] == "yes"


def test_hang_beyond_timeout_raises_and_does_not_block_stop() -> None:
    llm = FakeLLM().start()
    try:
        llm.enqueue(Hang(30))
        start = time.perf_counter()
        with pytest.raises(openai.APITimeoutError):
            client(llm, timeout=0.5).chat.completions.create(model="m", messages=MESSAGES)
        assert 0.45 <= time.perf_counter() - start < 2
    finally:
        start = time.perf_counter()
        llm.stop()  # the handler is still "hanging": stop() must wake it
        assert time.perf_counter() - start < 1


def test_hang_shorter_than_timeout_answers(llm: FakeLLM) -> None:
    llm.enqueue(Hang(0.2, text="late but here"))
    start = time.perf_counter()
    reply = client(llm, timeout=2).chat.completions.create(model="m", messages=MESSAGES)
    assert reply.choices[0].message.content == "late but here"
    assert time.perf_counter() - start >= 0.2


def test_cut_stream_raises_connection_error(llm: FakeLLM) -> None:
    # Default framing is chunked, like real servers: an unterminated chunked body makes this
    # openai version raise APIConnectionError mid-iteration (cause: httpx2.RemoteProtocolError
    # "incomplete chunked read"), after yielding the deltas that did arrive.
    llm.enqueue(CutStream("alpha beta gamma delta", after=2))
    got: list[tuple[str | None, str | None]] = []
    with pytest.raises(openai.APIConnectionError) as caught:
        for chunk in client(llm).chat.completions.create(
            model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        ):
            got.append((chunk.choices[0].delta.content, chunk.choices[0].finish_reason))
    assert type(caught.value) is openai.APIConnectionError  # not the APITimeoutError subclass
    assert "incomplete chunked read" in str(caught.value.__cause__)
    assert got == [("", None), ("alpha ", None), ("beta ", None)]


def test_cut_stream_close_delimited_ends_silently(llm: FakeLLM) -> None:
    # With a close-delimited body the close is a clean end of body: iteration just stops,
    # without [DONE], without a finish_reason and without usage.
    llm.enqueue(CutStream("alpha beta gamma delta", after=3, chunked=False))
    chunks = list(
        client(llm).chat.completions.create(
            model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    assert [c.choices[0].delta.content for c in chunks] == ["", "alpha ", "beta ", "gamma "]
    assert all(c.choices[0].finish_reason is None and c.usage is None for c in chunks)


def test_cut_non_streaming_response_raises_connection_error(llm: FakeLLM) -> None:
    llm.enqueue(CutStream())
    with pytest.raises(openai.APIConnectionError):
        client(llm).chat.completions.create(model="m", messages=MESSAGES)


def test_server_survives_failures(llm: FakeLLM) -> None:
    llm.enqueue(CutStream(), Hang(30), "still alive")
    c = client(llm, timeout=0.3)
    with pytest.raises(openai.APIConnectionError):
        list(c.chat.completions.create(model="m", messages=MESSAGES, stream=True))
    with pytest.raises(openai.APITimeoutError):
        c.chat.completions.create(model="m", messages=MESSAGES)
    reply = c.chat.completions.create(model="m", messages=MESSAGES)
    assert reply.choices[0].message.content == "still alive"
    assert llm.pending == 0


def test_history_records_requests(llm: FakeLLM) -> None:
    c = client(llm, api_key="sk-secret-key")
    c.chat.completions.create(model="gpt-a", messages=MESSAGES, temperature=0.2)
    list(c.chat.completions.create(model="gpt-b", messages=MESSAGES[1:], stream=True))
    first, second = llm.history
    assert first.method == "POST" and first.path == "/v1/chat/completions"
    assert first.model == "gpt-a" and first.messages == MESSAGES
    assert first.json["temperature"] == 0.2
    assert not first.stream and second.stream
    assert second.model == "gpt-b"
    assert second.messages[0]["content"] == "What is retrieval augmented generation?"
    assert first.headers["authorization"] == "Bearer sk-secret-key"
    assert first.headers["content-type"] == "application/json"
    assert isinstance(first.behaviour, Reply)
    llm.reset()
    assert llm.history == [] and llm.sent_at == []


def test_history_is_thread_safe(llm: FakeLLM) -> None:
    c = client(llm)
    errors: list[BaseException] = []

    def ask(i: int) -> None:
        try:
            c.chat.completions.create(model=f"m{i}", messages=MESSAGES)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.model for r in llm.history) == sorted(f"m{i}" for i in range(16))


def test_embeddings_are_deterministic(llm: FakeLLM) -> None:
    c = client(llm)
    # The client asks for base64 by default and decodes it; ask for floats explicitly too.
    b64 = c.embeddings.create(model="emb", input=["first text", "second text"])
    floats = c.embeddings.create(model="emb", input="first text", encoding_format="float")
    assert [d.index for d in b64.data] == [0, 1]
    assert len(b64.data[0].embedding) == 8
    assert b64.data[0].embedding == floats.data[0].embedding == llm.embed("first text")
    assert b64.data[1].embedding == llm.embed("second text") != llm.embed("first text")
    assert abs(sum(x * x for x in b64.data[0].embedding) - 1) < 1e-5
    assert b64.model == "emb" and b64.usage.prompt_tokens == 4
    wide = c.embeddings.create(model="emb", input="first text", dimensions=32)
    assert len(wide.data[0].embedding) == 32
    llm.embedding_dim = 3
    assert len(c.embeddings.create(model="emb", input="x").data[0].embedding) == 3


def test_embeddings_can_fail(llm: FakeLLM) -> None:
    llm.enqueue(RateLimit(), endpoint="embeddings")
    with pytest.raises(openai.RateLimitError):
        client(llm).embeddings.create(model="emb", input="x")
    assert llm.pending == 0  # the chat queue is separate


def test_unknown_routes_are_404(llm: FakeLLM) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client(llm).models.list()
    assert caught.value.status_code == 404
    assert "GET /v1/models" in caught.value.message
    request = urllib.request.Request(f"{llm.base_url}/completions", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as http_error:
        urllib.request.urlopen(request, timeout=5)
    assert http_error.value.code == 404
    assert json.load(http_error.value)["error"]["type"] == "invalid_request_error"


def test_stop_with_idle_keep_alive_connection_is_fast() -> None:
    llm = FakeLLM().start()
    c = client(llm)
    c.chat.completions.create(model="m", messages=MESSAGES)  # leaves a pooled connection open
    start = time.perf_counter()
    llm.stop()
    assert time.perf_counter() - start < 1
