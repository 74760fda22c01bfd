"""Lists for the helpers who write fresh near-miss probes (eval/WRITING.md, "Stop 41"-"Stop 43").

Writes, into the folder given: abs_all.txt (every bundled paper: title line, abstract line,
blank line), less_asked_1.txt / less_asked_2.txt (the titles every eval/*.jsonl names at most
MAX times in gold_titles or related_titles, less the 40 named most, split by alternate lines;
MAX is the second argument, 12 by default: the pool at 12 ran out in stop 44),
much_asked.txt (those 40), superlatives_asked.txt (the "-c" questions of shapes_t onwards,
copied, not read). Prints counts only, so that nothing of the sets reaches whoever runs it.
"""

import collections
import json
import sys
from pathlib import Path

from rag.corpus import bundled_corpus_files, merge_duplicates, parse_listing

EVAL = Path(__file__).parent


def main(out: Path, most: int = 12) -> None:
    papers = []
    for path in bundled_corpus_files():
        papers.extend(parse_listing(path.read_text(encoding="utf-8"), path.name)[0])
    papers = list(merge_duplicates(papers))
    (out / "abs_all.txt").write_text("".join(f"{p.title}\n{p.abstract}\n\n" for p in papers))
    counts: collections.Counter[str] = collections.Counter({p.title: 0 for p in papers})
    superlatives = []
    for path in sorted(EVAL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            for title in row.get("gold_titles", []) + row.get("related_titles", []):
                if title in counts:
                    counts[title] += 1
            name = path.stem
            if name.startswith("shapes_") and name >= "shapes_t" and "-c" in row["id"]:
                superlatives.append(row["question"])
    much = [t for t, _ in counts.most_common(40)]
    less = [t for t, n in counts.items() if n <= most and t not in much]
    (out / "much_asked.txt").write_text("\n".join(much) + "\n")
    (out / "less_asked_1.txt").write_text("\n".join(less[0::2]) + "\n")
    (out / "less_asked_2.txt").write_text("\n".join(less[1::2]) + "\n")
    (out / "superlatives_asked.txt").write_text("\n".join(superlatives) + "\n")
    print(f"papers {len(papers)}, less asked {len(less)}, superlatives {len(superlatives)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:3]))
