"""Where files may go: the one place that decides which names and paths are accepted.

On a shared server (docs/ssh.md) the app is the only program an official can run, so a
path typed into it must not reach outside the team's folder: an export written over
``~/.ssh/authorized_keys`` or an "assessment" created over a catalogue would hand out the
account. The rules, used by the CLI and the app alike:

* The app takes **names, not paths**: :func:`plain_name` accepts one file name (no folder
  part, no ``..``, no dot file, no control character). An assessment opened or created
  from the app is a ``.toml`` name inside the folder the start screen lists
  (:func:`assessment_in`); an export is a name inside the assessment's folder or the
  configured export folder (:func:`export_in`), ending with the format's extension.
* Everywhere, the CLI's ``-o`` included, an export never writes a ``.toml`` file (an
  assessment, a catalogue, a conflict note), never through a link, and never over an
  existing file unless that file is an earlier export (:func:`check_export_target`).
  An export is recognised by its content (:func:`is_earlier_export`): the
  ``generator ... ncsi-tui`` mark that the HTML, Markdown and JSON exports carry in their
  first lines, the CSV export's header row, XLSX/DOCX properties naming ncsi-tui as the
  author, or (weakest: Chromium records no maker of ours) any PDF. ``/dev/null`` is always
  accepted.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from pathlib import Path

from ncsi_tui.core.errors import InputError

#: Bytes at the start of a file that are read to recognise an earlier export.
HEAD_BYTES = 4096
#: The mark of an export (HTML ``<meta name="generator" content="ncsi-tui ...">``,
#: Markdown ``<!-- generator: ncsi-tui ... -->``, JSON ``"generator": "ncsi-tui ..."``) or
#: the header row of the CSV export (points or maturity columns) or of the overview's CSV,
#: or the first line of a ``--json`` document (cli/_common.json_text).
EXPORT_MARK = re.compile(
    rb'generator(?:" content=|": |: )"?ncsi-tui '
    rb'|\A\xef?\xbb?\xbf?(?:id,(?:section|dimension)|framework,rank,country),'
    rb'|\A\{\n  "schema_version": \d+,\n'
)
#: Bytes at the end of a PDF that are read for the mark (core/export/_common.PDF_MARK: a PDF
#: comment after Chromium's ``%%EOF``, as Chromium writes no maker of ours in the document).
TAIL_BYTES = 256
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAME_BYTES = 255


def plain_name(text: str, *, what: str = "file") -> str:
    """One file name as typed (surrounding spaces dropped), or InputError saying why not.

    Refused: empty, a folder part (``/``, ``\\``, a drive ``C:``), ``.`` and ``..``, a
    dot file (hidden, and the app's own lock and temporary files), control characters,
    over 255 bytes.
    """
    name = text.strip()
    hint = "type a file name only (no folder, no leading dot): the folder is fixed"
    if not name:
        raise InputError(f"{what}: give a file name", hint=hint)
    if any(sep in name for sep in ("/", "\\", ":")):
        raise InputError(f"{what}: {name!r} is a path; only a file name is accepted here",
                         hint=hint)
    if name.startswith("."):
        raise InputError(f"{what}: {name!r} starts with a dot (hidden files are not written "
                         "or opened here)", hint=hint)
    if _CONTROL.search(name):
        raise InputError(f"{what}: the name holds a control character", hint=hint)
    if len(name.encode("utf-8", "surrogateescape")) > _NAME_BYTES:
        raise InputError(f"{what}: the name is longer than {_NAME_BYTES} bytes", hint=hint)
    return name


def inside(folder: Path, path: Path) -> bool:
    """Whether `path`, links followed, is `folder` itself or lies within it."""
    try:
        real, base = Path(path).resolve(), Path(folder).resolve()
    except (OSError, RuntimeError):
        return False
    return real == base or base in real.parents


def assessment_in(folder: Path, text: str, *, new: bool) -> Path:
    """The assessment file `text` names inside `folder` (``.toml`` added when missing).

    ``new``: the file must not exist yet (nor a link by that name). Otherwise it must
    exist, and (links followed) stay inside `folder`. Raises InputError saying why not.
    """
    name = plain_name(text, what="file")
    if not name.lower().endswith(".toml"):
        name += ".toml"
    if ".toml.conflict-" in name.lower():
        raise InputError(f"file: {name} is a conflict note, not an assessment",
                         hint="open the assessment it belongs to")
    path = Path(folder) / name
    if new:
        if os.path.lexists(path):
            raise InputError(f"file: {name} exists already in {folder}; choose another name")
        return path
    if not os.path.lexists(path):
        raise InputError(f"file: there is no {name} in {folder}", hint="check the name")
    if not inside(folder, path):
        raise InputError(f"file: {name} links outside {folder}; not opened")
    return path


def version_spec(folder: Path, spec: str) -> str:
    """A version typed in the app to compare with: a file of `folder` or a git revision.

    A typed path that names an existing file or folder outside `folder` is refused (the
    app reads no file outside the listed folder; its error would quote the first line).
    """
    text = spec.strip()
    given = Path(text).expanduser()
    for candidate in (given, Path(folder) / given):
        if text and os.path.lexists(candidate) and not (
                inside(folder, candidate) and candidate.resolve().parent == Path(folder).resolve()):
            raise InputError(f"{text!r} is outside the assessment's folder; only its files or "
                             "a git revision (HEAD~1) can be compared here")
    return text


def export_in(folder: Path, text: str, extension: str,
              assessment_path: Path | None = None) -> Path:
    """The export file `text` names inside `folder`; the format's `extension` (``html``,
    ``report.md``, ...) is added unless the name already ends with it. Checked by
    :func:`check_export_target`; raises InputError saying why not."""
    name = plain_name(text, what="export")
    if not name.lower().endswith("." + extension.lower()):
        name = f"{name}.{extension}"
    path = Path(folder) / name
    check_export_target(path, assessment_path)
    return path


def check_export_target(path: Path, assessment_path: Path | None = None) -> None:
    """Refuse an export target that is a ``.toml`` file, the assessment itself, a link,
    not a regular file, or an existing file that is not an earlier export."""
    path = Path(path)
    if str(path) == os.devnull:
        return
    if assessment_path is not None:
        with contextlib.suppress(OSError):
            if path.exists() and os.path.samefile(path, assessment_path):
                raise InputError("the output would overwrite the assessment itself",
                                 path=path, hint="choose another file name")
    if ".toml" in path.name.lower():
        raise InputError("an export never writes a .toml file (assessments and catalogues "
                         "are .toml)", path=path, hint="choose a name ending with the format, "
                         "such as .html or .csv")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"cannot check the output: {exc.strerror}", path=path) from None
    if stat.S_ISLNK(st.st_mode):
        raise InputError("the output is a link; exports are not written through links",
                         path=path, hint="choose another file name")
    if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
        raise InputError("the output exists and is not a plain file", path=path,
                         hint="choose another file name")
    if not is_earlier_export(path):
        raise InputError("the output exists and is not an earlier export; it is left alone",
                         path=path, hint="choose another file name, or remove that file first")


def is_earlier_export(path: Path) -> bool:
    """Whether `path` is a regular file whose first bytes carry the export mark."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        head = os.read(fd, HEAD_BYTES)
        if head.startswith(b"%PDF-"):  # printed by Chromium; our mark is at the end
            os.lseek(fd, max(0, info.st_size - TAIL_BYTES), os.SEEK_SET)
            return EXPORT_MARK.search(os.read(fd, TAIL_BYTES)) is not None
    except OSError:
        return False
    finally:
        os.close(fd)
    if head.startswith(b"PK\x03\x04"):  # XLSX, DOCX: the document properties name us
        return _office_by_us(path)
    return EXPORT_MARK.search(head) is not None


def _office_by_us(path: Path) -> bool:
    """An Office file whose ``docProps/core.xml`` names ncsi-tui as its author."""
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 65536:
                return False
            return b">ncsi-tui<" in z.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
