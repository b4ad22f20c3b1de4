#!/usr/bin/env python3
"""The app's speed against a bare Textual app with the same widgets (issue 24), as ratios.

    .venv/bin/python bench/bench_app.py [--quick] [--runs N] [--presses N] [--term T]

Everything runs in tmux (private socket) through the helpers of ``first-screen.py``
(bench/ or ../shared/bench/), the app and ``baseline_app.py`` alternately in one run, so
every figure is printed as a ratio against its reference measured in the same run:

1. First full screen (process start -> every marker on screen) of the NCSI and the CMM
   example at 80x24 and 120x40, each against the baseline at the same size, pair by pair.
   Goal: within 1.25x.
2. Keys at 80x24 (key press -> screen differs; and -> the screen's text is complete, its
   last change before 0.25 s of stillness): n, p, u, m, s, e against the baseline's Down. A key whose second press would change nothing gets an untimed key between
   presses (m after x, e after escape). Edits wait for the autosave to settle first.
   Goal: within 1.5x.
3. Growth curves (each point against its own smallest point and the baseline):
   evidence of 100 B, 10 KB, 100 KB, 1 MB in indicator 1.1 (first screen; moving onto it
   with p from 1.2), and 1, 10, 100 references in 1.1 (a character typed in its evidence).
   Goal: no curve worse than linear.

``--quick`` (for ``make bench``): fewer runs and presses, the same figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _installed import as_installed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "ncsi_tui" / "examples"
_SHARED = [Path(os.environ["NCSI_BENCH_SHARED"])] if "NCSI_BENCH_SHARED" in os.environ else []
SHARED = next((d for d in [*_SHARED, ROOT / "bench", ROOT.parent / "shared" / "bench",
                           ROOT.parent.parent / "shared" / "bench"]
               if (d / "first-screen.py").exists() and (d / "baseline_app.py").exists()),
              ROOT / "bench")

NCSI_MARKERS = ["1.1  Cyber security policy unit", "index 50.65", "4.4 Cyber security c",
                "Quit"]
CMM_MARKERS = ["D1.1.1  Strategy Development", "21/62 assessed", "Stage: 3 Established",
               "Quit"]
WIDE_MARKERS = {"ncsi": ["12 Military cybe"], "cmm": ["Maturity profile"]}
BASE_MARKERS = ["3 points", "57%", "Save"]
SIZES = ((80, 24), (120, 40))


def load_first_screen():
    spec = importlib.util.spec_from_file_location("first_screen", SHARED / "first-screen.py")
    if spec is None or spec.loader is None:
        sys.exit(f"first-screen.py not found in {SHARED} (set NCSI_BENCH_SHARED)")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


fs = load_first_screen()


@dataclass
class KeyPlan:
    """Time `key` `presses` times; `setup` keys (untimed) go before each press; `quiet` is
    how long the screen must stay still first (an edit's autosave lands after 1 s)."""

    label: str
    key: str
    setup: tuple[str, ...] = ()
    quiet: float = 0.15
    presses: int = 10
    #: compare the text only, not its colours: a focused text box blinks its cursor, which
    #: would never let the screen go still and would pass for the key's effect
    plain: bool = False
    times: list[float] = field(default_factory=list)
    #: until the screen's text is complete: its last change before SETTLE of stillness
    done: list[float] = field(default_factory=list)
    misses: int = 0


_counter = 0


def run_once(cmd: list[str], markers: list[str], *, size: tuple[int, int], cwd: Path,
             term: str, keys: list[KeyPlan] | None = None, timeout: float = 60.0) -> float:
    """One fresh tmux session: seconds to first full screen; then the key plans, if any."""
    global _counter
    _counter += 1
    name = f"ba{os.getpid()}-{_counter}"
    t0 = time.monotonic()
    fs.start_session(name, cmd, term, size[0], size[1], str(cwd), ["NCSI_USER=bench"])
    try:
        t, screen = fs.wait_for_markers(name, markers, t0, timeout, 0.01)
        if t is None:
            sys.exit(f"markers {markers} not on screen for {cmd}; last screen:\n{screen}")
        for plan in keys or []:
            escapes = not plan.plain
            wait_still(name, max(plan.quiet, 0.3), 8.0, escapes)
            for _ in range(plan.presses):
                for k in plan.setup:
                    fs.tmux("send-keys", "-t", f"={name}:", k)
                wait_still(name, plan.quiet, 8.0, escapes)
                before = fs.capture(name, escapes)
                k0 = time.monotonic()
                fs.tmux("send-keys", "-t", f"={name}:", plan.key)
                while time.monotonic() - k0 < 3.0:
                    if fs.capture(name, escapes) != before:
                        plan.times.append(time.monotonic() - k0)
                        plan.done.append(settled(name, k0, plan.times[-1]))
                        break
                    time.sleep(0.003)
                else:
                    plan.misses += 1
        return t
    finally:
        fs.kill_session(name)


#: A key's screen is complete when its text has not changed for this long (an edit's
#: autosave, 1 s later, is not part of it).
SETTLE = 0.25


def settled(name: str, k0: float, first: float) -> float:
    """Seconds from the key (at `k0`) to the last change of the screen's text before it
    stays still for SETTLE: a key that paints a cursor first and fills panes in a later
    frame is timed to the panes (the text only: a focused box's blinking cursor is colour)."""
    cur, last = fs.capture(name, False), first
    while (now := time.monotonic() - k0) < 3.0:
        time.sleep(0.003)
        screen = fs.capture(name, False)
        if screen != cur:
            cur, last = screen, time.monotonic() - k0
        elif now - last >= SETTLE:
            break
    return last


def wait_still(name: str, quiet: float, limit: float, escapes: bool) -> bool:
    """Wait until the screen has not changed for `quiet` seconds (first-screen.py's
    wait_still, with or without colours)."""
    end = time.monotonic() + limit
    last, since = fs.capture(name, escapes), time.monotonic()
    while time.monotonic() < end:
        time.sleep(0.02)
        cur = fs.capture(name, escapes)
        if cur != last:
            last, since = cur, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return True
    return False


def fresh_copy(src: Path) -> Path:
    """A new folder per run: no presence lock of a run still closing meets the next."""
    work = Path(tempfile.mkdtemp(prefix="ncsi-bench-"))
    shutil.copyfile(src, work / src.name)
    return work


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


class Bench:
    def __init__(self, runs: int, presses: int, term: str) -> None:
        self.runs, self.presses, self.term = runs, presses, term
        self.ncsi = str(Path(sys.executable).parent / "ncsi")
        self.base = [sys.executable, str(SHARED / "baseline_app.py")]
        self.base_dir = Path(tempfile.mkdtemp(prefix="ncsi-bench-base-"))
        self.goals: list[tuple[str, float, float]] = []
        # one idle session holds the private tmux server open between runs
        fs.start_session(f"ba{os.getpid()}-keep", ["sleep", "86400"], term, 80, 24, None, [])
        # tmux holds a lone escape for escape-time (500 ms) before passing it on, so the
        # key after an untimed escape would be timed with part of that wait (or arrive
        # as alt+key): pass escapes on at once, as a terminal does
        fs.tmux("set-option", "-s", "escape-time", "0")

    def app(self, path: Path) -> tuple[list[str], Path]:
        work = fresh_copy(path)
        return [self.ncsi, path.name], work

    def pairs(self, path: Path, markers: list[str], size: tuple[int, int],
              keys_for_app=None) -> tuple[list[float], list[float]]:
        """Alternate app and baseline `runs` times; per-pair ratios."""
        app_t, ratios = [], []
        for _ in range(self.runs):
            cmd, cwd = self.app(path)
            ta = run_once(cmd, markers, size=size, cwd=cwd, term=self.term)
            shutil.rmtree(cwd, ignore_errors=True)
            tb = run_once(self.base, BASE_MARKERS, size=size, cwd=self.base_dir, term=self.term)
            app_t.append(ta)
            ratios.append(ta / tb)
        return app_t, ratios

    def goal(self, label: str, ratio: float, limit: float) -> None:
        self.goals.append((label, ratio, limit))

    # --- 1. first screen -------------------------------------------------------------
    def first_screens(self) -> None:
        print(f"1. first full screen, app / baseline_app.py, {self.runs} alternating pairs")
        for kind, path, markers in (("ncsi", EXAMPLES / "example.toml", NCSI_MARKERS),
                                    ("cmm", EXAMPLES / "example-cmm.toml", CMM_MARKERS)):
            for size in SIZES:
                mk = markers + (WIDE_MARKERS[kind] if size[0] >= 120 else [])
                app_t, ratios = self.pairs(path, mk, size)
                r = med(ratios)
                label = f"first screen {kind.upper()} {size[0]}x{size[1]}"
                print(f"   {label:<28} app {ms(med(app_t)):>7}  ratio {r:.2f} "
                      f"(pairs {' '.join(f'{x:.2f}' for x in ratios)})")
                self.goal(label, r, 1.25)

    # --- 2. keys -----------------------------------------------------------------------
    def key_plans(self) -> list[KeyPlan]:
        n = self.presses
        return [KeyPlan("n next", "n", presses=n), KeyPlan("p prev", "p", presses=n),
                KeyPlan("u next open", "u", presses=n),
                KeyPlan("s summary", "s", presses=n + n % 2),
                KeyPlan("m met (after x)", "m", setup=("x",), quiet=1.3, presses=max(3, n // 2)),
                KeyPlan("e edit (after escape)", "e", setup=("Escape",), presses=n)]

    def keys(self) -> None:
        print(f"\n2. key press -> screen at 80x24, against the baseline's Down "
              f"({self.presses} presses)")
        down = KeyPlan("Down", "Down", presses=self.presses)
        run_once(self.base, BASE_MARKERS, size=(80, 24), cwd=self.base_dir, term=self.term,
                 keys=[down])
        plans = self.key_plans()
        cmd, cwd = self.app(EXAMPLES / "example.toml")
        run_once(cmd, NCSI_MARKERS, size=(80, 24), cwd=cwd, term=self.term, keys=plans)
        shutil.rmtree(cwd, ignore_errors=True)
        down2 = KeyPlan("Down", "Down", presses=self.presses)  # again: drift in the run
        run_once(self.base, BASE_MARKERS, size=(80, 24), cwd=self.base_dir, term=self.term,
                 keys=[down2])
        ref, ref_done = med(down.times + down2.times), med(down.done + down2.done)
        print(f"   baseline Down: first change {ref * 1000:.1f} ms, text complete "
              f"{ref_done * 1000:.1f} ms")
        print(f"   {'':26}{'first change':>21}{'text complete':>24}")
        for plan in plans:
            r, r_done = med(plan.times) / ref, med(plan.done) / ref_done
            miss = f", {plan.misses} without change" if plan.misses else ""
            print(f"   key {plan.label:<22} {med(plan.times) * 1000:6.1f} ms  ratio {r:.2f}"
                  f" {med(plan.done) * 1000:9.1f} ms  ratio {r_done:.2f}"
                  f" (max {max(plan.times, default=0) * 1000:.0f} ms{miss})")
            self.goal(f"key {plan.key} (first change)", r, 1.5)
            self.goal(f"key {plan.key} (text complete)", r_done, 1.5)

    # --- 3. growth ---------------------------------------------------------------------
    def growth(self) -> None:
        print("\n3. growth curves (80x24): ratio to the curve's first point, and to baseline")
        down = KeyPlan("Down", "Down", presses=self.presses)
        base_t = [run_once(self.base, BASE_MARKERS, size=(80, 24), cwd=self.base_dir,
                           term=self.term, keys=[down] if i == 0 else None)
                  for i in range(max(1, self.runs // 2))]
        base_first, base_key = med(base_t), med(down.times)
        rows = []
        for label, size in (("100 B", 100), ("10 KB", 10_000), ("100 KB", 100_000),
                            ("1 MB", 1_000_000)):
            path = make_file(evidence=size)
            firsts = []
            move = KeyPlan("p onto it", "p", setup=("n",), presses=max(2, self.presses // 3))
            for i in range(max(1, self.runs // 2)):
                cmd, cwd = self.app(path)
                firsts.append(run_once(cmd, [*NCSI_MARKERS, "00001 The Cyber"], size=(80, 24), cwd=cwd,
                                       term=self.term, keys=[move] if i == 0 else None))
                shutil.rmtree(cwd, ignore_errors=True)
            rows.append((label, size, med(firsts), med(move.times)))
        print(f"   evidence in 1.1   {'first screen':>22}   {'p onto it (from 1.2)':>26}")
        for label, _size, first, key in rows:
            print(f"   {label:>8} {ms(first):>8} x{first / rows[0][2]:5.2f} (base x"
                  f"{first / base_first:4.2f})   {key * 1000:6.1f} ms x{key / rows[0][3]:5.2f}"
                  f" (Down x{key / base_key:4.2f})")
        refs = []
        for n in (1, 10, 100):
            path = make_file(references=n)
            typed = KeyPlan("typed char", "a", quiet=1.3, presses=max(3, self.presses // 3),
                            plain=True)
            cmd, cwd = self.app(path)
            run_once(cmd, NCSI_MARKERS, size=(80, 24), cwd=cwd, term=self.term,
                     keys=[KeyPlan("e", "e", presses=1), typed])
            shutil.rmtree(cwd, ignore_errors=True)
            refs.append((n, med(typed.times)))
        print("   references in 1.1, a character typed in its evidence")
        for n, t in refs:
            print(f"   {n:>8} {t * 1000:6.1f} ms x{t / refs[0][1]:5.2f} (Down x{t / base_key:4.2f})")

    def report(self) -> None:
        print("\ngoals")
        for label, r, limit in self.goals:
            print(f"   {'ok  ' if r <= limit else 'MISS'} {label:<28} {r:.2f} (<= {limit})")


_made: list[Path] = []


def make_file(*, evidence: int = 0, references: int = 0) -> Path:
    """The NCSI example with `evidence` characters of evidence text and `references`
    references in 1.1, written through the core session (canonical TOML)."""
    from ncsi_tui.core.files.session import AssessmentSession
    from ncsi_tui.core.model.reference import Reference

    work = Path(tempfile.mkdtemp(prefix="ncsi-bench-gen-"))
    _made.append(work)
    path = work / "example.toml"
    shutil.copyfile(EXAMPLES / "example.toml", path)
    session = AssessmentSession.open(path)
    if evidence:
        line = "The Cyber Policy Department drafts national policy (statute, section 12). "
        lines, size = [], 0
        while size < evidence:
            lines.append(f"{len(lines) + 1:05d} {line}")
            size += len(lines[-1]) + 1
        session.set_text("1.1", "evidence", "\n".join(lines)[:evidence])
    for i in range(references):
        session.add_reference("1.1", Reference(
            kind="legal-act", title=f"Act {i + 1} on cyber security", locator=f"Article {i + 1}",
            url=f"https://example.org/acts/{i + 1}", published="2024-01-15"))
    session.save()
    return path


def main() -> int:
    as_installed()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer runs (make bench)")
    p.add_argument("--runs", type=int, default=None, help="first-screen pairs (default 5; quick 2)")
    p.add_argument("--presses", type=int, default=None, help="per key (default 12; quick 10)")
    p.add_argument("--term", default="xterm-256color")
    p.add_argument("--only", choices=("first", "keys", "growth"), action="append")
    a = p.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed (apt-get install tmux)")
    runs = a.runs or (2 if a.quick else 5)
    presses = a.presses or (10 if a.quick else 12)
    os.environ.setdefault("NCSI_USER", "bench")
    load = os.getloadavg()
    print(f"bench_app: {runs} runs, {presses} presses, TERM={a.term}, "
          f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    started = time.monotonic()
    b = Bench(runs, presses, a.term)
    try:
        for part, run in (("first", b.first_screens), ("keys", b.keys), ("growth", b.growth)):
            if not a.only or part in a.only:
                t = time.monotonic()
                run()
                print(f"   ({time.monotonic() - t:.0f} s)")
        b.report()
    finally:
        fs.cleanup()
        for d in [*_made, b.base_dir]:
            shutil.rmtree(d, ignore_errors=True)
    load = os.getloadavg()
    print(f"({time.monotonic() - started:.0f} s; load now {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
