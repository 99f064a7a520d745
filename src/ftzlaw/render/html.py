"""The jinja2 environment every HTML output of ftzlaw renders with.

Templates live in ``templates/`` at the repository root. ``base.html.j2`` is the shared
page: ``<html lang="zh-CN">``, inline CSS (no external fetches), a centred title block,
print and phone styles. A report extends it and fills ``content`` (and optionally
``style``, ``header``, ``toc``)::

    {% extends "base.html.j2" %}
    {% block content %}<table class="cmp">…</table>{% endblock %}

Autoescape is always on: every string from a law goes through ``{{ … }}`` escaped.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import FtzlawError
from . import TEMPLATES_DIR


@lru_cache(maxsize=1)
def environment():
    """The shared jinja2 Environment (autoescape on, strict undefined, loads templates/)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def render_template(name: str, **context) -> str:
    """Render ``templates/<name>`` with ``context``; a missing template is a FtzlawError."""
    import jinja2

    try:
        template = environment().get_template(name)
    except jinja2.TemplateNotFound:
        raise FtzlawError(f"no HTML template {name!r} in {TEMPLATES_DIR}") from None
    return template.render(**context)
