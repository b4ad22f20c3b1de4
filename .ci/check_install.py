"""Install as a user would, outside the clone, and use it: the wheel and the sdist.

Run by `make wheel` and `.ci/run` (with the project's .venv python, which has `build`):

1. copy the files git would commit into a temporary folder (a clean clone's content),
   build the sdist, then the wheel from that sdist (so the sdist is proven complete);
2. check what travels: catalogues, example assessments, styles, the licence;
3. install the wheel into a fresh virtual environment outside the clone (ranges from
   pyproject, as `pipx install` would) and, from an empty folder, run `frameworks --json`,
   `example`, `new`, `record`, `summary --json`, `export --format html`, `completion` and
   the app's first screen in tmux at 80x24;
4. check that the wheel resolves together with `textual==8.2.7` (pip's --dry-run).

Prints one line per check and a closing "N passed, N failed"; exit 1 if any failed.
Needs network access to the package index (PyPI) for the build and the installs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEIGHBOUR_TEXTUAL = "textual==8.2.7"
results: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    results.append((name, ok, detail))
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""),
          flush=True)
    return ok


def run(*cmd: object, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def copy_tracked(dst: Path) -> None:
    """The files a commit would hold now (tracked and new, not ignored)."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for rel in filter(None, listed.stdout.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / rel)


def build(src: Path, dist: Path) -> tuple[Path, Path] | None:
    r = run(sys.executable, "-m", "build", "--outdir", dist, src)
    if not check("build sdist, then the wheel from the sdist", r.returncode == 0,
                 r.stderr[-2000:] or r.stdout[-2000:]):
        return None
    return next(dist.glob("*.whl")), next(dist.glob("*.tar.gz"))


def check_contents(wheel: Path, sdist: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = zipfile.ZipFile(wheel).namelist()
    need = ["ncsi_tui/catalogue/ncsi-2.0.toml", "ncsi_tui/catalogue/cmm-2021.toml",
            "ncsi_tui/catalogue/crosswalks/ncsi-2.0--ncsi-3.0.toml",
            "ncsi_tui/examples/example.toml", "ncsi_tui/examples/example-cmm.toml",
            "ncsi_tui/app/app.tcss", "ncsi_tui/core/model/data/countries.tsv"]
    missing = [n for n in need if n not in names]
    check("the wheel carries catalogues, examples, styles, data", not missing, f"missing {missing}")
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    in_wheel = [n for n in names if n.endswith("licenses/LICENSE")]
    check("the licence text is inside the wheel", bool(in_wheel) and zipfile.ZipFile(wheel).read(
        in_wheel[0]).decode() == licence, f"found {in_wheel}")
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    python = next((ln for ln in meta.splitlines() if ln.startswith("Requires-Python:")), "")
    check("metadata: MIT licence expression, Python range, classifiers",
          "License-Expression: MIT" in meta and ">=3.11" in python
          and "Classifier: Programming Language :: Python :: 3.11" in meta, meta[:600])
    pins = [ln for ln in meta.splitlines() if ln.startswith("Requires-Dist:")
            and "==" in ln.split(";")[0]]
    check("install requirements are ranges, not pins", not pins, f"pinned: {pins}")
    check("the version is written once (dynamic in pyproject)", "version" not in version, "")
    with tarfile.open(sdist) as tar:
        snames = tar.getnames()
    base = snames[0].split("/")[0]
    s_need = [f"{base}/LICENSE", f"{base}/ncsi_tui/catalogue/ncsi-2.0.toml",
              f"{base}/ncsi_tui/examples/example.toml", f"{base}/constraints.txt"]
    s_missing = [n for n in s_need if n not in snames]
    check("the sdist carries the licence, catalogues and examples", not s_missing,
          f"missing {s_missing}")
    print(f"     wheel {wheel.name}: {wheel.stat().st_size:,} bytes, {len(names)} files; "
          f"sdist {sdist.stat().st_size:,} bytes", flush=True)


def try_installed(wheel: Path, tmp: Path) -> None:
    venv = tmp / "venv"
    r = run(sys.executable, "-m", "venv", venv)
    py = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    r = run(py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    if not check("pip install of the wheel into a fresh venv", r.returncode == 0, r.stderr[-2000:]):
        return
    ncsi = py.parent / "ncsi"
    work = tmp / "work"  # an empty folder, far from the clone
    work.mkdir()
    env = {"XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config"),
           "NCSI_CATALOGUE_PATH": "", "COLUMNS": "100", "NO_COLOR": "1"}

    def ncsi_ok(name: str, *args: object, expect: str = "") -> str:
        r = run(ncsi, *args, cwd=work, env=env, timeout=60)
        check(name, r.returncode == 0 and expect in r.stdout,
              f"exit {r.returncode}\n{r.stdout[-800:]}\n{r.stderr[-1500:]}")
        return r.stdout

    out = ncsi_ok("ncsi frameworks --json lists ncsi-2.0 and cmm-2021", "frameworks", "--json")
    try:
        ids = {f["id"] for f in json.loads(out)["frameworks"]}
    except (ValueError, KeyError):
        ids = set()
    check("  ... both catalogues found from an empty folder", {"ncsi-2.0", "cmm-2021"} <= ids,
          f"ids {ids}")
    ncsi_ok("ncsi new", "new", "rs.toml", "--framework", "ncsi", "--country", "RS",
            "--title", "Serbia 2025", "--org", "Ministry")
    ncsi_ok("ncsi record with a reference", "record", "rs.toml", "1.1", "--status", "met",
            "--evidence", "The unit exists.", "--ref", "legal-act", "Law on Information Security",
            "https://example.org/law", "--locator", "Article 6")
    out = ncsi_ok("ncsi summary --json", "summary", "rs.toml", "--json")
    try:
        check("  ... the record counts", json.loads(out)["total"]["points"] > 0, out[:300])
    except (ValueError, KeyError, TypeError) as exc:
        check("  ... the record counts", False, f"{exc}: {out[:300]}")
    ncsi_ok("ncsi export --format html -o FILE", "export", "rs.toml", "--format", "html",
            "-o", "rs.html")
    check("  ... the HTML is written", (work / "rs.html").is_file()
          and "<html" in (work / "rs.html").read_text(encoding="utf-8").lower(), "")
    ncsi_ok("ncsi export --format csv -o - prints the header", "export", "rs.toml",
            "--format", "csv", "-o", "-", expect="id,")
    ncsi_ok("ncsi example copies the examples", "example", "samples")
    ncsi_ok("ncsi summary of the copied example", "summary", "samples/example.toml",
            expect="Examplia")
    ncsi_ok("ncsi completion bash", "completion", "bash", expect="ncsi")
    first_screen(ncsi, tmp, env)


def first_screen(ncsi: Path, tmp: Path, env: dict[str, str]) -> None:
    """The app's start screen at 80x24 in tmux, in an empty folder: it offers the examples."""
    if not shutil.which("tmux"):
        check("the app's first screen in tmux (tmux is not installed)", False, "install tmux")
        return
    folder = tmp / "app"
    folder.mkdir()
    session = f"ncsi-wheel-{os.getpid()}"
    socket = ["-L", session]
    shell_env = " ".join(f"{k}={v!s}" for k, v in {**env, "TERM": "xterm-256color"}.items())
    run("tmux", *socket, "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
        "-c", folder, f"env {shell_env} {ncsi}; sleep 5")
    try:
        screen = wait_screen(socket, session, "e to copy the example")
        check("the app's first screen appears in tmux (empty folder: offers the examples)",
              "No assessments in assessments/" in screen and "e to copy the example" in screen,
              screen)
        run("tmux", *socket, "send-keys", "-t", session, "e")
        screen = wait_screen(socket, session, "XE Examplia")
        check("  ... e copies the examples and lists them", "XE Examplia" in screen, screen)
        run("tmux", *socket, "send-keys", "-t", session, "C-q")
    finally:
        run("tmux", *socket, "kill-server")


def wait_screen(socket: list[str], session: str, text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = run("tmux", *socket, "capture-pane", "-p", "-t", session).stdout
        if text in screen:
            break
        time.sleep(0.2)
    return screen


def neighbour_resolves(wheel: Path, tmp: Path) -> None:
    r = run(sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
            "--disable-pip-version-check", "--target", tmp / "dry", wheel, NEIGHBOUR_TEXTUAL)
    check(f"pip resolves the wheel together with {NEIGHBOUR_TEXTUAL}", r.returncode == 0,
          r.stderr[-2000:])


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ncsi-wheel-"))
    try:
        src = tmp / "src"
        copy_tracked(src)
        built = build(src, tmp / "dist")
        if built:
            wheel, sdist = built
            check_contents(wheel, sdist)
            try_installed(wheel, tmp)
            neighbour_resolves(wheel, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = sum(not ok for _, ok, _ in results)
    print(f"install check: {len(results) - failed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
