"""The Assistant: the resources (embedder, index, retriever, LLM) behind every entry point.

Example::

    assistant = Assistant()                      # settings from the environment
    assistant.search("byte-level language models").hits[0].title
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag import prompts
from rag.answer import Answer, AnswerOptions, AnswerStream, Findings, answer_stream, check_k
from rag.catalog import Catalog
from rag.config import Settings
from rag.embeddings import LazyEmbedder
from rag.errors import InputError, LLMError, QuestionError
from rag.evidence import READ_PAPERS, Evidence
from rag.evidence import read as read_evidence
from rag.fetch import read_sources
from rag.ingest import IngestSummary, catch_up_lexical, ingest_papers, ingest_paths, remove_papers
from rag.lexical import tokenize
from rag.names import introduces, name_in, spelled_acronyms
from rag.question import (
    Question,
    analyse,
    asked_of,
    asks_for_papers,
    find_names,
    is_topical,
    leans_on,
    name_titles,
    names_its_paper,
    names_unsaid,
    paper_asked_about,
    titles_named,
    when,
)
from rag.records import Hit, Paper, Problem, SearchResult, chunk_id, paper_of_chunk, skipped
from rag.retrieval import Filters, Retriever
from rag.spelling import respell, respelt_note
from rag.store import Store, adopt_legacy_index

if TYPE_CHECKING:
    from rag.llm import ChatModel

MAX_QUESTION_CHARS = 2000  # ~500 tokens: a question, not a document
MAX_HISTORY_TURNS = 6  # the last three exchanges are enough to resolve "it" and "that paper"
log = logging.getLogger(__name__)


def check_question(question: str) -> str:
    if question is not None and not isinstance(question, str):
        raise QuestionError(f"The question must be text, not {type(question).__name__}.")
    question = " ".join((question or "").split())
    if not question:
        raise QuestionError("The question is empty: type a question about the indexed papers.")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"The question is {len(question)} characters long; shorten it to at most "
            f"{MAX_QUESTION_CHARS} (ask about one thing at a time)."
        )
    return question


class Assistant:
    """Holds the resources; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, embedder: Any = None) -> None:
        self.settings = settings or Settings()
        adopt_legacy_index(self.settings)  # before the embedder caches its model files there
        self.embedder = embedder or LazyEmbedder(self.settings)
        self.store = Store(self.settings, self.embedder.id, self.embedder.dimension)
        self.retriever = Retriever(self.store, self.embedder, self.settings)
        self._ingest_lock = threading.Lock()
        self._chats: dict[str, ChatModel] = {}
        prompts.check_all()  # a broken prompt file fails here, not mid-answer

    # --- index ----------------------------------------------------------------------------
    def ingest(
        self, paths: Sequence[Path | str] | None = None, fmt: str = "auto", progress: bool = False
    ) -> IngestSummary:
        """Index the bundled corpus, or the given files, folders and http(s) URLs; a URL that
        cannot be fetched is an ``InputError`` before anything is written."""
        if paths:
            return self.add_papers(*read_sources(paths, fmt, self.settings), progress=progress)
        with self._ingest_lock:
            return ingest_paths(None, self.store, self.embedder, self.settings, fmt, progress)

    def add_papers(
        self, papers: list[Paper], problems: list[Problem] | None = None, progress: bool = False
    ) -> IngestSummary:
        """Index papers already read (``read_upload``, ``read_url``, ``read_sources``); the
        reader's ``problems`` are reported in the summary as skipped records."""
        with self._ingest_lock:
            summary = ingest_papers(papers, self.store, self.embedder, self.settings, progress)
        summary.problems = list(problems or [])
        summary.skipped = skipped(summary.problems)
        return summary

    def ensure_index(self, progress: bool = False) -> IngestSummary | None:
        """Build the index from the bundled corpus if it is empty (first start); otherwise
        bring the lexical index up to Chroma if their chunk counts differ (an index from an
        older release, or a lexical folder other processes do not write)."""
        chunks = self.store.count_chunks()
        if chunks == 0:
            return self.ingest(None, progress=progress)
        lexical = self.retriever.lexical_index
        if lexical.searcher().num_docs != chunks or lexical.paper_total() != self.paper_count():
            with self._ingest_lock:
                catch_up_lexical(self.store, self.settings)
        return None

    def remove(self, paper_ids: list[str]) -> int:
        """Remove papers from the index (Chroma and the lexical index); how many it held."""
        with self._ingest_lock:
            return remove_papers(paper_ids, self.store, self.settings)

    def remove_source(self, source: str) -> tuple[int, int]:
        """Remove the papers that came only from ``source`` (an imported file or listing);
        (papers removed, papers kept because another source has them too)."""
        only, shared = self.catalog.papers_only_from(source)
        if not only and not shared:
            raise InputError(f"no papers came from {source!r}; see 'rag papers --sources'.")
        return self.remove(only), shared

    def paper_count(self) -> int:
        return self.store.paper_count()

    @property
    def catalog(self) -> Catalog:
        """The papers the index holds (titles, sources, dates), without a scan of Chroma."""
        return Catalog(self.retriever.lexical_index)

    def paper(self, paper_id: str) -> dict[str, Any]:
        """One paper as stored: title, abstract, authors, date, urls, sources, categories."""
        stored = self.store.get_chunks([chunk_id(paper_id, 0)])  # the chunk with the abstract
        if not stored:
            raise InputError(f"no paper with id {paper_id!r} in the index.")
        meta = next(iter(stored.values())).metadata
        fields = ("title", "abstract", "authors", "date", "categories")
        paper: dict[str, Any] = {"paper_id": paper_id}
        paper.update({key: str(meta.get(key, "")) for key in fields})
        paper.update({key: str(meta.get(key, "")).split() for key in ("urls", "sources")})
        return paper

    def stats(self) -> dict[str, Any]:
        meta = self.store.metadata
        return {
            "papers": self.store.paper_count(),
            "chunks": self.store.count_chunks(),
            "embedder": meta.get("embedder"),
            "dimension": meta.get("dimension"),
            "collection": self.settings.collection,
            "location": self.store.location,
            "mode": "server" if self.settings.chroma_host else "local",
        }

    # --- retrieval ------------------------------------------------------------------------
    def search(
        self, question: str, k: int | None = None, filters: Filters | None = None
    ) -> SearchResult:
        check_k(k)
        text, spelt = self.respelt(check_question(question))
        result = self._search(self.retriever.analyse(text), k, filters)
        result.filter_note = " ".join(filter(None, [spelt, result.filter_note]))
        return result

    def respelt(self, text: str) -> tuple[str, str]:
        """``text`` with misspelled words read as the papers spell them, and a note saying so."""
        text, changes = respell(
            text,
            self.retriever.lexical,
            lambda ids: [chunk.document for chunk in self.store.get_chunks(ids).values()],
        )
        return text, respelt_note(changes)

    def _search(self, question: Question, k: int | None, filters: Filters | None) -> SearchResult:
        """The search, within the dates the question asks for too, and what they mean for it."""
        filters, note = self.dated(question, filters)
        result = self.retriever.search(question, k, filters)
        titles = titles_named(question.text, [h.title for h in result.hits])
        its_paper = [t for t in titles if names_its_paper(question.text, t)]
        if its_paper and question.topical and not asks_for_papers(question.text):
            # "Which text-video retrieval models failed to reproduce in <title>?": that paper's
            # models, not a topic; read again, and searched as a question about it
            again = analyse(question.text, self.retriever.lexical.idf, its_paper)
            kept = ("search_text", "context_papers", "said", "dates", "asked")
            vars(question).update({k: v for k, v in vars(again).items() if k not in kept})
            result = self.retriever.search(question, k, filters)
        titles = [] if question.topical else titles
        if titles:
            # "Block Pruning For Faster Transformers and the Optimal BERT Surgeon": two papers,
            # not four names; known once their titles are among the hits
            name_titles(question, titles)
        if question.compares and result.hits:
            self._add_compared(question, result, filters)
        if note:  # what the question asked for, not "the filters"
            result.filter_note = note
        return result

    def _add_compared(
        self, question: Question, result: SearchResult, filters: Filters | None
    ) -> None:
        """ "Which was pretrained on more tokens, ERNIE 2.0 or ERNIE-Gram?": a question about two
        things is about two papers, and the one fusion ranked out comes back, found by its own
        name, in place of the last paper read."""
        hits = result.hits
        for name in question.compared:
            read = hits[:READ_PAPERS]
            if any(name_in(name, f"{h.title}\n{h.abstract or h.snippet}") for h in read):
                continue
            own = self.retriever.search(self.retriever.analyse(name), COMPARED_LOOKUP, filters)
            found = next(
                (h for h in own.hits if name_in(name, f"{h.title}\n{h.abstract or h.snippet}")),
                None,
            )
            if found is not None:
                kept = len(hits)
                # ranked below the papers read, or not at all
                hits[:] = [h for h in hits if h.paper_id != found.paper_id]
                hits.insert(min(len(read), READ_PAPERS - 1), found)
                del hits[kept:]

    # --- answers --------------------------------------------------------------------------
    def chat_model(self, mode: str | None = None, model: str | None = None) -> ChatModel | None:
        """The LLM to answer with, or None for extractive answers."""
        mode = mode or self.settings.answer_mode
        if mode == "extractive" or not self.settings.llm_configured:
            return None
        model = model or self.settings.llm_model
        with self._ingest_lock:
            if model not in self._chats:
                from rag.llm import ChatModel  # openai is imported only when an LLM is used

                self._chats[model] = ChatModel(
                    self.settings.model_copy(update={"llm_model": model})
                )
            return self._chats[model]

    def ask(
        self,
        question: str,
        history: list[Any] | None = None,
        options: AnswerOptions | None = None,
        **option_values: Any,
    ) -> Answer:
        """A cited answer (``stream_ask`` gives the same, streamed). Options come as an
        ``AnswerOptions`` or as its fields: ``ask(q, k=5, mode="extractive")``."""
        return self.stream_ask(question, history, options, **option_values).answer

    def stream_ask(
        self,
        question: str,
        history: list[Any] | None = None,
        options: AnswerOptions | None = None,
        **option_values: Any,
    ) -> AnswerStream:
        """The answer in flight: iterate it for text as it arrives, then read ``.answer``."""
        started = time.perf_counter()
        options = options or AnswerOptions(**option_values)
        text, spelt = self.respelt(check_question(question))
        requested = options.mode or self.settings.answer_mode
        chat = self.chat_model(requested, options.model)
        timings: dict[str, float] = {}
        # One deadline for the whole answer: the follow-up rewrite and the answer share it.
        deadline = chat.deadline() if chat is not None else None
        turns = normalise_history(history)
        analysed, result, evidence = self._find(text, turns, chat, deadline, options, timings)
        conversation = " ".join(str(t["content"]) for t in turns)
        new = names_unsaid(analysed.names, conversation)
        if turns and not evidence.answered and not analysed.refers_back and not new:
            # "Which domains did the free-form QA evaluation cover?": no pronoun, and nothing
            # answers it on its own; in a conversation it is about what was just discussed
            # (unless it names something the conversation did not: a new question).
            # The offline rewrite will do: the LLM has already rewritten it once.
            found = self._find(text, turns, None, deadline, options, timings, follow_up=True)
            if found[2].answered:
                analysed, result, evidence = found
        note = result.filter_note if result.hits else ""  # with no paper, it is the answer
        note = " ".join(filter(None, [spelt, note]))
        findings = Findings(analysed, result, evidence, started, timings, deadline, note)
        return answer_stream(findings, self.settings, chat, requested)

    def _find(
        self,
        text: str,
        turns: list[dict[str, Any]],
        chat: ChatModel | None,
        deadline: Any,
        options: AnswerOptions,
        timings: dict[str, float],
        follow_up: bool = False,
    ) -> tuple[Question, SearchResult, Evidence]:
        """The question resolved, its hits, and what they state about it."""
        t = time.perf_counter()
        analysed = self.resolve(text, turns, chat, deadline, follow_up)
        if analysed.search_text:
            timings["resolve"] = (time.perf_counter() - t) * 1000
        result = self._search(analysed, options.k, options.filters)
        timings["retrieve"] = result.timings_ms["total"]
        t = time.perf_counter()
        result.hits = _context_first(result.hits, analysed.context_papers)
        evidence = read_evidence(analysed, result.hits, result.answerable)
        timings["evidence"] = (time.perf_counter() - t) * 1000
        return analysed, result, evidence

    def dated(self, question: Question, filters: Filters | None) -> tuple[Filters | None, str]:
        """The filters with the dates the question asks for ("Which papers were published in
        2021?"), and what to tell the reader of them; dates set by the caller win."""
        since, until = question.dates
        if not (since or until):
            return filters, ""
        asked = when(since, until)
        if filters and (filters.date_from or filters.date_to):
            return (
                filters,
                f"The question asks for papers published {asked}; the date filter set is used.",
            )
        filters = replace(filters or Filters(), date_from=since, date_to=until)
        count = self.catalog.count(filters)
        if not count:
            return filters, (
                f"No indexed paper was published {asked}, as the question asks. Papers without a "
                "full date (the bundled ones have none) match no date."
            )
        return (
            filters,
            f"Only papers published {asked}, as the question asks: {count} in the index.",
        )

    def resolve(
        self,
        text: str,
        history: list[dict[str, Any]],
        chat: ChatModel | None = None,
        deadline: Any = None,
        follow_up: bool = False,
    ) -> Question:
        """The question analysed; a follow-up ("how big was it?") is resolved against the
        conversation: what it searches with, and the papers the conversation was about.

        When the previous answer names the papers it cited (``"papers"``, as the chat page
        sends them) the follow-up is about those. With plain ``{role, content}`` messages the
        previous answer is prose: the papers it talked about are found by searching its text
        with the question before it (BM25 alone for a long answer, the hybrid search for a
        short one).
        """
        users = [t["content"] for t in history if t["role"] == "user"]
        swapped = asked_of(text, users[-1]) if users and chat is None else None
        if swapped:
            # "And what about MrT5?": the previous question, asked of MrT5, is a question of
            # its own (an LLM rewrites it with the rest of the conversation, below).
            question = self.retriever.analyse(swapped)
            question.search_text, question.asked = swapped, text
            return question
        question = self.retriever.analyse(text)
        things = question.things
        if things:
            # "I'm looking for the paper that introduced RoBERTa": "introduced" found GottBERT
            # ("The introduction of ... RoBERTa"), and "RoBERTa" alone ranked the paper titled
            # "RoBERTa: ..." 10th (its abstract never writes the name). A title headed by the
            # name is searched for; else the name.
            titled = [
                paper.title
                for thing in things
                for paper in self.catalog.papers(title=thing, limit=TITLE_LOOKUP)
                if introduces(thing, paper.title, "") == -1
            ]
            # "Which paper presents the first fully binarized BERT?" asks for a kind of BERT,
            # which the whole question finds (BiBERT), not BERT's own paper
            superlative = question.superlative
            qualified = superlative and set(superlative.terms) - set(tokenize(" ".join(things)))
            if (titled or question.wants_origin) and not qualified:
                question.search_text = " ".join(dict.fromkeys(titled or things))
        if question.wants_authors and question.names:
            # Searched by the paper it names, not by "who" and "authors" ("Who wrote it?" names
            # none: the conversation says which paper, below).
            question.search_text = paper_asked_about(text)
        answers = [t["content"] for t in history if t["role"] == "assistant"]
        if users and not question.refers_back:
            # "How big are the two models?": no pronoun, yet about what was just said.
            question.refers_back = follow_up or leans_on(
                text, f"{users[-1]} {answers[-1] if answers else ''}"
            )
        if not history or not (question.refers_back or chat is not None):
            return question
        if chat is not None:
            rewritten = rewrite_with_llm(text, history, chat, deadline)
            if rewritten and rewritten != text:
                question.search_text = rewritten
                # "What about multilingual ones?" after "Which papers ...?" asks for papers too
                # (not so the offline rewrite, which joins the previous question on).
                question.topical = question.topical or is_topical(rewritten)
        if not question.refers_back or not users:
            return question
        last: dict[str, Any] = next((t for t in reversed(history) if t["role"] == "assistant"), {})
        # "grammatical error correction" said, "GEC" is no new name
        said = str(last.get("content", ""))
        question.said = frozenset(tokenize(said)) | spelled_acronyms(said)
        cited = list(last.get("papers", [])[:CONTEXT_PAPERS])
        titles = self.catalog.titles(cited)
        if titles:
            # The page named the papers the answer cited: search with their titles, so they
            # are among the hits whatever the answer's words were.
            question.context_papers = [pid for pid in cited if pid in titles]
            if not question.search_text:
                named = [titles[pid] for pid in question.context_papers]
                question.search_text = " ".join([text, *named])[-MAX_QUESTION_CHARS:]
        else:
            question.context_papers = self._talked_about(users[-1], answers[-1] if answers else "")
        if not question.search_text:
            names = find_names(answers[-1]) if answers else []
            question.search_text = " ".join([text, users[-1], *names])[-MAX_QUESTION_CHARS:]
        return question

    def _talked_about(self, asked: str, answer: str) -> list[str]:
        """The papers the last exchange (a question and its prose answer) was about.

        A long answer is searched on the lexical side alone: BM25 finds the same first paper as
        the whole hybrid search (all 932 follow-ups in eval/) without embedding a long text,
        about half of a follow-up's time (the second paper, kept in case the answer named two,
        differs in 535 of them; no verdict moved on the 27 looked-at sets). A short exchange
        ("What is ByT5?" / "...") has too few words for that (MrT5's abstract says "ByT5" more
        often than ByT5's): the hybrid search, cheap on a short text.
        """
        before = f"{asked} {answer}"[-MAX_QUESTION_CHARS:]
        papers: list[str] = []
        if len(tokenize(answer)) >= PROSE_ANSWER_TERMS:
            # An abstract is a few chunks: the best 20 are several papers.
            found = self.retriever.lexical.search(tokenize(before), CONTEXT_PAPERS * 10)
            papers = list(dict.fromkeys(paper_of_chunk(cid) for cid, _ in found))
        if not papers:  # a short exchange, or none of its words indexed
            papers = [
                h.paper_id for h in self.retriever.search(self.retriever.analyse(before), 3).hits
            ]
        return papers[:CONTEXT_PAPERS]


# A follow-up is about the paper the previous answer talked about; the second best is kept in
# case the previous answer named two.
CONTEXT_PAPERS = 2
# Titles read to find the one a name heads ("RoBERTa: ..."): titles with the name in them.
TITLE_LOOKUP = 20
COMPARED_LOOKUP = 3  # papers a compared name's own search reads for the one naming it
# A prose answer this long names its paper's rare words: BM25 alone finds what it was about.
PROSE_ANSWER_TERMS = 20


def _context_first(hits: list[Hit], context: list[str]) -> list[Hit]:
    """Hits with the papers the conversation was about first (their rank order kept)."""
    if not context:
        return hits
    order = {pid: i for i, pid in enumerate(context)}
    return sorted(hits, key=lambda h: order.get(h.paper_id, len(order)))


def normalise_history(history: list[Any] | None) -> list[dict[str, Any]]:
    """Accept OpenAI/Gradio messages ({role, content}) or (user, assistant) pairs. An
    assistant message may name the papers its answer cited (``"papers": [paper_id, ...]``, as
    the chat page sends them): a follow-up is then about those papers, with no guessing."""
    turns: list[dict[str, Any]] = []
    for item in history or []:
        if isinstance(item, dict) and item.get("content"):
            content = item["content"]
            if isinstance(content, str):
                turn: dict[str, Any] = {"role": str(item.get("role", "user")), "content": content}
                papers = item.get("papers")
                if isinstance(papers, list) and all(isinstance(p, str) for p in papers):
                    turn["papers"] = papers
                turns.append(turn)
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            user, assistant = item
            if user:
                turns.append({"role": "user", "content": str(user)})
            if assistant:
                turns.append({"role": "assistant", "content": str(assistant)})
    return turns[-MAX_HISTORY_TURNS:]


def rewrite_with_llm(
    question: str, history: list[dict[str, str]], chat: ChatModel, deadline: Any = None
) -> str:
    """The LLM's standalone version of a follow-up, or "" when it fails."""
    messages = [
        {"role": "user", "content": prompts.render("rewrite", history=history, question=question)}
    ]
    try:
        rewritten = chat.complete(messages, deadline=deadline).text.strip().strip('"')
    except LLMError as error:
        log.warning("follow-up rewriting failed, using the offline rewrite: %s", error)
        return ""
    if not rewritten or len(rewritten) > MAX_QUESTION_CHARS:
        return ""
    return " ".join(rewritten.split())


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The shared Assistant behind ``ask()``: settings from the environment and ``.env``; the
    index is built from the bundled corpus on first use, with progress shown."""
    global _default
    with _default_lock:
        if _default is None:
            from rag.config import load_settings

            assistant = Assistant(load_settings())
            assistant.ensure_index(progress=True)
            _default = assistant
        return _default


def ask(question: str, history: list[Any] | None = None, **options: Any) -> Answer:
    """A cited answer from the default assistant.

    Example: ``ask("Which papers pre-train byte-level language models?").text``
    """
    return default_assistant().ask(question, history, **options)


def search(question: str, k: int | None = None, filters: Filters | None = None) -> SearchResult:
    """Ranked papers and the answerable verdict, from the default assistant.

    Example: ``search("byte-level models", k=5).hits[0].title``
    """
    return default_assistant().search(question, k, filters)


def stream_ask(question: str, history: list[Any] | None = None, **options: Any) -> AnswerStream:
    """The answer in flight, from the default assistant: iterate it, then read ``.answer``."""
    return default_assistant().stream_ask(question, history, **options)
