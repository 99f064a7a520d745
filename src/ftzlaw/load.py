"""Load any supported input as an AKN tree: AKN XML is parsed safely, text or Word is
imported on the fly. Commands that read documents go through here.

    from ftzlaw.load import load
    loaded = load("tianjin-ftz-2015.txt")       # → Loaded(tree, name, warnings)
    for line, message in loaded.warnings:       # what `ftzlaw import` would report
        print(f"{loaded.name}:{line}: warning: {message}")
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, field
from typing import Callable

from .files import display_name, read_bytes

# Where load_tree reports the warnings of texts it imports: set by the CLI
# (reporting_warnings) so that `diff a.txt b.txt` prints what `import` would.
Reporter = Callable[[str, "int | None", str], None]
_reporter: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar(
    "ftzlaw_load_reporter", default=None)


@dataclass
class Loaded:
    tree: object                       # lxml ElementTree
    name: str                          # display name (``<stdin>`` for ``-``)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)


@contextlib.contextmanager
def reporting_warnings(report: Reporter):
    """Within this block, :func:`load_tree` passes each import warning to
    ``report(name, line, message)``."""
    token = _reporter.set(report)
    try:
        yield
    finally:
        _reporter.reset(token)


def load(source: str, *, provisional: bool = True, **import_options) -> Loaded:
    """The tree, display name and import warnings of a file path, ``-``, or a store
    reference ``WORK@DATE`` (see :mod:`ftzlaw.store.refs`).

    With ``provisional`` (the default) a text lacking a title or date still loads, with
    stand-in metadata (see :func:`ftzlaw.textin.import_text`); import it first to give
    real metadata. AKN XML and stored versions have no warnings.
    """
    from .akn.xml import looks_like_xml, parse_akn
    from .store.refs import is_reference

    if is_reference(str(source)):
        from .store.refs import resolve

        return Loaded(resolve(str(source))[0], str(source))
    name = display_name(source)
    data = read_bytes(source)
    if looks_like_xml(data):
        return Loaded(parse_akn(data, name), name)
    from .textin import import_bytes

    result = import_bytes(data, source=name, provisional=provisional, **import_options)
    return Loaded(result.tree, name, list(result.warnings))


def load_tree(source: str, *, provisional: bool = True, on_warning: Reporter | None = None,
              **import_options):
    """Return ``(tree, name)`` as :func:`load`; the import warnings go to ``on_warning``
    (or the reporter set by :func:`reporting_warnings`, as every CLI command does)."""
    loaded = load(source, provisional=provisional, **import_options)
    report = on_warning or _reporter.get()
    if report is not None:
        for line, message in loaded.warnings:
            report(loaded.name, line, message)
    return loaded.tree, loaded.name
