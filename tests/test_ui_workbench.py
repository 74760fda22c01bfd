"""The workbench's API: every page action as a named Gradio endpoint, driven with
``gradio_client`` against a real server over a real (small) index: add papers by upload, list
and remove them, ask with filters, export an answer, rate it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from conftest import free_port, make_settings
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from test_fetch import FIXTURES, server  # noqa: F401 (a fixture: a local HTTP server of pages)

from rag.assistant import Assistant
from rag.feedback import FeedbackStore
from rag.records import paper_id_for
from rag.ui.app import CSS, HEAD, create_app

API_TIMEOUT = 180  # seconds: a hang guard for one call, not a speed assertion
PAPERS = [
    {"title": "Quokka lattices for migration forecasting", "date": "2024-03-01",
     "authors": "Ada Lovelace, Alan Turing", "url": "https://arxiv.org/abs/2403.00001",
     "abstract": "Quokka lattices forecast quokka migration with 93% accuracy on the census."},
    {"title": "An early quokka census", "date": "2019-07-15", "authors": "Grace Hopper",
     "abstract": "The early quokka census counted 12,000 quokkas on Rottnest island."},
]  # fmt: skip
NEW = {
    "title": "Wombat burrow acoustics",
    "date": "2025-01-10",
    "authors": "Edsger Dijkstra",
    "abstract": "Wombat burrows resonate at 48 Hz, which wombats use to find each other.",
}
WOMBAT_QUESTION = "At what frequency do wombat burrows resonate?"


def write_jsonl(path: Path, rows: list[dict[str, Any]], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra)
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory, embedder) -> Iterator[tuple[Client, Assistant, Path]]:
    root = tmp_path_factory.mktemp("workbench")
    # The test's pages are served from 127.0.0.1: allowed here, refused by default (below).
    settings = make_settings(root, answer_mode="extractive", ui_fetch_private=True)
    assistant = Assistant(settings, embedder=embedder)
    assistant.ingest([write_jsonl(root / "quokka.jsonl", PAPERS)])
    app = create_app(assistant, settings)
    app.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
        css=CSS, head=HEAD, show_error=False, quiet=True,
    )  # fmt: skip
    client = Client(app.local_url, verbose=False)
    try:
        yield client, assistant, root
    finally:
        client.close()
        app.close(verbose=False)


def call(client: Client, *args: Any, api_name: str) -> Any:
    return client.submit(*args, api_name=api_name).result(timeout=API_TIMEOUT)


def ask(client: Client, question: str, since: str = "", until: str = "", source: str = "") -> Any:
    return call(client, question, 5, "extractive", since, until, source, "", api_name="/ask")


def test_every_page_action_is_a_named_endpoint(served):
    client, _, _ = served
    info = client.view_api(print_info=False, return_format="dict")
    assert set(info["named_endpoints"]) == {
        "/ask", "/export", "/feedback", "/papers", "/paper", "/remove_paper",
        "/remove_source", "/add_papers", "/add_url",
    }  # fmt: skip
    params = [p["parameter_name"] for p in info["named_endpoints"]["/ask"]["parameters"]]
    assert params == ["question", "k", "mode", "since", "until", "source", "category"]


def test_upload_then_ask_about_the_new_paper_at_once(served, tmp_path):
    client, assistant, _ = served
    upload = write_jsonl(tmp_path / "wombats.jsonl", [NEW], extra='{"title": "broken\n')
    report = call(client, [handle_file(str(upload))], api_name="/add_papers")
    assert "**Added 1**" in report and "wombats.jsonl:2" in report  # the bad line, named
    answer = ask(client, WOMBAT_QUESTION)
    assert answer["citations"][0]["title"] == NEW["title"] and "48 Hz" in answer["answer"]
    again = call(client, [handle_file(str(upload))], api_name="/add_papers")
    assert "**Added 0**" in again and "already indexed 1" in again
    summary, table, _ = call(client, "wombat", "", api_name="/papers")
    assert summary.startswith("**1** of")
    assert table["data"][0][0] == NEW["title"] and table["data"][0][2] == "wombats.jsonl"
    assert assistant.catalog.count() == 3


def test_a_binary_upload_is_refused_and_nothing_is_lost(served, tmp_path):
    client, assistant, _ = served
    before = assistant.paper_count()
    binary = tmp_path / "picture.jsonl"
    binary.write_bytes(bytes(range(256)) * 64)
    report = call(client, [handle_file(str(binary))], api_name="/add_papers")
    assert "**Added 0**" in report and "picture.jsonl" in report
    assert assistant.paper_count() == before


def test_filters_by_date_and_source(served):
    client, _, _ = served
    recent = ask(client, "How many quokkas did the census count?", since="2023")
    assert {s["title"] for s in recent["sources"]} <= {PAPERS[0]["title"], NEW["title"]}
    early = ask(client, "How many quokkas did the census count?", until="2020")
    assert [s["title"] for s in early["sources"]] == [PAPERS[1]["title"]]
    assert "12,000" in early["answer"]
    none = ask(client, "How many quokkas did the census count?", since="2031")
    assert none["answer"].startswith("No indexed paper matches the filters (since 2031)")
    with pytest.raises(AppError, match="since must be a year"):
        ask(client, "quokkas?", since="last spring")


def test_export_an_answer_as_markdown_and_bibtex(served):
    client, _, _ = served
    answer = ask(client, "How accurately do quokka lattices forecast migration?")
    assert answer["citations"], answer["answer"]
    markdown = call(client, answer, "markdown", api_name="/export")
    assert "## References" in markdown or "References" in markdown
    assert PAPERS[0]["title"] in markdown
    bib = call(client, answer, "bibtex", api_name="/export")
    library = bibtexparser.parse_string(bib)
    (entry,) = library.entries
    assert entry["eprint"] == "2403.00001" and "Lovelace" in entry["author"]
    with pytest.raises(AppError, match="format must be"):
        call(client, answer, "docx", api_name="/export")


def test_feedback_is_stored_and_exported_as_eval_questions(served, tmp_path, capsys):
    client, assistant, _ = served
    answer = ask(client, "How accurately do quokka lattices forecast migration?")
    call(client, answer, "up", "right paper", api_name="/feedback")
    call(client, answer, "down", "", api_name="/feedback")
    with pytest.raises(AppError, match="rating"):
        call(client, answer, "meh", "", api_name="/feedback")
    stored = FeedbackStore(assistant.settings.conversations_db).list()
    assert sorted(f.rating for f in stored) == ["down", "up"]


def test_remove_a_paper_and_a_source_from_answers_at_once(served, tmp_path):
    client, assistant, _ = served
    extra = write_jsonl(tmp_path / "gone.jsonl", [{**NEW, "title": "Numbat tunnels", "abstract":
        "Numbat tunnels are 2 metres long on average."}])  # fmt: skip
    call(client, [handle_file(str(extra))], api_name="/add_papers")
    assert ask(client, "How long are numbat tunnels?")["citations"]
    _, _, _, message = call(client, "", "gone.jsonl", api_name="/remove_source")
    assert "Removed 1 paper of gone.jsonl." in message
    cited = ask(client, "How long are numbat tunnels?")["citations"]
    assert all(c["title"] != "Numbat tunnels" for c in cited)
    pid = paper_id_for(PAPERS[1]["title"])
    paper = call(client, pid, api_name="/paper")
    assert "12,000 quokkas" in paper
    *_, message = call(client, pid, "", "", api_name="/remove_paper")
    assert "Removed 1 paper." in message
    assert pid not in {p.paper_id for p in assistant.catalog.papers()}


def test_by_default_an_upload_over_the_cap_and_a_private_url_are_refused(tmp_path, embedder):
    settings = make_settings(tmp_path, answer_mode="extractive", max_upload_mb=0.01)  # 10 kB
    assistant = Assistant(settings, embedder=embedder)
    app = create_app(assistant, settings)
    app.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
               quiet=True)  # fmt: skip
    client = Client(app.local_url, verbose=False)
    try:
        big = write_jsonl(tmp_path / "big.jsonl", [NEW] * 200)  # 30 kB of good records
        report = call(client, [handle_file(str(big))], api_name="/add_papers")
        assert "**Added 0**" in report and "big.jsonl" in report
        assert assistant.paper_count() == 0
        # By default the URL box does not fetch from this machine or a private network.
        with pytest.raises(AppError, match=r"refusing to fetch from 127\.0\.0\.1"):
            call(client, "http://127.0.0.1:9/list", api_name="/add_url")
    finally:
        client.close()
        app.close(verbose=False)


def test_add_papers_from_a_page_by_url_and_a_clear_error_when_unreachable(served, server):  # noqa: F811
    client, assistant, _ = served
    report = call(client, f"{server}/list/cs.CL/new", api_name="/add_url")
    assert "**Added 3**" in report
    found = {p.title for p in assistant.catalog.papers("Sparse Mixture-of-Experts Routing")}
    assert found == {"Sparse Mixture-of-Experts Routing for Low-Resource Machine Translation"}
    with pytest.raises(AppError, match=r"could not reach http://127\.0\.0\.1:"):
        call(client, f"http://127.0.0.1:{free_port()}/list", api_name="/add_url")


def test_a_broken_bibtex_upload_names_the_entry_and_adds_the_rest(served, tmp_path):
    client, assistant, _ = served
    bib = tmp_path / "library.bib"
    good = (FIXTURES / "zotero.bib").read_text()
    bib.write_text("@article{broken_2020,\n  title = {Unclosed {brace},\n\n" + good)
    report = call(client, [handle_file(str(bib))], api_name="/add_papers")
    assert "library.bib:1" in report and "broken_2020" in report
    assert "**Added 3**" in report or "already indexed" in report
    assert assistant.catalog.papers("Attention Is All You Need")
