"""Saved conversations, exports and feedback on the chat page (``rag.conversations``,
``rag.export``, ``rag.feedback`` do the work; this module only adapts them to Gradio).

Whose conversations. With a login (``RAG_UI_AUTH``) the owner is the user name, so a user finds
their conversations from any browser. Without one, each browser gets a random id kept in its
local storage (``gr.BrowserState``): two people on the page never see each other's
conversations, and a reload or a server restart brings a browser's own back.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

import gradio as gr

from rag.answer import Answer
from rag.conversations import Conversation, ConversationStore, Turn
from rag.errors import RagError
from rag.export import answer_markdown, bibtex, cited_sources, conversation_markdown
from rag.feedback import FeedbackStore
from rag.ui.render import link_citations, sources_html


def owner_of(request: gr.Request | None, browser: str) -> str:
    """The owner of what this page saves: the logged-in user, else this browser."""
    username = getattr(request, "username", None) if request is not None else None
    if username:
        return f"user:{username}"
    return f"browser:{browser}" if browser else ""


def new_browser_id(current: str) -> str:
    return current or uuid.uuid4().hex


def choices(store: ConversationStore, owner: str) -> list[tuple[str, str]]:
    """(title, id) of the owner's conversations, the latest first, for the sidebar."""
    return [(c.title, c.id) for c in store.list(owner)] if owner else []


def chat_of(conversation: Conversation) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The chat messages a saved conversation shows, and its answers (one per turn)."""
    chat: list[dict[str, Any]] = []
    answers = []
    for turn in conversation.turns:
        chat.append({"role": "user", "content": turn.question})
        chat.append({"role": "assistant", "content": link_citations(turn.answer)})
        answers.append(turn.answer.to_dict())
    return chat, answers


def answer_at(answers: list[dict[str, Any]], message_index: Any) -> Answer | None:
    """The answer shown as chat message ``message_index`` (messages alternate question and
    answer, so answer n is message 2n + 1); Gradio's events give the index, or [index, part]."""
    if not isinstance(message_index, int):
        message_index = int(message_index[0])
    turn = message_index // 2
    if message_index % 2 == 1 and 0 <= turn < len(answers) and answers[turn]:
        return Answer.from_dict(answers[turn])
    return None


def export_file(text: str, name: str) -> str:
    """A file to download; Gradio serves files from the temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="rag-export-"))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def export_text(answers: list[Answer], title: str, fmt: str) -> str:
    """A conversation (or one answer) as Markdown with numbered references, or the BibTeX of
    the papers it cites."""
    if fmt == "bibtex":
        return bibtex([s for a in answers for s in cited_sources(a)])
    if len(answers) == 1:
        return answer_markdown(answers[0])
    turns = [Turn(a.question, a, "") for a in answers]
    return conversation_markdown(Conversation("", "", title or "Conversation", "", "", turns))


def answer_from_api(value: Any) -> Answer:
    """An answer as an API client sends it back: the dict (or its JSON) that /ask returned."""
    try:
        data = json.loads(value) if isinstance(value, str) else value
        return Answer.from_dict(dict(data))
    except (ValueError, TypeError, KeyError) as error:
        raise gr.Error(
            f"answer must be what /ask returned (a JSON object): {error}", print_exception=False
        ) from None


class Saved:
    """The stores behind the page, opened once per app."""

    def __init__(self, path: Path) -> None:
        self.conversations = ConversationStore(path)
        self.feedback = FeedbackStore(path)

    def save(self, owner: str, conversation_id: str, answer: Answer) -> str:
        """Add the answer to the conversation (a new one on the first question); its id."""
        if not owner:
            return conversation_id
        try:
            if not conversation_id:
                conversation_id = self.conversations.create(owner).id
            self.conversations.add_turn(conversation_id, owner, answer)
        except RagError:  # deleted in another tab: start a new one rather than lose the answer
            conversation_id = self.conversations.create(owner).id
            self.conversations.add_turn(conversation_id, owner, answer)
        return conversation_id

    def open(self, owner: str, conversation_id: str) -> tuple[Any, ...]:
        """Chat, sources panel, answers and id of a saved conversation."""
        conversation = self.conversations.get(conversation_id, owner)
        chat, answers = chat_of(conversation)
        last = conversation.turns[-1].answer if conversation.turns else None
        return chat, sources_html(last), answers, conversation.id, conversation.title
