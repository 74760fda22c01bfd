"""``rag ask`` through ``rag.cli.main``: JSON output, user errors, LLM and no-LLM modes.

Settings come from the environment (monkeypatched) with the working directory in tmp_path, so
no .env is read; the index is a small real Chroma index built once for this module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_settings

import rag.cli
from rag.answer import NO_ANSWER, NO_LLM_NOTICE
from rag.assistant import MAX_QUESTION_CHARS, Assistant
from rag.cli import EXIT_USER_ERROR, main
from rag.errors import StoreError
from rag.fake_llm import AuthError, CutStream, FakeLLM

KEY = "sk-test-SECRET123"
BYT5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
PAPERS = [
    (BYT5,
     "ByT5 is a standard Transformer that reads and writes raw UTF-8 bytes instead of subword "
     "tokens, so it needs no tokenizer. It is far more robust to spelling noise than mT5."),
    ("mT5: A massively multilingual pre-trained text-to-text transformer",
     "mT5 is a multilingual variant of T5 pre-trained on a Common Crawl dataset covering 101 "
     "languages."),
    ("Dense Passage Retrieval for Open-Domain Question Answering",
     "We train a dual encoder that maps questions and Wikipedia passages into one vector space. "
     "Retrieval with inner-product search beats BM25 by 9 to 19 points on top-20 accuracy."),
    ("Protein Language Models Learn Contact Maps",
     "Transformers trained with masked language modelling on 250 million protein sequences "
     "learn residue contacts in their attention maps, without any structural supervision."),
]  # fmt: skip
QUESTION = "Which model reads raw UTF-8 bytes without a tokenizer?"
REPLY = "ByT5 reads raw UTF-8 bytes instead of subword tokens, so it needs no tokenizer [1]."
ANSWER_KEYS = {"answer", "citations", "sources", "mode", "abstained", "timings_ms"}


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory, embedder) -> Path:
    folder = tmp_path_factory.mktemp("cli-index")
    corpus = folder / "papers.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in PAPERS),
        encoding="utf-8",
    )
    settings = make_settings(None, index_dir=folder / "index")
    assert Assistant(settings, embedder=embedder).ingest([corpus]).added == len(PAPERS)
    return folder / "index"


@pytest.fixture(autouse=True)
def environment(clean_environment, monkeypatch, tmp_path, cli_index):
    """Only the variables a test sets; no .env (the working directory is empty)."""
    monkeypatch.setenv("RAG_INDEX_DIR", str(cli_index))
    monkeypatch.chdir(tmp_path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ask", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_prints_the_answer_as_json(capsys):
    code, out, err = run(capsys, QUESTION, "--json")
    assert code == 0, err
    data = json.loads(out)  # nothing but the JSON on stdout
    assert data.keys() >= ANSWER_KEYS
    assert data["mode"] == "extractive"  # auto, and no LLM configured
    assert data["abstained"] is False
    assert data["notice"] == ""
    assert "raw UTF-8 bytes" in data["answer"] and "[1]" in data["answer"]
    assert data["citations"][0] == {
        "marker": 1,
        "paper_id": data["sources"][0]["paper_id"],
        "title": BYT5,
    }
    assert [s["marker"] for s in data["sources"]] == list(range(1, len(PAPERS) + 1))  # this index
    assert data["sources"][0]["cited"] is True
    assert {"retrieve", "total"} <= data["timings_ms"].keys()


def test_ask_json_abstains_on_an_off_topic_question(capsys):
    code, out, _ = run(capsys, "What is the best recipe for sourdough bread?", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["answer"] == NO_ANSWER
    assert data["abstained"] is True
    assert data["citations"] == []


def test_ask_streams_the_answer_then_the_sources(capsys):
    code, out, _ = run(capsys, QUESTION)
    assert code == 0
    assert "raw UTF-8 bytes" in out
    assert "Sources:" in out
    assert f"*[1] {BYT5}" in out
    assert "[extractive]" in out


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_a_user_error(capsys, question):
    code, out, err = run(capsys, question, "--json")
    assert code == EXIT_USER_ERROR == 2
    assert out == ""
    assert err.startswith("error: The question is empty")
    assert "Traceback" not in err


def test_overlong_question_is_a_user_error(capsys):
    question = ("How do byte-level models compare with subword models? " * 60)[:3000].strip()
    assert len(question) > MAX_QUESTION_CHARS
    code, out, err = run(capsys, question, "--json")
    assert code == 2
    assert out == ""
    assert f"{len(question)} characters" in err
    assert f"at most {MAX_QUESTION_CHARS}" in err
    assert "Traceback" not in err


def test_llm_mode_without_an_llm_gives_the_extractive_answer_and_says_why(capsys):
    code, out, err = run(capsys, QUESTION, "--mode", "llm", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["mode"] == "extractive"
    assert data["notice"] == NO_LLM_NOTICE
    assert data["citations"] and data["citations"][0]["title"] == BYT5


def test_llm_mode_without_an_llm_shows_the_notice_in_the_terminal(capsys):
    code, out, _ = run(capsys, QUESTION, "--mode", "llm")
    assert code == 0
    assert f"Note: {NO_LLM_NOTICE}" in out


def test_ask_json_with_an_llm_configured_in_the_environment(capsys, monkeypatch):
    with FakeLLM() as llm:
        monkeypatch.setenv("RAG_LLM_BASE_URL", llm.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        llm.enqueue(REPLY)
        code, out, err = run(capsys, QUESTION, "--json")
        [request] = llm.history
    assert code == 0, err
    data = json.loads(out)
    assert data["mode"] == "llm"
    assert data["answer"] == REPLY
    assert data["citations"][0]["title"] == BYT5
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert QUESTION in request.messages[1]["content"]
    assert KEY not in out and KEY not in err


def test_rejected_key_falls_back_without_showing_the_key(capsys, monkeypatch):
    with FakeLLM() as llm:
        monkeypatch.setenv("RAG_LLM_BASE_URL", llm.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        llm.enqueue(AuthError(message=f"Incorrect API key provided: {KEY}."))
        code, out, err = run(capsys, QUESTION, "--mode", "llm", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["mode"] == "extractive"
    assert "rejected the API key" in data["notice"]
    assert KEY not in out and KEY not in err


def test_an_llm_answer_that_breaks_off_is_marked_as_replaced_in_the_terminal(capsys, monkeypatch):
    with FakeLLM() as llm:
        monkeypatch.setenv("RAG_LLM_BASE_URL", llm.base_url)
        monkeypatch.setenv("RAG_LLM_MAX_RETRIES", "0")
        llm.enqueue(
            CutStream("ByT5 is the model that HALFWAY-THROUGH reads raw bytes [1].", after=4)
        )
        code, out, err = run(capsys, QUESTION)
    assert code == 0, err
    # The partial LLM text was already printed; the extractive answer follows, marked as such.
    assert out.startswith("ByT5 is the model ")
    assert "(The LLM's answer broke off; the extractive answer after it replaces it.)" in out
    assert "Note: The LLM failed, so this is an extractive answer." in out
    assert "[extractive]" in out


def test_an_llm_that_fails_before_answering_is_not_marked_as_replaced(capsys, monkeypatch):
    with FakeLLM() as llm:
        monkeypatch.setenv("RAG_LLM_BASE_URL", llm.base_url)
        llm.enqueue(AuthError())
        code, out, err = run(capsys, QUESTION)
    assert code == 0, err
    assert "broke off" not in out  # nothing of the LLM's was shown, so nothing is replaced
    assert "rejected the API key" in out


# --- errors as one line, through the installed ``rag`` command --------------------------------

RAG = Path(sys.executable).parent / "rag"  # the console script pyproject.toml installs


def rag_command(home: Path, index: Path, *argv: str, **env: str) -> subprocess.CompletedProcess:
    """``rag *argv`` in a subprocess: HOME in ``home``, the index in ``index``, no RAG_* /
    OPENAI_* / XDG_* variable but ``env``, the working directory ``home`` (no .env there)."""
    values = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_", "XDG_"))}
    values.update(HOME=str(home), RAG_INDEX_DIR=str(index), **env)
    return subprocess.run(
        [str(RAG), *argv],
        cwd=home,
        env=values,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
    )


CLI_TIMEOUT = 300  # seconds: a hang guard, not a speed assertion


@pytest.fixture
def home(tmp_path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_an_empty_question_is_one_error_line_and_exit_2(home, cli_index):
    done = rag_command(home, cli_index, "ask", "")
    assert done.returncode == EXIT_USER_ERROR == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line == "error: The question is empty: type a question about the indexed papers."
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("how", ["--debug", "RAG_DEBUG=1"])
def test_debug_adds_the_traceback(home, cli_index, how):
    if how == "--debug":
        done = rag_command(home, cli_index, "--debug", "ask", "")
    else:
        done = rag_command(home, cli_index, "ask", "", RAG_DEBUG="1")
    assert done.returncode == 2
    assert done.stderr.startswith("Traceback (most recent call last):")
    assert "rag.errors.QuestionError: The question is empty" in done.stderr
    # ... and still ends with the one-line error.
    assert done.stderr.splitlines()[-1].startswith("error: The question is empty")


def test_an_invalid_setting_is_one_error_line_and_exit_2(home, cli_index):
    done = rag_command(home, cli_index, "ask", QUESTION, RAG_TOP_K="abc")
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("error: setting ")
    assert "TOP_K" in line and "invalid" in line
    assert "Traceback" not in done.stderr and "pydantic" not in done.stderr
    # --debug shows where it came from.
    debug = rag_command(home, cli_index, "--debug", "ask", QUESTION, RAG_TOP_K="abc")
    assert debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1] == line


def test_help_works_without_an_index(home, tmp_path):
    index = tmp_path / "no-index-yet"
    done = rag_command(home, index, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("usage: rag")
    for command in ("ingest", "stats", "search", "ask", "eval", "ui", "--debug"):
        assert command in done.stdout
    assert not index.exists()  # asking for help touches nothing
    ask_help = rag_command(home, index, "ask", "--help")
    assert ask_help.returncode == 0 and "--mode" in ask_help.stdout


def test_an_empty_question_is_refused_before_any_index_is_built(home, tmp_path):
    index = tmp_path / "fresh-index"
    done = rag_command(home, index, "ask", "")
    assert done.returncode == 2
    [line] = done.stderr.splitlines()  # no progress bar before it
    assert line.startswith("error: The question is empty")
    assert not (index / "chroma.sqlite3").exists()


# --- how main() sorts errors -------------------------------------------------------------------


def test_a_rag_error_is_its_own_message_and_exit_2(capsys, monkeypatch):
    def broken(settings):
        raise StoreError("The index is unreadable:\n  rebuild it with 'rag ingest --rebuild'.")

    monkeypatch.setattr(rag.cli, "_assistant", broken)
    assert main(["stats"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "error: The index is unreadable: rebuild it with 'rag ingest --rebuild'.\n"


def test_an_unexpected_error_names_its_kind_and_exits_1(capsys, monkeypatch):
    def broken(settings):
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr(rag.cli, "_assistant", broken)
    assert main(["stats"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: RuntimeError: something went wrong (run with --debug for the traceback)\n"
    )
    assert main(["--debug", "stats"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "RuntimeError" in err


# --- usage mistakes, capped warnings, the UI's exposure ----------------------------------------


@pytest.mark.parametrize(
    ("command", "k"), [("search", "0"), ("ask", "0"), ("search", "-5"), ("ask", "-5")]
)
def test_k_below_one_is_one_error_line_and_exit_2(home, tmp_path, command, k):
    index = tmp_path / "untouched-index"
    done = rag_command(home, index, command, QUESTION, "-k", k)
    assert done.returncode == EXIT_USER_ERROR
    assert done.stdout == ""
    [line] = done.stderr.splitlines()  # no usage block around it
    assert line == f"error: argument -k: must be at least 1 (got {k}); see 'rag {command} --help'."
    assert not index.exists()  # refused before anything is opened


def test_a_usage_mistake_is_one_error_line(home, cli_index):
    done = rag_command(home, cli_index, "ask", QUESTION, "--mode", "fast")
    assert done.returncode == EXIT_USER_ERROR
    [line] = done.stderr.splitlines()
    assert line.startswith("error: argument --mode: invalid choice: 'fast'")
    assert line.endswith("see 'rag ask --help'.")


BAD_LINES = 2_000


def test_thousands_of_bad_lines_print_the_first_20_and_a_count(home, tmp_path):
    corpus = tmp_path / "damaged.jsonl"
    good = [json.dumps({"title": t, "abstract": a}) for t, a in PAPERS[:2]]
    broken = [f'{{"title": "cut off {n}", "abstr' for n in range(BAD_LINES)]
    corpus.write_text("\n".join([good[0], *broken, good[1]]) + "\n", encoding="utf-8")
    index = tmp_path / "index"

    done = rag_command(home, index, "ingest", str(corpus))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert warnings == [
        f"warning: damaged.jsonl:{n}: broken JSON (Unterminated string starting at); line skipped"
        for n in range(2, 22)
    ]
    count = f"... and {BAD_LINES - 20:,} more problems (see --json for all)"
    assert lines[lines.index(warnings[-1]) + 1] == count
    assert len(lines) < 30, lines  # the rest is progress, not 2,000 warnings
    assert "Ingest: added 2," in done.stdout

    every = rag_command(home, index, "ingest", "--json", str(corpus))
    assert every.returncode == 0, every.stderr
    problems = json.loads(every.stdout)["problems"]
    assert len(problems) == BAD_LINES
    assert problems[-1].startswith(f"damaged.jsonl:{BAD_LINES + 1}: broken JSON")
    assert "more problems" not in every.stderr


@pytest.fixture
def no_serving(monkeypatch) -> list[dict]:
    """Gradio's launch replaced by a recorder: a test sees what would be served, and nothing
    is (not even by code that fails to refuse)."""
    import gradio as gr

    served: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda app, **kwargs: served.append(kwargs))
    return served


def test_the_ui_refuses_a_public_host_without_a_login(capsys, no_serving):
    code = main(["ui", "--host", "0.0.0.0"])
    out, err = capsys.readouterr()
    assert (code, out) == (EXIT_USER_ERROR, "")
    assert err == (
        "error: refusing to serve on 0.0.0.0 without a login: set RAG_UI_AUTH=user:password, "
        "or pass --public to serve openly (RAG_UI_PUBLIC=true).\n"
    )
    assert no_serving == []


@pytest.mark.parametrize("how", ["--public", "RAG_UI_PUBLIC=true", "RAG_UI_AUTH"])
def test_the_ui_serves_a_public_host_when_told(capsys, monkeypatch, no_serving, how):
    argv = ["ui", "--host", "0.0.0.0", "--port", "7999"]
    if how == "--public":
        argv.append("--public")
    elif how == "RAG_UI_PUBLIC=true":
        monkeypatch.setenv("RAG_UI_PUBLIC", "true")
    else:
        monkeypatch.setenv("RAG_UI_AUTH", "ada:lovelace")
    assert main(argv) == 0, capsys.readouterr().err
    [served] = no_serving
    assert (served["server_name"], served["server_port"]) == ("0.0.0.0", 7999)
    assert served["auth"] == ([("ada", "lovelace")] if how == "RAG_UI_AUTH" else None)


def test_eval_with_answers_reports_the_verdict_and_the_answers_apart(capsys, tmp_path):
    questions = tmp_path / "questions.jsonl"
    rows = [
        {"id": "a", "type": "single", "question": QUESTION, "gold_titles": [BYT5],
         "answer_keywords": ["UTF-8"]},
        {"id": "u", "type": "unanswerable", "question": "What is the best sourdough recipe?",
         "gold_titles": [], "answer_keywords": []},
        {"id": "m", "type": "multi", "question": "Which papers pre-train multilingual transformers?",
         "gold_titles": [BYT5, PAPERS[1][0]], "answer_keywords": []},
    ]  # fmt: skip
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["-v", "eval", "--questions", str(questions), "--answers", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    # A list is judged on the papers it names: how many belong, and how many of those it has.
    [listed] = [r for r in metrics["answer_per_question"] if r["id"] == "m"]
    assert listed["correct"] and listed["cited"] >= 1
    assert metrics["list_recall"] == listed["recall"] > 0
    assert metrics["list_precision"] == listed["list_precision"] > 0  # judge(): test_answer_eval
    assert metrics["answer_counts"]["lists"] == 1
    # The retrieval verdict's rates and the answers' rates, each under its own name.
    assert metrics["abstain_rate_unanswerable"] == 1.0 and metrics["false_abstain_rate"] == 0.0
    assert metrics["answer_abstain_rate_unanswerable"] == 1.0
    assert metrics["answer_false_abstain_rate"] == 0.0
    assert metrics["precision"] == metrics["accuracy"] == 1.0
