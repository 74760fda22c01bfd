"""Read papers from files: listing pages, JSON Lines, a JSON array, CSV, the arXiv metadata
snapshot, BibTeX (``rag.bibtex``), saved Hugging Face / arXiv pages (``rag.web_pages``) and the
arXiv API's Atom feed (``rag.arxiv_feed``).

Every reader returns the good papers and a Problem (file, line, what) for each bad record; one
bad line never costs the rest of the file. Files are UTF-8 (a byte-order mark is stripped), or
UTF-16 / UTF-32 when a byte-order mark says so.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from rag.corpus import find_urls, merge_duplicates, parse_listing
from rag.records import RECORD_KEPT, Paper, Problem, cap, paper_id_for

FORMATS: tuple[str, ...] = (
    *("auto", "listing", "jsonl", "json", "csv", "arxiv"),
    *("bibtex", "html", "atom"),
)
ARXIV_KEYS = {"update_date", "categories", "authors"}
DETECT_LINES = 20
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUFFIX_FORMATS = {".csv": "csv", ".bib": "bibtex", ".html": "html", ".htm": "html", ".atom": "atom"}
# What a web server's Content-Type says, for a URL whose path has no telling suffix.
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/atom+xml": "atom",
    "application/x-bibtex": "bibtex",
    "text/x-bibtex": "bibtex",
    "text/csv": "csv",
}
BIBTEX_START = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]")
MARKUP_PREAMBLE = re.compile(
    r"^(\s|<\?xml[^>]*\?>|<!--.*?-->)+", re.DOTALL
)  # a "saved from" comment
# Files that are not text at all: said by name, so a PDF of a paper gets a useful message.
BINARY_SIGNATURES = {b"%PDF-": "a PDF", b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip data"}
Lines = list[tuple[int, str]]  # (line number in the file, its text); undecodable lines left out

# UTF-32-LE's mark begins with UTF-16-LE's, so it is tried first. UTF-8's mark is not here: UTF-8
# is decoded line by line (one bad byte costs one line) and its mark stripped from line 1.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Which of every four bytes are NUL ("0") or not ("x") in Latin-script text without a mark.
UNMARKED_WIDE = {"x0x0": "UTF-16", "0x0x": "UTF-16", "x000": "UTF-32", "000x": "UTF-32"}
SNIFF_BYTES = 4096
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the breaks bytes.splitlines() knows, no others


class PaperRecord(BaseModel):
    """One record as it crosses into the project from a JSONL/CSV/arXiv file."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    title: str
    abstract: str
    id: str = ""
    url: str | list[str] = ""
    authors: str | list[str] = ""
    date: str = ""
    update_date: str = ""
    categories: str | list[str] = ""

    @field_validator("title", "abstract")
    @classmethod
    def not_blank(cls, value: str) -> str:
        value = " ".join(value.split())  # arXiv wraps titles and abstracts over lines
        if not value:
            raise ValueError("is empty")
        return value

    def to_paper(self, source: str, arxiv: bool) -> Paper:
        urls = find_urls(self.abstract)
        if self.url:
            urls[:0] = [self.url] if isinstance(self.url, str) else self.url
        elif arxiv and self.id:
            urls.insert(0, f"https://arxiv.org/abs/{self.id}")
        authors = ", ".join(self.authors) if isinstance(self.authors, list) else self.authors
        categories = (
            " ".join(self.categories) if isinstance(self.categories, list) else self.categories
        )
        return Paper(
            id=paper_id_for(self.title),
            title=self.title,
            abstract=self.abstract,
            urls=list(dict.fromkeys(urls)),
            sources=[source],
            date=self.date or self.update_date,
            authors=" ".join(authors.split()),
            categories=categories,
        )


def _describe(error: ValidationError) -> str:
    """Pydantic's complaint in a reader's words: "abstract is empty", "title is not text"."""
    parts = []
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"]) or "record"
        kind = item["type"]
        if kind == "missing":
            said = "missing"
        elif kind == "value_error":  # our own validators' ValueError: "is empty"
            said = str(item.get("ctx", {}).get("error", item["msg"]))
        elif kind.endswith("_type"):
            said = f"is not {_KINDS.get(kind, kind.removesuffix('_type'))}"
        else:
            said = item["msg"]
        parts.append(f"{field} {said}")
    return "; ".join(parts)


_KINDS = {"string_type": "text", "list_type": "a list", "dict_type": "an object"}


# --- bytes to numbered lines of text ---------------------------------------------------------


def decode(data: bytes, source: str, problems: list[Problem]) -> Lines:
    """The file's numbered lines: UTF-8, or UTF-16/32 when a byte-order mark says so; a file
    that is UTF-16/32 without one is one problem, not one "not UTF-8" per line.

    >>> problems = []
    >>> decode('{"title": "Ünïcode"}\\n'.encode("utf-16"), "a.jsonl", problems), problems
    ([(1, '{"title": "Ünïcode"}')], [])
    >>> decode("title,abstract\\n".encode("utf-16-le"), "b.csv", problems), [str(p) for p in problems]
    ([], ['b.csv:0: looks like UTF-16 without a byte-order mark; save it as UTF-8'])
    """
    marked = _marked_encoding(data)
    if marked:
        return _decode_whole(data, marked, source, problems)
    unmarked = _unmarked_wide_encoding(data)
    if unmarked:
        problems.append(
            Problem(source, 0, f"looks like {unmarked} without a byte-order mark; save it as UTF-8")
        )
        return []
    return _decode_lines(data, source, problems)


def _marked_encoding(data: bytes) -> str | None:
    """>>> _marked_encoding("x".encode("utf-32")), _marked_encoding(b"x")
    ('UTF-32', None)
    """
    return next((name for mark, name in BYTE_ORDER_MARKS if data.startswith(mark)), None)


def _unmarked_wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 told by where its NUL bytes fall: text in a Latin script has one in
    every other byte (UTF-16) or three in every four (UTF-32); UTF-8 text has none.

    >>> [_unmarked_wide_encoding(t.encode(c)) for t, c in
    ...  [("title,abstract", "utf-16-be"), ("title,abstract", "utf-32-le"), ("tïtle,ab", "utf-8")]]
    ['UTF-16', 'UTF-32', None]
    """
    head = data[:SNIFF_BYTES]
    if len(head) < 8:  # too few bytes to tell
        return None
    shares = [head[i::4].count(0) / len(head[i::4]) for i in range(4)]
    pattern = "".join("0" if s >= 0.3 else "x" if s < 0.1 else "?" for s in shares)
    return UNMARKED_WIDE.get(pattern)


def _decode_whole(data: bytes, encoding: str, source: str, problems: list[Problem]) -> Lines:
    """UTF-16/32 is decoded whole (its line breaks are not single bytes); when it is damaged,
    the lines holding the damage are skipped, not the file."""
    try:
        text, damaged = data.decode(encoding), False  # the codec reads and drops the mark
    except UnicodeDecodeError:
        text, damaged = data.decode(encoding, errors="replace"), True
    parts = LINE_BREAK.split(text)
    if parts and not parts[-1]:
        parts.pop()  # the final line break ends the last line; it does not start another
    lines = []
    for number, line in enumerate(parts, start=1):
        if damaged and "\ufffd" in line:
            problems.append(Problem(source, number, f"not valid {encoding}; line skipped"))
        else:
            lines.append((number, line))
    return lines


def _decode_lines(data: bytes, source: str, problems: list[Problem]) -> Lines:
    """Decode UTF-8 line by line so one bad byte costs one line, not the file."""
    lines = []
    for number, raw in enumerate(data.splitlines(), start=1):
        text, problem = decode_line(raw, source, number)
        if problem is None:
            lines.append((number, text))
        else:
            problems.append(problem)
    return lines


def decode_line(raw: bytes, source: str, number: int) -> tuple[str, Problem | None]:
    """One line of a UTF-8 file as text (line 1 loses its byte-order mark), or why not.

    >>> decode_line(b"caf\\xe9", "a.jsonl", 7)
    ('', Problem(file='a.jsonl', line=7, message='not UTF-8 (byte 3); line skipped'))
    """
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8"), None
    except UnicodeDecodeError as error:
        return "", Problem(source, number, f"not UTF-8 (byte {error.start}); line skipped")


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 when the first bytes of a file say so (with or without a mark).

    >>> wide_encoding("{}".encode("utf-16")), wide_encoding(b'{"title": "A"}')
    ('UTF-16', None)
    """
    return _marked_encoding(head) or _unmarked_wide_encoding(head)


def _joined(lines: Lines) -> str:
    """The lines as one text; a skipped line stays as an empty one, so positions in the text
    (and problems found there) keep their file line numbers."""
    decoded = dict(lines)
    last = max(decoded, default=0)
    return "\n".join(decoded.get(number, "") for number in range(1, last + 1))


# --- readers ---------------------------------------------------------------------------------


def read_jsonl(lines: Lines, source: str, arxiv: bool = False) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    papers: list[Paper] = []
    first_line: dict[str, int] = {}
    for number, line in lines:
        if not line.strip():
            continue
        raw = _json_object(line, source, number)
        if isinstance(raw, Problem):
            problems.append(raw)
        else:
            add_record(raw, source, number, arxiv, papers, problems, first_line)
    return papers, problems


def paper_from_line(
    line: str, source: str, number: int, arxiv: bool = False
) -> tuple[Paper | None, list[Problem]]:
    """One line of JSON Lines (or of the arXiv snapshot) as a Paper (None: the line is
    skipped) and its problems; ``read_jsonl`` a line at a time, without the repeat check.

    >>> paper, problems = paper_from_line('{"title": "A", "abstract": ""}', "a.jsonl", 3)
    >>> paper, [str(p) for p in problems]
    (None, ['a.jsonl:3: abstract is empty; record skipped'])
    """
    raw = _json_object(line, source, number)
    if isinstance(raw, Problem):
        return None, [raw]
    return _paper_from(raw, source, number, arxiv)


def _json_object(line: str, source: str, number: int) -> dict[str, object] | Problem:
    """The line's JSON object, or why it is not one."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        return Problem(source, number, f"broken JSON ({error.msg}); line skipped")
    if not isinstance(raw, dict):
        return Problem(source, number, "not a JSON object; line skipped")
    return raw


def read_json_array(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    """A JSON array of records, ``[{"title": ..., "abstract": ...}, ...]``, read like JSON Lines.

    A problem's line is the record's position in the array (from 1), and its message says so:
    in a pretty-printed file that is not the line the record starts on.

    >>> lines = [(1, '[{"title": "A", "abstract": "B."},'), (2, ' {"title": "C"}]')]
    >>> papers, problems = read_json_array(lines, "p.json")
    >>> [p.title for p in papers], [str(p) for p in problems]
    (['A'], ['p.json:2: record 2 of the array: abstract missing; record skipped'])
    """
    try:
        items = json.loads(_joined(lines))
    except json.JSONDecodeError as error:
        # One JSON value: a break anywhere leaves no record boundary to resume from.
        message = (
            f"broken JSON array ({error.msg} at column {error.colno}); nothing read from this "
            "file: fix it, or save the records as JSON Lines (one a line)"
        )
        return [], [Problem(source, error.lineno, message)]
    if not isinstance(items, list):
        return [], [Problem(source, 1, "not a JSON array of records; nothing read from this file")]
    arxiv = bool(items) and isinstance(items[0], dict) and items[0].keys() >= ARXIV_KEYS
    papers: list[Paper] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(items, start=1):
        if isinstance(raw, dict):
            add_record(raw, source, number, arxiv, papers, problems, first_seen, unit="record")
        else:
            problems.append(Problem(source, number, "not a JSON object; record skipped"))
    named = [
        Problem(p.file, p.line, f"record {p.line} of the array: {p.message}") for p in problems
    ]
    return papers, named


def read_csv(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    papers: list[Paper] = []
    first_line: dict[str, int] = {}
    text = "\n".join(line for _, line in lines)
    numbers = [number for number, _ in lines]
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"title", "abstract"} <= {f.strip() for f in reader.fieldnames}:
        problems.append(Problem(source, 1, "CSV header must name 'title' and 'abstract' columns"))
        return papers, problems
    for row in reader:
        # line_num counts physical lines read so far: the row's last line, mapped back past
        # lines dropped for bad bytes.
        number = numbers[min(reader.line_num, len(numbers)) - 1] if numbers else 0
        raw = {(k or "").strip(): v for k, v in row.items() if v is not None}
        add_record(raw, source, number, False, papers, problems, first_line)
    return papers, problems


def add_record(
    raw: dict[str, object],
    source: str,
    number: int,
    arxiv: bool,
    papers: list[Paper],
    problems: list[Problem],
    first_seen: dict[str, int],
    unit: str = "line",
) -> None:
    """Validate one raw record into ``papers`` (capped, and once per title in this file), or
    say in ``problems`` why not; every reader builds its papers through here."""
    paper, found = _paper_from(raw, source, number, arxiv)
    problems.extend(found)
    if paper is None:
        return
    if paper.id in first_seen:
        problems.append(
            Problem(source, number, f"duplicate of {unit} {first_seen[paper.id]}; first kept")
        )
        return
    first_seen[paper.id] = number
    papers.append(paper)


def _paper_from(
    raw: dict[str, object], source: str, number: int, arxiv: bool
) -> tuple[Paper | None, list[Problem]]:
    try:
        paper = PaperRecord.model_validate(raw).to_paper(source, arxiv)
    except ValidationError as error:
        return None, [Problem(source, number, f"{_describe(error)}; record skipped")]
    note = cap(paper)
    return paper, [Problem(source, number, f"{note}; {RECORD_KEPT}")] if note else []


def _read_listing(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    return parse_listing(_joined(lines), source)


# The readers of the formats below are imported on use: their parsers are needed only for their
# files (and they build papers with ``add_record`` from this module).
def _read_bibtex(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    from rag.bibtex import read_bibtex

    return read_bibtex(_joined(lines), source)


def _read_html(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    from rag.web_pages import read_html

    return read_html(_joined(lines), source)


def _read_atom(lines: Lines, source: str) -> tuple[list[Paper], list[Problem]]:
    from rag.arxiv_feed import read_atom

    return read_atom(_joined(lines), source)


# --- formats and files -----------------------------------------------------------------------


def detect_format(path: Path, data: bytes, content_type: str = "") -> str:
    """The format of a file's bytes, as ``read_file`` would detect it: by the name's suffix,
    then what the text starts with, then a web server's ``content_type``.

    >>> detect_format(Path("papers.json"), b' \\n [{"title": "A", "abstract": "B"}]')
    'json'
    >>> detect_format(Path("export.txt"), b'% Encoding: UTF-8\\n@Article{key,\\n title = {A}}')
    'bibtex'
    >>> detect_format(Path("new"), b'<!-- saved from url=(0036)https://arxiv.org/ -->\\n<!DOCTYPE html>')
    'html'
    """
    return _detect(path, decode(data, path.name, []), content_type)


def _detect(path: Path, lines: Lines, content_type: str = "") -> str:
    suffix = path.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    texts = [line for _, line in lines if line.strip()]
    sniffed = _sniff(texts)
    if sniffed:
        return sniffed
    served = CONTENT_TYPES.get(content_type.partition(";")[0].strip().lower())
    if served:
        return served
    if suffix not in JSON_SUFFIXES and "json" not in content_type:
        return "listing"
    if texts and texts[0].lstrip().startswith("["):
        return "json"
    # The first record that parses decides: one damaged line must not hide the format.
    for line in texts[:DETECT_LINES]:
        try:
            first = json.loads(line)
        except json.JSONDecodeError:
            continue
        return "arxiv" if isinstance(first, dict) and first.keys() >= ARXIV_KEYS else "jsonl"
    return "jsonl"


def _sniff(texts: list[str]) -> str | None:
    """ "bibtex", "html" or "atom" when the text's first lines say so."""
    # JabRef and BibDesk open their exports with "%" comment lines.
    first = next((text for text in texts if not text.lstrip().startswith("%")), "")
    if BIBTEX_START.match(first):
        return "bibtex"
    head = MARKUP_PREAMBLE.sub("", "\n".join(texts[:DETECT_LINES])).lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "atom" if head.startswith("<feed") else None


def binary_kind(data: bytes) -> str | None:
    """What a file that is not text is ("a PDF", "binary data"), or None for text; text in
    UTF-16/32 has NUL bytes and is still text.

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), binary_kind("tïtle".encode())
    ('a PDF', 'binary data', None)
    """
    kind = next((name for mark, name in BINARY_SIGNATURES.items() if data.startswith(mark)), None)
    if kind:
        return kind
    head = data[:SNIFF_BYTES]
    if _marked_encoding(head) or _unmarked_wide_encoding(head):
        return None
    if b"\x00" in head:
        return "binary data"
    # A text in another 8-bit encoding (Latin-1) has a few bad bytes; random bytes have many.
    undecodable = head[: len(head) - 3].decode("utf-8", errors="replace").count("\ufffd")
    return "binary data" if undecodable > len(head) * 0.3 else None


def read_file(path: Path, fmt: str = "auto") -> tuple[list[Paper], list[Problem]]:
    """Papers and problems from one file, its format detected unless given."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(str(path), 0, f"cannot read: {error.strerror}")]
    return read_data(data, path.name, fmt)


def read_data(
    data: bytes, source: str, fmt: str = "auto", name: str = "", content_type: str = ""
) -> tuple[list[Paper], list[Problem]]:
    """Papers and problems from a file's bytes. ``source`` names them (a file name, an upload's
    original name, a URL); the suffix of ``name`` (default: ``source``) and a web server's
    ``content_type`` help detect the format unless ``fmt`` gives it."""
    binary = binary_kind(data)
    if binary:
        message = (
            f"{binary}, not text: nothing read (give BibTeX, JSON Lines, JSON, CSV, or a saved "
            "Hugging Face or arXiv page)"
        )
        return [], [Problem(source, 0, message)]
    problems: list[Problem] = []
    lines = decode(data, source, problems) if data.strip() else []
    if not problems and not any(line.strip() for _, line in lines):
        return [], [Problem(source, 0, "empty file")]
    fmt = _detect(Path(name or source), lines, content_type) if fmt == "auto" else fmt
    readers: dict[str, Callable[[], tuple[list[Paper], list[Problem]]]] = {
        "jsonl": lambda: read_jsonl(lines, source),
        "json": lambda: read_json_array(lines, source),
        "arxiv": lambda: read_jsonl(lines, source, arxiv=True),
        "csv": lambda: read_csv(lines, source),
        "listing": lambda: _read_listing(lines, source),
        "bibtex": lambda: _read_bibtex(lines, source),
        "html": lambda: _read_html(lines, source),
        "atom": lambda: _read_atom(lines, source),
    }
    papers, more = readers[fmt]()
    if not papers and not more and not problems:  # "--format bibtex" on a CSV: not one entry
        more = [Problem(source, 0, f"no {fmt} records found: is it another format?")]
    return papers, problems + more


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in {".txt", *SUFFIX_FORMATS, *JSON_SUFFIXES}
            )
        else:
            files.append(path)
    return files


def read_paths(paths: list[Path], fmt: str = "auto") -> tuple[list[Paper], list[Problem]]:
    """All papers from files and folders, one Paper per title (repeats across files merged)."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    files: list[Path] = []
    for path in paths:
        inside = expand_paths([path])
        if path.is_dir() and not inside:
            problems.append(Problem(str(path), 0, "a folder with no file to read in it"))
        files.extend(inside)
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), 0, "no such file"))
            continue
        found, issues = read_file(path, fmt)
        papers.extend(found)
        problems.extend(issues)
    return list(merge_duplicates(papers)), problems
