"""Hostile and huge XML through every command that reads XML (issue 15): one parser,
ftzlaw.akn.xml, refuses DOCTYPEs and entity declarations wherever they are and in any
encoding; UTF-16 AKN is XML; a 10 MB text node our importer writes reads back."""

from __future__ import annotations

import json

import pytest

from ftzlaw.akn import Document
from ftzlaw.akn.xml import MAX_DEPTH, looks_like_xml, parse_akn, to_bytes
from ftzlaw.errors import FtzlawError
from ftzlaw.textin import import_bytes

from conftest import DECISION, TEXTS, run_cli

T2015 = TEXTS / "tianjin-ftz-2015.txt"
DECL = b"<?xml version='1.0' encoding='UTF-8'?>\n"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    xml = to_bytes(import_bytes(T2015.read_bytes(), source=str(T2015)).tree)
    assert xml.startswith(DECL)
    (d / "good.xml").write_bytes(xml)
    return d, xml


def _body(xml: bytes) -> bytes:
    return xml[len(DECL):]


HOSTILE = {
    # an external DTD: never fetched (port 9 is discard; nothing listens)
    "doctype-external": lambda x: DECL + b'<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/akn.dtd">\n'
    + _body(x),
    "doctype-internal": lambda x: DECL + b"<!DOCTYPE akomaNtoso [<!ELEMENT akomaNtoso ANY>]>\n"
    + _body(x),
    # the declaration after a 70 KB comment (the old check read only the first 64 KiB)
    "entity-after-70kb": lambda x: DECL + b"<!--" + b"x" * 70_000 + b"-->\n"
    + b'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    + _body(x).replace("制定本条例。".encode(), "制定本条例&xxe;。".encode(), 1),
    "entity-utf16": lambda x: ('<?xml version="1.0" encoding="UTF-16"?>\n'
                               '<!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa">]>\n'
                               + _body(x).decode()).encode("utf-16"),
}
CODES = {"doctype-external": "DTD", "doctype-internal": "DTD", "entity-after-70kb": "entities",
         "entity-utf16": "entities"}


def _commands(bad, good_file, tmp):
    out = tmp / "out"
    return {
        "validate": ["validate", bad],
        "render": ["render", bad, "--format", "html", "-o", out],
        "diff-old": ["diff", bad, good_file, "-o", out],
        "diff-new": ["diff", good_file, bad, "-o", out],
        "amend": ["amend", bad, DECISION, "-o", out],
        "compare": ["compare", bad, good_file, "-o", out],
        "store": ["--store", tmp / "store", "store", "add", bad],
    }


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["validate", "render", "diff-old", "diff-new", "amend",
                                     "compare", "store"])
def test_every_command_refuses_hostile_xml(good, tmp_path, kind, command):
    d, xml = good
    bad = tmp_path / f"{kind}.xml"
    bad.write_bytes(HOSTILE[kind](xml))
    r = run_cli(*_commands(bad, d / "good.xml", tmp_path)[command])
    text = (r.stdout + r.stderr).decode()
    assert r.returncode == 2, text
    assert CODES[kind] in text and "refused for safety" in text
    assert "internal error" not in text
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "store" / "index.json").exists()


def test_entity_check_reads_the_whole_document(good):
    _, xml = good
    data = HOSTILE["entity-after-70kb"](xml)
    assert data.index(b"<!ENTITY") > 65536
    with pytest.raises(FtzlawError) as info:
        parse_akn(data)
    assert info.value.code == "XML-ENTITY"


def test_validate_names_the_rule(good, tmp_path):
    _, xml = good
    for kind, rule in (("doctype-external", "XML-DTD"), ("entity-after-70kb", "XML-ENTITY"),
                       ("entity-utf16", "XML-ENTITY")):
        bad = tmp_path / "bad.xml"
        bad.write_bytes(HOSTILE[kind](xml))
        r = run_cli("validate", bad, "--format", "json")
        assert r.returncode == 2
        assert [p["rule"] for p in json.loads(r.stdout)] == [rule]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_utf16_akn_is_read_as_xml(good, tmp_path, codec):
    d, xml = good
    name = codec.upper().replace("-BE", "BE").replace("-LE", "LE")
    text = xml.decode().replace("encoding='UTF-8'", f"encoding='{name}'", 1)
    data = text.encode(codec)
    assert looks_like_xml(data)
    path = tmp_path / "u16.xml"
    path.write_bytes(data)
    r = run_cli("validate", path)
    assert r.returncode == 0, r.stdout.decode()
    r = run_cli("diff", path, d / "good.xml", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()      # the same document: no change
    assert json.loads(r.stdout)["summary"] == {"unchanged": 58, "renumbered": 0, "modified": 0,
                                               "added": 0, "deleted": 0}
    assert len(Document(parse_akn(data)).articles) == 58


def test_utf16_text_is_still_a_text(tmp_path):
    data = T2015.read_text(encoding="utf-8").encode("utf-16")
    assert not looks_like_xml(data)
    src = tmp_path / "t16.txt"
    src.write_bytes(data)
    r = run_cli("import", src, "-o", tmp_path / "t.xml")
    assert r.returncode == 0 and "58 条" in r.stderr.decode()


def test_too_deep_nesting_is_refused_not_a_crash(good, tmp_path):
    _, xml = good
    deep = b"<span>" * (MAX_DEPTH + 10) + b"x" + b"</span>" * (MAX_DEPTH + 10)
    data = xml.replace("制定本条例。".encode(), "制定本条例。".encode() + deep, 1)
    path = tmp_path / "deep.xml"
    path.write_bytes(data)
    for args in (["validate", path], ["render", path, "-o", tmp_path / "o.html"],
                 ["diff", path, path]):
        r = run_cli(*args)
        text = (r.stdout + r.stderr).decode()
        assert r.returncode == 2, args
        assert f"nested more than {MAX_DEPTH} deep" in text and "internal error" not in text


def test_a_10_mb_line_imports_and_reads_back(tmp_path):
    """What the importer writes, every reader accepts: one text node of 10 MB."""
    text = T2015.read_text(encoding="utf-8")
    start = text.index("第二条")
    end = text.index("\n", start)
    words = "自由贸易" * (10 * 1024 * 1024 // 12)
    huge = tmp_path / "huge.txt"
    huge.write_text(text[:start] + "第二条　" + words + "。" + text[end:], encoding="utf-8")
    xml = tmp_path / "huge.xml"
    r = run_cli("import", huge, "-q", "-o", xml)
    assert r.returncode == 0, r.stderr.decode()
    assert xml.stat().st_size > 10 * 1024 * 1024
    r = run_cli("validate", xml)
    assert r.returncode == 0, r.stdout.decode()
    r = run_cli("render", xml, "-o", tmp_path / "h.html")
    assert r.returncode == 0, r.stderr.decode()
    assert words in (tmp_path / "h.html").read_text(encoding="utf-8")
    r = run_cli("diff", xml, xml, "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("--store", tmp_path / "s", "store", "add", xml)
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("--store", tmp_path / "s", "show", "tianjin", "--at", "2020-01-01",
                "--format", "text")
    assert r.returncode == 0 and words in r.stdout.decode()
