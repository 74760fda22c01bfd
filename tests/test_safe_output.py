"""What reaches the reader is safe: no citation marker pointing at no source, streamed or not,
and no Markdown that makes the browser fetch a URL (images) or run anything (raw HTML, unsafe
link schemes). Against the real fake OpenAI-compatible server and the real openai client."""

from __future__ import annotations

import json

import pytest
from conftest import make_settings

from rag.answer import Answer
from rag.assistant import Assistant
from rag.citations import MarkerFilter
from rag.fake_llm import FakeLLM
from rag.ui.render import link_citations, safe_markdown

PAPERS = [
    (
        "ByT5: Towards a token-free future with pre-trained byte-to-byte models",
        "We show that a standard Transformer architecture can be used with minimal modifications "
        "to process byte sequences. Byte-level models are competitive with token-level ones.",
    ),
    (
        "CANINE: Pre-training an Efficient Tokenization-Free Encoder",
        "CANINE is a neural encoder that operates directly on character sequences, without "
        "explicit tokenization or vocabulary, and outperforms mBERT on TyDi QA.",
    ),
]
QUESTION = "Which papers train byte-level models without a tokenizer?"
pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture(scope="module")
def index(tmp_path_factory, embedder):
    folder = tmp_path_factory.mktemp("safe-output")
    corpus = folder / "papers.jsonl"
    corpus.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in PAPERS))
    Assistant(make_settings(None, index_dir=folder / "index"), embedder=embedder).ingest([corpus])
    return folder / "index"


@pytest.fixture
def assistant(index, embedder):
    with FakeLLM() as llm:
        settings = make_settings(
            None,
            index_dir=index,
            RAG_LLM_BASE_URL=llm.base_url,
            openai_api_key="sk-test-safe",
            llm_max_retries=0,
        )
        yield Assistant(settings, embedder=embedder), llm


def test_markers_split_across_deltas_are_cleaned_as_they_stream():
    shown = MarkerFilter(valid={1, 2})
    deltas = ["Bytes [", "1] work", " [9", "9], chars [-", "1] too [2", "]."]
    text = "".join(shown.feed(d) for d in deltas) + shown.flush()
    assert text == "Bytes [1] work, chars too [2]."
    assert shown.dropped == [99, -1]


def test_a_streamed_answer_never_shows_an_invented_marker_and_the_footer_says_so(assistant):
    helper, llm = assistant
    llm.enqueue("Byte-level models work [1] [99]. Characters too [2] [0] [-1].")
    stream = helper.stream_ask(QUESTION)
    pieces = list(stream)
    on_screen = "".join(pieces)
    answer = stream.answer
    for bad in ("[99]", "[0]", "[-1]", "99", "-1]"):
        assert bad not in on_screen, (bad, pieces)
        assert bad not in answer.text
    assert "[1]" in on_screen and "[2]" in on_screen
    assert sorted(answer.dropped_markers) == [-1, 0, 99]
    assert "[99]" in answer.format_footer() and "point at no source" in answer.format_footer()


def test_ask_without_streaming_drops_negative_markers_too(assistant):
    helper, llm = assistant
    llm.enqueue("Byte-level models work [-1] [1].")
    answer = helper.ask(QUESTION)
    assert "[-1]" not in answer.text and answer.dropped_markers == [-1]


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("![tracker](http://evil.example/t.png) bytes", "tracker bytes", "evil.example"),
        ("![x][ref]\n\n[ref]: http://evil.example/t.png", "x", "evil.example"),
        ("<img src=http://evil.example/t.png onerror=alert(1)>", "&lt;img", "<img"),
        (
            "[click](javascript:alert) [ok](https://arxiv.org/abs/1)",
            "[ok](https://arxiv.org",
            "javascript",
        ),
        ("<script>alert(1)</script>", "&lt;script&gt;", "<script>"),
    ],
)
def test_paper_and_llm_text_renders_without_images_html_or_unsafe_links(text, kept, gone):
    rendered = safe_markdown(text)
    assert kept in rendered and gone not in rendered


def test_an_answer_carrying_an_image_shows_no_image_in_the_chat():
    answer = Answer(
        question="q",
        text="Tracked ![pixel](http://evil.example/p.png) [1].",
        citations=[],
        sources=[],
        mode="llm",
        abstained=False,
    )
    chat = link_citations(answer)
    assert "evil.example" not in chat and "![" not in chat and "pixel" in chat
