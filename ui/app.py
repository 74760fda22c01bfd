"""The Gradio chat app: a thin adapter over ``Assistant.stream_ask``.

``create_app(assistant)`` builds the page (tests pass a fake assistant); ``launch()`` only runs
it. Everything shown comes from the ``Answer`` that ``stream_ask`` returns.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import gradio as gr

from rag.config import ANSWER_MODES, Settings, describe_endpoint
from rag.errors import InputError, RagError
from rag.ui.render import (
    link_citations,
    safe_markdown,
    sources_html,
    status_line,
    unlink_citations,
)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_FILE = resources.files("rag.ui") / "examples.txt"  # package data
CSS = """
#sources-panel ol { padding-left: 0; list-style: none; }
#sources-panel .source { border-bottom: 1px solid var(--border-color-primary); padding: .5em 0; }
#sources-panel .source-meta { font-size: .85em; opacity: .8; }
#sources-panel .source-snippet { font-size: .9em; margin-top: .25em; }
#sources-panel .cited { color: var(--color-accent); font-weight: 600; }
"""


def load_examples() -> list[str]:
    return [line.strip() for line in EXAMPLES_FILE.read_text().splitlines() if line.strip()]


def create_app(assistant: Any, settings: Settings | None = None) -> gr.Blocks:
    settings = settings or assistant.settings

    def status(answer_mode: str = settings.answer_mode, model: str = settings.llm_model) -> str:
        papers = assistant.paper_count()  # a count kept by ingest, not a scan per page load
        return status_line(
            settings.llm_configured,
            answer_mode,
            model or settings.llm_model,
            describe_endpoint(settings),
            papers,
        )

    def respond(
        question: str, chat: list[dict[str, Any]], k: float, answer_mode: str, model: str
    ) -> Iterator[tuple[list[dict[str, Any]], str, str]]:
        question = (question or "").strip()
        history = [
            {"role": m["role"], "content": unlink_citations(_plain(m["content"]))} for m in chat
        ]
        chat = [*chat, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        yield chat, sources_html(None), ""
        text = ""
        try:
            stream = assistant.stream_ask(
                question, history=history, k=int(k), mode=answer_mode, model=model or None
            )
            for delta in stream:
                text += delta
                chat[-1] = {"role": "assistant", "content": safe_markdown(text)}
                yield chat, sources_html(None), ""
            answer = stream.answer
            chat[-1] = {"role": "assistant", "content": link_citations(answer)}
            yield chat, sources_html(answer), ""
        except Exception as error:  # shown in the chat; the app keeps working
            chat[-1] = {"role": "assistant", "content": f"⚠️ {error}"}
            yield chat, sources_html(None), ""

    def ask_api(question: str, k: int = 8, mode: str = "auto") -> dict[str, Any]:
        """Answer a question: the answer text, its citations and every retrieved source."""
        try:
            return assistant.ask(question, k=check_k(k), mode=check_mode(mode)).to_dict()
        except RagError as error:  # gr.Error reaches API clients even with show_error=False
            raise gr.Error(str(error), print_exception=False) from None

    with gr.Blocks(title="Ask the papers") as app:
        gr.Markdown("## Ask the papers\nCited answers from the indexed paper abstracts.")
        status_md = gr.Markdown(elem_id="status")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="chat", height=520, sanitize_html=True, label="Conversation"
                )
                question = gr.Textbox(
                    elem_id="question",
                    placeholder="Ask about the papers, e.g. which methods reduce pre-training cost?",
                    show_label=False,
                    lines=1,
                    max_lines=6,
                )
                with gr.Row():
                    send = gr.Button("Ask", variant="primary", elem_id="ask")
                    new = gr.Button("New conversation", elem_id="new")
                gr.Examples(load_examples(), inputs=question, label="Try one of these")
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None), elem_id="sources")
        with gr.Accordion("Settings", open=False):
            k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Papers to retrieve")
            answer_mode = gr.Radio(
                list(ANSWER_MODES),
                value=settings.answer_mode,
                label="Answer mode",
                elem_id="answer-mode",
            )
            model = gr.Textbox(value=settings.llm_model, label="LLM model")

        inputs = [question, chatbot, k, answer_mode, model]
        outputs = [chatbot, sources, question]
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        new.click(lambda: ([], sources_html(None), ""), None, outputs, api_visibility="private")
        app.load(status, [answer_mode, model], status_md, api_visibility="private")
        answer_mode.change(status, [answer_mode, model], status_md, api_visibility="private")
        gr.api(ask_api, api_name="ask")
    # Several users at once: at most ui_concurrency questions run together, the rest wait in
    # the queue (Gradio's own default is one at a time).
    app.queue(default_concurrency_limit=settings.ui_concurrency)
    return app


def check_k(k: Any) -> int:
    """The API's ``k`` as a whole number of papers, at least one (the page's slider cannot send
    anything else; an API client can).

    >>> check_k(5.0)
    5
    >>> check_k(0)
    Traceback (most recent call last):
    rag.errors.InputError: k must be a whole number of at least 1 (got 0): ask for 1 paper or more.
    """
    try:
        number = float(k)
    except (TypeError, ValueError):
        number = float("nan")
    if isinstance(k, bool) or not number.is_integer() or number < 1:
        raise InputError(
            f"k must be a whole number of at least 1 (got {k!r}): ask for 1 paper or more."
        )
    return int(number)


def check_mode(mode: object) -> str:
    """The API's answer mode, one of the page's.

    >>> check_mode("fast")
    Traceback (most recent call last):
    rag.errors.InputError: mode must be one of auto, llm, extractive (got 'fast').
    """
    if mode not in ANSWER_MODES:
        raise InputError(f"mode must be one of {', '.join(ANSWER_MODES)} (got {mode!r}).")
    return str(mode)


def _plain(content: Any) -> str:
    """Chat history as plain text for follow-up rewriting (Gradio may hand back structures)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_plain(c) for c in content)
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return str(content)


def login(settings: Settings) -> tuple[str, str] | None:
    if not settings.ui_auth:
        return None
    user, _, password = settings.ui_auth.get_secret_value().partition(":")
    return user, password


def is_loopback(host: str) -> bool:
    """>>> [is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "localhost", "0.0.0.0")]
    [True, True, True, True, False]
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name other than localhost may resolve anywhere
        return False


def check_exposure(host: str, has_login: bool, public: bool) -> None:
    """Refuse to serve openly beyond this machine unless asked to: anyone who can reach the
    page could ask questions (and spend the LLM key).

    >>> check_exposure("0.0.0.0", has_login=True, public=False)  # a login: served
    >>> check_exposure("0.0.0.0", has_login=False, public=False)
    Traceback (most recent call last):
    rag.errors.InputError: refusing to serve on 0.0.0.0 without a login: set RAG_UI_AUTH=user:password, or pass --public to serve openly (RAG_UI_PUBLIC=true).
    """
    if is_loopback(host) or has_login:
        return
    if not public:
        raise InputError(
            f"refusing to serve on {host} without a login: set RAG_UI_AUTH=user:password, "
            "or pass --public to serve openly (RAG_UI_PUBLIC=true)."
        )
    print(f"warning: serving on {host} without a login, as asked (--public / RAG_UI_PUBLIC).")


def launch(
    settings: Settings | None = None, host: str | None = None, port: int | None = None
) -> None:
    """Build the index if missing (progress in the terminal), then serve the chat page."""
    from rag.assistant import Assistant
    from rag.config import load_settings

    settings = settings or load_settings()
    host = host or settings.ui_host
    auth = login(settings)
    check_exposure(host, auth is not None, settings.ui_public)  # before any index is built
    assistant = Assistant(settings)
    if assistant.store.count_chunks() == 0:
        print("Building the index from the bundled corpus (first start)…", flush=True)
    assistant.ensure_index(progress=True)  # also catches the lexical index up to Chroma
    app = create_app(assistant, settings)
    app.launch(
        server_name=host,
        server_port=port or settings.ui_port,
        auth=auth,
        # Nothing of the user's or the package's is served: not a .env (keys), not the index.
        blocked_paths=[str(Path.cwd()), str(settings.index_dir), str(PACKAGE_ROOT)],
        css=CSS,
        show_error=False,
        footer_links=["api"],
    )
