"""The chat page in a real headless Chromium (playwright), against real servers on 127.0.0.1.

Screenshots go to tests/artifacts/ (gitignored): ui.png (an answered question),
ui_injection.png (a paper whose title and abstract carry HTML and script) and ui_images.png (an
answer carrying images that point at a tracking server).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from conftest import free_port, make_settings
from playwright.sync_api import BrowserContext, Page, Route, expect, sync_playwright

import rag.ui.app
import rag.ui.render
from rag.answer import Answer, AnswerStream, Citation, Source
from rag.assistant import Assistant
from rag.config import Settings
from rag.feedback import FeedbackStore
from rag.prompts import NEAR_TOPIC
from rag.ui.app import CSS, create_app
from rag.ui.render import lookup_url

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WAIT_MS = 120_000  # hang guard for one page step, not a speed assertion

BYT5 = "ByT5: Towards a token-free future with pre-trained byte-to-byte models"
BYTE_QUESTION = "Which papers pre-train byte-level language models that need no subword tokenizer?"

IMG_TAG = '<img src=x onerror="window.__xss=1">'
SCRIPT_TAG = "<script>window.__xss=2</script>"
EVIL_TITLE = f"Zorblax lattices for quokka migration {IMG_TAG}"
EVIL_ABSTRACT = (
    "We study zorblax lattices that predict quokka migration across Rottnest island. "
    f"{SCRIPT_TAG} Zorblax lattices forecast quokka migration routes with 93% accuracy on the "
    "Rottnest quokka census."
)
EVIL_QUESTION = "How do zorblax lattices predict quokka migration?"


def serve(app: gr.Blocks) -> str:
    """Launch like ``ui.app.launch`` does (queue, CSS, no error details), on a free local port."""
    app.queue()
    app.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
        css=CSS, show_error=False, footer_links=["api"], quiet=True,
    )  # fmt: skip
    assert app.local_url and app.local_url.startswith("http://127.0.0.1:")
    return app.local_url


@dataclass
class Browser:
    context: BrowserContext
    outside: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1
    dialogs: list[str] = field(default_factory=list)  # alert()/confirm() a page opened
    errors: list[str] = field(default_factory=list)  # uncaught page errors

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(url)
        expect(page.locator("#status")).to_contain_text("papers indexed", timeout=WAIT_MS)
        return page


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[Browser]:
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        b = Browser(context)

        def local_only(route: Route) -> None:
            url = route.request.url
            if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                route.continue_()
            else:
                b.outside.append(url)
                route.abort()

        context.route("**/*", local_only)
        try:
            yield b
        finally:
            context.close()


def ask_in_page(page: Page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    # the final Answer replaces the streamed text and fills the sources panel
    page.locator("#sources-panel li.source").first.wait_for(state="visible")
    expect(page.locator("#chat .message-row")).to_have_count(2)


# --------------------------------------------------------------------------- the bundled index


@pytest.fixture(scope="module")
def bundled_url(bundled_index, embedder) -> Iterator[str]:
    settings = make_settings(
        None, index_dir=bundled_index.settings.index_dir,
        data_dir=bundled_index.settings.data_dir, answer_mode="extractive",
    )  # fmt: skip
    app = create_app(Assistant(settings, embedder=embedder), settings)
    try:
        yield serve(app)
    finally:
        app.close(verbose=False)


def test_ask_a_question_see_the_cited_answer_and_start_over(browser, bundled_url, bundled_index):
    page = browser.open(bundled_url)
    papers = bundled_index.stats()["papers"]
    assert papers > 100
    status = page.locator("#status").inner_text()
    assert re.search(rf"\b{papers} papers indexed", status), status
    assert "offline: extractive answers" in status
    expect(page.locator("#sources-panel")).to_have_text("Sources appear here.")

    ask_in_page(page, BYTE_QUESTION)

    user, bot = page.locator("#chat .message-row").all()
    expect(user).to_contain_text(BYTE_QUESTION)
    link = bot.locator("a", has_text=re.compile(r"^1$")).first
    expect(link).to_be_visible()
    assert link.get_attribute("title") == BYT5
    assert link.get_attribute("href") == lookup_url(BYT5)  # no arXiv URL in the corpus record
    assert re.search(r"\[1\]", bot.inner_text())  # shows as [1], brackets kept
    expect(page.locator("#question textarea")).to_have_value("")

    first = page.locator("#sources-panel li.source").first
    expect(page.locator("#sources-panel h3")).to_have_text("Sources")
    expect(first.locator(".source-title")).to_have_text(f"[1] {BYT5}")
    expect(first.locator(".source-meta .cited")).to_have_text("cited")
    expect(first.locator(".source-meta .cited")).to_be_visible()
    assert first.get_attribute("data-cited") == "true"
    expect(first.locator(".source-meta a", has_text="look up")).to_have_attribute(
        "href", lookup_url(BYT5)
    )
    expect(page.locator("#sources-panel li.source")).to_have_count(8)  # Settings.top_k

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)

    page.locator("#new").click()
    expect(page.locator("#chat .message-row")).to_have_count(0)
    expect(page.locator("#sources-panel")).to_have_text("Sources appear here.")
    expect(page.locator("#question textarea")).to_have_value("")

    assert browser.outside == [] and browser.dialogs == [] and browser.errors == []
    page.close()


def test_a_list_shows_its_less_sure_papers_under_a_line_of_their_own(browser, bundled_url):
    page = browser.open(bundled_url)
    ask_in_page(page, "Which papers study post-training quantization of large language models?")
    bot = page.locator("#chat .message-row").last
    # The NEAR_TOPIC line is a paragraph between two lists, not the end of the last sure line.
    line = bot.locator("p", has_text=NEAR_TOPIC)
    expect(line).to_have_count(1)
    expect(bot.locator("li", has_text=NEAR_TOPIC)).to_have_count(0)
    expect(bot.locator("ul")).to_have_count(2)
    assert bot.locator("ul").first.locator("li").count() >= 1
    assert bot.locator("ul").last.locator("li").count() >= 1
    assert browser.outside == [] and browser.dialogs == [] and browser.errors == []
    page.close()


def test_enter_asks_too_and_an_empty_question_is_explained_in_the_chat(browser, bundled_url):
    page = browser.open(bundled_url)
    box = page.locator("#question textarea")
    box.fill("How much faster can BERT be trained with a layerwise adaptive large-batch optimizer?")
    box.press("Enter")
    first = page.locator("#sources-panel li.source").first
    expect(first.locator(".source-title")).to_contain_text("Training BERT in 76 minutes")

    page.locator("#new").click()
    expect(page.locator("#chat .message-row")).to_have_count(0)
    box.fill("   ")
    page.locator("#ask").click()
    expect(page.locator("#chat .message-row").last).to_contain_text(
        "The question is empty: type a question about the indexed papers."
    )
    expect(page.locator("#sources-panel")).to_have_text("Sources appear here.")
    assert browser.outside == [] and browser.dialogs == [] and browser.errors == []
    page.close()


# --------------------------------------------------------------------------- injected HTML


@pytest.fixture(scope="module")
def injection_url(tmp_path_factory, embedder) -> Iterator[str]:
    base = tmp_path_factory.mktemp("injection")
    papers = [
        {"title": EVIL_TITLE, "abstract": EVIL_ABSTRACT, "url": "javascript:window.__xss=3"},
        {"title": "Byte-level language models without a tokenizer",
         "abstract": "We pre-train byte-level transformers that need no tokenizer and match "
                     "subword models on translation."},
        {"title": "Quantization of large language models",
         "abstract": "Post-training quantization to four bits keeps the accuracy of large "
                     "language models with outlier suppression."},
    ]  # fmt: skip
    corpus = base / "papers.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in papers))
    settings = make_settings(None, index_dir=base / "index", answer_mode="extractive")
    assistant = Assistant(settings, embedder=embedder)
    summary = assistant.ingest([corpus])
    assert (summary.added, summary.problems) == (3, [])
    app = create_app(assistant, settings)
    try:
        yield serve(app)
    finally:
        app.close(verbose=False)


def test_html_in_titles_and_abstracts_shows_as_text_and_never_runs(browser, injection_url):
    page = browser.open(injection_url)
    ask_in_page(page, EVIL_QUESTION)
    first = page.locator("#sources-panel li.source").first
    expect(first.locator(".source-title")).to_have_text(f"[1] {EVIL_TITLE}")
    expect(first.locator(".source-snippet")).to_have_text(EVIL_ABSTRACT)
    expect(first.locator(".source-meta .cited")).to_have_text("cited")
    panel_text = page.locator("#sources-panel").inner_text()
    assert IMG_TAG in panel_text and "<img" in panel_text  # shown as text
    assert SCRIPT_TAG in panel_text

    # The citation link carries the title as text too.
    link = page.locator("#chat .message-row").last.locator("a", has_text=re.compile(r"^1$"))
    expect(link.first).to_be_visible()
    assert "<img" in (link.first.get_attribute("title") or "")

    page.wait_for_timeout(
        1000
    )  # give any injected handler its chance (the page keeps a heartbeat open: never network-idle)
    found: dict[str, Any] = page.evaluate(
        """() => ({
            xss: typeof window.__xss,
            imgX: document.querySelectorAll('img[src="x"]').length,
            injectedScripts: Array.from(document.querySelectorAll('#chat script, #sources script'))
                .length,
            onerror: document.querySelectorAll('#chat [onerror], #sources [onerror]').length,
            jsLinks: Array.from(document.querySelectorAll('a[href]'))
                .filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
        })"""
    )
    assert found == {"xss": "undefined", "imgX": 0, "injectedScripts": 0, "onerror": 0,
                     "jsLinks": 0}  # fmt: skip
    assert browser.dialogs == [] and browser.errors == []
    # the stored javascript: URL is not shown as a link
    assert first.locator(".source-links a").count() == 0

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui_injection.png"), full_page=True)
    assert browser.outside == [], browser.outside
    page.close()


# --------------------------------------------------------------------------- remote images


# The smallest valid PNG (1x1), so a browser that does fetch an image gets a real one.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
TRACKED = ("/track.png", "/raw.png", "/ref.png")
# Attributes through which an element makes the browser fetch a URL by itself. Text, labels
# (aria-label carries the message) and http links (followed only when clicked) may name it.
FETCHING_ATTRIBUTES = ["src", "srcset", "style", "poster", "data", "background"]


@dataclass
class Tracker:
    """A local HTTP server standing in for whoever planted an image: it records every path
    a browser asks it for."""

    url: str
    requests: list[str]


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the test reads ``requests``; nothing for the terminal

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Tracker(f"http://127.0.0.1:{server.server_address[1]}", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def image_answer(base: str) -> str:
    """An answer as an LLM or an abstract might carry it: an inline Markdown image, raw HTML
    and a reference-style image, all pointing at ``base``."""
    return (
        f"ByT5 reads raw bytes [1]. ![tracker]({base}/track.png) It needs no tokenizer "
        f"<img src={base}/raw.png> [1].\n\n![by reference][pic]\n\n[pic]: {base}/ref.png\n"
    )


class ImageAssistant:
    """Just what the app uses (settings, paper_count, stream_ask), answering with images."""

    def __init__(self, settings: Settings, text: str) -> None:
        self.settings = settings
        self.text = text

    def paper_count(self) -> int:
        return 1

    def stream_ask(self, question, history=None, k=None, mode=None, filters=None, model=None):
        answer = Answer(
            question=question,
            text=self.text,
            citations=[Citation(1, "p1", BYT5)],
            sources=[Source(1, "p1", BYT5, 0.9, self.text, True, "both")],
            mode="llm",
            abstained=False,
            confidence=0.9,
        )
        # Streamed in pieces that cut through the images, then the finished Answer.
        third = len(self.text) // 3
        pieces = [self.text[:third], self.text[third : 2 * third], self.text[2 * third :]]
        return AnswerStream(iter([*pieces, answer]))


def show_answer(browser: Browser, tracker: Tracker) -> tuple[Page, list[str]]:
    """Ask on a fresh app that answers with ``image_answer``; returns the page and every
    attribute in the chat and sources that points at the tracker."""
    settings = make_settings(None, answer_mode="llm")
    app = create_app(ImageAssistant(settings, image_answer(tracker.url)), settings)
    try:
        page = browser.open(serve(app))
        ask_in_page(page, BYTE_QUESTION)
        expect(page.locator("#chat .message-row").last).to_contain_text("ByT5 reads raw bytes")
        page.wait_for_timeout(1000)  # the page keeps a heartbeat open: never network-idle
        time.sleep(0.5)  # an image request the page starts late still reaches the tracker
        pointing: list[str] = page.evaluate(
            """([base, names]) => Array.from(document.querySelectorAll('#chat *, #sources *'))
                .flatMap(el => Array.from(el.attributes)
                    .filter(a => names.includes(a.name) && a.value.includes(base))
                    .map(a => `<${el.tagName.toLowerCase()} ${a.name}=${a.value}>`))""",
            [tracker.url, FETCHING_ATTRIBUTES],
        )
        return page, pointing
    finally:
        app.close(verbose=False)


def test_images_in_an_answer_are_not_fetched(browser, tracker):
    page, pointing = show_answer(browser, tracker)
    assert pointing == []  # no <img> or other src at the tracker in the chat or sources
    assert tracker.requests == []
    bot = page.locator("#chat .message-row").last
    assert page.locator("#chat .message-row img").count() == 0
    text = bot.inner_text()
    assert "tracker" in text and "by reference" in text  # images shown as their alt text
    assert f"<img src={tracker.url}/raw.png>" in text  # raw HTML shown as text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui_images.png"), full_page=True)
    assert browser.dialogs == [] and browser.errors == []
    page.close()


def test_without_safe_markdown_the_same_answer_would_fetch_its_images(
    browser, tracker, monkeypatch
):
    # The check above must be able to fail: with the renderer's guard bypassed, the browser
    # renders the image and asks the tracker for it.
    for module in (rag.ui.app, rag.ui.render):
        monkeypatch.setattr(module, "safe_markdown", lambda text: text)
    page, pointing = show_answer(browser, tracker)
    assert any(p.startswith("<img src=") for p in pointing), pointing
    assert set(tracker.requests) & set(TRACKED), tracker.requests
    page.close()


# --------------------------------------------------------------------------- the workbench

QUOKKAS = {
    "title": "Quokka lattices for migration forecasting", "date": "2021-03-01",
    "authors": "Ada Lovelace", "abstract": "Quokka lattices forecast quokka migration with "
    "93% accuracy on the Rottnest census.",
}  # fmt: skip
WOMBATS = {
    "title": "Wombat burrow acoustics", "date": "2025-01-10", "authors": "Edsger Dijkstra",
    "url": "https://arxiv.org/abs/2501.00001",
    "abstract": "Wombat burrows resonate at 48 Hz, which wombats use to find each other.",
}  # fmt: skip
WOMBAT_QUESTION = "At what frequency do wombat burrows resonate?"


@pytest.fixture(scope="module")
def workbench_settings(tmp_path_factory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("workbench-ui"), answer_mode="extractive")


@pytest.fixture(scope="module")
def workbench_url(workbench_settings, embedder) -> Iterator[str]:
    """A small index of its own (papers are added and removed here), extractive answers."""
    settings = workbench_settings
    root = settings.index_dir.parent
    assistant = Assistant(settings, embedder=embedder)
    seed = root / "quokkas.jsonl"
    seed.write_text(json.dumps(QUOKKAS) + "\n")
    assistant.ingest([seed])
    app = create_app(assistant, settings)
    try:
        yield serve(app)
    finally:
        app.close(verbose=False)


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def upload(page: Page, path: Path) -> str:
    open_tab(page, "Add papers")
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.locator("#add-papers").click()
    report = page.locator("#add-report")
    expect(report).to_contain_text("The index now holds")
    return report.inner_text()


def test_upload_a_file_ask_about_the_new_paper_and_rate_the_answer(
    browser, workbench_url, workbench_settings, tmp_path
):
    page = browser.open(workbench_url)
    upload_file = tmp_path / "wombats.jsonl"
    upload_file.write_text(json.dumps(WOMBATS) + "\n" + '{"title": "broken\n')
    report = upload(page, upload_file)
    assert "Added 1" in report and "wombats.jsonl:2" in report
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui_add.png"), full_page=True)

    open_tab(page, "Chat")
    ask_in_page(page, WOMBAT_QUESTION)
    bot = page.locator("#chat .message-row").nth(1)
    expect(bot).to_contain_text("48 Hz")
    first = page.locator("#sources-panel li.source").first
    expect(first.locator(".source-title")).to_contain_text(WOMBATS["title"])
    copy = first.locator("a.copy-citation")
    assert "Edsger Dijkstra (2025). Wombat burrow acoustics." in copy.get_attribute("data-citation")

    page.locator("#feedback-comment textarea, #feedback-comment input").first.fill("spot on")
    page.locator("#chat").get_by_role("button", name="Like", exact=True).last.click()
    expect(page.locator("#feedback-note")).to_contain_text("recorded")
    (stored,) = FeedbackStore(workbench_settings.conversations_db).list()
    assert (stored.rating, stored.comment, stored.question) == ("up", "spot on", WOMBAT_QUESTION)
    assert browser.outside == [] and browser.errors == []
    page.close()


def test_reload_brings_the_conversation_back_with_its_sources_and_exports_bibtex(
    browser, workbench_url
):
    page = browser.open(workbench_url)
    ask_in_page(page, "How accurate are quokka lattices at forecasting migration?")
    conversations = page.locator("#conversations label")
    expect(conversations.first).to_contain_text("How accurate are quokka lattices")

    page.reload()
    expect(page.locator("#status")).to_contain_text("papers indexed")
    expect(page.locator("#chat .message-row")).to_have_count(0)
    saved = page.locator("#conversations label", has_text="How accurate are quokka lattices")
    saved.click()
    expect(page.locator("#chat .message-row")).to_have_count(2)
    expect(page.locator("#chat .message-row").nth(1)).to_contain_text("93%")
    expect(page.locator("#sources-panel li.source").first).to_contain_text(QUOKKAS["title"])
    page.screenshot(path=str(ARTIFACTS / "ui_conversations.png"), full_page=True)

    page.locator("#export-bib").click()
    link = page.locator("#download a").first
    expect(link).to_be_visible()
    bib = page.request.get(link.get_attribute("href")).text()
    assert "@misc{lovelace2021quokka" in bib and "Quokka lattices" in bib

    # Another browser (a fresh profile, no login) sees none of this browser's conversations.
    other = browser.context.browser.new_context() if browser.context.browser else None
    if other is not None:
        stranger = other.new_page()
        stranger.goto(workbench_url)
        expect(stranger.locator("#status")).to_contain_text("papers indexed")
        expect(stranger.locator("#conversations label")).to_have_count(0)
        other.close()
    page.close()


def test_filter_by_year_in_the_chat(browser, workbench_url):
    page = browser.open(workbench_url)
    page.locator("#filters").get_by_text("Filters").click()
    page.locator("#since input, #since textarea").first.fill("2031")
    page.locator("#question textarea").fill("How accurate are quokka lattices?")
    page.locator("#ask").click()
    bot = page.locator("#chat .message-row").nth(1)
    expect(bot).to_contain_text("No indexed paper matches the filters (since 2031)")
    page.locator("#since input, #since textarea").first.fill("")
    page.locator("#until input, #until textarea").first.fill("2022")
    ask_in_page_again = page.locator("#question textarea")
    ask_in_page_again.fill("How accurate are quokka lattices?")
    page.locator("#ask").click()
    expect(page.locator("#chat .message-row")).to_have_count(4)
    expect(page.locator("#sources-panel li.source").first).to_contain_text(QUOKKAS["title"])
    expect(page.locator("#sources-panel li.source")).to_have_count(1)  # only papers up to 2022
    page.close()


def test_papers_tab_lists_opens_and_removes_and_shows_html_as_text(
    browser, workbench_url, tmp_path
):
    page = browser.open(workbench_url)
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps({"title": EVIL_TITLE, "abstract": EVIL_ABSTRACT}) + "\n")
    upload(page, hostile)
    open_tab(page, "Papers")
    page.locator("#papers-search input, #papers-search textarea").first.fill("zorblax")
    page.locator("#papers-find").click()
    expect(page.locator("#papers-summary")).to_contain_text("1")
    title_cell = page.locator('#papers-table [role="gridcell"][data-col="0"]').first
    expect(title_cell).to_have_text(EVIL_TITLE)  # the markup is text
    title_cell.click()
    abstract = page.locator("#paper-abstract")
    expect(abstract).to_contain_text(SCRIPT_TAG)
    page.screenshot(path=str(ARTIFACTS / "ui_papers.png"), full_page=True)
    assert page.evaluate("window.__xss") is None
    page.locator("#remove-paper").click()
    expect(abstract).to_contain_text("Removed 1 paper.")
    expect(page.locator('#papers-table [role="gridcell"]', has_text="zorblax")).to_have_count(0)
    assert browser.dialogs == [] and browser.errors == []
    page.close()
