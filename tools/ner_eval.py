"""Mention detection on a CoNLL-style NER file (the Wojood sample): P/R/F1 per class.

    .venv/bin/python tools/ner_eval.py ../shared/ner/wojood_sample_test.txt [--partial] [--rules-only]

Classes: PERS (PERSON), GPE/LOC (COUNTRY, REGION, LOCATION), ORG. Gold spans are every
span of those types in any nesting layer; a system mention hits when its span equals
a gold span of its class (``--partial``: overlaps one). Sentences are joined with
spaces, so offsets are the tokens' positions in that text.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from hadath.extractors.entities import EntityExtractor

CLASS_OF_GOLD = {"PERS": "PERS", "GPE": "GPE/LOC", "LOC": "GPE/LOC", "ORG": "ORG"}
CLASS_OF_SYS = {"PERSON": "PERS", "COUNTRY": "GPE/LOC", "REGION": "GPE/LOC", "LOCATION": "GPE/LOC", "ORG": "ORG"}


def read_conll(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """(text, gold spans) per sentence."""
    out = []
    words: list[str] = []
    labels: list[list[str]] = []

    def flush():
        if not words:
            return
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        spans: set[tuple[int, int, str]] = set()
        layers = max(len(x) for x in labels)
        for layer in range(layers):
            cur = None
            for i, labs in enumerate(labels + [["O"]]):
                lab = labs[layer] if layer < len(labs) else "O"
                if cur and not (lab.startswith("I-") and lab[2:] == cur[1]):
                    s, t = cur
                    if t in CLASS_OF_GOLD:
                        spans.add((starts[s], starts[i - 1] + len(words[i - 1]), CLASS_OF_GOLD[t]))
                    cur = None
                if lab.startswith("B-") or (lab.startswith("I-") and cur is None):
                    cur = (i, lab[2:])
        out.append((" ".join(words), spans))
        words.clear()
        labels.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        words.append(parts[0])
        labs = [p for p in parts[1:] if p != "O"] or ["O"]
        labels.append(labs)
    flush()
    return out


def evaluate(path: Path, partial: bool = False, learned: bool = True) -> dict[str, dict[str, float]]:
    ex = EntityExtractor(use_learned=learned)
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for text, gold in read_conll(path):
        res = ex.extract(text, [(0, len(text))])
        sys_spans = {(s, e, CLASS_OF_SYS[ent.type]) for ent in res.entities if ent.type in CLASS_OF_SYS
                     for s, e in ent.mentions}
        for g in gold:
            hit = any(c == g[2] and (s, e) == g[:2] or (partial and c == g[2] and s < g[1] and g[0] < e) for s, e, c in sys_spans)
            (tp if hit else fn)[g[2]] += 1
        for s, e, c in sys_spans:
            hit = any(gc == c and ((gs, ge) == (s, e) or (partial and gs < e and s < ge)) for gs, ge, gc in gold)
            if not hit:
                fp[c] += 1
    table = {}
    for c in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        t = sum(tp.values()) if c == "ALL" else tp[c]
        f = sum(fp.values()) if c == "ALL" else fp[c]
        n = sum(fn.values()) if c == "ALL" else fn[c]
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        table[c] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": t, "fp": f, "fn": n}
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path)
    ap.add_argument("--partial", action="store_true", help="count overlapping spans as hits")
    ap.add_argument("--rules-only", action="store_true", help="without the learned person tagger")
    args = ap.parse_args(argv)
    table = evaluate(args.path, args.partial, learned=not args.rules_only)
    print(f"{'class':8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for c, row in table.items():
        print(f"{c:8} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['tp']:5d} {row['fp']:5d} {row['fn']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
