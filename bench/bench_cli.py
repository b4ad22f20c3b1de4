"""CLI start-up: every headless command against the honest floor, in one run (issue 24).

    python bench/bench_cli.py [--runs N] [--quick]

The floor is a Python process that imports pydantic and rich and reads the same catalogue
and assessment with tomllib: what any command must at least do. Each command and the floor
run alternately (so load hits both alike); the figure that counts is the ratio of medians
(goal: within 1.5x). The load average is printed before and after: on a shared machine,
only ratios from the same run compare.

As installed: the package's bytecode is compiled first (a wheel install does that; the
figures would otherwise include compiling our modules on every run), and commands run
with a private cache folder, warmed by one untimed run (a person's second command). The
row ``summary (cold)`` runs with an empty cache folder each time: the first command after
a file changed.

A second reference, ``+pyd``: the floor that also imports pydantic's model machinery
(``from pydantic import BaseModel, ...``; ``import pydantic`` alone is lazy and loads little
of it), which any process declaring a pydantic model pays. The models are plain dataclasses
(core/model/data.py) and a warm command imports no pydantic: below 1.0 in ``vs +pyd`` is
what that saves. ``summary (cold)`` does validate (catalogue and assessment), with pydantic.
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
from pathlib import Path

from _installed import as_installed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
CATALOGUE = ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml"
PAGE = ROOT / "tests" / "data" / "ncsi-pages" / "ncsi-2.0-examplia.txt"
FLOOR = (
    "import tomllib, pydantic, rich.console; "
    f"tomllib.loads(open({str(CATALOGUE)!r}, encoding='utf-8').read()); "
    f"tomllib.loads(open({str(EXAMPLE)!r}, encoding='utf-8').read())"
)
FLOOR_PYDANTIC = FLOOR + "; from pydantic import BaseModel, ConfigDict, Field, field_validator"


def run_ms(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of one process in milliseconds (output thrown away)."""
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env)
    return (time.perf_counter() - t) * 1000


def load() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    try:
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average: unknown"


def main() -> None:
    as_installed()
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=None, help="timed runs per command (9)")
    ap.add_argument("--quick", action="store_true", help="3 runs each (for `make bench`)")
    args = ap.parse_args()
    runs = args.runs or (3 if args.quick else 9)

    tmp = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    a = tmp / "a.toml"
    shutil.copyfile(EXAMPLE, a)
    env = {**os.environ, "NCSI_CACHE_DIR": str(tmp / "cache"), "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = [sys.executable]
    commands = {
        "summary": ["summary", str(a)],
        "summary (cold)": ["summary", str(a)],
        "check": ["check", str(a)],
        "show": ["show", str(a), "1.1"],
        "record": ["record", str(a), "1.1", "--status", "met"],
        "export html": ["export", str(a), "--format", "html", "-o", str(tmp / "a.html")],
        "diff": ["diff", str(EXAMPLE), str(a)],
        "import page": ["import", "ncsi-page", str(PAGE), "--country", "XE",
                        "--country-name", "Examplia", "-o", "-"],
        "frameworks": ["frameworks"],
        "--help": ["--help"],
    }
    print(f"ncsi CLI start-up, {runs} alternating runs each; {load()}")
    print(f"{'command':<16}{'median ms':>10}{'floor ms':>10}{'ratio':>8}{'+pyd ms':>9}"
          f"{'vs +pyd':>9}")
    for name, argv in commands.items():
        cmd = [*py, "-m", "ncsi_tui", *argv]
        cold = name.endswith("(cold)")
        run_ms(cmd, env)  # warm: the cache, the disk, the record already made
        mine, floor, floor_pyd = [], [], []
        for i in range(runs):  # alternate, so load hits all three alike
            env_i = {**env, "NCSI_CACHE_DIR": str(tmp / f"cold-{i}")} if cold else env
            mine.append(run_ms(cmd, env_i))
            floor.append(run_ms([*py, "-c", FLOOR], env))
            floor_pyd.append(run_ms([*py, "-c", FLOOR_PYDANTIC], env))
        m, f, fp = (statistics.median(x) for x in (mine, floor, floor_pyd))
        print(f"{name:<16}{m:>10.0f}{f:>10.0f}{m / f:>8.2f}{fp:>9.0f}{m / fp:>9.2f}", flush=True)
    print(load())
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
