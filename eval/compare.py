"""Answer quality of two versions side by side, in one run: `rag eval --answers` per question set.

    python eval/compare.py --base 42abede heldout_topical_g heldout_topical_h
    python eval/compare.py --base HEAD~3 --changes questions independent

Each version's code (``rag/`` and ``prompts/``: the base from ``git archive``, this one copied from
the working tree, uncommitted changes included; ``data/`` too) runs from a folder of its own laid
out as the installed package, in a process per set, against the same index (the user's, as
``rag eval`` uses). A set is ``eval/<name>.jsonl``.

``--changes`` prints the ids whose verdict differs. Reading them makes a set "looked at"
(eval/WRITING.md): never use it on a set whose figures are reported as never fitted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The repository's folders as the installed package has them (pyproject's package-dir): run
# from the repository, `rag.prompt_files` would be this checkout's prompts, whatever the code.
LAYOUT = {"rag": "rag", "prompts": "rag/prompt_files", "data": "rag/data"}
# Runs `rag -v eval --answers --json` with the code of the folder it starts in, and says so.
RUN = (
    "import sys, rag.prompts; from pathlib import Path; "
    "here = Path.cwd().resolve(); "
    "assert Path(rag.__file__).resolve().is_relative_to(here), rag.__file__; "
    "assert rag.prompts.PROMPTS_DIR.resolve().is_relative_to(here), rag.prompts.PROMPTS_DIR; "
    "from rag.cli import main; "
    "sys.exit(main(['-v', 'eval', '--questions', sys.argv[1], '--answers', '--json']))"
)
FIGURES = (
    ("precision", "precision"),
    ("accuracy", "accuracy"),
    ("abstains", "answer_abstain_rate_unanswerable"),
    ("false abst.", "answer_false_abstain_rate"),
    ("follow-ups", "followup_correct"),
    ("list prec.", "list_precision"),
    ("multi R@10", "multi_recall_at_10"),
    ("p50 ms", "answer_p50_ms"),
)


def checkout(ref: str | None, folder: Path) -> Path:
    """``ref``'s code (None: the working tree's) in ``folder``, laid out as installed."""
    source = folder.with_name(folder.name + "-source")
    if ref is None:
        source = ROOT
    else:
        source.mkdir(parents=True)
        got = subprocess.run(["git", "-C", str(ROOT), "archive", ref, *LAYOUT], capture_output=True)
        if got.returncode != 0:
            raise SystemExit(f"error: cannot read {ref!r}: {got.stderr.decode().strip()}")
        archive = got.stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    for name, target in LAYOUT.items():
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(source / name, folder / target, ignore=ignore)
    return folder


def evaluate(code: Path, questions: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(questions)],
        cwd=code,
        capture_output=True,
        text=True,
        env=_without_pythonpath(),
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"error: {questions.stem} failed with the code in {code}: {last}")
    return json.loads(done.stdout)


def _without_pythonpath() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _right(metrics: dict) -> str:
    verdicts = metrics["answer_per_question"]
    return f"{sum(r['correct'] for r in verdicts)}/{len(verdicts)}"


def _figure(metrics: dict, key: str) -> str:
    value = metrics.get(key)
    if key == "multi_recall_at_10" and not metrics["counts"]["multi"]:
        value = None  # retrieval's figures read 0.0 for a set without such questions
    return "-" if value is None else f"{value:.2f}"


def table(sets: list[str], base: dict[str, dict], this: dict[str, dict], ref: str) -> str:
    head = ["set", "version", "right", *(name for name, _ in FIGURES)]
    rows = [head, ["---"] * len(head)]
    for name in sets:
        for label, metrics in ((ref, base[name]), ("this", this[name])):
            figures = [_figure(metrics, key) for _, key in FIGURES]
            rows.append([name if label == ref else "", label, _right(metrics), *figures])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def changes(name: str, base: dict, this: dict) -> list[str]:
    before = {r["id"]: r["correct"] for r in base["answer_per_question"]}
    lines = []
    for record in this["answer_per_question"]:
        was = before.get(record["id"])
        if was is not None and was != record["correct"]:
            lines.append(f"{name} {record['id']}: {'gained' if record['correct'] else 'lost'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="names of eval/<name>.jsonl, or .jsonl paths")
    parser.add_argument("--base", required=True, help="git ref of the version to compare with")
    parser.add_argument(
        "--changes", action="store_true", help="print the ids whose verdict differs"
    )
    args = parser.parse_args(argv)
    files = {
        Path(name).stem: Path(name) if name.endswith(".jsonl") else ROOT / "eval" / f"{name}.jsonl"
        for name in args.sets
    }
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        parser.error(f"no such question set: {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="rag-compare-") as tmp:
        base_code = checkout(args.base, Path(tmp) / "base")
        this_code = checkout(None, Path(tmp) / "this")
        base, this = {}, {}
        for name, path in files.items():  # one after the other, set by set: the same machine load
            base[name] = evaluate(base_code, path)
            this[name] = evaluate(this_code, path)
    print(table(list(files), base, this, args.base))
    if args.changes:
        for name in files:
            print("\n".join(changes(name, base[name], this[name])) or f"{name}: no change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
