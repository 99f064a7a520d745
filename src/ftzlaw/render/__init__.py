"""Renderings of an AKN tree: HTML (jinja2) and PDF (typst), gazette style.

Building blocks other reports reuse:

- :mod:`.fonts` — ``find_cjk_fonts()``: the serif (宋) and sans (黑) CJK faces on this machine.
- :mod:`.typst` — ``compile_pdf(template, data)``: typst with the document passed as JSON data.
- :mod:`.html` — ``environment()``: the jinja2 environment (autoescape on) over ``templates/``,
  whose ``base.html.j2`` carries the shared CSS and page layout.
- :mod:`.law` — ``document_data(tree)`` (the law as plain data), ``render_html``, ``render_pdf``.

Heavy modules (jinja2, typst, lxml) are imported inside functions.
"""

from __future__ import annotations

from .._data import data_dir

# templates/ of the source tree, or the copy a wheel carries.
TEMPLATES_DIR = data_dir("templates")


def render_html(tree, template: str = "default") -> str:
    from .law import render_html as _render

    return _render(tree, template)


def render_pdf(tree, template: str = "default") -> bytes:
    from .law import render_pdf as _render

    return _render(tree, template)


def document_data(tree) -> dict:
    from .law import document_data as _data

    return _data(tree)
