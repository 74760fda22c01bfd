"""Answer metrics through ``ask()``, the way users meet answers (``rag eval --answers``).

LitQA2-style: an answer is *correct* when it cites a gold paper and contains every answer keyword
(a fact question), cites at least half of the gold papers (a "which papers" question), or
abstains (a question the papers cannot answer). Reported:

* precision: correct among the answered (not abstained);
* accuracy: correct among all;
* citation precision: of the papers a one-paper answer cites, the share that is the gold one;
* list precision and list recall, over the "which papers" questions answered with a list: of
  the papers listed, the share that belongs (the gold list names every paper that does); of
  the papers that belong, the share listed. Correctness asks only for half of them: these say
  what a researcher reads (a declined list counts in false abstention, not here); and the
  share that belongs among the papers listed before and after an offline list's NEAR_TOPIC line;
* abstention on unanswerable, false abstention on answerable;
* follow-up correctness: accuracy on the questions that come with a conversation.
"""

from __future__ import annotations

from typing import Any

from rag.citations import parse_markers
from rag.evaluation import Question, percentile
from rag.prompts import NEAR_TOPIC
from rag.records import normalise_title


def judge(q: Question, answer: Any) -> dict[str, Any]:
    """One question's verdict: correct, and what it was judged on."""
    gold = {normalise_title(t) for t in q.gold_titles}
    cited = [normalise_title(c.title) for c in answer.citations]
    record: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "abstained": answer.abstained,
        "outcome": getattr(answer, "outcome", ""),
        "cited": len(cited),
    }
    if q.type == "unanswerable":
        record["correct"] = answer.abstained
        return record
    if answer.abstained:
        record["correct"] = False
        return record
    if q.type == "single":
        text = answer.text.casefold()
        record["keywords"] = all(k.casefold() in text for k in q.answer_keywords)
        record["gold_cited"] = bool(gold & set(cited))
        record["citation_precision"] = sum(c in gold for c in cited) / len(cited) if cited else 0.0
        record["correct"] = record["keywords"] and record["gold_cited"]
    else:
        found = len(gold & set(cited))
        record["recall"] = found / len(gold) if gold else 1.0
        record["list_precision"] = found / len(set(cited)) if cited else 0.0
        # The papers an offline list puts after its NEAR_TOPIC line, apart.
        after = answer.text.partition(NEAR_TOPIC)[2]
        near = {n for group in parse_markers(after) for n in group}
        belongs = {c.marker: normalise_title(c.title) in gold for c in answer.citations}
        record["near"] = [b for marker, b in belongs.items() if marker in near]
        record["sure"] = [b for marker, b in belongs.items() if marker not in near]
        record["correct"] = record["recall"] >= 0.5
    return record


def evaluate_answers(assistant: Any, questions: list[Question]) -> dict[str, Any]:
    records, latencies, uncited = [], [], 0
    for q in questions:
        answer = assistant.ask(q.question, q.history or None)
        latencies.append(answer.timings_ms.get("total", 0.0))
        uncited += len(answer.uncited_sentences)
        records.append(judge(q, answer))

    def mean(values: list[Any]) -> float | None:
        return round(sum(values) / len(values), 4) if values else None

    answered = [r for r in records if not r["abstained"]]
    answerable = [r for r in records if r["type"] != "unanswerable"]
    unanswerable = [r for r in records if r["type"] == "unanswerable"]
    singles = [r for r in answerable if r["type"] == "single" and not r["abstained"]]
    lists = [r for r in answered if r["type"] == "multi"]
    followups = [r for q, r in zip(questions, records, strict=True) if q.history]
    return {
        "precision": mean([r["correct"] for r in answered]),
        "accuracy": mean([r["correct"] for r in records]),
        "citation_precision": mean([r["citation_precision"] for r in singles]),
        "keyword_recall": mean([r["keywords"] for r in singles]),
        "list_precision": mean([r["list_precision"] for r in lists]),
        "list_recall": mean([r["recall"] for r in lists]),
        # Of all papers listed before / after a NEAR_TOPIC line, the share that belongs.
        "list_sure_precision": mean([b for r in lists for b in r["sure"]]),
        "list_near_precision": mean([b for r in lists for b in r["near"]]),
        # Named apart from the retrieval verdict's rates, which `rag eval` reports beside these.
        "answer_abstain_rate_unanswerable": mean([r["abstained"] for r in unanswerable]),
        "answer_false_abstain_rate": mean([r["abstained"] for r in answerable]),
        "followup_correct": mean([r["correct"] for r in followups]),
        "uncited_sentences": uncited,
        "answer_p50_ms": round(percentile(latencies, 0.5), 2),
        "answer_counts": {
            "answered": len(answered),
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "lists": len(lists),
            "followups": len(followups),
        },
        "answer_per_question": records,
    }
