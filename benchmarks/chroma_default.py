"""Chroma's built-in ONNXMiniLM_L6_V2, loaded with this project's model files (no download).

The baseline must run the *same* model file as the project (the one its embedder actually
runs: by default the int8-compute copy rag.model_files derives from the installed model), so
that the comparison measures the pipelines and not two different models. ONNXMiniLM_L6_V2 reads
``DOWNLOAD_PATH / "onnx" / {model.onnx, tokenizer.json}`` and downloads an archive unless six
files exist there (config.json, model.onnx, special_tokens_map.json, tokenizer_config.json,
tokenizer.json, vocab.txt). We build that folder in a temporary directory: the model and
tokenizer (rag.embeddings.default_model_files) are symlinked, the four others are derived from tokenizer.json (only their existence
is checked, but they are written truthfully), and the instance's downloader is replaced by one
that raises, so the network is never used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chromadb.utils.embedding_functions import ONNXMiniLM_L6_V2

from rag.embeddings import default_model_files

# all-MiniLM-L6-v2's architecture (sentence-transformers' published config.json).
BERT_CONFIG = {
    "architectures": ["BertModel"],
    "model_type": "bert",
    "hidden_size": 384,
    "num_hidden_layers": 6,
    "num_attention_heads": 12,
    "intermediate_size": 1536,
    "hidden_act": "gelu",
    "max_position_embeddings": 512,
    "type_vocab_size": 2,
    "vocab_size": 30522,
    "pad_token_id": 0,
}
SPECIAL_TOKENS = {
    "unk_token": "[UNK]",
    "sep_token": "[SEP]",
    "pad_token": "[PAD]",
    "cls_token": "[CLS]",
    "mask_token": "[MASK]",
}


def build_model_dir(root: Path, model: Path) -> Path:
    """Lay out ``root/onnx`` as Chroma expects; returns ``root`` (the DOWNLOAD_PATH)."""
    _installed_model, tokenizer = default_model_files()
    folder = root / ONNXMiniLM_L6_V2.EXTRACTED_FOLDER_NAME
    folder.mkdir(parents=True, exist_ok=True)
    for source, name in ((model, "model.onnx"), (tokenizer, "tokenizer.json")):
        link = folder / name
        if not link.exists():
            link.symlink_to(source.resolve())
    spec = json.loads(tokenizer.read_text(encoding="utf-8"))
    vocab = spec["model"]["vocab"]  # token -> id
    tokens = sorted(vocab, key=vocab.__getitem__)
    (folder / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps(BERT_CONFIG, indent=2))
    (folder / "special_tokens_map.json").write_text(json.dumps(SPECIAL_TOKENS, indent=2))
    tokenizer_config = {
        "do_lower_case": True,
        "model_max_length": 512,
        "tokenizer_class": "BertTokenizer",
        **SPECIAL_TOKENS,
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2))
    return root


def _refuse_download(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("the benchmark's Chroma embedding function tried to download its model")


def chroma_minilm(root: Path, model: Path) -> ONNXMiniLM_L6_V2:
    """Chroma's default embedding function running ``model`` (laid out in ``root``)."""
    ef = ONNXMiniLM_L6_V2()
    # Instance attributes shadow the class constants: other instances are left alone.
    ef.DOWNLOAD_PATH = build_model_dir(root, model)  # type: ignore[misc]
    ef._download = _refuse_download  # type: ignore[method-assign,assignment]
    return ef
