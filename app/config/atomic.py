"""Replace a file's content all at once, so a crash leaves either the old or the new file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


def write_atomically(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    The temporary file is created exclusively with `mode` (0600 by default), flushed and
    fsynced, then renamed over `path` with `os.replace`. On failure it is removed and the
    old file, if any, is left untouched.

    Args:
        path: the file to create or replace; its folder must exist.
        data: the complete new content.
        mode: permission bits of the new file, where the OS supports them.

    Raises:
        OSError: the file could not be written; `path` still has its old content.
    """
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp_path = Path(temp_name)
    try:
        _write_and_sync(fd, data, mode)
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    _sync_directory(path.parent)


def _write_and_sync(fd: int, data: bytes, mode: int) -> None:
    with os.fdopen(fd, "wb") as stream:
        if hasattr(os, "fchmod"):
            os.fchmod(stream.fileno(), mode)
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open folders, so skip there."""
    if os.name != "posix":
        return
    # Some file systems refuse to fsync a folder; the file itself is already synced.
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
