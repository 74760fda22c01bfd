"""Shared helpers: settings rooted in a temporary folder, percentiles and plain-text tables."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from rag.config import Settings
from rag.evaluation import Question, load_questions
from rag.evaluation import percentile as percentile  # one rule for every table

REPO = Path(__file__).resolve().parent.parent
DEV_QUESTIONS = REPO / "eval" / "questions.jsonl"
HOLDOUT_QUESTIONS = REPO / "eval" / "holdout.jsonl"
INDEPENDENT_QUESTIONS = REPO / "eval" / "independent.jsonl"
UNSEEN_QUESTIONS = REPO / "eval" / "unseen.jsonl"
T = TypeVar("T")


def make_settings(index_dir: Path, **overrides: Any) -> Settings:
    """Settings that never read .env and keep the index in ``index_dir`` (a temporary folder),
    saved conversations beside it.

    Answers default to extractive so that an OPENAI_API_KEY in the environment cannot turn a
    benchmark into paid API calls; the LLM section overrides it against the fake server.
    """
    values: dict[str, Any] = {
        "answer_mode": "extractive",
        # beside the index, in the same temporary folder, not in the user's data folder
        "conversations_db": index_dir.parent / f"{index_dir.name}-conversations.sqlite3",
    }
    values.update(overrides)
    return Settings(_env_file=None, index_dir=index_dir, **values)  # type: ignore[call-arg]


def dev_questions() -> list[Question]:
    return load_questions(DEV_QUESTIONS)


def holdout_questions() -> list[Question]:
    return load_questions(HOLDOUT_QUESTIONS)


def independent_questions() -> list[Question]:
    return load_questions(INDEPENDENT_QUESTIONS)


def unseen_questions() -> list[Question]:
    return load_questions(UNSEEN_QUESTIONS)


# --- timing -------------------------------------------------------------------------------


def time_ms(fn: Callable[[], T]) -> tuple[float, T]:
    """Milliseconds one call takes, and its result."""
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is wall seconds, ``t[1]`` CPU seconds.

    CPU seconds (all threads of this process) are reported beside wall time because the
    benchmark machine may be shared: wall time grows with other load, CPU time much less.
    """
    box: list[float] = []
    started, cpu = time.perf_counter(), time.process_time()
    try:
        yield box
    finally:
        box.extend([time.perf_counter() - started, time.process_time() - cpu])


# --- printing -----------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    """'met' / 'MISSED' for an upper-bound target (every target here is a maximum)."""
    return "met" if value <= target else "MISSED"


def target_note(value: float, target: float, unit: str) -> str:
    return f"<= {target:g} {unit}: {verdict(value, target)}"


def fmt(value: Any, digits: int = 1) -> str:
    if isinstance(value, float):
        if value != value:  # NaN: nothing measured
            return "-"
        return f"{value:.{digits}f}"
    return str(value)


def section(title: str) -> None:
    print()
    print("=" * len(title))
    print(title)
    print("=" * len(title))


def table(
    headers: list[str], rows: list[list[Any]], title: str = "", notes: Sequence[str] = ()
) -> None:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        parts = [values[0].ljust(widths[0])]
        parts += [v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    if title:
        print()
        print(title)
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))
    for note in notes:
        print(f"  {note}")
