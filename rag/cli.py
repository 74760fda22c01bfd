"""The ``rag`` command: a thin shell over the library.

rag ingest [PATH ...] [--format auto|listing|jsonl|csv|arxiv] [--rebuild]
rag stats [--json]
rag search "question" [-k 8] [--json]
rag ask "question" [--json] [--mode auto|llm|extractive] [-k N]
rag eval --questions eval/questions.jsonl [--answers] [--json]
rag ui [--host H] [--port P]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from rag.config import Settings, load_settings
from rag.importers import FORMATS

EXIT_USER_ERROR = 2


def _assistant(settings: Settings) -> Any:
    from rag.assistant import Assistant

    return Assistant(settings)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from rag.assistant import rebuild

    if args.rebuild:
        rebuild(settings)
    assistant = _assistant(settings)
    summary = assistant.ingest(args.paths or None, args.format, progress=not args.json)
    if args.json:
        print(json.dumps({**summary.to_dict(), **assistant.stats()}, indent=2))
    else:
        for problem in summary.problems:
            print(f"warning: {problem}", file=sys.stderr)
        print(f"Ingest: {summary}")
        stats = assistant.stats()
        print(f"Index: {stats['papers']} papers, {stats['chunks']} chunks at {stats['location']}")
    return 0 if summary.read_anything else 1


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    stats = _assistant(settings).stats()
    if args.json:
        print(json.dumps(stats, indent=2))
    else:
        for key, value in stats.items():
            print(f"{key:>10}: {value}")
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from rag.retrieval import Filters

    assistant = _assistant(settings)
    assistant.ensure_index(progress=True)
    filters = Filters(
        args.source or "", args.category or "", args.date_from or "", args.date_to or ""
    )
    result = assistant.search(args.question, args.k, filters)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    verdict = "answerable" if result.answerable else "probably NOT answered by the indexed papers"
    print(f"Verdict: {verdict} (confidence {result.confidence:.2f})\n")
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank:>2}. [{hit.score:.3f} {hit.origin}] {hit.title}")
        print(f"    {hit.snippet[:200]}{'…' if len(hit.snippet) > 200 else ''}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.mode:
        settings = settings.model_copy(update={"answer_mode": args.mode})
    assistant = _assistant(settings)
    assistant.ensure_index(progress=True)
    if args.json:
        answer = assistant.ask(args.question, k=args.k)
        print(json.dumps(answer.to_dict(), indent=2))
        return 0
    answer = None
    streamed = ""
    for item in assistant.stream_ask(args.question, k=args.k):
        if isinstance(item, str):
            streamed += item
            print(item, end="", flush=True)
        else:
            answer = item
    print()
    if answer is not None:
        if answer.mode == "extractive" and streamed != answer.text and answer.notice:
            # The LLM broke off mid-answer; its partial text is on screen before the fallback.
            print("\n(The LLM's answer broke off; the extractive answer after it replaces it.)")
        print(answer.format_footer())
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from rag.evaluation import evaluate, load_questions

    assistant = _assistant(settings)
    assistant.ensure_index(progress=not args.json)
    metrics = evaluate(assistant, load_questions(args.questions), answers=args.answers)
    if not args.verbose:
        metrics.pop("per_question", None)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        for key, value in metrics.items():
            print(f"{key:>28}: {value}")
    return 0


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    from ui.app import launch

    launch(settings, host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Cited answers from paper abstracts.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index the bundled corpus, or the given files/folders")
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--rebuild", action="store_true", help="drop the index first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", help="papers, chunks, embedder and where the index lives")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("search", help="ranked papers for a question")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("--source", help="only papers from this source file")
    p.add_argument("--category", help="only papers in this category (e.g. cs.CL)")
    p.add_argument("--date-from", help="only papers dated on or after (YYYY-MM-DD)")
    p.add_argument("--date-to", help="only papers dated on or before (YYYY-MM-DD)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="a cited answer")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=None)
    p.add_argument("--mode", choices=["auto", "llm", "extractive"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="score retrieval (and answers) on a question file")
    p.add_argument("--questions", type=Path, default=Path("eval/questions.jsonl"))
    p.add_argument("--answers", action="store_true", help="also score the answers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("ui", help="start the chat UI")
    p.add_argument("--host", default=None)
    p.add_argument("--port", type=int, default=None)
    p.set_defaults(func=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from rag.assistant import QuestionError
    from rag.embeddings import EmbedderError
    from rag.llm import LLMError
    from rag.store import StoreError

    try:
        return int(args.func(args, load_settings()))
    except (QuestionError, StoreError, EmbedderError, LLMError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
