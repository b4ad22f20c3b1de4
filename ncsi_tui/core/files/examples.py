"""The bundled example assessments (``ncsi_tui/examples/``): where they are and copying them.

They travel inside the package (wheel and sdist alike), so an installed ``ncsi`` can give a
new user a filled-in assessment to look at without a clone: ``ncsi example`` and the start
screen's "copy the examples here" both call :func:`copy_examples`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ncsi_tui.core.errors import InputError


def examples_dir() -> Path:
    """The folder of bundled example assessments inside the installed package."""
    return Path(__file__).resolve().parents[2] / "examples"


def example_paths() -> list[Path]:
    """The bundled example assessments (``example.toml`` first, then the others by name)."""
    return sorted(examples_dir().glob("*.toml"), key=lambda p: (p.name != "example.toml", p.name))


def copy_examples(folder: Path) -> list[Path]:
    """Copy every bundled example into ``folder`` (made if missing); returns the new files.

    Never overwrites: if any example's name is already taken in ``folder`` nothing is copied
    and :class:`InputError` names the file. An unwritable folder is an InputError too.
    """
    folder = Path(folder)
    sources = example_paths()
    taken = [folder / p.name for p in sources if (folder / p.name).exists()]
    if taken:
        raise InputError("already exists; no example was copied", path=taken[0],
                         hint="choose another folder, e.g. `ncsi example try`")
    made: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for src in sources:
            dst = folder / src.name
            with open(dst, "xb") as out:  # exclusive: never replaces a file made meanwhile
                out.write(src.read_bytes())
                out.flush()
                os.fsync(out.fileno())
            made.append(dst)
    except OSError as exc:
        raise InputError(f"cannot copy the examples into {folder}/: {exc.strerror or exc}",
                         path=folder, hint="choose a folder you can write to") from None
    return made
