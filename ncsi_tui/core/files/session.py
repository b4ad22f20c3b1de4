"""The open assessment: data + catalogue + path + the revision on disk, and edits to it.

One object for both fronts: the app's AssessmentScreen owns one, and ``ncsi record``
opens one, applies a change and saves. Every edit goes through :meth:`edit` so that who
changed a unit, and when, is always recorded.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Callable
from pathlib import Path

from ncsi_tui.core.disk import decode_text, read_bytes
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.settings import load_settings
from ncsi_tui.core.judge.scoring import Score, score
from ncsi_tui.core.model.assessment import (
    NOT_ASSESSED,
    Assessment,
    Record,
    Reference,
    empty_record,
    validate_against,
)
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues


def current_user() -> str:
    """Who is editing, for `updated_by`: NCSI_USER (shared accounts), else `name` in the
    settings file (core/files/settings.py), else the login name (over SSH, the SSH user)."""
    name = os.environ.get("NCSI_USER")
    if name:
        return name
    try:
        name = load_settings().name
    except InputError:
        name = ""  # a broken settings file is reported by the app; it never blocks a save
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class AssessmentSession:
    """An assessment opened from a file (or new, not yet saved)."""

    def __init__(
        self,
        path: Path,
        assessment: Assessment,
        catalogue: Catalogue,
        revision: str | None,
        *,
        has_comments: bool = False,
    ) -> None:
        self.path = Path(path)
        self.assessment = assessment
        self.catalogue = catalogue
        self.revision = revision
        self.base = assessment.model_copy(deep=True)
        self.dirty = revision is None
        self.read_only = False  # a reviewer's view: every change is refused
        self.has_comments = has_comments
        # the person agreed that saving drops the file's # comments (the app asks first)
        self.comments_agreed = False
        self.user = current_user()
        self.opened_at = now()
        self.told: set[Path] = set()  # conflict notes already shown (core/files/merge.notices)

    # --- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, catalogues: Catalogues | None = None, *,
             unresolved_ok: bool = False) -> AssessmentSession:
        """Load a file and its catalogue; any problem is an InputError (file:line).

        A file holding an unfinished merge (``[[unresolved]]``) is refused with the way to
        finish it (core/files/unresolved.py), unless `unresolved_ok` (the app asks instead).
        """
        path = Path(path)
        loaded = storage.load(path)
        if not unresolved_ok and loaded.assessment.unresolved:  # (a rare, costly import)
            from ncsi_tui.core.files.unresolved import refuse

            refuse(loaded.assessment, path, loaded.text)
        cat = catalogue_for(path, loaded.text, loaded.assessment, catalogues or Catalogues())
        return cls(path, loaded.assessment, cat, loaded.revision, has_comments=loaded.has_comments)

    @classmethod
    def create(cls, path: Path, assessment: Assessment, catalogue: Catalogue) -> AssessmentSession:
        """A new assessment that is saved for the first time with :meth:`save`."""
        stamp = now()
        assessment = assessment.model_copy(update={"created": stamp, "updated": stamp})
        return cls(path, assessment, catalogue, None)

    # --- reading ---------------------------------------------------------------------
    def record(self, unit_id: str) -> Record:
        return self.assessment.record(unit_id)

    def score(self) -> Score:
        return score(self.catalogue, self.assessment)

    # --- editing ---------------------------------------------------------------------
    def check_writable(self) -> None:
        """Refuse any change to an assessment opened read-only (a reviewer's view)."""
        if self.read_only:
            raise InputError(
                "opened read-only: nothing can be changed", path=self.path,
                hint="open it again without --read-only to edit",
            )

    def edit(self, unit_id: str, change: Callable[[Record], None]) -> Record:
        """Apply `change` to a copy of the unit's record, stamp it, and store it."""
        self.check_writable()
        self.catalogue.unit(unit_id)  # unknown id -> InputError with suggestions
        rec = self.record(unit_id).model_copy(deep=True)
        before = rec.model_copy(deep=True)
        change(rec)
        if rec == before:
            return rec
        rec.updated_by = self.user
        rec.updated_at = now()
        records = dict(self.assessment.indicators)
        if _blank(rec):
            records.pop(unit_id, None)
        else:
            records[unit_id] = rec
        self.assessment.indicators = records
        self.assessment.updated = rec.updated_at
        self.dirty = True
        return rec

    def set_status(self, unit_id: str, status: str) -> Record:
        if self.catalogue.scoring != "points":
            raise InputError(
                f"{self.catalogue.id} is a maturity model: record a stage, not a status",
                hint="stages: " + ", ".join(self.catalogue.stage_ids),
            )

        def change(r: Record) -> None:
            r.status = status  # type: ignore[assignment]
            r.reconfirm = False

        return self.edit(unit_id, change)

    def set_stage(self, unit_id: str, stage: str | None) -> Record:
        cat = self.catalogue
        if cat.scoring != "maturity":
            raise InputError(
                f"{cat.id} scores points: record a status (met, not-met), not a stage"
            )
        if stage is not None and stage not in cat.stage_ids:
            raise InputError(f"unknown stage '{stage}'", hint="stages: " + ", ".join(cat.stage_ids))

        def change(r: Record) -> None:
            r.stage = stage
            r.reconfirm = False

        return self.edit(unit_id, change)

    def set_text(self, unit_id: str, field: str, text: str) -> Record:
        """Evidence or notes (the two free-text fields)."""
        if field not in ("evidence", "notes"):
            raise ValueError(field)
        return self.edit(unit_id, lambda r: setattr(r, field, text))

    def add_reference(self, unit_id: str, ref: Reference) -> Record:
        return self.edit(unit_id, lambda r: r.references.append(ref))

    def replace_reference(self, unit_id: str, index: int, ref: Reference) -> Record:
        def change(r: Record) -> None:
            r.references[index] = ref

        return self.edit(unit_id, change)

    def remove_reference(self, unit_id: str, index: int) -> Record:
        return self.edit(unit_id, lambda r: r.references.pop(index))

    # --- saving ----------------------------------------------------------------------
    def text(self) -> str:
        return storage.dumps(self.assessment, self.catalogue)

    def save(self) -> str:
        """Save atomically; ConflictError if the file changed on disk since loading."""
        self.check_writable()
        self.revision = storage.save_text(self.path, self.text(), self.revision)
        self.base = self.assessment.model_copy(deep=True)
        self.dirty = False
        self.has_comments = False
        return self.revision

    def save_merging(self, resolve=None):
        """Save; if someone else saved meanwhile, merge field by field (core/files/merge.py).

        Same-indicator conflicts go to ``resolve(conflicts) -> {id: "mine"|"theirs"}``;
        without one they raise merge.UnresolvedConflicts (a ConflictError) and nothing is
        written. Returns a merge.SaveReport; the versions not chosen go to a conflict note.
        """
        from ncsi_tui.core.files import merge

        return merge.save_merging(self, resolve)

    def save_to_note(self, why: str) -> Path:
        """Keep this session's assessment in a new conflict note beside the file, for when
        it cannot be saved and nobody can be asked (a dropped connection, a stop).

        `why` is said in the note's first lines. Returns the note's path; raises InputError.
        """
        from ncsi_tui.core.files.merge import note_path

        when = now()
        target = note_path(self.path, self.user, when)
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{note_path(self.path, self.user, when).stem}-{n}.toml")
        head = (
            f"# Unsaved edits of {self.user} to {self.path.name}, kept here at "
            f"{when.isoformat()} because\n# {why}.\n"
            "# Copy what you need into the assessment. Nothing reads this file automatically.\n"
        )
        storage.save_text(target, head + self.text(), None)
        return target

    def changed_on_disk(self) -> bool:
        """Whether someone else changed the file since we loaded or saved it (one read).

        Raises InputError when the path cannot be read now (a folder, no permission, any
        OSError): the caller treats that as a change it must look at.
        """
        return storage.disk_revision(self.path) != self.revision


def _blank(rec: Record) -> bool:
    probe = rec.model_copy(update={"updated_by": "", "updated_at": None})
    return probe == empty_record() and probe.status == NOT_ASSESSED


def load_checked(path: Path, catalogues: Catalogues) -> tuple[storage.Loaded, Catalogue]:
    """Read a file and find its catalogue, checking the file against it: what opening an
    assessment means. Raises InputError (file, line, what to do) when the file cannot be
    read, names no installed catalogue, or holds units or values the catalogue does not know.
    """
    path = Path(path)
    loaded = storage.load(path)
    return loaded, catalogue_for(path, loaded.text, loaded.assessment, catalogues)


def read_checked(path: Path, catalogues: Catalogues) -> tuple[Assessment, Catalogue]:
    """:func:`load_checked` for reading only (the regional overview, the start screen):
    the same checks, without what saving back needs (revision, comment scan)."""
    path = Path(path)
    text = decode_text(read_bytes(path, what="assessment"), path)
    a = storage.parse(text, path)
    return a, catalogue_for(path, text, a, catalogues)


def catalogue_for(path: Path, text: str, a: Assessment, catalogues: Catalogues) -> Catalogue:
    """The catalogue of an assessment read from `text`, after checking the assessment
    against it (InputError naming the file and line otherwise)."""
    try:
        cat = catalogues.get(a.framework)
    except InputError as exc:
        exc.path = exc.path or path
        exc.line = exc.line or storage_line(text, "framework")
        raise
    if cat.id != a.framework:
        raise InputError(
            f"framework '{a.framework}' names no exact catalogue",
            path=path,
            line=storage_line(text, "framework"),
            hint=f'write framework = "{cat.id}"',
        )
    problems = validate_against(a, cat)
    if problems:
        first = problems[0]
        uid = first.message.split('"')[1] if '"' in first.message else ""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(
            first.message + more,
            path=path,
            line=storage_line(text, f'[indicators."{uid}"]') if uid else None,
            hint=first.hint,
        )
    return cat


def storage_line(text: str, needle: str) -> int | None:
    """The first line holding `needle` (for messages about a key we know by name)."""
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(needle):
            return i
    return None
