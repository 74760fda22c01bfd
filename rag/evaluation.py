"""Score retrieval on a question file (answers: ``rag.answer_eval``).

Question file: one JSON object a line with ``id``, ``type`` (single | multi | unanswerable),
``question``, ``gold_titles`` and ``answer_keywords``; a follow-up also has ``history``
(plain ``{role, content}`` messages), a near-miss may name ``related_titles``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from rag.errors import InputError
from rag.records import SearchResult, normalise_title


class Question(BaseModel):
    id: str
    type: Literal["single", "multi", "unanswerable"]
    question: str
    gold_titles: list[str] = []
    answer_keywords: list[str] = []
    history: list[dict[str, str]] = []
    related_titles: list[str] = []
    note: str = ""
    variant: str = ""


def load_questions(path: Path) -> list[Question]:
    questions = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"Cannot read the question file {path} ({error}); check the path."
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(Question.model_validate_json(line))
        except ValidationError as error:
            detail = error.errors()[0]["msg"]
            raise InputError(
                f"{path}:{number}: not a valid question ({detail}); fix or remove that line."
            ) from None
    return questions


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([5, 1, 3, 2, 4], 0.5), percentile([], 0.5)
    (3, 0.0)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def evaluate_retrieval(
    questions: list[Question], search: Callable[[str], SearchResult], k_multi: int = 10
) -> dict[str, Any]:
    """Retrieval metrics; ``search`` must return at least ``k_multi`` hits when it can."""
    r1, r5, mrr, multi_recall = [], [], [], []
    abstained_unanswerable, abstained_answerable = [], []
    latencies: list[float] = []
    per_question = []
    for q in questions:
        started = time.perf_counter()
        result = search(q.question)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = [normalise_title(h.title) for h in result.hits]
        gold = {normalise_title(t) for t in q.gold_titles}
        record: dict[str, Any] = {"id": q.id, "type": q.type, "answerable": result.answerable}
        if q.type == "unanswerable":
            abstained_unanswerable.append(not result.answerable)
        else:
            abstained_answerable.append(not result.answerable)
        if q.type == "single":
            rank = next((i + 1 for i, t in enumerate(ranked[:10]) if t in gold), None)
            r1.append(rank == 1)
            r5.append(rank is not None and rank <= 5)
            mrr.append(1.0 / rank if rank else 0.0)
            record["rank"] = rank
        elif q.type == "multi":
            found = len(gold & set(ranked[:k_multi]))
            multi_recall.append(found / len(gold) if gold else 1.0)
            record["recall"] = multi_recall[-1]
        per_question.append(record)

    def mean(values: list[Any]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    return {
        "single_recall_at_1": mean(r1),
        "single_recall_at_5": mean(r5),
        "single_mrr_at_10": mean(mrr),
        "multi_recall_at_10": mean(multi_recall),
        "abstain_rate_unanswerable": mean(abstained_unanswerable),
        "false_abstain_rate": mean(abstained_answerable),
        "retrieval_p50_ms": round(percentile(latencies, 0.5), 2),
        "retrieval_p95_ms": round(percentile(latencies, 0.95), 2),
        "counts": {
            "single": len(r1),
            "multi": len(multi_recall),
            "unanswerable": len(abstained_unanswerable),
            "total": len(questions),
        },
        "per_question": per_question,
    }
