"""Answer metrics on a question file (``rag eval --answers``)."""

from __future__ import annotations

from typing import Any

from rag.evaluation import Question
from rag.records import normalise_title


def evaluate_answers(assistant: Any, questions: list[Question]) -> dict[str, Any]:
    """keyword_recall: share of single questions whose answer_keywords all appear in the answer;
    gold_cited_rate: share of single questions whose gold paper is cited; abstention measured on
    the answers; and how many answer sentences carry no citation."""
    keyword_hits, gold_cited = [], []
    abstained_unanswerable, abstained_answerable = [], []
    uncited = 0
    latencies = []
    for q in questions:
        answer = assistant.ask(q.question)
        latencies.append(answer.timings_ms.get("total", 0.0))
        uncited += len(answer.uncited_sentences)
        if q.type == "unanswerable":
            abstained_unanswerable.append(answer.abstained)
            continue
        abstained_answerable.append(answer.abstained)
        if q.type == "single":
            text = answer.text.casefold()
            keyword_hits.append(all(k.casefold() in text for k in q.answer_keywords))
            gold = {normalise_title(t) for t in q.gold_titles}
            gold_cited.append(any(normalise_title(c.title) in gold for c in answer.citations))

    def mean(values: list[Any]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    ordered = sorted(latencies)
    return {
        "keyword_recall": mean(keyword_hits),
        "gold_cited_rate": mean(gold_cited),
        "answer_abstain_rate_unanswerable": mean(abstained_unanswerable),
        "answer_false_abstain_rate": mean(abstained_answerable),
        "uncited_sentences": uncited,
        "answer_p50_ms": round(ordered[len(ordered) // 2], 2) if ordered else 0.0,
    }
