"""Overview benchmark: `ncsi overview` of 1, 100 and 1,000 files against `ncsi summary` of
one file, whole processes measured side by side in one run (medians; ratios count).

    python bench/bench_overview.py [--runs N] [--sizes 1,100,1000]

With ``--app``, also the start screen's first screen (process start to the heading and
the first listed row, in tmux at 80x24 through ../shared/bench/first-screen.py) with 2
files and with the largest size, with an empty row cache each run: rows are read in a
worker, so the first screen must not wait for the folder (goal, issue 24: within 1.25x).

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

EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
FIRST_SCREEN = Path(os.environ.get("NCSI_BENCH_SHARED", ROOT / "bench")) / "first-screen.py"


def start_screen(folder: Path, runs: int, cache: Path) -> float:
    """Median seconds to the start screen's heading and first row (empty cache each run:
    the cache folder given is never written, a fresh one per run)."""
    cmd = ["sh", "-c", f'NCSI_CACHE_DIR="$(mktemp -d {cache}/c-XXXXXX)" exec '
           f"{sys.executable} -m ncsi_tui --dir {folder}"]
    proc = subprocess.run(
        [sys.executable, str(FIRST_SCREEN), "--runs", str(runs), "--warmup", "1", "--size",
         "80x24", "--env", "NCSI_USER=bench", "--marker", "Assessments in", "--marker",
         "ncsi-2.0", "--", *cmd], capture_output=True, text=True, timeout=900)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    if proc.returncode != 0 or "median" not in last:
        sys.exit(f"first-screen failed: {last}")
    return float(last.split("median ")[1].split(" s")[0])


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
    ap.add_argument("--app", action="store_true", help="also the start screen's first screen")
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
        if opts.app:
            two = Path(tmp) / "r2"
            make_region(two, 2)
            big = max(sizes)
            a = start_screen(two, opts.runs, Path(tmp))
            b = start_screen(folders[big], opts.runs, Path(tmp))
            print(f"start screen, first row: 2 files {a * 1000:.0f} ms, {big} files "
                  f"{b * 1000:.0f} ms, ratio {b / a:.2f}x (goal within 1.25x)")


if __name__ == "__main__":
    main()
