"""Section 4: how search grows with the collection (1k, 10k, 100k chunks), in a separate app
process against a `chroma run` server, side by side with Chroma's own query.

Synthetic chunks: words drawn from the bundled abstracts at their corpus frequency (so BM25
posting lists have a realistic, Zipf-like shape), two chunks per paper with every metadata
field the project writes (the abstract with the first chunk only), and random unit vectors
(dim 384) in place of embeddings. They are written the way ingest writes them: each batch to
Chroma, then to the lexical index. Then a new process (the "app") opens the index, searches
once (``first_search_s``), runs the queries (p50/p95, and Chroma's ids-only query for the same
vectors), reports its RSS; meanwhile this process adds one paper and the app reports when a
search first finds it (``new_paper_visible_s``). Queries use a fake embedder, so the timings
are retrieval alone.

The app talks to a Chroma server (started here on a free port, data in a temporary folder),
as several app processes would: a local Chroma cannot show one process the vectors another
wrote after it opened the index. One size as one JSON object::

    python -m benchmarks.scale --chunks 100000 --json

A million chunks take over an hour to write, so ``--keep DIR`` keeps what was written (Chroma's
folder and the lexical index) and a second run with the same ``--keep`` only measures: the
search figures can be taken again on a quiet machine, or after a change to the search path
(the lexical folder is named by the collection's id, so the server's port may change).
``--rewrite-lexical`` writes a kept run's lexical index again from the same seeded chunks
(minutes, not an hour), after a change to its format.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import make_settings, percentile, section, stopwatch, table
from benchmarks.context import Bench
from rag.corpus import bundled_corpus_files
from rag.importers import read_paths
from rag.lexical import LexicalChunk, lexical_folder, open_lexical
from rag.retrieval import Retriever
from rag.store import Store

DIMENSION = 384
WORDS_PER_CHUNK = 150  # a bundled chunk is 230 tokens at most, ~150 words on average
WORDS_PER_QUERY = 12
CHUNKS_PER_PAPER = 2
BUILD_WARNING_S = 180.0
NEW_WORD = "zorblax"  # + a run's suffix: in no other chunk, the paper added while the app runs
VISIBLE_TIMEOUT_S = 30.0


class RandomEmbedder:
    """Stands in for MiniLM: a unit vector seeded by the text (same text, same vector)."""

    id = "random-unit-384"
    dimension = DIMENSION

    def embed_query(self, text: str) -> np.ndarray:
        return _unit(np.random.default_rng(zlib.crc32(text.encode())).standard_normal(DIMENSION))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.embed_query(t) for t in texts])


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=-1, keepdims=True)


def corpus_words() -> np.ndarray:
    """Every word of the bundled abstracts, repeats kept: sampling it follows word frequency."""
    papers, _ = read_paths(bundled_corpus_files())
    words = [w for p in papers for w in re.findall(r"[\w-]+", p.abstract)]
    return np.array(words, dtype=object)


def _write(
    store: Store, start: int, texts: list[str], rng: np.random.Generator, chroma: bool = True
) -> float:
    """Write chunks ``start``... to Chroma (unless not ``chroma``), then to the lexical index,
    as ingest does; the seconds the lexical write took."""
    ids, documents, metadatas = [], [], []
    for offset, text in enumerate(texts):
        paper, index = divmod(start + offset, CHUNKS_PER_PAPER)
        paper_id = f"synthetic{paper:07d}"
        title = f"Synthetic paper {paper}: " + " ".join(text.split()[:6])
        ids.append(f"{paper_id}:{index}")
        documents.append(f"{title}\n{text}")
        meta = {
            "paper_id": paper_id,
            "chunk_index": index,
            "n_chunks": CHUNKS_PER_PAPER,
            "title": title,
            "content_hash": f"{paper:016x}",
            "sources": "synthetic.jsonl",
            "urls": "",
            "date": f"2024-{1 + paper % 12:02d}-{1 + paper % 28:02d}",
            "authors": "",
            "categories": "cs.CL",
        }
        if index == 0:
            meta["abstract"] = text  # the project stores the abstract with the first chunk
        metadatas.append(meta)
    vectors = _unit(rng.standard_normal((len(texts), DIMENSION)))  # drawn either way: same texts
    if chroma:
        store.collection.add(ids=ids, documents=documents, metadatas=metadatas, embeddings=vectors)
    started = time.perf_counter()
    by_paper: dict[str, list[LexicalChunk]] = {}
    for cid, document, meta in zip(ids, documents, metadatas, strict=True):
        chunk = LexicalChunk.from_metadata(cid, document, meta)
        by_paper.setdefault(chunk.paper_id, []).append(chunk)
    with open_lexical(store.settings, store.collection_id).writing() as writer:
        for paper_id, chunks in by_paper.items():
            writer.put(paper_id, chunks)
    return time.perf_counter() - started


def _fill(
    store: Store, n: int, words: np.ndarray, rng: np.random.Generator, chroma: bool = True
) -> float:
    """Add ``n`` synthetic chunks in whole papers, in batches of the client's maximum batch
    size (to the lexical index alone unless ``chroma``); the seconds spent writing the lexical
    index."""
    batch = store.max_batch_size() // CHUNKS_PER_PAPER * CHUNKS_PER_PAPER
    lexical_s = 0.0
    started = time.perf_counter()
    for start in range(0, n, batch):
        count = min(batch, n - start)
        picks = rng.integers(0, len(words), size=(count, WORDS_PER_CHUNK))
        lexical_s += _write(store, start, [" ".join(words[row]) for row in picks], rng, chroma)
        if n >= 100_000 and (start // batch) % 20 == 0:  # a long run says how far it is
            rate = (start + count) / (time.perf_counter() - started)
            print(f"written {start + count:,} / {n:,} chunks ({rate:.0f}/s)", file=sys.stderr)
    store.bump_revision()
    return lexical_s


def _folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


@contextlib.contextmanager
def chroma_server(folder: Path, port: int | None = None) -> Iterator[int]:
    """A `chroma run` server on ``port`` (default: a free local port), for as long as the
    block runs; its port."""
    import chromadb

    if port is None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
    chroma = Path(sys.executable).parent / "chroma"
    command = [str(chroma), "run", "--path", str(folder), "--host", "127.0.0.1"]
    log = (folder.parent / f"{folder.name}.log").open("wb")
    server = subprocess.Popen([*command, "--port", str(port)], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
                break
            except Exception:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma run did not start; see {log.name}") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait()
        log.close()


def _settings(index_dir: Path, port: int) -> Any:
    return make_settings(index_dir, chroma_host="127.0.0.1", chroma_port=port)


def probe(index_dir: Path, port: int, queries_file: Path) -> None:
    """The app process: first search, the queries, RSS; then wait for the new paper."""
    started = time.perf_counter()
    settings = _settings(index_dir, port)
    embedder = RandomEmbedder()
    retriever = Retriever(Store(settings, embedder.id, embedder.dimension), embedder, settings)
    queries = json.loads(queries_file.read_text())
    retriever.search(queries[0])
    first_search_s = time.perf_counter() - started
    search_ms, chroma_ms = [], []
    collection, candidates = retriever.store.collection, settings.candidates
    cpu_before = _cpu_jiffies()
    for query in queries:
        t = time.perf_counter()
        retriever.search(query)
        search_ms.append((time.perf_counter() - t) * 1000)
        vector = embedder.embed_query(query).tolist()
        t = time.perf_counter()  # the project's one Chroma query: ids of `candidates` chunks
        collection.query(query_embeddings=[vector], n_results=candidates, include=[])
        chroma_ms.append((time.perf_counter() - t) * 1000)
    cpu = [after - before for before, after in zip(cpu_before, _cpu_jiffies(), strict=True)]
    figures = {
        "first_search_s": round(first_search_s, 3),
        "search_p50_ms": round(percentile(search_ms, 0.5), 2),
        "search_p95_ms": round(percentile(search_ms, 0.95), 2),
        "chroma_query_p50_ms": round(percentile(chroma_ms, 0.5), 2),
        "chroma_query_p95_ms": round(percentile(chroma_ms, 0.95), 2),
        "app_rss_mb": round(_rss_mb(), 1),
        "app_rss_anon_mb": round(_rss_mb("RssAnon"), 1),
        "app_rss_file_mb": round(_rss_mb("RssFile"), 1),
        "app_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # The machine's time taken by its host while the searches ran (a virtual machine's
        # "steal"): the same code is slower on a starved machine, Chroma's query with it.
        "cpu_steal_pct": round(100 * cpu[1] / max(cpu[0], 1), 1),
    }
    print(json.dumps(figures), flush=True)
    new_word = sys.stdin.readline().strip()  # the other process has added a paper with it
    deadline = time.monotonic() + VISIBLE_TIMEOUT_S
    while time.monotonic() < deadline:
        # found: among the hits by BM25 (random vectors give it no dense rank to speak of)
        if any(hit.lexical_score > 0 for hit in retriever.search(new_word).hits):
            print(json.dumps({"visible_at": time.time()}), flush=True)
            return
        time.sleep(0.01)
    print(json.dumps({"visible_at": None}), flush=True)


def _cpu_jiffies() -> tuple[int, int]:
    """(all, steal) of the machine's CPU time so far, in jiffies (/proc/stat's first line)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    # user nice system idle iowait irq softirq steal [guest guest_nice: already in user]
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def _rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB: all of it (VmRSS), or the process's own (RssAnon) apart from
    mapped files (RssFile: tantivy's segments, which the kernel can drop and re-read)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(
    root: Path,
    n: int,
    words: np.ndarray,
    queries: list[str],
    port: int | None = None,
    rewrite_lexical: bool = False,
) -> dict[str, Any]:
    """Fill a fresh Chroma server with ``n`` chunks (unless ``root`` holds them from a run
    before) and run the app process against it; with ``port``, a `chroma run` already serving
    on this machine (its folder is not ours to size)."""
    if port is not None:
        figures = _measure(root, port, n, words, queries, rewrite_lexical)
        figures["bytes_per_chunk"] = None
        figures["lexical_bytes_per_chunk"] = round(_folder_bytes(root / f"scale-{n}") / n)
        return figures
    # The lexical index's folder is named by the server's address: a kept folder is served on
    # the port it was written through, or the app would open an empty lexical index.
    port_file = root / f"chroma-{n}.port"
    kept = int(port_file.read_text()) if port_file.exists() else None
    with chroma_server(root / f"chroma-{n}", kept) as port:
        port_file.write_text(str(port))
        figures = _measure(root, port, n, words, queries, rewrite_lexical)
    figures["bytes_per_chunk"] = round(
        (_folder_bytes(root / f"chroma-{n}") + _folder_bytes(root / f"scale-{n}")) / n
    )
    figures["lexical_bytes_per_chunk"] = round(_folder_bytes(root / f"scale-{n}") / n)
    return figures


def _measure(
    root: Path,
    port: int,
    n: int,
    words: np.ndarray,
    queries: list[str],
    rewrite_lexical: bool = False,
) -> dict[str, Any]:
    index_dir = root / f"scale-{n}"
    settings = _settings(index_dir, port)
    embedder = RandomEmbedder()
    store = Store(settings, embedder.id, embedder.dimension)
    written = store.count_chunks()  # a kept folder: n chunks, plus a paper from each run before
    reused = written >= n
    with stopwatch() as add:
        lexical_s = 0.0 if reused else _fill(store, n, words, np.random.default_rng(n))
    if reused and rewrite_lexical:
        # A kept Chroma, a lexical index in today's format: the same chunks, written again.
        shutil.rmtree(lexical_folder(settings, store.collection_id), ignore_errors=True)
        lexical_s = _fill(store, n, words, np.random.default_rng(n), chroma=False)
    written = store.count_chunks()
    assert written >= n, f"{root} holds {written:,} chunks, fewer than {n:,}: a run was cut short"
    queries_file = root / f"queries-{n}.json"
    queries_file.write_text(json.dumps(queries))
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.scale",
            "--probe",
            str(index_dir),
            str(port),
            str(queries_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdin is not None and app.stdout is not None
    figures = json.loads(app.stdout.readline())
    new_word = f"{NEW_WORD}{written}"  # a kept folder has the papers of runs before
    text = f"A new paper on {new_word} of tiny adapters"
    added_at = time.time()
    _write(store, written, [text, text], np.random.default_rng(0))  # one more paper, two chunks
    store.bump_revision()
    app.stdin.write(f"{new_word}\n")
    app.stdin.flush()
    visible_at = json.loads(app.stdout.readline())["visible_at"]
    app.wait()
    return {
        "chunks": n,
        **figures,
        "new_paper_visible_s": round(visible_at - added_at, 3) if visible_at else None,
        "add_s": round(add[0], 1),
        "reused": reused,  # written by a run before: add_s and lexical_write_s are 0
        "lexical_write_s": round(lexical_s, 1),
    }


def make_queries(words: np.ndarray, count: int) -> list[str]:
    rng = np.random.default_rng(0)
    return [" ".join(words[rng.integers(0, len(words), WORDS_PER_QUERY)]) for _ in range(count)]


def run(bench: Bench) -> None:
    section("4. Scale: search vs collection size, in a separate app process (synthetic chunks)")
    sizes = [1_000, 10_000] if bench.quick else [1_000, 10_000, 100_000]
    n_queries = 50 if bench.quick else 200
    words = corpus_words()
    queries = make_queries(words, n_queries)

    rows, notes = [], []
    for n in sizes:
        r = measure(bench.root, n, words, queries)
        rows.append(
            [
                f"{n:,}",
                r["add_s"],
                r["lexical_write_s"],
                r["first_search_s"],
                r["search_p50_ms"],
                r["search_p95_ms"],
                r["chroma_query_p50_ms"],
                r["chroma_query_p95_ms"],
                r["app_rss_mb"],
                r["new_paper_visible_s"],
                r["bytes_per_chunk"],
            ]
        )
        if r["add_s"] > BUILD_WARNING_S:
            notes.append(f"{n:,} chunks took {r['add_s']:.0f} s to write.")
    table(
        [
            "chunks",
            "write s",
            "of which lexical s",
            "first search s",
            "search p50 ms",
            "p95 ms",
            "Chroma ids n=40 p50 ms",
            "p95 ms",
            "app RSS MB",
            "new paper visible s",
            "bytes/chunk",
        ],
        rows,
        notes=[
            f"{n_queries} queries of {WORDS_PER_QUERY} corpus words per size; "
            f"{WORDS_PER_CHUNK} words a chunk, {CHUNKS_PER_PAPER} chunks a paper.",
            "search = the project's hybrid search in a new app process (fake embedder: ~0 ms "
            "embedding), k = 8 papers from 40 candidates a side; first search s = from the "
            "process's imports done to its first result.",
            "Chroma ids n=40 = the one Chroma query the project makes per search, for the same "
            "vectors in the same process (over HTTP to the `chroma run` server).",
            "new paper visible s = from this process writing one paper (Chroma, then the "
            "lexical index) to the app's first search that finds it by BM25.",
            "write s = Chroma add() in batches of the client's maximum batch size plus the "
            "lexical index's writes; bytes/chunk = Chroma's folder and the lexical index's.",
            *(notes or ["every size written in under ~3 minutes."]),
        ],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--chroma-server",
        metavar="PORT",
        type=int,
        help="a `chroma run` already serving on 127.0.0.1:PORT (default: start one here)",
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="write into DIR and keep it; a later run with the same DIR only measures",
    )
    parser.add_argument(
        "--rewrite-lexical",
        action="store_true",
        help="with --keep: write the kept chunks' lexical index again (after a format change)",
    )
    parser.add_argument("--probe", nargs=3, help=argparse.SUPPRESS)  # the app process
    args = parser.parse_args(argv)
    if args.probe:
        probe(Path(args.probe[0]), int(args.probe[1]), Path(args.probe[2]))
        return
    words = corpus_words()
    queries = make_queries(words, args.queries)
    with contextlib.ExitStack() as stack:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            root = args.keep
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rag-scale-")))
        figures = measure(
            root, args.chunks, words, queries, args.chroma_server, args.rewrite_lexical
        )
    print(json.dumps(figures, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
