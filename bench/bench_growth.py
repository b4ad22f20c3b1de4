"""Growth curves (issue 24): how the cost grows with the folder and with the git history,
each size printed as a ratio against the smallest size of the same run.

    python bench/bench_growth.py [--runs N] [--quick] [--files 10,100,1000]
                                 [--commits 10,100,1000]

Files (a region folder from make_region.py, every 10th file CMM):
  * start screen paint: headless app (run_test), from building the app to the first
    frame that shows the table, in a fresh process with an empty row cache; the reference
    is a folder of 2 files (goal: 1,000 files within 1.25x of 2 files);
  * rows filled: the same run, until every file's row is in the table;
  * ``ncsi overview DIR --json --no-cache``: one whole process, every file read.
Commits (a repository from make_history.py, one indicator changed per commit):
  * ``ncsi history FILE --json`` and ``ncsi trend FILE --git --json``: whole processes,
    with an empty score cache (cold) and then with the cache the cold run left (warm),
    and the peak memory (RSS) of the cold process.

Every measurement of a run takes each size in turn (so load hits all sizes alike); the
figure is the median over runs. "per item" is (time/size) at the largest size over
(time/size) at the smallest: above 1.0 the curve grows worse than linear. A fixed cost
(process start-up) makes that figure fall well below 1.0 for whole processes: that is
expected; the flag is about the work that grows.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _installed import as_installed

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_history import make_history
from make_region import make_region

PAINT_GOAL = 1.25


async def _probe(folder: Path, paint_only: bool = False) -> dict[str, float]:
    """Seconds from building the app to its first frame with the table, and (unless
    `paint_only`) to the last row read (headless, 80x24; imports done before the clock)."""
    from textual.widgets import DataTable

    from ncsi_tui.app.app import NcsiApp
    from ncsi_tui.app.screens.start import StartScreen
    from ncsi_tui.core.model.catalogue import Catalogues

    t0 = time.perf_counter()
    app = NcsiApp(Catalogues(), folder=folder)
    marks: dict[str, float] = {}
    shown = app._display

    def display(screen: object, renderable: object) -> None:
        shown(screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and "paint" not in marks and isinstance(screen, StartScreen):
            table = screen.query_one(DataTable)
            if table.region.height > 0 and table.columns:
                marks["paint"] = time.perf_counter() - t0

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)):
        for _ in range(30_000):  # a light poll: the app under test keeps the processor
            await asyncio.sleep(0.02)
            screen = app.screen
            if paint_only and "paint" in marks:
                break
            if isinstance(screen, StartScreen) and "(enter opens" in str(
                screen.query_one("#heading").render()
            ):
                marks["filled"] = time.perf_counter() - t0
                break
    return marks


def probe_app(folder: Path, cache: Path, paint_only: bool = False) -> dict[str, float]:
    """One fresh process with an empty row cache: the start screen's paint and fill."""
    cache_dir = tempfile.mkdtemp(dir=cache)
    env = {**os.environ, "NCSI_USER": "bench", "NCSI_CACHE_DIR": cache_dir}
    extra = ["--paint-only"] if paint_only else []
    out = subprocess.run([sys.executable, __file__, "--probe", str(folder), *extra], env=env,
                         capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        sys.exit(f"probe failed for {folder}:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


#: Runs a command in a forked child and writes the child's peak RSS (KiB) to argv[1]: the
#: child starts from this small process, so its peak is not the benchmark's own (Linux
#: keeps the parent's peak in a child that was spawned from it and then exec'd).
_PEAK = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execv(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `ncsi` process; output thrown away."""
    fd, peak_file = tempfile.mkstemp(suffix=".rss")
    os.close(fd)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, peak_file, sys.executable, "-m",
                           "ncsi_tui", *args], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    peak = Path(peak_file).read_text() or "0"
    os.unlink(peak_file)
    if proc.returncode != 0:
        sys.exit(f"ncsi {' '.join(args)} failed ({proc.returncode})")
    return wall, int(peak) / 1024


def curve(name: str, sizes: list[int], values: dict[int, float], unit: str = "s",
          goal: str = "") -> None:
    """One line per size: median, ratio to the smallest size, and the per-item flag."""
    small, large = sizes[0], sizes[-1]
    print(f"{name}")
    for n in sizes:
        v = values[n]
        shown = f"{v * 1000:9.0f} ms" if unit == "s" else f"{v:9.1f} MiB"
        print(f"  {n:>6}  {shown}  {v / values[small]:6.2f}x")
    per_item = (values[large] / large) / (values[small] / small)
    flag = "yes" if per_item > 1.0 else "no"
    print(f"  per item at {large} vs {small}: {per_item:.2f}  worse than linear? {flag}"
          + (f"  ({goal})" if goal else ""))


def median_of(samples: dict[int, list[float]]) -> dict[int, float]:
    return {n: statistics.median(v) for n, v in samples.items()}


def files_curves(tmp: Path, sizes: list[int], runs: int, env: dict[str, str],
                 paint_runs: int) -> None:
    """Start screen paint (against 2 files), rows filled and `ncsi overview` per size."""
    ref = 2
    folders = {n: tmp / f"region-{n}" for n in sorted({ref, *sizes})}
    for n, folder in folders.items():
        make_region(folder, n)
    paint: dict[int, list[float]] = {n: [] for n in folders}
    filled: dict[int, list[float]] = {n: [] for n in folders}
    overview: dict[int, list[float]] = {n: [] for n in sizes}
    probe_app(folders[ref], tmp)  # warm-up (page cache, byte-code): not counted
    for _ in range(runs):
        for n, folder in folders.items():
            marks = probe_app(folder, tmp)
            paint[n].append(marks["paint"])
            filled[n].append(marks["filled"])
        for n in sizes:
            overview[n].append(run_process(["overview", str(folders[n]), "--json",
                                            "--no-cache"], env)[0])
    for _ in range(paint_runs - runs):  # --quick: more paints, cheap without the filling
        for n, folder in folders.items():
            paint[n].append(probe_app(folder, tmp, paint_only=True)["paint"])
    p = median_of(paint)
    print(f"files: start screen paint (reference: {ref} files)")
    for n in folders:
        print(f"  {n:>6}  {p[n] * 1000:9.0f} ms  {p[n] / p[ref]:6.2f}x")
    big = max(folders)
    verdict = "holds" if p[big] / p[ref] <= PAINT_GOAL else "MISSED"
    print(f"  goal: {big} files within {PAINT_GOAL}x of {ref} files: {verdict}")
    curve("files: start screen, every row filled", sizes, median_of(filled))
    curve("files: ncsi overview --no-cache (whole process)", sizes, median_of(overview))


def commits_curves(tmp: Path, sizes: list[int], runs: int, env: dict[str, str]) -> None:
    """History and trend over git: cold, warm and peak memory per size."""
    files = {n: make_history(tmp / f"history-{n}", n) for n in sizes}
    commands = {"history": ["history"], "trend --git": ["trend", "--git"]}
    for label, cmd in commands.items():
        cold: dict[int, list[float]] = {n: [] for n in sizes}
        warm: dict[int, list[float]] = {n: [] for n in sizes}
        rss: dict[int, list[float]] = {n: [] for n in sizes}
        for _ in range(runs):
            for n in sizes:
                cache = tempfile.mkdtemp(dir=tmp)  # empty: every version read and scored
                run_env = {**env, "NCSI_CACHE_DIR": cache}
                wall, peak = run_process([*cmd, str(files[n]), "--json"], run_env)
                cold[n].append(wall)
                rss[n].append(peak)
                warm[n].append(run_process([*cmd, str(files[n]), "--json"], run_env)[0])
        curve(f"commits: ncsi {label}, cold (whole process)", sizes, median_of(cold))
        curve(f"commits: ncsi {label}, warm score cache", sizes, median_of(warm))
        curve(f"commits: ncsi {label}, peak memory (cold)", sizes, median_of(rss), unit="MiB")


def main() -> None:
    as_installed()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true",
                    help="for make bench: one run of each process and filling, 3 paints")
    ap.add_argument("--files", default="10,100,1000")
    ap.add_argument("--commits", default="10,100,1000")
    ap.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--paint-only", action="store_true", help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.probe:
        print(json.dumps(asyncio.run(_probe(opts.probe, opts.paint_only))))
        return
    runs = 1 if opts.quick else opts.runs
    paint_runs = 3 if opts.quick else runs
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"growth curves, {runs} run(s) ({paint_runs} of the paint), medians; "
          f"load average {load:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "NCSI_USER": "bench", "NCSI_CACHE_DIR": str(tmp / "cache")}
        if opts.files:
            files_curves(tmp, [int(x) for x in opts.files.split(",")], runs, env, paint_runs)
        if opts.commits:
            commits_curves(tmp, [int(x) for x in opts.commits.split(",")], runs, env)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.2f} at the end")


if __name__ == "__main__":
    main()
