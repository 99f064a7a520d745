"""Load any supported input as an AKN tree: AKN XML is parsed safely, text or Word is
imported on the fly. Commands that read documents go through here."""

from __future__ import annotations

from .files import display_name, read_bytes


def load_tree(source: str, *, provisional: bool = True, **import_options):
    """Return ``(tree, name)`` for a file path, ``-``, or a store reference ``WORK@DATE``
    (see :mod:`ftzlaw.store.refs`).

    With ``provisional`` (the default) a text lacking a title or date still loads, with
    stand-in metadata (see :func:`ftzlaw.textin.import_text`); import it first to give
    real metadata.
    """
    from .akn.xml import looks_like_xml, parse_akn
    from .store.refs import is_reference

    if is_reference(str(source)):
        from .store.refs import resolve

        return resolve(str(source))[0], str(source)
    name = display_name(source)
    data = read_bytes(source)
    if looks_like_xml(data):
        return parse_akn(data, name), name
    from .textin import import_bytes

    return import_bytes(data, source=name, provisional=provisional, **import_options).tree, name
