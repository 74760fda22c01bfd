"""Read papers from saved web pages: a Hugging Face papers page, an arXiv listing, an arXiv
abstract page (or any page carrying the ``citation_*`` meta tags scholarly sites use).

  * Hugging Face (huggingface.co/papers, /papers/ID): the page carries its papers as JSON in a
    ``data-props`` attribute (``data-target="DailyPapers"`` or ``"PaperPage"``), abstracts
    included. A page saved without it still has the paper cards (``<h3><a href="/papers/ID">``),
    which show no abstract: each is a Problem.
  * arXiv listings (arxiv.org/list/CAT/new, /recent): ``<dt>`` (the id) and ``<dd>`` pairs with
    ``div.list-title``, ``div.list-authors``, ``div.list-subjects`` and the abstract in
    ``p.mathjax``; /recent shows no abstracts, so each of its papers is a Problem.
  * an abstract page (arxiv.org/abs/ID): the ``citation_title``, ``citation_abstract``,
    ``citation_author``, ``citation_date`` and ``citation_arxiv_id`` meta tags, else the page's
    ``h1.title`` and ``blockquote.abstract``.

Pages are parsed by lxml (libxml2's forgiving HTML parser, linear on malformed input; the
standard library's ``html.parser`` before Python 3.13.4 is quadratic on some, which an upload
could use to hang the server). Titles and abstracts are plain text: tags dropped, entities
decoded, whitespace collapsed; ``<script>`` and ``<style>`` contents are never text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html

from rag.importers import add_record
from rag.records import Paper, Problem

NO_PAPERS = (
    "no papers found in this page: is it a Hugging Face papers page, an arXiv listing or an "
    "arXiv API feed?"
)
CATEGORY = re.compile(r"\(([a-z-]+(?:\.[A-Za-z-]+)?)\)")  # "Computation and Language (cs.CL)"
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b")  # "Friday, 17 May 2024"

# (line, record for add_record): what a page reader finds, abstract or not.
Found = list[tuple[int, dict[str, Any]]]
Element = Any  # lxml.html.HtmlElement (lxml ships no type hints)


def read_html(text: str, source: str) -> tuple[list[Paper], list[Problem]]:
    """Papers from a saved page; one Problem when the page is none of the kinds above.

    >>> page = '''<html><head><meta name="citation_title" content="Attention Is All You Need">
    ... <meta name="citation_author" content="Vaswani, Ashish">
    ... <meta name="citation_abstract" content="The dominant models are &lt;b&gt;recurrent&lt;/b&gt;.">
    ... <meta name="citation_arxiv_id" content="1706.03762"></head></html>'''
    >>> papers, problems = read_html(page, "abs.html")
    >>> papers[0].title, papers[0].abstract, papers[0].authors, papers[0].urls, problems
    ('Attention Is All You Need', 'The dominant models are <b>recurrent</b>.', 'Ashish Vaswani', ['https://arxiv.org/abs/1706.03762'], [])
    """
    root = _parse(text)
    for reader, advice in READERS if root is not None else []:
        found = reader(root)
        if found:
            return _papers(found, source, advice)
    return [], [Problem(source, 0, NO_PAPERS)]


def _parse(text: str) -> Element | None:
    """The page's tree, with what is not text taken out: ``<script>``, ``<style>`` and arXiv's
    "Title:" / "Authors:" labels (class ``descriptor``); ``<br>`` becomes a space."""
    parser = lxml.html.HTMLParser(encoding="utf-8")  # bytes: a str may not declare an encoding
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):  # nothing but whitespace and comments
        return None
    for element in root.xpath(f"//script | //style | {_has_class('descriptor')}"):
        element.drop_tree()  # its tail (the text after it) stays
    for line_break in root.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    return root


def _papers(found: Found, source: str, advice: str) -> tuple[list[Paper], list[Problem]]:
    papers: list[Paper] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for line, record in found:
        title = " ".join(str(record.get("title", "")).split())
        if title and not " ".join(str(record.get("abstract", "")).split()):
            problems.append(
                Problem(source, line, f"no abstract on the page for {title[:80]!r}{advice}")
            )
            continue
        add_record(record, source, line, False, papers, problems, first_seen)
    return papers, problems


# --- Hugging Face ------------------------------------------------------------------------------


def _hugging_face(root: Element) -> Found:
    found: Found = []
    for element in root.xpath("//*[@data-target='DailyPapers' or @data-target='PaperPage']"):
        try:
            props = json.loads(element.get("data-props", ""))
        except json.JSONDecodeError:
            continue
        items = props.get("dailyPapers") if isinstance(props, dict) else None
        for item in items if isinstance(items, list) else [props]:
            if isinstance(item, dict):
                found.append((element.sourceline, _hugging_face_record(item)))
    return found or _hugging_face_cards(root)


def _hugging_face_record(item: dict[str, Any]) -> dict[str, Any]:
    """One paper of the page's JSON: ``{"paper": {"id", "title", "summary", "authors",
    "publishedAt"}, "title": ..., ...}`` (a daily list's item) or ``{"paper": {...}}``."""
    paper: dict[str, Any] = item["paper"] if isinstance(item.get("paper"), dict) else item
    arxiv_id = _string(paper.get("id"))
    authors: list[Any] = paper["authors"] if isinstance(paper.get("authors"), list) else []
    return {
        "title": _string(paper.get("title")) or _string(item.get("title")),
        "abstract": _string(paper.get("summary")) or _string(item.get("summary")),
        "url": _arxiv_links(arxiv_id, "https://huggingface.co/papers/"),
        "authors": [_string(a.get("name")) for a in authors if isinstance(a, dict)],
        "date": (_string(paper.get("publishedAt")) or _string(item.get("publishedAt")))[:10],
    }


def _hugging_face_cards(root: Element) -> Found:
    found: Found = []
    for link in root.xpath("//h3//a[starts-with(@href, '/papers/')]"):
        arxiv_id = link.get("href").removeprefix("/papers/").split("#")[0]
        record = {
            "title": _text(link),
            "url": _arxiv_links(arxiv_id, "https://huggingface.co/papers/"),
        }
        found.append((link.sourceline, record))
    return found


# --- arXiv listings and abstract pages -----------------------------------------------------------


def _arxiv_listing(root: Element) -> Found:
    found: Found = []
    date = arxiv_id = ""
    for element in root.iter("h3", "dt", "dd"):  # document order: a day, then (dt, dd) pairs
        if element.tag == "h3":
            date = _iso_date(_text(element)) or date
        elif element.tag == "dt":
            links = element.xpath(".//a[contains(@href, '/abs/')]/@href")
            arxiv_id = links[0].rpartition("/abs/")[2] if links else ""
        elif _first(element, "div", "list-title") is not None:
            found.append((element.sourceline, _listing_record(element, arxiv_id, date)))
    return found


def _listing_record(item: Element, arxiv_id: str, date: str) -> dict[str, Any]:
    def part(tag: str, cls: str) -> str:
        element = _first(item, tag, cls)
        return _text(element) if element is not None else ""

    abstract = _first(item, "p", "mathjax")
    # arXiv shows a link in an abstract as "this https URL": the address is only in the href.
    links = abstract.xpath(".//a/@href") if abstract is not None else []
    return {
        "title": part("div", "list-title"),
        "abstract": part("p", "mathjax"),
        "url": _arxiv_links(arxiv_id) + [link for link in links if link.startswith("http")],
        "authors": part("div", "list-authors"),
        "date": date,
        "categories": " ".join(CATEGORY.findall(part("div", "list-subjects"))),
    }


def _citation_meta(root: Element) -> Found:
    meta: dict[str, list[str]] = {}
    for element in root.iter("meta"):
        name = element.get("name", "").lower()
        if name.startswith("citation_"):
            meta.setdefault(name, []).append(element.get("content", ""))

    def first(name: str, tag: str, cls: str) -> str:
        element = _first(root, tag, cls)
        return meta.get(name, [""])[0] or (_text(element) if element is not None else "")

    title = first("citation_title", "h1", "title")
    if not title:
        return []
    subjects = _first(root, "td", "subjects")
    heading = _first(root, "h1", "title")
    record = {
        "title": title,
        "abstract": first("citation_abstract", "blockquote", "abstract"),
        "url": _arxiv_links(meta.get("citation_arxiv_id", [""])[0]),
        # Highwire's authors are "Last, First".
        "authors": [" ".join(reversed(a.split(", ", 1))) for a in meta.get("citation_author", [])],
        "date": meta.get("citation_date", [""])[0].replace("/", "-"),
        "categories": " ".join(CATEGORY.findall(_text(subjects))) if subjects is not None else "",
    }
    return [(heading.sourceline if heading is not None else 1, record)]


# --- shared --------------------------------------------------------------------------------------


def _arxiv_links(arxiv_id: str, *more: str) -> list[str]:
    """>>> _arxiv_links("2405.12345", "https://huggingface.co/papers/"), _arxiv_links("")
    (['https://arxiv.org/abs/2405.12345', 'https://huggingface.co/papers/2405.12345'], [])
    """
    arxiv_id = arxiv_id.strip()
    return [f"{base}{arxiv_id}" for base in ("https://arxiv.org/abs/", *more)] if arxiv_id else []


def _iso_date(text: str) -> str:
    """>>> _iso_date("Showing new listings for Friday, 17 May 2024"), _iso_date("Fri, 3 Jan 2025 (showing 5)")
    ('2024-05-17', '2025-01-03')
    """
    match = DAY_MONTH_YEAR.search(text)
    if not match:
        return ""
    day, month, year = match.groups()
    try:
        return datetime.strptime(f"{day} {month[:3]} {year}", "%d %b %Y").date().isoformat()
    except ValueError:
        return ""


def _has_class(cls: str) -> str:
    """An XPath test for an element of class ``cls`` (one of the words in its class attribute)."""
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"


def _first(root: Element, tag: str, cls: str) -> Element | None:
    found = root.xpath(f".{_has_class(cls)}[self::{tag}]")
    return found[0] if found else None


def _text(element: Element) -> str:
    """An element's text, whitespace collapsed."""
    return " ".join(element.text_content().split())


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


# Tried in turn; the first that finds papers reads the page. The advice ends a "no abstract"
# problem.
READERS: list[tuple[Callable[[Element], Found], str]] = [
    (_hugging_face, ": the page lists it without one; ingest its arXiv page or listing instead"),
    (
        _arxiv_listing,
        ": arXiv's /recent listings show none; ingest the /new listing or an arXiv API feed",
    ),
    (_citation_meta, ""),
]
