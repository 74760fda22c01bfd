"""What the chat page shows, rendered from an ``Answer`` (no Gradio here, so it tests alone).

Titles, snippets and URLs come from files anyone can ingest: every one is HTML-escaped, so an
abstract containing ``<script>`` or ``<img onerror=…>`` shows as text.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any
from urllib.parse import quote_plus

from rag.answer import Answer, Source
from rag.citations import MARKER_LINK
from rag.export import citation_text

LOOKUP_URL = "https://www.semanticscholar.org/search?q={}"
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$")


HEADINGS = {
    "not_stated": "Related papers (about it, but none states the answer)",
    "not_covered": "Closest papers (none answers the question)",
}
ROLE_LABELS = {"related": "related, not support", "closest": "closest"}


def lookup_url(title: str) -> str:
    return LOOKUP_URL.format(quote_plus(title))


def unlink_citations(markdown: str) -> str:
    """Chat text back to plain markers, for follow-up history.

    >>> unlink_citations('Bytes [[1](https://x.org/a "ByT5"), 2].')
    'Bytes [1, 2].'
    """
    return MARKER_LINK.sub(r"\1", markdown)


# Markdown that would make the reader's browser fetch a URL chosen by whoever wrote the text:
# images (inline and by reference) are shown as their alt text; links keep only safe schemes.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_SAFE_SCHEME = re.compile(r"^(https?://|mailto:)", re.I)


def safe_markdown(text: str) -> str:
    """Text from a paper or an LLM as Markdown that fetches nothing and runs nothing: raw HTML
    escaped, images reduced to their alt text, links only to http(s) and mailto.

    >>> safe_markdown('See ![x](http://h/t.png) <img src=y> [a](javascript:void) [b](https://ok.org)')
    'See x &lt;img src=y&gt; a [b](https://ok.org)'
    """
    text = escape(text, quote=False)
    text = _IMAGE.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _REFERENCE.sub("", text)
    return _LINK.sub(lambda m: m.group(0) if _SAFE_SCHEME.match(m.group(2)) else m.group(1), text)


def link_citations(answer: Answer) -> str:
    """Answer Markdown whose markers link to the paper they cite (title shown on hover).

    Markdown, not HTML: the chat component sanitises it, so model output cannot inject markup.
    """
    by_marker = {s.marker: s for s in answer.sources}

    def link(match: re.Match[str]) -> str:
        parts = []
        for number in (int(n) for n in match.group(1).split(",")):
            source = by_marker.get(number)
            if source is None:
                parts.append(str(number))
                continue
            title = source.title.replace('"', "'").replace("]", ")").replace("[", "(")
            parts.append(f'[{number}]({_paper_url(source)} "{title}")')
        return "[" + ", ".join(parts) + "]"

    text = _MARKER.sub(link, safe_markdown(answer.text))
    if answer.outcome == "not_stated":
        text = (
            f"{text}\n\n*The related papers are listed beside the chat: they are about this, "
            "but none of them states it.*"
        )
    elif answer.abstained:
        text = (
            f"**{text}**\n\nThe closest papers are listed beside the chat; none of them answers it."
        )
    if answer.notice:
        text += f"\n\n> ⚠️ {escape(answer.notice, quote=False)}"
    return text


def _paper_url(source: Source) -> str:
    for url in source.urls:
        if _SAFE_URL.match(url) and "arxiv.org" in url:
            return url
    return lookup_url(source.title)


def sources_html(answer: Answer | None) -> str:
    if answer is None or not answer.sources:
        return '<div id="sources-panel" class="sources-empty">Sources appear here.</div>'
    heading = HEADINGS.get(answer.outcome, "Sources")
    items = []
    for s in answer.sources:
        links = " ".join(
            f'<a href="{escape(u)}" target="_blank" rel="noopener noreferrer">{escape(u)}</a>'
            for u in s.urls
            if _SAFE_URL.match(u)
        )
        cited = (
            '<span class="cited">cited</span>'
            if s.cited
            else f'<span class="{s.role or "uncited"}">{ROLE_LABELS.get(s.role, "not cited")}</span>'
        )
        items.append(
            f'<li class="source" id="source-{s.marker}" data-cited="{str(s.cited).lower()}">'
            f'<div class="source-title"><b>[{s.marker}]</b> {escape(s.title)}</div>'
            f'<div class="source-meta">score {s.score:.2f} · {escape(s.origin)} · {cited} · '
            f'<a href="{escape(lookup_url(s.title))}" target="_blank" rel="noopener noreferrer">'
            f'look up</a> · <a href="#" class="copy-citation" data-citation="{escape(citation_text(s))}">'
            "copy citation</a></div>"
            f'<div class="source-snippet">{escape(s.snippet[:600])}{"…" if len(s.snippet) > 600 else ""}</div>'
            f'<div class="source-links">{links}</div></li>'
        )
    return (
        f'<div id="sources-panel"><h3>{heading}</h3><ol class="sources">{"".join(items)}</ol></div>'
    )


def status_line(
    llm_configured: bool, answer_mode: str, model: str, endpoint: str, papers: int
) -> str:
    if not llm_configured:
        active = (
            "offline: extractive answers — set OPENAI_API_KEY or a base URL for generated answers"
        )
    elif answer_mode == "extractive":
        active = "extractive answers (answer mode: extractive; an LLM is configured)"
    else:
        active = f"LLM answers: **{escape(model)}** at {escape(endpoint)}"
    return f"{active} · **{papers}** papers indexed"


MAX_PROBLEMS_SHOWN = 20  # a file with thousands of bad lines must not bury the summary


def ingest_report(summary: Any, papers: int) -> str:
    """What an upload did, as Markdown: counts, then the first problems (escaped: file names
    and reasons come from the uploaded file)."""
    lines = [
        f"**Added {summary.added}**, updated {summary.updated}, already indexed "
        f"{summary.unchanged}, skipped {summary.skipped} ({summary.seconds:.1f} s). "
        f"The index now holds **{papers:,}** papers; new ones are searchable now."
    ]
    for problem in summary.problems[:MAX_PROBLEMS_SHOWN]:
        lines.append(f"- ⚠️ {safe_markdown(str(problem))}")
    more = len(summary.problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        lines.append(f"- … and {more:,} more problems")
    return "\n".join(lines)


def paper_html(paper: dict[str, Any] | None, message: str = "") -> str:
    """One paper's record for the Papers tab (or a message where it would be)."""
    if paper is None:
        return f'<div class="paper-message">{escape(message)}</div>'
    links = " ".join(
        f'<a href="{escape(u)}" target="_blank" rel="noopener noreferrer">{escape(u)}</a>'
        for u in paper["urls"]
        if _SAFE_URL.match(u)
    )
    meta = " · ".join(
        escape(str(v)) for v in (paper["authors"], paper["date"], paper["categories"]) if v
    )
    return (
        f'<div class="paper"><h3>{escape(paper["title"])}</h3>'
        f'<div class="source-meta">{meta}</div>'
        f'<p class="paper-abstract">{escape(paper["abstract"])}</p>'
        f'<div class="source-meta">from {escape(", ".join(paper["sources"]))} · '
        f'id {escape(paper["paper_id"])}</div><div class="source-links">{links}</div></div>'
    )
