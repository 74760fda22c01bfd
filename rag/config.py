"""One typed Settings object for the whole project.

Every field can be set from the environment with the ``RAG_`` prefix (``RAG_TOP_K=5``); the
OpenAI key and base URL also answer to their usual names (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``).
Only entry points (the CLI, the UI, ``ask()``'s default assistant) read ``.env``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, get_args

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "paper-rag"
AnswerMode = Literal["auto", "llm", "extractive"]
ANSWER_MODES: tuple[str, ...] = get_args(AnswerMode)
MAX_UPLOAD_MB = 50.0  # an arXiv listing with abstracts is ~2 MB; a 50 MB export is ~25k papers
MAX_UPLOAD_BYTES = int(MAX_UPLOAD_MB * 1_000_000)
FETCH_TIMEOUT = 20.0
# Where a source checkout kept its index before it moved to the user's data folder; an index
# found there is moved, not rebuilt (rag.store.adopt_legacy_index).
LEGACY_INDEX_DIR = Path(__file__).resolve().parent.parent / ".index"


def user_dir() -> Path:
    """The folder for everything the program stores (``~/.local/share/paper-rag`` on Linux,
    following XDG_DATA_HOME), as simonw/llm's ``user_dir()``."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class Settings(BaseSettings):
    # populate_by_name: Settings(llm_base_url=...) must work, not only its environment aliases.
    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore", populate_by_name=True)

    # --- corpus and index -------------------------------------------------------------
    data_dir: Path | None = Field(
        None,
        description="Folder whose seeds/*.txt listings are indexed on first use; "
        "empty = the corpus bundled with the package.",
    )
    index_dir: Path = Field(
        default_factory=lambda: user_dir() / "index",
        description="Folder of the local Chroma index, lexical index and derived model files.",
    )
    collection: str = Field("papers", description="Chroma collection name.")
    chroma_host: str | None = Field(
        None, description="Chroma server host; when set, the server is used instead of index_dir."
    )
    chroma_port: int = Field(8000, description="Chroma server port.")
    lexical: Literal["tantivy", "chroma"] = Field(
        "tantivy",
        description="The BM25 side: tantivy = an on-disk index beside Chroma (one node); "
        "chroma = Chroma's sparse vectors and Search API (distributed Chroma or Chroma Cloud "
        "only; not implemented yet, see docs/scaling.md).",
    )

    # --- embeddings and chunking ------------------------------------------------------
    embedder: Literal["minilm", "openai"] = Field(
        "minilm", description="minilm = offline ONNX all-MiniLM-L6-v2; openai = OpenAI embeddings."
    )
    minilm_dynamic_int8: bool = Field(
        True,
        description="Run MiniLM with int8 arithmetic (a copy derived once from the installed "
        "model: 1.4x faster, same retrieval on the dev set); false = the installed model as is.",
    )
    openai_embedding_model: str = Field(
        "text-embedding-3-small", description="Embedding model when embedder=openai."
    )
    # MiniLM reads at most 256 word pieces; they run 1.08x cl100k tokens on this corpus, so
    # 230 x 1.08 = 248. The 14 bundled chunks that still run over (up to 270) are packed again
    # smaller, checked by the embedder's own tokenizer (Embedder.fits).
    chunk_tokens: int = Field(230, description="Largest chunk, in tiktoken tokens, title included.")
    chunk_overlap: int = Field(30, description="Tokens of overlap between consecutive chunks.")
    embed_batch_size: int = Field(
        8, description="Texts per embedding batch (the int8-dynamic MiniLM always runs one)."
    )
    bulk_request_texts: int = Field(
        512,
        description="Texts per embeddings request in a bulk ingest with embedder=openai "
        "(OpenAI takes up to 2048 and 300k tokens a request: 512 chunks are at most ~120k).",
    )
    bulk_requests: int = Field(
        2, description="Embeddings requests in flight at once in a bulk ingest (embedder=openai)."
    )

    # --- retrieval --------------------------------------------------------------------
    top_k: int = Field(8, description="Papers returned for a question.")
    candidates: int = Field(40, description="Chunks fetched from each side before fusion.")
    mmr_lambda: float = Field(
        0.85, description="Relevance vs. diversity for topical questions (1 = relevance only)."
    )
    abstain_threshold: float = Field(
        0.5, description="Relevance below which the corpus is judged unable to answer (0..1)."
    )

    # --- answers ----------------------------------------------------------------------
    answer_mode: AnswerMode = Field(
        "auto", description="auto = LLM when one is configured, otherwise extractive."
    )
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("RAG_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="Key for OpenAI or a compatible server.",
    )
    llm_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("RAG_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint (Ollama, vLLM, LM Studio); empty = OpenAI.",
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name.")
    llm_timeout: float = Field(
        30.0, description="Seconds the whole LLM answer may take, retries included."
    )
    llm_max_retries: int = Field(
        2, description="Retries on 429, 5xx and dropped connections, within llm_timeout."
    )
    llm_temperature: float = Field(0.1, description="Sampling temperature for answers.")
    context_tokens: int = Field(3000, description="Token budget for the sources in the prompt.")
    answer_sentences: int = Field(5, description="Sentences in an extractive answer.")

    # --- files and pages read by ingest -----------------------------------------------
    max_upload_mb: float = Field(
        MAX_UPLOAD_MB,
        gt=0,
        description="Largest file uploaded in the UI, or page fetched by `rag ingest URL`, in MB.",
    )
    fetch_timeout: float = Field(
        FETCH_TIMEOUT, gt=0, description="Seconds `rag ingest URL` may take to fetch one page."
    )
    ui_fetch_private: bool = Field(
        False,
        description="Let the page's Add papers URL box fetch from this machine and private "
        "networks (whoever can reach the page chooses the address; the CLI is not limited).",
    )

    # --- chat UI ----------------------------------------------------------------------
    ui_host: str = Field("127.0.0.1", description="Address the chat UI binds to.")
    ui_port: int = Field(7860, description="Port of the chat UI.")
    ui_auth: SecretStr | None = Field(None, description="Optional login for the UI, user:password.")
    ui_public: bool = Field(
        False,
        description="Serve the UI without a login on a non-loopback host (refused otherwise).",
    )
    ui_concurrency: int = Field(4, description="Questions answered at once by the UI.")
    conversations_db: Path = Field(
        default_factory=lambda: user_dir() / "conversations.sqlite3",
        description="SQLite file of saved conversations and answer feedback.",
    )

    # --- diagnostics --------------------------------------------------------------------
    debug: bool = Field(False, description="Show tracebacks with errors (the CLI's --debug).")

    @field_validator(
        "openai_api_key", "llm_base_url", "chroma_host", "ui_auth", "data_dir", mode="before"
    )
    @classmethod
    def empty_is_unset(cls, value: object) -> object:
        # ``OPENAI_API_KEY=`` in a .env means "not set", not "a key that is empty".
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def llm_configured(self) -> bool:
        return self.openai_api_key is not None or bool(self.llm_base_url)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1_000_000)

    @property
    def index_location(self) -> str:
        if self.chroma_host:
            return f"http://{self.chroma_host}:{self.chroma_port}"
        return str(self.index_dir)


def describe_endpoint(settings: Settings) -> str:
    """The LLM endpoint for messages and logs, with any user:password@ in the URL removed.

    >>> describe_endpoint(Settings(_env_file=None, llm_base_url="http://u:key@host/v1"))
    'http://host/v1'
    """
    if not settings.llm_base_url:
        return "the OpenAI API"
    return re.sub(r"//[^/@]*@", "//", settings.llm_base_url)


def load_settings(env_file: str | Path | None = ".env", **overrides: object) -> Settings:
    """Settings for an entry point: environment, then ``.env``, then explicit overrides."""
    return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg, arg-type]
