"""Run the benchmark sections: ``python -m benchmarks.run [--only a,b] [--quick]``.

Sections: ingest, startup, embedding, retrieval, scale, answers, bulk (in that order). Every index is built in
a temporary directory removed at the end. ``--quick`` takes fewer repetitions and skips the
100k-chunk scale step.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path

SECTIONS = ("ingest", "startup", "embedding", "retrieval", "scale", "answers", "bulk")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__)
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions; scale stops at 10k chunks"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary indexes")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(args.sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def environment() -> str:
    import chromadb
    import onnxruntime

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"python {platform.python_version()}, chromadb {chromadb.__version__}, "
        f"onnxruntime {onnxruntime.__version__}, {os.cpu_count()} CPUs, load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Library chatter (bm25s's debug lines, Chroma's warnings) is noise in the tables.
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    from benchmarks.context import Bench

    started = time.perf_counter()
    mode = "quick" if args.quick else "full"
    print(f"Benchmarks ({mode}): {', '.join(s for s in SECTIONS if s in args.sections)}")
    print(environment())
    with tempfile.TemporaryDirectory(prefix="rag-bench-") as tmp:
        root = Path(tmp)
        bench = Bench(root, quick=args.quick)
        for name in SECTIONS:
            if name in args.sections:
                section_started = time.perf_counter()
                importlib.import_module(f"benchmarks.{name}").run(bench)
                elapsed = time.perf_counter() - section_started
                load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
                print(f"  [section {name}: {elapsed:.1f} s; load average now {load}]")
        if args.keep:
            kept = Path(tempfile.mkdtemp(prefix="rag-bench-kept-"))
            os.rename(root, kept / "indexes")
            os.mkdir(root)  # TemporaryDirectory wants something to remove
            print(f"\nIndexes kept in {kept / 'indexes'}")
    print(f"\nTotal run time: {time.perf_counter() - started:.1f} s ({environment()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
