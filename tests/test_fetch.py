"""``rag ingest URL`` against a real HTTP server the test starts (serving the page fixtures, a
404, a binary, oversized bodies), and an unused port for a host that cannot be reached."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import free_port, make_settings

from rag.assistant import Assistant
from rag.cli import main
from rag.errors import InputError
from rag.fetch import fetch_page, read_sources, read_url

FIXTURES = Path(__file__).parent / "fixtures"
LIMIT = 100_000  # the size cap the tests fetch with; the big bodies are twice that
BIG = b"title,abstract\n" + b"x" * (2 * LIMIT)
LATIN1_PAGE = (
    "<!DOCTYPE html><html><head><meta name='citation_title' content='Caf\u00e9 Models'>"
    "<meta name='citation_abstract' content='Models of caf\u00e9 talk, na\u00efvely.'>"
    "</head></html>"
).encode("latin-1")

# path -> (status, content type, body); a body of None streams BIG with no Content-Length.
ROUTES: dict[str, tuple[int, str, bytes | None]] = {
    "/list/cs.CL/new": (
        200,
        "text/html; charset=utf-8",
        (FIXTURES / "arxiv_list_new.html").read_bytes(),
    ),
    "/papers?date=2024-05-17": (200, "text/html", (FIXTURES / "hf_daily_papers.html").read_bytes()),
    "/api/query?search_query=all:retrieval": (
        200,
        "application/atom+xml; charset=utf-8",
        (FIXTURES / "arxiv_query.xml").read_bytes(),
    ),
    "/export?format=bibtex": (
        200,
        "application/octet-stream",
        (FIXTURES / "zotero.bib").read_bytes(),
    ),
    "/latin1": (200, "text/html; charset=iso-8859-1", LATIN1_PAGE),
    "/blog": (200, "text/html", (FIXTURES / "not_papers.html").read_bytes()),
    "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    "/sneaky": (200, "text/plain", b"title,abstract\n\x00\x01\x02" + bytes(range(256)) * 4),
    "/big": (200, "text/csv", BIG),
    "/big-unsized": (200, "text/csv", None),
    "/broken": (500, "text/html", b"<html>Internal Server Error</html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/list/cs.CL/new")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", b"Not Found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # HTTP/1.0: without a Content-Length the body ends when the connection closes.
        self.wfile.write(BIG if body is None else body)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- reading pages --------------------------------------------------------------------------


def test_a_listing_is_fetched_and_its_papers_name_the_url(server):
    url = f"{server}/list/cs.CL/new"
    papers, problems = read_url(url)
    assert problems == []
    assert len(papers) == 3
    assert all(p.sources == [url] for p in papers)
    assert (
        papers[0].title == "Sparse Mixture-of-Experts Routing for Low-Resource Machine Translation"
    )


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/papers?date=2024-05-17", 2),  # text/html, no suffix: told by its content
        ("/api/query?search_query=all:retrieval", 2),  # application/atom+xml
        ("/export?format=bibtex", 3),  # octet-stream, but text: told by its content
        ("/moved", 3),  # a redirect is followed
    ],
)
def test_each_kind_of_page_is_detected_and_read(server, path, count):
    papers, _ = read_url(server + path)
    assert len(papers) == count
    assert {s for p in papers for s in p.sources} == {server + path}


def test_a_page_in_another_charset_is_decoded(server):
    [paper], problems = read_url(f"{server}/latin1")
    assert (paper.title, paper.abstract, problems) == (
        "Café Models",
        "Models of café talk, naïvely.",
        [],
    )


def test_a_page_without_papers_is_a_problem_not_an_error(server):
    papers, problems = read_url(f"{server}/blog")
    assert papers == []
    assert [p.message for p in problems] == [
        "no papers found in this page: is it a Hugging Face papers page, an arXiv listing or an "
        "arXiv API feed?"
    ]


# --- what goes wrong: one InputError naming the URL ------------------------------------------


def test_an_unreachable_host_says_the_network_may_be_off():
    url = f"http://127.0.0.1:{free_port()}/list/cs.CL/new"
    with pytest.raises(InputError) as caught:
        fetch_page(url, LIMIT, timeout=5)
    assert str(caught.value) == (
        f"could not reach {url}: connection refused; the network may be off — save the page and "
        "ingest the file instead"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "the server answered HTTP 404 Not Found; check the address"),
        ("/broken", "the server answered HTTP 500 Internal Server Error; check the address"),
        ("/logo.png", "it is image/png, not a text page of papers"),
        ("/sneaky", "it is binary data, not a text page of papers"),
        ("/big", "/big: 0.2 MB, over the limit of 0.1 MB: nothing read; split it, or raise"),
        ("/big-unsized", ": over the limit of 0.1 MB: nothing read; split it, or raise"),
    ],
)
def test_what_cannot_be_read_is_one_error_naming_the_url(server, path, expected):
    with pytest.raises(InputError) as caught:
        fetch_page(server + path, LIMIT, timeout=5)
    message = str(caught.value)
    assert message.startswith("could not ") and server + path in message
    assert expected in message
    assert "\n" not in message


def test_credentials_in_a_url_are_used_but_never_shown_or_stored(server):
    url = server.replace("://", "://ada:s3cret@") + "/list/cs.CL/new"
    papers, _ = read_url(url)
    assert {s for p in papers for s in p.sources} == {f"{server}/list/cs.CL/new"}
    unreachable = f"http://ada:s3cret@127.0.0.1:{free_port()}/papers"
    for address in (unreachable, url.replace("/list/cs.CL/new", "/missing")):
        with pytest.raises(InputError) as caught:
            fetch_page(address, LIMIT, timeout=5)
        assert "s3cret" not in str(caught.value) and "ada" not in str(caught.value)


def test_only_http_and_https_are_fetched():
    with pytest.raises(InputError, match="only http:// and https:// addresses can be fetched"):
        fetch_page("ftp://example.org/papers.bib")


def test_an_unreachable_url_stops_before_any_file_is_read(tmp_path, server):
    settings = make_settings(tmp_path, max_upload_mb=LIMIT / 1e6, fetch_timeout=5)
    (tmp_path / "good.bib").write_bytes((FIXTURES / "zotero.bib").read_bytes())
    papers, problems = read_sources(
        [tmp_path / "good.bib", f"{server}/list/cs.CL/new"], "auto", settings
    )
    assert len(papers) == 6 and len(problems) == 1  # the file's three and the page's three
    with pytest.raises(
        InputError, match=r"could not fetch .*/missing: the server answered HTTP 404"
    ):
        read_sources([tmp_path / "good.bib", f"{server}/missing"], "auto", settings)


# --- the CLI, into a real index ---------------------------------------------------------------


def test_rag_ingest_url_indexes_the_page_with_the_url_as_source(cli_env, server, capsys):
    url = f"{server}/list/cs.CL/new"
    assert main(["ingest", "--json", url]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["added"], report["skipped"], report["papers"]) == (3, 0, 3)
    assert main(["search", "--json", "--source", url, "mixture of experts translation"]) == 0
    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert hit["title"] == "Sparse Mixture-of-Experts Routing for Low-Resource Machine Translation"
    assert hit["metadata"]["sources"] == url
    assert main(["ingest", url]) == 0  # again: unchanged, not duplicated
    assert "added 0, updated 0, unchanged 3" in capsys.readouterr().out


def test_rag_ingest_of_an_unreachable_url_is_one_line_and_drops_nothing(cli_env, server, capsys):
    assert main(["ingest", f"{server}/api/query?search_query=all:retrieval"]) == 0
    capsys.readouterr()
    url = f"http://127.0.0.1:{free_port()}/papers"
    assert main(["ingest", "--rebuild", url]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == (
        f"error: could not reach {url}: connection refused; the network may be off — save the "
        "page and ingest the file instead"
    )
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["papers"] == 2  # the rebuild never dropped them


def test_the_assistant_ingests_urls_as_it_ingests_files(settings_factory, embedder, server):
    assistant = Assistant(settings_factory(), embedder=embedder)
    url = f"{server}/api/query?search_query=all:retrieval"
    summary = assistant.ingest([url])
    assert (summary.added, summary.skipped) == (2, 1)  # the feed's entry without a summary
    assert str(summary.problems[0]) == f"{url}:35: abstract missing; record skipped"
    with pytest.raises(InputError, match="could not reach"):
        assistant.ingest([f"http://127.0.0.1:{free_port()}/papers"])
    assert assistant.paper_count() == 2


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "[::1]"])
def test_public_only_refuses_this_machine_and_private_networks(server, host):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match="refusing to fetch from"):
        fetch_page(f"http://{host}:{port}/list/cs.CL/new", public_only=True)
    assert fetch_page(f"{server}/list/cs.CL/new").data  # the CLI's default: not limited
