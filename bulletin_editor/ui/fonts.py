"""Are the official fonts installed? Which font stands in for a missing one?

The export always names the official fonts; on a machine without one, Word substitutes.
The fallbacks are the substitutes Word usually takes, each with the English name Windows lists it under.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase

# official name -> fallbacks in order; every name with its aliases.
FALLBACKS = {
    "方正小标宋简体": ("方正小标宋_GBK", "华文中宋", "宋体"),
    "仿宋_GB2312": ("仿宋",),
    "楷体_GB2312": ("楷体",),
    "黑体": (),
    "宋体": (),
}
ALIASES = {
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
    "方正小标宋_GBK": ("FZXiaoBiaoSong-B05",),
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "华文中宋": ("STZhongsong",),
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "黑体": ("SimHei",),
    "宋体": ("SimSun",),
}


@dataclass(frozen=True)
class FontStatus:
    official: str
    installed: bool
    substitute: str | None  # the first installed fallback, when the official font is missing

    def describe(self) -> str:
        if self.installed:
            return f"{self.official}：已安装"
        if self.substitute:
            return f"{self.official}：未安装，Word 将改用“{self.substitute}”显示"
        return f"{self.official}：未安装，且没有可用的替代字体，Word 将使用默认字体"


def font_statuses(families: set[str] | None = None) -> list[FontStatus]:
    """The status of every official font; `families` defaults to the system's (QFontDatabase)."""
    if families is None:
        families = set(QFontDatabase.families())

    def installed(name: str) -> bool:
        return any(n in families for n in (name, *ALIASES.get(name, ())))

    statuses = []
    for official, fallbacks in FALLBACKS.items():
        substitute = next((f for f in fallbacks if installed(f)), None)
        statuses.append(FontStatus(official, installed(official), substitute))
    return statuses
