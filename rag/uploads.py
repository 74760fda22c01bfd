"""Read a file uploaded in the UI: the format detected as for any file, its papers' source the
name the file had on the user's machine (not the server's temporary path; spaces become _), and
a file too large or not text refused whole with one Problem.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> saved = folder / "upload-7f3a"
>>> _ = saved.write_text('@article{k, title = {A Title}, abstract = {An abstract.}}')
>>> papers, problems = read_upload(saved, "My Library.bib")
>>> papers[0].title, papers[0].sources, problems
('A Title', ['My_Library.bib'], [])
>>> read_upload(saved, "My Library.bib", max_bytes=10)[1]
[Problem(file='My_Library.bib', line=0, message='57 bytes, over the limit of 10 bytes: nothing read; split it, or raise RAG_MAX_UPLOAD_MB')]
"""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from rag.config import MAX_UPLOAD_BYTES
from rag.importers import read_data
from rag.records import Paper, Problem


def read_upload(
    path: Path, name: str, max_bytes: int = MAX_UPLOAD_BYTES, fmt: str = "auto"
) -> tuple[list[Paper], list[Problem]]:
    """Papers and problems from the uploaded file saved at ``path``, first called ``name``
    (pass ``Settings.max_upload_bytes`` as ``max_bytes``)."""
    # A browser may send a whole path, Windows' included: only the file's own name is kept.
    name = PureWindowsPath(name).name or path.name
    # The index keeps a paper's sources space-separated: "My Library.bib" would read back as
    # two sources, and the Papers tab could not remove it as one file.
    name = "_".join(name.split())
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [], [Problem(name, 0, too_big(max_bytes, size))]
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(name, 0, f"cannot read the upload: {error.strerror}")]
    return read_data(data, name, fmt)


def too_big(max_bytes: int, size: int | None = None) -> str:
    """What to say about a file or page over the size limit (its size, when known).

    >>> too_big(50_000_000, 73_400_000)
    '73.4 MB, over the limit of 50 MB: nothing read; split it, or raise RAG_MAX_UPLOAD_MB'
    """
    known = f"{_size(size)}, " if size is not None else ""
    return (
        f"{known}over the limit of {_size(max_bytes)}: nothing read; split it, or raise "
        "RAG_MAX_UPLOAD_MB"
    )


def _size(count: int) -> str:
    return f"{count / 1e6:.3g} MB" if count >= 100_000 else f"{count:,} bytes"
