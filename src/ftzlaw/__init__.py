"""ftzlaw — version and diff Chinese legislation as Akoma Ntoso 3.0.

The data flow, one module per stage::

    textin  (text / docx  -> AKN tree)
    akn     (namespace, eIds, FRBR URIs, safe parsing, the read view)
    validate, render, diff, amend, compare, store  (consumers of the AKN tree)

The library never prints or exits; :mod:`ftzlaw.cli` is a thin wrapper.
"""

__version__ = "0.1.0"

from .errors import FtzlawError  # noqa: F401  (re-exported: the one error users catch)
