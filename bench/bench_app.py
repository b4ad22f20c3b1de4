#!/usr/bin/env python3
"""Benchmark of the app against issue 3's targets; prints medians and ratios.

    .venv/bin/python bench/bench_app.py [--runs 7] [--presses 20] [--term xterm-256color]

1. First full screen, process start -> every marker on screen, in tmux at 80x24
   (/work/shared/bench/first-screen.py), the app (`ncsi example.toml`) and the bare-widget
   baseline (baseline_app.py) run alternately, pair by pair; the ratio is per pair.
   Target: app within 1.5x of the baseline.
2. Key press -> screen update (first-screen.py --key): `n` (next indicator: navigator,
   unit pane, editor) and `x`/`m` is not repeatable, so `s` (summary toggle) too.
   Target: under 50 ms.
3. Autosave: the time the autosave worker takes to write (screen.last_save_ms, thread hop
   included), headless via Pilot, after each of N status changes; plus the bare
   `session.save()` call. Target: under 20 ms for the example.
4. Memory: RSS after first paint, app and baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NCSI_BENCH_SHARED", ROOT.parent / "shared" / "bench"))
FIRST_SCREEN = SHARED / "first-screen.py"
BASELINE = SHARED / "baseline_app.py"
APP_MARKERS = ["1.1  Cyber security policy unit", "index 50.65", "Next open", "Evidence"]
BASE_MARKERS = ["3 points", "57%", "Save"]


def first_screen(cmd: list[str], markers: list[str], *, runs: int, term: str, cwd: Path,
                 warmup: int = 0, extra: list[str] | None = None) -> dict:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    argv = [sys.executable, str(FIRST_SCREEN), "--runs", str(runs), "--warmup", str(warmup),
            "--term", term, "--size", "80x24", "--cwd", str(cwd), "--json", str(out),
            "--env", "NCSI_USER=bench", *(extra or [])]
    for m in markers:
        argv += ["--marker", m]
    proc = subprocess.run([*argv, "--", *cmd], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        sys.exit(f"first-screen failed for {cmd}:\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(out.read_text())
    out.unlink()
    return data


def fresh_dir() -> Path:
    """A new folder with a copy of the example for each run: no presence lock of a run
    that is still shutting down can meet the next one."""
    work = Path(tempfile.mkdtemp(prefix="ncsi-bench-"))
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", work / "example.toml")
    return work


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "n/a"


async def autosave_times(path: Path, changes: int) -> tuple[list[float], list[float]]:
    """Headless: press x / m alternately, let the autosave worker write, read its timing."""
    from ncsi_tui.app.app import NcsiApp
    from ncsi_tui.core.files.session import AssessmentSession
    from ncsi_tui.core.model.catalogue import Catalogues

    cats = Catalogues()
    app = NcsiApp(cats, session=AssessmentSession.open(path, cats), autosave_delay=0.0)
    worker_ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for i in range(changes):
            await pilot.press("x" if i % 2 == 0 else "m")
            for _ in range(200):
                await pilot.pause(0.01)
                if not screen.session.dirty and screen.last_save_ms is not None:
                    break
            worker_ms.append(screen.last_save_ms or float("nan"))
            screen.last_save_ms = None
    direct: list[float] = []
    session = AssessmentSession.open(path, cats)
    for i in range(changes):
        session.set_status("1.2", "met" if i % 2 == 0 else "not-met")
        t = time.perf_counter()
        session.save()
        direct.append((time.perf_counter() - t) * 1000)
    return worker_ms, direct


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--presses", type=int, default=20)
    p.add_argument("--term", default="xterm-256color")
    a = p.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed (apt-get install tmux)")
    work = fresh_dir()
    ncsi = [str(Path(sys.executable).parent / "ncsi"), "example.toml"]
    base = [sys.executable, str(BASELINE)]

    print(f"first screen, {a.runs} pairs, 80x24, TERM={a.term} (app vs baseline_app.py)")
    first_screen(ncsi, APP_MARKERS, runs=1, term=a.term, cwd=fresh_dir())  # page cache
    first_screen(base, BASE_MARKERS, runs=1, term=a.term, cwd=work)
    app_t, base_t, ratios = [], [], []
    for _ in range(a.runs):
        t_app = first_screen(ncsi, APP_MARKERS, runs=1, term=a.term, cwd=fresh_dir())["times_s"][0]
        t_base = first_screen(base, BASE_MARKERS, runs=1, term=a.term, cwd=work)["times_s"][0]
        app_t.append(t_app)
        base_t.append(t_base)
        ratios.append(t_app / t_base)
        print(f"  pair: app {t_app * 1000:.0f} ms, baseline {t_base * 1000:.0f} ms, "
              f"ratio {t_app / t_base:.2f}")
    print(f"first screen: app median {median_ms(app_t)}, baseline median {median_ms(base_t)}, "
          f"ratio median {statistics.median(ratios):.2f} (target <= 1.5)")

    print(f"\nkey to screen ({a.presses} presses each) and memory")
    keys = {}
    for key in ("n", "s"):
        d = first_screen(ncsi, APP_MARKERS, runs=1, term=a.term, cwd=fresh_dir(),
                         extra=["--key", key, "--presses", str(a.presses),
                                *(["--rss"] if key == "n" else [])])
        keys[key] = d
        print(f"  app key {key!r}: median {median_ms(d['key_s'])} "
              f"(max {max(d['key_s']) * 1000:.0f} ms, misses {d['key_misses']})")
    db = first_screen(base, BASE_MARKERS, runs=1, term=a.term, cwd=work,
                      extra=["--key", "Down", "--presses", str(a.presses), "--rss"])
    print(f"  baseline key 'Down': median {median_ms(db['key_s'])}")
    app_rss = keys["n"]["rss_main_kib"][0] / 1024
    base_rss = db["rss_main_kib"][0] / 1024
    print(f"memory (RSS after first paint): app {app_rss:.1f} MiB, baseline {base_rss:.1f} MiB, "
          f"ratio {app_rss / base_rss:.2f}")

    work = fresh_dir()
    os.environ.setdefault("NCSI_USER", "bench")
    worker_ms, direct_ms = asyncio.run(autosave_times(work / "example.toml", a.presses))
    print(f"\nautosave of the example ({a.presses} changes): worker median "
          f"{statistics.median(worker_ms):.1f} ms (max {max(worker_ms):.1f}); "
          f"session.save() median {statistics.median(direct_ms):.1f} ms (target < 20 ms)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
