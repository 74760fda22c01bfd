"""The bundled listing pages: both layouts, ids, URLs, dates, and the real files' counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.config import Settings
from rag.corpus import bundled_corpus_files, find_urls, merge_duplicates, parse_listing
from rag.importers import read_file, read_paths
from rag.records import paper_id_for

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ABSTRACT_A = (
    "We pre-train a byte-level encoder on raw text without any tokenizer. It matches subword "
    "models on classification and is more robust to noise. Code: https://github.com/x/bytes."
)
ABSTRACT_B = (
    "We study retrieval-augmented generation with long contexts and show that a small retriever "
    "paired with a large reader beats both alone on open-domain question answering benchmarks."
)
ABSTRACT_C = (
    "A survey of continual pre-training for large language models, covering forgetting, data "
    "mixing and learning-rate schedules, with a benchmark of twelve methods (see "
    "https://example.org/cpt-survey)."
)

LAYOUT_1 = f"""new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Mar 21

Byte Encoders: Tokenizer-free Pre-training

{ABSTRACT_A}



Retrieval Meets Long Context

{ABSTRACT_B}

"""

LAYOUT_2 = (
    "Get trending papers in your email inbox once a day!\n"
    "Get trending papers in your email inbox!\n"
    f"SubscribeContinual Pre-training: A Survey\n{ABSTRACT_C}\n"
    f"Retrieval Meets Long Context\n{ABSTRACT_B}\n"
)


def test_layout_1_boilerplate_date_and_blank_lines():
    papers, problems = parse_listing(LAYOUT_1, "page1.txt")
    assert problems == []
    assert [p.title for p in papers] == [
        "Byte Encoders: Tokenizer-free Pre-training",
        "Retrieval Meets Long Context",
    ]
    assert [p.abstract for p in papers] == [ABSTRACT_A, ABSTRACT_B]
    assert {p.date for p in papers} == {"Mar 21"}
    assert all(p.sources == ["page1.txt"] for p in papers)
    assert papers[0].urls == ["https://github.com/x/bytes"]
    assert papers[1].urls == []


def test_layout_2_no_blank_lines_and_title_glued_to_subscribe():
    papers, problems = parse_listing(LAYOUT_2, "page2.txt")
    assert problems == []
    assert [p.title for p in papers] == [
        "Continual Pre-training: A Survey",
        "Retrieval Meets Long Context",
    ]
    assert [p.abstract for p in papers] == [ABSTRACT_C, ABSTRACT_B]
    assert papers[0].date == ""
    assert papers[0].urls == ["https://example.org/cpt-survey"]


def test_ids_are_stable_and_follow_the_normalised_title():
    first, _ = parse_listing(LAYOUT_1, "page1.txt")
    again, _ = parse_listing(LAYOUT_1, "other-name.txt")
    assert [p.id for p in first] == [p.id for p in again]
    assert first[1].id == paper_id_for("retrieval meets   LONG context!")
    assert first[0].id != first[1].id


def test_same_paper_on_two_pages_is_merged_with_both_sources():
    one, _ = parse_listing(LAYOUT_1, "page1.txt")
    two, _ = parse_listing(LAYOUT_2, "page2.txt")
    merged = {p.title: p for p in merge_duplicates(one + two)}
    assert len(merged) == 3
    shared = merged["Retrieval Meets Long Context"]
    assert shared.sources == ["page1.txt", "page2.txt"]
    assert shared.date == "Mar 21"  # the listing date of the first page is kept


@pytest.mark.parametrize(
    "orphan",
    [
        "Scaling Laws for Neural Language Models",  # about as long as the next title
        "Scaling Laws",  # less than half as long as the next title
    ],
)
def test_title_without_abstract_is_reported_and_the_rest_kept(orphan):
    text = LAYOUT_1.replace(
        "Retrieval Meets Long Context", f"{orphan}\n\nRetrieval Meets Long Context"
    )
    papers, problems = parse_listing(text, "page.txt")
    assert [(p.title, p.abstract) for p in papers] == [
        ("Byte Encoders: Tokenizer-free Pre-training", ABSTRACT_A),
        ("Retrieval Meets Long Context", ABSTRACT_B),
    ]
    assert len(problems) == 1
    assert problems[0].file == "page.txt"
    assert text.splitlines()[problems[0].line - 1] == orphan


def test_find_urls_strips_trailing_punctuation_and_repeats():
    text = "See https://github.com/a/b. Also (https://x.org/p), and https://github.com/a/b;"
    assert find_urls(text) == ["https://github.com/a/b", "https://x.org/p"]


# --- the real bundled files ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_files() -> list[Path]:
    return bundled_corpus_files(DATA_DIR)


def test_bundled_files_hold_482_records_and_421_papers(bundled_files):
    assert len(bundled_files) == 5
    records, problems = [], []
    for path in bundled_files:
        found, issues = read_file(path)
        records.extend(found)
        problems.extend(issues)
    assert problems == []
    assert len(records) == 482
    assert len({p.id for p in records}) == 421
    papers, problems = read_paths([DATA_DIR / "seeds"])
    assert problems == []
    assert len(papers) == 421
    assert len({p.id for p in papers}) == 421
    assert sum(len(p.sources) for p in papers) == 482


def test_bundled_layouts_parse_to_clean_titles(bundled_files):
    by_file = {path.name[:3]: read_file(path)[0] for path in bundled_files}
    assert by_file["003"][0].title.startswith("CodeT5: Identifier-aware")
    assert by_file["000"][0].title.startswith("Cross the Gap")
    for papers in by_file.values():
        for paper in papers:
            assert not paper.title.startswith("Subscribe")
            assert len(paper.title) <= 400
            assert len(paper.abstract) > 2 * len(paper.title)


def test_bundled_dates_urls_and_ids(bundled_files):
    by_file = {path.name[:3]: read_file(path)[0] for path in bundled_files}
    assert {p.date for p in by_file["000"]} == {"Mar 21"}
    assert {p.date for p in by_file["001"]} == {"Mar 11"}
    assert {p.date for p in by_file["003"]} == {""}  # layout 2 has no date line
    cross_the_gap = by_file["000"][0]
    assert cross_the_gap.urls == ["https://github.com/miccunifi/Cross-the-Gap"]

    papers, _ = read_paths([DATA_DIR / "seeds"])
    with_urls = [p for p in papers if p.urls]
    assert len(with_urls) > 50
    for paper in with_urls:
        assert all(url in paper.abstract for url in paper.urls)
        assert all(not url.endswith((".", ",", ";", ":")) for url in paper.urls)
    # Ids are a function of the title alone: the same on every read.
    again, _ = read_paths([DATA_DIR / "seeds"])
    assert [p.id for p in papers] == [p.id for p in again]
    assert all(p.id == paper_id_for(p.title) for p in papers)


def test_without_a_data_dir_the_corpus_is_the_one_shipped_with_the_package(bundled_files):
    assert Settings(_env_file=None).data_dir is None  # type: ignore[call-arg]
    packaged = bundled_corpus_files(None)
    assert [p.name for p in packaged] == [p.name for p in bundled_files]
    for shipped, checkout in zip(packaged, bundled_files, strict=True):
        assert shipped.read_bytes() == checkout.read_bytes()
    papers, problems = read_paths(packaged)
    assert (len(papers), problems) == (421, [])


def test_latex_sim_that_lost_its_markup_reads_as_a_tilde():
    page = "Title\nIt outperforms its counterparts by sim2.4 AP, a simple similarity.\n"
    papers, _ = parse_listing(page, "page.txt")
    assert papers[0].abstract == "It outperforms its counterparts by ~2.4 AP, a simple similarity."
