"""An unfinished merge kept in the file: ``[[unresolved]]`` entries, and finishing them.

``ncsi merge`` (core/files/gitmerge.py) writes each field both sides changed differently
as an :class:`~ncsi_tui.core.model.unresolved.Unresolved` entry: the file holds our value
in place and both versions (and the base) in the entry, so it stays valid TOML. Every
command then refuses to score it (:func:`refuse`, exit 2, naming UNIT.FIELD and how to
resolve); the app asks about each entry with the same dialog as for two people saving at
once; ``ncsi resolve`` takes one side for scripts (:func:`resolve_file`). The version not
taken goes to a conflict note, as for a save (core/files/merge.py). docs/assessment-format.md
describes the layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.fieldmerge import Conflict, MergeResult, apply_value, read_value
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues
from ncsi_tui.core.model.data import Data
from ncsi_tui.core.model.unresolved import Unresolved

Take = Literal["ours", "theirs"]


def plain(value: Any) -> Any:
    """A value as TOML can hold it: models as tables, no None (an absent key is empty)."""
    if isinstance(value, Data):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(microsecond=0)
    return value


def entries(result: MergeResult) -> list[Unresolved]:
    """The conflicts of a merge as ``[[unresolved]]`` entries (ours = mine)."""
    return [
        Unresolved(unit=c.unit, field=c.field, ours=plain(c.mine), theirs=plain(c.theirs),
                   base=plain(c.base), ours_by=c.mine_by, theirs_by=c.theirs_by)
        for c in result.conflicts
    ]


def command(path: Path | str, entry: Unresolved) -> str:
    """The `ncsi resolve` command line that finishes one entry."""
    where = f"{entry.unit} {entry.field}" if entry.unit else entry.field
    return f"ncsi resolve {path} {where} --take ours|theirs"


class UnresolvedMerge(InputError):
    """The file holds an unfinished merge: no command scores it until it is resolved."""


def refuse(a: Assessment, path: Path | None, text: str = "") -> None:
    """Raise :class:`UnresolvedMerge` if `a` holds ``[[unresolved]]`` entries (exit 2)."""
    if not a.unresolved:
        return
    first = a.unresolved[0]
    more = [u.key for u in a.unresolved[1:]]
    line = next((i for i, ln in enumerate(text.splitlines(), 1)
                 if ln.strip() == "[[unresolved]]"), None)
    raise UnresolvedMerge(
        f"unresolved merge in {first.key}"
        + (f" (and {', '.join(more)})" if more else "")
        + f": resolve with `{command(path or 'FILE', first)}`",
        path=path,
        line=line,
        hint="or open the file in the app, which asks about each field; both versions are "
        "in its [[unresolved]] tables (docs/git.md)",
    )


def _typed(a: Assessment, unit: str, name: str, value: Any) -> Any:
    """A value from the file as the model holds it (a Reference, a Recommendation, ...)."""
    probe = a.model_copy(deep=True)
    apply_value(probe, unit, name, value)
    return read_value(probe, unit, name)


def conflicts(a: Assessment) -> list[Conflict]:
    """The file's entries as merge conflicts (mine = ours), for the app's dialog.

    InputError naming the entry when a value does not fit its field (a hand edit).
    """
    out = []
    for u in a.unresolved:
        try:
            values = [_typed(a, u.unit, u.field, v) for v in (u.base, u.ours, u.theirs)]
        except (ValueError, KeyError) as exc:
            raise InputError(f"[[unresolved]] {u.key}: a value does not fit the field ({exc})",
                             hint="fix the entry, or take one side with `ncsi resolve`") from None
        out.append(Conflict(u.unit, u.field, *values, mine_by=u.ours_by, theirs_by=u.theirs_by))
    return out


def apply(a: Assessment, choices: Mapping[str, Take]) -> list[tuple[Conflict, Any, str]]:
    """Take the chosen side of each entry named in `choices` (by key); drop those entries.

    Returns (conflict, value not taken, whose) for the conflict note. InputError for a key
    the file does not hold.
    """
    known = {u.key: c for u, c in zip(a.unresolved, conflicts(a), strict=True)}
    for key in choices:
        if key not in known:
            raise InputError(
                f"no unresolved merge in {key}",
                hint="unresolved: " + (", ".join(known) or "none"),
            )
    losers = []
    for key, take in choices.items():
        c = known[key]
        keep, lose = ("mine", "theirs") if take == "ours" else ("theirs", "mine")
        apply_value(a, c.unit, c.field, c.value(keep))  # type: ignore[arg-type]
        losers.append((c, c.value(lose), c.by(lose)))  # type: ignore[arg-type]
    a.unresolved = [u for u in a.unresolved if u.key not in choices]
    return losers


def key_of(unit: str, field: str | None) -> str:
    """`ncsi resolve F 1.1 evidence` and `ncsi resolve F 1.1.evidence` name the same entry."""
    return f"{unit}.{field}" if field else unit


def resolve_file(path: Path, choices: Mapping[str, Take], user: str,
                 catalogues: Catalogues | None = None) -> tuple[Assessment, Path | None]:
    """Finish entries of the file at `path`; save it; the versions not taken go to a note.

    Returns the assessment as saved and the note (None when nothing was lost).
    InputError/ConflictError as for any save; the file is untouched on error.
    """
    from ncsi_tui.core.files.merge import write_losers

    loaded = storage.load(path)
    a = loaded.assessment
    if not a.unresolved:
        raise InputError("no unresolved merge in this file", path=path)
    losers = apply(a, choices)
    try:
        catalogue: Catalogue | None = (catalogues or Catalogues()).get(a.framework)
    except InputError:
        catalogue = None  # a catalogue this machine lacks: natural order
    note = write_losers(path, losers, user, a, catalogue)
    try:
        storage.save_text(path, storage.dumps(a, catalogue), loaded.revision)
    except ConflictError:
        if note is not None:
            note.unlink(missing_ok=True)
        raise
    return a, note
