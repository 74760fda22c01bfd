"""Read papers from a BibTeX file: what Zotero, Mendeley, JabRef and most reference managers export.

bibtexparser (v2) splits the file into entries, tolerant of syntax errors: a broken entry
becomes a failed block and the entries after it are still read. Its LaTeX decoding (pylatexenc)
turns ``{BERT}`` into BERT, ``{\\"o}`` into ö, ``\\&`` into & and ``--`` into –; maths stays as
written. Each entry becomes a Paper:

    title, abstract           -> title, abstract (both required)
    author                    -> "Last, First and Last2, First2" as "First Last, First2 Last2"
    date, or year and month   -> an ISO date: 2019, 2019-06 or 2019-06-02
    url, doi, eprint          -> links (doi.org, and arxiv.org/abs when archivePrefix is arXiv)
    primaryClass              -> categories (an arXiv category; keywords are free text, not used)

``@string`` definitions are applied; ``@comment`` and ``@preamble`` are not papers.

>>> papers, problems = read_bibtex('''@article{devlin2019,
...   title = {{BERT}: Pre-training of Deep Bidirectional Transformers},
...   author = {Devlin, Jacob and Chang, Ming-Wei},
...   abstract = {We introduce {BERT}. Sch{\\\\"o}n \\\\& fast -- really.},
...   year = 2019, month = jun, doi = {10.18653/v1/N19-1423}}
... @misc{notes, title = {My notes}}''', "refs.bib")
>>> p = papers[0]
>>> p.title, p.abstract, p.authors, p.date, p.urls
('BERT: Pre-training of Deep Bidirectional Transformers', 'We introduce BERT. Schön & fast – really.', 'Jacob Devlin, Ming-Wei Chang', '2019-06', ['https://doi.org/10.18653/v1/N19-1423'])
>>> [str(p) for p in problems]
["refs.bib:6: entry 'notes': abstract missing; record skipped"]
"""

from __future__ import annotations

import logging
import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    MiddlewareErrorBlock,
)

from rag.importers import add_record
from rag.records import MAX_ABSTRACT_CHARS, Paper, Problem

# bibtexparser logs every broken entry as a warning; each one is already a Problem here.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

DECODED = ("title", "abstract", "author")  # not url, doi, eprint: they stay as written
LATEX = re.compile(r"[\\{}$~]|--|``|''")  # what LaTeX decoding would change; most text has none
# Mendeley and hand-written files leave % and & bare; to LaTeX they start a comment (the rest of
# the line lost) and separate table cells. Escaped, they decode to themselves.
UNESCAPED = re.compile(r"(?<!\\)([%&])")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
ARXIV_ID = re.compile(r"(?:arxiv:)?(\S+)", re.IGNORECASE)


def read_bibtex(text: str, source: str) -> tuple[list[Paper], list[Problem]]:
    """Papers from BibTeX text; a Problem (with the entry's first line) for each entry that
    could not be read or lacks a title or abstract."""
    try:
        # The default stack resolves @string references and removes the outer {} or "".
        library = bibtexparser.parse_string(text)
    except Exception as error:  # the library's own invariant broke; name it, lose nothing else
        return [], [Problem(source, 0, f"bibtexparser could not read this file ({error})")]
    decoder = LatexDecodingMiddleware()
    papers: list[Paper] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1  # bibtexparser counts lines from 0
        entry = _entry_of(block, source, line, problems)
        if entry is None:
            continue
        found: list[Problem] = []
        fields = _decoded_fields(entry, decoder, library, source, line, found)
        add_record(_record(fields), source, line, False, papers, found, first_seen)
        problems.extend(Problem(p.file, p.line, f"entry {entry.key!r}: {p.message}") for p in found)
    return papers, problems


def _entry_of(block: object, source: str, line: int, problems: list[Problem]) -> Entry | None:
    """The entry a block holds, if it is one: a duplicate key or a field given twice still is
    a paper (a reference manager's export of two papers under one key loses neither)."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock):
        entry = block.ignore_error_block
        return entry if isinstance(entry, Entry) else None
    error = getattr(block, "error", None)
    if error is None:
        return None  # @string, @comment, @preamble, text between entries
    raw = getattr(block, "raw", "") or ""
    key = raw.partition("{")[2].partition(",")[0].strip()[:80] if "{" in raw else ""
    reason = str(getattr(error, "abort_reason", "") or error).strip().rstrip(".")
    named = f" {key!r}" if key else ""
    problems.append(
        Problem(source, line, f"broken entry{named} ({reason}); skipped, the rest still read")
    )
    return None


def _decoded_fields(
    entry: Entry,
    decoder: LatexDecodingMiddleware,
    library: Library,
    source: str,
    line: int,
    problems: list[Problem],
) -> dict[str, str]:
    """The entry's fields, keys lower-cased (the first of a repeated field kept), names put
    first-name first, and LaTeX decoded in the fields that become text."""
    fields: dict[str, str] = {}
    for field in entry.fields:
        fields.setdefault(field.key.lower(), str(field.value))
    if "author" in fields:
        # Split before decoding: braces protect a name such as {Barnes and Noble}.
        fields["author"] = ", ".join(
            _first_name_first(n) for n in split_multiple_persons_names(fields["author"])
        )
    latex = {
        # Cut before decoding: pylatexenc reads ~200 kB/s, and cap() keeps 20,000 characters.
        key: UNESCAPED.sub(r"\\\1", fields[key][: 2 * MAX_ABSTRACT_CHARS])
        for key in DECODED
        if LATEX.search(fields.get(key, ""))
    }
    if latex:
        plain = Entry(entry.entry_type, entry.key, [Field(k, v) for k, v in latex.items()])
        if isinstance(decoder.transform_entry(plain, library), MiddlewareErrorBlock):
            problems.append(
                Problem(source, line, "some LaTeX could not be decoded and is kept as written")
            )
        fields.update({field.key: str(field.value) for field in plain.fields})
    return fields


def _first_name_first(name: str) -> str:
    """>>> _first_name_first("van der Berg, Hans"), _first_name_first("others")
    ('Hans van der Berg', 'et al.')
    """
    if name.strip().lower() == "others":  # BibTeX's "and others"
        return "et al."
    try:
        return parse_single_name_into_parts(name, strict=False).merge_first_name_first or name
    except ValueError:
        return name


def _record(fields: dict[str, str]) -> dict[str, object]:
    record: dict[str, object] = {
        "url": _links(fields),
        "authors": fields.get("author", ""),
        "date": _date(fields),
        "categories": fields.get("primaryclass", "").strip(),
    }
    # Absent, not empty, when the entry lacks them: the problem then says "missing".
    record.update({key: fields[key] for key in ("title", "abstract") if key in fields})
    return record


def _links(fields: dict[str, str]) -> list[str]:
    """>>> _links({"doi": "https://doi.org/10.1/x", "eprint": "arXiv:1706.03762", "archiveprefix": "arXiv"})
    ['https://doi.org/10.1/x', 'https://arxiv.org/abs/1706.03762']
    """
    links = [fields["url"]] if fields.get("url") else []
    doi = fields.get("doi", "").strip()
    if doi:
        links.append("https://doi.org/" + re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi))
    archive = fields.get("archiveprefix", "") or fields.get("eprinttype", "")
    eprint = ARXIV_ID.match(fields.get("eprint", "").strip())
    if eprint and archive.strip().lower() == "arxiv":
        links.append(f"https://arxiv.org/abs/{eprint.group(1)}")
    return links


def _date(fields: dict[str, str]) -> str:
    """>>> _date({"date": "2021-05-03"}), _date({"year": "2019", "month": "June"}), _date({"year": "2019", "month": "7"})
    ('2021-05-03', '2019-06', '2019-07')
    """
    date = fields.get("date", "").strip()
    if ISO_DATE.fullmatch(date):
        return date
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return ""
    month = fields.get("month", "").strip().lower()
    number = (
        int(month) if month.isdigit() else MONTHS.index(month[:3]) + 1 if month[:3] in MONTHS else 0
    )
    return f"{year}-{number:02d}" if 1 <= number <= 12 else year
