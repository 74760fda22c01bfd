"""Check the citations of a generated answer against its numbered sources.

>>> parse_markers("Gains of 8% [1, 3] and 3.5% [2-4].")
[[1, 3], [2, 3, 4]]
>>> clean_markers("A [1]. B [7]. C [2, 9].", valid={1, 2})
('A [1]. B. C [2].', [7, 9])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.chunking import split_sentences
from rag.lexical import tokenize

MARKER = re.compile(r"\s*\[(\d+(?:\s*(?:[-–,]|and)\s*\d+)*)\]")
# A cited sentence whose content words are less than this share present in the cited papers is
# flagged as weakly supported (paraphrase keeps most content words; invention does not).
SUPPORT_THRESHOLD = 0.5
# A marker number rendered as a Markdown link by the UI: [1](url "title")
MARKER_LINK = re.compile(r'\[(\d+)\]\((?:[^()"\s]+)(?:\s+"[^"]*")?\)')
MAX_RANGE = 50
BOLD = re.compile(r"\*\*[^*\n]+\*\*")
# "- **Title**: what it does [2]": a list line's label (a bold phrase ending in a colon).
LABEL = re.compile(r"^[\s>*+-]*\*\*[^*\n]+\*\*\s*:")
# Markers written after a sentence's full stop ("It is fast. [1]") open the next split piece.
LEADING_MARKERS = re.compile(r"^(?:\[\d+(?:\s*(?:[-–,]|and)\s*\d+)*\][.,;:]?\s*)+")
LIST_MARKER = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])\s+"
)  # "- ", "* ", "2. ", "3) "  # "[1-1000]" is not a citation anyone means


def expand_markers(group: str) -> list[int]:
    """The numbers one marker group names ("1, 3-5" -> [1, 3, 4, 5])."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|and)\s*", group):
        if re.search(r"[-–]", part):
            low, high = (int(x) for x in re.split(r"\s*[-–]\s*", part))
            if low <= high and high - low <= MAX_RANGE:
                numbers.extend(range(low, high + 1))
            else:
                numbers.extend([low, high])
        elif part.strip():
            numbers.append(int(part))
    return list(dict.fromkeys(numbers))


def parse_markers(text: str) -> list[list[int]]:
    """Every citation group in the text, ranges and lists expanded."""
    return [expand_markers(m.group(1)) for m in MARKER.finditer(text)]


# "[-1]", "[ -2 ]": never a source, in any mode.
NEGATIVE_MARKER = re.compile(r"\s*\[\s*-\s*(\d+)\s*\]")


def clean_markers(text: str, valid: set[int]) -> tuple[str, list[int]]:
    """Drop numbers that point at no source; returns the text and the dropped numbers.

    >>> clean_markers("A [-1]. B [0].", valid={1})
    ('A. B.', [-1, 0])
    """
    dropped: list[int] = []

    def negative(match: re.Match[str]) -> str:
        dropped.append(-int(match.group(1)))
        return ""

    text = NEGATIVE_MARKER.sub(negative, text)

    def replace(match: re.Match[str]) -> str:
        numbers = expand_markers(match.group(1))
        keep = [n for n in numbers if n in valid]
        dropped.extend(n for n in numbers if n not in valid)
        return f" [{', '.join(map(str, keep))}]" if keep else ""

    return MARKER.sub(replace, text), list(dict.fromkeys(dropped))


class MarkerFilter:
    """Clean citation markers in a stream of text deltas, so a streamed answer never shows a
    marker pointing at no source. A delta ending inside a possible marker ("... [1") is held
    back until the marker closes.

    >>> f = MarkerFilter(valid={1, 2})
    >>> f.feed("Fast [9") + f.feed("9] and small [2") + f.feed("].") + f.flush(), f.dropped
    ('Fast and small [2].', [99])
    """

    OPEN = re.compile(r"\s*\[[\d\s,–and-]*$")  # an unfinished marker at the end

    def __init__(self, valid: set[int]) -> None:
        self.valid = valid
        self.dropped: list[int] = []
        self._held = ""

    def feed(self, delta: str) -> str:
        text = self._held + delta
        pending = self.OPEN.search(text)
        if pending and len(text) - pending.start() <= 40:
            text, self._held = text[: pending.start()], text[pending.start() :]
        else:
            self._held = ""
        return self._clean(text)

    def flush(self) -> str:
        text, self._held = self._held, ""
        return self._clean(text)

    def _clean(self, text: str) -> str:
        cleaned, dropped = clean_markers(text, self.valid)
        self.dropped.extend(n for n in dropped if n not in self.dropped)
        return cleaned


def claims(line: str) -> list[str]:
    """The sentences of one line, list marker removed; a bold span (a paper's title in a list)
    is a name, never split even if it holds a question mark; markers after a full stop stay
    with the sentence they follow.

    >>> claims("- **Who's Harry Potter? Unlearning in LLMs**: We forget it [2].")
    ["**Who's Harry Potter? Unlearning in LLMs**: We forget it [2]."]
    >>> claims("BERT is fast. [1] It is small. [2, 3]")
    ['BERT is fast. [1]', 'It is small. [2, 3]']
    """
    sentences: list[str] = []
    for piece in outside_bold(LIST_MARKER.sub("", line)):
        leading = LEADING_MARKERS.match(piece)
        if leading and sentences:
            sentences[-1] = f"{sentences[-1]} {leading.group(0).strip()}"
            piece = piece[leading.end() :]
        if piece:
            sentences.append(piece)
    return sentences


def outside_bold(text: str) -> list[str]:
    """The sentences of ``text``, a bold title kept whole, whatever stops it holds.

    >>> outside_bold("It is **Tomayto, Tomahto. Beyond Token-level ...**. It works.")
    ['It is **Tomayto, Tomahto. Beyond Token-level ...**.', 'It works.']
    """
    spans: list[str] = []

    def hide(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    return [
        re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], s)
        for s in split_sentences(BOLD.sub(hide, text))
    ]


@dataclass
class CitationReport:
    cited: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    uncited_sentences: list[str] = field(default_factory=list)
    weak_sentences: list[str] = field(default_factory=list)


def _unsupported(claim: set[str], supported: set[str]) -> bool:
    return bool(claim) and len(claim & supported) / len(claim) < SUPPORT_THRESHOLD


def check(
    text: str, sources: dict[int, str], exempt: tuple[str, ...] = ()
) -> tuple[str, CitationReport]:
    """Clean markers, then flag uncited sentences and sentences their sources do not support.

    ``sources`` maps marker -> the paper's text (title and abstract); sentences starting with
    one of ``exempt`` (the fixed abstention) are not claims.
    """
    cleaned, dropped = clean_markers(text, set(sources))
    report = CitationReport(dropped=dropped)
    source_terms = {n: set(tokenize(t)) for n, t in sources.items()}
    cited: list[int] = []
    for line in cleaned.splitlines():
        for sentence in claims(line):
            if sentence.startswith(exempt) or len(tokenize(sentence)) < 3:
                continue  # a list lead-in or a label, not a claim
            numbers = [n for group in parse_markers(sentence) for n in group]
            if not numbers:
                report.uncited_sentences.append(sentence)
                continue
            cited.extend(numbers)
            # A list line's label (the paper's title) and what it says of the paper are each
            # checked: the title's words would otherwise vouch for any claim beside them.
            said = MARKER.sub("", sentence)
            label = LABEL.match(said)
            parts = [said[label.end() :], label.group()] if label else [said]
            supported = set().union(*(source_terms[n] for n in numbers))
            if any(_unsupported(set(tokenize(part)), supported) for part in parts):
                report.weak_sentences.append(sentence)
    report.cited = sorted(set(cited))
    return cleaned, report
