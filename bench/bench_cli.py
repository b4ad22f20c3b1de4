"""CLI start-up: every headless command against the honest floor, in one run (issue 24).

    python bench/bench_cli.py [--runs N]

The floor is a Python process that imports pydantic and rich and reads the same catalogue
and assessment with tomllib: what any command must at least do. Each command and the floor
run alternately; the figure that counts is the ratio of medians (goal: within 1.5x).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
CATALOGUE = next(p for p in ROOT.rglob("ncsi-2.0.toml") if ".venv" not in p.parts)
FLOOR = (
    "import tomllib, pydantic, rich.console; "
    f"tomllib.loads(open({str(CATALOGUE)!r}, encoding='utf-8').read()); "
    f"tomllib.loads(open({str(EXAMPLE)!r}, encoding='utf-8').read())"
)


def run_ms(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    a = tmp / "a.toml"
    shutil.copyfile(EXAMPLE, a)
    py = [sys.executable]
    commands = {
        "summary": ["summary", str(a)],
        "check": ["check", str(a)],
        "show": ["show", str(a), "1.1"],
        "record": ["record", str(a), "1.1", "--status", "met"],
        "export html": ["export", str(a), "--format", "html", "-o", str(tmp / "a.html")],
        "diff": ["diff", str(EXAMPLE), str(a)],
        "frameworks": ["frameworks"],
        "--help": ["--help"],
    }
    print(f"{'command':<14}{'median ms':>10}{'floor ms':>10}{'ratio':>8}")
    for name, argv in commands.items():
        mine, floor = [], []
        for _ in range(args.runs):  # alternate, so load hits both alike
            mine.append(run_ms([*py, "-m", "ncsi_tui", *argv]))
            floor.append(run_ms([*py, "-c", FLOOR]))
        m, f = statistics.median(mine), statistics.median(floor)
        print(f"{name:<14}{m:>10.0f}{f:>10.0f}{m / f:>8.2f}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
