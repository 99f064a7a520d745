"""Shared pieces of the click wrappers: error handling (exit 2), output, formats."""

from __future__ import annotations

import functools
import sys

import click

from ..errors import FtzlawError
from ..files import write_atomic

EXIT_OK, EXIT_DIFF, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> "NoReturn":  # noqa: F821
    click.echo(f"ftzlaw: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(func):
    """Turn FtzlawError (and unreadable output paths) into a clear message and exit 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FtzlawError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    return wrapper


def emit(data: bytes | str, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    write_atomic(output or "-", data)


def warn(source: str, line: int | None, message: str) -> None:
    where = f"{source}:{line}: " if line else f"{source}: "
    click.echo(f"{where}warning: {message}", err=True)


output_option = click.option("-o", "--output", metavar="FILE", default=None,
                             help="Write here (atomically) instead of standard output.")
