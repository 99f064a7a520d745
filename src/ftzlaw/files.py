"""Edge I/O: reading sources (path or ``-`` for stdin) and writing outputs atomically.

Every output file is written to a temporary file in the same folder and renamed into
place, so an error or a kill never leaves a partial output behind. What ``-o PATH`` does
to what is already at PATH (see docs/conventions.md):

* a regular file is replaced atomically, keeping its permissions;
* a symbolic link is followed: the file it points to is replaced, the link stays;
* a character device or FIFO (``/dev/null``, a named pipe), and any path under /dev or
  /proc (``/dev/stdout`` redirected to a file) is written through, never replaced — as
  ``cat > /dev/null`` would;
* a folder, block device or socket is refused;
* a file the same command read as input is refused (``-o`` onto the input), when the
  caller watches its inputs (:func:`watch_inputs`; every CLI command does).

Temporary files are named ``.ftzlaw-PID-XXXXXXXX.tmp`` (short, whatever the target's
name: a 255-byte file name still works). SIGTERM, SIGHUP and Ctrl-C during a write remove
the temporary file; one left by a process killed outright (SIGKILL, power loss) is removed
by the next write to that folder once its process is gone.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import signal
import stat
import sys
import secrets
import threading
from pathlib import Path

from .errors import FtzlawError

# Larger inputs are refused before parsing: no regulation comes near this size.
MAX_INPUT_BYTES = 50 * 1024 * 1024

TEMP_PREFIX = ".ftzlaw-"
_TEMP_NAME = re.compile(r"^\.ftzlaw-(\d+)-[A-Za-z0-9_]+\.tmp$")

# (st_dev, st_ino) of the files read under watch_inputs(): an output onto one is refused.
_inputs: contextvars.ContextVar[set | None] = contextvars.ContextVar("ftzlaw_inputs",
                                                                     default=None)


@contextlib.contextmanager
def watch_inputs():
    """Within this block, every file read through :func:`read_bytes` is remembered, and
    :func:`write_atomic` refuses to write onto one of them (``-o`` onto the input)."""
    token = _inputs.set(set())
    try:
        yield
    finally:
        _inputs.reset(token)


def _remember(fd_or_path) -> None:
    seen = _inputs.get()
    if seen is None:
        return
    try:
        st = os.stat(fd_or_path)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        seen.add((st.st_dev, st.st_ino))


def read_bytes(source: str | os.PathLike) -> bytes:
    """Read a whole input, ``-`` meaning standard input. Raises FtzlawError."""
    name = str(source)
    if name == "-":
        stdin = sys.stdin
        if stdin is None or getattr(stdin, "buffer", None) is None:
            raise FtzlawError("standard input is closed", source="<stdin>")
        try:
            data = stdin.buffer.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as exc:   # closed (<&-) or unreadable descriptor
            raise FtzlawError(f"cannot read standard input: "
                              f"{getattr(exc, 'strerror', None) or exc}",
                              source="<stdin>") from None
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
            with open(path, "rb") as fh:
                _remember(fh.fileno())
                data = fh.read(MAX_INPUT_BYTES + 1)
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


def _mode_for(st: os.stat_result | None) -> int:
    """Keep a replaced file's permissions; a new file gets the usual 0666 less the umask."""
    if st is not None and stat.S_ISREG(st.st_mode):
        return st.st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_stdout(data: bytes) -> None:
    """Write to standard output; a closed one (``>&-``) is a clear error, not a traceback."""
    stdout = sys.stdout
    if stdout is None or getattr(stdout, "buffer", None) is None:
        raise FtzlawError("standard output is closed; give -o FILE", source="<stdout>")
    try:
        stdout.buffer.write(data)
        stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise FtzlawError(f"cannot write to standard output: "
                          f"{getattr(exc, 'strerror', None) or exc}; give -o FILE",
                          source="<stdout>") from None


def write_atomic(path: str | os.PathLike, data: bytes | str, *,
                 own_node: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename); ``-`` is stdout.

    Devices and FIFOs are written through, symbolic links followed, an input of the
    running command refused (see the module's docstring). With ``own_node`` (the store's
    own files) whatever node is at ``path`` — a link, a FIFO — is replaced, never
    followed or written through."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if str(path) == "-" and not own_node:
        write_stdout(data)
        return
    shown = str(path)
    target = Path(path)
    try:
        st = (os.lstat if own_node else os.stat)(target)   # stat follows links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=shown) from None
    if st is not None:
        _refuse_input(st, shown)
        if stat.S_ISDIR(st.st_mode):
            raise FtzlawError("cannot write: Is a directory", source=shown)
        if own_node:
            pass
        elif stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or (
                stat.S_ISREG(st.st_mode) and _is_descriptor_path(target)):
            _write_through(target, data, shown)
            return
        elif not stat.S_ISREG(st.st_mode):
            raise FtzlawError("refusing to write onto a block device or socket", source=shown)
    if not own_node and target.is_symlink():
        # Replace the file the link points to (a dangling link: create its target).
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FtzlawError("output folder does not exist", source=shown)
    remove_stale_temps(folder)
    with _cleanup_on_signals() as temps:
        # The name is registered before the file exists: a signal at any moment after
        # this finds it in ``temps`` and removes it.
        tmp = str(folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp")
        temps.append(tmp)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=shown) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, _mode_for(st))
            os.replace(tmp, target)
            temps.remove(tmp)
        except BaseException as exc:
            _unlink(tmp)
            if tmp in temps:
                temps.remove(tmp)
            if isinstance(exc, OSError):  # name the user's path, not our temp file
                raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=shown) from None
            raise


def _refuse_input(st: os.stat_result, shown: str) -> None:
    seen = _inputs.get()
    if seen and (st.st_dev, st.st_ino) in seen:
        raise FtzlawError("is also an input of this command; refusing to overwrite it "
                          "(write elsewhere, then move the result)", source=shown)


def _is_descriptor_path(target: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``: an open descriptor, whatever it
    leads to (a file the shell redirected into is written at its offset, not replaced)."""
    text = os.path.abspath(target)
    return text.startswith(("/dev/", "/proc/"))


def _write_through(target: Path, data: bytes, shown: str) -> None:
    """Write into a character device or FIFO without replacing (or creating) the node."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=shown) from None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode) and not _is_descriptor_path(target):
            # swapped for a file meanwhile
            raise FtzlawError("changed from a device to a file while writing; not written",
                              source=shown)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise FtzlawError(f"cannot write: {exc.strerror or exc}", source=shown) from None
    finally:
        os.close(fd)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def remove_stale_temps(folder: str | os.PathLike) -> int:
    """Remove temporary files in ``folder`` left by ftzlaw processes that no longer run
    (killed mid-write); returns how many were removed. Live writers' files are kept."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        m = _TEMP_NAME.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        try:
            os.unlink(os.path.join(folder, name))
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:      # someone else's process: alive
        return True
    except OverflowError:
        return False
    return True


class _Terminated(BaseException):
    """Raised in the main thread by SIGTERM/SIGHUP/SIGINT during a write, to clean up."""


@contextlib.contextmanager
def _cleanup_on_signals():
    """While writing, turn SIGTERM, SIGHUP and SIGINT into an exception (so the temporary
    file is removed), then re-deliver the signal with its previous handling (death, or
    KeyboardInterrupt for SIGINT)."""
    temps: list[str] = []
    if threading.current_thread() is not threading.main_thread():
        yield temps
        return
    received: list[int] = []

    def handler(signum, frame):
        received.append(signum)
        if len(received) == 1:    # later signals must not interrupt the clean-up
            raise _Terminated(signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        try:
            if signal.getsignal(sig) is not signal.SIG_IGN:
                previous[sig] = signal.signal(sig, handler)
        except (ValueError, OSError):
            pass
    try:
        yield temps
    except _Terminated:
        pass
    finally:
        for tmp in temps:
            _unlink(tmp)
        for sig, old in previous.items():
            signal.signal(sig, old)
    if received:
        os.kill(os.getpid(), received[0])   # now with the old handling: usually death
        raise FtzlawError("interrupted by a signal; nothing was written")
