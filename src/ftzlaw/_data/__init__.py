"""Data files shipped with ftzlaw: ``templates/`` and ``schemas/akn/`` of the source tree.

In a checkout (or an editable install) they are read from the tree itself; a wheel carries
copies as the subpackages ``ftzlaw._data.templates`` and ``ftzlaw._data.schemas`` (see
``[tool.setuptools.package-dir]`` in pyproject.toml). :func:`data_dir` finds either.
"""

from __future__ import annotations

from pathlib import Path

_TREE = Path(__file__).resolve().parents[3]
_SHIPPED = {"templates": "templates", "schemas/akn": "schemas"}


def data_dir(name: str) -> Path:
    """The folder ``templates`` or ``schemas/akn``."""
    in_tree = _TREE / name
    if in_tree.is_dir() and (_TREE / "pyproject.toml").is_file():
        return in_tree
    return Path(__file__).resolve().parent / _SHIPPED[name]
