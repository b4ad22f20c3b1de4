"""Where a person's own files live, from platformdirs (never a hand-built path).

==========  =====================================  ======================================
folder      Linux (XDG_* variables honoured)       Windows; macOS
==========  =====================================  ======================================
config      ``~/.config/ncsi-tui``                 ``%LOCALAPPDATA%\\ncsi-tui``;
                                                   ``~/Library/Application Support/ncsi-tui``
data        ``~/.local/share/ncsi-tui``            ``%LOCALAPPDATA%\\ncsi-tui``;
                                                   ``~/Library/Application Support/ncsi-tui``
==========  =====================================  ======================================

The settings file is ``config/settings.toml`` (:mod:`ncsi_tui.core.files.settings`); extra
catalogues go in ``data/catalogue`` (:func:`ncsi_tui.core.model.catalogue.user_catalogue_dir`).
On Linux these are the folders earlier versions used, so nothing moves.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ncsi-tui"
#: Overrides the cache folder (tests, or a faster local disk than the home folder).
ENV_CACHE_DIR = "NCSI_CACHE_DIR"


def config_dir() -> Path:
    """The per-user settings folder (platformdirs' user config dir)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The per-user data folder (platformdirs' user data dir)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The per-user cache folder: ``$NCSI_CACHE_DIR``, else platformdirs' user cache dir.
    Safe to delete: it holds only what can be computed again."""
    base = os.environ.get(ENV_CACHE_DIR)
    return Path(base) if base else platformdirs.user_cache_path(APP_NAME, appauthor=False)
