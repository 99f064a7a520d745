"""The version store: add, point-in-time show, references, atomicity, log and blame."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from ftzlaw.akn import Document
from ftzlaw.akn.plaintext import to_text
from ftzlaw.errors import FtzlawError
from ftzlaw.load import load_tree
from ftzlaw.store import Store
from ftzlaw.textin import import_text

from conftest import SEED, TEXTS, corpus_files, import_kw, run_cli

T2015 = TEXTS / "tianjin-ftz-2015.txt"
T2022 = TEXTS / "tianjin-ftz-2022.txt"
WORK = "/akn/cn-tj/act/regulation/2015-12-24/ftz"


@pytest.fixture
def store(tmp_path):
    root = tmp_path / "store"
    r = run_cli("--store", root, "store", "add", T2015, T2022)
    assert r.returncode == 0, r.stderr.decode()
    return root


def index(root):
    return json.loads((root / "index.json").read_text(encoding="utf-8"))


def test_add_lays_out_by_frbr_uri(store):
    assert sorted(p.relative_to(store).as_posix() for p in store.rglob("*.xml")) == [
        "akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24.xml",
        "akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2022-09-27.xml"]
    entries = index(store)["expressions"]
    assert [(e["date"], e["event"], e["articles"]) for e in entries] == [
        ("2015-12-24", "adoption", 58), ("2022-09-27", "amendment", 68)]
    assert entries[1]["decision"] == \
        "天津市人民代表大会常务委员会关于修改〈中国（天津）自由贸易试验区条例〉的决定"


@pytest.mark.parametrize("date,articles", [("2015-12-24", 58), ("2021-01-01", 58),
                                           ("2022-09-27", 68), ("2023-01-01", 68)])
def test_show_at_date(store, date, articles):
    r = run_cli("--store", store, "show", "tianjin", "--at", date, "--format", "xml")
    assert r.returncode == 0, r.stderr.decode()
    from lxml import etree
    assert len(Document(etree.fromstring(r.stdout)).articles) == articles


def test_show_text_round_trips(store):
    r = run_cli("--store", store, "show", "tianjin", "--at", "2021-01-01", "--format", "text")
    assert r.returncode == 0
    again = Document(import_text(r.stdout.decode()).tree)
    original = Document(load_tree(str(T2015))[0])
    assert again.body_text() == original.body_text()
    assert again.work_uri == WORK


def test_show_before_first_version_is_an_error(store):
    r = run_cli("--store", store, "show", "tianjin", "--at", "2015-12-23")
    assert r.returncode == 2
    assert "not yet in force on 2015-12-23" in r.stderr.decode()
    r = run_cli("--store", store, "show", "nowhere", "--at", "2020-01-01")
    assert r.returncode == 2 and "no work 'nowhere'" in r.stderr.decode()


def test_commencement_date_is_respected(tmp_path):
    root = tmp_path / "s"
    Store.open(root, create=True).add(load_tree(str(TEXTS / "hebei-ftz-2020.txt"))[0])
    s = Store.open(root)
    work = s.resolve_work("hebei")
    with pytest.raises(FtzlawError, match="not yet in force"):
        s.at(work, "2020-10-31")   # adopted 2020-09-24, in force from 2020-11-01
    assert s.at(work, "2020-11-01").date == "2020-09-24"


def test_references_work_at_date(store, monkeypatch):
    monkeypatch.setenv("FTZLAW_STORE", str(store))
    for ref in ("tianjin@2020-01-01", "tianjin-ftz@2020-01-01", f"{WORK}@2020-01-01",
                f"{WORK}/zho@2015-12-24"):
        assert len(Document(load_tree(ref)[0]).articles) == 58, ref
    assert len(Document(load_tree("tianjin@2023-01-01")[0]).articles) == 68


def test_same_expression_twice_is_a_no_op(store):
    before = (store / "index.json").read_bytes()
    r = run_cli("--store", store, "store", "add", T2015)
    assert r.returncode == 0 and "unchanged" in r.stderr.decode()
    assert (store / "index.json").read_bytes() == before


def test_conflicting_content_is_refused(store, tmp_path):
    text = T2015.read_text(encoding="utf-8").replace("制定本条例。", "制定本条例！", 1)
    changed = tmp_path / "tianjin-edited.txt"
    changed.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}
    r = run_cli("--store", store, "store", "add", changed)
    assert r.returncode == 2
    assert "already holds /akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24" in r.stderr.decode()
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before


def test_untitled_text_is_refused(tmp_path):
    r = run_cli("--store", tmp_path / "s", "store", "add", SEED)
    assert r.returncode == 2 and "--title" in r.stderr.decode()


def test_killed_add_leaves_the_store_as_it_was(store, tmp_path):
    """Kill `store add` at random moments: the store is always the old one or the new one."""
    rng = random.Random(7)
    base = tmp_path / "base"
    shutil.copytree(store, base)
    outcomes = set()
    for attempt in range(14):
        root = tmp_path / f"s{attempt}"
        shutil.copytree(base, root)
        proc = subprocess.Popen([sys.executable, "-m", "ftzlaw", "--store", str(root), "store",
                                 "add", str(TEXTS / "hebei-ftz-2020.txt")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        entries = index(root)["expressions"]            # always parses
        works = {e["work"] for e in entries}
        assert len(entries) in (2, 3)
        outcomes.add(len(entries))
        s = Store.open(root)
        for e in s.entries:                             # every indexed file is whole
            assert len(Document(s.load(e)).articles) == e.articles
        if len(entries) == 2:
            assert works == {WORK}
        # A later add completes normally whatever was left behind.
        Store.open(root).add(load_tree(str(TEXTS / "hebei-ftz-2020.txt"))[0])
        assert len(index(root)["expressions"]) == 3
        assert not list(root.rglob(".*.tmp"))
    assert 2 in outcomes  # some kills landed before the commit point


@pytest.mark.parametrize("path,opts", corpus_files(), ids=[p.name for p, _ in corpus_files()])
def test_plaintext_round_trip(path, opts):
    tree = load_tree(str(path), **import_kw(path))[0]
    again = import_text(to_text(tree), **import_kw(path))
    a, b = Document(tree), Document(again.tree)
    assert [(x.num, [p.full_text for p in x.paragraphs]) for x in a.articles] == \
        [(x.num, [p.full_text for p in x.paragraphs]) for x in b.articles]
    assert a.body_text() == b.body_text()


# --- the Tianjin store built as a user would: import, amend, add ---------------------------

@pytest.fixture(scope="module")
def amended_store(tmp_path_factory):
    from conftest import DECISION

    d = tmp_path_factory.mktemp("tianjin")
    assert run_cli("import", T2015, "-q", "-o", d / "t2015.xml").returncode == 0
    r = run_cli("amend", d / "t2015.xml", DECISION, "-q", "-o", d / "t2022.xml")
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("--store", d / "store", "store", "add", d / "t2015.xml", d / "t2022.xml")
    assert r.returncode == 0, r.stderr.decode()
    return d


def test_log_shows_both_versions_with_the_decision(amended_store):
    r = run_cli("--store", amended_store / "store", "log", "tianjin", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    rows = json.loads(r.stdout)
    assert [(x["date"], x["event"], x["articles"]) for x in rows] == [
        ("2015-12-24", "adoption", 58), ("2022-09-27", "amendment", 68)]
    assert rows[1]["decision"] == "天津市人民代表大会常务委员会关于修改《中国（天津）自由贸易试验区条例》的决定"
    assert rows[1]["changed"] == 40
    assert rows[1]["changes"] == {"modified": 26, "added": 12, "deleted": 2, "renumbered": 28}
    text = run_cli("--store", amended_store / "store", "log", "tianjin").stdout.decode()
    assert "2022-09-27" in text and "amendment" in text and "关于修改" in text


@pytest.mark.parametrize("date,articles", [("2021-01-01", 58), ("2023-01-01", 68)])
def test_show_at_on_the_amended_store(amended_store, date, articles):
    r = run_cli("--store", amended_store / "store", "show", "tianjin", "--at", date, "--format", "text")
    assert r.returncode == 0
    assert len(Document(import_text(r.stdout.decode()).tree).articles) == articles


def test_blame_attributes_changes_to_the_decision(amended_store):
    r = run_cli("--store", amended_store / "store", "blame", "tianjin", "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    rows = json.loads(r.stdout)
    assert len(rows) == 68
    by_2022 = {x["num"] for x in rows if x["date"] == "2022-09-27"}
    # What the diff of the two files calls modified or added is what blame gives to 2022.
    changes = json.loads(run_cli("diff", amended_store / "t2015.xml", amended_store / "t2022.xml",
                                 "--format", "json").stdout)
    touched = {a["new"]["num"] for a in changes["articles"]
               if a["status"] in ("modified", "added")}
    assert by_2022 == touched and len(by_2022) == 38
    assert all(x["decision"].endswith("的决定") for x in rows if x["date"] == "2022-09-27")
    assert sum(1 for x in rows if x["date"] == "2015-12-24" and x["event"] == "adoption") == 30
    # Blame as of 2021 sees only the original.
    r = run_cli("--store", amended_store / "store", "blame", "tianjin", "--at", "2021-01-01",
                "--format", "csv")
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 59 and all(",2015-12-24," in line for line in lines[1:])


def test_diff_by_date_equals_diff_by_files(amended_store):
    by_date = run_cli("--store", amended_store / "store", "diff", "tianjin@2020-01-01",
                      "tianjin@2023-01-01", "--format", "json")
    by_file = run_cli("diff", amended_store / "t2015.xml", amended_store / "t2022.xml",
                      "--format", "json")
    assert by_date.returncode == by_file.returncode == 1
    a, b = json.loads(by_date.stdout), json.loads(by_file.stdout)
    assert a["summary"] == b["summary"] and a["articles"] == b["articles"]
    assert a["summary"] == {"unchanged": 2, "renumbered": 28, "modified": 26, "added": 12,
                            "deleted": 2}


def test_expression_uri_cannot_escape_the_store(tmp_path):
    from ftzlaw.akn.xml import to_bytes

    xml = to_bytes(load_tree(str(T2015))[0]).decode()
    bad = xml.replace('FRBRuri value="/akn/cn-tj/act/regulation/2015-12-24/ftz/zho@2015-12-24"',
                      'FRBRuri value="/akn/cn-tj/../../../../escaped/zho@2015-12-24"')
    assert bad != xml
    src = tmp_path / "bad.xml"
    src.write_text(bad, encoding="utf-8")
    r = run_cli("--store", tmp_path / "s", "store", "add", src)
    assert r.returncode == 2 and "unusable expression URI" in r.stderr.decode()
    assert not (tmp_path / "escaped").exists() and not list(tmp_path.rglob("zho@*.xml"))


def test_validate_and_render_take_references(store):
    r = run_cli("--store", store, "validate", "tianjin@2023-01-01")
    assert r.returncode == 0 and "tianjin@2023-01-01: valid" in r.stdout.decode()
    r = run_cli("--store", store, "render", "tianjin@2021-01-01", "--format", "html")
    assert r.returncode == 0 and "第五十八条" in r.stdout.decode() and "第六十八条" not in r.stdout.decode()


# --- integrity: the store is never read through a lie (issue 15) ---------------------------

def test_lock_symlink_does_not_truncate_its_target(store, tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("不可截断", encoding="utf-8")
    lock = store / ".lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    r = run_cli("--store", store, "store", "add", TEXTS / "hebei-ftz-2020.txt")
    assert r.returncode == 2
    assert "lock" in r.stderr.decode() and "symbolic link" in r.stderr.decode()
    assert victim.read_text(encoding="utf-8") == "不可截断"
    assert lock.is_symlink() and len(index(store)["expressions"]) == 2


@pytest.mark.parametrize("command", [["log", "tianjin"], ["show", "tianjin", "--at", "2023-01-01"],
                                     ["blame", "tianjin"], ["validate", "tianjin@2023-01-01"]])
def test_index_path_outside_the_store_is_refused(store, tmp_path, command):
    outside = tmp_path / "outside.xml"
    outside.write_bytes((store / index(store)["expressions"][1]["path"]).read_bytes())
    data = index(store)
    data["expressions"][1]["path"] = "../../../../../../../../" + str(outside).lstrip("/")
    (store / "index.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run_cli("--store", store, *command)
    assert r.returncode == 2
    err = r.stderr.decode() + r.stdout.decode()
    assert "index is damaged" in err and "zho@2022-09-27" in err
    assert "internal error" not in err


def _edit_stored(store, k, old, new):
    path = store / index(store)["expressions"][k]["path"]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_edited_stored_file_is_detected(store):
    _edit_stored(store, 0, "制定本条例。", "制定本条例！")
    for args in (["show", "tianjin", "--at", "2020-01-01"], ["log", "tianjin"],
                 ["blame", "tianjin"], ["diff", "tianjin@2020-01-01", "tianjin@2023-01-01"]):
        r = run_cli("--store", store, *args)
        assert r.returncode == 2, args
        assert "does not match the index" in r.stderr.decode(), args
    r = run_cli("--store", store, "validate", "tianjin@2020-01-01")
    assert r.returncode == 2 and "does not match the index" in r.stdout.decode()
    # the other version is untouched and still served
    r = run_cli("--store", store, "show", "tianjin", "--at", "2023-01-01", "--format", "text")
    assert r.returncode == 0 and "第六十八条" in r.stdout.decode()


def test_swapped_stored_files_are_detected(store):
    a, b = (store / e["path"] for e in index(store)["expressions"])
    da, db = a.read_bytes(), b.read_bytes()
    a.write_bytes(db)
    b.write_bytes(da)
    r = run_cli("--store", store, "show", "tianjin", "--at", "2023-01-01", "--format", "text")
    assert r.returncode == 2 and "does not match the index" in r.stderr.decode()
    assert r.stdout == b""


def test_reformatted_stored_file_is_still_accepted(store):
    """Only content counts (C14N): whitespace between attributes is no change."""
    path = store / index(store)["expressions"][0]["path"]
    path.write_bytes(path.read_bytes().replace(b'<akomaNtoso xmlns=', b'<akomaNtoso  xmlns=', 1))
    r = run_cli("--store", store, "show", "tianjin", "--at", "2020-01-01", "--format", "text")
    assert r.returncode == 0, r.stderr.decode()


def test_at_compares_dates_not_strings(store):
    s = Store.open(store)
    with pytest.raises(FtzlawError, match="not a date as YYYY-MM-DD"):
        s.at(WORK, "20220101")
    with pytest.raises(FtzlawError, match="not a date"):
        s.at(WORK, "2022-1-1")
    assert s.at(WORK, "2022-01-01").date == "2015-12-24"
    assert s.at(WORK, "2022-09-27").date == "2022-09-27"
    assert s.at(WORK, "2022-09-26").date == "2015-12-24"
    r = run_cli("--store", store, "show", "tianjin", "--at", "20220101")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr.decode()
