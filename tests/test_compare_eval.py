"""eval/compare.py: two versions' answers side by side, each run from its own code."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("compare", ROOT / "eval" / "compare.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

in_git = shutil.which("git") is not None and (
    subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode
    == 0
)
pytestmark = pytest.mark.skipif(not in_git, reason="needs the git checkout")


def test_a_version_is_laid_out_as_the_installed_package(tmp_path):
    code = compare.checkout("HEAD", tmp_path / "base")
    assert (code / "rag" / "retrieval.py").is_file()
    assert (code / "rag" / "prompt_files" / "answer.md").is_file()
    assert list((code / "rag" / "data" / "seeds").glob("*.txt"))


def test_the_same_code_twice_gives_the_same_answers(
    tmp_path, monkeypatch, capsys, clean_environment, bundled_index
):
    monkeypatch.setenv("RAG_INDEX_DIR", str(bundled_index.settings.index_dir))
    questions = tmp_path / "tiny.jsonl"
    rows = [
        {"id": "s", "type": "single", "gold_titles": ["BiBERT: Accurate Fully Binarized BERT"],
         "question": "Which paper fully binarizes BERT's weights, embeddings and activations?",
         "answer_keywords": ["BiBERT"]},
        {"id": "u", "type": "unanswerable", "question": "How do I keep a sourdough starter alive?",
         "gold_titles": [], "answer_keywords": []},
    ]  # fmt: skip
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    # Each run asserts that rag and its prompts come from its own folder (else it fails).
    assert compare.main(["--base", "HEAD", "--changes", str(questions)]) == 0
    out = capsys.readouterr().out.splitlines()
    base, this = (row.split(" | ") for row in out[2:4])
    assert base[:3] == ["| tiny", "HEAD", "2/2"] and this[:3] == ["| ", "this", "2/2"]
    assert base[3:-1] == this[3:-1]  # every figure but the time
    assert out[4] == "tiny: no change"


def test_an_unknown_version_or_set_is_a_one_line_error(capsys):
    with pytest.raises(SystemExit, match="cannot read 'no-such-ref'"):
        compare.main(["--base", "no-such-ref", "questions"])
    with pytest.raises(SystemExit):
        compare.main(["--base", "HEAD", "no_such_set"])
    assert "no such question set" in capsys.readouterr().err
