"""Saved web pages (a Hugging Face papers page, arXiv listings, an arXiv abstract page) and the
arXiv API's Atom feed, read from fixtures built after the real pages' markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.arxiv_feed import read_atom
from rag.importers import detect_format, read_file
from rag.web_pages import NO_PAPERS, read_html

FIXTURES = Path(__file__).parent / "fixtures"


def titles(papers) -> list[str]:
    return [p.title for p in papers]


# --- Hugging Face -----------------------------------------------------------------------------


def test_a_hugging_face_daily_papers_page_is_read_from_its_data():
    papers, problems = read_file(FIXTURES / "hf_daily_papers.html")
    chameleon, kv_cache = papers
    assert chameleon.title == "Chameleon: Mixed-Modal Early-Fusion Foundation Models"
    assert chameleon.abstract.startswith("We present Chameleon, a family of early-fusion")
    assert "\n" not in chameleon.abstract
    assert chameleon.authors == "Srinivasan Iyer, Armen Aghajanyan"
    assert chameleon.date == "2024-05-16"
    assert chameleon.urls == [
        "https://arxiv.org/abs/2405.11111",
        "https://huggingface.co/papers/2405.11111",
    ]
    # Text in the page's JSON stays text, as written.
    assert "cutting memory by up to 10x & raising throughput <b>26x</b>" in kv_cache.abstract
    # The page's third paper has no abstract: a Problem, not an empty paper.
    [problem] = problems
    assert problem.line == 20
    assert "no abstract on the page for 'A Paper Whose Abstract The Page Left Out'" in (
        problem.message
    )


def test_a_hugging_face_page_saved_without_its_data_names_each_paper_it_cannot_read():
    papers, problems = read_file(FIXTURES / "hf_cards_only.html")
    assert papers == []
    assert [p.line for p in problems] == [25, 29, 33]
    assert all("no abstract on the page for" in p.message for p in problems)
    assert "'Chameleon: Mixed-Modal Early-Fusion Foundation Models'" in problems[0].message


# --- arXiv ----------------------------------------------------------------------------------------


def test_an_arxiv_new_listing_gives_every_section_with_ids_dates_and_categories():
    papers, problems = read_file(FIXTURES / "arxiv_list_new.html")
    assert problems == []
    moe, cafe, scaling = papers  # new submissions, then the cross-list
    assert moe.title == "Sparse Mixture-of-Experts Routing for Low-Resource Machine Translation"
    assert moe.authors == "Adaeze Okafor, Erik Lindqvist, Mei Zhou"
    assert moe.date == "2024-05-17"
    assert moe.categories == "cs.CL cs.LG"
    assert moe.urls == ["https://arxiv.org/abs/2405.10001", "https://github.com/example/smoe-mt"]
    # <br /> is a word break, &amp; decoded, TeX left as written.
    assert "a learned gate. With $k=2$ experts" in moe.abstract
    assert "FLoRes-200 & the compute" in moe.abstract
    # Entities decoded; the <script> inside the abstract is never text.
    assert cafe.title == "Café Conversations: A Dialogue Corpus of <Spoken> French"
    assert cafe.abstract == (
        "We release 40 hours of transcribed café conversations with speaker turns, overlaps and "
        "disfluencies annotated. Baselines for turn-taking prediction are included."
    )
    assert scaling.categories == "cs.LG cs.CL cs.IR"
    assert scaling.urls == ["https://arxiv.org/abs/2405.09876"]


def test_an_arxiv_recent_listing_has_no_abstracts_and_says_so_per_paper():
    papers, problems = read_file(FIXTURES / "arxiv_list_recent.html")
    assert papers == []
    assert [p.line for p in problems] == [15, 30]
    assert "/recent listings show none" in problems[0].message


def test_an_arxiv_abstract_page_is_read_from_its_citation_tags():
    [paper], problems = read_file(FIXTURES / "arxiv_abs.html")
    assert problems == []
    assert paper.title == "Attention Is All You Need"
    assert paper.authors == "Ashish Vaswani, Noam Shazeer, Niki Parmar"
    assert paper.date == "2017-06-12"
    assert paper.urls == ["https://arxiv.org/abs/1706.03762"]
    assert paper.categories == "cs.CL cs.LG"
    assert paper.abstract.endswith("requiring significantly less time to train.")


def test_an_abstract_page_without_citation_tags_is_read_from_its_body():
    page = (FIXTURES / "arxiv_abs.html").read_text()
    body = page[page.index("<body") :]
    [paper], problems = read_html("<!DOCTYPE html><html><head></head>" + body, "abs.html")
    assert paper.title == "Attention Is All You Need"  # "Title:" label left out
    assert paper.abstract.startswith("The dominant sequence transduction models")
    assert problems == []


def test_an_arxiv_api_feed():
    papers, problems = read_file(FIXTURES / "arxiv_query.xml")
    dpr, ance = papers
    assert dpr.title == "Dense Passage Retrieval for Open-Domain Question Answering"
    assert dpr.authors == "Vladimir Karpukhin, Barlas Oğuz"
    assert dpr.date == "2020-04-10"
    assert dpr.categories == "cs.CL cs.IR"
    assert dpr.urls == [
        "http://arxiv.org/abs/2004.04906v3",
        "https://doi.org/10.18653/v1/2020.emnlp-main.550",
    ]
    assert ance.title.endswith("for Dense Text Retrieval")  # the wrapped title joined
    # The second entry has no summary: its line, and the others still read.
    assert [(p.line, p.message) for p in problems] == [(35, "abstract missing; record skipped")]


def test_the_arxiv_api_reporting_an_error_is_one_clear_problem():
    papers, problems = read_file(FIXTURES / "arxiv_query_error.xml")
    assert papers == []
    assert [(p.line, p.message) for p in problems] == [
        (8, "the arXiv API answered: incorrect id format for 1234.12345")
    ]


def test_a_broken_feed_is_one_problem_with_its_line():
    text = (FIXTURES / "arxiv_query.xml").read_text().replace("</entry>", "</entri>", 1)
    papers, problems = read_atom(text, "query.xml")
    assert papers == []
    [problem] = problems
    assert problem.line == 34 and problem.message.startswith("broken XML (mismatched tag)")


def test_an_entity_bomb_in_a_feed_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9)
        )
        + ']><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol8;</title></entry></feed>'
    )
    papers, problems = read_atom(bomb, "bomb.xml")
    assert papers == []
    assert problems[0].message.startswith("broken XML")


# --- detection and pages that are not listings ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("hf_daily_papers.html", "html"),
        ("arxiv_list_new.html", "html"),
        ("arxiv_query.xml", "atom"),
        ("zotero.bib", "bibtex"),
    ],
)
def test_formats_are_detected_from_content_whatever_the_name(name, fmt):
    data = (FIXTURES / name).read_bytes()
    assert detect_format(Path(name), data) == fmt
    assert detect_format(Path("saved-page.txt"), data) == fmt
    assert detect_format(Path("new"), data) == fmt  # a URL's path: no suffix at all


def test_a_page_with_no_papers_is_one_clear_problem():
    papers, problems = read_file(FIXTURES / "not_papers.html")
    assert papers == []
    assert [(p.line, p.message) for p in problems] == [(0, NO_PAPERS)]
    assert read_html("<html><!-- nothing --></html>", "empty.html")[1][0].message == NO_PAPERS


HOSTILE_PAGES = {
    "deep nesting": "<html>" + "<div>" * 100_000 + "x" + "</span>" * 100_000,
    "a run of <": "<html>" + "<" * 1_000_000,
    "unclosed CDATA": "<html>" + "<![CDATA[" * 100_000,
    "stray end tags": "<html>" + "</" * 500_000,
    "unclosed script": "<html><script>" + "<h3><a href='/papers/1'>x</a></h3>" * 10_000,
}


@pytest.mark.parametrize("page", HOSTILE_PAGES.values(), ids=HOSTILE_PAGES.keys())
def test_hostile_pages_give_no_papers_and_no_hang(page):
    # The standard library's html.parser (before 3.13.4) takes hours on some of these.
    papers, problems = read_html(page, "hostile.html")
    assert (papers, [p.message for p in problems]) == ([], [NO_PAPERS])


def test_script_contents_never_become_a_paper():
    page = (
        "<!DOCTYPE html><html><body><script>"
        "\"<dd><div class='list-title'>Injected</div><p class='mathjax'>x</p></dd>\""
        "</script><style>h3 { color: red }</style></body></html>"
    )
    papers, problems = read_html(page, "x.html")
    assert (papers, [p.message for p in problems]) == ([], [NO_PAPERS])
