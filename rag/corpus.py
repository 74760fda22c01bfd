"""Parse captured paper-listing pages (the bundled corpus) into Papers.

Two layouts occur (see data/seeds/README.md):
  * boilerplate, a date line such as ``Mar 21``, then title / blank / abstract / blanks;
  * no blank lines at all, title and abstract alternating, the first title glued to ``Subscribe``.
Both reduce to the same thing once blank lines and boilerplate are dropped: alternating
title and abstract lines. That is how both are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from rag.records import RECORD_KEPT, Paper, Problem, cap, paper_id_for

BOILERPLATE = {
    "new",
    "subscribe",
    "get trending papers in your email inbox!",
    "get trending papers in your email inbox once a day!",
    "byak and the research community",
}
DATE_LINE = re.compile(
    r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(, \d{4})?$"
)
URL = re.compile(r"https?://[^\s<>()\"']+")
# A title is one short line; an abstract is a paragraph. 400 characters sits between the two
# (longest title in the bundled corpus: ~200 characters; shortest abstract: several hundred).
MAX_TITLE_CHARS = 400
MIN_ABSTRACT_CHARS = 60  # a shorter line ending in a full stop is still taken for a title
# LaTeX's "$\sim$" loses its markup on listing pages: "by sim2.4 AP" means "by ~2.4 AP".
LOST_SIM = re.compile(r"\bsim(?=\d)")


def find_urls(text: str) -> list[str]:
    """URLs in an abstract, trailing punctuation removed.

    >>> find_urls("Code: https://github.com/a/b. Data at http://x.org/d,")
    ['https://github.com/a/b', 'http://x.org/d']
    """
    urls = [u.rstrip(".,;:") for u in URL.findall(text)]
    return list(dict.fromkeys(urls))


def looks_like_abstract(line: str) -> bool:
    """A paragraph, not a title: too long for a title, or a long line ending a sentence.

    >>> looks_like_abstract("Chinchilla: Training Compute-Optimal Large Language Models")
    False
    """
    if len(line) > MAX_TITLE_CHARS:
        return True
    return len(line) >= MIN_ABSTRACT_CHARS and line.rstrip().endswith((".", "!", "?", ")"))


def parse_listing(text: str, source: str) -> tuple[list[Paper], list[Problem]]:
    """Parse one listing page. Returns papers in page order and problems found."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    date = ""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("Subscribe") and line.casefold() != "subscribe":
            line = line[len("Subscribe") :].strip()  # the glued first title of layout 2
        if not line or line.casefold() in BOILERPLATE:
            continue
        if DATE_LINE.match(line) and not lines:
            date = line
            continue
        lines.append((number, line))

    i = 0
    while i < len(lines):
        number, title = lines[i]
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        if len(title) > MAX_TITLE_CHARS:
            problems.append(Problem(source, number, "paragraph without a title line; skipped"))
            i += 1
            continue
        if not looks_like_abstract(following):
            # Two title-like lines in a row: the first title lost its abstract.
            problems.append(Problem(source, number, f"title without an abstract: {title[:60]!r}"))
            i += 1
            continue
        following = LOST_SIM.sub("~", following)
        paper = Paper(
            id=paper_id_for(title),
            title=title,
            abstract=following,
            urls=find_urls(following),
            sources=[source],
            date=date,
        )
        note = cap(paper)
        if note:
            problems.append(Problem(source, lines[i + 1][0], f"{note}; {RECORD_KEPT}"))
        papers.append(paper)
        i += 2
    return papers, problems


def merge_duplicates(papers: Iterable[Paper]) -> Iterator[Paper]:
    """One Paper per id; sources of repeats are merged, the first abstract kept."""
    seen: dict[str, Paper] = {}
    for paper in papers:
        first = seen.get(paper.id)
        if first is None:
            seen[paper.id] = paper
            continue
        first.sources.extend(s for s in paper.sources if s not in first.sources)
        first.urls.extend(u for u in paper.urls if u not in first.urls)
        first.date = first.date or paper.date
    yield from seen.values()


def bundled_corpus_files(data_dir: Path | None = None) -> list[Path]:
    """The listing files indexed on first use: ``data_dir/seeds/*.txt``, or the corpus shipped
    as package data (``rag.data.seeds``) when ``data_dir`` is None."""
    # Installed as plain files (a wheel, or an editable checkout), so the resource is a path.
    folder = data_dir / "seeds" if data_dir else Path(str(resources.files("rag.data") / "seeds"))
    return sorted(folder.glob("*.txt"))
