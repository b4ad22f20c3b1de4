"""Overview benchmark: `ncsi overview` of 1, 100 and 1,000 files against `ncsi summary` of
one file, whole processes measured side by side in one run (medians; ratios count).

    python bench/bench_overview.py [--runs N] [--sizes 1,100,1000]

Each size is measured twice: warm (the row cache, kept by file time and size, holds the
folder: the usual second look at a region) and cold (``--no-cache``: every file parsed,
checked against its catalogue, scored and checked for readiness). Goal (issue 22): 1,000
files under 8x one summary.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_region import ROOT, make_region

EXAMPLE = ROOT / "assessments" / "example.toml"


def run(args: list[str], env: dict[str, str]) -> float:
    """Wall time of one whole `ncsi` process in ms (output thrown away)."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ncsi_tui", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,100,1000")
    opts = ap.parse_args()
    sizes = [int(x) for x in opts.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NCSI_USER": "bench", "NCSI_CACHE_DIR": str(Path(tmp) / "cache")}
        folders = {}
        for n in sizes:
            folders[n] = Path(tmp) / f"r{n}"
            make_region(folders[n], n)
        print(f"{'files':>6} {'mode':>5} {'overview ms':>12} {'summary ms':>11} {'ratio':>6}")
        for n in sizes:
            folder = str(folders[n])
            run(["overview", folder, "--json"], env)  # fill the cache
            for mode, extra in (("warm", []), ("cold", ["--no-cache"])):
                ov, su = [], []
                for _ in range(opts.runs):  # alternate: both see the same machine load
                    su.append(run(["summary", str(EXAMPLE)], env))
                    ov.append(run(["overview", folder, "--json", *extra], env))
                o, s = statistics.median(ov), statistics.median(su)
                print(f"{n:>6} {mode:>5} {o:>12.0f} {s:>11.0f} {o / s:>6.2f}x", flush=True)
        print("goal: 1000 files within 8x one summary (whole process, medians)")


if __name__ == "__main__":
    main()
