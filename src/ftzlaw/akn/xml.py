"""Namespace, element construction, and the one safe XML parser of the project."""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from ..errors import FtzlawError

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = ElementMaker(namespace=NS, nsmap={None: NS})


def akn(tag: str) -> str:
    """Clark name of an AKN element: ``akn('article')`` → ``{ns}article``."""
    return f"{{{NS}}}{tag}"


# AKN never nests deeper than a few dozen levels; our tree walkers must never meet more.
MAX_DEPTH = 256


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network: XXE and billion laughs stay inert.
    # huge_tree lifts libxml2's 10 MB cap on one text node, so what our writer writes (a
    # 10 MB line of a law) reads back; input size stays capped by ftzlaw.files
    # (MAX_INPUT_BYTES) and depth by MAX_DEPTH below.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=True, remove_blank_text=False)


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))


def _head(data: bytes, size: int = 512) -> str:
    """The start of ``data`` as text, whatever its XML encoding (BOM or the UTF-16/32
    pattern of “<”), for sniffing only."""
    head = data[: size * 4]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(codec, "ignore")[:size]
    for pattern, codec in ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                           (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be")):
        if head.startswith(pattern):
            return head.decode(codec, "ignore")[:size]
    return head.decode("utf-8", "ignore")[:size]


def _depth_exceeds(root, limit: int) -> bool:
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            return True
    return False


def parse_xml(data: bytes, source: str = "<input>") -> etree._ElementTree:
    """Parse bytes as XML safely. Raises FtzlawError with a located message.

    Refused, whatever the encoding and wherever in the document: a DOCTYPE (code
    ``XML-DTD``; never fetched) and entity declarations (``XML-ENTITY``; never expanded),
    HTML (``XML-HTML``), nesting deeper than :data:`MAX_DEPTH` (``XML-SYNTAX``).
    """
    head = _head(data).lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        raise FtzlawError("this is HTML, not Akoma Ntoso XML", source=source,
                          code="XML-HTML")
    if _declares_entities(data):
        # Entity declarations have no place in AKN; refusing them is clearer than
        # silently leaving them unexpanded. Looked for in the whole document, in any
        # of XML's encodings (a long comment first hides nothing).
        raise FtzlawError("the XML declares entities (DTD); refused for safety", source=source,
                          line=_doctype_line(data), code="XML-ENTITY")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise FtzlawError(f"not well-formed XML: {exc.msg}", source=source, line=line,
                          code="XML-SYNTAX") from None
    except ValueError as exc:   # e.g. a str with an encoding declaration
        raise FtzlawError(f"not well-formed XML: {exc}", source=source,
                          code="XML-SYNTAX") from None
    tree = etree.ElementTree(root)
    info = tree.docinfo
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # Entity declarations have no place in AKN; refusing them is clearer than
        # silently leaving them unexpanded.
        raise FtzlawError("the XML declares entities (DTD); refused for safety", source=source,
                          line=_doctype_line(data), code="XML-ENTITY")
    if info.doctype or dtd is not None or info.externalDTD is not None:
        doctype = info.doctype or "an internal subset"
        raise FtzlawError(f"the XML names a DTD ({doctype}); AKN has none, refused for safety "
                          "(nothing was fetched)", source=source, line=_doctype_line(data),
                          code="XML-DTD", details={"doctype": doctype})
    if _depth_exceeds(root, MAX_DEPTH):
        raise FtzlawError(f"elements nested more than {MAX_DEPTH} deep; no legal document is",
                          source=source, code="XML-SYNTAX")
    return tree


_ENTITY_MARKS = tuple("<!ENTITY".encode(codec) for codec in
                      ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def _declares_entities(data: bytes) -> bool:
    return any(mark in data for mark in _ENTITY_MARKS)


def _doctype_line(data: bytes) -> int | None:
    at = data.find(b"<!DOCTYPE")
    return data[:at].count(b"\n") + 1 if at >= 0 else None


def parse_akn(data: bytes, source: str = "<input>") -> etree._ElementTree:
    """Parse bytes as an Akoma Ntoso 3.0 document (root ``akomaNtoso`` in the AKN namespace)."""
    tree = parse_xml(data, source)
    root = tree.getroot()
    if root.tag != akn("akomaNtoso"):
        qn = etree.QName(root)
        if qn.localname == "akomaNtoso":
            raise FtzlawError(f"wrong namespace {qn.namespace!r}; expected {NS}", source=source,
                              code="AKN-NAMESPACE")
        raise FtzlawError(f"root element is <{qn.localname}>, not <akomaNtoso>", source=source,
                          code="AKN-ROOT")
    return tree


def looks_like_xml(data: bytes) -> bool:
    """Does ``data`` start with “<” (after a BOM and blanks), in UTF-8, UTF-16 or UTF-32?"""
    return _head(data, 100).lstrip("\ufeff \t\r\n").startswith("<")


# Elements whose content is text (possibly with inline markup): never re-indented, so
# pretty-printing cannot add characters to the law's text.
_TEXT_ELEMENTS = {"p", "num", "heading", "subheading", "docTitle", "span", "ref", "ins", "del"}


def _indent(el, level: int) -> None:
    if etree.QName(el).localname in _TEXT_ELEMENTS or len(el) == 0:
        return
    if (el.text is not None and el.text.strip()) or \
            any(child.tail is not None and child.tail.strip() for child in el):
        return  # mixed content (text before or between children): leave as is
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        if not isinstance(child.tag, str):
            continue
        _indent(child, level + 1)
        if child.tail is None or not child.tail.strip():
            child.tail = pad
    last = el[-1]
    if last.tail is None or not last.tail.strip():
        last.tail = "\n" + "  " * level


def to_bytes(tree) -> bytes:
    """Serialise an AKN tree as indented UTF-8 with an XML declaration.

    Only whitespace between block elements is touched; text elements and any element with
    text of its own (mixed content) keep their content. The caller's tree is not changed: a
    copy is indented.
    """
    import copy

    root = tree.getroot() if hasattr(tree, "getroot") else tree
    root = copy.deepcopy(root)
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
