"""Read papers from files: listing pages, JSON Lines, CSV and the arXiv metadata snapshot.

Every reader returns the good papers and a Problem (file, line, what) for each bad record; one
bad line never costs the rest of the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from rag.corpus import find_urls, merge_duplicates, parse_listing
from rag.records import Paper, Problem, cap, paper_id_for

FORMATS: tuple[str, ...] = ("auto", "listing", "jsonl", "csv", "arxiv")
ARXIV_KEYS = {"update_date", "categories", "authors"}
DETECT_LINES = 20


class PaperRecord(BaseModel):
    """One record as it crosses into the project from a JSONL/CSV/arXiv file."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    title: str
    abstract: str
    id: str = ""
    url: str = ""
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
            urls.insert(0, self.url)
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
    parts = []
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"]) or "record"
        parts.append(f"{field} {'missing' if item['type'] == 'missing' else item['msg']}")
    return "; ".join(parts)


def _decode_lines(data: bytes, source: str, problems: list[Problem]) -> list[tuple[int, str]]:
    """Decode line by line so one bad byte costs one line, not the file."""
    lines = []
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            lines.append((number, raw.decode("utf-8-sig" if number == 1 else "utf-8")))
        except UnicodeDecodeError as error:
            problems.append(
                Problem(source, number, f"not UTF-8 (byte {error.start}); line skipped")
            )
    return lines


def read_jsonl(data: bytes, source: str, arxiv: bool = False) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    papers: list[Paper] = []
    first_line: dict[str, int] = {}
    for number, line in _decode_lines(data, source, problems):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(source, number, f"broken JSON ({error.msg}); line skipped"))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(source, number, "not a JSON object; line skipped"))
            continue
        _add(raw, source, number, arxiv, papers, problems, first_line)
    return papers, problems


def read_csv(data: bytes, source: str) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    papers: list[Paper] = []
    first_line: dict[str, int] = {}
    lines = _decode_lines(data, source, problems)
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
        _add(raw, source, number, False, papers, problems, first_line)
    return papers, problems


def _add(
    raw: dict[str, object],
    source: str,
    number: int,
    arxiv: bool,
    papers: list[Paper],
    problems: list[Problem],
    first_line: dict[str, int],
) -> None:
    try:
        paper = PaperRecord.model_validate(raw).to_paper(source, arxiv)
    except ValidationError as error:
        problems.append(Problem(source, number, f"{_describe(error)}; record skipped"))
        return
    note = cap(paper)
    if note:
        problems.append(Problem(source, number, f"{note}; record kept"))
    if paper.id in first_line:
        problems.append(
            Problem(source, number, f"duplicate of line {first_line[paper.id]}; first kept")
        )
        return
    first_line[paper.id] = number
    papers.append(paper)


def detect_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in {".jsonl", ".json", ".ndjson"}:
        # The first record that parses decides: one damaged line must not hide the format.
        for line in [line for line in data.splitlines() if line.strip()][:DETECT_LINES]:
            try:
                first = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            return "arxiv" if isinstance(first, dict) and first.keys() >= ARXIV_KEYS else "jsonl"
        return "jsonl"
    return "listing"


def read_file(path: Path, fmt: str = "auto") -> tuple[list[Paper], list[Problem]]:
    """Papers and problems from one file, its format detected unless given."""
    source = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(str(path), 0, f"cannot read: {error.strerror}")]
    if not data.strip():
        return [], [Problem(source, 0, "empty file")]
    fmt = detect_format(path, data) if fmt == "auto" else fmt
    readers: dict[str, Callable[[], tuple[list[Paper], list[Problem]]]] = {
        "jsonl": lambda: read_jsonl(data, source),
        "arxiv": lambda: read_jsonl(data, source, arxiv=True),
        "csv": lambda: read_csv(data, source),
        "listing": lambda: _read_listing(data, source),
    }
    return readers[fmt]()


def _read_listing(data: bytes, source: str) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    decoded = dict(_decode_lines(data, source, problems))
    # A skipped line stays as an empty one, so later problems keep their line numbers.
    last = max(decoded, default=0)
    text = "\n".join(decoded.get(number, "") for number in range(1, last + 1))
    papers, more = parse_listing(text, source)
    return papers, problems + more


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in {".txt", ".jsonl", ".json", ".ndjson", ".csv"}
            )
        else:
            files.append(path)
    return files


def read_paths(paths: list[Path], fmt: str = "auto") -> tuple[list[Paper], list[Problem]]:
    """All papers from files and folders, one Paper per title (repeats across files merged)."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    for path in expand_paths(paths):
        if not path.exists():
            problems.append(Problem(str(path), 0, "no such file"))
            continue
        found, issues = read_file(path, fmt)
        papers.extend(found)
        problems.extend(issues)
    return list(merge_duplicates(papers)), problems
