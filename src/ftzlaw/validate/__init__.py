"""Validation: the official OASIS Akoma Ntoso 3.0 schema plus PRC profile rules.

    from ftzlaw.validate import validate_file, validate_tree
    for p in validate_file("beijing.xml"):          # → list[Problem]
        print(p.as_text())                          # FILE:LINE: error ART-SEQ art_13 …

Layers: ``input`` (unreadable, hostile or non-AKN files: exit 2), ``schema`` (the XSD,
rule ``XSD``) and ``profile`` (the rule table ``schemas/akn/rules.toml``, see
:mod:`ftzlaw.validate.rules`).
"""

from .core import (SCHEMAS, check_bytes, check_file, check_tree,  # noqa: F401
                   schema_problems, validate_file, validate_tree)
from .report import (FileResult, Problem, Rule, exit_code, format_json,  # noqa: F401
                     format_rules, format_text, rules)
