"""Consolidation speed: tianjin-2015 + the 2022 decision → the amended AKN, in-process and
as a whole process, with the ratio to a bare ``python -c "import lxml.etree"`` and to
importing the official 2022 text (the other way to get the same document) measured in the
same run.

    python benchmarks/amend_bench.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time, python_baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "texts"
BASE = TEXTS / "tianjin-ftz-2015.txt"
DECISION = TEXTS / "tianjin-ftz-amendment-decision-2022.txt"
OFFICIAL = TEXTS / "tianjin-ftz-2022.txt"
# A packaged decision: 27 interpretations amended at once (1,385 lines), its part 二十三
# applied to the personal-injury interpretation.
PACKAGE = ROOT.parent / "shared" / "amend-corpus" / "07-spc-personal-injury"


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.amend import apply_decision, parse_decision
    from ftzlaw.textin import import_bytes

    base = import_bytes(BASE.read_bytes()).tree
    text = DECISION.read_text(encoding="utf-8")
    parse = best_of(lambda: parse_decision(text), repeat=20)
    apply = best_of(lambda: to_bytes(apply_decision(base, parse_decision(text)).tree), repeat=20)
    imp = best_of(lambda: to_bytes(import_bytes(OFFICIAL.read_bytes()).tree), repeat=20)
    whole = process_time(ftzlaw_cmd() + ["amend", str(BASE), str(DECISION), "-q"])
    whole_report = process_time(ftzlaw_cmd() + ["amend", str(BASE), str(DECISION), "-q",
                                                 "--report", "/tmp/ftzlaw-amend-bench.html",
                                                 "-o", "/tmp/ftzlaw-amend-bench.xml"])
    pkg_text = (PACKAGE / "decision.txt").read_text(encoding="utf-8")
    pkg_base = import_bytes((PACKAGE / "before.txt").read_bytes(), provisional=True).tree
    pkg_parse = best_of(lambda: parse_decision(pkg_text), repeat=5)
    pkg_apply = best_of(lambda: to_bytes(apply_decision(pkg_base, parse_decision(pkg_text)).tree),
                        repeat=5)
    pkg_imp = best_of(lambda: to_bytes(import_bytes((PACKAGE / "after.txt").read_bytes(),
                                                    provisional=True).tree), repeat=5)
    pkg_whole = process_time(ftzlaw_cmd() + ["amend", str(PACKAGE / "before.txt"),
                                             str(PACKAGE / "decision.txt"), "-q"])
    base_t = python_baseline()
    print(f"parse the decision (40 instructions), in-process:   {parse * 1000:7.1f} ms")
    print(f"parse + apply + serialise, in-process:              {apply * 1000:7.1f} ms")
    print(f"import the official 2022 text, in-process (peer):   {imp * 1000:7.1f} ms")
    print(f"ftzlaw amend, whole process (validates strictly):   {whole * 1000:7.1f} ms")
    print(f"ftzlaw amend --report x.html, whole process:        {whole_report * 1000:7.1f} ms")
    print(f"packaged decision (27 parts, 245 instructions), parse: {pkg_parse * 1000:6.1f} ms")
    print(f"  … parse + select part 二十三 + apply + serialise:  {pkg_apply * 1000:7.1f} ms")
    print(f"  … import the republished text, in-process (peer):  {pkg_imp * 1000:7.1f} ms")
    print(f"  … ftzlaw amend, whole process:                     {pkg_whole * 1000:7.1f} ms")
    print(f"python -c 'import lxml.etree':                      {base_t * 1000:7.1f} ms")
    print(f"ratio in-process amend / import:                    {apply / imp:7.2f}x")
    print(f"ratio whole-process amend / lxml baseline:          {whole / base_t:7.2f}x")
    print(f"ratio packaged amend / import, in-process:          {pkg_apply / pkg_imp:7.2f}x")


if __name__ == "__main__":
    main()
