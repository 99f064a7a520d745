"""Edge I/O: reading sources (path or ``-`` for stdin) and writing outputs atomically.

Every output file is written to a temporary file in the same folder and renamed into
place, so an error or a kill never leaves a partial output behind.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import FtzlawError

# Larger inputs are refused before parsing: no regulation comes near this size.
MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_bytes(source: str | os.PathLike) -> bytes:
    """Read a whole input, ``-`` meaning standard input. Raises FtzlawError."""
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise FtzlawError("is a folder, not a file", source=name)
            size = path.stat().st_size
            if size > MAX_INPUT_BYTES:
                raise FtzlawError(
                    f"file is {size // (1024 * 1024)} MiB; ftzlaw reads at most "
                    f"{MAX_INPUT_BYTES // (1024 * 1024)} MiB", source=name, code="INPUT-SIZE")
            data = path.read_bytes()
        except FileNotFoundError:
            raise FtzlawError("no such file", source=name) from None
        except PermissionError:
            raise FtzlawError("permission denied", source=name) from None
        except OSError as exc:
            raise FtzlawError(f"cannot read: {exc.strerror or exc}", source=name) from None
    if len(data) > MAX_INPUT_BYTES:
        raise FtzlawError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, "
                          "the most ftzlaw reads", source=name, code="INPUT-SIZE")
    return data


def display_name(source: str | os.PathLike) -> str:
    return "<stdin>" if str(source) == "-" else str(source)


def _mode_for(target: Path) -> int:
    """Keep a replaced file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename); ``-`` is stdout."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FtzlawError("output folder does not exist", source=str(path))
    if target.is_dir():
        raise FtzlawError("cannot write: Is a directory", source=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):  # name the user's path, not our temp file
            raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None
        raise
