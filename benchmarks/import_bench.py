"""Import speed for the Beijing seed: in-process and whole-process, with the ratio to a
bare ``python -c "import lxml.etree"`` measured in the same run.

    python benchmarks/import_bench.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time, python_baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "texts" / "beijing-ftz-2022.txt"
OPTS = ["--title", "中国（北京）自由贸易试验区条例", "--date", "2022-03-31"]


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.textin import import_bytes

    data = SEED.read_bytes()
    in_process = best_of(lambda: to_bytes(import_bytes(
        data, title=OPTS[1], date=OPTS[3]).tree), repeat=20)
    whole = process_time(ftzlaw_cmd() + ["import", str(SEED), *OPTS, "-q"])
    help_time = process_time(ftzlaw_cmd() + ["--help"])
    base = python_baseline()
    print(f"seed import, in-process:      {in_process * 1000:7.1f} ms")
    print(f"seed import, whole process:   {whole * 1000:7.1f} ms")
    print(f"ftzlaw --help (start-up):     {help_time * 1000:7.1f} ms")
    print(f"python -c 'import lxml.etree': {base * 1000:7.1f} ms")
    print(f"ratio import / lxml baseline:  {whole / base:7.2f}x")


if __name__ == "__main__":
    main()
