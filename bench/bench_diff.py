"""Diff benchmark: two 46-indicator files with long evidence, compared as a whole process.

    python bench/bench_diff.py [--runs N] [--chars N]

Prints medians (ms) of `ncsi diff OLD NEW` (text and --json), of `ncsi summary` on one
file and of a bare `python -c pass` measured alternately in the same run, plus the
in-process `core.diff.compare` time and the word diff of every changed evidence text.
The acceptance line is: the whole `ncsi diff` process well under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ncsi_tui.core.compare.diff import compare
from ncsi_tui.core.files import storage
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues

WORDS = [
    "national",
    "cyber",
    "security",
    "policy",
    "ministry",
    "council",
    "strategy",
    "incident",
    "response",
    "team",
    "regulation",
    "statute",
    "article",
    "annex",
    "report",
    "exercise",
    "training",
    "curriculum",
    "service",
    "operator",
    "essential",
    "digital",
    "identity",
    "trust",
    "data",
    "protection",
    "authority",
    "crime",
    "unit",
]


def _text(rng: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        out.append(sentence)
        n += len(sentence) + 1
    paragraphs = [" ".join(out[i : i + 5]) for i in range(0, len(out), 5)]
    return "\n\n".join(paragraphs)


def _edit(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(max(3, len(words) // 40)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(WORDS) + " " + rng.choice(WORDS)
    return " ".join(words)


def make_pair(folder: Path, chars: int) -> tuple[Path, Path]:
    """Two versions of a full 46-indicator assessment; a third of the evidence rewritten."""
    cat = Catalogues().get("ncsi-2.0")
    rng = random.Random(46)
    old: dict[str, Record] = {}
    new: dict[str, Record] = {}
    for i, unit in enumerate(cat.units):
        ev = _text(rng, chars)
        ref = Reference(
            kind="official-document",
            title=f"Document {i}",
            url=f"https://example.org/{i}",
            published=dt.date(2024, 1, 1),
        )
        old[unit.id] = Record(
            status="met" if i % 2 else "not-met",
            evidence=ev,
            references=[ref],
            notes=_text(rng, 200),
        )
        changed = i % 3 == 0
        new[unit.id] = Record(
            status="met" if (i % 2) ^ (i % 5 == 0) else "not-met",
            evidence=_edit(rng, ev) if changed else ev,
            references=[ref] + ([ref.model_copy(update={"title": f"New {i}"})] if changed else []),
            notes=old[unit.id].notes,
        )
    paths = []
    for name, records in (("old.toml", old), ("new.toml", new)):
        a = Assessment(
            framework="ncsi-2.0",
            country=Country(code="EE"),
            reference_date=dt.date(2025, 6, 30),
            indicators=records,
        )
        p = folder / name
        p.write_text(storage.dumps(a, cat), encoding="utf-8")
        paths.append(p)
    return paths[0], paths[1]


def _run(args: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(args, capture_output=True, env=env, check=False)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--chars", type=int, default=3000, help="evidence length per indicator")
    opts = ap.parse_args()
    env = {**os.environ, "NCSI_USER": "bench"}
    with tempfile.TemporaryDirectory() as tmp:
        old, new = make_pair(Path(tmp), opts.chars)
        py = sys.executable
        cmds = {
            "ncsi diff (text)": [py, "-m", "ncsi_tui", "diff", str(old), str(new)],
            "ncsi diff --json": [py, "-m", "ncsi_tui", "diff", str(old), str(new), "--json"],
            "ncsi summary": [py, "-m", "ncsi_tui", "summary", str(old)],
            "python -c pass": [py, "-c", "pass"],
        }
        samples: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(opts.runs):
            for name, cmd in cmds.items():
                samples[name].append(_run(cmd, env))
        cats = Catalogues()
        cat = cats.get("ncsi-2.0")
        a, b = storage.load(old).assessment, storage.load(new).assessment
        inproc = []
        for _ in range(opts.runs):
            t = time.perf_counter()
            d = compare(cat, a, cat, b)
            for u in d.content_changes:
                if u.evidence:
                    u.evidence.words()
            inproc.append((time.perf_counter() - t) * 1000)
        size = old.stat().st_size // 1024
        print(
            f"two files of 46 indicators, {opts.chars} chars of evidence each ({size} KB), "
            f"{len(d.content_changes)} indicators with changed content; median of {opts.runs}"
        )
        for name, values in samples.items():
            print(f"  {name:<18} {statistics.median(values):8.1f} ms")
        print(f"  {'compare + words':<18} {statistics.median(inproc):8.1f} ms (in process)")
        worst = statistics.median(samples["ncsi diff (text)"])
        print(
            f"  verdict: whole `ncsi diff` process {'well under' if worst < 700 else 'NOT under'}"
            " a second"
        )


if __name__ == "__main__":
    main()
