"""Files uploaded in the UI: read_upload names papers by the file's own name, refuses binary and
oversized files whole, keeps HTML in titles and abstracts as text; Assistant.add_papers indexes
what it read."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from rag.assistant import Assistant
from rag.uploads import read_upload

FIXTURES = Path(__file__).parent / "fixtures"
ABSTRACT = "We pre-train a compact encoder on scientific text and evaluate it on retrieval."
HOSTILE_TITLE = (
    '<script>alert("x")</script> <b>Bold</b> &amp; "quoted" <img src=x onerror=alert(1)>'
)
HOSTILE_ABSTRACT = (
    "Results: <i>p &lt; 0.05</i> & 5% better; see <a href='javascript:alert(1)'>here</a>."
)


def saved(tmp_path: Path, name: str, content: bytes | str) -> Path:
    """An upload as Gradio keeps it: a folder of its own, the original name last."""
    folder = tmp_path / "gradio" / "0f3c9a"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_papers_are_named_by_the_uploaded_name_not_the_temporary_path(tmp_path):
    path = saved(tmp_path, "upload.tmp", (FIXTURES / "zotero.bib").read_bytes())
    papers, problems = read_upload(path, "My Library.bib")
    assert len(papers) == 3
    assert {s for p in papers for s in p.sources} == {"My_Library.bib"}  # one source, not two
    assert [p.file for p in problems] == ["My_Library.bib"]


@pytest.mark.parametrize(
    ("name", "kept"), [("C:\\Users\\ada\\refs.bib", "refs.bib"), ("/home/ada/refs.bib", "refs.bib")]
)
def test_a_path_sent_as_the_name_keeps_only_the_file_name(tmp_path, name, kept):
    path = saved(tmp_path, "refs.bib", (FIXTURES / "zotero.bib").read_bytes())
    papers, _ = read_upload(path, name)
    assert papers[0].sources == [kept]


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("hf_daily_papers.html", 2),
        ("arxiv_list_new.html", 3),
        ("arxiv_query.xml", 2),
    ],
)
def test_saved_pages_are_detected_even_under_another_name(tmp_path, name, count):
    path = saved(tmp_path, "download", (FIXTURES / name).read_bytes())
    assert len(read_upload(path, "download")[0]) == count  # no suffix: told by the content
    assert len(read_upload(path, name)[0]) == count


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01", "a PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        (b'{"title": "A", "abstract": "B"}\n\x00\x00\x00\x00', "binary data"),
        (bytes(range(128, 256)) * 40, "binary data"),  # not decodable as UTF-8 at all
    ],
)
def test_a_binary_upload_is_refused_whole_with_one_problem(tmp_path, content, kind):
    path = saved(tmp_path, "papers.jsonl", content)
    papers, problems = read_upload(path, "papers.jsonl")
    assert papers == []
    assert [(p.file, p.line) for p in problems] == [("papers.jsonl", 0)]
    assert problems[0].message.startswith(f"{kind}, not text: nothing read")


def test_text_in_utf16_is_not_taken_for_binary(tmp_path):
    record = json.dumps({"title": "Ünïcode title", "abstract": ABSTRACT}) + "\n"
    path = saved(tmp_path, "papers.jsonl", codecs.BOM_UTF16_LE + record.encode("utf-16-le"))
    papers, problems = read_upload(path, "papers.jsonl")
    assert ([p.title for p in papers], problems) == (["Ünïcode title"], [])


def test_an_upload_over_the_limit_is_refused_before_it_is_read(tmp_path, settings_factory):
    settings = settings_factory(max_upload_mb=0.05)
    path = saved(tmp_path, "big.csv", "title,abstract\n" + f"A title,{ABSTRACT}\n" * 1000)
    papers, problems = read_upload(path, "big.csv", settings.max_upload_bytes)
    assert papers == []
    assert [(p.file, p.line, p.message) for p in problems] == [
        (
            "big.csv",
            0,
            "88,015 bytes, over the limit of 50,000 bytes: nothing read; split it, or raise "
            "RAG_MAX_UPLOAD_MB",
        )
    ]


def test_an_empty_upload(tmp_path):
    assert read_upload(saved(tmp_path, "e.bib", ""), "e.bib")[1][0].message == "empty file"


def test_html_in_jsonl_csv_and_bibtex_titles_and_abstracts_is_kept_whole(tmp_path):
    jsonl = json.dumps({"title": HOSTILE_TITLE, "abstract": HOSTILE_ABSTRACT}) + "\n"
    csv_text = 'title,abstract\n"{}","{}"\n'.format(
        HOSTILE_TITLE.replace('"', '""'), HOSTILE_ABSTRACT.replace('"', '""')
    )
    bib = (
        f"@article{{h,\n  title = {{{HOSTILE_TITLE}}},\n  abstract = {{{HOSTILE_ABSTRACT}}},\n}}\n"
    )
    for name, content in (("a.jsonl", jsonl), ("a.csv", csv_text), ("a.bib", bib)):
        [paper], problems = read_upload(saved(tmp_path, name, content), name)
        assert (paper.title, paper.abstract, problems) == (HOSTILE_TITLE, HOSTILE_ABSTRACT, []), (
            name
        )


def test_an_upload_is_indexed_once_and_found_at_once(tmp_path, settings_factory, embedder):
    assistant = Assistant(settings_factory(), embedder=embedder)
    path = saved(tmp_path, "upload.bin", (FIXTURES / "arxiv_list_new.html").read_bytes())
    first = assistant.add_papers(*read_upload(path, "cs.CL new.html"))
    assert (first.added, first.skipped, first.problems) == (3, 0, [])
    hit = assistant.search("routing tokens to experts for low-resource translation").hits[0]
    assert hit.title == "Sparse Mixture-of-Experts Routing for Low-Resource Machine Translation"
    assert hit.metadata["sources"] == "cs.CL_new.html"  # one source name, spaces and all
    again = assistant.add_papers(*read_upload(path, "cs.CL new.html"))
    assert (again.added, again.updated, again.unchanged, again.chunks_embedded) == (0, 0, 3, 0)
    assert assistant.paper_count() == 3
    broken = saved(tmp_path, "refs.bib", "@article{x,\n title = {Oops\n")
    summary = assistant.add_papers(*read_upload(broken, "refs.bib"))
    assert (summary.added, summary.skipped) == (0, 1)
    assert str(summary.problems[0]).startswith("refs.bib:1: broken entry 'x'")
    assert assistant.paper_count() == 3  # nothing lost
