"""Core benchmarks: print medians and ratios against a reference measured in the same run.

    python bench/bench_core.py [--runs N]

* `ncsi summary` (process start to exit) vs a bare `python -c pass`;
* load of the example (read + parse + validate) vs a bare `tomllib.loads`;
* an atomic, locked, canonical save vs a plain `tomli_w.dumps` + write + fsync + rename;
* scoring of the example.

Figures drift run to run; the ratios measured side by side in one pass are what to compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def pairwise(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Alternate a and b so that both see the same machine load; medians in ms."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a, 1))
        tb.append(timed(b, 1))
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    from ncsi_tui.core.files import storage
    from ncsi_tui.core.files.session import AssessmentSession
    from ncsi_tui.core.judge.scoring import score

    env = {**os.environ, "NCSI_USER": "bench"}
    summary_ms, bare_ms = pairwise(
        lambda: subprocess.run([sys.executable, "-m", "ncsi_tui", "summary", str(EXAMPLE)],
                               capture_output=True, env=env, check=True),
        lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True),
        runs,
    )
    text = EXAMPLE.read_text("utf-8")
    load_ms, parse_ms = pairwise(lambda: storage.load(EXAMPLE), lambda: tomllib.loads(text), runs * 4)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "a.toml"
        shutil.copyfile(EXAMPLE, work)
        session = AssessmentSession.open(work)
        data = tomllib.loads(text)
        plain = Path(tmp) / "plain.toml"
        flip = [0]

        def our_save() -> None:
            flip[0] ^= 1
            session.set_status("1.2", "met" if flip[0] else "not-met")
            session.save()

        def plain_save() -> None:
            tmpf = plain.with_suffix(".tmp")
            with open(tmpf, "wb") as fh:
                fh.write(tomli_w.dumps(data).encode())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmpf, plain)

        save_ms, plain_ms = pairwise(our_save, plain_save, runs * 4)
        score_ms = timed(lambda: score(session.catalogue, session.assessment), runs * 4)

    print(f"{'measure':44} {'ours':>9} {'reference':>10} {'ratio':>6}")
    rows = [
        ("ncsi summary, process start to exit (ms)", summary_ms, bare_ms, "python -c pass"),
        ("load example: read+parse+validate (ms)", load_ms, parse_ms, "tomllib.loads"),
        ("save: canonical, locked, atomic, .bak (ms)", save_ms, plain_ms, "tomli_w+fsync+rename"),
    ]
    for name, ours, ref, what in rows:
        print(f"{name:44} {ours:9.2f} {ref:10.2f} {ours / ref:6.2f}  vs {what}")
    print(f"{'score example (ms)':44} {score_ms:9.3f}")


if __name__ == "__main__":
    main()
