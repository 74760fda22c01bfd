"""The "Papers" and "Add papers" tabs: what the index holds, and bringing one's own papers.

Every action is also a named API endpoint (``api_name``), so what a person does on the page a
script can do with ``gradio_client``. Everything shown comes from files anyone can write:
titles, abstracts and problems are escaped (``rag.ui.render``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from rag.catalog import added_text
from rag.corpus import merge_duplicates
from rag.errors import InputError, RagError
from rag.fetch import read_url
from rag.records import Filters
from rag.ui.errors import shown_on_page
from rag.ui.render import ingest_report, paper_html, safe_markdown
from rag.uploads import read_upload

PAGE = 100  # papers listed at once; the title search narrows the rest
COLUMNS = ["Title", "Date", "Sources", "Added", "Paper id"]


def sources_line(sources: list[Any], shown: int = 12) -> str:
    """Where the papers came from, latest first (names escaped: they are uploaders' file
    names).

    >>> from rag.catalog import CatalogSource
    >>> sources_line([CatalogSource("a.bib", 12, 0.0), CatalogSource("b_c.jsonl", 1, 0.0)])
    'From 2 sources: a.bib (12); b_c.jsonl (1).'
    """
    if not sources:
        return "No papers yet: add some in the Add papers tab."
    parts = [f"{safe_markdown(s.source)} ({s.papers:,})" for s in sources[:shown]]
    more = f" and {len(sources) - shown:,} more" if len(sources) > shown else ""
    plural = "s" if len(sources) > 1 else ""
    return f"From {len(sources):,} source{plural}: {'; '.join(parts)}{more}."


def papers_tab(assistant: Any) -> dict[str, Any]:
    """Build the Papers tab inside the current Blocks; its components by name."""
    with gr.Row():
        title = gr.Textbox(label="Search titles", elem_id="papers-search", scale=3)
        source = gr.Dropdown(
            label="Source", choices=[""], value="", allow_custom_value=True,
            elem_id="papers-source", scale=2,
        )  # fmt: skip
        find = gr.Button("Search", elem_id="papers-find", scale=1)
    summary = gr.Markdown(elem_id="papers-summary")
    table = gr.Dataframe(
        headers=COLUMNS, interactive=False, wrap=True, elem_id="papers-table", max_height=420
    )
    with gr.Row():
        paper_id = gr.Textbox(label="Paper id (click a row)", elem_id="paper-id", scale=3)
        remove = gr.Button("Remove this paper", variant="stop", elem_id="remove-paper")
        remove_source = gr.Button(
            "Remove every paper of the chosen source", variant="stop", elem_id="remove-source"
        )
    shown = gr.HTML(elem_id="paper-abstract")

    def listing(text: str, chosen: str) -> tuple[str, list[list[str]], Any]:
        catalog = assistant.catalog
        filters = Filters(source=(chosen or "").strip())
        total = catalog.count(filters, text or "")
        rows = [
            [p.title, p.date, ", ".join(p.sources), added_text(p.added_at), p.paper_id]
            for p in catalog.papers(text or "", filters, limit=PAGE)
        ]
        sources = catalog.sources()
        every = assistant.paper_count()
        shown = f" (first {PAGE} shown)" if total > PAGE else ""
        note = f"**{total:,}** of {every:,} papers{shown}\n\n{sources_line(sources)}"
        return note, rows, gr.update(choices=["", *(s.source for s in sources)])

    def open_paper(pid: str) -> str:
        try:
            return paper_html(assistant.paper((pid or "").strip()))
        except RagError as error:
            return paper_html(None, str(error))

    def pick(event: gr.SelectData) -> tuple[str, str]:
        pid = str(event.row_value[COLUMNS.index("Paper id")])
        return pid, open_paper(pid)

    def remove_paper(pid: str, text: str, chosen: str) -> tuple[Any, ...]:
        pid = (pid or "").strip()
        if not pid:
            raise gr.Error("Choose a paper first (click a row).", print_exception=False)
        removed = assistant.remove([pid])
        message = f"Removed {removed} paper." if removed else f"No indexed paper has id {pid}."
        return (*listing(text, chosen), paper_html(None, message))

    def remove_all(text: str, chosen: str) -> tuple[Any, ...]:
        chosen = (chosen or "").strip()
        with shown_on_page():
            if not chosen:
                raise InputError("Choose a source first.")
            removed, kept = assistant.remove_source(chosen)
        message = f"Removed {removed:,} paper{'s' if removed != 1 else ''} of {chosen}." + (
            f" Kept {kept:,} that another source also has." if kept else ""
        )
        return (*listing(text, ""), paper_html(None, message))

    listed = [summary, table, source]
    find.click(listing, [title, source], listed, api_name="papers")
    title.submit(listing, [title, source], listed, api_visibility="private")
    table.select(pick, None, [paper_id, shown], api_visibility="private")
    paper_id.submit(open_paper, paper_id, shown, api_name="paper")
    remove.click(remove_paper, [paper_id, title, source], [*listed, shown], api_name="remove_paper")
    remove_source.click(remove_all, [title, source], [*listed, shown], api_name="remove_source")
    return {"listing": listing, "title": title, "source": source, "outputs": listed}


def add_tab(assistant: Any) -> dict[str, Any]:
    """Build the Add papers tab: upload files, or fetch a page by URL."""
    gr.Markdown(
        "Add papers from **JSON Lines**, a **JSON** array, **CSV**, **BibTeX** (Zotero, "
        "Mendeley and JabRef exports), a saved **Hugging Face papers** or **arXiv listing** "
        "page, or the arXiv metadata snapshot. A paper already indexed is reported, not "
        "added twice."
    )
    files = gr.File(label="Files", file_count="multiple", elem_id="upload")
    add = gr.Button("Add these papers", variant="primary", elem_id="add-papers")
    with gr.Row():
        url = gr.Textbox(label="or a page's URL", elem_id="add-url", scale=4)
        fetch = gr.Button("Fetch and add", elem_id="fetch-url", scale=1)
    report = gr.Markdown(elem_id="add-report")

    def add_papers(
        uploaded: list[Any] | None,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 (how Gradio asks)
    ) -> str:
        paths = [Path(getattr(f, "name", f)) for f in uploaded or []]
        if not paths:
            raise gr.Error("Choose one or more files first.", print_exception=False)
        papers, problems = [], []
        for path in paths:  # Gradio keeps the file's own name as the last part of its path
            read, bad = read_upload(path, path.name, assistant.settings.max_upload_bytes)
            papers += read
            problems += bad
        with shown_on_page():
            summary = assistant.add_papers(list(merge_duplicates(papers)), problems, progress=True)
        return ingest_report(summary, assistant.paper_count())

    def add_url(
        address: str,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 (how Gradio asks)
    ) -> str:
        address = (address or "").strip()
        settings = assistant.settings
        with shown_on_page():
            if not address:
                raise InputError("Type a page's URL first.")
            papers, problems = read_url(
                address, max_bytes=settings.max_upload_bytes, timeout=settings.fetch_timeout,
                public_only=not settings.ui_fetch_private,
            )  # fmt: skip
            summary = assistant.add_papers(papers, problems, progress=True)
        return ingest_report(summary, assistant.paper_count())

    add.click(add_papers, files, report, api_name="add_papers")
    fetch.click(add_url, url, report, api_name="add_url")
    url.submit(add_url, url, report, api_visibility="private")
    return {"report": report, "add": add}
