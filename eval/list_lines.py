"""How well a "which papers" answer's lines say what each paper does, through ``ask()``.

    python eval/list_lines.py eval/list_lines_topical_cde.jsonl heldout_topical_c heldout_topical_d

A labels file has one line per (question, paper that belongs): ``key`` ("<question id>|<the
paper's normalised title>"), ``title``, the abstract's ``sentences`` (as ``split_sentences``
splits them), ``ok`` (the numbers of the sentences that on their own tell a researcher what
the paper does about the question's topic) and ``best`` (the labeller's pick among them).
Written by a helper that saw the questions and abstracts only (eval/WRITING.md). Reported over
the lines an answer gives to papers that belong: the share whose sentence is ``ok``, and the
share that is ``best``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from rag.citations import MARKER
from rag.records import normalise_title

_LINE = re.compile(r"- \*\*(.+?)\*\*: (.*)$")


def _plain(text: str) -> str:
    """A sentence without its citation markers, punctuation or case."""
    return re.sub(r"\W+", " ", MARKER.sub("", text)).strip().casefold()


def score_lines(question_id: str, text: str, labels: dict[str, Any]) -> list[tuple[bool, bool]]:
    """(ok, best) for each line of ``text`` about a labelled paper; a line whose sentence is
    none of the abstract's counts as neither."""
    scored = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        label = labels.get(f"{question_id}|{normalise_title(match.group(1))}")
        if label is None:
            continue
        said = _plain(match.group(2))
        numbers = [i for i, s in enumerate(label["sentences"]) if _plain(s) == said]
        n = numbers[0] if numbers else -1
        scored.append((n in label["ok"], n == label["best"]))
    return scored


def main(argv: list[str]) -> int:
    from rag.assistant import Assistant
    from rag.evaluation import load_questions

    if len(argv) < 2:
        print("usage: python eval/list_lines.py LABELS.jsonl SET [SET ...]", file=sys.stderr)
        return 2
    labels_file, *sets = argv
    labels = {}
    for raw in Path(labels_file).read_text(encoding="utf-8").splitlines():
        label = json.loads(raw)
        labels[label["key"]] = label
    assistant = Assistant()
    scored: list[tuple[bool, bool]] = []
    for name in sets:
        path = Path(name) if name.endswith(".jsonl") else Path(__file__).parent / f"{name}.jsonl"
        for q in load_questions(path):
            if q.type == "multi" and not q.history:
                # offline lines, whatever RAG_ settings say: an LLM's lines are its own words
                answer = assistant.ask(q.question, mode="extractive")
                scored += score_lines(q.id, answer.text, labels)
    if not scored:
        print("no labelled paper was listed")
        return 1
    ok = sum(o for o, _ in scored) / len(scored)
    best = sum(b for _, b in scored) / len(scored)
    print(f"lines about papers that belong: {len(scored)}; says what it does: {ok:.3f}; "
          f"the labeller's pick: {best:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
