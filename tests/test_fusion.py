"""Fusion, diversity and filters of rag.retrieval, on small fixtures."""

from __future__ import annotations

import numpy as np
import pytest

from rag.retrieval import Filters, _fuse, _mmr, _Paper


def paper(pid: str, dense: float, lexical: float, row: int) -> _Paper:
    chunk = f"{pid}:{row}"
    return _Paper(pid, dense=dense, lexical=lexical, chunk=chunk, origin={"dense", "lexical"})


def test_a_large_lexical_lead_survives_fusion():
    # One paper named by the question's rare words (BM25 far ahead), slightly behind densely:
    # rank fusion would call it a tie; score fusion keeps it first.
    named = paper("named", dense=0.60, lexical=30.0, row=0)
    similar = paper("similar", dense=0.62, lexical=3.0, row=1)
    other = paper("other", dense=0.40, lexical=2.0, row=2)
    assert [p.paper_id for p in _fuse([similar, other, named])] == ["named", "similar", "other"]


def test_a_paper_only_the_dense_side_finds_keeps_its_dense_half():
    # Topical question: the relevant paper shares no words with it (BM25 0), yet it keeps the
    # whole dense half and outranks every paper but the lexical leader.
    relevant = paper("relevant", dense=0.70, lexical=0.0, row=0)
    leader = paper("leader", dense=0.31, lexical=3.0, row=1)
    loose = [paper(f"loose{i}", dense=0.30 + i / 100, lexical=1.0 + i / 10, row=i) for i in (2, 3)]
    ranked = _fuse([*loose, leader, relevant])
    assert [p.paper_id for p in ranked][:2] == ["leader", "relevant"]
    assert ranked[1].fused == pytest.approx(0.5)  # the dense half at its maximum


def test_mmr_sinks_a_near_duplicate_below_a_different_paper():
    matrix = np.array([[1.0, 0.0], [0.999, 0.045], [0.6, 0.8]], dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    vectors = dict(zip(["a:0", "a-again:0", "b:0"], matrix, strict=True))
    ranked = [
        _Paper("a", chunk="a:0", fused=1.0),
        _Paper("a-again", chunk="a-again:0", fused=0.95),
        _Paper("b", chunk="b:0", fused=0.85),
    ]
    assert [p.paper_id for p in _mmr(ranked, vectors, k=3, lam=0.7)] == ["a", "b", "a-again"]
    # With relevance only, the order is the fused order.
    assert [p.paper_id for p in _mmr(ranked, vectors, k=3, lam=1.0)] == ["a", "a-again", "b"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), True),
        (Filters(source="001_"), True),
        (Filters(source="003_"), False),
        (Filters(category="cs.CL"), True),
        (Filters(category="cs"), False),  # whole categories, not prefixes
        (Filters(date_from="2023-01-01"), True),
        (Filters(date_from="2024-01-01"), False),
        (Filters(date_to="2023-12-31"), True),
        (Filters(date_to="2023-01-01"), False),
    ],
)
def test_filters_match_on_source_category_and_date(filters, expected):
    meta = {"sources": "001_a.txt 004_b.txt", "categories": "cs.CL cs.LG", "date": "2023-06-01"}
    assert filters.accepts(meta) is expected


def test_a_paper_without_a_date_fails_a_date_filter():
    assert not Filters(date_from="2020-01-01").accepts({"date": ""})
