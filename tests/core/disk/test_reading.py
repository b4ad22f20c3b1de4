"""core/disk reading: one open, regular files only, at most the limit, UTF-16 with a BOM."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ncsi_tui.core.disk import decode_text, read_bytes, read_text
from ncsi_tui.core.errors import InputError


def _returns_quickly(fn) -> object:
    """Run `fn` in a thread; fail if it is still running after 20 s (a hang)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "the read hung"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def test_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        _returns_quickly(lambda: read_bytes(link))


def test_fifo_named_toml_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        _returns_quickly(lambda: read_bytes(fifo))


def test_folder_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "d.toml").mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_bytes(tmp_path / "d.toml")
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "none.toml")


def test_at_most_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.toml"
    f.write_bytes(b"a" * 101)
    assert read_bytes(f, limit=101) == b"a" * 101
    with pytest.raises(InputError, match="far smaller"):
        read_bytes(f, limit=100)


def test_pipes_only_when_asked_and_bounded(tmp_path: Path) -> None:
    fifo = tmp_path / "evidence"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(b"x" * 50)

    threading.Thread(target=feed, daemon=True).start()
    assert _returns_quickly(lambda: read_text(fifo, pipes=True)) == "x" * 50
    threading.Thread(target=feed, daemon=True).start()
    with pytest.raises(InputError, match="far smaller"):
        _returns_quickly(lambda: read_text(fifo, pipes=True, limit=10))


def test_dev_zero_is_refused_even_where_pipes_are_allowed(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        _returns_quickly(lambda: read_bytes("/dev/zero", pipes=True))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_text(codec: str) -> None:
    text = 'title = "Ελλάδα — ünïcode"\n'
    raw = text.encode(codec)
    if codec != "utf-16":  # the explicit-endian codecs write no BOM: add it as Windows does
        raw = ("\ufeff" + text).encode(codec)
    assert decode_text(raw) == text


def test_binary_and_bad_utf8_are_refused_with_a_line() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_text(b"a\x00b")
    with pytest.raises(InputError) as exc:
        decode_text(b"a = 1\nb = '\xff'\n")
    assert exc.value.line == 2
