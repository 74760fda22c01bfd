"""The package works outside the checkout: data read as package resources, the index in the
user's data folder (an old in-checkout index is moved, not rebuilt), and commands import only
what they need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import make_settings

from rag.config import Settings, user_dir
from rag.corpus import bundled_corpus_files
from rag.prompts import PROMPTS_DIR
from rag.store import CHROMA_FILE, adopt_legacy_index
from rag.ui.app import load_examples


def test_the_bundled_corpus_prompts_and_examples_are_package_resources():
    files = bundled_corpus_files(None)
    assert len(files) == 5 and all(f.suffix == ".txt" and f.is_file() for f in files)
    assert {p.name for p in PROMPTS_DIR.glob("*.md")} == {"answer.md", "rewrite.md", "system.md"}
    assert load_examples()


def test_the_default_index_lives_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.index_dir == tmp_path / "data" / "paper-rag" / "index"
    assert user_dir() == tmp_path / "data" / "paper-rag"
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "mine"))
    assert Settings(_env_file=None).index_dir == tmp_path / "mine"  # type: ignore[call-arg]


def _legacy(tmp_path: Path) -> Path:
    legacy = tmp_path / "checkout" / ".index"
    legacy.mkdir(parents=True)
    (legacy / CHROMA_FILE).write_text("the user's papers")
    (legacy / "lexical-papers").mkdir()
    return legacy


def test_an_index_in_the_old_place_is_moved_to_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    legacy = _legacy(tmp_path)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert adopt_legacy_index(settings, legacy)
    assert (settings.index_dir / CHROMA_FILE).read_text() == "the user's papers"
    assert (settings.index_dir / "lexical-papers").is_dir()
    assert not (legacy / CHROMA_FILE).exists()
    assert not adopt_legacy_index(settings, legacy)  # once


def test_an_index_already_in_the_data_folder_or_a_chosen_folder_is_left_alone(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    legacy = _legacy(tmp_path)
    chosen = make_settings(tmp_path)  # index_dir given explicitly: the user chose it
    assert not adopt_legacy_index(chosen, legacy)
    default = Settings(_env_file=None)  # type: ignore[call-arg]
    default.index_dir.mkdir(parents=True)
    (default.index_dir / CHROMA_FILE).write_text("newer")
    assert not adopt_legacy_index(default, legacy)
    assert (default.index_dir / CHROMA_FILE).read_text() == "newer"
    assert (legacy / CHROMA_FILE).exists()


def _modules_after(code: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_rag_and_the_cli_loads_no_heavy_dependency():
    for code in ("import rag", "import rag.cli; rag.cli.build_parser()"):
        loaded = _modules_after(code)
        assert not loaded & {"chromadb", "gradio", "openai", "onnxruntime"}, code


def test_a_name_from_rag_is_imported_on_first_use():
    loaded = _modules_after("from rag import Settings, RagError")
    assert "rag.config" in loaded and "rag.errors" in loaded
    assert "chromadb" not in loaded


def test_answering_offline_never_imports_openai_or_gradio(bundled_index):
    code = (
        "from rag.assistant import Assistant\n"
        "from rag.config import Settings\n"
        f"a = Assistant(Settings(_env_file=None, index_dir={str(bundled_index.settings.index_dir)!r}))\n"
        "assert a.ask('Which papers pre-train byte-level models?').citations\n"
    )
    loaded = _modules_after(code)
    assert "chromadb" in loaded
    assert not loaded & {"openai", "gradio"}
