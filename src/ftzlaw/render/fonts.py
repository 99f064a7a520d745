"""Find CJK fonts on this machine: a serif (宋/仿宋-style) and a sans (黑体-style) face.

Every renderer that typesets Chinese (the PDF of a law, the 修改前后对照表, reports) asks
here, so they all use the same faces and say the same thing when none is installed.
Fonts are looked up by file name in the usual font folders of Debian, macOS and Windows
(plus ``$FTZLAW_FONT_DIR``); no fontconfig needed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import FtzlawError

INSTALL_HINT = ("no CJK font found: install the Debian package fonts-noto-cjk "
                "(apt-get install fonts-noto-cjk), or on macOS/Windows the system Chinese "
                "fonts, or point FTZLAW_FONT_DIR at a folder holding Noto Serif/Sans CJK SC")

# (family name as typesetters see it, file names that carry it), best first.
SERIF = [
    ("Noto Serif CJK SC", ["NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf",
                           "NotoSerifSC-Regular.otf"]),
    ("Source Han Serif SC", ["SourceHanSerif-Regular.ttc", "SourceHanSerifSC-Regular.otf"]),
    ("FangSong", ["simfang.ttf"]),
    ("SimSun", ["simsun.ttc"]),
    ("Songti SC", ["Songti.ttc"]),
    ("STSong", ["STSong.ttf"]),
    ("AR PL UMing CN", ["uming.ttc"]),
]
SANS = [
    ("Noto Sans CJK SC", ["NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf",
                          "NotoSansSC-Regular.otf"]),
    ("Source Han Sans SC", ["SourceHanSans-Regular.ttc", "SourceHanSansSC-Regular.otf"]),
    ("SimHei", ["simhei.ttf"]),
    ("Microsoft YaHei", ["msyh.ttc"]),
    ("Heiti SC", ["STHeiti Medium.ttc", "STHeiti Light.ttc"]),
    ("PingFang SC", ["PingFang.ttc"]),
    ("WenQuanYi Zen Hei", ["wqy-zenhei.ttc"]),
]
# Bold faces, when present beside the regular ones (used for the title and 第X条).
BOLD = {
    "NotoSerifCJK-Regular.ttc": "NotoSerifCJK-Bold.ttc",
    "NotoSerifCJKsc-Regular.otf": "NotoSerifCJKsc-Bold.otf",
    "NotoSansCJK-Regular.ttc": "NotoSansCJK-Bold.ttc",
    "NotoSansCJKsc-Regular.otf": "NotoSansCJKsc-Bold.otf",
    "SourceHanSerif-Regular.ttc": "SourceHanSerif-Bold.ttc",
    "SourceHanSans-Regular.ttc": "SourceHanSans-Bold.ttc",
}


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    bold_path: Path | None = None

    @property
    def files(self) -> list[Path]:
        return [self.path] + ([self.bold_path] if self.bold_path else [])


@dataclass(frozen=True)
class CJKFonts:
    """A serif (宋) and a sans (黑) CJK face, with their files."""

    serif: Face
    sans: Face

    @property
    def files(self) -> list[Path]:
        """Every font file to hand to a typesetter (regular and bold of both faces)."""
        out: list[Path] = []
        for f in self.serif.files + self.sans.files:
            if f not in out:
                out.append(f)
        return out

    def families(self) -> dict[str, str]:
        """``{"serif": family, "sans": family}``: what templates put in ``font:``."""
        return {"serif": self.serif.family, "sans": self.sans.family}


def font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("FTZLAW_FONT_DIR"):
        dirs += [Path(p) for p in os.environ["FTZLAW_FONT_DIR"].split(os.pathsep) if p]
    home = Path.home()
    if sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                 Path("/System/Library/Fonts/Supplemental"),
                 Path("/System/Library/AssetsV2")]
    elif sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs += [windir / "Fonts",
                 Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft/Windows/Fonts"]
    else:
        xdg = Path(os.environ.get("XDG_DATA_HOME", home / ".local/share"))
        dirs += [xdg / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts")]
    return [d for d in dirs if d.is_dir()]


def _index(dirs: list[Path]) -> dict[str, Path]:
    """File name → first path holding it, over all font folders (recursively)."""
    found: dict[str, Path] = {}
    for d in dirs:
        for root, _subdirs, files in os.walk(d):
            for name in files:
                found.setdefault(name, Path(root) / name)
    return found


def _pick(candidates, index: dict[str, Path]) -> Face | None:
    for family, names in candidates:
        for name in names:
            if name in index:
                bold = BOLD.get(name)
                bold_path = index.get(bold) if bold else None
                if bold_path is not None and bold_path.parent != index[name].parent:
                    bold_path = None
                return Face(family, index[name], bold_path)
    return None


@lru_cache(maxsize=1)
def find_cjk_fonts() -> CJKFonts:
    """The CJK faces to typeset with. Raises FtzlawError naming ``fonts-noto-cjk`` if none.

    When only one style is installed it serves for both (a PDF in one face beats none).
    """
    index = _index(font_dirs())
    serif, sans = _pick(SERIF, index), _pick(SANS, index)
    if serif is None and sans is None:
        raise FtzlawError(INSTALL_HINT)
    return CJKFonts(serif or sans, sans or serif)
