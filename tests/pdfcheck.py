"""Real poppler checks of PDFs: fonts, text, outline (no mocks)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import need


def fonts(pdf: Path) -> list[dict]:
    """``pdffonts`` rows: name, type, emb, sub, uni."""
    need("pdffonts")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) < 7:
            continue
        # name type [encoding…] emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def text(pdf: Path, raw: bool = True) -> str:
    need("pdftotext")
    args = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def outline(pdf: Path) -> list[str]:
    """Titles of the PDF outline (bookmarks), in order, from ``pdftohtml -xml``."""
    need("pdftohtml")
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    block = re.search(r"<outline>(.*)</outline>", xml, re.S)
    if not block:
        return []
    return [re.sub(r"<[^>]+>", "", t).strip()
            for t in re.findall(r"<item[^>]*>(.*?)</item>", block.group(1), re.S)]


def info(pdf: Path) -> dict[str, str]:
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in
            (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Words of one page (1-based) with their boxes ``(word, xMin, yMin, xMax, yMax)`` in
    points from the top-left, from ``pdftotext -bbox``: for checking positions."""
    need("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)]


def page_size(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in points (from ``pdfinfo``)."""
    m = re.match(r"([\d.]+) x ([\d.]+)", info(pdf)["Page size"])
    return float(m.group(1)), float(m.group(2))
