"""Exports: Markdown with numbered references, BibTeX that BibTeX parsers read back (pybtex,
written independently of the bibtexparser that writes it), citation lines, and ``rag ask
--bib / --markdown`` through ``rag.cli.main``."""

from __future__ import annotations

import json

import bibtexparser
import pybtex.database
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from conftest import (
    WORKBENCH_PAPERS,
    WORKBENCH_QUESTION,
    build_workbench_index,
    make_answer,
    make_settings,
)
from markdown_it import MarkdownIt

from rag.answer import Source
from rag.cli import EXIT_USER_ERROR, main
from rag.conversations import Conversation, ConversationStore, Turn
from rag.export import (
    answer_markdown,
    bibtex,
    citation_key,
    citation_text,
    cited_sources,
    conversation_markdown,
)
from rag.records import Paper

BYT5 = WORKBENCH_PAPERS[0]["title"]


def parse(text: str) -> pybtex.database.BibliographyData:
    return pybtex.database.parse_string(text, "bibtex")


def source(title: str, authors: str = "", date: str = "", urls: tuple[str, ...] = ()) -> Source:
    return Source(1, "p", title, 0.5, "", True, "both", list(urls), authors=authors, date=date)


# --- BibTeX ---------------------------------------------------------------------------------


def test_an_arxiv_paper_becomes_a_misc_entry_with_its_eprint():
    links = ("https://github.com/x/y", "https://arxiv.org/pdf/1706.03762v7")
    authors = "Ashish Vaswani, Noam Shazeer and Niki Parmar"
    text = bibtex([source("Attention Is All You Need", authors, "2017-06-12", links)])
    entry = parse(text).entries["vaswani2017attention"]
    assert entry.type == "misc"
    assert [str(p) for p in entry.persons["author"]] == [
        "Vaswani, Ashish", "Shazeer, Noam", "Parmar, Niki"
    ]  # fmt: skip
    assert entry.fields["year"] == "2017"
    assert entry.fields["url"] == "https://arxiv.org/pdf/1706.03762v7"  # the paper, not its code
    assert (entry.fields["eprint"], entry.fields["archivePrefix"]) == ("1706.03762", "arXiv")


def test_without_a_date_the_year_comes_from_the_arxiv_id_and_else_is_left_out():
    from_id = parse(bibtex([source("Scaling Laws", "Jared Kaplan", "Jan 23",
                                   ("https://huggingface.co/papers/2001.08361",))]))  # fmt: skip
    assert from_id.entries["kaplan2020scaling"].fields["year"] == "2020"
    nothing = parse(bibtex([source("Protein Language Models", "", "Mar 21")]))
    [(key, entry)] = nothing.entries.items()
    assert key == "protein" and "year" not in entry.fields and "author" not in entry.persons


def test_clashing_keys_get_letters_and_a_paper_given_twice_is_written_once():
    papers = [
        source("Attention is all you need", "Ashish Vaswani", "2017"),
        source("Attention, again", "Ada Vaswani", "2017"),
        source("ATTENTION IS ALL YOU NEED", "Ashish Vaswani", "2017"),  # the first one again
        source("Attention three", "Al Vaswani", "2017"),
    ]
    keys = list(parse(bibtex(papers)).entries)
    assert keys == ["vaswani2017attentiona", "vaswani2017attentionb", "vaswani2017attentionc"]


HOSTILE = 'Q&A {braces} at 100% for _x_ #1 $y$, Müller-Łukasz <script>alert(1)</script> "q" 😀'


def test_special_characters_are_escaped_and_read_back_as_they_were():
    papers = [
        source(HOSTILE, "Zoë O'Brien, Łukasz Kaiser", "2024"),
        source("Tilde ~ caret ^ backslash-free", "Ann Lee", "2024"),
    ]
    text = bibtex(papers)
    assert len(parse(text).entries) == 2  # pybtex reads it as BibTeX does
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    first = library.entries[0]
    assert first["title"] == HOSTILE
    assert first["author"] == "Zoë O'Brien and Łukasz Kaiser"


def test_latex_in_arxiv_metadata_is_read_as_latex():
    paper = source(
        r"Fast {BERT} for Gr\"obner bases: 30% less", r"J\"urgen Schmidhuber, S. Hochreiter"
    )
    assert (
        citation_text(paper)
        == "Jürgen Schmidhuber, S. Hochreiter. Fast BERT for Gröbner bases: 30% less."
    )
    assert citation_key(paper) == "schmidhuberfast"
    entry = parse(bibtex([paper])).entries["schmidhuberfast"]
    assert str(entry.persons["author"][0]) == 'Schmidhuber, J\\"urgen'


def test_papers_from_the_index_work_as_well_as_sources():
    paper = Paper("id", "Dense Passage Retrieval", "...", urls=["https://arxiv.org/abs/2004.04906"],
                  authors="Vladimir Karpukhin, Barlas Oğuz", date="2020-04-10")  # fmt: skip
    assert list(parse(bibtex([paper])).entries) == ["karpukhin2020dense"]
    assert bibtex([]) == ""


# --- citation lines and Markdown --------------------------------------------------------------


def test_citation_text_is_one_line_with_what_is_known():
    many = source(
        "A Title", "A One, B Two, C Three, D Four", "2021", ("https://arxiv.org/abs/2101.00001",)
    )
    assert citation_text(many) == (
        "A One, B Two, C Three, et al. (2021). A Title. https://arxiv.org/abs/2101.00001"
    )
    assert citation_text(source("Does it work?")) == "Does it work?"
    assert citation_text(source("T", date="2020", urls=("javascript:alert(1)",))) == "(2020). T."


def test_a_conversation_has_one_numbering_for_all_its_references():
    first = make_answer("What is A?", "A does x [1]. B too [2].", [("Alpha", True), ("Beta", True)])
    second = make_answer(
        "And C?",
        "C does z [3], unlike B [1, 3].",
        [("Beta", True), ("Unused", False), ("Gamma", True)],
    )
    chat = Conversation("id", "alice", "Letters", "t", "t",
                        [Turn(a.question, a, "t") for a in (first, second)])  # fmt: skip
    text = conversation_markdown(chat)
    assert text.startswith("# Letters\n")
    assert "## What is A?\n\nA does x [1]. B too [2]." in text
    assert "## And C?\n\nC does z [3], unlike B [2, 3]." in text
    references = text.split("## References\n\n")[1].strip().splitlines()
    assert [line.split(". ", 1)[0] for line in references] == ["1", "2", "3"]
    assert ["Alpha" in references[0], "Beta" in references[1], "Gamma" in references[2]] == [
        True
    ] * 3
    assert "Unused" not in text


def test_markdown_shows_paper_text_as_text_and_fetches_nothing():
    answer = make_answer(
        "Is <b>this</b> *bold*?", "See ![x](http://evil.example/t.png) <img src=x onerror=y> [1].",
        [("<script>alert(1)</script> [click](javascript:x)", True)],
    )  # fmt: skip
    html = MarkdownIt("commonmark").render(answer_markdown(answer))  # raw HTML allowed
    for tag in ("<script", "<img", "<b>", "<em>", "<a "):
        assert tag not in html
    assert "<h1>Is &lt;b&gt;this&lt;/b&gt; *bold*?</h1>" in html


def test_an_answer_that_cites_nothing_lists_its_closest_papers_instead():
    answer = make_answer("Vitamin D?", "The indexed papers do not answer this question.",
                         [("Alpha", False)], abstained=True, outcome="not_covered")  # fmt: skip
    answer.sources[0].role = "closest"
    text = answer_markdown(answer)
    assert "## References" not in text and "*Closest papers:*\n\n- Ann Alpha, Bo Li (2023)" in text
    assert cited_sources(answer) == [] and bibtex(cited_sources(answer)) == ""


# --- the real pipeline ----------------------------------------------------------------------


def test_a_real_answer_exports_after_its_paper_left_the_index(tmp_path, embedder):
    """Saved answers carry what a reference needs: removing the paper loses nothing."""
    assistant = build_workbench_index(tmp_path, embedder)
    answer = assistant.ask(WORKBENCH_QUESTION)
    store = ConversationStore(assistant.settings.conversations_db)
    chat = store.create("alice")
    store.add_turn(chat.id, "alice", answer)
    cited = cited_sources(answer)
    assert [s.title for s in cited] == [BYT5]
    assert assistant.remove([cited[0].paper_id]) == 1
    assert BYT5 not in [h.title for h in assistant.search(WORKBENCH_QUESTION).hits]

    saved = ConversationStore(assistant.settings.conversations_db).get(chat.id, "alice")
    text = conversation_markdown(saved)
    assert "[1]" in text and "1. Linting Xue, Aditya Barua, Noah Constant, et al. (2021). " in text
    assert "<https://arxiv.org/abs/2105.13626>" in text
    entry = parse(bibtex(cited_sources(saved.turns[0].answer))).entries["xue2021byt5"]
    assert entry.fields["eprint"] == "2105.13626"
    assert len(entry.persons["author"]) == 5


@pytest.fixture
def cli_environment(clean_environment, monkeypatch, tmp_path, workbench_assistant):
    monkeypatch.setenv("RAG_INDEX_DIR", str(workbench_assistant.settings.index_dir))
    monkeypatch.setenv("RAG_ANSWER_MODE", "extractive")
    monkeypatch.chdir(tmp_path)  # no .env


def test_rag_ask_bib_prints_the_answer_then_the_bibtex(capsys, cli_environment):
    assert main(["ask", WORKBENCH_QUESTION, "--bib"]) == 0
    out = capsys.readouterr().out
    answer, bib = out.split("@misc", 1)
    assert "raw UTF-8 bytes" in answer and "Sources:" in answer
    assert list(parse("@misc" + bib).entries) == ["xue2021byt5"]


def test_rag_ask_markdown_prints_the_markdown_export(capsys, cli_environment):
    assert main(["ask", WORKBENCH_QUESTION, "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {WORKBENCH_QUESTION}\n\n")
    assert "[1]" in out and "## References\n\n1. Linting Xue" in out and "@misc" not in out


def test_rag_ask_json_bib_adds_the_bibtex_to_the_json(capsys, cli_environment):
    assert main(["ask", WORKBENCH_QUESTION, "--json", "--bib"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(parse(data["bibtex"]).entries) == ["xue2021byt5"]


def test_json_and_markdown_together_is_a_usage_error(capsys, cli_environment):
    with pytest.raises(SystemExit) as stopped:
        main(["ask", WORKBENCH_QUESTION, "--json", "--markdown"])
    assert stopped.value.code == EXIT_USER_ERROR
    assert "not allowed with" in capsys.readouterr().err


def test_the_settings_used_by_these_tests_keep_the_database_in_the_temp_folder(tmp_path):
    assert make_settings(tmp_path).conversations_db.parent == tmp_path
