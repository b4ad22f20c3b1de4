"""Storage: canonical bytes, round trips, atomic saves, refusing to overwrite others' work."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncsi_tui.cli import main
from ncsi_tui.core.errors import ConflictError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogues
from tests.conftest import EXAMPLE

CAT = Catalogues().get("ncsi-2.0")
IDS = list(CAT.unit_index)

text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=80
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
stamps = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=dt.UTC)
)
urls = st.from_regex(r"https://[a-z]{1,10}\.example\.org/[a-z0-9/._-]{0,20}", fullmatch=True)

references = st.builds(
    Reference,
    kind=st.sampled_from(list(REFERENCE_KINDS)),
    title=text,
    url=st.one_of(st.just(""), urls),
    locator=text,
    published=st.none() | dates,
    accessed=st.none() | dates,
    valid_until=st.none() | dates,
    access=st.sampled_from(["public", "restricted"]),
    quote=text,
    quote_en=text,
)
records = st.builds(
    Record,
    status=st.sampled_from(["met", "not-met", "not-assessed"]),
    evidence=text,
    notes=text,
    references=st.lists(references, max_size=3),
    updated_by=st.sampled_from(["", "a.tamm", "Zoë"]),
    updated_at=st.none() | stamps,
    reconfirm=st.booleans(),
).filter(lambda r: not r.is_empty())

assessments = st.builds(
    Assessment,
    framework=st.just("ncsi-2.0"),
    country=st.sampled_from([Country(code="RS"), Country(code="XK"), Country(code="XE", name="Examplia")]),
    title=text,
    reference_date=dates,
    organisations=st.lists(text, max_size=3),
    created=st.none() | stamps,
    indicators=st.dictionaries(st.sampled_from(IDS), records, max_size=8),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments)
def test_any_valid_assessment_survives_save_and_load(a: Assessment) -> None:
    first = storage.dumps(a, CAT)
    loaded = storage.parse(first)
    assert loaded == a
    assert storage.dumps(loaded, CAT) == first  # same content, same bytes
    assert first.endswith("\n") and "\r" not in first


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assessments)
def test_saving_an_unchanged_file_gives_identical_bytes(tmp_path: Path, a: Assessment) -> None:
    f = tmp_path / "a.toml"
    f.unlink(missing_ok=True)
    storage.save(f, a, CAT, None)
    before = f.read_bytes()
    session = AssessmentSession.open(f)
    session.dirty = True
    session.save()
    assert f.read_bytes() == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_corruption_gives_exit_2_and_never_touches_the_file(
    example: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    original = EXAMPLE.read_bytes()
    kind = data.draw(st.sampled_from(["cut", "flip", "insert", "delete-line", "garbage"]))
    pos = data.draw(st.integers(0, len(original) - 1))
    if kind == "cut":
        bad = original[:pos]
    elif kind == "flip":
        bad = original[:pos] + bytes([original[pos] ^ data.draw(st.integers(1, 255))]) + original[pos + 1:]
    elif kind == "insert":
        bad = original[:pos] + data.draw(st.binary(min_size=1, max_size=8)) + original[pos:]
    elif kind == "delete-line":
        lines = original.splitlines(keepends=True)
        i = data.draw(st.integers(0, len(lines) - 1))
        bad = b"".join(lines[:i] + lines[i + 1:])
    else:
        bad = data.draw(st.binary(max_size=200))
    example.write_bytes(bad)
    storage.backup_path(example).unlink(missing_ok=True)
    for argv in (["summary", str(example)], ["record", str(example), "1.2", "--status", "met"]):
        code = main(argv)  # raises on any bug: a traceback would fail the test
        err = capsys.readouterr().err
        assert code in (0, 2)
        if code == 2:
            assert "error:" in err and "Traceback" not in err
            assert example.read_bytes() == bad  # an unreadable file is never touched
        if code == 0:
            storage.load(example)  # still loads (the corruption was harmless, e.g. in a string)


def test_save_keeps_previous_version_as_bak(example: Path) -> None:
    before = example.read_bytes()
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    s.save()
    assert storage.backup_path(example).read_bytes() == before
    assert 'status = "met"' in example.read_text()


def test_save_refuses_when_file_changed_on_disk_by_another_process(example: Path) -> None:
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    # another process (a colleague's `ncsi record`) changes the file meanwhile
    r = subprocess.run(
        [sys.executable, "-m", "ncsi_tui", "record", str(example), "12.1", "--status", "met"],
        capture_output=True, text=True, timeout=60,
    )
    assert r.returncode == 0, r.stderr
    theirs = example.read_bytes()
    with pytest.raises(ConflictError) as info:
        s.save()
    assert "changed on disk" in str(info.value)
    assert example.read_bytes() == theirs  # their change is not overwritten


def test_hand_edit_is_detected(example: Path) -> None:
    s = AssessmentSession.open(example)
    example.write_text(example.read_text().replace("Examplia NCSI", "Examplia (edited) NCSI"))
    assert s.changed_on_disk()
    s.set_status("1.2", "met")
    with pytest.raises(ConflictError):
        s.save()


def test_new_file_is_not_created_over_an_existing_one(example: Path) -> None:
    a = storage.load(example).assessment
    with pytest.raises(ConflictError):
        storage.save(example, a, CAT, None)


def test_kill_9_during_saves_leaves_old_or_new_file(tmp_path: Path) -> None:
    """A writer killed at random instants never leaves a partial file behind."""
    f = tmp_path / "a.toml"
    src = Path(__file__).resolve().parents[3] / "ncsi_tui" / "examples" / "example.toml"
    f.write_bytes(src.read_bytes())
    script = textwrap.dedent(f"""
        from pathlib import Path
        from ncsi_tui.core.files.session import AssessmentSession
        p = Path({str(f)!r})
        i = 0
        while True:
            s = AssessmentSession.open(p)
            s.set_text("1.2", "evidence", "x" * (i % 5000))
            s.save()
            i += 1
    """)
    import time

    valid = {storage.revision_of(src.read_bytes())}
    for delay in (0.05, 0.11, 0.23, 0.37, 0.5):
        before = f.read_bytes()
        proc = subprocess.Popen([sys.executable, "-c", script])
        for _ in range(600):  # bounded: wait for its first save, however loaded the machine
            if f.read_bytes() != before:
                break
            time.sleep(0.05)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        a = storage.load(f)  # parses: never a torn file
        assert a.assessment.record("1.1").status == "met"
        valid.add(a.revision)
    assert len(valid) > 1  # the writer did save between kills
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".") for name in leftovers)


def test_file_mode_is_kept(example: Path) -> None:
    os.chmod(example, 0o640)
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    s.save()
    assert example.stat().st_mode & 0o777 == 0o640


def test_comments_detector() -> None:
    assert storage.has_comments('a = 1 # note\n')
    assert storage.has_comments('# top\na = 1\n')
    assert not storage.has_comments('a = "# not a comment"\n')
    assert not storage.has_comments('a = """\n# inside\n"""\n')
    assert not storage.has_comments("a = '#x'\n")
    assert storage.has_comments('a = """x\\""" # c\n"""\nb = 1 # real\n')
