"""What a user gets wrong gets one clear error, and what a user does by habit (piping into
``head``, Ctrl-C) ends quietly: found by a helper using the CLI and the Python API as a
researcher would (stop 28). Real index, real ``rag`` process where the shell is involved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_settings

import rag.cli
from rag.assistant import Assistant
from rag.cli import main
from rag.errors import InputError, QuestionError
from rag.importers import read_paths
from rag.records import MAX_ABSTRACT_CHARS

pytestmark = pytest.mark.usefixtures("clean_environment")
RAG = Path(sys.executable).parent / "rag"  # the console script pyproject.toml installs


# --- the Python API checks what the CLI's parser checks --------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda a: a.ask(123), QuestionError, "The question must be text, not int."),
        (lambda a: a.ask("What is ByT5?", k=0), InputError, "k must be at least 1 (got 0)."),
        (lambda a: a.ask("What is ByT5?", k=-1), InputError, "k must be at least 1 (got -1)."),
        (lambda a: a.ask("What is ByT5?", k=2.5), InputError, "k must be a whole number"),
        (lambda a: a.ask("What is ByT5?", mode="bogus"), InputError, "mode must be one of"),
        (lambda a: a.search("What is ByT5?", k=0), InputError, "k must be at least 1"),
        (
            lambda a: a.search(["What is ByT5?"]),
            QuestionError,
            "The question must be text, not list.",
        ),
    ],
)
def test_the_api_refuses_what_the_cli_refuses(bundled_index, call, error, message):
    with pytest.raises(error) as raised:
        call(bundled_index)
    assert str(raised.value).startswith(message)


def test_the_api_still_takes_what_it_should(bundled_index):
    answer = bundled_index.ask("What is ByT5?", k=3, mode="extractive")
    assert len(answer.sources) == 3 and not answer.abstained


# --- the shell -----------------------------------------------------------------------------


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path, bundled_index):
    """``rag ask ... | head -1``: no "BrokenPipeError" line when the reader stops reading.
    ``true`` reads nothing and is gone long before ``rag`` writes: every write meets a closed
    pipe (with ``head`` the race between its exit and the last write decides)."""
    env = {"HOME": str(tmp_path), "RAG_INDEX_DIR": str(bundled_index.settings.index_dir)}
    shell = f"'{RAG}' ask 'Which papers train byte-level language models?' | true"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell],
        env={**env, "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.stderr == ""
    assert done.returncode == 141  # as a shell reports a command a closed pipe stopped


def test_ctrl_c_during_an_ingest_says_what_is_kept(tmp_path, monkeypatch, capsys, embedder):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    (tmp_path / "p.jsonl").write_text(json.dumps({"title": "T", "abstract": "A b c."}) + "\n")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rag.cli, "_assistant", lambda s: Assistant(s, embedder=embedder))
    monkeypatch.setattr(Assistant, "add_papers", interrupted)
    assert main(["ingest", str(tmp_path / "p.jsonl")]) == 130
    err = capsys.readouterr().err
    assert err == "interrupted; the papers indexed so far are kept: run it again to go on.\n"


# --- files that hold nothing to read --------------------------------------------------------


def test_a_file_read_in_the_wrong_format_says_so(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("title,abstract\nA paper,Some abstract text.\n")
    papers, problems = read_paths([path], "bibtex")
    assert papers == []
    assert [str(p) for p in problems] == ["p.csv:0: no bibtex records found: is it another format?"]
    assert [p.title for p in read_paths([path], "csv")[0]] == ["A paper"]


def test_a_folder_with_nothing_to_read_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK")
    papers, problems = read_paths([tmp_path / "empty"])
    assert papers == []
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'empty'}:0: a folder with no file to read in it"
    ]


def test_a_record_kept_with_a_note_is_not_counted_as_skipped(tmp_path, embedder):
    rows = [
        {"title": "A very long one", "abstract": "word " * (MAX_ABSTRACT_CHARS // 4)},
        {"title": "", "abstract": "no title"},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assistant = Assistant(make_settings(None, index_dir=tmp_path / "index"), embedder=embedder)
    summary = assistant.ingest([path])
    assert (summary.added, summary.skipped) == (1, 1)
    kept, skipped = summary.problems
    assert kept.message.startswith("abstract of 24,999 characters cut to the first")
    assert kept.message.endswith("; record kept")
    assert skipped.message == "title is empty; record skipped"


def test_a_field_of_the_wrong_kind_is_named_in_plain_words(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"title": "T", "abstract": ["a", "list"]}) + "\n")
    assert [p.message for p in read_paths([path])[1]] == ["abstract is not text; record skipped"]


def test_a_rebuild_says_that_it_dropped_the_index(tmp_path, monkeypatch, capsys, embedder):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setattr(rag.cli, "_assistant", lambda s: Assistant(s, embedder=embedder))
    rows = [("First paper", "About alpha."), ("Second paper", "About beta.")]
    for name, (title, abstract) in zip(("a.jsonl", "b.jsonl"), rows, strict=True):
        (tmp_path / name).write_text(json.dumps({"title": title, "abstract": abstract}) + "\n")
    assert main(["ingest", str(tmp_path / "a.jsonl")]) == 0
    assert "Rebuild" not in capsys.readouterr().err
    assert main(["ingest", "--rebuild", str(tmp_path / "b.jsonl")]) == 0
    out, err = capsys.readouterr()
    assert "Rebuild: the index was dropped; it will hold what this ingest reads." in err
    assert "Index: 1 papers" in out  # "First paper" went with the index, as the notice said
