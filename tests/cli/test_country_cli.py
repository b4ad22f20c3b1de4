"""`--country` takes the names the NCSI site and the UN print (issue 23, fault 3)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("name", "code"),
    [("Korea (Republic of)", "KR"), ("Côte d’Ivoire", "CI"), ("Lao PDR", "LA")],
)
def test_new_takes_a_country_name_from_the_ncsi_site(ncsi, tmp_path: Path, name, code) -> None:
    f = tmp_path / "t.toml"
    r = ncsi("new", f, "--framework", "ncsi-2.0", "--date", "2025-06-30", "--country", name)
    assert r.returncode == 0, r.stderr
    assert f'code = "{code}"' in f.read_text(encoding="utf-8")


def test_an_unknown_name_is_called_a_name_and_the_closest_are_suggested(ncsi, tmp_path) -> None:
    f = tmp_path / "t.toml"
    r = ncsi("new", f, "--framework", "ncsi-2.0", "--country", "Tanzania, Republic")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "country name or code" in r.stderr and "TZ Tanzania" in r.stderr
    assert "alpha-2 country code" not in r.stderr and not f.exists()
