"""From retrieved papers to a cited Answer: LLM (streaming) or extractive, always checked.

``answer_stream`` yields text as it arrives and returns the final ``Answer`` last; when the LLM
fails, the answer falls back to the extractive one with a visible notice of why.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from rag import prompts
from rag.chunking import count_tokens, encoding
from rag.citations import check
from rag.config import Settings
from rag.extractive import cite, extract, extract_papers
from rag.llm import ChatModel, LLMError, Usage
from rag.records import Hit, SearchResult

NO_ANSWER = prompts.NO_ANSWER
ELLIPSIS = " …"
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


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    sources: list[Source]
    mode: str  # "llm" or "extractive"
    abstained: bool
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

    def format_footer(self) -> str:
        """Sources and notices as plain text, for the terminal."""
        lines = []
        if self.notice:
            lines.append(f"\nNote: {self.notice}")
        lines.append("\nSources:")
        for s in self.sources:
            mark = "*" if s.cited else " "
            lines.append(f" {mark}[{s.marker}] {s.title}  (score {s.score:.2f}, {s.origin})")
        lines.append(
            f"\n[{self.mode}] " + ", ".join(f"{k} {v:.0f} ms" for k, v in self.timings_ms.items())
        )
        return "\n".join(lines)


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
        )
        for i, h in enumerate(hits, start=1)
    ]


def fit_sources(hits: list[Hit], budget: int) -> list[dict[str, Any]]:
    """Numbered sources for the prompt, in rank order, within ``budget`` tokens.

    e.g. 8 abstracts x ~300 tokens = 2400 tokens: all fit the default 3000; a smaller budget
    keeps the best papers whole and cuts the last one that does not fit.
    """
    fitted: list[dict[str, Any]] = []
    used = 0
    for i, hit in enumerate(hits, start=1):
        # A fence inside the text must not close the source early.
        text = (
            (hit.abstract or hit.snippet)
            .replace("</source>", "</ source>")
            .replace("<source", "< source")
        )
        cost = count_tokens(hit.title) + count_tokens(text) + 12  # tags and labels
        if used + cost > budget:
            room = budget - used - count_tokens(hit.title) - 12 - count_tokens(ELLIPSIS)
            if room < 50:
                break
            tokens = encoding().encode(text, disallowed_special=())[:room]
            text = encoding().decode(tokens) + ELLIPSIS
            cost = budget - used
        fitted.append({"marker": i, "title": hit.title, "text": text})
        used += cost
    return fitted


def build_messages(question: str, hits: list[Hit], settings: Settings) -> list[dict[str, str]]:
    system = prompts.render(
        "system", no_answer=NO_ANSWER, max_sentences=settings.answer_sentences + 2
    )
    user = prompts.render(
        "answer",
        sources=fit_sources(hits, settings.context_tokens),
        question=question,
        no_answer=NO_ANSWER,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def extractive_text(
    question: str, result: SearchResult, idf: dict[str, float], settings: Settings
) -> str:
    if not result.answerable or not result.hits:
        return NO_ANSWER
    if result.topical:
        listed = extract_papers(question, result.hits, idf)
        # One line a paper: its title, then what it does, cited.
        return "\n".join(
            f"- **{result.hits[i].title}**: {cite(sentence, i + 1)}" for i, sentence in listed
        )
    chosen = extract(question, result.hits, idf, settings.answer_sentences)
    if not chosen:
        return NO_ANSWER
    return " ".join(cite(sentence, paper + 1) for paper, sentence in chosen)


def finish(
    question: str,
    text: str,
    result: SearchResult,
    mode: str,
    timings: dict[str, float],
    started: float,
    **extra: Any,
) -> Answer:
    """Check citations and assemble the Answer."""
    t = time.perf_counter()
    sources = _sources(result.hits)
    texts = {
        s.marker: f"{h.title}\n{h.abstract or h.snippet}"
        for s, h in zip(sources, result.hits, strict=True)
    }
    cleaned, report = check(text, texts, exempt=(NO_ANSWER,))
    abstained = cleaned.strip() == NO_ANSWER or (not report.cited and NO_ANSWER in cleaned)
    for source in sources:
        source.cited = source.marker in report.cited
    timings["check"] = (time.perf_counter() - t) * 1000
    timings["total"] = (time.perf_counter() - started) * 1000
    return Answer(
        question=question,
        text=cleaned.strip(),
        citations=[Citation(s.marker, s.paper_id, s.title) for s in sources if s.cited],
        sources=sources,
        mode=mode,
        abstained=abstained,
        confidence=round(result.confidence, 4),
        dropped_markers=report.dropped,
        uncited_sentences=report.uncited_sentences,
        weak_sentences=report.weak_sentences,
        timings_ms={k: round(v, 2) for k, v in timings.items()},
        **extra,
    )


def answer_stream(
    question: str,
    result: SearchResult,
    settings: Settings,
    chat: ChatModel | None,
    idf: dict[str, float],
    timings: dict[str, float],
    started: float,
    standalone: str = "",
    requested: str = "auto",
) -> Iterator[str | Answer]:
    """Yield text deltas, then the final Answer."""
    notice = ""
    if chat is not None and result.answerable and result.hits:
        t = time.perf_counter()
        messages = build_messages(standalone or question, result.hits, settings)
        timings["prompt"] = (time.perf_counter() - t) * 1000
        usage = Usage()
        parts: list[str] = []
        t = time.perf_counter()
        try:
            for delta in chat.stream(messages, usage):
                if not parts:
                    timings["first_token"] = (time.perf_counter() - t) * 1000
                parts.append(delta)
                yield delta
            timings["llm"] = (time.perf_counter() - t) * 1000
            yield finish(
                question, "".join(parts), result, "llm", timings, started,
                standalone_question=standalone, model=chat.model,
                usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens},
            )  # fmt: skip
            return
        except LLMError as error:
            timings["llm"] = (time.perf_counter() - t) * 1000
            notice = f"The LLM failed, so this is an extractive answer. {error}"
    elif chat is None and requested == "llm":
        notice = NO_LLM_NOTICE
    t = time.perf_counter()
    text = extractive_text(standalone or question, result, idf, settings)
    timings["extract"] = (time.perf_counter() - t) * 1000
    yield text
    yield finish(
        question,
        text,
        result,
        "extractive",
        timings,
        started,
        notice=notice,
        standalone_question=standalone,
    )
