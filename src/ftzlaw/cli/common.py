"""Shared pieces of the click wrappers: error handling (exit 2), output, formats."""

from __future__ import annotations

import functools
import sys
from typing import NoReturn

import click

from ..errors import FtzlawError
from ..files import write_atomic

EXIT_OK, EXIT_DIFF, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    click.echo(f"ftzlaw: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(func):
    """Turn FtzlawError (and unreadable output paths) into a clear message and exit 2; any
    other exception too, as an internal error, since exit 1 means "differences/invalid"."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except FtzlawError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: still exit 2 (never 1, which means "differs")
            fail(f"internal error ({type(exc).__name__}: {exc}); nothing was written. "
                 f"Please report this with the input that caused it.")
    return wrapper


def emit(data: bytes | str, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    write_atomic(output or "-", data)


def refuse_binary_to_terminal(output: str | None, what: str = "this format") -> None:
    """Exit 2 before any work when binary output (``what``: "a PDF", "a Word file" …) would go
    to a terminal: ask for -o FILE or a redirection instead."""
    if output in (None, "-") and sys.stdout.isatty():
        fail(f"{what} is binary: give -o FILE or redirect standard output")


def warn(source: str, line: int | None, message: str) -> None:
    where = f"{source}:{line}: " if line else f"{source}: "
    click.echo(f"{where}warning: {message}", err=True)


class DateParam(click.ParamType):
    """YYYY-MM-DD, checked to be a real date before any work is done."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from ..zh.dates import is_date

        if value is None or is_date(str(value)):
            return value
        self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


DATE = DateParam()

output_option = click.option("-o", "--output", metavar="FILE", default=None,
                             help="Write here (atomically) instead of standard output.")
