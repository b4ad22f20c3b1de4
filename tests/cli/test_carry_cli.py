"""`ncsi new PATH --from OLD`: next year's assessment starts from last year's."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path


def test_new_from_old_keeps_records_marked_to_reconfirm(
    ncsi, example: Path, tmp_path: Path
) -> None:
    new = tmp_path / "2026.toml"
    r = ncsi("new", new, "--from", example, "--date", "2026-06-30")
    assert r.returncode == 0, r.stderr
    old_data = tomllib.loads(example.read_text(encoding="utf-8"))
    new_data = tomllib.loads(new.read_text(encoding="utf-8"))
    assert new_data["reference_date"].isoformat() == "2026-06-30"
    assert new_data["country"]["code"] == old_data["country"]["code"]
    assert set(new_data["indicators"]) == set(old_data["indicators"])
    for uid, rec in new_data["indicators"].items():
        assert rec.pop("reconfirm") is True
        assert rec == old_data["indicators"][uid], uid
    assert "each marked to re-confirm" in r.stdout
    # scores unchanged; the readiness check now asks to re-confirm each carried record
    s_old = json.loads(ncsi("summary", example, "--json").stdout)["total"]
    s_new = json.loads(ncsi("summary", new, "--json").stdout)["total"]
    assert s_old == s_new


def test_references_outside_their_window_on_the_new_date_are_reported(
    ncsi, example: Path, tmp_path: Path
) -> None:
    old = tmp_path / "2025.toml"
    old.write_bytes(example.read_bytes())
    r = ncsi(
        "record",
        old,
        "1.3",
        "--clear-refs",
        "--ref",
        "official-document",
        "Strategy 2021-2025",
        "https://example.org/s",
        "--published",
        "2021-01-01",
        "--valid-until",
        "2025-12-31",
    )
    assert r.returncode == 0, r.stderr
    r = ncsi("new", tmp_path / "2026.toml", "--from", old, "--date", "2026-06-30")
    assert r.returncode == 0, r.stderr
    assert "References to renew for 2026-06-30" in r.stdout
    assert "1.3: reference [1] 'Strategy 2021-2025' was valid until 2025-12-31" in r.stdout


def test_new_without_framework_or_from_is_a_usage_error(ncsi, tmp_path: Path) -> None:
    r = ncsi("new", tmp_path / "x.toml", "--country", "RS")
    assert r.returncode == 2
    assert "--framework" in r.stderr and "--from" in r.stderr
    assert not (tmp_path / "x.toml").exists()
