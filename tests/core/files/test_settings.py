"""Settings and folders: platformdirs places, a theme stored without touching the rest, the
name written into updated_by."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import current_user
from ncsi_tui.core.files.settings import Settings, load_settings, settings_path, store_theme
from ncsi_tui.core.model.catalogue import user_catalogue_dir
from ncsi_tui.core.model.folders import config_dir

PACKAGE = Path(__file__).resolve().parents[3] / "ncsi_tui"


def test_folders_follow_the_platform_and_the_old_linux_place(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    assert user_catalogue_dir() == tmp_path / "d" / "ncsi-tui" / "catalogue"  # as before
    assert settings_path() == tmp_path / "c" / "ncsi-tui" / "settings.toml"
    assert config_dir() == tmp_path / "c" / "ncsi-tui"


def test_no_hand_built_user_folder_anywhere_in_the_package() -> None:
    """Code (not docstrings, which may name the places) builds no user folder by hand."""
    hits = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docs and any(
                        s in node.value for s in ("XDG_", ".local/share", ".local", "APPDATA"))):
                hits.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert hits == []


def test_no_file_means_defaults_and_a_bad_one_says_where(tmp_path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()
    bad = tmp_path / "settings.toml"
    bad.write_text('name = "A"\ntheme = 3\n')
    with pytest.raises(InputError, match="texts in quotes"):
        load_settings(bad)
    bad.write_text("name = \n")
    with pytest.raises(InputError) as exc:
        load_settings(bad)
    assert exc.value.line == 1


def test_storing_a_theme_keeps_comments_and_other_keys(tmp_path) -> None:
    path = tmp_path / "settings.toml"
    original = ('# my settings\nname = "Ana Petrović"  # for updated_by\n\n'
                '[keymap]\n"assessment.save" = "ctrl+s,f2"\n')
    path.write_text(original, encoding="utf-8")
    store_theme("nord", path)
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n' + original
    store_theme("gruvbox", path)
    text = path.read_text(encoding="utf-8")
    assert text == 'theme = "gruvbox"\n' + original
    s = load_settings(path)
    assert (s.name, s.theme, s.keymap) == ("Ana Petrović", "gruvbox",
                                           {"assessment.save": "ctrl+s,f2"})
    before = path.stat().st_mtime_ns
    store_theme("gruvbox", path)  # nothing changes: no write
    assert path.stat().st_mtime_ns == before


def test_a_new_settings_file_and_its_folder_are_made(tmp_path) -> None:
    path = tmp_path / "new" / "settings.toml"
    store_theme("nord", path)
    assert load_settings(path).theme == "nord"


def test_the_settings_name_goes_into_updated_by(monkeypatch) -> None:
    monkeypatch.delenv("NCSI_USER")
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('name = "Ana Petrović"\n', encoding="utf-8")
    assert current_user() == "Ana Petrović"
    monkeypatch.setenv("NCSI_USER", "shared-account")  # the environment still wins
    assert current_user() == "shared-account"
