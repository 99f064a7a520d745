"""Consolidation: apply an amending decision (修改决定) to a regulation.

    from ftzlaw.amend import parse_decision, apply_decision
    decision = parse_decision(open("decision.txt", encoding="utf-8").read())
    result = apply_decision(base_tree, decision)      # AmendResult: .tree, .applied, …

:func:`parse_decision` reads the decision into instructions and operations
(:mod:`.decision`, :mod:`.grammar`); :func:`apply_decision` applies them to a copy of the
base tree (:mod:`.apply`) and records the amendment in the new expression's metadata
(:mod:`.meta`).
"""

from .apply import AmendResult, Applied, apply_decision
from .decision import Decision, Instruction, InstructionError, Operation, Quote, Ref, parse_decision

__all__ = ["AmendResult", "Applied", "Decision", "Instruction", "InstructionError", "Operation",
           "Quote", "Ref", "apply_decision", "parse_decision"]
