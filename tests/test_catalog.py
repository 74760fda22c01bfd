"""The catalog of indexed papers (the lexical manifest), filters pushed down to both search
sides, and removal of a paper or a whole source: a real index, the real MiniLM embedder."""

from __future__ import annotations

import json
import sqlite3

import pytest

import rag.retrieval
from rag.assistant import Assistant
from rag.cli import main
from rag.errors import InputError
from rag.records import Filters, paper_id_for

PAPERS = [
    (
        "Zorblax adapters for tiny models",
        "Zorblax adapters cut fine-tuning memory by 7x.",
        "2024-05-02",
    ),
    (
        "An early zorblax study",
        "An early study found zorblax adapters save 2x memory.",
        "2021-01-01",
    ),
    ("Quantised zorblax kernels", "Quantised zorblax kernels run 3x faster on CPUs.", "2023-11"),
    ("Undated zorblax note", "A note on zorblax adapters without a date.", ""),
]


def write_jsonl(path, rows):
    path.write_text(
        "".join(json.dumps({"title": t, "abstract": a, "date": d}) + "\n" for t, a, d in rows)
    )
    return path


@pytest.fixture
def assistant(settings_factory, embedder, tmp_path):
    assistant = Assistant(settings_factory(), embedder=embedder)
    first = write_jsonl(tmp_path / "first.jsonl", PAPERS[:3])
    assistant.ingest([first, write_jsonl(tmp_path / "second.jsonl", PAPERS[2:])])
    return assistant


def test_a_paper_already_indexed_is_reported_not_duplicated(assistant, tmp_path):
    summary = assistant.ingest([write_jsonl(tmp_path / "third.jsonl", PAPERS[:1])])
    assert (summary.added, summary.unchanged) == (0, 1)
    assert assistant.catalog.count() == 4
    # It stays the paper of the files it came from first.
    assert assistant.catalog.papers(PAPERS[0][0])[0].sources == ["first.jsonl"]


def titles(result) -> set[str]:
    return {hit.title for hit in result.hits}


def test_catalog_lists_papers_sources_and_dates(assistant):
    catalog = assistant.catalog
    assert catalog.count() == 4
    by_title = {p.title: p for p in catalog.papers()}
    assert set(by_title) == {t for t, _, _ in PAPERS}
    assert by_title["Quantised zorblax kernels"].sources == ["first.jsonl", "second.jsonl"]
    assert by_title["An early zorblax study"].date == "2021-01-01"
    assert [p.title for p in catalog.papers("EARLY zorblax")] == ["An early zorblax study"]
    sources = {s.source: s.papers for s in catalog.sources()}
    assert sources == {"first.jsonl": 3, "second.jsonl": 2}


def test_a_changed_paper_keeps_when_it_was_added(assistant, tmp_path):
    before = {p.paper_id: p.added_at for p in assistant.catalog.papers()}
    changed = [(PAPERS[0][0], "Zorblax adapters now cut memory by 9x.", PAPERS[0][2])]
    summary = assistant.ingest([write_jsonl(tmp_path / "first.jsonl", changed)])
    assert summary.updated == 1
    after = {p.paper_id: p.added_at for p in assistant.catalog.papers()}
    assert after == before


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            Filters(date_from="2023"),
            {"Zorblax adapters for tiny models", "Quantised zorblax kernels"},
        ),
        (Filters(date_to="2023"), {"An early zorblax study", "Quantised zorblax kernels"}),
        (Filters(date_from="2023-11", date_to="2023-11"), {"Quantised zorblax kernels"}),
        (Filters(source="second"), {"Quantised zorblax kernels", "Undated zorblax note"}),
    ],
)
def test_filters_restrict_search_to_exactly_the_matching_papers(assistant, filters, expected):
    assert titles(assistant.search("zorblax adapters memory", k=8, filters=filters)) == expected
    assert assistant.catalog.count(filters) == len(expected)


def test_a_broad_filter_filters_a_larger_pool(assistant, monkeypatch):
    """More matching papers than the catalog hands to Chroma: candidates are filtered instead."""
    monkeypatch.setattr(rag.retrieval, "FILTER_AMONG", 1)
    result = assistant.search("zorblax adapters memory", k=8, filters=Filters(date_from="2023"))
    assert titles(result) == {"Zorblax adapters for tiny models", "Quantised zorblax kernels"}


def test_a_filter_that_leaves_no_paper_says_so(assistant):
    answer = assistant.ask("how much memory do zorblax adapters save?", filters=Filters.of("2030"))
    assert answer.sources == [] and answer.outcome == "not_covered"
    assert answer.text.startswith("No indexed paper matches the filters (since 2030)")


def test_dates_a_person_types_are_checked():
    assert Filters.of(" 2023 ", "2024-02").date_to == "2024-02"
    assert Filters.of("2024-02-29", "2024").date_from == "2024-02-29"  # a leap day
    assert Filters.of("2023-05", "2023").date_to == "2023"  # May 2023 is within 2023
    with pytest.raises(InputError, match="since must be a year"):
        Filters.of("last May")
    for day in ("2021-13", "2023-02-30", "2023-00"):  # the shape of a date, but no such date
        with pytest.raises(InputError, match="since must be a year"):
            Filters.of(day)
    with pytest.raises(InputError, match=r"since \(2022\) is after until \(2019\)"):
        Filters.of("2022", "2019")


def test_remove_a_source_keeps_papers_another_source_has(assistant):
    removed, kept = assistant.remove_source("first.jsonl")
    assert (removed, kept) == (2, 1)
    left = {p.title for p in assistant.catalog.papers()}
    assert left == {"Quantised zorblax kernels", "Undated zorblax note"}
    found = titles(assistant.search("zorblax adapters memory 7x", k=8))
    assert "Zorblax adapters for tiny models" not in found
    assert set(assistant.store.paper_hashes()) == {paper_id_for(t) for t in left}
    assert assistant.remove_source("first.jsonl") == (0, 1)
    with pytest.raises(InputError, match="no papers came from"):
        assistant.remove_source("first")  # a part of a name is not a source


def test_one_paper_with_its_abstract(assistant):
    paper = assistant.paper(paper_id_for(PAPERS[1][0]))
    assert paper["abstract"] == PAPERS[1][1] and paper["sources"] == ["first.jsonl"]
    with pytest.raises(InputError, match="no paper with id"):
        assistant.paper("nope")


def test_a_manifest_of_hashes_only_is_rebuilt_with_the_catalog(assistant, embedder):
    """An index from before the catalog: its next start fills the catalog from Chroma."""
    manifest = assistant.retriever.lexical_index.manifest_path()
    with sqlite3.connect(manifest) as db:
        db.execute("DROP TABLE papers")
        db.execute("CREATE TABLE papers (paper_id TEXT PRIMARY KEY, content_hash TEXT)")
        db.executemany("INSERT INTO papers VALUES (?, ?)", assistant.store.paper_hashes().items())
    again = Assistant(assistant.settings, embedder=embedder)
    assert again.catalog.count() == 0  # the old table is dropped on open
    again.ensure_index()
    assert {p.title for p in again.catalog.papers()} == {t for t, _, _ in PAPERS}


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_papers_filters_and_remove(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "cli-index"))
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "mine.jsonl", PAPERS)
    assert main(["ingest", "mine.jsonl"]) == 0
    capsys.readouterr()
    assert main(["papers", "zorblax", "--since", "2023", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["total"] == 2
    assert main(["papers", "--sources"]) == 0
    assert "mine.jsonl" in capsys.readouterr().out
    assert main(["ask", "zorblax memory", "--until", "1999"]) == 0
    assert "No indexed paper matches the filters (until 1999)" in capsys.readouterr().out
    assert main(["search", "zorblax", "--since", "May"]) == 2
    assert capsys.readouterr().err.startswith("error: since must be a year")
    named = paper_id_for(PAPERS[0][0])
    assert main(["remove", named, named, "nope"]) == 0  # an id named twice is one paper
    out = capsys.readouterr().out
    assert "1 of the ids named no indexed paper" in out and "Removed 1 paper." in out
    assert main(["remove", "--source", "mine.jsonl"]) == 0
    assert "Removed 3 papers." in capsys.readouterr().out
    assert main(["remove"]) == 2
