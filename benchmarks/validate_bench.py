"""Validation speed: every corpus import and every foreign AKN file in one ``ftzlaw validate``
call (whole process), per file in-process, and the peer — bare lxml XSD validation of the
same files (what the schema layer alone costs) — measured in the same run. Also how fast
hostile input is refused.

    python benchmarks/validate_bench.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, ftzlaw_cmd, process_time, python_baseline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import SHARED, corpus_files  # noqa: E402

PEER = """
import sys
from lxml import etree
from ftzlaw.validate.schema import xsd_path
parser = etree.XMLParser(resolve_entities=False, no_network=True)
schema = etree.XMLSchema(etree.parse(xsd_path(True), parser))
for f in sys.argv[1:]:
    schema.validate(etree.parse(f, parser))
"""


def main() -> None:
    from ftzlaw.akn.xml import to_bytes
    from ftzlaw.textin import import_bytes
    from ftzlaw.validate import check_file
    from ftzlaw.validate.schema import official_schema

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for path, kw in corpus_files():
            out = Path(tmp) / (path.stem + ".xml")
            out.write_bytes(to_bytes(import_bytes(path.read_bytes(), **kw).tree))
            files.append(out)
        corpus = list(files)
        files += sorted((SHARED / "akn-foreign").glob("*.xml"))
        size = sum(f.stat().st_size for f in files)

        official_schema(True)   # compiled once per process, as in the CLI
        per_file = {f.name: best_of(lambda f=f: check_file(f), repeat=5) for f in files}
        slowest = max(per_file, key=per_file.get)
        whole = process_time(ftzlaw_cmd() + ["validate", "-q", *map(str, files)], ok=(0, 1, 2))
        whole_corpus = process_time(ftzlaw_cmd() + ["validate", "-q", *map(str, corpus)],
                                    repeat=3)
        peer = process_time([sys.executable, "-c", PEER, *map(str, files)], repeat=3)

        big = Path(tmp) / "big.xml"
        with open(big, "wb") as fh:
            fh.truncate(100 * 1024 * 1024)
        hostile = ROOT / "tests" / "fixtures" / "invalid" / "xml-entity-billion-laughs.xml"
        big_time = process_time(ftzlaw_cmd() + ["validate", str(big)], ok=(0, 1, 2))
        laughs_time = process_time(ftzlaw_cmd() + ["validate", str(hostile)], ok=(0, 1, 2))
    base = python_baseline()
    n = len(files)
    print(f"files: {n} ({len(corpus)} corpus imports + {n - len(corpus)} foreign), "
          f"{size / 1e6:.2f} MB")
    print(f"in-process, all files:           {sum(per_file.values()) * 1000:7.1f} ms")
    print(f"in-process, corpus file (median): "
          f"{sorted(per_file[f.name] for f in corpus)[len(corpus) // 2] * 1000:6.1f} ms")
    print(f"in-process, slowest ({slowest}): {per_file[slowest] * 1000:.1f} ms")
    print(f"whole process, all {n} files:     {whole * 1000:7.1f} ms "
          f"({whole / n * 1000:.1f} ms per file)")
    print(f"whole process, {len(corpus)} corpus files:   {whole_corpus * 1000:7.1f} ms "
          f"({whole_corpus / len(corpus) * 1000:.1f} ms per file)")
    print(f"peer: bare lxml XSD, all files:   {peer * 1000:7.1f} ms")
    print(f"ratio ftzlaw validate / peer:      {whole / peer:7.2f}x")
    print(f"refuse a 100 MiB file:            {big_time * 1000:7.1f} ms")
    print(f"refuse the billion laughs:        {laughs_time * 1000:7.1f} ms")
    print(f"python -c 'import lxml.etree':    {base * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
