"""eval/list_lines.py: whether a list's lines say what each paper does, by a labeller's marks."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from rag.chunking import split_sentences
from rag.corpus import bundled_corpus_files, merge_duplicates, parse_listing
from rag.records import normalise_title

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("list_lines", ROOT / "eval" / "list_lines.py")
list_lines = importlib.util.module_from_spec(spec)
spec.loader.exec_module(list_lines)

LABEL = {
    "key": "q1|byt5 towards a token free future",
    "title": "ByT5: Towards a token-free future",
    "sentences": ["Tokenizers are brittle.", "We train byte-level models.", "They are robust."],
    "ok": [1, 2],
    "best": 1,
}


def test_each_line_about_a_labelled_paper_is_scored_by_its_sentence():
    labels = {LABEL["key"]: LABEL}
    text = "\n".join(
        [
            "- **ByT5: Towards a token-free future**: We train byte-level models [1].",
            "- **Some other paper**: We do something else [2].",  # not labelled: not scored
        ]
    )
    assert list_lines.score_lines("q1", text, labels) == [(True, True)]
    background = "- **ByT5: Towards a token-free future**: Tokenizers are brittle [1]."
    assert list_lines.score_lines("q1", background, labels) == [(False, False)]
    also_ok = "- **ByT5: Towards a token-free future**: They are robust [1, 3]."
    assert list_lines.score_lines("q1", also_ok, labels) == [(True, False)]
    # another question's list naming the same paper is not scored with this question's labels
    assert list_lines.score_lines("q2", text, labels) == []
    # a sentence the abstract does not hold counts as neither
    made_up = "- **ByT5: Towards a token-free future**: It reads bytes [1]."
    assert list_lines.score_lines("q1", made_up, labels) == [(False, False)]


@pytest.mark.parametrize(
    ("labels_file", "sets"),
    [
        ("list_lines_topical_ab.jsonl", ["heldout_topical_a", "heldout_topical_b"]),
        (
            "list_lines_topical_cde.jsonl",
            ["heldout_topical_c", "heldout_topical_d", "heldout_topical_e"],
        ),
    ],
)
def test_the_labels_cover_every_paper_that_belongs_of_their_sets(labels_file, sets):
    labels = [
        json.loads(line)
        for line in (ROOT / "eval" / labels_file).read_text(encoding="utf-8").splitlines()
    ]
    keys = {label["key"] for label in labels}
    expected = set()
    for name in sets:
        for line in (ROOT / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q["type"] == "multi":
                expected |= {f"{q['id']}|{normalise_title(t)}" for t in q["gold_titles"]}
    assert keys == expected
    papers = []
    for path in bundled_corpus_files():
        papers += parse_listing(path.read_text(encoding="utf-8"), path.name)[0]
    abstracts = {normalise_title(p.title): p.abstract for p in merge_duplicates(papers)}
    for label in labels:
        assert label["best"] in label["ok"]
        assert all(0 <= n < len(label["sentences"]) for n in label["ok"])
        # split as answers split them, or a line could never match its label
        assert label["sentences"] == split_sentences(abstracts[label["key"].split("|", 1)[1]])


def test_the_list_audit_covers_every_gold_paper_of_its_sets_and_only_indexed_papers():
    # eval/audit_topical_lm.jsonl: a blind judge's "belongs" for gold and listed papers alike.
    rows = [
        json.loads(line)
        for line in (ROOT / "eval" / "audit_topical_lm.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    papers = []
    for path in bundled_corpus_files():
        papers += parse_listing(path.read_text(encoding="utf-8"), path.name)[0]
    indexed = {normalise_title(p.title) for p in merge_duplicates(papers)}
    gold = set()
    for name in ("heldout_topical_l", "heldout_topical_m"):
        for line in (ROOT / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            gold |= {(q["id"], normalise_title(t)) for t in q["gold_titles"]}
    audited = {(r["id"], normalise_title(r["title"])): r for r in rows}
    assert len(audited) == len(rows)  # one verdict per question and paper
    assert {key for key, r in audited.items() if r["gold"]} == gold
    assert all(
        title in indexed and isinstance(r["belongs"], bool) for (_, title), r in audited.items()
    )
