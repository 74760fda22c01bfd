"""Take the references with you: an answer or a conversation as Markdown with numbered
references, its cited papers as BibTeX, one paper as a line to paste.

Everything is built from what the ``Source`` (or ``Paper``) carries, so a saved conversation
still exports after its papers have left the index.

Example::

    answer = ask("Which papers pre-train byte-level language models?")
    print(answer_markdown(answer))
    print(bibtex(cited_sources(answer)))      # @misc{xue2021byt5, ...}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

import bibtexparser
from bibtexparser.model import Entry, Field
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from rag.answer import Answer, Source
from rag.citations import MARKER, expand_markers
from rag.conversations import Conversation
from rag.records import normalise_title


class Citable(Protocol):
    """What a reference is made from: a ``Source`` or a ``Paper``."""

    title: str
    authors: str
    date: str
    urls: list[str]


# --- what a reference says ------------------------------------------------------------------

MAX_NAMES = 3  # more authors than this are cited as the first three, "et al."
YEAR = re.compile(r"\b(19|20)\d{2}\b")
ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)|huggingface\.co/papers)/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
)
PAPER_HOSTS = (
    "arxiv.org/",
    "doi.org/",
    "huggingface.co/papers/",
    "openreview.net/",
    "aclanthology",
)
SAFE_URL = re.compile(r"^https?://[^\s<>\"'{}\\]+$")
_latex = LatexNodes2Text()


def _plain(text: str) -> str:
    r"""Text as a reader sees it: arXiv metadata writes accents in LaTeX.

    >>> _plain('J\\"urgen: 100% {BERT} Q&A'), _plain("100% {BERT}")
    ('Jürgen: 100% BERT Q&A', '100% {BERT}')
    """
    text = " ".join(text.split())
    if "\\" not in text:  # no LaTeX: braces and all are the text itself
        return text
    # "50%" or "Q&A" in a title mean what they say, not a LaTeX comment (which would end the
    # title there) or a table column.
    text = re.sub(r"(?<!\\)([%&#])", r"\\\1", text)
    return " ".join(_latex.latex_to_text(text).split())


def author_names(authors: str) -> list[str]:
    """The names in an authors field ("A, B and C", or "A and B").

    >>> author_names("Linting Xue, Noah Constant and Adam Roberts")
    ['Linting Xue', 'Noah Constant', 'Adam Roberts']
    """
    return [name for name in re.split(r"\s*,\s*|\s+and\s+", _plain(authors)) if name]


def arxiv_id(urls: Sequence[str]) -> str:
    """The arXiv identifier in the paper's links, version dropped, or "".

    >>> arxiv_id(["https://github.com/x/y", "https://arxiv.org/abs/2105.13626v3"])
    '2105.13626'
    """
    for url in urls:
        found = ARXIV_ID.search(url)
        if found:
            return found.group(1)
    return ""


def year_of(item: Citable) -> str:
    """The year from the paper's date, else from its arXiv id (2105.13626 -> 2021), or "".

    A listing date such as "Mar 21" names no year, and none is guessed from it.
    """
    found = YEAR.search(item.date)
    if found:
        return found.group(0)
    identifier = arxiv_id(item.urls)
    if re.match(r"\d{4}\.", identifier):
        return f"20{identifier[:2]}"
    if "/" in identifier:  # old-style hep-th/9901001: 91..99 are the 1990s
        yy = identifier.split("/")[1][:2]
        return f"{'19' if int(yy) >= 91 else '20'}{yy}"
    return ""


def paper_url(item: Citable) -> str:
    """The paper's own link where it has one (arXiv, DOI, ...), else its first link, or ""."""
    urls = [u for u in item.urls if SAFE_URL.match(u)]
    return next((u for u in urls if any(h in u for h in PAPER_HOSTS)), urls[0] if urls else "")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def citation_text(item: Citable) -> str:
    """One line to paste: "Authors (year). Title. URL", leaving out what is not known.

    >>> s = Source(1, "p", "ByT5: Towards a token-free future", 0.9, "", True, "both",
    ...            ["https://arxiv.org/abs/2105.13626"], authors="Linting Xue, Noah Constant")
    >>> citation_text(s)
    'Linting Xue, Noah Constant (2021). ByT5: Towards a token-free future. https://arxiv.org/abs/2105.13626'
    """
    text, url = _citation(item)
    return f"{text} {url}".strip()


def _citation(item: Citable) -> tuple[str, str]:
    """A citation's text and its link apart (Markdown writes the two differently)."""
    names = author_names(item.authors)
    shown = ", ".join(names[:MAX_NAMES]) + (", et al." if len(names) > MAX_NAMES else "")
    year = year_of(item)
    lead = " ".join(part for part in (shown, f"({year})" if year else "") if part)
    title = _sentence(_plain(item.title))
    return (f"{_sentence(lead)} {title}" if lead else title), paper_url(item)


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Text from a paper as literal Markdown: no emphasis, links or HTML of its own."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_citation(item: Citable) -> str:
    text, url = _citation(item)
    return f"{_md(text)} <{url}>" if url else _md(text)  # SAFE_URL: nothing to escape in <...>


def _md_answer(text: str) -> str:
    """An answer's own Markdown (its emphasis, lists) kept, with raw HTML and images made
    literal so the file fetches and runs nothing when opened."""
    return re.sub(r"([<>])", r"\\\1", text).replace("![", "!\\[")


class _References:
    """One numbering for every paper cited across a conversation, in order of first citation;
    the same paper cited again (under another marker in another answer) keeps its number."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def number(self, source: Source) -> int:
        key = normalise_title(source.title) or source.paper_id
        if key not in self._numbers:
            self.sources.append(source)
            self._numbers[key] = len(self.sources)
        return self._numbers[key]

    def renumber(self, answer: Answer) -> str:
        """The answer's text with its markers in this numbering."""
        by_marker = {s.marker: s for s in answer.sources}

        def replace(match: re.Match[str]) -> str:
            markers = [n for n in expand_markers(match.group(1)) if n in by_marker]
            if not markers:
                return match.group(0)
            numbers = dict.fromkeys(self.number(by_marker[n]) for n in markers)
            return f" [{', '.join(map(str, numbers))}]"

        text = MARKER.sub(replace, answer.text)
        for source in cited_sources(answer):  # cited, though no marker survived in the text
            self.number(source)
        return text

    def markdown(self) -> list[str]:
        if not self.sources:
            return []
        lines = ["## References", ""]
        lines += [f"{n}. {_md_citation(s)}" for n, s in enumerate(self.sources, start=1)]
        return [*lines, ""]


NOT_ANSWERED = {"not_stated": "Related papers (none states it)", "not_covered": "Closest papers"}


def _turn(answer: Answer, references: _References, heading: str) -> list[str]:
    lines = [heading, "", _md_answer(references.renumber(answer)), ""]
    if answer.notice:
        lines += [f"> Note: {_md(answer.notice)}", ""]
    shown = [s for s in answer.sources if s.role in ("related", "closest")]
    if answer.abstained and shown:
        lines += [f"*{NOT_ANSWERED.get(answer.outcome, 'Related papers')}:*", ""]
        lines += [f"- {_md_citation(s)}" for s in shown]
        lines.append("")
    return lines


def answer_markdown(answer: Answer) -> str:
    """The question, the answer with its ``[n]`` markers and a numbered References list of the
    papers it cites (numbered 1, 2, ... in the order the answer cites them)."""
    references = _References()
    lines = _turn(answer, references, f"# {_md(answer.question)}")
    return "\n".join(lines + references.markdown()).rstrip() + "\n"


def conversation_markdown(conversation: Conversation) -> str:
    """Every question and answer in order, with one References list for the whole
    conversation: a paper cited in two answers has one number in both."""
    references = _References()
    lines = [f"# {_md(conversation.title)}", ""]
    for turn in conversation.turns:
        lines += _turn(turn.answer, references, f"## {_md(turn.question)}")
    return "\n".join(lines + references.markdown()).rstrip() + "\n"


def cited_sources(answer: Answer) -> list[Source]:
    return [s for s in answer.sources if s.cited]


# --- BibTeX ---------------------------------------------------------------------------------

# Classic BibTeX reads ASCII; everything else is written as LaTeX ("ü" -> {\"u}, "&" -> \&).
# A character with no LaTeX form (an emoji) is kept: biber and bibtexparser read UTF-8.
# A straight quote stays one: pylatexenc's '' would come back as a curly quote.
_to_latex = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, {ord('"'): '"'}), "defaults"],
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
KEY_STOPWORDS = frozenset(
    "a an the on of in for to and with towards toward is are do does how what why when via "
    "from by at as can".split()
)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def citation_key(item: Citable) -> str:
    """First author's surname, year, first significant title word, as Google Scholar does.

    >>> s = Source(1, "p", "Attention Is All You Need", 0, "", True, "both",
    ...            authors="Ashish Vaswani, Noam Shazeer", date="2017-06-12")
    >>> citation_key(s)
    'vaswani2017attention'
    """
    names = author_names(item.authors)
    surname = _ascii_word(names[0].split()[-1]) if names else ""
    words = (_ascii_word(w) for w in _plain(item.title).split())
    word = next((w for w in words if w and w not in KEY_STOPWORDS), "")
    return f"{surname}{year_of(item)}{word}" or "paper"


def bibtex(items: Iterable[Citable]) -> str:
    """One BibTeX entry per paper (a paper given twice is written once), as ``@misc`` (the
    papers' venues are not known) with title, authors in "and" form, year, url and, for an
    arXiv paper, ``eprint`` and ``archivePrefix``. Keys that would clash get a, b, ...

    >>> print(bibtex([Source(1, "p", "ByT5 & friends", 0, "", True, "both",
    ...     ["https://arxiv.org/abs/2105.13626"], authors="Linting Xue")]))
    @misc{xue2021byt5,
        title = {{ByT5 \\& friends}},
        author = {Linting Xue},
        year = {2021},
        url = {https://arxiv.org/abs/2105.13626},
        eprint = {2105.13626},
        archivePrefix = {arXiv}
    }
    <BLANKLINE>
    """
    unique: dict[str, Citable] = {}
    for item in items:
        unique.setdefault(normalise_title(item.title), item)
    papers = list(unique.values())
    keys = [citation_key(p) for p in papers]
    clashing = {k for k in keys if keys.count(k) > 1}
    seen: dict[str, int] = {}
    library = bibtexparser.Library()
    for paper, key in zip(papers, keys, strict=True):
        if key in clashing:
            seen[key] = seen.get(key, 0) + 1
            key += chr(ord("a") + seen[key] - 1) if seen[key] <= 26 else str(seen[key])
        library.add(Entry("misc", key, _fields(paper)))
    if not papers:
        return ""
    return bibtexparser.write_string(library, bibtex_format=_FORMAT).strip() + "\n"


def _fields(paper: Citable) -> list[Field]:
    # The inner braces keep the title's capitals (BibTeX styles lower-case titles otherwise).
    fields = [Field("title", "{" + _to_latex.unicode_to_latex(_plain(paper.title)) + "}")]
    names = author_names(paper.authors)
    if names:
        fields.append(Field("author", " and ".join(_to_latex.unicode_to_latex(n) for n in names)))
    year, url, eprint = year_of(paper), paper_url(paper), arxiv_id(paper.urls)
    if year:
        fields.append(Field("year", year))
    if url:
        fields.append(Field("url", url))
    if eprint:
        fields += [Field("eprint", eprint), Field("archivePrefix", "arXiv")]
    return fields


_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "    "
_FORMAT.block_separator = "\n"
