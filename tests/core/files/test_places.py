"""core/files/places.py: names, not paths, in the app; no .toml, link or stranger's file
as an export anywhere; earlier exports are recognised by their mark."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import FORMATS, export
from ncsi_tui.core.files.places import (
    assessment_in,
    check_export_target,
    export_in,
    is_earlier_export,
    plain_name,
)
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.readiness import run_checks

BAD_NAMES = ["", "  ", "../x", "..", ".", "/etc/passwd", "a/b", "a\\b", "C:x", ".bashrc",
             ".x.toml.lock", "a\x1b]0;t\x07", "a\nb", "x" * 300]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_plain_name_refuses_paths_dot_files_and_controls(name):
    with pytest.raises(InputError):
        plain_name(name)


def test_assessment_in_gives_a_toml_in_the_folder(tmp_path):
    assert assessment_in(tmp_path, " mk-cmm-2026 ", new=True) == tmp_path / "mk-cmm-2026.toml"
    (tmp_path / "a.toml").write_text("")
    with pytest.raises(InputError, match="exists already"):
        assessment_in(tmp_path, "a.toml", new=True)
    assert assessment_in(tmp_path, "a", new=False) == tmp_path / "a.toml"
    with pytest.raises(InputError, match=r"no b\.toml"):
        assessment_in(tmp_path, "b.toml", new=False)
    (tmp_path / "out.toml").symlink_to("/etc/passwd")
    with pytest.raises(InputError, match="links outside"):
        assessment_in(tmp_path, "out.toml", new=False)
    with pytest.raises(InputError, match="exists already"):  # a dangling link counts too
        (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere")
        assessment_in(tmp_path, "dangling", new=True)
    for bad in ("../.local/share/ncsi-tui/catalogue/ncsi-2.0.toml", "/etc/passwd"):
        with pytest.raises(InputError, match="only a file name"):
            assessment_in(tmp_path, bad, new=False)


def test_every_export_format_carries_the_mark_that_lets_it_be_replaced(example, tmp_path):
    session = AssessmentSession.open(example)
    cat, a = session.catalogue, session.assessment
    for fmt, (_, ext) in FORMATS.items():
        if fmt == "pdf":  # needs Chromium: tested below with a PDF of another maker
            continue
        text = export(fmt, cat, a, session.score(), run_checks(cat, a))
        out = tmp_path / f"x.{ext}"
        out.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        assert is_earlier_export(out), fmt
        check_export_target(out)  # replaceable


def test_a_pdf_is_an_earlier_export_only_with_our_mark_at_its_end(tmp_path):
    """A stranger's PDF (a signed submission, a scanned decree) is never replaced."""
    from ncsi_tui.core.export._common import PDF_MARK

    stranger = tmp_path / "decree.pdf"
    stranger.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    assert not is_earlier_export(stranger)
    with pytest.raises(InputError, match="not an earlier export"):
        check_export_target(stranger)
    ours = tmp_path / "pack.pdf"
    ours.write_bytes(stranger.read_bytes().rstrip() + PDF_MARK)
    assert is_earlier_export(ours)
    check_export_target(ours)


def test_an_export_never_writes_a_toml_a_link_or_a_strangers_file(tmp_path, example):
    for name in ("b.toml", "B.TOML", "x.toml.bak", "x.toml.conflict-a-1.toml"):
        with pytest.raises(InputError, match=r"\.toml"):
            check_export_target(tmp_path / name)
    with pytest.raises(InputError):
        check_export_target(example, example)
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n")
    with pytest.raises(InputError, match="not an earlier export"):
        check_export_target(notes)
    (tmp_path / "keys.html").symlink_to(tmp_path / "authorized_keys")
    with pytest.raises(InputError, match="link"):
        check_export_target(tmp_path / "keys.html")
    os.mkfifo(tmp_path / "fifo.html")
    with pytest.raises(InputError, match="not a plain file"):
        check_export_target(tmp_path / "fifo.html")
    check_export_target(Path(os.devnull))
    check_export_target(tmp_path / "new.html")  # a new file is fine


def test_export_in_adds_the_extension_and_stays_in_the_folder(tmp_path):
    assert export_in(tmp_path, "pack", "html") == tmp_path / "pack.html"
    assert export_in(tmp_path, "pack.report.md", "report.md") == tmp_path / "pack.report.md"
    assert export_in(tmp_path, "authorized_keys", "csv") == tmp_path / "authorized_keys.csv"
    with pytest.raises(InputError):
        export_in(tmp_path, "../../.ssh/authorized_keys", "html")


def test_a_version_to_compare_is_a_file_of_the_folder_or_a_revision(tmp_path):
    from ncsi_tui.core.files.places import version_spec

    (tmp_path / "last-year.toml").write_text("")
    for ok in ("last-year.toml", "HEAD~1", "origin/main", "abc1234"):
        assert version_spec(tmp_path, ok) == ok
    for bad in ("/etc/passwd", "..", ".", "../", "~"):
        with pytest.raises(InputError, match="outside"):
            version_spec(tmp_path, bad)
