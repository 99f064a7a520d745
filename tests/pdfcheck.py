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
