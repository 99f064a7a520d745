"""Compile a typst template to PDF, with the document passed as data.

The template reads its content with ``json(bytes(sys.inputs.data))``: the law's text is
never pasted into typst source, so no character of it (``#``, ``*``, ``$``, ``]`` …) can
change the markup. Only the chosen CJK font files are given to typst (system fonts are
ignored), which keeps the output deterministic and the start fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from ..errors import FtzlawError
from . import TEMPLATES_DIR
from .fonts import CJKFonts, GazetteFonts, find_cjk_fonts


def _links_ok(folder: Path, files: tuple[Path, ...]) -> bool:
    try:
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            return False  # someone else's folder in a shared /tmp: not ours to trust
        return sorted(os.listdir(folder)) == sorted(f.name for f in files) and all(
            (folder / f.name).resolve() == f.resolve() for f in files)
    except OSError:
        return False


@lru_cache(maxsize=4)
def _font_dirs(files: tuple[Path, ...]) -> list[str]:
    """Folders that hold exactly ``files``. typst takes folders, not files, so the files are
    symlinked into one folder per user and font set (made once, reused by later runs);
    where symlinks fail, the files' own folders serve."""
    digest = hashlib.sha256("\0".join(map(str, files)).encode()).hexdigest()[:12]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"ftzlaw-fonts-{uid}-{digest}"
    if _links_ok(folder, files):
        return [str(folder)]
    tmp = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=folder.parent))
        for f in files:
            os.symlink(f, tmp / f.name)
        os.rename(tmp, folder)  # atomic; fails if another run made it meanwhile
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    if _links_ok(folder, files):
        return [str(folder)]
    return sorted({str(f.parent) for f in files})


@lru_cache(maxsize=8)
def _compiler(root: str, font_dirs: tuple[str, ...]):
    """One typst Compiler per (root, fonts) for the life of the process: fonts are scanned
    once (~0.1 s for the Noto CJK collections) and typst's own caches make later documents
    fast (a second seed PDF takes ~15 ms instead of ~200 ms)."""
    import typst

    return typst.Compiler(root=root, font_paths=list(font_dirs), ignore_system_fonts=True)


def compile_pdf(template: str | os.PathLike, data: dict, *,
                fonts: CJKFonts | GazetteFonts | None = None,
                root: str | os.PathLike | None = None) -> bytes:
    """Typeset ``template`` (a ``.typ`` file, usually under ``templates/``) with ``data``.

    ``data`` must be JSON-serialisable; the template gets it as ``sys.inputs.data`` (a JSON
    string), with ``data["fonts"] = {"serif": family, "sans": family}`` added unless given
    (with :class:`GazetteFonts`, also one entry per role: ``fonts.body.font`` …).
    ``root`` (default: ``templates/`` when the template is inside it, else the template's
    folder) bounds what the template may import. Same inputs → byte-identical PDF.
    Raises FtzlawError on a template error or when a font family is missing.
    """
    import typst

    path = Path(template).resolve()
    if not path.is_file():
        raise FtzlawError("no such typst template", source=str(template))
    if root is None:
        root = TEMPLATES_DIR if path.is_relative_to(TEMPLATES_DIR) else path.parent
    fonts = fonts or find_cjk_fonts()
    payload = dict(data)
    payload.setdefault("fonts", fonts.families())
    try:
        compiler = _compiler(str(Path(root).resolve()), tuple(_font_dirs(tuple(fonts.files))))
        pdf, warnings = compiler.compile_with_warnings(
            input=str(path), format="pdf",
            sys_inputs={"data": json.dumps(payload, ensure_ascii=False)})
    except typst.TypstError as exc:
        raise FtzlawError(f"typst: {exc.message}", source=path.name) from None
    for w in warnings:
        if "font" in w.message:
            # A missing face makes typst fall back silently and drop characters.
            raise FtzlawError(f"typst: {w.message}", source=path.name)
    return pdf
