"""Section 5: answer latency, extractive and LLM (against FakeLLM, which answers at once).

FakeLLM (rag/fake_llm.py, the test double shared with the tests) is a real HTTP server speaking
the OpenAI protocol, so the LLM path runs the real ``openai`` client end to end; with the server
answering instantly, what is left is the time ask() adds. FakeLLM stamps each streamed delta with
``time.perf_counter()`` right before writing it to the socket, in this process, which is what lets
us time delivery.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from typing import Any

import openai

from benchmarks.common import (
    dev_questions,
    make_settings,
    percentile,
    section,
    table,
    target_note,
    time_ms,
)
from benchmarks.context import Bench
from rag.answer import build_messages
from rag.assistant import Assistant
from rag.fake_llm import FakeLLM

EXTRACTIVE_TARGET_MS = 100.0
OVERHEAD_TARGET_MS = 30.0
FIRST_TOKEN_TARGET_MS = 30.0
# What the fake model says to every question: two cited sentences, streamed word by word.
CITED_TEXT = (
    "The first source reports results that bear directly on the question [1]. "
    "A second paper studies a closely related setting and compares against it [2]."
)


def run(bench: Bench) -> None:
    section("5. Answers: extractive ask(), LLM overhead and time to first token")
    questions = [q.question for q in dev_questions()]
    passes = 1 if bench.quick else 2
    _extractive(bench.assistant, questions, passes)
    with FakeLLM(default_text=CITED_TEXT) as fake:
        settings = make_settings(
            bench.bundled_index_dir,
            answer_mode="llm",
            llm_base_url=fake.base_url,
            openai_api_key="sk-bench",
            llm_max_retries=0,
        )
        # Never api.openai.com: Settings once ignored llm_base_url= (only its alias worked).
        assert settings.llm_base_url == fake.base_url, "the LLM must be the fake server"
        assistant = Assistant(settings, embedder=bench.embedder)
        client = openai.OpenAI(base_url=fake.base_url, api_key="sk-bench", max_retries=0)
        _llm_overhead(assistant, client, fake, questions, passes)
        _first_token(assistant, client, fake, questions, passes)


def _row(name: str, values: list[float], target: str = "") -> list[Any]:
    return [name, len(values), percentile(values, 0.5), percentile(values, 0.95), target]


HEADERS = ["measure", "n", "p50 ms", "p95 ms", "target"]


# --- 5a: extractive ---------------------------------------------------------------------------


def _extractive(assistant: Assistant, questions: list[str], passes: int) -> None:
    assistant.ask(questions[0])  # warm-up
    ask_ms, search_ms = [], []
    for _ in range(passes):
        for question in questions:
            ask_ms.append(time_ms(partial(assistant.ask, question, mode="extractive"))[0])
            search_ms.append(time_ms(partial(assistant.search, question))[0])
    building = [a - s for a, s in zip(ask_ms, search_ms, strict=True)]
    target = f"<= {EXTRACTIVE_TARGET_MS:g} ms"
    p50, p95 = percentile(ask_ms, 0.5), percentile(ask_ms, 0.95)
    table(
        HEADERS,
        [
            _row("ask(), extractive: total", ask_ms, target),
            # a topical verdict keeps the sentence vectors it read: a question asked again
            # (the second pass) finds them; its first asking is the cold figure
            _row("ask(), extractive: each question's first asking", ask_ms[: len(questions)]),
            _row("baseline: retrieval only, Assistant.search", search_ms),
            _row("difference: extractive answer + citation check", building),
        ],
        title="5a. Extractive answers, dev questions",
        notes=[
            f"ask() p50 {p50:.1f} ms ({target_note(p50, EXTRACTIVE_TARGET_MS, 'ms')}), "
            f"p95 {p95:.1f} ms ({target_note(p95, EXTRACTIVE_TARGET_MS, 'ms')}).",
            "unanswerable-looking questions are answered 'not in the papers' without extraction.",
        ],
    )


# --- 5b: LLM overhead -------------------------------------------------------------------------


def _raw_stream(client: openai.OpenAI, messages: list[dict[str, str]]) -> Iterator[str]:
    """The same request ChatModel.stream sends, with nothing around it."""
    stream = client.chat.completions.create(  # type: ignore[call-overload]
        model="gpt-4o-mini",
        messages=messages,  # type: ignore[arg-type]
        temperature=0.1,
        stream=True,
        stream_options={"include_usage": True},
    )
    for chunk in stream:
        for choice in chunk.choices:
            if choice.delta and choice.delta.content:
                yield choice.delta.content


def _drain(deltas: Iterator[str]) -> None:
    for _ in deltas:
        pass


def _llm_overhead(
    assistant: Assistant, client: openai.OpenAI, fake: FakeLLM, questions: list[str], passes: int
) -> None:
    assistant.ask(questions[0])  # warm-up: opens the HTTP connection
    total_ms, llm_ms, raw_ms = [], [], []
    stages: dict[str, list[float]] = {"retrieve": [], "prompt": [], "check": []}
    fallback = 0
    for _ in range(passes):
        for question in questions:
            elapsed, answer = time_ms(partial(assistant.ask, question))
            if answer.mode != "llm":  # judged unanswerable: no LLM call to measure
                fallback += 1
                continue
            total_ms.append(elapsed)
            llm_ms.append(answer.timings_ms["llm"])
            for name, values in stages.items():
                values.append(answer.timings_ms[name])
            # Baseline: the raw client sending the very messages ask() built, fully streamed.
            result = assistant.search(question)
            messages = build_messages(question, result.hits, assistant.settings)
            raw_ms.append(time_ms(partial(_drain, _raw_stream(client, messages)))[0])
    overhead = [t - s for t, s in zip(total_ms, llm_ms, strict=True)]
    p50 = percentile(overhead, 0.5)
    table(
        HEADERS,
        [
            _row("ask(), LLM mode: total", total_ms),
            _row("  llm stage (openai client call, stream read to end)", llm_ms),
            _row("baseline: raw openai client, same messages, streamed", raw_ms),
            _row("ask() overhead = total - llm stage", overhead, f"<= {OVERHEAD_TARGET_MS:g} ms"),
            _row("  of which retrieval", stages["retrieve"]),
            _row("  of which prompt building", stages["prompt"]),
            _row("  of which citation check", stages["check"]),
        ],
        title="5b. LLM mode against FakeLLM (instant, fixed cited answer), dev questions",
        notes=[
            f"overhead p50 {p50:.1f} ms ({target_note(p50, OVERHEAD_TARGET_MS, 'ms')}).",
            f"{fallback} of {passes * len(questions)} asks were judged unanswerable and answered "
            "without the LLM; they are left out.",
        ],
    )


# --- 5c: time to first token ------------------------------------------------------------------


def _first_token(
    assistant: Assistant, client: openai.OpenAI, fake: FakeLLM, questions: list[str], passes: int
) -> None:
    delivery, from_question, raw_delivery = [], [], []
    for _ in range(passes):
        for question in questions:
            started = time.perf_counter()
            first_at = 0.0
            stream = assistant.stream_ask(question)
            for _text in stream:
                if not first_at:
                    first_at = time.perf_counter()
            final = stream.answer
            if final.mode != "llm" or not first_at:
                continue
            sent = fake.history[-1].sent_at[0]  # the server wrote the first delta
            delivery.append((first_at - sent) * 1000)
            from_question.append((first_at - started) * 1000)

            messages = build_messages(question, assistant.search(question).hits, assistant.settings)
            first_at = 0.0
            for _delta in _raw_stream(client, messages):
                if not first_at:
                    first_at = time.perf_counter()
            raw_delivery.append((first_at - fake.history[-1].sent_at[0]) * 1000)
    p50 = percentile(delivery, 0.5)
    table(
        HEADERS,
        [
            _row(
                "stream_ask: server sent first delta -> yielded",
                delivery,
                f"<= {FIRST_TOKEN_TARGET_MS:g} ms",
            ),
            _row("baseline: raw openai client, sent -> received", raw_delivery),
            _row("stream_ask: question asked -> first delta yielded", from_question),
        ],
        title="5c. Time to first streamed token, LLM mode against FakeLLM",
        notes=[
            f"delivery p50 {p50:.1f} ms ({target_note(p50, FIRST_TOKEN_TARGET_MS, 'ms')}).",
            "'question asked -> first delta' adds retrieval and prompt building, for context.",
        ],
    )
