"""Section 3: retrieval quality and latency on the dev, holdout, independent and unseen sets.

Every method is scored by rag.evaluation.evaluate_retrieval, the same code as ``rag eval``, with
k = 10 papers. The project's verdict (abstain or not) was fitted on the dev set, so the holdout
and independent blocks are the fair ones for the two abstention columns. The independent set was
written by readers who never saw the system, in their own words: the hardest of them. The
unseen set was written the same way and measured once, after every choice had been made.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.baselines import Baselines
from benchmarks.common import (
    dev_questions,
    holdout_questions,
    independent_questions,
    section,
    table,
    unseen_questions,
)
from benchmarks.context import Bench
from rag.evaluation import Question, evaluate_retrieval
from rag.records import SearchResult

K = 10
COLUMNS = [
    ("single_recall_at_1", "single R@1"),
    ("single_recall_at_5", "R@5"),
    ("single_mrr_at_10", "MRR@10"),
    ("multi_recall_at_10", "multi R@10"),
    ("abstain_rate_unanswerable", "abstain-unans."),
    ("false_abstain_rate", "false-abstain"),
    ("retrieval_p50_ms", "p50 ms"),
    ("retrieval_p95_ms", "p95 ms"),
]


def run(bench: Bench) -> None:
    section("3. Retrieval quality and latency (k = 10 papers)")
    assistant = bench.assistant
    methods: dict[str, Callable[[str], SearchResult]] = dict(Baselines(assistant, K).searches())
    methods["this project: Assistant.search"] = lambda q: assistant.search(q, k=K)
    for q in dev_questions()[:3]:  # warm-up: first calls load the BM25 index and ONNX buffers
        for search in methods.values():
            search(q.question)

    for label, questions in (
        ("dev", dev_questions()),
        ("holdout", holdout_questions()),
        ("independent", independent_questions()),
        ("unseen", unseen_questions()),
    ):
        _block(label, questions, methods)


def _block(
    label: str, questions: list[Question], methods: dict[str, Callable[[str], SearchResult]]
) -> None:
    rows = []
    counts = {}
    for name, search in methods.items():
        metrics = evaluate_retrieval(questions, search, k_multi=K)
        counts = metrics["counts"]
        rows.append([name, *(_cell(key, metrics[key]) for key, _ in COLUMNS)])
    table(
        ["method", *(header for _, header in COLUMNS)],
        rows,
        title=(
            f"{label}: {counts['total']} questions ({counts['single']} single, "
            f"{counts['multi']} multi, {counts['unanswerable']} unanswerable)"
        ),
        notes=[
            "abstain-unans. = share of unanswerable questions judged unanswerable (higher is "
            "better); false-abstain = share of answerable ones judged unanswerable (lower is "
            "better). The baselines never abstain, hence 0.00 and 0.00.",
            "p50/p95 = wall time per question including the query embedding.",
        ],
    )


def _cell(key: str, value: float) -> str:
    return f"{value:.1f}" if key.endswith("_ms") else f"{value:.2f}"
