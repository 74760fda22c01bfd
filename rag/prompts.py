"""Prompt templates are files in ``prompts/``, rendered with strict variables.

Each template declares which variables it may use; loading checks that it uses no other, so a
typo in a template fails at start-up, not in the middle of an answer.

>>> render("rewrite", history=[{"role": "user", "content": "What is ByT5?"}],
...        question="How fast is it?").splitlines()[-1]
'Standalone question:'
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from rag.errors import PromptError

# The repository's prompts/ folder, installed as the package data rag.prompt_files.
PROMPTS_DIR = Path(str(resources.files("rag.prompt_files")))
# The only sentence an answer may consist of when the sources do not answer the question;
# the prompts, the extractive answerer and the tests all share it.
NO_ANSWER = "The indexed papers do not answer this question."
# Follows NO_ANSWER when papers bear on the question but none states the answer.
NOT_STATED = "Papers about it that do not give"
# Heads the papers of an offline list that are near the topic but less likely to be about it.
NEAR_TOPIC = "Also near the topic, though they may not be about it:"

VARIABLES: dict[str, set[str]] = {
    "system": {"no_answer", "max_sentences"},
    "answer": {"sources", "question", "no_answer", "evidence", "topical", "not_given"},
    "rewrite": {"history", "question"},
}


@lru_cache(maxsize=1)
def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for a model, not HTML
        keep_trailing_newline=False,
    )


@cache
def load(name: str, folder: Path = PROMPTS_DIR) -> jinja2.Template:
    """Load ``prompts/<name>.md`` and check its variables against ``VARIABLES``."""
    env = _environment(folder)
    path = folder / f"{name}.md"
    try:
        source = path.read_text(encoding="utf-8")
    except OSError:
        raise PromptError(
            f"Prompt file {path} is missing; reinstall paper-rag or restore it from the repository."
        ) from None
    used = meta.find_undeclared_variables(env.parse(source))
    unknown = used - VARIABLES.get(name, set())
    if unknown:
        raise PromptError(f"Prompt {path} uses unknown variables {sorted(unknown)}.")
    return env.get_template(f"{name}.md")


def render(name: str, **variables: Any) -> str:
    template = load(name)
    missing = VARIABLES[name] - variables.keys()
    if missing:
        raise PromptError(f"Prompt {name!r} needs {sorted(missing)}.")
    return template.render(**variables).strip()


def check_all() -> None:
    """Load every prompt once (entry points call this at start-up)."""
    for name in VARIABLES:
        load(name)
