"""How ``rag eval --answers`` judges one answer (the figures in the README come from here)."""

from __future__ import annotations

from rag.answer import Answer, Citation
from rag.answer_eval import judge
from rag.evaluation import Question
from rag.prompts import NEAR_TOPIC

BELONG = ["Paper A", "Paper B", "Paper C", "Paper D"]


def _listing(*titles: str) -> Answer:
    citations = [Citation(n + 1, f"p{n}", title) for n, title in enumerate(titles)]
    return Answer("q", "- ...", citations, [], "extractive", abstained=False)


def _topical() -> Question:
    return Question(id="m", type="multi", question="Which papers ...?", gold_titles=BELONG)


def test_a_list_is_judged_on_what_it_names_that_belongs_and_what_it_leaves_out():
    # Half of the papers that belong, and two that do not: correct, but half of it is noise.
    record = judge(_topical(), _listing("Paper A", "Other 1", "Paper B", "Other 2"))
    assert record["correct"] and record["recall"] == 0.5
    assert record["list_precision"] == 0.5
    exact = judge(_topical(), _listing(*BELONG))
    assert exact["list_precision"] == exact["recall"] == 1.0
    short = judge(_topical(), _listing("Paper A"))
    assert not short["correct"] and short["list_precision"] == 1.0


def test_an_abstained_list_has_no_list_figures():
    declined = Answer("q", "The indexed papers do not answer this.", [], [], "extractive", True)
    record = judge(_topical(), declined)
    assert record["correct"] is False and "list_precision" not in record


def test_the_papers_after_the_near_topic_line_are_counted_apart():
    answer = _listing("Paper A", "Other 1", "Paper B")
    answer.text = (
        f"- **Paper A**: ... [1].\n- **Other 1**: ... [2].\n{NEAR_TOPIC}\n- **Paper B**: ... [3]."
    )
    record = judge(_topical(), answer)
    assert record["sure"] == [True, False] and record["near"] == [True]
    assert judge(_topical(), _listing("Paper A"))["near"] == []
