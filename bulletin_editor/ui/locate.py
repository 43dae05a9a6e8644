"""What the editor calls each kind of section (the walks over the issue are in model.tree)."""

from __future__ import annotations

from ..model import SectionKind

KIND_NAMES = {
    SectionKind.NEWS: "新闻条目",
    SectionKind.VISITS: "厅（局）长进大厅",
    SectionKind.INSPECTION: "大厅巡查",
    SectionKind.STATISTICS: "统计数字",
    SectionKind.TEXT: "自由文本",
    SectionKind.GROUP: "分组（只含二级标题）",
}
ITEM_KINDS = (SectionKind.NEWS, SectionKind.VISITS, SectionKind.INSPECTION, SectionKind.TEXT)
