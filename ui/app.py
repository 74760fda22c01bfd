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

from rag.answer import Answer
from rag.config import ANSWER_MODES, Settings, describe_endpoint
from rag.errors import InputError
from rag.records import Filters
from rag.ui.conversations import (
    Saved,
    answer_at,
    answer_from_api,
    choices,
    export_file,
    export_text,
    new_browser_id,
    owner_of,
)
from rag.ui.errors import shown_on_page
from rag.ui.papers import add_tab, papers_tab
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


# "copy citation" links in the sources panel: one listener for the whole page (the panel's
# HTML is replaced on every answer, so handlers on its links would be lost).
HEAD = """<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.copy-citation");
  if (!link) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.dataset.citation || "").then(
    () => { link.textContent = "copied"; },
    () => { link.textContent = "select and copy: " + link.dataset.citation; });
});
</script>"""


def load_examples() -> list[str]:
    return [line.strip() for line in EXAMPLES_FILE.read_text().splitlines() if line.strip()]


def create_app(assistant: Any, settings: Settings | None = None) -> gr.Blocks:
    settings = settings or assistant.settings
    saved = Saved(settings.conversations_db)

    def status(answer_mode: str = settings.answer_mode, model: str = settings.llm_model) -> str:
        papers = assistant.paper_count()  # a count kept by ingest, not a scan per page load
        return status_line(
            settings.llm_configured,
            answer_mode,
            model or settings.llm_model,
            describe_endpoint(settings),
            papers,
        )

    def start(
        browser: str, answer_mode: str, model: str, request: gr.Request
    ) -> tuple[str, str, Any]:
        """On page load: the status line, this browser's id, its saved conversations."""
        browser = new_browser_id(browser)
        listed = choices(saved.conversations, owner_of(request, browser))
        return status(answer_mode, model), browser, gr.update(choices=listed, value=None)

    def respond(
        question: str,
        chat: list[dict[str, Any]],
        k: float,
        answer_mode: str,
        model: str,
        since: str,
        until: str,
        source: str,
        category: str,
        browser: str,
        conversation_id: str,
        answers: list[dict[str, Any]],
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        question = (question or "").strip()
        history = page_history(chat, answers)
        chat = [*chat, {"role": "user", "content": question}, {"role": "assistant", "content": ""}]
        unchanged = (conversation_id, answers, gr.update())
        yield chat, sources_html(None), "", *unchanged
        text = ""
        try:
            filters = Filters.of(since, until, source, category)
            stream = assistant.stream_ask(
                question, history=history, k=int(k), mode=answer_mode, model=model or None,
                filters=filters,
            )  # fmt: skip
            for delta in stream:
                text += delta
                chat[-1] = {"role": "assistant", "content": safe_markdown(text)}
                yield chat, sources_html(None), "", *unchanged
            answer = stream.answer
        except Exception as error:  # shown in the chat; the app keeps working
            chat[-1] = {"role": "assistant", "content": f"⚠️ {error}"}
            # An empty answer keeps answers aligned with the chat's answer messages.
            yield chat, sources_html(None), "", conversation_id, [*answers, {}], gr.update()
            return
        chat[-1] = {"role": "assistant", "content": link_citations(answer)}
        # Only answered turns are saved: a turn whose question failed has nothing to keep
        # (and the answers stay aligned with the chat's answer messages).
        owner = owner_of(request, browser)
        conversation_id = saved.save(owner, conversation_id, answer)
        answers = [*answers, answer.to_dict()]
        listed = gr.update(choices=choices(saved.conversations, owner), value=conversation_id)
        yield chat, sources_html(answer), "", conversation_id, answers, listed

    def open_conversation(conversation_id: str | None, browser: str, request: gr.Request) -> Any:
        if not conversation_id:
            return gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
        with shown_on_page():
            return saved.open(owner_of(request, browser), conversation_id)

    def new_conversation() -> tuple[Any, ...]:
        return [], sources_html(None), "", "", [], gr.update(value=None), ""

    def rename(conversation_id: str, title: str, browser: str, request: gr.Request) -> Any:
        owner = owner_of(request, browser)
        with shown_on_page():
            if not conversation_id:
                raise InputError("Ask a question first: there is no conversation to rename.")
            saved.conversations.rename(conversation_id, owner, title)
        return gr.update(choices=choices(saved.conversations, owner), value=conversation_id)

    def delete(conversation_id: str, browser: str, request: gr.Request) -> tuple[Any, ...]:
        owner = owner_of(request, browser)
        if conversation_id:
            with shown_on_page():
                saved.conversations.delete(conversation_id, owner)
        listed = gr.update(choices=choices(saved.conversations, owner), value=None)
        return [], sources_html(None), "", "", [], listed, ""

    def show_sources(answers: list[dict[str, Any]], event: gr.SelectData) -> Any:
        """Clicking an answer in the chat shows that answer's sources."""
        answer = answer_at(answers, event.index)
        return sources_html(answer) if answer else gr.update()

    def export(answers: list[dict[str, Any]], title: str, fmt: str) -> str:
        kept = [Answer.from_dict(a) for a in answers if a]  # {}: a question that failed
        if not kept:
            raise gr.Error("Ask a question first: there is nothing to export.")
        name = "references.bib" if fmt == "bibtex" else "conversation.md"
        return export_file(export_text(kept, title, fmt), name)

    def rate(
        answers: list[dict[str, Any]],
        comment: str,
        browser: str,
        event: gr.LikeData,
        request: gr.Request,
    ) -> tuple[str, str]:
        answer = answer_at(answers, event.index)
        if answer is None:
            return "Rate an answer, not a question.", comment
        owner = owner_of(request, browser) or "anonymous"
        rating = "up" if event.liked else "down"
        with shown_on_page():
            saved.feedback.record(owner, answer, rating, comment or "")
        return f"Thanks: {'👍' if rating == 'up' else '👎'} recorded for that answer.", ""

    def ask_api(
        question: str,
        k: int = 8,
        mode: str = "auto",
        since: str = "",
        until: str = "",
        source: str = "",
        category: str = "",
    ) -> dict[str, Any]:
        """Answer a question: the answer text, its citations and every retrieved source;
        optionally only from papers dated since/until (2023, 2023-05, 2023-05-31), from a
        source (file or listing name) or in a category."""
        with shown_on_page():
            filters = Filters.of(since, until, source, category)
            return assistant.ask(
                question, k=check_k(k), mode=check_mode(mode), filters=filters
            ).to_dict()

    def export_api(answer: dict[str, Any], format: str = "markdown") -> str:
        """An answer from /ask as Markdown with numbered references ("markdown") or the
        BibTeX of the papers it cites ("bibtex")."""
        if format not in ("markdown", "bibtex"):
            raise gr.Error(f"format must be markdown or bibtex (got {format!r}).")
        return export_text([answer_from_api(answer)], "", format)

    def feedback_api(
        answer: dict[str, Any], rating: str, comment: str = "", request: gr.Request | None = None
    ) -> str:
        """Rate an answer from /ask: rating "up" or "down", an optional comment; the
        feedback's id."""
        owner = owner_of(request, "") or "api"
        with shown_on_page():
            return saved.feedback.record(owner, answer_from_api(answer), rating, comment)

    with gr.Blocks(title="Ask the papers") as app:
        browser = gr.BrowserState("", storage_key="paper-rag-browser")
        conversation_id = gr.State("")
        answers = gr.State([])
        with gr.Sidebar(elem_id="sidebar", open=True):
            gr.Markdown("### Conversations")
            new_side = gr.Button("New conversation", elem_id="new-side", size="sm")
            conversations = gr.Radio([], label="Saved", elem_id="conversations", show_label=False)
            title = gr.Textbox(label="Title", elem_id="conversation-title", max_lines=1)
            with gr.Row():
                rename_btn = gr.Button("Rename", size="sm", elem_id="rename")
                delete_btn = gr.Button("Delete", size="sm", variant="stop", elem_id="delete")
            gr.Markdown("### Export")
            with gr.Row():
                export_md = gr.Button("Markdown", size="sm", elem_id="export-md")
                export_bib = gr.Button("BibTeX", size="sm", elem_id="export-bib")
            download = gr.File(label="Download", elem_id="download", interactive=False)
        gr.Markdown("## Ask the papers\nCited answers from the indexed paper abstracts.")
        status_md = gr.Markdown(elem_id="status")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("Chat", id="chat", elem_id="tab-chat"), gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        elem_id="chat", height=520, sanitize_html=True, label="Conversation",
                        feedback_options=("Like", "Dislike"),
                    )  # fmt: skip
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
                    with gr.Row():
                        comment = gr.Textbox(
                            placeholder="A comment to send with your thumbs up/down on an answer (optional)",
                            show_label=False, elem_id="feedback-comment", scale=4,
                        )  # fmt: skip
                        thanks = gr.Markdown(elem_id="feedback-note")
                    gr.Examples(load_examples(), inputs=question, label="Try one of these")
                    with gr.Accordion("Filters", open=False, elem_id="filters"):
                        with gr.Row():
                            since = gr.Textbox(label="Since", placeholder="2023", elem_id="since")
                            until = gr.Textbox(
                                label="Until", placeholder="2024-06", elem_id="until"
                            )
                        with gr.Row():
                            source = gr.Textbox(label="Source (file or listing)", elem_id="source")
                            category = gr.Textbox(label="Category", placeholder="cs.CL")
                with gr.Column(scale=2):
                    sources = gr.HTML(sources_html(None), elem_id="sources")
            with gr.Tab("Papers", id="papers", elem_id="tab-papers") as papers_tab_:
                papers = papers_tab(assistant)
            with gr.Tab("Add papers", id="add", elem_id="tab-add"):
                added = add_tab(assistant)
        with gr.Accordion("Settings", open=False):
            k = gr.Slider(1, 20, value=settings.top_k, step=1, label="Papers to retrieve")
            answer_mode = gr.Radio(
                list(ANSWER_MODES),
                value=settings.answer_mode,
                label="Answer mode",
                elem_id="answer-mode",
            )
            model = gr.Textbox(value=settings.llm_model, label="LLM model")

        inputs = [question, chatbot, k, answer_mode, model, since, until, source, category,
                  browser, conversation_id, answers]  # fmt: skip
        outputs = [chatbot, sources, question, conversation_id, answers, conversations]
        send.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        cleared = [*outputs, title]
        new.click(new_conversation, None, cleared, api_visibility="private")
        new_side.click(new_conversation, None, cleared, api_visibility="private")
        conversations.input(
            open_conversation,
            [conversations, browser],
            [chatbot, sources, answers, conversation_id, title],
            api_visibility="private",
        )
        rename_btn.click(
            rename, [conversation_id, title, browser], conversations, api_visibility="private"
        )
        delete_btn.click(delete, [conversation_id, browser], cleared, api_visibility="private")
        chatbot.select(show_sources, answers, sources, api_visibility="private")
        chatbot.like(rate, [answers, comment, browser], [thanks, comment], api_visibility="private")
        export_md.click(
            lambda a, t: export(a, t, "markdown"),
            [answers, title],
            download,
            api_visibility="private",
        )
        export_bib.click(
            lambda a, t: export(a, t, "bibtex"),
            [answers, title],
            download,
            api_visibility="private",
        )
        app.load(
            start,
            [browser, answer_mode, model],
            [status_md, browser, conversations],
            api_visibility="private",
        )
        answer_mode.change(status, [answer_mode, model], status_md, api_visibility="private")
        gr.api(ask_api, api_name="ask")
        gr.api(export_api, api_name="export")
        gr.api(feedback_api, api_name="feedback")
        listing_inputs = [papers["title"], papers["source"]]
        papers_tab_.select(
            papers["listing"], listing_inputs, papers["outputs"], api_visibility="private"
        )
        # After an upload the status line's count follows at once.
        added["report"].change(status, [answer_mode, model], status_md, api_visibility="private")
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


def page_history(chat: list[dict[str, Any]], answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chat as the assistant takes history: plain text (links back to markers) and, with
    each answer, the papers it cited, so a follow-up is about exactly those papers."""
    history = []
    for index, message in enumerate(chat):
        turn = {"role": message["role"], "content": unlink_citations(_plain(message["content"]))}
        answer = (
            answers[index // 2]
            if message["role"] == "assistant" and index // 2 < len(answers)
            else {}
        )
        cited = [c["paper_id"] for c in (answer or {}).get("citations", [])]
        if cited:
            turn["papers"] = list(dict.fromkeys(cited))
        history.append(turn)
    return history


def _plain(content: Any) -> str:
    """Chat history as plain text for follow-up rewriting (Gradio may hand back structures)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_plain(c) for c in content)
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return str(content)


def login(settings: Settings) -> list[tuple[str, str]] | None:
    """The page's users from RAG_UI_AUTH: ``user:password``, or several separated by commas
    (each sees only their own saved conversations).

    >>> from pydantic import SecretStr
    >>> login(Settings(_env_file=None, ui_auth=SecretStr("ada:x1, alan:y:2")))
    [('ada', 'x1'), ('alan', 'y:2')]
    """
    if not settings.ui_auth:
        return None
    users = []
    for entry in settings.ui_auth.get_secret_value().split(","):
        user, _, password = entry.strip().partition(":")
        if not user or not password:
            raise InputError("RAG_UI_AUTH must be user:password, or several separated by commas.")
        users.append((user, password))
    return users


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
        head=HEAD,
        max_file_size=settings.max_upload_bytes,  # refused by the server before it is stored
        show_error=False,
        footer_links=["api"],
    )
