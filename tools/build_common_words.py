"""Build ``lang/ar/common_words.tsv``: frequent news words that are not personal names.

A title ("قال الرئيس ...") is followed by a name, but copy often runs on without
punctuation ("ترامب اتهامات بأنه فشل"); the title-pattern reader stops a name at a
word of this list. A word counts as common when the news corpus also writes it with
the article (a noun or adjective: تصريحات / التصريحات), when it is itself a frequent
definite word, when it is a frequent future verb (ستكون), an imperfect verb the corpus
also writes with the future prefix (تعمل / ستعمل), or a perfect verb it also writes with
the feminine or plural ending (امتنع / امتنعت / امتنعوا); words tagged as part of a
person's name in the Wojood NER sample, given names and the people register are kept out.

Run: .venv/bin/python tools/build_common_words.py  (reads ../shared/corpus, ../shared/ner)
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from hadath.analyse.normalise import normalise
from hadath.analyse.segment import tokens
from hadath.lang import read_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src/hadath/lang/ar/common_words.tsv"
MIN_DEFINITE = 3      # times the ال-form must occur for the bare form to count as a noun
MIN_ARTICLE = 10      # times a definite word must occur
MIN_FUTURE = 3
MIN_VERB_FORM = 2     # times a verb's other form (سيعمل for يعمل, امتنعت for امتنع) must occur


def _counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    with gzip.open(SHARED / "corpus/ant-10k.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            counts.update(t.text for t in tokens(normalise(text)))
    return counts


def _name_tokens() -> set[str]:
    keep: set[str] = set()
    for name in ("train", "val", "test"):
        path = SHARED / f"ner/wojood_sample_{name}.txt"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if any(p.endswith("PERS") for p in parts[1:]):
                keep.add(normalise(parts[0]))
    try:
        keep |= {normalise(r["arabic"]) for r in read_table("given_names.tsv")}
    except FileNotFoundError:
        pass
    people = ROOT / "src/hadath/lang/ar/people"
    for path in sorted(people.glob("*.tsv")):
        for r in read_table(f"people/{path.name}"):
            keep |= {t.text for t in tokens(normalise(r["arabic"]))}
    return keep


def main() -> None:
    counts = _counts()
    names = _name_tokens()
    common = []
    for w, n in counts.items():
        if w in names or len(w) < 3 or not w.isalpha():
            continue
        if w.startswith("ال"):
            ok = n >= MIN_ARTICLE
        elif w[0] == "س" and w[1:2] in ("ي", "ت", "ن"):
            ok = n >= MIN_FUTURE
        else:
            ok = (counts.get("ال" + w, 0) >= MIN_DEFINITE
                  or (w[0] in "يتن" and counts.get("س" + w, 0) >= MIN_VERB_FORM)
                  or (counts.get(w + "ت", 0) >= MIN_VERB_FORM and counts.get(w + "وا", 0) >= MIN_VERB_FORM))
        if ok:
            common.append((w, n))
    common.sort(key=lambda x: (-x[1], x[0]))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Frequent news words that are not personal names (normalised), where a title-pattern name stops.\n")
        fh.write("# Source: computed by tools/build_common_words.py from the ANT news corpus (Apache-2.0) counts,\n")
        fh.write("# minus tokens tagged PERS in the Wojood NER sample (MIT), given_names.tsv and the people register.\n")
        fh.write("word\tcount\n")
        for w, n in common:
            fh.write(f"{w}\t{n}\n")
    print(f"{len(common)} words -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
