"""The Gradio app: its wiring around a fake assistant (no server), then real servers on 127.0.0.1
driven with ``gradio_client`` (extractive on the bundled index, and LLM mode against FakeLLM)."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import httpx
import pytest
from conftest import free_port, make_settings
from gradio.state_holder import SessionState
from gradio_client import Client
from gradio_client.exceptions import AppError

from rag.answer import NO_ANSWER, Answer, AnswerStream, Citation, Source
from rag.assistant import Assistant, check_question
from rag.config import Settings
from rag.errors import InputError
from rag.fake_llm import AuthError, FakeLLM, Reply
from rag.ui.app import CSS, check_exposure, create_app, launch, load_examples
from rag.ui.render import link_citations, sources_html, unlink_citations

BYT5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
MRT5 = "MrT5: Dynamic Token Merging for Efficient Byte-level Language Models"
LAMB = "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes"
BYTE_QUESTION = "Which papers pre-train byte-level language models that need no subword tokenizer?"
LAMB_QUESTION = (
    "How much faster can BERT be trained with a layerwise adaptive large-batch optimizer?"
)
OFF_TOPIC = "What is the best recipe for chocolate cake?"
KEY = "sk-test-SECRET"
EMPTY_PANEL = sources_html(None)
API_TIMEOUT = 180  # seconds: a hang guard for one API call, not a speed assertion


def serve(app: gr.Blocks) -> str:
    """Launch like ``ui.app.launch`` does (CSS, no error details), on a free local port; the
    queue and its concurrency limit come with the app from ``create_app``."""
    app.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
        css=CSS, show_error=False, footer_links=["api"], quiet=True,
    )  # fmt: skip
    assert app.local_url and app.local_url.startswith("http://127.0.0.1:")
    return app.local_url


def bundled_settings(bundled_index: Assistant, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "index_dir": bundled_index.settings.index_dir,
        "data_dir": bundled_index.settings.data_dir,
    }
    values.update(overrides)
    return make_settings(None, **values)


def ask(client: Client, question: str, k: int = 5, mode: str = "auto") -> dict[str, Any]:
    return client.submit(question, k, mode, api_name="/ask").result(timeout=API_TIMEOUT)


# =========================================================================== (a) wiring, no server


def sample_answer(question: str = BYTE_QUESTION) -> Answer:
    sources = [
        Source(1, "p1", BYT5, 0.98, "We release byte-level T5 models.", True, "both",
               ["https://arxiv.org/abs/2105.13626"]),
        Source(2, "p2", "<b>Bold</b> title", 0.51, "Another <i>snippet</i>.", False, "dense"),
    ]  # fmt: skip
    return Answer(
        question=question,
        text="Bytes replace tokens [1].",
        citations=[Citation(1, "p1", BYT5)],
        sources=sources,
        mode="extractive",
        abstained=False,
        confidence=0.9,
    )


class FakeAssistant:
    """Just what the app uses: settings, paper_count(), stream_ask() and ask()."""

    def __init__(
        self,
        settings: Settings,
        deltas: tuple[str, ...] = ("Bytes ", "replace ", "tokens [1]."),
        fail: Exception | None = None,
        papers: int = 7,
    ) -> None:
        self.settings = settings
        self.deltas = deltas
        self.fail = fail
        self.papers = papers
        self.calls: list[dict[str, Any]] = []

    def paper_count(self) -> int:
        return self.papers  # the count ingest keeps: no scan of the collection

    def stats(self) -> dict[str, Any]:
        # stats() counts by scanning the collection: the page must never call it.
        raise AssertionError("the UI called stats(), which scans the whole collection")

    def stream_ask(self, question, history=None, k=None, mode=None, filters=None, model=None):
        self.calls.append({"question": question, "history": history, "k": k, "mode": mode,
                           "model": model})  # fmt: skip
        # As the real one: the question is checked when asked (the real validation and its
        # real error), the text comes by iterating, the Answer is the stream's .answer.
        question = check_question(question)

        def events() -> Iterator[str | Answer]:
            yield from self.deltas
            if self.fail is not None:
                raise self.fail
            yield sample_answer(question)

        return AnswerStream(events())

    def ask(self, question, history=None, k=None, mode=None, filters=None, model=None) -> Answer:
        self.calls.append({"question": question, "history": history, "k": k, "mode": mode,
                           "model": model})  # fmt: skip
        return sample_answer(check_question(question))


@pytest.fixture
def offline_settings(tmp_path: Path) -> Settings:
    return make_settings(None, answer_mode="auto", conversations_db=tmp_path / "saved.sqlite3")


@pytest.fixture
def fake(offline_settings) -> FakeAssistant:
    return FakeAssistant(offline_settings)


@pytest.fixture
def app(fake) -> gr.Blocks:
    return create_app(fake, fake.settings)


def block(app: gr.Blocks, elem_id: str) -> Any:
    found = [b for b in app.blocks.values() if getattr(b, "elem_id", None) == elem_id]
    assert len(found) == 1, f"{len(found)} blocks with elem_id {elem_id!r}"
    return found[0]


def handler(app: gr.Blocks, elem_id: str | None, event: str) -> Any:
    """The one event handler (BlockFunction) that ``event`` on ``elem_id`` triggers."""
    target = app._id if elem_id is None else block(app, elem_id)._id
    found = [fn for fn in app.fns.values() if (target, event) in fn.targets]
    assert len(found) == 1, f"{len(found)} handlers for {elem_id} {event}"
    return found[0]


def run_event(
    app: gr.Blocks,
    fn: Any,
    inputs: list[Any],
    session: SessionState | None = None,
    request: gr.Request | None = None,
) -> list[list[Any]]:
    """Run a handler through Gradio's own pre/postprocessing, as the queue does; returns every
    update it sends to the page (one per yield for a generator). ``session``: one page's
    server-side state (gr.State values) across several events."""

    async def go() -> list[list[Any]]:
        state = session if session is not None else SessionState(app)
        result = await app.process_api(fn, inputs, state=state, request=request)
        if not result["is_generating"]:
            return [result["data"]]
        updates = []
        while result["is_generating"]:
            updates.append(result["data"])
            result = await app.process_api(fn, [], state=state, iterator=result["iterator"])
        return updates

    return asyncio.run(go())


def chat_inputs(
    question: str, chat: list[Any], k: int, mode: str, model: str, browser: str = "b1"
) -> list[Any]:
    """What the Ask button sends: the question, the chat, the settings, no filters, this
    browser's id, no conversation yet (or the one ``chat`` belongs to) and its answers."""
    return [question, chat, k, mode, model, "", "", "", "", browser, "", []]


def pairs(update: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, id) of each conversation a sidebar update lists."""
    return [tuple(choice) for choice in update["choices"]]  # type: ignore[misc]


def messages(chat: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(role, text) of each chat message as the Chatbot sends it to the page."""
    out = []
    for m in chat:
        content = m["content"]
        text = content if isinstance(content, str) else "".join(c["text"] for c in content)
        out.append((m["role"], text))
    return out


def test_the_api_endpoints_are_the_page_actions_and_the_chat_handlers_are_private(app):
    config = app.get_config_file()
    public = [d["api_name"] for d in config["dependencies"] if d["api_visibility"] == "public"]
    assert sorted(public) == sorted([
        "ask", "export", "feedback", "papers", "paper", "remove_paper", "remove_source",
        "add_papers", "add_url",
    ])  # fmt: skip
    (ask_fn,) = [fn for fn in app.fns.values() if fn.api_name == "ask"]
    assert ask_fn.fn.__name__ == "ask_api"
    assert len(ask_fn.inputs) == 7 and len(ask_fn.outputs) == 1
    # the chat handlers are not callable from outside
    for elem_id, event in (("ask", "click"), ("question", "submit"), ("new", "click")):
        assert handler(app, elem_id, event).api_visibility == "private"


def test_ask_button_and_enter_run_the_same_handler_on_the_same_components(app, offline_settings):
    click = handler(app, "ask", "click")
    submit = handler(app, "question", "submit")
    assert click.fn is submit.fn
    assert click.inputs == submit.inputs and click.outputs == submit.outputs
    assert [getattr(b, "elem_id", None) for b in click.outputs] == [
        "chat", "sources", "question", None, None, "conversations"
    ]  # fmt: skip
    question, chat, k, mode, model, since, until, source, *_ = click.inputs
    assert (since.elem_id, until.elem_id, source.elem_id) == ("since", "until", "source")
    assert (question.elem_id, chat.elem_id) == ("question", "chat")
    assert isinstance(k, gr.Slider) and k.value == offline_settings.top_k
    assert isinstance(mode, gr.Radio) and mode.value == offline_settings.answer_mode
    assert [c[1] for c in mode.choices] == ["auto", "llm", "extractive"]
    assert isinstance(model, gr.Textbox) and model.value == offline_settings.llm_model
    assert block(app, "chat").sanitize_html is True
    assert block(app, "sources").value == EMPTY_PANEL
    assert block(app, "ask").value == "Ask" and block(app, "new").value == "New conversation"


def test_examples_come_from_the_examples_file(app):
    examples = load_examples()
    assert len(examples) == 5 and all(q.endswith("?") for q in examples)
    (dataset,) = [b for b in app.blocks.values() if isinstance(b, gr.Dataset)]
    assert [row[0] for row in dataset.samples] == examples


def test_asking_streams_the_deltas_then_the_cited_answer(app, fake):
    updates = run_event(
        app,
        handler(app, "ask", "click"),
        chat_inputs(f"  {BYTE_QUESTION} ", [], 5, "auto", "my-model"),
    )
    final = sample_answer()
    expected_bot = [
        "",
        "Bytes ",
        "Bytes replace ",
        "Bytes replace tokens [1].",
        link_citations(final),
    ]
    assert [messages(chat) for chat, *_ in updates] == [
        [("user", BYTE_QUESTION), ("assistant", text)] for text in expected_bot
    ]
    assert [panel for _, panel, *_ in updates] == [EMPTY_PANEL] * 4 + [sources_html(final)]
    assert [box for _, _, box, *_ in updates] == [""] * 5  # the question box is cleared at once
    assert "[[1](https://arxiv.org/abs/2105.13626" in messages(updates[-1][0])[-1][1]
    assert fake.calls == [
        {"question": BYTE_QUESTION, "history": [], "k": 5, "mode": "auto", "model": "my-model"}
    ]


def test_a_follow_up_sends_the_conversation_as_plain_text(app, fake):
    respond = handler(app, "question", "submit")
    first = run_event(app, respond, chat_inputs(BYTE_QUESTION, [], 3, "extractive", ""))
    chat_after_first = first[-1][0]  # as the page holds it, and sends it back
    second = run_event(
        app, respond, chat_inputs("And how fast are they?", chat_after_first, 3, "llm", "")
    )
    assert [m[0] for m in messages(second[-1][0])] == ["user", "assistant"] * 2
    assert fake.calls[1] == {
        "question": "And how fast are they?",
        "history": [
            {"role": "user", "content": BYTE_QUESTION},
            # the page's links are turned back into plain markers
            {"role": "assistant", "content": unlink_citations(link_citations(sample_answer()))},
        ],
        "k": 3,
        "mode": "llm",
        "model": None,  # an emptied model box means the configured model
    }


def test_a_follow_up_on_the_page_names_the_papers_the_answer_before_cited(app, fake):
    respond = handler(app, "ask", "click")
    page = SessionState(app)
    chat = run_event(app, respond, chat_inputs(BYTE_QUESTION, [], 3, "auto", ""), page)[-1][0]
    chat = run_event(app, respond, chat_inputs("   ", chat, 3, "auto", ""), page)[-1][0]  # fails
    run_event(app, respond, chat_inputs("How fast is it?", chat, 3, "auto", ""), page)
    history = fake.calls[-1]["history"]
    assert [t["role"] for t in history] == ["user", "assistant"] * 2
    assert history[1]["papers"] == ["p1"]  # sample_answer cites p1
    assert "papers" not in history[3]  # the failed question's "answer" cites nothing


def test_an_empty_question_shows_its_error_in_the_chat_and_the_app_keeps_working(app):
    respond = handler(app, "ask", "click")
    updates = run_event(app, respond, chat_inputs("   ", [], 5, "auto", ""))
    assert messages(updates[-1][0])[-1] == (
        "assistant",
        "⚠️ The question is empty: type a question about the indexed papers.",
    )
    assert updates[-1][1] == EMPTY_PANEL
    again = run_event(app, respond, chat_inputs(BYTE_QUESTION, updates[-1][0], 5, "auto", ""))
    assert messages(again[-1][0])[-1] == ("assistant", link_citations(sample_answer()))


def test_a_failure_mid_stream_replaces_the_partial_answer_with_the_error(offline_settings):
    fake = FakeAssistant(offline_settings, fail=RuntimeError("The index went away."))
    app = create_app(fake, offline_settings)
    updates = run_event(
        app, handler(app, "ask", "click"), chat_inputs(BYTE_QUESTION, [], 5, "auto", "")
    )
    bot = [messages(chat)[-1][1] for chat, *_ in updates]
    assert bot == ["", "Bytes ", "Bytes replace ", "Bytes replace tokens [1].",
                   "⚠️ The index went away."]  # fmt: skip
    assert updates[-1][1] == EMPTY_PANEL


def test_new_conversation_empties_chat_sources_and_question(app):
    (update,) = run_event(app, handler(app, "new", "click"), [])
    assert update[:3] == [[], EMPTY_PANEL, ""]  # and no conversation (states stay server-side)


def test_answers_are_saved_per_browser_and_a_saved_conversation_comes_back(app):
    respond = handler(app, "ask", "click")
    page = SessionState(app)  # one browser tab: its conversation id and answers are kept here
    first = run_event(app, respond, chat_inputs(BYTE_QUESTION, [], 5, "auto", ""), page)[-1]
    listed = first[5]
    ((title, conversation_id),) = pairs(listed)
    short = title  # the first question, shortened to a title
    assert BYTE_QUESTION.startswith(short.removesuffix(" …")) and listed["value"] == conversation_id
    second = run_event(app, respond, chat_inputs("Again?", first[0], 5, "auto", ""), page)[-1]
    assert pairs(second[5]) == [(short, conversation_id)]  # the same conversation

    # Reloading the page: the same browser id lists it and opening it restores chat and sources.
    reloaded = SessionState(app)
    (loaded,) = run_event(app, handler(app, None, "load"), ["b1", "auto", ""], reloaded)
    assert pairs(loaded[2]) == [(short, conversation_id)]
    opened = run_event(
        app, handler(app, "conversations", "input"), [conversation_id, "b1"], reloaded
    )[0]
    restored, panel, _, _, title = opened
    assert messages(restored) == messages(second[0]) and panel == sources_html(sample_answer())
    assert title == short
    # ... and the restored page keeps adding to it
    third = run_event(app, respond, chat_inputs("More?", restored, 5, "auto", ""), reloaded)[-1]
    assert pairs(third[5]) == [(short, conversation_id)]

    # Another browser sees none of it, and cannot open it by id.
    (other,) = run_event(app, handler(app, None, "load"), ["b2", "auto", ""])
    assert pairs(other[2]) == []
    with pytest.raises(gr.Error, match="no conversation"):  # even sent the id of another's
        run_event(app, handler(app, "conversations", "input"), [conversation_id, "b2"], reloaded)

    rename = handler(app, "rename", "click")
    ((renamed,),) = run_event(app, rename, [conversation_id, "Bytes", "b1"], reloaded)
    assert pairs(renamed) == [("Bytes", conversation_id)]
    (deleted,) = run_event(app, handler(app, "delete", "click"), [conversation_id, "b1"], reloaded)
    assert deleted[0] == [] and pairs(deleted[5]) == []


def test_a_restarted_server_lists_the_saved_conversations_again(offline_settings):
    app = create_app(FakeAssistant(offline_settings), offline_settings)
    run_event(app, handler(app, "ask", "click"), chat_inputs(BYTE_QUESTION, [], 5, "auto", ""))
    app.close()
    restarted = create_app(FakeAssistant(offline_settings), offline_settings)
    page = SessionState(restarted)
    (loaded,) = run_event(restarted, handler(restarted, None, "load"), ["b1", "auto", ""], page)
    ((_, conversation_id),) = pairs(loaded[2])
    choose = handler(restarted, "conversations", "input")
    (opened,) = run_event(restarted, choose, [conversation_id, "b1"], page)
    assert messages(opened[0])[0] == ("user", BYTE_QUESTION)


def test_with_a_login_each_user_sees_only_their_own_conversations(app):
    respond = handler(app, "ask", "click")
    ada, alan = gr.Request(username="ada"), gr.Request(username="alan")
    # The same browser id (one shared computer): the login decides, not the browser.
    run_event(app, respond, chat_inputs(BYTE_QUESTION, [], 5, "auto", ""), request=ada)
    load = handler(app, None, "load")
    (mine,) = run_event(app, load, ["b1", "auto", ""], request=ada)
    (theirs,) = run_event(app, load, ["b1", "auto", ""], request=alan)
    assert len(pairs(mine[2])) == 1 and pairs(theirs[2]) == []


def test_export_buttons_write_markdown_and_bibtex_of_the_conversation(app):
    page = SessionState(app)
    run_event(
        app, handler(app, "ask", "click"), chat_inputs(BYTE_QUESTION, [], 5, "auto", ""), page
    )
    ((markdown,),) = run_event(app, handler(app, "export-md", "click"), [None, "Bytes"], page)
    text = Path(markdown["path"]).read_text()
    assert BYTE_QUESTION in text and BYT5 in text
    ((bib,),) = run_event(app, handler(app, "export-bib", "click"), [None, "Bytes"], page)
    assert "@misc{" in Path(bib["path"]).read_text()
    with pytest.raises(gr.Error, match="nothing to export"):
        run_event(app, handler(app, "export-md", "click"), [None, ""])


def test_status_line_offline(app):
    (update,) = run_event(app, handler(app, None, "load"), ["", "auto", ""])
    assert update[0] == (
        "offline: extractive answers — set OPENAI_API_KEY or a base URL for generated answers"
        " · **7** papers indexed"
    )
    assert len(update[1]) == 32  # a new browser gets its own id for its conversations


def test_status_line_with_an_llm_names_model_and_endpoint_but_not_the_key():
    settings = make_settings(
        None, llm_base_url="http://127.0.0.1:9/v1", openai_api_key=KEY, llm_model="m-1"
    )
    app = create_app(FakeAssistant(settings), settings)
    (update,) = run_event(app, handler(app, None, "load"), ["", "auto", "m-1"])
    assert update[0] == "LLM answers: **m-1** at http://127.0.0.1:9/v1 · **7** papers indexed"
    # choosing extractive on the page says so, rather than asking for a key
    (update,) = run_event(app, handler(app, "answer-mode", "change"), ["extractive", "m-1"])
    assert update[0].startswith("extractive answers (answer mode: extractive")
    assert KEY not in json.dumps(app.get_config_file(), default=str)


def test_status_line_shows_paper_count_and_never_calls_stats(offline_settings):
    # FakeAssistant.stats() raises: the status comes from paper_count() alone.
    fake = FakeAssistant(offline_settings, papers=1234)
    with pytest.raises(AssertionError, match="scans"):
        fake.stats()
    app = create_app(fake, offline_settings)
    (update,) = run_event(app, handler(app, None, "load"), ["", "auto", ""])
    assert update[0].endswith(" · **1234** papers indexed")
    (update,) = run_event(app, handler(app, "answer-mode", "change"), ["extractive", ""])
    assert update[0].endswith(" · **1234** papers indexed")


def test_status_line_of_a_real_assistant_does_not_scan_the_collection(
    bundled_index, embedder, monkeypatch
):
    settings = bundled_settings(bundled_index)
    assistant = Assistant(settings, embedder=embedder)
    scanned = assistant.store.count_papers()  # what a scan finds, before scans are forbidden

    def no_scan(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the status line scanned the collection")

    for name in ("paper_hashes", "count_papers", "iter_chunks"):
        monkeypatch.setattr(assistant.store, name, no_scan)
    app = create_app(assistant, settings)
    (update,) = run_event(app, handler(app, None, "load"), ["", "auto", ""])
    assert update[0].endswith(f" · **{scanned}** papers indexed"), update
    assert scanned == assistant.paper_count() > 100


def test_ask_api_returns_the_answer_as_a_dict(app, fake):
    result = app(f" {BYTE_QUESTION}", 4, "extractive", "", "", "", "", api_name="ask")
    assert result == sample_answer().to_dict()
    assert result["answer"] == "Bytes replace tokens [1]." and "text" not in result
    assert fake.calls == [
        {"question": f" {BYTE_QUESTION}", "history": None, "k": 4, "mode": "extractive",
         "model": None}
    ]  # fmt: skip


# =========================================================================== (b) real server, extractive


@pytest.fixture(scope="module")
def extractive_client(bundled_index, embedder) -> Iterator[Client]:
    settings = bundled_settings(bundled_index, answer_mode="extractive")
    app = create_app(Assistant(settings, embedder=embedder), settings)
    url = serve(app)
    client = Client(url, verbose=False)
    try:
        yield client
    finally:
        client.close()
        app.close(verbose=False)


def check_citations_match_sources(result: dict[str, Any]) -> None:
    by_marker = {s["marker"]: s for s in result["sources"]}
    for c in result["citations"]:
        assert by_marker[c["marker"]]["title"] == c["title"]
        assert by_marker[c["marker"]]["paper_id"] == c["paper_id"]
        assert by_marker[c["marker"]]["cited"] is True
    cited = {c["marker"] for c in result["citations"]}
    assert {s["marker"] for s in result["sources"] if s["cited"]} == cited


def test_api_lists_the_page_actions_and_ask_with_its_parameters(extractive_client):
    info = extractive_client.view_api(print_info=False, return_format="dict")
    assert {"/ask", "/export", "/feedback", "/papers", "/add_papers"} <= set(
        info["named_endpoints"]
    )
    assert info["unnamed_endpoints"] == {}
    params = [p["parameter_name"] for p in info["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "k", "mode", "since", "until", "source", "category"]


@pytest.mark.parametrize(("question", "title"), [(BYTE_QUESTION, BYT5), (LAMB_QUESTION, LAMB)])
def test_api_answers_with_a_citation_of_the_right_paper(extractive_client, question, title):
    result = ask(extractive_client, question, k=5)
    assert result["question"] == question
    assert result["mode"] == "extractive"
    assert result["abstained"] is False
    assert result["notice"] == ""
    assert len(result["sources"]) == 5
    assert [s["marker"] for s in result["sources"]] == [1, 2, 3, 4, 5]
    assert result["sources"][0]["title"] == title and result["sources"][0]["cited"] is True
    assert result["citations"][0] == {
        "marker": 1, "paper_id": result["sources"][0]["paper_id"], "title": title
    }  # fmt: skip
    assert "[1]" in result["answer"] and result["answer"] != NO_ANSWER
    check_citations_match_sources(result)


def test_api_abstains_on_an_off_topic_question(extractive_client):
    result = ask(extractive_client, OFF_TOPIC, k=5)
    assert result["abstained"] is True
    assert result["answer"] == NO_ANSWER
    assert result["citations"] == []
    assert len(result["sources"]) == 5  # the closest papers are still listed
    assert not any(s["cited"] for s in result["sources"])


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("   ", "The question is empty: type a question about the indexed papers."),
        ("why " * 600, "The question is 2399 characters long; shorten it to at most 2000"),
    ],
    ids=["empty", "too-long"],
)
def test_api_explains_a_question_it_cannot_take(extractive_client, question, message):
    with pytest.raises(AppError) as caught:
        ask(extractive_client, question)
    assert message in str(caught.value)
    assert "show_error" not in str(caught.value)  # not Gradio's generic "something failed"
    # the server keeps answering
    assert ask(extractive_client, LAMB_QUESTION)["sources"][0]["title"] == LAMB


@pytest.mark.parametrize(
    ("k", "mode", "message"),
    [
        (5, "fast", "mode must be one of auto, llm, extractive (got 'fast')."),
        (5, "", "mode must be one of auto, llm, extractive (got '')."),
        (0, "auto", "k must be a whole number of at least 1 (got 0)"),
        (-5, "extractive", "k must be a whole number of at least 1 (got -5)"),
        (2.5, "auto", "k must be a whole number of at least 1 (got 2.5)"),
    ],
    ids=["unknown-mode", "empty-mode", "k-0", "k-negative", "k-fraction"],
)
def test_api_refuses_a_bad_mode_or_k_with_a_clear_message(extractive_client, k, mode, message):
    with pytest.raises(AppError) as caught:
        ask(extractive_client, LAMB_QUESTION, k=k, mode=mode)
    assert message in str(caught.value)
    assert "show_error" not in str(caught.value)
    assert ask(extractive_client, LAMB_QUESTION, k=3)["sources"][0]["title"] == LAMB


# =========================================================================== (c) real server, LLM mode


@pytest.fixture(scope="module")
def llm() -> Iterator[FakeLLM]:
    with FakeLLM(api_key=KEY) as server:
        yield server


@pytest.fixture(scope="module")
def llm_server(bundled_index, embedder, llm) -> Iterator[tuple[str, Client]]:
    settings = bundled_settings(bundled_index, llm_base_url=llm.base_url, openai_api_key=KEY)
    assert settings.answer_mode == "auto" and settings.llm_configured
    app = create_app(Assistant(settings, embedder=embedder), settings)
    url = serve(app)
    client = Client(url, verbose=False)
    try:
        yield url, client
    finally:
        client.close()
        app.close(verbose=False)


@pytest.fixture
def llm_client(llm_server, llm) -> Client:
    llm.reset()
    return llm_server[1]


LLM_REPLY = (
    "ByT5 releases pre-trained byte-level Transformer models based on the T5 architecture [1]. "
    "MrT5 merges tokens dynamically for efficient byte-level language models [2]."
)


def test_llm_answer_cites_the_right_papers(llm_client, llm):
    llm.enqueue(Reply(LLM_REPLY))
    result = ask(llm_client, BYTE_QUESTION, k=5)
    assert result["mode"] == "llm"
    assert result["model"] == "gpt-4o-mini"
    assert result["answer"] == LLM_REPLY
    assert result["notice"] == "" and result["abstained"] is False
    assert [(c["marker"], c["title"]) for c in result["citations"]] == [(1, BYT5), (2, MRT5)]
    assert result["weak_sentences"] == [] and result["dropped_markers"] == []
    check_citations_match_sources(result)
    assert result["usage"]["completion_tokens"] > 0
    (request,) = llm.history  # one streamed request, with the key, the sources and the question
    assert request.path == "/v1/chat/completions" and request.stream
    assert request.headers["authorization"] == f"Bearer {KEY}"
    prompt = request.messages[-1]["content"]
    assert BYT5 in prompt and MRT5 in prompt and BYTE_QUESTION in prompt


def test_llm_markers_beyond_the_sources_are_dropped(llm_client, llm):
    llm.enqueue("ByT5 releases pre-trained byte-level Transformer models [1, 9].")
    result = ask(llm_client, BYTE_QUESTION, k=5)
    assert result["mode"] == "llm"
    assert result["answer"] == "ByT5 releases pre-trained byte-level Transformer models [1]."
    assert result["dropped_markers"] == [9]
    assert [c["title"] for c in result["citations"]] == [BYT5]


def test_requesting_extractive_mode_does_not_call_the_llm(llm_client, llm):
    result = ask(llm_client, BYTE_QUESTION, k=5, mode="extractive")
    assert result["mode"] == "extractive" and result["citations"][0]["title"] == BYT5
    assert llm.history == []


def test_a_rejected_key_falls_back_to_an_extractive_answer_without_leaking_it(llm_client, llm):
    # A server that echoes the key in its error body: the app must not pass the body on.
    llm.enqueue(AuthError(message=f"Incorrect API key provided: {KEY}."))
    result = ask(llm_client, BYTE_QUESTION, k=5)
    assert result["mode"] == "extractive"
    assert result["notice"].startswith("The LLM failed, so this is an extractive answer.")
    assert "rejected the API key (HTTP 401)" in result["notice"]
    assert result["abstained"] is False
    assert result["citations"][0]["title"] == BYT5
    check_citations_match_sources(result)
    assert KEY not in json.dumps(result)
    assert "SECRET" not in json.dumps(result)
    (request,) = llm.history  # the key was sent (so there was something to leak), once
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_the_page_config_does_not_contain_the_key(llm_server):
    url, _ = llm_server
    config = httpx.get(f"{url}config", timeout=30)
    assert config.status_code == 200
    assert "LLM model" in config.text  # it is the page's config
    assert KEY not in config.text


# =========================================================================== (d) several users at once


class GatedAssistant(FakeAssistant):
    """Holds every question until released, counting how many are in progress at once."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.release = threading.Event()
        self._lock = threading.Lock()
        self.active = 0
        self.most = 0

    def ask(self, question, history=None, k=None, mode=None, filters=None, model=None) -> Answer:
        with self._lock:
            self.active += 1
            self.most = max(self.most, self.active)
        try:
            assert self.release.wait(API_TIMEOUT), "never released"
            return super().ask(question, history, k, mode, filters, model)
        finally:
            with self._lock:
                self.active -= 1


def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + API_TIMEOUT  # a hang guard, not a speed assertion
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting until {what}"
        time.sleep(0.02)


def test_the_queue_runs_at_most_ui_concurrency_questions_at_once(offline_settings):
    settings = offline_settings.model_copy(update={"ui_concurrency": 2})
    gated = GatedAssistant(settings)
    app = create_app(gated, settings)
    client = Client(serve(app), verbose=False)
    try:
        questions = [f"What does paper {i} find?" for i in range(5)]
        jobs = [client.submit(q, 5, "auto", api_name="/ask") for q in questions]
        wait_until(lambda: gated.active == 2, "two questions are being answered")
        time.sleep(1.0)  # room for a third to start, were the limit not applied
        assert gated.most == 2, "more questions ran at once than RAG_UI_CONCURRENCY allows"
        gated.release.set()
        results = [job.result(timeout=API_TIMEOUT) for job in jobs]
        # every user gets the answer to their own question, none is lost while queued
        assert [r["question"] for r in results] == questions
        assert gated.most == 2
    finally:
        gated.release.set()
        client.close()
        app.close(verbose=False)


def test_several_users_at_once_each_get_their_own_cited_answer(bundled_index, embedder):
    settings = bundled_settings(bundled_index, ui_concurrency=4)
    assistant = Assistant(settings, embedder=embedder)
    questions = {
        BYTE_QUESTION: BYT5,
        LAMB_QUESTION: LAMB,
        "What savings in FLOPs and model size does a BERT with 1-bit weights, embeddings and "
        "activations report?": "BiBERT: Accurate Fully Binarized BERT",
        OFF_TOPIC: None,
    }
    # One shared assistant answering alone gives the reference answers.
    alone = {q: assistant.ask(q, k=5).to_dict() for q in questions}
    app = create_app(assistant, settings)
    client = Client(serve(app), verbose=False)
    try:
        asked = [q for q in questions for _ in range(3)]
        jobs = [client.submit(q, 5, "auto", api_name="/ask") for q in asked]
        for question, job in zip(asked, jobs, strict=True):
            result = job.result(timeout=API_TIMEOUT)
            assert result["question"] == question
            assert result["answer"] == alone[question]["answer"]
            assert result["citations"] == alone[question]["citations"]
            assert [s["title"] for s in result["sources"]] == [
                s["title"] for s in alone[question]["sources"]
            ]
            if questions[question] is None:
                assert result["abstained"] is True
            else:
                assert result["sources"][0]["title"] == questions[question]
                assert result["sources"][0]["cited"] is True
    finally:
        client.close()
        app.close(verbose=False)


# =========================================================================== (e) who may connect


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_a_loopback_host_needs_no_login(host):
    check_exposure(host, has_login=False, public=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "my-laptop.local"])
def test_a_reachable_host_without_a_login_is_refused_unless_public(host):
    with pytest.raises(
        InputError, match=f"^refusing to serve on {re.escape(host)} without a login"
    ):
        check_exposure(host, has_login=False, public=False)
    check_exposure(host, has_login=True, public=False)
    check_exposure(host, has_login=False, public=True)


@pytest.fixture
def served(monkeypatch) -> list[dict[str, Any]]:
    """What ``launch`` hands to Gradio; nothing is actually served."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda app, **kwargs: calls.append(kwargs))
    return calls


def test_launch_refuses_before_building_anything(tmp_path, served):
    index = tmp_path / "index"
    settings = make_settings(None, index_dir=index, ui_host="0.0.0.0")
    with pytest.raises(InputError) as caught:
        launch(settings)
    assert str(caught.value) == (
        "refusing to serve on 0.0.0.0 without a login: set RAG_UI_AUTH=user:password, "
        "or pass --public to serve openly (RAG_UI_PUBLIC=true)."
    )
    assert served == []
    assert not index.exists()  # no index built for a page that will not be served


def test_launch_serves_openly_when_told_and_with_a_login_otherwise(bundled_index, served, capsys):
    launch(bundled_settings(bundled_index, ui_public=True), host="0.0.0.0", port=7999)
    assert "serving on 0.0.0.0 without a login, as asked" in capsys.readouterr().out
    launch(bundled_settings(bundled_index, ui_auth="ada:lovelace", ui_host="0.0.0.0"))
    launch(bundled_settings(bundled_index))
    assert [(c["server_name"], c["auth"]) for c in served] == [
        ("0.0.0.0", None),
        ("0.0.0.0", [("ada", "lovelace")]),
        ("127.0.0.1", None),
    ]
