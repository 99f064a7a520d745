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


# --- faces by role (GB/T 9704-2012 §7: title 2号小标宋, body 3号仿宋, 题注 楷体) ----------------
# One table: role → (the face GB/T 9704 asks for, candidates of that style best first,
# the stand-in used when none of them is installed). A candidate is (family as typst sees it,
# file names, weight). GB 2312 coverage of each Debian face was measured with fc-query
# (docs/render.md): a face that misses GB 2312 hanzi is not listed (cwTeX 仿宋 of
# fonts-cwtex-fs, a traditional-Chinese face, lacks 2,379 of the 6,763).
_NOTO_SERIF = ["NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf", "NotoSerifSC-Regular.otf"]
_NOTO_SERIF_BOLD = ["NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf", "NotoSerifSC-Bold.otf"]
_NOTO_SANS_BOLD = ["NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansSC-Bold.otf"]


@dataclass(frozen=True)
class Role:
    name: str           # title, body, caption, heading, number
    style: str          # what GB/T 9704 asks for: 小标宋, 仿宋, 楷体, 黑体, 宋体
    candidates: tuple   # ((family, (file, …), weight), …) of that style, best first
    stand_in: tuple     # the same, used (with a warning) when no candidate is installed


ROLES = (
    Role("title", "小标宋", (
        ("FZXiaoBiaoSong-B05S", ("FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf"), "regular"),
        ("Noto Serif CJK SC", tuple(_NOTO_SERIF_BOLD), "bold"),
        ("Source Han Serif SC", ("SourceHanSerif-Bold.ttc", "SourceHanSerifSC-Bold.otf"), "bold"),
    ), (("SimSun", ("simsun.ttc",), "bold"), ("AR PL SungtiL GB", ("gbsn00lp.ttf",), "bold"))),
    Role("body", "仿宋", (
        ("FangSong", ("simfang.ttf",), "regular"),
        ("STFangsong", ("STFANGSO.TTF", "Fangsong.ttf"), "regular"),
    ), (("Noto Serif CJK SC", tuple(_NOTO_SERIF), "regular"),
        ("Source Han Serif SC", ("SourceHanSerif-Regular.ttc", "SourceHanSerifSC-Regular.otf"),
         "regular"),
        ("SimSun", ("simsun.ttc",), "regular"), ("AR PL SungtiL GB", ("gbsn00lp.ttf",), "regular"))),
    Role("caption", "楷体", (
        ("AR PL KaitiM GB", ("gkai00mp.ttf",), "regular"),
        ("LXGW WenKai", ("LXGWWenKai-Regular.ttf",), "regular"),
        ("KaiTi", ("simkai.ttf",), "regular"),
        ("STKaiti", ("STKAITI.TTF", "Kaiti.ttc"), "regular"),
        ("AR PL UKai CN", ("ukai.ttc",), "regular"),
    ), ()),  # no stand-in of its own: the body face serves
    Role("heading", "黑体", (
        ("Noto Sans CJK SC", tuple(_NOTO_SANS_BOLD), "bold"),
        ("Source Han Sans SC", ("SourceHanSans-Bold.ttc", "SourceHanSansSC-Bold.otf"), "bold"),
        ("SimHei", ("simhei.ttf",), "regular"),
        ("Microsoft YaHei", ("msyhbd.ttc", "msyh.ttc"), "bold"),
        ("Heiti SC", ("STHeiti Medium.ttc",), "regular"),
        ("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",), "regular"),
    ), ()),
    Role("number", "宋体", (
        ("Noto Serif CJK SC", tuple(_NOTO_SERIF), "regular"),
        ("Source Han Serif SC", ("SourceHanSerif-Regular.ttc", "SourceHanSerifSC-Regular.otf"),
         "regular"),
        ("SimSun", ("simsun.ttc",), "regular"), ("AR PL SungtiL GB", ("gbsn00lp.ttf",), "regular"),
    ), ()),
)
# Debian packages that hold a face of each style (scripts/install installs them).
DEBIAN_PACKAGES = {"楷体": "fonts-arphic-gkai00mp", "宋体": "fonts-noto-cjk", "黑体": "fonts-noto-cjk"}


@dataclass(frozen=True)
class RoleFace:
    """The face chosen for one role: ``family`` (what typst's ``font:`` takes), ``weight``,
    ``path``, and ``fallback``: True when it is a stand-in for the style the role asks for."""

    role: str
    style: str
    family: str
    weight: str
    path: Path
    fallback: bool = False


@dataclass(frozen=True)
class GazetteFonts:
    """One face per role, and the warnings for roles set in a stand-in face."""

    faces: dict
    cjk: CJKFonts

    @property
    def files(self) -> list[Path]:
        out = list(self.cjk.files)
        for face in self.faces.values():
            if face.path not in out:
                out.append(face.path)
        return out

    def families(self) -> dict:
        """``{role: {"font": [family, fallback], "weight", "style"}}`` (the fallback, the serif or
        sans CJK face, serves for any character the face lacks: AR PL KaitiM GB has no ― or ・),
        plus the serif and sans families of :class:`CJKFonts` (``"serif"``, ``"sans"``) for older templates."""
        out: dict = dict(self.cjk.families())
        for role, face in self.faces.items():
            back = self.cjk.sans.family if role == "heading" else self.cjk.serif.family
            out[role] = {"font": [face.family] + ([back] if back != face.family else []),
                         "weight": face.weight, "style": face.style}
        return out

    @property
    def warnings(self) -> list[str]:
        """One line (in Chinese) per role set in a stand-in face."""
        out = []
        for face in self.faces.values():
            if face.fallback:
                role = next(r for r in ROLES if r.name == face.role)
                wanted = "、".join(c[0] for c in role.candidates)
                hint = DEBIAN_PACKAGES.get(face.style)
                out.append(f"字体：未找到{face.style}（{wanted}），{_ROLE_ZH[face.role]}改用 "
                           f"{face.family}" + (f"；可安装 Debian 软件包 {hint}" if hint else
                                              "；Debian 无覆盖 GB 2312 的免费" + face.style +
                                              "字体，可将其字体文件放入 $FTZLAW_FONT_DIR"))
        return out


_ROLE_ZH = {"title": "标题", "body": "正文", "caption": "题注", "heading": "章节标题",
            "number": "页码"}


def _pick_role(candidates, index: dict[str, Path]):
    for family, names, weight in candidates:
        for name in names:
            if name in index:
                return family, weight, index[name]
    return None


@lru_cache(maxsize=1)
def gazette_fonts() -> GazetteFonts:
    """The face of each role (title 小标宋, body 仿宋, 题注 楷体, headings 黑体, page numbers 宋体)
    on this machine. A role whose style is not installed gets a stand-in (``fallback=True``,
    listed in ``warnings``): the body's for 题注, the serif CJK face (bold for the title)
    otherwise. Raises FtzlawError naming ``fonts-noto-cjk`` when no CJK face is installed."""
    cjk = find_cjk_fonts()
    index = _index(font_dirs())
    faces: dict = {}
    for role in ROLES:
        found = _pick_role(role.candidates, index)
        fallback = False
        if found is None:
            fallback = True
            found = _pick_role(role.stand_in, index)
            if found is None:
                base = faces.get("body") if role.name == "caption" else None
                if base is not None:
                    found = (base.family, base.weight, base.path)
                else:
                    face = cjk.sans if role.name == "heading" else cjk.serif
                    bold = role.name in ("title", "heading") and face.bold_path is not None
                    found = (face.family, "bold" if bold else "regular",
                             face.bold_path if bold else face.path)
        family, weight, path = found
        faces[role.name] = RoleFace(role.name, role.style, family, weight, path, fallback)
    return GazetteFonts(faces, cjk)
