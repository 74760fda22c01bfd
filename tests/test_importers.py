"""JSONL, CSV and arXiv-snapshot importers: good records, format detection, and bad input."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from rag.importers import detect_format, read_file, read_paths
from rag.records import paper_id_for

ABSTRACT = "We pre-train a compact encoder on scientific text and evaluate it on retrieval."


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def record(n: int, **extra: object) -> dict:
    return {"title": f"Paper number {n}", "abstract": f"{ABSTRACT} Variant {n}.", **extra}


def titles(papers) -> list[str]:
    return [p.title for p in papers]


# --- good input -----------------------------------------------------------------------------


def test_jsonl_reads_all_fields(tmp_path):
    path = write(
        tmp_path / "papers.jsonl",
        jsonl(
            record(
                1,
                url="https://example.org/1",
                authors=["Ada Lovelace", "Alan Turing"],
                date="2024-05-01",
                categories=["cs.CL", "cs.LG"],
            ),
            record(
                2,
                abstract="Code at https://github.com/x/y. We pre-train things.",
                date="2023-01-02",
            ),
        ),
    )
    papers, problems = read_file(path)
    assert problems == []
    first, second = papers
    assert first.id == paper_id_for("Paper number 1")
    assert first.urls == ["https://example.org/1"]
    assert first.authors == "Ada Lovelace, Alan Turing"
    assert first.categories == "cs.CL cs.LG"
    assert first.date == "2024-05-01"
    assert first.sources == ["papers.jsonl"]
    assert second.urls == ["https://github.com/x/y"]


def test_csv_with_and_without_optional_columns(tmp_path):
    full = write(
        tmp_path / "full.csv",
        (
            "id,title,abstract,url,authors,date,categories\n"
            'p1,Paper number 1,"A long abstract, with a comma.",https://e.org/1,A. Author,2022-03-04,cs.IR\n'
            'p2,"Paper number 2","Two lines\nin one quoted field.",,,,\n'
        ),
    )
    papers, problems = read_file(full)
    assert problems == []
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert papers[0].abstract == "A long abstract, with a comma."
    assert (papers[0].urls, papers[0].authors, papers[0].date, papers[0].categories) == (
        ["https://e.org/1"],
        "A. Author",
        "2022-03-04",
        "cs.IR",
    )
    assert papers[1].abstract == "Two lines in one quoted field."  # whitespace folded

    minimal = write(tmp_path / "minimal.csv", "abstract,title\nSome abstract text.,Only title\n")
    papers, problems = read_file(minimal)
    assert problems == []
    assert [(p.title, p.abstract) for p in papers] == [("Only title", "Some abstract text.")]


ARXIV_LINE = {
    "id": "2101.00001",
    "submitter": "Someone",
    "authors": "A. One and\n  B. Two",
    "title": "A Wrapped\n  arXiv Title",
    "comments": "10 pages",
    "categories": "cs.CL cs.AI",
    "abstract": "  An abstract that arXiv wraps\nover several lines.\n",
    "versions": [{"version": "v1", "created": "Mon, 4 Jan 2021 00:00:00 GMT"}],
    "update_date": "2021-01-05",
    "authors_parsed": [["One", "A.", ""], ["Two", "B.", ""]],
}


def test_arxiv_snapshot_is_detected_and_read(tmp_path):
    path = write(
        tmp_path / "arxiv-metadata.json",
        jsonl(ARXIV_LINE, {**ARXIV_LINE, "id": "2101.00002", "title": "Second"}),
    )
    assert detect_format(path, path.read_bytes()) == "arxiv"
    papers, problems = read_file(path)
    assert problems == []
    paper = papers[0]
    assert paper.title == "A Wrapped arXiv Title"
    assert paper.abstract == "An abstract that arXiv wraps over several lines."
    assert paper.urls == ["https://arxiv.org/abs/2101.00001"]
    assert paper.date == "2021-01-05"
    assert paper.authors == "A. One and B. Two"
    assert paper.categories == "cs.CL cs.AI"
    assert papers[1].urls == ["https://arxiv.org/abs/2101.00002"]


def test_plain_jsonl_is_not_mistaken_for_arxiv(tmp_path):
    path = write(tmp_path / "plain.jsonl", jsonl(record(1, id="2101.00001")))
    assert detect_format(path, path.read_bytes()) == "jsonl"
    papers, _ = read_file(path)
    assert papers[0].urls == []  # no arXiv link invented for a non-arXiv file


def test_format_override(tmp_path):
    path = write(tmp_path / "export.txt", jsonl(record(1), record(2)))
    as_listing, _ = read_file(path)  # .txt is a listing page by default
    assert titles(as_listing) != ["Paper number 1", "Paper number 2"]
    papers, problems = read_file(path, "jsonl")
    assert problems == []
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    papers, problems = read_paths([path], fmt="jsonl")
    assert titles(papers) == ["Paper number 1", "Paper number 2"]

    csv_path = write(tmp_path / "table.dat", "title,abstract\nCSV paper,Its abstract text.\n")
    papers, problems = read_file(csv_path, "csv")
    assert (titles(papers), problems) == (["CSV paper"], [])


# --- bad input: one Problem per bad record, with file and line; good records kept -----------


def test_non_utf8_line_costs_only_that_line(tmp_path):
    good = [json.dumps(record(n)).encode() for n in (1, 2, 3)]
    data = b"\n".join(
        [good[0], b'{"title": "Bad \xff\xfe bytes", "abstract": "x"}', good[1], good[2]]
    )
    papers, problems = read_file(write(tmp_path / "mixed.jsonl", data))
    assert titles(papers) == ["Paper number 1", "Paper number 2", "Paper number 3"]
    assert [(p.file, p.line) for p in problems] == [("mixed.jsonl", 2)]
    assert "UTF-8" in problems[0].message

    csv_data = b"title,abstract\nGood one,Fine abstract.\nBad \xff,Abstract.\nGood two,Fine too.\n"
    papers, problems = read_file(write(tmp_path / "mixed.csv", csv_data))
    assert titles(papers) == ["Good one", "Good two"]
    assert [(p.file, p.line) for p in problems] == [("mixed.csv", 3)]


def test_non_utf8_line_in_a_listing_page_keeps_line_numbers(tmp_path):
    listing = (
        f"First listed paper\n\n{ABSTRACT} One.\n\n"
        f"Second listed paper\n\n{ABSTRACT} Two \xff.\n\n"
        f"Third listed paper\n\n{ABSTRACT} Three.\n\n"
        "Fourth listed paper\n"  # line 13: a title whose abstract is missing
    ).encode("latin-1")
    papers, problems = read_file(write(tmp_path / "page.txt", listing))
    assert titles(papers) == ["First listed paper", "Third listed paper"]
    # Line 7 is undecodable, so the title on line 5 lost its abstract; line 13 has none either.
    assert sorted((p.file, p.line) for p in problems) == [
        ("page.txt", 5),
        ("page.txt", 7),
        ("page.txt", 13),
    ]


def test_arxiv_detection_survives_a_damaged_first_line(tmp_path):
    data = b'{"id": "2101.0\xff' + b"\n" + jsonl(ARXIV_LINE).encode()
    papers, problems = read_file(write(tmp_path / "arxiv.jsonl", data))
    assert [(p.file, p.line) for p in problems] == [("arxiv.jsonl", 1)]
    assert papers[0].urls == ["https://arxiv.org/abs/2101.00001"]


def test_empty_file(tmp_path):
    for name in ("empty.jsonl", "empty.csv", "empty.txt"):
        papers, problems = read_file(write(tmp_path / name, " \n\n"))
        assert papers == []
        assert [(p.file, p.line, p.message) for p in problems] == [(name, 0, "empty file")]


def test_missing_fields_name_the_field_and_line(tmp_path):
    path = write(
        tmp_path / "gaps.jsonl",
        jsonl(
            record(1),
            {"title": "No abstract here"},
            {"abstract": "No title here."},
            {"title": "   ", "abstract": "Blank title."},
            record(2),
        ),
    )
    papers, problems = read_file(path)
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert [(p.file, p.line) for p in problems] == [
        ("gaps.jsonl", 2),
        ("gaps.jsonl", 3),
        ("gaps.jsonl", 4),
    ]
    assert "abstract missing" in problems[0].message
    assert "title missing" in problems[1].message
    assert "title" in problems[2].message

    csv_path = write(
        tmp_path / "gaps.csv",
        (
            "title,abstract\nGood,Fine abstract.\n"
            'Multi,"An abstract\nover two lines."\nEmpty abstract,\nAlso good,Fine.\n'
        ),
    )
    papers, problems = read_file(csv_path)
    assert titles(papers) == ["Good", "Multi", "Also good"]
    assert [(p.file, p.line) for p in problems] == [("gaps.csv", 5)]


def test_broken_json_and_non_object_lines(tmp_path):
    text = jsonl(record(1)) + '{"title": "cut off", "abstr\n' + "[1, 2]\n" + jsonl(record(2))
    papers, problems = read_file(write(tmp_path / "broken.jsonl", text))
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert [(p.file, p.line) for p in problems] == [("broken.jsonl", 2), ("broken.jsonl", 3)]
    assert "broken JSON" in problems[0].message


def test_duplicates_within_a_file_and_across_files(tmp_path):
    first = write(
        tmp_path / "a.jsonl", jsonl(record(1), record(2), {**record(1), "abstract": "Other."})
    )
    papers, problems = read_file(first)
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert [(p.file, p.line) for p in problems] == [("a.jsonl", 3)]
    assert "duplicate of line 1" in problems[0].message
    assert papers[0].abstract.startswith(ABSTRACT)  # the first one is kept

    second = write(tmp_path / "b.csv", "title,abstract\nPAPER number 1!,Another copy of it.\n")
    papers, problems = read_paths([first, second])
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert papers[0].sources == ["a.jsonl", "b.csv"]


def test_csv_without_the_needed_header(tmp_path):
    path = write(
        tmp_path / "noheader.csv", "Some title,Some abstract\nOther title,Other abstract\n"
    )
    papers, problems = read_file(path)
    assert papers == []
    assert [(p.file, p.line) for p in problems] == [("noheader.csv", 1)]
    assert "title" in problems[0].message and "abstract" in problems[0].message


def test_a_bad_file_does_not_cost_the_good_ones(tmp_path):
    good = write(tmp_path / "good.jsonl", jsonl(record(1), record(2)))
    bad = write(tmp_path / "bad.csv", "name,text\nx,y\n")
    empty = write(tmp_path / "empty.jsonl", "")
    papers, problems = read_paths([good, bad, empty, tmp_path / "missing.jsonl"])
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert sorted(Path(p.file).name for p in problems) == [
        "bad.csv",
        "empty.jsonl",
        "missing.jsonl",
    ]


def test_folders_are_expanded(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write(folder / "one.jsonl", jsonl(record(1)))
    write(folder / "sub" / "two.csv", "title,abstract\nPaper number 2,An abstract.\n")
    write(folder / "notes.md", "# not a corpus file\n")
    papers, problems = read_paths([folder])
    assert (sorted(titles(papers)), problems) == (["Paper number 1", "Paper number 2"], [])


# --- encodings: a byte-order mark is read, UTF-16 without one is named -----------------------

RECORDS = [record(1, authors=["Zoë Ångström"]), record(2, abstract="Naïve café résumé data.")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig", "utf-16-be-bom"])
def test_a_file_with_a_byte_order_mark_is_read_whole(tmp_path, encoding):
    text = jsonl(*RECORDS)
    if encoding == "utf-16-be-bom":  # Python's 'utf-16' writes little-endian here
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    papers, problems = read_file(write(tmp_path / "papers.jsonl", data))
    assert problems == []
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert papers[0].authors == "Zoë Ångström"
    assert papers[1].abstract == "Naïve café résumé data."


def test_a_utf16_csv_and_listing_are_read_too(tmp_path):
    csv_text = "title,abstract\nFirst paper,An abstract.\r\nSecond paper,Another one.\n"
    papers, problems = read_file(write(tmp_path / "t.csv", csv_text.encode("utf-16")))
    assert (titles(papers), problems) == (["First paper", "Second paper"], [])

    listing = f"First listed paper\n\n{ABSTRACT} One.\n\nSecond listed paper\n\n{ABSTRACT} Two.\n"
    papers, problems = read_file(write(tmp_path / "page.txt", listing.encode("utf-16")))
    assert (titles(papers), problems) == (["First listed paper", "Second listed paper"], [])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_one_clear_problem(tmp_path, encoding):
    data = jsonl(*[record(n) for n in range(200)]).encode(encoding)
    papers, problems = read_file(write(tmp_path / "papers.jsonl", data))
    assert papers == []
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("papers.jsonl", 0, "looks like UTF-16 without a byte-order mark; save it as UTF-8")
    ]


def test_damage_in_a_utf16_file_costs_only_its_line(tmp_path):
    lines = [json.dumps(record(n)).encode("utf-16-le") for n in (1, 2, 3)]
    # A lone low surrogate (DC00) cannot start a character: line 2 is damaged.
    bad = b"\x00\xdc" + json.dumps(record(9)).encode("utf-16-le")
    newline = "\n".encode("utf-16-le")
    data = codecs.BOM_UTF16_LE + newline.join([lines[0], bad, lines[1], lines[2]])
    papers, problems = read_file(write(tmp_path / "damaged.jsonl", data))
    assert titles(papers) == ["Paper number 1", "Paper number 2", "Paper number 3"]
    assert [(p.line, p.message) for p in problems] == [(2, "not valid UTF-16; line skipped")]


def test_a_stray_bad_byte_in_utf8_is_still_named_per_line(tmp_path):
    data = jsonl(record(1)).encode() + b'{"title": "x\xe9", "abstract": "y"}\n'
    _, problems = read_file(write(tmp_path / "stray.jsonl", data))
    assert [(p.line, p.message) for p in problems] == [(2, "not UTF-8 (byte 12); line skipped")]


# --- a JSON array in a .json file ---------------------------------------------------------------


def test_a_json_array_is_read_like_json_lines(tmp_path):
    records = [record(1, url="https://example.org/1"), record(2), record(3)]
    path = write(tmp_path / "papers.json", "\n  " + json.dumps(records, indent=2))
    assert detect_format(path, path.read_bytes()) == "json"
    papers, problems = read_file(path)
    assert problems == []
    assert titles(papers) == ["Paper number 1", "Paper number 2", "Paper number 3"]
    assert papers[0].urls == ["https://example.org/1"]
    # ... in UTF-16 or behind a UTF-8 byte-order mark too, and from a folder
    for encoding in ("utf-16", "utf-8-sig"):
        write(path, json.dumps(records).encode(encoding))
        assert titles(read_file(path)[0]) == titles(papers)
    assert titles(read_paths([tmp_path])[0]) == titles(papers)


def test_problems_in_a_json_array_name_the_record(tmp_path):
    records = [
        record(1),
        {"title": "No abstract here"},
        "just a string",
        record(2),
        {**record(1), "abstract": "A repeat."},
    ]
    path = write(tmp_path / "gaps.json", json.dumps(records, indent=2))
    papers, problems = read_file(path)
    assert titles(papers) == ["Paper number 1", "Paper number 2"]
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("gaps.json", 2, "record 2 of the array: abstract missing; record skipped"),
        ("gaps.json", 3, "record 3 of the array: not a JSON object; record skipped"),
        ("gaps.json", 5, "record 5 of the array: duplicate of record 1; first kept"),
    ]


def test_an_arxiv_snapshot_as_a_json_array_gets_its_links(tmp_path):
    path = write(tmp_path / "arxiv.json", json.dumps([ARXIV_LINE]))
    papers, problems = read_file(path)
    assert problems == []
    assert papers[0].urls == ["https://arxiv.org/abs/2101.00001"]


def test_a_broken_json_array_is_one_problem_with_its_line(tmp_path):
    text = json.dumps([record(1), record(2)], indent=2).replace('"abstract"', '"abstract" 0', 1)
    papers, problems = read_file(write(tmp_path / "broken.json", text))
    assert papers == []
    [problem] = problems
    assert (problem.file, problem.line) == ("broken.json", 4)
    assert problem.message.startswith("broken JSON array (Expecting ':' delimiter at column")
    assert "save the records as JSON Lines" in problem.message


def test_json_lines_in_a_json_file_are_still_json_lines(tmp_path):
    path = write(tmp_path / "lines.json", jsonl(record(1), record(2)))
    assert detect_format(path, path.read_bytes()) == "jsonl"
    assert titles(read_file(path)[0]) == ["Paper number 1", "Paper number 2"]
