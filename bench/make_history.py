"""Write a git repository holding N versions of one assessment, for the history benchmarks:
commit k changes one indicator of the bundled NCSI example (its status and a line of its
evidence), so every version is a different blob. Built with one ``git fast-import`` run
(no process per commit) and fixed dates, so every run writes the same commits.

    python bench/make_history.py FOLDER N
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "assessment.toml"
_EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC; commit k is k hours later


def versions(n: int) -> list[bytes]:
    """N TOML texts of the example, each one indicator changed from the last (its status
    flipped and its evidence line rewritten in place, so building 1,000 takes no time)."""
    text = (ROOT / "ncsi_tui" / "examples" / "example.toml").read_text(encoding="utf-8")
    ids = re.findall(r'^\[indicators\."([^"]+)"\]$', text, flags=re.M)
    out = []
    for k in range(n):
        head = f'[indicators."{ids[k % len(ids)]}"]\n'
        at = text.index(head) + len(head)
        end = text.find("\n[", at)
        block = text[at:end]
        met = re.search(r'^status = "met"$', block, flags=re.M) is not None
        block = re.sub(r'^status = ".*"$', f'status = "{"not-met" if met else "met"}"', block,
                       count=1, flags=re.M)
        line = f'evidence = "Checked again in step {k} of the review."'
        block, found = re.subn(r'^evidence = ".*"$', line, block, count=1, flags=re.M)
        if not found:
            block = line + "\n" + block
        text = text[:at] + block + text[end:]
        out.append(text.encode("utf-8"))
    return out


def make_history(folder: Path, n: int) -> Path:
    """A new repository in `folder` with N commits of ``assessment.toml``; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    stream = bytearray()
    for k, blob in enumerate(versions(n)):
        when = f"{_EPOCH + 3600 * k} +0000"
        msg = f"step {k}".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"author Bench <bench@example.org> {when}\n".encode()
        stream += f"committer Bench <bench@example.org> {when}\n".encode()
        stream += b"data %d\n%s\n" % (len(msg), msg)
        stream += b"M 100644 inline %s\ndata %d\n%s\n" % (NAME.encode(), len(blob), blob)
    subprocess.run(["git", "-C", str(folder), "fast-import", "--quiet"], input=bytes(stream),
                   check=True)
    subprocess.run(["git", "-C", str(folder), "checkout", "-q", "main"], check=True)
    return folder / NAME


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("n", type=int)
    args = ap.parse_args()
    print(make_history(args.folder, args.n))
