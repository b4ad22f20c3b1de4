"""The cache of validated files (issue 24): used on the second read, a miss when the file or
the code changes, never trusted when another user could have written it, and invisible in
what a command prints or refuses."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.model import parsed_cache
from ncsi_tui.core.model.assessment import Assessment, Country
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, bundled_catalogue_dir
from ncsi_tui.core.model.crosswalk import Crosswalk, load_crosswalk
from ncsi_tui.core.model.review import Review
from tests.conftest import EXAMPLE, run_ncsi
from tests.core.model.test_review import reviews

EXAMPLES = sorted(EXAMPLE.parent.glob("*.toml"))
POSIX = hasattr(os, "getuid")


def _roundtrip(value: object, root: type) -> object:
    data = json.loads(json.dumps(parsed_cache.encode(value)))
    back = parsed_cache.decode(data, parsed_cache._classes())
    assert type(back) is root
    return back


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert a == b
    assert a.model_dump() == b.model_dump()  # type: ignore[attr-defined]


def _entry(path: Path, kind: str = "assessment", root: type = Assessment) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return parsed_cache.entry_path(parsed_cache.entry_key(kind, digest, root))


def _hits() -> int:
    return parsed_cache.stats["hit"]


# --- the data survives the trip exactly ------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_example_assessment_comes_back_equal_and_saves_the_same_bytes(path: Path) -> None:
    validated = storage.parse(path.read_text(encoding="utf-8"), path)
    back = _roundtrip(validated, Assessment)
    _same(back, validated)
    cat = Catalogues().get(validated.framework)
    assert storage.dumps(back, cat) == storage.dumps(validated, cat)


@pytest.mark.parametrize("cid", ["ncsi-2.0", "cmm-2021"])
def test_a_bundled_catalogue_comes_back_equal(cid: str) -> None:
    cat = Catalogues().get(cid)
    back = _roundtrip(cat, Catalogue)
    _same(back, cat)
    assert back.units == cat.units and back.summary_line() == cat.summary_line()


def test_the_bundled_crosswalk_comes_back_equal() -> None:
    cw = load_crosswalk(bundled_catalogue_dir() / "crosswalks" / "ncsi-2.0--ncsi-3.0.toml")
    _same(_roundtrip(cw, Crosswalk), cw)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_any_review_comes_back_equal(rv: Review) -> None:
    a = Assessment(framework="cmm-2021", country=Country(code="XA", name="Examplia"),
                   reference_date=dt.date(2026, 3, 1), review=rv,
                   updated=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC))
    validated = storage.parse(storage.dumps(a))
    _same(_roundtrip(validated, Assessment), validated)


def test_only_the_model_classes_of_core_model_can_be_built() -> None:
    classes = parsed_cache._classes()
    assert "ncsi_tui.core.model.assessment.Assessment" in classes
    for name in ("subprocess.Popen", "Catalogue", "ncsi_tui.core.files.session.AssessmentSession"):
        with pytest.raises(KeyError):
            parsed_cache.decode({"$m": name, "f": {}}, classes)
    with pytest.raises(ValueError, match="fields"):  # a class's fields must all be there
        parsed_cache.decode({"$m": "ncsi_tui.core.model.assessment.Country",
                             "f": {"code": "EE"}}, classes)
    with pytest.raises(TypeError):
        parsed_cache.encode({1, 2})


# --- used, invalidated, ignored --------------------------------------------------------------


def test_the_second_read_of_a_file_uses_the_cache(example: Path) -> None:
    first = storage.load(example).assessment
    entry = _entry(example)
    assert entry.is_file()
    if POSIX:
        assert entry.stat().st_mode & 0o777 == 0o600
        assert entry.parent.stat().st_mode & 0o777 == 0o700
    before = _hits()
    second = storage.load(example).assessment
    assert _hits() == before + 1
    _same(second, first)
    second.title = "changed in memory"  # each read is its own object
    assert storage.load(example).assessment.title == first.title


def test_a_catalogue_is_cached_too() -> None:
    Catalogues().get("ncsi-2.0")
    before = _hits()
    cat = Catalogues().get("ncsi-2.0")
    assert _hits() == before + 1
    assert cat.origin == "bundled with ncsi-tui (ncsi-2.0.toml)"


def _tamper(entry: Path, title: str) -> None:
    """Rewrite the cached title, keeping the entry well-formed: shows when it is used."""
    doc = json.loads(entry.read_bytes())
    doc["data"]["f"]["title"] = title
    mode = entry.stat().st_mode & 0o777
    entry.write_text(json.dumps(doc), encoding="utf-8")
    entry.chmod(mode)


def test_the_command_line_uses_the_cache_on_its_second_run_and_not_after_a_change(
        example: Path) -> None:
    assert run_ncsi("summary", example).returncode == 0
    entry = _entry(example)
    assert entry.is_file()
    _tamper(entry, "Read from the cache")
    r = run_ncsi("summary", example)
    assert r.returncode == 0 and "Read from the cache" in r.stdout
    example.write_text(example.read_text(encoding="utf-8").replace(
        'title = "', 'title = "Edited ', 1), encoding="utf-8")
    r = run_ncsi("summary", example)
    assert r.returncode == 0 and "Edited " in r.stdout and "Read from the cache" not in r.stdout


@pytest.mark.skipif(not POSIX, reason="owners and modes are POSIX")
def test_an_entry_others_could_have_written_is_ignored(example: Path) -> None:
    storage.load(example)
    entry = _entry(example)
    _tamper(entry, "planted")
    entry.chmod(0o620)  # group-writable: a colleague could have put anything there
    assert storage.load(example).assessment.title != "planted"
    assert entry.stat().st_mode & 0o777 == 0o600  # rewritten by us, trusted again
    _tamper(entry, "planted")
    entry.parent.chmod(0o777)  # a folder others can write to: nothing in it is used
    assert storage.load(example).assessment.title != "planted"
    entry.parent.chmod(0o700)
    assert storage.load(example).assessment.title == "planted"  # (the proof it is read)


@pytest.mark.skipif(not POSIX, reason="owners are POSIX")
def test_an_entry_owned_by_someone_else_is_ignored(example: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    storage.load(example)
    entry = _entry(example)
    _tamper(entry, "planted")
    if os.getuid() == 0:  # as root, give the file alone to someone else
        os.chown(entry, 4242, -1)
        assert storage.load(example).assessment.title != "planted"
        _tamper(entry, "planted")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(example).st_uid + 1)
    before = parsed_cache.stats["miss"]
    assert storage.load(example).assessment.title != "planted"
    assert parsed_cache.stats["miss"] == before + 1


@pytest.mark.skipif(not POSIX, reason="links and owners are POSIX")
def test_links_and_entries_of_another_key_are_ignored(example: Path, tmp_path: Path) -> None:
    storage.load(example)
    entry = _entry(example)
    _tamper(entry, "planted")
    other = tmp_path / "other.toml"
    shutil.copyfile(example, other)
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    target = _entry(other)
    shutil.copyfile(entry, target)  # the right shape, but it names another key
    target.chmod(0o600)
    assert storage.load(other).assessment.title != "planted"
    target.unlink()
    target.symlink_to(entry)
    assert storage.load(other).assessment.title != "planted"
    target.unlink()
    os.link(entry, target)  # a second name for one file
    assert storage.load(other).assessment.title != "planted"


def test_a_broken_or_unwritable_cache_only_costs_time(example: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    storage.load(example)
    _entry(example).write_bytes(b"\x00not json")
    assert storage.load(example).assessment.title  # read again the normal way
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NCSI_CACHE_DIR", str(blocker))  # the cache folder cannot be made
    assert storage.load(example).assessment.title


def test_bad_input_is_never_cached_and_says_the_same_each_time(example: Path) -> None:
    example.write_text(example.read_text(encoding="utf-8").replace(
        'code = "', 'code = "Q', 1), encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(InputError) as err:
            storage.load(example)
        messages.append(str(err.value))
    assert messages[0] == messages[1] and "example.toml" in messages[0]
    assert not _entry(example).exists()
    r = run_ncsi("summary", example)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "line" in r.stderr


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "parsed"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.json").write_text("{}")
        os.utime(folder / f"{i:02d}.json", ns=(i * 10**9, i * 10**9))
    parsed_cache._prune(folder, keep=8)
    assert sorted(p.name for p in folder.iterdir()) == [f"{i:02d}.json" for i in range(6, 12)]
    parsed_cache._prune(folder, keep=100, max_total=10)  # 6 files of 2 bytes: 12 bytes, too many
    assert sorted(p.name for p in folder.iterdir()) == [f"{i:02d}.json" for i in range(9, 12)]


READ_COMMANDS = {
    "summary": ["summary", str(EXAMPLE)],
    "check": ["check", str(EXAMPLE)],
    "show": ["show", str(EXAMPLE), "1.1"],
    "export": ["export", str(EXAMPLE), "--format", "md", "-o", "-"],
    "diff": ["diff", str(EXAMPLE), str(EXAMPLE)],
}


@pytest.mark.parametrize("argv", READ_COMMANDS.values(), ids=READ_COMMANDS.keys())
def test_a_warm_command_that_reads_builds_no_validator(argv: list[str]) -> None:
    """With the cache warm, a command that only reads imports nothing of pydantic (the
    start-up cost of issue 24) and nothing of the compare room unless it compares; the
    first run validates with pydantic and fills the cache."""
    code = (
        "import sys, contextlib, io\n"
        "from ncsi_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) in (0, 1)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')"
        " and m.count('.') < 1))\n"
        "print(any(m.startswith('ncsi_tui.core.compare') for m in sys.modules))"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr
    assert "pydantic" in runs[0].stdout
    built, compares = runs[1].stdout.split("\n")[:2]
    assert built == "[]"
    assert compares == str(argv[0] == "diff")


def test_the_key_names_the_pydantic_that_validated_without_importing_it() -> None:
    """A pydantic upgrade may judge a file differently: its version file is part of the key,
    found without importing pydantic (a warm command imports none)."""
    code = ("import sys; from ncsi_tui.core.model import parsed_cache as p;"
            "print(any(x.startswith('pydantic ') for x in p._code_stamp().splitlines()),"
            " any(m.startswith('pydantic') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["True", "False"]
