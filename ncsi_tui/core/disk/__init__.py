"""The disk: reading one file safely (regular files only, at most a size limit, one read)
and replacing one file atomically (a random temp name created exclusively, every byte
written and fsynced, or nothing). The lowest room: may import only ``core.errors``; every
other room reads and writes files through it."""

from ncsi_tui.core.disk.reading import (
    MAX_FILE_BYTES,
    NoSuchFile,
    decode_text,
    read_bytes,
    read_file,
    read_text,
)
from ncsi_tui.core.disk.writing import fsync_folder, target_of, write_all, write_atomic

__all__ = [
    "MAX_FILE_BYTES",
    "NoSuchFile",
    "decode_text",
    "fsync_folder",
    "read_bytes",
    "read_file",
    "read_text",
    "target_of",
    "write_all",
    "write_atomic",
]
