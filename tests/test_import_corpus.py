"""The national corpus (../shared/corpus/lawrefbook, 3,423 texts): every text imported, its
article count against the source's 第X条 lines, strict XSD validity and fidelity (the
document holds exactly the source's characters). Marked ``slow``; it runs in the default
suite (a process pool, a few minutes on 2 cores). Also: 21 texts of different kinds checked
by hand (tests/fixtures/import/lawrefbook-sample.json), and the amend-corpus inputs."""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from ftzlaw.akn import Document
from ftzlaw.textin import import_bytes
from ftzlaw.textin.batch import plan

from conftest import ROOT, SHARED

LRB = SHARED / "corpus" / "lawrefbook"
SAMPLE = ROOT / "tests" / "fixtures" / "import" / "lawrefbook-sample.json"
# A 第X条 line of the source: the label at the start of a line (Markdown marks, spaces and
# zero-width characters before it aside; a stray space inside the label allowed).
ARTICLE_LINE = re.compile(r"^第[一二三四五六七八九十百千零〇两]+ ?条(?:之[一二三四五六七八九十]+)?")
# Texts the corpus holds without their body: their title and event lines only (source
# defects; the importer refuses them, saying so).
KNOWN_EMPTY = {
    "DLC/广东地方法规/地方性法规/广东/汕头经济特区突发公共卫生事件应急条例(2022-05-30).md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市实施《农业技术推广法》办法(2016-09-29).md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市实施《国家赔偿法》办法(2012-09-27).md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市实施《母婴保健法》办法(2018-07-26).md",
}


def source_articles(text: str) -> int:
    """The 第X条 lines of the body (after the collection's <!-- INFO END --> where it has
    one: a wrapped event line above it may open with a cited 第三十一条)."""
    body = text.split("<!-- INFO END -->", 1)[-1]
    return sum(1 for line in body.split("\n")
               if ARTICLE_LINE.match(line.strip(" \t\u3000\u200b\ufeff#")))


def check_one(path: str) -> tuple[str, str, str]:
    """(file, outcome, detail): outcome ok | refused | count | invalid | fidelity."""
    from ftzlaw.textin.fidelity import check
    from ftzlaw.textin.markdown import unwrap
    from ftzlaw.validate.schema import official_schema

    rel = str(Path(path).relative_to(LRB))
    data = Path(path).read_bytes()
    try:
        result = import_bytes(data, source=rel)
    except Exception as exc:          # noqa: BLE001 — every refusal is listed with its reason
        return rel, "refused", getattr(exc, "message", f"{type(exc).__name__}: {exc}")
    text = data.decode("utf-8")
    want, got = source_articles(text), result.counts.get("articles", 0)
    if want != got:
        return rel, "count", f"{got} articles imported, {want} 第X条 lines in the source"
    xsd = official_schema(strict=True)      # the OASIS XSD itself, eId uniqueness included
    if not xsd.validate(result.tree):
        return rel, "invalid", str(xsd.error_log.last_error)
    differs = check(unwrap(text)[0], result.tree, pdf=result.layout == "pdf")
    if differs:
        return rel, "fidelity", differs
    return rel, "ok", ""


@pytest.fixture(scope="module")
def corpus_results():
    if not LRB.is_dir():
        pytest.fail(f"the corpus is missing: {LRB}")
    files = [src for src, _ in plan([LRB], "/nonexistent")]
    with ProcessPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(check_one, files, chunksize=16))


@pytest.mark.slow
def test_whole_corpus_imports_counted_valid_and_faithful(corpus_results):
    total = len(corpus_results)
    assert total == 3423        # 3,445 Markdown files less the collection's 22 _index.md pages
    failures = [(f, outcome, detail) for f, outcome, detail in corpus_results if outcome != "ok"]
    listing = "\n".join(f"{outcome:9} {f}: {detail}" for f, outcome, detail in failures)
    ok = total - len(failures)
    assert ok / total >= 0.995, f"{ok}/{total} imported right; failures:\n{listing}"
    # every failure is a known source defect, refused with the reason given
    assert {f for f, _, _ in failures} <= KNOWN_EMPTY, listing
    for f, outcome, detail in failures:
        assert outcome == "refused" and detail.startswith("no article (第X条) and no paragraph"), \
            listing


@pytest.mark.slow
def test_batch_import_of_a_corpus_folder(tmp_path):
    """The batch command on a real folder: every text written, the summary exact."""
    from conftest import run_cli

    folder = LRB / "宪法"
    r = run_cli("import", folder, "-o", tmp_path, "--format", "json")
    assert r.returncode == 0, r.stderr.decode()
    report = json.loads(r.stdout)
    assert report["summary"] == {
        "texts": 6, "imported": 6, "refused": 0, "articles": 143 + 2 + 9 + 6 + 14 + 26,
        "refused_by_reason": {}, "warnings_by_kind": {"numbering": 6}}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.with_suffix(".xml").name for p in folder.glob("*.md") if p.name != "_index.md")


def sample():
    return json.loads(SAMPLE.read_text("utf-8"))["texts"]


@pytest.mark.parametrize("case", sample(), ids=lambda c: c["file"].rsplit("/", 1)[-1][:24])
def test_hand_checked_sample(case):
    path = LRB / case["file"]
    result = import_bytes(path.read_bytes(), source=str(path))
    doc = Document(result.tree)
    assert doc.title == case["title"]
    assert doc.work_uri == case["work"]
    assert doc.expression_date == case["expression_date"]
    c = result.counts
    assert (c["articles"], c["chapters"], c["paragraphs"], c["points"]) == (
        case["articles"], case["chapters"], case["paragraphs"], case["points"])
    assert [[e["date"], e["refersTo"] or e["type"]] for e in doc.events] == case["events"]


AMEND = SHARED / "amend-corpus"


@pytest.mark.parametrize("triple", sorted(p.name for p in AMEND.iterdir() if p.is_dir())
                         if AMEND.is_dir() else [])
def test_amend_corpus_inputs_import_right(triple):
    """before.txt and after.txt of each amendment triple (LRB and CL formats, 公告 over the
    title, date lines, 目录, a title printed twice): articles as the source's 第X条 lines,
    the title without 公告 or date, the dates of the text, strictly valid, faithful."""
    from ftzlaw.textin.fidelity import check
    from ftzlaw.validate.core import schema_problems

    for name in ("before.txt", "after.txt"):
        path = AMEND / triple / name
        text = path.read_text("utf-8")
        result = import_bytes(path.read_bytes(), source=str(path))
        doc = Document(result.tree)
        assert result.counts["articles"] == source_articles(text), name
        assert "公告" not in doc.title and not re.search(r"\d{4}年", doc.title), doc.title
        assert doc.title.startswith(("上海市", "最高人民法院")), doc.title
        dated = any(re.match(r"[（(]?\d{4}年", ln.strip()) for ln in text.split("\n")[:12])
        assert ("/0001-01-01/" not in doc.work_uri) == dated, (name, doc.work_uri)
        assert schema_problems(result.tree, name) == []
        assert check(text, result.tree, pdf=result.layout == "pdf") is None, name
