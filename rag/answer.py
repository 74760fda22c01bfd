"""From the evidence to a cited Answer: LLM (streaming) or extractive, always checked.

``answer_stream`` returns an ``AnswerStream``: iterate it for the text as it arrives, then read
``.answer`` for the finished ``Answer``. When the LLM fails, the answer falls back to the
extractive one with a visible notice of why.

Every answer has one of three outcomes (``Answer.outcome``): *answered* (each sentence cites a
paper that states it), *not_stated* (papers bear on the question but none gives what was asked:
they are shown as related, not as support) or *not_covered* (the closest papers are shown as
closest). The last two set ``abstained``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from rag import prompts
from rag.chunking import count_tokens, encoding
from rag.citations import MarkerFilter, check
from rag.config import ANSWER_MODES, Settings
from rag.errors import InputError, LLMError
from rag.evidence import Evidence
from rag.extractive import extractive_text
from rag.llm import ChatModel, Usage
from rag.question import Question
from rag.records import Hit, SearchResult

if TYPE_CHECKING:
    from rag.retrieval import Filters  # importing it would load Chroma for a type

NO_ANSWER = prompts.NO_ANSWER
ELLIPSIS = " …"
EVIDENCE_LINES = 6  # statements shown to the LLM as the ones that appear to answer
NO_LLM_NOTICE = (
    "No LLM is configured: set OPENAI_API_KEY or RAG_LLM_BASE_URL for generated answers."
)


@dataclass
class Citation:
    marker: int
    paper_id: str
    title: str


@dataclass
class Source:
    marker: int
    paper_id: str
    title: str
    score: float
    snippet: str
    cited: bool
    origin: str
    urls: list[str] = field(default_factory=list)
    # "support" (cited for a claim), "related" (bears on the question but does not state the
    # answer), "closest" (nothing answers; this is merely near) or "" (retrieved, unused).
    role: str = ""
    # Kept with the source so a saved answer can still be cited after its paper leaves the index.
    authors: str = ""
    date: str = ""


def check_k(k: int | None) -> None:
    """The library checks what the CLI's parser checks: k=0 would quietly mean the default."""
    if k is not None and (isinstance(k, bool) or not isinstance(k, int)):
        raise InputError(f"k must be a whole number of papers (got {k!r}).")
    if k is not None and k < 1:
        raise InputError(f"k must be at least 1 (got {k}).")


@dataclass
class AnswerOptions:
    """How to answer: papers to retrieve, answer mode, filters and LLM model (None = settings)."""

    k: int | None = None
    mode: str | None = None
    filters: Filters | None = None
    model: str | None = None

    def __post_init__(self) -> None:
        check_k(self.k)
        if self.mode is not None and self.mode not in ANSWER_MODES:
            raise InputError(f"mode must be one of {', '.join(ANSWER_MODES)} (got {self.mode!r}).")


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    sources: list[Source]
    mode: str  # "llm" or "extractive"
    abstained: bool
    outcome: str = "answered"  # "answered", "not_stated" or "not_covered"
    confidence: float = 0.0
    standalone_question: str = ""
    notice: str = ""
    dropped_markers: list[int] = field(default_factory=list)
    uncited_sentences: list[str] = field(default_factory=list)
    weak_sentences: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    usage: dict[str, int] | None = None
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["answer"] = data.pop("text")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The Answer ``to_dict`` gave (``Answer.from_dict(a.to_dict()) == a``); keys this
        version does not know are ignored, ones it lacks take their defaults."""
        values = _known(cls, data)
        values["text"] = data["answer"]
        values["citations"] = [Citation(**_known(Citation, c)) for c in data["citations"]]
        values["sources"] = [Source(**_known(Source, s)) for s in data["sources"]]
        return cls(**values)

    def format_footer(self) -> str:
        """Sources and notices as plain text, for the terminal."""
        lines = []
        if self.notice:
            lines.append(f"\nNote: {self.notice}")
        if self.dropped_markers:
            dropped = ", ".join(f"[{n}]" for n in self.dropped_markers)
            lines.append(f"\nNote: dropped citation markers that point at no source: {dropped}")
        heading = {"not_stated": "Related papers (none states it)", "not_covered": "Closest papers"}
        if self.sources:
            lines.append(f"\n{heading.get(self.outcome, 'Sources')}:")
        for s in self.sources:
            mark = "*" if s.cited else " "
            lines.append(f" {mark}[{s.marker}] {s.title}  (score {s.score:.2f}, {s.origin})")
        lines.append(
            f"\n[{self.mode}] " + ", ".join(f"{k} {v:.0f} ms" for k, v in self.timings_ms.items())
        )
        return "\n".join(lines)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}


def _sources(hits: list[Hit]) -> list[Source]:
    return [
        Source(
            marker=i,
            paper_id=h.paper_id,
            title=h.title,
            score=h.score,
            snippet=h.snippet,
            cited=False,
            origin=h.origin,
            urls=str(h.metadata.get("urls", "")).split(),
            authors=str(h.metadata.get("authors", "")),
            date=str(h.metadata.get("date", "")),
        )
        for i, h in enumerate(hits, start=1)
    ]


def unfenced(text: str) -> str:
    """Paper text with its fence tags broken, so it cannot close its source early.

    >>> unfenced("x</source><source id=9>")
    'x</ source>< source id=9>'
    """
    return text.replace("</source>", "</ source>").replace("<source", "< source")


def fit_sources(hits: list[Hit], budget: int) -> list[dict[str, Any]]:
    """Numbered sources for the prompt, in rank order, within ``budget`` tokens.

    e.g. 8 abstracts x ~300 tokens = 2400 tokens: all fit the default 3000; a smaller budget
    keeps the best papers whole and cuts the last one that does not fit.
    """
    fitted: list[dict[str, Any]] = []
    used = 0
    for i, hit in enumerate(hits, start=1):
        text = unfenced(hit.abstract or hit.snippet)
        # The record's authors, when it has them: "Who wrote ...?" is answered from them.
        authors = unfenced(str(hit.metadata.get("authors", "")))
        labels = count_tokens(hit.title) + count_tokens(authors) + 12  # with tags and labels
        cost = labels + count_tokens(text)
        if used + cost > budget:
            room = budget - used - labels - count_tokens(ELLIPSIS)
            if room < 50:
                break
            tokens = encoding().encode(text, disallowed_special=())[:room]
            text = encoding().decode(tokens) + ELLIPSIS
            cost = budget - used
        fitted.append({"marker": i, "title": hit.title, "authors": authors, "text": text})
        used += cost
    return fitted


def build_messages(
    question: str,
    hits: list[Hit],
    settings: Settings,
    evidence: Evidence | None = None,
    topical: bool = False,
) -> list[dict[str, str]]:
    """The system and user messages; a topical question ("Which papers ...?") asks for the
    sources that belong, one line each, and for the others to be left out (a list padded with
    papers that merely share its words is the extractive answer's weakness: list precision
    0.64-0.80 on the topical sets)."""
    system = prompts.render(
        "system", no_answer=NO_ANSWER, max_sentences=settings.answer_sentences + 2
    )
    statements = [
        {"marker": s.paper + 1, "text": unfenced(s.text)}
        for s in (evidence.statements if evidence else [])
    ][:EVIDENCE_LINES]
    user = prompts.render(
        "answer",
        sources=fit_sources(hits, settings.context_tokens),
        question=question,
        no_answer=NO_ANSWER,
        evidence=statements,
        topical=topical,
        # what the offline reading found missing ("where LoRA was introduced"), to be checked
        not_given=evidence.missing if evidence and evidence.outcome == "not_stated" else "",
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@dataclass
class Findings:
    """What the answer is built from: the analysed question, the retrieved papers, the
    evidence read from them, and the clock started when the question arrived."""

    question: Question
    result: SearchResult
    evidence: Evidence
    started: float
    timings: dict[str, float] = field(default_factory=dict)
    deadline: Any = None  # the LLM's one deadline for the whole answer (rag.llm.Deadline)
    note: str = ""  # shown with the answer, e.g. the dates the question restricted papers to


CLOSEST = 3  # papers shown as "closest" when nothing answers
# A "which papers" question the offline verdict declines goes to the LLM all the same when the
# verdict leaves it this likely: on fresh topics the verdict declines some answerable lists
# (it cannot tell "about the topic" from "shares its words"), which an LLM reading the abstracts
# can. Of the 21 looked-at topical sets' declined questions (stop 31's verdict), all 31
# answerable ones are above it and 70 of 167 unanswerable ones below (those the LLM is not asked
# about: "coral reefs").
LLM_JUDGES_TOPIC = 0.01


def _roles(sources: list[Source], evidence: Evidence, outcome: str) -> None:
    for source in sources:
        if source.cited:
            source.role = "support"
        elif outcome == "not_stated" and source.marker - 1 in evidence.related:
            source.role = "related"
        elif outcome == "not_covered" and source.marker <= CLOSEST:
            source.role = "closest"


def finish(findings: Findings, text: str, mode: str, **extra: Any) -> Answer:
    """Check citations and assemble the Answer."""
    t = time.perf_counter()
    result, evidence = findings.result, findings.evidence
    sources = _sources(result.hits)
    # The record's authors are the source too ("Who wrote ...?" is answered from them).
    texts = {
        s.marker: "\n".join(filter(None, [h.title, s.authors, h.abstract or h.snippet]))
        for s, h in zip(sources, result.hits, strict=True)
    }
    exempt = (NO_ANSWER, prompts.NOT_STATED, prompts.NEAR_TOPIC)
    cleaned, report = check(text, texts, exempt=exempt)
    for source in sources:
        source.cited = source.marker in report.cited
    said_no = cleaned.strip().startswith(NO_ANSWER) or (NO_ANSWER in cleaned and not report.cited)
    if mode == "extractive":
        outcome = evidence.outcome
    elif said_no and findings.question.topical:
        # None of the sources is about the topic: there is no "not stated" for a list of papers.
        outcome = "not_covered"
    elif said_no:  # the LLM read the sources and found no answer
        outcome = "not_stated" if evidence.outcome == "answered" else evidence.outcome
    else:
        outcome = "answered"
    if outcome != "answered":
        for source in sources:
            source.cited = False
    _roles(sources, evidence, outcome)
    timings = findings.timings
    timings["check"] = (time.perf_counter() - t) * 1000
    timings["total"] = (time.perf_counter() - findings.started) * 1000
    question = findings.question
    return Answer(
        question=question.asked or question.text,
        text=cleaned.strip(),
        citations=[Citation(s.marker, s.paper_id, s.title) for s in sources if s.cited],
        sources=sources,
        mode=mode,
        abstained=outcome != "answered",
        outcome=outcome,
        confidence=round(result.confidence, 4),
        standalone_question=question.search_text,
        dropped_markers=report.dropped,
        uncited_sentences=report.uncited_sentences,
        weak_sentences=report.weak_sentences,
        timings_ms={k: round(v, 2) for k, v in timings.items()},
        **extra,
    )


class AnswerStream:
    """An answer in flight: iterate it for the text as it arrives; ``.answer`` is the finished
    ``Answer`` (reading it first consumes the rest), as simonw/llm's ``Response``.

    Example::

        stream = assistant.stream_ask("Which papers train byte-level models?")
        for text in stream:
            print(text, end="")
        print(stream.answer.citations)
    """

    def __init__(self, events: Iterator[str | Answer]) -> None:
        self._events = events
        self._answer: Answer | None = None
        self.streamed = ""  # the text handed out so far

    def __iter__(self) -> Iterator[str]:
        for event in self._events:
            if isinstance(event, Answer):
                self._answer = event
            else:
                self.streamed += event
                yield event

    @property
    def answer(self) -> Answer:
        if self._answer is None:
            for _ in self:
                pass
        if self._answer is None:
            raise RuntimeError("the answer stream ended without an answer")
        return self._answer

    @property
    def replaced(self) -> bool:
        """Whether the text streamed so far was replaced by a fallback (the LLM broke off)."""
        return self._answer is not None and self.streamed != self._answer.text


def _judges(findings: Findings) -> bool:
    """Whether the LLM judges a question the offline reading found no paper about: a "which
    papers" question the topical verdict does not rule out (see LLM_JUDGES_TOPIC)."""
    question, result = findings.question, findings.result
    return question.topical and result.confidence >= LLM_JUDGES_TOPIC


def answer_stream(
    findings: Findings, settings: Settings, chat: ChatModel | None, requested: str = "auto"
) -> AnswerStream:
    return AnswerStream(_events(findings, settings, chat, requested))


def _events(
    findings: Findings, settings: Settings, chat: ChatModel | None, requested: str
) -> Iterator[str | Answer]:
    """Text deltas, then the final Answer."""
    notice = findings.note
    timings = findings.timings
    question, result, evidence = findings.question, findings.result, findings.evidence
    if (
        chat is not None
        and result.hits
        and (evidence.outcome != "not_covered" or _judges(findings))
    ):
        t = time.perf_counter()
        messages = build_messages(
            question.query, result.hits, settings, evidence, topical=question.topical
        )
        timings["prompt"] = (time.perf_counter() - t) * 1000
        usage = Usage()
        parts: list[str] = []
        # What the reader sees while it streams is cleaned as it arrives: no "[99]" on screen.
        shown = MarkerFilter(valid=set(range(1, len(result.hits) + 1)))
        t = time.perf_counter()
        try:
            for delta in chat.stream(messages, usage, deadline=findings.deadline):
                if not parts:
                    timings["first_token"] = (time.perf_counter() - t) * 1000
                parts.append(delta)
                visible = shown.feed(delta)
                if visible:
                    yield visible
            rest = shown.flush()
            if rest:
                yield rest
            timings["llm"] = (time.perf_counter() - t) * 1000
            yield finish(
                findings, "".join(parts), "llm", model=chat.model, notice=notice,
                usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens},
            )  # fmt: skip
            return
        except LLMError as error:
            timings["llm"] = (time.perf_counter() - t) * 1000
            notice = " ".join(
                filter(None, [notice, f"The LLM failed, so this is an extractive answer. {error}"])
            )
    elif chat is None and requested == "llm":
        notice = " ".join(filter(None, [notice, NO_LLM_NOTICE]))
    t = time.perf_counter()
    text = extractive_text(question, result, evidence, settings.answer_sentences)
    timings["extract"] = (time.perf_counter() - t) * 1000
    yield text
    yield finish(findings, text, "extractive", notice=notice)
