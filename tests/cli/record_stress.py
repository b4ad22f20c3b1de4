"""Concurrent `ncsi record` writers on one file: does every reported save stay in it?

Each writer is a process that runs the `ncsi record` command (``ncsi_tui.cli.main``, the
code path of the installed command) in a loop on its own indicator, each time adding a
reference titled ``w<k>-<i>``; it prints the titles whose command reported success (exit 0).
Afterwards every printed title must be in the file. Used by tests/cli/test_record_stress.py
(bounded) and, for longer measurements, as a script:

    .venv/bin/python tests/cli/record_stress.py ROUNDS WRITERS RECORDS_EACH
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
UNITS = ("1.2", "2.3", "3.1", "4.1", "5.1")

_WRITER = textwrap.dedent("""
    import contextlib, io, os, sys
    from ncsi_tui.cli import main
    path, uid, tag, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.environ["NCSI_USER"] = tag
    for i in range(n):
        title = f"{tag}-{i}"
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            try:
                code = main(["record", path, uid, "--ref", "other", title,
                             "https://example.org/" + title])
            except SystemExit as exc:
                code = exc.code
        if code == 0:
            print(title, flush=True)
""")


def titles(path: Path) -> set[str]:
    """Every reference title in the assessment file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {r["title"] for rec in data.get("indicators", {}).values()
            for r in rec.get("references", [])}


def run_round(folder: Path, writers: int, each: int, cwd: Path = ROOT) -> tuple[int, set[str]]:
    """One round in `folder`: `writers` processes x `each` records on a copy of the example.

    Returns (records reported saved, the titles reported saved but missing from the file).
    `cwd` is where the writers import ncsi_tui from (another checkout, to measure old code).
    """
    path = folder / "stress.toml"
    shutil.copyfile(EXAMPLE, path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), UNITS[k % len(UNITS)], f"w{k}", str(each)],
            stdout=subprocess.PIPE, text=True, cwd=cwd,
        )
        for k in range(writers)
    ]
    saved: set[str] = set()
    for p in procs:
        out, _ = p.communicate(timeout=600)
        saved.update(out.split())
    return len(saved), saved - titles(path)


def main(argv: list[str]) -> int:
    rounds, writers, each = (int(a) for a in argv[:3])
    cwd = Path(argv[3]) if len(argv) > 3 else ROOT
    total = lost = 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            n, missing = run_round(Path(tmp), writers, each, cwd)
        total += n
        lost += len(missing)
        print(f"round: {n} saved, {len(missing)} lost {sorted(missing)}", flush=True)
    print(f"{rounds} rounds, {writers} writers, {total} records reported saved, {lost} lost")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
