"""`ncsi [PATH]` / `ncsi open [PATH]`: the Textual app. The only place that imports it.

`ncsi --serve DIR [NAME]` is the served mode of docs/ssh.md (ForceCommand or a
`command=` key): the start screen of DIR, and no path outside DIR anywhere in the app.
Without a terminal (`ssh host ncsi`, `ssh -T`, `ncsi </dev/null`) the app does not start:
exit 2 with "use ssh -t".
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ncsi_tui.cli._common import add_catalogue_option, catalogues
from ncsi_tui.core.errors import InputError


def terminal_problem() -> str:
    """Why the app cannot start here (no terminal), or "" (app/terminal.py, without
    importing Textual: a refusal comes within a second)."""
    import sys

    for name, stream in (("input", sys.stdin), ("output", sys.__stderr__)):
        try:
            ok = stream is not None and stream.isatty()
        except (OSError, ValueError):
            ok = False
        if not ok:
            return (f"the app needs a terminal, and standard {name} is not one. Over SSH "
                    "connect with `ssh -t`; without a terminal use the commands "
                    "(`ncsi --help`: summary, show, record, export, ...)")
    return ""


#: Frames a second at most (Textual's TEXTUAL_FPS; its default is 60). A key's first frame
#: is drawn at once, but Textual's frame timer then waits for its second tick after it:
#: at 60 a key's next frame (the panes after a move, the figures after a mark) came 17-33
#: ms after the first, at 120 8-17 ms (issue 24). Frames are drawn only when something
#: changed, so an idle screen costs nothing more.
FRAMES_PER_SECOND = 120


def textual_settings() -> None:
    """Textual's settings that it reads from the environment when it is imported: set
    before the app is imported, unless the person set them (their value wins)."""
    os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


ORDER = 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open the app (the default when no command is given)")
    p.add_argument("path", nargs="?", type=Path, help="an assessment file; none: the start screen")
    p.add_argument("--dir", type=Path, default=Path("assessments"), help="folder of assessments")
    p.add_argument("--read-only", action="store_true", help="look, change nothing")
    p.add_argument("--serve", type=Path, metavar="DIR",
                   help="served mode (docs/ssh.md): the assessments in DIR, PATH a file name "
                   "in DIR, no path outside DIR accepted anywhere")
    p.add_argument("--export-dir", type=Path, metavar="DIR",
                   help="write the app's exports into DIR (default: the assessment's folder; "
                   "--read-only sessions export only here)")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the folders and the file first (their problems are told first), then the
    terminal; only then import Textual and start."""
    from ncsi_tui.core.files.places import assessment_in
    from ncsi_tui.core.files.session import AssessmentSession

    for option in ("serve", "export_dir"):
        folder = getattr(args, option)
        if folder is not None and not folder.is_dir():
            raise InputError(f"--{option.replace('_', '-')} {folder}: no such folder")
    session = None
    if args.path is not None:
        path = (assessment_in(args.serve, str(args.path), new=False) if args.serve is not None
                else args.path)
        session = AssessmentSession.open(path, catalogues(args), unresolved_ok=True)
    problem = terminal_problem()
    if problem:
        raise InputError(problem)
    textual_settings()
    from ncsi_tui.app.app import run_app  # Textual is imported only here

    return run_app(args, session)
