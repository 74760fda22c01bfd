"""What the chat page shows, rendered from an Answer: no Gradio server, no browser.

The HTML is parsed (``html.parser``) and the Markdown rendered (``markdown-it``, CommonMark like the
chat component's renderer), so the tests check the elements a browser would build, not substrings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from markdown_it import MarkdownIt

from rag.answer import NO_ANSWER, Answer, Citation, Source
from rag.ui.render import LOOKUP_URL, link_citations, lookup_url, sources_html, status_line

BYT5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
LAMB = "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes"
CHARBERT = "CharBERT: Character-aware Pre-trained Language Model"
XSS_TITLE = "Evil paper <img src=x onerror=alert(1)>"
XSS_SNIPPET = (
    "Harmless words <script>alert(1)</script> and more <img src=x onerror=alert(1)> words."
)


# --------------------------------------------------------------------------- helpers


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter(tag) if cls is None or cls in n.attrs.get("class", "").split()]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls!r}> in {self.text!r}"
        return found[0]


VOID = {"br", "img", "hr", "input", "meta", "link"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def markdown_dom(markdown: str) -> Node:
    """The chat message as a CommonMark renderer turns it into HTML."""
    return parse_html(MarkdownIt("commonmark").render(markdown))


def source(marker: int, title: str, **overrides) -> Source:
    values = {
        "marker": marker,
        "paper_id": f"paper{marker}",
        "title": title,
        "score": 0.5,
        "snippet": f"Snippet of paper {marker}.",
        "cited": False,
        "origin": "both",
        "urls": [],
    }
    values.update(overrides)
    return Source(**values)


def answer(text: str, sources: list[Source], **overrides) -> Answer:
    values = {
        "question": "Which papers pre-train byte-level models?",
        "text": text,
        "citations": [Citation(s.marker, s.paper_id, s.title) for s in sources if s.cited],
        "sources": sources,
        "mode": "extractive",
        "abstained": False,
    }
    values.update(overrides)
    return Answer(**values)


@pytest.fixture
def cited_answer() -> Answer:
    return answer(
        "ByT5 processes raw bytes [1]. Byte models and character models both help [1, 2]. "
        "Large batches train BERT fast [3].",
        [
            source(1, BYT5, score=0.987, cited=True, snippet="We release byte-level T5 models.",
                   urls=["https://github.com/google-research/byt5",
                         "https://arxiv.org/abs/2105.13626"]),
            source(2, CHARBERT, score=0.81234, cited=True, origin="dense",
                   snippet="Character-aware pre-training.", urls=["https://github.com/wtma/CharBERT"]),
            source(3, LAMB, score=0.4, cited=True, origin="lexical", snippet="LAMB optimizer."),
            source(4, "An uncited paper", score=0.1, snippet="Not used in the answer."),
        ],
    )  # fmt: skip


# --------------------------------------------------------------------------- link_citations


def test_citation_markers_become_links_to_the_cited_paper_with_its_title(cited_answer):
    markdown = link_citations(cited_answer)
    dom = markdown_dom(markdown)
    links = [(a.text, a.attrs["href"], a.attrs.get("title")) for a in dom.find_all("a")]
    assert links == [
        # an arXiv URL wins over other URLs of the paper
        ("1", "https://arxiv.org/abs/2105.13626", BYT5),
        ("1", "https://arxiv.org/abs/2105.13626", BYT5),
        # no arXiv URL: a look-up of the title (a GitHub URL is not "the paper")
        ("2", lookup_url(CHARBERT), CHARBERT),
        ("3", lookup_url(LAMB), LAMB),
    ]
    # The brackets stay visible around the linked numbers, and the words are untouched.
    assert dom.text.startswith("ByT5 processes raw bytes [1]. Byte models and character models")
    assert "both help [1, 2]." in dom.text
    assert dom.text.rstrip().endswith("train BERT fast [3].")


def test_lookup_url_searches_for_the_exact_title():
    url = lookup_url(LAMB)
    assert url.startswith(LOOKUP_URL.split("{}")[0])
    assert parse_qs(urlsplit(url).query)["q"] == [LAMB]


def test_a_marker_without_a_source_stays_plain_text():
    a = answer("One claim [1]. A stray marker [7].", [source(1, BYT5, cited=True)])
    dom = markdown_dom(link_citations(a))
    assert [link.text for link in dom.find_all("a")] == ["1"]
    assert "A stray marker [7]." in dom.text


def test_quotes_and_brackets_in_a_title_do_not_break_the_link():
    title = 'The "best" [draft] model (v2)'
    a = answer("A claim [1].", [source(1, title, cited=True)])
    (link,) = markdown_dom(link_citations(a)).find_all("a")
    assert link.text == "1"
    assert link.attrs["href"] == lookup_url(title)
    assert link.attrs["title"] == "The 'best' (draft) model (v2)"


def test_markup_in_the_answer_text_is_shown_as_text():
    a = answer(
        "Sources say <img src=x onerror=alert(1)> and <script>alert(2)</script> [1].",
        [source(1, BYT5, cited=True)],
    )
    markdown = link_citations(a)
    assert "<img" not in markdown and "<script" not in markdown
    dom = markdown_dom(markdown)
    assert not dom.find_all("img") and not dom.find_all("script")
    assert "<img src=x onerror=alert(1)>" in dom.text
    assert "<script>alert(2)</script>" in dom.text


def test_an_unsafe_url_is_never_the_citation_link():
    a = answer(
        "A claim [1].",
        [source(1, BYT5, cited=True,
                urls=["javascript:alert('arxiv.org')", 'https://arxiv.org/abs/1"onmouseover="x'])],
    )  # fmt: skip
    (link,) = markdown_dom(link_citations(a)).find_all("a")
    assert link.attrs["href"] == lookup_url(BYT5)


def test_an_abstained_answer_reads_as_an_abstention():
    # An abstention now says why (Answer.outcome): "not_covered" = nothing in the index answers,
    # and the papers listed are merely the closest (Source.role).
    a = answer(
        NO_ANSWER,
        [source(1, BYT5, score=0.3, role="closest"), source(2, LAMB, score=0.2, role="closest")],
        abstained=True,
        outcome="not_covered",
    )
    markdown = link_citations(a)
    dom = markdown_dom(markdown)
    strong = dom.find("strong")
    assert strong.text == NO_ANSWER  # the abstention is in bold
    assert "none of them answers it" in dom.text
    assert not dom.find_all("a")  # nothing is cited

    panel = parse_html(sources_html(a))
    assert panel.find("h3").text == "Closest papers (none answers the question)"
    items = panel.find_all("li", "source")
    assert [li.attrs["data-cited"] for li in items] == ["false", "false"]
    labels = [li.find("div", "source-meta").find("span") for li in items]
    assert [(x.text, x.attrs["class"]) for x in labels] == [("closest", "closest")] * 2


def test_papers_that_bear_on_the_question_but_do_not_state_it_are_shown_as_related():
    text = f"{NO_ANSWER} Papers about it that do not give a figure for the MMLU score: Yi [1]."
    a = answer(
        text,
        [source(1, BYT5, role="related"), source(2, LAMB)],
        abstained=True,
        outcome="not_stated",
    )
    dom = markdown_dom(link_citations(a))
    assert "they are about this, but none of them states it" in dom.text
    assert "none of them answers it" not in dom.text
    assert not dom.find_all("strong")  # not the "nothing answers" abstention
    assert dom.find("em").text.startswith("The related papers are listed beside the chat")

    panel = parse_html(sources_html(a))
    assert panel.find("h3").text == "Related papers (about it, but none states the answer)"
    items = panel.find_all("li", "source")
    assert [li.attrs["data-cited"] for li in items] == ["false", "false"]
    labels = [li.find("div", "source-meta").find("span") for li in items]
    assert [(x.text, x.attrs["class"]) for x in labels] == [
        ("related, not support", "related"),
        ("not cited", "uncited"),  # retrieved, but not about what was asked
    ]


def test_an_answer_that_is_not_an_abstention_does_not_read_as_one(cited_answer):
    markdown = link_citations(cited_answer)
    assert "none of them answers it" not in markdown
    assert not markdown_dom(markdown).find_all("strong")
    assert parse_html(sources_html(cited_answer)).find("h3").text == "Sources"


def test_a_notice_is_shown_under_the_answer(cited_answer):
    cited_answer.notice = (
        "The LLM failed, so this is an extractive answer. http://127.0.0.1:9/v1 rejected the "
        "API key (HTTP 401): check <OPENAI_API_KEY>."
    )
    dom = markdown_dom(link_citations(cited_answer))
    quote = dom.find("blockquote")
    assert quote.text.strip() == "⚠️ " + cited_answer.notice
    # the answer itself comes first, still linked
    assert dom.children.index(quote) > dom.children.index(dom.find("p"))
    assert dom.find("p").find_all("a")


def test_no_notice_no_warning(cited_answer):
    assert "⚠️" not in link_citations(cited_answer)
    assert not markdown_dom(link_citations(cited_answer)).find_all("blockquote")


# --------------------------------------------------------------------------- sources_html


def test_no_answer_shows_the_empty_sources_panel():
    for value in (None, answer(NO_ANSWER, [], abstained=True)):
        panel = parse_html(sources_html(value)).find("div")
        assert panel.attrs["id"] == "sources-panel"
        assert "sources-empty" in panel.attrs["class"]
        assert panel.text == "Sources appear here."


def test_sources_panel_lists_every_source_with_its_details(cited_answer):
    dom = parse_html(sources_html(cited_answer))
    panel = dom.find("div")
    assert panel.attrs["id"] == "sources-panel"
    items = panel.find("ol", "sources").find_all("li", "source")
    assert [li.attrs["id"] for li in items] == ["source-1", "source-2", "source-3", "source-4"]

    for li, s in zip(items, cited_answer.sources, strict=True):
        assert li.find("div", "source-title").text == f"[{s.marker}] {s.title}"
        meta = li.find("div", "source-meta")
        assert f"score {s.score:.2f}" in meta.text
        assert s.origin in meta.text
        assert li.find("div", "source-snippet").text == s.snippet
        assert li.attrs["data-cited"] == str(s.cited).lower()
        label = meta.find("span")
        assert (label.text, label.attrs["class"]) == (
            ("cited", "cited") if s.cited else ("not cited", "uncited")
        )
        lookup = [a for a in meta.find_all("a") if a.text == "look up"]
        assert len(lookup) == 1
        assert lookup[0].attrs["href"] == lookup_url(s.title)
        links = li.find("div", "source-links").find_all("a")
        assert [a.attrs["href"] for a in links] == s.urls
        assert [a.text for a in links] == s.urls
        for a in [*links, *lookup]:  # outside links open apart and leak no referrer
            assert a.attrs["target"] == "_blank"
            assert set(a.attrs["rel"].split()) == {"noopener", "noreferrer"}

    assert "score 0.99" in items[0].text and "score 0.81" in items[1].text


def test_a_long_snippet_is_cut_with_an_ellipsis():
    long = "word " * 200  # 1000 characters
    dom = parse_html(sources_html(answer("x [1].", [source(1, BYT5, snippet=long, cited=True)])))
    assert dom.find("div", "source-snippet").text == long[:600] + "…"


def test_markup_in_titles_and_snippets_is_escaped():
    a = answer(
        "A claim [1].",
        [source(1, XSS_TITLE, snippet=XSS_SNIPPET, cited=True),
         source(2, "<script>alert(1)</script>", snippet="<b onmouseover=alert(1)>bold</b>")],
    )  # fmt: skip
    html = sources_html(a)
    for raw in ("<img", "<script", "<b onmouseover"):
        assert raw not in html
    dom = parse_html(html)
    assert not dom.find_all("img") and not dom.find_all("script")
    assert [b.text for b in dom.find_all("b")] == ["[1]", "[2]"]  # only the markers are bold
    assert not any(k.startswith("on") for n in dom.iter() for k in n.attrs)
    first, second = dom.find_all("li", "source")
    assert first.find("div", "source-title").text == f"[1] {XSS_TITLE}"
    assert first.find("div", "source-snippet").text == XSS_SNIPPET
    assert second.find("div", "source-title").text == "[2] <script>alert(1)</script>"
    # the look-up link of an evil title is still just a search for it
    (lookup,) = [x for x in first.find_all("a") if x.text == "look up"]
    assert parse_qs(urlsplit(lookup.attrs["href"]).query)["q"] == [XSS_TITLE]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/<script>",
        "//evil.example.org/x",
    ],
)
def test_an_unsafe_url_is_not_turned_into_a_link(url):
    s = source(1, BYT5, cited=True, urls=[url, "https://arxiv.org/abs/2105.13626"])
    dom = parse_html(sources_html(answer("A claim [1].", [s])))
    hrefs = [
        a.attrs["href"] for a in dom.iter("a") if "copy-citation" not in a.attrs.get("class", "")
    ]
    assert hrefs == [lookup_url(BYT5), "https://arxiv.org/abs/2105.13626"]
    assert url.strip() not in dom.find("div", "source-links").text
    assert all(h.startswith("https://") for h in hrefs)


# --------------------------------------------------------------------------- status_line


def test_status_line_offline_names_the_mode_and_the_paper_count():
    line = status_line(False, "auto", "gpt-4o-mini", "the OpenAI API", 421)
    assert line.startswith("offline: extractive answers")
    assert line.endswith("· **421** papers indexed")
    assert "gpt-4o-mini" not in line


def test_status_line_llm_names_model_and_endpoint_escaped():
    line = status_line(True, "auto", "<b>m</b>", "http://127.0.0.1:8000/v1", 3)
    assert line == (
        "LLM answers: **&lt;b&gt;m&lt;/b&gt;** at http://127.0.0.1:8000/v1 · **3** papers indexed"
    )


def test_status_line_says_extractive_when_chosen_despite_an_llm():
    line = status_line(True, "extractive", "m", "http://127.0.0.1:8000/v1", 3)
    assert line.startswith("extractive answers (answer mode: extractive")
    assert "OPENAI_API_KEY" not in line
