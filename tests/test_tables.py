"""Every reporting command's CSV is the same kind of file (UTF-8 with a BOM, one header),
and text tables line up by display width with Chinese text in them."""

from __future__ import annotations

import csv
import io

from ftzlaw.tables import display_width, text_table

from conftest import TEXTS, run_cli

T15, T22, HE = TEXTS / "tianjin-ftz-2015.txt", TEXTS / "tianjin-ftz-2022.txt", TEXTS / "hebei-ftz-2020.txt"


def _rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_of_every_reporting_command(tmp_path):
    store = tmp_path / "s"
    assert run_cli("--store", store, "store", "add", T15, T22).returncode == 0
    out = {
        "diff": run_cli("diff", T15, T22, "--format", "csv"),
        "compare": run_cli("compare", T22, HE, "--format", "csv"),
        "validate": run_cli("validate", "--format", "csv",
                            TEXTS.parent / "akn-foreign" / "05-uk-ukpga-2014-27-enacted.xml"),
        "store list": run_cli("--store", store, "store", "list", "--format", "csv"),
        "log": run_cli("--store", store, "log", "tianjin", "--format", "csv"),
        "blame": run_cli("--store", store, "blame", "tianjin", "--format", "csv"),
    }
    rows = {k: _rows(r.stdout) for k, r in out.items()}
    assert len(rows["diff"]) == 2 + 28 + 26 + 12 + 2
    assert rows["compare"] and set(rows["compare"][0]) >= {"a_eId", "b_eId", "score"}
    assert [r["rule"] for r in rows["validate"]] == ["FRBR-URI"]
    assert [r["event"] for r in rows["store list"]] == ["adoption", "amendment"]
    assert [r["changed"] for r in rows["log"]] == ["", "40"]
    assert len(rows["blame"]) == 68


def test_text_table_pads_by_display_width():
    table = text_table([{"num": "第一条", "n": 1}, {"num": "x", "n": 22}], ["num", "n"])
    lines = table.splitlines()
    starts = {display_width(line[: line.rindex(" ") + 1]) for line in lines}
    assert len(starts) == 1    # the second column starts at one display column on every line
