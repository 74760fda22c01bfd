"""Read papers from the arXiv API's Atom feed (export.arxiv.org/api/query?search_query=...).

Each ``<entry>`` is a paper: ``title``, ``summary`` (the abstract), ``author/name``,
``published``, the ``alternate`` link (its abstract page), ``arxiv:doi`` and ``category`` terms.
An entry whose id is under ``/api/errors`` is the API reporting a bad query, and becomes a
Problem saying what the API said. Any other Atom feed whose entries have a title and summary is
read the same way.

The XML is parsed by the standard library's expat, which expands no external entities and
(expat >= 2.4) refuses entity-expansion bombs.

>>> feed = '''<?xml version="1.0" encoding="UTF-8"?>
... <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
...   <entry>
...     <id>http://arxiv.org/abs/1706.03762v7</id>
...     <published>2017-06-12T17:57:34Z</published>
...     <title>Attention Is All
...       You Need</title>
...     <summary>  The dominant sequence transduction models are recurrent.</summary>
...     <author><name>Ashish Vaswani</name></author><author><name>Noam Shazeer</name></author>
...     <link href="http://arxiv.org/abs/1706.03762v7" rel="alternate" type="text/html"/>
...     <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
...   </entry>
... </feed>'''
>>> papers, problems = read_atom(feed, "query.xml")
>>> p = papers[0]
>>> p.title, p.authors, p.date, p.urls, p.categories, problems
('Attention Is All You Need', 'Ashish Vaswani, Noam Shazeer', '2017-06-12', ['http://arxiv.org/abs/1706.03762v7'], 'cs.CL', [])
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

from rag.importers import add_record
from rag.records import Paper, Problem
from rag.web_pages import NO_PAPERS

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def read_atom(text: str, source: str) -> tuple[list[Paper], list[Problem]]:
    """Papers from an Atom feed; a Problem (with the entry's line) for each entry without a
    title or summary; one Problem for XML that does not parse (one document: nothing after the
    break can be trusted)."""
    parser: ElementTree.XMLPullParser = ElementTree.XMLPullParser(events=("start",))
    starts: dict[int, int] = {}  # id(an entry element) -> the line its start tag ends on
    root: ElementTree.Element | None = None
    try:
        # Fed a line at a time, so each entry's start event tells its line.
        for number, text_line in enumerate(text.splitlines(keepends=True), start=1):
            parser.feed(text_line)
            for event in parser.read_events():
                element = event[-1]  # only "start" events were asked for: (event, element)
                if not isinstance(element, ElementTree.Element):
                    continue
                root = element if root is None else root
                if element.tag == f"{ATOM}entry":
                    starts[id(element)] = number
        parser.close()
    except ElementTree.ParseError as error:
        what = str(error).partition(": line")[0]  # the position is the Problem's line
        return [], [Problem(source, error.position[0], f"broken XML ({what}); nothing read")]
    if root is None or root.tag != f"{ATOM}feed":
        return [], [Problem(source, 1, NO_PAPERS)]
    papers: list[Paper] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        line = starts.get(id(entry), 0)
        if "/api/errors" in _text(entry, "id"):
            said = _text(entry, "summary") or "an error"
            problems.append(Problem(source, line, f"the arXiv API answered: {said}"))
            continue
        add_record(_record(entry), source, line, False, papers, problems, first_seen)
    if not entries:
        problems.append(Problem(source, 1, "the feed has no entries (the query found nothing)"))
    return papers, problems


def _record(entry: ElementTree.Element) -> dict[str, Any]:
    links = [
        link.get("href", "")
        for link in entry.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate" and link.get("href")
    ]
    doi = _text(entry, "doi", ARXIV)
    record: dict[str, Any] = {
        "url": links + ([f"https://doi.org/{doi}"] if doi else []),
        "authors": [_text(a, "name") for a in entry.findall(f"{ATOM}author")],
        "date": _text(entry, "published")[:10],
        "categories": " ".join(c.get("term", "") for c in entry.findall(f"{ATOM}category")),
    }
    # Absent, not empty, when the entry lacks them: the problem then says "missing".
    for field, tag in (("title", "title"), ("abstract", "summary")):
        if entry.find(f"{ATOM}{tag}") is not None:
            record[field] = _text(entry, tag)
    return record


def _text(element: ElementTree.Element, tag: str, namespace: str = ATOM) -> str:
    return " ".join((element.findtext(f"{namespace}{tag}") or "").split())
