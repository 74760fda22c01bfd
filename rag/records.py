"""The typed records that flow one way through the pipeline.

corpus/importers -> Paper -> chunking -> Chunk -> store -> retrieval -> Hit -> answer -> Answer
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from rag.errors import InputError


def normalise_title(title: str) -> str:
    """Fold a title to the form used for identity.

    >>> normalise_title("  BERT: Pre-training of Deep  Bidirectional Transformers ")
    'bert pre training of deep bidirectional transformers'
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(re.findall(r"\w+", text))


def chunk_id(paper_id: str, index: int) -> str:
    """>>> chunk_id("3f2a", 0)
    '3f2a:0'
    """
    return f"{paper_id}:{index}"


def paper_of_chunk(chunk_id: str) -> str:
    """The paper a chunk id belongs to (``chunk_id`` reversed).

    >>> paper_of_chunk("arxiv:2105.13626:3")
    'arxiv:2105.13626'
    """
    return chunk_id.rsplit(":", 1)[0]


def paper_id_for(title: str) -> str:
    """A stable id from the normalised title, so the same paper from two files is one paper."""
    return hashlib.sha1(normalise_title(title).encode()).hexdigest()[:16]


@dataclass
class Paper:
    """One paper: what every importer produces."""

    id: str
    title: str
    abstract: str
    urls: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    date: str = ""
    authors: str = ""
    categories: str = ""

    @property
    def content_hash(self) -> str:
        """Changes exactly when the text that gets embedded changes (title or abstract); a
        change to how it is chunked (rag.chunking) takes `rag ingest --rebuild`."""
        return hashlib.sha1(f"{self.title}\n{self.abstract}".encode()).hexdigest()[:16]


# What one record may cost. The longest abstract in the bundled corpus is about 2,800
# characters; 20,000 keeps any real abstract whole, while a 1 MB "abstract" (a pasted paper, a
# broken export) would otherwise become 1,270 chunks of embedding time and storage.
MAX_ABSTRACT_CHARS = 20_000
MAX_TITLE_CHARS = 400


def cap(paper: Paper) -> str:
    """Cut an oversized title or abstract to its limit, in place; returns a warning or "".

    >>> p = Paper("x", "T", "A sentence. " * 3000)
    >>> cap(p), len(p.abstract) <= MAX_ABSTRACT_CHARS
    ('abstract of 36,000 characters cut to the first 19,991 (the limit is 20,000)', True)
    """
    notes = []
    if len(paper.abstract) > MAX_ABSTRACT_CHARS:
        size = len(paper.abstract)
        cut = paper.abstract[:MAX_ABSTRACT_CHARS]
        end = cut.rfind(". ")  # end on a sentence where one ends near the limit
        paper.abstract = cut[: end + 1] if end > MAX_ABSTRACT_CHARS // 2 else cut
        notes.append(
            f"abstract of {size:,} characters cut to the first {len(paper.abstract):,} "
            f"(the limit is {MAX_ABSTRACT_CHARS:,})"
        )
    if len(paper.title) > MAX_TITLE_CHARS:
        notes.append(f"title of {len(paper.title):,} characters cut to {MAX_TITLE_CHARS}")
        paper.title = paper.title[:MAX_TITLE_CHARS]
    return "; ".join(notes)


RECORD_KEPT = "record kept"  # ends the note on a record read with a fault ("abstract cut")


@dataclass
class Problem:
    """A record that could not be read, with where it was."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    @property
    def skips(self) -> bool:
        """Whether the record was left out (a note on a record read all the same does not)."""
        return not self.message.endswith(RECORD_KEPT)


def skipped(problems: list[Problem]) -> int:
    return sum(p.skips for p in problems)


@dataclass
class Chunk:
    """A piece of one paper's abstract, the unit stored in Chroma."""

    id: str
    paper_id: str
    index: int
    text: str
    title: str

    @property
    def document(self) -> str:
        """What gets embedded and stored: the title travels with every chunk."""
        return f"{self.title}\n{self.text}"


@dataclass
class Hit:
    """One retrieved paper (best chunk kept)."""

    paper_id: str
    title: str
    score: float
    snippet: str
    chunk_index: int
    origin: str  # "dense", "lexical" or "both"
    dense_score: float = 0.0
    lexical_score: float = 0.0
    abstract: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
YEAR_FIRST = re.compile(r"\d{4}")


def check_date(text: str, flag: str) -> str:
    """A filter's date: a year, a month or a day, as ISO text (compared as strings).

    >>> check_date(" 2023 ", "since")
    '2023'
    >>> check_date("May 2023", "since")
    Traceback (most recent call last):
    rag.errors.InputError: since must be a year, month or day like 2023, 2023-05 or 2023-05-31 (got 'May 2023').
    >>> check_date("2021-13", "since")
    Traceback (most recent call last):
    rag.errors.InputError: since must be a year, month or day like 2023, 2023-05 or 2023-05-31 (got '2021-13').
    """
    text = (text or "").strip()
    if text and not (DATE.fullmatch(text) and _is_calendar_date(text)):
        raise InputError(
            f"{flag} must be a year, month or day like 2023, 2023-05 or 2023-05-31 (got {text!r})."
        )
    return text


def _is_calendar_date(text: str) -> bool:
    """Whether an ISO year, month or day exists ("2021-13" and "2023-02-30" do not)."""
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


@dataclass
class Filters:
    """Keep only papers whose metadata matches. Empty fields match everything.

    Dates are ISO text compared as strings; ``date_to`` is inclusive of everything it names
    (``date_to="2023"`` keeps 2023-12-31).

    >>> Filters(date_to="2023").accepts({"date": "2023-12-31"})
    True
    >>> Filters(date_from="2024").accepts({"date": "2023-12-31"})
    False
    """

    source: str = ""  # substring of a source file name
    category: str = ""  # one category, e.g. "cs.CL"
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def of(cls, since: str = "", until: str = "", source: str = "", category: str = "") -> Filters:
        """Filters from what a person typed (CLI, page, API): a bad date is an InputError."""
        date_from, date_to = check_date(since, "since"), check_date(until, "until")
        if date_from and date_to and date_from[: len(date_to)] > date_to:
            raise InputError(f"since ({date_from}) is after until ({date_to}): no date is both.")
        return cls((source or "").strip(), (category or "").strip(), date_from, date_to)

    def __bool__(self) -> bool:
        return bool(self.source or self.category or self.date_from or self.date_to)

    def accepts(self, meta: dict[str, Any]) -> bool:
        if self.source and self.source not in str(meta.get("sources", "")):
            return False
        if self.category and self.category not in str(meta.get("categories", "")).split():
            return False
        date = str(meta.get("date", ""))
        if (self.date_from or self.date_to) and not YEAR_FIRST.match(date):
            return False  # undated, or a listing's "Mar 21" (no year): no date range holds it
        if self.date_from and date < self.date_from:
            return False
        return not (self.date_to and date[: len(self.date_to)] > self.date_to)

    def describe(self) -> str:
        """>>> Filters(source="hf", date_from="2023").describe()
        'since 2023, source hf'
        """
        parts = [
            f"since {self.date_from}" if self.date_from else "",
            f"until {self.date_to}" if self.date_to else "",
            f"source {self.source}" if self.source else "",
            f"category {self.category}" if self.category else "",
        ]
        return ", ".join(p for p in parts if p)


@dataclass
class SearchResult:
    """Ranked papers and the verdict on whether the corpus can answer at all."""

    query: str
    hits: list[Hit]
    answerable: bool
    confidence: float
    topical: bool = False  # the question asks for the papers on a topic, not for a fact
    timings_ms: dict[str, float] = field(default_factory=dict)
    # What the filters mean for the result: why they leave no paper at all (told instead of an
    # answer), or the dates the question asked for ("Only papers published in 2021 ...").
    filter_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "answerable": self.answerable,
            "confidence": round(self.confidence, 4),
            "topical": self.topical,
            "hits": [h.to_dict() for h in self.hits],
            "timings_ms": self.timings_ms,
            "filter_note": self.filter_note,
        }
