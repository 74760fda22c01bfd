"""Section 6: bulk ingest (``rag ingest --bulk``) of an arXiv-format file: papers/s and
chunks/s with MiniLM on this CPU vs an OpenAI-compatible embeddings endpoint, into a local
index and into a `chroma run` server.

The endpoint is ``python -m rag.fake_llm`` in a process of its own (deterministic 384-d
vectors, ~0.1 ms a text), so its runs measure the pipeline's own cost: reading, parsing,
chunking, the Chroma and the lexical writes; a real endpoint can only be slower. The latency
rows add a fixed wait to every request, as a remote endpoint has, to show what requests in
flight at once (``RAG_BULK_REQUESTS``) buy.

The file: records in the arXiv snapshot's format, each a bundled abstract with its sentences
shuffled under a title of its own (the bundled corpus has about arXiv's 1.85 chunks a paper).
One JSON object::

    python -m benchmarks.bulk --papers 20000 --json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.common import make_settings, section, table
from benchmarks.context import Bench
from benchmarks.scale import chroma_server
from rag.bulk import bulk_ingest
from rag.corpus import bundled_corpus_files
from rag.importers import read_paths

ARXIV_CHUNKS = 5_000_000  # all of arXiv: 2.7M abstracts at ~1.85 chunks each
DIMENSION = 384  # MiniLM's, and the fake endpoint's here
LATENCY_S = 1.0  # assumed: a remote endpoint's time for a request of 512 texts (~100k tokens)


def write_snapshot(path: Path, n: int) -> Path:
    """``n`` lines in the arXiv metadata snapshot's format."""
    papers, _ = read_paths(bundled_corpus_files())
    rng = random.Random(n)
    with path.open("w") as file:
        for i in range(n):
            paper = papers[i % len(papers)]
            sentences = paper.abstract.split(". ")
            rng.shuffle(sentences)
            record = {
                "id": f"{2000 + i // 100_000}.{i % 100_000:05d}",
                "submitter": "A. Author",
                "authors": paper.authors or "A. Author, B. Writer",
                "title": f"{paper.title} (variant {i})",
                "comments": None,
                "journal-ref": None,
                "doi": None,
                "categories": paper.categories or "cs.CL",
                "abstract": "  " + ". ".join(sentences) + "\n",
                "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 00:00:00 GMT"}],
                "update_date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            }
            file.write(json.dumps(record) + "\n")
    return path


@contextlib.contextmanager
def fake_endpoint(latency: float = 0.0) -> Iterator[str]:
    """``python -m rag.fake_llm`` in its own process for as long as the block runs; its URL."""
    command = [sys.executable, "-m", "rag.fake_llm", "--embedding-dim", str(DIMENSION)]
    server = subprocess.Popen(
        [*command, "--latency", str(latency)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        yield server.stdout.readline().strip()
    finally:
        server.terminate()
        server.wait()


def measure(
    root: Path,
    snapshot: Path,
    name: str,
    url: str | None = None,
    port: int | None = None,
    requests: int = 2,
) -> dict[str, Any]:
    """Bulk-ingest ``snapshot`` into a fresh index: with MiniLM, or the endpoint at ``url``;
    into a local index, or the `chroma run` on ``port``."""
    overrides: dict[str, Any] = {"collection": f"bulk-{name}", "bulk_requests": requests}
    if url:
        overrides.update(
            embedder="openai",
            openai_embedding_model=f"fake-{DIMENSION}",
            llm_base_url=url,
            openai_api_key="sk-bench",
        )
    if port:
        overrides.update(chroma_host="127.0.0.1", chroma_port=port)
    summary = bulk_ingest(snapshot, make_settings(root / name, **overrides))
    assert summary.added == summary.lines and not summary.problems
    figures = {
        "run": name,
        "embedder": "endpoint" if url else "minilm",
        "chroma": "server" if port else "local",
        "requests": requests if url else 1,
        "papers": summary.added,
        "chunks": summary.chunks_embedded,
        "papers_per_s": round(summary.papers_per_s, 1),
        "chunks_per_s": round(summary.chunks_per_s, 1),
    }
    for key in ("read_s", "embed_s", "chroma_s", "lexical_s", "seconds"):
        figures[key] = round(getattr(summary, key), 2)
    figures["arxiv_hours"] = round(ARXIV_CHUNKS / max(summary.chunks_per_s, 1e-9) / 3600, 1)
    return figures


def measure_all(
    root: Path, papers: int, minilm_papers: int, latency_papers: int
) -> list[dict[str, Any]]:
    """Every row: MiniLM and the endpoint, local and server; then the latency rows."""
    root.mkdir(parents=True, exist_ok=True)
    big = write_snapshot(root / "arxiv-big.json", papers)
    small = write_snapshot(root / "arxiv-small.json", minilm_papers)
    few = write_snapshot(root / "arxiv-latency.json", latency_papers)
    runs = []
    with chroma_server(root / "chroma") as port:
        runs.append(measure(root, small, "minilm-local"))
        runs.append(measure(root, small, "minilm-server", port=port))
        with fake_endpoint() as url:
            runs.append(measure(root, big, "endpoint-local", url))
            runs.append(measure(root, big, "endpoint-server", url, port))
    if latency_papers:
        with fake_endpoint(LATENCY_S) as url:
            for requests in (1, 2, 4):
                runs.append(measure(root, few, f"latency-{requests}", url, requests=requests))
    return runs


def run(bench: Bench) -> None:
    section("6. Bulk ingest of an arXiv-format file (rag ingest --bulk)")
    papers, minilm, latency = (2_000, 150, 1_000) if bench.quick else (10_000, 500, 3_000)
    rows = [
        [
            r["run"],
            r["papers"],
            r["chunks"],
            r["papers_per_s"],
            r["chunks_per_s"],
            r["embed_s"],
            r["chroma_s"],
            r["lexical_s"],
            r["read_s"],
            r["seconds"],
            r["arxiv_hours"],
        ]
        for r in measure_all(bench.root / "bulk", papers, minilm, latency)
    ]
    table(
        [
            "run",
            "papers",
            "chunks",
            "papers/s",
            "chunks/s",
            "embed s",
            "Chroma s",
            "lexical s",
            "read s",
            "total s",
            "all arXiv, h",
        ],
        rows,
        notes=[
            "minilm = the offline int8 MiniLM on this machine's 2 CPU cores; endpoint = an "
            "OpenAI-compatible embeddings endpoint (the fake server in another process: "
            "~0.1 ms a text, so its rows are the pipeline's own cost).",
            "local = the local Chroma index; server = a `chroma run` on this machine.",
            f"latency-N = the endpoint answering each request of 512 texts after {LATENCY_S} s, "
            "N requests in flight (RAG_BULK_REQUESTS), local Chroma.",
            "embed s = the wait for vectors that reading and writing did not hide; read s = "
            "reading, parsing, looking up what the index holds, chunking; all arXiv, h = "
            f"{ARXIV_CHUNKS:,} chunks at this rate.",
        ],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=20_000, help="papers for the endpoint")
    parser.add_argument("--minilm-papers", type=int, default=1_000)
    parser.add_argument("--latency-papers", type=int, default=6_000, help="0: no latency rows")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rag-bulk-") as root:
        runs = measure_all(Path(root), args.papers, args.minilm_papers, args.latency_papers)
    print(json.dumps({"runs": runs}, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
