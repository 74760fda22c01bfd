"""BibTeX files: what Zotero, Mendeley and JabRef export, broken entries, hostile input, and the
same file ingested twice through the real CLI into a real index."""

from __future__ import annotations

import json
from pathlib import Path

from rag.bibtex import read_bibtex
from rag.cli import main
from rag.importers import detect_format, read_file
from rag.records import MAX_ABSTRACT_CHARS

FIXTURES = Path(__file__).parent / "fixtures"
ABSTRACT = "We pre-train a compact encoder on scientific text and evaluate it on retrieval."


def entry(key: str, title: str, abstract: str | None = ABSTRACT, **fields: str) -> str:
    lines = [f"@article{{{key},", f"  title = {{{title}}},"]
    if abstract is not None:
        lines.append(f"  abstract = {{{abstract}}},")
    lines += [f"  {name} = {{{value}}}," for name, value in fields.items()]
    return "\n".join([*lines, "}", ""])


def titles(papers) -> list[str]:
    return [p.title for p in papers]


# --- good files -----------------------------------------------------------------------------


def test_a_zotero_export_is_read_with_its_fields():
    papers, problems = read_file(FIXTURES / "zotero.bib")
    bert, attention, dialects = papers
    assert bert.title == (
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    )
    assert "pushing the GLUE score to 80.5% (7.7% point absolute improvement) & MultiNLI" in (
        bert.abstract
    )
    assert bert.authors == "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova"
    assert bert.date == "2019-06"
    assert bert.urls == [
        "https://aclanthology.org/N19-1423",
        "https://doi.org/10.18653/v1/N19-1423",
    ]
    assert bert.sources == ["zotero.bib"]
    assert "https://arxiv.org/abs/1706.03762" in attention.urls
    assert attention.categories == "cs.CL"
    assert attention.authors.startswith("Ashish Vaswani, Noam Shazeer, Niki Parmar")
    # LaTeX accents and dashes decoded; a braced corporate author kept whole.
    assert dialects.title == "Neural Übersetzung für Dialekte: Zürichdeutsch – Hochdeutsch"
    assert dialects.authors == "Jürgen Schön, Anna Müller-Brandt, Swiss Language Lab"
    assert dialects.date == "2021-03-15"
    assert [(p.line, p.message) for p in problems] == [
        (48, "entry 'no_abstract_2020': abstract missing; record skipped")
    ]


def test_a_jabref_file_with_strings_comments_and_a_preamble():
    text = (
        "% This file was created with JabRef 5.12.\n"
        "% Encoding: UTF-8\n"
        "\n"
        '@String{acl = "Proceedings of ACL"}\n'
        '@Preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "\n"
        "@InProceedings{Okafor2024,\n"
        "  author    = {Okafor, Adaeze and van der Berg, Hans and others},\n"
        "  title     = {Sparse Routing for Low-Resource Translation},\n"
        "  booktitle = acl,\n"
        "  year      = {2024},\n"
        "  month     = {5},\n"
        f"  abstract  = {{{ABSTRACT}}},\n"
        "}\n"
        "\n"
        "@Comment{jabref-meta: databaseType:bibtex;}\n"
    )
    assert detect_format(Path("library.txt"), text.encode()) == "bibtex"
    papers, problems = read_bibtex(text, "library.bib")
    assert problems == []
    [paper] = papers  # the @String, @Preamble and @Comment are not papers
    assert paper.authors == "Adaeze Okafor, Hans van der Berg, et al."
    assert paper.date == "2024-05"


def test_bare_percent_and_ampersand_are_text_not_latex():
    # Mendeley and hand-written files leave them unescaped: to LaTeX, % starts a comment.
    text = entry(
        "m", "Cheap & Fast -- a {BERT} study", "Accuracy rises 5% over the baseline & more."
    )
    [paper], problems = read_bibtex(text, "mendeley.bib")
    assert (paper.title, paper.abstract) == (
        "Cheap & Fast – a BERT study",
        "Accuracy rises 5% over the baseline & more.",
    )
    assert problems == []


def test_links_from_doi_and_arxiv_eprints():
    text = entry(
        "a",
        "Paper A",
        doi="https://doi.org/10.1000/xyz",
        eprint="2405.12345",
        archivePrefix="arXiv",
    ) + entry("b", "Paper B", eprint="2101.00001", eprinttype="arxiv", url="https://example.org/b")
    a, b = read_bibtex(text, "links.bib")[0]
    assert a.urls == ["https://doi.org/10.1000/xyz", "https://arxiv.org/abs/2405.12345"]
    assert b.urls == ["https://example.org/b", "https://arxiv.org/abs/2101.00001"]


# --- broken entries: a Problem with the entry's first line; the good entries still read ------


def test_broken_entries_name_their_line_and_the_rest_is_read():
    text = (
        entry("good1", "First good paper")  # lines 1-4
        + "\n"  # line 5
        + "@article{broken,\n  title = {Unterminated {brace,\n  abstract = {Lost}\n}\n"  # 6-9
        + "\n"  # 10
        + entry("good2", "Second good paper")  # 11-14
        + f"@article{{untitled,\n  abstract = {{{ABSTRACT}}},\n}}\n"  # 15-17
        + "@misc{tail,\n  title = {Never closed\n"  # 18-19
    )
    papers, problems = read_bibtex(text, "refs.bib")
    assert titles(papers) == ["First good paper", "Second good paper"]
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (6, "broken entry 'broken'"),
        (15, "entry 'untitled': title missing; record skipped"),
        (18, "broken entry 'tail'"),
    ]
    assert "Unexpectedly reached end of file" in problems[2].message


def test_a_duplicate_key_or_field_costs_no_paper():
    text = (
        entry("smith2020", "One paper")
        + entry("smith2020", "Another paper under the same key")
        + entry("twice", "First title wins", year="2020").replace("year", "title = {Later}, year")
        + entry("same", "One paper")  # the same title again: one paper, and said so
    )
    papers, problems = read_bibtex(text, "dups.bib")
    assert titles(papers) == ["One paper", "Another paper under the same key", "First title wins"]
    assert [(p.line, p.message) for p in problems] == [
        (14, "entry 'same': duplicate of line 1; first kept")
    ]


# --- hostile input -----------------------------------------------------------------------------


def test_html_and_script_in_titles_and_abstracts_are_kept_as_text():
    title = '<script>alert("x")</script> <b>Bold</b> &amp; <img src=x onerror=alert(1)>'
    abstract = "An abstract with <a href='javascript:alert(1)'>a link</a> & an <iframe>."
    [paper], problems = read_bibtex(entry("h", title, abstract), "hostile.bib")
    assert paper.title == title  # the UI escapes it on display; nothing is lost here
    assert paper.abstract == abstract
    assert problems == []


def test_unbalanced_braces_and_runaway_latex_do_not_hang_or_lose_the_rest():
    text = (
        "@article{open, title = " + "{" * 50_000 + "\n"
        "@article{deep, title = {Deep}, abstract = {" + "{" * 5_000 + "}" * 5_000 + "}}\n"
        "@article{dollars, title = {Dollars}, abstract = {"
        + "$" * 200_001
        + "}}\n"
        + entry("fine", "Still read")
    )
    papers, problems = read_bibtex(text, "hostile.bib")
    assert "Still read" in titles(papers)
    assert problems[0].line == 1 and "broken entry 'open'" in problems[0].message
    assert all(len(p.abstract) <= MAX_ABSTRACT_CHARS for p in papers)


def test_a_binary_file_named_bib_is_refused_whole(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    papers, problems = read_file(path)
    assert papers == []
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(0, "binary data, not text")]


# --- the CLI, into a real index ---------------------------------------------------------------


def test_the_same_bibtex_ingested_twice_is_unchanged_not_duplicated(cli_env, capsys):
    library = cli_env / "My Library.bib"
    library.write_bytes((FIXTURES / "zotero.bib").read_bytes())
    assert main(["ingest", "--json", str(library)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["added"], first["unchanged"], first["skipped"], first["papers"]) == (3, 0, 1, 3)
    assert first["problems"] == [
        "My Library.bib:48: entry 'no_abstract_2020': abstract missing; record skipped"
    ]
    assert main(["ingest", "--json", str(library)]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 0, 3)
    assert second["chunks_embedded"] == 0 and second["papers"] == 3

    assert (
        main(["search", "--json", "--source", "My Library.bib", "Zürichdeutsch Übersetzung"]) == 0
    )
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits[0]["title"] == "Neural Übersetzung für Dialekte: Zürichdeutsch – Hochdeutsch"


def test_a_broken_bibtex_file_prints_its_lines_and_keeps_the_good_entries(cli_env, capsys):
    (cli_env / "refs.bib").write_text(
        entry("good", "A good paper about sparse retrieval")
        + "@article{broken,\n  title = {Oops,\n"
        + entry("good2", "Another good paper about dense retrieval")
    )
    assert main(["ingest", "refs.bib"]) == 0
    out = capsys.readouterr()
    assert "warning: refs.bib:5: broken entry 'broken'" in out.err
    assert "added 2" in out.out
