"""Rows for the overview and the start screen: read once, kept by file time and size."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ncsi_tui.core.files import rows as rows_module
from ncsi_tui.core.files.rows import RowCache, find_files, read_row
from ncsi_tui.core.judge.overview_row import (
    CONFLICT_NOTE,
    NOT_ASSESSMENT,
    UNREADABLE,
    AssessmentRow,
    Skipped,
)
from ncsi_tui.core.model.catalogue import Catalogues

ROOT = Path(__file__).resolve().parents[3]


def test_each_kind_of_file_gets_its_row(tmp_path: Path) -> None:
    cats = Catalogues()
    good = tmp_path / "ee.toml"
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", good)
    row = read_row(good, cats)
    assert isinstance(row, AssessmentRow) and row.total == {"points": 39, "max": 77,
                                                            "percent": 50.65}
    catalogue = tmp_path / "cat.toml"
    shutil.copyfile(ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml", catalogue)
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[tool.x]\na = 1\n', encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text('framework = "ncsi-2.0"\n[country\n', encoding="utf-8")
    note = tmp_path / "ee.toml.conflict-bob-20260101T000000Z.toml"
    shutil.copyfile(good, note)
    kinds = {p.name: read_row(p, cats) for p in (catalogue, settings, broken, note)}
    assert all(isinstance(r, Skipped) for r in kinds.values())
    assert kinds["cat.toml"].kind == kinds["pyproject.toml"].kind == NOT_ASSESSMENT
    assert kinds["broken.toml"].kind == UNREADABLE and "line 2" in kinds["broken.toml"].reason
    assert kinds[note.name].kind == CONFLICT_NOTE


def test_folders_are_read_recursively_but_not_hidden_ones(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for p in ("x.toml", "a/y.toml", "a/b/z.toml", ".git/w.toml", "a/notes.txt"):
        (tmp_path / p).write_text("", encoding="utf-8")
    found = find_files([tmp_path, tmp_path / "x.toml"])
    assert sorted(p.relative_to(tmp_path).as_posix() for p in found) == [
        "a/b/z.toml", "a/y.toml", "x.toml"]


def test_an_unchanged_file_is_not_read_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ee.toml"
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", path)
    cache_file = tmp_path / "cache" / "rows.json"
    reads: list[Path] = []
    real = rows_module.read_row

    def counting(p: Path, cats: Catalogues):
        reads.append(p)
        return real(p, cats)

    monkeypatch.setattr(rows_module, "read_row", counting)
    first = RowCache(Catalogues(), cache_file)
    row = first.read(path)
    first.save()
    second = RowCache(Catalogues(), cache_file)  # another process, the same cache file
    assert second.read(path) == row and len(reads) == 1
    text = path.read_text(encoding="utf-8").replace("Examplia NCSI", "Examplia  NCSI")
    path.write_text(text, encoding="utf-8")
    changed = second.read(path)
    assert len(reads) == 2 and "Examplia  NCSI" in changed.title
    # another catalogue folder: every row is read again
    extra = tmp_path / "cats"
    extra.mkdir()
    shutil.copyfile(ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml", extra / "ncsi-2.0.toml")
    second.save()
    third = RowCache(Catalogues([extra]), cache_file)
    third.read(path)
    assert len(reads) == 3


def test_a_cache_that_cannot_be_written_costs_only_speed(tmp_path: Path) -> None:
    path = tmp_path / "ee.toml"
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", path)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    cache = RowCache(Catalogues(), blocker / "rows.json")  # its folder is a file
    assert isinstance(cache.read(path), AssessmentRow)
    cache.save()
    assert not os.path.exists(blocker / "rows.json")
