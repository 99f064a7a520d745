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
    say(f"ftzlaw: error: {message}")
    sys.exit(EXIT_ERROR)


def say(message: str) -> None:
    """A line on standard error; a closed standard error (``2>&-``) is not an error."""
    if sys.stderr is None:
        return
    try:
        click.echo(message, err=True)
    except (OSError, ValueError):
        pass


def handle_errors(func):
    """Turn FtzlawError (and unreadable output paths) into a clear message and exit 2; any
    other exception too, as an internal error, since exit 1 means "differences/invalid".

    While the command runs, the files it reads are watched (an output onto one of them is
    refused: :func:`ftzlaw.files.watch_inputs`) and the warnings of texts imported on the
    fly (:func:`ftzlaw.load.load_tree`) are printed as ``FILE:LINE: warning: …``."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ..files import watch_inputs
        from ..load import reporting_warnings

        try:
            with watch_inputs(), reporting_warnings(warn):
                return func(*args, **kwargs)
        except FtzlawError as exc:
            fail(str(exc))
        except BrokenPipeError:
            # The reader went away (| head): stop quietly, as Unix tools do.
            _silence_stdout()
            sys.exit(EXIT_ERROR)
        except OSError as exc:
            fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt, SystemExit):
            raise
        except ValueError as exc:
            if "XML compatible" in str(exc):   # lxml: a control character in an option
                fail("an option holds a control character, which XML cannot carry "
                     f"({exc}); nothing was written")
            _internal(exc)
        except RecursionError as exc:
            fail(f"the input nests too deeply to process ({exc}); nothing was written")
        except Exception as exc:  # a bug of ours: still exit 2 (never 1, which means "differs")
            _internal(exc)
    return wrapper


def _internal(exc: BaseException) -> NoReturn:
    fail(f"internal error ({type(exc).__name__}: {exc}); nothing was written. "
         f"Please report this with the input that caused it.")


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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


class FiniteFloat(click.ParamType):
    """A finite number (``nan`` and ``inf`` refused), optionally within [min, max]."""

    name = "NUMBER"

    def __init__(self, min: float | None = None, max: float | None = None):
        self.min, self.max = min, max

    def convert(self, value, param, ctx):
        import math

        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if (self.min is not None and number < self.min) or \
                (self.max is not None and number > self.max):
            lo = "-∞" if self.min is None else f"{self.min:g}"
            hi = "∞" if self.max is None else f"{self.max:g}"
            self.fail(f"{value!r} is not in the range {lo}…{hi}", param, ctx)
        return number


def _xml_unfit(text: str) -> str | None:
    """The first character XML 1.0 (and a legal title) cannot carry, or None."""
    import unicodedata

    for ch in text:
        code = ord(ch)
        if unicodedata.category(ch) in ("Cc", "Cs") or code in (0xFFFE, 0xFFFF) \
                or ch in "\u2028\u2029\x85":
            return ch
    return None


class TextParam(click.ParamType):
    """One line of text for the document (``--title``, labels): control characters
    (U+0000–U+001F, U+007F–U+009F), line/paragraph separators and surrogates are refused."""

    name = "TEXT"

    def convert(self, value, param, ctx):
        if value is None:
            return value
        bad = _xml_unfit(str(value))
        if bad is not None:
            self.fail(f"contains the control character U+{ord(bad):04X}; give plain text",
                      param, ctx)
        return str(value)


TEXT = TextParam()

output_option = click.option("-o", "--output", metavar="FILE", default=None,
                             help="Write here (atomically) instead of standard output.")
