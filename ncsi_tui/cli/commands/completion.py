"""`ncsi completion bash|zsh|fish`: a shell completion script, made by shtab from the parser.

The script completes commands, options and their choices (formats, statuses, kinds), and
file names for paths. Install it as the shell expects, e.g.::

    ncsi completion bash > ~/.local/share/bash-completion/completions/ncsi
    ncsi completion zsh  > "${fpath[1]}/_ncsi"
    ncsi completion fish > ~/.config/fish/completions/ncsi.fish
"""

from __future__ import annotations

import argparse
import sys

ORDER = 95
SHELLS = ("bash", "zsh", "fish")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description=__doc__.split("\n\n", 1)[1].replace("::", ":"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import shtab

    from ncsi_tui.cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return 0
