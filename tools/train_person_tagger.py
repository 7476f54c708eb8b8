"""Train the person-name tagger (``hadath.extractors.learned``) and write it into the package.

Data: the Wojood NER sample's train and validation files (gold PERS spans, any nesting
layer) and silver labels: the people the rules find (register names and title-pattern
names) in the first ``--silver`` articles of the news corpus. The Wojood test file is
kept out, for ``tools/ner_eval.py``.

    .venv/bin/python tools/train_person_tagger.py [--epochs 8] [--silver 400]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

from hadath.analyse.normalise import normalise
from hadath.extractors.entities import EntityExtractor
from hadath.extractors.learned import LABELS, MODEL, features
from hadath.extractors.lexicon import PERSON, lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src/hadath/lang/ar" / MODEL


def wojood(path: Path) -> list[tuple[list[str], list[str]]]:
    out, words, labels = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if not parts:
            if words:
                out.append((words, labels))
            words, labels = [], []
            continue
        tags = parts[1:]
        lab = "O"
        if "B-PERS" in tags:
            lab = "B"
        elif "I-PERS" in tags:
            lab = "I"
        words.append(normalise(parts[0]))
        labels.append(lab)
    return out


def silver(n: int) -> list[tuple[list[str], list[str]]]:
    """Sentences of the corpus with the rules' person mentions as labels."""
    ex = EntityExtractor()
    out = []
    with gzip.open(SHARED / "corpus/ant-10k.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= n:
                break
            text = json.loads(line)["text"]
            res = ex.extract(text, [(0, len(text))])
            toks = res.tokens
            labels = ["O"] * len(toks)
            for first, (ent, kind, last) in res.mention_at.items():
                if ent.type == PERSON and kind == "name":
                    labels[first] = "B"
                    for j in range(first + 1, last):
                        labels[j] = "I"
            start = 0
            for i in range(1, len(toks) + 1):
                if i == len(toks) or "\n" in toks[i].gap or "." in toks[i].gap:
                    out.append(([t.norm for t in toks[start:i]], labels[start:i]))
                    start = i
    return out


def train(data, epochs: int, seed: int = 13) -> dict[str, dict[str, float]]:
    lex = lexicon()
    weights: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(LABELS, 0.0))
    totals: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(LABELS, 0.0))
    stamps: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LABELS, 0))
    step = 0
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        errors = 0
        for words, gold in data:
            prev = "<s>"
            for i in range(len(words)):
                feats = features(words, i, prev, lex)
                scores = dict.fromkeys(LABELS, 0.0)
                for f in feats:
                    row = weights.get(f)
                    if row:
                        for lab, w in row.items():
                            scores[lab] += w
                guess = max(LABELS, key=lambda lab: scores[lab])
                step += 1
                if guess != gold[i]:
                    errors += 1
                    for f in feats:
                        for lab, delta in ((gold[i], 1.0), (guess, -1.0)):
                            totals[f][lab] += (step - stamps[f][lab]) * weights[f][lab]
                            stamps[f][lab] = step
                            weights[f][lab] += delta
                prev = gold[i]   # train on the gold history
        print(f"epoch {epoch + 1}: {errors} errors")
    averaged: dict[str, dict[str, float]] = {}
    for f, row in weights.items():
        avg = {}
        for lab, w in row.items():
            total = totals[f][lab] + (step - stamps[f][lab]) * w
            value = round(total / step, 4)
            if abs(value) >= 1e-4:
                avg[lab] = value
        if avg:
            averaged[f] = avg
    return averaged


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--silver", type=int, default=400, help="corpus articles labelled by the rules")
    args = ap.parse_args()
    data = wojood(SHARED / "ner/wojood_sample_train.txt") + wojood(SHARED / "ner/wojood_sample_val.txt")
    gold_sentences = len(data)
    data += silver(args.silver)
    print(f"{gold_sentences} Wojood sentences, {len(data) - gold_sentences} silver sentences")
    weights = train(data, args.epochs)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = {"about": "averaged perceptron person tagger; trained by tools/train_person_tagger.py on the "
                        "Wojood NER sample (MIT) train+val and rule-labelled ANT corpus articles (Apache-2.0)",
               "epochs": args.epochs, "silver_articles": args.silver, "weights": weights}
    OUT.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0))
    print(f"{len(weights)} features -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
