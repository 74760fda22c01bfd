"""Fetch a page of papers over http(s) (a Hugging Face papers page, an arXiv listing, an arXiv
API query, any file of papers on the web) and read it like a file; its papers' source is the URL.

Whatever goes wrong is one ``InputError`` naming the URL and what to do: the host cannot be
reached (the network may be off: save the page and ingest the file), an HTTP error, content
that is not text, a page over the size cap (``Settings.max_upload_mb``) or slower than the
timeout (``Settings.fetch_timeout``, for the whole page, not each read).

A user:password in the URL is never shown in a message nor stored as the papers' source.

>>> is_url("https://arxiv.org/list/cs.CL/new"), is_url("papers.jsonl"), path_or_url("a/b.bib")
(True, False, PosixPath('a/b.bib'))
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rag.config import FETCH_TIMEOUT, MAX_UPLOAD_BYTES, Settings
from rag.corpus import merge_duplicates
from rag.errors import InputError
from rag.importers import binary_kind, read_data, read_paths
from rag.records import Paper, Problem
from rag.uploads import too_big

if TYPE_CHECKING:
    import httpx

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
USERINFO = re.compile(r"(?<=://)[^/@?#]*@")
OFFLINE_ADVICE = "the network may be off — save the page and ingest the file instead"
HEADERS = {"User-Agent": "paper-rag (research-paper importer)", "Accept": "text/html, */*"}
# Content types that are text whatever their name says; anything else with a type is refused.
TEXT_TYPES = {"application/x-bibtex", "application/x-ndjson", "application/jsonl"}
UNTYPED = {"", "application/octet-stream"}  # judged by the bytes instead


@dataclass
class Page:
    url: str  # where it was fetched from, after any redirect
    data: bytes
    content_type: str


def is_url(text: str) -> bool:
    return bool(SCHEME.match(text))


def shown(url: str) -> str:
    """The URL without any user:password.

    >>> shown("https://ada:secret@example.org/papers.bib")
    'https://example.org/papers.bib'
    """
    return USERINFO.sub("", url, count=1)


def path_or_url(text: str) -> Path | str:
    """A command-line argument as a file path, or a URL kept as text (``Path`` would fold its
    ``//``)."""
    return text if is_url(text) else Path(text)


def fetch_page(
    url: str,
    max_bytes: int = MAX_UPLOAD_BYTES,
    timeout: float = FETCH_TIMEOUT,
    public_only: bool = False,
) -> Page:
    """The page at ``url``, or an ``InputError`` saying why not. ``public_only``: refuse this
    machine and private networks, redirects included (the page's URL box, where whoever can
    reach the page chooses what the server fetches)."""
    import httpx  # on use: the CLI imports this module to parse its arguments

    address, url = url, shown(url)  # fetched with its credentials, named without them
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise InputError(f"cannot fetch {url}: only http:// and https:// addresses can be fetched")
    hooks = {"request": [_public_host]} if public_only else {}
    try:
        with (
            httpx.Client(
                timeout=timeout, follow_redirects=True, headers=HEADERS, event_hooks=hooks
            ) as client,
            client.stream("GET", address) as response,
        ):
            content_type = _check(url, response, max_bytes)
            data = _read_capped(url, response, max_bytes, timeout)
            final = shown(str(response.url))
            return Page(final, _utf8(data, response.charset_encoding), content_type)
    except httpx.TimeoutException:
        raise InputError(
            f"could not fetch {url}: no complete answer within {timeout:g} s; {OFFLINE_ADVICE}"
        ) from None
    except httpx.ConnectError as error:
        raise InputError(f"could not reach {url}: {_reason(error)}; {OFFLINE_ADVICE}") from None
    except httpx.HTTPError as error:
        raise InputError(f"could not fetch {url}: {_reason(error)}; {OFFLINE_ADVICE}") from None
    except httpx.InvalidURL as error:
        raise InputError(f"cannot fetch {url}: not a valid address ({error})") from None


def _public_host(request: httpx.Request) -> None:
    """Refuse a request to this machine or a private network (every address the name has)."""
    host = request.url.host
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return  # an unknown name: the connection fails and says so
    for address in addresses:
        if not ipaddress.ip_address(str(address).split("%")[0]).is_global:
            raise InputError(
                f"refusing to fetch from {host}: it is this machine or a private network "
                "(set RAG_UI_FETCH_PRIVATE=true to allow it from the page)"
            )


def _check(url: str, response: httpx.Response, max_bytes: int) -> str:
    """The response's content type, once its status, type and declared size are acceptable."""
    if response.status_code >= 400:
        raise InputError(
            f"could not fetch {url}: the server answered HTTP {response.status_code} "
            f"{response.reason_phrase}; check the address"
        )
    content_type = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if not _is_text_type(content_type):
        raise InputError(
            f"could not read {url}: it is {content_type}, not a text page of papers (give a "
            "Hugging Face papers page, an arXiv listing or API query, or a BibTeX/JSON/CSV file)"
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"could not read {url}: {too_big(max_bytes, int(declared))}")
    return content_type


def _is_text_type(content_type: str) -> bool:
    """>>> [_is_text_type(t) for t in ("text/html", "application/atom+xml", "image/png", "")]
    [True, True, False, True]
    """
    major, _, minor = content_type.partition("/")
    return (
        content_type in UNTYPED | TEXT_TYPES
        or major == "text"
        or minor in {"xml", "json"}
        or minor.endswith(("+xml", "+json"))
    )


def _read_capped(url: str, response: httpx.Response, max_bytes: int, timeout: float) -> bytes:
    """The body, refused once it passes ``max_bytes`` or ``timeout`` seconds in all (a server
    may trickle bytes forever, each read well inside the timeout)."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decompressed: the cap counts what is read
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"could not read {url}: {too_big(max_bytes)}")
        if time.monotonic() > deadline:
            raise InputError(
                f"could not fetch {url}: the page did not finish within {timeout:g} s; "
                f"{OFFLINE_ADVICE}"
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    binary = binary_kind(data)
    if binary:
        raise InputError(f"could not read {url}: it is {binary}, not a text page of papers")
    return data


def _utf8(data: bytes, charset: str | None) -> bytes:
    """A page in another declared charset (an old Latin-1 page), as UTF-8 for the readers."""
    if not charset or charset.lower().replace("_", "-").startswith(("utf-", "us-ascii", "ascii")):
        return data
    try:
        return data.decode(charset, errors="replace").encode()
    except LookupError:  # a charset Python does not know: read the bytes as they are
        return data


def _reason(error: httpx.HTTPError) -> str:
    """httpx's message without its errno: "[Errno 111] Connection refused" -> "connection
    refused"."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", " ".join(str(error).split())) or type(error).__name__
    text = USERINFO.sub("", text)  # a message quoting a URL quotes it without credentials
    return text[0].lower() + text[1:]


def read_url(
    url: str,
    fmt: str = "auto",
    max_bytes: int = MAX_UPLOAD_BYTES,
    timeout: float = FETCH_TIMEOUT,
    public_only: bool = False,
) -> tuple[list[Paper], list[Problem]]:
    """Papers and problems from the page at ``url`` (fetched, then read as its content type and
    text say); ``InputError`` when it cannot be fetched."""
    page = fetch_page(url, max_bytes, timeout, public_only)
    return read_data(
        page.data, shown(url), fmt, name=urlsplit(page.url).path, content_type=page.content_type
    )


def read_sources(
    sources: Sequence[Path | str], fmt: str, settings: Settings
) -> tuple[list[Paper], list[Problem]]:
    """All papers from files, folders and http(s) URLs, one Paper per title. URLs are fetched
    first, so one that cannot be reached stops everything before any file is read."""
    urls = [s for s in sources if isinstance(s, str) and is_url(s)]
    fetched = [
        read_url(url, fmt, settings.max_upload_bytes, settings.fetch_timeout) for url in urls
    ]
    papers, problems = read_paths([Path(s) for s in sources if s not in urls], fmt)
    for found, issues in fetched:
        papers.extend(found)
        problems.extend(issues)
    return list(merge_duplicates(papers)), problems
