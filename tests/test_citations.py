"""Citation markers: parsing, cleaning and the per-sentence check of a generated answer."""

from __future__ import annotations

import pytest

from rag.citations import check, clean_markers, parse_markers
from rag.prompts import NO_ANSWER

SOURCES = {
    1: "ByT5: Towards a token-free future with pre-trained byte-to-byte models\n"
    "ByT5 is a standard Transformer that reads and writes raw UTF-8 bytes instead of subword "
    "tokens, so it needs no tokenizer. It is far more robust to spelling noise than subword models.",
    2: "mT5: A massively multilingual pre-trained text-to-text transformer\n"
    "mT5 is a multilingual variant of T5 pre-trained on a Common Crawl dataset covering 101 "
    "languages.",
    3: "Dense Passage Retrieval for Open-Domain Question Answering\n"
    "A dual encoder maps questions and Wikipedia passages into one vector space.",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ByT5 reads bytes [1].", [[1]]),
        ("Both use T5 [1, 3].", [[1, 3]]),
        ("Both use T5 [1,3].", [[1, 3]]),
        ("A range [1-3].", [[1, 2, 3]]),
        ("An en-dash range [2–4].", [[2, 3, 4]]),
        ("Spaced range [2 – 4].", [[2, 3, 4]]),
        ("Mixed [1, 3-5].", [[1, 3, 4, 5]]),
        ("Worded [1 and 2].", [[1, 2]]),
        ("Two groups [1] and later [2, 3].", [[1], [2, 3]]),
        ("Repeated numbers [2, 2].", [[2]]),
        ("No citations here, not even [a] or [].", []),
    ],
)
def test_parse_markers(text, expected):
    assert parse_markers(text) == expected


def test_parse_markers_does_not_expand_absurd_ranges():
    # "[1-1000]" is not a citation anyone means: the ends are kept, not 1000 numbers.
    assert parse_markers("See [1-1000].") == [[1, 1000]]


def test_clean_markers_drops_numbers_without_a_source_and_reports_them():
    text, dropped = clean_markers("A [1]. B [7]. C [2, 9]. D [1-3].", valid={1, 2})
    assert text == "A [1]. B. C [2]. D [1, 2]."
    assert dropped == [7, 9, 3]


def test_clean_markers_reports_each_dropped_number_once_and_keeps_valid_text_unchanged():
    text, dropped = clean_markers("X [9]. Y [9, 1]. Z [4–5].", valid={1})
    assert text == "X. Y [1]. Z."
    assert dropped == [9, 4, 5]
    unchanged = "ByT5 reads bytes [1]. mT5 covers 101 languages [1, 2]."
    assert clean_markers(unchanged, valid={1, 2}) == (unchanged, [])


def test_check_marks_cited_sources_and_flags_uncited_and_weak_sentences():
    supported = "ByT5 reads raw UTF-8 bytes instead of subword tokens [1]."
    multilingual = "mT5 covers a Common Crawl dataset of many languages [2]."
    uncited = "Byte models are popular with chefs working in Paris."
    weak = "The model cures cancer in laboratory mice within days [1]."
    text = f"{supported} {multilingual} {uncited} {weak} Nothing else [7]."

    cleaned, report = check(text, SOURCES, exempt=(NO_ANSWER,))

    assert report.cited == [1, 2]  # 3 was never cited, 7 points at no source
    assert report.dropped == [7]
    assert "[7]" not in cleaned
    assert report.uncited_sentences == [uncited]
    assert report.weak_sentences == [weak]


def test_check_leaves_the_no_answer_sentence_alone():
    cleaned, report = check(NO_ANSWER, SOURCES, exempt=(NO_ANSWER,))
    assert cleaned == NO_ANSWER
    assert report.uncited_sentences == []
    assert report.weak_sentences == []
    assert report.cited == []

    # Without the exemption the same sentence is an uncited claim: the exemption is what
    # spares it.
    _, strict = check(NO_ANSWER, SOURCES)
    assert strict.uncited_sentences == [NO_ANSWER]


def test_check_skips_list_lead_ins_and_checks_each_list_item():
    text = (
        "Papers:\n"
        "- ByT5 reads raw UTF-8 bytes without a tokenizer [1].\n"
        "- A dual encoder maps questions and passages into one space [3].\n"
        "- Subword vocabularies grow with every language added."
    )
    cleaned, report = check(text, SOURCES, exempt=(NO_ANSWER,))
    assert cleaned == text
    assert report.cited == [1, 3]
    assert report.uncited_sentences == ["Subword vocabularies grow with every language added."]
    assert report.weak_sentences == []


def test_check_support_counts_every_source_of_a_group():
    # Three of the eight content words come from source 1, the rest from source 2: weak when
    # cited to source 1 alone, fully supported by the two together.
    claim = "ByT5 reads bytes while multilingual mT5 covers 101 languages"
    _, alone = check(f"{claim} [1].", SOURCES)
    _, together = check(f"{claim} [1, 2].", SOURCES)
    assert alone.weak_sentences == [f"{claim} [1]."]
    assert together.weak_sentences == []
    assert together.cited == [1, 2]


def test_markers_after_the_full_stop_cite_the_sentence_they_follow():
    sources = {1: "BERT trains fast on TPUs.", 2: "ALBERT shares parameters across layers."}
    text = "BERT trains fast on TPUs. [1] ALBERT shares parameters across layers. [2]"
    _, report = check(text, sources)
    assert report.uncited_sentences == []
    assert report.cited == [1, 2]
    # each sentence is checked against its own source: swapped markers make both weak
    _, swapped = check(
        "BERT trains fast on TPUs. [2] ALBERT shares its layers' parameters. [1]", sources
    )
    assert len(swapped.weak_sentences) == 2


def test_an_abstract_ending_in_a_doubled_full_stop_keeps_its_citation():
    text = "We build on a network from Li et. al. [1]. Our contribution is byte pair encoding [1]."
    _, report = check(
        text, {1: "We build on a network from Li et. al.. Our contribution is byte pair encoding."}
    )
    assert report.uncited_sentences == []


def test_a_list_lines_title_cannot_vouch_for_what_it_says_of_the_paper():
    sources = {
        1: "ByT5: Towards a Token-Free Future\nByT5 reads raw UTF-8 bytes instead of subword tokens.",
        2: "mT5: A Massively Multilingual Transformer\nmT5 is pre-trained on 101 languages.",
    }
    right = "- **ByT5: Towards a Token-Free Future**: reads raw UTF-8 bytes instead of tokens [1]."
    invented = (
        "- **ByT5: Towards a Token-Free Future**: generates images of cats with diffusion [1]."
    )
    misplaced = "- **ByT5: Towards a Token-Free Future**: is pre-trained on 101 languages [2]."
    _, report = check("\n".join([right, invented, misplaced]), sources)
    assert report.cited == [1, 2] and report.uncited_sentences == []
    # The invented claim (its title's words are all source 1's) and the title of another paper.
    assert report.weak_sentences == [invented.removeprefix("- "), misplaced.removeprefix("- ")]
    # A bold figure inside a sentence is part of the claim, not a label.
    _, report = check("ByT5 reads **raw UTF-8 bytes** [1].", sources)
    assert report.weak_sentences == []
