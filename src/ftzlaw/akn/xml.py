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


def _parser(huge: bool = False) -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network: XXE and billion laughs stay inert.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=huge, remove_blank_text=False)


def parse_xml(data: bytes, source: str = "<input>") -> etree._ElementTree:
    """Parse bytes as XML safely. Raises FtzlawError with a located message."""
    stripped = data.lstrip()[:512].lower()
    if stripped.startswith(b"<!doctype html") or stripped.startswith(b"<html"):
        raise FtzlawError("this is HTML, not Akoma Ntoso XML", source=source,
                          code="XML-HTML")
    if b"<!ENTITY" in data[:65536]:
        # Entity declarations have no place in AKN; refusing them is clearer than
        # silently leaving them unexpanded.
        raise FtzlawError("the XML declares entities (DTD); refused for safety", source=source,
                          code="XML-ENTITY")
    try:
        return etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise FtzlawError(f"not well-formed XML: {exc.msg}", source=source, line=line,
                          code="XML-SYNTAX") from None


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
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:100]
    return head.startswith(b"<")


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
