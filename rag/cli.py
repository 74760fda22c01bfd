"""The ``rag`` command: a thin shell over the library.

rag ingest [PATH_OR_URL ...] [--format auto|listing|jsonl|json|csv|arxiv|bibtex|html|atom]
           [--rebuild] [--json]
rag ingest --bulk FILE [--format auto|jsonl|arxiv] [--batch CHUNKS] [--rebuild] [--json]
rag stats [--json]
rag search "question" [-k 8] [--json] [--since DATE] [--until DATE] [--source S] [--category C]
rag ask "question" [--json | --markdown] [--bib] [--mode auto|llm|extractive] [-k N] [the same filters]
rag papers [TITLE WORDS] [--sources] [--limit N] [--json] [the same filters]
rag remove [PAPER_ID ...] [--source FILE]
rag eval --questions eval/questions.jsonl [--answers] [--json]
rag feedback export [--out FILE] | rag feedback list [--json]
rag ui [--host H] [--port P] [--public]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from rag.config import ANSWER_MODES, Settings, load_settings
from rag.errors import InputError, RagError
from rag.fetch import path_or_url
from rag.importers import FORMATS
from rag.records import Problem

EXIT_USER_ERROR = 2
# A file with thousands of bad lines must not bury the summary: the first few show what is
# wrong, --json lists every one.
MAX_WARNINGS = 20


def _assistant(settings: Settings) -> Any:
    from rag.assistant import Assistant

    return Assistant(settings)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from rag.fetch import read_sources

    if args.bulk:
        return cmd_bulk(args, settings)
    # Read (and fetch) first: a URL that cannot be reached fails before --rebuild drops anything.
    read = read_sources(args.paths, args.format, settings) if args.paths else None
    if args.rebuild:
        rebuild(settings)
    assistant = _assistant(settings)
    if read is None:
        summary = assistant.ingest(None, args.format, progress=not args.json)
    else:
        summary = assistant.add_papers(*read, progress=not args.json)
    if args.json:
        print(json.dumps({**summary.to_dict(), **assistant.stats()}, indent=2))
    else:
        for line in warning_lines(summary.problems):
            print(line, file=sys.stderr)
        print(f"Ingest: {summary}")
        stats = assistant.stats()
        print(f"Index: {stats['papers']} papers, {stats['chunks']} chunks at {stats['location']}")
    return 0 if summary.read_anything else 1


def rebuild(settings: Settings) -> None:
    """Drop the index, saying so: with files named, only those will be in it afterwards."""
    from rag.store import drop_collection

    drop_collection(settings)
    print("Rebuild: the index was dropped; it will hold what this ingest reads.", file=sys.stderr)


def cmd_bulk(args: argparse.Namespace, settings: Settings) -> int:
    from rag.bulk import bulk_ingest

    if args.paths:
        raise InputError("--bulk takes one file: ingest the others with a separate 'rag ingest'.")
    if args.rebuild:
        rebuild(settings)
    summary = bulk_ingest(
        args.bulk, settings, fmt=args.format, batch=args.batch, progress=not args.json
    )
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        for line in warning_lines(summary.problems, total=summary.problem_count):
            print(line, file=sys.stderr)
        print(f"Bulk ingest: {summary}")
    return 0 if summary.read_anything else 1


def warning_lines(
    problems: list[Problem], limit: int = MAX_WARNINGS, total: int | None = None
) -> list[str]:
    """The first ``limit`` problems as warnings, then how many more there are (of ``total``
    when only the first problems were kept).

    >>> warning_lines([Problem("a.jsonl", n, "broken JSON") for n in (1, 2, 3)], limit=2)
    ['warning: a.jsonl:1: broken JSON', 'warning: a.jsonl:2: broken JSON', '... and 1 more problem (see --json for all)']
    """
    lines = [f"warning: {problem}" for problem in problems[:limit]]
    more = (len(problems) if total is None else total) - limit
    if more > 0:
        lines.append(f"... and {more:,} more problem{'s' if more > 1 else ''} (see --json for all)")
    return lines


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    stats = _assistant(settings).stats()
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key:>10}: {value}")
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from rag.assistant import check_question

    args.question = check_question(args.question)  # before any index is built
    filters = filters_of(args)  # a bad date fails before any index is built
    assistant = _assistant(settings)
    assistant.ensure_index(progress=True)
    result = assistant.search(args.question, args.k, filters)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    if result.filter_note:
        print(result.filter_note)
        return 0
    verdict = "answerable" if result.answerable else "probably NOT answered by the indexed papers"
    print(f"Verdict: {verdict} (confidence {result.confidence:.2f})\n")
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank:>2}. [{hit.score:.3f} {hit.origin}] {hit.title}")
        print(f"    {hit.snippet[:200]}{'…' if len(hit.snippet) > 200 else ''}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.assistant import check_question

    args.question = check_question(args.question)  # before any index is built
    filters = filters_of(args)
    if args.mode:
        settings = settings.model_copy(update={"answer_mode": args.mode})
    assistant = _assistant(settings)
    assistant.ensure_index(progress=True)
    if args.json or args.markdown:
        answer = assistant.ask(args.question, k=args.k, filters=filters)
        print_answer_export(answer, args)
        return 0
    stream = assistant.stream_ask(args.question, k=args.k, filters=filters)
    for text in stream:
        print(text, end="", flush=True)
    print()
    answer = stream.answer
    if stream.replaced and answer.notice:
        # The LLM broke off mid-answer; its partial text is on screen before the fallback.
        print("\n(The LLM's answer broke off; the extractive answer after it replaces it.)")
    print(answer.format_footer())
    if args.bib:
        print_bibtex(answer)
    return 0


def filters_of(args: argparse.Namespace) -> Any:
    from rag.records import Filters

    return Filters.of(args.since or "", args.until or "", args.source or "", args.category or "")


def cmd_papers(args: argparse.Namespace, settings: Settings) -> int:
    from rag.catalog import added_text

    filters = filters_of(args)  # a bad date fails before any index is opened
    catalog = _assistant(settings).catalog
    if args.sources:
        sources = catalog.sources()
        if args.json:
            print(json.dumps([row.to_dict() for row in sources], indent=2))
            return 0
        for row in sources:
            print(f"{row.papers:>7,}  {added_text(row.last_added)}  {row.source}")
        return 0
    total = catalog.count(filters, args.title or "")
    papers = catalog.papers(args.title or "", filters, limit=args.limit)
    if args.json:
        print(json.dumps({"total": total, "papers": [p.to_dict() for p in papers]}, indent=2))
        return 0
    for paper in papers:
        print(f"{paper.paper_id}  {paper.date or '----------':<10}  {paper.title}")
    print(f"({len(papers):,} of {total:,} papers shown)")
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from rag.errors import InputError

    if not args.paper_ids and not args.source:
        raise InputError("name papers to remove (ids from 'rag papers') or --source FILE.")
    assistant = _assistant(settings)
    removed, kept = 0, 0
    if args.source:
        removed, kept = assistant.remove_source(args.source)
    ids = list(dict.fromkeys(args.paper_ids))  # an id named twice is one paper
    if ids:
        held = assistant.remove(ids)
        if held < len(ids):
            print(f"{len(ids) - held:,} of the ids named no indexed paper.")
        removed += held
    print(f"Removed {removed:,} paper{'s' if removed != 1 else ''}.")
    if kept:
        print(f"Kept {kept:,} that also came from another source.")
    return 0 if removed else 1


def print_answer_export(answer: Any, args: argparse.Namespace) -> None:
    """``--json`` (with the BibTeX as "bibtex" under ``--bib``) or ``--markdown``."""
    from rag.export import answer_markdown, bibtex, cited_sources

    if args.json:
        data = answer.to_dict()
        if args.bib:
            data["bibtex"] = bibtex(cited_sources(answer))
        print(json.dumps(data, indent=2))
        return
    print(answer_markdown(answer), end="")
    if args.bib:
        print_bibtex(answer)


def print_bibtex(answer: Any) -> None:
    from rag.export import bibtex, cited_sources

    text = bibtex(cited_sources(answer)) or "% No paper is cited, so there is no BibTeX.\n"
    print("\n" + text, end="")


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from rag.answer_eval import evaluate_answers
    from rag.evaluation import evaluate_retrieval, load_questions

    assistant = _assistant(settings)
    assistant.ensure_index(progress=not args.json)
    questions = load_questions(args.questions)
    # Follow-ups need their conversation: retrieval is scored on standalone questions only.
    standalone = [q for q in questions if not q.history]
    metrics = evaluate_retrieval(standalone, lambda q: assistant.search(q, k=10))
    if args.answers:
        metrics.update(evaluate_answers(assistant, questions))
    if not args.verbose:
        metrics.pop("per_question", None)
        metrics.pop("answer_per_question", None)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        for key, value in metrics.items():
            print(f"{key:>28}: {value}")
    return 0


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from rag.feedback import FeedbackStore

    store = FeedbackStore(settings.conversations_db)
    if args.action == "export":
        if args.out is None:
            count = store.export_questions(sys.stdout)
        else:
            try:
                with args.out.open("w", encoding="utf-8") as out:
                    count = store.export_questions(out)
            except OSError as error:
                raise InputError(f"Cannot write {args.out} ({error}); check the path.") from None
        print(f"Exported {count} question{'s' * (count != 1)} for review.", file=sys.stderr)
        return 0
    items = store.list()
    if args.json:
        print(json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False))
        return 0
    for item in items:
        comment = f"  “{item.comment}”" if item.comment else ""
        print(f"{item.created_at[:19]}  {item.rating:<4}  {item.outcome:<11}  {item.owner}: "
              f"{item.question}{comment}")  # fmt: skip
    if not items:
        print(f"No feedback yet in {store.path}.")
    return 0


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    from rag.ui.app import launch

    if args.public:
        settings = settings.model_copy(update={"ui_public": True})
    launch(settings, host=args.host, port=args.port)
    return 0


def positive(text: str) -> int:
    """``-k`` must name at least one paper (0 would silently mean the default).

    >>> positive("3")
    3
    >>> positive("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: must be at least 1 (got 0)
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


class Parser(argparse.ArgumentParser):
    """A usage mistake is one line, like every other error (the usage is a --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"error: {message}; see '{self.prog} --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="rag", description="Cited answers from paper abstracts.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks with errors (or RAG_DEBUG=1)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest", help="index the bundled corpus, or the given files, folders and http(s) URLs"
    )
    p.add_argument("paths", nargs="*", type=path_or_url, metavar="PATH_OR_URL")
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="drop the whole index first (every paper, from every source), then ingest",
    )
    p.add_argument(
        "--bulk",
        type=Path,
        metavar="FILE",
        help="stream one large JSON Lines file (the arXiv snapshot) in rounds; run it again "
        "to resume after a kill",
    )
    p.add_argument(
        "--batch",
        type=positive,
        metavar="CHUNKS",
        help="with --bulk: chunks per round, embedded, written and checkpointed together "
        "(default and maximum: the Chroma client's largest batch)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", help="papers, chunks, embedder and where the index lives")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("search", help="ranked papers for a question")
    p.add_argument("question")
    p.add_argument("-k", type=positive, default=None)
    p.add_argument("--json", action="store_true")
    add_filters(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="a cited answer")
    p.add_argument("question")
    p.add_argument("-k", type=positive, default=None)
    p.add_argument("--mode", choices=ANSWER_MODES)
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true")
    shown.add_argument(
        "--markdown", action="store_true", help="the answer as Markdown with numbered references"
    )
    p.add_argument("--bib", action="store_true", help="then the cited papers as BibTeX")
    add_filters(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("papers", help="the indexed papers (newest first), or their sources")
    p.add_argument("title", nargs="?", help="only titles with all these words")
    p.add_argument("--sources", action="store_true", help="list the files/listings instead")
    p.add_argument("--limit", type=positive, default=50)
    p.add_argument("--json", action="store_true")
    add_filters(p)
    p.set_defaults(func=cmd_papers)

    p = sub.add_parser("remove", help="remove papers, or every paper of one source")
    p.add_argument("paper_ids", nargs="*", help="paper ids (see 'rag papers')")
    p.add_argument("--source", help="remove the papers that came only from this file/listing")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("eval", help="score retrieval (and answers) on a question file")
    p.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    p.add_argument("--answers", action="store_true", help="also score the answers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("feedback", help="the answers' thumbs up/down, as a list or eval questions")
    actions = p.add_subparsers(dest="action", required=True)
    action = actions.add_parser("export", help="write them as an eval question file for review")
    action.add_argument("--out", type=Path, help="file to write (default: standard output)")
    action = actions.add_parser("list", help="every rating, newest first")
    action.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("ui", help="start the chat UI")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.add_argument(
        "--public",
        action="store_true",
        help="serve without a login on a non-loopback host (or RAG_UI_PUBLIC=true)",
    )
    p.set_defaults(func=cmd_ui)
    return parser


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since",
        "--date-from",
        metavar="DATE",
        help="only papers dated on or after (2023, 2023-05 or 2023-05-31)",
    )
    parser.add_argument(
        "--until", "--date-to", metavar="DATE", help="only papers dated up to and including"
    )
    parser.add_argument("--source", help="only papers from a source whose name contains this")
    parser.add_argument("--category", help="only papers in this category (e.g. cs.CL)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    debug = args.debug
    try:
        settings = load_settings()
        debug = debug or settings.debug
        code = int(args.func(args, settings))
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return code
    except KeyboardInterrupt:
        # An ingest commits batch by batch: the same command resumes where it stopped.
        ingesting = args.func is cmd_ingest
        kept = "; the papers indexed so far are kept: run it again to go on" if ingesting else ""
        print(f"interrupted{kept}.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`rag ask ... | head -1`): nothing left to say, and nowhere to.
        # Python's recipe: point stdout at devnull so the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a shell reports for a command a closed pipe stopped (128 + SIGPIPE)
    except Exception as error:
        if debug:
            traceback.print_exc()
        print(f"error: {one_line(error)}", file=sys.stderr)
        return EXIT_USER_ERROR if isinstance(error, (RagError, ValidationError)) else 1


def one_line(error: BaseException) -> str:
    """An error as one line: a RagError's own message; anything else with its kind, and how
    to see more."""
    if isinstance(error, ValidationError):
        problem = error.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        return (
            f"setting RAG_{field.upper()} is invalid ({problem['msg']}); "
            "fix it in the environment or .env."
        )
    if isinstance(error, RagError):
        return " ".join(str(error).split())
    message = " ".join(str(error).split()) or "no message"
    return f"{type(error).__name__}: {message} (run with --debug for the traceback)"


if __name__ == "__main__":
    sys.exit(main())
