"""Reading and writing assessment files: canonical TOML, atomic saves, no lost changes.

* Canonical: the same content always gives the same bytes (catalogue order, fixed key
  order, defaults left out, multi-line strings for long text, UTF-8, final newline).
* Atomic: core/disk writes the new text to a temporary file in the same folder (random
  name, exclusive, every byte or an error), fsyncs it and renames it over the old one; the
  previous version is kept as ``NAME.toml.bak``, and the last version that had ``#``
  comments also as ``NAME.toml.comments.bak`` (a later save without comments never
  replaces it). A kill -9 or a full disk at any instant leaves the old file or the new one.
* One read: content and revision always come from the same bytes (:func:`load`,
  :func:`disk_revision`), so a rename by another writer between two reads cannot pair old
  content with a new revision.
* Safe with two writers: the compare-with-disk and the replace happen under one lock
  (core/files/locking.py, on the folder), so the app and ``ncsi record`` cannot interleave;
  a file that changed since it was loaded is never overwritten (:class:`ConflictError`).
* A read-only file (``chmod 444``, a frozen submission) is not replaced unless forced; a
  symlinked assessment is written through to its target.

Callers: core.session (app and CLI alike).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from ncsi_tui.core.disk import (
    NoSuchFile,
    decode_text,
    read_bytes,
    read_file,
    target_of,
    write_atomic,
)
from ncsi_tui.core.errors import ConflictError, InputError, load_toml, validation_error
from ncsi_tui.core.files.locking import folder_lock
from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.parsed_cache import cached

_TOP_KEYS = ("schema", "framework", "title", "language", "reference_date", "source", "organisations",
             "created", "updated")
_RECORD_KEYS = ("status", "stage", "target_stage", "reconfirm", "evidence", "notes",
                "updated_by", "updated_at")
_REF_KEYS = tuple(Reference.model_fields)


def revision_of(data: bytes) -> str:
    """The identity of a file's content, to tell whether it changed on disk."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Loaded:
    """An assessment as read, with what is needed to save it back safely."""

    assessment: Assessment
    revision: str
    text: str
    has_comments: bool


def git_markers(text: str, path: Path | None = None) -> None:
    """InputError naming the lines when git left its markers (both <<<<<<< and >>>>>>>)."""
    if "<<<<<<<" not in text:
        return
    lines = text.splitlines()
    if not (any(ln.startswith("<<<<<<<") for ln in lines)
            and any(ln.startswith(">>>>>>>") for ln in lines)):
        return
    marks = [n for n, ln in enumerate(lines, 1)
             if ln.startswith(("<<<<<<<", ">>>>>>>", "|||||||")) or ln.rstrip() == "======="]
    name = path.name if path is not None else "FILE"
    raise InputError(
        "unfinished git merge: git merged this file as plain text and left its conflict "
        f"markers at line{'s' if len(marks) > 1 else ''} {', '.join(map(str, marks))}",
        path=path,
        line=marks[0],
        hint="redo the merge with the assessment merge driver: run `ncsi git-setup` once, "
        f"then `git checkout --merge -- {name}` (or `git merge --abort` and merge again); "
        "see docs/git.md",
    )


def parse(text: str, path: Path | None = None) -> Assessment:
    """TOML text -> Assessment, with file:line:column errors (and git's conflict markers)."""
    git_markers(text, path)
    data = load_toml(text, path)
    try:
        return Assessment.model_validate(data)
    except ValueError as exc:
        raise validation_error(path, text, exc) from None


def load(path: Path) -> Loaded:
    """Read an assessment file once: content and revision from the same bytes.

    Every problem is an InputError naming file and line (core/disk: regular files only,
    size-limited, UTF-8 or UTF-16 with a byte-order mark).
    """
    raw = read_bytes(path, what="assessment")
    text, revision = decode_text(raw, path), revision_of(raw)
    a = cached("assessment", revision, Assessment, lambda: parse(text, path))  # once a content
    return Loaded(a, revision, text, has_comments(text))


def disk_revision(path: Path) -> str | None:
    """The revision of the file on disk now (one read); None when there is no file.

    Raises InputError when something is there but cannot be read (a folder, a device,
    no permission, any OSError): a watcher treats that as "cannot read now".
    """
    try:
        return revision_of(read_bytes(path, what="assessment"))
    except NoSuchFile:
        return None


def load_bytes(raw: bytes, path: Path | None = None) -> Assessment:
    return parse(decode_text(raw, path), path)


# --- canonical writer ----------------------------------------------------------------

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def _clean(d: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """Keep keys in `order`, leaving out empty values (defaults) so files stay short."""
    out = {}
    for k in order:
        v = d.get(k)
        if v is None or v == "" or v == [] or v is False:
            continue
        if (k, v) in (("status", "not-assessed"), ("access", "public")):
            continue
        if isinstance(v, dt.datetime):
            v = v.astimezone(dt.UTC).replace(microsecond=0)
        out[k] = v
    return out


def _dumps(d: dict[str, Any]) -> str:
    return tomli_w.dumps(d, multiline_strings=True)


def unit_order(cat: Catalogue | None, ids: Iterator[str] | list[str]) -> list[str]:
    """Catalogue order; ids unknown to the catalogue (or no catalogue) sorted naturally."""
    ids = list(ids)
    if cat is None:
        return sorted(ids, key=natural_key)
    pos = {u: i for i, u in enumerate(cat.unit_index)}
    return sorted(ids, key=lambda u: (pos.get(u, len(pos)), natural_key(u)))


def natural_key(s: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s))


def dumps(a: Assessment, cat: Catalogue | None = None) -> str:
    """The canonical TOML text of an assessment."""
    data = a.model_dump(by_alias=True)
    chunks = [_dumps(_clean(data, _TOP_KEYS))]
    chunks.append("[country]\n" + _dumps(_clean(data["country"], ("code", "name"))))
    for uid in unit_order(cat, a.indicators):
        rec: Record = a.indicators[uid]
        if rec.is_empty():
            continue
        rd = rec.model_dump()
        head = f"[indicators.{_key(uid)}]\n"
        chunks.append(head + _dumps(_clean(rd, _RECORD_KEYS)))
        for ref in rd["references"]:
            chunks.append(
                f"[[indicators.{_key(uid)}.references]]\n" + _dumps(_clean(ref, _REF_KEYS))
            )
    chunks += _review_chunks(a, cat)
    if a.unresolved:  # an unfinished merge (core/files/unresolved.py), last
        chunks.append(_dumps({"unresolved": [_unresolved_table(u.model_dump())
                                             for u in a.unresolved]}))
    return "\n".join(chunks)


_UNRESOLVED_KEYS = ("unit", "field", "ours_by", "theirs_by", "ours", "theirs", "base")


def _no_none(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _no_none(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_no_none(x) for x in v]
    return v


def _unresolved_table(d: dict[str, Any]) -> dict[str, Any]:
    """One [[unresolved]] entry: fixed key order; an empty value is an absent key."""
    return {k: _no_none(d[k]) for k in _UNRESOLVED_KEYS if d.get(k) not in (None, "")}


def _review_chunks(a: Assessment, cat: Catalogue | None) -> list[str]:
    """The optional [review] part (core/model/review.py), after the indicators; nothing if empty.

    Fields in model order, defaults left out; lists in a fixed order: clusters and
    recommendations by id, sessions by day/time/id, findings by session, gaps by unit.
    """
    from ncsi_tui.core.model.review import natural_key as _nat
    from ncsi_tui.core.model.review import session_sort_key

    rv = a.review
    if rv.is_empty():
        return []

    def table(obj: Any) -> dict[str, Any]:
        fields = type(obj).model_fields
        out = {}
        for k, f in fields.items():
            v = getattr(obj, k)
            if k == "references" or v == f.get_default(call_default_factory=True):
                continue
            out[k] = list(v) if isinstance(v, list) else v
        return out

    chunks = ["[review]\n" + _dumps({"context": rv.context})] if rv.context else []
    session_pos = {s.id: i for i, s in enumerate(sorted(rv.sessions, key=session_sort_key))}
    unit_pos = {u: i for i, u in enumerate(unit_order(cat, {g.unit for g in rv.gaps}))}
    ordered = (
        ("clusters", sorted(rv.clusters, key=lambda c: _nat(c.id))),
        ("sessions", sorted(rv.sessions, key=session_sort_key)),
        ("findings", sorted(rv.findings, key=lambda f: session_pos.get(f.session, 0))),
        ("gaps", sorted(rv.gaps, key=lambda g: (unit_pos[g.unit], g.kind, g.cluster))),
        ("recommendations", sorted(rv.recommendations, key=lambda r: _nat(r.id))),
    )
    for name, items in ordered:
        for obj in items:
            chunks.append(f"[[review.{name}]]\n" + _dumps(table(obj)))
            for ref in getattr(obj, "references", []):
                chunks.append(
                    f"[[review.{name}.references]]\n" + _dumps(_clean(ref.model_dump(), _REF_KEYS))
                )
    return chunks


def has_comments(text: str) -> bool:
    """Whether the text holds `#` comments (outside strings), which a save cannot keep."""
    if "#" not in text:  # the common case, at C speed: no scan of the text
        return False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('"""', i) or text.startswith("'''", i):
            q = text[i : i + 3]
            j = i + 3
            while True:
                j = text.find(q, j)
                if j < 0:
                    return False
                if q == '"""' and _escaped(text, j):
                    j += 1
                    continue
                break
            i = j + 3
            while i < n and text[i] == q[0]:
                i += 1
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                if c == '"' and text[j] == "\\":
                    j += 1
                j += 1
            i = j + 1
            continue
        if c == "#":
            return True
        i += 1
    return False


def _escaped(text: str, j: int) -> bool:
    k, count = j - 1, 0
    while k >= 0 and text[k] == "\\":
        count += 1
        k -= 1
    return count % 2 == 1


# --- atomic, locked save ---------------------------------------------------------------


def backup_path(path: Path) -> Path:
    """``NAME.toml`` -> ``NAME.toml.bak``: the version before the last save."""
    return path.with_name(path.name + ".bak")


def comments_backup_path(path: Path) -> Path:
    """``NAME.toml`` -> ``NAME.toml.comments.bak``: the last version that had ``#`` comments."""
    return path.with_name(path.name + ".comments.bak")


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file, fsync, rename), making its folder.

    For files that are not assessments (a catalogue made from a sheet). Raises InputError
    (nothing written, no temp file left) when the folder cannot be made or the disk is full.
    """
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(Path(path), data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path=path,
                         hint="nothing was written; check the folder's permissions and free space"
                         ) from None


def save_text(
    path: Path, text: str, expected_revision: str | None, *, force: bool = False
) -> str:
    """Write `text` atomically unless the file changed since `expected_revision`.

    `expected_revision` None means "the file must not exist yet" (a new assessment).
    A read-only file (no write permission bit) is refused unless `force`. A symlink is
    written through to its target. Returns the new revision. Raises ConflictError, or
    InputError (read-only, cannot lock, disk full, ...), leaving the file untouched.
    """
    data = text.encode("utf-8")
    path = Path(path)
    try:
        with folder_lock(path):
            target = target_of(path)
            try:
                current, info = read_file(target, what="assessment")
            except NoSuchFile:
                current, info = None, None
            if expected_revision is None and current is not None:
                raise ConflictError(
                    "file exists already", path=path, hint="choose another name or open it"
                )
            if expected_revision is not None and (
                current is None or revision_of(current) != expected_revision
            ):
                raise ConflictError(
                    "the file changed on disk since it was opened (another person, "
                    "another program or a hand edit); not overwritten"
                    if current is not None
                    else "the file was removed or renamed since it was opened; not recreated",
                    path=path,
                    hint="reload it, or compare and merge your changes first",
                )
            if current == data:
                return revision_of(data)
            mode = None if info is None else info.st_mode & 0o7777
            if mode is not None and not mode & 0o222 and not force:
                raise InputError(
                    "the file is read-only (a frozen or submitted version?); not overwritten",
                    path=path,
                    hint=f"if it may change, make it writable first: chmod u+w {path}",
                )
            if current is not None:
                _keep_backups(target, current, mode)
            write_atomic(target, data, mode=mode)
    except OSError as exc:
        raise InputError(
            f"cannot save: {exc.strerror or exc}", path=path,
            hint="nothing was changed; check the folder's permissions and free space",
        ) from None
    return revision_of(data)


def _keep_backups(target: Path, current: bytes, mode: int | None) -> None:
    """The version being replaced -> ``.bak``; also ``.comments.bak`` when it had comments.

    A backup name that is a symlink (planted by someone) is replaced, never followed.
    """
    write_atomic(backup_path(target), current, mode=mode, through_symlink=False)
    try:
        commented = has_comments(decode_text(current))
    except InputError:
        commented = False
    if commented:
        write_atomic(comments_backup_path(target), current, mode=mode, through_symlink=False)


def save(
    path: Path, a: Assessment, cat: Catalogue | None, expected_revision: str | None,
    *, force: bool = False,
) -> str:
    """Canonical text of `a`, saved atomically; see :func:`save_text`."""
    return save_text(path, dumps(a, cat), expected_revision, force=force)
